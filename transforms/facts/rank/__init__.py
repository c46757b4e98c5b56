"""Rank facts: "10th-largest phone vendor", "the world's largest bank", "No. 1", "top five"."""

from transforms.facts.rank.rules import extract

VERSION = "2"  # 2: a rank counts from 1 ("0th-largest" is no rank)

__all__ = ["VERSION", "extract"]
