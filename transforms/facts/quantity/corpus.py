"""Labelled quantity examples, run through the whole extraction path by
tests/test_fact_corpora.py (see transforms/facts/common.py for the FactExample format).

Durations ("three years") are quantities too, but the date extractor owns them (rule
"date.duration"), so texts here avoid them: this corpus measures the quantity rules only."""

from __future__ import annotations

from transforms.facts.common import FactExample


def _q(surface: str, value: float, unit: str, high: float | None = None) -> dict[str, object]:
    return {"surface": surface, "value": value, "unit": unit, "value_high": high}


def _ex(text: str, *expected: dict[str, object], note: str = "") -> FactExample:
    return FactExample(text=text, expected=expected, note=note)


POSITIVE: list[FactExample] = [
    # The samples and the issue.
    _ex(
        "Sony has big plans for 2015 to sell up to 80 million smartphones.",
        _q("80 million smartphones", 8e7, "smartphones"),
        note="sample: 80 million smartphones",
    ),
    _ex(
        "The company aims to hit the 80-million-units annual mark.",
        _q("80-million-units", 8e7, "units"),
        note="sample: hyphenated 80-million-units",
    ),
    _ex(
        "But AOL had mixed fortunes. It lost 464,000 subscribers in the period.",
        _q("464,000 subscribers", 464000.0, "subscribers"),
        note="BBC: lost 464,000 subscribers",
    ),
    _ex(
        "The service added 464,000 new subscribers.",
        _q("464,000 new subscribers", 464000.0, "subscribers"),
        note="modifier before the counted noun",
    ),
    _ex(
        "The drought affected two million people.",
        _q("two million people", 2e6, "people"),
        note="word number with scale",
    ),
    _ex("The chain closed a dozen stores.", _q("a dozen stores", 12.0, "stores"), note="a dozen"),
    _ex(
        "It will close two dozen stores.", _q("two dozen stores", 24.0, "stores"), note="two dozen"
    ),
    _ex(
        "Eighty workers were sent home.",
        _q("Eighty workers", 80.0, "workers"),
        note="sentence-initial word number",
    ),
    _ex(
        "Some twenty-five analysts were polled.",
        _q("twenty-five analysts", 25.0, "analysts"),
        note="hyphenated word number",
    ),
    _ex(
        "About 1.3 million employees work for the group.",
        _q("1.3 million employees", 1.3e6, "employees"),
        note="decimal with scale",
    ),
    _ex("The bank plans to cut 5,600 jobs.", _q("5,600 jobs", 5600.0, "jobs"), note="jobs"),
    _ex(
        "Sales reached 2.4 million units.",
        _q("2.4 million units", 2.4e6, "units"),
        note="units",
    ),
    _ex(
        "The airline carried 80m passengers last year.",
        _q("80m passengers", 8e7, "passengers"),
        note="glued scale suffix",
    ),
    _ex(
        "The offering comprised 14 million shares.",
        _q("14 million shares", 1.4e7, "shares"),
        note="shares",
    ),
    _ex(
        "Toyota recalled 1 million cars and 200,000 trucks.",
        _q("1 million cars", 1e6, "cars"),
        _q("200,000 trucks", 200000.0, "trucks"),
        note="two quantities",
    ),
    _ex(
        "The firm employs 3,600 staff.",
        _q("3,600 staff", 3600.0, "staff"),
        note="irregular plural staff",
    ),
    _ex(
        "It opened 59 fewer stores than planned.",
        _q("59 fewer stores", 59.0, "stores"),
        note="modifier fewer",
    ),
    _ex(
        "The retailer runs 5,000 retail stores.",
        _q("5,000 retail stores", 5000.0, "stores"),
        note="free modifier before a curated noun",
    ),
    _ex(
        "Regulators approved deals for 34 Chinese cities.",
        _q("34 Chinese cities", 34.0, "cities"),
        note="capitalised modifier",
    ),
    _ex(
        "A 500-employee company was sold.",
        _q("500-employee", 500.0, "employees"),
        note="hyphenated singular counted noun",
    ),
    _ex(
        "It is a 28-country bloc.",
        _q("28-country", 28.0, "countries"),
        note="hyphenated singular, irregular plural",
    ),
    _ex(
        "Sony's 40,000 employees were told on Friday.",
        _q("40,000 employees", 40000.0, "employees"),
        note="after a possessive",
    ),
    # Measurements.
    _ex("The ranch covers 20,000 acres.", _q("20,000 acres", 20000.0, "acres"), note="acres"),
    _ex(
        "They bought a 116,000-acre ranch.",
        _q("116,000-acre", 116000.0, "acres"),
        note="hyphenated measure",
    ),
    _ex(
        "The field holds 250 million barrels of oil.",
        _q("250 million barrels", 2.5e8, "barrels"),
        note="barrels",
    ),
    _ex(
        "Reserves are 250 million to 300 million barrels.",
        _q("250 million to 300 million barrels", 2.5e8, "barrels", 3e8),
        note="range with both scales",
    ),
    _ex(
        "Reserves are 250 to 300 million barrels.",
        _q("250 to 300 million barrels", 2.5e8, "barrels", 3e8),
        note="range: bare low takes the high's scale",
    ),
    _ex(
        "The plant will produce 300 megawatts.",
        _q("300 megawatts", 300.0, "megawatts"),
        note="megawatts",
    ),
    _ex(
        "The pipeline runs 5 km under the bay.",
        _q("5 km", 5.0, "kilometres"),
        note="km symbol",
    ),
    _ex("The mine shipped 10 tonnes of ore.", _q("10 tonnes", 10.0, "tonnes"), note="tonnes"),
    _ex("The file is 2.5 GB in size.", _q("2.5 GB", 2.5, "gigabytes"), note="GB symbol"),
    _ex(
        "The phone has a 624 MHz processor.",
        _q("624 MHz", 624.0, "megahertz"),
        note="MHz in body text",
    ),
    _ex(
        "Output rose to 1.2 million barrels per day.",
        _q("1.2 million barrels per day", 1.2e6, "barrels per day"),
        note="barrels per day",
    ),
    _ex(
        "The refinery processes 200,000 bpd.",
        _q("200,000 bpd", 200000.0, "barrels per day"),
        note="bpd",
    ),
    _ex("The parcel weighs 10kg.", _q("10kg", 10.0, "kilograms"), note="glued symbol"),
    _ex(
        "The mine produced 1.5 million ounces of gold.",
        _q("1.5 million ounces", 1.5e6, "ounces"),
        note="ounces",
    ),
    _ex(
        "The office has 20,000 square feet.",
        _q("20,000 square feet", 20000.0, "square feet"),
        note="two-word unit",
    ),
    _ex("The car has a 1.3-liter engine.", _q("1.3-liter", 1.3, "litres"), note="US spelling"),
    _ex(
        "Stocks fell and the index lost 87.64 points.",
        _q("87.64 points", 87.64, "points"),
        note="index points",
    ),
    # Ranges and number pairs.
    _ex(
        "The project will build 6,000 to 7,000 homes.",
        _q("6,000 to 7,000 homes", 6000.0, "homes", 7000.0),
        note="range with to",
    ),
    _ex(
        "It will open between 10 and 20 stores.",
        _q("10 and 20 stores", 10.0, "stores", 20.0),
        note="between ... and range",
    ),
    _ex(
        "The chain grew from 500 to 700 stores.",
        _q("700 stores", 700.0, "stores"),
        note="from-to is a change, keep the last number",
    ),
    # Title case.
    _ex(
        "Sony Wants to Sell 80 Million Smartphones in 2015",
        _q("80 Million Smartphones", 8e7, "smartphones"),
        note="title case headline",
    ),
    # Relative quantities.
    _ex(
        "The company intends to announce a doubling of its handset sales.",
        {**_q("doubling", 2.0, "times"), "rule": "quantity.relative", "direction": "up"},
        note="sample: a doubling",
    ),
    _ex(
        "Profit tripled while costs were halved.",
        {**_q("tripled", 3.0, "times"), "direction": "up"},
        {**_q("halved", 0.5, "times"), "direction": "down"},
        note="tripled and halved",
    ),
    _ex(
        "Analysts expect a threefold rise and a 10-fold increase in demand.",
        _q("threefold", 3.0, "times"),
        _q("10-fold", 10.0, "times"),
        note="-fold",
    ),
]

NEGATIVE: list[FactExample] = [
    _ex("The Xperia Z1 and the Galaxy S6 sold well.", note="model numbers glued to letters"),
    _ex("Windows 10 users can upgrade; iPhone 6 owners cannot.", note="product model numbers"),
    _ex("The FTSE 100 companies and Nikkei 225 stocks fell.", note="index names"),
    _ex("xperiaz1s_2031-100259835-large", note="image id"),
    _ex("The store closes in 2015.", note="year"),
    _ex("2014 is shaping up to be a good year for the company.", note="year as subject"),
    _ex("Total 2015 sales beat forecasts.", note="year before a plural noun"),
    _ex("The store closes at 4 p.m. Eastern Time.", note="time"),
    _ex("The store will close starting Aug. 28 customers said.", note="date"),
    _ex("Sony is the 10th-largest phone vendor.", note="ordinal"),
    _ex("Sony is one of the biggest vendors.", note="one of the"),
    _ex("It is the No. 1 smartphone maker.", note="No. 1"),
    _ex("It ranks among the top five banks.", note="top five"),
    _ex("Music from the 80s is back.", note="the 80s"),
    _ex("The office is at 10 Downing Street.", note="address"),
    _ex("Call 555-1234 for details.", note="phone number"),
    _ex("Under section 5 rules apply.", note="section number"),
    _ex("The two companies said they would merge.", note="the two: a reference, not a count"),
    _ex("Only one expects the Fed to raise rates.", note="one + verb"),
    _ex("A reading above 50 indicates growth.", note="number + verb"),
    _ex("It sold the unit for $350 million.", note="money"),
    _ex("The firm paid 15 million pounds.", note="pounds sterling, not weight"),
    _ex("Two-thirds of them agreed.", note="fraction"),
    _ex("The 2014-15 results were weak.", note="hyphenated year pair"),
    _ex("Covid-19 cases rose.", note="number after a hyphen"),
    _ex("He doubled down on the bet.", note="doubled down is not doubling"),
    _ex("The study found 45 percent more customers.", note="percent, not a count"),
]

KNOWN_FAILURES: list[FactExample] = [
    _ex(
        "The wide-bodied 787 Dreamliner planes are due next year.",
        note="model number before a capitalised name is taken as a count",
    ),
    _ex(
        "The company cut 1,000 of its 5,000 jobs.",
        _q("1,000", 1000.0, "jobs"),
        _q("5,000 jobs", 5000.0, "jobs"),
        note="N of its M nouns: the first count is missed",
    ),
    _ex(
        "They were given 45 and 50 stores.",
        _q("45", 45.0, "stores"),
        _q("50 stores", 50.0, "stores"),
        note="a count sharing the following noun is missed",
    ),
]
