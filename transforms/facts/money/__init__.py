"""Money facts: amounts with a currency ("$2.27 billion", "270.5 billion yen", "20 cents")."""

from transforms.facts.money.rules import extract

VERSION = "1"

__all__ = ["VERSION", "extract"]
