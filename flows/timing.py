"""Where a run's time goes: seconds per stage, and how much of the wall time is orchestration.

Each task body measures its own stages (read, normalise, segment, each extractor, parquet,
publish, ...) and the wall-clock interval it was busy, and returns them with its result, so
the numbers also come back from tasks that ran in another process (a Dask worker). The flow
adds them up: the union of the busy intervals is the time spent doing work; the rest of the
flow's wall time is Prefect's (task submission, state reporting, waiting for results).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TypeVar

T = TypeVar("T")

# A batch extracts its parts on several threads that share one clock. Module-level, so a
# clock stays picklable (it comes back from Dask workers).
_ADDING = threading.Lock()


@dataclass
class StageClock:
    """Seconds per stage, and the wall-clock interval (epoch seconds) the work was busy."""

    seconds: dict[str, float] = field(default_factory=dict)
    busy: list[tuple[float, float]] = field(default_factory=list)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.add(name, time.perf_counter() - started)

    def add(self, name: str, seconds: float) -> None:
        with _ADDING:
            self.seconds[name] = self.seconds.get(name, 0.0) + seconds

    @contextmanager
    def working(self) -> Iterator[None]:
        """Mark the enclosed code as a task body's work."""
        started = time.time()
        try:
            yield
        finally:
            self.busy.append((started, time.time()))

    def timed_iteration(self, items: Iterable[T], name: str) -> Iterator[T]:
        """Yield ``items``, counting only the time spent producing them as ``name``."""
        iterator = iter(items)
        while True:
            started = time.perf_counter()
            try:
                item = next(iterator)
            except StopIteration:
                self.add(name, time.perf_counter() - started)
                return
            self.add(name, time.perf_counter() - started)
            yield item

    def merge(self, other: StageClock) -> None:
        for name, seconds in other.seconds.items():
            self.add(name, seconds)
        self.busy.extend(other.busy)


def union_seconds(intervals: Iterable[tuple[float, float]]) -> float:
    """Total length of the union of intervals: concurrent work is counted once."""
    total = 0.0
    current_start: float | None = None
    current_end = 0.0
    for start, end in sorted(intervals):
        if current_start is None or start > current_end:
            if current_start is not None:
                total += current_end - current_start
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    if current_start is not None:
        total += current_end - current_start
    return total
