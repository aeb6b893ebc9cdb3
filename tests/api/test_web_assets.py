"""The dashboard's front-end files: all in the package, pinned, as vendored from npm; nothing remote."""
from __future__ import annotations

import hashlib
import json
import re

from apihelpers import ROOT

STATIC = ROOT / "src" / "tacitus" / "web" / "static"
VENDOR = STATIC / "vendor"
TEMPLATES = ROOT / "src" / "tacitus" / "web" / "templates"


def test_vendored_files_match_their_manifest_and_pins():
    manifest = json.loads((VENDOR / "VENDOR.json").read_text())
    pins = json.loads((ROOT / "scripts" / "web-vendor" / "package.json").read_text())["dependencies"]
    lock = json.loads((ROOT / "scripts" / "web-vendor" / "package-lock.json").read_text())["packages"]
    for item in manifest:
        data = (VENDOR / item["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == item["sha256"], item["file"]
        assert item["version"] == pins[item["package"]] == lock[f"node_modules/{item['package']}"]["version"]
        assert item["license"]
    on_disk = {p.name for p in VENDOR.iterdir()} - {"VENDOR.json"}
    assert on_disk == {i["file"] for i in manifest}
    # each package ships with its licence text
    for pkg in {i["package"] for i in manifest}:
        assert any("LICENSE" in i["file"] and i["package"] == pkg for i in manifest), pkg


def test_pages_load_only_packaged_files():
    refs = set()
    for t in TEMPLATES.glob("*.html"):
        html = t.read_text()
        assert not re.search(r'(?:src|href)="(?:https?:)?//', html), t.name
        refs |= set(re.findall(r'(?:src|href)="(/static/[^"]+)"', html))
    assert refs and all((STATIC / r.removeprefix("/static/")).exists() for r in refs)
    for own in ("app.js", "app.css"):
        assert "http" not in (STATIC / own).read_text(), own


def test_world_atlas_has_the_countries_the_map_needs():
    from tacitus.web.geo import countries

    codes = {c for c, *_ in countries()}
    assert {"UKR", "RUS", "POL", "FRA", "USA", "CAN", "DEU", "BLR"} <= codes and len(codes) > 170
