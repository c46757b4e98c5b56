"""Conformance of the quotes table on PolNeAR (political news attribution relations, train).

Gold: every attribution (brat ``E`` line: source, cue, content spans) whose content holds a
quotation mark (" “ ”) and whose source is *named*: the source span has a word that starts
with an upper-case letter and is not a pronoun or determiner (He, They, The, This, ...). So
"Spokeswoman Haley Morris", "Trump" and "a Trump aide" are named; "he", "the campaign" and
"officials" are not.

Each article goes through the path of ``newsfacts extract``: normalise_text ->
split_sentences -> entities (``transforms.entities.extract_entities`` when it exists; else
empty mention frames, and a note says so) -> roles (``transforms.roles.extract_roles`` when
it exists; else an empty frame) -> extract_quotes. Our offsets (into the normalised text) are
mapped back to the raw text by ``offset_map`` (a linear-time character alignment).

Measures (scare quotes are not counted as quotes):

1. found-rate: a gold attribution is found when one of our quotes overlaps its content.
   Precision on this row: our quotes that overlap the content of any gold attribution.
2. speaker accuracy, among found: the quote overlapping the content most has a speaker span
   overlapping the gold source span, or a speaker name holding the last capitalised word of
   the gold source.
3. end to end: found with the right speaker, over all gold attributions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from conformance.common import Score, spans_overlap

_NOT_NAMES = {
    "he", "she", "they", "we", "i", "it", "you", "his", "her", "their", "its", "our", "my",
    "your", "the", "a", "an", "this", "that", "these", "those", "some", "many", "most", "one",
    "both", "each", "all", "another", "other", "who", "which", "him", "them", "us", "me",
}  # fmt: skip
_QUOTE_CHARS = ('"', "“", "”")
_WORD = re.compile(r"[\w’'.-]+")


@dataclass
class Attribution:
    source: tuple[int, int]
    content: tuple[int, int]
    source_text: str


def named(source_text: str) -> bool:
    """Whether a source span names its source (see the module docstring)."""
    return any(
        w[0].isupper() and w.lower().strip(".’'") not in _NOT_NAMES
        for w in _WORD.findall(source_text)
    )


def _last_capitalised(source_text: str) -> str:
    words = [w.strip(".,’'s") for w in _WORD.findall(source_text) if w[0].isupper()]
    words = [w for w in words if w and w.lower() not in _NOT_NAMES]
    return words[-1] if words else ""


def _span(offsets: str) -> tuple[int, int]:
    """First start and last end of a (possibly discontinuous) brat span "s e;s e"."""
    parts = [p.split() for p in offsets.split(";")]
    return int(parts[0][0]), int(parts[-1][-1])


def read_attributions(path: Path, text: str) -> list[Attribution]:
    spans: dict[str, tuple[str, tuple[int, int]]] = {}
    links: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            kind, _, offsets = fields[1].partition(" ")
            spans[fields[0]] = (kind, _span(offsets))
        elif line.startswith("E") and len(fields) >= 2:
            links.append(dict(part.split(":", 1) for part in fields[1].split()))
    out = []
    for link in links:
        if "Source" not in link or "Content" not in link:
            continue
        source, content = spans[link["Source"]][1], spans[link["Content"]][1]
        out.append(Attribution(source, content, text[source[0] : source[1]]))
    return out


def _articles(suite: Path, limit: int | None) -> list[tuple[str, str, list[Attribution]]]:
    articles = []
    for ann in sorted((suite / "train" / "attributions").glob("*.ann"))[:limit]:
        stem = ann.stem.rsplit("_", 1)[0]
        text_path = suite / "train" / "text" / f"{stem}.txt"
        if not text_path.exists():
            continue
        text = text_path.read_text(encoding="utf-8")
        articles.append((ann.stem, text, read_attributions(ann, text)))
    return articles


def _empty_mentions() -> tuple[pl.DataFrame, pl.DataFrame]:
    mentions = pl.DataFrame(
        schema={
            "doc_id": pl.String, "sentence_no": pl.Int32, "char_start": pl.Int32,
            "char_end": pl.Int32, "surface": pl.String, "entity_type": pl.String,
            "entity_id": pl.String,
        }
    )  # fmt: skip
    entities = pl.DataFrame(
        schema={
            "entity_id": pl.String, "name": pl.String, "entity_type": pl.String,
            "aliases": pl.List(pl.String), "parent_entity_id": pl.String,
        }
    )  # fmt: skip
    return mentions, entities


def _empty_roles() -> pl.DataFrame:
    return pl.DataFrame(
        schema={
            "doc_id": pl.String, "person": pl.String, "person_entity_id": pl.String,
            "title": pl.String, "org": pl.String, "org_entity_id": pl.String,
            "char_start": pl.Int32, "char_end": pl.Int32,
        }
    )  # fmt: skip


def system_quotes(texts: pl.DataFrame, notes: list[str]) -> pl.DataFrame:
    """Quotes of texts (doc_id, text), offsets into the normalised text."""
    from transforms.normalise import normalise_text
    from transforms.quotes import extract_quotes
    from transforms.sentences import split_sentences

    documents = texts.lazy().select("doc_id", normalise_text(pl.col("text")).alias("body_text"))
    sentences = split_sentences(documents)
    try:
        from transforms.entities import extract_entities

        found = extract_entities(sentences)
        mentions, entities = found.mentions, found.entities
    except Exception as error:
        notes.append(f"entities not available ({type(error).__name__}): empty mention frames")
        mentions, entities = _empty_mentions()
    try:
        from transforms.roles import extract_roles

        roles = extract_roles(sentences, mentions, entities)
    except Exception as error:
        notes.append(f"roles not available ({type(error).__name__}): empty roles frame")
        roles = _empty_roles()
    return extract_quotes(documents, sentences, mentions, entities, roles)


def _raw_quotes(quotes: pl.DataFrame, texts: pl.DataFrame) -> dict[str, list[dict[str, Any]]]:
    from transforms.normalise import normalise_text

    norm = dict(texts.select("doc_id", normalise_text(pl.col("text")).alias("n")).iter_rows())
    raw = dict(texts.select("doc_id", "text").iter_rows())
    maps = {d: offset_map(norm[d], raw[d]) for d in raw}
    out: dict[str, list[dict[str, Any]]] = {d: [] for d in raw}
    for q in quotes.filter(pl.col("quote_kind") != "scare").to_dicts():
        m = maps[q["doc_id"]]
        q["start"], q["end"] = m[q["char_start"]], m[q["char_end"]]
        if q["speaker_start"] is not None:
            q["speaker_span"] = (m[q["speaker_start"]], m[q["speaker_end"]])
        else:
            q["speaker_span"] = None
        out[q["doc_id"]].append(q)
    return out


_FOLD = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "\u00a0": " ", "–": "-"})


def offset_map(norm: str, raw: str) -> list[int]:
    """raw offset of every normalised offset (and of len(norm)): walk both texts, and where
    they differ (a dash widened to " - ", a space or invisible character dropped) skip the
    fewest characters on either side that bring the next 8 back in step. Linear time, unlike
    a difflib alignment, which takes minutes on long articles."""
    folded = raw.translate(_FOLD)
    mapping = [0] * (len(norm) + 1)
    i = j = 0
    while i < len(norm):
        if j < len(folded) and folded[j] == norm[i]:
            mapping[i] = j
            i, j = i + 1, j + 1
            continue
        step = next(
            (
                (skip_norm, skip_raw)
                for total in range(1, 9)
                for skip_norm in range(total + 1)
                for skip_raw in [total - skip_norm]
                if norm[i + skip_norm : i + skip_norm + 8]
                == folded[j + skip_raw : j + skip_raw + 8]
            ),
            (1, 1),
        )
        for k in range(step[0]):
            mapping[i + k] = min(j, len(raw))
        i, j = i + step[0], j + step[1]
    mapping[len(norm)] = min(j, len(raw))
    return mapping


def right_speaker(quote: dict[str, Any], gold: Attribution) -> bool:
    span = quote["speaker_span"]
    if span is not None and spans_overlap(span, gold.source):
        return True
    last = _last_capitalised(gold.source_text)
    speaker = quote["speaker"] or ""
    return bool(last) and last.lower() in speaker.lower()


def run(suites_dir: Path, limit: int | None = None) -> list[Score]:
    suite = suites_dir / "polnear"
    if not (suite / "train").exists():
        return []
    articles = _articles(suite, limit)
    texts = pl.DataFrame(
        {"doc_id": [a[0] for a in articles], "text": [a[1] for a in articles]},
        schema={"doc_id": pl.String, "text": pl.String},
    )
    notes: list[str] = []
    quotes = _raw_quotes(system_quotes(texts, notes), texts)
    found_score = Score("polnear quotes found (named sources)")
    speaker_score = Score("polnear speaker accuracy among found")
    end_score = Score("polnear end to end (found, right speaker)")
    for doc_id, text, attributions in articles:
        gold = [
            a for a in attributions
            if any(c in text[a.content[0] : a.content[1]] for c in _QUOTE_CHARS)
            and named(a.source_text)
        ]  # fmt: skip
        ours = quotes[doc_id]
        found = right = 0
        for g in gold:
            overlapping = [q for q in ours if spans_overlap((q["start"], q["end"]), g.content)]
            if not overlapping:
                continue
            found += 1
            best = max(
                overlapping,
                key=lambda q: min(q["end"], g.content[1]) - max(q["start"], g.content[0]),
            )
            right += right_speaker(best, g)
        correct = sum(
            any(spans_overlap((q["start"], q["end"]), a.content) for a in attributions)
            for q in ours
        )
        found_score.add_case(len(gold), len(ours), found, correct)
        speaker_score.add_case(found, 0, right, 0)
        end_score.add_case(len(gold), 0, right, 0)
    found_score.notes += sorted(set(notes))
    found_score.notes.append(
        "gold: attributions with a quotation mark in the content and a named source; "
        "precision: our non-scare quotes overlapping any gold content"
    )
    return [found_score, speaker_score, end_score]


if __name__ == "__main__":
    import sys

    from conformance.common import SUITES_DIR, format_table

    print(format_table(run(SUITES_DIR, int(sys.argv[1]) if len(sys.argv) > 1 else None)))
