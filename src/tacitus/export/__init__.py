"""Exports of the event store: JSONL, CSV, Parquet, POLECAT TSV, GDELT-2 event rows."""
from __future__ import annotations

from .formats import FORMATS, GDELT_COLUMNS, POLECAT_COLUMNS, export

__all__ = ["FORMATS", "GDELT_COLUMNS", "POLECAT_COLUMNS", "export"]
