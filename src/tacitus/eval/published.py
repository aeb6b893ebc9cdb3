"""Published numbers, hand-copied from ../shared/benchmarks/<name>/README.md with their citation.

Values are percentages as printed. `verified` is False where the README says the number was
recalled from memory and must be checked before citing. None of these were obtained on exactly
the slice `tacitus eval` scores (most are on held-out test splits we do not have): they set the
scale, they are not a head-to-head comparison.
"""
from __future__ import annotations

from typing import Any

_README = "../shared/benchmarks/{}/README.md"  # relative to the repository, as CI lays it out


def _p(system: str, metric: str, value: float | str, source: str, split: str, verified: bool = True) -> dict[str, Any]:
    return {"system": system, "metric": metric, "value": value, "source": source, "split": split,
            "verified": verified}


PUBLISHED: dict[str, list[dict[str, Any]]] = {
    "plover-gsr": [],  # README: "Published score: none; there is no leaderboard for this set."
    "plv": [
        _p("UniversalPETRARCH (dictionary coder)", "type macro_f1", 46.3, "Hu et al., ACL 2024, Table 4", "test"),
        _p("GPT-3.5", "type macro_f1", 40.9, "Hu et al., ACL 2024, Table 4", "test"),
        _p("GPT-4", "type macro_f1", 61.5, "Hu et al., ACL 2024, Table 4", "test"),
        _p("ZSP zero-shot NLI", "type macro_f1", 82.4, "Hu et al., ACL 2024, Table 4", "test"),
        _p("ConfliBERT (supervised)", "type macro_f1", 86.7, "Hu et al., ACL 2024, Table 4", "test"),
        _p("ZSP demo notebook", "type accuracy", 83.8, "snowood1/Zero-Shot-PLOVER demo.ipynb", "test"),
    ],
    "conflibert-cameo": [
        _p("BERT", "penta macro_f1", 86.44, "Hu et al., NAACL 2022, Table 3", "test"),
        _p("ConfliBERT (best)", "penta macro_f1", 87.88, "Hu et al., NAACL 2022, Table 3", "test"),
        _p("BERT", "source/target tagging macro_f1", 72.29, "Hu et al., NAACL 2022, Table 3", "test"),
        _p("ConfliBERT (best)", "source/target tagging macro_f1", 74.45, "Hu et al., NAACL 2022, Table 3", "test"),
    ],
    "petrarch-unittest": [],  # none; petrarch2 README: PETRARCH-1 and -2 agree on ~40% of stories
    "polnear": [
        _p("human agreement", "token-wise Krippendorff alpha", 75.4, "PolNeAR README (Newell et al., LREC 2018)", "corpus"),
        _p("human agreement", "attribution-wise agreement", 92.3, "PolNeAR README (Newell et al., LREC 2018)", "corpus"),
    ],
    "meantime": [],  # no leaderboard (Stanovsky et al. 2017 use it for factuality; not checked)
    "timebank": [
        _p("best TempEval-3 system", "event extraction f1", 81, "UzZaman et al. 2013 (TempEval-3)",
           "te3-platinum", verified=False),
    ],
    "conll2003": [
        _p("ACE (Wang et al. 2021)", "entity f1", 94.6, "recalled by the fetch report", "eng.testb", verified=False),
        _p("BERT-large", "entity f1", 92.8, "recalled by the fetch report", "eng.testb", verified=False),
    ],
    "ecbplus": [
        _p("CDLM / Held et al. 2021 (gold mentions)", "CoNLL f1", "85-86", "recalled by the fetch report",
           "test topics 36-45", verified=False),
        _p("Cattan et al. 2021 (end to end)", "CoNLL f1", 81, "recalled by the fetch report",
           "test topics 36-45", verified=False),
    ],
}


def published(benchmark: str) -> list[dict[str, Any]]:
    """The published rows for a benchmark (each with `source`, README path added)."""
    rows = PUBLISHED.get(benchmark, [])
    return [dict(r, readme=_README.format(benchmark)) for r in rows]
