"""``newsfacts compact``: delete lake files that nothing will read again.

Removed, under the warehouse's run lock (so no run is reading or writing the lake):

- files of runs that never committed (a crash) and temporary files of interrupted writes;
- parts of runs before the latest ``--full-refresh`` (``runs``, the run history, is kept);
- parts of extracted tables superseded by a later re-extraction (``--reextract`` or a
  changed extractor version);
- per-document parts none of whose documents is live any more (every input file that held
  them has changed): the part in every per-document table, and its re-extractions. A part
  that still holds one live document is kept whole.

Readers never need lake files: the published DuckDB file holds its own copy of the data. And
publishing after a compaction gives the same warehouse as before it (tests/test_compact.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flows.lake import Lake, run_of
from flows.publish import live_document_parts, live_run_ids
from transforms.schemas import DOCUMENTS, RUNS, TABLES

REEXTRACTION_MARK = "__x-"  # <run>__x-<document part>: a re-extraction of that part


@dataclass(frozen=True)
class Compaction:
    removed: list[Path]
    bytes: int


def _document_part(path: Path) -> str:
    stem = path.stem
    return stem.split(REEXTRACTION_MARK, 1)[1] if REEXTRACTION_MARK in stem else stem


def _superseded(path: Path, live_runs: set[str], per_document: bool, dead: set[str]) -> bool:
    if path.name.startswith(".") and path.name.endswith(".tmp"):
        return True  # an interrupted write
    if path.suffix != ".parquet":
        return False
    if run_of(path) not in live_runs:  # uncommitted, an old epoch, or re-extracted since
        return True
    return per_document and _document_part(path) in dead


def plan_compaction(warehouse: Path) -> Compaction:
    """The lake files a compaction removes (nothing is deleted here)."""
    lake = Lake(warehouse)
    runs = lake.committed_runs()
    effective = lake.effective_run_ids(runs)
    document_parts = {p.stem for p in lake.parts(DOCUMENTS.name, effective)}
    dead_parts = document_parts - live_document_parts(lake) if document_parts else set()
    removed: list[Path] = []
    for table in TABLES.values():
        directory = lake.table_dir(table.name)
        if table.name == RUNS.name or not directory.is_dir():
            continue  # runs: the history, and each file is a run's commit marker
        live_runs = set(live_run_ids(table, runs, effective))
        removed += [
            path
            for path in sorted(directory.iterdir())
            if _superseded(path, live_runs, table.per_document, dead_parts)
        ]
    return Compaction(removed, sum(p.stat().st_size for p in removed))


def compact(warehouse: Path, *, dry_run: bool = False) -> Compaction:
    """Remove what ``plan_compaction`` lists, holding the warehouse's run lock."""
    from flows.pipeline import warehouse_lock

    with warehouse_lock(warehouse):
        plan = plan_compaction(warehouse)
        if not dry_run:
            for path in plan.removed:
                path.unlink(missing_ok=True)
    return plan
