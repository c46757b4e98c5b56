"""A hostile input corpus, generated here: every file becomes documents or `rejected_files`
rows with a reason, nothing crashes, nothing outside the input root is read, memory stays
bounded.

One `newsfacts run` over the whole corpus, as its own process so its peak RSS can be
measured (a 200 MB single-line file, 10,000 empty files, binary and mis-encoded files,
nesting 100,000 deep, names with newlines, symlinks out of the root, JSONL with wrong types
and path-like ids).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest

from flows.settings import DB_FILE_NAME

NEWSFACTS = Path(sys.executable).parent / "newsfacts"
PEAK_RSS_LIMIT_MB = 1536
EMPTY_FILES = 10_000
HUGE_LINE_BYTES = 200 * 1024**2
SECRET = "outside-the-root-secret-7f3a"
ARTICLE = (
    "Acme Corp said on Tuesday that revenue rose 12% to $3.4 billion in the third quarter, "
    "beating forecasts. Chief executive Jane Doe said the company would hire 500 people."
)
# The `bodies` of the zero-width and bidi article: none of these may reach body_text.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

# Runs the command in a child and prints its exit code, wall time and peak RSS (KiB):
# ru_maxrss of RUSAGE_CHILDREN is the largest process among the waited-for descendants.
_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
sys.stderr.write(done.stdout[-4000:] + done.stderr[-4000:])
print(done.returncode, time.perf_counter() - start,
      resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def make_corpus(root: Path, outside: Path) -> dict[str, str]:
    """Write the corpus; returns relative path -> what must become of it: "document",
    "documents+rejected" (a JSONL file with good and bad lines), or a rejection reason."""
    rng = random.Random(20261121)
    expected: dict[str, str] = {}

    def put(name: str, data: bytes, outcome: str) -> None:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        expected[name] = outcome

    put("random_bytes.txt", rng.randbytes(64 * 1024), "binary")
    put("image.txt", b"\x89PNG\r\n\x1a\n" + rng.randbytes(4096), "binary")
    put("dense_nul.txt", (ARTICLE.encode() + b"\x00" * 50) * 20, "binary")
    put("sparse_nul.txt", ARTICLE.encode() + b"\x00" + ARTICLE.encode(), "document")
    put(
        "cp1252.txt",
        ARTICLE.replace("Jane", "Ren\xe9e \u201cJane\u201d").encode("cp1252"),
        "document",
    )
    put("mixed_encodings.txt", ARTICLE.encode() + " Zoë ".encode() + b"Caf\xe9 \x81", "document")
    put("utf16.txt", ARTICLE.encode("utf-16"), "document")
    put(
        "invisible.txt",
        "".join(
            c + INVISIBLE[i % len(INVISIBLE)] for i, c in enumerate(ARTICLE + " Hidden.")
        ).encode(),
        "document",
    )
    put("deep.html", b"<div>" * 100_000 + ARTICLE.encode() + b"</div>" * 100_000, "document")
    put("unclosed.html", b"<html><body>" + b"<p><span>" * 50_000 + ARTICLE.encode(), "document")
    put("data.bin", rng.randbytes(1024), "unsupported_type")
    put("new\nline.txt", ARTICLE.encode(), "document")
    put("tab\tand space .md", ARTICLE.encode(), "document")
    records: list[Any] = [
        {"id": "../../etc/passwd", "url": "../../../../etc/passwd", "body": ARTICLE + " One."},
        {"id": "/etc/shadow", "title": "Absolute", "body": ARTICLE + " Two."},
        [],
        "a string",
        None,
        {"title": "no body"},
        {"body": 42},
        {"body": ["a", "list"]},
        {"body": "fine", "id": {"nested": "object"}},
        {"body": "fine", "date": 20140501},
        {"body": "fine", "author": [1, 2]},
        {"body": "   "},
    ]
    lines = [json.dumps(r) for r in records]
    lines += ["{not json", "[" * 100_000 + "]" * 100_000, '{"body": "lone \\ud800 surrogate"}']
    put("wrong_types.jsonl", "\n".join(lines).encode() + b"\n\x00\x00\n", "documents+rejected")
    # 200 MB on one line, written in blocks so the test itself stays small.
    huge = root / "huge_line.jsonl"
    with huge.open("wb") as sink:
        sink.write(b'{"id": "huge", "body": "')
        block = b"All work and no play. " * (1024**2 // 22)
        for _ in range(HUGE_LINE_BYTES // len(block)):
            sink.write(block)
        sink.write(b'"}\n')
    expected["huge_line.jsonl"] = "too_large"
    for i in range(EMPTY_FILES):
        put(f"empty/{i:05d}.txt", b"", "empty")
    # Symlinks: one inside the root (read as the file it points to), three leading out.
    (outside / "secret.txt").write_text(f"{SECRET} {ARTICLE}")
    (outside / "dir").mkdir()
    (outside / "dir" / "more.txt").write_text(f"{SECRET} {ARTICLE}")
    (root / "inside_link.txt").symlink_to(root / "cp1252.txt")
    expected["inside_link.txt"] = "document"
    (root / "outside_link.txt").symlink_to(outside / "secret.txt")
    (root / "relative_escape.txt").symlink_to(Path("..") / outside.name / "secret.txt")
    (root / "outside_dir").symlink_to(outside / "dir")
    return expected


OUTSIDE_LINKS = ("outside_link.txt", "relative_escape.txt", "outside_dir/more.txt")
# What is rejected: the links themselves (a linked folder is one link, never walked into).
REJECTED_LINKS = ("outside_link.txt", "relative_escape.txt", "outside_dir")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    work = tmp_path_factory.mktemp("hostile")
    root, outside = work / "input", work / "outside"
    root.mkdir()
    outside.mkdir()
    started = time.perf_counter()
    expected = make_corpus(root, outside)
    generated_s = time.perf_counter() - started
    warehouse = work / "wh"
    env = {**os.environ, "PREFECT_HOME": str(work / "prefect")}
    command = [str(NEWSFACTS), "run", str(root), "--warehouse", str(warehouse)]
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command], capture_output=True, text=True, env=env
    )
    code, wall, peak_kib = done.stdout.split()
    result = {
        "root": root,
        "warehouse": warehouse,
        "expected": expected,
        "returncode": int(code),
        "output": done.stderr,
        "wall_s": float(wall),
        "peak_rss_mb": int(peak_kib) / 1024,
        "generated_s": generated_s,
    }
    print(
        f"\nhostile corpus: {len(expected)} files generated in {generated_s:.1f} s; run "
        f"{result['wall_s']:.1f} s, peak RSS {result['peak_rss_mb']:.0f} MB"
    )
    return result


def _query(hostile: dict[str, Any], sql: str) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(hostile["warehouse"] / DB_FILE_NAME), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_run_completes_with_bounded_memory(hostile: dict[str, Any]) -> None:
    assert hostile["returncode"] == 0, hostile["output"]
    assert hostile["peak_rss_mb"] < PEAK_RSS_LIMIT_MB


def test_every_file_is_a_document_or_a_rejection_with_a_reason(hostile: dict[str, Any]) -> None:
    ledger = {path: status for path, status in _query(hostile, "SELECT path, status FROM files")}
    rejected: dict[str, set[str]] = {}
    for path, reason in _query(hostile, "SELECT path, reason FROM rejected_files"):
        rejected.setdefault(path, set()).add(reason)
    documents: dict[str, int] = {}
    for path, n in _query(hostile, "SELECT source_path, count(*) FROM documents GROUP BY ALL"):
        documents[path] = n
    wrong: dict[str, str] = {}
    for path, outcome in hostile["expected"].items():
        if path not in ledger:
            wrong[path] = "not in the files ledger"
        elif outcome == "document":
            if ledger[path] != "ingested" or path in rejected:
                wrong[path] = f"{ledger[path]}, rejected {rejected.get(path)}"
        elif outcome == "documents+rejected":
            if not documents.get(path) or not rejected.get(path):
                wrong[path] = f"documents {documents.get(path)}, rejected {rejected.get(path)}"
        elif outcome not in rejected.get(path, set()):
            wrong[path] = f"expected rejection {outcome}, got {rejected.get(path)}"
    assert wrong == {}
    # The symlink inside the root is the same article as its target: one document.
    assert "inside_link.txt" not in documents


def test_jsonl_records_are_all_accounted_for_and_ids_are_only_data(
    hostile: dict[str, Any],
) -> None:
    reasons = _query(
        hostile,
        "SELECT line_no, reason FROM rejected_files WHERE path = 'wrong_types.jsonl' "
        "ORDER BY line_no",
    )
    assert [n for n, _ in reasons] == [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16]
    assert {r for _, r in reasons} == {"invalid_record", "invalid_json"}
    rows = _query(
        hostile,
        "SELECT external_id, body_text FROM documents WHERE source_path = 'wrong_types.jsonl' "
        "ORDER BY source_line",
    )
    assert [r[0] for r in rows] == ["../../etc/passwd", "/etc/shadow", None]
    assert rows[2][1] == "lone \ufffd surrogate"
    # nothing was written anywhere but the warehouse's own files
    written = {p.relative_to(hostile["warehouse"]).parts[0] for p in hostile["warehouse"].iterdir()}
    assert written <= {"lake", "reports", DB_FILE_NAME, ".newsfacts.lock"}


def test_huge_line_is_rejected_by_size(hostile: dict[str, Any]) -> None:
    (detail,) = _query(hostile, "SELECT detail FROM rejected_files WHERE path = 'huge_line.jsonl'")
    assert "article limit" in detail[0]


def test_symlinks_out_of_the_root_are_not_followed(hostile: dict[str, Any]) -> None:
    leaked = _query(hostile, f"SELECT source_path FROM documents WHERE body_text LIKE '%{SECRET}%'")
    assert leaked == []
    statuses = dict(_query(hostile, "SELECT path, status FROM files"))
    assert {statuses.get(p) for p in REJECTED_LINKS} == {"rejected"}
    assert "outside_dir/more.txt" not in statuses


def test_symlinks_out_of_the_root_get_a_rejection_row(hostile: dict[str, Any]) -> None:
    rows = _query(hostile, "SELECT path, reason FROM rejected_files")
    assert {(p, "symlink_outside_root") for p in REJECTED_LINKS} <= set(rows)


def test_control_zero_width_and_bidi_characters_never_reach_the_text(
    hostile: dict[str, Any],
) -> None:
    bodies = dict(_query(hostile, "SELECT source_path, body_text FROM documents"))
    assert set(bodies["invisible.txt"]) & set(INVISIBLE + "\x00") == set()
    assert "\x00" not in bodies["sparse_nul.txt"]
    assert "Acme Corp said" in bodies["deep.html"]
    assert "Ren\xe9e" in bodies["cp1252.txt"]  # decoded as Windows-1252, not mangled
    assert "\ufffd" not in bodies["cp1252.txt"]


def test_file_name_that_is_not_utf8_is_read_or_rejected(tmp_path: Path) -> None:
    root = tmp_path / "input"
    root.mkdir()
    (root / "fine.txt").write_text(ARTICLE)
    fd = os.open(os.fsencode(root) + b"/caf\xe9.txt", os.O_WRONLY | os.O_CREAT, 0o644)
    os.write(fd, ARTICLE.encode() + b" Bytes.")
    os.close(fd)
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect")}
    done = subprocess.run(
        [str(NEWSFACTS), "run", str(root), "--warehouse", str(tmp_path / "wh")],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    con = duckdb.connect(str(tmp_path / "wh" / "newsfacts.duckdb"), read_only=True)
    try:
        paths = {r[0] for r in con.execute("SELECT source_path FROM documents").fetchall()}
    finally:
        con.close()
    # The undecodable byte is shown escaped; the file itself was read.
    assert paths == {"fine.txt", "caf\\xe9.txt"}
