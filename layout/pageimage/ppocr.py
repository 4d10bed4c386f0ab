"""OCR with PP-OCRv4's recognition model, through the ``rapidocr-onnxruntime`` package.

The package's wheel ships the models (PP-OCRv4 detection and recognition, Apache-2.0):
nothing is downloaded at run time. Only the recognition model is loaded: the page
analysis (analyze.py) has already found every printed line, so each line's crop is read
as it is, and the line keeps the box the analysis gave it. Recognition runs in ONNX
Runtime, which releases the GIL: ``workers`` threads share one model, each held to one
ONNX thread, so N workers use N cores.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

from layout.errors import MissingDependencyError
from layout.image_rules import ImageRules
from layout.model import BBox, Line
from layout.pageimage.page import LayoutBlock, TextLine

log = logging.getLogger(__name__)

PACKAGE = "rapidocr-onnxruntime"
INSTALL = f"pip install {PACKAGE}"
# ONNX Runtime threads per recognition call: relayout runs one call per worker itself.
ONNX_THREADS = 1

_lock = threading.Lock()


def available() -> bool:
    """Whether the package (and ONNX Runtime under it) can be imported."""
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def require(source: str) -> None:
    """MissingDependencyError, naming the package, when PP-OCR cannot run."""
    if not available():
        raise MissingDependencyError(source, f"PP-OCR engine not installed: {INSTALL}")


@lru_cache(maxsize=1)
def _recognizer() -> Any:
    """The recognition model, loaded once per process (about 10 MB, 0.3 s)."""
    from pathlib import Path

    import rapidocr_onnxruntime
    from rapidocr_onnxruntime.ch_ppocr_rec import TextRecognizer
    from rapidocr_onnxruntime.utils import read_yaml
    from rapidocr_onnxruntime.utils.parse_parameters import update_model_path

    config = update_model_path(
        read_yaml(str(Path(rapidocr_onnxruntime.__file__).parent / "config.yaml"))
    )
    rec = dict(config["Rec"], intra_op_num_threads=ONNX_THREADS, inter_op_num_threads=1)
    log.debug("PP-OCR recognition model %s", rec["model_path"])
    return TextRecognizer(rec)


def recognizer() -> Any:
    """The shared recognition model; the first call loads it (one thread at a time)."""
    with _lock:
        return _recognizer()


def read_blocks(
    gray: NDArray[np.uint8], blocks: list[LayoutBlock], workers: int, rules: ImageRules
) -> list[list[Line]]:
    """Every block's lines read from their crops; per block, its lines in order with the
    analysis's boxes. A line read as nothing (or below ``ppocr_min_score``) is left out."""
    jobs = [
        (i, line)
        for i, block in enumerate(blocks)
        for line in _ordered(block.lines)
        if line.box.width > 0 and line.box.height > 0
    ]
    texts = _recognise([_crop(gray, line.box, line.size, rules) for _, line in jobs], workers)
    out: list[list[Line]] = [[] for _ in blocks]
    for (i, line), (text, score) in zip(jobs, texts, strict=True):
        text = text.strip()
        if not text or score < rules.ppocr_min_score:
            continue
        box = line.box
        out[i].append(Line(0, text, box=box, size=float(box.height)))
    return out


def _ordered(lines: list[TextLine]) -> list[TextLine]:
    """A block's lines top to bottom (left to right on one row)."""
    return sorted(lines, key=lambda line: (line.box.y0, line.box.x0))


def _crop(gray: NDArray[np.uint8], box: BBox, size: float, rules: ImageRules) -> NDArray[np.uint8]:
    """The line with a margin of ``ppocr_pad_lines`` glyph heights, as the 3-channel image
    the model takes."""
    pad = max(1, round(rules.ppocr_pad_lines * max(size, box.height)))
    height, width = gray.shape
    crop = gray[
        max(0, box.y0 - pad) : min(height, box.y1 + pad),
        max(0, box.x0 - pad) : min(width, box.x1 + pad),
    ]
    return np.ascontiguousarray(np.repeat(crop[:, :, None], 3, axis=2))


def _recognise(crops: list[NDArray[np.uint8]], workers: int) -> list[tuple[str, float]]:
    """(text, score) per crop; the crops shared out among ``workers`` threads.

    The recogniser batches crops of similar width (it sorts them by aspect ratio), so each
    thread takes every N-th crop of that order: the threads get equal work."""
    if not crops:
        return []
    model = recognizer()
    order = sorted(range(len(crops)), key=lambda i: crops[i].shape[1] / max(1, crops[i].shape[0]))
    shares = [order[k :: max(1, workers)] for k in range(max(1, workers))]
    shares = [s for s in shares if s]

    def read(share: list[int]) -> list[tuple[str, float]]:
        done, _ = model([crops[i] for i in share])
        return [(str(r[0]), float(r[1])) for r in done]

    found: list[tuple[str, float]] = [("", 0.0)] * len(crops)
    with ThreadPoolExecutor(max_workers=len(shares)) as pool:
        for share, texts in zip(shares, pool.map(read, shares), strict=True):
            for i, text in zip(share, texts, strict=True):
                found[i] = text
    return found
