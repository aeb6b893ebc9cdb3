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
