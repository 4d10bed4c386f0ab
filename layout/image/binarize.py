"""Paper level, ink mask and "not paper" mask, robust to uneven lighting.

The paper level is the local maximum of a heavily downscaled copy (the paper is the
brightest thing near any point), smoothed and scaled back up. Dividing by it flattens
shading before Otsu's threshold picks ink.
"""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

from layout.image.params import BACKGROUND_DOWNSCALE, BACKGROUND_WINDOW_FRACTION, NOT_PAPER_RATIO

Gray = NDArray[np.uint8]
Mask = NDArray[np.uint8]  # 255 where set, 0 elsewhere


def paper_level(gray: Gray) -> Gray:
    """The local paper brightness at every pixel of ``gray``."""
    h, w = gray.shape
    small = cv2.resize(
        gray,
        (max(1, w // BACKGROUND_DOWNSCALE), max(1, h // BACKGROUND_DOWNSCALE)),
        interpolation=cv2.INTER_AREA,
    )
    side = max(3, int(min(small.shape) * BACKGROUND_WINDOW_FRACTION) | 1)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (side, side))
    level = cv2.blur(cv2.dilate(small, kernel), (side, side))
    up: Gray = cv2.resize(level, (w, h), interpolation=cv2.INTER_LINEAR)
    return up


def normalize(gray: Gray, paper: Gray) -> Gray:
    """``gray`` with the paper brought to white everywhere."""
    out: Gray = cv2.divide(gray, np.maximum(paper, 1), scale=255)
    return out


def ink_mask(normalized: Gray) -> Mask:
    """Ink (255) by Otsu's threshold on the normalized image."""
    _, mask = cv2.threshold(normalized, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    out: Mask = mask
    return out


def not_paper_mask(normalized: Gray) -> Mask:
    """Everything visibly darker than the paper, including flat grey photo areas."""
    out: Mask = np.where(normalized < int(255 * NOT_PAPER_RATIO), 255, 0).astype(np.uint8)
    return out
