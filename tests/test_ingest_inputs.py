"""Hostile and odd inputs to the readers: deep nesting, repeated ids, big files, encodings,
control characters, deep HTML; each gives one coded line naming it, and the rest is read."""
from __future__ import annotations

import io
import json

import pytest
from test_ingest_readers import AP, BBC, HTML, REUTERS, codes, collect, write

from tacitus.ingest import base
from tacitus.ingest.html import extract_html

NESTED = '{"text": "x", "n": ' + "[" * 100_000 + "]" * 100_000 + "}"


def jsonl(*records) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


@pytest.mark.parametrize("name", ["docs.jsonl", "docs.json"])
def test_deeply_nested_json_is_one_coded_line(tmp_path, name):
    if name.endswith(".jsonl"):
        p = write(tmp_path, name, jsonl(NESTED, {"id": "ap", "text": AP}))
        docs, fails = collect([str(p)])
        assert [d.id for d in docs] == ["ap"]
        assert fails[0].origin == f"{p}:1"
    else:
        p = write(tmp_path, name, NESTED)
        docs, fails = collect([str(p)])
    assert codes(fails) == ["E108"] and "nested too deeply" in str(fails[0].error)


def test_deeply_nested_json_on_stdin():
    docs, fails = collect(["-"], stdin=io.StringIO(jsonl({"id": "ap", "text": AP}, NESTED)))
    assert [d.id for d in docs] == ["ap"] or codes(fails) == []   # read as JSONL or as one text
    assert not any("Recursion" in str(f) for f in fails)


def test_the_same_id_twice_in_one_file_is_reported(tmp_path):
    p = write(tmp_path, "docs.jsonl", jsonl({"id": "a", "text": AP}, {"id": "b", "text": BBC},
                                            {"id": "a", "text": REUTERS}))
    docs, fails = collect([str(p)])
    assert [d.id for d in docs] == ["a", "b"] and docs[0].text == AP
    assert codes(fails) == ["E111"] and fails[0].origin == f"{p}:3" and "line 1" in str(fails[0].error)
    p = write(tmp_path, "docs.json", json.dumps([{"id": 7, "text": AP}, {"id": "7", "text": BBC}]))
    docs, fails = collect([str(p)])
    assert [d.id for d in docs] == ["7"] and codes(fails) == ["E111"]


def test_ids_may_repeat_across_files_and_without_ids(tmp_path):
    a = write(tmp_path, "a.jsonl", jsonl({"id": "x", "text": AP}, {"text": BBC}, {"text": BBC}))
    b = write(tmp_path, "b.jsonl", jsonl({"id": "x", "text": AP}))
    docs, fails = collect([str(a), str(b)])
    assert len(docs) == 4 and not fails     # identical copies are the store's duplicates to link


def test_jsonl_over_the_file_limit_is_streamed_with_a_limit_per_line(tmp_path, monkeypatch):
    monkeypatch.setattr(base, "MAX_BYTES", 1200)
    big = {"id": "big", "text": (REUTERS + "\n") * 4}
    p = write(tmp_path, "docs.jsonl", jsonl(*({"id": f"ap{i}", "text": AP} for i in range(8)), big,
                                            {"id": "bbc", "text": BBC}))
    assert p.stat().st_size > 3 * base.MAX_BYTES
    docs, fails = collect([str(p)])
    assert [d.id for d in docs] == [f"ap{i}" for i in range(8)] + ["bbc"]
    assert codes(fails) == ["E110"] and fails[0].origin == f"{p}:9"
    assert "limit per document" in str(fails[0].error)


def test_a_text_over_the_character_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(base, "MAX_CHARS", len(AP) - 1)
    t = write(tmp_path, "ap.txt", AP)
    j = write(tmp_path, "docs.jsonl", jsonl({"id": "ap", "text": AP}, {"id": "bbc", "text": BBC}))
    docs, fails = collect([str(t), str(j)])
    assert [d.id for d in docs] == ["bbc"] and codes(fails) == ["E110", "E110"]
    assert f"{len(AP):,} characters" in str(fails[0].error)


@pytest.mark.parametrize("codec, bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
                                        ("utf-16-le", b""), ("utf-16-be", b"")])
def test_utf16_with_and_without_byte_order_mark(tmp_path, codec, bom):
    p = write(tmp_path, "ap.txt", bom + AP.encode(codec))
    (doc,), fails = collect([str(p)])
    assert not fails and doc.text == AP


def test_a_stray_nul_byte_is_blanked_not_fatal(tmp_path):
    i = AP.index("Biden")
    p = write(tmp_path, "ap.txt", (AP[:i] + "\x00" + AP[i:]).encode("utf-8"))
    (doc,), fails = collect([str(p)])
    assert not fails and doc.text == AP[:i] + " " + AP[i:]     # one for one: offsets hold


def test_control_characters_become_spaces_in_text_and_records(tmp_path):
    dirty = AP.replace(" ", "\x0b", 3).replace("Tuesday", "Tues\x07day")
    t = write(tmp_path, "ap.txt", dirty)
    j = write(tmp_path, "ap.jsonl", jsonl({"id": "ap", "text": dirty, "title": "Aid\x00package"}))
    docs, fails = collect([str(t), str(j)])
    assert not fails and len(docs) == 2
    for d in docs:
        assert len(d.text) == len(dirty) and "\x0b" not in d.text and "Tues day" in d.text
    assert docs[1].title == "Aid package"


def test_many_nul_bytes_are_still_binary(tmp_path):
    p = write(tmp_path, "blob.txt", AP.encode("utf-8").replace(b" ", b"\x00"))
    _, fails = collect([str(p)])
    assert codes(fails) == ["E103"]


def test_deeply_nested_html_still_yields_its_article(tmp_path):
    article = HTML.split("<article>")[1].split("</article>")[0]
    deep = ("<!DOCTYPE html><html lang='en'><head><title>t</title></head><body>" + "<div>" * 10_000
            + "<article>" + article + "</article>" + "</div>" * 10_000 + "</body></html>")
    assert len(extract_html(deep)[0].split()) < 6      # the parser alone gives up on it
    p = write(tmp_path, "deep.html", deep)
    (doc,), fails = collect([str(p)])
    assert not fails and "Germany delivered a second Patriot air defence system" in doc.text


def test_a_line_separator_inside_a_json_string_does_not_split_the_record(tmp_path):
    text = AP.replace("\n\n", "\u2028")
    p = write(tmp_path, "docs.jsonl", jsonl({"id": "ap", "text": text}, {"id": "bbc", "text": BBC}))
    docs, fails = collect([str(p)])
    assert not fails and [d.id for d in docs] == ["ap", "bbc"] and docs[0].text == text


@pytest.mark.parametrize("line, reason", [
    ('{"text": "Kyiv said', "Unterminated string starting at column 10"),
    ('{"text": "Kyiv said" "id": 1}', "Expecting ',' delimiter at column 22"),
])
def test_json_errors_read_as_one_plain_line(tmp_path, line, reason):
    p = write(tmp_path, "docs.jsonl", line + "\n")
    _, (fail,) = collect([str(p)])
    msg = str(fail)
    assert reason in msg and " at at " not in msg
    assert msg.count(str(p)) == 1 and msg.count(":1") == 1     # the location is said once


def test_record_errors_do_not_repeat_the_location(tmp_path):
    p = write(tmp_path, "docs.jsonl", jsonl({"id": "a", "title": "no text"}, {"id": "b", "text": "  "}))
    _, fails = collect([str(p)])
    assert codes(fails) == ["E108", "E104"]
    for f in fails:
        assert str(f).count(str(p)) == 1
