"""Stated dollar equivalents: a non-dollar money figure with its dollar value given right
beside it ("270.5 billion yen, or around $2.27 billion", "$1.13bn (£600m)").

Found at extraction time, where the sentence text is at hand, and stored on the facts row
(``usd_equivalent_fact_id``): the ``money_facts`` view then needs no article body."""

from transforms.facts.conversions.rules import MAX_GAP_CHARS, add_usd_equivalents

VERSION = "1"

__all__ = ["MAX_GAP_CHARS", "VERSION", "add_usd_equivalents"]
