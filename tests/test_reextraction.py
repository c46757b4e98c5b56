"""When an extractor's rules change (its VERSION), the next run re-runs it -- and what reads
its output -- over the documents already in the lake, without re-reading input; `runs` says
why. `--reextract KIND` forces it."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.lake import Lake
from tests.conftest import RunPipeline
from tests.helpers import DATA_TABLES, query, snapshot
from transforms.extraction import extractor_named, extractor_versions, extractors_to_rerun


def _tables(warehouse: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every data table; facts without run_id (re-extracted facts name the run that made them)."""
    tables = snapshot(warehouse, tuple(t for t in DATA_TABLES if t != "facts"))
    tables["facts"] = query(warehouse, "SELECT * EXCLUDE (run_id) FROM facts")
    return tables


CURRENT = {
    "entities": "1",
    "roles": "1",
    "quotes": "1",
    "sources": "1",
    "facts": "money@1",
    "events": "1",
}


def test_nothing_to_rerun_when_versions_match() -> None:
    assert extractors_to_rerun(dict(CURRENT), CURRENT) == {}


def test_a_changed_extractor_reruns_with_what_reads_it() -> None:
    assert extractors_to_rerun({**CURRENT, "quotes": "0"}, CURRENT) == {"quotes": "version 0 -> 1"}
    assert extractors_to_rerun({**CURRENT, "facts": "money@0"}, CURRENT) == {
        "facts": "version money@0 -> money@1",
        "events": "reads facts, which is re-extracted",
    }
    rerun = extractors_to_rerun({**CURRENT, "entities": "0"}, CURRENT)
    assert list(rerun) == ["entities", "roles", "quotes", "sources", "facts", "events"]
    assert rerun["roles"] == "reads entities, which is re-extracted"


def test_unrecorded_versions_rerun_everything() -> None:
    rerun = extractors_to_rerun(None, CURRENT)
    assert set(rerun) == set(CURRENT)
    # Entities unrecorded: everything that reads them goes too, facts included.
    assert set(extractors_to_rerun({"facts": "money@1"}, CURRENT)) == set(CURRENT)


def test_forced_names_extractors_kinds_tables_and_all() -> None:
    assert extractors_to_rerun(dict(CURRENT), CURRENT, ("money",)) == {
        "facts": "forced (--reextract money)",
        "events": "reads facts, which is re-extracted",
    }
    assert set(extractors_to_rerun(dict(CURRENT), CURRENT, ("all",))) == set(CURRENT)
    assert extractor_named("mentions") == "entities"
    with pytest.raises(ValueError, match="unknown extractor 'sentiment'"):
        extractor_named("sentiment")


def test_changed_rules_reextract_only_that_extractor(
    run_pipeline: RunPipeline, inbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warehouse = tmp_path / "wh"
    run_pipeline([inbox], warehouse)
    before = _tables(warehouse)

    bumped = {**extractor_versions(), "quotes": "bumped"}
    monkeypatch.setattr("flows.pipeline.extractor_versions", lambda: bumped)
    summary = run_pipeline([inbox], warehouse)
    assert summary["files_new"] == summary["files_changed"] == 0  # no input re-read
    assert list(summary["reextracted"]) == ["quotes"]
    assert summary["documents_reextracted"] == 4
    (run,) = query(
        warehouse,
        "SELECT reextracted, reextract_reason FROM runs ORDER BY run_id DESC LIMIT 1",
    )
    assert run[0] == ["quotes"] and "quotes: version" in run[1] and "-> bumped" in run[1]
    # Same rules, so the same rows -- and the superseded quotes are not published twice.
    assert _tables(warehouse) == before
    lake = Lake(warehouse)
    latest_run = lake.committed_runs()["run_id"][-1]
    assert [p.name.startswith(latest_run) for p in lake.parts("quotes", [latest_run])] == [True]
    assert not lake.parts("facts", [latest_run])  # facts were not touched

    # Recorded: the next run has nothing to re-extract.
    assert run_pipeline([inbox], warehouse)["reextracted"] == {}


def test_forced_reextraction_of_a_fact_kind(
    run_pipeline: RunPipeline, inbox: Path, tmp_path: Path
) -> None:
    warehouse = tmp_path / "wh"
    run_pipeline([inbox], warehouse)
    before = _tables(warehouse)
    summary = run_pipeline([inbox], warehouse, reextract=["money"])
    assert summary["reextracted"] == {
        "facts": "forced (--reextract money)",
        "events": "reads facts, which is re-extracted",
    }
    assert _tables(warehouse) == before
