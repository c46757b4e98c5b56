"""Helpers for reading a published warehouse in tests."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import duckdb

from flows.settings import DB_FILE_NAME

# Tables whose content a run must leave alone when it has nothing new to do.
DATA_TABLES = (
    "documents",
    "boilerplate",
    "sentences",
    "entities",
    "mentions",
    "facts",
    "quotes",
    "roles",
    "sources",
    "events",
    "rejected_files",
)


def query(warehouse: Path, sql: str) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(warehouse / DB_FILE_NAME), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def snapshot(
    warehouse: Path, tables: tuple[str, ...] = DATA_TABLES
) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted (per-document tables are views over Parquet files,
    which promise no row order)."""
    return {t: query(warehouse, f'SELECT * FROM "{t}" ORDER BY ALL') for t in tables}


def touch_later(path: Path) -> None:
    """Change a file's mtime without changing its content."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))


# --- labelled corpora (POSITIVE / NEGATIVE / KNOWN_FAILURES lists of examples) ----------------


def _corpus_groups(positive: list[Any], negative: list[Any], known: list[Any]) -> list[Any]:
    return [("POSITIVE", positive), ("NEGATIVE", negative), ("KNOWN", known)]


def corpus_examples(positive: list[Any], negative: list[Any], known: list[Any]) -> dict[str, Any]:
    """Every example by key ("POSITIVE/3"): one document each, extracted together."""
    return {
        f"{name}/{i}": example
        for name, group in _corpus_groups(positive, negative, known)
        for i, example in enumerate(group)
    }


def corpus_params(positive: list[Any], negative: list[Any], known: list[Any]) -> list[Any]:
    """pytest params (key, example); known failures are strict xfails."""
    import pytest

    params = []
    for name, group in _corpus_groups(positive, negative, known):
        marks = [pytest.mark.xfail(strict=True)] if name == "KNOWN" else []
        params += [
            pytest.param(f"{name}/{i}", ex, id=f"{name}-{i}-{ex.note or ex.text[:40]}", marks=marks)
            for i, ex in enumerate(group)
        ]
    return params


def rows_by_document(frame: Any, keys: Any) -> dict[str, list[dict[str, Any]]]:
    """The rows of an extracted frame per doc_id (every key present), in text order."""
    grouped: dict[str, list[dict[str, Any]]] = {key: [] for key in keys}
    for row in frame.sort("doc_id", "char_start").iter_rows(named=True):
        grouped[row["doc_id"]].append(row)
    return grouped
