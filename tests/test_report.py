"""The run report: numbers, escaping, empty data, the atomic write, the Markdown twin, and a
headless-Chromium check that the charts are actually drawn."""

from __future__ import annotations

import os
import re
import struct
import subprocess
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest

from flows import report
from flows.report import (
    read_report_data,
    render_report,
    report_markdown,
    write_run_report,
)
from flows.settings import SQL_DIR

RUN_ID = "20130601T120000000000Z-abc123"
EARLIER_RUN_ID = "20130501T080000000000Z-000001"
HOSTILE_TITLE = "<script>document.title='pwned'</script> Sony results"
HOSTILE_ENTITY = "<img src=x onerror=alert(1)>"
HOSTILE_PATH = "bad/<script>alert(2)</script>.bin"
CHECKS = {"fact_ids_unique": 0, "document_has_text": 0, "spans_inside_body": 2}
CHROMIUM = Path("/usr/bin/chromium")

# (fact_id, doc_id, sentence_no, fact_type, value, unit). Every money figure is in its own
# sentence, so money_facts pairs none of them as a stated conversion.
FACTS = [
    ("f1", "d1", 1, "money", 2.27e9, "USD"),
    ("f2", "d1", 2, "money", 2.5e9, "USD"),  # same month, within a third of f1: shares its dot
    ("f3", "d2", 1, "money", 15e6, "USD"),
    ("f4", "d2", 2, "money", 400.0, "USD"),
    ("f5", "d4", 1, "money", 1.2e6, "USD"),
    ("f6", "d3", 1, "money", 5e6, "USD"),  # undated article: not on the time line
    ("f7", "d1", 3, "money", 270.5e9, "JPY"),  # no dollar value stated
    ("f8", "d1", 4, "percent", 12.5, "percent"),
    ("f9", "d2", 3, "percent", 3.0, "percent"),
    ("f10", "d4", 2, "percent", 40.0, "percent"),
    ("f11", "d1", 5, "date", None, None),
    ("f12", "d2", 4, "date", None, None),
    ("f13", "d4", 3, "rank", 1.0, "rank"),
]
FACTS_BY_TYPE = {"money": 7, "percent": 3, "date": 2, "rank": 1}
MONEY_DOTS = 4  # Mar 2013 (f1+f2), May 2013 (f3), May 2013 (f4), Nov 2012 (f5)
ENTITIES = [
    ("e1", "Sony", "ORG", 5),
    ("e2", "Kazuo Hirai", "PERSON", 3),
    ("e3", "Tokyo", "LOCATION", 2),
    ("e4", HOSTILE_ENTITY, "ORG", 1),
]
REJECTED = [
    (RUN_ID, HOSTILE_PATH, "binary", "NUL bytes in the first 8 KB", None),
    (EARLIER_RUN_ID, "empty.txt", "empty", "0 bytes", None),
    (RUN_ID, "feed.jsonl", "invalid_json", "line 3: Expecting value", 3),
]
# One bar per fact type, entity and rejection reason, one dot per money group.
EXPECTED_CHART_MARKS = len(FACTS_BY_TYPE) + len(ENTITIES) + MONEY_DOTS + 3


def _insert(
    con: duckdb.DuckDBPyConnection, table: str, columns: str, rows: Sequence[tuple]
) -> None:
    marks = ", ".join("?" for _ in columns.split(","))
    con.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", [list(r) for r in rows])


def _empty_warehouse(path: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(path))
    con.execute((SQL_DIR / "ddl" / "tables.sql").read_text())
    for view in sorted((SQL_DIR / "views").glob("*.sql")):
        con.execute(view.read_text())
    return con


@pytest.fixture(scope="module")
def empty_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("empty") / "empty.duckdb"
    _empty_warehouse(path).close()
    return path


def _fill(con: duckdb.DuckDBPyConnection, published: dict[str, datetime | None]) -> None:
    titles = {"d1": HOSTILE_TITLE, "d2": "Sony sales", "d3": "Undated", "d4": "Older news"}
    _insert(
        con,
        "documents",
        "doc_id, title, published_at, body_text, run_id",
        [(d, titles[d], published[d], "x" * 400, RUN_ID) for d in ("d1", "d2", "d3", "d4")],
    )
    _insert(
        con,
        "facts",
        "fact_id, doc_id, sentence_no, char_start, char_end, surface, fact_type, value, unit, "
        "subject, run_id",
        [
            (
                fid,
                doc,
                sno,
                sno * 50,
                sno * 50 + 5,
                f"figure {fid}",
                kind,
                value,
                unit,
                "Sony",
                RUN_ID if fid != "f13" else EARLIER_RUN_ID,
            )
            for fid, doc, sno, kind, value, unit in FACTS
        ],
    )
    _insert(
        con,
        "entities",
        "entity_id, name, entity_type",
        [(eid, name, kind) for eid, name, kind, _ in ENTITIES],
    )
    mentions: list[tuple[str, str | None, str, str]] = [
        (f"d{1 + i % 2}", eid, name, kind) for eid, name, kind, n in ENTITIES for i in range(n)
    ]
    mentions.append(("d1", None, "Somebody", "PERSON"))  # unresolved: in no entity's count
    _insert(con, "mentions", "doc_id, entity_id, surface, entity_type", mentions)
    _insert(
        con,
        "quotes",
        "doc_id, quote_text, speaker, speaker_entity_id, quote_kind",
        [
            ("d1", "We will sell 10 million phones.", "Kazuo Hirai", "e2", "direct"),
            (
                "d2",
                "A <b>bold</b> | plan to sell more phones than anyone",
                "Kazuo Hirai",
                "e2",
                "direct",
            ),
            ("d2", "game changer", None, None, "scare"),
        ],
    )
    _insert(
        con,
        "events",
        "doc_id, event_type, subject",
        [
            ("d1", "sales_target", "Sony"),
            ("d2", "sales_target", "Sony"),
            ("d2", "store_closure", "Sony"),
        ],
    )
    _insert(
        con,
        "runs",
        "run_id, started_at, finished_at, status, files_seen, files_new, files_changed, "
        "files_skipped, files_rejected, documents, facts, full_refresh, input_paths",
        [
            (
                EARLIER_RUN_ID,
                datetime(2013, 5, 1, 8),
                datetime(2013, 5, 1, 8, 0, 30),
                "success",
                2,
                2,
                0,
                0,
                1,
                1,
                1,
                False,
                ["/in"],
            ),
            (
                RUN_ID,
                datetime(2013, 6, 1, 12),
                datetime(2013, 6, 1, 12, 2, 5),
                "success",
                5,
                3,
                1,
                1,
                2,
                3,
                12,
                False,
                ["/in"],
            ),
        ],
    )
    _insert(con, "rejected_files", "run_id, path, reason, detail, line_no", REJECTED)


PUBLISHED = {
    "d1": datetime(2013, 3, 5, 9),
    "d2": datetime(2013, 5, 20, 14),
    "d3": None,
    "d4": datetime(2012, 11, 2),
}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once: every test only reads it."""
    path = tmp_path_factory.mktemp("warehouse") / "newsfacts.duckdb"
    con = _empty_warehouse(path)
    _fill(con, PUBLISHED)
    con.close()
    return path


def _section(page: str, section_id: str) -> str:
    match = re.search(rf'<section id="{section_id}">(.*?)</section>', page, re.S)
    assert match, f"section {section_id} missing"
    return match.group(1)


def test_report_has_every_section_with_the_numbers(db: Path) -> None:
    page = render_report(db, RUN_ID, CHECKS)
    for section_id in (
        "run",
        "totals",
        "facts",
        "entities",
        "money",
        "rejected",
        "checks",
        "speakers",
        "events",
        "runs",
    ):
        assert NOTHING_YET_MARK not in _section(page, section_id), section_id
    run = _section(page, "run")
    assert '<div class="value">5</div><div class="label">files seen</div>' in run
    assert '<div class="value">12</div><div class="label">facts added</div>' in run
    assert "2 min 05 s" in run  # duration from started_at/finished_at
    facts = _section(page, "facts")
    for kind, n in FACTS_BY_TYPE.items():
        assert f"<title>{kind}: {n}</title>" in facts
    entities = _section(page, "entities")
    assert "<title>Sony (ORG): 5 mentions in 2 documents</title>" in entities
    assert "Somebody" not in entities
    # colored by type: the person's bar differs from the organisation's
    assert re.search(r'fill="#e15759" rx="2"><title>Kazuo Hirai', entities)
    money = _section(page, "money")
    assert "Mar 2013: 2 figures, $2.27B to $2.5B" in money
    assert "1 further dollar figures come from articles without a publication date" in money
    assert "US-dollar value (log scale)" in money
    rejected = _section(page, "rejected")
    assert '<tr class="current"><td>feed.jsonl</td><td>invalid_json</td>' in rejected
    assert "<td>" + EARLIER_RUN_ID + "</td>" in rejected  # older rejection credited to its run
    checks = _section(page, "checks")
    assert '<li class="fail">spans_inside_body: 2 failing rows</li>' in checks
    assert '<li class="pass">fact_ids_unique</li>' in checks
    assert checks.index("spans_inside_body") < checks.index("fact_ids_unique")  # failing first
    assert "2 of 3 checks passed, 1 failing." in checks
    assert "<td>Kazuo Hirai</td><td>PERSON</td><td class=num>2</td>" in _section(page, "speakers")
    assert "<td>sales_target</td><td class=num>2</td>" in _section(page, "events")


NOTHING_YET_MARK = '<div class="empty">Nothing yet'


def test_chart_marks_match_the_data(db: Path) -> None:
    data = read_report_data(db, RUN_ID, CHECKS)
    assert data.chart_marks == EXPECTED_CHART_MARKS
    assert len(data.money_dots) == MONEY_DOTS
    page = render_report(db, RUN_ID, CHECKS)
    assert page.count('class="mark"') == EXPECTED_CHART_MARKS


def test_hostile_text_is_escaped(db: Path) -> None:
    page = render_report(db, RUN_ID, CHECKS)
    assert page.count("<script") == 1  # only the report's own mark counter
    assert "<img" not in page
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "bad/&lt;script&gt;alert(2)&lt;/script&gt;.bin" in page
    assert "A &lt;b&gt;bold&lt;/b&gt; | plan" in page  # the longest quotation
    # and the page forbids any script but its own, in case an escape is ever missed
    assert re.search(r"script-src &#x27;sha256-[A-Za-z0-9+/=]+&#x27;", page)
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in page
    markdown = report_markdown(db, RUN_ID, CHECKS)
    assert "<img" not in markdown and "<script" not in markdown
    assert "&lt;img src=x onerror=alert(1)&gt;" in markdown


def test_numbers_read_once_serve_page_and_markdown(db: Path, tmp_path: Path) -> None:
    """The flow reads the warehouse once for the HTML page and the markdown artifact."""
    data = read_report_data(db, RUN_ID, CHECKS)
    gone = tmp_path / "no-such.duckdb"  # nothing may be read from here
    path = write_run_report(tmp_path, gone, RUN_ID, CHECKS, data)
    assert path.read_text() == render_report(db, RUN_ID, CHECKS)
    assert report_markdown(gone, RUN_ID, CHECKS, data) == report_markdown(db, RUN_ID, CHECKS)


def test_empty_warehouse_says_nothing_yet(empty_db: Path) -> None:
    page = render_report(empty_db, RUN_ID, {})
    for section_id in (
        "run",
        "facts",
        "entities",
        "money",
        "rejected",
        "checks",
        "speakers",
        "events",
        "runs",
    ):
        assert NOTHING_YET_MARK in _section(page, section_id), section_id
    assert "is not in this warehouse" in _section(page, "run")
    assert 'class="mark"' not in page
    assert read_report_data(empty_db, RUN_ID, {}).chart_marks == 0
    markdown = report_markdown(empty_db, RUN_ID, {})
    assert markdown.count("_Nothing yet:") == 8  # every section but the (zero) totals


def test_dollar_figures_without_publication_dates_are_explained(tmp_path: Path) -> None:
    path = tmp_path / "undated.duckdb"
    con = _empty_warehouse(path)
    _fill(con, dict.fromkeys(PUBLISHED))
    con.close()
    money = _section(render_report(path, RUN_ID, CHECKS), "money")
    assert "6 dollar figures, but no publication dates are known" in money
    assert "<circle" not in money and "<svg" not in money
    assert "<td>$2.5B</td>" in money.replace(
        "<td class=num>", "<td>"
    )  # largest figures still listed
    assert "6 dollar figures, but no publication dates are known" in report_markdown(
        path, RUN_ID, CHECKS
    )


def test_money_chart_over_years_has_decade_and_year_ticks() -> None:
    dots = [
        report.MoneyDot(
            date(2010 + 2 * i // 12, 1 + 2 * i % 12, 1),
            1 + i,
            10.0**i,
            10.0 ** (i + 0.1),
            10.0 ** (i + 0.05),
            None,
            None,
        )
        for i in range(12)
    ]
    svg = report.money_chart("m", dots)
    assert svg.count("<circle") == 12
    assert "$1T" in svg and "$1</text>" in svg  # a decade tick from $1 up to $1 trillion
    assert ">2010</text>" in svg  # more than a year of months: yearly ticks
    assert ">Jan 2010</text>" not in svg


def test_many_dollar_figures_share_coarser_dots(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert read_report_data(db, RUN_ID, CHECKS).money_bins_per_decade == 8
    monkeypatch.setattr(report, "MAX_MONEY_DOTS", MONEY_DOTS - 1)
    data = read_report_data(db, RUN_ID, CHECKS)
    assert data.money_bins_per_decade == 1  # no finer binning fits: the coarsest is used
    page = report._page(data)
    assert "within a factor of about 10 of each other share a dot" in page


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (400.0, "$400"),
        (12.5, "$12.50"),
        (0.004, "$0.004"),
        (1.2e6, "$1.2M"),
        (2.27e9, "$2.27B"),
        (708e12, "$708T"),
        (13_880_568.4e9, "$13,881T"),
    ],
)
def test_dollar_amounts_are_readable(value: float, text: str) -> None:
    assert report._usd(value) == text


def test_markdown_has_the_same_numbers(db: Path) -> None:
    markdown = report_markdown(db, RUN_ID, CHECKS)
    page = render_report(db, RUN_ID, CHECKS)
    for kind, n in FACTS_BY_TYPE.items():
        assert re.search(rf"^\| {kind} \| {n} \| \d+ \|$", markdown, re.M)
        assert f"<td>{kind}</td><td class=num>{n}</td>" in page
    for _, name, kind, n in ENTITIES:
        row = f"| {report._md(name)} | {kind} | {n} |"
        assert row in markdown
    assert "| Mar 2013 | 2 | $2.27B | $2.5B |" in markdown
    assert "<td>Mar 2013</td><td class=num>2</td><td class=num>$2.27B</td>" in page
    for reason, n in (("binary", 1), ("empty", 1), ("invalid_json", 1)):
        assert f"| {reason} | {n} |" in markdown
    assert "| spans_inside_body | FAIL | 2 |" in markdown
    assert "| fact_ids_unique | pass | 0 |" in markdown
    assert "| files seen | 5 |" in markdown and "| duration | 2 min 05 s |" in markdown
    assert "| Kazuo Hirai | PERSON | 2 | 2 |" in markdown
    assert "| facts | 13 |" in markdown  # warehouse totals


def test_database_is_closed_after_reading(db: Path) -> None:
    render_report(db, RUN_ID, CHECKS)
    report_markdown(db, RUN_ID, CHECKS)
    # A connection left open (read-only) would make this read-write open fail in-process.
    duckdb.connect(str(db)).close()


def test_write_run_report_is_atomic(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warehouse = tmp_path / "warehouse"
    path = write_run_report(warehouse, db, RUN_ID, CHECKS)
    assert path == warehouse / "reports" / f"{RUN_ID}.html"
    first = path.read_text(encoding="utf-8")
    assert first.startswith("<!DOCTYPE html>") and first.rstrip().endswith("</html>")
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]

    def failing_replace(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="disk full"):
        write_run_report(warehouse, db, RUN_ID, {"fact_ids_unique": 1})
    assert path.read_text(encoding="utf-8") == first  # the old report is untouched
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temp file left
    monkeypatch.undo()
    write_run_report(warehouse, db, RUN_ID, {"fact_ids_unique": 1})
    assert "fact_ids_unique: 1 failing rows" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("run_id", ["../escape", "a/b", ".hidden", ""])
def test_unsafe_run_ids_are_refused(tmp_path: Path, run_id: str) -> None:
    with pytest.raises(ValueError, match="safe file name"):  # before the database is opened
        write_run_report(tmp_path, tmp_path / "absent.duckdb", run_id, CHECKS)
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------------------------------------
# Headless Chromium: the page renders offline and its charts are drawn.


def _chromium(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )


def _drawn_marks(profile: Path, page: Path) -> int:
    dom = _chromium(
        profile, "--virtual-time-budget=2000", "--dump-dom", page.resolve().as_uri()
    ).stdout
    match = re.search(r'<body[^>]*\sdata-chart-marks="(\d+)"', dom)
    assert match, f"the mark-counting script did not run:\n{dom[:500]}"
    return int(match.group(1))


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


@pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed")
def test_chromium_draws_the_charts(db: Path, empty_db: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse"
    page = write_run_report(warehouse, db, RUN_ID, CHECKS)
    screenshot = tmp_path / "report.png"
    _chromium(
        tmp_path / "profile",
        f"--screenshot={screenshot}",
        "--window-size=1280,2400",
        "--hide-scrollbars",
        page.resolve().as_uri(),
    )
    assert _png_size(screenshot) == (1280, 2400)
    assert screenshot.stat().st_size > 60_000  # a blank page of this size is a few KB

    assert _drawn_marks(tmp_path / "profile", page) == EXPECTED_CHART_MARKS

    empty_page = write_run_report(warehouse, empty_db, EARLIER_RUN_ID, {})
    assert _drawn_marks(tmp_path / "profile", empty_page) == 0


def test_table_sizes_counted_by_the_publisher_are_not_counted_again(db: Path) -> None:
    counted = read_report_data(db, RUN_ID, CHECKS).totals
    given = {table: n + 1000 for table, n in counted.items()}
    assert read_report_data(db, RUN_ID, CHECKS, given).totals == given


def test_top_speakers_are_the_views_even_when_quotes_lack_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Raw quote counts rank Ghost first, but two of its quotes are in a document the warehouse
    # does not hold: quotes_by_speaker (and so the report) ranks Kazuo Hirai first.
    con = _empty_warehouse(tmp_path / "w.duckdb")
    _fill(con, PUBLISHED)
    _insert(
        con,
        "quotes",
        "doc_id, quote_text, speaker, speaker_entity_id, quote_kind",
        [
            ("d1", "Boo.", "Ghost", None, "direct"),
            ("gone", "Boo again.", "Ghost", None, "direct"),
            ("gone", "Boo once more.", "Ghost", None, "direct"),
        ],
    )
    con.close()
    monkeypatch.setattr(report, "TOP_SPEAKERS", 1)
    data = read_report_data(tmp_path / "w.duckdb", RUN_ID, CHECKS)
    assert [(s, n, d) for s, _, n, d, _ in data.speakers] == [("Kazuo Hirai", 2, 2)]


def test_top_speakers_and_entities_match_the_whole_views(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(report, "TOP_ENTITIES", 2)
    data = read_report_data(db, RUN_ID, CHECKS)
    con = duckdb.connect(str(db), read_only=True)
    speakers = con.execute(
        "SELECT speaker, speaker_type, n_quotes, n_documents, longest_quote "
        "FROM quotes_by_speaker ORDER BY n_quotes DESC, speaker"
    ).fetchall()
    entities = con.execute(
        "SELECT e.name, e.entity_type, count(*), count(DISTINCT m.doc_id) FROM mentions AS m "
        "INNER JOIN entities AS e USING (entity_id) GROUP BY ALL ORDER BY 3 DESC, 1 LIMIT 2"
    ).fetchall()
    con.close()
    assert data.speakers == speakers
    assert data.top_entities == entities
