"""Compiled data artefacts (gazetteer index, lexicon, actor index, exchange rates) cached on disk.

Building them from the packaged YAML/JSONL/TSV files takes seconds; loading a compiled copy takes
milliseconds. A copy is keyed by a hash of everything it is built from (the data files, the
source of the module that builds it, the Tacitus and Python versions), so an edited data file or
builder is rebuilt on first use and a stale copy is never read. The folder is
`$TACITUS_CACHE_DIR`, else `$XDG_CACHE_HOME/tacitus`, else `~/.cache/tacitus`;
`TACITUS_CACHE_DIR=off` turns caching off. A folder that cannot be written only costs time.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from array import array
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml

from . import __version__

FORMAT = 1  # bump when the layout of any cached artefact changes without its builder's source
ENV = "TACITUS_CACHE_DIR"

T = TypeVar("T")
V = TypeVar("V")

# libyaml's parser is about ten times faster than the pure-Python one and builds the same objects.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """`yaml.safe_load` with libyaml when it is installed."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader


def cache_dir() -> Path | None:
    """Where compiled artefacts live, or None when caching is off."""
    value = os.environ.get(ENV)
    if value is not None:
        return None if value.strip().lower() in ("", "off", "0", "no") else Path(value)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tacitus"


def fingerprint(sources: Iterable[Any]) -> str:
    """sha256 over the cache format, versions and every source (a file's bytes, else its str)."""
    h = hashlib.sha256(f"{FORMAT}|{__version__}|{sys.version_info[:2]}".encode())
    for src in sources:
        if isinstance(src, Path) or hasattr(src, "read_bytes"):
            data = src.read_bytes()
            h.update(f"|file {len(data)}|".encode())
            h.update(data)
        else:
            h.update(f"|{src}".encode())
    return h.hexdigest()


def cached(name: str, sources: Iterable[Any], build: Callable[[], T]) -> T:
    """`build()`'s result, from the cache when a copy built from the same sources is there."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{fingerprint(sources)[:20]}.pickle"
    try:
        return pickle.loads(path.read_bytes())
    except FileNotFoundError:
        pass
    except Exception:  # noqa: BLE001 - a truncated or foreign file: rebuild it
        pass
    value = build()
    _store(folder, name, path, value)
    return value


def _store(folder: Path, name: str, path: Path, value: Any) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        # Atomic: a reader in another process sees the old state or the whole new file.
        os.replace(tmp, path)
        for old in folder.glob(f"{name}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        try:
            os.unlink(tmp)  # type: ignore[possibly-undefined]
        except (OSError, NameError):
            pass


def pack(mapping: dict[str, str]) -> tuple:
    """A str -> str mapping as two strings and two offset arrays (see `PackedTable`)."""
    keys = sorted(mapping)
    koff, voff = array("L", [0]), array("L", [0])
    for k in keys:
        koff.append(koff[-1] + len(k))
        voff.append(voff[-1] + len(mapping[k]))
    return "".join(keys), koff, "".join(mapping[k] for k in keys), voff


class PackedTable(Generic[V]):
    """A read-only `dict.get` over `pack()`ed strings, each value decoded on first use."""

    # Unpickling a dict of 100,000 strings costs a tenth of a second; two strings and two arrays
    # cost nothing, and a lookup is a binary search of ~17 comparisons. Most keys are never used.

    __slots__ = ("_keys", "_koff", "_vals", "_voff", "_decode", "_done")

    def __init__(self, packed: tuple, decode: Callable[[str], V]):
        self._keys, self._koff, self._vals, self._voff = packed
        self._decode = decode
        self._done: dict[str, V] = {}

    def _find(self, key: str) -> int:
        keys, off = self._keys, self._koff
        lo, hi = 0, len(off) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            k = keys[off[mid]:off[mid + 1]]
            if k < key:
                lo = mid + 1
            elif k > key:
                hi = mid
            else:
                return mid
        return -1

    def get(self, key: str, default: Any = None) -> V | Any:
        value = self._done.get(key)
        if value is None:
            i = self._find(key)
            if i < 0:
                return default
            value = self._done[key] = self._decode(self._vals[self._voff[i]:self._voff[i + 1]])
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and (key in self._done or self._find(key) >= 0)

    def __len__(self) -> int:
        return len(self._koff) - 1
