"""The page's column grid completed from the columns its text shows.

A newspaper page is set on a grid of equal columns and gutters (NEWSPAPER-CONVENTIONS.md).
The analysis finds a column where body lines cover it; a column under a photo, or one
holding only a few short lines, covers too little and is missed, or is found narrower
than it is. When the columns found share one width and pitch and none of them crosses a
gutter of that grid (text set across several of its columns spans them edge to edge),
the grid's columns are the page's, from its leftmost text to its rightmost. A page set
on columns of other widths keeps the columns found.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from statistics import median

from layout.model import BBox, Column


def completed_grid(columns: Sequence[Column], extent: Sequence[BBox], tol: float) -> list[Column]:
    """The grid's columns over the page's ``extent`` (text and photos), or ``columns``
    as found when they show no regular grid (``tol``: how far an edge may stray)."""
    found = sorted(columns, key=lambda c: c.x0)
    full = _full_width(found, tol)
    if len(full) < 2 or not extent:
        return list(found)
    width = median(c.x1 - c.x0 for c in full)
    pitch = _pitch([c.x0 for c in full], width, tol)
    if pitch is None:
        return list(found)
    left = min(b.x0 for b in extent)
    right = max(b.x1 for b in extent)
    origin = float(full[0].x0)
    while origin - pitch >= left - tol:
        origin -= pitch
    grid: list[Column] = []
    x0 = origin
    while x0 + width <= right + tol:
        grid.append(Column(round(x0), round(x0 + width)))
        x0 += pitch
    fits = all(_on_grid(c, grid, tol) for c in found)
    return grid if fits else list(found)


def _on_grid(column: Column, grid: list[Column], tol: float) -> bool:
    """Inside one of the grid's columns, or spanning several from edge to edge (text
    set on a wider measure: a lead across two columns)."""
    if any(g.x0 - tol <= column.x0 and column.x1 <= g.x1 + tol for g in grid):
        return True
    starts = any(abs(g.x0 - column.x0) <= tol for g in grid)
    return starts and any(abs(g.x1 - column.x1) <= tol for g in grid)


def _full_width(found: list[Column], tol: float) -> list[Column]:
    """The columns of the most common width (within ``tol``; the wider on a tie)."""
    groups: list[list[Column]] = []
    for column in sorted(found, key=lambda c: c.x1 - c.x0):
        width = column.x1 - column.x0
        if groups and width - (groups[-1][0].x1 - groups[-1][0].x0) <= tol:
            groups[-1].append(column)
        else:
            groups.append([column])
    best = max(groups, key=lambda g: (len(g), g[-1].x1 - g[-1].x0), default=[])
    return sorted(best, key=lambda c: c.x0)


def _pitch(starts: list[int], width: float, tol: float) -> float | None:
    """The distance from one column's start to the next: starts are whole numbers of
    pitches apart, and a pitch is a column and a gutter narrower than half a column."""
    steps = [b - a for a, b in pairwise(starts)]
    shortest = min(steps)
    for count in range(1, round(shortest / width) + 1):
        pitch = shortest / count
        if not width < pitch < 1.5 * width:
            continue
        counts = [round(step / pitch) for step in steps]
        if all(abs(step - n * pitch) <= tol * n for step, n in zip(steps, counts, strict=True)):
            return median(step / n for step, n in zip(steps, counts, strict=True))
    return None
