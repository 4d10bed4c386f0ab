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
import re
import threading
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

from layout.errors import MissingDependencyError
from layout.image_rules import ImageRules
from layout.model import BBox, Line
from layout.pageimage import ppocr_graph
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
    import rapidocr_onnxruntime
    from rapidocr_onnxruntime.ch_ppocr_rec import TextRecognizer
    from rapidocr_onnxruntime.utils import read_yaml
    from rapidocr_onnxruntime.utils.parse_parameters import update_model_path

    config = update_model_path(
        read_yaml(str(Path(rapidocr_onnxruntime.__file__).parent / "config.yaml"))
    )
    rec = dict(config["Rec"], intra_op_num_threads=ONNX_THREADS, inter_op_num_threads=1)
    log.debug("PP-OCR recognition model %s", rec["model_path"])
    recognizer = TextRecognizer(rec)
    recognizer.session.session = _faster_session(recognizer.session.session, rec["model_path"])
    return recognizer


def _faster_session(session: Any, model_path: str) -> Any:
    """The same model with its element-wise steps folded (ppocr_graph.py), in a session
    with the package's own options; the package's session when the rewrite fails."""
    import onnxruntime

    try:
        model = ppocr_graph.simplified_cached(Path(model_path))
        options = session.get_session_options()
        return onnxruntime.InferenceSession(
            model, sess_options=options, providers=session.get_providers()
        )
    except Exception:  # an unexpected graph or onnx missing: read with the model as shipped
        log.warning("PP-OCR model not simplified; reading with it as shipped", exc_info=True)
        return session


def recognizer() -> Any:
    """The shared recognition model; the first call loads it (one thread at a time)."""
    with _lock:
        return _recognizer()


def warm_up() -> None:
    """Load the model now (a background thread's job); a failure is left for the page's
    own call to report, naming the page."""
    try:
        recognizer()
    except Exception:  # reported by the page's own call, which needs the model
        log.debug("PP-OCR model not loaded ahead", exc_info=True)


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
    texts = _recognise(gray, [line for _, line in jobs], workers, rules)
    out: list[list[Line]] = [[] for _ in blocks]
    for (i, line), (text, score) in zip(jobs, texts, strict=True):
        text = text.strip()
        if not text or score < rules.ppocr_min_score:
            continue
        text = _em_dashes(text, gray, line.box, rules)
        box = line.box
        out[i].append(Line(0, text, box=box, size=float(box.height)))
    return out


def _em_dashes(text: str, gray: NDArray[np.uint8], box: BBox, rules: ImageRules) -> str:
    """Dash runs as long as they are printed. The Chinese dash (破折号) is two em dashes
    set as one unbroken stroke, some texts set three, and PP-OCR reads such a stroke as
    one or two. A flat stroke (at most ``dash_max_thickness`` of the line's height thick)
    ``dash_min_ems`` to ``dash_max_ems`` ems long is a dash run: three dashes from
    ``dash_three_min_ems`` ems, else two. When the line holds as many such strokes as
    the text has dash runs, each run is given its stroke's count, in order; otherwise (a
    one-em dash of a range, 一字线, beside a long one) only lone dashes are doubled, and
    only when there are as many strokes."""
    strokes = _dash_strokes(gray, box, rules)
    if not strokes:
        return text
    em = _em_of(text, box, sum(width for _, width in strokes))
    counts = [
        3 if width >= rules.dash_three_min_ems * em else 2
        for _, width in strokes
        if rules.dash_min_ems * em <= width <= rules.dash_max_ems * em
    ]
    runs = _DASH_RUN.findall(text)
    if not runs and len(counts) == 1 and _opens_line(strokes, em, rules):
        return "—" * counts[0] + text  # the OCR dropped the dash run the line opens with
    if counts and len(counts) == len(runs):
        given = iter(counts)
        return _DASH_RUN.sub(lambda _: "—" * next(given), text)
    lone = len(_LONE_DASH.findall(text))
    if lone == 0 or len(counts) < lone:
        return text
    return _LONE_DASH.sub("——", text)


def _opens_line(strokes: list[tuple[int, int]], em: float, rules: ImageRules) -> bool:
    """Whether the line's one dash stroke is its first ink (within ``dash_lead_max_ems``
    of the line box's left edge)."""
    return len(strokes) == 1 and strokes[0][0] <= rules.dash_lead_max_ems * em


# A run of em dashes: the Chinese dash (破折号) is two, some texts set three.
_DASH_RUN = re.compile("—+")
# One em dash that is not half of a longer run.
_LONE_DASH = re.compile("(?<!—)—(?!—)")


def _dash_strokes(gray: NDArray[np.uint8], box: BBox, rules: ImageRules) -> list[tuple[int, int]]:
    """(left, width) of each flat stroke of the line at least a line height long, left
    to right: the candidates for dash runs."""
    crop = gray[box.y0 : box.y1, box.x0 : box.x1]
    if crop.size == 0:
        return []
    _, ink = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    height = box.height
    return sorted(
        (int(x), int(w))
        for x, _, w, h, _ in stats[1:]
        if w >= height and h <= rules.dash_max_thickness * height
    )


def _em_of(text: str, box: BBox, dash_width: int) -> float:
    """The line's em in pixels, from its advance: the width left beside its dashes over
    its other characters (a CJK character one em, any other half). The line's height
    when there are too few characters to tell: a height varies with the glyphs a line
    holds (a low comma adds a fifth), the advance does not."""
    ems = sum(
        1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5
        for ch in text
        if ch != "—" and not ch.isspace()
    )
    if ems < _EM_MIN_CHARACTERS:
        return float(box.height)
    return max(1.0, (box.width - dash_width) / ems)


# Fewer characters than this beside the dashes: the line's advance says too little.
_EM_MIN_CHARACTERS = 3


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


def _recognise(
    gray: NDArray[np.uint8], lines: list[TextLine], workers: int, rules: ImageRules
) -> list[tuple[str, float]]:
    """(text, score) per line, read from its crop by ``workers`` threads. The widest
    lines go first and each thread takes the next line when done with its last, so the
    threads finish within one line of each other; each crop is cut by the thread that
    reads it."""
    if not lines:
        return []
    model = recognizer()
    order = sorted(range(len(lines)), key=lambda i: -_crop_ratio(lines[i], rules))

    def read(i: int) -> tuple[str, float]:
        return _read_line(model, _crop(gray, lines[i].box, lines[i].size, rules))

    found: list[tuple[str, float]] = [("", 0.0)] * len(lines)
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for i, text in zip(order, pool.map(read, order), strict=True):
            found[i] = text
    return found


def _crop_ratio(line: TextLine, rules: ImageRules) -> float:
    """Width over height of the line's crop (its reading time grows with it)."""
    pad = 2 * max(1, round(rules.ppocr_pad_lines * max(line.size, line.box.height)))
    return (line.box.width + pad) / (line.box.height + pad)


def _read_line(model: Any, crop: NDArray[np.uint8]) -> tuple[str, float]:
    """One line crop read alone, scaled to the model's height.

    The package's own call batches six crops and pads each batch to the widest of them:
    one ONNX thread per call gains nothing from batching, and one crop at a time took
    about 10% less CPU. A short crop is still padded to the model's own width (320 x 48,
    6.7 heights), as the package does: without that room the model dropped the final 。
    of short last lines of paragraphs."""
    _, height, width = model.rec_image_shape
    ratio = max(crop.shape[1] / max(1, crop.shape[0]), width / height)
    tensor = model.resize_norm_img(crop, ratio)[np.newaxis, :].astype(np.float32)
    predictions = model.session(tensor)[0]
    text, score = model.postprocess_op(predictions)[0][:2]
    return str(text), float(score)
