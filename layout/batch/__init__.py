"""``relayout batch INPUT... -o DIR``: many pages, resumable, locally or on a Dask cluster.

    inputs (files, folders, @lists) → items (paths) → workers (process, write output and
    manifest) → outcomes → progress, summary, DIR/failures.jsonl

Exit codes: 0 every input went through (done or already current); 1 some failed (the
others went through; see DIR/failures.jsonl); 2 bad usage; 3 Dask asked for but not
installed; 4 the output folder cannot be written; 130 stopped by Ctrl-C (SIGINT) —
outputs written so far are complete, and a rerun goes on from there. docs/scale.md.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from layout.argparsing import OneLineParser
from layout.errors import OutputError, RelayoutError
from layout.formats import FORMATS
from layout.options import OCR_CHOICES

from .inputs import collect
from .report import BatchReport
from .work import REASON_DUPLICATE, Item, Outcome, Settings, sweep_leftovers

__all__ = ["main_batch"]

EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a Ctrl-C
DASK_PAGES_PER_TASK = 8  # a text page takes milliseconds: one page a task would cost more in
# scheduling than in work; 8 keeps the per-page overhead small (docs/performance.md)


def build_parser() -> argparse.ArgumentParser:
    p = OneLineParser(
        prog="relayout batch",
        description="Process many pages into an output folder; a rerun skips finished pages.",
        epilog="See docs/scale.md.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder, or @list.txt")
    p.add_argument("-o", "--output-dir", type=Path, required=True, help="output folder")
    p.add_argument("-f", "--format", choices=list(FORMATS), default="text", help="output format")
    p.add_argument("--workers", type=int, help="local worker processes (default: usable cores)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler, e.g. tcp://host:8786")
    p.add_argument(
        "--pages-per-task",
        type=int,
        default=DASK_PAGES_PER_TASK,
        help=f"pages in one Dask task (default {DASK_PAGES_PER_TASK})",
    )
    p.add_argument(
        "--lang",
        default="auto",
        help="the pages' language, as relayout --lang: en, fr, de, zh or Tesseract codes "
        "(fra+eng); auto (the default): recognised from each page's text, images read "
        "as Chinese and English",
    )
    p.add_argument(
        "--ocr",
        choices=list(OCR_CHOICES),
        default="auto",
        help="OCR engine for page images, as relayout --ocr (default auto)",
    )
    return p


def main_batch(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    if args.workers is not None and args.workers < 1:
        return _fail("relayout batch: --workers must be at least 1", 2)
    if args.pages_per_task < 1:
        return _fail("relayout batch: --pages-per-task must be at least 1", 2)
    try:
        return _run(args)
    except RelayoutError as exc:
        return _fail(f"relayout batch: {exc}", exc.exit_code)
    except KeyboardInterrupt:  # before the batch started: nothing was written
        return _fail("relayout batch: interrupted", EXIT_INTERRUPTED)
    except Exception as exc:  # a bug, or a cluster error: still one line, no traceback
        return _fail(f"relayout batch: internal error: {exc!r}", 1)


def _run(args: argparse.Namespace) -> int:
    out_dir: Path = args.output_dir
    _make_output_dir(out_dir)
    inputs = collect(args.inputs, out_dir, args.format)
    settings = Settings(str(out_dir.resolve()), args.format, args.lang, args.ocr)
    total = len(inputs.items) + len(inputs.duplicates)
    interrupted = False
    with BatchReport(total, out_dir) as report:
        for item, owner in inputs.duplicates:
            error = f"{item.shown}: its output {item.output} is already that of {owner}"
            report.add(Outcome(item.shown, "failed", REASON_DUPLICATE, error))
        try:
            _dispatch(args, inputs.items, settings, report)
            sweep_leftovers(out_dir)  # every writer is done: a killed one's files can go
        except KeyboardInterrupt:
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut cleanup
            interrupted = True
    report.write_failures()
    report.summary(interrupted)
    if interrupted:
        return EXIT_INTERRUPTED
    return 1 if report.failures else 0


def _dispatch(
    args: argparse.Namespace, items: list[Item], settings: Settings, report: BatchReport
) -> None:
    if args.scheduler:
        from .cluster import run_dask

        run_dask(args.scheduler, items, settings, args.pages_per_task, report.add)
    else:
        from .local import run_local

        workers = args.workers or usable_cores()
        run_local(items, settings, workers, report.add)


def usable_cores() -> int:
    """The cores this process may run on (a container's or taskset's limit included)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _make_output_dir(out_dir: Path) -> None:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(str(out_dir), f"cannot create: {exc.strerror or exc}") from None
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise OutputError(str(out_dir), "is not writable")


def _fail(message: str, code: int) -> int:
    print(message, file=sys.stderr)
    return code
