"""hOCR (Tesseract, OCRopus, kraken…): lines with boxes and sizes, one page per ocr_page.

Lines are the elements of class ocr_line (and Tesseract's ocr_header, ocr_caption,
ocr_textfloat), in document order; a new ocr_carea or ocr_par puts a blank line before
its first line. Words are the ocrx_word texts; ocr_separator areas are the page's rules,
ocr_photo (ocr_image…) areas its figures. The type size is ``x_size`` (line
height in pixels) when every line gives it, else the height of the line's bbox. A soft
hyphen (or ¬) ending a line marks a word break for the re-flow
to join.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from layout.errors import InputError
from layout.model import BBox

from .page import PageInput, box_of, select_pages
from .wordlines import WordLine, soft_hyphen, to_lines
from .xmlsafe import parse_xml

LINE_CLASSES = {"ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat", "ocrx_line"}
BLOCK_CLASSES = {"ocr_carea", "ocr_par", "ocrx_block"}
FIGURE_CLASSES = {"ocr_photo", "ocr_image", "ocr_graphic", "ocr_linedrawing"}
# Drawn lines: Tesseract writes the page's rules (column and article separators) so.
RULE_CLASSES = {"ocr_separator"}
_BBOX_RE = re.compile(
    r"\bbbox\s+(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)"
)
_XSIZE_RE = re.compile(r"\bx_size\s+(\d+(?:\.\d+)?)")


def read_hocr(data: bytes, name: str, pages: str | None = None) -> Iterator[PageInput]:
    """One PageInput per ocr_page (``pages``: a --pages selection, None for all)."""
    root = parse_xml(data, name, html=True)
    found = [el for el in root.iter() if "ocr_page" in _classes(el)]
    if not found:
        raise InputError(name, "hOCR without an ocr_page element")
    paged = len(found) > 1
    numbers = select_pages(pages, len(found), name)
    for number in numbers:
        page = _page(found[number - 1], name, number if paged else None)
        yield replace(page, selected=len(numbers))


def _page(page: Any, name: str, number: int | None) -> PageInput:
    word_lines: list[WordLine] = []
    block_seen: set[Any] = set()  # the elements themselves: lxml proxies stay alive
    for el in page.iter():
        classes = _classes(el)
        if classes & LINE_CLASSES:
            word_lines.append(_line(el, _block_start(el, block_seen)))
    if word_lines and not all(wl.size for wl in word_lines):
        for wl in word_lines:
            wl.size = float(wl.box.height) if wl.box else None
    joined = to_lines(word_lines)
    page_box = _bbox(page)
    size = (page_box.x1, page_box.y1) if page_box else None
    figures = tuple(
        b for b in (_bbox(el) for el in page.iter() if _classes(el) & FIGURE_CLASSES) if b
    )
    rules = tuple(b for b in (_bbox(el) for el in page.iter() if _classes(el) & RULE_CLASSES) if b)
    return PageInput(name, "hocr", joined.lines, size, "px", None, number, figures, rules=rules)


def _line(el: Any, block_start: bool) -> WordLine:
    words = [_text(w) for w in el.iter() if "ocrx_word" in _classes(w)]
    if not words:
        words = _text(el).split()
    words = [w for w in words if w.strip()]
    hyphen = soft_hyphen(words)
    size_match = _XSIZE_RE.search(el.get("title", ""))
    size = float(size_match.group(1)) if size_match else None
    return WordLine(words, _bbox(el), size, block_start, hyphen)


def _block_start(line: Any, seen: set[Any]) -> bool:
    """Is this the first line of the innermost block (ocr_par, ocr_carea) holding it?"""
    for ancestor in line.iterancestors():
        if _classes(ancestor) & BLOCK_CLASSES:
            first = ancestor not in seen
            seen.add(ancestor)
            return first
    return False


def _text(el: Any) -> str:
    return "".join(el.itertext()).strip()


def _classes(el: Any) -> set[str]:
    value = el.get("class") if isinstance(el.tag, str) else None
    return set(value.split()) if value else set()


def _bbox(el: Any) -> BBox | None:
    match = _BBOX_RE.search(el.get("title", ""))
    if match is None:
        return None
    x0, y0, x1, y1 = (float(v) for v in match.groups())
    return box_of(x0, y0, x1, y1)
