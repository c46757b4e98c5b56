"""Unicode and whitespace normalisation of raw article text (pure polars expressions).

After this step text has: straight ASCII quotes and apostrophes, ASCII hyphens for every dash,
plain spaces (no NBSP, no zero-width or bidi controls), ligatures and full-width forms folded
(NFKC), ``\\n`` line ends, no trailing spaces, and at most one blank line in a row. Downstream
rules can therefore match ``'`` and ``"`` and ``-`` only.
"""

from __future__ import annotations

import polars as pl

NORMALISE_VERSION = "1"

# Each step is (pattern, replacement, can_match_ascii). Character classes are kept to at most
# ten characters where they can be: the regex engine then scans for them as literals, several
# times faster than a wider class (the deletions are split for that; order between them does
# not matter). Steps that cannot match ASCII are skipped for ASCII-only texts (most news).

# Replaced *before* NFKC: NFKC would turn some of them into a space plus a combining mark
# (U+00B4) or into a plain letter ("ⓒ" -> "c", losing the copyright sign).
_BEFORE_NFKC: tuple[tuple[str, str, bool], ...] = (
    ("[\u24b8\u24d2]", "\u00a9", False),  # circled C -> ©
    ("\r\n?", "\n", True),
    (r"[\x0b\x0c]", "\n", True),
    ("[\u2028\u2029\x85]", "\n", False),
    ("\u0060", "'", True),
    ("[\u2018\u2019\u201a\u201b\u2032\u00b4]", "'", False),
    ("[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u301d\u301e]", '"', False),
    ("[\u2014\u2015\u2e3a\u2e3b]", " - ", False),  # em dash: a pause between words
    ("[\u2010\u2011\u2012\u2013\u2043\u2212\ufe58\ufe63\uff0d]", "-", False),
    # Soft hyphen, zero-width characters, bidi controls, BOM: invisible, and they break words.
    ("[\u00ad\u200b-\u200f\ufeff]", "", False),
    ("[\u202a-\u202e\u2060-\u2064]", "", False),
    ("[\u2066-\u2069]", "", False),
    # C0/C1 control characters other than newline and tab (NUL included).
    (r"[\x00-\x08]", "", True),
    (r"[\x0e-\x17]", "", True),
    (r"[\x18-\x1f\x7f]", "", True),
    (r"[\x80-\x84\x86-\x89]", "", False),
    (r"[\x8a-\x93]", "", False),
    (r"[\x94-\x9f]", "", False),
)

_AFTER_NFKC: tuple[tuple[str, str, bool], ...] = (
    ("\t", " ", True),
    ("[\u00a0\u1680\u2000-\u2005]", " ", False),
    ("[\u2006-\u200a\u202f\u205f\u3000]", " ", False),
    (" {2,}", " ", True),
    # Spaces are single from here on, so dropping one next to a line end is the same as
    # "(?m)^ +| +$"; those at the very start or end are left to the final strip.
    (" \n", "\n", True),
    ("\n ", "\n", True),
    ("\n{3,}", "\n\n", True),
)


def _steps(text: pl.Expr, *, ascii_only: bool) -> pl.Expr:
    for pattern, replacement, can_match_ascii in _BEFORE_NFKC:
        if can_match_ascii or not ascii_only:
            text = text.str.replace_all(pattern, replacement)
    if not ascii_only:  # NFKC leaves ASCII as it is
        text = text.str.normalize("NFKC")
    for pattern, replacement, can_match_ascii in _AFTER_NFKC:
        if can_match_ascii or not ascii_only:
            text = text.str.replace_all(pattern, replacement)
    return text.str.strip_chars("\n ")


def normalise_text(text: pl.Expr) -> pl.Expr:
    """Normalise a string expression (see the module docstring)."""
    # polars computes both branches of a when/then for every row; each branch gets "" on the
    # rows of the other, so each text goes through one set of steps only.
    is_ascii = text.str.len_bytes() == text.str.len_chars()
    fast = _steps(pl.when(is_ascii).then(text).otherwise(pl.lit("")), ascii_only=True)
    full = _steps(pl.when(is_ascii).then(pl.lit("")).otherwise(text), ascii_only=False)
    return pl.when(is_ascii).then(fast).otherwise(full)


def normalise_inline(text: pl.Expr) -> pl.Expr:
    """Normalise a one-line field (title, author): as above, with newlines folded to spaces."""
    return normalise_text(text).str.replace_all(r"\s+", " ").str.strip_chars()
