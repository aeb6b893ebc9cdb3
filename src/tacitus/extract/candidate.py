"""What extraction stages pass each other: one frozen EventCandidate per trigger (later per party pair)."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Callable

from ..models import Attribution, Location, Party, Quantity, TimeSpan, Token
from .attribution import RawAttribution
from .lexicon import Sense
from .modality import ModalityResult


@dataclass(frozen=True, slots=True)
class Trigger:
    """A token the lexicon recognised, with the sense chosen for its object."""

    token: Token
    sense: Sense
    obj: Token | None
    particle: str | None


@dataclass(frozen=True, slots=True)
class EventCandidate:
    """An event in the making. Each stage fills its own fields (see `stages.STAGES`) and returns a copy.

    Until the `typing` stage, `actors` and `targets` hold every party found for the trigger; from
    there on a candidate is one (actor, target) pair, in `actor` and `target`.
    """

    sent: int                                   # sentence index in the ParsedDoc
    trigger: Trigger
    modality: ModalityResult | None = None      # modality: decision, cues, condition, reporting verb
    raw_attribution: RawAttribution | None = None
    attribution: Attribution | None = None      # attribution: speaker, channel, cue
    actor_token: Token | None = None            # parties: the token the actor was read from
    how: str = ""                               # parties: how the actor was found (subj, control, ...)
    actors: tuple[Party | None, ...] = ()
    targets: tuple[Party | None, ...] = ()
    time: TimeSpan | None = None                # time (from the text), time_default (publication date)
    quantities: tuple[Quantity, ...] = ()       # amounts
    location: Location | None = None            # place
    actor: Party | None = None                  # typing: one pair per candidate
    target: Party | None = None
    type: str | None = None                     # typing (+ typemodel)
    mode: str | None = None
    cameo: str | None = None
    plover_type: str | None = None
    typed_by: str = ""                          # rule suffix when a model retyped the event
    confidence: float = 0.5                     # scoring
    dropped: str | None = None                  # why a filter dropped it (kept for diagnostics)

    def with_(self, **changes: Any) -> "EventCandidate":
        """A copy with some fields changed."""
        return replace(self, **changes)

    @property
    def token(self) -> Token:
        return self.trigger.token


def each(cands: list[EventCandidate], fn: Callable[[EventCandidate], EventCandidate]) -> list[EventCandidate]:
    """Apply a per-candidate step to the live candidates; dropped ones pass through unchanged."""
    return [c if c.dropped else fn(c) for c in cands]
