"""Scoring shared by the conformance suites.

Matching rule (every suite): a gold item is *found* when the system produced an item whose
span overlaps it (character offsets, or the same surface when the suite gives no offsets)
and whose normalised value equals the gold value (numbers compared with a relative
tolerance of 1e-9; strings case-insensitively; units/currencies as ISO codes). A case is
*exactly right* when every gold item is found and nothing else of the measured kind was
produced. Precision = found system items / system items; recall = found gold items / gold
items.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

SUITES_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "suites"


@dataclass
class Score:
    suite: str
    cases: int = 0
    exact: int = 0
    gold: int = 0
    system: int = 0
    gold_found: int = 0
    system_correct: int = 0
    notes: list[str] = field(default_factory=list)

    def add_case(self, gold: int, system: int, gold_found: int, system_correct: int) -> None:
        self.cases += 1
        self.gold += gold
        self.system += system
        self.gold_found += gold_found
        self.system_correct += system_correct
        if gold_found == gold and system_correct == system:
            self.exact += 1

    @property
    def exact_rate(self) -> float:
        return self.exact / self.cases if self.cases else math.nan

    @property
    def precision(self) -> float:
        return self.system_correct / self.system if self.system else math.nan

    @property
    def recall(self) -> float:
        return self.gold_found / self.gold if self.gold else math.nan

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r > 0 else math.nan


def values_equal(a: object, b: object) -> bool:
    if isinstance(a, int | float) and isinstance(b, int | float):
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-12)
    if isinstance(a, str) and isinstance(b, str):
        return a.strip().lower() == b.strip().lower()
    return a == b


def spans_overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def format_table(scores: list[Score]) -> str:
    header = (
        f"{'suite':<44} {'cases':>6} {'exact':>7} {'exact%':>7} {'prec':>6} {'recall':>6} {'f1':>6}"
    )
    rows = [header, "-" * len(header)]
    for s in scores:
        rows.append(
            f"{s.suite:<44} {s.cases:>6} {s.exact:>7} {100 * s.exact_rate:>6.1f}% "
            f"{s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}"
        )
        rows += [f"    note: {n}" for n in s.notes]
    return "\n".join(rows)
