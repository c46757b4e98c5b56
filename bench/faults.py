"""Crash safety: SIGKILL `newsfacts run` at many points and check nothing is lost or doubled.

    python bench/faults.py [--kills 24] [--seed N] [--keep DIR]

A small input (the four samples plus generated articles, one Parquet part per file with
``--batch-mb 0.001``) is split in two: a base warehouse holds the first half, published by a
clean run. Each iteration copies it and runs `newsfacts run` over both halves as its own
process group, killed by SIGKILL either at a named fault point (``NEWSFACTS_FAULT_POINT``, see
flows/faults.py) or after a random delay once the flow has begun. Then:

1. the published warehouse opens and is the previous complete one (or, for a kill after the
   new file was renamed into place, the new complete one) -- never anything in between;
2. the next run completes, and every published table equals, row for row, a clean single run
   on the same input (run bookkeeping aside: ``runs``, ``run_id``/``part_id`` columns, and only
   path, content_hash and status of the ``files`` ledger);
3. no temporary part, unfinished database or uncommitted part is left behind.

It ends with ``N kills, M inconsistencies``; the exit code is 1 when M > 0.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from flows.faults import build_fixture, kill_and_recover

# (fault point pattern, highest hit number to draw). Lake parts: 13 tables x ~9 batches.
FAULT_POINTS: tuple[tuple[str, int], ...] = (
    ("lake.before.*", 60),
    ("lake.written.*", 60),
    ("lake.renamed.*", 60),
    ("lake.written.documents", 5),
    ("lake.renamed.files", 5),
    ("lake.written.runs", 1),
    ("lake.renamed.runs", 1),
    ("publish.start", 1),
    ("publish.built", 1),
    ("publish.renamed", 1),
    ("pipeline.*", 12),
)


def choose_kill(rng: random.Random, i: int) -> dict[str, Any]:
    """Every third kill is at a random time; the rest at a named point, spread over all."""
    full_refresh = rng.random() < 0.2
    if i % 3 == 2:
        return {"kill_after_s": rng.uniform(0.0, 5.0), "full_refresh": full_refresh}
    pattern, highest = FAULT_POINTS[(i - i // 3) % len(FAULT_POINTS)]
    return {"fault": f"{pattern}:{rng.randint(1, highest)}", "full_refresh": full_refresh}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=24)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--keep", type=Path, help="work here and keep failing warehouses")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(1_000_000)
    rng = random.Random(seed)
    print(f"seed {seed} (rerun with --seed {seed})", flush=True)
    with tempfile.TemporaryDirectory(prefix="newsfacts-faults-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        fixture = build_fixture(work)
        print(f"base and reference runs: {time.perf_counter() - started:.0f} s", flush=True)
        kills = inconsistencies = not_killed = 0
        for i in range(args.kills):
            result = kill_and_recover(fixture, f"kill{i:03d}", **choose_kill(rng, i))
            kills += result.killed
            not_killed += not result.killed
            inconsistencies += bool(result.problems)
            status = "ok" if not result.problems else "INCONSISTENT"
            killed = "killed" if result.killed else "finished before the kill"
            print(f"{i + 1:3d}. {result.how}: {killed}; {status} ({result.seconds:.0f} s)")
            for problem in result.problems:
                print("     " + problem.replace("\n", "\n     "))
            sys.stdout.flush()
    print(f"{not_killed} runs finished before their kill point (not counted)")
    print(f"{kills} kills, {inconsistencies} inconsistencies")
    return 1 if inconsistencies else 0


if __name__ == "__main__":
    raise SystemExit(main())
