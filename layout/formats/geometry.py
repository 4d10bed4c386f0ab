"""Where the XML formats put things: pixel boxes for every input line.

PAGE, ALTO and hOCR all want coordinates in pixels of a page image. The geometry a
result holds comes in the unit of its source (``PageResult.unit``): pixels for images,
hOCR, ALTO and PAGE in pixels; PDF points; ALTO's mm10 or inch1200. Those are turned
into pixels of the page rendered at RENDER_DPI.

Text-only input has no geometry at all. Its lines are then placed where the text-only
debug overlay draws them (``synthetic_boxes``, the same rules as
layout/pageimage/overlay.py): the input's non-blank lines, one row each, in columns of
``text_rows_per_column`` rows. Such coordinates describe that drawing, not the printed
page, and every format says so in its metadata (``Geometry.note``).
"""

from __future__ import annotations

from dataclasses import dataclass

from layout.image_rules import ImageRules
from layout.model import BBox, Line, PageResult

# Unit → pixels: PDF points and ALTO's physical units become pixels of the page rendered
# at 300 dpi, the resolution at which relayout renders PDF pages for OCR (sources/pdf.py).
RENDER_DPI = 300
PIXELS_PER_UNIT = {
    "px": 1.0,
    "pt": RENDER_DPI / 72,  # a point is 1/72 inch
    "mm10": RENDER_DPI / 254,  # a tenth of a millimetre: 254 to the inch
    "inch1200": RENDER_DPI / 1200,
}


@dataclass(frozen=True, slots=True)
class Geometry:
    """Pixel boxes by input line number, the page size in pixels, and what they are."""

    boxes: dict[int, BBox]
    size: tuple[int, int]
    synthetic: bool  # True: the text overlay's drawing, not the printed page
    note: str  # one sentence for the document's metadata


def synthetic_boxes(
    numbers: list[int], rules: ImageRules
) -> tuple[dict[int, BBox], tuple[int, int]]:
    """The text overlay's page: line ``numbers`` (sorted) set one per row, in columns of
    ``text_rows_per_column`` rows; returns each line's box and the page size."""
    rows, row_h, col_w = rules.text_rows_per_column, rules.text_row_height, rules.text_column_width
    boxes: dict[int, BBox] = {}
    for i, n in enumerate(sorted(numbers)):
        col, row = divmod(i, rows)
        x, y = SYNTHETIC_MARGIN + col * col_w, SYNTHETIC_MARGIN + row * row_h
        boxes[n] = BBox(x, y, x + col_w - SYNTHETIC_GUTTER, y + row_h - SYNTHETIC_LEADING)
    columns = max(1, -(-len(boxes) // rows))
    return boxes, (columns * col_w + SYNTHETIC_LEGEND_WIDTH, rows * row_h + 2 * SYNTHETIC_MARGIN)


# The overlay's drawing: a margin round the page, a gutter between columns, a little
# leading between rows, and room on the right for its legend.
SYNTHETIC_MARGIN = 10
SYNTHETIC_GUTTER = 12
SYNTHETIC_LEADING = 2
SYNTHETIC_LEGEND_WIDTH = 170


def page_geometry(result: PageResult, rules: ImageRules | None = None) -> Geometry:
    """Pixel boxes for the result's lines: its own geometry when it has any, the
    synthetic page of the text overlay when it has none."""
    measured = [ln for ln in result.lines if ln.box is not None]
    if measured:
        return _measured(result, measured)
    numbers = sorted({ln.number for ln in result.lines if ln.text.strip()} | _field_numbers(result))
    boxes, size = synthetic_boxes(numbers, rules or ImageRules())
    note = (
        "synthetic geometry: the input is text without coordinates; every input line is "
        "placed where relayout's text overlay draws it (one row per line, columns of "
        f"{(rules or ImageRules()).text_rows_per_column} rows), not where it was printed"
    )
    return Geometry(boxes, size, synthetic=True, note=note)


def _measured(result: PageResult, lines: list[Line]) -> Geometry:
    scale = PIXELS_PER_UNIT.get(result.unit, 1.0)
    boxes: dict[int, BBox] = {}
    for line in lines:
        assert line.box is not None
        box = _scaled(line.box, scale)
        boxes[line.number] = box if line.number not in boxes else boxes[line.number].union(box)
    if result.size is not None:
        size = (max(1, round(result.size[0] * scale)), max(1, round(result.size[1] * scale)))
    else:
        size = (0, 0)
    # Never smaller than what it holds (a box rounded outwards may pass the edge).
    size = (
        max([size[0], *(b.x1 for b in boxes.values())]),
        max([size[1], *(b.y1 for b in boxes.values())]),
    )
    if result.unit == "px":
        note = "coordinates: pixels of the page image"
    else:
        note = f"coordinates: the source's {result.unit} as pixels at {RENDER_DPI} dpi"
    return Geometry(boxes, size, synthetic=False, note=note)


def _scaled(box: BBox, scale: float) -> BBox:
    if scale == 1.0:
        return box
    return BBox(
        int(box.x0 * scale),
        int(box.y0 * scale),
        -int(-box.x1 * scale // 1),
        -int(-box.y1 * scale // 1),
    )


def _field_numbers(result: PageResult) -> set[int]:
    """Every input line number a field of the result names (for results built without
    their input lines, e.g. by hand)."""
    out: set[int] = set()
    for article in result.articles:
        out.update(article.lines)
    for u in result.unassigned:
        out.update(u.lines)
    return out
