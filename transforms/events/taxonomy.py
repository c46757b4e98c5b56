"""The event taxonomy: every event type and status, each with its description for users.

This module is the ONE place the taxonomy is defined. The rules (``rules.py``) may only
produce the types and statuses listed here (a test checks it), and the user documentation is
rendered from here by ``taxonomy_markdown()``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EventType:
    name: str
    group: str
    description: str
    example: str


EVENT_TYPES: tuple[EventType, ...] = (
    # --- Results and outlook ------------------------------------------------------------
    EventType(
        "revenue_report",
        "results",
        "The company reports revenue or sales figures for a past period (a money or percent "
        "fact about revenue or sales).",
        "its mobile business has taken a revenue dip by 16.3 percent to 270.5 billion yen",
    ),
    EventType(
        "earnings_report",
        "results",
        "The company reports profit or loss: net income, operating profit, earnings per "
        "share, quarterly or annual results.",
        "Toyota posted a net profit of 1.2 trillion yen for the quarter.",
    ),
    EventType(
        "guidance",
        "results",
        "The company issues, raises or confirms a forecast of its own revenue, profit or "
        "sales (a lowered forecast is a profit_warning).",
        "Apple raised its full-year revenue forecast.",
    ),
    EventType(
        "profit_warning",
        "results",
        "The company warns that profit, sales or results will fall short, or lowers its "
        "forecast or outlook.",
        "Nokia cut its full-year outlook.",
    ),
    EventType(
        "sales_target",
        "results",
        "A goal the company sets for its unit sales, shipments or revenue (a figure stated "
        "as an aim, not a forecast).",
        "Sony aims to sell 80 million smartphones in 2015.",
    ),
    EventType(
        "ranking",
        "results",
        "The company's rank in its industry or a league table (a rank fact).",
        "Sony is the 10th-largest phone vendor according to Gartner.",
    ),
    # --- Capital and shareholders ---------------------------------------------------------
    EventType(
        "dividend",
        "capital",
        "A dividend is declared, raised, cut, suspended or paid.",
        "The bank raised its quarterly dividend to 25 cents a share.",
    ),
    EventType(
        "share_buyback",
        "capital",
        "The company buys back (repurchases) its own shares.",
        "Microsoft announced a $40 billion share buyback.",
    ),
    EventType(
        "ipo",
        "capital",
        "An initial public offering, stock market listing or debut.",
        "Alibaba filed for an initial public offering in New York.",
    ),
    EventType(
        "investment",
        "capital",
        "The company commits money to capital spending or an investment (a money fact about "
        "investment).",
        "Intel will invest $7 billion in a new factory.",
    ),
    EventType(
        "bankruptcy",
        "capital",
        "Bankruptcy, insolvency, Chapter 11, administration, receivership or liquidation.",
        "Kodak filed for Chapter 11 bankruptcy protection.",
    ),
    # --- Corporate transactions -----------------------------------------------------------
    EventType(
        "acquisition",
        "deals",
        "The company buys (or bids for) another company, a business or a stake in one.",
        "Google agreed to buy Motorola Mobility for $12.5 billion.",
    ),
    EventType(
        "merger",
        "deals",
        "Two companies combine into one.",
        "US Airways and American Airlines agreed to merge.",
    ),
    EventType(
        "divestiture",
        "deals",
        "The company sells, spins off or disposes of a business, unit, stake or assets "
        "(as a reported or planned fact).",
        "Sony sold its PC business to Japan Industrial Partners.",
    ),
    EventType(
        "divestiture_rumor",
        "deals",
        "A divestiture that is only rumoured, or a rumoured divestiture the company denies: "
        "the same triggers as divestiture, with status rumored or denied.",
        "Totoki countered rumors that the company might sell off its phone business.",
    ),
    EventType(
        "partnership",
        "deals",
        "A joint venture, alliance, partnership or collaboration with another company.",
        "Sony and Olympus formed a medical joint venture.",
    ),
    EventType(
        "exclusive_deal",
        "deals",
        "An exclusive agreement: a product sold only through one partner, exclusive rights "
        "or an exclusive supply or distribution deal.",
        "the introduction of the Z1S as a T-Mobile exclusive",
    ),
    EventType(
        "contract_award",
        "deals",
        "The company wins or is awarded a contract or a large order.",
        "Boeing won a $30 billion order from Emirates.",
    ),
    # --- Strategy and operations ----------------------------------------------------------
    EventType(
        "product_launch",
        "operations",
        "The company launches, unveils, introduces or rolls out a product or service.",
        "The company has launched a few smartwatches and a fitness band.",
    ),
    EventType(
        "market_entry",
        "operations",
        "The company enters, returns to or expands into a market or region.",
        "Hirai is now full-steam-ahead about Sony's expansion in the US and China.",
    ),
    EventType(
        "market_focus",
        "operations",
        "The company makes a market or region a priority: focuses on it, targets it or puts "
        "resources into it.",
        "Sony puts more resources into the U.S. and Chinese markets.",
    ),
    EventType(
        "market_exit",
        "operations",
        "The company leaves, withdraws from or gives up on a market, region or business.",
        "Don't expect Sony to give up on smartphones like it did with PCs last year.",
    ),
    EventType(
        "store_closure",
        "operations",
        "Stores, shops, branches, outlets or an online store close.",
        "Sony's online store will close up shop starting Aug. 28.",
    ),
    EventType(
        "store_opening",
        "operations",
        "The company opens new stores, shops, branches or outlets.",
        "Apple opened its first store in Brazil.",
    ),
    EventType(
        "plant_closure",
        "operations",
        "Plants, factories, mills, mines, refineries or other facilities close.",
        "GM will close its Holden plant in 2017.",
    ),
    EventType(
        "restructuring",
        "operations",
        "A restructuring, reorganisation, overhaul, cost-cutting programme, asset sales or "
        "refocusing of the business.",
        "Sony will be refocusing its efforts ... while making deep cuts in manpower and asset "
        "sales.",
    ),
    EventType(
        "layoffs",
        "operations",
        "Job cuts: layoffs, cutting jobs, workforce or headcount reductions.",
        "Sony is making deep cuts in manpower.",
    ),
    EventType(
        "price_change",
        "operations",
        "The company raises or cuts the prices of its products or services.",
        "Netflix raised its prices for new subscribers.",
    ),
    # --- People, law and regulation -------------------------------------------------------
    EventType(
        "executive_change",
        "people",
        "An executive or director is appointed, named, hired, resigns, steps down, retires "
        "or is ousted.",
        "Sony named Kazuo Hirai as its chief executive.",
    ),
    EventType(
        "lawsuit",
        "legal",
        "The company sues, is sued, or faces a lawsuit, class action or litigation.",
        "Apple sued Samsung for patent infringement.",
    ),
    EventType(
        "regulatory_fine",
        "legal",
        "A regulator or court fines the company, or it pays a penalty or settles charges.",
        "The EU fined Intel 1.06 billion euros.",
    ),
    EventType(
        "investigation",
        "legal",
        "Regulators, prosecutors or authorities investigate or probe the company.",
        "The SEC opened an investigation into the bank's trading.",
    ),
)

EVENT_TYPE_NAMES: tuple[str, ...] = tuple(t.name for t in EVENT_TYPES)

STATUSES: dict[str, str] = {
    "reported": "The text states the event as having happened or as a fact (the default).",
    "planned": "Announced, intended, scheduled or possible in the future ('will close', "
    "'plans to', 'could launch').",
    "target": "A goal with a figure: the event is an aim, not a result ('aims to sell 80 "
    "million units').",
    "rumored": "Unconfirmed: rumours, reports, unnamed sources, a company said to be 'mulling' it.",
    "denied": "The company denies it or the text says it will not happen ('countered rumors "
    "that ...', 'we will never ever sell', 'not going to focus on').",
}

GROUP_TITLES: dict[str, str] = {
    "results": "Results and outlook",
    "capital": "Capital and shareholders",
    "deals": "Corporate transactions",
    "operations": "Strategy and operations",
    "people": "People",
    "legal": "Law and regulation",
}


def taxonomy_markdown() -> str:
    """The taxonomy as a markdown section for the user documentation."""
    lines = [
        "## Event taxonomy",
        "",
        "Each row of `events` has one `event_type` and one `status`. The evidence span "
        "(`char_start`, `char_end`, `surface`) is the sentence that states the event, and "
        "`fact_ids` lists the facts (figures, dates, ranks) it rests on.",
        "",
    ]
    for group, title in GROUP_TITLES.items():
        lines += [f"### {title}", "", "| event_type | meaning | example |", "|---|---|---|"]
        for event in EVENT_TYPES:
            if event.group == group:
                lines.append(f"| `{event.name}` | {event.description} | {event.example} |")
        lines.append("")
    lines += ["### Statuses", "", "| status | meaning |", "|---|---|"]
    lines += [f"| `{name}` | {text} |" for name, text in STATUSES.items()]
    return "\n".join(lines) + "\n"
