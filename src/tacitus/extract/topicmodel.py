"""Is an article a sports report? A logistic regression over the words it uses.

Sports pages are a large share of any newspaper and their verbs look like events ("beat", "attack",
"defend", "charged"); an analyst codes none of them (guideline §6 case 16) but a sports body's ban on a
country or a court's ruling. The model reads only the article's words (no parse, no encoder): binary
presence of a fixed vocabulary, L2-normalised, one weight each. Trained by `scripts/train_topic_model.py`
on the BBC News topics and the other shared corpora, gold articles left out; weights in
`data/models/topicmodel.npz` with `topicmodel.json` (version, vocabulary, threshold, CV scores).
"""
from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path

from .linear import read_linear

MODEL_DIR = Path(__file__).resolve().parents[1] / "data" / "models"
WEIGHTS_FILE = MODEL_DIR / "topicmodel.npz"
FEATURES_VERSION = "topic-words-1"
WORD = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]")


def words(text: str) -> set[str]:
    """The distinct lower-case words of a text (the model's only input)."""
    return set(WORD.findall(text.lower()))


class TopicModel:
    """P(sport) of an article's text, and the threshold above which its events are not data."""

    def __init__(self, vocab: list[str], coef, intercept: float, threshold: float, version: str):
        self.weight = {w: float(c) for w, c in zip(vocab, coef)}
        self.intercept = intercept
        self.threshold = threshold
        self.version = version

    @classmethod
    def load(cls, weights_file: Path | str = WEIGHTS_FILE) -> "TopicModel":
        meta, arrays = read_linear(weights_file, None, FEATURES_VERSION)
        return cls(meta["vocab"], arrays["coef"], float(arrays["intercept"][0]), float(meta["threshold"]),
                   meta["version"])

    @classmethod
    def default(cls) -> "TopicModel":
        return _default()

    def sport(self, text: str) -> float:
        """Probability that the text is a sports report."""
        known = [self.weight[w] for w in words(text) if w in self.weight]
        z = self.intercept + (sum(known) / math.sqrt(len(known)) if known else 0.0)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def is_sport(self, text: str) -> bool:
        return self.sport(text) >= self.threshold


@lru_cache(maxsize=1)
def _default() -> TopicModel:
    return TopicModel.load()
