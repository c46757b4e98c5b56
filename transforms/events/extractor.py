"""Business events from sentences, facts and entity mentions, in vectorised polars.

1. **Triggers**: every trigger rule of ``rules.py`` is one alternative of a single regex, each
   in its own named group; ``find_spans`` finds the matches with exact offsets, and
   ``extract_groups`` on the (short) match tells which rule fired. Rule conditions
   (``require_after``, ``forbid_after``, ``forbid_before``, a word needed in the sentence)
   then drop the matches that are not events.
2. **Fact rules**: facts of the right kind, category and status become events (a reported
   revenue figure is a revenue_report, a target sales figure a sales_target, a rank a
   ranking).
3. **Status** of a trigger, from cue words in its sentence, in precedence order:
   denied (a denial verb before it in the clause -- "countered rumors that", "put those
   rumors to bed" -- or a negation just before it: "we will never ever sell", "not going to
   focus on") > rumored ("rumors", "reportedly", "sources told", "mulling"; or ", sources
   said" after it) > target (a goal cue -- "aims to", "target" -- and a figure in the
   sentence) > planned (a modal or plan cue before it in the clause -- "will", "plans to",
   "could" -- unless the trigger itself is in the past tense: "has launched") > the status of
   the facts the event rests on > reported. A fact-driven event takes its fact's status
   (target -> target, forecast -> planned, rumored -> rumored, negated -> denied); guidance is
   a forecast by nature, so a forecast figure gives a *reported* guidance event.
   Hypotheticals ("if it sold ...", "giving up on X would mean ...") make no event.
4. **divestiture_rumor**: a divestiture whose status is rumored or denied. So "countered
   rumors that the company might sell off its phone business" and "we will never ever sell
   or exit from the current mobile business" are each a divestiture_rumor with status
   denied, and "sources told Reuters that the company was mulling a sale" one with status
   rumored: every sentence is judged on its own words, and the denial of a rumour is
   recorded where it is stated (the second sentence is also a denied market_exit).
5. One event per (sentence, event_type): the earliest trigger or fact wins. The evidence span
   is the sentence; ``fact_ids`` are the facts the event rests on: for a fact-driven event
   its figures plus the sentence's dates, for a trigger every fact in the sentence.
   ``value_date`` is the resolved date fact nearest the trigger.
6. **Subject**: for a fact-driven event the fact's linked subject; otherwise the nearest
   organisation mention before the trigger in the sentence (news agencies excluded), unless
   a back-reference ("the company") stands between it and the trigger; a back-reference
   with no name before it resolves to the document's most mentioned organisation; then the
   subject of a fact in the sentence; then the first organisation named after the trigger.
"""

from __future__ import annotations

import functools

import polars as pl

from transforms.events.rules import (
    BACK_REFERENCE,
    CLAUSE_BREAK,
    DENIAL_CUES,
    FACT_RULES,
    FACT_STATUS_TO_EVENT_STATUS,
    HYPOTHETICAL_AFTER,
    HYPOTHETICAL_BEFORE,
    MODAL_CLAUSE_BREAK,
    NEGATION_CUES,
    NEGATION_WINDOW,
    NOT_SUBJECT_ORGS,
    PAST_TENSE_TRIGGER,
    PLANNED_CUES,
    RUMOR_AFTER_CUES,
    RUMOR_CUES,
    SENTENCE_REQUIREMENTS,
    SUBCLAUSE_BREAK,
    TRIGGER_RULES,
    WEAK_BACK_REFERENCE,
    TriggerRule,
)
from transforms.facts.spans import ascii_pattern, find_spans
from transforms.literals import required_literals
from transforms.patterns import alternation

EVENT_COLUMNS = pl.Schema(
    {
        "doc_id": pl.String(),
        "event_type": pl.String(),
        "subject": pl.String(),
        "subject_entity_id": pl.String(),
        "status": pl.String(),
        "value_date": pl.Date(),
        "char_start": pl.Int32(),
        "char_end": pl.Int32(),
        "surface": pl.String(),
        "sentence_no": pl.Int32(),
        "fact_ids": pl.List(pl.String()),
        "rule": pl.String(),
    }
)

# Intermediate: one candidate event (a trigger match or a fact) in its sentence.
_CANDIDATE = pl.Schema(
    {
        "doc_id": pl.String(),
        "sentence_no": pl.Int32(),
        "sentence_start": pl.Int32(),
        "sentence": pl.String(),
        "trigger_start": pl.Int32(),
        "trigger_end": pl.Int32(),
        "event_type": pl.String(),
        "rule": pl.String(),
        "status": pl.String(),
        "past_tense": pl.Boolean(),
        "driving_fact_id": pl.String(),
        "fact_subject": pl.String(),
        "fact_subject_entity_id": pl.String(),
    }
)

_WB = r"(?-u:\b)"
CONTEXT_BEFORE = 160
CONTEXT_AFTER = 80
TRIGGER_CHUNKS = 2


def _ascii_b(pattern: str) -> str:
    """Cue patterns run on lower-cased text; their \\b is made ASCII (several times faster)."""
    return pattern.replace(r"\b", _WB)


def _chunks() -> list[tuple[TriggerRule, ...]]:
    size = -(-len(TRIGGER_RULES) // TRIGGER_CHUNKS)
    return [TRIGGER_RULES[i : i + size] for i in range(0, len(TRIGGER_RULES), size)]


def _chunk_pattern(rules: tuple[TriggerRule, ...]) -> str:
    return ascii_pattern("|".join(f"(?:{r.pattern})" for r in rules))


@functools.cache
def _gated_trigger_patterns() -> tuple[tuple[str, str, tuple[str, ...], str | None], ...]:
    """The trigger rules as a few lower-case, ASCII-word regexes (no capture groups: they make
    Rust's regex engine several times slower; the rule is found afterwards on the short
    match). A few mid-sized automata scan faster than one big one, whose lazy DFA thrashes
    (measured: two halves 0.04 s, all in one 0.10 s on 5 MB).

    Per chunk: its pattern, the same without the rules that ``need`` a literal, those
    literals, and a regex of literals (read off the rules' patterns: ``required_literals``)
    one of which every match of the chunk contains, or None when a rule needs none. A
    sentence holding none of them has no match, so only the few that do are scanned
    (measured on Reuters: a third of the sentences; the literal test costs a fifth of a scan).
    In a sentence holding none of the ``needs`` literals those rules cannot match, so both
    patterns find the same matches there (leftmost-first: an alternative that matches nowhere
    changes no match), and the smaller one is cheaper (measured: half the scan time)."""
    gated = []
    for chunk in _chunks():
        needs = tuple(sorted({r.needs for r in chunk if r.needs is not None}))
        ungated = tuple(r for r in chunk if r.needs is None)
        rule_literals = [required_literals(r.pattern) for r in chunk]
        literals = None
        if all(words is not None for words in rule_literals):
            # An alternation of literals, not str.contains_any: Rust's regex runs it with
            # SIMD literal search, several times faster than contains_any's Aho-Corasick here.
            literals = alternation([w for words in rule_literals if words for w in words])
        gated.append((_chunk_pattern(chunk), _chunk_pattern(ungated), needs, literals))
    return tuple(gated)


def _trigger_spans(lowered: pl.LazyFrame) -> pl.LazyFrame:
    """find_spans of each chunk of trigger rules, in that order (rows as find_spans sorts
    them), over the sentences holding one of the chunk's literals, scanning those without a
    gated rule's literal with the smaller pattern."""
    frames = []
    for full, ungated, needs, literals in _gated_trigger_patterns():
        candidates = lowered
        if literals is not None:
            # Materialised: the filter is read twice below, and find_spans must not fold it
            # into its regex pass.
            candidates = lowered.filter(pl.col("text").str.contains(literals)).collect().lazy()
        if not needs:
            frames.append(find_spans(candidates, full))
            continue
        gate = pl.col("text").str.contains_any(list(needs))
        frames.append(
            pl.concat(
                [find_spans(candidates, full, gate), find_spans(candidates, ungated, ~gate)]
            ).sort("doc_id", "sentence_no", "match_no")
        )
    return pl.concat(frames)


def _rule_of_match(match: pl.Expr) -> pl.Expr:
    """Index of the trigger rule that produced a (lower-cased) match: the first whose pattern
    matches all of it, as the search itself prefers the first alternative."""
    index: pl.Expr = pl.lit(None, dtype=pl.Int32)
    for i in reversed(range(len(TRIGGER_RULES))):
        whole = ascii_pattern(f"^(?:{TRIGGER_RULES[i].pattern})$")
        index = pl.when(match.str.contains(whole)).then(pl.lit(i, dtype=pl.Int32)).otherwise(index)
    return index


def _rule_checks(rule: TriggerRule) -> list[pl.Expr]:
    """The extra conditions of one trigger rule, on its matches' columns."""
    checks = []
    if rule.require_after:
        checks.append(pl.col("after").str.contains(rule.require_after))
    if rule.forbid_after:
        checks.append(~pl.col("after").str.contains(rule.forbid_after))
    if rule.forbid_before:
        checks.append(~pl.col("before").str.contains(rule.forbid_before))
    if rule.require_original:
        checks.append(pl.col("match").str.contains(rule.require_original))
    if rule.forbid_original:
        checks.append(~pl.col("match").str.contains(rule.forbid_original))
    if rule.name in SENTENCE_REQUIREMENTS:
        checks.append(pl.col("sentence").str.contains(SENTENCE_REQUIREMENTS[rule.name]))
    return checks


def _passing_rule_conditions(rows: pl.LazyFrame) -> pl.LazyFrame:
    """The rows whose matched rule's extra conditions hold, in their order. Each rule's checks
    read only its own rows: the matches are split by rule first (one expression per rule over
    all rows copied every column once per rule)."""
    numbered = rows.with_row_index("_row").collect()
    parts = numbered.partition_by("rule", as_dict=True, maintain_order=True)
    kept = []
    for (name,), part in parts.items():
        ok: pl.Expr = pl.lit(True)
        rules = [r for r in TRIGGER_RULES if r.name == name]
        for check in (check for rule in rules for check in _rule_checks(rule)):
            ok = ok & check.fill_null(True)
        kept.append(part.filter(ok))
    if not kept:
        return numbered.clear().lazy().drop("_row")
    return pl.concat(kept).sort("_row").drop("_row").lazy()


def _trigger_candidates(sentences: pl.LazyFrame) -> pl.LazyFrame:
    text = pl.col("text")
    lower = text.str.to_lowercase()
    # Lower-casing keeps offsets unless a character changes length ("İ"): such rare
    # sentences are matched as written (their capitalised triggers are missed).
    lowered = sentences.select(
        "doc_id",
        pl.col("sentence_no").cast(pl.Int32),
        pl.col("char_start").cast(pl.Int32),
        pl.when(lower.str.len_chars() == text.str.len_chars()).then(lower).otherwise(text),
    )
    # ASCII \b and \w on every row (triggers are English words): a Unicode-aware automaton
    # of this size is over ten times slower, even on the few non-ASCII sentences.
    lowered = lowered.collect().lazy()  # scanned once per pattern
    spans = _trigger_spans(lowered)
    originals = sentences.select(
        "doc_id", pl.col("sentence_no").cast(pl.Int32), pl.col("text").alias("original")
    )
    names = [r.name for r in TRIGGER_RULES]
    types = [r.event_type for r in TRIGGER_RULES]
    local_start = pl.col("char_start") - pl.col("sentence_start")
    local_end = pl.col("char_end") - pl.col("sentence_start")
    rows = (
        spans.with_columns(rule_no=_rule_of_match(pl.col("match")))
        .drop("sentence")
        .join(originals, on=["doc_id", "sentence_no"], how="left")
        .rename({"original": "sentence"})
        .with_columns(
            rule=pl.col("rule_no").replace_strict(list(range(len(names))), names),
            event_type=pl.col("rule_no").replace_strict(list(range(len(types))), types),
            # Cues are looked for this near the trigger (bounded: regexes over whole long
            # sentences, once per trigger, were most of the run time).
            before=pl.col("sentence").str.slice(
                pl.max_horizontal(local_start - CONTEXT_BEFORE, pl.lit(0)),
                pl.min_horizontal(local_start, pl.lit(CONTEXT_BEFORE)),
            ),
            after=pl.col("sentence").str.slice(local_end, CONTEXT_AFTER),
            match=pl.col("sentence").str.slice(local_start, local_end - local_start),
        )
    )
    rows = _passing_rule_conditions(rows)
    lower_before = pl.col("before").str.to_lowercase()
    clause = lower_before.str.replace(_ascii_b(CLAUSE_BREAK), "")
    near = clause.str.slice(-NEGATION_WINDOW).str.replace(_ascii_b(SUBCLAUSE_BREAK), "")
    lower_match = pl.col("match").str.to_lowercase()
    lower_after = pl.col("after").str.to_lowercase()
    modal_clause = lower_before.str.replace(_ascii_b(MODAL_CLAUSE_BREAK), "") + lower_match
    denied = clause.str.contains(_ascii_b(DENIAL_CUES)) | near.str.contains(_ascii_b(NEGATION_CUES))
    rumored = clause.str.contains(_ascii_b(RUMOR_CUES)) | lower_after.str.contains(
        _ascii_b(RUMOR_AFTER_CUES)
    )
    past = lower_match.str.contains(_ascii_b(PAST_TENSE_TRIGGER))
    planned = modal_clause.str.contains(_ascii_b(PLANNED_CUES)) & ~past
    status = (
        pl.when(denied)
        .then(pl.lit("denied"))
        .when(rumored)
        .then(pl.lit("rumored"))
        .when(planned)
        .then(pl.lit("planned"))
        .otherwise(pl.lit(None, dtype=pl.String))  # decided later (see extract_events)
    )
    hypothetical = clause.str.contains(_ascii_b(HYPOTHETICAL_BEFORE)) | lower_after.str.contains(
        _ascii_b(HYPOTHETICAL_AFTER)
    )
    return rows.filter(~hypothetical).select(
        "doc_id",
        "sentence_no",
        "sentence_start",
        "sentence",
        pl.col("char_start").alias("trigger_start"),
        pl.col("char_end").alias("trigger_end"),
        "event_type",
        "rule",
        status.alias("status"),
        past.alias("past_tense"),
        pl.lit(None, dtype=pl.String).alias("driving_fact_id"),
        pl.lit(None, dtype=pl.String).alias("fact_subject"),
        pl.lit(None, dtype=pl.String).alias("fact_subject_entity_id"),
    )


def _fact_candidates(facts: pl.LazyFrame, sentence_text: pl.LazyFrame) -> pl.LazyFrame:
    frames = []
    for rule in FACT_RULES:
        condition = pl.col("fact_type").is_in(list(rule.fact_types)) & pl.col("status").is_in(
            list(rule.statuses)
        )
        if rule.categories is not None:
            condition = condition & pl.col("category").is_in(list(rule.categories))
        frames.append(
            facts.filter(condition).select(
                "doc_id",
                "sentence_no",
                pl.col("char_start").alias("trigger_start"),
                pl.col("char_end").alias("trigger_end"),
                pl.lit(rule.event_type).alias("event_type"),
                pl.lit(rule.name).alias("rule"),
                pl.col("status").replace_strict(FACT_STATUS_TO_EVENT_STATUS, default=None),
                pl.lit(False).alias("past_tense"),
                pl.col("fact_id").alias("driving_fact_id"),
                pl.col("subject").alias("fact_subject"),
                pl.col("subject_entity_id").alias("fact_subject_entity_id"),
            )
        )
    found = pl.concat(frames, how="vertical").with_columns(
        # Guidance is a forecast by nature: a forecast figure is guidance given (reported).
        status=pl.when((pl.col("event_type") == "guidance") & (pl.col("status") == "planned"))
        .then(pl.lit("reported"))
        .otherwise(pl.col("status"))
    )
    return found.join(sentence_text, on=["doc_id", "sentence_no"], how="inner").select(
        _CANDIDATE.names()
    )


def _fact_status(facts: pl.LazyFrame) -> pl.LazyFrame:
    """Per sentence, the status its figures lend a trigger with no cue of its own: negated ->
    denied, rumored -> rumored, target -> planned (the figure is the goal, the act is
    planned); NULL when all are reported."""
    mapped = facts.filter(pl.col("fact_type") != "date").select(
        "doc_id",
        "sentence_no",
        pl.col("status")
        .replace_strict({"negated": 0, "rumored": 1, "target": 2}, default=9)
        .alias("rank"),
    )
    return (
        mapped.filter(pl.col("rank") < 9)
        .group_by("doc_id", "sentence_no")
        .agg(pl.col("rank").min())
        .select(
            "doc_id",
            "sentence_no",
            pl.col("rank")
            .replace_strict({0: "denied", 1: "rumored", 2: "planned"}, default=None)
            .alias("fact_status"),
        )
    )


def _subjects(
    events: pl.LazyFrame, facts: pl.LazyFrame, mentions: pl.DataFrame, entities: pl.DataFrame
) -> pl.LazyFrame:
    """Add subject_entity_id and subject (see the module docstring)."""
    c = pl.col
    orgs = (
        mentions.lazy()
        .filter((c("entity_type") == "ORG") & ~c("surface").is_in(list(NOT_SUBJECT_ORGS)))
        .select(
            "doc_id",
            c("sentence_no").cast(pl.Int32),
            c("char_start").cast(pl.Int32).alias("m_start"),
            c("char_end").cast(pl.Int32).alias("m_end"),
            "entity_id",
        )
    )
    main_org = (
        orgs.group_by("doc_id", "entity_id")
        .agg(pl.len().alias("n"))
        .sort(["doc_id", "n", "entity_id"], descending=[False, True, False])
        .group_by("doc_id", maintain_order=True)
        .agg(c("entity_id").first().alias("main_org"))
    )
    keyed = events.with_row_index("_event_no")
    pairs = keyed.select(
        "_event_no", "doc_id", "sentence_no", "sentence_start", "sentence", "trigger_start"
    ).join(orgs, on=["doc_id", "sentence_no"], how="inner")
    nearest_before = (
        pairs.filter(c("m_end") <= c("trigger_start"))
        .sort("_event_no", "m_start", descending=[False, True])
        .group_by("_event_no", maintain_order=True)
        .first()
        .select(
            "_event_no",
            c("entity_id").alias("org_before"),
            # A back-reference between the name and the trigger points past the name.
            c("sentence")
            .str.slice(c("m_end") - c("sentence_start"), c("trigger_start") - c("m_end"))
            .str.to_lowercase()
            .str.contains(_ascii_b(BACK_REFERENCE))
            .alias("refers_past_name"),
        )
    )
    first_after = (
        pairs.filter(c("m_start") >= c("trigger_start"))
        .sort("_event_no", "m_start")
        .group_by("_event_no", maintain_order=True)
        .first()
        .select("_event_no", c("entity_id").alias("org_after"))
    )
    fact_subject = (
        facts.filter(c("subject").is_not_null())
        .sort("doc_id", "sentence_no", c("subject_entity_id").is_null(), "char_start")
        .group_by("doc_id", "sentence_no", maintain_order=True)
        .agg(
            c("subject").first().alias("sentence_subject"),
            c("subject_entity_id").first().alias("sentence_subject_id"),
        )
    )
    before_text = (
        c("sentence").str.slice(0, c("trigger_start") - c("sentence_start")).str.to_lowercase()
    )
    refers_back = before_text.str.contains(_ascii_b(BACK_REFERENCE)) | before_text.str.contains(
        _ascii_b(WEAK_BACK_REFERENCE)
    )
    names = entities.lazy().select(
        c("entity_id").alias("subject_entity_id"), c("name").alias("entity_name")
    )
    joined = (
        keyed.join(nearest_before, on="_event_no", how="left")
        .join(first_after, on="_event_no", how="left")
        .join(main_org, on="doc_id", how="left")
        .join(fact_subject, on=["doc_id", "sentence_no"], how="left")
    )
    org_from_mentions = (
        pl.when(c("org_before").is_not_null() & ~c("refers_past_name").fill_null(False))
        .then(c("org_before"))
        .when(c("org_before").is_not_null() | refers_back)
        .then(c("main_org"))
    )
    subject_id = pl.coalesce(
        c("fact_subject_entity_id"),
        org_from_mentions,
        c("sentence_subject_id"),
        c("org_after"),
    )
    # A subject name with no entity (no mention supports it) comes from the facts.
    fallback_name = pl.coalesce(c("fact_subject"), c("sentence_subject"))
    return (
        joined.with_columns(subject_entity_id=subject_id)
        .join(names.unique("subject_entity_id"), on="subject_entity_id", how="left")
        .with_columns(
            subject=pl.when(c("subject_entity_id").is_not_null())
            .then(pl.coalesce(c("entity_name"), fallback_name))
            .otherwise(fallback_name)
        )
        .sort("_event_no")
        .drop(
            "_event_no",
            "org_before",
            "refers_past_name",
            "org_after",
            "main_org",
            "sentence_subject",
            "sentence_subject_id",
            "entity_name",
        )
    )


def extract_events(
    sentences: pl.LazyFrame,
    facts: pl.DataFrame,
    mentions: pl.DataFrame,
    entities: pl.DataFrame,
    documents: pl.LazyFrame,
) -> pl.DataFrame:
    """Business events (EVENT_COLUMNS) of the sentences, resting on the given facts, with
    subjects resolved through the entity mentions. ``documents`` is accepted for the
    interface; dates come already resolved in the facts."""
    del documents
    c = pl.col
    lazy_facts = facts.lazy().select(
        "fact_id",
        "doc_id",
        c("sentence_no").cast(pl.Int32),
        c("char_start").cast(pl.Int32),
        "fact_type",
        "subject",
        "subject_entity_id",
        "category",
        "value_date",
        "status",
        c("char_end").cast(pl.Int32),
    )
    sentence_text = sentences.select(
        "doc_id",
        c("sentence_no").cast(pl.Int32),
        c("char_start").cast(pl.Int32).alias("sentence_start"),
        c("text").alias("sentence"),
    )
    triggers = _trigger_candidates(sentences)
    from_facts = _fact_candidates(lazy_facts, sentence_text)
    candidates = (
        pl.concat([triggers.select(_CANDIDATE.names()), from_facts], how="vertical")
        .join(_fact_status(lazy_facts), on=["doc_id", "sentence_no"], how="left")
        .with_columns(
            # A trigger with no cue of its own shares the plan of an earlier one in its
            # sentence: "it will be refocusing ..., while making deep cuts in manpower".
            status=pl.when(
                c("status").is_null()
                & ~c("past_tense")
                & (
                    c("status")
                    .forward_fill()
                    .over(["doc_id", "sentence_no"], order_by="trigger_start")
                    == "planned"
                )
            )
            .then(pl.lit("planned"))
            .otherwise(c("status"))
        )
        .with_columns(status=pl.coalesce("status", "fact_status", pl.lit("reported")))
        .with_columns(
            event_type=pl.when(
                (c("event_type") == "divestiture") & c("status").is_in(["rumored", "denied"])
            )
            .then(pl.lit("divestiture_rumor"))
            .otherwise(c("event_type"))
        )
        .collect()
    )
    key = ["doc_id", "sentence_no", "event_type"]
    events = (
        candidates.sort([*key, "trigger_start", "rule"])
        .group_by(key, maintain_order=True)
        .agg(
            pl.all().exclude("driving_fact_id").first(),
            c("driving_fact_id").drop_nulls().alias("driving_fact_ids"),
        )
        .lazy()
    )
    # Facts are read only for sentences with an event (about 40% of them).
    event_sentences = events.select("doc_id", "sentence_no").unique()
    event_facts = lazy_facts.join(event_sentences, on=["doc_id", "sentence_no"], how="semi")
    sentence_facts = (
        event_facts.sort("doc_id", "sentence_no", "char_start", "fact_id")
        .group_by("doc_id", "sentence_no", maintain_order=True)
        .agg(
            c("fact_id").alias("all_fact_ids"),
            c("fact_id").filter(c("fact_type") == "date").alias("date_fact_ids"),
        )
    )
    dated = (
        events.select("doc_id", "sentence_no", "event_type", "trigger_start")
        .join(
            lazy_facts.filter((c("fact_type") == "date") & c("value_date").is_not_null()),
            on=["doc_id", "sentence_no"],
            how="inner",
        )
        .with_columns(
            distance=pl.when(c("char_start") >= c("trigger_start"))
            .then(c("char_start") - c("trigger_start"))
            .otherwise(c("trigger_start") - c("char_end"))
        )
        .sort([*key, "distance", "char_start"])
        .group_by(key, maintain_order=True)
        .agg(c("value_date").first())
    )
    with_facts = (
        events.join(sentence_facts, on=["doc_id", "sentence_no"], how="left")
        .join(dated, on=key, how="left")
        .with_columns(
            fact_ids=pl.when(c("driving_fact_ids").list.len() > 0)
            .then(
                pl.concat_list(
                    c("driving_fact_ids"),
                    c("date_fact_ids").fill_null(pl.lit([], pl.List(pl.String))),
                ).list.unique(maintain_order=True)
            )
            .otherwise(c("all_fact_ids").fill_null(pl.lit([], pl.List(pl.String))))
        )
    )
    with_subjects = _subjects(with_facts, event_facts, mentions, entities)
    return (
        with_subjects.select(
            "doc_id",
            "event_type",
            "subject",
            "subject_entity_id",
            "status",
            "value_date",
            c("sentence_start").alias("char_start"),
            (c("sentence_start") + c("sentence").str.len_chars().cast(pl.Int32)).alias("char_end"),
            c("sentence").alias("surface"),
            "sentence_no",
            "fact_ids",
            "rule",
        )
        .sort("doc_id", "char_start", "event_type")
        .collect()
        .cast(dict(EVENT_COLUMNS))  # type: ignore[arg-type]
        .select(EVENT_COLUMNS.names())
    )
