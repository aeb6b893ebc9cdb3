"""`tacitus batch`: extraction of large inputs on Dask into month-partitioned Parquet."""
from __future__ import annotations

from .output import BatchError, is_batch_output, pipeline_version, read_output
from .runner import BatchSummary, run_batch

__all__ = ["BatchError", "BatchSummary", "is_batch_output", "pipeline_version", "read_output", "run_batch"]
