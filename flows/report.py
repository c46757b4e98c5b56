"""The run report: one self-contained HTML page per run, and the same numbers as Markdown.

``write_run_report`` writes ``<warehouse>/reports/<run_id>.html``: the run's counts, the
warehouse totals and charts (facts by type, top entities, dollar figures over time, rejected
input, check results) drawn as inline SVG by this module. The page needs no network (no
scripts, fonts or styles from elsewhere; reports are opened offline), and every piece of text
from the data is escaped: article text is hostile input. A Content-Security-Policy allows only
the page's own script, so even a missed escape could not run anything.

The one script counts the chart marks the browser actually drew and writes the count to
``<body data-chart-marks>``, so a headless browser can check the charts rendered.
``report_markdown`` gives the same numbers as tables for a Prefect markdown artifact.
"""

from __future__ import annotations

import base64
import hashlib
import html
import math
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb

from flows.lake import fsync_dir
from flows.publish import RUN_DUCKDB_CONFIG

REPORTS_DIR_NAME = "reports"
TOP_ENTITIES = 15
TOP_SPEAKERS = 10
TOP_DOLLAR_FIGURES = 10
REJECTED_ROWS_SHOWN = 50
RECENT_RUNS = 10
# Dollar figures of one month within a factor 10**(1/bins) of each other share one dot: 8 bins
# per decade (about a third apart) while that stays under MAX_MONEY_DOTS, then coarser, so a
# small warehouse shows nearly every figure and a large one a bounded number of marks.
BINS_PER_DECADE_CHOICES = (8, 4, 2, 1)
MAX_MONEY_DOTS = 1500
LABEL_CHARS = 28
QUOTE_CHARS = 160

# Tables counted in the warehouse totals, in reading order.
TOTAL_TABLES = (
    "documents",
    "sentences",
    "facts",
    "entities",
    "mentions",
    "quotes",
    "roles",
    "sources",
    "events",
    "files",
    "rejected_files",
    "runs",
)

# Relations an older warehouse may lack; their sections then say so instead of failing.
OPTIONAL_RELATIONS = frozenset({"money_facts", "quotes_by_speaker", "events"})

ENTITY_COLOURS = {
    "ORG": "#4e79a7",
    "PERSON": "#e15759",
    "LOCATION": "#59a14f",
    "PRODUCT": "#b07aa1",
}
OTHER_COLOUR = "#9c9c9c"
BAR_COLOUR = "#4e79a7"
REJECT_COLOUR = "#e8833a"
MONEY_COLOUR = "#2a9d8f"

NOTHING_YET = "Nothing yet"
SAFE_RUN_ID = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*")

# Counts the chart marks (elements of class "mark") the browser laid out with a nonzero size.
CHART_MARKS_SCRIPT = (
    "window.addEventListener('load', function () {"
    " var drawn = 0;"
    " document.querySelectorAll('svg .mark').forEach(function (mark) {"
    " var box = mark.getBBox(); if (box.width > 0 && box.height > 0) { drawn += 1; } });"
    " document.body.dataset.chartMarks = String(drawn); });"
)

CSS = """
:root { --ink: #1f2933; --muted: #616e7c; --line: #d9dee4; --card: #ffffff; --bg: #f3f5f7;
        --pass: #2f855a; --fail: #c53030; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
       font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
header { background: #1f2933; color: #fff; padding: 20px 32px; }
header h1 { margin: 0; font-size: 22px; }
header .sub { color: #cbd2d9; margin-top: 4px; font-family: ui-monospace, monospace; }
main { max-width: 1180px; margin: 0 auto; padding: 20px 24px 40px; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 8px;
          padding: 16px 20px; margin: 0 0 18px; }
section h2 { margin: 0 0 4px; font-size: 17px; }
.note { color: var(--muted); margin: 2px 0 10px; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 18px; }
.grid > section { margin: 0; }
.grid { margin-bottom: 18px; }
.tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(128px, 1fr)); gap: 10px;
         margin: 10px 0; }
.tile { border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; }
.tile .value { font-size: 20px; font-weight: 600; font-variant-numeric: tabular-nums; }
.tile .label { color: var(--muted); font-size: 12px; }
.tile.alert .value { color: var(--fail); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 6px 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 6px 0; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line);
         vertical-align: top; }
td { overflow-wrap: anywhere; min-width: 6em; }
th { color: var(--muted); font-weight: 600; font-size: 12px; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.current td { background: #fff8e1; }
.empty { color: var(--muted); font-style: italic; padding: 18px; text-align: center;
         border: 1px dashed var(--line); border-radius: 6px; margin: 8px 0; }
svg.chart { width: 100%; height: auto; display: block; }
svg.chart text { font: 12px system-ui, sans-serif; fill: var(--ink); }
svg.chart .axis-title { fill: var(--muted); }
svg.chart .tick { fill: var(--muted); font-size: 11px; }
svg.chart .grid-line { stroke: var(--line); }
svg.chart .axis { stroke: #9aa5b1; }
svg.chart .mark:hover { opacity: 0.8; }
details summary { cursor: pointer; color: var(--muted); margin-top: 6px; }
ul.checks { list-style: none; padding: 0; margin: 6px 0; columns: 2 300px; }
ul.checks li { padding: 3px 8px; border-radius: 4px; margin: 2px 0; break-inside: avoid; }
ul.checks li.pass::before { content: "\\2713  "; color: var(--pass); font-weight: 700; }
ul.checks li.fail { background: #fde8e8; color: var(--fail); font-weight: 600; }
ul.checks li.fail::before { content: "\\2717  "; font-weight: 700; }
.legend { display: flex; gap: 14px; flex-wrap: wrap; color: var(--muted); font-size: 12px; }
.legend .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px;
                  margin-right: 4px; vertical-align: -1px; }
.swatch.org { background: #4e79a7; } .swatch.person { background: #e15759; }
.swatch.location { background: #59a14f; } .swatch.product { background: #b07aa1; }
.swatch.other { background: #9c9c9c; }
footer { color: var(--muted); text-align: center; font-size: 12px; padding-bottom: 24px; }
"""


# ---------------------------------------------------------------------------------------------
# Data: everything the report shows, read once from the published warehouse.


@dataclass(frozen=True)
class MoneyDot:
    """Dollar figures of one publication month whose values fall in one log bin."""

    month: date
    n: int
    low: float
    high: float
    centre: float  # geometric mean of the figures
    example_surface: str | None
    example_title: str | None


@dataclass(frozen=True)
class ReportData:
    run_id: str
    run: dict[str, Any] | None
    totals: dict[str, int]
    published_first: datetime | None
    published_last: datetime | None
    facts_by_type: list[tuple[str, int, int]]  # fact_type, facts, of which from this run
    top_entities: list[tuple[str, str | None, int, int]]  # name, type, mentions, documents
    money_dots: list[MoneyDot]
    money_bins_per_decade: int
    money_months: list[tuple[date, int, float, float]]  # month, figures, smallest, largest
    usd_figures: int
    usd_undated: int
    top_dollar_figures: list[tuple[float, str | None, str | None, str | None, datetime | None]]
    rejected_by_reason: list[tuple[str, int]]
    rejected_rows: list[tuple[str | None, str | None, str | None, int | None, str]]
    rejected_total: int
    checks: list[tuple[str, int]]  # failing first, then by name
    speakers: list[tuple[str, str | None, int, int, str | None]]
    events_by_type: list[tuple[str, int, int]]  # event_type, events, documents
    recent_runs: list[dict[str, Any]]
    missing: frozenset[str]  # optional views or tables this warehouse lacks

    @property
    def chart_marks(self) -> int:
        """The marks the charts draw: what the page's script should count in a browser."""
        return (
            len(self.facts_by_type)
            + len(self.top_entities)
            + len(self.money_dots)
            + len(self.rejected_by_reason)
        )


@dataclass(frozen=True)
class DollarFigures:
    dots: list[MoneyDot]
    bins_per_decade: int
    months: list[tuple[date, int, float, float]]
    figures: int
    undated: int
    largest: list[tuple[float, str | None, str | None, str | None, datetime | None]]

    @classmethod
    def none(cls) -> DollarFigures:
        return cls([], BINS_PER_DECADE_CHOICES[0], [], 0, 0, [])


def _read_money(con: duckdb.DuckDBPyConnection) -> DollarFigures:
    # money_facts is an expensive view (it pairs adjacent figures): read it once.
    con.execute(
        "CREATE OR REPLACE TEMP TABLE report_usd AS SELECT fact_id, surface, subject, title, "
        "published_at, CAST(date_trunc('month', published_at) AS DATE) AS month, value_usd, "
        "log10(value_usd) AS magnitude FROM money_facts "
        "WHERE value_usd > 0 AND isfinite(value_usd)"
    )
    try:
        distinct_dots = ", ".join(
            f"count(DISTINCT (month, round(magnitude * {bins})))"
            for bins in BINS_PER_DECADE_CHOICES
        )
        counts = _rows(con, f"SELECT {distinct_dots} FROM report_usd WHERE month IS NOT NULL")[0]
        bins_per_decade = next(
            (
                b
                for b, n in zip(BINS_PER_DECADE_CHOICES, counts, strict=True)
                if n <= MAX_MONEY_DOTS
            ),
            BINS_PER_DECADE_CHOICES[-1],
        )
        dots = [
            MoneyDot(month, int(n), float(low), float(high), float(centre), surface, title)
            for month, n, low, high, centre, surface, title in _rows(
                con,
                "SELECT month, count(*), min(value_usd) AS low, max(value_usd), "
                "exp(avg(ln(value_usd))), arg_min(surface, fact_id), arg_min(title, fact_id) "
                "FROM report_usd WHERE month IS NOT NULL "
                f"GROUP BY month, round(magnitude * {bins_per_decade}) ORDER BY month, low",
            )
        ]
        months = [
            (month, int(n), float(low), float(high))
            for month, n, low, high in _rows(
                con,
                "SELECT month, count(*), min(value_usd), max(value_usd) FROM report_usd "
                "WHERE month IS NOT NULL GROUP BY month ORDER BY month",
            )
        ]
        figures, undated = _rows(
            con, "SELECT count(*), count(*) FILTER (month IS NULL) FROM report_usd"
        )[0]
        largest = [
            (float(value), surface, subject, title, published)
            for value, surface, subject, title, published in _rows(
                con,
                "SELECT value_usd, surface, subject, title, published_at FROM report_usd "
                "ORDER BY value_usd DESC, fact_id LIMIT ?",
                TOP_DOLLAR_FIGURES,
            )
        ]
    finally:
        con.execute("DROP TABLE IF EXISTS report_usd")
    return DollarFigures(dots, bins_per_decade, months, int(figures), int(undated), largest)


def _top_entities(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str | None, int, int]]:
    """The most mentioned entities with their mention and document counts. Distinct documents
    are counted only for the top entities, in a second query given their ids as a constant
    list: the filter then reaches the mentions scan (a join with the top list would not, and
    counting documents for every entity costs seconds on a big warehouse)."""
    top = _rows(
        con,
        "WITH counts AS (SELECT entity_id, count(*) AS n FROM mentions "
        "WHERE entity_id IS NOT NULL GROUP BY entity_id) "
        "SELECT c.entity_id, coalesce(e.name, e.entity_id) AS name, e.entity_type, c.n "
        "FROM counts AS c INNER JOIN entities AS e USING (entity_id) "
        "ORDER BY c.n DESC, name, c.entity_id LIMIT ?",
        TOP_ENTITIES,
    )
    if not top:
        return []
    documents = dict(
        _rows(
            con,
            "SELECT entity_id, count(DISTINCT doc_id) FROM mentions "
            "WHERE list_contains(?, entity_id) GROUP BY entity_id",
            [entity_id for entity_id, *_ in top],
        )
    )
    return [
        (str(name), kind, int(n), int(documents[entity_id])) for entity_id, name, kind, n in top
    ]


def _top_speakers(
    con: duckdb.DuckDBPyConnection,
) -> list[tuple[str, str | None, int, int, str | None]]:
    """The most quoted speakers, as ``quotes_by_speaker`` gives them. That view aggregates every
    speaker (a join with documents, the longest quotation of each): costly on a big warehouse.
    So the candidates come from counting the quotes table the way the view does, and the view
    is asked only for them (the filter on its grouping key reaches the quotes scan). The view
    counts quotes of published documents, never more than the raw count; when each candidate's
    count agrees, no other speaker can outrank them. Otherwise the whole view is read."""
    ranking = "ORDER BY n_quotes DESC, speaker LIMIT ?"
    candidates = _rows(
        con,
        "SELECT speaker, speaker_entity_id, count(*) AS n_quotes FROM quotes "
        "WHERE speaker IS NOT NULL AND quote_kind IS DISTINCT FROM 'scare' "
        f"GROUP BY speaker, speaker_entity_id {ranking}",
        TOP_SPEAKERS,
    )
    if not candidates:
        return []
    columns = "speaker, speaker_type, n_quotes, n_documents, longest_quote"
    rows = _rows(
        con,
        f"SELECT {columns}, speaker_entity_id FROM quotes_by_speaker "
        f"WHERE list_contains(?, speaker) {ranking}",
        list({speaker for speaker, _, _ in candidates}),
        TOP_SPEAKERS,
    )
    if sorted((s, e, n) for s, _, n, _, _, e in rows) != sorted(candidates):
        rows = _rows(con, f"SELECT {columns}, NULL FROM quotes_by_speaker {ranking}", TOP_SPEAKERS)
    return [(str(s), kind, int(n), int(d), quote) for s, kind, n, d, quote, _ in rows]


def _rows(con: duckdb.DuckDBPyConnection, sql: str, *params: object) -> list[tuple[Any, ...]]:
    return con.execute(sql, list(params)).fetchall()


def _relations(con: duckdb.DuckDBPyConnection) -> set[str]:
    tables = _rows(con, "SELECT table_name FROM duckdb_tables()")
    views = _rows(con, "SELECT view_name FROM duckdb_views() WHERE NOT internal")
    return {name for (name,) in tables + views}


def read_report_data(
    db_path: Path,
    run_id: str,
    checks: dict[str, int],
    row_counts: dict[str, int] | None = None,
) -> ReportData:
    """Read every number the report shows from the published warehouse (read-only);
    ``row_counts``: the table sizes, when the publisher already counted them."""
    con = duckdb.connect(str(db_path), read_only=True, config=RUN_DUCKDB_CONFIG)
    try:
        return _read(con, run_id, checks, row_counts)
    finally:
        con.close()


def _read(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    checks: dict[str, int],
    row_counts: dict[str, int] | None = None,
) -> ReportData:
    present = _relations(con)

    def rows_if(relation: str, sql: str, *params: object) -> list[tuple[Any, ...]]:
        # An older warehouse may lack a newer table or view: its section shows nothing yet.
        return _rows(con, sql, *params) if relation in present else []

    run = None
    run_result = con.execute("SELECT * FROM runs WHERE run_id = ?", [run_id])
    run_columns = [d[0] for d in run_result.description or []]
    run_row = run_result.fetchone()
    if run_row is not None:
        run = dict(zip(run_columns, run_row, strict=True))

    counted = row_counts or {}
    totals = {
        t: counted[t] if t in counted else int(_rows(con, f'SELECT count(*) FROM "{t}"')[0][0])
        for t in TOTAL_TABLES
        if t in present
    }
    published_first, published_last = _rows(
        con, "SELECT min(published_at), max(published_at) FROM documents"
    )[0]

    facts_by_type = [
        (str(kind), int(n), int(n_run))
        for kind, n, n_run in _rows(
            con,
            "SELECT coalesce(fact_type, '(none)'), count(*), count(*) FILTER (run_id = ?) "
            "FROM facts GROUP BY 1 ORDER BY 2 DESC, 1",
            run_id,
        )
    ]
    top_entities = _top_entities(con)

    money = _read_money(con) if "money_facts" in present else DollarFigures.none()

    rejected_by_reason = [
        (str(reason), int(n))
        for reason, n in _rows(
            con,
            "SELECT coalesce(reason, '(none)'), count(*) FROM rejected_files "
            "GROUP BY 1 ORDER BY 2 DESC, 1",
        )
    ]
    rejected_rows = [
        (path, reason, detail, line_no, str(rejected_run))
        for path, reason, detail, line_no, rejected_run in _rows(
            con,
            "SELECT path, reason, detail, line_no, run_id FROM rejected_files "
            "ORDER BY path, line_no NULLS FIRST, reason LIMIT ?",
            REJECTED_ROWS_SHOWN,
        )
    ]
    speakers = _top_speakers(con) if "quotes_by_speaker" in present else []
    events_by_type = [
        (str(kind), int(n), int(n_docs))
        for kind, n, n_docs in rows_if(
            "events",
            "SELECT coalesce(event_type, '(none)'), count(*), count(DISTINCT doc_id) "
            "FROM events GROUP BY 1 ORDER BY 2 DESC, 1",
        )
    ]
    recent_result = con.execute(
        "SELECT * FROM runs ORDER BY started_at DESC NULLS LAST, run_id DESC LIMIT ?",
        [RECENT_RUNS],
    )
    recent_columns = [d[0] for d in recent_result.description or []]
    recent_runs = [dict(zip(recent_columns, r, strict=True)) for r in recent_result.fetchall()]

    return ReportData(
        run_id=run_id,
        run=run,
        totals=totals,
        published_first=published_first,
        published_last=published_last,
        facts_by_type=facts_by_type,
        top_entities=top_entities,
        money_dots=money.dots,
        money_bins_per_decade=money.bins_per_decade,
        money_months=money.months,
        usd_figures=money.figures,
        usd_undated=money.undated,
        top_dollar_figures=money.largest,
        rejected_by_reason=rejected_by_reason,
        rejected_rows=rejected_rows,
        rejected_total=totals.get("rejected_files", 0),
        checks=sorted(checks.items(), key=lambda item: (item[1] == 0, item[0])),
        speakers=speakers,
        events_by_type=events_by_type,
        recent_runs=recent_runs,
        missing=frozenset(OPTIONAL_RELATIONS - present),
    )


# ---------------------------------------------------------------------------------------------
# Formatting shared by the HTML and the Markdown.


def _count(n: int | None) -> str:
    return "–" if n is None else f"{n:,}"


def _usd(value: float) -> str:
    if value >= 1e15:  # beyond trillions (usually a misread figure): keep the digits readable
        return f"${value / 1e12:,.0f}T"
    for threshold, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if value >= threshold:
            return f"${value / threshold:.3g}{suffix}"
    if value < 1:
        return f"${value:.2g}"
    return f"${value:,.2f}" if value != int(value) else f"${value:,.0f}"


def _when(moment: datetime | date | None) -> str:
    if moment is None:
        return "–"
    if isinstance(moment, datetime):
        return moment.strftime("%Y-%m-%d %H:%M:%S")
    return moment.isoformat()


def _month(month: date) -> str:
    return month.strftime("%b %Y")


def _duration(run: dict[str, Any]) -> str:
    started, finished = run.get("started_at"), run.get("finished_at")
    if not isinstance(started, datetime) or not isinstance(finished, datetime):
        return "–"
    seconds = max(0.0, (finished - started).total_seconds())
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, seconds = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min {seconds:02d} s"


def _shorten(text: str | None, limit: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _checks_summary(checks: list[tuple[str, int]]) -> str:
    if not checks:
        return "No data-quality checks were run."
    failing = sum(1 for _, n in checks if n)
    passed = len(checks) - failing
    return f"{passed} of {len(checks)} checks passed" + (
        f", {failing} failing." if failing else "."
    )


RUN_COUNTS = (
    ("files_seen", "files seen"),
    ("files_new", "files new"),
    ("files_changed", "files changed"),
    ("files_skipped", "files skipped"),
    ("files_rejected", "files rejected"),
    ("documents", "documents added"),
    ("facts", "facts added"),
)


# ---------------------------------------------------------------------------------------------
# HTML building blocks. Every string that reaches the page goes through ``_e``.


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _empty(message: str) -> str:
    return f'<div class="empty">{_e(NOTHING_YET)}: {_e(message)}</div>'


def _table(
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    numeric: Sequence[bool] | None = None,
    row_classes: Sequence[str] | None = None,
) -> str:
    numeric = numeric or [False] * len(headers)
    head = "".join(
        f'<th{" class=num" if num else ""} scope="col">{_e(h)}</th>'
        for h, num in zip(headers, numeric, strict=True)
    )
    body = []
    for index, row in enumerate(rows):
        cells = "".join(
            f"<td{' class=num' if num else ''}>{_e(cell)}</td>"
            for cell, num in zip(row, numeric, strict=True)
        )
        css = row_classes[index] if row_classes else ""
        body.append(f'<tr class="{_e(css)}">{cells}</tr>' if css else f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _data_table(
    headers: Sequence[str], rows: Sequence[Sequence[object]], numeric: list[bool]
) -> str:
    return f"<details><summary>Data</summary>{_table(headers, rows, numeric)}</details>"


def _section(title: str, note: str, body: str, section_id: str) -> str:
    note_html = f'<p class="note">{_e(note)}</p>' if note else ""
    return f'<section id="{section_id}"><h2>{_e(title)}</h2>{note_html}{body}</section>'


def _tile(label: str, value: str, alert: bool = False) -> str:
    css = "tile alert" if alert else "tile"
    return (
        f'<div class="{css}"><div class="value">{_e(value)}</div>'
        f'<div class="label">{_e(label)}</div></div>'
    )


def _num(x: float) -> str:
    """An SVG coordinate."""
    return f"{x:.1f}"


def _line(css: str, x1: float, y1: float, x2: float, y2: float) -> str:
    return f'<line class="{css}" x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}"/>'


def _nice_step(largest: float, ticks: int = 5) -> float:
    raw = max(largest, 1.0) / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * magnitude >= raw:
            return float(factor * magnitude)
    return 10.0 * magnitude


def _svg(chart_id: str, title: str, description: str, width: int, height: int, body: str) -> str:
    return (
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{_e(title)}</title>'
        f'<desc id="{chart_id}-desc">{_e(description)}</desc>{body}</svg>'
    )


def vertical_bar_chart(
    chart_id: str, title: str, items: Sequence[tuple[str, int]], y_title: str, x_title: str
) -> str:
    """Bars for a handful of categories, value above each bar."""
    width, height = 560, 300
    left, right, top, bottom = 60, 16, 24, 56
    plot_w, plot_h = width - left - right, height - top - bottom
    step = _nice_step(max(n for _, n in items))
    y_max = step * math.ceil(max(n for _, n in items) / step)
    parts = []
    tick = 0.0
    while tick <= y_max + 1e-9:
        y = top + plot_h - tick / y_max * plot_h
        parts.append(
            _line("grid-line", left, y, width - right, y)
            + f'<text class="tick" x="{left - 6}" y="{_num(y + 4)}" text-anchor="end">'
            f"{tick:,.0f}</text>"
        )
        tick += step
    band = plot_w / len(items)
    bar_w = min(64.0, band * 0.7)
    for index, (label, n) in enumerate(items):
        bar_h = max(1.0, n / y_max * plot_h)
        x = left + index * band + (band - bar_w) / 2
        y = top + plot_h - bar_h
        centre = x + bar_w / 2
        parts.append(
            f'<rect class="mark" x="{_num(x)}" y="{_num(y)}" width="{_num(bar_w)}" '
            f'height="{_num(bar_h)}" fill="{BAR_COLOUR}" rx="2">'
            f"<title>{_e(label)}: {n:,}</title></rect>"
            f'<text x="{_num(centre)}" y="{_num(y - 5)}" text-anchor="middle">{n:,}</text>'
            f'<text x="{_num(centre)}" y="{top + plot_h + 16}" text-anchor="middle">'
            f"{_e(_shorten(label, 14))}</text>"
        )
    parts.append(
        _line("axis", left, top + plot_h, width - right, top + plot_h)
        + f'<text class="axis-title" x="{left + plot_w / 2}" y="{height - 8}" text-anchor="middle">'
        f"{_e(x_title)}</text>"
        f'<text class="axis-title" transform="translate(14 {top + plot_h / 2}) rotate(-90)" '
        f'text-anchor="middle">{_e(y_title)}</text>'
    )
    description = "; ".join(f"{label}: {n:,}" for label, n in items)
    return _svg(chart_id, title, description, width, height, "".join(parts))


def horizontal_bar_chart(
    chart_id: str,
    title: str,
    items: Sequence[tuple[str, int, str, str]],  # label, value, colour, tooltip
    x_title: str,
) -> str:
    """One labelled row per item, longest bar first, value at the end of each bar."""
    row_h, label_w = 22, 190
    width, top, bottom, right = 560, 8, 34, 56
    plot_w = width - label_w - right
    height = top + row_h * len(items) + bottom
    largest = max(n for _, n, _, _ in items)
    parts = []
    for index, (label, n, colour, tooltip) in enumerate(items):
        y = top + index * row_h
        bar_w = max(1.0, n / largest * plot_w)
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end">'
            f"{_e(_shorten(label, LABEL_CHARS))}</text>"
            f'<rect class="mark" x="{label_w}" y="{y + 3}" width="{_num(bar_w)}" '
            f'height="{row_h - 6}" '
            f'fill="{_e(colour)}" rx="2"><title>{_e(tooltip)}</title></rect>'
            f'<text x="{_num(label_w + bar_w + 5)}" y="{y + 15}">{n:,}</text>'
        )
    axis_y = top + row_h * len(items)
    parts.append(
        f'<line class="axis" x1="{label_w}" x2="{label_w}" y1="{top}" y2="{axis_y}"/>'
        f'<text class="axis-title" x="{label_w + plot_w / 2}" y="{axis_y + 22}" '
        f'text-anchor="middle">{_e(x_title)}</text>'
    )
    description = "; ".join(f"{label}: {n:,}" for label, n, _, _ in items)
    return _svg(chart_id, title, description, width, height, "".join(parts))


def _month_index(month: date) -> int:
    return month.year * 12 + month.month - 1


def money_chart(chart_id: str, dots: Sequence[MoneyDot]) -> str:
    """Dollar figures by publication month on a log scale; a dot's area grows with its count."""
    width, height = 1100, 320
    left, right, top, bottom = 70, 20, 16, 52
    plot_w, plot_h = width - left - right, height - top - bottom
    first = min(_month_index(d.month) for d in dots)
    months = max(_month_index(d.month) for d in dots) - first + 1
    low_decade = math.floor(math.log10(min(d.low for d in dots)))
    high_decade = max(low_decade + 1, math.ceil(math.log10(max(d.high for d in dots))))
    decades = high_decade - low_decade

    def x_of(month: date) -> float:
        return left + (_month_index(month) - first + 0.5) * plot_w / months

    def y_of(value: float) -> float:
        return top + plot_h - (math.log10(value) - low_decade) / decades * plot_h

    parts = []
    decade_step = 1 if decades <= 8 else 2
    for decade in range(low_decade, high_decade + 1, decade_step):
        y = y_of(10.0**decade)
        parts.append(
            _line("grid-line", left, y, width - right, y)
            + f'<text class="tick" x="{left - 6}" y="{_num(y + 4)}" text-anchor="end">'
            f"{_usd(10.0**decade)}</text>"
        )
    for offset in range(months):
        year, month0 = divmod(first + offset, 12)
        month = date(year, month0 + 1, 1)
        label = _month(month) if months <= 12 else (str(year) if month0 == 0 else "")
        if offset == 0 and not label and month0 <= 6:  # room before the next year's label
            label = _month(month)
        if label:
            x = x_of(month)
            parts.append(
                f'<line class="axis" x1="{_num(x)}" x2="{_num(x)}" y1="{top + plot_h}" '
                f'y2="{top + plot_h + 4}"/>'
                f'<text class="tick" x="{_num(x)}" y="{top + plot_h + 17}" text-anchor="middle">'
                f"{_e(label)}</text>"
            )
    # Area grows with the count; a few figures per dot keep small dots (as for n - 1 <= 25).
    count_scale = max(max(d.n for d in dots) - 1, 25)
    for dot in dots:
        radius = 4.0 + 10.0 * math.sqrt((dot.n - 1) / count_scale)
        if dot.n == 1:
            tooltip = f"{_month(dot.month)}: {_usd(dot.centre)}"
            if dot.example_surface:
                tooltip += f" — “{dot.example_surface}”"
            if dot.example_title:
                tooltip += f" in {dot.example_title}"
        else:
            tooltip = f"{_month(dot.month)}: {dot.n:,} figures, {_usd(dot.low)} to {_usd(dot.high)}"
        parts.append(
            f'<circle class="mark" cx="{_num(x_of(dot.month))}" cy="{_num(y_of(dot.centre))}" '
            f'r="{_num(radius)}" fill="{MONEY_COLOUR}" fill-opacity="0.55" stroke="{MONEY_COLOUR}">'
            f"<title>{_e(tooltip)}</title></circle>"
        )
    parts.append(
        _line("axis", left, top + plot_h, width - right, top + plot_h)
        + f'<text class="axis-title" x="{left + plot_w / 2}" y="{height - 8}" text-anchor="middle">'
        "publication month</text>"
        f'<text class="axis-title" transform="translate(14 {top + plot_h / 2}) rotate(-90)" '
        'text-anchor="middle">US-dollar value (log scale)</text>'
    )
    description = (
        f"{sum(d.n for d in dots):,} dollar figures from {_month(dots[0].month)} "
        f"to {_month(dots[-1].month)}, from {_usd(min(d.low for d in dots))} "
        f"to {_usd(max(d.high for d in dots))}"
    )
    return _svg(chart_id, "Dollar figures over time", description, width, height, "".join(parts))


# ---------------------------------------------------------------------------------------------
# Sections.


def _header_section(data: ReportData) -> str:
    run = data.run
    if run is None:
        body = _empty(f"run {data.run_id} is not in this warehouse's runs table.")
    else:
        tiles = "".join(
            _tile(label, _count(run.get(key)), alert=key == "files_rejected" and bool(run.get(key)))
            for key, label in RUN_COUNTS
        )
        tiles += _tile("duration", _duration(run))
        inputs = ", ".join(str(p) for p in run.get("input_paths") or []) or "–"
        body = (
            f'<div class="tiles">{tiles}</div><dl class="facts">'
            f"<dt>started</dt><dd>{_e(_when(run.get('started_at')))} UTC</dd>"
            f"<dt>finished</dt><dd>{_e(_when(run.get('finished_at')))} UTC</dd>"
            f"<dt>status</dt><dd>{_e(run.get('status') or '–')}</dd>"
            f"<dt>full refresh</dt><dd>{'yes' if run.get('full_refresh') else 'no'}</dd>"
            f"<dt>input</dt><dd>{_e(inputs)}</dd>"
            f"<dt>extractors</dt><dd>{_e(run.get('extractor_version') or '–')}</dd></dl>"
        )
    return _section("This run", "", body, "run")


def _totals_section(data: ReportData) -> str:
    tiles = "".join(_tile(table.replace("_", " "), _count(n)) for table, n in data.totals.items())
    span = ""
    if data.published_first is not None:
        span = (
            f"Articles published from {_when(data.published_first)[:10]} "
            f"to {_when(data.published_last)[:10]}."
        )
    return _section(
        "Warehouse totals",
        "Rows in the published warehouse after this run. " + span,
        f'<div class="tiles">{tiles}</div>',
        "totals",
    )


def _facts_section(data: ReportData) -> str:
    if not data.facts_by_type:
        body = _empty("no facts in the warehouse.")
    else:
        body = vertical_bar_chart(
            "facts-by-type",
            "Facts by type",
            [(kind, n) for kind, n, _ in data.facts_by_type],
            "facts",
            "fact type",
        ) + _data_table(
            ["fact type", "facts", "from this run"],
            [(kind, f"{n:,}", f"{n_run:,}") for kind, n, n_run in data.facts_by_type],
            [False, True, True],
        )
    return _section("Facts by type", "All facts in the warehouse.", body, "facts")


def _entity_colour(kind: str | None) -> str:
    return ENTITY_COLOURS.get(kind or "", OTHER_COLOUR)


def _entities_section(data: ReportData) -> str:
    if not data.top_entities:
        body = _empty("no entity mentions in the warehouse.")
    else:
        kinds = sorted({kind or "other" for _, kind, _, _ in data.top_entities})
        legend = "".join(
            f'<span><span class="swatch {_e(kind.lower()) if kind in ENTITY_COLOURS else "other"}">'
            f"</span>{_e(kind)}</span>"
            for kind in kinds
        )
        chart = horizontal_bar_chart(
            "top-entities",
            f"Top {len(data.top_entities)} entities by mentions",
            [
                (
                    name,
                    n,
                    _entity_colour(kind),
                    f"{name} ({kind or 'no type'}): {n:,} mentions in {n_docs:,} documents",
                )
                for name, kind, n, n_docs in data.top_entities
            ],
            "mentions",
        )
        body = f'<div class="legend">{legend}</div>{chart}' + _data_table(
            ["entity", "type", "mentions", "documents"],
            [(n, k or "–", f"{m:,}", f"{d:,}") for n, k, m, d in data.top_entities],
            [False, False, True, True],
        )
    return _section(
        "Top entities",
        f"The {TOP_ENTITIES} most mentioned entities, colored by type.",
        body,
        "entities",
    )


def _missing(relation: str) -> str:
    return _empty(f"this warehouse has no {relation} (it was published by an older version).")


def _money_section(data: ReportData) -> str:
    if "money_facts" in data.missing:
        body = _missing("money_facts view")
    elif data.usd_figures == 0:
        body = _empty("no money figures with a US-dollar value.")
    elif not data.money_dots:
        body = (
            f'<div class="empty">{data.usd_figures:,} dollar figures, but no publication dates '
            "are known for their articles, so there is no time line to draw.</div>"
        )
    else:
        undated = ""
        if data.usd_undated:
            undated = (
                f'<p class="note">{data.usd_undated:,} further dollar figures come from articles '
                "without a publication date and are not shown.</p>"
            )
        body = (
            money_chart("money-over-time", data.money_dots)
            + undated
            + _data_table(
                ["month", "figures", "smallest", "largest"],
                [(_month(m), f"{n:,}", _usd(lo), _usd(hi)) for m, n, lo, hi in data.money_months],
                [False, True, True, True],
            )
        )
    if data.top_dollar_figures:
        body += "<h3>Largest dollar figures</h3>" + _table(
            ["US dollars", "as written", "subject", "article", "published"],
            [
                (_usd(v), s or "–", subj or "–", t or "–", _when(p)[:10])
                for v, s, subj, t, p in data.top_dollar_figures
            ],
            [True, False, False, False, False],
        )
    ratio = 10 ** (1 / data.money_bins_per_decade)
    return _section(
        "Dollar figures over time",
        "Money figures in US dollars (as stated in the article; never converted at a guessed "
        "rate) by the article's publication month. Figures of one month within a factor of "
        f"about {ratio:.2g} of each other share a dot; a bigger dot holds more figures.",
        body,
        "money",
    )


def _rejected_section(data: ReportData) -> str:
    if not data.rejected_by_reason:
        body = _empty("no rejected input.")
    else:
        chart = horizontal_bar_chart(
            "rejected-by-reason",
            "Rejected input by reason",
            [(r, n, REJECT_COLOUR, f"{r}: {n:,}") for r, n in data.rejected_by_reason],
            "rejections",
        )
        shown = len(data.rejected_rows)
        caption = (
            f"The first {shown} of {data.rejected_total:,}, by path."
            if data.rejected_total > shown
            else f"All {shown}, by path."
        )
        rows = [
            (
                p or "–",
                r or "–",
                d or "–",
                "" if ln is None else ln,
                "this run" if rr == data.run_id else rr,
            )
            for p, r, d, ln, rr in data.rejected_rows
        ]
        classes = ["current" if rr == data.run_id else "" for *_, rr in data.rejected_rows]
        body = (
            chart
            + f'<p class="note">{_e(caption)}</p>'
            + _table(
                ["path", "reason", "detail", "line", "rejected by run"],
                rows,
                [False, False, False, True, False],
                classes,
            )
        )
    return _section(
        "Rejected input",
        "Files (or JSONL lines) currently rejected, and why; a file fixed since is not listed.",
        body,
        "rejected",
    )


def _checks_section(data: ReportData) -> str:
    if not data.checks:
        body = _empty("no data-quality checks were run.")
    else:
        items = "".join(
            f'<li class="fail">{_e(name)}: {n:,} failing rows</li>'
            if n
            else f'<li class="pass">{_e(name)}</li>'
            for name, n in data.checks
        )
        body = f'<ul class="checks">{items}</ul>'
    return _section("Data-quality checks", _checks_summary(data.checks), body, "checks")


def _speakers_section(data: ReportData) -> str:
    if "quotes_by_speaker" in data.missing:
        body = _missing("quotes_by_speaker view")
    elif not data.speakers:
        body = _empty("no attributed quotations.")
    else:
        body = _table(
            ["speaker", "type", "quotes", "documents", "longest quotation"],
            [
                (
                    name,
                    kind or "–",
                    f"{n:,}",
                    f"{d:,}",
                    f"“{_shorten(q, QUOTE_CHARS)}”" if q else "–",
                )
                for name, kind, n, d, q in data.speakers
            ],
            [False, False, True, True, False],
        )
    return _section("Top quoted speakers", "", body, "speakers")


def _events_section(data: ReportData) -> str:
    if "events" in data.missing:
        body = _missing("events table")
    elif not data.events_by_type:
        body = _empty("no events.")
    else:
        body = _table(
            ["event type", "events", "documents"],
            [(kind, f"{n:,}", f"{d:,}") for kind, n, d in data.events_by_type],
            [False, True, True],
        )
    return _section("Events by type", "", body, "events")


def _runs_section(data: ReportData) -> str:
    if not data.recent_runs:
        body = _empty("no runs recorded.")
    else:
        body = _table(
            [
                "run",
                "started (UTC)",
                "duration",
                "seen",
                "new",
                "changed",
                "rejected",
                "documents",
                "facts",
            ],
            [
                (
                    r["run_id"],
                    _when(r.get("started_at")),
                    _duration(r),
                    *(
                        _count(r.get(k))
                        for k in (
                            "files_seen",
                            "files_new",
                            "files_changed",
                            "files_rejected",
                            "documents",
                            "facts",
                        )
                    ),
                )
                for r in data.recent_runs
            ],
            [False, False, True, True, True, True, True, True, True],
            ["current" if r["run_id"] == data.run_id else "" for r in data.recent_runs],
        )
    return _section("Recent runs", f"The last {RECENT_RUNS} runs, newest first.", body, "runs")


def _page(data: ReportData) -> str:
    script_hash = base64.b64encode(hashlib.sha256(CHART_MARKS_SCRIPT.encode()).digest()).decode()
    policy = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src 'sha256-{script_hash}'"
    )
    generated = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    sections = (
        f"{_header_section(data)}{_totals_section(data)}"
        f'<div class="grid">{_facts_section(data)}{_entities_section(data)}</div>'
        f"{_money_section(data)}"
        f'<div class="grid">{_rejected_section(data)}{_checks_section(data)}</div>'
        f'<div class="grid">{_speakers_section(data)}{_events_section(data)}</div>'
        f"{_runs_section(data)}"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_e(policy)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>newsfacts run {_e(data.run_id)}</title><style>{CSS}</style></head>"
        f'<body data-expected-chart-marks="{data.chart_marks}">'
        f'<header><h1>newsfacts run report</h1><div class="sub">{_e(data.run_id)}</div></header>'
        f"<main>{sections}</main>"
        f"<footer>Generated {_e(generated)} from the published warehouse. "
        "Self-contained: no network needed.</footer>"
        f"<script>{CHART_MARKS_SCRIPT}</script></body></html>\n"
    )


# ---------------------------------------------------------------------------------------------
# Markdown: the same numbers as tables.


def _md(value: object) -> str:
    """A Markdown table cell: escaped so data cannot inject markup or break the table."""
    text = " ".join(html.escape("" if value is None else str(value)).split())
    return text.replace("|", "\\|").replace("`", "\\`") or "–"


def _md_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _md_section(
    title: str, rows: Sequence[Sequence[object]], headers: Sequence[str], empty: str
) -> str:
    body = _md_table(headers, rows) if rows else f"_{NOTHING_YET}: {empty}_"
    return f"### {title}\n\n{body}"


def _markdown(data: ReportData) -> str:
    parts = [f"## newsfacts run `{_md(data.run_id)}`"]
    if data.run is None:
        parts.append(
            f"_{NOTHING_YET}: run {_md(data.run_id)} is not in this warehouse's runs table._"
        )
    else:
        run = data.run
        parts.append(
            _md_table(
                ["measure", "value"],
                [(label, _count(run.get(key))) for key, label in RUN_COUNTS]
                + [
                    ("duration", _duration(run)),
                    ("started (UTC)", _when(run.get("started_at"))),
                    ("finished (UTC)", _when(run.get("finished_at"))),
                ],
            )
        )
    parts.append(
        _md_section(
            "Warehouse totals",
            [(t, _count(n)) for t, n in data.totals.items()],
            ["table", "rows"],
            "empty warehouse.",
        )
    )
    parts.append(
        _md_section(
            "Facts by type",
            [(k, f"{n:,}", f"{r:,}") for k, n, r in data.facts_by_type],
            ["fact type", "facts", "from this run"],
            "no facts in the warehouse.",
        )
    )
    parts.append(
        _md_section(
            "Top entities",
            [(n, k or "–", f"{m:,}", f"{d:,}") for n, k, m, d in data.top_entities],
            ["entity", "type", "mentions", "documents"],
            "no entity mentions in the warehouse.",
        )
    )
    money = _md_section(
        "Dollar figures by publication month",
        [(_month(m), f"{n:,}", _usd(lo), _usd(hi)) for m, n, lo, hi in data.money_months],
        ["month", "figures", "smallest", "largest"],
        "no money figures with a US-dollar value."
        if data.usd_figures == 0
        else f"{data.usd_figures:,} dollar figures, but no publication dates are known.",
    )
    if data.usd_undated and data.money_months:
        money += f"\n\n{data.usd_undated:,} further dollar figures have no publication date."
    parts.append(money)
    parts.append(
        _md_section(
            "Rejected input by reason",
            [(r, f"{n:,}") for r, n in data.rejected_by_reason],
            ["reason", "rejections"],
            "no rejected input.",
        )
    )
    parts.append(
        _md_section(
            "Data-quality checks",
            [(name, "FAIL" if n else "pass", f"{n:,}") for name, n in data.checks],
            ["check", "result", "failing rows"],
            "no data-quality checks were run.",
        )
        + (f"\n\n{_checks_summary(data.checks)}" if data.checks else "")
    )
    parts.append(
        _md_section(
            "Top quoted speakers",
            [(s, k or "–", f"{n:,}", f"{d:,}") for s, k, n, d, _ in data.speakers],
            ["speaker", "type", "quotes", "documents"],
            "no attributed quotations.",
        )
    )
    parts.append(
        _md_section(
            "Events by type",
            [(k, f"{n:,}", f"{d:,}") for k, n, d in data.events_by_type],
            ["event type", "events", "documents"],
            "no events.",
        )
    )
    return "\n\n".join(parts) + "\n"


# ---------------------------------------------------------------------------------------------
# Public interface.


def render_report(db_path: Path, run_id: str, checks: dict[str, int]) -> str:
    """The run report as one self-contained HTML page."""
    return _page(read_report_data(db_path, run_id, checks))


def report_markdown(
    db_path: Path, run_id: str, checks: dict[str, int], data: ReportData | None = None
) -> str:
    """The report's numbers as Markdown tables, for a Prefect markdown artifact (``data``:
    numbers already read for the HTML report; reading them costs seconds on a big warehouse)."""
    return _markdown(data or read_report_data(db_path, run_id, checks))


def report_path(warehouse: Path, run_id: str) -> Path:
    if not SAFE_RUN_ID.fullmatch(run_id):
        raise ValueError(f"run id {run_id!r} is not a safe file name")
    return warehouse / REPORTS_DIR_NAME / f"{run_id}.html"


def write_run_report(
    warehouse: Path,
    db_path: Path,
    run_id: str,
    checks: dict[str, int],
    data: ReportData | None = None,
) -> Path:
    """Write ``<warehouse>/reports/<run_id>.html`` atomically and return its path (``data``:
    the numbers, if already read)."""
    target = report_path(warehouse, run_id)
    page = _page(data) if data else render_report(db_path, run_id, checks)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("w", encoding="utf-8") as handle:
            handle.write(page)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    fsync_dir(target.parent)
    return target
