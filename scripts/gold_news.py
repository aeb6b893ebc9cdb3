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


def cmd_todo(args: argparse.Namespace) -> int:
    man = load_manifest(args.gold)
    for d in man["documents"]:
        if args.annotator in d["annotators"]:
            f = args.gold / "annotations" / args.annotator / f"{d['id']}.json"
            state = "done" if f.exists() else "todo"
            print(f"{d['id']:40} {d['corpus']:30} {d['words']:5} words  {state}")
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


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--shared", type=Path, default=SHARED_CORPUS, help="the shared corpus folder")
    p.add_argument("--gold", type=Path, default=GOLD_DIR, help="the gold folder")
    sub = p.add_subparsers(dest="cmd", required=True)
    sub.add_parser("sample", help="draw the seeded sample and write the manifest").set_defaults(func=cmd_sample)
    t = sub.add_parser("todo", help="an annotator's articles")
    t.add_argument("annotator")
    t.set_defaults(func=cmd_todo)
    s = sub.add_parser("show", help="print an article")
    s.add_argument("doc_id")
    s.set_defaults(func=cmd_show)
    c = sub.add_parser("check", help="validate annotation files (offsets, codes, dates)")
    c.add_argument("files", nargs="+")
    c.add_argument("--write", action="store_true", help="write the resolved offsets back into the file")
    c.set_defaults(func=cmd_check)
    sub.add_parser("adopt", help="copy single-coded annotations into events/").set_defaults(func=cmd_adopt)
    args = p.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
