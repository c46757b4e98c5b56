"""Find every regex match in sentence text, with code-point offsets, in pure polars.

polars has no "all match positions" for regexes (and ``str.find`` counts bytes), so matches
are wrapped in marker characters with one ``replace_all`` and the text is split on the
markers: piece lengths (in code points) then give exact offsets. Normalised text never
contains the markers (control characters are removed by ``transforms/normalise.py``).

``contains`` / ``replace_all`` / ``extract_groups`` below (and ``find_spans(...,
ascii_twin=True)``) run ASCII-only rows -- nearly all news -- with an ASCII twin of the pattern
(``ascii_pattern``): the same matches there, and 2-3x faster for big patterns, whose Unicode
``\\d`` and ``\\b`` blow up Rust's regex automata. Other rows keep the pattern as written.
"""

from __future__ import annotations

import functools

import polars as pl

_OPEN, _CLOSE = "\x01", "\x02"

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

# Unicode classes and their ASCII-only equivalents: on an ASCII haystack each pair matches
# the same characters and positions (Unicode \s on ASCII is exactly [\t\n\v\f\r ]).
_ASCII_OUTSIDE_CLASS = {
    "d": "[0-9]",
    "D": "[^0-9]",
    "w": "[0-9A-Za-z_]",
    "W": "[^0-9A-Za-z_]",
    "s": r"[\t\n\x0B\x0C\r ]",
    "S": r"[^\t\n\x0B\x0C\r ]",
    "b": r"(?-u:\b)",
    "B": r"(?-u:\B)",
}
_ASCII_INSIDE_CLASS = {"d": "0-9", "w": "0-9A-Za-z_", "s": r"\t\n\x0B\x0C\r "}
_ASCII_PROPERTIES = {"L": "A-Za-z", "Lu": "A-Z", "Ll": "a-z", "N": "0-9"}


@functools.cache
def ascii_pattern(pattern: str) -> str:
    """``pattern`` with Unicode \\d \\w \\s \\b and \\p{L}/\\p{Lu}/\\p{Ll}/\\p{N} replaced by their
    ASCII forms: the same matches and groups on ASCII-only text. Raises ValueError on a class
    it cannot rewrite (a negated class escape inside brackets)."""
    out: list[str] = []
    depth = 0  # nesting of [...] classes (Rust regex allows nested classes)
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            nxt = pattern[i + 1]
            if nxt in "pP" and pattern[i + 2 : i + 3] == "{":
                end = pattern.index("}", i)
                body = _ASCII_PROPERTIES[pattern[i + 3 : end]]
                if depth and nxt == "P":
                    raise ValueError(f"cannot make ASCII: {pattern!r}")
                out.append(body if depth else f"[{'^' if nxt == 'P' else ''}{body}]")
                i = end + 1
                continue
            if depth and nxt in _ASCII_INSIDE_CLASS:
                out.append(_ASCII_INSIDE_CLASS[nxt])
            elif depth and nxt in "DWSbBpP":
                raise ValueError(f"cannot make ASCII: {pattern!r}")
            elif not depth and nxt in _ASCII_OUTSIDE_CLASS:
                out.append(_ASCII_OUTSIDE_CLASS[nxt])
            else:
                out.append(pattern[i : i + 2])
            i += 2
            continue
        out.append(ch)
        i += 1
        if ch == "[":
            depth += 1
            # "[]...]" and "[^]...]": a "]" first in a class is literal.
            if pattern[i : i + 1] == "^":
                out.append("^")
                i += 1
            if pattern[i : i + 1] == "]":
                out.append("]")
                i += 1
        elif ch == "]" and depth:
            depth -= 1
    return "".join(out)


def _by_ascii(text: pl.Expr, apply: str, pattern: str, *args: object) -> pl.Expr:
    """``text.str.<apply>(pattern, *args)``, with the ASCII twin on ASCII-only rows. Each side
    sees NULL for the other side's rows; polars skips an all-NULL input, so on all-ASCII text
    the Unicode pattern costs nothing (on mixed text both scan)."""
    is_ascii = text.str.len_bytes() == text.str.len_chars()
    fast = getattr(pl.when(is_ascii).then(text).str, apply)(ascii_pattern(pattern), *args)
    slow = getattr(pl.when(~is_ascii).then(text).str, apply)(pattern, *args)
    return pl.when(is_ascii).then(fast).otherwise(slow)


def contains(text: pl.Expr, pattern: str) -> pl.Expr:
    return _by_ascii(text, "contains", pattern)


def replace_all(text: pl.Expr, pattern: str, value: str) -> pl.Expr:
    return _by_ascii(text, "replace_all", pattern, value)


def extract_groups(text: pl.Expr, pattern: str) -> pl.Expr:
    return _by_ascii(text, "extract_groups", pattern)


def find_spans(
    sentences: pl.LazyFrame,
    pattern: str,
    trigger: pl.Expr | None = None,
    *,
    ascii_twin: bool = False,
) -> pl.LazyFrame:
    """One row per non-overlapping, non-empty match of ``pattern`` in each sentence.

    ``sentences`` has the SENTENCES columns (doc_id, sentence_no, char_start, text).
    Offsets are into the document (sentence start + offset in the sentence).
    ``trigger``: a cheap boolean expression on ``sentences`` that holds wherever ``pattern``
    matches (say, a literal the pattern requires); other sentences skip the full pattern.
    ``ascii_twin``: match ASCII-only sentences with ``ascii_pattern(pattern)`` (same result;
    worth it for big patterns full of \\d and \\b, a loss for small ones)."""
    if trigger is not None:
        sentences = sentences.filter(trigger)
    text = pl.col("text")
    # A row index stops predicate pushdown, so the sentences a caller's filter (or the trigger)
    # keeps are materialised first: otherwise polars folds that filter and the pattern's into
    # one predicate and runs the full pattern over every sentence anyway.
    marked = (
        sentences.with_row_index("_barrier")
        .filter(contains(text, pattern) if ascii_twin else text.str.contains(pattern))
        .select(
            "doc_id",
            "sentence_no",
            pl.col("char_start").alias("sentence_start"),
            pl.col("text").alias("sentence"),
        )
    )
    marker = f"{_OPEN}${{0}}{_CLOSE}"
    marked = marked.with_columns(
        pieces=(
            replace_all(pl.col("sentence"), pattern, marker)
            if ascii_twin
            else pl.col("sentence").str.replace_all(pattern, marker)
        ).str.split(_OPEN)
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
                .cast(pl.Int64)
            ),
        )
        .with_columns(before=pl.col("plain_len").cum_sum() - pl.col("plain_len"))
        .with_columns(
            # Pieces of a sentence are consecutive rows from piece 0: the running total of
            # lengths, less its value at the sentence's first piece, is the offset in it.
            offset=pl.col("before")
            - pl.when(pl.col("piece_no") == 0).then(pl.col("before")).forward_fill()
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
