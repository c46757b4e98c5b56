"""The one declaration of every table: Parquet schemas, polars schemas, DuckDB DDL and the data
dictionary are all generated from here (see ``flows/codegen.py``), never written twice.

Column types are DuckDB type names; ``LOGICAL_TYPES`` maps each to its polars and pyarrow form.
Columns marked ``lake_only`` live in the Parquet lake for bookkeeping and are not published.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl
import pyarrow as pa

LOGICAL_TYPES: dict[str, tuple[pl.DataType, pa.DataType]] = {
    "VARCHAR": (pl.String(), pa.large_string()),
    "INTEGER": (pl.Int32(), pa.int32()),
    "BIGINT": (pl.Int64(), pa.int64()),
    "DOUBLE": (pl.Float64(), pa.float64()),
    "BOOLEAN": (pl.Boolean(), pa.bool_()),
    "DATE": (pl.Date(), pa.date32()),
    "TIMESTAMP": (pl.Datetime("us"), pa.timestamp("us")),
    "VARCHAR[]": (pl.List(pl.String()), pa.large_list(pa.large_string())),
}


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str
    nullable: bool = True
    lake_only: bool = False

    def __post_init__(self) -> None:
        if self.type not in LOGICAL_TYPES:
            raise ValueError(f"column {self.name}: unknown type {self.type}")


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    # Rows are published in this order so that re-publishing the same lake is byte-for-byte
    # the same table content.
    order_by: tuple[str, ...]
    # Tables whose rows belong to one document copy; the publisher keeps only the copy chosen
    # for each live document (see flows/publish.py).
    per_document: bool = False
    published: bool = True
    # False for a table the publisher derives from the lake; nothing writes it to the lake.
    in_lake: bool = True
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def published_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if not c.lake_only)

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"{self.name}.{name}")

    def polars_schema(self, *, lake: bool = True) -> pl.Schema:
        cols = self.columns if lake else self.published_columns
        return pl.Schema({c.name: LOGICAL_TYPES[c.type][0] for c in cols})

    def arrow_schema(self) -> pa.Schema:
        return pa.schema(
            [pa.field(c.name, LOGICAL_TYPES[c.type][1], nullable=c.nullable) for c in self.columns]
        )

    def empty_frame(self) -> pl.DataFrame:
        return pl.DataFrame(schema=self.polars_schema())


def _c(name: str, type_: str, description: str, **kw: bool) -> Column:
    return Column(name, type_, description, **kw)


DOC_ID = _c(
    "doc_id", "VARCHAR", "Document id: content hash of the normalised body_text.", nullable=False
)
RUN_ID = _c("run_id", "VARCHAR", "The run that produced the row (see `runs`).", nullable=False)
PART_ID = _c(
    "part_id",
    "VARCHAR",
    "Lake bookkeeping: which batch wrote the row, so each document's rows come from one copy.",
    nullable=False,
    lake_only=True,
)
SENTENCE_NO = _c("sentence_no", "INTEGER", "0-based sentence number within the document.")
CHAR_START = _c(
    "char_start",
    "INTEGER",
    "Start offset (0-based, inclusive) in Unicode code points into documents.body_text.",
)
CHAR_END = _c(
    "char_end", "INTEGER", "End offset (exclusive) in code points into documents.body_text."
)
ENTITY_TYPE = _c("entity_type", "VARCHAR", "ORG, PERSON, LOCATION or PRODUCT.")

DOCUMENTS = Table(
    "documents",
    "One row per distinct article (duplicates across files collapsed by content hash).",
    (
        DOC_ID,
        _c(
            "source_path",
            "VARCHAR",
            "First input file the article was seen in, relative to its input root "
            "(JSONL: file path; the line is in source_line).",
        ),
        _c("source_line", "INTEGER", "1-based line number within a JSONL file; NULL otherwise."),
        _c("external_id", "VARCHAR", "The id the input gave the article (JSONL `id`), if any."),
        _c(
            "title", "VARCHAR", "Headline: metadata title, or the first line when it is a headline."
        ),
        _c("authors", "VARCHAR[]", "Author names from metadata, byline or an author box."),
        _c(
            "outlet",
            "VARCHAR",
            "Outlet the article credits as its origin (Source:/Via: line), else its publisher "
            "(copyright holder, URL host or dateline agency).",
        ),
        _c("source_lines", "VARCHAR[]", "Source/via credit lines as written, e.g. 'Source: X'."),
        _c(
            "published_at",
            "TIMESTAMP",
            "Publication time as given (local wall-clock time; any zone designator dropped).",
        ),
        _c("url", "VARCHAR", "Article URL from metadata, if any."),
        _c(
            "body_text",
            "VARCHAR",
            "Normalised article text, boilerplate, title and byline removed.",
        ),
        _c("n_words", "INTEGER", "Whitespace-separated words in body_text."),
        _c("source_encoding", "VARCHAR", "How the file was decoded: utf-8, or the fallback used."),
        _c("extra", "VARCHAR", "JSON object of input fields the pipeline does not use."),
        RUN_ID,
        PART_ID,
    ),
    order_by=("doc_id",),
    per_document=True,
)

BOILERPLATE = Table(
    "boilerplate",
    "Every line removed from an article's text, with the reason, for audit.",
    (
        DOC_ID,
        _c("line_no", "INTEGER", "0-based line number in the article's normalised raw text."),
        _c(
            "kind",
            "VARCHAR",
            "Why it was removed: title, title_repeat, byline, dateline, copyright, comments, "
            "read_more, author_bio, source_line, credits, image_file, image_caption, "
            "share_widget, advertisement, newsletter, related_links.",
        ),
        _c("text", "VARCHAR", "The removed line (normalised)."),
        PART_ID,
    ),
    order_by=("doc_id", "line_no"),
    per_document=True,
)

SENTENCES = Table(
    "sentences",
    "Sentences of each document body with exact code-point offsets.",
    (
        DOC_ID,
        SENTENCE_NO,
        CHAR_START,
        CHAR_END,
        _c("text", "VARCHAR", "Sentence text: equals the body_text substring at the offsets."),
        PART_ID,
    ),
    order_by=("doc_id", "sentence_no"),
    per_document=True,
)

ENTITIES = Table(
    "entities",
    "Canonical entities (organisations, people, places, products) that mentions link to.",
    (
        _c("entity_id", "VARCHAR", "Stable id of the canonical entity.", nullable=False),
        _c("name", "VARCHAR", "Canonical name."),
        ENTITY_TYPE,
        _c("aliases", "VARCHAR[]", "Other surface forms that resolve to this entity."),
        _c("parent_entity_id", "VARCHAR", "Parent organisation (e.g. Sony Mobile -> Sony)."),
    ),
    order_by=("entity_id",),
)

MENTIONS = Table(
    "mentions",
    "Each place an entity is named in a document body.",
    (
        DOC_ID,
        SENTENCE_NO,
        CHAR_START,
        CHAR_END,
        _c("surface", "VARCHAR", "The text as written (body_text substring at the offsets)."),
        ENTITY_TYPE,
        _c("entity_id", "VARCHAR", "The canonical entity the mention resolves to."),
        _c("extractor_version", "VARCHAR", "Version of the entity extractor."),
        PART_ID,
    ),
    order_by=("doc_id", "char_start", "char_end"),
    per_document=True,
)

FACTS = Table(
    "facts",
    "Numeric and temporal facts (money, percent, quantity, rank, date), typed and normalised.",
    (
        _c("fact_id", "VARCHAR", "Deterministic id of the fact.", nullable=False),
        DOC_ID,
        SENTENCE_NO,
        CHAR_START,
        CHAR_END,
        _c("surface", "VARCHAR", "The text as written (body_text substring at the offsets)."),
        _c("fact_type", "VARCHAR", "money, percent, quantity, rank or date."),
        _c("subject", "VARCHAR", "Canonical name of the entity the fact is about, where known."),
        _c("subject_entity_id", "VARCHAR", "Entity id of the subject."),
        _c(
            "value", "DOUBLE", "Full magnitude (270.5 billion -> 270500000000; percent as written)."
        ),
        _c("value_high", "DOUBLE", "Upper bound of a range, else NULL."),
        _c("unit", "VARCHAR", "ISO 4217 code for money; percent; counted noun; rank."),
        _c("category", "VARCHAR", "Metric (revenue, sales, ...) or rank category, when stated."),
        _c("value_date", "DATE", "Resolved date for date facts."),
        _c("date_granularity", "VARCHAR", "day, month, quarter, year, ..."),
        _c("direction", "VARCHAR", "up, down or NULL."),
        _c(
            "status",
            "VARCHAR",
            "reported, target, forecast, rumored, negated or hypothetical.",
        ),
        _c(
            "usd_equivalent_fact_id",
            "VARCHAR",
            "For a non-dollar money figure, the dollar figure the text states beside it as its"
            " equivalent ('270.5 billion yen, or around $2.27 billion'); else NULL.",
        ),
        _c("rule", "VARCHAR", "Which rule fired."),
        _c("extractor_version", "VARCHAR", "Version of the extractor that produced the fact."),
        RUN_ID,
        PART_ID,
    ),
    order_by=("doc_id", "char_start", "char_end", "fact_type"),
    per_document=True,
)

QUOTES = Table(
    "quotes",
    "Direct quotations with their speakers.",
    (
        DOC_ID,
        CHAR_START,
        CHAR_END,
        _c("quote_text", "VARCHAR", "The quotation without its quote marks."),
        _c("speaker", "VARCHAR", "Canonical name of the speaker; NULL when unknown."),
        _c("speaker_entity_id", "VARCHAR", "Entity id of the speaker."),
        _c("cue", "VARCHAR", "Reporting verb, e.g. said."),
        _c("speaker_title", "VARCHAR", "The speaker's title, when given."),
        _c("sentence_no", "INTEGER", "Sentence in which the quotation starts."),
        _c(
            "speaker_start",
            "INTEGER",
            "Start offset of the text naming the speaker (the attribution evidence), if any.",
        ),
        _c("speaker_end", "INTEGER", "End offset (exclusive) of the text naming the speaker."),
        _c(
            "quote_kind",
            "VARCHAR",
            "direct (a full quotation), partial (quoted words inside reported speech) or "
            "scare (scare quotes, titles, so-called terms: never given a speaker).",
        ),
        _c("rule", "VARCHAR", "Which attribution rule fired."),
        _c("extractor_version", "VARCHAR", "Version of the quote extractor."),
        PART_ID,
    ),
    order_by=("doc_id", "char_start"),
    per_document=True,
)

ROLES = Table(
    "roles",
    "Person - title - organisation triples stated in the text.",
    (
        DOC_ID,
        _c("person", "VARCHAR", "Canonical person name."),
        _c("person_entity_id", "VARCHAR", "Entity id of the person."),
        _c("title", "VARCHAR", "Title as stated, e.g. President and CEO."),
        _c("org", "VARCHAR", "Canonical organisation name."),
        _c("org_entity_id", "VARCHAR", "Entity id of the organisation."),
        CHAR_START,
        CHAR_END,
        SENTENCE_NO,
        _c("rule", "VARCHAR", "Which role pattern fired."),
        _c("extractor_version", "VARCHAR", "Version of the role extractor."),
        PART_ID,
    ),
    order_by=("doc_id", "char_start", "char_end", "person"),
    per_document=True,
)

SOURCES = Table(
    "sources",
    "Who each article attributes its information to.",
    (
        DOC_ID,
        _c("source", "VARCHAR", "Canonical name of the source."),
        _c("source_entity_id", "VARCHAR", "Entity id of the source."),
        _c("cue", "VARCHAR", "according to, told, source:, via:, speaking with, ..."),
        _c(
            "char_start",
            "INTEGER",
            "Start offset of the source's name in documents.body_text; NULL when the "
            "attribution is a removed source line (see line_no).",
        ),
        CHAR_END,
        SENTENCE_NO,
        _c(
            "line_no",
            "INTEGER",
            "For a 'Source:'/'Via:' line removed from the body: its boilerplate.line_no.",
        ),
        _c("rule", "VARCHAR", "Which source pattern fired."),
        _c("extractor_version", "VARCHAR", "Version of the source extractor."),
        PART_ID,
    ),
    order_by=("doc_id", "char_start", "line_no", "source"),
    per_document=True,
)

EVENTS = Table(
    "events",
    "Business events (sales target, store closure, ...) with their evidence span.",
    (
        DOC_ID,
        _c("event_type", "VARCHAR", "Event type (see the event taxonomy in the docs)."),
        _c("subject", "VARCHAR", "Canonical name of the entity the event is about."),
        _c("subject_entity_id", "VARCHAR", "Entity id of the subject."),
        _c("status", "VARCHAR", "reported, planned, target, rumored or denied."),
        _c("value_date", "DATE", "When the event happens or happened, where stated."),
        CHAR_START,
        CHAR_END,
        _c("surface", "VARCHAR", "Evidence text (body_text substring at the offsets)."),
        SENTENCE_NO,
        _c(
            "fact_ids",
            "VARCHAR[]",
            "The facts (facts.fact_id) the event rests on: its figures, dates and ranks.",
        ),
        _c("rule", "VARCHAR", "Which event rule fired."),
        _c("extractor_version", "VARCHAR", "Version of the event extractor."),
        PART_ID,
    ),
    order_by=("doc_id", "char_start", "event_type"),
    per_document=True,
)

RUNS = Table(
    "runs",
    "One row per pipeline run: what it saw, what it changed.",
    (
        RUN_ID,
        _c("started_at", "TIMESTAMP", "When the run started (UTC)."),
        _c("finished_at", "TIMESTAMP", "When the run committed its results to the lake (UTC)."),
        _c("status", "VARCHAR", "success (only committed runs are published)."),
        _c("files_seen", "INTEGER", "Input files found under the paths."),
        _c("files_new", "INTEGER", "Files never seen before (by path)."),
        _c("files_changed", "INTEGER", "Known files whose content hash changed."),
        _c("files_skipped", "INTEGER", "Files unchanged since they were last processed."),
        _c("files_rejected", "INTEGER", "Files rejected in this run (see rejected_files)."),
        _c("documents", "INTEGER", "Documents this run added (new content hashes)."),
        _c("facts", "INTEGER", "Facts this run added."),
        _c("extractor_version", "VARCHAR", "Versions of the transforms used, kind@version."),
        _c("full_refresh", "BOOLEAN", "Whether the run rebuilt the lake from scratch."),
        _c("input_paths", "VARCHAR[]", "The input paths the run was given."),
        _c(
            "extractor_versions",
            "VARCHAR",
            "JSON object: the version of each extractor (entities, roles, quotes, sources, "
            "facts, events) whose output the lake holds after this run.",
        ),
        _c(
            "reextracted",
            "VARCHAR[]",
            "Extractors this run re-ran over the documents already in the lake (their rules "
            "changed, or --reextract asked for it); their older output is superseded.",
        ),
        _c(
            "reextract_reason",
            "VARCHAR",
            "Why each extractor was re-run, e.g. 'quotes: version 1 -> 2'.",
        ),
    ),
    order_by=("run_id",),
)

REJECTED_FILES = Table(
    "rejected_files",
    "Input that could not be turned into a document, and why. A file rejected whole has one "
    "row; a JSONL file can also have rows for single bad lines.",
    (
        RUN_ID,
        _c("path", "VARCHAR", "Input file, relative to its input root."),
        _c(
            "reason",
            "VARCHAR",
            "empty, binary, too_large, unsupported_type, unreadable, invalid_json, "
            "invalid_record, no_text.",
        ),
        _c("detail", "VARCHAR", "Human-readable detail (e.g. the JSONL line and parser error)."),
        _c("line_no", "INTEGER", "1-based JSONL line, for line-level rejections."),
        _c("input_root", "VARCHAR", "The input root the path is relative to.", lake_only=True),
        _c("content_hash", "VARCHAR", "Hash of the file content rejected.", lake_only=True),
    ),
    order_by=("path", "line_no", "reason"),
)

FILES = Table(
    "files",
    "The ingest ledger: the current state of every input file by path and content hash. "
    "A file is re-read only when its size, mtime or content hash changes.",
    (
        _c("path", "VARCHAR", "Input file, relative to its input root.", nullable=False),
        _c("input_root", "VARCHAR", "The absolute input root the path is relative to."),
        _c("content_hash", "VARCHAR", "SHA-256 of the raw file bytes."),
        _c("size_bytes", "BIGINT", "File size when last read."),
        _c("mtime_ns", "BIGINT", "Modification time (ns) when last read."),
        _c("status", "VARCHAR", "ingested or rejected."),
        _c("encoding", "VARCHAR", "How the file was decoded."),
        _c("n_documents", "INTEGER", "Articles read from the file (before de-duplication)."),
        _c("n_rejected", "INTEGER", "Rejected records (lines) within the file."),
        RUN_ID,
    ),
    order_by=("path", "input_root"),
)

FILE_DOCUMENTS = Table(
    "file_documents",
    "Which document each article of each file version became (lake bookkeeping for "
    "duplicates and replaced files).",
    (
        _c("path", "VARCHAR", "Input file, relative to its input root.", nullable=False),
        _c("input_root", "VARCHAR", "The absolute input root the path is relative to."),
        _c("content_hash", "VARCHAR", "SHA-256 of the file version."),
        _c("ordinal", "INTEGER", "Article position in the file (JSONL line; 0 otherwise)."),
        DOC_ID,
        RUN_ID,
    ),
    order_by=("path", "ordinal"),
    published=False,
)

DOCUMENT_COPIES = Table(
    "document_copies",
    "Which copy in the Parquet lake is published for each live document, and the input file "
    "it is credited to. The per-document tables (documents, sentences, facts, ...) are views "
    "over the lake's Parquet files that keep only these copies.",
    (
        DOC_ID,
        _c(
            "part_id",
            "VARCHAR",
            "The lake part holding the published copy (lake/<table>/<part_id>.parquet).",
            nullable=False,
        ),
        _c("source_path", "VARCHAR", "Input file the document is credited to."),
        _c("source_line", "INTEGER", "1-based JSONL line in that file; NULL for other files."),
    ),
    order_by=("doc_id",),
    in_lake=False,
)

UNPUBLISHED_COPIES = Table(
    "unpublished_copies",
    "Copies of documents in the published Parquet parts that are not published: the old "
    "version of a changed file's article, or a second copy of an article already published. "
    "The per-document views leave out their rows (usually few, so this costs far less than "
    "matching every row with document_copies).",
    (
        DOC_ID,
        _c(
            "part_id",
            "VARCHAR",
            "The lake part holding the unpublished copy (lake/<table>/<part_id>.parquet).",
            nullable=False,
        ),
    ),
    order_by=("doc_id", "part_id"),
    in_lake=False,
)

ALL_TABLES: tuple[Table, ...] = (
    DOCUMENTS,
    BOILERPLATE,
    SENTENCES,
    ENTITIES,
    MENTIONS,
    FACTS,
    QUOTES,
    ROLES,
    SOURCES,
    EVENTS,
    RUNS,
    REJECTED_FILES,
    FILES,
    FILE_DOCUMENTS,
    DOCUMENT_COPIES,
    UNPUBLISHED_COPIES,
)
TABLES: dict[str, Table] = {t.name: t for t in ALL_TABLES}
LAKE_TABLES: tuple[Table, ...] = tuple(t for t in ALL_TABLES if t.in_lake)
PUBLISHED_TABLES: tuple[Table, ...] = tuple(t for t in ALL_TABLES if t.published)


def conform(frame: pl.DataFrame, table: Table) -> pl.DataFrame:
    """Select and cast a frame to a table's lake schema; missing columns become NULL."""
    schema = table.polars_schema()
    missing = [n for n in schema if n not in frame.columns]
    if missing:
        frame = frame.with_columns(pl.lit(None, dtype=schema[n]).alias(n) for n in missing)
    return frame.select(pl.col(n).cast(dtype, strict=True) for n, dtype in schema.items())
