"""Reading articles from text, HTML, JSONL, directories and stdin, and reporting bad inputs."""
from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from tacitus.errors import InputError
from tacitus.ingest import IngestFailure, detect_language, read_documents
from tacitus.ingest import base
from tacitus.models import Document

REUTERS = (
    "KYIV, Feb 24 (Reuters) - Russia launched a massive missile and drone attack on Ukraine's "
    "energy infrastructure overnight, Ukrainian officials said on Saturday, damaging power plants "
    "in the Kharkiv and Odesa regions.\r\n\r\n"
    "\"The enemy is trying to leave Ukrainians without light and heat,\" Energy Minister German "
    "Galushchenko wrote on Telegram.\r\n"
)
AP = (
    "WASHINGTON (AP) — The Biden administration announced a new $300 million military aid "
    "package for Ukraine on Tuesday, the first in months, as Kyiv's forces ration ammunition "
    "along the front line.\n\n"
    "National security adviser Jake Sullivan said the weapons would be drawn from Pentagon "
    "stockpiles.\n"
)
BBC = (
    "  Israel and Hamas have agreed to extend a truce in Gaza by two more days, mediator Qatar "
    "said, allowing more hostages and Palestinian prisoners to be released.\n"
)
FRENCH = (
    "Le gouvernement français a annoncé mardi une nouvelle aide militaire à l'Ukraine, selon le "
    "ministère des Armées. Cette aide comprend des missiles et des canons qui seront livrés dans "
    "les prochaines semaines, a précisé le ministre lors d'une conférence de presse à Paris."
)
GERMAN = (
    "Die Bundesregierung hat der Ukraine ein weiteres Flugabwehrsystem zugesagt. Das teilte das "
    "Verteidigungsministerium am Freitag in Berlin mit. Es ist bereits das dritte System dieser "
    "Art, das Deutschland an die Ukraine liefert, und weitere sollen nach Angaben der Regierung "
    "folgen."
)
NAMES_HEAVY = (
    "Zelenskiy met Macron, Scholz, Meloni, Sunak, Tusk and Rutte in Kyiv. Stoltenberg, Blinken, "
    "Austin, Kuleba, Yermak, Umerov, Syrskyi, Budanov and Zaluzhnyi joined Shmyhal, Stefanchuk "
    "and Klitschko at Mariinskyi Palace."
)
HTML = """<!DOCTYPE html>
<html lang="en"><head><title>Germany sends second Patriot system | Example News</title>
<meta property="og:title" content="Germany sends second Patriot system to Ukraine">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2024-03-01T09:30:00Z"></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies.</div>
<article>
<h1>Germany sends second Patriot system to Ukraine</h1>
<p>BERLIN, March 1 (Example) - Germany delivered a second Patriot air defence system to Ukraine
on Friday, the defence ministry said, as Russian missile strikes on power plants intensified.</p>
<p>"This system will protect cities and civilians," Defence Minister Boris Pistorius told
reporters, adding that more deliveries were planned for the spring.</p>
<p>Ukrainian President Volodymyr Zelenskiy thanked Berlin and urged other allies to follow
suit, saying the country still needed at least seven more systems.</p>
</article>
<footer><p>Copyright 2024 Example News. All rights reserved.</p>
<p><a href="/privacy">Privacy policy</a> | <a href="/terms">Terms of use</a></p></footer>
</body></html>
"""
BROKEN_HTML = (
    "<html><body><div><p>Turkey's parliament approved Sweden's bid to join NATO on Tuesday, "
    "removing a major obstacle to the expansion of the alliance after months of delay.<p>The "
    "vote was 287 to 55, parliament speaker Numan Kurtulmus said, and President Tayyip Erdogan "
    "is expected to sign the measure <b>within days</div></body"
)


def collect(paths, **kw):
    items = list(read_documents(paths, **kw))
    docs = [i for i in items if isinstance(i, Document)]
    fails = [i for i in items if isinstance(i, IngestFailure)]
    return docs, fails


def codes(fails):
    return [f.error.code for f in fails]


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_bytes(content.encode("utf-8"))
    return p


# --- plain text --------------------------------------------------------------------------


@pytest.mark.parametrize("text", [REUTERS, AP, BBC])
def test_text_kept_exactly_and_offsets_index_into_it(tmp_path, text):
    p = write(tmp_path, "article.txt", text)
    docs, fails = collect([str(p)])
    assert not fails
    (doc,) = docs
    assert doc.text == text  # no stripping, no newline translation
    sentence = text.strip().splitlines()[0].split(" - ")[-1].split(" — ")[-1][:60]
    start = text.index(sentence)
    assert doc.text[start:start + len(sentence)] == sentence
    assert doc.origin == str(p)
    assert doc.id.startswith("sha-") and doc.id == Document(text=text).with_id().id
    assert doc.published is None


def test_known_sentence_offsets_with_crlf(tmp_path):
    p = write(tmp_path, "reuters", REUTERS)  # no extension
    (doc,), _ = collect([str(p)])
    quote = "\"The enemy is trying to leave Ukrainians without light and heat,\""
    i = REUTERS.index(quote)
    assert doc.text[i:i + len(quote)] == quote
    assert "\r\n" in doc.text


def test_published_argument_and_stable_id(tmp_path):
    p = write(tmp_path, "ap.txt", AP)
    (a,), _ = collect([str(p)], published=date(2024, 3, 12))
    (b,), _ = collect([str(p)])
    assert a.published == date(2024, 3, 12)
    assert a.id == b.id


def test_utf8_bom_dropped(tmp_path):
    p = write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + AP.encode("utf-8"))
    (doc,), _ = collect([str(p)])
    assert doc.text == AP


def test_cp1252_curly_quote(tmp_path):
    text = ("Germany\u2019s chancellor said on Monday that Berlin would send more air defence "
            "systems to Ukraine, calling the \u201cattacks on civilians\u201d unacceptable.")
    p = write(tmp_path, "cp1252.txt", text.encode("cp1252"))
    (doc,), fails = collect([str(p)])
    assert not fails
    assert doc.text == text


def test_latin1_file(tmp_path):
    text = ("The ministers met in Z\u00fcrich and Malm\u00f6 on Thursday, officials said, and "
            "agreed to expand sanctions against Russia's central bank by the end of the year.")
    p = write(tmp_path, "latin1.txt", text.encode("latin-1"))
    (doc,), fails = collect([str(p)])
    assert not fails and doc.text == text


def test_undecodable_reports_byte_offset(tmp_path):
    data = b"Officials said the talks would resume. " + b"\x81\x8d\x90\x9d" + b" More text."
    p = write(tmp_path, "bad.txt", data)
    docs, fails = collect([str(p)])
    assert not docs and codes(fails) == ["E105"]
    assert "offset 39" in str(fails[0].error)


def test_binary_file_explicit(tmp_path):
    p = write(tmp_path, "blob.txt", b"\x00\x01\x02binary\x00\xff" * 100)
    docs, fails = collect([str(p)])
    assert not docs and codes(fails) == ["E103"]
    assert isinstance(fails[0].error, InputError)


@pytest.mark.parametrize("name, data", [("report.pdf", b"%PDF-1.7\n..."),
                                        ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00")])
def test_other_kinds_named_explicitly_fail(tmp_path, name, data):
    p = write(tmp_path, name, data)
    _, fails = collect([str(p)])
    assert codes(fails) == ["E103"]
    assert name.split(".")[-1] in str(fails[0].error)


@pytest.mark.parametrize("content", ["", "   \n\t\n  "])
def test_empty_and_whitespace(tmp_path, content):
    p = write(tmp_path, "empty.txt", content)
    docs, fails = collect([str(p)])
    assert not docs and codes(fails) == ["E104"]


def test_missing_path_and_batch_goes_on(tmp_path):
    good = write(tmp_path, "ok.txt", AP)
    docs, fails = collect([str(tmp_path / "nope.txt"), str(good)])
    assert len(docs) == 1 and codes(fails) == ["E101"]
    assert fails[0].origin == str(tmp_path / "nope.txt")
    msg = str(fails[0].error)
    assert msg.startswith("[E101]") and "\n" not in msg


def test_too_large(tmp_path, monkeypatch):
    monkeypatch.setattr(base, "MAX_BYTES", 100)
    p = write(tmp_path, "big.txt", AP)
    _, fails = collect([str(p)])
    assert codes(fails) == ["E110"]
    assert "split" in str(fails[0].error)


# --- language ----------------------------------------------------------------------------


@pytest.mark.parametrize("text, lang", [(FRENCH, "fr"), (GERMAN, "de")])
def test_non_english_rejected(tmp_path, text, lang):
    p = write(tmp_path, f"{lang}.txt", text)
    docs, fails = collect([str(p)])
    assert not docs and codes(fails) == ["E107"]
    assert repr(lang) in str(fails[0].error)


@pytest.mark.parametrize("text", [
    "Russia struck Kharkiv overnight.",  # short English: never rejected
    NAMES_HEAVY,  # English made mostly of names
    REUTERS, AP, BBC,
    "Kyiv said strikes hit Lviv.",
])
def test_english_accepted(text):
    assert detect_language(text) in ("en", None)


def test_cyrillic_text_rejected():
    text = ("Сили оборони України відбили атаку біля Авдіївки, повідомили у Генштабі. "
            "За добу відбулося понад сорок бойових зіткнень на різних напрямках фронту.")
    assert detect_language(text) == "uk"


def test_jsonl_language_field_wins(tmp_path):
    lines = [{"id": "fr-as-en", "text": FRENCH, "language": "en"},
             {"id": "en-as-de", "text": AP, "language": "de"}]
    p = write(tmp_path, "lang.jsonl", "\n".join(json.dumps(x) for x in lines))
    docs, fails = collect([str(p)])
    assert [d.id for d in docs] == ["fr-as-en"]
    assert codes(fails) == ["E107"] and fails[0].origin.endswith("lang.jsonl:2")


# --- HTML --------------------------------------------------------------------------------


def test_html_article_extracted_without_boilerplate(tmp_path):
    p = write(tmp_path, "page.html", HTML)
    (doc,), fails = collect([str(p)], published=date(2020, 1, 1))
    assert not fails
    assert "Germany delivered a second Patriot air defence system" in doc.text
    assert "cookies" not in doc.text and "Privacy policy" not in doc.text
    assert "Sport" not in doc.text and "Copyright" not in doc.text
    assert "\n\n\"This system will protect cities and civilians,\"" in doc.text
    assert doc.title and "Patriot" in doc.title
    assert doc.published == date(2024, 3, 1)  # the page's own date beats --published
    assert doc.source == "Example News"
    assert doc.origin == str(p) and doc.id.startswith("sha-")


def test_html_sniffed_without_extension(tmp_path):
    p = write(tmp_path, "saved_page", HTML)
    (doc,), _ = collect([str(p)])
    assert "<p>" not in doc.text and "Pistorius" in doc.text


def test_broken_html_still_yields_text(tmp_path):
    p = write(tmp_path, "broken.htm", BROKEN_HTML)
    (doc,), fails = collect([str(p)], published=date(2024, 1, 23))
    assert not fails
    assert "Turkey's parliament approved Sweden's bid to join NATO" in doc.text
    assert "<b>" not in doc.text
    assert doc.published == date(2024, 1, 23)


def test_html_without_article(tmp_path):
    page = "<!DOCTYPE html><html><head><title>Login</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    p = write(tmp_path, "login.html", page)
    docs, fails = collect([str(p)])
    assert not docs and codes(fails) == ["E106"]


# --- JSONL -------------------------------------------------------------------------------


def test_jsonl_records_and_bad_line(tmp_path):
    recs = [
        {"id": "doc-17", "text": REUTERS, "published": "2024-02-24", "title": "Strikes",
         "url": "https://example.com/a", "source": "Reuters", "language": "en"},
        "THIS IS NOT JSON",
        {"text": AP},
        {"id": "doc-19", "text": BBC, "published": "2024-02-30"},
        {"id": "doc-20", "title": "no text"},
        {"id": 21, "text": "   "},
    ]
    body = "\n".join(r if isinstance(r, str) else json.dumps(r) for r in recs) + "\n\n"
    p = write(tmp_path, "docs.jsonl", body)
    docs, fails = collect([str(p)], published=date(2024, 3, 5))
    assert [d.id for d in docs][0] == "doc-17"
    first, second = docs
    assert first.text == REUTERS and first.published == date(2024, 2, 24)
    assert (first.title, first.url, first.source, first.language) == (
        "Strikes", "https://example.com/a", "Reuters", "en")
    assert first.origin == f"{p}:1"
    assert second.id.startswith("sha-") and second.published == date(2024, 3, 5)
    assert [(f.origin.rsplit(":", 1)[-1], f.error.code) for f in fails] == [
        ("2", "E108"), ("4", "E109"), ("5", "E108"), ("6", "E104")]


def test_jsonl_offsets(tmp_path):
    p = write(tmp_path, "one.jsonl", json.dumps({"id": "x", "text": AP}) + "\n")
    (doc,), _ = collect([str(p)])
    s = "National security adviser Jake Sullivan said"
    assert doc.text[AP.index(s):AP.index(s) + len(s)] == s


# --- stdin -------------------------------------------------------------------------------


def test_stdin_text():
    docs, fails = collect(["-"], stdin=io.StringIO(AP), published=date(2024, 3, 12))
    assert not fails
    (doc,) = docs
    assert doc.text == AP and doc.origin == "<stdin>" and doc.published == date(2024, 3, 12)


def test_stdin_jsonl():
    data = json.dumps({"id": "a", "text": AP}) + "\n\n" + json.dumps({"text": BBC}) + "\n"
    docs, fails = collect(["-"], stdin=io.StringIO(data))
    assert not fails and [d.text for d in docs] == [AP, BBC]
    assert docs[0].id == "a" and docs[1].origin == "<stdin>:3"


def test_stdin_mixed_lines_is_text():
    data = json.dumps({"text": AP}) + "\nand then a plain line of English text about the war.\n"
    (doc,), _ = collect(["-"], stdin=io.StringIO(data))
    assert doc.text == data


def test_stdin_empty():
    _, fails = collect(["-"], stdin=io.StringIO(""))
    assert codes(fails) == ["E104"] and fails[0].origin == "<stdin>"


# --- directories -------------------------------------------------------------------------


def test_directory_tree(tmp_path):
    root = tmp_path / "corpus"
    write(root, "b_ap.txt", AP)
    write(root, "a_reuters.txt", REUTERS)
    write(root, "sub/page.html", HTML)
    write(root, "sub/deeper/batch.jsonl", json.dumps({"id": "j1", "text": BBC}) + "\n")
    write(root, ".hidden.txt", BBC)
    write(root, ".git/config.txt", BBC)
    write(root, "scan.pdf", b"%PDF-1.4 junk")
    write(root, "image.png", b"\x89PNG\r\n")
    write(root, "blob", b"\x00\x00\x00\x01")
    write(root, "sub/empty.txt", "")
    docs, fails = collect([str(root)])
    origins = [Path(d.origin.rsplit(":", 1)[0]).name for d in docs]
    assert origins == ["a_reuters.txt", "b_ap.txt", "batch.jsonl", "page.html"]
    assert [d.id for d in docs][2] == "j1"
    assert codes(fails) == ["E104"] and fails[0].origin.endswith("empty.txt")


def test_directory_without_documents(tmp_path):
    root = tmp_path / "nothing"
    write(root, ".hidden.txt", AP)
    write(root, "scan.pdf", b"%PDF-1.4")
    docs, fails = collect([str(root)])
    assert not docs and codes(fails) == ["E102"]


def test_failure_is_frozen_and_printable(tmp_path):
    (f,) = list(read_documents([str(tmp_path / "missing")]))
    assert isinstance(f, IngestFailure)
    with pytest.raises(AttributeError):
        f.origin = "x"  # type: ignore[misc]
    assert str(f).startswith(str(tmp_path / "missing") + ": [E101]")
