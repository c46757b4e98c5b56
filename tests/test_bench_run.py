"""The benchmark's corpus generators and its report (bench/bench_run.py)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from bench.bench_run import (
    change_one_percent,
    markdown,
    read_records,
    spread,
    targets,
    write_files_corpus,
    write_tripled_corpus,
)

RECORDS = [
    {"id": f"a{i}", "title": f"Title {i}", "body": f"Sales rose {i}0 percent to $1{i} million."}
    for i in range(250)
]


def _corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.writelines(json.dumps(r) + "\n" for r in RECORDS)
    return path


def test_files_corpus_has_one_article_per_file_and_one_percent_changes(tmp_path: Path) -> None:
    paths = write_files_corpus(_corpus(tmp_path), tmp_path / "articles")
    assert len(paths) == 250 and len({p.parent for p in paths}) == 1
    assert paths[3].read_text() == "Title 3\n\nSales rose 30 percent to $13 million.\n"
    before = [p.read_text() for p in paths]
    assert change_one_percent(paths) == 3
    changed = [i for i, p in enumerate(paths) if p.read_text() != before[i]]
    assert changed == [0, 100, 200]


def test_tripled_corpus_copies_are_new_content_of_the_same_shape(tmp_path: Path) -> None:
    tripled = list(read_records(write_tripled_corpus(_corpus(tmp_path), tmp_path / "3x.gz")))
    assert len(tripled) == 750
    assert tripled[0] == RECORDS[0]
    assert tripled[250]["id"] == "a0-copy1" and tripled[500]["id"] == "a0-copy2"
    assert tripled[252]["body"] == "Sales rose 31 percent to $23 million."
    assert len({r["body"] for r in tripled}) == 750
    assert {len(r["body"]) for r in tripled[250:]} == {len(r["body"]) for r in RECORDS}


def _run(wall: float, flow: float, rss: float) -> dict[str, object]:
    return {
        "wall_s": wall,
        "flow_s": flow,
        "peak_rss_mb": rss,
        "prefect_share": 0.02,
        "startup_s": wall - flow,
        "stage_seconds": {"read": 1.0, "extract.facts": 5.0},
    }


def test_report_judges_every_target() -> None:
    runs = [_run(50, 40, 1500), _run(52, 42, 1600), _run(48, 38, 1550)]
    assert spread(runs, "wall_s") == {"median": 50.0, "min": 48.0, "max": 52.0, "n": 3}
    result = {
        "date": "2026-11-21",
        "text_mb": 353.0,
        "machine": {
            "cpu": "x",
            "cores": 2,
            "memory_gib": 24,
            "python": "3.11",
            "polars": "1",
            "duckdb": "1",
            "prefect": "3",
        },
        "jsonl": {
            "runs": runs,
            "mb_per_s": 8.8,
            "prefect_share": spread(runs, "prefect_share"),
            "peak_rss_mb": spread(runs, "peak_rss_mb"),
        },
        "no_change": {"runs": [_run(9, 3, 300)], "flow_s": spread([_run(9, 3, 300)], "flow_s")},
        "3x": {"run": _run(150, 140, 2100), "peak_rss_mb": 2100},
        "files": {
            "one_percent_share": 0.04,
            "first": _run(60, 50, 900),
            "one_percent": _run(10, 2, 400),
            "changed_files": 1065,
        },
        "peers": {
            "implementations": {
                "newsfacts": {},
                "spacy": {"ratio_cpu": 25.0},
                "python_re": {"ratio_cpu": 8.0},
            }
        },
    }
    verdicts = {t["target"]: t["met"] for t in targets(result)}
    assert verdicts == {
        "MB/s end to end (1x, start-up excluded)": True,
        "Prefect share of wall time": True,
        "peak RSS MB (1x)": True,
        "no-change re-run flow s": True,
        "peak RSS MB (3x)": False,
        "1% change / full run": True,
        "x spaCy pipeline": True,
        "x per-document Python re": False,
    }
    result["targets"] = targets(result)
    result.pop("peers")
    table = markdown(result)
    assert "| JSONL, first run | 353 | 50.0 [48.0-52.0] | 40.0 | 8.8 |" in table
    assert "| x per-document Python re | 8.0 | 10.0 | **no** |" in table
