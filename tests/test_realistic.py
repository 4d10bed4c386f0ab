"""Pages typeset by Chromium and extracted by real tools (fixtures.realistic).

One Chinese page with images and one English page, made once for the module (Chromium
starts once); a second run of the Chinese page checks that the same seed gives the same
bytes of every text and of gt.json.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest

from fixtures.realistic.extract import EXTRACTORS
from fixtures.realistic.fold import account, fold
from fixtures.realistic.generate import Options, generate
from fixtures.realistic.split import split_of
from fixtures.realistic.truth import gt_text
from layout import process_path, process_text
from layout.evaluate import evaluate, main_eval
from layout.evaluate.by_extractor import evaluate_extractors
from layout.evaluate.tally import Tally
from layout.evaluate.text_metrics import score_text
from layout.export import to_dict
from layout.model import PageResult, check_nothing_lost
from layout.options import Options as LayoutOptions

from .test_schema import assert_schema_round_trip

pytestmark = pytest.mark.slow
INK = 140  # a grey level darker than this is ink
MIN_INK_SHARE = 0.03  # of a line box's pixels: a printed line is at least this dark


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("realistic")
    zh = generate(Options(lang="zh", pages=1, seed=3, split="test", out=out / "a", images=1))
    en = generate(Options(lang="en", pages=1, seed=3, split="test", out=out / "a"))
    again = generate(Options(lang="zh", pages=1, seed=3, split="test", out=out / "b", images=1))
    return {"zh": zh[0], "en": en[0], "zh_again": again[0]}


def load_gt(folder: Path) -> dict[str, Any]:
    gt: dict[str, Any] = json.loads((folder / "gt.json").read_text(encoding="utf-8"))
    return gt


def test_same_seed_gives_same_text_and_ground_truth(pages: dict[str, Path]) -> None:
    for name in ("gt.json", "page.txt", *(f"{e}.txt" for e in EXTRACTORS)):
        assert (pages["zh"] / name).read_bytes() == (pages["zh_again"] / name).read_bytes(), name


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_extractor_accounts_for_every_ground_truth_character(
    pages: dict[str, Path], lang: str
) -> None:
    gt = load_gt(pages[lang])
    truth = gt_text(gt)
    # poppler's reading-order mode joins a word hyphenated at a line end: those hyphens go
    line_end_hyphens = sum(
        line.endswith("-") for b in gt["blocks"] for line in b["text"].split("\n")
    )
    for extractor in EXTRACTORS:
        text = (pages[lang] / f"{extractor}.txt").read_text(encoding="utf-8")
        missing, extra = account(truth, text)
        assert not extra, (extractor, dict(extra))
        assert set(missing) <= {"-"} and missing["-"] <= line_end_hyphens, (extractor, missing)


def test_ground_truth_has_the_page_parts(pages: dict[str, Path]) -> None:
    gt = load_gt(pages["zh"])
    roles = {b["role"] for b in gt["blocks"]}
    assert {"headline", "body", "furniture"} <= roles
    assert len(gt["articles"]) >= 3
    assert 5 <= len(gt["columns"]) <= 8
    assert all(a["split"] == "test" == split_of(a["corpus_id"]) for a in gt["articles"])
    assert gt["defects"]["placement"] in ("inplace", "after", "end", "mixed")


def test_ground_truth_boxes_hold_ink(pages: dict[str, Path]) -> None:
    gt = load_gt(pages["zh"])
    img = cv2.imread(str(pages["zh"] / "page.png"), cv2.IMREAD_GRAYSCALE)
    assert img is not None and [img.shape[1], img.shape[0]] == gt["size"]
    lines = [box for b in gt["blocks"] if b["role"] != "photo" for box in b["lines"]]
    assert len(lines) > 100
    for x0, y0, x1, y1 in lines:
        patch = img[int(y0) : int(y1) + 1, int(x0) : int(x1) + 1]
        assert patch.size and float(np.mean(patch < INK)) >= MIN_INK_SHARE, (x0, y0, x1, y1)
    # and the truth misses no ink: outside every box, photo and rule the page is white
    mask = np.zeros(img.shape, bool)
    for b in gt["blocks"]:
        x0, y0, x1, y1 = (int(v) for v in b["box"])
        mask[max(0, y0 - 3) : y1 + 4, max(0, x0 - 3) : x1 + 4] = True
    stray = (img < INK) & ~mask
    ruled = stray.sum(axis=1) > img.shape[1] * 0.3  # horizontal rules span the page
    columns_ruled = stray.sum(axis=0) > 50  # vertical rules between articles and columns
    stray[ruled, :] = False
    stray[:, columns_ruled] = False
    assert stray.sum() < 0.001 * img.size


def test_scan_is_a_degraded_copy(pages: dict[str, Path]) -> None:
    gt = load_gt(pages["zh"])
    scan = cv2.imread(str(pages["zh"] / "scan.png"), cv2.IMREAD_GRAYSCALE)
    assert scan is not None and [scan.shape[1], scan.shape[0]] == gt["size"]
    assert len(gt["scan_matrix"]) == 2


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pdf_page_json_follows_the_schema_and_reads_back(pages: dict[str, Path], lang: str) -> None:
    result = process_path(str(pages[lang] / "page.pdf"))
    assert result.page == 1 and result.size is not None
    assert any(p.box is not None for a in result.articles for p in a.paragraphs)
    assert_schema_round_trip(result)


def test_radicals_and_line_end_marks_fold_to_what_was_printed() -> None:
    assert fold("⻓⺠\u2f00\ufffe") == "长民一-"


def test_eval_by_extractor_scores_every_extractor(pages: dict[str, Path]) -> None:
    reports = evaluate_extractors(pages["zh"].parent, EXTRACTORS, ["relayout", "raw"], evaluate)
    assert set(reports) == set(EXTRACTORS)
    for report in reports.values():
        assert report.pages == 2 and not report.failed
        assert report.systems["raw"]["chars_lost"].hit == 0


def test_relayout_loses_no_character_of_any_extractor_on_a_chinese_page(
    pages: dict[str, Path], tmp_path: Path
) -> None:
    (tmp_path / "zh").mkdir()
    (tmp_path / "zh" / pages["zh"].name).symlink_to(pages["zh"])
    reports = evaluate_extractors(tmp_path / "zh", EXTRACTORS, ["relayout"], evaluate)
    for name, report in reports.items():
        lost = report.systems["relayout"]["chars_lost"]
        assert lost.hit == 0 and lost.total > 1000, name


def test_eval_cli_by_extractor_prints_a_table_per_extractor_and_writes_the_report(
    pages: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "report" / "index.html"
    argv = [
        str(pages["zh"].parent),
        "--by",
        "extractor",
        "--systems",
        "raw",
        "--report",
        str(report),
    ]
    assert main_eval(argv) == 0
    out = capsys.readouterr().out
    assert all(f"extractor: {name}\n" in out for name in EXTRACTORS)
    page = report.read_text(encoding="utf-8")
    assert page.count("<h2>") == 2 and page.count("<svg") == 4 and "page.png" in page


def test_eval_with_an_unknown_extractor_says_so_in_one_line(
    pages: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main_eval([str(pages["zh"].parent), "--extractor", "nosuch"]) == 2
    err = capsys.readouterr().err.strip()
    assert "nosuch" in err and "\n" not in err


def test_text_columns_of_a_typeset_page_are_rethreaded_and_content_order_is_left_alone(
    pages: dict[str, Path],
) -> None:
    """pdftotext's layout and default-mode texts hold several columns per line: relayout
    finds them (more paragraph breaks right, and with -layout more articles, than taking
    each line for one column's), loses nothing, and leaves content-order text as it is."""
    folder = pages["zh"]
    gt = load_gt(folder)

    def run(extractor: str, columns: str) -> tuple[PageResult, dict[str, Tally]]:
        text = (folder / f"{extractor}.txt").read_text(encoding="utf-8")
        result = process_text(text, options=LayoutOptions(columns=columns))
        check_nothing_lost(result, text)
        return result, score_text(gt, to_dict(result), text)

    for extractor in ("pdftotext-layout", "pdftotext"):
        found, found_scores = run(extractor, "auto")
        _, flat_scores = run(extractor, "none")
        assert any(note.startswith("text columns:") for note in found.notes), extractor
        assert found_scores["boundary_recall"].hit > flat_scores["boundary_recall"].hit
    layout_found = run("pdftotext-layout", "auto")[1]["articles"].hit
    assert layout_found > run("pdftotext-layout", "none")[1]["articles"].hit
    raw, _ = run("pdftotext-raw", "auto")
    assert not raw.notes
    assert to_dict(raw) == to_dict(run("pdftotext-raw", "none")[0])
