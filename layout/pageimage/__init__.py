"""Page images: analysis, OCR, text alignment and overlays, feeding the text stages.

    load → analyze (deskew, rules, photos, lines, columns, blocks) → regions (reading
    order) → OCR per block → lines with boxes (layout.pipeline runs the text stages
    on them and adds the geometry)

``read_image`` reads a page image alone; ``place_on_image`` gives a text
file's lines the image's geometry and order; ``draw_result_overlay`` draws what was
decided.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from layout.errors import ImageError, OcrError
from layout.image_rules import ImageRules
from layout.model import Article, BBox, Line, PageResult, Role
from layout.options import Options
from layout.pageimage import engines
from layout.pageimage.align import with_geometry
from layout.pageimage.analyze import analyze
from layout.pageimage.frames import advert_frames
from layout.pageimage.load import load_image
from layout.pageimage.ocr import OcrCall
from layout.pageimage.page import BlockKind, LayoutBlock, PageLayout
from layout.pageimage.regions import build_regions
from layout.pageimage.typesize import fragments_together, measured_sizes
from layout.sources.page import PageInput

log = logging.getLogger(__name__)

_HINTS = {BlockKind.HEADLINE: Role.HEADLINE, BlockKind.CAPTION: Role.CAPTION}


def analyze_page(path: str | Path, options: Options) -> tuple[PageLayout, NDArray[np.uint8]]:
    """Load and analyse a page image: its layout and the deskewed grey image."""
    if Path(path).is_dir():
        raise ImageError(str(path), "is a directory, not an image")
    if not Path(path).exists():
        raise ImageError(str(path), "no such file")
    return analyze(load_image(path, options.max_pixels).gray, options.conventions.image)


def ocr_page(
    gray: NDArray[np.uint8], layout: PageLayout, options: Options, source: str = "<image>"
) -> list[Line]:
    """OCR the page block by block, in reading order, with the engine ``options.ocr``
    names (engines.py); lines numbered in that order."""
    blocks = [b for region in build_regions(layout) for b in region.ordered()]
    reading = engines.Reading(
        engines.choose(options),
        OcrCall(options.lang, source, options.ocr_timeout),
        options.workers,
        layout.body_size,
        options.conventions.image,
    )
    read = engines.read_blocks(gray, blocks, reading)
    lines: list[Line] = []
    for block, block_lines in zip(blocks, read, strict=True):
        for line in block_lines:
            line.hint = _HINTS.get(block.kind)
            line.number = len(lines) + 1
            lines.append(line)
    return lines


def read_image(path: Path, options: Options) -> tuple[list[Line], PageLayout]:
    """A page image alone: its lines as the OCR engine reads them, and its layout."""
    engine = engines.choose(options)
    engines.require(engine, options, str(path))
    with engines.loading_ahead(engine):
        layout, gray = analyze_page(path, options)
    return ocr_page(gray, layout, options, str(path)), layout


def place_on_image(
    lines: list[Line], source: str, options: Options
) -> tuple[list[Line], PageLayout] | None:
    """A text file's lines with the geometry and order of its page image (``options.image``).

    The text is what the user asked for: an image that cannot be used (not decodable,
    over the pixel limit, OCR failing on it) costs the geometry, not the text. None is
    returned and one warning line naming both files goes to the ``layout`` logger (on
    stderr unless the caller set up logging)."""
    assert options.image is not None
    engine = engines.choose(options)
    engines.require(engine, options, str(options.image))
    try:
        with engines.loading_ahead(engine):
            layout, gray = analyze_page(options.image, options)
        ocr = ocr_page(gray, layout, options, str(options.image))
    except (ImageError, OcrError) as exc:
        log.warning("relayout: %s: image not used, the text alone is given back (%s)", source, exc)
        return None
    return with_geometry(lines, ocr, options.conventions.image), layout


def as_page_input(
    lines: list[Line], layout: PageLayout, source: str, rules: ImageRules
) -> PageInput:
    """The OCR'd lines with the page's geometry, as the geometry-first assembly reads
    every source with boxes: sizes measured (typesize.py), photos as the page's figures,
    boxes ruled round a few rows as its panels (frames.py: adverts, left out)."""
    return PageInput(
        source=source,
        kind="image",
        lines=fragments_together(measured_sizes(lines, rules), rules),
        size=layout.size,
        figures=tuple(layout.photos),
        rules=tuple(rule.box for rule in layout.rules),
        panels=tuple(advert_frames(layout.rules, lines, layout.body_size, rules)),
        size_noise=rules.size_noise,
        ordered=False,  # block by block, in relayout's own reading order
    )


def add_geometry(result: PageResult, layout: PageLayout) -> PageResult:
    result.size = layout.size
    result.columns = list(layout.columns)
    # What the overlay draws besides the articles (overlay.py draws from the result).
    result.skew = float(layout.skew)
    result.photos = list(layout.photos)
    result.separators = [rule.box for rule in layout.rules]
    for article in result.articles:  # the assembly's boxes hold the headline too
        article.box = article.box or _article_box(article)
    result.notes += engines.engine_note(result.lines)
    return result


def _article_box(article: Article) -> BBox | None:
    boxes = [p.box for p in article.paragraphs if p.box is not None]
    boxes += [c.box for c in article.captions if c.box is not None]
    return BBox.enclosing(boxes)


def draw_result_overlay(result: PageResult, path: str, options: Options) -> None:
    """Write the debug overlay for one processed input, from its result (overlay.py)."""
    from layout.pageimage.overlay import draw_overlay

    draw_overlay(result, path, options)


__all__ = [
    "LayoutBlock",
    "PageLayout",
    "add_geometry",
    "analyze_page",
    "as_page_input",
    "draw_result_overlay",
    "ocr_page",
    "place_on_image",
    "read_image",
]
