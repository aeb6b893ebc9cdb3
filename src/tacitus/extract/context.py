"""What the extraction stages share: the loaded resources, and one document's context and memory."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property

from ..models import Attribution, Entity, Location, ParsedDoc, Party, Quantity, Sentence, Token
from ..normalize.actors import ActorResolver
from ..normalize.places import Gazetteer
from ..normalize.publishers import Publisher, Publishers
from ..normalize.time import TimeResolver
from . import syntax as sx
from .attribution import RawAttribution, from_reporting_verb, quote_speaker, quote_spans
from .coref import GROUP_PRONOUNS, PERSON_PRONOUNS, Memory, as_mention
from .cues import Cues
from .event_rules import FIRST_PERSON, REL_PRONOUNS, SECOND_PERSON
from .lexicon import Lexicon, Ontology, Sense
from .rules import Rules
from .turns import speaker_turns, turn_at

# Sectors of a state's own agents: named without their state, they borrow it from the context.
STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY"})
# A readout's title: "Telephone conversation with ...", "Talks with ...", "... had a phone conversation with ...".
_READOUT_TITLE = re.compile(r"\b(?:conversation|talks|meeting|call|negotiations)\s+with\s+(?:the\s+)?(.+?)\s*$", re.I)


@dataclass(frozen=True)
class Resources:
    """Lexicons, dictionaries and models every stage may read; loaded once per process."""

    lexicon: Lexicon
    cues: Cues
    resolver: ActorResolver
    gazetteer: Gazetteer
    ontology: Ontology
    rules: Rules

    @classmethod
    def load(cls, lexicon: Lexicon | None = None, cues: Cues | None = None, resolver: ActorResolver | None = None,
             gazetteer: Gazetteer | None = None) -> "Resources":
        """The packaged resources, with any of them replaced."""
        return cls(lexicon or Lexicon.default(), cues or Cues.default(), resolver or ActorResolver.default(),
                   gazetteer or Gazetteer.default(), Ontology.default(), Rules.default())

    @cached_property
    def cue_preds(self) -> frozenset[str]:
        """Predicates that only modalise the event they govern ("considering sending", "ruled out")."""
        c = self.cues
        return c.possible_pred | c.planned_pred | c.negative_pred

    @cached_property
    def cue_nouns(self) -> frozenset[str]:
        return frozenset(self.cue_preds) | frozenset({"possibility", "idea", "plan"})

    @cached_property
    def request_sense(self) -> Sense:
        """The sense of a request verb used with an addressee ("asked the WTO to investigate")."""
        return Sense(type="REQUEST", mode=None, cameo=self.rules.root_cameo["REQUEST"], contexts=(),
                     objects=frozenset(), preps=("on", "to"), target_from_object=True, reporting=True,
                     source="core")

    @cached_property
    def speech_verbs(self) -> frozenset[str]:
        # Pure speech verbs ("said", "mentioned") do not lend their subject to what they report;
        # commitments ("pledged support", "promised to transfer") do.
        return self.cues.reporting - self.cue_preds


@dataclass
class DocContext:
    """One document's run: its parse, publication date, memory of who is who, and caches."""

    res: Resources
    doc: ParsedDoc
    published: date | None
    memory: Memory = field(default_factory=Memory)
    # The last state named before the current sentence: the sentence's own names are remembered when it
    # starts, and an anaphor must not point forward to them ("the country ... the war with Russia").
    state_before: Party | None = None

    def __post_init__(self) -> None:
        self.quotes = quote_spans(self.doc.doc.text)
        self.times = TimeResolver(self.published) if self.published else None
        self.money_cache: dict[tuple, list[Quantity]] = {}
        self.cache: dict[str, object] = {}  # per-document state a stage keeps between sentences
        if self.published is not None:
            self.memory.gone = frozenset(c for c, end in self.res.rules.former_states.items() if end < self.published)
        # A presidency's release: "the President", "I" and the Government's role nouns are its own.
        self.publisher: Publisher | None = Publishers.default().match(self.doc.doc.source, self.doc.doc.url)
        # A transcript's labelled turns ("Vladimir Putin: ..."): whose "I", "we" and "you" each stretch is.
        self.turns = speaker_turns(self.doc.doc.text, lambda label: self.res.resolver.resolve(label, on=self.published))

    # ------------------------------------------------------------------ parties
    def parties(self, tok: Token, speaker: Party | None = None) -> list[Party]:
        """Parties for a head token and its conjuncts ("Poland and the Czech Republic")."""
        named = self._appositive(tok, speaker)
        if named:
            return named
        out = []
        for k, c in enumerate(sx.conjuncts(self.doc, tok)):
            if k and any(x.dep == "poss" and x.lower in {"its", "their"} for x in self.doc.children(c.i)):
                continue  # "Poland and its people": one side, not a second party read from the memory
            p = self.party(c, speaker)
            if p is not None:
                out.append(p)
        if len(out) > 1 and not any(p.country for p in out):
            return out[:1]  # "presidents, prime ministers, and ministers": one group, not three events
        if not any(p.country for p in out) and tok.pos == "NOUN":
            # "European countries, including the UK": the named members are the parties
            named = [p for _prep, o in sx.pobj_of(self.doc, tok, "including") for p in self.parties(o, speaker)]
            if any(p.country for p in named):
                return named
        return out

    def _appositive(self, tok: Token, speaker: Party | None) -> list[Party]:
        """"regime allies Iran and Russia": the names are the parties, when they are known ones (the
        coal mining city Vuhledar, a town the gazetteer lacks, keeps its description)."""
        ap = sx.child(self.doc, tok, "appos") if tok.pos == "NOUN" else None
        if ap is None or ap.pos != "PROPN":
            return []
        named = self.parties(ap, speaker)
        return named if any(p.country for p in named) else []

    def party(self, tok: Token, speaker: Party | None = None) -> Party | None:
        """The actor a token names (dictionaries, memory, entity type), remembered for later mentions."""
        doc, mem = self.doc, self.memory
        if tok.lower in SECOND_PERSON:
            # In a transcript "you" is whom the speaker answers; elsewhere ("you agree to our Terms of
            # Service") the reader, who is nobody's actor.
            other = turn_at(self.turns, tok.idx)[1] if self.turns else None
            return as_mention(other, tok.text, tok.idx, tok.end, "second-person+turn") if other else None
        if tok.pos == "PRON" or tok.lower in REL_PRONOUNS:
            return self._pronoun(tok, speaker)
        start, end = sx.mention_span(doc, tok)
        sc, ec = doc.tokens[start].idx, doc.tokens[end - 1].end
        text = doc.doc.text[sc:ec]
        party = self.res.resolver.resolve(text, on=self.published)
        if party is not None and party.kind == "person" and not party.country:
            known = mem.person(party.name or text)
            if known is not None:
                party = as_mention(known, text, sc, ec, "person")
        if party is None:
            party = self._unlisted(tok, text, sc, ec)
            if party is None:
                return None
        else:
            party = replace(party, text=text, start=sc, end=ec)
        if party.start is None:
            party = replace(party, start=sc, end=ec)  # every party keeps its offsets in the text
        if party.country is None and self.publisher is not None:
            party = self._publisher_party(party, text, sc, ec)
        if party.country is None and party.sector in STATE_SECTORS and party.source in {"actors:noun", "actors:role+name"}:
            # "a court in Silivri, Turkey": the state of the place the office is in, else the one named before
            party = self._group_place(party, tok)
            if party.country is None:
                party = self._role_country(party, tok)
        if party.country is None and party.kind == "group":
            party = self._group_place(party, tok)
        if party.country is None:
            # "its forces", "their troops": the owner's country, from the document memory.
            poss = sx.child(doc, tok, "poss")
            ref = mem.pronoun(poss.text, poss.idx) if poss is not None and poss.pos == "PRON" else None
            if ref is not None and ref.country:
                party = replace(party, country=ref.country, source=(party.source or "") + "+poss-pronoun")
        mem.remember(party)
        return party

    def _pronoun(self, tok: Token, speaker: Party | None) -> Party | None:
        doc = self.doc
        if tok.lower in REL_PRONOUNS:
            h = sx.head(doc, tok)
            while h is not None and h.dep != "relcl":
                h = sx.head(doc, h)
            if h is not None and sx.head(doc, h) is not None:
                return self.party(sx.head(doc, h), speaker)
            return None
        if tok.lower in FIRST_PERSON:
            # "we", "our", "us" speak for the quoted speaker's side, never for the last name seen;
            # in a presidency's release with no other speaker, for the president and the state.
            p = speaker
            if p is None and self.turns:
                p = turn_at(self.turns, tok.idx)[0]  # a transcript: the turn's speaker, not the publisher
                if p is not None and tok.lower in {"i", "me", "my", "mine"}:
                    return as_mention(p, tok.text, tok.idx, tok.end, "first-person+turn")
            if p is None and self.publisher is not None:
                if tok.lower in {"i", "me", "my", "mine"}:
                    return self.principal(tok.text, tok.idx, tok.end)
                return Party(text=tok.text, name=None, country=self.publisher.country, sector="GOV", kind="state",
                             start=tok.idx, end=tok.end, source="first-person+publisher")
            if p is None or not p.country:
                return None
            return Party(text=tok.text, name=p.name if p.kind != "person" else None, country=p.country,
                         sector=p.sector, kind="state" if p.kind == "person" else p.kind,
                         start=tok.idx, end=tok.end, source="first-person+speaker")
        if speaker is not None and speaker.start is not None and speaker.start < tok.idx and \
                tok.lower in PERSON_PRONOUNS | GROUP_PRONOUNS and (speaker.kind == "person") == (tok.lower in PERSON_PRONOUNS):
            # "The Umma party has said it will boycott ...", "He said he would": who says it speaks of itself
            return as_mention(speaker, tok.text, tok.idx, tok.end, "pronoun+speaker")
        p = self.memory.pronoun(tok.text, tok.idx)
        return as_mention(p, tok.text, tok.idx, tok.end, "pronoun") if p else None

    def principal(self, text: str, start: int | None, end: int | None) -> Party | None:
        """The publisher's principal (e.g. the president whose office issued the release) on the date."""
        if self.publisher is None:
            return None
        name = self.publisher.principal(self.published)
        p = self.res.resolver.resolve(name, on=self.published) if name else None
        if p is None:
            return None
        return replace(p, text=text, start=start, end=end, source="publisher-principal")

    @cached_property
    def counterpart(self) -> Party | None:
        """The foreign leader a release's title says the principal met or called ("Telephone conversation with
        President of Tajikistan Emomali Rahmon"), if any."""
        if self.publisher is None:
            return None
        title = self.doc.doc.text.split("\n", 1)[0]
        m = _READOUT_TITLE.search(title)
        p = self.res.resolver.resolve(m.group(1), on=self.published) if m else None
        return p if p is not None and p.country and p.country != self.publisher.country else None

    def voice(self) -> Party | None:
        """Who speaks in a release when nobody else is quoted: the publisher's principal, by name."""
        name = self.publisher.principal(self.published) if self.publisher is not None else None
        return self.principal(name, None, None) if name else None

    def _publisher_party(self, party: Party, text: str, sc: int, ec: int) -> Party:
        """In a publisher's release a role noun with no country is the publisher's ("the Government")."""
        assert self.publisher is not None
        key = text.lower().removeprefix("the ").strip()
        if key in self.publisher.roles and party.kind in {"person", None}:
            return self.principal(text, sc, ec) or party
        if party.source == "actors:noun" and party.sector is not None:
            return replace(party, country=self.publisher.country, source="actors:noun+publisher")
        return party

    def _group_place(self, party: Party, tok: Token) -> Party:
        """A group placed in or from a named country, region or town is its people ("the Kurds in Syria",
        "civilians in Kabul", "fighters from Chechnya")."""
        doc = self.doc
        holders = [tok]
        if tok.dep == "pobj" and sx.head(doc, tok) is not None and sx.head(doc, tok).lower == "of":
            holders.append(sx.head(doc, sx.head(doc, tok)))  # "dozens of civilians in Kabul"
        for _prep, o in [po for h in holders if h is not None for po in sx.pobj_of(doc, h, "in", "from")]:
            ent = doc.entity_at(o.i)
            loc = self.res.gazetteer.resolve(ent.text.removeprefix("the ")) if ent is not None and \
                ent.label in {"GPE", "LOC"} else None
            if loc is not None and loc.country:
                return replace(party, country=loc.country, source=(party.source or "") + "+group-place")
        return party

    def town_named(self, ent: Entity) -> Location | None:
        """The town or region of exactly the entity's own name, which is what a town the tagger takes for an
        organisation or a person really is; an alias will not do (the gazetteer knows "Google" as Topeka)."""
        loc = self.res.gazetteer.resolve(ent.text)
        ok = loc is not None and loc.country and loc.feature in {"city", "region"} and loc.name == ent.text
        return loc if ok else None

    def _role_country(self, party: Party, tok: Token) -> Party:
        """An office or force named without its state ("the deputy prime minister", "the army") belongs to
        the nearest state named before it in the sentence, else to the last state of the document."""
        state = self.state_named_before(tok)
        if state is None or not state.country:
            return party
        return replace(party, country=state.country, source=(party.source or "") + "+context-state")

    def state_named_before(self, tok: Token) -> Party | None:
        """The nearest state named before `tok` in its sentence, else the last one of earlier sentences."""
        doc = self.doc
        si = doc.sent_of[tok.i] if doc.sent_of else -1
        lo = doc.sentences[si].start if si >= 0 else 0
        best = None
        for e in doc.entities:
            if lo <= e.start and e.end <= tok.i and e.label in {"GPE", "NORP"}:
                p = self.res.resolver.resolve(e.text, on=self.published)
                if p is not None and p.country and p.kind in {"state", "group"} and p.country not in self.memory.gone:
                    best = p
        return best or self.state_before

    def _unlisted(self, tok: Token, text: str, sc: int, ec: int) -> Party | None:
        """A mention no dictionary knows: memory, entity type, gazetteer or a role noun's sector."""
        doc, mem = self.doc, self.memory
        ent = doc.entity_at(tok.i)
        if ent is not None and ent.label == "PERSON":
            known = mem.person(ent.text)
            return as_mention(known, text, sc, ec, "person") if known else \
                Party(text=text, name=ent.text.removesuffix("'s"), kind="person", source="ner")
        if tok.lemma.lower() in self.res.rules.state_nouns and \
                any(k.lower in {"the", "this"} for k in doc.children(tok.i)) and \
                (state := self.state_named_before(tok)) is not None:
            return as_mention(state, text, sc, ec, "definite")
        if ent is not None and (
                (ent.label in {"GPE", "LOC"} and (loc := self.res.gazetteer.resolve(ent.text.removeprefix("the ")))
                 is not None and loc.country)
                or (ent.label == "ORG" and (loc := self.town_named(ent)) is not None)):
            # A city or region that is not a seat of government ("shelled Kharkiv"): its country; the tagger
            # sometimes takes a town for an organisation (then only the place's own name, not an alias:
            # the gazetteer knows "Google" as another name of Topeka).
            return Party(text=text, name=loc.name, country=loc.country, kind="state", source="gazetteer")
        if ent is not None and ent.label in {"ORG", "GPE", "NORP"}:
            kind = {"ORG": "organization", "GPE": "state", "NORP": "group"}[ent.label]
            return Party(text=text, name=ent.text, kind=kind, source="ner")
        sector = self.res.resolver.sector_of(tok.lemma.lower())
        if sector is None:
            return None
        return Party(text=text, name=None, sector=sector, kind="group", source="sector")

    # ------------------------------------------------------------------ memory, sentence by sentence
    def remember_entities(self, sent: Sentence) -> None:
        """Resolve people and states named in the sentence so later "he"/"Blair" find them."""
        for ent in self.doc.entities:
            if ent.start < sent.start or ent.end > sent.end or ent.label not in {"PERSON", "GPE"}:
                continue
            head = self.doc.tokens[ent.end - 1]
            if head.dep == "case" and ent.end - 1 > ent.start:
                head = self.doc.tokens[ent.end - 2]
            while head.dep in {"compound", "flat"} and head.head < ent.end and head.head >= ent.start:
                head = self.doc.tokens[head.head]
            self.party(head)

    def remember_speaker(self, sent: Sentence) -> None:
        """The last person who said something is who a later "he"/"she" most likely is."""
        doc = self.doc
        for t in doc.tokens[sent.start:sent.end]:
            if t.pos == "VERB" and t.lemma.lower() in self.res.cues.reporting:
                s = from_reporting_verb(doc, t, self.res.cues).speaker
                if s is not None and s.pos in {"PROPN", "NOUN"}:
                    p = self.party(s)
                    if p is not None and p.kind == "person":
                        self.memory.last_speaker = p
                        return

    def remember_subjects(self, sent: Sentence) -> None:
        """The subjects of the sentence's main clauses become the topic for later pronouns."""
        doc = self.doc
        for t in doc.tokens[sent.start:sent.end]:
            if t.dep == "nsubj" and t.pos in {"PROPN", "NOUN"} and doc.tokens[t.head].dep in {"ROOT", "conj", "ccomp"}:
                start, end = sx.mention_span(doc, t)
                text = doc.doc.text[doc.tokens[start].idx:doc.tokens[end - 1].end]
                self.memory.note_subject(self.res.resolver.resolve(text, on=self.published))

    # ------------------------------------------------------------------ attribution
    def quote_attribution(self, t: Token) -> RawAttribution | None:
        """The speaker of the quotation a token sits in, if any."""
        for s, e in self.quotes:
            if s <= t.idx < e:
                return quote_speaker(self.doc, (s, e), self.res.cues)
        return None

    def attribution(self, raw: RawAttribution | None, at: Token | None = None) -> Attribution | None:
        """Resolve a token-level attribution: the speaker as a party, the channel as outlet names.

        A first-person speaker ("we told the Americans", "I admit") is the side of whoever is quoted
        around `at`, else of the last person who spoke.
        """
        if raw is None:
            return None
        speaker = None
        if raw.speaker is not None:
            hint = None
            if raw.speaker.lower in FIRST_PERSON:
                q = self.quote_attribution(at) if at is not None else None
                hint = self.party(q.speaker) if q is not None and q.speaker is not None \
                    and q.speaker.lower not in FIRST_PERSON else self.memory.last_speaker
            speaker = self.party(raw.speaker, hint)
        channel = []
        for c in raw.channel:
            s, e = sx.mention_span(self.doc, c)
            name = self.doc.doc.text[self.doc.tokens[s].idx:self.doc.tokens[e - 1].end]
            channel.append(name.removeprefix("the ").removeprefix("The "))
        return Attribution(speaker=speaker, channel=tuple(channel), cue=raw.cue_text)
