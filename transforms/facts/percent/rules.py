"""Percentages in news text: "16.3 percent", "76%", "5.5 pct", "twenty-five per cent",
"0.25 percentage point", "50 basis points", ranges ("5-6%", "between 5 and 6 percent",
"5% to 6%") and the direction of change the words around them state.

One combined regex finds every candidate (find_spans); parsing, range merging and direction are
vectorised polars expressions over the matches. Sentences are prefiltered with a cheap
substring test, since most sentences hold no percentage at all.
"""

from __future__ import annotations

import polars as pl

from transforms.facts.numbers import DIGITS, NUMBER, parse_scaled
from transforms.facts.spans import by_ascii, context_after, context_before, find_spans

# Fractions Reuters writes in rate stories ("a quarter percentage point", "half a point").
_FRACTION = (
    r"(?i:(?:a |one )?quarter(?: of an?)?|(?:a |one )?half(?: of)? an?"
    r"|three[- ]quarters?(?: of an?)?)"
)
_FRACTION_VALUES = {"quarter": 0.25, "half": 0.5, "three": 0.75}
# "one hundred" percent: NUMBER plus an optional "hundred".
_NUM = rf"(?:{_FRACTION}|{NUMBER}(?:\s+(?i:hundred))?)"
_SIGN = r"(?:(?i:minus|negative)\s+|[-+])"

# Longest first: "percentage points" before "percentage", "per cent" before "percent".
_POINTS = r"(?i:(?:percentage|percent|per[- ]cent|pct)[- ](?:points?|pts?))"
_BASIS = r"(?i:basis[- ]points?)|(?-i:bps?)"
_PLAIN = r"(?i:percents?|percentage|per[- ]cent|pct)"
UNIT = rf"(?:{_POINTS}\b|(?:{_BASIS})\b|{_PLAIN}\b|%)"

_SINGLE = rf"{_SIGN}?\b{_NUM}[\s-]?{UNIT}"
_RANGE = rf"(?i:between\s+){_SIGN}?\b{_NUM}\s+(?i:and)\s+{_SIGN}?{_NUM}[\s-]?{UNIT}"
# A hyphen joins digits only: "twenty-five" is one number, not a range.
_RANGE_BARE = (
    rf"{_SIGN}?\b(?:{DIGITS}\s*-\s*{_SIGN}?{DIGITS}|{_NUM}\s+(?i:to)\s+{_SIGN}?\b{_NUM})"
    rf"[\s-]?{UNIT}"
)
# Reversed form, unit first: "per cent of twenty-two" (kept only at the end of a clause).
_REVERSED = rf"\b(?i:percents?|per cent)\s+(?i:of)\s+\b{_NUM}\b"
PATTERN = rf"(?:{_RANGE}|{_RANGE_BARE}|{_SINGLE}|{_REVERSED})"

# Anchored parsers of one match.
_PARSE_RANGE = (
    rf"^(?:(?i:between)\s+)?({_SIGN}?{_NUM})(\s*(?:-|(?i:to|and))\s*)"
    rf"(({_SIGN}?{_NUM})[\s-]?({UNIT}))$"
)
_PARSE_SINGLE = rf"^({_SIGN}?{_NUM})[\s-]?({UNIT})$"
_PARSE_REVERSED = rf"^({_PLAIN})\s+(?i:of)\s+({_NUM})$"

# Cheap prefilter: every pattern above contains one of these.
PREFILTER = r"%|[Pp][Ee][Rr] ?[Cc][Ee][Nn][Tt]|[Pp][Cc][Tt]|[Bb]asis|bps?\b"

# Direction cues. Verb or adverb before the number (same clause), noun or adverb after it.
DOWN_WORDS = (
    "dip", "dipped", "dips", "fell", "fall", "falls", "falling", "fallen", "drop", "dropped",
    "drops", "dropping", "declined", "decline", "declines", "declining", "down", "slump",
    "slumped", "slumps", "lower", "lowered", "decreased", "decrease", "decreases", "shrank",
    "shrink", "shrinks", "shrunk", "slid", "slide", "slides", "sliding", "plunged", "plunge",
    "plunges", "tumbled", "tumble", "tumbles", "sank", "sink", "sinks", "lost", "lose", "loses",
    "loss", "cut", "cuts", "cutting", "reduced", "reduce", "reduces", "reduction", "off", "eased",
    "ease", "eases", "contracted", "contraction", "contract", "slipped", "slip", "slips",
    "retreated", "weakened", "shed", "sheds", "slowed", "slowing", "slowdown",
)  # fmt: skip
UP_WORDS = (
    "rose", "rise", "rises", "rising", "risen", "jumped", "jump", "jumps", "up", "gained",
    "gain", "gains", "increased", "increase", "increases", "increasing", "grew", "grow", "grows",
    "growth", "growing", "climbed", "climb", "climbs", "surged", "surge", "surges", "soared",
    "soar", "soars", "higher", "boosted", "boost", "rallied", "rally", "advanced", "advance",
    "added", "adds", "raised", "raise", "raises", "lifted", "expanded", "expansion", "firmed",
    "accelerated", "hike", "hiked", "spike", "spiked", "rebound", "rebounded",
)  # fmt: skip
_CUE_VALUES = {w: "down" for w in DOWN_WORDS} | {w: "up" for w in UP_WORDS} | {"up to": "none"}
# "up to 5%" is a ceiling, not a rise: matched first and mapped to no direction.
_CUE = r"(?i)\b(up to|" + "|".join(sorted({*DOWN_WORDS, *UP_WORDS}, key=len, reverse=True)) + r")\b"
# The clause before a number starts after the last of these (or after an earlier percentage).
_CLAUSE_START = (
    r"(?i)^.*(?:[,;:()\"]|%|\bper ?cent\b|\bpct\b|\bpercentage points?\b|\band\b|\bbut\b"
    r"|\bwhile\b|\bwhereas\b|\bwhich\b|\bwho\b|\bthat\b)(.*)$"
)
# After the number: "a 5 percent rise", "closed 2 percent higher", "3% year-on-year growth".
_AFTER_CUE = (
    r"(?i)^\s+(?:([a-z][a-z-]*)\s+)?("
    + "|".join(
        sorted(
            {*DOWN_WORDS, *UP_WORDS} - {"up", "down", "off", "added", "adds"}, key=len, reverse=True
        )
    )
    + r")\b"
)
_NOT_MODIFIER = (
    "on", "in", "of", "to", "for", "from", "at", "by", "as", "after", "with", "and",
    "but", "or", "than", "since", "the", "a", "an", "its", "their", "his", "her",
)  # fmt: skip


def _value_parts(number: pl.Expr) -> pl.Expr:
    """The sign and the body of a _SIGN? _NUM text, for ``_value``."""
    return number.str.extract_groups(rf"^({_SIGN})?\s*(.*)$")


def _value(parts: pl.Expr) -> pl.Expr:
    """Value of a _SIGN? _NUM text from its ``_value_parts``: "-3" -> -3, "twenty-five" -> 25,
    "a quarter" -> 0.25."""
    sign = parts.struct.field("1").str.strip_chars().str.to_lowercase()
    body = parts.struct.field("2")
    fraction = (
        body.str.to_lowercase()
        .str.extract(r"(quarter|half|three)")
        .replace_strict(_FRACTION_VALUES, default=None, return_dtype=pl.Float64)
    )
    magnitude = (
        pl.when(body.str.contains(rf"^{_FRACTION}$")).then(fraction).otherwise(parse_scaled(body))
    )
    # The magnitude times a signed one: it is read once (inside when/then polars evaluated
    # it once per use).
    negative = sign.is_in(["-", "minus", "negative"])
    return magnitude * pl.when(negative).then(pl.lit(-1.0)).otherwise(pl.lit(1.0))


def _unit(unit: pl.Expr) -> pl.Expr:
    lowered = unit.str.to_lowercase()
    return (
        pl.when(lowered.str.contains(r"point|pts?$"))
        .then(
            pl.when(lowered.str.contains("basis"))
            .then(pl.lit("basis_points"))
            .otherwise(pl.lit("percentage_points"))
        )
        .when(lowered.str.contains(r"^bps?$"))
        .then(pl.lit("basis_points"))
        .otherwise(pl.lit("percent"))
    )


def _matches(sentences: pl.LazyFrame) -> pl.LazyFrame:
    """Each regex match as one or two candidate rows (a "from 5 to 6 percent" splits)."""
    m = pl.col("match")
    # The parses as columns: read several times each below (and inside when/then, where
    # polars evaluated an expression once per use).
    spans = find_spans(
        sentences.filter(pl.col("text").str.contains(PREFILTER)), PATTERN
    ).with_columns(
        rng=m.str.extract_groups(_PARSE_RANGE),
        single=m.str.extract_groups(_PARSE_SINGLE),
        rev=m.str.extract_groups(_PARSE_REVERSED),
    )
    rng, single, rev = pl.col("rng"), pl.col("single"), pl.col("rev")
    # A single number wins over a range parse: "twenty-five percent" is not "twenty" to "five".
    is_single = single.struct.field("1").is_not_null()
    rng_field = {g: pl.when(~is_single).then(rng.struct.field(g)) for g in ("1", "3", "4", "5")}
    parsed = (
        spans.with_columns(
            low_text=pl.coalesce(single.struct.field("1"), rng_field["1"], rev.struct.field("2")),
            tail_text=rng_field["3"],
            high_text=rng_field["4"],
            unit_text=pl.coalesce(single.struct.field("2"), rng_field["5"], rev.struct.field("1")),
            reversed=rev.struct.field("1").is_not_null(),
            before=context_before(pl.col("char_start"), 40),
            after=context_after(pl.col("char_end"), 3),
        )
        .drop("rng", "single", "rev")
        .with_columns(
            low_parts=_value_parts(pl.col("low_text")),
            high_parts=_value_parts(pl.col("high_text")),
        )
        .with_columns(
            value=_value(pl.col("low_parts")),
            value_high=_value(pl.col("high_parts")),
            unit=_unit(pl.col("unit_text")),
        )
        .drop("low_parts", "high_parts")
    )
    # Drop: "a percent" (no number), URL-encoded text ("%25", "=30%"), a reversed form not at
    # a clause end, unparsed numbers.
    keep = (
        pl.col("value").is_not_null()
        & ~pl.col("low_text").str.to_lowercase().str.contains(r"^(?:an?|half|dozen|an? dozen)$")
        & ~pl.col("before").str.contains(r"[%=/&?\w]$")
        & ~(pl.col("unit_text").str.ends_with("%") & pl.col("after").str.contains(r"^[%\w]"))
        & ~(pl.col("reversed") & pl.col("after").str.contains(r"^\s*[\w$-]"))
    )
    parsed = parsed.filter(keep)
    # A "range" is two facts when it is a change ("from 5 to 6 percent") or is no range at all
    # ("in 2012 to 5 percent": low above high).
    is_range = pl.col("high_text").is_not_null()
    from_before = pl.col("before").str.contains(r"(?i)\bfrom\s+$")
    split = is_range & (from_before | (pl.col("value") > pl.col("value_high")))
    # One row per fact, by exploding a part number (0: the match as it is; a split match: 1 its
    # high end, 2 its low end after "from") -- one plan, where filtered branches of a union
    # made polars find the matches twice.
    part = pl.col("part")
    return (
        parsed.filter(split.is_not_null())  # NULL split: neither whole nor split, dropped
        .with_columns(
            part=pl.int_ranges(
                split.cast(pl.Int32),
                1 + split.cast(pl.Int32) * (1 + from_before.cast(pl.Int32)),
                dtype=pl.Int32,
            )
        )
        .explode("part", empty_as_null=False)  # ranges are never empty
        .select(
            "doc_id",
            "sentence_no",
            "sentence_start",
            "sentence",
            pl.when(part == 1)
            .then(pl.col("char_end") - pl.col("tail_text").str.len_chars().cast(pl.Int32))
            .otherwise(pl.col("char_start"))
            .alias("char_start"),
            pl.when(part == 2)
            .then(pl.col("char_start") + pl.col("low_text").str.len_chars().cast(pl.Int32))
            .otherwise(pl.col("char_end"))
            .alias("char_end"),
            pl.when(part == 1).then(pl.col("value_high")).otherwise(pl.col("value")).alias("value"),
            pl.when(part == 0).then(pl.col("value_high")).alias("value_high"),
            "unit",
            pl.when(part == 2)
            .then(pl.lit("percent.implied_unit"))
            .when(part == 1)
            .then(pl.lit("percent.number_unit"))
            .when(is_range)
            .then(pl.lit("percent.range"))
            .when(pl.col("reversed"))
            .then(pl.lit("percent.reversed"))
            .otherwise(pl.lit("percent.number_unit"))
            .alias("rule"),
        )
    )


def _same_sentence(n: int) -> pl.Expr:
    """Whether the row ``n`` rows away is in the same sentence, on rows sorted by sentence: a
    plain shift masked by this is a shift within the sentence (a window over the two key
    columns cost several times more)."""
    return (pl.col("doc_id").shift(n) == pl.col("doc_id")) & (
        pl.col("sentence_no").shift(n) == pl.col("sentence_no")
    )


def _merge_ranges(rows: pl.LazyFrame) -> pl.LazyFrame:
    """Join "5% to 6%", "5%-6%" and "between 5% and 6%" (same unit) into one range fact."""
    rows = rows.sort("doc_id", "sentence_no", "char_start")
    nxt = {
        c: pl.when(_same_sentence(-1)).then(pl.col(c).shift(-1))
        for c in ("char_start", "char_end", "value", "unit")
    }
    gap = pl.col("sentence").str.slice(
        pl.col("char_end") - pl.col("sentence_start"), nxt["char_start"] - pl.col("char_end")
    )
    before = context_before(pl.col("char_start"), 12)
    between = before.str.extract(r"(?i)(between\s+)$")
    joins_next = (
        (pl.col("rule") == "percent.number_unit")
        & (pl.col("value_high").is_null())
        & (nxt["unit"] == pl.col("unit"))
        & (nxt["value"] >= pl.col("value"))
        & (
            gap.str.contains(r"(?i)^\s*(?:-|to)\s*$") & ~before.str.contains(r"(?i)\bfrom\s+$")
            | (gap.str.contains(r"(?i)^\s+and\s+$") & between.is_not_null())
        )
    )
    rows = rows.with_columns(
        joins_next=joins_next.fill_null(False),
        nxt_end=nxt["char_end"],
        nxt_value=nxt["value"],
        between_len=between.str.len_chars().cast(pl.Int32).fill_null(0),
    ).with_columns(
        joined_by_prev=pl.when(_same_sentence(1))
        .then(pl.col("joins_next").shift(1))
        .fill_null(False)
    )
    return rows.filter(~pl.col("joined_by_prev")).with_columns(
        char_start=pl.when("joins_next")
        .then(pl.col("char_start") - pl.col("between_len"))
        .otherwise("char_start"),
        char_end=pl.when("joins_next").then("nxt_end").otherwise("char_end"),
        value_high=pl.when("joins_next").then("nxt_value").otherwise("value_high"),
        rule=pl.when("joins_next").then(pl.lit("percent.range")).otherwise("rule"),
    )


def _direction_columns() -> dict[str, pl.Expr]:
    """ "up"/"down" from the nearest cue: a noun/adverb right after the number ("a 5% rise",
    "2% higher"), else the last cue in the clause before it ("fell 3%", "up 2%"), else the
    sign ("-3%"); NULL when nothing says so ("owns 8% of").

    Two steps: ``direction_cue`` and ``old_level`` are columns before ``direction`` reads
    them (inside when/then, where polars evaluated the cue regexes once per use)."""
    after = context_after(pl.col("char_end"), 40).str.extract_groups(_AFTER_CUE)
    after_cue = pl.when(
        after.struct.field("1").is_null()
        | ~after.struct.field("1").str.to_lowercase().is_in(_NOT_MODIFIER)
    ).then(after.struct.field("2").str.to_lowercase())
    # ", or" adds an equivalent ("up 36 points, or 0.3 percent"): the clause goes on.
    before = context_before(pl.col("char_start"), 60).str.replace_all(r"(?i),\s+or\s+", " or ")
    # The ASCII twin on ASCII rows: the same clause, and a Unicode \b here costs twice as much.
    clause = pl.coalesce(by_ascii(before, "extract", _CLAUSE_START), before)
    before_cue = clause.str.extract_all(_CUE).list.last().str.to_lowercase()
    surface = pl.col("surface")
    sign = (
        pl.when(surface.str.contains(r"(?i)^(?:-|minus|negative)"))
        .then(pl.lit("down"))
        .when(surface.str.starts_with("+"))
        .then(pl.lit("up"))
    )
    cue = pl.coalesce(after_cue, before_cue).replace_strict(
        _CUE_VALUES, default=None, return_dtype=pl.String
    )
    # "up from 52 percent", "fell to 5% from 6%": the number after "from" is the old level.
    old_level = before.str.contains(r"(?i)\bfrom\s+(?:about\s+|around\s+|nearly\s+|almost\s+)?$")
    return {"direction_cue": cue, "old_level": old_level, "sign": sign}


def _direction() -> pl.Expr:
    """The direction from the columns of ``_direction_columns``."""
    cue = pl.col("direction_cue")
    return (
        pl.when((cue == "none") | pl.col("old_level"))
        .then(None)
        .otherwise(pl.coalesce(cue, pl.col("sign")))
    )


def extract(sentences: pl.LazyFrame, documents: pl.LazyFrame) -> pl.LazyFrame:
    """Percent candidates (CANDIDATES columns; status/subject/category left NULL)."""
    del documents  # percentages need no document context
    rows = _merge_ranges(_matches(sentences))
    return (
        rows.with_columns(
            surface=pl.col("sentence").str.slice(
                pl.col("char_start") - pl.col("sentence_start"),
                pl.col("char_end") - pl.col("char_start"),
            )
        )
        .with_columns(**_direction_columns())
        .select(
            "doc_id",
            "sentence_no",
            "char_start",
            "char_end",
            "surface",
            pl.lit("percent").alias("fact_type"),
            "value",
            "value_high",
            "unit",
            _direction().alias("direction"),
            "rule",
        )
    )
