"""Name spans found from text shape alone, shared by roles and sources.

A person is 1-4 capitalised words (initials allowed inside: "George W. Bush"); an
organisation is a capitalised sequence that may hold acronyms ("IBM", "U.S."), dotted
suffixes ("Corp."), "&" and inner "of"/"for" ("Bank of America"). These shapes over-match at
sentence starts ("On Monday Sony ..."), so callers trim leading words with ``leading_words``.

``group_spans`` turns a rule's named groups into code-point offsets: each rule's pattern is a
plain concatenation of named groups (every character of a match is inside exactly one group,
or inside an optional wrapper whose groups are then all NULL), so a group's start is the
match start plus the lengths of the groups before it.
"""

from __future__ import annotations

import functools

import polars as pl

from transforms.facts.spans import extract_groups
from transforms.patterns import (
    CORPORATE_SUFFIXES_DOTTED,
    MONTHS_ABBREV,
    MONTHS_FULL,
    SENTENCE_STARTERS,
    WEEKDAYS_FULL,
    alternation,
)

# "Tim", "McDonald", "O'Neill", "Jean-Pierre"; at least one lower-case letter, so "CEO" and
# "IBM" are never name words.
NAME_WORD = r"\p{Lu}(?:\p{Ll}+(?:\p{Lu}\p{Ll}+)?|['’]\p{Lu}\p{Ll}+)(?:-\p{Lu}?\p{Ll}+)?"
# Between name words: a middle initial ("George W. Bush") or particles ("Perez de la Mesa").
_NAME_GAP = r" (?:(?:de|da|van|von|der|den|del|la|le|di|du|bin|al|ter) ){0,2}(?:\p{Lu}\. )?"
PERSON = rf"{NAME_WORD}(?:{_NAME_GAP}{NAME_WORD}){{0,3}}"

# An organisation word: a dotted acronym ("U.S."), a dotted legal suffix ("Corp."), or a
# capitalised token ("Sony", "AT&T", "IBM", "Xiaomi", "T-Mobile", "3M").
ORG_WORD = (
    rf"(?:\p{{Lu}}\.(?:\p{{Lu}}\.)+|(?:{alternation(list(CORPORATE_SUFFIXES_DOTTED))})\."
    r"|\p{Lu}[\p{L}\p{N}&-]*|\p{N}\p{Lu}[\p{L}\p{N}]*)"
)
ORG = rf"{ORG_WORD}(?: (?:(?:of|for|de|&) )?{ORG_WORD}){{0,5}}"
# The shortest organisation that lets the rest of a pattern match: before a title it leaves
# title words to the title ("Japanese Prime Minister" -> "Japanese" + "Prime Minister").
ORG_SHORTEST = rf"{ORG_WORD}(?: (?:(?:of|for|de|&) )?{ORG_WORD}){{0,5}}?"

POSSESSIVE = r"(?:'s|’s|'|’)"

# Capitalised words that start a sentence or give a time, not part of a name:
# "On Monday Sony CEO ..." -> "Sony", "Tim Cook Tuesday" -> "Tim Cook".
NOT_NAME_WORDS: tuple[str, ...] = tuple(
    sorted(
        set(SENTENCE_STARTERS)
        | set(WEEKDAYS_FULL)
        | set(MONTHS_FULL)
        | set(MONTHS_ABBREV)
        | {"Former", "Ex", "Then", "Speaking", "Citing", "Analysts", "Shares", "Mr", "Mrs"}
        | {"Ms", "Dr", "Sir", "Dame", "Lord", "Today", "Yesterday", "Tomorrow"}
    )
)


# Cached: the word lists are long (NOT_NAME_WORDS), and ~20 calls per extract_all each
# escaped and sorted them again.
@functools.cache
def _alternation(words: tuple[str, ...]) -> str:
    return alternation(list(words))


def leading_words(text: pl.Expr, words: tuple[str, ...] | list[str]) -> pl.Expr:
    """Length (code points, Int32) of the run of ``words`` (each followed by a space) that
    starts ``text``: what to cut off its front."""
    run = text.str.extract(rf"^((?:(?:{_alternation(tuple(words))}) )*)", 1)
    return run.fill_null("").str.len_chars().cast(pl.Int32)


def trailing_words(text: pl.Expr, words: tuple[str, ...] | list[str]) -> pl.Expr:
    """Length (Int32) of the run of `` <word>`` at the end of ``text``."""
    run = text.str.extract(rf"((?: (?:{_alternation(tuple(words))}))*)$", 1)
    return run.fill_null("").str.len_chars().cast(pl.Int32)


def group_spans(spans: pl.LazyFrame, pattern: str, groups: tuple[str, ...]) -> pl.LazyFrame:
    """Add ``<group>`` (text, NULL when absent) and ``<group>_start`` (Int32 offset into
    body_text) for every named group of ``pattern`` to find_spans rows. ``groups`` lists all
    the named groups of ``pattern`` in textual order; together they cover each match."""
    parts = extract_groups(pl.col("match"), rf"^(?:{pattern})$")
    spans = spans.with_columns(_parts=parts).unnest("_parts")
    offset: pl.Expr = pl.col("char_start").cast(pl.Int32)
    starts = []
    for name in groups:
        starts.append(offset.alias(f"{name}_start"))
        offset = offset + pl.col(name).fill_null("").str.len_chars().cast(pl.Int32)
    return spans.with_columns(starts)
