"""Conformance of the entity mentions on CoNLL-2003 (``conll2003/eng.testa``) and FiNER-ORD
(``finer_ord/val.csv``); ``--train`` style development uses ``split="train"``.

Each suite sentence (tokens joined by single spaces) is one document run through the
``newsfacts extract`` path: normalise_text -> split_sentences -> extract_entities. Gold and
system mentions of ORG, PERSON and LOCATION (CoNLL LOC/PER) are compared by exact character
span and type; MISC and PRODUCT are ignored on both sides. One Score per suite and type plus
an overall one; "exact" counts sentences whose mentions of that type are all right.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import polars as pl

from conformance.common import Score

TYPES = ("ORG", "PERSON", "LOCATION")
CONLL_TYPES = {"ORG": "ORG", "PER": "PERSON", "LOC": "LOCATION"}
FINER_LABELS = {1: ("B", "PERSON"), 2: ("I", "PERSON"), 3: ("B", "LOCATION"),
                4: ("I", "LOCATION"), 5: ("B", "ORG"), 6: ("I", "ORG")}  # fmt: skip

Sentence = tuple[list[str], list[tuple[str, str] | None]]  # tokens, (B/I, type) per token
Mention = tuple[int, int, str]


def read_conll(path: Path) -> list[Sentence]:
    sentences: list[Sentence] = []
    tokens: list[str] = []
    tags: list[tuple[str, str] | None] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        parts = line.split()
        if not parts or parts[0] == "-DOCSTART-":
            if tokens:
                sentences.append((tokens, tags))
            tokens, tags = [], []
            continue
        tokens.append(parts[0])
        label = parts[-1]
        kind = CONLL_TYPES.get(label[2:]) if label != "O" else None
        tags.append((label[0], kind) if kind else None)
    return sentences


def read_finer(path: Path) -> list[Sentence]:
    grouped: dict[tuple[int, int], Sentence] = defaultdict(lambda: ([], []))
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            tokens, tags = grouped[(int(row["doc_idx"]), int(row["sent_idx"]))]
            tokens.append(row["gold_token"])
            tags.append(FINER_LABELS.get(int(float(row["gold_label"]))))
    return [grouped[k] for k in sorted(grouped)]


def gold_mentions(sentence: Sentence) -> tuple[str, list[Mention]]:
    tokens, tags = sentence
    text = " ".join(tokens)
    mentions: list[Mention] = []
    offset = 0
    current: list[int | str] | None = None
    for token, tag in zip(tokens, tags, strict=True):
        start, end = offset, offset + len(token)
        offset = end + 1
        if tag is not None and tag[0] == "I" and current is not None and current[2] == tag[1]:
            current[1] = end
            continue
        if current is not None:
            mentions.append((int(current[0]), int(current[1]), str(current[2])))
            current = None
        if tag is not None:
            current = [start, end, tag[1]]
    if current is not None:
        mentions.append((int(current[0]), int(current[1]), str(current[2])))
    return text, mentions


def system_mentions(texts: list[str]) -> tuple[list[list[Mention]], int]:
    """Mentions per text, and how many texts normalisation changed (offsets then may drift)."""
    from transforms.entities import extract_entities
    from transforms.normalise import normalise_text
    from transforms.sentences import split_sentences

    ids = [f"{i:07d}" for i in range(len(texts))]
    documents = pl.DataFrame({"doc_id": ids, "text": texts}).select(
        "doc_id", "text", normalise_text(pl.col("text")).alias("body_text")
    )
    changed = int((documents["text"] != documents["body_text"]).sum())
    sentences = split_sentences(documents.lazy().select("doc_id", "body_text"))
    found = extract_entities(sentences).mentions
    out: dict[str, list[Mention]] = defaultdict(list)
    for doc_id, start, end, kind in found.select(
        "doc_id", "char_start", "char_end", "entity_type"
    ).iter_rows():
        out[doc_id].append((start, end, kind))
    return [out.get(i, []) for i in ids], changed


def normalised_tokens(sentences: list[Sentence]) -> list[Sentence]:
    """Each token as normalise_text leaves it (zero-width and control characters dropped,
    quotes straightened), tokens left empty removed with their tags: gold offsets then
    index the text the extractor sees instead of drifting after such characters."""
    from transforms.normalise import normalise_text

    flat = [token for tokens, _ in sentences for token in tokens]
    cleaned = (
        pl.DataFrame({"token": flat})
        .select(normalise_text(pl.col("token")).str.strip_chars())["token"]
        .to_list()
    )
    out: list[Sentence] = []
    position = 0
    for tokens, tags in sentences:
        kept = [
            (cleaned[position + i], tag)
            for i, tag in enumerate(tags)
            if cleaned[position + i] and " " not in cleaned[position + i]
        ]
        position += len(tokens)
        out.append(([t for t, _ in kept], [tag for _, tag in kept]))
    return [s for s in out if s[0]]


def score_suite(name: str, sentences: list[Sentence]) -> list[Score]:
    sentences = normalised_tokens(sentences)
    texts, golds = zip(*(gold_mentions(s) for s in sentences), strict=True)
    systems, changed = system_mentions(list(texts))
    scores = {t: Score(f"ner {name} {t}") for t in TYPES}
    overall = Score(f"ner {name} overall")
    for gold, system in zip(golds, systems, strict=True):
        system = [m for m in system if m[2] in TYPES]
        for kind in TYPES:
            g = {m for m in gold if m[2] == kind}
            s = {m for m in system if m[2] == kind}
            scores[kind].add_case(len(g), len(s), len(g & s), len(g & s))
        g_all, s_all = set(gold), set(system)
        overall.add_case(len(g_all), len(s_all), len(g_all & s_all), len(g_all & s_all))
    if changed:
        overall.notes.append(f"{changed} sentences changed by normalisation")
    return [*scores.values(), overall]


def run(suites_dir: Path, split: str = "held-out") -> list[Score]:
    conll = suites_dir / "conll2003" / ("eng.train" if split == "train" else "eng.testa")
    finer = suites_dir / "finer_ord" / ("train.csv" if split == "train" else "val.csv")
    scores: list[Score] = []
    if conll.exists():
        scores += score_suite(f"conll2003 {conll.name}", read_conll(conll))
    if finer.exists():
        scores += score_suite(f"finer_ord {finer.name}", read_finer(finer))
    return scores
