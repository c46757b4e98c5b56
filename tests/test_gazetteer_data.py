"""The curated gazetteers in transforms/entities/data (organisations, outlets, products,
people): format, ids, parents and alias hygiene. Plain file reads, no engine needed; each
check names the offending rows."""

from __future__ import annotations

import csv
import itertools
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import polars as pl
import pytest

DATA_DIR = Path(__file__).resolve().parent.parent / "transforms" / "entities" / "data"
HEADER = ["entity_id", "name", "entity_type", "parent_entity_id", "aliases"]
# File stem -> (id prefix, entity_type, minimum row count).
CURATED = {
    "organisations": ("org", "ORG", 800),
    "outlets": ("org", "ORG", 150),
    "products": ("product", "PRODUCT", 200),
    "people": ("person", "PERSON", 300),
}
ID_PATTERN = re.compile(r"^(org|person|product):[a-z0-9]+(?:-[a-z0-9]+)*$")
# Suffixes the engine strips from mentions ("Sony Corp." -> "Sony"): never part of an alias.
ABBREVIATED_LEGAL_SUFFIXES = frozenset(
    (
        "Inc", "Corp", "Co", "Cos", "Ltd", "Plc", "plc", "PLC", "LLC", "LLP", "LP", "AG", "SA",
        "S.A", "NV", "N.V", "BV", "B.V", "GmbH", "SE", "SpA", "S.p.A", "AB", "ASA", "Oyj", "KK",
        "K.K", "Bhd", "Tbk", "Pty", "KGaA", "Hldgs",
    )
)  # fmt: skip
# Spelled-out forms are fine inside real names ("Federal Deposit Insurance Corporation") but
# not as a variant of another surface of the same entity ("Ford Motor Company").
SPELLED_OUT_LEGAL_SUFFIXES = ("Corporation", "Company", "Incorporated", "Limited")
# Names whose brand includes an abbreviated suffix.
SUFFIX_IN_BRAND_NAME = frozenset({"org:news-corp", "org:rothschild-co"})
POSSESSIVE_ENDINGS = ("'s", "’s", "s'", "s’")


@dataclass(frozen=True)
class Row:
    file: str
    line: int
    fields: tuple[str, ...]

    @property
    def entity_id(self) -> str:
        return self.fields[0]

    @property
    def name(self) -> str:
        return self.fields[1]

    @property
    def entity_type(self) -> str:
        return self.fields[2]

    @property
    def parent(self) -> str:
        return self.fields[3]

    @property
    def aliases(self) -> list[str]:
        return self.fields[4].split("|") if self.fields[4] else []

    @property
    def surfaces(self) -> list[str]:
        return [self.name, *self.aliases]

    def __str__(self) -> str:
        return f"{self.file}:{self.line} {self.entity_id}"


def read_rows(path: Path) -> tuple[list[str], list[Row]]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    header, body = lines[0], lines[1:]
    return header, [Row(path.stem, n, tuple(f)) for n, f in enumerate(body, start=2)]


@cache
def curated_rows() -> tuple[Row, ...]:
    rows: list[Row] = []
    for stem in CURATED:
        rows.extend(read_rows(DATA_DIR / f"{stem}.tsv")[1])
    return tuple(rows)


def well_formed_rows() -> list[Row]:
    return [row for row in curated_rows() if len(row.fields) == len(HEADER)]


def slug(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def report(offenders: list[str]) -> str:
    shown = "\n  ".join(offenders[:40])
    more = f"\n  ... and {len(offenders) - 40} more" if len(offenders) > 40 else ""
    return f"{len(offenders)} offending rows:\n  {shown}{more}"


@pytest.mark.parametrize("stem", list(CURATED))
def test_header_and_five_columns_on_every_row(stem: str) -> None:
    header, rows = read_rows(DATA_DIR / f"{stem}.tsv")
    assert header == HEADER
    bad = [f"{row} has {len(row.fields)} columns" for row in rows if len(row.fields) != 5]
    assert not bad, report(bad)


@pytest.mark.parametrize("stem", list(CURATED))
def test_polars_reads_every_row_without_quoting(stem: str) -> None:
    # A stray double quote would make a quoting reader swallow rows.
    path = DATA_DIR / f"{stem}.tsv"
    frame = pl.read_csv(path, separator="\t", quote_char=None, infer_schema=False)
    assert frame.columns == HEADER
    assert frame.height == len(read_rows(path)[1])


@pytest.mark.parametrize(("stem", "expected"), [(s, v[2]) for s, v in CURATED.items()])
def test_each_file_keeps_its_breadth(stem: str, expected: int) -> None:
    assert len(read_rows(DATA_DIR / f"{stem}.tsv")[1]) >= expected


@pytest.mark.parametrize("stem", list(CURATED))
def test_rows_are_sorted_by_entity_id(stem: str) -> None:
    ids = [row.entity_id for row in read_rows(DATA_DIR / f"{stem}.tsv")[1]]
    unsorted = [f"{a} before {b}" for a, b in itertools.pairwise(ids) if a >= b]
    assert not unsorted, report(unsorted)


def test_ids_are_unique_across_files() -> None:
    seen: dict[str, list[str]] = defaultdict(list)
    for row in well_formed_rows():
        seen[row.entity_id].append(str(row))
    duplicates = [" and ".join(places) for places in seen.values() if len(places) > 1]
    assert not duplicates, report(duplicates)


def test_ids_follow_the_slug_of_their_name() -> None:
    # The slug of the name, optionally with a qualifier for clashing names (org:emirates-airline).
    bad = [
        f"{row}: expected {slug(row.name)!r} (or a '-qualified' form)"
        for row in well_formed_rows()
        if not ID_PATTERN.match(row.entity_id)
        or not (
            (slug_part := row.entity_id.split(":", 1)[1]) == slug(row.name)
            or slug_part.startswith(slug(row.name) + "-")
        )
    ]
    assert not bad, report(bad)


def test_entity_type_matches_file_and_prefix() -> None:
    bad = [
        f"{row}: type {row.entity_type}"
        for row in well_formed_rows()
        if (CURATED[row.file][1] != row.entity_type)
        or not row.entity_id.startswith(CURATED[row.file][0] + ":")
    ]
    assert not bad, report(bad)


def all_ids_in_folder() -> dict[str, str]:
    """entity_id -> file stem, over every *.tsv in the folder (including generated ones)."""
    ids: dict[str, str] = {}
    for path in sorted(DATA_DIR.glob("*.tsv")):
        for row in read_rows(path)[1]:
            if row.fields:
                ids.setdefault(row.fields[0], path.stem)
    return ids


def test_parents_exist_and_are_organisations() -> None:
    ids = all_ids_in_folder()
    bad = []
    for row in well_formed_rows():
        if not row.parent:
            continue
        if row.parent == row.entity_id:
            bad.append(f"{row}: is its own parent")
        elif row.parent not in ids:
            bad.append(f"{row}: parent {row.parent} not found in {DATA_DIR.name}/*.tsv")
        elif not row.parent.startswith("org:"):
            bad.append(f"{row}: parent {row.parent} is not an organisation")
    assert not bad, report(bad)


def test_products_are_made_by_organisations_in_organisations_file() -> None:
    organisations = {row.entity_id for row in read_rows(DATA_DIR / "organisations.tsv")[1]}
    bad = [
        f"{row}: maker {row.parent or '(none)'} not in organisations.tsv"
        for row in well_formed_rows()
        if row.file == "products" and row.parent not in organisations
    ]
    assert not bad, report(bad)


def test_people_have_no_parent() -> None:
    bad = [
        f"{row}: {row.parent}" for row in well_formed_rows() if row.file == "people" and row.parent
    ]
    assert not bad, report(bad)


def test_parent_chains_have_no_cycles() -> None:
    parent_of = {row.entity_id: row.parent for row in well_formed_rows() if row.parent}
    bad = []
    for start in parent_of:
        seen, node = {start}, parent_of.get(start)
        while node:
            if node in seen:
                bad.append(f"{start}: cycle through {node}")
                break
            seen.add(node)
            node = parent_of.get(node)
    assert not bad, report(bad)


def surface_key(surface: str) -> str:
    # The engine also matches upper-cased forms, so surfaces that differ only by case collide;
    # a lower-case leading "the " is a matching instruction, not a case variant.
    if surface.startswith("the "):
        return "the:" + surface[4:].casefold()
    return surface.casefold()


def test_no_surface_names_two_entities() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for row in well_formed_rows():
        for surface in row.surfaces:
            owners[surface_key(surface)].add(row.entity_id)
    clashes = [f"{key!r}: {sorted(ids)}" for key, ids in sorted(owners.items()) if len(ids) > 1]
    assert not clashes, report(clashes)


def test_no_redundant_surfaces_within_an_entity() -> None:
    # Repeats, and all-caps copies ("IKEA" beside "Ikea") that the engine derives itself;
    # mixed-case spellings ("MasterCard", "Mastercard") are real variants and stay.
    bad = []
    for row in well_formed_rows():
        surfaces = row.surfaces
        repeated = {s for s in surfaces if surfaces.count(s) > 1}
        derived = {
            s for s in surfaces if s.isupper() and any(o != s and o.upper() == s for o in surfaces)
        }
        if repeated | derived:
            bad.append(f"{row}: {sorted(repeated | derived)}")
    assert not bad, report(bad)


def test_fields_are_clean_text() -> None:
    bad = []
    for row in well_formed_rows():
        for value in (*row.fields[:4], *row.aliases):
            if value != value.strip() or "  " in value or '"' in value:
                bad.append(f"{row}: {value!r} (edge/double space or double quote)")
        if row.fields[4].startswith("|") or row.fields[4].endswith("|") or "||" in row.fields[4]:
            bad.append(f"{row}: empty alias in {row.fields[4]!r}")
        if not row.name:
            bad.append(f"{row}: empty name")
    assert not bad, report(bad)


def test_no_surface_is_a_bare_lower_case_word() -> None:
    # An all-lower-case surface ("dpa", "e&") would match ordinary words; the only lower-case
    # start allowed is "the " before a capitalised name ("the Economist").
    bad = [
        f"{row}: {surface!r}"
        for row in well_formed_rows()
        for surface in row.surfaces
        if not any(c.isupper() or c.isdigit() for c in surface.removeprefix("the "))
    ]
    assert not bad, report(bad)


def test_lower_case_the_aliases_belong_to_the_names() -> None:
    # A lower-case "the " alias tells the engine "the" must precede the rest ("told the
    # Economist"); it is only written for names kept with their "The" ("The Economist").
    bad = [
        f"{row}: alias {alias!r} does not repeat a 'The ...' name"
        for row in well_formed_rows()
        for alias in row.aliases
        if alias.startswith("the ") and row.name != "The " + alias[4:]
    ]
    assert not bad, report(bad)


def last_word(surface: str) -> str:
    return surface.rsplit(" ", 1)[-1].rstrip(".,")


def test_no_legal_suffix_variants() -> None:
    bad = []
    for row in well_formed_rows():
        keys = {surface_key(s) for s in row.surfaces}
        for surface in row.surfaces:
            if " " not in surface:
                continue
            head, _, _ = surface.rpartition(" ")
            word = last_word(surface)
            if word in ABBREVIATED_LEGAL_SUFFIXES and row.entity_id not in SUFFIX_IN_BRAND_NAME:
                bad.append(f"{row}: {surface!r} ends in legal suffix {word!r}")
            elif word in SPELLED_OUT_LEGAL_SUFFIXES and surface_key(head.rstrip(",&")) in keys:
                bad.append(f"{row}: {surface!r} is {head!r} plus a legal suffix")
    assert not bad, report(bad)


def test_no_possessive_variants() -> None:
    # "Sony's" is handled by the engine; names that end in 's ("McDonald's") are fine.
    bad = []
    for row in well_formed_rows():
        keys = {surface_key(s) for s in row.surfaces}
        for alias in row.aliases:
            for ending in POSSESSIVE_ENDINGS:
                base = alias.removesuffix(ending)
                if ending == "s'" or ending == "s’":
                    base = alias[: -len(ending)] + "s"
                if alias.endswith(ending) and surface_key(base) in keys - {surface_key(alias)}:
                    bad.append(f"{row}: {alias!r} is a possessive of {base!r}")
    assert not bad, report(bad)


def test_apostrophes_are_straight() -> None:
    # One spelling in the data; matching curly apostrophes in text is the engine's job.
    bad = [
        f"{row}: {surface!r}"
        for row in well_formed_rows()
        for surface in row.surfaces
        if "’" in surface or "‘" in surface
    ]
    assert not bad, report(bad)
