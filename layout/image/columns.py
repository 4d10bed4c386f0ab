"""Column gutters from the x coverage of body-size lines, and vertical rules."""

from __future__ import annotations

import numpy as np

from layout.image.params import (
    COLUMN_MIN_WIDTH_GLYPHS,
    GUTTER_MAX_COVERAGE,
    GUTTER_MIN_WIDTH_GLYPHS,
)

Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in work pixels
Span = tuple[int, int]  # x0, x1


def coverage(boxes: list[Box], width: int) -> np.ndarray:
    """How many boxes cover each x position (a difference array, then a running sum)."""
    diff = np.zeros(width + 1, dtype=np.int64)
    arr = np.array(boxes, dtype=np.int64).reshape(-1, 4)
    np.add.at(diff, np.clip(arr[:, 0], 0, width), 1)
    np.add.at(diff, np.clip(arr[:, 2], 0, width), -1)
    return np.cumsum(diff[:-1])


def find_gutters(boxes: list[Box], width: int, glyph: float) -> list[Span]:
    """x ranges inside the text area that (almost) no body line crosses."""
    cov = coverage(boxes, width)
    if cov.max(initial=0) == 0:
        return []
    low = cov <= GUTTER_MAX_COVERAGE * np.percentile(cov[cov > 0], 90)
    runs = _runs(low)
    inked = np.flatnonzero(~low)
    left, right = int(inked[0]), int(inked[-1]) + 1
    min_width = GUTTER_MIN_WIDTH_GLYPHS * glyph
    return [(a, b) for a, b in runs if a > left and b < right and b - a >= min_width]


def columns_between(gutters: list[Span], left: int, right: int, glyph: float) -> list[Span]:
    """The columns left by ``gutters`` inside ``[left, right)``; slivers merged away."""
    edges = [left] + [x for g in sorted(gutters) for x in g] + [right]
    cols = [(edges[i], edges[i + 1]) for i in range(0, len(edges) - 1, 2)]
    keep = [c for c in cols if c[1] - c[0] >= COLUMN_MIN_WIDTH_GLYPHS * glyph]
    return keep or [(left, right)]


def text_extent(boxes: list[Box], width: int) -> Span:
    """The x range the body lines cover."""
    cov = coverage(boxes, width)
    inked = np.flatnonzero(cov > 0)
    return (int(inked[0]), int(inked[-1]) + 1) if len(inked) else (0, width)


def _runs(flags: np.ndarray) -> list[Span]:
    """[start, end) of each run of True in a 1-D boolean array."""
    padded = np.concatenate(([False], flags, [False])).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True)]
