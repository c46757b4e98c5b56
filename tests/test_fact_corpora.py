"""Every fact kind's corpus (transforms/facts/<kind>/corpus.py), run through the whole
extraction path: normalise, split sentences, extract all kinds, resolve overlaps, context.

A corpus module has POSITIVE, NEGATIVE and KNOWN_FAILURES lists of FactExample. An
example passes when the facts of that kind found in its text are exactly the expected ones
(same surfaces, in order) and every column an expectation names has the expected value.
Known failures are strict xfails: fixing one makes the suite say so."""

from __future__ import annotations

import importlib
import math
from datetime import date, datetime
from typing import Any

import polars as pl
import pytest

from transforms.facts import available_kinds, facts_from_texts
from transforms.facts.common import FactExample


def _corpora() -> dict[str, Any]:
    return {k: importlib.import_module(f"transforms.facts.{k}.corpus") for k in available_kinds()}


def _examples(group: str) -> list[Any]:
    params = []
    for kind, corpus in _corpora().items():
        for i, example in enumerate(getattr(corpus, group)):
            marks = [pytest.mark.xfail(strict=True)] if group == "KNOWN_FAILURES" else []
            note = example.note or example.text[:50]
            params.append(pytest.param(kind, example, id=f"{kind}-{i}-{note}", marks=marks))
    return params


@pytest.fixture(scope="module")
def all_facts() -> dict[str, list[dict[str, Any]]]:
    """Facts of every corpus text, from ONE extraction over all of them (one document per
    example): per-call set-up of the extractors is paid once, not once per example."""
    rows = []
    for kind, corpus in _corpora().items():
        for group in ("POSITIVE", "NEGATIVE", "KNOWN_FAILURES"):
            for i, example in enumerate(getattr(corpus, group)):
                published = datetime.fromisoformat(example.published) if example.published else None
                rows.append(
                    {
                        "doc_id": f"{kind}/{group}/{i}",
                        "text": example.text,
                        "published_at": published,
                    }
                )
    texts = pl.DataFrame(
        rows, schema={"doc_id": pl.String, "text": pl.String, "published_at": pl.Datetime("us")}
    )
    grouped: dict[str, list[dict[str, Any]]] = {r["doc_id"]: [] for r in rows}
    for fact in facts_from_texts(texts).sort("doc_id", "char_start").iter_rows(named=True):
        grouped[fact["doc_id"]].append(fact)
    return grouped


def _same(actual: object, expected: object) -> bool:
    if isinstance(expected, float) and isinstance(actual, int | float):
        return math.isclose(actual, expected, rel_tol=1e-9)
    if isinstance(expected, str) and isinstance(actual, date) and not isinstance(actual, datetime):
        return actual.isoformat() == expected
    return actual == expected


def check(kind: str, example: FactExample, facts: list[dict[str, Any]]) -> None:
    facts = [f for f in facts if f["fact_type"] == kind]
    assert [f["surface"] for f in facts] == [e["surface"] for e in example.expected], facts
    for fact, expected in zip(facts, example.expected, strict=True):
        wrong = {k: fact[k] for k, v in expected.items() if not _same(fact[k], v)}
        assert not wrong, f"{fact['surface']!r}: got {wrong}, expected {expected}"


def _doc_id(kind: str, example: FactExample) -> str:
    corpus = _corpora()[kind]
    for group in ("POSITIVE", "NEGATIVE", "KNOWN_FAILURES"):
        for i, candidate in enumerate(getattr(corpus, group)):
            if candidate is example:
                return f"{kind}/{group}/{i}"
    raise LookupError(example)


@pytest.mark.parametrize(("kind", "example"), _examples("POSITIVE") + _examples("NEGATIVE"))
def test_corpus(
    kind: str, example: FactExample, all_facts: dict[str, list[dict[str, Any]]]
) -> None:
    check(kind, example, all_facts[_doc_id(kind, example)])


@pytest.mark.parametrize(("kind", "example"), _examples("KNOWN_FAILURES"))
def test_known_failures(
    kind: str, example: FactExample, all_facts: dict[str, list[dict[str, Any]]]
) -> None:
    check(kind, example, all_facts[_doc_id(kind, example)])


def test_each_example_is_checked_in_its_own_document() -> None:
    """Examples share one extraction; a document per example keeps their facts apart."""
    texts = pl.DataFrame(
        {
            "doc_id": ["a", "b"],
            "text": ["Sales rose 5%.", "Sales rose 7%."],
            "published_at": [None, None],
        },
        schema={"doc_id": pl.String, "text": pl.String, "published_at": pl.Datetime("us")},
    )
    facts = facts_from_texts(texts).filter(pl.col("fact_type") == "percent")
    assert facts.select("doc_id", "value").rows() == [("a", 5.0), ("b", 7.0)]
