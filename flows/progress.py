"""A one-line progress display for long runs: files and MB processed, rate, time left.

Drawn on stderr only when stderr is a terminal (and NEWSFACTS_PROGRESS is not "0"), redrawn at
most five times a second, and ended with a newline; otherwise it prints nothing -- logs go
through Prefect's logger either way. Batch tasks run in threads of the flow's process and
report to the display registered for their run (``for_run``): no task parameter carries it.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from typing import TextIO

_ACTIVE: dict[str, Progress] = {}


class Progress:
    def __init__(
        self,
        total_files: int,
        total_bytes: int,
        stream: TextIO | None = None,
        clock: Callable[[], float] = time.monotonic,
        interval: float = 0.2,
    ):
        self.total_files, self.total_bytes = total_files, max(total_bytes, 0)
        self.stream = stream if stream is not None else sys.stderr
        self.clock, self.interval = clock, interval
        self.enabled = _wants_display(self.stream)
        self.files = self.bytes = 0
        self.started = clock()
        self._drawn_at: float | None = None
        self._lock = threading.Lock()

    def advance(self, files: int = 0, nbytes: int = 0) -> None:
        with self._lock:
            self.files += files
            self.bytes += max(nbytes, 0)
            now = self.clock()
            if self.enabled and (self._drawn_at is None or now - self._drawn_at >= self.interval):
                self._draw(now)

    def line(self, now: float | None = None) -> str:
        """The display text: files and MB done of the total, rate, and time left."""
        now = self.clock() if now is None else now
        elapsed = max(now - self.started, 1e-9)
        rate = self.bytes / elapsed
        left = self.total_bytes - self.bytes
        eta = _duration(left / rate) if rate > 0 and left > 0 else "--:--"
        return (
            f"files {self.files}/{self.total_files} · "
            f"{self.bytes / 1e6:.1f}/{self.total_bytes / 1e6:.1f} MB · "
            f"{rate / 1e6:.1f} MB/s · ETA {eta}"
        )

    def _draw(self, now: float) -> None:
        self.stream.write("\r\x1b[2K" + self.line(now))
        self.stream.flush()
        self._drawn_at = now

    def close(self) -> None:
        with self._lock:
            if self.enabled and self._drawn_at is not None:
                self._draw(self.clock())
                self.stream.write("\n")
                self.stream.flush()


def _wants_display(stream: TextIO) -> bool:
    if os.environ.get("NEWSFACTS_PROGRESS") == "0":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _duration(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def start(run_id: str, total_files: int, total_bytes: int) -> Progress:
    progress = Progress(total_files, total_bytes)
    _ACTIVE[run_id] = progress
    return progress


def for_run(run_id: str) -> Progress | None:
    return _ACTIVE.get(run_id)


def finish(run_id: str) -> None:
    progress = _ACTIVE.pop(run_id, None)
    if progress is not None:
        progress.close()
