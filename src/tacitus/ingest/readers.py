"""Read articles from paths, directories, JSONL files and standard input into `Document`s.

`read_documents` yields one `Document` per readable article and one `IngestFailure` per input
that cannot be used; a bad input never stops the batch. Text and JSONL documents keep their
text exactly as given (only a leading UTF-8 byte-order mark is dropped) so that character
offsets computed downstream index into the user's own text. HTML pages are reduced to their
main text with trafilatura, one paragraph per block, paragraphs separated by a blank line.

Error codes (all `InputError`, one line each, with what to do):
  E101 missing path, E102 directory without readable documents, E103 binary / not text,
  E104 empty, E105 not decodable, E106 HTML without article text, E107 not English,
  E108 invalid JSON/JSONL record, E109 invalid published date, E110 file too large.
"""
from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from ..errors import InputError
from ..models import Document

__all__ = [
    "IngestFailure", "read_documents", "MAX_BYTES", "detect_language", "parse_published",
]

MAX_BYTES = 20 * 1024 * 1024  # larger inputs are refused (E110)
MIN_HTML_WORDS = 6  # fewer words extracted from a page means no article was found
STDIN = "-"
STDIN_ORIGIN = "<stdin>"

TEXT_EXTS = frozenset({".txt", ".text", ".md", ".story", ".article", ".asc", ""})
HTML_EXTS = frozenset({".html", ".htm", ".xhtml", ".shtml"})
JSONL_EXTS = frozenset({".jsonl", ".ndjson"})
JSON_EXTS = frozenset({".json"})
# Kinds that are never articles; named explicitly they are reported, in a directory skipped.
BINARY_EXTS = frozenset("""
.pdf .png .jpg .jpeg .gif .bmp .tif .tiff .webp .svg .ico .mp3 .mp4 .wav .avi .mov .mkv .zip .gz
.tgz .bz2 .xz .7z .rar .tar .doc .docx .odt .rtf .xls .xlsx .ods .ppt .pptx .epub .exe .dll .so
.bin .pyc .db .sqlite .parquet .pkl .npy
""".split())
# Text kinds a directory walk leaves alone (data and code, not articles).
DIR_SKIP_EXTS = frozenset("""
.csv .tsv .yaml .yml .toml .ini .cfg .py .js .css .xml .log .lock .sh .bat .sql
""".split())
DIR_READ_EXTS = TEXT_EXTS | HTML_EXTS | JSONL_EXTS | JSON_EXTS

_MAGIC = ((b"%PDF", "a PDF document"), (b"\x89PNG", "a PNG image"), (b"GIF8", "a GIF image"),
          (b"\xff\xd8\xff", "a JPEG image"), (b"PK\x03\x04", "a ZIP archive or Office document"),
          (b"\x1f\x8b", "a gzip archive"), (b"SQLite format 3", "an SQLite database"),
          (b"{\\rtf", "an RTF document"))
_HTML_SNIFF = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.I | re.S)
_HTML_TAGS = re.compile(r"<(?:p|div|article|span|a|br|h[1-6])\b[^>]*>", re.I)
_DATE = re.compile(r"\A(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z]*)?\Z")


@dataclass(frozen=True, slots=True)
class IngestFailure:
    """An input that could not be read: where it came from and why."""

    origin: str  # path, "path.jsonl:12" for a JSONL line, or "<stdin>"
    error: InputError

    @property
    def code(self) -> str:
        return self.error.code

    def __str__(self) -> str:
        return f"{self.origin}: {self.error}"


class _Fail(Exception):
    """Internal: carries an InputError for one input."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.error = InputError(message, code=code)


# --------------------------------------------------------------------------------------------
# Public entry point


def read_documents(paths: Sequence[str], *, published: date | None = None,
                   stdin: TextIO | None = None) -> Iterator[Document | IngestFailure]:
    """Yield a Document for every readable article under `paths`, an IngestFailure otherwise.

    `published` is used for documents that carry no date of their own. `-` reads `stdin`
    (default `sys.stdin`) as one text/HTML document, or as JSONL when every non-empty line
    is a JSON object with a "text" field.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]  # type: ignore[list-item]
    stdin_done = False
    for raw in paths:
        p = os.fspath(raw)
        if p == STDIN:
            if stdin_done:
                continue
            stdin_done = True
            yield from _read_stdin(stdin if stdin is not None else sys.stdin, published)
            continue
        path = Path(p)
        if path.is_dir():
            yield from _read_dir(path, p, published)
        elif path.exists():
            yield from _read_file(path, p, published, explicit=True)
        else:
            yield IngestFailure(p, InputError(
                f"no such file or directory: {p}; check the path (use '-' to read standard input)",
                code="E101"))


# --------------------------------------------------------------------------------------------
# Sources


def _read_dir(root: Path, shown: str, published: date | None) -> Iterator[Document | IngestFailure]:
    found = 0
    for path in _walk(root):
        rel = os.path.join(shown, os.path.relpath(path, root))
        for item in _read_file(path, rel, published, explicit=False):
            if isinstance(item, Document):
                found += 1
            yield item
    if not found:
        kinds = ", ".join(sorted(e for e in DIR_READ_EXTS if e))
        yield IngestFailure(shown, InputError(
            f"no readable documents in directory {shown}; put articles there as text, HTML or "
            f"JSONL files ({kinds} or no extension; hidden files are skipped)", code="E102"))


def _walk(root: Path) -> Iterator[Path]:
    """Files under root, recursively, sorted by name, without hidden files or directories."""
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=True):
            yield from _walk(Path(entry.path))
        elif entry.is_file(follow_symlinks=True):
            ext = Path(entry.name).suffix.lower()
            if ext in BINARY_EXTS or ext in DIR_SKIP_EXTS or entry.name.endswith("~"):
                continue
            yield Path(entry.path)


def _read_file(path: Path, shown: str, published: date | None,
               *, explicit: bool) -> Iterator[Document | IngestFailure]:
    ext = path.suffix.lower()
    try:
        if not path.is_file():
            raise _Fail("E103", f"not a regular file: {shown}; give a text, HTML or JSONL file")
        if explicit and ext in BINARY_EXTS:
            raise _Fail("E103", f"{shown} is a {ext} file, not text; convert it to plain text "
                                f"(e.g. pdftotext) or HTML first")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _Fail("E110", _too_large(shown, size, ext in JSONL_EXTS))
        data = path.read_bytes()
    except _Fail as f:
        yield IngestFailure(shown, f.error)
        return
    except OSError as e:
        yield IngestFailure(shown, InputError(
            f"cannot read {shown}: {e.strerror or e}; check its permissions", code="E101"))
        return

    try:
        binary = _binary_kind(data)
        if binary:
            if not explicit:
                return  # a stray binary in a directory is not an article: skip quietly
            raise _Fail("E103", f"{shown} is {binary}, not text; give a plain-text, HTML or "
                                f"JSONL file")
        if ext in JSONL_EXTS:
            text = _decode(data, shown)
            yield from _jsonl_records(text, shown, published)
            return
        if ext in JSON_EXTS:
            yield from _json_records(_decode(data, shown), shown, published)
            return
        is_html = ext in HTML_EXTS or bool(_HTML_SNIFF.match(data[:4096]))
        text = _decode(data, shown)
        if is_html:
            yield _html_document(text, shown, published)
        else:
            yield _text_document(text, shown, published)
    except _Fail as f:
        yield IngestFailure(shown, f.error)


def _read_stdin(stream: TextIO, published: date | None) -> Iterator[Document | IngestFailure]:
    try:
        text = stream.read(MAX_BYTES + 1)
    except UnicodeDecodeError as e:
        yield IngestFailure(STDIN_ORIGIN, InputError(
            f"standard input is not UTF-8 (byte offset {e.start}); convert it with "
            f"`iconv -t UTF-8` first", code="E105"))
        return
    if isinstance(text, bytes):  # a binary stream was passed
        try:
            text = _decode(text, STDIN_ORIGIN)
        except _Fail as f:
            yield IngestFailure(STDIN_ORIGIN, f.error)
            return
    if len(text) > MAX_BYTES:
        yield IngestFailure(STDIN_ORIGIN, InputError(_too_large(STDIN_ORIGIN, len(text), False),
                                                     code="E110"))
        return
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        if "\x00" in text[:8192]:
            raise _Fail("E103", "standard input is binary (NUL bytes), not text; pipe in plain "
                                "text, HTML or JSONL")
        if _looks_like_jsonl(text):
            yield from _jsonl_records(text, STDIN_ORIGIN, published)
        elif _HTML_SNIFF.match(text[:4096].encode("utf-8", "replace")):
            yield _html_document(text, STDIN_ORIGIN, published)
        else:
            yield _text_document(text, STDIN_ORIGIN, published)
    except _Fail as f:
        yield IngestFailure(STDIN_ORIGIN, f.error)


# --------------------------------------------------------------------------------------------
# Documents


def _text_document(text: str, origin: str, published: date | None) -> Document:
    _check_content(text, origin)
    _check_english(text, origin, None)
    return Document(text=text, published=published, origin=origin).with_id()


def _html_document(html: str, origin: str, published: date | None) -> Document:
    if not html.strip():
        raise _Fail("E104", f"{origin} is empty; give an HTML page with an article in it")
    text, meta = _extract_html(html)
    if len(text.split()) < MIN_HTML_WORDS:  # nothing, or a menu item picked up as "text"
        raise _Fail("E106", f"no article text found in HTML {origin}; save the article page "
                            f"itself (not an index or login page) or paste its text as .txt")
    _check_english(text, origin, meta.get("language"), trust_declared=False)
    pub = published
    if meta.get("date"):
        try:
            pub = parse_published(meta["date"])
        except ValueError:
            pass  # a page's own odd date is not the user's error: fall back to --published
    return Document(text=text, published=pub, title=meta.get("title"), url=meta.get("url"),
                    source=meta.get("sitename"), origin=origin).with_id()


def _extract_html(html: str) -> tuple[str, dict[str, Any]]:
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


def _looks_like_jsonl(text: str) -> bool:
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return False
    for line in lines:
        s = line.strip()
        if not s.startswith("{"):
            return False
        try:
            obj = json.loads(s)
        except ValueError:
            return False
        if not isinstance(obj, dict) or "text" not in obj:
            return False
    return True


def _jsonl_records(text: str, origin: str, published: date | None
                   ) -> Iterator[Document | IngestFailure]:
    if text.startswith("\ufeff"):
        text = text[1:]
    any_line = False
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        any_line = True
        where = f"{origin}:{n}"
        try:
            try:
                obj = json.loads(line)
            except ValueError as e:
                raise _Fail("E108", f"line {n} is not valid JSON ({_json_reason(e)}); each line "
                                    f"must be one object like {{\"text\": \"...\"}}") from None
            yield _record_document(obj, where, published)
        except _Fail as f:
            yield IngestFailure(where, f.error)
    if not any_line:
        yield IngestFailure(origin, InputError(
            f"{origin} has no documents (empty); put one JSON object per line", code="E104"))


def _json_records(text: str, origin: str, published: date | None
                  ) -> Iterator[Document | IngestFailure]:
    """A .json file: one document object, or a list of them."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        yield IngestFailure(origin, InputError(f"{origin} is empty; give a JSON document object",
                                               code="E104"))
        return
    try:
        obj = json.loads(text)
    except ValueError as e:
        yield IngestFailure(origin, InputError(
            f"{origin} is not valid JSON ({_json_reason(e)}); give a JSONL file with one "
            f"document object per line", code="E108"))
        return
    items = obj if isinstance(obj, list) else [obj]
    for i, item in enumerate(items):
        where = f"{origin}[{i}]" if isinstance(obj, list) else origin
        try:
            yield _record_document(item, where, published)
        except _Fail as f:
            yield IngestFailure(where, f.error)


def _json_reason(e: ValueError) -> str:
    return getattr(e, "msg", None) and f"{e.msg} at column {getattr(e, 'colno', '?')}" or str(e)


_STR_FIELDS = ("title", "url", "source", "language")


def _record_document(obj: Any, where: str, published: date | None) -> Document:
    if not isinstance(obj, dict):
        raise _Fail("E108", f"{where}: expected a JSON object with a \"text\" field, got "
                            f"{type(obj).__name__}")
    text = obj.get("text")
    if text is None:
        raise _Fail("E108", f"{where}: missing required field \"text\"; each document needs "
                            f"its article text")
    if not isinstance(text, str):
        raise _Fail("E108", f"{where}: field \"text\" must be a string, got "
                            f"{type(text).__name__}")
    if text.startswith("\ufeff"):
        text = text[1:]
    fields: dict[str, str | None] = {}
    for name in _STR_FIELDS:
        v = obj.get(name)
        if v is not None and not isinstance(v, str):
            raise _Fail("E108", f"{where}: field \"{name}\" must be a string or null")
        fields[name] = v if v else None
    doc_id = obj.get("id")
    if doc_id is not None and not isinstance(doc_id, (str, int)) or isinstance(doc_id, bool):
        raise _Fail("E108", f"{where}: field \"id\" must be a string or an integer")
    pub = published
    raw_pub = obj.get("published")
    if raw_pub not in (None, ""):
        try:
            pub = parse_published(raw_pub)
        except ValueError:
            raise _Fail("E109", f"{where}: invalid \"published\" date {raw_pub!r}; use YYYY-MM-DD "
                                f"(e.g. 2024-03-01) or leave it out and pass --published") from None
    _check_content(text, where)
    _check_english(text, where, fields["language"])
    return Document(text=text, id="" if doc_id is None else str(doc_id), published=pub,
                    title=fields["title"], url=fields["url"], source=fields["source"],
                    language=fields["language"], origin=where).with_id()


def parse_published(value: Any) -> date:
    """A publication date from "YYYY-MM-DD" (a trailing ISO time is allowed); ValueError else."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError(value)
    m = _DATE.match(value.strip())
    if not m:
        raise ValueError(value)
    y, mo, d = (int(g) for g in m.groups())
    if not 1800 <= y <= 2200:
        raise ValueError(value)
    return date(y, mo, d)  # raises ValueError for 2024-02-30


# --------------------------------------------------------------------------------------------
# Checks


def _too_large(shown: str, size: int, jsonl: bool) -> str:
    mb = size / (1024 * 1024)
    how = ("split it, e.g. `split -l 10000 FILE part-` (one document per line stays whole)"
           if jsonl else "split it into one file per article, or into a JSONL file of documents")
    return f"{shown} is {mb:.1f} MB, over the {MAX_BYTES // (1024 * 1024)} MB limit; {how}"


def _binary_kind(data: bytes) -> str | None:
    """Why the bytes are not text, or None when they may be text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16 with a byte-order mark: decoded below
    if b"\x00" in head:
        return "binary data (it contains NUL bytes)"
    if head:
        control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
        if control / len(head) > 0.05:
            return "binary data (too many control characters)"
    return None


def _decode(data: bytes, shown: str) -> str:
    """UTF-8 (BOM dropped), UTF-16 with BOM, else cp1252/latin-1 when that is clean text."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise _Fail("E105", f"{shown} is not valid UTF-16 (byte offset {e.start}); save it as "
                                f"UTF-8") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        first_bad = e.start
    for legacy in ("cp1252", "latin-1"):
        try:
            text = data.decode(legacy)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text
    raise _Fail("E105", f"{shown} is not UTF-8 (invalid byte at offset {first_bad}) nor clean "
                        f"Windows-1252/Latin-1 text; convert it, e.g. `iconv -f ENCODING -t UTF-8`")


def _looks_like_text(text: str) -> bool:
    if not text:
        return True
    bad = sum(1 for c in text if ("\x80" <= c <= "\x9f") or (c < " " and c not in "\t\n\r\f"))
    return bad == 0


def _check_content(text: str, where: str) -> None:
    if not text.strip():
        what = "empty" if not text else "whitespace only"
        raise _Fail("E104", f"{where} is {what}; give the article text")
    sample = text[:8192]
    if "\x00" in sample:
        raise _Fail("E103", f"{where} contains NUL bytes, not text; give plain text")


# --------------------------------------------------------------------------------------------
# Language: a cheap stopword vote. Tacitus's rules and lexicons are English-only.

_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset("""the of and to in is was for that on with as by at from it its he she
        they his her their has have had are were be been will would said says not but this which
        who an or after over into about than more also when there can could up out against""".split()),
    "fr": frozenset("""le la les des du et est une dans pour que qui sur au aux pas par ce cette
        sont ont avec il elle ne se ses leur leurs mais comme été être nous vous ils elles été
        selon lors contre après""".split()),
    "de": frozenset("""der die das und ist nicht mit den dem des ein eine einer einen sich auf
        für von zu im auch es wird wurde sind nach bei aus wie oder aber hat haben dass über
        gegen noch""".split()),
    "es": frozenset("""el la los las del y que en un una por con para es se su sus al lo como
        más pero fue ha han sobre entre tras según contra""".split()),
    "it": frozenset("""il lo la gli le di del della dei che e è un una per con non sono nel
        nella alla da dal ha hanno anche come più ma dopo contro""".split()),
    "pt": frozenset("""o os a as do da dos das e é um uma em no na nos para com não que se por
        ao foi são mais como mas pelo pela contra após""".split()),
    "nl": frozenset("""de het een en van in is dat op te voor met zijn niet ook aan er maar
        bij als nog werd door naar om tegen""".split()),
}
# Words shared with English or too short to vote for another language.
_SHARED = frozenset("a in is to on an de la le el die des et".split())
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
MIN_WORDS_FOR_LANGUAGE = 20


def detect_language(text: str) -> str | None:
    """A rough language guess: "en", another ISO 639-1 code, or None when unsure (short text).

    Non-Latin scripts vote for their script's usual language; Latin text votes by stopwords.
    Names do not count for or against English, so name-heavy English is not rejected.
    """
    sample = text[:20000]
    letters = [c for c in sample if c.isalpha()]
    if len(letters) >= 40:
        latin = sum(1 for c in letters if c < "\u0250")
        if latin / len(letters) < 0.5:
            return _script_language(letters)
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < MIN_WORDS_FOR_LANGUAGE:
        return None
    scores = {lang: sum(1 for w in words if w in sw and (lang == "en" or w not in _SHARED))
              for lang, sw in _STOPWORDS.items()}
    best = max(scores, key=lambda k: scores[k])
    en = scores["en"]
    if best == "en" or en / len(words) >= 0.12:
        return "en"
    if scores[best] / len(words) >= 0.10 and scores[best] > 2 * en:
        return best
    return None


def _script_language(letters: list[str]) -> str:
    counts: dict[str, int] = {}
    for c in letters:
        o = ord(c)
        if 0x0400 <= o <= 0x04FF:
            lang = "uk" if c in "іїєґІЇЄҐ" else "ru"
        elif 0x0600 <= o <= 0x06FF:
            lang = "ar"
        elif 0x0590 <= o <= 0x05FF:
            lang = "he"
        elif 0x4E00 <= o <= 0x9FFF:
            lang = "zh"
        elif 0x3040 <= o <= 0x30FF:
            lang = "ja"
        elif 0xAC00 <= o <= 0xD7AF:
            lang = "ko"
        elif 0x0370 <= o <= 0x03FF:
            lang = "el"
        else:
            lang = "und"
        counts[lang] = counts.get(lang, 0) + 1
    if counts.get("uk") and counts.get("ru"):
        return "uk"
    return max(counts, key=lambda k: counts[k])


def _check_english(text: str, where: str, declared: str | None,
                   *, trust_declared: bool = True) -> None:
    """E107 unless the text is English.

    A trusted declaration (the JSONL "language" field) wins over the guess. An HTML page's
    `lang` attribute is often a template default, so it only decides when the text is too short
    to guess from.
    """
    lang = declared.strip().lower().replace("_", "-").split("-")[0] if declared else ""
    if lang and trust_declared:
        if lang in ("en", "eng"):
            return
        raise _Fail("E107", f"{where} is declared as language {declared!r}; Tacitus codes English "
                            f"news only: translate it to English first")
    guess = detect_language(text)
    if guess is None and lang and lang not in ("en", "eng"):
        guess = lang
    if guess is not None and guess != "en":
        raise _Fail("E107", f"{where} looks like language {guess!r}, not English; Tacitus codes "
                            f"English news only: translate it first (or set \"language\": \"en\" "
                            f"in a JSONL record to override)")

