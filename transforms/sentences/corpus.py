"""Labelled examples for the sentence splitter, in the normalised body-text form.

POSITIVE: boundaries that must be found. NEGATIVE: places that look like boundaries but are
not. KNOWN_FAILURES: real cases the rules get wrong today (the tests expect them to fail, so
a rule change that fixes one is noticed and the example can move to POSITIVE/NEGATIVE).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SentenceExample:
    text: str
    sentences: tuple[str, ...]  # expected sentence texts, in order
    note: str = ""


def _ex(note: str, *sentences: str, sep: str = " ") -> SentenceExample:
    """An example whose text is its sentences joined by `sep`."""
    return SentenceExample(sep.join(sentences), sentences, note)


POSITIVE: list[SentenceExample] = [
    _ex(
        "sony store: Aug. 28 and p.m. inside, two sentences",
        "Sony has announced that its online store, found on store.sony.com, will close up shop"
        " starting Aug. 28.",
        "Until then, customers can still purchase any device they want from the Japanese"
        " electronics maker before the store officially winds down at 4 p.m. Eastern Time or"
        " 1 p.m. Pacific Time on that day.",
    ),
    _ex(
        "boundary inside a quotation splits; closing quote stays with its sentence",
        'Totoki put those rumors to bed, but for a somewhat surprising reason: "Smartphones are'
        " completely connected to other devices, also connected to people's lives - deeply.",
        'And the opportunity for diversification is huge," Totoki said.',
        "\"We're heading to the IoT (Internet of Things) era and have to produce a number of new"
        " categories of products in this world, otherwise we could lose out on a very important"
        ' business domain."',
    ),
    _ex("plain period", "The shares rose.", "Analysts were surprised."),
    _ex("question mark", "Will Sony sell its phone unit?", "Analysts think not."),
    _ex("exclamation mark", "The deal is off!", "Shares fell 5 percent."),
    _ex("repeated ?!", "Can you believe it?!", "Nobody could."),
    _ex("ellipsis before uppercase", "He paused...", "Then he left the room."),
    _ex("closing quote after period", 'He said "we are done."', "The meeting ended."),
    _ex("closing bracket after period", "(The figures are unaudited.)", "Revenue rose."),
    _ex("opening quote starts next sentence", "Sales fell.", '"We expected it," he said.'),
    _ex("digit starts next sentence", "The index closed lower.", "3M shares fell 2 percent."),
    _ex("accented uppercase start", "The mayor spoke.", "Émile Durand replied."),
    _ex("dotted acronym then 'The'", "It sells phones in the U.S.", "The company said so."),
    _ex("dotted acronym then 'It'", "Troops were sent by the U.N.", "It was the first time."),
    _ex("corporate suffix then 'He'", "He joined Apple Inc.", "He left in 2010."),
    _ex("corporate suffix then 'Its'", "Sony sold shares of Sony Corp.", "Its stock fell."),
    _ex("p.m. then 'The'", "The store closes at 4 p.m.", "The site stays open."),
    _ex("initial then sentence starter", "He backed Plan B.", "However, it failed."),
    _ex("sentence starter with apostrophe", "It opened in the U.K.", "It's the first store."),
    _ex("sentence starter after opening quote", "It opened in the U.S.", '"The demand is huge."'),
    _ex("etc. before uppercase", "They sell phones, tablets, etc.", "The range is wide."),
    _ex("domain at the end of a sentence", "Visit store.sony.com.", "The store closes soon."),
    _ex("decimal at the end of a sentence", "Revenue grew 16.3.", "Profit fell."),
    _ex("three sentences", "Sony rose.", "Nintendo fell.", "The yen was flat."),
    _ex("paragraph break", "First paragraph ends here.", "Second one.", sep="\n\n"),
    _ex(
        "paragraph break without punctuation",
        "Sony to close online store",
        "the company said on Tuesday.",
        sep="\n\n",
    ),
    _ex(
        "single newline after a heading line",
        "Sony Results",
        "Tokyo, Japan",
        "Revenue rose in the quarter.",
        sep="\n",
    ),
    _ex("single newline after a full stop", "Revenue rose.", "Profit fell.", sep="\n"),
    _ex("Jr. then sentence starter", "He met Martin Luther King Jr.", "They talked."),
    _ex("No. as an ordinary word", "The answer was No.", "They moved on."),
    _ex("title after a boundary", "He left early.", "Mr. Smith stayed until 5 p.m. on Aug. 3."),
    _ex(
        "news article with heading, byline and paragraphs",
        "Sony to close online store",
        "By Jane Doe",
        "Sony Corp. said on Tuesday that its U.S. store will close on Sept. 5.",
        "The company, which sells the PlayStation 4 for $349.99, declined to comment.",
        "Shares fell 1.2 percent in Tokyo.",
        sep="\n",
    ),
    _ex(
        "bullet-like lines",
        "Key points",
        "Revenue rose 5 percent",
        "Profit fell",
        sep="\n",
    ),
]

NEGATIVE: list[SentenceExample] = [
    _ex("U.S. mid-sentence", "The U.S. Senate passed the bill."),
    _ex("U.K. before proper noun", "The U.K. Treasury declined to comment."),
    _ex("U.N. and E.U.", "The U.N. and the E.U. Commission met in Geneva."),
    _ex("dotted acronym before number", "U.S. 10-year yields rose."),
    _ex("initials", "J. K. Rowling wrote the book."),
    _ex("middle initial", "George W. Bush spoke on Monday."),
    _ex("initials with 'A'", "The report by J. A. Smith was published."),
    _ex("month abbreviation before day", "The store closes on Sept. 5 in Tokyo."),
    _ex("month abbreviation before year", "He joined in Jan. 2015 as chief executive."),
    _ex("title Mr.", "Mr. Smith declined to comment."),
    _ex("title Dr.", "The patient saw Dr. Jones on Friday."),
    _ex("titles Sen. and Gov.", "Sen. Warren and Gov. Brown met in Sacramento."),
    _ex("St.", "The plant is in St. Louis, Missouri."),
    _ex("No. before number", "The song hit No. 1 in May."),
    _ex("Nos.", "Nos. 3 and 4 were recalled."),
    _ex("vs.", "It was Apple vs. Samsung in court."),
    _ex("e.g.", "Some devices, e.g. The Walkman, were iconic."),
    _ex("i.e. lowercase", "The unit, i.e. the phone business, lost money."),
    _ex("etc. before lowercase", "Phones, tablets, etc. are sold online."),
    _ex("approx. and est.", "It costs approx. 5 dollars, est. 2 million units."),
    _ex("Fig., Vol., pp.", "See Fig. 3 in Vol. 2, pp. 45-47."),
    _ex("corporate suffix before verb", "Sony Corp. said sales rose."),
    _ex("corporate suffix before conjunction", "Apple Inc. and Google were fined."),
    _ex("corporate suffix before proper noun", "Toyota Motor Corp. Chairman Akio Toyoda spoke."),
    _ex("decimal percentage", "Sales rose 16.3 percent."),
    _ex("version number", "The app reached v2.1 last week."),
    _ex("price", "Shares closed at $2.27 on Friday."),
    _ex("domain mid-sentence", "The report on TECHTIMES.com was widely read."),
    _ex("ellipsis before lowercase", "He said... and then left."),
    _ex("p.m. before capitalised word", "It closes at 4 p.m. Eastern Time."),
    _ex("a.m. before capitalised word", "Trading opens at 9 a.m. New York time."),
    _ex("exclamation in a name", "Yahoo! said it would cut jobs."),
    _ex("question inside quote then lowercase", '"Why now?" she asked.'),
    _ex(
        "hard-wrapped prose: long line",
        "The company said on Tuesday that it would close the store because of slowing sales\n"
        "Across the region, analysts said.",
    ),
    _ex(
        "hard-wrapped prose: line ends with a comma",
        "Sony, the maker of the PlayStation,\nSaid sales rose.",
    ),
    _ex("single newline before lowercase", "Sony Results\nand more news"),
]

KNOWN_FAILURES: list[SentenceExample] = [
    _ex(
        "acronym ends the sentence, next starts with a proper noun",
        "He moved to the U.S.",
        "Smith said the move was planned.",
    ),
    _ex(
        "corporate suffix ends the sentence, next starts with a proper noun",
        "He sold his stake in Apple Inc.",
        "Google bought it.",
    ),
    _ex(
        "month abbreviation at the true end of a sentence (always masked)",
        "The deal closes in Sept.",
        "Analysts expect approval.",
    ),
    _ex(
        "short hard-wrapped line looks like a heading",
        "The company said on Tuesday that it\nWould close the store.",
    ),
]
