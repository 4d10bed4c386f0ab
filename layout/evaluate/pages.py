"""Reading the labelled pages of ``relayout eval``: a page that cannot be read is one line
in the report and is left out; the other pages are still scored.

A page folder holds gt.json (the truth, ``python -m fixtures.generate``) and page.txt
(the input of the text systems). Bad pages seen in practice: gt.json cut short or not
JSON at all, JSON nested so deep that the parser gives up, valid JSON that is not a
ground truth, page.txt missing or not text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from layout.errors import InputError, RelayoutError
from layout.evaluate.text_metrics import perfect_prediction, score_text
from layout.read import decode, read_source


@dataclass(frozen=True, slots=True)
class Page:
    folder: Path
    gt: dict[str, Any]
    text: str | None  # page.txt, when a text system is run


def load_pages(folders: list[Path], need_text: bool) -> tuple[list[Page], list[str]]:
    """The pages that can be scored, and one line ("path: problem") for each other one."""
    pages: list[Page] = []
    bad: list[str] = []
    for folder in folders:
        try:
            pages.append(load_page(folder, need_text))
        except RelayoutError as exc:
            bad.append(str(exc))
    return pages, bad


def load_page(folder: Path, need_text: bool) -> Page:
    gt = read_gt(folder / "gt.json")
    text = None
    if need_text:
        source, data = read_source(str(folder / "page.txt"))
        text = decode(data, source)
    check_gt(gt, folder / "gt.json", text)
    return Page(folder, gt, text)


def read_gt(path: Path) -> dict[str, Any]:
    source, data = read_source(str(path))
    try:
        gt = json.loads(decode(data, source))
    except json.JSONDecodeError as exc:
        raise InputError(source, f"not valid JSON ({exc.msg} at line {exc.lineno})") from None
    except RecursionError:  # "[[[[…" a hundred thousand deep
        raise InputError(source, "JSON nested too deeply to read") from None
    if not isinstance(gt, dict) or not isinstance(gt.get("articles"), list):
        raise InputError(source, 'not a ground truth (no "articles" list)')
    return gt


def check_gt(gt: dict[str, Any], path: Path, text: str | None) -> None:
    """Score the truth against itself: what the scorer cannot read is refused here, once
    per page, rather than failing again for every system."""
    try:
        score_text(gt, perfect_prediction(gt), text or "")
    except (TypeError, AttributeError, KeyError, ValueError) as exc:
        raise InputError(str(path), f"not in the ground-truth format ({exc})") from None
