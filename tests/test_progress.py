"""The terminal progress display: files, MB, rate and ETA on a TTY; silent otherwise."""

from __future__ import annotations

import io

import pytest

from flows import progress
from flows.progress import Progress


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_line_shows_files_megabytes_rate_and_time_left() -> None:
    clock = Clock()
    display = Progress(10, 100_000_000, FakeTerminal(), clock=clock)
    clock.now += 4.0
    display.advance(files=3, nbytes=20_000_000)
    assert display.line() == "files 3/10 · 20.0/100.0 MB · 5.0 MB/s · ETA 0:16"
    clock.now += 3600
    assert display.line().endswith("ETA --:--") is False
    display.advance(files=7, nbytes=80_000_000)
    assert display.line().endswith("ETA --:--")  # nothing left


def test_draws_on_a_terminal_at_most_every_interval_and_ends_with_a_newline() -> None:
    clock = Clock()
    terminal = FakeTerminal()
    display = Progress(3, 3_000_000, terminal, clock=clock, interval=0.2)
    display.advance(files=1, nbytes=1_000_000)
    display.advance(files=1, nbytes=1_000_000)  # too soon: not redrawn
    assert terminal.getvalue().count("\r") == 1
    clock.now += 0.5
    display.advance(files=1, nbytes=1_000_000)
    display.close()
    out = terminal.getvalue()
    assert out.count("\r") == 3 and out.endswith("\n")
    assert "files 3/3 · 3.0/3.0 MB" in out


def test_silent_when_not_a_terminal_or_disabled(monkeypatch: pytest.MonkeyPatch) -> None:
    piped = io.StringIO()
    display = Progress(1, 10, piped)
    display.advance(files=1, nbytes=10)
    display.close()
    assert piped.getvalue() == ""
    monkeypatch.setenv("NEWSFACTS_PROGRESS", "0")
    terminal = FakeTerminal()
    display = Progress(1, 10, terminal)
    display.advance(files=1, nbytes=10)
    display.close()
    assert terminal.getvalue() == ""


def test_runs_register_and_finish_their_display() -> None:
    display = progress.start("run-x", 2, 20)
    assert progress.for_run("run-x") is display
    progress.finish("run-x")
    assert progress.for_run("run-x") is None
    progress.finish("run-x")  # finishing twice is harmless


def test_batches_advance_the_display_file_by_file(monkeypatch: pytest.MonkeyPatch) -> None:
    from flows.pipeline import InputFile, _advancing

    seen: list[tuple[int, int]] = []
    display = progress.start("run-y", 2, 30)
    monkeypatch.setattr(display, "advance", lambda files, nbytes: seen.append((files, nbytes)))
    files = [InputFile("/r", "a.txt", 10, 0, None), InputFile("/r", "b.txt", 20, 0, None)]
    for _ in _advancing(files, "run-y"):
        pass
    progress.finish("run-y")
    assert seen == [(1, 10), (1, 20)]
