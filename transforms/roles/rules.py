"""Person - title - organisation roles stated in news text.

Rules (the ``rule`` column):
- role.premodifier: an optional organisation (possessive or not) and a title right before a
  name: "Sony Mobile President and CEO Hiroki Totoki", "Apple's chief executive, Tim Cook",
  "Prime Minister Shinzo Abe" (no organisation), "former Apple CEO John Sculley".
- role.apposition: a name, a comma, then a title phrase: "Tim Cook, Apple's chief executive,",
  "Tim Cook, the chief executive of Apple", "Jane Doe, an analyst at Gartner", "John Smith, a
  spokesman for Ford". The phrase must end the apposition (punctuation, the end, or a
  reporting verb / preposition), so "Tim Cook, chief executive officer" is never cut short.

A title word with no name is not a role. A one-word name ("President Obama") needs a PERSON
mention over it; a "name" containing organisation words ("Fidelity Investments") or lying
on an ORG/LOCATION mention with no PERSON mention is dropped. The title is kept as stated
(spacing normalised), with "former"/"acting"/... when written.
"""

from __future__ import annotations

from transforms.patterns import alternation
from transforms.roles.names import NOT_NAME_WORDS, ORG, ORG_SHORTEST, PERSON, POSSESSIVE

# Title heads usable right before a name ("analyst Jane Doe", "Chairman Ben Bernanke").
HEADS: tuple[str, ...] = (
    "chief executive officer", "chief executive", "chief financial officer",
    "chief operating officer", "chief technology officer", "chief information officer",
    "chief investment officer", "chief marketing officer", "chief strategy officer",
    "chief economist", "chief strategist", "chief analyst", "chief", "president",
    "vice president", "vice-president", "president-elect", "chairman", "chairwoman",
    "chairperson", "chair", "vice chairman", "vice-chairman", "founder", "co-founder",
    "cofounder", "managing director", "executive director", "director", "director general",
    "director-general", "head", "general manager", "manager", "fund manager",
    "portfolio manager", "managing partner", "general partner", "analyst", "economist",
    "strategist", "spokesman", "spokeswoman", "spokesperson", "minister", "prime minister",
    "secretary", "secretary general", "secretary-general", "attorney general", "governor",
    "senator", "mayor", "chancellor", "treasurer", "commissioner", "ambassador", "premier",
    "executive", "lawyer", "attorney", "professor", "controller", "comptroller",
    "congressman", "congresswoman", "lawmaker", "board member", "editor",
)  # fmt: skip
# Heads that name a role only after a comma ("Deutsche Telekom, its partner" is not a
# person; "the official Xinhua News Agency" is not a title).
APPOSITION_ONLY_HEADS: tuple[str, ...] = (
    "official", "partner", "owner", "leader", "member", "adviser", "advisor", "shareholder",
    "boss", "investor", "consultant", "researcher", "publisher", "trader",
)  # fmt: skip
ACRONYMS: tuple[str, ...] = (
    "CEO", "CFO", "COO", "CTO", "CIO", "CMO", "CSO", "EVP", "SVP", "VP", "MD",
)  # fmt: skip
# Abbreviated titles before names: "Sen. John McCain".
ABBREVIATED: tuple[str, ...] = ("Sen.", "Rep.", "Gov.", "Pres.", "Gen.")
MODIFIERS: tuple[str, ...] = (
    "former", "acting", "interim", "outgoing", "incoming", "then", "ex", "deputy", "senior",
    "assistant", "associate", "joint", "founding", "group", "global", "regional", "general",
    "managing", "lead", "principal", "co", "non-executive", "independent", "top", "honorary",
    "corporate", "country", "finance", "foreign", "trade", "economy", "economics",
    "economic", "defence", "defense", "interior", "justice", "health", "energy", "industry",
    "commerce", "agriculture", "labor", "labour", "treasury", "education", "transport",
    "environment", "home", "research", "equity", "equities", "market", "markets",
    "investment", "credit", "currency", "oil", "bond", "banking", "technology", "retail",
    "sales", "marketing", "communications", "product", "production", "operations",
    "financial", "political", "executive", "vice", "sector", "portfolio", "junior", "auto",
)  # fmt: skip
# Departments after "head of", "director of", "vice president of".
DEPARTMENTS: tuple[str, ...] = (
    "research", "sales", "marketing", "communications", "corporate communications",
    "operations", "strategy", "equities", "equity", "equity research", "trading",
    "investments", "investment", "finance", "technology", "engineering", "product",
    "products", "development", "business development", "investor relations",
    "public relations", "human resources", "global markets", "fixed income",
    "emerging markets", "economics", "economic research", "mergers and acquisitions",
    "foreign exchange", "currency strategy", "credit", "commodities", "risk",
)  # fmt: skip
# Words that make a capitalised "name" an organisation ("fund manager Fidelity Investments").
ORG_WORDS: tuple[str, ...] = (
    "Inc", "Corp", "Co", "Ltd", "Plc", "LLC", "Group", "Holdings", "Bank", "Capital",
    "Partners", "Investments", "Securities", "Management", "Fund", "Funds", "Association",
    "International", "Motors", "Airlines", "Energy", "Telecom", "Mobile", "Electronics",
    "Systems", "Technologies", "Communications", "Agency", "Ministry", "Department",
    "Reserve", "Exchange", "Council", "Commission", "Committee", "Institute", "University",
    "Research", "Company", "Corporation", "Industries", "Financial", "Insurance", "Trust",
    "Media", "News", "Times", "Journal", "Street", "Party", "Government", "Board", "Office",
)  # fmt: skip
# Capitalised title words that can stand at the front of a "name" ("Chief Executive Tim
# Cook, ..." read from the name side).
_TITLE_WORDS: tuple[str, ...] = tuple(
    sorted(
        {w.capitalize() for h in (*HEADS, *MODIFIERS) for w in h.replace("-", " ").split()}
        | {"Vice-President", "Co-Founder", "Senator", "Rep", "Sen", "Gov"}
        | set(ACRONYMS)
    )
)
# Adjectives that stand where an organisation would ("Japanese Prime Minister Shinzo Abe",
# "Democratic Sen. Herb Kohl"): the role then has no organisation.
NOT_ORGS: tuple[str, ...] = (
    "American", "British", "Japanese", "Chinese", "German", "French", "Italian", "Spanish",
    "Russian", "Indian", "Canadian", "Australian", "Korean", "South Korean", "North Korean",
    "Brazilian", "Mexican", "Swiss", "Dutch", "Swedish", "Norwegian", "Danish", "Finnish",
    "Irish", "Belgian", "Austrian", "Polish", "Greek", "Turkish", "Israeli", "Iranian",
    "Iraqi", "Saudi", "Egyptian", "Pakistani", "Indonesian", "Malaysian", "Thai",
    "Vietnamese", "Philippine", "Singaporean", "Taiwanese", "European", "Asian", "African",
    "South African", "Arab", "Venezuelan", "Argentine", "Chilean", "Colombian", "Nigerian",
    "Ukrainian", "Portuguese", "Czech", "Hungarian", "Romanian", "Democratic", "Republican",
    "Democrat", "Conservative", "Socialist", "Opposition", "Senior", "Top", "Deputy", "Former",
)  # fmt: skip
STRIP_BEFORE_NAME: tuple[str, ...] = tuple(sorted(set(NOT_NAME_WORDS) | set(_TITLE_WORDS)))


def _title_case(phrase: str) -> str:
    """ "vice-president" -> "Vice-President"."""
    return " ".join("-".join(p[:1].upper() + p[1:] for p in w.split("-")) for w in phrase.split())


def _sentence_case(phrase: str) -> str:
    return phrase[:1].upper() + phrase[1:]


# Words are matched case-sensitively, lower case or capitalised, and a capitalised modifier
# only goes with a capitalised head: "Finance Minister", "Executive Vice President" are titles,
# but in "AMR Research analyst" and "World Bank President" the capitalised word belongs to the
# organisation.
_MOD_LOWER = alternation(list(MODIFIERS))
_MOD_UPPER = alternation([_title_case(m) for m in MODIFIERS])
_DEPT = (
    rf"(?: of (?:{alternation(list(DEPARTMENTS))}|"
    rf"{alternation([_title_case(d) for d in DEPARTMENTS])}))?"
)
# "chief investment officer", "Chief Development Officer", "chief investment strategist"
_CHIEF_X_LOWER = r"chief [a-z]+ (?:officer|strategist|economist)"
_CHIEF_X_UPPER = r"Chief \p{Lu}[a-z]+ (?:Officer|Strategist|Economist)"


def _title(heads: tuple[str, ...]) -> str:
    lower = rf"(?:(?:{_MOD_LOWER})[- ]){{0,3}}(?:{_CHIEF_X_LOWER}|{alternation(list(heads))})"
    upper_heads = {_title_case(h) for h in heads} | {_sentence_case(h) for h in heads}
    upper = rf"(?:(?:{_MOD_UPPER})[- ]){{0,3}}(?:{_CHIEF_X_UPPER}|{alternation(list(upper_heads))})"
    acronym = (
        rf"(?:(?:{_MOD_LOWER}|{_MOD_UPPER})[- ]){{0,3}}(?:{alternation(list(ACRONYMS))})"
        rf"|{alternation(list(ABBREVIATED))}"
    )
    one = rf"(?:{lower}|{upper}|{acronym}){_DEPT}"
    # "President and CEO", "chairman, president and chief executive"
    return rf"{one}(?:(?:, | and | & ){one}){{0,2}}"


TITLE = _title(HEADS)
TITLE_APPOSITION = _title(tuple(sorted(set(HEADS) | set(APPOSITION_ONLY_HEADS))))

_BEFORE_ORG = r"(?:[Ff]ormer|[Ee]x-|[Tt]hen-|[Aa]cting|[Ii]nterim|[Oo]utgoing|[Ii]ncoming)"
# "the company's chairman": an organisation named by a common noun stays NULL.
_DET = r"(?:the [a-z]+(?:'s|’s)|the|a|an|its|their|his|her|our)"

# The title and name are found first (cheap: the title list is literal words); the
# organisation is then read from the words right before the title. The first title word
# found wins, so "Japanese Prime Minister" keeps "Prime Minister" and "Sony Mobile President
# and CEO" keeps "President and CEO".
PREMODIFIER = rf"\b(?P<title>{TITLE})(?P<title_sep>,? )(?P<person>{PERSON})\b"
PREMODIFIER_GROUPS = ("title", "title_sep", "person")


def _last_words(phrases: tuple[str, ...]) -> set[str]:
    """The last word (after a space or hyphen) of each phrase, lower case and capitalised."""
    words = {p.replace("-", " ").split()[-1] for p in phrases}
    return words | {w[:1].upper() + w[1:] for w in words}


# Every PREMODIFIER match ends its title with one of these words, right before ",? " and a
# name: sentences without that are skipped before the full pattern (a cheap literal-led scan
# leaves about a quarter of the PREFILTER sentences; the full pattern cost twice as much).
_TITLE_LAST_WORDS = _last_words((*HEADS, *DEPARTMENTS, "officer", "strategist", "economist"))
PREMODIFIER_GATE = (
    rf"(?:{alternation(sorted(_TITLE_LAST_WORDS | set(ACRONYMS) | set(ABBREVIATED)))})"
    r",? \p{Lu}[\p{Ll}'’]"
)
# Matched against the sentence text before the title: "former Apple's ", "Federal Reserve ".
ORG_BEFORE_TITLE = (
    rf"(?:^|[\s(\"“])(?P<pre>(?:{_BEFORE_ORG}) )?(?P<org>{ORG})(?P<org_sep>{POSSESSIVE}? )$"
)

# What may follow the apposition: punctuation, the end, or a verb / preposition that starts
# the next phrase. Not "and": "X, Sony President and CEO Hiroki Totoki" is no apposition.
_APPOSITION_END = (
    r"(?:[,;:)!?\"”]|\.(?:\s|$|[\"”])|$| (?:said|says|say|told|tells|added|noted|wrote|"
    r"who|in|on|when|has|had|have|was|is|will|would|expects|expected|predicted|predicts|warned|argued)\b)"
)
APPOSITION = (
    rf"(?P<person>{PERSON})(?P<person_sep>, )(?P<det>(?:{_DET} )?)"
    rf"(?:(?P<org>{ORG_SHORTEST})(?P<org_sep>{POSSESSIVE}? ))??"
    rf"(?P<title>{TITLE_APPOSITION})"
    rf"(?:(?P<prep> (?:of|at|for|with|from) (?:the )?)(?P<org_after>{ORG}))?"
    rf"(?P<end>{_APPOSITION_END})"
)
APPOSITION_GROUPS = (
    "person",
    "person_sep",
    "det",
    "org",
    "org_sep",
    "title",
    "prep",
    "org_after",
    "end",
)

# Every rule needs a title word: a cheap case-insensitive filter before the full patterns.
PREFILTER = (
    r"(?i)chief|president|chair|founder|director|head|manager|partner|analyst|economist|"
    r"strategist|spokes|minister|secretary|governor|senator|mayor|chancellor|treasurer|"
    r"commissioner|ambassador|premier|executive|trader|lawyer|attorney|professor|"
    r"controller|comptroller|congress|lawmaker|board member|investor|consultant|researcher|"
    r"editor|publisher|official|owner|leader|member|advis|shareholder|boss|"
    r"\b(?:CEO|CFO|COO|CTO|CIO|CMO|CSO|EVP|SVP|VP|MD|Sen\.|Rep\.|Gov\.|Pres\.|Gen\.)"
)
