"""Labelled money examples, run through the whole extraction path by tests/test_fact_corpora.py.

Conventions (see rules.py): value in the main unit ("20 cents" -> 0.2 USD); a leading
approximator is part of the surface; ranges carry value_high; a glued minus or "minus" makes
the value negative; a bare "$" is USD.
"""

from __future__ import annotations

from transforms.facts.common import FactExample


def money(
    surface: str, value: float, unit: str | None, high: float | None = None
) -> dict[str, object]:
    return {"surface": surface, "value": value, "unit": unit, "value_high": high}


E = FactExample

POSITIVE: list[FactExample] = [
    # The four sample articles.
    E(
        "its mobile business has taken a revenue dip by 16.3 percent to 270.5 billion yen, "
        "or around $2.27 billion.",
        (money("270.5 billion yen", 2.705e11, "JPY"), money("around $2.27 billion", 2.27e9, "USD")),
        "sample: yen and approximate dollars",
    ),
    E(
        "it won't be the most expensive mobile camera out there (given the $350 price target).",
        (money("$350", 350.0, "USD"),),
        "sample: price target",
    ),
    # Symbols and glued scales.
    E("The deal is worth $2.27 billion.", (money("$2.27 billion", 2.27e9, "USD"),)),
    E(
        "It paid $1.13bn (£600m) for the stake.",
        (money("$1.13bn", 1.13e9, "USD"), money("£600m", 6e8, "GBP")),
        "glued scales, two currencies",
    ),
    E("The EU pledged €3 million in aid.", (money("€3 million", 3e6, "EUR"),)),
    E("The contract is worth US$4.5m.", (money("US$4.5m", 4.5e6, "USD"),)),
    E("Tickets start at $5k.", (money("$5k", 5e3, "USD"),), "k suffix"),
    E("Prices rose to ¥12,800 in Tokyo.", (money("¥12,800", 12800.0, "JPY"),), "yen sign"),
    E("The phone costs ₹14,999 in India.", (money("₹14,999", 14999.0, "INR"),)),
    E("Samsung cut the price to ₩990,000.", (money("₩990,000", 990000.0, "KRW"),)),
    E("Accord prices start at $12,345.", (money("$12,345", 12345.0, "USD"),)),
    E("He won $1,000,000.50 in the lottery.", (money("$1,000,000.50", 1000000.5, "USD"),)),
    # Prefixed dollars.
    E("Barrick raised C$1.5 billion.", (money("C$1.5 billion", 1.5e9, "CAD"),), "C$"),
    E("Qantas earned A$250 million.", (money("A$250 million", 2.5e8, "AUD"),), "A$"),
    E("Exports fell to HK$10.05 billion.", (money("HK$10.05 billion", 1.005e10, "HKD"),)),
    E("The fund holds NZ$2 billion.", (money("NZ$2 billion", 2e9, "NZD"),)),
    E("DBS earned S$1.1 billion.", (money("S$1.1 billion", 1.1e9, "SGD"),)),
    E("Petrobras will invest R$30 billion.", (money("R$30 billion", 3e10, "BRL"),)),
    E("TSMC posted NT$50 billion in profit.", (money("NT$50 billion", 5e10, "TWD"),)),
    E("Cemex sold Mex$ 10 million of bonds.", (money("Mex$ 10 million", 1e7, "MXN"),)),
    # Codes.
    E("Ericsson expects SEK 2.5 billion in savings.", (money("SEK 2.5 billion", 2.5e9, "SEK"),)),
    E("The bond raised 500 million CHF.", (money("500 million CHF", 5e8, "CHF"),)),
    E("Alibaba raised RMB 8 billion.", (money("RMB 8 billion", 8e9, "CNY"),)),
    E("The client estimates an increase to 120 MEUR.", (money("120 MEUR", 1.2e8, "EUR"),)),
    # Names after the amount, Reuters styles, sub-units.
    E("Net profit was 5 mln dlrs.", (money("5 mln dlrs", 5e6, "USD"),), "Reuters dlrs"),
    E("Pretax profit rose to 500 mln stg.", (money("500 mln stg", 5e8, "GBP"),), "stg"),
    E("The shares rose 20 cents.", (money("20 cents", 0.2, "USD"),), "cents"),
    E("Shares closed at 470p in London.", (money("470p", 4.7, "GBP"),), "pence glued"),
    E("It offered 470 pence a share.", (money("470 pence", 4.7, "GBP"),)),
    E("BSkyB was down 0.1 percent at 521-1/2p.", (money("521-1/2p", 5.215, "GBP"),), "fraction"),
    E("Reliance plans to invest Rs 500 crore.", (money("Rs 500 crore", 5e9, "INR"),), "crore"),
    E("He is eligible for a loan of 35 lakh rupees.", (money("35 lakh rupees", 3.5e6, "INR"),)),
    E("The bill came to 12,34,567.89 rupees.", (money("12,34,567.89 rupees", 1234567.89, "INR"),)),
    E("Eight ministers received five million yen.", (money("five million yen", 5e6, "JPY"),)),
    E("They spent two million dollars on ads.", (money("two million dollars", 2e6, "USD"),)),
    E("The state lost a billion euros.", (money("a billion euros", 1e9, "EUR"),), "a billion"),
    E("The Swiss bank paid 10,000 Swiss francs.", (money("10,000 Swiss francs", 1e4, "CHF"),)),
    E(
        "It sold 125 million Australian dollars of bonds.",
        (money("125 million Australian dollars", 1.25e8, "AUD"),),
    ),
    E("Gazprom earned 300 billion roubles.", (money("300 billion roubles", 3e11, "RUB"),)),
    E(
        "Hyundai invested 1.2 trillion won.",
        (money("1.2 trillion won", 1.2e12, "KRW"),),
        "won with scale",
    ),
    E("Egypt raised 5 billion Egyptian pounds.", (money("5 billion Egyptian pounds", 5e9, "EGP"),)),
    E(
        "Operating profit improved to 361 million pounds.",
        (money("361 million pounds", 3.61e8, "GBP"),),
    ),
    E("Township output broke through 100 billion yuan.", (money("100 billion yuan", 1e11, "CNY"),)),
    E("Nomura signed a 10-million-dollar contract.", (money("10-million-dollar", 1e7, "USD"),)),
    E("Fujitsu withdrew its one-yen bid.", (money("one-yen", 1.0, "JPY"),)),
    E(
        "It only cost thirteen dollars and forty-five cents.",
        (money("thirteen dollars and forty-five cents", 13.45, "USD"),),
    ),
    E(
        "Mexico sold 12.5 billion pesos of debt.",
        (money("12.5 billion pesos", 1.25e10, None),),
        "bare pesos: unit unknown",
    ),
    E(
        "Mexico sold 12.5 billion Mexican pesos of debt.",
        (money("12.5 billion Mexican pesos", 1.25e10, "MXN"),),
    ),
    # Ranges.
    E("Analysts expect $5-6 billion in sales.", (money("$5-6 billion", 5e9, "USD", 6e9),), "range"),
    E(
        "It sees revenue of $5 billion to $6 billion.",
        (money("$5 billion to $6 billion", 5e9, "USD", 6e9),),
    ),
    E(
        "It will cost between $5 and $6 billion.",
        (money("between $5 and $6 billion", 5e9, "USD", 6e9),),
    ),
    E(
        "Sales of 7.0 to 7.5 billion pounds are expected.",
        (money("7.0 to 7.5 billion pounds", 7e9, "GBP", 7.5e9),),
    ),
    E(
        "The stock trades between HK$4.72 and HK$6.17.",
        (money("between HK$4.72 and HK$6.17", 4.72, "HKD", 6.17),),
    ),
    # Changes are two facts, not ranges.
    E(
        "Shares rose $1.20 to $21.10.",
        (money("$1.20", 1.2, "USD"), money("$21.10", 21.1, "USD")),
        "change, not range",
    ),
    E(
        "Capex grew from $5 billion to $6 billion.",
        (money("$5 billion", 5e9, "USD"), money("$6 billion", 6e9, "USD")),
    ),
    E(
        "It paid $5 million and $6 million for the two units.",
        (money("$5 million", 5e6, "USD"), money("$6 million", 6e6, "USD")),
        "'and' without between",
    ),
    # Approximators and negatives.
    E("The firm had sales of about $14 million.", (money("about $14 million", 1.4e7, "USD"),)),
    E("It raised more than $247 million.", (money("more than $247 million", 2.47e8, "USD"),)),
    E("Nearly €2 billion was wiped off.", (money("Nearly €2 billion", 2e9, "EUR"),)),
    E("Net income was -$5 million.", (money("-$5 million", -5e6, "USD"),), "glued minus"),
    E("Cash flow was minus $3 million.", (money("minus $3 million", -3e6, "USD"),)),
    E("It posted a loss of $5 million.", (money("$5 million", 5e6, "USD"),), "loss stays positive"),
    E("The U.S. $150 million loan was signed.", (money("U.S. $150 million", 1.5e8, "USD"),)),
]

NEGATIVE: list[FactExample] = [
    E("Sony's Xperia Z1 sold well.", (), "phone model"),
    E("Sony will sell 80 million smartphones in 2015.", (), "units and year"),
    E("Carriers are rolling out 5G networks.", ()),
    E("The laptop runs Windows 10.", ()),
    E("The Nasdaq 100 rose 2 percent.", ()),
    E("The $ sign is missing from the form.", (), "symbol without a number"),
    E("Tenants receive Section 8 vouchers.", ()),
    E("Revenue grew 16.3 percent.", (), "percent"),
    E("The dollar rose against the yen and the euro.", (), "currency names without amounts"),
    E("The company recalled 1.2 million pounds of ground beef.", (), "weight"),
    E("He lost 20 pounds last year.", (), "weight without scale"),
    E("Obama, who in 2008 won the election, spoke.", (), "won the verb"),
    E("The camera records 1080p video at 60 fps.", (), "resolution"),
    E("The meeting starts at 6 p.m. on Monday.", (), "time"),
    E("Figures are in 2015 dollars.", (), "price level"),
    E("The price is $3 a pound.", (money("$3", 3.0, "USD"),), "'a pound' is weight"),
    E("All 70 of us came; ALL 5 solutions failed.", ()),
    E("A $5 million deal was signed.", (money("$5 million", 5e6, "USD"),), "A $ is not AUD"),
    E("The 12mp sensor is new.", (), "megapixels"),
    E("Turnover grew by 5 per cent.", (), "per cent is not cents"),
]

KNOWN_FAILURES: list[FactExample] = [
    E(
        "The plan will cost $900 to $1.2 billion.",
        (money("$900 to $1.2 billion", 9e8, "USD", 1.2e9),),
        "range whose low end drops a smaller scale: read as two facts",
    ),
    E(
        "They lost 75 USD million in three years.",
        (money("75 USD million", 7.5e7, "USD"),),
        "scale after the currency code",
    ),
    E(
        "The state spent a quarter of a billion dollars.",
        (money("a quarter of a billion dollars", 2.5e8, "USD"),),
        "fractions of a scale",
    ),
]
