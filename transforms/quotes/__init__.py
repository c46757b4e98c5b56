"""Direct quotations with their speakers: the ``quotes`` table (rules in ``rules.py``,
labelled examples in ``corpus.py``).

    extract_quotes(documents, sentences, mentions, entities, roles) -> QUOTES_SCHEMA frame
"""

from transforms.quotes.rules import QUOTES_SCHEMA, extract_quotes

VERSION = "3"

__all__ = ["QUOTES_SCHEMA", "VERSION", "extract_quotes"]
