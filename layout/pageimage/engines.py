"""The OCR engines behind one interface: ``--ocr tesseract|rapidocr|auto``.

- ``tesseract`` (ocr.py, tesseract.py): mosaics of block crops, one Tesseract process
  per worker.
- ``rapidocr`` (ppocr.py): PP-OCRv4 recognition of every line crop the analysis found,
  one ONNX Runtime thread per worker.
- ``auto`` picks by the page's OCR languages (per script): PP-OCR when they include
  Chinese and the package is installed, Tesseract otherwise. Measured on the realistic
  test pages (docs/evaluation.md, "OCR engines"), PP-OCR reads Chinese pages with a far
  lower character error rate, clean, scanned and at low resolution; its alphabet (6,625
  characters) lacks letters French and German need (ô, û, ç, œ, ö, ß), which Tesseract's
  language data have.

Every line read keeps its box and says which engine read it (``Line.engine``); the
page's JSON says it in a note (``engine_note``).
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from layout.errors import OcrError
from layout.image_rules import ImageRules
from layout.model import Line
from layout.options import Options
from layout.pageimage import ppocr
from layout.pageimage.ocr import OcrCall, check_tesseract, ocr_blocks
from layout.pageimage.page import LayoutBlock

# Tesseract language codes of the scripts PP-OCRv4's Chinese model reads best.
PPOCR_LANGUAGES = frozenset({"chi_sim", "chi_tra", "chi_sim_vert", "chi_tra_vert"})
# What each engine is, for the notes of the JSON.
DESCRIPTIONS = {"tesseract": "Tesseract", "rapidocr": "PP-OCRv4 through rapidocr-onnxruntime"}


def choose(options: Options) -> str:
    """The engine that reads a page with these options (``auto`` resolved)."""
    if options.ocr != "auto":
        return options.ocr
    reads_chinese = any(code in PPOCR_LANGUAGES for code in options.lang.split("+"))
    return "rapidocr" if reads_chinese and ppocr.available() else "tesseract"


def require(engine: str, options: Options, source: str) -> None:
    """MissingDependencyError, naming what to install, when ``engine`` cannot run."""
    if engine == "rapidocr":
        ppocr.require(source)
    else:
        check_tesseract(options.lang, source)


@contextmanager
def loading_ahead(engine: str) -> Iterator[None]:
    """Load the engine's model in a background thread while the block runs (the page is
    decoded and analysed meanwhile: PP-OCR's model takes about 0.3 s; Tesseract loads
    its own in each process). The thread is waited for on the way out, an error's way
    too: a process must not exit while ONNX Runtime is still building the model."""
    if engine != "rapidocr":
        yield
        return
    thread = threading.Thread(target=ppocr.warm_up, name="ppocr-load")
    thread.start()
    try:
        yield
    finally:
        thread.join()


@dataclass(frozen=True, slots=True)
class Reading:
    """What one page's OCR needs besides the image and its blocks."""

    engine: str
    call: OcrCall
    workers: int
    body: float
    rules: ImageRules


def read_blocks(
    gray: NDArray[np.uint8], blocks: list[LayoutBlock], reading: Reading
) -> list[list[Line]]:
    """Per block, its lines as the engine reads them, boxes in page pixels."""
    if reading.engine == "rapidocr":
        try:
            found = ppocr.read_blocks(gray, blocks, reading.workers, reading.rules)
        except Exception as exc:  # ONNX Runtime's own errors: one line naming the page
            raise OcrError(reading.call.source, f"PP-OCR failed: {exc}") from exc
    else:
        found = ocr_blocks(gray, blocks, reading.call, reading.workers, reading.body, reading.rules)
    for line in itertools.chain.from_iterable(found):
        line.engine = reading.engine
    return found


def engine_note(lines: list[Line]) -> list[str]:
    """One note per engine that read some of the lines: which lines (numbers, in ranges)."""
    by_engine: dict[str, list[int]] = {}
    for line in lines:
        if line.engine is not None:
            by_engine.setdefault(line.engine, []).append(line.number)
    return [
        f"ocr: {DESCRIPTIONS.get(engine, engine)} ({engine}) read lines {_ranges(numbers)}"
        for engine, numbers in sorted(by_engine.items())
    ]


def _ranges(numbers: list[int]) -> str:
    """1,2,3,5,7,8 → "1-3, 5, 7-8"."""
    parts = []
    ordered = sorted(set(numbers))
    for _, run in itertools.groupby(enumerate(ordered), key=lambda pair: pair[1] - pair[0]):
        values = [n for _, n in run]
        parts.append(str(values[0]) if len(values) == 1 else f"{values[0]}-{values[-1]}")
    return ", ".join(parts)
