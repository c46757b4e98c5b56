"""What cuts the fixed cost of an extract_all call must never change a row: the regex forms
a batch needs (``patterns_for`` in transforms/facts/spans.py) and date rules left out when
their trigger fires nowhere."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from transforms.extraction import Extraction, extract_texts
from transforms.facts import spans
from transforms.normalise import normalise_text

SAMPLES = sorted((Path(__file__).resolve().parent.parent / "samples").glob("*.txt"))
TEXTS_SCHEMA = pl.Schema(
    {"doc_id": pl.String(), "text": pl.String(), "published_at": pl.Datetime("us", "UTC")}
)


def _texts(variant: str) -> pl.DataFrame:
    texts = pl.DataFrame(
        {
            "doc_id": [p.stem for p in SAMPLES],
            "text": [p.read_text(encoding="utf-8") for p in SAMPLES],
            "published_at": [None] * len(SAMPLES),
        },
        schema=TEXTS_SCHEMA,
    )
    text = pl.col("text")
    if variant == "punctuation":
        # Curly quotes, dashes and a currency sign beyond ASCII: the ASCII forms alone fit.
        text = text.str.replace_all(" - ", " — ").str.replace_all("$", "€", literal=True)
        text = text.str.replace_all(r'"([^"\n]*)"', "“${1}”")
    if variant == "letters":
        # A letter beyond ASCII: the Unicode forms are needed.
        text = text.str.replace_all("The ", "Thé ", literal=True)
    return texts.with_columns(text)


def _extract(texts: pl.DataFrame, forms: spans.PatternForms | None) -> Extraction:
    if forms is None:
        return extract_texts(texts)[1]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(spans, "forms_for", lambda _texts: forms)
        return extract_texts(texts)[1]


def _assert_same(left: Extraction, right: Extraction) -> None:
    for table in Extraction.__dataclass_fields__:
        a, b = getattr(left, table), getattr(right, table)
        assert a.height > 0 or table in ("events", "sources"), table
        assert_frame_equal(a, b, check_row_order=False)


@pytest.mark.parametrize(
    ("variant", "auto"), [("samples", "ascii"), ("punctuation", "ascii"), ("letters", "unicode")]
)
def test_every_valid_form_gives_the_same_rows(variant: str, auto: spans.PatternForms) -> None:
    texts = _texts(variant)
    if variant != "samples":
        assert not texts["text"].equals(_texts("samples")["text"])
    normalised = texts.select(normalise_text(pl.col("text"))).to_series()
    if variant != "samples":  # characters beyond ASCII survive normalisation
        assert (normalised.str.len_bytes() != normalised.str.len_chars()).any()
    assert spans.forms_for([normalised]) == auto
    both = _extract(texts, "both")
    _assert_same(both, _extract(texts, "unicode"))
    _assert_same(both, _extract(texts, None))
    if auto == "ascii":
        _assert_same(both, _extract(texts, "ascii"))


def test_forms_follow_the_batch_text() -> None:
    ascii_only = [pl.Series(["plain", None]), pl.Series([], dtype=pl.String)]
    assert spans.forms_for(ascii_only) == "ascii"
    assert spans.forms_for([pl.Series(["“curly” — 5 € ©"])]) == "ascii"
    for beyond_ascii in ("Straße", "café", "½", "a\u2003b", "x\u0301"):
        assert spans.forms_for([pl.Series(["plain", beyond_ascii])]) == "unicode", beyond_ascii
    big = "x" * spans._TWIN_MIN_BYTES
    assert spans.forms_for([pl.Series([big, "Straße"])]) == "both"


@pytest.mark.parametrize(
    ("forms", "expected"), [("ascii", False), ("unicode", True), ("both", True)]
)
def test_twins_compile_only_the_chosen_form(forms: spans.PatternForms, expected: bool) -> None:
    # The ASCII form of \w misses "ß": on this text the forms tell apart.
    frame = pl.DataFrame({"t": ["Straße"]})
    with spans.patterns_for([frame["t"]], forms):
        word = spans.contains(pl.col("t"), r"^\w+$")
    assert frame.select(word).item() is expected


def test_date_rules_whose_trigger_fires_nowhere_are_left_out() -> None:
    from transforms.facts import facts_from_texts

    texts = pl.DataFrame(
        {"doc_id": ["d", "e"], "text": ["THE YEAR ENDS.", "It closed on Monday."]}
    ).with_columns(published_at=pl.lit(None, pl.Datetime("us", "UTC")))
    # "YEAR" passes the date prefilter (case-insensitive) but fires no rule's trigger.
    assert facts_from_texts(texts[:1]).height == 0
    facts = facts_from_texts(texts)
    assert facts.select("doc_id", "surface", "fact_type").rows() == [("e", "Monday", "date")]
