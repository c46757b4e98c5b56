"""Benchmark: wall time and peak memory of `newsfacts run` on a real corpus.

    python bench/bench_run.py INPUT [INPUT ...]

Runs the pipeline twice into a fresh warehouse -- a first run that reads everything and a
second that should find nothing to do -- each as its own process (so Prefect's embedded
server start-up is included, as a user sees it), and reports wall time, peak RSS of the
process tree, and throughput. Results are appended to bench/results/runs.jsonl.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
NEWSFACTS = Path(sys.executable).parent / "newsfacts"


def input_bytes(paths: list[Path]) -> int:
    files: list[Path] = []
    for path in paths:
        files += [f for f in path.rglob("*") if f.is_file()] if path.is_dir() else [path]
    return sum(f.stat().st_size for f in files)


# Runs the command in a child and reports that child's peak RSS: ru_maxrss of RUSAGE_CHILDREN
# is a high-water mark over all children ever waited for, so each run gets its own parent.
_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
wall = time.perf_counter() - start
sys.stderr.write(done.stdout[-3000:] + done.stderr[-3000:] if done.returncode else "")
print(done.returncode, wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def timed_run(paths: list[Path], warehouse: Path) -> dict[str, float]:
    command = [str(NEWSFACTS), "run", *map(str, paths), "--warehouse", str(warehouse)]
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True, check=True
    )
    code, wall, peak_kib = done.stdout.split()
    if code != "0":
        sys.stderr.write(done.stderr)
        raise SystemExit(f"newsfacts run failed with exit code {code}")
    return {"wall_s": round(float(wall), 2), "peak_rss_mb": round(int(peak_kib) / 1024, 1)}


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    paths = [Path(a) for a in argv]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        print(f"no such input: {', '.join(missing)}", file=sys.stderr)
        return 2
    size = input_bytes(paths)
    with tempfile.TemporaryDirectory(prefix="newsfacts-bench-") as tmp:
        warehouse = Path(tmp) / "wh"
        first = timed_run(paths, warehouse)
        second = timed_run(paths, warehouse)
        con = duckdb.connect(str(warehouse / "newsfacts.duckdb"), read_only=True)
        docs, sentences, body_mb = con.execute(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM sentences), "
            "(SELECT sum(strlen(body_text)) / 1e6 FROM documents)"
        ).fetchone() or (0, 0, 0)
        con.close()
    result = {
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "inputs": [str(p) for p in paths],
        "input_mb": round(size / 1e6, 1),
        "documents": docs,
        "sentences": sentences,
        "body_mb": round(float(body_mb or 0), 1),
        "first_run": first,
        "second_run": second,
        "first_run_mb_per_s": round(size / 1e6 / first["wall_s"], 2),
    }
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    with (out / "runs.jsonl").open("a") as handle:
        handle.write(json.dumps(result) + "\n")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
