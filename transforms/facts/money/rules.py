"""Money amounts: "$2.27 billion", "270.5 billion yen", "US$4.5m", "5 mln dlrs", "Rs 500 crore".

One regular expression finds every money phrase in a sentence (a currency before the amount
or a currency after it, each with an optional range tail), and the same pattern, anchored,
splits each match into its parts; all in vectorised polars.

Decisions (see also the corpus):
- value is the full magnitude in the currency's main unit: "20 cents" is 0.2 USD,
  "470p" is 4.7 GBP, "Rs 500 crore" is 5e9 INR.
- A leading approximator ("around", "about", "more than", ...) is kept in the surface and
  does not change the value; "between" is kept only when it introduces a range.
- Ranges ("$5-6 billion", "$5 billion to $6 billion", "between $5 and $6 billion") give
  value = low end, value_high = high end; a scale on the high end only applies to both.
  "from $5 to $6" is a change, not a range: two facts.
- A minus sign glued to the amount ("-$5 million") or "minus" makes the value negative and is
  part of the surface; "a loss of $5 million" stays positive (context says what it is).
- A bare "$" is USD; "¥" is JPY; bare "cents" are US cents; bare "pounds" (money only with a
  scale, and not "pounds of") are GBP; bare "francs" are CHF, bare "rupees"/"Rs" INR.
  Currency names that stay ambiguous without a country ("pesos", "dinars") give unit NULL.
"""

from __future__ import annotations

import re

import polars as pl

from transforms.facts.numbers import DIGITS, SCALE_WORD, WORD_1_99, parse_number
from transforms.facts.numbers import scale_factor as _scale_factor
from transforms.facts.spans import context_after, context_before, extract_groups, find_spans
from transforms.patterns import alternation


def currency_key(text: str) -> str:
    """Lookup key of a currency as written: lower case, no spaces or dots ("U.S. $" -> "us$")."""
    return re.sub(r"[\s.]", "", text.lower())


def _key_expr(text: pl.Expr) -> pl.Expr:
    return text.str.to_lowercase().str.replace_all(r"[\s.]", "")


# --- Currency lexicon: written form -> ISO 4217 code (None: money, currency unknown) --------

# Symbols that stand before the amount; those in SUFFIX_SYMBOLS may also follow it.
SYMBOLS: dict[str, str] = {
    "$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR", "₩": "KRW", "₽": "RUB",
    "₺": "TRY", "₪": "ILS", "₱": "PHP", "₫": "VND", "₦": "NGN", "₴": "UAH", "฿": "THB",
    "₡": "CRC", "₾": "GEL", "₭": "LAK", "₸": "KZT", "৳": "BDT", "元": "CNY",
    # Sri Lankan rupee in Tamil and Sinhala script (NFKC already turns "₨" into "Rs").
    "ரூ": "LKR", "රු": "LKR",
}  # fmt: skip
# "$" after a number is too often a stray sign ("10 $"); the others are unambiguous there.
SUFFIX_SYMBOLS = tuple(s for s in SYMBOLS if s != "$")

# Letters glued to "$" (or "¥") name the country: "US$", "C$", "HK$", "NT$", "CN¥".
LETTER_DOLLARS: dict[str, str] = {
    "US": "USD", "U.S.": "USD", "USD": "USD", "C": "CAD", "CA": "CAD", "CAD": "CAD",
    "Can": "CAD", "Cdn": "CAD", "CDN": "CAD", "A": "AUD", "AU": "AUD", "AUD": "AUD",
    "Aus": "AUD", "HK": "HKD", "HKD": "HKD", "NZ": "NZD", "NZD": "NZD", "S": "SGD",
    "SG": "SGD", "SGD": "SGD", "R": "BRL", "MX": "MXN", "Mex": "MXN", "MXN": "MXN",
    "NT": "TWD", "TWD": "TWD", "J": "JMD", "TT": "TTD", "EC": "XCD",
}  # fmt: skip

# ISO codes written before or after the amount ("USD 200", "500 mln EUR", "115USD").
_ISO_CODES = (
    "USD", "EUR", "GBP", "JPY", "CNY", "INR", "CHF", "CAD", "AUD", "HKD", "NZD", "SGD", "BRL",
    "MXN", "TWD", "KRW", "RUB", "TRY", "ILS", "ZAR", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF",
    "IDR", "MYR", "THB", "VND", "SAR", "AED", "NGN", "EGP", "PKR", "ARS", "CLP", "COP", "KES",
    "UAH", "KZT", "QAR", "KWD", "RON", "BGN", "ISK", "BDT", "LKR", "NPR", "GHS", "OMR", "BHD",
    "JOD",
)  # fmt: skip
CODES: dict[str, str] = {c: c for c in _ISO_CODES} | {"RMB": "CNY", "CNH": "CNY"}
# Millions in a code, as in Nordic and German business writing: "120 MEUR", "MUSD 30".
MILLION_CODES: dict[str, str] = {
    "M" + c: c for c in ("USD", "EUR", "GBP", "AUD", "CAD", "CHF", "SEK", "NOK", "DKK")
}
CODES |= MILLION_CODES
# Lower-case codes that are not English words ("10 rmb", "20 usd").
LOWER_CODES = ("usd", "eur", "gbp", "jpy", "cny", "rmb", "inr", "chf", "hkd", "aud", "nzd", "sgd")

# Currency names after the amount; matched case-insensitively.
_NAMES: dict[str, str | None] = {
    "dollar": "USD", "dlr": "USD", "U.S. dollar": "USD", "US dollar": "USD",
    "American dollar": "USD", "U.S. dlr": "USD", "US dlr": "USD",
    "Canadian dollar": "CAD", "Canadian dlr": "CAD", "Cdn dlr": "CAD",
    "Australian dollar": "AUD", "Aussie dollar": "AUD", "New Zealand dollar": "NZD",
    "NZ dollar": "NZD", "Hong Kong dollar": "HKD", "HK dollar": "HKD",
    "Singapore dollar": "SGD", "Singaporean dollar": "SGD", "Taiwan dollar": "TWD",
    "New Taiwan dollar": "TWD", "Taiwanese dollar": "TWD", "NT dollar": "TWD",
    "Jamaican dollar": "JMD",
    "euro": "EUR",
    "pound": "GBP", "pound sterling": "GBP", "British pound": "GBP", "Egyptian pound": "EGP",
    "Lebanese pound": "LBP", "Syrian pound": "SYP", "Sudanese pound": "SDG",
    "Irish pound": "IEP", "yen": "JPY", "Japanese yen": "JPY",
    "yuan": "CNY", "Chinese yuan": "CNY", "renminbi": "CNY",
    "won": "KRW", "Korean won": "KRW", "South Korean won": "KRW",
    "rupee": "INR", "Indian rupee": "INR", "Pakistani rupee": "PKR", "Pakistan rupee": "PKR",
    "Sri Lankan rupee": "LKR", "Sri Lanka rupee": "LKR", "Nepalese rupee": "NPR",
    "Nepali rupee": "NPR",
    "franc": "CHF", "Swiss franc": "CHF", "French franc": "FRF", "Belgian franc": "BEF",
    "CFA franc": "XOF",
    "rouble": "RUB", "ruble": "RUB", "Russian rouble": "RUB", "Russian ruble": "RUB",
    "lira": "TRY", "Turkish lira": "TRY", "Italian lira": "ITL",
    "rand": "ZAR", "South African rand": "ZAR", "Brazilian real": "BRL",
    "peso": None, "Mexican peso": "MXN", "Argentine peso": "ARS", "Argentinian peso": "ARS",
    "Chilean peso": "CLP", "Colombian peso": "COP", "Philippine peso": "PHP",
    "Cuban peso": "CUP", "Uruguayan peso": "UYU", "Dominican peso": "DOP",
    "rupiah": "IDR", "Indonesian rupiah": "IDR", "ringgit": "MYR", "Malaysian ringgit": "MYR",
    "baht": "THB", "Thai baht": "THB", "dong": "VND", "Vietnamese dong": "VND",
    "naira": "NGN", "Nigerian naira": "NGN", "cedi": "GHS", "Ghanaian cedi": "GHS",
    "shekel": "ILS", "new shekel": "ILS", "Israeli shekel": "ILS",
    "zloty": "PLN", "Polish zloty": "PLN", "forint": "HUF", "Hungarian forint": "HUF",
    "koruna": "CZK", "Czech koruna": "CZK", "Czech crown": "CZK",
    "krona": "SEK", "Swedish krona": "SEK", "Swedish crown": "SEK",
    "Norwegian krone": "NOK", "Norwegian crown": "NOK", "Danish krone": "DKK",
    "Danish crown": "DKK", "Icelandic krona": "ISK", "Icelandic crown": "ISK",
    "hryvnia": "UAH", "tenge": "KZT", "lari": "GEL", "taka": "BDT", "kyat": "MMK",
    "dirham": "AED", "UAE dirham": "AED", "Emirati dirham": "AED", "Moroccan dirham": "MAD",
    "riyal": "SAR", "Saudi riyal": "SAR", "Qatari riyal": "QAR", "rial": None,
    "Omani rial": "OMR", "Iranian rial": "IRR", "Yemeni rial": "YER",
    "dinar": None, "Kuwaiti dinar": "KWD", "Iraqi dinar": "IQD", "Jordanian dinar": "JOD",
    "Bahraini dinar": "BHD", "Algerian dinar": "DZD", "Tunisian dinar": "TND",
    "Libyan dinar": "LYD", "Serbian dinar": "RSD",
    "shilling": None, "Kenyan shilling": "KES", "Ugandan shilling": "UGX",
    "Tanzanian shilling": "TZS", "Romanian leu": "RON", "lev": "BGN", "kuna": "HRK",
    "bolivar": "VES",
    "guilder": "NLG", "Dutch guilder": "NLG", "Netherlands guilder": "NLG",
    "peseta": "ESP", "Deutsche mark": "DEM", "German mark": "DEM", "D-mark": "DEM",
    "deutschemark": "DEM", "deutschmark": "DEM", "Finnish markka": "FIM", "markka": "FIM",
    "escudo": "PTE", "drachma": "GRD", "Austrian schilling": "ATS", "schilling": "ATS",
}  # fmt: skip
# Forms that are not "name + s".
_IRREGULAR: dict[str, str | None] = {
    "pounds sterling": "GBP", "sterling": "GBP", "stg": "GBP", "reais": "BRL",
    "Brazilian reais": "BRL", "lire": "ITL", "Italian lire": "ITL", "liras": "TRY",
    "zlotys": "PLN", "zlotych": "PLN", "kronor": "SEK", "Swedish kronor": "SEK",
    "Norwegian kroner": "NOK", "Danish kroner": "DKK", "Icelandic kronur": "ISK",
    "korunas": "CZK", "Romanian lei": "RON", "leva": "BGN", "markkaa": "FIM",
    "Finnish markkaa": "FIM", "drachmae": "GRD", "bolivares": "VES", "yuans": "CNY",
}  # fmt: skip
# No plural "s" for these (a "yens" or "bahts" is not written).
_NO_PLURAL = {"yen", "Japanese yen", "won", "Korean won", "South Korean won", "rand",
              "South African rand", "baht", "Thai baht", "dong", "Vietnamese dong", "naira",
              "Nigerian naira", "renminbi", "rupiah", "Indonesian rupiah", "ringgit",
              "Malaysian ringgit", "tenge", "taka", "kyat", "hryvnia", "lari", "lev", "kuna",
              "lira", "Turkish lira", "Italian lira", "markka", "Finnish markka", "yuan",
              "Chinese yuan"}  # fmt: skip
NAMES: dict[str, str | None] = {
    **_NAMES,
    **{n + "s": c for n, c in _NAMES.items() if n not in _NO_PLURAL},
    **_IRREGULAR,
}

# Sub-units: ISO code of the main unit; the value is divided by 100.
SUBUNITS: dict[str, str] = {
    "cent": "USD", "cents": "USD", "cts": "USD", "US cents": "USD", "U.S. cents": "USD",
    "euro cent": "EUR", "euro cents": "EUR", "eurocent": "EUR", "eurocents": "EUR",
    "pence": "GBP", "penny": "GBP", "pennies": "GBP", "paise": "INR", "kopeks": "RUB",
    "kopecks": "RUB",
}  # fmt: skip

ISO_BY_KEY: dict[str, str | None] = {
    **{currency_key(s): c for s, c in SYMBOLS.items()},
    **{currency_key(p + "$"): c for p, c in LETTER_DOLLARS.items()},
    "cn¥": "CNY", "rs": "INR",
    **{currency_key(c): iso for c, iso in CODES.items()},
    **{currency_key(n): c for n, c in NAMES.items()},
    **{currency_key(n): c for n, c in SUBUNITS.items()},
    "p": "GBP",
}  # fmt: skip
FACTOR_BY_KEY: dict[str, float] = {currency_key(n): 0.01 for n in [*SUBUNITS, "p"]} | {
    currency_key(c): 1e6 for c in MILLION_CODES
}
SUBUNIT_KEYS = tuple(k for k, f in FACTOR_BY_KEY.items() if f < 1)

# --- Patterns ----------------------------------------------------------------------------------


def _words(phrases: list[str] | tuple[str, ...]) -> str:
    """Alternation of literal phrases, any run of spaces between their words."""
    return alternation(phrases).replace("\\ ", " ").replace(" ", r"\s+")


# Indian digit grouping ("12,34,567.89") before the standard one, which would stop at "12".
_INDIAN = r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?"
DNUM = rf"(?:{_INDIAN}|{DIGITS})"
# Scale glued ("$1.13bn", "£600m", "$5k") or a word ("270.5 billion", "$350-million").
SCALE = (
    r"(?:\s?(?i:bn|mn|mln|bln|tn|trn|trln)\b|(?i:k|m|b)\b"
    rf"|\s+{SCALE_WORD}\b|-{SCALE_WORD}\b)"
)
# Share prices in eighths and quarters: "521-1/2p", "$21-1/4", "29 1/2 cents".
FRACTION = r"(?:[- ][1-9]\d?/(?:16|32|64|2|4|8))"
# "Rs 2 lakh crore", "Rs 10,000 crore".
CRORE = r"(?:\s+(?i:crores?)\b)"
JOIN = r"(?:\s?-\s?|\s+(?i:to|and)\s+)"

_DOLLAR_MULTI = [p for p in LETTER_DOLLARS if len(p) > 1]
_DOLLAR_SINGLE = [p for p in LETTER_DOLLARS if len(p) == 1]
PREFIX = (
    r"(?:"
    # Multi-letter prefixes may stand a space apart ("US $5", "hk $ 10"); a single letter
    # must be glued ("C$5"), else "A $5 million deal" would be Australian.
    rf"\b(?:{alternation(_DOLLAR_MULTI)}|(?i:hk|nz|nt|usd|aud|cad|nzd|hkd|sgd|mxn|mex))\s?\$"
    rf"|\b(?:{alternation(_DOLLAR_SINGLE)})\$|\bc \$|\b(?i:u\.s\.?)\s?\$|\bCN¥"
    rf"|\b(?:{alternation(list(CODES))}|{alternation(LOWER_CODES)})|\bRs\b\.?"
    rf"|{alternation(list(SYMBOLS))}"
    r")"
)
_SUFFIX_NAMES = [*NAMES, *SUBUNITS]
SUFFIX = (
    rf"(?:(?i:{_words(_SUFFIX_NAMES)})\b"
    rf"|(?:{alternation(list(CODES))}|{alternation(LOWER_CODES)})\b"
    rf"|{alternation(SUFFIX_SYMBOLS)})"
)

# Approximators kept in the surface ("around $2.27 billion"); "between" opens a range.
APPROXIMATORS = (
    "about", "around", "approximately", "roughly", "nearly", "almost", "some", "more than",
    "less than", "at least", "at most", "up to", "as much as", "as little as", "close to",
    "just over", "just under", "well over", "well under", "upwards of", "in excess of",
    "an estimated", "between",
)  # fmt: skip
APPROX = rf"(?:\b(?i:{_words(APPROXIMATORS)})\s+)"

# Word numbers without "a"/"an"/"half a" (numbers.WORD_1_99): those count only with a
# scale ("a billion euros"), and are matched apart so "a €3 million" is not "a €".
_WORD_1_99 = WORD_1_99
NUM = rf"(?:{_INDIAN}|{DIGITS}|(?i:{_WORD_1_99}|an? dozen|dozen)\b)"
ARTICLE = r"(?i:half an?|an?)"

# Cents after a whole amount in words: "3 dollars 50 cents", "thirteen dollars and forty-five"
# (without "cents" only at the end of the sentence or clause, else "5 dollars 10 days").
CENTS_NUMBER = rf"(?:\d{{1,2}}\b|(?i:{_WORD_1_99})\b)"
CENTS_TAIL = (
    rf"(?P<s_tail>\s+(?:(?i:and)\s+)?(?P<s_cents>{CENTS_NUMBER})"
    r"(?P<s_end>\s+(?i:cents?)\b|\s+and\b|,|[.!?]?$))"
)

MONEY = (
    rf"(?P<approx>{APPROX})?(?P<neg>-|\b(?i:minus)\s+)?(?:"
    rf"(?P<p_cur>{PREFIX})(?P<p_sp>\s?)(?P<p_num>{DNUM})(?P<p_frac>{FRACTION})?(?:(?P<p_scale>{SCALE})(?P<p_crore>{CRORE})?|\b)"
    rf"(?:(?P<p_join>{JOIN})(?P<p_cur2>{PREFIX})?(?P<p_sp2>\s?)(?P<p_num2>{DNUM})(?P<p_frac2>{FRACTION})?"
    rf"(?:(?P<p_scale2>{SCALE})|\b))?"
    rf"|\b(?:(?P<s_num>{NUM})(?P<s_frac>{FRACTION})?(?P<s_scale>{SCALE})?|(?P<s_art>{ARTICLE})(?P<s_ascale>{SCALE}))"
    rf"(?P<s_crore>{CRORE})?"
    rf"(?:(?P<s_join>{JOIN})(?P<s_num2>{NUM})(?P<s_frac2>{FRACTION})?(?P<s_scale2>{SCALE})?)?"
    # Pence "p" only glued to the digits ("470p"; "6 p.m." is a time).
    rf"(?:(?P<s_sep>\s?|-)(?P<s_cur>{SUFFIX})|(?P<s_pence>p)\b){CENTS_TAIL}?"
    r")"
)
MONEY_ANCHORED = f"^(?:{MONEY})"


def _minimal_words(phrases: list[str]) -> list[str]:
    """Last words of the phrases, less any that contains another (a substring test is enough)."""
    last = {p.split()[-1].lower() for p in phrases}
    return sorted(w for w in last if not any(o != w and o in w for o in last))


# Cheap test run first: a sentence without any of these cannot hold money (about a third of
# Reuters business sentences pass; MONEY itself then runs on those only).
PREFILTER = (
    rf"[{''.join(s for s in SYMBOLS if len(s) == 1)}]|ரூ|රු|\dp\b|\bRs\b"
    rf"|{alternation(list(CODES))}|{alternation(LOWER_CODES)}"
    rf"|\b(?i:{alternation(_minimal_words(_SUFFIX_NAMES))})"
)

# "1080p" is a video resolution, not 10.80 GBP.
_RESOLUTIONS = [144.0, 240.0, 360.0, 480.0, 540.0, 576.0, 720.0, 1080.0, 1440.0, 2160.0, 4320.0]
# "in 2015 dollars" is a price level, not an amount.
_PRICE_LEVEL_BEFORE = r"(?i)\b(?:in|constant|real|current|nominal|today's)\s$"
_YEAR = r"^(?:1[89]|20)\d\d$"
# "X to Y" after these is a change, not a range: "rose $1.20 to $21.10", "from $5 to $6".
_CHANGE_BEFORE = (
    r"(?i)\b(?:from|by|rose|rise[sn]?|rising|fell|falls?|falling|gain(?:ed|s)?|lost|los[et]s?"
    r"|drop(?:ped|s)?|add(?:ed|s)?|climb(?:ed|s)?|jump(?:ed|s)?|slip(?:ped|s)?|slid|slides?"
    r"|declin(?:ed|es?)|increased|decreased|eas(?:ed|es?)|shed|tumbled|plunged|soared|surged"
    r"|sank|sinks?|up|down|higher|lower|advanced|retreated|rallied|raised|cut|lowered"
    r"|boosted|trimmed)\s$"
)
# Currencies whose amounts in words take cents: "thirteen dollars and forty-five cents".
CENTS_CURRENCIES = ("USD", "CAD", "AUD", "NZD", "HKD", "SGD", "EUR", "GBP", "CHF")


def _len(column: str) -> pl.Expr:
    return pl.col(column).fill_null("").str.len_chars().cast(pl.Int32)


def _fraction(text: pl.Expr) -> pl.Expr:
    """Value of a FRACTION match ("-1/2" -> 0.5); 0 when NULL."""
    parts = text.str.extract_groups(r"(\d+)/(\d+)")
    numerator = parts.struct.field("1").cast(pl.Float64)
    return (numerator / parts.struct.field("2").cast(pl.Float64)).fill_null(0.0)


def _scale(column: str) -> pl.Expr:
    return _scale_factor(pl.col(column))


def extract(sentences: pl.LazyFrame, documents: pl.LazyFrame) -> pl.LazyFrame:
    """Money candidates of the sentences (CANDIDATES columns; status/subject left NULL)."""
    del documents  # money needs no document context
    candidates = sentences.filter(pl.col("text").str.contains(PREFILTER))
    spans = find_spans(candidates, MONEY, ascii_twin=True)
    # The ASCII twin on ASCII matches, as for the search: its capture automaton is smaller.
    groups = spans.with_columns(parts=extract_groups(pl.col("match"), MONEY_ANCHORED)).unnest(
        "parts"
    )
    parsed = groups.with_columns(
        prefix=pl.col("p_cur").is_not_null(),
        cur=pl.coalesce("p_cur", "s_cur", "s_pence"),
        num=pl.coalesce("p_num", "s_num", "s_art"),
        frac=_fraction(pl.coalesce("p_frac", "s_frac")),
        frac2=_fraction(pl.coalesce("p_frac2", "s_frac2")),
        scale=pl.coalesce("p_scale", "s_scale", "s_ascale"),
        crore=pl.coalesce("p_crore", "s_crore"),
        join=pl.coalesce("p_join", "s_join").str.strip_chars().str.to_lowercase(),
        num2=pl.coalesce("p_num2", "s_num2"),
        scale2=pl.coalesce("p_scale2", "s_scale2"),
        approx_word=pl.col("approx").str.strip_chars().str.to_lowercase(),
        before=context_before(pl.col("char_start"), 16),
    ).with_columns(
        key=_key_expr(pl.col("cur")),
        key2=_key_expr(pl.col("p_cur2")),
    )
    valued = parsed.with_columns(
        iso=pl.col("key").replace_strict(ISO_BY_KEY, default=None, return_dtype=pl.String),
        iso2=pl.col("key2").replace_strict(ISO_BY_KEY, default=None, return_dtype=pl.String),
        factor=pl.col("key").replace_strict(FACTOR_BY_KEY, default=1.0, return_dtype=pl.Float64),
        lo_raw=(parse_number(pl.col("num")) + pl.col("frac")) * _scale("scale") * _scale("crore"),
        hi_raw=(parse_number(pl.col("num2")) + pl.col("frac2")) * _scale("scale2"),
    ).with_columns(
        # "$5-6 billion": the high end's scale applies to the low end of a range too.
        lo_range=pl.when(pl.col("scale").is_null() & pl.col("scale2").is_not_null())
        .then(pl.col("lo_raw") * _scale("scale2"))
        .otherwise(pl.col("lo_raw")),
    )
    has_range = pl.col("num2").is_not_null()
    valid_range = (
        has_range
        & (pl.col("hi_raw") > pl.col("lo_range"))
        & (pl.col("iso2").is_null() | (pl.col("iso2") == pl.col("iso")))
        & (pl.col("join").ne_missing("and") | pl.col("approx_word").eq_missing("between"))
        & ~(pl.col("join").eq_missing("to") & pl.col("before").str.contains(_CHANGE_BEFORE))
    ).fill_null(False)
    tail_ok = (
        pl.col("s_tail").is_not_null()
        & pl.col("scale").is_null()
        & pl.col("num2").is_null()
        & pl.col("iso").is_in(CENTS_CURRENCIES)
        & ~pl.col("key").is_in(SUBUNIT_KEYS)
        & ~pl.col("num").str.contains(r"[.,]")
    )
    neg_glued_to_word = (
        pl.col("neg").eq_missing("-")
        & pl.col("approx").is_null()
        & pl.col("before").str.contains(r"\w$")
    ).fill_null(False)
    lead = _len("approx") + _len("neg")
    # End of the low amount; a range's high amount starts after the joining words.
    lo_end = (
        pl.col("char_start")
        + lead
        + _len("p_cur")
        + _len("p_sp")
        + _len("p_num")
        + _len("p_frac")
        + _len("p_scale")
        + _len("p_crore")
    )
    # The checks read several times below are columns first (inside when/then polars
    # evaluated an expression once per use).
    valued = valued.with_columns(
        range_ok=valid_range, tail_ok=tail_ok, neg_glued_to_word=neg_glued_to_word
    )
    valid_range = pl.col("range_ok")
    tail_ok = pl.col("tail_ok")
    neg_glued_to_word = pl.col("neg_glued_to_word")
    flagged = valued.with_columns(
        split=has_range & ~valid_range,
        # parse_number is kept out of when/then: polars 1.44 can panic masking its struct.
        cents=parse_number(pl.col("s_cents").str.replace("-", " ")).fill_null(0.0)
        / 100
        * tail_ok.cast(pl.Float64),
        # Characters to cut off the end of the match: a clause end after a cents tail, or
        # the whole tail when it does not apply.
        trim=pl.when(pl.col("s_tail").is_null())
        .then(0)
        .when(~tail_ok)
        .then(_len("s_tail"))
        .when(pl.col("s_end").str.contains(r"(?i)cent"))
        .then(0)
        .otherwise(_len("s_end")),
        # Leading characters that are not part of the fact: "between" without a range, a
        # hyphen glued to a preceding word ("pre-$5" is not minus five).
        cut=pl.when(pl.col("approx_word").eq_missing("between") & ~valid_range)
        .then(_len("approx"))
        .when(neg_glued_to_word)
        .then(_len("neg"))
        .otherwise(0),
        sign=pl.when(pl.col("neg").is_not_null() & ~neg_glued_to_word).then(-1.0).otherwise(1.0),
        lo_end=lo_end,
        hi_start=lo_end
        + _len("p_join")
        + _len("s_num")
        + _len("s_frac")
        + _len("s_scale")
        + _len("s_art")
        + _len("s_ascale")
        + _len("s_crore")
        + _len("s_join"),
        word_number=pl.col("num").str.contains(r"^[A-Za-z]"),
        after=context_after(pl.col("char_end"), 4),
    )
    flagged = flagged.filter(_plausible())
    base_rule = (
        pl.when(pl.col("key").is_in(SUBUNIT_KEYS))
        .then(pl.lit("money.amount_subunit"))
        .when(pl.col("prefix") & pl.col("key").is_in([currency_key(c) for c in [*CODES, "Rs"]]))
        .then(pl.lit("money.code_amount"))
        .when(pl.col("prefix"))
        .then(pl.lit("money.symbol_amount"))
        .when(pl.col("cents") > 0)
        .then(pl.lit("money.amount_and_cents"))
        .otherwise(pl.lit("money.amount_currency"))
    )
    flagged = flagged.with_columns(base_rule=base_rule)
    low = pl.when(pl.col("range_ok")).then(pl.col("lo_range")).otherwise(pl.col("lo_raw")) * pl.col(
        "factor"
    ) + pl.col("cents")
    high = pl.col("hi_raw") * pl.col("factor")
    signed_low, signed_high = low * pl.col("sign"), high * pl.col("sign")
    # Each match gives one fact (part 0), or -- when it is not a range ("from $5 to $6",
    # "$5 million and $6 million") -- one per end that has its own currency (parts 1 and 2).
    # Rows are repeated with int_ranges + explode: concat_list of structs or a concat of
    # three filtered copies of the plan were both several times slower.
    part = pl.col("part")
    range_ok = pl.col("range_ok") & (part == 0)
    facts = (
        flagged.with_columns(
            part=pl.int_ranges(
                pl.when(pl.col("split")).then(1).otherwise(0),
                pl.when(pl.col("split")).then(3).otherwise(1),
            )
        )
        .explode("part", empty_as_null=True)
        .filter(
            (part == 0)
            | ((part == 1) & pl.col("prefix"))
            | ((part == 2) & (~pl.col("prefix") | pl.col("p_cur2").is_not_null()))
        )
        .select(
            "doc_id",
            "sentence_no",
            "sentence_start",
            "sentence",
            char_start=pl.when(part == 2)
            .then(pl.col("hi_start"))
            .otherwise(pl.col("char_start") + pl.col("cut")),
            char_end=pl.when(part == 1)
            .then(pl.col("lo_end"))
            .otherwise(pl.col("char_end") - pl.col("trim")),
            value=pl.when(range_ok)
            .then(pl.min_horizontal(signed_low, signed_high))
            .when(part == 2)
            .then(high)
            .otherwise(signed_low),
            value_high=pl.when(range_ok).then(pl.max_horizontal(signed_low, signed_high)),
            unit=pl.when(part == 2).then(pl.coalesce("iso2", "iso")).otherwise(pl.col("iso")),
            rule=pl.when(range_ok)
            .then(pl.col("base_rule") + "_range")
            .otherwise(pl.col("base_rule")),
        )
    )
    return (
        facts.filter(pl.col("value").is_not_null())
        .with_columns(
            surface=pl.col("sentence").str.slice(
                pl.col("char_start") - pl.col("sentence_start"),
                pl.col("char_end") - pl.col("char_start"),
            ),
            fact_type=pl.lit("money"),
            category=pl.lit(None, dtype=pl.String),
        )
        .select(
            "doc_id",
            pl.col("sentence_no").cast(pl.Int32),
            pl.col("char_start").cast(pl.Int32),
            pl.col("char_end").cast(pl.Int32),
            "surface",
            "fact_type",
            pl.col("value").cast(pl.Float64),
            pl.col("value_high").cast(pl.Float64),
            "unit",
            "category",
            "rule",
        )
        .sort("doc_id", "char_start")
    )


def _plausible() -> pl.Expr:
    """Drop matches that are money only by accident of form."""
    any_scale = pl.col("scale").is_not_null() | pl.col("scale2").is_not_null()
    no_scale = ~any_scale
    # "won" is mostly the verb ("in 2008 won the"): only with a scale or thousands ("5,000 won").
    verb_won = (pl.col("key") == "won") & no_scale & ~pl.col("num").str.contains(",")
    # "pounds" are weight as often as money: only "361 million pounds", never "pounds of beef".
    weight_pounds = pl.col("key").is_in(["pound", "pounds"]) & (
        no_scale | (pl.col("after") == " of ")
    )
    # "470p" only glued to plain digits; "1080p" is a video resolution, "12mp" megapixels.
    not_pence = (pl.col("key") == "p") & (
        any_scale
        | pl.col("after").str.contains(r"^\.?[mM]\b")
        | pl.col("word_number")
        | parse_number(pl.col("num")).is_in(_RESOLUTIONS)
    )
    price_level = (
        ~pl.col("prefix")
        & pl.col("num").str.contains(_YEAR)
        & no_scale
        & pl.col("before").str.contains(_PRICE_LEVEL_BEFORE)
    )
    # The tail of a fraction or ratio: "1/2p" alone is not 2 pence.
    after_slash = pl.col("before").str.ends_with("/")
    return ~(after_slash | verb_won | weight_pounds | not_pence | price_level).fill_null(False)
