"""Entity mentions from capitalised runs: gazetteer n-grams, cue patterns, then the document's
own names (surname after full name, same string elsewhere).

1. Runs: one regex finds capitalised token sequences (with connectors such as "of", "&", a
   spaced hyphen), keeping the text just before and after each run for cues. Tokenised
   punctuation inside a name ("U.S .", "Yahoo !") is glued by a same-length rewrite, so
   offsets hold; lone stop words ("The") are dropped at once.
2. Tokens: runs split on spaces, with offsets, possessive "'s" marked, and word classes
   (titles, stop words, first names, organisation heads, common words ...) joined on.
3. Gazetteer: n-grams of 1..6 tokens hash-joined to every alias (as written, and upper-cased
   for ALL-CAPS text), under each spelling: possessive cut, whole ("McDonald's"), without a
   final period ("News Corp."), spaced hyphen joined ("Wal - Mart").
4. Patterns: chunks of name tokens typed by cues (a title before, a legal suffix or head word
   at the end, "-based", ", a spokesman" ...), then by fallbacks for a lone word (a listed
   surname, a result line, "in X", an inner capital). Chunks without evidence are left out.
5. The document's names: keys from the mentions so far (full surface; a person's first and
   last name; an organisation's leading words) are joined to every n-gram of the document;
   a key shared by several entities goes to the one introduced last before the n-gram.
Overlaps are resolved longest first, then by source priority. Inside, documents are numbered
(doc_id is an integer until the end).
"""

from __future__ import annotations

import polars as pl

from transforms.entities import gazetteer, lexicon
from transforms.facts.spans import by_ascii
from transforms.patterns import alternation

_OPEN, _CLOSE = "\x01", "\x02"
# Stands in for a space that tokenised text put inside a name ("U.S .", "Yahoo !"): the
# text keeps its length, so offsets hold, and keys drop it ("U.S.", "Yahoo!"). A spaced
# hyphen ("Wal - Mart") is more often a separator ("Syria - Lloyds Shipping"), so it stays a
# connector and only the gazetteer lookup tries the joined form.
_GLUE = "\x03"
_SPACED_PERIOD = (
    rf"(\b(?:\p{{Lu}}\.)+\p{{Lu}}|\b(?:{alternation(lexicon.DOTTED_ABBREVIATIONS)})) \."
)
_COMMA_SUFFIX = r"^ ?, (?:Inc|LLC|LLP|Ltd|Corp|Co|LP|plc|PLC|L\.P|N\.V|S\.A|AG|SA|NV)\b\.?"
_CUE_CHARS = 80
_SPACED_BANG = r"(\p{Lu}\p{Ll}+) !"

_DOTTED = alternation(lexicon.DOTTED_ABBREVIATIONS)
_WORD = (
    r"\p{Lu}[\p{L}\p{N}]*(?:['’]\p{L}+)?"
    r"(?:[&\-][\p{Lu}\p{N}][\p{L}\p{N}]*(?:['’]\p{L}+)?)*"
    r"(?:\.(?:com|net)\b|\x03!)?"
)
_INITIALS = r"(?:\p{Lu}\.){1,3}\p{Lu}\x03\.|(?:\p{Lu}\.){1,4}"
_CAMEL = r"\p{Ll}{1,2}\p{Lu}[\p{L}\p{N}]*"  # iPhone, eBay
_NUMBER_NAME = r"\p{N}+-?\p{Lu}[\p{L}\p{N}]*"  # 3M, 7-Eleven
NAME_TOKEN = rf"\b(?:(?:{_DOTTED})\x03?\.|{_INITIALS}|{_WORD}|{_CAMEL}|{_NUMBER_NAME})"
RUN = rf"{NAME_TOKEN}(?: (?:(?:{alternation(lexicon.NAME_CONNECTORS)}) )*{NAME_TOKEN})*"

# Connectors that may sit inside a pattern-found name ("Bank of Japan", "Procter & Gamble");
# the others ("and", "the", "for") split chunks.
_INNER_CONNECTORS = (
    "of", "&", "de", "del", "della", "di", "da", "do", "dos", "das", "du", "des", "van", "von",
    "der", "den", "la", "le", "y", "al", "el", "bin",
)  # fmt: skip

_ROLE_BEFORE = rf"(?i)\b(?:{alternation(lexicon.PERSON_ROLE_WORDS)})\.?,? $"
_ROLE_AFTER = (
    rf"^,? (?:(?:a|an|the|its|his|her|their) )?(?:[\p{{L}}\-’']+ ){{0,3}}?"
    rf"(?:{alternation(lexicon.PERSON_ROLE_WORDS)})\b"
)
_COMPANY_NOUNS = (
    "company", "firm", "group", "maker", "manufacturer", "bank", "lender", "insurer",
    "carrier", "operator", "retailer", "producer", "provider", "airline", "brokerage",
    "agency", "fund", "conglomerate", "giant", "chain", "supplier", "developer", "startup",
    "automaker", "carmaker", "publisher", "broadcaster", "network", "newspaper", "club",
    "team", "party", "side", "subsidiary", "unit", "venture", "vendor", "exchange",
)  # fmt: skip
_COMPANY_AFTER = (
    rf"^,? (?:(?:the|a|an|which|whose|its) )(?:[\p{{L}}\-’'\d]+ ){{0,4}}?"
    rf"(?:{alternation(_COMPANY_NOUNS)})s?\b"
)
_ORG_VERB_AFTER = (
    r"^(?:['’]s)? (?:shares|stock|stake|shareholders|subsidiary|spokesman|spokeswoman|"
    r"spokesperson|executives|board|unit)\b"
)
_SPEECH_AFTER = rf"^,? (?:{alternation(lexicon.SPEECH_VERBS)})\b"
_SPEECH_BEFORE = rf"(?:{alternation(lexicon.SPEECH_VERBS)}|according to),? $"
_PERSON_AFTER = r"^(?:, (?:who|whose|aged?) |, \d{1,2},| \(\d{1,2}\))"
# "S&P 500", "FTSE 100", "Nasdaq Composite": a market index, not the organisation.
_INDEX_AFTER = (
    r"^ (?:(?:10|20|30|40|50|100|200|225|250|300|400|500|600|1000|2000)(?: [^\d]|$)"
    r"|Composite\b|[Ii]ndex\b|[Ii]ndices\b)"
)
# Words of a sentence about a match (substrings, matched with one Aho-Corasick pass): a city
# or county named beside a result verb there is its club ("Chicago beat Atlanta").
_SPORTS_WORDS = (
    " beat ", " drew ", " draw ", "innings", "wicket", " goal", " scored ", "halftime",
    " defeated ", " match", " season", " league", " League", " cup ", " Cup ", "striker",
    "midfielder", "batting", "bowling", "inning", "homered", "pitcher", "quarterback",
    "touchdown", " v ", " vs ", " vs. ",
)  # fmt: skip
_TEAM_AFTER = (
    r"^,? (?:beat|beats|drew|draw|lost|won|defeated|edged|routed|thrashed|led|trailed|"
    r"\d{1,3}-\d{1,3}|v|vs)\b"
)
_TEAM_BEFORE = r"\b(?:beat|beating|v|vs\.?|against|drew with|defeated|over|to) $"
# A result line: "CHICAGO 52 40 .565", "Minnesota 6 TORONTO 4", "Groningen 1 Roda JC 1".
# A result line: "CHICAGO 52 40 .565", "Essex 5 Kent 3" (the gap ends at the next name).
_SCORES_AFTER = r"^ \d{1,3}(?: \d| [,;(]|$| $| \.\d)"
_PLACE_BEFORE = r"\b(?:in|near) $"
_ACRONYM = r"^\p{Lu}[\p{Lu}&]{1,5}$"
_INITIAL = r"^\p{Lu}\.$"
_SENTENCE_START = r"^[\s\"“‘'(\[\-–—:•*]*$"
_AFTER_OPENER = r"(?:[:;\"“‘(\[]|[\-–—] )\s*$"


def _rewritten(text: pl.Expr) -> pl.Expr:
    """A sentence's text as the runs are read from: tokenised punctuation glued to its name,
    curly apostrophes straightened (same length in code points: offsets hold)."""
    # Rewritten in full: a when/then mask does not spare polars the nulled rows (their views
    # stay in the array), so testing for tokenised text first only added a pass.
    return (
        text.str.replace_all(_SPACED_PERIOD, f"${{1}}{_GLUE}.")
        .str.replace_all(_SPACED_BANG, f"${{1}}{_GLUE}!")
        .str.replace_all("’", "'", literal=True)
    )


def find_runs(sentences: pl.LazyFrame) -> pl.LazyFrame:
    """One row per capitalised run: run_id, doc_id, sentence_row, sentence_start, run_start
    (offset in the sentence), run, before/after (the sentence text around it, up to the
    neighbouring runs), shouting (the sentence is ALL CAPS), starts_sentence (only openers
    before it). ``sentences``: doc_id, sentence_row, char_start, char_end, text (as in
    SENTENCES, char_end - char_start is the text's length in code points)."""
    # Each run is wrapped in one marker, so the split alternates gap, run, gap, ..., gap:
    # a run's neighbours are its gaps (no second split of every piece).
    marker = f"{_OPEN}${{0}}{_OPEN}"
    rewritten = _rewritten(pl.col("text"))
    text = pl.col("text")
    marked = (
        sentences.select(
            "doc_id",
            "sentence_row",
            pl.col("char_start").alias("sentence_start"),
            (pl.col("char_end") - pl.col("char_start")).alias("sentence_len"),
            rewritten.alias("text"),
        )
        .select(
            "doc_id",
            "sentence_row",
            "sentence_start",
            # The rewrites keep the length in code points: as many bytes means ASCII only.
            (text.str.len_bytes() == pl.col("sentence_len")).alias("ascii"),
            # ALL CAPS: no lower-case letter (a scan, not an upper-cased copy of the text).
            ~text.str.contains(r"\p{Ll}").alias("shouting"),
            by_ascii(text, "replace_all", RUN, marker).str.split(_OPEN).alias("pieces"),
        )
        .filter(pl.col("pieces").list.len() > 1)
    )
    piece = pl.col("piece")
    split = (
        marked.with_columns(piece_no=pl.int_ranges(0, pl.col("pieces").list.len(), dtype=pl.Int32))
        .explode("pieces", "piece_no", empty_as_null=False)
        .rename({"pieces": "piece"})
        .collect()
    )
    # Lengths in code points: in an ASCII sentence (most news) the byte count, read from the
    # string's view; characters are counted in the other sentences' pieces only.
    others = split.select(pl.arg_where(~pl.col("ascii"))).to_series()
    piece_len = (
        split["piece"]
        .str.len_bytes()
        .cast(pl.Int64)
        .scatter(others, split["piece"].gather(others).str.len_chars().cast(pl.Int64))
    )
    exploded = (
        split.lazy()
        .with_columns(piece_len=piece_len)
        .with_columns(before_len=pl.col("piece_len").cum_sum() - pl.col("piece_len"))
        .with_columns(
            run_start=(
                pl.col("before_len")
                - pl.when(pl.col("piece_no") == 0).then(pl.col("before_len")).forward_fill()
            ).cast(pl.Int32),
            # Odd pieces are runs (null on gaps: the word-list lookups skip long gaps).
            run=pl.when(pl.col("piece_no") % 2 == 1).then(piece),
            # A sentence's pieces end on a gap: a run's neighbours are in its sentence.
            before=piece.shift(1),
            after=piece.shift(-1),
            next_run=pl.when(pl.col("piece_no").shift(-2) > pl.col("piece_no")).then(
                piece.shift(-2)
            ),
        )
    )
    # A lone stop word ("The", "It": a quarter of all runs) can never be a name, nor can a
    # lone ordinary word that opens a sentence ("Shares", "Analysts") unless it is an alias.
    run = pl.col("run")
    lone_stop = run.is_in(pl.Series(lexicon.STOP_WORDS).implode())
    lone_opener = run.is_in(gazetteer.plain_openers().implode()) & pl.col("starts_sentence")
    runs = (
        exploded.filter(run.is_not_null() & ~lone_stop)
        # A row index stops polars folding the next filter into this one: the regex then
        # reads the runs' gaps only, not every gap.
        .with_row_index("_barrier")
        .with_columns(starts_sentence=pl.col("before").str.contains(_SENTENCE_START))
        .filter(~lone_opener)
        .select(
            "doc_id",
            "sentence_row",
            "sentence_start",
            "shouting",
            "run_start",
            "run",
            "before",
            "after",
            "starts_sentence",
            "next_run",
        )
        .collect()
    )
    # "Morningstar, Inc." / "Morningstar , Inc": the legal form after a comma. Only a gap
    # that opens with a comma can hold one: the pattern reads those runs alone. The form is
    # at most 8 characters, so ten of the gap and of the next run read as the whole text.
    after = pl.col("after")
    comma_rows = runs.select(
        pl.arg_where(after.str.starts_with(",") | after.str.starts_with(" ,"))
    ).to_series()
    comma_lengths = (
        runs.select(pl.col("after", "next_run").gather(comma_rows))
        .select(
            pl.concat_str(after.str.slice(0, 10), pl.col("next_run").str.slice(0, 10))
            .str.extract(_COMMA_SUFFIX, 0)
            .str.len_chars()
            .cast(pl.Int32)
            .fill_null(0)
        )
        .to_series()
    )
    comma_suffix = pl.zeros(runs.height, pl.Int32, eager=True).scatter(comma_rows, comma_lengths)
    return (
        runs.drop("next_run")
        .with_columns(comma_suffix=comma_suffix)
        .with_row_index("run_id")
        .lazy()
    )


def tokens_of(runs: pl.LazyFrame) -> pl.LazyFrame:
    """One row per token of each run, with offsets in the document and word classes. The
    run's texts stay with the runs (rows by run_id): tokens carry no long strings."""
    tokens = (
        runs.with_columns(
            pl.col("run").str.split(" ").alias("tok"),
            # The run opens a sentence or follows an opener (read once per run).
            opens_sentence=pl.col("starts_sentence") | pl.col("before").str.contains(_AFTER_OPENER),
        )
        .drop("run", "before", "after", "starts_sentence")
        .with_columns(
            tok_no=pl.int_ranges(0, pl.col("tok").list.len(), dtype=pl.Int32),
            run_len=pl.col("tok").list.len().cast(pl.Int32),
        )
        .explode("tok", "tok_no", empty_as_null=False)
        .with_columns(step=pl.col("tok").str.len_chars().cast(pl.Int64) + 1)
        .with_columns(cum=pl.col("step").cum_sum() - pl.col("step"))
        .with_columns(
            in_run=pl.col("cum") - pl.when(pl.col("tok_no") == 0).then(pl.col("cum")).forward_fill()
        )
    )
    possessive = pl.col("tok").str.ends_with("'s")  # apostrophes were straightened
    tokens = (
        tokens.with_columns(
            start=(pl.col("sentence_start") + pl.col("run_start") + pl.col("in_run")).cast(
                pl.Int32
            ),
            is_possessive=possessive,
            is_contraction=pl.col("tok").str.contains(r"'(?:t|re|ll|ve|d|m)$").fill_null(False),
            # The glue goes once the offsets are read (it never touches a final "'s"). (A
            # when/then mask would not save the scan: polars evaluates both branches.)
            tok=pl.col("tok").str.replace_all(_GLUE, "", literal=True),
        )
        .with_columns(
            # Lengths from the step above: the token less its "'s" ends the name.
            tok_end=(pl.col("start") + pl.col("step") - 1).cast(pl.Int32),
            core=pl.col("tok").str.strip_suffix("'s"),
        )
        .with_columns(
            end=(pl.col("tok_end") - pl.col("is_possessive").cast(pl.Int32) * 2).cast(pl.Int32)
        )
        .with_columns(lookup=gazetteer.lookup_form(pl.col("core")))
    )
    words, masks = gazetteer.token_class_masks()
    tokens = (
        tokens.with_columns(
            class_mask=pl.col("lookup").replace_strict(
                words, masks, default=0, return_dtype=pl.Int32
            )
        )
        .with_columns(
            ((pl.col("class_mask") & (1 << i)) != 0).alias(name)
            for i, name in enumerate(gazetteer.TOKEN_CLASSES)
        )
        .with_columns(
            opens_alias=(pl.col("class_mask") & gazetteer.ALIAS_OPENER_BIT) != 0,
            alias_word=(pl.col("class_mask") & gazetteer.ALIAS_WORD_BIT) != 0,
        )
    )
    return tokens.select(
        "run_id",
        "doc_id",
        "sentence_row",
        "shouting",
        "tok_no",
        "run_len",
        "in_run",
        "tok",
        "core",
        "lookup",
        "start",
        "end",
        "tok_end",
        "opens_sentence",
        "comma_suffix",
        "is_possessive",
        "is_contraction",
        "is_common",
        "opens_alias",
        "alias_word",
        *gazetteer.WORD_CLASSES,
    )


MAX_NGRAM = 6
# "the" in every mix of cases: only ASCII letters lower-case to "t", "h" and "e".
_THE_CASES = tuple(a + b + c for a in "tT" for b in "hH" for c in "eE")


# The token columns the n-grams are built from.
_NGRAM_INPUTS = (
    "run_id", "doc_id", "sentence_row", "tok_no", "run_len", "shouting", "prev_is_the",
    "is_title", "is_connector", "is_possessive", "tok", "core", "start", "end", "tok_end",
    "comma_suffix", "suffix1", "suffix2", "end1", "end2", "poss1", "poss_suffix", "opens_alias",
    "alias_word",
)  # fmt: skip


def ngrams_of(tokens: pl.LazyFrame) -> pl.LazyFrame:
    """Every token n-gram (1..MAX_NGRAM) inside a run that could be a name: it starts and
    ends on a name token. ``key`` is the text with the last token's possessive cut;
    ``crosses_possessive`` and ``poss_suffix`` (the last token's "'s") let the gazetteer try
    the whole text ("McDonald's", "Moody's Investors Service", up to ``full_end``);
    ``ext_end`` also covers legal suffixes that follow."""
    t = tokens.with_columns(
        # Legal/group suffixes right after a token (up to two: "Holdings Ltd.").
        suffix1=(
            pl.col("is_org_suffix").shift(-1) & (pl.col("run_id").shift(-1) == pl.col("run_id"))
        ).fill_null(False)
        & ~pl.col("is_possessive"),
        suffix2=(
            pl.col("is_org_suffix").shift(-2) & (pl.col("run_id").shift(-2) == pl.col("run_id"))
        ).fill_null(False),
        end1=pl.col("end").shift(-1),
        end2=pl.col("end").shift(-2),
        poss1=pl.col("is_possessive").shift(-1).fill_null(False),
        # The previous token is "the" in any case (a lookup, not a lower-cased copy).
        prev_is_the=pl.when(pl.col("tok_no") > 0).then(
            pl.col("tok").shift(1).is_in(pl.Series(_THE_CASES).implode())
        ),
        # Apostrophes were straightened: a possessive token ends in exactly this.
        poss_suffix=pl.when(pl.col("is_possessive")).then(pl.lit("'s")),
    )
    # Most runs are one or two tokens: longer n-grams are built from longer runs only. The
    # run's text around it stays with the runs (gazetteer_candidates reads it for matches).
    t = t.select(_NGRAM_INPUTS).collect().lazy()
    frames = []
    for n in range(1, MAX_NGRAM + 1):
        last = n - 1
        pieces = [pl.col("tok").shift(-i) for i in range(last)] + [pl.col("core").shift(-last)]
        crosses_possessive = pl.lit(False)
        for i in range(last):
            crosses_possessive = crosses_possessive | pl.col("is_possessive").shift(-i)
        valid = (
            (pl.col("run_id").shift(-last) == pl.col("run_id"))
            & ~pl.col("is_connector")
            & ~pl.col("is_connector").shift(-last)
        )
        at_run_end = (pl.col("run_id").shift(-n) != pl.col("run_id")).fill_null(True)
        suffix_end = (
            pl.when(at_run_end & (pl.col("comma_suffix") > 0))
            .then(pl.col("tok_end").shift(-last) + pl.col("comma_suffix"))
            .when(
                pl.col("suffix1").shift(-last)
                & pl.col("suffix2").shift(-last)
                & ~pl.col("poss1").shift(-last)
            )
            .then(pl.col("end2").shift(-last))
            .when(pl.col("suffix1").shift(-last))
            .then(pl.col("end1").shift(-last))
            .otherwise(pl.col("end").shift(-last))
        )
        frames.append(
            t.filter(pl.col("run_len") >= n)
            .select(
                "run_id",
                "doc_id",
                "sentence_row",
                "tok_no",
                "prev_is_the",
                "shouting",
                pl.col("is_title").alias("first_is_title"),
                "opens_alias",
                "alias_word",
                pl.col("start").shift(-1).alias("second_start"),
                pl.lit(n, dtype=pl.Int32).alias("n"),
                pl.col("start"),
                pl.col("end").shift(-last).alias("end"),
                # The run's after-text follows the n-gram (a flag: the runs keep the text).
                (pl.col("run_id").shift(-n) != pl.col("run_id"))
                .fill_null(False)
                .alias("at_run_end"),
                suffix_end.alias("ext_end"),
                pl.concat_str(pieces, separator=" ").alias("key"),
                crosses_possessive.fill_null(False).alias("crosses_possessive"),
                pl.col("poss_suffix").shift(-last).alias("poss_suffix"),
                pl.col("tok_end").shift(-last).alias("full_end"),
                valid.fill_null(False).alias("valid"),
            )
            .filter(pl.col("valid"))
        )
    return pl.concat(frames).drop("valid")


def _with_full_key(ngrams: pl.LazyFrame) -> pl.LazyFrame:
    """N-grams that hold a possessive, keyed with every "'s" kept."""
    return ngrams.filter(
        pl.col("crosses_possessive") | pl.col("poss_suffix").is_not_null()
    ).with_columns(
        key=pl.concat_str(pl.col("key"), pl.col("poss_suffix").fill_null("")),
        end=pl.col("full_end"),
        ext_end=pl.col("full_end"),
    )


def _name_ngrams(ngrams: pl.LazyFrame) -> pl.LazyFrame:
    """N-grams that cross no possessive, keyed with the last one's "'s" cut."""
    return ngrams.filter(~pl.col("crosses_possessive"))


# Lower number wins between candidates of equal length.
PRIORITY_DOC_PERSON = 0
PRIORITY_GAZETTEER = 1
PRIORITY_DOC_ORG = 2
PRIORITY_PATTERN = 3
PRIORITY_CAPS = 4
PRIORITY_FALLBACK = 5

CANDIDATE_SCHEMA = pl.Schema(
    {
        "doc_id": pl.UInt32(),  # the document's number inside find_mentions
        "sentence_row": pl.UInt32(),  # the sentence's row number inside find_mentions
        "char_start": pl.Int32(),
        "char_end": pl.Int32(),
        "entity_type": pl.String(),
        "entity_id": pl.String(),
        "name": pl.String(),
        "priority": pl.Int32(),
    }
)


def _lookup_keys(ngrams: pl.LazyFrame) -> pl.LazyFrame:
    """(ngram, key, full) for every spelling of an n-gram tried against the aliases: the
    possessive cut ("Sony's" -> "Sony"), the full tokens when they differ ("McDonald's" is a
    name, not a possessive; ``full``) and without a final period ("News Corp." -> "News
    Corp")."""
    key = pl.col("key")
    cut = _name_ngrams(ngrams).select("ngram", "key", pl.lit(False).alias("full"))
    full = _with_full_key(ngrams).select("ngram", "key", pl.lit(True).alias("full"))
    undotted = cut.filter(
        key.str.ends_with(".") | key.str.ends_with("!") | key.str.ends_with(".com")
    ).with_columns(key.str.replace(r"(?:\.|!|\.com)$", ""))
    hyphened = cut.filter(key.str.contains(" - ", literal=True)).with_columns(
        key.str.replace_all(" - ", "-", literal=True)
    )
    return pl.concat([cut, full, undotted, hyphened])


def gazetteer_candidates(
    ngrams: pl.LazyFrame, runs: pl.LazyFrame, sentences: pl.DataFrame
) -> pl.LazyFrame:
    """N-grams that spell an alias, typed and identified by it. ``runs`` (find_runs, with
    run_id its row number) gives the text around the matched n-grams, ``sentences`` (text,
    sentence_row its row number) the sentence of the few that could be a sports team."""
    aliases = gazetteer.alias_table().lazy()
    is_caps = pl.col("key") == pl.col("key").str.to_uppercase()
    # Only the keys meet the aliases; the n-grams' other columns are fetched for the matches
    # (a small fraction), by row number.
    numbered = ngrams.with_row_index("ngram").collect()
    # A token can spell a one-word alias only if it is an alias word, an n-gram of two tokens
    # or more only if its first token is an alias opener (gazetteer.alias_words and
    # alias_openers say why): the others skip the lookups.
    may_match = (
        pl.when(pl.col("n") == 1).then(pl.col("alias_word")).otherwise(pl.col("opens_alias"))
    )
    keys = (
        _lookup_keys(numbered.lazy().filter(may_match))
        .join(aliases, on="key", how="inner")
        .filter(~pl.col("caps") | is_caps)
        .collect()
    )
    fetched = numbered.drop("key", "ngram").select(pl.all().gather(keys["ngram"]))
    around = runs.select("before", "after").collect().select(pl.all().gather(fetched["run_id"]))
    # team_ids is entity_table's rows in order: both are fetched by the alias's entity row.
    listed = (
        gazetteer.entity_table()
        .select("name", "parent_entity_id")
        .hstack(gazetteer.team_ids().select("team_id"))
    ).select(pl.all().gather(keys["entity_row"]))
    full = pl.col("full")
    spelled = (
        keys.drop("ngram", "entity_row")
        .hstack(fetched)
        .hstack(around)
        .hstack(listed)
        .with_columns(
            end=pl.when(full).then(pl.col("full_end")).otherwise(pl.col("end")),
            ext_end=pl.when(full).then(pl.col("full_end")).otherwise(pl.col("ext_end")),
            # Inside a run the next token follows: no cue after the n-gram reads a space.
            after=pl.when(pl.col("at_run_end")).then(pl.col("after")).otherwise(pl.lit(" ")),
        )
    )
    after_the = pl.col("prev_is_the") | (
        pl.col("prev_is_the").is_null() & pl.col("before").str.contains(r"\b[Tt]he $")
    )
    # An all-caps alias that is also an ordinary word ("WHO", "ARM") means the word in an
    # ALL-CAPS headline.
    shouted_word = (
        pl.when(pl.col("shouting") & (pl.col("n") == 1))
        .then(pl.col("key"))
        .str.to_lowercase()
        .is_in(gazetteer.ordinary_words().implode())
        .fill_null(False)
    )
    matched = (
        spelled.hstack([_teams(spelled, sentences)])
        .lazy()
        .filter(~pl.col("needs_the") | after_the)
        .filter(~shouted_word)
        .filter(~((pl.col("entity_type") == "ORG") & pl.col("after").str.contains(_INDEX_AFTER)))
    )
    team = pl.col("is_team")
    matched = matched.with_columns(
        entity_type=pl.when(team).then(pl.lit("ORG")).otherwise(pl.col("entity_type")),
        entity_id=pl.when(team).then(pl.col("team_id")).otherwise(pl.col("entity_id")),
    )
    is_org = pl.col("entity_type") == "ORG"
    # "The Wall Street Journal": the article is not part of the mention.
    the_skip = pl.when(is_org & pl.col("key").str.starts_with("The ")).then(4).otherwise(0)
    start = _untitled_start()
    return matched.select(
        "doc_id",
        "sentence_row",
        (start - pl.when(pl.col("needs_the")).then(4).otherwise(0) + the_skip)
        .cast(pl.Int32)
        .alias("char_start"),
        pl.when(is_org)
        .then(pl.col("ext_end"))
        .otherwise(pl.col("end"))
        .cast(pl.Int32)
        .alias("char_end"),
        "entity_type",
        "entity_id",
        "name",
        pl.when(pl.col("caps") & (pl.col("n") == 1) & (pl.col("key").str.len_chars() <= 3))
        .then(PRIORITY_CAPS)
        .otherwise(PRIORITY_GAZETTEER)
        .cast(pl.Int32)
        .alias("priority"),
    )


def _teams(spelled: pl.DataFrame, sentences: pl.DataFrame) -> pl.Series:
    """``is_team`` for each gazetteer match: a city or state followed by scores ("CHICAGO 52 40
    .565"), or beside a result verb in a sentence about sport ("Chicago beat Atlanta"), is
    its sports team. Only listed places with a parent can be: the cues are read on their
    rows alone, and the sentence's sports words only where a result verb is beside it."""
    places = spelled.select(
        pl.arg_where(
            (pl.col("entity_type") == "LOCATION") & pl.col("parent_entity_id").is_not_null()
        )
    ).to_series()
    cues = (
        spelled.select(pl.col("after", "before", "tok_no", "sentence_row").gather(places))
        .select(
            "sentence_row",
            scores=pl.col("after").str.contains(_SCORES_AFTER),
            result=pl.col("after").str.contains(_TEAM_AFTER)
            | ((pl.col("tok_no") == 0) & pl.col("before").str.contains(_TEAM_BEFORE)),
        )
        .with_row_index("place")
    )
    # The sentence's text as find_runs read it: the sports words are matched on the same.
    texts = sentences["text"]
    sporty = cues.filter(pl.col("result")).select(
        "place",
        _rewritten(pl.lit(texts).gather(pl.col("sentence_row")))
        .str.contains_any(list(_SPORTS_WORDS))
        .alias("sporty"),
    )
    place_team = cues.join(sporty, on="place", how="left", maintain_order="left").select(
        pl.col("scores") | pl.col("sporty").fill_null(False)
    )
    return (
        pl.zeros(spelled.height, pl.Boolean, eager=True)
        .scatter(places, place_team.to_series())
        .alias("is_team")
    )


_GLUED = r"^(\p{Lu}\p{Ll}+)(\p{Lu}\p{L}+)$"


def glued_candidates(ngrams: pl.LazyFrame) -> pl.LazyFrame:
    """A single token that is two known names run together ("AppleSamsung", a lost comma):
    split at the case change only when both halves are gazetteer names."""
    aliases = gazetteer.alias_table().lazy().filter(~pl.col("caps") & ~pl.col("needs_the"))
    entities = gazetteer.entity_table().lazy().select("entity_id", "name")
    halves = (
        # A row index keeps polars from folding the two filters into one: the regex reads the
        # single tokens only.
        ngrams.filter(pl.col("n") == 1)
        .with_row_index("_barrier")
        .filter(pl.col("key").str.contains(r"\p{Ll}\p{Lu}"))
        .with_columns(pl.col("key").str.extract_groups(_GLUED).alias("parts"))
        .unnest("parts")
        .filter(pl.col("1").is_not_null())
        .with_columns(split_at=pl.col("start") + pl.col("1").str.len_chars().cast(pl.Int32))
    )
    left = aliases.select(
        pl.col("key").alias("1"),
        pl.col("entity_id").alias("left_id"),
        pl.col("entity_type").alias("left_type"),
    )
    right = aliases.select(
        pl.col("key").alias("2"),
        pl.col("entity_id").alias("right_id"),
        pl.col("entity_type").alias("right_type"),
    )
    both = halves.join(left, on="1", how="inner").join(right, on="2", how="inner")
    sides = [
        both.select(
            "doc_id",
            "sentence_row",
            pl.col(start).cast(pl.Int32).alias("char_start"),
            pl.col(end).cast(pl.Int32).alias("char_end"),
            pl.col(f"{side}_type").alias("entity_type"),
            pl.col(f"{side}_id").alias("entity_id"),
        )
        for side, start, end in (("left", "start", "split_at"), ("right", "split_at", "end"))
    ]
    return (
        pl.concat(sides)
        .join(entities, on="entity_id", how="left")
        .with_columns(pl.lit(PRIORITY_GAZETTEER, dtype=pl.Int32).alias("priority"))
    )


def chunks_of(
    tokens: pl.LazyFrame, runs: pl.LazyFrame, listed: pl.DataFrame | None = None
) -> pl.LazyFrame:
    """Maximal sequences of name tokens (no stop words, titles, nationalities) inside runs,
    with the cues around them. ``runs`` (find_runs, run_id its row number) gives the text.

    ``listed`` (gazetteer candidates: doc_id, char_start, char_end, priority) leaves out the
    chunks whose candidate would span exactly a gazetteer match of PRIORITY_GAZETTEER:
    resolve keeps one candidate per span, the best priority first, and a pattern's is worse
    (PRIORITY_PATTERN, PRIORITY_FALLBACK), so theirs could never be kept. Only chunks whose
    span does not depend on the type they would get are left out (no legal form after a
    comma, no ordinary last word a person's name would drop): nearly all of them."""
    inner = pl.col("lookup").is_in(list(_INNER_CONNECTORS))
    same_run_prev = pl.col("run_id").shift(1) == pl.col("run_id")
    same_run_next = pl.col("run_id").shift(-1) == pl.col("run_id")
    sentence_initial = (pl.col("tok_no") == 0) & pl.col("opens_sentence")
    name_tok = (
        ~pl.col("shouting")
        & ~pl.col("is_stop")
        & ~pl.col("is_title")
        & ~pl.col("is_demonym")
        & ~pl.col("is_connector")
        & ~pl.col("is_contraction")
        & ~(sentence_initial & pl.col("is_common"))
    )
    of_allowed = (pl.col("lookup") != "of") | (
        (
            pl.col("is_org_opener")
            | pl.col("is_org_head")
            | pl.col("is_place_opener")
            | pl.col("is_place_head")
        ).shift(1)
        & same_run_prev
    ).fill_null(False)
    t = tokens.with_columns(name_tok=name_tok).with_columns(
        member=pl.col("name_tok")
        | (
            inner
            & of_allowed
            & (pl.col("name_tok").shift(1) & same_run_prev).fill_null(False)
            & (pl.col("name_tok").shift(-1) & same_run_next).fill_null(False)
        ),
        prev_title=(pl.col("is_title").shift(1) & same_run_prev).fill_null(False),
        prev_tok=pl.when(same_run_prev).then(pl.col("tok").shift(1)),
        next_tok=pl.when(same_run_next).then(pl.col("tok").shift(-1)),
        prev_possessive=(pl.col("is_possessive").shift(1) & same_run_prev).fill_null(False),
    )
    # "Emily Stephenson WASHINGTON": a dateline in capitals after a byline is a new name.
    shape_break = (
        pl.col("tok").str.contains(r"^\p{Lu}{4,}$")
        & pl.col("tok").shift(1).str.contains(r"^\p{Lu}\p{Ll}")
        & same_run_prev
    ).fill_null(False)
    starts = pl.col("member") & (
        ~(pl.col("member").shift(1) & same_run_prev).fill_null(False)
        | pl.col("prev_possessive")
        | shape_break
    )
    # Chunks are contiguous rows: their first and last rows (filtered in the same order and
    # put side by side) and running counts give every per-chunk value without a group_by.
    t = (
        t.with_columns(chunk=starts.fill_null(True).cum_sum())
        .filter(pl.col("member"))
        .with_columns(
            row=pl.int_range(pl.len(), dtype=pl.Int64),
            common_count=pl.col("is_common").cast(pl.Int64).cum_sum(),
            org_word_count=(pl.col("is_org_head") | pl.col("is_org_suffix"))
            .cast(pl.Int64)
            .cum_sum(),
            connector_count=pl.col("lookup")
            .is_in(pl.Series(_INNER_CONNECTORS).implode())
            .cast(pl.Int64)
            .cum_sum(),
        )
    )
    is_first = (pl.col("chunk") != pl.col("chunk").shift(1)).fill_null(True)
    is_last = (pl.col("chunk") != pl.col("chunk").shift(-1)).fill_null(True)
    firsts = t.filter(is_first).select(
        "run_id",
        "doc_id",
        "sentence_row",
        "in_run",
        "start",
        "shouting",
        "prev_title",
        "prev_tok",
        pl.col("row").alias("first_row"),
        pl.col("tok_no").alias("first_no"),
        pl.col("lookup").alias("first_word"),
        pl.col("core").alias("first_core"),
        pl.col("is_first_name").alias("first_is_first_name"),
        pl.col("is_org_opener").alias("first_is_org_opener"),
        pl.col("is_place_opener").alias("first_is_place_opener"),
        pl.col("is_common").alias("first_is_common"),
        (pl.col("common_count") - pl.col("is_common").cast(pl.Int64)).alias("common_before"),
        (pl.col("org_word_count") - (pl.col("is_org_head") | pl.col("is_org_suffix")))
        .cast(pl.Int64)
        .alias("org_words_before"),
        (
            pl.col("connector_count")
            - pl.col("lookup").is_in(pl.Series(_INNER_CONNECTORS).implode()).cast(pl.Int64)
        ).alias("connectors_before"),
    )
    lasts = t.filter(is_last).select(
        "end",
        "tok_end",
        "comma_suffix",
        pl.col("start").alias("last_start"),
        pl.col("is_common").alias("last_is_common"),
        "next_tok",
        pl.col("row").alias("last_row"),
        pl.col("tok_no").alias("last_no"),
        pl.col("core").alias("last_core"),
        pl.col("tok").alias("last_tok"),
        pl.col("is_org_head").alias("last_is_org_head"),
        pl.col("is_org_suffix").alias("last_is_org_suffix"),
        pl.col("is_legal_suffix").alias("last_is_legal"),
        pl.col("is_place_head").alias("last_is_place_head"),
        pl.col("is_surname").alias("last_is_surname"),
        pl.col("is_possessive").alias("last_possessive"),
        pl.col("common_count").alias("common_last"),
        pl.col("org_word_count").alias("org_words_last"),
        pl.col("connector_count").alias("connectors_last"),
    )
    n = pl.col("last_row") - pl.col("first_row") + 1
    ends = pl.concat([firsts, lasts], how="horizontal_extend").collect()
    if listed is not None:
        # (About two chunks in five: most capitalised words are listed names.)
        fixed_span = ~(pl.col("next_tok").is_null() & (pl.col("comma_suffix") > 0)) & ~(
            (n >= 3) & pl.col("last_is_common")
        )
        outranked = (
            ends.lazy()
            .with_row_index("chunk_row")
            .filter(fixed_span)
            .join(
                listed.lazy()
                .filter(pl.col("priority") == PRIORITY_GAZETTEER)
                .select(
                    "doc_id", pl.col("char_start").alias("start"), pl.col("char_end").alias("end")
                )
                .unique(),
                on=["doc_id", "start", "end"],
                how="semi",
            )
            .select("chunk_row")
            .collect()["chunk_row"]
        )
        ends = ends.filter(~pl.int_range(pl.len(), dtype=pl.UInt32).is_in(outranked.implode()))
    # The run's texts are fetched for the chunks only, by row number.
    around = runs.select("run", "before", "after").collect().select(pl.all().gather(ends["run_id"]))
    return (
        ends.hstack(around)
        .lazy()
        .with_columns(
            n=n.cast(pl.Int32),
            all_common=(pl.col("common_last") - pl.col("common_before")) == n,
            any_org_word=pl.col("org_words_last") > pl.col("org_words_before"),
            has_connector=pl.col("connectors_last") > pl.col("connectors_before"),
            # The chunk's text (the last token's possessive cut off) from its run.
            text=pl.col("run")
            .str.slice(pl.col("in_run"), pl.col("end") - pl.col("start"))
            .str.replace_all(_GLUE, "", literal=True),
            # Cue text right before / after the chunk (a neighbouring token or the gap).
            # Cues sit within a few words: the cue patterns only read this much.
            left=pl.when(pl.col("first_no") == 0)
            .then(pl.col("before").str.slice(-_CUE_CHARS))
            .otherwise(pl.concat_str(pl.col("prev_tok"), pl.lit(" "))),
            right=pl.when(pl.col("next_tok").is_null())
            .then(pl.col("after").str.slice(0, _CUE_CHARS))
            .otherwise(pl.concat_str(pl.lit(" "), pl.col("next_tok"))),
        )
        .drop("run", "before", "after", "first_row", "last_row")
    )


def _with_cues(chunks: pl.LazyFrame) -> pl.LazyFrame:
    """``chunks`` with one flag per cue pattern. The patterns cost per row, so each is read
    only by the chunks whose length lets it type them: a lone word holds no " & " and needs
    no role, speech or initial cue (those type names of two words or more); a longer chunk
    is no acronym, camel-case brand or place after "in" (lone-word fallbacks). The flag is
    False where it is not read, which the rules' own length tests imply anyway."""
    right, left, text = pl.col("right"), pl.col("left"), pl.col("text")
    any_length = {
        "company_after": right.str.contains(_COMPANY_AFTER),
        "org_verb_after": right.str.contains(_ORG_VERB_AFTER),
        "role_before": left.str.contains(_ROLE_BEFORE),
        "person_after": right.str.contains(_PERSON_AFTER),
        "scores_after": right.str.contains(_SCORES_AFTER),
    }
    one_word = {
        "acronym": text.str.contains(_ACRONYM)
        & ~text.is_in(pl.Series(lexicon.NOT_ORG_ACRONYMS).implode()),
        "place_before": left.str.contains(_PLACE_BEFORE),
        # "AdRoll", "ForeScout": an inner capital marks a brand or company name.
        "camel_case": text.str.contains(r"^\p{Lu}\p{Ll}+\p{Lu}\p{Ll}"),
    }
    several_words = {
        "has_ampersand": text.str.contains(" & ", literal=True),
        "role_after": right.str.contains(_ROLE_AFTER),
        "speech_around": right.str.contains(_SPEECH_AFTER) | left.str.contains(_SPEECH_BEFORE),
        "first_is_initial": pl.col("first_core").str.contains(_INITIAL),
    }
    unread = pl.lit(False)
    chunks = chunks.collect().lazy()
    n = pl.col("n")
    return pl.concat(
        [
            chunks.filter(n == 1).with_columns(
                **any_length, **one_word, **dict.fromkeys(several_words, unread)
            ),
            chunks.filter(n >= 2).with_columns(
                **any_length, **dict.fromkeys(one_word, unread), **several_words
            ),
        ]
    )


def pattern_candidates(chunks: pl.LazyFrame) -> pl.LazyFrame:
    """Typed chunks: ORG by suffix/head word/company apposition, LOCATION by place words and
    "-based", PERSON by a title, a role, a first name, age or speech."""
    n = pl.col("n")
    right = pl.col("right")
    chunks = _with_cues(chunks)
    comma_suffixed = pl.col("next_tok").is_null() & (pl.col("comma_suffix") > 0)
    org = (
        ((pl.col("last_is_org_suffix") | pl.col("last_is_org_head")) & (n >= 2))
        | comma_suffixed
        # "Fletcher & Bateh", "Procter & Gamble": names joined by "&" are a firm.
        | pl.col("has_ampersand")
        | (pl.col("first_is_org_opener") & pl.col("has_connector") & (n >= 3))
        | pl.col("company_after")
        | pl.col("org_verb_after")
    ) & ~pl.col("all_common")
    place = (
        right.str.starts_with("-based")
        | ((pl.col("last_is_place_head") | pl.col("first_is_place_opener")) & (n >= 2))
    ) & ~pl.col("all_common")
    plain_name = ~pl.col("any_org_word") & ~pl.col("all_common") & (n <= 4)
    person_strong = plain_name & (
        pl.col("prev_title")
        | pl.col("role_before")
        | pl.col("person_after")
        | ((n >= 2) & pl.col("role_after"))
        | ((n >= 2) & pl.col("first_is_first_name") & ~pl.col("first_is_common"))
    )
    person_weak = plain_name & (n >= 2) & ~pl.col("first_is_common") & pl.col("speech_around")
    acronym = (n == 1) & pl.col("acronym")
    org = org | acronym
    person_strong = person_strong | (
        (n >= 2)
        & (n <= 3)
        & ~pl.col("any_org_word")
        & ~pl.col("first_is_common")
        & (pl.col("first_is_initial") | pl.col("last_is_surname"))
    )
    # Fallbacks for a lone capitalised word with no stronger cue.
    lone = (n == 1) & ~pl.col("first_is_common") & ~pl.col("any_org_word")
    lone_surname = lone & pl.col("last_is_surname") & ~pl.col("first_is_first_name")
    team_in_table = (
        (n <= 2)
        & ~pl.col("first_is_common")
        & ~pl.col("any_org_word")
        & ~pl.col("last_is_surname")
        & pl.col("scores_after")
    )
    place_after_preposition = lone & pl.col("place_before")
    camel_case = lone & pl.col("camel_case")
    entity_type = (
        pl.when(org)
        .then(pl.lit("ORG"))
        .when(place)
        .then(pl.lit("LOCATION"))
        .when(person_strong | person_weak)
        .then(pl.lit("PERSON"))
        .when(lone_surname)
        .then(pl.lit("PERSON"))
        .when(team_in_table)
        .then(pl.lit("ORG"))
        .when(place_after_preposition)
        .then(pl.lit("LOCATION"))
        .when(camel_case)
        .then(pl.lit("ORG"))
    )
    # Fallback types lose to every other source and are not repeated through the document.
    weak = ~(org | place | person_strong | person_weak)
    typed = chunks.with_columns(entity_type=entity_type, weak=weak).filter(
        pl.col("entity_type").is_not_null()
        & ~((pl.col("entity_type") == "ORG") & right.str.contains(_INDEX_AFTER))
    )
    # "Katie Walsh Foreign ...": a person's name does not end in an ordinary word (a
    # headline or the next line ran on).
    run_on = (pl.col("entity_type") == "PERSON") & (n >= 3) & pl.col("last_is_common")
    typed = typed.with_columns(
        text=pl.when(run_on)
        .then(pl.col("text").str.slice(0, pl.col("last_start") - pl.col("start") - 1))
        .otherwise(pl.col("text")),
        end=pl.when(run_on).then(pl.col("last_start") - 1).otherwise(pl.col("end")),
    )
    # An organisation's canonical name drops its legal form ("Acme Corp." -> "Acme").
    legal = alternation(
        [*lexicon.LEGAL_SUFFIXES, "PLC", "plc", "Corporation", "Incorporated", "Limited"]
    )
    base = pl.col("text").str.replace(rf",?(?: (?:{legal})\.?)+$", "")
    aliases = gazetteer.alias_table().lazy().filter(~pl.col("caps") & ~pl.col("needs_the"))
    listed = aliases.select(pl.col("key").alias("listed_text"), pl.lit(True).alias("is_listed"))
    # "News Corp" is listed as it is written, and its base "News" is an ordinary word.
    keep_whole = (
        pl.col("is_listed").fill_null(False)
        | base.str.to_lowercase().is_in(gazetteer.ordinary_words().implode())
        | (base.str.len_chars() == 0)
    )
    name = (
        pl.when((pl.col("entity_type") == "ORG") & ~keep_whole).then(base).otherwise(pl.col("text"))
    )
    is_known = (pl.col("known_type") == pl.col("entity_type")).fill_null(False)
    # Ids are built from the unlisted names only (the listed rows pass null).
    unknown_name = pl.when(~is_known).then(pl.col("name"))
    return (
        typed.join(
            listed,
            left_on=pl.col("text").str.replace(r"\.$", ""),
            right_on="listed_text",
            how="left",
        )
        .with_columns(name=name)
        .join(
            aliases.select(
                pl.col("key").alias("name"),
                pl.col("entity_id").alias("known_id"),
                pl.col("entity_type").alias("known_type"),
            ),
            on="name",
            how="left",
        )
        .select(
            "doc_id",
            "sentence_row",
            pl.col("start").alias("char_start"),
            pl.when((pl.col("entity_type") == "ORG") & comma_suffixed)
            .then(pl.col("tok_end") + pl.col("comma_suffix"))
            .otherwise(pl.col("end"))
            .alias("char_end"),
            "entity_type",
            pl.when(is_known)
            .then(pl.col("known_id"))
            .otherwise(gazetteer.entity_id_expr(pl.col("entity_type"), unknown_name))
            .alias("entity_id"),
            "name",
            pl.when(pl.col("weak"))
            .then(PRIORITY_FALLBACK)
            .otherwise(PRIORITY_PATTERN)
            .cast(pl.Int32)
            .alias("priority"),
        )
    )


def resolve(candidates: pl.LazyFrame) -> pl.LazyFrame:
    """Non-overlapping candidates: longest first, then lower priority, then earlier.

    Candidates are grouped into clusters of mutually overlapping spans with one sorted sweep
    (a running maximum of ends); only clusters of two or more need the pairwise comparison."""
    doc_no = (pl.col("doc_id") != pl.col("doc_id").shift(1)).fill_null(True).cum_sum()
    position = doc_no.cast(pl.Int64) * (1 << 32)
    same_span = (
        (pl.col("doc_id") == pl.col("doc_id").shift(1))
        & (pl.col("char_start") == pl.col("char_start").shift(1))
        & (pl.col("char_end") == pl.col("char_end").shift(1))
    ).fill_null(False)
    keyed = (
        candidates.with_columns(length=pl.col("char_end") - pl.col("char_start"))
        .sort(
            # (doc_id, char_start) and (char_end, priority, 30 bits of the entity id's hash)
            # packed into two integers: one cheap two-key sort, deterministic ties.
            pl.col("doc_id").cast(pl.UInt64) * (1 << 32) + pl.col("char_start").cast(pl.UInt64),
            (pl.col("char_end").cast(pl.UInt64) * 8 + pl.col("priority").cast(pl.UInt64))
            * (1 << 30)
            + pl.col("entity_id").hash(7) // (1 << 34),
        )
        .filter(~same_span)
        .with_row_index("cand")
        .with_columns(_start=position + pl.col("char_start"), _end=position + pl.col("char_end"))
        .with_columns(
            cluster=(pl.col("_start") >= pl.col("_end").cum_max().shift(1))
            .fill_null(True)
            .cum_sum()
        )
        # Clusters are contiguous: a candidate is alone when neither neighbour shares it.
        .with_columns(
            alone=(pl.col("cluster") != pl.col("cluster").shift(1)).fill_null(True)
            & (pl.col("cluster") != pl.col("cluster").shift(-1)).fill_null(True)
        )
        .drop("_start", "_end")
        # Collected once: both the lone and the crowded candidates come from this sort.
        .collect()
        .lazy()
    )

    def beaten(pool: pl.LazyFrame, by: pl.LazyFrame) -> pl.LazyFrame:
        other = by.select(
            "cluster",
            pl.col("cand").alias("o_cand"),
            pl.col("char_start").alias("o_start"),
            pl.col("char_end").alias("o_end"),
            pl.col("length").alias("o_length"),
            pl.col("priority").alias("o_priority"),
        )
        overlap = (pl.col("o_start") < pl.col("char_end")) & (
            pl.col("char_start") < pl.col("o_end")
        )
        better = (pl.col("o_length") > pl.col("length")) | (
            (pl.col("o_length") == pl.col("length"))
            & (
                (pl.col("o_priority") < pl.col("priority"))
                | (
                    (pl.col("o_priority") == pl.col("priority"))
                    & (pl.col("o_start") < pl.col("char_start"))
                )
            )
        )
        return (
            pool.select("cand", "cluster", "char_start", "char_end", "length", "priority")
            .join(other, on="cluster", how="inner")
            .filter((pl.col("cand") != pl.col("o_cand")) & overlap & better)
            .select("cand")
            .unique()
        )

    alone = keyed.filter(pl.col("alone"))
    crowded = keyed.filter(~pl.col("alone")).collect().lazy()
    # Candidate numbers are unique: membership tests stand in for semi and anti joins.
    lost = pl.col("cand").is_in(beaten(crowded, crowded).collect()["cand"].implode())
    kept = crowded.filter(~lost)
    # A loser beaten only by other losers gets a second chance.
    second = crowded.filter(lost)
    second = second.filter(~pl.col("cand").is_in(beaten(second, kept).collect()["cand"].implode()))
    second = second.collect().lazy()
    second = second.filter(
        ~pl.col("cand").is_in(beaten(second, second).collect()["cand"].implode())
    )
    return pl.concat([alone, kept, second]).drop("cand", "length", "cluster", "alone")


def document_keys(mentions: pl.LazyFrame) -> pl.LazyFrame:
    """(doc_id, key, entity) from the mentions found so far (fallback-typed ones aside): the
    full name and surface of every entity, a person's first and last word, an organisation's
    leading words. ``first_seen`` is the earliest mention's start; ``priority`` the best
    source."""
    counted = (
        mentions.filter(pl.col("priority") != PRIORITY_FALLBACK)
        .with_columns(words=pl.col("name").str.count_matches(" ").cast(pl.Int32) + 1)
        .collect()
    )
    people = counted.filter((pl.col("entity_type") == "PERSON") & (pl.col("words") >= 2))
    orgs = counted.filter((pl.col("entity_type") == "ORG") & (pl.col("words") >= 2))

    def keyed(frame: pl.DataFrame, key: pl.Expr, priority: int) -> pl.DataFrame:
        return frame.select(
            "doc_id",
            key.alias("key"),
            "entity_type",
            "entity_id",
            "name",
            "char_start",
            pl.lit(priority, dtype=pl.Int32).alias("priority"),
        )

    name = pl.col("name")
    parts = pl.concat(
        [
            keyed(people, name.str.extract(r"^(\S+)"), PRIORITY_DOC_PERSON),
            keyed(people, name.str.extract(r"(\S+)$"), PRIORITY_DOC_PERSON),
            *(
                keyed(
                    orgs.filter(pl.col("words") > k),
                    name.str.extract(rf"^(\S+(?: \S+){{{k - 1}}})"),
                    PRIORITY_DOC_ORG,
                )
                for k in (1, 2, 3)
            ),
        ]
    )
    # A surface that is the name adds nothing: the name's row (the same mention) comes first.
    other_surface = pl.col("surface").ne_missing(name)
    by_rules = counted.filter(pl.col("priority") != PRIORITY_GAZETTEER)
    listed = counted.filter(pl.col("priority") == PRIORITY_GAZETTEER)
    # A gazetteer name already matches everywhere as an alias; its key only matters where a
    # part of another name is the same string ("Dell" the company vs "Michael Dell").
    listed_keys = pl.concat(
        [
            keyed(listed, name, PRIORITY_DOC_PERSON),
            keyed(listed.filter(other_surface), pl.col("surface"), PRIORITY_DOC_PERSON),
        ]
    ).join(parts.select("doc_id", "key").unique(), on=["doc_id", "key"], how="semi")
    keys = pl.concat(
        [
            keyed(by_rules, name, PRIORITY_DOC_PERSON),
            keyed(by_rules.filter(other_surface), pl.col("surface"), PRIORITY_DOC_PERSON),
            listed_keys,
            parts,
        ]
    )
    classes = gazetteer.token_classes()
    # Stop words, titles, heads ... and ordinary words never stand for a name on their own.
    unsafe = classes.filter(
        pl.col("is_stop")
        | pl.col("is_title")
        | pl.col("is_connector")
        | pl.col("is_org_head")
        | pl.col("is_org_opener")
        | pl.col("is_demonym")
        | pl.col("is_org_suffix")
        | pl.col("is_common")
    )["word"]
    # Best source first, then the earliest mention, as one sortable number.
    rank = pl.col("priority").cast(pl.Int64) * (1 << 32) + pl.col("char_start").cast(pl.Int64)
    return (
        keys.lazy()
        .filter((pl.col("key").str.len_chars() >= 2) & ~pl.col("key").is_in(unsafe.implode()))
        .group_by("doc_id", "key", "entity_id")
        .agg(pl.col("entity_type", "name").first(), rank.min().alias("rank"))
        .with_columns(
            priority=(pl.col("rank") // (1 << 32)).cast(pl.Int32),
            first_seen=(pl.col("rank") % (1 << 32)).cast(pl.Int32),
        )
        .drop("rank")
    )


def _untitled_start() -> pl.Expr:
    """A person's mention starts after a title the n-gram opens with ("Princess Diana")."""
    titled = (pl.col("entity_type") == "PERSON") & pl.col("first_is_title") & (pl.col("n") >= 2)
    return pl.when(titled).then(pl.col("second_start")).otherwise(pl.col("start"))


def document_candidates(ngrams: pl.LazyFrame, keys: pl.LazyFrame) -> pl.LazyFrame:
    """N-grams that repeat a name of the document. When a key names several entities, the one
    introduced first wins among those introduced before the n-gram ("Totoki" after "Hiroki
    Totoki"); one introduced only later is the fallback, and yields to a gazetteer name
    ("Dell" before "Michael Dell" is the company)."""
    later = pl.col("first_seen") > pl.col("start")
    priority = (
        pl.when(later)
        .then(pl.max_horizontal(pl.col("priority"), pl.lit(PRIORITY_DOC_ORG)))
        .otherwise(pl.col("priority"))
        .cast(pl.Int32)
    )
    # One sortable number: priority, then introduced before the n-gram, then earliest.
    preference = (
        priority.cast(pl.Int64) * (1 << 34)
        + later.cast(pl.Int64) * (1 << 33)
        + pl.col("first_seen").cast(pl.Int64)
    )
    # One integer (the document and half the key's hash) joins far faster than (doc_id,
    # key); the keys themselves are compared after, so hash collisions cannot match.
    packed = pl.col("doc_id").cast(pl.UInt64) * (1 << 32) + pl.col("key").hash(11) // (1 << 32)
    matched = (
        _name_ngrams(ngrams)
        .with_columns(packed_key=packed)
        .join(
            keys.with_columns(packed_key=packed).drop("doc_id").rename({"key": "doc_key"}),
            on="packed_key",
            how="inner",
        )
        .filter(pl.col("key") == pl.col("doc_key"))
    )
    return (
        matched.with_columns(priority=priority)
        # The preferred row of each (doc_id, start, n) comes first: a sort on two integers
        # and a comparison with the previous row replace a unique() on three columns.
        .sort(
            pl.col("doc_id").cast(pl.UInt64) * (1 << 32) + pl.col("start").cast(pl.UInt64),
            pl.col("n").cast(pl.Int64) * (1 << 40) + preference,
        )
        .filter(
            (
                (pl.col("doc_id") != pl.col("doc_id").shift(1))
                | (pl.col("start") != pl.col("start").shift(1))
                | (pl.col("n") != pl.col("n").shift(1))
            ).fill_null(True)
        )
        .select(
            "doc_id",
            "sentence_row",
            _untitled_start().cast(pl.Int32).alias("char_start"),
            pl.when(pl.col("entity_type") == "ORG")
            .then(pl.col("ext_end"))
            .otherwise(pl.col("end"))
            .cast(pl.Int32)
            .alias("char_end"),
            "entity_type",
            "entity_id",
            "name",
            "priority",
        )
    )


def find_mentions(sentences: pl.LazyFrame) -> pl.DataFrame:
    """Resolved mentions with their canonical name: MENTION columns plus ``name``."""
    # Inside, doc_id is a small integer: joins, sorts and window sweeps on it are far cheaper
    # than on the hash strings. Sentences come grouped by document, so a block number is
    # nearly always the document number; blocks of one document are merged to be safe. A
    # sentence is its row number (sentence_row): a gather, not a join, fetches its text.
    blocks = (
        sentences.with_columns(
            block=(pl.col("doc_id") != pl.col("doc_id").shift(1)).fill_null(True).cum_sum()
        )
        .with_row_index("sentence_row")
        .collect()
    )
    firsts = blocks.filter(pl.col("block") != pl.col("block").shift(1).fill_null(0)).select(
        "block", "doc_id"
    )
    doc_numbers = firsts.group_by("doc_id").agg(pl.col("block").min().alias("doc_no"))
    if doc_numbers.height == firsts.height:  # one block per document: the usual case
        numbered = blocks.lazy().drop("doc_id").rename({"block": "doc_id"})
    else:
        numbered = (
            blocks.lazy()
            .join(
                firsts.lazy().join(doc_numbers.lazy(), on="doc_id").select("block", "doc_no"),
                on="block",
                how="left",
                maintain_order="left",
            )
            .drop("doc_id", "block")
            .rename({"doc_no": "doc_id"})
        )
    found = _find_mentions(numbered.drop("sentence_no").collect())
    # Sorting by the document's rank in doc_id order (an integer) orders the rows as sorting
    # by the doc_id strings would, far more cheaply.
    ranked = doc_numbers.sort("doc_id").with_row_index("doc_rank")
    return (
        found.lazy()
        .join(
            ranked.lazy().rename({"doc_id": "doc_key"}),
            left_on="doc_id",
            right_on="doc_no",
        )
        .sort(pl.col("doc_rank").cast(pl.Int64) * (1 << 32) + pl.col("char_start"))
        .with_columns(
            pl.col("doc_key").alias("doc_id"),
            pl.lit(blocks["sentence_no"]).gather(pl.col("sentence_row")).alias("sentence_no"),
        )
        .drop("doc_key", "doc_rank", "sentence_row")
        .collect()
    )


def _find_mentions(sentences: pl.DataFrame) -> pl.DataFrame:
    """Mentions in ``sentences`` (doc_id a number, sentence_row the row number)."""
    runs = find_runs(sentences.lazy()).collect().lazy()
    tokens = tokens_of(runs).collect().lazy()
    ngrams = ngrams_of(tokens).collect().lazy()
    glued = glued_candidates(ngrams).select(CANDIDATE_SCHEMA.names()).collect().lazy()
    listed = gazetteer_candidates(ngrams, runs, sentences).select(CANDIDATE_SCHEMA.names())
    listed_found = listed.cast(CANDIDATE_SCHEMA).collect()
    # A token split into two known names ("AppleSamsung") is not one unknown name.
    patterns = pattern_candidates(chunks_of(tokens, runs, listed_found)).join(
        glued.select("doc_id", "char_start"), on=["doc_id", "char_start"], how="anti"
    )
    first = pl.concat(
        [
            listed_found.lazy(),
            glued,
            patterns.select(CANDIDATE_SCHEMA.names()),
        ]
    ).cast(CANDIDATE_SCHEMA)
    first = first.collect().lazy()
    resolved = resolve(first).collect()
    pass_one = _with_surface(resolved, sentences)
    second = document_candidates(ngrams, document_keys(pass_one.lazy())).cast(CANDIDATE_SCHEMA)
    # Pass-one losers stay lost: only the winners meet the document's repeated names.
    final = resolve(pl.concat([resolved.lazy(), second])).collect()
    return _with_surface(final, sentences)


def _with_surface(mentions: pl.DataFrame, sentences: pl.DataFrame) -> pl.DataFrame:
    """``mentions`` with their text, sliced from their sentence (fetched by sentence_row)."""
    rows = mentions["sentence_row"]
    text = sentences["text"].gather(rows)
    local_start = pl.col("char_start") - pl.lit(sentences["char_start"].gather(rows))
    return mentions.with_columns(
        surface=pl.lit(text).str.slice(local_start, pl.col("char_end") - pl.col("char_start"))
    )
