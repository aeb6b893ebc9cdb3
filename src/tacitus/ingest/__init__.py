"""Reading articles (text, HTML, JSONL, directories, standard input) into Documents."""
from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import date
from typing import TextIO

from ..models import Document
from .readers import MAX_BYTES, IngestFailure, detect_language, parse_published, read_documents

__all__ = ["IngestFailure", "MAX_BYTES", "collect_documents", "detect_language", "parse_published",
           "read_documents"]


def collect_documents(paths: Sequence[str], *, published: date | None = None, stdin: TextIO | None = None,
                      err: TextIO | None = None) -> tuple[list[Document], int]:
    """Read every path; report each unusable document as one line on `err`; return (docs, failures)."""
    err = err or sys.stderr
    docs: list[Document] = []
    failures = 0
    for item in read_documents(paths, published=published, stdin=stdin):
        if isinstance(item, IngestFailure):
            failures += 1
            print(f"tacitus: {item.origin}: {item.error}", file=err)
        else:
            docs.append(item)
    if not docs and not failures:
        print("tacitus: no documents found in the given paths", file=err)
    return docs, failures
