"""Reading articles (text, HTML, JSONL, directories, standard input) into Documents."""
from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from datetime import date
from typing import TextIO

from ..errors import error_line
from ..models import Document
from .base import MAX_BYTES, MAX_CHARS, IngestFailure
from .language import detect_language
from .readers import read_documents
from .records import parse_published

__all__ = ["DocumentStream", "IngestFailure", "MAX_BYTES", "MAX_CHARS", "collect_documents",
           "detect_language", "parse_published", "read_documents"]


class DocumentStream:
    """The readable documents of `paths`, read lazily; unusable ones reported on `err` and counted."""

    def __init__(self, paths: Sequence[str], *, published: date | None = None,
                 stdin: TextIO | None = None, err: TextIO | None = None):
        self._items = read_documents(paths, published=published, stdin=stdin)
        self._err = err
        self.documents = 0
        self.failures = 0

    def __iter__(self) -> Iterator[Document]:
        for item in self._items:
            if isinstance(item, IngestFailure):
                self.failures += 1
                print(error_line(item.origin, item.error), file=self._err or sys.stderr)
            else:
                self.documents += 1
                yield item
        if not self.documents and not self.failures:
            print("tacitus: no documents found in the given paths", file=self._err or sys.stderr)


def collect_documents(paths: Sequence[str], *, published: date | None = None, stdin: TextIO | None = None,
                      err: TextIO | None = None) -> tuple[list[Document], int]:
    """Read every path; report each unusable document as one line on `err`; return (docs, failures)."""
    stream = DocumentStream(paths, published=published, stdin=stdin, err=err)
    docs = list(stream)
    return docs, stream.failures
