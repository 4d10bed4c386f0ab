"""hOCR read as OCR of a page image: sizes measured from the line boxes, CJK words joined
without spaces, the engine's order a guess (layout/sources/hocr.py). The hOCR files are
written here by hand, shaped as Tesseract 5 writes them (its x_size per line, its word
boxes, one ideograph a word)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import pytest
from PIL import Image as PILImage
from PIL import ImageDraw

from layout import process_path
from layout.conventions import Conventions
from layout.export import to_dict
from layout.model import Role
from layout.options import Options
from layout.pageimage.ocrsource import image_photos
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


def test_a_lines_size_is_the_mean_of_its_x_size_and_its_box_scaled_by_the_page() -> None:
    # Tesseract gives the paragraph 30; the last line's box is 22 px, 27.5 at the page's
    # 1.25: a line of small type in a paragraph of body measures between the two.
    lines = [*body_lines(200, 3, 30.0), ((50, 308, 450, 330), 30.0, ["图片", "来源"])]
    page = hocr([[((50, 40, 650, 120), 100.0, ["大标题"])], lines])
    (read,) = read_hocr(page, "page.hocr")
    assert [ln.size for ln in read.lines] == [100.0, 30.0, 30.0, 30.0, 28.75]


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


# --- the image path's geometry: columns from the line boxes, photos from --image --------

COLUMN_X = (60, 400, 740)  # three columns 300 px wide, 40 px gutters
COLUMN_W = 300


def three_column_page() -> bytes:
    """A headline over three columns of body, each 20 lines of 24 px type."""
    head: list[LineSpec] = [((60, 40, 1000, 120), 100.0, ["三栏", "大标题"])]
    columns = [
        [((x, 200 + 36 * k, x + COLUMN_W, 224 + 36 * k), 30.0, ["正文", "内容"]) for k in range(20)]
        for x in COLUMN_X
    ]
    return hocr([head, *columns], width=1100, height=1000)


def test_columns_of_an_hocr_page_come_from_its_line_boxes(tmp_path: Path) -> None:
    path = tmp_path / "page.hocr"
    path.write_bytes(three_column_page())
    result = process_path(str(path))
    assert [(c.x0, c.x1) for c in result.columns] == [(x, x + COLUMN_W) for x in COLUMN_X]
    assert to_dict(result)["columns"] == [[x, x + COLUMN_W] for x in COLUMN_X]


def test_photo_found_on_the_page_image_gathers_its_caption(tmp_path: Path) -> None:
    """Tesseract marked no photo; the analysis of --image finds the grey one, and the
    small lines under it are its caption, not body."""
    body = [((60, 100 + 36 * k, 360, 124 + 36 * k), 30.0, ["正文内容"]) for k in range(24)]
    head: list[LineSpec] = [((60, 20, 900, 80), 75.0, ["大标题"])]
    caption: list[LineSpec] = [((420, 620, 900, 640), 25.0, ["图为", "新建", "的大桥"])]
    page = hocr([head, body, caption], width=1000, height=1000)
    path = tmp_path / "page.hocr"
    path.write_bytes(page)
    image = PILImage.new("L", (1000, 1000), 255)
    pen = ImageDraw.Draw(image)
    pen.rectangle((420, 200, 900, 600), fill=150)  # a flat grey photo, as generated pages have
    for (x0, y0, x1, y1), _, _ in [*head, *body, *caption]:
        pen.rectangle((x0, y0 + 4, x1, y1 - 4), fill=0)  # ink where the lines are
    image.save(tmp_path / "page.png")
    without = process_path(str(path))
    assert without.photos == [] and not any(a.captions for a in without.articles)
    result = process_path(str(path), Options(image=tmp_path / "page.png"))
    (photo,) = result.photos  # the analysis' box, a few pixels wider than the grey
    assert abs(photo.x0 - 420) <= 10 and abs(photo.y1 - 600) <= 10
    captions = [c.text for a in result.articles for c in a.captions]
    assert captions == ["图为新建的大桥"]


def test_photo_of_a_skewed_scan_is_given_in_the_scans_own_pixels(tmp_path: Path) -> None:
    """The analysis straightens the scan before it looks for photos; hOCR boxes are on
    the scan as it is, so the photo is turned back onto it."""
    lines = [((60, 100 + 36 * k, 360, 124 + 36 * k), 30.0, ["正文内容"]) for k in range(24)]
    lines += [((420, 650 + 36 * k, 900, 674 + 36 * k), 30.0, ["正文内容"]) for k in range(8)]
    image = PILImage.new("L", (1000, 1000), 255)
    pen = ImageDraw.Draw(image)
    pen.rectangle((420, 200, 900, 600), fill=150)
    for (x0, y0, x1, y1), _, _ in lines:
        pen.rectangle((x0, y0 + 4, x1, y1 - 4), fill=0)
    degrees = 4.0  # counter-clockwise about the centre, as a scanner may feed a page
    image.rotate(degrees, fillcolor=255).save(tmp_path / "scan.png")
    turn = math.radians(degrees)
    corners = [(x, y) for x in (420, 900) for y in (200, 600)]
    xs = [500 + (x - 500) * math.cos(turn) + (y - 500) * math.sin(turn) for x, y in corners]
    ys = [500 - (x - 500) * math.sin(turn) + (y - 500) * math.cos(turn) for x, y in corners]
    (photo,) = image_photos(tmp_path / "scan.png", (1000, 1000), Options())
    found = (photo.x0, photo.y0, photo.x1, photo.y1)
    expected = (min(xs), min(ys), max(xs), max(ys))
    assert all(abs(a - b) <= 12 for a, b in zip(found, expected, strict=True)), found
    (half,) = image_photos(tmp_path / "scan.png", (500, 500), Options())
    assert abs(half.x0 - photo.x0 / 2) <= 1  # hOCR of the image at half its resolution


def test_an_image_that_cannot_be_read_costs_the_photos_not_the_page(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "page.hocr"
    path.write_bytes(three_column_page())
    broken = tmp_path / "page.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n not a picture")
    result = process_path(str(path), Options(image=broken))
    assert len(result.columns) == 3 and result.articles
    (warning,) = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert str(path) in warning and "image not used" in warning and "page.png" in warning


def test_headline_read_in_two_fragments_with_a_stroke_between_is_one_headline(
    tmp_path: Path,
) -> None:
    """Tesseract cut a headline where it took the stroke of a large glyph for a separator
    (short: a glyph tall) and read marks on another glyph (``| =``, half the size): the
    stroke is no rule, the fragments one row; the marks are noise (no word in them),
    reported with the unassigned blocks rather than read into the headline."""
    head = [
        ((738, 195, 937, 228), 44.0, ["|", "="]),
        ((735, 196, 1009, 262), 82.0, ["昆山", "高新"]),
        ((1025, 195, 1946, 263), 82.0, ["全产业链", "保税", "模式", "改革", "加速"]),
    ]
    columns = [
        [((x, 300 + 40 * k, x + 480, 326 + 40 * k), 31.0, ["正文", "内容"]) for k in range(12)]
        for x in (84, 592, 1100, 1608)
    ]
    page = hocr([head, *columns], width=2100, height=900).replace(
        b"</div></body>",
        b"<div class='ocr_separator' title='bbox 1017 199 1025 260'></div></div></body>",
    )
    path = tmp_path / "page.hocr"
    path.write_bytes(page)
    result = process_path(str(path))
    assert [a.headline for a in result.articles] == [["昆山高新全产业链保税模式改革加速"]]
    assert [u.text for u in result.unassigned] == ["| ="]
