from __future__ import annotations

import polars as pl
import pytest

from transforms.normalise import normalise_inline, normalise_text


def _norm(text: str | None) -> str | None:
    return pl.select(normalise_text(pl.lit(text, dtype=pl.String))).item()


def _inline(text: str | None) -> str | None:
    return pl.select(normalise_inline(pl.lit(text, dtype=pl.String))).item()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\u2018quoted\u2019 and it\u2019s \u201bodd\u201b", "'quoted' and it's 'odd'"),
        ("prime\u2032 acute\u00b4 grave\u0060", "prime' acute' grave'"),
    ],
)
def test_curly_single_quotes_become_apostrophes(raw: str, expected: str) -> None:
    assert _norm(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\u201cquoted\u201d", '"quoted"'),
        ("\u201elow\u201f", '"low"'),
        ("\u00abguillemets\u00bb", '"guillemets"'),
        ("\u301dcjk\u301e", '"cjk"'),
    ],
)
def test_curly_double_quotes_become_straight(raw: str, expected: str) -> None:
    assert _norm(raw) == expected


@pytest.mark.parametrize(
    "space", ["\u00a0", "\u2009", "\u202f", "\u3000", "\u2002", "\u200a", "\u205f", "\u1680"]
)
def test_nbsp_and_other_spaces_become_one_space(space: str) -> None:
    assert _norm(f"10{space}km{space}{space}north") == "10 km north"


def test_en_dash_hyphens_and_minus_become_hyphen() -> None:
    assert _norm("2014\u20132015 \u22125 \u2010x \u2011y \uff0dz") == "2014-2015 -5 -x -y -z"


@pytest.mark.parametrize("dash", ["\u2014", "\u2015", "\u2e3a"])
def test_em_dash_becomes_spaced_hyphen(dash: str) -> None:
    # An em dash separates words, so they must not run together.
    assert _norm(f"lives{dash}deeply") == "lives - deeply"
    assert _norm(f"lives {dash} deeply") == "lives - deeply"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\ufb01nance \ufb02ow \ufb00", "finance flow ff"),  # ligatures
        ("\uff21\uff22\uff23 \uff11\uff12", "ABC 12"),  # full-width forms
        ("cafe\u0301", "caf\u00e9"),  # combining accent composed
    ],
)
def test_nfkc_folds_ligatures_and_compatibility_forms(raw: str, expected: str) -> None:
    assert _norm(raw) == expected


@pytest.mark.parametrize("circled", ["\u24b8", "\u24d2"])
def test_circled_c_becomes_copyright_sign(circled: str) -> None:
    assert _norm(f"{circled} 2024 Example News") == "\u00a9 2024 Example News"


@pytest.mark.parametrize(
    "invisible",
    ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202e", "\u2060", "\u2066",
     "\u2069", "\ufeff", "\u00ad"],
)  # fmt: skip
def test_zero_width_bidi_and_soft_hyphen_removed(invisible: str) -> None:
    assert _norm(f"{invisible}Smart{invisible}phone") == "Smartphone"


@pytest.mark.parametrize("control", ["\x00", "\x07", "\x08", "\x1b", "\x7f", "\x9f"])
def test_control_characters_removed(control: str) -> None:
    assert _norm(f"Sony{control} said") == "Sony said"


@pytest.mark.parametrize("line_end", ["\r\n", "\r", "\u2028", "\x0b", "\x0c", "\x85"])
def test_line_ends_become_newlines(line_end: str) -> None:
    assert _norm(f"one{line_end}two") == "one\ntwo"


def test_paragraph_separator_becomes_newline() -> None:
    assert _norm("one\u2029two") == "one\ntwo"


@pytest.mark.parametrize(
    "gap", ["\n\n\n", "\n\n\n\n\n", "\r\n\r\n\r\n", "\n \n\t\n", "\n\u00a0\n\n"]
)
def test_three_or_more_newlines_become_one_blank_line(gap: str) -> None:
    assert _norm(f"one{gap}two") == "one\n\ntwo"


def test_one_blank_line_is_kept() -> None:
    assert _norm("one\n\ntwo\nthree") == "one\n\ntwo\nthree"


def test_trailing_and_leading_spaces_removed_per_line() -> None:
    assert _norm("one   \n   two\u00a0\n three ") == "one\ntwo\nthree"


def test_tabs_become_single_spaces() -> None:
    assert _norm("col\tone\t\ttwo") == "col one two"


def test_leading_and_trailing_blank_lines_removed() -> None:
    assert _norm("\n\n  \nbody\n\n \n") == "body"


def test_null_stays_null() -> None:
    assert _norm(None) is None


def test_inline_folds_newlines_to_spaces() -> None:
    assert _inline("  Council\nbans\r\n\tcars \u201ctoday\u201d ") == 'Council bans cars "today"'


def test_plain_ascii_is_unchanged() -> None:
    text = "Plain text, 100% ASCII: it's \"fine\" - isn't it?\n\nYes."
    assert _norm(text) == text


def test_ascii_and_unicode_texts_in_one_column_get_the_same_steps() -> None:
    # ASCII-only texts take a shorter path (no NFKC, no non-ASCII classes): it must agree.
    raw = " one  \x07two\t\tthree \r\n \n\x0c\n `four` \x1f\x7f"
    expected = "one two three\n\n'four'"
    frame = pl.DataFrame({"text": [raw, raw + " caf\u00e9\u00a0\u2019"]})
    normalised = frame.select(normalise_text(pl.col("text")))["text"].to_list()
    assert normalised == [expected, expected + " caf\u00e9 '"]
