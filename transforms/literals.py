"""Literal words a regex needs: every match contains one of them (derived from the pattern).

Sentences holding none of a rule's literals cannot match it, so the events trigger scan and
the sources rules skip them with one cheap literal test (``literal_gate``) instead of running
the regex over every sentence. The literals are read off the parsed pattern, never written
by hand: a hand-kept list that missed a word would silently drop events.

For each part of a pattern we know either its *exact* language (a small finite set of
strings: "sell", "sells", "sold") or a set of *factors* (every match contains one of them);
a concatenation keeps the most selective run of exact parts, an alternation unites its
branches' factors, and anything else (a class like ``\\w``, an optional part) needs nothing.
"""

from __future__ import annotations

import functools
import re
import re._constants as sre
import re._parser as sre_parse
from dataclasses import dataclass
from typing import Any

import polars as pl

from transforms.patterns import alternation

# Larger exact sets are given up (their cross products grow fast, and short words suffice).
_MAX_EXACT = 64


@dataclass(frozen=True)
class _Info:
    exact: frozenset[str] | None  # every string the part matches, when few
    factors: frozenset[str] | None  # every match contains one of these; None: no requirement


_NOTHING = _Info(None, None)
_EMPTY = _Info(frozenset({""}), None)


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective factor set: longest shortest word, then fewer words."""
    if a is None or "" in a:
        return None if b is None or "" in b else b
    if b is None or "" in b:
        return a
    return max(a, b, key=lambda s: (min(map(len, s)), -len(s)))


def _sequence(items: list[Any]) -> _Info:
    current: frozenset[str] | None = frozenset({""})
    best: frozenset[str] | None = None
    all_exact = True
    for item in items:
        info = _node(item)
        fits = current is not None and info.exact is not None
        if fits and len(current or ()) * len(info.exact or ()) <= _MAX_EXACT:
            current = frozenset(a + b for a in current or () for b in info.exact or ())
            continue
        all_exact = False
        best = _better(best, current)
        best = _better(best, info.factors)
        current = info.exact
    if all_exact and current is not None:
        return _Info(current, _better(None, current))
    return _Info(None, _better(best, current))


def _branch(branches: list[Any]) -> _Info:
    infos = [_sequence(list(b)) for b in branches]
    exacts = [i.exact for i in infos if i.exact is not None]
    exact: frozenset[str] | None = None
    if len(exacts) == len(infos):
        union = frozenset[str]().union(*exacts)
        exact = union if len(union) <= _MAX_EXACT else None
    needs = [i.exact if i.exact is not None else i.factors for i in infos]
    if any(n is None or "" in n for n in needs):
        return _Info(exact, None)
    return _Info(exact, frozenset[str]().union(*(n for n in needs if n is not None)))


def _repeat(low: int, high: int, sub: list[Any]) -> _Info:
    info = _sequence(sub)
    if low == 0:
        if high == 1 and info.exact is not None:
            return _Info(info.exact | {""}, None)
        return _NOTHING
    needs = info.exact if info.exact is not None else info.factors
    if low == high == 1:
        return _Info(info.exact, needs)
    return _Info(None, needs)


def _node(item: Any) -> _Info:
    op, arg = item
    if op is sre.LITERAL:
        return _Info(frozenset({chr(arg)}), frozenset({chr(arg)}))
    if op is sre.AT:
        return _EMPTY
    if op is sre.IN:
        if all(kind is sre.LITERAL for kind, _ in arg):
            chars = frozenset(chr(c) for _, c in arg)
            return _Info(chars, chars)
        return _NOTHING
    if op is sre.SUBPATTERN:
        _, add_flags, del_flags, sub = arg
        if add_flags & re.IGNORECASE or del_flags:
            return _NOTHING  # case folding: a literal may be written otherwise
        return _sequence(list(sub))
    if op is sre.BRANCH:
        return _branch(arg[1])
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, sub = arg
        return _repeat(low, high, list(sub))
    return _NOTHING  # anything else (".", "\\w", back-references): needs no literal


def _minimal(words: frozenset[str]) -> tuple[str, ...]:
    """Without words that contain another: a text holding "sells" holds "sell"."""
    return tuple(sorted(w for w in words if not any(o != w and o in w for o in words)))


def required_literals(pattern: str) -> tuple[str, ...] | None:
    """Literals of which every match of ``pattern`` contains at least one (matched as
    written: case-sensitive), or None when the pattern needs no literal."""
    # Rust's Unicode classes, unknown to Python's parser, as a class (which needs no literal).
    parsed = sre_parse.parse(re.sub(r"\\[pP]\{\w+\}", r"\\w", pattern))
    if parsed.state.flags & re.IGNORECASE:
        return None
    info = _sequence(list(parsed))
    factors = info.exact if info.exact is not None else info.factors
    if factors is None or "" in factors:
        return None
    return _minimal(factors)


@functools.cache
def literal_gate(pattern: str, column: str = "text") -> pl.Expr | None:
    """A cheap test that holds wherever ``pattern`` matches in ``column`` (it holds one of
    the pattern's required literals), or None when the pattern needs none: a regex then runs
    only on the rows that pass. An alternation of literals, not ``str.contains_any``: Rust's
    regex runs it with SIMD literal search, several times faster here."""
    literals = required_literals(pattern)
    if literals is None:
        return None
    return pl.col(column).str.contains(alternation(list(literals)))
