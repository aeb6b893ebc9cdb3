"""A bounded load test of `tacitus serve`: p50/p95 per page and API call, from this machine.

    python3 benchmarks/serve_load.py http://127.0.0.1:8000/ --requests 100 --concurrency 4

Each target gets 3 warm-up requests, then REQUESTS timed ones; all targets' requests are shuffled
together and sent by CONCURRENCY threads with keep-alive connections, so the server sees a mixed,
steady load of exactly targets x REQUESTS requests. Latency is the wall time of the whole
response (headers and body) seen by the client. Results: benchmarks/README.md ("Serving").
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import threading
import time
from urllib.parse import quote

import httpx


def targets(base: str) -> list[tuple[str, str]]:
    """(label, path) for every page and API call, with ids taken from the store being served."""
    c = httpx.Client(base_url=base, timeout=60)
    ev = c.get("/api/events", params={"sort": "-documents", "limit": 1}).json()["events"][0]
    cursor = c.get("/api/events", params={"limit": 50}).json()["next_cursor"]
    doc = quote(ev["doc_id"])
    st = "action=send+troops&target=UKR"
    return [
        ("page /", "/"),
        ("page /events", "/events"),
        ("page /events filtered", "/events?type=AID&modality=negated"),
        ("page /events search", "/events?text=troops"),
        ("page /events/{id}", f"/events/{ev['id']}"),
        ("page /documents/{id}", f"/documents/{doc}"),
        ("page /stance", f"/stance?{st}"),
        ("page /stance cell", f"/stance?{st}&month=2024-02"),
        ("page /timeline", "/timeline"),
        ("page /timeline pair", "/timeline?actor=RUS&target=UKR"),
        ("page /map", "/map"),
        ("GET /api/events", "/api/events"),
        ("GET /api/events filtered", "/api/events?actor=RUS&type=ASSAULT&sort=-time"),
        ("GET /api/events page 2", f"/api/events?cursor={cursor}"),
        ("GET /api/events CSV", "/api/events?type=AID&format=csv"),
        ("GET /api/events/{id}", f"/api/events/{ev['id']}"),
        ("GET /api/documents/{id}", f"/api/documents/{doc}"),
        ("GET /api/actors", "/api/actors"),
        ("GET /api/stance", f"/api/stance?{st}"),
        ("GET /api/timeline", "/api/timeline?actor=RUS&target=UKR&bucket=week"),
        ("GET /api/places", "/api/places"),
        ("GET /api/stats", "/api/stats"),
        ("GET /openapi.json", "/openapi.json"),
    ]


def run(base: str, requests: int, concurrency: int, seed: int = 0) -> dict:
    """Time `requests` requests per target with `concurrency` threads; per-target percentiles."""
    tg = targets(base)
    for _, path in tg:  # warm-up: templates compiled, connections and caches of the OS warm
        for _ in range(3):
            httpx.get(base + path, timeout=60)
    jobs = [(label, path) for label, path in tg for _ in range(requests)]
    random.Random(seed).shuffle(jobs)
    times: dict[str, list[float]] = {label: [] for label, _ in tg}
    errors: dict[str, int] = {label: 0 for label, _ in tg}
    lock = threading.Lock()
    it = iter(jobs)

    def worker() -> None:
        with httpx.Client(base_url=base, timeout=60) as c:
            while True:
                with lock:
                    job = next(it, None)
                if job is None:
                    return
                label, path = job
                t0 = time.perf_counter()
                try:
                    ok = c.get(path).status_code == 200
                except httpx.HTTPError:
                    ok = False  # counted, not fatal: the table says how many failed
                dt = (time.perf_counter() - t0) * 1000
                with lock:
                    times[label].append(dt)
                    errors[label] += 0 if ok else 1

    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    rows = []
    for label, path in tg:
        ts = sorted(times[label])
        rows.append({"target": label, "path": path, "n": len(ts), "errors": errors[label],
                     "p50_ms": round(statistics.median(ts), 1), "p95_ms": round(ts[int(0.95 * (len(ts) - 1))], 1),
                     "max_ms": round(ts[-1], 1)})
    return {"base": base, "requests_per_target": requests, "concurrency": concurrency, "total": len(jobs),
            "seconds": round(wall, 1), "requests_per_s": round(len(jobs) / wall, 1), "rows": rows}


def table(res: dict) -> str:
    """Markdown table of a run."""
    out = ["| target | p50 ms | p95 ms | max ms | errors |", "|---|---:|---:|---:|---:|"]
    for r in res["rows"]:
        out.append(f"| {r['target']} | {r['p50_ms']} | {r['p95_ms']} | {r['max_ms']} | {r['errors']} |")
    out.append(f"\n{res['total']} requests ({res['requests_per_target']} per target, {res['concurrency']} "
               f"concurrent) in {res['seconds']} s: {res['requests_per_s']} requests/s.")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    """Run the load test and print a table (or JSON)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("url", help="the address `tacitus serve` printed")
    ap.add_argument("--requests", type=int, default=100, help="timed requests per target (default 100)")
    ap.add_argument("--concurrency", type=int, default=4, help="client threads (default 4)")
    ap.add_argument("--format", choices=["table", "json"], default="table")
    args = ap.parse_args(argv)
    if args.requests < 1 or args.concurrency < 1:
        ap.error("--requests and --concurrency must be at least 1")
    res = run(args.url.rstrip("/"), args.requests, args.concurrency)
    print(json.dumps(res, indent=2) if args.format == "json" else table(res))
    return 1 if any(r["errors"] for r in res["rows"]) else 0


if __name__ == "__main__":
    sys.exit(main())
