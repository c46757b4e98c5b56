"""``newsfacts compact``: delete lake files that nothing will read again.

Removed, under the warehouse's run lock (so no run is reading or writing the lake):

- files of runs that never committed (a crash) and temporary files of interrupted writes;
- parts of runs before the latest ``--full-refresh`` (``runs``, the run history, is kept);
- parts of extracted tables superseded by a later re-extraction (``--reextract`` or a
  changed extractor version);
- per-document parts none of whose documents is live any more (every input file that held
  them has changed): the part in every per-document table, and its re-extractions. A part
  that still holds one live document is kept whole.

The published DuckDB file's per-document views read only live files, so it keeps working after
a compaction. To be sure of that even after a run that crashed between its commit and its
publish, a compaction publishes the lake first. Publishing after a compaction gives the same
warehouse as before it (tests/test_compact.py). A reader connected to a warehouse file from
before the latest run may find superseded files gone: reconnect.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flows.lake import Lake, document_part_of, run_of
from flows.publish import live_document_parts, live_run_ids, publish
from transforms.schemas import DOCUMENTS, RUNS, TABLES


@dataclass(frozen=True)
class Compaction:
    removed: list[Path]
    bytes: int


def _superseded(path: Path, live_runs: set[str], per_document: bool, dead: set[str]) -> bool:
    if path.name.startswith(".") and path.name.endswith(".tmp"):
        return True  # an interrupted write
    if path.suffix != ".parquet":
        return False
    if run_of(path) not in live_runs:  # uncommitted, an old epoch, or re-extracted since
        return True
    return per_document and document_part_of(path) in dead


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
    from flows.settings import storage_version

    with warehouse_lock(warehouse):
        plan = plan_compaction(warehouse)
        if not dry_run:
            lake = Lake(warehouse)
            if not lake.committed_runs().is_empty():
                # Every part was checked when it was first published: check nothing again.
                publish(warehouse, lake, "compact", storage_version(), checked_runs=set())
            for path in plan.removed:
                path.unlink(missing_ok=True)
    return plan
