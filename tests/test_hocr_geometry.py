"""hOCR read as OCR of a page image: sizes measured from the line boxes, CJK words joined
without spaces, the engine's order a guess (layout/sources/hocr.py). The hOCR files are
written here by hand, shaped as Tesseract 5 writes them (its x_size per line, its word
boxes, one ideograph a word)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from layout.conventions import Conventions
from layout.model import Role
from layout.options import Options
from layout.sources import read_pages
from layout.sources.hocr import read_hocr
from layout.sources.page import mark_headlines
from layout.sources.wordlines import join_words

# (line box x0, y0, x1, y1; x_size or None; words)
LineSpec = tuple[tuple[int, int, int, int], float | None, Sequence[str]]


def hocr(paragraphs: Sequence[Sequence[LineSpec]], width: int = 1000, height: int = 1400) -> bytes:
    """A Tesseract-like hOCR page: one ocr_carea / ocr_par per paragraph."""
    out = [
        "<html><head><meta name='ocr-system' content='tesseract 5.3.0'/></head><body>",
        f"<div class='ocr_page' title='bbox 0 0 {width} {height}'>",
    ]
    for lines in paragraphs:
        out.append("<div class='ocr_carea'><p class='ocr_par'>")
        for (x0, y0, x1, y1), size, words in lines:
            title = f"bbox {x0} {y0} {x1} {y1}" + ("" if size is None else f"; x_size {size}")
            out.append(f"<span class='ocr_line' title='{title}'>")
            step = (x1 - x0) // max(1, len(words))
            for k, word in enumerate(words):
                wx = x0 + k * step
                out.append(
                    f"<span class='ocrx_word' title='bbox {wx} {y0} {wx + step} {y1}'>{word}</span>"
                )
            out.append("</span>")
        out.append("</p></div>")
    out.append("</div></body></html>")
    return "\n".join(out).encode()


def body_lines(top: int, count: int, x_size: float | None) -> list[LineSpec]:
    """Body lines 24 px tall on a 36 px pitch, Tesseract's x_size about 1.25 times that."""
    return [
        ((50, top + 36 * k, 450, top + 36 * k + 24), x_size, ["正文", "内容"]) for k in range(count)
    ]


def test_x_size_far_from_the_line_box_gives_way_to_the_box_scaled_by_the_page() -> None:
    # Tesseract estimated one body paragraph at 46.75 px, the others at 30 for the same
    # 24 px lines: the box's height times the page's ratio (30 / 24) is that paragraph's size.
    page = hocr(
        [
            [((50, 40, 650, 120), 100.0, ["大", "标题"])],
            body_lines(200, 4, 30.0),
            body_lines(400, 4, 46.75),
            body_lines(600, 4, 30.0),
        ]
    )
    (read,) = read_hocr(page, "page.hocr")
    sizes = [ln.size for ln in read.lines]
    assert sizes[0] == 100.0  # the headline's x_size agrees with its box (80 px x 1.25)
    assert sizes[1:] == [30.0] * 12  # the far-off paragraph measured as its neighbours


def test_far_off_body_paragraph_is_not_hinted_as_headline() -> None:
    page = hocr(
        [
            [((50, 40, 650, 120), 100.0, ["大标题"])],
            body_lines(200, 6, 30.0),
            body_lines(460, 6, 46.75),
        ]
    )
    (read,) = read_hocr(page, "page.hocr")
    mark_headlines(read.lines, Conventions().image.headline_size_ratio)
    assert [ln.hint for ln in read.lines] == [Role.HEADLINE] + [None] * 12


def test_lines_without_x_size_take_their_box_height_scaled_by_the_page() -> None:
    page = hocr([[((50, 40, 650, 120), 100.0, ["大标题"])], body_lines(200, 3, None)])
    (read,) = read_hocr(page, "page.hocr")
    # the page's ratio of x_size to box height is 100 / 80: 24 px boxes are 30 px type
    assert [ln.size for ln in read.lines] == [100.0, 30.0, 30.0, 30.0]


def test_hocr_without_any_x_size_measures_sizes_by_line_box_heights() -> None:
    page = hocr([[((50, 40, 650, 120), None, ["Storm"])], body_lines(200, 2, None)])
    (read,) = read_hocr(page, "page.hocr")
    assert [ln.size for ln in read.lines] == [80.0, 24.0, 24.0]


def test_hocr_sizes_are_measured_and_its_order_a_guess() -> None:
    (read,) = read_hocr(hocr([body_lines(200, 2, 30.0)]), "page.hocr")
    assert read.size_noise == Conventions().image.size_noise > 0
    assert read.ordered is False


def test_chinese_words_of_an_ocr_line_join_without_spaces() -> None:
    words = ["吴邦国", "致", "信", "全", "国", "代表", "，", "1998", "年", "CEO", "邓飚"]
    page = hocr([[((50, 200, 950, 230), 30.0, words)]])
    (read,) = read_hocr(page, "page.hocr")
    # no space between two CJK characters; beside digits and Latin words it may be printed
    assert read.lines[0].text == "吴邦国致信全国代表， 1998 年 CEO 邓飚"


@pytest.mark.parametrize(
    ("words", "line"),
    [
        (["Storm", "warning"], "Storm warning"),
        (["Café", "à", "Zürich"], "Café à Zürich"),
        (["新华社", "北京", "3", "月", "5", "日电"], "新华社北京 3 月 5 日电"),
        (["，", "。"], "，。"),
    ],
)
def test_join_words_keeps_spaces_only_off_cjk_pairs(words: list[str], line: str) -> None:
    assert join_words(words) == line


def test_chinese_hocr_file_read_through_read_pages_has_no_cjk_spaces(tmp_path: Path) -> None:
    path = tmp_path / "page.hocr"
    path.write_bytes(hocr([[((50, 200, 950, 230), 30.0, ["上半年", "经济", "逆势", "增长"])]]))
    (read,) = read_pages(str(path), Options())
    assert [ln.text for ln in read.lines] == ["上半年经济逆势增长"]
