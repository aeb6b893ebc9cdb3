"""Export merged events: JSONL (contract objects), CSV, Parquet, POLECAT TSV, GDELT-2 event rows.

All formats read the store through `tacitus.store.query` (only store/ talks to the database)
and take the same `Filters` as `tacitus query`. One row per merged event.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from ..pipeline import PIPELINE_VERSION
from ..store.query import FLAT_COLUMNS, Filters, event_objects, flat_rows
from ..store.store import Store

FORMATS = ("jsonl", "csv", "parquet", "polecat", "gdelt")

POLECAT_COLUMNS = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title",
    "Actor Name Raw", "Wikipedia Actor ID", "Recipient Name", "Recipient Country", "Recipient COW",
    "Primary Recipient Sector", "Recipient Sectors", "Recipient Title", "Recipient Name Raw",
    "Wikipedia Recipient ID", "Placename", "City", "District", "Province", "Country", "Latitude",
    "Longitude", "GeoNames ID", "Raw Placename", "Feature Type", "Source", "Publication Date",
    "Story People", "Story Organizations", "Story Locations", "Language", "Version",
)

GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor{i}{c}" for i in (1, 2) for c in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
        "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{p}Geo_{c}" for p in ("Actor1", "Actor2", "Action") for c in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")),
    "DATEADDED", "SOURCEURL",
)

QUAD_NUMBER = {"verbal_cooperation": 1, "material_cooperation": 2, "verbal_conflict": 3, "material_conflict": 4}
_ORGS = {"NATO", "EU", "UN", "OSCE", "IMF", "WHO", "G7", "G20", "IAEA", "ICC", "AU", "ASEAN", "WB", "OPEC"}


def export(store: Store, fmt: str, output: str | Path, filters: Filters = Filters()) -> int:
    """Write the events matching `filters` to `output` in `fmt`; return the row count."""
    writer = {"jsonl": write_jsonl, "csv": write_csv, "parquet": write_parquet,
              "polecat": write_polecat, "gdelt": write_gdelt}[fmt]
    return writer(store, Path(output), filters)


def write_jsonl(store: Store, path: Path, filters: Filters) -> int:
    n = 0
    with _open(path) as fh:
        for obj in event_objects(store, filters):
            fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
            n += 1
    return n


def csv_cell(value: Any) -> Any:
    """The cell, with an apostrophe before text a spreadsheet would run as a formula."""
    # OWASP's advice for =, +, -, @, tab and CR first; numbers (a Goldstein of -10.0) stay numbers.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_row(r: dict[str, Any]) -> dict[str, Any]:
    """A flat row as CSV cells: lists joined with "; ", text neutralised (`csv_cell`)."""
    r = {**r, "sources": "; ".join(r["sources"]), "doc_ids": "; ".join(r["doc_ids"])}
    return {k: csv_cell(v) for k, v in r.items()}


def write_csv(store: Store, path: Path, filters: Filters) -> int:
    cols = [*FLAT_COLUMNS, "sources", "doc_ids"]
    n = 0
    with _open(path) as fh:
        w = csv.DictWriter(fh, fieldnames=cols)
        w.writeheader()
        for r in flat_rows(store, filters):
            w.writerow(csv_row(r))
            n += 1
    return n


def tsv_line(values: Iterable[Any]) -> str:
    """One tab-separated line, unquoted, each field's whitespace runs collapsed to one space."""
    # A tab or line break inside a name would shift or split the columns `cut -f` and awk see.
    return "\t".join("" if v is None else " ".join(str(v).split()) for v in values) + "\n"


def parquet_schema():
    import pyarrow as pa

    floats = {"goldstein", "lat", "lon", "confidence"}
    ints = {"n_mentions", "n_documents", "n_sources", "corroboration", "contradicted"}
    dates = {"time_start", "time_end", "first_seen", "last_seen"}
    fields = []
    for c in FLAT_COLUMNS:
        t = pa.float64() if c in floats else pa.int64() if c in ints else pa.date32() if c in dates else pa.string()
        fields.append(pa.field(c, t))
    fields += [pa.field("sources", pa.list_(pa.string())), pa.field("doc_ids", pa.list_(pa.string()))]
    return pa.schema(fields, metadata={"tacitus.pipeline_version": PIPELINE_VERSION})


def write_parquet(store: Store, path: Path, filters: Filters) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    rows = list(flat_rows(store, filters))
    for r in rows:
        for c in ("time_start", "time_end", "first_seen", "last_seen"):
            r[c] = date.fromisoformat(r[c][:10]) if r[c] else None
    table = pa.Table.from_pylist(rows, schema=schema)
    pq.write_table(table, path, compression="zstd")
    return len(rows)


def write_polecat(store: Store, path: Path, filters: Filters) -> int:
    """POLECAT's 40-column weekly TSV; type/mode are the PLOVER-strict `plover_type` view."""
    from ..ontology import Ontology

    onto = Ontology.default()
    n = 0
    with _open(path) as fh:
        fh.write(tsv_line(POLECAT_COLUMNS))
        for e in event_objects(store, filters):
            fh.write(tsv_line(_polecat_row(e, onto)))
            n += 1
    return n


def _polecat_row(e: dict[str, Any], onto) -> list[Any]:
    ptype = e.get("plover_type") or e["type"]
    info = onto.types.get(ptype, {})
    a, t, loc = e.get("actor") or {}, e.get("target") or {}, e.get("location") or {}
    mode = e.get("mode") if ptype == e["type"] else None
    first = e["mentions"][0] if e["mentions"] else {}
    row = {
        "Event ID": e["id"], "Event Date": (e.get("event_time") or {}).get("start") or e.get("first_seen") or "",
        "Event Type": ptype.lower(), "Event Mode": mode or "", "Intensity": info.get("intensity", ""),
        "Quad Code": QUAD_NUMBER.get(info.get("quad", ""), ""), "Contexts": ";".join(e.get("contexts") or []),
        "Actor Name": a.get("name") or "", "Actor Country": a.get("country") or "", "Actor COW": "",
        "Primary Actor Sector": a.get("sector") or "", "Actor Sectors": a.get("sector") or "",
        "Actor Title": "", "Actor Name Raw": a.get("text") or "", "Wikipedia Actor ID": "",
        "Recipient Name": t.get("name") or "", "Recipient Country": t.get("country") or "", "Recipient COW": "",
        "Primary Recipient Sector": t.get("sector") or "", "Recipient Sectors": t.get("sector") or "",
        "Recipient Title": "", "Recipient Name Raw": t.get("text") or "", "Wikipedia Recipient ID": "",
        "Placename": loc.get("name") or "", "City": "", "District": "", "Province": "",
        "Country": loc.get("country") or "", "Latitude": _num(loc.get("lat")), "Longitude": _num(loc.get("lon")),
        "GeoNames ID": "", "Raw Placename": loc.get("text") or "", "Feature Type": "",
        "Source": "; ".join(e.get("sources") or []) or first.get("doc_id", ""),
        "Publication Date": e.get("first_seen") or "", "Story People": "", "Story Organizations": "",
        "Story Locations": "", "Language": "en", "Version": e.get("pipeline_version") or PIPELINE_VERSION,
    }
    return [row[c] for c in POLECAT_COLUMNS]


def write_gdelt(store: Store, path: Path, filters: Filters) -> int:
    """GDELT 2.0 event rows: tab-separated, no header (as GDELT ships them), 61 columns."""
    from ..ontology import Ontology

    onto = Ontology.default()
    n = 0
    with _open(path) as fh:
        for e in event_objects(store, filters):
            fh.write(tsv_line(_gdelt_row(e, onto)))
            n += 1
    return n


def gdelt_event_id(event_id: str) -> int:
    """A stable positive integer for GLOBALEVENTID (GDELT's ids are integers)."""
    import hashlib

    return int(hashlib.sha256(event_id.encode()).hexdigest()[:13], 16)


def _actor_code(p: dict[str, Any]) -> tuple[str, str, str]:
    country, sector = p.get("country") or "", p.get("sector") or ""
    known = country if country in _ORGS else ""
    cc = "" if known else country
    return (country + sector) or "", cc, known


def _gdelt_row(e: dict[str, Any], onto) -> list[Any]:
    start = (e.get("event_time") or {}).get("start") or e.get("first_seen") or ""
    d = date.fromisoformat(start[:10]) if start else None
    cameo = e.get("cameo") or ""
    quad = _cameo_quad(cameo) or QUAD_NUMBER.get(onto.types.get(e.get("plover_type") or e["type"], {}).get("quad"), "")
    gold = e.get("goldstein")
    if gold is None and cameo:
        gold = onto.goldstein(cameo)
    row: dict[str, Any] = {c: "" for c in GDELT_COLUMNS}
    row.update({
        "GLOBALEVENTID": gdelt_event_id(e["id"]),
        "SQLDATE": d.strftime("%Y%m%d") if d else "", "MonthYear": d.strftime("%Y%m") if d else "",
        "Year": d.year if d else "",
        "FractionDate": f"{d.year + (d.month * 30 + d.day) / 365:.4f}" if d else "",
        "IsRootEvent": 0, "EventCode": cameo, "EventBaseCode": cameo[:3], "EventRootCode": cameo[:2],
        "QuadClass": quad, "GoldsteinScale": "" if gold is None else gold,
        "NumMentions": e.get("n_mentions") or len(e["mentions"]), "NumSources": e.get("corroboration") or 1,
        "NumArticles": len(e["mentions"]),
        "DATEADDED": (e.get("first_seen") or start or "").replace("-", "")[:8] + "000000" if (e.get("first_seen") or start) else "",
        "SOURCEURL": next((m["url"] for m in e["mentions"] if m.get("url")), None) or (e["mentions"][0]["doc_id"] if e["mentions"] else ""),
    })
    for i, key in ((1, "actor"), (2, "target")):
        p = e.get(key) or {}
        code, cc, known = _actor_code(p)
        row.update({f"Actor{i}Code": code, f"Actor{i}Name": (p.get("name") or "").upper(),
                    f"Actor{i}CountryCode": cc, f"Actor{i}KnownGroupCode": known,
                    f"Actor{i}Type1Code": p.get("sector") or ""})
    loc = e.get("location") or {}
    if loc:
        row.update({"ActionGeo_Type": 1 if (loc.get("name") or "") == (loc.get("country") or "?") else 4,
                    "ActionGeo_FullName": loc.get("name") or "", "ActionGeo_CountryCode": loc.get("country") or "",
                    "ActionGeo_Lat": _num(loc.get("lat")), "ActionGeo_Long": _num(loc.get("lon"))})
    return [row[c] for c in GDELT_COLUMNS]


def _cameo_quad(code: str) -> int | None:
    if len(code) < 2 or not code[:2].isdigit():
        return None
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def _num(x: Any) -> Any:
    return "" if x is None else x


class _open:
    """Open PATH for text writing, or standard output for "-"."""

    def __init__(self, path: Path):
        self.path = path
        self.fh = None

    def __enter__(self):
        import sys

        if str(self.path) == "-":
            return sys.stdout
        self.fh = open(self.path, "w", encoding="utf-8", newline="")
        return self.fh

    def __exit__(self, *exc):
        if self.fh:
            self.fh.close()


def read_back(path: str | Path, fmt: str) -> Iterable[dict[str, Any]]:  # pragma: no cover - helper for users
    """Rows of an export, for quick checks (pandas is the better reader)."""
    p = Path(path)
    if fmt == "jsonl":
        return [json.loads(x) for x in p.read_text(encoding="utf-8").splitlines() if x.strip()]
    if fmt == "csv":
        with p.open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))
    if fmt == "polecat":
        with p.open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    if fmt == "gdelt":
        with p.open(encoding="utf-8", newline="") as fh:
            return [dict(zip(GDELT_COLUMNS, r)) for r in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)]
    raise ValueError(fmt)
