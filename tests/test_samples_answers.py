"""What the four specification articles must yield, end to end through the Prefect flow and
the published warehouse: entities, roles, quotes, sources (issue 4) and the company view
with events and evidence (issue 5)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from flows.settings import SAMPLES_DIR
from tests.helpers import query


@pytest.fixture(scope="module")
def warehouse(prefect_harness: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    from flows.pipeline import newsfacts_flow

    root = tmp_path_factory.mktemp("samples") / "warehouse"
    newsfacts_flow(paths=[str(SAMPLES_DIR)], warehouse=str(root))
    yield root


def _names(warehouse: Path, entity_type: str) -> set[str]:
    rows = query(
        warehouse,
        "SELECT DISTINCT e.name FROM mentions m JOIN entities e USING (entity_id) "
        f"WHERE m.entity_type = '{entity_type}'",
    )
    return {r[0] for r in rows}


def test_organisations_people_places_and_products(warehouse: Path) -> None:
    assert {
        "Sony", "Sony Mobile", "Gartner", "Reuters", "Arabian Business", "Apple", "Samsung",
        "Xiaomi", "LG", "T-Mobile", "Google",
    } <= _names(warehouse, "ORG")  # fmt: skip
    assert {"Hiroki Totoki", "Kazuo Hirai"} <= _names(warehouse, "PERSON")
    assert {"United States", "China", "Japan", "Europe"} <= _names(warehouse, "LOCATION")
    assert {"Xperia Play", "Nexus", "Windows Phone"} <= _names(warehouse, "PRODUCT")
    # Sony Mobile is its own entity, with Sony as its parent; "U.S.", "US", "the States" are one.
    assert query(
        warehouse, "SELECT parent_entity_id FROM entities WHERE entity_id = 'org:sony-mobile'"
    ) == [("org:sony",)]
    us = {
        r[0]
        for r in query(
            warehouse, "SELECT surface FROM mentions WHERE entity_id = 'loc:united-states'"
        )
    }
    assert {"U.S.", "US", "the States"} <= us
    # Names in the removed author bio are not mentions of the body.
    assert "Dell" not in _names(warehouse, "ORG")


def test_both_roles(warehouse: Path) -> None:
    roles = set(query(warehouse, "SELECT person, title, org FROM roles"))
    assert ("Hiroki Totoki", "President and CEO", "Sony Mobile") in roles
    assert ("Kazuo Hirai", "CEO", "Sony") in roles


def test_every_totoki_quote_is_his_and_scare_quotes_have_no_speaker(warehouse: Path) -> None:
    totoki = query(
        warehouse,
        "SELECT q.quote_text, q.speaker, q.speaker_entity_id FROM quotes q "
        "JOIN documents d USING (doc_id) WHERE d.source_path LIKE '000_%' "
        "AND q.quote_kind <> 'scare' ORDER BY q.char_start",
    )
    assert len(totoki) == 3
    assert all(r[1:] == ("Hiroki Totoki", "person:hiroki-totoki") for r in totoki)
    assert totoki[0][0].startswith("Smartphones are completely connected")
    scare = dict(
        query(warehouse, "SELECT quote_text, speaker FROM quotes WHERE quote_kind = 'scare'")
    )
    assert {"good enough", "gaming phone"} <= set(scare)
    assert set(scare.values()) == {None}
    hirai = query(
        warehouse,
        "SELECT DISTINCT speaker FROM quotes WHERE quote_text LIKE 'decided to go on the %'",
    )
    assert hirai == [("Kazuo Hirai",)]
    sony = query(warehouse, "SELECT speaker FROM quotes WHERE quote_text LIKE 'soon unveil%'")
    assert sony == [("Sony",)]


def test_sources(warehouse: Path) -> None:
    sources = set(query(warehouse, "SELECT source, cue FROM sources"))
    assert {
        ("Gartner", "according to"),
        ("Reuters", "told"),
        ("Arabian Business", "speaking with"),
        ("Nikkei Asian Review", "source:"),
        ("Xperia Blog", "via:"),
    } <= sources


def test_company_view_answers_with_target_revenue_closure_and_rank(warehouse: Path) -> None:
    rows = query(
        warehouse,
        "SELECT item_type, surface, status, evidence_sentence FROM company_facts "
        "WHERE company = 'Sony'",
    )
    by_type: dict[str, list[tuple[str, str, str]]] = {}
    for item_type, surface, status, evidence in rows:
        assert evidence, (item_type, surface)
        by_type.setdefault(item_type, []).append((surface, status, evidence))
    assert any(s == "target" and "80-million-units" in e for _, s, e in by_type["sales_target"])
    assert any(
        "16.3 percent" in e and "270.5 billion yen" in e for _, _, e in by_type["revenue_report"]
    )
    assert any("close up shop" in e for _, _, e in by_type["store_closure"])
    assert any("10th-largest" in e for _, _, e in by_type["ranking"])
    assert ("16.3 percent", "reported") in {(s, st) for s, st, _ in by_type["percent"]}
    # Rolled up: a fact about Sony Mobile would also be listed under Sony via Sony Mobile.
    assert query(
        warehouse, "SELECT count(*) FROM company_facts WHERE company = 'Sony' AND via IS NULL"
    ) == [(0,)]


def test_money_in_dollars_only_where_the_text_converts(warehouse: Path) -> None:
    rows = dict(
        (r[0], r[1:])
        for r in query(
            warehouse, "SELECT surface, currency, value_usd, implied_usd_rate FROM money_facts"
        )
    )
    currency, usd, rate = rows["270.5 billion yen"]
    assert currency == "JPY" and usd == 2.27e9 and rate == pytest.approx(2.27e9 / 270.5e9)
    assert rows["$350"][1] == 350.0 and rows["$350"][2] is None
