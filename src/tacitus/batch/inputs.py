"""Batch inputs: JSONL, JSONL.gz and Parquet files streamed into fixed-size chunks of Documents.

Each record goes through the same validation as a line of a `.jsonl` file given to `tacitus
extract` (a `text` field plus the contract's document fields: id, published, title, url, source,
language), so a bad record is one coded failure and the batch goes on. A chunk is keyed by the
hash of its documents' content and of the settings that change extraction; an unchanged chunk is
not extracted again.
"""
from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import InputError
from ..ingest.base import Fail as _Fail
from ..ingest.base import IngestFailure
from ..ingest.records import loads, record_document  # one record validator for all readers
from ..models import Document, stable_hash
from ..settings import Settings

SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".parquet")
PARQUET_FIELDS = ("id", "text", "published", "title", "url", "source", "language")


@dataclass(frozen=True, slots=True)
class Chunk:
    """Consecutive documents of one input; `key` hashes their content and the extraction settings."""

    key: str
    input: str
    index: int
    docs: tuple[Document, ...]


def input_files(paths: Sequence[str]) -> Iterator[str | IngestFailure]:
    """The input files: each path, or the supported files of a directory (sorted by name)."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(str(f) for f in path.rglob("*") if f.is_file() and _supported(f.name)
                           and not any(part.startswith(".") for part in f.relative_to(path).parts))
            if not found:
                yield IngestFailure(p, InputError(f"no {', '.join(SUFFIXES)} files in directory {p}",
                                                  code="E801"))
            yield from found
        elif not path.exists():
            yield IngestFailure(p, InputError(f"no such file or directory: {p}; check the path", code="E101"))
        elif not _supported(path.name):
            yield IngestFailure(p, InputError(
                f"{p}: tacitus batch reads {', '.join(SUFFIXES)} files; for text or HTML articles "
                f"use `tacitus extract` or put them in a JSONL file", code="E801"))
        else:
            yield p


def _supported(name: str) -> bool:
    return name.lower().endswith(SUFFIXES)


def count_records(path: str) -> int:
    """Records in an input file (non-empty lines, or Parquet rows), for the progress bar."""
    if path.lower().endswith(".parquet"):
        import pyarrow.parquet as pq

        try:
            return pq.ParquetFile(path).metadata.num_rows
        except Exception:  # noqa: BLE001 - a broken file is reported when it is read
            return 0
    try:
        with _open_text(path) as fh:
            return sum(1 for line in fh if line.strip())
    except (OSError, EOFError, UnicodeDecodeError):
        return 0


def read_records(path: str, published: date | None) -> Iterator[Document | IngestFailure]:
    """Documents of one input file, in file order; a bad record or file yields a failure."""
    try:
        if path.lower().endswith(".parquet"):
            yield from _parquet_records(path, published)
        else:
            yield from _jsonl_records(path, published)
    except _Fail as f:
        yield IngestFailure(path, f.error)


def _open_text(path: str):
    if path.lower().endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8-sig")
    return open(path, encoding="utf-8-sig")


def _jsonl_records(path: str, published: date | None) -> Iterator[Document | IngestFailure]:
    try:
        with _open_text(path) as fh:
            for n, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                where = f"{path}:{n}"
                try:
                    obj = loads(line, f"line {n}")  # E108, also for a line nested too deeply
                    yield record_document(obj, published, origin=where)
                except _Fail as f:
                    yield IngestFailure(where, f.error)
    except (OSError, EOFError) as e:  # gzip raises these for a truncated or non-gzip file
        raise _Fail("E802", f"cannot read {path}: {e}; check that it is complete (gzip -t)") from None
    except UnicodeDecodeError as e:
        raise _Fail("E105", f"{path} is not UTF-8 (byte offset {e.start}); convert it first") from None


def _parquet_records(path: str, published: date | None) -> Iterator[Document | IngestFailure]:
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except Exception as e:  # noqa: BLE001 - pyarrow raises several kinds for a broken file
        raise _Fail("E802", f"cannot read {path} as Parquet: {e}") from None
    names = set(pf.schema_arrow.names)
    if "text" not in names:
        raise _Fail("E801", f"{path} has no `text` column; batch inputs need `text` plus optional "
                            f"{', '.join(f for f in PARQUET_FIELDS if f != 'text')}")
    cols = [c for c in PARQUET_FIELDS if c in names]
    n = 0
    for batch in pf.iter_batches(columns=cols, batch_size=256):
        for row in batch.to_pylist():
            n += 1
            where = f"{path}:row {n}"
            try:
                obj = {k: v for k, v in row.items() if v is not None}
                if "text" not in obj:
                    obj["text"] = None  # reported as a missing text, like a JSONL line without one
                yield record_document(obj, published, origin=where)
            except _Fail as f:
                yield IngestFailure(where, f.error)


def settings_key(settings: Settings, pipeline_version: str) -> str:
    """What changes extraction output: a different key makes every chunk run again."""
    return json.dumps({"pipeline": pipeline_version, "model": settings.model, "lexicons": [
        [p, _file_hash(p)] for p in settings.lexicons], "min_confidence": settings.min_confidence,
        "published": settings.published.isoformat() if settings.published else None,
        "type_model": settings.type_model}, sort_keys=True)


def _file_hash(path: str) -> str:
    try:
        return stable_hash(Path(path).read_bytes().hex())
    except OSError:
        return "missing"


def chunk_key(docs: Sequence[Document], skey: str) -> str:
    """Hash of the chunk's documents (every field extraction sees) and the settings key."""
    import hashlib

    h = hashlib.sha256(skey.encode("utf-8"))
    for d in docs:
        for part in (d.id, d.published.isoformat() if d.published else "", d.title, d.url, d.source,
                     d.language, d.text):
            h.update(b"\x1f" + (part or "").encode("utf-8", "surrogatepass"))
        h.update(b"\x1e")
    return h.hexdigest()[:32]


def chunks(path: str, size: int, skey: str, published: date | None
           ) -> Iterator[Chunk | IngestFailure]:
    """Chunks of `size` documents of one input, and its failures as they are met."""
    buf: list[Document] = []
    index = 0
    for item in read_records(path, published):
        if isinstance(item, IngestFailure):
            yield item
            continue
        buf.append(item)
        if len(buf) == size:
            yield Chunk(chunk_key(buf, skey), path, index, tuple(buf))
            buf, index = [], index + 1
    if buf:
        yield Chunk(chunk_key(buf, skey), path, index, tuple(buf))


def display_path(path: str) -> str:
    """The path as given (relative paths stay relative, so manifests move with their data)."""
    return os.path.normpath(path)
