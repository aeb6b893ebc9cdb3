"""Query arguments that used to be accepted silently, LIKE wildcards, the stats table."""
from __future__ import annotations

import pytest
from storehelpers import doc, event, store  # noqa: F401

from tacitus.cli import main
from tacitus.errors import SettingsError
from tacitus.store import Store
from tacitus.store.query import Filters, event_objects
from test_store_query import fill

V = "test-pipeline-1"


class Args:
    def __init__(self, **kw):
        self.__dict__.update(kw)


@pytest.mark.parametrize("kw, code", [({"limit": 0}, "E406"), ({"limit": -1}, "E406"),
                                      ({"min_documents": 0}, "E406"),
                                      ({"since": "2024-03-02", "until": "2024-03-01"}, "E405")])
def test_store_query_rejects_empty_ranges_and_limits(kw, code):
    with pytest.raises(SettingsError, match=code):
        Filters.from_args(Args(**kw))


@pytest.mark.parametrize("args", [["query", "--limit", "0"], ["query", "--limit", "-1"],
                                  ["query", "--since", "2022-03-01", "--until", "2022-02-20"],
                                  ["stance", "send troops", "--target", "UKR", "--since", "2024-03-02",
                                   "--until", "2024-03-01"],
                                  ["export", "--format", "jsonl", "--output", "-", "--limit", "0"]])
def test_store_cli_refuses_them_in_one_line(tmp_path, capsys, args):
    db = str(tmp_path / "t.db")
    with Store.open(db) as s:
        fill(s)
    assert main([*args, "--db", db]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and ("[E405]" in err or "[E406]" in err)


def test_store_query_text_takes_wildcards_literally(store):  # noqa: F811
    w = lambda d, evs: store.write_document(d, evs, pipeline_version=V)  # noqa: E731
    w(doc("a"), [event("a", trigger="cut", sentence="Russia cut gas deliveries to Europe by 50% in June.")])
    w(doc("b"), [event("b", actor="FRA", trigger="cut", sentence="France cut gas deliveries to Spain by 50 percent.")])
    w(doc("c"), [event("c", trigger="sent", sentence="Germany sent the Gepard_2 tanks to Ukraine.")])
    texts = lambda f: sorted(e["evidence"]["sentence"][-12:] for e in event_objects(store, f))  # noqa: E731
    assert texts(Filters(text="50%")) == ["by 50% in June."[-12:]]
    assert texts(Filters(text="_")) == ["ard_2 tanks to Ukraine."[-12:]]
    assert texts(Filters(text="%")) == ["by 50% in June."[-12:]]
    assert texts(Filters(actor="%")) == [] and len(texts(Filters(actor="canad"))) == 2


def test_store_stats_table_is_readable(tmp_path, capsys):
    db = str(tmp_path / "t.db")
    with Store.open(db) as s:
        fill(s)
    assert main(["stats", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "{" not in out and "[" not in out
    line = next(x for x in out.splitlines() if x.startswith("events_by_documents"))
    assert "1 document: 6 events" in line and "2 documents: 1 events" in line
    assert next(x for x in out.splitlines() if x.startswith("pipeline_versions")).endswith(V)
