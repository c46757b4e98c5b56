"""A batch's parts are extracted on a small pool while the next part is read: the same rows as
one at a time, never more than CHUNKS_IN_FLIGHT at once, and a part's failure fails the batch
before its files are recorded as ingested."""

from __future__ import annotations

import json
import logging
import threading
import time
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from flows import pipeline
from flows.lake import Lake
from flows.pipeline import CHUNKS_IN_FLIGHT, InputFile, _BatchWriter, _ingest_batch
from flows.readers import Limits

ARTICLE = (
    "Sony Corp. said on Monday its operating profit rose 12% to 270.5 billion yen in the "
    'year to March, and it plans to close 40 stores. "We will win," CEO Kazuo Hirai said.'
)


def _feed(tmp_path: Path, n: int) -> InputFile:
    root = tmp_path / "in"
    root.mkdir()
    path = root / "feed.jsonl"
    lines = [
        json.dumps({"id": f"a{i}", "title": f"Story {i}", "body": f"{ARTICLE} Item {i}."})
        for i in range(n)
    ]
    path.write_text("\n".join(lines) + "\n")
    return InputFile(str(root), "feed.jsonl", path.stat().st_size, path.stat().st_mtime_ns, None)


# A chunk of ~2 KB of text: a few articles per part, so a feed makes several parts.
SMALL_CHUNKS = Limits(chunk_bytes=2048)


def _ingest(
    tmp_path: Path, feed: InputFile, name: str, limits: Limits = SMALL_CHUNKS
) -> _BatchWriter:
    lake = Lake(tmp_path / name)
    writer = _BatchWriter(lake, "run1", 0, set(), limits)
    try:
        _ingest_batch(writer, [feed], logging.getLogger("test"))
    finally:
        writer.close()
    return writer


def _table(tmp_path: Path, name: str, table: str) -> pl.DataFrame:
    return pl.read_parquet(tmp_path / name / "lake" / table / "*.parquet").sort(pl.all())


class _Concurrency:
    def __init__(self) -> None:
        self.running = 0
        self.most = 0
        self.lock = threading.Lock()


def _track_concurrent_extractions(monkeypatch: pytest.MonkeyPatch) -> _Concurrency:
    """Count the extract_all calls running at once (``.most``: the largest count seen)."""
    real_extract = pipeline.extract_all
    seen = _Concurrency()

    def tracked(*args: Any, **kwargs: Any) -> Any:
        with seen.lock:
            seen.running += 1
            seen.most = max(seen.most, seen.running)
        time.sleep(0.05)  # long enough for the next part to arrive while this one runs
        try:
            return real_extract(*args, **kwargs)
        finally:
            with seen.lock:
                seen.running -= 1

    monkeypatch.setattr(pipeline, "extract_all", tracked)
    return seen


def test_parts_extract_concurrently_and_write_the_same_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = _feed(tmp_path, 40)
    with monkeypatch.context() as one_at_a_time:
        one_at_a_time.setattr(pipeline, "CHUNKS_IN_FLIGHT", 1)
        serial = _ingest(tmp_path, feed, "serial_reference")
    at_once = _track_concurrent_extractions(monkeypatch)
    writer = _ingest(tmp_path, feed, "pooled")
    assert writer.flushes > CHUNKS_IN_FLIGHT
    assert at_once.most == CHUNKS_IN_FLIGHT
    assert writer.result.facts == serial.result.facts > 0
    for table in ("documents", "sentences", "facts", "mentions", "quotes", "files"):
        pooled = _table(tmp_path, "pooled", table)
        assert pooled.equals(_table(tmp_path, "serial_reference", table)), table


def test_a_failed_part_fails_the_batch_before_its_files_are_recorded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = _feed(tmp_path, 40)
    real_extract = pipeline.extract_all
    calls = 0

    def failing_third(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise RuntimeError("extraction failed on part 3")
        return real_extract(*args, **kwargs)

    monkeypatch.setattr(pipeline, "extract_all", failing_third)
    with pytest.raises(RuntimeError, match="part 3"):
        _ingest(tmp_path, feed, "failing")
    # The ledger is written last: the run that retries reads the file again.
    assert not (tmp_path / "failing" / "lake" / "files").exists()


def test_extractions_are_bounded_over_every_batch_of_the_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The thread runner runs two batches at once: still no more than CHUNKS_IN_FLIGHT
    # extractions in the process.
    for n in range(2):
        (tmp_path / f"b{n}").mkdir()
    feeds = [_feed(tmp_path / f"b{n}", 30) for n in range(2)]
    at_once = _track_concurrent_extractions(monkeypatch)
    batches = [
        threading.Thread(target=_ingest, args=(tmp_path / f"b{n}", feed, "wh"))
        for n, feed in enumerate(feeds)
    ]
    for batch in batches:
        batch.start()
    for batch in batches:
        batch.join()
    assert at_once.most == CHUNKS_IN_FLIGHT
    for n in range(2):
        assert (tmp_path / f"b{n}" / "wh" / "lake" / "files").exists()


def test_a_lone_last_chunk_is_split_in_two_parts_that_extract_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A small incremental run: all of it fits in one chunk, which alone would keep one core
    # busy. Split in two halves, it is two parts extracted at once, with the same rows.
    feed = _feed(tmp_path, 20)  # ~4 KB of text
    chunk = 1024**2
    whole = _ingest(tmp_path, feed, "whole", Limits(chunk_bytes=chunk, min_split_bytes=chunk))
    at_once = _track_concurrent_extractions(monkeypatch)
    split = _ingest(tmp_path, feed, "split", Limits(chunk_bytes=chunk, min_split_bytes=1024))
    assert (whole.flushes, split.flushes) == (1, 2)
    assert at_once.most == 2
    assert split.result.facts == whole.result.facts > 0
    for table in ("documents", "sentences", "facts", "mentions", "quotes"):
        rows = [
            _table(tmp_path, name, table).drop("part_id").sort(pl.all())
            for name in ("whole", "split")
        ]
        assert rows[0].equals(rows[1]), table
