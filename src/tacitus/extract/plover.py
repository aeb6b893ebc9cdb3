"""The PLOVER-strict view of an event: type + modality -> the type POLECAT would code."""
from __future__ import annotations

# PLOVER codes stated intent to cooperate as AGREE and refusals (of any action) as REJECT;
# threatened or predicted conflict is THREATEN. Asserted events keep their type. This is a derived view only: `type`
# and `modality` stay as extracted.
COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})
MATERIAL_CONFLICT = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "SANCTION", "PROTEST"})


def plover_view(etype: str, modality: str) -> str:
    """Map (type, modality) to the PLOVER-strict type."""
    if modality == "asserted":
        return etype
    if modality in {"planned", "possible", "hypothetical"}:
        if etype in COOPERATIVE:
            return "AGREE"
        if etype in MATERIAL_CONFLICT:
            return "THREATEN"
        return etype
    if modality == "negated":
        # A refusal, a denial or "will not ..." is REJECT in PLOVER's strict view, whatever the action.
        return "REJECT"
    return etype
