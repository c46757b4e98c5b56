"""Regex rules of the sentence splitter, as module-level pattern strings built once.

The splitter never changes the text except by inserting BOUNDARY characters, so the pieces
between boundaries concatenate back to the original body and their offsets are exact:

1. Masking. The period of an abbreviation that must not end a sentence is replaced by a
   private-use code point of the same length. HARD masks never end a sentence (titles,
   months, "e.g."); SOFT masks (dotted acronyms, initials, corporate and name suffixes) end
   one only when a word from SENTENCE_STARTERS follows, so they are turned back into "."
   in that case. Only a period followed by whitespace can be a boundary, so decimals,
   versions, domains and the inner periods of "U.S." need no masking at all.
2. Line rule. A single "\\n" is a boundary only after a short line (< 60 code points) with
   no trailing punctuation and before a line starting with an uppercase letter: a heading,
   a byline or a list item. Otherwise it is whitespace (hard-wrapped prose).
3. Paragraph rule. "\\n\\n" (any blank line) is always a boundary.
4. Punctuation rule. [.!?]+, then optional closing quotes/brackets, then whitespace, then
   optional opening quotes/brackets and an uppercase letter or a digit.

Quotations: a boundary inside a quotation is a boundary like any other ('"... deeply. And
the opportunity is huge," Totoki said.' splits after "deeply."); a closing quote stays
with the sentence before it, an opening quote goes with the sentence after it.

Rust's regex engine has no look-around, so every pattern captures the context it needs and
the replacement writes it back unchanged.
"""

from __future__ import annotations

import polars as pl

from transforms.patterns import (
    CORPORATE_SUFFIXES,
    CORPORATE_SUFFIXES_DOTTED,
    MONTHS_ABBREV,
    NAME_SUFFIXES,
    NAME_TITLES,
    NON_TERMINAL_ABBREVS,
    NUMBER_ABBREVS,
    SENTENCE_STARTERS,
    alternation,
)

# Inserted at every boundary; the text is split on it. A NUL already in the body is first
# swapped for SANITISED (same length) so it cannot be mistaken for a boundary.
BOUNDARY = "\x00"
SANITISED = "\ue003"
# Stand-ins for a masked period; one code point each, like the "." they replace.
HARD_MASK = "\ue000"
SOFT_MASK = "\ue001"

assert set(CORPORATE_SUFFIXES_DOTTED) <= set(CORPORATE_SUFFIXES)

# Word boundary in ASCII mode: every word the masks look for is ASCII, and Rust's regex runs
# the Unicode \b with a much slower engine (~4x for these patterns on news text).
_WB = r"(?-u:\b)"
_OPEN = r"""["'(\[]"""
_CLOSE = r"""["')\]]"""

# (pattern, replacement) pairs applied in order with str.replace_all.
# Each abbreviation pattern consumes the one whitespace character after the period: a period
# that is not followed by whitespace can never be a boundary, so it needs no mask.
_HARD_TITLES = sorted(set(NAME_TITLES) - set(NAME_SUFFIXES))
MASK_RULES: tuple[tuple[str, str], ...] = (
    # "Mr. Smith", "Sen. Warren", "St. Louis", "Aug. 28", "e.g. Apple", "vs. Google"
    (
        rf"{_WB}({alternation([*_HARD_TITLES, *MONTHS_ABBREV, *NON_TERMINAL_ABBREVS])})\.(\s)",
        rf"${{1}}{HARD_MASK}${{2}}",
    ),
    # "No. 1", "Nos. 3 and 4": only before a number.
    (rf"{_WB}({alternation(NUMBER_ABBREVS)})\.(\s+[0-9#])", rf"${{1}}{HARD_MASK}${{2}}"),
    # Dotted acronyms "U.S.", "a.m.", "p.m." (their last period only).
    (rf"{_WB}((?:[A-Za-z]\.)+[A-Za-z])\.(\s)", rf"${{1}}{SOFT_MASK}${{2}}"),
    # Single-letter initials "J. K. Rowling", "George W. Bush".
    (rf"{_WB}([A-Z])\.(\s)", rf"${{1}}{SOFT_MASK}${{2}}"),
    # "Sony Corp. said", "Martin Luther King Jr. said"
    (
        rf"{_WB}({alternation([*CORPORATE_SUFFIXES_DOTTED, *NAME_SUFFIXES])})\.(\s)",
        rf"${{1}}{SOFT_MASK}${{2}}",
    ),
    # A soft mask before a sentence-starting word is a real full stop again. The word must be
    # followed by whitespace, a comma or an apostrophe, so the initial "A." in "J. A. Smith"
    # is not taken for the article "A".
    (
        rf"""{SOFT_MASK}(\s+{_OPEN}*(?:{alternation(SENTENCE_STARTERS)})[\s,'])""",
        r".${1}",
    ),
)

# Line rule: a short line (at most 59 code points, its last character not punctuation or a
# masked period) followed by a line starting with an uppercase letter. The boundary goes
# BEFORE the "\n", and a line already ending in BOUNDARY does not match again, so the rule is
# simply applied twice: the first pass cannot mark consecutive short lines (the match
# consumed the next line's first letter), the second pass marks the ones it skipped.
LINE_RULE = (
    rf"(?m)^([^\n]{{0,58}}[^\s.!?,;:{BOUNDARY}{HARD_MASK}{SOFT_MASK}])"
    rf"\n([ \t]*{_OPEN}*\p{{Lu}})",
    "${1}" + BOUNDARY + "\n${2}",
)
# Paragraph rule: a blank line (possibly holding spaces) always separates sentences.
PARAGRAPH_RULE = (r"(\n\s*\n)", rf"${{1}}{BOUNDARY}")
# Punctuation rule: "?!" and "..." count as one terminator.
PUNCTUATION_RULE = (
    rf"([.!?]+{_CLOSE}*)(\s+)({_OPEN}*[\p{{Lu}}\p{{Lt}}0-9])",
    rf"${{1}}{BOUNDARY}${{2}}${{3}}",
)


def mark_boundaries(body: pl.Expr) -> pl.Expr:
    """The body with abbreviation periods masked and BOUNDARY inserted at every boundary.

    Removing the BOUNDARY characters gives a string of exactly the body's length, aligned code
    point for code point with the body.
    """
    text = body.str.replace_all(BOUNDARY, SANITISED, literal=True)
    for pattern, replacement in MASK_RULES:
        text = text.str.replace_all(pattern, replacement)
    for pattern, replacement in (LINE_RULE, LINE_RULE, PARAGRAPH_RULE, PUNCTUATION_RULE):
        text = text.str.replace_all(pattern, replacement)
    return text
