from __future__ import annotations

from datetime import datetime

import polars as pl
import pytest

from transforms.dates import parse_published


def _parse(*raw: str | None) -> list[datetime | None]:
    frame = pl.DataFrame({"raw": list(raw)}, schema={"raw": pl.String})
    return frame.select(parse_published(pl.col("raw")))["raw"].to_list()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2006-10-20T18:15:00", datetime(2006, 10, 20, 18, 15)),
        ("2006-10-20T18:15", datetime(2006, 10, 20, 18, 15)),
        ("2006-10-20 18:15:00", datetime(2006, 10, 20, 18, 15)),
        ("2006-10-20 18:15", datetime(2006, 10, 20, 18, 15)),
        ("2006-10-20T18:15:00Z", datetime(2006, 10, 20, 18, 15)),
        ("2006-10-20T18:15:00.250Z", datetime(2006, 10, 20, 18, 15, 0, 250000)),
        ("2006-10-20T18:15:00+02:00", datetime(2006, 10, 20, 18, 15)),  # local time kept
        ("2006-10-20T18:15:00-0500", datetime(2006, 10, 20, 18, 15)),
        ("2006-10-20T18:15:00 EDT", datetime(2006, 10, 20, 18, 15)),
        ("2006-10-20", datetime(2006, 10, 20)),
    ],
)
def test_iso_forms(raw: str, expected: datetime) -> None:
    assert _parse(raw) == [expected]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Fri Oct 20, 2006 6:15pm EDT", datetime(2006, 10, 20, 18, 15)),
        ("Friday, October 20, 2006 6:15 PM", datetime(2006, 10, 20, 18, 15)),
        ("August 3, 2015", datetime(2015, 8, 3)),
        ("3 August 2015", datetime(2015, 8, 3)),
        ("3 Aug 2015 10:32", datetime(2015, 8, 3, 10, 32)),
        ("Aug. 28, 2015 at 4 p.m. ET", datetime(2015, 8, 28, 16, 0)),
        ("Aug. 28, 2015 at 9:05 a.m.", datetime(2015, 8, 28, 9, 5)),
        ("Sept. 5, 2014", datetime(2014, 9, 5)),
        ("10/20/2006", datetime(2006, 10, 20)),
        ("2006/10/20", datetime(2006, 10, 20)),
        ("20150803", datetime(2015, 8, 3)),
        ("Published: Monday, August 3rd, 2015", datetime(2015, 8, 3)),
        ("Updated: August 21st, 2015 | 10:32 am", datetime(2015, 8, 21, 10, 32)),
        ("6:15 PM Oct 20, 2006", datetime(2006, 10, 20, 18, 15)),
        ("12:30 am, Oct 20, 2006 (GMT+1)", datetime(2006, 10, 20, 0, 30)),
    ],
)
def test_english_forms(raw: str, expected: datetime) -> None:
    assert _parse(raw) == [expected]


@pytest.mark.parametrize(
    "raw",
    [
        "nonsense",
        "2015",  # a bare year is not a publication date
        "August 2015",
        "Monday",
        "13/45/2006",
        "2015-02-30",
        "99999999",  # an id, not a date
        "18000101",  # outside the plausible window
        "Updated 2 hours ago",
        "",
        None,
    ],
)
def test_rejects(raw: str | None) -> None:
    assert _parse(raw) == [None]


def test_column_of_mixed_forms_parses_row_by_row() -> None:
    assert _parse("August 3, 2015", None, "2006-10-20T18:15:00Z", "nonsense") == [
        datetime(2015, 8, 3),
        None,
        datetime(2006, 10, 20, 18, 15),
        None,
    ]
