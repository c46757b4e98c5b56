"""Conformance of the percent kind and of the shared number / ordinal recognisers on the
Recognizers-Text English Number specs (``recognizers_text/Number[/English]``).

- PercentModel: inputs go through ``facts_from_texts`` (the ``newsfacts extract`` path);
  system items are percent facts (unit percent). A gold whose value is "null" (a bare
  "percent" with no number) is not a fact for us and is dropped, so such a case is exactly
  right when we report nothing. Our offsets are into the normalised text, which for these
  one-line inputs differs from the raw text only by stripped leading spaces: offsets are
  shifted back by that much.
- OrdinalModel: ``transforms/facts/rank/ordinals.py`` (ORDINAL + parse_ordinal) over the raw
  input. Scored twice: every case, and without the cases whose gold holds ordinal.relative
  items ("next", "last", "penultimate"), which we do not model (no news rank is "the one
  before the last").
- NumberModel: a "find all numbers" over the raw input with the shared numbers.py
  (SCALED_NUMBER + parse_scaled, plus a leading minus sign). Supported: digits with
  thousands commas and decimals, word numbers below 100, "a dozen", scale words and suffixes
  ("2 million", "10k", "1.2b", "13 lakh"). Not supported, scored as misses: fractions ("two
  thirds", "3/4"), compound word numbers ("one hundred and six" is two numbers), powers
  ("1e10"), "point" decimals, spaced thousands ("1 234 567"), "minus five".

NotSupported lists the reference *ports* (java, javascript, python) lacking a case; it says
nothing about the gold, so every case is scored and the count is noted.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import polars as pl

from conformance.common import Score, spans_overlap, values_equal

Item = tuple[int, int, float | str]  # start, end (exclusive), value


def _suite_dir(suites_dir: Path) -> Path:
    base = suites_dir / "recognizers_text" / "Number"
    return base / "English" if (base / "English").is_dir() else base


def _load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8-sig") as handle:
        cases: list[dict[str, Any]] = json.load(handle)
    return cases


def _number(value: object) -> float | None:
    text = str(value).strip().rstrip("%")
    try:
        return float(text)
    except ValueError:
        return None


def _gold(case: dict[str, Any], types: tuple[str, ...]) -> list[Item]:
    items: list[Item] = []
    for r in case.get("Results", []):
        raw = r.get("Resolution", {}).get("value")
        value: float | str | None = _number(raw)
        if r.get("TypeName") == "ordinal.relative":
            value = str(raw)  # "end-1", "current+1"
        if r.get("TypeName") in types and value is not None:
            items.append((int(r["Start"]), int(r["End"]) + 1, value))
    return items


def _score(score: Score, gold: list[Item], system: list[Item]) -> None:
    def hit(a: Item, b: Item) -> bool:
        return spans_overlap((a[0], a[1]), (b[0], b[1])) and values_equal(a[2], b[2])

    gold_found = sum(any(hit(g, s) for s in system) for g in gold)
    system_correct = sum(any(hit(s, g) for g in gold) for s in system)
    score.add_case(len(gold), len(system), gold_found, system_correct)


def _inputs(cases: list[dict[str, Any]]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "doc_id": [f"{i:05d}" for i in range(len(cases))],
            "text": [c["Input"] for c in cases],
            "published_at": [None] * len(cases),
        },
        schema={"doc_id": pl.String, "text": pl.String, "published_at": pl.Datetime("us")},
    )


def _by_doc(frame: pl.DataFrame, n: int) -> list[list[Item]]:
    """System items per case (doc_id is the case index)."""
    found: list[list[Item]] = [[] for _ in range(n)]
    for row in frame.iter_rows(named=True):
        found[int(row["doc_id"])].append((row["char_start"], row["char_end"], row["value"]))
    return found


def _raw_sentences(texts: pl.DataFrame) -> pl.LazyFrame:
    """Each raw input as one sentence at offset 0 (offsets then match the suite's)."""
    return texts.lazy().select(
        "doc_id",
        pl.lit(0, dtype=pl.Int32).alias("sentence_no"),
        pl.lit(0, dtype=pl.Int32).alias("char_start"),
        "text",
    )


def _percent_facts(texts: pl.DataFrame) -> pl.DataFrame:
    from transforms.facts import facts_from_texts

    facts = facts_from_texts(texts)
    return facts.filter((pl.col("fact_type") == "percent") & (pl.col("unit") == "percent"))


def _percent(directory: Path) -> Score:
    cases = _load(directory / "PercentModel.json")
    texts = _inputs(cases)
    facts = _percent_facts(texts)
    system = _by_doc(facts, len(cases))
    score = Score("RT PercentModel (facts_from_texts)")
    dropped = 0
    for case, found in zip(cases, system, strict=True):
        shift = len(case["Input"]) - len(case["Input"].lstrip(" \n"))
        dropped += sum(
            r.get("TypeName") == "percentage" and _number(r["Resolution"].get("value")) is None
            for r in case.get("Results", [])
        )
        _score(
            score, _gold(case, ("percentage",)), [(s + shift, e + shift, v) for s, e, v in found]
        )
    score.notes.append(f"{dropped} gold items without a number (value null) dropped")
    score.notes.append(
        f"{sum(bool(c.get('NotSupported')) for c in cases)} cases NotSupported by some port"
    )
    return score


def find_ordinals(sentences: pl.LazyFrame) -> pl.LazyFrame:
    """Every ordinal, absolute ("third" -> 3.0) or relative ("penultimate" -> "end-1"), as
    find_spans columns plus ``value`` (absolute) and ``relative`` (relative)."""
    from transforms.facts.rank.ordinals import (
        ORDINAL,
        RELATIVE_ORDINAL,
        SCALE_ORDINALS,
        parse_ordinal,
        parse_relative_ordinal,
    )
    from transforms.facts.spans import context_before, find_spans

    # One alternation: "the second to last" is one relative ordinal, not "second".
    spans = (
        find_spans(sentences, rf"(?:{RELATIVE_ORDINAL}|{ORDINAL})")
        .with_columns(relative=parse_relative_ordinal(pl.col("match")))
        .with_columns(
            value=pl.when(pl.col("relative").is_null()).then(parse_ordinal(pl.col("match")))
        )
    )
    # "a hundredth", "a trillionth": after "a" a bare scale ordinal is a fraction.
    fraction = pl.col("match").str.to_lowercase().is_in(SCALE_ORDINALS) & context_before(
        pl.col("char_start"), 4
    ).str.contains(r"(?i)\ban?\s+$")
    return spans.filter(
        (pl.col("value").is_not_null() | pl.col("relative").is_not_null()) & ~fraction
    )


def _ordinal(directory: Path) -> list[Score]:
    cases = _load(directory / "OrdinalModel.json")
    texts = _inputs(cases)
    frame = find_ordinals(_raw_sentences(texts)).collect()
    absolute = _by_doc(frame.filter(pl.col("relative").is_null()), len(cases))
    relative = _by_doc(
        frame.filter(pl.col("relative").is_not_null()).with_columns(value=pl.col("relative")),
        len(cases),
    )
    every = Score("RT OrdinalModel (ordinals.py)")
    only_absolute = Score("RT OrdinalModel, ordinal type only")
    for case, abs_found, rel_found in zip(cases, absolute, relative, strict=True):
        _score(every, _gold(case, ("ordinal", "ordinal.relative")), abs_found + rel_found)
        _score(only_absolute, _gold(case, ("ordinal",)), abs_found)
    every.notes.append(
        f"{sum(bool(c.get('NotSupported')) for c in cases)} cases NotSupported by some port"
    )
    only_absolute.notes.append("ordinal.relative gold and our relative ordinals both ignored")
    return [every, only_absolute]


def find_numbers(sentences: pl.LazyFrame) -> pl.LazyFrame:
    """Every number numbers.py can read (find_spans columns plus ``value``)."""
    from transforms.facts.numbers import SCALED_NUMBER, parse_scaled
    from transforms.facts.spans import context_before, find_spans

    # "a dozen" first: numbers.py tries the article "a" before "a dozen"; ".08" has no \b.
    spans = find_spans(
        sentences, rf"(?:-\s*)?(?:\b(?i:an? dozen)\b|\.\d+\b|\b(?:{SCALED_NUMBER})\b)"
    )
    signed = pl.col("match").str.starts_with("-")
    # ".1" right after "192.168" is the next group of a dotted number, not a decimal.
    dotted = pl.col("match").str.starts_with(".") & context_before(
        pl.col("char_start"), 1
    ).str.contains(r"\w$")
    # A hyphen after a word or digit joins ("SCP-173"), it is no minus sign.
    joined = signed & context_before(pl.col("char_start"), 1).str.contains(r"\w$")
    body = pl.col("match").str.replace(r"^-\s*", "")
    return (
        spans.with_columns(
            value=pl.when(signed & ~joined).then(-parse_scaled(body)).otherwise(parse_scaled(body)),
            char_start=pl.when(joined)
            .then(pl.col("char_end") - body.str.len_chars().cast(pl.Int32))
            .otherwise("char_start"),
        )
        # "a"/"an" alone are articles, not "one".
        .filter(
            pl.col("value").is_not_null() & ~body.str.to_lowercase().is_in(["a", "an"]) & ~dotted
        )
    )


def _number_model(directory: Path) -> Score:
    cases = _load(directory / "NumberModel.json")
    texts = _inputs(cases)
    found = _by_doc(find_numbers(_raw_sentences(texts)).collect(), len(cases))
    score = Score("RT NumberModel (numbers.py find-all)")
    for case, system in zip(cases, found, strict=True):
        _score(score, _gold(case, ("number",)), system)
    score.notes.append(
        f"{sum(bool(c.get('NotSupported')) for c in cases)} cases NotSupported by some port"
    )
    score.notes.append("fractions, powers, 'point' decimals, compound word numbers: unsupported")
    return score


def run(suites_dir: Path) -> list[Score]:
    directory = _suite_dir(suites_dir)
    if not (directory / "PercentModel.json").is_file():
        return [Score("RT Number", notes=[f"skipped: no suite at {directory}"])]
    return [_percent(directory), *_ordinal(directory), _number_model(directory)]
