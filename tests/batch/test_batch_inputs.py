"""Batch inputs (JSONL, JSONL.gz, Parquet), chunk keys, the event codec and the output directory guard."""
from __future__ import annotations

import gzip
import json
from datetime import date

import pytest

from tacitus.batch.inputs import chunk_key, chunks, input_files, read_records, settings_key
from tacitus.batch.output import BatchError, Output
from tacitus.batch.records import event_from_dict
from tacitus.ingest.readers import IngestFailure
from tacitus.settings import Settings

RECORDS = [
    {"id": "a1", "published": "2024-03-01", "source": "Kyiv Independent", "url": "https://example.org/a1",
     "text": "Canada said on Friday it would send 60 military trainers to Ukraine to help its army."},
    {"id": "a2", "published": "2024-04-02", "title": "Talks",
     "text": "Poland and the Czech Republic are not considering sending troops to Ukraine, officials said."},
]


def _write_inputs(tmp_path):
    lines = [json.dumps(r) for r in RECORDS]
    (tmp_path / "d.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with gzip.open(tmp_path / "d.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    import pyarrow as pa
    import pyarrow.parquet as pq

    cols = ("id", "published", "title", "url", "source", "text")
    table = pa.table({c: [date.fromisoformat(r[c]) if c == "published" else r.get(c) for r in RECORDS] for c in cols})
    pq.write_table(table, tmp_path / "d.parquet")


def test_jsonl_gz_and_parquet_give_the_same_documents(tmp_path):
    _write_inputs(tmp_path)
    read = {ext: list(read_records(str(tmp_path / f"d.{ext}"), None)) for ext in ("jsonl", "jsonl.gz", "parquet")}
    strip = [[(d.id, d.published, d.title, d.url, d.source, d.text) for d in docs] for docs in read.values()]
    assert strip[0] == strip[1] == strip[2]
    assert strip[0][0][:2] == ("a1", date(2024, 3, 1)) and strip[0][0][4] == "Kyiv Independent"


def test_bad_records_are_coded_failures_and_reading_goes_on(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(RECORDS[0]) + "\n{not json\n" + json.dumps({"text": "   "}) + "\n"
                   + json.dumps({"text": "Le gouvernement a annoncé que les troupes ne seront pas envoyées en "
                                         "Ukraine selon le ministre, qui a parlé avec la presse après la réunion "
                                         "des ministres de la défense à Paris."}) + "\n"
                   + json.dumps(RECORDS[1]) + "\n", encoding="utf-8")
    items = list(read_records(str(bad), None))
    codes = [i.code if isinstance(i, IngestFailure) else "ok" for i in items]
    assert codes == ["ok", "E108", "E104", "E107", "ok"]
    assert items[1].origin.endswith("bad.jsonl:2")


def test_parquet_without_text_and_truncated_gzip_are_one_line_each(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist([{"body": "x"}]), tmp_path / "nobody.parquet")
    (tmp_path / "cut.jsonl.gz").write_bytes(gzip.compress(b'{"text": "abc"}\n' * 50)[:40])
    (tmp_path / "notes.txt").write_text("an article", encoding="utf-8")
    fails = [list(read_records(str(tmp_path / n), None)) for n in ("nobody.parquet", "cut.jsonl.gz")]
    assert [f[-1].code for f in fails] == ["E801", "E802"]
    got = list(input_files([str(tmp_path / "notes.txt"), str(tmp_path / "missing.jsonl"), str(tmp_path)]))
    assert [g.code for g in got if isinstance(g, IngestFailure)] == ["E801", "E101"]
    assert sorted(g for g in got if isinstance(g, str)) == sorted(
        str(tmp_path / n) for n in ("cut.jsonl.gz", "nobody.parquet"))


def test_chunk_keys_follow_content_and_settings(tmp_path):
    _write_inputs(tmp_path)
    skey = settings_key(Settings(), "v1")
    first = [c.key for c in chunks(str(tmp_path / "d.jsonl"), 1, skey, None)]
    again = [c.key for c in chunks(str(tmp_path / "d.parquet"), 1, skey, None)]
    assert first == again and len(set(first)) == 2
    assert [c.key for c in chunks(str(tmp_path / "d.jsonl"), 1, settings_key(Settings(), "v2"), None)] != first
    assert [c.key for c in chunks(str(tmp_path / "d.jsonl"), 1, settings_key(Settings(min_confidence=0.5), "v1"),
                                  None)] != first
    docs = list(read_records(str(tmp_path / "d.jsonl"), None))
    edited = [docs[0].__class__(**{**{s: getattr(docs[0], s) for s in docs[0].__slots__}, "text": docs[0].text + "!"})]
    assert chunk_key(edited, skey) != first[0]


def test_event_codec_round_trips_the_contract_object():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "store"))
    from storehelpers import event

    ev = event("d1", modality="planned", speaker="Bill Blair", location="Kyiv")
    d = ev.to_dict()
    d["confidence"] = ev.confidence
    back = event_from_dict(d)
    assert back == ev and back.to_dict() == ev.to_dict()


def test_output_refuses_a_directory_it_did_not_write(tmp_path):
    (tmp_path / "mine.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(BatchError) as e:
        Output(tmp_path)
    assert e.value.code == "E821"
    assert (tmp_path / "mine.txt").read_text(encoding="utf-8") == "keep me"


def test_no_workers_is_one_coded_line_not_a_hang(tmp_path, capsys):
    from tacitus.cli import main

    (tmp_path / "d.jsonl").write_text(json.dumps(RECORDS[0]) + "\n", encoding="utf-8")
    assert main(["batch", str(tmp_path / "d.jsonl"), "--out", str(tmp_path / "out"), "--workers", "0"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "[E823]" in err
