"""Ordinal numbers as written in English ("1st", "10th", "third", "twenty-first",
"one hundred and fifth", "two hundredth") and their values, in pure polars.

Shared by the rank extractor and the conformance runner. A word ordinal is an ordinal word
("fifth", "hundredth") optionally preceded by a cardinal that can structurally lead into it:
"twenty" + "first", "one hundred" + "fifth", "two" + "hundredth". "one third" is therefore not
an ordinal (a unit cardinal cannot precede a unit ordinal: that is a fraction), and plurals
("two thirds") never match.
"""

from __future__ import annotations

import polars as pl

from transforms.facts.numbers import WORD_VALUES, parse_number
from transforms.patterns import alternation

_UNIT_ORD = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "nineth": 9,  # "nineth": a common misspelling
}  # fmt: skip
_TEEN_ORD = {
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
}  # fmt: skip
_TENS_ORD = {
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
    "seventieth": 70, "eightieth": 80, "ninetieth": 90,
}  # fmt: skip
_SCALE_ORD = {
    "hundredth": 1e2, "thousandth": 1e3, "millionth": 1e6, "billionth": 1e9, "trillionth": 1e12,
}  # fmt: skip
ORDINAL_WORD_VALUES: dict[str, float] = {
    w: float(v) for w, v in {**_UNIT_ORD, **_TEEN_ORD, **_TENS_ORD, **_SCALE_ORD}.items()
}
SCALE_ORDINALS = tuple(_SCALE_ORD)

_UNITS = alternation([w for w, v in WORD_VALUES.items() if 1 <= v <= 9 and w not in ("a", "an")])
_TEENS = alternation([w for w, v in WORD_VALUES.items() if 10 <= v <= 19 and w != "dozen"])
_TENS = alternation([w for w, v in WORD_VALUES.items() if v >= 20])
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SCALE = alternation(list(_SCALES))

# A cardinal below 100 in words ("twenty-one", "twenty one", "eleven", "seven").
_SMALL = rf"(?:(?:{_TENS})(?:[- ](?:{_UNITS}))?|{_TEENS}|{_UNITS})"
# A cardinal with scale words: "one hundred", "a hundred", "twenty-one trillion and three hundred".
_SCALED = rf"(?:(?:{_SMALL}|an?)\s+)?(?:{_SCALE})(?:(?:\s+and)?\s+(?:{_SMALL}\s+)?(?:{_SCALE}))*"
# What may precede a non-scale ordinal word: a scaled cardinal (plus tens) or a tens word.
_PREFIX = rf"(?:{_SCALED}(?:(?:\s+and)?\s+(?:{_TENS}))?|{_TENS})"
_LOW_ORD = alternation([*_UNIT_ORD, *_TEEN_ORD, *_TENS_ORD])
_SCALE_ORD_RE = alternation(list(_SCALE_ORD))

ORDINAL_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?i:st|nd|rd|th)"
ORDINAL_WORDS = (
    rf"(?i:(?:{_PREFIX}(?:\s+and)?[\s-]+)?(?:{_LOW_ORD})"
    rf"|(?:(?:{_SCALED}|{_SMALL})[\s-]+)?(?:{_SCALE_ORD_RE}))"
)
# Any ordinal; word-bounded so "firstly" or "2ndary" do not match.
ORDINAL = rf"\b(?:{ORDINAL_DIGITS}|{ORDINAL_WORDS})\b"
# Ordinal words up to "twentieth" (plus "twenty-first".. "ninety-ninth"): the rank rules'
# cheaper form, since ranks in news are small.
SIMPLE_ORDINAL = (
    rf"\b(?:{ORDINAL_DIGITS}|(?i:(?:(?:{_TENS})[- ])?(?:{alternation(list(_UNIT_ORD))})"
    rf"|{alternation([*_TEEN_ORD, *_TENS_ORD])}))\b"
)

# Every word form SIMPLE_ORDINAL matches (lower-cased), with its value: ranks are valued by
# one lookup, since parse_ordinal's expression is large enough to cost a tenth of a second
# to plan each time it is used.
SIMPLE_ORDINAL_VALUES: dict[str, float] = {
    **{w: float(v) for w, v in {**_UNIT_ORD, **_TEEN_ORD, **_TENS_ORD}.items()},
    **{
        f"{tens}{separator}{unit}": WORD_VALUES[tens] + value
        for tens in WORD_VALUES
        if WORD_VALUES[tens] >= 20
        for unit, value in _UNIT_ORD.items()
        for separator in ("-", " ")
    },
}

_H = rf"(?:(?:(?:{_SMALL}|an?)\s+)?hundred(?:\s+{_SMALL})?|{_SMALL}|an?)"
_CARDINAL_PARTS = (
    rf"^(?:({_H})?\s*trillion)?\s*(?:({_H})?\s*billion)?\s*(?:({_H})?\s*million)?"
    rf"\s*(?:({_H})?\s*thousand)?\s*({_H})?$"
)
_HUNDREDS_PARTS = rf"^(?:(?:({_SMALL}|an?)\s+)?hundred\s*)?({_SMALL})?$"


def _below_thousand(text: pl.Expr) -> pl.Expr:
    """Value of "three hundred twenty", "a hundred", "twenty one", "seven" (NULL: 0)."""
    parts = text.str.extract_groups(_HUNDREDS_PARTS)
    hundreds = (
        pl.when(text.str.contains("hundred"))
        .then(parse_number(parts.struct.field("1")).fill_null(1.0) * 100.0)
        .otherwise(0.0)
    )
    return hundreds + parse_number(parts.struct.field("2")).fill_null(0.0)


def parse_cardinal_words(text: pl.Expr) -> pl.Expr:
    """Value of a cardinal in words, up to trillions ("twenty-one trillion and three hundred");
    NULL when the text is not one."""
    clean = (
        text.str.to_lowercase()
        .str.replace_all("-", " ", literal=True)
        .str.replace_all(r"\band\b", " ")
        .str.replace_all(r"\s+", " ")
        .str.strip_chars()
    )
    parts = clean.str.extract_groups(_CARDINAL_PARTS)
    total: pl.Expr = _below_thousand(parts.struct.field("5"))
    for group, scale in (("1", "trillion"), ("2", "billion"), ("3", "million"), ("4", "thousand")):
        total = total + pl.when(clean.str.contains(rf"\b{scale}\b")).then(
            _below_thousand(parts.struct.field(group)).replace(0.0, 1.0) * _SCALES[scale]
        ).otherwise(0.0)
    return pl.when(clean.str.contains(_CARDINAL_PARTS) & (clean != "")).then(total)


def _ordinal_digits(lowered: pl.Expr) -> pl.Expr:
    """Value of "10th", "1,000th" (lower-cased); NULL otherwise."""
    return (
        lowered.str.extract(r"^([\d,]+)(?:st|nd|rd|th)$")
        .str.replace_all(",", "", literal=True)
        .cast(pl.Float64, strict=False)
    )


def parse_simple_ordinal(text: pl.Expr) -> pl.Expr:
    """Value of a SIMPLE_ORDINAL match: the same as parse_ordinal's, from a far smaller
    expression."""
    lowered = text.str.to_lowercase().str.strip_chars()
    words = lowered.replace_strict(SIMPLE_ORDINAL_VALUES, default=None, return_dtype=pl.Float64)
    return pl.coalesce(_ordinal_digits(lowered), words)


def parse_ordinal(text: pl.Expr) -> pl.Expr:
    """Value of an ORDINAL match ("10th" -> 10, "twenty-first" -> 21, "two hundredth" -> 200)."""
    lowered = text.str.to_lowercase().str.strip_chars()
    digits = _ordinal_digits(lowered)
    words = lowered.str.extract_groups(
        rf"^(?:(.*?)(?:\s+and)?[\s-]+)?({_LOW_ORD}|{_SCALE_ORD_RE})$"
    )
    prefix = parse_cardinal_words(words.struct.field("1"))
    tail = words.struct.field("2")
    tail_value = tail.replace_strict(ORDINAL_WORD_VALUES, default=None, return_dtype=pl.Float64)
    word_value = (
        pl.when(tail.is_in(SCALE_ORDINALS))
        .then(prefix.fill_null(1.0) * tail_value)
        .otherwise(prefix.fill_null(0.0) + tail_value)
    )
    # A prefix that is present but unparseable means the match is not one ordinal.
    word_value = (
        pl.when(words.struct.field("1").is_not_null() & prefix.is_null())
        .then(None)
        .otherwise(word_value)
    )
    return pl.coalesce(digits, word_value)


# Relative ordinals ("next", "the last but one", "penultimate"), valued as Recognizers-Text
# does: "end-1", "current+1". Not used for ranks ("last" in news is mostly "last year"); the
# conformance runner scores them. Longer forms first so "next to last" beats "next".
_RELATIVE_VALUES = {
    "the last but one": "end-1", "the one before the last one": "end-1",
    "the one before the last": "end-1", "the second to last": "end-1", "next to last": "end-1",
    "second to last": "end-1", "antepenultimate": "end-2", "penultimate": "end-1",
    "last": "end+0", "next one": "current+1", "next": "current+1", "previous one": "current-1",
    "previous": "current-1", "current one": "current+0", "current": "current+0",
}  # fmt: skip
RELATIVE_ORDINAL = rf"\b(?i:{alternation(list(_RELATIVE_VALUES))})\b"


def parse_relative_ordinal(text: pl.Expr) -> pl.Expr:
    """Value of a RELATIVE_ORDINAL match ("penultimate" -> "end-1"); NULL otherwise."""
    return (
        text.str.to_lowercase()
        .str.replace_all(r"\s+", " ")
        .replace_strict(_RELATIVE_VALUES, default=None, return_dtype=pl.String)
    )
