"""The packaged linear models' shared parts: reading weights with their meta, and finding feature rows."""
from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from .typemodel import hash_feature


def read_linear(weights_file: Path | str, meta_file: Path | str | None, features_version: str
                ) -> tuple[dict, dict[str, np.ndarray]]:
    """(meta, arrays) of a model saved as `.npz` + `.json`; the meta must name the code's feature version."""
    weights_file = Path(weights_file)
    meta_file = Path(meta_file) if meta_file else weights_file.with_suffix(".json")
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    if meta.get("features") != features_version:
        raise ValueError(f"{meta_file}: features {meta.get('features')!r}, code has {features_version!r}")
    with np.load(weights_file) as z:
        return meta, {k: z[k] for k in z.files}


def feature_rows(row: dict[int, int], feats: Iterable[str]) -> list[int]:
    """The weight rows of the features the model knows, each once."""
    return list({row[r] for r in (hash_feature(x) for x in feats) if r in row})
