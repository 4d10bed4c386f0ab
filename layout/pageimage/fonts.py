"""Find a CJK font for drawing (overlays, synthetic test pages)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

from layout.errors import MissingDependencyError

FONT_DIRS = (
    Path("/usr/share/fonts/opentype/noto"),
    Path("/usr/share/fonts/truetype/noto"),
    Path("/usr/share/fonts/noto-cjk"),
    Path("/usr/local/share/fonts"),
)
REGULAR_FILES = ("NotoSerifCJK-Regular.ttc", "NotoSansCJK-Regular.ttc")
BOLD_FILES = ("NotoSansCJK-Bold.ttc", "NotoSerifCJK-Bold.ttc", *REGULAR_FILES)
# Face index of the simplified-Chinese (SC) face inside the Noto CJK collections.
SC_FACE_INDEX = 2
INSTALL_HINT = "no CJK font found: apt-get install fonts-noto-cjk"

Font = ImageFont.FreeTypeFont


def font_path(bold: bool = False) -> Path:
    """The first CJK font file found, bold face if asked and present."""
    for name in BOLD_FILES if bold else REGULAR_FILES:
        for folder in FONT_DIRS:
            if (folder / name).is_file():
                return folder / name
    raise MissingDependencyError("fonts", INSTALL_HINT)


@lru_cache(maxsize=64)
def cjk_font(size: int, bold: bool = False) -> Font:
    """A simplified-Chinese font of ``size`` pixels (em size)."""
    path = font_path(bold)
    try:
        return ImageFont.truetype(str(path), size, index=SC_FACE_INDEX)
    except OSError:
        return ImageFont.truetype(str(path), size)
