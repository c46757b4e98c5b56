"""Reading input files into raw article rows: decoding, format detection, JSONL records.

This is the I/O edge of the pipeline; everything after it is polars in ``transforms/``.
A problem with a file or a record becomes a ``Rejection`` (reason + detail), never an
exception, so one bad file or line costs only itself.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from flows.html_reader import parse_html

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl", ".jsonl.gz")

# Fields of a JSONL record the pipeline uses; everything else is kept in `extra`.
_KNOWN_FIELDS = {"id", "title", "body", "text", "date", "published", "author", "authors", "url"}

_MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"\x7fELF", "ELF executable"),
    (b"7z\xbc\xaf", "7-Zip archive"),
    (b"Rar!", "RAR archive"),
    (b"SQLite format 3", "SQLite database"),
    (b"PAR1", "Parquet file"),
    (b"\xd0\xcf\x11\xe0", "MS Office document"),
    (b"RIFF", "RIFF media"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
)
# Bytes that never occur in text (NUL and C0 controls other than tab, LF, FF, CR, ESC).
_CONTROL_BYTES = frozenset(set(range(0, 9)) | {11} | set(range(14, 27)) | set(range(28, 32)))
# A "\ud800"-style JSON escape decodes to a lone surrogate, which no UTF-8 writer accepts.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 4 * 1024**3  # any file, JSONL included
    max_article_bytes: int = 8 * 1024**2  # one article: a .txt/.md/.html file or a JSONL line
    chunk_bytes: int = 32 * 1024**2  # articles per Parquet part, by text size


@dataclass(frozen=True)
class Rejection:
    reason: str
    detail: str
    line_no: int | None = None


@dataclass
class Chunk:
    """A batch of articles from one file, with the records of it that were rejected."""

    articles: list[dict[str, Any]] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    text_bytes: int = 0


class FileRejected(Exception):
    """The whole file is rejected; ``rejection`` says why."""

    def __init__(self, rejection: Rejection):
        super().__init__(rejection.detail)
        self.rejection = rejection


def suffix_of(name: str) -> str:
    lower = name.lower()
    return (
        ".jsonl.gz"
        if lower.endswith(".jsonl.gz")
        else ("." + lower.rsplit(".", 1)[-1] if "." in lower else "")
    )


def sniff_binary(data: bytes) -> str | None:
    """Why the bytes are not text, or None. Looks at the first 8 KiB only."""
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    for magic, what in _MAGIC_NUMBERS:
        if head.startswith(magic):
            return what
    if not head:
        return None
    nul = head.count(0)
    control = sum(1 for b in head if b in _CONTROL_BYTES)
    if nul / len(head) > 0.01 or control / len(head) > 0.05:
        return f"{nul} NUL and {control} control bytes in the first {len(head)} bytes"
    return None


def decode(data: bytes) -> tuple[str, str]:
    """Decode text, recording any fallback: UTF-8 (with or without BOM), UTF-16 with a BOM,
    else Windows-1252 (a superset of printable Latin-1), else Latin-1, which never fails."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            data = data[3:]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252 (fallback: not valid utf-8)"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1 (fallback: not valid utf-8)"


def _article(**values: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "source_line": None,
        "ordinal": 0,
        "external_id": None,
        "meta_title": None,
        "meta_authors": [],
        "meta_published": None,
        "url": None,
        "extra": None,
    }
    base.update(values)
    return base


def read_chunks(name: str, data: bytes, limits: Limits) -> Iterator[Chunk]:
    """Articles of one file in chunks of about ``limits.chunk_bytes`` of text.

    Raises ``FileRejected`` when the file as a whole cannot be used (before any chunk is
    yielded, except for a gzip stream that turns out truncated part-way)."""
    suffix = suffix_of(name)
    if suffix not in SUPPORTED_SUFFIXES:
        raise FileRejected(
            Rejection(
                "unsupported_type",
                f"'{suffix or name}' files are not read; "
                f"supported: {', '.join(SUPPORTED_SUFFIXES)}",
            )
        )
    if len(data) > limits.max_file_bytes:
        raise FileRejected(
            Rejection(
                "too_large",
                f"{len(data):,} bytes is over the {limits.max_file_bytes:,}-byte file limit",
            )
        )
    if suffix == ".jsonl.gz":
        data = _gunzip(data, limits.max_file_bytes)
    if not data.strip():
        raise FileRejected(Rejection("empty", "the file has no text" if data else "0 bytes"))
    if suffix in (".jsonl", ".jsonl.gz"):
        yield from _jsonl_chunks(data, limits)
        return
    if len(data) > limits.max_article_bytes:
        raise FileRejected(
            Rejection(
                "too_large",
                f"{len(data):,} bytes is over the {limits.max_article_bytes:,}-byte article limit",
            )
        )
    binary = sniff_binary(data)
    if binary:
        raise FileRejected(Rejection("binary", f"binary content ({binary})"))
    text, encoding = decode(data)
    if suffix in (".html", ".htm"):
        page = parse_html(text)
        article = _article(
            raw_text=page.text,
            meta_title=page.title,
            meta_authors=list(page.authors),
            meta_published=page.published_raw,
            url=page.url,
            source_format="html",
            source_encoding=encoding,
        )
    else:
        article = _article(
            raw_text=text, source_format=suffix.lstrip("."), source_encoding=encoding
        )
    if not article["raw_text"].strip():
        raise FileRejected(Rejection("no_text", "no visible text in the file"))
    yield Chunk(articles=[article], text_bytes=len(data))


def _gunzip(data: bytes, limit: int) -> bytes:
    """Decompress gzip data, refusing to inflate past ``limit`` bytes (a gzip bomb)."""
    out = bytearray()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            # Fixed-size reads: read(limit + 1) would allocate the whole limit up front.
            while block := stream.read(1024**2):
                out += block
                if len(out) > limit:
                    raise FileRejected(
                        Rejection(
                            "too_large", f"decompresses to over the {limit:,}-byte file limit"
                        )
                    )
    except (OSError, EOFError, zlib.error) as exc:
        raise FileRejected(Rejection("unreadable", f"not a valid gzip file: {exc}")) from exc
    return bytes(out)


def _replace_surrogates(article: dict[str, Any]) -> None:
    """Replace lone surrogates (from JSON escapes like "\\ud800") with U+FFFD, in place."""
    for key, value in article.items():
        if isinstance(value, str):
            article[key] = _LONE_SURROGATE.sub("\ufffd", value)
        elif isinstance(value, list):
            article[key] = [
                _LONE_SURROGATE.sub("\ufffd", v) if isinstance(v, str) else v for v in value
            ]


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(type(value).__name__)
    return str(value)


def _record(obj: Any, line_no: int) -> dict[str, Any]:
    """One JSONL record as an article row; raises ValueError with a readable message."""
    if not isinstance(obj, dict):
        raise ValueError(f"expected a JSON object, got {type(obj).__name__}")
    body = obj.get("body")
    if body is None:
        body = obj.get("text")
    if not isinstance(body, str):
        got = "missing" if body is None else f"a {type(body).__name__}"
        raise ValueError(f"'body' (or 'text') must be a string; it is {got}")
    if not body.strip():
        raise ValueError("'body' is empty")
    fields: dict[str, str | None] = {}
    for key in ("id", "title", "url"):
        try:
            fields[key] = _as_text(obj.get(key))
        except TypeError as exc:
            raise ValueError(f"'{key}' must be a string or number, not {exc}") from None
    published = obj.get("date") if obj.get("date") is not None else obj.get("published")
    if published is not None and not isinstance(published, str):
        raise ValueError(f"'date' must be a string, not {type(published).__name__}")
    authors_value = obj.get("author") if obj.get("author") is not None else obj.get("authors")
    if authors_value is None:
        authors: list[str] = []
    elif isinstance(authors_value, str):
        authors = [authors_value]
    elif isinstance(authors_value, list) and all(isinstance(a, str) for a in authors_value):
        authors = list(authors_value)
    else:
        raise ValueError("'author' must be a string or a list of strings")
    extra = {k: v for k, v in obj.items() if k not in _KNOWN_FIELDS}
    return _article(
        source_line=line_no,
        ordinal=line_no,
        external_id=fields["id"],
        meta_title=fields["title"],
        meta_authors=authors,
        meta_published=published,
        url=fields["url"],
        extra=json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None,
        raw_text=body,
        source_format="jsonl",
        source_encoding="utf-8",
    )


def _jsonl_chunks(data: bytes, limits: Limits) -> Iterator[Chunk]:
    chunk = Chunk()
    transcoded: str | None = None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Lines cannot be split on b"\n" in UTF-16: decode the whole file once.
        try:
            data = data.decode("utf-16").encode("utf-8")
            transcoded = "utf-16"
        except UnicodeDecodeError:
            pass  # not really UTF-16: read line by line with the usual fallbacks
    has_bom = data.startswith(codecs.BOM_UTF8)
    if has_bom:
        data = data[len(codecs.BOM_UTF8) :]  # json.loads rejects a BOM-prefixed first line
    for line_no, line in enumerate(data.split(b"\n"), start=1):
        if not line.strip():
            continue
        if len(line) > limits.max_article_bytes:
            chunk.rejections.append(
                Rejection(
                    "too_large",
                    f"line of {len(line):,} bytes is over the "
                    f"{limits.max_article_bytes:,}-byte article limit",
                    line_no,
                )
            )
            continue
        try:
            text_line = line.decode("utf-8")
            encoding = transcoded or ("utf-8-sig" if has_bom and line_no == 1 else "utf-8")
        except UnicodeDecodeError:
            text_line, encoding = decode(line)
        try:
            obj = json.loads(text_line)
        except ValueError as exc:
            # JSONDecodeError, and also ValueError for an integer over Python's digit limit.
            chunk.rejections.append(Rejection("invalid_json", f"line {line_no}: {exc}", line_no))
            continue
        except RecursionError:
            chunk.rejections.append(
                Rejection("invalid_json", f"line {line_no}: nested too deeply", line_no)
            )
            continue
        try:
            article = _record(obj, line_no)
        except ValueError as exc:
            chunk.rejections.append(Rejection("invalid_record", f"line {line_no}: {exc}", line_no))
            continue
        article["source_encoding"] = encoding
        if "\\u" in text_line:
            _replace_surrogates(article)
        chunk.articles.append(article)
        chunk.text_bytes += len(line)
        if chunk.text_bytes >= limits.chunk_bytes:
            yield chunk
            chunk = Chunk()
    if chunk.articles or chunk.rejections:
        yield chunk
