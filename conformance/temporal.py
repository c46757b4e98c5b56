"""Conformance of the date kind (dates, times, durations) on public temporal suites.

Suites (under ``suites_dir``):

- TempEval-3 (TimeBank, AQUAINT): each document goes through ``facts_from_texts`` with its
  creation date as ``published_at``. Our offsets are into the *normalised* text, so they are
  mapped back to the raw text through the matching blocks of a character alignment
  (difflib) of normalised vs raw text. A gold TIMEX3 is found when a date fact, or a duration
  quantity rendered as an ISO duration ("P3Y", "P2M", "P1W", "P5D", "PT4H", "PT30M"),
  overlaps its span with an equal value (``tempeval_equal``). System items: every date fact
  and duration. Two gold conventions are translated, never loosened beyond them:
  placeholders -- a gold value with "X" digits names a period the annotator left partly
  unspecified, so our value matches when it has the same form and agrees on every digit the
  gold gives ("1989-WXX" ~ "1989-W42", "1989-QX" ~ "1989-Q3"), and trailing placeholders
  add nothing to what is given ("1949-XX" = the year "1949", "199X" = the decade "199",
  "19XX" = the century "19"); a gold year "XXXX" marks a generic or recurring reference
  (SET), which no dated value matches. Parts of day -- a gold day ("1998-10-23", often on
  "Friday" of "Friday night") is matched by that day refined with a part of day
  ("1998-10-23TNI"), as TIMEX3 writes "Friday night" at day granularity plus TNI.
- Recognizers-Text DateTimeModel (English): cases with a reference date, skipping those the
  .NET reference itself does not support. Scored subset: results of type date, daterange
  and duration whose timex is a single value (not an interval "(a,b,P..)"); other results
  (time, datetime, timerange, set, ...) are not scored, and our facts overlapping them are
  not counted as system items. A gold "XXXX-..." timex (year left open) is compared with our
  value with its year masked; "XXXX-WXX-n" (a weekday) with the ISO weekday of our day.
- dateparser: freshness cases ("2 hours ago"; now 2014-09-01T10:30) whose offset has only
  years/months/weeks/days, compared at our granularity (a day fact: the date; a month /
  year / week fact: that period of the expected date); search-and-parse cases, each expected
  (substring, datetime) pair compared the same way (published = RELATIVE_BASE, else the
  suite's fixed now 2023-07-15).
"""

from __future__ import annotations

import calendar
import difflib
import json
import re
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import polars as pl

from conformance.common import Score, spans_overlap, values_equal

_DURATION_CODES = {
    "years": "Y",
    "months": "M",
    "weeks": "W",
    "days": "D",
    "hours": "TH",
    "minutes": "TM",
}


def _facts(texts: pl.DataFrame) -> pl.DataFrame:
    """Date facts and duration quantities of texts (doc_id, text, published_at)."""
    from transforms.facts import facts_from_texts

    facts = facts_from_texts(texts)
    return facts.filter(
        (pl.col("fact_type") == "date")
        | ((pl.col("fact_type") == "quantity") & (pl.col("category") == "duration"))
    )


def _normalised(texts: pl.DataFrame) -> dict[str, str]:
    from transforms.normalise import normalise_text

    frame = texts.select("doc_id", normalise_text(pl.col("text")).alias("norm"))
    return dict(zip(frame["doc_id"], frame["norm"], strict=True))


def _offset_map(norm: str, raw: str) -> list[int]:
    """raw offset of every normalised offset (and of len(norm)), from matching blocks."""
    mapping = [-1] * (len(norm) + 1)
    matcher = difflib.SequenceMatcher(None, norm, raw, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for i in range(size + 1):
            if a + i <= len(norm):
                mapping[a + i] = b + i
    last = 0
    for i, v in enumerate(mapping):  # unmatched characters take the previous position
        if v < 0:
            mapping[i] = last
        else:
            last = v
    return mapping


# A fraction of a unit in the next smaller one ("2 1/2 years" = P2Y6M, "5 1/2 hours" = PT5H30M).
_SUB_UNITS = {"Y": (12, "M"), "M": (30, "D"), "W": (7, "D"), "D": (24, "TH"), "TH": (60, "TM")}


def fact_value(fact: dict[str, Any]) -> str | None:
    """Our value as a TIMEX3 value: the unit of a date, an ISO duration for durations.

    A duration without a number ("several years": value NULL) is TIMEX3's "PXY"; a
    fractional one is split into whole units ("2.5 years" -> "P2Y6M") as TIMEX3 writes it."""
    if fact["fact_type"] == "date":
        return str(fact["unit"])
    value, code = fact["value"], _DURATION_CODES.get(fact["unit"] or "")
    if code is None:
        return None
    if value is None:
        return f"PTX{code[1]}" if code.startswith("T") else f"PX{code}"
    whole, parts = int(value), []
    if whole:
        parts.append((whole, code))
    if value != whole:
        factor, sub = _SUB_UNITS.get(code, (0, ""))
        rest = (value - whole) * factor
        if not factor or rest != int(rest):
            return None
        parts.append((int(rest), sub))
    date_part = "".join(f"{n}{c}" for n, c in parts if not c.startswith("T"))
    time_part = "".join(f"{n}{c[1]}" for n, c in parts if c.startswith("T"))
    return "P" + date_part + (f"T{time_part}" if time_part else "")


def _raw_spans(
    facts: pl.DataFrame, texts: pl.DataFrame
) -> dict[str, list[tuple[int, int, str | None]]]:
    raw = dict(zip(texts["doc_id"], texts["text"], strict=True))
    norm = _normalised(texts)
    spans: dict[str, list[tuple[int, int, str | None]]] = {d: [] for d in raw}
    maps = {d: _offset_map(norm[d], raw[d]) for d in raw}
    for fact in facts.to_dicts():
        m = maps[fact["doc_id"]]
        spans[fact["doc_id"]].append((m[fact["char_start"]], m[fact["char_end"]], fact_value(fact)))
    return spans


def _texts(rows: list[tuple[str, str, datetime | None]]) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema={"doc_id": pl.String, "text": pl.String, "published_at": pl.Datetime("us")},
        orient="row",
    )


def _score_case(
    score: Score,
    gold: list[tuple[int, int, str]],
    system: list[tuple[int, int, str | None]],
    same: Any = values_equal,
) -> None:
    found = sum(
        any(
            spans_overlap((gs, ge), (ss, se)) and v is not None and same(v, gv)
            for ss, se, v in system
        )
        for gs, ge, gv in gold
    )
    correct = sum(
        any(
            spans_overlap((gs, ge), (ss, se)) and v is not None and same(v, gv)
            for gs, ge, gv in gold
        )
        for ss, se, v in system
    )
    score.add_case(len(gold), len(system), found, correct)


def _week_padded(value: str) -> str:
    """AQUAINT writes some ISO weeks unpadded ("2000-W7"); TIMEX3 pads them ("2000-W07")."""
    year, _, week = value.partition("-W")
    return f"{year}-W{int(week):02d}" if week.isdigit() else value


_PARTS_OF_DAY = ("TMO", "TAF", "TEV", "TNI")


def tempeval_equal(ours: str, gold: str) -> bool:
    """Our value equals a TempEval-3 gold value, with the translations of the docstring."""
    ours, gold = ours.strip().upper(), gold.strip().upper()
    if ours == gold:
        return True
    if len(gold) == 10 and gold[:4].isdigit() and ours[:10] == gold:
        return ours[10:] in _PARTS_OF_DAY
    if "X" not in gold or gold.startswith("XXXX"):
        return False
    # "1949-XX" -> "1949", "1998-XX-XX" -> "1998", "199X" -> "199"; "1989-WXX" keeps its X.
    given = re.sub(r"(?<=\d)X+$", "", re.sub(r"(?:-X+)+$", "", gold))
    if "X" not in given:
        return ours == given
    return len(ours) == len(gold) and all(g in ("X", o) for o, g in zip(ours, gold, strict=True))


def tempeval(path: Path, name: str) -> Score:
    docs = [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    texts = _texts([(d["doc_id"], d["text"], datetime.fromisoformat(d["dct"])) for d in docs])
    spans = _raw_spans(_facts(texts), texts)
    score = Score(f"tempeval3 {name} (TIMEX3 values)")
    for d in docs:
        gold = [(t["start"], t["end"], _week_padded(t["value"])) for t in d["timexes"]]
        _score_case(score, gold, spans[d["doc_id"]], tempeval_equal)
    score.notes.append(
        "a gold TIMEX3 (DATE/TIME/DURATION/SET) is found by an overlapping fact with the same "
        "value (placeholders and parts of day translated: see conformance/temporal.py)"
    )
    return score


def _masked_equal(ours: str, gold: str) -> bool:
    if values_equal(ours, gold):
        return True
    if gold.startswith("XXXX-WXX-") and len(ours) == 10 and ours[:4].isdigit():
        try:
            return date.fromisoformat(ours).isoweekday() == int(gold[-1])
        except ValueError:
            return False
    if gold.startswith("XXXX") and len(ours) >= 4:
        return values_equal("XXXX" + ours[4:], gold)
    return False


_SCORED_TYPES = {"datetimeV2.date", "datetimeV2.daterange", "datetimeV2.duration"}


def recognizers(path: Path) -> Score:
    cases = json.loads(path.read_text(encoding="utf-8-sig"))
    kept = [
        c for c in cases
        if (c.get("Context") or {}).get("ReferenceDateTime")
        and "dotnet" not in str(c.get("NotSupported", "")).lower()
    ]  # fmt: skip
    texts = _texts(
        [
            (str(i), c["Input"], datetime.fromisoformat(c["Context"]["ReferenceDateTime"]))
            for i, c in enumerate(kept)
        ]
    )
    spans = _raw_spans(_facts(texts), texts)
    score = Score("recognizers_text DateTimeModel (date/daterange/duration)")
    for i, case in enumerate(kept):
        gold, unscored = [], []
        for r in case.get("Results", []):
            timexes = [v.get("timex", "") for v in r["Resolution"].get("values", [])]
            span = (r["Start"], r["End"] + 1)
            if r.get("TypeName") in _SCORED_TYPES and timexes and not timexes[0].startswith("("):
                gold.append((span[0], span[1], timexes[0]))
            else:
                unscored.append(span)
        system = [
            s for s in spans[str(i)] if not any(spans_overlap((s[0], s[1]), u) for u in unscored)
        ]
        _score_case(score, gold, system, _masked_equal)
    score.notes.append(
        f"{len(kept)} of {len(cases)} cases (reference date given, supported by the .NET "
        "reference); "
        "time/datetime/timerange/datetimerange/set and interval timexes not scored"
    )
    return score


def _minus(
    now: date, years: int = 0, months: int = 0, weeks: int = 0, days: int = 0, sign: int = -1
) -> date:
    idx = now.year * 12 + now.month - 1 + sign * (years * 12 + months)
    y, m = divmod(idx, 12)
    d = min(now.day, calendar.monthrange(y, m + 1)[1])
    return date(y, m + 1, d) + timedelta(days=sign * (7 * weeks + days))


def _period_equal(fact: dict[str, Any], expected: date) -> bool:
    granularity, unit = fact.get("date_granularity"), str(fact.get("unit"))
    if granularity in ("day", "time"):
        return fact.get("value_date") == expected
    if granularity == "month":
        return unit == expected.strftime("%Y-%m")
    if granularity == "year":
        return unit == str(expected.year)
    if granularity == "week":
        iso = expected.isocalendar()
        return unit == f"{iso.year}-W{iso.week:02d}"
    return False


def _dateparser_score(
    name: str, cases: list[tuple[str, datetime, list[tuple[str, date]]]], note: str
) -> Score:
    texts = _texts([(str(i), text, now) for i, (text, now, _) in enumerate(cases)])
    facts = _facts(texts).filter(pl.col("fact_type") == "date")
    norm = _normalised(texts)
    score = Score(name)
    for i, (_, _, expected) in enumerate(cases):
        ours = facts.filter(pl.col("doc_id") == str(i)).to_dicts()
        found = correct = 0
        used: set[int] = set()
        for surface, when in expected:
            start = norm[str(i)].lower().find(surface.lower())
            for j, fact in enumerate(ours):
                if j in used or start < 0:
                    continue
                if spans_overlap(
                    (start, start + len(surface)), (fact["char_start"], fact["char_end"])
                ) and _period_equal(fact, when):
                    found += 1
                    correct += 1
                    used.add(j)
                    break
        score.add_case(len(expected), len(ours), found, correct)
    score.notes.append(note)
    return score


def dateparser(suite: Path) -> list[Score]:
    now = datetime(2014, 9, 1, 10, 30)
    fresh_cases = []
    skipped = 0
    for case in json.loads((suite / "dateparser_freshness_en.json").read_text(encoding="utf-8")):
        kwargs = case["kwargs"]
        offset, sign = (kwargs["ago"], -1) if "ago" in kwargs else (kwargs.get("in_future", {}), 1)
        if not offset or set(offset) - {"years", "months", "weeks", "days"}:
            skipped += 1
            continue
        expected = _minus(now.date(), **{k: int(v) for k, v in offset.items()}, sign=sign)
        fresh_cases.append((case["args"][0], now, [(case["args"][0], expected)]))
    search_cases = []
    for case in json.loads((suite / "dateparser_search_en.json").read_text(encoding="utf-8")):
        if case["test"] != "test_search_and_parse":
            continue
        settings = case["kwargs"].get("settings") or {}
        base = datetime.fromisoformat(settings.get("RELATIVE_BASE", "2023-07-15T12:00:00"))
        pairs = [(s, datetime.fromisoformat(v[:19]).date()) for s, v in case["args"][2]]
        search_cases.append((case["args"][1], base, pairs))
    return [
        _dateparser_score(
            "dateparser freshness (relative, day-level)",
            fresh_cases,
            f"{len(fresh_cases)} cases with a year/month/week/day offset "
            f"({skipped} with hours/minutes skipped); "
            "compared at our granularity",
        ),
        _dateparser_score(
            "dateparser search_and_parse",
            search_cases,
            "expected (substring, date) pairs, compared at our granularity",
        ),
    ]


def run(suites_dir: Path) -> list[Score]:
    scores: list[Score] = []
    tempeval_dir = suites_dir / "tempeval3"
    if tempeval_dir.exists():
        scores.append(tempeval(tempeval_dir / "tbaq_timebank.jsonl", "TimeBank"))
        scores.append(tempeval(tempeval_dir / "tbaq_aquaint.jsonl", "AQUAINT"))
    model = suites_dir / "recognizers_text" / "DateTime" / "English" / "DateTimeModel.json"
    if not model.exists():
        model = suites_dir / "recognizers_text" / "DateTime" / "DateTimeModel.json"
    if model.exists():
        scores.append(recognizers(model))
    if (suites_dir / "dateparser").exists():
        scores += dateparser(suites_dir / "dateparser")
    return scores


if __name__ == "__main__":
    from conformance.common import SUITES_DIR, format_table

    print(format_table(run(SUITES_DIR)))
