"""A page an OCR engine has already read (hOCR), given the image path's geometry.

Tesseract's hOCR holds what relayout's own reading of a page image holds: lines with
boxes and measured sizes in the engine's order. It lacks what the image analysis adds:
the page's columns (hOCR has none) and most of its photos (Tesseract marks few of them,
and not the flat grey ones of a generated page). ``ocr_layout`` gives the page both, so
that the assembly and the result see an hOCR page as they see an image:

- fragments of one printed line put one after the other (typesize.fragments_together);
- the engine's separators that are long enough to be rules, as the analysis asks;
- columns found from the line boxes as the analysis finds them from its line boxes
  (analyze.find_columns, grid.completed_grid);
- photos: when the page image is given (``--image``, the eval's relayout-hocr), the
  analysis' photos moved into the hOCR's pixels, instead of the engine's (Tesseract's
  ocr_photo areas on the realistic pages are mostly bits of glyphs, a few px wide, or
  part of a photo); without it, the engine's.

ALTO and PAGE XML from a library's OCR mark few photos and no rules: with ``--image``
the analysis' photos are added to theirs and its rules given (``with_image_photos``),
so that captions go with their photos, what the OCR read on a picture is the
picture's, and the rules part the articles they part on paper.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np

from layout.errors import ImageError
from layout.image_rules import ImageRules
from layout.model import BBox, Column, Line
from layout.options import Options
from layout.sources.page import PageInput, body_size

from .analyze import enclosing_box, find_columns
from .grid import completed_grid
from .page import PageLayout, Rule, TextLine
from .typesize import fragments_together

log = logging.getLogger(__name__)


def ocr_layout(page: PageInput, options: Options) -> tuple[PageInput, PageLayout]:
    """The page with its lines in fragment order and the photos found, and its layout
    (columns, rules, photos; no skew: the boxes are the hOCR's)."""
    rules = options.conventions.image
    lines = fragments_together(page.lines, rules)
    body = body_size(lines) or 1.0
    size = page.size or _extent_size(lines)
    photos = list(page.figures)
    if options.image is not None:
        photos = _photos_of_image(options.image, page, size, options) or photos
    drawn = [box for box in page.rules if _long(box, body, rules)]
    layout = PageLayout(
        size=size,
        skew=0.0,
        body_size=body,
        columns=line_columns(lines, photos, body, size[0], rules),
        rules=[Rule(box, box.height > box.width) for box in drawn],
        photos=photos,
        lines=_text_lines(lines),
    )
    return replace(page, lines=lines, figures=tuple(photos), rules=tuple(drawn)), layout


def with_image_photos(page: PageInput, options: Options) -> PageInput:
    """An XML page with the photos and rules of its page image (``options.image``):
    photos that overlap none of the figures its source marks added to them, overlapping
    ones as one (the analysis may find a photo's parts apart), within the area the
    source's lines cover (a library's OCR may leave out the masthead, whose display
    letters the analysis takes for photos: there is no text there to place); the rules
    in that area and outside every photo (inside one they are its grain) added to the
    source's (ALTO and PAGE carry none). The page unchanged, with one warning line, when
    the image cannot be used."""
    read = BBox.enclosing([ln.box for ln in page.lines if ln.box is not None])
    if options.image is None or read is None:
        return page
    size = page.size or _extent_size(page.lines)
    found = _geometry_of_image(options.image, page, size, options)
    if found is None:
        return page
    photos, rules = found
    own = list(page.figures)
    added = [
        box
        for box in merged_boxes(photos)
        if _overlap(box, read) and not any(_overlap(box, f) for f in own)
    ]
    figures = (*own, *added)
    drawn = [r for r in rules if _overlap(r, read) and not any(_overlap(r, f) for f in figures)]
    return replace(page, figures=figures, rules=(*page.rules, *drawn))


def merged_boxes(boxes: list[BBox]) -> list[BBox]:
    """Boxes that overlap joined into the box enclosing them, until none overlap."""
    out = list(boxes)
    joined = True
    while joined:
        joined = False
        for i, a in enumerate(out):
            j = next((j for j in range(i + 1, len(out)) if _overlap(a, out[j])), None)
            if j is not None:
                out[i] = a.union(out[j])
                del out[j]
                joined = True
                break
    return out


def _overlap(a: BBox, b: BBox) -> bool:
    return min(a.x1, b.x1) > max(a.x0, b.x0) and min(a.y1, b.y1) > max(a.y0, b.y0)


def _long(separator: BBox, body: float, rules: ImageRules) -> bool:
    """Long enough to be a rule (ImageRules.rule_min_length_glyphs, as the analysis
    asks): Tesseract also marks a large headline glyph's strokes as separators (the
    stroke of 区 between two halves of a headline), which would part the headline."""
    return max(separator.width, separator.height) >= rules.rule_min_length_glyphs * body


def line_columns(
    lines: list[Line], photos: list[BBox], body: float, width: int, rules: ImageRules
) -> list[Column]:
    """The page's columns from its line boxes, completed to the page's grid."""
    text = _text_lines(lines)
    found = find_columns(text, body, width, image_rules=rules)
    small = [t.box for t in text if t.size < rules.headline_size_ratio * body]
    return completed_grid(found, [*small, *photos], tol=body)


def _photos_of_image(
    image: Path, page: PageInput, size: tuple[int, int], options: Options
) -> list[BBox] | None:
    """The image's photos; None, and one warning line naming both files, when the image
    cannot be used (as with a text input's --image: it costs the geometry, not the page)."""
    found = _geometry_of_image(image, page, size, options)
    return None if found is None else found[0]


def _geometry_of_image(
    image: Path, page: PageInput, size: tuple[int, int], options: Options
) -> tuple[list[BBox], list[BBox]] | None:
    """The image's photos and rules (see _photos_of_image)."""
    try:
        return image_geometry(image, size, options)
    except ImageError as exc:
        log.warning(
            "relayout: %s: image not used, the source's own photos kept (%s)", page.name, exc
        )
        return None


def image_photos(image: Path, size: tuple[int, int], options: Options) -> list[BBox]:
    """The analysis' photos of the page image, in the pixels of a page of ``size`` (the
    hOCR's): turned back by the skew the analysis took out, scaled if the image was
    read at another resolution."""
    return image_geometry(image, size, options)[0]


def image_geometry(
    image: Path, size: tuple[int, int], options: Options
) -> tuple[list[BBox], list[BBox]]:
    """The analysis' photos and rules of the page image, placed as image_photos says."""
    from . import analyze_page  # the package imports this module's users, not the reverse

    layout, _ = analyze_page(image, options)
    matrix = _undo_skew(layout)
    sx, sy = size[0] / layout.size[0], size[1] / layout.size[1]

    def placed(box: BBox) -> BBox:
        x0, y0, x1, y1 = enclosing_box((box.x0, box.y0, box.x1, box.y1), matrix)
        return BBox(round(x0 * sx), round(y0 * sy), round(x1 * sx), round(y1 * sy))

    return [placed(p) for p in layout.photos], [placed(r.box) for r in layout.rules]


def _undo_skew(layout: PageLayout) -> np.ndarray:
    """The affine map from the deskewed page back to the image as it was: the analysis
    rotated it by ``-skew`` degrees about its centre (analyze.rotate)."""
    w, h = layout.size
    forward = cv2.getRotationMatrix2D((w / 2, h / 2), -layout.skew, 1.0)
    return np.asarray(cv2.invertAffineTransform(forward))


def _text_lines(lines: list[Line]) -> list[TextLine]:
    return [TextLine(ln.box, ln.size) for ln in lines if ln.box is not None and ln.size]


def _extent_size(lines: list[Line]) -> tuple[int, int]:
    """A page size from the lines' boxes, for hOCR without a page bbox."""
    boxes = [ln.box for ln in lines if ln.box is not None]
    return (max((b.x1 for b in boxes), default=1), max((b.y1 for b in boxes), default=1))


__all__ = [
    "image_geometry",
    "image_photos",
    "line_columns",
    "merged_boxes",
    "ocr_layout",
    "with_image_photos",
]
