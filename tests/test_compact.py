"""`newsfacts compact` deletes only lake files nothing reads again: publishing afterwards gives
the same warehouse."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest

from flows.compact import compact, plan_compaction
from flows.lake import Lake
from tests.conftest import RunPipeline
from tests.helpers import query, snapshot

SAMPLE_003 = "003_7e11914b03deafad.txt"


def test_compaction_removes_superseded_files_and_changes_no_table(
    run_pipeline: RunPipeline, inbox: Path, tmp_path: Path
) -> None:
    warehouse = tmp_path / "wh"
    # One batch per file, so a changed file's old document sits in a part of its own.
    run_pipeline([inbox], warehouse, batch_bytes=1)
    lake = Lake(warehouse)
    first_run = lake.committed_runs()["run_id"][0]
    (old_doc,) = query(
        warehouse, f"SELECT doc_id FROM documents WHERE source_path = '{SAMPLE_003}'"
    )[0]
    old_part = next(
        p.stem
        for p in lake.parts("documents", [first_run])
        if old_doc in pl.read_parquet(p)["doc_id"].to_list()
    )
    changed = inbox / SAMPLE_003
    changed.write_text(changed.read_text().replace("Aug. 28", "Sept. 4"))
    run_pipeline([inbox], warehouse, batch_bytes=1)
    run_pipeline([inbox], warehouse, reextract=["quotes"])
    # Debris of a crashed run: an uncommitted part and an interrupted write.
    crashed = lake.table_dir("facts") / "20000101T000000000000Z-dead00__b00000-0000.parquet"
    shutil.copy(next(iter(lake.parts("facts", [first_run]))), crashed)
    interrupted = lake.table_dir("facts") / ".x__b1.parquet.tmp"
    interrupted.write_bytes(b"partial")
    before = snapshot(warehouse)

    planned = plan_compaction(warehouse)
    names = {p.relative_to(lake.root).as_posix() for p in planned.removed}
    assert f"facts/{crashed.name}" in names and f"facts/{interrupted.name}" in names
    # Quotes of the first two runs are superseded by the re-extraction (which also re-extracted
    # the old version of the changed article: dead, see below).
    first_two = lake.committed_runs()["run_id"][:2].to_list()
    superseded = {f"quotes/{p.name}" for p in lake.parts("quotes", first_two)}
    quotes_removed = {n for n in names if n.startswith("quotes/")}
    assert superseded and superseded <= quotes_removed
    assert all(n in superseded or old_part in n for n in quotes_removed)
    # The old version of the changed article: its part in every per-document table.
    dead = {n for n in names if old_part in n}
    assert {"documents", "sentences", "facts", "mentions"} <= {n.split("/")[0] for n in dead}
    assert not any(old_part in n for n in names - dead)

    result = compact(warehouse)
    assert result.removed == planned.removed and result.bytes > 0
    assert not any(p.exists() for p in result.removed)
    assert snapshot(warehouse) == before  # the published views never read a removed file
    run_pipeline([inbox], warehouse)  # publishes again from the compacted lake
    assert snapshot(warehouse) == before
    assert plan_compaction(warehouse).removed == []


def test_full_refresh_leaves_the_old_epoch_to_compaction(
    run_pipeline: RunPipeline, inbox: Path, tmp_path: Path
) -> None:
    warehouse = tmp_path / "wh"
    run_pipeline([inbox], warehouse)
    old = {
        p
        for t in ("documents", "facts", "mentions")
        for p in Lake(warehouse).table_dir(t).iterdir()
    }
    run_pipeline([inbox], warehouse, full_refresh=True)
    before = snapshot(warehouse)
    removed = set(compact(warehouse).removed)
    assert old <= removed
    assert not any(p.name.endswith(".parquet") and "runs" in p.parts for p in removed)
    assert snapshot(warehouse) == before
    run_pipeline([inbox], warehouse)
    assert snapshot(warehouse) == before


def test_compaction_waits_for_no_run(inbox: Path, tmp_path: Path) -> None:
    from flows.pipeline import RunError, warehouse_lock

    warehouse = tmp_path / "wh"
    with warehouse_lock(warehouse), pytest.raises(RunError, match="another newsfacts run"):
        compact(warehouse)


def test_compaction_after_an_unpublished_run_publishes_first(
    run_pipeline: RunPipeline, inbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run that committed but crashed before publishing leaves a published file whose views
    still read superseded parts: compaction publishes before deleting them."""
    warehouse = tmp_path / "wh"
    run_pipeline([inbox], warehouse)
    before = snapshot(warehouse)

    def crash(*args: object, **kwargs: object) -> None:
        raise OSError("simulated crash before publishing")

    monkeypatch.setattr("flows.pipeline.publish", crash)
    with pytest.raises(OSError, match="simulated crash"):
        run_pipeline([inbox], warehouse, reextract=["quotes"])
    monkeypatch.undo()
    first_run = Lake(warehouse).committed_runs()["run_id"][0]
    old_quotes = Lake(warehouse).parts("quotes", [first_run])
    assert old_quotes

    removed = compact(warehouse).removed
    assert set(old_quotes) <= set(removed)
    assert snapshot(warehouse) == before  # re-extracted quotes are the same rows
