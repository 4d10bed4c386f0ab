"""Read a page image (PNG, TIFF, JPEG; grey, RGB, 16-bit) into 8-bit grey NumPy arrays.

The pixel limit is checked on the size in the file header, before any pixel is decoded.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageFile, UnidentifiedImageError

from layout.errors import ImageError

Gray = NDArray[np.uint8]

_GREY_MODES = ("L", "1")
_WIDE_MODES = ("I;16", "I;16B", "I;16L", "I;16N", "I", "F")
_SIGNATURE_BYTES = 16  # as many as Image.open shows each format's signature test


@dataclass(slots=True)
class PageImage:
    """A decoded page: ``gray`` (H x W uint8) and, for colour sources, ``rgb`` (H x W x 3)."""

    gray: Gray
    rgb: NDArray[np.uint8] | None = None

    @property
    def size(self) -> tuple[int, int]:
        """(width, height) in pixels."""
        return (int(self.gray.shape[1]), int(self.gray.shape[0]))


def load_image(path: str | Path, max_pixels: int, keep_rgb: bool = False) -> PageImage:
    """Decode ``path``; refuse unreadable files and images over ``max_pixels``."""
    source = str(path)
    try:
        with open(source, "rb") as stream:
            im = _open_checked(stream, source, max_pixels)
            im.load()
            return _to_page_image(im, keep_rgb)
    except ImageError:
        raise
    except FileNotFoundError:
        raise ImageError(source, "no such file") from None
    except IsADirectoryError:
        raise ImageError(source, "is a directory, not an image") from None
    except UnidentifiedImageError:
        raise ImageError(source, "not an image relayout can read (PNG, TIFF or JPEG)") from None
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ImageError(source, f"cannot decode image: {_one_line(exc)}") from None


def _open_checked(stream: BinaryIO, source: str, max_pixels: int) -> Image.Image:
    """Open lazily (header only) and check the pixel count before decoding."""
    im = _open_header(stream, source)
    width, height = im.size
    if width * height > max_pixels:
        im.close()
        raise ImageError(
            source, f"image of {width}x{height} pixels is over the limit of {max_pixels} pixels"
        )
    return im


def _open_header(stream: BinaryIO, source: str) -> ImageFile.ImageFile:
    """What ``Image.open`` does, minus its decompression-bomb check against Pillow's
    global ``MAX_IMAGE_PIXELS``: relayout checks its own limit (``max_pixels``) on the
    header's size, and changing Pillow's global would change it for the whole process
    (other threads, the library user's own code). Each registered format whose
    signature matches the file's first bytes reads the header; none: not an image."""
    Image.init()  # Pillow's one-time registration of its format plugins
    prefix = stream.read(_SIGNATURE_BYTES)
    for name in Image.ID:
        factory, accept = Image.OPEN[name]
        if accept is not None and accept(prefix) is not True:
            continue
        try:
            stream.seek(0)
            return factory(stream, source)
        except (SyntaxError, IndexError, TypeError, struct.error):
            continue  # not this format after all: as Image.open, try the next one
    raise UnidentifiedImageError(source)


def _to_page_image(im: Image.Image, keep_rgb: bool) -> PageImage:
    if im.mode in _GREY_MODES:
        return PageImage(np.asarray(im.convert("L"), dtype=np.uint8).copy())
    if im.mode in _WIDE_MODES:
        return PageImage(_wide_to_gray(np.asarray(im)))
    rgb_im = _flatten_alpha(im) if "A" in im.getbands() else im.convert("RGB")
    gray = np.asarray(rgb_im.convert("L"), dtype=np.uint8).copy()
    rgb = np.asarray(rgb_im, dtype=np.uint8).copy() if keep_rgb else None
    return PageImage(gray, rgb)


def _wide_to_gray(arr: NDArray[np.generic]) -> Gray:
    """16-bit or 32-bit samples to uint8 with a fixed mapping: 65535 // 257 = 255 keeps
    paper white and ink black instead of stretching whatever range a scan used."""
    if arr.dtype.kind == "f":
        values = arr.astype(np.float64)
        scaled = values * 255.0 if float(values.max(initial=0.0)) <= 1.0 else values
        return np.asarray(np.clip(scaled, 0, 255), dtype=np.uint8)
    return np.asarray(np.clip(arr.astype(np.int64) // 257, 0, 255), dtype=np.uint8)


def _flatten_alpha(im: Image.Image) -> Image.Image:
    """Composite a transparent image onto white paper."""
    rgba = im.convert("RGBA")
    paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    return Image.alpha_composite(paper, rgba).convert("RGB")


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
