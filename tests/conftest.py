"""Shared fixtures: the parser is loaded once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLE = ROOT / "examples" / "ukraine-canada-trainers.txt"


def need_shared(sub: str = "") -> Path:
    """Path under ../shared, or skip the test with a clear message when it is absent."""
    p = SHARED / sub
    if not p.exists():
        pytest.skip(f"../shared/{sub} not found: this test needs the team's shared data (present in CI)")
    return p


@pytest.fixture(scope="session")
def parse():
    from tacitus.nlp import parse_text

    return parse_text


@pytest.fixture(scope="session")
def pipeline():
    from tacitus.pipeline import Pipeline

    return Pipeline.default()
