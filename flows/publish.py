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
import polars as pl

from flows.faults import fault_point
from flows.lake import Lake, fsync_dir, verify_parts
from flows.settings import DB_FILE_NAME, SQL_DIR
from transforms.extraction import EXTRACTOR_TABLES
from transforms.schemas import PUBLISHED_TABLES, TABLES, Table

CHECK_SAMPLE_ROWS = 5


class PublishCheckFailed(RuntimeError):
    def __init__(self, failures: dict[str, tuple[list[str], list[tuple[object, ...]]]]):
        self.failures = failures
        # every check -> failing rows (up to the 1000 fetched), for reports
        self.checks = {p.stem: len(failures.get(p.stem, ([], []))[1]) for p in _sql_files("checks")}
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
    # every data-quality check (sql/checks file stem) -> failing rows (all 0 once published)
    checks: dict[str, int]


def _sql_files(folder: str) -> list[Path]:
    return sorted((SQL_DIR / folder).glob("*.sql"))


def _quote_list(paths: list[Path]) -> str:
    return "[" + ", ".join("'" + str(p).replace("'", "''") + "'" for p in paths) + "]"


def _lake_view(
    con: duckdb.DuckDBPyConnection, lake: Lake, table: Table, run_ids: list[str]
) -> None:
    """A temp view ``lake_<table>`` over the table's committed parts (typed empty if none)."""
    parts = lake.parts(table.name, run_ids)
    verify_parts(parts)
    columns = ", ".join(f'"{c.name}"' for c in table.columns)
    if parts:
        # union_by_name: parts written before a column was added read it as NULL.
        source = f"SELECT {columns} FROM read_parquet({_quote_list(parts)}, union_by_name = true)"
    else:
        typed_nulls = ", ".join(f'CAST(NULL AS {c.type}) AS "{c.name}"' for c in table.columns)
        source = f"SELECT {typed_nulls} WHERE false"
    con.execute(f"CREATE TEMP VIEW lake_{table.name} AS {source}")


def latest_reextraction(runs: pl.DataFrame, effective: list[str]) -> dict[str, str]:
    """Table -> the latest effective run that re-extracted it. Such a run rewrote the table
    for every document in the lake, so the table's parts from earlier runs are superseded."""
    latest: dict[str, str] = {}
    rows = runs.filter(pl.col("run_id").is_in(effective) & pl.col("reextracted").is_not_null())
    for run_id, extractors in rows.select("run_id", "reextracted").iter_rows():
        for extractor in extractors:
            for table in EXTRACTOR_TABLES.get(extractor, ()):
                latest[table] = max(latest.get(table, ""), run_id)
    return latest


def live_run_ids(table: Table, runs: pl.DataFrame, effective: list[str]) -> list[str]:
    """The runs whose parts of ``table`` are live: every committed run for ``runs`` (it is a
    history); for the rest the live epoch, and for an extracted table only from its latest
    re-extraction on."""
    if table.name == "runs":
        return runs["run_id"].to_list()
    since = latest_reextraction(runs, effective).get(table.name, "")
    return [r for r in effective if r >= since]


def create_lake_views(
    con: duckdb.DuckDBPyConnection, lake: Lake, runs: pl.DataFrame, effective: list[str]
) -> None:
    """A temp view ``lake_<table>`` of every table over its live parts."""
    for table in TABLES.values():
        _lake_view(con, lake, table, live_run_ids(table, runs, effective))


def live_document_parts(lake: Lake) -> set[str]:
    """The part ids holding the published copy of some live document (sql/publish 010-020)."""
    runs = lake.committed_runs()
    con = duckdb.connect()
    try:
        create_lake_views(con, lake, runs, lake.effective_run_ids(runs))
        for step in _sql_files("publish")[:2]:  # current_files, live_docs
            con.execute(step.read_text())
        return {r[0] for r in con.execute("SELECT DISTINCT part_id FROM live_docs").fetchall()}
    finally:
        con.close()


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


def publish(
    warehouse: Path, lake: Lake, build_tag: str, storage_version: str | None = None
) -> Published:
    """Build, check and atomically install the warehouse from the committed lake.

    ``storage_version`` (e.g. "v1.0.0") pins the file's DuckDB storage format so that older
    DuckDB versions (and the BI tools that bundle them) can open it."""
    fault_point("publish.start")
    runs = lake.committed_runs()
    effective = lake.effective_run_ids(runs)
    lake.remove_debris(runs["run_id"].to_list())
    target = warehouse / DB_FILE_NAME
    building = warehouse / f".{DB_FILE_NAME}.{build_tag}.building"
    # Unfinished databases of this or an earlier, crashed publish (one run at a time holds
    # the warehouse lock, so none of them is still being built).
    for stale in warehouse.glob(f".{DB_FILE_NAME}.*.building*"):
        stale.unlink(missing_ok=True)
    try:
        config: dict[str, str | bool | int | float | list[str]] = (
            {"storage_compatibility_version": storage_version} if storage_version else {}
        )
        con = duckdb.connect(str(building), config=config)
        try:
            con.execute((SQL_DIR / "ddl" / "tables.sql").read_text())
            create_lake_views(con, lake, runs, effective)
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
        fault_point("publish.built")
        os.replace(building, target)
        fsync_dir(warehouse)
        fault_point("publish.renamed")
    except BaseException:
        with contextlib.suppress(OSError):
            building.unlink(missing_ok=True)
            building.with_name(building.name + ".wal").unlink(missing_ok=True)
        raise
    return Published(
        path=target, row_counts=counts, checks={p.stem: 0 for p in _sql_files("checks")}
    )
