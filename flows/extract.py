"""``newsfacts extract``: facts, mentions, quotes, roles, sources and events from a text or
JSONL file, no warehouse involved.

The text is normalised (Unicode and whitespace, as in the pipeline) but boilerplate is not
removed: the input is taken as plain article text. Offsets are into that normalised text.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from datetime import date
from typing import Any

import polars as pl

from flows.readers import decode
from transforms.dates import parse_published
from transforms.extraction import extract_texts

EXTRACT_INPUT = pl.Schema({"id": pl.String(), "text": pl.String(), "published_raw": pl.String()})


def read_extract_input(raw: bytes, name: str, published: date | None) -> pl.DataFrame:
    """Records (id, text, published) from plain text or JSONL; ValueError on bad input."""
    if name.endswith(".gz"):
        try:
            raw = gzip.decompress(raw)
        except OSError as exc:
            raise ValueError(f"{name}: not a valid gzip file ({exc})") from None
    text, _ = decode(raw)
    default_published = published.isoformat() if published else None
    rows: list[dict[str, Any]] = []
    if name.endswith((".jsonl", ".jsonl.gz")) or text.lstrip().startswith("{"):
        for line_no, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{name} line {line_no}: not JSON ({exc})") from None
            body = obj.get("text", obj.get("body")) if isinstance(obj, dict) else None
            if not isinstance(body, str):
                raise ValueError(f"{name} line {line_no}: needs a string 'text' or 'body'")
            rows.append(
                {
                    "id": str(obj.get("id", line_no)),
                    "text": body,
                    "published_raw": obj.get("published") or default_published,
                }
            )
    else:
        rows.append({"id": name, "text": text, "published_raw": default_published})
    return pl.DataFrame(rows, schema=EXTRACT_INPUT)


FACT_FIELDS = (
    "fact_type",
    "char_start",
    "char_end",
    "surface",
    "value",
    "value_high",
    "unit",
    "category",
    "value_date",
    "direction",
    "status",
    "subject",
)
# The other record kinds: fact_type label, the extracted table, and its fields in output order.
OTHER_RECORDS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "mention",
        "mentions",
        ("char_start", "char_end", "surface", "entity_type", "entity_id", "name"),
    ),
    ("quote", "quotes", ("char_start", "char_end", "quote_text", "speaker", "cue")),
    ("role", "roles", ("char_start", "char_end", "person", "title", "org")),
    ("source", "sources", ("char_start", "char_end", "source", "cue")),
    ("event", "events", ("char_start", "char_end", "event_type", "subject", "status")),
)


def extract_records(records: pl.DataFrame, *, sentences: bool = False) -> Iterator[dict[str, Any]]:
    """One JSON-able dict per extracted item (facts, mentions, quotes, roles, sources, events; and
    sentences if asked), in input order, then text order (a sentence before what it holds)."""
    # Internal ids are row numbers: input ids need not be unique.
    texts = records.with_row_index("input_no").select(
        pl.col("input_no").cast(pl.String).alias("doc_id"),
        pl.col("text"),
        parse_published(pl.col("published_raw")).alias("published_at"),
    )
    ids = records["id"].to_list()
    found_sentences, extracted = extract_texts(texts)
    items: list[tuple[int, int, int, dict[str, Any]]] = []

    def add(doc_id: str, order: int, record: dict[str, Any]) -> None:
        start = record["char_start"]
        # Sources from removed 'Source:' lines have no offset: they sort after the text.
        position = start if start is not None else 2**31
        items.append((int(doc_id), position, order, {"id": ids[int(doc_id)], **record}))

    for fact in extracted.facts.iter_rows(named=True):
        record = {k: fact[k] for k in FACT_FIELDS}
        if record["value_date"] is not None:
            record["value_date"] = record["value_date"].isoformat()
        add(fact["doc_id"], 1, record)
    names = extracted.entities.select("entity_id", "name")
    tables = {
        "mentions": extracted.mentions.join(names, on="entity_id", how="left"),
        "quotes": extracted.quotes,
        "roles": extracted.roles,
        "sources": extracted.sources,
        "events": extracted.events,
    }
    for order, (label, table, fields) in enumerate(OTHER_RECORDS, start=2):
        for row in tables[table].iter_rows(named=True):
            add(row["doc_id"], order, {"fact_type": label, **{k: row[k] for k in fields}})
    if sentences:
        for row in found_sentences.iter_rows(named=True):
            record = {
                "fact_type": "sentence",
                "char_start": row["char_start"],
                "char_end": row["char_end"],
                "sentence_no": row["sentence_no"],
                "text": row["text"],
            }
            add(row["doc_id"], 0, record)
    for _, _, _, record in sorted(items, key=lambda item: item[:3]):
        yield record
