"""Helpers for the batch tests: corpus slices, the CLI as a subprocess, reading a batch output."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import need_shared

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
