"""Stage `domestic`: in a report about one country only, its people and bodies the dictionaries miss are
of that country."""
from __future__ import annotations

import dataclasses
from collections import Counter

from ...models import Event, Party
from ..context import DocContext, Resources
from ..registry import stage

# A state without a code is no state the gazetteer knows; only people, groups and bodies take the country.
_KINDS = frozenset({"person", "group", "organization"})


@stage("domestic", version=1, needs=("events",), adds=("domestic",), scope="document")
class DomesticStage:
    """In an article whose coded parties are all of one country (a domestic report: "Mr Beith", "Church
    groups" in a Westminster story), a person, group or body left without a code is of that country; one
    party of another country coded anywhere in the article and nothing changes."""

    def __init__(self, res: Resources):
        pass

    def __call__(self, ctx: DocContext, events: list[Event]) -> list[Event]:
        coded = Counter(p.country for e in events for p in (e.actor, e.target) if p is not None and p.country)
        home = coded.most_common(1)[0][0] if coded else None
        if home is None or len(coded) > 1:
            return events
        return [self._home(e, home) for e in events]

    @staticmethod
    def _home(e: Event, home: str) -> Event:
        def code(p: Party | None) -> Party | None:
            if p is None or p.country or p.kind not in _KINDS:
                return p
            return dataclasses.replace(p, country=home, source=f"{p.source or 'text'}+domestic")
        actor, target = code(e.actor), code(e.target)
        if actor is e.actor and target is e.target:
            return e
        return dataclasses.replace(e, actor=actor, target=target).with_id()
