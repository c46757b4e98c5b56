"""Business events (the ``events`` table): sales targets, revenue reports, store closures,
market moves, deals, layoffs, ... each with its subject, status, date and evidence span.

The taxonomy (every event type and status, with descriptions) is defined in ``taxonomy.py``;
the rules in ``rules.py``; how they are applied in ``extractor.py``; labelled examples in
``corpus.py``."""

from transforms.events.extractor import EVENT_COLUMNS, extract_events

VERSION = "1"

__all__ = ["EVENT_COLUMNS", "VERSION", "extract_events"]
