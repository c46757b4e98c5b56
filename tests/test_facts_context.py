"""Status, category and subject of facts from the words around them (facts/context.py)."""

from __future__ import annotations

import polars as pl
import pytest

from transforms.facts.common import CANDIDATES
from transforms.facts.context import add_context
from transforms.sentences import split_sentences


def context_of(
    text: str, surface: str, fact_type: str = "money", **given: str
) -> dict[str, object]:
    """add_context on one candidate (the first occurrence of surface) in a one-sentence doc."""
    documents = pl.DataFrame({"doc_id": ["d"], "body_text": [text]})
    sentences = split_sentences(documents.lazy()).collect()
    start = text.index(surface)
    sentence_no = sentences.filter(
        (pl.col("char_start") <= start) & (pl.col("char_end") >= start + len(surface))
    )["sentence_no"][0]
    row = {
        "doc_id": "d",
        "sentence_no": sentence_no,
        "char_start": start,
        "char_end": start + len(surface),
        "surface": surface,
        "fact_type": fact_type,
        **given,
    }
    candidates = (
        pl.DataFrame([row])
        .lazy()
        .select(
            (pl.col(n) if n in row else pl.lit(None)).cast(t).alias(n)
            for n, t in CANDIDATES.items()
        )
    )
    return add_context(candidates, sentences.lazy()).collect().to_dicts()[0]


@pytest.mark.parametrize(
    ("text", "surface", "status"),
    [
        ("Sony posted revenue of $5 billion.", "$5 billion", "reported"),
        ("The company intends to hit the 80-million-units annual mark in 2015.", "2015", "target"),
        (
            "Sony has big plans for 2015 to sell up to 80 million smartphones.",
            "80 million",
            "target",
        ),
        (
            "It won't be the most expensive camera (given the $350 price target).",
            "$350",
            "hypothetical",
        ),
        ("Analysts expect revenue of $5 billion.", "$5 billion", "forecast"),
        ("The firm will pay $20 million.", "$20 million", "forecast"),
        ("Sony is reportedly weighing a $1 billion sale.", "$1 billion", "rumored"),
        ("Sony did not pay $5 billion for the unit.", "$5 billion", "negated"),
        ("Sony denied paying $5 billion.", "$5 billion", "negated"),
        ("If sales reach $5 billion, the bonus is paid.", "$5 billion", "hypothetical"),
        # A cue in an earlier clause does not carry over.
        ("Sony did not comment; revenue rose to $5 billion.", "$5 billion", "reported"),
        # A cue after the fact is not its cue.
        ("In January sources told Reuters of a sale.", "In January", "reported"),
    ],
)
def test_status(text: str, surface: str, status: str) -> None:
    assert context_of(text, surface)["status"] == status


@pytest.mark.parametrize(
    ("text", "surface", "category"),
    [
        ("Its mobile business has taken a revenue dip by 16.3 percent.", "16.3 percent", "revenue"),
        ("It won't be expensive (given the $350 price target).", "$350", "price"),
        ("TimeWarner said fourth quarter sales rose 2% to $11.1bn.", "$11.1bn", "sales"),
        ("Net income was $3 million.", "$3 million", "profit"),
        ("The deal values the company at $2 billion.", "$2 billion", "deal_value"),
        ("It paid $3 million to a charity.", "$3 million", None),
    ],
)
def test_category(text: str, surface: str, category: str | None) -> None:
    assert context_of(text, surface)["category"] == category


def test_category_of_the_kind_wins() -> None:
    fact = context_of(
        "Sony is the 10th-largest phone vendor.", "10th-largest", "rank", category="phone vendor"
    )
    assert fact["category"] == "phone vendor"


def test_a_past_date_is_never_a_forecast() -> None:
    text = "Don't expect Sony to give up on smartphones like it did with PCs last year."
    assert context_of(text, "last year", "date", unit="PAST_REF")["status"] == "reported"
    assert (
        context_of("Analysts expect a launch next year.", "next year", "date")["status"]
        == "forecast"
    )


def test_dates_get_no_metric_category() -> None:
    assert context_of("Revenue fell in January.", "January", "date")["category"] is None


@pytest.mark.parametrize(
    ("text", "surface", "subject"),
    [
        (
            "It seems that Sony's mobile business has taken a dip by 16.3 percent.",
            "16.3 percent",
            "Sony",
        ),
        ("TimeWarner said fourth quarter sales rose 2%.", "2%", "TimeWarner"),
        ("However, Time Warner said profits rose 76%.", "76%", "Time Warner"),
        ("The deal is worth $5 billion.", "$5 billion", None),
        ("In January revenue rose 5%.", "5%", None),
    ],
)
def test_subject(text: str, surface: str, subject: str | None) -> None:
    assert context_of(text, surface, "percent")["subject"] == subject


def test_back_reference_takes_the_documents_main_subject() -> None:
    text = "Sony said sales rose 5%. The company expects to sell 80 million units."
    assert context_of(text, "80 million", "quantity")["subject"] == "Sony"


# --- subject linking (link_subjects) ----------------------------------------------------------


def _linked(
    subjects: list[tuple[str, int, str | None]], mention_rows: list[tuple[str, int, str, str, str]]
) -> list[tuple[str | None, str | None]]:
    """link_subjects on facts (doc_id, sentence_no, subject) against mentions
    (doc_id, sentence_no, surface, entity_type, entity_id); returns (subject, entity id)."""
    from transforms.facts.context import link_subjects

    facts = pl.DataFrame(
        subjects,
        schema={"doc_id": pl.String, "sentence_no": pl.Int32, "subject": pl.String},
        orient="row",
    ).with_columns(subject_entity_id=pl.lit(None, pl.String))
    mentions = pl.DataFrame(
        mention_rows,
        schema={
            "doc_id": pl.String,
            "sentence_no": pl.Int32,
            "surface": pl.String,
            "entity_type": pl.String,
            "entity_id": pl.String,
        },
        orient="row",
    )
    entities = pl.DataFrame(
        {
            "entity_id": ["org:sony", "org:sony-mobile", "loc:japan", "person:sony-x"],
            "name": ["Sony", "Sony Mobile", "Japan", "Sony X"],
        }
    )
    out = link_subjects(facts.lazy(), mentions, entities).collect()
    return list(zip(out["subject"].to_list(), out["subject_entity_id"].to_list(), strict=True))


def test_subject_links_through_a_possessive_or_suffixed_mention() -> None:
    mentions = [("d", 0, "Sony Corp.'s", "ORG", "org:sony"), ("d", 1, "SONY", "ORG", "org:sony")]
    assert _linked([("d", 0, "Sony Corp"), ("d", 1, "SONY")], mentions) == [
        ("Sony", "org:sony"),
        ("Sony", "org:sony"),
    ]


def test_subject_from_another_sentence_links_through_the_document() -> None:
    mentions = [("d", 3, "Sony Mobile", "ORG", "org:sony-mobile")]
    assert _linked([("d", 0, "Sony Mobile")], mentions) == [("Sony Mobile", "org:sony-mobile")]


def test_organisation_preferred_and_unsupported_subjects_kept_without_id() -> None:
    mentions = [
        ("d", 0, "Sony", "PERSON", "person:sony-x"),
        ("d", 0, "Sony", "ORG", "org:sony"),
        ("e", 0, "Japan", "LOCATION", "loc:japan"),
    ]
    rows = [("d", 0, "Sony"), ("d", 0, "Acme"), ("d", 0, None), ("d", 0, "Japan")]
    assert _linked(rows, mentions) == [
        ("Sony", "org:sony"),
        ("Acme", None),
        (None, None),
        ("Japan", None),  # Japan is mentioned only in another document
    ]
