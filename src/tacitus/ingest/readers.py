"""Read articles from paths, directories, JSONL files and standard input into `Document`s.

`read_documents` yields one `Document` per readable article and one `IngestFailure` per input
that cannot be used; a bad input never stops the batch. Text and JSONL documents keep their
text as given (a leading byte-order mark is dropped, control characters become spaces one for
one) so that character offsets computed downstream index into the user's own text. HTML pages
are reduced to their main text with trafilatura, one paragraph per block, paragraphs separated
by a blank line. Encodings: see `text.py`; JSONL and JSON records: `records.py`.

Error codes (all `InputError`, one line each, with what to do; the table is `tacitus.errors`):
  E101 missing path, E102 directory without readable documents, E103 binary / not text,
  E104 empty, E105 not decodable, E106 HTML without article text, E107 not English,
  E108 invalid JSON/JSONL record, E109 invalid published date, E110 document too large,
  E111 the same id twice in one file.
"""
from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from ..errors import InputError
from ..models import Document
from . import base
from .base import Fail, IngestFailure
from .html import SNIFF as HTML_SNIFF, html_document
from .language import check_english
from .records import json_records, jsonl_file, records
from .text import binary_kind, blank_controls, check_content, decode

__all__ = ["IngestFailure", "read_documents"]

STDIN = "-"
STDIN_ORIGIN = "<stdin>"

TEXT_EXTS = frozenset({".txt", ".text", ".md", ".story", ".article", ".asc", ""})
HTML_EXTS = frozenset({".html", ".htm", ".xhtml", ".shtml"})
JSONL_EXTS = frozenset({".jsonl", ".ndjson"})
JSON_EXTS = frozenset({".json"})
# Kinds that are never articles; named explicitly they are reported, in a directory skipped.
BINARY_EXTS = frozenset("""
.pdf .png .jpg .jpeg .gif .bmp .tif .tiff .webp .svg .ico .mp3 .mp4 .wav .avi .mov .mkv .zip .gz
.tgz .bz2 .xz .7z .rar .tar .doc .docx .odt .rtf .xls .xlsx .ods .ppt .pptx .epub .exe .dll .so
.bin .pyc .db .sqlite .parquet .pkl .npy
""".split())
# Text kinds a directory walk leaves alone (data and code, not articles).
DIR_SKIP_EXTS = frozenset("""
.csv .tsv .yaml .yml .toml .ini .cfg .py .js .css .xml .log .lock .sh .bat .sql
""".split())
DIR_READ_EXTS = TEXT_EXTS | HTML_EXTS | JSONL_EXTS | JSON_EXTS


def read_documents(paths: Sequence[str], *, published: date | None = None,
                   stdin: TextIO | None = None) -> Iterator[Document | IngestFailure]:
    """Yield a Document for every readable article under `paths`, an IngestFailure otherwise.

    `published` is used for documents that carry no date of their own. `-` reads `stdin`
    (default `sys.stdin`) as one text/HTML document, or as JSONL when every non-empty line
    is a JSON object with a "text" field. Documents are read lazily, JSONL line by line.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]  # type: ignore[list-item]
    stdin_done = False
    for raw in paths:
        p = os.fspath(raw)
        if p == STDIN:
            if stdin_done:
                continue
            stdin_done = True
            yield from _read_stdin(stdin if stdin is not None else sys.stdin, published)
            continue
        path = Path(p)
        if path.is_dir():
            yield from _read_dir(path, p, published)
        elif path.exists():
            yield from _read_file(path, p, published, explicit=True)
        else:
            yield IngestFailure(p, InputError(
                "no such file or directory; check the path (use '-' to read standard input)",
                code="E101"))


def _read_dir(root: Path, shown: str, published: date | None) -> Iterator[Document | IngestFailure]:
    found = 0
    for path in _walk(root):
        rel = os.path.join(shown, os.path.relpath(path, root))
        for item in _read_file(path, rel, published, explicit=False):
            if isinstance(item, Document):
                found += 1
            yield item
    if not found:
        kinds = ", ".join(sorted(e for e in DIR_READ_EXTS if e))
        yield IngestFailure(shown, InputError(
            f"no readable documents in this directory; put articles there as text, HTML or "
            f"JSONL files ({kinds} or no extension; hidden files are skipped)", code="E102"))


def _walk(root: Path) -> Iterator[Path]:
    """Files under root, recursively, sorted by name, without hidden files or directories."""
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=True):
            yield from _walk(Path(entry.path))
        elif entry.is_file(follow_symlinks=True):
            ext = Path(entry.name).suffix.lower()
            if ext in BINARY_EXTS or ext in DIR_SKIP_EXTS or entry.name.endswith("~"):
                continue
            yield Path(entry.path)


def _read_file(path: Path, shown: str, published: date | None,
               *, explicit: bool) -> Iterator[Document | IngestFailure]:
    ext = path.suffix.lower()
    try:
        if not path.is_file():
            raise Fail("E103", "not a regular file; give a text, HTML or JSONL file")
        if explicit and ext in BINARY_EXTS:
            raise Fail("E103", f"a {ext} file is not text; convert it to plain text (e.g. "
                               f"pdftotext) or HTML first")
        if ext in JSONL_EXTS:
            with open(path, "rb") as fh:
                yield from jsonl_file(fh, shown, published, explicit=explicit)
            return
        size = path.stat().st_size
        if size > base.MAX_BYTES:
            raise Fail("E110", base.too_large("the file", size))
        data = path.read_bytes()
    except Fail as f:
        yield IngestFailure(shown, f.error)
        return
    except OSError as e:
        yield IngestFailure(shown, InputError(
            f"cannot read it: {e.strerror or e}; check its permissions", code="E101"))
        return

    try:
        binary = binary_kind(data)
        if binary:
            if not explicit:
                return  # a stray binary in a directory is not an article: skip quietly
            raise Fail("E103", f"it is {binary}, not text; give a plain-text, HTML or JSONL file")
        if ext in JSON_EXTS:
            yield from json_records(decode(data, "the file"), shown, published)
            return
        is_html = ext in HTML_EXTS or bool(HTML_SNIFF.match(data[:4096]))
        text = decode(data, "the file")
        if is_html:
            yield html_document(text, shown, published)
        else:
            yield text_document(text, shown, published)
    except Fail as f:
        yield IngestFailure(shown, f.error)


def _read_stdin(stream: TextIO, published: date | None) -> Iterator[Document | IngestFailure]:
    try:
        text = stream.read(base.MAX_BYTES + 1)
    except UnicodeDecodeError as e:
        yield IngestFailure(STDIN_ORIGIN, InputError(
            f"standard input is not UTF-8 (byte offset {e.start}); convert it with "
            f"`iconv -t UTF-8` first", code="E105"))
        return
    if isinstance(text, bytes):  # a binary stream was passed
        try:
            text = decode(text, "standard input")
        except Fail as f:
            yield IngestFailure(STDIN_ORIGIN, f.error)
            return
    if text.startswith("\ufeff"):
        text = text[1:]
    if len(text) > base.MAX_BYTES:
        # Too big for one document: still fine as a stream of JSONL documents.
        first = next((x for x in text.splitlines() if x.strip()), "")
        if _is_record(first):
            yield from records(_stdin_lines(text, stream), STDIN_ORIGIN, published)
        else:
            yield IngestFailure(STDIN_ORIGIN, InputError(
                base.too_large("standard input", len(text)), code="E110"))
        return
    try:
        if "\x00" in text[:8192] and binary_kind(text[:8192].encode("utf-8", "replace")):
            raise Fail("E103", "standard input is binary (NUL bytes), not text; pipe in plain "
                               "text, HTML or JSONL")
        if _looks_like_jsonl(text):
            yield from records(enumerate(text.split("\n"), 1), STDIN_ORIGIN, published)
        elif HTML_SNIFF.match(text[:4096].encode("utf-8", "replace")):
            yield html_document(text, STDIN_ORIGIN, published)
        else:
            yield text_document(text, STDIN_ORIGIN, published)
    except Fail as f:
        yield IngestFailure(STDIN_ORIGIN, f.error)


def _stdin_lines(buffered: str, stream: TextIO) -> Iterator[tuple[int, str]]:
    """The lines of what was read so far, then of the rest of the stream."""
    head, _, partial = buffered.rpartition("\n")
    n = 0
    for n, line in enumerate(head.split("\n"), 1):
        yield n, line
    for line in stream:
        n += 1
        yield n, partial + line.rstrip("\n")
        partial = ""
    if partial:
        yield n + 1, partial


def text_document(text: str, origin: str, published: date | None) -> Document:
    """A plain-text article (control characters blanked; everything else kept)."""
    text = blank_controls(text)
    check_content(text, "the text")
    base.check_length(text)
    check_english(text, "the text", None)
    return Document(text=text, published=published, origin=origin).with_id()


def _is_record(line: str) -> bool:
    s = line.strip()
    if not s.startswith("{"):
        return False
    try:
        obj = json.loads(s)
    except (ValueError, RecursionError):
        return False
    return isinstance(obj, dict) and "text" in obj


def _looks_like_jsonl(text: str) -> bool:
    lines = [line for line in text.splitlines() if line.strip()]
    return bool(lines) and all(_is_record(line) for line in lines)
