"""A failing document is isolated in its chunk, whether the pipeline raises on it or skips it."""
from __future__ import annotations

import json
import re
from datetime import date

import pytest
from batchhelpers import BROKEN_TEXT

from tacitus.batch.work import extract_isolated
from tacitus.errors import TacitusError
from tacitus.models import Document

pytestmark = pytest.mark.slow

GOOD = ["Germany has refused to send Leopard tanks to Ukraine, officials said on Monday.",
        "The European Union imposed new sanctions on Russia last week.",
        "Canada will send 60 military trainers to Ukraine, the defence minister said."]


def _docs():
    broken = json.loads(json.dumps(BROKEN_TEXT))
    texts = [GOOD[0], broken, GOOD[1], GOOD[2]]
    return [Document(text=t, id=f"d{i}", published=date(2023, 1, 20), origin=f"in.jsonl:{i + 1}") for i, t in
            enumerate(texts)]


class Skipping:
    """A pipeline that reports a failing document instead of raising (as a hardened one may)."""

    def __init__(self, pipe):
        self.pipe = pipe

    def extract_documents(self, docs, on_error=None):
        def fail(doc, error):
            raise error

        for d in docs:
            try:  # the pipeline's own guard raises here instead of reporting: the document is skipped silently
                yield from self.pipe.extract_documents([d], on_error=fail)
            except (UnicodeError, TacitusError):
                continue


def _check(results, failures, pipeline):
    docs = _docs()
    assert sorted(results) == [0, 2, 3]
    for pos in (0, 2, 3):
        assert results[pos][1] == next(iter(pipeline.extract_documents([docs[pos]])))[1]
    assert any(e.type == "AID" and e.modality == "negated" for e in results[0][1])
    assert [(f.pos, f.doc_id, f.origin) for f in failures] == [(1, "d1", "in.jsonl:2")]
    return failures[0]


def test_a_raising_document_is_isolated(pipeline):
    results, failures = extract_isolated(pipeline, _docs())
    f = _check(results, failures, pipeline)
    # today's Pipeline raises UnicodeEncodeError (E810 here); a hardened one may raise a coded error of its own
    assert re.fullmatch(r"E\d{3}", f.code) and (f.code != "E810" or "UnicodeEncodeError" in f.message)


def test_a_skipped_document_is_reported(pipeline):
    results, failures = extract_isolated(Skipping(pipeline), _docs())
    f = _check(results, failures, pipeline)
    assert f.code == "E810" and "not extracted" in f.message
