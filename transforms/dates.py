"""Parsing of publication dates given as metadata (JSONL ``date``, HTML meta, a dateline).

ISO 8601 and the common English forms ("Fri Oct 20, 2006 6:15pm EDT", "August 3, 2015",
"3 Aug 2015 10:32", "2006-10-20T18:15:00 EDT", "10/20/2006"). Times are kept as the local
wall-clock time the source gives; zone designators are dropped because the article's own
"today" (what relative dates resolve against) is the local date.
"""

from __future__ import annotations

import polars as pl

from transforms.patterns import WEEKDAYS_ABBREV, WEEKDAYS_FULL, alternation

_WEEKDAY = alternation(WEEKDAYS_FULL + WEEKDAYS_ABBREV)

# Cleaning steps turn every accepted form into one of _FORMATS.
_CLEAN: tuple[tuple[str, str], ...] = (
    (rf"(?i)\b({_WEEKDAY})\b\.?,?", " "),
    # Zone designators: "Z", "+02:00", "-0500", "EDT", "GMT+1", "(UTC)".
    (r"(?i)(\d)(Z|[+-]\d{2}:?\d{2})\s*$", "$1"),
    (
        r"(?i)\(?\b(UTC|GMT|EDT|EST|CDT|CST|MDT|MST|PDT|PST|BST|CET|CEST|IST|JST|AEST|ET|PT)\b([+-]\d{1,2}(:?\d{2})?)?\)?",
        " ",
    ),
    (r"(?i)\b(a|p)\.?m\.?(\s|$)", "${1}M "),
    (r"(?i)\bSept\b", "Sep"),
    (r"(?i)\b([A-Za-z]{3})\.", "$1"),  # "Aug." -> "Aug"
    (r"(?i)\b(\d{1,2})(st|nd|rd|th)\b", "$1"),
    (r"(?i)\b(at|on|published|updated|posted)\b:?", " "),
    (r"(?i)(\d)\s+([ap]M)\b", "$1$2"),
    (r"(?i)(^|\s)(\d{1,2})([ap]M)\b", "$1$2:00$3"),  # "4 p.m." -> "4:00 PM"
    (r"(?i)(\d{1,2}:\d{2}(:\d{2})?)([ap]M)", "$1 $3"),
    (r"[,|]", " "),
    (r"\s+", " "),
)

_FORMATS: tuple[str, ...] = (
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%B %d %Y %I:%M %p",
    "%b %d %Y %I:%M %p",
    "%B %d %Y %H:%M",
    "%b %d %Y %H:%M",
    "%d %B %Y %I:%M %p",
    "%d %b %Y %I:%M %p",
    "%d %B %Y %H:%M",
    "%d %b %Y %H:%M",
    "%d %b %Y %H:%M:%S",
    "%I:%M %p %B %d %Y",
    "%I:%M %p %b %d %Y",
)
_DATE_ONLY_FORMATS: tuple[str, ...] = (
    "%Y-%m-%d",
    "%B %d %Y",
    "%b %d %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%m/%d/%Y",
    "%Y/%m/%d",
    "%Y%m%d",
)


def parse_published(raw: pl.Expr) -> pl.Expr:
    """A Datetime("us") expression, NULL where the string is not a recognisable date."""
    text = raw
    for pattern, replacement in _CLEAN:
        text = text.str.replace_all(pattern, replacement)
    text = text.str.strip_chars()
    attempts = [text.str.to_datetime(f, strict=False, time_unit="us") for f in _FORMATS]
    attempts += [
        text.str.to_date(f, strict=False).cast(pl.Datetime("us")) for f in _DATE_ONLY_FORMATS
    ]
    parsed = pl.coalesce(attempts)
    # A year outside this window is a misparse (or an ID), not a publication date.
    return pl.when(parsed.dt.year().is_between(1900, 2100)).then(parsed).otherwise(None)
