"""Each data-quality check in sql/checks/ passes on good rows and catches its kind of bad row."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pytest

from flows.publish import run_checks
from flows.settings import SQL_DIR

BODY = "Sony said revenue fell 16.3 percent. Shares rose."


@pytest.fixture
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    """A warehouse with the published DDL and one consistent document."""
    connection = duckdb.connect()
    connection.execute((SQL_DIR / "ddl" / "tables.sql").read_text())
    connection.execute(
        "INSERT INTO documents (doc_id, body_text, n_words, run_id) VALUES (?, ?, ?, 'r')",
        ["0123456789abcdef", BODY, len(BODY.split())],
    )
    connection.execute(
        "INSERT INTO sentences VALUES ('0123456789abcdef', 0, 0, 36, ?), "
        "('0123456789abcdef', 1, 37, 49, 'Shares rose.')",
        [BODY[0:36]],
    )
    connection.execute(
        "INSERT INTO facts (fact_id, doc_id, sentence_no, char_start, char_end, surface, "
        "fact_type, value, unit, status, run_id) VALUES "
        "('f1', '0123456789abcdef', 0, 23, 35, '16.3 percent', 'percent', 16.3, 'percent', "
        "'reported', 'r')"
    )
    connection.execute(
        "INSERT INTO entities VALUES ('org:sony', 'Sony', 'ORG', ['Sony Corp.'], NULL)"
    )
    connection.execute(
        "INSERT INTO mentions VALUES ('0123456789abcdef', 0, 0, 4, 'Sony', 'ORG', 'org:sony', 'v')"
    )
    connection.execute(
        "INSERT INTO quotes (doc_id, char_start, char_end, quote_text, speaker, "
        "speaker_entity_id, cue, sentence_no, speaker_start, speaker_end, quote_kind) VALUES "
        "('0123456789abcdef', 10, 22, 'revenue fell', 'Sony', 'org:sony', 'said', 0, 0, 4, "
        "'partial')"
    )
    connection.execute(
        "INSERT INTO sources (doc_id, source, source_entity_id, cue, char_start, char_end, "
        "sentence_no, line_no) VALUES ('0123456789abcdef', 'Sony', 'org:sony', 'told', 0, 4, 0, "
        "NULL), ('0123456789abcdef', 'Xperia Blog', NULL, 'via:', NULL, NULL, NULL, 7)"
    )
    connection.execute(
        "INSERT INTO roles (doc_id, person, title, org, org_entity_id, char_start, char_end) "
        "VALUES ('0123456789abcdef', 'Jane Doe', 'CEO', 'Sony', 'org:sony', 0, 10)"
    )
    for view in sorted((SQL_DIR / "views").glob("*.sql")):
        connection.execute(view.read_text())
    yield connection
    connection.close()


def test_consistent_warehouse_passes_every_check(con: duckdb.DuckDBPyConnection) -> None:
    assert run_checks(con) == {}


@pytest.mark.parametrize(
    ("check", "breakage"),
    [
        ("sentence_text_matches_body",
         "UPDATE sentences SET char_end = 35 WHERE sentence_no = 0"),
        ("sentences_in_order", "UPDATE sentences SET sentence_no = 5 WHERE sentence_no = 1"),
        ("document_ids_unique", "INSERT INTO documents (doc_id, body_text, n_words, run_id) "
         "SELECT doc_id, body_text, n_words, run_id FROM documents"),
        ("document_has_text", "UPDATE documents SET n_words = 1"),
        ("rows_reference_documents",
         "INSERT INTO boilerplate VALUES ('feedfeedfeedfeed', 0, 'title', 'x')"),
        ("boilerplate_kept_out_of_body",
         f"INSERT INTO boilerplate VALUES ('0123456789abcdef', 3, 'copyright', '{BODY}')"),
        ("fact_surface_matches_body", "UPDATE facts SET char_start = 22"),
        ("fact_ids_unique", "INSERT INTO facts SELECT * FROM facts"),
        ("fact_values_valid", "UPDATE facts SET status = 'probably'"),
        ("fact_values_valid", "UPDATE facts SET fact_type = 'money', unit = 'dollars'"),
        ("fact_values_valid", "UPDATE facts SET value_high = 1"),
        ("fact_values_valid", "UPDATE facts SET value = 1e19"),
        ("fact_values_valid", "UPDATE facts SET fact_type = 'quantity', value = NULL"),
        ("mention_surface_matches_body", "UPDATE mentions SET char_end = 5"),
        ("quote_text_matches_body", "UPDATE quotes SET char_start = 9"),
        ("quote_text_matches_body", "UPDATE quotes SET speaker_end = 99"),
        ("quote_text_matches_body", "UPDATE quotes SET quote_kind = 'scare'"),
        ("spans_inside_body", "UPDATE sources SET line_no = NULL"),
        ("spans_inside_body", "UPDATE roles SET char_end = 60"),
        ("entity_ids_resolve", "UPDATE facts SET subject_entity_id = 'org:nobody'"),
        ("entity_ids_resolve", "UPDATE entities SET parent_entity_id = 'org:gone'"),
        ("entity_ids_resolve", "INSERT INTO entities SELECT * FROM entities"),
        ("every_column_documented", "COMMENT ON COLUMN facts.unit IS NULL"),
        ("every_column_documented", "CREATE VIEW undocumented AS SELECT 1 AS x"),
    ],
)  # fmt: skip
def test_each_check_catches_its_breakage(
    con: duckdb.DuckDBPyConnection, check: str, breakage: str
) -> None:
    con.execute(breakage)
    failures = run_checks(con)
    assert check in failures
    columns, rows = failures[check]
    assert rows and columns


def test_a_vague_duration_may_have_no_number(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("UPDATE facts SET fact_type = 'quantity', value = NULL, category = 'duration'")
    assert run_checks(con) == {}


def test_every_check_file_is_exercised() -> None:
    checks = {p.stem for p in (SQL_DIR / "checks").glob("*.sql")}
    tested = {
        "sentence_text_matches_body", "sentences_in_order", "document_ids_unique",
        "document_has_text", "rows_reference_documents", "boilerplate_kept_out_of_body",
        "fact_surface_matches_body", "fact_ids_unique", "fact_values_valid",
        "mention_surface_matches_body", "quote_text_matches_body", "spans_inside_body",
        "entity_ids_resolve", "every_column_documented",
    }  # fmt: skip
    assert checks == tested
