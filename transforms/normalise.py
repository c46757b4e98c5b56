"""Unicode and whitespace normalisation of raw article text (pure polars expressions).

After this step text has: straight ASCII quotes and apostrophes, ASCII hyphens for every dash,
plain spaces (no NBSP, no zero-width or bidi controls), ligatures and full-width forms folded
(NFKC), ``\\n`` line ends, no trailing spaces, and at most one blank line in a row. Downstream
rules can therefore match ``'`` and ``"`` and ``-`` only.
"""

from __future__ import annotations

import polars as pl

NORMALISE_VERSION = "1"

# Character classes, replaced *before* NFKC: NFKC would turn some of them into a space plus a
# combining mark (U+00B4) or into a plain letter ("ⓒ" -> "c", losing the copyright sign).
_BEFORE_NFKC: tuple[tuple[str, str], ...] = (
    ("[\u24b8\u24d2]", "\u00a9"),  # circled C -> ©
    ("\r\n?", "\n"),
    (r"[\u2028\u2029\x0b\x0c\x85]", "\n"),
    ("[\u2018\u2019\u201a\u201b\u2032\u00b4\u0060]", "'"),
    ("[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u301d\u301e]", '"'),
    ("[\u2014\u2015\u2e3a\u2e3b]", " - "),  # em dash: a pause between words, keep words apart
    ("[\u2010\u2011\u2012\u2013\u2043\u2212\ufe58\ufe63\uff0d]", "-"),
    # Soft hyphen, zero-width characters, bidi controls, BOM: invisible, and they break words.
    ("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]", ""),
    # C0/C1 control characters other than newline and tab (NUL included).
    (r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]", ""),
)

_AFTER_NFKC: tuple[tuple[str, str], ...] = (
    ("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]", " "),
    (" {2,}", " "),
    ("(?m)^ +| +$", ""),
    ("\n{3,}", "\n\n"),
)


def normalise_text(text: pl.Expr) -> pl.Expr:
    """Normalise a string expression (see the module docstring)."""
    for pattern, replacement in _BEFORE_NFKC:
        text = text.str.replace_all(pattern, replacement)
    text = text.str.normalize("NFKC")
    for pattern, replacement in _AFTER_NFKC:
        text = text.str.replace_all(pattern, replacement)
    return text.str.strip_chars("\n ")


def normalise_inline(text: pl.Expr) -> pl.Expr:
    """Normalise a one-line field (title, author): as above, with newlines folded to spaces."""
    return normalise_text(text).str.replace_all(r"\s+", " ").str.strip_chars()
