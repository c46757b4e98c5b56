"""Sources: unit tests on tiny frames, and the labelled corpus (transforms/sources/corpus.py)."""

from __future__ import annotations

from typing import Any

import polars as pl
import pytest

from tests.helpers import corpus_examples, corpus_params, rows_by_document
from transforms.normalise import normalise_text
from transforms.sentences import split_sentences
from transforms.sources import SOURCES_COLUMNS, extract_sources
from transforms.sources.corpus import KNOWN_FAILURES, NEGATIVE, POSITIVE, SourceExample

MENTIONS_SCHEMA = pl.Schema(
    {
        "doc_id": pl.String,
        "sentence_no": pl.Int32,
        "char_start": pl.Int32,
        "char_end": pl.Int32,
        "surface": pl.String,
        "entity_type": pl.String,
        "entity_id": pl.String,
    }
)
ENTITIES_SCHEMA = pl.Schema(
    {
        "entity_id": pl.String(),
        "name": pl.String(),
        "entity_type": pl.String(),
        "aliases": pl.List(pl.String),
        "parent_entity_id": pl.String(),
    }
)
BOILERPLATE_SCHEMA = {
    "doc_id": pl.String,
    "line_no": pl.Int32,
    "kind": pl.String,
    "text": pl.String,
}
NO_MENTIONS = pl.DataFrame(schema=MENTIONS_SCHEMA)
NO_ENTITIES = pl.DataFrame(schema=ENTITIES_SCHEMA)
NO_BOILERPLATE = pl.DataFrame(schema=BOILERPLATE_SCHEMA)


def _documents(texts: dict[str, str]) -> pl.DataFrame:
    return pl.DataFrame({"doc_id": list(texts), "text": list(texts.values())}).select(
        "doc_id", normalise_text(pl.col("text")).alias("body_text")
    )


def _sources(
    texts: dict[str, str],
    mentions: pl.DataFrame = NO_MENTIONS,
    entities: pl.DataFrame = NO_ENTITIES,
    boilerplate: pl.DataFrame = NO_BOILERPLATE,
) -> tuple[pl.DataFrame, dict[str, str]]:
    docs = _documents(texts)
    out = extract_sources(split_sentences(docs.lazy()), mentions, entities, boilerplate)
    return out, dict(zip(docs["doc_id"], docs["body_text"], strict=True))


def _entities(rows: list[tuple[str, str, str, list[str]]]) -> pl.DataFrame:
    return pl.DataFrame(
        [(i, n, t, a, None) for i, n, t, a in rows], schema=ENTITIES_SCHEMA, orient="row"
    )


def test_schema_and_empty_input() -> None:
    out, _ = _sources({"d": "Nothing is attributed here."})
    assert out.schema == SOURCES_COLUMNS
    assert out.is_empty()


def test_offsets_are_code_points_into_body_text() -> None:
    text = "Grüße — «Umsatz» stieg, according to Gartner."
    out, bodies = _sources({"d": text})
    row = out.row(0, named=True)
    assert bodies["d"][row["char_start"] : row["char_end"]] == "Gartner"
    assert (row["sentence_no"], row["line_no"]) == (0, None)


def test_boilerplate_source_lines_are_sources_without_offsets() -> None:
    boilerplate = pl.DataFrame(
        [
            ("d", 7, "source_line", "Source: Nikkei Asian Review"),
            ("d", 8, "source_line", "Via: Xperia Blog"),
            ("d", 9, "credits", "Image: cellanr"),
        ],
        schema=BOILERPLATE_SCHEMA,
        orient="row",
    )
    entities = _entities([("org:nikkei", "Nikkei Inc.", "ORG", ["Nikkei Asian Review"])])
    out, _ = _sources({"d": "Sony said sales rose."}, entities=entities, boilerplate=boilerplate)
    assert out.select("source", "source_entity_id", "cue", "line_no", "rule").rows() == [
        ("Nikkei Inc.", "org:nikkei", "source:", 7, "source.boilerplate_line"),
        ("Xperia Blog", None, "via:", 8, "source.boilerplate_line"),
    ]
    assert out["char_start"].null_count() == 2
    assert out["sentence_no"].null_count() == 2


def test_mentions_give_canonical_names_and_confirm_citing() -> None:
    text = "Shares fell, citing Moody's Investors Service. Sales rose, citing Acme."
    body = _documents({"d": text})["body_text"][0]
    start = body.index("Acme")
    mentions = pl.DataFrame(
        [("d", 1, start, start + 4, "Acme", "ORG", "org:acme")],
        schema=MENTIONS_SCHEMA,
        orient="row",
    )
    entities = _entities([("org:acme", "Acme Corp", "ORG", [])])
    without, _ = _sources({"d": text})
    assert without.is_empty()  # "citing" a plain name needs a mention to confirm it
    out, _ = _sources({"d": text}, mentions, entities)
    assert out.select("source", "source_entity_id", "cue").rows() == [
        ("Acme Corp", "org:acme", "citing")
    ]


def test_one_source_per_name_the_first_rule_wins() -> None:
    out, _ = _sources({"d": "Prices rose, according to a Reuters poll."})
    assert out.select("source", "cue", "rule").rows() == [
        ("Reuters", "according to", "source.according_to")
    ]


ALL_EXAMPLES = corpus_examples(POSITIVE, NEGATIVE, KNOWN_FAILURES)


@pytest.fixture(scope="module")
def corpus_sources() -> tuple[dict[str, list[dict[str, Any]]], dict[str, str]]:
    """Every corpus text in one extraction (one document per example)."""
    texts = {key: ex.text for key, ex in ALL_EXAMPLES.items()}
    out, bodies = _sources(texts)
    return rows_by_document(out, texts), bodies


@pytest.mark.parametrize(
    ("key", "example"),
    corpus_params(POSITIVE, NEGATIVE, KNOWN_FAILURES),
)
def test_corpus(
    key: str,
    example: SourceExample,
    corpus_sources: tuple[dict[str, list[dict[str, Any]]], dict[str, str]],
) -> None:
    grouped, bodies = corpus_sources
    found = grouped[key]
    assert [(r["source"], r["cue"]) for r in found] == [
        (e["source"], e["cue"]) for e in example.expected
    ]
    for row, expected in zip(found, example.expected, strict=True):
        if "rule" in expected:
            assert row["rule"] == expected["rule"]
        span = bodies[key][row["char_start"] : row["char_end"]]
        if row["rule"] == "source.anonymous":
            assert span.lower() == row["source"]
        else:
            assert span == row["source"]
