"""Reading input files into raw article rows: decoding, format detection, JSONL records.

This is the I/O edge of the pipeline; everything after it is polars in ``transforms/``.
A problem with a file or a record becomes a ``Rejection`` (reason + detail), never an
exception, so one bad file or line costs only itself.

Files are read as streams (``read_file_chunks``, ``read_stream_chunks``): a JSONL file,
gzipped or not, costs one chunk of articles plus one line of memory, whatever its size;
``read_chunks`` runs the same code over bytes already in memory. ``HashedFile`` and
``file_sha256`` give the SHA-256 of a file's raw bytes without holding them.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import io
import json
import os
import re
import stat
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flows.html_reader import parse_html

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

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
# Read size for files and long lines: big enough to be fast, small enough not to matter.
_BLOCK = 1024**2
# A "\ud800"-style JSON escape decodes to a lone surrogate, which no UTF-8 writer accepts.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 4 * 1024**3  # any file, JSONL included
    max_article_bytes: int = 8 * 1024**2  # one article: a .txt/.md/.html file or a JSONL line
    # Articles per Parquet part, by text size. For memory: extracting a 16 MB chunk peaks at
    # ~0.4 GB over the process (32 MB: ~0.65 GB). Each chunk pays ~0.3 CPU s of fixed
    # extraction cost (planning, regex compilation).
    chunk_bytes: int = 16 * 1024**2
    # A batch's last chunk that would extract alone (a small incremental run: one chunk) is
    # split in two parts that extract at once on the two cores, when each half has this much.
    min_split_bytes: int = 1024**2


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
    """Articles of one file given as bytes, in chunks: ``read_stream_chunks`` over them."""
    return read_stream_chunks(name, io.BytesIO(data), limits)


def read_file_chunks(path: Path, name: str, limits: Limits) -> Iterator[Chunk]:
    """Articles of the file at ``path`` (``name`` is its display name, which decides the
    format), read as a stream: memory is bounded by one chunk plus one line, whatever the
    file size. A file that cannot be opened or read is ``FileRejected`` as "unreadable"."""
    try:
        stream = io.BufferedReader(io.FileIO(path), _BLOCK)
    except OSError as exc:
        raise FileRejected(Rejection("unreadable", _os_error(exc))) from exc
    with stream:
        yield from read_stream_chunks(name, stream, limits)


def read_stream_chunks(
    name: str, stream: io.BufferedIOBase | io.RawIOBase, limits: Limits
) -> Iterator[Chunk]:
    """Articles of one file, read from ``stream`` (from its start), in chunks of about
    ``limits.chunk_bytes`` of text. The stream is read, never closed; a raw stream (e.g. a
    ``HashedFile``) is buffered here and detached again afterwards.

    Raises ``FileRejected`` when the file as a whole cannot be used: before any chunk is
    yielded, except for a ``.jsonl.gz`` stream found truncated, corrupt or inflating past
    ``limits.max_file_bytes`` part-way (the chunks already yielded stay valid)."""
    suffix = suffix_of(name)
    if suffix not in SUPPORTED_SUFFIXES:
        raise FileRejected(
            Rejection(
                "unsupported_type",
                f"'{suffix or name}' files are not read; "
                f"supported: {', '.join(SUPPORTED_SUFFIXES)}",
            )
        )
    size = _known_size(stream)
    if size is not None and size > limits.max_file_bytes:
        raise FileRejected(
            Rejection(
                "too_large",
                f"{size:,} bytes is over the {limits.max_file_bytes:,}-byte file limit",
            )
        )
    buffered = io.BufferedReader(stream, _BLOCK) if isinstance(stream, io.RawIOBase) else stream
    try:
        if suffix == ".jsonl.gz":
            with gzip.GzipFile(fileobj=buffered, mode="rb") as inflated:
                # Big reads: the gzip module does its own in 8 KiB steps, slowly.
                lines = io.BufferedReader(inflated, _BLOCK)
                yield from _jsonl_chunks(_Source(lines, limits.max_file_bytes, True), limits)
        elif suffix == ".jsonl":
            yield from _jsonl_chunks(_Source(buffered, limits.max_file_bytes, False), limits)
        else:
            yield _single_article(suffix, buffered, size, limits)
    finally:
        if buffered is not stream:
            # Closing (or collecting) the wrapper would close the caller's stream.
            assert isinstance(buffered, io.BufferedReader)
            buffered.detach()


def _single_article(
    suffix: str, stream: io.BufferedIOBase, size: int | None, limits: Limits
) -> Chunk:
    """A .txt/.md/.html file: one article, so it is read whole (at most one byte more than
    the article limit, so an oversized file is never held)."""
    data = _Source(stream, limits.max_file_bytes, False).read(limits.max_article_bytes + 1)
    if len(data) > limits.max_article_bytes:
        shown = f"{max(size or 0, len(data)):,} bytes" if size else "the file"
        raise FileRejected(
            Rejection(
                "too_large",
                f"{shown} is over the {limits.max_article_bytes:,}-byte article limit",
            )
        )
    if not data.strip():
        raise FileRejected(Rejection("empty", "the file has no text" if data else "0 bytes"))
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
    return Chunk(articles=[article], text_bytes=len(data))


def _known_size(stream: io.BufferedIOBase | io.RawIOBase) -> int | None:
    """Bytes left in the stream when that is known without reading it (a regular file, or a
    seekable stream such as ``io.BytesIO``), else None."""
    try:
        status = os.fstat(stream.fileno())
        if stat.S_ISREG(status.st_mode):
            return status.st_size
    except OSError:  # io.UnsupportedOperation included: no file descriptor
        pass
    if stream.seekable():
        here = stream.tell()
        end = stream.seek(0, io.SEEK_END)
        stream.seek(here)
        return end - here
    return None


def _os_error(exc: OSError) -> str:
    return f"{type(exc).__name__}: {exc.strerror or exc}"


class _Source:
    """The (decompressed) bytes of a file as they are read: counts them against the file
    limit, so a gzip bomb stops after ``limit`` bytes of output, and turns read errors into
    ``FileRejected``."""

    def __init__(self, stream: io.BufferedIOBase, limit: int, gzipped: bool):
        self.stream, self.limit, self.gzipped = stream, limit, gzipped
        self.bytes_read = 0

    def readline(self, size: int) -> bytes:
        return self._counted(self._guarded(self.stream.readline, size))

    def read(self, size: int) -> bytes:
        """Up to ``size`` bytes, in fixed blocks: read(size) would allocate all of it up front."""
        out = bytearray()
        while len(out) < size:
            block = self._guarded(self.stream.read, min(_BLOCK, size - len(out)))
            if not block:
                break
            out += self._counted(block)
        return bytes(out)

    def _counted(self, data: bytes) -> bytes:
        self.bytes_read += len(data)
        if self.bytes_read > self.limit:
            what = "decompresses to" if self.gzipped else "reads as"
            raise FileRejected(
                Rejection("too_large", f"{what} over the {self.limit:,}-byte file limit")
            )
        return data

    def _guarded(self, read: Callable[[int], bytes], size: int) -> bytes:
        try:
            return read(size)
        except (OSError, EOFError, zlib.error) as exc:
            # Gzip format errors carry no errno; a failing disk does.
            if self.gzipped and getattr(exc, "errno", None) is None:
                detail = f"not a valid gzip file: {exc}"
            else:
                detail = _os_error(exc) if isinstance(exc, OSError) else str(exc)
            raise FileRejected(Rejection("unreadable", detail)) from exc


class HashedFile(io.RawIOBase):
    """A file opened for reading that feeds every raw byte read through it to SHA-256.

    Pass it to ``read_stream_chunks`` to hash and parse in one pass; ``hexdigest()`` then
    reads (and hashes) whatever parsing left unread, so it is always the hash of the whole
    file, also when parsing stopped early (a rejected file, a gzip bomb). Use it as a
    context manager; opening raises ``OSError`` like ``open``."""

    def __init__(self, path: Path):
        super().__init__()
        self._file = open(path, "rb", buffering=0)  # noqa: SIM115 - closed by close()
        self._sha256 = hashlib.sha256()
        self.bytes_read = 0

    def readable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._file.fileno()

    def readinto(self, buffer: WriteableBuffer, /) -> int:
        n = self._file.readinto(buffer) or 0
        if n:
            self._sha256.update(memoryview(buffer)[:n])
            self.bytes_read += n
        return n

    def close(self) -> None:
        self._file.close()
        super().close()

    def hexdigest(self) -> str:
        """SHA-256 of all the file's bytes, reading the rest of the file first."""
        block = bytearray(_BLOCK)
        while self.readinto(block):
            pass
        return self._sha256.hexdigest()


def file_sha256(path: Path) -> str:
    """SHA-256 of the file's bytes, read in 1 MiB blocks (raises ``OSError`` like ``open``).
    For comparing with the ledger's previous hash before parsing anything."""
    with HashedFile(path) as hashed:
        return hashed.hexdigest()


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


def _lines(source: _Source, first: bytes, cap: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number from 1, line without its newline, its length) for every line, starting
    with the already-read ``first`` piece. A line of ``cap`` bytes or more is read in pieces
    and never held whole: it comes as ``None`` with its length, or not at all if blank."""
    piece, line_no = first, 0
    while piece:
        line_no += 1
        if piece.endswith(b"\n") or len(piece) < cap:  # a whole line (the last may lack "\n")
            line = piece.removesuffix(b"\n")
            yield line_no, line, len(line)
        else:
            length, blank = len(piece), piece.isspace()
            while not piece.endswith(b"\n") and (piece := source.readline(_BLOCK)):
                length += len(piece)
                blank = blank and piece.isspace()
            if not blank:
                yield line_no, None, length - piece.endswith(b"\n")
        piece = source.readline(cap)


def _jsonl_chunks(source: _Source, limits: Limits) -> Iterator[Chunk]:
    cap = limits.max_article_bytes + 1  # one byte over: enough to know a line is too long
    first = source.readline(cap)
    if not first:
        raise FileRejected(Rejection("empty", "0 bytes"))
    transcoded: str | None = None
    if first.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Lines cannot be split on b"\n" in UTF-16: decode the whole file once. The one case
        # that holds a whole file, bounded by max_file_bytes (the source stops past it).
        data = first + source.read(limits.max_file_bytes + 1)
        try:
            data = data.decode("utf-16").encode("utf-8")
            transcoded = "utf-16"
        except UnicodeDecodeError:
            pass  # not really UTF-16: read line by line with the usual fallbacks
        # Transcoding may grow the text past the limit it was read within: no limit again.
        source = _Source(io.BytesIO(data), len(data), False)
        first = source.readline(cap)
    has_bom = first.startswith(codecs.BOM_UTF8)
    chunk = Chunk()
    any_text = False
    for line_no, raw_line, raw_length in _lines(source, first, cap):
        line, length = raw_line, raw_length
        if has_bom and line_no == 1:
            # json.loads rejects a BOM-prefixed first line.
            line = line[len(codecs.BOM_UTF8) :] if line is not None else None
            length -= len(codecs.BOM_UTF8)
        if line is not None and not line.strip():
            continue
        any_text = True
        if line is None or length > limits.max_article_bytes:
            chunk.rejections.append(
                Rejection(
                    "too_large",
                    f"line of {length:,} bytes is over the "
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
    if not any_text:
        raise FileRejected(Rejection("empty", "the file has no text"))
    if chunk.articles or chunk.rejections:
        yield chunk
