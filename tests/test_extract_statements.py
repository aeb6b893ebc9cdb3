"""Every attributed statement is found, with the speaker resolved (real news sentences)."""
from __future__ import annotations

from datetime import date

import pytest

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("text,speaker,country,cue", [
    ("Mr Macron also said that Germany and France are \"united\" in their aim of lowering tensions in Ukraine.",
     "Mr Macron", "FRA", "said"),
    ("A White House representative told Reuters on February 26 that the United States has no plans to send troops.",
     "A White House representative", "USA", "told"),
    ("The economy is slowing sharply, according to the International Monetary Fund.",
     "the International Monetary Fund", "IMF", "according to"),
    ("\"We are ready for talks,\" Ukrainian Foreign Minister Dmytro Kuleba said on Monday.",
     "Ukrainian Foreign Minister Dmytro Kuleba", "UKR", "said"),
])
def test_statement_speaker_and_cue(pipeline, text, speaker, country, cue):
    sts = pipeline.statements_text(text, published=date(2022, 2, 1))
    hit = [s for s in sts if s.cue == cue]
    assert hit, [s.to_dict() for s in sts]
    s = hit[0]
    assert text[s.speaker_span[0]:s.speaker_span[1]] == speaker
    assert s.speaker.country == country
    assert text[s.cue_span[0]:s.cue_span[1]] == cue


def test_statement_without_content_or_speaker_is_skipped(pipeline):
    assert pipeline.statements_text("The said agreement expired.", published=date(2022, 2, 1)) == []
