"""Labelled rank examples (run by tests/test_fact_corpora.py through the whole pipeline)."""

from __future__ import annotations

from transforms.facts.common import FactExample as E


def _r(
    surface: str, value: float, category: str | None = None, **extra: object
) -> dict[str, object]:
    return {"surface": surface, "value": value, "unit": "rank", "category": category, **extra}


POSITIVE: list[E] = [
    E(
        "Sony Ericsson has become the 10th-largest phone vendor in the world.",
        (_r("10th-largest", 10.0, "phone vendor", rule="rank.ordinal_superlative"),),
        "sample",
    ),
    E(
        "Sprint Nextel, the third-largest U.S. wireless carrier, posted a loss.",
        (_r("third-largest", 3.0, "U.S. wireless carrier"),),
    ),
    E(
        "AT&T is the second-biggest carrier by subscribers.",
        (_r("second-biggest", 2.0, "carrier"),),
        "stops at 'by'",
    ),
    E(
        "China overtook Japan as the world's second-largest economy.",
        (_r("second-largest", 2.0, "economy"),),
    ),
    E(
        "Japan is now the third largest economy.",
        (_r("third largest", 3.0, "economy"),),
        "space instead of hyphen",
    ),
    E(
        "Toyota is the world's largest automaker.",
        (_r("largest", 1.0, "automaker", rule="rank.superlative"),),
        "superlative alone",
    ),
    E("HSBC, Europe's biggest bank, said profits rose.", (_r("biggest", 1.0, "bank"),)),
    E("BlackRock is its largest shareholder.", (_r("largest", 1.0, "shareholder"),)),
    E(
        "Nokia, the world's largest mobile phone maker, cut prices.",
        (_r("largest", 1.0, "mobile phone maker"),),
        "three-word category",
    ),
    E(
        "The world's largest phone maker Nokia said on Thursday.",
        (_r("largest", 1.0, "phone maker"),),
        "name after the category is cut",
    ),
    E(
        "Samsung is the No. 1 smartphone maker.",
        (_r("No. 1", 1.0, "smartphone maker", rule="rank.number"),),
    ),
    E("Pepsi is the No. 2 player in the soft drinks market.", (_r("No. 2", 2.0, "player"),)),
    E(
        "Avis, the No 2 car rental company, tried harder.",
        (_r("No 2", 2.0, "car rental company"),),
        "No without period",
    ),
    E(
        "The firm is the number one supplier of chips.",
        (_r("number one", 1.0, "supplier"),),
        "number one in words",
    ),
    E(
        "It wants to be among the top five banks in Asia.",
        (_r("top five", 5.0, "banks", rule="rank.top_n"),),
        "top N in words",
    ),
    E("The group is one of the top 10 insurers.", (_r("top 10", 10.0, "insurers"),)),
    E("He runs a top-20 hedge fund.", (_r("top-20", 20.0, "hedge fund"),), "hyphenated top-N"),
    E(
        "The company ranked third in global sales.",
        (_r("ranked third", 3.0, None, rule="rank.ranked"),),
    ),
    E("Apple ranks 5th on the list.", (_r("ranks 5th", 5.0),), "digit ordinal"),
    E("The team finished second in the league.", (_r("finished second", 2.0),)),
    E(
        "Lenovo slipped to fourth place in the PC market.",
        (_r("fourth place", 4.0, None, rule="rank.ranked"),),
        "place",
    ),
    E("Dell is now in third position.", (_r("third position", 3.0),)),
    E(
        "Citigroup, the largest U.S. bank by assets, fell 3 percent.",
        (_r("largest", 1.0, "U.S. bank"),),
        "with a percent in the sentence",
    ),
    E("Wal-Mart is the world's biggest retailer.", (_r("biggest", 1.0, "retailer"),)),
    E("BHP Billiton, the world's biggest miner, said on Tuesday.", (_r("biggest", 1.0, "miner"),)),
    E(
        "India is the fourth-biggest emitter of greenhouse gases.",
        (_r("fourth-biggest", 4.0, "emitter"),),
        "stops at 'of'",
    ),
    E("Spain is the euro zone's fifth-largest economy.", (_r("fifth-largest", 5.0, "economy"),)),
    E("Heathrow is Europe's busiest airport.", (_r("busiest", 1.0, "airport"),)),
    E(
        "Saudi Arabia is the world's top oil exporter and the second-largest producer.",
        (_r("second-largest", 2.0, "producer"),),
        "'top oil exporter' is not top-N",
    ),
    E(
        "Kia is South Korea's second-most valuable brand.",
        (_r("second-most valuable", 2.0, "brand"),),
        "most + adjective",
    ),
    E(
        "Alibaba is China's largest e-commerce company.",
        (_r("largest", 1.0, "e-commerce company"),),
    ),
    E("Ford, the No. 2 U.S. automaker, reported a loss.", (_r("No. 2", 2.0, "U.S. automaker"),)),
    E("Tata is India's 12th-largest company by revenue.", (_r("12th-largest", 12.0, "company"),)),
    E(
        "The twenty-first largest fund manager said it would sell.",
        (_r("twenty-first largest", 21.0, "fund manager"),),
        "compound word ordinal",
    ),
    E(
        "Vodafone, Britain's biggest mobile operator, and BT, the largest fixed-line operator, "
        "agreed.",
        (_r("biggest", 1.0, "mobile operator"), _r("largest", 1.0, "fixed-line operator")),
        "two ranks",
    ),
    E("It was rated No. 1 by analysts.", (_r("rated No. 1", 1.0),), "rated No."),
    E(
        "The bank is the largest lender in the country.",
        (_r("largest", 1.0, "lender"),),
        "the largest X",
    ),
]

NEGATIVE: list[E] = [
    E("Profit rose in the fourth quarter.", (), "quarter is a date"),
    E("Sales fell in the first half of the year.", (), "first half"),
    E("It was the first time the bank had cut rates.", (), "first time"),
    E("Growth in the 21st century has been uneven.", (), "century"),
    E("The deal closed on Aug. 28th.", (), "date"),
    E("It became the 0th-largest carrier.", (), "rank 0: garbled text, not a rank"),
    E("The fund was No. 0 on the list.", (), "No. 0 is no rank"),
    E("The first to arrive was the chairman.", (), "the first alone"),
    E("Second-hand car prices rose.", (), "second-hand"),
    E("It was the biggest drop since 2008.", (), "record change, not an entity rank"),
    E("It is one of the largest banks in Asia.", (), "one of the largest"),
    E("This was the largest-ever takeover.", (), "largest-ever"),
    E("The biggest problem is debt.", (), "abstract head"),
    E("Shares are expected to top 5 million.", (), "top as a verb"),
    E("The top executives resigned.", (), "top without a number"),
    E("Prime Minister Gordon Brown returned to No. 10 Downing Street.", (), "address"),
    E("The second round of talks ended.", (), "bare ordinal"),
    E("It posted its biggest quarterly loss ever.", (), "record loss"),
    E("A largest possible share was sought.", (), "no determiner"),
    E("Among the biggest winners was Apple.", (), "among the biggest"),
]

KNOWN_FAILURES: list[E] = [
    E(
        "It is the largest.",
        (_r("largest", 1.0),),
        "no noun phrase after the superlative: not taken as a rank",
    ),
    E(
        "Microsoft and Google are the two biggest search firms.",
        (_r("two biggest", 2.0, "search firms"),),
        "cardinal + superlative (top-N) not handled",
    ),
    E(
        "Toyota became the top automaker last year.",
        (_r("top", 1.0, "automaker"),),
        "'top' without a number is not taken as rank 1 (too often a title: 'top executives')",
    ),
]
