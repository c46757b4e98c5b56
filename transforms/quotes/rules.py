"""Direct quotations and their speakers, in pure polars.

1. Quotes are found per paragraph (a line of body_text): marks pair up left to right, so an
   unbalanced mark never swallows more than its paragraph. A paragraph that opens with a mark
   and never closes it is the first part of a multi-paragraph quote (news convention) and runs
   to the end of the paragraph.
2. Each quote gets the text just after its closing mark, just before its opening mark (same
   paragraph) and the part of its sentence before it; anchored patterns over these contexts
   name the speaker span, the cue verb and an appositive title (first rule that fires wins).
3. Pronouns take the most recent person (he, she, I) or organisation (they, we, it) named
   before them; role nouns ("the CEO") take the holder of that title from ``roles``; a quote
   with no attribution continues the turn of the quote before it (same or next paragraph).
4. Short quotes with no reporting verb in their sentence, or after "so-called", are scare
   quotes (or titles of works) and never get a speaker.
"""

from __future__ import annotations

import functools

import polars as pl

from transforms.entities.linking import resolve_spans
from transforms.facts.spans import extract_groups, find_spans
from transforms.patterns import NAME_TITLES, alternation

QUOTES_SCHEMA = pl.Schema(
    {
        "doc_id": pl.String(),
        "char_start": pl.Int32(),
        "char_end": pl.Int32(),
        "quote_text": pl.String(),
        "speaker": pl.String(),
        "speaker_entity_id": pl.String(),
        "cue": pl.String(),
        "speaker_title": pl.String(),
        "sentence_no": pl.Int32(),
        "speaker_start": pl.Int32(),
        "speaker_end": pl.Int32(),
        "quote_kind": pl.String(),
        "rule": pl.String(),
    }
)

# Reporting verbs ("cues"), as written. Multi-word cues are matched as phrases.
CUE_VERBS = (
    "said", "says", "say", "saying", "told", "tells", "tell", "telling",
    "added", "adds", "adding", "explained", "explains", "explaining", "noted", "notes",
    "stated", "states", "wrote", "writes", "asked", "asks", "argued", "argues", "arguing",
    "claimed", "claims", "insisted", "insists", "warned", "warns", "warning",
    "declared", "declares", "continued", "continues", "recalled", "recalls", "replied",
    "replies", "responded", "responds", "remarked", "tweeted", "tweets", "posted",
    "announced", "announces", "acknowledged", "acknowledges", "admitted", "admits",
    "suggested", "suggests", "predicted", "predicts", "conceded", "concedes", "boasted",
    "boasts", "complained", "complains", "joked", "jokes", "quipped", "quips", "shouted",
    "yelled", "wondered", "observed", "observes", "emphasized", "emphasised", "stressed",
    "stresses", "described", "describes", "called", "calls", "indicated", "indicates",
    "promised", "promises", "vowed", "vows", "pledged", "urged", "urges", "testified",
    "concluded", "concludes", "countered", "counters", "maintained", "maintains",
    "contended", "contends", "charged", "asserted", "asserts", "mused", "muses",
    "lamented", "laments", "cautioned", "cautions", "thundered", "proclaimed", "announced",
    "reported", "reports", "confirmed", "confirms", "denied", "denies", "agreed", "agrees",
    "pointed out", "points out", "went on", "goes on", "according to", "shot back",
    "fired back", "declaring", "calling", "writing", "noting", "insisting", "asking",
    "claiming", "explaining", "stating", "describing", "pledging", "promising", "vowing",
    "urging", "tweeting", "telling", "wrote on", "reading", "read",
)  # fmt: skip
CUES = alternation(CUE_VERBS)
# A cue as a word of running text ("so-called" holds no cue).
CUE_IN_TEXT = rf"(?:^|[^\w-])({CUES}|According to)\b"

# Auxiliaries and adverbs between a speaker and the cue ("Sony, however, did say").
_BETWEEN = (
    r"(?:(?:has|have|had|did|does|do|would|will|also|then|later|again|once|just|"
    r"previously|recently|[a-z]+ly)\s+){0,2}"
)

PRONOUNS = ("he", "she", "they", "we", "i", "it")
_PRONOUN = r"(?:[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I|[Ii]t)"
PERSON_PRONOUNS = ("he", "she", "i")

# Head nouns of a speaker described by role ("a spokesman for the campaign", "the CEO").
ROLE_NOUNS = (
    "spokesman", "spokeswoman", "spokesperson", "spokespeople", "official", "officials",
    "CEO", "chief executive", "executive", "executives", "president", "chairman",
    "chairwoman", "chair", "director", "manager", "analyst", "analysts", "adviser",
    "advisor", "aide", "aides", "source", "sources", "statement", "representative",
    "economist", "economists", "strategist", "founder", "leader", "minister", "secretary",
    "senator", "governor", "mayor", "candidate", "nominee", "campaign", "company",
    "firm", "group", "organization", "organisation", "administration", "department",
    "agency", "report", "lawyer", "attorney", "professor", "expert", "experts",
    "head", "chief", "officer", "partner", "owner", "member", "members", "voter", "voters",
)  # fmt: skip
_ROLE = alternation(ROLE_NOUNS)

# A capitalised word (O'Malley, U.S., Jr., McDonald's) and a name: up to five of them, with
# the particles of surnames ("de", "van") between. Only the last word may end in a period,
# unless it is an initial ("John F. Kennedy") or a title ("Mr. Blair"): in "said Mr Blair.
# Following his ..." the name stops at the full stop.
_WORD = r"\p{Lu}(?:[\p{L}\p{N}'’&-]|\.\p{L})*"
_INNER_WORD = rf"(?:{_WORD}|\p{{Lu}}\.|(?:{alternation(NAME_TITLES)})\.)"
_NAME = (
    rf"(?:{_INNER_WORD}\s+(?:(?:de|da|di|van|von|der|del|la|le|bin|al|and)\s+)?){{0,4}}"
    rf"{_WORD}\.?"
)
_DETERMINER = r"(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ne|[Aa]nother|[Tt]wo|[Ss]ome)"
_DESCRIPTOR = (
    rf"{_DETERMINER}\s+(?:[\p{{L}}'’-]+\s+){{0,4}}?(?:{_ROLE})"
    rf"(?:\s+(?:for|of|at|to|with)\s+(?:the\s+)?{_NAME})?"
)
# A name may carry a parenthesis: "Paul Ryan (R-WI)".
_NAME_P = rf"{_NAME}(?:\s+\([^()\n]{{1,30}}\))?"
SPEAKER = rf"(?:{_DESCRIPTOR}|{_PRONOUN}|(?:the\s+)?{_NAME_P})"
# Right after a quote, lower-case words before a name describe it ("election law expert
# Rick Hasen tweeted").
SPEAKER_AFTER_QUOTE = rf"(?:{_DESCRIPTOR}|{_PRONOUN}|(?:\p{{L}}[\p{{L}}'’.-]*\s+){{0,5}}?{_NAME_P})"

# Capitalised words that start a sentence or a time phrase, not a name: stripped from the
# front of a name span ("In January Trump said").
_NOT_NAME_WORDS = (
    "In", "On", "At", "But", "And", "Or", "So", "Yet", "The", "A", "An", "As", "After",
    "Before", "When", "While", "Then", "Now", "Still", "Also", "Last", "This", "That",
    "Later", "Earlier", "Speaking", "Asked", "Meanwhile", "However", "Instead", "If",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday",
    "Friday", "Saturday", "Sunday", "Yesterday", "Today", "Tonight",
)  # fmt: skip
_LEADING_NOT_NAME = rf"^(?:(?:{alternation(_NOT_NAME_WORDS)}),?(?:\s+|$))+"

# An appositive title has at least two words ("the company's CEO"; not ", however,").
_TITLE = r"[^\"“”,;:\n]{1,40}\s[^\"“”,;:\n]{1,40}"
_TITLE_WORDS = r"[^\"“”,;:.\n]{2,60}"
# A straight mark opens a quote where it starts a paragraph or follows a space, bracket,
# comma or colon ('said,"Look') and a word (or an ellipsis) follows it; it closes one where
# it follows a word, or stands between spaces ("... 'Clinton,' " said"). A mark that does
# neither (`5" screen`) pairs with nothing, so one stray mark cannot flip every later pair
# into "quotes" of the narrative between them (flattened paragraphs run to thousands of
# characters). An opening mark not closed before the next mark of its paragraph (or its
# end) is an unclosed quote: it ends before that mark (news re-opens a quote continued in
# the next paragraph), without trailing spaces, and is bounded in ``_bound_unclosed``.
_STRAIGHT_OPEN = r"(?:^|[\s(\[{,:;—–])\"(?:\s*(?:…|\.\.\.)\s*)?[^\s\"“”](?:[^\"\n]*[^\s\"])?"
QUOTE_PATTERN = (
    r"“[^“”\n]+”|“[^“”\n]*[^\s“”]"
    rf"|{_STRAIGHT_OPEN}(?:\"|\s+\"(?:\s|$))|{_STRAIGHT_OPEN}"
)

# Rules on the context just after the closing mark ("..., Totoki said" / "..., said Totoki").
AFTER_NAME_CUE = (
    rf"^(?P<pre>,?\s*)(?P<spk>{SPEAKER_AFTER_QUOTE})(?P<app>,\s*(?P<title>{_TITLE}),)?"
    rf"(?P<mid>\s+{_BETWEEN})(?P<cue>{CUES})(?:\W|$)"
)
# After a quote that ends its sentence ("... won." Trump said.), only a bare attribution.
AFTER_NAME_CUE_CLOSED = (
    rf"^(?P<pre>\s*)(?P<spk>{SPEAKER_AFTER_QUOTE})(?P<mid>\s+)(?P<cue>{CUES})[.,;]"
)
# A name and a past-tense verb right after a quote ("...," Trump shot back).
AFTER_NAME_VERB = (
    rf"^(?P<pre>,?\s*)(?P<spk>{SPEAKER_AFTER_QUOTE})(?P<mid>\s+(?:[a-z]+ly\s+)?)"
    rf"(?P<cue>[a-z]{{2,}}ed(?:\s+(?:back|on|in|up|out))?)(?:\W|$)"
)
# Attribution closing the quote's sentence ("..., the Chicago Tribune reports.").
SENTENCE_END = (
    rf"^(?P<pre>[^\"“”]*?,\s+)(?P<spk>{SPEAKER_AFTER_QUOTE})(?P<mid>\s+{_BETWEEN})"
    rf"(?P<cue>{CUES})\s*[.!?]?$"
)
SENTENCE_END_CUE_FIRST = (
    rf"^(?P<pre>[^\"“”]*?,\s+)(?P<cue>{CUES})(?P<mid>\s+)(?P<spk>{SPEAKER})\s*[.!?]?$"
)
AFTER_CUE_NAME = (
    rf"^(?P<pre>,?\s*)(?P<cue>{CUES})(?P<mid>\s+)(?P<spk>{SPEAKER})"
    rf"(?:,\s*(?P<title>{_DETERMINER}\s+{_TITLE_WORDS}|\p{{Lu}}{_TITLE_WORDS}))?"
)
# Rules on the context just before the opening mark ("Totoki said: ...", "according to X, ").
BEFORE_NAME_CUE = (
    rf"(?P<spk>{SPEAKER})(?P<app>,\s*(?:(?P<title>{_TITLE})|[a-z]+),)?(?P<mid>\s+{_BETWEEN})"
    rf"(?P<cue>{CUES})(?P<tail>(?:\s+[\p{{L}}\p{{N}}'’-]+){{0,4}}?\s*[:,]?\s*)$"
)
BEFORE_ACCORDING_TO = (
    rf"(?P<cue>[Aa]ccording to)(?P<mid>\s+)(?P<spk>{SPEAKER})(?P<tail>,?\s*(?:that\s+)?)$"
)
# The subject of a reporting verb earlier in the quote's sentence (partial quotes).
SENTENCE_SUBJECT_CUE = (
    rf"^(?P<pre>(?:.*?[^\w'’-])?)(?P<spk>{SPEAKER})"
    rf"(?P<app>,\s*(?:(?P<title>{_TITLE})|[a-z]+),)?(?P<mid>\s+{_BETWEEN})"
    rf"(?P<cue>{CUES})(?:\W|$)"
)
# The subject at the start of the quote's sentence, when a reporting verb is anywhere in the
# sentence ("He identified Japan as "the most important areas for us", adding ...").
SENTENCE_SUBJECT = rf"^(?P<spk>{SPEAKER})(?P<app>,\s*(?P<title>{_TITLE}),)?\s+[a-z]"
# A quote introduced by a sentence ending in a colon ("Cruz continued:", "X released the
# following statement:"): the first speaker named in that sentence.
COLON_LEAD_IN = rf"^(?P<pre>(?:.*?[^\w'’-])?)(?P<spk>{SPEAKER})[^\w](?s:.*):\s*$"
# Scare quotes: a marker word just before the quote.
SCARE_MARKER = (
    r"(?i)(?:so-called|so called|dubbed|termed|the (?:words?|terms?|phrases?|slogan)|"
    r"known as|label(?:l)?ed|titled|entitled|nicknamed|branded)\s*$"
)
SCARE_MAX_WORDS = 4


def _paragraphs(documents: pl.LazyFrame) -> pl.LazyFrame:
    """One row per line of body_text, in the SENTENCES columns find_spans wants."""
    return (
        documents.select("doc_id", pl.col("body_text").str.split("\n").alias("text"))
        .with_columns(sentence_no=pl.int_ranges(0, pl.col("text").list.len(), dtype=pl.Int32))
        .explode("text", "sentence_no", empty_as_null=False)
        .with_columns(_len=pl.col("text").str.len_chars().cast(pl.Int32) + 1)
        .with_columns(
            char_start=(pl.col("_len").cum_sum().over("doc_id") - pl.col("_len")).cast(pl.Int32),
            # Paragraphs are counted without the blank lines between them.
            sentence_no=((pl.col("_len") > 1).cast(pl.Int32).cum_sum().over("doc_id") - 1).cast(
                pl.Int32
            ),
        )
        .filter(pl.col("text").str.contains(r"[\"“]"))
        .select("doc_id", "sentence_no", "char_start", "text")
    )


def find_quotes(documents: pl.LazyFrame) -> pl.LazyFrame:
    """Quote spans: doc_id, para_no, paragraph, para_start, mark_start / mark_end (with the
    marks), char_start / char_end / quote_text (without them), open_ended (no closing mark:
    unclosed quotes are not yet bounded, see ``_bound_unclosed``)."""
    spans = find_spans(_paragraphs(documents), QUOTE_PATTERN)
    match = pl.col("match")
    # A straight mark's match starts with the character before it, and a closing mark
    # between spaces is followed by one.
    lead = (~match.str.slice(0, 1).is_in(['"', "“"])).cast(pl.Int32)
    trail = match.str.contains(r"\s$").cast(pl.Int32)
    length = match.str.len_chars().cast(pl.Int32)
    opening = match.str.slice(lead, 1)
    closing = match.str.slice(length - trail - 1, 1)
    closed = (length - lead - trail > 1) & (
        ((opening == '"') & (closing == '"')) | ((opening == "“") & (closing == "”"))
    )
    end = pl.col("char_end") - trail
    return spans.select(
        "doc_id",
        pl.col("sentence_no").alias("para_no"),
        pl.col("sentence").alias("paragraph"),
        pl.col("sentence_start").alias("para_start"),
        (pl.col("char_start") + lead).alias("mark_start"),
        end.alias("mark_end"),
        (pl.col("char_start") + lead + 1).alias("char_start"),
        (end - closed.cast(pl.Int32)).alias("char_end"),
        (~closed).alias("open_ended"),
        quote_text=match.str.slice(lead + 1, length - lead - trail - 1 - closed.cast(pl.Int32)),
    )


@functools.cache
def _group_names(pattern: str) -> tuple[str, ...]:
    schema = (
        pl.LazyFrame({"x": [""]})
        .select(pl.col("x").str.extract_groups(pattern))
        .collect_schema()["x"]
    )
    assert isinstance(schema, pl.Struct)
    return tuple(f.name for f in schema.fields)


def _apply_rule(
    quotes: pl.LazyFrame,
    name: str,
    context: str,
    pattern: str,
    sequence: tuple[str, ...],
    *,
    anchored_at_start: bool,
    prefilter: str | None = None,
    earlier: tuple[str, ...] = (),
) -> pl.LazyFrame:
    """Match ``pattern`` on the column ``context`` (which starts at ``<context>_start`` /
    ends at ``<context>_end`` in body_text) and add ``<name>_start/_end/_cue/_title``.
    Rows where one of the ``earlier`` rules fired are skipped: the first rule wins anyway.

    ``sequence`` names the top-level groups in order; together they cover the whole match,
    so their lengths give the speaker's offset from the context's start (``^`` rules) or
    from its end (``$`` rules)."""
    fields = _group_names(pattern)
    prefixed = [f"{name}__{g}" for g in fields]
    text = pl.col(context)
    # Only rows the rule can decide (no earlier rule fired) and, for patterns anchored at the
    # end (they try every start), where a cheap prefilter says they can match. A column of
    # its own, so extract_groups below gets a column and its cached form.
    runs = [pl.col(f"{n}_start").is_null() for n in earlier]
    if prefilter is not None:
        runs.append(text.str.contains(prefilter))
    if runs:
        quotes = quotes.with_columns(
            pl.when(pl.all_horizontal(runs)).then(text).alias(f"{name}__prefiltered")
        )
        text = pl.col(f"{name}__prefiltered")
    matched = (
        quotes.with_columns(
            extract_groups(text, pattern).struct.rename_fields(prefixed).alias(f"{name}__m")
        )
        .unnest(f"{name}__m")
        .drop(f"{name}__prefiltered", strict=False)
    )
    length = {
        g: pl.col(f"{name}__{g}").str.len_chars().cast(pl.Int32).fill_null(0) for g in sequence
    }
    before_speaker = sum(
        (length[g] for g in sequence[: sequence.index("spk")]), pl.lit(0, pl.Int32)
    )
    if anchored_at_start:
        match_start = pl.col(f"{context}_start")
    else:
        total = sum((length[g] for g in sequence), pl.lit(0, pl.Int32))
        match_start = pl.col(f"{context}_end") - total
    hit = pl.col(f"{name}__spk").is_not_null()
    start = (match_start + before_speaker).cast(pl.Int32)
    title = pl.col(f"{name}__title") if "title" in fields else pl.lit(None, pl.String)
    cue = pl.col(f"{name}__cue") if "cue" in fields else pl.lit(None, pl.String)
    return matched.with_columns(
        pl.when(hit).then(start).alias(f"{name}_start"),
        pl.when(hit).then(start + length["spk"]).alias(f"{name}_end"),
        pl.when(hit).then(cue.str.to_lowercase()).alias(f"{name}_cue"),
        pl.when(hit).then(title.str.strip_chars()).alias(f"{name}_title"),
        pl.col(f"{name}__spk").alias(f"{name}_surface"),
    ).drop(prefixed)


# Cheap tests that hold wherever a rule can match: end-anchored rules try every start, and
# the speaker patterns are slow even anchored (their automata are big), so rows without
# the cue a rule needs skip it.
_CUE_NEAR_END = rf"(?:{CUES})[^.!?\"“”]{{0,50}}$"
# The cue after a space, ending a word: in every rule with "<speaker> <cue>".
_SPACED_CUE = rf"\s(?:{CUES})(?:\W|$)"
_PREFILTERS = {
    "after_name_cue": _SPACED_CUE,
    "before_name_cue": _CUE_NEAR_END,
    "according_to": "ccording to",
    "sentence_subject_cue": CUE_IN_TEXT,
    "sentence_end": _SPACED_CUE,
    # A past-tense verb after a space.
    "after_name_verb": r"\s[a-z]{2,}ed",
}

# (rule name, context column, pattern, top-level groups in order, anchored at start)
RULES: tuple[tuple[str, str, str, tuple[str, ...], bool], ...] = (
    ("after_name_cue", "after", AFTER_NAME_CUE, ("pre", "spk", "app", "mid", "cue"), True),
    ("after_name_cue_closed", "after_closed", AFTER_NAME_CUE_CLOSED, ("pre", "spk"), True),
    ("after_cue_name", "after", AFTER_CUE_NAME, ("pre", "cue", "mid", "spk"), True),
    ("before_name_cue", "before", BEFORE_NAME_CUE, ("spk", "app", "mid", "cue", "tail"), False),
    ("according_to", "before", BEFORE_ACCORDING_TO, ("cue", "mid", "spk", "tail"), False),
    (
        "sentence_subject_cue",
        "sentence_before",
        SENTENCE_SUBJECT_CUE,
        ("pre", "spk", "app", "mid", "cue"),
        True,
    ),
    ("sentence_end", "sentence_after", SENTENCE_END, ("pre", "spk"), True),
    (
        "sentence_end_cue_first",
        "sentence_after",
        SENTENCE_END_CUE_FIRST,
        ("pre", "cue", "mid", "spk"),
        True,
    ),
    ("after_name_verb", "after", AFTER_NAME_VERB, ("pre", "spk"), True),
    ("colon_lead_in", "lead_in", COLON_LEAD_IN, ("pre", "spk"), True),
    ("sentence_subject", "sentence_before", SENTENCE_SUBJECT, ("spk",), True),
)

_KEY = ["doc_id", "mark_start"]
# What pronoun resolution, turn continuation and the output read of an attributed quote.
_ATTRIBUTED_COLUMNS = (
    *_KEY,
    "para_no",
    "char_start",
    "char_end",
    "quote_text",
    "sentence_no",
    "open_ended",
    "capped",
    "speaker_start",
    "speaker_end",
    "speaker_surface",
    "cue",
    "attribution_title",
    "quote_kind",
    "rule",
)
_CONTEXT_WIDTH = 160

# An unclosed quote (its closing mark forgotten, or the first paragraph of a quote that runs
# on) holds at most this many sentences: beyond that the narrative has most likely resumed.
UNCLOSED_MAX_SENTENCES = 3
# A sentence that reads as the reporter's, not the speaker's: someone "said" / "says" or is
# "according to", Reuters is named, a ticker "( GE.N )", or a lead-in ending in a colon.
NARRATIVE_SENTENCE = (
    r"\b(?:said|says|according to|Reuters)\b|\(\s*[\p{Lu}\p{N}.^]+\.[\p{Lu}]{1,3}\s*\)|:\s*$"
)
# An attribution inside an unclosed quote (", Wales said", ", said the company's CEO"): the
# closing mark was forgotten before it.
ATTRIBUTION_IN_QUOTE = (
    r",\s+(?:(?:[^\s,.;:!?\"“”]+\s+){1,6}?(?:said|says|added|told|wrote)\b"
    r"|(?:said|says|added)\s+(?:[Tt]he\s|\p{Lu}))"
)
# An unclosed quote that opens a quoted sentence (a capital, a digit, or an ellipsis or
# bracket first) may run on; a lower-case partial quote ends with its sentence.
_OPENS_A_SENTENCE = r"^(?:\.\.\.|…|[(\[])?\s*[\p{Lu}\p{N}]"


def _bound_unclosed(found: pl.DataFrame, sentences: pl.DataFrame) -> pl.DataFrame:
    """Unclosed quotes end at the last whole sentence before the next mark (or paragraph
    end), at most ``UNCLOSED_MAX_SENTENCES`` sentences, and before the first later sentence
    that reads as narrative (``NARRATIVE_SENTENCE``); ``capped`` says one was cut short.
    A quote whose first sentence does not end before the next mark keeps its end as found.
    A lower-case (partial) unclosed quote ends with its first sentence."""
    unclosed = found.filter(pl.col("open_ended"))
    if unclosed.is_empty():
        return found.with_columns(capped=pl.lit(False))
    inside = (
        unclosed.select(
            *_KEY,
            "char_start",
            "char_end",
            _limit=pl.when(pl.col("quote_text").str.contains(_OPENS_A_SENTENCE))
            .then(UNCLOSED_MAX_SENTENCES)
            .otherwise(1),
        )
        .join(
            sentences.select(
                "doc_id",
                pl.col("char_start").cast(pl.Int32).alias("_s_start"),
                pl.col("char_end").cast(pl.Int32).alias("_s_end"),
                pl.col("text").alias("_s_text"),
            ),
            on="doc_id",
        )
        .filter(
            (pl.col("_s_end") > pl.col("char_start")) & (pl.col("_s_end") <= pl.col("char_end"))
        )
        .sort(*_KEY, "_s_start")
        .with_columns(_k=pl.int_range(pl.len()).over(_KEY))
        .with_columns(
            _stop=((pl.col("_k") > 0) & pl.col("_s_text").str.contains(NARRATIVE_SENTENCE))
            .cum_sum()
            .over(_KEY)
            > 0
        )
        .filter(~pl.col("_stop") & (pl.col("_k") < pl.col("_limit")))
        .group_by(_KEY)
        .agg(_end=pl.col("_s_end").max())
    )
    end = pl.coalesce("_end", "char_end")
    bounded = found.join(inside, on=_KEY, how="left").with_columns(
        capped=pl.col("_end").is_not_null() & (pl.col("_end") < pl.col("char_end")),
        quote_text=pl.col("quote_text").str.slice(0, end - pl.col("char_start")),
        char_end=end,
    )
    # Up to an attribution, the quote is as good as closed: the attribution rules read it.
    before_attribution = (
        pl.when(pl.col("open_ended"))
        .then(pl.col("quote_text"))
        .str.extract(rf"^(.*?){ATTRIBUTION_IN_QUOTE}", 1)
    )
    attributed = pl.col("_before_attribution").is_not_null()
    return (
        bounded.with_columns(_before_attribution=before_attribution)
        .with_columns(
            capped=pl.col("capped") | attributed,
            quote_text=pl.coalesce("_before_attribution", "quote_text"),
            char_end=pl.when(attributed)
            .then(
                pl.col("char_start") + pl.col("_before_attribution").str.len_chars().cast(pl.Int32)
            )
            .otherwise(pl.col("char_end")),
            open_ended=pl.col("open_ended") & ~attributed,
        )
        .with_columns(
            mark_end=pl.when(pl.col("open_ended") | attributed)
            .then(pl.col("char_end"))
            .otherwise(pl.col("mark_end")),
        )
        .drop("_end", "_before_attribution")
    )


def _with_sentences(quotes: pl.LazyFrame, sentences: pl.LazyFrame) -> pl.LazyFrame:
    """The sentence holding each quote's opening mark (sentence_no, sentence_start,
    sentence); NULL when no sentence holds it."""
    sents = sentences.select(
        "doc_id",
        pl.col("sentence_no").cast(pl.Int32),
        pl.col("char_start").cast(pl.Int32).alias("sentence_start"),
        pl.col("char_end").cast(pl.Int32).alias("sentence_end"),
        pl.col("text").alias("sentence"),
    )
    holding = (
        quotes.select(_KEY)
        .join(sents, on="doc_id", how="inner")
        .filter(
            (pl.col("sentence_start") <= pl.col("mark_start"))
            & (pl.col("mark_start") < pl.col("sentence_end"))
        )
        .unique(_KEY, keep="first")
    )
    previous = sents.select(
        "doc_id",
        (pl.col("sentence_no") + 1).alias("sentence_no"),
        pl.col("sentence_start").alias("prev_sentence_start"),
        pl.col("sentence").alias("prev_sentence"),
    )
    return quotes.join(holding, on=_KEY, how="left").join(
        previous, on=["doc_id", "sentence_no"], how="left"
    )


def _contexts(quotes: pl.LazyFrame) -> pl.LazyFrame:
    """The text before / after each quote in its paragraph, and the part of its sentence
    before it, each with its start and end in body_text."""
    local_open = pl.col("mark_start") - pl.col("para_start")
    local_close = pl.col("mark_end") - pl.col("para_start")
    before_from = pl.max_horizontal(local_open - _CONTEXT_WIDTH, pl.lit(0))
    # The sentence part stays inside the paragraph, so every span is a paragraph slice.
    sentence_from = pl.max_horizontal(
        pl.col("sentence_start").fill_null(pl.col("para_start")), pl.col("para_start")
    )
    ends_sentence = pl.col("quote_text").str.contains(r"\.\s*$")
    sentence_to = pl.min_horizontal(
        pl.col("sentence_end").fill_null(pl.col("mark_end")) - pl.col("para_start"),
        local_close + _CONTEXT_WIDTH,
    )
    # Every context lies in one window of the paragraph: slicing the (often article-long)
    # paragraph once, and the short window after, scans far fewer characters.
    window_from = pl.min_horizontal(before_from, sentence_from - pl.col("para_start"))
    window = pl.col("_window")

    def cut(local_from: pl.Expr, length: pl.Expr | int) -> pl.Expr:
        return window.str.slice(local_from - pl.col("_window_from"), length)

    return (
        quotes.with_columns(
            _window_from=window_from,
            _window=pl.col("paragraph").str.slice(
                window_from, local_close + _CONTEXT_WIDTH - window_from
            ),
        )
        .with_columns(
            before=cut(before_from, local_open - before_from),
            before_start=(pl.col("para_start") + before_from).cast(pl.Int32),
            before_end=pl.col("mark_start"),
            # After a quote closing its sentence ("... won." The ...) a new sentence starts.
            after=pl.when(pl.col("open_ended") | ends_sentence)
            .then(pl.lit(""))
            .otherwise(cut(local_close, _CONTEXT_WIDTH).str.replace(r"[\"“”][\s\S]*", "")),
            after_start=pl.col("mark_end"),
            after_closed=pl.when(ends_sentence & ~pl.col("open_ended")).then(cut(local_close, 60)),
            after_closed_start=pl.col("mark_end"),
            sentence_before=cut(
                sentence_from - pl.col("para_start"), pl.col("mark_start") - sentence_from
            ),
            sentence_before_start=sentence_from.cast(pl.Int32),
            sentence_after=cut(
                local_close, pl.max_horizontal(sentence_to - local_close, pl.lit(0))
            ),
            sentence_after_start=pl.col("mark_end"),
        )
        .with_columns(
            lead_in=pl.when(pl.col("sentence_before").str.contains(r":\s*$"))
            .then(pl.col("sentence_before"))
            .when(
                (pl.col("sentence_before").str.strip_chars().str.len_chars() == 0)
                & pl.col("prev_sentence").str.contains(r":\s*$")
            )
            .then(pl.col("prev_sentence")),
            lead_in_start=pl.when(pl.col("sentence_before").str.contains(r":\s*$"))
            .then(pl.col("sentence_before_start"))
            .otherwise(pl.col("prev_sentence_start")),
        )
        .drop("_window", "_window_from")
    )


def _attribute(quotes: pl.LazyFrame) -> pl.LazyFrame:
    """speaker_start / speaker_end / cue / title / rule from the first rule that fires."""
    for i, (name, context, pattern, sequence, at_start) in enumerate(RULES):
        quotes = _apply_rule(
            quotes,
            name,
            context,
            pattern,
            sequence,
            anchored_at_start=at_start,
            prefilter=_PREFILTERS.get(name),
            earlier=tuple(r[0] for r in RULES[:i]),
        )
    # The sentence-subject rule needs a reporting verb somewhere in the sentence: its cue.
    sentence_cue = pl.col("sentence").str.extract(CUE_IN_TEXT, 1).str.to_lowercase()
    quotes = quotes.with_columns(sentence_subject_cue=sentence_cue).with_columns(
        # Kept for _classify: a cue word anywhere in the quote's sentence.
        cue_in_sentence=pl.col("sentence_subject_cue").is_not_null(),
        sentence_subject_start=pl.when(pl.col("sentence_subject_cue").is_not_null()).then(
            pl.col("sentence_subject_start")
        ),
    )
    names = [r[0] for r in RULES]
    first = pl.coalesce(
        *(pl.when(pl.col(f"{n}_start").is_not_null()).then(pl.lit(n)) for n in names)
    )
    quotes = quotes.with_columns(rule=first)

    def pick(field: str) -> pl.Expr:
        out: pl.Expr = pl.lit(None)
        for n in reversed(names):
            out = pl.when(pl.col("rule") == n).then(pl.col(f"{n}_{field}")).otherwise(out)
        return out

    quotes = quotes.with_columns(
        speaker_start=pick("start").cast(pl.Int32),
        speaker_end=pick("end").cast(pl.Int32),
        cue=pick("cue").cast(pl.String),
        attribution_title=pick("title").cast(pl.String),
        speaker_surface=pick("surface").cast(pl.String),
    ).drop([f"{n}_{f}" for n in names for f in ("start", "end", "cue", "title", "surface")])
    # Strip capitalised non-names from the front of a span ("In January Trump").
    surface = pl.col("speaker_surface")
    # ... but only before a name: "The chairman" stays whole.
    cut = surface.str.replace(_LEADING_NOT_NAME, "")
    stripped = (
        pl.when((cut.str.len_chars() == 0) | cut.str.contains(r"^\p{Lu}"))
        .then(cut)
        .otherwise(surface)
    )
    shift = (surface.str.len_chars() - stripped.str.len_chars()).cast(pl.Int32)
    kept = stripped.str.len_chars() > 0
    return quotes.with_columns(
        speaker_start=pl.when(kept).then(pl.col("speaker_start") + shift),
        speaker_end=pl.when(kept).then(pl.col("speaker_end")),
        speaker_surface=pl.when(kept).then(stripped),
        rule=pl.when(kept).then(pl.col("rule")),
    )


def _classify(quotes: pl.LazyFrame) -> pl.LazyFrame:
    """quote_kind: scare, direct or partial (see the module docstring). Needs
    ``cue_in_sentence`` from ``_attribute``."""
    first_char = pl.col("quote_text").str.strip_chars_start(" ([").str.slice(0, 1)
    starts_capital = first_char.str.contains(r"^[\p{Lu}\p{N}]")
    lead = pl.col("sentence_before").str.strip_chars_end()
    # A quote that is a sentence of its own (or follows "X said:") is direct.
    stands_alone = starts_capital & (
        (lead.str.len_chars() == 0)
        | lead.str.contains(r"[:,.!?]$")
        | lead.str.contains(rf"(?i)(?:^|\W)(?:{CUES})$")
    )
    marker = pl.col("before").str.contains(SCARE_MARKER)
    unattributed = ~stands_alone & pl.col("rule").is_null() & ~pl.col("cue_in_sentence")
    # Words are counted only where the count decides (a regex pass over every quote else).
    n_words = (
        pl.when(unattributed).then(pl.col("quote_text")).str.strip_chars().str.count_matches(r"\s+")
        + 1
    )
    scare = marker | (unattributed & (n_words <= SCARE_MAX_WORDS))
    return quotes.with_columns(
        quote_kind=pl.when(scare)
        .then(pl.lit("scare"))
        .when(stands_alone)
        .then(pl.lit("direct"))
        .otherwise(pl.lit("partial"))
    )


def _resolve_pronouns(quotes: pl.LazyFrame, mentions: pl.LazyFrame) -> pl.LazyFrame:
    """A pronoun speaker takes the span of the most recent person (he, she, I) or
    organisation (they, we, it) mentioned before it; failing that, of the most recent named
    speaker before it. No antecedent: no speaker (the cue and rule stay)."""
    pronoun = pl.col("speaker_surface").str.to_lowercase()
    is_pronoun = pronoun.is_in(list(PRONOUNS))
    is_named = pl.col("speaker_surface").str.contains(r"^\p{Lu}") & ~is_pronoun
    mention_rows = mentions.filter(pl.col("entity_type").is_in(["PERSON", "ORG"])).select(
        "doc_id",
        pl.col("char_start").cast(pl.Int32).alias("pos"),
        pl.when(pl.col("entity_type") == "PERSON")
        .then(pl.lit("person"))
        .otherwise(pl.lit("org"))
        .alias("kind"),
        pl.col("char_start").cast(pl.Int32).alias("cand_start"),
        pl.col("char_end").cast(pl.Int32).alias("cand_end"),
        pl.col("surface").cast(pl.String).alias("cand_surface"),
    )
    named_rows = quotes.filter(is_named).select(
        "doc_id",
        pl.col("speaker_start").alias("pos"),
        pl.lit("named").alias("kind"),
        pl.col("speaker_start").alias("cand_start"),
        pl.col("speaker_end").alias("cand_end"),
        pl.col("speaker_surface").alias("cand_surface"),
    )
    pronoun_rows = quotes.filter(is_pronoun).select(
        "doc_id",
        pl.col("speaker_start").alias("pos"),
        pl.lit("pronoun").alias("kind"),
        "mark_start",
        pronoun.alias("pronoun"),
    )
    # Antecedents matter only in documents with a pronoun speaker: the rest (most mentions)
    # need not be sorted and filled.
    with_pronoun = pronoun_rows.select("doc_id").unique()
    rows = pl.concat(
        [
            mention_rows.join(with_pronoun, on="doc_id", how="semi"),
            named_rows.join(with_pronoun, on="doc_id", how="semi"),
            pronoun_rows,
        ],
        how="diagonal_relaxed",
    ).sort("doc_id", "pos", pl.col("kind") == "pronoun")

    def latest(kind: str, col: str) -> pl.Expr:
        return pl.when(pl.col("kind") == kind).then(pl.col(col)).forward_fill().over("doc_id")

    person_like = pl.col("pronoun").is_in(list(PERSON_PRONOUNS))
    antecedent = (
        rows.with_columns(
            **{
                f"{k}_{c}": latest(k, f"cand_{c}")
                for k in ("person", "org", "named")
                for c in ("start", "end", "surface")
            }
        )
        .filter(pl.col("kind") == "pronoun")
        .select(
            "doc_id",
            "mark_start",
            pl.when(person_like)
            .then(pl.coalesce("person_start", "named_start"))
            .otherwise(pl.coalesce("org_start", "named_start"))
            .alias("_ante_start"),
            pl.when(person_like)
            .then(pl.coalesce("person_end", "named_end"))
            .otherwise(pl.coalesce("org_end", "named_end"))
            .alias("_ante_end"),
            pl.when(person_like)
            .then(pl.coalesce("person_surface", "named_surface"))
            .otherwise(pl.coalesce("org_surface", "named_surface"))
            .alias("_ante_surface"),
        )
    )
    return (
        quotes.join(antecedent, on=_KEY, how="left")
        .with_columns(
            speaker_start=pl.when(is_pronoun)
            .then(pl.col("_ante_start"))
            .otherwise(pl.col("speaker_start")),
            speaker_end=pl.when(is_pronoun)
            .then(pl.col("_ante_end"))
            .otherwise(pl.col("speaker_end")),
            speaker_surface=pl.when(is_pronoun)
            .then(pl.col("_ante_surface"))
            .otherwise(pl.col("speaker_surface")),
        )
        .drop("_ante_start", "_ante_end", "_ante_surface")
    )


def _continue_turns(quotes: pl.LazyFrame) -> pl.LazyFrame:
    """An unattributed quote continues the turn of the quote before it (same or next
    paragraph); the first part of a multi-paragraph quote takes the speaker of the next."""
    eligible = pl.col("quote_kind") != "scare"
    turns = quotes.filter(eligible).sort(_KEY)
    attributed = pl.col("rule").is_not_null()
    gap = pl.col("para_no") - pl.col("para_no").shift(1).over("doc_id")
    starts_turn = attributed | gap.is_null() | (gap > 1)
    span_cols = ["speaker_start", "speaker_end", "speaker_surface"]
    turns = turns.with_columns(_turn=starts_turn.cast(pl.Int32).cum_sum().over("doc_id"))
    filled = turns.with_columns(
        [pl.col(c).forward_fill().over("doc_id", "_turn").alias(f"_fwd_{c}") for c in span_cols]
        + [pl.col(c).shift(-1).over("doc_id").alias(f"_next_{c}") for c in span_cols]
        + [(pl.col("para_no").shift(-1).over("doc_id") - pl.col("para_no")).alias("_next_gap")]
        + [pl.col("mark_start").shift(-1).over("doc_id").alias("_next_mark_start")]
    )
    # The first part of a quote that runs on: up to the next paragraph, or (flattened
    # paragraphs) up to the next quote's opening mark.
    runs_into_next = ((pl.col("_next_gap") == 1) & ~pl.col("capped")) | (
        (pl.col("_next_gap") == 0) & (pl.col("_next_mark_start") - pl.col("char_end") <= 1)
    )
    backward = pl.col("open_ended") & ~attributed & runs_into_next
    continued = filled.select(
        _KEY
        + [
            pl.when(~attributed & pl.col("_fwd_speaker_start").is_not_null())
            .then(pl.lit("continuation"))
            .when(backward & pl.col("_next_speaker_start").is_not_null())
            .then(pl.lit("continuation"))
            .alias("_cont_rule")
        ]
        + [
            pl.coalesce(
                pl.when(~attributed).then(pl.col(f"_fwd_{c}")),
                pl.when(backward).then(pl.col(f"_next_{c}")),
            ).alias(f"_cont_{c}")
            for c in span_cols
        ]
    )
    return (
        quotes.join(continued, on=_KEY, how="left")
        .with_columns(
            rule=pl.coalesce("rule", "_cont_rule"),
            **{c: pl.coalesce(c, f"_cont_{c}") for c in span_cols},
        )
        .drop("_cont_rule", *(f"_cont_{c}" for c in span_cols))
    )


def _role_holders(quotes: pl.DataFrame, roles: pl.DataFrame) -> pl.DataFrame:
    """For a speaker described by role ("the company's CEO"), the person of the document
    whose stated title holds that role noun (the statement nearest before the quote, else
    the first): doc_id, mark_start, role_person, role_person_entity_id, role_title."""
    head = pl.col("speaker_surface").str.extract(
        rf"(?i)\b({_ROLE})\b(?:\s+(?:for|of|at|to|with)\b.*)?$", 1
    )
    described = (
        quotes.filter(pl.col("speaker_surface").str.contains(rf"^{_DETERMINER}\s"))
        .select([*_KEY, head.str.to_lowercase().alias("_head")])
        .drop_nulls("_head")
    )
    holders = roles.select(
        "doc_id",
        pl.col("person").cast(pl.String).alias("role_person"),
        pl.col("person_entity_id").cast(pl.String).alias("role_person_entity_id"),
        pl.col("title").cast(pl.String).alias("role_title"),
        pl.col("char_start").cast(pl.Int32).alias("_role_start"),
    )
    return (
        described.join(holders, on="doc_id", how="inner")
        .filter(pl.col("role_title").str.to_lowercase().str.contains(pl.col("_head"), literal=True))
        .with_columns(_after=pl.col("_role_start") > pl.col("mark_start"))
        .sort(
            ["doc_id", "mark_start", "_after", "_role_start"],
            descending=[False, False, False, True],
        )
        .unique(_KEY, keep="first", maintain_order=True)
        .select([*_KEY, "role_person", "role_person_entity_id", "role_title"])
    )


def extract_quotes(
    documents: pl.LazyFrame,
    sentences: pl.LazyFrame,
    mentions: pl.DataFrame,
    entities: pl.DataFrame,
    roles: pl.DataFrame,
) -> pl.DataFrame:
    """Every quotation of every document with its speaker (QUOTES_SCHEMA)."""
    # Materialised once each: several steps below read them (self-joins).
    found = find_quotes(documents).collect()
    quoted_sentences = sentences.join(
        found.lazy().select("doc_id").unique(), on="doc_id", how="semi"
    ).collect()
    found = _bound_unclosed(found, quoted_sentences)
    quotes = _contexts(_with_sentences(found.lazy(), quoted_sentences.lazy()))
    quotes = _classify(_attribute(quotes))
    # Scare quotes never have a speaker.
    scare = pl.col("quote_kind") == "scare"
    quotes = quotes.with_columns(
        [
            pl.when(~scare).then(pl.col(c)).alias(c)
            for c in ("speaker_start", "speaker_end", "speaker_surface", "cue", "attribution_title")
        ]
        + [pl.when(scare).then(pl.lit("scare")).otherwise(pl.col("rule")).alias("rule")]
    )
    # Materialise only what the steps below read: not the paragraph and its contexts.
    quotes = quotes.select(_ATTRIBUTED_COLUMNS).collect().lazy()
    quotes = _resolve_pronouns(quotes, mentions.lazy()).collect().lazy()
    quotes = _continue_turns(quotes)
    collected = quotes.select(
        "doc_id",
        "mark_start",
        "char_start",
        "char_end",
        "quote_text",
        "sentence_no",
        "speaker_start",
        "speaker_end",
        "speaker_surface",
        "cue",
        "attribution_title",
        "quote_kind",
        "rule",
    ).collect()
    resolved = resolve_spans(
        collected, mentions, entities, prefix="speaker", types=("PERSON", "ORG")
    )
    holders = _role_holders(resolved, roles)
    held_titles = (
        roles.select(
            "doc_id",
            pl.col("person_entity_id").cast(pl.String).alias("speaker_entity_id"),
            pl.col("title").cast(pl.String).alias("_held_title"),
        )
        .drop_nulls("speaker_entity_id")
        .unique(["doc_id", "speaker_entity_id"], keep="first", maintain_order=True)
    )
    out = (
        resolved.join(holders, on=_KEY, how="left")
        .join(held_titles, on=["doc_id", "speaker_entity_id"], how="left")
        .with_columns(
            speaker=pl.coalesce("role_person", "speaker"),
            speaker_entity_id=pl.coalesce("role_person_entity_id", "speaker_entity_id"),
            speaker_title=pl.coalesce("role_title", "_held_title", "attribution_title"),
        )
        .sort("doc_id", "char_start")
    )
    return out.select(pl.col(n).cast(t) for n, t in QUOTES_SCHEMA.items())
