"""Labelled examples for the boilerplate line rules, in the normalised line form.

Each example is an article's lines in order plus the expected ``kind`` of some of them (None =
article text, kept). The strings are invented in the style of many sites (wire services,
broadsheets, tech blogs, WordPress and Medium exports), never the specification samples', so
the corpus checks that the rules generalise.

POSITIVE: boilerplate that must be caught, at least three sites' variants per kind.
NEGATIVE: article text that looks like boilerplate and must be kept.
KNOWN_FAILURES: real cases the rules get wrong today; the tests expect them to fail, so a rule
change that fixes one is noticed and the example can move to POSITIVE/NEGATIVE.
"""

from __future__ import annotations

from dataclasses import dataclass

Row = str | tuple[str, str | None]


@dataclass(frozen=True)
class LineExample:
    lines: tuple[str, ...]  # an article's lines (already normalised text), in order
    expected: dict[int, str | None]  # line index -> expected kind (None = article text)
    note: str
    meta_title: str | None = None


def _doc(note: str, *rows: Row, meta_title: str | None = None) -> LineExample:
    """An example from rows: a plain string is an unchecked line, ``(text, kind)`` a checked one."""
    lines: list[str] = []
    expected: dict[int, str | None] = {}
    for index, row in enumerate(rows):
        if isinstance(row, tuple):
            lines.append(row[0])
            expected[index] = row[1]
        else:
            lines.append(row)
    return LineExample(tuple(lines), expected, note, meta_title)


# Article paragraphs used as surroundings, so that position guards (near the top, near the end)
# see a realistic article.
HEADLINE = "Regulators fine airline over delayed refunds"
P1 = (
    "The transport regulator on Tuesday fined the airline $2.5 million for failing to refund "
    "passengers whose flights were cancelled during last summer's strikes."
)
P2 = (
    "The airline said it had processed more than 90 percent of claims and would appeal, "
    "arguing that the delays were caused by a surge in requests."
)
P3 = (
    "Consumer groups welcomed the decision but said the fine was small compared with the "
    "carrier's annual profit of nearly $400 million."
)
P4 = (
    "A spokeswoman for the regulator said further penalties were possible if refunds were not "
    "completed by the end of March."
)


def _body(*rows: Row) -> tuple[Row, ...]:
    """Rows placed after a headline and two paragraphs (i.e. not at the top)."""
    return (HEADLINE, "", P1, "", P2, "", *rows)


def _top(*rows: Row) -> tuple[Row, ...]:
    """Rows placed straight after the headline, followed by the article."""
    return (HEADLINE, "", *rows, "", P1, "", P2, "", P3, "", P4)


def _end(*rows: Row) -> tuple[Row, ...]:
    """Rows placed after the whole article (the footer)."""
    return (HEADLINE, "", P1, "", P2, "", P3, "", P4, "", *rows)


POSITIVE: list[LineExample] = [
    # --- title ---------------------------------------------------------------------------
    _doc("title: plain headline", (HEADLINE, "title"), "", (P1, None), "", (P2, None)),
    _doc(
        "title: headline ending in a question mark",
        ("Brexit: what happens now that the deadline has passed?", "title"),
        "",
        (P1, None),
    ),
    _doc(
        "title: wire headline with a dash and a source tag",
        ("Exclusive: Carmaker in talks to buy battery startup - sources", "title"),
        "",
        P1,
        "",
        P2,
    ),
    _doc(
        "title: headline opening with a quotation",
        ("'We are not going anywhere': miners vow to fight pit closure", "title"),
        "",
        (P1, None),
    ),
    # --- title_repeat --------------------------------------------------------------------
    _doc(
        "title_repeat: first line equals the metadata title",
        ("Fed holds rates steady, signals two cuts later this year", "title_repeat"),
        "",
        (P1, None),
        meta_title="Fed holds rates steady, signals two cuts later this year",
    ),
    _doc(
        "title_repeat: headline printed again after the byline",
        ("Storm batters east coast as thousands lose power", "title"),
        "By Ana Ruiz",
        ("Storm batters east coast as thousands lose power", "title_repeat"),
        "",
        (P1, None),
    ),
    _doc(
        "title_repeat: same words in other case and punctuation",
        ("FED HOLDS RATES STEADY - SIGNALS TWO CUTS LATER THIS YEAR", "title_repeat"),
        "",
        (P1, None),
        meta_title="Fed holds rates steady; signals two cuts later this year",
    ),
    # --- byline --------------------------------------------------------------------------
    _doc(
        "byline: two names and an agency", *_top(("By Jane Doe and John Smith, Reuters", "byline"))
    ),
    _doc("byline: 'Written by'", *_top(("Written by Sarah Perez", "byline"))),
    _doc(
        "byline: name, pipe and role (BBC style)",
        *_top(("By Laura Kendrick | Political editor, BBC News", "byline")),
    ),
    _doc("byline: 'Author:' label", *_top(("Author: Kim Lee", "byline"))),
    _doc("byline: all capitals", *_top(("By JANE DOE", "byline"))),
    _doc("byline: name and role after a comma", *_top(("By Tom Brown, Staff Writer", "byline"))),
    # --- dateline ------------------------------------------------------------------------
    _doc(
        "dateline: 'Published:' with weekday",
        *_top(("Published: Monday, August 3rd, 2015", "dateline")),
    ),
    _doc(
        "dateline: 'Updated' with time and zone",
        *_top(("Updated: Aug. 28, 2015 at 4 p.m. ET", "dateline")),
    ),
    _doc("dateline: bare day month year", *_top(("3 August 2015", "dateline"))),
    _doc("dateline: wire-style date and time", *_top(("Fri Oct 20, 2006 6:15pm EDT", "dateline"))),
    _doc("dateline: ISO timestamp", *_top(("2015-08-03T10:32:00Z", "dateline"))),
    # --- copyright -----------------------------------------------------------------------
    _doc(
        "copyright: sign, year, agency",
        *_end(("© 2015 Reuters. All rights reserved.", "copyright")),
    ),
    _doc(
        "copyright: wire notice with redistribution clause",
        *_end(
            (
                "Copyright 2014 The Associated Press. All rights reserved. This material may "
                "not be published, broadcast, rewritten or redistributed.",
                "copyright",
            )
        ),
    ),
    _doc(
        "copyright: (c) with holder then year",
        *_end(("(c) Guardian News & Media Ltd 2015", "copyright")),
    ),
    _doc("copyright: bare 'All rights reserved.'", *_end(("All rights reserved.", "copyright"))),
    # --- comments ------------------------------------------------------------------------
    _doc("comments: WordPress 'Leave a Reply'", *_end(("Leave a Reply", "comments"))),
    _doc("comments: count", *_end(("12 Comments", "comments"))),
    _doc("comments: count in brackets", *_end(("Comments (34)", "comments"))),
    _doc("comments: login prompt", *_end(("You must be logged in to post a comment.", "comments"))),
    _doc("comments: 'View comments'", *_end(("View comments", "comments"))),
    # --- read_more -----------------------------------------------------------------------
    _doc(
        "read_more: 'Read more:' teaser",
        *_body(("Read more: Why the central bank is in no hurry", "read_more"), "", P3),
    ),
    _doc(
        "read_more: NYT 'Continue reading'", *_top(("Continue reading the main story", "read_more"))
    ),
    _doc("read_more: 'More from' outlet", *_end(("More from TechCrunch", "read_more"))),
    _doc(
        "read_more: WordPress author archive link",
        *_end(("View all posts by Jane Doe", "read_more")),
    ),
    # --- author_bio ----------------------------------------------------------------------
    _doc(
        "author_bio: heading, name and bio paragraph",
        *_end(
            ("About the author", "author_bio"),
            ("Priya Natarajan", "author_bio"),
            (
                "Priya covers energy and climate policy. She previously worked at a business "
                "daily in Mumbai.",
                "author_bio",
            ),
        ),
    ),
    _doc(
        "author_bio: closing bio sentence",
        *_end(("Jane Doe is a senior technology reporter at Example News.", "author_bio")),
    ),
    _doc(
        "author_bio: follow prompt",
        *_end(("Follow Marco Bianchi on Twitter @marcobianchi", "author_bio")),
    ),
    _doc(
        "author_bio: 'Author bio:' heading",
        *_end(
            ("Author Bio:", "author_bio"),
            ("Lee Chang writes about startups and venture capital.", "author_bio"),
        ),
    ),
    # --- source_line ---------------------------------------------------------------------
    _doc("source_line: 'Source:'", *_end(("Source: BBC News", "source_line"))),
    _doc("source_line: 'Via:'", *_end(("Via: The Verge", "source_line"))),
    _doc("source_line: 'H/T:'", *_end(("H/T: Daring Fireball", "source_line"))),
    _doc(
        "source_line: 'Originally published at:'",
        *_end(("Originally published at: medium.com", "source_line")),
    ),
    # --- credits -------------------------------------------------------------------------
    _doc(
        "credits: Reuters reporting/editing line",
        *_end(("(Reporting by Jane Doe in London; Editing by John Smith)", "credits")),
    ),
    _doc(
        "credits: additional reporting",
        *_end(("Additional reporting by Sam Lee in Seoul.", "credits")),
    ),
    _doc(
        "credits: writing and editing",
        *_end(("Writing by Ana Ruiz; editing by Tom Brown", "credits")),
    ),
    _doc("credits: compiled by", *_end(("Compiled by Global Desk staff", "credits"))),
    # --- image_file ----------------------------------------------------------------------
    _doc("image_file: camera file name", *_top(("IMG_20150803_101522.jpg", "image_file"))),
    _doc("image_file: agency file name", *_top(("GettyImages-482736152.jpg", "image_file"))),
    _doc("image_file: CMS slug with size", *_top(("apple-watch-hero-2015-1024x683", "image_file"))),
    _doc("image_file: camera id without extension", *_body(("DSC_0042", "image_file"), "", P3)),
    # --- image_caption -------------------------------------------------------------------
    _doc(
        "image_caption: caption with (Photo: name/Getty Images)",
        *_top(
            (
                "The chief executive speaks at the launch in San Francisco (Photo: Justin "
                "Sullivan/Getty Images)",
                "image_caption",
            )
        ),
    ),
    _doc("image_caption: 'Photo:' credit", *_body(("Photo: Reuters", "image_caption"), "", P3)),
    _doc("image_caption: 'Image credit:'", *_top(("Image credit: Shutterstock", "image_caption"))),
    _doc(
        "image_caption: upload timestamp glued in front",
        *_top(("20150803105532PM 1024 apple watch sport band", "image_caption")),
    ),
    _doc(
        "image_caption: wire caption ending AGENCY/Photographer",
        *_body(
            (
                "Protesters gather outside parliament in London, Britain, March 3, 2015. "
                "REUTERS/Toby Melville",
                "image_caption",
            ),
            "",
            P3,
        ),
    ),
    # --- share_widget --------------------------------------------------------------------
    _doc(
        "share_widget: cue then social buttons",
        *_end(
            ("Share this article", "share_widget"),
            ("Facebook", "share_widget"),
            ("Twitter", "share_widget"),
            ("Email", "share_widget"),
        ),
    ),
    _doc("share_widget: 'Share on Facebook'", *_end(("Share on Facebook", "share_widget"))),
    _doc("share_widget: share count", *_top(("1.2k shares", "share_widget"))),
    _doc(
        "share_widget: social buttons without a cue",
        *_end(
            ("Facebook", "share_widget"), ("Twitter", "share_widget"), ("LinkedIn", "share_widget")
        ),
    ),
    _doc(
        "share_widget: reaction poll",
        *_end(
            ("How did you feel about this story?", "share_widget"),
            ("Happy", "share_widget"),
            ("Sad", "share_widget"),
            ("Angry", "share_widget"),
        ),
    ),
    # --- advertisement -------------------------------------------------------------------
    _doc("advertisement: bare label", *_body(("Advertisement", "advertisement"), "", P3)),
    _doc(
        "advertisement: 'Story continues below advertisement'",
        *_body(("Story continues below advertisement", "advertisement"), "", P3),
    ),
    _doc(
        "advertisement: sponsored content", *_body(("Sponsored content", "advertisement"), "", P3)
    ),
    _doc(
        "advertisement: scroll prompt",
        *_body(("Scroll to continue reading", "advertisement"), "", P3),
    ),
    # --- newsletter ----------------------------------------------------------------------
    _doc("newsletter: sign-up prompt", *_end(("Sign up for our daily newsletter", "newsletter"))),
    _doc(
        "newsletter: subscribe sentence",
        *_end(
            (
                "Subscribe to our newsletter to get the latest tech news in your inbox.",
                "newsletter",
            )
        ),
    ),
    _doc(
        "newsletter: 'Get the ... newsletter'",
        *_body(("Get the Morning Brief newsletter", "newsletter"), "", P3),
    ),
    _doc(
        "newsletter: alerts",
        *_end(("Sign up to receive breaking news alerts by email", "newsletter")),
    ),
    # --- related_links -------------------------------------------------------------------
    _doc(
        "related_links: 'Related:' teaser",
        *_body(("Related: Airlines face record compensation claims", "related_links"), "", P3),
    ),
    _doc("related_links: 'You may also like'", *_end(("You may also like", "related_links"))),
    _doc("related_links: 'More on this story'", *_end(("More on this story", "related_links"))),
    _doc("related_links: 'Most popular'", *_end(("Most popular", "related_links"))),
]

NEGATIVE: list[LineExample] = [
    _doc(
        "author_bio: a one-paragraph article that opens with the writer's bio",
        (
            "Dana Reyes is a senior energy correspondent who has covered oil markets for a "
            "decade. MADRID (Reuters) - I sank into my seat in the taxi and the driver asked "
            "me when oil prices would come down. It is the question everyone asks this summer.",
            None,
        ),
    ),
    _doc(
        "image_caption: wire dateline lead that ends in a colon, not a photo credit",
        *_body(("CHICAGO (Reuters) - The following is a summary of recent corn prices:", None)),
    ),
    _doc(
        "image_caption: dateline alone on its line",
        *_body(("LONDON (Reuters) -", None)),
    ),
    _doc(
        "share: body sentence about share prices",
        *_body(("Share prices fell 3 percent on Tuesday after the announcement.", None)),
    ),
    _doc(
        "copyright: body sentence mentioning copyright law",
        *_end(("The lawsuit claims the company ignored copyright law for years.", None)),
    ),
    _doc(
        "copyright: body sentence starting with 'Copyright'",
        *_end(("Copyright holders say the ruling will hurt working musicians.", None)),
    ),
    _doc("heading: one-word 'COVID-19' between paragraphs", *_body(("COVID-19", None), "", P3)),
    _doc(
        "byline: sentence starting 'By the end of the year'",
        *_top(("By the end of the year, the airline expects to hire 500 people.", None)),
    ),
    _doc(
        "byline: sentence starting 'By' and a capitalised weekday",
        *_top(("By Tuesday, the river had crested at 9 metres.", None)),
    ),
    _doc(
        "author_bio: quote 'Follow the money' near the end",
        *_end(('"Follow the money," the prosecutor told the jury on Twitter last week.', None)),
    ),
    _doc(
        "source_line: paragraph starting 'Source code is'",
        *_end(("Source code is available on GitHub under an open licence.", None)),
    ),
    _doc(
        "author_bio: 'About the author's claims' mid-article",
        *_body(("About the author's claims, the publisher said little.", None), "", (P3, None)),
    ),
    _doc(
        "image_caption: real sentence opening with a number",
        *_top(("20,000 people marched through the capital on Saturday.", None)),
    ),
    _doc(
        "dateline: sentence opening with a date",
        *_top(("August 3, 2015 will be remembered as the day the market broke.", None)),
    ),
    _doc(
        "dateline: 'Updated' sentence without a date",
        *_top(("Updated guidance was published by the ministry on Friday.", None)),
    ),
    _doc(
        "title: first line is a sentence, not a headline",
        ("The company said on Monday it would cut 1,000 jobs in Europe.", None),
        "",
        (P1, None),
    ),
    _doc(
        "advertisement: sentence about advertising revenue",
        *_body(("Advertising revenue rose 12 percent in the quarter.", None)),
    ),
    _doc(
        "newsletter: sentence starting 'Sign up numbers'",
        *_end(("Sign up numbers for the email service doubled in March.", None)),
    ),
    _doc(
        "credits: sentence starting 'Reporting by local outlets'",
        *_end(("Reporting by local outlets suggested the death toll was higher.", None)),
    ),
    _doc(
        "related_links: sentence starting 'Most popular'",
        *_body(("Most popular among voters was the promised tax cut.", None)),
    ),
    _doc(
        "image_caption: sentence starting 'Photo by photo'",
        *_body(("Photo by photo, investigators rebuilt the timeline of the crash.", None)),
    ),
    _doc(
        "source_line: sentence starting 'Via the app'",
        *_body(("Via the app, users can now pay for parking with their phones.", None)),
    ),
    _doc(
        "share_widget: one-word section heading naming a network",
        *_body(("Facebook", None), "", (P3, None)),
    ),
    _doc(
        "comments: sentence about the minister's comments",
        *_end(("Comments by the minister drew criticism from both parties.", None)),
    ),
    _doc(
        "image_file: part number with a dash",
        *_body(("737-800", None), "", (P3, None)),
    ),
    _doc(
        "title_repeat: body line that shares words with the title",
        (HEADLINE, "title"),
        "",
        ("Regulators fine airline over delayed refunds, and consumers cheer.", None),
    ),
]

KNOWN_FAILURES: list[LineExample] = [
    _doc(
        "dateline: relative time ('2 hours ago') has no date to parse",
        *_top(("Updated 2 hours ago", "dateline")),
    ),
    _doc(
        "byline: lower-case CMS user name ('Posted by admin')",
        *_top(("Posted by admin on March 3, 2015", "byline")),
    ),
    _doc(
        "author_bio: closing sentence about a journalist who is the story's subject",
        *_end(
            ("Maria Lopez is a veteran reporter who spent two decades covering the cartels.", None)
        ),
    ),
    _doc(
        "image_caption: plain caption with no credit, id or agency",
        *_top(("The chief executive at the launch event in Cupertino on Tuesday", "image_caption")),
    ),
]
