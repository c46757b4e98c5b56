"""Numeric and temporal facts: one package per fact kind, combined here.

Each kind (``transforms/facts/<kind>/``) has ``rules.py`` (its patterns and
``extract(sentences, documents) -> CANDIDATES``), ``corpus.py`` (labelled examples) and a
``VERSION``. ``extract_facts`` runs every kind, drops a candidate that overlaps one of a kind
earlier in ``KINDS`` (so "$350" is money, not also a quantity), then lets
``context.py`` set status, subject and category from the words around each fact.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from types import ModuleType

import polars as pl

from transforms.facts.common import CANDIDATES, DOCUMENT_CONTEXT, to_candidates

# Priority order: on overlapping spans the earlier kind wins.
KINDS: tuple[str, ...] = ("money", "percent", "date", "rank", "quantity")

FACT_COLUMNS = (
    "fact_id",
    "doc_id",
    "sentence_no",
    "char_start",
    "char_end",
    "surface",
    "fact_type",
    "subject",
    "subject_entity_id",
    "value",
    "value_high",
    "unit",
    "category",
    "value_date",
    "date_granularity",
    "direction",
    "status",
    "usd_equivalent_fact_id",
    "rule",
    "extractor_version",
)


def kind_module(kind: str) -> ModuleType:
    """The package of one fact kind (it exposes VERSION, extract, and a corpus module)."""
    return importlib.import_module(f"transforms.facts.{kind}")


def available_kinds() -> tuple[str, ...]:
    """Kinds whose package exists (all of KINDS once every extractor has landed)."""
    found = []
    for kind in KINDS:
        try:
            kind_module(kind)
        except ModuleNotFoundError as exc:
            if exc.name != f"transforms.facts.{kind}":
                raise
            continue
        found.append(kind)
    return tuple(found)


def versions() -> dict[str, str]:
    from transforms.facts import conversions
    from transforms.facts.context import CONTEXT_VERSION

    return {
        **{k: str(kind_module(k).VERSION) for k in available_kinds()},
        "context": CONTEXT_VERSION,
        "usd_equivalents": conversions.VERSION,
    }


def extract_candidates(
    sentences: pl.LazyFrame, documents: pl.LazyFrame, kinds: Sequence[str] | None = None
) -> pl.LazyFrame:
    frames = [
        to_candidates(kind_module(k).extract(sentences, documents))
        for k in (available_kinds() if kinds is None else kinds)
    ]
    if not frames:
        return pl.LazyFrame(schema=CANDIDATES)
    return pl.concat(frames, how="vertical")


def resolve_overlaps(candidates: pl.LazyFrame) -> pl.LazyFrame:
    """Drop a candidate overlapping a higher-priority one (same kind: the longer span wins)."""
    ranked = candidates.with_columns(
        priority=pl.col("fact_type").replace_strict(
            {k: i for i, k in enumerate(KINDS)}, default=len(KINDS), return_dtype=pl.Int32
        ),
        length=pl.col("char_end") - pl.col("char_start"),
    ).with_row_index("candidate_no")
    pairs = ranked.join(ranked, on=["doc_id", "sentence_no"], suffix="_other").filter(
        (pl.col("candidate_no") != pl.col("candidate_no_other"))
        & (pl.col("char_start") < pl.col("char_end_other"))
        & (pl.col("char_start_other") < pl.col("char_end"))
        & (
            (pl.col("priority_other") < pl.col("priority"))
            | (
                (pl.col("priority_other") == pl.col("priority"))
                & (
                    (pl.col("length_other") > pl.col("length"))
                    | (
                        (pl.col("length_other") == pl.col("length"))
                        & (pl.col("candidate_no_other") < pl.col("candidate_no"))
                    )
                )
            )
        )
    )
    return ranked.join(pairs.select("candidate_no"), on="candidate_no", how="anti").select(
        CANDIDATES.names()
    )


def extract_facts(
    sentences: pl.LazyFrame,
    documents: pl.LazyFrame,
    mentions: pl.DataFrame | None = None,
    entities: pl.DataFrame | None = None,
    kinds: Sequence[str] | None = None,
) -> pl.LazyFrame:
    """Every fact in the sentences, as FACT_COLUMNS (the facts table less run bookkeeping).

    ``sentences``: SENTENCES columns; ``documents``: doc_id, published_at. With the entity
    ``mentions`` and ``entities`` of the same documents, subjects are linked to entities.
    ``kinds``: only these fact kinds (overlaps are resolved among them, so a kind left out
    cannot remove one of theirs; the same facts as a full run when the kinds left out rank
    below them in KINDS)."""
    from transforms.facts.context import add_context, link_subjects
    from transforms.facts.conversions import add_usd_equivalents

    documents = documents.select(pl.col(n).cast(t) for n, t in DOCUMENT_CONTEXT.items())
    # Materialised here: the kinds' plans and the context step share inputs, and one big lazy
    # plan made polars recompute the candidates (measured 2x slower end to end).
    # The candidates are collected before resolve_overlaps: its self-join doubles the kinds'
    # plans, and optimising that plan alone took a third of a second.
    candidates = resolve_overlaps(
        extract_candidates(sentences, documents, kinds).collect().lazy()
    ).collect()
    facts = add_context(candidates.lazy(), sentences)
    if mentions is not None and entities is not None:
        facts = link_subjects(facts, mentions, entities)
    facts = add_usd_equivalents(
        facts.with_columns(
            fact_id=pl.concat_str("doc_id", "fact_type", "char_start", "char_end", separator="-")
        ),
        sentences,
    )
    version = ";".join(f"{k}@{v}" for k, v in versions().items())
    return (
        facts.with_columns(extractor_version=pl.lit(version))
        .select(FACT_COLUMNS)
        .sort("doc_id", "char_start", "char_end", "fact_type")
    )


def facts_from_texts(texts: pl.DataFrame) -> pl.DataFrame:
    """Facts of free texts (columns doc_id, text, published_at): normalise, split, extract.

    Offsets are into the normalised text; used by ``newsfacts extract`` and the corpora."""
    from transforms.normalise import normalise_text
    from transforms.sentences import split_sentences

    documents = texts.lazy().select(
        "doc_id", normalise_text(pl.col("text")).alias("body_text"), "published_at"
    )
    sentences = split_sentences(documents)
    return extract_facts(sentences, documents).collect()
