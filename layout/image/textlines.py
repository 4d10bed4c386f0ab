"""Glyph height and text lines, by smearing glyphs along rows.

Glyphs of one line are joined by a horizontal closing whose width is relative to the
glyph height; column gutters and rules are then cut out as barriers, so lines of
neighbouring columns set on the same baseline grid stay apart. Large (headline) line
pieces separated by a phrase space are joined afterwards.
"""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

from layout.image.params import (
    GLYPH_HEIGHT_PERCENTILE,
    HEADLINE_SIZE_RATIO,
    LINE_JOIN_GAP_LARGE,
    MIN_COMPONENT_AREA,
    MIN_LINE_HEIGHT_GLYPHS,
    SAME_ROW_OVERLAP,
    SMEAR_WIDTH_GLYPHS,
)

Mask = NDArray[np.uint8]
Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in work pixels


def glyph_height(ink: Mask) -> float:
    """A first estimate of the body glyph height from connected-component heights."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    areas = stats[1:, cv2.CC_STAT_AREA]
    limit = max(8, ink.shape[0] // 20)
    keep = heights[(areas >= MIN_COMPONENT_AREA) & (heights >= 3) & (heights <= limit)]
    if len(keep) == 0:
        return 10.0
    return float(np.percentile(keep, GLYPH_HEIGHT_PERCENTILE))


def smear(ink: Mask, glyph: float, factor: float = SMEAR_WIDTH_GLYPHS) -> Mask:
    """Join the glyphs of each line with a horizontal closing ``factor`` glyphs wide."""
    width = max(2, round(factor * glyph))
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (width, 1))
    out: Mask = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, kernel)
    return out


def line_boxes(smeared: Mask, glyph: float) -> list[Box]:
    """Bounding boxes of the smeared line blobs, minus specks."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(smeared, connectivity=8)
    x, y, w, h = (stats[1:, i] for i in range(4))
    keep = h >= MIN_LINE_HEIGHT_GLYPHS * glyph
    return [
        (int(a), int(b), int(a + c), int(b + d))
        for a, b, c, d in zip(x[keep], y[keep], w[keep], h[keep], strict=True)
    ]


def cut_barriers(mask: Mask, gutters: list[tuple[int, int]], rules: list[Box]) -> Mask:
    """A copy of ``mask`` with gutter columns and rule boxes cleared."""
    out = mask.copy()
    for x0, x1 in gutters:
        out[:, x0:x1] = 0
    for x0, y0, x1, y1 in rules:
        out[y0:y1, x0:x1] = 0
    return out


def body_size(boxes: list[Box]) -> float:
    """The dominant glyph height: the width-weighted median of line heights."""
    if not boxes:
        return 0.0
    arr = np.array(boxes, dtype=np.float64)
    heights = arr[:, 3] - arr[:, 1]
    weights = arr[:, 2] - arr[:, 0]
    order = np.argsort(heights)
    cumulative = np.cumsum(weights[order])
    return float(heights[order][np.searchsorted(cumulative, cumulative[-1] / 2)])


def join_large(boxes: list[Box], body: float, rules: list[Box]) -> list[Box]:
    """Join headline-size pieces on one row separated by less than a phrase space."""
    large = sorted(b for b in boxes if b[3] - b[1] >= HEADLINE_SIZE_RATIO * body)
    rest = [b for b in boxes if b[3] - b[1] < HEADLINE_SIZE_RATIO * body]
    merged: list[Box] = []
    for box in large:  # sorted by x0: each piece can only extend one to its left
        for i, prev in enumerate(merged):
            if _joinable(prev, box, rules):
                merged[i] = _union(prev, box)
                break
        else:
            merged.append(box)
    return merged + rest


def _joinable(left: Box, right: Box, rules: list[Box]) -> bool:
    h = min(left[3] - left[1], right[3] - right[1])
    overlap = min(left[3], right[3]) - max(left[1], right[1])
    gap = right[0] - left[2]
    if overlap < SAME_ROW_OVERLAP * h or gap > LINE_JOIN_GAP_LARGE * h:
        return False
    row = (
        min(left[2], right[0]),
        max(left[1], right[1]),
        max(left[2], right[0]),
        min(left[3], right[3]),
    )
    return not any(
        r[0] < row[2] and row[0] <= r[2] and r[1] < row[3] and row[1] < r[3] for r in rules
    )


def _union(a: Box, b: Box) -> Box:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
