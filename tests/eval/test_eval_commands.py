"""`tacitus eval` / `tacitus bench` through tacitus.cli.main, and the regression gate's logic."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tacitus.cli import main
from tacitus.eval import commands, gate

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT.parent / "shared" / "benchmarks"

PLV_HEADER = "\tsentence_id\tsentence\tmarked_sentence\tsource\ttarget\tgold_penta\tsilver_penta\tsilver_root\tgold_root\n"
PLV_ROWS = [
    ("1", "<s>Russia</s> attacked <t>Ukraine</t>.", "Russia", "Ukraine", "4", "ASSAULT"),
    ("2", "<s>France</s> met <t>Germany</t> in Paris.", "France", "Germany", "1", "CONSULT"),
    ("3", "<s>Canada</s> sent aid to <t>Ukraine</t>.", "Canada", "Ukraine", "2", "AID"),
]


class StubPipeline:
    """Predicts nothing: every benchmark must still produce a full report."""

    def __init__(self):
        self.calls = 0

    def extract_text(self, text, *, published=None, doc_id="t"):
        self.calls += 1
        return []


@pytest.fixture
def tiny_plv(tmp_path: Path) -> Path:
    d = tmp_path / "benchmarks" / "plv"
    d.mkdir(parents=True)
    lines = [PLV_HEADER]
    for sid, marked, s, t, penta, root in PLV_ROWS:
        plain = marked.replace("<s>", "").replace("</s>", "").replace("<t>", "").replace("</t>", "")
        lines.append(f"0\t{sid}\t{plain}\t{marked}\t{s}\t{t}\t{penta}\t{penta}\t{root}\t{root}\n")
    (d / "datasets_PLV_train.tsv").write_text("".join(lines), encoding="utf-8")
    return d


@pytest.fixture
def stub(monkeypatch) -> StubPipeline:
    s = StubPipeline()
    monkeypatch.setattr(commands, "make_pipeline", lambda: s)
    return s


# ---------------------------------------------------------------- help

def test_eval_help(capsys):
    with pytest.raises(SystemExit) as e:
        main(["eval", "--help"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    for word in ("BENCHMARK", "--format", "--report", "--update-baseline", "--allow-lower", "plover-gsr", "ecbplus"):
        assert word in out
    assert "--limit" not in out  # hidden


def test_bench_help(capsys):
    with pytest.raises(SystemExit) as e:
        main(["bench", "--help"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    assert "--processes" in out and "PATH" in out


def test_eval_needs_a_benchmark(capsys):
    assert main(["eval"]) == 2
    assert "needs a BENCHMARK" in capsys.readouterr().err


def test_eval_unknown_benchmark(capsys, tmp_path):
    assert main(["eval", "nope", str(tmp_path)]) == 2
    assert "unknown benchmark" in capsys.readouterr().err


# ---------------------------------------------------------------- eval on a tiny slice

def test_eval_json_shape_with_stub(tiny_plv, stub, capsys, tmp_path):
    rc = main(["eval", "plv", str(tiny_plv), "--format", "json", "--limit", "2", "--seed", "0",
               "--report", str(tmp_path / "r.json")])
    assert rc == 0
    data = json.loads(capsys.readouterr().out)
    assert {"benchmark", "n", "metrics", "baselines"} <= set(data)
    assert data["benchmark"] == "plv" and data["n"] == 2 and stub.calls == 2
    assert {"p", "r", "f1"} <= set(data["metrics"]["type"])
    assert data["metrics"]["type"]["f1"] == 0.0           # the stub predicts nothing
    assert "most frequent class" in data["baselines"] and "nothing" in data["baselines"]
    assert data["published"] and all("source" in p for p in data["published"])
    rep = json.loads((tmp_path / "r.json").read_text())
    assert rep["benchmark"] == "plv" and "confusion" in rep and "meta" in rep


def test_eval_table_and_markdown_report(tiny_plv, stub, capsys, tmp_path):
    rc = main(["eval", "plv", str(tiny_plv), "--report", str(tmp_path / "r.md")])
    assert rc == 0
    out = capsys.readouterr().out
    assert "baseline: most frequent class" in out and "confusion (type)" in out
    md = (tmp_path / "r.md").read_text()
    assert md.startswith("# Tacitus on plv")
    assert "| **tacitus** | type |" in md and "## Published numbers" in md and "Hu et al." in md
    assert "## Confusion: type" in md and "## Error examples" in md


def test_eval_missing_data(stub, capsys, tmp_path):
    assert main(["eval", "plv", str(tmp_path / "absent")]) == 2
    assert "not found" in capsys.readouterr().err


@pytest.mark.slow
def test_eval_real_slice(capsys):
    if not (BENCH / "plover-gsr").exists():
        pytest.skip("../shared/benchmarks/plover-gsr not found: needs the team's shared data (present in CI)")
    rc = main(["eval", "plover-gsr", str(BENCH / "plover-gsr"), "--format", "json", "--limit", "20"])
    assert rc == 0
    data = json.loads(capsys.readouterr().out)
    assert data["n"] == 20
    assert set(data["metrics"]) >= {"type", "actor", "target"}
    assert data["metrics"]["type"]["f1"] > data["baselines"]["nothing"]["type"]["f1"]


# ---------------------------------------------------------------- gate logic

def _current(scores, sha="a" * 64, n=10, limit=10):
    return {"plv": {"limit": limit, "slice_seed": 0, "n": n, "gold_sha256": {"datasets_PLV_train.tsv": sha},
                    "scores": dict(scores), "seconds": 1.0}}


def test_gate_drop_fails_rise_passes(tmp_path):
    path = tmp_path / "baseline.json"
    gate.save_baseline(gate.updated({}, _current({"type.f1": 0.50, "penta.f1": 0.60})), path)
    base = gate.load_baseline(path)
    assert base["tolerance"] == gate.TOLERANCE
    same = gate.compare(base, _current({"type.f1": 0.50, "penta.f1": 0.60}))
    assert same.ok and not same.drops and not same.rises
    drop = gate.compare(base, _current({"type.f1": 0.48, "penta.f1": 0.60}))
    assert not drop.ok and drop.drops == [("plv", "type.f1", 0.50, 0.48)]
    assert "DROP  plv type.f1" in drop.summary() and "gate: FAIL" in drop.summary()
    within = gate.compare(base, _current({"type.f1": 0.497, "penta.f1": 0.60}))  # 0.3 points < 0.5
    assert within.ok and within.within
    rise = gate.compare(base, _current({"type.f1": 0.55, "penta.f1": 0.60}))
    assert rise.ok and rise.rises and "--update" in rise.summary()


def test_gate_update_raises_floors_and_lowering_needs_flag(tmp_path):
    base = gate.updated({}, _current({"type.f1": 0.50}))
    raised = gate.updated(base, _current({"type.f1": 0.55}))
    assert raised["benchmarks"]["plv"]["scores"]["type.f1"] == 0.55
    # within tolerance: the floor stays where it was (floors only rise)
    kept = gate.updated(raised, _current({"type.f1": 0.548}))
    assert kept["benchmarks"]["plv"]["scores"]["type.f1"] == 0.55
    with pytest.raises(gate.LoweringRefused, match="--allow-lower"):
        gate.updated(raised, _current({"type.f1": 0.40}))
    with pytest.raises(gate.LoweringRefused, match="--reason"):
        gate.updated(raised, _current({"type.f1": 0.40}), allow_lower=True)
    lowered = gate.updated(raised, _current({"type.f1": 0.40}), allow_lower=True, reason="new gold labels")
    assert lowered["benchmarks"]["plv"]["scores"]["type.f1"] == 0.40
    assert lowered["history"][-1]["reason"] == "new gold labels"


def test_gate_changed_gold_is_reported(tmp_path, tiny_plv):
    root = tiny_plv.parent
    sha1 = gate.gold_sha256("plv", root)
    assert set(sha1) == {"datasets_PLV_train.tsv"} and len(sha1["datasets_PLV_train.tsv"]) == 64
    base = gate.updated({}, {"plv": {"limit": None, "slice_seed": 0, "n": 3, "gold_sha256": sha1, "scores": {"type.f1": 0.5}}})
    f = tiny_plv / "datasets_PLV_train.tsv"
    f.write_text(f.read_text().replace("ASSAULT", "COERCE"))
    sha2 = gate.gold_sha256("plv", root)
    assert sha2 != sha1
    res = gate.compare(base, {"plv": {"limit": None, "slice_seed": 0, "n": 3, "gold_sha256": sha2,
                                      "scores": {"type.f1": 0.5}}})
    assert not res.ok and res.gold_changed and "GOLD CHANGED  plv datasets_PLV_train.tsv" in res.summary()
    with pytest.raises(gate.LoweringRefused):
        gate.updated(base, {"plv": {"limit": None, "slice_seed": 0, "n": 3, "gold_sha256": sha2, "scores": {"type.f1": 0.5}}})


def test_gate_main_on_temp_baseline(tmp_path, tiny_plv, monkeypatch, capsys):
    """gate_main end to end with a fake measurement: update, check, drop, refused lowering, allowed lowering."""
    path = tmp_path / "eval" / "baseline.json"
    scores = {"type.f1": 0.5}
    monkeypatch.setattr(gate, "measure", lambda names, root, pipeline=None, **kw: _current(scores))
    root = tiny_plv.parent
    assert gate.gate_main(baseline=path, root=root, only=["plv"]) == 2          # no baseline yet
    assert gate.gate_main(baseline=path, root=root, only=["plv"], update=True) == 0
    assert gate.gate_main(baseline=path, root=root, only=["plv"]) == 0
    scores["type.f1"] = 0.45
    assert gate.gate_main(baseline=path, root=root, only=["plv"]) == 1
    assert "DROP" in capsys.readouterr().out
    assert gate.gate_main(baseline=path, root=root, only=["plv"], update=True) == 1
    assert gate.load_baseline(path)["benchmarks"]["plv"]["scores"]["type.f1"] == 0.5
    assert gate.main(["--baseline", str(path), "--root", str(root), "--only", "plv", "--update",
                      "--allow-lower", "--reason", "test"]) == 0
    assert gate.load_baseline(path)["benchmarks"]["plv"]["scores"]["type.f1"] == 0.45
    # the CLI spelling reaches the same code
    scores["type.f1"] = 0.47
    monkeypatch.setattr(commands, "make_pipeline", lambda: StubPipeline())
    assert main(["eval", "plv", str(root / "plv"), "--update-baseline", "--baseline", str(path)]) == 0
    assert gate.load_baseline(path)["benchmarks"]["plv"]["scores"]["type.f1"] == 0.47
    assert main(["eval", "--gate", "--root", str(root), "--baseline", str(path)]) == 0
    assert "gate: PASS" in capsys.readouterr().out


def test_flat_scores_keeps_numbers_only():
    flat = gate.flat_scores({"type": {"p": 0.5, "f1": 0.4, "accuracy": 0.3, "per_class": {}},
                             "cameo_root": {"f1": None, "accuracy": 0.06}})
    assert flat == {"type.f1": 0.4, "type.accuracy": 0.3, "cameo_root.accuracy": 0.06}


def test_split_chunks():
    from tacitus.eval.bench import split_chunks
    assert split_chunks([10, 10, 10, 10], 2) == [(0, 2), (2, 4)]
    assert split_chunks([1], 2) == [(0, 1), (1, 1)]
    assert split_chunks([5, 5, 5], 1) == [(0, 3)]


# ---------------------------------------------------------------- bench

@pytest.mark.slow
def test_bench_three_documents(tmp_path, capsys):
    docs = [{"id": f"d{i}", "text": t, "published": "2024-03-01"} for i, t in enumerate([
        "Russian forces shelled Kharkiv on Monday, Ukrainian officials said.",
        "Canada will send 60 military trainers to Ukraine, the defence minister announced.",
        "Protesters rallied in Tbilisi against the foreign agents law on Sunday."])]
    f = tmp_path / "docs.jsonl"
    f.write_text("".join(json.dumps(d) + "\n" for d in docs))
    rc = main(["bench", str(f), "--format", "json", "--no-progress"])
    assert rc == 0
    res = json.loads(capsys.readouterr().out)
    assert res["articles"] == 3 and res["words"] > 20
    runs = {(r["mode"], r["processes"]) for r in res["runs"]}
    assert runs == {("parse", 1), ("extract", 1), ("parse", 2), ("extract", 2)}
    for r in res["runs"]:
        assert r["seconds"] > 0 and r["articles_per_s"] > 0 and r["peak_rss_mb"] > 50
    assert set(res["ratio_extract_to_parse"]) == {"1", "2"}
    assert set(res["startup_above_model_s"]) == {"1", "2"}
    assert res["machine"]["nproc"] >= 1


def test_bench_table_reports_load_and_start_up():
    from tacitus.eval.bench import BenchRow, render

    rows = [BenchRow("parse", 1, 150, 76096, 16.4, 2.8, 822.0), BenchRow("extract", 1, 150, 76096, 19.0, 3.5, 988.0)]
    table = render({"machine": {"nproc": 2, "cpu": "AMD EPYC", "ram_gb": 23.5}, "articles": 150, "words": 76096,
                    "runs": [r.to_dict() for r in rows], "ratio_extract_to_parse": {1: 1.16},
                    "startup_above_model_s": {1: 0.7}, "parent_rss_mb": 80.0, "largest_child_rss_mb": 990.0})
    head, parse, extract = table.splitlines()[2:5]
    assert head.split()[-2:] == ["load", "s"] and parse.split()[-1] == "2.8" and extract.split()[-1] == "3.5"
    assert "start-up above loading the spaCy model (extract load s - parse load s), 1 process(es): 0.70 s" in table
