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
from layout.pageimage.page import LayoutBlock

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
    """OCR each block; returns, per block, its lines with boxes in page pixels."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return list(pool.map(lambda b: read_block(gray, b, lang, body), blocks))


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
