"""Raw articles -> documents + boilerplate: normalise, strip boilerplate, pull out metadata.

Input is one row per article as read from a file (``RAW_ARTICLES``); output rows follow the
``documents`` and ``boilerplate`` table declarations in ``transforms/schemas.py``.
"""

from __future__ import annotations

import hashlib
from typing import NamedTuple

import polars as pl

from transforms.boilerplate import BOILERPLATE_VERSION, classify_lines
from transforms.boilerplate.rules import NAME_LINE, byline_names
from transforms.dates import parse_published
from transforms.markup import markdown_to_text
from transforms.normalise import NORMALISE_VERSION, normalise_inline, normalise_text
from transforms.patterns import NEWS_AGENCIES, alternation
from transforms.schemas import BOILERPLATE, DOCUMENTS, conform

DOCUMENTS_VERSION = f"normalise@{NORMALISE_VERSION}+boilerplate@{BOILERPLATE_VERSION}"

RAW_ARTICLES = pl.Schema(
    {
        "part_id": pl.String(),
        "source_path": pl.String(),
        "source_line": pl.Int32(),
        "ordinal": pl.Int32(),
        "external_id": pl.String(),
        "meta_title": pl.String(),
        "meta_authors": pl.List(pl.String()),
        "meta_published": pl.String(),
        "url": pl.String(),
        "extra": pl.String(),
        "source_encoding": pl.String(),
        "source_format": pl.String(),  # txt, md, html, jsonl
        "raw_text": pl.String(),
    }
)

# Articles that had no text left once boilerplate was removed; doc_key is the input row number.
EMPTY_ARTICLES = pl.Schema(
    {"doc_key": pl.Int64(), "source_path": pl.String(), "source_line": pl.Int32()}
)

# Which document each input row became.
FILE_DOCS = pl.Schema({"doc_key": pl.Int64(), "doc_id": pl.String()})

_AGENCY_DATELINE = rf"^[^\n(]{{0,80}}\(({alternation(NEWS_AGENCIES)})\)\s*-"
_URL_HOST = r"^(?i:https?://)(?:www\.)?([^/:?#\s]+)"


class BuiltDocuments(NamedTuple):
    documents: pl.DataFrame  # DOCUMENTS lake schema
    boilerplate: pl.DataFrame  # BOILERPLATE lake schema
    file_documents: pl.DataFrame  # FILE_DOCS: which doc each input row became
    empty: pl.DataFrame  # EMPTY_ARTICLES: articles with no text left


def content_ids(texts: pl.Series) -> pl.Series:
    """Stable content hash of each text (sha256, 16 hex digits).

    Per-row Python on purpose: polars' own hash is not stable across versions, and doc ids
    must stay the same forever. hashlib runs at hundreds of MB/s, far from the bottleneck.
    """
    return pl.Series(
        texts.name,
        [hashlib.sha256(t.encode("utf-8")).hexdigest()[:16] for t in texts],
        dtype=pl.String,
    )


def _unique_names(names: pl.Expr) -> pl.Expr:
    return names.list.eval(pl.element().filter(pl.element().str.contains(NAME_LINE))).list.unique(
        maintain_order=True
    )


def build_documents(raw: pl.DataFrame, run_id: str) -> BuiltDocuments:
    """Normalise articles, classify their lines, assemble body_text and metadata."""
    raw = raw.select(pl.col(n).cast(t) for n, t in RAW_ARTICLES.items()).with_row_index(
        "doc_key", 0
    )
    raw = raw.with_columns(pl.col("doc_key").cast(pl.Int64))
    raw_text = pl.col("raw_text")
    is_markdown = pl.col("source_format") == "md"
    normalised = (
        raw.lazy()
        .select(
            "doc_key",
            normalise_text(
                pl.when(is_markdown)
                # Markdown rules are given "" for other rows: polars runs both branches.
                .then(markdown_to_text(pl.when(is_markdown).then(raw_text).otherwise(pl.lit(""))))
                .otherwise(raw_text)
                .fill_null("")
            ).alias("text"),
            normalise_inline(pl.col("meta_title")).alias("meta_title"),
        )
        .collect()
    )
    lines = (
        normalised.lazy()
        .with_columns(pl.col("text").str.split("\n"))
        .with_columns(pl.int_ranges(0, pl.col("text").list.len(), dtype=pl.Int32).alias("line_no"))
        .explode("text", "line_no", empty_as_null=True)
        .with_columns(pl.col("text").fill_null(""), pl.col("line_no").fill_null(0))
        .select("doc_key", "line_no", "text", "meta_title")
    )
    classified = classify_lines(lines).collect()

    c = pl.col
    kept = c("kind").is_null() & (c("text") != "")
    has_boilerplate = classified.lazy().filter(c("kind").is_not_null()).select("doc_key").unique()
    # The body is the kept lines, a line directly after another kept line continuing its
    # paragraph ("\n") and any other gap becoming one blank line ("\n\n"). With no line
    # removed, no blank line at either end and never two blank lines in a row (normalised
    # text never has them), that is the text itself: only other documents are reassembled.
    text_is_body = (
        ~c("text").str.starts_with("\n")
        & ~c("text").str.ends_with("\n")
        & ~c("text").str.contains("\n\n\n", literal=True)
    )
    as_is = (
        normalised.lazy()
        .join(has_boilerplate, on="doc_key", how="anti")
        .filter(text_is_body & (c("text") != ""))
        .select("doc_key", body_text=c("text"))
    )
    reassembled = (
        classified.lazy()
        .join(as_is.select("doc_key"), on="doc_key", how="anti")
        .filter(kept)
        .with_columns(
            piece=pl.when(c("line_no") - c("line_no").shift(1).over("doc_key") == 1)
            .then(pl.lit("\n"))
            .otherwise(pl.lit("\n\n"))
            + c("text")
        )
        .group_by("doc_key")
        .agg(c("piece").str.join("").str.strip_chars_start("\n").alias("body_text"))
    )
    body = pl.concat([as_is, reassembled]).join(
        classified.lazy()
        .filter(kept)
        .group_by("doc_key")
        # Lines are joined with newlines, so a word never spans two of them.
        .agg(c("n_words").sum().cast(pl.Int32).alias("n_words")),
        on="doc_key",
        how="left",
    )

    is_kind = c("kind").eq
    meta = (
        classified.lazy()
        .group_by("doc_key")
        .agg(
            c("text").filter(is_kind("title")).first().alias("title_line"),
            c("author_names")
            .filter(c("author_names").is_not_null())
            .list.explode(keep_nulls=False, empty_as_null=False)
            .alias("names"),
            c("text").filter(is_kind("source_line")).alias("source_lines"),
            c("source_value")
            .filter(c("source_cue").str.starts_with("source"))
            .first()
            .alias("source_outlet"),
            c("source_value").filter(c("source_cue") == "via").first().alias("via_outlet"),
            c("copyright_holder").drop_nulls().first().alias("copyright_holder"),
            c("dateline_at").drop_nulls().first().alias("dateline_at"),
        )
    )

    docs_plan = (
        raw.lazy()
        .join(body, on="doc_key", how="left")
        .join(meta, on="doc_key", how="left")
        .with_columns(c("body_text").fill_null(""))
    )
    docs = docs_plan.with_columns(
        title=pl.coalesce(normalise_inline(c("meta_title")), c("title_line")),
        authors=_unique_names(
            pl.concat_list(
                # Author fields hold bylines too: "By Jane Doe, Staff Writer", "A and B".
                c("meta_authors")
                .fill_null(pl.lit([], dtype=pl.List(pl.String)))
                .list.eval(byline_names(normalise_inline(pl.element())))
                .list.eval(pl.element().list.explode(keep_nulls=False, empty_as_null=False)),
                c("names").fill_null(pl.lit([], dtype=pl.List(pl.String))),
            )
        ),
        outlet=pl.coalesce(
            c("source_outlet"),
            c("via_outlet"),
            c("body_text").str.extract(_AGENCY_DATELINE, 1),
            c("copyright_holder"),
            c("url").str.extract(_URL_HOST, 1).str.to_lowercase(),
        ),
        published_at=pl.coalesce(parse_published(c("meta_published")), c("dateline_at")),
        n_words=c("n_words").fill_null(0),
        run_id=pl.lit(run_id),
    ).collect()

    empty_mask = docs["body_text"] == ""
    empty = docs.filter(empty_mask).select(EMPTY_ARTICLES.names())
    docs = docs.filter(~empty_mask)
    docs = docs.with_columns(content_ids(docs["body_text"]).alias("doc_id"))
    file_documents = docs.select(FILE_DOCS.names())
    # The same article twice (in two files, or twice in one feed) is one document: the first
    # copy in input order is kept, with its own metadata and boilerplate.
    docs = docs.unique("doc_id", keep="first", maintain_order=True)

    boilerplate = (
        classified.filter(c("kind").is_not_null())
        .join(docs.select("doc_key", "doc_id", "part_id"), on="doc_key", how="inner")
        .select("doc_id", "line_no", "kind", "text", "part_id")
    )
    return BuiltDocuments(
        documents=conform(docs, DOCUMENTS),
        boilerplate=conform(boilerplate, BOILERPLATE),
        file_documents=file_documents,
        empty=empty,
    )
