"""Split article bodies into sentences with exact code-point offsets, in pure polars.

    split_sentences(documents) -> doc_id, sentence_no, char_start, char_end, text

The rules live in `rules.py` (see its docstring); `corpus.py` holds the labelled examples
that the tests run. Bump SENTENCES_VERSION whenever a rule or word list changes the output.
"""

from __future__ import annotations

import polars as pl

from transforms.sentences.rules import BOUNDARY, mark_boundaries

__all__ = ["SENTENCES_SCHEMA", "SENTENCES_VERSION", "split_sentences"]

SENTENCES_VERSION = "1"

SENTENCES_SCHEMA = pl.Schema(
    {
        "doc_id": pl.String,
        "sentence_no": pl.Int32,
        "char_start": pl.Int32,
        "char_end": pl.Int32,
        "text": pl.String,
    }
)


def split_sentences(documents: pl.LazyFrame) -> pl.LazyFrame:
    """One row per sentence of each document's `body_text`.

    Offsets are 0-based, half-open and in code points, so `body_text[char_start:char_end]`
    equals `text` in Python. Sentences carry no surrounding whitespace; empty, null and
    whitespace-only bodies produce no rows. Sorted by doc_id, sentence_no.
    """
    piece = pl.col("_piece")
    piece_len = piece.str.len_chars().cast(pl.Int64)
    # Whitespace at either end of a piece, measured without copying the piece (as strip_chars
    # would); a whitespace-only piece is all lead and all trail, so its length comes out <= 0.
    lead = piece.str.extract(r"^\s+", 0).str.len_chars().fill_null(0).cast(pl.Int64)
    trail = piece.str.extract(r"\s+$", 0).str.len_chars().fill_null(0).cast(pl.Int64)

    # A per-row key, so duplicate doc_ids cannot merge their offset sums. Rows are numbered in
    # doc_id order, so the sentences come out sorted without sorting them.
    docs = (
        documents.select("doc_id", "body_text")
        .sort("doc_id", maintain_order=True)
        .with_row_index("_row")
    )
    sentences = (
        # Null and empty bodies need no filter: they yield only empty (or null) pieces, which
        # the `_len > 0` filter drops.
        docs.select(
            "_row",
            "doc_id",
            _piece=mark_boundaries(pl.col("body_text")).str.split(BOUNDARY),
        )
        # A split never returns an empty list, so the flag changes nothing.
        .explode("_piece", empty_as_null=False)
        # Pieces are consecutive slices of the body: a piece starts where the ones before end.
        .with_columns(_piece_start=piece_len.cum_sum().over("_row") - piece_len)
        .select(
            "_row",
            "doc_id",
            _start=pl.col("_piece_start") + lead,
            _len=piece_len - lead - trail,
        )
        .filter(pl.col("_len") > 0)
        .with_columns(sentence_no=pl.int_range(pl.len(), dtype=pl.Int32).over("_row"))
    )
    return (
        # The body is joined back rather than carried through the explode: repeating a
        # multi-chunk string column once per piece (any filtered input) makes polars copy
        # every body per piece, ~10x slower; the join's gather does not.
        sentences.join(
            docs.select("_row", "body_text"), on="_row", how="left", maintain_order="left"
        ).select(
            "doc_id",
            "sentence_no",
            char_start=pl.col("_start").cast(pl.Int32),
            char_end=(pl.col("_start") + pl.col("_len")).cast(pl.Int32),
            # Sliced from the original body, not from the masked piece.
            text=pl.col("body_text").str.slice(pl.col("_start"), pl.col("_len")),
        )
    )
