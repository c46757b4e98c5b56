"""Crash safety: SIGKILL at fault points, a full disk, and damaged Parquet files in the lake.

The kill tests run `newsfacts run` as its own process (a kill must not take pytest with it),
so each pays Prefect's start-up: three named points here, 24 points and random-time kills in
`make faults` (bench/faults.py; the harness is in flows/faults.py).
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from flows.faults import (
    Fixture,
    build_fixture,
    debris,
    differences,
    kill_and_recover,
    parse_fault_point,
    snapshot,
)
from flows.lake import CorruptLakePart, Lake
from flows.publish import publish
from flows.settings import DB_FILE_NAME
from transforms.schemas import DOCUMENTS

# --- the hook -------------------------------------------------------------------------------


def test_fault_point_setting_is_parsed() -> None:
    assert parse_fault_point(None) is None
    assert parse_fault_point("") is None
    assert parse_fault_point("lake.renamed.*:5") == ("lake.renamed.*", 5)
    assert parse_fault_point("publish.built") == ("publish.built", 1)
    with pytest.raises(ValueError, match="counts from 1"):
        parse_fault_point("publish.built:0")


_HITS = """
import sys
from flows.faults import fault_point
for name in sys.argv[1:]:
    print(name, flush=True)
    fault_point(name)
print("survived", flush=True)
"""


def _hit(points: list[str], setting: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "NEWSFACTS_FAULT_POINT"}
    if setting is not None:
        env["NEWSFACTS_FAULT_POINT"] = setting
    return subprocess.run(
        [sys.executable, "-c", _HITS, *points], capture_output=True, text=True, env=env
    )


def test_fault_point_kills_at_the_nth_matching_hit() -> None:
    done = _hit(["lake.written.facts", "publish.start", "lake.written.runs", "x"], "lake.*:2")
    assert done.returncode == -signal.SIGKILL
    # killed at the second lake.* hit: nothing after it ran
    assert done.stdout.split() == ["lake.written.facts", "publish.start", "lake.written.runs"]


def test_fault_point_does_nothing_when_unset_or_not_reached() -> None:
    assert _hit(["lake.written.facts"], None).stdout.split()[-1] == "survived"
    assert _hit(["lake.written.facts"], "lake.*:2").stdout.split()[-1] == "survived"
    assert _hit(["publish.start"], "lake.*").stdout.split()[-1] == "survived"


# --- kills in a real run --------------------------------------------------------------------


@pytest.fixture(scope="module")
def fixture(tmp_path_factory: pytest.TempPathFactory) -> Fixture:
    """Base warehouse (first half of the input published) and a reference single run."""
    return build_fixture(tmp_path_factory.mktemp("faults"))


def test_fixture_warehouses_differ_and_hold_every_table(fixture: Fixture) -> None:
    # Otherwise "the published warehouse is the previous one" could not tell anything apart.
    assert fixture.base_snapshot != fixture.reference_snapshot
    empty = {t for t, rows in fixture.reference_snapshot.items() if not rows}
    # unpublished_copies holds the copies a changed file left behind: one run on fresh input
    # has none.
    assert not empty - {"roles", "unpublished_copies"}, f"tables with no rows: {empty}"


@pytest.mark.parametrize(
    "fault",
    [
        "lake.written.documents:3",  # mid-extraction: some parts written, one only as a temp file
        "lake.renamed.runs:1",  # committed, not published: the next run must publish it
        "publish.built:1",  # new database built, not renamed over the old one
    ],
)
def test_kill_keeps_previous_warehouse_and_next_run_repairs(fixture: Fixture, fault: str) -> None:
    result = kill_and_recover(fixture, fault.replace("*", "_").replace(":", "_"), fault=fault)
    assert result.killed, result.how
    assert result.problems == []


# --- a full disk ----------------------------------------------------------------------------


def _documents_frame(n: int, body_bytes: int) -> pl.DataFrame:
    row = {c: None for c in DOCUMENTS.polars_schema()}
    rows = [
        {
            **row,
            "doc_id": f"d{i:06d}",
            "run_id": "run1",
            "part_id": "run1__b00000-0000",
            "body_text": os.urandom(body_bytes // 2).hex(),  # incompressible
        }
        for i in range(n)
    ]
    return pl.DataFrame(rows, schema=DOCUMENTS.polars_schema())


def test_disk_full_mid_write_leaves_no_partial_part(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyarrow.parquet as pq

    real_write = pq.write_table

    def fills_the_disk(table: Any, sink: Any, **kwargs: Any) -> None:
        real_write(table.slice(0, 1), sink, **kwargs)  # some bytes reach the file first
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("flows.lake.pq.write_table", fills_the_disk)
    lake = Lake(tmp_path)
    with pytest.raises(OSError, match="No space left"):
        lake.write(DOCUMENTS, _documents_frame(3, 100), "run1__b00000-0000")
    assert list((tmp_path / "lake" / "documents").iterdir()) == []


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Any]:
    """A size-limited tmpfs (needs root); yields a function mounting it with a given size."""
    mounted: list[Path] = []

    def mount(size_bytes: int) -> Path:
        target = tmp_path / f"tmpfs{len(mounted)}"
        target.mkdir()
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size_bytes}", "tmpfs", str(target)],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
        mounted.append(target)
        return target

    yield mount
    for target in mounted:
        subprocess.run(["umount", "-l", str(target)], check=False)


def test_disk_full_on_a_real_small_filesystem(small_disk: Any) -> None:
    disk = small_disk(256 * 1024)
    lake = Lake(disk)
    with pytest.raises(OSError) as raised:
        lake.write(DOCUMENTS, _documents_frame(40, 20_000), "run1__b00000-0000")
    assert raised.value.errno == errno.ENOSPC
    assert list((disk / "lake" / "documents").iterdir()) == []


def test_disk_full_during_publish_keeps_previous_warehouse(
    fixture: Fixture, small_disk: Any
) -> None:
    used = sum(f.stat().st_size for f in fixture.base.rglob("*") if f.is_file())
    # room for the lake and the published file, not for a second database beside it
    disk = small_disk(used + 64 * 1024)
    warehouse = disk / "wh"
    shutil.copytree(fixture.base, warehouse, ignore=shutil.ignore_patterns("reports"))
    with pytest.raises(Exception, match=r"(?i)space|write|disk|IO"):
        publish(warehouse, Lake(warehouse), "disk-full")
    assert snapshot(warehouse) == fixture.base_snapshot
    assert debris(warehouse) == []


# --- damaged and leftover Parquet files -----------------------------------------------------


def _copy_base(fixture: Fixture, tmp_path: Path) -> Path:
    warehouse = tmp_path / "wh"
    shutil.copytree(fixture.base, warehouse)
    return warehouse


def test_truncated_committed_part_stops_publish_naming_the_file(
    fixture: Fixture, tmp_path: Path
) -> None:
    warehouse = _copy_base(fixture, tmp_path)
    part = sorted((warehouse / "lake" / "facts").glob("*.parquet"))[0]
    data = part.read_bytes()
    part.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptLakePart, match="--full-refresh") as raised:
        publish(warehouse, Lake(warehouse), "after-damage")
    assert str(part) in str(raised.value)
    assert snapshot(warehouse) == fixture.base_snapshot  # the previous warehouse is kept
    assert debris(warehouse) == []


def test_truncated_ledger_part_fails_planning_naming_the_file(
    fixture: Fixture, tmp_path: Path
) -> None:
    warehouse = _copy_base(fixture, tmp_path)
    lake = Lake(warehouse)
    part = sorted((warehouse / "lake" / "files").glob("*.parquet"))[0]
    part.write_bytes(part.read_bytes()[:10])
    with pytest.raises(CorruptLakePart, match="files") as raised:
        lake.ledger(lake.effective_run_ids())
    assert raised.value.path == part


def test_truncated_commit_marker_says_how_to_repair(fixture: Fixture, tmp_path: Path) -> None:
    warehouse = _copy_base(fixture, tmp_path)
    marker = next((warehouse / "lake" / "runs").glob("*.parquet"))
    marker.write_bytes(b"PAR1")
    with pytest.raises(CorruptLakePart, match="move it out of the lake"):
        Lake(warehouse).committed_runs()


def test_damaged_page_with_intact_footer_fails_publish_and_keeps_warehouse(
    fixture: Fixture, tmp_path: Path
) -> None:
    warehouse = _copy_base(fixture, tmp_path)
    part = max((warehouse / "lake" / "sentences").glob("*.parquet"), key=lambda p: p.stat().st_size)
    data = bytearray(part.read_bytes())
    data[8:-2000] = bytes(len(data) - 2008)  # zero the pages; the footer stays readable
    part.write_bytes(bytes(data))
    with pytest.raises(Exception):  # noqa: B017 -- DuckDB's own error; any is a clean stop
        publish(warehouse, Lake(warehouse), "after-damage")
    assert snapshot(warehouse) == fixture.base_snapshot
    assert debris(warehouse) == []


def test_full_refresh_repairs_a_corrupt_committed_part(fixture: Fixture, tmp_path: Path) -> None:
    warehouse = _copy_base(fixture, tmp_path)
    part = sorted((warehouse / "lake" / "documents").glob("*.parquet"))[0]
    part.write_bytes(part.read_bytes()[:100])
    # (that a plain run stops, naming the file, is tested in-process above)
    repaired = fixture.run(warehouse, extra_args=["--full-refresh"])
    assert repaired.returncode == 0, repaired.output[-3000:]
    assert differences(snapshot(warehouse), fixture.reference_snapshot) == []


def test_leftovers_of_a_crashed_run_are_ignored_and_cleaned(
    fixture: Fixture, tmp_path: Path
) -> None:
    warehouse = _copy_base(fixture, tmp_path)
    documents = warehouse / "lake" / "documents"
    half_written = documents / ".20990101T000000000000Z-dead00__b00000-0000.parquet.tmp"
    half_written.write_bytes(b"PAR1 half a part")
    uncommitted = documents / "20990101T000000000000Z-dead00__b00000-0000.parquet"
    uncommitted.write_bytes(b"not even parquet")
    unfinished_db = warehouse / f".{DB_FILE_NAME}.20990101T000000000000Z-dead00.building"
    unfinished_db.write_bytes(b"half a database")
    publish(warehouse, Lake(warehouse), "after-crash")
    assert snapshot(warehouse) == fixture.base_snapshot
    assert debris(warehouse) == []
