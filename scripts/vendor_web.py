"""Vendor the dashboard's front-end files from npm into src/tacitus/web/static/vendor/.

Run at build time, on a machine that reaches the npm registry (`make vendor-web`); the copied
files are committed, so `tacitus serve` never loads anything from a CDN or the network.
Versions are pinned in scripts/web-vendor/package.json and package-lock.json (`npm ci`,
install scripts off). VENDOR.json records each file's package, version, licence and sha256;
tests/api/test_web_assets.py checks the committed files against it.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NPM_DIR = ROOT / "scripts" / "web-vendor"
OUT = ROOT / "src" / "tacitus" / "web" / "static" / "vendor"

# (npm package, file inside the package, name under vendor/)
FILES = (
    ("htmx.org", "dist/htmx.min.js", "htmx.min.js"),
    ("htmx.org", "LICENSE", "htmx.LICENSE.txt"),
    ("world-atlas", "countries-110m.json", "countries-110m.json"),
    ("world-atlas", "LICENSE", "world-atlas.LICENSE.txt"),
    ("swagger-ui-dist", "swagger-ui-bundle.js", "swagger-ui-bundle.js"),
    ("swagger-ui-dist", "swagger-ui.css", "swagger-ui.css"),
    ("swagger-ui-dist", "LICENSE", "swagger-ui.LICENSE.txt"),
    ("swagger-ui-dist", "NOTICE", "swagger-ui.NOTICE.txt"),
    ("swagger-ui-dist", "swagger-ui-bundle.js.LICENSE.txt", "swagger-ui-bundle.js.LICENSE.txt"),
)


def sha256(path: Path) -> str:
    """Hex sha256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    """Install the pinned packages in a temporary folder and copy the files listed in FILES."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT, help="where to copy the files (default: the package)")
    args = ap.parse_args(argv)
    npm = shutil.which("npm")
    if not npm:
        print("vendor_web: npm not found; install Node.js and npm", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name in ("package.json", "package-lock.json"):
            shutil.copy(NPM_DIR / name, work / name)
        # --ignore-scripts: swagger-ui-dist pulls in an install-time telemetry script.
        subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=work, check=True)
        args.out.mkdir(parents=True, exist_ok=True)
        manifest = []
        for pkg, src, dst in FILES:
            meta = json.loads((work / "node_modules" / pkg / "package.json").read_text(encoding="utf-8"))
            shutil.copy(work / "node_modules" / pkg / src, args.out / dst)
            manifest.append({"file": dst, "package": pkg, "version": meta["version"],
                             "license": meta.get("license"), "source": f"{pkg}/{src}",
                             "sha256": sha256(args.out / dst)})
    (args.out / "VENDOR.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    print(f"vendor_web: {len(manifest)} files in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
