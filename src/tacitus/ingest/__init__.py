"""Reading articles (text, HTML, JSONL, directories, standard input) into Documents."""
from __future__ import annotations

from .readers import MAX_BYTES, IngestFailure, detect_language, parse_published, read_documents

__all__ = ["IngestFailure", "MAX_BYTES", "detect_language", "parse_published", "read_documents"]
