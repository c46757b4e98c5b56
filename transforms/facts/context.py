"""Status, subject and category of each fact, from the words around it in its sentence.

- **status**: the nearest cue before the fact, within its clause (text after the last ";",
  ":" or "but/while/whereas/although/however"), in precedence order negated > hypothetical >
  rumored > target > forecast; else reported. Cues are only looked for *before* the fact:
  in "in January sources told Reuters ..." the date is not itself rumored.
- **category** (money, percent, quantity): the metric word nearest the fact -- the last one
  within 60 characters before it, else the first within 40 after ("revenue dip by 16.3
  percent" -> revenue; "the $350 price target" -> price). A kind's own category wins.
- **subject**: the organisation the sentence is about: a possessive proper name before the
  fact ("Sony's mobile business ... 16.3 percent" -> Sony), else the proper name the
  sentence opens with when a verb follows ("TimeWarner said ..."), else -- when the sentence
  refers back with "the company", "the firm", "it" or "its" -- the document's most frequent
  such subject.
- **subject_entity_id** (``link_subjects``): the subject name is looked up among the entity
  mentions of the document -- first the same sentence, then the whole document -- by the
  mention's text (without a possessive or a legal suffix) or its canonical name; a match
  replaces the name with the canonical one ("Sony's" -> Sony, org:sony), organisations
  first. A subject no mention supports keeps its text and gets no id.
"""

from __future__ import annotations

import polars as pl

from transforms.facts.spans import by_ascii
from transforms.patterns import CORPORATE_SUFFIXES, MONTHS_FULL, WEEKDAYS_FULL, alternation

CONTEXT_VERSION = "2"

# ASCII word boundaries: several times faster than Unicode ones, and every cue word is ASCII.
_WB = r"(?-u:\b)"
_PAST_WORDS = r"(?i)(?-u:\b)(?:ago|last|yesterday|earlier|previous|past)(?-u:\b)"
_CLAUSE_BREAK = r"(?i)^.*(?:[;:]|(?-u:\b)(?:but|while|whereas|although|however)(?-u:\b))"

STATUS_CUES: tuple[tuple[str, int | None, str], ...] = (
    # (status, characters before the fact to look in (None: the whole clause), cue pattern)
    ("negated", 40, r"\b(?:not|no|never|neither|nor|without|denied|denies|deny|denying)\b|n't\b"),
    (
        "hypothetical",
        60,
        r"\b(?:if|unless|given|assuming|suppose|supposing|hypothetical(?:ly)?|could|might|would)\b",
    ),
    (
        "rumored",
        None,
        r"\b(?:reportedly|rumou?r(?:s|ed)?|sources (?:said|say|told|familiar)|people familiar|"
        r"according to (?:people|sources|a person)|(?:is|are|was|were) said to|mulling|"
        r"speculat\w+|unconfirmed|allegedly)\b",
    ),
    (
        "target",
        None,
        r"\b(?:target(?:s|ed|ing)?|aims? (?:to|for)|aiming|intends? to|intention|"
        r"plans? (?:to|for)|planning to|goals?|hopes? to|wants? to|seeks? to|ambition|"
        r"objective|set out to|up to)\b",
    ),
    (
        "forecast",
        60,
        r"\b(?:expects?|expected|expecting|forecasts?|forecasted|projects?|projected|"
        r"projections?|predicts?|predicted|estimates?|estimated|outlook|guidance|anticipates?|"
        r"anticipated|will|likely|(?:is|are) set to|on track to|poised to)\b",
    ),
)

# Metric words, as literal lower-case forms: matched on lower-cased text and mapped to the
# category with a dictionary (one regex pass instead of one per category).
CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    "market_share": ("market share",),
    "market_value": (
        "market value", "market capitalisation", "market capitalization", "market cap",
    ),
    "revenue": ("revenue", "revenues", "turnover", "top line"),
    "profit": ("profit", "profits", "net income", "earnings", "operating income", "ebitda", "ebit"),
    "loss": ("loss", "losses"),
    "sales": ("sales", "sell", "sells", "selling", "sold", "shipment", "shipments", "shipped"),
    "price": (
        "price", "prices", "priced", "cost", "costs", "costing", "valued at", "valuation",
        "worth",
    ),
    "subscribers": ("subscribers", "users", "customers", "members"),
    "jobs": ("jobs", "employees", "workers", "staff", "headcount", "layoffs", "job cuts"),
    "dividend": ("dividend", "dividends"),
    "debt": ("debt", "borrowing", "borrowings", "loan", "loans", "bond", "bonds"),
    "investment": (
        "investment", "investments", "invest", "invests", "invested", "investing", "funding",
        "capital spending", "capex",
    ),
    "deal_value": (
        "acquire", "acquires", "acquired", "acquisition", "acquisitions", "buyout", "bought",
        "takeover", "merger", "deal",
    ),
    "fine": ("fine", "fines", "fined", "penalty", "penalties", "settlement"),
}  # fmt: skip
_CATEGORY_OF_WORD = {word: name for name, words in CATEGORY_WORDS.items() for word in words}
_ANY_CATEGORY = alternation(tuple(_CATEGORY_OF_WORD))

# A proper name: 1-4 capitalised words ("Sony", "Time Warner", "AT&T", "Sony Mobile").
_PROPER = r"\p{Lu}[\p{L}\p{N}&.-]*(?:\s+\p{Lu}[\p{L}\p{N}&.-]*){0,3}"
_POSSESSIVE = rf"(?:^|[^\p{{L}}])({_PROPER})'s?\b"
_SUBJECT_VERBS = (
    r"said|says|has|have|had|is|was|will|would|could|plans|planned|intends|intended|reported|"
    r"posted|announced|expects|expected|sold|sells|lost|made|makes|bought|buys|raised|cut|"
    r"wants|owns|aims|hopes|reports|sees|saw|forecast|predicted|shipped|earned|hit|closed|"
    r"opened|agreed|offered|paid|spent|invested|hired|employs|recorded|booked|generated"
)
_OPENING = r"(?:(?:However|But|And|Meanwhile|Still|Also|Now|Separately),?\s+)?"
_SENTENCE_SUBJECT = rf"^{_OPENING}({_PROPER})\s+(?:{_SUBJECT_VERBS})\b"
_NOT_SUBJECTS = (
    "The", "This", "That", "These", "Those", "It", "Its", "He", "She", "They", "We", "I",
    "You", "In", "On", "At", "For", "A", "An", "But", "And", "Barely", "Despite", "Still",
    "Since", "After", "Before", "Until", "As", "If", "When", "While", "Citing", "Add",
    "Speaking", "According", "Customers", "Shares", "Analysts", "Officials",
    *MONTHS_FULL, *WEEKDAYS_FULL,
)  # fmt: skip
_NOT_SUBJECT = rf"^(?:{alternation(_NOT_SUBJECTS)})(?:\s|$)"
_BACK_REFERENCE = r"(?i)\b(?:the company|the firm|the group|it|its)\b"


def _tail(text: pl.Expr, width: int) -> pl.Expr:
    """The last ``width`` characters (a negative literal offset: far cheaper than one
    computed from the length)."""
    return text.str.slice(-width)


def _last_match(text: pl.Expr, pattern: str) -> pl.Expr:
    """The last match of ``pattern`` in ``text``, or NULL. (A forward scan for all matches
    is several times faster than a greedy "^.*(pattern)" that backtracks.)"""
    return text.str.extract_all(pattern).list.last()


def _category_of(word: pl.Expr) -> pl.Expr:
    """The category of a lower-case metric word (NULL stays NULL)."""
    return word.replace_strict(_CATEGORY_OF_WORD, default=None, return_dtype=pl.String)


def _clean_subject(name: pl.Expr) -> pl.Expr:
    stripped = name.str.replace(r"'s?$", "").str.strip_chars(" .,")
    return pl.when(stripped.str.contains(_NOT_SUBJECT)).then(None).otherwise(stripped)


def add_context(candidates: pl.LazyFrame, sentences: pl.LazyFrame) -> pl.LazyFrame:
    """Add status, subject, subject_entity_id and fill category (see the module docstring)."""
    c = pl.col
    # What depends on the sentence alone is computed once per sentence, for the documents
    # with a fact (read twice: by each fact, and for the documents' main subjects below).
    document_sentences = (
        sentences.join(candidates.select("doc_id").unique(), on="doc_id", how="semi")
        .select(
            "doc_id",
            "sentence_no",
            c("char_start").alias("sentence_start"),
            c("text").alias("sentence"),
            by_ascii(c("text"), "extract", _SENTENCE_SUBJECT).alias("opening_name"),
        )
        .collect()
        .lazy()
    )
    sentence_text = document_sentences.select(
        "doc_id",
        "sentence_no",
        "sentence_start",
        "sentence",
        _clean_subject(c("opening_name")).alias("opening"),
        c("sentence").str.contains(r"^(?:It|Its|The company|The firm)\b").alias("opens_back"),
    )
    local_start = c("char_start") - c("sentence_start")
    local_end = c("char_end") - c("sentence_start")
    with_text = candidates.join(
        sentence_text, on=["doc_id", "sentence_no"], how="left"
    ).with_columns(
        before=c("sentence").str.slice(0, local_start),
        after=c("sentence").str.slice(local_end, 40),  # only its first 40 are read
    )
    clause = c("before").str.to_lowercase().str.replace(_CLAUSE_BREAK, "")
    status: pl.Expr = pl.lit("reported")
    for name, width, pattern in reversed(STATUS_CUES):  # the first cue in precedence wins
        window = clause if width is None else _tail(clause, width)
        cue = pattern.replace(r"\b", _WB)  # the clause is lower-cased
        status = pl.when(window.str.contains(cue)).then(pl.lit(name)).otherwise(status)

    # Only numeric facts without a category of their own need one: other rows get NULL text,
    # which the regexes skip. Lower-cased text lets the patterns be case-sensitive (faster).
    numeric = c("fact_type").is_in(["money", "percent", "quantity"])
    needs_category = numeric & c("category").is_null()
    words = rf"{_WB}(?:{_ANY_CATEGORY}){_WB}"
    near_before = pl.when(needs_category).then(_tail(c("before"), 60).str.to_lowercase())
    near_after = pl.when(needs_category).then(c("after").str.to_lowercase())
    category = pl.coalesce(
        c("category"),
        _category_of(_last_match(near_before, words)),
        _category_of(near_after.str.extract(f"({words})", 1)),
    )

    # The nearest possessive within 150 characters: farther back it is rarely the owner.
    # A possessive needs an apostrophe: other rows get NULL text, which the regexes skip.
    near_owner = _tail(c("before"), 150)
    near_owner = pl.when(near_owner.str.contains("'", literal=True)).then(near_owner)
    # ASCII twins: the same names on ASCII text, and Unicode \p{L} / \b cost more.
    possessive_name = by_ascii(
        by_ascii(near_owner, "extract_all", _POSSESSIVE).list.last(), "extract", _POSSESSIVE
    )
    # A column before _clean_subject reads it twice (inside when/then, where polars
    # evaluated the regexes once per use).
    with_text = with_text.with_columns(possessive_name=possessive_name)
    explicit = pl.coalesce(_clean_subject(c("possessive_name")), c("opening"))
    # The cue status is a column before it is read twice below: polars does not share a
    # subexpression inside when/then, so reading the expression twice ran its regexes twice.
    with_subject = with_text.with_columns(
        status=status,
        category=category,
        explicit_subject=explicit,
        refers_back=c("before").str.contains(_BACK_REFERENCE) | c("opens_back"),
    ).with_columns(
        # A date in the past is not itself planned or forecast ("don't expect Sony to give up
        # ... like it did last year").
        status=pl.when(
            (c("fact_type") == "date")
            & ((c("unit") == "PAST_REF") | c("surface").str.contains(_PAST_WORDS))
            & c("status").is_in(["target", "forecast"])
        )
        .then(pl.lit("reported"))
        .otherwise(c("status")),
    )
    # The document's main subject: the name its sentences most often open with or use in the
    # possessive (ties: alphabetical). Only documents with a fact that needs it are read.
    with_subject = with_subject.collect().lazy()  # read twice below: compute once
    needing = (
        with_subject.filter(c("explicit_subject").is_null() & c("refers_back"))
        .select("doc_id")
        .unique()
    )
    # A possessive needs an apostrophe: other sentences get NULL text, which the regex skips.
    with_apostrophe = pl.when(c("sentence").str.contains("'", literal=True)).then(c("sentence"))
    needing_sentences = document_sentences.join(needing, on="doc_id", how="semi")
    # Opening names and possessives as two frames: a concat_list of both cost twice the regexes.
    names = pl.concat(
        [
            needing_sentences.select("doc_id", c("opening_name").alias("name")),
            needing_sentences.select(
                "doc_id",
                by_ascii(with_apostrophe, "extract_all", _POSSESSIVE)
                .list.eval(by_ascii(pl.element(), "extract", _POSSESSIVE))
                .alias("name"),
            ).explode("name", empty_as_null=False),
        ]
    )
    main_subject = (
        names.with_columns(name=_clean_subject(c("name")))
        .filter(c("name").is_not_null())
        .group_by("doc_id", "name")
        .agg(pl.len().alias("n"))
        .sort(["doc_id", "n", "name"], descending=[False, True, False])
        .group_by("doc_id", maintain_order=True)
        .agg(c("name").first().alias("main_subject"))
    )
    return (
        with_subject.join(main_subject, on="doc_id", how="left")
        .with_columns(
            subject=pl.coalesce(
                c("explicit_subject"), pl.when(c("refers_back")).then(c("main_subject"))
            ),
            subject_entity_id=pl.lit(None, dtype=pl.String),
        )
        .drop(
            "sentence_start",
            "sentence",
            "before",
            "after",
            "opening",
            "opens_back",
            "explicit_subject",
            "refers_back",
            "main_subject",
            "possessive_name",
        )
    )


# "Sony Corp.'s" -> "Sony": the forms a mention's text takes around the same name.
_MENTION_KEY_TRIM = rf"(?:['’]s?|\s*,?\s+(?:{alternation(CORPORATE_SUFFIXES)})\.?)+$"
# Organisations first: the subject of a business fact is an organisation where one fits.
_TYPE_PREFERENCE = {"ORG": 0, "PERSON": 1, "PRODUCT": 2, "LOCATION": 3}


def _mention_key(text: pl.Expr) -> pl.Expr:
    return text.str.replace(_MENTION_KEY_TRIM, "").str.strip_chars(" .,").str.to_lowercase()


def link_subjects(
    facts: pl.LazyFrame, mentions: pl.DataFrame, entities: pl.DataFrame
) -> pl.LazyFrame:
    """Replace each fact's subject name by the canonical entity a mention of it names, and set
    subject_entity_id (see the module docstring); other columns and row order are kept."""
    c = pl.col
    names = entities.select("entity_id", c("name").alias("entity_name")).unique("entity_id")
    # Read twice below (the keys wanted, the joins): computed once.
    with_key = (
        facts.with_row_index("_fact_no")
        .with_columns(_key=_mention_key(c("subject")))
        .collect()
        .lazy()
    )
    # Only the (document, key) pairs some fact's subject asks for are ranked below: a few
    # percent of all mention keys. Keys are computed once per distinct text, not per mention.
    wanted = with_key.select("doc_id", c("_key").alias("key")).drop_nulls().unique()
    surface_keys = (
        mentions.lazy().select("surface").unique().with_columns(key=_mention_key(c("surface")))
    )
    name_keys = names.lazy().with_columns(name_key=_mention_key(c("entity_name")))
    # Only mentions whose text or entity name gives a wanted key (in any document) are
    # read further: a small share of all mentions, so the joins below stay small.
    wanted_keys = wanted.select("key").unique()
    mention_rows = mentions.lazy().select(
        "doc_id", "sentence_no", "entity_id", "entity_type", "surface"
    )
    by_text = mention_rows.join(
        surface_keys.join(wanted_keys, on="key", how="semi"), on="surface", how="inner"
    ).join(name_keys.select("entity_id", "entity_name"), on="entity_id", how="left")
    by_name = mention_rows.join(
        name_keys.join(wanted_keys, left_on="name_key", right_on="key", how="semi"),
        on="entity_id",
        how="inner",
    )
    # A mention answers to its own text and to its entity's canonical name.
    columns = ["doc_id", "sentence_no", "key", "entity_id", "entity_type", "entity_name"]
    keys = (
        pl.concat([by_text.select(columns), by_name.rename({"name_key": "key"}).select(columns)])
        .join(wanted, on=["doc_id", "key"], how="semi")
        .with_columns(
            preference=c("entity_type").replace_strict(
                _TYPE_PREFERENCE, default=len(_TYPE_PREFERENCE), return_dtype=pl.Int32
            )
        )
    )
    # In a sentence: the first preferred match. In the document: the most-mentioned one.
    in_sentence = (
        keys.unique(["doc_id", "sentence_no", "key", "entity_id"])
        .sort("doc_id", "sentence_no", "key", "preference", "entity_id")
        .group_by("doc_id", "sentence_no", "key", maintain_order=True)
        .agg(c("entity_id").first().alias("id_in_sentence"))
    )
    in_document = (
        keys.group_by("doc_id", "key", "entity_id", "preference")
        .agg(pl.len().alias("n"))
        .sort(
            ["doc_id", "key", "preference", "n", "entity_id"],
            descending=[False, False, False, True, False],
        )
        .group_by("doc_id", "key", maintain_order=True)
        .agg(c("entity_id").first().alias("id_in_document"))
    )
    return (
        with_key.join(
            in_sentence.rename({"key": "_key"}), on=["doc_id", "sentence_no", "_key"], how="left"
        )
        .join(in_document.rename({"key": "_key"}), on=["doc_id", "_key"], how="left")
        .with_columns(subject_entity_id=pl.coalesce("id_in_sentence", "id_in_document"))
        .join(
            names.lazy().rename({"entity_id": "subject_entity_id"}),
            on="subject_entity_id",
            how="left",
        )
        .with_columns(subject=pl.coalesce("entity_name", "subject"))
        .sort("_fact_no")
        .drop("_fact_no", "_key", "id_in_sentence", "id_in_document", "entity_name")
    )
