"""Human-facing output shared by the commands: progress bars and short party labels."""
from __future__ import annotations

import sys


def progress(total: int | None, desc: str, disable: bool = False):
    """A tqdm bar on stderr, shown only on a terminal and when there is enough work to watch."""
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="doc", file=sys.stderr, leave=False,
                disable=disable or (total is not None and total < 5) or not sys.stderr.isatty())


def fmt_party(p: dict | None) -> str:
    """'Name [CAN/GOV]' for an actor or target object, '-' for none."""
    if not p:
        return "-"
    code = "/".join(x for x in (p.get("country"), p.get("sector")) if x)
    name = p.get("name") or p.get("text")
    return f"{name} [{code}]" if code else str(name)
