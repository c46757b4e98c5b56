"""Sources: who each article attributes its information to ("according to Gartner",
"sources told Reuters", "Source: Nikkei Asian Review").

    extract_sources(sentences, mentions, entities, boilerplate) -> SOURCES_COLUMNS

Rules are in ``rules.py`` (see its docstring for what is kept and what is skipped), labelled
examples in ``corpus.py``. Names are found from the text's shape; ``resolve_spans`` gives the
canonical name and id of the mention over each span, and a boilerplate source line is linked
to the entity whose name or alias it spells. Bump VERSION whenever the output changes.
"""

from __future__ import annotations

import polars as pl

from transforms.boilerplate.rules import SOURCE_LINE
from transforms.entities.linking import resolve_spans
from transforms.facts.spans import find_spans
from transforms.literals import literal_gate
from transforms.patterns import alternation
from transforms.roles.names import NOT_NAME_WORDS, group_spans, leading_words, trailing_words
from transforms.sources.rules import MEDIA_NAME, PREFILTER, RULES

__all__ = ["SOURCES_COLUMNS", "VERSION", "extract_sources"]

VERSION = "1"

SOURCES_COLUMNS = pl.Schema(
    {
        "doc_id": pl.String(),
        "source": pl.String(),
        "source_entity_id": pl.String(),
        "cue": pl.String(),
        "char_start": pl.Int32(),
        "char_end": pl.Int32(),
        "sentence_no": pl.Int32(),
        "line_no": pl.Int32(),
        "rule": pl.String(),
    }
)

_SPAN_COLUMNS = (
    "doc_id",
    "sentence_no",
    "rule_no",
    "rule",
    "cue",
    "lead",
    "tail",
    "source_start",
    "source_end",
    "source_surface",
)


def _length(text: pl.Expr) -> pl.Expr:
    return text.fill_null("").str.len_chars().cast(pl.Int32)


def _normalised_cue(rule: pl.Expr, cue: pl.Expr) -> pl.Expr:
    """Lower case, single spaces, no articles or adverbs: "As reported by" -> "reported by",
    " newspaper reported" -> "reported", "Source : " -> "source:"."""
    text = cue.str.to_lowercase().str.replace_all(r"\s+", " ").str.strip_chars(" ")
    text = text.str.replace(r"^(?:a|an|the|as|first|earlier|previously|originally) ", "")
    text = text.str.replace(r"^(?:new|latest|recent) ", "")
    text = text.str.replace(r"^.*\b(reported|reports|quoted)$", "$1")
    text = text.str.replace(r"^(?:sources|story via) ?", "")
    text = text.str.replace(r" ?:$", ":")
    line_cue = text.str.replace(r"^(?:sources?|source) ?:$", "source:")
    return pl.when(rule == "source.line").then(line_cue).otherwise(text)


def _rule_spans(sentences: pl.LazyFrame, rule_no: int) -> pl.LazyFrame:
    rule, pattern, groups = RULES[rule_no]
    # Each rule's regex runs only on the sentences holding one of its literals.
    found = find_spans(sentences, pattern, literal_gate(pattern), ascii_twin=True)
    spans = group_spans(found, pattern, groups)
    columns = groups  # group_spans adds a column per group (resolving the schema costs more)
    name = pl.col("name")
    # "On Monday Bloomberg" -> "Bloomberg", "told Reuters Monday" -> "Reuters"; a leading "The"
    # goes too ("The Wall Street Journal" -> "Wall Street Journal"), as it does after "the".
    start, end = pl.col("name_start"), pl.col("name_start") + _length(name)
    if rule != "source.line":  # a line's name is taken whole
        start = start + leading_words(pl.concat_str(name, pl.lit(" ")), NOT_NAME_WORDS)
        end = end - trailing_words(name, NOT_NAME_WORDS)
    local = start - pl.col("sentence_start")
    length = pl.max_horizontal(end - start, pl.lit(0, dtype=pl.Int32))
    return spans.select(
        "doc_id",
        "sentence_no",
        pl.lit(rule_no).alias("rule_no"),
        pl.lit(rule).alias("rule"),
        pl.col("cue"),
        pl.col("lead") if "lead" in columns else pl.lit(None, dtype=pl.String).alias("lead"),
        pl.col("tail") if "tail" in columns else pl.lit(None, dtype=pl.String).alias("tail"),
        start.alias("source_start"),
        end.alias("source_end"),
        pl.col("sentence").str.slice(local, length).alias("source_surface"),
    )


def _body_sources(
    sentences: pl.LazyFrame, mentions: pl.DataFrame, entities: pl.DataFrame
) -> pl.DataFrame:
    # Materialised once: every rule reads it, through a filter of its own.
    candidates_text = sentences.filter(pl.col("text").str.contains(PREFILTER)).collect().lazy()
    spans = (
        pl.concat([_rule_spans(candidates_text, i) for i in range(len(RULES))])
        .select(_SPAN_COLUMNS)
        .filter(pl.col("source_end") > pl.col("source_start"))
        .collect()
    )
    linked = resolve_spans(spans, mentions, entities, prefix="source", types=("ORG", "PERSON"))
    surface, rule, lead = pl.col("source_surface"), pl.col("rule"), pl.col("lead").fill_null("")
    media = surface.str.contains(MEDIA_NAME)
    cue = pl.col("cue")
    has_descriptor = cue.str.contains(r"^ \S.* (?:reported|reports|quoted)$")
    is_report = cue.str.contains(r"said in a|wrote in a")
    has_report_word = lead.str.contains(r"\S ")  # "data from ", "a report by "
    linked_name = pl.col("source_entity_id").is_not_null()
    keep = (
        pl.when(rule.is_in(["source.told"]))
        .then(media)
        .when(rule == "source.citing")
        .then(pl.col("tail").is_null() & (media | has_report_word | linked_name))
        .when(rule == "source.reported")
        .then(~lead.str.contains(r"^(?:an?|An?) ") & (media | has_descriptor | is_report))
        .when(rule == "source.line")
        .then(surface.str.count_matches(" ") < 8)
        .otherwise(pl.lit(True))
    )
    # A name that is only a sentence-start word ("According to The ...") is no name.
    not_a_name = rf"^(?:{alternation(list(NOT_NAME_WORDS))})$"
    return (
        linked.filter(keep & ~surface.str.contains(not_a_name))
        .with_columns(
            cue=_normalised_cue(rule, cue),
            source=pl.when(rule == "source.anonymous")
            .then(surface.str.to_lowercase())
            .otherwise(pl.col("source")),
        )
        .sort("doc_id", "source_start", "rule_no")
        # One source per name span: the first rule in RULES wins.
        .unique(["doc_id", "source_start", "source_end"], keep="first", maintain_order=True)
        .select(
            "doc_id",
            "source",
            "source_entity_id",
            "cue",
            pl.col("source_start").alias("char_start"),
            pl.col("source_end").alias("char_end"),
            "sentence_no",
            pl.lit(None, dtype=pl.Int32).alias("line_no"),
            "rule",
        )
    )


def _boilerplate_sources(boilerplate: pl.DataFrame, entities: pl.DataFrame) -> pl.DataFrame:
    """Sources from removed "Source:" / "Via:" lines, linked by exact (case-insensitive) name
    or alias of an ORG entity."""
    lines = boilerplate.filter(pl.col("kind") == "source_line")
    parts = pl.col("text").str.extract_groups(SOURCE_LINE)
    rows = (
        lines.with_columns(_parts=parts)
        .unnest("_parts")
        .select(
            "doc_id",
            pl.col("line_no").cast(pl.Int32),
            pl.col("2").str.strip_chars(" .").alias("source"),
            pl.col("1").str.to_lowercase().alias("cue_word"),
        )
        .filter(pl.col("source").is_not_null() & (pl.col("source") != ""))
    )
    names = (
        entities.filter(pl.col("entity_type") == "ORG")
        .select(
            "entity_id",
            pl.concat_list(pl.col("name"), pl.col("aliases").fill_null([])).alias("_name"),
        )
        .explode("_name", empty_as_null=False)
        .select(pl.col("_name").str.to_lowercase().alias("_key"), "entity_id")
        .unique("_key", keep="first", maintain_order=True)
    )
    canonical = entities.select("entity_id", pl.col("name").alias("_canonical"))
    cue = (
        pl.when(pl.col("cue_word").str.contains(r"^sources?$"))
        .then(pl.lit("source:"))
        .when(pl.col("cue_word").str.contains("via"))
        .then(pl.lit("via:"))
        .otherwise(pl.col("cue_word") + ":")
    )
    return (
        rows.with_columns(_key=pl.col("source").str.to_lowercase())
        .join(names, on="_key", how="left")
        .join(canonical, on="entity_id", how="left")
        .select(
            "doc_id",
            pl.coalesce("_canonical", "source").alias("source"),
            pl.col("entity_id").alias("source_entity_id"),
            cue.alias("cue"),
            pl.lit(None, dtype=pl.Int32).alias("char_start"),
            pl.lit(None, dtype=pl.Int32).alias("char_end"),
            pl.lit(None, dtype=pl.Int32).alias("sentence_no"),
            "line_no",
            pl.lit("source.boilerplate_line").alias("rule"),
        )
    )


def extract_sources(
    sentences: pl.LazyFrame,
    mentions: pl.DataFrame,
    entities: pl.DataFrame,
    boilerplate: pl.DataFrame,
) -> pl.DataFrame:
    """Sources in ``sentences`` and in boilerplate source lines (SOURCES_COLUMNS, sorted by
    doc_id, then body sources by offset, then boilerplate lines by line number)."""
    body = _body_sources(sentences, mentions, entities)
    lines = _boilerplate_sources(boilerplate, entities)
    both = pl.concat(
        [
            body.select(pl.col(n).cast(t) for n, t in SOURCES_COLUMNS.items()),
            lines.select(pl.col(n).cast(t) for n, t in SOURCES_COLUMNS.items()),
        ]
    )
    return both.sort("doc_id", "char_start", "line_no", nulls_last=True, maintain_order=True)
