"""Peer comparison of ``make bench`` (issue 7): newsfacts against three other ways to get the
same money / percent / date / quote output from the same raw article bodies, in one run.

    python bench/peers.py CORPUS.jsonl[.gz] [--articles 5000] [--budget 60]

Implementations, each timed from raw body text to its output (set-up -- compiling patterns,
loading models -- is done and reported before the clock starts, and each gets an untimed
warm-up on a few articles):

- ``newsfacts``: raw articles -> ``build_documents`` (normalise, boilerplate) ->
  ``split_sentences`` -> ``extract_facts`` for the money, percent and date kinds
  (``newsfacts_facts``; rank and quantity are not run, as no peer produces them) ->
  ``extract_quotes`` (quote spans and their speakers by pattern; no
  entity extraction, so empty mentions / entities / roles). Vectorised polars, one batch.
- ``python_re`` (b): a per-document loop in plain Python: split sentences with one regex
  (a period after an abbreviation from transforms/patterns.py or an initial does not end a
  sentence), then ``re.finditer`` newsfacts' own pattern strings (money ``MONEY``, percent
  ``PATTERN``, every date rule of ``transforms/facts/date/rules.py`` less its ``pre`` /
  ``post`` context groups, quotes ``QUOTE_PATTERN`` per line), each behind its kind's
  ``PREFILTER`` and each date rule behind its ``TRIGGERS`` entry, as newsfacts does. The
  patterns compile unchanged with Python's ``re`` (Rust's scoped flags ``(?i:...)`` exist
  there too; ``\\d \\w \\s \\b`` are Unicode in both); the one difference is that ``$``
  also matches before a final newline. Overlaps are resolved greedily (kind priority money >
  percent > date, then the longer span, then rule order). Values: number x scale x sub-unit
  ("20 cents" is 0.2) for money, the number for percent; dates and quotes are spans only.
- ``spacy`` (a): ``spacy.blank("en")`` + ``sentencizer`` + an ``EntityRuler`` with token
  patterns built from newsfacts' word lists (currency symbols, codes and names, scale words,
  percent units, months, weekdays, quarters, relative dates), over ``nlp.pipe`` (one Doc per
  document), and a ``Matcher`` for quotes (a mark, tokens on one line, the closing mark).
- ``quantulum3_dateparser`` (c): the off-the-shelf choice: ``quantulum3.parser.parse`` (money:
  currency units; percent: percentage / per cent / basis point units) and
  ``dateparser.search.search_dates(text, languages=["en"])`` per document. No quotes. They
  are slow, so they run over the longest prefix of the sample that fits ``time_budget_s``;
  their MB/s is then extrapolated from those articles (``extrapolated``: true).

Peers do less than newsfacts: no normalisation or boilerplate removal, no relative-date
resolution, no status / subject / direction, no quote speakers. The ratios therefore flatter
the peers.

Rates are MB of raw body text (UTF-8) per second. ``ratio_wall`` is newsfacts MB/s over the
peer's MB/s by wall time; ``ratio_cpu`` the same by CPU seconds (``time.process_time``, all
threads of the process: polars' threads count, so it is the per-core comparison and the one
the machine's other load disturbs least). Targets: newsfacts >= 20x spaCy and >= 10x the
Python ``re`` version.

Agreement (money, percent), per article, by *number key*: the first number in a surface
without commas, as a float ("$2,270 million" and "2270 dollars" -> "2270.0"; a surface
with no digits -> its lower-cased text). ``newsfacts_found_by_peer`` is the share of
newsfacts' facts whose key the peer also found in the same article (each peer item matched
at most once); ``peer_found_by_newsfacts`` the converse share of the peer's items. Both
only over articles the peer processed, each counted once (duplicates are one document).
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import re
import sys
import time
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, ClassVar, NamedTuple

import polars as pl

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: python bench/peers.py
    sys.path.insert(0, str(ROOT))

from flows.readers import Limits, read_chunks  # noqa: E402
from transforms.documents import RAW_ARTICLES  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "reuters_financial_2006_2013.jsonl.gz"
KINDS = ("money", "percent", "date", "quote")
KIND_PRIORITY = {"money": 0, "percent": 1, "date": 2}
TARGETS = {"spacy": 20.0, "python_re": 10.0}
WARM_UP_ARTICLES = 5


class Found(NamedTuple):
    """One item a peer found: kind, offsets into the raw body (None if unknown), surface,
    value (None if the peer gives none)."""

    kind: str
    start: int | None
    end: int | None
    surface: str
    value: float | None = None
    rule_no: int = 0  # ties between overlapping spans of one length go to the lower rule


# A peer turns an iterable of raw bodies into one list of Found per body, lazily.
Peer = Callable[[Iterable[str]], Iterator[list[Found]]]


def load_articles(corpus: Path, n_articles: int) -> pl.DataFrame:
    """The first ``n_articles`` articles of a JSONL(.gz) corpus, as RAW_ARTICLES rows (lines
    the reader rejects, such as articles without a body, are skipped, not counted)."""
    opener = gzip.open if corpus.name.endswith(".gz") else open
    articles: list[dict[str, Any]] = []
    with opener(corpus, "rb") as handle:
        while len(articles) < n_articles:
            lines = list(itertools.islice(handle, n_articles - len(articles)))
            if not lines:
                break
            articles += [
                {**a, "part_id": "bench", "source_path": corpus.name}
                for chunk in read_chunks("sample.jsonl", b"".join(lines), Limits())
                for a in chunk.articles
            ]
    return pl.DataFrame(articles[:n_articles], schema=RAW_ARTICLES)


# --- newsfacts --------------------------------------------------------------------------------


class NewsfactsOutput(NamedTuple):
    facts: pl.DataFrame  # money / percent / date facts, with doc_key (input row)
    quotes: pl.DataFrame  # with doc_key
    documents: int
    first_rows: set[int]  # the input row of each document (later copies are duplicates)
    stage_seconds: dict[str, float]


def newsfacts_facts(
    sentences: pl.LazyFrame,
    documents: pl.LazyFrame,
    kinds: tuple[str, ...] = ("money", "percent", "date"),
) -> pl.DataFrame:
    """``transforms.facts.extract_facts`` for the kinds the peers produce. Facts of these kinds
    are the same as a run of every kind gives (the kinds left out rank below them, so they
    never remove one), with their status / subject / category."""
    from transforms.facts import extract_facts

    return extract_facts(sentences, documents, kinds=kinds).collect()


def run_newsfacts(raw: pl.DataFrame) -> NewsfactsOutput:
    """Raw articles -> documents -> sentences -> facts and quotes (see the module docstring)."""
    from transforms.documents import build_documents
    from transforms.entities import extract_entities
    from transforms.facts.spans import patterns_for
    from transforms.quotes import extract_quotes
    from transforms.roles import extract_roles
    from transforms.sentences import split_sentences

    stages: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        stages[name] = round(now - clock, 3)
        clock = now

    built = build_documents(raw, "bench")
    documents = built.documents
    lap("documents")
    sentences = split_sentences(documents.lazy()).collect()
    lap("sentences")
    # As extract_all does: regexes compiled only in the forms this text needs.
    with patterns_for([documents["body_text"], sentences["text"]]):
        facts = newsfacts_facts(sentences.lazy(), documents.lazy())
        lap("facts")
        # Speakers by pattern only: the peers extract no entities either.
        no_sentences = sentences.head(0).lazy()
        no_entities = extract_entities(no_sentences)
        no_roles = extract_roles(no_sentences, no_entities.mentions, no_entities.entities)
        quotes = extract_quotes(
            documents.lazy().select("doc_id", "body_text"),
            sentences.lazy(),
            no_entities.mentions,
            no_entities.entities,
            no_roles,
        )
        lap("quotes")
    # The first input row of each document: facts are compared article by article.
    first_key = built.file_documents.group_by("doc_id").agg(pl.col("doc_key").min())
    return NewsfactsOutput(
        facts=facts.join(first_key, on="doc_id", how="left"),
        quotes=quotes.join(first_key, on="doc_id", how="left"),
        documents=documents.height,
        first_rows=set(first_key["doc_key"].to_list()),
        stage_seconds=stages,
    )


# --- (b) per-document Python re ---------------------------------------------------------------

# A sentence ends at [.!?] (and closing quotes/brackets) before whitespace and a capital or
# digit (optionally after an opening quote/bracket), or at a blank line.
SENTENCE_BREAK = r"""[.!?]+["')\]”’]*\s+(?=["'(\[“‘]?[A-Z0-9])|\n[ \t]*\n\s*"""
FIRST_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
INITIALS = re.compile(r"(?:[A-Z]\.)*[A-Z]")  # "J", "U.S", the word before the last period


def resolve_overlaps(items: list[Found]) -> list[Found]:
    """Greedy: kind priority (money, percent, date), then the longer span, the lower rule
    number, the earlier start. Items need offsets."""

    def span(item: Found) -> tuple[int, int]:
        assert item.start is not None and item.end is not None
        return item.start, item.end

    def rank(item: Found) -> tuple[int, int, int, int]:
        start, end = span(item)
        return (KIND_PRIORITY.get(item.kind, 9), start - end, item.rule_no, start)

    kept: list[tuple[int, int]] = []
    chosen: list[Found] = []
    for item in sorted(items, key=rank):
        start, end = span(item)
        if all(end <= k_start or k_end <= start for k_start, k_end in kept):
            kept.append((start, end))
            chosen.append(item)
    return sorted(chosen, key=lambda f: (span(f), f.kind))


class RegexPeer:
    """(b): newsfacts' pattern strings, compiled by Python ``re``, one document at a time."""

    def __init__(self) -> None:
        from transforms.facts.date import rules as date_rules
        from transforms.facts.money import rules as money_rules
        from transforms.facts.numbers import SCALE_VALUES, WORD_VALUES
        from transforms.facts.percent import rules as percent_rules
        from transforms.patterns import (
            CORPORATE_SUFFIXES_DOTTED,
            MONTHS_ABBREV,
            NAME_TITLES,
            NON_TERMINAL_ABBREVS,
            NUMBER_ABBREVS,
        )
        from transforms.quotes.rules import QUOTE_PATTERN

        self.sentence_break = re.compile(SENTENCE_BREAK)
        self.last_word = re.compile(r"[\w.]+$")
        self.abbreviations = frozenset(
            (
                *MONTHS_ABBREV,
                *NAME_TITLES,
                *CORPORATE_SUFFIXES_DOTTED,
                *NON_TERMINAL_ABBREVS,
                *NUMBER_ABBREVS,
            )
        )
        self.money_prefilter = re.compile(money_rules.PREFILTER)
        self.money = re.compile(money_rules.MONEY)
        self.percent_prefilter = re.compile(percent_rules.PREFILTER)
        self.percent = re.compile(percent_rules.PATTERN)
        self.date_prefilter = re.compile(date_rules.PREFILTER)
        # Each date rule behind its trigger (a literal every match contains), as newsfacts.
        triggers = {t: re.compile(t) for t in set(date_rules.TRIGGERS.values())}
        self.date_rules = [
            (re.compile(pattern), triggers.get(date_rules.TRIGGERS.get(name, "")))
            for name, pattern, _ in date_rules.RULES
        ]
        # Paragraph-wise, as newsfacts: "^" and "$" at line ends.
        self.quote = re.compile(QUOTE_PATTERN, re.MULTILINE)
        self.factors = money_rules.FACTOR_BY_KEY
        self.currency_key = money_rules.currency_key
        self.scales = SCALE_VALUES
        self.words = WORD_VALUES

    def sentences(self, text: str) -> Iterator[tuple[int, str]]:
        start = 0
        for brk in self.sentence_break.finditer(text):
            word = self.last_word.search(text, max(0, brk.start() - 12), brk.start())
            if word and brk.group().startswith(".") and self.is_abbreviation(word.group()):
                continue
            yield start, text[start : brk.start() + len(brk.group().rstrip())]
            start = brk.end()
        if start < len(text):
            yield start, text[start:]

    def is_abbreviation(self, word: str) -> bool:
        """A period after these does not end a sentence ("Oct. 20", "Mr. Smith", "U.S. Steel")."""
        return word in self.abbreviations or INITIALS.fullmatch(word) is not None

    def number(self, text: str | None) -> float | None:
        if not text:
            return None
        try:
            return float(text.replace(",", ""))
        except ValueError:
            return self.words.get(text.lower())

    def scale(self, text: str | None) -> float:
        return self.scales.get((text or "").strip(" -").lower(), 1.0) if text else 1.0

    def money_value(self, match: re.Match[str]) -> float | None:
        g = match.group
        number = self.number(g("p_num") or g("s_num")) or (1.0 if g("s_art") else None)
        if number is None:
            return None
        # "20 cents" is 0.2 USD, "120 MEUR" 120 million EUR.
        factor = self.factors.get(self.currency_key(g("p_cur") or g("s_cur") or g("s_pence")), 1)
        return number * self.scale(g("p_scale") or g("s_scale") or g("s_ascale")) * factor

    def __call__(self, texts: Iterable[str]) -> Iterator[list[Found]]:
        for text in texts:
            items: list[Found] = []
            for offset, sentence in self.sentences(text):
                if self.money_prefilter.search(sentence):
                    for m in self.money.finditer(sentence):
                        items.append(
                            Found(
                                "money",
                                offset + m.start(),
                                offset + m.end(),
                                m.group(),
                                self.money_value(m),
                            )
                        )
                if self.percent_prefilter.search(sentence):
                    for m in self.percent.finditer(sentence):
                        number = FIRST_NUMBER.search(m.group())
                        value = self.number(number.group()) if number else None
                        items.append(
                            Found("percent", offset + m.start(), offset + m.end(), m.group(), value)
                        )
                if self.date_prefilter.search(sentence):
                    for rule_no, (rule, trigger) in enumerate(self.date_rules):
                        if trigger is not None and not trigger.search(sentence):
                            continue
                        for m in rule.finditer(sentence):
                            # Context the rule needs but the date is not: groups pre/post.
                            start = m.start() + len(m.groupdict().get("pre") or "")
                            end = m.end() - len(m.groupdict().get("post") or "")
                            if end > start:
                                items.append(
                                    Found(
                                        "date",
                                        offset + start,
                                        offset + end,
                                        sentence[start:end],
                                        rule_no=rule_no,
                                    )
                                )
            found = resolve_overlaps(items)
            found += [self.quote_found(text, m) for m in self.quote.finditer(text)]
            yield found

    @staticmethod
    def quote_found(text: str, match: re.Match[str]) -> Found:
        """A QUOTE_PATTERN match without what it matched around the marks: the character
        before a straight opening mark, the spaces after a closing one."""
        start, end = match.span()
        if text[start] not in '"“':
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return Found("quote", start, end, text[start:end])


# --- (a) spaCy --------------------------------------------------------------------------------


def spacy_patterns(make_doc: Callable[[str], Any]) -> list[dict[str, Any]]:
    """EntityRuler token patterns for MONEY, PERCENT and DATE, from newsfacts' word lists."""
    from transforms.facts.money import rules as money_rules
    from transforms.facts.numbers import SCALE_VALUES
    from transforms.patterns import MONTHS_ABBREV, MONTHS_FULL, WEEKDAYS_FULL

    def words(phrase: str) -> list[str]:
        return [t.lower_ for t in make_doc(phrase)]

    number: dict[str, Any] = {"LIKE_NUM": True}
    glued_scale = {"TEXT": {"REGEX": r"^\d[\d,.]*(?i:bn|mn|mln|bln|tn|k|m|b)$"}}
    scale = {"LOWER": {"IN": sorted(SCALE_VALUES)}, "OP": "?"}
    symbols = sorted(
        {*money_rules.SYMBOLS, *(p + "$" for p in money_rules.LETTER_DOLLARS), "Rs", "Rs."}
        | set(money_rules.CODES)
    )
    prefix = {"TEXT": {"IN": symbols}}
    names = sorted({*money_rules.NAMES, *money_rules.SUBUNITS})
    one_word = [n.lower() for n in names if len(words(n)) == 1]
    patterns: list[dict[str, Any]] = [
        {"label": "MONEY", "pattern": [prefix, number, scale]},
        {"label": "MONEY", "pattern": [prefix, glued_scale]},
        {"label": "MONEY", "pattern": [number, scale, {"LOWER": {"IN": one_word}}]},
        {"label": "MONEY", "pattern": [{"SHAPE": {"IN": ["dp", "ddp", "dddp", "ddddp"]}}]},
    ]
    # Multi-word names ("Swiss francs", "U.S. dollars") one pattern per length, each token
    # from the words at that position: one pattern per name made the whole pipeline ~2x slower.
    by_length: dict[int, list[set[str]]] = {}
    for n in names:
        tokens = words(n)
        if len(tokens) > 1:
            slots = by_length.setdefault(len(tokens), [set() for _ in tokens])
            for slot, token in zip(slots, tokens, strict=True):
                slot.add(token)
    patterns += [
        {
            "label": "MONEY",
            "pattern": [number, scale, *({"LOWER": {"IN": sorted(slot)}} for slot in slots)],
        }
        for slots in by_length.values()
    ]
    percent_unit = ["%", "percent", "pct", "per-cent", "percentage", "bp", "bps"]
    patterns += [
        {"label": "PERCENT", "pattern": [number, {"LOWER": {"IN": percent_unit}}]},
        {"label": "PERCENT", "pattern": [number, {"LOWER": "per"}, {"LOWER": "cent"}]},
        {
            "label": "PERCENT",
            "pattern": [
                number,
                {"LOWER": {"IN": ["percentage", "percent", "basis"]}},
                {"LOWER": {"IN": ["point", "points"]}},
            ],
        },
    ]
    month = {"LOWER": {"IN": [m.lower() for m in (*MONTHS_FULL, *MONTHS_ABBREV)]}}
    month_dot = {"LOWER": {"IN": [m.lower() + "." for m in MONTHS_ABBREV]}}
    # Closed sets rather than REGEX, which spaCy runs as a Python call on every token.
    days = [str(d) for d in range(1, 32)] + [f"0{d}" for d in range(1, 10)]
    day = {"LOWER": {"IN": days + [d + s for d in days for s in ("st", "nd", "rd", "th")]}}
    year = {"ORTH": {"IN": [str(y) for y in range(1900, 2100)]}}
    comma = {"ORTH": ",", "OP": "?"}
    ordinal = {"LOWER": {"IN": ["first", "second", "third", "fourth", "1st", "2nd", "3rd", "4th"]}}
    relative = {"LOWER": {"IN": ["last", "next", "this", "previous", "coming"]}}
    unit = {"LOWER": {"IN": ["year", "month", "week", "quarter", "weekend"]}}
    weekday = {"LOWER": {"IN": [d.lower() for d in WEEKDAYS_FULL]}}
    two_digits = {"SHAPE": "dd"}
    for m in (month, month_dot):
        patterns += [
            {"label": "DATE", "pattern": [m, day, comma, year]},
            {"label": "DATE", "pattern": [m, day]},
            {"label": "DATE", "pattern": [day, m, year]},
            {"label": "DATE", "pattern": [m, year]},
            {"label": "DATE", "pattern": [m]},
        ]
    patterns += [
        {"label": "DATE", "pattern": [year]},
        {"label": "DATE", "pattern": [year, {"ORTH": "-"}, two_digits, {"ORTH": "-"}, two_digits]},
        {"label": "DATE", "pattern": [ordinal, {"LOWER": {"IN": ["quarter", "half"]}}]},
        {"label": "DATE", "pattern": [{"LOWER": {"IN": ["q1", "q2", "q3", "q4", "h1", "h2"]}}]},
        {"label": "DATE", "pattern": [relative, {"LOWER": {"IN": [*unit["LOWER"]["IN"]]}}]},
        {"label": "DATE", "pattern": [relative, weekday]},
        {"label": "DATE", "pattern": [weekday]},
        {"label": "DATE", "pattern": [{"LOWER": {"IN": ["yesterday", "today", "tomorrow"]}}]},
        {"label": "DATE", "pattern": [{"LOWER": "a"}, {"LOWER": "year"}, {"LOWER": "earlier"}]},
    ]
    return patterns


class SpacyPeer:
    """(a): blank English pipeline, sentencizer, EntityRuler; a Matcher for quotes."""

    LABELS: ClassVar[dict[str, str]] = {"MONEY": "money", "PERCENT": "percent", "DATE": "date"}

    def __init__(self) -> None:
        import spacy
        from spacy.matcher import Matcher

        self.nlp = spacy.blank("en")
        self.nlp.add_pipe("sentencizer")
        ruler = self.nlp.add_pipe("entity_ruler")
        ruler.add_patterns(spacy_patterns(self.nlp.make_doc))  # type: ignore[attr-defined, unused-ignore]
        self.quotes = Matcher(self.nlp.vocab)
        # Tokens of one line that are not quote marks.
        inside = {"TEXT": {"REGEX": '^[^"“”\n]+$'}, "OP": "+"}
        self.quotes.add("QUOTE", [[{"ORTH": '"'}, inside, {"ORTH": '"'}]], greedy="LONGEST")
        self.quotes.add("QUOTE", [[{"ORTH": "“"}, inside, {"ORTH": "”"}]], greedy="LONGEST")

    def __call__(self, texts: Iterable[str]) -> Iterator[list[Found]]:
        for doc in self.nlp.pipe(texts):
            found = [
                Found(self.LABELS[e.label_], e.start_char, e.end_char, e.text)
                for e in doc.ents
                if e.label_ in self.LABELS
            ]
            # Leftmost first, as a regex scans: a closing '"' never opens the next quote.
            end = -1
            for _, start, stop in sorted(self.quotes(doc), key=lambda m: (m[1], -m[2])):
                if start >= end:
                    span = doc[start:stop]
                    found.append(Found("quote", span.start_char, span.end_char, span.text))
                    end = stop
            yield found


# --- (c) quantulum3 + dateparser --------------------------------------------------------------


def is_percent_unit(unit_name: str) -> bool:
    name = unit_name.lower()
    return "percent" in name or "per cent" in name or "basis point" in name


class OffTheShelfPeer:
    """(c): quantulum3 for money and percent, dateparser's search_dates for dates."""

    def __init__(self) -> None:
        with warnings.catch_warnings():
            # Without scikit-learn quantulum3 warns that it cannot disambiguate units.
            warnings.simplefilter("ignore")
            from dateparser.search import search_dates
            from quantulum3 import parser
        self.parse = parser.parse
        self.search_dates = search_dates

    def __call__(self, texts: Iterable[str]) -> Iterator[list[Found]]:
        for text in texts:
            found: list[Found] = []
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                quantities = self.parse(text)
            for q in quantities:
                kind = (
                    "money"
                    if q.unit.entity.name == "currency"
                    else "percent"
                    if is_percent_unit(q.unit.name)
                    else None
                )
                if kind:
                    found.append(Found(kind, q.span[0], q.span[1], q.surface, float(q.value)))
            for surface, _ in self.search_dates(text, languages=["en"]) or []:
                found.append(Found("date", None, None, surface))
            yield found


# --- timing and comparison --------------------------------------------------------------------


def run_peer(
    peer: Peer, texts: list[str], time_budget_s: float | None
) -> tuple[list[list[Found]], float, float]:
    """The peer's output per text, wall and CPU seconds. With a budget, stops after the
    article that crosses it (at least one article runs)."""
    outputs: list[list[Found]] = []
    wall, cpu = time.perf_counter(), time.process_time()
    for found in peer(texts):
        outputs.append(found)
        if time_budget_s is not None and time.perf_counter() - wall > time_budget_s:
            break
    return outputs, time.perf_counter() - wall, time.process_time() - cpu


def number_key(surface: str) -> str:
    """What agreement compares: the first number without commas, else the lower-cased text."""
    number = FIRST_NUMBER.search(surface)
    if number is None:
        return surface.strip().lower()
    return str(float(number.group().replace(",", "")))


def agreement(
    ours: dict[int, list[str]], theirs: dict[int, list[str]], articles: Iterable[int]
) -> dict[str, float | None]:
    """Shares of matched number keys, article by article (see the module docstring)."""
    matched = ours_total = theirs_total = 0
    for key in articles:
        a = Counter(number_key(s) for s in ours.get(key, []))
        b = Counter(number_key(s) for s in theirs.get(key, []))
        matched += sum((a & b).values())
        ours_total += sum(a.values())
        theirs_total += sum(b.values())
    return {
        "newsfacts_found_by_peer": round(matched / ours_total, 3) if ours_total else None,
        "peer_found_by_newsfacts": round(matched / theirs_total, 3) if theirs_total else None,
    }


def _significant(value: float) -> float:
    return float(f"{value:.4g}")


def _rates(mb: float, wall: float, cpu: float) -> dict[str, float]:
    """Seconds and MB/s, to 4 significant digits (the ratios use the unrounded values)."""
    # A timer tick of zero seconds is at least a nanosecond: no division by zero.
    wall, cpu = max(wall, 1e-9), max(cpu, 1e-9)
    return {
        "seconds": _significant(wall),
        "cpu_seconds": _significant(cpu),
        "mb": _significant(mb),
        "mb_per_s": _significant(mb / wall),
        "cpu_mb_per_s": _significant(mb / cpu),
        "_rate": mb / wall,
        "_cpu_rate": mb / cpu,
    }


def compare_peers(
    corpus: Path = DEFAULT_CORPUS,
    n_articles: int = 5000,
    time_budget_s: float = 60.0,
    peers: tuple[str, ...] = ("python_re", "spacy", "quantulum3_dateparser"),
) -> dict[str, Any]:
    """Run newsfacts and each peer on the first ``n_articles`` of ``corpus``; see the module
    docstring for what is measured. ``time_budget_s`` bounds the quantulum3 + dateparser
    peer (it runs over a prefix of the sample); the others always run the whole sample.

    Returns {"corpus", "articles", "body_mb", "documents", "ratio_basis", "targets",
    "implementations": {name: {"articles", "extrapolated", "seconds", "cpu_seconds", "mb",
    "mb_per_s", "cpu_mb_per_s", "setup_seconds", "counts": {kind: n or None}, and for peers
    "ratio_wall", "ratio_cpu", "agreement": {"money"|"percent": {...}}}}, "target_met"}."""
    raw = load_articles(corpus, n_articles)
    texts = [t or "" for t in raw["raw_text"].to_list()]
    sizes = [len(t.encode("utf-8")) / 1e6 for t in texts]
    body_mb = sum(sizes)

    run_newsfacts(raw.head(WARM_UP_ARTICLES))
    wall, cpu = time.perf_counter(), time.process_time()
    ours = run_newsfacts(raw)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    facts_by_kind = {
        kind: ours.facts.filter(pl.col("fact_type") == kind).height
        for kind in ("money", "percent", "date")
    }
    newsfacts: dict[str, Any] = {
        "articles": len(texts),
        "extrapolated": False,
        **_rates(body_mb, wall, cpu),
        "setup_seconds": 0.0,
        "stage_seconds": ours.stage_seconds,
        "counts": {**facts_by_kind, "quote": ours.quotes.height},
    }
    implementations: dict[str, Any] = {"newsfacts": newsfacts}
    surfaces_ours = {
        kind: _by_article(ours.facts.filter(pl.col("fact_type") == kind)) for kind in KIND_PRIORITY
    }

    builders: dict[str, Callable[[], Peer]] = {
        "python_re": RegexPeer,
        "spacy": SpacyPeer,
        "quantulum3_dateparser": OffTheShelfPeer,
    }
    for name in peers:
        started = time.perf_counter()
        peer = builders[name]()
        for _ in peer(texts[:WARM_UP_ARTICLES]):
            pass
        setup = time.perf_counter() - started
        budget = time_budget_s if name == "quantulum3_dateparser" else None
        outputs, peer_wall, peer_cpu = run_peer(peer, texts, budget)
        done = len(outputs)
        mb = sum(sizes[:done])
        result: dict[str, Any] = {
            "articles": done,
            "extrapolated": done < len(texts),
            **_rates(mb, peer_wall, peer_cpu),
            "setup_seconds": round(setup, 3),
            "counts": {
                kind: sum(1 for found in outputs for f in found if f.kind == kind) for kind in KINDS
            },
        }
        if name == "quantulum3_dateparser":
            result["counts"]["quote"] = None  # neither library finds quotations
        result["ratio_wall"] = _significant(newsfacts["_rate"] / result.pop("_rate"))
        result["ratio_cpu"] = _significant(newsfacts["_cpu_rate"] / result.pop("_cpu_rate"))
        # A duplicate article is one newsfacts document: compare each document once.
        compared = [k for k in range(done) if k in ours.first_rows]
        result["agreement"] = {
            kind: agreement(
                surfaces_ours[kind],
                {
                    k: [f.surface for f in found if f.kind == kind]
                    for k, found in enumerate(outputs)
                },
                compared,
            )
            for kind in ("money", "percent")
        }
        implementations[name] = result
        del peer, outputs
    del newsfacts["_rate"], newsfacts["_cpu_rate"]
    return {
        "corpus": str(corpus),
        "articles": len(texts),
        "body_mb": _significant(body_mb),
        "documents": ours.documents,
        "ratio_basis": "cpu",
        "targets": TARGETS,
        "implementations": implementations,
        "target_met": {
            name: implementations[name]["ratio_cpu"] >= target
            for name, target in TARGETS.items()
            if name in implementations
        },
    }


def _by_article(facts: pl.DataFrame) -> dict[int, list[str]]:
    grouped: dict[int, list[str]] = {}
    for key, surface in facts.select("doc_key", "surface").iter_rows():
        if key is not None:
            grouped.setdefault(key, []).append(surface)
    return grouped


def format_table(results: dict[str, Any]) -> str:
    """The comparison as a fixed-width text table."""
    head = (
        f"{'implementation':<22} {'articles':>8} {'wall s':>8} {'cpu s':>8} {'MB/s':>7} "
        f"{'cpu MB/s':>8} {'money':>6} {'pct':>6} {'date':>6} {'quote':>6} "
        f"{'x wall':>7} {'x cpu':>7} {'agree $':>8} {'agree %':>8}"
    )
    lines = [
        f"{results['articles']} articles, {results['body_mb']} MB of body text, "
        f"{results['documents']} newsfacts documents; x = newsfacts MB/s / peer MB/s; "
        "agree = share of newsfacts' money / percent facts the peer also found",
        head,
        "-" * len(head),
    ]
    for name, r in results["implementations"].items():
        counts = [r["counts"][k] for k in KINDS]
        agree = r.get("agreement", {})

        def share(kind: str, agree: dict[str, Any] = agree) -> str:
            value = agree.get(kind, {}).get("newsfacts_found_by_peer")
            return "-" if value is None else f"{value:.0%}"

        lines.append(
            f"{name:<22} {r['articles']:>8} {r['seconds']:>8.2f} {r['cpu_seconds']:>8.2f} "
            f"{r['mb_per_s']:>7.2f} {r['cpu_mb_per_s']:>8.2f} "
            + " ".join(f"{'-' if c is None else c:>6}" for c in counts)
            + f" {r.get('ratio_wall', '-'):>7} {r.get('ratio_cpu', '-'):>7}"
            f" {share('money'):>8} {share('percent'):>8}"
        )
        if r["extrapolated"]:
            lines.append(
                f"{'':<22} (rate extrapolated from the first {r['articles']} articles: "
                "the whole sample would exceed the time budget)"
            )
    for name, met in results["target_met"].items():
        lines.append(
            f"target newsfacts >= {results['targets'][name]:g}x {name} (CPU): "
            f"{'met' if met else 'NOT met'}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, nargs="?", default=DEFAULT_CORPUS)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument(
        "--budget", type=float, default=60.0, help="seconds for quantulum3 + dateparser"
    )
    parser.add_argument(
        "--peers",
        default="python_re,spacy,quantulum3_dateparser",
        help="comma-separated subset of the peers",
    )
    args = parser.parse_args(argv)
    results = compare_peers(
        args.corpus, args.articles, args.budget, peers=tuple(args.peers.split(","))
    )
    print(format_table(results))
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
