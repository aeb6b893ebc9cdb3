"""Helpers for the batch tests: corpus slices, the CLI as a subprocess, reading a batch output."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from testpaths import need_shared

TACITUS = str(Path(sys.executable).parent / "tacitus")
CORPUS = "corpus/ukraine-war-2022-2024/corpus.jsonl"
# Valid JSON, but a lone surrogate is not text: spaCy's tokenizer raises on it (a real bad document).
BROKEN_TEXT = "Canada said on Friday it would send trainers to Ukraine \ud800 to help its army."


def corpus_lines(step: int, n: int) -> list[str]:
    """n lines of the shared corpus, every `step`-th one (so several months are covered)."""
    lines = need_shared(CORPUS).read_text(encoding="utf-8").splitlines()
    return lines[::step][:n]


def run(args: list[str], cwd: Path | str | None = None, timeout: float = 900) -> subprocess.CompletedProcess:
    """`tacitus ARGS` in a subprocess, as a user would type it."""
    return subprocess.run([TACITUS, *args], cwd=cwd, capture_output=True, text=True, timeout=timeout)


def output_events(out: Path) -> list[dict]:
    """Contract objects of a batch output, in input order, confidence rounded as `extract` prints it."""
    from tacitus.batch import read_output

    return [e.to_dict() for _, evs in read_output(out) for e in evs]


def event_table(out: Path):
    """The events Parquet of a batch output as one Arrow table (with the partition column)."""
    import pyarrow.dataset as ds

    return ds.dataset(out / "events", format="parquet", partitioning="hive").to_table()


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def kill_a_worker_mid_run(proc, out: Path, total_chunks: int, timeout: float = 900) -> int | None:
    """SIGKILL one Dask worker process of a running `tacitus batch` once a chunk is done and more remain."""
    import os
    import signal
    import time

    import psutil

    deadline = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < deadline:
        m = out / "manifest.json"
        done = len(json.loads(m.read_text(encoding="utf-8"))["chunks"]) if m.exists() else 0
        if 1 <= done < total_chunks - 1:
            workers = [c for c in psutil.Process(proc.pid).children() if "spawn_main" in " ".join(c.cmdline())]
            if workers:
                os.kill(workers[0].pid, signal.SIGKILL)
                return workers[0].pid
        time.sleep(0.1)
    return None


def doc_lines(path: Path, prefix: str) -> list[str]:
    """Lines of a document's code blocks that start with `prefix` (comments after '#' dropped)."""
    lines, inside = [], False
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.startswith("```"):
            inside = not inside
            continue
        line = raw.split("  #", 1)[0].strip()
        if inside and line.startswith(prefix):
            lines.append(line)
    return lines


def shared_beside(tmp: Path) -> Path:
    """A working directory with ../shared beside it (a symlink to the team's data), as in a checkout."""
    from testpaths import SHARED

    need_shared(CORPUS)
    (tmp / "shared").symlink_to(SHARED, target_is_directory=True)
    (tmp / "repo").mkdir()
    return tmp / "repo"
