"""Benchmark (`make bench`): whole `newsfacts run`s on a real corpus, and the peers.

    python bench/bench_run.py [CORPUS.jsonl[.gz]] [--repeats 3] [--skip files,3x,peers]

Scenarios, each `newsfacts run` as its own process (as a user or a scheduler runs it):

- ``jsonl``: the corpus as given, into a fresh warehouse, ``--repeats`` times (median, min,
  max), then a run with nothing new (``--repeats`` times);
- ``files``: the same articles as one ``.txt`` file each (generated in a temp dir: title,
  blank line, body), a first run, then a run after 1% of the files changed;
- ``3x``: the articles three times (copies with a changed id and a perturbed body: every digit
  shifted, so each copy is new content of the same shape), to show how time and memory grow;
- ``peers``: newsfacts against a spaCy pipeline, per-document Python ``re`` and
  quantulum3 + dateparser on the same 5,000 articles (bench/peers.py).

For each run: wall time; MB/s of article text (the corpus's title + body bytes) from input to
published DuckDB; peak RSS of the pipeline process; seconds per stage, Prefect's share and the
start-up time, from the run's own ``reports/<run_id>.json`` (flows/timing.py). Start-up
(imports, Prefect's embedded server, shutdown) is the process wall time minus the flow's.

Writes ``bench/results/<date>.json`` and prints a markdown table (the README shows the latest).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
NEWSFACTS = Path(sys.executable).parent / "newsfacts"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "reuters_financial_2006_2013.jsonl.gz"

# Targets of issue 7 on a 2-core machine.
TARGET_MB_PER_S = 8.0
TARGET_PREFECT_SHARE = 0.10
TARGET_PEAK_RSS_MB = 2048.0
TARGET_NO_CHANGE_S = 5.0
TARGET_ONE_PERCENT_SHARE = 0.05
TARGET_VS_SPACY = 20.0
TARGET_VS_RE = 10.0

# Runs the command in a child and reports that child's peak RSS: ru_maxrss of RUSAGE_CHILDREN
# is a high-water mark over all children ever waited for (the largest single process: the
# pipeline, not Prefect's server), so each run gets its own parent.
_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
wall = time.perf_counter() - start
sys.stderr.write(done.stdout[-3000:] + done.stderr[-3000:] if done.returncode else "")
print(done.returncode, wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


# --- corpora ---------------------------------------------------------------------------------


def read_records(corpus: Path) -> Iterator[dict[str, Any]]:
    opener = gzip.open if corpus.name.endswith(".gz") else open
    with opener(corpus, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def text_bytes(record: dict[str, Any]) -> int:
    return sum(len(str(record.get(k) or "").encode()) for k in ("title", "body", "text"))


def corpus_text_mb(corpus: Path) -> float:
    return sum(text_bytes(r) for r in read_records(corpus)) / 1e6


def write_files_corpus(corpus: Path, target: Path) -> list[Path]:
    """One .txt file per article (title, blank line, body), 1,000 per folder."""
    paths: list[Path] = []
    for i, record in enumerate(read_records(corpus)):
        folder = target / f"{i // 1000:04d}"
        if i % 1000 == 0:
            folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{i:06d}.txt"
        title = str(record.get("title") or "").strip()
        body = str(record.get("body") or record.get("text") or "")
        path.write_text(f"{title}\n\n{body}\n" if title else f"{body}\n", encoding="utf-8")
        paths.append(path)
    return paths


def change_one_percent(paths: list[Path]) -> int:
    """Change every 100th file: a new last paragraph, so it is new content."""
    changed = paths[::100]
    for n, path in enumerate(changed):
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"\nUpdate {n}: the company said on Tuesday it had revised the figures.\n")
    return len(changed)


_DIGIT = re.compile(r"\d")


def _digit_shifter(by: int) -> Callable[[re.Match[str]], str]:
    return lambda match: str((int(match.group()) + by) % 10)


def write_tripled_corpus(corpus: Path, target: Path) -> Path:
    """The articles three times: the original, then two copies with id suffixed and every
    digit shifted by 1 and 2 (new content, new doc ids, the same shape and cost)."""
    with gzip.open(target, "wt", encoding="utf-8", compresslevel=1) as out:
        for copy in range(3):
            for record in read_records(corpus):
                if copy:
                    shift = _digit_shifter(copy)
                    record = {
                        **record,
                        "id": f"{record.get('id', '')}-copy{copy}",
                        "body": _DIGIT.sub(shift, str(record.get("body") or "")),
                    }
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return target


# --- one run ---------------------------------------------------------------------------------


def timed_run(paths: list[Path], warehouse: Path) -> dict[str, Any]:
    """One `newsfacts run` in its own process: wall, peak RSS and the run's own timings."""
    env = {**os.environ, "NEWSFACTS_PROGRESS": "0"}
    command = [str(NEWSFACTS), "run", *map(str, paths), "--warehouse", str(warehouse)]
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    code, wall_text, peak_kib = done.stdout.split()
    if code != "0":
        sys.stderr.write(done.stderr)
        raise SystemExit(f"newsfacts run failed with exit code {code}")
    wall = float(wall_text)
    summary = newest_summary(warehouse)
    return {
        "wall_s": round(wall, 2),
        "peak_rss_mb": round(int(peak_kib) / 1024, 1),
        "flow_s": summary["flow_seconds"],
        "startup_s": round(wall - summary["flow_seconds"], 2),
        "prefect_s": summary["orchestration_seconds"],
        "prefect_share": round(summary["orchestration_seconds"] / wall, 4),
        "prefect_share_of_flow": round(
            summary["orchestration_seconds"] / max(summary["flow_seconds"], 1e-9), 4
        ),
        "stage_seconds": summary["stage_seconds"],
        "documents_added": summary["documents_added"],
        "files_new": summary["files_new"],
        "files_changed": summary["files_changed"],
    }


def newest_summary(warehouse: Path) -> dict[str, Any]:
    reports = sorted((warehouse / "reports").glob("*.json"))
    if not reports:
        raise SystemExit(f"no run summary in {warehouse / 'reports'}")
    summary: dict[str, Any] = json.loads(reports[-1].read_text())
    return summary


def spread(runs: list[dict[str, Any]], key: str) -> dict[str, float]:
    values = [float(r[key]) for r in runs]
    return {
        "median": round(statistics.median(values), 2),
        "min": round(min(values), 2),
        "max": round(max(values), 2),
        "n": len(values),
    }


def first_runs(paths: list[Path], scratch: Path, repeats: int, text_mb: float) -> dict[str, Any]:
    runs = []
    for i in range(repeats):
        warehouse = scratch / f"wh{i}"
        shutil.rmtree(warehouse, ignore_errors=True)
        runs.append(timed_run(paths, warehouse))
        print(f"  first run {i + 1}/{repeats}: {runs[-1]['wall_s']} s", flush=True)
    median_flow = statistics.median(r["flow_s"] for r in runs)
    return {
        "runs": runs,
        "wall_s": spread(runs, "wall_s"),
        "flow_s": spread(runs, "flow_s"),
        "peak_rss_mb": spread(runs, "peak_rss_mb"),
        "prefect_share": spread(runs, "prefect_share"),
        "startup_s": spread(runs, "startup_s"),
        # Start-up excluded, as the target says ("Prefect overhead included except the
        # server start").
        "mb_per_s": round(text_mb / median_flow, 2),
        "mb_per_s_with_startup": round(text_mb / statistics.median(r["wall_s"] for r in runs), 2),
        "warehouse": str(scratch / f"wh{repeats - 1}"),
    }


# --- report ----------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    import duckdb
    import polars
    import prefect

    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [
            ln.split(":", 1)[1].strip()
            for ln in cpuinfo.read_text().splitlines()
            if ln.startswith("model name")
        ]
        cpu = names[0] if names else cpu
    memory_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(memory_gib, 1),
        "python": platform.python_version(),
        "polars": polars.__version__,
        "duckdb": duckdb.__version__,
        "prefect": prefect.__version__,
    }


def targets(result: dict[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []

    def add(name: str, value: float | None, target: float, higher_is_better: bool) -> None:
        if value is None:
            return
        met = value >= target if higher_is_better else value <= target
        out.append({"target": name, "value": value, "goal": target, "met": met})

    jsonl = result.get("jsonl", {})
    add("MB/s end to end (1x, start-up excluded)", jsonl.get("mb_per_s"), TARGET_MB_PER_S, True)
    if jsonl:
        add("Prefect share of wall time", jsonl["prefect_share"]["median"], 0.10, False)
        add("peak RSS MB (1x)", jsonl["peak_rss_mb"]["max"], TARGET_PEAK_RSS_MB, False)
        no_change = result.get("no_change", {})
        if no_change:
            add("no-change re-run flow s", no_change["flow_s"]["median"], TARGET_NO_CHANGE_S, False)
    tripled = result.get("3x", {})
    if tripled:
        add("peak RSS MB (3x)", tripled["peak_rss_mb"], TARGET_PEAK_RSS_MB, False)
    files = result.get("files", {})
    if files.get("one_percent_share") is not None:
        add("1% change / full run", files["one_percent_share"], TARGET_ONE_PERCENT_SHARE, False)
    implementations = result.get("peers", {}).get("implementations", {})
    # CPU-second ratios: the per-core comparison, least disturbed by other load.
    ratios = {n: i["ratio_cpu"] for n, i in implementations.items() if "ratio_cpu" in i}
    if "spacy" in ratios:
        add("x spaCy pipeline", ratios["spacy"], TARGET_VS_SPACY, True)
    if "python_re" in ratios:
        add("x per-document Python re", ratios["python_re"], TARGET_VS_RE, True)
    return out


def markdown(result: dict[str, Any]) -> str:
    m = result["machine"]
    lines = [
        f"`make bench`, {result['date']}: {m['cpu']}, {m['cores']} cores, "
        f"{m['memory_gib']} GiB; Python {m['python']}, polars {m['polars']}, "
        f"DuckDB {m['duckdb']}, Prefect {m['prefect']}.",
        "",
        "| scenario | text MB | wall s (median [min-max]) | flow s | MB/s | start-up s "
        "| Prefect share | peak RSS MB |",
        "|---|---|---|---|---|---|---|---|",
    ]

    def row(name: str, mb: float, runs: list[dict[str, Any]]) -> None:
        walls = [r["wall_s"] for r in runs]
        flows = [r["flow_s"] for r in runs]
        wall = statistics.median(walls)
        span = f"{wall:.1f} [{min(walls):.1f}-{max(walls):.1f}]" if len(runs) > 1 else f"{wall:.1f}"
        flow = statistics.median(flows)
        rate = f"{mb / flow:.1f}" if mb and flow else "-"
        share = statistics.median(r["prefect_share"] for r in runs)
        rss = max(r["peak_rss_mb"] for r in runs)
        startup = statistics.median(r["startup_s"] for r in runs)
        lines.append(
            f"| {name} | {mb:.0f} | {span} | {flow:.1f} | {rate} | {startup:.1f} "
            f"| {share:.1%} | {rss:.0f} |"
        )

    mb = result["text_mb"]
    if "jsonl" in result:
        row("JSONL, first run", mb, result["jsonl"]["runs"])
    if "no_change" in result:
        row("JSONL, nothing changed", 0, result["no_change"]["runs"])
    if "files" in result:
        row("one .txt per article, first run", mb, [result["files"]["first"]])
        row(
            f"... after {result['files']['changed_files']} files (1%) changed",
            0,
            [result["files"]["one_percent"]],
        )
    if "3x" in result:
        row("JSONL 3x (copies perturbed)", 3 * mb, [result["3x"]["run"]])
    if "jsonl" in result:
        stages = result["jsonl"]["runs"][0]["stage_seconds"]
        lines += ["", "Seconds per stage (first JSONL run; extractors inside `extract.*`): "]
        lines.append(", ".join(f"{k} {v:.1f}" for k, v in stages.items()))
    if result.get("peers", {}).get("implementations"):
        sys.path.insert(0, str(ROOT))
        from bench.peers import format_table

        lines += ["", "Peers on the same sample (ratios by CPU seconds):", "", "```"]
        lines += [format_table(result["peers"]), "```"]
    if result.get("targets"):
        lines += ["", "| target | measured | goal | met |", "|---|---|---|---|"]
        lines += [
            f"| {t['target']} | {t['value']} | {t['goal']} | {'yes' if t['met'] else '**no**'} |"
            for t in result["targets"]
        ]
    return "\n".join(lines)


# --- main ------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--skip", default="", help="comma-separated: files,3x,peers,no_change")
    parser.add_argument("--peer-articles", type=int, default=5000)
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"no such corpus: {args.corpus}", file=sys.stderr)
        return 2
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    started = datetime.now(UTC)
    text_mb = corpus_text_mb(args.corpus)
    result: dict[str, Any] = {
        "date": started.date().isoformat(),
        "at": started.isoformat(timespec="seconds"),
        "corpus": str(args.corpus),
        "text_mb": round(text_mb, 1),
        "machine": machine(),
    }
    print(f"corpus {args.corpus.name}: {text_mb:.0f} MB of article text", flush=True)
    with tempfile.TemporaryDirectory(prefix="newsfacts-bench-") as tmp:
        scratch = Path(tmp)
        print("JSONL, first runs:", flush=True)
        result["jsonl"] = first_runs([args.corpus], scratch / "jsonl", args.repeats, text_mb)
        if "no_change" not in skip:
            warehouse = Path(result["jsonl"]["warehouse"])
            runs = [timed_run([args.corpus], warehouse) for _ in range(args.repeats)]
            result["no_change"] = {
                "runs": runs,
                "wall_s": spread(runs, "wall_s"),
                "flow_s": spread(runs, "flow_s"),
            }
            print(f"  nothing changed: flow {result['no_change']['flow_s']}", flush=True)
        for i in range(args.repeats):
            shutil.rmtree(scratch / "jsonl" / f"wh{i}", ignore_errors=True)
        if "files" not in skip:
            print("one file per article:", flush=True)
            paths = write_files_corpus(args.corpus, scratch / "articles")
            warehouse = scratch / "files-wh"
            first = timed_run([scratch / "articles"], warehouse)
            changed = change_one_percent(paths)
            after = timed_run([scratch / "articles"], warehouse)
            result["files"] = {
                "n_files": len(paths),
                "first": first,
                "changed_files": changed,
                "one_percent": after,
                # The change's cost against a full run, both without start-up.
                "one_percent_share": round(after["flow_s"] / first["flow_s"], 4),
            }
            print(f"  first {first['wall_s']} s, after 1% changed {after['wall_s']} s", flush=True)
            shutil.rmtree(scratch / "articles", ignore_errors=True)
            shutil.rmtree(warehouse, ignore_errors=True)
        if "3x" not in skip:
            print("3x corpus:", flush=True)
            tripled = write_tripled_corpus(args.corpus, scratch / "tripled.jsonl.gz")
            run = timed_run([tripled], scratch / "tripled-wh")
            result["3x"] = {
                "run": run,
                "peak_rss_mb": run["peak_rss_mb"],
                "mb_per_s": round(3 * text_mb / run["flow_s"], 2),
            }
            print(f"  {run['wall_s']} s, peak RSS {run['peak_rss_mb']} MB", flush=True)
    if "peers" not in skip:
        print("peers on the same sample:", flush=True)
        try:
            sys.path.insert(0, str(ROOT))  # run as a script: bench/ is on the path, not ROOT
            from bench.peers import compare_peers

            result["peers"] = compare_peers(args.corpus, n_articles=args.peer_articles)
        except ImportError as exc:
            result["peers"] = {"skipped": f"{exc} (make bench installs bench/requirements.txt)"}
    result["targets"] = targets(result)
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{result['date']}.json").write_text(json.dumps(result, indent=2) + "\n")
    table = markdown(result)
    (out / "latest.md").write_text(table + "\n")
    print("\n" + table)
    print(f"\nwrote {out / (result['date'] + '.json')} and {out / 'latest.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
