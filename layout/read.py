"""Stage 0, read: bytes of a text file → numbered lines.

Decodes UTF-8 (with or without BOM), UTF-16/32 with BOM, and legacy encodings
detected by charset-normalizer, GB18030 first among the CJK code pages (it decodes
GBK and GB2312 too; a short Chinese line is otherwise easily taken for Korean); so
EUC-KR, Shift-JIS and EUC-JP text that also decodes as GB18030 is read as GB18030.
Normalises CRLF, CR, form feed and vertical tab to line ends. Refuses what does not
look like text rather than guessing: the decoded text may hold only a small share of
control, private-use or unassigned characters.
"""

from __future__ import annotations

import codecs
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

from charset_normalizer import from_bytes

from .errors import InputError
from .model import Line
from .options import DEFAULT_MAX_BYTES

# Characters that never occur in extracted text: controls (tab, line feed, carriage
# return, vertical tab and form feed excepted: they are spacing and line breaks),
# private-use, unassigned and surrogate code points, and the replacement character.
# Text decoded from binary data or in the wrong encoding is full of them.
_NOT_TEXT_CATEGORIES = frozenset({"Cc", "Co", "Cn", "Cs"})
_SPACING_CONTROLS = frozenset("\t\n\r\x0b\x0c")
# Up to this share of such characters is tolerated (a stray escape code in a long text).
_NOT_TEXT_SHARE = 0.01
_NEWLINE_RE = re.compile(r"\r\n|\r|\f|\v")
# Share of the non-ASCII characters of a GB18030 decoding that must be in GB2312.
_GB2312_SHARE = 0.9
# The CJK multi-byte code pages charset-normalizer may guess; GB18030 goes first.
_CJK_CODEPAGES = frozenset(
    {"gb18030", "gbk", "gb2312", "hz", "cp936", "cp949", "euc_kr", "johab", "cp932",
     "shift_jis", "shift_jis_2004", "shift_jisx0213", "euc_jp", "euc_jis_2004",
     "euc_jisx0213", "iso2022_jp", "iso2022_kr", "big5", "big5hkscs", "cp950"}
)  # fmt: skip


def read_source(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, bytes]:
    """Read a path (or ``-`` for standard input) into (display name, bytes).

    At most ``max_bytes`` + 1 bytes are read, so /dev/zero or an endless pipe stops
    there; more than ``max_bytes`` is refused with one line naming the file."""
    if path == "-":
        return "<stdin>", _within_limit("<stdin>", sys.stdin.buffer.read(max_bytes + 1), max_bytes)
    return path, _within_limit(path, read_at_most(path, max_bytes + 1), max_bytes)


def read_at_most(path: str, count: int) -> bytes:
    """The first ``count`` bytes of a file (all of a shorter one); InputError, one line
    naming the file, when it is missing, a folder or unreadable."""
    p = Path(path)
    if not p.exists():
        raise InputError(path, "no such file")
    if p.is_dir():
        raise InputError(path, "is a directory, not a file")
    try:
        with p.open("rb") as stream:
            return stream.read(count)
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None


def _within_limit(source: str, data: bytes, max_bytes: int) -> bytes:
    if len(data) > max_bytes:
        raise InputError(
            source, f"larger than the input limit of {max_bytes} bytes (raise it with --max-bytes)"
        )
    return data


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
    guess = best.encoding if best is not None else None
    if guess in _CJK_CODEPAGES:
        gb18030 = _strict(data, "gb18030")
        if gb18030 is not None and _looks_like_text(gb18030) and _mostly_gb2312(gb18030):
            return gb18030
    # Any other guess must be a language charset-normalizer recognises: random bytes
    # decode without error in many code pages (and as UTF-16 without its byte order mark).
    if best is None or guess is None or guess.startswith("utf_") or best.coherence <= 0:
        raise InputError(source, "cannot tell the text encoding (not UTF-8, UTF-16 or GB18030)")
    return _check_text(str(best), source)


def _mostly_gb2312(text: str) -> bool:
    """Chinese text in GB18030 keeps to GB2312's 6,763 common characters almost always;
    random bytes decode mostly to the rarer GBK and four-byte ranges."""
    counts = Counter(c for c in text if ord(c) > 0x7F)
    common = sum(n for c, n in counts.items() if _strict_encode(c, "gb2312"))
    return common >= _GB2312_SHARE * sum(counts.values())


def _strict_encode(c: str, codec: str) -> bool:
    try:
        c.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _looks_like_text(text: str) -> bool:
    counts = Counter(text)  # each distinct character is looked up once
    odd = sum(n for c, n in counts.items() if _not_text(c))
    return odd <= _NOT_TEXT_SHARE * len(text)


def _not_text(c: str) -> bool:
    if c in _SPACING_CONTROLS:
        return False
    return c == "\ufffd" or unicodedata.category(c) in _NOT_TEXT_CATEGORIES


def _check_text(text: str, source: str) -> str:
    if not _looks_like_text(text):
        raise InputError(source, "binary file (control or unassigned characters), not text")
    return text


def split_lines(text: str) -> list[Line]:
    """Numbered non-blank lines, each remembering how many blank lines preceded it."""
    lines: list[Line] = []
    blanks = 0
    for number, raw in enumerate(_NEWLINE_RE.sub("\n", text).split("\n"), start=1):
        content = raw.rstrip()
        if not content:  # blank (rstrip took any whitespace the line held)
            blanks += 1
            continue
        lines.append(Line(number=number, text=content, blank_before=blanks))
        blanks = 0
    return lines
