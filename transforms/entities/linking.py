"""Link spans found by other extractors (a quote's speaker, a role's person and organisation,
a source) to the entity mentions over the same text.

A span takes the entity of the mention that overlaps it most (ties: the earlier mention), so
"Totoki" in "..., Totoki said" resolves through its mention to person:hiroki-totoki and the
canonical name "Hiroki Totoki". A span no mention overlaps keeps its own text as the name and
no entity id: a name is never invented.
"""

from __future__ import annotations

import polars as pl

MENTION_LINK_COLUMNS = pl.Schema(
    {
        "doc_id": pl.String(),
        "char_start": pl.Int32(),
        "char_end": pl.Int32(),
        "entity_type": pl.String(),
        "entity_id": pl.String(),
    }
)
ENTITY_NAME_COLUMNS = pl.Schema({"entity_id": pl.String(), "name": pl.String()})


def resolve_spans(
    spans: pl.DataFrame,
    mentions: pl.DataFrame,
    entities: pl.DataFrame,
    *,
    prefix: str,
    types: tuple[str, ...] | None = None,
) -> pl.DataFrame:
    """Add ``<prefix>`` (canonical name), ``<prefix>_entity_id`` and ``<prefix>_entity_type``
    to ``spans``, which has ``doc_id``, ``<prefix>_start``, ``<prefix>_end`` (offsets into
    body_text; NULL when there is no span) and ``<prefix>_surface`` (the text of the span).

    Only mentions of ``types`` (e.g. ("PERSON", "ORG")) are considered when given. Row order
    and every other column of ``spans`` are kept."""
    start, end, surface = f"{prefix}_start", f"{prefix}_end", f"{prefix}_surface"
    entity_id, entity_type = f"{prefix}_entity_id", f"{prefix}_entity_type"
    keyed = spans.with_row_index("_span_no")
    candidates = mentions.select(MENTION_LINK_COLUMNS.names()).cast(MENTION_LINK_COLUMNS)
    if types is not None:
        candidates = candidates.filter(pl.col("entity_type").is_in(list(types)))
    overlap = pl.min_horizontal(pl.col(end), pl.col("char_end")) - pl.max_horizontal(
        pl.col(start), pl.col("char_start")
    )
    best = (
        keyed.select("_span_no", "doc_id", start, end)
        .filter(pl.col(start).is_not_null() & pl.col(end).is_not_null())
        .join(candidates, on="doc_id", how="inner")
        .with_columns(_overlap=overlap)
        .filter(pl.col("_overlap") > 0)
        .sort(["_span_no", "_overlap", "char_start"], descending=[False, True, False])
        .group_by("_span_no", maintain_order=True)
        .first()
        .select(
            "_span_no",
            pl.col("entity_id").alias(entity_id),
            pl.col("entity_type").alias(entity_type),
        )
    )
    names = (
        entities.select(ENTITY_NAME_COLUMNS.names())
        .cast(ENTITY_NAME_COLUMNS)
        .unique("entity_id", keep="first")
    )
    # Trailing punctuation and a possessive are not part of a name; a final period may be
    # ("U.S.", "Inc."), so it stays.
    stripped = pl.col(surface).str.strip_chars(" ,;:").str.replace(r"['’]s?$", "")
    _cleaned = pl.when(stripped.str.len_chars() > 0).then(stripped)
    return (
        keyed.join(best, on="_span_no", how="left")
        .join(
            names.rename({"entity_id": entity_id, "name": "_entity_name"}), on=entity_id, how="left"
        )
        .with_columns(pl.coalesce(pl.col("_entity_name"), _cleaned).alias(prefix))
        .sort("_span_no")
        .drop("_span_no", "_entity_name")
    )
