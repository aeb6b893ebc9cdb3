"""The event stage: ParsedDoc -> Events (trigger, arguments, modality, attribution, time, place, amounts)."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from ..models import Attribution, Event, Evidence, Location, ParsedDoc, Party, Quantity, Sentence, TimeSpan, Token
from ..normalize.actors import ActorResolver
from ..normalize.places import Gazetteer
from ..normalize.quantities import find_counts, find_money
from ..normalize.time import TimeResolver, find_time_expressions, published_span
from . import syntax as sx
from .arguments import controller, object_token, target_tokens
from .attribution import RawAttribution, attribute, quote_speaker, quote_spans
from .coref import STATE_NOUNS, Memory, as_mention
from .cues import Cues
from .event_rules import (
    DOLLAR_COUNTRIES,
    EMBEDDING_TYPES,
    FIRST_PERSON,
    LIGHT_HEADS,
    MODAL_TYPES,
    MOVE_NOUNS,
    PLACE_PREPS,
    REL_PRONOUNS,
    ROOT_CAMEO,
    SECOND_PERSON,
    SKIP_NOUN_UNDER,
    SPEAKER_ACTS,
    WAR_STATE_NOUNS,
    confidence,
    dedupe,
    head_noun_is,
    headline,
    in_hyphen_compound,
    same,
    token_at,
    token_index,
)
from .lexicon import Lexicon, Ontology, Sense
from .modality import decide
from .plover import plover_view
from .typemodel import TypeModel, char_to_token_span

@dataclass(frozen=True, slots=True)
class Trigger:
    """A token the lexicon recognised, with the sense chosen for its object."""

    token: Token
    sense: Sense
    obj: Token | None
    particle: str | None


class EventExtractor:
    """Stage `tacitus.extract.events.v1`: needs a ParsedDoc, adds the document's Events."""

    name = "tacitus.extract.events.v1"

    def __init__(self, lexicon: Lexicon | None = None, cues: Cues | None = None,
                 resolver: ActorResolver | None = None, gazetteer: Gazetteer | None = None,
                 use_type_model: bool = True):
        self.lexicon = lexicon or Lexicon.default()
        self.cues = cues or Cues.default()
        self.resolver = resolver or ActorResolver.default()
        self.gazetteer = gazetteer or Gazetteer.default()
        self.ontology = Ontology.default()
        self.type_model = TypeModel.default() if use_type_model else None
        c = self.cues
        # Predicates that only modalise the event they govern ("considering sending", "ruled out").
        self.cue_preds = c.possible_pred | c.planned_pred | c.negative_pred
        self.cue_nouns = frozenset(w for w in self.cue_preds) | frozenset({"possibility", "idea", "plan"})
        # Pure speech verbs ("said", "mentioned") do not lend their subject to what they report;
        # commitments ("pledged support", "promised to transfer") do.
        self.speech_verbs = c.reporting - self.cue_preds

    # ------------------------------------------------------------------ document
    def __call__(self, doc: ParsedDoc, published: date | None = None) -> list[Event]:
        published = published or doc.doc.published
        run = _DocRun(self, doc, published)
        events: list[Event] = []
        for si, sent in enumerate(doc.sentences):
            events.extend(run.sentence(si, sent))
        return dedupe(events)


class _DocRun:
    """State for one document: memory of actors, quotes, resolvers bound to the publication date."""

    def __init__(self, ex: EventExtractor, doc: ParsedDoc, published: date | None):
        self.ex, self.doc, self.published = ex, doc, published
        self.memory = Memory()
        self.quotes = quote_spans(doc.doc.text)
        self.times = TimeResolver(published) if published else None
        self._money_cache: dict[tuple[int, date | None, str | None], list[Quantity]] = {}
        self._current_speaker: Party | None = None

    # ------------------------------------------------------------------ sentence
    def sentence(self, si: int, sent: Sentence) -> list[Event]:
        doc = self.doc
        self._remember_entities(sent)
        triggers = self._triggers(sent)
        if not triggers:
            self._remember_speaker(sent)
            self._remember_subjects(sent)
            return []
        trig_ids = {tr.token.i: tr for tr in triggers}
        times = self._time_spans(sent, trig_ids)
        counts = find_counts(doc, sent.start, sent.end)
        out: list[Event] = []
        for tr in triggers:
            out.extend(self._events_for(tr, sent, trig_ids, times, counts))
        self._remember_speaker(sent)
        self._remember_subjects(sent)
        return out

    def _remember_subjects(self, sent: Sentence) -> None:
        """The subjects of the sentence's main clauses become the topic for later pronouns."""
        doc = self.doc
        for t in doc.tokens[sent.start:sent.end]:
            if t.dep == "nsubj" and t.pos in {"PROPN", "NOUN"} and doc.tokens[t.head].dep in {"ROOT", "conj", "ccomp"}:
                start, end = sx.mention_span(doc, t)
                text = doc.doc.text[doc.tokens[start].idx:doc.tokens[end - 1].end]
                self.memory.note_subject(self.ex.resolver.resolve(text, on=self.published))

    def _triggers(self, sent: Sentence) -> list[Trigger]:
        doc, lex = self.doc, self.ex.lexicon
        found: list[Trigger] = []
        for t in doc.tokens[sent.start:sent.end]:
            if t.pos not in {"VERB", "NOUN"}:
                continue
            if not lex.is_trigger(t.lemma.lower(), t.pos) or in_hyphen_compound(doc, t):
                continue
            if t.lower in {"provided", "providing"} and sx.child(doc, t, "ccomp", "advcl") is not None \
                    and sx.child(doc, t, "dobj") is None:
                continue  # ", provided such an operation is far from the front line" is a condition
            prt = sx.particle(doc, t) if t.pos == "VERB" else None
            obj = object_token(doc, t)
            sense = lex.lookup(t.lemma.lower(), t.pos, particle=prt,
                               object_lemma=obj.lemma.lower() if obj is not None else None)
            if sense is None or sense.type is None:
                continue
            if not sense.objects and sense.source.startswith("cameo:"):
                continue  # mined entries are only trusted with the object pattern they were mined with
            if t.pos == "VERB" and obj is None and len(lex.senses(t.lemma.lower(), t.pos, prt)) > 1 \
                    and not sense.reporting and (sx.child(doc, t, "ccomp") is not None
                                                 or any(p == "for" for p, _ in sx.pobj_of(doc, t, "for"))):
                continue  # "the agreement provides that / for ...": an object-driven verb used otherwise
            found.append(Trigger(t, sense, obj, prt))
        by_i = {tr.token.i: tr for tr in found}
        # Modal predicates go first: "pledged continued support" leaves the support as the event,
        # so a cue verb must not also swallow its object noun.
        cues_out = {tr.token.i for tr in found if self._is_modal_cue(tr, by_i)}
        events_i = {i: tr for i, tr in by_i.items() if i not in cues_out}
        kept = []
        for tr in found:
            if tr.token.i in cues_out:
                continue
            if tr.token.pos == "NOUN" and self._covered_by_verb(tr, events_i):
                continue
            if self._is_purpose_of(tr, events_i):
                continue
            kept.append(tr)
        return kept

    def _is_modal_cue(self, tr: Trigger, by_i: dict[int, Trigger]) -> bool:
        """"not considering sending", "ruled out sending": the predicate is modality, not an event."""
        t = tr.token
        if tr.sense.type in {"CONSULT", "REQUEST"}:
            return False  # "discussed sending troops", "called for the release": events in their own right
        lem = f"{t.lemma.lower()}_{tr.particle}" if tr.particle else t.lemma.lower()
        if lem not in self.ex.cue_preds and t.lemma.lower() not in self.ex.cue_preds:
            return False
        for j in by_i:
            if j != t.i and sx.is_ancestor(self.doc, t, self.doc.tokens[j]):
                path = [self.doc.tokens[j]] + list(sx.ancestors(self.doc, self.doc.tokens[j], limit=4))
                if any(p.i == t.i for p in path):
                    return True
        return False

    def _is_purpose_of(self, tr: Trigger, by_i: dict[int, Trigger]) -> bool:
        """"deploy troops to help Ukraine": the purpose clause restates the same act."""
        t = tr.token
        h = sx.head(self.doc, t)
        if h is None or h.i not in by_i or t.dep not in {"advcl", "xcomp"}:
            return False
        if not any(k.dep == "aux" and k.lower == "to" for k in self.doc.children(t.i)):
            return False
        return by_i[h.i].sense.type == tr.sense.type

    def _covered_by_verb(self, tr: Trigger, by_i: dict[int, Trigger]) -> bool:
        """A noun event restating its verb ("imposed sanctions", "allocated ... in aid")."""
        for k in self.doc.children(tr.token.i):
            v = by_i.get(k.i)
            if v is not None and k.dep == "acl" and v.obj is not None and v.obj.i == tr.token.i:
                return True  # "the agreement ..., signed last weekend": the signing is the event
        cur = tr.token
        for _ in range(3):
            if cur.dep not in SKIP_NOUN_UNDER and cur.dep != "prep":
                return False
            h = sx.head(self.doc, cur)
            if h is None:
                return False
            v = by_i.get(h.i)
            if cur.dep == "compound" and h.pos in {"NOUN", "PROPN"}:
                # "peace talks": one event, the head noun's; "killing machine": no event at all,
                # unless the head is a light noun that only carries it ("training activities").
                return v is not None or h.lemma.lower() not in LIGHT_HEADS
            if v is not None and h.pos == "VERB":
                if v.sense.type == tr.sense.type:
                    return True
                # "lifted sanctions", "signed an agreement": the verb says what happened to the noun;
                # "condemned the invasion", "demanded talks" embed a second event and keep it.
                return cur.dep in {"dobj", "nsubjpass"} and v.obj is tr.token and \
                    v.sense.type not in EMBEDDING_TYPES
            cur = h
        return False

    # ------------------------------------------------------------------ one trigger
    def _events_for(self, tr: Trigger, sent: Sentence, trig_ids: dict[int, Trigger],
                    times: dict[int, TimeSpan], counts: list[Quantity]) -> list[Event]:
        doc, t, sense = self.doc, tr.token, tr.sense
        mod = decide(doc, t, self.ex.cues)
        # Reporting acts that are events themselves ("warned", "accused") are not their own content.
        reporting = mod.reporting if mod.reporting is None or mod.reporting.i != t.i else None
        raw_attr = attribute(doc, t, reporting, self.ex.cues)
        if raw_attr is None:
            raw_attr = self._quote_attr(t)
        if raw_attr is None and mod.holder is not None and mod.holder.i != t.i:
            # The subject of "did not rule out", "is considering", "refused" holds the stance on the
            # embedded event when the event has an actor of its own ("Macron did not rule out that
            # NATO would deploy"); with no own subject the holder is the actor, not a speaker.
            own = sx.child(doc, t, "nsubj", "nsubjpass")
            if own is not None:
                cue = mod.holder
                prt = sx.child(doc, cue, "prt")
                raw_attr = RawAttribution(sx.child(doc, cue, "nsubj"), (), cue,
                                          doc.doc.text[cue.idx:(prt.end if prt else cue.end)])
        attribution = self._attribution(raw_attr, sent)
        self._current_speaker = attribution.speaker if attribution is not None else None

        actor_tok, how = controller(doc, t, reporting=self.ex.speech_verbs, cue_nouns=self.ex.cue_nouns)
        actors = self._parties(actor_tok) if actor_tok is not None else []
        between: list[Party] = []
        if how == "between" and len(actors) > 1:
            actors, between = actors[:1], actors[1:]  # "the agreement between Canada and Ukraine"
        if not actors and raw_attr is not None and sense.reporting and raw_attr.speaker is not None:
            actors = self._parties(raw_attr.speaker)
        if not actors and t.pos == "NOUN" and tr.obj is not None and t.lemma.lower() in MOVE_NOUNS:
            # "the deployment of Western troops": the deployed force is who acts.
            actors = [p for p in self._parties(tr.obj) if p.sector == "MIL"]
            how = "of-force" if actors else how
        # Only a stance on one's own side's cooperation (a minister on "sending trainers") speaks for
        # the government; a reported siege or strike is not the speaker's act.
        if not actors and attribution is not None and attribution.speaker is not None \
                and attribution.speaker.country and attribution.speaker.sector in {"GOV", "MIL"} \
                and mod.modality in {"possible", "planned", "negated"} and sense.type in SPEAKER_ACTS:
            # An official describing an action with no stated actor speaks for their government.
            sp = attribution.speaker
            actors = [Party(text=sp.text, name=sp.name, country=sp.country, sector=sp.sector,
                            kind=sp.kind, start=sp.start, end=sp.end, source="speaker-government")]
            how = "speaker"
        targets: list[Party] = list(between)
        for tok, thow in target_tokens(doc, t, etype=sense.type, preps=sense.preps,
                                       target_from_object=sense.target_from_object, obj=tr.obj):
            cand = self._parties(tok)
            cand = [c for c in cand if c.country or c.kind in {"person", "organization"}]
            if cand and not targets:
                targets = cand
                break
        if not targets and sense.type in {"AID", "COOPERATE", "SUPPORT"}:
            targets = self._purpose_target(t)
        if not any(a is not None for a in actors) and not targets:
            return []  # an event with nobody attached to it is not data an analyst can use
        if actor_tok is not None and actor_tok.lower in SECOND_PERSON:
            return []  # "you agree to our Terms of Service": site boilerplate addresses the reader
        if not actors:
            actors = [None]  # type: ignore[list-item]
        if not targets:
            targets = [None]  # type: ignore[list-item]

        time = times.get(t.i)
        if t.pos == "NOUN" and t.lemma.lower() in WAR_STATE_NOUNS and mod.modality == "asserted" and time is None:
            return []
        if time is None and self.published is not None:
            time = published_span(self.published)
        hint = DOLLAR_COUNTRIES.get(actors[0].country) if actors and actors[0] is not None else None
        quantities = self._quantities(t, tr, sent, trig_ids, counts, time, hint)
        location = self._location(t, tr, actors, targets)
        evidence = Evidence(sentence=sent.text, start=sent.start_char, end=sent.end_char,
                            trigger=self._trigger_text(tr), trigger_start=t.idx,
                            trigger_end=t.end if tr.particle is None else max(t.end, self._prt_end(t)))
        out = []
        for a in actors:
            for g in targets:
                if a is not None and g is not None and same(a, g):
                    g = None
                etype, mode, cameo, pv, typed = self._typed(sense, t, a, g, mod.modality)
                conf = confidence(sense, t, a, g, how, mod.modality)
                if headline(sent.text):
                    conf = max(0.05, conf - 0.15)  # headlines and section titles compress and slant
                out.append(Event(
                    doc_id=doc.doc.id, type=etype, modality=mod.modality, evidence=evidence,
                    mode=mode, cameo=cameo, contexts=sense.contexts, plover_type=pv,
                    condition=mod.condition, actor=a, target=g, attribution=attribution, time=time,
                    location=location, quantities=quantities, confidence=conf,
                    rule=f"{self.ex.name}|{sense.source}|arg:{how or 'none'}|mod:{'+'.join(mod.cues) or 'default'}"
                         + typed,
                    goldstein=self.ex.ontology.goldstein(cameo),
                ).with_id())
        return out

    def _typed(self, sense: Sense, t: Token, a: Party | None, g: Party | None,
               modality: str) -> tuple[str, str | None, str | None, str, str]:
        """Type, mode, CAMEO and PLOVER-strict type: the lexicon's, revised by the learned model.

        The model (extract/typemodel.py, trained on PLOVER-coded dyads) predicts the PLOVER-strict
        type. It may change the action category of an asserted event (a verbal "attack" is ACCUSE);
        intent, refusal and everything about non-asserted events stay with the modality rules.
        """
        etype, mode, cameo = sense.type, sense.mode, sense.cameo
        pv = plover_view(etype, modality)
        tm = self.ex.type_model
        if tm is None:
            return etype, mode, cameo, pv, ""
        src = char_to_token_span(self.doc, a.start, a.end) if a is not None and a.start is not None else None
        tgt = char_to_token_span(self.doc, g.start, g.end) if g is not None and g.start is not None else None
        label, p, _ = tm.predict(self.doc, t.i, src, tgt)
        # The curated lexicon is overridden only by a confident model; the contract's SANCTION for
        # "impose sanctions" stands (PLV's coders called it COERCE, PLOVER's manual does not).
        need = tm.threshold if sense.source != "core" else max(tm.threshold, 0.9)
        if label == pv or p < need or (sense.type == "SANCTION" and label == "COERCE"):
            return etype, mode, cameo, pv, ""
        if modality == "asserted":
            # Intent, refusal and concession are modality questions the cue rules decide (the model
            # reads "did not rule out" as a refusal); the model may change the action category.
            if label in MODAL_TYPES:
                return etype, mode, cameo, pv, ""
            return label, None, ROOT_CAMEO.get(label), label, f"|typemodel:{etype}>{label}@{p:.2f}"
        # Hedged, planned, negated and hypothetical events keep the view derived from their modality:
        # on the corpus the model turned "if Russia would hit ..." (THREATEN) into AGREE.
        return etype, mode, cameo, pv, ""

    def _purpose_target(self, t: Token) -> list[Party]:
        """Target from a purpose clause: "deploy troops to help Ukraine"."""
        for k in self.doc.children(t.i):
            if k.dep in {"advcl", "xcomp"} and any(a.dep == "aux" and a.lower == "to" for a in self.doc.children(k.i)):
                o = sx.child(self.doc, k, "dobj")
                if o is not None:
                    cand = [c for c in self._parties(o) if c.country]
                    if cand:
                        return cand
        return []

    def _prt_end(self, t: Token) -> int:
        p = sx.child(self.doc, t, "prt")
        return p.end if p is not None else t.end

    def _trigger_text(self, tr: Trigger) -> str:
        t = tr.token
        if tr.particle:
            return self.doc.doc.text[t.idx:self._prt_end(t)] if self._prt_end(t) > t.idx else t.text
        return t.text

    # ------------------------------------------------------------------ parties
    def _parties(self, tok: Token) -> list[Party]:
        """Parties for a head token and its conjuncts ("Poland and the Czech Republic")."""
        out = []
        for c in sx.conjuncts(self.doc, tok):
            p = self._party(c)
            if p is not None:
                out.append(p)
        if len(out) > 1 and not any(p.country for p in out):
            return out[:1]  # "presidents, prime ministers, and ministers": one group, not three events
        return out

    def _party(self, tok: Token) -> Party | None:
        doc, mem = self.doc, self.memory
        if tok.lower in SECOND_PERSON:
            return None  # "you agree to our Terms of Service": the reader is nobody's actor
        if tok.pos == "PRON" or tok.lower in REL_PRONOUNS:
            if tok.lower in REL_PRONOUNS:
                h = sx.head(doc, tok)
                while h is not None and h.dep != "relcl":
                    h = sx.head(doc, h)
                if h is not None and sx.head(doc, h) is not None:
                    return self._party(sx.head(doc, h))
                return None
            if tok.lower in FIRST_PERSON:
                # "we", "our", "us" speak for the quoted speaker's side, never for the last name seen.
                p = self._current_speaker
                if p is None or not p.country:
                    return None
                return Party(text=tok.text, name=p.name if p.kind != "person" else None, country=p.country,
                             sector=p.sector, kind="state" if p.kind == "person" else p.kind,
                             start=tok.idx, end=tok.end, source="first-person+speaker")
            p = mem.pronoun(tok.text)
            return as_mention(p, tok.text, tok.idx, tok.end, "pronoun") if p else None
        start, end = sx.mention_span(doc, tok)
        sc, ec = doc.tokens[start].idx, doc.tokens[end - 1].end
        text = doc.doc.text[sc:ec]
        party = self.ex.resolver.resolve(text, on=self.published)
        if party is not None and party.kind == "person" and not party.country:
            known = mem.person(party.name or text)
            if known is not None:
                party = as_mention(known, text, sc, ec, "person")
        if party is None:
            ent = doc.entity_at(tok.i)
            if ent is not None and ent.label == "PERSON":
                known = mem.person(ent.text)
                party = as_mention(known, text, sc, ec, "person") if known else \
                    Party(text=text, name=ent.text.removesuffix("'s"), kind="person", source="ner")
            elif tok.lemma.lower() in STATE_NOUNS and mem.last_state is not None and \
                    any(k.lower in {"the", "this"} for k in doc.children(tok.i)):
                party = as_mention(mem.last_state, text, sc, ec, "definite")
            elif ent is not None and ent.label in {"GPE", "LOC"} and \
                    (loc := self.ex.gazetteer.resolve(ent.text.removeprefix("the "))) is not None and loc.country:
                # A city or region that is not a seat of government ("shelled Kharkiv"): its country.
                party = Party(text=text, name=loc.name, country=loc.country, kind="state", source="gazetteer")
            elif ent is not None and ent.label in {"ORG", "GPE", "NORP"}:
                kind = {"ORG": "organization", "GPE": "state", "NORP": "group"}[ent.label]
                party = Party(text=text, name=ent.text, kind=kind, source="ner")
            else:
                sector = self.ex.resolver.sector_of(tok.lemma.lower())
                if sector is None:
                    return None
                party = Party(text=text, name=None, sector=sector, kind="group", source="sector")
        else:
            party = replace(party, text=text, start=sc, end=ec)
        if party is not None and party.start is None:
            party = replace(party, start=sc, end=ec)  # every party keeps its offsets in the text
        if party is not None and party.country is None:
            # "its forces", "their troops": the owner's country, from the document memory.
            poss = sx.child(doc, tok, "poss")
            ref = mem.pronoun(poss.text) if poss is not None and poss.pos == "PRON" else None
            if ref is not None and ref.country:
                party = replace(party, country=ref.country, source=(party.source or "") + "+poss-pronoun")
        mem.remember(party)
        return party

    def _remember_entities(self, sent: Sentence) -> None:
        """Resolve people and states named in the sentence so later "he"/"Blair" find them."""
        for ent in self.doc.entities:
            if ent.start < sent.start or ent.end > sent.end or ent.label not in {"PERSON", "GPE"}:
                continue
            head = self.doc.tokens[ent.end - 1]
            if head.dep == "case" and ent.end - 1 > ent.start:
                head = self.doc.tokens[ent.end - 2]
            while head.dep in {"compound", "flat"} and head.head < ent.end and head.head >= ent.start:
                head = self.doc.tokens[head.head]
            self._party(head)

    def _remember_speaker(self, sent: Sentence) -> None:
        doc = self.doc
        from .attribution import from_reporting_verb

        for t in doc.tokens[sent.start:sent.end]:
            if t.pos == "VERB" and t.lemma.lower() in self.ex.cues.reporting:
                raw = from_reporting_verb(doc, t, self.ex.cues)
                s = raw.speaker
                if s is not None and s.pos in {"PROPN", "NOUN"}:
                    p = self._party(s)
                    if p is not None and p.kind == "person":
                        self.memory.last_speaker = p
                        return

    # ------------------------------------------------------------------ attribution
    def _quote_attr(self, t: Token) -> RawAttribution | None:
        for s, e in self.quotes:
            if s <= t.idx < e:
                return quote_speaker(self.doc, (s, e), self.ex.cues)
        return None

    def _attribution(self, raw: RawAttribution | None, sent: Sentence) -> Attribution | None:
        if raw is None:
            return None
        speaker = self._party(raw.speaker) if raw.speaker is not None else None
        channel = []
        for c in raw.channel:
            s, e = sx.mention_span(self.doc, c)
            name = self.doc.doc.text[self.doc.tokens[s].idx:self.doc.tokens[e - 1].end]
            channel.append(name.removeprefix("the ").removeprefix("The "))
        return Attribution(speaker=speaker, channel=tuple(channel), cue=raw.cue_text)

    # ------------------------------------------------------------------ time
    def _time_spans(self, sent: Sentence, trig_ids: dict[int, Trigger]) -> dict[int, TimeSpan]:
        """Map trigger index -> TimeSpan from the sentence's time expressions by attachment."""
        if self.times is None:
            return {}
        doc, text, base = self.doc, sent.text, sent.start_char
        ents = [(e.start_char - base, e.end_char - base) for e in doc.entities
                if e.label in {"DATE", "TIME"} and e.start >= sent.start and e.end <= sent.end]
        spans = find_time_expressions(text, ents)
        if not spans:
            return {}
        tok_at = {t.idx: t for t in doc.tokens[sent.start:sent.end]}
        assigned: dict[int, tuple[int, TimeSpan]] = {}
        for s, e in spans:
            toks = [t for t in doc.tokens[sent.start:sent.end] if base + s <= t.idx < base + e]
            if not toks:
                continue
            inside = {t.i for t in toks}
            attach = next((t for t in toks if t.head not in inside), toks[0])
            since = False
            dist = 0
            cur: Token | None = attach
            owner_done = False
            while cur is not None and dist < 8:
                if cur.lower == "since" and cur.i not in inside:
                    since = True
                if cur.i in trig_ids and cur.i not in inside and (not owner_done or since):
                    expr = text[s:e]
                    if since and not expr.lower().startswith("since"):
                        expr = "since " + expr  # "since Russia's occupation of Crimea in 2014, Canada has imposed"
                    span = self.times.resolve(expr, future=False, start_char=base + s, end_char=base + e)
                    if span is not None and (cur.i not in assigned or assigned[cur.i][0] > dist):
                        assigned[cur.i] = (dist, span)
                    if owner_done:
                        break
                    owner_done = True
                cur = sx.head(doc, cur)
                dist += 1
            if not owner_done:
                # Attached to a non-event (reporting verb, root): every event below that point shares it.
                span = self.times.resolve(text[s:e], start_char=base + s, end_char=base + e)
                if span is None:
                    continue
                top = attach
                for h in sx.ancestors(doc, attach):
                    if h.i in inside:
                        continue
                    top = h
                    if h.pos in {"VERB", "AUX"}:
                        break
                for ti in trig_ids:
                    if ti not in assigned and sx.is_ancestor(doc, top, doc.tokens[ti]):
                        assigned[ti] = (99, span)
        del tok_at
        return {k: v[1] for k, v in assigned.items()}

    # ------------------------------------------------------------------ amounts and places
    def _quantities(self, t: Token, tr: Trigger, sent: Sentence, trig_ids: dict[int, Trigger],
                    counts: list[Quantity], time: TimeSpan | None, hint: str | None = None) -> tuple[Quantity, ...]:
        doc = self.doc
        # USD at the event date; a bare "$" takes the acting country's dollar (lower confidence).
        on = time.start if time is not None else self.published
        key = (sent.start, on, hint)
        if key not in self._money_cache:
            self._money_cache[key] = find_money(sent.text, offset=sent.start_char, on=on, currency_hint=hint)
        out = []
        for q in self._money_cache[key] + counts:
            tok = token_at(doc, sent, q.start_char)
            if tok is None:
                continue
            owner = self._owner(tok, trig_ids)
            if owner == t.i or (tr.obj is not None and q.kind == "count" and head_noun_is(doc, tok, tr.obj)):
                out.append(q)
        return tuple(out)

    def _owner(self, tok: Token, trig_ids: dict[int, Trigger]) -> int | None:
        cur: Token | None = tok
        for _ in range(8):
            if cur is None:
                return None
            if cur.i in trig_ids:
                return cur.i
            cur = sx.head(self.doc, cur)
        return None

    def _location(self, t: Token, tr: Trigger, actors: list, targets: list) -> Location | None:
        doc = self.doc
        used = {(p.start, p.end) for p in list(actors) + list(targets) if p is not None}
        places = [t] + ([tr.obj] if tr.obj is not None else [])
        h = sx.head(doc, t)
        if h is not None and t.dep in {"dobj", "pobj", "xcomp", "acl"}:
            places.append(h)
        for p in places:
            for prep, o in sx.pobj_of(doc, p, *PLACE_PREPS):
                for cand in [o] + [o2 for _, o2 in sx.pobj_of(doc, o, "of")]:  # "in the city of Kharkiv"
                    ent = doc.entity_at(cand.i)
                    if ent is None or ent.label not in {"GPE", "LOC", "FAC"}:
                        continue
                    if (ent.start_char, ent.end_char) in used:
                        continue
                    loc = self.ex.gazetteer.resolve(ent.text.removeprefix("the "))
                    if loc is not None:
                        return replace(loc, text=ent.text)
        # "shelled Kharkiv", "visited Kyiv": a city or region named as the target is also the place.
        for g in targets:
            if g is None or g.start is None:
                continue
            ent = doc.entity_at(token_index(doc, g.start))
            if ent is None or ent.label not in {"GPE", "LOC", "FAC"}:
                continue
            loc = self.ex.gazetteer.resolve(ent.text.removeprefix("the "))
            if loc is not None and loc.feature in {"city", "region"}:
                return replace(loc, text=ent.text)
        return None
