"""The one write path: documents, mentions, merged events, duplicates, re-ingest, --force."""
from __future__ import annotations

from storehelpers import FakePipeline, corpus_docs, doc, event, store  # noqa: F401

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
    return corpus_docs()


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


# --- replacing an original: its copies stay linked, or become originals and are extracted ---


def consistent(store):  # noqa: F811
    st = store.stats()
    assert st["duplicates"] == st["exact_duplicates"] + st["near_duplicates"]
    assert st["awaiting_extraction"] == 0
    orphans = store.db.scalar("SELECT COUNT(*) AS n FROM documents WHERE duplicate_of IS NULL "
                              "AND duplicate_kind IS NOT NULL")
    assert orphans == 0
    return st


def kinds(store):  # noqa: F811
    return {r["id"]: (r["duplicate_of"], r["duplicate_kind"])
            for r in store.db.query("SELECT id, duplicate_of, duplicate_kind FROM documents")}


def test_store_force_on_an_original_keeps_its_copies_linked(store):  # noqa: F811
    ingest(store, corpus(), pipeline_factory=FakePipeline, pipeline_version=V)
    before = kinds(store)
    fake = FakePipeline()
    s = ingest(store, [d for d in corpus() if d.id == "a"], pipeline_factory=lambda: fake,
               pipeline_version=V, force=True)
    assert s.stored == 1 and fake.seen == ["a"]
    assert kinds(store) == before
    assert kinds(store)["a-copy"] == ("a", "exact") and kinds(store)["a-update"] == ("a", "near")
    st = consistent(store)
    assert (st["duplicates"], st["exact_duplicates"], st["near_duplicates"]) == (2, 1, 1)


def test_store_an_original_with_new_text_releases_its_copies_and_they_are_extracted(store):  # noqa: F811
    ingest(store, corpus(), pipeline_factory=FakePipeline, pipeline_version=V)
    fake = FakePipeline()
    rewritten = doc("a", "Canada will send troops to Poland, the minister said.\n" + " ".join(f"new{i}" for i in range(80)))
    s = ingest(store, [rewritten], pipeline_factory=lambda: fake, pipeline_version=V)
    assert fake.seen == ["a", "a-copy"] and s.released == 2    # a-update is a near copy of a-copy now
    k = kinds(store)
    assert k["a"] == (None, None) and k["a-copy"] == (None, None) and k["a-update"] == ("a-copy", "near")
    st = consistent(store)
    assert st["duplicates"] == 1
    assert {r["doc_id"] for r in store.db.query("SELECT doc_id FROM mentions")} == {"a", "a-copy", "b", "c"}


def test_store_copies_released_by_an_interrupted_run_are_extracted_by_the_next(store):  # noqa: F811
    ingest(store, corpus(), pipeline_factory=FakePipeline, pipeline_version=V)
    r = store.write_document(doc("a", "An unrelated story about the weather. " * 20), [], pipeline_version=V)
    assert set(r.released) == {"a-copy", "a-update"}      # ... and the process died here
    assert store.stats()["awaiting_extraction"] == 2
    fake = FakePipeline()
    s = ingest(store, [], pipeline_factory=lambda: fake, pipeline_version=V)
    assert fake.seen == ["a-copy"] and s.released == 2
    consistent(store)


def test_store_migration_repairs_copies_orphaned_by_older_versions(tmp_path):
    from storehelpers import Store

    path = str(tmp_path / "old.db")
    with Store.open(path) as st:
        ingest(st, corpus(), pipeline_factory=FakePipeline, pipeline_version=V)
        # what the old _remove_document left behind: the link cleared, the kind kept
        st.db.execute("UPDATE documents SET duplicate_of = NULL WHERE id = 'a-copy'")
        st.db.execute("DELETE FROM schema_version WHERE version = 5")  # M5 repairs them
    with Store.open(path) as st:
        assert st.stats()["awaiting_extraction"] == 1
        fake = FakePipeline()
        ingest(st, [], pipeline_factory=lambda: fake, pipeline_version=V)
        assert fake.seen == [] and kinds(st)["a-copy"] == ("a", "exact")   # re-linked, not re-extracted
        consistent(st)
