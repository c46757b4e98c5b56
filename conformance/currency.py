"""Money extraction scored on Microsoft Recognizers-Text's English CurrencyModel spec.

Every Input goes through ``facts_from_texts`` (normalise, split, all kinds, overlaps,
context: the ``newsfacts extract`` path) and the money facts are compared with the gold
Results using the rule in ``conformance/common.py``. Suite-specific choices:

- Two scores: natural text, and lower-cased tokenised WSJ text ("$ 75 million", " , ").
  A case is *tokenised* when it has no upper-case letter and shows tokenisation: punctuation
  standing between spaces, a "$ " before a digit, a trailing or doubled space.
- Cases with a ``NotSupported`` field (some reference implementation fails them; they are
  mostly exotic forms such as "30 MUSD" or "10 $ 30 cent") are skipped and counted in a note,
  with how many of them we would get exactly right.
- Gold items without a value (a bare "dollar", "rmb") are not money amounts and are dropped
  (counted in a note); a case whose only items were such becomes a no-money case.
- Gold currency: ``isoCurrency`` when given, else the unit name mapped to ISO 4217. Sub-units
  follow the suite's meaning: "50 cents" is value 50 unit Cent, i.e. 0.50 USD, which is how
  we report it. A country-less "Franc" or "Rupee" accepts any franc or rupee code.
- Gold offsets are into the raw Input, ours into the normalised text: gold spans are mapped
  through a character alignment of the two (difflib), then matched by overlap.
"""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path
from typing import Any

import polars as pl

from conformance.common import Score, spans_overlap, values_equal

SUITE_PATHS = (
    "recognizers_text/NumberWithUnit/English/CurrencyModel.json",
    "recognizers_text/NumberWithUnit/CurrencyModel.json",
)

# Unit names of the suite -> (acceptable ISO codes, factor to the main unit).
UNIT_ISO: dict[str, tuple[frozenset[str], float]] = {
    "Dollar": (frozenset({"USD"}), 1.0),
    "Pound": (frozenset({"GBP"}), 1.0),
    "Cent": (frozenset({"USD"}), 0.01),
    "Pence": (frozenset({"GBP"}), 0.01),
    "Penny": (frozenset({"GBP"}), 0.01),
    "Franc": (frozenset({"CHF", "FRF", "BEF", "LUF", "XOF", "XAF"}), 1.0),
    "Rupee": (frozenset({"INR", "PKR", "LKR", "NPR"}), 1.0),
    "Peseta": (frozenset({"ESP"}), 1.0),
    "Finnish markka": (frozenset({"FIM"}), 1.0),
    "Netherlands guilder": (frozenset({"NLG"}), 1.0),
}

_TOKENISED = re.compile(r" [,.;:%'`()?!-] |\$ \d| [,.;:%?!]$| $|  ")


def is_tokenised(text: str) -> bool:
    """Lower-cased, tokenised WSJ text (see the module docstring)."""
    return not re.search(r"[A-Z]", text) and bool(_TOKENISED.search(text))


def suite_path(suites_dir: Path) -> Path | None:
    for relative in SUITE_PATHS:
        if (suites_dir / relative).exists():
            return suites_dir / relative
    return None


def gold_items(case: dict[str, Any]) -> tuple[list[tuple[int, int, float, frozenset[str]]], int]:
    """(start, end exclusive, value in main units, acceptable ISO codes), and items dropped."""
    items, dropped = [], 0
    for result in case["Results"]:
        resolution = result["Resolution"]
        if resolution.get("value") is None:
            dropped += 1
            continue
        iso = resolution.get("isoCurrency")
        codes, factor = (
            (frozenset({iso}), 1.0) if iso else UNIT_ISO.get(resolution["unit"], (frozenset(), 1.0))
        )
        value = float(resolution["value"]) * factor
        items.append((result["Start"], result["End"] + 1, value, codes))
    return items, dropped


def offset_map(raw: str, normalised: str) -> list[int]:
    """For each raw offset 0..len(raw), the corresponding offset in the normalised text."""
    mapping = [0] * (len(raw) + 1)
    matcher = difflib.SequenceMatcher(None, raw, normalised, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for k in range(i1, i2 + 1):
            mapping[k] = j1 if tag != "equal" else j1 + (k - i1)
            if tag != "equal" and k == i2:
                mapping[k] = j2
    return mapping


def _facts(inputs: list[str]) -> tuple[list[str], dict[str, list[dict[str, Any]]]]:
    from transforms.facts import facts_from_texts
    from transforms.normalise import normalise_text

    texts = pl.DataFrame(
        {"doc_id": [str(i) for i in range(len(inputs))], "text": inputs,
         "published_at": [None] * len(inputs)},
        schema={"doc_id": pl.String, "text": pl.String, "published_at": pl.Datetime("us")},
    )  # fmt: skip
    normalised = texts.select(normalise_text(pl.col("text")))["text"].to_list()
    facts = facts_from_texts(texts).filter(pl.col("fact_type") == "money")
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for fact in facts.to_dicts():
        by_doc.setdefault(fact["doc_id"], []).append(fact)
    return normalised, by_doc


def score_case(
    raw: str, normalised: str, gold: list[tuple[int, int, float, frozenset[str]]],
    system: list[dict[str, Any]],
) -> tuple[int, int, int, int]:  # fmt: skip
    """(gold, system, gold found, system correct) for one case."""
    mapping = offset_map(raw, normalised)
    used: set[int] = set()
    found = 0
    for start, end, value, codes in gold:
        span = (mapping[min(start, len(raw))], mapping[min(end, len(raw))])
        for i, fact in enumerate(system):
            if i in used:
                continue
            if (
                spans_overlap(span, (fact["char_start"], fact["char_end"]))
                and values_equal(fact["value"], value)
                and fact["unit"] in codes
            ):
                used.add(i)
                found += 1
                break
    return len(gold), len(system), found, len(used)


def run(suites_dir: Path) -> list[Score]:
    natural = Score("recognizers-text currency (natural text)")
    tokenised = Score("recognizers-text currency (tokenised WSJ)")
    path = suite_path(suites_dir)
    if path is None:
        for score in (natural, tokenised):
            score.notes.append(f"skipped: no CurrencyModel.json under {suites_dir}")
        return [natural, tokenised]
    cases = json.loads(path.read_text(encoding="utf-8-sig"))
    normalised, facts = _facts([c["Input"] for c in cases])
    skipped = {id(natural): [0, 0], id(tokenised): [0, 0]}
    dropped = {id(natural): 0, id(tokenised): 0}
    for i, case in enumerate(cases):
        score = tokenised if is_tokenised(case["Input"]) else natural
        gold, n_dropped = gold_items(case)
        counts = score_case(case["Input"], normalised[i], gold, facts.get(str(i), []))
        if case.get("NotSupported"):
            skipped[id(score)][0] += 1
            skipped[id(score)][1] += counts[0] == counts[2] and counts[1] == counts[3]
            continue
        dropped[id(score)] += n_dropped
        score.add_case(*counts)
    for score in (natural, tokenised):
        n_skipped, n_right = skipped[id(score)]
        score.notes.append(
            f"{n_skipped} NotSupported cases skipped (we get {n_right} of them exactly right); "
            f"{dropped[id(score)]} value-less gold items (bare 'dollar') dropped"
        )
    return [natural, tokenised]
