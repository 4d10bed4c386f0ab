"""The options object: the CLI builds it from arguments, library users build it directly."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .conventions import CHINESE, Conventions
from .formats import names

FORMATS = names()  # every output format (layout/formats/)
# Text whose lines run across several columns: "auto" finds and re-threads them
# (layout/columns_text.py), "none" takes every line for one column's line.
COLUMN_MODES = ("auto", "none")

# Text input larger than this is refused (``--max-bytes`` raises it). The text of a dense
# broadsheet page is 20-100 KB (the seeds: 7-20 KB), a whole day's issue a few MB; 8 MiB
# is about 100 such pages, and still runs (about 3 minutes and 1 GB at the limit; time and
# memory grow linearly, docs/performance.md). Without a limit, /dev/zero or an endless
# pipe would fill memory.
DEFAULT_MAX_BYTES = 8 * 2**20
# Seconds one Tesseract call may take: a call reads a mosaic of blocks (a few columns),
# seconds, a minute on a busy machine; five minutes means it is stuck.
DEFAULT_OCR_TIMEOUT_S = 300.0
# OCR engines for image input (layout/pageimage/engines.py): Tesseract, PP-OCRv4 through
# rapidocr-onnxruntime, or "auto", which picks per page by its languages (docs/evaluation.md).
OCR_ENGINES = ("tesseract", "rapidocr")
OCR_CHOICES = ("auto", *OCR_ENGINES)


@dataclass(frozen=True, slots=True)
class Options:
    format: str = "text"
    explain: bool = False
    image: Path | None = None  # page image to pair with a text input
    overlay: Path | None = None  # write a debug overlay PNG here
    lang: str = "chi_sim+eng"  # Tesseract languages for image input
    jobs: int = 0  # OCR worker processes; 0 = one per core
    max_pixels: int = 200_000_000  # refuse larger images (decompression bombs)
    pages: str | None = None  # pages of a PDF or hOCR file to read: "1-3,5,7-" (None: all)
    fold_compat: bool = False  # fold compatibility code points (Kangxi radicals → 日…)
    max_bytes: int = DEFAULT_MAX_BYTES  # refuse larger text input (see DEFAULT_MAX_BYTES)
    ocr_timeout: float = DEFAULT_OCR_TIMEOUT_S  # per Tesseract call
    columns: str = "auto"  # lines holding several columns: find them ("auto") or not ("none")
    ocr: str = "auto"  # OCR engine for image input: one of OCR_CHOICES
    # Every rule of the text stages (docs/pipeline.md); CHINESE is today's newspapers.
    conventions: Conventions = field(default=CHINESE)

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {self.format!r}")
        if self.columns not in COLUMN_MODES:
            raise ValueError(
                f"columns must be one of {', '.join(COLUMN_MODES)}, not {self.columns!r}"
            )
        if self.ocr not in OCR_CHOICES:
            raise ValueError(f"ocr must be one of {', '.join(OCR_CHOICES)}, not {self.ocr!r}")
        if self.jobs < 0:
            raise ValueError("jobs must be >= 0")
        if self.max_pixels <= 0:
            raise ValueError("max_pixels must be positive")
        if self.pages is not None:
            page_ranges(self.pages)  # raises ValueError on a bad spec
        if self.max_bytes <= 0:
            raise ValueError("max_bytes must be positive")
        if self.ocr_timeout <= 0:
            raise ValueError("ocr_timeout must be positive")

    @property
    def workers(self) -> int:
        return self.jobs or (os.cpu_count() or 1)


def page_ranges(spec: str) -> list[tuple[int, int | None]]:
    """Parse a page selection such as ``1-3,5,7-`` into 1-based inclusive ranges
    (``None``: to the last page). Raises ValueError naming what is wrong."""
    ranges: list[tuple[int, int | None]] = []
    for part in spec.replace(" ", "").split(","):
        first, dash, last = part.partition("-")
        try:
            lo = int(first)
            hi = (int(last) if last else None) if dash else lo
        except ValueError:
            raise ValueError(f"--pages {spec!r}: expected pages like 1-3,5,7-") from None
        if lo < 1 or (hi is not None and hi < lo):
            raise ValueError(f"--pages {spec!r}: pages count from 1, ranges go upwards")
        ranges.append((lo, hi))
    return ranges
