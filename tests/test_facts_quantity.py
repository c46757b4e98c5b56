"""Unit tests of the quantity extractor on its own (the corpus runs the whole path)."""

from __future__ import annotations

from typing import Any

import polars as pl
import pytest

from transforms.facts.common import CANDIDATES, to_candidates
from transforms.facts.quantity import VERSION, extract
from transforms.facts.quantity.rules import (
    ANCHORED,
    COUNTED_NOUNS,
    MEASURE_UNITS,
    NOT_UNITS,
    PATTERN,
    RULE_COUNTED,
    RULE_MEASURE,
    RULE_NOUN,
    RULE_RELATIVE,
)
from transforms.normalise import normalise_text
from transforms.sentences import split_sentences


def _quantities(*texts: str) -> list[dict[str, Any]]:
    frame = pl.DataFrame(
        {"doc_id": [str(i) for i in range(len(texts))], "text": list(texts)},
    ).lazy()
    documents = frame.select(
        "doc_id",
        normalise_text(pl.col("text")).alias("body_text"),
        pl.lit(None, dtype=pl.Datetime("us")).alias("published_at"),
    )
    sentences = split_sentences(documents)
    return extract(sentences, documents).sort("doc_id", "char_start").collect().to_dicts()


def _one(text: str) -> dict[str, Any]:
    found = _quantities(text)
    assert len(found) == 1, found
    return found[0]


def test_version_and_schema() -> None:
    assert VERSION == "1"
    frame = to_candidates(
        extract(
            pl.LazyFrame(
                {"doc_id": ["d"], "sentence_no": [0], "char_start": [0], "text": ["5 cars"]},
                schema={
                    "doc_id": pl.String,
                    "sentence_no": pl.Int32,
                    "char_start": pl.Int32,
                    "text": pl.String,
                },
            ),
            pl.LazyFrame(schema={"doc_id": pl.String, "published_at": pl.Datetime("us")}),
        )
    ).collect()
    assert frame.schema == CANDIDATES
    assert frame["fact_type"].to_list() == ["quantity"]
    # status/subject come later (transforms/facts/context.py); category is left to it too.
    assert frame["category"].to_list() == [None]


def test_offsets_are_code_points_into_the_document() -> None:
    text = "Café owners: «naïve» Sony sold 80 million smartphones. It lost 464,000 subscribers."
    body = text  # already normalised except the guillemets, which become straight quotes
    facts = _quantities(text)
    normalised = body.replace("«", '"').replace("»", '"')
    assert [normalised[f["char_start"] : f["char_end"]] for f in facts] == [
        f["surface"] for f in facts
    ]
    assert [f["surface"] for f in facts] == ["80 million smartphones", "464,000 subscribers"]


def test_values_units_and_rules() -> None:
    counted = _one("It bought 12 Chinese banks.")
    assert (counted["value"], counted["unit"], counted["rule"]) == (12.0, "banks", RULE_COUNTED)
    noun = _one("They sold 80m smartphones.")
    assert (noun["value"], noun["unit"], noun["rule"]) == (8e7, "smartphones", RULE_NOUN)
    measure = _one("It is 4,000 km long.")
    assert (measure["value"], measure["unit"], measure["rule"]) == (
        4000.0,
        "kilometres",
        RULE_MEASURE,
    )


@pytest.mark.parametrize(
    ("text", "surface", "value", "high"),
    [
        ("up 250 million to 300 million barrels", "250 million to 300 million barrels", 2.5e8, 3e8),
        ("up 250 to 300 million barrels", "250 to 300 million barrels", 2.5e8, 3e8),
        ("about 500,000 to 1 million people", "500,000 to 1 million people", 5e5, 1e6),
        ("between 10 and 20 stores", "10 and 20 stores", 10.0, 20.0),
        ("some 10-20 stores", "10-20 stores", 10.0, 20.0),
        ("grew from 500 to 700 stores", "700 stores", 700.0, None),
        ("opened 45 and 50 stores", "50 stores", 50.0, None),
    ],
)
def test_ranges(text: str, surface: str, value: float, high: float | None) -> None:
    fact = _one(text)
    assert (fact["surface"], fact["value"], fact["value_high"]) == (surface, value, high)


@pytest.mark.parametrize(
    ("text", "value", "direction"),
    [
        ("Profit doubled.", 2.0, "up"),
        ("Sales trebled.", 3.0, "up"),
        ("Costs were halved.", 0.5, "down"),
        ("a fourfold rise", 4.0, None),
        ("a 10-fold rise", 10.0, None),
    ],
)
def test_relative(text: str, value: float, direction: str | None) -> None:
    fact = _one(text)
    assert (fact["value"], fact["unit"], fact["rule"], fact["direction"]) == (
        value,
        "times",
        RULE_RELATIVE,
        direction,
    )


@pytest.mark.parametrize(
    "text",
    [
        "It lasted three years and two months, 24 hours a day.",  # durations: the date kind's
        "They paid 15 million pounds and 300 dollars.",  # currency words: money's
        "It rose 5 percent.",
        "It is the 10th-largest maker, No. 1 in Japan, one of the top five.",
        "Windows 10 users and FTSE 100 companies.",
        "Covid-19 cases and the 1990s.",
        "2015 sales were strong in 2015.",
        "The two companies and these three banks.",
        "He doubled down.",
        "The price was $80 million units.",
    ],
)
def test_not_quantities(text: str) -> None:
    assert _quantities(text) == []


def test_title_case_only_with_a_capitalised_scale() -> None:
    assert [f["surface"] for f in _quantities("Sell 80 Million Smartphones")] == [
        "80 Million Smartphones"
    ]
    assert _quantities("He sold 80 Smartphones") == []


def test_hyphenated_singular_only_for_curated_nouns() -> None:
    assert _one("a 500-employee firm")["unit"] == "employees"
    assert _quantities("one employee left") == []


def test_units_are_normalised() -> None:
    units = [
        f["unit"] for f in _quantities("5 km, 3 kilometers, 2 MHz, 7 bpd and a 116,000-acre farm.")
    ]
    assert units == ["kilometres", "kilometres", "megahertz", "barrels per day", "acres"]
    assert set(COUNTED_NOUNS.values()).isdisjoint(NOT_UNITS)
    assert not {u for u in MEASURE_UNITS if u in NOT_UNITS}


def test_patterns_compile_and_anchor() -> None:
    probe = pl.Series(["80 million smartphones"])
    assert probe.str.contains(PATTERN).to_list() == [True]
    groups = probe.str.extract_groups(ANCHORED).struct.field("noun").to_list()
    assert groups == ["smartphones"]
