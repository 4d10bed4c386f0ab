"""OCR of layout blocks, through the Tesseract wrapper (tesseract.py).

Each block is cropped from the deskewed page with a white margin and read with the page
segmentation mode that fits it (one line: 7, a block of text: 6). Blocks are read in
parallel: each call is one ``tesseract`` process, so threads suffice, and the wrapper
holds each process to one OpenMP thread so that N workers use N cores.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from layout.image_rules import ImageRules
from layout.model import BBox, Line
from layout.pageimage.page import BlockKind, LayoutBlock
from layout.pageimage.tesseract import DEFAULT_TIMEOUT_S, Word, group_lines, read_words, require


def check_tesseract(lang: str, source: str = "tesseract") -> None:
    """Raise MissingDependencyError, naming the Debian package, if OCR cannot run."""
    require(lang, source)


@dataclass(frozen=True, slots=True)
class OcrCall:
    """What every Tesseract call of one page shares: languages, the file named in errors,
    the time allowed per call."""

    lang: str
    source: str = "<image>"
    timeout: float = DEFAULT_TIMEOUT_S


def ocr_blocks(
    gray: NDArray[np.uint8],
    blocks: list[LayoutBlock],
    call: OcrCall,
    workers: int,
    body: float,
    rules: ImageRules,
) -> list[list[Line]]:
    """OCR the blocks; returns, per block, its lines with boxes in page pixels.

    The blocks are shared out among ``workers`` batches of about equal area; each
    batch is one Tesseract run on a mosaic of its block crops stacked with white gaps,
    read as one column of text of variable sizes (psm 4): starting Tesseract costs
    about 0.3 s, and one run per block spent more time starting than reading (the same
    text, 0.99 similar, in 60% of the time). A headline the mosaic misses is read alone.
    """
    batches = _batches(blocks, max(1, workers) * rules.ocr_batches_per_worker)
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        done = list(
            pool.map(lambda batch: read_mosaic(gray, batch, call, body, rules=rules), batches)
        )
        found: dict[int, list[Line]] = {}
        for batch, read in zip(batches, done, strict=True):
            for block, lines in zip(batch, read, strict=True):
                found[id(block)] = lines
        # A headline the mosaic gave no line for is read again alone, with the page
        # segmentation mode that fits it (one line: 7, several: 6).
        missed = [b for b in blocks if b.kind is BlockKind.HEADLINE and not found.get(id(b))]
        for block, lines in zip(
            missed,
            pool.map(lambda b: read_block(gray, b, call, body, rules=rules), missed),
            strict=True,
        ):
            found[id(block)] = lines
    return [found.get(id(b), []) for b in blocks]


def _batches(blocks: list[LayoutBlock], count: int) -> list[list[LayoutBlock]]:
    """Blocks shared out, largest first, each to the batch with the least area so far."""
    batches: list[list[LayoutBlock]] = [[] for _ in range(min(count, len(blocks)))]
    area = [0] * len(batches)
    for block in sorted(blocks, key=lambda b: -b.box.width * b.box.height):
        i = area.index(min(area))
        batches[i].append(block)
        area[i] += block.box.width * block.box.height
    return [b for b in batches if b]


def read_mosaic(
    gray: NDArray[np.uint8],
    blocks: list[LayoutBlock],
    call: OcrCall,
    body: float,
    rules: ImageRules,
) -> list[list[Line]]:
    """One Tesseract run on the blocks' crops stacked one under the other, left-aligned,
    with white gaps; each line found goes back to the block whose band holds its centre."""
    pad = max(4, round(rules.ocr_pad_glyphs * body))
    crops = [
        _even_paper(gray[max(0, b.box.y0) : b.box.y1, max(0, b.box.x0) : b.box.x1], rules=rules)
        for b in blocks
    ]
    width = max((c.shape[1] for c in crops), default=0) + 2 * pad
    bands: list[tuple[int, int]] = []
    parts: list[NDArray[np.uint8]] = []
    y = 0
    for crop in crops:
        tile = np.full((crop.shape[0] + 2 * pad, width), 255, dtype=np.uint8)
        tile[pad : pad + crop.shape[0], pad : pad + crop.shape[1]] = crop
        parts.append(tile)
        bands.append((y, y + tile.shape[0]))
        y += tile.shape[0]
    if not parts or y == 0:
        return [[] for _ in blocks]
    words = read_words(np.vstack(parts), call.lang, rules.psm_column, call.source, call.timeout)
    out: list[list[Line]] = [[] for _ in blocks]
    for line in _lines_from_words(words, 0, 0, rules=rules):
        assert line.box is not None
        cy = (line.box.y0 + line.box.y1) / 2
        for i, (top, bottom) in enumerate(bands):
            if top <= cy < bottom:
                b = blocks[i].box
                dx, dy = b.x0 - pad, b.y0 - top - pad
                box = BBox(
                    max(0, line.box.x0 + dx),
                    max(0, line.box.y0 + dy),
                    max(0, line.box.x1 + dx),
                    max(0, line.box.y1 + dy),
                )
                out[i].append(Line(0, line.text, box=box, size=float(box.height)))
                break
    return out


def read_block(
    gray: NDArray[np.uint8], block: LayoutBlock, call: OcrCall, body: float, rules: ImageRules
) -> list[Line]:
    """OCR one block: crop with a white margin, read, map word boxes back to the page."""
    pad = max(4, round(rules.ocr_pad_glyphs * body))
    b = block.box
    crop = gray[max(0, b.y0) : b.y1, max(0, b.x0) : b.x1]
    if crop.size == 0:
        return []
    padded = np.pad(crop, pad, constant_values=255)
    psm = rules.psm_line if len(block.lines) == 1 else rules.psm_block
    words = read_words(padded, call.lang, psm, call.source, call.timeout)
    return _lines_from_words(words, b.x0 - pad, b.y0 - pad, rules=rules)


def _even_paper(crop: NDArray[np.uint8], rules: ImageRules) -> NDArray[np.uint8]:
    """Stretch a crop so its paper is white: crops from unevenly lit parts of a scan then
    share one threshold when Tesseract reads the mosaic they are stacked into."""
    if crop.size == 0:
        return crop
    paper = float(np.percentile(crop, rules.ocr_paper_percentile))
    if paper <= 0:
        return crop
    return np.asarray(np.clip(crop.astype(np.float32) * (255.0 / paper), 0, 255), dtype=np.uint8)


def _lines_from_words(words: list[Word], dx: int, dy: int, rules: ImageRules) -> list[Line]:
    """Tesseract's words grouped into its lines (confident words only, in line order);
    line boxes moved by (dx, dy) into page coordinates."""
    found = group_lines(words, min_conf=rules.ocr_min_confidence)
    lines = []
    for row in sorted(found, key=lambda r: r.key):
        x0, y0, x1, y1 = row.box
        box = BBox(max(0, x0 + dx), max(0, y0 + dy), max(0, x1 + dx), max(0, y1 + dy))
        lines.append(Line(number=0, text=row.text, box=box, size=float(box.height)))
    return lines
