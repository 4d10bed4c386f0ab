"""Debug overlays are drawn from the page result alone (layout/pageimage/overlay.py):
its boxes, photos, separators, columns and lines; no analysis runs and no file is read
but the page image's pixels."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from layout import process_text
from layout.conventions import CHINESE
from layout.model import Article, BBox, Column, PageResult, Paragraph, Role, Unassigned
from layout.pageimage.overlay import (
    PALETTE,
    ROLE_COLOURS,
    RULE_COLOUR,
    _pastel,
    draw_image_overlay,
    draw_text_overlay,
)

from .conftest import SEEDS

WIDTH, HEIGHT = 800, 1000  # under overlay_max_side: drawn at scale 1
BODY = BBox(100, 100, 300, 300)
LEFT_OVER = BBox(400, 100, 600, 150)
PHOTO = BBox(100, 500, 300, 700)
SEPARATOR = BBox(350, 50, 352, 900)


def _page() -> PageResult:
    return PageResult(
        "p.png",
        articles=[Article("a1", paragraphs=[Paragraph(Role.BODY, "x", [1], BODY)], box=BODY)],
        unassigned=[Unassigned(Role.HEADLINE, "y", [2], LEFT_OVER, "u1")],
        columns=[Column(100, 300), Column(400, 600)],
        size=(WIDTH, HEIGHT),
        photos=[PHOTO],
        separators=[SEPARATOR],
    )


def _draw(result: PageResult, out: Path) -> np.ndarray:
    white = np.full((HEIGHT, WIDTH), 255, dtype=np.uint8)
    draw_image_overlay(result, white, out, CHINESE.image)
    return np.asarray(Image.open(out).convert("RGB")).astype(int)


def _near(pixel: np.ndarray, colour: tuple[int, int, int], tolerance: int = 12) -> bool:
    return bool(np.abs(pixel - np.array(colour)).max() <= tolerance)


def test_image_overlay_draws_photos_separators_columns_and_unassigned_from_the_result(
    tmp_path: Path,
) -> None:
    drawn = _draw(_page(), tmp_path / "drawn.png")
    blank = _draw(PageResult("p.png", size=(WIDTH, HEIGHT)), tmp_path / "blank.png")
    checks = {
        "photo outline": ((PHOTO.y0 + 1, 200), ROLE_COLOURS["photo"]),
        "separator": ((400, SEPARATOR.x0), RULE_COLOUR),
        "unassigned headline outline": ((LEFT_OVER.y0 + 1, 500), ROLE_COLOURS["headline"]),
        "body outline": ((BODY.y0, 200), ROLE_COLOURS["body"]),
    }
    for name, ((y, x), colour) in checks.items():
        assert _near(drawn[y, x], colour, tolerance=40), (name, drawn[y, x])
        assert _near(blank[y, x], (255, 255, 255)), (name, blank[y, x])
    gutter = drawn[5, 350]  # the gap between the two columns, a band along the top
    assert gutter[2] > gutter[0] + 100 and _near(blank[5, 350], (255, 255, 255))
    inside = drawn[200, 200]  # the article's block, in its translucent colour
    red, _, blue = PALETTE[0]
    assert inside[0] - inside[2] > (red - blue) // 8
    left_over_inside = drawn[125, 500]  # an unassigned block is outlined, never filled
    assert _near(left_over_inside, (255, 255, 255))


def test_text_overlay_needs_no_file_and_reads_a_result_loaded_from_json(tmp_path: Path) -> None:
    """A result made from text alone (no file behind it: stdin, the library) draws its
    lines from the result's lines; one read back from JSON, from its pieces' texts."""
    text = SEEDS[1].read_text(encoding="utf-8")
    result = process_text(text, "<stdin>")
    assert len(result.articles) >= 5
    from layout.export import to_dict

    loaded = PageResult.from_dict(to_dict(result))
    assert loaded.lines == []
    for name, page in (("made", result), ("loaded", loaded)):
        out = tmp_path / f"{name}.png"
        draw_text_overlay(page, out, CHINESE.image)
        image = np.asarray(Image.open(out).convert("RGB"))
        colours = {tuple(int(v) for v in c) for c in np.unique(image.reshape(-1, 3), axis=0)}
        for i, article in enumerate(page.articles):
            if article.lines:
                assert _pastel(i) in colours, (name, article.id)
