"""Every export format round-trips: read back with pandas / pyarrow (and DuckDB when installed)."""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "store"))
from storehelpers import doc, event  # noqa: E402

from tacitus.cli import main  # noqa: E402
from tacitus.export import GDELT_COLUMNS, POLECAT_COLUMNS, export  # noqa: E402
from tacitus.store import Store  # noqa: E402
from tacitus.store.query import Filters, event_objects  # noqa: E402

pd = pytest.importorskip("pandas")


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "t.db")
    with Store.open(path) as s:
        w = lambda d, evs: s.write_document(d, evs, pipeline_version="v1")  # noqa: E731
        w(doc("a", source="Toronto Star"), [
            event("a", modality="possible", trigger="sending", sentence="Canada is open to sending troops to Ukraine."),
            event("a", type="ASSAULT", actor="RUS", trigger="shelled", start=99, sentence="Russia shelled Kharkiv, «again».",
                  location="UKR", cameo="190"),
        ])
        w(doc("b", source="Rubryka", published="2024-03-02"), [
            event("b", modality="possible", trigger="send", day="2024-03-02",
                  sentence='Canada could send its "troops", to Ukraine;\ttabs too.'),
            event("b", actor=None, type="CONSULT", trigger="met", start=70, cameo=None, sentence="They met."),
        ])
    return path


def expected(db):
    with Store.open(db) as s:
        return {e["id"]: e for e in event_objects(s)}


def test_export_jsonl_round_trip(db, tmp_path):
    out = tmp_path / "e.jsonl"
    with Store.open(db) as s:
        assert export(s, "jsonl", out) == 3
    got = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert {e["id"]: e for e in got} == expected(db)
    df = pd.read_json(out, lines=True)
    assert len(df) == 3 and {"mentions", "sources", "actor", "evidence"} <= set(df.columns)


def test_export_csv_round_trip(db, tmp_path):
    out = tmp_path / "e.csv"
    with Store.open(db) as s:
        export(s, "csv", out)
    df = pd.read_csv(out, dtype={"cameo": str})
    exp = expected(db)
    assert set(df["id"]) == set(exp)
    row = df.set_index("id").loc[[k for k, e in exp.items() if e["actor"] and e["actor"]["country"] == "CAN"][0]]
    assert row["n_documents"] == 2 and row["sources"] == "Rubryka; Toronto Star"
    assert '"troops"' in " ".join(df["evidence"].astype(str)) or "troops" in " ".join(df["evidence"].astype(str))


def test_export_parquet_round_trip(db, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "e.parquet"
    with Store.open(db) as s:
        export(s, "parquet", out)
    t = pq.read_table(out)
    assert t.num_rows == 3
    assert str(t.schema.field("time_start").type) == "date32[day]"
    assert str(t.schema.field("sources").type).startswith("list<") and "string" in str(t.schema.field("sources").type)
    df = t.to_pandas()
    assert set(df["id"]) == set(expected(db))
    can = df[df["actor_country"] == "CAN"].iloc[0]
    assert list(can["sources"]) == ["Rubryka", "Toronto Star"] and can["n_documents"] == 2


def test_export_parquet_duckdb(db, tmp_path):
    duckdb = pytest.importorskip("duckdb")
    out = tmp_path / "e.parquet"
    with Store.open(db) as s:
        export(s, "parquet", out)
    n = duckdb.sql(f"SELECT COUNT(*) FROM read_parquet('{out}') WHERE type = 'AID'").fetchall()[0][0]
    assert n == 1


def test_export_polecat_round_trip(db, tmp_path):
    out = tmp_path / "e.tsv"
    with Store.open(db) as s:
        export(s, "polecat", out)
    df = pd.read_csv(out, sep="\t", dtype=str, keep_default_na=False)
    assert tuple(df.columns) == POLECAT_COLUMNS and len(POLECAT_COLUMNS) == 40 and len(df) == 3
    exp = expected(db)
    assert set(df["Event ID"]) == set(exp)
    can = df[df["Actor Country"] == "CAN"].iloc[0]
    assert can["Event Type"] == "agree" and can["Quad Code"] == "1" and can["Recipient Country"] == "UKR"
    assert can["Source"] == "Rubryka; Toronto Star" and can["Event Date"] == "2024-03-01"
    rus = df[df["Actor Country"] == "RUS"].iloc[0]
    assert rus["Event Type"] == "assault" and rus["Quad Code"] == "4"


def test_export_gdelt_round_trip(db, tmp_path):
    out = tmp_path / "e.gdelt.tsv"
    with Store.open(db) as s:
        export(s, "gdelt", out)
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t"))
    assert len(rows) == 3 and all(len(r) == 61 for r in rows) and len(GDELT_COLUMNS) == 61
    df = pd.read_csv(out, sep="\t", header=None, names=list(GDELT_COLUMNS), dtype={"EventCode": str,
                     "EventBaseCode": str, "EventRootCode": str})
    rus = df[df["Actor1CountryCode"] == "RUS"].iloc[0]
    assert rus["EventCode"] == "190" and rus["EventRootCode"] == "19" and rus["QuadClass"] == 4
    assert rus["GoldsteinScale"] == 1.0 and rus["SQLDATE"] == 20240301 and rus["ActionGeo_CountryCode"] == "UKR"
    assert df["GLOBALEVENTID"].is_unique


def test_export_filters_and_cli(db, tmp_path, capsys):
    out = tmp_path / "can.jsonl"
    assert main(["export", "--format", "jsonl", "--output", str(out), "--db", db, "--actor", "CAN"]) == 0
    assert "wrote 1 event" in capsys.readouterr().err
    assert len(out.read_text().splitlines()) == 1
    assert main(["export", "--format", "parquet", "--output", "-", "--db", db]) == 2
    assert main(["export", "--format", "csv", "--output", str(tmp_path / "no" / "x.csv"), "--db", db]) == 2
    err = capsys.readouterr().err
    assert "cannot write" in err
    with Store.open(db) as s:
        assert export(s, "jsonl", tmp_path / "x.jsonl", Filters(type="CONSULT")) == 1
