"""Large type read whole: the strokes and flat marks of a headline stay in its line, and
PP-OCR's reading of the Chinese two-em dash is mended (issue 14).

Each test draws the case with a real CJK font and runs the real analysis (and, for the
dash, the real PP-OCR model), then switches the rule off to show that it is what acts.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from layout.conventions import CHINESE
from layout.image_rules import ImageRules
from layout.model import BBox
from layout.pageimage import ppocr
from layout.pageimage.analyze import find_lines, find_rules
from layout.pageimage.fonts import cjk_font
from layout.pageimage.page import BlockKind, LayoutBlock, TextLine

BODY = 22.0  # body glyph height of the drawn pages, in pixels


def _ink(draw_on: Image.Image) -> np.ndarray:
    return np.where(np.asarray(draw_on) < 128, 255, 0).astype(np.uint8)


def _headline_page(text: str) -> np.ndarray:
    """A bold 90 px headline over a column of body lines beside a long column rule, and
    a double rule (two thin rules side by side, each as tall as the other)."""
    page = Image.new("L", (1500, 700), 255)
    draw = ImageDraw.Draw(page)
    draw.text((40, 30), text, font=cjk_font(90, bold=True), fill=0)
    draw.rectangle((560, 200, 562, 680), fill=0)  # a column rule
    draw.rectangle((900, 200, 902, 680), fill=0)  # a double rule
    draw.rectangle((912, 200, 914, 680), fill=0)
    for row in range(12):
        draw.text((60, 210 + row * 38), "本报讯记者从有关部门获悉近日", font=cjk_font(22), fill=0)
    return _ink(page)


def _rules_in(ink: np.ndarray, rules: ImageRules) -> tuple[list[BBox], list[BBox]]:
    """(rules found in the headline's band, rules found below it)."""
    found = [r.box for r in find_rules(ink, BODY, image_rules=rules)]
    return [b for b in found if b.y0 < 160], [b for b in found if b.y0 >= 160]


def test_strokes_beside_headline_glyphs_are_not_rules() -> None:
    """一 and the long stroke of the hand radical (提, 担) are longer than a rule's least
    length, and neither is compact ink: the glyphs beside them, as tall as the stroke is
    long, say they are type. The column rule, far longer than the body lines beside it,
    stays a rule, and so do both halves of a double rule."""
    ink = _headline_page("第一，提高农电负担")
    in_headline, below = _rules_in(ink, CHINESE.image)
    assert in_headline == []
    assert sorted(b.x0 for b in below) == [560, 900, 912]
    for off in ({"image.stroke_row_reach": "-1"}, {"image.stroke_row_heights": "5,6"}):
        assert len(_rules_in(ink, CHINESE.override(off).image)[0]) >= 1, off
    # The double rule's two halves are no glyphs beside each other: too thin.
    thin_too = CHINESE.override({"image.stroke_row_min_width": "0"}).image
    assert sorted(b.x0 for b in _rules_in(ink, thin_too)[1]) == [560]


def _headline_lines(ink: np.ndarray, rules: ImageRules) -> list[TextLine]:
    return [ln for ln in find_lines(ink, BODY, [], image_rules=rules) if ln.box.y0 < 160]


def _drawn_headline(text: str, spacing: int = 0) -> np.ndarray:
    """A bold 90 px headline, its glyphs ``spacing`` px apart beyond their advance."""
    page = Image.new("L", (1500, 200), 255)
    draw, font = ImageDraw.Draw(page), cjk_font(90, bold=True)
    x = 40.0
    for glyph in text:
        draw.text((x, 30), glyph, font=font, fill=0)
        x += font.getlength(glyph) + spacing
    return _ink(page)


def test_flat_marks_stay_in_the_headline_line() -> None:
    """一 and the colon's dots are too flat or small to be lines of their own; left out,
    they cut 原因之一：农电负担重 in two at the hole they leave (wider than the headline's
    join gap). Taken into the row of the glyphs beside them, the headline is one line."""
    ink = _drawn_headline("原因之一：农电负担重")
    whole = _headline_lines(ink, CHINESE.image)
    assert len(whole) == 1
    assert whole[0].box.x0 < 60 and whole[0].box.x1 > 900
    for off in ({"image.inside_row_max_width": "0"}, {"image.inside_row_margin": "-0.5"}):
        assert len(_headline_lines(ink, CHINESE.override(off).image)) >= 2, off


def test_a_flat_last_glyph_stays_in_the_headline_line() -> None:
    """一 at the end of a letter-spaced headline has a glyph on one side only: it is taken
    in for being flat (at most ``inside_row_max_height`` body glyphs tall), and the line
    reaches it."""
    ink = _drawn_headline("步调统一", spacing=20)
    (line,) = _headline_lines(ink, CHINESE.image)
    flat_off = CHINESE.override({"image.inside_row_max_height": "0"}).image
    headline, alone = sorted(_headline_lines(ink, flat_off), key=lambda ln: ln.box.x0)
    assert line.box.x1 - headline.box.x1 > 60  # 一 is about 80 px wide at this size
    assert alone.box.height < 20  # ... and left as a "line" of its own, flat


def _dash_line(text: str) -> tuple[np.ndarray, BBox]:
    """One line of 40 px type on white, and its box (tight, as the analysis finds it)."""
    page = Image.new("L", (700, 80), 255)
    draw = ImageDraw.Draw(page)
    font = cjk_font(40)
    draw.text((20, 20), text, font=font, fill=0)
    x0, y0, x1, y1 = draw.textbbox((20, 20), text, font=font)
    return np.asarray(page), BBox(x0, y0, x1, y1)


@pytest.mark.parametrize(
    ("printed", "dashes"),
    [
        ("——李彦生陈爱国", 2),
        ("本报讯——李彦生", 2),
        ("北京—上海", 0),
        ("———菜篮子产品", 3),
        ("四月六日，———县市", 3),
    ],
)
def test_em_dash_runs_read_as_printed(printed: str, dashes: int) -> None:
    """PP-OCR reads the two-em dash (one unbroken stroke) as one —, and a three-em one
    as one or two; the stroke's length gives the count back. A one-em dash (a range,
    一字线; PP-OCR reads it as － here) is not doubled."""
    gray, box = _dash_line(printed)
    block = LayoutBlock(box, BlockKind.BODY, [TextLine(box, float(box.height))])
    (lines,) = ppocr.read_blocks(gray, [block], 1, CHINESE.image)
    assert [line.text.count("—") for line in lines] == [dashes]
    if dashes:
        # The engine itself reads one dash where two are printed: the rule mends it.
        for never in ({"image.dash_min_ems": "100"}, {"image.dash_max_thickness": "0.01"}):
            (raw,) = ppocr.read_blocks(gray, [block], 1, CHINESE.override(never).image)
            assert raw[0].text.count("—") < dashes, never


def test_rule_under_a_line_is_no_dash_run() -> None:
    """A flat stroke five heights long in a line's crop (an underline, a rule) is not a
    run of five dashes: the dash the text holds stays as the OCR read it."""
    gray, box = _dash_line("本报讯——李彦生")
    page = np.array(gray)
    page[box.y1 - 3 : box.y1, box.x0 : box.x0 + 5 * box.height] = 0
    block = LayoutBlock(box, BlockKind.BODY, [TextLine(box, float(box.height))])
    (lines,) = ppocr.read_blocks(page, [block], 1, CHINESE.image)
    assert lines[0].text.count("—") <= 2


def test_dash_run_the_ocr_dropped_at_a_line_start_is_given_back() -> None:
    """On scans PP-OCR sometimes reads a line opening with ——— without it: the stroke at
    the line's left edge gives it back (as three dashes, by its length); not when the
    rule is off, nor when the stroke is inside the line."""
    gray, box = _dash_line("———县市区委书记")
    assert ppocr._em_dashes("县市区委书记", gray, box, CHINESE.image) == "———县市区委书记"
    off = CHINESE.override({"image.dash_lead_max_ems": "-1"}).image
    assert ppocr._em_dashes("县市区委书记", gray, box, off) == "县市区委书记"
    inside, inside_box = _dash_line("县市——区委书记")
    assert ppocr._em_dashes("县市区委书记", inside, inside_box, CHINESE.image) == "县市区委书记"
