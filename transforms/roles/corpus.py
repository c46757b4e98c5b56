"""Labelled role examples (run by tests/test_roles.py through normalise -> sentences -> roles).

Each example lists the roles its text states, in text order, as dicts of ROLES columns
(``person``, ``title``, ``org``, ``rule``) plus ``span``: the text of the whole role
expression. Names are compared as written (the corpus runs without entity mentions, so the
canonical name is the span's own text). An empty tuple means: no role in the text.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RoleExample:
    text: str
    expected: tuple[dict[str, object], ...]
    note: str = ""


def _r(person: str, title: str, org: str | None, **extra: object) -> dict[str, object]:
    return {"person": person, "title": title, "org": org, **extra}


E = RoleExample

POSITIVE: list[RoleExample] = [
    E(
        "Speaking with Arabian Business, Sony Mobile President and CEO Hiroki Totoki countered "
        "rumors that the company might sell off its phone business.",
        (
            _r(
                "Hiroki Totoki",
                "President and CEO",
                "Sony Mobile",
                rule="role.premodifier",
                span="Sony Mobile President and CEO Hiroki Totoki",
            ),
        ),
        "sample 000",
    ),
    E(
        "Barely two months ago we were hearing Sony CEO Kazuo Hirai (above) discuss his plans.",
        (_r("Kazuo Hirai", "CEO", "Sony", span="Sony CEO Kazuo Hirai"),),
        "sample 001",
    ),
    E(
        "Tim Cook, Apple's chief executive, said sales rose.",
        (
            _r(
                "Tim Cook",
                "chief executive",
                "Apple",
                rule="role.apposition",
                span="Tim Cook, Apple's chief executive",
            ),
        ),
        "apposition with possessive",
    ),
    E(
        "Tim Cook, chief executive of Apple, said sales rose.",
        (_r("Tim Cook", "chief executive", "Apple", span="Tim Cook, chief executive of Apple"),),
        "apposition with of",
    ),
    E(
        "Analysts met Tim Cook, the chief executive of Apple.",
        (_r("Tim Cook", "chief executive", "Apple"),),
        "apposition with article, at the end of the sentence",
    ),
    E(
        "Apple's chief executive, Tim Cook, said sales rose.",
        (_r("Tim Cook", "chief executive", "Apple", rule="role.premodifier"),),
        "possessive title, comma, name",
    ),
    E(
        "Apple chief executive Tim Cook said sales rose.",
        (_r("Tim Cook", "chief executive", "Apple", span="Apple chief executive Tim Cook"),),
    ),
    E(
        '"Demand is weak," said Jane Doe, an analyst at Gartner.',
        (_r("Jane Doe", "analyst", "Gartner", span="Jane Doe, an analyst at Gartner"),),
    ),
    E(
        "John Smith, a spokesman for Ford, declined to comment.",
        (_r("John Smith", "spokesman", "Ford"),),
    ),
    E(
        "Prime Minister Shinzo Abe said on Monday the tax would rise.",
        (_r("Shinzo Abe", "Prime Minister", None, span="Prime Minister Shinzo Abe"),),
        "title without organisation",
    ),
    E(
        "Japanese Prime Minister Shinzo Abe said the tax would rise.",
        (_r("Shinzo Abe", "Prime Minister", None, span="Prime Minister Shinzo Abe"),),
        "a nationality is not an organisation",
    ),
    E(
        "Federal Reserve Chairman Ben Bernanke said inflation was contained.",
        (_r("Ben Bernanke", "Chairman", "Federal Reserve"),),
    ),
    E(
        "Former Apple CEO John Sculley spoke at the event.",
        (_r("John Sculley", "Former CEO", "Apple", span="Former Apple CEO John Sculley"),),
        "former is kept in the title",
    ),
    E(
        "The board ousted former chief executive Jane Roe last year.",
        (_r("Jane Roe", "former chief executive", None),),
    ),
    E(
        "On Monday Sony CEO Kazuo Hirai said the company would cut jobs.",
        (_r("Kazuo Hirai", "CEO", "Sony", span="Sony CEO Kazuo Hirai"),),
        "sentence-start words are not part of the organisation",
    ),
    E(
        "U.S. Treasury Secretary Henry Paulson said the dollar was strong.",
        (_r("Henry Paulson", "Treasury Secretary", "U.S."),),
        "portfolio word belongs to the title; an abbreviation keeps its period",
    ),
    E(
        "Bank of Japan Governor Masaaki Shirakawa kept rates on hold.",
        (_r("Masaaki Shirakawa", "Governor", "Bank of Japan"),),
        "organisation with inner of",
    ),
    E(
        '"We are raising our target," UBS analyst Ben Schachter said in a note.',
        (_r("Ben Schachter", "analyst", "UBS"),),
        "acronym organisation",
    ),
    E(
        "Chief Executive Officer Alain Belda said he would continue the plan.",
        (_r("Alain Belda", "Chief Executive Officer", None),),
        "the longest title wins, not 'Chief Executive' + name 'Officer Alain Belda'",
    ),
    E(
        "Chief Development Officer Charles Giancarlo said on Tuesday the market was strong.",
        (_r("Charles Giancarlo", "Chief Development Officer", None),),
        "chief <anything> officer",
    ),
    E(
        "World Bank President Paul Wolfowitz resigned.",
        (_r("Paul Wolfowitz", "President", "World Bank"),),
        "a capitalised word before a capitalised head stays in the organisation unless a modifier",
    ),
    E(
        '"Sales will recover," said Kevin Reale, AMR Research analyst.',
        (_r("Kevin Reale", "analyst", "AMR Research"),),
        "capitalised word before a lower-case title belongs to the organisation",
    ),
    E(
        "Dan Bandi, chief investment officer for Integrity Asset Management in Ohio, said so.",
        (_r("Dan Bandi", "chief investment officer", "Integrity Asset Management"),),
    ),
    E(
        "Robert Froehlich, chief investment strategist at DWS Scudder, said a crimp was coming.",
        (_r("Robert Froehlich", "chief investment strategist", "DWS Scudder"),),
    ),
    E(
        "Chairman and Chief Executive Sam Duncan said on a call that sales rose.",
        (_r("Sam Duncan", "Chairman and Chief Executive", None),),
        "combined titles",
    ),
    E(
        "Richard Owen, Alaska production manager for Exxon Mobil, wrote the letter.",
        (_r("Richard Owen", "production manager", "Exxon Mobil"),),
        "the organisation after 'for' is the employer",
    ),
    E(
        "Democratic Sen. Herb Kohl of Wisconsin said he had sent a letter.",
        (_r("Herb Kohl", "Sen.", None),),
        "abbreviated title; party adjective is not an organisation",
    ),
    E(
        "Jose Manuel Barroso, president of the European Commission, spoke.",
        (_r("Jose Manuel Barroso", "president", "European Commission"),),
        "three-word name, 'of the'",
    ),
    E(
        "Chief Executive Manuel Perez de la Mesa said in a statement that margins rose.",
        (_r("Manuel Perez de la Mesa", "Chief Executive", None),),
        "name particles",
    ),
    E(
        "In a proposal, Yang Liu, managing director at Atlantis Investment Management, bought "
        "shares.",
        (_r("Yang Liu", "managing director", "Atlantis Investment Management"),),
    ),
    E(
        "Brian Hicks, co-manager of U.S. Global Investors, said so.",
        (_r("Brian Hicks", "co-manager", "U.S. Global Investors"),),
        "dotted acronym inside the organisation; a period inside a word ends nothing",
    ),
    E(
        '"Ties could hasten," said UBS Securities auto analyst Tatsuo Yoshida.',
        (_r("Tatsuo Yoshida", "auto analyst", "UBS Securities"),),
        "sector modifier before the title",
    ),
]

NEGATIVE: list[RoleExample] = [
    E(
        "Bush has changed his approach as he begins his second term as US President, Tony "
        "Blair has said.",
        (),
        "after a comma the name must close the apposition: here it starts a new clause",
    ),
    E("The chief executive said profits rose.", (), "a title with no name is not a role"),
    E("Analysts expect the president to resign.", (), "title word alone"),
    E(
        "The fund manager Fidelity Investments sold its stake.",
        (),
        "an organisation after a title is not a person",
    ),
    E(
        "Totoki put those rumors to bed, but for a somewhat surprising reason.",
        (),
        "a name alone is not a role",
    ),
    E(
        "Speaking with Arabian Business, the company countered rumors.",
        (),
        "a name and a comma are not an apposition",
    ),
    E(
        "The company's president said the plan was on track, head office staff said.",
        (),
        "'head' needs a name after it",
    ),
    E("He moved ahead Tim Cook said.", (), "a title word inside another word"),
    E(
        "The official Xinhua News Agency said growth slowed.",
        (),
        "'official' is a title only in an apposition",
    ),
    E("President Obama spoke.", (), "a one-word name needs a PERSON mention"),
    E(
        "Sony is the 10th-largest phone vendor according to Gartner, but the business is "
        "losing money.",
        (),
        "sample 000, no role in this sentence",
    ),
]

KNOWN_FAILURES: list[RoleExample] = [
    E(
        '"Sales will recover," said Jane Doe, a lead oil and gas analyst at Nomura.',
        (_r("Jane Doe", "lead oil and gas analyst", "Nomura"),),
        "free lower-case words inside a title are not read",
    ),
    E(
        "Tim Cook, who heads Apple, said sales rose.",
        (_r("Tim Cook", "head", "Apple"),),
        "verb roles ('who heads', 'who runs') are not read",
    ),
    E(
        "U.S. Securities and Exchange Commission Chairman Christopher Cox spoke.",
        (_r("Christopher Cox", "Chairman", "U.S. Securities and Exchange Commission"),),
        "'and' never joins organisation words (it would join 'Gartner and IDC')",
    ),
    E(
        "Selling Dow Jones, publisher of The Wall Street Journal, would be hard.",
        (),
        "an organisation in the name slot of an apposition (no ORG mention here) is a person",
    ),
]
