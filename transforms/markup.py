"""Markdown to plain text (pure polars): the article text of a ``.md`` file.

Only the syntax news exports use: headings, emphasis, links, images, block quotes, bullets,
horizontal rules and code fences. Link text is kept, link targets dropped; images are dropped
(their alt text is not article text).
"""

from __future__ import annotations

import polars as pl

_MARKDOWN: tuple[tuple[str, str], ...] = (
    (r"(?m)^ {0,3}(?:```|~~~).*$", ""),  # code fences (the code itself is kept as text)
    (r"(?m)^ {0,3}(?:[-*_] *){3,}$", ""),  # horizontal rules
    (r"!\[[^\]\n]*\]\([^)\n]*\)", ""),  # images
    (r"\[([^\]\n]+)\]\([^)\n]*\)", "$1"),  # links -> their text
    (r"\[([^\]\n]+)\]\[[^\]\n]*\]", "$1"),  # reference links
    (r"(?m)^ {0,3}\[[^\]\n]+\]:\s+\S+.*$", ""),  # link reference definitions
    (r"(?m)^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$", "$1"),  # ATX headings
    (r"(?m)^ {0,3}>\s?", ""),  # block quotes
    (r"(?m)^ {0,3}[-*+]\s+", ""),  # bullets
    (r"\*\*([^*\n]+)\*\*", "$1"),
    (r"__([^_\n]+)__", "$1"),
    (r"(^|[\s(])\*([^*\s][^*\n]*)\*", "$1$2"),
    (r"(^|[\s(])_([^_\s][^_\n]*)_", "$1$2"),
    (r"`([^`\n]+)`", "$1"),
)


def markdown_to_text(text: pl.Expr) -> pl.Expr:
    for pattern, replacement in _MARKDOWN:
        text = text.str.replace_all(pattern, replacement)
    return text
