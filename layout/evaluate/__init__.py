"""Score relayout and baselines on labelled pages: ``relayout eval DIR [--json] [--images]``.

``evaluate(pages_dir)`` runs each system on every page folder holding a gt.json (as
written by ``python -m fixtures.generate``) and adds up the scores; docs/evaluation.md
defines the metrics and the baselines.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from layout.argparsing import OneLineParser
from layout.conventions import markdown_table
from layout.errors import OutputError
from layout.evaluate.image_metrics import score_image
from layout.evaluate.pages import Page, load_pages
from layout.evaluate.report import Report
from layout.evaluate.scan import gt_for_scan
from layout.evaluate.systems import (
    Prediction,
    Predictor,
    extracted_next,
    extracted_previous,
    raw_baseline,
    relayout_hocr,
    relayout_image,
    relayout_pdf,
    relayout_text,
    tesseract_baseline,
)
from layout.evaluate.tally import Scores, Tally, add_into
from layout.evaluate.text_metrics import score_text
from layout.evaluate.unavailable import Unavailable
from layout.options import OCR_ENGINES, Options
from layout.outputs import write_stdout

__all__ = ["Report", "evaluate", "main_eval", "score_page"]

TEXT_SYSTEMS: dict[str, Predictor] = {
    "relayout": relayout_text,
    "raw": raw_baseline,
    "as-extracted-next": extracted_next,
    "as-extracted-prev": extracted_previous,
}
IMAGE_SYSTEMS = ("relayout-image", "tesseract")
# relayout on the image with one OCR engine each (--ocr), side by side: run when named,
# e.g. --systems relayout-image-tesseract,relayout-image-rapidocr (docs/evaluation.md).
ENGINE_SYSTEMS = {f"relayout-image-{engine}": engine for engine in OCR_ENGINES}
# relayout reading Tesseract's own hOCR of the image (layout/evaluate/hocr_system.py): run
# when named, --systems relayout-hocr[,relayout-image] [--scan].
HOCR_SYSTEM = "relayout-hocr"


def image_predictor(name: str, scan: bool, options: Options) -> Predictor:
    if name == "tesseract":
        return lambda folder: tesseract_baseline(folder, scan)
    if name == HOCR_SYSTEM:
        return lambda folder: relayout_hocr(folder, scan, options)
    if name in ENGINE_SYSTEMS:
        options = dataclasses.replace(options, ocr=ENGINE_SYSTEMS[name])
    return lambda folder: relayout_image(folder, scan, options)


def is_image_system(name: str) -> bool:
    return name in IMAGE_SYSTEMS or name in ENGINE_SYSTEMS or name == HOCR_SYSTEM


def page_folders(pages_dir: Path) -> list[Path]:
    return sorted(p.parent for p in pages_dir.glob("*/gt.json"))


def score_page(gt: Mapping[str, Any], pred: Prediction, input_text: str | None) -> Scores:
    """Text metrics (and character loss when the input was text); image metrics if boxes."""
    scores = score_text(gt, pred, input_text or "")
    if input_text is None:
        for name in ("chars_lost", "chars_added"):
            scores.pop(name)
    if "columns" in pred or "blocks" in pred:
        scores.update(score_image(gt, pred))
    return scores


def run_system(
    report: Report, name: str, predictor: Predictor, pages: list[Page], scan: bool
) -> None:
    totals: Scores = {}
    is_image = is_image_system(name)
    for page in pages:
        start = time.perf_counter()
        try:
            pred = predictor(page.folder)
        except Unavailable as err:
            report.unavailable[name] = str(err)
            return
        except Exception:  # a crash on one page is a score of zero there, not the end
            report.failed[name] = report.failed.get(name, 0) + 1
            pred = {"articles": [], "unassigned": []}
        gt = gt_for_scan(page.gt, pred.get("skew")) if is_image and scan else page.gt
        scores = score_page(gt, pred, None if is_image else page.text)
        if is_image:  # OCR takes seconds a page: say how many (wall clock, shared machine)
            scores["seconds"] = Tally(time.perf_counter() - start, 1)
        add_into(totals, scores)
        if report.by:
            value = str(gt.get("defects", {}).get(report.by))
            add_into(report.groups.setdefault(value, {}).setdefault(name, {}), scores)
    report.systems[name] = totals


def evaluate(
    pages_dir: Path | str,
    systems: Sequence[str] | Mapping[str, Predictor] | None = None,
    images: bool = False,
    scan: bool = False,
    by: str | None = None,
    options: Options | None = None,
) -> Report:
    """Score the named systems (default: relayout and raw; with images also the image ones).

    ``by`` names a key of gt.json's "defects" (e.g. "placement"): scores are then also
    added up separately for each of its values. ``options`` (conventions included) are
    relayout's.
    """
    chosen = chosen_systems(systems, images, scan, options or Options())
    need_text = any(not is_image_system(name) for name in chosen)
    pages, unreadable = load_pages(page_folders(Path(pages_dir)), need_text)
    report = Report(pages=len(pages), by=by, unreadable=unreadable)
    for name, predictor in chosen.items():
        run_system(report, name, predictor, pages, scan)
    return report


def chosen_systems(
    systems: Sequence[str] | Mapping[str, Predictor] | None,
    images: bool,
    scan: bool,
    options: Options,
) -> dict[str, Predictor]:
    if isinstance(systems, Mapping):
        return dict(systems)
    text = dict(TEXT_SYSTEMS) | {"relayout": functools.partial(relayout_text, options=options)}
    text["relayout-pdf"] = functools.partial(relayout_pdf, options=options)  # on request
    image_names = (*IMAGE_SYSTEMS, *ENGINE_SYSTEMS, HOCR_SYSTEM)
    known = text | {n: image_predictor(n, scan, options) for n in image_names}
    names = list(systems) if systems else [*TEXT_SYSTEMS, *(IMAGE_SYSTEMS if images else ())]
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ValueError(f"unknown systems {unknown}; known: {', '.join(known)}")
    return {n: known[n] for n in names}


def main_eval(argv: Sequence[str] | None = None) -> int:
    parser = OneLineParser(prog="relayout eval", description=__doc__)
    parser.add_argument(
        "pages_dir", type=Path, nargs="?", default=Path("."), help="folder of page folders"
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--images", action="store_true", help="also run the image systems")
    parser.add_argument("--scan", action="store_true", help="image systems read scan.png")
    parser.add_argument("--systems", help="comma-separated subset, e.g. relayout,raw")
    parser.add_argument(
        "--by", help='also score per value of a defect, e.g. "placement"; "extractor": a table each'
    )
    parser.add_argument("--extractor", help="read NAME.txt instead of page.txt (realistic pages)")
    parser.add_argument(
        "--report", type=Path, help="also write an HTML report, e.g. DIR/index.html"
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="RULE=VALUE",
        help="run relayout with a rule changed, e.g. reflow.indent_min=2.0 (repeatable)",
    )
    parser.add_argument("--rules", action="store_true", help="list every rule and exit")
    args = parser.parse_args(argv)
    if args.rules:
        print(markdown_table(Options().conventions), end="")
        return 0
    if not args.pages_dir.is_dir():
        parser.error(f"{args.pages_dir}: not a folder")
    try:
        options = Options(conventions=Options().conventions.override(_settings(args.set)))
    except ValueError as err:
        parser.error(str(err))
    names = args.systems.split(",") if args.systems else None
    if args.extractor or args.by == "extractor" or args.report:
        from layout.evaluate.by_extractor import main_extractors  # pages with several texts

        return main_extractors(args, names, functools.partial(evaluate, options=options))
    try:
        report = evaluate(
            args.pages_dir,
            names,
            images=args.images,
            scan=args.scan,
            by=args.by,
            options=options,
        )
    except ValueError as exc:  # an unknown system name
        parser.error(str(exc))
    for line in report.unreadable:  # one line per page that could not be scored
        print(f"relayout eval: {line}", file=sys.stderr)
    table = json.dumps(report.to_json(), ensure_ascii=False, indent=1) if args.json else None
    try:
        write_stdout((table or report.table()) + "\n")
    except OutputError as exc:
        print(f"relayout eval: {exc}", file=sys.stderr)
        return exc.exit_code
    return 1 if report.unreadable else 0


def _settings(pairs: Sequence[str]) -> dict[str, str]:
    """``["reflow.indent_min=2.0"]`` → ``{"reflow.indent_min": "2.0"}``."""
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise ValueError(f"--set {pair!r}: expected RULE=VALUE")
        out[name.strip()] = value.strip()
    return out
