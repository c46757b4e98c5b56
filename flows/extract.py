"""``newsfacts extract``: facts from a text or JSONL file, no warehouse involved.

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
from transforms.facts import facts_from_texts
from transforms.normalise import normalise_text
from transforms.sentences import split_sentences

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


def extract_records(records: pl.DataFrame, *, sentences: bool = False) -> Iterator[dict[str, Any]]:
    """One JSON-able dict per fact (and per sentence if asked), in input order, then text
    order (a sentence before the facts it holds)."""
    # Internal ids are row numbers: input ids need not be unique.
    texts = records.with_row_index("input_no").select(
        pl.col("input_no").cast(pl.String).alias("doc_id"),
        pl.col("text"),
        parse_published(pl.col("published_raw")).alias("published_at"),
    )
    ids = records["id"].to_list()
    items: list[tuple[int, int, int, dict[str, Any]]] = []
    for fact in facts_from_texts(texts).iter_rows(named=True):
        record = {"id": ids[int(fact["doc_id"])], **{k: fact[k] for k in FACT_FIELDS}}
        if record["value_date"] is not None:
            record["value_date"] = record["value_date"].isoformat()
        items.append((int(fact["doc_id"]), fact["char_start"], 1, record))
    if sentences:
        documents = texts.lazy().select("doc_id", normalise_text(pl.col("text")).alias("body_text"))
        for row in split_sentences(documents).collect().iter_rows(named=True):
            record = {
                "id": ids[int(row["doc_id"])],
                "fact_type": "sentence",
                "char_start": row["char_start"],
                "char_end": row["char_end"],
                "sentence_no": row["sentence_no"],
                "text": row["text"],
            }
            items.append((int(row["doc_id"]), row["char_start"], 0, record))
    for _, _, _, record in sorted(items, key=lambda item: item[:3]):
        yield record
