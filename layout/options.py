"""The options object: the CLI builds it from arguments, library users build it directly."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .conventions import CHINESE, Conventions

FORMATS = ("text", "markdown", "json")


@dataclass(frozen=True, slots=True)
class Options:
    format: str = "text"
    explain: bool = False
    image: Path | None = None  # page image to pair with a text input
    overlay: Path | None = None  # write a debug overlay PNG here
    lang: str = "chi_sim+eng"  # Tesseract languages for image input
    jobs: int = 0  # OCR worker processes; 0 = one per core
    max_pixels: int = 200_000_000  # refuse larger images (decompression bombs)
    # Every rule of the text stages (docs/pipeline.md); CHINESE is today's newspapers.
    conventions: Conventions = field(default=CHINESE)

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {self.format!r}")
        if self.jobs < 0:
            raise ValueError("jobs must be >= 0")
        if self.max_pixels <= 0:
            raise ValueError("max_pixels must be positive")

    @property
    def workers(self) -> int:
        return self.jobs or (os.cpu_count() or 1)
