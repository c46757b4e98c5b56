"""The `newsfacts` command: sql, extract, the run summary, generated files. No Prefect needed:
the warehouse here is published straight from a lake the test writes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from flows.cli import EXAMPLE_QUERIES, main, print_run_summary
from flows.lake import Lake, new_run_id
from flows.pipeline import write_extraction
from flows.publish import publish
from flows.settings import DB_FILE_NAME, SAMPLES_DIR
from transforms.documents import RAW_ARTICLES, build_documents
from transforms.extraction import extract_all
from transforms.facts import KINDS as FACT_KINDS
from transforms.schemas import BOILERPLATE, DOCUMENTS, FILE_DOCUMENTS, FILES, RUNS, SENTENCES
from transforms.sentences import split_sentences


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse of the four samples, written through the lake and publish code paths."""
    root = tmp_path_factory.mktemp("wh")
    lake = Lake(root)
    run_id = new_run_id()
    part = f"{run_id}__b00000"
    rows = [
        {
            "part_id": part,
            "source_path": p.name,
            "ordinal": 0,
            "meta_authors": [],
            "source_encoding": "utf-8",
            "source_format": "txt",
            "raw_text": p.read_text(),
        }
        for p in sorted(SAMPLES_DIR.glob("*.txt"))
    ]
    built = build_documents(pl.DataFrame(rows, schema=RAW_ARTICLES), run_id)
    lake.write(DOCUMENTS, built.documents, part)
    lake.write(BOILERPLATE, built.boilerplate, part)
    sentences = split_sentences(built.documents.lazy()).collect().with_columns(part_id=pl.lit(part))
    lake.write(SENTENCES, sentences, part)
    extracted = extract_all(built.documents, sentences.drop("part_id"), built.boilerplate)
    write_extraction(lake, extracted, run_id, part)
    names = pl.DataFrame({"source_path": [r["source_path"] for r in rows]}).with_row_index(
        "doc_key"
    )
    file_docs = built.file_documents.join(names.cast({"doc_key": pl.Int64}), on="doc_key")
    lake.write(
        FILE_DOCUMENTS,
        file_docs.select(
            pl.col("source_path").alias("path"),
            input_root=pl.lit("/in"),
            content_hash=pl.col("source_path"),
            ordinal=pl.lit(0),
            doc_id="doc_id",
            run_id=pl.lit(run_id),
        ),
        part,
    )
    files = pl.DataFrame(
        {"path": [r["source_path"] for r in rows], "content_hash": [r["source_path"] for r in rows]}
    ).with_columns(input_root=pl.lit("/in"), run_id=pl.lit(run_id), status=pl.lit("ingested"))
    lake.write(FILES, files, part)
    lake.write(RUNS, pl.DataFrame({"run_id": [run_id], "full_refresh": [False]}), run_id)
    publish(root, lake, run_id)
    return root


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_sql_table_output(warehouse: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(
        ["sql", "SELECT count(*) AS n FROM documents", "--warehouse", str(warehouse)], capsys
    )
    assert code == 0
    assert out.splitlines()[0].strip() == "n"
    assert out.splitlines()[2].strip() == "4"
    assert "(1 row)" in out


def test_sql_csv_and_json_output(warehouse: Path, capsys: pytest.CaptureFixture[str]) -> None:
    query = "SELECT source_path, title, authors FROM documents ORDER BY source_path"
    code, out, _ = run_cli(["sql", query, "--format", "csv", "--warehouse", str(warehouse)], capsys)
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["source_path", "title", "authors"]
    assert rows[2] == [
        "001_7c877a73e7315af4.txt",
        "Sony flip-flops on smartphone strategy: focus now on US and China",
        '["Stephen Schenck"]',
    ]
    code, out, _ = run_cli(
        ["sql", query, "--format", "json", "--warehouse", str(warehouse)], capsys
    )
    records = json.loads(out)
    assert records[1]["authors"] == ["Stephen Schenck"] and records[3]["title"] is None


def test_sql_table_output_caps_rows(warehouse: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(
        ["sql", "SELECT * FROM range(10)", "--max-rows", "3", "--warehouse", str(warehouse)], capsys
    )
    assert code == 0 and "(10 rows, 3 shown" in out
    assert len(out.splitlines()) == 2 + 3 + 1


@pytest.mark.parametrize(
    "statement",
    [
        "CREATE TABLE hack (a INTEGER)",
        "DELETE FROM document_copies",
        "INSERT INTO runs (run_id) VALUES ('x')",
    ],
)
def test_sql_is_read_only(
    warehouse: Path, capsys: pytest.CaptureFixture[str], statement: str
) -> None:
    code, _, err = run_cli(["sql", statement, "--warehouse", str(warehouse)], capsys)
    assert code == 1 and "read-only" in err.lower()
    assert (
        run_cli(["sql", "SELECT count(*) FROM documents", "--warehouse", str(warehouse)], capsys)[0]
        == 0
    )


def test_sql_cannot_touch_other_files(
    warehouse: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "leak.csv"
    code, _, err = run_cli(
        ["sql", f"COPY documents TO '{target}'", "--warehouse", str(warehouse)], capsys
    )
    assert code == 1 and not target.exists()
    assert err.startswith("newsfacts sql: ")


def test_sql_cannot_write_into_the_lake_it_may_read(
    warehouse: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The per-document views read the lake's Parquet files, so reading there is allowed;
    writing there (COPY ... TO, EXPORT) is refused before it runs."""
    lake_file = warehouse / "lake" / "documents" / "planted.csv"
    for statement in (
        f"COPY (SELECT 1) TO '{lake_file}'",
        f"EXPORT DATABASE '{warehouse / 'lake' / 'dump'}'",
    ):
        code, _, err = run_cli(["sql", statement, "--warehouse", str(warehouse)], capsys)
        assert code == 1 and "read-only" in err
    assert not lake_file.exists() and not (warehouse / "lake" / "dump").exists()
    outside = warehouse.parent / "outside.csv"
    outside.write_text("a\n1\n")
    code, _, err = run_cli(
        ["sql", f"SELECT * FROM read_csv('{outside}')", "--warehouse", str(warehouse)], capsys
    )
    assert code == 1 and "disabled by configuration" in err


def test_sql_errors_are_one_clear_line(warehouse: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(
        ["sql", "SELECT nope FROM documents", "--warehouse", str(warehouse)], capsys
    )
    assert code == 1 and out == ""
    assert "nope" in err and "Traceback" not in err


def test_sql_without_a_warehouse(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(["sql", "SELECT 1", "--warehouse", str(tmp_path)], capsys)
    assert code == 1 and "run `newsfacts run` first" in err


def test_sql_uses_the_environment_warehouse(
    warehouse: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSFACTS_WAREHOUSE", str(warehouse))
    code, out, _ = run_cli(["sql", "SELECT count(*) FROM runs", "--format", "csv"], capsys)
    assert code == 0 and out.splitlines()[1] == "1"


def test_extract_plain_text_sentences_offsets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "Sony\u2019s store closes Aug. 28.\u00a0It sold 80 million units in the U.S. last year."
    path = tmp_path / "a.txt"
    path.write_text(text)
    code, out, _ = run_cli(["extract", str(path), "--sentences"], capsys)
    assert code == 0
    lines = [r for r in map(json.loads, out.splitlines()) if r["fact_type"] == "sentence"]
    normalised = "Sony's store closes Aug. 28. It sold 80 million units in the U.S. last year."
    assert [(r["char_start"], r["char_end"]) for r in lines] == [(0, 28), (29, len(normalised))]
    for record in lines:
        assert record["id"] == "a.txt" and record["fact_type"] == "sentence"
        assert normalised[record["char_start"] : record["char_end"]] == record["text"]


def test_extract_jsonl_from_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = "\n".join(
        json.dumps(r)
        for r in (
            {"id": "b", "text": "One. Two."},
            {"id": "a", "body": "Three.", "published": "2015-08-03"},
        )
    )
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(feed.encode())))
    code, out, _ = run_cli(["extract", "-", "--sentences"], capsys)
    assert code == 0
    records = [r for r in map(json.loads, out.splitlines()) if r["fact_type"] == "sentence"]
    assert [(r["id"], r["text"]) for r in records] == [
        ("b", "One."),
        ("b", "Two."),
        ("a", "Three."),
    ]


def test_extract_prints_facts_with_the_contract_fields(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Sony said mobile revenue fell 16.3 percent to 270.5 billion yen.")
    code, out, _ = run_cli(["extract", str(path), "--published", "2015-08-03"], capsys)
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    facts = [r for r in records if r["fact_type"] in FACT_KINDS]
    contract = {
        "id", "fact_type", "char_start", "char_end", "surface", "value", "value_high", "unit",
        "category", "value_date", "direction", "status", "subject",
    }  # fmt: skip
    assert facts and all(set(f) == contract for f in facts)
    mentions = [r for r in records if r["fact_type"] == "mention"]
    assert [(m["surface"], m["entity_type"], m["entity_id"], m["name"]) for m in mentions] == [
        ("Sony", "ORG", "org:sony", "Sony")
    ]
    # No quote, role or source in this sentence; the revenue figure is also an event.
    assert {r["fact_type"] for r in records} <= {*FACT_KINDS, "mention", "event"}
    (event,) = [r for r in records if r["fact_type"] == "event"]
    assert (event["event_type"], event["subject"]) == ("revenue_report", "Sony")
    by_surface = {f["surface"]: f for f in facts}
    assert by_surface["16.3 percent"]["value"] == 16.3
    assert by_surface["16.3 percent"]["direction"] == "down"
    money = by_surface["270.5 billion yen"]
    assert (money["fact_type"], money["value"], money["unit"]) == ("money", 270.5e9, "JPY")
    assert money["subject"] == "Sony" and money["status"] == "reported"
    text = path.read_text()
    assert all(text[r["char_start"] : r["char_end"]] == r["surface"] for r in facts + mentions)


def test_extract_prints_quotes_roles_sources_and_mentions_with_the_contract_fields(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.txt"
    text = (
        "Sony Mobile President and CEO Hiroki Totoki spoke according to Gartner. "
        '"We will never sell the business," Totoki said. '
        "Sony plans to close its online store on Aug. 28."
    )
    path.write_text(text)
    code, out, _ = run_cli(["extract", str(path)], capsys)
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    fields = {
        "quote": {"id", "fact_type", "char_start", "char_end", "quote_text", "speaker", "cue"},
        "role": {"id", "fact_type", "char_start", "char_end", "person", "title", "org"},
        "source": {"id", "fact_type", "char_start", "char_end", "source", "cue"},
        "event": {"id", "fact_type", "char_start", "char_end", "event_type", "subject", "status"},
        "mention": {
            "id", "fact_type", "char_start", "char_end", "surface", "entity_type", "entity_id",
            "name",
        },
    }  # fmt: skip
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        by_kind.setdefault(record["fact_type"], []).append(record)
    for kind, expected in fields.items():
        assert by_kind.get(kind), kind
        assert all(set(r) == expected for r in by_kind[kind]), kind
    (quote,) = by_kind["quote"]
    assert (quote["quote_text"], quote["speaker"], quote["cue"]) == (
        "We will never sell the business,",
        "Hiroki Totoki",
        "said",
    )
    assert text[quote["char_start"] : quote["char_end"]] == quote["quote_text"]
    (role,) = by_kind["role"]
    assert (role["person"], role["title"], role["org"]) == (
        "Hiroki Totoki",
        "President and CEO",
        "Sony Mobile",
    )
    assert [(s["source"], s["cue"]) for s in by_kind["source"]] == [("Gartner", "according to")]
    closures = [e for e in by_kind["event"] if e["event_type"] == "store_closure"]
    assert [(e["subject"], e["status"]) for e in closures] == [("Sony", "planned")]
    # Text order within the input: every record sorted by its start offset.
    starts = [r["char_start"] for r in records]
    assert starts == sorted(starts)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": 1, "text": "ok"}\nnot json\n', "line 2: not JSON"),
        ('{"id": 1, "title": "no text"}\n', "needs a string 'text' or 'body'"),
    ],
)
def test_extract_bad_jsonl(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(content)
    code, out, err = run_cli(["extract", str(path)], capsys)
    assert code == 1 and out == "" and message in err


def test_extract_bad_published_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.txt"
    path.write_text("x")
    with pytest.raises(SystemExit) as exited:
        main(["extract", str(path), "--published", "03/08/2015"])
    assert exited.value.code == 2
    assert "expected YYYY-MM-DD" in capsys.readouterr().err


def test_extract_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(["extract", str(tmp_path / "nope.txt")], capsys)
    assert code == 2 and "no such file" in err


def test_run_summary_names_warehouse_counts_and_queries() -> None:
    out = io.StringIO()
    print_run_summary(
        {
            "run_id": "r1",
            "database": "/x/warehouse/newsfacts.duckdb",
            "files_seen": 4,
            "files_new": 4,
            "files_changed": 0,
            "files_skipped": 0,
            "files_rejected": 0,
            "documents_added": 4,
            "row_counts": {"documents": 4, "sentences": 47},
        },
        out,
    )
    text = out.getvalue()
    assert "Warehouse: /x/warehouse/newsfacts.duckdb" in text
    assert "documents 4, sentences 47" in text
    assert sum(f'newsfacts sql "{q}"' in text for q in EXAMPLE_QUERIES) == 3


def test_example_queries_run(warehouse: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for query in EXAMPLE_QUERIES:
        code, out, err = run_cli(["sql", query, "--warehouse", str(warehouse)], capsys)
        assert code == 0, err
        assert "(0 rows)" not in out


def test_console_script_is_installed(warehouse: Path) -> None:
    script = Path(sys.executable).parent / "newsfacts"
    done = subprocess.run(
        [
            str(script),
            "sql",
            "SELECT count(*) FROM documents",
            "--format",
            "csv",
            "--warehouse",
            str(warehouse),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["count_star()", "4"]


def test_generated_ddl_and_dictionary_are_current() -> None:
    from flows.codegen import main as codegen

    assert codegen(["--check"]) == 0, "run `make docs`"


def test_dictionary_documents_every_published_column() -> None:
    from flows.codegen import render_dictionary
    from transforms.schemas import PUBLISHED_TABLES

    text = render_dictionary()
    for table in PUBLISHED_TABLES:
        assert f"## `{table.name}`" in text
        for column in table.published_columns:
            assert f"| `{column.name}` |" in text


def test_published_file_is_not_left_open(warehouse: Path) -> None:
    assert (warehouse / DB_FILE_NAME).exists()
    assert not list(warehouse.glob("*.wal"))
