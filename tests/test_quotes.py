"""Quotes: unit tests on tiny frames, and the labelled corpus (transforms/quotes/corpus.py)."""

from __future__ import annotations

from typing import Any

import polars as pl
import pytest

from transforms.normalise import normalise_text
from transforms.quotes import QUOTES_SCHEMA, extract_quotes
from transforms.quotes.corpus import KNOWN_FAILURES, NEGATIVE, POSITIVE, QuoteExample
from transforms.sentences import split_sentences

MENTION_SCHEMA = pl.Schema({
    "doc_id": pl.String, "sentence_no": pl.Int32, "char_start": pl.Int32,
    "char_end": pl.Int32, "surface": pl.String, "entity_type": pl.String,
    "entity_id": pl.String,
})  # fmt: skip
ENTITY_SCHEMA = pl.Schema({
    "entity_id": pl.String(), "name": pl.String(), "entity_type": pl.String(),
    "aliases": pl.List(pl.String()), "parent_entity_id": pl.String(),
})  # fmt: skip
ROLE_SCHEMA = pl.Schema({
    "doc_id": pl.String, "person": pl.String, "person_entity_id": pl.String,
    "title": pl.String, "org": pl.String, "org_entity_id": pl.String,
    "char_start": pl.Int32, "char_end": pl.Int32,
})  # fmt: skip


def _mentions(text: str, names: list[tuple[str, str, str]]) -> pl.DataFrame:
    """A mention for every occurrence of each (surface, entity_type, entity_id) in text."""
    rows = []
    for surface, entity_type, entity_id in names:
        start = text.find(surface)
        while start >= 0:
            rows.append(("d", 0, start, start + len(surface), surface, entity_type, entity_id))
            start = text.find(surface, start + 1)
    return pl.DataFrame(rows, schema=MENTION_SCHEMA, orient="row")


def _entities(rows: list[tuple[str, str, str]]) -> pl.DataFrame:
    return pl.DataFrame(
        [(i, n, t, [], None) for i, n, t in rows], schema=ENTITY_SCHEMA, orient="row"
    )


def _roles(rows: list[tuple[str, str, str, int]]) -> pl.DataFrame:
    return pl.DataFrame(
        [("d", p, pid, title, None, None, start, start + 10) for p, pid, title, start in rows],
        schema=ROLE_SCHEMA,
        orient="row",
    )


def _run(
    texts: dict[str, str],
    mentions: pl.DataFrame | None = None,
    entities: pl.DataFrame | None = None,
    roles: pl.DataFrame | None = None,
) -> tuple[pl.DataFrame, dict[str, str]]:
    docs = (
        pl.DataFrame({"doc_id": list(texts), "text": list(texts.values())})
        .lazy()
        .select("doc_id", normalise_text(pl.col("text")).alias("body_text"))
    )
    bodies = dict(docs.collect().iter_rows())
    out = extract_quotes(
        docs,
        split_sentences(docs),
        mentions if mentions is not None else pl.DataFrame(schema=MENTION_SCHEMA),
        entities if entities is not None else pl.DataFrame(schema=ENTITY_SCHEMA),
        roles if roles is not None else pl.DataFrame(schema=ROLE_SCHEMA),
    )
    return out, bodies


TOTOKI = (
    "Sony Mobile President and CEO Hiroki Totoki countered rumors.\n\n"
    'Totoki put those rumors to bed: "Smartphones are connected. The opportunity is huge," '
    'Totoki said. "We are heading to the IoT era."\n\n'
    'In other words, it matters. "In that sense we will never sell," he said.'
)


def test_schema_offsets_and_totoki_turns() -> None:
    mentions = _mentions(TOTOKI, [("Hiroki Totoki", "PERSON", "p:t"), ("Totoki", "PERSON", "p:t")])
    mentions = mentions.filter(
        ~((pl.col("surface") == "Totoki") & (pl.col("char_start") == TOTOKI.find("Totoki ")))
    )
    roles = _roles([("Hiroki Totoki", "p:t", "President and CEO", 0)])
    out, bodies = _run(
        {"d": TOTOKI}, mentions, _entities([("p:t", "Hiroki Totoki", "PERSON")]), roles
    )
    assert out.schema == QUOTES_SCHEMA
    for row in out.iter_rows(named=True):
        assert bodies["d"][row["char_start"] : row["char_end"]] == row["quote_text"]
    assert out["speaker"].to_list() == ["Hiroki Totoki"] * 3
    assert out["speaker_entity_id"].to_list() == ["p:t"] * 3
    assert out["speaker_title"].to_list() == ["President and CEO"] * 3
    assert out["rule"].to_list() == ["after_name_cue", "continuation", "after_name_cue"]
    assert out["cue"].to_list() == ["said", None, "said"]


def test_pronoun_takes_the_latest_person_mentioned_before_it() -> None:
    text = 'Ann Lee met Bob Ray. Later, Bob Ray spoke. "We are done," he said.'
    mentions = _mentions(text, [("Ann Lee", "PERSON", "p:a"), ("Bob Ray", "PERSON", "p:b")])
    entities = _entities([("p:a", "Ann Lee", "PERSON"), ("p:b", "Bob Ray", "PERSON")])
    out, _ = _run({"d": text}, mentions, entities)
    assert out["speaker"].to_list() == ["Bob Ray"]
    assert out["speaker_start"].to_list() == [text.rfind("Bob Ray")]


def test_pronoun_without_antecedent_has_no_speaker() -> None:
    out, _ = _run({"d": '"We are done," he said.'})
    assert out["speaker"].to_list() == [None]
    assert out["cue"].to_list() == ["said"]


def test_role_noun_takes_the_holder_of_the_title() -> None:
    text = 'Mary Barra leads GM. "We will grow," the CEO said.'
    roles = _roles([("Mary Barra", "p:m", "CEO", 0)])
    out, _ = _run({"d": text}, roles=roles)
    row = out.row(0, named=True)
    assert (row["speaker"], row["speaker_entity_id"], row["speaker_title"]) == (
        "Mary Barra",
        "p:m",
        "CEO",
    )


def test_appositive_title_is_the_speaker_title() -> None:
    out, _ = _run({"d": '"Prices will rise," Jane Smith, an analyst at Nomura, said.'})
    assert out["speaker_title"].to_list() == ["an analyst at Nomura"]


def test_scare_quotes_never_get_a_speaker() -> None:
    out, _ = _run({"d": 'Trump said it was a so-called "deal of the century" for everyone.'})
    assert out["quote_kind"].to_list() == ["scare"]
    assert out["speaker"].to_list() == [None]


def test_unbalanced_mark_stays_in_its_paragraph() -> None:
    text = 'He wrote "a note.\n\nLater "Prices are up," Lee said.'
    out, _ = _run({"d": text})
    assert out["quote_text"].to_list() == ["a note.", "Prices are up,"]


def test_continuation_stops_after_a_paragraph_gap() -> None:
    text = '"One thing," Lee said.\n\nMiddle.\n\nThird.\n\n"Another thing entirely here."'
    out, _ = _run({"d": text})
    assert out["speaker"].to_list() == ["Lee", None]


def _check(example: QuoteExample, out: pl.DataFrame, body: str) -> None:
    got: list[tuple[Any, ...]] = [
        (
            r["quote_text"],
            None if r["speaker_start"] is None else body[r["speaker_start"] : r["speaker_end"]],
            r["quote_kind"],
            r["cue"],
        )
        for r in out.iter_rows(named=True)
    ]
    assert got == list(example.expected)


def _params() -> list[Any]:
    params = []
    for group, examples in (("pos", POSITIVE), ("neg", NEGATIVE), ("known", KNOWN_FAILURES)):
        marks = [pytest.mark.xfail(strict=True)] if group == "known" else []
        for i, example in enumerate(examples):
            note = example.note or example.text[:40]
            params.append(pytest.param(example, id=f"{group}-{i}-{note}", marks=marks))
    return params


@pytest.fixture(scope="module")
def corpus_results() -> dict[str, tuple[pl.DataFrame, str]]:
    examples = POSITIVE + NEGATIVE + KNOWN_FAILURES
    texts = {str(i): e.text for i, e in enumerate(examples)}
    out, bodies = _run(texts)
    return {
        e.text: (out.filter(pl.col("doc_id") == str(i)), bodies[str(i)])
        for i, e in enumerate(examples)
    }


@pytest.mark.parametrize("example", _params())
def test_corpus(example: QuoteExample, corpus_results: dict[str, tuple[pl.DataFrame, str]]) -> None:
    out, body = corpus_results[example.text]
    _check(example, out, body)
