"""resolve_spans: spans from other extractors take the entity of the mention they overlap."""

from __future__ import annotations

import polars as pl

from transforms.entities.linking import resolve_spans

MENTIONS = pl.DataFrame(
    {
        "doc_id": ["d", "d", "d", "e"],
        "char_start": [0, 20, 40, 0],
        "char_end": [13, 26, 44, 4],
        "entity_type": ["PERSON", "PERSON", "ORG", "ORG"],
        "entity_id": ["person:hiroki-totoki", "person:hiroki-totoki", "org:sony", "org:sony"],
    },
    schema_overrides={"char_start": pl.Int32, "char_end": pl.Int32},
)
ENTITIES = pl.DataFrame(
    {
        "entity_id": ["person:hiroki-totoki", "org:sony"],
        "name": ["Hiroki Totoki", "Sony"],
    }
)


def _spans(rows: list[tuple[str, int | None, int | None, str]]) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema={
            "doc_id": pl.String,
            "speaker_start": pl.Int32,
            "speaker_end": pl.Int32,
            "speaker_surface": pl.String,
        },
        orient="row",
    )


def test_surname_span_takes_the_full_name_of_its_mention() -> None:
    out = resolve_spans(_spans([("d", 20, 26, "Totoki")]), MENTIONS, ENTITIES, prefix="speaker")
    assert out.row(0, named=True) | {} == {
        "doc_id": "d",
        "speaker_start": 20,
        "speaker_end": 26,
        "speaker_surface": "Totoki",
        "speaker_entity_id": "person:hiroki-totoki",
        "speaker_entity_type": "PERSON",
        "speaker": "Hiroki Totoki",
    }


def test_unlinked_span_keeps_its_text_and_gets_no_id() -> None:
    spans = _spans([("d", 50, 60, "Jane Doe,"), ("d", 70, 74, "U.S."), ("d", 80, 86, "Acme's")])
    out = resolve_spans(spans, MENTIONS, ENTITIES, prefix="speaker")
    assert out["speaker"].to_list() == ["Jane Doe", "U.S.", "Acme"]
    assert out["speaker_entity_id"].to_list() == [None, None, None]


def test_mentions_in_other_documents_or_of_other_types_are_ignored() -> None:
    spans = _spans([("e", 20, 26, "Totoki"), ("d", 40, 44, "Sony")])
    out = resolve_spans(spans, MENTIONS, ENTITIES, prefix="speaker", types=("PERSON",))
    assert out["speaker_entity_id"].to_list() == [None, None]
    assert out["speaker"].to_list() == ["Totoki", "Sony"]


def test_largest_overlap_wins_and_order_and_null_spans_are_kept() -> None:
    spans = _spans([("d", None, None, ""), ("d", 10, 42, "x"), ("d", 0, 26, "y")])
    out = resolve_spans(spans, MENTIONS, ENTITIES, prefix="speaker")
    assert out["speaker_surface"].to_list() == ["", "x", "y"]
    # 10-42 overlaps the PERSON mention 20-26 (6 chars) more than 0-13 (3) or 40-44 (2).
    assert out["speaker_entity_id"].to_list() == [
        None,
        "person:hiroki-totoki",
        "person:hiroki-totoki",
    ]
    assert out["speaker"].to_list()[0] is None
