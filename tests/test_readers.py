"""Tests for flows/readers.py: one input file -> article rows or a rejection.

Every test runs through each way of reading a file: bytes in memory (``read_chunks``), a
path (``read_file_chunks``) and a ``HashedFile`` stream (``read_stream_chunks``), which must
also hash every byte of the file whatever the outcome."""

from __future__ import annotations

import codecs
import gzip
import hashlib
import itertools
import json
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from flows.readers import (
    SUPPORTED_SUFFIXES,
    Chunk,
    FileRejected,
    HashedFile,
    Limits,
    Rejection,
    read_chunks,
    read_file_chunks,
    read_stream_chunks,
)

LIMITS = Limits()
TEXT = b"The council voted on Tuesday to approve the new budget for the city.\n"

Reader = Callable[[str, bytes, Limits], list[Chunk]]
_reader: dict[str, Reader] = {}


@pytest.fixture(autouse=True, params=["bytes", "path", "hashed_stream"])
def reader_api(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[None]:
    """Makes ``read`` go through one of the three ways of reading a file."""
    file_numbers = itertools.count()

    def write(data: bytes) -> Path:
        # The display name decides the format, not the name on disk.
        path = tmp_path / f"input-{next(file_numbers)}"
        path.write_bytes(data)
        return path

    def via_bytes(name: str, data: bytes, limits: Limits) -> list[Chunk]:
        return list(read_chunks(name, data, limits))

    def via_path(name: str, data: bytes, limits: Limits) -> list[Chunk]:
        return list(read_file_chunks(write(data), name, limits))

    def via_hashed_stream(name: str, data: bytes, limits: Limits) -> list[Chunk]:
        with HashedFile(write(data)) as source:
            try:
                return list(read_stream_chunks(name, source, limits))
            finally:
                # The hash of every byte, also when the file was rejected part-way.
                assert source.hexdigest() == hashlib.sha256(data).hexdigest()

    _reader["read"] = {
        "bytes": via_bytes,
        "path": via_path,
        "hashed_stream": via_hashed_stream,
    }[request.param]
    yield
    del _reader["read"]


def read(name: str, data: bytes, limits: Limits = LIMITS) -> list[Chunk]:
    return _reader["read"](name, data, limits)


def articles(name: str, data: bytes, limits: Limits = LIMITS) -> list[dict[str, Any]]:
    return [a for chunk in read(name, data, limits) for a in chunk.articles]


def rejections(name: str, data: bytes, limits: Limits = LIMITS) -> list[Rejection]:
    return [r for chunk in read(name, data, limits) for r in chunk.rejections]


def one_article(name: str, data: bytes, limits: Limits = LIMITS) -> dict[str, Any]:
    rows = articles(name, data, limits)
    assert len(rows) == 1
    return rows[0]


def rejected(name: str, data: bytes, limits: Limits = LIMITS) -> Rejection:
    with pytest.raises(FileRejected) as info:
        read(name, data, limits)
    return info.value.rejection


def jsonl(*records: Any) -> bytes:
    return b"".join(
        (r if isinstance(r, bytes) else json.dumps(r).encode()) + b"\n" for r in records
    )


# --- empty -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["a.txt", "a.md", "a.html", "a.jsonl"])
def test_zero_byte_file_is_empty(name: str) -> None:
    assert rejected(name, b"").reason == "empty"


@pytest.mark.parametrize("name", ["a.txt", "a.jsonl"])
def test_whitespace_only_file_is_empty(name: str) -> None:
    rejection = rejected(name, b"  \n\t\r\n \n")
    assert rejection.reason == "empty"
    assert "no text" in rejection.detail


def test_empty_gzip_stream_is_empty() -> None:
    assert rejected("a.jsonl.gz", gzip.compress(b"")).reason == "empty"


# --- binary ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "what"),
    [
        (b"\x89PNG\r\n\x1a\n", "PNG"),
        (b"%PDF-1.7\n", "PDF"),
        (b"PK\x03\x04", "ZIP"),
    ],
)
def test_magic_bytes_named_txt_are_binary(head: bytes, what: str) -> None:
    # Plain text after the magic number: only the signature gives it away.
    rejection = rejected("article.txt", head + TEXT * 20)
    assert rejection.reason == "binary"
    assert what in rejection.detail


def test_random_bytes_named_txt_are_binary() -> None:
    data = random.Random(1234).randbytes(4096)
    assert rejected("article.txt", data).reason == "binary"


def test_many_nul_bytes_are_binary() -> None:
    data = TEXT.replace(b" ", b"\x00") * 10
    assert rejected("article.txt", data).reason == "binary"


def test_single_stray_nul_in_plenty_of_text_is_read() -> None:
    data = TEXT * 10 + b"\x00" + TEXT * 10
    article = one_article("article.txt", data)
    # Kept as is: NUL removal belongs to normalisation.
    assert article["raw_text"] == data.decode("utf-8")
    assert article["source_encoding"] == "utf-8"


# --- encodings -------------------------------------------------------------------------


def test_plain_utf8() -> None:
    article = one_article("a.txt", "Zürich – naïve 😀\n".encode())
    assert article["raw_text"] == "Zürich – naïve 😀\n"
    assert article["source_encoding"] == "utf-8"
    assert article["source_format"] == "txt"


def test_cp1252_text_falls_back() -> None:
    text = "Le café – naïve “quote” résumé.\n"
    article = one_article("a.txt", text.encode("cp1252"))
    assert article["raw_text"] == text
    assert article["source_encoding"].startswith("cp1252")


def test_latin1_byte_falls_back() -> None:
    article = one_article("a.txt", b"Caf\xe9 de la gare\n")
    assert article["raw_text"] == "Café de la gare\n"
    assert article["source_encoding"].startswith(("cp1252", "latin-1"))


def test_byte_undefined_in_cp1252_falls_back_to_latin1() -> None:
    # 0x81 has no cp1252 character, so only Latin-1 can decode it.
    article = one_article("a.txt", b"Caf\xe9 \x81 de la gare\n")
    assert article["raw_text"] == "Café \x81 de la gare\n"
    assert article["source_encoding"].startswith("latin-1")


def test_utf8_bom_is_recorded_and_dropped() -> None:
    article = one_article("a.txt", codecs.BOM_UTF8 + "Café au lait.\n".encode())
    assert article["raw_text"] == "Café au lait.\n"
    assert "\ufeff" not in article["raw_text"]
    assert article["source_encoding"] == "utf-8-sig"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_decoded(codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec == "utf-16-le" else codecs.BOM_UTF16_BE
    text = "Café – naïve.\nSecond line.\n"
    article = one_article("a.txt", bom + text.encode(codec))
    assert article["raw_text"] == text
    assert article["source_encoding"] == "utf-16"


# --- unsupported type and size limits --------------------------------------------------


@pytest.mark.parametrize("name", ["report.pdf", "letter.docx", "README"])
def test_unsupported_suffix(name: str) -> None:
    rejection = rejected(name, TEXT)
    assert rejection.reason == "unsupported_type"
    for suffix in SUPPORTED_SUFFIXES:
        assert suffix in rejection.detail


def test_suffix_is_case_insensitive() -> None:
    assert one_article("NOTES.TXT", TEXT)["raw_text"] == TEXT.decode()


def test_txt_over_article_limit_is_too_large() -> None:
    limits = Limits(max_article_bytes=100)
    assert one_article("a.txt", TEXT, limits)["raw_text"] == TEXT.decode()  # 69 bytes: fine
    rejection = rejected("a.txt", TEXT * 2, limits)
    assert rejection.reason == "too_large"
    assert "article limit" in rejection.detail


def test_jsonl_over_file_limit_is_too_large() -> None:
    data = jsonl(*({"body": f"article {i}"} for i in range(10)))
    limits = Limits(max_file_bytes=len(data) - 1)
    rejection = rejected("a.jsonl", data, limits)
    assert rejection.reason == "too_large"
    assert "file limit" in rejection.detail
    assert len(articles("a.jsonl", data, Limits(max_file_bytes=len(data)))) == 10


# --- JSONL -----------------------------------------------------------------------------


def test_jsonl_fields_are_mapped() -> None:
    data = jsonl(
        {
            "id": "a-1",
            "title": "Budget approved",
            "body": "The council approved the budget.",
            "date": "2024-03-05",
            "author": "Jane Doe",
            "url": "https://example.com/a-1",
            "zeta": 1,
            "alpha": {"nested": True},
        },
        {
            "id": 42,
            "text": "Second article text.",
            "published": "5 March 2024",
            "author": ["A. One", "B. Two"],
        },
    )
    first, second = articles("feed.jsonl", data)
    assert first["external_id"] == "a-1"
    assert first["meta_title"] == "Budget approved"
    assert first["raw_text"] == "The council approved the budget."
    assert first["meta_published"] == "2024-03-05"
    assert first["meta_authors"] == ["Jane Doe"]
    assert first["url"] == "https://example.com/a-1"
    assert first["extra"] == '{"alpha": {"nested": true}, "zeta": 1}'  # keys sorted
    assert first["source_format"] == "jsonl"
    assert first["source_encoding"] == "utf-8"
    assert (first["source_line"], first["ordinal"]) == (1, 1)

    assert second["external_id"] == "42"
    assert second["raw_text"] == "Second article text."
    assert second["meta_published"] == "5 March 2024"
    assert second["meta_authors"] == ["A. One", "B. Two"]
    assert second["meta_title"] is None
    assert second["url"] is None
    assert second["extra"] is None
    assert (second["source_line"], second["ordinal"]) == (2, 2)


def test_jsonl_blank_lines_are_skipped_and_lines_numbered_from_one() -> None:
    data = b"\n" + jsonl({"body": "one"}) + b"   \n\r\n" + jsonl({"body": "two"}) + b"\n"
    rows = articles("a.jsonl", data)
    assert [(a["raw_text"], a["source_line"], a["ordinal"]) for a in rows] == [
        ("one", 2, 2),
        ("two", 5, 5),
    ]
    assert rejections("a.jsonl", data) == []


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_jsonl_in_utf16_with_bom_reads_every_line(codec: str) -> None:
    text = '{"body": "Café one"}\n{"body": "two"}\n'
    data = (
        (codecs.BOM_UTF16_BE + text.encode(codec)) if codec == "utf-16-be" else text.encode(codec)
    )
    rows = articles("a.jsonl", data)
    assert [(a["raw_text"], a["source_line"], a["source_encoding"]) for a in rows] == [
        ("Café one", 1, "utf-16"),
        ("two", 2, "utf-16"),
    ]
    assert rejections("a.jsonl", data) == []


def test_jsonl_crlf_line_endings() -> None:
    data = b'{"body": "one"}\r\n{"body": "two"}\r\n'
    assert [a["raw_text"] for a in articles("a.jsonl", data)] == ["one", "two"]


def test_jsonl_invalid_json_line_is_rejected_others_read() -> None:
    data = jsonl({"body": "one"}, b"{not json", {"body": "three"})
    assert [a["raw_text"] for a in articles("a.jsonl", data)] == ["one", "three"]
    (rejection,) = rejections("a.jsonl", data)
    assert rejection.reason == "invalid_json"
    assert rejection.line_no == 2
    assert "line 2" in rejection.detail


def test_jsonl_integer_over_digit_limit_is_invalid_json_not_a_crash() -> None:
    data = jsonl({"body": "one"}, b'{"body": "two", "n": ' + b"1" * 5000 + b"}")
    assert [a["raw_text"] for a in articles("a.jsonl", data)] == ["one"]
    (rejection,) = rejections("a.jsonl", data)
    assert (rejection.reason, rejection.line_no) == ("invalid_json", 2)


@pytest.mark.parametrize(("line", "kind"), [(b'["body", "x"]', "list"), (b"42", "int")])
def test_jsonl_non_object_line_is_invalid_record(line: bytes, kind: str) -> None:
    data = jsonl({"body": "one"}, line)
    assert len(articles("a.jsonl", data)) == 1
    (rejection,) = rejections("a.jsonl", data)
    assert (rejection.reason, rejection.line_no) == ("invalid_record", 2)
    assert "JSON object" in rejection.detail
    assert kind in rejection.detail


@pytest.mark.parametrize(
    ("record", "field"),
    [
        ({"title": "No body"}, "body"),
        ({"body": 123}, "body"),
        ({"body": ["a", "b"]}, "body"),
        ({"body": "   \n"}, "body"),
        ({"body": "text", "title": {"en": "Title"}}, "title"),
        ({"body": "text", "id": [1]}, "id"),
        ({"body": "text", "author": [1, 2]}, "author"),
        ({"body": "text", "author": {"name": "X"}}, "author"),
        ({"body": "text", "date": 20240305}, "date"),
    ],
)
def test_jsonl_bad_field_is_invalid_record_naming_it(record: dict[str, Any], field: str) -> None:
    data = jsonl({"body": "good"}, record)
    assert [a["raw_text"] for a in articles("a.jsonl", data)] == ["good"]
    (rejection,) = rejections("a.jsonl", data)
    assert (rejection.reason, rejection.line_no) == ("invalid_record", 2)
    assert f"'{field}'" in rejection.detail


def test_jsonl_line_over_article_limit_is_too_large() -> None:
    big = {"body": "x" * 200}
    data = jsonl({"body": "short"}, big, {"body": "also short"})
    rows = articles("a.jsonl", data, Limits(max_article_bytes=100))
    assert [a["raw_text"] for a in rows] == ["short", "also short"]
    (rejection,) = rejections("a.jsonl", data, Limits(max_article_bytes=100))
    assert (rejection.reason, rejection.line_no) == ("too_large", 2)


def test_jsonl_latin1_line_is_decoded_with_fallback() -> None:
    latin = '{"body": "Le café de la gare"}'.encode("latin-1")
    data = jsonl({"body": "plain"}) + latin + b"\n"
    first, second = articles("a.jsonl", data)
    assert rejections("a.jsonl", data) == []
    assert first["source_encoding"] == "utf-8"
    assert second["raw_text"] == "Le café de la gare"
    assert second["source_encoding"].startswith(("cp1252", "latin-1"))


def test_jsonl_with_utf8_bom_reads_first_line() -> None:
    data = codecs.BOM_UTF8 + jsonl({"body": "one"}, {"body": "two"})
    rows = articles("a.jsonl", data)
    assert rejections("a.jsonl", data) == []
    assert [a["raw_text"] for a in rows] == ["one", "two"]
    assert rows[0]["source_encoding"] == "utf-8-sig"
    assert rows[1]["source_encoding"] == "utf-8"


def test_jsonl_lone_surrogate_escape_is_replaced() -> None:
    # "\ud800" is valid JSON but no UTF-8 writer (polars, Parquet) accepts the result.
    data = b'{"body": "bad \\ud800 char", "title": "ok \\ud83d\\ude00", "x": "\\udfff"}\n'
    (article,) = articles("a.jsonl", data)
    assert article["raw_text"] == "bad \ufffd char"
    assert article["meta_title"] == "ok 😀"  # a proper surrogate pair is kept
    assert article["extra"] == '{"x": "\ufffd"}'
    for value in (article["raw_text"], article["meta_title"], article["extra"]):
        value.encode("utf-8")


# --- chunking --------------------------------------------------------------------------


def test_jsonl_is_chunked_by_text_size_in_order() -> None:
    records = [{"id": str(i), "body": f"article number {i} " + "x" * 50} for i in range(20)]
    data = jsonl(*records)
    chunks = read("a.jsonl", data, Limits(chunk_bytes=200))
    assert len(chunks) > 3
    rows = [a for chunk in chunks for a in chunk.articles]
    assert [a["external_id"] for a in rows] == [str(i) for i in range(20)]
    assert [a["source_line"] for a in rows] == list(range(1, 21))
    assert sum(chunk.text_bytes for chunk in chunks) == len(data) - 20  # minus the newlines
    # One big chunk with the default limits.
    assert len(read("a.jsonl", data)) == 1


def test_jsonl_rejections_only_chunk_is_yielded() -> None:
    chunks = read("a.jsonl", b"nope\n[1]\n")
    assert [c.articles for c in chunks] == [[]]
    assert [(r.reason, r.line_no) for r in chunks[0].rejections] == [
        ("invalid_json", 1),
        ("invalid_record", 2),
    ]


# --- .jsonl.gz -------------------------------------------------------------------------


def test_jsonl_gz_is_read() -> None:
    data = gzip.compress(jsonl({"id": "1", "body": "one"}, {"id": "2", "body": "two"}))
    rows = articles("feed.JSONL.GZ", data)
    assert [(a["external_id"], a["raw_text"]) for a in rows] == [("1", "one"), ("2", "two")]
    assert rows[0]["source_format"] == "jsonl"


def test_jsonl_gz_multi_member_is_read() -> None:
    data = gzip.compress(jsonl({"body": "one"})) + gzip.compress(jsonl({"body": "two"}))
    assert [a["raw_text"] for a in articles("a.jsonl.gz", data)] == ["one", "two"]


def test_truncated_gzip_is_unreadable() -> None:
    data = gzip.compress(jsonl(*({"body": f"article {i}"} for i in range(50))))
    rejection = rejected("a.jsonl.gz", data[: len(data) // 2])
    assert rejection.reason == "unreadable"
    assert "gzip" in rejection.detail


def test_corrupt_gzip_is_unreadable() -> None:
    assert rejected("a.jsonl.gz", b"this is not gzip at all\n").reason == "unreadable"
    data = bytearray(gzip.compress(jsonl({"body": "one"}) * 20))
    data[12:20] = b"\xff" * 8  # damage the deflate stream
    assert rejected("a.jsonl.gz", bytes(data)).reason == "unreadable"


def test_gzip_inflating_past_file_limit_is_too_large() -> None:
    data = gzip.compress(jsonl({"body": "x" * 10_000}))
    limits = Limits(max_file_bytes=1_000)
    assert len(data) < limits.max_file_bytes
    rejection = rejected("a.jsonl.gz", data, limits)
    assert rejection.reason == "too_large"
    assert "decompresses" in rejection.detail


# --- HTML and Markdown -----------------------------------------------------------------

HTML = b"""<!doctype html>
<html><head>
<title>Council approves budget</title>
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<link rel="canonical" href="https://example.com/news/budget">
<script>var hidden = "script text";</script>
</head>
<body>
<nav>Home | World | Sport</nav>
<article><p>The council approved the budget on Tuesday.</p>
<p>It takes effect in April.</p></article>
</body></html>
"""


@pytest.mark.parametrize("name", ["page.html", "page.htm"])
def test_html_metadata_and_visible_text(name: str) -> None:
    article = one_article(name, HTML)
    assert article["meta_title"] == "Council approves budget"
    assert article["meta_authors"] == ["Jane Doe"]
    assert article["meta_published"] == "2024-03-05T10:00:00Z"
    assert article["url"] == "https://example.com/news/budget"
    assert "The council approved the budget on Tuesday." in article["raw_text"]
    assert "It takes effect in April." in article["raw_text"]
    assert "<p>" not in article["raw_text"]
    assert "script text" not in article["raw_text"]
    assert article["source_format"] == "html"
    assert article["source_encoding"] == "utf-8"


def test_html_without_visible_text_is_no_text() -> None:
    data = b"<html><head><title>Only a title</title><script>x()</script></head><body></body></html>"
    rejection = rejected("page.html", data)
    assert rejection.reason == "no_text"


def test_html_cp1252_falls_back() -> None:
    data = "<p>Le café – naïve.</p>".encode("cp1252")
    article = one_article("page.html", data)
    assert article["raw_text"].strip() == "Le café – naïve."
    assert article["source_encoding"].startswith("cp1252")


def test_markdown_is_read_as_md() -> None:
    data = b"# Budget approved\n\nThe council *approved* the budget.\n"
    article = one_article("story.md", data)
    assert article["source_format"] == "md"
    assert article["raw_text"] == data.decode()  # markup is stripped later, not here
    assert article["meta_title"] is None
    assert (article["source_line"], article["ordinal"]) == (None, 0)
