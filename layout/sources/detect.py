"""Tell the kind of an input from its first bytes; the suffix only breaks ties.

Known formats relayout does not read (GIF, ZIP and office files, archives…) get one
line naming the format, rather than "binary file".
"""

from __future__ import annotations

import codecs
import re
from enum import StrEnum

from layout.errors import InputError

# Enough of the file to see the root element of XML behind a long prologue, and the
# hOCR class names in the <head> (ocr-capabilities) or the first lines of <body>.
HEAD_BYTES = 256 * 1024
# PDF readers accept junk before the header within the first kilobyte.
PDF_HEADER_WINDOW = 1024


class Kind(StrEnum):
    TEXT = "text"
    IMAGE = "image"
    PDF = "pdf"
    HOCR = "hocr"
    ALTO = "alto"
    PAGE = "page"


READABLE = "text, PDF, hOCR, ALTO, PAGE XML, PNG/JPEG/TIFF/BMP/WebP images"

_IMAGE_MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",  # JPEG
    b"II*\x00",  # TIFF, little-endian
    b"MM\x00*",  # TIFF, big-endian
)
# Formats relayout recognises but does not read: (magic, offset, name).
_UNSUPPORTED = (
    (b"GIF87a", 0, "a GIF image"),
    (b"GIF89a", 0, "a GIF image"),
    (b"\x1f\x8b", 0, "a gzip archive"),
    (b"BZh", 0, "a bzip2 archive"),
    (b"\xfd7zXZ\x00", 0, "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", 0, "a 7-Zip archive"),
    (b"Rar!\x1a\x07", 0, "a RAR archive"),
    (b"\x28\xb5\x2f\xfd", 0, "a zstd archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "an old Microsoft Office file (DOC/XLS/PPT)"),
    (b"AT&TFORM", 0, "a DjVu document"),
    (b"%!PS", 0, "a PostScript file"),
    (b"{\\rtf", 0, "an RTF document"),
    (b"\x00\x00\x00\x0cjP  \r\n\x87\n", 0, "a JPEG 2000 image"),
    (b"\xff\x4f\xff\x51", 0, "a JPEG 2000 codestream"),
    (b"\x7fELF", 0, "a program (ELF)"),
    (b"SQLite format 3\x00", 0, "an SQLite database"),
    (b"ftypheic", 4, "a HEIC image"),
    (b"ftypavif", 4, "an AVIF image"),
    (b"wOFF", 0, "a web font"),
)
_ZIP_KINDS = (
    (b"word/", "a Word document (DOCX)"),
    (b"application/vnd.oasis.opendocument", "an OpenDocument file"),
    (b"application/epub+zip", "an EPUB book"),
    (b"xl/", "an Excel workbook (XLSX)"),
    (b"ppt/", "a PowerPoint file (PPTX)"),
)
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp"}
_XML_SUFFIXES = {".xml", ".alto", ".hocr", ".html", ".htm", ".xhtml"}

# The first element of a markup document, after the prologue (declaration, comments,
# processing instructions, DOCTYPE).
_PROLOGUE_RE = re.compile(
    r"\s*(?:<\?.*?\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>\s*)*", re.S
)
_ROOT_RE = re.compile(r"<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s/>]")
_HOCR_CLASS_RE = re.compile(r"""class\s*=\s*["'][^"']*\bocr(?:_page|_line|x_word|_carea|_par)\b""")


def detect(head: bytes, name: str, suffix: str) -> Kind:
    """The kind of an input from its first bytes (at least HEAD_BYTES when the file is
    that long). Raises InputError for a known format relayout does not read."""
    if b"%PDF-" in head[:PDF_HEADER_WINDOW]:
        return Kind.PDF
    if _is_image(head):
        return Kind.IMAGE
    _refuse_known_binary(head, name)
    markup = _markup_kind(head, name, suffix)
    if markup is not None:
        return markup
    if suffix == ".pdf":
        raise InputError(
            name, "empty file (0 bytes), not a PDF" if not head else "not a PDF (no %PDF- header)"
        )
    if suffix in IMAGE_SUFFIXES and b"\x00" in head[:PDF_HEADER_WINDOW]:
        return Kind.IMAGE  # a damaged image: the image loader names the problem
    return Kind.TEXT


def _is_image(head: bytes) -> bool:
    if head.startswith(_IMAGE_MAGIC):
        return True
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return True
    # BMP: "BM", the file size, four reserved zero bytes (text may start with "BM" too).
    return head[:2] == b"BM" and len(head) >= 26 and head[6:10] == b"\x00\x00\x00\x00"


def _refuse_known_binary(head: bytes, name: str) -> None:
    for magic, offset, what in _UNSUPPORTED:
        if head[offset : offset + len(magic)] == magic:
            raise InputError(name, f"{what}: not supported (relayout reads {READABLE})")
    if head.startswith(b"PK\x03\x04"):
        what = next((w for key, w in _ZIP_KINDS if key in head), "a ZIP archive")
        raise InputError(name, f"{what}: not supported (relayout reads {READABLE})")


def _markup_kind(head: bytes, name: str, suffix: str) -> Kind | None:
    """hOCR, ALTO or PAGE XML by the root element and classes; None for plain text.

    Markup that is none of these is refused, unless the suffix says plain text (a text
    that happens to start with "<")."""
    text = _head_text(head)
    if text is None or not text.lstrip().startswith("<"):
        return None
    body = _PROLOGUE_RE.match(text)
    rest = text[body.end() if body else 0 :]
    root = _ROOT_RE.match(rest)
    if root is None:
        return None
    local = root.group(2)
    if local == "alto":
        return Kind.ALTO
    if local == "PcGts":
        return Kind.PAGE
    if local.lower() == "html":
        if _HOCR_CLASS_RE.search(text):
            return Kind.HOCR
        if suffix in (".txt", ".text"):
            return None
        raise InputError(
            name, "an HTML page without hOCR markup (ocr_page, ocr_line): not supported"
        )
    if suffix in (".txt", ".text"):
        return None
    if text.lstrip().startswith("<?xml") or suffix in _XML_SUFFIXES:
        raise InputError(
            name, f"XML with root element <{local}>: not hOCR, ALTO or PAGE XML, not supported"
        )
    return None


def _head_text(head: bytes) -> str | None:
    """The head decoded for sniffing (UTF-8 or UTF-16 with BOM); None if it is not."""
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, errors="ignore")
    if b"\x00" in head[:2048]:
        return None
    return head.decode("utf-8", errors="ignore")
