"""Which language a text is in: a cheap stopword vote. Tacitus's rules and lexicons are English-only."""
from __future__ import annotations

import re

from .base import Fail

_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset("""the of and to in is was for that on with as by at from it its he she
        they his her their has have had are were be been will would said says not but this which
        who an or after over into about than more also when there can could up out against""".split()),
    "fr": frozenset("""le la les des du et est une dans pour que qui sur au aux pas par ce cette
        sont ont avec il elle ne se ses leur leurs mais comme été être nous vous ils elles été
        selon lors contre après""".split()),
    "de": frozenset("""der die das und ist nicht mit den dem des ein eine einer einen sich auf
        für von zu im auch es wird wurde sind nach bei aus wie oder aber hat haben dass über
        gegen noch""".split()),
    "es": frozenset("""el la los las del y que en un una por con para es se su sus al lo como
        más pero fue ha han sobre entre tras según contra""".split()),
    "it": frozenset("""il lo la gli le di del della dei che e è un una per con non sono nel
        nella alla da dal ha hanno anche come più ma dopo contro""".split()),
    "pt": frozenset("""o os a as do da dos das e é um uma em no na nos para com não que se por
        ao foi são mais como mas pelo pela contra após""".split()),
    "nl": frozenset("""de het een en van in is dat op te voor met zijn niet ook aan er maar
        bij als nog werd door naar om tegen""".split()),
}
# Words shared with English or too short to vote for another language.
_SHARED = frozenset("a in is to on an de la le el die des et".split())
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
MIN_WORDS_FOR_LANGUAGE = 20


def detect_language(text: str) -> str | None:
    """A rough language guess: "en", another ISO 639-1 code, or None when unsure (short text).

    Non-Latin scripts vote for their script's usual language; Latin text votes by stopwords.
    Names do not count for or against English, so name-heavy English is not rejected.
    """
    sample = text[:20000]
    letters = [c for c in sample if c.isalpha()]
    if len(letters) >= 40:
        latin = sum(1 for c in letters if c < "\u0250")
        if latin / len(letters) < 0.5:
            return _script_language(letters)
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < MIN_WORDS_FOR_LANGUAGE:
        return None
    scores = {lang: sum(1 for w in words if w in sw and (lang == "en" or w not in _SHARED))
              for lang, sw in _STOPWORDS.items()}
    best = max(scores, key=lambda k: scores[k])
    en = scores["en"]
    if best == "en" or en / len(words) >= 0.12:
        return "en"
    if scores[best] / len(words) >= 0.10 and scores[best] > 2 * en:
        return best
    return None


# Unicode blocks of the scripts that name a language by themselves (Cyrillic is told apart below).
_SCRIPTS = ((0x0600, 0x06FF, "ar"), (0x0590, 0x05FF, "he"), (0x4E00, 0x9FFF, "zh"), (0x3040, 0x30FF, "ja"),
            (0xAC00, 0xD7AF, "ko"), (0x0370, 0x03FF, "el"))


def _script_language(letters: list[str]) -> str:
    counts: dict[str, int] = {}
    for c in letters:
        o = ord(c)
        if 0x0400 <= o <= 0x04FF:
            lang = "uk" if c in "іїєґІЇЄҐ" else "ru"
        else:
            lang = next((code for lo, hi, code in _SCRIPTS if lo <= o <= hi), "und")
        counts[lang] = counts.get(lang, 0) + 1
    if counts.get("uk") and counts.get("ru"):
        return "uk"
    return max(counts, key=lambda k: counts[k])


def check_english(text: str, where: str, declared: str | None,
                   *, trust_declared: bool = True) -> None:
    """E107 unless the text is English.

    A trusted declaration (the JSONL "language" field) wins over the guess. An HTML page's
    `lang` attribute is often a template default, so it only decides when the text is too short
    to guess from.
    """
    lang = declared.strip().lower().replace("_", "-").split("-")[0] if declared else ""
    if lang and trust_declared:
        if lang in ("en", "eng"):
            return
        raise Fail("E107", f"{where} is declared as language {declared!r}; Tacitus codes English "
                            f"news only: translate it to English first")
    guess = detect_language(text)
    if guess is None and lang and lang not in ("en", "eng"):
        guess = lang
    if guess is not None and guess != "en":
        raise Fail("E107", f"{where} looks like language {guess!r}, not English; Tacitus codes "
                            f"English news only: translate it first (or set \"language\": \"en\" "
                            f"in a JSONL record to override)")

