"""Dates, times and durations in news text, normalised TIMEX3-style against the publication date.

Representation (fact_type "date"):

- ``unit``: a TIMEX3-style value: "2015-08-28" (day), "2015-W32" (ISO week), "2015-08"
  (month), "2015-Q4", "2015-H1", "2015" (year), "199" (the 1990s, decade),
  "2015-08-28T16:00" (time), or "PAST_REF" / "PRESENT_REF" / "FUTURE_REF" ("recently",
  "now", "soon", "current", "the near term"), "19" (the 20th century), or a frequency
  (TIMEX3 SET: "daily" / "every day" -> "P1D", "every quarter" -> "P1Q", "hourly" -> "PT1H").
- ``date_granularity``: day, week, month, quarter, half, year, decade, century, time, ref
  or set (filter ref / set out for calendar dates only).
- ``value_date``: the first day of the period when the year is known, else NULL.
- value / value_high / direction: NULL. ``rule`` names the rule that fired ("date.month_day").
- Modifiers are part of the span but not of the value (TIMEX3 keeps them in ``mod``):
  "mid-2015", "early 2014", "late last year", "earlier this month" -> the year / month.

Resolution against ``published_at`` (news conventions):

- A date the text leaves partial ("Aug. 28", "in January") gets the year that puts it near
  the publication date: a day within 92 days after / 230 days before it, a month within 2
  months after / 9 before; reversed (far after, near before) when the 60 characters before
  the date carry a future cue ("will", "plans to", "expected", "until"...).
  "last"/"next"/"this" override the lean ("last April" = the latest April before). A
  past-tense verb right before the date ("closed Wednesday") makes the lean past whatever cue
  came earlier; "by" right before it ("by February", a deadline) makes it future.
- Weekdays: the most recent such day on or before publication ("said Monday"); with a
  future cue or "next" the first one on or after it (strictly after for "next").
- Quarters and halves without a year ("fourth quarter", "the first half"): the most recent
  one that has begun by publication (no tense lean: quarters are reported after they end;
  "next" moves forward). "a year earlier" / "the year-ago quarter" in a sentence with a
  quarter is that quarter a year before, else the previous year. "the
  quarter" / "the latest quarter" is the last completed quarter (the one being reported);
  "this/current quarter" the one containing publication.
- "the year ending in March" is a fiscal year end: valued as the month ("2016-03", granularity
  month): with "ending"/"to" the first such month not before publication, with "ended" the
  latest not after it; with a day ("the year ended March 31") it is that day.
- Times ("4 p.m. Eastern Time"): on the day of a day-level date in the same sentence, else
  on the publication day (news convention: "shares closed at 4 p.m." means that day); the
  time zone is part of the span, the wall-clock time is kept as written.
- Without a published date: what the text fixes is kept ("Aug. 28" -> "XXXX-08-28",
  "Monday" -> "XXXX-WXX-1", "fourth quarter" -> "XXXX-Q4", value_date NULL); purely
  relative expressions ("last year", "yesterday", "two months ago") become PAST_REF /
  PRESENT_REF / FUTURE_REF with granularity "ref".

Years need a date context: 1900-2099 after a preposition or determiner ("in 2015", "since
2008", "the 2015 budget"), or before "'s" / a verb ("2014 is shaping up"); never "2,015",
"2015 units". Bare "May" / "March" / "June" / "August" (verbs, names) need a preposition or a
modifier before them ("in May", "early March") unless a day or a year follows; lower-case
month words are never months.

"the week of March 6" is that day's ISO week; "for the week," / "the week's" the week of
publication. "the year ended March 31" is its end date and also, on "the year", a one-year
duration. "previously" / "formerly" are not reference words (they only order events).

Durations ("three years", "the past 18 months", "24 hours", "two more weeks", "eight trading
days", the low end of "two to three weeks") are fact_type "quantity": value
= the number, unit = years/months/weeks/days/hours/minutes (decades count as 10 years),
category "duration", rule "date.duration". Ages ("57-year-old") are not durations.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable

import polars as pl

from transforms.facts.numbers import WORD_NUMBER, parse_number
from transforms.facts.spans import (
    ascii_pattern,
    contains,
    context_after,
    context_before,
    find_spans,
)
from transforms.patterns import MONTHS_ABBREV, MONTHS_FULL, WEEKDAYS_FULL, alternation


def _cap(words: str) -> str:
    """'last|next' -> '(?:[Ll]ast|[Nn]ext)': sentence-initial capitals without (?i) on names."""
    return (
        "(?:" + "|".join(f"[{w[0].upper()}{w[0].lower()}]{w[1:]}" for w in words.split("|")) + ")"
    )


# --- Building blocks -------------------------------------------------------------------------

_FULL = alternation(MONTHS_FULL)
_ABBR = alternation(MONTHS_ABBREV)
MONTH = rf"(?:(?:{_FULL})\b|(?:{_ABBR})\b\.?)"
WEEKDAY = rf"(?:{alternation(WEEKDAYS_FULL)})\b"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b"
YEAR = r"(?:19\d\d|20\d\d)\b"
# Digits or words; "a"/"an" are numbers too ("a decade ago") and are checked in context.
NUM = rf"(?:\d+(?:\.\d+)?|{WORD_NUMBER})"
ORDINAL = r"(?i:first|second|third|fourth|1st|2nd|3rd|4th)"
# Modifiers kept in the span but not in the value.
MOD = (
    rf"(?:(?:{_cap('early|late|mid|earlier|later')})[- ]"
    rf"|(?:{_cap('the|at the|by the')}) (?:end|start|beginning|middle) of |[Ee]nd-)"
)
# Words that make a following number a year or a bare month a month.
DATE_PREP = _cap(
    "in|since|by|for|of|from|until|till|through|to|before|after|during|between|on|"
    "within|into|throughout|as of|fiscal|calendar|ending|ended"
)
# Approximators ("about 2000 people") are left out: before a bare number they signal a count.
YEAR_PREP = _cap(
    "in|since|by|for|of|from|until|till|through|to|before|after|during|between|and|on|"
    "within|into|throughout|as of|the|last|next|this|that|at|year|summer|winter|due|"
    "spring|autumn|fall|ending|ended|its|their|his|her|our|both|early|late|predicting|a"
)
_FUTURE_CUE = (
    r"(?i)\b(?:will|won't|shall|going to|plans? to|planning to|planned|intends? to|aims? to|"
    r"expects?|expected|scheduled|due|set to|upcoming|forecasts?|projected|until|as soon as|"
    r"as early as|is to|are to|slated)\b|'ll\b"
)
# A past-tense verb right before a date ("closed Wednesday", "announced on Monday") fixes its
# tense whatever cue came earlier; verbs of scheduling ("scheduled", "expected") do not.
_PAST_VERB_BEFORE = (
    r"\b(?:\w+ed|said|met|told|was|were|had|did|began|came|went|took|made|gave|saw|sent|left|"
    r"held|rose|fell|won|lost|paid|sold|bought|spoke|wrote|struck|hit|broke|ran|got)(?: on)? $"
)
_NOT_PAST_VERB = (
    r"\b(?:scheduled|expected|planned|slated|postponed|delayed|deferred|rescheduled|moved|"
    r"pushed|extended|needed|intended|aimed|proposed|called|asked|ordered|required|targeted)"
    r"(?: on)? $"
    # A participle after an auxiliary: "will be approved Dec. 15", "to be held Monday".
    r"|\b(?:be|will|would|shall|to|can|could|should|may|might|must)\b(?: \w+)? \w+(?: on)? $"
)
# "by February" is a deadline: a partial date after "by" is looked for ahead of publication.
_DEADLINE_BEFORE = r"\b[Bb]y $"
# Counted nouns after a number that make it a count, not a year ("2015 units").
_COUNT_AFTER = (
    r"^(?:[.,]\d|-\d|%| ?(?:percent|units|shares|people|jobs|employees|workers|cars|"
    r"vehicles|tons|tonnes|barrels|homes|members|points|copies|stores|students|"
    r"customers|pounds|miles|feet|acres|kilometers|meters|votes|devices|phones|sites|"
    r"items|euros|dollars|yen|yuan|rupees)\b)"
)
# "current" before these is no reference to the present ("current account deficit").
_CURRENT_NOT_REF = (
    r"^ (?:accounts?|assets|liabilit|affairs|events|ratio|portion|carrier|flow|"
    r"(?:is|was|were|has|had|will|and|or|of|in|on|to|from|that|which)\b)"
)
_HOLIDAY_BEFORE = r"(?:Black|Cyber|Good|Super|Ash|Easter|Bloody|Holy|Maundy|Giving) $"
_TZ = (
    r"(?:Eastern|Pacific|Central|Mountain|Greenwich Mean|British Summer|Central European|"
    r"[Ll]ocal|Tokyo|Hong Kong|Singapore|Beijing|London|New York) [Tt]ime|"
    r"ET|EDT|EST|PT|PDT|PST|CT|CDT|CST|MT|MDT|MST|GMT|BST|UTC|CET|CEST|JST|HKT|SGT"
)
_UNIT = r"years?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?|decades?"
# Spelled-out years of broadcast transcripts: "nineteen ninety-six", "twenty ten".
_TENS_WORDS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNIT_WORDS = "one|two|three|four|five|six|seven|eight|nine"
_TEEN_WORDS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
SPELLED_YEAR = (
    rf"(?:{_cap('nineteen|twenty')}) "
    rf"(?:(?:{_TENS_WORDS})(?:[- ](?:{_UNIT_WORDS}))?|{_TEEN_WORDS})\b"
)
_SEASON_MODS = _cap("last|this|next|this past|this coming|the|the early|the late|early|late")
_WEEKEND_MODS = _cap("the|this|last|next|this past|this coming|the coming|the past")
_SEASONS = {"spring": 0, "summer": 1, "fall": 2, "autumn": 2, "winter": 3}
_SEASON_CODES = ["SP", "SU", "FA", "WI"]
_PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
                 "tonight": "NI"}  # fmt: skip
# Vague amounts of a unit ("several years", "for months"): durations without a number.
_VAGUE_QUANT = _cap(
    "several|a few|few|many|some|a couple of|the next few|the past few|the last few|"
    "the next several|the past several|the last several|the coming|the next|the past|"
    "the first|the early|the|recent|coming|in coming|in recent"
)
# Quantifiers that make a vague duration a length of time even before an event.
_VAGUE_COUNT = rf"^(?:{_cap('several|a few|few|many|a couple of')}) "
_THE_YEAR_MODS = _cap(
    "the full|the current fiscal|the current|the current calendar|the latest fiscal|"
    "the latest full|the full fiscal"
)
_YEAR_END = _cap("year-end|year end|year's end")
_VAGUE_PRE = _cap("for|over|within|in|after|during|of|than|lasted|took|take|takes")

_MONTH_NUM = {m[:3].lower(): i + 1 for i, m in enumerate(MONTHS_FULL)}
_WEEKDAY_NUM = {d[:3].lower(): i + 1 for i, d in enumerate(WEEKDAYS_FULL)}
_ORDINAL_NUM = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}  # fmt: skip
_FRACTIONS = {"1/2": 0.5, "half": 0.5, "1/4": 0.25, "quarter": 0.25, "3/4": 0.75}
_REL_NUM = {"last": -1, "this": 0, "next": 1, "this past": -1, "the current": 0, "current": 0,
            "the coming": 1, "coming": 1, "the past": -1, "previous": -1,
            "the previous": -1}  # fmt: skip
_REF_VALUES = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "at present": "PRESENT_REF",
    "presently": "PRESENT_REF", "these days": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "recently": "PAST_REF",
    "the past": "PAST_REF", "recent years": "PAST_REF", "soon": "FUTURE_REF",
    "the future": "FUTURE_REF", "shortly": "FUTURE_REF", "current": "PRESENT_REF",
    "the near future": "FUTURE_REF", "the near term": "FUTURE_REF",
    "the short term": "FUTURE_REF",
}  # fmt: skip
# Frequencies (TIMEX3 SETs): "daily", "every week", "each year".
_SET_VALUES = {"daily": "P1D", "weekly": "P1W", "hourly": "PT1H", "monthly": "P1M",
               "annually": "P1Y", "yearly": "P1Y",
               "day": "P1D", "week": "P1W", "month": "P1M", "year": "P1Y", "quarter": "P1Q",
               "hour": "PT1H"}  # fmt: skip
_DECADE_WORDS = {
    "twenties": 1920, "thirties": 1930, "forties": 1940, "fifties": 1950,
    "sixties": 1960, "seventies": 1970, "eighties": 1980, "nineties": 1990,
}  # fmt: skip
_CENTURY_WORDS = {"nineteenth": 19, "twentieth": 20, "twenty-first": 21}
_PERIOD_MODS = {"the next": "next", "the previous": "last", "previous": "last",
                "the current": "this", "current": "this", "the latest": "the"}  # fmt: skip
_DAY_WORDS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
_UNIT_NAMES = {"year": "years", "month": "months", "week": "weeks", "day": "days",
               "hour": "hours", "hr": "hours", "minute": "minutes", "min": "minutes",
               "decade": "years"}  # fmt: skip


def _weekday_number(name: pl.Expr) -> pl.Expr:
    """Weekday number of a weekday name ("Tuesday", "tue")."""
    return (
        name.str.slice(0, 3)
        .str.to_lowercase()
        .replace_strict(_WEEKDAY_NUM, default=None, return_dtype=pl.Int32)
    )


_LTN = _cap("last|this|next")
_QUARTER_MODS = _cap(
    "last|next|this|the|the latest|the current|the previous|the next|current|previous"
)
_WEEKDAY_MODS = _cap("last|next|this|this past|this coming|previous|coming")
_UNIT_MODS = _cap("last|this|next|this past|the current|the coming|current|coming")
_APPROX = _cap(
    "barely|nearly|almost|about|just|only|some|roughly|more than|less than|over|around|"
    "at least|exactly"
)
# "previously" / "formerly" only order events ("previously announced"); TIMEX3 rarely marks
# them and they name no time an analyst could filter on.
_REF_WORDS = _cap("now|currently|at present|presently|these days|nowadays|recently|shortly")
_DURATION_PRE = _cap(
    "for|over|within|in|after|than|about|nearly|almost|around|some|least|roughly|during|of|"
    "to|by|each|every|per|once|twice|barely|just|only|as long as|up to|another"
)
_DURATION_MODS = _cap("past|last|next|first|previous|coming|following|final|latest")

# Cheap prefilter: a sentence without any of these cannot hold a date or duration.
PREFILTER = (
    rf"{_FULL}|{_ABBR}|{alternation(WEEKDAYS_FULL)}|\b(?:19|20)\d\d\b|\d[ .]?[ap]\.?m|"
    r"(?i:year|month|week|\bday|hour|minute|\bhrs?\b|\bmins?\b|decade|quarter|half|"
    r"\bnow\b|recent|soon|midday|annually|\bago\b|today|tonight|tomorrow|yesterday|future|past|"
    r"currently|present|\bQ[1-4]|[1-4]Q|noon|midnight|\d/\d|\d0s\b|shortly|spring|summer|"
    r"fall|autumn|winter|morning|afternoon|evening|night|weekend|thanksgiving|christmas|"
    r"halloween|valentine|nineteen|twenty|current|daily|century|ties\b|near term|short term|"
    r"latest period)"
)

# Per rule, a cheap regex that every match of the rule contains (a word or literal its pattern
# requires): sentences without it skip the rule's full pattern, which costs several times more
# to scan.
_MONTH_WORD = "|".join(m[:3] for m in MONTHS_FULL)  # every month name and abbreviation
_UNIT_WORD = "year|month|week|decade|quarter"
_MONTH_NAME = rf"(?:{_FULL}|{_ABBR})\.?"
# Scanned one by one (a sentence has the trigger if it has either): beside the literals, the
# digit-led alternative made the one automaton several times slower (0.03 s against 0.009 s
# for both on 13 MB of news).
_TIME_TRIGGER_PARTS = (r"[0-9] ?[AaPp]\.?[Mm]", r":[0-5]|noon|midnight|midday")
TRIGGERS: dict[str, str] = {
    "date.iso": r"(?:19|20)\d\d",
    "date.numeric": r"(?:19|20)\d\d",
    # The month rules' words next to the month: most month names are in no such phrase.
    "date.month_day": rf"{_MONTH_NAME} [0-9]",
    "date.day_month": rf"\d(?:st|nd|rd|th)? (?:of )?(?:{_FULL}|{_ABBR})",
    "date.month_year": (
        rf"{_MONTH_NAME},? (?:of )?(?:19|20|[Nn]ineteen|[Tt]wenty|[Ll]ast|[Tt]his|[Nn]ext)"
    ),
    "date.fiscal_year_end": "year [et]",
    "date.month": _MONTH_WORD,
    "date.year": r"(?:19|20)\d\d",
    "date.decade": "0s|ties",
    "date.century": "entury",
    "date.set": "aily|eekly|ourly|onthly|nnually|early|very |ach ",
    "date.period": r"(?:latest|recent|\d|same|corresponding|comparable) (?:period|quarter)",
    "date.quarter": "[Qq]uarter|Q[1-4]|[1-4]Q",
    "date.half": "half|H[12]|[12]H",
    "date.spelled_year": "[Nn]ineteen|[Tt]wenty|two thousand",
    "date.season": "spring|summer|fall|autumn|winter",
    "date.part_of_day": "morning|afternoon|evening|night",
    "date.the_week": "he week",
    "date.week_of": "he week of",
    "date.duration_range": r"(?:to|or) \S+[- ](?:year|month|week|day|hour|hr|min|decade)",
    "date.weekend": "weekend",
    "date.holiday": (
        "Thanksgiving|Christmas|New Year's|Independence Day|Fourth|Halloween|Valentine|Election Day"
    ),
    "date.the_year": "(?:ull|scal|rrent|ndar|the) year",
    "date.year_end": "ear-end|ear end|ear's end|end of the year",
    "date.relative_day": "esterday|oday|onight|omorrow",
    "date.weekday": alternation(WEEKDAYS_FULL),
    "date.relative_unit": rf"(?:ast|his|ext|rrent|ming) (?:{_UNIT_WORD})",
    "date.year_ago": "ear[ -](?:ago|earlier)",
    "date.ago": " ago",
    "date.ref": (
        "[Nn]ow|urrent|t present|resently|hese days|ecent|hortly|oon|"
        "he past|he future|ear future|ear term|hort term"
    ),
    "date.time": "|".join(_TIME_TRIGGER_PARTS),
    "date.duration_past": "he (?:past|last) ",
    "date.duration_vague": "years|months|weeks|days|decades|hours|minutes",
    "date.duration": "[- ](?:year|month|week|day|hour|hr|min|decade)",
}

# Triggers whose test is the union of separate scans of their alternatives.
TRIGGER_PARTS: dict[str, tuple[str, ...]] = {TRIGGERS["date.time"]: _TIME_TRIGGER_PARTS}


# Triggers tested only on the sentences that hold their gate (each trigger implies its gate),
# so that one cheap scan spares them most sentences: the month phrases where a month word is,
# and rare words behind one scan for all of them (their union: exact, and as fast as one).
_RARE_TRIGGERS = tuple(
    TRIGGERS[name]
    for name in (
        "date.century", "date.spelled_year", "date.weekend", "date.the_week", "date.week_of",
        "date.holiday", "date.year_end", "date.relative_day", "date.ago",
    )
)  # fmt: skip
TRIGGER_GATES: dict[str, str] = {
    **{
        TRIGGERS[name]: TRIGGERS["date.month"]
        for name in ("date.month_day", "date.day_month", "date.month_year")
    },
    **dict.fromkeys(_RARE_TRIGGERS, "|".join(_RARE_TRIGGERS)),
}


def _has_trigger(trigger: str) -> pl.Expr:
    """Whether a sentence holds a TRIGGERS regex (scanned in parts where that is faster)."""
    parts = TRIGGER_PARTS.get(trigger, (trigger,))
    return functools.reduce(operator.or_, (_scan(part) for part in parts))


def _scan(pattern: str) -> pl.Expr:
    # Patterns with \d (say) scan ASCII text with their ASCII twin: 2x faster for
    # "(?:latest|recent|\d|...) (?:period|quarter)", whose \d defeats the literal search.
    if ascii_pattern(pattern) != pattern:
        return contains(pl.col("text"), pattern)
    return pl.col("text").str.contains(pattern)


def _trigger_frames(sentences: pl.LazyFrame) -> dict[str, pl.DataFrame]:
    """Per TRIGGERS regex, the sentences (materialised) that carry its boolean column: every
    sentence holding it is there (the prefiltered ones, or those of its gate)."""
    gates = sorted(set(TRIGGER_GATES.values()))
    ungated = sorted(set(TRIGGERS.values()) - TRIGGER_GATES.keys())
    prefiltered = (
        sentences.filter(pl.col("text").str.contains(PREFILTER))
        .with_columns(_has_trigger(t).alias(t) for t in sorted({*ungated, *gates}))
        .collect()
    )
    frames = dict.fromkeys(ungated, prefiltered)
    for gate in gates:
        nested = sorted(t for t, g in TRIGGER_GATES.items() if g == gate)
        gated = prefiltered.filter(pl.col(gate)).with_columns(
            _has_trigger(t).alias(t) for t in nested
        )
        frames.update(dict.fromkeys(nested, gated))
    return frames


# --- Rules: (name, pattern, components) ------------------------------------------------------
# Every pattern may start with a (?P<pre>...) group of context that is matched but not part
# of the fact's span. Components are polars expressions on the struct of named groups ``g``.

Components = dict[str, pl.Expr]


def _g(name: str) -> pl.Expr:
    return pl.col("g").struct.field(name)


def _month(name: str = "mon") -> pl.Expr:
    return (
        _g(name).str.slice(0, 3).str.to_lowercase()
        .replace_strict(_MONTH_NUM, default=None, return_dtype=pl.Int32)
    )  # fmt: skip


def _int(name: str) -> pl.Expr:
    return _g(name).str.extract(r"(\d+)").cast(pl.Int32, strict=False)


def _lower(name: str) -> pl.Expr:
    return _g(name).str.to_lowercase().str.strip_chars(" -")


def _spelled_year(name: str) -> pl.Expr:
    """1996 from "nineteen ninety-six" (NULL when the group did not match)."""
    century = pl.when(_lower(name).str.starts_with("nineteen")).then(1900).otherwise(2000)
    return (century + parse_number(_g(name).str.extract(r"^\S+ (.+)$"))).cast(pl.Int32)


RULES: list[tuple[str, str, Callable[[], Components]]] = [
    (
        "date.iso",
        r"\b(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b",
        lambda: {"gran": pl.lit("day"), "y": _int("y"), "m": _int("m"), "d": _int("d")},
    ),
    (
        "date.numeric",  # US order, year required: "8/28/2015" (never "24/7")
        r"\b(?P<m>1[0-2]|0?[1-9])/(?P<d>[12]\d|3[01]|0?[1-9])/(?P<y>(?:19|20)\d\d)\b",
        lambda: {"gran": pl.lit("day"), "y": _int("y"), "m": _int("m"), "d": _int("d")},
    ),
    (
        "date.month_day",
        rf"(?:{WEEKDAY},? |(?P<rel>{_cap('last')}) )?(?P<mon>{MONTH}) (?P<d>{DAY})"
        rf"(?:,? (?P<y>{YEAR}))?",
        lambda: {
            "gran": pl.lit("day"),
            "y": _int("y"),
            "m": _month(),
            "d": _int("d"),
            "wmod": _lower("rel"),
        },
    ),
    (
        "date.day_month",
        rf"(?:{WEEKDAY},? )?\b(?P<d>{DAY}) (?:of )?(?P<mon>{MONTH})(?:,? (?P<y>{YEAR}))?",
        lambda: {"gran": pl.lit("day"), "y": _int("y"), "m": _month(), "d": _int("d")},
    ),
    (
        "date.month_year",
        rf"(?:{MOD})?(?P<mon>{MONTH}),? (?:of )?"
        rf"(?:(?P<y>{YEAR})|(?P<sy>{SPELLED_YEAR})|(?P<yrel>{_cap('last|this|next')}) year\b)",
        lambda: {
            "gran": pl.lit("month"),
            "y": pl.coalesce(_int("y"), _spelled_year("sy")),
            "yrel": _lower("yrel").replace_strict(_REL_NUM, default=None, return_dtype=pl.Int32),
            "m": _month(),
        },
    ),
    (
        "date.fiscal_year_end",
        rf"(?:\b(?P<rel>{_LTN}) |\b(?:{_cap('the|its|a|their|his|her|our')}) )?"
        rf"(?:(?:fiscal|financial|business) )?\byear "
        rf"(?P<fy>ending|ended|that ends|that ended|to|through) (?:in |on )?(?P<mon>{MONTH})"
        rf"(?: (?P<d>{DAY}))?(?:,? (?P<y>{YEAR}))?",
        lambda: {
            # "this year through August" is the calendar year so far, not a fiscal year.
            "needs_context": _g("rel").is_not_null(),
            # "the year ended March 31": the day; "the year ending in March": the month.
            "gran": pl.when(_g("d").is_not_null()).then(pl.lit("day")).otherwise(pl.lit("month")),
            "y": _int("y"),
            "m": _month(),
            "d": _int("d"),
            "fy": pl.when(_g("fy").str.contains("ed$"))
            .then(pl.lit("ended"))
            .otherwise(pl.lit("ending")),
        },
    ),
    (
        "date.month",
        rf"(?P<pre>\b(?:{DATE_PREP}|(?P<det>{_cap('a|an|the')})) )?"
        rf"(?P<rel>(?:{_cap('last|next|this')}) )?(?P<mod>{MOD})?"
        rf"(?P<mon>(?:{_FULL})\b|(?:{_ABBR})\.)",
        lambda: {
            "gran": pl.lit("month"),
            "m": _month(),
            "wmod": _lower("rel"),
            "needs_context": (
                _g("pre").is_null()
                & _g("rel").is_null()
                & _g("mod").is_null()
                & (
                    _g("mon").is_in(["May", "March", "June", "August"])
                    | _g("mon").str.ends_with(".")
                )
            )
            # "the May government": a name, not the month.
            | (_g("det").is_not_null() & (_g("mon") == "May")),
        },
    ),
    (
        "date.year",
        rf"(?P<pre>(?:\b(?:{YEAR_PREP})|'s) |\b[Pp](?:ost|re)-)?(?P<mod>{MOD})?"
        r"(?P<fiscal>(?:[Ff]iscal|[Cc]alendar|FY)[- ]?(?:year )?)?"
        rf"\b(?P<y>{YEAR})(?P<post>'s\b| (?:is|was|were|will|has|had|saw|could|would|should|"
        rf"might|looks|marked|brought|began|ended)\b)?",
        lambda: {
            "gran": pl.lit("year"),
            "y": _int("y"),
            "needs_context": _g("pre").is_null()
            & _g("mod").is_null()
            & _g("fiscal").is_null()
            & _g("post").is_null(),
        },
    ),
    (
        "date.decade",
        rf"(?:{_cap('the')} )?(?:{MOD})?(?:(?P<dec>(?:19|20)\d0)|'(?P<dec2>\d0))s\b"
        # "the nineties", "the early eighties": spelled decades need "the" (not "his forties").
        rf"|{_cap('the')} (?:{MOD})?(?:[Nn]ineteen[- ])?(?P<dw>{'|'.join(_DECADE_WORDS)})\b",
        lambda: {
            "gran": pl.lit("decade"),
            "dec": pl.coalesce(
                _int("dec"),
                _lower("dw").replace_strict(_DECADE_WORDS, default=None, return_dtype=pl.Int32),
                pl.when(_int("dec2") >= 30)
                .then(1900 + _int("dec2"))
                .otherwise(2000 + _int("dec2")),
            ),
        },
    ),
    (
        "date.century",  # "the 20th century" -> "19", "the twenty-first century" -> "20"
        rf"(?:{_cap('the')} )?(?:{MOD})?\b(?:(?P<c>1\d|2[01]|[1-9])(?:st|nd|rd|th)"
        rf"|(?P<cw>{_cap('|'.join(_CENTURY_WORDS))}))[- ][Cc]entury\b",
        lambda: {
            "gran": pl.lit("century"),
            "dec": pl.coalesce(
                _int("c"),
                _lower("cw").replace_strict(_CENTURY_WORDS, default=None, return_dtype=pl.Int32),
            ),
        },
    ),
    (
        "date.set",  # frequencies: "daily", "every week", "each year" (TIMEX3 SET values)
        rf"\b(?:(?P<adv>{_cap('daily|weekly|hourly|monthly|annually|yearly')})"
        rf"|(?:{_cap('every|each')}) (?P<u>day|week|month|year|quarter|hour))\b",
        lambda: {
            "gran": pl.lit("set"),
            "ref": pl.coalesce(_lower("adv"), _lower("u")).replace_strict(
                _SET_VALUES, default=None, return_dtype=pl.String
            ),
        },
    ),
    (
        "date.period",  # earnings periods: resolved to the nearby quarter in _year_ago_quarters
        rf"{_cap('the')} (?:(?P<lat>latest|most recent) period"
        rf"|(?P<y>(?:19|20)\d\d) (?:period|quarter)"
        r"|(?:same|corresponding|comparable) (?:period|quarter)"
        r" (?:last year|a year (?:ago|earlier)))\b",
        lambda: {
            "gran": pl.lit("year"),
            "y": _int("y"),
            "k": pl.when(_g("lat").is_not_null()).then(0).otherwise(-1),
        },
    ),
    (
        "date.quarter",
        rf"(?:(?P<rel>{_QUARTER_MODS}) )?"
        rf"(?:(?P<yrel>{_cap('last|this|next')}) year's )?(?:(?P<y1>{YEAR})(?:'s)? )?"
        rf"(?:[Ff]iscal[- ])?(?:(?P<qn>{ORDINAL})[- ](?:[Ff]iscal[- ])?)?[Qq]uarter\b"
        rf"(?:(?: of| in| for)? (?:[Ff]iscal )?"
        rf"(?:(?P<y2>{YEAR})|(?P<yrel2>(?:{_LTN}) year)))?"
        rf"|\b(?:(?P<y3>{YEAR}) )?Q(?P<qd>[1-4])(?:[ -]?(?:(?P<y4>{YEAR})|'?(?P<y5>\d\d)\b))?\b"
        rf"|\b(?P<qd2>[1-4])Q(?:[ -]?'?(?P<y6>\d\d))?\b",
        lambda: {
            "gran": pl.lit("quarter"),
            "y": pl.coalesce(
                _int("y1"), _int("y2"), _int("y3"), _int("y4"), 2000 + _int("y5"), 2000 + _int("y6")
            ),
            "yrel": pl.coalesce(
                _lower("yrel"), _lower("yrel2").str.replace(" year", "")
            ).replace_strict(_REL_NUM, default=None, return_dtype=pl.Int32),
            "q": pl.coalesce(
                _lower("qn").replace_strict(_ORDINAL_NUM, default=None, return_dtype=pl.Int32),
                _int("qd"),
                _int("qd2"),
            ),
            "wmod": _lower("rel").replace(_PERIOD_MODS),
        },
    ),
    (
        "date.half",
        rf"(?:(?P<rel>{_cap('the|this|last|next')}) )?(?:(?P<yrel>{_LTN}) year's )?"
        rf"(?P<hn>{_cap('first|second')})[- ]half\b"
        rf"(?: of (?:(?P<y>{YEAR})|(?P<yrel2>{_LTN}) year))?"
        rf"|\b(?:H(?P<hd>[12])|(?P<hd2>[12])H)(?:[ -]?(?P<y2>{YEAR}))?\b",
        lambda: {
            "gran": pl.lit("half"),
            "y": pl.coalesce(_int("y"), _int("y2")),
            "yrel": pl.coalesce(_lower("yrel"), _lower("yrel2")).replace_strict(
                _REL_NUM, default=None, return_dtype=pl.Int32
            ),
            "h": pl.coalesce(
                pl.when(_lower("hn") == "first").then(1).when(_lower("hn") == "second").then(2),
                _int("hd"),
                _int("hd2"),
            ).cast(pl.Int32),
            "wmod": _lower("rel"),
        },
    ),
    (
        "date.spelled_year",  # "nineteen ninety-six", "the year two thousand"
        rf"(?P<pre>{_cap('in|since|by|of|until|from')} )?(?:{_cap('the year')} )?"
        rf"(?P<sy>{SPELLED_YEAR})"
        rf"|{_cap('the year')} two thousand(?: and (?P<u>{_UNIT_WORDS}))?\b",
        lambda: {
            "gran": pl.lit("year"),
            "y": pl.coalesce(
                _spelled_year("sy"),
                2000 + parse_number(_g("u")).fill_null(0).cast(pl.Int32),
            ),
        },
    ),
    (
        "date.season",  # "this spring", "last fall", "the summer of 1994"
        rf"(?P<pre>\b(?:{_cap('in|during|over|by|since|until|through|throughout|into')}) )?"
        rf"(?:(?P<rel>{_SEASON_MODS}) )?"
        r"(?P<s>spring|summer|fall|autumn|winter)\b"
        rf"(?:(?: of)? (?:(?P<y>{YEAR})|(?P<sy>{SPELLED_YEAR}))"
        r"|(?P<post> (?:of|in|on|off|from|to|season)\b| ?-))?",
        lambda: {
            "gran": pl.lit("season"),
            "season": _lower("s").replace_strict(_SEASONS, default=None, return_dtype=pl.Int32),
            "y": pl.coalesce(_int("y"), _spelled_year("sy")),
            "wmod": _lower("rel").replace(
                {
                    "this past": "last",
                    "this coming": "next",
                    "the early": "the",
                    "the late": "the",
                    "early": "the",
                    "late": "the",
                }
            ),
            # "fall" and "spring" are also verbs and nouns: a modifier, a preposition or a
            # year must make them a season, and "the fall of" / "the spring in" never are.
            "needs_context": (
                _g("post").is_not_null()
                | (
                    _g("rel").is_null()
                    & _g("pre").is_null()
                    & _g("y").is_null()
                    & _g("sy").is_null()
                )
                | (
                    _lower("rel").is_in(["the"])
                    & _g("pre").is_null()
                    & _g("y").is_null()
                    & _g("sy").is_null()
                )
            ),
        },
    ),
    (
        "date.part_of_day",  # "Tuesday morning", "this afternoon", "last night", "tonight"
        rf"(?:(?P<mod>{_cap('early|late|mid|later|earlier')})[- ])?"
        rf"(?:(?P<wd>{WEEKDAY})|(?P<w>{_cap('yesterday|today|tomorrow|this|last')}))"
        r" (?P<pod>morning|afternoon|evening|night)\b"
        rf"|\b(?P<tn>{_cap('tonight')})\b"
        # "by mid-afternoon": a part of the publication day (or of "yesterday" after it).
        rf"|\b{_cap('mid')}[- ]?(?P<pod2>morning|afternoon)\b"
        rf"(?: (?P<w2>yesterday|today|tomorrow)\b)?",
        lambda: {
            "gran": pl.lit("day"),
            "wd": _weekday_number(_g("wd")),
            # "last night" is yesterday's; "this"/"tonight" are today's.
            "drel": pl.when(_lower("w") == "last")
            .then(-1)
            .when(_lower("w") == "this")
            .then(0)
            .when(_g("tn").is_not_null() | (_g("pod2").is_not_null() & _g("w2").is_null()))
            .then(0)
            .otherwise(
                pl.coalesce(_lower("w"), _lower("w2")).replace_strict(
                    _DAY_WORDS, default=None, return_dtype=pl.Int32
                )
            ),
            "pod": pl.coalesce(_lower("pod"), _lower("tn"), _lower("pod2")).replace_strict(
                _PARTS_OF_DAY, default=None, return_dtype=pl.String
            ),
        },
    ),
    (
        "date.weekend",  # "over the weekend" -> 2015-W31-WE
        rf"(?P<rel>{_WEEKEND_MODS}) weekend\b",
        lambda: {
            "gran": pl.lit("week"),
            "we": pl.lit(True),
            "wmod": _lower("rel").replace(
                {
                    "this past": "last",
                    "the past": "last",
                    "this coming": "this",
                    "the coming": "this",
                }
            ),
        },
    ),
    (
        "date.the_week",  # "for the week," / "the week's": market reports on the current week
        r"(?P<pre>\b(?:[Ff]or|[Dd]uring) )?[Tt]he week(?P<post>'s\b|,)",
        lambda: {
            "gran": pl.lit("week"),
            "k": pl.lit(0),
            # Without "for"/"during", only "the week's" refers to the week itself.
            "needs_context": _g("pre").is_null() & (_g("post") == ","),
        },
    ),
    (
        "date.week_of",  # "the week of March 6": the ISO week of that day
        rf"{_cap('the')} week of (?P<mon>{MONTH}) (?P<d>{DAY})(?:,? (?P<y>{YEAR}))?",
        lambda: {"gran": pl.lit("week"), "y": _int("y"), "m": _month(), "d": _int("d")},
    ),
    (
        "date.holiday",  # fixed-date and US holidays named in news
        rf"(?:{_cap('last|this|next')} )?"
        r"(?P<hol>Thanksgiving(?: Day)?|Christmas(?: Day| Eve)?|New Year's (?:Day|Eve)|"
        r"Independence Day|Fourth of July|July Fourth|Halloween|Valentine's Day|Election Day)\b",
        lambda: {
            "gran": pl.lit("day"),
            "hol": _g("hol"),
            "m": _g("hol")
            .str.extract(r"^(Thanks|Christ|New|Indep|Fourth|July|Hallo|Valen|Elect)")
            .replace_strict(
                {
                    "Thanks": 11,
                    "Christ": 12,
                    "New": 1,
                    "Indep": 7,
                    "Fourth": 7,
                    "July": 7,
                    "Hallo": 10,
                    "Valen": 2,
                    "Elect": 11,
                },
                default=None,
                return_dtype=pl.Int32,
            ),
            "d": pl.when(_g("hol").str.starts_with("Thanks"))
            .then(22)  # the fourth Thursday is found from Nov. 22 at resolution
            .when(_g("hol") == "Election Day")
            .then(2)  # US: the Tuesday after the first Monday of November, from Nov. 2
            .when(_g("hol") == "Christmas Eve")
            .then(24)
            .when(_g("hol").str.starts_with("Christ"))
            .then(25)
            .when(_g("hol") == "New Year's Eve")
            .then(31)
            .when(_g("hol").str.starts_with("New"))
            .then(1)
            .when(_g("hol").str.starts_with("Hallo"))
            .then(31)
            .when(_g("hol").str.starts_with("Valen"))
            .then(14)
            .otherwise(4)
            .cast(pl.Int32),
        },
    ),
    (
        "date.the_year",  # "for the full year", "the current fiscal year": the current year
        rf"(?P<rel>{_THE_YEAR_MODS}) year\b"
        rf"|(?P<pre>\b{_cap('for|of|rest of|through|throughout|during|in')} )(?P<the>the) year\b"
        r"(?P<post> (?:ended|ending|to|before|after|earlier|ago|later|when|in which|that|"
        r"two|of|he|she|it|they|we)\b|-)?",
        lambda: {
            "gran": pl.lit("year"),
            "k": pl.when(_lower("rel").str.starts_with("the latest")).then(-1).otherwise(0),
            "needs_context": _g("post").is_not_null(),
        },
    ),
    (
        "date.year_end",  # "by year-end", "the end of the year"; "since year-end": last year's
        rf"(?P<pre>\b[Ss]ince )?\b(?:{_YEAR_END}|"
        rf"{_cap('the')} end of the year)\b",
        lambda: {
            "gran": pl.lit("year"),
            "k": pl.when(_g("pre").is_not_null()).then(-1).otherwise(0),
        },
    ),
    (
        "date.relative_day",
        rf"(?:{MOD}|[Ee]arlier |[Ll]ater )?\b(?P<w>{_cap('yesterday|today|tonight|tomorrow')})\b",
        lambda: {
            "gran": pl.lit("day"),
            "drel": _lower("w").replace_strict(_DAY_WORDS, default=None, return_dtype=pl.Int32),
        },
    ),
    (
        "date.weekday",
        rf"(?:(?P<rel>{_WEEKDAY_MODS}) )?(?P<wd>{WEEKDAY})",
        lambda: {
            "gran": pl.lit("day"),
            "wd": _weekday_number(_g("wd")),
            "wmod": _lower("rel").replace(
                {"this past": "last", "previous": "last", "this coming": "next", "coming": "next"}
            ),
        },
    ),
    (
        "date.relative_unit",  # "last year", "earlier this month", "late next year"
        rf"(?:{MOD})?(?P<rel>{_UNIT_MODS}) "
        r"(?P<u>year|month|week|decade|quarter)\b",
        lambda: {
            "gran": _lower("u"),
            "k": _lower("rel").replace_strict(_REL_NUM, default=None, return_dtype=pl.Int32),
        },
    ),
    (
        "date.year_ago",  # "a year earlier": the year before, or the quarter a year before
        rf"(?:{_cap('a')}) year (?:ago|earlier)\b"
        rf"|(?:{_cap('the')} )?\b[Yy]ear-(?:ago|earlier)(?: (?:quarter|period))?\b",
        lambda: {"gran": pl.lit("year"), "k": pl.lit(-1)},
    ),
    (
        "date.ago",
        rf"(?:(?:{_APPROX}) )?"
        rf"\b(?P<n>{NUM})[- ](?P<u>years?|months?|weeks?|days?|decades?|quarters?) ago\b",
        lambda: {
            "gran": _lower("u").str.strip_suffix("s").replace({"decade": "year"}),
            "k": -(
                parse_number(_g("n"))
                * pl.when(_lower("u").str.starts_with("decade")).then(10).otherwise(1)
            ).cast(pl.Int32),
        },
    ),
    (
        "date.ref",
        rf"\b(?P<r>{_REF_WORDS}"
        rf"|(?:{_cap('in')} )?recent years|{_cap('soon')}|{_cap('the past|the future')}"
        rf"|{_cap('current')}|{_cap('the')} (?:near future|near term|short term))\b",
        lambda: {
            "gran": pl.lit("ref"),
            "ref": _lower("r")
            .str.replace(r"^in ", "")
            .replace_strict(_REF_VALUES, default=None, return_dtype=pl.String),
        },
    ),
    (
        "date.time",
        r"\b(?:(?P<hh>1[0-2]|0?[1-9])(?::(?P<mi>[0-5]\d))? ?(?P<ap>[AaPp])\.?[Mm]\b\.?"
        r"|(?P<hh24>[01]?\d|2[0-3]):(?P<mi24>[0-5]\d)\b"
        rf"|(?P<noon>noon|midnight|midday)\b)(?P<tz> (?:{_TZ})\b)?",
        lambda: {
            "gran": pl.lit("time"),
            "hh": pl.coalesce(
                _int("hh") % 12 + pl.when(_lower("ap") == "p").then(12).otherwise(0),
                _int("hh24"),
                pl.when(_g("noon").is_in(["noon", "midday"]))
                .then(12)
                .when(_g("noon") == "midnight")
                .then(0),
            ).cast(pl.Int32),
            "mi": pl.coalesce(_int("mi"), _int("mi24"), pl.lit(0)).cast(pl.Int32),
            # 24-hour clock times need a zone to be times, not scores or ratios ("3:30").
            "needs_context": _g("hh24").is_not_null() & _g("tz").is_null(),
        },
    ),
    (
        "date.duration_past",  # "over the past year": the last 12 months, a duration
        rf"(?P<pre>\b(?:{_cap('over|in|during|for|within|through')}) )"
        rf"(?:{_cap('the past|the last')}) (?P<u>year|month|week|decade)\b",
        lambda: {
            "gran": pl.lit("duration"),
            "n": pl.when(_lower("u") == "decade").then(10.0).otherwise(1.0),
            "u": _lower("u").replace_strict(_UNIT_NAMES, default=None),
        },
    ),
    (
        "date.duration_vague",  # "several years", "for months", "in recent weeks"
        rf"(?P<pre>\b(?:{_VAGUE_PRE}) )?(?:(?P<q>{_VAGUE_QUANT}) )?"
        r"(?P<u>years|months|weeks|days|decades|hours|minutes)\b",
        lambda: {
            "gran": pl.lit("duration"),
            "u": _lower("u")
            .str.strip_suffix("s")
            .replace_strict(_UNIT_NAMES, default=None, return_dtype=pl.String),
            "n": pl.when(_lower("q") == "a couple of").then(2.0),  # else no number
            "vague": pl.lit(True),
            "needs_context": (_g("pre").is_null() & _g("q").is_null())
            | (_g("q").is_null() & _lower("pre").is_in(["of", "than", "after"]))
            | (_lower("q") == "the") & _g("pre").is_null(),
        },
    ),
    (
        "date.duration",
        rf"(?P<pre>\b(?:{_DURATION_PRE}) )?"
        rf"(?:(?:{_cap('the|its|their')}) )?(?:(?:{_DURATION_MODS}) )?"
        rf"\b(?P<n>{NUM}|{_cap('a couple of|couple of')})"
        rf"(?P<frac> 1/2| 1/4| 3/4| and an? (?:half|quarter))?"
        rf"(?: more| additional| extra| trading| business| working)?[- ](?P<u>{_UNIT})\b",
        lambda: {
            "gran": pl.lit("duration"),
            "n": (
                pl.when(_lower("n").str.ends_with("couple of"))
                .then(2.0)
                .otherwise(parse_number(_g("n")))
                + _lower("frac")
                .str.extract(r"(1/2|1/4|3/4|half|quarter)$")
                .replace_strict(_FRACTIONS, default=0.0, return_dtype=pl.Float64)
                .fill_null(0.0)
            )
            * pl.when(_lower("u").str.starts_with("decade")).then(10.0).otherwise(1.0),
            "u": _lower("u").str.strip_suffix("s").replace_strict(_UNIT_NAMES, default=None),
            "needs_context": _lower("n").is_in(["a", "an"])
            & (
                _g("pre").is_null()
                | _lower("pre").is_in(["each", "every", "per", "once", "twice", "a"])
            ),
        },
    ),
]


RULES.append(
    (
        "date.duration_range",  # "two to three weeks": the low end takes the high end's unit
        rf"(?P<pre>\b(?:{_DURATION_PRE}|{_cap('between')}) )?\b(?P<n>{NUM})"
        rf"(?P<post> (?:to|or) (?:{NUM})[- ](?P<u>{_UNIT})\b)",
        lambda: {
            "gran": pl.lit("duration"),
            "n": parse_number(_g("n"))
            * pl.when(_lower("u").str.starts_with("decade")).then(10.0).otherwise(1.0),
            "u": _lower("u").str.strip_suffix("s").replace_strict(_UNIT_NAMES, default=None),
            "needs_context": _lower("n").is_in(["a", "an"]),
        },
    )
)


# --- Extraction ------------------------------------------------------------------------------

COMPONENTS = pl.Schema(
    {
        "gran": pl.String(),  # day ... year, decade, century, time, ref, set, duration
        "y": pl.Int32(),  # year written in the text
        "yrel": pl.Int32(),  # year relative to publication ("last year's fourth quarter")
        "m": pl.Int32(),
        "d": pl.Int32(),
        "drel": pl.Int32(),  # days from publication ("yesterday")
        "k": pl.Int32(),  # units of `gran` from publication ("last year", "two months ago")
        "q": pl.Int32(),
        "h": pl.Int32(),
        "wd": pl.Int32(),  # ISO weekday
        "wmod": pl.String(),  # last / next / this / the ...
        "hh": pl.Int32(),
        "mi": pl.Int32(),
        "ref": pl.String(),
        "dec": pl.Int32(),
        "fy": pl.String(),  # fiscal year "ending" / "ended"
        "n": pl.Float64(),  # duration amount
        "u": pl.String(),  # duration unit
        "vague": pl.Boolean(),  # a duration without a number ("several years")
        "season": pl.Int32(),  # 0 spring, 1 summer, 2 fall, 3 winter
        "pod": pl.String(),  # part of day: MO, AF, EV, NI
        "we": pl.Boolean(),  # the weekend of the week
        "hol": pl.String(),  # holiday name
        "needs_context": pl.Boolean(),
    }
)

_GROUP_NAME = r"\(\?P<(\w+)>"


def _rule_candidates(sentences: pl.LazyFrame, rule_no: int) -> pl.LazyFrame:
    """Matches of one rule (RULES[rule_no]) with their components. ``sentences`` carries one
    boolean column per TRIGGERS regex, named after it."""
    name, pattern, _ = RULES[rule_no]
    groups, columns = _rule_columns(rule_no)
    return (
        find_spans(sentences, pattern, pl.col(TRIGGERS[name]) if name in TRIGGERS else None)
        .with_columns(groups)
        .with_columns(*columns)
        .drop("g", "match", "match_no")
    )


# Cached: the same ~30 columns per rule, 34 rules, every extract_all call (~30 ms to build;
# extract_groups compiles the pattern to learn its groups).
@functools.cache
def _rule_columns(rule_no: int) -> tuple[pl.Expr, tuple[pl.Expr, ...]]:
    """The struct of a rule's named groups ``g``, and the columns read from it."""
    import re

    name, pattern, components = RULES[rule_no]
    parts = components()
    groups = set(re.findall(_GROUP_NAME, pattern))
    pre_len = _g("pre").str.len_chars().fill_null(0) if "pre" in groups else pl.lit(0)
    post_len = _g("post").str.len_chars().fill_null(0) if "post" in groups else pl.lit(0)
    columns = (
        (pl.col("char_start") + pre_len).cast(pl.Int32).alias("char_start"),
        (pl.col("char_end") - post_len).cast(pl.Int32).alias("char_end"),
        pl.col("match")
        .str.slice(pre_len, pl.col("match").str.len_chars() - pre_len - post_len)
        .alias("surface"),
        pl.lit(name).alias("rule"),
        *(
            (parts[c].cast(t) if c in parts else pl.lit(None, dtype=t)).alias(c)
            for c, t in COMPONENTS.items()
        ),
    )
    return pl.col("match").str.extract_groups(f"^(?:{pattern})$").alias("g"), columns


# Cached: built per rule every extract_all call otherwise.
@functools.cache
def _keep(name: str) -> pl.Expr:
    """Whether a match of rule ``name`` is a date: false where its context says it is not
    (counts, ages, holidays...). Built per rule and applied in the rule's own branch, so each
    context check runs only over the matches of the rules it concerns."""
    after = context_after(pl.col("char_end"), 14)
    before = context_before(pl.col("char_start"), 10)
    ref_rule = name == "date.ref"
    # A year right after another year ("in 1994, 1995 and 1997") is a year of the list.
    listed_year = (
        before.str.contains(r"\b(?:19|20)\d\d, $") if name == "date.year" else pl.lit(False)
    )
    checks = [~(pl.col("needs_context").fill_null(False) & ~listed_year)]
    if name == "date.year":
        checks.append(~after.str.contains(_COUNT_AFTER))
    if name == "date.weekday":
        checks.append(~before.str.contains(_HOLIDAY_BEFORE))
    if name in ("date.duration", "date.duration_vague"):
        checks.append(~after.str.contains(r"^(?:-| )old\b|^ ago\b"))
    if name == "date.duration":
        checks.append(~before.str.contains(r"\d/$"))
    if ref_rule:
        # "as soon as possible" is no reference to the future.
        checks.append(~after.str.contains(r"^ as\b"))
        # "soon after the vote" / "shortly before" and "the future of X" are no references
        # to the present's future.
        checks.append(
            ~(
                pl.col("surface").str.contains("^(?:[Ss]oon|[Ss]hortly|[Tt]he future)$")
                & after.str.contains(r"^ (?:after|before|of)\b")
            )
        )
        # "current" names the present only before a noun, not in accounting / physics terms.
        checks.append(
            ~(
                pl.col("surface").str.contains("^[Cc]urrent$")
                & (~after.str.contains(r"^ [a-z]") | after.str.contains(_CURRENT_NOT_REF))
            )
        )
    if name == "date.duration_vague":
        # "in the weeks before the vote" is a time before an event, not a duration.
        checks.append(
            ~(
                after.str.contains(r"^ (?:before|after|leading|following|since|of)\b")
                # "several months before he joined" is a duration; "the weeks before" is not.
                & ~pl.col("surface").str.contains(_VAGUE_COUNT)
            )
        )
    if name == "date.quarter":
        checks.append(~(pl.col("q").is_null() & pl.col("wmod").is_null()))
    checks.append(
        ~(
            (pl.col("gran") == "duration")
            & pl.col("n").is_null()
            & ~pl.col("vague").fill_null(False)
        )
    )
    return functools.reduce(operator.and_, checks)


def _drop_overlaps(frame: pl.LazyFrame) -> pl.LazyFrame:
    """Of overlapping matches keep the longest ("Aug. 28, 2015" over "2015"); ties: rule order."""
    ranked = frame.with_row_index("cand").with_columns(
        length=pl.col("char_end") - pl.col("char_start")
    )
    other = ranked.select(
        "doc_id", "sentence_no",
        pl.col("cand").alias("cand_o"), pl.col("char_start").alias("start_o"),
        pl.col("char_end").alias("end_o"), pl.col("length").alias("length_o"),
        pl.col("rule_no").alias("rule_no_o"),
    )  # fmt: skip
    beaten = (
        ranked.join(other, on=["doc_id", "sentence_no"])
        .filter(
            (pl.col("cand") != pl.col("cand_o"))
            & (pl.col("char_start") < pl.col("end_o"))
            & (pl.col("start_o") < pl.col("char_end"))
            & (
                (pl.col("length_o") > pl.col("length"))
                | (
                    (pl.col("length_o") == pl.col("length"))
                    & (
                        (pl.col("rule_no_o") < pl.col("rule_no"))
                        | (
                            (pl.col("rule_no_o") == pl.col("rule_no"))
                            & (pl.col("cand_o") < pl.col("cand"))
                        )
                    )
                )
            )
        )
        .select("cand")
        .unique()
    )
    return ranked.join(beaten, on="cand", how="anti").drop("cand", "length")


_FISCAL_YEAR_HEAD = (
    rf"^((?:{_cap('the|its|a|their|his|her|our')}) (?:(?:fiscal|financial|business) )?year)"
)


def _fiscal_year_lengths(resolved: pl.LazyFrame) -> pl.LazyFrame:
    """ "the year ended March 31" also says how long the period is: "the year" is a one-year
    duration beside the date of its end (TIMEX3 annotates both)."""
    head = pl.col("surface").str.extract(_FISCAL_YEAR_HEAD, 1)
    return resolved.filter(
        (pl.col("rule") == "date.fiscal_year_end") & head.is_not_null()
    ).with_columns(
        char_end=(pl.col("char_start") + head.str.len_chars().cast(pl.Int32)).cast(pl.Int32),
        surface=head,
        rule=pl.lit("date.duration"),
        gran=pl.lit("duration"),
        n=pl.lit(1.0),
        u=pl.lit("years"),
    )


def _pad(number: pl.Expr) -> pl.Expr:
    return number.cast(pl.String).str.zfill(2)


def _days_after(pub: pl.Expr, days: pl.Expr) -> pl.Expr:
    # Date arithmetic, not offset_by: its offset is text, formatted and parsed on every row.
    return pub.dt.date() + pl.duration(days=days)


def _ymd(y: pl.Expr, m: pl.Expr, d: pl.Expr) -> pl.Expr:
    """A date, NULL when the parts are no calendar date (Feb. 30)."""
    # Built from integers (formatting and parsing text cost several times more); pl.date
    # raises on an invalid day, so a day past the month's end is made NULL first.
    leap = ((y % 4 == 0) & (y % 100 != 0)) | (y % 400 == 0)
    # 31 days in January, March, ... July, then August, October, December; 30 in the others.
    month_days = pl.when(m == 2).then(28 + leap.cast(pl.Int32)).otherwise(30 + (m + (m >= 8)) % 2)
    valid = y.is_between(0, 9999) & m.is_between(1, 12) & d.is_between(1, month_days)
    return pl.date(pl.when(valid).then(y), m, d)


def _near_year(diff: pl.Expr, near: float, far: float, y: pl.Expr) -> pl.Expr:
    """Year that puts a partial date within (-far, near] of publication for a past lean,
    (-near, far] for a future lean (diff = candidate - publication in this year)."""
    future = pl.col("lean") == "future"
    lo = pl.when(future).then(-near).otherwise(-far)
    hi = pl.when(future).then(far).otherwise(near)
    return (y - (diff > hi).cast(pl.Int32) + (diff < lo).cast(pl.Int32)).cast(pl.Int32)


def _resolve(frame: pl.LazyFrame) -> pl.LazyFrame:
    """unit (TIMEX3 value), value_date and date_granularity of each component row."""
    pub = pl.col("pub")
    py, pm = pub.dt.year().cast(pl.Int32), pub.dt.month().cast(pl.Int32)
    pq, ph, pwd = ((pm - 1) // 3 + 1), ((pm - 1) // 6 + 1), pub.dt.weekday().cast(pl.Int32)
    gran, wmod = pl.col("gran"), pl.col("wmod")
    future = pl.col("lean") == "future"
    # The weekend: "last" the previous week's, "this"/"next" this/next week's, "the weekend"
    # the latest begun (past lean) or the coming one (future lean).
    weekend_k = (
        pl.when(wmod == "last").then(-1)
        .when(wmod == "next").then(1)
        .when((wmod == "this") | future | (pwd >= 6)).then(0)
        .otherwise(-1)
    )  # fmt: skip
    k_expr = pl.when(pl.col("we").fill_null(False)).then(weekend_k).otherwise(pl.col("k"))
    y, m, d, q, h = (pl.col(c) for c in ("y", "m", "d", "q", "h"))
    # Expressions read by several others are made columns (named "_..."), each computed
    # once: polars evaluated one used inside when/then once per use (2x slower here).
    k = pl.col("_k")

    # Month: explicit, relative, fiscal year end, or a bare month near publication.
    mdiff = m - pm
    month_year_expr = (
        pl.when(y.is_not_null()).then(y)
        .when(pl.col("yrel").is_not_null()).then(py + pl.col("yrel"))
        .when(pl.col("fy") == "ending").then(py + (m < pm).cast(pl.Int32))
        .when(pl.col("fy") == "ended").then(py - (m > pm).cast(pl.Int32))
        .when(wmod == "last").then(py - (m >= pm).cast(pl.Int32))
        .when(wmod == "next").then(py + (m <= pm).cast(pl.Int32))
        .when(wmod == "this").then(py)
        .otherwise(_near_year(mdiff, 2, 9.5, py))
    )  # fmt: skip
    # Day: explicit, partial (month + day), relative, weekday.
    month_year, cand, day_year = pl.col("_month_year"), pl.col("_cand"), pl.col("_day_year")
    day_year_expr = _near_year((cand - pub.dt.date()).dt.total_days(), 92, 230, py)
    # Holidays on a weekday: the first such weekday from a day (Thanksgiving's Thursday from
    # Nov. 22, Election Day's Tuesday from Nov. 2).
    hol_from = pl.col("_hol_from")
    hol_weekday = pl.when(pl.col("hol").str.starts_with("Thanks")).then(4).otherwise(2)
    weekday_holiday = _days_after(
        hol_from, (hol_weekday - hol_from.dt.weekday().cast(pl.Int32) + 7) % 7
    )
    back = (pwd - pl.col("wd") + 7) % 7
    fwd = (pl.col("wd") - pwd + 7) % 7
    wd_shift = (
        pl.when(wmod == "last").then(-pl.when(back == 0).then(7).otherwise(back))
        .when(wmod == "next").then(pl.when(fwd == 0).then(7).otherwise(fwd))
        .when((wmod == "this") | future).then(fwd)
        .otherwise(-back)
    )  # fmt: skip
    day = (
        pl.when(y.is_not_null() & m.is_not_null() & d.is_not_null()).then(_ymd(y, m, d))
        .when(m.is_not_null() & d.is_not_null() & pl.col("fy").is_not_null())
        .then(_ymd(month_year, m, d))
        .when(pl.col("hol").str.contains("^(?:Thanks|Election)")).then(weekday_holiday)
        .when(m.is_not_null() & d.is_not_null() & (wmod == "last"))
        .then(_ymd(py - (cand >= pub.dt.date()).cast(pl.Int32), m, d))
        .when(m.is_not_null() & d.is_not_null()).then(_ymd(day_year, m, d))
        .when(pl.col("drel").is_not_null()).then(_days_after(pub, pl.col("drel")))
        .when((gran == "day") & k.is_not_null()).then(_days_after(pub, k))
        .when(pl.col("wd").is_not_null()).then(_days_after(pub, wd_shift))
    )  # fmt: skip

    month_idx = (
        pl.when(k.is_not_null()).then(py * 12 + pm - 1 + k).otherwise(month_year * 12 + m - 1)
    )
    month = pl.date(month_idx // 12, month_idx % 12 + 1, 1)

    # Quarter / half: explicit year, "last year's", relative, or the nearest by lean.
    def period(num: pl.Expr, cur: pl.Expr, per_year: int) -> pl.Expr:
        year = (
            pl.when(y.is_not_null()).then(y)
            .when(pl.col("yrel").is_not_null()).then(py + pl.col("yrel"))
            .when(wmod == "next").then(py + (num <= cur).cast(pl.Int32))
            .when(wmod == "last").then(py - (num >= cur).cast(pl.Int32))
            .when(wmod == "this").then(py)
            # Quarters are reported after they end: no tense lean, the latest begun.
            .otherwise(py - (num > cur).cast(pl.Int32))
        )  # fmt: skip
        shift = (
            pl.when(k.is_not_null()).then(k)
            .when(wmod.is_in(["this", "the current"])).then(0)
            .when(wmod == "next").then(1)
            .otherwise(-1)  # "the quarter", "the latest quarter": the one being reported
        )  # fmt: skip
        return (
            pl.when(num.is_not_null()).then(year * per_year + num - 1)
            .otherwise(py * per_year + cur - 1 + shift)
        )  # fmt: skip

    q_idx, h_idx = period(q, pq, 4), period(h, ph, 2)
    # "the week of March 6" is the week of that day (computed once, in column day_value).
    week_day_expr = (
        pl.when(m.is_not_null() & d.is_not_null())
        .then(pl.col("day_value"))
        .otherwise(pub.dt.date() + pl.duration(weeks=k))
    )
    year = pl.coalesce(y, py + k, py + pl.col("yrel"))
    decade = pl.coalesce(pl.col("dec"), (py // 10 + k) * 10)
    # Seasons: index year * 4 + season (spring 0 .. winter 3, winter named by its December).
    season = pl.col("season")
    cur_season = pl.when(pm <= 2).then((py - 1) * 4 + 3).otherwise(py * 4 + (pm - 3) // 3)
    s_back = ((cur_season - season) % 4 + 4) % 4
    s_fwd = (4 - s_back) % 4
    week_day, season_idx = pl.col("_week_day"), pl.col("_season_idx")
    season_idx_expr = (
        pl.when(y.is_not_null()).then(y * 4 + season)
        .when(wmod == "last").then(cur_season - pl.when(s_back == 0).then(4).otherwise(s_back))
        .when(wmod == "next").then(cur_season + pl.when(s_fwd == 0).then(4).otherwise(s_fwd))
        .when(wmod == "this").then((cur_season // 4) * 4 + season)
        .when(future).then(cur_season + s_fwd)
        .otherwise(cur_season - s_back)
    )  # fmt: skip

    value_date = (
        pl.when(gran == "day").then(pl.col("day_value"))
        .when(gran == "week").then(week_day.dt.truncate("1w"))
        .when(gran == "month").then(month)
        .when(gran == "quarter").then(pl.date(q_idx // 4, (q_idx % 4) * 3 + 1, 1))
        .when(gran == "half").then(pl.date(h_idx // 2, (h_idx % 2) * 6 + 1, 1))
        .when(gran == "year").then(pl.date(year, 1, 1))
        .when(gran == "decade").then(pl.date(decade, 1, 1))
        .when(gran == "century").then(pl.date((pl.col("dec") - 1) * 100, 1, 1))
        .when(gran == "season").then(pl.date(season_idx // 4, (season_idx % 4) * 3 + 3, 1))
    )  # fmt: skip
    vd = pl.col("value_date")
    season_code = season.replace_strict(
        dict(enumerate(_SEASON_CODES)), default=None, return_dtype=pl.String
    )
    iso_week = pl.format("{}-W{}", week_day.dt.iso_year(), _pad(week_day.dt.week()))
    unit = (
        pl.when(gran.is_in(["ref", "set"])).then(pl.col("ref"))
        .when(gran == "century").then((pl.col("dec") - 1).cast(pl.String))
        .when(gran == "day").then(pl.col("_vd_text"))
        .when((gran == "week") & pl.col("we").fill_null(False)).then(pl.format("{}-WE", iso_week))
        .when(gran == "week").then(iso_week)
        .when(gran == "month").then(pl.col("_vd_text").str.slice(0, 7))
        .when(gran == "quarter").then(pl.format("{}-Q{}", vd.dt.year(), vd.dt.quarter()))
        .when(gran == "half").then(pl.format("{}-H{}", vd.dt.year(), (vd.dt.month() - 1) // 6 + 1))
        .when(gran == "year").then(vd.dt.year().cast(pl.String))
        .when(gran == "decade").then((vd.dt.year() // 10).cast(pl.String))
        .when(gran == "season")
        .then(pl.format("{}-{}", (season_idx // 4).cast(pl.String), season_code))
    )  # fmt: skip
    # Without a publication date: keep what the text fixes, else a reference word.
    mm, dd = m.cast(pl.String).str.zfill(2), d.cast(pl.String).str.zfill(2)
    offset = pl.coalesce(k, pl.col("drel"), pl.col("yrel"), pl.when(wmod == "the").then(-1))
    partial = (
        pl.when((gran == "day") & m.is_not_null()).then(pl.format("XXXX-{}-{}", mm, dd))
        .when((gran == "day") & pl.col("wd").is_not_null())
        .then(pl.format("XXXX-WXX-{}", pl.col("wd")))
        .when((gran == "month") & m.is_not_null()).then(pl.format("XXXX-{}", mm))
        .when((gran == "quarter") & q.is_not_null()).then(pl.format("XXXX-Q{}", q))
        .when((gran == "half") & h.is_not_null()).then(pl.format("XXXX-H{}", h))
        .when((gran == "season") & season.is_not_null()).then(pl.format("XXXX-{}", season_code))
    )  # fmt: skip
    ref = (
        pl.when(offset < 0).then(pl.lit("PAST_REF"))
        .when(offset > 0).then(pl.lit("FUTURE_REF"))
        .otherwise(pl.lit("PRESENT_REF"))
    )  # fmt: skip
    # A part of day ("Tuesday morning") is its day's value with TMO/TAF/TEV/TNI: a time.
    pod = pl.col("pod")
    return (
        frame.with_columns(_k=k_expr, _month_year=month_year_expr, _cand=_ymd(py, m, d))
        .with_columns(_day_year=day_year_expr)
        .with_columns(_hol_from=_ymd(day_year, m, d))
        .with_columns(day_value=day)
        .with_columns(_week_day=week_day_expr, _season_idx=season_idx_expr)
        .with_columns(value_date=value_date)
        # The date as "YYYY-MM-DD" once, by a cast (strftime costs several times more).
        .with_columns(_vd_text=vd.cast(pl.String))
        .with_columns(unit=unit, _partial=partial)
        .with_columns(
            unit=pl.when(pl.col("unit").is_not_null())
            .then(pl.col("unit"))
            .otherwise(pl.coalesce("_partial", ref)),
            date_granularity=pl.when(
                pl.col("unit").is_not_null() | pl.col("_partial").is_not_null()
            )
            .then(gran)
            .otherwise(pl.lit("ref")),
        )
        .with_columns(
            unit=pl.when(pod.is_not_null() & (pl.col("date_granularity") == "day"))
            .then(pl.format("{}T{}", pl.col("unit"), pod))
            .otherwise(pl.col("unit")),
            date_granularity=pl.when(pod.is_not_null() & (pl.col("date_granularity") == "day"))
            .then(pl.lit("time"))
            .otherwise(pl.col("date_granularity")),
        )
        .drop(
            "_k",
            "_month_year",
            "_cand",
            "_day_year",
            "_hol_from",
            "_week_day",
            "_season_idx",
            "_partial",
            "_vd_text",
        )
    )


_YEAR_AGO_SENTENCES = 3


def _year_ago_quarters(frame: pl.LazyFrame) -> pl.LazyFrame:
    """ "a year earlier" near a quarter is that quarter a year before (earnings news).

    The quarter is the nearest one in the same sentence, else in the closest of the
    _YEAR_AGO_SENTENCES sentences before it ("Net rose to $5 million in the third quarter.
    Sales rose 9% from a year earlier.")."""
    is_year_ago = pl.col("rule").is_in(["date.year_ago", "date.period"])
    quarters = frame.filter(
        (pl.col("date_granularity") == "quarter") & pl.col("value_date").is_not_null()
    ).select(
        "doc_id", pl.col("sentence_no").alias("q_sentence"),
        pl.col("char_start").alias("q_start"), pl.col("value_date").alias("q_date"),
    )  # fmt: skip
    gap = pl.col("sentence_no") - pl.col("q_sentence")
    nearest = (
        frame.filter(is_year_ago)
        .join(quarters, on="doc_id", how="left")
        .with_columns(
            q_date=pl.when((gap >= 0) & (gap <= _YEAR_AGO_SENTENCES)).then(pl.col("q_date")),
            gap=gap,
            dist=(pl.col("q_start") - pl.col("char_start")).abs(),
        )
        .sort(pl.col("q_date").is_null(), "gap", "dist", nulls_last=True)
        # The first row per fact; unique() keeps the column order, so no schema lookup
        # (which re-plans _resolve's large expressions) is needed to restore it.
        .unique(["doc_id", "char_start"], keep="first", maintain_order=True)
    )
    # Years from the quarter: "the latest period" is it, "the 1988 period" the one of 1988,
    # "a year earlier" / "the same period last year" the one a year before.
    is_period = pl.col("rule") == "date.period"
    shift = (
        pl.when(is_period & pl.col("surface").str.contains(r"(?i)latest|recent")).then(0)
        .when(is_period & pl.col("surface").str.contains(r"\d{4}"))
        .then(pl.col("value_date").dt.year() - pl.col("q_date").dt.year())
        .otherwise(-1)
    )  # fmt: skip
    year_before = pl.col("q_date").dt.offset_by(pl.format("{}y", shift))
    resolved = nearest.with_columns(
        value_date=pl.coalesce(year_before, pl.col("value_date")),
        unit=pl.when(pl.col("q_date").is_not_null())
        .then(pl.format("{}-Q{}", year_before.dt.year(), year_before.dt.quarter()))
        .otherwise(pl.col("unit")),
        date_granularity=pl.when(pl.col("q_date").is_not_null())
        .then(pl.lit("quarter"))
        .otherwise(pl.col("date_granularity")),
    ).drop("q_sentence", "q_start", "q_date", "gap", "dist")
    # "the latest period" names nothing without a quarter to refer to.
    resolved = resolved.filter(
        (pl.col("date_granularity") == "quarter")
        | ~pl.col("surface").str.contains(r"(?i)^the (?:latest|most recent) period$")
    )
    return pl.concat([frame.filter(~is_year_ago), resolved], how="vertical")


def _add_times(frame: pl.LazyFrame) -> pl.LazyFrame:
    """Times take the day of the nearest day-level date in their sentence, else publication's."""
    times = frame.filter(pl.col("gran") == "time")
    days = frame.filter(
        (pl.col("date_granularity") == "day")
        & pl.col("unit").str.contains(r"^(?:\d{4}|XXXX)-\d\d-\d\d$")
    ).select(
        "doc_id", "sentence_no",
        pl.col("char_start").alias("day_start"), pl.col("unit").alias("day_unit"),
        pl.col("value_date").alias("day_date"),
    )  # fmt: skip
    nearest = (
        times.join(days, on=["doc_id", "sentence_no"], how="left")
        .with_columns(dist=(pl.col("day_start") - pl.col("char_start")).abs())
        .sort("dist", nulls_last=True)
        .unique(["doc_id", "char_start"], keep="first", maintain_order=True)
    )
    clock = pl.format(
        "T{}:{}",
        pl.col("hh").cast(pl.String).str.zfill(2),
        pl.col("mi").cast(pl.String).str.zfill(2),
    )
    day_unit = pl.coalesce(
        pl.col("day_unit"), pl.col("pub").dt.strftime("%Y-%m-%d"), pl.lit("XXXX-XX-XX")
    )
    resolved = nearest.with_columns(
        unit=pl.concat_str(day_unit, clock),
        value_date=pl.when(pl.col("day_unit").is_not_null())
        .then(pl.col("day_date"))
        .otherwise(pl.col("pub").dt.date()),
        date_granularity=pl.lit("time"),
    ).drop("day_start", "day_unit", "day_date", "dist")
    return pl.concat([frame.filter(pl.col("gran") != "time"), resolved], how="vertical")


def extract(sentences: pl.LazyFrame, documents: pl.LazyFrame) -> pl.LazyFrame:
    """Date facts and duration quantities of the sentences, as CANDIDATES columns."""
    # Each stage below is read by several branches (19 rules, self-joins); materialised (or
    # .cache()) so that polars computes it once instead of once per branch (about 30x faster
    # on news).
    trigger_frames = _trigger_frames(sentences)
    # A rule whose trigger holds in no sentence has no match: its branch is left out, which
    # spares planning it and compiling its regexes (most rules, on a small batch).
    fired = {t: bool(frame[t].any()) for t, frame in trigger_frames.items()}
    live = [i for i, (name, _, _) in enumerate(RULES) if fired[TRIGGERS[name]]]
    frames = [
        _rule_candidates(trigger_frames[TRIGGERS[RULES[i][0]]].lazy(), i)
        .filter(_keep(RULES[i][0]))
        .with_columns(rule_no=pl.lit(i, dtype=pl.Int32))
        # With no live rule, one (empty) branch still gives the frame its columns.
        for i in live or [0]
    ]
    # Materialised: the rest of the plan reads it several times, and optimising one plan
    # holding both halves cost more than running this half.
    matches = pl.concat(frames, how="vertical").collect().lazy()
    # Only partial dates resolved near publication read the lean (_near_year, weekdays,
    # weekends, seasons): other rows get NULL text, which the cue regexes skip (they then
    # lean "past", which nothing of theirs reads).
    leaning = pl.col("gran").is_in(["day", "month", "week", "season"])

    def before(width: int) -> pl.Expr:
        return pl.when(leaning).then(context_before(pl.col("char_start"), width))

    found = _drop_overlaps(matches).with_columns(
        # ASCII twins: the Unicode \b and \w of these cues cost several times more.
        lean=pl.when(
            contains(before(16), _PAST_VERB_BEFORE) & ~contains(before(30), _NOT_PAST_VERB)
        )
        .then(pl.lit("past"))
        .when(contains(before(60), _FUTURE_CUE) | before(4).str.contains(_DEADLINE_BEFORE))
        .then(pl.lit("future"))
        .otherwise(pl.lit("past"))
    )
    pubs = documents.select("doc_id", pl.col("published_at").alias("pub"))
    # Materialised: read by three branches below (a .cache() here was not shared once
    # _resolve had more stages, and every branch recomputed it).
    resolved = _resolve(found.join(pubs, on="doc_id", how="left")).collect().lazy()
    lengths = _fiscal_year_lengths(resolved)
    resolved = pl.concat(
        [_add_times(_year_ago_quarters(resolved).cache()), lengths], how="vertical"
    )
    is_duration = pl.col("gran") == "duration"
    return resolved.select(
        "doc_id", "sentence_no", "char_start", "char_end", "surface",
        pl.when(is_duration).then(pl.lit("quantity")).otherwise(pl.lit("date")).alias("fact_type"),
        pl.when(is_duration).then(pl.col("n")).alias("value"),
        pl.lit(None, dtype=pl.Float64).alias("value_high"),
        pl.when(is_duration).then(pl.col("u")).otherwise(pl.col("unit")).alias("unit"),
        pl.when(is_duration).then(pl.lit("duration")).alias("category"),
        pl.when(~is_duration).then(pl.col("value_date")).alias("value_date"),
        pl.when(~is_duration).then(pl.col("date_granularity")).alias("date_granularity"),
        pl.lit(None, dtype=pl.String).alias("direction"),
        "rule",
    ).filter(pl.col("unit").is_not_null())  # fmt: skip
