"""Tesseract's blocks for the baseline: text, box, and a headline guess by type size."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path

HEADLINE_SIZE = 1.6  # a block whose lines are this much taller than the page's median


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
    import pytesseract

    from layout.evaluate.systems import Unavailable

    try:
        data = pytesseract.image_to_data(
            str(image), lang=lang, config="--psm 3", output_type=pytesseract.Output.DICT
        )
    except pytesseract.TesseractNotFoundError as err:
        raise Unavailable("tesseract is not installed (apt-get install tesseract-ocr)") from err
    lines: dict[tuple[int, int, int], list[int]] = {}
    for i, word in enumerate(data["text"]):
        if str(word).strip():
            key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
            lines.setdefault(key, []).append(i)
    blocks: dict[int, TessBlock] = {}
    for (block, _, _), idx in lines.items():
        text = " ".join(str(data["text"][i]) for i in idx)
        x0 = min(data["left"][i] for i in idx)
        y0 = min(data["top"][i] for i in idx)
        x1 = max(data["left"][i] + data["width"][i] for i in idx)
        y1 = max(data["top"][i] + data["height"][i] for i in idx)
        found = blocks.get(block)
        if found is None:
            blocks[block] = TessBlock(text, [x0, y0, x1, y1], [y1 - y0])
            continue
        found.text += text
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
