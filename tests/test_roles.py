"""Roles: unit tests on tiny frames, and the labelled corpus (transforms/roles/corpus.py)."""

from __future__ import annotations

from typing import Any

import polars as pl
import pytest

from tests.helpers import corpus_examples, corpus_params, rows_by_document
from transforms.normalise import normalise_text
from transforms.roles import ROLES_COLUMNS, extract_roles
from transforms.roles.corpus import KNOWN_FAILURES, NEGATIVE, POSITIVE, RoleExample
from transforms.sentences import split_sentences

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
NO_MENTIONS = pl.DataFrame(schema=MENTIONS_SCHEMA)
NO_ENTITIES = pl.DataFrame(schema=ENTITIES_SCHEMA)


def _documents(texts: dict[str, str]) -> pl.DataFrame:
    return pl.DataFrame({"doc_id": list(texts), "text": list(texts.values())}).select(
        "doc_id", normalise_text(pl.col("text")).alias("body_text")
    )


def _roles(
    texts: dict[str, str],
    mentions: pl.DataFrame = NO_MENTIONS,
    entities: pl.DataFrame = NO_ENTITIES,
) -> tuple[pl.DataFrame, dict[str, str]]:
    docs = _documents(texts)
    roles = extract_roles(split_sentences(docs.lazy()), mentions, entities)
    return roles, dict(zip(docs["doc_id"], docs["body_text"], strict=True))


def _mention(doc: str, body: str, surface: str, entity_type: str, entity_id: str) -> dict[str, Any]:
    start = body.index(surface)
    return {
        "doc_id": doc,
        "sentence_no": 0,
        "char_start": start,
        "char_end": start + len(surface),
        "surface": surface,
        "entity_type": entity_type,
        "entity_id": entity_id,
    }


def test_schema_and_empty_input() -> None:
    roles, _ = _roles({"d": "No roles here."})
    assert roles.schema == ROLES_COLUMNS
    assert roles.is_empty()


def test_offsets_cover_the_role_expression_in_body_text() -> None:
    text = "Intro line.\n\nIn Tokyo, Sony CEO Kazuo Hirai said so."
    roles, bodies = _roles({"d": text})
    row = roles.row(0, named=True)
    assert bodies["d"][row["char_start"] : row["char_end"]] == "Sony CEO Kazuo Hirai"
    assert row["sentence_no"] == 1


def test_offsets_are_code_points_after_non_ascii_text() -> None:
    text = "Der Vorstand sagte: «Grüße» — Sony CEO Kazuo Hirai said so."
    roles, bodies = _roles({"d": text})
    row = roles.row(0, named=True)
    assert bodies["d"][row["char_start"] : row["char_end"]] == "Sony CEO Kazuo Hirai"


def test_mentions_give_canonical_names_and_ids() -> None:
    text = "Sony Mobile President and CEO Totoki countered rumors."
    body = _documents({"d": text})["body_text"][0]
    mentions = pl.DataFrame(
        [
            _mention("d", body, "Sony Mobile", "ORG", "org:sony-mobile"),
            _mention("d", body, "Totoki", "PERSON", "person:hiroki-totoki"),
        ],
        schema=MENTIONS_SCHEMA,
    )
    entities = pl.DataFrame(
        {
            "entity_id": ["org:sony-mobile", "person:hiroki-totoki"],
            "name": ["Sony Mobile Communications", "Hiroki Totoki"],
            "entity_type": ["ORG", "PERSON"],
            "aliases": [[], []],
            "parent_entity_id": [None, None],
        },
        schema=ENTITIES_SCHEMA,
    )
    roles, _ = _roles({"d": text}, mentions, entities)
    # A one-word name is kept because a PERSON mention covers it.
    assert roles.select("person", "person_entity_id", "org", "org_entity_id").rows() == [
        ("Hiroki Totoki", "person:hiroki-totoki", "Sony Mobile Communications", "org:sony-mobile")
    ]


def test_a_name_on_an_org_mention_is_not_a_person() -> None:
    text = "Its partner Deutsche Telekom, the chief executive of Sony, said so."
    body = _documents({"d": text})["body_text"][0]
    mentions = pl.DataFrame(
        [_mention("d", body, "Deutsche Telekom", "ORG", "org:dt")], schema=MENTIONS_SCHEMA
    )
    without, _ = _roles({"d": text})
    with_mention, _ = _roles({"d": text}, mentions)
    assert without["person"].to_list() == ["Deutsche Telekom"]
    assert with_mention.is_empty()


def test_two_roles_of_one_person_are_both_kept() -> None:
    roles, _ = _roles({"d": "Apple CEO Tim Cook, the company's chairman, said so."})
    assert roles.select("person", "title", "org").rows() == [
        ("Tim Cook", "CEO", "Apple"),
        ("Tim Cook", "chairman", None),
    ]


ALL_EXAMPLES = corpus_examples(POSITIVE, NEGATIVE, KNOWN_FAILURES)


@pytest.fixture(scope="module")
def corpus_roles() -> tuple[dict[str, list[dict[str, Any]]], dict[str, str]]:
    """Every corpus text in one extraction (one document per example)."""
    texts = {key: ex.text for key, ex in ALL_EXAMPLES.items()}
    roles, bodies = _roles(texts)
    return rows_by_document(roles, texts), bodies


@pytest.mark.parametrize(
    ("key", "example"),
    corpus_params(POSITIVE, NEGATIVE, KNOWN_FAILURES),
)
def test_corpus(
    key: str,
    example: RoleExample,
    corpus_roles: tuple[dict[str, list[dict[str, Any]]], dict[str, str]],
) -> None:
    grouped, bodies = corpus_roles
    found = grouped[key]
    got = [(r["person"], r["title"], r["org"]) for r in found]
    want = [(e["person"], e["title"], e["org"]) for e in example.expected]
    assert got == want
    for row, expected in zip(found, example.expected, strict=True):
        span = bodies[key][row["char_start"] : row["char_end"]]
        if "span" in expected:
            assert span == expected["span"]
        if "rule" in expected:
            assert row["rule"] == expected["rule"]
        assert row["person"] in span


def test_premodifier_gate_holds_wherever_the_premodifier_matches() -> None:
    """The gate only skips sentences the full pattern cannot match (so output is unchanged),
    and does skip title words with no name after them."""
    from transforms.roles.rules import PREFILTER, PREMODIFIER, PREMODIFIER_GATE

    bodies = _documents({key: ex.text for key, ex in ALL_EXAMPLES.items()})
    frame = bodies.select(
        full=pl.col("body_text").str.contains(PREMODIFIER),
        gate=pl.col("body_text").str.contains(PREMODIFIER_GATE),
    )
    assert frame["full"].sum() > 10
    assert frame.filter(pl.col("full") & ~pl.col("gate")).height == 0
    no_name = pl.Series(["The chief executive said sales rose; analysts and Tim Cook agreed."])
    assert no_name.str.contains(PREFILTER).all()
    assert not no_name.str.contains(PREMODIFIER_GATE).any()
