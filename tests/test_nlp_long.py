"""Long documents are parsed in pieces cut at paragraph boundaries, offsets kept; run-on text
without sentence punctuation is cut into sentences of bounded length."""
from __future__ import annotations

import json
import re

import pytest

from testpaths import SAMPLE, SHARED

import tacitus.nlp.parser as parser
from tacitus.nlp.parser import MAX_CHUNK, MAX_RUN, split_text

TEXT = SAMPLE.read_text(encoding="utf-8")


def test_pieces_join_to_the_text_and_end_at_line_breaks():
    long = (TEXT + "\n") * 70                                   # ~270,000 characters
    pieces = split_text(long, MAX_CHUNK)
    assert "".join(pieces) == long
    assert len(pieces) >= 3 and all(len(p) <= MAX_CHUNK for p in pieces)
    assert all(p.endswith("\n") for p in pieces[:-1])


def test_without_line_breaks_pieces_end_at_a_sentence_then_a_space():
    flat = " ".join(TEXT.split())
    pieces = split_text(flat, limit=1000)
    assert "".join(pieces) == flat and all(len(p) <= 1000 for p in pieces)
    assert all(p.endswith(". ") for p in pieces[:-1])
    words = " ".join(w.strip(".") for w in flat.split())
    pieces = split_text(words, limit=1000)
    assert "".join(pieces) == words and all(p.endswith(" ") for p in pieces[:-1])
    blob = "x" * 2500
    assert split_text(blob, limit=1000) == ["x" * 1000, "x" * 1000, "x" * 500]


def test_real_prose_never_runs_long_enough_to_be_cut():
    """MAX_RUN is far above the longest stretch of words without . ! ? ; : or a line break."""
    texts = [TEXT]
    for name in ("ukraine-war-2022-2024", "guardian-2017-2019", "kremlin-zelenskyy-2021-2022"):
        path = SHARED / "corpus" / name / "corpus.jsonl"
        if path.exists():
            texts += [json.loads(x)["text"] for x in path.read_text(encoding="utf-8").splitlines()]
    longest = max(len(run.split()) for t in texts for run in re.split(r"[.!?;:\n]", t))
    assert longest * 2 < MAX_RUN


@pytest.mark.slow
def test_a_document_split_in_pieces_gives_the_events_of_the_whole(pipeline, monkeypatch):
    whole = pipeline.extract_text(TEXT, doc_id="s")
    monkeypatch.setattr(parser, "MAX_CHUNK", 1000)
    cut = []
    monkeypatch.setattr(parser, "split_text", lambda text, limit: cut.extend(split_text(text, limit)) or cut)
    pieces = pipeline.extract_text(TEXT, doc_id="s")
    assert len(cut) > 3
    assert [e.to_dict() for e in pieces] == [e.to_dict() for e in whole] and len(whole) > 20


@pytest.mark.slow
def test_over_spacys_limit_is_parsed_not_refused(pipeline, monkeypatch):
    """spaCy's E088 (text over nlp.max_length) killed the batch: pieces stay under it."""
    long = (TEXT + "\n") * 3
    monkeypatch.setattr(pipeline.parser.nlp, "max_length", 5000)
    monkeypatch.setattr(parser, "MAX_CHUNK", 4000)
    events = pipeline.extract_text(long, doc_id="long")
    # The three copies are parsed: the article's events are all there (repeats merge into one row each).
    once = pipeline.extract_text(TEXT, doc_id="long")
    assert len(events) >= len(once) > 20
    for e in events:
        assert long[e.evidence.start:e.evidence.end] == e.evidence.sentence
        assert long[e.evidence.trigger_start:e.evidence.trigger_end] == e.evidence.trigger


@pytest.mark.slow
def test_run_on_text_is_cut_into_bounded_sentences(monkeypatch):
    from tacitus.models import Document
    from tacitus.nlp import Parser

    run_on = " ".join(w.strip(".,;:!?\"()") for w in TEXT.split())   # no punctuation, no breaks
    monkeypatch.setattr(parser, "MAX_RUN", 60)
    parsed = Parser()(Document(text=run_on, id="r"))
    assert max(s.end - s.start for s in parsed.sentences) <= 60
    assert len(parsed.sentences) >= len(run_on.split()) // 60
