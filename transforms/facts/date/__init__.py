"""The date fact kind: dates, times and (as quantities) durations; see rules.py."""

from transforms.facts.date.rules import extract

VERSION = "5"

__all__ = ["VERSION", "extract"]
