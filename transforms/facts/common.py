"""What every fact-kind module returns, and helpers they share."""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

# A fact kind's candidates. Offsets are into documents.body_text; `surface` is exactly the
# body_text substring at them. status, subject and (when the kind leaves it NULL) category are
# filled afterwards by transforms/facts/context.py from the words around the fact.
CANDIDATES = pl.Schema(
    {
        "doc_id": pl.String(),
        "sentence_no": pl.Int32(),
        "char_start": pl.Int32(),
        "char_end": pl.Int32(),
        "surface": pl.String(),
        "fact_type": pl.String(),  # money, percent, quantity, rank, date
        "value": pl.Float64(),
        "value_high": pl.Float64(),
        "unit": pl.String(),
        "category": pl.String(),
        "value_date": pl.Date(),
        "date_granularity": pl.String(),
        "direction": pl.String(),
        "rule": pl.String(),
    }
)

# Per-document context an extractor may need (dates resolve against published_at).
DOCUMENT_CONTEXT = pl.Schema({"doc_id": pl.String(), "published_at": pl.Datetime("us")})


def to_candidates(frame: pl.LazyFrame) -> pl.LazyFrame:
    """Select and cast to CANDIDATES; columns a kind does not produce become NULL."""
    names = frame.collect_schema().names()
    return frame.select(
        (pl.col(n) if n in names else pl.lit(None)).cast(t).alias(n) for n, t in CANDIDATES.items()
    )


@dataclass(frozen=True)
class FactExample:
    """A labelled example for a fact kind's corpus (Duckling Corpus / price-parser style).

    ``expected`` lists the facts of this kind the text holds, each as a dict of the
    CANDIDATES columns that matter (always ``surface``; then value, unit, ...); a column
    left out is not checked. An empty tuple means: no fact of this kind in the text.
    ``published`` anchors relative dates (YYYY-MM-DD)."""

    text: str
    expected: tuple[dict[str, object], ...]
    note: str = ""
    published: str | None = None
    extra: dict[str, object] = field(default_factory=dict)
