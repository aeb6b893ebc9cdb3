"""Document memory: carry people's roles to later mentions and resolve pronouns to recent actors."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from ..models import Party

_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
_GROUP_PRONOUNS = frozenset({"it", "they", "them", "its", "their"})


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
                    self.people.setdefault(parts[-1].lower(), party)
            self.last_person = self.people.get(party.name.lower(), party)
        elif party.kind == "state" and party.country:
            if party.country not in self.gone:   # "the dissolution of the Soviet Union" is history
                self.last_state = party
            self.last_group = party
        elif party.kind in {"organization", "group"} and party.country:
            self.last_group = party

    def note_subject(self, party: Party | None) -> None:
        """Record a non-person subject as the current topic for later "it"/"they"."""
        if party is not None and party.kind in {"state", "organization", "group"} and party.country:
            self.last_subject = party

    def person(self, name: str) -> Party | None:
        """A person seen before under this full name or surname."""
        key = name.lower().removesuffix("'s").removesuffix("\u2019s").strip()
        p = self.people.get(key)
        if p is None and " " in key:
            p = self.people.get(key.split()[-1])
        return p

    def pronoun(self, word: str) -> Party | None:
        """The most recent fitting antecedent for a pronoun."""
        w = word.lower()
        if w in _PERSON_PRONOUNS:
            return self.last_speaker if self.last_speaker and self.last_speaker.kind == "person" \
                else self.last_person
        if w in _GROUP_PRONOUNS:
            # "it"/"they" usually continue the topic (the last subject), not the last name in passing.
            return self.last_subject or self.last_group or self.last_state
        return None


def as_mention(party: Party, text: str, start: int | None, end: int | None, how: str) -> Party:
    """A copy of a remembered party re-anchored on the words that refer to it here."""
    return dataclasses.replace(party, text=text, start=start, end=end,
                               source=f"{party.source or 'memory'}+{how}")
