"""The Prefect flow: plan -> process batches -> commit -> publish.

Tasks are batches of files (megabytes of text), never single articles: Prefect's per-task
overhead and its embedded server's throughput (~60 task runs/s) make per-article tasks slow
and lossy. All data passes between tasks through Parquet parts in the lake; tasks exchange
only small summaries.
"""

from __future__ import annotations

import fcntl
import json
import os
import threading
import time
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import polars as pl
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE

from flows import progress
from flows.faults import fault_point
from flows.lake import REEXTRACTION_MARK, CorruptLakePart, Lake, files_frame, new_run_id
from flows.parameters import ParameterError, validate_run_parameters
from flows.publish import PublishCheckFailed, publish
from flows.readers import FileRejected, Limits, file_sha256, read_file_chunks
from flows.report import read_report_data, report_markdown, write_run_report
from flows.runners import build_task_runner
from flows.settings import DB_FILE_NAME, storage_version
from flows.timing import StageClock, union_seconds
from transforms.documents import DOCUMENTS_VERSION, RAW_ARTICLES, build_documents
from transforms.extraction import (
    EXTRACTOR_TABLES,
    Extraction,
    extract_all,
    extractor_versions,
    extractors_to_rerun,
)
from transforms.schemas import (
    BOILERPLATE,
    DOCUMENTS,
    ENTITIES,
    EVENTS,
    FACTS,
    FILE_DOCUMENTS,
    FILES,
    MENTIONS,
    QUOTES,
    REJECTED_FILES,
    ROLES,
    RUNS,
    SENTENCES,
    SOURCES,
)
from transforms.sentences import SENTENCES_VERSION, split_sentences

EXTRACTOR_VERSION = ";".join(
    [f"documents:{DOCUMENTS_VERSION}", f"sentences@{SENTENCES_VERSION}"]
    + [f"{name}@{version}" for name, version in extractor_versions().items()]
)


# Parts of a batch extracted at once (see _BatchWriter). Each holds ~0.4 GB at its peak.
CHUNKS_IN_FLIGHT = 2
# ... and in the whole process: the thread runner runs two batches at once, and four
# extractions on two cores only cost memory (make bench, a file per article: peak RSS 1.34 ->
# 1.77 GB, and slower than the same text as one JSONL file).
_EXTRACTING = threading.BoundedSemaphore(CHUNKS_IN_FLIGHT)


class RunError(RuntimeError):
    """A run could not start; the message says why and what to do."""


@dataclass(frozen=True)
class InputFile:
    root: str  # absolute input root, as text (see printable_path)
    path: str  # relative to root, POSIX separators, as text
    size: int
    mtime_ns: int
    prior: dict[str, Any] | None  # the file's current ledger row, if it was seen before
    location: str = ""  # the real file system path (may hold undecodable bytes)
    rejection: str | None = None  # a reason to reject it unread (e.g. symlink_outside_root)


def printable_path(path: str) -> str:
    """A file name as UTF-8 text for the tables: bytes that are not UTF-8 (kept by Python as
    surrogates) become \\xNN escapes instead of failing every write."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


@dataclass
class BatchResult:
    files_new: int = 0
    files_changed: int = 0
    files_unchanged: int = 0
    files_rejected: int = 0
    articles: int = 0
    facts: int = 0
    new_doc_ids: set[str] = field(default_factory=set)
    clock: StageClock = field(default_factory=StageClock)


@dataclass(frozen=True)
class RunSummary:
    run_id: str
    warehouse: str
    database: str
    files_seen: int
    files_new: int
    files_changed: int
    files_skipped: int
    files_rejected: int
    documents_added: int
    facts_added: int
    row_counts: dict[str, int]
    report: str | None  # warehouse/reports/<run_id>.html, None if it could not be written
    reextracted: dict[str, str]  # extractor -> why it ran again over existing documents
    documents_reextracted: int
    # Where the time went (flows/timing.py): seconds per stage summed over tasks; the flow's
    # wall time; the union of task bodies' busy time; the rest (flow - busy) is orchestration.
    stage_seconds: dict[str, float]
    flow_seconds: float
    task_seconds: float
    orchestration_seconds: float


# --- planning -------------------------------------------------------------------------------


SYMLINK_OUTSIDE_ROOT = "symlink_outside_root"


def _scan(
    directory: str, prefix: str, real_root: Path
) -> Iterator[tuple[str, str, os.DirEntry[str], str | None]]:
    """(path relative to the input root, location, entry, rejection) for the regular files
    under ``directory``, in os.walk's top-down order: a folder's escaping linked folders, its
    files, then its sub-folders, each sorted by name; hidden entries skipped. One ``scandir``
    per folder: the entry's type comes from it, so a plain file costs a single stat."""
    try:
        with os.scandir(directory) as listing:
            entries = sorted((e for e in listing if not e.name.startswith(".")), key=_name)
    except OSError:  # an unreadable folder is skipped, as os.walk does
        return
    folders: list[os.DirEntry[str]] = []
    files: list[os.DirEntry[str]] = []
    for entry in entries:
        try:
            is_folder = entry.is_dir()  # follows a link, as os.walk does
        except OSError:
            is_folder = False
        (folders if is_folder else files).append(entry)
    for entry in folders:  # a linked folder is never descended into: say so if it escapes
        if entry.is_symlink() and not _inside(entry.path, real_root):
            yield prefix + entry.name, entry.path, entry, SYMLINK_OUTSIDE_ROOT
    for entry in files:
        if entry.is_symlink() and not _inside(entry.path, real_root):
            yield prefix + entry.name, entry.path, entry, SYMLINK_OUTSIDE_ROOT
            continue
        try:
            if not entry.is_file():  # FIFOs, sockets, broken links: reading could hang
                continue
        except OSError:
            continue
        yield prefix + entry.name, entry.path, entry, None
    for entry in folders:
        if not entry.is_symlink():
            yield from _scan(entry.path, prefix + entry.name + "/", real_root)


def _name(entry: os.DirEntry[str]) -> str:
    return entry.name


def _inside(path: str, real_root: Path) -> bool:
    return Path(path).resolve().is_relative_to(real_root)


def discover(paths: list[Path]) -> list[tuple[Path, str, Path, str | None]]:
    """(absolute input root, path relative to it, file, rejection) for every file under the
    paths."""
    return [
        (Path(root), rel, Path(location), rejection)
        for root, rel, location, _, rejection in _discover_entries(paths)
    ]


def _discover_entries(
    paths: list[Path],
) -> Iterator[tuple[str, str, str, os.DirEntry[str] | None, str | None]]:
    """(absolute input root, path relative to it, location, entry, rejection) for every file
    under the paths (entry None for a file given by name)."""
    for given in paths:
        if given.is_dir():
            root = given.resolve()
            for rel, location, entry, rejection in _scan(str(given), "", root):
                yield str(root), rel, location, entry, rejection
        elif given.is_file():
            yield str(given.resolve().parent), given.name, str(given), None, None
        else:
            raise RunError(f"input path does not exist: {given}")


def _stat(location: str, entry: os.DirEntry[str] | None, link_itself: bool) -> os.stat_result:
    if entry is None:
        return os.lstat(location) if link_itself else os.stat(location)
    return entry.stat(follow_symlinks=not link_itself)


@task(name="plan-inputs", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def plan_inputs(
    paths: list[str], warehouse: str, full_refresh: bool, reextract: list[str] | None = None
) -> dict[str, Any]:
    """Find input files and compare each with the ledger (size and mtime first: cheap), and
    decide which extractors must run again over the documents already in the lake."""
    started = time.time()
    lake = Lake(Path(warehouse))
    runs = lake.committed_runs()
    run_ids = [] if full_refresh else lake.effective_run_ids(runs)
    document_parts = [p.stem for p in lake.parts(DOCUMENTS.name, run_ids)]
    rerun: dict[str, str] = {}
    if document_parts:
        latest = runs.filter(pl.col("run_id") == run_ids[-1])["extractor_versions"][0]
        previous = json.loads(latest) if latest else None
        rerun = extractors_to_rerun(previous, extractor_versions(), tuple(reextract or ()))
    # Columns of what was found; the ledger is then matched in one join, not row by row.
    roots: list[str] = []
    rels: list[str] = []
    sizes: list[int] = []
    mtimes: list[int] = []
    found: list[tuple[str, str | None]] = []  # (location, rejection), in `rels` order
    printable_roots: dict[str, str] = {}
    for root, rel, location, entry, rejection in _discover_entries([Path(p) for p in paths]):
        try:
            # An escaping symlink is judged by the link itself: its target is never touched.
            stat = _stat(location, entry, link_itself=rejection is not None)
            size, mtime = stat.st_size, stat.st_mtime_ns
        except OSError:
            size, mtime = -1, -1
        if root not in printable_roots:
            printable_roots[root] = printable_path(root)
        roots.append(printable_roots[root])
        rels.append(rel if rel.isascii() else printable_path(rel))
        sizes.append(size)
        mtimes.append(mtime)
        found.append((location, rejection))
    files = (
        pl.DataFrame(
            {"input_root": roots, "path": rels, "size_bytes": sizes, "mtime_ns": mtimes},
            schema={
                "input_root": pl.String,
                "path": pl.String,
                "size_bytes": pl.Int64,
                "mtime_ns": pl.Int64,
            },
        )
        .with_row_index("found_no")
        # the same file reached through two of the given paths counts once
        .unique(["input_root", "path"], keep="first", maintain_order=True)
    )
    ledger = lake.ledger(run_ids)
    unchanged = files.join(
        ledger.select("input_root", "path", "size_bytes", "mtime_ns"),
        on=["input_root", "path", "size_bytes", "mtime_ns"],
        how="semi",
    )
    changed = files.join(unchanged.select("found_no"), on="found_no", how="anti").sort("found_no")
    priors = {
        (r["input_root"], r["path"]): r
        for r in ledger.join(changed.select("input_root", "path"), on=["input_root", "path"])
        .select(ledger.columns)
        .iter_rows(named=True)
    }
    todo: list[InputFile] = []
    for found_no, root, rel, size, mtime in changed.iter_rows():
        location, rejection = found[found_no]
        prior = priors.get((root, rel))
        todo.append(InputFile(root, rel, size, mtime, prior, str(Path(location)), rejection))
    seen = files.height
    skipped = unchanged.height
    return {
        "files_seen": seen,
        "files_skipped_by_stat": skipped,
        "todo": todo,
        "known_doc_ids": lake.known_doc_ids(run_ids),
        "reextract": rerun,
        "reextract_parts": document_parts if rerun else [],
        "busy": (started, time.time()),
    }


def make_batches(files: list[InputFile], batch_bytes: int) -> list[list[InputFile]]:
    batches: list[list[InputFile]] = []
    current: list[InputFile] = []
    size = 0
    for f in files:
        if current and size + max(f.size, 0) > batch_bytes:
            batches.append(current)
            current, size = [], 0
        current.append(f)
        size += max(f.size, 0)
    if current:
        batches.append(current)
    return batches


# --- processing -----------------------------------------------------------------------------


class _BatchWriter:
    """Buffers articles across the files of a batch and writes them as Parquet parts."""

    def __init__(
        self, lake: Lake, run_id: str, batch_no: int, known: AbstractSet[str], limits: Limits
    ):
        self.lake, self.run_id, self.batch_no = lake, run_id, batch_no
        # Documents already in the lake, as a Series built once (a flush tests every article).
        self.known = pl.Series("doc_id", list(known), dtype=pl.String)
        self.limits = limits
        self.buffer: list[dict[str, Any]] = []
        self.buffer_bytes = 0
        self.flushes = 0
        self.file_docs: list[pl.DataFrame] = []
        self.rejections: list[dict[str, Any]] = []
        self.result = BatchResult()
        # Chunks are extracted on a small pool while this thread reads and normalises the
        # next one: one extraction keeps ~1.4 of 2 cores busy (much of polars' work on one
        # column is single-threaded), two at once nearly both.
        self.pool = ThreadPoolExecutor(CHUNKS_IN_FLIGHT, thread_name_prefix="extract")
        self.pending: list[Future[int]] = []

    @property
    def batch_part(self) -> str:
        return f"{self.run_id}__b{self.batch_no:05d}"

    def add(
        self, articles: list[dict[str, Any]], text_bytes: int, file: InputFile, content_hash: str
    ) -> None:
        for article in articles:
            article.update(source_path=file.path, input_root=file.root, content_hash=content_hash)
        self.buffer += articles
        self.buffer_bytes += text_bytes
        self.result.articles += len(articles)
        if self.buffer_bytes >= self.limits.chunk_bytes:
            self.flush()

    def reject(
        self,
        root: str,
        path: str,
        content_hash: str | None,
        reason: str,
        detail: str,
        line_no: int | None = None,
    ) -> None:
        self.rejections.append(
            {
                "run_id": self.run_id,
                "path": path,
                "reason": reason,
                "detail": detail,
                "line_no": line_no,
                "input_root": root,
                "content_hash": content_hash,
            }
        )

    def flush(self) -> None:
        if not self.buffer:
            return
        part_id = f"{self.batch_part}-{self.flushes:04d}"
        self.flushes += 1
        raw = pl.DataFrame(
            [{**a, "part_id": part_id} for a in self.buffer],
            schema={**RAW_ARTICLES, "input_root": pl.String(), "content_hash": pl.String()},
        )
        self.buffer, self.buffer_bytes = [], 0
        clock = self.result.clock
        with clock.stage("normalise"):
            built = build_documents(raw.select(RAW_ARTICLES.names()), self.run_id)
        origin = (
            raw.select("source_path", "ordinal", "input_root", "content_hash")
            .with_row_index("doc_key")
            .with_columns(pl.col("doc_key").cast(pl.Int64))
        )
        self.file_docs.append(
            built.file_documents.join(origin, on="doc_key", how="left").rename(
                {"source_path": "path"}
            )
        )
        for row in built.empty.join(origin.drop("source_path"), on="doc_key", how="left").iter_rows(
            named=True
        ):
            line = row["source_line"]
            self.reject(
                row["input_root"],
                row["source_path"],
                row["content_hash"],
                "no_text",
                "nothing but boilerplate" + (f" on line {line}" if line else ""),
                line,
            )
        ids = built.documents["doc_id"]
        fresh = ~(ids.is_in(self.known) | ids.is_in(list(self.result.new_doc_ids)))
        documents = built.documents.filter(fresh).unique(
            "doc_id", keep="first", maintain_order=True
        )
        if documents.is_empty():
            return
        self.result.new_doc_ids |= set(documents["doc_id"].to_list())
        keep = documents.select("doc_id")
        boilerplate = built.boilerplate.join(keep, on="doc_id", how="semi")
        # Bounded: at most CHUNKS_IN_FLIGHT chunks extracting, plus the one being read.
        self._collect_pending(keep=CHUNKS_IN_FLIGHT - 1)
        self.pending.append(self.pool.submit(self._extract_part, documents, boilerplate, part_id))

    def _extract_part(
        self, documents: pl.DataFrame, boilerplate: pl.DataFrame, part_id: str
    ) -> int:
        """Write one part's documents, sentences and extracted rows; returns its facts."""
        with _EXTRACTING:
            return self._write_part(documents, boilerplate, part_id)

    def _write_part(self, documents: pl.DataFrame, boilerplate: pl.DataFrame, part_id: str) -> int:
        clock = self.result.clock
        with clock.stage("parquet"):
            self.lake.write(DOCUMENTS, documents, part_id)
            self.lake.write(BOILERPLATE, boilerplate, part_id)
        with clock.stage("segment"):
            sentences = split_sentences(documents.lazy()).collect()
        with clock.stage("parquet"):
            self.lake.write(SENTENCES, sentences.with_columns(part_id=pl.lit(part_id)), part_id)
        fault_point("pipeline.extract")
        extracted = extract_all(
            documents, sentences, boilerplate, step=lambda name: clock.stage(f"extract.{name}")
        )
        with clock.stage("parquet"):
            write_extraction(self.lake, extracted, self.run_id, part_id)
        return extracted.facts.height

    def _collect_pending(self, keep: int = 0) -> None:
        """Wait for the oldest parts until at most ``keep`` are in flight (a part's error is
        raised here, in the batch's thread)."""
        while len(self.pending) > keep:
            self.result.facts += self.pending.pop(0).result()

    def finish(self) -> None:
        """Flush what is buffered and wait until every part is written. A last chunk with no
        other part in flight is written as two parts, so that both cores extract it."""
        if not self.pending and self.buffer_bytes >= 2 * self.limits.min_split_bytes:
            # Halves by article count: deterministic, and even enough for news articles.
            half = len(self.buffer) // 2
            rest, self.buffer = self.buffer[half:], self.buffer[:half]
            self.flush()
            self.buffer = rest
        self.flush()
        self._collect_pending()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def write_extraction(
    lake: Lake,
    extracted: Extraction,
    run_id: str,
    part_id: str,
    *,
    file_id: str | None = None,
    tables: set[str] | None = None,
) -> None:
    """Write the extracted tables of one document part to the lake (``tables``: only these).

    Rows carry the documents' ``part_id`` (publishing pairs them with that copy of each
    document); the file is named ``file_id`` (default: the part id itself)."""
    file_id = file_id or part_id
    frames = (
        (FACTS, extracted.facts.with_columns(run_id=pl.lit(run_id))),
        (MENTIONS, extracted.mentions),
        (ROLES, extracted.roles),
        (QUOTES, extracted.quotes),
        (SOURCES, extracted.sources),
        (EVENTS, extracted.events),
    )
    for table, rows in frames:
        if tables is None or table.name in tables:
            lake.write(table, rows.with_columns(part_id=pl.lit(part_id)), file_id)
    if tables is None or ENTITIES.name in tables:
        lake.write(ENTITIES, extracted.entities, file_id)


@task(name="reextract-part", retries=2, retry_delay_seconds=2, cache_policy=NO_CACHE)
def reextract_part(
    part_id: str, run_id: str, warehouse: str, extractors: list[str]
) -> tuple[int, StageClock]:
    """Run the extractors again over one committed part of documents already in the lake
    (their rules changed): no input is re-read. Returns the documents re-extracted."""
    clock = StageClock()
    with clock.working():
        lake = Lake(Path(warehouse))
        with clock.stage("read"):
            documents = pl.read_parquet(lake.table_dir(DOCUMENTS.name) / f"{part_id}.parquet")
            sentences = lake.read_part(SENTENCES, part_id).drop("part_id")
            boilerplate = lake.read_part(BOILERPLATE, part_id)
        extracted = extract_all(
            documents, sentences, boilerplate, step=lambda name: clock.stage(f"extract.{name}")
        )
        tables = {t for e in extractors for t in EXTRACTOR_TABLES[e]}
        with clock.stage("parquet"):
            write_extraction(
                lake,
                extracted,
                run_id,
                part_id,
                file_id=f"{run_id}{REEXTRACTION_MARK}{part_id}",
                tables=tables,
            )
    get_run_logger().info(
        "re-extracted %s for %d documents of part %s",
        ", ".join(extractors),
        documents.height,
        part_id,
    )
    return documents.height, clock


def _advancing(files: list[InputFile], run_id: str) -> Iterator[InputFile]:
    """The files, moving the run's progress display on as each one is done with."""
    for file in files:
        yield file
        display = progress.for_run(run_id)
        if display is not None:
            display.advance(files=1, nbytes=file.size)


@task(name="process-batch", retries=2, retry_delay_seconds=2, cache_policy=NO_CACHE)
def process_batch(
    batch_no: int,
    files: list[InputFile],
    run_id: str,
    warehouse: str,
    limits: Limits,
    known_doc_ids: AbstractSet[str],
) -> BatchResult:
    """Read, normalise and split every file of the batch; write its Parquet parts."""
    writer = _BatchWriter(Lake(Path(warehouse)), run_id, batch_no, known_doc_ids, limits)
    try:
        with writer.result.clock.working():
            _ingest_batch(writer, files, get_run_logger())
    finally:
        writer.close()
    return writer.result


def _ingest_batch(writer: _BatchWriter, files: list[InputFile], logger: Any) -> None:
    run_id, limits, lake, clock = writer.run_id, writer.limits, writer.lake, writer.result.clock
    ledger_rows: list[dict[str, Any]] = []
    total_bytes = 0
    for file in _advancing(files, run_id):
        location = Path(file.location or Path(file.root) / file.path)
        row: dict[str, Any] = {
            "path": file.path,
            "input_root": file.root,
            "size_bytes": file.size,
            "mtime_ns": file.mtime_ns,
            "run_id": run_id,
            "n_documents": 0,
            "n_rejected": 0,
        }
        if file.rejection:
            writer.reject(
                file.root,
                file.path,
                None,
                file.rejection,
                "a symlink to a file or folder outside the input root: not followed",
            )
            writer.result.files_rejected += 1
            ledger_rows.append({**row, "status": "rejected", "content_hash": None})
            continue
        try:
            # Hashed first (one streaming pass, ~1 GB/s): a touched but unchanged file is
            # skipped without parsing, and every article carries its file's hash.
            with clock.stage("read"):
                content_hash = file_sha256(location)
        except OSError as exc:
            writer.reject(
                file.root,
                file.path,
                None,
                "unreadable",
                f"{type(exc).__name__}: {exc.strerror or exc}",
            )
            writer.result.files_rejected += 1
            ledger_rows.append({**row, "status": "rejected", "content_hash": None})
            continue
        total_bytes += max(file.size, 0)
        fault_point("pipeline.file_read")
        prior = file.prior
        if prior is not None and prior["content_hash"] == content_hash:
            # Touched but not changed: remember the new mtime so it is not hashed again.
            writer.result.files_unchanged += 1
            ledger_rows.append(
                {**prior, "size_bytes": file.size, "mtime_ns": file.mtime_ns, "run_id": run_id}
            )
            continue
        if prior is None:
            writer.result.files_new += 1
        else:
            writer.result.files_changed += 1
        row["content_hash"] = content_hash
        n_articles = n_rejected = 0
        encodings: set[str] = set()
        try:
            # Streamed: a big JSONL file is never in memory whole (flows/readers.py).
            chunks = read_file_chunks(location, file.path, limits)
            for chunk in clock.timed_iteration(chunks, "read"):
                for rejection in chunk.rejections:
                    writer.reject(
                        file.root,
                        file.path,
                        content_hash,
                        rejection.reason,
                        rejection.detail,
                        rejection.line_no,
                    )
                n_rejected += len(chunk.rejections)
                n_articles += len(chunk.articles)
                encodings |= {a["source_encoding"] for a in chunk.articles}
                writer.add(chunk.articles, chunk.text_bytes, file, content_hash)
        except FileRejected as rejected:
            writer.reject(
                file.root,
                file.path,
                content_hash,
                rejected.rejection.reason,
                rejected.rejection.detail,
            )
            writer.result.files_rejected += 1
            ledger_rows.append({**row, "status": "rejected", "n_rejected": 1})
            continue
        ledger_rows.append(
            {
                **row,
                "status": "ingested",
                "encoding": ", ".join(sorted(encodings)) or None,
                "n_documents": n_articles,
                "n_rejected": n_rejected,
            }
        )
    writer.finish()
    fault_point("pipeline.batch_flushed")
    with clock.stage("parquet"):
        # The ledger is written after the documents: a crash in between re-reads the files.
        if writer.file_docs:
            lake.write(
                FILE_DOCUMENTS,
                pl.concat(writer.file_docs).with_columns(run_id=pl.lit(run_id)),
                writer.batch_part,
            )
        lake.write(
            REJECTED_FILES,
            pl.DataFrame(writer.rejections, schema=REJECTED_FILES.polars_schema()),
            writer.batch_part,
        )
        lake.write(FILES, files_frame(ledger_rows), writer.batch_part)
    logger.info(
        "batch %d: %d files, %.1f MB, %d articles, %d new documents",
        writer.batch_no,
        len(files),
        total_bytes / 1e6,
        writer.result.articles,
        len(writer.result.new_doc_ids),
    )


# --- commit and publish ---------------------------------------------------------------------


@task(name="commit-run", retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def commit_run(warehouse: str, row: dict[str, Any]) -> tuple[float, float]:
    """Write the run's row: from now on its parts are part of the lake. Returns when it was
    busy (flows/timing.py)."""
    started = time.time()
    Lake(Path(warehouse)).write(
        RUNS, pl.DataFrame([row], schema=RUNS.polars_schema()), row["run_id"]
    )
    return started, time.time()


def _retry_unless_checks_failed(task: Any, task_run: Any, state: Any) -> bool:
    """Retry I/O trouble; a failed data-quality check fails the same way every time."""
    try:
        state.result()
    except (PublishCheckFailed, CorruptLakePart):
        return False
    except Exception:
        return True
    return True


@task(
    name="publish-warehouse",
    retries=2,
    retry_delay_seconds=2,
    retry_condition_fn=_retry_unless_checks_failed,
    cache_policy=NO_CACHE,
)
def publish_warehouse(warehouse: str, run_id: str, check_all: bool) -> dict[str, Any]:
    started = time.time()
    published = publish(
        Path(warehouse),
        Lake(Path(warehouse)),
        run_id,
        storage_version(),
        checked_runs=None if check_all else {run_id},
    )
    return {
        "database": str(published.path),
        "row_counts": published.row_counts,
        "checks": published.checks,
        "busy": (started, time.time()),
    }


@task(name="write-run-report", cache_policy=NO_CACHE)
def write_report(
    warehouse: str,
    run_id: str,
    checks: dict[str, int],
    row_counts: dict[str, int] | None = None,
) -> str | None:
    """The run's HTML report (warehouse/reports/<run_id>.html) and a markdown artifact, read
    from the published warehouse. A report that cannot be written is logged, not fatal: the
    data is already published."""
    logger = get_run_logger()
    database = Path(warehouse) / DB_FILE_NAME
    if not database.exists():
        logger.warning("no published warehouse to report on")
        return None
    try:
        data = read_report_data(database, run_id, checks, row_counts)  # read once for both
        path = write_run_report(Path(warehouse), database, run_id, checks, data)
        create_markdown_artifact(
            key="newsfacts-run-report",
            markdown=report_markdown(database, run_id, checks, data),
            description=f"newsfacts run {run_id}: report ({path})",
        )
    except Exception as exc:  # a report failure must not fail a published run
        logger.warning("could not write the run report: %s: %s", type(exc).__name__, exc)
        return None
    logger.info("run report: %s", path)
    return str(path)


def write_run_summary(warehouse: Path, summary: RunSummary) -> Path:
    """``reports/<run_id>.json``: the run's summary and where its time went, for monitoring
    and benchmarks (written after the run; not part of the warehouse)."""
    path = warehouse / "reports" / f"{summary.run_id}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(asdict(summary), indent=2, sort_keys=True) + "\n")
    return path


@contextmanager
def warehouse_lock(warehouse: Path) -> Iterator[None]:
    """One run at a time per warehouse (readers are never blocked: they read the published file)."""
    warehouse.mkdir(parents=True, exist_ok=True)
    with (warehouse / ".newsfacts.lock").open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RunError(
                f"another newsfacts run is using {warehouse}; try again when it ends"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# Two threads: polars already uses every core; the second overlaps one batch's I/O with another.
# `newsfacts run --runner` swaps the runner (flows.runners.flow_for), e.g. for Dask workers.
@flow(name="newsfacts-run", task_runner=build_task_runner("thread"))
def newsfacts_flow(
    paths: list[str],
    warehouse: str,
    full_refresh: bool = False,
    max_article_bytes: int = Limits.max_article_bytes,
    max_file_bytes: int = Limits.max_file_bytes,
    batch_bytes: int = 32 * 1024**2,
    reextract: list[str] | None = None,
) -> dict[str, Any]:
    """Ingest new or changed files under ``paths`` and publish the warehouse.

    Extractors whose version changed since the last run (or named in ``reextract``: an
    extractor, a fact kind, or "all") run again over the documents already in the lake."""
    logger = get_run_logger()
    # The same checks as the command line: a run started from a schedule or the Prefect UI is
    # refused with the same messages.
    try:
        validate_run_parameters(
            paths=paths,
            warehouse=warehouse,
            full_refresh=full_refresh,
            max_article_bytes=max_article_bytes,
            max_file_bytes=max_file_bytes,
            batch_bytes=batch_bytes,
            reextract=reextract,
        )
    except ParameterError as exc:
        raise RunError(f"invalid run parameters:\n{exc}") from None
    limits = Limits(max_file_bytes=max_file_bytes, max_article_bytes=max_article_bytes)
    warehouse_dir = Path(warehouse)
    flow_started = time.perf_counter()
    clock = StageClock()
    with warehouse_lock(warehouse_dir):
        run_id = new_run_id()
        started_at = datetime.now(UTC).replace(tzinfo=None)
        plan = plan_inputs(paths, warehouse, full_refresh, reextract)
        clock.busy.append(plan["busy"])
        clock.add("plan", plan["busy"][1] - plan["busy"][0])
        batches = make_batches(plan["todo"], batch_bytes)
        logger.info(
            "run %s: %d files seen, %d unchanged, %d to read in %d batch(es)",
            run_id,
            plan["files_seen"],
            plan["files_skipped_by_stat"],
            len(plan["todo"]),
            len(batches),
        )
        progress.start(run_id, len(plan["todo"]), sum(max(f.size, 0) for f in plan["todo"]))
        futures = [
            process_batch.submit(i, batch, run_id, warehouse, limits, plan["known_doc_ids"])
            for i, batch in enumerate(batches)
        ]
        rerun: dict[str, str] = plan["reextract"]
        if rerun:
            logger.info(
                "re-extracting %s over %d part(s) already in the lake: %s",
                ", ".join(rerun),
                len(plan["reextract_parts"]),
                "; ".join(f"{e}: {why}" for e, why in rerun.items()),
            )
        reextracted = [
            reextract_part.submit(part, run_id, warehouse, list(rerun))
            for part in plan["reextract_parts"]
        ]
        try:
            results = [f.result() for f in futures]
            reextract_results = [f.result() for f in reextracted]
            documents_reextracted = sum(n for n, _ in reextract_results)
        finally:
            progress.finish(run_id)
        for part_clock in [r.clock for r in results] + [c for _, c in reextract_results]:
            clock.merge(part_clock)
        new_docs: set[str] = set().union(*(r.new_doc_ids for r in results))
        counts = {
            "files_seen": plan["files_seen"],
            "files_new": sum(r.files_new for r in results),
            "files_changed": sum(r.files_changed for r in results),
            "files_skipped": plan["files_skipped_by_stat"]
            + sum(r.files_unchanged for r in results),
            "files_rejected": sum(r.files_rejected for r in results),
            "documents": len(new_docs),
            "facts": sum(r.facts for r in results),
        }
        fault_point("pipeline.before_commit")
        commit_busy = commit_run(
            warehouse,
            {
                "run_id": run_id,
                "started_at": started_at,
                "finished_at": datetime.now(UTC).replace(tzinfo=None),
                "status": "success",
                **counts,
                "extractor_version": EXTRACTOR_VERSION,
                "full_refresh": full_refresh,
                "input_paths": [str(Path(p).resolve()) for p in paths],
                "extractor_versions": json.dumps(extractor_versions(), sort_keys=True),
                "reextracted": list(rerun) or None,
                "reextract_reason": "; ".join(f"{e}: {why}" for e, why in rerun.items()) or None,
            },
        )
        clock.busy.append(commit_busy)
        clock.add("commit", commit_busy[1] - commit_busy[0])
        try:
            published = publish_warehouse(warehouse, run_id, check_all=full_refresh)
        except PublishCheckFailed as failed:
            # The report shows which checks failed, over the warehouse that was kept.
            write_report(warehouse, run_id, failed.checks)
            raise
        clock.busy.append(published["busy"])
        clock.add("publish", published["busy"][1] - published["busy"][0])
        fault_point("pipeline.before_report")
        with clock.working(), clock.stage("report"):
            report = write_report(warehouse, run_id, published["checks"], published["row_counts"])
    flow_seconds = time.perf_counter() - flow_started
    task_seconds = union_seconds(clock.busy)
    create_table_artifact(
        key="newsfacts-run-counts",
        table=[{"measure": k, "value": v} for k, v in counts.items()]
        + [{"measure": f"rows in {t}", "value": n} for t, n in published["row_counts"].items()],
        description=f"newsfacts run {run_id}: files processed and rows published",
    )
    summary = RunSummary(
        run_id=run_id,
        warehouse=str(warehouse_dir.resolve()),
        database=published["database"],
        files_seen=counts["files_seen"],
        files_new=counts["files_new"],
        files_changed=counts["files_changed"],
        files_skipped=counts["files_skipped"],
        files_rejected=counts["files_rejected"],
        documents_added=counts["documents"],
        facts_added=counts["facts"],
        row_counts=published["row_counts"],
        report=report,
        reextracted=rerun,
        documents_reextracted=documents_reextracted,
        stage_seconds={k: round(v, 3) for k, v in sorted(clock.seconds.items())},
        flow_seconds=round(flow_seconds, 3),
        task_seconds=round(task_seconds, 3),
        orchestration_seconds=round(max(flow_seconds - task_seconds, 0.0), 3),
    )
    write_run_summary(warehouse_dir, summary)
    return asdict(summary)
