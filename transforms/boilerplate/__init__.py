"""Boilerplate removal: line rules (``rules``) and their labelled examples (``corpus``)."""

from transforms.boilerplate.rules import BOILERPLATE_VERSION, RULE_ORDER, classify_lines

__all__ = ["BOILERPLATE_VERSION", "RULE_ORDER", "classify_lines"]
