"""Named-entity mentions (ORG, PERSON, LOCATION, PRODUCT) and the canonical entities they link
to, from gazetteers (data/*.tsv), word lists and cue patterns; see rules.py."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from transforms.entities import gazetteer
from transforms.entities.rules import find_mentions

VERSION = "2"

MENTION_COLUMNS = pl.Schema(
    {
        "doc_id": pl.String(),
        "sentence_no": pl.Int32(),
        "char_start": pl.Int32(),
        "char_end": pl.Int32(),
        "surface": pl.String(),
        "entity_type": pl.String(),
        "entity_id": pl.String(),
    }
)
ENTITY_COLUMNS = pl.Schema(
    {
        "entity_id": pl.String(),
        "name": pl.String(),
        "entity_type": pl.String(),
        "aliases": pl.List(pl.String()),
        "parent_entity_id": pl.String(),
    }
)
# Parent chains in the curated lists are short (unit -> company -> group).
MAX_PARENT_DEPTH = 4


@dataclass(frozen=True)
class EntityResult:
    mentions: pl.DataFrame  # MENTION_COLUMNS, sorted by doc_id, char_start; non-overlapping
    entities: pl.DataFrame  # ENTITY_COLUMNS: every mentioned entity and its parents


def extract_entities(sentences: pl.LazyFrame) -> EntityResult:
    """Mentions in ``sentences`` (SENTENCES columns: doc_id, sentence_no, char_start, char_end,
    text)."""
    found = find_mentions(sentences)
    mentions = found.select(pl.col(n).cast(t) for n, t in MENTION_COLUMNS.items())
    return EntityResult(mentions=mentions, entities=_entities(found))


def _entities(found: pl.DataFrame) -> pl.DataFrame:
    known = gazetteer.entity_table()
    seen = found.group_by("entity_id").agg(
        pl.col("name").first(),
        pl.col("entity_type").first(),
        pl.col("surface").unique().alias("surfaces"),
    )
    listed = seen.join(known.select("entity_id"), on="entity_id", how="semi")
    unlisted = seen.join(known.select("entity_id"), on="entity_id", how="anti")
    rows = [
        unlisted.select(
            "entity_id",
            "name",
            "entity_type",
            pl.col("surfaces").alias("aliases"),
            pl.lit(None, dtype=pl.String).alias("parent_entity_id"),
        ),
        known.join(listed.select("entity_id", "surfaces"), on="entity_id", how="inner").select(
            "entity_id",
            "name",
            "entity_type",
            pl.concat_list("aliases", "surfaces").alias("aliases"),
            "parent_entity_id",
        ),
    ]
    entities = pl.concat(rows)
    for _ in range(MAX_PARENT_DEPTH):
        missing = (
            entities.select(pl.col("parent_entity_id").alias("entity_id"))
            .drop_nulls()
            .unique()
            .join(entities.select("entity_id"), on="entity_id", how="anti")
        )
        parents = known.join(missing, on="entity_id", how="semi")
        if parents.is_empty():
            break
        entities = pl.concat(
            [
                entities,
                parents.select("entity_id", "name", "entity_type", "aliases", "parent_entity_id"),
            ]
        )
    return (
        entities.with_columns(
            aliases=pl.col("aliases")
            # (A set difference has no repeats.)
            .list.set_difference(pl.concat_list(pl.col("name")))
            .list.sort()
        )
        .select(ENTITY_COLUMNS.names())
        .sort("entity_id")
    )
