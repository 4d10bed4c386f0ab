"""The OCR engines behind ``--ocr`` (layout/pageimage/engines.py): Tesseract and PP-OCRv4
through rapidocr-onnxruntime, both real; ``auto``'s choice; which engine read each line.

Pages come from the labelled page generator (fixtures.generate, real Noto CJK fonts).
"""

from __future__ import annotations

import difflib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from fixtures.generate import GenerateOptions, generate
from layout import Options, process_path
from layout.conventions import CHINESE
from layout.errors import MissingDependencyError
from layout.evaluate.image_metrics import cer, headlines_read, unordered_cer
from layout.model import BBox, Line
from layout.pageimage import engines, ppocr
from layout.pageimage.analyze import analyze
from layout.pageimage.page import BlockKind, LayoutBlock

from .test_schema import assert_schema_round_trip


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    (folder,) = generate(GenerateOptions(pages=1, seed=21, out=tmp_path_factory.mktemp("ocr")))
    return folder


def gt(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((folder / "gt.json").read_text(encoding="utf-8"))
    return data


def similarity(a: str, b: str) -> float:
    squash = lambda s: "".join(s.split())  # noqa: E731
    return difflib.SequenceMatcher(None, squash(a), squash(b)).ratio()


def test_auto_reads_chinese_with_ppocr_and_other_languages_with_tesseract() -> None:
    assert engines.choose(Options(lang="chi_sim+eng")) == "rapidocr"
    assert engines.choose(Options(lang="chi_tra")) == "rapidocr"
    assert engines.choose(Options(lang="fra")) == "tesseract"
    assert engines.choose(Options(lang="deu+eng")) == "tesseract"
    # An engine asked for by name is used whatever the languages.
    assert engines.choose(Options(lang="chi_sim", ocr="tesseract")) == "tesseract"
    assert engines.choose(Options(lang="eng", ocr="rapidocr")) == "rapidocr"


def test_auto_falls_back_to_tesseract_without_the_package(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)  # import raises
    assert engines.choose(Options(lang="chi_sim+eng")) == "tesseract"
    with pytest.raises(MissingDependencyError, match="pip install rapidocr-onnxruntime"):
        engines.require("rapidocr", Options(), "page.png")


def test_unknown_engine_is_refused() -> None:
    with pytest.raises(ValueError, match="ocr must be one of auto, tesseract, rapidocr"):
        Options(ocr="easyocr")
    done = subprocess.run(
        [sys.executable, "-m", "layout", "--ocr", "easyocr", "x.png"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "invalid choice: 'easyocr'" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_ppocr_reads_headline_and_body_lines_and_keeps_their_boxes(page: Path) -> None:
    layout, image = analyze(np.asarray(Image.open(page / "page.png").convert("L")), CHINESE.image)
    found_lines = layout.lines  # the analysis's lines: the crops PP-OCR reads
    truth = gt(page)["blocks"]
    head = next(b for b in truth if b["role"] == "headline" and b["text"] and "\n" not in b["text"])
    body = next(b for b in truth if b["role"] == "body" and len(b["text"]) > 40)
    blocks = []
    for block, kind in ((head, BlockKind.HEADLINE), (body, BlockKind.BODY)):
        box = BBox(*map(round, block["box"]))
        inside = [line for line in found_lines if holds(box, line.box)]
        blocks.append(LayoutBlock(box, kind, inside))
    read = ppocr.read_blocks(image, blocks, workers=2, rules=CHINESE.image)
    for block, truth_block, got in zip(blocks, (head, body), read, strict=True):
        assert block.lines and [line.box for line in got] == [line.box for line in block.lines]
        text = "".join(line.text for line in got)
        assert similarity(text, truth_block["text"]) >= 0.9, (text, truth_block["text"])


def holds(outer: BBox, inner: BBox, slack: int = 8) -> bool:
    return (
        inner.x0 >= outer.x0 - slack
        and inner.y0 >= outer.y0 - slack
        and inner.x1 <= outer.x1 + slack
        and inner.y1 <= outer.y1 + slack
    )


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["tesseract", "rapidocr"])
def test_json_names_the_engine_that_read_every_line(
    page: Path, tmp_path: Path, engine: str
) -> None:
    # The top of the page (its first articles), to keep the OCR short.
    image = Image.open(page / "page.png")
    top = tmp_path / "top.png"
    image.crop((0, 0, image.width, image.height // 3)).save(top)
    result = process_path(str(top), Options(jobs=2, ocr=engine))
    assert result.lines and {line.engine for line in result.lines} == {engine}
    notes = [n for n in result.notes if n.startswith("ocr: ")]
    assert notes == [
        f"ocr: {engines.DESCRIPTIONS[engine]} ({engine}) read lines 1-{len(result.lines)}"
    ]
    assert_schema_round_trip(result)


def test_engine_note_gives_line_numbers_in_ranges() -> None:
    read = [Line(n, "字", engine="rapidocr") for n in (1, 2, 3, 5, 7, 8)]
    read.append(Line(4, "x", engine="tesseract"))
    read.append(Line(6, "text line, not OCR"))
    assert engines.engine_note(read) == [
        "ocr: PP-OCRv4 through rapidocr-onnxruntime (rapidocr) read lines 1-3, 5, 7-8",
        "ocr: Tesseract (tesseract) read lines 4",
    ]


def test_headlines_read_counts_exact_headline_lines_anywhere_on_the_page() -> None:
    truth = {"articles": [{"headline": ["今后三年", "每年减员"], "paragraphs": []}]}
    pred = {
        "articles": [{"headline": ["今后三年"], "paragraphs": [{"text": "正文"}]}],
        "unassigned": [{"text": "每年 减员"}],
    }
    assert headlines_read(truth, pred).hit == 2 and headlines_read(truth, pred).total == 2
    pred["unassigned"] = [{"text": "每年咸员"}]  # one character misread: not read
    assert headlines_read(truth, pred).hit == 1


def test_unordered_cer_counts_misreads_once_and_ignores_the_order() -> None:
    truth = {"articles": [{"headline": ["标题"], "paragraphs": [{"text": "甲乙丙丁"}]}]}
    swapped = {"articles": [{"paragraphs": [{"text": "丙丁甲乙"}, {"text": "标题"}]}]}
    assert unordered_cer(truth, swapped).hit == 0 and unordered_cer(truth, swapped).total == 6
    misread = {"articles": [{"paragraphs": [{"text": "标题甲乙丙下"}]}]}  # 丁 read as 下
    assert unordered_cer(truth, misread).hit == 1
    assert cer(truth, swapped).hit > 0  # the ordered rate is charged for the order
