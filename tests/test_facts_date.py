"""Unit tests of the date kind (transforms/facts/date): rules, resolution, durations."""

from __future__ import annotations

from datetime import date, datetime

import polars as pl
import pytest

from transforms.facts.common import CANDIDATES, to_candidates
from transforms.facts.date import VERSION, extract
from transforms.normalise import normalise_text
from transforms.sentences import split_sentences


def _facts(text: str, published: str | None = "2015-08-03") -> list[dict[str, object]]:
    """The date kind alone on one text (other kinds are tested by their own modules)."""
    texts = pl.DataFrame(
        {
            "doc_id": ["d"],
            "text": [text],
            "published_at": [datetime.fromisoformat(published) if published else None],
        },
        schema={"doc_id": pl.String, "text": pl.String, "published_at": pl.Datetime("us")},
    )
    documents = texts.lazy().select(
        "doc_id", normalise_text(pl.col("text")).alias("body_text"), "published_at"
    )
    frame = to_candidates(extract(split_sentences(documents), documents)).collect()
    return frame.sort("char_start").to_dicts()


def _units(text: str, published: str | None = "2015-08-03") -> list[tuple[object, object]]:
    return [(f["surface"], f["unit"]) for f in _facts(text, published)]


def test_version_and_schema() -> None:
    assert VERSION == "5"
    texts = pl.LazyFrame(
        schema={"doc_id": pl.String, "body_text": pl.String, "published_at": pl.Datetime("us")}
    )
    out = to_candidates(extract(split_sentences(texts), texts)).collect()
    assert out.schema == CANDIDATES and out.height == 0


def test_offsets_match_surface() -> None:
    text = "Revenue rose in the fourth quarter. It closes Aug. 28, 2015 at 4 p.m. ET."
    body = "Revenue rose in the fourth quarter. It closes Aug. 28, 2015 at 4 p.m. ET."
    for fact in _facts(text):
        start, end = int(str(fact["char_start"])), int(str(fact["char_end"]))
        assert body[start:end] == fact["surface"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on Aug. 28", [("Aug. 28", "2015-08-28")]),
        ("in 2015", [("2015", "2015")]),
        ("It rose last year.", [("last year", "2014")]),
        ("It fell yesterday.", [("yesterday", "2015-08-02")]),
        ("Shares fell Friday.", [("Friday", "2015-07-31")]),
        ("Shares will rise next Friday.", [("next Friday", "2015-08-07")]),
        ("in the 1990s", [("the 1990s", "199")]),
        ("by mid-2015", [("mid-2015", "2015")]),
        ("in the first half of 2016", [("the first half of 2016", "2016-H1")]),
        ("in 2Q15", [("2Q15", "2015-Q2")]),
        ("It slowed this week.", [("this week", "2015-W32")]),
        ("It rose two months ago.", [("two months ago", "2015-06")]),
        ("Trains run hourly.", [("hourly", "PT1H")]),
        ("It is audited every year.", [("every year", "P1Y")]),
        ("The 11th century church", [("The 11th century", "10")]),
        ("in the twenty-first century", [("the twenty-first century", "20")]),
        ("in the early eighties", [("the early eighties", "198")]),
        ("Costs will fall in the short term.", [("the short term", "FUTURE_REF")]),
        ("Its current chief executive quit.", [("current", "PRESENT_REF")]),
    ],
)
def test_values(text: str, expected: list[tuple[str, str]]) -> None:
    assert _units(text) == expected


def test_un_yeared_date_lean() -> None:
    # Past tense: a date months after publication is last year's; future cue keeps this year.
    assert _units("It was approved Dec. 15.") == [("Dec. 15", "2014-12-15")]
    assert _units("It will be approved Dec. 15.") == [("Dec. 15", "2015-12-15")]
    # Near the turn of the year "January" is the coming one.
    assert _units("It agreed to buy the bank in January.", "1989-11-02") == [("January", "1990-01")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Every kind of partial date the tense lean resolves reads it (publication: Wednesday).
        ("It will report on Monday.", [("Monday", "2015-08-10")]),
        ("It reported on Monday.", [("Monday", "2015-08-03")]),
        ("It will launch in the fall.", [("the fall", "2015-FA")]),
        ("It launched in the fall.", [("the fall", "2014-FA")]),
        ("The store will close over the weekend.", [("the weekend", "2015-W32-WE")]),
        ("The store closed over the weekend.", [("the weekend", "2015-W31-WE")]),
        ("It will be approved in February.", [("February", "2016-02")]),
        ("It was approved in February.", [("February", "2015-02")]),
    ],
)
def test_lean_resolves_weekdays_seasons_weekends_and_months(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _units(text, "2015-08-05") == expected


def test_split_triggers_test_the_same_sentences() -> None:
    from transforms.facts.date.rules import TRIGGER_PARTS, TRIGGERS, _has_trigger

    texts = pl.DataFrame({"text": ["at 4 pm", "at 10:30", "by noon", "3 P.M.", "none", "1:9"]})
    for trigger, parts in TRIGGER_PARTS.items():
        assert trigger in TRIGGERS.values()
        assert "|".join(parts) == trigger
        split = texts.select(_has_trigger(trigger)).to_series()
        assert split.to_list() == texts["text"].str.contains(trigger).to_list()
        assert split.to_list() == [True, True, True, True, False, False]


def _corpus_texts() -> pl.DataFrame:
    from transforms.facts.date.corpus import KNOWN_FAILURES, NEGATIVE, POSITIVE

    texts = [e.text for e in (*POSITIVE, *NEGATIVE, *KNOWN_FAILURES)]
    return pl.DataFrame({"text": texts})


def test_gated_triggers_are_tested_on_every_sentence_that_holds_them() -> None:
    from transforms.facts.date.rules import TRIGGER_GATES, TRIGGERS, _trigger_frames

    texts = _corpus_texts()
    sentences = texts.with_row_index("doc_id").select(
        pl.col("doc_id").cast(pl.String), pl.lit(0, pl.Int32).alias("sentence_no"),
        pl.lit(0, pl.Int32).alias("char_start"), "text",
    )  # fmt: skip
    frames = _trigger_frames(sentences.lazy())
    assert set(frames) == set(TRIGGERS.values())
    for trigger, gate in TRIGGER_GATES.items():
        holding = texts.filter(pl.col("text").str.contains(trigger))["text"]
        assert holding.len() > 0, trigger
        # Each trigger implies its gate, so gating loses no sentence of it.
        assert holding.str.contains(gate).all(), trigger
        frame = frames[trigger]
        assert frame["text"].str.contains(gate).all()
        assert sorted(frame.filter(pl.col(trigger))["text"]) == sorted(holding)
        assert frame.height < texts.height


@pytest.mark.parametrize("forms", ["both", "unicode"])
def test_triggers_match_unicode_digits_as_written(forms: str) -> None:
    from transforms.facts import spans
    from transforms.facts.date.rules import TRIGGERS, _has_trigger

    # Arabic-Indic digits are \d to the rules: a trigger's ASCII twin must not lose them.
    texts = pl.DataFrame({"text": ["in the ١٩٩٨ period", "the 1998 period", "no date"]})
    with spans.patterns_for([texts["text"]], forms):  # type: ignore[arg-type]
        found = texts.select(_has_trigger(TRIGGERS["date.period"])).to_series()
    assert found.to_list() == [True, True, False]


def test_calendar_dates_are_built_only_when_valid() -> None:
    from transforms.facts.date.rules import _ymd

    rows = [(y, m, d) for y in (1900, 2000, 2015, 2016) for m in range(0, 14) for d in range(0, 33)]
    frame = pl.DataFrame(rows, schema=["y", "m", "d"], orient="row").cast(pl.Int32)
    built = frame.select(_ymd(pl.col("y"), pl.col("m"), pl.col("d"))).to_series().to_list()

    def calendar(y: int, m: int, d: int) -> date | None:
        try:
            return date(y, m, d)
        except ValueError:
            return None

    assert built == [calendar(*row) for row in rows]


def test_quarter_is_latest_begun() -> None:
    assert _units("Sales in the fourth quarter rose.", "2016-01-20") == [
        ("the fourth quarter", "2015-Q4")
    ]
    assert _units("Sales in the third quarter rose.", "2015-08-03") == [
        ("the third quarter", "2015-Q3")
    ]
    assert _units("Profit fell in the quarter.", "2015-08-03") == [("the quarter", "2015-Q2")]


def test_time_takes_sentence_day_else_publication_day() -> None:
    assert _units("Trading halts at 4 p.m. Eastern Time on Aug. 28.") == [
        ("4 p.m. Eastern Time", "2015-08-28T16:00"),
        ("Aug. 28", "2015-08-28"),
    ]
    assert _units("Shares closed at 4:30 p.m.") == [("4:30 p.m.", "2015-08-03T16:30")]
    assert _units("Shares closed at noon.", None) == [("noon", "XXXX-XX-XXT12:00")]


def test_without_published_date() -> None:
    facts = _facts("It closes Aug. 28. Sales fell last year. Shares rose Monday.", None)
    assert [(f["unit"], f["value_date"], f["date_granularity"]) for f in facts] == [
        ("XXXX-08-28", None, "day"),
        ("PAST_REF", None, "ref"),
        ("XXXX-WXX-1", None, "day"),
    ]


def test_value_date_is_period_start() -> None:
    facts = _facts("Sales rose in the fourth quarter of 2014 and in March 2014.")
    assert [(f["value_date"], f["date_granularity"]) for f in facts] == [
        (date(2014, 10, 1), "quarter"),
        (date(2014, 3, 1), "month"),
    ]


def test_durations_are_quantities() -> None:
    facts = _facts(
        "Over the past 18 months, it spent three years and 24 hours on it, for a decade."
    )
    got = [
        (f["surface"], f["fact_type"], f["value"], f["unit"], f["category"], f["rule"])
        for f in facts
    ]
    assert got == [
        ("the past 18 months", "quantity", 18.0, "months", "duration", "date.duration"),
        ("three years", "quantity", 3.0, "years", "duration", "date.duration"),
        ("24 hours", "quantity", 24.0, "hours", "duration", "date.duration"),
        ("a decade", "quantity", 10.0, "years", "duration", "date.duration"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "A 57-year-old man was arrested.",
        "It costs $5 a year.",
        "It sold 2015 units.",
        "Prices may rise; May sales were flat.",
        "They staged a march on the capital.",
        "Shoppers lined up on Black Friday.",
        "It runs 24/7 on Windows 10.",
    ],
)
def test_negatives(text: str) -> None:
    assert _facts(text) == []


def test_ago_is_a_date_not_a_duration() -> None:
    assert [(f["fact_type"], f["unit"]) for f in _facts("Three years ago it was small.")] == [
        ("date", "2012")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prices rose for years.", [("years", None, "years")]),
        ("It took several months to agree.", [("several months", None, "months")]),
        ("Talks will resume in the coming weeks.", [("the coming weeks", None, "weeks")]),
        ("It will not change for a couple of years.", [("a couple of years", 2.0, "years")]),
        ("Sales fell over the past year.", [("the past year", 1.0, "years")]),
        ("They lived in camps for 2 1/2 years.", [("2 1/2 years", 2.5, "years")]),
        ("It took two and a half years.", [("two and a half years", 2.5, "years")]),
        ("His car was seen in the weeks before the shooting.", []),
        ("He spoke several months before he joined.", [("several months", None, "months")]),
        ("It will stay for at least 20 more years.", [("20 more years", 20.0, "years")]),
        ("It was extended for an additional year.", [("an additional year", 1.0, "years")]),
        ("Eight trading days after the crash it rose.", [("Eight trading days", 8.0, "days")]),
        ("It came barely a month after the crash.", [("a month", 1.0, "months")]),
        ("It could take as long as a month.", [("a month", 1.0, "months")]),
        ("They moved to a calendar year.", []),
        (
            "Shipments resume within two to three weeks.",
            [("two", 2.0, "weeks"), ("three weeks", 3.0, "weeks")],
        ),
    ],
)
def test_vague_and_fractional_durations(text: str, expected: list[tuple[object, ...]]) -> None:
    facts = [f for f in _facts(text) if f["fact_type"] == "quantity"]
    assert [(f["surface"], f["value"], f["unit"]) for f in facts] == expected
    assert all(f["category"] == "duration" and str(f["rule"]).startswith("date.") for f in facts)


def test_year_ago_takes_quarter_of_previous_sentence() -> None:
    text = "Net income rose in the third quarter. Sales rose 9% from a year earlier."
    assert _units(text, "1989-10-26") == [
        ("the third quarter", "1989-Q3"),
        ("a year earlier", "1988-Q3"),
    ]


def test_earnings_periods_take_the_nearby_quarter() -> None:
    text = (
        "Net rose in the third quarter. The latest period had a gain, unlike the 1988 period "
        "and the corresponding period a year earlier."
    )
    assert _units(text, "1989-10-26") == [
        ("the third quarter", "1989-Q3"),
        ("The latest period", "1989-Q3"),
        ("the 1988 period", "1988-Q3"),
        ("the corresponding period a year earlier", "1988-Q3"),
    ]


def test_earnings_periods_without_a_quarter() -> None:
    # No quarter to refer to: "the latest period" names nothing, the others a year.
    text = "Costs rose in the latest period and in the 1988 period."
    assert _units(text, "1989-10-26") == [("the 1988 period", "1988")]
    assert _units("The latest period of his art was dark.", "1989-10-26") == []


def test_reference_words_and_sets_are_filtered() -> None:
    assert _units("The current account gap and current assets grew.") == []
    assert _units("Shares rose soon after the deal and shortly before the vote.") == []
    assert _units("The future of the plant is unclear.") == []
    assert _units("He is in his forties.") == []
    facts = _facts("Qantas plans daily flights.")
    assert [(f["unit"], f["date_granularity"], f["value_date"]) for f in facts] == [
        ("P1D", "set", None)
    ]


def test_fiscal_year_end_is_also_a_one_year_duration() -> None:
    facts = _facts("Net rose for the fiscal year ended March 31.", "1989-10-31")
    got = sorted((f["surface"], f["fact_type"], f["unit"], f["value"]) for f in facts)
    assert got == [
        ("the fiscal year", "quantity", "years", 1.0),
        ("the fiscal year ended March 31", "date", "1989-03-31", None),
    ]


def test_previously_is_no_reference_word() -> None:
    assert _units("Previously, it offered $13.65 a share.") == []


@pytest.mark.parametrize(
    ("ours", "gold", "equal"),
    [
        ("1989-W42", "1989-WXX", True),  # an unspecified week of 1989
        ("1989-Q3", "1989-QX", True),
        ("1988-Q3", "1989-QX", False),
        ("1949", "1949-XX", True),  # trailing placeholders add nothing
        ("1998", "1998-XX-XX", True),
        ("199", "199X", True),
        ("19", "19XX", True),
        ("1998", "1998-10-XX", False),  # the gold gives the month
        ("1997-07", "XXXX-07", False),  # a generic / recurring July
        ("1998-10-23TNI", "1998-10-23", True),  # "Friday night" on gold "Friday"
        ("1998-10-23T10:00", "1998-10-23", False),
        ("1998-10-23", "1998-10-23TNI", False),
        ("P1Y", "p1y", True),
    ],
)
def test_tempeval_value_translation(ours: str, gold: str, equal: bool) -> None:
    from conformance.temporal import tempeval_equal

    assert tempeval_equal(ours, gold) is equal
