"""Rank facts: "10th-largest phone vendor", "the world's largest bank", "No. 1", "top five"."""

from transforms.facts.rank.rules import extract

VERSION = "1"

__all__ = ["VERSION", "extract"]
