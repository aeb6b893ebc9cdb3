"""The error table: every code Tacitus can report has a row in `tacitus.errors.CODES`."""
from __future__ import annotations

import re

from testpaths import ROOT

from tacitus.errors import CODES, InputError, error_line


def codes_in_source() -> dict[str, str]:
    """Every E-code written in src/ (a `code=` argument, a class attribute, a _Fail), with a place."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / "src" / "tacitus").rglob("*.py")):
        if path.name == "errors.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            # "E123" as an argument or attribute; [E123] inside a message built by hand
            for quoted, bracketed in re.findall(r"\"(E\d{3})\"|\[(E\d{3})\]", line):
                found.setdefault(quoted or bracketed, f"{path.relative_to(ROOT)}:{n}")
    return found


def test_every_code_raised_is_in_the_table():
    missing = {c: where for c, where in codes_in_source().items() if c not in CODES}
    assert not missing, f"codes without a row in tacitus.errors.CODES: {missing}"


def test_every_row_of_the_table_is_used():
    used = set(codes_in_source()) | {"E000", "E100", "E200", "E300", "E400"}   # the class defaults
    assert sorted(set(CODES) - used) == []


def test_a_message_is_one_line_with_its_code():
    err = InputError("line 3 is not valid JSON\n(Expecting value)", code="E108")
    assert str(err) == "[E108] line 3 is not valid JSON (Expecting value)"
    assert error_line("docs.jsonl:3", err) == "tacitus: docs.jsonl:3: [E108] line 3 is not valid JSON (Expecting value)"
