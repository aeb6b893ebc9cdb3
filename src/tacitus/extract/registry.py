"""The extraction stages, declared in one place: name, version, what each needs and adds.

As spaCy's factories do, a stage is registered under a name with a factory that receives the
loaded resources; a configuration is an ordered list of names (`Settings.stages`), checked here
before anything runs: every stage must find what it needs among what earlier stages add. A learned
stage replaces or follows a rule stage by being named in the list (e.g. `typemodel` after `typing`).
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import SettingsError

# What the parse gives before any stage runs.
GIVEN = frozenset({"parse", "published"})


@dataclass(frozen=True, slots=True)
class StageSpec:
    """One registered stage."""

    name: str
    version: int
    scope: str                     # "sentence": (ctx, sent, index, candidates); "document": (ctx, events)
    needs: tuple[str, ...]
    adds: tuple[str, ...]
    factory: Callable[[Any], Callable]
    doc: str


REGISTRY: dict[str, StageSpec] = {}

# The default configuration, in order. Document stages run after every sentence is done.
DEFAULT_STAGES: tuple[str, ...] = (
    "triggers", "modality", "attribution", "parties", "roles", "time", "filter", "softnews", "time_default", "amounts",
    "place", "typing", "typemodel", "scoring", "eventfilter", "domestic", "merge",
)


def stage(name: str, *, version: int, needs: tuple[str, ...], adds: tuple[str, ...],
          scope: str = "sentence") -> Callable[[Callable], Callable]:
    """Register a stage factory under `name` (a decorator)."""
    def wrap(factory: Callable) -> Callable:
        if name in REGISTRY and REGISTRY[name].factory is not factory:
            raise SettingsError(f"stage {name!r} is registered twice", code="E410")
        first = (factory.__doc__ or "").strip().split("\n\n")[0]
        REGISTRY[name] = StageSpec(name, version, scope, needs, adds, factory, " ".join(first.split()))
        return factory
    return wrap


def _load_all() -> None:
    from .stages import anchors, domestic, filters, output, parties, roles, speech, triggers, typer  # noqa: F401


def specs(names: tuple[str, ...] | list[str] | None = None) -> list[StageSpec]:
    """The specs of a configuration, validated: known names, needs met in order, sentence stages first."""
    _load_all()
    names = tuple(names) if names is not None else DEFAULT_STAGES
    have = set(GIVEN)
    out = []
    seen_doc = False
    for n in names:
        spec = REGISTRY.get(n)
        if spec is None:
            raise SettingsError(f"unknown extraction stage {n!r}; known: {', '.join(sorted(REGISTRY))}", code="E411")
        missing = [x for x in spec.needs if x not in have]
        if missing:
            raise SettingsError(f"stage {n!r} needs {', '.join(missing)}, which no earlier stage adds: "
                                f"put it after the stages that add them", code="E412")
        if spec.scope == "document":
            seen_doc = True
        elif seen_doc:
            raise SettingsError(f"sentence stage {n!r} cannot follow a document stage", code="E413")
        have.update(spec.adds)
        out.append(spec)
    if "events" not in have:
        raise SettingsError("the stages never produce events: the list must include 'typing' and 'scoring'",
                            code="E414")
    return out


def describe(names: tuple[str, ...] | list[str] | None = None) -> list[dict[str, Any]]:
    """Name, version, needs, adds and purpose of each configured stage (for `tacitus info`)."""
    return [{"name": s.name, "version": s.version, "scope": s.scope, "needs": list(s.needs),
             "adds": list(s.adds), "doc": s.doc} for s in specs(names)]


def stages_version(names: tuple[str, ...] | list[str] | None = None) -> str:
    """A short stable fingerprint of the configured stages and their versions."""
    sig = ",".join(f"{s.name}@{s.version}" for s in specs(names))
    return hashlib.sha256(sig.encode()).hexdigest()[:10]
