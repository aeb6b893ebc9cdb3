"""Walk the dashboard in headless Chromium and save the README's screenshots.

    python3 scripts/web_screenshots.py http://127.0.0.1:8000/ --out docs/img

Needs a running `tacitus serve` over the sample and the Ukraine corpus, Debian's `chromium`
(/usr/bin/chromium) and the Python `playwright` package (test dependency). The walk answers the
README's question in three clicks from the start page: Stance -> "send troops" -> Feb 2024.
tests/api/test_browser.py runs the same `three_clicks` and checks what it shows.
"""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps calling Google's hosts (closed network here).
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
QUESTION = {"action": "send troops", "month": "2024-02", "month_label": "Feb 2024"}


def chromium() -> str | None:
    """Debian's Chromium binary, if installed."""
    for p in (CHROMIUM, shutil.which("chromium")):
        if p and Path(p).exists():
            return p
    return None


def launch(playwright):
    """Headless Debian Chromium under Playwright (its own browser downloads do not work here)."""
    return playwright.chromium.launch(executable_path=chromium(), args=ARGS)


def three_clicks(page, base: str, shots: Path | None = None, keyboard: bool = False) -> dict:
    """From the start page: Stance (1), the "send troops" shortcut (2), the Feb 2024 column (3).
    Returns the statements the panel lists, grouped by stance, and the number of clicks."""
    base = base.rstrip("/")

    def press(locator) -> None:
        if keyboard:   # the same path without a mouse: focus the link, press Enter
            locator.focus()
            page.keyboard.press("Enter")
        else:
            locator.click()

    page.goto(base + "/")
    if shots:
        page.screenshot(path=str(shots / "serve-1-start.png"))
    press(page.locator("nav[aria-label=Main]").get_by_role("link", name="Stance"))
    page.wait_for_url("**/stance")
    press(page.locator("nav.presets").get_by_role("link", name=QUESTION["action"], exact=True))
    page.wait_for_url("**/stance?action=*")
    page.wait_for_selector("table.stance-grid")
    if shots:
        page.screenshot(path=str(shots / "serve-2-stance.png"), full_page=True)
    press(page.get_by_role("link", name=f"all statements in {QUESTION['month_label']}"))
    page.wait_for_url(f"**month={QUESTION['month']}**")
    page.wait_for_selector("#evidence-panel h2")
    panel = page.locator("#evidence-panel")
    if shots:
        panel.scroll_into_view_if_needed()
        page.screenshot(path=str(shots / "serve-3-answer.png"), full_page=True)
    groups = {}
    for ul in panel.locator("ul.statements").all():
        items = []
        for li in ul.locator("li.statement").all():
            items.append({"actor": li.get_attribute("data-actor"), "event": li.get_attribute("data-event"),
                          "who": li.locator(".who").inner_text(), "evidence": li.locator("blockquote").inner_text(),
                          "reported": li.locator(".reported").inner_text(),
                          "article": li.locator("a.article-link").get_attribute("href")})
        groups[ul.get_attribute("data-modality")] = items
    return {"clicks": 3, "url": page.url, "heading": panel.locator("h2").inner_text(), "groups": groups}


def tour(page, base: str, shots: Path) -> None:
    """Screenshots of the other views: events (filtered), one event, timeline, map."""
    base = base.rstrip("/")
    page.goto(base + "/events?modality=negated&type=AID")
    page.screenshot(path=str(shots / "serve-events.png"))
    page.locator("table.events td.evidence a").first.click()
    page.wait_for_selector("#evidence")
    page.screenshot(path=str(shots / "serve-event.png"))
    page.goto(base + "/timeline?actor=RUS&target=UKR")
    page.screenshot(path=str(shots / "serve-timeline.png"))
    page.goto(base + "/map")
    page.screenshot(path=str(shots / "serve-map.png"))


def main(argv: list[str] | None = None) -> int:
    """Take the screenshots."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("url", help="address `tacitus serve` printed, e.g. http://127.0.0.1:8000/")
    ap.add_argument("--out", type=Path, default=Path("docs/img"), help="folder for the PNG files")
    args = ap.parse_args(argv)
    if chromium() is None:
        print("web_screenshots: no Chromium; install Debian's package: apt-get install chromium", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1366, "height": 860})
        answer = three_clicks(page, args.url, args.out)
        tour(page, args.url, args.out)
        browser.close()
    for item in answer["groups"].get("negated", []):
        print(f"{item['who']}: {item['reported']}")
    print(f"web_screenshots: {len(list(args.out.glob('serve-*.png')))} screenshots in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
