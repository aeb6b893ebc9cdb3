"""Bytes to text: binary detection, the encodings Tacitus reads, control characters.

Decisions (README, "Input"): UTF-8 (a byte-order mark is dropped); UTF-16 with a byte-order mark,
or without one when every other byte is NUL (plain-Latin text saved by Windows tools); Windows-1252
and Latin-1 when the bytes decode to clean text (legacy news archives), since a character
offset then still indexes the file's text one character per byte. Anything else is E105. NUL
and other control characters inside text are replaced by spaces, one for one, so offsets still
index the text and a stray byte neither rejects the article nor derails the parser.
"""
from __future__ import annotations

import re

from .base import Fail

_MAGIC = ((b"%PDF", "a PDF document"), (b"\x89PNG", "a PNG image"), (b"GIF8", "a GIF image"),
          (b"\xff\xd8\xff", "a JPEG image"), (b"PK\x03\x04", "a ZIP archive or Office document"),
          (b"\x1f\x8b", "a gzip archive"), (b"SQLite format 3", "an SQLite database"),
          (b"{\\rtf", "an RTF document"))
# C0 controls but tab, newline, form feed and carriage return; DEL; C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\x80-\x9f]")
_SNIFF = 8192


def utf16_without_bom(head: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when every other byte is NUL and the others are not, else None."""
    if len(head) < 16:
        return None
    even, odd = head[0::2], head[1::2]
    zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zeros_odd > 0.9 and zeros_even < 0.05:
        return "utf-16-le"
    if zeros_even > 0.9 and zeros_odd < 0.05:
        return "utf-16-be"
    return None


def binary_kind(data: bytes) -> str | None:
    """Why the bytes are not text, or None when they may be text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    head = data[:_SNIFF]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or utf16_without_bom(head):
        return None  # UTF-16: decoded below
    if not head:
        return None
    # A few NUL bytes are damage inside a text; many mean the file is not text at all.
    if head.count(0) > max(2, len(head) // 100):
        return "binary data (it contains NUL bytes)"
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    if control / len(head) > 0.05:
        return "binary data (too many control characters)"
    return None


def decode(data: bytes, shown: str) -> str:
    """Text of the bytes by the rules in the module docstring; Fail E105 otherwise."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _utf16(data, "utf-16", shown)
    else:
        guess = utf16_without_bom(data[:_SNIFF])
        if guess:
            return _utf16(data, guess, shown)
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
    raise Fail("E105", f"{shown} is not UTF-8 (invalid byte at offset {first_bad}) nor clean "
                       f"Windows-1252/Latin-1 text; convert it, e.g. `iconv -f ENCODING -t UTF-8`")


def _utf16(data: bytes, codec: str, shown: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as e:
        raise Fail("E105", f"{shown} is not valid UTF-16 (byte offset {e.start}); save it as "
                           f"UTF-8") from None


def _looks_like_text(text: str) -> bool:
    if not text:
        return True
    bad = sum(1 for c in text if ("\x80" <= c <= "\x9f") or (c < " " and c not in "\t\n\r\f"))
    return bad == 0


def blank_controls(text: str) -> str:
    """Control characters (NUL, vertical tab, C1, ...) -> spaces, one for one."""
    return _CONTROL.sub(" ", text) if _CONTROL.search(text) else text


def check_content(text: str, where: str) -> None:
    """Fail E104 for an empty or whitespace-only text."""
    if not text.strip():
        what = "empty" if not text else "whitespace only"
        raise Fail("E104", f"{where} is {what}; give the article text")
