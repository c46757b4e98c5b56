"""Where a run's time goes: stage seconds, busy intervals and their union."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from flows.timing import StageClock, union_seconds
from tests.conftest import RunPipeline


def test_union_counts_overlapping_work_once() -> None:
    assert union_seconds([]) == 0.0
    assert union_seconds([(0.0, 2.0), (1.0, 3.0), (5.0, 6.0)]) == pytest.approx(4.0)
    assert union_seconds([(5.0, 6.0), (0.0, 10.0)]) == pytest.approx(10.0)
    assert union_seconds([(0.0, 1.0), (1.0, 2.0)]) == pytest.approx(2.0)


def test_stages_add_up_and_merge() -> None:
    clock = StageClock()
    clock.add("read", 1.5)
    clock.add("read", 0.5)
    with clock.stage("parquet"):
        pass
    other = StageClock({"read": 1.0, "publish": 2.0}, [(0.0, 1.0)])
    clock.merge(other)
    assert clock.seconds["read"] == pytest.approx(3.0)
    assert clock.seconds["publish"] == 2.0 and "parquet" in clock.seconds
    assert clock.busy == [(0.0, 1.0)]


def test_timed_iteration_counts_only_producing_items() -> None:
    def slow_items() -> Iterator[int]:
        for i in range(3):
            time.sleep(0.02)
            yield i

    clock = StageClock()
    seen = []
    for item in clock.timed_iteration(slow_items(), "read"):
        time.sleep(0.05)  # the consumer's work is not the producer's
        seen.append(item)
    assert seen == [0, 1, 2]
    assert 0.05 <= clock.seconds["read"] < 0.14


def test_run_reports_where_its_time_went(
    run_pipeline: RunPipeline, inbox: Path, tmp_path: Path
) -> None:
    warehouse = tmp_path / "wh"
    summary = run_pipeline([inbox], warehouse)
    stages = summary["stage_seconds"]
    extractors = {"entities", "roles", "quotes", "sources", "facts", "events"}
    expected = {"plan", "read", "normalise", "segment", "parquet", "commit", "publish", "report"}
    assert expected | {f"extract.{e}" for e in extractors} <= set(stages)
    assert all(seconds >= 0 for seconds in stages.values())
    assert 0 < summary["task_seconds"] <= summary["flow_seconds"]
    assert summary["orchestration_seconds"] == pytest.approx(
        summary["flow_seconds"] - summary["task_seconds"], abs=0.002
    )
    written = json.loads((warehouse / "reports" / f"{summary['run_id']}.json").read_text())
    assert written["stage_seconds"] == stages and written["documents_added"] == 4
