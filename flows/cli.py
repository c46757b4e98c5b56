"""The ``newsfacts`` command: run, sql, extract.

``sql`` and ``extract`` never import Prefect, so they start in well under a second.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from flows.settings import (
    DB_FILE_NAME,
    SAMPLES_DIR,
    configure_prefect_environment,
    default_warehouse,
)

EXAMPLE_QUERIES = (
    "SELECT title, outlet, authors, n_words FROM documents ORDER BY source_path",
    "SELECT kind, count(*) AS lines, any_value(text) AS example FROM boilerplate "
    "GROUP BY kind ORDER BY lines DESC",
    "SELECT d.title, s.sentence_no, s.text FROM sentences s JOIN documents d USING (doc_id) "
    "WHERE s.text ILIKE '%billion%'",
)


def _positive_mb(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of megabytes, got {value!r}") from None
    if number <= 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, got {value}")
    return number


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {value!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsfacts", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="ingest new or changed files and publish the warehouse")
    run.add_argument(
        "paths", nargs="*", type=Path, help=f"files or folders (default: {SAMPLES_DIR})"
    )
    run.add_argument(
        "--warehouse",
        type=Path,
        help="warehouse folder (default: $NEWSFACTS_WAREHOUSE or ./warehouse)",
    )
    run.add_argument(
        "--full-refresh", action="store_true", help="ignore the ledger and rebuild everything"
    )
    run.add_argument(
        "--max-article-mb",
        type=_positive_mb,
        default=8.0,
        help="reject an article (.txt/.md/.html file or JSONL line) larger than this (default 8)",
    )
    run.add_argument(
        "--max-file-mb",
        type=_positive_mb,
        default=4096.0,
        help="reject any file larger than this (default 4096)",
    )
    run.add_argument(
        "--batch-mb", type=_positive_mb, default=32.0, help="input per Prefect task (default 32)"
    )

    sql = commands.add_parser("sql", help="query the published warehouse (read-only)")
    sql.add_argument("query")
    sql.add_argument("--format", choices=("table", "csv", "json"), default="table")
    sql.add_argument("--warehouse", type=Path)
    sql.add_argument(
        "--max-rows", type=int, default=100, help="rows shown in table format (default 100)"
    )

    extract = commands.add_parser(
        "extract", help="print the facts in a text, no warehouse involved"
    )
    extract.add_argument(
        "file", nargs="?", default="-", help="plain text or JSONL file, or - for stdin"
    )
    extract.add_argument(
        "--published", type=_iso_date, help="publication date (anchors relative dates)"
    )
    extract.add_argument(
        "--sentences", action="store_true", help="also print each sentence with its offsets"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "run":
            return command_run(args)
        if args.command == "sql":
            return command_sql(args)
        return command_extract(args)
    except CliError as exc:
        print(f"newsfacts {args.command}: {exc}", file=sys.stderr)
        return exc.exit_code


class CliError(Exception):
    def __init__(self, message: str, exit_code: int = 1):
        super().__init__(message)
        self.exit_code = exit_code


# --- run ------------------------------------------------------------------------------------


def command_run(args: argparse.Namespace) -> int:
    paths: list[Path] = args.paths or [SAMPLES_DIR]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise CliError("input path does not exist: " + ", ".join(missing), exit_code=2)
    warehouse: Path = args.warehouse or default_warehouse()
    configure_prefect_environment()
    import os

    print(
        "Starting Prefect's embedded server (the first start on a machine can take ~30 s; "
        f"history kept in {os.environ['PREFECT_HOME']})...",
        flush=True,
    )
    from flows.pipeline import RunError, newsfacts_flow
    from flows.publish import PublishCheckFailed

    try:
        summary = newsfacts_flow(
            paths=[str(p) for p in paths],
            warehouse=str(warehouse),
            full_refresh=args.full_refresh,
            max_article_bytes=int(args.max_article_mb * 1024**2),
            max_file_bytes=int(args.max_file_mb * 1024**2),
            batch_bytes=int(args.batch_mb * 1024**2),
        )
    except (RunError, PublishCheckFailed) as exc:
        raise CliError(str(exc)) from None
    print_run_summary(summary)
    return 0


def print_run_summary(summary: dict[str, Any], out: TextIO = sys.stdout) -> None:
    s = summary
    print(
        f"\nnewsfacts run {s['run_id']}: {s['files_seen']} files seen, {s['files_new']} new, "
        f"{s['files_changed']} changed, {s['files_skipped']} unchanged, "
        f"{s['files_rejected']} rejected; {s['documents_added']} documents and "
        f"{s.get('facts_added', 0)} facts added.",
        file=out,
    )
    print(f"Warehouse: {s['database']}", file=out)
    print("Rows: " + ", ".join(f"{t} {n}" for t, n in s["row_counts"].items()), file=out)
    print("\nTry (with .venv/bin on your PATH, or prefix .venv/bin/):", file=out)
    for query in EXAMPLE_QUERIES:
        print(f'  newsfacts sql "{query}"', file=out)


# --- sql ------------------------------------------------------------------------------------


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


def _cell(value: Any, width: int = 60) -> str:
    if value is None:
        return "NULL"
    text = (
        json.dumps(_jsonable(value), ensure_ascii=False)
        if isinstance(value, list | dict)
        else str(value)
    )
    text = text.replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


def format_table(columns: list[str], rows: list[tuple[Any, ...]]) -> str:
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    line = "-+-".join("-" * w for w in widths)
    out = [" | ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)), line]
    out += [" | ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in cells]
    return "\n".join(out)


def command_sql(args: argparse.Namespace) -> int:
    import duckdb

    database = (args.warehouse or default_warehouse()) / DB_FILE_NAME
    if not database.exists():
        raise CliError(f"no warehouse at {database}: run `newsfacts run` first")
    try:
        # Read-only, and no access to other files: a query can read the warehouse, nothing else.
        con = duckdb.connect(
            str(database), read_only=True, config={"enable_external_access": False}
        )
    except duckdb.Error as exc:
        raise CliError(f"cannot open {database}: {exc}") from None
    try:
        result = con.execute(args.query)
        columns = [d[0] for d in result.description or []]
        rows = result.fetchall()
    except duckdb.Error as exc:
        raise CliError(str(exc).strip()) from None
    finally:
        con.close()
    if args.format == "json":
        print(
            json.dumps(
                [dict(zip(columns, map(_jsonable, r), strict=True)) for r in rows],
                ensure_ascii=False,
                indent=1,
            )
        )
    elif args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(
            [json.dumps(_jsonable(v)) if isinstance(v, list | dict) else v for v in r] for r in rows
        )
    else:
        shown = rows[: args.max_rows]
        print(format_table(columns, shown))
        more = f", {args.max_rows} shown (--max-rows)" if len(rows) > len(shown) else ""
        print(f"({len(rows)} row{'s' if len(rows) != 1 else ''}{more})")
    return 0


# --- extract --------------------------------------------------------------------------------


def command_extract(args: argparse.Namespace) -> int:
    from flows.extract import extract_records, read_extract_input

    if args.file == "-":
        raw, name = sys.stdin.buffer.read(), "stdin"
    else:
        path = Path(args.file)
        if not path.is_file():
            raise CliError(f"no such file: {path}", exit_code=2)
        raw, name = path.read_bytes(), path.name
    try:
        records = read_extract_input(raw, name, args.published)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    for line in extract_records(records, sentences=args.sentences):
        print(json.dumps(line, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
