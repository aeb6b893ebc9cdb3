"""Stage `parties`: who acts and at whom, from the tree around the trigger, then the fallbacks."""
from __future__ import annotations

from dataclasses import replace

from ...models import Party, Sentence, Token
from .. import syntax as sx
from ..arguments import casualties, casualty_attack, controller, target_tokens
from ..candidate import EventCandidate, each
from ..context import DocContext, Resources
from ..coref import as_mention
from ..registry import stage
from .triggers import is_demand


@stage("parties", version=14, needs=("trigger", "attribution"), adds=("parties",))
class PartiesStage:
    """Actors: the subject or controller; the speaker of a reporting act; the force of a movement noun;
    an official speaking for their government. Targets: the lexicon's object or prepositions, else a town
    or a site in a town acted on (with its country), else a purpose clause's object; the owner of an object
    that names no party; the dead of a casualty verb, whose attack's maker is its actor; civilians attacked
    at a named place are its people; "with the aid of Y": Y aids the clause's actor. A war named by its place
    ("the Syrian war") names nobody; a passive retreat's subject does it; a town the tagger takes for a person
    and that is acted on ("Kharkiv was shelled") is the town. A demand on a modal: the speaker asks the clause's
    subject. A city naming a document ("the Minsk agreement") is no actor. In the readout of a call or talks
    with a foreign leader, "the presidents" act with the leader the title names."""

    def __init__(self, res: Resources):
        self.res = res

    def _is_attack(self, tok: Token) -> bool:
        return tok.pos == "NOUN" and any(s.type == "ASSAULT" for s in self.res.lexicon.senses(tok.lemma.lower(), "NOUN"))

    def __call__(self, ctx: DocContext, sent: Sentence, si: int, cands: list[EventCandidate]) -> list[EventCandidate]:
        return each(cands, lambda c: self.one(ctx, c))

    def one(self, ctx: DocContext, c: EventCandidate) -> EventCandidate:
        doc, t, sense, tr = ctx.doc, c.token, c.trigger.sense, c.trigger
        attribution, raw_attr, mod = c.attribution, c.raw_attribution, c.modality
        speaker = attribution.speaker if attribution is not None else None
        if is_demand(tr):
            # A demand on the modal ("Russia must withdraw," Zelenskyy said): the speaker asks, the clause's
            # subject is asked; the grammar settles both roles.
            asker = speaker or ctx.voice()  # a presidency's release speaks for its principal
            actors = [asker] if asker is not None else []
            return c.with_(actor_token=raw_attr.speaker if raw_attr is not None else None, how="demand",
                           actors=tuple(actors), targets=tuple(ctx.parties(tr.obj, speaker)))
        actor_tok, how = controller(doc, t, reporting=self.res.speech_verbs, cue_nouns=self.res.cue_nouns,
                                    stop_preps=self.res.rules.stop_preps,
                                    support_verbs=self.res.rules.support_verbs)
        if how == "modifier" and t.lemma.lower() in self.res.rules.place_named_wars and \
                not sx.pobj_of(doc, t, "against", "on", "with", "between"):
            # "the Syrian war", "the Ukraine conflict": the modifier says where the war is; nobody is named
            return c.with_(actor_token=None, how="place-war", actors=(), targets=())
        actors = ctx.parties(actor_tok, speaker) if actor_tok is not None else []
        if sense.type == "ASSAULT" and t.pos == "NOUN" and actor_tok is not None and \
                casualties(doc, t, self.res.rules) is actor_tok:
            actor_tok, actors = None, []  # "Sapilo ... died from an air strike": the dead did not strike
        if not actors and sense.type in self.res.rules.passive_subject_acts and sx.is_passive(doc, t) and \
                (moved := sx.child(doc, t, "nsubjpass")) is not None:
            # "guerrillas have been demobilized", "troops were withdrawn": those moved do the act
            actor_tok, how, actors = moved, "passive-subject", ctx.parties(moved, speaker)
        attack = casualty_attack(doc, t, self.res.rules, self._is_attack)
        if not actors:
            if attack is not None:
                # "six civilians were killed in a Russian strike": the strike's maker killed them.
                maker, _how = controller(doc, attack, reporting=self.res.speech_verbs,
                                         stop_preps=self.res.rules.stop_preps, support_verbs=self.res.rules.support_verbs)
                actors = ctx.parties(maker, speaker) if maker is not None else []
                actor_tok, how = (maker, "casualty") if actors else (actor_tok, how)
        if how == "modifier" and t.lemma.lower() in self.res.rules.document_nouns and actors and all(
                (p.source or "").split("+")[0] in {"actors:capital", "actors:seat"} for p in actors):
            actors = []  # "the Minsk agreement": the city says where it was signed, not who agreed
        between: list[Party] = []
        if how == "between" and len(actors) > 1:
            actors, between = actors[:1], actors[1:]  # "the agreement between Canada and Ukraine"
        if not actors and raw_attr is not None and sense.reporting and raw_attr.speaker is not None:
            actors = ctx.parties(raw_attr.speaker, speaker)
        if not actors and t.pos == "NOUN" and tr.obj is not None and t.lemma.lower() in self.res.rules.move_nouns:
            # "the deployment of Western troops": the deployed force is who acts.
            actors = [p for p in ctx.parties(tr.obj, speaker) if p.sector == "MIL"]
            how = "of-force" if actors else how
        # Only a stance on one's own side's cooperation (a minister on "sending trainers") speaks for
        # the government; a reported siege or strike is not the speaker's act.
        if not actors and speaker is not None and speaker.country and speaker.sector in {"GOV", "MIL"} \
                and mod is not None and mod.modality in {"possible", "planned", "negated"} \
                and sense.type in self.res.rules.speaker_acts:
            sp = speaker
            actors = [Party(text=sp.text, name=sp.name, country=sp.country, sector=sp.sector,
                            kind=sp.kind, start=sp.start, end=sp.end, source="speaker-government")]
            how = "speaker"
        targets: list[Party] = list(between)
        for tok, _thow in target_tokens(doc, t, etype=sense.type, preps=sense.preps,
                                        target_from_object=sense.target_from_object, obj=tr.obj,
                                        rules=self.res.rules):
            found = ctx.parties(tok, speaker)
            if self.res.rules.place_target_types.get(sense.type) and len(found) == 1 and found[0].kind == "person" \
                    and not found[0].country and (town := town_tagged_person(ctx, tok, found[0])) is not None:
                found = [town]  # "Kharkiv was shelled": the tagger took the town for a person
            if sense.type == "ASSAULT" and found and all(p.country is None and p.sector == "CVL" for p in found):
                found = civilians_of_place(ctx, found, [t, tr.obj, sx.head(doc, t), attack])
            cand = [p for p in found if p.country or p.kind in {"person", "organization"}]
            if cand and not targets:
                targets = cand
                break
        if not targets and sense.type in self.res.rules.place_target_types and tr.obj is not None \
                and sense.target_from_object:
            targets = place_target(ctx, tr.obj, self.res.rules.place_target_types[sense.type])
        if not targets and sense.type in {"AID", "COOPERATE", "SUPPORT"}:
            targets = purpose_target(ctx, t, speaker)
        if not targets and how == "subj" and sense.type in self.res.rules.joint_types and actor_tok is not None:
            # "Macron and Scholz met": one act of the first with the second (the annotation guideline's
            # joint-act rule), not two acts with no counterpart. The parser often hangs the second name on
            # the first one's "of" phrase ("The President of Russia and Mario Draghi"): take it from there.
            if len(actors) == 1:
                actors = actors + [p for o in _of_conjuncts(doc, actor_tok) for p in ctx.parties(o, speaker)]
            if len(actors) > 1:
                actors, targets = actors[:1], actors[1:]
        if how in {"subj", "control"} and len(actors) == 1 and sense.type in self.res.rules.readout_types \
                and actor_tok is not None and actor_tok.tag == "NNS" \
                and actor_tok.lemma.lower() in self.res.rules.collective_nouns and (other := ctx.counterpart) is not None \
                and other.country != actors[0].country:
            # "The presidents exchanged views" in the readout of a call with Rahmon: Putin's act with Rahmon
            targets = [as_mention(other, actors[0].text, None, None, "readout")]  # the same words, another party
            how = "readout"
        backer = with_help_of(ctx, t, speaker, self.res.rules.help_nouns)
        if backer is not None:
            # "the YPG led the fight with the aid of a US-led coalition": the coalition aids the YPG
            verb = sx.head(doc, sx.head(doc, t))
            helped, _how = controller(doc, verb, reporting=self.res.speech_verbs, stop_preps=self.res.rules.stop_preps,
                                      support_verbs=self.res.rules.support_verbs)
            targets = [p for p in ctx.parties(helped, speaker) if p.country] if helped is not None else []
            actor_tok, how, actors = backer[0], "with-help-of", backer[1]
        return c.with_(actor_token=actor_tok, how=how, actors=tuple(actors), targets=tuple(targets))


_NOT_PLACES = frozenset({"PERSON", "ORG", "NORP"})


def place_target(ctx: DocContext, obj: Token, sector: str | None) -> list[Party]:
    """The place an act is done to, as a party of its country: a town named as the object ("invaded
    Afrin", which the tagger may take for a product), or a site in a named town ("an oil refinery in
    Kremenchuk"). Only towns and regions the gazetteer knows count; countries are actors' business."""
    doc, gaz = ctx.doc, ctx.res.gazetteer

    def town(tok: Token):
        ent = doc.entity_at(tok.i)
        if tok.pos != "PROPN" or (ent is not None and ent.label in _NOT_PLACES):
            return None
        start, end = sx.mention_span(doc, tok, with_of=False)
        loc = gaz.resolve(doc.doc.text[doc.tokens[start].idx:doc.tokens[end - 1].end].removeprefix("the "))
        return loc if loc is not None and loc.country and loc.feature != "country" else None

    def site(tok: Token):
        """A town itself, a site in a town ("refinery in Kremenchuk"), or named after one ("the Kramatorsk
        railway station")."""
        found = town(tok)
        if sector is None:
            return found  # a visit's target is the town visited, never the venue of a meeting held there
        for _prep, o in sx.pobj_of(doc, tok, "in", "near"):
            found = found or town(o)
        for k in doc.children(tok.i):
            if found is None and k.dep == "compound" and k.i < tok.i:
                found = town(k)
        return found

    # The object itself, or what an attack named as the object was on ("launched an attack on ...").
    for head in [obj] + [o for _prep, o in sx.pobj_of(doc, obj, "on", "against")]:
        loc = site(head)
        if loc is not None:
            start, end = sx.mention_span(doc, head, with_of=False)
            return [Party(text=doc.doc.text[doc.tokens[start].idx:doc.tokens[end - 1].end], name=loc.name,
                          country=loc.country, sector=sector, kind="state", start=doc.tokens[start].idx,
                          end=doc.tokens[end - 1].end, source="gazetteer:place-object")]
    return []


def town_tagged_person(ctx: DocContext, tok: Token, p: Party) -> Party | None:
    """The town a person-tagged name really is, when a town or region of exactly that name is acted on
    ("Kharkiv was shelled" tags Kharkiv a person); a name the dictionaries code stays what they say."""
    ent = ctx.doc.entity_at(tok.i)
    if ent is None or ent.label != "PERSON" or not (p.source or "").startswith("ner"):
        return None
    loc = ctx.town_named(ent)
    if loc is None:
        return None
    return replace(p, name=loc.name, country=loc.country, kind="state", source="gazetteer:person-tag")


def civilians_of_place(ctx: DocContext, found: list[Party], heads: list[Token | None]) -> list[Party]:
    """Civilians attacked where the sentence names the place ("killed in a strike on Kharkiv") are its
    people: the place's country codes them (guideline ruling 15: target UKR CVL)."""
    doc, gaz = ctx.doc, ctx.res.gazetteer
    for h in heads:
        for _prep, o in sx.pobj_of(doc, h, *ctx.res.rules.victim_place_preps) if h is not None else []:
            ent = doc.entity_at(o.i)
            loc = gaz.resolve(ent.text.removeprefix("the ")) if ent is not None and ent.label in {"GPE", "LOC"} else None
            if loc is not None and loc.country:
                return [replace(p, country=loc.country, source=f"{p.source or ''}+place") for p in found]
    return found


def with_help_of(ctx: DocContext, t: Token, speaker: Party | None, nouns: frozenset[str]):
    """(token, parties) of Y in "with the aid of Y" when the trigger is that aid noun, else None."""
    doc = ctx.doc
    prep = sx.head(doc, t)
    if t.pos != "NOUN" or t.lemma.lower() not in nouns or t.dep != "pobj" or prep is None or prep.lower != "with":
        return None
    for _p, o in sx.pobj_of(doc, t, "of"):
        found = [p for p in ctx.parties(o, speaker) if p.country]
        if found:
            return o, found
    return None


def purpose_target(ctx: DocContext, t: Token, speaker: Party | None) -> list[Party]:
    """Target from a purpose clause: "deploy troops to help Ukraine"."""
    doc = ctx.doc
    for k in doc.children(t.i):
        if k.dep in {"advcl", "xcomp"} and any(a.dep == "aux" and a.lower == "to" for a in doc.children(k.i)):
            o = sx.child(doc, k, "dobj")
            if o is not None:
                cand = [c for c in ctx.parties(o, speaker) if c.country]
                if cand:
                    return cand
    return []


def _of_conjuncts(doc, t: Token) -> list[Token]:
    """Names coordinated with the object of a title's "of" ("President of Russia and Mario Draghi")."""
    out = []
    for _prep, o in sx.pobj_of(doc, t, "of"):
        out += [k for k in sx.conjuncts(doc, o)[1:] if doc.entity_at(k.i) is not None]
    return out
