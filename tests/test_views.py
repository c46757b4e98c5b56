"""The BI views (sql/views) on tiny tables: answers that do not depend on row order."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

VIEWS = Path(__file__).resolve().parent.parent / "sql" / "views"


def _quotes_by_speaker(quote_texts: list[str]) -> list[tuple[str, str]]:
    con = duckdb.connect()
    con.execute("CREATE TABLE documents (doc_id VARCHAR, published_at TIMESTAMP, outlet VARCHAR)")
    con.execute("INSERT INTO documents VALUES ('d1', '2017-03-01', 'Reuters')")
    con.execute("CREATE TABLE entities (entity_id VARCHAR, entity_type VARCHAR)")
    con.execute(
        "CREATE TABLE quotes (doc_id VARCHAR, speaker VARCHAR, speaker_entity_id VARCHAR,"
        " speaker_title VARCHAR, quote_kind VARCHAR, quote_text VARCHAR)"
    )
    for text in quote_texts:
        con.execute(
            "INSERT INTO quotes VALUES ('d1', 'Hiroki Totoki', NULL, NULL, 'direct', ?)", [text]
        )
    con.execute((VIEWS / "quotes_by_speaker.sql").read_text())
    return con.execute("SELECT speaker, longest_quote FROM quotes_by_speaker").fetchall()


@pytest.mark.parametrize(
    "order", [["We will win", "We shall go", "No"], ["No", "We shall go", "We will win"]]
)
def test_longest_quote_ties_are_broken_by_text_not_row_order(order: list[str]) -> None:
    # Two longest quotations of equal length: the answer must not follow the row order,
    # which for views over Parquet parts is whatever the scan yields.
    assert _quotes_by_speaker(order) == [("Hiroki Totoki", "We shall go")]


def _money_facts(figures: list[tuple[str, str | None, float, str | None]]) -> dict[str, tuple]:
    """money_facts over one document whose money figures are (fact id, currency, value, the
    id of its stated dollar equivalent). The documents table has no body_text: the view
    must not need one (reading every body made it cost seconds on a big warehouse)."""
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE documents (doc_id VARCHAR, title VARCHAR, outlet VARCHAR,"
        " published_at TIMESTAMP)"
    )
    con.execute("INSERT INTO documents VALUES ('d1', 'Results', NULL, '2013-05-01')")
    con.execute(
        "CREATE TABLE facts (fact_id VARCHAR, doc_id VARCHAR, sentence_no INTEGER,"
        " surface VARCHAR, fact_type VARCHAR, value DOUBLE, value_high DOUBLE, unit VARCHAR,"
        " category VARCHAR, direction VARCHAR, status VARCHAR, subject VARCHAR,"
        " subject_entity_id VARCHAR, usd_equivalent_fact_id VARCHAR)"
    )
    for fact_id, currency, value, equivalent in figures:
        con.execute(
            "INSERT INTO facts VALUES (?, 'd1', 0, ?, 'money', ?, NULL, ?,"
            " NULL, NULL, 'reported', NULL, NULL, ?)",
            [fact_id, fact_id, value, currency, equivalent],
        )
    con.execute(
        "INSERT INTO facts (fact_id, doc_id, fact_type, value) VALUES ('p', 'd1', 'percent', 5)"
    )
    con.execute((VIEWS / "money_facts.sql").read_text())
    rows = con.execute(
        "SELECT fact_id, value_usd, implied_usd_rate, usd_conversion_fact_id FROM money_facts"
    ).fetchall()
    return {fact_id: (usd, rate, usd_fact) for fact_id, usd, rate, usd_fact in rows}


def test_money_figures_get_the_dollar_value_the_text_states_for_them() -> None:
    rows = _money_facts(
        [
            ("270.5 billion yen", "JPY", 270.5e9, "$2.27 billion"),
            ("$2.27 billion", "USD", 2.27e9, None),
            ("5 billion euros", "EUR", 5e9, None),
            ("12 million", None, 12e6, None),
        ]
    )
    assert rows == {
        "270.5 billion yen": (2.27e9, 2.27e9 / 270.5e9, "$2.27 billion"),
        "$2.27 billion": (2.27e9, None, None),
        "5 billion euros": (None, None, None),
        "12 million": (None, None, None),
    }
