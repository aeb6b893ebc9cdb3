"""Hand-built parses for stage unit tests: no spaCy, every token's tag and arc written out."""
from __future__ import annotations

from datetime import date

from tacitus.models import Document, Entity, ParsedDoc, Sentence, Token


def build(rows: list[tuple], *, published: date | None = date(2024, 3, 1), doc_id: str = "hand") -> ParsedDoc:
    """One sentence from rows (text, lemma, pos, dep, head index, entity label or "", [fine tag]).

    Tokens are joined by single spaces except before punctuation; a head equal to the token's own
    index marks the root. Consecutive tokens with the same entity label form one entity.
    """
    text = ""
    tokens = []
    for i, (word, lemma, pos, dep, head, ent, *tag) in enumerate(rows):
        if text and pos != "PUNCT":
            text += " "
        idx = len(text)
        text += word
        tokens.append(Token(i=i, text=word, idx=idx, lemma=lemma, pos=pos, tag=tag[0] if tag else "", dep=dep, head=head,
                            ent_type=ent, ent_iob="O" if not ent else "B", ws=" "))
    ents = []
    i = 0
    while i < len(rows):
        lab = rows[i][5]
        if not lab:
            i += 1
            continue
        j = i
        while j + 1 < len(rows) and rows[j + 1][5] == lab:
            j += 1
        ents.append(Entity(i, j + 1, lab, text[tokens[i].idx:tokens[j].end], tokens[i].idx, tokens[j].end))
        i = j + 1
    sent = Sentence(0, len(tokens), 0, len(text), text)
    return ParsedDoc.build(Document(text=text, id=doc_id, published=published), tuple(tokens), (sent,), tuple(ents))


# "Canada will send troops to Ukraine."
CANADA_SENDS = [
    ("Canada", "Canada", "PROPN", "nsubj", 2, "GPE"),
    ("will", "will", "AUX", "aux", 2, "", "MD"),
    ("send", "send", "VERB", "ROOT", 2, ""),
    ("troops", "troop", "NOUN", "dobj", 2, ""),
    ("to", "to", "ADP", "prep", 2, ""),
    ("Ukraine", "Ukraine", "PROPN", "pobj", 4, "GPE"),
    (".", ".", "PUNCT", "punct", 2, ""),
]

# "Poland is not considering sending troops to Ukraine."
POLAND_NOT_CONSIDERING = [
    ("Poland", "Poland", "PROPN", "nsubj", 3, "GPE"),
    ("is", "be", "AUX", "aux", 3, ""),
    ("not", "not", "PART", "neg", 3, ""),
    ("considering", "consider", "VERB", "ROOT", 3, ""),
    ("sending", "send", "VERB", "xcomp", 3, ""),
    ("troops", "troop", "NOUN", "dobj", 4, ""),
    ("to", "to", "ADP", "prep", 4, ""),
    ("Ukraine", "Ukraine", "PROPN", "pobj", 6, "GPE"),
    (".", ".", "PUNCT", "punct", 3, ""),
]

# "The EU imposed sanctions on Russia."
EU_SANCTIONS = [
    ("The", "the", "DET", "det", 1, ""),
    ("EU", "EU", "PROPN", "nsubj", 2, "ORG"),
    ("imposed", "impose", "VERB", "ROOT", 2, ""),
    ("sanctions", "sanction", "NOUN", "dobj", 2, ""),
    ("on", "on", "ADP", "prep", 2, ""),
    ("Russia", "Russia", "PROPN", "pobj", 4, "GPE"),
    (".", ".", "PUNCT", "punct", 2, ""),
]

# "Russia's war continues." (a standing state of conflict, asserted and undated)
WAR_CONTINUES = [
    ("Russia", "Russia", "PROPN", "poss", 2, "GPE"),
    ("'s", "'s", "PART", "case", 0, ""),
    ("war", "war", "NOUN", "nsubj", 3, ""),
    ("continues", "continue", "VERB", "ROOT", 3, ""),
    (".", ".", "PUNCT", "punct", 3, ""),
]
