from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from transforms.documents import RAW_ARTICLES, BuiltDocuments, build_documents

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

BODY = (
    "The city council voted 7-2 on Tuesday to ban cars from the old town on weekends.\n\n"
    "Shop owners said the plan would cost them customers, while residents welcomed it."
)


def _build(*articles: dict[str, Any]) -> BuiltDocuments:
    rows = [
        {"part_id": "p0", "source_path": f"a{i}.txt", "source_format": "txt", **article}
        for i, article in enumerate(articles)
    ]
    raw = pl.DataFrame(rows, schema=RAW_ARTICLES)  # missing fields are NULL
    return build_documents(raw, "run-1")


def _one(**article: Any) -> dict[str, Any]:
    built = _build(article)
    assert built.documents.height == 1
    return built.documents.row(0, named=True)


# --- the specification samples ---------------------------------------------------------------


@pytest.fixture(scope="module")
def samples() -> dict[str, tuple[dict[str, Any], dict[int, tuple[str, str]]]]:
    """Sample prefix ("000") -> (document row, line_no -> (kind, text) of removed lines)."""
    paths = sorted(SAMPLES.glob("*.txt"))
    assert [p.name[:3] for p in paths] == ["000", "001", "002", "003"]
    built = _build(
        *({"raw_text": p.read_text(encoding="utf-8"), "source_path": p.name} for p in paths)
    )
    assert built.empty.height == 0
    out = {}
    for doc in built.documents.rows(named=True):
        removed = built.boilerplate.filter(pl.col("doc_id") == doc["doc_id"])
        out[doc["source_path"][:3]] = (
            doc,
            {r["line_no"]: (r["kind"], r["text"]) for r in removed.rows(named=True)},
        )
    assert sorted(out) == ["000", "001", "002", "003"]
    return out


def _removed_kinds(removed: dict[int, tuple[str, str]]) -> dict[str, str]:
    return {text: kind for kind, text in removed.values()}


def test_sample_000(samples: dict[str, Any]) -> None:
    doc, removed = samples["000"]
    title = "Why Sony vows to stay in the smartphone business: The Internet of Things"
    assert doc["title"] == title
    assert [removed[0], removed[2]] == [("title", title), ("title_repeat", title)]
    assert _removed_kinds(removed)["xperiaz1s_2031-100259835-large"] == "image_file"
    assert len(removed) == 3
    assert doc["body_text"].startswith("Don't expect Sony to give up on smartphones")
    assert doc["authors"] == [] and doc["outlet"] is None and doc["source_lines"] == []


def test_sample_001(samples: dict[str, Any]) -> None:
    doc, removed = samples["001"]
    assert doc["title"] == "Sony flip-flops on smartphone strategy: focus now on US and China"
    kinds = _removed_kinds(removed)
    assert kinds["Source: Nikkei Asian Review"] == "source_line"
    assert kinds["Via: Xperia Blog"] == "source_line"
    assert kinds["Image: cellanr"] == "image_caption"
    widget = ["Share This Post", "What's your reaction?", "Love It", "Like It", "Want It"]
    widget += ["Had It", "Hated It"]
    assert {line: kinds.get(line) for line in widget} == dict.fromkeys(widget, "share_widget")
    bio = [text for kind, text in removed.values() if kind == "author_bio"]
    assert bio[:2] == ["About The Author", "Stephen Schenck"]
    assert len(bio) == 3 and bio[2].endswith("Read more about Stephen Schenck!")
    assert doc["authors"] == ["Stephen Schenck"]
    assert doc["outlet"] == "Nikkei Asian Review"
    assert doc["source_lines"] == ["Source: Nikkei Asian Review", "Via: Xperia Blog"]
    assert doc["body_text"].endswith("quite the fascinating one for the company.")


def test_sample_002(samples: dict[str, Any]) -> None:
    doc, removed = samples["002"]
    title = "Sony Wants to Target the US Market and Sell 80 Million Smartphones in 2015"
    assert doc["title"] == title
    assert removed == {
        0: ("title", title),
        2: ("image_caption", "17201494759AM 635 sony xperia z1 compact"),
    }


def test_sample_003(samples: dict[str, Any]) -> None:
    doc, removed = samples["003"]
    assert doc["title"] is None  # the first line is a long sentence, not a headline
    assert doc["body_text"].startswith("Customers who regularly purchase smartphones")
    assert removed == {
        14: (
            "copyright",
            "© 2024 TECHTIMES.com All rights reserved. Do not reproduce without permission.",
        ),
        15: ("comments", "Join the Discussion"),
    }
    assert doc["outlet"] == "TECHTIMES.com"


@pytest.mark.parametrize(
    ("prefix", "n_paragraphs"), [("000", 6), ("001", 4), ("002", 7), ("003", 7)]
)
def test_sample_body_has_no_boilerplate(
    prefix: str, n_paragraphs: int, samples: dict[str, Any]
) -> None:
    doc, removed = samples[prefix]
    body = doc["body_text"]
    body_lines = body.split("\n")
    assert [text for _, text in removed.values() if text in body_lines] == []
    if doc["title"] is not None:
        assert doc["title"] not in body
    # Paragraphs (blank-line separated in the file) are separated by exactly one blank line.
    paragraphs = body.split("\n\n")
    assert len(paragraphs) == n_paragraphs
    assert all(p and p == p.strip() and "\n" not in p for p in paragraphs)
    assert "\n\n\n" not in body
    assert doc["n_words"] == len(body.split())
    assert not set(body) & set("\u2018\u2019\u201c\u201d\u2014\u00a0")  # normalised


# --- synthetic articles -----------------------------------------------------------------------


def test_metadata_title_equal_to_first_line_is_title_repeat() -> None:
    built = _build(
        {
            "raw_text": f"Council bans cars from old town\n\n{BODY}",
            "meta_title": "Council bans cars from old town",
        }
    )
    doc = built.documents.row(0, named=True)
    assert doc["title"] == "Council bans cars from old town"
    assert built.boilerplate.select("line_no", "kind").rows() == [(0, "title_repeat")]
    assert doc["body_text"] == BODY


def test_metadata_title_wins_over_first_line() -> None:
    doc = _one(raw_text=f"Cars banned\n\n{BODY}", meta_title="Council  bans\ncars")
    assert doc["title"] == "Council bans cars"  # normalised to one line


def test_metadata_authors_lose_their_by_prefix() -> None:
    doc = _one(raw_text=BODY, meta_authors=["By  Yereth Rosen"])
    assert doc["authors"] == ["Yereth Rosen"]


def test_authors_from_metadata_and_byline_are_merged_without_duplicates() -> None:
    doc = _one(
        raw_text=f"Council bans cars from old town\nBy Ana Ruiz and Sam Lee\n\n{BODY}",
        meta_authors=["Ana Ruiz"],
    )
    assert doc["authors"] == ["Ana Ruiz", "Sam Lee"]


def test_metadata_published_with_zone() -> None:
    doc = _one(raw_text=BODY, meta_published="2006-10-20T18:15:00 EDT")
    assert doc["published_at"] == datetime(2006, 10, 20, 18, 15)


def test_dateline_near_the_top_gives_published_at() -> None:
    doc = _one(
        raw_text=f"Council bans cars from old town\nPublished: Sept. 5, 2014 10:32 am\n\n{BODY}"
    )
    assert doc["published_at"] == datetime(2014, 9, 5, 10, 32)
    assert doc["body_text"] == BODY


def test_metadata_published_wins_over_dateline() -> None:
    doc = _one(
        raw_text=f"Council bans cars from old town\nAugust 3, 2015\n\n{BODY}",
        meta_published="2015-08-04",
    )
    assert doc["published_at"] == datetime(2015, 8, 4)


def test_article_of_only_boilerplate_is_empty() -> None:
    built = _build(
        {"raw_text": "Share this article\nFacebook\nTwitter\n\nAdvertisement\n\n12 Comments"},
        {"raw_text": BODY},
        {"raw_text": None},
    )
    assert built.documents.height == 1
    assert built.empty.rows() == [(0, "a0.txt", None), (2, "a2.txt", None)]
    assert built.file_documents["doc_key"].to_list() == [1]


def test_doc_id_depends_on_the_body_only() -> None:
    built = _build(
        {"raw_text": f"Council bans cars from old town\nBy Ana Ruiz\n\n{BODY}\n\nAdvertisement"},
        {"raw_text": f"{BODY}\n\n© 2015 Example News. All rights reserved.\nLeave a Reply"},
        {"raw_text": BODY.replace("7-2", "6-3")},
    )
    ids = built.file_documents.sort("doc_key")["doc_id"].to_list()
    assert ids[0] == ids[1] and ids[0] != ids[2]
    assert all(len(i) == 16 for i in ids)
    # The same article twice is one document: the first copy, with its own metadata.
    docs = built.documents
    assert docs["doc_id"].to_list() == [ids[0], ids[2]]
    assert docs["title"].to_list() == ["Council bans cars from old town", None]


def test_markdown_input_loses_its_markup() -> None:
    raw = (
        "# Council bans cars from old town\n\n"
        "![Old town square](images/square.png)\n\n"
        "The council voted **7-2** on Tuesday, the [city website](https://example.org/v) said.\n\n"
        "Shop owners _were not_ pleased."
    )
    doc = _one(raw_text=raw, source_format="md")
    assert doc["title"] == "Council bans cars from old town"
    assert doc["body_text"] == (
        "The council voted 7-2 on Tuesday, the city website said.\n\nShop owners were not pleased."
    )


def test_markdown_markup_is_kept_for_plain_text() -> None:
    doc = _one(
        raw_text="The **bold** plan, said [the mayor](x), was approved.", source_format="txt"
    )
    assert "**bold**" in doc["body_text"] and "[the mayor](x)" in doc["body_text"]


def test_reuters_dateline_gives_outlet() -> None:
    raw = (
        "ANCHORAGE, Alaska (Reuters) - A magnitude 6.2 earthquake struck southern Alaska on "
        "Friday, the U.S. Geological Survey said.\n\nThere were no immediate reports of damage."
    )
    assert _one(raw_text=raw)["outlet"] == "Reuters"


def test_outlet_falls_back_to_the_url_host() -> None:
    doc = _one(raw_text=BODY, url="https://www.Example-News.com/2015/08/cars?ref=rss")
    assert doc["outlet"] == "example-news.com"


def test_source_line_beats_copyright_holder_for_outlet() -> None:
    raw = f"{BODY}\n\nSource: City Gazette\n© 2015 Example News. All rights reserved."
    doc = _one(raw_text=raw)
    assert doc["outlet"] == "City Gazette"
    assert doc["source_lines"] == ["Source: City Gazette"]


def test_body_text_is_normalised() -> None:
    raw = (
        "The \ufb01nal \u201cof\ufb01cial\u201d count \u2014 released Tuesday \u2013 showed "
        "the mayor\u2019s\u00a0plan won.\r\n\r\n\r\n\r\nIt passes\u200b in  June.\t "
    )
    doc = _one(raw_text=raw)
    assert doc["body_text"] == (
        'The final "official" count - released Tuesday - showed the mayor\'s plan won.\n\n'
        "It passes in June."
    )


def test_lines_of_one_paragraph_are_joined_by_a_single_newline() -> None:
    raw = "First line of a paragraph,\nsecond line of it.\n\nNext paragraph here."
    assert _one(raw_text=raw)["body_text"] == raw


def test_run_id_and_lineage_columns() -> None:
    doc = _one(raw_text=BODY, external_id="x-17", url="https://example.org/a")
    assert (doc["run_id"], doc["external_id"], doc["url"]) == (
        "run-1",
        "x-17",
        "https://example.org/a",
    )


def test_markdown_and_plain_text_in_one_batch() -> None:
    built = _build(
        {"raw_text": "The **bold** plan, said [the mayor](x), was approved."},
        {
            "raw_text": "The **bold** plan, said [the mayor](x), was approved.",
            "source_format": "md",
        },
    )
    assert built.documents["body_text"].to_list() == [
        "The **bold** plan, said [the mayor](x), was approved.",
        "The bold plan, said the mayor, was approved.",
    ]


def test_body_without_boilerplate_is_the_normalised_text() -> None:
    text = "First paragraph line one.\nLine two.\n\nSecond paragraph."
    assert _one(raw_text="\r\n" + text.replace("\n", "\r\n") + "\n\n\n")["body_text"] == text


def test_body_is_reassembled_around_a_removed_line() -> None:
    doc = _one(raw_text=f"{BODY}\nShare this article\nFacebook\nTwitter\nLast line stays.")
    assert doc["body_text"] == f"{BODY}\n\nLast line stays."
    assert doc["n_words"] == len(BODY.split()) + 3
