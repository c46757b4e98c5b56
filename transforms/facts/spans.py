"""Find every regex match in sentence text, with code-point offsets, in pure polars.

polars has no "all match positions" for regexes (and ``str.find`` counts bytes), so matches
are wrapped in marker characters with one ``replace_all`` and the text is split on the
markers: piece lengths (in code points) then give exact offsets. Normalised text never
contains the markers (control characters are removed by ``transforms/normalise.py``).

``contains`` / ``replace_all`` / ``extract_groups`` below (and ``find_spans(...,
ascii_twin=True)``) run ASCII-only rows -- nearly all news -- with an ASCII twin of the pattern
(``ascii_pattern``): the same matches there, and 2-3x faster for big patterns, whose Unicode
``\\d`` and ``\\b`` blow up Rust's regex automata. Other rows keep the pattern as written.

polars compiles a regex on every collect even when its input is all NULL or empty (~10 ms
for a big pattern; its regex cache holds only 32 per thread), so a twin costs a second
compile per call. Inside ``patterns_for(texts)`` (``extract_all`` wraps its batch in it)
they compile one form only where that gives the same rows: the ASCII twin alone when no
character beyond ASCII is a word, digit or space character (only ASCII, or punctuation and
symbols like curly quotes), the pattern as written alone when there is too little text to
repay a twin.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Literal

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


def _class_start(pattern: str, i: int, out: list[str]) -> int:
    """Just inside a ``[``: copy a leading ``^`` and a ``]`` that comes first ("[]...]",
    "[^]...]": there it is literal, not the end of the class); the position after them."""
    if pattern[i : i + 1] == "^":
        out.append("^")
        i += 1
    if pattern[i : i + 1] == "]":
        out.append("]")
        i += 1
    return i


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
            i = _class_start(pattern, i, out)
        elif ch == "]" and depth:
            depth -= 1
    return "".join(out)


# Which forms of a pattern the twins compile: "both" (any text; the default), "ascii" (text
# with no word, digit or space character beyond ASCII) or "unicode" (the pattern as written;
# a small batch). Set by patterns_for.
PatternForms = Literal["both", "ascii", "unicode"]
_FORMS: ContextVar[PatternForms] = ContextVar("pattern_forms", default="both")
# Below this much text (bytes) a twin's faster scan cannot repay compiling its second regex.
_TWIN_MIN_BYTES = 256_000


# A character beyond ASCII that Unicode \w, \s or \p{N} matches. Where none occurs (ASCII text,
# or text whose only others are punctuation and symbols: “ ” — € ©), every class the ASCII
# twin rewrites (\d \w \s \b \p{L} \p{N} and their negations) matches the same characters.
_UNICODE_CLASS_CHAR = r"[[\w\s\p{N}]&&[^\x00-\x7F]]"


def forms_for(texts: list[pl.Series]) -> PatternForms:
    """The pattern forms enough for ``texts``: see the module docstring."""
    # All-ASCII text (most news) needs no regex scan to tell.
    if all((t.str.len_bytes() == t.str.len_chars()).all() for t in texts) or not any(
        t.str.contains(_UNICODE_CLASS_CHAR).any() for t in texts
    ):
        return "ascii"
    if sum(t.str.len_bytes().sum() for t in texts) < _TWIN_MIN_BYTES:
        return "unicode"
    return "both"


@contextmanager
def patterns_for(texts: list[pl.Series], forms: PatternForms | None = None) -> Iterator[None]:
    """Expressions built in the block compile only the pattern forms ``texts`` need (or
    ``forms``, when given): they are right for those texts only, so collect them on no other."""
    token = _FORMS.set(forms_for(texts) if forms is None else forms)
    try:
        yield
    finally:
        _FORMS.reset(token)


def by_ascii(text: pl.Expr, apply: str, pattern: str, *args: str) -> pl.Expr:
    """``text.str.<apply>(pattern, *args)``, with the ASCII twin on ASCII-only rows. Each side
    sees NULL for the other side's rows, so on all-ASCII text the Unicode pattern scans
    nothing (on mixed text both scan)."""
    forms = _FORMS.get()
    if text.meta.is_column():
        return _by_ascii_on_column(text.meta.output_name(), forms, apply, pattern, *args)
    return _build_by_ascii(text, forms, apply, pattern, *args)


# Cached: building ``extract_groups`` compiles its (often big) regexes to learn the group
# names, ~10 ms each, and every extract_all call builds the same expressions again.
@functools.cache
def _by_ascii_on_column(
    column: str, forms: PatternForms, apply: str, pattern: str, *args: str
) -> pl.Expr:
    return _build_by_ascii(pl.col(column), forms, apply, pattern, *args)


def _build_by_ascii(
    text: pl.Expr, forms: PatternForms, apply: str, pattern: str, *args: str
) -> pl.Expr:
    if forms == "ascii":
        return getattr(text.str, apply)(ascii_pattern(pattern), *args)
    if forms == "unicode":
        return getattr(text.str, apply)(pattern, *args)
    is_ascii = text.str.len_bytes() == text.str.len_chars()
    fast = getattr(pl.when(is_ascii).then(text).str, apply)(ascii_pattern(pattern), *args)
    slow = getattr(pl.when(~is_ascii).then(text).str, apply)(pattern, *args)
    return pl.when(is_ascii).then(fast).otherwise(slow)


def contains(text: pl.Expr, pattern: str) -> pl.Expr:
    return by_ascii(text, "contains", pattern)


def replace_all(text: pl.Expr, pattern: str, value: str) -> pl.Expr:
    return by_ascii(text, "replace_all", pattern, value)


def extract_groups(text: pl.Expr, pattern: str) -> pl.Expr:
    return by_ascii(text, "extract_groups", pattern)


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
    marked_text = _marked_text(pattern, ascii_twin, _FORMS.get())
    # One regex pass per sentence: the matches are marked, and a sentence without a marker
    # (a literal test) has none. (Testing the pattern first scanned every matching sentence
    # twice.) A row index stops predicate pushdown, so the sentences a caller's filter (or the
    # trigger) keeps are materialised first: otherwise polars folds that filter into the
    # marking and runs the full pattern over every sentence anyway.
    marked = (
        sentences.with_row_index("_barrier")
        .select(*_MARKED_COLUMNS, marked_text)
        .filter(pl.col("marked").str.contains(_CLOSE, literal=True))
        .select(*_MARKED_NAMES, pl.col("marked").str.split(_OPEN).alias("pieces"))
    )
    exploded = (
        marked.with_columns(_PIECE_NO)
        .explode("pieces", "piece_no", empty_as_null=False)
        .with_columns(*_PIECE_MATCH)
        .with_columns(_PIECE_BEFORE)
        .with_columns(_PIECE_OFFSET)
    )
    return (
        exploded.filter(_IS_MATCH).select(*_SPAN_COLUMNS).sort("doc_id", "sentence_no", "match_no")
    )


@functools.cache
def without_groups(pattern: str) -> str:
    """``pattern`` with every capture group, named or not, made non-capturing: the same
    matches (groups never change what matches, only what is reported)."""
    out: list[str] = []
    depth = 0  # nesting of [...] classes, where "(" is a literal
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if ch == "(" and not depth:
            if pattern.startswith(("(?P<", "(?<"), i):
                out.append("(?:")
                i = pattern.index(">", i) + 1
                continue
            if not pattern.startswith("(?", i):
                out.append("(?:")
                i += 1
                continue
        out.append(ch)
        i += 1
        if ch == "[":
            depth += 1
            i = _class_start(pattern, i, out)
        elif ch == "]" and depth:
            depth -= 1
    return "".join(out)


# Cached: find_spans runs ~150 patterns per extract_all call; their expressions are the same
# every call (and polars builds them in Python, ~0.3 ms each).
@functools.cache
def _marked_text(pattern: str, ascii_twin: bool, forms: PatternForms) -> pl.Expr:
    """The sentence with each match wrapped in the markers (an empty match too)."""
    marker = f"{_OPEN}${{0}}{_CLOSE}"
    # Without capture groups: a "${0}" replacement asks Rust's regex for every group of every
    # match, which runs its slow capture engine; with none it needs only the fast automata
    # (measured: half the time for the big money and quantity patterns).
    pattern = without_groups(pattern)
    if ascii_twin:
        marked = _by_ascii_on_column("text", forms, "replace_all", pattern, marker)
    else:
        marked = pl.col("text").str.replace_all(pattern, marker)
    return marked.alias("marked")


# The steps of find_spans that do not depend on the pattern, built once.
_MARKED_COLUMNS = (
    pl.col("doc_id"),
    pl.col("sentence_no"),
    pl.col("char_start").alias("sentence_start"),
    pl.col("text").alias("sentence"),
)
_MARKED_NAMES = ("doc_id", "sentence_no", "sentence_start", "sentence")
_PIECE_NO = pl.int_ranges(0, pl.col("pieces").list.len(), dtype=pl.Int32).alias("piece_no")
_PIECE_MATCH = (
    # A piece after the first is "<match>\x02<text up to the next match>".
    pl.when(pl.col("piece_no") > 0)
    .then(pl.col("pieces").str.split(_CLOSE).list.first())
    .otherwise(pl.lit(None, dtype=pl.String))
    .alias("match"),
    pl.col("pieces")
    .str.replace_all(_CLOSE, "", literal=True)
    .str.len_chars()
    .cast(pl.Int64)
    .alias("plain_len"),
)
_PIECE_BEFORE = (pl.col("plain_len").cum_sum() - pl.col("plain_len")).alias("before")
# Pieces of a sentence are consecutive rows from piece 0: the running total of lengths, less
# its value at the sentence's first piece, is the offset in it.
_PIECE_OFFSET = (
    pl.col("before") - pl.when(pl.col("piece_no") == 0).then(pl.col("before")).forward_fill()
).alias("offset")
_IS_MATCH = pl.col("match").is_not_null() & (pl.col("match") != "")
_SPAN_COLUMNS = (
    pl.col("doc_id"),
    pl.col("sentence_no"),
    pl.col("sentence_start"),
    pl.col("sentence"),
    (pl.col("piece_no") - 1).alias("match_no"),
    pl.col("match"),
    (pl.col("sentence_start") + pl.col("offset")).cast(pl.Int32).alias("char_start"),
    (pl.col("sentence_start") + pl.col("offset") + pl.col("match").str.len_chars())
    .cast(pl.Int32)
    .alias("char_end"),
)


def context_before(span_start: pl.Expr, width: int) -> pl.Expr:
    """Up to ``width`` characters of the sentence before a span (needs find_spans columns)."""
    local = span_start - pl.col("sentence_start")
    begin = pl.max_horizontal(local - width, pl.lit(0))
    return pl.col("sentence").str.slice(begin, local - begin)


def context_after(span_end: pl.Expr, width: int) -> pl.Expr:
    """Up to ``width`` characters of the sentence after a span."""
    return pl.col("sentence").str.slice(span_end - pl.col("sentence_start"), width)
