"""The rank kind's rules and the shared ordinal parser (transforms/facts/rank)."""

from __future__ import annotations

from typing import Any

import polars as pl
import pytest

from transforms.facts.common import CANDIDATES, to_candidates
from transforms.facts.rank import VERSION, extract
from transforms.facts.rank.ordinals import (
    ORDINAL,
    RELATIVE_ORDINAL,
    parse_cardinal_words,
    parse_ordinal,
    parse_relative_ordinal,
)
from transforms.sentences import split_sentences


def ranks(text: str) -> list[dict[str, Any]]:
    documents = pl.DataFrame({"doc_id": ["d"], "body_text": [text], "published_at": [None]})
    sentences = split_sentences(documents.lazy())
    frame = to_candidates(extract(sentences, documents.lazy())).collect()
    assert frame.schema == CANDIDATES
    return frame.sort("char_start").to_dicts()


def test_sample_phrase() -> None:
    text = "Sony Ericsson is the world's 10th-largest phone vendor by shipments."
    [fact] = ranks(text)
    assert VERSION == "2"
    assert text[fact["char_start"] : fact["char_end"]] == fact["surface"] == "10th-largest"
    assert (fact["value"], fact["unit"], fact["category"]) == (10.0, "rank", "phone vendor")
    assert fact["rule"] == "rank.ordinal_superlative"


@pytest.mark.parametrize(
    ("text", "surface", "value", "category", "rule"),
    [
        ("It is the second-biggest carrier.", "second-biggest", 2.0, "carrier",
         "rank.ordinal_superlative"),
        ("Toyota is the world's largest automaker.", "largest", 1.0, "automaker",
         "rank.superlative"),
        ("It is among the top five banks.", "top five", 5.0, "banks", "rank.top_n"),
        ("Samsung is the No. 1 smartphone maker.", "No. 1", 1.0, "smartphone maker",
         "rank.number"),
        ("The firm ranked third in sales.", "ranked third", 3.0, None, "rank.ranked"),
        ("It fell to fourth place.", "fourth place", 4.0, None, "rank.ranked"),
        ("Citi, the largest U.S. bank by assets.", "largest", 1.0, "U.S. bank",
         "rank.superlative"),
    ],
)  # fmt: skip
def test_rules(text: str, surface: str, value: float, category: str | None, rule: str) -> None:
    [fact] = ranks(text)
    assert (fact["surface"], fact["value"], fact["category"], fact["rule"]) == (
        surface, value, category, rule,
    )  # fmt: skip


def test_category_stops_at_a_name_after_common_nouns() -> None:
    [fact] = ranks("The world's largest phone maker Nokia said so.")
    assert fact["category"] == "phone maker"


@pytest.mark.parametrize(
    "text",
    [
        "Profit rose in the fourth quarter.",
        "It was the first time in the 21st century.",
        "Second-hand car prices rose.",
        "It was the biggest drop since 2008.",
        "It is one of the largest banks.",
        "It was the largest-ever takeover.",
        "Shares are expected to top 5 million.",
        "He returned to No. 10 Downing Street.",
    ],
)
def test_not_ranks(text: str) -> None:
    assert ranks(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1st", 1), ("21st", 21), ("1,000th", 1000), ("first", 1), ("Eleventh", 11),
        ("twenty-first", 21), ("twenty first", 21), ("one hundredth", 100),
        ("two hundredth", 200), ("one hundred and fifth", 105), ("one hundred twenty-fifth", 125),
        ("a hundred trillionth", 1e14), ("twenty-one trillion and three hundred twenty second",
                                         21000000000322),
    ],
)  # fmt: skip
def test_parse_ordinal(text: str, value: float) -> None:
    frame = pl.DataFrame({"t": [text]})
    assert frame.select(pl.col("t").str.extract(f"({ORDINAL})")).item() == text
    assert frame.select(parse_ordinal(pl.col("t"))).item() == value


@pytest.mark.parametrize(
    ("text", "found"),
    [("one third", "third"), ("two thirds", None), ("firstly", None), ("first-half", "first")],
)
def test_fractions_are_not_ordinals(text: str, found: str | None) -> None:
    """ "one third" is never the ordinal 1 + 3; plurals and longer words never match."""
    frame = pl.DataFrame({"t": [text]})
    assert frame.select(pl.col("t").str.extract(f"({ORDINAL})")).item() == found


def test_parse_cardinal_words() -> None:
    frame = pl.DataFrame({"t": ["twenty-one trillion and three hundred", "a hundred", "seven",
                                "hello"]})  # fmt: skip
    assert frame.select(parse_cardinal_words(pl.col("t"))).to_series().to_list() == [
        21000000000300.0, 100.0, 7.0, None,
    ]  # fmt: skip


def test_relative_ordinals() -> None:
    frame = pl.DataFrame({"t": ["the second to last", "penultimate", "next", "last"]})
    assert frame.select(pl.col("t").str.contains(RELATIVE_ORDINAL).all()).item()
    assert frame.select(parse_relative_ordinal(pl.col("t"))).to_series().to_list() == [
        "end-1", "end-1", "current+1", "end+0",
    ]  # fmt: skip
