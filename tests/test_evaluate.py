"""The scorer: perfect predictions score 100%, known breakage scores exactly as expected."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

import pytest

from fixtures.corpus import load_corpus
from fixtures.generate import GenerateOptions, generate_page
from layout.evaluate import evaluate, main_eval, score_page
from layout.evaluate.image_metrics import edit_distance, score_image
from layout.evaluate.match import match_articles
from layout.evaluate.scan import transform_box
from layout.evaluate.systems import raw_baseline
from layout.evaluate.text_metrics import perfect_prediction, score_text

PARA_A = [
    "今年以来，开发区新开工项目四十个，总投资超过一百亿元。",
    "园区企业复工率达到百分之九十六。",
]
PARA_B = ["新华社北京一月三日电，全国铁路春运今天开始。", "铁路部门增开临时列车三百对。"]


def gt_page() -> dict[str, Any]:
    """Two articles, each with a headline, byline, subhead and a captioned photo."""

    def article(key: str, head: str, paras: list[str], byline: str) -> dict[str, Any]:
        return {
            "id": key,
            "headline": [head],
            "bylines": [byline],
            "paragraphs": [
                {"role": "body", "text": paras[0]},
                {"role": "subhead", "text": f"{head}小标题"},
                {"role": "body", "text": paras[1]},
            ],
            "captions": [
                {"role": "caption", "text": f"{head}现场。"},
                {"role": "credit", "text": f"图片来源：{key}"},
            ],
            "photo_item": False,
        }

    return {
        "source": "hand",
        "articles": [
            article("a", "开发区项目建设提速", PARA_A, "▶ 王明"),
            article("b", "春运首日客流平稳", PARA_B, "本报记者 李华"),
        ],
        "columns": [[10, 110], [120, 220]],
        "blocks": [
            {"role": "headline", "article": "a", "box": [10, 10, 110, 40], "text": ""},
            {"role": "headline", "article": "b", "box": [120, 10, 220, 40], "text": ""},
        ],
    }


def input_text(gt: dict[str, Any]) -> str:
    pred = perfect_prediction(gt)
    lines = [t for a in pred["articles"] for t in a["headline"] + a["bylines"]]
    lines += [p["text"] for a in pred["articles"] for p in a["paragraphs"]]
    lines += [c for a in pred["articles"] for c in a["captions"]]
    return "\n".join(lines)


def ratios(scores: dict[str, Any]) -> dict[str, float | None]:
    return {name: t.ratio for name, t in scores.items()}


def test_perfect_prediction_scores_full_marks() -> None:
    gt = gt_page()
    got = ratios(score_text(gt, perfect_prediction(gt), input_text(gt)))
    full = ["articles", "headline", "byline", "caption", "credit", "subhead"]
    assert all(got[name] == 1.0 for name in full), got
    assert got["boundary_precision"] == got["boundary_recall"] == 1.0
    assert got["chars_lost"] == got["chars_added"] == got["spurious_spaces"] == 0.0


def test_swapped_headlines_and_a_lost_boundary_score_exactly() -> None:
    gt = gt_page()
    pred = perfect_prediction(gt)
    a, b = pred["articles"]
    a["headline"], b["headline"] = b["headline"], a["headline"]
    first, subhead, last = a["paragraphs"]
    a["paragraphs"] = [first, {"role": "body", "text": subhead["text"] + last["text"]}]
    got = ratios(score_text(gt, pred, input_text(gt)))
    assert got["headline"] == 0.0
    assert got["byline"] == got["caption"] == got["credit"] == 1.0
    assert got["boundary_precision"] == 1.0
    assert got["boundary_recall"] == 3 / 4  # four true boundaries, one lost
    assert got["subhead"] == 1 / 2
    assert got["chars_lost"] == 0.0


def test_spaces_and_missing_text_are_counted() -> None:
    gt = gt_page()
    pred = perfect_prediction(gt)
    body = pred["articles"][1]["paragraphs"][0]
    body["text"] = " ".join(body["text"][:5]) + body["text"][5:]  # 4 spaces between CJK
    pred["articles"][1]["captions"] = pred["articles"][1]["captions"][:1]
    scores = score_text(gt, pred, input_text(gt))
    assert scores["spurious_spaces"].hit == 4
    assert scores["chars_lost"].hit == len("图片来源：b")
    assert scores["credit"].ratio == 1 / 2


def test_characters_reported_in_dropped_are_not_lost() -> None:
    gt = gt_page()
    pred = perfect_prediction(gt)
    body = pred["articles"][0]["paragraphs"][0]
    body["text"] = body["text"][1:]  # the first character taken out of the text...
    assert score_text(gt, pred, input_text(gt))["chars_lost"].hit == 1
    pred["dropped"] = [gt["articles"][0]["paragraphs"][0]["text"][0]]  # ...and reported
    scores = score_text(gt, pred, input_text(gt))
    assert scores["chars_lost"].hit == scores["chars_added"].hit == 0


def test_merged_articles_recover_one_of_two() -> None:
    gt = gt_page()
    pred = perfect_prediction(gt)
    a, b = pred["articles"]
    a["paragraphs"] += b["paragraphs"]
    pred["articles"] = [a]
    assert score_text(gt, pred, input_text(gt))["articles"].ratio == 1 / 2


def test_matching_follows_body_text_not_order() -> None:
    gt = gt_page()
    pred = perfect_prediction(gt)
    pred["articles"].reverse()
    assert match_articles(gt["articles"], pred["articles"]) == {0: 1, 1: 0}


def test_image_metrics_on_hand_built_boxes() -> None:
    gt = gt_page()
    pred = perfect_prediction(gt)
    pred["columns"] = [[10, 111], [150, 220]]  # first within IoU 0.9, second not
    pred["blocks"] = [{"role": "headline", "box": [12, 12, 108, 40]}]
    got = ratios(score_image(gt, pred))
    assert got["columns"] == 1 / 2
    assert got["headline_block_precision"] == 1.0
    assert got["headline_block_recall"] == 1 / 2
    assert got["cer"] == 0.0


def test_edit_distance_matches_the_textbook_recurrence() -> None:
    def slow(a: str, b: str) -> int:
        prev = list(range(len(b) + 1))
        for i, x in enumerate(a, 1):
            cur = [i]
            for j, y in enumerate(b, 1):
                cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
            prev = cur
        return prev[-1]

    rng = random.Random(0)
    for _ in range(100):
        a = "".join(rng.choice("中文字a") for _ in range(rng.randint(0, 8)))
        b = "".join(rng.choice("中文字a") for _ in range(rng.randint(0, 8)))
        assert edit_distance(a, b) == slow(a, b)


def test_scan_transform_of_identity_keeps_boxes() -> None:
    assert transform_box([[1, 0, 0], [0, 1, 0]], [1, 2, 3, 4]) == [1, 2, 3, 4]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("evalpages")
    corpus = load_corpus()
    for i in range(3):
        generate_page(i, corpus, GenerateOptions(seed=5, out=out, images=False))
    return out


def perfect(folder: Path) -> dict[str, Any]:
    return perfect_prediction(json.loads((folder / "gt.json").read_text(encoding="utf-8")))


def test_evaluate_gives_generated_pages_full_marks_for_their_truth(pages: Path) -> None:
    report = evaluate(pages, {"perfect": perfect, "raw": raw_baseline})
    scores = report.systems["perfect"]
    assert report.pages == 3
    assert scores["articles"].ratio == scores["headline"].ratio == 1.0
    assert scores["boundary_recall"].ratio == scores["boundary_precision"].ratio == 1.0
    assert scores["chars_lost"].hit == scores["chars_added"].hit == 0
    assert report.systems["raw"]["chars_lost"].hit == 0  # raw keeps every character
    assert "perfect" in report.table()


def test_a_crashing_system_scores_zero_and_is_counted(pages: Path) -> None:
    def crash(folder: Path) -> dict[str, Any]:
        raise RuntimeError("boom")

    report = evaluate(pages, {"crash": crash})
    assert report.failed["crash"] == 3
    assert report.systems["crash"]["articles"].ratio == 0.0


def test_main_eval_prints_json(pages: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main_eval([str(pages), "--json", "--systems", "raw"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["pages"] == 3
    assert data["systems"]["raw"]["headline"]["value"] == 0.0


def test_score_page_without_input_text_skips_character_counts() -> None:
    gt = gt_page()
    scores = score_page(gt, perfect_prediction(gt), None)
    assert "chars_lost" not in scores


def test_broken_copy_of_truth_is_not_perfect() -> None:
    gt = gt_page()
    pred = copy.deepcopy(perfect_prediction(gt))
    pred["articles"][0]["bylines"] = []
    assert score_text(gt, pred, input_text(gt))["byline"].ratio == 1 / 2


def test_relayout_beats_the_baselines_on_generated_pages(tmp_path: Path) -> None:
    """A small run of what docs/evaluation.md reports at scale: relayout recovers more
    articles than the raw text and places more headlines than leaving them in place."""
    corpus = load_corpus()
    for i in range(8):
        generate_page(i, corpus, GenerateOptions(seed=7, out=tmp_path, images=False))
    report = evaluate(tmp_path)
    ours, raw = report.systems["relayout"], report.systems["raw"]
    assert ours["articles"].ratio > raw["articles"].ratio
    assert ours["headline"].ratio > report.systems["as-extracted-next"]["headline"].ratio
    assert ours["chars_lost"].hit == ours["chars_added"].hit == 0
    assert report.failed.get("relayout", 0) == 0


def test_seed_pages_score_their_hand_checked_truth(tmp_path: Path) -> None:
    from fixtures.seed_pages import write_seed_pages

    write_seed_pages(tmp_path)
    scores = evaluate(tmp_path).systems["relayout"]
    assert scores["articles"].ratio == scores["headline"].ratio == 1.0
    assert scores["caption"].ratio == scores["credit"].ratio == scores["byline"].ratio == 1.0


def test_unreadable_pages_are_named_once_and_the_others_still_scored(
    pages: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    copy_dir = tmp_path / "pages"
    shutil.copytree(pages, copy_dir)
    folders = sorted(p for p in copy_dir.iterdir() if p.is_dir())
    (folders[0] / "gt.json").write_text("[" * 100_000 + "]" * 100_000)
    (folders[1] / "gt.json").write_text('{"articles": [1, 2]}')
    report = evaluate(copy_dir, ["raw", "relayout"])
    assert report.pages == 1
    assert report.unreadable == [
        f"{folders[0] / 'gt.json'}: JSON nested too deeply to read",
        f"{folders[1] / 'gt.json'}: not in the ground-truth format "
        "('int' object is not subscriptable)",
    ]
    assert report.systems["raw"]["chars_lost"].hit == 0  # the good page was scored
    assert main_eval([str(copy_dir), "--systems", "raw"]) == 1
    captured = capsys.readouterr()
    assert len(captured.err.splitlines()) == 2
    assert captured.out.startswith("1 pages (2 more could not be read)\n")


def test_photo_item_counts_only_when_given_back_alone_with_its_captions() -> None:
    from layout.evaluate.text_metrics import score_text

    item = {
        "id": "a2",
        "headline": [],
        "paragraphs": [],
        "photo_item": True,
        "captions": [
            {"role": "caption", "text": "Crowds at the market."},
            {"role": "credit", "text": "PHOTO: JANE DOE"},
        ],
    }
    story = {
        "id": "a1",
        "headline": ["Bridge"],
        "paragraphs": [{"role": "body", "text": "The council voted on Monday."}],
    }
    gt = {"articles": [story, item]}
    alone = {"articles": [story, {"id": "x", "paragraphs": [], "captions": item["captions"]}]}
    assert score_text(gt, alone, "")["photo_items"].hit == 1
    merged = {"articles": [{**story, "captions": item["captions"]}]}
    assert score_text(gt, merged, "")["photo_items"].hit == 0
    assert score_text(gt, merged, "")["photo_items"].total == 1


def test_a_deskewed_result_is_scored_against_truth_straightened_the_same_way() -> None:
    """scan.png was turned 2 degrees: a wide headline's box, turned and enclosed again,
    is far taller than its line. A system that turned the scan back (its result's skew
    is 2 degrees) is scored against the truth turned back too: the box is tight again."""
    from layout.evaluate.scan import _rotation, gt_for_scan

    box = [100, 1000, 1900, 1060]
    gt = {"size": [2000, 3000], "scan_matrix": _rotation(2.0, 1000, 1500), "blocks": [{"box": box}]}
    turned = gt_for_scan(gt)["blocks"][0]["box"]
    assert turned[3] - turned[1] > 60 + 60  # 1800 px wide at 2 degrees: about 63 px taller
    straight = gt_for_scan(gt, deskew=2.0)["blocks"][0]["box"]
    assert all(abs(a - b) <= 1 for a, b in zip(straight, box, strict=True))
