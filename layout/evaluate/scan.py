"""Ground truth moved onto scan.png: the generator's skew applied to every box and column."""

from __future__ import annotations

import copy
from typing import Any


def transform_point(m: list[list[float]], x: float, y: float) -> tuple[float, float]:
    return (m[0][0] * x + m[0][1] * y + m[0][2], m[1][0] * x + m[1][1] * y + m[1][2])


def transform_box(m: list[list[float]], box: list[int]) -> list[int]:
    """The upright box enclosing a box's four corners after the affine map ``m``."""
    x0, y0, x1, y1 = box
    pts = [transform_point(m, x, y) for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1))]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return [round(min(xs)), round(min(ys)), round(max(xs)), round(max(ys))]


def gt_for_scan(gt: dict[str, Any]) -> dict[str, Any]:
    """A copy of gt.json with boxes and columns as they lie on scan.png (if it was skewed)."""
    m = gt.get("scan_matrix")
    if not m:
        return gt
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
