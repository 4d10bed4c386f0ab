"""hOCR (Tesseract, OCRopus, kraken…): lines with boxes and sizes, one page per ocr_page.

Lines are the elements of class ocr_line (and Tesseract's ocr_header, ocr_caption,
ocr_textfloat) that hold no lines themselves, in document order; the first line of
each region (the innermost ocr_par, ocr_carea, ocr_title, ocr_author, ocr_caption…
holding it) starts a block. Words are the ocrx_word texts; ocr_separator areas are the
page's rules, ocr_photo (ocr_image…) areas its figures. The words of a line are joined
with a space, but none between two CJK characters (wordlines.join_words). A soft hyphen
(or ¬) ending a line, or relayout's ``x_word_break`` property, marks a word break for
the re-flow to join.

hOCR is what an OCR engine measured on a page image, so sizes are taken as measured
(``PageInput.size_noise``, the image path's tolerance) and the line order as the engine's
guess (``ordered`` False), as for relayout's own reading of an image. A line's type size
is measured twice: its ``x_size`` (Tesseract's estimate, per paragraph) and its own
bbox's height scaled by the page's ratio of the two. The size is their mean, which
tells type a twelfth smaller than the body (bylines, captions) from it far better than
either alone (on the tune image pages: 17% of the small lines at body size, against 57%
by x_size); where the two disagree (Geometry.ocr_size_max_disagreement: x_size is
sometimes far off, a body paragraph at 1.5 times its size), or the line has no x_size,
the box's is the size.

The regions are kept as the page's regions (``PageInput.regions``): their role from
the ``x_role`` property or their class (ocr_title, ocr_author, ocr_caption; ocr_header,
ocr_footer and ocr_pageno blocks are furniture), their article from the ``ocr_linear``
holding them (hOCR's element for one of the linear texts of a newspaper page), and
``x_continuation`` (the field of the region before goes on). Line classes alone
(Tesseract's ocr_header and ocr_caption lines, its own layout guesses) type nothing.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from layout.conventions import Conventions
from layout.errors import InputError
from layout.model import BBox

from .page import PageInput, SourceRegion, box_of, select_pages
from .roles import first_named
from .wordlines import WordLine, placed_regions, soft_hyphen, to_lines
from .xmlsafe import parse_xml

LINE_CLASSES = {"ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat", "ocrx_line"}
# Elements that hold lines: the blocks, and the typed blocks of a structured page.
BLOCK_CLASSES = {"ocr_carea", "ocr_par", "ocrx_block"}
TYPED_BLOCK_CLASSES = {
    "ocr_title",
    "ocr_author",
    "ocr_caption",
    "ocr_header",
    "ocr_footer",
    "ocr_pageno",
    "ocr_textfloat",
}
ARTICLE_CLASS = "ocr_linear"
FIGURE_CLASSES = {"ocr_photo", "ocr_image", "ocr_graphic", "ocr_linedrawing"}
# Drawn lines: Tesseract writes the page's rules (column and article separators) so.
RULE_CLASSES = {"ocr_separator"}
_BBOX_RE = re.compile(
    r"\bbbox\s+(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)"
)
_XSIZE_RE = re.compile(r"\bx_size\s+(\d+(?:\.\d+)?)")
_ROLE_RE = re.compile(r"\bx_role\s+([\w-]+)")
_CONTINUATION_RE = re.compile(r"\bx_continuation\s+(?:1|true)\b")
# relayout's mark of a word joined across lines whose hyphen is not in the text.
_WORD_BREAK_RE = re.compile(r"\bx_word_break\s+(?:1|true)\b")


def read_hocr(
    data: bytes, name: str, pages: str | None = None, conventions: Conventions | None = None
) -> Iterator[PageInput]:
    """One PageInput per ocr_page (``pages``: a --pages selection, None for all)."""
    conv = conventions or Conventions()
    root = parse_xml(data, name, html=True)
    found = [el for el in root.iter() if "ocr_page" in _classes(el)]
    if not found:
        raise InputError(name, "hOCR without an ocr_page element")
    paged = len(found) > 1
    numbers = select_pages(pages, len(found), name)
    for number in numbers:
        page = _page(found[number - 1], name, number if paged else None, conv)
        yield replace(page, selected=len(numbers))


def _page(page: Any, name: str, number: int | None, conv: Conventions) -> PageInput:
    word_lines: list[WordLine] = []
    regions: dict[Any, int] = {}  # the elements themselves: lxml proxies stay alive
    specs: list[SourceRegion] = []
    for el in page.iter():
        if not _classes(el) & LINE_CLASSES or _holds_lines(el):
            continue
        block = _region_of(el)
        first = block is not None and block not in regions
        if block is not None and first:
            regions[block] = len(specs)
            specs.append(_spec(block))
        line = _line(el, first)
        line.region = regions.get(block)
        word_lines.append(line)
    _measure_sizes(word_lines, conv.geometry.ocr_size_max_disagreement)
    joined = to_lines(word_lines)
    page_box = _bbox(page)
    size = (page_box.x1, page_box.y1) if page_box else None
    figures = tuple(
        b for b in (_bbox(el) for el in page.iter() if _classes(el) & FIGURE_CLASSES) if b
    )
    rules = tuple(b for b in (_bbox(el) for el in page.iter() if _classes(el) & RULE_CLASSES) if b)
    return PageInput(
        name,
        "hocr",
        joined.lines,
        size,
        "px",
        None,
        number,
        figures,
        rules=rules,
        regions=placed_regions(specs, joined),
        size_noise=conv.image.size_noise,
        ordered=False,
    )


def _measure_sizes(word_lines: Sequence[WordLine], max_disagreement: float) -> None:
    """Each line's size: the mean of its x_size and its box's height scaled by the page's
    median ratio of the two (1 without any x_size); the box's alone where they disagree."""
    ratios = [wl.size / wl.box.height for wl in word_lines if wl.size and wl.box and wl.box.height]
    scale = statistics.median(ratios) if ratios else 1.0
    for wl in word_lines:
        if wl.box is None or not wl.box.height:
            continue
        by_box = scale * wl.box.height
        if wl.size is None or abs(wl.size - by_box) > max_disagreement * wl.size:
            wl.size = by_box
        else:
            wl.size = (wl.size + by_box) / 2


def _line(el: Any, block_start: bool) -> WordLine:
    words = [_text(w) for w in el.iter() if "ocrx_word" in _classes(w)]
    if not words:
        words = _text(el).split()
    words = [w for w in words if w.strip()]
    hyphen = soft_hyphen(words)
    if hyphen is None and _WORD_BREAK_RE.search(el.get("title", "")):
        hyphen = ""  # the word goes on at the next line; no hyphen printed in the text
    size_match = _XSIZE_RE.search(el.get("title", ""))
    size = float(size_match.group(1)) if size_match else None
    return WordLine(words, _bbox(el), size, block_start, hyphen)


def _holds_lines(el: Any) -> bool:
    """A typed block (relayout's ``p.ocr_caption``) rather than a line of that class
    (Tesseract's ``span.ocr_caption``)."""
    return any(_classes(d) & LINE_CLASSES for d in el.iterdescendants())


def _region_of(line: Any) -> Any:
    """The innermost block holding the line (None: it stands alone on the page)."""
    for ancestor in line.iterancestors():
        if _classes(ancestor) & (BLOCK_CLASSES | TYPED_BLOCK_CLASSES):
            return ancestor
    return None


def _spec(block: Any) -> SourceRegion:
    title = block.get("title", "")
    label = _ROLE_RE.search(title)
    kinds = sorted(_classes(block) & TYPED_BLOCK_CLASSES)
    said = first_named(label.group(1) if label else None, kinds[0] if kinds else None)
    article = next(
        (a for a in block.iterancestors() if ARTICLE_CLASS in _classes(a)),
        None,
    )
    return SourceRegion(
        role=said.role if said else None,
        exact=said.exact if said else False,
        furniture=said.furniture if said else False,
        article=None if article is None else _key(article),
        continues=_CONTINUATION_RE.search(title) is not None,
    )


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


def _key(el: Any) -> str:
    """An element's id, or its path in the document where it has none."""
    return str(el.get("id") or el.getroottree().getpath(el))
