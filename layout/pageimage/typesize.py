"""Type sizes of OCR'd lines, for the geometry-first assembly.

A line's glyph height on the image wobbles by several per cent from line to line (the
analysis measures it on a downscaled page; punctuation and digits are lower than
ideographs). Full-width characters (CJK) have one more measure that does not wobble:
each takes one em of the line's width, so width over characters gives the type size to
a pixel over a whole line. The size given to the assembly is the mean of the two, the
advance scaled to glyph heights by the page's own ratio of the two.
"""

from __future__ import annotations

import dataclasses
import statistics
import unicodedata
from collections.abc import Callable

from layout.image_rules import ImageRules
from layout.model import Line

_FULL_WIDTH = ("W", "F")


def measured_sizes(lines: list[Line], rules: ImageRules) -> list[Line]:
    """The lines with ``size`` the best type size measure there is (new Line objects)."""
    advances = [_advance(line, rules) for line in lines]
    ratios = [line.size / a for line, a in zip(lines, advances, strict=True) if a and line.size]
    if not ratios:
        return list(lines)
    scale = statistics.median(ratios)  # glyph height per em of advance, on this page
    out = []
    for line, advance in zip(lines, advances, strict=True):
        if advance and line.size and _agree(line.size, scale * advance, rules):
            line = dataclasses.replace(line, size=(line.size + scale * advance) / 2)
        out.append(line)
    return out


def fragments_together(lines: list[Line], rules: ImageRules) -> list[Line]:
    """The lines in reading order, but each fragment of a printed line right after the
    fragment to its left: the analysis may cut a headline's wide-set line into blocks
    that are read apart, in any order, and the assembly joins only fragments that
    follow each other. Fragments share their top; text type may stand a gutter apart
    (a caption line the column grid cut where it crosses a gutter), display type only
    closer (neighbouring articles' headlines stand level, a gutter apart)."""
    sizes = [ln.size for ln in lines if ln.size]
    text_max = rules.fragment_text_max_ratio * statistics.median(sizes) if sizes else 0.0
    out: list[Line] = []
    for line in lines:
        after = next(
            (i for i, done in enumerate(out) if _fragments(done, line, text_max, rules)), None
        )
        before = next(
            (i for i, done in enumerate(out) if _fragments(line, done, text_max, rules)), None
        )
        if after is not None:
            out.insert(after + 1, line)
        elif before is not None:  # its right-hand fragment came first
            out.insert(before, line)
        else:
            out.append(line)
    return out


def _index(lines: list[Line], test: Callable[[Line], bool]) -> int | None:
    return next((i for i, line in enumerate(lines) if test(line)), None)


def _fragments(left: Line, line: Line, text_max: float, rules: ImageRules) -> bool:
    """``left`` and ``line`` are fragments of one printed line, ``left`` on the left."""
    if left.box is None or line.box is None or not left.size or not line.size:
        return False
    size = max(left.size, line.size)
    gap = line.box.x0 - left.box.x1
    reach = rules.fragment_reach
    widest = rules.fragment_gap_max if size <= text_max else reach
    return abs(line.box.y0 - left.box.y0) <= reach * size and -reach * size <= gap <= widest * size


def _agree(height: float, by_advance: float, rules: ImageRules) -> bool:
    """Far apart, the advance is wrong (the OCR dropped or doubled characters)."""
    return abs(height - by_advance) <= rules.advance_max_disagreement * height


def _advance(line: Line, rules: ImageRules) -> float | None:
    """Width per em of a line set mostly in full-width characters, else None."""
    chars = "".join(line.text.split())
    if line.box is None or len(chars) < 2:
        return None
    wide = sum(1 for c in chars if unicodedata.east_asian_width(c) in _FULL_WIDTH)
    if wide < rules.advance_min_wide_share * len(chars):
        return None
    ems = wide + 0.5 * (len(chars) - wide)
    return line.box.width / ems
