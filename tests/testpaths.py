"""Where the tests find the repository and the team's shared data (a module of its own: test files
import it by name, which a `conftest` cannot be once several folders have one)."""
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
