"""Publish the lake as one DuckDB file, atomically.

The new database is built beside the old one under a temporary name, checked with every
``sql/checks/*.sql`` (a check fails when it returns rows), and only then renamed over
``newsfacts.duckdb``. A reader holding the old file keeps reading the old, complete data; a
failed check leaves the previous warehouse in place.

The file is small: the bookkeeping tables (files, runs, rejected_files, entities,
document_copies, unpublished_copies) are copied in, and every per-document table (documents,
sentences, facts, mentions, ...) is a view over the explicit list of the lake's Parquet files
that are live for this publish. Lake files are written once and never changed, so the old
file's views keep reading exactly the old data. Copying every body and sentence into DuckDB
would cost about as much as the whole extraction; listing files costs nothing.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from flows.codegen import lake_view_ddl, table_ddl
from flows.faults import fault_point
from flows.lake import Lake, document_part_of, fsync_dir, parquet_columns, run_of
from flows.settings import DB_FILE_NAME, SQL_DIR
from transforms.extraction import EXTRACTOR_TABLES
from transforms.schemas import DOCUMENTS, LAKE_TABLES, PUBLISHED_TABLES, Column, Table

CHECK_SAMPLE_ROWS = 5
# DuckDB inside a run's process, which already holds the extraction's memory: spill to disk
# beyond 1 GB instead of taking 80% of the machine (the default), and do not keep the lake's
# Parquet files cached in memory after a query (DuckDB >= 1.3 does by default).
RUN_DUCKDB_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "memory_limit": "1GB",
    "enable_external_file_cache": False,
}


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


def connect_reader(database: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection that can read the warehouse and its lake's Parquet files and
    nothing else on disk (for ad hoc SQL that must not read or write other files)."""
    con = duckdb.connect(str(database), read_only=True)
    try:
        lake_dir = Lake(database.parent).root.resolve()
        con.execute("SET allowed_directories = ?", [[f"{lake_dir}/"]])
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
    except BaseException:
        con.close()
        raise
    return con


def _sql_files(folder: str) -> list[Path]:
    return sorted((SQL_DIR / folder).glob("*.sql"))


def _quote_list(paths: list[Path]) -> str:
    # Absolute: readers open the warehouse from any working directory.
    return "[" + ", ".join("'" + str(p.resolve()).replace("'", "''") + "'" for p in paths) + "]"


def _lake_view(
    con: duckdb.DuckDBPyConnection, lake: Lake, table: Table, run_ids: list[str]
) -> None:
    """A temp view ``lake_<table>`` over the table's committed parts (typed empty if none)."""
    parts = lake.parts(table.name, run_ids)
    con.execute(f"CREATE TEMP VIEW lake_{table.name} AS {_parquet_select(table, parts)}")


def _parquet_select(
    table: Table, parts: list[Path], columns: tuple[Column, ...] | None = None
) -> str:
    """SELECT the table's columns from its Parquet parts, typed NULL for a column no part has
    (parts written before it was added); typed and empty when there are no parts."""
    columns = columns or table.columns
    if not parts:
        typed_nulls = ", ".join(f'CAST(NULL AS {c.type}) AS "{c.name}"' for c in columns)
        return f"SELECT {typed_nulls} WHERE false"
    present = parquet_columns(parts)
    selected = ", ".join(
        f'x."{c.name}"' if c.name in present else f'CAST(NULL AS {c.type}) AS "{c.name}"'
        for c in columns
    )
    # union_by_name: parts written before a column was added read it as NULL.
    return f"SELECT {selected} FROM read_parquet({_quote_list(parts)}, union_by_name = true) AS x"


def document_view_sql(table: Table, parts: list[Path]) -> str:
    """A per-document table as published: its rows in ``parts`` that belong to the published
    copy of a live document; documents also get their credited file (``document_copies``).
    The other tables leave out the rows of ``unpublished_copies``: the same rows, as every
    row of a part belongs to a document of that part, and an anti-join with the few
    unpublished copies is far cheaper than a semi-join with every published one."""
    if table.name == DOCUMENTS.name:
        credited = {"source_path", "source_line"}
        own = tuple(c for c in table.published_columns if c.name not in credited)
        base = _parquet_select(table, parts, (*own, table.column("part_id")))
        return (
            f"SELECT {', '.join(f'doc.{_q(c.name)}' for c in own)}, "
            "copy.source_path, copy.source_line "
            f"FROM ({base}) AS doc INNER JOIN document_copies AS copy USING (doc_id, part_id)"
        )
    base = _parquet_select(table, parts, (*table.published_columns, table.column("part_id")))
    return (
        f"SELECT {', '.join(f'row.{_q(c.name)}' for c in table.published_columns)} "
        f"FROM ({base}) AS row ANTI JOIN unpublished_copies AS copy USING (doc_id, part_id)"
    )


def _q(name: str) -> str:
    return f'"{name}"'


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
    for table in LAKE_TABLES:
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


def published_parts(
    lake: Lake, table: Table, runs: pl.DataFrame, effective: list[str], live_parts: set[str]
) -> list[Path]:
    """The Parquet files a per-document view reads: the table's live parts that hold the
    published copy of some live document (a part whose documents all dropped out is left
    out, so ``newsfacts compact`` may delete it)."""
    parts = lake.parts(table.name, live_run_ids(table, runs, effective))
    return [p for p in parts if document_part_of(p) in live_parts]


def create_document_views(
    con: duckdb.DuckDBPyConnection, files: dict[str, list[Path]], *, temporary: bool = False
) -> None:
    """A view per per-document table over its Parquet ``files`` (with the data dictionary's
    comments), or, ``temporary``, an uncommented temp view of the same name that shadows it."""
    for table in PUBLISHED_TABLES:
        if not table.per_document:
            continue
        select = document_view_sql(table, files[table.name])
        if temporary:
            con.execute(f"CREATE OR REPLACE TEMP VIEW {table.name} AS {select}")
        else:
            con.execute(lake_view_ddl(table, select))


def drop_temporary_views(con: duckdb.DuckDBPyConnection, names: list[str]) -> None:
    for name in names:
        con.execute(f"DROP VIEW IF EXISTS temp.main.{name}")


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
    warehouse: Path,
    lake: Lake,
    build_tag: str,
    storage_version: str | None = None,
    checked_runs: set[str] | None = None,
) -> Published:
    """Build, check and atomically install the warehouse from the committed lake.

    The small tables (files, runs, entities, document_copies, ...) are copied into the new
    DuckDB file; the per-document tables are views over the explicit list of Parquet files
    that are live now. The lake's files are never changed once written, so a reader of the old
    file keeps reading the old, complete data.

    ``checked_runs``: run the data-quality checks only over the document parts these runs
    wrote (None: over everything). ``storage_version`` (e.g. "v1.0.0") pins the file's DuckDB
    storage format so that older DuckDB versions (and the BI tools that bundle them) can open
    it."""
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
        config.update(RUN_DUCKDB_CONFIG)
        con = duckdb.connect(str(building), config=config)
        try:
            # One transaction: each DDL and COMMENT ON statement would otherwise commit (and
            # write the log) on its own, hundreds of commits for a file built from scratch.
            con.execute("BEGIN TRANSACTION")
            for table in PUBLISHED_TABLES:
                if not table.per_document:
                    con.execute(table_ddl(table))
            create_lake_views(con, lake, runs, effective)
            for step in _sql_files("publish"):
                con.execute(step.read_text())
            live_parts = {
                r[0] for r in con.execute("SELECT DISTINCT part_id FROM document_copies").fetchall()
            }
            files = {
                t.name: published_parts(lake, t, runs, effective, live_parts)
                for t in PUBLISHED_TABLES
                if t.per_document
            }
            create_document_views(con, files)
            for view in _sql_files("views"):
                con.execute(view.read_text())
            if checked_runs is not None:
                # Check only the document parts this publish adds rows to: the rest were
                # checked when they were first published, and their files never change.
                checked_parts = {
                    document_part_of(p)
                    for parts in files.values()
                    for p in parts
                    if run_of(p) in checked_runs
                }
                checked = {
                    name: [p for p in parts if document_part_of(p) in checked_parts]
                    for name, parts in files.items()
                }
                create_document_views(con, checked, temporary=True)
            failures = run_checks(con)
            drop_temporary_views(con, list(files))
            if failures:
                raise PublishCheckFailed(failures)
            counts = {
                t.name: int(con.execute(f'SELECT count(*) FROM "{t.name}"').fetchone()[0])  # type: ignore[index]
                for t in PUBLISHED_TABLES
            }
            con.execute("COMMIT")
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
