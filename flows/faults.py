"""Opt-in fault injection: SIGKILL this process at a named point, for crash-safety tests.

    NEWSFACTS_FAULT_POINT=<pattern>:<n>    e.g. lake.renamed:5, publish.built:1, lake.*.runs:1

The n-th call of ``fault_point(name)`` whose name matches the pattern (``fnmatch`` syntax)
kills the process with SIGKILL: no ``finally``, no ``atexit``, no flushing -- what a power
cut or the OOM killer does. The variable is read once, at import; when it is unset (always,
outside tests) ``fault_point`` returns at its first line.

Names (the call sites say where):

- ``lake.before.<table>``: a part of <table> is about to be written
- ``lake.written.<table>``: its temporary file is written and fsynced, not yet renamed
- ``lake.renamed.<table>``: the part is in place (``lake.renamed.runs``: the run is committed)
- ``publish.start``: publishing begins (the run is committed)
- ``publish.built``: the new database is built and checked, not yet renamed over the old
- ``publish.renamed``: the new database is in place, the run report not yet written
- ``pipeline.*``: points in the flow itself (flows/pipeline.py)

Below the hook: the crash experiment shared by ``make faults`` (bench/faults.py) and
tests/test_faults.py -- run `newsfacts run` as its own process group, kill it, compare the
published tables with a clean run. Nothing in it runs in a normal pipeline run.
"""

from __future__ import annotations

import contextlib
import fnmatch
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flows.settings import DB_FILE_NAME

FAULT_POINT_VARIABLE = "NEWSFACTS_FAULT_POINT"


def parse_fault_point(value: str | None) -> tuple[str, int] | None:
    """``"<pattern>:<n>"`` -> (pattern, n); ``"<pattern>"`` means n = 1; empty -> None."""
    if not value:
        return None
    pattern, _, count = value.rpartition(":")
    if not pattern or not count.isdigit():
        pattern, count = value, "1"
    if int(count) < 1:
        raise ValueError(f"{FAULT_POINT_VARIABLE}={value!r}: the hit number counts from 1")
    return pattern, int(count)


_TARGET = parse_fault_point(os.environ.get(FAULT_POINT_VARIABLE))
_hits = 0
_lock = threading.Lock()  # batches run on two threads; count their hits exactly


def fault_point(name: str) -> None:
    """SIGKILL the process here if this is the chosen hit of the chosen point (see module)."""
    if _TARGET is None:
        return
    global _hits
    pattern, wanted = _TARGET
    if not fnmatch.fnmatchcase(name, pattern):
        return
    with _lock:
        _hits += 1
        if _hits == wanted:
            os.kill(os.getpid(), signal.SIGKILL)


# === the crash experiment ==================================================================

ROOT = Path(__file__).resolve().parent.parent
NEWSFACTS = Path(sys.executable).parent / "newsfacts"
SAMPLES = ROOT / "samples"
FLOW_STARTED = "Beginning flow run"
RUN_TIMEOUT_S = 600

# --- input ----------------------------------------------------------------------------------

_COMPANIES = ("Acme Corp", "Globex Inc", "Initech", "Umbrella Holdings", "Stark Industries")
_CITIES = ("Boston", "Tokyo", "Frankfurt", "Toronto", "Singapore")


def _article(i: int) -> str:
    company, city = _COMPANIES[i % len(_COMPANIES)], _CITIES[(i * 3) % len(_CITIES)]
    return (
        f"{company} posts record quarter\n\n"
        f"{city} (Reuters) - {company} said on Tuesday that revenue rose {10 + i}% to "
        f"${2 + i}.{i % 10} billion in the third quarter of 201{i % 10}, beating forecasts.\n\n"
        f'"We expect sales of {3 + i} million units next year," chief executive Jane Doe{i} '
        f"said in a statement. The company plans to cut {100 * (i + 1)} jobs by March "
        f"201{(i + 1) % 10} and ranks second in its market, according to Gartner.\n"
    )


def write_input(first: Path, second: Path) -> None:
    """The samples and generated articles in ``first``; more generated files in ``second``,
    among them a JSONL feed, an HTML page and two files that are rejected."""
    first.mkdir(parents=True)
    second.mkdir(parents=True)
    for sample in sorted(SAMPLES.glob("*.txt")):
        shutil.copy2(sample, first / sample.name)
    for i in range(2):
        (first / f"gen_{i:02d}.txt").write_text(_article(i), encoding="utf-8")
    for i in range(2, 5):
        (second / f"gen_{i:02d}.txt").write_text(_article(i), encoding="utf-8")
    lines = [
        json.dumps(
            {"id": f"f{i}", "title": f"Feed {i}", "body": _article(i), "date": f"2014-05-0{i}"}
        )
        for i in range(5, 9)
    ]
    lines.append('{"id": 7, "body": ["not", "text"]}')  # an invalid record, rejected alone
    (second / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (second / "page.html").write_text(
        "<html><head><title>Initech results</title></head><body><article><p>"
        + _article(9).replace("\n\n", "</p><p>")
        + "</p></article></body></html>",
        encoding="utf-8",
    )
    (second / "empty.txt").write_bytes(b"")
    (second / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)


# --- running --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    returncode: int
    seconds: float
    output: str

    @property
    def killed(self) -> bool:
        return self.returncode == -signal.SIGKILL


# What the `newsfacts` script does, importing flows from PYTHONPATH (the frozen copy).
_ENTRY_POINT = "import sys; from flows.cli import main; sys.exit(main(sys.argv[1:]))"


def freeze_code(target: Path) -> Path:
    """A copy of the code a run needs (flows, transforms, sql). Runs import it ahead of the
    working tree, so every run of one experiment uses the same code even while the tree is
    being edited (an extractor's new VERSION mid-way would otherwise differ from the
    reference)."""
    for folder in ("flows", "transforms", "sql"):
        shutil.copytree(
            ROOT / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy2(ROOT / "pyproject.toml", target / "pyproject.toml")
    return target


def run_newsfacts(
    inputs: Sequence[Path],
    warehouse: Path,
    prefect_home: Path,
    *,
    code: Path | None = None,
    fault: str | None = None,
    kill_after_s: float | None = None,
    extra_args: Sequence[str] = (),
    log: Path | None = None,
) -> Outcome:
    """Run `newsfacts run` in its own process group; kill it at ``fault`` (a fault point) or
    ``kill_after_s`` seconds after the flow began. The whole group (Prefect's embedded server
    too) is killed once the run has ended, so nothing outlives an iteration. ``code``: a
    ``freeze_code`` copy to run instead of the working tree."""
    env = {**os.environ, "PREFECT_HOME": str(prefect_home)}
    if code is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(code), env.get("PYTHONPATH")]))
    env.pop("NEWSFACTS_FAULT_POINT", None)
    if fault:
        env["NEWSFACTS_FAULT_POINT"] = fault
    log = log or warehouse.parent / f"{warehouse.name}.log"
    command = [
        *([sys.executable, "-c", _ENTRY_POINT] if code is not None else [str(NEWSFACTS)]),
        "run",
        *map(str, inputs),
        "--warehouse",
        str(warehouse),
        "--batch-mb",
        "0.001",
        *extra_args,
    ]
    start = time.perf_counter()
    with log.open("wb") as sink:
        process = subprocess.Popen(
            command, stdout=sink, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
        try:
            if kill_after_s is not None:
                _kill_after_flow_start(process, log, kill_after_s)
            process.wait(timeout=RUN_TIMEOUT_S)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    return Outcome(
        process.returncode,
        time.perf_counter() - start,
        log.read_text(encoding="utf-8", errors="replace"),
    )


def _kill_after_flow_start(process: subprocess.Popen[bytes], log: Path, delay_s: float) -> None:
    deadline = time.monotonic() + RUN_TIMEOUT_S
    while process.poll() is None and time.monotonic() < deadline:
        if FLOW_STARTED in log.read_text(encoding="utf-8", errors="replace"):
            break
        time.sleep(0.05)
    time.sleep(delay_s)
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)


# --- comparing ------------------------------------------------------------------------------

# Run bookkeeping: differs between runs by design.
_SKIPPED_TABLES = {"runs"}
_SKIPPED_COLUMNS = {"run_id", "part_id"}
_FILES_COLUMNS = ("path", "content_hash", "status")


def snapshot(warehouse: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every published table, sorted, without run bookkeeping. Raises if it cannot be opened."""
    import duckdb

    con = duckdb.connect(str(warehouse / DB_FILE_NAME), read_only=True)
    try:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE NOT temporary ORDER BY table_name"
            ).fetchall()
        ]
        result: dict[str, list[tuple[Any, ...]]] = {}
        for table in tables:
            if table in _SKIPPED_TABLES:
                continue
            columns = [
                r[0]
                for r in con.execute(
                    "SELECT column_name FROM duckdb_columns() WHERE table_name = ? "
                    "ORDER BY column_index",
                    [table],
                ).fetchall()
            ]
            wanted = (
                list(_FILES_COLUMNS)
                if table == "files"
                else [c for c in columns if c not in _SKIPPED_COLUMNS]
            )
            select = ", ".join(f'"{c}"' for c in wanted)
            rows = con.execute(f'SELECT {select} FROM "{table}"').fetchall()
            result[table] = sorted(rows, key=repr)
        return result
    finally:
        con.close()


def differences(
    got: dict[str, list[tuple[Any, ...]]], want: dict[str, list[tuple[Any, ...]]]
) -> list[str]:
    """Readable differences between two snapshots: missing tables, lost and duplicated rows."""
    found: list[str] = []
    for table in sorted(set(got) | set(want)):
        if table not in got or table not in want:
            found.append(f"table {table} only in {'want' if table in want else 'got'}")
            continue
        if got[table] == want[table]:
            continue
        lost = [r for r in want[table] if r not in got[table]]
        extra = [r for r in got[table] if r not in want[table]]
        found.append(
            f"{table}: {len(got[table])} rows, expected {len(want[table])} "
            f"({len(lost)} missing, {len(extra)} unexpected, e.g. {(lost or extra)[:1]!r:.300})"
        )
    return found


def debris(warehouse: Path) -> list[str]:
    """Files a crash may leave that a completed run must have cleaned up: temporary parts,
    unfinished databases, and parts of runs that never committed."""
    lake = warehouse / "lake"
    committed = {p.stem for p in (lake / "runs").glob("*.parquet")}
    left = [str(p.relative_to(warehouse)) for p in lake.rglob(".*.tmp")]
    left += [p.name for p in warehouse.glob(f".{DB_FILE_NAME}.*.building*")]
    left += [
        str(p.relative_to(warehouse))
        for p in lake.rglob("*.parquet")
        if p.stem.split("__", 1)[0] not in committed
    ]
    return sorted(left)


# --- the experiment -------------------------------------------------------------------------


@dataclass
class Fixture:
    """The input, a base warehouse (first half published) and the reference (a clean single
    run on everything), built once."""

    work: Path
    input_dir: Path
    base: Path
    base_snapshot: dict[str, list[tuple[Any, ...]]]
    reference_snapshot: dict[str, list[tuple[Any, ...]]]
    prefect_home: Path
    code: Path

    def run(self, warehouse: Path, **options: Any) -> Outcome:
        """`newsfacts run` over the whole input, with the frozen code."""
        return run_newsfacts(
            [self.input_dir], warehouse, self.prefect_home, code=self.code, **options
        )


def build_fixture(work: Path) -> Fixture:
    prefect_home = work / "prefect"
    code = freeze_code(work / "code")
    input_dir, later = work / "input", work / "later"
    write_input(input_dir, later)
    base = work / "base"
    _must_complete(run_newsfacts([input_dir], base, prefect_home, code=code), "base run")
    for path in sorted(later.iterdir()):
        shutil.move(str(path), input_dir / path.name)
    reference = work / "reference"
    _must_complete(run_newsfacts([input_dir], reference, prefect_home, code=code), "reference")
    return Fixture(work, input_dir, base, snapshot(base), snapshot(reference), prefect_home, code)


def _must_complete(outcome: Outcome, what: str) -> None:
    if outcome.returncode != 0:
        raise RuntimeError(f"{what} failed (exit {outcome.returncode}):\n{outcome.output[-3000:]}")


@dataclass(frozen=True)
class KillResult:
    how: str
    killed: bool
    problems: list[str]
    seconds: float


def kill_and_recover(
    fixture: Fixture,
    name: str,
    *,
    fault: str | None = None,
    kill_after_s: float | None = None,
    full_refresh: bool = False,
) -> KillResult:
    """One iteration: kill a run on a copy of the base warehouse, check what is published,
    run again, compare with the reference."""
    start = time.perf_counter()
    warehouse = fixture.work / name
    shutil.copytree(fixture.base, warehouse)
    how = f"fault {fault}" if fault else f"kill {kill_after_s:.2f} s after flow start"
    how += " (--full-refresh)" if full_refresh else ""
    killed = fixture.run(
        warehouse,
        fault=fault,
        kill_after_s=kill_after_s,
        extra_args=["--full-refresh"] if full_refresh else [],
    )
    problems: list[str] = []
    if not killed.killed and killed.returncode != 0:
        problems.append(f"the run failed instead of being killed:\n{killed.output[-2000:]}")
    try:
        published = snapshot(warehouse)
        if published not in (fixture.base_snapshot, fixture.reference_snapshot):
            problems.append(
                "after the kill the published warehouse is neither the previous nor the new one: "
                + "; ".join(differences(published, fixture.base_snapshot))
            )
    except Exception as exc:  # duckdb.Error: the file does not open
        problems.append(f"after the kill the published warehouse does not open: {exc}")
    recovered = fixture.run(warehouse, log=warehouse.parent / f"{name}.2.log")
    if recovered.returncode != 0:
        problems.append(f"the next run failed:\n{recovered.output[-3000:]}")
    else:
        problems += differences(snapshot(warehouse), fixture.reference_snapshot)
        left = debris(warehouse)
        if left:
            problems.append(f"left behind after the next run: {left[:5]}")
    if not problems:
        shutil.rmtree(warehouse)
    return KillResult(how, killed.killed, problems, time.perf_counter() - start)
