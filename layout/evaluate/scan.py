"""Ground truth moved onto scan.png: the generator's skew applied to every box and column."""

from __future__ import annotations

import copy
from typing import Any

import cv2
import numpy as np

from layout.pageimage.analyze import enclosing_box


def transform_point(m: list[list[float]], x: float, y: float) -> tuple[float, float]:
    return (m[0][0] * x + m[0][1] * y + m[0][2], m[1][0] * x + m[1][1] * y + m[1][2])


def transform_box(m: list[list[float]], box: list[int]) -> list[int]:
    """The upright box enclosing a box's four corners after the affine map ``m``."""
    return [round(v) for v in enclosing_box(box, m)]


def gt_for_scan(gt: dict[str, Any], deskew: float | None = None) -> dict[str, Any]:
    """A copy of gt.json with boxes and columns as they lie on scan.png (if it was skewed)
    or, when the system straightened the scan by rotating it ``deskew`` degrees (its
    result's ``skew``), as they lie on the straightened page its boxes refer to: a wide
    box rotated and enclosed again would be taller than the line it holds."""
    m = gt.get("scan_matrix")
    if not m:
        return gt
    if deskew:
        width, height = gt.get("size", [0, 0])
        m = _then(m, _rotation(-deskew, width / 2, height / 2))
    out = copy.deepcopy(gt)
    mid_y = gt.get("size", [0, 0])[1] / 2
    for block in out.get("blocks", []):
        block["box"] = transform_box(m, block["box"])
    out["regions"] = {k: transform_box(m, v) for k, v in out.get("regions", {}).items()}
    out["columns"] = [
        [round(transform_point(m, x0, mid_y)[0]), round(transform_point(m, x1, mid_y)[0])]
        for x0, x1 in out.get("columns", [])
    ]
    return out


def _rotation(degrees: float, cx: float, cy: float) -> list[list[float]]:
    """The affine map of a rotation about (cx, cy): the one the analysis deskews with."""
    matrix: list[list[float]] = cv2.getRotationMatrix2D((cx, cy), degrees, 1.0).tolist()
    return matrix


def _then(first: list[list[float]], second: list[list[float]]) -> list[list[float]]:
    """The affine map ``second`` after ``first``."""
    last = [[0.0, 0.0, 1.0]]
    both: list[list[float]] = (np.array(second + last) @ np.array(first + last))[:2].tolist()
    return both
