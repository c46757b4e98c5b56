"""The Parquet lake: append-only part files per run, and the ledger read back from them.

Layout under ``<warehouse>/lake/``::

    <table>/<part_id>.parquet     part_id = "<run_id>__<batch/chunk>", unique per run
    runs/<run_id>.parquet         written last: the commit marker of a run

A run's parts count only once its ``runs`` file exists, so a crashed run leaves nothing
half-visible: its parts are ignored and its input is read again next time. Every file is
written to a temporary name and renamed into place, so no reader sees a partial Parquet file.
A ``full_refresh`` run starts a new epoch: only runs from the latest full refresh on count.
"""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from flows.faults import fault_point
from transforms.schemas import FILES, RUNS, TABLES, Table, conform

PART_SEPARATOR = "__"
REEXTRACTION_MARK = "__x-"  # <run>__x-<document part>: a re-extraction of that part


def new_run_id(now: datetime | None = None) -> str:
    """Sortable in time order, unique: 20261121T024438123456Z-1a2b3c."""
    now = now or datetime.now(UTC)
    return f"{now:%Y%m%dT%H%M%S%f}Z-{uuid.uuid4().hex[:6]}"


def run_of(part_path: Path) -> str:
    return part_path.stem.split(PART_SEPARATOR, 1)[0]


def fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class CorruptLakePart(RuntimeError):
    """A committed Parquet part cannot be read (truncated or damaged on disk)."""

    def __init__(self, path: Path, error: Exception):
        self.path = path
        if path.parent.name == "runs":
            fix = (
                "move it out of the lake: that run then counts as never committed and its "
                "input is read again by the next run"
            )
        else:
            fix = (
                "run `newsfacts run --full-refresh` to rebuild the lake from the input (the "
                "damaged part is then no longer read), or restore the file from a backup"
            )
        super().__init__(
            f"corrupt Parquet file in the lake: {path} ({type(error).__name__}: {error}); "
            f"nothing was published, the previous warehouse is kept. To repair: {fix}"
        )


def verify_parts(parts: list[Path]) -> None:
    """Raise CorruptLakePart for the first part whose Parquet footer cannot be read: a
    truncated file loses its footer, so this catches it before anything is built on it."""
    for part in parts:
        try:
            pq.read_metadata(part)
        except (OSError, pa.ArrowException) as exc:
            raise CorruptLakePart(part, exc) from exc


def parquet_columns(parts: list[Path]) -> set[str]:
    """The column names found in any of the parts, reading each footer (which also catches a
    truncated part: CorruptLakePart)."""
    names: set[str] = set()
    for part in parts:
        try:
            names.update(pq.read_schema(part).names)
        except (OSError, pa.ArrowException) as exc:
            raise CorruptLakePart(part, exc) from exc
    return names


def document_part_of(path: Path) -> str:
    """The document part a per-document file belongs to: its own part id, or for a
    re-extraction ``<run>__x-<part>`` the part it re-extracted."""
    stem = path.stem
    return stem.split(REEXTRACTION_MARK, 1)[1] if REEXTRACTION_MARK in stem else stem


class Lake:
    def __init__(self, warehouse: Path):
        self.root = warehouse / "lake"

    def table_dir(self, table: str) -> Path:
        return self.root / table

    def write(self, table: Table, frame: pl.DataFrame, part_id: str) -> Path | None:
        """Write one part of a table atomically; nothing is written for an empty frame."""
        if frame.is_empty():
            return None
        arrow = conform(frame, table).to_arrow()
        arrow = pa.Table.from_arrays(
            [arrow.column(i).cast(f.type) for i, f in enumerate(table.arrow_schema())],
            schema=table.arrow_schema(),
        )
        directory = self.table_dir(table.name)
        directory.mkdir(parents=True, exist_ok=True)
        final = directory / f"{part_id}.parquet"
        tmp = directory / f".{part_id}.parquet.tmp"
        fault_point(f"lake.before.{table.name}")
        try:
            with tmp.open("wb") as sink:
                pq.write_table(arrow, sink, compression="zstd")
                sink.flush()
                os.fsync(sink.fileno())
        except BaseException:
            # A full disk or a failed write must not leave a partial file behind.
            tmp.unlink(missing_ok=True)
            raise
        fault_point(f"lake.written.{table.name}")
        os.replace(tmp, final)
        fsync_dir(directory)
        fault_point(f"lake.renamed.{table.name}")
        return final

    # --- reading back ------------------------------------------------------------------------

    def committed_runs(self) -> pl.DataFrame:
        """Every committed run, oldest first (RUNS schema)."""
        parts = sorted(self.table_dir("runs").glob("*.parquet"))
        if not parts:
            return RUNS.empty_frame()
        verify_parts(parts)
        # conform: runs committed before a column was added read it as NULL
        frames = [conform(pl.read_parquet(p), RUNS) for p in parts]
        return pl.concat(frames, how="vertical").sort("run_id")

    def effective_run_ids(self, runs: pl.DataFrame | None = None) -> list[str]:
        """Committed runs since the latest full refresh: the ones whose parts are live."""
        runs = self.committed_runs() if runs is None else runs
        refreshes = runs.filter(pl.col("full_refresh"))["run_id"]
        start = refreshes.max() if len(refreshes) else None
        ids = runs["run_id"] if start is None else runs.filter(pl.col("run_id") >= start)["run_id"]
        return sorted(ids.to_list())

    def parts(self, table: str, run_ids: list[str] | set[str]) -> list[Path]:
        wanted = set(run_ids)
        directory = self.table_dir(table)
        if not directory.exists():
            return []
        return sorted(p for p in directory.glob("*.parquet") if run_of(p) in wanted)

    def read(
        self, table: str, run_ids: list[str] | set[str], columns: list[str] | None = None
    ) -> pl.DataFrame:
        schema = TABLES[table].polars_schema()
        parts = self.parts(table, run_ids)
        if not parts:
            frame = pl.DataFrame(schema=schema)
            return frame.select(columns) if columns else frame
        verify_parts(parts)
        return pl.read_parquet(parts, columns=columns)

    def read_part(self, table: Table, part_id: str) -> pl.DataFrame:
        """One part file of a table (typed empty when the part wrote no rows there)."""
        path = self.table_dir(table.name) / f"{part_id}.parquet"
        return conform(pl.read_parquet(path), table) if path.exists() else table.empty_frame()

    def remove_debris(self, committed_run_ids: list[str]) -> list[Path]:
        """Delete what crashed runs left behind: temporary part files and the parts of runs
        that never committed (they are never read). Call only while holding the warehouse
        lock, after the current run has committed."""
        committed = set(committed_run_ids)
        removed: list[Path] = []
        if not self.root.is_dir():
            return removed
        for directory in sorted(p for p in self.root.iterdir() if p.is_dir()):
            for path in sorted(directory.iterdir()):
                temporary = path.name.startswith(".") and path.name.endswith(".parquet.tmp")
                uncommitted = path.suffix == ".parquet" and run_of(path) not in committed
                if temporary or uncommitted:
                    path.unlink(missing_ok=True)
                    removed.append(path)
        return removed

    def ledger(self, run_ids: list[str]) -> pl.DataFrame:
        """Current state of each input file: its latest ledger row (FILES schema)."""
        rows = self.read("files", run_ids)
        return (
            rows.sort("run_id")
            .unique(["input_root", "path"], keep="last")
            .sort("input_root", "path")
        )

    def known_doc_ids(self, run_ids: list[str]) -> frozenset[str]:
        """The documents already in the lake. A frozenset: every batch task gets it, and
        Prefect looks for futures in each element of a list, tuple, set or dict parameter
        (about 0.25 s per task for 20,000 documents) but not inside a frozenset."""
        return frozenset(self.read("documents", run_ids, columns=["doc_id"])["doc_id"].to_list())


def files_frame(rows: list[dict[str, object]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=FILES.polars_schema()) if rows else FILES.empty_frame()
