"""`make conformance`: score the extractors against the public suites in ../shared/suites.

    python -m conformance [--suites DIR]

A tool, not a test: prints one table of every suite (cases, exactly right, precision,
recall; the matching rule is in conformance/common.py). When the suites folder is absent it
says so and exits 0. Each suite module exposes ``run(suites_dir) -> list[Score]``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path

from conformance.common import SUITES_DIR, Score, format_table

SUITE_MODULES = ("currency", "numbers", "quantities", "temporal", "ner", "polnear")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m conformance", description=__doc__)
    parser.add_argument("--suites", type=Path, default=SUITES_DIR)
    parser.add_argument("--only", choices=SUITE_MODULES, action="append")
    args = parser.parse_args(argv)
    if not args.suites.is_dir():
        print(f"conformance: skipped, no suites folder at {args.suites}")
        return 0
    scores: list[Score] = []
    for name in args.only or SUITE_MODULES:
        try:
            module = importlib.import_module(f"conformance.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"conformance.{name}":
                raise
            print(f"conformance: no scorer conformance/{name}.py yet", file=sys.stderr)
            continue
        started = time.perf_counter()
        scores += module.run(args.suites)
        print(f"  scored {name} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    print(format_table(scores))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
