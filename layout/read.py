"""Stage 0, read: bytes of a text file → numbered lines.

Decodes UTF-8 (with or without BOM), UTF-16 with BOM, and legacy Chinese
encodings (GB18030/GBK, detected by charset-normalizer); normalises CRLF and CR
line ends. Refuses binary input rather than guessing.
"""

from __future__ import annotations

import codecs
import re
import sys
from pathlib import Path

from charset_normalizer import from_bytes

from .errors import InputError
from .model import Line

# Control characters that never occur in extracted text (tab, line feed, form
# feed and carriage return excepted): a file full of them is binary.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_BINARY_CONTROL_SHARE = 0.01
_NEWLINE_RE = re.compile(r"\r\n|\r|\f")


def read_source(path: str) -> tuple[str, bytes]:
    """Read a path (or ``-`` for standard input) into (display name, bytes)."""
    if path == "-":
        return "<stdin>", sys.stdin.buffer.read()
    p = Path(path)
    if not p.exists():
        raise InputError(path, "no such file")
    if p.is_dir():
        raise InputError(path, "is a directory, not a file")
    try:
        return path, p.read_bytes()
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None


def decode(data: bytes, source: str) -> str:
    """Decode text bytes; raise InputError for binary or undecodable input."""
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _check_text(data.decode(codec), source)
            except UnicodeDecodeError:
                raise InputError(source, f"not valid {codec.upper()} text") from None
    if b"\x00" in data:
        raise InputError(source, "binary file (NUL bytes), not text")
    try:
        return _check_text(data.decode("utf-8"), source)
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(source, "cannot tell the text encoding (not UTF-8, UTF-16 or GB18030)")
    return _check_text(str(best), source)


def _check_text(text: str, source: str) -> str:
    controls = len(_CONTROL_RE.findall(text))
    if controls and controls > _BINARY_CONTROL_SHARE * max(len(text), 1):
        raise InputError(source, "binary file (control characters), not text")
    return text


def split_lines(text: str) -> list[Line]:
    """Numbered non-blank lines, each remembering how many blank lines preceded it."""
    lines: list[Line] = []
    blanks = 0
    for number, raw in enumerate(_NEWLINE_RE.sub("\n", text).split("\n"), start=1):
        content = raw.rstrip()
        if not content.strip():
            blanks += 1
            continue
        lines.append(Line(number=number, text=content, blank_before=blanks))
        blanks = 0
    return lines
