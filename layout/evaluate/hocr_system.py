"""The eval system ``relayout-hocr``: Tesseract's own hOCR of the page image, read by relayout.

What a digitised archive holds is often exactly this: the OCR engine's hOCR, with its
own blocks, lines and word boxes. The system runs ``tesseract IMAGE stdout -l LANG hocr``
on page.png (scan.png with ``--scan``) through relayout's Tesseract wrapper (one
process, ``OMP_THREAD_LIMIT=1``, the wrapper's timeout and one-line errors), then
``relayout`` reads the hOCR file like any other, with the page image beside it as a
user would give it (``relayout page.hocr --image page.png``): layout/sources/hocr.py, then
the image path's geometry (columns from the line boxes, the analysis' photos:
layout/pageimage/ocrsource.py) and the geometry-first assembly. Boxes are the image's
pixels, as the ground truth's.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from layout.errors import MissingDependencyError
from layout.evaluate.unavailable import Unavailable
from layout.model import PageResult
from layout.options import Options
from layout.pageimage.tesseract import DEFAULT_COMMAND, require, run
from layout.pipeline import process_path

# Seconds the one Tesseract call that reads a whole page may take. The image path's
# calls read a few columns each (Options.ocr_timeout, 5 minutes); this one segments and
# reads a 200-dpi page alone: 4-5 minutes measured on the shared 2-core machine at load
# 15-20, where a scan.png ran into the 5 minutes. Twenty minutes means it is stuck.
WHOLE_PAGE_TIMEOUT_S = 1200.0


def tesseract_hocr(image: Path, lang: str, timeout: float) -> str:
    """Tesseract's hOCR of one image (its page segmentation: automatic, psm 3)."""
    try:
        require(lang, str(image))
    except MissingDependencyError as err:
        raise Unavailable(err.problem) from err
    args = [DEFAULT_COMMAND, str(image), "stdout", "-l", lang, "hocr"]
    return run(args, b"", str(image), timeout)


def relayout_on_hocr(hocr: str, source: str, options: Options) -> PageResult:
    """relayout reading an hOCR document (written to a temporary file, as a user would)
    with its page image ``source`` as ``--image``."""
    with tempfile.TemporaryDirectory(prefix="relayout-hocr-") as tmp:
        path = Path(tmp) / "page.hocr"
        path.write_text(hocr, encoding="utf-8")
        result = process_path(str(path), replace(options, image=Path(source)))
    result.source = source
    return result
