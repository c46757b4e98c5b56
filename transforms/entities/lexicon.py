"""Hand-written word lists the entity rules use as cues (generated lists live in data/)."""

from __future__ import annotations

from transforms.patterns import CORPORATE_SUFFIXES, MONTHS_FULL, NAME_TITLES, WEEKDAYS_FULL

# Job titles written before a name ("CEO Hiroki Totoki", "President Obama"): the name after
# them is a person. Capitalised as in running text.
PERSON_TITLES = (
    "CEO", "CFO", "COO", "CTO", "CIO", "Chairman", "Chairwoman", "Chairperson", "Chair",
    "President", "Vice President", "Vice-President", "Director", "Chief", "Minister",
    "Prime Minister", "Premier", "Secretary", "Governor", "Senator", "Sen", "Rep",
    "Representative", "Congressman", "Congresswoman", "Mayor", "King", "Queen", "Prince",
    "Princess", "Pope", "Judge", "Justice", "General", "Gen", "Colonel", "Col", "Captain",
    "Capt", "Lieutenant", "Lt", "Sergeant", "Sgt", "Major", "Admiral", "Commander",
    "Ambassador", "Envoy", "Chancellor", "Spokesman", "Spokeswoman", "Spokesperson",
    "Analyst", "Economist", "Professor", "Prof", "Dr", "Mr", "Mrs", "Ms", "Miss", "Sir",
    "Dame", "Lord", "Lady", "Sheikh", "Rev", "Father", "Sister", "Bishop", "Archbishop",
    "Cardinal", "Coach", "Manager", "Striker", "Midfielder", "Defender", "Goalkeeper",
    "Skipper", "Captain", "Founder", "Co-founder", "Cofounder", "Chief Executive",
    "Managing Director", "Executive", "Head", "Leader", "Speaker", "Treasurer",
    "Attorney General", "Deputy", "Dictator", "Gov", "Pres", "Hon", "Officer", "Partner",
    "Trader", "Strategist", "Mr.", "Mrs.", "Ms.", "Dr.", "MP", "MEP", "MLA", "Congressman",
)  # fmt: skip
# Lower-case role nouns before or after a name ("analyst Jane Doe", "Doe, an analyst").
PERSON_ROLE_WORDS = (
    "chairman", "chairwoman", "president", "director", "minister", "secretary", "governor",
    "senator", "mayor", "spokesman", "spokeswoman", "spokesperson", "analyst", "economist",
    "professor", "executive", "officer", "manager", "founder", "co-founder", "chief",
    "coach", "striker", "midfielder", "defender", "goalkeeper", "skipper", "captain",
    "strategist", "trader", "partner", "lawyer", "attorney", "judge", "leader", "head",
    "ceo", "cfo", "coo", "cto", "premier", "chancellor", "ambassador", "envoy", "official",
    "investor", "banker", "economist", "commissioner", "deputy", "adviser", "advisor",
    "consultant", "researcher", "scientist", "author", "writer", "editor", "reporter",
    "correspondent", "columnist", "player", "champion", "winner", "veteran", "rookie",
    "actor", "actress", "singer", "president-elect", "candidate", "nominee", "general",
    "colonel", "commander", "spokesmen", "father", "mother", "son", "daughter", "wife",
    "husband", "brother", "sister", "businessman", "businesswoman", "billionaire",
)  # fmt: skip
# Verbs of saying: "X said" / "said X" make X a speaker (a person, or an organisation).
SPEECH_VERBS = (
    "said", "says", "told", "added", "noted", "explained", "stated", "argued", "wrote",
    "warned", "insisted", "asked", "replied", "commented", "declared", "announced",
    "recalled", "predicted", "acknowledged", "admitted", "believes", "thinks",
)  # fmt: skip

# Head words that end organisation names ("Deutsche Bank", "Delta Air Lines", "Labour Party").
ORG_HEADS = (
    "Bank", "Bancorp", "Bankshares", "Airlines", "Airways", "Air Lines", "Motors", "Motor",
    "Systems", "Technologies", "Technology", "Tech", "Software", "Networks", "Communications",
    "Telecom", "Telecommunications", "Pharmaceuticals", "Pharma", "Therapeutics",
    "Biosciences", "Energy", "Petroleum", "Oil", "Gas", "Resources", "Mining", "Minerals",
    "Metals", "Steel", "Chemicals", "Industries", "Industrial", "Electric", "Electronics",
    "Enterprises", "Partners", "Capital", "Investments", "Investment", "Securities",
    "Financial", "Finance", "Insurance", "Assurance", "Trust", "Fund", "Funds", "Bancshares",
    "Management", "Advisors", "Advisers", "Associates", "Ventures", "Equity", "Brands",
    "Foods", "Stores", "Entertainment", "Media", "Pictures", "Studios", "Records",
    "Publishing", "Press", "Newspapers", "Broadcasting", "Television", "Radio", "Airport",
    "University", "College", "Institute", "Institution", "School", "Academy", "Hospital",
    "Foundation", "Association", "Society", "Council", "Commission", "Committee", "Agency",
    "Authority", "Board", "Bureau", "Department", "Ministry", "Office", "Service", "Services",
    "Party", "Union", "Federation", "Confederation", "League", "Alliance", "Coalition",
    "Organisation", "Organization", "Exchange", "Court", "Parliament", "Assembly",
    "Congress", "Senate", "Army", "Navy", "Police", "Club", "United", "City", "Rovers",
    "Wanderers", "Athletic", "Albion", "Hotspur", "Corporation", "Company", "Companies",
    "Incorporated", "Limited", "Holding", "Holdings", "Group", "Logistics", "Shipping",
    "Railways", "Railway", "Rail", "Automotive", "Auto", "Health", "Healthcare", "Medical",
    "Labs", "Laboratories", "Solutions", "Semiconductor", "Semiconductors", "Devices",
    "Instruments", "Materials", "Realty", "Properties", "Property", "REIT", "Hotels",
    "Resorts", "Casinos", "Restaurants", "Retail", "Mart", "Markets", "Cos", "Bros",
    "Reserve", "Treasury", "Times", "Post", "Journal", "News", "Herald", "Tribune",
    "Newsroom", "Desk",
)  # fmt: skip
# Head words that start organisation names ("Bank of England", "University of Tokyo").
ORG_OPENERS = (
    "Bank", "University", "Ministry", "Department", "Office", "Institute", "Federation",
    "Council", "Commission", "Committee", "Board", "Association", "Union", "Party",
    "Church", "House", "Court", "Royal", "National", "International", "Federal", "Central",
    "State", "First", "Banco", "Banca", "Banque", "Grupo", "Groupe", "Deutsche", "Air",
)  # fmt: skip
# Words that begin a CoNLL-style team name in sports pages are ORG only with a head word.

# Place words: "Lake X", "X River", "Mount X" are locations.
PLACE_HEADS = (
    "River", "Lake", "Mountains", "Mountain", "Island", "Islands", "Valley", "Bay", "Coast",
    "Sea", "Ocean", "Province", "Region", "County", "Peninsula", "Strait", "Desert",
    "Canyon", "Beach", "Harbour", "Harbor", "Heights", "Hills", "Street", "Avenue", "Square",
    "Park", "Airport", "Plateau", "Gulf",
)  # fmt: skip
PLACE_OPENERS = ("Lake", "Mount", "Mt", "Port", "Fort", "Cape", "Gulf", "Isle", "Saint", "San")
# Lower-case words before a place: "in X", "based in X", "near X".
PLACE_PREPOSITIONS = ("in", "near", "across", "outside", "throughout")

# Nationality words: not mentions (CoNLL calls them MISC), never part of a name's start.
DEMONYMS = (
    "American", "British", "English", "Scottish", "Welsh", "Irish", "French", "German",
    "Italian", "Spanish", "Portuguese", "Dutch", "Belgian", "Swiss", "Austrian", "Swedish",
    "Norwegian", "Danish", "Finnish", "Icelandic", "Polish", "Czech", "Slovak", "Hungarian",
    "Romanian", "Bulgarian", "Greek", "Turkish", "Russian", "Ukrainian", "Belarusian",
    "Serbian", "Croatian", "Bosnian", "Slovenian", "Albanian", "Macedonian", "Estonian",
    "Latvian", "Lithuanian", "Georgian", "Armenian", "Azeri", "Kazakh", "Uzbek", "Chinese",
    "Japanese", "Korean", "Taiwanese", "Vietnamese", "Thai", "Malaysian", "Indonesian",
    "Filipino", "Singaporean", "Indian", "Pakistani", "Bangladeshi", "Afghan", "Iranian",
    "Iraqi", "Syrian", "Lebanese", "Israeli", "Palestinian", "Jordanian", "Saudi",
    "Kuwaiti", "Qatari", "Emirati", "Yemeni", "Egyptian", "Libyan", "Tunisian", "Algerian",
    "Moroccan", "Nigerian", "Ghanaian", "Kenyan", "Ethiopian", "Somali", "Sudanese",
    "Ugandan", "Tanzanian", "Zimbabwean", "Zambian", "Angolan", "Congolese", "Rwandan",
    "African", "Canadian", "Mexican", "Brazilian", "Argentine", "Argentinian", "Chilean",
    "Peruvian", "Colombian", "Venezuelan", "Cuban", "Bolivian", "Ecuadorean", "Uruguayan",
    "Paraguayan", "Australian", "Zealander", "European", "Asian", "Arab", "Latin",
    "Western", "Eastern", "Northern", "Southern", "Soviet", "Kurdish", "Chechen", "Serb",
    "Croat", "Muslim", "Christian", "Catholic", "Protestant", "Jewish", "Islamic", "Hindu",
    "Buddhist", "Sikh", "Sri", "Lankan", "Dutchman", "Briton", "Britons", "Americans",
    "Germans", "Russians", "Chinese", "Scot", "Scots", "Swede", "Dane", "Finn", "Pole",
    "Turk", "Kiwi", "Aussie", "Yankee", "Nordic", "Scandinavian", "Baltic", "Balkan",
    "Caribbean", "Mediterranean", "Hispanic", "Persian", "Gulf", "Olympic", "Communist",
    "Republican", "Democrat", "Democratic", "Socialist", "Conservative", "Liberal",
)  # fmt: skip

# Capitalised words that are never a name (nor start one): sentence openers, pronouns,
# determiners, months, weekdays, and headline words.
STOP_WORDS = (
    *MONTHS_FULL, *WEEKDAYS_FULL,
    "The", "A", "An", "This", "That", "These", "Those", "It", "Its", "He", "She", "They",
    "We", "I", "You", "His", "Her", "Their", "Our", "My", "Your", "There", "Here", "What",
    "Why", "How", "Who", "Where", "When", "Which", "Whose", "If", "But", "And", "Or", "So",
    "Yet", "Also", "As", "At", "By", "For", "From", "In", "Into", "On", "Of", "Off", "To",
    "With", "Without", "After", "Before", "During", "Since", "Until", "While", "Although",
    "Though", "Because", "However", "Meanwhile", "Moreover", "Still", "Then", "Now", "Today",
    "Tomorrow", "Yesterday", "Tonight", "Last", "Next", "Many", "Some", "Most", "Both",
    "Each", "Every", "All", "Any", "No", "Not", "None", "Other", "Another", "Such", "Even",
    "Only", "Just", "Instead", "Despite", "According", "Under", "Over", "Above", "Below",
    "Between", "Among", "Against", "About", "Around", "Through", "Via", "Per", "Once",
    "Twice", "Please", "Thanks", "Yes", "Share", "Like", "Love", "Want", "Had",
    "Hated", "Read", "More", "Click", "Image", "Photo", "Source", "Sources", "Update",
    "Updated", "Reporting", "Editing", "Writing", "Additional", "Related", "Exclusive",
    "Breaking", "Analysis", "Comment", "Opinion", "Editorial", "Interview", "Review",
    "Watch", "Video", "Note", "Notes", "Table", "Page", "See", "Also", "Second",
    "Third", "Fourth", "Fifth", "Q1", "Q2", "Q3", "Q4", "Mon", "Tue", "Wed", "Thu", "Fri",
    "Sat", "Sun", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
    "Nov", "Dec", "Am", "Pm", "AM", "PM", "GMT", "EST", "EDT", "PST", "ET", "CET", "BST",
    "Internet", "Things", "Web", "Online", "Smartphone", "Smartphones", "Phone",
    "Phones", "Story",
    "Said", "Says", "Old", "High", "Low", "Better",
    "Well", "Very", "Much", "Few", "Several", "Total", "Net", "Shares", "Stocks", "Stock",
    "Prices", "Price", "Sales", "Profit", "Revenue", "Year",
    "Years", "Quarter", "Week", "Weeks", "Month", "Months", "Day", "Days",
    "Don’t", "Let", "Let’s", "Will", "Would", "Could",
    "Should", "May", "Might", "Must", "Can", "Did", "Does", "Do", "Is", "Are", "Was", "Were",
    "Be", "Been", "Has", "Have", "Having", "Get", "Got", "Make", "Made", "Take", "Took",
    "Put", "Set", "Go", "Going", "Come", "Back", "Up", "Down", "Out", "Away", "Along",
    "Ahead", "Again", "Never", "Always", "Often", "Already", "Almost", "Nearly", "About",
    "Around", "Those",
    "Former", "Current", "Interim",
    "Final", "Finals",
    "Results", "Result", "Standings", "Scores", "Score", "Soccer",
    "Football", "Tennis", "Golf", "Cricket", "Rugby", "Baseball", "Basketball", "Hockey",
    "Athletics", "Cycling", "Boxing", "Racing", "Points", "Point", "Round", "Half",
    "Men", "Women", "Mens", "Womens", "Singles", "Doubles", "Leading", "Played", "Won",
    "Lost", "Drawn", "Goals", "Goal", "Draw", "Beat", "Beats", "Wins", "Win", "Loss",
    "Officials", "Official",
    "Tax", "Budget",
    "Bonds", "Bond", "Debt", "Rates", "Rate",
    "Inflation", "Growth", "Report", "Reports", "Release",
    "Email", "Print", "Copyright",
    "Rights", "Reserved", "Terms", "Privacy", "Policy", "Subscribe", "Sign", "Login",
    "Register", "Search", "Menu", "Contact", "Advertise", "Careers", "Help",
)  # fmt: skip

# Legal forms and group words after a company name; the base name is the entity.
LEGAL_SUFFIXES = tuple(s for s in CORPORATE_SUFFIXES if s not in ("Group", "Holdings"))
ORG_SUFFIXES = (
    *CORPORATE_SUFFIXES, "Corporation", "Incorporated", "Limited", "Company", "PLC", "plc",
    "S.A.", "N.V.", "A.G.", "L.P.", "Co.", "Inc.", "Corp.", "Ltd.", "SE", "AS", "Oy", "SpA",
    "S.p.A.", "Tbk", "Bhd", "Berhad", "Ltda", "SAB", "CV",
)  # fmt: skip

# Abbreviations that take a period inside a name token ("Corp.", "Mr.", "St.").
DOTTED_ABBREVIATIONS = (
    *NAME_TITLES, "Inc", "Corp", "Co", "Ltd", "Bros", "Cos", "Pty", "Hldgs", "Mt", "Ft",
    "Calif", "Ariz", "Ark", "Colo", "Conn", "Del", "Fla", "Ill", "Ind", "Kan", "Kans", "Ky",
    "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nebr", "Nev", "Okla",
    "Ore", "Pa", "Penn", "Tenn", "Tex", "Vt", "Va", "Wash", "Wis", "Wisc", "Wyo", "Ala",
)  # fmt: skip

# Lower-case words allowed inside a capitalised name ("Bank of America", "Procter & Gamble").
NAME_CONNECTORS = (
    "of", "the", "and", "&", "de", "del", "della", "di", "da", "do", "dos", "das", "du", "des",
    "van", "von", "der", "den", "la", "le", "les", "y", "al", "el", "bin", "upon", "for",
    "on", "am",
    "-",  # a spaced hyphen in tokenised text ("Wal - Mart"); never starts or ends a name
)  # fmt: skip

# All-caps words that are not organisations (an unknown acronym is otherwise taken as one).
NOT_ORG_ACRONYMS = (
    "CEO", "CFO", "COO", "CTO", "CIO", "GDP", "GNP", "CPI", "PPI", "PMI", "IPO", "EPS", "ETF",
    "ETFs", "NAV", "YTD", "YOY", "QE", "M&A", "R&D", "AI", "IT", "TV", "PC", "PCs", "LED", "LCD",
    "CPU", "GPU", "GPS", "SUV", "SUVs", "DNA", "HIV", "AIDS", "OK", "CD", "CDs", "DVD", "USB",
    "API", "APIs", "IoT", "VR", "AR", "ID", "PR", "HR", "VAT", "GST", "LNG", "LPG", "OTC",
    "FX", "USD", "EUR", "GBP", "JPY", "CNY", "CHF", "AUD", "CAD", "HKD", "INR", "RMB", "BPS",
    "AM", "PM", "GMT", "EST", "EDT", "PST", "PDT", "CET", "BST", "UTC", "ET", "Q1", "Q2", "Q3",
    "Q4", "H1", "H2", "FY", "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "MP",
    "MPs", "PhD", "MBA", "NB", "PS", "RIP", "FAQ", "URL", "SMS", "MMS", "LTE", "NFC", "HD",
    "UHD", "OLED", "SIM", "RAM", "ROM", "SSD", "HDD", "OS", "UI", "UX", "CEOs", "SME", "SMEs",
    "ESG", "EBIT", "EBITDA", "ROE", "ROI", "P&L", "NPL", "NPLs", "MW", "GW", "KW", "KWH",
    "MWH", "BTU", "ATM", "ATMs", "POS", "B2B", "B2C", "DIY", "VIP", "TBA", "TBD", "NA", "N/A",
    "A", "I", "AND", "THE", "OF", "TO", "IN", "ON", "FOR", "AT", "BY",
)  # fmt: skip
