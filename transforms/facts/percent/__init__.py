"""Percent facts: "16.3 percent", "76%", "5-6 pct", "0.5 percentage point", "50 basis points"."""

from transforms.facts.percent.rules import extract

VERSION = "1"

__all__ = ["VERSION", "extract"]
