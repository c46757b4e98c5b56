"""Quantity facts: a number and what it counts or measures ("80 million smartphones",
"464,000 new subscribers", "20,000 acres", "2.5 GB", "250 million to 300 million barrels"),
plus relative quantities ("doubled", "a threefold rise").

Rules (``rule`` column):

* ``quantity.measure`` -- number + a unit of measurement from ``MEASURE_UNITS`` ("20,000
  acres", "116,000-acre", "300 megawatts", "5 km", "10kg", "a 624 MHz processor"). Symbols are
  case-sensitive ("GB", "MHz"), words lower-case; singular and plural both count. ``unit`` is
  the canonical name: lower-case, plural, British spelling ("km" -> "kilometres", "MHz" ->
  "megahertz", "bpd" -> "barrels per day").
* ``quantity.noun`` (the generic rule) -- number + a plural lower-case noun ("80 million
  smartphones", "464,000 subscribers", "two million people"), optionally after one common
  modifier from ``COUNT_MODIFIERS`` ("464,000 new subscribers", "two million more people").
  A "plural noun" ends in -s (not -ss/-us/-is/-ous) or is an irregular plural (people, staff,
  ...), and is not in ``NOT_UNITS`` (time units -- the date extractor owns durations --,
  currency words -- money owns them --, function words, verbs).
* ``quantity.counted`` -- number + up to two free modifiers + a noun from ``COUNTED_NOUNS``
  ("5,000 retail stores", "10 big oil companies", "12 Chinese banks"); the curated list also
  admits the singular in the hyphenated adjective form ("a 500-employee company",
  "80-million-unit"), normalised to the plural.
* ``quantity.relative`` -- "doubled/doubling" (2), "tripled/trebled" (3), "quadrupled" (4),
  "halved/halving" (0.5) and "threefold"/"10-fold" (N), with unit "times"; ``direction`` is
  up (down for halving; NULL for -fold, which can go either way). "doubled down" is not one.

``unit`` of a counted noun is the head noun lower-cased as written ("smartphones"); the
modifiers are part of the surface but not of the unit. Numbers are digits or words with an
optional scale ("80 million", "80m", "two dozen", "a million", "five hundred thousand").
Ranges "250 million to 300 million barrels", "10-20 stores", "between 10 and 20 stores" give
``value`` (low; a bare low takes the high's scale: "250 to 300 million") and ``value_high``;
"from 20 to 30 stores" and "45 and 50 stores" are not ranges: only the last number is kept.

Not quantities (precision first): a number glued to letters or after "-", "/", ".", ":", "#"
(model numbers "Galaxy S6", "COVID-19", ordinals "10th", decades "80s", ids); after a
capitalised word that is not a function word ("The", "About") or a possessive ("Windows 10 users",
"iPhone 6 owners", "Aug. 28", "FTSE 100 companies"); after a label word ("No. 1", "top five",
"section 5", "flight 370"); after a currency sign; a bare year (1800-2099 without comma or
scale) before a counted noun ("2015 sales"); a small word number after a determiner ("the
two companies": a reference, not a count); anything after which no unit or plural noun
follows ("in 2015", "4 p.m.", "one of the").
"""

from __future__ import annotations

import polars as pl

from transforms.facts.numbers import (
    DIGITS,
    SCALE_WORD,
    WORD_1_99,
    WORD_VALUES,
    parse_number,
    scale_factor,
)
from transforms.facts.spans import context_after, context_before, extract_groups, find_spans
from transforms.patterns import alternation

RULE_MEASURE = "quantity.measure"
RULE_NOUN = "quantity.noun"
RULE_COUNTED = "quantity.counted"
RULE_RELATIVE = "quantity.relative"

# --- Word lists -----------------------------------------------------------------------------


def _forms(canonical: str, *forms: str) -> dict[str, str]:
    return {form: canonical for form in (canonical, *forms)}


# Surface form (exact, case-sensitive) -> canonical unit. Ambiguous symbols are left out on
# purpose: "m" (million or metres), "g"/"G" (5G), "t", "in", "pm", "ha", "hp" and the
# weight "pounds" (usually sterling in business news).
MEASURE_UNITS: dict[str, str] = {
    **_forms("acres", "acre"),
    **_forms("hectares", "hectare"),
    **_forms("square feet", "square foot", "sq ft", "sq. ft.", "sq. ft", "sq-ft"),
    **_forms("square metres", "square metre", "square meters", "square meter", "sq m", "sqm"),
    **_forms("square kilometres", "square kilometre", "square kilometers", "square kilometer"),
    **_forms("square kilometres", "sq km", "km2", "km^2", "km squared"),
    **_forms("square miles", "square mile", "sq mi"),
    **_forms("cubic feet", "cubic foot", "cu ft"),
    **_forms("cubic metres", "cubic metre", "cubic meters", "cubic meter"),
    **_forms("cubic kilometres", "cubic kilometre", "cubic kilometers", "cubic kilometer"),
    **_forms("cubic kilometres", "km3", "km^3", "km cubed"),
    **_forms("barrels per day", "barrels a day", "barrels of oil per day", "barrels-per-day"),
    **_forms("barrels per day", "barrel per day", "barrel a day", "barrel-per-day", "bpd"),
    **_forms("barrels", "barrel"),
    **_forms("tons", "ton", "short tons"),
    **_forms("tons per day", "tpd"),
    **_forms("tonnes", "tonne", "metric tons", "metric ton", "metric tonnes"),
    **_forms("kilograms", "kilogram", "kilos", "kilo", "kg"),
    **_forms("grams", "gram"),
    **_forms("milligrams", "milligram", "mg"),
    **_forms("ounces", "ounce", "troy ounces", "troy ounce", "oz"),
    # Only the abbreviations: the word "pounds" is usually sterling in business news.
    "lbs": "pounds",
    "lb": "pounds",
    **_forms("kilometres", "kilometre", "kilometers", "kilometer", "km"),
    **_forms("metres", "metre", "meters", "meter"),
    **_forms("centimetres", "centimetre", "centimeters", "centimeter", "cm"),
    **_forms("millimetres", "millimetre", "millimeters", "millimeter", "mm"),
    **_forms("nanometres", "nanometre", "nanometers", "nanometer", "nm"),
    **_forms("miles", "mile", "mi"),
    **_forms("feet", "foot", "ft"),
    **_forms("inches", "inch"),
    **_forms("kilometres per hour", "kilometers per hour", "km/h", "kph"),
    **_forms("miles per hour", "mph"),
    **_forms("litres", "litre", "liters", "liter", "L"),
    **_forms("centilitres", "centilitre", "centiliters", "centiliter", "cl"),
    **_forms("millilitres", "millilitre", "milliliters", "milliliter", "ml"),
    **_forms("gallons", "gallon"),
    **_forms("bushels", "bushel"),
    **_forms("watts", "watt"),
    **_forms("kilowatts", "kilowatt", "kW"),
    **_forms("megawatts", "megawatt", "MW"),
    **_forms("gigawatts", "gigawatt", "GW"),
    **_forms("watt hours", "watt-hours", "watt hour", "watt-hour", "Wh"),
    **_forms("kilowatt hours", "kilowatt-hours", "kilowatt hour", "kilowatt-hour", "kWh"),
    **_forms("megawatt hours", "megawatt-hours", "megawatt hour", "megawatt-hour", "MWh"),
    **_forms("gigawatt hours", "gigawatt-hours", "gigawatt hour", "gigawatt-hour", "GWh"),
    **_forms("terawatt hours", "terawatt-hours", "terawatt hour", "terawatt-hour", "TWh"),
    **_forms("volts", "volt"),
    **_forms("megahertz", "MHz"),
    **_forms("gigahertz", "GHz"),
    **_forms("bytes", "byte"),
    **_forms("bits", "bit"),
    **_forms("kilobytes", "kilobyte", "KB", "kB"),
    **_forms("megabytes", "megabyte", "MB"),
    **_forms("gigabytes", "gigabyte", "GB"),
    **_forms("terabytes", "terabyte", "TB"),
    **_forms("petabytes", "petabyte", "PB"),
    **_forms("exabytes", "exabyte", "EB"),
    **_forms("megabits per second", "Mbps"),
    **_forms("gigabits per second", "Gbps"),
    **_forms("megapixels", "megapixel"),
    **_forms("milliampere hours", "mAh"),
    **_forms("horsepower"),
    **_forms("electronvolts", "electronvolt", "eV"),
    **_forms("kiloelectronvolts", "keV"),
    **_forms("megaelectronvolts", "MeV"),
    **_forms("gigaelectronvolts", "GeV"),
    **_forms("teraelectronvolts", "TeV"),
    **_forms("carats", "carat"),
    **_forms("calories", "calorie"),
    **_forms("degrees celsius", "degrees Celsius", "degrees centigrade", "degrees C", "°C"),
    **_forms("degrees fahrenheit", "degrees Fahrenheit", "degrees F", "°F"),
}

# Counted nouns: the generic plural rule finds most of these anyway; listing them lets free
# modifiers ("5,000 retail stores") and the hyphenated singular ("a 500-employee firm") through.
_COUNTED_PLURALS = (
    "people", "persons", "employees", "workers", "staff", "staffers", "jobs", "positions",
    "stores", "shops", "outlets", "branches", "restaurants", "hotels", "offices", "units",
    "smartphones", "phones", "handsets", "devices", "tablets", "computers", "laptops",
    "servers", "cars", "vehicles", "trucks", "buses", "aircraft", "planes", "jets", "ships",
    "vessels", "homes", "houses", "apartments", "flats", "rooms", "beds", "seats", "shares",
    "customers", "clients", "subscribers", "users", "members", "viewers", "visitors",
    "readers", "students", "children", "adults", "passengers", "flights", "tourists",
    "troops", "soldiers", "deaths", "casualties", "cases", "patients", "votes", "voters",
    "companies", "firms", "banks", "factories", "plants", "mines", "wells", "rigs", "sites",
    "projects", "contracts", "orders", "copies", "downloads", "games", "tickets", "animals",
    "cattle", "sheep", "pigs", "chickens", "trees", "countries", "cities", "schools",
    "hospitals", "farms", "farmers", "doctors", "nurses", "teachers", "miners", "drivers",
    "pilots", "engineers", "developers", "applications", "apps", "products", "models",
    "brands", "titles", "accounts", "loans", "mortgages", "properties", "buildings",
    "containers", "cargoes", "shipments", "patents", "licences", "licenses", "lines",
    "routes", "stations", "towers", "turbines", "panels", "reactors", "satellites",
    "rockets", "missiles", "weapons", "guns", "tanks", "robots", "drones", "cameras",
    "televisions", "consoles", "chips", "processors", "batteries", "bottles", "cans",
    "packages", "parcels", "items", "pieces", "points", "goals", "runs", "wins",
)  # fmt: skip
_IRREGULAR_SINGULAR = {
    "person": "people", "child": "children", "staff": "staff", "aircraft": "aircraft",
    "cattle": "cattle", "sheep": "sheep", "bus": "buses", "branch": "branches",
    "company": "companies", "factory": "factories", "property": "properties",
    "battery": "batteries", "copy": "copies", "casualty": "casualties", "country": "countries",
    "city": "cities", "cargo": "cargoes",
}  # fmt: skip
COUNTED_NOUNS: dict[str, str] = {
    **{p: p for p in _COUNTED_PLURALS},
    **{p[:-1]: p for p in _COUNTED_PLURALS if p.endswith("s") and not p.endswith("es")},
    **{p[:-1]: p for p in ("stores", "phones", "licences", "licenses", "vehicles", "houses",
                           "sites", "games", "bottles", "packages", "pieces", "routes",
                           "employees", "mortgages", "titles", "lines", "drones")},
    **_IRREGULAR_SINGULAR,
}  # fmt: skip

# Plurals that do not end in -s, for the generic rule.
IRREGULAR_PLURALS = (
    "people", "children", "men", "women", "staff", "personnel", "cattle", "sheep", "aircraft",
    "livestock", "police", "fish",
)  # fmt: skip

# Modifiers allowed between a number and a generic plural noun ("464,000 new subscribers").
COUNT_MODIFIERS = (
    "new", "more", "additional", "extra", "fewer", "other", "existing", "full-time",
    "part-time", "net", "active", "paying", "registered", "unique", "monthly", "daily",
    "small", "big", "large", "major", "retail", "private", "public", "foreign", "local",
    "domestic", "young", "old", "skilled", "permanent", "temporary", "contract", "mobile",
    "online", "individual", "separate", "different", "similar", "key",
)  # fmt: skip

_NUMBER_WORDS = (
    *(w for w in WORD_VALUES if w not in ("a", "an")),
    "hundred", "thousand", "million", "billion", "trillion", "hundreds", "thousands",
    "millions", "billions", "dozens",
)  # fmt: skip

# Words never taken as a counted noun nor as a modifier before one.
NOT_UNITS = frozenset(
    (
        # Time units: durations belong to the date extractor.
        "years", "year", "months", "month", "weeks", "week", "days", "day", "hours", "hour",
        "minutes", "minute", "seconds", "second", "quarters", "quarter", "decades", "decade",
        "centuries", "century", "nights", "mornings", "evenings", "afternoons", "weekends",
        "sessions", "seasons", "terms", "semesters", "hrs", "mins", "secs", "yrs", "times",
        "milliseconds", "microseconds", "nanoseconds",
        # Money and percent belong to their own kinds.
        "dollars", "cents", "euros", "pounds", "pence", "francs", "rupees", "pesos", "yuan",
        "yen", "reais", "rands", "dinars", "riyals", "dirhams", "shillings", "kronor",
        "kroner", "crowns", "bucks", "roubles", "rubles", "lire", "liras", "zlotys", "percent",
        "per", "cent", "pct", "percentage", "basis", "bps",
        # Function words, pronouns, adverbs and verbs that look plural or sit between.
        "is", "was", "has", "does", "as", "us", "its", "this", "thus", "his", "hers", "ours",
        "yours", "theirs", "yes", "plus", "minus", "less", "unless", "versus", "whereas",
        "perhaps", "always", "sometimes", "besides", "towards", "afterwards", "upwards",
        "downwards", "nevertheless", "nonetheless", "regardless", "across", "various",
        "others", "ones", "lows", "highs", "means", "odds", "news", "series", "news",
        "says", "rises", "falls", "gains", "drops", "jumps", "climbs", "slips", "sees",
        "makes", "takes", "gets", "gives", "goes", "comes", "remains", "becomes", "seems",
        "looks", "shows", "includes", "follows", "represents", "marks", "compares",
        "equals", "totals", "exceeds", "reflects", "involves", "requires",
        "indicates", "suggests", "signals", "implies", "stands", "sits", "pans", "expects",
        "thinks", "believes", "knows", "wants", "needs", "tells", "asks", "holds", "owns",
        "figures", "halves", "thirds", "fourths", "fifths", "sixths", "sevenths", "eighths",
        "ninths", "tenths", "hundredths", "thousandths", "apiece", "gas", "enters",
        "of", "the", "a", "an", "to", "in", "on", "at", "for", "by", "with", "from", "and",
        "or", "but", "than", "that", "these", "those", "their", "her", "our", "my", "your",
        "are", "were", "be", "been", "have", "had", "will", "would", "could", "should", "may",
        "might", "can", "do", "did", "not", "no", "each", "every", "all", "some", "any",
        "which", "who", "whom", "whose", "where", "when", "if", "so", "such", "also", "only",
        "just", "about", "around", "over", "under", "into", "onto", "up", "down", "out",
        "off", "after", "before", "since", "until", "while", "during", "between", "among",
        "against", "ago", "last", "next", "said", "more", "most", "much", "many", "few",
        "time", "straight", "consecutive", "successive", "previous", "past", "first",
        *_NUMBER_WORDS,
    )
)  # fmt: skip

# Words before a number that make it a label, not a count ("No. 1", "top five", "flight 370").
LABEL_WORDS = (
    "no", "no.", "nos", "nos.", "nr", "nr.", "number", "num", "top", "bottom", "section",
    "chapter", "article", "page", "pages", "item", "version", "model", "flight", "route",
    "highway", "interstate", "room", "gate", "platform", "phase", "stage", "level", "grade",
    "tier", "category", "type", "size", "row", "line", "exit", "channel", "form", "rule",
    "clause", "paragraph", "figure", "fig.", "table", "chart", "act", "bill", "resolution",
    "ward", "district", "lot", "unit", "suite", "apt", "apt.", "box", "zone", "week", "day",
    "game", "round", "stage", "lane", "pier", "terminal", "bus", "verse", "volume", "vol.",
    "issue", "episode", "season", "part", "step", "class", "region", "series", "ranked",
)  # fmt: skip

# Capitalised words that may stand before a quantity (sentence starts, "I").
CAPITALISED_OK = frozenset(
    (
        "the", "a", "an", "about", "around", "almost", "nearly", "some", "over", "under",
        "more", "fewer", "less", "only", "just", "all", "with", "another", "those", "these",
        "its", "their", "our", "his", "her", "my", "your", "we", "i", "they", "he", "she", "it",
        "you", "in", "of", "for", "by", "at", "to", "and", "but", "or", "up", "down",
        "between", "from", "roughly", "approximately", "each", "every", "than", "when",
        "while", "after", "before", "since", "until", "now", "today", "so", "yet", "also",
        "still", "even", "then", "as", "if", "although", "though", "because", "that", "this",
        "which", "where", "why", "how", "what", "who", "plus", "like", "last", "total",
        "overall", "estimated", "including", "excluding", "exactly", "at least", "least",
        "another", "nearly", "only", "on", "into", "per", "some", "nor", "not", "no",
    )
)  # fmt: skip

# Determiners that make a small unscaled word number a reference ("the two companies").
DETERMINERS = (
    "the", "these", "those", "its", "their", "his", "her", "our", "my", "your", "both",
    "all", "first", "last", "next", "past", "other", "whose",
)  # fmt: skip

# --- Patterns -------------------------------------------------------------------------------

# A word number without bare "a"/"an" ("a" alone is an article, not 1) and without "dozen"
# (a scale here: "two dozen").
WORD_NUMBER_STRICT = rf"(?i:{WORD_1_99}|zero)"
_SCALE = rf"(?:{SCALE_WORD}|(?i:dozen))"
# Glued one-letter suffixes only ("80m", "5k"): spaced "5 m" is too often metres; "5 bn" is fine.
_SUFFIX = r"(?:(?i:k|m|b|bn|mn|mln|bln|tn)|\s+(?i:bn|mn|mln|bln|tn))"


def _number(p: str) -> str:
    """A number with named parts (prefix ``p``): digits/word, glued suffix, up to two scales,
    or "a"/"half a" + scale ("a million", "a dozen")."""
    scales = rf"[\s-]+(?P<{p}s1>{_SCALE})\b(?:[\s-]+(?P<{p}s2>{_SCALE})\b)?"
    return (
        rf"(?:\b(?P<{p}num>{DIGITS}|{WORD_NUMBER_STRICT})(?:(?P<{p}sfx>{_SUFFIX})\b|{scales})?"
        rf"|\b(?P<{p}art>(?i:half an?|an?))[\s-]+(?P<{p}as1>{_SCALE})\b"
        rf"(?:[\s-]+(?P<{p}as2>{_SCALE})\b)?)"
    )


def _words(words: dict[str, str] | tuple[str, ...] | list[str]) -> str:
    """Alternation of literal words, each closed by a word boundary when it ends in one."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(alternation([w]) + (r"\b" if w[-1].isalnum() else "") for w in ordered)


_MEASURE = _words(MEASURE_UNITS)
_COUNTED = _words(COUNTED_NOUNS)
_CMOD = _words(COUNT_MODIFIERS)
# Plural-looking word; the polars step drops -ss/-us/-is/-ous and NOT_UNITS.
_PLURAL = rf"(?:{_words(IRREGULAR_PLURALS)}|[A-Za-z][a-z]*s\b)"
_FREE_MOD = r"[A-Za-z][a-z]*(?:-[a-z]+)?"
_RANGE_SEP = r"(?:-?\s+(?i:to|and)\s+|\s*-\s*)"

QUANTITY = (
    rf"(?P<rng>(?P<between>(?i:between)\s+)?{_number('l')}(?P<sep>{_RANGE_SEP}))??"
    rf"{_number('h')}"
    r"(?:"
    rf"(?:\s+|-)?(?P<measure>{_MEASURE})"
    rf"|(?:\s+|-)(?:(?P<cmod>{_CMOD})\s+)??(?P<noun>{_PLURAL})"
    rf"|(?:\s+|-)(?P<mods>(?:{_FREE_MOD}\s+){{0,2}}?)(?P<counted>{_COUNTED})"
    r")"
)
RELATIVE = (
    r"\b(?P<rel>(?i:doubl|tripl|trebl|quadrupl)(?:ed|ing)|(?i:halv)(?:ed|ing))\b"
    rf"|\b(?P<fold>(?:\d+(?:\.\d+)?|{WORD_NUMBER_STRICT})-?(?i:fold))\b"
)
PATTERN = rf"{QUANTITY}|{RELATIVE}"
ANCHORED = rf"^(?:{PATTERN})$"

# Cheap first pass: a sentence without a digit, number word or doubling word has no quantity.
PREFILTER = (
    r"[0-9]|(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirt|fift"
    r"|twent|forty|dozen|hundred|thousand|million|billion|doubl|tripl|trebl|quadrupl|halv)"
)

_YEAR = r"^(?:1[89]|20)\d\d$"
_CURRENCY_BEFORE = r"(?:[$£€¥₹]|\b(?:USD|EUR|GBP|JPY|CNY|Rs\.?|Rp|RMB))\s*$"
_GLUED_BEFORE = r"[$£€¥₹#@/.:+'_^-]$"
_LAST_WORD = r"([A-Za-z][\w.'&-]*)\s+$"
_DETERMINER_BEFORE = rf"(?i:\b(?:{alternation(DETERMINERS)})\s+$)"
_NOT_PLURAL_ENDING = r"(?:ss|us|is|ous|'s)$"
_UNDO_AFTER = r"^\s+(?:down|up|over|back)\b"
# Generic plurals that name a measure ("5 more kilometers") get its canonical unit too.
_LOWER_MEASURES = {k: v for k, v in MEASURE_UNITS.items() if k.islower() and len(k) > 3}
_RELATIVE_VALUES = {"doubl": 2.0, "tripl": 3.0, "trebl": 3.0, "quadrupl": 4.0, "halv": 0.5}


def _factor(scale: pl.Expr) -> pl.Expr:
    """Multiplier of one scale word: "dozen" is a scale only here, so handle it first."""
    return (
        pl.when(scale.str.to_lowercase() == "dozen")
        .then(pl.lit(12.0))
        .otherwise(scale_factor(scale))
    )


def _value(p: str) -> pl.Expr:
    """Value of the number parsed by ``_number(p)`` (NULL when absent)."""
    f = pl.col
    base = pl.coalesce(parse_number(f(f"{p}num")), parse_number(f(f"{p}art")))
    return (
        base
        * scale_factor(f(f"{p}sfx").str.strip_chars())
        * _factor(pl.coalesce(f(f"{p}s1"), f(f"{p}as1")))
        * _factor(pl.coalesce(f(f"{p}s2"), f(f"{p}as2")))
    )


def _has_scale(p: str) -> pl.Expr:
    f = pl.col
    return pl.any_horizontal(f(f"{p}{k}").is_not_null() for k in ("sfx", "s1", "art"))


def extract(sentences: pl.LazyFrame, documents: pl.LazyFrame) -> pl.LazyFrame:
    """Quantity candidates (CANDIDATES columns; status/subject/category left NULL)."""
    del documents  # quantities do not depend on the publication date
    spans = find_spans(
        sentences.filter(pl.col("text").str.contains(PREFILTER)), PATTERN, ascii_twin=True
    )
    # The groups become plain columns: polars 1.44 panics on some struct fields used inside
    # when/then chains.
    f = pl.col
    lower_noun = f("noun").str.to_lowercase()
    parsed = (
        spans.with_columns(g=extract_groups(pl.col("match"), ANCHORED))
        .unnest("g")
        .with_columns(
            low=_value("l"),
            high=_value("h"),
            low_scaled=_has_scale("l"),
            high_scaled=_has_scale("h"),
            high_word=f("hnum").str.contains(r"^[A-Za-z]") & ~_has_scale("h"),
            high_year=f("hnum").str.contains(_YEAR) & ~_has_scale("h"),
            between_len=f("between").str.len_chars().fill_null(0).cast(pl.Int32),
            rng_len=f("rng").str.len_chars().fill_null(0).cast(pl.Int32),
            sep=f("sep").str.strip_chars(" -").str.to_lowercase(),
        )
    )
    # A bare low takes the high's scale ("250 to 300 million") unless it is already larger
    # than the high's digits ("500,000 to 1 million").
    high_digits = parse_number(f("hnum"))
    low = (
        pl.when(~pl.col("low_scaled") & pl.col("high_scaled") & (pl.col("low") <= high_digits))
        .then(pl.col("low") * (pl.col("high") / high_digits))
        .otherwise(pl.col("low"))
    )
    is_range = (
        f("rng").is_not_null()
        & (low < pl.col("high"))
        & ~f("lnum").str.contains(_YEAR).fill_null(False)
        & ((pl.col("sep") != "and") | f("between").is_not_null())
    )
    # "from 20 to 30 stores" is a change, not a range.
    from_before = context_before(pl.col("char_start"), 6).str.contains(r"(?i:\bfrom\s+)$")
    ranged = (
        parsed.with_columns(low_adj=low)
        .with_columns(
            is_range=is_range & ~from_before,
            # Not a range: a hyphenated pair ("2014-15 sales") is one token, drop it; a worded
            # pair ("45 and 50 stores", "from 20 to 30 stores") keeps its last number.
            broken_pair=f("rng").is_not_null() & ~(is_range & ~from_before) & (pl.col("sep") == ""),
        )
        .with_columns(
            start=pl.col("char_start")
            + pl.when(pl.col("is_range")).then(pl.col("between_len")).otherwise(pl.col("rng_len")),
        )
        # Columns, not expressions: the filter below reads them several times each.
        .with_columns(before=context_before(pl.col("start"), 40))
        .with_columns(last_word=pl.col("before").str.extract(_LAST_WORD, 1))
    )

    before = pl.col("before")
    last_word = pl.col("last_word")
    # Title case ("Sell 80 Million Smartphones"): capitals say nothing about names there.
    title_case = f("noun").str.contains("^[A-Z]").fill_null(False)
    label_before = last_word.str.to_lowercase().is_in(LABEL_WORDS)
    capitalised_before = (
        last_word.str.contains("[A-Z]")
        & ~last_word.str.to_lowercase().is_in(list(CAPITALISED_OK))
        & ~last_word.str.ends_with("'s")
        & ~title_case
    )
    mods = f("mods").str.strip_chars().str.to_lowercase().str.split(" ")
    generic_ok = f("noun").is_null() | (
        ~lower_noun.str.contains(_NOT_PLURAL_ENDING)
        & ~lower_noun.is_in(list(NOT_UNITS))
        # Capitalised nouns only in title case ("Sell 80 Million Smartphones").
        & (
            f("noun").str.contains("^[a-z]")
            | pl.coalesce(f("hs1"), f("has1")).str.contains("^[A-Z]").fill_null(False)
        )
    )
    counted_ok = f("counted").is_null() | (
        ~mods.list.eval(pl.element().is_in(list(NOT_UNITS))).list.any().fill_null(False)
        # The singular ("500-employee") only as a hyphenated adjective.
        & (
            f("counted").is_in(_COUNTED_PLURALS)
            | pl.col("match").str.ends_with(pl.lit("-") + f("counted"))
        )
    )
    is_relative = f("rel").is_not_null() | f("fold").is_not_null()
    keep = (
        pl.when(is_relative)
        .then(~context_after(pl.col("char_end"), 10).str.contains(_UNDO_AFTER))
        .otherwise(
            pl.col("high").is_not_null()
            & ~pl.col("broken_pair")
            & ~before.str.contains(_GLUED_BEFORE)
            & ~before.str.contains(_CURRENCY_BEFORE)
            & ~label_before.fill_null(False)
            & ~capitalised_before.fill_null(False)
            & ~(pl.col("high_word") & before.str.contains(_DETERMINER_BEFORE))
            # "one" + plural is a pronoun ("only one expects"), never a count of one.
            & ~(
                f("measure").is_null()
                & pl.col("high_word")
                & (f("hnum").str.to_lowercase() == "one")
            )
            & (f("measure").is_not_null() | ~pl.col("high_year"))
            & generic_ok
            & counted_ok
        )
    )
    rel_stem = f("rel").str.to_lowercase().str.replace(r"(?:ed|ing)$", "")
    fold_number = f("fold").str.replace(r"(?i)-?fold$", "")
    value = (
        pl.when(f("rel").is_not_null())
        .then(rel_stem.replace_strict(_RELATIVE_VALUES, default=None, return_dtype=pl.Float64))
        .when(f("fold").is_not_null())
        .then(parse_number(fold_number))
        .when(pl.col("is_range"))
        .then(pl.col("low_adj"))
        .otherwise(pl.col("high"))
    )
    unit = (
        pl.when(is_relative)
        .then(pl.lit("times"))
        .when(f("measure").is_not_null())
        .then(f("measure").replace_strict(MEASURE_UNITS, default=None, return_dtype=pl.String))
        .when(f("counted").is_not_null())
        .then(f("counted").replace_strict(COUNTED_NOUNS, default=None, return_dtype=pl.String))
        .otherwise(lower_noun.replace(_LOWER_MEASURES))
    )
    rule = (
        pl.when(is_relative)
        .then(pl.lit(RULE_RELATIVE))
        .when(f("measure").is_not_null())
        .then(pl.lit(RULE_MEASURE))
        .when(f("counted").is_not_null())
        .then(pl.lit(RULE_COUNTED))
        .otherwise(pl.lit(RULE_NOUN))
    )
    direction = (
        pl.when(f("rel").str.to_lowercase().str.starts_with("halv"))
        .then(pl.lit("down"))
        .when(f("rel").is_not_null())
        .then(pl.lit("up"))
        .otherwise(pl.lit(None, dtype=pl.String))
    )
    return (
        # The predicate as a column first: used as a filter, polars evaluated the context
        # regexes it repeats (``before``, ``last_word``) once per use.
        ranged.with_columns(_keep=keep)
        .filter(pl.col("_keep"))
        .select(
            "doc_id",
            "sentence_no",
            pl.col("start").cast(pl.Int32).alias("char_start"),
            "char_end",
            pl.col("match").str.slice(pl.col("start") - pl.col("char_start")).alias("surface"),
            pl.lit("quantity").alias("fact_type"),
            value.alias("value"),
            pl.when(pl.col("is_range") & ~is_relative).then(pl.col("high")).alias("value_high"),
            unit.alias("unit"),
            direction.alias("direction"),
            rule.alias("rule"),
        )
        .filter(pl.col("value").is_not_null())
    )
