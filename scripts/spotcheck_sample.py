#!/usr/bin/env python
"""Draw the events of a strict spot check: random events of random articles from the four corpora.

    .venv/bin/python scripts/spotcheck_sample.py --out eval/spotcheck/2026-11-28 [--n 50] [--seed 2026112801]

Articles of the news gold (any split) are left out, so nothing judged here was looked at while the rules
and models were built. For each corpus in turn, a random article is extracted with the default pipeline
and one of its events drawn at random, until each corpus has its share (an article without events is
skipped). The judge codes each event by docs/annotation.md (eval/spotcheck/README.md says how).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tacitus.eval.newsgold import CORPORA, iter_corpus, load_manifest, sha256_text  # noqa: E402
from tacitus.pipeline import Pipeline  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--seed", type=int, default=2026112801)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    gold = {d["sha256"] for d in load_manifest()["documents"]}
    pipe = Pipeline.default()
    share = {c: args.n // len(CORPORA) + (1 if k < args.n % len(CORPORA) else 0) for k, c in enumerate(CORPORA)}
    rows = []
    for corpus in CORPORA:
        pool = [d for d in iter_corpus(corpus) if sha256_text(d.text) not in gold and 60 <= len(d.text.split()) <= 1200]
        rng.shuffle(pool)
        got, seen_docs = 0, set()
        for d in pool:
            if got >= share[corpus]:
                break
            if d.id in seen_docs:
                continue
            events = pipe.extract_text(d.text, published=d.published, doc_id=d.id)
            if not events:
                continue
            e = rng.choice(events).to_dict()
            seen_docs.add(d.id)
            rows.append({"n": len(rows) + 1, "corpus": corpus, "doc_id": d.id,
                         "published": d.published.isoformat() if d.published else None, "event": e})
            got += 1
    args.out.mkdir(parents=True, exist_ok=True)
    with open(args.out / "sample.jsonl", "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} events to {args.out / 'sample.jsonl'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
