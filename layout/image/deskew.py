"""Estimate and correct the page skew from its text lines.

The score of an angle is the sum of squares of the ink projection profile along that
angle, taken per vertical strip: the profile is sharpest (lines and gaps apart) when the
angle follows the text lines. Shearing pixel coordinates instead of rotating the image
makes each candidate angle a single ``np.bincount``.
"""

from __future__ import annotations

import math

import cv2
import numpy as np
from numpy.typing import NDArray

from layout.image.params import (
    MAX_SKEW_DEG,
    SKEW_COARSE_STEP_DEG,
    SKEW_DOWNSCALE,
    SKEW_FINE_STEP_DEG,
    SKEW_MIN_CORRECTION_DEG,
    SKEW_MIN_DARKNESS,
    SKEW_STRIPS,
)

Gray = NDArray[np.uint8]


def estimate_skew(gray: Gray) -> float:
    """The angle in degrees (counter-clockwise) by which the page's text lines are rotated."""
    points = _ink_points(gray)
    if points is None:
        return 0.0
    coarse = np.arange(-MAX_SKEW_DEG, MAX_SKEW_DEG + 1e-9, SKEW_COARSE_STEP_DEG)
    best = _best_angle(points, coarse)
    fine = np.arange(
        best - SKEW_COARSE_STEP_DEG, best + SKEW_COARSE_STEP_DEG + 1e-9, SKEW_FINE_STEP_DEG
    )
    return float(np.clip(_best_angle(points, fine), -MAX_SKEW_DEG, MAX_SKEW_DEG))


def rotate(gray: Gray, angle: float) -> Gray:
    """Rotate ``gray`` by ``-angle`` about its centre (undoing a skew of ``angle``)."""
    if abs(angle) < SKEW_MIN_CORRECTION_DEG:
        return gray
    h, w = gray.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)
    out: Gray = cv2.warpAffine(
        gray, matrix, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )
    return out


_Points = tuple[NDArray[np.float32], NDArray[np.float32], NDArray[np.int64], NDArray[np.float32]]


def _ink_points(gray: Gray) -> _Points | None:
    """Coordinates (centred x, y), strip index and darkness of the inked pixels."""
    h, w = gray.shape
    small = cv2.resize(
        gray,
        (max(1, w // SKEW_DOWNSCALE), max(1, h // SKEW_DOWNSCALE)),
        interpolation=cv2.INTER_AREA,
    )
    dark = 255 - small.astype(np.int16)
    ys, xs = np.nonzero(dark > SKEW_MIN_DARKNESS)
    if len(xs) < 2:
        return None
    sw = small.shape[1]
    strips = (xs * SKEW_STRIPS // sw).astype(np.int64)
    weights = dark[ys, xs].astype(np.float32)
    return xs.astype(np.float32) - sw / 2, ys.astype(np.float32), strips, weights


def _best_angle(points: _Points, angles: NDArray[np.float64]) -> float:
    scores = [_score(points, float(a)) for a in angles]
    return float(angles[int(np.argmax(scores))])


def _score(points: _Points, angle: float) -> float:
    xs, ys, strips, weights = points
    shifted = ys + xs * math.tan(math.radians(angle))
    rows = np.round(shifted).astype(np.int64)
    rows -= rows.min()
    height = int(rows.max()) + 1
    profile = np.bincount(strips * height + rows, weights=weights)
    return float(np.dot(profile, profile))
