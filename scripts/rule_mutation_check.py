#!/usr/bin/env python
"""Remove one deciding rule at a time and check that some test fails (a rule no test notices is untested).

    .venv/bin/python scripts/rule_mutation_check.py            # all rules, writes eval/rule-mutations.md
    .venv/bin/python scripts/rule_mutation_check.py --only 3   # one rule

Each mutation replaces one exact piece of source with a version where the rule never fires; the
extraction tests run against the mutated tree; the file is restored afterwards (also on Ctrl-C).
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = ["tests/test_extract_stages.py", "tests/test_extract_precision.py", "tests/test_extract_events.py",
         "tests/test_extract_modality.py", "tests/test_extract_statements.py", "tests/test_extract_targets.py",
         "tests/test_extract_softnews.py", "tests/test_extract_lexicon.py"]

# (name, file, exact source, mutated source)
MUTATIONS = [
    ("', provided ...' is a condition, not aid", "src/tacitus/extract/stages/triggers.py",
     'if t.lower in {"provided", "providing"} and', "if False and"),
    ("a noun restating its verb is no second event", "src/tacitus/extract/stages/triggers.py",
     'if tr.token.pos == "NOUN" and covered_by_verb(doc, tr, events_i, self.res.rules):', "if False:"),
    ("coordinated repeats of one act are one event", "src/tacitus/extract/stages/triggers.py",
     "if coordinated_repeat(doc, tr, events_i):", "if False:"),
    ("modality cues are not events", "src/tacitus/extract/stages/triggers.py",
     "cues_out = {tr.token.i for tr in found if self.is_modal_cue(doc, tr, by_i)}", "cues_out = set()"),
    ("joint acts with a conjoined subject are one dyad", "src/tacitus/extract/stages/parties.py",
     'if not targets and how == "subj" and sense.type in self.res.rules.joint_types and actor_tok is not None:',
     "if False:"),
    ("purpose clauses give aid its recipient", "src/tacitus/extract/stages/parties.py",
     "targets = purpose_target(ctx, t, speaker)", "targets = []"),
    ("an official speaks for the government on its own side's acts", "src/tacitus/extract/stages/parties.py",
     "and sense.type in self.res.rules.speaker_acts:", "and False:"),
    ("a standing war, asserted and undated, is background", "src/tacitus/extract/stages/filters.py",
     'return "war-state-noun"', "return None"),
    ("nobody attached: no event", "src/tacitus/extract/stages/filters.py",
     'return "nobody"', "return None"),
    ("a presidency's release: the President is its principal", "src/tacitus/extract/context.py",
     "party = self._publisher_party(party, text, sc, ec)", "pass"),
    ("an office without its state takes the state named before it", "src/tacitus/extract/context.py",
     "party = self._role_country(party, tok)", "pass"),
    ("one row per event per article (merge)", "src/tacitus/extract/stages/output.py",
     "keep = sorted(max(groups[k], key=lambda n: _richness(events[n])) for k in order)",
     "keep = sorted(n for k in order for n in groups[k])"),
    ("first person in a release is the principal", "src/tacitus/extract/context.py",
     'if p is None and self.publisher is not None:', "if False:"),
    ("the ongoing war named with its actor is one record per article", "src/tacitus/extract/stages/output.py",
     "events = self.one_war_record(dedupe(events), ctx)", "events = dedupe(events)"),
    ("a war mention dated in the current phase is the same record", "src/tacitus/extract/stages/output.py",
     "or (war is not None and e.time.end >= war.since)", ""),
    ("an office never takes a state that had ceased to exist", "src/tacitus/extract/coref.py",
     "if party.country not in self.gone:", "if True:"),
    ("the ranker never makes a passive's subject the actor", "src/tacitus/extract/stages/roles.py",
     'if _voice_role(doc, c.token, x[0]) != "patient"', ""),
    ("a town or site acted on is the target", "src/tacitus/extract/stages/parties.py",
     "targets = place_target(ctx, tr.obj, self.res.rules.place_target_types[sense.type])", "targets = []"),
    ("the venue of a meeting is not its counterpart", "src/tacitus/extract/stages/parties.py",
     "if sector is None:\n            return found", "if False:\n            return found"),
    ("planned events resolve weekdays forward", "src/tacitus/extract/stages/anchors.py",
     "future=cur.i in ahead", "future=False"),
    ("the ranker never makes a place phrase a target", "src/tacitus/extract/stages/roles.py",
     "and _prep_of(doc, x[0]) not in PLACE_ONLY", ""),
    ("a coordinated act is outside a cue verb's scope", "src/tacitus/extract/stages/triggers.py",
     "if k is not None and path[k - 1].dep not in _NOT_SCOPE:", "if k is not None:"),
    ("a passive support verb's agent made the noun event", "src/tacitus/extract/arguments.py",
     'return o, "subj"  # "a deal was agreed by', 'pass  # "a deal was agreed by'),
    ("a request verb with an addressee is a REQUEST", "src/tacitus/extract/stages/triggers.py",
     "sense = self.res.request_sense", "pass"),
    ("'called on X to ...': the preposition is the particle", "src/tacitus/extract/stages/triggers.py",
     "prt = prep_particle(doc, t, lex)", "pass"),
    ("what a request asks for is not an event", "src/tacitus/extract/stages/triggers.py",
     "kept = [tr for tr in kept if not is_request_content(doc, tr, live)]", "pass"),
    ("a reported 'must' on a party is a demand", "src/tacitus/extract/stages/triggers.py",
     "found += self.demands(doc, sent)", "pass"),
    ("the demanded act is not an event", "src/tacitus/extract/stages/triggers.py",
     "kept = [tr for tr in kept if tr.token.i not in asked]", "pass"),
    ("a demand's asker is the speaker, the asked the subject", "src/tacitus/extract/stages/parties.py",
     "if is_demand(tr):", "if False:"),
    ("a release speaks for its principal in a demand", "src/tacitus/extract/stages/parties.py",
     "asker = speaker or ctx.voice()", "asker = speaker"),
    ("a demand on one's own side is no demand", "src/tacitus/extract/stages/filters.py",
     "if asker is None or not asked or any(p.country == asker.country for p in asked):",
     "if asker is None or not asked:"),
    ("the ranker leaves a demand's roles alone", "src/tacitus/extract/stages/roles.py",
     'if c.how in {"demand", "readout"}:\n            return c', 'if c.how == "readout":\n            return c'),
    ("a title line without a finite verb is no event", "src/tacitus/extract/stages/filters.py",
     "if sent_text is not None and sent_tokens is not None and headline(sent_text) and",
     "if False and"),
    ("a text is nobody's actor", "src/tacitus/extract/stages/filters.py",
     "if c.actor_token is not None and c.actor_token.lemma.lower() in rules.document_nouns:", "if False:"),
    ("no actor: kept only for violence and repression", "src/tacitus/extract/stages/filters.py",
     "if no_actor and c.trigger.sense.type not in rules.actor_optional_types:", "if False:"),
    ("a city naming a document is not its actor", "src/tacitus/extract/stages/parties.py",
     'if how == "modifier" and t.lemma.lower() in self.res.rules.document_nouns and actors and all(',
     'if False and all('),
    ("an anaphor takes a state named before it, never after", "src/tacitus/extract/extractor.py",
     "ctx.state_before = ctx.memory.last_state\n            ctx.remember_entities(sent)",
     "ctx.remember_entities(sent)\n            ctx.state_before = ctx.memory.last_state"),
    ("rejecting what was said is an act, not a negation of it", "src/tacitus/extract/stages/triggers.py",
     "if said is not None and said.sense.type in self.res.rules.embedding_types:", "if False:"),
    ("what was rejected is not a second event", "src/tacitus/extract/stages/triggers.py",
     "kept = [tr for tr in kept if not _under(doc, tr.token, answered)]", "pass"),
    ("'called for ...' is a request", "src/tacitus/extract/stages/triggers.py",
     'if senses and (to_infinitive or any(x.type == "REQUEST" for x in senses)):', "if senses and to_infinitive:"),
    ("what is called for is not an event", "src/tacitus/extract/stages/triggers.py",
     'return True  # "called for a ceasefire": what is called for', 'return False  # "called for a ceasefire"'),
    ("'I would like to thank' is asserted", "src/tacitus/extract/modality.py",
     "    if performed(doc, trigger, cues):\n", "    if False:\n"),
    ("a description's known appositive names are the parties", "src/tacitus/extract/context.py",
     "        if named:\n            return named\n        out = []", "        out = []"),
    ("a pronoun's antecedent comes before it", "src/tacitus/extract/coref.py",
     "return next((p for p in order if at is None or p.start is None or p.start < at), None)",
     "return next(iter(order), None)"),
    ("the owner of an object that names no party is the target", "src/tacitus/extract/arguments.py",
     'out.append((poss, "object:poss"))', "pass"),
    ("a relative acted on is the target, not the owner", "src/tacitus/extract/arguments.py",
     "obj.lemma.lower() not in rules.kin_nouns", "True"),
    ("a casualty verb's actor is its attack's maker", "src/tacitus/extract/stages/parties.py",
     "            if attack is not None:", "            if False:"),
    ("the dead of a casualty verb are its attack's target", "src/tacitus/extract/arguments.py",
     'out.append((dead, "casualty"))', "pass"),
    ("civilians attacked at a named place are its people", "src/tacitus/extract/stages/parties.py",
     "found = civilians_of_place(ctx, found, [t, tr.obj, sx.head(doc, t), attack])", "pass"),
    ("a sports report gives no events", "src/tacitus/extract/stages/filters.py",
     'return c if state_body else c.with_(dropped="sport")', "return c"),
    ("a state body's act in a sports report is kept", "src/tacitus/extract/stages/filters.py",
     "state_body = any(a is not None and a.country and self.kept & set(a.text.lower().split())",
     "state_body = False and any(a is not None and a.country and self.kept & set(a.text.lower().split())"),
    ("a group in or from a named country is its people", "src/tacitus/extract/context.py",
     'if party.country is None and party.kind == "group":\n            party = self._group_place(party, tok)',
     "if False:\n            pass"),
    ("a site attacked in a country makes the country the target", "src/tacitus/extract/arguments.py",
     'out += [(o2, f"prep:{prep}:{p2}") for p2, o2 in sx.pobj_of(doc, o, "in", "across")', "out += [(o2, '') for p2, o2 in []"),
    ("no word of a passive subject's phrase is made the actor", "src/tacitus/extract/stages/roles.py",
     'while t.head != t.i and (t.dep in _INSIDE or (t.dep == "pobj" and doc.tokens[t.head].lower == "of")):',
     "while False:"),
    ("a counted group takes the place its count is in", "src/tacitus/extract/context.py",
     "holders.append(sx.head(doc, sx.head(doc, tok)))", "pass"),
    ("the named members of a group are the parties", "src/tacitus/extract/context.py",
     'if not any(p.country for p in out) and tok.pos == "NOUN":', "if False:"),
    ("a party and its own people are one side", "src/tacitus/extract/context.py",
     'if k and any(x.dep == "poss" and x.lower in {"its", "their"} for x in self.doc.children(c.i)):',
     "if False:"),
    ("with the aid of Y: Y is the one who aids", "src/tacitus/extract/stages/parties.py",
     "if backer is not None:", "if False:"),
    ("a subject hung on the auxiliary is the clause's subject", "src/tacitus/extract/arguments.py",
     'if s is None:\n        # "the YPG/YPJ', 'if False:\n        # "the YPG/YPJ'),
    ("a war named by its place is no event", "src/tacitus/extract/stages/parties.py",
     'if how == "modifier" and t.lemma.lower() in self.res.rules.place_named_wars and', "if False and"),
    ("a warning that only predicts is no threat", "src/tacitus/extract/stages/filters.py",
     'return "prediction"', "return None"),
    ("a participle describing a group is no act", "src/tacitus/extract/stages/filters.py",
     'return "description"', "return None"),
    ("an attack in an ongoing war with no target is on the other side", "src/tacitus/extract/stages/output.py",
     "return [self._war_sides(self._attacked(e, named_wars), ctx, named_wars)",
     "return [self._war_sides(e, ctx, named_wars)"),
    ("a war noun never takes the attacker's side as target", "src/tacitus/extract/stages/output.py",
     'if other is None and word not in self.war_nouns and word.rstrip("s") not in self.war_nouns:',
     "if other is None:"),
    ("a war is inferred only where the article names its side", "src/tacitus/extract/stages/output.py",
     "if w.since <= ctx.published and any(x in text for x in w.names):", "if w.since <= ctx.published:"),
    ("a town tagged as an organisation is still the town", "src/tacitus/extract/context.py",
     'or (ent.label == "ORG" and (loc := self.town_named(ent)) is not None)):', "):"),
    ("an organisation named like an alias of a town is not the town", "src/tacitus/extract/context.py",
     'loc.feature in {"city", "region"} and loc.name == ent.text', 'loc.feature in {"city", "region"}'),
    ("the dead of an attack never made it", "src/tacitus/extract/stages/parties.py",
     "casualties(doc, t, self.res.rules) is actor_tok:", "False:"),
    ("the agent noun of a passive attack verb is no second event", "src/tacitus/extract/stages/triggers.py",
     'if cur.dep not in SKIP_NOUN_UNDER and cur.dep not in {"prep", "agent"}:', 'if cur.dep not in SKIP_NOUN_UNDER and cur.dep != "prep":'),
    ("who says it will act is the 'it'", "src/tacitus/extract/context.py",
     "if speaker is not None and speaker.start is not None and speaker.start < tok.idx and", "if False and"),
    ("those moved in a passive retreat are its actor", "src/tacitus/extract/stages/parties.py",
     "if not actors and sense.type in self.res.rules.passive_subject_acts and sx.is_passive(doc, t) and",
     "if False and"),
    ("in sport a state body must be named as one", "src/tacitus/extract/stages/filters.py",
     "self.kept & set(a.text.lower().split())", 'a.sector in {"GOV", "JUD", "COP", "MIL"}'),
    ("an attack on a war's attacked side by nobody named is the war's actor's", "src/tacitus/extract/stages/output.py",
     "if e.type in self.attack_types and e.actor is None and e.target is not None and e.target.country:", "if False:"),
    ("the attacker's own state media name no default attacker", "src/tacitus/extract/stages/output.py",
     "and ctx.publisher.country == war.actor", "and False"),
    ("an attack dated before the war takes no attacker from it", "src/tacitus/extract/stages/output.py",
     "if war is not None and not own and (e.time is None or e.time.end >= war.since):", "if war is not None and not own:"),
    ("third-state aid to nobody named goes to the war's attacked side", "src/tacitus/extract/stages/output.py",
     "if e.type in self.aid_types and e.target is None and e.actor is not None and e.actor.country:", "if False:"),
    ("aid by an ally of the war's actor is not the attacked side's", "src/tacitus/extract/stages/output.py",
     "if e.actor.country not in (w.actor, w.target, *w.allies)]", "if e.actor.country not in (w.actor, w.target)]"),
    ("aid dated before the war takes no recipient from it", "src/tacitus/extract/stages/output.py",
     "if len(wars) == 1 and (e.time is None or e.time.end >= wars[0].since):", "if len(wars) == 1:"),
    ("a town tagged as a person and acted on is the town", "src/tacitus/extract/stages/parties.py",
     "and not found[0].country and (town := town_tagged_person(ctx, tok, found[0])) is not None:", "and False:"),
    ("taking territory by force is an assault", "src/tacitus/data/lexicon/triggers.yaml",
     '- {lemma: overrun, pos: VERB, senses: [{type: ASSAULT, cameo: "192"',
     '- {lemma: overrun, pos: VERB, senses: [{type: COERCE, mode: seize, cameo: "192"'),
    ("a member of an armed group is the group, not the nationality", "src/tacitus/normalize/actors.py",
     'if place is None or (top.what == "org" and top.sector == "REB" and place.what in ("demonym", "country")):',
     "if place is None:"),
    ("a surname seen first follows the full name's record", "src/tacitus/extract/coref.py",
     "if cur is None or (cur.country is None and cur.name in (party.name, parts[-1])):", "if cur is None:"),
    ("a past implicative verb let the act happen", "src/tacitus/extract/modality.py",
     "if pred == POSS and not neg and _done_implicative(doc, tok, cues):", "if False:"),
    ("a conjoined actor that is the counterpart makes no pair of its own", "src/tacitus/extract/stages/typer.py",
     "if any(not same(b, g) for b in c.actors):", "if False:"),
    ("in a one-country report the uncoded act for that country", "src/tacitus/extract/stages/domestic.py",
     "return [self._home(e, home) for e in events]", "return events"),
    ("one foreign party coded and nobody is given a country", "src/tacitus/extract/stages/domestic.py",
     "if home is None or len(coded) > 1:", "if home is None:"),
    ("'not only' / 'not just' do not negate the act", "src/tacitus/data/lexicon/modality.yaml",
     "negation_focus: [only, just, merely, simply]", "negation_focus: []"),
    ("an adjective on an event noun plans it, matched as written", "src/tacitus/extract/modality.py",
     "if k.lower in cues.planned_modifiers:", "if k.lemma.lower() in cues.planned_modifiers:"),
    ("an adjective on an event noun makes it possible", "src/tacitus/extract/modality.py",
     "if words & cues.possible_modifiers:", "if False:"),
    ("in a transcript 'I' and 'we' are the turn's speaker", "src/tacitus/extract/context.py",
     "p = turn_at(self.turns, tok.idx)[0]", "p = None"),
    ("in a transcript 'you' is whom the speaker answers", "src/tacitus/extract/context.py",
     "other = turn_at(self.turns, tok.idx)[1] if self.turns else None", "other = None"),
    ("a label with a verb introduces a quotation, not a turn", "src/tacitus/extract/turns.py",
     "any(w.islower() and w not in _TITLE_WORDS for w in words)", "False"),
    ("one name alone makes no transcript", "src/tacitus/extract/turns.py",
     "if len({t.speaker.name for t in out}) >= 2 else ()", "if out else ()"),
    ("the leaders of a readout are its principal and the leader its title names", "src/tacitus/extract/stages/parties.py",
     "and actor_tok.lemma.lower() in self.res.rules.collective_nouns and (other := ctx.counterpart) is not None \\",
     "and False and (other := ctx.counterpart) is not None \\"),
    ("the ranker leaves a readout's roles alone", "src/tacitus/extract/stages/roles.py",
     'if c.how in {"demand", "readout"}:', 'if c.how == "demand":'),
    ("the type model never overrides a noun's sense chosen by its object", "src/tacitus/extract/stages/typer.py",
     "or (sense.objects and c.token.pos == \"NOUN\"):", "or False:"),
    ("an office in a named place is of that place's state", "src/tacitus/extract/context.py",
     "            party = self._group_place(party, tok)\n            if party.country is None:\n                party = self._role_country(party, tok)",
     "            party = self._role_country(party, tok)"),
    ("a verb of comment does not negate the definite event it judges", "src/tacitus/extract/modality.py",
     "    if _referred_to(doc, trigger, cues):\n        return path, None\n", ""),
    ("only an envoy recalled is a sanction", "src/tacitus/data/lexicon/triggers.yaml",
     "senses: [{objects: [ambassador, envoy, diplomat, emissary, consul, representative,\n    delegation, chargé], type: SANCTION",
     "senses: [{type: SANCTION"),
    ("an exchange of views is a consultation", "src/tacitus/data/lexicon/triggers.yaml",
     "{objects: [view, opinion, idea, greeting, letter, message, information], type: CONSULT, cameo: \"040\",\n     contexts: [diplomatic], preps: [with, between]},\n",
     ""),
]


def run_one(name: str, rel: str, old: str, new: str) -> tuple[bool, str]:
    path = ROOT / rel
    src = path.read_text(encoding="utf-8")
    if src.count(old) != 1:
        return False, f"mutation point not found exactly once in {rel}"
    try:
        path.write_text(src.replace(old, new), encoding="utf-8")
        r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *TESTS],
                           cwd=ROOT, capture_output=True, text=True)
    finally:
        path.write_text(src, encoding="utf-8")
    failed = r.returncode != 0
    first = next((ln for ln in r.stdout.splitlines() if ln.startswith("FAILED")), "")
    return failed, first.removeprefix("FAILED ").split(" - ")[0]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", type=int, help="run mutation N (1-based) only")
    args = ap.parse_args(argv)
    rows = []
    for k, (name, rel, old, new) in enumerate(MUTATIONS, 1):
        if args.only and k != args.only:
            continue
        t0 = time.time()
        caught, test = run_one(name, rel, old, new)
        rows.append((k, name, rel, caught, test))
        print(f"{k:2}. {'caught' if caught else 'NOT CAUGHT'}  {name}  {test}  ({time.time() - t0:.0f} s)", flush=True)
    if not args.only:
        out = ["# Rules removed one at a time", "",
               "`scripts/rule_mutation_check.py` disables one deciding rule, runs the extraction tests "
               f"({', '.join(f'`{t}`' for t in TESTS)}) and records the first test that fails.", "",
               "| # | rule | where | caught by |", "|---:|---|---|---|"]
        out += [f"| {k} | {n} | `{r}` | {('`' + t + '`') if c else '**not caught**'} |" for k, n, r, c, t in rows]
        out += ["", f"{sum(r[3] for r in rows)} of {len(rows)} rules are caught by a test.", ""]
        (ROOT / "eval" / "rule-mutations.md").write_text("\n".join(out), encoding="utf-8")
    return 0 if all(r[3] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
