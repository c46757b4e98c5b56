"""The mechanisms every fact kind shares: regex spans with code-point offsets (spans.py) and
number values (numbers.py)."""

from __future__ import annotations

import polars as pl
import pytest

from transforms.facts.numbers import SCALED_NUMBER, parse_number, parse_scaled, scale_factor
from transforms.facts.spans import (
    SPANS_SCHEMA,
    context_after,
    context_before,
    find_spans,
    without_groups,
)


def sentences(*texts: str, start: int = 0) -> pl.LazyFrame:
    return pl.LazyFrame(
        {
            "doc_id": ["d"] * len(texts),
            "sentence_no": list(range(len(texts))),
            "char_start": [start + 100 * i for i in range(len(texts))],
            "text": list(texts),
        },
        schema={
            "doc_id": pl.String,
            "sentence_no": pl.Int32,
            "char_start": pl.Int32,
            "text": pl.String,
        },
    )


def test_find_spans_offsets_are_code_points_into_the_document() -> None:
    text = "Café €3 million — then £600m, and €5."
    spans = find_spans(sentences(text, start=10), r"[€£]\d+(?: million|m)?").collect()
    assert spans.schema == SPANS_SCHEMA
    assert spans["match"].to_list() == ["€3 million", "£600m", "€5"]
    for row in spans.iter_rows(named=True):
        local = row["char_start"] - 10
        assert text[local : local + len(row["match"])] == row["match"]
        assert row["char_end"] - row["char_start"] == len(row["match"])
    assert spans["match_no"].to_list() == [0, 1, 2]


def test_find_spans_keeps_sentences_apart_and_skips_those_without_a_match() -> None:
    spans = find_spans(sentences("No money.", "It cost $5 and $6."), r"\$\d").collect()
    assert spans.select("sentence_no", "match", "char_start").rows() == [
        (1, "$5", 108),
        (1, "$6", 115),
    ]


def test_without_groups_makes_every_group_non_capturing() -> None:
    pattern = r"(?P<n>\d+)(?<u> ?m)?(x|y)(?:z)(?i:q)[(]\(a\)[^]()]"
    assert without_groups(pattern) == r"(?:\d+)(?: ?m)?(?:x|y)(?:z)(?i:q)[(]\(a\)[^]()]"


def test_find_spans_of_a_pattern_with_groups_are_its_matches() -> None:
    # find_spans scans without the groups: the spans are still the pattern's own matches.
    text = "From 5m to 12 m, (then) 7x."
    pattern = r"(?P<num>\d+)(?P<unit> ?m|x)|\((\w+)\)"
    spans = find_spans(sentences(text), pattern).collect()
    assert spans["match"].to_list() == ["5m", "12 m", "(then)", "7x"]
    assert spans["char_start"].to_list() == [5, 11, 17, 24]


def test_context_windows_stay_inside_the_sentence() -> None:
    spans = find_spans(sentences("Sales rose 5% to $9."), r"5%").with_columns(
        before=context_before(pl.col("char_start"), 5),
        long_before=context_before(pl.col("char_start"), 50),
        after=context_after(pl.col("char_end"), 4),
    )
    assert spans.select("before", "long_before", "after").collect().rows() == [
        ("rose ", "Sales rose ", " to ")
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [("1,234.5", 1234.5), (".5", 0.5), ("seven", 7.0), ("Twenty-five", 25.0),
     ("twenty five", 25.0), ("a dozen", 12.0), ("half a", 0.5), ("foo", None)],
)  # fmt: skip
def test_parse_number(text: str, value: float | None) -> None:
    got = pl.select(parse_number(pl.lit(text))).item()
    assert got == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("270.5 billion", 2.705e11), ("1.13bn", 1.13e9), ("600m", 6e8), ("5 mln", 5e6),
     ("two million", 2e6), ("500 crore", 5e9), ("80-million", 8e7), ("half a million", 5e5),
     ("3", 3.0)],
)  # fmt: skip
def test_parse_scaled(text: str, value: float) -> None:
    assert pl.select(pl.lit(text).str.contains(f"^{SCALED_NUMBER}$")).item()
    assert pl.select(parse_scaled(pl.lit(text))).item() == pytest.approx(value)


def test_scale_factor_defaults_to_one() -> None:
    frame = pl.DataFrame({"s": ["Billion", "bn", "lakh", None]})
    assert frame.select(scale_factor(pl.col("s"))).to_series().to_list() == [1e9, 1e9, 1e5, 1.0]


def test_extract_facts_of_some_kinds_only() -> None:
    from transforms.facts import extract_facts

    text = "Sony's sales rose 16.3 percent to 270.5 billion yen in 2015, its 10th-largest gain."
    docs = pl.LazyFrame(
        {"doc_id": ["d"], "published_at": [None]},
        schema={"doc_id": pl.String, "published_at": pl.Datetime("us")},
    )
    every = extract_facts(sentences(text), docs).collect()
    some = extract_facts(sentences(text), docs, kinds=("money", "percent")).collect()
    assert set(every["fact_type"]) >= {"money", "percent", "date", "rank"}
    assert some.equals(every.filter(pl.col("fact_type").is_in(["money", "percent"])))
