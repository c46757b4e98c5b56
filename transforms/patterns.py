"""Shared word lists and regular expressions, written once and used by every transform.

polars compiles a regex pattern string once per expression and caches it, so sharing the
*strings* here is how patterns are "compiled once": every module builds its expressions from
these constants instead of spelling its own variant of, say, the month names.
Rust's regex engine (used by polars) has no look-around; patterns here avoid it.
"""

from __future__ import annotations


def alternation(words: list[str] | tuple[str, ...]) -> str:
    """A regex alternation of literal words, longest first so that prefixes never win."""
    import re

    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


MONTHS_FULL = (
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)  # fmt: skip
MONTHS_ABBREV = (
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
)  # fmt: skip
WEEKDAYS_FULL = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAYS_ABBREV = ("Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun")

# Honorifics and titles that precede a name and end in a period ("Mr. Smith", "Gen. Lee").
NAME_TITLES = (
    "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Sr", "Jr", "St", "Rev", "Fr", "Gen", "Lt", "Col",
    "Capt", "Cmdr", "Sgt", "Maj", "Adm", "Gov", "Sen", "Rep", "Pres", "Hon", "Insp", "Supt",
)  # fmt: skip

# Legal-form suffixes of company names ("Sony Corp.", "Apple Inc.").
CORPORATE_SUFFIXES = (
    "Inc", "Corp", "Co", "Ltd", "Plc", "LLC", "LLP", "LP", "AG", "SA", "NV", "BV", "GmbH",
    "SpA", "AB", "ASA", "Oyj", "KK", "Bros", "Cos", "Pty", "Hldgs", "Holdings", "Group",
)  # fmt: skip

# --- Sentence splitting (transforms/sentences) ---------------------------------------------

# Suffixes that follow a name ("Martin Luther King Jr.") rather than precede it: unlike
# NAME_TITLES they often sit at the true end of a sentence.
NAME_SUFFIXES = ("Jr", "Sr", "Esq")

# The CORPORATE_SUFFIXES that are conventionally written with a period ("Sony Corp.").
# All-caps forms ("AG", "LLC") and full words ("Group") rarely take one, so a period after
# them is a real full stop.
CORPORATE_SUFFIXES_DOTTED = ("Inc", "Corp", "Co", "Ltd", "Bros", "Cos", "Pty", "Hldgs")

# Abbreviations that (almost) never end a sentence; the period is part of the word.
NON_TERMINAL_ABBREVS = (
    "vs", "Vs", "e.g", "i.e", "approx", "Approx", "est", "Est", "Fig", "Figs", "fig", "figs",
    "Vol", "Vols", "vol", "vols", "pp", "cf", "Cf", "ca", "Mt", "Ft", "Dept", "Univ",
)  # fmt: skip

# Abbreviations that only stand for "number" when a number follows ("No. 1", "Nos. 3-5");
# otherwise "No." is the ordinary word at the end of a sentence.
NUMBER_ABBREVS = ("No", "Nos", "Nr")

# Closed list of words that commonly start a sentence and almost never follow an
# abbreviation inside a name: "in the U.S. The company..." ends a sentence at "U.S.".
SENTENCE_STARTERS = (
    "The", "A", "An", "It", "Its", "He", "She", "They", "We", "I", "You", "This", "That",
    "These", "Those", "But", "And", "Or", "However", "In", "On", "At", "For", "From", "With",
    "If", "When", "While", "His", "Her", "Their", "Our", "My", "There", "Here", "So", "Yet",
    "As", "After", "Before", "Still", "Meanwhile", "Also", "Then", "Now", "According",
    "Although", "Though", "Because", "Since", "What", "Why", "How", "Who", "Where", "Many",
    "Some", "Most", "Both", "Each", "Another", "Instead", "Moreover", "Furthermore",
    "Despite", "During", "Until", "Once", "Even", "Such",
)  # fmt: skip

# Wire agencies named in datelines ("ANCHORAGE, Alaska (Reuters) - ...").
NEWS_AGENCIES = (
    "Reuters", "Associated Press", "AP", "AFP", "Agence France-Presse", "Bloomberg", "Xinhua",
    "UPI", "PTI", "IANS", "dpa", "Kyodo", "Yonhap", "ANI", "Dow Jones", "MarketWatch",
)  # fmt: skip
