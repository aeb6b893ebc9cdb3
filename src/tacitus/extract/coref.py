"""Document memory: carry people's roles to later mentions and resolve pronouns to recent actors."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from ..models import Party

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
GROUP_PRONOUNS = frozenset({"it", "they", "them", "its", "their"})
_RECENT = 8  # antecedents kept per kind


@dataclass(slots=True)
class Memory:
    """What the document has said so far about who is who (mutable, one per document)."""

    people: dict[str, Party] = field(default_factory=dict)   # lower-case full name and surname -> party
    last_person: Party | None = None
    last_state: Party | None = None
    last_group: Party | None = None
    last_speaker: Party | None = None
    last_subject: Party | None = None  # salience: the latest state/organisation/group that was a subject
    gone: frozenset[str] = frozenset()  # states that no longer existed when the document was published
    # Recent parties of each kind, latest last: a pronoun's antecedent must come before it in the text,
    # and the sentence's own later names are read first ("He was shot by a Ukrainian sniper").
    recent: dict[str, list[Party]] = field(default_factory=dict)

    def _push(self, kind: str, party: Party) -> None:
        seen = self.recent.setdefault(kind, [])
        seen.append(party)
        del seen[:-_RECENT]

    def remember(self, party: Party | None) -> None:
        """Record a resolved mention so later references can reuse it."""
        if party is None:
            return
        if party.kind == "person" and party.name:
            known = self.people.get(party.name.lower())
            # Keep the richer record: a role seen once ("Minister of Defense Bill Blair") stays.
            if known is None or (known.country is None and party.country is not None):
                self.people[party.name.lower()] = party
                parts = party.name.split()
                if len(parts) > 1:
                    # the surname follows the full name's richer record ("Patrushev" ... "Nikolai Patrushev"), never
                    # another person's
                    cur = self.people.get(parts[-1].lower())
                    if cur is None or (cur.country is None and cur.name in (party.name, parts[-1])):
                        self.people[parts[-1].lower()] = party
            self.last_person = self.people.get(party.name.lower(), party)
            self._push("person", dataclasses.replace(self.last_person, start=party.start, end=party.end))
        elif party.kind == "state" and party.country:
            if party.country not in self.gone:   # "the dissolution of the Soviet Union" is history
                self.last_state = party
                self._push("state", party)
            self.last_group = party
            self._push("group", party)
        elif party.kind in {"organization", "group"} and party.country:
            self.last_group = party
            self._push("group", party)

    def note_subject(self, party: Party | None) -> None:
        """Record a non-person subject as the current topic for later "it"/"they"."""
        if party is not None and party.kind in {"state", "organization", "group"} and party.country:
            self.last_subject = party
            self._push("subject", party)

    def person(self, name: str) -> Party | None:
        """A person seen before under this full name or surname."""
        key = name.lower().removesuffix("'s").removesuffix("\u2019s").strip()
        p = self.people.get(key)
        if p is None and " " in key:
            p = self.people.get(key.split()[-1])
        return p

    def pronoun(self, word: str, at: int | None = None) -> Party | None:
        """The most recent fitting antecedent named before offset `at` (anywhere, without one)."""
        w = word.lower()
        if w in PERSON_PRONOUNS:
            sp = self.last_speaker
            order = ([sp] if sp is not None and sp.kind == "person" else []) + self.latest("person")
        elif w in GROUP_PRONOUNS:
            # "it"/"they" usually continue the topic (the last subject), not the last name in passing.
            order = self.latest("subject") + self.latest("group") + self.latest("state")
        else:
            return None
        return next((p for p in order if at is None or p.start is None or p.start < at), None)

    def latest(self, kind: str) -> list[Party]:
        """Remembered parties of a kind ("person", "state", "group", "subject"), latest first."""
        return self.recent.get(kind, [])[::-1]


def as_mention(party: Party, text: str, start: int | None, end: int | None, how: str) -> Party:
    """A copy of a remembered party re-anchored on the words that refer to it here."""
    return dataclasses.replace(party, text=text, start=start, end=end,
                               source=f"{party.source or 'memory'}+{how}")
