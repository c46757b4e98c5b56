"""Numbers as written in news text: digits, word numbers and scale words, and their values.

Shared by every numeric fact kind, so "270.5 billion", "two million", "$1.13bn" and
"5 mln" are recognised and valued the same way everywhere.
"""

from __future__ import annotations

import polars as pl

from transforms.patterns import alternation

# 1,234,567.89 | 1234.5 | .5 -- commas only in groups of three.
DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"

_WORD_VALUES: dict[str, float] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "half": 0.5, "a": 1, "an": 1,
}  # fmt: skip
WORD_VALUES = {word: float(value) for word, value in _WORD_VALUES.items()}
_UNITS = alternation([w for w, v in WORD_VALUES.items() if 1 <= v <= 9])
_TEENS = alternation([w for w, v in WORD_VALUES.items() if 10 <= v <= 19 and w != "dozen"])
_TENS = alternation([w for w, v in WORD_VALUES.items() if v >= 20])
_UNITS_NO_ARTICLE = alternation(
    [w for w, v in WORD_VALUES.items() if 1 <= v <= 9 and w not in ("a", "an")]
)
# 1-99 in words with no article and no "dozen" ("seven", "twenty-five"): "a"/"an" alone is
# an article, not the number one, outside phrases such as "a million".
WORD_1_99 = rf"(?:{_TENS})(?:[- ](?:{_UNITS_NO_ARTICLE}))?|{_TEENS}|{_UNITS_NO_ARTICLE}"
# "twenty-five", "twenty five", "seven", "a dozen"; case-insensitive.
WORD_NUMBER = (
    rf"(?i:(?:{_TENS})(?:[- ](?:{_UNITS}))?|{_TEENS}|{_UNITS}|zero|an? dozen|dozen|half an?)"
)

SCALE_VALUES: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "lakh": 1e5, "lakhs": 1e5, "million": 1e6,
    "millions": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6, "crore": 1e7, "crores": 1e7,
    "billion": 1e9, "billions": 1e9, "bln": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12,
    "trln": 1e12, "tn": 1e12,
}  # fmt: skip
# Scale words that stand apart ("270.5 billion") and suffixes glued to digits ("$1.13bn").
SCALE_WORD = (
    r"(?i:hundred|thousand|lakhs?|millions?|mln|mn|crores?|billions?|bln|bn|trillion|trln|tn)"
)
SCALE_SUFFIX = r"(?i:bn|mn|mln|bln|tn|k|m|b)"

# A number with an optional scale: "270.5 billion", "two million", "1.13bn", "4.5 mln".
NUMBER = rf"(?:{DIGITS}|{WORD_NUMBER})"
SCALED_NUMBER = rf"{NUMBER}(?:\s*{SCALE_SUFFIX}\b|\s+{SCALE_WORD}\b|-{SCALE_WORD}\b)?"


# Every word number parse_number reads, with its value: one dictionary lookup keeps the
# expression small (it is nested in many others, and big expression trees are slow to plan).
# "twenty-five" / "twenty five" (units include "a"/"an": "twenty-a" is 21, as it always was).
_WORD_NUMBER_VALUES: dict[str, float] = {
    **WORD_VALUES,
    **{
        f"{tens}{separator}{unit}": WORD_VALUES[tens] + WORD_VALUES[unit]
        for tens, tens_value in WORD_VALUES.items()
        if tens_value >= 20
        for unit, unit_value in WORD_VALUES.items()
        if 1 <= unit_value <= 9
        for separator in ("-", " ")
    },
    "a dozen": 12.0,
    "an dozen": 12.0,
    "half a": 0.5,
    "half an": 0.5,
}


def parse_number(text: pl.Expr) -> pl.Expr:
    """Value of a number written in digits ("1,234.5") or words ("twenty-five", "a dozen")."""
    digits = text.str.replace_all(",", "", literal=True).cast(pl.Float64, strict=False)
    words = (
        text.str.to_lowercase()
        .str.strip_chars()
        .replace_strict(_WORD_NUMBER_VALUES, default=None, return_dtype=pl.Float64)
    )
    return pl.coalesce(digits, words)


def scale_factor(scale: pl.Expr) -> pl.Expr:
    """Multiplier of a scale word or suffix ("billion" -> 1e9, "bn" -> 1e9); 1 when NULL."""
    return (
        scale.str.to_lowercase()
        .str.strip_chars(" -")
        .replace_strict(SCALE_VALUES, default=None, return_dtype=pl.Float64)
        .fill_null(1.0)
    )


def parse_scaled(text: pl.Expr) -> pl.Expr:
    """Value of a SCALED_NUMBER match: "270.5 billion" -> 2.705e11, "$1.13bn" digits only."""
    pattern = rf"^({NUMBER})\s*-?\s*({SCALE_WORD}|{SCALE_SUFFIX})?$"
    return parse_number(text.str.extract(pattern, 1)) * scale_factor(text.str.extract(pattern, 2))
