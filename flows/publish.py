"""Publish the lake as one DuckDB file, atomically.

The new database is built beside the old one under a temporary name, checked with every
``sql/checks/*.sql`` (a check fails when it returns rows), and only then renamed over
``newsfacts.duckdb``. A reader holding the old file keeps reading the old, complete data; a
failed check leaves the previous warehouse in place.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb

from flows.lake import Lake, fsync_dir
from flows.settings import DB_FILE_NAME, SQL_DIR
from transforms.schemas import PUBLISHED_TABLES, TABLES, Table

CHECK_SAMPLE_ROWS = 5


class PublishCheckFailed(RuntimeError):
    def __init__(self, failures: dict[str, tuple[list[str], list[tuple[object, ...]]]]):
        self.failures = failures
        lines = ["data-quality checks failed; the previous warehouse was kept:"]
        for name, (columns, rows) in failures.items():
            lines.append(f"  check {name}: {len(rows)} failing row(s), e.g.")
            lines.extend(
                f"    {dict(zip(columns, row, strict=True))}" for row in rows[:CHECK_SAMPLE_ROWS]
            )
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class Published:
    path: Path
    row_counts: dict[str, int]


def _sql_files(folder: str) -> list[Path]:
    return sorted((SQL_DIR / folder).glob("*.sql"))


def _quote_list(paths: list[Path]) -> str:
    return "[" + ", ".join("'" + str(p).replace("'", "''") + "'" for p in paths) + "]"


def _lake_view(
    con: duckdb.DuckDBPyConnection, lake: Lake, table: Table, run_ids: list[str]
) -> None:
    """A temp view ``lake_<table>`` over the table's committed parts (typed empty if none)."""
    parts = lake.parts(table.name, run_ids)
    columns = ", ".join(f'"{c.name}"' for c in table.columns)
    if parts:
        source = f"SELECT {columns} FROM read_parquet({_quote_list(parts)})"
    else:
        typed_nulls = ", ".join(f'CAST(NULL AS {c.type}) AS "{c.name}"' for c in table.columns)
        source = f"SELECT {typed_nulls} WHERE false"
    con.execute(f"CREATE TEMP VIEW lake_{table.name} AS {source}")


def per_document_insert(table: Table) -> str:
    """Publish a per-document table: the rows of each live document's published copy."""
    order = ", ".join(f'x."{c}"' for c in table.order_by)
    return (
        f'INSERT INTO "{table.name}" BY NAME SELECT x.* EXCLUDE (part_id) '
        f"FROM lake_{table.name} AS x INNER JOIN live_docs AS live USING (doc_id, part_id) "
        f"ORDER BY {order}"
    )


def run_checks(
    con: duckdb.DuckDBPyConnection,
) -> dict[str, tuple[list[str], list[tuple[object, ...]]]]:
    failures: dict[str, tuple[list[str], list[tuple[object, ...]]]] = {}
    for check in _sql_files("checks"):
        result = con.execute(check.read_text())
        rows = result.fetchmany(1000)
        if rows:
            columns = [d[0] for d in result.description or []]
            failures[check.stem] = (columns, rows)
    return failures


def publish(warehouse: Path, lake: Lake, build_tag: str) -> Published:
    """Build, check and atomically install the warehouse from the committed lake."""
    runs = lake.committed_runs()
    effective = lake.effective_run_ids(runs)
    target = warehouse / DB_FILE_NAME
    building = warehouse / f".{DB_FILE_NAME}.{build_tag}.building"
    for stale in (building, building.with_name(building.name + ".wal")):
        stale.unlink(missing_ok=True)
    try:
        con = duckdb.connect(str(building))
        try:
            con.execute((SQL_DIR / "ddl" / "tables.sql").read_text())
            for table in TABLES.values():
                # runs is a history of every committed run; the rest are the live epoch.
                _lake_view(
                    con,
                    lake,
                    table,
                    runs["run_id"].to_list() if table.name == "runs" else effective,
                )
            for step in _sql_files("publish"):
                con.execute(step.read_text())
            for table in PUBLISHED_TABLES:
                if table.per_document and table.name != "documents":
                    con.execute(per_document_insert(table))
            for view in _sql_files("views"):
                con.execute(view.read_text())
            failures = run_checks(con)
            if failures:
                raise PublishCheckFailed(failures)
            counts = {
                t.name: int(con.execute(f'SELECT count(*) FROM "{t.name}"').fetchone()[0])  # type: ignore[index]
                for t in PUBLISHED_TABLES
            }
            con.execute("CHECKPOINT")
        finally:
            con.close()
        with building.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(building, target)
        fsync_dir(warehouse)
    except BaseException:
        with contextlib.suppress(OSError):
            building.unlink(missing_ok=True)
            building.with_name(building.name + ".wal").unlink(missing_ok=True)
        raise
    return Published(path=target, row_counts=counts)
