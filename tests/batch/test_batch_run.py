"""`tacitus batch` on a local Dask cluster: same events as `tacitus extract`, month partitions, the export's
schema, coded errors for bad documents, a rerun that does nothing, a killed worker, `tacitus ingest` of it."""
from __future__ import annotations

import json

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
    """slice.jsonl (16 corpus articles over several months, then 3 bad lines), odd.jsonl.gz (two articles
    around one whose text spaCy cannot tokenize), extra.parquet (two more articles); one batch run over the
    three, and `tacitus extract` of slice.jsonl and extra.jsonl (extra.parquet's articles as JSONL)."""
    import gzip

    import pyarrow as pa
    import pyarrow.parquet as pq

    d = tmp_path_factory.mktemp("batch")
    lines = corpus_lines(22, 20)
    (d / "slice.jsonl").write_text("\n".join(lines[:16] + BAD_LINES) + "\n", encoding="utf-8")
    odd_doc = json.dumps({"id": "broken-text", "published": "2024-05-02", "text": BROKEN_TEXT})
    with gzip.open(d / "odd.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write("\n".join([lines[16], odd_doc, lines[17]]) + "\n")
    (d / "good.jsonl").write_text("\n".join([lines[16], lines[17]]) + "\n", encoding="utf-8")
    (d / "extra.jsonl").write_text("\n".join(lines[18:20]) + "\n", encoding="utf-8")
    extra = [json.loads(x) for x in lines[18:20]]
    cols = ("id", "published", "source_country", "language", "text")
    pq.write_table(pa.table({k: [r.get(k) for r in extra] for k in cols}), d / "extra.parquet")
    first = run(["batch", "slice.jsonl", "odd.jsonl.gz", "extra.parquet", "--out", "out", "--workers", "2",
                 "--chunk-size", "3"], cwd=d)
    ref = run(["extract", "slice.jsonl", "extra.jsonl", "--format", "jsonl"], cwd=d)
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
    assert len(odd) == 1 and odd[0]["code"].startswith("E") and "odd.jsonl.gz:2" == odd[0]["origin"]
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
    assert len(chunks) == 8 and len({c["worker"] for c in chunks}) <= 2
    assert {c["pipeline_loads"] for c in chunks} == {1}  # loaded once per worker process, not per task


def test_rerun_does_nothing(work):
    d, _, _ = work
    files = {p: p.stat().st_mtime_ns for p in (d / "out").rglob("*.parquet")}
    again = run(["batch", "slice.jsonl", "odd.jsonl.gz", "extra.parquet", "--out", "out", "--workers", "2",
                 "--chunk-size", "3", "--format", "json"], cwd=d)
    summary = json.loads(again.stdout)
    assert (summary["chunks_run"], summary["documents_run"], summary["chunks_skipped"]) == (0, 0, 8)
    assert summary["dashboard"] is None  # no cluster was even started
    assert {p: p.stat().st_mtime_ns for p in (d / "out").rglob("*.parquet")} == files
    assert again.returncode == 1 and len(jsonl((d / "out" / "errors.jsonl").read_text())) == 4


def test_an_edited_input_reruns_only_its_changed_chunks(work, tmp_path):
    import shutil

    d, _, _ = work
    shutil.copytree(d / "out", tmp_path / "out")
    shutil.copy(d / "extra.parquet", tmp_path / "extra.parquet")
    lines = (d / "slice.jsonl").read_text(encoding="utf-8").splitlines()
    (tmp_path / "slice.jsonl").write_text("\n".join(lines[:3] + lines[4:16]) + "\n", encoding="utf-8")
    (tmp_path / "odd.jsonl.gz").write_bytes(__import__("gzip").compress((d / "good.jsonl").read_bytes()))
    res = run(["batch", "slice.jsonl", "odd.jsonl.gz", "extra.parquet", "--out", "out", "--workers", "1",
               "--chunk-size", "3", "--format", "json"], cwd=tmp_path)
    s = json.loads(res.stdout)
    # slice.jsonl lost one article: its chunk 0 stays, the others shifted; odd.jsonl.gz changed; extra.parquet not
    assert (s["chunks_skipped"], s["chunks_run"], res.returncode) == (2, 5, 0), res.stderr
    got = output_events(tmp_path / "out")
    assert {e["doc_id"] for e in got} == {e["doc_id"] for e in output_events(d / "out")} - {
        json.loads(lines[3])["id"]}
    assert len(list((tmp_path / "out" / "documents").rglob("*.parquet"))) == sum(
        len([f for f in c["files"] if f.startswith("documents/")]) for c in manifest(tmp_path / "out")["chunks"].values())


def test_the_same_documents_from_another_format_are_already_done(work, tmp_path):
    import gzip
    import shutil

    d, _, _ = work
    shutil.copytree(d / "out", tmp_path / "out")
    (tmp_path / "extra.jsonl.gz").write_bytes(gzip.compress((d / "extra.jsonl").read_bytes()))
    res = run(["batch", "extra.jsonl.gz", "--out", "out", "--format", "json"], cwd=tmp_path)
    assert json.loads(res.stdout)["chunks_skipped"] == 1 and json.loads(res.stdout)["chunks_run"] == 0


def test_ingest_reads_the_batch_output_without_extracting(work, tmp_path):
    d, _, _ = work
    a = run(["ingest", str(d / "out"), "--db", "a.db", "--format", "json"], cwd=tmp_path)
    b = run(["ingest", str(d / "slice.jsonl"), str(d / "good.jsonl"), str(d / "extra.jsonl"), "--db", "b.db",
             "--format", "json"], cwd=tmp_path)
    sa, sb = json.loads(a.stdout), json.loads(b.stdout)
    assert a.returncode == 0 and sa["totals"] == sb["totals"] and sa["stored"] == 20
    assert sa["seconds"] < sb["seconds"]
    for db in ("a", "b"):
        run(["export", "--db", f"{db}.db", "--format", "jsonl", "--output", f"{db}.jsonl"], cwd=tmp_path)
    assert (tmp_path / "a.jsonl").read_text() == (tmp_path / "b.jsonl").read_text()
    assert jsonl((tmp_path / "a.jsonl").read_text())


def test_survives_a_worker_killed_mid_run(work, tmp_path):
    import subprocess

    import psutil
    from batchhelpers import TACITUS, kill_a_worker_mid_run

    d, _, ref = work
    proc = subprocess.Popen([TACITUS, "batch", str(d / "slice.jsonl"), "--out", "out", "--workers", "2",
                             "--chunk-size", "2", "--no-progress"], cwd=tmp_path, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    killed = kill_a_worker_mid_run(proc, tmp_path / "out", total_chunks=8)
    _, err = proc.communicate(timeout=900)
    assert killed is not None, "the run ended before a worker could be killed"
    assert proc.returncode == 1, err  # the bad lines of slice.jsonl
    m = manifest(tmp_path / "out")
    assert len(m["chunks"]) == 8 and all(c["extracted"] == c["documents"] for c in m["chunks"].values())
    in_slice = {json.loads(x)["id"] for x in (d / "slice.jsonl").read_text().splitlines()[:16]}
    assert output_events(tmp_path / "out") == [e for e in ref if e["doc_id"] in in_slice]
    assert not psutil.pid_exists(killed) or psutil.Process(killed).status() == psutil.STATUS_ZOMBIE


def test_a_terminal_gets_a_progress_bar(work):
    import shutil
    import subprocess

    from batchhelpers import TACITUS

    d, _, _ = work
    if not shutil.which("script"):
        pytest.skip("util-linux `script` (to give the command a terminal) is not installed")
    # `script` gives the command a terminal (of 100 columns: a new pty has none, and tqdm draws nothing then)
    cmd = f"stty cols 100 rows 40; {TACITUS} batch slice.jsonl odd.jsonl.gz extra.parquet --out out --chunk-size 3"
    res = subprocess.run(["script", "-qec", cmd, "/dev/null"], cwd=d, capture_output=True, text=True, timeout=300)
    assert "batch:   0%|" in res.stdout and "| 0/24 [" in res.stdout  # every record counted, skipped or not
    assert "tacitus: batch: 0 chunk(s) extracted" in res.stdout


SCHEDULER = 'tacitus batch articles/ --out out/ --scheduler "$(cat scheduler.txt)"'


def test_batch_on_a_running_scheduler_as_documented(work, tmp_path):
    import os
    import subprocess
    import sys

    from testpaths import ROOT
    from distributed import LocalCluster

    from batchhelpers import doc_lines

    assert SCHEDULER in doc_lines(ROOT / "benchmarks" / "README.md", "tacitus batch")
    d, _, ref = work
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "extra.jsonl").write_bytes((d / "extra.jsonl").read_bytes())
    with LocalCluster(n_workers=1, threads_per_worker=1, host="127.0.0.1", dashboard_address=":0") as cluster:
        (tmp_path / "scheduler.txt").write_text(cluster.scheduler_address + "\n", encoding="utf-8")
        env = {**os.environ, "PATH": f"{os.path.dirname(sys.executable)}{os.pathsep}{os.environ['PATH']}"}
        res = subprocess.run(["bash", "-c", SCHEDULER], cwd=tmp_path, env=env, capture_output=True, text=True,
                             timeout=900)
    assert res.returncode == 0, res.stderr
    ids = {json.loads(x)["id"] for x in (d / "extra.jsonl").read_text().splitlines()}
    assert output_events(tmp_path / "out") == [e for e in ref if e["doc_id"] in ids]
    assert manifest(tmp_path / "out")["runs"][-1]["scheduler"] == cluster.scheduler_address
