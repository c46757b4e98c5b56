"""Pair each non-dollar money figure with the dollar figure the text states as its equivalent.

A pair is two money facts of one sentence, exactly one of them in US dollars, both positive,
at most ``MAX_GAP_CHARS`` apart, with nothing between them but a conversion connective: a
comma, "or", "about/around/roughly/approximately/some/nearly", "equivalent/equal to",
"worth", or an opening parenthesis. Either order ("$1.13bn (£600m)" as well). When a figure
has several, the smallest dollar fact id wins, so re-runs agree."""

from __future__ import annotations

import polars as pl

MAX_GAP_CHARS = 40

# The whole gap must be connective. Whitespace as DuckDB's RE2 reads \s (ASCII), the view this
# replaced matched with RE2; a gap with anything else (a letter, a digit) is no conversion.
_SPACE = r"[\t\n\f\r ]"
CONNECTIVE_GAP = (
    rf"^(?:[\t\n\f\r ,]*(?:\(|\bor\b|\babout\b|\baround\b|\broughly\b|\bapproximately\b"
    rf"|\bsome\b|\bnearly\b|\bequivalent to\b|\bequal to\b|\bworth\b|{_SPACE}|,)*)$"
)

_MONEY_COLUMNS = ["fact_id", "doc_id", "sentence_no", "char_start", "char_end", "unit", "value"]


def add_usd_equivalents(facts: pl.LazyFrame, sentences: pl.LazyFrame) -> pl.LazyFrame:
    """``facts`` with ``usd_equivalent_fact_id``: on a non-dollar money fact, the id of the
    dollar fact stated beside it as its equivalent; NULL everywhere else.

    ``facts``: fact_id, doc_id, sentence_no, char_start, char_end, fact_type, unit, value (and
    any other columns, kept); ``sentences``: doc_id, sentence_no, char_start, text."""
    money = facts.filter((pl.col("fact_type") == "money") & (pl.col("value") > 0)).select(
        _MONEY_COLUMNS
    )
    pairs = (
        money.join(money, on=["doc_id", "sentence_no"], suffix="_second")
        .with_columns(gap=pl.col("char_start_second") - pl.col("char_end"))
        # NULL unit (currency unknown) compares NULL: no pair, as no dollar value is stated.
        .filter(
            (pl.col("gap") > 0)
            & (pl.col("gap") <= MAX_GAP_CHARS)
            & ((pl.col("unit") == "USD") != (pl.col("unit_second") == "USD"))
        )
        .join(
            sentences.select(
                "doc_id",
                "sentence_no",
                pl.col("char_start").alias("sentence_start"),
                "text",
            ),
            on=["doc_id", "sentence_no"],
        )
        .filter(
            pl.col("text")
            .str.slice(pl.col("char_end") - pl.col("sentence_start"), pl.col("gap"))
            .str.contains(CONNECTIVE_GAP)
        )
    )
    stated = pl.concat(
        [
            pairs.filter(pl.col("unit_second") == "USD").select(
                "fact_id", usd_equivalent_fact_id="fact_id_second"
            ),
            pairs.filter(pl.col("unit") == "USD").select(
                pl.col("fact_id_second").alias("fact_id"),
                usd_equivalent_fact_id="fact_id",
            ),
        ]
    )
    one_per_fact = stated.group_by("fact_id").agg(pl.col("usd_equivalent_fact_id").min())
    return facts.join(one_per_fact, on="fact_id", how="left", maintain_order="left")
