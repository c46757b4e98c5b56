"""Every extractor over a batch of documents, in the order they depend on each other:

    sentences -> entities (mentions, canonical entities) -> roles -> quotes -> sources
              -> facts (numeric and temporal; subjects linked to the mentions)
              -> events (business events resting on the facts)

Used by the pipeline (``flows/pipeline.py``, one call per batch of documents) and by
``newsfacts extract`` (``extract_texts``), so both produce the same rows from the same text.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass

import polars as pl

from transforms.schemas import (
    BOILERPLATE,
    ENTITIES,
    EVENTS,
    FACTS,
    MENTIONS,
    QUOTES,
    ROLES,
    SOURCES,
    Table,
)

# Where each extractor's version goes in the rows it writes.
EXTRACTOR_OF_TABLE = {
    "mentions": "entities",
    "roles": "roles",
    "quotes": "quotes",
    "sources": "sources",
    "events": "events",
}


@dataclass(frozen=True)
class Extraction:
    """The rows of each extracted table (lake columns less run_id/part_id bookkeeping)."""

    facts: pl.DataFrame
    mentions: pl.DataFrame
    entities: pl.DataFrame
    roles: pl.DataFrame
    quotes: pl.DataFrame
    sources: pl.DataFrame
    events: pl.DataFrame


def extractor_versions() -> dict[str, str]:
    """Version of every extractor: the fact kinds (and their context step) and the others."""
    from transforms import entities, events, quotes, roles, sources
    from transforms.facts import versions

    return {
        "facts": ";".join(f"{k}@{v}" for k, v in versions().items()),
        "entities": entities.VERSION,
        "roles": roles.VERSION,
        "quotes": quotes.VERSION,
        "sources": sources.VERSION,
        "events": events.VERSION,
    }


def _columns(table: Table) -> list[str]:
    return [c.name for c in table.columns if c.name not in ("run_id", "part_id")]


def _conform(frame: pl.DataFrame, table: Table) -> pl.DataFrame:
    """The extractor's rows as the table's declared columns and types, version stamped."""
    schema = table.polars_schema()
    version = extractor_versions()[EXTRACTOR_OF_TABLE[table.name]]
    return frame.with_columns(extractor_version=pl.lit(version)).select(
        pl.col(n).cast(schema[n]) for n in _columns(table)
    )


def extract_all(
    documents: pl.DataFrame,
    sentences: pl.DataFrame,
    boilerplate: pl.DataFrame | None = None,
    *,
    step: Callable[[str], AbstractContextManager[object]] = lambda name: nullcontext(),
) -> Extraction:
    """Extract everything from documents (doc_id, body_text, published_at), their sentences
    (SENTENCES columns) and the boilerplate lines removed from them (BOILERPLATE columns;
    'Source:'/'Via:' lines there become sources). ``step(name)`` wraps each extractor (a
    caller's timer, say); every extractor's output is computed inside its step."""
    from transforms.facts.spans import patterns_for

    if boilerplate is None:
        boilerplate = BOILERPLATE.empty_frame()
    # Every plan below runs on this batch only, so its regexes need only the forms its text
    # does (an all-ASCII batch skips compiling every pattern's Unicode form).
    with patterns_for([documents["body_text"], sentences["text"]]):
        return _extract(documents, sentences, boilerplate, step)


def _extract(
    documents: pl.DataFrame,
    sentences: pl.DataFrame,
    boilerplate: pl.DataFrame,
    step: Callable[[str], AbstractContextManager[object]],
) -> Extraction:
    from transforms.entities import extract_entities
    from transforms.events import extract_events
    from transforms.facts import extract_facts
    from transforms.quotes import extract_quotes
    from transforms.roles import extract_roles
    from transforms.sources import extract_sources

    lazy_sentences = sentences.lazy()
    with step("entities"):
        found = extract_entities(lazy_sentences)
    mentions, entities = found.mentions, found.entities
    with step("roles"):
        roles = extract_roles(lazy_sentences, mentions, entities)
    with step("quotes"):
        quotes = extract_quotes(
            documents.lazy().select("doc_id", "body_text"),
            lazy_sentences,
            mentions,
            entities,
            roles,
        )
    with step("sources"):
        sources = extract_sources(
            lazy_sentences,
            mentions,
            entities,
            boilerplate.select("doc_id", "line_no", "kind", "text"),
        )
    with step("facts"):
        facts = extract_facts(
            lazy_sentences, documents.lazy().select("doc_id", "published_at"), mentions, entities
        ).collect()
    with step("events"):
        events = extract_events(
            lazy_sentences,
            facts,
            mentions,
            entities,
            documents.lazy().select("doc_id", "published_at"),
        )
    entity_schema = ENTITIES.polars_schema()
    return Extraction(
        facts=facts.select(_columns(FACTS)),
        mentions=_conform(mentions, MENTIONS),
        entities=entities.select(pl.col(n).cast(t) for n, t in entity_schema.items()),
        roles=_conform(roles, ROLES),
        quotes=_conform(quotes, QUOTES),
        sources=_conform(sources, SOURCES),
        events=_conform(events, EVENTS),
    )


def extract_texts(texts: pl.DataFrame) -> tuple[pl.DataFrame, Extraction]:
    """Sentences and everything extracted from free texts (doc_id, text, published_at), taken
    as article bodies: normalised, not stripped of boilerplate. Offsets are into the
    normalised text."""
    from transforms.normalise import normalise_text
    from transforms.sentences import split_sentences

    documents = texts.select(
        "doc_id", normalise_text(pl.col("text")).alias("body_text"), "published_at"
    )
    sentences = split_sentences(documents.lazy()).collect()
    return sentences, extract_all(documents, sentences)


# --- re-extraction when rules change --------------------------------------------------------

# The lake tables each extractor writes.
EXTRACTOR_TABLES: dict[str, tuple[str, ...]] = {
    "entities": ("mentions", "entities"),
    "roles": ("roles",),
    "quotes": ("quotes",),
    "sources": ("sources",),
    "facts": ("facts",),
    "events": ("events",),
}
# Which extractors read another's output: re-extracting one re-extracts these too.
CONSUMERS: dict[str, tuple[str, ...]] = {
    "entities": ("roles", "quotes", "sources", "facts", "events"),
    "roles": ("quotes",),
    "facts": ("events",),
}
# `--reextract money` etc.: the fact kinds (transforms.facts.KINDS) share one extractor
# (overlaps between kinds are resolved together, and events rest on them), so any kind
# re-extracts every fact.


def extractor_named(name: str) -> str:
    """The extractor a user names (an extractor, a fact kind, or a table); ValueError if none."""
    if name in EXTRACTOR_TABLES:
        return name
    from transforms.facts import KINDS

    if name in KINDS:
        return "facts"
    for extractor, tables in EXTRACTOR_TABLES.items():
        if name in tables:
            return extractor
    known = sorted({*EXTRACTOR_TABLES, *KINDS, "all"})
    raise ValueError(f"unknown extractor {name!r}: choose from {', '.join(known)}")


def extractors_to_rerun(
    previous: dict[str, str] | None, current: dict[str, str], forced: tuple[str, ...] = ()
) -> dict[str, str]:
    """Extractors whose output in the lake is stale, each with the reason: a version change
    since the ``previous`` run (None: no versions recorded), a ``forced`` name ("all" for
    every extractor), or reading the output of one that is re-extracted."""
    reasons: dict[str, str] = {}
    for name in forced:
        if name == "all":
            for extractor in EXTRACTOR_TABLES:
                reasons.setdefault(extractor, "forced (--reextract all)")
        else:
            reasons.setdefault(extractor_named(name), f"forced (--reextract {name})")
    for extractor in EXTRACTOR_TABLES:
        if extractor in reasons:
            continue
        before = None if previous is None else previous.get(extractor)
        if before is None:
            reasons[extractor] = "no version recorded for the existing documents"
        elif before != current[extractor]:
            reasons[extractor] = f"version {before} -> {current[extractor]}"
    # Downstream of a re-extracted extractor, in dependency order (entities first).
    for extractor in EXTRACTOR_TABLES:
        if extractor in reasons:
            for consumer in CONSUMERS.get(extractor, ()):
                reasons.setdefault(consumer, f"reads {extractor}, which is re-extracted")
    return {e: reasons[e] for e in EXTRACTOR_TABLES if e in reasons}
