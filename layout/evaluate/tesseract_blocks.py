"""Tesseract's blocks for the baseline: text, box, and a headline guess by type size."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path

HEADLINE_SIZE = 1.6  # a block whose lines are this much taller than the page's median
PSM_AUTO = 3  # Tesseract's own page layout analysis: the baseline is Tesseract alone


@dataclass(slots=True)
class TessBlock:
    text: str
    box: list[int]
    heights: list[int]
    role: str = "body"

    @property
    def line_height(self) -> float:
        return float(statistics.median(self.heights))


def tesseract_blocks(image: Path, lang: str = "chi_sim") -> list[TessBlock]:
    """Blocks in Tesseract's order; a line's words joined by spaces as Tesseract prints them.

    The lines of a block are joined with nothing between them: the block is one paragraph.
    """
    from layout.errors import MissingDependencyError
    from layout.evaluate.unavailable import Unavailable
    from layout.pageimage.tesseract import group_lines, read_words

    try:
        words = read_words(image, lang, PSM_AUTO, str(image))
    except MissingDependencyError as err:
        raise Unavailable(err.problem) from err
    blocks: dict[int, TessBlock] = {}
    for line in group_lines(words):
        block = line.key[0]
        x0, y0, x1, y1 = line.box
        found = blocks.get(block)
        if found is None:
            blocks[block] = TessBlock(line.text, [x0, y0, x1, y1], [y1 - y0])
            continue
        found.text += line.text
        found.box = [
            min(found.box[0], x0),
            min(found.box[1], y0),
            max(found.box[2], x1),
            max(found.box[3], y1),
        ]
        found.heights.append(y1 - y0)
    return mark_headlines(list(blocks.values()))


def mark_headlines(blocks: list[TessBlock]) -> list[TessBlock]:
    if not blocks:
        return blocks
    median = statistics.median(b.line_height for b in blocks)
    for block in blocks:
        if block.line_height >= HEADLINE_SIZE * median:
            block.role = "headline"
    return blocks
