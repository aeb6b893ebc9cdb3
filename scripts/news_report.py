#!/usr/bin/env python
"""Write eval/reports/news.md: the extractor on the news gold, dev and test, next to its own starting
point (eval/reports/news-*-baseline.json), the trivial baselines and the coders' agreement.

    .venv/bin/python scripts/news_report.py            # runs dev and test once, writes the report
    .venv/bin/python scripts/news_report.py --no-test  # dev only (while developing: test stays unseen)

Test is scored for the record only: the report shows its aggregates, never its error examples.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tacitus.eval.news import run_news  # noqa: E402

HEAD = ("detection", "usable", "usable_codeless_ok", "usable_missing_target_ok", "usable_with_time")
FIELDS = ("type", "plover_type", "modality", "actor", "actor_sector", "target", "time", "speaker", "amount", "place")


def pct(v) -> str:
    return "-" if v is None else f"{100 * v:.1f}"


def table(now: dict, before: dict | None) -> list[str]:
    out = ["| measure | P | R | F1 | before: P | before: R |", "|---|---:|---:|---:|---:|---:|"]
    for k in HEAD:
        m, b = now["metrics"][k], (before or {}).get("metrics", {}).get(k, {})
        out.append(f"| {k.replace('_', ' ')} | {pct(m['p'])} | {pct(m['r'])} | {pct(m['f1'])} | "
                   f"{pct(b.get('p'))} | {pct(b.get('r'))} |")
    out += ["", "| field (on matched events) | accuracy | P | R | before: accuracy |", "|---|---:|---:|---:|---:|"]
    for k in FIELDS:
        m, b = now["metrics"][k], (before or {}).get("metrics", {}).get(k, {})
        out.append(f"| {k} | {pct(m['accuracy'])} | {pct(m['p'])} | {pct(m['r'])} | {pct(b.get('accuracy'))} |")
    ana = now["metrics"].get("anaphora", {})
    out.append(f"| anaphora (a party the gold writes \"he\", \"we\", \"the minister\") | {pct(ana.get('accuracy'))} | - | - "
               f"| {pct((before or {}).get('metrics', {}).get('anaphora', {}).get('accuracy'))} |")
    sysb = now.get("breakdown", {}).get("system", {})
    out += ["", f"System events {sysb.get('events')}, gold events {sysb.get('gold events')}, matched "
            f"{sysb.get('matched')}, duplicates {sysb.get('duplicates')}, events without an actor code "
            f"{pct(sysb.get('share without actor code'))} %."]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--no-test", action="store_true", help="score dev only")
    args = ap.parse_args(argv)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip()
    splits = ["dev"] + ([] if args.no_test else ["test"])
    reps = {s: run_news(split=s).to_dict() for s in splits}
    # The precision setting: --min-confidence at the filter's CV optimum for usable F1 (cv_threshold).
    from tacitus.extract.eventmodel import EventModel

    strict = EventModel.default().meta.get("cv_threshold", 0.4)
    precise = {s: run_news(split=s, min_confidence=strict, baselines=False).to_dict()["metrics"] for s in splits}
    for s in splits:
        (ROOT / "eval" / "reports" / f"news-{s}.json").write_text(json.dumps(reps[s], indent=1, default=str) + "\n",
                                                                   encoding="utf-8")
    agreement = (ROOT / "eval" / "gold" / "news" / "agreement.md").read_text(encoding="utf-8")
    out = ["# Tacitus on the news gold", "",
           f"- commit {commit}, {datetime.now(timezone.utc).strftime('%Y-%m-%d')}; "
           "`tacitus eval news --split dev` / `--split test` (`scripts/news_report.py` writes this page)",
           "- gold: `eval/gold/news/` (guideline `docs/annotation.md` v2; 160 articles from four corpora; "
           "train 60 / dev 45 / test 55, plus 105 single-coded train2 articles for learned stages)",
           "- *usable* is strict: type, modality, the actor's code and the target (a target the text names, with "
           "its code; none where the gold has none) all right. *Before* is the extractor at the start of the "
           "precision work (`eval/reports/news-*-baseline.json`, commit 93746bf).", ""]
    for s in splits:
        before_f = ROOT / "eval" / "reports" / f"news-{s}-baseline.json"
        before = json.loads(before_f.read_text(encoding="utf-8")) if before_f.exists() else None
        out += [f"## {s} ({reps[s]['n']} articles)", ""] + table(reps[s], before) + [""]
        pm = precise[s]
        out += [f"With `--min-confidence {strict}` (the precision setting): detection P/R "
                f"{pct(pm['detection']['p'])}/{pct(pm['detection']['r'])}, usable P/R "
                f"{pct(pm['usable']['p'])}/{pct(pm['usable']['r'])} (F1 {pct(pm['usable']['f1'])}), type "
                f"{pct(pm['type']['accuracy'])}, actor {pct(pm['actor']['accuracy'])}, target "
                f"{pct(pm['target']['accuracy'])}, modality {pct(pm['modality']['accuracy'])}, time "
                f"{pct(pm['time']['accuracy'])} on matched events.", ""]
        out += ["Per corpus (usable precision, and accuracy of each field on matched events):", "",
                "| corpus | detection P | usable P | usable R | type | actor | target | modality | time |",
                "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for c, m in reps[s].get("breakdown", {}).items():
            if c in {"causes", "system"}:
                continue
            out.append(f"| {c} | {pct(m['detection']['p'])} | {pct(m['usable']['p'])} | {pct(m['usable']['r'])} | "
                       + " | ".join(pct(m[k]["accuracy"]) for k in ("type", "actor", "target", "modality", "time"))
                       + " |")
        out += ["", "Trivial baselines on the same articles:", "", "| system | detection P/R | usable P/R |",
                "|---|---|---|"]
        for name, m in reps[s]["baselines"].items():
            out.append(f"| {name} | {pct(m['detection']['p'])} / {pct(m['detection']['r'])} | "
                       f"{pct(m['usable']['p'])} / {pct(m['usable']['r'])} |")
        causes = reps[s].get("breakdown", {}).get("causes", {})
        out += ["", "Error causes: " + ", ".join(f"{k} {v}" for k, v in causes.items()) + ".", ""]
    dev_err = reps["dev"]["errors"]
    if dev_err:
        out += ["## Error examples (dev)", ""]
        for e in dev_err[:40]:
            out.append(f"- **{e['kind']}** `{e['doc']}`: \"{e['sentence'][:160]}\" — system: {e['system']}; "
                       f"gold: {e['gold']}")
        out.append("")
    out += ["## Coders' agreement", ""] + agreement.split("\n")[2:]
    (ROOT / "eval" / "reports" / "news.md").write_text("\n".join(out) + "\n", encoding="utf-8")
    print("wrote eval/reports/news.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
