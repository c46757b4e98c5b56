"""Who an article attributes its information to: named outlets, firms, agencies and people.

Rules (the ``rule`` column), each a pattern of named groups (``lead``, ``name``, ``cue``,
``tail``) read by ``transforms.roles.names.group_spans``:
- source.according_to: "according to Gartner", "according to data from IDC",
  "according to a Reuters poll" -> the name.
- source.told: "sources told Reuters", "Speaking with Arabian Business", "in an interview
  with the Financial Times" -> the outlet. Only media names (a news agency, or a name with a
  media word: Journal, Times, News, Business, TV, ...): "told Congress" is an audience.
- source.citing: "citing Bloomberg", "citing data from the Commerce Department" -> a media
  name, a name after a report word, or a name an ORG/PERSON mention confirms ("Citing
  success in Japan" is not a source: no capitalised name follows).
- source.reported: "the Nikkei newspaper reported", "Bloomberg reported", "as reported by
  Bloomberg", "quoted by Xinhua" -> media names (or a media descriptor: "newspaper"; not
  "a Hong Kong newspaper reported": an unnamed paper);
  "Goldman Sachs said in a report/note" -> any name.
- source.data_from: "data from IDC", "figures from the Commerce Department", "a survey by
  Gartner" -> the name.
- source.poll: "a Reuters poll", "the Gallup survey" -> the name (not "the GDP report":
  a report named after its subject).
- source.anonymous: "according to / citing people familiar with the matter" (and "sources
  close to the company", "a person with knowledge of the plans"): kept, with the phrase in
  lower case as the source and no entity. Other unnamed attributions ("according to the
  report", "told reporters", "analysts said") are skipped: there is no one to name.
- source.line: a "Source: Nikkei Asian Review" / "Via: Xperia Blog" line left in the body.
Boilerplate ``source_line`` rows (removed from the body) give rule source.boilerplate_line,
with the line number and no offsets.
"""

from __future__ import annotations

from transforms.patterns import NEWS_AGENCIES, alternation
from transforms.roles.names import ORG

# Words that make a name a news outlet ("Arabian Business", "Nikkei Asian Review").
MEDIA_WORDS: tuple[str, ...] = (
    "Journal", "Times", "Post", "News", "Review", "Daily", "Herald", "Telegraph", "Tribune",
    "Gazette", "Guardian", "Economist", "Magazine", "Blog", "Press", "Wire", "Radio", "TV",
    "Television", "Broadcasting", "Network", "Agency", "Insider", "Chronicle", "Observer",
    "Mail", "Express", "Independent", "Standard", "Mirror", "Business", "Businessweek",
    "Week", "Weekly", "Forbes", "Fortune", "CNBC", "CNN", "BBC", "NBC", "ABC", "CBS", "Fox",
    "NHK", "Nikkei", "Shimbun", "Xinhua", "Kyodo", "Yonhap", "Interfax", "Tass", "Bernama",
    "Handelsblatt", "Spiegel", "Figaro", "Monde", "Asahi", "Yomiuri", "Mainichi", "Sankei",
    "Caixin", "Reuters", "Bloomberg", "MarketWatch", "TechCrunch", "Engadget", "Verge",
    "Wired", "Recode", "Variety", "Barron's", "Politico", "Axios", "Mashable", "Gizmodo",
    "AppleInsider", "9to5Mac", "Digitimes", "DigiTimes", "Nikkan", "Kommersant",
    "Vedomosti", "Sky", "Euronews", "Dealreporter", "Reporter", "Bulletin", "Star", "Globe",
    "Media", "Online", "Dispatch", "Courier", "Inquirer", "Register", "Sentinel",
)  # fmt: skip
MEDIA_NAME = rf"\b(?:{alternation(list(MEDIA_WORDS))}|{alternation(list(NEWS_AGENCIES))})\b"
# Descriptors after a name that make it an outlet: "the Nikkei newspaper reported".
_MEDIA_DESCRIPTOR = (
    r"(?:business daily|financial daily|news agency|wire service|newspaper|daily|agency|"
    r"magazine|website|weekly|television|TV|broadcaster|radio|blog|news site)"
)
_REPORT_WORDS = (
    r"(?:report|reports|data|figures|survey|study|estimates|research|statement|note|poll|"
    r"filing|analysis|calculations|statistics|forecast|forecasts|index|interview|article)"
)
_REPORT_ADJ = (
    r"(?:(?:new|latest|recent|preliminary|official|separate|weekly|monthly|quarterly|annual|"
    r"industry|government|market) )"
)
_BY = r"(?:from|by|of|in|released by|published by|compiled by|issued by|conducted by)"

_NAME = rf"(?P<name>{ORG})"

# Unnamed people with inside knowledge: the only unnamed sources kept.
ANONYMOUS = (
    r"(?:(?:two|three|four|several|a|one|other|senior|industry|company|government) )?"
    r"(?:(?:senior|industry|company|government|banking) )?"
    r"(?:people|person|persons|sources?|officials?|executives?|bankers?|insiders?)"
    r"(?: (?:familiar with|close to|with (?:direct )?knowledge of|briefed on|involved in|"
    r"with knowledge of|knowledgeable about|aware of) "
    r"(?:the|a|its|their|his|her|these|those) "
    r"(?:matter|situation|plans?|deal|talks|negotiations|discussions|transaction|process|"
    r"company|sale|bid|offer|proposal|decision|thinking|investigation|probe|agreement|"
    r"issue|case|merger|companies|board|bank|government|ministry|group))"
)

ACCORDING_TO = (
    rf"(?P<cue>\b[Aa]ccording to )"
    rf"(?P<lead>(?:(?:a|an|the) )?{_REPORT_ADJ}?(?:{_REPORT_WORDS} {_BY} )?(?:the )?)"
    rf"{_NAME}"
)
TOLD = (
    r"(?P<cue>\btold |\b[Ss]peaking (?:with|to) |\b[Ii]n an interview (?:with|on|in) |"
    r"\b[Ii]nterviewed by |\b[Tt]alking to )"
    rf"(?P<lead>(?:the )?){_NAME}"
)
CITING = (
    rf"(?P<cue>\b[Cc]iting )"
    rf"(?P<lead>(?:(?:a|an|the) )?{_REPORT_ADJ}?(?:{_REPORT_WORDS} {_BY} )?(?:the )?)"
    rf"{_NAME}(?P<tail>'s|’s)?"
)
REPORTED_AFTER = (
    rf"(?P<lead>(?:\b(?:[Tt]he|an?|An?) )?){_NAME}"
    rf"(?P<cue>(?: {_MEDIA_DESCRIPTOR})? (?:reported|reports|quoted|said in a (?:research )?"
    rf"(?:report|note)|wrote in a (?:research )?(?:report|note))\b)"
)
REPORTED_BY = (
    r"(?P<cue>\b(?:[Aa]s |[Ff]irst |[Ee]arlier |[Pp]reviously |[Oo]riginally )?"
    r"(?:reported by|quoted by|published by|reported in|quoted in) )"
    rf"(?P<lead>(?:the )?){_NAME}"
)
DATA_FROM = (
    r"(?P<cue>\b(?:(?:[Dd]ata|[Ff]igures|[Ss]tatistics|[Ee]stimates|[Nn]umbers) "
    r"(?:from|by|released by|compiled by|published by) |"
    r"(?:[Aa]n?|[Tt]he) (?:new |latest |recent )?(?:report|survey|study|poll|note|analysis) "
    r"(?:from|by|released by|published by|conducted by) ))"
    rf"(?P<lead>(?:the )?){_NAME}"
)
POLL = (
    rf"(?P<lead>\b(?:[Aa]n?|[Tt]he) ){_NAME}"
    r"(?P<cue> (?:poll|survey|tally)\b)"
)
ANONYMOUS_SOURCE = rf"(?P<cue>\b(?:[Aa]ccording to|[Cc]iting) )(?P<name>{ANONYMOUS})"
# A "Source: ..." / "Via: ..." line still in the body (one line, a short name).
LINE = (
    r"(?m)^(?P<cue>(?i:sources?|via|h/t|hat tip|story via) ?: ?)"
    r"(?P<name>[^\s:][^\n:]{0,60}?)(?P<tail>\.?)$"
)

# (rule, pattern, groups in order): earlier rules win where two find the same name.
RULES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("source.line", LINE, ("cue", "name", "tail")),
    ("source.anonymous", ANONYMOUS_SOURCE, ("cue", "name")),
    ("source.according_to", ACCORDING_TO, ("cue", "lead", "name")),
    ("source.told", TOLD, ("cue", "lead", "name")),
    ("source.citing", CITING, ("cue", "lead", "name", "tail")),
    ("source.reported", REPORTED_BY, ("cue", "lead", "name")),
    ("source.reported", REPORTED_AFTER, ("lead", "name", "cue")),
    ("source.data_from", DATA_FROM, ("cue", "lead", "name")),
    ("source.poll", POLL, ("lead", "name", "cue")),
)

# Every rule needs one of these words: a cheap filter before the patterns.
PREFILTER = (
    r"(?i)according|told|speaking|interview|citing|reported|quoted|published|said in a|"
    r"wrote in a|data|figures|statistics|estimates|numbers|report|survey|study|poll|"
    r"tally|calculation|analysis|source|via|h/t|hat tip|talking"
)
