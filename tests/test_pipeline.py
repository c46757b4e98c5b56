"""End-to-end runs of the Prefect flow on the samples and on small generated inputs."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import duckdb
import pytest

from flows.lake import Lake
from flows.settings import DB_FILE_NAME
from tests.conftest import RunPipeline
from tests.helpers import query, snapshot, touch_later

SAMPLE_000 = "000_e701b94eeb31e9eb.txt"
SAMPLE_003 = "003_7e11914b03deafad.txt"


def doc_ids(warehouse: Path) -> set[str]:
    return {r[0] for r in query(warehouse, "SELECT doc_id FROM documents")}


def test_samples_run_publishes_every_contract_table(
    run_pipeline: RunPipeline, inbox: Path, tmp_path: Path
) -> None:
    warehouse = tmp_path / "wh"
    summary = run_pipeline([inbox], warehouse)

    assert summary["files_new"] == 4 and summary["documents_added"] == 4
    assert query(warehouse, "SELECT count(*) FROM documents") == [(4,)]
    # Small tables are copied into the file; per-document tables are views over Parquet: a BI
    # tool lists both in information_schema.tables.
    tables = {r[0] for r in query(warehouse, "SELECT table_name FROM information_schema.tables")}
    assert {
        "documents",
        "boilerplate",
        "sentences",
        "runs",
        "rejected_files",
        "facts",
        "mentions",
        "entities",
        "quotes",
        "roles",
        "events",
        "sources",
        "files",
    } <= tables
    titles = dict(query(warehouse, "SELECT source_path, title FROM documents"))
    assert titles[SAMPLE_003] is None
    assert (
        titles[SAMPLE_000]
        == "Why Sony vows to stay in the smartphone business: The Internet of Things"
    )
    kinds = {r[0] for r in query(warehouse, "SELECT DISTINCT kind FROM boilerplate")}
    assert {
        "title",
        "title_repeat",
        "image_file",
        "image_caption",
        "share_widget",
        "author_bio",
        "copyright",
        "comments",
        "source_line",
    } <= kinds
    # Offsets: every sentence is exactly its span of body_text.
    mismatches = query(
        warehouse,
        "SELECT count(*) FROM sentences s JOIN documents d USING (doc_id) "
        "WHERE substring(d.body_text, s.char_start + 1, s.char_end - s.char_start) <> s.text",
    )
    assert mismatches == [(0,)]
    assert query(warehouse, "SELECT count(*) > 20 FROM sentences") == [(True,)]
    # Facts: typed as the contract says, counted in runs.
    facts_types = dict(
        query(
            warehouse,
            "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'facts'",
        )
    )
    assert facts_types["value"] == "DOUBLE" and facts_types["value_date"] == "DATE"
    assert query(warehouse, "SELECT count(*) FROM facts") == [(summary["facts_added"],)]
    # Facts come from the body only: the author bio's "2008" and "624 MHz", the copyright
    # line's "2024" are boilerplate.
    surfaces = {r[0] for r in query(warehouse, "SELECT surface FROM facts")}
    assert {
        "16.3 percent",
        "270.5 billion yen",
        "10th-largest",
        "80 million smartphones",
    } <= surfaces
    assert not surfaces & {"2008", "624 MHz", "2024"}
    assert query(warehouse, "SELECT sum(facts) FROM runs") == [(summary["facts_added"],)]
    # BI users see the dictionary.
    assert query(
        warehouse,
        "SELECT comment IS NOT NULL FROM duckdb_columns() "
        "WHERE table_name = 'documents' AND column_name = 'body_text'",
    ) == [(True,)]


def test_rerun_on_unchanged_input_changes_nothing(
    run_pipeline: RunPipeline, inbox: Path, tmp_path: Path
) -> None:
    warehouse = tmp_path / "wh"
    run_pipeline([inbox], warehouse)
    before = snapshot(warehouse)
    lake_files = sorted(p.relative_to(warehouse) for p in (warehouse / "lake").rglob("*.parquet"))

    summary = run_pipeline([inbox], warehouse)

    assert (
        summary["files_new"] == 0
        and summary["files_changed"] == 0
        and summary["files_skipped"] == 4
    )
    assert summary["documents_added"] == 0
    assert snapshot(warehouse) == before
    runs = query(warehouse, "SELECT files_new, files_skipped FROM runs ORDER BY run_id")
    assert runs == [(4, 0), (0, 4)]
    # Only the run's own commit marker was added to the lake.
    added = sorted(p.relative_to(warehouse) for p in (warehouse / "lake").rglob("*.parquet"))
    assert [p for p in added if p not in lake_files] == [
        Path("lake/runs") / f"{summary['run_id']}.parquet"
    ]


def test_touched_but_unchanged_file_is_hashed_not_reprocessed(
    run_pipeline: RunPipeline, inbox: Path, tmp_path: Path
) -> None:
    warehouse = tmp_path / "wh"
    run_pipeline([inbox], warehouse)
    before = snapshot(warehouse)
    touch_later(inbox / SAMPLE_000)

    summary = run_pipeline([inbox], warehouse)

    assert summary["files_changed"] == 0 and summary["files_skipped"] == 4
    assert snapshot(warehouse) == before


def test_new_and_changed_files_are_processed_incrementally(
    run_pipeline: RunPipeline, inbox: Path, tmp_path: Path
) -> None:
    warehouse = tmp_path / "wh"
    run_pipeline([inbox], warehouse)
    old_ids = doc_ids(warehouse)
    old_000 = query(warehouse, f"SELECT doc_id FROM documents WHERE source_path = '{SAMPLE_000}'")[
        0
    ][0]

    (inbox / "new.txt").write_text(
        "Acme Corp. opened a plant in Ohio.\n\nIt will employ 500 people.\n"
    )
    changed = inbox / SAMPLE_000
    changed.write_text(changed.read_text().replace("Totoki said.", "Totoki said on Monday."))
    summary = run_pipeline([inbox], warehouse)

    assert (summary["files_new"], summary["files_changed"], summary["files_skipped"]) == (1, 1, 3)
    assert summary["documents_added"] == 2
    new_ids = doc_ids(warehouse)
    assert len(new_ids) == 5 and old_000 not in new_ids and len(new_ids & old_ids) == 3
    # The replaced document's copy is listed as unpublished, and its rows are gone from every
    # per-document table, though its lake part is still read (it holds live documents too).
    assert query(warehouse, "SELECT doc_id FROM unpublished_copies") == [(old_000,)]
    for table in ("boilerplate", "sentences", "facts", "mentions", "quotes", "roles", "events"):
        assert query(warehouse, f"SELECT count(*) FROM {table} WHERE doc_id = '{old_000}'") == [
            (0,)
        ], table
    new_000 = query(
        warehouse, f"SELECT body_text FROM documents WHERE source_path = '{SAMPLE_000}'"
    )[0][0]
    assert "Totoki said on Monday." in new_000


def test_same_article_in_two_files_is_one_document(
    run_pipeline: RunPipeline, inbox: Path, tmp_path: Path
) -> None:
    warehouse = tmp_path / "wh"
    original = (inbox / SAMPLE_000).read_text()
    # The same article, with different boilerplate around it, in a text file and in JSONL.
    (inbox / "copy_a.txt").write_text(
        original.replace("xperiaz1s_2031-100259835-large", "IMG_20150803_1234.jpg")
    )
    body = original.split("\n", 6)[6]  # after the title, repeated title and image name
    (inbox / "feed.jsonl").write_text(
        json.dumps({"id": "x1", "title": original.split("\n")[0], "body": body}) + "\n"
    )
    summary = run_pipeline([inbox], warehouse)

    assert summary["documents_added"] == 4
    rows = query(warehouse, "SELECT source_path, title FROM documents WHERE title LIKE 'Why Sony%'")
    assert rows == [
        (SAMPLE_000, "Why Sony vows to stay in the smartphone business: The Internet of Things")
    ]
    # Its boilerplate is that of the copy credited, not a mix of copies.
    kinds = [
        r[0]
        for r in query(
            warehouse,
            "SELECT b.kind FROM boilerplate b JOIN documents d USING (doc_id) "
            f"WHERE d.source_path = '{SAMPLE_000}' ORDER BY line_no",
        )
    ]
    assert kinds == ["title", "title_repeat", "image_file"]

    # When the credited file changes, the document lives on, credited to its other file.
    (inbox / SAMPLE_000).write_text("Something else entirely happened today in Paris.\n")
    run_pipeline([inbox], warehouse)
    assert query(warehouse, "SELECT source_path FROM documents WHERE title LIKE 'Why Sony%'") == [
        ("copy_a.txt",)
    ]


def test_full_refresh_rebuilds_the_same_tables(
    run_pipeline: RunPipeline, inbox: Path, tmp_path: Path
) -> None:
    warehouse = tmp_path / "wh"
    run_pipeline([inbox], warehouse)
    before = snapshot(warehouse, ("boilerplate", "sentences"))
    docs_before = query(warehouse, "SELECT * EXCLUDE (run_id) FROM documents")

    summary = run_pipeline([inbox], warehouse, full_refresh=True)

    assert summary["files_new"] == 4 and summary["documents_added"] == 4
    assert snapshot(warehouse, ("boilerplate", "sentences")) == before
    assert query(warehouse, "SELECT * EXCLUDE (run_id) FROM documents") == docs_before
    assert query(warehouse, "SELECT DISTINCT run_id FROM documents") == [(summary["run_id"],)]


def test_bad_input_is_rejected_and_everything_else_is_processed(
    run_pipeline: RunPipeline, tmp_path: Path
) -> None:
    inbox = tmp_path / "bad"
    inbox.mkdir()
    (inbox / "good.txt").write_text(
        "Acme Corp. said on Tuesday that sales rose.\n\nShares jumped.\n"
    )
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (inbox / "latin1.txt").write_bytes("Le café de la gare a fermé à Paris.\n".encode("latin-1"))
    (inbox / "empty.jsonl").write_bytes(b"")
    (inbox / "mixed.jsonl").write_text(
        json.dumps({"id": "1", "body": "Globex Inc. hired 200 engineers in Texas."}) + "\n"
        "this is not json\n" + json.dumps({"id": "3", "title": "no body"}) + "\n"
    )
    (inbox / "huge.txt").write_text("A sentence that repeats. " * 4000)
    (inbox / "report.pdf").write_bytes(b"%PDF-1.4 ...")
    (inbox / "page.html").write_text(
        "<html><head><title>Hooli buys Pied Piper</title><meta name='author' content='Jane Doe'>"
        "<meta property='article:published_time' content='2015-08-03T10:00:00Z'></head>"
        "<body><nav>Home | World</nav><article><h1>Hooli buys Pied Piper</h1>"
        "<p>Hooli Inc. said it bought Pied Piper.</p><p>The price was not disclosed.</p>"
        "</article></body></html>"
    )
    (inbox / "note.md").write_text(
        "# Vandelay expands\n\n**Vandelay Industries** opened [a plant](http://x).\n"
    )
    with gzip.open(inbox / "feed.jsonl.gz", "wt") as handle:
        handle.write(
            json.dumps({"id": "g", "body": "Initech Corp. closed its Austin office."}) + "\n"
        )

    summary = run_pipeline([inbox], tmp_path / "wh", max_article_bytes=50_000)

    warehouse = tmp_path / "wh"
    rejected = query(
        warehouse, "SELECT path, reason, line_no FROM rejected_files ORDER BY path, line_no"
    )
    assert rejected == [
        ("binary.txt", "binary", None),
        ("empty.jsonl", "empty", None),
        ("empty.txt", "empty", None),
        ("huge.txt", "too_large", None),
        ("mixed.jsonl", "invalid_json", 2),
        ("mixed.jsonl", "invalid_record", 3),
        ("report.pdf", "unsupported_type", None),
    ]
    details = dict(
        query(warehouse, "SELECT path || ':' || coalesce(line_no, 0), detail FROM rejected_files")
    )
    assert "body" in details["mixed.jsonl:3"]
    assert summary["files_rejected"] == 5
    documents = dict(query(warehouse, "SELECT source_path, source_encoding FROM documents"))
    assert set(documents) == {
        "good.txt", "latin1.txt", "mixed.jsonl", "feed.jsonl.gz", "page.html", "note.md",
    }  # fmt: skip
    assert query(
        warehouse,
        "SELECT title, authors, published_at::VARCHAR, body_text FROM documents "
        "WHERE source_path IN ('page.html', 'note.md') ORDER BY source_path",
    ) == [
        ("Vandelay expands", [], None, "Vandelay Industries opened a plant."),
        (
            "Hooli buys Pied Piper",
            ["Jane Doe"],
            "2015-08-03 10:00:00",
            "Hooli Inc. said it bought Pied Piper.\n\nThe price was not disclosed.",
        ),
    ]
    assert documents["latin1.txt"].startswith("cp1252")
    assert query(warehouse, "SELECT body_text FROM documents WHERE source_path = 'latin1.txt'") == [
        ("Le café de la gare a fermé à Paris.",)
    ]
    assert query(
        warehouse, "SELECT source_line FROM documents WHERE source_path = 'mixed.jsonl'"
    ) == [(1,)]

    # A fixed file leaves rejected_files; an unchanged rejected file is not rejected again.
    (inbox / "empty.txt").write_text("Umbrella Corp. recalled 10,000 units.\n")
    second = run_pipeline([inbox], warehouse, max_article_bytes=50_000)
    assert second["files_rejected"] == 0 and second["files_changed"] == 1
    assert "empty.txt" not in {r[0] for r in query(warehouse, "SELECT path FROM rejected_files")}


def test_reader_holding_the_old_file_is_never_blocked(
    run_pipeline: RunPipeline, inbox: Path, tmp_path: Path
) -> None:
    warehouse = tmp_path / "wh"
    run_pipeline([inbox], warehouse)
    reader = duckdb.connect(str(warehouse / DB_FILE_NAME), read_only=True)
    try:
        assert reader.execute("SELECT count(*) FROM documents").fetchone() == (4,)
        (inbox / "more.txt").write_text("Hooli Inc. bought Pied Piper for $1 billion.\n")
        run_pipeline([inbox], warehouse)
        # The open connection still sees the complete old warehouse ...
        assert reader.execute("SELECT count(*) FROM documents").fetchone() == (4,)
    finally:
        reader.close()
    # ... and a new one sees the new warehouse.
    assert query(warehouse, "SELECT count(*) FROM documents") == [(5,)]
    assert not list(warehouse.glob("*.building*"))


def test_failed_check_keeps_previous_warehouse(
    run_pipeline: RunPipeline, inbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows import publish as publish_module

    warehouse = tmp_path / "wh"
    run_pipeline([inbox], warehouse)
    (inbox / "more.txt").write_text("Hooli Inc. bought Pied Piper for $1 billion.\n")
    failing = tmp_path / "always_fails.sql"
    failing.write_text("SELECT doc_id, 'planted failure' AS problem FROM documents LIMIT 1")
    real_sql_files = publish_module._sql_files
    monkeypatch.setattr(
        publish_module,
        "_sql_files",
        lambda folder: (
            [*real_sql_files(folder), failing] if folder == "checks" else real_sql_files(folder)
        ),
    )

    calls: list[object] = []
    real_publish = publish_module.publish

    def counting_publish(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return real_publish(*args, **kwargs)

    monkeypatch.setattr("flows.pipeline.publish", counting_publish)
    with pytest.raises(publish_module.PublishCheckFailed, match="always_fails"):
        run_pipeline([inbox], warehouse)
    assert len(calls) == 1  # a failed check is not retried: it would fail the same way

    assert query(warehouse, "SELECT count(*) FROM documents") == [(4,)]
    assert not list(warehouse.glob("*.building*"))


def test_crash_before_commit_leaves_nothing_half_done(
    run_pipeline: RunPipeline, inbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows import pipeline

    clean = tmp_path / "clean"
    run_pipeline([inbox], clean)

    warehouse = tmp_path / "wh"

    def crash(*args: object, **kwargs: object) -> None:
        raise OSError("simulated crash before the commit marker")

    monkeypatch.setattr(pipeline.commit_run, "fn", crash)
    with pytest.raises(OSError, match="simulated crash"):
        run_pipeline([inbox], warehouse)
    assert not (warehouse / DB_FILE_NAME).exists()
    assert Lake(warehouse).committed_runs().is_empty()
    monkeypatch.undo()

    summary = run_pipeline([inbox], warehouse)
    assert summary["files_new"] == 4
    strip_run = ("boilerplate", "sentences")
    assert snapshot(warehouse, strip_run) == snapshot(clean, strip_run)
    assert query(warehouse, "SELECT * EXCLUDE (run_id) FROM documents") == query(
        clean, "SELECT * EXCLUDE (run_id) FROM documents"
    )


def test_one_run_at_a_time(run_pipeline: RunPipeline, inbox: Path, tmp_path: Path) -> None:
    from flows.pipeline import RunError, warehouse_lock

    warehouse = tmp_path / "wh"
    with warehouse_lock(warehouse), pytest.raises(RunError, match="another newsfacts run"):
        run_pipeline([inbox], warehouse)


def test_run_writes_a_prefect_table_artifact(
    run_pipeline: RunPipeline, inbox: Path, tmp_path: Path
) -> None:
    import asyncio

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    async def counts_artifacts() -> list[Any]:
        async with get_client() as client:
            return await client.read_artifacts(
                artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["newsfacts-run-counts"]))
            )

    run_pipeline([inbox], tmp_path / "wh")
    artifacts = asyncio.run(counts_artifacts())
    assert artifacts and artifacts[0].type == "table"
    assert "files_new" in json.dumps(artifacts[0].data)


def test_missing_input_path_is_a_clean_cli_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from flows.cli import main

    code = main(["run", str(tmp_path / "nope"), "--warehouse", str(tmp_path / "wh")])
    assert code == 2
    assert "input path does not exist" in capsys.readouterr().err
    assert not (tmp_path / "wh").exists()


def test_bundled_samples_are_the_specification_articles() -> None:
    from flows.settings import SAMPLES_DIR

    names = sorted(p.name for p in SAMPLES_DIR.iterdir())
    assert names == [
        "000_e701b94eeb31e9eb.txt",
        "001_7c877a73e7315af4.txt",
        "002_fe11704532c85462.txt",
        "003_7e11914b03deafad.txt",
    ]
    shared = Path(__file__).resolve().parents[2] / "shared" / "samples"
    if shared.exists():  # beside the project in development; CI may not have it
        for name in names:
            assert (SAMPLES_DIR / name).read_bytes() == (shared / name).read_bytes()


def test_discovery_skips_hidden_special_and_escaping_files(tmp_path: Path) -> None:
    import os

    from flows.pipeline import discover

    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "a.txt").write_text("a")
    (root / "sub" / "b.txt").write_text("b")
    (root / ".hidden.txt").write_text("h")
    (root / ".git" / "c.txt").write_text("c")
    outside = tmp_path / "secret.txt"
    outside.write_text("s")
    (root / "escape.txt").symlink_to(outside)
    (root / "inside.txt").symlink_to(root / "a.txt")
    os.mkfifo(root / "pipe.txt")

    (root / "linked_dir").symlink_to(tmp_path, target_is_directory=True)

    found = [(rel, why) for _, rel, _, why in discover([root])]

    # Escaping links are listed to be rejected, never read; hidden and special files skipped.
    assert found == [
        ("linked_dir", "symlink_outside_root"),
        ("a.txt", None),
        ("escape.txt", "symlink_outside_root"),
        ("inside.txt", None),
        ("sub/b.txt", None),
    ]


def _commit_ledger(warehouse: Path, rows: list[dict[str, Any]]) -> None:
    """A committed run whose ledger holds ``rows`` (what plan_inputs compares against)."""
    import polars as pl

    from flows.lake import files_frame
    from transforms.schemas import FILES, RUNS

    lake = Lake(warehouse)
    lake.write(FILES, files_frame(rows), "r1__b00000")
    lake.write(
        RUNS,
        pl.DataFrame([{"run_id": "r1", "full_refresh": False}], schema=RUNS.polars_schema()),
        "r1",
    )


def test_plan_skips_files_whose_size_and_mtime_match_the_ledger(tmp_path: Path) -> None:
    from flows.pipeline import SYMLINK_OUTSIDE_ROOT, plan_inputs

    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    for name in ("a.txt", "b.txt", "sub/c.txt", "sub/d.txt"):
        (root / name).write_text(name)
    (tmp_path / "secret.txt").write_text("outside")
    (root / "escape.txt").symlink_to(tmp_path / "secret.txt")
    real_root = str(root.resolve())

    def ledger_row(name: str, size: int, mtime_ns: int) -> dict[str, Any]:
        return {
            "path": name,
            "input_root": real_root,
            "content_hash": f"hash of {name}",
            "size_bytes": size,
            "mtime_ns": mtime_ns,
            "status": "ingested",
            "run_id": "r1",
        }

    stats = {n: (root / n).stat() for n in ("a.txt", "b.txt", "sub/c.txt")}
    _commit_ledger(
        tmp_path / "wh",
        [
            ledger_row("a.txt", stats["a.txt"].st_size, stats["a.txt"].st_mtime_ns),
            ledger_row("b.txt", stats["b.txt"].st_size, stats["b.txt"].st_mtime_ns + 1),
            ledger_row("sub/c.txt", stats["sub/c.txt"].st_size, stats["sub/c.txt"].st_mtime_ns),
        ],
    )

    # a.txt is given twice (by name and inside root): it counts once.
    plan = plan_inputs.fn([str(root), str(root / "a.txt")], str(tmp_path / "wh"), False)

    assert plan["files_seen"] == 5 and plan["files_skipped_by_stat"] == 2  # a.txt, sub/c.txt
    todo = {f.path: f for f in plan["todo"]}
    assert list(todo) == ["b.txt", "escape.txt", "sub/d.txt"]
    # A touched file keeps its ledger row (its hash decides whether it is read again).
    assert (
        todo["b.txt"].prior is not None and todo["b.txt"].prior["content_hash"] == "hash of b.txt"
    )
    assert todo["b.txt"].mtime_ns == stats["b.txt"].st_mtime_ns
    assert todo["sub/d.txt"].prior is None and todo["sub/d.txt"].root == real_root
    assert todo["sub/d.txt"].size == len("sub/d.txt")
    # An escaping link is judged by the link itself, never its target.
    assert todo["escape.txt"].rejection == SYMLINK_OUTSIDE_ROOT
    assert todo["escape.txt"].mtime_ns == (root / "escape.txt").lstat().st_mtime_ns


def test_known_documents_are_not_walked_by_prefect(tmp_path: Path) -> None:
    """Every batch task gets the lake's document ids: Prefect looks for futures inside a
    list, tuple, set or dict parameter element by element, which costs seconds for a big
    lake, but leaves a frozenset alone."""
    import polars as pl
    from prefect.utilities.collections import visit_collection

    lake = Lake(tmp_path)
    ids = [f"doc{i}" for i in range(100)]
    lake.table_dir("documents").mkdir(parents=True)
    pl.DataFrame({"doc_id": ids}).write_parquet(lake.table_dir("documents") / "r1__b0.parquet")
    known = lake.known_doc_ids(["r1"])
    assert known == set(ids)
    visited: list[object] = []
    visit_collection(known, visited.append)
    assert visited == [known]
