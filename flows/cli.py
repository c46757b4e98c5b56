"""The ``newsfacts`` command: run, sql, extract, serve, ui.

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
    "SELECT item_kind, item_type, surface, status, via FROM company_facts "
    "WHERE company = 'Sony' ORDER BY doc_id, char_start",
    "SELECT speaker, n_quotes, speaker_titles, longest_quote FROM quotes_by_speaker "
    "ORDER BY n_quotes DESC",
    "SELECT fact_type, surface, value, unit, status, subject FROM facts WHERE fact_type <> 'date'",
)


def _positive_mb(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of megabytes, got {value!r}") from None
    if number <= 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, got {value}")
    return number


def _extractor_name(value: str) -> str:
    from transforms.extraction import extractor_named

    if value == "all":
        return value
    try:
        extractor_named(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return value


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
    run.add_argument(
        "--reextract",
        action="append",
        type=_extractor_name,
        metavar="KIND",
        help="run an extractor again over every document already in the warehouse (entities, "
        "roles, quotes, sources, facts or a fact kind, events, or all); repeatable. Extractors "
        "whose rules changed are re-run automatically.",
    )

    _add_runner_option(run, with_dask=True)

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
    _add_scheduling_commands(commands)
    _add_maintenance_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "run":
            return command_run(args)
        if args.command == "sql":
            return command_sql(args)
        if args.command == "serve":
            return command_serve(args)
        if args.command == "ui":
            return command_ui(args)
        if args.command == "compact":
            return command_compact(args)
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
    parameters = validated_parameters(args)
    configure_prefect_environment()
    import os

    print(
        "Starting Prefect's embedded server (the first start on a machine can take ~30 s; "
        f"history kept in {os.environ['PREFECT_HOME']})...",
        flush=True,
    )
    from flows.lake import CorruptLakePart
    from flows.pipeline import RunError
    from flows.publish import PublishCheckFailed
    from flows.runners import (
        RunnerError,
        flow_for,
        prefect_api_for_workers,
        require_reachable_scheduler,
    )

    try:
        if parameters.dask_address:
            require_reachable_scheduler(parameters.dask_address)
        with prefect_api_for_workers(parameters):
            if parameters.runner == "dask":
                where = parameters.dask_address or (
                    f"a local cluster of {parameters.workers} worker processes"
                )
                print(f"Processing batches on Dask: {where}.", flush=True)
            summary = flow_for(parameters)(**parameters.flow_parameters())
    except (RunError, RunnerError, PublishCheckFailed, CorruptLakePart) as exc:
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
    for extractor, why in (s.get("reextracted") or {}).items():
        print(
            f"Re-extracted {extractor} for {s.get('documents_reextracted', 0)} existing "
            f"documents: {why}",
            file=out,
        )
    if s.get("report"):
        print(f"Report: {s['report']} (open it in a browser)", file=out)
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


# What `newsfacts sql` runs: queries. The connection is read-only, but COPY ... TO could still
# write a file where it may read (the lake), so statements are checked before they run.
QUERY_STATEMENTS = ("SELECT", "EXPLAIN")  # SELECT covers DESCRIBE, SHOW, SUMMARIZE, PRAGMA


def refuse_statements_that_write(con: Any, query: str) -> None:
    for statement in con.extract_statements(query):
        kind = statement.type.name
        if kind not in QUERY_STATEMENTS:
            raise CliError(
                f"{kind} statements are not run: the warehouse is read-only here and "
                "`newsfacts sql` runs queries (SELECT, WITH, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN)"
            )


def command_sql(args: argparse.Namespace) -> int:
    import duckdb

    from flows.publish import connect_reader

    database = (args.warehouse or default_warehouse()) / DB_FILE_NAME
    if not database.exists():
        raise CliError(f"no warehouse at {database}: run `newsfacts run` first")
    try:
        con = connect_reader(database)
    except duckdb.Error as exc:
        raise CliError(f"cannot open {database}: {exc}") from None
    try:
        refuse_statements_that_write(con, args.query)
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


# --- parameters, serve, ui ------------------------------------------------------------------


def _add_runner_option(command: argparse.ArgumentParser, with_dask: bool = False) -> None:
    command.add_argument(
        "--runner",
        choices=("thread", "sequential", "dask") if with_dask else ("thread", "sequential"),
        default="thread",
        help="thread: two batches at a time (default); sequential: one at a time, less memory"
        + ("; dask: on a Dask cluster (see --dask-address)" if with_dask else ""),
    )
    if with_dask:
        command.add_argument(
            "--dask-address",
            metavar="tcp://HOST:PORT",
            help="with --runner dask: the running Dask scheduler to send batches to (workers "
            "need newsfacts installed and the warehouse at the same path); default: a local "
            "cluster of 2 worker processes for this run",
        )


def _add_scheduling_commands(commands: Any) -> None:
    serve = commands.add_parser(
        "serve",
        help="run on a cron schedule, served to a running Prefect server (PREFECT_API_URL)",
        description="Register the deployment newsfacts-run/newsfacts-scheduled with the Prefect "
        "server at PREFECT_API_URL and run its scheduled (and manually triggered) runs until "
        "interrupted. Opens no port.",
    )
    serve.add_argument(
        "--cron",
        required=True,
        metavar="EXPR",
        help='cron schedule, e.g. "0 * * * *" for every hour on the hour',
    )
    serve.add_argument(
        "--timezone", metavar="TZ", help="IANA time zone the schedule is read in (default UTC)"
    )
    serve.add_argument(
        "paths", nargs="*", type=Path, help=f"files or folders (default: {SAMPLES_DIR})"
    )
    serve.add_argument(
        "--warehouse",
        type=Path,
        help="warehouse folder (default: $NEWSFACTS_WAREHOUSE or ./warehouse)",
    )
    serve.add_argument(
        "--name", default="newsfacts-scheduled", help="deployment name (default %(default)s)"
    )
    for option, default in (("--max-article-mb", 8.0), ("--max-file-mb", 4096.0)):
        serve.add_argument(
            option, type=_positive_mb, default=default, help="as for run (default %(default)g)"
        )
    serve.add_argument(
        "--batch-mb", type=_positive_mb, default=32.0, help="as for run (default %(default)g)"
    )
    _add_runner_option(serve)

    ui = commands.add_parser(
        "ui",
        help="start the Prefect server and UI with this project's run history",
        description="Run `prefect server start` with the PREFECT_HOME that `newsfacts run` uses, "
        "so the UI shows the history of every run, embedded or served.",
    )
    ui.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: loopback only)"
    )
    ui.add_argument("--port", type=int, default=4200, help="port (default %(default)s)")


# Run parameters as the command line spells them, for error messages.
CLI_OPTION_OF = {
    "paths": "PATH",
    "warehouse": "--warehouse",
    "max_article_bytes": "--max-article-mb",
    "max_file_bytes": "--max-file-mb",
    "batch_bytes": "--batch-mb",
    "reextract": "--reextract",
    "runner": "--runner",
    "dask_address": "--dask-address",
}


def validated_parameters(args: argparse.Namespace) -> Any:
    """The run parameters from the command line, as flows.parameters.RunParameters; a usage
    error (exit code 2) naming every problem otherwise."""
    from flows.parameters import ParameterError, validate_run_parameters

    paths: list[Path] = args.paths or [SAMPLES_DIR]
    try:
        return validate_run_parameters(
            paths=[str(p) for p in paths],
            warehouse=str(args.warehouse or default_warehouse()),
            full_refresh=getattr(args, "full_refresh", False),
            max_article_bytes=int(args.max_article_mb * 1024**2),
            max_file_bytes=int(args.max_file_mb * 1024**2),
            batch_bytes=int(args.batch_mb * 1024**2),
            reextract=getattr(args, "reextract", None),
            runner=args.runner,
            dask_address=getattr(args, "dask_address", None),
        )
    except ParameterError as exc:
        lines = [f"{CLI_OPTION_OF.get(name, name)}: {message}" for name, message in exc.problems]
        raise CliError("\n  ".join(lines), exit_code=2) from None


def command_serve(args: argparse.Namespace) -> int:
    parameters = validated_parameters(args)
    configure_prefect_environment()
    from flows.serve import ServeError, cron_schedule, require_server, serve

    if not args.name.strip() or any(c in args.name for c in "/%&<>"):
        raise CliError(f"--name cannot be empty or contain / % & < >: {args.name!r}", 2)
    try:
        schedule = cron_schedule(args.cron, args.timezone)
    except ServeError as exc:
        raise CliError(str(exc), exit_code=2) from None
    try:
        url = require_server()
    except ServeError as exc:
        raise CliError(str(exc)) from None
    print(
        f"Serving {args.name} on {url}: cron {args.cron!r} over "
        f"{', '.join(parameters.paths)} into {parameters.warehouse}. Ctrl-C stops (and pauses "
        "the schedule).",
        flush=True,
    )
    serve(parameters, schedule, name=args.name)
    return 0


def command_ui(args: argparse.Namespace) -> int:
    import os

    configure_prefect_environment()
    from flows.serve import ServeError, is_loopback, require_free_port, ui_command, ui_url

    if not 0 < args.port < 65536:
        raise CliError(f"--port must be between 1 and 65535, got {args.port}", exit_code=2)
    try:
        require_free_port(args.host, args.port)
    except ServeError as exc:
        raise CliError(str(exc)) from None
    if not is_loopback(args.host):
        print(
            f"warning: listening on {args.host}: the Prefect API and UI have no login; anyone "
            "who can reach this address can read run history and start runs.",
            file=sys.stderr,
        )
    url = ui_url(args.host, args.port)
    print(
        f"Prefect UI at {url} (history in {os.environ['PREFECT_HOME']}). To serve a schedule "
        f"against it: PREFECT_API_URL={url}/api newsfacts serve --cron EXPR. Ctrl-C stops.",
        flush=True,
    )
    # Become the server, so Ctrl-C and SIGTERM (a service manager) reach it directly.
    command = ui_command(args.host, args.port)
    os.execv(command[0], command)
    return 0  # not reached


if __name__ == "__main__":
    raise SystemExit(main())


# --- compact ----------------------------------------------------------------------------------


def _add_maintenance_commands(commands: Any) -> None:
    compact = commands.add_parser(
        "compact",
        help="delete lake files superseded by re-extraction, changed input or a full refresh",
        description="Delete the Parquet files of the lake that no run or publish will read "
        "again (see flows/compact.py). Waits for no one: it refuses while a run holds the "
        "warehouse. Readers are unaffected: they read the published DuckDB file.",
    )
    compact.add_argument("--warehouse", type=Path)
    compact.add_argument(
        "--dry-run", action="store_true", help="list what would be deleted, delete nothing"
    )


def command_compact(args: argparse.Namespace) -> int:
    from flows.compact import compact
    from flows.pipeline import RunError

    warehouse: Path = args.warehouse or default_warehouse()
    if not (warehouse / "lake").is_dir():
        raise CliError(f"no lake under {warehouse}: nothing to compact")
    try:
        result = compact(warehouse, dry_run=args.dry_run)
    except RunError as exc:
        raise CliError(str(exc)) from None
    verb = "would delete" if args.dry_run else "deleted"
    for path in result.removed:
        print(f"  {path.relative_to(warehouse)}")
    print(f"newsfacts compact: {verb} {len(result.removed)} file(s), {result.bytes / 1e6:.1f} MB")
    return 0
