"""The eval system relayout-hocr: the real Tesseract's hOCR of a page image the test draws,
read back by relayout (layout/evaluate/hocr_system.py)."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw, ImageFont

from layout.evaluate import evaluate
from layout.evaluate.hocr_system import tesseract_hocr
from layout.evaluate.unavailable import Unavailable
from layout.model import BBox
from layout.options import Options
from layout.sources.hocr import read_hocr

pytestmark = pytest.mark.slow
FONTS = Path("/usr/share/fonts/truetype/dejavu")
BODY_PX, HEAD_PX = 26, 52
# Each headline fits its column: one running into the gutter, an em from the next, is
# what the fragments of one wide-set headline look like (Assembly.display_fragment_gap).
COLUMN_W, GUTTER, MARGIN = 700, 60, 50
STORIES = {
    "a": (
        "Harbour ferry returns",
        "The morning ferry sailed again on Monday after three weeks of repairs to its "
        "engine. Passengers waited on the pier from early light and the crew waved as "
        "the boat left the harbour on time. The operator said the winter timetable "
        "will start next month with two extra crossings every weekend.",
    ),
    "b": (
        "Library opens late",
        "The town library will stay open until nine in the evening from next week. "
        "Readers asked for longer hours in a survey last spring, and the council "
        "found the money for two more staff. Children's reading hours move to "
        "Saturday mornings so that families can come together.",
    ),
}


def font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / name), size)


def draw_page(folder: Path) -> dict[str, Any]:
    """Two articles side by side, a bold headline over each body; the truth beside it."""
    size = (2 * MARGIN + 2 * COLUMN_W + GUTTER, 700)
    image = Image.new("L", size, 255)
    pen = ImageDraw.Draw(image)
    articles, blocks, columns = [], [], []
    for i, (key, (head, body)) in enumerate(STORIES.items()):
        x = MARGIN + i * (COLUMN_W + GUTTER)
        pen.text((x, MARGIN), head, fill=0, font=font("DejaVuSans-Bold.ttf", HEAD_PX))
        y = MARGIN + 2 * HEAD_PX
        for line in textwrap.wrap(body, 44):
            pen.text((x, y), line, fill=0, font=font("DejaVuSerif.ttf", BODY_PX))
            y += int(BODY_PX * 1.5)
        columns.append([x, x + COLUMN_W])
        head_box = [x, MARGIN, x + COLUMN_W, MARGIN + int(HEAD_PX * 1.2)]
        blocks.append({"role": "headline", "article": key, "box": head_box})
        blocks.append({"role": "body", "article": key, "box": [x, head_box[3], x + COLUMN_W, y]})
        paragraphs = [{"role": "body", "text": body}]
        articles.append(
            {"id": key, "headline": [head], "bylines": [], "paragraphs": paragraphs, "captions": []}
        )
    image.save(folder / "page.png")
    gt = {"source": folder.name, "lang": "en", "articles": articles, "size": list(size)}
    gt |= {"columns": columns, "blocks": blocks}
    (folder / "gt.json").write_text(json.dumps(gt), encoding="utf-8")
    return gt


def test_tesseract_hocr_holds_lines_with_boxes_and_sizes(tmp_path: Path) -> None:
    draw_page(tmp_path)
    hocr = tesseract_hocr(tmp_path / "page.png", "eng", timeout=120)
    assert "ocr_line" in hocr and "x_size" in hocr and "Harbour" in hocr


def test_relayout_hocr_gives_back_both_articles_with_their_headlines(tmp_path: Path) -> None:
    (tmp_path / "p1").mkdir()
    draw_page(tmp_path / "p1")
    report = evaluate(tmp_path, ["relayout-hocr"], options=Options(lang="eng"))
    scores = report.systems["relayout-hocr"]
    assert report.pages == 1 and not report.failed and not report.unavailable
    assert scores["articles"].hit == scores["articles"].total == 2
    assert scores["headline"].hit == scores["headline"].total == 2
    assert "chars_lost" not in scores  # the input is OCR, not page.txt: nothing to count against
    assert scores["seconds"].total == 1


def test_missing_tesseract_language_makes_the_system_unavailable(tmp_path: Path) -> None:
    draw_page(tmp_path)
    with pytest.raises(Unavailable, match="tesseract-ocr-xyz"):
        tesseract_hocr(tmp_path / "page.png", "xyz", timeout=30)


def test_hocr_separators_are_read_as_the_page_rules() -> None:
    # as Tesseract writes them: a full-width rule under the running head, a column rule
    hocr = (
        b"<html><body><div class='ocr_page' title='bbox 0 0 1000 1400'>"
        b"<div class='ocr_separator' title=\"bbox 20 140 980 144\"></div>"
        b"<div class='ocr_separator' title=\"bbox 500 160 502 1300\"></div>"
        b"<div class='ocr_carea' title=\"bbox 20 160 480 200\"><p class='ocr_par'>"
        b"<span class='ocr_line' title=\"bbox 20 160 480 200; x_size 30\">"
        b"<span class='ocrx_word' title='bbox 20 160 480 200'>Harbour</span></span></p></div>"
        b"</div></body></html>"
    )
    (page,) = read_hocr(hocr, "page.hocr")
    assert page.rules == (BBox(20, 140, 980, 144), BBox(500, 160, 502, 1300))
    assert [ln.text for ln in page.lines] == ["Harbour"]
