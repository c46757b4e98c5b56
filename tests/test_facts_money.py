"""Pieces of the money extractor: currency resolution, values, ranges, offsets, prefilter.

The corpus (transforms/facts/money/corpus.py) covers whole phrasings end to end; these call
``extract`` directly on hand-made sentences."""

from __future__ import annotations

import polars as pl
import pytest

from conformance.currency import gold_items, is_tokenised, offset_map
from transforms.facts.common import CANDIDATES
from transforms.facts.money import VERSION, extract
from transforms.facts.money.rules import MONEY, PREFILTER, currency_key
from transforms.normalise import normalise_text
from transforms.sentences import split_sentences


def _sentences(*texts: str) -> pl.LazyFrame:
    return pl.LazyFrame(
        {
            "doc_id": [f"d{i}" for i in range(len(texts))],
            "sentence_no": [0] * len(texts),
            "char_start": [0] * len(texts),
            "text": list(texts),
        },
        schema={
            "doc_id": pl.String,
            "sentence_no": pl.Int32,
            "char_start": pl.Int32,
            "text": pl.String,
        },
    )


def _money(text: str) -> list[dict[str, object]]:
    return extract(_sentences(text), pl.LazyFrame()).collect().to_dicts()


def _one(text: str) -> dict[str, object]:
    facts = _money(text)
    assert len(facts) == 1, facts
    return facts[0]


def test_version_and_columns() -> None:
    assert VERSION == "1"
    frame = extract(_sentences("It cost $5."), pl.LazyFrame()).collect()
    assert set(frame.columns) <= set(CANDIDATES.names())
    assert frame["fact_type"].to_list() == ["money"]
    assert frame["category"].to_list() == [None]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("It cost $5.", "USD"),
        ("It cost US$5.", "USD"),
        ("It cost U.S. $5.", "USD"),
        ("It cost C$5.", "CAD"),
        ("It cost CA$5.", "CAD"),
        ("It cost A$5.", "AUD"),
        ("It cost AU$5.", "AUD"),
        ("It cost HK$5.", "HKD"),
        ("It cost NZ$5.", "NZD"),
        ("It cost S$5.", "SGD"),
        ("It cost R$5.", "BRL"),
        ("It cost MX$5.", "MXN"),
        ("It cost NT$5.", "TWD"),
        ("It cost ¥5.", "JPY"),
        ("It cost 5 yuan.", "CNY"),
        ("It cost 5 renminbi.", "CNY"),
        ("It cost £5.", "GBP"),
        ("It cost 5 pounds sterling.", "GBP"),
        ("It cost €5.", "EUR"),
        ("It cost 5 euros.", "EUR"),
        ("It cost ₽5.", "RUB"),
        ("It cost 5 roubles.", "RUB"),
        ("It cost ₺5.", "TRY"),
        ("It cost ₪5.", "ILS"),
        ("It cost Rs 5.", "INR"),
        ("It cost Rs. 5.", "INR"),
        ("It cost 5 rupees.", "INR"),
        ("It cost 5 Pakistani rupees.", "PKR"),
        ("It cost 5 Swiss francs.", "CHF"),
        ("It cost 5 Canadian dollars.", "CAD"),
        ("It cost 5 U.S. dollars.", "USD"),
        ("It cost 5 dlrs.", "USD"),
        ("It cost 5 USD.", "USD"),
        ("It cost USD 5.", "USD"),
        ("It cost 5 rmb.", "CNY"),
        ("It cost 5 dinars.", None),
    ],
)
def test_currency_resolution(text: str, unit: str | None) -> None:
    assert _one(text)["unit"] == unit


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("It cost $2.27 billion.", 2.27e9),
        ("It cost 270.5 billion yen.", 2.705e11),
        ("It cost $1.13bn.", 1.13e9),
        ("It cost £600m.", 6e8),
        ("It cost 5 mln dlrs.", 5e6),
        ("It cost 20 cents.", 0.2),
        ("It cost 470p.", 4.7),
        ("It cost Rs 500 crore.", 5e9),
        ("It cost Rs 2 lakh crore.", 2e12),
        ("It cost two million dollars.", 2e6),
        ("It cost half a million dollars.", 5e5),
        ("It cost $350-million.", 3.5e8),
        ("It cost 3 dollars 50 cents.", 3.5),
        ("It cost -$5 million.", -5e6),
        ("It cost $21-3/4.", 21.75),
        ("It cost 29 1/2 cents.", 0.295),
    ],
)
def test_values(text: str, value: float) -> None:
    assert _one(text)["value"] == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "surface", "low", "high"),
    [
        ("Sales of $5-6 billion.", "$5-6 billion", 5e9, 6e9),
        ("Sales of $5 billion to $6 billion.", "$5 billion to $6 billion", 5e9, 6e9),
        ("Sales of between $5 and $6 billion.", "between $5 and $6 billion", 5e9, 6e9),
        ("Sales of 5 to 6 billion euros.", "5 to 6 billion euros", 5e9, 6e9),
        ("Sales of $500-$600 million.", "$500-$600 million", 5e8, 6e8),
    ],
)
def test_ranges(text: str, surface: str, low: float, high: float) -> None:
    fact = _one(text)
    assert (fact["surface"], fact["value"], fact["value_high"]) == (surface, low, high)
    assert str(fact["rule"]).endswith("_range")


def test_change_is_not_a_range() -> None:
    facts = _money("Revenue rose from $5 billion to $6 billion.")
    assert [(f["surface"], f["value"], f["value_high"]) for f in facts] == [
        ("$5 billion", 5e9, None),
        ("$6 billion", 6e9, None),
    ]


def test_between_without_range_is_not_in_surface() -> None:
    assert _one("The gap between $5 million and the rest grew.")["surface"] == "$5 million"


def test_approximator_kept_in_surface_and_value_unchanged() -> None:
    fact = _one("It earned around $2.27 billion.")
    assert (fact["surface"], fact["value"]) == ("around $2.27 billion", 2.27e9)


def test_hyphen_glued_to_word_is_not_minus() -> None:
    fact = _one("A pre-$5 million offer.")
    assert (fact["surface"], fact["value"]) == ("$5 million", 5e6)


def test_offsets_match_surface_in_real_documents() -> None:
    body = (
        "Sony said revenue fell. It dropped to 270.5 billion yen, or around $2.27 billion.\n\n"
        "Shares rose 20 cents. The $350 price target held; A$5-6 billion was mooted."
    )
    docs = pl.LazyFrame(
        {"doc_id": ["x"], "text": [body], "published_at": [None]},
        schema={"doc_id": pl.String, "text": pl.String, "published_at": pl.Datetime("us")},
    ).select("doc_id", normalise_text(pl.col("text")).alias("body_text"), "published_at")
    text = docs.collect()["body_text"][0]
    facts = extract(split_sentences(docs), docs).collect().to_dicts()
    assert [f["surface"] for f in facts] == [
        "270.5 billion yen",
        "around $2.27 billion",
        "20 cents",
        "$350",
        "A$5-6 billion",
    ]
    for fact in facts:
        assert text[fact["char_start"] : fact["char_end"]] == fact["surface"]


@pytest.mark.parametrize(
    "text",
    ["$5", "5 euros", "470p", "Rs 5", "USD 5", "5 usd", "10 Dollars", "5 STG", "₹5", "5 cts"],
)
def test_prefilter_admits_every_money_form(text: str) -> None:
    frame = pl.DataFrame({"t": [text]})
    assert frame.select(pl.col("t").str.contains(MONEY))["t"][0]
    assert frame.select(pl.col("t").str.contains(PREFILTER))["t"][0]


def test_prefilter_skips_plain_sentences() -> None:
    frame = pl.DataFrame(
        {"t": ["Profit rose 5 percent in 2015.", "The brand sold 80 million units."]}
    )
    assert not frame.select(pl.col("t").str.contains(PREFILTER).any())["t"][0]


def test_currency_key() -> None:
    assert currency_key("U.S. $") == "us$"
    assert currency_key("Canadian  Dollars") == "canadiandollars"


# --- conformance/currency.py helpers ---------------------------------------------------------


def test_tokenised_detection() -> None:
    assert is_tokenised("bard / ems had 1988 sales of about $ 14 million , birtcher said .")
    assert not is_tokenised("Hey, the cost is $4.25 and 32 is the quantity!")
    assert not is_tokenised("it only cost 3 dollars 50 cents.")


def test_offset_map_follows_normalisation() -> None:
    raw = " including  450,000 yen"
    normalised = "including 450,000 yen"
    mapping = offset_map(raw, normalised)
    start = raw.index("450,000")
    assert normalised[mapping[start] : mapping[start + len("450,000 yen")]] == "450,000 yen"


def test_gold_cents_become_main_unit() -> None:
    case = {"Results": [{"Start": 0, "End": 7, "Resolution": {"value": "50", "unit": "Cent"}}]}
    [(start, end, value, codes)] = gold_items(case)[0]
    assert (start, end, value, codes) == (0, 8, 0.5, frozenset({"USD"}))
