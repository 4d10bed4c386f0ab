"""The column grid completed from the columns an image's text shows (pageimage/grid.py)."""

from __future__ import annotations

from layout.model import BBox, Column
from layout.pageimage.grid import completed_grid

PITCH, WIDTH = 424, 394  # a six-column page at 200 dpi: 30 px gutters
GRID = [Column(83 + i * PITCH, 83 + i * PITCH + WIDTH) for i in range(6)]
EXTENT = [BBox(83, 300, 83 + 5 * PITCH + WIDTH, 3700)]  # text from the first to the last


def _near(a: list[Column], b: list[Column]) -> bool:
    return len(a) == len(b) and all(
        abs(x.x0 - y.x0) <= 2 and abs(x.x1 - y.x1) <= 2 for x, y in zip(a, b, strict=True)
    )


def test_columns_missed_under_photos_are_filled_in() -> None:
    """Two columns hold mostly photos: the analysis found the other four; a third it
    found narrower (a few short lines). The grid gives back all six, full width."""
    found = [GRID[0], Column(GRID[2].x0 + 200, GRID[2].x1), GRID[3], GRID[5]]
    assert _near(completed_grid(found, EXTENT, tol=24), GRID)


def test_text_set_across_two_columns_keeps_the_grid() -> None:
    """A lead set on the measure of two grid columns spans them edge to edge."""
    found = [Column(GRID[0].x0, GRID[1].x1), *GRID[2:]]
    assert _near(completed_grid(found, EXTENT, tol=24), GRID)


def test_columns_of_other_widths_are_kept_as_found() -> None:
    """A page set on columns that share no width and pitch keeps what was found; so
    does a page where a column crosses the grid's gutter."""
    uneven = [Column(14, 193), Column(233, 344), Column(383, 525), Column(535, 605)]
    assert completed_grid(uneven, [BBox(14, 0, 605, 900)], tol=10) == uneven
    crossing = [GRID[0], GRID[1], Column(GRID[2].x0 + 200, GRID[3].x0 + 200), GRID[4]]
    assert completed_grid(crossing, EXTENT, tol=24) == crossing
