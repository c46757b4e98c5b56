"""Line-level boilerplate rules: which lines of a scraped article are not article text.

Each rule is a whole-line pattern plus a guard on line shape (length, position in the
article, neighbouring lines), so it generalises across sites instead of naming any one
site's strings. Rules are tried in the order of ``RULE_ORDER``; the first that matches gives
the line its ``kind``. Lines with no kind are article text.

Input: one row per line -- ``doc_key`` (article), ``line_no`` (0-based), ``text`` (a line of
normalised text), ``meta_title`` (title from metadata or NULL). The frame must be sorted by
``doc_key, line_no``.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from transforms.dates import parse_published

BOILERPLATE_VERSION = "3"

LINES_SCHEMA = pl.Schema(
    {"doc_key": pl.Int64(), "line_no": pl.Int32(), "text": pl.String(), "meta_title": pl.String()}
)

# ---------------------------------------------------------------------------------------------
# Patterns (whole-line unless noted). Case-insensitive where the wording varies by site.

# A personal name: 2-4 capitalised words, allowing particles ("van der", "de la"), initials
# ("J.", "W.") and apostrophes/hyphens ("O'Brien", "Smith-Jones").
_NAME_WORD = r"\p{Lu}[\p{L}'.-]*"
_PARTICLE = r"(?:van|von|der|den|de|da|del|della|di|du|la|le|bin|al|ibn|dos|das)"
NAME = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)*{_NAME_WORD}){{1,3}}"
NAME_LINE = rf"^{NAME}$"

BYLINE = r"^(?i:by|written by|posted by|words by|story by|reported by|author:|authors:)\s+\p{Lu}"
# What follows "By" and is not a name: the outlet or the author's role after a separator.
_BYLINE_TAIL = r"\s*(?:[|/]|\s-\s|,\s*(?:\p{Ll}|staff|senior|chief|special)).*$"
_NAME_SEPARATORS = r"\s*(?:,|;|&|\band\b|\bwith\b)\s*"
# Where a reporter was ("Jane Doe in London"): dropped from a name-list item.
_NAME_PLACE = r"\s+(?:in|from|at)\s+\p{Lu}.*$"
# A job title or desk, not a person ("Staff Writer", "BBC News", "Political Editor").
_ROLE_WORDS = (
    r"(?i)\b(?:staff|writer|reporter|editor|correspondent|columnist|contributor|journalist|"
    r"producer|analyst|desk|news|press|newsroom|team)\b"
)

DATELINE_CUE = r"^(?i:published|posted|updated|last updated|first published|date)\b"

IMAGE_FILE_EXT = r"(?i)^\S+\.(?:jpe?g|png|gif|webp|bmp|tiff?|svg|heic|avif)$"
# A lone token such as a CMS image slug: letters and digits joined by _ or -, with an id.
IMAGE_SLUG = r"^[A-Za-z0-9]+(?:[_-][A-Za-z0-9]+)+$"

# Caption exported with an upload id or timestamp glued in front ("20150803101AM 635 ...").
CAPTION_ID_PREFIX = r"^\d{8,}[A-Za-z]{0,3}\b"
CAPTION_CREDIT = (
    r"^(?i:(?:image|photo|photograph|picture|pic|illustration|graphic|video|caption|credit|"
    r"photo illustration)s?(?:\s+(?:credit|source|courtesy|by))?)\s*(?::|\||\s-\s|\bby\b)\s*\S"
)
# A photo agency credit closing a short line: "Photo: Jane Doe/Getty Images", "(AP Photo/X)".
# Only a name may follow the agency, so a dateline lead ("LONDON (Reuters) - The ...") is text.
CAPTION_AGENCY = (
    r"(?i)(?:/|\(|\bphoto:?\s|\bimage:?\s)\s*(?:getty images|shutterstock|istock(?:photo)?|"
    r"ap photo|ap|afp|reuters|epa|alamy|bloomberg|wikimedia commons|flickr)"
    r"(?:\s*/\s*[\p{L} .'-]{1,40})?\s*\)?$"
)
# Wire photo credit closing a caption: the agency in capitals, a slash, the photographer
# ("... March 3. REUTERS/Jane Doe", "AFP/Getty Images", "AP Photo/John Smith").
CAPTION_WIRE_CREDIT = (
    r"(?:^|\s)(?:REUTERS|AFP|EPA(?:-EFE)?|AP Photo|XINHUA|ANADOLU|ANSA|KYODO|YONHAP)\s*/\s*"
    r"\p{Lu}[^/]{0,60}$"
)

SHARE_CUE = (
    r"(?i)^(?:share|shares|share this(?: post| article| story| page| video)?|share on \w+|"
    r"share (?:via|with) \w+|click to share.*|tweet(?: this)?|what'?s your reaction\??|"
    r"your reaction\??|reactions?:?|how (?:do|did) you feel(?: about this(?: article| story)?)?\??|"
    r"rate this(?: article| story)?:?|\d[\d,.]*k?\s+shares?)$"
)
SOCIAL_BUTTON = (
    r"(?i)^(?:facebook|twitter|x|linkedin|whatsapp|reddit|pinterest|flipboard|tumblr|telegram|"
    r"email|e-mail|print|copy link|copy url|save|pin it|messenger|sms|more|mastodon|bluesky|"
    r"threads)$"
)

COMMENTS = (
    r"(?i)^(?:join the (?:discussion|conversation|debate)|leave a (?:comment|reply)|"
    r"post a comment|add (?:a |new |your )?comment|view (?:all )?comments|show comments|"
    r"(?:\d+\s+)?comments?(?:\s*\(\d+\))?|comment on this(?: article| story)?|"
    r"be the first to comment.*|sign in to comment|comments are closed\.?|"
    r"you must be logged in to post a comment\.?)$"
)

AUTHOR_HEADING = (
    r"(?i)^(?:about (?:the |this )?(?:author|writer|reporter|contributor|columnist)s?|"
    r"author (?:bio|biography|information|info|profile))\s*:?$"
)
AUTHOR_BIO_SENTENCE = (
    rf"^{NAME}\s+(?:is|was|has been|writes|covers)\s+(?:an?\s+|the\s+)?(?:[\p{{Ll}}-]+\s+){{0,4}}"
    r"(?:writer|reporter|editor|journalist|correspondent|columnist|contributor|author|blogger)\b"
)
AUTHOR_FOLLOW = (
    r"(?i)^(?:you can )?follow \S+(?:\s+\S+){0,3} (?:on|at) (?:twitter|x|facebook|instagram|"
    r"linkedin|threads|mastodon|bluesky)\b"
)

READ_MORE = (
    r"(?i)^(?:read more(?: about| from| by| stories| articles)?|more from|more by|"
    r"more stories (?:from|by)|view all posts by|see (?:all|more) (?:posts|articles|stories) by|"
    r"continue reading|read the (?:full|original) (?:story|article)|click here to read)\b"
)

# "Copyright" alone starts sentences too ("Copyright holders say..."): as a notice it is followed
# by a sign or a year, or ends in one; other short lines starting with it are checked for shape.
COPYRIGHT = (
    r"(?i)(?:^(?:©|\(c\)|copyright\s*(?:©|\(c\)|(?:19|20)\d{2}\b))|"
    r"^copyright\b.{0,80}\b(?:19|20)\d{2}\.?$|"
    r"\ball rights reserved\b|\bdo not (?:reproduce|redistribute|republish)\b)"
)
COPYRIGHT_WORD = r"(?i)^copyright\b"
COPYRIGHT_HOLDER = (
    r"(?i)^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*-\s*\d{4})?\s*)?,?\s*(?:by\s+)?"
    r"(.+?)(?:,?\s+(?:19|20)\d{2})?\s*(?:[.,;]?\s+all rights reserved|[.;]\s|$)"
)

SOURCE_LINE = (
    r"(?i)^(source|sources|via|h/t|hat tip|story via|originally (?:published|appeared) "
    r"(?:on|in|at|by))\s*:\s*(.+?)\.?$"
)

# "by" must be followed by a capitalised name, so "Reporting by local outlets..." stays text.
CREDITS = (
    r"^\(?\s*(?i:(?:additional\s+)?(?:reporting|writing|editing|compiled|research|produced|"
    r"graphics|translation)\s+by)\s+\p{Lu}.*$"
)
CREDITS_REPORTERS = r"(?i)(?:^|[(;]\s*)(?:additional\s+)?(?:reporting|writing)\s+by\s+([^;)]+)"

ADVERTISEMENT = (
    r"(?i)^(?:advertisement|advertising|sponsored(?: content)?|paid content|ad|"
    r"(?:story|article) continues (?:below|after)(?: this)?(?: advertisement| ad)?|"
    r"scroll (?:down )?to continue(?: reading)?)\s*:?$"
)
# An imperative ("Sign up for", "Subscribe to"), not a sentence about sign-ups.
NEWSLETTER = (
    r"(?i)^(?:(?:sign[ -]?up|subscribe)(?:\s+(?:for|to|now|here|today)\b|\s*[:!-]).{0,80}"
    r"\b(?:newsletter|updates|email|inbox|alerts)\b.*|"
    r"get (?:our|the) .{0,40}newsletter.*)$"
)
RELATED = (
    r"(?i)^(?:related(?: articles| stories| coverage| content| posts| links| news)?|see also|"
    r"you (?:may|might) also like|recommended(?: for you| stories)?|"
    r"more on this(?: story| topic)?|also read|trending(?: now| stories)?|most (?:popular|read)|"
    r"read next|further reading)\s*:?(?:\s.*)?$"
)

# A sentence-final character at the end of a line: prose, not a label or a button.
ENDS_LIKE_PROSE = r"[.!?]['\")\]]?$"
ENDS_LIKE_CLAUSE = r"[.,;:]$"

RULE_ORDER: tuple[str, ...] = (
    "title",
    "title_repeat",
    "byline",
    "dateline",
    "copyright",
    "comments",
    "read_more",
    "author_bio",
    "source_line",
    "credits",
    "image_file",
    "image_caption",
    "share_widget",
    "advertisement",
    "newsletter",
    "related_links",
)


def _key(text: pl.Expr) -> pl.Expr:
    """Comparison key: lower-case letters and digits only."""
    return text.str.to_lowercase().str.replace_all(r"[^\p{L}\p{N}]+", "")


def name_list(text: pl.Expr) -> pl.Expr:
    """Split a list of names ("A B, C D and E F") into the items that look like names.

    A place after a name is dropped ("Jane Doe in London"); items naming a role or a desk
    ("Staff Writer", "BBC News") are not names."""
    item = pl.element().str.replace(_NAME_PLACE, "").str.strip_chars(" .")
    return (
        text.str.replace_all(_NAME_SEPARATORS, "\x1f")
        .str.split("\x1f")
        .list.eval(item.filter(item.str.contains(NAME_LINE) & ~item.str.contains(_ROLE_WORDS)))
    )


def byline_names(text: pl.Expr) -> pl.Expr:
    """Names in a byline or an author field: "By Jane Doe and John Smith, Reuters"."""
    return name_list(
        text.str.replace(
            r"^(?i:by|written by|posted by|words by|story by|reported by|authors?:)\s+", ""
        ).str.replace(_BYLINE_TAIL, "")
    )


def _only_where(guard: pl.Expr, text: pl.Expr) -> pl.Expr:
    """``text`` on the rows where ``guard`` holds, "" elsewhere.

    polars evaluates every branch of a rule on every row; an expensive step (date parsing,
    name splitting) fed "" costs nothing, so it in effect runs on the candidate lines only.
    Not NULL: string kernels still process the text behind a NULL (measured: parsing dates
    of NULL-masked lines cost more than parsing every line)."""
    return pl.when(guard).then(text).otherwise(pl.lit(""))


def _word_count(text: pl.Expr) -> pl.Expr:
    r"""Whitespace-separated words (UInt32), as ``count_matches(r"\S+")``.

    Matching every word is slow (a regex match per word); normalised lines are ASCII-spaced
    (single spaces, none at either end), where counting spaces is twice as fast. The regex
    runs on the other lines only."""
    single_spaced = (
        (text.str.len_bytes() == text.str.len_chars())  # ASCII: no Unicode whitespace
        & ~text.str.contains(r"[\t-\r]")
        & ~text.str.contains("  ", literal=True)
        & ~text.str.starts_with(" ")
        & ~text.str.ends_with(" ")
    )
    spaces = _only_where(single_spaced, text).str.count_matches(" ", literal=True)
    return (
        pl.when(text == "")
        .then(pl.lit(0, dtype=pl.UInt32))
        .when(single_spaced)
        .then(spaces + pl.lit(1, dtype=pl.UInt32))
        .otherwise(_only_where(~single_spaced, text).str.count_matches(r"\S+"))
    )


def _title_repeat_key(text: pl.Expr, title_key: pl.Expr, key_initial: pl.Expr) -> pl.Expr:
    """The key of the lines that could repeat the title ("" for the others).

    Keys cost a replacement per word, so they are made only of lines starting like the
    title's key and, of those, only where a short prefix does not already have a longer key:
    a prefix's key is as long as the start of the whole line's key (lower-casing maps
    character by character, except Greek final sigma, which keeps the length)."""
    key_len = title_key.str.len_chars()
    starts_alike = key_initial == title_key.str.slice(0, 1)
    prefix = _only_where(starts_alike, text).str.slice(0, key_len * 2 + 2)
    could_match = starts_alike & (_key(prefix).str.len_chars() <= key_len)
    return _key(_only_where(could_match, text))


def classify_lines(lines: pl.LazyFrame) -> pl.LazyFrame:
    """Add ``kind`` (NULL for article text) and the metadata each boilerplate line carries:
    ``author_names`` (byline, author box, credits), ``source_cue``/``source_value`` (source
    lines), ``copyright_holder`` and ``dateline_at``; and ``n_words`` (whitespace-separated
    words in the line)."""
    doc = "doc_key"
    text = pl.col("text")
    blank = text == ""
    n_words = _word_count(text)
    nb_idx = (~blank).cast(pl.Int32).cum_sum().over(doc) - 1
    nb_total = (~blank).cast(pl.Int32).sum().over(doc)

    feats = lines.with_columns(
        blank=blank,
        n_words=n_words,
        nb_idx=nb_idx,
        nb_total=nb_total,
        # The first letter or digit of the line's key: a cheap test before the whole key.
        key_initial=text.str.to_lowercase().str.extract(r"[\p{L}\p{N}]", 0),
        prose_end=text.str.contains(ENDS_LIKE_PROSE),
    ).with_columns(nb_from_end=pl.col("nb_total") - 1 - pl.col("nb_idx"))

    c = pl.col
    first_line = ~c("blank") & (c("nb_idx") == 0)
    headline = (
        first_line
        & c("n_words").is_between(2, 25)
        & (text.str.len_chars() <= 200)
        & ~text.str.contains(ENDS_LIKE_CLAUSE)
        & (c("nb_total") >= 2)
    )
    is_title = headline & c("meta_title").is_null()
    title_key = (
        pl.when(c("meta_title").is_not_null())
        .then(_key(c("meta_title")))
        .otherwise(pl.when(is_title).then(_key(_only_where(is_title, text))).max().over(doc))
    )
    short = ~c("blank") & (c("n_words") <= 4) & (text.str.len_chars() <= 40) & ~c("prose_end")
    # Runs of consecutive short lines (a widget block); a longer or blank line ends a run.
    run_no = (~short).cast(pl.Int32).cum_sum().over(doc)
    share_cue = text.str.contains(SHARE_CUE)
    social = short & text.str.contains(SOCIAL_BUTTON)
    near_top = c("nb_idx") <= 5

    author_heading = text.str.contains(AUTHOR_HEADING) & (
        (c("nb_from_end") <= 10) | (c("nb_idx") * 2 >= c("nb_total"))
    )

    feats = feats.with_columns(
        is_title=is_title,
        title_key=title_key,
        short=short,
        run_no=run_no,
        share_cue=share_cue,
        social=social,
        author_heading=author_heading,
    ).with_columns(
        cue_in_run=pl.col("share_cue").cast(pl.Int32).cum_sum().over(doc, "run_no") > 0,
        socials_in_run=pl.col("social").cast(pl.Int32).sum().over(doc, "run_no"),
        in_author_box=pl.col("author_heading").cast(pl.Int32).cum_sum().over(doc) > 0,
        after_heading=pl.col("author_heading").shift(1).over(doc).fill_null(False),
    )

    # Unanchored patterns are searched for in the lines their rule's guards allow only.
    caption_text = _only_where((c("n_words") <= 25) & ~c("prose_end"), text)
    wire_caption_text = _only_where((c("n_words") <= 80) & ~c("prose_end"), text)
    # Keys (costly: a replacement per word) only of lines that start like the title's key.
    repeat_key = _title_repeat_key(text, c("title_key"), c("key_initial"))
    # A date is parsed (the costliest step) only where the dateline rule could use it.
    dateline_candidate = (
        near_top & (c("n_words") <= 14) & (text.str.contains(DATELINE_CUE) | ~c("prose_end"))
    )
    byline_candidate = near_top & (c("n_words") <= 14) & text.str.contains(BYLINE)
    # Date parsing costs per row, even of "", so only the candidate lines are parsed (a blank
    # line never holds a date).
    feats = feats.with_row_index("_line")
    datelines = feats.filter(dateline_candidate & ~c("blank")).select(
        "_line", candidate_dateline_at=parse_published(text)
    )
    feats = (
        feats.join(datelines, on="_line", how="left", maintain_order="left")
        .drop("_line")
        .with_columns(candidate_byline_names=byline_names(_only_where(byline_candidate, text)))
    )
    rules: dict[str, pl.Expr] = {
        "title": c("is_title"),
        "title_repeat": ~c("blank") & (repeat_key != "") & (repeat_key == c("title_key")),
        # A name must follow, unless the line is not a sentence ("By Tuesday, the river...").
        "byline": byline_candidate
        & ((c("candidate_byline_names").list.len() > 0) | ~c("prose_end")),
        "dateline": c("candidate_dateline_at").is_not_null(),
        "copyright": (c("n_words") <= 40)
        & (
            _only_where(c("n_words") <= 40, text).str.contains(COPYRIGHT)
            | (text.str.contains(COPYRIGHT_WORD) & ~c("prose_end") & (c("n_words") <= 10))
        ),
        "comments": text.str.contains(COMMENTS),
        "read_more": (c("n_words") <= 15) & text.str.contains(READ_MORE),
        "author_bio": c("in_author_box")
        # A closing bio paragraph; never the article's first line nor a long paragraph
        # that merely starts with a bio sentence.
        | (
            (c("nb_from_end") <= 2)
            & (c("nb_idx") > 0)
            & (c("n_words") <= 60)
            & text.str.contains(AUTHOR_BIO_SENTENCE)
        )
        | ((c("nb_from_end") <= 3) & text.str.contains(AUTHOR_FOLLOW)),
        "source_line": (c("n_words") <= 12) & text.str.contains(SOURCE_LINE),
        "credits": (c("n_words") <= 40) & (c("nb_from_end") <= 3) & text.str.contains(CREDITS),
        "image_file": ~c("blank")
        & (
            text.str.contains(IMAGE_FILE_EXT)
            | (
                text.str.contains(IMAGE_SLUG)
                & (_only_where(text.str.contains(IMAGE_SLUG), text).str.count_matches(r"\d") >= 3)
                & (text.str.contains("_") | (text.str.len_chars() >= 16))
            )
        ),
        "image_caption": ~c("blank")
        & ~c("prose_end")
        & (
            (
                (c("n_words") <= 25)
                & (
                    text.str.contains(CAPTION_ID_PREFIX)
                    | text.str.contains(CAPTION_CREDIT)
                    | caption_text.str.contains(CAPTION_AGENCY)
                )
            )
            # Wire captions are whole sentences; the closing credit marks them.
            | ((c("n_words") <= 80) & wire_caption_text.str.contains(CAPTION_WIRE_CREDIT))
        ),
        "share_widget": c("share_cue")
        | (c("short") & c("cue_in_run"))
        | (c("social") & (c("socials_in_run") >= 2)),
        "advertisement": text.str.contains(ADVERTISEMENT),
        "newsletter": (c("n_words") <= 25) & text.str.contains(NEWSLETTER),
        "related_links": (c("n_words") <= 15) & ~c("prose_end") & text.str.contains(RELATED),
    }
    assert tuple(rules) == RULE_ORDER
    chain: Any = pl.when(c("blank")).then(pl.lit(None, dtype=pl.String))
    for name, condition in rules.items():
        chain = chain.when(condition).then(pl.lit(name))
    kind: pl.Expr = chain.otherwise(pl.lit(None, dtype=pl.String))

    is_kind = c("kind").eq
    names_from_credits = name_list(
        _only_where(is_kind("credits"), text)
        .str.extract_all(CREDITS_REPORTERS)
        .list.eval(pl.element().str.replace(CREDITS_REPORTERS, "$1"))
        .list.join(", ")
    )
    author_names = (
        pl.when(c("kind") == "byline")
        .then(c("candidate_byline_names"))
        .when((c("kind") == "author_bio") & c("after_heading") & text.str.contains(NAME_LINE))
        .then(pl.concat_list(text))
        .when(c("kind") == "credits")
        .then(names_from_credits)
        .otherwise(pl.lit(None, dtype=pl.List(pl.String)))
    )
    source = _only_where(is_kind("source_line"), text).str.extract_groups(SOURCE_LINE)
    return (
        feats.with_columns(kind=kind)
        .with_columns(
            author_names=author_names,
            source_cue=pl.when(c("kind") == "source_line").then(
                source.struct.field("1").str.to_lowercase()
            ),
            source_value=pl.when(c("kind") == "source_line").then(source.struct.field("2")),
            copyright_holder=pl.when(c("kind") == "copyright").then(
                _only_where(is_kind("copyright"), text)
                .str.extract(COPYRIGHT_HOLDER, 1)
                .str.strip_chars(" .,")
            ),
            dateline_at=pl.when(c("kind") == "dateline").then(c("candidate_dateline_at")),
        )
        .select(
            *LINES_SCHEMA.names(),
            "n_words",
            "kind",
            "author_names",
            "source_cue",
            "source_value",
            "copyright_holder",
            "dateline_at",
        )
    )
