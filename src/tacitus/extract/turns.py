"""Speaker turns of a transcript: who says each stretch of a meeting's record, and to whom.

A Kremlin or presidential transcript labels each turn with the speaker's titles and name and a colon
("President of Russia Vladimir Putin: ...", "Prime Minister of Hungary Viktor Orban (retranslated): ...").
Inside a turn "I" and "we" are the speaker's and "you" is whom the speaker answers, not the publisher's.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from itertools import chain
from collections.abc import Callable
from dataclasses import dataclass

from ..models import Party

# A label opens the text or a line, or follows the end of a sentence; then a colon and the turn's words.
_LABEL = re.compile(r"(?:^|(?<=\n)|(?<=[.!?*\u2026\"\u201d] ))([A-Z][^\n:.!?;\"\u201c\u201d]{1,160}?) ?(?:\(retranslated\))?: ")
# The only lower-case words of a name with its titles ("President of the Russian Federation"); a verb
# ("Zelenskyy stressed: ...") makes the label a quotation's introduction, not a turn.
_TITLE_WORDS = frozenset({"of", "the", "and", "for", "on", "de", "von", "van", "der", "al", "bin"})
MAX_LABEL_WORDS = 16


@dataclass(frozen=True, slots=True)
class Turn:
    """One speaker's stretch of a transcript, from `start` (the first character after the label)."""

    start: int
    speaker: Party


def speaker_turns(text: str, resolve: Callable[[str], Party | None]) -> tuple[Turn, ...]:
    """The labelled turns of a transcript; none unless the labels name at least two known persons (one
    name twice is a news item's headline quotes, "Lavrov: ...", not a conversation)."""
    out = []
    for m in _LABEL.finditer(text):
        label = m.group(1).strip()
        words = label.split()
        if len(words) > MAX_LABEL_WORDS or any(w.islower() and w not in _TITLE_WORDS for w in words):
            continue
        p = resolve(label)
        if p is not None and p.kind == "person" and p.country:
            out.append(Turn(m.end(), p))
    return tuple(out) if len({t.speaker.name for t in out}) >= 2 else ()


def turn_at(turns: tuple[Turn, ...], idx: int) -> tuple[Party | None, Party | None]:
    """(speaker, addressee) at a character offset: the turn it is in, and the last other speaker before
    it (else the next one after), whom "you" addresses."""
    # Called per pronoun: a bisection on the turns themselves, and only as far as the first other speaker.
    k = bisect_right(turns, idx, key=lambda t: t.start)
    if k == 0:
        return None, None
    speaker = turns[k - 1].speaker
    around = (t.speaker for t in chain(reversed(turns[:k - 1]), turns[k:]))
    return speaker, next((p for p in around if p.name != speaker.name), None)
