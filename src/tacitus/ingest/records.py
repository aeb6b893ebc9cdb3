"""JSONL and JSON documents: one object per line (read as a stream) or a .json list of them."""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any, BinaryIO

from ..errors import InputError
from ..models import Document
from . import base
from .base import Fail, IngestFailure
from .language import check_english
from .text import binary_kind, blank_controls, check_content, decode

_DATE = re.compile(r"\A(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z]*)?\Z")
_STR_FIELDS = ("title", "url", "source", "language")
Line = tuple[int, "str | Fail"]  # line number, its text (or why it could not be read)


def jsonl_file(fh: BinaryIO, shown: str, published: date | None, *, explicit: bool
               ) -> Iterator[Document | IngestFailure]:
    """Documents of a JSONL file, read line by line (any file size; `MAX_BYTES` per line)."""
    head = fh.read(8192)
    kind = binary_kind(head)
    if kind:
        if explicit:
            yield IngestFailure(shown, InputError(f"{shown} is {kind}, not text; give a plain-text, "
                                                  f"HTML or JSONL file", code="E103"))
        return
    fh.seek(0)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 cannot be split on b"\n": whole file
        data = fh.read(base.MAX_BYTES + 1)
        if len(data) > base.MAX_BYTES:
            yield IngestFailure(shown, InputError(base.too_large(shown, len(data), _SPLIT), code="E110"))
            return
        try:
            text = decode(data, shown)
        except Fail as f:
            yield IngestFailure(shown, f.error)
            return
        yield from records(enumerate(text.split("\n"), 1), shown, published)
        return
    yield from records(_byte_lines(fh, shown), shown, published)


_SPLIT = "split it, e.g. `split -l 10000 FILE part-` (one document per line stays whole)"


def _byte_lines(fh: BinaryIO, shown: str) -> Iterator[Line]:
    n = 0
    while True:
        raw = fh.readline(base.MAX_BYTES + 1)
        if not raw:
            return
        n += 1
        if len(raw) > base.MAX_BYTES and not raw.endswith(b"\n"):
            size = len(raw)
            while raw and not raw.endswith(b"\n"):  # skip the rest of the line, a MB at a time
                raw = fh.readline(1 << 20)
                size += len(raw)
            yield n, Fail("E110", base.too_large("the line", size, "give each document its own line "
                                                                  "under the limit"))
            continue
        if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            yield n, decode(raw.rstrip(b"\r\n"), "the line")
        except Fail as f:
            yield n, f


def records(lines: Iterable[tuple[int, Any]], origin: str, published: date | None
            ) -> Iterator[Document | IngestFailure]:
    """One Document or IngestFailure per non-empty line; the same id twice is reported (E111)."""
    any_line = False
    seen: dict[str, int] = {}
    for n, line in lines:
        where = f"{origin}:{n}"
        if isinstance(line, Fail):
            any_line = True
            yield IngestFailure(where, line.error)
            continue
        if n == 1 and line.startswith("\ufeff"):
            line = line[1:]
        if not line.strip():
            continue
        any_line = True
        try:
            obj = loads(line, "the line")
            doc = record_document(obj, published, origin=where)
            if isinstance(obj, dict) and obj.get("id") is not None:
                if doc.id in seen:
                    raise Fail("E111", f"id {doc.id!r} already used on line {seen[doc.id]}; give "
                                       f"every document its own id (this line is skipped)")
                seen[doc.id] = n
            yield doc
        except Fail as f:
            yield IngestFailure(where, f.error)
    if not any_line:
        yield IngestFailure(origin, InputError(
            f"{origin} has no documents (empty); put one JSON object per line", code="E104"))


def json_records(text: str, origin: str, published: date | None) -> Iterator[Document | IngestFailure]:
    """A .json file: one document object, or a list of them."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        yield IngestFailure(origin, InputError(f"{origin} is empty; give a JSON document object",
                                               code="E104"))
        return
    try:
        obj = loads(text, "the file")
    except Fail as f:
        yield IngestFailure(origin, f.error)
        return
    items = obj if isinstance(obj, list) else [obj]
    seen: set[str] = set()
    for i, item in enumerate(items):
        where = f"{origin}[{i}]" if isinstance(obj, list) else origin
        try:
            doc = record_document(item, published, origin=where)
            if isinstance(item, dict) and item.get("id") is not None:
                if doc.id in seen:
                    raise Fail("E111", f"id {doc.id!r} appears twice in the file; give every "
                                       f"document its own id (this record is skipped)")
                seen.add(doc.id)
            yield doc
        except Fail as f:
            yield IngestFailure(where, f.error)


def loads(text: str, what: str) -> Any:
    """json.loads with one coded error for every way a line can be bad (E108)."""
    try:
        return json.loads(text)
    except RecursionError:
        raise Fail("E108", f"{what} is nested too deeply to read; give one flat object like "
                           f"{{\"text\": \"...\"}}") from None
    except ValueError as e:
        raise Fail("E108", f"{what} is not valid JSON ({json_reason(e)}); each document must be "
                           f"one object like {{\"text\": \"...\"}}") from None


def json_reason(e: ValueError) -> str:
    """"Expecting ',' delimiter at column 12" from a JSONDecodeError."""
    msg = getattr(e, "msg", None)
    if not msg:
        return str(e)
    where = f"column {getattr(e, 'colno', '?')}"
    # json's own messages may end in "at" ("Unterminated string starting at").
    return f"{msg} {where}" if msg.endswith(" at") else f"{msg} at {where}"


def record_document(obj: Any, published: date | None, *, origin: str) -> Document:
    """A Document from one JSON object; Fail E108/E109/E104/E107 when it is not one."""
    if not isinstance(obj, dict):
        raise Fail("E108", f"expected a JSON object with a \"text\" field, got {type(obj).__name__}")
    text = obj.get("text")
    if text is None:
        raise Fail("E108", "missing required field \"text\"; each document needs its article text")
    if not isinstance(text, str):
        raise Fail("E108", f"field \"text\" must be a string, got {type(text).__name__}")
    base.check_length(text)
    if text.startswith("\ufeff"):
        text = text[1:]
    text = blank_controls(text)
    fields: dict[str, str | None] = {}
    for name in _STR_FIELDS:
        v = obj.get(name)
        if v is not None and not isinstance(v, str):
            raise Fail("E108", f"field \"{name}\" must be a string or null")
        fields[name] = blank_controls(v) if v else None
    doc_id = obj.get("id")
    if doc_id is not None and not isinstance(doc_id, (str, int)) or isinstance(doc_id, bool):
        raise Fail("E108", "field \"id\" must be a string or an integer")
    if isinstance(doc_id, str) and blank_controls(doc_id) != doc_id:
        raise Fail("E108", "field \"id\" contains control characters")
    pub = published
    raw_pub = obj.get("published")
    if raw_pub not in (None, ""):
        try:
            pub = parse_published(raw_pub)
        except ValueError:
            raise Fail("E109", f"invalid \"published\" date {str(raw_pub)[:40]!r}; use "
                               f"YYYY-MM-DD (e.g. 2024-03-01) or leave it out and pass "
                               f"--published") from None
    check_content(text, "the text")
    check_english(text, "the text", fields["language"])
    return Document(text=text, id="" if doc_id is None else str(doc_id), published=pub,
                    title=fields["title"], url=fields["url"], source=fields["source"],
                    language=fields["language"], origin=origin).with_id()


def parse_published(value: Any) -> date:
    """A publication date from "YYYY-MM-DD" (a trailing ISO time is allowed); ValueError else."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError(value)
    m = _DATE.match(value.strip())
    if not m:
        raise ValueError(value)
    y, mo, d = (int(g) for g in m.groups())
    if not 1800 <= y <= 2200:
        raise ValueError(value)
    return date(y, mo, d)  # raises ValueError for 2024-02-30
