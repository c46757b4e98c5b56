"""Tests for reading input files as streams (issue 7): memory is bounded by one chunk of
articles plus one line, whatever the size of the file, and the file's SHA-256 comes from
the same single read."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import random
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from flows.readers import (
    Chunk,
    FileRejected,
    HashedFile,
    Limits,
    Rejection,
    file_sha256,
    read_chunks,
    read_file_chunks,
    read_stream_chunks,
)

MiB = 1024**2
BIG_LIMITS = Limits(max_article_bytes=MiB)


def jsonl(*records: Any) -> bytes:
    return b"".join(
        (r if isinstance(r, bytes) else json.dumps(r).encode()) + b"\n" for r in records
    )


def peak_traced_bytes(work: Callable[[], Any]) -> int:
    """The most memory Python held at once while ``work`` ran."""
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def drain(chunks: Iterator[Chunk]) -> tuple[list[Chunk], Rejection | None]:
    """The chunks read, and the file's rejection if reading ended in one."""
    seen: list[Chunk] = []
    try:
        for chunk in chunks:
            seen.append(chunk)
    except FileRejected as rejected:
        return seen, rejected.rejection
    return seen, None


def write_gzip_bomb(path: Path, inflated_mib: int) -> None:
    """A small .jsonl.gz that inflates to ``inflated_mib`` MiB: one endless line of "x"."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # wbits 31: a gzip container
    block = b"x" * MiB
    with path.open("wb") as sink:
        for _ in range(inflated_mib):
            sink.write(compressor.compress(block))
        sink.write(compressor.flush())


def write_huge_line_file(path: Path, line_mib: int) -> int:
    """A JSONL file whose second line is ``line_mib`` MiB long; returns that line's length."""
    opening, closing = b'{"id": "huge", "body": "', b'"}'
    with path.open("wb") as sink:
        sink.write(jsonl({"id": "before", "body": "short"}))
        sink.write(opening)
        for _ in range(line_mib):
            sink.write(b"All work and no play. " * (MiB // 22) + b"x" * (MiB % 22))
        sink.write(closing + b"\n")
        sink.write(jsonl({"id": "after", "body": "also short"}))
    return len(opening) + line_mib * MiB + len(closing)


# --- the path API reads what the bytes API reads ------------------------------------------


@pytest.fixture(scope="module")
def big_feed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """50,000 small articles (20 MB of text) with a few bad lines, as one .jsonl.gz."""
    filler = "The company said sales in the quarter were in line with its own forecast. " * 5
    records: list[Any] = []
    for i in range(50_000):
        if i % 10_000 == 7:
            records.append(b"{not json")
        elif i % 10_000 == 8:
            records.append({"title": "no body"})
        else:
            body = f"Article {i} says revenue rose {i % 97}%. {filler}"
            records.append({"id": f"a-{i}", "body": body})
    path = tmp_path_factory.mktemp("feed") / "big.jsonl.gz"
    path.write_bytes(gzip.compress(jsonl(*records), compresslevel=1))
    return path


def test_big_gzip_feed_streams_the_same_articles_as_the_bytes_api(big_feed: Path) -> None:
    limits = Limits(chunk_bytes=64 * 1024)
    from_bytes = list(read_chunks(big_feed.name, big_feed.read_bytes(), limits))
    from_path = list(read_file_chunks(big_feed, big_feed.name, limits))
    assert len(from_path) > 10  # many chunks, so chunk boundaries are crossed
    assert from_path == from_bytes
    articles = [a for chunk in from_path for a in chunk.articles]
    assert len(articles) == 50_000 - 10
    assert articles[-1]["external_id"] == "a-49999"
    assert [a["source_line"] for a in articles[:8]] == [1, 2, 3, 4, 5, 6, 7, 10]
    reasons = [(r.reason, r.line_no) for chunk in from_path for r in chunk.rejections]
    assert reasons[:2] == [("invalid_json", 8), ("invalid_record", 9)]
    assert len(reasons) == 10


def test_big_gzip_feed_streams_in_memory_bounded_by_a_chunk(big_feed: Path) -> None:
    limits = Limits(chunk_bytes=64 * 1024)
    inflated = len(gzip.decompress(big_feed.read_bytes()))
    assert inflated > 16 * MiB

    def count_articles() -> None:
        assert sum(len(c.articles) for c in read_file_chunks(big_feed, big_feed.name, limits))

    # Reading the file whole would hold at least the inflated text at once.
    assert peak_traced_bytes(count_articles) < inflated / 2


# --- hostile files are stopped with bounded memory ------------------------------------------


def test_gzip_bomb_is_too_large_after_the_file_limit_without_inflating_it(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.jsonl.gz"
    write_gzip_bomb(bomb, inflated_mib=512)
    limits = Limits(max_article_bytes=MiB, max_file_bytes=64 * MiB)
    assert bomb.stat().st_size < MiB
    outcome: list[tuple[list[Chunk], Rejection | None]] = []
    peak = peak_traced_bytes(
        lambda: outcome.append(drain(read_file_chunks(bomb, "bomb.jsonl.gz", limits)))
    )
    ((chunks, rejection),) = outcome
    assert chunks == []
    assert rejection is not None
    assert rejection.reason == "too_large"
    assert "decompresses to over the 67,108,864-byte file limit" in rejection.detail
    # Inflating up to the limit before parsing would hold 64 MiB.
    assert peak < 16 * MiB


def test_huge_line_is_too_large_without_being_held_and_the_rest_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.jsonl"
    length = write_huge_line_file(path, line_mib=64)
    outcome: list[tuple[list[Chunk], Rejection | None]] = []
    peak = peak_traced_bytes(
        lambda: outcome.append(drain(read_file_chunks(path, "huge.jsonl", BIG_LIMITS)))
    )
    ((chunks, file_rejection),) = outcome
    assert file_rejection is None
    assert [a["external_id"] for c in chunks for a in c.articles] == ["before", "after"]
    assert [a["source_line"] for c in chunks for a in c.articles] == [1, 3]
    (rejection,) = [r for c in chunks for r in c.rejections]
    assert (rejection.reason, rejection.line_no) == ("too_large", 2)
    assert f"line of {length:,} bytes" in rejection.detail  # measured exactly, never held
    assert peak < 8 * MiB


@pytest.mark.parametrize("over_by", [0, 1])
@pytest.mark.parametrize("newline_at_end", [True, False])
def test_line_of_exactly_the_article_limit_is_read_one_byte_more_is_not(
    over_by: int, newline_at_end: bool
) -> None:
    limits = Limits(max_article_bytes=100)
    line = b'{"body": "' + b"x" * (100 - 12 + over_by) + b'"}'
    data = jsonl({"body": "first"}) + line + (b"\n" if newline_at_end else b"")
    chunks = list(read_chunks("a.jsonl", data, limits))
    articles = [a for c in chunks for a in c.articles]
    rejections = [(r.reason, r.line_no, r.detail) for c in chunks for r in c.rejections]
    if over_by:
        assert len(articles) == 1
        assert rejections == [
            ("too_large", 2, "line of 101 bytes is over the 100-byte article limit")
        ]
    else:
        assert [len(a["raw_text"]) for a in articles] == [5, 88]
        assert rejections == []


def test_over_long_blank_line_is_skipped_like_any_blank_line() -> None:
    data = jsonl({"body": "one"}) + b" " * 1000 + b"\r\n" + jsonl({"body": "two"})
    chunks = list(read_chunks("a.jsonl", data, Limits(max_article_bytes=100)))
    assert [a["raw_text"] for c in chunks for a in c.articles] == ["one", "two"]
    assert [c.rejections for c in chunks] == [[]]


def test_over_long_first_line_after_a_bom_counts_without_the_bom() -> None:
    data = b"\xef\xbb\xbf" + jsonl({"body": "x" * 200}, {"body": "two"})
    chunks = list(read_chunks("a.jsonl", data, Limits(max_article_bytes=100)))
    (rejection,) = [r for c in chunks for r in c.rejections]
    assert rejection.detail.startswith("line of 212 bytes")  # the record, not its BOM
    assert [a["raw_text"] for c in chunks for a in c.articles] == ["two"]


# --- a gzip stream that breaks part-way ---------------------------------------------------


@pytest.mark.parametrize("damage", ["truncated", "corrupt"])
def test_gzip_broken_part_way_keeps_the_chunks_before_then_rejects(
    tmp_path: Path, damage: str
) -> None:
    words = random.Random(3).choices(["sales", "rose", "fell", "by", "percent", "in", "May"], k=40)
    records = [
        {"id": str(i), "body": f"article {i} " + " ".join(words[i % 9 :])} for i in range(40_000)
    ]
    data = gzip.compress(jsonl(*records))
    # Cut in half, or a bad CRC (noticed only at the end of the stream).
    data = data[: len(data) // 2] if damage == "truncated" else data[:-8] + b"\x00" * 8
    path = tmp_path / "broken.jsonl.gz"
    path.write_bytes(data)
    chunks, rejection = drain(read_file_chunks(path, path.name, Limits(chunk_bytes=4096)))
    assert rejection is not None
    assert rejection.reason == "unreadable"
    assert "not a valid gzip file" in rejection.detail
    ids = [a["external_id"] for c in chunks for a in c.articles]
    assert len(ids) > 100
    assert ids == [str(i) for i in range(len(ids))]  # in order, none skipped


# --- empty files ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data", [b"\xef\xbb\xbf", b"\xef\xbb\xbf \n\n", "\ufeff\n \n".encode("utf-16")]
)
def test_jsonl_with_nothing_but_a_bom_and_blanks_is_empty(data: bytes) -> None:
    with pytest.raises(FileRejected) as info:
        list(read_chunks("a.jsonl", data, Limits()))
    assert (info.value.rejection.reason, info.value.rejection.detail) == (
        "empty",
        "the file has no text",
    )


# --- unreadable -----------------------------------------------------------------------------


def test_missing_file_or_a_folder_is_unreadable(tmp_path: Path) -> None:
    for path in (tmp_path / "gone.jsonl", tmp_path):
        _, rejection = drain(read_file_chunks(path, "a.jsonl", Limits()))
        assert rejection is not None
        assert rejection.reason == "unreadable"
        assert "Error" in rejection.detail  # FileNotFoundError, IsADirectoryError


def test_article_file_is_read_no_further_than_the_article_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * (16 * MiB // 5))
    outcome: list[tuple[list[Chunk], Rejection | None]] = []
    peak = peak_traced_bytes(
        lambda: outcome.append(drain(read_file_chunks(path, "big.txt", BIG_LIMITS)))
    )
    ((_, rejection),) = outcome
    assert rejection is not None
    assert rejection.reason == "too_large"
    assert f"{path.stat().st_size:,} bytes is over the 1,048,576-byte article limit" in (
        rejection.detail
    )
    assert peak < 4 * MiB


# --- the content hash -----------------------------------------------------------------------


def test_file_sha256_is_the_hash_of_the_bytes(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    data = jsonl(*({"body": f"article {i}"} for i in range(100_000)))  # several 1 MiB blocks
    path.write_bytes(data)
    assert file_sha256(path) == hashlib.sha256(data).hexdigest()
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert file_sha256(empty) == hashlib.sha256(b"").hexdigest()
    with pytest.raises(FileNotFoundError):
        file_sha256(tmp_path / "gone.txt")


@pytest.mark.parametrize(
    ("name", "reason"),
    [("bomb.jsonl.gz", "too_large"), ("big.txt", "too_large"), ("big.pdf", "unsupported_type")],
)
def test_hashed_stream_hashes_all_bytes_when_parsing_stops_early(
    tmp_path: Path, name: str, reason: str
) -> None:
    path = tmp_path / name
    # 8 MiB of text that does not compress: the raw file is much bigger than what is parsed.
    noise = random.Random(7).randbytes(4 * MiB).hex().encode()
    path.write_bytes(gzip.compress(noise, compresslevel=1) if name.endswith(".gz") else noise)
    limits = Limits(max_article_bytes=MiB, max_file_bytes=2 * MiB)
    with HashedFile(path) as source:
        _, rejection = drain(read_stream_chunks(name, source, limits))
        assert rejection is not None
        assert rejection.reason == reason
        assert source.bytes_read < path.stat().st_size / 2  # parsing stopped early
        assert source.hexdigest() == hashlib.sha256(path.read_bytes()).hexdigest()
        assert source.bytes_read == path.stat().st_size


def test_hashed_stream_hash_after_a_full_read_matches(big_feed: Path) -> None:
    with HashedFile(big_feed) as source:
        n_articles = sum(
            len(c.articles) for c in read_stream_chunks(big_feed.name, source, Limits())
        )
        assert source.hexdigest() == file_sha256(big_feed)
    assert n_articles == 50_000 - 10


# --- streams of unknown size (a pipe) -------------------------------------------------------


class _Pipe(io.RawIOBase):
    """Bytes that can only be read in order: no size, no seeking, no file descriptor."""

    def __init__(self, data: bytes):
        super().__init__()
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any, /) -> int:
        return self._data.readinto(buffer)


def test_stream_of_unknown_size_is_held_to_the_file_limit_as_it_is_read() -> None:
    data = jsonl(*({"body": f"article {i}"} for i in range(100)))
    limits = Limits(max_file_bytes=len(data) - 1, chunk_bytes=100)
    chunks, rejection = drain(read_stream_chunks("a.jsonl", _Pipe(data), limits))
    assert rejection is not None
    assert rejection.reason == "too_large"
    assert rejection.detail == f"reads as over the {len(data) - 1:,}-byte file limit"
    assert sum(len(c.articles) for c in chunks) > 50  # the chunks before the limit stay
    full = list(read_stream_chunks("a.jsonl", _Pipe(data), Limits(max_file_bytes=len(data))))
    assert sum(len(c.articles) for c in full) == 100


def test_article_stream_of_unknown_size_over_the_limit_is_too_large() -> None:
    with pytest.raises(FileRejected) as info:
        list(read_stream_chunks("a.txt", _Pipe(b"word " * 100), Limits(max_article_bytes=100)))
    assert info.value.rejection.reason == "too_large"
    assert info.value.rejection.detail == "the file is over the 100-byte article limit"
