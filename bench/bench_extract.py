"""Benchmark: throughput of extraction alone on a sample of a JSONL corpus.

    python bench/bench_extract.py CORPUS.jsonl[.gz] [--mb 64]

Reads articles until ``--mb`` megabytes of body text, builds documents and sentences (timed
separately), then times ``extract_facts`` over all sentences (and each fact kind alone), then every
extractor together (``extract_all``: entities, roles, quotes, sources, facts) and each of
the others alone, and reports MB/s of body text. Targets on 2 cores: numeric/temporal facts
above 10 MB/s; everything together well above the 5 MB/s end-to-end floor.
Results are appended to bench/results/extract.jsonl.
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import polars as pl

from flows.readers import Limits, read_chunks
from transforms.documents import RAW_ARTICLES, build_documents
from transforms.entities import extract_entities
from transforms.extraction import extract_all
from transforms.facts import available_kinds, extract_facts, kind_module
from transforms.facts.spans import patterns_for
from transforms.quotes import extract_quotes
from transforms.roles import extract_roles
from transforms.sentences import split_sentences
from transforms.sources import extract_sources

ROOT = Path(__file__).resolve().parent.parent


def load_sample(path: Path, megabytes: float) -> pl.DataFrame:
    opener = gzip.open if path.name.endswith(".gz") else open
    lines: list[bytes] = []
    size = 0
    with opener(path, "rb") as handle:
        for line in handle:
            lines.append(line)
            size += len(line)
            if size >= megabytes * 1e6:
                break
    articles = [
        {**a, "part_id": "bench", "source_path": path.name}
        for chunk in read_chunks("sample.jsonl", b"".join(lines), Limits())
        for a in chunk.articles
    ]
    return pl.DataFrame(articles, schema=RAW_ARTICLES)


T = TypeVar("T")


def timed(label: str, results: dict[str, float], action: Callable[[], T]) -> T:
    started = time.perf_counter()
    value = action()
    results[label] = round(time.perf_counter() - started, 3)
    return value


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--mb", type=float, default=64.0)
    args = parser.parse_args()
    seconds: dict[str, float] = {}
    raw = load_sample(args.corpus, args.mb)
    built = timed("build_documents", seconds, lambda: build_documents(raw, "bench"))
    documents = built.documents
    body_mb = float(documents["body_text"].str.len_bytes().sum()) / 1e6
    sentences = timed(
        "split_sentences", seconds, lambda: split_sentences(documents.lazy()).collect()
    )
    # As extract_all does: regexes compiled only in the forms this text needs (the
    # extractors timed alone would otherwise compile both forms of every pattern).
    with patterns_for([documents["body_text"], sentences["text"]]):
        facts = timed(
            "extract_facts",
            seconds,
            lambda: extract_facts(sentences.lazy(), documents.lazy()).collect(),
        )
        for kind in available_kinds():
            extract = kind_module(kind).extract

            def run_kind(extract: Callable[..., pl.LazyFrame] = extract) -> pl.DataFrame:
                return extract(sentences.lazy(), documents.lazy()).collect()

            timed(f"kind:{kind}", seconds, run_kind)
        everything = timed(
            "extract_all", seconds, lambda: extract_all(documents, sentences, built.boilerplate)
        )
        # The other extractors alone, each on the inputs it gets inside extract_all.
        lazy = sentences.lazy()
        found = timed("entities", seconds, lambda: extract_entities(lazy))
        roles = timed("roles", seconds, lambda: extract_roles(lazy, found.mentions, found.entities))
        bodies = documents.lazy().select("doc_id", "body_text")
        timed(
            "quotes",
            seconds,
            lambda: extract_quotes(bodies, lazy, found.mentions, found.entities, roles),
        )
        timed(
            "sources",
            seconds,
            lambda: extract_sources(lazy, found.mentions, found.entities, built.boilerplate),
        )
    rates = {k: round(body_mb / v, 1) for k, v in seconds.items() if v > 0}
    result: dict[str, Any] = {
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "corpus": str(args.corpus),
        "documents": documents.height,
        "sentences": sentences.height,
        "body_mb": round(body_mb, 1),
        "facts": facts.height,
        "facts_by_type": dict(facts["fact_type"].value_counts().sort("fact_type").iter_rows()),
        "rows": {
            "mentions": everything.mentions.height,
            "entities": everything.entities.height,
            "roles": everything.roles.height,
            "quotes": everything.quotes.height,
            "sources": everything.sources.height,
        },
        "seconds": seconds,
        "mb_per_s": rates,
    }
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    with (out / "extract.jsonl").open("a") as handle:
        handle.write(json.dumps(result) + "\n")
    print(json.dumps(result, indent=2))
    target = rates.get("extract_facts", 0.0)
    print(f"\nnumeric/temporal facts: {target} MB/s of body text (target > 10 MB/s)")
    print(
        f"every extractor (entities, roles, quotes, sources, facts): "
        f"{rates.get('extract_all', 0.0)} MB/s (target > 5 MB/s end to end)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
