"""Rules of the precision work, each on real sentences (Kremlin, Office of the President of Ukraine,
Guardian, Fox News, the Toronto Star sample): publishers, role nouns, joint acts, repeats, merging."""
from __future__ import annotations

from datetime import date

import pytest

from eventtext import events_of, one

pytestmark = pytest.mark.slow


# Kremlin readout (en.kremlin.ru, 2022): "The President" is Putin; first person is him and Russia.
KREMLIN = ("Telephone conversation with Prime Minister of Italy Mario Draghi\n\n"
           "The President urged the Italian side to lift the restrictions on Russian exports.\n\n"
           "I thanked the Prime Minister of Italy for the invitation.")
# Office of the President of Ukraine (president.gov.ua, 2022).
UKRAINE = "The Head of State thanked the businessmen for hearing the signal from the authorities at a difficult time."


def test_the_president_of_a_presidency_release_is_its_principal(pipeline):
    ev = one(events_of(pipeline, KREMLIN, source="Kremlin"), "urged")
    assert (ev["actor"]["name"], ev["actor"]["country"], ev["actor"]["sector"]) == ("Vladimir Putin", "RUS", "GOV")
    first = one(events_of(pipeline, KREMLIN, source="Kremlin"), "thanked")
    assert first["actor"]["country"] == "RUS" and first["target"]["country"] == "ITA"
    head = one(events_of(pipeline, UKRAINE, source="Office of the President of Ukraine", published=date(2022, 3, 2)),
               "thanked")
    assert head["actor"]["name"] == "Volodymyr Zelenskyy" and head["actor"]["country"] == "UKR"


def test_without_a_known_publisher_the_president_stays_uncoded(pipeline):
    evs = events_of(pipeline, UKRAINE, source="Guardian", published=date(2022, 3, 2))
    assert not [e for e in evs if (e["actor"] or {}).get("name") == "Volodymyr Zelenskyy"]


def test_an_office_named_without_its_state_takes_the_state_named_before_it(pipeline):
    # The Guardian (2024): the deputy prime minister's country is the one the sentence names before him.
    text = ("The Australian government has announced a new $100m assistance package, during a visit to Kyiv "
            "by the deputy prime minister. Later the deputy prime minister met the Ukrainian prime minister.")
    ev = one(events_of(pipeline, text, published=date(2024, 4, 27)), "met")
    assert ev["actor"]["country"] == "AUS" and ev["target"]["country"] == "UKR"


def test_a_joint_act_with_a_conjoined_subject_is_one_dyad(pipeline):
    text = "The President of Russia and Mario Draghi exchanged information on measures taken in both countries."
    evs = [e for e in events_of(pipeline, text) if e["type"] == "CONSULT"]
    assert len(evs) == 1
    assert (evs[0]["actor"]["country"], evs[0]["target"]["country"]) == ("RUS", "ITA")


def test_coordinated_repeats_of_one_act_are_one_event(pipeline):
    # Fox News (2023).
    text = "Ukrainian forces repelled the offensive, however, and killed, injured or captured 5,000 Russian troops."
    assaults = [e for e in events_of(pipeline, text, published=date(2023, 2, 16))
                if e["type"] == "ASSAULT" and e["evidence"]["trigger"] in {"killed", "injured", "captured"}]
    assert len(assaults) == 1 and assaults[0]["target"]["country"] == "RUS"


def test_one_event_mentioned_twice_is_one_row_with_the_richer_mention(unfiltered):
    # The merge stage on its own (the sample, Toronto Star via Rubryka, 2024): France's possible sending of
    # troops, told by its prime minister and then its foreign minister, is one row.
    text = ("French Prime Minister Gabriel Attal also did not rule out the possibility of sending troops to Ukraine. "
            "In turn, French Foreign Minister St\u00e9phane S\u00e9journ\u00e9 said France could send its troops to "
            "Ukraine to assist in various tasks but not combat.")
    evs = [e for e in events_of(unfiltered, text, published=date(2024, 3, 1))
           if e["type"] == "AID" and (e["actor"] or {}).get("country") == "FRA"]
    assert len(evs) == 1 and evs[0]["target"]["country"] == "UKR", [e["evidence"]["trigger"] for e in evs]


@pytest.mark.parametrize("text, trigger", [
    # ", provided ..." introduces a condition, not a provision of aid (Toronto Star via Rubryka, 2024),
    # whether the parser makes "provided" a preposition with a clause or with nothing after it.
    ("Canada could send trainers to Ukraine, provided the mission is far from the front line.", "provided"),
    ("Canada could send trainers, provided it is safe.", "provided"),
    ("Canada may send trainers, provided such an operation is far from the front line.", "provided"),
])
def test_words_that_look_like_events_and_are_not(unfiltered, text, trigger):
    # The trigger rule on its own: the learned filter would also drop these.
    assert not [e for e in events_of(unfiltered, text, published=date(2024, 3, 1))
                if e["evidence"]["trigger"].lower() == trigger]


def test_a_hyphenated_event_word_is_still_an_event(unfiltered):
    # A blanket "no triggers in hyphen compounds" rule dropped counter-attacks; war-torn/anti-war are
    # left out by the war-state filter, not by the hyphen. (The learned filter, alone in one sentence,
    # gives this one 0.28: below its threshold, so the trigger rule is tested without it.)
    ev = one(events_of(unfiltered, "Russian troops staged a counter-attack near Bakhmut.", published=date(2023, 2, 1)),
             "attack")
    assert ev["type"] == "ASSAULT" and ev["actor"]["country"] == "RUS"


def test_a_purpose_clause_gives_the_recipient(rules_only):
    # The rule on its own: the learned role ranker also finds this recipient.
    ev = one(events_of(rules_only, "Germany deployed troops to protect Lithuania.", published=date(2022, 3, 1)),
             "deployed")
    assert ev["actor"]["country"] == "DEU" and ev["target"]["country"] == "LTU"


def test_an_official_speaks_for_the_government_on_its_own_side(pipeline):
    ev = one(events_of(pipeline, "There are no plans to send troops to Ukraine, Defence Minister Bill Blair said.",
                       published=date(2024, 3, 1)), "send")
    assert (ev["actor"]["country"], ev["modality"], ev["attribution"]["speaker"]["name"]) == ("CAN", "negated", "Bill Blair")


def test_the_ongoing_war_named_with_its_actor_is_one_record_per_article(pipeline):
    # Rubryka / Ukrinform phrasing (2022-2024): the war is background, named again and again.
    text = ("Russia's invasion has driven millions of Ukrainians from their homes. "
            "The aid is meant to help Ukraine withstand Russia's invasion. "
            "Since the start of the war, Canada has sent 8,000 rifles to Ukraine. "
            # Al Jazeera (2022-08-17): dated in the war's current phase, still the same war.
            "It is the first ship chartered by the UN World Food Programme (WFP) to leave Ukraine since Russia’s "
            "invasion began in February.")
    wars = [e for e in events_of(pipeline, text, published=date(2022, 8, 17))
            if e["type"] == "ASSAULT" and e["evidence"]["trigger"].lower() in {"invasion", "war", "aggression"}]
    assert len(wars) == 1 and wars[0]["actor"]["country"] == "RUS"


def test_the_ongoing_war_record_has_the_attacked_state_as_target(pipeline):
    # UK government statement carried by Ukrinform (2024-04-27): the sentence names no target, the war
    # (rules.yaml ongoing_wars, guideline ruling 9) does; before the war began it has none.
    text = ("“Ukraine and its people have endured more than two years of Russia’s full-scale invasion but their "
            "spirit remains strong.")
    war = one(events_of(pipeline, text, published=date(2024, 4, 27)), "invasion")
    assert (war["actor"]["country"], war["target"]["country"]) == ("RUS", "UKR")
    before = [e for e in events_of(pipeline, text, published=date(2005, 4, 27)) if e["evidence"]["trigger"] == "invasion"]
    assert all(e["target"] is None for e in before)


def test_an_office_never_takes_a_state_that_no_longer_exists(pipeline):
    # Fox News (2023-02-16, Ukraine corpus), from its start to the arrests (read from ../shared, not copied
    # here): "The government" follows "the dissolution of the Soviet Union" and is Belarus's, not the USSR's.
    from testpaths import need_shared

    from tacitus.eval.news import load_document

    need_shared("corpus/ukraine-war-2022-2024")
    text = load_document("20230216T153000Z_US_en_1ca51e9b80").text
    end = "who question the legitimacy of the Belarusian government."
    text = text[:text.index(end) + len(end)]
    assert one(events_of(pipeline, text, published=date(2023, 2, 16)), "arrested")["actor"]["country"] == "BLR"


def test_the_ranker_never_makes_the_subject_of_a_passive_its_actor():
    # Guardian (2018-12-20): an agentless passive; the allies are the ones not consulted. (The filter then
    # drops talks with no actor: the ranker is tested on the stages before it.)
    from tacitus.extract.registry import DEFAULT_STAGES
    from tacitus.pipeline import Pipeline
    from tacitus.settings import Settings

    before_filter = Pipeline(Settings(stages=tuple(s for s in DEFAULT_STAGES if s not in {"filter", "eventfilter"})))
    text = "US allies were not consulted before the announcement of the withdrawal."
    e = one(events_of(before_filter, text, published=date(2018, 12, 20)), "consulted")
    assert e["actor"] is None and e["target"]["country"] == "USA"


@pytest.mark.parametrize("text, published, trigger, country", [
    # Guardian letter (2019-02-22): the tagger takes "Afrin" for a product; the gazetteer knows the town.
    ("Turkey has for years been threatening the Kurds in Syria, and in 2018 invaded Afrin with the aid of "
     "Islamist proxies, causing bloodshed, displacement and ethnic cleansing.", date(2019, 2, 22), "invaded", "SYR"),
    # UK outlet (2022-04-25): a site in a named town.
    ("Russia also destroyed an oil refinery in Kremenchuk in central Ukraine, along with fuel depots there, "
     "Russian Defence Ministry said.", date(2022, 4, 25), "destroyed", "UKR"),
    # Office of the President of Ukraine (2022-04-08): what an attack named as the object was on.
    ("Russian troops launched a missile attack on the Kramatorsk railway station this morning.", date(2022, 4, 8),
     "launched", "UKR"),
])
def test_a_town_or_site_acted_on_is_the_target_with_its_country(unfiltered, text, published, trigger, country):
    e = one(events_of(unfiltered, text, published=published), trigger)
    assert e["type"] == "ASSAULT" and e["target"]["country"] == country and e["target"]["sector"] == "CVL"


def test_the_venue_of_a_meeting_is_not_its_counterpart(unfiltered):
    # Toronto Star via Rubryka (2024): Paris is where Macron hosted, not whom he met.
    text = ("French President Emmanuel Macron hosted a meeting in Paris on February 26, where presidents, prime "
            "ministers, and ministers of 20 countries were present.")
    e = one(events_of(unfiltered, text, published=date(2024, 3, 1)), "hosted")
    assert e["target"] is None or e["target"]["name"] != "Paris"


def test_the_configuration_example_in_docs_stages_runs_as_shown():
    import re
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "docs" / "stages.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", text, re.S).group(1)
    ns: dict = {}
    exec(code, ns)  # noqa: S102 - the documented snippet, verbatim
    rules_only = ns["rules_only"]
    assert "roles" not in rules_only.extractor.stage_names and "eventfilter" not in rules_only.extractor.stage_names
    evs = rules_only.extract_text("Canada will send troops to Ukraine.", published=date(2024, 3, 1))
    assert [(e.type, e.actor.country) for e in evs] == [("AID", "CAN")]


@pytest.mark.parametrize("text, trigger, etype, modality, actor, target", [
    # Guideline ruling 2: invitations are meetings offered or refused (Fox News, 2024).
    ("France will not invite Putin to the D-Day ceremony.", "invite", "CONSULT", "negated", "FRA", "RUS"),
    # An arrest warrant charges its target (Fox News, 2024).
    ("Last year, the International Criminal Court issued an arrest warrant for the Russian President.",
     "issued", "ACCUSE", "asserted", "ICC", "RUS"),
])
def test_senses_the_guideline_decides(pipeline, text, trigger, etype, modality, actor, target):
    ev = one(events_of(pipeline, text, published=date(2024, 4, 16)), trigger)
    assert (ev["type"], ev["modality"], ev["actor"]["country"], ev["target"]["country"]) == (etype, modality, actor, target)


def test_issuing_a_statement_is_no_event(pipeline):
    assert not events_of(pipeline, "The ministry issued a statement on Monday.", published=date(2024, 4, 16))


@pytest.mark.parametrize("text, trigger, day", [
    # AFP via Kyiv Post (Wednesday 2022-08-17): a planned meeting "on Thursday" is the coming Thursday...
    ("Guterres will hold talks in Lviv with President Volodymyr Zelensky on Thursday.", "hold", "2022-08-18"),
    # ... and a reported attack "on Thursday" the one before publication.
    ("Russia attacked Kharkiv on Thursday.", "attacked", "2022-08-11"),
])
def test_weekdays_of_planned_events_look_ahead(pipeline, text, trigger, day):
    ev = one(events_of(pipeline, text, published=date(2022, 8, 17)), trigger)
    assert ev["time"]["start"] == day == ev["time"]["end"]


def test_the_state_at_the_end_of_an_of_chain_codes_the_party(pipeline):
    # The Guardian (2024): "members of the armed forces of Ukraine" are Ukraine's forces.
    ev = one(events_of(pipeline, "Marles met members of the armed forces of Ukraine during training exercises.",
                       published=date(2024, 4, 27)), "met")
    assert (ev["target"]["country"], ev["target"]["sector"]) == ("UKR", "MIL")


# Guardian (2019, 2017): a coordinated act is not in a cue verb's scope; a passive support verb's agent
# made the noun event.
GUARDIAN_TURKEY = ("Turkey has for years been threatening the Kurds in Syria, and in 2018 invaded Afrin with the "
                   "aid of Islamist proxies, causing bloodshed, displacement and ethnic cleansing.")
GUARDIAN_DEAL = ("The region, where a \u201cde-escalation zone\u201d deal was agreed by regime allies Iran and Russia "
                 "and rebel backer Turkey in July, is now seeing increasingly dire conditions, he said.")


def test_a_coordinated_act_is_outside_a_cue_verbs_scope(unfiltered):
    evs = events_of(unfiltered, GUARDIAN_TURKEY, published=date(2019, 2, 22))
    threat = one(evs, "threatening")
    assert threat["type"] == "THREATEN" and threat["actor"]["country"] == "TUR"
    invasion = one(evs, "invaded")
    assert invasion["type"] == "ASSAULT" and invasion["modality"] == "asserted"


def test_the_agent_of_a_passive_support_verb_made_the_noun_event(unfiltered):
    deal = one(events_of(unfiltered, GUARDIAN_DEAL, published=date(2017, 11, 19)), "deal")
    assert deal["type"] == "AGREE" and deal["actor"]["country"] == "IRN"
    assert deal["target"]["country"] == "RUS"  # the joint act: the first party with the second


# A request with an addressee and a to-infinitive is the event; what it asks for is its content
# (guideline: the REQUEST alone). Outlets: a Polish news site (2022), ABC Australia via the corpus
# (2022), BBC business (2005), the Guardian (2019), the Office of the President of Ukraine (2022).
REQUESTS = [
    ("The American side claims that Moscow has asked China to provide military equipment.",
     date(2022, 3, 14), "asked", "RUS", "CHN", "provide"),
    ("Latvia is calling on Australia to support designating Russia as a state sponsor of terrorism amid concern "
     "about ongoing war crimes in Ukraine.", date(2022, 8, 8), "calling", "LVA", "AUS", "support"),
    ("The US has asked the World Trade Organisation to investigate European Union customs tariffs, which it says "
     "are inconsistent and hamper trade.", date(2005, 1, 14), "asked", "USA", "WTO", "investigate"),
]


@pytest.mark.parametrize("text,published,trigger,actor,target,content", REQUESTS)
def test_a_request_to_an_addressee_is_the_event_and_its_content_is_not(unfiltered, text, published, trigger,
                                                                      actor, target, content):
    evs = events_of(unfiltered, text, published=published)
    req = one(evs, trigger)
    assert (req["type"], req["modality"], req["actor"]["country"], req["target"]["country"]) == \
        ("REQUEST", "asserted", actor, target)
    assert not [e for e in evs if e["evidence"]["trigger"].lower() == content]


def test_the_content_of_a_request_verb_with_its_own_sense_is_not_an_event(unfiltered):
    evs = events_of(unfiltered, "Donald Trump on Sunday urged western countries to repatriate captured fighters.",
                    published=date(2019, 2, 18))
    assert one(evs, "urged")["type"] == "REQUEST"
    assert not [e for e in evs if e["evidence"]["trigger"].lower() == "repatriate"]



# A reported clause with "must"/"should" on another party is the speaker's demand on it (guideline
# ruling 10); the demanded act is its content. Office of the President of Ukraine (2021, 2022), the
# Guardian (2022).
ZELENSKYY_RELEASE = ("Volodymyr Zelenskyy: Russia's only truthful response on readiness for de-escalation is the "
                     "withdrawal of troops from Ukrainian borders\n\nRussia must withdraw its troops from Ukraine's "
                     "borders, which will be an important signal of de-escalation.")
DEMANDS = [
    ("Romanian President Klaus Iohannis stressed that the European Union must create effective tools for "
     "rebuilding Ukraine.", None, date(2022, 6, 16), "ROU", "EU"),
    ("\u201cRussia must take real steps toward de-escalation,\u201d US President Joe Biden and German Chancellor "
     "Olaf Scholz agreed in a phone call on Tuesday.", None, date(2022, 2, 16), "USA", "RUS"),
    (ZELENSKYY_RELEASE, "Office of the President of Ukraine", date(2021, 11, 26), "UKR", "RUS"),
]


@pytest.mark.parametrize("text,source,published,actor,target", DEMANDS)
def test_a_reported_must_on_another_party_is_a_demand(unfiltered, text, source, published, actor, target):
    evs = events_of(unfiltered, text, source=source, published=published)
    demand = one(evs, "must")
    assert (demand["type"], demand["modality"], demand["actor"]["country"], demand["target"]["country"]) == \
        ("REQUEST", "asserted", actor, target)


def test_the_demanded_act_is_not_an_event(unfiltered):
    evs = events_of(unfiltered, ZELENSKYY_RELEASE, source="Office of the President of Ukraine",
                    published=date(2021, 11, 26))
    assert not [e for e in evs if e["evidence"]["trigger"].lower() == "withdraw"]


def test_a_must_on_ones_own_side_is_no_demand(unfiltered):
    # zelenskyy-419 (Office of the President of Ukraine, 2022-04-04): "he" is Andriy Yermak, of Ukraine.
    text = ("Andriy Yermak noted that Ukraine will never consider any compromises concerning independence, "
            "territorial integrity and sovereignty. \"It is unacceptable for us. And there is a position of the state "
            "that today Ukraine must return to internationally recognized borders,\" he said.")
    evs = events_of(unfiltered, text, source="Office of the President of Ukraine", published=date(2022, 4, 4))
    assert not [e for e in evs if e["type"] == "REQUEST"]


# Guideline 7: a title line without a finite verb is a topic (the body reports the event); guideline 4:
# a text (an agreement, a law) is nobody's actor. The Toronto Star sample (2024), a Kremlin readout
# (2022).
TITLES = [
    # The sample's section title, and the title of a Kremlin readout (putin-23, 2022-06-15) with its first line.
    ("NATO sending soldiers to Ukraine", None, date(2024, 3, 1), None),
    ("Telephone conversation with President of China Xi Jinping", "Kremlin", date(2022, 6, 15),
     "The presidents stated that Russian-Chinese relations were at an all-time high and are constantly improving."),
]


@pytest.mark.parametrize("title,source,published,body", TITLES)
def test_a_title_without_a_finite_verb_is_no_event(unfiltered, title, source, published, body):
    from testpaths import SAMPLE

    text = SAMPLE.read_text(encoding="utf-8") if body is None else f"{title}\n\n{body}"
    assert title in text
    evs = events_of(unfiltered, text, source=source, published=published)
    assert not [e for e in evs if e["evidence"]["sentence"].strip() == title]


DOCUMENT_SUBJECTS = [
    # Guardian (2017): the issue's own example; the agreement is no actor, nor is Minsk where it was signed.
    ("The \u201cMinsk agreement\u201d stipulated a ceasefire and a special constitutional status for the rebel-held "
     "territories of the Donbass region, which would reintegrate into Ukraine and hold elections.", "ceasefire"),
    ("This agreement establishes a 24-hour emergency response mechanism in the event of renewed military "
     "aggression against Ukraine and also provides assistance to the war-torn country in strengthening its own "
     "capabilities to respond to a possible escalation of Russian aggression properly.", "provides"),
    ("The document is valid for ten years from the date of its signing and provides for the possibility of partner "
     "review in case of Ukraine's accession to NATO before the expiration of its term.", "provides"),
]


@pytest.mark.parametrize("text,trigger", DOCUMENT_SUBJECTS)
def test_a_text_is_nobodys_actor(unfiltered, text, trigger):
    evs = events_of(unfiltered, text, published=date(2024, 3, 1))
    assert not [e for e in evs if e["evidence"]["trigger"].lower() == trigger]


def test_an_event_with_no_actor_is_kept_only_for_violence(unfiltered):
    # Guardian (2018-12-20, 2018-02-02): talks with nobody named are not data; a killing is, by its victim.
    talks = events_of(unfiltered, "US allies were not consulted before the announcement of the withdrawal.",
                      published=date(2018, 12, 20))
    assert not [e for e in talks if e["evidence"]["trigger"] == "consulted"]
    killed = one(events_of(unfiltered, "The seventh, and most recent, was Oliver Hall, also 24, who was killed in "
                           "Raqqa in November while attempting to save a Syrian child from a booby-trapped house.",
                           published=date(2018, 2, 2)), "killed")
    assert killed["actor"] is None and killed["type"] == "ASSAULT"


def test_a_city_naming_a_document_is_not_its_actor(unfiltered):
    # Guardian (2017) and a Kremlin transcript (2022): "Minsk" says where the agreements were signed.
    for text in ("The \u201cMinsk agreement\u201d stipulated a ceasefire and a special constitutional status for the "
                 "rebel-held territories of the Donbass region, which would reintegrate into Ukraine and hold elections.",
                 "I told Mr Zelensky and Mr Putin that the Minsk agreements alone can really achieve progress and settle "
                 "the crisis in Ukraine."):
        evs = events_of(unfiltered, text, published=date(2022, 2, 8))
        assert not [e for e in evs if (e["actor"] or {}).get("country") == "BLR"], text


# An anaphor points back, never forward: the state named later in the same sentence is not "the country"
# or the foreign minister's. Office of the President of Ukraine (2022-04-16), Guardian (2018-12-25).
ANAPHORA = [
    ("President of Ukraine Volodymyr Zelenskyy held a meeting on the restoration and reconstruction of housing "
     "infrastructure in the country that was destroyed or damaged in the war with Russia.", date(2022, 4, 16),
     "destroyed", "target", "UKR"),
    ("Turkey will take over the remnants of the fight to remove Isis from its last slivers of territory and has the "
     "\u201cstrength to neutralise\u201d Isis on its own, \u00c7avu\u015fo\u011flu said. The future of the international "
     "coalition remains unclear. The foreign minister also criticised the French president, Emmanuel Macron, who "
     "has said French forces will remain in Kurdish-held Syria as a buffer.", date(2018, 12, 25),
     "criticised", "actor", "TUR"),
]


@pytest.mark.parametrize("text,published,trigger,role,country", ANAPHORA)
def test_an_anaphor_takes_a_state_named_before_it(unfiltered, text, published, trigger, role, country):
    e = one(events_of(unfiltered, text, published=published), trigger)
    assert e[role]["country"] == country


# Rejecting what someone asked is a REJECT of the asker (guideline 11: the possessor is the target); the
# request is not negated by it, and neither it nor what it asked for is a second event. Guardian (2019,
# 2018, 2018).
REJECTIONS = [
    ("Downing Street has rejected Donald Trump\u2019s call for Britain to take back extremists who have fought "
     "with Isis.", date(2019, 2, 18), "GBR", "USA"),
    ("A Turkish court has rejected Australia\u2019s request for the extradition of Islamic State suspect Neil "
     "Prakash, in a setback for Canberra.", date(2018, 7, 20), "TUR", "AUS"),
    ("Vladimir Putin had earlier rejected Erdo\u011fan\u2019s calls for a ceasefire in Idlib, the last opposition "
     "stronghold in Syria.", date(2018, 9, 8), "RUS", "TUR"),
]


@pytest.mark.parametrize("text,published,actor,target", REJECTIONS)
def test_rejecting_a_request_is_a_rejection_of_the_asker(unfiltered, text, published, actor, target):
    evs = events_of(unfiltered, text, published=published)
    rej = one(evs, "rejected")
    assert (rej["type"], rej["modality"], rej["actor"]["country"], rej["target"]["country"]) == \
        ("REJECT", "asserted", actor, target)
    assert not [e for e in evs if e["modality"] == "negated"]


# "called for ..." is a REQUEST (the parser reads the particle as a preposition), and what is called for
# is its content. Guardian (2019), Office of the President of Ukraine (2021), BBC politics (2005).
CALLS_FOR = [
    ("Ilham Ahmed is right in calling for an international presence to protect the predominantly Kurdish areas of "
     "northern Syria.", date(2019, 2, 19), "calling"),
    ("Volodymyr Zelenskyy called for the representatives of the governments of the two states to hold a meeting in "
     "the near future.", date(2021, 11, 26), "called"),
]


@pytest.mark.parametrize("text,published,trigger", CALLS_FOR)
def test_calling_for_something_is_a_request(unfiltered, text, published, trigger):
    assert one(events_of(unfiltered, text, published=published), trigger)["type"] == "REQUEST"


def test_what_is_called_for_is_not_an_event(unfiltered):
    evs = events_of(unfiltered, "Mr Prentis said workers did not want to go on strike and called for talks between "
                    "unions and the highest level of government.", published=date(2005, 1, 20))
    assert one(evs, "called")["type"] == "REQUEST"
    assert not [e for e in evs if e["evidence"]["trigger"] == "talks"]


# "I would like to thank/congratulate ...": a speech act done in the saying, asserted, not a wish.
# Office of the President of Ukraine (2022), Kremlin (2022).
PERFORMATIVES = [
    ("On behalf of all Ukrainians, I would like to thank you for this award.", "Office of the President of Ukraine",
     date(2022, 5, 12), "thank"),
    ("President of Russia Vladimir Putin: Good afternoon, friends, First of all, I would like to congratulate you and "
     "all citizens of our country on International Children's Day.", "Kremlin", date(2022, 6, 1), "congratulate"),
]


@pytest.mark.parametrize("text,source,published,trigger", PERFORMATIVES)
def test_i_would_like_to_thank_is_asserted(unfiltered, text, source, published, trigger):
    assert one(events_of(unfiltered, text, source=source, published=published), trigger)["modality"] == "asserted"
