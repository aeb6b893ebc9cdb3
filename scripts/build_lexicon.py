#!/usr/bin/env python3
"""Build Tacitus's derived ontology and mined trigger files from the shared reference data.

Inputs (read-only, ``--shared``, default ``../shared`` next to the repository):
  ontology/plover_ontology_extracted.json, ontology/polecat_modes.csv, ontology/polecat_types.csv,
  ontology/NGEC2025_PLOVER_structured_codebook_updated.csv, ontology/CAMEO2PLOVER-2021.txt,
  ontology/cameo/CAMEO.goldsteinscale.txt, ontology/cameo/cameo_codes_from_text_to_CAMEO.csv,
  dictionaries/CAMEO.2.0.txt (PETRARCH2 verb dictionary, MIT).
Outputs (``src/tacitus/data``):
  ontology/plover.json, ontology/cameo_to_plover.csv, ontology/goldstein.tsv,
  ontology/cameo_codes.csv, lexicon/triggers_cameo.jsonl.

Output is deterministic (sorted, no timestamps): ``--check`` exits 1 when a committed file differs.
Usage: python scripts/build_lexicon.py [--shared PATH] [--out PATH] [--check]
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from tacitus.extract.lexicon import object_key  # noqa: E402  (same normalisation as lookups)

DEFAULT_SHARED = ROOT.parent / "shared"
DEFAULT_OUT = ROOT / "src" / "tacitus" / "data"

TYPE_ORDER = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
              "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
# Context spellings met in the sources, mapped to the manual's names.
CONTEXT_ALIASES = {"pro-democracy": "pro_democracy", "pro-autocracy": "pro_autocracy",
                   "democracy": "pro_democracy", "natural_resources": "natural_resource"}
# Contexts the 2021 crosswalk and the contract use that the 2.0 manual lacks.
EXTRA_CONTEXTS = [{"context": "humanitarian",
                   "definition": "humanitarian aid, relief and access (CAMEO2PLOVER-2021 context kept by Tacitus)"}]
# Tacitus decisions on the 2021 crosswalk (PLOVER 2.0 manual wins over the 2021 draft).
CROSSWALK_OVERRIDES = {
    # PLOVER 2.0: "International (political or economic) sanctions are coded as `discontinue'".
    "163": ("SANCTION", "discontinue", ("economic",), "PLOVER 2.0 codes sanctions as SANCTION/discontinue"),
    "1712": ("ASSAULT", "destroy", ("human_security",), "PLOVER 2.0 mode destroy"),
    "175": ("ASSAULT", "crowd-control", ("repression",), "2021 table put a context in the mode slot"),
}
# CAMEO 02 APPEAL is "dropped" by PLOVER; Tacitus codes appeals as REQUEST, copying the parallel 10x row.
APPEAL_PARALLEL = "10"
PARTICLES = {"up", "down", "out", "off", "in", "on", "back", "over", "away", "through", "along", "about",
             "forward", "aside", "apart", "together"}
# Words PETRARCH patterns put after the verb that are not object heads.
NOT_OBJECTS = {"by", "to", "of", "in", "on", "for", "with", "against", "from", "at", "inside", "into", "as",
               "bitterly", "strongly", "sharply", "publicly", "jointly", "formally", "that", "it", "them", "him", "her", "meet", "bitterly", "again", "also", "not", "no", "the", "a",
               "an", "and", "or", "all", "more", "less", "its", "their", "his", "this", "these", "there", "here"}
HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
PATTERN_CODE = re.compile(r"\[([^\]]*)\]")


# --------------------------------------------------------------------------- helpers
def clean_tex(text: str) -> str:
    """Light LaTeX clean-up for definitions."""
    text = re.sub(r"\\(begin|end)\{itemize\}", " ", text)
    text = text.replace("\\item", ";").replace("\\ldots", "...").replace("---", " - ")
    text = text.replace("``", '"').replace("''", '"').replace("`", "'")
    text = re.sub(r"\\[a-zA-Z]+\{([^}]*)\}", r"\1", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"^;\s*", "", text).replace(" ;", ";")
    return text


def norm_code(raw: str) -> str | None:
    """First usable code of a PETRARCH code field ("0334:038" -> "0334", ":110" -> "110", "---" -> None)."""
    for part in raw.replace("---", "").split(":"):
        part = part.strip()
        if part and part.isdigit():
            return part
    return None


def dump_csv(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerows(rows)
    return buf.getvalue()


# --------------------------------------------------------------------------- ontology
def build_plover(shared: Path) -> dict:
    onto = shared / "ontology"
    ext = json.loads((onto / "plover_ontology_extracted.json").read_text(encoding="utf-8"))
    polecat_modes: dict[str, list[str]] = defaultdict(list)
    with open(onto / "polecat_modes.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            polecat_modes[row["event_type"].upper()].append(row["mode"].strip())
    intensity = {}
    with open(onto / "polecat_types.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            intensity[row["event_type"].upper()] = float(row["intensity_schrodt_v1.1"])
    ngec_defs: dict[tuple[str, str], str] = {}
    with open(onto / "NGEC2025_PLOVER_structured_codebook_updated.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            key = (row["event"].strip(), row["mode"].strip())
            if key[1] and key not in ngec_defs:
                ngec_defs[key] = row["mode_def"].strip()
    types = {}
    for t in TYPE_ORDER:
        src = ext["event_types"][t]
        modes: list[dict] = []
        seen = set()
        for m in src["modes"]:
            name = m["mode"].strip().lstrip("%").strip()
            if not name or name in seen:
                continue
            seen.add(name)
            modes.append({"mode": name, "definition": clean_tex(m["definition"])})
        for name in polecat_modes.get(t, []):
            if name not in seen:
                seen.add(name)
                modes.append({"mode": name, "definition": ngec_defs.get((t, name), ""),
                              "source": "rpolecat modes"})
        types[t] = {"quad": src["quad"].lower().replace(" ", "_"),
                    "requires_recipient": src["requires_recipient"].strip().lower() == "yes",
                    "intensity": intensity[t],
                    "definition": clean_tex(src["definition"]),
                    "modes": modes}
    contexts = [{"context": c["context"], "definition": clean_tex(c["definition"])} for c in ext["contexts"]]
    contexts += [dict(c, source="tacitus") for c in EXTRA_CONTEXTS]
    return {
        "version": "plover-2.0-tacitus-1",
        "source": ("openeventdata/PLOVER PLOVER_MANUAL.tex @ 5e0c24f (CC BY-SA 4.0) via the team's extraction; "
                   "modes = manual's modes (% markers stripped) plus rpolecat's (MIT); intensity = Schrodt v1.1"),
        "types": types,
        "contexts": contexts,
        "context_aliases": dict(sorted(CONTEXT_ALIASES.items())),
        "auxiliary_modes": ext["auxiliary_modes"],
    }


def build_crosswalk(shared: Path, plover: dict) -> list[list[str]]:
    """Rows: cameo, type, mode, contexts (;-joined), label, origin, note."""
    valid_modes = {t: {m["mode"] for m in v["modes"]} for t, v in plover["types"].items()}
    valid_ctx = {c["context"] for c in plover["contexts"]}
    rows: dict[str, list[str]] = {}
    for line in (shared / "ontology" / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        m = re.match(r"^(\d{2,4}):\s*(.*)$", line)
        if not m:
            continue
        code, rest = m.groups()
        label = ""
        if "#" in rest:
            rest, label = rest.split("#", 1)
        parts = [p.strip() for p in rest.split(",")]
        typ = parts[0].upper()
        mode = parts[1] if len(parts) > 1 else ""
        ctxs = [c.strip() for c in (parts[2] if len(parts) > 2 else "").split(";") if c.strip()]
        notes = []
        if mode and mode not in valid_modes[typ]:
            notes.append(f"dropped mode '{mode}'")
            mode = ""
        clean = []
        for c in ctxs:
            c2 = CONTEXT_ALIASES.get(c, c)
            if c2 not in valid_ctx:
                notes.append(f"dropped context '{c}'")
                continue
            if c2 != c:
                notes.append(f"context {c}->{c2}")
            clean.append(c2)
        origin = "CAMEO2PLOVER-2021"
        if code in CROSSWALK_OVERRIDES:
            typ, mode, ctx_t, why = CROSSWALK_OVERRIDES[code]
            clean = list(ctx_t)
            notes.append("tacitus override: " + why)
            origin = "tacitus"
        if code in rows:  # first wins (175 is listed twice; 08 heads both CONCEDE and RETREAT)
            continue
        rows[code] = [code, typ, mode, ";".join(clean), label.strip(), origin, "; ".join(notes)]
    # Tacitus extension: CAMEO 02x APPEAL -> REQUEST, mode/context of the parallel 10x code.
    labels = load_cameo_labels(shared)
    for code in sorted(labels):
        if code.startswith("02") and code not in rows:
            twin = APPEAL_PARALLEL + code[2:]
            if twin in rows:
                r = rows[twin]
                rows[code] = [code, r[1], r[2], r[3], labels[code], "tacitus",
                              f"APPEAL (dropped by PLOVER) coded as REQUEST like {twin}"]
    if "02" not in rows:
        rows["02"] = ["02", "REQUEST", "", "", "Appeal", "tacitus", "APPEAL (dropped by PLOVER) coded as REQUEST"]
    out = [["cameo", "type", "mode", "contexts", "label", "origin", "note"]]
    out += [rows[c] for c in sorted(rows, key=lambda c: (c[:2], c))]
    return out


def load_cameo_labels(shared: Path) -> dict[str, str]:
    labels: dict[str, tuple[int, str]] = {}
    with open(shared / "ontology" / "cameo" / "cameo_codes_from_text_to_CAMEO.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            code = row["cameo_code"].strip()
            rank = 0 if row["label_kind"].strip() == "LABEL" else 1
            if code not in labels or rank < labels[code][0]:
                labels[code] = (rank, row["label"].strip())
    return {c: v[1] for c, v in labels.items()}


def build_cameo_codes(shared: Path) -> list[list[str]]:
    labels = load_cameo_labels(shared)
    return [["cameo", "label"]] + [[c, labels[c]] for c in sorted(labels)]


def build_goldstein(shared: Path) -> str:
    lines = ["cameo\tgoldstein"]
    src = (shared / "ontology" / "cameo" / "CAMEO.goldsteinscale.txt").read_text(encoding="utf-8")
    seen = set()
    for line in src.splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0].strip().isdigit() or parts[0].strip() in seen:
            continue
        seen.add(parts[0].strip())
        lines.append(f"{parts[0].strip()}\t{float(parts[1]):g}")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- mined lexicon
def _split_elements(text: str) -> list[str]:
    """Tokens of a pattern, keeping {noun phrases} and (prepositional phrases) whole."""
    out, buf, depth = [], "", 0
    for ch in text:
        if ch in "{(":
            depth += 1
        elif ch in "})":
            depth -= 1
        if ch.isspace() and depth == 0:
            if buf:
                out.append(buf)
            buf = ""
        else:
            buf += ch
    if buf:
        out.append(buf)
    return out


def _heads(element: str, synsets: dict[str, list[str]]) -> list[str]:
    """Head-noun lemmas of an object element: WORD, {ADJ NOUN}, &SYNSET."""
    if element.startswith("{"):
        words = element.strip("{}").split()
        if not words:
            return []
        element = words[-1]
    if element.startswith("&"):
        return sorted({h for m in synsets.get(element.rstrip("_"), []) for h in _heads(m, synsets)})
    word = element.strip("_").split("_")[-1].lower()
    if not word.isalpha() or word in NOT_OBJECTS:
        return []
    return [object_key(word)]


def parse_verb_dictionary(text: str) -> tuple[dict[str, list[str]], list[dict]]:
    """Synsets and verb blocks ({name, default, verbs: [(lemma, particle)], patterns: [(elements, code, verbs)]})."""
    synsets: dict[str, list[str]] = {}
    blocks: list[dict] = []
    cur_syn = None
    block = None
    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith("#") and "TRANSFORMATIONS" in line:
            break  # reported-speech transformations are not verb patterns
        if not line.strip():
            cur_syn = None
            continue
        if line.startswith("#"):
            continue
        h = HEADER.match(line)
        if h:
            cur_syn = None
            block = {"name": h.group(1), "default": norm_code(h.group(2)), "verbs": [], "patterns": []}
            blocks.append(block)
            continue
        if block is None:
            if line.startswith("&"):
                cur_syn = line.split()[0].rstrip("_")
                synsets[cur_syn] = []
            elif line.startswith("+") and cur_syn:
                synsets[cur_syn].append(line[1:].split("#")[0].strip())
            continue
        if line.lstrip().startswith("-"):
            body, _, comment = line.partition("#")
            codes = PATTERN_CODE.findall(body)
            if not codes:
                continue
            code = norm_code(codes[-1])
            body = body[:body.rfind("[")].strip().lstrip("-").strip()
            verbs = {w.strip().lower() for w in re.split(r"[,\s]+", comment) if w.strip().isalpha()}
            block["patterns"].append((_split_elements(body), code, verbs))
            continue
        form = line.split("#")[0].split("{")[0].strip()
        if not form:
            continue
        if form.startswith("+"):
            words = [w for w in form[1:].lower().split("_") if w]
            if len(words) == 2 and words[0].isalpha() and words[1] in PARTICLES:
                block["verbs"].append((words[0], words[1]))
            continue
        word = form.strip("_").lower()
        if word.isalpha():
            block["verbs"].append((word, None))
    return synsets, blocks


def pattern_object(elements: list[str], synsets: dict[str, list[str]]) -> tuple[str | None, list[str]] | None:
    """(particle, object heads) of a `* OBJ` / `* PARTICLE OBJ` / `* PARTICLE` pattern, else None."""
    if "*" not in elements or elements[0] != "*":
        return None  # subject-side patterns are not simple
    rest = [e for e in elements[1:] if e not in ("$", "+")]
    if not rest:
        return None
    particle = None
    if rest[0].lower() in PARTICLES:
        particle = rest[0].lower()
        rest = rest[1:]
        if not rest or rest[0].startswith("("):
            return particle, []
    if rest[0].startswith("("):
        return None
    heads = _heads(rest[0], synsets)
    return (particle, heads) if heads else None


def mine(shared: Path, crosswalk: dict[str, tuple[str, str, tuple[str, ...]]], known_codes: set[str]) -> list[dict]:
    text = (shared / "dictionaries" / "CAMEO.2.0.txt").read_text(encoding="utf-8", errors="replace")
    synsets, blocks = parse_verb_dictionary(text)

    def usable(code: str | None) -> str | None:
        if not code or code.startswith("01") or code not in known_codes:
            return None
        return code if code in crosswalk else None

    # (lemma, particle) -> object -> Counter(code); (lemma, particle) -> Counter(default codes)
    obj_codes: dict[tuple[str, str | None], dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    defaults: dict[tuple[str, str | None], Counter] = defaultdict(Counter)
    for b in blocks:
        lemmas = {v[0] for v in b["verbs"]}
        if usable(b["default"]):
            for v in b["verbs"]:
                defaults[v][b["default"]] += 1
        for elements, code, verbs in b["patterns"]:
            code = usable(code)
            if not code:
                continue
            po = pattern_object(elements, synsets)
            if po is None:
                continue
            particle, heads = po
            targets = sorted(verbs & lemmas) or sorted(lemmas)
            for lemma in targets:
                key = (lemma, particle)
                if not heads:
                    defaults[key][code] += 1
                for h in heads:
                    obj_codes[key][h][code] += 1

    def pick(counter: Counter) -> str:
        return sorted(counter.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0][0]

    entries = []
    for key in sorted(set(obj_codes) | set(defaults), key=lambda k: (k[0], k[1] or "")):
        by_code: dict[str, list[str]] = defaultdict(list)
        for obj, counter in obj_codes.get(key, {}).items():
            by_code[pick(counter)].append(obj)
        senses = []
        for code in sorted(by_code):
            typ, mode, ctx = crosswalk[code]
            senses.append({"objects": sorted(by_code[code]), "type": typ, "mode": mode, "cameo": code,
                           "contexts": list(ctx)})
        if defaults.get(key):
            code = pick(defaults[key])
            typ, mode, ctx = crosswalk[code]
            senses.append({"type": typ, "mode": mode, "cameo": code, "contexts": list(ctx)})
        if senses:
            entries.append({"lemma": key[0], "pos": "VERB", "particle": key[1], "senses": senses})
    return entries


# --------------------------------------------------------------------------- driver
def build_all(shared: Path) -> dict[str, str]:
    """Relative output path -> file text."""
    plover = build_plover(shared)
    cw_rows = build_crosswalk(shared, plover)
    codes = build_cameo_codes(shared)
    crosswalk = {r[0]: (r[1], r[2] or None, tuple(c for c in r[3].split(";") if c)) for r in cw_rows[1:]}
    known = {r[0] for r in codes[1:]}
    entries = mine(shared, crosswalk, known)
    return {
        "ontology/plover.json": json.dumps(plover, indent=1, ensure_ascii=False) + "\n",
        "ontology/cameo_to_plover.csv": dump_csv(cw_rows),
        "ontology/cameo_codes.csv": dump_csv(codes),
        "ontology/goldstein.tsv": build_goldstein(shared),
        "lexicon/triggers_cameo.jsonl": "".join(json.dumps(e, ensure_ascii=False, sort_keys=False) + "\n"
                                                for e in entries),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--check", action="store_true", help="compare with the committed files, write nothing")
    args = ap.parse_args(argv)
    if not (args.shared / "dictionaries" / "CAMEO.2.0.txt").exists():
        print(f"error: {args.shared} does not hold dictionaries/CAMEO.2.0.txt", file=sys.stderr)
        return 2
    outputs = build_all(args.shared)
    stale = []
    for rel, text in outputs.items():
        path = args.out / rel
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(rel)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path} ({text.count(chr(10))} lines)", file=sys.stderr)
    if stale:
        print("stale: " + ", ".join(stale) + " (run scripts/build_lexicon.py)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
