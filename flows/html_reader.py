"""Turn one decoded HTML news article into plain text plus metadata.

Standard library only (``html.parser``). The parser is event driven and keeps no
element stack: visibility and scope are tracked with per-tag counters, so cost is
linear in the markup size no matter how deep or how broken the nesting is.

Layout of ``HtmlArticle.text``:

* every block element (p, div, li, h1-h6, ...) becomes its own line, and blocks
  are separated by one blank line;
* ``<br>`` (and newlines inside ``<pre>``) end a line without a blank line;
* inline whitespace, including ``&nbsp;``, collapses to one space;
* table cells of one row are joined with ``" | "`` on one line, one row per block;
* ``<figcaption>`` text is kept as its own block (a later boilerplate step needs it);
* ``<img>`` contributes nothing, not even ``alt`` text.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

__all__ = ["HtmlArticle", "parse_html"]


@dataclass(frozen=True)
class HtmlArticle:
    text: str
    title: str | None
    authors: tuple[str, ...]
    published_raw: str | None
    url: str | None


# Never rendered: their text is dropped from the body *and* from metadata captures
# (an <svg><title> inside a byline link must not become part of the author name).
_INVISIBLE = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "iframe",
        "textarea",
        "canvas",
        "audio",
        "video",
        "object",
    }
)
# Page chrome: dropped from the text, but bylines/dates/titles inside still count as metadata.
_CHROME = frozenset(
    {"head", "title", "nav", "header", "footer", "aside", "form", "button", "select"}
)
_SKIP = _INVISIBLE | _CHROME

_BLOCK = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dd",
        "dt",
        "blockquote",
        "pre",
        "table",
        "caption",
        "tr",
        "hr",
        "figure",
        "figcaption",
        "address",
        "details",
        "summary",
        "center",
        "body",
        # Skipped chrome that is still block-level: "a<nav>..</nav>b" must not read "ab".
        "nav",
        "header",
        "footer",
        "aside",
        "form",
    }
)
_CELLS = frozenset({"td", "th"})

# Elements a browser accepts inside <head>; any other start tag implicitly closes an
# unclosed <head>, otherwise a missing </head> would hide the whole page.
_HEAD_OK = frozenset(
    {"head", "title", "meta", "link", "style", "script", "noscript", "base", "template"}
)

# Publication-date sources, best first; the value from the best-ranked source wins.
_DATE_META_RANK = {
    "article:published_time": 0,
    "date": 1,
    "pubdate": 2,
    "publishdate": 3,
    "dc.date.issued": 4,
    "sailthru.date": 5,
    "parsely-pub-date": 6,
}
_RANK_ITEMPROP = 7
_RANK_TIME_IN_ARTICLE = 8
_RANK_TIME_ANYWHERE = 9

# Captured text (titles, bylines) longer than this is not metadata but a runaway
# unclosed element; stop buffering and discard it.
_CAPTURE_LIMIT = 300
_AUTHOR_MAX_LEN = 200
_MAX_CAPTURES = 8


def _norm(s: str) -> str:
    return " ".join(s.split())


def _tokens(value: str | None) -> set[str]:
    return set(value.lower().split()) if value else set()


def _is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://", "//", "www."))


class _TextBuilder:
    """Accumulates layout events for one scope (article, main or body)."""

    __slots__ = ("lines", "pending_sep", "pieces", "row_text")

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.pieces: list[str] = []
        self.row_text = False  # current table row already has visible text
        self.pending_sep = False  # a new cell started after text: emit " | " before more text

    def text(self, s: str) -> None:
        if not s.isspace():
            if self.pending_sep:
                self.pieces.append(" | ")
                self.pending_sep = False
            self.row_text = True
        self.pieces.append(s)

    def cell(self) -> None:
        self.pending_sep = self.row_text

    def _finish(self) -> str:
        if not self.pieces:
            return ""
        line = _norm("".join(self.pieces))
        self.pieces.clear()
        return line

    def newline(self) -> None:
        line = self._finish()
        # Dedupe blanks on append so 100k empty blocks cost O(1) memory.
        if line or not self.lines or self.lines[-1]:
            self.lines.append(line)

    def block(self) -> None:
        line = self._finish()
        if line:
            self.lines.append(line)
        if self.lines and self.lines[-1]:
            self.lines.append("")
        self.row_text = False
        self.pending_sep = False

    def result(self) -> str:
        self.block()
        lines = self.lines
        start, end = 0, len(lines)
        while start < end and not lines[start]:
            start += 1
        while end > start and not lines[end - 1]:
            end -= 1
        return "\n".join(lines[start:end])


class _Capture:
    """Text of one element being collected for metadata (title, h1, byline)."""

    __slots__ = ("depth", "kind", "overflow", "parts", "size", "tag")

    def __init__(self, tag: str, kind: str) -> None:
        self.tag = tag
        self.kind = kind
        self.depth = 1  # same-name nesting, so <span><span></span></span> closes correctly
        self.parts: list[str] = []
        self.size = 0
        self.overflow = False

    def add(self, s: str) -> None:
        if self.overflow:
            return
        self.size += len(s)
        if self.size > _CAPTURE_LIMIT:
            self.overflow = True
            self.parts.clear()
        else:
            self.parts.append(s)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.counts: dict[str, int] = {}
        self.invisible = 0
        self.chrome = 0
        self.pre = 0
        self.article = 0
        self.main = 0
        self.body_text = _TextBuilder()
        self.article_text = _TextBuilder()
        self.main_text = _TextBuilder()
        self.captures: list[_Capture] = []
        # Open itemprop="author" itemscope element (tag + same-name nesting); an
        # itemprop="name" inside it is the author's name.
        self.author_scope: str | None = None
        self.author_scope_depth = 0

        self.og_title: str | None = None
        self.title_tag: str | None = None
        self.h1: str | None = None
        self.canonical: str | None = None
        self.og_url: str | None = None
        self.authors: list[str] = []
        self.author_keys: set[str] = set()
        self.dates: dict[int, str] = {}

    # -- helpers ---------------------------------------------------------------

    def _builders(self) -> list[_TextBuilder]:
        if self.invisible or self.chrome:
            return []
        out = [self.body_text]
        if self.article:
            out.append(self.article_text)
        if self.main:
            out.append(self.main_text)
        return out

    def _close_head(self) -> None:
        n = self.counts.get("head", 0)
        if n:
            self.counts["head"] = 0
            self.chrome -= n

    def _add_author(self, value: str | None) -> None:
        if not value:
            return
        name = _norm(value)
        if not name or len(name) > _AUTHOR_MAX_LEN or _is_url(name):
            return
        key = name.casefold()
        if key not in self.author_keys:
            self.author_keys.add(key)
            self.authors.append(name)

    def _add_date(self, rank: int, value: str | None) -> None:
        if value and value.strip() and rank not in self.dates:
            self.dates[rank] = value.strip()

    def _capturing(self, kind: str) -> bool:
        return any(cap.kind == kind for cap in self.captures)

    def _start_capture(self, tag: str, kind: str) -> None:
        if len(self.captures) < _MAX_CAPTURES and not self.invisible:
            self.captures.append(_Capture(tag, kind))

    def _finish_capture(self, cap: _Capture) -> None:
        if cap.overflow:
            return
        value = _norm("".join(cap.parts))
        if cap.kind == "author":
            self._add_author(value)
        elif cap.kind == "title" and value and self.title_tag is None:
            self.title_tag = value
        elif cap.kind == "h1" and value and self.h1 is None:
            self.h1 = value

    # -- metadata --------------------------------------------------------------

    def _meta(self, attrs: dict[str, str]) -> None:
        content = attrs.get("content")
        if content is None:
            return
        keys = {
            attrs.get("property", "").strip().lower(),
            attrs.get("name", "").strip().lower(),
        }
        if "og:title" in keys and self.og_title is None and _norm(content):
            self.og_title = _norm(content)
        if "og:url" in keys and self.og_url is None and content.strip():
            self.og_url = content.strip()
        if "author" in keys or "article:author" in keys:
            self._add_author(content)
        for key in keys:
            rank = _DATE_META_RANK.get(key)
            if rank is not None:
                self._add_date(rank, content)

    def _itemprops(self, tag: str, attrs: dict[str, str]) -> None:
        props = _tokens(attrs.get("itemprop"))
        if not props:
            return
        if "datepublished" in props:
            self._add_date(_RANK_ITEMPROP, attrs.get("content") or attrs.get("datetime"))
        void = tag in ("meta", "link")
        if "author" in props:
            if "content" in attrs:
                self._add_author(attrs["content"])
            elif "itemscope" in attrs and not void:
                if self.author_scope is None:
                    self.author_scope = tag
                    self.author_scope_depth = 1
            elif not void:
                self._start_capture(tag, "author")
        elif "name" in props and self.author_scope is not None:
            if "content" in attrs:
                self._add_author(attrs["content"])
            elif not void:
                self._start_capture(tag, "author")

    # -- HTMLParser callbacks --------------------------------------------------

    def handle_starttag(self, tag: str, attr_list: list[tuple[str, str | None]]) -> None:
        attrs: dict[str, str] = {}
        for k, v in attr_list:
            attrs.setdefault(k, v if v is not None else "")

        if tag not in _HEAD_OK:
            self._close_head()

        for cap in self.captures:
            if cap.tag == tag:
                cap.depth += 1
        if self.author_scope == tag:
            self.author_scope_depth += 1

        # Metadata is collected regardless of visibility (bylines live in <header>).
        if tag == "meta":
            self._meta(attrs)
        elif tag == "link":
            rel = _tokens(attrs.get("rel"))
            if "canonical" in rel and self.canonical is None and attrs.get("href", "").strip():
                self.canonical = attrs["href"].strip()
        elif tag == "a" and "author" in _tokens(attrs.get("rel")):
            self._start_capture(tag, "author")
        elif tag == "time" and "datetime" in attrs:
            self._add_date(
                _RANK_TIME_IN_ARTICLE if self.article else _RANK_TIME_ANYWHERE,
                attrs["datetime"],
            )
        elif tag == "title" and self.title_tag is None and not self._capturing("title"):
            self._start_capture(tag, "title")
        elif tag == "h1" and self.h1 is None and not self._capturing("h1"):
            # Only one at a time; an empty or runaway <h1> lets a later one try.
            self._start_capture(tag, "h1")
        if "itemprop" in attrs and not self.invisible:
            self._itemprops(tag, attrs)

        if tag == "br":
            for b in self._builders():
                b.newline()
            return
        if tag in _BLOCK:
            for b in self._builders():
                b.block()
        elif tag in _CELLS:
            for b in self._builders():
                b.cell()

        if tag in _SKIP:
            self.counts[tag] = self.counts.get(tag, 0) + 1
            if tag in _INVISIBLE:
                self.invisible += 1
            else:
                self.chrome += 1
        elif tag == "article":
            self.article += 1
        elif tag == "main":
            self.main += 1
        elif tag == "pre":
            self.pre += 1

    def handle_endtag(self, tag: str) -> None:
        if self.captures:
            keep: list[_Capture] = []
            for cap in self.captures:
                if cap.tag == tag:
                    cap.depth -= 1
                    if cap.depth == 0:
                        self._finish_capture(cap)
                        continue
                keep.append(cap)
            self.captures = keep
        if self.author_scope == tag:
            self.author_scope_depth -= 1
            if self.author_scope_depth == 0:
                self.author_scope = None

        if tag in _SKIP:
            # Stray end tags (no matching open) are ignored rather than going negative.
            n = self.counts.get(tag, 0)
            if n:
                self.counts[tag] = n - 1
                if tag in _INVISIBLE:
                    self.invisible -= 1
                else:
                    self.chrome -= 1
        if tag in _BLOCK:
            for b in self._builders():
                b.block()
        if tag == "article" and self.article:
            self.article -= 1
        elif tag == "main" and self.main:
            self.main -= 1
        elif tag == "pre" and self.pre:
            self.pre -= 1

    def handle_data(self, data: str) -> None:
        if not self.invisible:
            for cap in self.captures:
                cap.add(data)
        builders = self._builders()
        if not builders:
            return
        if self.pre and "\n" in data:
            lines = data.split("\n")
            for b in builders:
                for line in lines[:-1]:
                    b.text(line)
                    b.newline()
                b.text(lines[-1])
        else:
            for b in builders:
                b.text(data)

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        # The stdlib raises AssertionError on "<![foo[ ... ]]>"; treat it as a bogus
        # comment up to the next ">" instead, so parsing continues after it.
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            j = self.rawdata.find(">", i + 3)
            return -1 if j < 0 else j + 1

    # -- result ----------------------------------------------------------------

    def result(self) -> HtmlArticle:
        text = ""
        # Narrowest scope that has text wins: an <article> that yields nothing
        # (e.g. teaser cards inside an <aside>) should not blank the whole page.
        for builder in (self.article_text, self.main_text, self.body_text):
            text = builder.result()
            if text:
                break
        date = self.dates[min(self.dates)] if self.dates else None
        return HtmlArticle(
            text=text,
            title=self.og_title or self.title_tag or self.h1,
            authors=tuple(self.authors),
            published_raw=date,
            url=self.canonical or self.og_url,
        )


def parse_html(markup: str) -> HtmlArticle:
    """Extract visible article text and metadata from decoded HTML. Never raises."""
    reader = _Reader()
    try:
        # NUL is never meaningful in HTML text and would otherwise survive into the output.
        reader.feed(markup.replace("\x00", ""))
        rest = reader.rawdata  # what feed() could not finish: an unterminated construct
        if len(rest) > 1 and rest[0] == "<" and (rest[1] in "!?/" or rest[1].isalpha()):
            # Browsers drop a comment or tag cut off by EOF; close() would emit it as text.
            reader.rawdata = ""
        reader.close()
    except Exception:
        # Contract is "never raise" on arbitrary web markup; keep whatever was parsed
        # before the stdlib parser gave up.
        pass
    return reader.result()
