"""`tacitus batch` on a local Dask cluster: same events as `tacitus extract`, month partitions, the export's
schema, coded errors for bad documents, a rerun that does nothing, a killed worker, `tacitus ingest` of it."""
from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import pytest
from batchhelpers import BROKEN_TEXT, corpus_lines, event_table, jsonl, manifest, output_events, run

pytestmark = [pytest.mark.slow, pytest.mark.shared]

BAD_LINES = ['{"id": "broken", "text": "unterminated',
             json.dumps({"id": "blank", "published": "2024-05-01", "text": "  "}),
             json.dumps({"id": "fr", "published": "2024-05-01", "text": (
                 "Le gouvernement a annoncé que les troupes ne seront pas envoyées en Ukraine selon le ministre, "
                 "qui a parlé avec la presse après la réunion des ministres de la défense à Paris.")})]


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    """slice.jsonl (16 corpus articles over several months, then 3 bad lines), odd.jsonl (two articles
    around one whose text spaCy cannot tokenize), one batch run over both, and `tacitus extract` of slice.jsonl."""
    d = tmp_path_factory.mktemp("batch")
    lines = corpus_lines(24, 18)
    (d / "slice.jsonl").write_text("\n".join(lines[:16] + BAD_LINES) + "\n", encoding="utf-8")
    odd_doc = json.dumps({"id": "broken-text", "published": "2024-05-02", "text": BROKEN_TEXT})
    (d / "odd.jsonl").write_text("\n".join([lines[16], odd_doc, lines[17]]) + "\n", encoding="utf-8")
    (d / "good.jsonl").write_text("\n".join([lines[16], lines[17]]) + "\n", encoding="utf-8")
    first = run(["batch", "slice.jsonl", "odd.jsonl", "--out", "out", "--workers", "2", "--chunk-size", "3"], cwd=d)
    ref = run(["extract", "slice.jsonl", "--format", "jsonl"], cwd=d)
    return d, first, jsonl(ref.stdout)


def test_batch_events_equal_extract(work):
    d, first, ref = work
    assert first.returncode == 1, first.stderr  # some documents failed: reported, the batch went on
    got = output_events(d / "out")
    from_slice = [e for e in got if e["doc_id"] in {r["doc_id"] for r in ref}]
    assert len(ref) > 100 and from_slice == ref
    table = event_table(d / "out")
    assert sorted(table.column("id").to_pylist()) == sorted(e["id"] for e in got)
    rows = {r["id"]: r for r in table.to_pylist()}
    for e in ref:
        r = rows[e["id"]]
        assert (r["doc_id"], r["type"], r["modality"], r["trigger"], r["evidence"]) == (
            e["doc_id"], e["type"], e["modality"], e["evidence"]["trigger"], e["evidence"]["sentence"])
        assert round(r["confidence"], 3) == e["confidence"]
        assert r["actor_country"] == (e["actor"] or {}).get("country")


def test_partitions_are_publication_months_with_the_export_schema(work):
    import pyarrow.parquet as pq

    from tacitus.export.formats import parquet_schema

    d, _, _ = work
    months = {json.loads(line)["published"][:7] for line in (d / "slice.jsonl").read_text().splitlines()[:16]}
    parts = {p.name.split("=", 1)[1] for p in (d / "out" / "events").iterdir()}
    assert len(months) >= 4 and months <= parts
    want = parquet_schema()
    for f in (d / "out" / "events").rglob("*.parquet"):
        s = pq.read_schema(f)
        assert [(x.name, x.type) for x in s] == [(x.name, x.type) for x in want]
        assert s.metadata[b"tacitus.pipeline_version"] == want.metadata[b"tacitus.pipeline_version"]
        month = f.parent.name.split("=", 1)[1]
        for r in pq.read_table(f).to_pylist():
            assert r["first_seen"].strftime("%Y-%m") == month and r["n_mentions"] == 1


def test_bad_documents_go_to_the_errors_file_with_their_code(work):
    d, first, _ = work
    errors = jsonl((d / "out" / "errors.jsonl").read_text(encoding="utf-8"))
    by_origin = {e["origin"]: e for e in errors}
    assert {by_origin[f"slice.jsonl:{n}"]["code"] for n in (17, 18, 19)} == {"E108", "E104", "E107"}
    odd = [e for e in errors if e.get("doc_id") == "broken-text"]
    assert len(odd) == 1 and odd[0]["code"].startswith("E") and "odd.jsonl:2" == odd[0]["origin"]
    assert len(errors) == 4
    # the other two articles of that chunk were extracted
    docs = {doc.id for doc, _ in __import__("tacitus.batch", fromlist=["read_output"]).read_output(d / "out")}
    assert {json.loads(x)["id"] for x in (d / "good.jsonl").read_text().splitlines()} <= docs
    lines = first.stderr.strip().splitlines()
    assert "Traceback" not in first.stderr
    assert sum(1 for x in lines if x.startswith("tacitus: ") and "[E" in x) == 4
    assert any(x.startswith("tacitus: Dask dashboard http://127.0.0.1:") for x in lines)


def test_one_pipeline_per_worker(work):
    d, _, _ = work
    chunks = manifest(d / "out")["chunks"].values()
    assert len(chunks) == 7 and len({c["worker"] for c in chunks}) <= 2
    assert {c["pipeline_loads"] for c in chunks} == {1}  # loaded once per worker process, not per task


def test_rerun_does_nothing(work):
    d, _, _ = work
    files = {p: p.stat().st_mtime_ns for p in (d / "out").rglob("*.parquet")}
    again = run(["batch", "slice.jsonl", "odd.jsonl", "--out", "out", "--workers", "2", "--chunk-size", "3",
                 "--format", "json"], cwd=d)
    summary = json.loads(again.stdout)
    assert (summary["chunks_run"], summary["documents_run"], summary["chunks_skipped"]) == (0, 0, 7)
    assert summary["dashboard"] is None  # no cluster was even started
    assert {p: p.stat().st_mtime_ns for p in (d / "out").rglob("*.parquet")} == files
    assert again.returncode == 1 and len(jsonl((d / "out" / "errors.jsonl").read_text())) == 4


def test_an_edited_input_reruns_only_its_changed_chunks(work, tmp_path):
    import shutil

    d, _, _ = work
    shutil.copytree(d / "out", tmp_path / "out")
    lines = (d / "slice.jsonl").read_text(encoding="utf-8").splitlines()
    (tmp_path / "slice.jsonl").write_text("\n".join(lines[:3] + lines[4:16]) + "\n", encoding="utf-8")
    (tmp_path / "odd.jsonl").write_text((d / "good.jsonl").read_text(encoding="utf-8"), encoding="utf-8")
    res = run(["batch", "slice.jsonl", "odd.jsonl", "--out", "out", "--workers", "1", "--chunk-size", "3",
               "--format", "json"], cwd=tmp_path)
    s = json.loads(res.stdout)
    # chunk 1 of slice.jsonl onwards shifted (one article removed); chunk 0 and nothing else stays
    assert (s["chunks_skipped"], s["chunks_run"], res.returncode) == (1, 5, 0), res.stderr
    got = output_events(tmp_path / "out")
    assert {e["doc_id"] for e in got} == {e["doc_id"] for e in output_events(d / "out")} - {
        json.loads(lines[3])["id"]}
    assert len(list((tmp_path / "out" / "documents").rglob("*.parquet"))) == sum(
        len([f for f in c["files"] if f.startswith("documents/")]) for c in manifest(tmp_path / "out")["chunks"].values())


def test_ingest_reads_the_batch_output_without_extracting(work, tmp_path):
    d, _, _ = work
    a = run(["ingest", str(d / "out"), "--db", "a.db", "--format", "json"], cwd=tmp_path)
    b = run(["ingest", str(d / "slice.jsonl"), str(d / "good.jsonl"), "--db", "b.db", "--format", "json"],
            cwd=tmp_path)
    sa, sb = json.loads(a.stdout), json.loads(b.stdout)
    assert a.returncode == 0 and sa["totals"] == sb["totals"] and sa["stored"] == 18
    assert sa["seconds"] < sb["seconds"]
    for db in ("a", "b"):
        run(["export", "--db", f"{db}.db", "--format", "jsonl", "--output", f"{db}.jsonl"], cwd=tmp_path)
    assert (tmp_path / "a.jsonl").read_text() == (tmp_path / "b.jsonl").read_text()
    assert jsonl((tmp_path / "a.jsonl").read_text())


def test_survives_a_worker_killed_mid_run(work, tmp_path):
    import subprocess

    import psutil
    from batchhelpers import TACITUS

    d, _, ref = work
    proc = subprocess.Popen([TACITUS, "batch", str(d / "slice.jsonl"), "--out", "out", "--workers", "2",
                             "--chunk-size", "2", "--no-progress"], cwd=tmp_path, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    killed = None
    deadline = time.monotonic() + 600
    while proc.poll() is None and time.monotonic() < deadline and killed is None:
        m = tmp_path / "out" / "manifest.json"
        if m.exists() and len(json.loads(m.read_text())["chunks"]) >= 1:
            workers = [c for c in psutil.Process(proc.pid).children() if "spawn" in " ".join(c.cmdline())]
            if len(json.loads(m.read_text())["chunks"]) < 8 and workers:
                killed = workers[0].pid
                os.kill(killed, signal.SIGKILL)
        time.sleep(0.1)
    _, err = proc.communicate(timeout=600)
    assert killed is not None, "the run ended before a worker could be killed"
    assert proc.returncode == 1, err  # the bad lines of slice.jsonl
    m = manifest(tmp_path / "out")
    assert len(m["chunks"]) == 8 and all(c["extracted"] == c["documents"] for c in m["chunks"].values())
    assert output_events(tmp_path / "out") == ref
    assert not psutil.pid_exists(killed) or psutil.Process(killed).status() == psutil.STATUS_ZOMBIE
