"""TSV exports stay one line per row with fixed columns; CSV cells never run as formulas."""
from __future__ import annotations

import csv
import dataclasses
import io
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "store"))
from storehelpers import doc, event  # noqa: E402

from tacitus.cli import main  # noqa: E402
from tacitus.export import GDELT_COLUMNS, POLECAT_COLUMNS  # noqa: E402
from tacitus.models import Party  # noqa: E402
from tacitus.store import Store  # noqa: E402


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "t.db")
    minister = Party(text="the Ministry\nof Defence\t(UK)", name="Ministry of\tDefence", country="GBR",
                     sector="MIL", kind="organization")
    with Store.open(path) as s:
        s.write_document(doc("a", source="Kyiv Independent"), [
            dataclasses.replace(event("a", type="ASSAULT", actor="RUS", trigger="shelled", cameo="190",
                                      sentence="@DefenceU: Russian forces shelled Kharkiv overnight."),
                                goldstein=-10.0).with_id(),
            dataclasses.replace(event("a", trigger="send", start=60,
                                      sentence="=HYPERLINK(\"http://example.org\") Britain will send trainers."),
                                actor=minister).with_id(),
            event("a", type="CONSULT", actor="FRA", trigger="met", start=140, cameo="040",
                  sentence="-- France met Ukraine's envoy in Paris."),
        ], pipeline_version="v1")
    return path


@pytest.mark.parametrize("fmt, cols", [("polecat", POLECAT_COLUMNS), ("gdelt", GDELT_COLUMNS)])
def test_tsv_rows_are_single_lines_of_fixed_columns(db, tmp_path, fmt, cols):
    out = tmp_path / f"e.{fmt}.tsv"
    assert main(["export", "--format", fmt, "--output", str(out), "--db", db]) == 0
    lines = out.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == "" and len(lines) - 1 == 3 + (fmt == "polecat")
    assert all(line.count("\t") == len(cols) - 1 for line in lines[:-1])
    if fmt == "polecat":
        rows = [dict(zip(cols, line.split("\t"))) for line in lines[1:-1]]
        gbr = next(r for r in rows if r["Actor Country"] == "GBR")
        assert gbr["Actor Name"] == "Ministry of Defence"
        assert gbr["Actor Name Raw"] == "the Ministry of Defence (UK)"
        assert '"' not in lines[0]


def test_csv_cells_starting_a_formula_are_neutralised(db, tmp_path, capsys):
    out = tmp_path / "e.csv"
    assert main(["export", "--format", "csv", "--output", str(out), "--db", db]) == 0
    assert main(["query", "--format", "csv", "--db", db]) == 0
    for text in (out.read_text(encoding="utf-8"), capsys.readouterr().out):
        rows = list(csv.DictReader(io.StringIO(text)))
        evidence = sorted(r["evidence"] for r in rows)
        assert evidence == ["'-- France met Ukraine's envoy in Paris.",
                            "'=HYPERLINK(\"http://example.org\") Britain will send trainers.",
                            "'@DefenceU: Russian forces shelled Kharkiv overnight."]
        assert sorted(r["goldstein"] for r in rows)[0] == "-10.0"      # numbers are left alone
