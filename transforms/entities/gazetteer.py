"""The package's data files, loaded once into polars frames for joins.

Every ``data/*.tsv`` shares one format (header ``entity_id name entity_type parent_entity_id
aliases``, aliases ``|``-separated), so curated lists dropped into the folder are picked up
without code changes. Word lists are ``data/*.txt`` (one entry per line) and lexicon.py.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

import polars as pl

from transforms.entities import lexicon

DATA_DIR = Path(__file__).resolve().parent / "data"

ENTITY_FILE_SCHEMA = pl.Schema(
    {
        "entity_id": pl.String(),
        "name": pl.String(),
        "entity_type": pl.String(),
        "parent_entity_id": pl.String(),
        "aliases": pl.String(),
    }
)
# When two entities claim the same alias, the earlier file wins (organisations before places:
# "Orange" the operator, "Jordan" the country only if no person or company lists it).
FILE_PRIORITY = ("organisations", "outlets", "products", "people", "locations")

ID_PREFIX = {"ORG": "org", "PERSON": "person", "LOCATION": "loc", "PRODUCT": "product"}


def slug(name: str) -> str:
    """Lower-case ASCII with runs of other characters turned into "-" (Python side; the
    vectorised twin is ``slug_expr``)."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def slug_expr(name: pl.Expr) -> pl.Expr:
    """``slug`` in polars: accents folded by NFKD then dropping non-ASCII."""
    # ASCII names are unchanged by both steps: only the others pay for them.
    is_ascii = name.str.len_bytes() == name.str.len_chars()
    accented = pl.when(~is_ascii).then(name)
    folded = pl.coalesce(accented.str.normalize("NFKD").str.replace_all(r"[^\x00-\x7F]", ""), name)
    return folded.str.to_lowercase().str.replace_all(r"[^a-z0-9]+", "-").str.strip_chars("-")


def entity_id_expr(entity_type: pl.Expr, name: pl.Expr) -> pl.Expr:
    prefix = entity_type.replace_strict(ID_PREFIX, default="org")
    return pl.concat_str(prefix, pl.lit(":"), slug_expr(name))


@functools.cache
def entity_table(data_dir: Path = DATA_DIR) -> pl.DataFrame:
    """Every curated and generated entity: entity_id, name, entity_type, parent_entity_id,
    aliases (list), file_rank (lower wins alias clashes)."""
    frames = []
    for path in sorted(data_dir.glob("*.tsv")):
        frame = pl.read_csv(
            path,
            separator="\t",
            quote_char=None,
            schema=ENTITY_FILE_SCHEMA,
            skip_rows=1,
            has_header=False,
            truncate_ragged_lines=True,
        )
        rank = FILE_PRIORITY.index(path.stem) if path.stem in FILE_PRIORITY else len(FILE_PRIORITY)
        frames.append(frame.with_columns(file_rank=pl.lit(rank, dtype=pl.Int32)))
    if not frames:
        return pl.DataFrame(
            schema={**ENTITY_FILE_SCHEMA, "aliases": pl.List(pl.String), "file_rank": pl.Int32}
        )
    table = pl.concat(frames).filter(pl.col("entity_id").str.len_chars() > 0)
    blank_to_null = pl.when(pl.col("parent_entity_id").str.len_chars() > 0).then(
        pl.col("parent_entity_id")
    )
    return (
        table.with_columns(
            pl.col("name", "entity_type", "entity_id").str.strip_chars(),
            parent_entity_id=blank_to_null.str.strip_chars(),
            aliases=pl.col("aliases")
            .fill_null("")
            .str.split("|")
            .list.eval(pl.element().str.strip_chars().filter(pl.element().str.len_chars() > 0)),
        )
        .sort("file_rank", "entity_id")
        .unique("entity_id", keep="first", maintain_order=True)
    )


@functools.cache
def team_ids(data_dir: Path = DATA_DIR) -> pl.DataFrame:
    """entity_id -> team_id: the id a listed place takes as a sports team (its name as an
    ORG), built once here rather than for every match."""
    return entity_table(data_dir).select(
        "entity_id", entity_id_expr(pl.lit("ORG"), pl.col("name")).alias("team_id")
    )


@functools.cache
def alias_table(data_dir: Path = DATA_DIR) -> pl.DataFrame:
    """key -> entity, one row per key: the aliases as written (``caps`` false) and, for
    headline text, upper-cased (``caps`` true). ``needs_the``: the alias was written with a
    leading "the " ("the States"), which must precede the key in the text. ``entity_row``:
    the entity's row in entity_table (a gather, not a join, fetches its other columns)."""
    entities = entity_table(data_dir)
    names = (
        entities.with_row_index("entity_row")
        .select(
            "entity_row",
            "entity_id",
            "entity_type",
            "file_rank",
            pl.concat_list(pl.col("name"), pl.col("aliases")).alias("alias"),
            pl.int_ranges(0, pl.col("aliases").list.len() + 1).alias("alias_rank"),
        )
        .explode("alias", "alias_rank", empty_as_null=False)
    )
    names = names.with_columns(
        needs_the=pl.col("alias").str.starts_with("the "),
        is_name=pl.col("alias_rank") == 0,
    ).with_columns(key=pl.col("alias").str.strip_prefix("the "))
    exact = names.with_columns(caps=pl.lit(False))
    upper = names.with_columns(key=pl.col("key").str.to_uppercase(), caps=pl.lit(True)).filter(
        pl.col("key").str.contains(r"\p{Lu}\p{Lu}")
    )
    return (
        pl.concat([exact, upper])
        .filter(pl.col("key").str.len_chars() > 0)
        .sort("key", "caps", "needs_the", ~pl.col("is_name"), "file_rank", "entity_id")
        .unique(["key", "needs_the"], keep="first", maintain_order=True)
        .select("key", "entity_id", "entity_type", "caps", "needs_the", "entity_row")
    )


def _lines(name: str, data_dir: Path) -> list[str]:
    path = data_dir / name
    if not path.exists():
        return []
    return [w.strip() for w in path.read_text(encoding="utf-8").splitlines() if w.strip()]


WORD_CLASSES = (
    "is_stop",
    "is_title",
    "is_demonym",
    "is_connector",
    "is_org_head",
    "is_org_suffix",
    "is_legal_suffix",
    "is_org_opener",
    "is_place_head",
    "is_place_opener",
    "is_first_name",
    "is_surname",
)


@functools.cache
def word_classes(data_dir: Path = DATA_DIR) -> pl.DataFrame:
    """word -> one boolean column per class in WORD_CLASSES (words as written, case kept)."""
    lists: dict[str, tuple[str, ...] | list[str]] = {
        "is_stop": lexicon.STOP_WORDS,
        "is_title": lexicon.PERSON_TITLES,
        "is_demonym": lexicon.DEMONYMS,
        "is_connector": lexicon.NAME_CONNECTORS,
        "is_org_head": lexicon.ORG_HEADS,
        "is_org_suffix": lexicon.ORG_SUFFIXES,
        "is_legal_suffix": (
            *lexicon.LEGAL_SUFFIXES,
            *(f"{s}." for s in lexicon.LEGAL_SUFFIXES),
            "PLC",
            "plc",
            "Corporation",
            "Incorporated",
            "Limited",
        ),
        "is_org_opener": lexicon.ORG_OPENERS,
        "is_place_head": lexicon.PLACE_HEADS,
        "is_place_opener": lexicon.PLACE_OPENERS,
        "is_first_name": _lines("first_names.txt", data_dir),
        "is_surname": _lines("surnames.txt", data_dir),
    }
    rows = [(w, cls) for cls, words in lists.items() for w in words]
    # Single words of multi-word titles ("Prime Minister") act as titles too.
    rows += [(part, "is_title") for t in lexicon.PERSON_TITLES for part in t.split()[:-1]]
    frame = pl.DataFrame(rows, schema={"word": pl.String, "cls": pl.String}, orient="row")
    present = set(frame["cls"].to_list())
    wide = (
        frame.unique()
        .with_columns(pl.lit(True).alias("flag"))
        .pivot(on="cls", index="word", values="flag")
    )
    return wide.select(
        "word",
        *(
            pl.col(c).fill_null(False) if c in present else pl.lit(False).alias(c)
            for c in WORD_CLASSES
        ),
    )


@functools.cache
def common_words(data_dir: Path = DATA_DIR) -> pl.DataFrame:
    """Ordinary lower-case English words (a capitalised one opening a sentence is no name)."""
    words = sorted(set(_lines("common_words.txt", data_dir)))
    return pl.DataFrame({"lower": words, "is_common": [True] * len(words)})


@functools.cache
def token_classes(data_dir: Path = DATA_DIR) -> pl.DataFrame:
    """word_classes plus ``is_common``, keyed by the word as written: common words appear in
    lower, Title and UPPER case, so one exact join classes a token."""
    lower = common_words(data_dir)["lower"]
    forms = pl.concat([lower, lower.str.to_titlecase(), lower.str.to_uppercase()]).unique()
    common = pl.DataFrame({"word": forms, "is_common": True})
    return (
        word_classes(data_dir)
        .join(common, on="word", how="full", coalesce=True)
        .with_columns(pl.col(*WORD_CLASSES, "is_common").fill_null(False))
    )


TOKEN_CLASSES = (*WORD_CLASSES, "is_common")


# The bits after TOKEN_CLASSES' in a token's mask: see alias_openers and alias_words.
ALIAS_OPENER_BIT = 1 << len(TOKEN_CLASSES)
ALIAS_WORD_BIT = 1 << (len(TOKEN_CLASSES) + 1)


def lookup_form(core: pl.Expr) -> pl.Expr:
    """The form a token is looked up by in the word lists, from its core (the token less a
    possessive "'s"): a final period is cut unless the word holds another ("Corp." -> "Corp",
    "U.S." stays)."""
    # Literal tests: far cheaper than a regex.
    undotted = pl.when(core.str.ends_with(".")).then(core).str.strip_suffix(".")
    return (
        pl.when((undotted.str.len_bytes() > 0) & ~undotted.str.contains(".", literal=True))
        .then(undotted)
        .otherwise(core)
    )


@functools.cache
def alias_openers(data_dir: Path = DATA_DIR) -> pl.Series:
    """Lookup forms (``lookup_form``) of every word an n-gram of two tokens or more must open
    with to spell an alias under some spelling. Such an n-gram's key starts with its first
    token as written up to the first space; of the spellings tried, only joining a spaced
    hyphen ("Wal - Mart" -> "Wal-Mart") changes that first word, and then the token is the
    alias's first word up to one of its hyphens. So the first words of all aliases, cut at
    each hyphen, hold every first token that can match; their lookup forms hold its form."""
    first_word = alias_table(data_dir).select(pl.col("key").str.split(" ").list.first())
    parts = pl.col("key").str.split("-")
    cut = (
        first_word.with_columns(parts=parts, pieces=pl.int_ranges(1, parts.list.len() + 1))
        .explode("pieces", empty_as_null=False)
        .select(pl.col("parts").list.head(pl.col("pieces")).list.join("-").alias("word"))
    )
    core = pl.col("word").str.strip_suffix("'s")
    return cut.select(lookup_form(core).alias("word"))["word"].unique()


@functools.cache
def alias_words(data_dir: Path = DATA_DIR) -> pl.Series:
    """Lookup forms (``lookup_form``) of every token that can spell a one-word alias alone.
    The spellings tried are its core (the alias), the whole token (the alias is the core and
    "'s") and the core less a final ".", "!" or ".com" (the core is the alias and that). So
    the token's core is the alias, the alias less "'s", or the alias and one of those
    endings; the lookup forms of all these (and of them less "'s", to be safe) hold its form."""
    words = alias_table(data_dir).filter(~pl.col("key").str.contains(" ", literal=True))["key"]
    cores = pl.concat([words, words + ".", words + "!", words + ".com"])
    cores = pl.concat([cores, cores.str.strip_suffix("'s")])
    return pl.select(lookup_form(pl.lit(cores)).alias("word"))["word"].unique()


@functools.cache
def token_class_masks(data_dir: Path = DATA_DIR) -> tuple[pl.Series, pl.Series]:
    """token_classes as (words, masks): bit i of a word's Int32 mask is TOKEN_CLASSES[i];
    ALIAS_OPENER_BIT marks alias_openers, ALIAS_WORD_BIT alias_words. A ``replace_strict``
    lookup of one integer is far cheaper than a join of 15 columns."""
    classes = token_classes(data_dir).select(
        "word",
        pl.sum_horizontal(
            pl.col(c).cast(pl.Int32) * (1 << i) for i, c in enumerate(TOKEN_CLASSES)
        ).alias("mask"),
    )
    flagged = [
        pl.DataFrame({"word": alias_openers(data_dir), "mask": ALIAS_OPENER_BIT}),
        pl.DataFrame({"word": alias_words(data_dir), "mask": ALIAS_WORD_BIT}),
    ]
    masks = (
        pl.concat([classes, *(f.cast({"mask": pl.Int32}) for f in flagged)])
        .group_by("word")
        .agg(pl.col("mask").bitwise_or())
        .sort("word")
    )
    return masks["word"], masks["mask"]


@functools.cache
def ordinary_words(data_dir: Path = DATA_DIR) -> pl.Series:
    """Lower-cased common words and stop words: never a name on their own in ALL CAPS, never
    the base of an organisation's name."""
    stop = [w.lower() for w in lexicon.STOP_WORDS]
    return pl.concat([common_words(data_dir)["lower"], pl.Series(stop)]).unique()


@functools.cache
def plain_openers(data_dir: Path = DATA_DIR) -> pl.Series:
    """Capitalised common words ("Shares", "Analysts") that are no alias: alone at the start
    of a sentence they are never a name."""
    common = common_words(data_dir)["lower"].str.to_titlecase()
    return common.filter(~common.is_in(alias_table(data_dir)["key"].implode())).unique()
