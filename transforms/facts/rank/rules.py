"""Ranks in news text: "10th-largest phone vendor", "second-biggest carrier", "the world's
largest bank", "top five", "No. 1 smartphone maker", "ranked third", "in second place".

Rules (the ``rule`` column):
- rank.ordinal_superlative: ordinal + superlative ("third-largest economy") -> the ordinal.
- rank.superlative: "the/its/<name>'s largest X" alone -> 1, only for entity rankings: not
  "one of the largest", not a change or record ("the biggest drop since 2008", "largest ever").
- rank.number: "No. 1", "No 2", "number one", "#1" before a noun phrase -> the number.
- rank.top_n: "the top five", "a top-10 bank" -> value N (an upper bound: rank <= N).
- rank.ranked: "ranked third", "ranks 5th", "finished second", "in second place" -> ordinal.
Bare ordinals ("fourth quarter", "first time", "21st century") are never ranks.
``category`` is the noun phrase after the rank (1-3 words, cut at prepositions, verbs,
punctuation and at a name following common nouns: "largest phone maker Nokia" -> "phone maker").
"""

from __future__ import annotations

import polars as pl

from transforms.facts.numbers import DIGITS, WORD_NUMBER, parse_number
from transforms.facts.rank.ordinals import SIMPLE_ORDINAL, parse_simple_ordinal
from transforms.facts.spans import contains, context_after, context_before, find_spans
from transforms.patterns import alternation

SUPERLATIVES = (
    "largest", "biggest", "highest", "lowest", "smallest", "best", "worst", "richest",
    "wealthiest", "busiest", "strongest", "fastest", "cheapest", "greatest", "oldest",
    "best-selling", "top-selling", "most-watched", "most-visited", "most-traded", "leading",
    "fastest-growing", "most-populous", "most-valuable", "most-active", "heaviest", "poorest",
)  # fmt: skip
# Standing alone (no ordinal) only these make a rank 1: size rankings of entities.
_RANK_ONE = (
    "largest", "biggest", "richest", "wealthiest", "busiest", "best-selling", "top-selling",
    "most valuable", "most-valuable", "most populous", "most-populous",
)  # fmt: skip
_SUPER = rf"(?:most[- ][a-z]+|{alternation(list(SUPERLATIVES))})"

_ORDINAL_SUPERLATIVE = rf"{SIMPLE_ORDINAL}[- ](?i:{_SUPER})\b"
_SUPERLATIVE_ALONE = rf"\b(?i:{alternation(list(_RANK_ONE))})\b"
_NUMBER_WORDS = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
)  # fmt: skip
_NO = rf"(?:\bNo\.? ?\d{{1,2}}\b|\b[Nn]umber (?:{'|'.join(_NUMBER_WORDS)})\b|#\d{{1,2}}\b)"
_TOP = rf"\b[Tt]op[- ](?:{DIGITS}|{WORD_NUMBER})\b"
_RANKED = (
    rf"\b(?i:ranked|ranks|ranking|rated|finished|came|placed)\s+(?:(?i:in|as)\s+)?"
    rf"(?:(?i:the)\s+)?(?:{SIMPLE_ORDINAL}|No\.? ?\d{{1,2}}\b)"
)
_PLACE = rf"{SIMPLE_ORDINAL}[- ](?i:place|spot|position)\b"
PATTERN = rf"(?:{_RANKED}|{_ORDINAL_SUPERLATIVE}|{_PLACE}|{_NO}|{_TOP}|{_SUPERLATIVE_ALONE})"

# Cheap prefilter: every rule needs one of these substrings.
PREFILTER = (
    r"(?i)largest|biggest|est\b|most|leading|best|top|rank|rated|finished|came|placed|"
    r"place|spot|position|number"
) + r"|No\.? ?\d|#\d"

# Category words: a noun phrase ends at one of these (or at punctuation).
_STOP = tuple(sorted({
    "in", "of", "by", "for", "with", "on", "at", "from", "to", "after", "since", "among",
    "behind", "than", "as", "into", "over", "under", "and", "or", "but", "while", "which",
    "that", "who", "whose", "is", "was", "are", "were", "be", "been", "has", "had", "have",
    "will", "would", "could", "can", "may", "might", "should", "said", "says", "say", "the",
    "a", "an", "ever", "yet", "so", "far", "this", "last", "next", "its", "their", "his", "her",
    "it", "they", "he", "she", "we", "according", "globally", "worldwide", "overall", "again",
    "before", "when", "where", "if", "such", "also", "now", "then", "there", "here", "until",
    "both", "all", "about", "around", "just", "not", "only", "even", "still", "per", "each",
    "based", "measured", "ranked", "outside", "within", "across", "through", "via",
    "because", "despite", "following", "including", "excluding", "during", "one",
    "ones", "first", "second", "third", "year", "years", "time", "times", "came",
    "comes", "lost", "rose", "fell", "won", "made", "took", "got", "saw", "sold", "bought",
    "plans", "wants", "expects", "sees", "posts", "does", "did", "gets", "makes", "hit", "led",
    "coming", "going", "saying", "trying", "making", "taking", "getting", "being",
}))  # fmt: skip
# A word of a noun phrase; abbreviations keep their periods ("U.S. bank").
_WORD = r"[A-Za-z](?:\.[A-Za-z])+\.?|[A-Za-z][A-Za-z&'-]*[A-Za-z]|[A-Za-z]"
_NP = rf"^ ({_WORD})(?: ({_WORD}))?(?: ({_WORD}))?"
# Heads that make "the biggest X" a change or a record, not an entity's rank.
_NOT_ENTITY = tuple(sorted({
    "drop", "drops", "fall", "falls", "gain", "gains", "rise", "rises", "increase", "increases",
    "decline", "declines", "loss", "losses", "jump", "surge", "slump", "move", "moves",
    "amount", "number", "share", "part", "portion", "percentage", "problem", "problems",
    "challenge", "challenges", "risk", "risks", "concern", "concerns", "worry", "threat",
    "obstacle", "hurdle", "question", "issue", "issues", "factor", "reason", "impact",
    "change", "changes", "level", "levels", "one-day", "single-day", "daily", "weekly",
    "monthly", "quarterly", "annual", "yearly", "ever", "since", "margin", "cut", "cuts",
    "contributor", "beneficiary", "winner", "winners", "loser", "losers",
    "boost", "blow", "hit", "deal", "deals", "such", "so-far", "drag", "discovery", "launch",
}))  # fmt: skip


def _category(after: pl.Expr) -> pl.Expr:
    """The 1-3 word noun phrase at the start of ``after`` (NULL when none)."""
    words = after.str.extract_groups(_NP)
    w = [words.struct.field(str(i)) for i in (1, 2, 3)]
    stop = [x.str.to_lowercase().is_in(_STOP) | x.str.contains(r"^[a-z]+ly$") for x in w]
    # After the first word, "-ed" words are verbs ("the largest maker announced").
    stop[1] = stop[1] | w[1].str.contains(r"^[a-z]+ed$")
    stop[2] = stop[2] | w[2].str.contains(r"^[a-z]+ed$")
    cap = [x.str.contains(r"^[A-Z]") for x in w]
    # A word is kept while no earlier word stopped the phrase; a capitalised word after a
    # lowercase one starts a name ("phone maker Nokia") and ends the phrase.
    keep1 = w[0].is_not_null() & ~stop[0]
    keep2 = keep1 & w[1].is_not_null() & ~stop[1] & ~(cap[1] & ~cap[0])
    keep3 = keep2 & w[2].is_not_null() & ~stop[2] & ~(cap[2] & ~cap[1])
    return (
        pl.when(keep3)
        .then(pl.concat_str(w[0], w[1], w[2], separator=" "))
        .when(keep2)
        .then(pl.concat_str(w[0], w[1], separator=" "))
        .when(keep1)
        .then(w[0])
    )


def extract(sentences: pl.LazyFrame, documents: pl.LazyFrame) -> pl.LazyFrame:
    """Rank candidates (CANDIDATES columns; status/subject left NULL)."""
    del documents  # ranks need no document context
    spans = find_spans(sentences.filter(pl.col("text").str.contains(PREFILTER)), PATTERN)
    m = pl.col("match")
    lower = m.str.to_lowercase()
    ordinal = m.str.extract(rf"({SIMPLE_ORDINAL})")
    number = m.str.extract(r"(\d+)\s*$").cast(pl.Float64, strict=False)
    rule = (
        pl.when(lower.str.contains(r"^(?:ranked|ranks|ranking|rated|finished|came|placed)\b"))
        .then(pl.lit("rank.ranked"))
        .when(lower.str.contains(r"(?:place|spot|position)$"))
        .then(pl.lit("rank.ranked"))
        .when(lower.str.contains(r"^top\b"))
        .then(pl.lit("rank.top_n"))
        .when(lower.str.contains(r"^(?:no\.?|number|#)"))
        .then(pl.lit("rank.number"))
        .when(ordinal.is_not_null())
        .then(pl.lit("rank.ordinal_superlative"))
        .otherwise(pl.lit("rank.superlative"))
    )
    value = (
        pl.when(pl.col("rule") == "rank.superlative")
        .then(pl.lit(1.0))
        .when(pl.col("rule") == "rank.top_n")
        .then(parse_number(m.str.replace(r"^[Tt]op[- ]", "")))
        .when(pl.col("rule") == "rank.number")
        .then(
            pl.coalesce(
                number,
                lower.str.extract(r"number (\w+)$").replace_strict(
                    {w: float(i + 1) for i, w in enumerate(_NUMBER_WORDS)},
                    default=None,
                    return_dtype=pl.Float64,
                ),
            )
        )
        .otherwise(pl.coalesce(parse_simple_ordinal(ordinal), number))
    )
    # The noun phrase after the rank is a column before two expressions read it (inside
    # when/then, polars evaluated it once per use).
    noun_phrase = pl.col("noun_phrase")
    rows = (
        spans.with_columns(
            rule=rule,
            before=context_before(pl.col("char_start"), 30),
            after=context_after(pl.col("char_end"), 60),
        )
        .with_columns(noun_phrase=_category(pl.col("after")))
        .with_columns(
            value=value,
            category=pl.when(pl.col("rule") != "rank.ranked").then(noun_phrase),
            head=noun_phrase.str.extract(r"(\S+)$").str.to_lowercase(),
        )
    )
    keep = (
        pl.col("value").is_not_null()
        # "0th-largest", "No. 0", "top 0": garbled text, not a rank (a rank counts from 1).
        & (pl.col("value") >= 1)
        # "second-hand", "first-rate": never matched; "top" as a verb ("to top 5 million").
        & ~(
            (pl.col("rule") == "rank.top_n")
            & (
                pl.col("before").str.contains(r"(?i)\b(?:to|will|would|could|may|might)\s+$")
                | pl.col("after").str.contains(
                    r"(?i)^[\s-]*(?:%|percent|per cent|pct|million|"
                    r"billion|mln|bln|trillion|thousand)"
                )
            )
        )
        # "No. 10 Downing Street" is an address.
        & ~((pl.col("rule") == "rank.number") & pl.col("after").str.contains(r"^ Downing\b"))
        & (
            (pl.col("rule") != "rank.superlative")
            | (
                # a ranking: "the largest", "its largest", "Japan's largest" ...
                pl.col("before").str.contains(r"(?i)(?:\bthe|\bits|\btheir|\bhis|\bher|'s|s')\s+$")
                # ... of one entity, not "one of the largest" / "among the biggest"
                & ~pl.col("before").str.contains(
                    r"(?i)\b(?:one|some|two|three|several|many|"
                    r"among|of)\s+(?:the\s+)?(?:\w+'s?\s+)?$"
                )
                & pl.col("category").is_not_null()
                & ~pl.col("head").is_in(_NOT_ENTITY)
                & ~pl.col("category").str.to_lowercase().str.contains(r"^(?:ever|single|one-day)\b")
                # (An ASCII twin: the Unicode \w{0,40} costs ~8 ms to compile every call.)
                & ~contains(
                    pl.col("after"), r"(?i)^[\w\s'-]{0,40}?\b(?:since|ever|on record|history)\b"
                )
            )
        )
    )
    return rows.filter(keep).select(
        "doc_id",
        "sentence_no",
        "char_start",
        "char_end",
        pl.col("match").alias("surface"),
        pl.lit("rank").alias("fact_type"),
        "value",
        pl.lit("rank").alias("unit"),
        "category",
        "rule",
    )
