"""Numeric facts scored on quantulum3's English quantity tests (101 cases, 148 quantities).

Every ``req`` goes through ``facts_from_texts`` (the ``newsfacts extract`` path) and every
numeric fact we produce -- money, percent and quantity (durations from the date kind are
quantities too) -- is compared with the gold ``res`` items by the rule in
``conformance/common.py``, with these suite-specific choices:

- Gold gives surfaces, not offsets: each gold surface (normalised like the text) is looked up
  in the normalised text, left to right, and matched by span overlap; a surface that cannot
  be found falls back to surface equality.
- Values: equal within 1e-9 relative. quantulum values a range by its midpoint ("10-15
  exabytes" = 12.5), so a range fact matches by its midpoint (or its low end).
- Units: ours are mapped to quantulum's names: money ISO codes via ``CURRENCY_NAMES``
  ("USD" -> "dollar"), percent -> "percentage", quantity units via ``UNIT_NAMES``
  ("kilometres" -> "kilometre"); any other quantity unit is a counted noun and matches
  quantulum's "dimensionless" ("50 cars" is gold "50", dimensionless). "times" is
  dimensionless too.
- Two scores: the strict one (value and unit), and ``value only`` (unit ignored), which says
  how much of the gap is unit naming rather than finding the number.

No target is set for this suite: it is physics- and recipe-heavy ("4e14 s-1", "1/4 inch",
"2.48x10-5"), and quantulum reports bare numbers ("Voyager 2", "1979") that a news fact
extractor deliberately does not.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import polars as pl

from conformance.common import Score, spans_overlap, values_equal

SUITE = "quantulum3/quantities.json"
NUMERIC_KINDS = ("money", "percent", "quantity")

CURRENCY_NAMES = {
    "USD": "dollar", "EUR": "euro", "GBP": "pound sterling", "JPY": "yen", "CNY": "yuan",
    "INR": "indian rupee", "CHF": "swiss franc", "CAD": "canadian dollar",
    "AUD": "australian dollar",
}  # fmt: skip

# Our quantity units (rules.MEASURE_UNITS canonical names, the date kind's duration units)
# -> quantulum unit names.
UNIT_NAMES = {
    "kilometres": "kilometre", "metres": "metre", "centimetres": "centimetre",
    "millimetres": "millimetre", "nanometres": "nanometre", "miles": "mile", "feet": "foot",
    "inches": "inch", "kilograms": "kilogram", "grams": "gram", "milligrams": "milligram",
    "tonnes": "tonne", "tons": "ton", "pounds": "pound-mass", "ounces": "ounce",
    "litres": "litre", "centilitres": "centilitre", "millilitres": "cubic centimetre",
    "gallons": "gallon", "square kilometres": "square kilometre", "square miles": "square mile",
    "square metres": "square metre", "square feet": "square foot",
    "cubic kilometres": "cubic kilometre", "cubic metres": "cubic metre",
    "cubic feet": "cubic foot", "acres": "acre", "hectares": "hectare", "barrels": "barrel",
    "watts": "watt", "kilowatts": "kilowatt", "megawatts": "megawatt", "gigawatts": "gigawatt",
    "watt hours": "watt hour", "kilowatt hours": "kilowatt hour",
    "megawatt hours": "megawatt hour", "gigawatt hours": "gigawatt hour",
    "megahertz": "megahertz", "gigahertz": "gigahertz", "bytes": "byte", "bits": "bit",
    "kilobytes": "kilobyte", "megabytes": "megabyte", "gigabytes": "gigabyte",
    "terabytes": "terabyte", "exabytes": "exabyte", "degrees celsius": "degree Celsius",
    "degrees fahrenheit": "degree fahrenheit", "kilometres per hour": "kilometre per hour",
    "miles per hour": "mile per hour", "years": "year", "year": "year", "months": "month",
    "month": "month", "weeks": "week", "week": "week", "days": "day", "day": "day",
    "hours": "hour", "hour": "hour", "minutes": "minute", "minute": "minute",
    "seconds": "second", "second": "second", "decades": "decade", "times": "dimensionless",
    "tons per day": "ton per day", "electronvolts": "electronvolt",
    "teraelectronvolts": "teraelectronvolt", "gigaelectronvolts": "gigaelectronvolt",
}  # fmt: skip
_MEASURE_NAMES = frozenset(UNIT_NAMES) - {"times"}


def quantulum_unit(fact: dict[str, Any]) -> str:
    """Our fact's unit in quantulum's vocabulary (see the module docstring)."""
    unit = str(fact["unit"] or "")
    if fact["fact_type"] == "money":
        return CURRENCY_NAMES.get(unit, unit.lower())
    if fact["fact_type"] == "percent":
        return "percentage"
    if unit.lower() in UNIT_NAMES:
        return UNIT_NAMES[unit.lower()]
    return "dimensionless"


def _values(fact: dict[str, Any]) -> list[float]:
    """Values a fact may match: its value, and a range's midpoint."""
    values = [fact["value"]] if fact["value"] is not None else []
    if fact["value"] is not None and fact["value_high"] is not None:
        values.append((fact["value"] + fact["value_high"]) / 2)
    return values


def _gold_spans(text: str, surfaces: list[str]) -> list[tuple[int, int] | None]:
    """Each gold surface's span in the normalised text, searched left to right."""
    spans: list[tuple[int, int] | None] = []
    cursor = 0
    for surface in surfaces:
        at = text.find(surface, cursor)
        if at < 0:
            at = text.find(surface)
        if at < 0:
            spans.append(None)
            continue
        spans.append((at, at + len(surface)))
        cursor = at + len(surface)
    return spans


def score_case(
    text: str, gold: list[dict[str, Any]], system: list[dict[str, Any]], *, check_unit: bool
) -> tuple[int, int, int, int]:
    """(gold, system, gold found, system correct) for one case."""
    spans = _gold_spans(text, [g["surface"] for g in gold])
    used: set[int] = set()
    for item, span in zip(gold, spans, strict=True):
        for i, fact in enumerate(system):
            if i in used:
                continue
            where = (
                spans_overlap(span, (fact["char_start"], fact["char_end"]))
                if span is not None
                else fact["surface"] == item["surface"]
            )
            if (
                where
                and any(values_equal(v, float(item["value"])) for v in _values(fact))
                and (not check_unit or values_equal(quantulum_unit(fact), item["unit"]))
            ):
                used.add(i)
                break
    return len(gold), len(system), len(used), len(used)


def _normalise(texts: list[str]) -> list[str]:
    from transforms.normalise import normalise_text

    frame = pl.DataFrame({"text": texts}, schema={"text": pl.String})
    return frame.select(normalise_text(pl.col("text")))["text"].to_list()


def run(suites_dir: Path) -> list[Score]:
    strict = Score("quantulum3 quantities (value + unit)")
    relaxed = Score("quantulum3 quantities (value only)")
    path = suites_dir / SUITE
    if not path.exists():
        for score in (strict, relaxed):
            score.notes.append(f"skipped: no {SUITE} under {suites_dir}")
        return [strict, relaxed]

    from transforms.facts import facts_from_texts

    cases = json.loads(path.read_text(encoding="utf-8"))
    inputs = [c["req"] for c in cases]
    texts = pl.DataFrame(
        {"doc_id": [str(i) for i in range(len(cases))], "text": inputs,
         "published_at": [None] * len(cases)},
        schema={"doc_id": pl.String, "text": pl.String, "published_at": pl.Datetime("us")},
    )  # fmt: skip
    facts = facts_from_texts(texts).filter(pl.col("fact_type").is_in(NUMERIC_KINDS))
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for fact in facts.to_dicts():
        by_doc.setdefault(fact["doc_id"], []).append(fact)

    normalised = _normalise(inputs)
    gold_surfaces = _normalise([g["surface"] for c in cases for g in c["res"]] or [""])
    at = 0
    unmatched_units: dict[str, int] = {}
    for i, case in enumerate(cases):
        gold = []
        for item in case["res"]:
            gold.append({**item, "surface": gold_surfaces[at]})
            at += 1
        system = by_doc.get(str(i), [])
        strict.add_case(*score_case(normalised[i], gold, system, check_unit=True))
        relaxed.add_case(*score_case(normalised[i], gold, system, check_unit=False))
        for fact in system:
            unit = quantulum_unit(fact)
            if not any(values_equal(unit, g["unit"]) for g in gold):
                unmatched_units[unit] = unmatched_units.get(unit, 0) + 1
    dimensionless = sum(g["unit"] == "dimensionless" for c in cases for g in c["res"])
    strict.notes.append(
        f"{dimensionless} of {strict.gold} gold items are bare numbers ('dimensionless'), "
        "which we report only when a counted noun follows"
    )
    if unmatched_units:
        listed = ", ".join(f"{u} x{n}" for u, n in sorted(unmatched_units.items()))
        strict.notes.append(f"our units with no gold item of that unit in the case: {listed}")
    return [strict, relaxed]
