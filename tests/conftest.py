"""Shared fixtures: the parser is loaded once per test session."""
from __future__ import annotations

import pytest

from testpaths import ROOT, SAMPLE, SHARED, need_shared  # noqa: F401  (for the fixtures below and old imports)


@pytest.fixture(scope="session")
def parse():
    from tacitus.nlp import parse_text

    return parse_text


@pytest.fixture(scope="session")
def pipeline():
    from tacitus.pipeline import Pipeline

    return Pipeline.default()


@pytest.fixture(scope="session")
def unfiltered():
    """The default stages without the learned event filter: for tests of the rules the filter sits on."""
    from tacitus.extract.registry import DEFAULT_STAGES
    from tacitus.pipeline import Pipeline
    from tacitus.settings import Settings

    return Pipeline(Settings(stages=tuple(s for s in DEFAULT_STAGES if s != "eventfilter")))


@pytest.fixture(scope="session")
def rules_only():
    """The rules alone (no learned ranker, no learned filter): for tests of a rule the ranker may also reach."""
    from tacitus.extract.registry import DEFAULT_STAGES
    from tacitus.pipeline import Pipeline
    from tacitus.settings import Settings

    return Pipeline(Settings(stages=tuple(s for s in DEFAULT_STAGES if s not in {"roles", "eventfilter"})))
