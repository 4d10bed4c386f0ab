"""The Tesseract wrapper (layout/pageimage/tesseract.py), run against the real Tesseract."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from layout.conventions import CHINESE
from layout.errors import ImageError, MissingDependencyError, OcrError, OcrTimeoutError
from layout.model import BBox
from layout.pageimage.load import load_image
from layout.pageimage.ocr import OcrCall, ocr_blocks
from layout.pageimage.page import BlockKind, LayoutBlock, TextLine
from layout.pageimage.tesseract import group_lines, parse_tsv, probe, read_words, require

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def printed(text: str, size: tuple[int, int] = (700, 90)) -> np.ndarray:
    image = Image.new("L", size, 255)
    try:
        font: ImageFont.FreeTypeFont | ImageFont.ImageFont = ImageFont.truetype(FONT, 40)
    except OSError:
        font = ImageFont.load_default(size=40)
    ImageDraw.Draw(image).text((20, 20), text, fill=0, font=font)
    return np.asarray(image)


def test_probe_finds_version_and_languages_and_is_cached() -> None:
    info = probe()
    assert info is not None and info.version.startswith("tesseract ")
    assert {"chi_sim", "eng"} <= info.languages
    assert probe() is info


def test_missing_program_is_a_missing_dependency() -> None:
    assert probe("/nonexistent/tesseract") is None
    with pytest.raises(MissingDependencyError, match=r"apt-get install tesseract-ocr$"):
        require("eng", "page.png", command="/nonexistent/tesseract")


def test_read_words_gives_the_printed_words_with_boxes() -> None:
    lines = group_lines(read_words(printed("Hello relayout world"), "eng", 7, "line.png"))
    assert [ln.text for ln in lines] == ["Hello relayout world"]
    x0, y0, x1, y1 = lines[0].box
    assert 10 <= x0 < x1 <= 700 and 10 <= y0 < y1 <= 90


def test_unknown_language_names_the_package() -> None:
    with pytest.raises(MissingDependencyError, match="apt-get install tesseract-ocr-xyz"):
        read_words(printed("abc"), "xyz", 7, "line.png")


def test_unreadable_image_file_is_an_ocr_error_in_one_line(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.png"
    garbage.write_bytes(b"\x89PNG\r\n\x1a\nnot really a png")
    with pytest.raises(OcrError) as caught:
        read_words(garbage, "eng", 3, str(garbage))
    assert "garbage.png" in str(caught.value) and "\n" not in str(caught.value)


def test_call_over_its_time_is_stopped_with_a_timeout_error() -> None:
    noise = np.random.default_rng(1).integers(0, 256, (2500, 2500)).astype(np.uint8)
    with pytest.raises(
        OcrTimeoutError, match=r"noise\.png: Tesseract did not finish within 0\.2 s"
    ):
        read_words(noise, "chi_sim", 3, "noise.png", timeout=0.2)


def test_ocr_leaves_the_process_environment_alone() -> None:
    before = dict(os.environ)
    image = printed("Hello relayout world")
    box = BBox(0, 0, image.shape[1], image.shape[0])
    block = LayoutBlock(box, BlockKind.BODY, [TextLine(box, 40.0)])
    (lines,) = ocr_blocks(image, [block], OcrCall("eng", "line.png"), 2, 40.0, CHINESE.image)
    assert "relayout" in " ".join(ln.text for ln in lines)
    assert dict(os.environ) == before


def test_tsv_rows_parse_including_an_empty_last_text_cell() -> None:
    tsv = (
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
        "5\t1\t1\t1\t1\t1\t10\t20\t30\t40\t96.7\t0123\n"
        "5\t1\t1\t1\t1\t2\t50\t20\t30\t40\t-1\n"
    )
    first, second = parse_tsv(tsv)
    assert (first.text, first.conf, first.line_key) == ("0123", 96, (1, 1, 1))
    assert (second.text, second.conf) == ("", -1)


def test_pixel_limit_is_checked_without_changing_pillows_global(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pillow's own limit (here set low) must neither refuse the image nor be changed."""
    path = tmp_path / "page.png"
    Image.fromarray(np.full((300, 400), 255, np.uint8)).save(path)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    assert load_image(path, max_pixels=200_000).size == (400, 300)
    assert Image.MAX_IMAGE_PIXELS == 1000
    with pytest.raises(ImageError, match="400x300 pixels is over the limit of 100000"):
        load_image(path, max_pixels=100_000)
