"""Entity mentions: interface and schema, the data loaders, and the labelled corpus
(transforms/entities/corpus.py; KNOWN_FAILURES are strict xfails)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from transforms.entities import (
    ENTITY_COLUMNS,
    MENTION_COLUMNS,
    EntityResult,
    corpus,
    extract_entities,
    gazetteer,
)
from transforms.entities.corpus import EntityExample
from transforms.normalise import normalise_text
from transforms.sentences import split_sentences

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _run(texts: list[str]) -> tuple[pl.DataFrame, EntityResult]:
    documents = pl.DataFrame({"doc_id": [f"d{i:04d}" for i in range(len(texts))], "text": texts})
    bodies = documents.select("doc_id", normalise_text(pl.col("text")).alias("body_text"))
    return bodies, extract_entities(split_sentences(bodies.lazy()))


ALL_EXAMPLES = [*corpus.POSITIVE, *corpus.NEGATIVE, *corpus.KNOWN_FAILURES]


@pytest.fixture(scope="module")
def corpus_mentions() -> dict[str, list[tuple[str, str, str]]]:
    """Mentions of every corpus text from one extraction (one document per example)."""
    _, result = _run([e.text for e in ALL_EXAMPLES])
    found: dict[str, list[tuple[str, str, str]]] = {}
    for doc_id, surface, kind, entity_id in result.mentions.select(
        "doc_id", "surface", "entity_type", "entity_id"
    ).iter_rows():
        found.setdefault(doc_id, []).append((surface, kind, entity_id))
    return found


def _params(group: str) -> list[object]:
    marks = [pytest.mark.xfail(strict=True)] if group == "KNOWN_FAILURES" else []
    return [
        pytest.param(e, id=f"{group}-{i}-{e.note or e.text[:40]}", marks=marks)
        for i, e in enumerate(getattr(corpus, group))
    ]


@pytest.mark.parametrize(
    "example", _params("POSITIVE") + _params("NEGATIVE") + _params("KNOWN_FAILURES")
)
def test_corpus(
    example: EntityExample, corpus_mentions: dict[str, list[tuple[str, str, str]]]
) -> None:
    found = corpus_mentions.get(f"d{ALL_EXAMPLES.index(example):04d}", [])
    assert [(s, t) for s, t, _ in found] == [(e[0], e[1]) for e in example.expected]
    for (_, _, entity_id), expected in zip(found, example.expected, strict=True):
        if len(expected) > 2:
            assert entity_id == expected[2]


@pytest.fixture(scope="module")
def samples() -> tuple[pl.DataFrame, EntityResult]:
    return _run([p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))])


def test_schema_and_order(samples: tuple[pl.DataFrame, EntityResult]) -> None:
    _, result = samples
    assert result.mentions.schema == MENTION_COLUMNS
    assert result.entities.schema == ENTITY_COLUMNS
    mentions = result.mentions
    assert mentions.height > 50
    assert mentions.equals(mentions.sort("doc_id", "char_start"))
    overlapping = mentions.with_columns(
        next_start=pl.col("char_start").shift(-1).over("doc_id")
    ).filter(pl.col("next_start") < pl.col("char_end"))
    assert overlapping.is_empty()


def test_surface_is_the_body_substring(samples: tuple[pl.DataFrame, EntityResult]) -> None:
    bodies, result = samples
    checked = result.mentions.join(bodies, on="doc_id").with_columns(
        text=pl.col("body_text").str.slice(
            pl.col("char_start"), pl.col("char_end") - pl.col("char_start")
        )
    )
    assert (checked["text"] == checked["surface"]).all()


def test_entities_cover_mentions_and_parents(samples: tuple[pl.DataFrame, EntityResult]) -> None:
    _, result = samples
    ids = set(result.entities["entity_id"])
    assert set(result.mentions["entity_id"]) <= ids
    parents = set(result.entities["parent_entity_id"].drop_nulls())
    assert parents <= ids
    assert result.entities["entity_id"].is_unique().all()
    assert (
        result.entities["entity_id"].str.contains(r"^(org|person|loc|product):[a-z0-9-]+$")
    ).all()


def test_samples_key_entities(samples: tuple[pl.DataFrame, EntityResult]) -> None:
    _, result = samples
    ids = set(result.mentions["entity_id"])
    for expected in (
        "org:sony",
        "org:sony-mobile",
        "org:gartner",
        "org:reuters",
        "org:apple",
        "org:samsung",
        "org:xiaomi",
        "org:google",
        "person:hiroki-totoki",
        "person:kazuo-hirai",
        "loc:united-states",
        "loc:china",
        "loc:japan",
        "loc:europe",
    ):
        assert expected in ids
    surfaces = set(result.mentions["surface"])
    assert not surfaces & {"Internet of Things", "Love It", "Share This Post", "Don"}


def test_sony_mobile_has_parent_sony(samples: tuple[pl.DataFrame, EntityResult]) -> None:
    _, result = samples
    parents = dict(result.entities.select("entity_id", "parent_entity_id").iter_rows())
    assert parents.get("org:sony-mobile") == "org:sony"
    assert "org:sony" in parents


def test_pattern_entity_ids_are_stable_across_documents() -> None:
    _, result = _run(["Zentrix Holdings Ltd. rose.", "Shares of Zentrix Holdings Ltd. fell."])
    assert result.mentions["entity_id"].to_list() == ["org:zentrix-holdings"] * 2
    entity = result.entities.row(0, named=True)
    assert entity["name"] == "Zentrix Holdings"
    assert entity["aliases"] == ["Zentrix Holdings Ltd."]


def test_empty_input() -> None:
    empty = pl.DataFrame(
        schema={
            "doc_id": pl.String,
            "sentence_no": pl.Int32,
            "char_start": pl.Int32,
            "char_end": pl.Int32,
            "text": pl.String,
        }
    )
    result = extract_entities(empty.lazy())
    assert result.mentions.is_empty() and result.mentions.schema == MENTION_COLUMNS
    assert result.entities.is_empty() and result.entities.schema == ENTITY_COLUMNS


def test_slug() -> None:
    assert gazetteer.slug("São Paulo") == "sao-paulo"
    assert gazetteer.slug("Washington, D.C.") == "washington-d-c"
    frame = pl.DataFrame({"name": ["São Paulo", "T-Mobile US"]})
    assert frame.select(gazetteer.slug_expr(pl.col("name")))["name"].to_list() == [
        "sao-paulo",
        "t-mobile-us",
    ]


def test_tsv_loading_and_alias_priority(tmp_path: Path) -> None:
    header = "entity_id\tname\tentity_type\tparent_entity_id\taliases\n"
    (tmp_path / "organisations.tsv").write_text(
        header + "org:jordan-motors\tJordan Motors\tORG\t\tJordan\n", encoding="utf-8"
    )
    (tmp_path / "locations.tsv").write_text(
        header + "loc:jordan\tJordan\tLOCATION\t\t\nloc:x\tX Land\tLOCATION\tloc:jordan\tthe X\n",
        encoding="utf-8",
    )
    entities = gazetteer.entity_table(tmp_path)
    assert (
        entities.filter(pl.col("entity_id") == "loc:x")["parent_entity_id"].item() == "loc:jordan"
    )
    aliases = gazetteer.alias_table(tmp_path)
    exact = aliases.filter(~pl.col("caps"))
    # An entity's own name beats another's alias; "the X" needs its article.
    assert exact.filter(pl.col("key") == "Jordan")["entity_id"].to_list() == ["loc:jordan"]
    assert exact.filter(pl.col("key") == "X")["needs_the"].to_list() == [True]
    assert aliases.filter(pl.col("key") == "JORDAN MOTORS")["caps"].to_list() == [True]


def test_alias_token_forms_cover_every_spelling(tmp_path: Path) -> None:
    """N-grams skip the alias lookups unless their (first) token's lookup form is listed here:
    the forms must cover every spelling the gazetteer tries."""
    header = "entity_id\tname\tentity_type\tparent_entity_id\taliases\n"
    (tmp_path / "organisations.tsv").write_text(
        header + "org:acme\tAcme Corp\tORG\t\tAcme|Wal-Mart Stores|U.K\n", encoding="utf-8"
    )
    words = set(gazetteer.alias_words(tmp_path).to_list())
    # "Acme", "Acme's", "Acme." -> "Acme"; "Acme!" and "Acme.com" lose their ending; the
    # token "U.K." keeps its period (it holds another) and loses it in the lookup.
    assert {"Acme", "Acme!", "Acme.com", "U.K", "U.K."} <= words
    assert "Corp" not in words
    openers = set(gazetteer.alias_openers(tmp_path).to_list())
    # "Wal - Mart Stores" is looked up as "Wal-Mart Stores": its first token is "Wal".
    assert {"Acme", "Wal", "Wal-Mart"} <= openers
    assert "Stores" not in openers


def test_missing_data_folder_gives_empty_tables(tmp_path: Path) -> None:
    assert gazetteer.entity_table(tmp_path).is_empty()
    assert gazetteer.alias_table(tmp_path).is_empty()


def test_curly_apostrophe_matches_listed_name_without_normalising() -> None:
    """Sentences that skipped normalisation may keep ’; the lists are written with '."""
    text = "Analysts at Moody’s said McDonald’s would pay."
    sentences = pl.LazyFrame(
        {"doc_id": ["d"], "sentence_no": [0], "char_start": [0], "char_end": [len(text)]},
        schema={
            "doc_id": pl.String,
            "sentence_no": pl.Int32,
            "char_start": pl.Int32,
            "char_end": pl.Int32,
        },
    ).with_columns(text=pl.lit(text))
    mentions = extract_entities(sentences).mentions
    assert mentions.select("surface", "entity_id").rows() == [
        ("Moody’s", "org:moody-s"),
        ("McDonald’s", "org:mcdonald-s"),
    ]


def test_documents_split_into_blocks_keep_their_sentences() -> None:
    """Sentences of one document need not be adjacent: each mention keeps its own document,
    sentence number and surface (inside, sentences are numbered by row)."""
    rows = [
        ("a", 3, 0, "Acme Holdings Ltd. rose."),
        ("b", 7, 0, "Zentrix Corp. fell."),
        ("a", 5, 100, "Shares of Bolton Industries Inc. fell."),
    ]
    sentences = pl.LazyFrame(
        {
            "doc_id": [r[0] for r in rows],
            "sentence_no": [r[1] for r in rows],
            "char_start": [r[2] for r in rows],
            "char_end": [r[2] + len(r[3]) for r in rows],
            "text": [r[3] for r in rows],
        },
        schema={
            "doc_id": pl.String,
            "sentence_no": pl.Int32,
            "char_start": pl.Int32,
            "char_end": pl.Int32,
            "text": pl.String,
        },
    )
    mentions = extract_entities(sentences).mentions
    assert mentions.select("doc_id", "sentence_no", "char_start", "surface").rows() == [
        ("a", 3, 0, "Acme Holdings Ltd."),
        ("a", 5, 110, "Bolton Industries Inc."),
        ("b", 7, 0, "Zentrix Corp."),
    ]
