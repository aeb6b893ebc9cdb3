"""Human-facing output shared by the commands: progress bars and short party labels."""
from __future__ import annotations

import sys


def progress(total: int | None, desc: str, disable: bool = False):
    """A tqdm bar on stderr, shown only on a terminal and when there is enough work to watch."""
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="doc", file=sys.stderr, leave=False,
                disable=disable or (total is not None and total < 5) or not sys.stderr.isatty())


def loading_model(model: str | None) -> None:
    """Say on a terminal's stderr that the spaCy model is loading; nothing on a file or pipe."""
    # It takes seconds, and a progress bar would sit at 0 % meanwhile.
    if not sys.stderr.isatty():
        return
    from .nlp import model_meta

    try:
        meta = model_meta(model)
        what = f"{meta['model_name']} {meta['model_version']}".strip() or meta["spacy_model"]
    except Exception:  # noqa: BLE001 - the load itself reports what is wrong
        what = model or "the best installed pipeline"
    print(f"tacitus: loading the spaCy model ({what}) ...", file=sys.stderr, flush=True)


def fmt_party(p: dict | None) -> str:
    """'Name [CAN/GOV]' for an actor or target object, '-' for none."""
    if not p:
        return "-"
    code = "/".join(x for x in (p.get("country"), p.get("sector")) if x)
    name = p.get("name") or p.get("text")
    return f"{name} [{code}]" if code else str(name)
