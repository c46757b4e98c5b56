"""bench/peers.py: each peer finds the money / percent / date / quote items of tiny articles,
and compare_peers reports what it documents. Skipped where the peers' libraries are not
installed (CI installs requirements.lock only; ``make bench`` adds bench/requirements.txt)."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from transforms.facts import extract_facts
from transforms.sentences import split_sentences

pytest.importorskip("spacy")
pytest.importorskip("quantulum3")
pytest.importorskip("dateparser")

# bench/ holds scripts, not a package: imported the way `python bench/peers.py` runs.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from peers import (
    KINDS,
    Found,
    OffTheShelfPeer,
    RegexPeer,
    SpacyPeer,
    agreement,
    compare_peers,
    format_table,
    main,
    newsfacts_facts,
    number_key,
    resolve_overlaps,
)

PEERS = ("python_re", "spacy", "quantulum3_dateparser")
RE_SPACY = ("python_re", "spacy")

# (text, expected items: (kind, surface, peers that find it exactly)). Every peer must find
# every item listed for it, and nothing of a kind the article has no item of.
ARTICLES: list[tuple[str, list[tuple[str, str, tuple[str, ...]]]]] = [
    ("Sony said revenue rose to $2.27 billion.", [("money", "$2.27 billion", PEERS)]),
    (
        "Toyota earned 270.5 billion yen last year.",
        [("money", "270.5 billion yen", PEERS), ("date", "last year", PEERS)],
    ),
    ("The fund raised £600m from investors.", [("money", "£600m", RE_SPACY)]),
    (
        "Shares rose 16.3 percent on Tuesday.",
        [
            ("percent", "16.3 percent", PEERS),
            ("date", "Tuesday", RE_SPACY),
            ("date", "on Tuesday", ("quantulum3_dateparser",)),
        ],
    ),
    (
        "Inflation hit 5.5 pct in March 2015.",
        [
            ("percent", "5.5 pct", PEERS),
            ("date", "March 2015", RE_SPACY),
            ("date", "in March 2015", ("quantulum3_dateparser",)),
        ],
    ),
    ("Unemployment fell to 7%.", [("percent", "7%", PEERS)]),
    ("Rates rose 12 per cent.", [("percent", "12 per cent", PEERS)]),
    (
        "The deal closed on March 3, 2015.",
        [
            ("date", "March 3, 2015", RE_SPACY),
            ("date", "on March 3, 2015", ("quantulum3_dateparser",)),
        ],
    ),
    ("Profit fell in the third quarter.", [("date", "third quarter", ("spacy",))]),
    ('He said "prices will rise" and left.', [("quote", '"prices will rise"', RE_SPACY)]),
    ("“We are pleased,” Totoki said.", [("quote", "“We are pleased,”", RE_SPACY)]),
    ("He won 5 games.", []),
    ("The company paid 20 cents a share.", [("money", "20 cents", PEERS)]),
    ("It cost US$4.5 million.", [("money", "US$4.5 million", PEERS)]),
    ("Shares gained 50 basis points.", [("percent", "50 basis points", PEERS)]),
    (
        "Sales reached 5 mln dlrs in 2006.",
        [
            ("money", "5 mln dlrs", RE_SPACY),
            ("date", "2006", RE_SPACY),
            ("date", "in 2006", ("quantulum3_dateparser",)),
        ],
    ),
    (
        "The merger was announced on Oct. 20.",
        [("date", "Oct. 20", RE_SPACY), ("date", "on Oct", ("quantulum3_dateparser",))],
    ),
    (
        "Revenue rose 3 percent to 1.2 billion euros.",
        [("percent", "3 percent", PEERS), ("money", "1.2 billion euros", PEERS)],
    ),
    (
        "Last year, it lost $5 million.",
        [("date", "Last year", RE_SPACY), ("money", "$5 million", PEERS)],
    ),
    ("No facts here, said the man.", []),
]
TEXTS = [text for text, _ in ARTICLES]
# Items a peer finds besides the listed ones, by design: newsfacts' date.period rule matches
# "the third quarter" as a whole; dateparser reads "£600m from" as a date.
EXTRA = {
    ("python_re", 8): [("date", "the third quarter")],
    ("quantulum3_dateparser", 2): [("date", "£600m from")],
}


@pytest.fixture(scope="module")
def outputs() -> dict[str, list[list[Found]]]:
    peers: dict[str, Any] = {
        "python_re": RegexPeer(),
        "spacy": SpacyPeer(),
        "quantulum3_dateparser": OffTheShelfPeer(),
    }
    return {name: list(peer(TEXTS)) for name, peer in peers.items()}


@pytest.mark.parametrize("peer", PEERS)
@pytest.mark.parametrize("article", range(len(ARTICLES)), ids=[t[:30] for t in TEXTS])
def test_peer_finds_the_expected_items(
    outputs: dict[str, list[list[Found]]], peer: str, article: int
) -> None:
    text, items = ARTICLES[article]
    expected = sorted(
        [(kind, surface) for kind, surface, by in items if peer in by]
        + EXTRA.get((peer, article), [])
    )
    found = outputs[peer][article]
    assert sorted((f.kind, f.surface) for f in found) == expected
    for f in found:  # offsets, where a peer gives them, point at the surface
        if f.start is not None:
            assert text[f.start : f.end] == f.surface


def test_values_of_the_peers_that_parse_them(outputs: dict[str, list[list[Found]]]) -> None:
    for peer in ("python_re", "quantulum3_dateparser"):
        values = {f.surface: f.value for found in outputs[peer] for f in found}
        assert values["$2.27 billion"] == pytest.approx(2.27e9)
        assert values["20 cents"] == pytest.approx(0.2 if peer == "python_re" else 20)
        assert values["16.3 percent"] == pytest.approx(16.3)


def test_regex_peer_keeps_abbreviations_inside_sentences() -> None:
    text = "It rose on Oct. 20. Mr. Smith of U.S. Steel Corp. left. Then it fell.\n\nNew"
    assert [s for _, s in RegexPeer().sentences(text)] == [
        "It rose on Oct. 20.",
        "Mr. Smith of U.S. Steel Corp. left.",
        "Then it fell.",
        "New",
    ]


def test_overlaps_go_to_the_kind_first_then_the_longer_span() -> None:
    items = [
        Found("date", 0, 4, "2015"),
        Found("money", 0, 10, "2015 euros"),
        Found("date", 12, 20, "March 20"),
        Found("date", 12, 16, "March"),
        Found("percent", 18, 22, "20 %"),
    ]
    # Percent outranks date: "20 %" takes the "20" from "March 20", leaving "March".
    kept = resolve_overlaps(items)
    assert [f.surface for f in kept] == ["2015 euros", "March", "20 %"]
    assert [f.surface for f in resolve_overlaps(items[:4])] == ["2015 euros", "March 20"]


def test_number_key_and_agreement() -> None:
    assert number_key("$2,270 million") == number_key("2270 dollars") == "2270.0"
    assert number_key("half a percent") == "half a percent"
    shares = agreement(
        {0: ["$5 million", "$6 million"], 1: ["7%"]},
        {0: ["5 million dollars"], 1: ["7 percent", "8 percent", "9 percent"], 2: ["$1"]},
        articles=[0, 1],  # article 2 was not compared
    )
    assert shares == {"newsfacts_found_by_peer": 0.667, "peer_found_by_newsfacts": 0.5}
    empty = agreement({}, {}, articles=[0])
    assert empty == {"newsfacts_found_by_peer": None, "peer_found_by_newsfacts": None}


@pytest.fixture(scope="module")
def comparison(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    corpus = tmp_path_factory.mktemp("peers") / "tiny.jsonl.gz"
    with gzip.open(corpus, "wt", encoding="utf-8") as handle:
        for i, text in enumerate(TEXTS):
            row = {"id": str(i), "title": f"Article {i}", "body": text, "date": "2015-06-01"}
            handle.write(json.dumps(row) + "\n")
    # A zero budget: the slow peer runs one article and says its rate is extrapolated.
    return compare_peers(corpus, n_articles=len(TEXTS), time_budget_s=0.0)


def test_compare_peers_reports_every_implementation(comparison: dict[str, Any]) -> None:
    assert set(comparison) == {
        "corpus", "articles", "body_mb", "documents", "ratio_basis", "targets",
        "implementations", "target_met",
    }  # fmt: skip
    assert comparison["articles"] == len(TEXTS)
    assert comparison["body_mb"] == pytest.approx(sum(len(t.encode()) for t in TEXTS) / 1e6, 1e-3)
    implementations = comparison["implementations"]
    assert list(implementations) == ["newsfacts", *PEERS]
    for name, result in implementations.items():
        for key in ("seconds", "cpu_seconds", "mb", "mb_per_s", "cpu_mb_per_s", "counts"):
            assert key in result, (name, key)
        assert set(result["counts"]) == set(KINDS)
        if name != "newsfacts":
            assert result["ratio_cpu"] == pytest.approx(
                implementations["newsfacts"]["cpu_mb_per_s"] / result["cpu_mb_per_s"], rel=0.06
            )
            assert set(result["agreement"]) == {"money", "percent"}
    assert set(comparison["target_met"]) == {"spacy", "python_re"}


def test_compare_peers_counts_what_each_implementation_found(comparison: dict[str, Any]) -> None:
    implementations = comparison["implementations"]
    ours = implementations["newsfacts"]["counts"]
    assert ours["money"] >= 7 and ours["percent"] >= 6 and ours["quote"] == 2
    for peer in RE_SPACY:
        counts = implementations[peer]["counts"]
        assert implementations[peer]["articles"] == len(TEXTS)
        assert not implementations[peer]["extrapolated"]
        assert counts["money"] == 8 and counts["percent"] == 6 and counts["quote"] == 2
        assert implementations[peer]["agreement"]["money"]["newsfacts_found_by_peer"] == 1.0


def test_slow_peer_runs_a_prefix_within_its_budget(comparison: dict[str, Any]) -> None:
    slow = comparison["implementations"]["quantulum3_dateparser"]
    assert slow["articles"] == 1 and slow["extrapolated"]
    assert slow["mb"] == pytest.approx(len(TEXTS[0].encode()) / 1e6)
    assert slow["counts"]["quote"] is None
    assert "extrapolated from the first 1 articles" in format_table(comparison)


def test_newsfacts_side_gives_the_facts_extract_facts_gives() -> None:
    documents = pl.DataFrame(
        {"doc_id": [str(i) for i in range(len(TEXTS))], "body_text": TEXTS},
    ).with_columns(published_at=pl.datetime(2015, 6, 1))
    sentences = split_sentences(documents.lazy())
    kinds = ("money", "percent", "date")
    ours = newsfacts_facts(sentences, documents.lazy(), kinds)
    full = extract_facts(sentences, documents.lazy()).filter(pl.col("fact_type").is_in(kinds))
    columns = ["doc_id", "char_start", "char_end", "fact_type", "value", "unit", "status"]
    assert ours.height > 20
    assert ours.select(columns).equals(full.select(columns).collect())


def test_main_prints_the_table_and_the_json(
    comparison: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = Path(comparison["corpus"])
    assert main([str(corpus), "--articles", "3", "--budget", "0", "--peers", "python_re"]) == 0
    printed = capsys.readouterr().out
    table, _, rest = printed.partition("\n{")
    assert "3 articles" in table and "python_re" in table and "spacy" not in table
    results = json.loads("{" + rest)
    assert list(results["implementations"]) == ["newsfacts", "python_re"]
    assert results["target_met"] == {
        "python_re": results["implementations"]["python_re"]["ratio_cpu"] >= 10
    }
