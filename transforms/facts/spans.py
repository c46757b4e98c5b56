"""Find every regex match in sentence text, with code-point offsets, in pure polars.

polars has no "all match positions" for regexes (and ``str.find`` counts bytes), so matches
are wrapped in marker characters with one ``replace_all`` and the text is split on the
markers: piece lengths (in code points) then give exact offsets. Normalised text never
contains the markers (control characters are removed by ``transforms/normalise.py``).
"""

from __future__ import annotations

import polars as pl

_OPEN, _CLOSE = "\x01", "\x02"

SENTENCE_COLUMNS = ("doc_id", "sentence_no", "char_start", "text")

SPANS_SCHEMA = pl.Schema(
    {
        "doc_id": pl.String(),
        "sentence_no": pl.Int32(),
        "sentence_start": pl.Int32(),  # the sentence's offset in body_text
        "sentence": pl.String(),
        "match_no": pl.Int32(),  # 0-based, per sentence
        "match": pl.String(),
        "char_start": pl.Int32(),  # in body_text
        "char_end": pl.Int32(),
    }
)


def find_spans(sentences: pl.LazyFrame, pattern: str) -> pl.LazyFrame:
    """One row per non-overlapping, non-empty match of ``pattern`` in each sentence.

    ``sentences`` has the SENTENCES columns (doc_id, sentence_no, char_start, text).
    Offsets are into the document (sentence start + offset in the sentence)."""
    marked = (
        sentences.select(
            "doc_id",
            "sentence_no",
            pl.col("char_start").alias("sentence_start"),
            pl.col("text").alias("sentence"),
        )
        .filter(pl.col("sentence").str.contains(pattern))
        .with_columns(
            pieces=pl.col("sentence")
            .str.replace_all(pattern, f"{_OPEN}${{0}}{_CLOSE}")
            .str.split(_OPEN)
        )
    )
    exploded = (
        marked.with_columns(piece_no=pl.int_ranges(0, pl.col("pieces").list.len(), dtype=pl.Int32))
        .explode("pieces", "piece_no", empty_as_null=False)
        .with_columns(
            # A piece after the first is "<match>\x02<text up to the next match>".
            match=pl.when(pl.col("piece_no") > 0)
            .then(pl.col("pieces").str.split(_CLOSE).list.first())
            .otherwise(pl.lit(None, dtype=pl.String)),
            plain_len=(
                pl.col("pieces")
                .str.replace_all(_CLOSE, "", literal=True)
                .str.len_chars()
                .cast(pl.Int32)
            ),
        )
        .with_columns(
            offset=(
                pl.col("plain_len").cum_sum().over("doc_id", "sentence_no", order_by="piece_no")
                - pl.col("plain_len")
            )
        )
    )
    return (
        exploded.filter(pl.col("match").is_not_null() & (pl.col("match") != ""))
        .select(
            "doc_id",
            "sentence_no",
            "sentence_start",
            "sentence",
            (pl.col("piece_no") - 1).alias("match_no"),
            "match",
            (pl.col("sentence_start") + pl.col("offset")).cast(pl.Int32).alias("char_start"),
            (pl.col("sentence_start") + pl.col("offset") + pl.col("match").str.len_chars())
            .cast(pl.Int32)
            .alias("char_end"),
        )
        .sort("doc_id", "sentence_no", "match_no")
    )


def context_before(span_start: pl.Expr, width: int) -> pl.Expr:
    """Up to ``width`` characters of the sentence before a span (needs find_spans columns)."""
    local = span_start - pl.col("sentence_start")
    begin = pl.max_horizontal(local - width, pl.lit(0))
    return pl.col("sentence").str.slice(begin, local - begin)


def context_after(span_end: pl.Expr, width: int) -> pl.Expr:
    """Up to ``width`` characters of the sentence after a span."""
    return pl.col("sentence").str.slice(span_end - pl.col("sentence_start"), width)
