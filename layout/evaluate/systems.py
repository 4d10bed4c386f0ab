"""The systems the evaluation runs on a page folder, each returning a prediction dict.

A prediction is the JSON contract of ``layout.export.to_dict`` (``articles`` with
``headline``, ``bylines``, ``paragraphs`` and ``captions``; ``unassigned``), plus for
image systems ``columns`` ([x0, x1] pixels) and ``blocks`` ({"role", "box"}).
Baselines are defined in docs/evaluation.md.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from layout.conventions import CHINESE
from layout.evaluate.unavailable import Unavailable
from layout.model import PageResult
from layout.options import Options

Prediction = dict[str, Any]
Predictor = Callable[[Path], Prediction]


def image_of(folder: Path, scan: bool) -> Path:
    return folder / ("scan.png" if scan else "page.png")


def _call(function: Callable[..., Any], path: Path, options: Options) -> Any:
    """Call process_text / process_image whether they take a path or the text, with options."""
    params = list(inspect.signature(function).parameters)
    first: Any = path
    if params and params[0] in ("text", "content"):
        first = path.read_text(encoding="utf-8")
    kwargs: dict[str, Any] = {}
    if "source" in params:
        kwargs["source"] = str(path)
    if "options" in params:
        kwargs["options"] = options
    return function(first, **kwargs)


def relayout_text(folder: Path, options: Options | None = None) -> Prediction:
    try:
        from layout.export import to_dict
        from layout.pipeline import process_text
    except ImportError as err:
        raise Unavailable(f"relayout text pipeline not importable: {err}") from err
    result: PageResult = _call(process_text, folder / "page.txt", options or Options())
    return dict(to_dict(result))


def relayout_pdf(folder: Path, options: Options | None = None) -> Prediction:
    """relayout on the page's PDF (page.pdf): the text layer with its geometry."""
    from layout.export import to_dict
    from layout.pipeline import process_path

    # Page 1: the ground truth's page (a typeset page that overflows spills onto a 2nd).
    first = replace(options or Options(), pages="1")
    result = process_path(str(folder / "page.pdf"), first)
    return dict(to_dict(result))


def relayout_image(folder: Path, scan: bool = False, options: Options | None = None) -> Prediction:
    """relayout on the page image (page.png, or scan.png with ``scan``)."""
    from layout.pipeline import process_path

    try:
        result = process_path(str(image_of(folder, scan)), options or Options())
    except ImportError as err:  # the image stage is not there yet
        raise Unavailable(f"relayout image pipeline not importable: {err}") from err
    return image_prediction(result)


def relayout_hocr(folder: Path, scan: bool = False, options: Options | None = None) -> Prediction:
    """relayout on Tesseract's own hOCR of the page image (layout/evaluate/hocr_system.py)."""
    from layout.evaluate.hocr_system import WHOLE_PAGE_TIMEOUT_S, relayout_on_hocr, tesseract_hocr

    options = options or Options()
    image = image_of(folder, scan)
    timeout = max(options.ocr_timeout, WHOLE_PAGE_TIMEOUT_S)
    hocr = tesseract_hocr(image, options.lang, timeout)
    result = relayout_on_hocr(hocr, str(image), options)
    return image_prediction(result)


def image_prediction(result: PageResult) -> Prediction:
    """The JSON contract plus the columns and blocks the image metrics score."""
    from layout.export import to_dict

    pred = dict(to_dict(result))
    pred["columns"] = [[c.x0, c.x1] for c in result.columns]
    pred["blocks"] = result_blocks(result)
    return pred


def result_blocks(result: PageResult) -> list[dict[str, Any]]:
    """Boxes with roles from a PageResult; a headline box only where the model has one."""
    blocks: list[dict[str, Any]] = []
    for art in result.articles:
        head = getattr(art, "headline_box", None)  # not in the model yet: see the report
        if head is not None:
            blocks.append({"role": "headline", "box": head.as_list()})
        parts = [(p.role, p.box) for p in art.paragraphs] + [(c.role, c.box) for c in art.captions]
        blocks += [{"role": str(role), "box": box.as_list()} for role, box in parts if box]
    for item in result.unassigned:
        if item.box is not None:
            blocks.append({"role": str(item.role), "box": item.box.as_list()})
    return blocks


def extracted_order(folder: Path, headline_reads_forward: bool) -> Prediction:
    """Headlines, bylines, captions and credits stay where the extractor put them.

    The text is re-flowed and cut into articles by relayout (so that only the placing
    of the orphans differs), then every orphan goes to the article that starts right
    after it (``headline_reads_forward``: how a reader takes a headline in the text) or
    to the article that ends right before it.
    """
    from layout.assign import Assignment, Placement
    from layout.export import to_dict
    from layout.pipeline import build_result
    from layout.read import split_lines
    from layout.reflow import reflow
    from layout.segment import segment

    lines = split_lines((folder / "page.txt").read_text(encoding="utf-8"))
    seg = segment(reflow(lines, CHINESE).blocks, CHINESE)
    placements = []
    headlines: dict[int, list[Placement]] = {}
    for orphan in seg.orphans:
        target = orphan.before if headline_reads_forward else orphan.after
        target = target if target is not None else (orphan.after or orphan.before)
        placement = Placement(orphan, target)
        placements.append(placement)
        if target is not None and orphan.role.value == "headline":
            headlines.setdefault(target, []).append(placement)
    result = build_result(folder.name, seg.drafts, Assignment(headlines, placements))
    return dict(to_dict(result))


def extracted_next(folder: Path) -> Prediction:
    return extracted_order(folder, headline_reads_forward=True)


def extracted_previous(folder: Path) -> Prediction:
    return extracted_order(folder, headline_reads_forward=False)


def raw_baseline(folder: Path) -> Prediction:
    """No re-flow: one article, every non-empty input line one body paragraph, as extracted."""
    lines = (folder / "page.txt").read_text(encoding="utf-8").splitlines()
    paragraphs = [
        {"role": "body", "text": t, "lines": [n]} for n, t in enumerate(lines, 1) if t.strip()
    ]
    article = {"id": "raw", "headline": [], "bylines": [], "paragraphs": paragraphs, "captions": []}
    return {"source": folder.name, "articles": [article], "unassigned": []}


def tesseract_baseline(folder: Path, scan: bool = False) -> Prediction:
    """Tesseract's own layout analysis (psm 3): one article, one paragraph per block."""
    from layout.evaluate.tesseract_blocks import tesseract_blocks

    blocks = tesseract_blocks(image_of(folder, scan))
    paragraphs = [{"role": "body", "text": b.text, "lines": []} for b in blocks if b.text]
    article = {
        "id": "tesseract",
        "headline": [],
        "bylines": [],
        "paragraphs": paragraphs,
        "captions": [],
    }
    return {
        "source": folder.name,
        "articles": [article],
        "unassigned": [],
        "columns": [],
        "blocks": [{"role": b.role, "box": b.box} for b in blocks],
    }
