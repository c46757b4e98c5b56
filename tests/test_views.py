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


def _money_facts(body: str, figures: list[tuple[str, str | None, float]]) -> dict[str, tuple]:
    """money_facts over one document whose money figures are (surface, currency, value)."""
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE documents (doc_id VARCHAR, title VARCHAR, outlet VARCHAR,"
        " published_at TIMESTAMP, body_text VARCHAR)"
    )
    con.execute("INSERT INTO documents VALUES ('d1', 'Results', NULL, '2013-05-01', ?)", [body])
    con.execute(
        "CREATE TABLE facts (fact_id VARCHAR, doc_id VARCHAR, sentence_no INTEGER,"
        " char_start INTEGER, char_end INTEGER, surface VARCHAR, fact_type VARCHAR,"
        " value DOUBLE, value_high DOUBLE, unit VARCHAR, category VARCHAR, direction VARCHAR,"
        " status VARCHAR, subject VARCHAR, subject_entity_id VARCHAR)"
    )
    for surface, currency, value in figures:
        start = body.index(surface)
        con.execute(
            "INSERT INTO facts VALUES (?, 'd1', 0, ?, ?, ?, 'money', ?, NULL, ?,"
            " NULL, NULL, 'reported', NULL, NULL)",
            [surface, start, start + len(surface), surface, value, currency],
        )
    con.execute((VIEWS / "money_facts.sql").read_text())
    rows = con.execute(
        "SELECT fact_id, value_usd, usd_conversion_fact_id FROM money_facts"
    ).fetchall()
    return {fact_id: (value_usd, usd_fact) for fact_id, value_usd, usd_fact in rows}


def test_money_figures_get_the_dollar_value_stated_beside_them() -> None:
    body = "Sony earned 270.5 billion yen, or around $2.27 billion, and 900 billion yen ($9bn)."
    rows = _money_facts(
        body,
        [
            ("270.5 billion yen", "JPY", 270.5e9),
            ("$2.27 billion", "USD", 2.27e9),
            ("900 billion yen", "JPY", 900e9),
            ("$9bn", "USD", 9e9),
        ],
    )
    assert rows == {
        "270.5 billion yen": (2.27e9, "$2.27 billion"),
        "$2.27 billion": (2.27e9, None),
        "900 billion yen": (9e9, "$9bn"),
        "$9bn": (9e9, None),
    }


def test_only_a_dollar_figure_states_a_dollar_value() -> None:
    # Two non-dollar figures side by side, and a figure of unknown currency beside dollars:
    # neither is a stated dollar equivalent.
    body = "Profit: 5 billion euros (4 billion pounds); costs: 12 million (about $3 million)."
    rows = _money_facts(
        body,
        [
            ("5 billion euros", "EUR", 5e9),
            ("4 billion pounds", "GBP", 4e9),
            ("12 million", None, 12e6),
            ("$3 million", "USD", 3e6),
        ],
    )
    assert rows == {
        "5 billion euros": (None, None),
        "4 billion pounds": (None, None),
        "12 million": (None, None),
        "$3 million": (3e6, None),
    }


def test_a_dollar_figure_far_from_another_currency_states_no_conversion() -> None:
    body = "Sales rose to 270.5 billion yen in the year to March, while costs fell by $2 million."
    rows = _money_facts(body, [("270.5 billion yen", "JPY", 270.5e9), ("$2 million", "USD", 2e6)])
    assert rows["270.5 billion yen"] == (None, None)
