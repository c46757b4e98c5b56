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


def extract_records(records: pl.DataFrame, *, sentences: bool = False) -> Iterator[dict[str, Any]]:
    """One JSON-able dict per extracted item, in input order then text order."""
    # Internal ids are row numbers: input ids need not be unique.
    documents = records.with_row_index("input_no").select(
        pl.col("input_no").cast(pl.String).alias("doc_id"),
        normalise_text(pl.col("text")).alias("body_text"),
        parse_published(pl.col("published_raw")).alias("published_at"),
    )
    if sentences:
        ids = records["id"].to_list()
        rows = (
            split_sentences(documents.lazy())
            .collect()
            .sort(pl.col("doc_id").cast(pl.Int64), "sentence_no")
        )
        for row in rows.iter_rows(named=True):
            yield {
                "id": ids[int(row["doc_id"])],
                "fact_type": "sentence",
                "char_start": row["char_start"],
                "char_end": row["char_end"],
                "sentence_no": row["sentence_no"],
                "text": row["text"],
            }
