"""Labelled examples for the date kind (see tests/test_fact_corpora.py).

Expected dicts name surface, unit (the TIMEX3-style value), date_granularity and value_date;
durations are fact_type "quantity" and are not listed here (the corpus test checks one
fact_type per kind); tests/test_facts_date.py covers them.
"""

from __future__ import annotations

from transforms.facts.common import FactExample

P = "2015-08-03"  # a Monday; the samples' publication date


def _d(surface: str, unit: str, granularity: str, value_date: str | None) -> dict[str, object]:
    return {
        "surface": surface,
        "unit": unit,
        "date_granularity": granularity,
        "value_date": value_date,
    }


def _ex(
    text: str, *expected: dict[str, object], note: str = "", published: str | None = P
) -> FactExample:
    return FactExample(text=text, expected=tuple(expected), note=note, published=published)


POSITIVE: list[FactExample] = [
    # From the samples.
    _ex(
        "Sony's online store will close up shop starting Aug. 28.",
        _d("Aug. 28", "2015-08-28", "day", "2015-08-28"),
        note="sample un-yeared day",
    ),
    _ex(
        "The sale ends at 4 p.m. Eastern Time.",
        _d("4 p.m. Eastern Time", "2015-08-03T16:00", "time", "2015-08-03"),
        note="sample time, publication day",
    ),
    _ex(
        "The stream starts at 1 p.m. Pacific Time on Aug. 28.",
        _d("1 p.m. Pacific Time", "2015-08-28T13:00", "time", "2015-08-28"),
        _d("Aug. 28", "2015-08-28", "day", "2015-08-28"),
        note="time on the sentence's day",
    ),
    _ex(
        "In January sources told Reuters that the company was mulling a sale.",
        _d("January", "2015-01", "month", "2015-01-01"),
        note="sample in January",
    ),
    _ex(
        "They said last year that they want a complete break.",
        _d("last year", "2014", "year", "2014-01-01"),
        note="sample last year",
    ),
    _ex(
        "Barely two months ago, Sony said it would keep the unit.",
        _d("Barely two months ago", "2015-06", "month", "2015-06-01"),
        note="sample ago",
    ),
    _ex(
        "The company intends to announce a doubling of its handset sales "
        "for the year ending in March.",
        _d("the year ending in March", "2016-03", "month", "2016-03-01"),
        note="sample fiscal year end",
    ),
    _ex(
        "It plans a really big launch of its other products in US in 2015.",
        _d("2015", "2015", "year", "2015-01-01"),
        note="sample in 2015",
    ),
    _ex(
        "2014 is shaping up to be a good year for Sony.",
        _d("2014", "2014", "year", "2014-01-01"),
        note="year as subject",
    ),
    # Full dates.
    _ex(
        "The deal closed on 2015-08-28.",
        _d("2015-08-28", "2015-08-28", "day", "2015-08-28"),
        note="ISO",
    ),
    _ex(
        "The deal closed on August 28, 2015.",
        _d("August 28, 2015", "2015-08-28", "day", "2015-08-28"),
        note="Month d, yyyy",
    ),
    _ex(
        "The deal closed on 28 August 2015.",
        _d("28 August 2015", "2015-08-28", "day", "2015-08-28"),
        note="d Month yyyy",
    ),
    _ex(
        "The phone ships Aug 28th.",
        _d("Aug 28th", "2015-08-28", "day", "2015-08-28"),
        note="ordinal day",
    ),
    _ex(
        "It was launched in March 2014.",
        _d("March 2014", "2014-03", "month", "2014-03-01"),
        note="Month yyyy",
    ),
    _ex(
        "It filed on Friday, Aug. 28, 2015, in Delaware.",
        _d("Friday, Aug. 28, 2015", "2015-08-28", "day", "2015-08-28"),
        note="weekday prefix",
    ),
    _ex(
        "Results are due on 8/28/2015.",
        _d("8/28/2015", "2015-08-28", "day", "2015-08-28"),
        note="US numeric",
    ),
    _ex(
        "The merger was approved Dec. 15.",
        _d("Dec. 15", "2014-12-15", "day", "2014-12-15"),
        note="un-yeared day months ahead is last year",
    ),
    _ex(
        "The merger will be completed by Dec. 15.",
        _d("Dec. 15", "2015-12-15", "day", "2015-12-15"),
        note="future cue keeps this year",
    ),
    _ex(
        "The offer expired on the 3rd of July.",
        _d("3rd of July", "2015-07-03", "day", "2015-07-03"),
        note="ordinal of month",
    ),
    _ex(
        "Sales rose in May, the company said.",
        _d("May", "2015-05", "month", "2015-05-01"),
        note="May after a preposition",
    ),
    _ex(
        "Prices peaked in early March.",
        _d("early March", "2015-03", "month", "2015-03-01"),
        note="modifier month",
    ),
    _ex(
        "The product will launch in February.",
        _d("February", "2016-02", "month", "2016-02-01"),
        note="future month",
    ),
    _ex(
        "Shipments rose last April.",
        _d("last April", "2015-04", "month", "2015-04-01"),
        note="last Month: the latest April",
    ),
    # Years, decades.
    _ex(
        "The firm has been profitable since 2008.",
        _d("2008", "2008", "year", "2008-01-01"),
        note="since year",
    ),
    _ex(
        "Sony's 2014 results were weak.",
        _d("2014", "2014", "year", "2014-01-01"),
        note="year after a possessive",
    ),
    _ex(
        "The target for 2016 is 80 million units.",
        _d("2016", "2016", "year", "2016-01-01"),
        note="for year",
    ),
    _ex(
        "Profit should recover by mid-2016.",
        _d("mid-2016", "2016", "year", "2016-01-01"),
        note="mid-year",
    ),
    _ex(
        "The plant opened in early 2014.",
        _d("early 2014", "2014", "year", "2014-01-01"),
        note="early year",
    ),
    _ex(
        "It reported results for fiscal 2015.",
        _d("fiscal 2015", "2015", "year", "2015-01-01"),
        note="fiscal year",
    ),
    _ex(
        "Prices have not been this low since the 1990s.",
        _d("the 1990s", "199", "decade", "1990-01-01"),
        note="decade",
    ),
    _ex(
        "A decade ago the company made TVs.",
        _d("A decade ago", "2005", "year", "2005-01-01"),
        note="a decade ago",
    ),
    # Relative to publication.
    _ex(
        "The shares fell yesterday.",
        _d("yesterday", "2015-08-02", "day", "2015-08-02"),
        note="yesterday",
    ),
    _ex("The shares fell today.", _d("today", "2015-08-03", "day", "2015-08-03"), note="today"),
    _ex(
        "The board meets tomorrow.",
        _d("tomorrow", "2015-08-04", "day", "2015-08-04"),
        note="tomorrow",
    ),
    _ex(
        "Sony said on Thursday it would cut jobs.",
        _d("Thursday", "2015-07-30", "day", "2015-07-30"),
        note="on weekday: the most recent",
    ),
    _ex(
        "Sony said Monday it would cut jobs.",
        _d("Monday", "2015-08-03", "day", "2015-08-03"),
        note="weekday = publication day",
    ),
    _ex(
        "The vote will take place next Tuesday.",
        _d("next Tuesday", "2015-08-04", "day", "2015-08-04"),
        note="next weekday",
    ),
    _ex(
        "The stores will close next month.",
        _d("next month", "2015-09", "month", "2015-09-01"),
        note="next month",
    ),
    _ex(
        "Talks resumed this week.",
        _d("this week", "2015-W32", "week", "2015-08-03"),
        note="this week",
    ),
    _ex(
        "Talks collapsed last week.",
        _d("last week", "2015-W31", "week", "2015-07-27"),
        note="last week",
    ),
    _ex(
        "The CEO resigned earlier this month.",
        _d("earlier this month", "2015-08", "month", "2015-08-01"),
        note="earlier this month",
    ),
    _ex(
        "The chain was sold late last year.",
        _d("late last year", "2014", "year", "2014-01-01"),
        note="late last year",
    ),
    _ex(
        "Sales will double next year.",
        _d("next year", "2016", "year", "2016-01-01"),
        note="next year",
    ),
    _ex(
        "Three weeks ago the stock hit a high.",
        _d("Three weeks ago", "2015-W29", "week", "2015-07-13"),
        note="weeks ago",
    ),
    _ex(
        "Ten days ago it filed a suit.",
        _d("Ten days ago", "2015-07-24", "day", "2015-07-24"),
        note="days ago",
    ),
    # Quarters and halves.
    _ex(
        "Sales in the fourth quarter rose 5%.",
        _d("the fourth quarter", "2014-Q4", "quarter", "2014-10-01"),
        note="ordinal quarter: latest begun",
    ),
    _ex(
        "Its third-quarter profit fell.",
        _d("third-quarter", "2015-Q3", "quarter", "2015-07-01"),
        note="adjective quarter",
    ),
    _ex(
        "Revenue in Q4 2014 was flat.",
        _d("Q4 2014", "2014-Q4", "quarter", "2014-10-01"),
        note="Qn yyyy",
    ),
    _ex(
        "Profit fell in the quarter.",
        _d("the quarter", "2015-Q2", "quarter", "2015-04-01"),
        note="the quarter = last completed",
    ),
    _ex(
        "It expects growth in the next quarter.",
        _d("the next quarter", "2015-Q4", "quarter", "2015-10-01"),
        note="next quarter",
    ),
    _ex(
        "Losses narrowed in the first quarter of 2015.",
        _d("the first quarter of 2015", "2015-Q1", "quarter", "2015-01-01"),
        note="quarter of year",
    ),
    _ex(
        "Net income rose in the second quarter from $5 million a year earlier.",
        _d("the second quarter", "2015-Q2", "quarter", "2015-04-01"),
        _d("a year earlier", "2014-Q2", "quarter", "2014-04-01"),
        note="a year earlier = year-ago quarter",
    ),
    _ex(
        "Net rose in the third quarter. The latest period included a gain; "
        "the same period last year had none.",
        _d("the third quarter", "2015-Q3", "quarter", "2015-07-01"),
        _d("The latest period", "2015-Q3", "quarter", "2015-07-01"),
        _d("the same period last year", "2014-Q3", "quarter", "2014-07-01"),
        note="earnings periods name the nearby quarter",
    ),
    _ex(
        "Net fell in the second quarter, against a gain in the 2014 period.",
        _d("the second quarter", "2015-Q2", "quarter", "2015-04-01"),
        _d("the 2014 period", "2014-Q2", "quarter", "2014-04-01"),
        note="the yyyy period = that quarter of yyyy",
    ),
    _ex(
        "Sales rose in the first half.",
        _d("the first half", "2015-H1", "half", "2015-01-01"),
        note="first half",
    ),
    _ex("Sales rose in H1 2015.", _d("H1 2015", "2015-H1", "half", "2015-01-01"), note="H1 yyyy"),
    # References.
    _ex(
        "The company is now the 10th-largest vendor.",
        _d("now", "PRESENT_REF", "ref", None),
        note="now",
    ),
    _ex(
        "Sony recently cut its forecast.", _d("recently", "PAST_REF", "ref", None), note="recently"
    ),
    _ex("A decision is expected soon.", _d("soon", "FUTURE_REF", "ref", None), note="soon"),
    _ex(
        "Current market conditions are weak.",
        _d("Current", "PRESENT_REF", "ref", None),
        note="current before a noun: the present",
    ),
    _ex(
        "The unit may be listed in the near future.",
        _d("the near future", "FUTURE_REF", "ref", None),
        note="the near future",
    ),
    _ex(
        "Margins will stay thin in the near term.",
        _d("the near term", "FUTURE_REF", "ref", None),
        note="the near term",
    ),
    _ex(
        "Qantas plans daily flights between Sydney and Bombay.",
        _d("daily", "P1D", "set", None),
        note="frequency: a TIMEX3 set",
    ),
    _ex(
        "The index is rebalanced every quarter.",
        _d("every quarter", "P1Q", "set", None),
        note="every + unit: a set",
    ),
    _ex(
        "Thousands of people protest each week.",
        _d("each week", "P1W", "set", None),
        note="each + unit: a set",
    ),
    _ex(
        "It was the worst crash of the 20th century.",
        _d("the 20th century", "19", "century", "1900-01-01"),
        note="century: its first two digits",
    ),
    _ex(
        "Rates have not been this low since the nineties.",
        _d("the nineties", "199", "decade", "1990-01-01"),
        note="spelled decade",
    ),
    # Without a publication date.
    _ex(
        "The store closes Aug. 28.",
        _d("Aug. 28", "XXXX-08-28", "day", None),
        note="no published: year open",
        published=None,
    ),
    _ex(
        "Sales fell last year.",
        _d("last year", "PAST_REF", "ref", None),
        note="no published: relative -> ref",
        published=None,
    ),
    _ex(
        "Sales rose in the fourth quarter.",
        _d("the fourth quarter", "XXXX-Q4", "quarter", None),
        note="no published: quarter",
        published=None,
    ),
    _ex(
        "Sales rose in 2013.",
        _d("2013", "2013", "year", "2013-01-01"),
        note="no published: absolute year",
        published=None,
    ),
    # Version 2: spelled-out years, seasons, parts of day, weekends, holidays, year periods.
    _ex(
        "The law was passed in nineteen ninety-six.",
        _d("nineteen ninety-six", "1996", "year", "1996-01-01"),
        note="spelled-out year",
    ),
    _ex(
        "January nineteen ninety-seven brought another bombing.",
        _d("January nineteen ninety-seven", "1997-01", "month", "1997-01-01"),
        note="month and spelled-out year",
    ),
    _ex(
        "The plan was to halve unemployment by the year two thousand.",
        _d("the year two thousand", "2000", "year", "2000-01-01"),
        note="the year two thousand",
    ),
    _ex(
        "Sales slowed this spring.",
        _d("this spring", "2015-SP", "season", "2015-03-01"),
        note="this + season",
    ),
    _ex(
        "Hiring surged last fall, the report said.",
        _d("last fall", "2014-FA", "season", "2014-09-01"),
        note="last fall is the latest completed fall",
    ),
    _ex(
        "Demand held up well into the summer.",
        _d("the summer", "2015-SU", "season", "2015-06-01"),
        note="the summer after a preposition",
    ),
    _ex(
        "Prices fell in the winter of 1994.",
        _d("the winter of 1994", "1994-WI", "season", "1994-12-01"),
        note="season of a year",
    ),
    _ex(
        "Albright headed to Africa Tuesday morning.",
        _d("Tuesday morning", "2015-07-28TMO", "time", "2015-07-28"),
        note="weekday + part of day",
    ),
    _ex(
        "CBS first reported the find last night.",
        _d("last night", "2015-08-02TNI", "time", "2015-08-02"),
        note="last night is yesterday's",
    ),
    _ex(
        "The president will speak tonight.",
        _d("tonight", "2015-08-03TNI", "time", "2015-08-03"),
        note="tonight",
    ),
    _ex(
        "Pentagon officials confirmed the move over the weekend.",
        _d("the weekend", "2015-W31-WE", "week", "2015-07-27"),
        note="the weekend just past (published on a Monday)",
    ),
    _ex(
        "The boy was found on Thanksgiving Day.",
        _d("Thanksgiving Day", "2014-11-27", "day", "2014-11-27"),
        note="Thanksgiving: fourth Thursday of November",
    ),
    _ex(
        "Sales for the full year rose 13%.",
        _d("the full year", "2015", "year", "2015-01-01"),
        note="the full year is the current one",
    ),
    _ex(
        "The deal should close by year-end.",
        _d("year-end", "2015", "year", "2015-01-01"),
        note="year-end",
    ),
    _ex(
        "The index is up 4% since year-end.",
        _d("year-end", "2014", "year", "2014-01-01"),
        note="since year-end: last year's end",
    ),
    _ex(
        "In July last year the talks collapsed.",
        _d("July last year", "2014-07", "month", "2014-07-01"),
        note="month + last year",
    ),
    _ex(
        "The doctor was shot last Oct. 23 at his home.",
        _d("last Oct. 23", "2014-10-23", "day", "2014-10-23"),
        note="last + month day is before publication",
    ),
    _ex(
        "He quit as chief executive in March.",
        _d("March", "2015-03", "month", "2015-03-01"),
        published="2015-11-02",
        note="bare month up to 9 months back is this year's",
    ),
    _ex(
        "The group could arrive as soon as Tuesday.",
        _d("Tuesday", "2015-08-04", "day", "2015-08-04"),
        note="as soon as: future cue",
    ),
    # TempEval-3-driven rules (v5).
    _ex(
        "The stock market closed Wednesday, ahead of results that are expected soon.",
        _d("Wednesday", "2015-07-29", "day", "2015-07-29"),
        _d("soon", "FUTURE_REF", "ref", None),
        note="past-tense verb right before a weekday outweighs an earlier future cue",
    ),
    _ex(
        "It must repay the bridge loan by February.",
        _d("February", "2016-02", "month", "2016-02-01"),
        note="by + month: a deadline ahead of publication",
    ),
    _ex(
        "Sales have been weak this year through August.",
        _d("this year", "2015", "year", "2015-01-01"),
        _d("August", "2015-08", "month", "2015-08-01"),
        note="this year through August: the calendar year so far, not a fiscal year",
    ),
    _ex(
        "The fund signed a June agreement and the March accession followed.",
        _d("June", "2015-06", "month", "2015-06-01"),
        _d("March", "2015-03", "month", "2015-03-01"),
        note="a month after a determiner",
    ),
    _ex(
        "It sold bonds due 2019 in 1994, 1995 and 1997.",
        _d("2019", "2019", "year", "2019-01-01"),
        _d("1994", "1994", "year", "1994-01-01"),
        _d("1995", "1995", "year", "1995-01-01"),
        _d("1997", "1997", "year", "1997-01-01"),
        note="due + year; a year listed after another year",
    ),
    _ex(
        "The post-1959 politics split families.",
        _d("1959", "1959", "year", "1959-01-01"),
        note="post-YEAR",
    ),
    _ex(
        "The hearing was held the week of March 6.",
        _d("the week of March 6", "2015-W10", "week", "2015-03-02"),
        note="the week of a day",
    ),
    _ex(
        "For the week, the index dropped 3.8%, the week's biggest fall.",
        _d("the week", "2015-W32", "week", "2015-08-03"),
        _d("the week", "2015-W32", "week", "2015-08-03"),
        note="market report on the current week",
    ),
    _ex(
        "He will campaign from now to Election Day.",
        _d("now", "PRESENT_REF", "ref", None),
        _d("Election Day", "2015-11-03", "day", "2015-11-03"),
        note="US Election Day: the Tuesday after the first Monday of November",
    ),
    _ex(
        "By mid-afternoon the shares were up; they fell at midday.",
        _d("mid-afternoon", "2015-08-03TAF", "time", "2015-08-03"),
        _d("midday", "2015-08-03T12:00", "time", "2015-08-03"),
        note="mid-afternoon and midday on the publication day",
    ),
    _ex(
        "At mid-morning yesterday the shares were up.",
        _d("mid-morning yesterday", "2015-08-02TMO", "time", "2015-08-02"),
        note="part of a relative day",
    ),
    _ex(
        "The meetings are held annually.",
        _d("annually", "P1Y", "set", None),
        note="annually: a frequency",
    ),
]

NEGATIVE: list[FactExample] = [
    _ex("The current account deficit widened.", note="current account: no reference word"),
    _ex("The current was too strong for swimmers.", note="current as a noun"),
    _ex("Shares rose soon after the announcement.", note="soon after X: relative to an event"),
    _ex("He left shortly before the vote.", note="shortly before X: relative to an event"),
    _ex("The future of the plant is unclear.", note="the future of X: a noun"),
    _ex(
        "The latest period of his art was dark.",
        note="the latest period without a quarter nearby: no date",
    ),
    _ex("She is in her forties.", note="an age, not a decade (no 'the')"),
    _ex("Each of the days was different.", note="each of: no frequency"),
    _ex("It sold 2,015 units in the region.", note="comma number"),
    _ex("It sold 2015 units in the region.", note="year-shaped count"),
    _ex("The service runs 24/7.", note="24/7"),
    _ex("The laptop runs Windows 10.", note="product version"),
    _ex("Version 2.1.3 fixes the bug.", note="version number"),
    _ex("Prices may rise further.", note="may as a verb"),
    _ex("May sales rose sharply.", note="sentence-initial May without context is not taken"),
    _ex("Theresa May spoke to reporters.", note="May as a name"),
    _ex("Protesters staged a march on the capital.", note="march as a noun"),
    _ex("They will March on the capital.", note="March after will"),
    _ex("Sony is the 10th-largest phone vendor.", note="ordinal rank"),
    _ex("The company paid $2,000 for it.", note="money"),
    _ex("The stock rose 20 percent.", note="percent"),
    _ex("A 57-year-old man was arrested.", note="age"),
    _ex("About 2000 people attended.", note="approximate count"),
    _ex("Shoppers lined up on Black Friday.", note="holiday name is not a weekday"),
    _ex("The score was 3:30 at halftime.", note="clock-like without zone"),
    _ex("Call 555-1234 for details.", note="phone number"),
    _ex("The model number is 1999X.", note="code"),
    _ex("The figures are in table 12.", note="plain number"),
    _ex("The kit costs $5 a year.", note="rate, not a date"),
    _ex("Her name is June Carter.", note="June as a name"),
    _ex("Prices fall when supply rises.", note="fall as a verb"),
    _ex("The fall of the Berlin Wall changed Europe.", note="the fall of: a noun"),
    _ex("The spring in the mattress broke.", note="spring as a noun"),
    _ex("He worked the night shift.", note="night without a day word"),
    _ex("Sales have risen in recent months.", note="vague duration: a quantity, not a date"),
    _ex("It was the year before the merger.", note="the year before: anaphoric, not taken"),
    _ex("The May government fell.", note="the May: a name, not the month"),
    _ex("He previously held the post.", note="previously: no time reference"),
    _ex("The week was long.", note="the week without for/during or 's"),
]

KNOWN_FAILURES: list[FactExample] = [
    _ex(
        "The board met on the twenty-eighth of August.",
        _d("the twenty-eighth of August", "2015-08-28", "day", "2015-08-28"),
        note="spelled-out ordinal day",
    ),
    _ex(
        "The agency said Wednesday it would study the matter on Friday.",
        _d("Wednesday", "2015-07-29", "day", "2015-07-29"),
        _d("Friday", "2015-08-07", "day", "2015-08-07"),
        note="future weekday after a past one: 'would' is no future cue",
    ),
]
