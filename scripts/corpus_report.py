#!/usr/bin/env python3
"""Corpus report for a `tacitus extract --format jsonl` run.

    python scripts/corpus_report.py CORPUS.jsonl EVENTS.jsonl [--sample 30] [--seed 20261127]
                                    [--sample-out eval/spotcheck/sample.jsonl] [--json]

Prints documents, documents with at least one event, events total, events per article
(mean, median, max), the modality mix, the type mix, and the share of events carrying an
actor country, a target country, a time not taken from the publication date, quantities and
an attribution speaker. Draws N events at random with a fixed seed and writes them (one
event per line, unchanged) to --sample-out for judging by hand.

Standard library only, so it runs with any Python 3.9+.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import statistics
import sys
from collections import Counter
from pathlib import Path


def _doc_id(obj: dict) -> str:
    """The id Tacitus gives a document: its own `id`, else a content hash (best effort)."""
    if obj.get("id") not in (None, ""):
        return str(obj["id"])
    return "sha256:" + hashlib.sha256(obj.get("text", "").encode("utf-8")).hexdigest()[:16]


def read_jsonl(path: Path, what: str) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                sys.exit(f"corpus_report: {what} {path} line {n}: not JSON ({exc.msg})")
    return rows


def _country(part) -> str | None:
    return part.get("country") if isinstance(part, dict) else None


def pct(n: int, d: int) -> str:
    return f"{100.0 * n / d:.1f}%" if d else "n/a"


def build_report(docs: list[dict], events: list[dict]) -> dict:
    doc_ids = [_doc_id(d) for d in docs]
    per_doc = Counter(e.get("doc_id") for e in events)
    counts = [per_doc.get(i, 0) for i in doc_ids]
    unknown = sorted(set(per_doc) - set(doc_ids))
    n = len(events)

    def share(pred) -> dict:
        k = sum(1 for e in events if pred(e))
        return {"n": k, "share": round(k / n, 4) if n else None}

    time_anchor = Counter(((e.get("time") or {}).get("anchor") or "none") for e in events)
    return {
        "documents": len(docs),
        "documents_with_event": sum(1 for c in counts if c > 0),
        "events": n,
        "events_with_unknown_doc_id": sum(per_doc[u] for u in unknown),
        "events_per_article": {
            "mean": round(statistics.mean(counts), 2) if counts else None,
            "median": statistics.median(counts) if counts else None,
            "max": max(counts) if counts else None,
            "max_doc": (max(zip(counts, doc_ids))[1] if counts else None),
        },
        "modality": dict(Counter(e.get("modality") for e in events).most_common()),
        "type": dict(Counter(e.get("type") for e in events).most_common()),
        "plover_type": dict(Counter(e.get("plover_type") for e in events).most_common()),
        "time_anchor": dict(time_anchor.most_common()),
        "fields": {
            "actor_country": share(lambda e: bool(_country(e.get("actor")))),
            "target_present": share(lambda e: bool(e.get("target"))),
            "target_country": share(lambda e: bool(_country(e.get("target")))),
            "time_not_published": share(
                lambda e: bool(e.get("time")) and (e["time"].get("anchor") not in (None, "published"))),
            "quantities": share(lambda e: bool(e.get("quantities"))),
            "attribution_speaker": share(
                lambda e: bool((e.get("attribution") or {}).get("speaker"))),
            "condition": share(lambda e: bool(e.get("condition"))),
            "location": share(lambda e: bool(e.get("location"))),
        },
    }


def print_report(r: dict) -> None:
    n = r["events"]
    epa = r["events_per_article"]
    print(f"documents                 {r['documents']}")
    print(f"documents with >=1 event  {r['documents_with_event']} "
          f"({pct(r['documents_with_event'], r['documents'])})")
    print(f"events                    {n}")
    if r["events_with_unknown_doc_id"]:
        print(f"  (events whose doc_id is not in the corpus: {r['events_with_unknown_doc_id']})")
    print(f"events per article        mean {epa['mean']}  median {epa['median']}  "
          f"max {epa['max']} ({epa['max_doc']})")
    for title, key in (("modality", "modality"), ("type", "type"),
                       ("plover_type", "plover_type"), ("time anchor", "time_anchor")):
        print(f"\n{title} mix")
        for k, v in r[key].items():
            print(f"  {str(k):<14}{v:>6}  {pct(v, n):>6}")
    print("\nfield coverage (share of events)")
    for k, v in r["fields"].items():
        print(f"  {k:<22}{v['n']:>6}  {pct(v['n'], n):>6}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path, help="the input documents (JSONL)")
    ap.add_argument("events", type=Path, help="tacitus extract --format jsonl output")
    ap.add_argument("--sample", type=int, default=30, help="events to draw for judging (0: none)")
    ap.add_argument("--seed", type=int, default=20261127)
    ap.add_argument("--sample-out", type=Path, default=Path("eval/spotcheck/sample.jsonl"))
    ap.add_argument("--json", action="store_true", help="print the report as one JSON object")
    a = ap.parse_args(argv)

    docs = read_jsonl(a.corpus, "corpus")
    events = read_jsonl(a.events, "events")
    report = build_report(docs, events)
    if a.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print_report(report)

    if a.sample > 0 and events:
        # Sort by id first so the draw does not depend on output order.
        pool = sorted(events, key=lambda e: (str(e.get("doc_id")), str(e.get("id"))))
        drawn = random.Random(a.seed).sample(pool, min(a.sample, len(pool)))
        a.sample_out.parent.mkdir(parents=True, exist_ok=True)
        with a.sample_out.open("w", encoding="utf-8") as fh:
            for e in drawn:
                fh.write(json.dumps(e, ensure_ascii=False) + "\n")
        print(f"\nsample: {len(drawn)} events (seed {a.seed}) -> {a.sample_out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
