"""The batch output directory: month-partitioned Parquet, a manifest, an errors file.

    OUT/manifest.json
    OUT/events/published_month=YYYY-MM/part-<chunk>.parquet      the export's event schema
    OUT/documents/published_month=YYYY-MM/part-<chunk>.parquet   articles with their events
    OUT/errors.jsonl                                             one line per failed document

Files are written under a temporary name and renamed, and a chunk enters the manifest only after
all its files are in place, so a run killed at any point leaves a directory a rerun completes.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..errors import TacitusError
from ..models import Document, Event
from .records import document_from_row, documents_schema

FORMAT = "tacitus-batch"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
ERRORS = "errors.jsonl"
PARTITION = "published_month"


class BatchError(TacitusError):
    """The batch output directory or the cluster cannot be used."""

    code = "E800"


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def is_batch_output(path: str | Path) -> bool:
    """True for a directory `tacitus batch` wrote (it holds a batch manifest)."""
    m = Path(path) / MANIFEST
    if not m.is_file():
        return False
    try:
        return json.loads(m.read_text(encoding="utf-8")).get("format") == FORMAT
    except (OSError, ValueError):
        return False


class Output:
    """One output directory and its manifest (only the client process writes here)."""

    def __init__(self, root: str | Path):
        self.root = Path(root)
        if self.root.exists() and not self.root.is_dir():
            raise BatchError(f"--out {root} is a file; give a directory", code="E820")
        if self.root.is_dir() and any(self.root.iterdir()) and not (self.root / MANIFEST).exists():
            raise BatchError(f"--out {root} is a non-empty directory without a batch manifest; give a new "
                             f"or empty directory (or the --out of an earlier batch to resume it)", code="E821")
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise BatchError(f"cannot create --out {root}: {e.strerror or e}", code="E820") from e
        self.manifest = self._load()

    def _load(self) -> dict[str, Any]:
        p = self.root / MANIFEST
        if not p.exists():
            return {"format": FORMAT, "format_version": FORMAT_VERSION, "partition_by": PARTITION,
                    "inputs": {}, "chunks": {}, "runs": []}
        try:
            m = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise BatchError(f"{p} is not a readable batch manifest ({e}); remove the directory to "
                             f"start again", code="E821") from e
        if m.get("format") != FORMAT:
            raise BatchError(f"{p} is not a tacitus batch manifest", code="E821")
        return m

    def save(self) -> None:
        """Write the manifest atomically."""
        _atomic_text(self.root / MANIFEST, json.dumps(self.manifest, indent=1, ensure_ascii=False) + "\n")

    def done(self, key: str) -> bool:
        """A chunk already in the manifest whose files are all still there."""
        c = self.manifest["chunks"].get(key)
        return bool(c) and all((self.root / f).is_file() for f in c["files"])

    def write_chunk(self, key: str, events: dict[str, list[dict]], documents: dict[str, list[dict]]) -> list[str]:
        """Write a chunk's files (one per kind and month); return their relative paths."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        from ..export.formats import parquet_schema

        files = []
        for kind, by_month, schema in (("events", events, parquet_schema()),
                                       ("documents", documents, documents_schema())):
            for month in sorted(by_month):
                rel = f"{kind}/{PARTITION}={month}/part-{key}.parquet"
                path = self.root / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_name(path.name + ".tmp")
                pq.write_table(pa.Table.from_pylist(by_month[month], schema=schema), tmp, compression="zstd")
                os.replace(tmp, path)
                files.append(rel)
        return files

    def remove_chunk(self, key: str) -> None:
        """Forget a chunk no input produces any more, and delete its files."""
        c = self.manifest["chunks"].pop(key, None)
        for f in (c or {}).get("files", []):
            try:
                (self.root / f).unlink()
            except FileNotFoundError:
                pass

    def write_errors(self) -> int:
        """errors.jsonl from the manifest: read failures of the inputs, then of each chunk."""
        lines = []
        for path, inp in self.manifest["inputs"].items():
            lines += [{"input": path, **e} for e in inp.get("read_errors", [])]
            for key in inp["chunks"]:
                lines += [{"input": path, "chunk": key, **e}
                          for e in self.manifest["chunks"].get(key, {}).get("errors", [])]
        _atomic_text(self.root / ERRORS, "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines))
        return len(lines)


def _atomic_text(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def read_output(root: str | Path) -> Iterator[tuple[Document, list[Event]]]:
    """Documents with their events from a batch output, in input order (for `tacitus ingest`)."""
    import pyarrow.parquet as pq

    root = Path(root)
    m = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    for inp in m["inputs"].values():
        for key in inp["chunks"]:
            c = m["chunks"].get(key)
            if not c:
                continue  # a chunk that failed: its documents are in errors.jsonl
            rows: list[dict[str, Any]] = []
            for f in c["files"]:
                if f.startswith("documents/"):
                    rows += pq.read_table(root / f, schema=documents_schema()).to_pylist()
            for r in sorted(rows, key=lambda r: r["chunk_pos"]):
                yield document_from_row(r)


def pipeline_version(root: str | Path) -> str:
    """The pipeline version the batch output was extracted with."""
    return json.loads((Path(root) / MANIFEST).read_text(encoding="utf-8"))["pipeline_version"]
