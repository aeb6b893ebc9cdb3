"""HTML pages to article text with trafilatura: one paragraph per block, blank lines between."""
from __future__ import annotations

import re
from datetime import date
from typing import Any

from ..models import Document
from . import base
from .base import Fail
from .language import check_english
from .records import parse_published
from .text import blank_controls

MIN_HTML_WORDS = 6  # fewer words extracted from a page means no article was found
SNIFF = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.I | re.S)
# Layout wrappers: a page nested thousands deep in them defeats the HTML parser (libxml2 stops
# at depth 256), while the paragraphs inside are all an article needs.
_WRAPPERS = re.compile(r"</?(?:div|span|section|font|center|table|tbody|tr|td)\b[^>]*>", re.I)
_DEEP = 200


def html_document(html: str, origin: str, published: date | None) -> Document:
    """The article of a page, with its title, date, URL and site name when the page has them."""
    if not html.strip():
        raise Fail("E104", f"{origin} is empty; give an HTML page with an article in it")
    text, meta = extract_html(html)
    if len(text.split()) < MIN_HTML_WORDS and len(_WRAPPERS.findall(html, 0, 1 << 20)) > _DEEP:
        text, meta = extract_html(_WRAPPERS.sub("", html))
    if len(text.split()) < MIN_HTML_WORDS:  # nothing, or a menu item picked up as "text"
        raise Fail("E106", f"no article text found in HTML {origin}; save the article page "
                           f"itself (not an index or login page) or paste its text as .txt")
    text = blank_controls(text)
    base.check_length(text)
    check_english(text, origin, meta.get("language"), trust_declared=False)
    pub = published
    if meta.get("date"):
        try:
            pub = parse_published(meta["date"])
        except ValueError:
            pass  # a page's own odd date is not the user's error: fall back to --published
    return Document(text=text, published=pub, title=meta.get("title"), url=meta.get("url"),
                    source=meta.get("sitename"), origin=origin).with_id()


def extract_html(html: str) -> tuple[str, dict[str, Any]]:
    """Main text (paragraphs joined by a blank line) and metadata of an HTML page."""
    import trafilatura  # imported lazily: it is slow to import and only HTML needs it

    try:
        result = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False,
            favor_recall=True,
            date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception:  # noqa: BLE001 - trafilatura/lxml raise many kinds on broken markup
        result = None
    if result is None:
        return "", {}
    paragraphs: list[str] = []
    body = getattr(result, "body", None)
    if body is not None and len(body):
        for block in body:
            if block.tag == "list":
                items = [" ".join("".join(i.itertext()).split()) for i in block]
                paragraphs.extend(i for i in items if i)
            else:
                para = " ".join("".join(block.itertext()).split())
                if para:
                    paragraphs.append(para)
    else:
        paragraphs = [" ".join(line.split()) for line in (result.text or "").split("\n")]
    text = "\n\n".join(p for p in paragraphs if p)
    meta = {
        "title": _clean(getattr(result, "title", None)),
        "date": _clean(getattr(result, "date", None)),
        "url": _clean(getattr(result, "url", None)),
        "sitename": _clean(getattr(result, "sitename", None)),
        "language": _html_lang(html),
    }
    return text, meta


def _html_lang(html: str) -> str | None:
    m = re.search(r"<html\b[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3})", html[:4096], re.I)
    return m.group(1).lower() if m else None


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value or None
