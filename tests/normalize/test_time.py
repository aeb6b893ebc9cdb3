"""Time expressions from real news sentences (ukraine-war-2022-2024 and guardian-2017-2019 corpora)."""
from __future__ import annotations

from datetime import date

import pytest

from tacitus.errors import SettingsError
from tacitus.models import TimeSpan
from tacitus.normalize.time import TimeResolver, find_time_expressions, published_span

D = date.fromisoformat

# (published, sentence, expression, future, start, end, precision, anchor)
REAL = [
    ("2022-01-26", "Ukraine's foreign minister Dmytro Kuleba however told reporters on Wednesday that while the "
     "troop build up \"poses a threat to Ukraine\", he believes it is \"insufficient for a full-scale offensive\".",
     "on Wednesday", False, "2022-01-26", "2022-01-26", "day", "relative"),
    ("2022-01-28", "President Joe Biden stated on Tuesday that he was considering imposing direct sanctions on "
     "President Vladimir Putin in the case of Russian invasion of Ukraine.",
     "on Tuesday", False, "2022-01-25", "2022-01-25", "day", "relative"),
    ("2022-01-29", "CNN reported last month that Russia has begun to establish supply lines such as medical units "
     "and fuel that could continue in a long -term conflict if Moscow chooses the invasion.",
     "last month", False, "2021-12-01", "2021-12-31", "month", "relative"),
    ("2022-02-01", "Back in 2007, Putin laid out his main grievances at the Munich Security Forum.",
     "Back in 2007", False, "2007-01-01", "2007-12-31", "year", "explicit"),
    ("2022-02-04", "On January 27, the Polish Sejm also adopted a resolution in support of Ukraine.",
     "On January 27", False, "2022-01-27", "2022-01-27", "day", "relative"),
    ("2022-02-04", "Around 100,000 people have crossed into Poland from Ukraine since Russia launched its "
     "invasion, including 9,000 who have entered since 7am on Saturday.",
     "since 7am on Saturday", False, "2022-01-29", "2022-02-04", "day", "relative"),
    ("2022-02-06", "As Biden orders the 82nd Airborne Division to eastern Europe this weekend, Putin is chilling "
     "with his “dear friend”, President Xi Jinping, at the winter Olympics in Beijing.",
     "this weekend", False, "2022-02-05", "2022-02-06", "week", "relative"),
    ("2022-02-08", "Juri Ratas, chairman of the Estonian parliament, said this at a joint briefing with his "
     "Ukrainian counterpart Ruslan Stefanchuk in Kyiv on Tuesday, February 8, according to an Ukrinform "
     "correspondent.", "on Tuesday, February 8", False, "2022-02-08", "2022-02-08", "day", "relative"),
    ("2022-02-08", "Deputy Interior Minister Maciej Wąsik told Polish Radio late last month.",
     "late last month", False, "2022-01-21", "2022-01-31", "week", "relative"),
    ("2022-02-11", "Prior to the start of the Olympics earlier this month, Deputy Secretary of State Wendy "
     "Sherman suggested that the Winter Games could impact Russian President Vladimir Putin’s thinking.",
     "earlier this month", False, "2022-02-01", "2022-02-10", "month", "relative"),
    ("2022-02-14", "US intelligence over the weekend claimed that Russia had accelerated plans for an invasion and "
     "could move troops across the border as soon as Wednesday, before the end of the Winter Olympics on "
     "20 February.", "on 20 February", True, "2022-02-20", "2022-02-20", "day", "relative"),
    ("2022-02-14", "US intelligence over the weekend claimed that Russia had accelerated plans for an invasion and "
     "could move troops across the border as soon as Wednesday, before the end of the Winter Olympics on "
     "20 February.", "over the weekend", False, "2022-02-12", "2022-02-13", "week", "relative"),
    ("2022-02-14", "Five months ago, Chatham House published a survey of past successes and failures in "
     "dissuading Russia from aggression, titled What deters Russia.",
     "Five months ago", False, "2021-09-01", "2021-09-30", "month", "relative"),
    ("2022-02-19", "Two days ago I was in Donbas, on the demarcation line.",
     "Two days ago", False, "2022-02-17", "2022-02-17", "day", "relative"),
    ("2022-02-19", "Eight years ago, Ukrainians made their choice, many gave their lives for it.",
     "Eight years ago", False, "2014-01-01", "2014-12-31", "year", "relative"),
    ("2022-02-19", "The US is nevertheless still hoping that Lavrov will hold talks on Russia and Nato’s rival "
     "schemes for a future security map of Europe at the end of next week, possibly in Geneva.",
     "at the end of next week", True, "2022-02-25", "2022-02-27", "week", "relative"),
    ("2022-02-21", "On February 20, 2014, Russia committed an international crime, violated the basic principles "
     "of international law and the European system.",
     "On February 20, 2014", False, "2014-02-20", "2014-02-20", "day", "explicit"),
    ("2022-02-21", "Since 2014, Russia's aggression in Ukraine has claimed about 14,000 lives.",
     "Since 2014", False, "2014-01-01", "2022-02-21", "year", "explicit"),
    ("2022-04-25", "At least 57 people were killed earlier this month in Russian strikes on a train station used "
     "for evacuations in the eastern city of Kramatorsk.",
     "earlier this month", False, "2022-04-01", "2022-04-24", "month", "relative"),
    ("2022-04-29", "The president framed the request principally in terms of defending Ukraine, and did not "
     "explicitly repeat the declaration earlier this week by his defence secretary, Lloyd Austin.",
     "earlier this week", False, "2022-04-25", "2022-04-28", "week", "relative"),
    ("2022-06-14", "The head of the Roman Catholic Church first made the remarks in early May and has now "
     "repeated them in a long interview with La Civilta Cattolica, a Jesuit publication.",
     "in early May", False, "2022-05-01", "2022-05-10", "week", "relative"),
    ("2022-06-30", "But the world – and the Europe – of the 2020s is very different from that of the late 1940s.",
     "the late 1940s", False, "1947-01-01", "1949-12-31", "year", "explicit"),
    ("2022-06-30", "But the world – and the Europe – of the 2020s is very different from that of the late 1940s.",
     "the 2020s", False, "2020-01-01", "2029-12-31", "year", "explicit"),
    ("2022-07-23", "In early July, Moscow halted gas deliveries via the pipeline citing maintenance while warning "
     "that it could not guarantee future deliveries due to exceptional circumstances.",
     "In early July", False, "2022-07-01", "2022-07-10", "week", "relative"),
    ("2022-07-25", "Yoweri Museveni, in power since 1986 and the recipient of huge sums of western aid, has "
     "accused the west of interfering in domestic affairs.",
     "since 1986", False, "1986-01-01", "2022-07-25", "year", "explicit"),
    ("2022-08-08", "Russian Foreign Minister Sergey Lavrov traveled to Ethiopia, Uganda, the Republic of Congo, "
     "and Egypt at the end of July.", "at the end of July", False, "2022-07-21", "2022-07-31", "week", "relative"),
    ("2022-08-09", "But Taraneko is optimistic he’ll be inviting visitors there next year when, he says, the war "
     "will hopefully have ended.", "next year", True, "2023-01-01", "2023-12-31", "year", "relative"),
    ("2023-02-17", "Xi drew widespread condemnation last summer after Chinese forces held large-scale military "
     "drills near Taiwan, soon after the then US speaker, Nancy Pelosi, visited the self-governing island.",
     "last summer", False, "2022-06-01", "2022-08-31", "month", "relative"),
    ("2023-06-14", "At the end of 2022, ‘‘11.6 million Ukrainians remained displaced, including 5.9 million within "
     "their country, and 5.7 million who fled to neighbouring countries.’’",
     "At the end of 2022", False, "2022-09-01", "2022-12-31", "month", "explicit"),
    ("2023-06-26", "Prigozhin shocked the world this weekend when he turned his private military group against "
     "Russian forces, while taking control of Russian military bases.",
     "this weekend", False, "2023-06-24", "2023-06-25", "week", "relative"),
    ("2023-07-11", "In turn, the British Ministry of Defense announced the death of 10 Russian generals in August "
     "last year.", "in August last year", False, "2022-08-01", "2022-08-31", "month", "relative"),
    ("2023-07-29", "In November last year, Varadkar was banned from entering Russia in connection with sanctions "
     "against 52 key representatives of the Irish authorities.",
     "In November last year", False, "2022-11-01", "2022-11-30", "month", "relative"),
    ("2024-04-25", "Just last weekend, Moscow hosted a conference for pro-Russian Moldovan opposition leaders, who "
     "announced a new election bloc ahead of Moldova’s October presidential elections.",
     "last weekend", False, "2024-04-20", "2024-04-21", "week", "relative"),
    # Guardian 2017-2019
    ("2018-02-14", "Further roiling the conflict, Iran is using Syrian territory as a launchpad for exerting "
     "military pressure on Israel, Washington’s close ally, as last weekend’s unprecedented aerial clashes "
     "demonstrated.", "last weekend", False, "2018-02-10", "2018-02-11", "week", "relative"),
    ("2018-01-25", "The US and Turkey have released opposing accounts of a phone call between Donald Trump and "
     "Recep Tayyip Erdoğan, highlighting deepening tensions between the two countries amid a Turkish military "
     "campaign inside Syria last weekend.", "last weekend", False, "2018-01-20", "2018-01-21", "week", "relative"),
    ("2017-08-20", "Ryan Lock, 20, from Chichester, became the third when he took his own life after his unit was "
     "surrounded by Isis fighters on 21 December last year.",
     "on 21 December last year", False, "2016-12-21", "2016-12-21", "day", "relative"),
    ("2017-11-20", "As many as 30 groups opposed to Assad will gather in Riyadh for three days of talks aimed at "
     "forming a broad negotiating team before UN peace talks resume in Geneva on 28 November.",
     "on 28 November", True, "2017-11-28", "2017-11-28", "day", "relative"),
    ("2018-02-08", "Kotey, a 34-year-old convert to Islam who grew up in west London, and 29-year-old Elsheikh, "
     "whose family fled to the UK from Sudan in the 1990s, were the only remaining members of the group still "
     "at large.", "in the 1990s", False, "1990-01-01", "1999-12-31", "year", "explicit"),
    ("2018-02-01", "The Pentagon’s announcement in mid-January that it aimed to consolidate its relationship with "
     "the SDF sparked anger among Turkish leaders.", "in mid-January", False, "2018-01-11", "2018-01-20", "week",
     "relative"),
    ("2017-09-01", "A new round of talks on a ceasefire are due to be held in Kazakhstan’s capital, Astana, on "
     "14-15 September, largely led by Turkey, Iran and Russia.",
     "on 14-15 September", True, "2017-09-14", "2017-09-15", "day", "relative"),
    ("2018-01-24", "Recep Tayyip Erdoğan, Turkey’s president, announced the move late on Wednesday as a Turkish "
     "military assault on the city of Afrin, in north-west Syria, continued for a fifth day.",
     "late on Wednesday", False, "2018-01-24", "2018-01-24", "day", "relative"),
    ("2018-12-19", "Senior officials were informed of the president’s decision on Tuesday night, and after news "
     "reports of the U-turn surfaced on Wednesday morning, Trump tweeted.",
     "on Tuesday night", False, "2018-12-18", "2018-12-18", "day", "relative"),
    ("2018-12-19", "Congressional Democrats will investigate how the White House handles security clearances when "
     "they take control of the House next month.", "next month", True, "2019-01-01", "2019-01-31", "month",
     "relative"),
    ("2017-09-08", "The US government said last week that it did not know the whereabouts of Baghdadi but claimed "
     "there were “intelligence indicators” that suggested he was still alive.",
     "last week", False, "2017-08-28", "2017-09-03", "week", "relative"),
    ("2018-04-12", "OPCW inspectors will arrive in Syria tonight and on Friday to investigate the alleged use of "
     "chemical weapons in Douma last weekend.", "tonight", True, "2018-04-12", "2018-04-12", "day", "relative"),
    ("2018-04-12", "OPCW inspectors will arrive in Syria tonight and on Friday to investigate the alleged use of "
     "chemical weapons in Douma last weekend.", "on Friday", True, "2018-04-13", "2018-04-13", "day", "relative"),
    ("2018-04-12", "OPCW inspectors will arrive in Syria tonight and on Friday to investigate the alleged use of "
     "chemical weapons in Douma last weekend.", "last weekend", False, "2018-04-07", "2018-04-08", "week",
     "relative"),
    ("2018-02-21", "Moscow has acknowledged that “several dozen” of its nationals were killed by a US-led coalition "
     "strike in Deir ez-Zor, eastern Syria, two weeks ago.", "two weeks ago", False, "2018-02-05", "2018-02-11",
     "week", "relative"),
    ("2017-08-15", "A month ago I had a loaf of bread and a bowl of za’atar (thyme), a cucumber and some halva.",
     "A month ago", False, "2017-07-01", "2017-07-31", "month", "relative"),
    ("2018-02-22", "“They used to tell us ‘have faith, tyranny will not win’,” said a former rebel, Adnan Shamli, "
     "who fled Ghouta in June last year.", "in June last year", False, "2017-06-01", "2017-06-30", "month",
     "relative"),
    ("2018-01-16", "Its involvement became more direct in mid-2016, when it sent troops to fight Isis and to "
     "establish its influence in the same area it intends to invade.",
     "in mid-2016", False, "2016-05-01", "2016-08-31", "month", "explicit"),
    ("2018-02-10", "More than 500,000 people have died since 2011.",
     "since 2011", False, "2011-01-01", "2018-02-10", "year", "explicit"),
    ("2018-03-04", "Afghanistan Afghanistan has not known peace since the mid-1970s.",
     "since the mid-1970s", False, "1973-01-01", "2018-03-04", "year", "explicit"),
    ("2018-12-19", "“That’s intelligence that is presumably sat on Trump’s desk while he proclaims victory this "
     "morning,” said Charles Lister.", "this morning", False, "2018-12-19", "2018-12-19", "day", "relative"),
    ("2018-02-09", "Raqqa had been their staging ground, a besieged and traumatised city, where they and other Isis "
     "luminaries ruled with impunity until early last year.",
     "early last year", False, "2017-01-01", "2017-04-30", "month", "relative"),
    ("2018-01-15", "Late last year, he was also traced to a village south of Baaj, again through the brief and "
     "careless use of a communications device.", "Late last year", False, "2017-09-01", "2017-12-31", "month",
     "relative"),
    ("2017-08-31", "An announcement earlier this week by Jordan – one of the opposition’s most robust supporters – "
     "has, for many, marked a death knell for the opposition cause.",
     "earlier this week", False, "2017-08-28", "2017-08-30", "week", "relative"),
    ("2017-12-14", "De Mistura said he would report the outcome of the talks to the UN Security Council next week "
     "and would not stop trying.", "next week", True, "2017-12-18", "2017-12-24", "week", "relative"),
    ("2017-10-21", "In mid-September it ended entirely.",
     "In mid-September", False, "2017-09-11", "2017-09-20", "week", "relative"),
    ("2017-10-21", "As many as 60,000 Isis fighters have died since 2014, according to senior US military officials.",
     "since 2014", False, "2014-01-01", "2017-10-21", "year", "explicit"),
    ("2018-02-08", "The two men were captured in early January, and US forces were given access to them, one of "
     "the officials told the news agency.", "in early January", False, "2018-01-01", "2018-01-10", "week",
     "relative"),
    ("2017-10-04", "Then in 1958 General Abd al-Karim Qasim overthrew the monarchy, declared Iraq equally Arab and "
     "Kurdish, and legalised the KDP.", "in 1958", False, "1958-01-01", "1958-12-31", "year", "explicit"),
    ("2022-07-25", "Russia was the largest arms exporter to sub-Saharan Africa in 2016-20, supplying almost a third "
     "of total sub-Saharan arms imports.", "in 2016-20", False, "2016-01-01", "2020-12-31", "year", "explicit"),
]


def _check(span: TimeSpan | None, start: str, end: str, precision: str, anchor: str) -> None:
    assert span is not None
    assert (span.start, span.end, span.precision, span.anchor) == (D(start), D(end), precision, anchor)


@pytest.mark.parametrize("published,sentence,expr,future,start,end,precision,anchor", REAL,
                         ids=[f"{r[0]}:{r[2]}" for r in REAL])
def test_real_sentences(published, sentence, expr, future, start, end, precision, anchor):
    assert expr in sentence
    resolver = TimeResolver(D(published))
    i = sentence.index(expr)
    span = resolver.resolve(expr, future=future, start_char=i, end_char=i + len(expr))
    _check(span, start, end, precision, anchor)
    assert (span.text, span.start_char, span.end_char) == (expr, i, i + len(expr))
    # The finder, with no spaCy help, spots the expression and its span resolves the same way.
    found = [sentence[a:b] for a, b in find_time_expressions(sentence) if a <= i + 1 and b >= i + len(expr) - 2]
    assert found, find_time_expressions(sentence)
    _check(resolver.resolve(found[0], future=future), start, end, precision, anchor)


# The brief's cases, published on Friday 2024-03-01.
SPEC = [
    ("February 26", False, "2024-02-26", "2024-02-26", "day", "relative"),
    ("February 26", True, "2025-02-26", "2025-02-26", "day", "relative"),
    ("March 1", False, "2024-03-01", "2024-03-01", "day", "relative"),
    ("March 1", True, "2024-03-01", "2024-03-01", "day", "relative"),
    ("on February 14", False, "2024-02-14", "2024-02-14", "day", "relative"),
    ("Feb. 26", False, "2024-02-26", "2024-02-26", "day", "relative"),
    ("26 February 2024", False, "2024-02-26", "2024-02-26", "day", "explicit"),
    ("February 26, 2024", False, "2024-02-26", "2024-02-26", "day", "explicit"),
    ("the 24th", False, "2024-02-24", "2024-02-24", "day", "relative"),
    ("last weekend", False, "2024-02-24", "2024-02-25", "week", "relative"),
    ("this weekend", False, "2024-03-02", "2024-03-03", "week", "relative"),
    ("the weekend", True, "2024-03-02", "2024-03-03", "week", "relative"),
    ("earlier this week", False, "2024-02-26", "2024-02-29", "week", "relative"),
    ("later this week", True, "2024-03-02", "2024-03-03", "week", "relative"),
    ("this week", False, "2024-02-26", "2024-03-03", "week", "relative"),
    ("last week", False, "2024-02-19", "2024-02-25", "week", "relative"),
    ("next week", True, "2024-03-04", "2024-03-10", "week", "relative"),
    ("on Thursday", False, "2024-02-29", "2024-02-29", "day", "relative"),
    ("Thursday", True, "2024-03-07", "2024-03-07", "day", "relative"),
    ("Friday", False, "2024-03-01", "2024-03-01", "day", "relative"),
    ("Friday", True, "2024-03-01", "2024-03-01", "day", "relative"),
    ("last Friday", False, "2024-02-23", "2024-02-23", "day", "relative"),
    ("Monday last week", False, "2024-02-19", "2024-02-19", "day", "relative"),
    ("yesterday", False, "2024-02-29", "2024-02-29", "day", "relative"),
    ("yesterday morning", False, "2024-02-29", "2024-02-29", "day", "relative"),
    ("today", False, "2024-03-01", "2024-03-01", "day", "relative"),
    ("tonight", False, "2024-03-01", "2024-03-01", "day", "relative"),
    ("tomorrow", True, "2024-03-02", "2024-03-02", "day", "relative"),
    ("this morning", False, "2024-03-01", "2024-03-01", "day", "relative"),
    ("last night", False, "2024-02-29", "2024-02-29", "day", "relative"),
    ("on Monday night", False, "2024-02-26", "2024-02-26", "day", "relative"),
    ("now", False, "2024-03-01", "2024-03-01", "day", "relative"),
    ("last month", False, "2024-02-01", "2024-02-29", "month", "relative"),
    ("this month", False, "2024-03-01", "2024-03-31", "month", "relative"),
    ("next month", True, "2024-04-01", "2024-04-30", "month", "relative"),
    ("earlier this month", False, "2024-03-01", "2024-03-01", "month", "relative"),
    ("late last month", False, "2024-02-21", "2024-02-29", "week", "relative"),
    ("at the end of October", False, "2023-10-21", "2023-10-31", "week", "relative"),
    ("at the end of October", True, "2024-10-21", "2024-10-31", "week", "relative"),
    ("in October", False, "2023-10-01", "2023-10-31", "month", "relative"),
    ("October", True, "2024-10-01", "2024-10-31", "month", "relative"),
    ("in March", False, "2024-03-01", "2024-03-31", "month", "relative"),
    ("last March", False, "2023-03-01", "2023-03-31", "month", "relative"),
    ("in February last year", False, "2023-02-01", "2023-02-28", "month", "relative"),
    ("last year", False, "2023-01-01", "2023-12-31", "year", "relative"),
    ("this year", False, "2024-01-01", "2024-12-31", "year", "relative"),
    ("next year", True, "2025-01-01", "2025-12-31", "year", "relative"),
    ("earlier this year", False, "2024-01-01", "2024-02-29", "year", "relative"),
    ("in 2014", False, "2014-01-01", "2014-12-31", "year", "explicit"),
    ("since 2014", False, "2014-01-01", "2024-03-01", "year", "explicit"),
    ("since February 24", False, "2024-02-24", "2024-03-01", "day", "relative"),
    ("March 2022", False, "2022-03-01", "2022-03-31", "month", "explicit"),
    ("in mid-March", False, "2023-03-11", "2023-03-20", "week", "relative"),
    ("in mid-March", True, "2024-03-11", "2024-03-20", "week", "relative"),
    ("early April", False, "2023-04-01", "2023-04-10", "week", "relative"),
    ("two days ago", False, "2024-02-28", "2024-02-28", "day", "relative"),
    ("three weeks ago", False, "2024-02-05", "2024-02-11", "week", "relative"),
    ("a month ago", False, "2024-02-01", "2024-02-29", "month", "relative"),
    ("nearly 4 months ago", False, "2023-11-01", "2023-11-30", "month", "relative"),
    ("a few weeks ago", False, "2024-01-29", "2024-02-18", "month", "relative"),
    ("in two weeks", False, "2024-03-11", "2024-03-17", "week", "relative"),
    ("within two weeks", True, "2024-03-01", "2024-03-15", "week", "relative"),
    ("the past 36 hours", False, "2024-02-29", "2024-03-01", "day", "relative"),
    ("the past three years", False, "2021-03-02", "2024-03-01", "year", "relative"),
    ("on 26/02/2024", False, "2024-02-26", "2024-02-26", "day", "explicit"),
    ("02/26/2024", False, "2024-02-26", "2024-02-26", "day", "explicit"),
    ("26.02.2024", False, "2024-02-26", "2024-02-26", "day", "explicit"),
    ("2024-02-26", False, "2024-02-26", "2024-02-26", "day", "explicit"),
    ("the 1990s", False, "1990-01-01", "1999-12-31", "year", "explicit"),
    ("the '90s", False, "1990-01-01", "1999-12-31", "year", "relative"),
    ("the early 2000s", False, "2000-01-01", "2002-12-31", "year", "explicit"),
    ("the 19th century", False, "1801-01-01", "1900-12-31", "year", "explicit"),
    ("between 2011 and 2015", False, "2011-01-01", "2015-12-31", "year", "explicit"),
    ("last summer", False, "2023-06-01", "2023-08-31", "month", "relative"),
    ("the summer of 2014", False, "2014-06-01", "2014-08-31", "month", "explicit"),
    ("winter 2022", False, "2022-12-01", "2023-02-28", "month", "explicit"),
]


@pytest.mark.parametrize("expr,future,start,end,precision,anchor", SPEC, ids=[f"{r[0]}|{r[1]}" for r in SPEC])
def test_brief_cases(expr, future, start, end, precision, anchor):
    _check(TimeResolver(D("2024-03-01")).resolve(expr, future=future), start, end, precision, anchor)


@pytest.mark.parametrize("expr", [
    "ten years", "24-hour", "a 24-hour", "decades", "for decades", "annually", "annual", "daily", "the past",
    "recently", "34-year-old", "ten years old", "in his 40s", "since the start of the war", "the following day",
    "the next day", "the year", "the week", "two days", "in recent weeks", "half a year ago", "February 30", "",
    "13/13/2024", "2,000",
])
def test_not_points_in_time(expr):
    assert TimeResolver(D("2024-03-01")).resolve(expr) is None


@pytest.mark.parametrize("published,expr,future,start,end", [
    ("2024-03-02", "last weekend", False, "2024-02-24", "2024-02-25"),  # Saturday: the previous weekend
    ("2024-03-03", "last weekend", False, "2024-02-24", "2024-02-25"),  # Sunday
    ("2024-03-04", "last weekend", False, "2024-03-02", "2024-03-03"),  # Monday
    ("2024-03-02", "this weekend", False, "2024-03-02", "2024-03-03"),  # on the weekend: the current one
    ("2024-03-04", "this weekend", True, "2024-03-09", "2024-03-10"),  # Monday, planned: the coming one
    ("2024-03-04", "earlier this week", False, "2024-03-04", "2024-03-04"),  # Monday: that day
    ("2024-03-04", "on Monday", False, "2024-03-04", "2024-03-04"),
    ("2024-03-04", "Sunday", False, "2024-03-03", "2024-03-03"),
    ("2023-03-01", "February 29", False, "2020-02-29", "2020-02-29"),  # leap day: the last one that existed
    ("2024-01-05", "December 28", False, "2023-12-28", "2023-12-28"),  # across the new year
    ("2024-01-05", "last month", False, "2023-12-01", "2023-12-31"),
    ("2023-12-28", "January 3", True, "2024-01-03", "2024-01-03"),
    ("2023-12-28", "next month", True, "2024-01-01", "2024-01-31"),
    ("2024-03-31", "a month ago", False, "2024-02-01", "2024-02-29"),
])
def test_calendar_edges(published, expr, future, start, end):
    span = TimeResolver(D(published)).resolve(expr, future=future)
    assert span is not None and (span.start, span.end) == (D(start), D(end))


def test_since_a_future_date_is_nothing():
    assert TimeResolver(D("2024-03-01")).resolve("since 2030") is None


def test_published_span_and_input_checks():
    span = published_span(D("2024-03-01"))
    assert span == TimeSpan(None, D("2024-03-01"), D("2024-03-01"), "day", "published")
    assert span.to_dict()["anchor"] == "published"
    with pytest.raises(SettingsError):
        TimeResolver("2024-03-01")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------- finder
FIND = [
    ("China set up a 24-hour emergency response mechanism after the talks.", [], []),
    ("The agreement was signed last weekend in Istanbul, officials said.", [], ["last weekend"]),
    ("Turkey has long argued that the US-backed YPG is a terrorist organisation affiliated with its own Kurdish "
     "insurgent group, which has waged an insurgency against the Turkish state for decades.", ["decades"], []),
    ("One is ten years old, the second is six, and the third is only one.", ["ten years old"], []),
    ("Kotey, a 34-year-old convert to Islam who grew up in west London, and 29-year-old Elsheikh, whose family "
     "fled to the UK from Sudan in the 1990s, were the only remaining members of the group still at large.",
     ["34-year-old", "29-year-old", "the 1990s"], ["in the 1990s"]),
    ("Johnson added that the Russian blockade of the Black Sea ports means that \"25 million tons of corn and "
     "wheat - the full annual consumption of all the least developed countries - stacked in silos throughout "
     "Ukraine.\"", ["annual"], []),
    ("Russian energy giant Gazprom says it is cutting daily gas deliveries via the Nord Stream pipeline to 33 "
     "million cubic metres a day.", ["daily"], []),
    ("Biden, during a call with Ukrainian President Volodymyr Zelenskyy last week, warned of a \"distinct "
     "possibility\" that Russia could invade.", ["last week"], ["last week"]),
    ("Khamenei said so during the press op for his meeting with Putin last week.", [], ["last week"]),
    ("We will defend our land on February 16, March 1 and December 31.", ["February 16, March 1 and December 31"],
     ["on February 16", "March 1", "December 31"]),
    ("Around 100,000 people have crossed into Poland from Ukraine since Russia launched its invasion, including "
     "9,000 who have entered since 7am on Saturday.", ["Saturday"], ["since 7am on Saturday"]),
    ("The Syrian civil war began seven years ago, in 2011, but US airstrikes there began in September 2014 and "
     "troops were not sent until the following year.", ["seven years ago", "2011", "September 2014",
                                                         "the following year"],
     ["seven years ago", "in 2011", "in September 2014"]),
    ("Record numbers have died in the past 36 hours in an area where the overall death toll since 2011, when the "
     "war began, runs into uncounted thousands.", ["the past 36 hours", "2011"],
     ["in the past 36 hours", "since 2011"]),
    ("Anyone may apply in May, and the panel may decide by the end of the year.", [],
     ["in May", "the end of the year"]),
    ("Mehmet Aksoy was hit by a surprise attack on Tuesday morning, approximately two weeks ago.",
     ["Tuesday morning", "approximately two weeks ago"], ["on Tuesday morning", "two weeks ago"]),
    ("Ryan Lock, 20, from Chichester, was surrounded by Isis fighters on 21 December last year.", [],
     ["on 21 December last year"]),
    ("The ceasefire collapsed in two days, and the talks will resume in two weeks' time.", ["two days"],
     ["in two weeks' time"]),
]


@pytest.mark.parametrize("sentence,entities,expected", FIND, ids=[f[0][:40] for f in FIND])
def test_find_time_expressions(sentence, entities, expected):
    spans = [(sentence.index(e), sentence.index(e) + len(e)) for e in entities]
    assert [sentence[a:b] for a, b in find_time_expressions(sentence, spans)] == expected


def test_find_then_resolve_offsets():
    sentence = "OPCW inspectors will arrive in Syria tonight and on Friday to investigate the attack last weekend."
    resolver = TimeResolver(D("2018-04-12"))
    got = [resolver.resolve(sentence[a:b], future=True, start_char=a, end_char=b)
           for a, b in find_time_expressions(sentence)]
    assert [(t.text, t.start.isoformat(), sentence[t.start_char:t.end_char]) for t in got] == [
        ("tonight", "2018-04-12", "tonight"), ("on Friday", "2018-04-13", "on Friday"),
        ("last weekend", "2018-04-07", "last weekend")]
