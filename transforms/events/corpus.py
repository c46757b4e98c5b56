"""Labelled event examples (run by tests/test_events.py through the whole path: normalise,
split sentences, extract facts, extract events).

An example passes when the events found in its text are exactly the expected ones (same
event types, in text order) and every key an expectation names has the expected value:
``event_type``, ``status``, ``value_date`` (YYYY-MM-DD), ``evidence`` (a substring of the
event's surface), ``subject`` (canonical name: checked only when entity mentions are
available). An empty ``expected`` means: no event at all.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EventExample:
    text: str
    expected: tuple[dict[str, object], ...]
    note: str = ""
    published: str | None = None


def _e(event_type: str, status: str = "reported", **extra: object) -> dict[str, object]:
    return {"event_type": event_type, "status": status, **extra}


E = EventExample

POSITIVE: list[EventExample] = [
    # --- the four sample articles ------------------------------------------------------
    E(
        "The company intends to announce a doubling of its handset sales for the year ending "
        "in March, and to hit the 80-million-units annual mark in 2015.",
        (_e("sales_target", "target", value_date="2015-01-01"),),
        "sample: sales target",
    ),
    E(
        "Its mobile business consisting of smartphones and tablets has taken a revenue dip by "
        "16.3 percent to 270.5 billion yen, or around $2.27 billion.",
        (_e("revenue_report", "reported", evidence="16.3 percent to 270.5 billion yen"),),
        "sample: revenue report",
    ),
    E(
        "Sony has announced that its online store, found on store.sony.com, will close up "
        "shop starting Aug. 28.",
        (_e("store_closure", "planned", value_date="2014-08-28", subject="Sony"),),
        "sample: store closure",
        published="2014-07-31",
    ),
    E(
        "Sony flip-flops on smartphone strategy: focus now on US and China.",
        (_e("market_focus"),),
        "sample: market focus",
    ),
    E(
        "Hirai is now full-steam-ahead about Sony's expansion in the US and China.",
        (_e("market_entry"),),
        "sample: expansion",
    ),
    E(
        "Sony will reportedly put “money and people” into the US and Chinese market to "
        "achieve that goal.",
        (_e("market_focus", "rumored"),),
        "sample: reportedly",
    ),
    E(
        "Sony said last year that it's not going to focus on the US market for a while.",
        (_e("market_focus", "denied"),),
        "sample: not going to focus",
    ),
    E(
        "Sony Mobile President and CEO Hiroki Totoki countered rumors that the company might "
        "sell off its phone business.",
        (_e("divestiture_rumor", "denied"),),
        "sample: countered rumors",
    ),
    E(
        "In January sources told Reuters that the company was mulling a sale or joint venture "
        "for its phone operations.",
        (_e("divestiture_rumor", "rumored"), _e("partnership", "rumored")),
        "sample: mulling a sale",
    ),
    E(
        "“In that sense we will never ever sell or exit from the current mobile business,” "
        "Totoki said.",
        (_e("divestiture_rumor", "denied"), _e("market_exit", "denied")),
        "sample: never ever sell",
    ),
    E(
        "That would certainly fit with what we saw at CES, like the introduction of the Z1S "
        "as a T-Mobile exclusive.",
        (_e("exclusive_deal"), _e("product_launch")),
        "sample: T-Mobile exclusive",
    ),
    E(
        "Sony says it will be refocusing its efforts on select few devices that it deems "
        "profitable, while making deep cuts in manpower and asset sales.",
        (_e("layoffs", "planned"), _e("restructuring", "planned")),
        "sample: restructuring",
    ),
    E(
        "Sony is the 10th-largest phone vendor according to Gartner.",
        (_e("ranking"),),
        "sample: ranking",
    ),
    E(
        "The company has launched a few smartwatches and a fitness band.",
        (_e("product_launch", "reported"),),
        "sample: launched",
    ),
    E(
        "In the future, Sony could also launch new product lines.",
        (_e("product_launch", "planned"),),
        "sample: could launch is planned",
    ),
    E(
        "Don't expect Sony to give up on smartphones like it did with PCs last year.",
        (_e("market_exit", "denied"),),
        "sample: don't expect ... give up",
    ),
    # --- beyond the samples -----------------------------------------------------------
    E(
        "Google agreed to buy Motorola Mobility for $12.5 billion.",
        (_e("acquisition", subject="Google"),),
        "agreed to buy",
    ),
    E("Oracle completed its acquisition of Sun Microsystems.", (_e("acquisition"),)),
    E(
        "Toshiba plans to acquire a majority stake in the chipmaker.",
        (_e("acquisition", "planned"),),
        "plans to acquire",
    ),
    E("US Airways and American Airlines agreed to merge.", (_e("merger"),)),
    E(
        "Sony sold its PC business to Japan Industrial Partners.",
        (_e("divestiture", "reported"),),
        "sold its business",
    ),
    E("Siemens will spin off its lighting unit next year.", (_e("divestiture", "planned"),)),
    E(
        "Barclays is exploring a sale of its asset management business, people familiar "
        "with the matter said.",
        (_e("divestiture_rumor", "rumored"),),
        "sources after the trigger",
    ),
    E(
        "The company denied reports that it would sell its stake in the venture.",
        (_e("divestiture_rumor", "denied"),),
    ),
    E(
        "Sony and Olympus formed a joint venture to make medical equipment.",
        (_e("partnership"),),
    ),
    E("Nokia teamed up with Microsoft on Windows phones.", (_e("partnership"),)),
    E(
        "Apple signed an exclusive agreement with AT&T to sell the iPhone.",
        (_e("exclusive_deal"),),
    ),
    E("Boeing won a $30 billion order from Emirates.", (_e("contract_award"),)),
    E(
        "Facebook priced its initial public offering at $38 a share.",
        (_e("ipo"),),
    ),
    E(
        "Kodak filed for Chapter 11 bankruptcy protection in January 2012.",
        (_e("bankruptcy", value_date="2012-01-01"),),
    ),
    E(
        "The bank raised its quarterly dividend to 25 cents a share.",
        (_e("dividend"),),
    ),
    E("Microsoft announced a $40 billion share buyback.", (_e("share_buyback"),)),
    E(
        "Toyota posted a net profit of 1.2 trillion yen for the quarter.",
        (_e("earnings_report"),),
    ),
    E(
        "Apple raised its full-year revenue forecast.",
        (_e("guidance"),),
    ),
    E("Nokia issued a profit warning on Thursday.", (_e("profit_warning"),)),
    E(
        "The retailer cut its full-year outlook after weak holiday sales.",
        (_e("profit_warning"),),
    ),
    E(
        "Samsung unveiled the Galaxy S5 in Barcelona.",
        (_e("product_launch"),),
    ),
    E(
        "Starbucks plans to enter the Indian market next year.",
        (_e("market_entry", "planned"),),
    ),
    E(
        "Tesco will withdraw from the US market after years of losses.",
        (_e("market_exit", "planned"),),
    ),
    E(
        "The retailer will close 50 stores by the end of the year.",
        (_e("store_closure", "planned"),),
    ),
    E("Apple opened its first store in Brazil.", (_e("store_opening"),)),
    E(
        "GM will close its Holden plant in 2017.",
        (_e("plant_closure", "planned", value_date="2017-01-01"),),
    ),
    E(
        "The group announced a sweeping restructuring of its European operations.",
        (_e("restructuring"),),
    ),
    E("Hewlett-Packard will cut 27,000 jobs.", (_e("layoffs", "planned"),)),
    E("The automaker laid off 2,000 workers in Detroit.", (_e("layoffs"),)),
    E("Netflix raised its prices for new subscribers.", (_e("price_change"),)),
    E(
        "The board appointed John Smith as chief executive officer.",
        (_e("executive_change"),),
    ),
    E(
        "The chairman resigned after the accounting scandal.",
        (_e("executive_change"),),
    ),
    E("Apple sued Samsung for patent infringement.", (_e("lawsuit", subject="Apple"),)),
    E(
        "The European Commission fined Intel 1.06 billion euros.",
        (_e("regulatory_fine"),),
    ),
    E(
        "The SEC opened an investigation into the bank's trading.",
        (_e("investigation"),),
    ),
    E(
        "Intel will invest $7 billion in a new factory.",
        (_e("investment", "planned"),),
        "an investment figure",
    ),
    E(
        "The company aims to sell 10 million tablets next year.",
        (_e("sales_target", "target"),),
        "a sales figure as a goal",
    ),
    E(
        "Revenue rose 12 percent to $4.5 billion.",
        (_e("revenue_report"),),
        "revenue figure reported",
    ),
]

NEGATIVE: list[EventExample] = [
    E("The weather was mild in Tokyo on Tuesday.", (), "no business content"),
    E(
        "He told Reuters in an exclusive interview that the talks continue.",
        (),
        "an exclusive interview is not a deal",
    ),
    E(
        "The head of mergers and acquisitions at the bank spoke at the conference.",
        (),
        "M&A as a department",
    ),
    E("Oil prices rose sharply on Monday.", (), "a market price, not a company's price change"),
    E(
        "Analysts raised their price target on the stock.",
        (),
        "an analyst's price target is not a price change",
    ),
    E(
        "Giving up on the smartphone would mean losing a central control point.",
        (),
        "hypothetical",
    ),
    E("Sue Smith joined the panel.", (), "the name Sue"),
    E(
        "Sony has tried to sell its phones off-contract.",
        (),
        "selling products is not a divestiture",
    ),
    E(
        "The company held its quarterly earnings call on Tuesday.",
        (),
        "an earnings call is not itself a result",
    ),
    E(
        "About half of the kingdom's crude exports move to Asia.",
        (),
        "goods moving to a region are not a market entry",
    ),
    E(
        "Shares closed 2 percent higher in Tokyo.",
        (),
        "markets closing, not a store closure",
    ),
]

KNOWN_FAILURES: list[EventExample] = [
    E(
        "Microsoft to buy Nokia's phone unit.",
        (_e("acquisition", "planned"),),
        "headline 'to buy' with no verb before it",
    ),
    E(
        "The company said it was closing 20 of its stores, and it would also sell its "
        "trucking unit.",
        (_e("store_closure", "reported"), _e("divestiture", "planned")),
        "'closing 20 of its stores': the store noun is more than 3 words after the verb",
    ),
    E(
        "Walmart pulled the plug on its German operations.",
        (_e("market_exit"),),
        "idiom: 'pulled the plug on'",
    ),
]
