"""Boxes drawn on the page with four rules that hold only a few printed rows: adverts and
notices. Their text belongs to no article (the PDF source finds such boxes among its
drawings, `PageInput.panels`; on an image they are read off the rules the analysis found).
"""

from __future__ import annotations

from collections.abc import Sequence

from layout.image_rules import ImageRules
from layout.model import BBox, Line

from .page import Rule


def advert_frames(
    rules: Sequence[Rule], lines: Sequence[Line], body: float, image_rules: ImageRules
) -> list[BBox]:
    """Frames (a top and a bottom rule of one width, closed by rules at both ends)
    holding at most ``image_rules.panel_max_rows`` rows of text."""
    frames = _frames(rules, body)
    return [f for f in frames if _rows_inside(f, lines, body) <= image_rules.panel_max_rows]


def _frames(rules: Sequence[Rule], body: float) -> list[BBox]:
    across = sorted((r.box for r in rules if not r.vertical), key=lambda b: b.y0)
    down = [r.box for r in rules if r.vertical]
    out: list[BBox] = []
    for i, top in enumerate(across):
        for bottom in across[i + 1 :]:
            level = abs(top.x0 - bottom.x0) <= body and abs(top.x1 - bottom.x1) <= body
            if bottom.y0 - top.y1 < body or not level:
                continue
            if _side(down, top.x0, top, bottom, body) and _side(down, top.x1, top, bottom, body):
                out.append(BBox(top.x0, top.y0, top.x1, bottom.y1))
            break  # the nearest rule of the same width under the top closes the frame, or none
    return out


def _side(down: Sequence[BBox], x: float, top: BBox, bottom: BBox, body: float) -> bool:
    """A vertical rule at ``x`` running from the top rule to the bottom one."""
    return any(
        abs((v.x0 + v.x1) / 2 - x) <= body and v.y0 <= top.y1 + body and v.y1 >= bottom.y0 - body
        for v in down
    )


def _rows_inside(frame: BBox, lines: Sequence[Line], body: float) -> int:
    """Printed rows (line tops more than half a body size apart) inside the frame."""
    tops = sorted(
        ln.box.y0
        for ln in lines
        if ln.box is not None
        and frame.x0 <= ln.box.center[0] <= frame.x1
        and frame.y0 <= ln.box.center[1] <= frame.y1
    )
    rows = 0
    last = None
    for y in tops:
        if last is None or y - last > body / 2:
            rows += 1
        last = y
    return rows
