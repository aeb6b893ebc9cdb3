"""What every reader shares: the failure record, the internal error carrier and the size limit."""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError

# Reading: one file, one JSONL line or standard input may not exceed this many bytes (a JSONL
# file itself may be any size: it is read line by line).
MAX_BYTES = 20 * 1024 * 1024
# A document's text may not exceed this many characters: spaCy's own default limit. Longer
# texts are parsed in pieces (nlp/parser.py), but a document this long is a book, not an
# article, and its parse alone holds about 1.3 GB.
MAX_CHARS = 1_000_000


@dataclass(frozen=True, slots=True)
class IngestFailure:
    """An input that could not be read: where it came from and why."""

    origin: str  # path, "path.jsonl:12" for a JSONL line, or "<stdin>"
    error: InputError

    @property
    def code(self) -> str:
        return self.error.code

    def __str__(self) -> str:
        return f"{self.origin}: {self.error}"


class Fail(Exception):
    """Internal: carries an InputError for one input."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.error = InputError(message, code=code)


def check_length(text: str) -> None:
    """Fail E110 for a text over `MAX_CHARS`."""
    if len(text) > MAX_CHARS:
        raise Fail("E110", f"the text has {len(text):,} characters, over the {MAX_CHARS:,}-character "
                           f"limit per document; split it into articles (one per file or JSONL line)")


def too_large(shown: str, size: int, what: str = "") -> str:
    """The E110 message: how big, the limit, and how to split."""
    mb = size / (1024 * 1024)
    how = what or "split it into one file per article, or into a JSONL file of documents"
    return f"{shown} is {mb:.1f} MB, over the {MAX_BYTES // (1024 * 1024)} MB limit per document; {how}"
