"""Labelled percent examples (run by tests/test_fact_corpora.py through the whole pipeline)."""

from __future__ import annotations

from transforms.facts.common import FactExample as E


def _p(
    surface: str, value: float, direction: str | None = None, **extra: object
) -> dict[str, object]:
    return {"surface": surface, "value": value, "unit": "percent", "direction": direction, **extra}


def _pp(surface: str, value: float, direction: str | None = None) -> dict[str, object]:
    return {"surface": surface, "value": value, "unit": "percentage_points", "direction": direction}


POSITIVE: list[E] = [
    E(
        "Sony said its mobile business, hit by falling prices, has taken a revenue dip by 16.3 "
        "percent to 270.5 billion yen.",
        (_p("16.3 percent", 16.3, "down"),),
        "sample dip by",
    ),
    E(
        "Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn for the three "
        "months to December.",
        (_p("76%", 76.0, "up"),),
        "BBC jumped",
    ),
    E("Its revenues rose 2% to $11.1bn from $10.9bn.", (_p("2%", 2.0, "up"),), "BBC rose"),
    E("Time Warner owns 8% of search-engine Google.", (_p("8%", 8.0),), "owns: no direction"),
    E(
        "Shares of Alcoa were down 2.1 pct at $30.50 in early trade.",
        (_p("2.1 pct", 2.1, "down"),),
        "Reuters pct down",
    ),
    E("The index was up 3% on the day.", (_p("3%", 3.0, "up"),), "up 3%"),
    E(
        "The company reported a 5 percent rise in quarterly sales.",
        (_p("5 percent", 5.0, "up"),),
        "noun cue after",
    ),
    E(
        "The stock closed 2.4 percent lower on Friday.",
        (_p("2.4 percent", 2.4, "down"),),
        "adverb after",
    ),
    E("The shares ended 1.5 percent higher in Tokyo.", (_p("1.5 percent", 1.5, "up"),)),
    E("Exports fell five percent in March.", (_p("five percent", 5.0, "down"),), "word number"),
    E(
        "Turnover grew by twenty-five per cent last year.",
        (_p("twenty-five per cent", 25.0, "up"),),
        "hyphenated word number, per cent",
    ),
    E(
        "Analysts expect growth of 5-6% next year.",
        (_p("5-6%", 5.0, "up", value_high=6.0),),
        "hyphen range",
    ),
    E(
        "The firm expects margins of 5% to 6% this year.",
        (_p("5% to 6%", 5.0, None, value_high=6.0),),
        "two-unit range",
    ),
    E(
        "Prices are expected to be between 5 and 6 percent higher.",
        (_p("between 5 and 6 percent", 5.0, "up", value_high=6.0),),
        "between range",
    ),
    E(
        "Estimates range between 3% and 4%.",
        (_p("between 3% and 4%", 3.0, None, value_high=4.0),),
        "between two units",
    ),
    E(
        "Economists see inflation at 2 to 3 percent.",
        (_p("2 to 3 percent", 2.0, None, value_high=3.0),),
        "to range",
    ),
    E("Operating margin was -3% in the quarter.", (_p("-3%", -3.0, "down"),), "negative sign"),
    E(
        "The Federal Reserve cut rates by half a percentage point.",
        (_pp("half a percentage point", 0.5, "down"),),
        "half a point",
    ),
    E(
        "The central bank raised its key rate by a quarter percentage point to 4.5 percent.",
        (_pp("a quarter percentage point", 0.25, "up"), _p("4.5 percent", 4.5)),
        "quarter point; level after it has its own clause",
    ),
    E(
        "The jobless rate rose 0.3 percentage point to 5.6 percent.",
        (_pp("0.3 percentage point", 0.3, "up"), _p("5.6 percent", 5.6)),
    ),
    E("The spread widened by 2 percentage points.", (_pp("2 percentage points", 2.0),)),
    E(
        "Yields fell 12 basis points.",
        (
            {
                "surface": "12 basis points",
                "value": 12.0,
                "unit": "basis_points",
                "direction": "down",
            },
        ),
        "basis points as written",
    ),
    E(
        "The bank lowered its rate by 25 bps.",
        ({"surface": "25 bps", "value": 25.0, "unit": "basis_points", "direction": "down"},),
    ),
    E("The company holds a 51 pct stake in the venture.", (_p("51 pct", 51.0),), "stake"),
    E(
        "Germany's economy contracted 0.5 percent in the first quarter.",
        (_p("0.5 percent", 0.5, "down"),),
    ),
    E("Net profit slumped 40 per cent to 2 billion euros.", (_p("40 per cent", 40.0, "down"),)),
    E("The euro gained 0.8% against the dollar.", (_p("0.8%", 0.8, "up"),)),
    E(
        "Sales increased 12.5 percent, while costs declined 3 percent.",
        (_p("12.5 percent", 12.5, "up"), _p("3 percent", 3.0, "down")),
        "two clauses",
    ),
    E("Turnout was nearly 100 percent.", (_p("100 percent", 100.0),)),
    E(
        "Unemployment eased to 7.9 percent in January.",
        (_p("7.9 percent", 7.9, "down"),),
        "level after a verb keeps its direction",
    ),
    E(
        "A 10 percent cut in staff was announced.",
        (_p("10 percent", 10.0, "down"),),
        "noun cut after",
    ),
    E(
        "The company said it could sell up to 20 percent of the unit.",
        (_p("20 percent", 20.0),),
        "up to is a ceiling",
    ),
    E(
        "Revenue rose from 10 to 12 percent of sales.",
        (_p("10", 10.0), _p("12 percent", 12.0, "up")),
        "from-to is a change, two facts; the 'from' value is the old level",
    ),
    E(
        "The Dow was up 36.26 points, or 0.30 percent, at 12,144.69.",
        (_p("0.30 percent", 0.30, "up"),),
        "', or' keeps the clause",
    ),
    E(
        "Odds were up from 52 percent a week ago.",
        (_p("52 percent", 52.0),),
        "after 'from': the old level, no direction",
    ),
    E("Profit jumped 1,250 percent.", (_p("1,250 percent", 1250.0, "up"),), "thousands"),
    E(
        "A 2-percentage-point increase was expected.",
        (_pp("2-percentage-point", 2.0, "up"),),
        "hyphenated unit",
    ),
    E("Shares tumbled 9.8% to a record low.", (_p("9.8%", 9.8, "down"),)),
    E("The price fell by one hundred percent.", (_p("one hundred percent", 100.0, "down"),)),
    E(
        "The poll gave him 52% against 48% for his rival.",
        (_p("52%", 52.0), _p("48%", 48.0)),
        "shares, no direction",
    ),
    E("Output rose a seasonally adjusted 0.4 percent.", (_p("0.4 percent", 0.4, "up"),)),
]

NEGATIVE: list[E] = [
    E("The company owns a stake in the venture.", (), "no number"),
    E("A percentage of sales went to charity.", (), "'a percentage' has no value"),
    E("The table shows the % of increase in the last month.", (), "bare sign"),
    E("Only a small percent attain the top ranks.", (), "bare word"),
    E("Profit was $5 million in 2012.", (), "money and year"),
    E("See https://www.test.com/search?q=30%25%2020% for details.", (), "URL-encoded"),
    E("The team won 3-2 on Saturday.", (), "score"),
    E("He sold 500 shares at 12.5 cents.", (), "cents"),
    E("The percentage was not disclosed.", (), "no number"),
    E("Production reached 120,000 barrels per day.", (), "per day is not per cent"),
    E("Pct changes are shown in the table.", (), "abbreviation without a number"),
    E("The bps figures were revised.", (), "bps without a number"),
    E("She scored 8 out of 10.", (), "ratio in words"),
    E("The model 5 Series sold well.", (), "model name"),
    E("Interest was paid on 4 March.", (), "date"),
    E("Per cent signs were removed from the data.", (), "unit word alone"),
]

KNOWN_FAILURES: list[E] = [
    E(
        "The jobless rate rose 0.2 percent to 5.6 percent.",
        (_p("0.2 percent", 0.2, "up"), _p("5.6 percent", 5.6)),
        "change then level with the same unit is merged into a range",
    ),
    E(
        "Sales rose 5 percent and 3 percent in the two regions.",
        (_p("5 percent", 5.0, "up"), _p("3 percent", 3.0, "up")),
        "the clause cut at 'and' loses the shared verb",
    ),
    E(
        "Two-thirds of a percent was shaved off.",
        (_p("Two-thirds of a percent", 0.6667, "down"),),
        "fractions other than half/quarter",
    ),
]
