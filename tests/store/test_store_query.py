"""Query filters, contract objects with mentions/sources, and the stance view."""
from __future__ import annotations

import json
from datetime import date

import pytest
from storehelpers import doc, event, store  # noqa: F401

from tacitus.cli import main
from tacitus.store.query import Filters, event_objects, flat_rows
from tacitus.store.stance import Action, stance

V = "test-pipeline-1"


def fill(s):
    w = lambda d, evs: s.write_document(d, evs, pipeline_version=V)  # noqa: E731
    w(doc("a", source="Toronto Star"), [
        event("a", modality="possible", sentence="Canada is open to sending troops to Ukraine.", trigger="sending"),
        event("a", actor="POL", modality="negated", trigger="sending", start=100,
              sentence="Poland is not considering sending troops to Ukraine."),
        event("a", type="ASSAULT", actor="RUS", trigger="shelled", start=200, sentence="Russia shelled Kharkiv.",
              location="UKR", cameo="190"),
    ])
    w(doc("b", source="Rubryka", published="2024-03-02"), [
        event("b", modality="possible", trigger="send", sentence="Canada could send its troops to Ukraine.",
              day="2024-03-02", speaker="Bill Blair"),
        event("b", actor="FRA", modality="possible", trigger="send", start=80, day="2024-03-02",
              sentence="France could send troops to Ukraine to help with demining."),
        event("b", actor="USA", modality="negated", trigger="send", start=160, day="2024-02-26",
              sentence="The United States has no plans to send troops to Ukraine."),
        event("b", actor="DEU", trigger="sent", start=240, day="2024-03-02",
              sentence="Germany sent money to Ukraine."),
    ])
    w(doc("c", published="2024-04-10"), [
        event("c", actor="POL", modality="possible", trigger="send", day="2024-04-10",
              sentence="Poland no longer rules out that it could send troops to Ukraine."),
    ])


@pytest.mark.parametrize("filters, n", [
    (Filters(), 7),
    (Filters(actor="CAN"), 1),
    (Filters(actor="canada"), 1),
    (Filters(type="ASSAULT"), 1),
    (Filters(modality="negated"), 2),
    (Filters(since=date(2024, 3, 2)), 4),
    (Filters(until=date(2024, 2, 28)), 1),
    (Filters(country="UKR"), 7),
    (Filters(text="demining"), 1),
    (Filters(text="send troops"), 5),
    (Filters(source="rubryka"), 4),
    (Filters(min_documents=2), 1),
    (Filters(limit=2), 2),
])
def test_store_query_filters(store, filters, n):  # noqa: F811
    fill(store)
    assert len(list(event_objects(store, filters))) == n


def test_store_query_objects_carry_mentions_and_sources(store):  # noqa: F811
    fill(store)
    (e,) = list(event_objects(store, Filters(actor="CAN")))
    assert e["id"].startswith("ev-") and e["type"] == "AID" and e["modality"] == "possible"
    assert [m["doc_id"] for m in e["mentions"]] == ["a", "b"]
    assert e["sources"] == ["Rubryka", "Toronto Star"] and e["corroboration"] == 2
    assert (e["first_seen"], e["last_seen"]) == ("2024-03-01", "2024-03-02")
    for k in ("actor", "target", "attribution", "time", "evidence", "quantities", "plover_type", "cameo"):
        assert k in e
    (row,) = list(flat_rows(store, Filters(actor="CAN")))
    assert row["n_documents"] == 2 and row["doc_ids"] == ["a", "b"]


def test_store_stance_action_parse():
    a = Action.parse("send troops")
    assert {"AID", "MOBILIZE"} <= a.types and "send" in a.verbs and "troop" in a.objects and "soldier" in a.objects


def test_store_stance_who_would_send_troops(store):  # noqa: F811
    fill(store)
    res = stance(store, "send troops", "UKR")
    by = {a["actor"]: a for a in res["actors"]}
    assert set(by) == {"CAN", "POL", "FRA", "USA"}          # not DEU (money), not RUS (assault)
    assert by["USA"]["stance"] == "negated" and by["FRA"]["stance"] == "possible"
    assert by["POL"]["stance"] == "possible" and by["POL"]["changed"]   # ruled out, then did not rule out
    assert [s["modality"] for s in by["POL"]["statements"]] == ["negated", "possible"]
    assert len(by["CAN"]["statements"]) == 2 and by["CAN"]["statements"][1]["speaker"] == "Bill Blair"


def test_store_cli_query_stats_stance(tmp_path, capsys):
    from tacitus.store import Store

    db = str(tmp_path / "t.db")
    with Store.open(db) as s:
        fill(s)
    assert main(["stats", "--db", db, "--format", "json"]) == 0
    st = json.loads(capsys.readouterr().out)
    assert (st["documents"], st["duplicates"], st["events"], st["mentions"]) == (3, 0, 7, 8)
    assert main(["query", "--db", db, "--actor", "CAN", "--format", "jsonl"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 and len(json.loads(lines[0])["mentions"]) == 2
    assert main(["query", "--db", db, "--format", "csv"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 8
    assert main(["query", "--db", db]) == 0
    assert "Canada" in capsys.readouterr().out
    assert main(["stance", "send troops", "--target", "UKR", "--db", db, "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["actors"]) == 4
    assert main(["stance", "send troops", "--target", "UKR", "--db", db]) == 0
    assert "would not" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [
    ["query", "--type", "BOGUS"], ["query", "--modality", "maybe"], ["query", "--since", "yesterday"],
])
def test_store_cli_bad_options_one_line(tmp_path, capsys, argv):
    assert main([*argv, "--db", str(tmp_path / "t.db")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("tacitus: [E") and "\n" not in err


@pytest.mark.parametrize("cmd", ["ingest", "query", "stance", "stats", "export"])
def test_store_cli_help(cmd, capsys):
    with pytest.raises(SystemExit) as e:
        main([cmd, "--help"])
    assert e.value.code == 0 and "--db" in capsys.readouterr().out


def test_store_cli_missing_store_is_one_line(tmp_path, capsys):
    assert main(["stats", "--db", str(tmp_path / "nothing.db")]) == 2
    err = capsys.readouterr().err
    assert "no event store" in err and err.count("\n") == 1
    assert not (tmp_path / "nothing.db").exists()
