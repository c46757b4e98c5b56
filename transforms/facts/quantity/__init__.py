"""Quantity facts: a number and the thing it counts or measures (see ``rules.py``).

    extract(sentences, documents) -> CANDIDATES rows with fact_type "quantity"

Bump VERSION whenever a rule or word list changes the output."""

from __future__ import annotations

from transforms.facts.quantity.rules import extract

__all__ = ["VERSION", "extract"]

VERSION = "1"
