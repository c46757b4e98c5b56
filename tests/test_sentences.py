from __future__ import annotations

import polars as pl
import pytest

from transforms.sentences import SENTENCES_VERSION, split_sentences
from transforms.sentences.corpus import KNOWN_FAILURES, NEGATIVE, POSITIVE, SentenceExample


def _split(*bodies: str | None) -> pl.DataFrame:
    docs = pl.LazyFrame(
        {"doc_id": [f"d{i}" for i in range(len(bodies))], "body_text": list(bodies)},
        schema={"doc_id": pl.String, "body_text": pl.String},
    )
    return split_sentences(docs).collect()


def _sentences(text: str) -> tuple[str, ...]:
    return tuple(_split(text)["text"].to_list())


def _param(example: SentenceExample, *marks: pytest.MarkDecorator) -> object:
    return pytest.param(example, id=example.note or example.text[:40], marks=marks)


@pytest.mark.parametrize("example", [_param(e) for e in POSITIVE + NEGATIVE])
def test_corpus(example: SentenceExample) -> None:
    assert _sentences(example.text) == example.sentences


@pytest.mark.parametrize(
    "example", [_param(e, pytest.mark.xfail(strict=True)) for e in KNOWN_FAILURES]
)
def test_known_failures(example: SentenceExample) -> None:
    assert _sentences(example.text) == example.sentences


def test_corpus_examples_are_consistent() -> None:
    # Each expected sentence must occur in its text, in order, so a typo in the corpus
    # fails here rather than looking like a splitter bug.
    for example in POSITIVE + NEGATIVE + KNOWN_FAILURES:
        position = 0
        for sentence in example.sentences:
            found = example.text.find(sentence, position)
            assert found >= 0, (example.note, sentence)
            position = found + len(sentence)
    assert len(POSITIVE) >= 25 and len(NEGATIVE) >= 25 and 2 <= len(KNOWN_FAILURES) <= 4


UNICODE_BODIES = [
    "Café owners in Zürich rose early. Über-fast délivery costs €5.50 now!\n\n"
    "Sony's PlayStation 🎮 sold well in Japan. 東京で発売された。 The U.S. market lagged.",
    'Naïve résumé 😀😀 tips.  Extra   spaces here.\n\nÉmile said: "Ça va." Then he left…\n'
    "and came back.\n\n\n   Trailing paragraph with 🇯🇵 flag.   ",
    "Headline with emoji 🚀\nBerlin, Germany\nThe EU fined Apple Inc. €13 billion. It appealed.",
    "  \n 単一の文 \n\n",
    "No. 1 in Europe. Price: €2.27 (approx. €3). Mr. Müller agreed?! Yes... he did.",
]


@pytest.mark.parametrize("body", UNICODE_BODIES)
def test_offsets_are_exact_code_points(body: str) -> None:
    rows = _split(body).rows(named=True)
    assert rows, body
    covered: set[int] = set()
    previous_end = 0
    for expected_no, row in enumerate(rows):
        assert row["sentence_no"] == expected_no
        assert body[row["char_start"] : row["char_end"]] == row["text"]
        assert row["text"] == row["text"].strip() and row["text"]
        assert row["char_start"] >= previous_end  # ordered and non-overlapping
        previous_end = row["char_end"]
        covered.update(range(row["char_start"], row["char_end"]))
    missing = [i for i, ch in enumerate(body) if not ch.isspace() and i not in covered]
    assert missing == []


def test_empty_null_and_blank_bodies_give_no_rows() -> None:
    out = _split("", None, "   \n\n \t ")
    assert out.height == 0
    assert out.schema == _split("Hi.").schema


def test_documents_are_numbered_independently_and_sorted() -> None:
    docs = pl.LazyFrame(
        {
            "doc_id": ["b", "a", "c"],
            "body_text": ["One. Two. Three.", "Alpha. Beta.", None],
            "other": [1, 2, 3],
        }
    )
    out = split_sentences(docs).collect()
    assert out.select("doc_id", "sentence_no", "text").rows() == [
        ("a", 0, "Alpha."),
        ("a", 1, "Beta."),
        ("b", 0, "One."),
        ("b", 1, "Two."),
        ("b", 2, "Three."),
    ]


def test_output_schema() -> None:
    expected = {
        "doc_id": pl.String,
        "sentence_no": pl.Int32,
        "char_start": pl.Int32,
        "char_end": pl.Int32,
        "text": pl.String,
    }
    docs = pl.LazyFrame({"doc_id": ["x"], "body_text": ["A sentence. Another one."]})
    lazy = split_sentences(docs)
    assert dict(lazy.collect_schema()) == expected
    assert dict(lazy.collect().schema) == expected
    assert list(lazy.collect_schema()) == list(expected)  # column order too
    assert SENTENCES_VERSION


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # Short line, no final punctuation, next line capitalised: a heading.
        (
            "Sony to close store\nThe company said so.",
            ("Sony to close store", "The company said so."),
        ),
        # Next line starts in lowercase: a line break inside a sentence.
        ("Sony to close store\nthe company said.", ("Sony to close store\nthe company said.",)),
        # Line ends with a comma: wrapped prose.
        (
            "Sony, Nintendo,\nMicrosoft and others rose.",
            ("Sony, Nintendo,\nMicrosoft and others rose.",),
        ),
        # Line of 60+ characters: wrapped prose even though the next line is capitalised.
        (
            "x" * 59 + " a\nTokyo followed.",
            ("x" * 59 + " a\nTokyo followed.",),
        ),
        # A 59-character line is still short.
        ("y" * 59 + "\nTokyo followed.", ("y" * 59, "Tokyo followed.")),
        # Several heading lines in a row each stand alone.
        ("A\nB\nC\nD\nE end.", ("A", "B", "C", "D", "E end.")),
    ],
)
def test_single_newline_heading_rule(body: str, expected: tuple[str, ...]) -> None:
    assert _sentences(body) == expected


def test_nul_in_body_is_not_a_boundary() -> None:
    body = "Odd\x00text here. Next one."
    assert _sentences(body) == ("Odd\x00text here.", "Next one.")


def test_unicode_whitespace_around_sentences_is_trimmed() -> None:
    body = "\u3000First one.\u00a0\u2003Second one.\u2028\n\n\u00a0\u00a0\n\nThird one.\u00a0"
    rows = split_sentences(pl.DataFrame({"doc_id": ["d"], "body_text": [body]}).lazy()).collect()
    assert rows["text"].to_list() == ["First one.", "Second one.", "Third one."]
    for start, end, text in rows.select("char_start", "char_end", "text").rows():
        assert body[start:end] == text


def test_sentences_come_out_in_doc_id_order() -> None:
    docs = pl.DataFrame({"doc_id": ["b", "c", "a"], "body_text": ["B1. B2.", "C1.", "A1. A2."]})
    rows = split_sentences(docs.lazy()).collect()
    assert rows.select("doc_id", "sentence_no").rows() == [
        ("a", 0),
        ("a", 1),
        ("b", 0),
        ("b", 1),
        ("c", 0),
    ]
