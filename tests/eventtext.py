"""Run the pipeline on a text and pick an event by its trigger (a module of its own, like `testpaths`)."""
from __future__ import annotations

from datetime import date

from tacitus.models import Document


def events_of(pipeline, text: str, *, source: str | None = None, published: date = date(2022, 3, 1)):
    doc = Document(text=text, id="t", published=published, source=source)
    for _, evs in pipeline.extract_documents([doc]):
        return [e.to_dict() for e in evs]
    return []


def one(events, trigger):
    found = [e for e in events if e["evidence"]["trigger"].lower() == trigger]
    assert found, f"no event on {trigger!r}: {[e['evidence']['trigger'] for e in events]}"
    return found[0]
