"""Which image rules (layout/image_rules.py) a test detects: each rule of the image
analysis, changed, changes what the analysis finds on a small generated page (clean and
scanned); the rules no test here detects are listed, with why, in docs/image-rules.md.

The analysis alone (no OCR) costs about 0.3 s of CPU a page image, so one change per rule
keeps this under a minute. The factor of each rule is the first of 0.5, 1.5, 0, 4 that
changes the analysis of these pages (a survey found them; the test asserts each one).
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from PIL import Image

from fixtures.generate import GenerateOptions, generate
from layout.conventions import CHINESE
from layout.image_rules import ImageRules
from layout.pageimage.analyze import analyze

from .conftest import ROOT

# Rule → the factor that changes the analysis of the pages below.
DETECTED = {
    "work_max_side": 0.5,
    "max_skew_deg": 0.0,
    "skew_coarse_step_deg": 0.5,
    "skew_fine_step_deg": 0.5,
    "skew_downscale": 1.5,
    "skew_coarse_downscale": 4.0,
    "skew_strips": 1.5,
    "skew_min_correction_deg": 0.5,
    "background_downscale": 0.5,
    "background_window_fraction": 0.5,
    "not_paper_ratio": 0.5,
    "photo_min_density": 0.5,
    "photo_density_window_glyphs": 0.5,
    "photo_min_side_glyphs": 0.5,
    "photo_edge_min_fill": 0.0,
    "rule_min_length_glyphs": 0.5,
    "rule_max_thickness_glyphs": 0.5,
    "glyph_height_percentile": 0.5,
    "smear_width_glyphs": 0.5,
    "line_join_gap_large": 0.5,
    "same_row_overlap": 1.5,
    "min_line_height_glyphs": 0.5,
    "min_line_width_glyphs": 0.5,
    "clear_around_glyphs": 0.5,
    "gutter_max_coverage": 0.5,
    "column_line_min_width_glyphs": 0.5,
    "stacked_valley_share": 1.5,
    "column_line_max_width": 0.5,
    "column_min_width_glyphs": 4.0,
    "block_max_gap_glyphs": 0.5,
    "block_max_size_ratio": 0.5,
    "block_min_x_overlap": 0.5,
    "headline_size_ratio": 0.5,
    "caption_max_gap_glyphs": 0.0,
    "caption_max_size_ratio": 0.5,
}


@pytest.fixture(scope="module")
def images(tmp_path_factory: pytest.TempPathFactory) -> list[np.ndarray]:
    (page,) = generate(GenerateOptions(pages=1, seed=21, out=tmp_path_factory.mktemp("rules")))
    return [np.asarray(Image.open(page / f"{k}.png").convert("L")) for k in ("page", "scan")]


def _analyses(images: list[np.ndarray], rules: ImageRules) -> list[str]:
    """Everything the analysis found (columns, rules, photos, lines, blocks, skew)."""
    return [repr(analyze(gray, rules)[0]) for gray in images]


@pytest.fixture(scope="module")
def baseline(images: list[np.ndarray]) -> list[str]:
    return _analyses(images, CHINESE.image)


def _numeric_image_rules() -> dict[str, float]:
    return {
        name.removeprefix("image."): value
        for name, value, _ in CHINESE.describe()
        if name.startswith("image.") and isinstance(value, int | float)
    }


def _changed(name: str, factor: float) -> ImageRules:
    value = _numeric_image_rules()[name]
    new = max(1, round(value * factor)) if isinstance(value, int) else value * factor
    return CHINESE.override({f"image.{name}": str(new)}).image


@pytest.mark.parametrize("name", DETECTED)
def test_image_rule_changes_the_analysis(
    name: str, images: list[np.ndarray], baseline: list[str]
) -> None:
    assert _analyses(images, _changed(name, DETECTED[name])) != baseline, name


def _undetected_in_docs() -> set[str]:
    docs = (ROOT / "docs" / "image-rules.md").read_text(encoding="utf-8")
    table = docs.split("<!-- undetected:start -->", 1)[1].split("<!-- undetected:end -->")[0]
    return set(re.findall(r"^\| `image\.([a-z_]+)` \|", table, re.M))


def test_every_image_rule_is_detected_here_or_listed_in_the_docs() -> None:
    """A new image rule is either pinned above or said, in the docs, to be unpinned."""
    undetected = _undetected_in_docs()
    assert not undetected & set(DETECTED)
    assert undetected | set(DETECTED) == set(_numeric_image_rules())


def _strokes_page() -> np.ndarray:
    """Ink of a large bold headline beside a column rule and a ruled frame (a box)."""
    from PIL import ImageDraw

    from layout.pageimage.fonts import cjk_font

    page = Image.new("L", (1400, 700), 255)
    draw = ImageDraw.Draw(page)
    draw.text((20, 20), "提高产业技术水平", font=cjk_font(110, bold=True), fill=0)
    draw.rectangle((40, 200, 43, 680), fill=0)  # a column rule
    draw.rectangle((300, 250, 560, 650), outline=0, width=3)  # a frame around a box
    return np.where(np.asarray(page) < 128, 255, 0).astype(np.uint8)


def _rules_found(rules: ImageRules) -> list[tuple[int, int, bool]]:
    from layout.pageimage.analyze import find_rules

    found = find_rules(_strokes_page(), 22.0, image_rules=rules)
    return sorted((r.box.y0, r.box.x0, r.vertical) for r in found)


def _in_headline(found: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    return [r for r in found if r[0] < 180]


def test_strokes_of_a_large_headline_are_not_rules() -> None:
    """A bold headline's strokes are longer than a rule's least length; those joined to
    the rest of their glyph (compact, well-filled ink) are dropped, the column rule and
    the frame's sides kept. (Strokes standing alone, such as the top bar of 高, are told
    from rules by the glyphs beside them: tests/test_headline_glyphs.py.)"""
    found = _rules_found(CHINESE.image)
    frame = [(250, 300, False), (250, 300, True), (250, 558, True), (648, 300, False)]
    assert [r for r in found if r[0] >= 180] == [(200, 40, True), *frame]
    assert _in_headline(found) == []
    # Checked both ways: no ink counted compact (and no glyph row looked at), or any
    # frame filled enough.
    no_aspect = CHINESE.override(
        {"image.stroke_max_aspect": "0.5", "image.stroke_row_reach": "-1"}
    ).image
    assert len(_in_headline(_rules_found(no_aspect))) > 0
    any_fill = CHINESE.override({"image.stroke_min_fill": "0.0"}).image
    assert [r for r in _rules_found(any_fill) if r[0] >= 180] == [(200, 40, True)]
