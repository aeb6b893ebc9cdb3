"""Packaged YAML data files, read and validated one way: a bad file is one coded error naming it."""
from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .datacache import load_yaml
from .errors import DataFileError

M = TypeVar("M", bound=BaseModel)


def validated_yaml(path: str | Path, schema: type[M], *, what: str, code: str) -> M:
    """The file parsed (libyaml when installed) and validated by `schema`; DataFileError `code` otherwise."""
    try:
        return schema.model_validate(load_yaml(Path(path).read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError) as e:
        raise DataFileError(f"{path}: invalid {what}: {e}", code=code) from e
