"""The percent kind's rules (transforms/facts/percent), on the kind's own extract."""

from __future__ import annotations

from typing import Any

import polars as pl
import pytest

from transforms.facts.common import CANDIDATES, to_candidates
from transforms.facts.percent import VERSION, extract
from transforms.facts.percent.rules import PATTERN, PREFILTER
from transforms.sentences import split_sentences


def percents(text: str) -> list[dict[str, Any]]:
    documents = pl.DataFrame({"doc_id": ["d"], "body_text": [text], "published_at": [None]})
    sentences = split_sentences(documents.lazy())
    frame = to_candidates(extract(sentences, documents.lazy())).collect()
    assert frame.schema == CANDIDATES
    return frame.sort("char_start").to_dicts()


def test_version_and_offsets() -> None:
    text = "First line. Revenue fell 16.3 percent to 270.5 billion yen."
    [fact] = percents(text)
    assert VERSION == "1"
    assert text[fact["char_start"] : fact["char_end"]] == fact["surface"] == "16.3 percent"
    assert (fact["fact_type"], fact["value"], fact["unit"]) == ("percent", 16.3, "percent")
    assert fact["rule"] == "percent.number_unit"
    assert fact["direction"] == "down"
    assert fact["sentence_no"] == 1


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("It owns 76% of it.", "76%", 76.0, "percent"),
        ("Output was 5.5 pct.", "5.5 pct", 5.5, "percent"),
        ("Tax is twenty-five per cent.", "twenty-five per cent", 25.0, "percent"),
        ("Rates were cut 50 basis points.", "50 basis points", 50.0, "basis_points"),
        ("It rose 0.2 percentage point.", "0.2 percentage point", 0.2, "percentage_points"),
        ("Margin was minus five percent.", "minus five percent", -5.0, "percent"),
        ("A 5.5-percent stake.", "5.5-percent", 5.5, "percent"),
    ],
)
def test_number_and_unit(text: str, surface: str, value: float, unit: str) -> None:
    [fact] = percents(text)
    assert (fact["surface"], fact["value"], fact["unit"]) == (surface, value, unit)


@pytest.mark.parametrize(
    ("text", "surface", "low", "high"),
    [
        ("Growth of 5-6% is seen.", "5-6%", 5.0, 6.0),
        ("Growth of 5% to 6% is seen.", "5% to 6%", 5.0, 6.0),
        ("Growth of between 5 and 6 percent.", "between 5 and 6 percent", 5.0, 6.0),
        ("Growth of between 5% and 6%.", "between 5% and 6%", 5.0, 6.0),
    ],
)
def test_ranges(text: str, surface: str, low: float, high: float) -> None:
    [fact] = percents(text)
    assert (fact["surface"], fact["value"], fact["value_high"]) == (surface, low, high)
    assert fact["rule"] == "percent.range"


def test_from_to_is_two_facts_not_a_range() -> None:
    facts = percents("The stake rose from 10 to 12 percent.")
    assert [(f["surface"], f["value"], f["value_high"]) for f in facts] == [
        ("10", 10.0, None),
        ("12 percent", 12.0, None),
    ]


def test_low_above_high_is_no_range() -> None:
    facts = percents("Growth slowed in 2012 to 5 percent.")
    assert [f["surface"] for f in facts] == ["5 percent"]


def test_different_units_do_not_merge() -> None:
    facts = percents("The rate rose 0.3 percentage point to 5.6 percent.")
    assert [f["unit"] for f in facts] == ["percentage_points", "percent"]


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("Sales jumped 76% to $1.13bn.", "up"),
        ("Shares were down 2.1 pct.", "down"),
        ("It reported a 5 percent rise.", "up"),
        ("It closed 2 percent lower.", "down"),
        ("It owns 8% of Google.", None),
        ("It may sell up to 20 percent.", None),
        ("Margin was -3% this year.", "down"),
        ("Sales rose, and it owns 8% of Google.", None),
        ("It fell 5 percent on growth fears.", "down"),
    ],
)
def test_direction(text: str, direction: str | None) -> None:
    [fact] = percents(text)
    assert fact["direction"] == direction


@pytest.mark.parametrize(
    "text",
    [
        "A percentage of sales went to charity.",
        "See https://www.test.com/search?q=30%25%2020% now.",
        "The percent of 20-year-olds rose.",
        "It pumps 120,000 barrels per day.",
    ],
)
def test_not_percentages(text: str) -> None:
    assert percents(text) == []


def test_reversed_form_only_at_clause_end() -> None:
    assert [f["value"] for f in percents("It was per cent of twenty-two.")] == [22.0]


def test_prefilter_admits_every_pattern_match() -> None:
    samples = ["5%", "5 percent", "5 Per Cent", "5 pct", "5 PCT", "5 basis points", "5 bps"]
    frame = pl.DataFrame({"t": samples})
    assert frame.select(pl.col("t").str.contains(PREFILTER).all()).item()
    assert frame.select(pl.col("t").str.contains(PATTERN).all()).item()
