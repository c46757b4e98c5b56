from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path

import polars as pl
import pytest

from transforms.boilerplate import RULE_ORDER, classify_lines
from transforms.boilerplate import rules as rules_module
from transforms.boilerplate.corpus import (
    HEADLINE,
    KNOWN_FAILURES,
    NEGATIVE,
    P1,
    P2,
    P3,
    POSITIVE,
    LineExample,
)
from transforms.boilerplate.rules import LINES_SCHEMA

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _classify(lines: list[str] | tuple[str, ...], meta_title: str | None = None) -> pl.DataFrame:
    frame = pl.LazyFrame(
        {
            "doc_key": [0] * len(lines),
            "line_no": list(range(len(lines))),
            "text": list(lines),
            "meta_title": [meta_title] * len(lines),
        },
        schema=LINES_SCHEMA,
    )
    return classify_lines(frame).collect()


def _kinds(example: LineExample) -> dict[int, str | None]:
    kinds = _classify(example.lines, example.meta_title)["kind"].to_list()
    return {index: kinds[index] for index in example.expected}


def _param(example: LineExample, *marks: pytest.MarkDecorator) -> object:
    return pytest.param(example, id=example.note, marks=marks)


@pytest.mark.parametrize("example", [_param(e) for e in POSITIVE + NEGATIVE])
def test_corpus(example: LineExample) -> None:
    assert _kinds(example) == example.expected


@pytest.mark.parametrize(
    "example", [_param(e, pytest.mark.xfail(strict=True)) for e in KNOWN_FAILURES]
)
def test_known_failures(example: LineExample) -> None:
    assert _kinds(example) == example.expected


def test_corpus_is_well_formed() -> None:
    everything = POSITIVE + NEGATIVE + KNOWN_FAILURES
    notes = [e.note for e in everything]
    assert len(notes) == len(set(notes))  # test ids must be unique
    for example in everything:
        assert example.expected, example.note
        assert all(0 <= i < len(example.lines) for i in example.expected), example.note
        assert set(example.expected.values()) <= {*RULE_ORDER, None}, example.note
        assert all("\n" not in line for line in example.lines), example.note
    positives = Counter(k for e in POSITIVE for k in e.expected.values() if k is not None)
    assert {kind: positives[kind] for kind in RULE_ORDER if positives[kind] < 3} == {}
    assert all(None in e.expected.values() for e in NEGATIVE)
    assert len(NEGATIVE) >= 20 and 2 <= len(KNOWN_FAILURES) <= 4


def _sample_lines() -> set[str]:
    return {
        line.strip()
        for path in SAMPLES.glob("*.txt")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }


def test_corpus_does_not_reuse_the_samples_strings() -> None:
    sample_lines = _sample_lines()
    assert sample_lines  # the samples were found
    reused = [
        line
        for e in POSITIVE + NEGATIVE + KNOWN_FAILURES
        for line in e.lines
        if line in sample_lines
    ]
    assert reused == []


def test_rules_do_not_name_the_samples_strings() -> None:
    # The hard rule: patterns generalise, they never spell one sample's boilerplate.
    specific = ("schenck", "nikkei", "xperia", "techtimes", "cellanr", "love it", "hated it")
    patterns = [v.lower() for v in vars(rules_module).values() if isinstance(v, str)]
    assert [(word, p) for word in specific for p in patterns if word in p] == []


# --- metadata columns ----------------------------------------------------------------------


def _top_row(line: str) -> dict[str, object]:
    """Classify `line` placed under a headline, at the top of an article."""
    return _classify([HEADLINE, "", line, "", P1, "", P2]).row(2, named=True)


def _end_row(line: str) -> dict[str, object]:
    """Classify `line` placed at the end of an article."""
    return _classify([HEADLINE, "", P1, "", P2, "", P3, "", line]).row(8, named=True)


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Jane Doe and John Smith, Reuters", ["Jane Doe", "John Smith"]),
        # Kept as written: re-casing would mangle names such as "DJ Khaled" or "McDONALD".
        ("By JANE DOE", ["JANE DOE"]),
        ("By Tom Brown, Staff Writer", ["Tom Brown"]),
        ("By Tom Brown, senior correspondent", ["Tom Brown"]),
        ("By Laura Kendrick | Political editor, BBC News", ["Laura Kendrick"]),
        ("Written by Sarah Perez", ["Sarah Perez"]),
        ("Author: Kim Lee", ["Kim Lee"]),
        ("By Ana Ruiz in Kyiv", ["Ana Ruiz"]),
        ("By Jean-Luc O'Brien and Maria de la Cruz", ["Jean-Luc O'Brien", "Maria de la Cruz"]),
        ("By Ana Ruiz; Sam Lee & Tom Brown", ["Ana Ruiz", "Sam Lee", "Tom Brown"]),
        ("By Associated Press", []),  # an agency, not a person
    ],
)
def test_byline_author_names(line: str, names: list[str]) -> None:
    row = _top_row(line)
    assert row["kind"] == "byline"
    assert row["author_names"] == names


def test_author_box_name_is_an_author() -> None:
    out = _classify(
        [HEADLINE, "", P1, "", P2, "About the author", "Priya Natarajan", "Priya covers energy."]
    )
    assert out["kind"].to_list()[5:] == ["author_bio"] * 3
    assert out["author_names"].to_list()[5:] == [None, ["Priya Natarajan"], None]


def test_credits_reporter_names() -> None:
    row = _end_row("(Reporting by Jane Doe in London and Sam Lee in Paris; Editing by John Smith)")
    assert row["kind"] == "credits"
    assert row["author_names"] == ["Jane Doe", "Sam Lee"]  # editors are not authors


def test_text_lines_carry_no_metadata() -> None:
    out = _classify([HEADLINE, "", P1, "", P2])
    for column in ("author_names", "source_cue", "source_value", "copyright_holder"):
        assert out[column].null_count() == out.height, column
    assert out["dateline_at"].null_count() == out.height


@pytest.mark.parametrize(
    ("line", "cue", "value"),
    [
        ("Source: BBC News", "source", "BBC News"),
        ("SOURCE: Bloomberg", "source", "Bloomberg"),
        ("Sources: Company filings", "sources", "Company filings"),
        ("Via: The Verge.", "via", "The Verge"),
        ("H/T: Daring Fireball", "h/t", "Daring Fireball"),
        ("Originally published at: medium.com", "originally published at", "medium.com"),
    ],
)
def test_source_cue_and_value(line: str, cue: str, value: str) -> None:
    row = _end_row(line)
    assert (row["kind"], row["source_cue"], row["source_value"]) == ("source_line", cue, value)


@pytest.mark.parametrize(
    ("line", "holder"),
    [
        ("© 2015 Reuters. All rights reserved.", "Reuters"),
        (
            "Copyright 2014 The Associated Press. All rights reserved. This material may not be "
            "published.",
            "The Associated Press",
        ),
        ("(c) Guardian News & Media Ltd 2015", "Guardian News & Media Ltd"),
        ("Copyright © 2015-2024 Example Media, Inc. All rights reserved.", "Example Media, Inc"),
        ("Copyright The Daily Planet", "The Daily Planet"),
    ],
)
def test_copyright_holder(line: str, holder: str) -> None:
    row = _end_row(line)
    assert (row["kind"], row["copyright_holder"]) == ("copyright", holder)


@pytest.mark.parametrize(
    ("line", "when"),
    [
        ("Published: Monday, August 3rd, 2015", datetime(2015, 8, 3)),
        ("Updated: Aug. 28, 2015 at 4 p.m. ET", datetime(2015, 8, 28, 16, 0)),
        ("Posted: March 3, 2015", datetime(2015, 3, 3)),
        ("Sept. 5, 2014 10:32 am", datetime(2014, 9, 5, 10, 32)),
        ("2015-08-03T10:32:00Z", datetime(2015, 8, 3, 10, 32)),
    ],
)
def test_dateline_at(line: str, when: datetime) -> None:
    row = _top_row(line)
    assert (row["kind"], row["dateline_at"]) == ("dateline", when)


def test_dateline_only_near_the_top() -> None:
    # The same date line deep in the article is article text (e.g. a timeline entry).
    lines = [HEADLINE, *[f"Paragraph {i} of the story ran long." for i in range(8)], "3 Aug 2015"]
    out = _classify(lines)
    assert out["kind"][-1] is None and out["dateline_at"][-1] is None


def test_articles_are_classified_independently() -> None:
    # Two articles in one frame: each has its own title and positions.
    frame = pl.LazyFrame(
        {
            "doc_key": [0, 0, 0, 1, 1, 1],
            "line_no": [0, 1, 2, 0, 1, 2],
            "text": [HEADLINE, "By Ana Ruiz", P1, "Second headline about rates", P2, "By Ana Ruiz"],
            "meta_title": [None] * 6,
        },
        schema=LINES_SCHEMA,
    )
    kinds = classify_lines(frame).collect()["kind"].to_list()
    assert kinds == ["title", "byline", None, "title", None, "byline"]


def test_lines_carry_their_word_count() -> None:
    out = _classify([HEADLINE, "", "By Ana Ruiz", P1])
    assert out["n_words"].to_list() == [
        len(line.split()) for line in [HEADLINE, "", "By Ana Ruiz", P1]
    ]


# --- fast paths: the same answers as the plain expressions -----------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "",
        "one",
        "two words here",
        " leading space",
        "trailing space ",
        "double  space",
        "tab\tseparated",
        "no\u00a0break space",
        "ideographic\u3000space and caf\u00e9",
        "caf\u00e9 au lait",
        "   ",
    ],
)
def test_word_count_matches_regex_count(line: str) -> None:
    frame = pl.DataFrame({"text": [line]})
    fast = frame.select(rules_module._word_count(pl.col("text"))).item()
    assert fast == frame.select(pl.col("text").str.count_matches(r"\S+")).item()


@pytest.mark.parametrize(
    ("line", "title", "is_repeat"),
    [
        # Punctuation makes the line much longer than its key: the prefix guard must not
        # reject it.
        ("Sony -- -- -- -- -- -- -- -- -- -- -- -- wins", "Sony wins", True),
        ("SONY WINS!!!", "Sony wins", True),
        ("Sony wins big in the smartphone market this year", "Sony wins", False),
        # Greek final sigma: lower-casing a prefix and the whole line differ, lengths do not.
        ("ΟΔΟΣ ΚΛΕΙΣΤΗ", "οδος κλειστη", True),
    ],
)
def test_title_repeat_key(line: str, title: str, is_repeat: bool) -> None:
    frame = pl.DataFrame({"text": [line], "title": [title]}).with_columns(
        title_key=rules_module._key(pl.col("title")),
        key_initial=pl.col("text").str.to_lowercase().str.extract(r"[\p{L}\p{N}]", 0),
    )
    key = frame.select(
        rules_module._title_repeat_key(pl.col("text"), pl.col("title_key"), pl.col("key_initial"))
    ).item()
    assert (key == frame["title_key"].item()) is is_repeat
    if is_repeat:
        assert key == frame.select(rules_module._key(pl.col("text"))).item()


def test_dateline_parsed_on_candidate_lines_only() -> None:
    lines = pl.DataFrame(
        {
            "doc_key": [0, 0, 0, 0],
            "line_no": [0, 1, 2, 3],
            "text": ["Storm closes port", "Published: August 3, 2015", "", "The port shut."],
            "meta_title": [None, None, None, None],
        },
        schema=LINES_SCHEMA,
    )
    out = classify_lines(lines.lazy()).collect()
    assert out["kind"].to_list() == ["title", "dateline", None, None]
    assert out["dateline_at"].to_list() == [None, datetime(2015, 8, 3), None, None]
