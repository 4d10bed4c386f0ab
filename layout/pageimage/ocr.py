"""The one wrapper around Tesseract: presence and language checks, OCR of layout blocks.

Each block is cropped from the deskewed page with a white margin and read with the page
segmentation mode that fits it (one line: 7, a block of text: 6). Blocks are read in
parallel: pytesseract runs one ``tesseract`` process per call, so threads suffice, and
each process is held to one OpenMP thread so that N workers use N cores.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache

import numpy as np
import pytesseract
from numpy.typing import NDArray

from layout.errors import MissingDependencyError
from layout.model import BBox, Line
from layout.pageimage import params
from layout.pageimage.page import BlockKind, LayoutBlock

LANG_PACKAGES = {"chi_sim": "tesseract-ocr-chi-sim", "chi_tra": "tesseract-ocr-chi-tra"}


def check_tesseract(lang: str, source: str = "tesseract") -> None:
    """Raise MissingDependencyError, naming the Debian package, if OCR cannot run."""
    command = pytesseract.pytesseract.tesseract_cmd
    if shutil.which(command) is None:
        raise MissingDependencyError(
            source, f"Tesseract not found ({command}): apt-get install tesseract-ocr"
        )
    installed = _languages(command)
    for code in lang.split("+"):
        if code not in installed:
            package = LANG_PACKAGES.get(code, f"tesseract-ocr-{code.replace('_', '-')}")
            raise MissingDependencyError(
                source, f"Tesseract language data {code} missing: apt-get install {package}"
            )


@lru_cache(maxsize=4)
def _languages(command: str) -> frozenset[str]:
    try:
        out = subprocess.run(
            [command, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except OSError:
        return frozenset()
    return frozenset(line.strip() for line in out.stdout.splitlines()[1:] if line.strip())


def ocr_blocks(
    gray: NDArray[np.uint8], blocks: list[LayoutBlock], lang: str, workers: int, body: float
) -> list[list[Line]]:
    """OCR the blocks; returns, per block, its lines with boxes in page pixels.

    The blocks are shared out among ``workers`` batches of about equal area; each
    batch is one Tesseract run on a mosaic of its block crops stacked with white gaps,
    read as one column of text of variable sizes (psm 4): starting Tesseract costs
    about 0.3 s, and one run per block spent more time starting than reading (the same
    text, 0.99 similar, in 60% of the time). A headline the mosaic misses is read alone.
    Each Tesseract process is held to one OpenMP thread while relayout's own processes
    run side by side; the setting is put back afterwards.
    """
    batches = _batches(blocks, max(1, workers) * params.OCR_BATCHES_PER_WORKER)
    previous = os.environ.get("OMP_THREAD_LIMIT")
    os.environ["OMP_THREAD_LIMIT"] = "1"
    try:
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            done = list(pool.map(lambda batch: read_mosaic(gray, batch, lang, body), batches))
            found: dict[int, list[Line]] = {}
            for batch, read in zip(batches, done, strict=True):
                for block, lines in zip(batch, read, strict=True):
                    found[id(block)] = lines
            # A headline the mosaic gave no line for is read again alone, with the page
            # segmentation mode that fits it (one line: 7, several: 6).
            missed = [b for b in blocks if b.kind is BlockKind.HEADLINE and not found.get(id(b))]
            for block, lines in zip(
                missed, pool.map(lambda b: read_block(gray, b, lang, body), missed), strict=True
            ):
                found[id(block)] = lines
    finally:
        if previous is None:
            os.environ.pop("OMP_THREAD_LIMIT", None)
        else:
            os.environ["OMP_THREAD_LIMIT"] = previous
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
    gray: NDArray[np.uint8], blocks: list[LayoutBlock], lang: str, body: float
) -> list[list[Line]]:
    """One Tesseract run on the blocks' crops stacked one under the other, left-aligned,
    with white gaps; each line found goes back to the block whose band holds its centre."""
    pad = max(4, round(params.OCR_PAD_GLYPHS * body))
    crops = [
        _even_paper(gray[max(0, b.box.y0) : b.box.y1, max(0, b.box.x0) : b.box.x1]) for b in blocks
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
    data = pytesseract.image_to_data(
        np.vstack(parts),
        lang=lang,
        config=f"--psm {params.PSM_COLUMN}",
        output_type=pytesseract.Output.DICT,
    )
    out: list[list[Line]] = [[] for _ in blocks]
    for line in _lines_from_words(data, 0, 0):
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


def read_block(gray: NDArray[np.uint8], block: LayoutBlock, lang: str, body: float) -> list[Line]:
    """OCR one block: crop with a white margin, read, map word boxes back to the page."""
    pad = max(4, round(params.OCR_PAD_GLYPHS * body))
    b = block.box
    crop = gray[max(0, b.y0) : b.y1, max(0, b.x0) : b.x1]
    if crop.size == 0:
        return []
    padded = np.pad(crop, pad, constant_values=255)
    psm = params.PSM_LINE if len(block.lines) == 1 else params.PSM_BLOCK
    data = pytesseract.image_to_data(
        padded, lang=lang, config=f"--psm {psm}", output_type=pytesseract.Output.DICT
    )
    return _lines_from_words(data, b.x0 - pad, b.y0 - pad)


def _even_paper(crop: NDArray[np.uint8]) -> NDArray[np.uint8]:
    """Stretch a crop so its paper is white: crops from unevenly lit parts of a scan then
    share one threshold when Tesseract reads the mosaic they are stacked into."""
    if crop.size == 0:
        return crop
    paper = float(np.percentile(crop, params.OCR_PAPER_PERCENTILE))
    if paper <= 0:
        return crop
    return np.asarray(np.clip(crop.astype(np.float32) * (255.0 / paper), 0, 255), dtype=np.uint8)


def _lines_from_words(data: dict[str, list[object]], dx: int, dy: int) -> list[Line]:
    """Group Tesseract's words into its lines; keep line boxes in page coordinates."""
    rows: dict[tuple[int, int, int], list[int]] = {}
    for i, text in enumerate(data["text"]):
        if not str(text).strip() or float(str(data["conf"][i])) < params.OCR_MIN_CONFIDENCE:
            continue
        key = (
            int(str(data["block_num"][i])),
            int(str(data["par_num"][i])),
            int(str(data["line_num"][i])),
        )
        rows.setdefault(key, []).append(i)
    lines = []
    for key in sorted(rows):
        words = rows[key]
        text = " ".join(str(data["text"][i]) for i in words)
        x0 = min(int(str(data["left"][i])) for i in words) + dx
        y0 = min(int(str(data["top"][i])) for i in words) + dy
        x1 = max(int(str(data["left"][i])) + int(str(data["width"][i])) for i in words) + dx
        y1 = max(int(str(data["top"][i])) + int(str(data["height"][i])) for i in words) + dy
        box = BBox(max(0, x0), max(0, y0), max(0, x1), max(0, y1))
        lines.append(Line(number=0, text=text, box=box, size=float(box.height)))
    return lines
