"""Person - title - organisation roles ("Sony Mobile President and CEO Hiroki Totoki").

    extract_roles(sentences, mentions, entities) -> ROLES_COLUMNS

Rules and word lists are in ``rules.py`` (see its docstring), labelled examples in
``corpus.py``. Names are found from the text's shape, so a role is found even where the
entity extractor missed a name; ``resolve_spans`` then gives the canonical name and id of
the mention over each span. Bump VERSION whenever a rule or word list changes the output.
"""

from __future__ import annotations

import polars as pl

from transforms.entities.linking import resolve_spans
from transforms.facts.spans import (
    contains,
    context_after,
    context_before,
    extract_groups,
    find_spans,
)
from transforms.patterns import alternation
from transforms.roles.names import NOT_NAME_WORDS, group_spans, leading_words, trailing_words
from transforms.roles.rules import (
    APPOSITION,
    APPOSITION_GROUPS,
    NOT_ORGS,
    ORG_BEFORE_TITLE,
    ORG_WORDS,
    PREFILTER,
    PREMODIFIER,
    PREMODIFIER_GATE,
    PREMODIFIER_GROUPS,
    STRIP_BEFORE_NAME,
)

__all__ = ["ROLES_COLUMNS", "VERSION", "extract_roles"]

VERSION = "2"

ROLES_COLUMNS = pl.Schema(
    {
        "doc_id": pl.String(),
        "person": pl.String(),
        "person_entity_id": pl.String(),
        "title": pl.String(),
        "org": pl.String(),
        "org_entity_id": pl.String(),
        "char_start": pl.Int32(),
        "char_end": pl.Int32(),
        "sentence_no": pl.Int32(),
        "rule": pl.String(),
    }
)

# One row per candidate before linking.
_CANDIDATE_COLUMNS = (
    "doc_id",
    "sentence_no",
    "char_start",
    "char_end",
    "person_start",
    "person_end",
    "person_surface",
    "title",
    "org_start",
    "org_end",
    "org_surface",
    "rule",
)


def _text(start: pl.Expr, end: pl.Expr) -> pl.Expr:
    """The sentence text between two body_text offsets (find_spans rows)."""
    length = pl.max_horizontal(end - start, pl.lit(0, dtype=pl.Int32))
    return pl.col("sentence").str.slice(start - pl.col("sentence_start"), length)


def _length(text: pl.Expr) -> pl.Expr:
    return text.fill_null("").str.len_chars().cast(pl.Int32)


# Raw rule output, cleaned by _candidates: offsets into body_text, texts as matched.
_RAW_COLUMNS = (
    "doc_id",
    "sentence_no",
    "sentence_start",
    "sentence",
    "lead_start",  # where the role starts when it does not start at the org/title
    "title_start",
    "title",
    "org_start",
    "org",
    "person_start",
    "person",
    "end_start",  # apposition: where the role ends (before its closing punctuation)
    "rule",
)


def _premodifier(sentences: pl.LazyFrame) -> pl.LazyFrame:
    gate = contains(pl.col("text"), PREMODIFIER_GATE)
    spans = group_spans(
        find_spans(sentences, PREMODIFIER, gate, ascii_twin=True), PREMODIFIER, PREMODIFIER_GROUPS
    )
    # "Apple's chief executive, Tim Cook, said": after a comma the name must close the
    # apposition -- in "his second term as US President, Tony Blair has said" it starts a
    # new clause.
    person_end = pl.col("person_start") + _length(pl.col("person"))
    closed = context_after(person_end, 2).str.contains(r"^(?:[,;:)\"”]|\.(?:\s|$)|$)")
    spans = spans.filter(~pl.col("title_sep").str.contains(",") | closed)
    before = extract_groups(context_before(pl.col("title_start"), 120), ORG_BEFORE_TITLE)
    spans = spans.with_columns(_before=before).unnest("_before")
    org_start = pl.col("title_start") - _length(pl.col("org_sep")) - _length(pl.col("org"))
    pre = pl.col("pre").fill_null("")
    return spans.select(
        "doc_id",
        "sentence_no",
        "sentence_start",
        "sentence",
        pl.when(pre != "").then(org_start - _length(pre)).alias("lead_start"),
        "title_start",
        # "former Apple CEO" -> "former CEO"
        pl.concat_str(pre, pl.col("title")).alias("title"),
        pl.when(pl.col("org").is_not_null()).then(org_start).alias("org_start"),
        "org",
        "person_start",
        "person",
        pl.lit(None, dtype=pl.Int32).alias("end_start"),
        pl.lit("role.premodifier").alias("rule"),
    )


def _apposition(sentences: pl.LazyFrame) -> pl.LazyFrame:
    spans = group_spans(
        find_spans(sentences, APPOSITION, ascii_twin=True), APPOSITION, APPOSITION_GROUPS
    )
    # The organisation after "of/at/for" is the employer; else the one before the title.
    after = pl.col("org_after").is_not_null()
    return spans.select(
        "doc_id",
        "sentence_no",
        "sentence_start",
        "sentence",
        pl.lit(None, dtype=pl.Int32).alias("lead_start"),
        "title_start",
        "title",
        pl.when(after)
        .then(pl.col("org_after_start"))
        .otherwise(pl.col("org_start"))
        .alias("org_start"),
        pl.coalesce(pl.col("org_after"), pl.col("org")).alias("org"),
        "person_start",
        "person",
        "end_start",
        pl.lit("role.apposition").alias("rule"),
    )


def _candidates(raw: pl.LazyFrame) -> pl.LazyFrame:
    """Trim names to their real extent and compute the role's span (_CANDIDATE_COLUMNS)."""
    org, person = pl.col("org"), pl.col("person")
    # "On Monday Sony CEO ...", "Kuala Lumpur-based RHB Bank" -> "Sony", "RHB Bank".
    org_lead = pl.concat_str(org, pl.lit(" ")).str.extract(
        rf"^((?:(?:{alternation(list(NOT_NAME_WORDS))}) |[^ ]+-based )*)", 1
    )
    org_start = pl.col("org_start") + _length(org_lead)
    org_end = pl.col("org_start") + _length(org)
    org_text = _text(org_start, org_end)
    local = org_start - pl.col("sentence_start")
    # The org must start a word: not "AX" out of the ticker "PBL.AX".
    before_org = pl.when(local > 0).then(pl.col("sentence").str.slice(local - 1, 1))
    has_org = (
        org.is_not_null()
        & (org_end > org_start)
        & ~org_text.is_in(list(NOT_ORGS))
        & (before_org.is_null() | before_org.str.contains(r"^[\s(\"“']$"))
    )
    # "In January Tim Cook, ...", "Chief Executive Tim Cook, ..." -> "Tim Cook".
    person_start = pl.col("person_start") + leading_words(
        pl.concat_str(person, pl.lit(" ")), STRIP_BEFORE_NAME
    )
    person_end = pl.col("person_start") + _length(person) - trailing_words(person, NOT_NAME_WORDS)
    start = pl.coalesce(
        pl.col("lead_start"),
        pl.when(pl.col("rule") == "role.apposition").then(person_start),
        pl.when(has_org).then(org_start),
        pl.col("title_start"),
    )
    return raw.select(
        "doc_id",
        "sentence_no",
        start.alias("char_start"),
        pl.coalesce(pl.col("end_start"), person_end).alias("char_end"),
        person_start.alias("person_start"),
        person_end.alias("person_end"),
        _text(person_start, person_end).alias("person_surface"),
        pl.col("title").str.replace_all(r"\s+", " ").str.strip_chars(" ,").alias("title"),
        pl.when(has_org).then(org_start).alias("org_start"),
        pl.when(has_org).then(org_end).alias("org_end"),
        pl.when(has_org).then(org_text).alias("org_surface"),
        "rule",
    ).filter(pl.col("person_end") > pl.col("person_start"))


def extract_roles(
    sentences: pl.LazyFrame, mentions: pl.DataFrame, entities: pl.DataFrame
) -> pl.DataFrame:
    """Roles found in ``sentences`` (SENTENCES columns), linked to ``mentions``/``entities``
    (ROLES_COLUMNS, sorted by doc_id, char_start)."""
    candidates_text = sentences.filter(pl.col("text").str.contains(PREFILTER))
    raw = pl.concat([_premodifier(candidates_text), _apposition(candidates_text)])
    candidates = _candidates(raw.select(_RAW_COLUMNS)).select(_CANDIDATE_COLUMNS).collect()
    linked = resolve_spans(candidates, mentions, entities, prefix="person", types=("PERSON",))
    # The same span as an organisation or place: "fund manager Fidelity Investments".
    as_other = resolve_spans(
        linked.select(
            "doc_id",
            pl.col("person_start").alias("other_start"),
            pl.col("person_end").alias("other_end"),
            pl.col("person_surface").alias("other_surface"),
        ),
        mentions,
        entities,
        prefix="other",
        types=("ORG", "LOCATION", "PRODUCT"),
    )
    linked = linked.with_columns(other_entity_id=as_other["other_entity_id"])
    is_person_mention = pl.col("person_entity_id").is_not_null()
    words = pl.col("person_surface").str.count_matches(" ") + 1
    org_word = rf"\b(?:{alternation(list(ORG_WORDS))})\b"
    kept = linked.filter(
        is_person_mention
        | (
            (words >= 2)
            & pl.col("other_entity_id").is_null()
            & ~pl.col("person_surface").str.contains(org_word)
        )
    )
    roles = resolve_spans(kept, mentions, entities, prefix="org", types=("ORG",))
    return (
        roles.sort("doc_id", "char_start", "rule")
        # One role per person span and title: the first rule (by position) wins.
        .unique(
            ["doc_id", "person_start", "person_end", "title"], keep="first", maintain_order=True
        )
        .select(pl.col(n).cast(t) for n, t in ROLES_COLUMNS.items())
    )
