"""Event rules: trigger patterns per event type, fact-driven rules, and status cues.

A **trigger rule** is a regex in lower case (Rust regex: no look-around), matched on the
lower-cased sentence -- several times faster than case-insensitive matching -- that states an
event by its wording ("close up shop", "sell off its phone business"). ``require_after`` /
``forbid_after`` are matched on the original text after the trigger, ``forbid_before`` on the
original text before it, ``require_original`` / ``forbid_original`` on the trigger as
written (for case: "a T-Mobile exclusive", not the name "Sue"): they keep word lists short
and rules precise ("exclusive" but not "exclusive interview").

A **fact rule** turns a fact (transforms/facts) into an event: a revenue figure reported is a
revenue_report, a sales figure that is a target is a sales_target, a rank is a ranking.

Status cues are read around the trigger in its sentence (see ``extractor.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

from transforms.patterns import NEWS_AGENCIES, alternation


@dataclass(frozen=True)
class TriggerRule:
    name: str
    event_type: str
    pattern: str
    require_after: str | None = None
    forbid_after: str | None = None
    forbid_before: str | None = None
    require_original: str | None = None
    forbid_original: str | None = None
    # A lower-case literal every match contains: sentences without it are scanned without
    # the rule's pattern (for costly patterns that start with common words: "a ...").
    needs: str | None = None


@dataclass(frozen=True)
class FactRule:
    name: str
    event_type: str
    fact_types: tuple[str, ...]
    categories: tuple[str, ...] | None  # None: any category
    statuses: tuple[str, ...]  # fact statuses the rule accepts


# Regions and countries that make "focus on ..." / "expand into ..." a market move.
GEOGRAPHY = (
    "US", "U.S.", "USA", "U.S.A.", "United States", "America", "American", "North America",
    "Latin America", "South America", "China", "Chinese", "Japan", "Japanese", "Europe",
    "European", "India", "Indian", "Asia", "Asian", "Southeast Asia", "Africa", "African",
    "Middle East", "Brazil", "Russia", "Germany", "France", "Britain", "British", "UK", "U.K.",
    "Korea", "South Korea", "Canada", "Mexico", "Australia", "Indonesia", "Vietnam", "Turkey",
    "Italy", "Spain", "Taiwan", "Hong Kong", "Singapore", "the States", "overseas", "abroad",
    "emerging markets", "international",
)  # fmt: skip
_GEO = rf"(?-i:{alternation(GEOGRAPHY)})"
_MARKET_AFTER = rf"^[^;]{{0,50}}?(?:\bmarkets?\b|\b{_GEO}(?:\b|\s|$))"

_BUSINESS_NOUN = (
    r"(?:business(?:es)?|unit|divisions?|operations|subsidiar(?:y|ies)|arm|stake|holdings?|"
    r"assets|brand|franchise)"
)
# Words between a verb and its object ("sell off its phone business", "won a $30 billion
# order"): a few, never across a comma or quotation.
_WORDS_UP_TO_3 = r"(?:[\w'’.$-]+ ){0,3}?"
_WORDS_UP_TO_4 = r"(?:[\w'’.$-]+ ){0,4}?"
_EXEC_TITLE = (
    r"\b(?:CEO|CFO|COO|CTO|chief|chairman|chairwoman|chair|president|director|head|officer|"
    r"executive|board|managing partner|treasurer|general counsel)\b"
)
_REGULATOR = (
    r"\b(?:regulators?|regulatory|SEC|FTC|FCC|FSA|FCA|CFTC|Justice Department|Department of "
    r"Justice|European Commission|antitrust|anti-trust|competition|authorities|prosecutors?|"
    r"watchdog|attorney general|authority|commission)\b"
)
_STORES = r"(?:stores?|shops?|branch(?:es)?|outlets?|restaurants?|showrooms?|boutiques?)"
_PLANTS = r"(?:plants?|factor(?:y|ies)|mills?|mines?|refiner(?:y|ies)|smelters?|facilit(?:y|ies))"

TRIGGER_RULES: tuple[TriggerRule, ...] = (
    # --- deals ---------------------------------------------------------------------------
    TriggerRule(
        "divestiture.sell_business",
        "divestiture",
        rf"\b(?:sell|sells|selling|sold)(?: off)?(?: or [a-z]+(?: from)?)? {_WORDS_UP_TO_4}"
        rf"{_BUSINESS_NOUN}\b",
    ),
    TriggerRule(
        "divestiture.sale_of",
        "divestiture",
        rf"\b(?:sale|sell-off|selloff) of {_WORDS_UP_TO_4}{_BUSINESS_NOUN}\b",
    ),
    TriggerRule(
        "divestiture.weigh_sale",
        "divestiture",
        r"\b(?:mull(?:s|ed|ing)?|consider(?:s|ed|ing)?|weigh(?:s|ed|ing)?|explor(?:e|es|ed|ing)|"
        r"pursu(?:e|es|ed|ing)|seek(?:s|ing)?|plan(?:s|ned|ning)?|announc(?:e|es|ed|ing)|"
        r"agree(?:s|d)? on) (?:a |an |the )?(?:possible |potential |outright |partial )?sale\b",
    ),
    TriggerRule(
        "divestiture.spin_off",
        "divestiture",
        r"\b(?:spin(?:s|ning)? off|spun off|spin-?offs?|divest(?:s|ed|ing|iture|itures|ment)?|"
        r"dispos(?:e|es|ed|ing) of|disposals? of|offload(?:s|ed|ing)?|carve-?out)\b",
    ),
    TriggerRule(
        "divestiture.up_for_sale",
        "divestiture",
        rf"\b(?:put|puts|putting) {_WORDS_UP_TO_4}up for sale\b",
    ),
    TriggerRule(
        "acquisition.acquire",
        "acquisition",
        r"\b(?:acquir(?:e|es|ed|ing)|acquisitions?|takeovers?|take-?over bid|buyouts?|buy-outs?|"
        r"bid for)\b",
        forbid_before=r"(?i)\b(?:mergers? (?:and|&)|data|customer|talent)\s*$",
    ),
    TriggerRule(
        "acquisition.agree_to_buy",
        "acquisition",
        r"\b(?:agree(?:s|d)?|plans?|planning|offer(?:s|ed)?|bids?|move|deal|proposal|attempt|"
        r"wants?|seeks?|looking|intends?|aims?) to (?:buy|purchase|acquire|take over)\b",
        forbid_after=r"(?i)^ (?:back|up to|more|[\d,.]+ (?:million |billion )?(?:shares|units|"
        r"barrels|tonnes|tons))\b",
    ),
    TriggerRule(
        "acquisition.stake",
        "acquisition",
        r"\b(?:buy|buys|bought|buying|purchas(?:e|es|ed|ing)|take|takes|took|taking|raise[sd]?|"
        r"increase[sd]?) (?:a |an |the |its |their )?(?:[\d.]+ ?(?:percent|per cent|%) |majority "
        r"|minority |controlling |bigger |larger |further |significant )?stake\b",
    ),
    TriggerRule(
        "merger.merge",
        "merger",
        r"\b(?:merg(?:e|es|ed|ing)|mergers?)\b",
        forbid_after=r"(?i)^\s*(?:and|&) acquisitions?\b|^ arbitrage\b",
    ),
    TriggerRule(
        "partnership.joint_venture",
        "partnership",
        r"\b(?:joint ventures?|partnerships?|partner(?:s|ed|ing)? with|team(?:s|ed|ing)? up "
        r"with|alliances?|collaborat(?:e|es|ed|ing|ion) with|tie-?ups?)\b",
        forbid_after=r"(?i)^ (?:rules?|partners?)\b",
    ),
    TriggerRule(
        "exclusive_deal.exclusive_noun",
        "exclusive_deal",
        r"\bexclusive (?:deals?|agreements?|contracts?|rights|partnerships?|licen[cs](?:e|es|ing)|"
        r"distribution|supply|supplier|arrangements?|partner|provider|distributor|carrier|"
        r"retailer|talks|negotiations)\b|\bexclusivity (?:deals?|agreements?|period)\b",
    ),
    TriggerRule(
        "exclusive_deal.partner_exclusive",
        "exclusive_deal",
        # "a T-Mobile exclusive", "an AT&T exclusive": the partner's name before the noun.
        r"\ban? [\w&.-]+(?: [\w&.-]+)? exclusive\b",
        require_original=r"^an? [A-Z][\w&.-]*(?: [A-Z][\w&.-]*)? exclusive$",
        forbid_after=r"(?i)^ (?:interview|report|story|news|reporting|poll|survey|look|"
        r"analysis)\b",
        needs="exclusive",
    ),
    TriggerRule(
        "exclusive_deal.exclusively",
        "exclusive_deal",
        r"\bexclusively (?:available )?(?:on|at|through|via|with|from|for)\b",
        forbid_after=rf"(?i)^ (?:{alternation(NEWS_AGENCIES)})\b",
    ),
    TriggerRule(
        "contract_award.won_contract",
        "contract_award",
        rf"\b(?:won|wins|win|winning|awarded|secured|secures|landed|lands|clinched|clinches|"
        rf"bag(?:s|ged)) {_WORDS_UP_TO_4}(?:contracts?|orders?|tenders?)\b|\bcontracts? "
        rf"(?:worth|valued at)\b",
        forbid_before=r"(?i)\b(?:futures?|oil|crude|gold)\s*$",
    ),
    # --- capital -------------------------------------------------------------------------
    TriggerRule(
        "ipo.ipo",
        "ipo",
        r"\bipos?\b|\binitial public offerings?\b|\b(?:go|goes|going|went|gone) public\b|"
        r"\b(?:stock market|market|trading|share|public) (?:debut|listing|flotation)\b|"
        r"\bflotation\b",
    ),
    TriggerRule(
        "bankruptcy.bankruptcy",
        "bankruptcy",
        r"\bbankrupt(?:cy|cies)?\b|\bchapter (?:11|7|15)\b|\binsolven(?:t|cy)\b|"
        r"\breceivership\b|\bcreditor protection\b|\b(?:went|go|goes|going|gone|placed|"
        r"enter(?:s|ed|ing)?|fell|falls) into (?:administration|liquidation)\b",
    ),
    TriggerRule(
        "dividend.dividend",
        "dividend",
        r"\b(?:rais|increas|hik|lift|boost|cut|slash|suspend|scrap|omit|halv|reinstat|resum|"
        r"declar|pay|paid|maintain|propos|initiat|reduc|skip)[a-z]* (?:its |the |a |an |their )?"
        r"(?:[\w-]+ ){0,2}?dividends?\b|\bdividends? (?:increases?|hikes?|cuts?|payments?|"
        r"payouts?|of)\b|\bspecial dividends?\b",
        needs="dividend",
    ),
    TriggerRule(
        "share_buyback.buyback",
        "share_buyback",
        r"\b(?:share |stock )?buy-?backs?\b|\bbuy(?:s|ing)? back (?:[\w$.,-]+ ){0,4}?"
        r"(?:shares|stock)\b|\b(?:share|stock) repurchases?\b|\brepurchas(?:e|es|ed|ing) "
        r"(?:[\w$.,-]+ ){0,4}?(?:shares|stock)\b",
    ),
    # --- results -------------------------------------------------------------------------
    TriggerRule(
        "earnings_report.results",
        "earnings_report",
        r"\b(?:net (?:income|profit|loss|earnings)|operating (?:profit|income|loss)|earnings "
        r"per share|(?:quarterly|annual|first-quarter|second-quarter|third-quarter|"
        r"fourth-quarter|full-year|half-year|interim|first-half|second-half) (?:results|"
        r"earnings|profits?|loss(?:es)?)|(?:posted|reported|reports|posts|swung to|swings to|"
        r"turned|returned to) (?:a |an )?(?:[\w-]+ ){0,2}?(?:profit|loss))\b",
        forbid_after=r"(?i)^ (?:call|calls|season|forecasts?|estimates?|expectations?)\b",
    ),
    TriggerRule(
        "profit_warning.warning",
        "profit_warning",
        r"\bprofit warnings?\b|\bwarn(?:s|ed|ing)? (?:that |of |on )?(?:[\w-]+ ){0,4}?"
        r"(?:profits?|earnings|results|sales|revenues?|loss(?:es)?)\b|\b(?:cut|cuts|cutting|"
        r"lower(?:s|ed|ing)|slash(?:es|ed|ing)?|trim(?:s|med|ming)?|reduc(?:e|es|ed|ing)|"
        r"downgrad(?:e|es|ed|ing)) (?:its |their |the )?(?:[\w-]+ ){0,3}?(?:forecasts?|outlook|"
        r"guidance)\b",
        forbid_before=r"(?i)\b(?:analysts?|IMF|central bank|Fed|government)\b[^;]*$",
    ),
    TriggerRule(
        "guidance.outlook",
        "guidance",
        r"\b(?:rais(?:e|es|ed|ing)|lift(?:s|ed|ing)?|boost(?:s|ed|ing)?|upgrad(?:e|es|ed|ing)|"
        r"reaffirm(?:s|ed|ing)?|reiterat(?:e|es|ed|ing)|maintain(?:s|ed|ing)?|confirm(?:s|ed|"
        r"ing)?|issu(?:e|es|ed|ing)|gave|give|gives|provid(?:e|es|ed|ing)|stuck to|stick(?:s)? "
        r"to) (?:its |their |the |a |an )?(?:[\w-]+ ){0,3}?(?:forecasts?|outlook|guidance)\b",
        forbid_before=r"(?i)\b(?:analysts?|IMF|central bank|Fed|government)\b[^;]*$",
    ),
    # --- operations ----------------------------------------------------------------------
    TriggerRule(
        "product_launch.launch",
        "product_launch",
        r"\b(?:launch(?:es|ed|ing)?|unveil(?:s|ed|ing)?|introduc(?:e|es|ed|ing|tion)|"
        r"roll(?:s|ed|ing)? out|rollout|debut(?:s|ed|ing)?)\b",
        forbid_after=r"(?i)^ (?:an? |the |its |their )?(?:[\w-]+ )?(?:investigations?|probes?|"
        r"inquir(?:y|ies)|bids?|offers?|campaigns?|attacks?|lawsuits?|reviews?|appeals?|"
        r"strikes?|raids?|rockets?|missiles?|satellites?|offensives?|tender offer|takeover|"
        r"hostile|talks|negotiations|legal|of (?:the )?(?:euro|probe|investigation))\b",
        forbid_before=r"(?i)\b(?:market|stock market|trading|share|public|IPO|tax|rate)\s*$",
    ),
    TriggerRule(
        "market_entry.enter_market",
        "market_entry",
        rf"\b(?:enter(?:s|ed|ing)?|re-?enter(?:s|ed|ing)?|break(?:s|ing)? into|broke into|"
        rf"entry into|return(?:s|ed|ing)? to) (?:the )?{_WORDS_UP_TO_3}markets?\b",
    ),
    TriggerRule(
        "market_entry.expand_into",
        "market_entry",
        # Not "move to" / "push into": goods and prices move to Asia, companies expand.
        r"\b(?:expand(?:s|ed|ing)?|expansion) (?:in|into|to)\b",
        require_after=_MARKET_AFTER,
    ),
    TriggerRule(
        "market_focus.focus_on",
        "market_focus",
        r"\b(?:re)?focus(?:es|ed|ing|ses|sed|sing)?(?: now| more| mainly| primarily)? on\b",
        require_after=_MARKET_AFTER,
    ),
    TriggerRule(
        "market_focus.resources_into",
        "market_focus",
        r"\b(?:put|puts|putting|pour(?:s|ed|ing)?|invest(?:s|ed|ing)?) (?:more |substantial |"
        r"significant |big |additional )?[“”\"]?(?:resources|money and people|money|investment|"
        r"efforts?)[“”\"]? (?:into|in|there)\b",
        require_after=r"(?i)^[^;]{0,50}?(?:\bmarkets?\b|\bthere\b|\b(?-i:[A-Z])|\[)|^$",
    ),
    TriggerRule(
        "market_focus.target_market",
        "market_focus",
        rf"\btarget(?:s|ed|ing)? (?:the )?{_WORDS_UP_TO_3}markets?\b|\bgo(?:es|ing)? on the "
        rf"offensive\b",
        require_after=None,
    ),
    TriggerRule(
        "market_exit.exit",
        "market_exit",
        rf"\b(?:exit(?:s|ed|ing)?|withdr(?:aw|aws|awing|awn|ew)|pull(?:s|ed|ing)? out|"
        rf"retreat(?:s|ed|ing)?) (?:from |of )?(?:the )?{_WORDS_UP_TO_3}"
        rf"(?:markets?|business(?:es)?|countr(?:y|ies)|regions?)\b",
    ),
    TriggerRule(
        "market_exit.give_up",
        "market_exit",
        r"\b(?:giv(?:e|es|en|ing)|gave) up on\b|\btak(?:e|es|ing) a (?:complete |temporary |)"
        r"break from\b|\bquit(?:s|ting)? the (?:[\w-]+ ){0,2}?(?:market|business)\b",
    ),
    TriggerRule(
        "store_closure.close_stores",
        "store_closure",
        rf"\b(?:clos(?:e|es|ed|ing)|shut(?:s|ting)?|shutter(?:s|ed|ing)?)(?: down)? "
        rf"{_WORDS_UP_TO_3}{_STORES}\b|\bclos(?:e|es|ed|ing) up shop\b|\b(?:store|shop|branch|"
        rf"outlet|restaurant) closures?\b",
    ),
    TriggerRule(
        "store_opening.open_stores",
        "store_opening",
        rf"\bopen(?:s|ed|ing)? {_WORDS_UP_TO_3}{_STORES}\b|\b(?:store|shop|branch) openings?\b",
        forbid_after=r"(?i)^ (?:on|at)\b",
    ),
    TriggerRule(
        "plant_closure.close_plants",
        "plant_closure",
        rf"\b(?:clos(?:e|es|ed|ing)|shut(?:s|ting)?|shutter(?:s|ed|ing)?|idl(?:e|es|ed|ing))"
        rf"(?: down)? {_WORDS_UP_TO_3}{_PLANTS}\b|\b(?:plant|factory|mine) closures?\b",
    ),
    TriggerRule(
        "restructuring.restructure",
        "restructuring",
        r"\b(?:restructur(?:e|es|ed|ing)|reorgani[sz](?:e|es|ed|ing|ation)|overhaul(?:s|ed|ing)?|"
        r"cost[- ]cutting|cost[- ]cuts|cost[- ]reduction|turnaround (?:plan|strategy|effort)|"
        r"asset sales|streamlin(?:e|es|ed|ing) (?:its|the|their) (?:operations|business)|"
        r"refocus(?:es|ed|ing|ses|sed|sing)? (?:its|their|the) (?:efforts|business|strategy|"
        r"operations|portfolio))\b",
        forbid_before=r"(?i)\b(?:debt|loan|bond|mortgage)\s*$",
    ),
    TriggerRule(
        "layoffs.job_cuts",
        "layoffs",
        r"\b(?:lay(?:s|ing)? off|laid off|layoffs?|job (?:cuts|reductions)|headcount "
        r"(?:reductions?|cuts)|(?:cut|cuts|cutting|shed|sheds|shedding|eliminat(?:e|es|ed|ing)|slash(?:es|ed|"
        r"ing)?|axe[sd]?|axing) (?:about |around |some |nearly |up to |more than |over |as many "
        r"as |another |an additional )?(?:[\d,.]+ (?:million |thousand )?|[a-z]+ )?(?:jobs|"
        r"positions|workers|employees|staff|roles)|cuts? (?:in|to|of) (?:its |the |their )?"
        r"(?:manpower|workforce|staff|headcount|personnel)|reduc(?:e|es|ed|ing) (?:its |the |"
        r"their )?(?:workforce|headcount|staff))\b",
    ),
    TriggerRule(
        "price_change.prices",
        "price_change",
        r"\b(?:rais(?:e|es|ed|ing)|hik(?:e|es|ed|ing)|increas(?:e|es|ed|ing)|cut|cuts|cutting|"
        r"slash(?:es|ed|ing)?|lower(?:s|ed|ing)|reduc(?:e|es|ed|ing)) (?:its |the |their )?"
        r"(?:[\w-]+ ){0,2}?prices?\b|\bprice (?:increases?|hikes?|cuts?|reductions?|rises?)\b",
        forbid_after=r"(?i)^ (?:targets?|estimates?|forecasts?)\b",
        forbid_before=r"(?i)\b(?:oil|gas|fuel|food|commodity|crude|house|home|housing|consumer|"
        r"energy|producer|import|export|stock|share|metal|gold)\s*$",
    ),
    # --- people and legal ----------------------------------------------------------------
    TriggerRule(
        "executive_change.appoint",
        "executive_change",
        r"\b(?:appoint(?:s|ed|ing|ment)?|nam(?:e|es|ed|ing) (?:[\w.-]+ ){0,3}?as|named|"
        r"resign(?:s|ed|ing|ation)?|st(?:ep|eps|epped|epping) down|retir(?:e|es|ed|ing|ement) as|"
        r"oust(?:s|ed|ing)?|succeed(?:s|ed|ing)?|successor|hir(?:e|es|ed|ing) (?:[\w.-]+ ){0,3}?"
        r"as|replac(?:e|es|ed|ing) (?:[\w.-]+ ){0,3}?as|new (?:chief executive|ceo|chairman|cfo|"
        r"president|head))\b",
        require_after=None,
        forbid_after=r"(?i)^ (?:after|for) (?:a |an |the )?(?:street|song|book|film|city)\b",
    ),
    TriggerRule(
        "lawsuit.sue",
        "lawsuit",
        r"\b(?:lawsuits?|sue[sd]?|suing|class[- ]actions?|filed (?:a )?(?:suit|complaint)|"
        r"patent (?:infringement|suits?|disputes?)|litigation)\b",
        forbid_original=r"^Sue$",  # the name
    ),
    TriggerRule(
        "regulatory_fine.fine",
        "regulatory_fine",
        r"\b(?:fined|fines? (?:of|totall?ing|worth)|penalt(?:y|ies) of|(?:civil|record|antitrust)"
        r" (?:penalty|penalties|fines?)|settle(?:d|s)? (?:charges|allegations|claims|a probe|an "
        r"investigation))\b",
    ),
    TriggerRule(
        "investigation.probe",
        "investigation",
        r"\b(?:probes?|probed|probing|investigations?|investigat(?:e|es|ed|ing)|inquir(?:y|ies)|"
        r"enquir(?:y|ies))\b",
    ),
)

# Rules that need a word from a list elsewhere in the sentence (any side of the trigger).
SENTENCE_REQUIREMENTS: dict[str, str] = {
    "executive_change.appoint": _EXEC_TITLE,
    "investigation.probe": _REGULATOR,
}

FACT_RULES: tuple[FactRule, ...] = (
    FactRule("ranking.rank_fact", "ranking", ("rank",), None, ("reported",)),
    FactRule(
        "sales_target.target_figure",
        "sales_target",
        ("quantity", "money", "percent"),
        ("sales", "revenue", "market_share"),
        ("target",),
    ),
    FactRule(
        "revenue_report.revenue_figure",
        "revenue_report",
        ("money", "percent"),
        ("revenue", "sales"),
        ("reported",),
    ),
    FactRule(
        "earnings_report.profit_figure",
        "earnings_report",
        ("money", "percent"),
        ("profit", "loss"),
        ("reported",),
    ),
    FactRule(
        "guidance.forecast_figure",
        "guidance",
        ("money", "percent"),
        ("revenue", "sales", "profit", "loss"),
        ("forecast",),
    ),
    FactRule("dividend.dividend_figure", "dividend", ("money",), ("dividend",), ("reported",)),
    FactRule(
        "investment.investment_figure",
        "investment",
        ("money",),
        ("investment",),
        ("reported", "forecast", "target"),
    ),
    FactRule(
        "regulatory_fine.fine_figure", "regulatory_fine", ("money",), ("fine",), ("reported",)
    ),
)

# A fact's status as an event status (hypothetical facts make no event).
FACT_STATUS_TO_EVENT_STATUS: dict[str, str] = {
    "reported": "reported",
    "target": "target",
    "forecast": "planned",
    "rumored": "rumored",
    "negated": "denied",
}

# --- Status cues (matched on lower-cased text; \b is made ASCII by the extractor) ---------

# Anywhere before the trigger in its clause: the speaker denies it.
DENIAL_CUES = (
    r"\b(?:denied|denies|deny|denying|dismissed|dismisses|rejected|rejects|refuted|refutes|"
    r"countered|counters|ruled out|rules out|scotched|quashed|no plans? to|no intention|"
    r"put (?:those |these |the |such )?(?:rumou?rs|speculation|reports) to bed)\b"
)
# Just before the trigger (within the same sub-clause): a negation.
NEGATION_CUES = r"\b(?:not|never|no|nor|without)\b|n[’']t\b"
NEGATION_WINDOW = 30
SUBCLAUSE_BREAK = r"^.*\b(?:that|why|whether|which|who|because|when|as)\b"
# Where a clause starts, for denial and rumour cues: after the last ";" or "but".
CLAUSE_BREAK = r"^.*(?:;|\bbut\b)"
# Where the clause a modal governs starts, for plan cues ("Sony said that it will close").
MODAL_CLAUSE_BREAK = (
    r"^.*(?:[,;:]|\b(?:that|which|who|because|when|while|whereas|although|but|like)\b)"
)
RUMOR_CUES = (
    r"\b(?:rumou?rs?|rumou?red|reportedly|sources|people familiar|familiar with the|"
    r"mull(?:s|ed|ing)?|weigh(?:s|ed|ing)?|speculat[a-z]*|(?:is|are|was|were) said to|"
    r"according to (?:reports|media|a report|people|a person)|media reports|unconfirmed|"
    r"in talks|in advanced talks)\b"
)
RUMOR_AFTER_CUES = (
    r"^[^;]*?(?:,|\() ?(?:sources|people familiar|according to (?:sources|people|reports|"
    r"media)|reportedly|a person familiar)\b"
)
PLANNED_CUES = (
    r"\b(?:will|shall|would|could|may|might|plans?|planned|planning|intends?|intended|"
    r"intention|going to|set to|expects? to|expected to|scheduled|soon|aims?|aiming|hopes? to|"
    r"wants? to|seeks? to|ready to|prepared to|prepares to|preparing to|considering|consider|"
    r"exploring|is to|are to|proposed|proposes|upcoming|next (?:year|month|week|quarter))\b|"
    r"[’']ll\b"
)
# A trigger in the past tense states what happened: modal cues before it do not apply.
PAST_TENSE_TRIGGER = (
    r"^(?:[a-z-]+ed|sold|bought|spun|shut|took|laid|went|won|quit|withdrew|broke|gave|"
    r"paid|made)\b"
)
# The event is only supposed: "if it sold", "giving up on the smartphone would mean ...".
HYPOTHETICAL_BEFORE = r"\b(?:if|unless|whether)\b"
HYPOTHETICAL_AFTER = r"^(?: [\w'’-]+){0,4} (?:would|could) (?:mean|be)\b"

# Organisations never taken as an event's subject: they report, they are not the actor.
NOT_SUBJECT_ORGS = NEWS_AGENCIES
# A back-reference to the document's main organisation.
BACK_REFERENCE = r"\b(?:the company|the firm|the group|the maker|the manufacturer)\b"
WEAK_BACK_REFERENCE = r"\b(?:it|its|they|their|we|our|it[’']s)\b"
