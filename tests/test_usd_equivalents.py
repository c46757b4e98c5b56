"""Stated dollar equivalents (transforms/facts/conversions): the pairing rules on tiny frames,
and the labelled corpus through the whole extraction path."""

from __future__ import annotations

import polars as pl
import pytest

from transforms.extraction import extract_texts
from transforms.facts.conversions import MAX_GAP_CHARS, add_usd_equivalents, corpus

SENTENCE_SCHEMA = {"doc_id": pl.String, "sentence_no": pl.Int32, "char_start": pl.Int32}


def _equivalents(text: str, figures: list[tuple[str, str | None, float]]) -> dict[str, str | None]:
    """Surface -> the surface of its stated dollar equivalent, for one one-sentence document
    whose money figures are (surface, currency, value)."""
    rows = []
    for surface, currency, value in figures:
        start = text.index(surface)
        rows.append(
            {
                "fact_id": surface,
                "doc_id": "d1",
                "sentence_no": 0,
                "char_start": start,
                "char_end": start + len(surface),
                "fact_type": "money",
                "unit": currency,
                "value": value,
            }
        )
    facts = pl.DataFrame(
        rows,
        schema={
            "fact_id": pl.String,
            "doc_id": pl.String,
            "sentence_no": pl.Int32,
            "char_start": pl.Int32,
            "char_end": pl.Int32,
            "fact_type": pl.String,
            "unit": pl.String,
            "value": pl.Float64,
        },
    )
    sentences = pl.DataFrame(
        {"doc_id": ["d1"], "sentence_no": [0], "char_start": [0], "text": [text]},
        schema={**SENTENCE_SCHEMA, "text": pl.String},
    )
    found = add_usd_equivalents(facts.lazy(), sentences.lazy()).collect()
    assert found["fact_id"].to_list() == facts["fact_id"].to_list(), "rows kept, in order"
    return dict(found.select("fact_id", "usd_equivalent_fact_id").iter_rows())


def test_a_figure_gets_the_dollar_figure_stated_beside_it_in_either_order() -> None:
    text = "Sony earned 270.5 billion yen, or around $2.27 billion, and $9bn (900 billion yen)."
    assert _equivalents(
        text,
        [
            ("270.5 billion yen", "JPY", 270.5e9),
            ("$2.27 billion", "USD", 2.27e9),
            ("$9bn", "USD", 9e9),
            ("900 billion yen", "JPY", 900e9),
        ],
    ) == {
        "270.5 billion yen": "$2.27 billion",
        "$2.27 billion": None,
        "$9bn": None,
        "900 billion yen": "$9bn",
    }


def test_only_a_dollar_figure_states_a_dollar_value() -> None:
    # Two non-dollar figures side by side, and a figure of unknown currency beside dollars.
    text = "Profit: 5 billion euros (4 billion pounds); costs: 12 million (about $3 million)."
    assert _equivalents(
        text,
        [
            ("5 billion euros", "EUR", 5e9),
            ("4 billion pounds", "GBP", 4e9),
            ("12 million", None, 12e6),
            ("$3 million", "USD", 3e6),
        ],
    ) == {"5 billion euros": None, "4 billion pounds": None, "12 million": None, "$3 million": None}


def test_words_other_than_a_connective_or_a_long_gap_state_no_conversion() -> None:
    text = "Sales rose to 270.5 billion yen in the year to March, while costs fell by $2 million."
    assert (
        _equivalents(text, [("270.5 billion yen", "JPY", 270.5e9), ("$2 million", "USD", 2e6)])[
            "270.5 billion yen"
        ]
        is None
    )
    padded = "It got 5 billion euros," + " " * MAX_GAP_CHARS + "or $6.6 billion."
    assert (
        _equivalents(padded, [("5 billion euros", "EUR", 5e9), ("$6.6 billion", "USD", 6.6e9)])[
            "5 billion euros"
        ]
        is None
    )


def test_zero_and_negative_figures_state_no_conversion() -> None:
    text = "It lost 0 yen, or $0, and -5 euros, or -$6."
    assert set(
        _equivalents(
            text, [("0 yen", "JPY", 0.0), ("$0", "USD", 0.0), ("-5 euros", "EUR", -5.0)]
        ).values()
    ) == {None}


def test_of_two_stated_dollar_figures_the_smallest_fact_id_wins() -> None:
    # "$1.2bn" before the euros and "$1.3bn" after: both are beside it; the choice is stable.
    text = "It paid $1.3bn, or 1 billion euros, or $1.2bn."
    found = _equivalents(
        text,
        [("$1.3bn", "USD", 1.3e9), ("1 billion euros", "EUR", 1e9), ("$1.2bn", "USD", 1.2e9)],
    )
    assert found["1 billion euros"] == "$1.2bn"


def _corpus_params() -> list[object]:
    params: list[object] = []
    for group in ("POSITIVE", "NEGATIVE", "KNOWN_FAILURES"):
        marks = [pytest.mark.xfail(strict=True)] if group == "KNOWN_FAILURES" else []
        for i, example in enumerate(getattr(corpus, group)):
            params.append(
                pytest.param(example, id=f"{group.lower()}-{i}-{example.note}", marks=marks)
            )
    return params


@pytest.fixture(scope="module")
def corpus_pairs() -> dict[str, list[tuple[str, str]]]:
    """Example text -> (non-dollar surface, dollar surface) pairs found, from ONE extraction."""
    examples = corpus.POSITIVE + corpus.NEGATIVE + corpus.KNOWN_FAILURES
    texts = pl.DataFrame(
        {
            "doc_id": [str(i) for i in range(len(examples))],
            "text": [e.text for e in examples],
            "published_at": [None] * len(examples),
        },
        schema={"doc_id": pl.String, "text": pl.String, "published_at": pl.Datetime("us")},
    )
    facts = extract_texts(texts)[1].facts
    usd = facts.select("fact_id", pl.col("surface").alias("usd_surface"))
    pairs = (
        facts.filter(pl.col("usd_equivalent_fact_id").is_not_null())
        .join(usd, left_on="usd_equivalent_fact_id", right_on="fact_id")
        .sort("doc_id", "char_start")
    )
    found: dict[str, list[tuple[str, str]]] = {e.text: [] for e in examples}
    for doc_id, surface, usd_surface in pairs.select("doc_id", "surface", "usd_surface").rows():
        found[examples[int(doc_id)].text].append((surface, usd_surface))
    return found


@pytest.mark.parametrize("example", _corpus_params())
def test_corpus(example: corpus.ConversionExample, corpus_pairs: dict[str, list]) -> None:
    assert tuple(corpus_pairs[example.text]) == example.pairs
