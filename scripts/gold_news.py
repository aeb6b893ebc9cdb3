"""The news gold's tool: draw the sample, show an article to code, check an annotation file.

    python scripts/gold_news.py sample                 # (re)writes eval/gold/news/manifest.json (seeded)
    python scripts/gold_news.py todo A                 # the articles annotator A codes, and their state
    python scripts/gold_news.py show guardian-3        # the article's text and metadata, as coded
    python scripts/gold_news.py check eval/gold/news/annotations/A/guardian-3.json [--write]
    python scripts/gold_news.py adopt                  # single-coded annotations -> eval/gold/news/events/

The guideline is docs/annotation.md. Texts come from ../shared/corpus (never copied here).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from tacitus.eval.newsgold import (CORPORA, GOLD_DIR, SHARED_CORPUS, check_record, iter_corpus,  # noqa: E402
                                   load_document, load_manifest, sha256_text)

SEED = 20261128
# Articles per corpus and split (train, dev, test): 160 in all, test 55.
PLAN = {
    "ukraine-war-2022-2024": (18, 14, 16),
    "guardian-2017-2019": (14, 10, 12),
    "kremlin-zelenskyy-2021-2022": (15, 11, 14),
    "bbc-2004-2005": (13, 10, 13),
}
MIN_WORDS, MAX_WORDS = 60, 1200
ANNOTATORS = "ABCDEFG"
DOUBLE = {"train": 13, "dev": 13}  # coded twice, independently (never test: adjudication reads them)


def cmd_sample(args: argparse.Namespace) -> int:
    rng = random.Random(SEED)
    docs = []
    for corpus in CORPORA:
        seen: set[str] = set()
        pool = []
        for d in iter_corpus(corpus, args.shared):
            h = sha256_text(d.text)
            words = len(d.text.split())
            # Distinct texts only (re-publications are the dedup stage's business), news-length pieces:
            # over 1,200 words are speech transcripts and long features (about a tenth of the corpora).
            if h in seen or not MIN_WORDS <= words <= MAX_WORDS:
                continue
            seen.add(h)
            pool.append((d, h, words))
        n_train, n_dev, n_test = PLAN[corpus]
        picked = rng.sample(pool, n_train + n_dev + n_test)
        splits = ["train"] * n_train + ["dev"] * n_dev + ["test"] * n_test
        for (d, h, words), split in zip(picked, splits):
            docs.append({"id": d.id, "corpus": corpus, "split": split, "sha256": h, "words": words,
                         "published": d.published.isoformat() if d.published else None})
    rng.shuffle(docs)
    for i, d in enumerate(docs):
        d["annotators"] = [ANNOTATORS[i % len(ANNOTATORS)]]
    k = 0
    for split, n in DOUBLE.items():
        for d in rng.sample([d for d in docs if d["split"] == split], n):
            first = ANNOTATORS.index(d["annotators"][0])
            d["annotators"].append(ANNOTATORS[(first + 1 + k % (len(ANNOTATORS) - 1)) % len(ANNOTATORS)])
            k += 1
    docs.sort(key=lambda d: (d["split"], d["corpus"], d["id"]))
    manifest = {
        "name": "tacitus-news-gold", "version": 1, "seed": SEED,
        "rule": (f"per corpus, a seeded random sample (random.Random({SEED}), corpora in the order "
                 f"{list(CORPORA)}) of distinct texts of {MIN_WORDS}-{MAX_WORDS} words; splits by article; "
                 f"{sum(DOUBLE.values())} train/dev articles coded twice independently"),
        "guideline": "docs/annotation.md",
        "counts": {s: sum(1 for d in docs if d["split"] == s) for s in ("train", "dev", "test")},
        "documents": docs,
    }
    out = args.gold / "manifest.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {out}: {len(docs)} documents {manifest['counts']}")
    return 0


# A second, larger training set (version 2 of the guideline), drawn after the first 160 with its own seed;
# single-coded by annotators H-L, never reviewed into events/: training data for learned stages only.
TRAIN2_SEED = 20261129
TRAIN2_PLAN = {"ukraine-war-2022-2024": 32, "guardian-2017-2019": 26, "kremlin-zelenskyy-2021-2022": 28,
               "bbc-2004-2005": 19}
TRAIN2_ANNOTATORS = "HIJKL"


def cmd_sample_train2(args: argparse.Namespace) -> int:
    man = load_manifest(args.gold)
    taken = {d["sha256"] for d in man["documents"]}
    rng = random.Random(TRAIN2_SEED)
    docs = []
    for corpus in CORPORA:
        seen: set[str] = set(taken)
        pool = []
        for d in iter_corpus(corpus, args.shared):
            h = sha256_text(d.text)
            words = len(d.text.split())
            if h in seen or not MIN_WORDS <= words <= MAX_WORDS:
                continue
            seen.add(h)
            pool.append((d, h, words))
        for d, h, words in rng.sample(pool, TRAIN2_PLAN[corpus]):
            docs.append({"id": d.id, "corpus": corpus, "split": "train2", "sha256": h, "words": words,
                         "published": d.published.isoformat() if d.published else None})
    rng.shuffle(docs)
    for i, d in enumerate(docs):
        d["annotators"] = [TRAIN2_ANNOTATORS[i % len(TRAIN2_ANNOTATORS)]]
    man["documents"] += sorted(docs, key=lambda d: (d["corpus"], d["id"]))
    man["counts"]["train2"] = len(docs)
    man["train2_rule"] = (f"random.Random({TRAIN2_SEED}) per corpus over distinct texts not in the first sample, "
                          f"{MIN_WORDS}-{MAX_WORDS} words; single-coded under guideline version 2 (annotations/H-L), "
                          "not reviewed: training data only")
    (args.gold / "manifest.json").write_text(json.dumps(man, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"added {len(docs)} train2 documents")
    return 0


def cmd_todo(args: argparse.Namespace) -> int:
    man = load_manifest(args.gold)
    for d in man["documents"]:
        if args.annotator in d["annotators"]:
            f = args.gold / "annotations" / args.annotator / f"{d['id']}.json"
            state = "done" if f.exists() else "todo"
            print(f"{d['id']:40} {d['corpus']:30} {d['words']:5} words  {state}")
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    """The articles a reviewer turns into gold, with their annotators."""
    man = {d["id"]: d for d in load_manifest(args.gold)["documents"]}
    assign = json.loads((args.gold / "review.json").read_text(encoding="utf-8"))["reviewers"]
    for doc_id, who in sorted(assign.items()):
        if who != args.reviewer:
            continue
        d = man[doc_id]
        state = "done" if (args.gold / "events" / f"{doc_id}.json").exists() else "todo"
        kind = "adjudicate" if len(d["annotators"]) > 1 else "review"
        files = " ".join(f"annotations/{a}/{doc_id}.json" for a in d["annotators"])
        print(f"{doc_id:40} {kind:10} {state:4}  {files}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    d = load_document(args.doc_id, args.shared)
    print(f"id: {d.id}\npublished: {d.published}\ntitle: {d.title}\nsource: {d.source}\nurl: {d.url}")
    print("-" * 78)
    print(d.text)
    return 0


def _codes() -> tuple[set[str], set[str]]:
    data = ROOT / "src" / "tacitus" / "data" / "actors"
    countries = {json.loads(line)["code"] for line in open(data / "countries.jsonl", encoding="utf-8")}
    orgs = {json.loads(line)["code"] for line in open(data / "organizations.jsonl", encoding="utf-8")}
    return orgs, countries


def cmd_check(args: argparse.Namespace) -> int:
    orgs, countries = _codes()
    bad = 0
    for f in args.files:
        rec = json.loads(Path(f).read_text(encoding="utf-8"))
        doc = load_document(rec["doc_id"], args.shared)
        out, errors = check_record(rec, doc.text, orgs=orgs, countries=countries)
        for e in errors:
            print(f"{f}: {e}")
        bad += bool(errors)
        if args.write and not errors:
            Path(f).write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        if not errors:
            print(f"{f}: ok, {len(out['events'])} events")
    return 1 if bad else 0


def cmd_adopt(args: argparse.Namespace) -> int:
    """Single-coded articles: the annotation is the gold. Double-coded ones are adjudicated by hand."""
    man = load_manifest(args.gold)
    (args.gold / "events").mkdir(exist_ok=True)
    n = 0
    for d in man["documents"]:
        if len(d["annotators"]) != 1:
            continue
        src = args.gold / "annotations" / d["annotators"][0] / f"{d['id']}.json"
        dst = args.gold / "events" / f"{d['id']}.json"
        if src.exists():
            dst.write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
            n += 1
    print(f"adopted {n} single-coded annotations")
    return 0


def as_system(g: dict) -> dict:
    """A gold record in the shape of a system event, so the scorer can compare two annotators."""
    return {"type": g["type"], "modality": g["modality"], "plover_type": None, "actor": g.get("actor"),
            "target": g.get("target"), "attribution": {"speaker": g.get("speaker")}, "time": g.get("time"),
            "quantities": g.get("amounts") or [], "location": g.get("place"),
            "evidence": {"start": g["start"], "end": g["end"], "trigger_start": g["trigger_start"],
                         "trigger_end": g["trigger_end"], "sentence": g["evidence"], "trigger": g["trigger"]}}


def cmd_agreement(args: argparse.Namespace) -> int:
    """Per-field agreement of the double-coded articles (first annotator as reference)."""
    from tacitus.eval.newsscore import Tally
    from tacitus.extract.plover import plover_view

    man = load_manifest(args.gold)
    t = Tally()
    n = 0
    for d in man["documents"]:
        if len(d["annotators"]) < 2:
            continue
        a, b = (json.loads((args.gold / "annotations" / x / f"{d['id']}.json").read_text(encoding="utf-8"))
                for x in d["annotators"][:2])
        sys_b = []
        for g in b["events"]:
            e = as_system(g)
            e["plover_type"] = plover_view(g["type"], g["modality"])
            sys_b.append(e)
        t.add(sys_b, a["events"])
        n += 1
    m = t.metrics()
    rows = [("event match", m["detection"]["f1"], f"{t.matched} matched of {t.gold} / {t.sys} events")]
    for f in ("type", "plover_type", "modality", "actor", "actor_sector", "target", "time", "speaker", "amount", "place"):
        rows.append((f, m[f]["accuracy"], f"on {m[f]['n']} matched events"))
    rows.append(("usable (both agree on type, modality, actor, target)", m["usable"]["p"], "share of the second coder's events"))
    out = ["# Agreement of the news gold's double coding", "",
           f"{n} articles coded twice, independently, by two of seven annotators (guideline version 1; "
           "before adjudication). The first annotator's coding is the reference and the second's is scored "
           "against it with the scorer of `tacitus eval news` (`tacitus.eval.newsscore`): event match is "
           "F1 of the one-to-one matching; each field is the share of matched events on which both agree.",
           "", "| field | agreement | on |", "|---|---:|---|"]
    out += [f"| {k} | {100 * v:.1f} | {w} |" for k, v, w in rows]
    out += ["", "Reproduce: `python scripts/gold_news.py agreement`.", ""]
    text = "\n".join(out)
    print(text)
    if args.write:
        (args.gold / "agreement.md").write_text(text, encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--shared", type=Path, default=SHARED_CORPUS, help="the shared corpus folder")
    p.add_argument("--gold", type=Path, default=GOLD_DIR, help="the gold folder")
    sub = p.add_subparsers(dest="cmd", required=True)
    sub.add_parser("sample", help="draw the seeded sample and write the manifest").set_defaults(func=cmd_sample)
    sub.add_parser("sample-train2", help="add the second training sample to the manifest").set_defaults(
        func=cmd_sample_train2)
    t = sub.add_parser("todo", help="an annotator's articles")
    t.add_argument("annotator")
    t.set_defaults(func=cmd_todo)
    rv = sub.add_parser("review", help="a reviewer's articles (review.json)")
    rv.add_argument("reviewer")
    rv.set_defaults(func=cmd_review)
    s = sub.add_parser("show", help="print an article")
    s.add_argument("doc_id")
    s.set_defaults(func=cmd_show)
    c = sub.add_parser("check", help="validate annotation files (offsets, codes, dates)")
    c.add_argument("files", nargs="+")
    c.add_argument("--write", action="store_true", help="write the resolved offsets back into the file")
    c.set_defaults(func=cmd_check)
    sub.add_parser("adopt", help="copy single-coded annotations into events/").set_defaults(func=cmd_adopt)
    ag = sub.add_parser("agreement", help="per-field agreement of the double-coded articles")
    ag.add_argument("--write", action="store_true", help="also write eval/gold/news/agreement.md")
    ag.set_defaults(func=cmd_agreement)
    args = p.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
