"""Labelled stated-conversion examples, run through the whole extraction path by
tests/test_usd_equivalents.py: each names the (non-dollar figure, its stated dollar figure)
pairs the text holds, by surface, in text order of the non-dollar figure."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ConversionExample:
    text: str
    pairs: tuple[tuple[str, str], ...]
    note: str = ""


E = ConversionExample

POSITIVE: list[ConversionExample] = [
    E(
        "its mobile business has taken a revenue dip by 16.3 percent to 270.5 billion yen, "
        "or around $2.27 billion.",
        (("270.5 billion yen", "around $2.27 billion"),),
        "sample: yen, or around dollars",
    ),
    E(
        "The bank paid 2 billion yuan ($290 million) for the stake.",
        (("2 billion yuan", "$290 million"),),
        "parenthesised dollars after",
    ),
    E(
        "It agreed to pay $1.13 billion (600 million pounds) for the unit.",
        (("600 million pounds", "$1.13 billion"),),
        "dollars first, the other currency in parentheses",
    ),
    E(
        "The deal is worth 3.5 billion euros, equivalent to $4.6 billion, people said.",
        (("3.5 billion euros", "$4.6 billion"),),
        "equivalent to",
    ),
    E(
        "Sales rose to 12 billion euros, or roughly $16 billion, and profit to 4 billion "
        "euros, or about $5.3 billion.",
        (("12 billion euros", "roughly $16 billion"), ("4 billion euros", "about $5.3 billion")),
        "two conversions in one sentence",
    ),
]

NEGATIVE: list[ConversionExample] = [
    E(
        "Revenue was $5 million and costs were 3 million euros.",
        (),
        "joined by other words: two figures, no conversion",
    ),
    E(
        "It raised $5 million, $6 million and $7 million in three rounds.",
        (),
        "all in dollars",
    ),
    E(
        "It sold 3 million euros (4 million pounds) of bonds.",
        (),
        "neither side in dollars: no dollar value stated",
    ),
    E(
        "Profit was 100 billion yen. That is $900 million more than analysts expected.",
        (),
        "different sentences",
    ),
    E(
        "Revenue reached 270.5 billion yen in the quarter to the end of June, against "
        "expectations of $2.27 billion.",
        (),
        "too far apart and joined by words",
    ),
]

KNOWN_FAILURES: list[ConversionExample] = [
    E(
        "The fine of 5 million euros, which is about $6.6 million, was paid.",
        (("5 million euros", "about $6.6 million"),),
        "a relative clause ('which is about') is not read as a connective",
    ),
]
