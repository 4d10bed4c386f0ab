"""Non-text marks: printed rules and photos (large areas darker than the paper)."""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

from layout.image.params import (
    BACKGROUND_DOWNSCALE,
    PHOTO_DENSITY_WINDOW_GLYPHS,
    PHOTO_MIN_DENSITY,
    PHOTO_MIN_SIDE_GLYPHS,
    RULE_ALONG_DOWNSCALE,
    RULE_MAX_THICKNESS_GLYPHS,
    RULE_MIN_LENGTH_GLYPHS,
)
from layout.model import BBox

Mask = NDArray[np.uint8]
Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in work pixels


def find_photos(not_paper: Mask, glyph: float) -> list[Box]:
    """Boxes of areas where nearly every pixel is darker than the paper."""
    h, w = not_paper.shape
    f = BACKGROUND_DOWNSCALE
    small = cv2.resize(not_paper, (max(1, w // f), max(1, h // f)), interpolation=cv2.INTER_AREA)
    side = max(1, round(PHOTO_DENSITY_WINDOW_GLYPHS * glyph / f))
    density = cv2.blur(small, (side, side))
    dense = np.where(density >= 255 * PHOTO_MIN_DENSITY, 255, 0).astype(np.uint8)
    # The blur eats half a window at each edge; grow the areas back.
    dense = cv2.dilate(dense, cv2.getStructuringElement(cv2.MORPH_RECT, (side, side)))
    min_side = PHOTO_MIN_SIDE_GLYPHS * glyph
    boxes = []
    for x, y, bw, bh in _component_boxes(dense):
        box = (x * f, y * f, min(w, (x + bw) * f), min(h, (y + bh) * f))
        if box[2] - box[0] >= min_side and box[3] - box[1] >= min_side:
            boxes.append(_tighten(not_paper, box))
    return boxes


def find_rules(ink: Mask, glyph: float, vertical: bool) -> list[Box]:
    """Long thin straight ink marks, looked for on a copy shrunk along their direction."""
    h, w = ink.shape
    f = RULE_ALONG_DOWNSCALE
    size = (w, max(1, h // f)) if vertical else (max(1, w // f), h)
    squeezed = cv2.resize(ink, size, interpolation=cv2.INTER_AREA)
    solid = np.where(squeezed >= 128, 255, 0).astype(np.uint8)
    length = max(3, round(RULE_MIN_LENGTH_GLYPHS * glyph / f))
    kernel = (1, length) if vertical else (length, 1)
    opened = cv2.morphologyEx(
        solid, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel)
    )
    thickness = max(2.0, RULE_MAX_THICKNESS_GLYPHS * glyph)
    rules = []
    for x, y, bw, bh in _component_boxes(opened):
        if vertical and bw <= thickness:
            rules.append((x, y * f, x + bw, min(h, (y + bh) * f)))
        elif not vertical and bh <= thickness:
            rules.append((x * f, y, min(w, (x + bw) * f), y + bh))
    return rules


def _component_boxes(mask: Mask) -> list[tuple[int, int, int, int]]:
    """(x, y, width, height) of each 8-connected component."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    return [tuple(int(v) for v in stats[i, :4]) for i in range(1, count)]  # type: ignore[misc]


def _tighten(mask: Mask, box: Box) -> Box:
    """Shrink ``box`` to the rows and columns of ``mask`` that are mostly set inside it."""
    x0, y0, x1, y1 = box
    crop = mask[y0:y1, x0:x1] > 0
    cols = np.flatnonzero(crop.mean(axis=0) >= PHOTO_MIN_DENSITY)
    rows = np.flatnonzero(crop.mean(axis=1) >= PHOTO_MIN_DENSITY)
    if len(cols) == 0 or len(rows) == 0:
        return box
    return (x0 + int(cols[0]), y0 + int(rows[0]), x0 + int(cols[-1]) + 1, y0 + int(rows[-1]) + 1)


def overlaps(box: Box, boxes: list[Box], margin: int = 0) -> bool:
    """Whether ``box`` touches any of ``boxes`` grown by ``margin``."""
    x0, y0, x1, y1 = box
    return any(
        x0 < b[2] + margin and b[0] - margin < x1 and y0 < b[3] + margin and b[1] - margin < y1
        for b in boxes
    )


def to_bbox(box: Box, scale: float, limit: tuple[int, int]) -> BBox:
    """A work-image box in page pixels (``scale`` = work / page), clipped to the page."""
    w, h = limit
    return BBox(
        min(w, max(0, int(box[0] / scale))),
        min(h, max(0, int(box[1] / scale))),
        min(w, max(0, round(box[2] / scale))),
        min(h, max(0, round(box[3] / scale))),
    )
