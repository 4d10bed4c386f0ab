"""The page generator: deterministic, its ground truth agrees with its text and its image."""

from __future__ import annotations

import json
import random
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest

from fixtures.corpus import article_from_gt, load_corpus, parse_corpus_text
from fixtures.extract import Defects, extract_text
from fixtures.generate import GenerateOptions, generate, generate_page
from fixtures.page import make_page
from fixtures.typeset import NO_LINE_END, NO_LINE_START

CORPUS = load_corpus()
DARK = 128  # a pixel darker than this is ink


def chars(text: str) -> Counter[str]:
    return Counter(c for c in unicodedata.normalize("NFKC", text) if not c.isspace())


def gt_text(gt: dict[str, Any]) -> str:
    parts: list[str] = []
    for art in gt["articles"]:
        parts += art["headline"] + art["bylines"]
        parts += [p["text"] for p in art["paragraphs"]] + [c["text"] for c in art["captions"]]
    return "".join(parts)


@pytest.fixture(scope="module")
def image_pages(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("pages")
    return generate(GenerateOptions(pages=2, seed=11, out=out))


def test_corpus_has_articles_photo_items_and_names() -> None:
    assert len(CORPUS.articles) >= 40
    assert CORPUS.photo_items and CORPUS.captions and CORPUS.subheads
    assert all(a.headline for a in CORPUS.articles)
    assert any(a.id.startswith("pd-") for a in CORPUS.articles)


def test_corpus_format_reads_every_tag() -> None:
    text = "@ x\nHK k\nHM m\nHS s\nBY b\nP p1\nSH h\nP p2\nCA c\nCR r\n@ y photo\nCA c2\n"
    first, second = parse_corpus_text(text)
    assert first.headline == [("kicker", "k"), ("main", "m"), ("subtitle", "s")]
    assert [p.role for p in first.paragraphs] == ["body", "subhead", "body"]
    assert [c.role for c in first.captions] == ["caption", "credit"]
    assert second.photo_item and not first.photo_item


def test_same_seed_gives_same_bytes(tmp_path: Path, image_pages: list[Path]) -> None:
    again = generate_page(0, CORPUS, GenerateOptions(pages=1, seed=11, out=tmp_path))
    for name in ("page.txt", "gt.json", "page.png", "scan.png"):
        assert (again / name).read_bytes() == (image_pages[0] / name).read_bytes(), name


def test_other_seed_gives_other_page(tmp_path: Path, image_pages: list[Path]) -> None:
    other = generate_page(0, CORPUS, GenerateOptions(pages=1, seed=12, out=tmp_path, images=False))
    assert (other / "page.txt").read_bytes() != (image_pages[0] / "page.txt").read_bytes()


@pytest.mark.parametrize("seed", range(6))
def test_every_character_of_page_txt_is_in_the_ground_truth(tmp_path: Path, seed: int) -> None:
    folder = generate_page(seed, CORPUS, GenerateOptions(seed=seed, out=tmp_path, images=False))
    gt = json.loads((folder / "gt.json").read_text(encoding="utf-8"))
    assert chars((folder / "page.txt").read_text(encoding="utf-8")) == chars(gt_text(gt))


def test_ground_truth_paragraphs_have_no_spaces_between_cjk(image_pages: list[Path]) -> None:
    for folder in image_pages:
        gt = json.loads((folder / "gt.json").read_text(encoding="utf-8"))
        for art in gt["articles"]:
            for p in art["paragraphs"]:
                if p["role"] == "body":
                    assert " " not in p["text"].strip(), p["text"]


def test_lines_keep_the_line_start_and_end_rules() -> None:
    page = make_page(random.Random(5), CORPUS, 100)
    body = [ln.text for ln in page.lines if ln.role == "body"]
    assert body
    assert not [t for t in body if t[0] in NO_LINE_START]
    assert not [t for t in body if t[-1] in NO_LINE_END]


def test_defects_switch_off() -> None:
    rng = random.Random(3)
    page = make_page(rng, CORPUS, 100)
    clean = Defects(
        blank_lines=False,
        justify_spaces=False,
        alnum_spaces=False,
        placement="inplace",
        column_cuts=False,
        glued_sign_off=False,
    )
    text = extract_text(page, clean, rng)
    assert "" not in text.splitlines()
    body = {ln.text for ln in page.lines if ln.role == "body"}
    assert body <= set(text.splitlines())  # every body line comes out exactly as printed


def test_headlines_can_all_go_to_the_page_end() -> None:
    rng = random.Random(4)
    page = make_page(rng, CORPUS, 100)
    defects = Defects(justify_spaces=False, alnum_spaces=False, placement="end")
    lines = extract_text(page, defects, rng).split("\n\n")
    body = {ln.text for ln in page.lines if ln.role == "body"}
    last_body = max(i for i, t in enumerate(lines) if t in body)
    heads = [ln.text for ln in page.lines if ln.role == "headline"]
    assert heads and all(lines.index(h) > last_body for h in heads)


def read_gray(path: Path) -> np.ndarray:
    img = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
    assert img is not None, path
    return np.asarray(img)


def ink_share(img: np.ndarray, box: list[int]) -> float:
    x0, y0, x1, y1 = box
    patch = img[y0:y1, x0:x1]
    return float((patch < DARK).mean()) if patch.size else 0.0


def test_text_boxes_hold_ink_and_margins_stay_blank(image_pages: list[Path]) -> None:
    for folder in image_pages:
        gt = json.loads((folder / "gt.json").read_text(encoding="utf-8"))
        img = read_gray(folder / "page.png")
        assert [img.shape[1], img.shape[0]] == gt["size"]
        texts = [b for b in gt["blocks"] if b["role"] in ("headline", "body", "caption")]
        for block in texts[:: max(1, len(texts) // 12)]:
            assert ink_share(img, block["box"]) > 0.04, block
        margin = gt["columns"][0][0]
        assert ink_share(img, [0, 0, margin - 2, img.shape[0]]) < 0.001


def test_boxes_lie_inside_the_page(image_pages: list[Path]) -> None:
    for folder in image_pages:
        gt = json.loads((folder / "gt.json").read_text(encoding="utf-8"))
        w, h = gt["size"]
        for block in gt["blocks"]:
            x0, y0, x1, y1 = block["box"]
            assert 0 <= x0 < x1 <= w and 0 <= y0 < y1 <= h, block


def test_scan_is_a_degraded_copy(image_pages: list[Path]) -> None:
    clean = read_gray(image_pages[0] / "page.png")
    scan = read_gray(image_pages[0] / "scan.png")
    assert clean.shape == scan.shape
    assert 1.0 < float(np.abs(clean.astype(int) - scan.astype(int)).mean()) < 60.0


def test_ground_truth_records_read_back_as_corpus_articles() -> None:
    record = {
        "id": "a1",
        "headline": ["引题一行", "主标题较长的一行文字", "——副题"],
        "bylines": ["▶ 王明"],
        "paragraphs": [{"role": "body", "text": "正文。"}, {"role": "subhead", "text": "小标题"}],
        "captions": [{"role": "caption", "text": "图说。"}, {"role": "credit", "text": "王明 摄"}],
        "photo_item": False,
    }
    article = article_from_gt(record, "seed")
    assert [part for part, _ in article.headline] == ["kicker", "main", "subtitle"]
    assert article.id == "seed:a1" and article.bylines == ["▶ 王明"]
    assert [p.role for p in article.paragraphs] == ["body", "subhead"]
    assert [c.role for c in article.captions] == ["caption", "credit"]


def test_headline_parts_are_guessed_from_plain_lines() -> None:
    record = {"id": "x", "headline": ["园区名：", "一行标题", "——副题"], "paragraphs": []}
    assert article_from_gt(record, "s").headline == [
        ("main", "园区名：一行标题"),
        ("subtitle", "——副题"),
    ]
