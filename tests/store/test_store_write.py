"""The one write path: documents, mentions, merged events, duplicates, re-ingest, --force."""
from __future__ import annotations

from storehelpers import FakePipeline, doc, event, store  # noqa: F401

from tacitus.store.ingest import ingest

V = "test-pipeline-1"


def write(s, d, evs):
    return s.write_document(d, evs, pipeline_version=V)


def test_store_write_document_with_events(store):  # noqa: F811
    r = write(store, doc("a"), [event("a"), event("a", type="CONSULT", trigger="met", sentence="They met.", start=50)])
    assert (r.mentions, r.new_events, r.merged) == (2, 2, 0)
    st = store.stats()
    assert (st["documents"], st["events"], st["mentions"], st["duplicates"]) == (1, 2, 2, 0)
    assert store.db.scalar("SELECT pipeline_version FROM mentions LIMIT 1") == V


def test_store_write_merges_same_event_across_articles(store):  # noqa: F811
    write(store, doc("a", source="Toronto Star"), [event("a")])
    write(store, doc("b", source="Rubryka", published="2024-03-02"),
          [event("b", trigger="deploy", sentence="Canada is to deploy soldiers to Ukraine.")])
    r = write(store, doc("c", source="Rubryka", published="2024-03-02"), [event("c")])
    assert r.merged == 1
    rows = store.db.query("SELECT * FROM events")
    assert len(rows) == 1
    e = rows[0]
    assert (e["n_mentions"], e["n_documents"], e["n_sources"], e["corroboration"]) == (3, 3, 2, 2)
    assert (e["first_seen"], e["last_seen"]) == ("2024-03-01", "2024-03-02")


def test_store_write_keeps_negation_apart_and_flags_contradiction(store):  # noqa: F811
    write(store, doc("a"), [event("a", modality="planned")])
    r = write(store, doc("b"), [event("b", modality="negated", sentence="Canada will not send troops to Ukraine.")])
    assert r.new_events == 1 and r.contradictions == 1
    assert store.db.scalar("SELECT COUNT(*) AS n FROM events WHERE contradicted = 1") == 2
    assert store.db.scalar("SELECT COUNT(*) AS n FROM contradictions") == 2


def test_store_write_does_not_merge_different_actors_or_times(store):  # noqa: F811
    write(store, doc("a"), [event("a")])
    write(store, doc("b"), [event("b", actor="FRA")])
    write(store, doc("c"), [event("c", day="2024-05-01")])
    assert store.stats()["events"] == 3


def test_store_write_replaces_same_id(store):  # noqa: F811
    write(store, doc("a"), [event("a")])
    write(store, doc("b"), [event("b")])
    write(store, doc("a", text="A new version of article a with nothing in it. " * 5), [])
    st = store.stats()
    assert (st["documents"], st["events"], st["mentions"]) == (2, 1, 1)
    assert store.db.scalar("SELECT n_documents FROM events") == 1


def corpus():
    base = "Intro line of the story.\nCanada will send troops to Ukraine, the minister said.\n" + \
        " ".join(f"filler{i}" for i in range(80))
    return [
        doc("a", base, source="Outlet A"),
        doc("b", "Other story.\nFrance could send troops to Ukraine.\n" + " ".join(f"other{i}" for i in range(80)),
            source="Outlet B"),
        doc("a-copy", base, source="Outlet C"),                                  # exact re-publication
        doc("a-update", base.replace("Intro", "UPDATED: intro"), source="Outlet A"),  # near duplicate
        doc("c", "Third.\nCanada to send troops to Ukraine.\n" + " ".join(f"third{i}" for i in range(80)),
            published="2024-03-02", source="Outlet D"),
    ]


def test_store_ingest_duplicates_linked_not_counted(store):  # noqa: F811
    fake = FakePipeline()
    s = ingest(store, corpus(), pipeline_factory=lambda: fake, pipeline_version=V)
    assert (s.stored, s.duplicates, s.skipped) == (5, 2, 0)
    assert "a-copy" not in fake.seen and "a-update" not in fake.seen   # duplicates are not re-extracted
    rows = {r["id"]: r for r in store.db.query("SELECT id, duplicate_of, duplicate_kind FROM documents")}
    assert rows["a-copy"]["duplicate_of"] == "a" and rows["a-copy"]["duplicate_kind"] == "exact"
    assert rows["a-update"]["duplicate_of"] == "a" and rows["a-update"]["duplicate_kind"] == "near"
    st = store.stats()
    assert (st["documents"], st["duplicates"], st["mentions"]) == (5, 2, 3)
    canada = store.db.query("SELECT * FROM events WHERE actor_country = 'CAN'")
    assert len(canada) == 1   # the fake pipeline codes every "send" line as CAN -> UKR
    docs = {r["doc_id"] for r in store.db.query("SELECT doc_id FROM mentions")}
    assert docs == {"a", "b", "c"} and canada[0]["n_documents"] == 3   # not the copies


def test_store_ingest_rerun_adds_nothing_and_force_redoes(store):  # noqa: F811
    ingest(store, corpus(), pipeline_factory=FakePipeline, pipeline_version=V)
    before = store.stats()
    fake = FakePipeline()
    s = ingest(store, corpus(), pipeline_factory=lambda: fake, pipeline_version=V)
    assert (s.stored, s.skipped) == (0, 5) and fake.seen == []
    assert store.stats() == before
    s = ingest(store, corpus(), pipeline_factory=FakePipeline, pipeline_version=V, force=True)
    assert s.stored == 5
    after = store.stats()
    for k in ("documents", "duplicates", "events", "mentions"):
        assert after[k] == before[k], k


def test_store_remerge_reproduces_ingest_merges(store):  # noqa: F811
    write(store, doc("a", source="A"), [event("a", modality="planned")])
    write(store, doc("b", source="B", published="2024-03-02"),
          [event("b", modality="planned", day="2024-03-02", trigger="deploy",
                 sentence="Canada plans to deploy soldiers to Ukraine.")])
    write(store, doc("c", source="C", published="2024-03-02"),
          [event("c", modality="negated", day="2024-03-02", sentence="Canada will not send troops to Ukraine.")])
    mapping = lambda: sorted(  # noqa: E731
        (r["id"], r["event_id"]) for r in store.db.query("SELECT id, event_id FROM mentions"))
    before, stats = mapping(), store.stats()
    res = store.remerge()
    assert res == {"mentions": 3, "events": 2, "contradictions": 1}
    assert mapping() == before
    after = store.stats()
    for k in ("events", "mentions", "merged_events", "contradicted_events"):
        assert after[k] == stats[k], k


def test_store_cli_remerge_alone(tmp_path, capsys):
    from storehelpers import Store

    from tacitus.cli import main

    db = str(tmp_path / "t.db")
    with Store.open(db) as s:
        write(s, doc("a"), [event("a")])
        write(s, doc("b"), [event("b")])
    assert main(["ingest", "--remerge", "--db", db, "--format", "json"]) == 0
    assert '"events": 1' in capsys.readouterr().out
    assert main(["ingest", "--db", db]) == 2
    assert "give at least one PATH" in capsys.readouterr().err
