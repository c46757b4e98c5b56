"""Each data-quality check in sql/checks/ passes on good rows and catches its kind of bad row."""

from __future__ import annotations

import random
import re
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
        ("usd_equivalents_resolve", "UPDATE facts SET usd_equivalent_fact_id = 'f9'"),
        ("usd_equivalents_resolve",
         "UPDATE facts SET fact_type = 'money', unit = 'EUR', usd_equivalent_fact_id = fact_id"),
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


def test_a_stated_dollar_equivalent_passes(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("UPDATE facts SET fact_type = 'money', unit = 'EUR'")
    con.execute("INSERT INTO facts SELECT * REPLACE ('f2' AS fact_id, 'USD' AS unit) FROM facts")
    con.execute("UPDATE facts SET usd_equivalent_fact_id = 'f2' WHERE fact_id = 'f1'")
    assert run_checks(con) == {}
    con.execute("UPDATE facts SET sentence_no = 1 WHERE fact_id = 'f2'")
    assert "usd_equivalents_resolve" in run_checks(con)


def test_every_check_file_is_exercised() -> None:
    checks = {p.stem for p in (SQL_DIR / "checks").glob("*.sql")}
    tested = {
        "sentence_text_matches_body", "sentences_in_order", "document_ids_unique",
        "document_has_text", "rows_reference_documents", "boilerplate_kept_out_of_body",
        "fact_surface_matches_body", "fact_ids_unique", "fact_values_valid",
        "mention_surface_matches_body", "quote_text_matches_body", "spans_inside_body",
        "entity_ids_resolve", "every_column_documented", "usd_equivalents_resolve",
    }  # fmt: skip
    assert checks == tested


# A body whose code points and UTF-8 bytes differ: offsets count code points, so a span
# placed by byte offsets (the bug the checks exist for) must fail.
MULTIBYTE_BODY = "Café “Sony” said revenue fell 16.3 percent 😀. Shares rose ½."
MULTIBYTE_ID = "fedcba9876543210"


def _span(text: str, surface: str) -> tuple[int, int]:
    start = text.index(surface)
    return start, start + len(surface)


def _byte_span(text: str, surface: str) -> tuple[int, int]:
    start = len(text[: text.index(surface)].encode())
    return start, start + len(surface)


@pytest.fixture
def multibyte(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """The warehouse of ``con`` plus a consistent document with multibyte characters."""
    body = MULTIBYTE_BODY
    con.execute(
        "INSERT INTO documents (doc_id, body_text, n_words, run_id) VALUES (?, ?, ?, 'r')",
        [MULTIBYTE_ID, body, len(body.split())],
    )
    first = body[: body.index(" Shares")]
    second_start = body.index("Shares")
    con.execute(
        "INSERT INTO sentences VALUES (?, 0, 0, ?, ?), (?, 1, ?, ?, ?)",
        [MULTIBYTE_ID, len(first), first, MULTIBYTE_ID, second_start, len(body),
         body[second_start:]],
    )  # fmt: skip
    start, end = _span(body, "16.3 percent")
    con.execute(
        "INSERT INTO facts (fact_id, doc_id, sentence_no, char_start, char_end, surface, "
        "fact_type, value, unit, status, run_id) VALUES "
        "('f2', ?, 0, ?, ?, '16.3 percent', 'percent', 16.3, 'percent', 'reported', 'r')",
        [MULTIBYTE_ID, start, end],
    )
    start, end = _span(body, "Sony")
    con.execute(
        "INSERT INTO mentions VALUES (?, 0, ?, ?, 'Sony', 'ORG', 'org:sony', 'v')",
        [MULTIBYTE_ID, start, end],
    )
    start, end = _span(body, "Sony”")
    con.execute(
        "INSERT INTO quotes (doc_id, char_start, char_end, quote_text, cue, sentence_no, "
        "speaker_start, speaker_end, quote_kind) VALUES (?, ?, ?, 'Sony”', 'said', 0, ?, ?, "
        "'partial')",
        [MULTIBYTE_ID, start, end, 0, len(body)],
    )
    con.execute(
        "INSERT INTO roles (doc_id, person, char_start, char_end) VALUES (?, 'Jane', ?, ?)",
        [MULTIBYTE_ID, len(body) - 3, len(body)],
    )
    return con


def test_consistent_multibyte_document_passes_every_check(
    multibyte: duckdb.DuckDBPyConnection,
) -> None:
    assert run_checks(multibyte) == {}


@pytest.mark.parametrize(
    ("check", "table", "surface_column", "surface"),
    [
        ("sentence_text_matches_body", "sentences", "text", "Shares rose ½."),
        ("fact_surface_matches_body", "facts", "surface", "16.3 percent"),
        ("mention_surface_matches_body", "mentions", "surface", "Sony"),
        ("quote_text_matches_body", "quotes", "quote_text", "Sony”"),
    ],
)
def test_offsets_counted_in_bytes_fail_on_a_multibyte_body(
    multibyte: duckdb.DuckDBPyConnection,
    check: str,
    table: str,
    surface_column: str,
    surface: str,
) -> None:
    start, end = _byte_span(MULTIBYTE_BODY, surface)
    assert (start, end) != _span(MULTIBYTE_BODY, surface)
    multibyte.execute(
        f"UPDATE {table} SET char_start = ?, char_end = ? "
        f"WHERE doc_id = ? AND {surface_column} = ?",
        [start, end, MULTIBYTE_ID, surface],
    )
    failures = run_checks(multibyte)
    assert list(failures) == [check]
    assert len(failures[check][1]) == 1


@pytest.mark.parametrize(
    ("check", "breakage"),
    [
        # one code point past the end of the body: inside it when counted in bytes
        ("sentence_text_matches_body",
         f"UPDATE sentences SET char_end = {len(MULTIBYTE_BODY) + 1} "
         f"WHERE doc_id = '{MULTIBYTE_ID}' AND sentence_no = 1"),
        ("spans_inside_body",
         f"UPDATE roles SET char_end = {len(MULTIBYTE_BODY) + 1} WHERE person = 'Jane'"),
        ("quote_text_matches_body",
         f"UPDATE quotes SET speaker_end = {len(MULTIBYTE_BODY) + 1} "
         f"WHERE doc_id = '{MULTIBYTE_ID}'"),
        ("document_has_text",
         f"UPDATE documents SET n_words = n_words + 1 WHERE doc_id = '{MULTIBYTE_ID}'"),
    ],
)  # fmt: skip
def test_lengths_are_counted_in_code_points(
    multibyte: duckdb.DuckDBPyConnection, check: str, breakage: str
) -> None:
    multibyte.execute(breakage)
    assert list(run_checks(multibyte)) == [check]


def _words(text: str) -> int:
    """Runs of non-whitespace as RE2's \\S+ finds them (its \\s is [\\t\\n\\f\\r ])."""
    return len(re.findall(r"[^\t\n\f\r ]+", text))


@pytest.mark.parametrize(
    "body",
    [
        "One two.\n\nThree four.",  # the usual shape: single spaces, paragraphs
        "One\ntwo\n\n\nthree",
        " leading and trailing \n",
        "two  spaces and   three",
        "a line ends with a space \nthen another",
        "a line\n starts with a space",
        "tab\tseparated",
        "carriage\rreturn",
        "form\x0cfeed",
        "not whitespace to RE2: vertical\x0btab and no-break\u00a0space",
        "\n",
        "Café “Sony” 😀",
    ],
)
def test_word_count_agrees_with_the_regex_on_any_whitespace(
    con: duckdb.DuckDBPyConnection, body: str
) -> None:
    con.execute("UPDATE documents SET body_text = ?, n_words = ?", [body, _words(body)])
    assert "document_has_text" not in run_checks(con)
    con.execute("UPDATE documents SET n_words = n_words + 1")
    assert "document_has_text" in run_checks(con)


# The checks as first written: per row, substring() and length() of the whole body. The
# faster checks must return exactly their rows on any input (see test below).
REFERENCE_CHECKS = {
    "sentence_text_matches_body": """
        SELECT s.doc_id, s.sentence_no, s.char_start, s.char_end, s.text
        FROM sentences AS s INNER JOIN documents AS d USING (doc_id)
        WHERE s.char_start < 0 OR s.char_end <= s.char_start
            OR s.char_end > length(d.body_text)
            OR substring(d.body_text, s.char_start + 1, s.char_end - s.char_start)
                IS DISTINCT FROM s.text""",
    "mention_surface_matches_body": """
        SELECT m.doc_id, m.char_start, m.char_end, m.surface
        FROM mentions AS m INNER JOIN documents AS d USING (doc_id)
        WHERE m.char_start < 0 OR m.char_end <= m.char_start
            OR substring(d.body_text, m.char_start + 1, m.char_end - m.char_start)
                IS DISTINCT FROM m.surface""",
    "fact_surface_matches_body": """
        SELECT f.fact_id, f.char_start, f.char_end, f.surface
        FROM facts AS f INNER JOIN documents AS d USING (doc_id)
        WHERE f.char_start < 0 OR f.char_end <= f.char_start
            OR substring(d.body_text, f.char_start + 1, f.char_end - f.char_start)
                IS DISTINCT FROM f.surface""",
    "quote_text_matches_body": """
        SELECT q.doc_id, q.char_start, q.char_end, q.quote_text, q.speaker_start, q.speaker_end
        FROM quotes AS q INNER JOIN documents AS d USING (doc_id)
        WHERE q.char_start < 0 OR q.char_end < q.char_start
            OR substring(d.body_text, q.char_start + 1, q.char_end - q.char_start)
                IS DISTINCT FROM q.quote_text
            OR (q.speaker_start IS NOT NULL AND (q.speaker_start < 0
                OR q.speaker_end <= q.speaker_start OR q.speaker_end > length(d.body_text)))
            OR (q.quote_kind = 'scare' AND q.speaker IS NOT NULL)""",
    "spans_inside_body": """
        WITH spans AS (
            SELECT 'roles' AS table_name, doc_id, char_start, char_end, NULL::INTEGER AS line_no
            FROM roles
            UNION ALL SELECT 'sources', doc_id, char_start, char_end, line_no FROM sources
        )
        SELECT spans.table_name, spans.doc_id, spans.char_start, spans.char_end, spans.line_no
        FROM spans INNER JOIN documents AS d USING (doc_id)
        WHERE (spans.char_start IS NULL AND (spans.table_name = 'roles' OR spans.line_no IS NULL))
            OR spans.char_start < 0 OR spans.char_end <= spans.char_start
            OR spans.char_end > length(d.body_text)""",
    "document_has_text": """
        SELECT doc_id, source_path, n_words FROM documents
        WHERE body_text IS NULL OR trim(body_text) = ''
            OR NOT regexp_full_match(doc_id, '[0-9a-f]{16}')
            OR n_words <> len(regexp_extract_all(body_text, '\\S+'))""",
}

ASCII_PIECES = ["a", "b", "Zz", ".", " ", " ", " ", "\n", "  ", "\n\n"]
ANY_PIECES = [*ASCII_PIECES, "\t", "\r\n", "\x0c", "\x0b", "\u00a0", "é", "“", "”", "😀", "½"]


def _random_warehouse(con: duckdb.DuckDBPyConnection, rng: random.Random) -> None:
    """Documents (ASCII and not, some ids repeated or invalid) and spans of every kind that
    are right, off by one or more, out of range, empty, reversed or NULL."""
    bodies: list[tuple[str, str]] = []
    for n in range(8):
        pieces = ASCII_PIECES if n % 2 else ANY_PIECES
        body = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 25)))
        doc_id = f"{n:016x}" if rng.random() < 0.9 else f"doc-{n}"
        words: int | None = _words(body) + rng.choice([0, 0, 0, 1, -1])
        words = None if rng.random() < 0.05 else words
        body_or_null = None if rng.random() < 0.03 else body
        con.execute(
            "INSERT INTO documents (doc_id, source_path, body_text, n_words, run_id) "
            "VALUES (?, 'p', ?, ?, 'r')",
            [doc_id, body_or_null, words],
        )
        bodies.append((doc_id, body))
    bodies.append(("0000000000000fff", "no document has this id"))
    # a second row for a document id, with the same or another body
    doc_id, body = rng.choice(bodies[:-1])
    con.execute(
        "INSERT INTO documents (doc_id, body_text, n_words, run_id) VALUES (?, ?, 0, 'r')",
        [doc_id, rng.choice([body, body + "é"])],
    )

    def span(allow_empty: bool) -> tuple[str, int | None, int | None, str | None]:
        doc_id, body = rng.choice(bodies)
        start: int | None = rng.randrange(-1, len(body) + 3)
        end: int | None = start + rng.randrange(-1 if allow_empty else 0, 9)  # type: ignore[operator]
        text: str | None = body[max(start, 0) : max(end, 0)]  # type: ignore[type-var]
        roll = rng.random()
        if roll < 0.1:
            start = None
        elif roll < 0.2:
            end = None
        elif roll < 0.3:
            text = None
        elif roll < 0.45:
            text = body[max(start + 1, 0) : max(end + 1, 0)]  # type: ignore[operator]
        elif roll < 0.5:
            text = (text or "") + "é"
        return doc_id, start, end, text

    for i in range(40):
        doc_id, start, end, text = span(allow_empty=False)
        con.execute("INSERT INTO sentences VALUES (?, ?, ?, ?, ?)", [doc_id, i, start, end, text])
        doc_id, start, end, text = span(allow_empty=False)
        con.execute(
            "INSERT INTO mentions (doc_id, char_start, char_end, surface) VALUES (?, ?, ?, ?)",
            [doc_id, start, end, text],
        )
        doc_id, start, end, text = span(allow_empty=False)
        con.execute(
            "INSERT INTO facts (fact_id, doc_id, char_start, char_end, surface, fact_type, "
            "value, status, run_id) VALUES (?, ?, ?, ?, ?, 'rank', 1, 'reported', 'r')",
            [f"f{i}", doc_id, start, end, text],
        )
        doc_id, start, end, text = span(allow_empty=True)
        speaker_start = rng.choice([None, -1, 0, 3, 20])
        speaker_end = None if speaker_start is None else speaker_start + rng.randrange(-1, 30)
        con.execute(
            "INSERT INTO quotes (doc_id, char_start, char_end, quote_text, speaker, "
            "speaker_start, speaker_end, quote_kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [doc_id, start, end, text, rng.choice([None, "X"]), speaker_start, speaker_end,
             rng.choice([None, "scare", "partial"])],
        )  # fmt: skip
        doc_id, start, end, _ = span(allow_empty=True)
        con.execute(
            "INSERT INTO roles (doc_id, person, char_start, char_end) VALUES (?, 'P', ?, ?)",
            [doc_id, start, end],
        )
        doc_id, start, end, _ = span(allow_empty=True)
        con.execute(
            "INSERT INTO sources (doc_id, source, char_start, char_end, line_no) "
            "VALUES (?, 'S', ?, ?, ?)",
            [doc_id, start, end, rng.choice([None, 3])],
        )


@pytest.mark.parametrize("seed", range(30))
def test_checks_return_the_rows_of_their_reference_on_random_data(seed: int) -> None:
    con = duckdb.connect()
    try:
        con.execute((SQL_DIR / "ddl" / "tables.sql").read_text())
        _random_warehouse(con, random.Random(seed))
        for check, reference in REFERENCE_CHECKS.items():
            rows = con.execute((SQL_DIR / "checks" / f"{check}.sql").read_text()).fetchall()
            expected = con.execute(reference).fetchall()
            assert sorted(rows, key=repr) == sorted(expected, key=repr), check
    finally:
        con.close()


@pytest.mark.parametrize("body", ["", "   ", "\u00a0\u2003 "])
def test_a_blank_body_fails_whatever_its_word_count(
    con: duckdb.DuckDBPyConnection, body: str
) -> None:
    # trim() strips Unicode spaces too, so a body of no-break and em spaces is blank
    con.execute("UPDATE documents SET body_text = ?, n_words = 0", [body])
    assert "document_has_text" in run_checks(con)
