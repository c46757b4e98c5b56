"""Labelled quote examples (run by tests/test_quotes.py with no entity mentions, so the
speaker is checked as the text of its span: body_text[speaker_start:speaker_end]).

Each expected quote: quote_text, speaker (span text, None when none), quote_kind, cue.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class QuoteExample:
    text: str
    expected: tuple[tuple[str, str | None, str, str | None], ...]
    note: str = ""


E = QuoteExample

POSITIVE: list[QuoteExample] = [
    E(
        'Totoki put those rumors to bed: "Smartphones are connected to people\'s lives. And the '
        'opportunity is huge," Totoki said. "We\'re heading to the IoT era."',
        (
            ("Smartphones are connected to people's lives. And the opportunity is huge,",
             "Totoki", "direct", "said"),
            ("We're heading to the IoT era.", "Totoki", "direct", None),
        ),
        "sample 000: name + cue after, then the turn continues",
    ),
    E(
        '"We will never sell the business," said Kazuo Hirai, the company\'s chief executive.',
        (("We will never sell the business,", "Kazuo Hirai", "direct", "said"),),
        "cue before the name",
    ),
    E(
        '"It is significant," said Mr Blair. Following his visit, Mr. Bush said "we agree."',
        (
            ("It is significant,", "Mr Blair.", "direct", "said"),
            ("we agree.", "Mr. Bush", "partial", "said"),
        ),
        "the speaker's name stops at the full stop; a title's period does not end it",
    ),
    E(
        '"Prices will rise," Jane Smith, an analyst at Nomura, said on Monday.',
        (("Prices will rise,", "Jane Smith", "direct", "said"),),
        "appositive between name and cue",
    ),
    E(
        'Hirai explains that Sony has "decided to go on the offensive," and that it is ready.',
        (("decided to go on the offensive,", "Hirai", "partial", "explains"),),
        "sample 001: partial quote in reported speech",
    ),
    E(
        'Sony, however, did say that it will "soon unveil a new online product showcase."',
        (("soon unveil a new online product showcase.", "Sony", "partial", "say"),),
        "sample 003: organisation as speaker",
    ),
    E(
        'The chairman told reporters: "We have no plans to sell the unit."',
        (("We have no plans to sell the unit.", "The chairman", "direct", "told"),),
        "speaker and cue before a colon",
    ),
    E(
        'According to Mary Barra, "the plant will stay open for years."',
        (("the plant will stay open for years.", "Mary Barra", "partial", "according to"),),
    ),
    E(
        '"The deal is done," a spokesman for Toyota said.',
        (("The deal is done,", "a spokesman for Toyota", "direct", "said"),),
        "role noun descriptor",
    ),
    E(
        '\u201cWe like the candidates,\u201d Adelson said during the interview.',
        (("We like the candidates,", "Adelson", "direct", "said"),),
        "curly quotes",
    ),
    E(
        '"Jeb wants to be a tough guy tonight," Trump shot back.',
        (("Jeb wants to be a tough guy tonight,", "Trump", "direct", "shot back"),),
        "two-word cue",
    ),
    E(
        '"Russia, if you are listening, find the emails." Trump said.',
        (("Russia, if you are listening, find the emails.", "Trump", "direct", "said"),),
        "a period inside the quote, then a bare attribution",
    ),
    E(
        "Cruz continued:\n\n"
        '"You look at the questions. How about talking about the issues people care about?"',
        (("You look at the questions. How about talking about the issues people care about?",
          "Cruz", "direct", None),),
        "introduced by a paragraph ending in a colon",
    ),
    E(
        'Sales rose in a "good enough" market, and it sells a so-called "gaming phone".',
        (("good enough", None, "scare", None), ("gaming phone", None, "scare", None)),
        "sample 000/002: scare quotes",
    ),
    E(
        '"Growth is slowing.\n\n"But the outlook is fine," Lee said.',
        (("Growth is slowing.", "Lee", "direct", None),
         ("But the outlook is fine,", "Lee", "direct", "said")),
        "a quote over two paragraphs: the first is open and takes the next one's speaker",
    ),
    # Flattened paragraphs (no newlines, as in the Reuters corpus): one unbalanced mark must
    # not pair every later mark the wrong way round, nor run over the narrative.
    E(
        'The phone has a 5" screen. "Sales are strong," Lee said. Analysts expect more. '
        '"We see growth," Kim said.',
        (("Sales are strong,", "Lee", "direct", "said"),
         ("We see growth,", "Kim", "direct", "said")),
        "an inch mark opens nothing: the quotes after it still pair",
    ),
    E(
        '"Growth is slowing in Europe. "But the outlook is fine," Lee said.',
        (("Growth is slowing in Europe.", "Lee", "direct", None),
         ("But the outlook is fine,", "Lee", "direct", "said")),
        "flattened two-paragraph quote: a new opening mark ends the unclosed one",
    ),
    E(
        'Jones spoke on Monday. "We will expand in Asia. The company, which has 500 stores, '
        "said sales rose 5 percent. Shares fell 2 percent.",
        (("We will expand in Asia.", None, "direct", None),),
        "an unclosed quote ends before a sentence in the reporter's voice",
    ),
    E(
        'Lee said: "Demand is strong. Prices are firm. Margins are up. Revenue rose to $5 '
        "billion. Shares closed at $20.",
        (("Demand is strong. Prices are firm. Margins are up.", "Lee", "direct", "said"),),
        "an unclosed quote holds at most three sentences",
    ),
    E(
        '"The real concept is to host free content, Wales said. The company employs 38 people.',
        (("The real concept is to host free content", "Wales", "direct", "said"),),
        "a forgotten closing mark before the attribution: the quote ends at its comma",
    ),
    E(
        '"They want to know about \'Clinton,\' " said Bree Maxwell, a volunteer.',
        (("They want to know about 'Clinton,' ", "Bree Maxwell", "direct", "said"),),
        "a closing mark between spaces, after a nested quote",
    ),
    E(
        'Ryan said,"Look, they have no place here."',
        (("Look, they have no place here.", "Ryan", "direct", "said"),),
        "an opening mark right after a comma",
    ),
    E(
        'Analysts said the deal may "make others think about buying. Shares fell on Monday.',
        (("make others think about buying.", "Analysts", "partial", "said"),),
        "an unclosed partial quote ends with its sentence",
    ),
]  # fmt: skip

NEGATIVE: list[QuoteExample] = [
    E("Sony said profits rose 10 percent in the quarter.", (), "reported speech, no marks"),
    E("The company's shares rose 3 percent on Monday.", ()),
    E('The TV has a 42" screen and sells for $500.', (), "an inch mark is no quote"),
    E('Prices rose " sharply " on Monday.', (), "marks between spaces open nothing"),
]

KNOWN_FAILURES: list[QuoteExample] = [
    E(
        'Washington, star of television\'s "Scandal," thanked Obama for "taking these steps to '
        'make us all safer."',
        (
            ("Scandal,", None, "scare", None),
            ("taking these steps to make us all safer.", "Washington", "partial", "thanked"),
        ),
        "a title of a work inside the appositive breaks the subject rule",
    ),
    E(
        'Rubio also bemoaned the climate in which people "literally hate each other" today.',
        (("literally hate each other", "Rubio", "partial", "bemoaned"),),
        "short partial quote with a cue outside the list reads as a scare quote",
    ),
    E(
        '""You don\'t win the nomination," Rubio responded.',
        (("You don't win the nomination,", "Rubio", "direct", "responded"),),
        "a doubled opening mark opens nothing",
    ),
    E(
        'Lee said: "One thing is clear. Demand is strong. Prices are firm. Margins will rise. '
        '"We are confident," he added.',
        (
            (
                "One thing is clear. Demand is strong. Prices are firm. Margins will rise.",
                "Lee",
                "direct",
                "said",
            ),
            ("We are confident,", "Lee", "direct", "added"),
        ),
        "an unclosed quote of four sentences, re-opened after: cut at three",
    ),
    E(
        '"We will grow. Voting begins on Monday and ends in January.',
        (("We will grow.", None, "direct", None),),
        "narrative with no reporting verb, name or ticker reads as the quote going on",
    ),
]
