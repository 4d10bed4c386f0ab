"""Page analysis without OCR: deskew, binarize, rules, photos, lines, columns, blocks.

Every stage runs on the *work image*, a copy downscaled so its longer side is at most
``WORK_MAX_SIDE``; the results are scaled back to page pixels at the end.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
from numpy.typing import NDArray

from layout.image import binarize, blocks, columns, deskew, marks, textlines
from layout.image.load import load_image
from layout.image.page import BlockKind, LayoutBlock, PageLayout, Rule, TextLine
from layout.image.params import HEADLINE_SIZE_RATIO, WORK_MAX_SIDE
from layout.model import BBox, Column
from layout.options import Options

Gray = NDArray[np.uint8]
Box = tuple[int, int, int, int]
# Body-size lines are those within this ratio of the dominant size (used for gutters).
_BODY_BAND = (0.7, HEADLINE_SIZE_RATIO)


def analyze_page(path: str | Path, options: Options | None = None) -> PageLayout:
    """Read the image at ``path`` and find its layout."""
    opts = options or Options()
    return analyze_gray(load_image(path, opts.max_pixels).gray)


def analyze_gray(gray: Gray) -> PageLayout:
    """Find the layout of an 8-bit grey page image (H x W)."""
    page_h, page_w = gray.shape
    scale = min(1.0, WORK_MAX_SIDE / max(page_w, page_h))
    work = to_work(gray, scale)
    skew = deskew.estimate_skew(work)
    work = deskew.rotate(work, skew)
    found = _analyze_work(work)
    return _to_page(found, scale, (page_w, page_h), skew)


def to_work(gray: Gray, scale: float) -> Gray:
    """The downscaled work copy (the page itself when it is small enough)."""
    if scale >= 1.0:
        return gray
    h, w = gray.shape
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    out: Gray = cv2.resize(gray, size, interpolation=cv2.INTER_AREA)
    return out


class _Found:
    """Everything found on the work image, in work pixels."""

    def __init__(self) -> None:
        self.body = 0.0
        self.v_rules: list[Box] = []
        self.h_rules: list[Box] = []
        self.photos: list[Box] = []
        self.lines: list[Box] = []
        self.columns: list[tuple[int, int]] = []
        self.blocks: list[tuple[blocks.RawBlock, BlockKind]] = []


def _analyze_work(work: Gray) -> _Found:
    found = _Found()
    normalized = binarize.normalize(work, binarize.paper_level(work))
    ink = binarize.ink_mask(normalized)
    glyph = textlines.glyph_height(ink)
    found.photos = marks.find_photos(binarize.not_paper_mask(normalized), glyph)
    found.v_rules = _outside(marks.find_rules(ink, glyph, vertical=True), found.photos)
    found.h_rules = _outside(marks.find_rules(ink, glyph, vertical=False), found.photos)
    text = textlines.cut_barriers(ink, [], found.photos + found.v_rules + found.h_rules)
    _find_lines(found, text, glyph, work.shape[1])
    raw = blocks.group_lines(found.lines, found.h_rules)
    raw = blocks.split_captions(raw, found.body, found.photos)
    found.blocks = [(b, blocks.classify(b, found.body, found.photos)) for b in raw]
    return found


def _find_lines(found: _Found, text: Gray, glyph: float, width: int) -> None:
    """Lines in two passes: a narrow smear to find the gutters, a wide one cut by them."""
    first = textlines.line_boxes(textlines.smear(text, glyph), glyph)
    body = textlines.body_size(first) or glyph
    lo, hi = _BODY_BAND
    body_lines = [b for b in first if lo * body <= b[3] - b[1] < hi * body]
    gutters = columns.find_gutters(body_lines, width, body)
    left, right = columns.text_extent(body_lines, width)
    found.columns = columns.columns_between(gutters, left, right, body)
    wide = textlines.cut_barriers(textlines.smear(text, body, 1.0), gutters, found.v_rules)
    boxes = textlines.line_boxes(wide, body)
    found.body = textlines.body_size(boxes) or body
    found.lines = textlines.join_large(boxes, found.body, found.v_rules)


def _outside(rules: list[Box], photos: list[Box]) -> list[Box]:
    """Rules that are not a photo's edge."""
    return [r for r in rules if not marks.overlaps(r, photos, margin=2)]


def _to_page(found: _Found, scale: float, size: tuple[int, int], skew: float) -> PageLayout:
    def bbox(box: Box) -> BBox:
        return marks.to_bbox(box, scale, size)

    cols = [Column(int(a / scale), round(b / scale)) for a, b in found.columns]
    lines = {box: TextLine(bbox(box), (box[3] - box[1]) / scale) for box in found.lines}
    layout_blocks = [
        LayoutBlock(
            bbox(raw.box), kind, [lines[b] for b in raw.lines], _spanned(bbox(raw.box), cols)
        )
        for raw, kind in found.blocks
    ]
    rules = [Rule(bbox(r), True) for r in found.v_rules]
    rules += [Rule(bbox(r), False) for r in found.h_rules]
    return PageLayout(
        size=size,
        skew=skew,
        body_size=found.body / scale,
        columns=cols,
        rules=rules,
        photos=[bbox(p) for p in found.photos],
        lines=sorted(lines.values(), key=lambda t: (t.box.y0, t.box.x0)),
        blocks=layout_blocks,
    )


def _spanned(box: BBox, cols: list[Column]) -> tuple[int, ...]:
    """Indices of the columns ``box`` covers for at least half their width (or its own)."""
    out = []
    for i, col in enumerate(cols):
        overlap = min(box.x1, col.x1) - max(box.x0, col.x0)
        if overlap > 0.5 * min(col.x1 - col.x0, box.width):
            out.append(i)
    return tuple(out)
