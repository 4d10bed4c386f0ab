"""Inputs that crashed relayout or made it print warnings: each class has its test here.

Images are made in the test with NumPy and Pillow. Warnings are errors inside these
tests, so a NumPy "Degrees of freedom" or "Mean of empty slice" fails them too.
"""

from __future__ import annotations

import logging
import random
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from layout import Options, process_path, process_text
from layout.conventions import CHINESE
from layout.evidence import ArticleIndex
from layout.pageimage.analyze import analyze
from layout.pageimage.regions import build_regions

from .conftest import chars


@pytest.fixture(autouse=True)
def warnings_are_errors() -> Iterator[None]:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def cjk_run(length: int, seed: int) -> str:
    rng = random.Random(seed)
    return "".join(chr(rng.randrange(0x4E00, 0x4E00 + 3000)) for _ in range(length))


def as_lines(text: str, width: int = 20) -> str:
    return "\n".join(text[i : i + width] for i in range(0, len(text), width))


# --- no recursion ------------------------------------------------------------------------


def test_caption_sharing_a_long_run_with_an_article_does_not_recurse() -> None:
    """A credit repeating 3,000 characters of an article once went one call deeper per
    character and hit the recursion limit (1,000)."""
    run = cjk_run(3000, seed=1)
    others = [cjk_run(300, seed=k) for k in range(2, 5)]
    articles = [f"标题{k}\n\n{as_lines(o)}。" for k, o in enumerate(others)]
    text = "\n\n".join([*articles, f"重要新闻\n\n{as_lines(run)}。", "图片来源：" + run]) + "\n"
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(200)  # nothing may depend on the depth Python allows
    try:
        result = process_text(text, "long-run")
    finally:
        sys.setrecursionlimit(limit)
    assert any(c.text.startswith("图片来源") for a in result.articles for c in a.captions)


def test_shared_runs_of_any_length_need_no_recursion() -> None:
    run = cjk_run(5000, seed=3)
    index = ArticleIndex(["前" + run + "后", cjk_run(50, seed=4)], CHINESE.assign.ngram_sizes)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(100)
    try:
        assert index.shared(run, 0, limit=1) == [run]
        assert index.hits(run) == (0,)
    finally:
        sys.setrecursionlimit(limit)


# --- images whose blobs all have one height, tiny images -------------------------------


def page_with_square() -> np.ndarray:
    page = np.full((600, 400), 255, np.uint8)
    page[200:300, 150:250] = 0
    return page


def photo_only_page() -> np.ndarray:
    page = np.full((800, 600), 255, np.uint8)
    page[100:700, 100:500] = 90
    return page


ONE_HEIGHT_PAGES = {
    "all black": lambda: np.zeros((800, 600), np.uint8),
    "photo only": photo_only_page,
    "one black square": page_with_square,
    "all white": lambda: np.full((800, 600), 255, np.uint8),
}
TINY_SHAPES = [(1, 1), (2, 2), (1, 5000), (5000, 1), (3, 7)]


@pytest.mark.parametrize("name", ONE_HEIGHT_PAGES)
def test_page_whose_blobs_share_one_height_is_analysed(name: str) -> None:
    layout, _ = analyze(ONE_HEIGHT_PAGES[name](), CHINESE.image)
    build_regions(layout)
    assert layout.body_size > 0


@pytest.mark.parametrize("shape", TINY_SHAPES)
@pytest.mark.parametrize("value", [0, 128, 255])
def test_tiny_image_is_analysed_without_warnings(shape: tuple[int, int], value: int) -> None:
    layout, gray = analyze(np.full(shape, value, np.uint8), CHINESE.image)
    build_regions(layout)
    assert gray.shape == shape and layout.size == (shape[1], shape[0])


@pytest.mark.slow
@pytest.mark.parametrize("name", ["all black", "one black square"])
def test_one_height_page_image_through_the_cli_exits_0(tmp_path: Path, name: str) -> None:
    path = tmp_path / "page.png"
    Image.fromarray(ONE_HEIGHT_PAGES[name]()).save(path)
    proc = subprocess.run(
        [sys.executable, "-W", "error", "-m", "layout", str(path)], capture_output=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stderr == b""


@pytest.mark.slow
@pytest.mark.parametrize("shape", [(1, 1), (1, 5000)])
def test_tiny_page_image_through_the_cli_prints_nothing_on_stderr(
    tmp_path: Path, shape: tuple[int, int]
) -> None:
    path = tmp_path / "tiny.png"
    Image.fromarray(np.full(shape, 255, np.uint8)).save(path)
    proc = subprocess.run(
        [sys.executable, "-W", "error", "-m", "layout", str(path)], capture_output=True, timeout=120
    )
    assert (proc.returncode, proc.stderr) == (0, b"")


# --- a text with an unusable --image keeps its text -------------------------------------

TEXT = "本报讯 第一段文字内容，说明了事情的经过。\n第二行接着写完。\n\n第二段另起一行。\n"


@pytest.mark.slow
def test_text_beside_an_all_black_image_keeps_its_text(tmp_path: Path) -> None:
    text, image = tmp_path / "page.txt", tmp_path / "black.png"
    text.write_text(TEXT, encoding="utf-8")
    Image.fromarray(np.zeros((800, 600), np.uint8)).save(image)
    result = process_path(str(text), Options(image=image, jobs=1))
    got = "".join(p.text for a in result.articles for p in a.paragraphs)
    assert chars(got) == chars(TEXT)


@pytest.mark.parametrize("content", [b"\x89PNG\r\n\x1a\n not really a png", None])
def test_text_beside_an_unreadable_image_keeps_its_text_and_warns(
    tmp_path: Path, content: bytes | None, caplog: pytest.LogCaptureFixture
) -> None:
    text, image = tmp_path / "page.txt", tmp_path / "broken.png"
    text.write_text(TEXT, encoding="utf-8")
    if content is not None:
        image.write_bytes(content)  # else: the image is missing
    with caplog.at_level(logging.WARNING, logger="layout"):
        result = process_path(str(text), Options(image=image, jobs=1))
    got = "".join(p.text for a in result.articles for p in a.paragraphs)
    assert chars(got) == chars(TEXT)
    (record,) = caplog.records
    assert "page.txt" in record.getMessage() and "broken.png" in record.getMessage()


def test_unreadable_image_note_is_one_line_on_stderr(tmp_path: Path) -> None:
    text, image = tmp_path / "page.txt", tmp_path / "broken.png"
    text.write_text(TEXT, encoding="utf-8")
    image.write_bytes(b"GIF89a not a page")
    proc = subprocess.run(
        [sys.executable, "-m", "layout", str(text), "--image", str(image)],
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == 0
    assert chars(proc.stdout.decode()) >= chars(TEXT)
    lines = proc.stderr.decode().splitlines()
    assert len(lines) == 1 and "page.txt" in lines[0] and "broken.png" in lines[0], lines
