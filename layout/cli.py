"""The ``relayout`` command: arguments → Options → library calls → exit code.

Exit codes (docs/reliability.md): 0 all inputs processed; 1 some input could not be
read (the others still were); 2 bad usage; 3 a program relayout needs is missing; 4 an
output could not be written; 130 interrupted (Ctrl-C). With several problems, the highest.
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from pathlib import Path
from typing import Any

from .argparsing import OneLineParser
from .conventions import CHINESE
from .errors import OutputError, RelayoutError, UsageError
from .explain import explain
from .export import to_dict
from .formats import FORMATS, render
from .language import ocr_languages, text_language
from .model import PageResult
from .options import COLUMN_MODES, DEFAULT_MAX_BYTES, OCR_CHOICES, Options
from .outputs import (
    STDOUT,
    companion_path,
    image_format,
    output_path,
    prepare_output_dir,
    write_atomic,
    write_stdout,
)
from .pipeline import process_page
from .schema import schema_text
from .sources import PageInput, read_pages

EXIT_INTERRUPTED = 130  # 128 + SIGINT, what shells report for a program stopped by Ctrl-C


def build_parser() -> argparse.ArgumentParser:
    p = OneLineParser(
        prog="relayout",
        description="Give back the articles of a newspaper page from its text or image.",
        epilog="Evaluation: relayout eval DIR [--json]. Many pages: relayout batch INPUT... -o DIR."
        " Docs: README.md and docs/.",
    )
    p.add_argument("inputs", nargs="+", metavar="PATH", help="text file, page image, or - (stdin)")
    p.add_argument("-f", "--format", choices=list(FORMATS), default="text", help="output format")
    p.add_argument("-o", "--output-dir", type=Path, help="write one output file per input here")
    p.add_argument("--explain", action="store_true", help="report each moved block on stderr")
    p.add_argument("--image", type=Path, help="page image that goes with a text or XML input")
    p.add_argument("--overlay", type=Path, help="write a debug overlay PNG (one input only)")
    p.add_argument(
        "--lang",
        help="page language: auto (default: from the text), en, fr, de, zh or Tesseract codes"
        " (fra, deu+eng): the text rules and the OCR languages (default chi_sim+eng)",
    )
    p.add_argument(
        "--ocr",
        choices=list(OCR_CHOICES),
        default="auto",
        help="OCR engine for page images: tesseract, rapidocr (PP-OCRv4), or auto (the"
        " default: PP-OCR for Chinese, Tesseract for other languages)",
    )
    p.add_argument("--jobs", type=int, default=0, help="OCR processes (0: one per core)")
    p.add_argument("--pages", help="pages of a PDF or hOCR file, e.g. 1-3,5 (default: all)")
    p.add_argument(
        "--fold-compat",
        action="store_true",
        help="fold compatibility characters (Kangxi radicals, ligatures) of PDF/OCR input",
    )
    p.add_argument(
        "--max-bytes",
        type=int,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help=f"refuse text input over N bytes (default {DEFAULT_MAX_BYTES})",
    )
    p.add_argument(
        "--columns",
        choices=COLUMN_MODES,
        default="auto",
        help="text lines holding several columns side by side (pdftotext -layout): "
        "find and re-thread them (auto, the default) or take each line as one column's",
    )
    p.add_argument("--debug", action="store_true", help="show tracebacks")
    p.add_argument(
        "--json-schema", action=_PrintJsonSchema, help="print the JSON Schema of -f json"
    )
    return p


class _PrintJsonSchema(argparse.Action):
    """``--json-schema``: print the schema and exit, with no input needed (as --version)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        try:
            write_stdout(schema_text())
        except OutputError as exc:
            parser.exit(exc.exit_code, f"relayout: {exc}\n")
        parser.exit()


def main(argv: list[str] | None = None) -> int:
    """The command; Ctrl-C anywhere in it is one line and exit code 130, no traceback."""
    try:
        return _main(list(sys.argv[1:] if argv is None else argv))
    except KeyboardInterrupt:
        print("relayout: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def _main(argv: list[str]) -> int:
    if argv[:1] == ["eval"]:
        from .evaluate import main_eval

        return main_eval(argv[1:])
    if argv[:1] == ["batch"]:
        from .batch import main_batch

        return main_batch(argv[1:])
    args = build_parser().parse_args(argv)
    try:
        options = _options(args)
    except (ValueError, UsageError) as exc:
        print(f"relayout: {exc}", file=sys.stderr)
        return 2
    try:
        if args.output_dir is not None:
            prepare_output_dir(args.output_dir)
    except OutputError as exc:
        _report(exc, args.debug)
        return exc.exit_code
    return _run_batch(args, options)


def _run_batch(args: argparse.Namespace, options: Options) -> int:
    """Every input in turn; a bad one is one line and the batch goes on, except when
    standard output fails: then every later output would be lost too."""
    status = 0
    names: set[str] = set()
    for path in args.inputs:
        try:
            status = max(status, _run_one(path, args, options, names))
        except RelayoutError as exc:
            _report(exc, args.debug)
            status = max(status, exc.exit_code)
            if isinstance(exc, OutputError) and exc.source == STDOUT:
                break
        except Exception as exc:  # a bug: still one clear line, and the batch goes on
            _report(exc, args.debug, source=path)
            status = max(status, 1)
    return status


def _options(args: argparse.Namespace) -> Options:
    if args.overlay is not None and len(args.inputs) != 1:
        raise UsageError("relayout", "--overlay takes exactly one input")
    if args.image is not None and len(args.inputs) != 1:
        raise UsageError("relayout", "--image takes exactly one text input")
    companion = FORMATS[args.format].companion
    if companion is not None and args.output_dir is None:
        raise UsageError(
            f"-f {args.format}", f"writes two files ({args.format}, {companion}): give -o DIR"
        )
    return Options(
        format=args.format,
        explain=args.explain,
        image=args.image,
        overlay=args.overlay,
        lang=ocr_languages(args.lang),
        conventions=CHINESE.for_language(text_language(args.lang)),
        jobs=args.jobs,
        pages=args.pages,
        fold_compat=args.fold_compat,
        max_bytes=args.max_bytes,
        columns=args.columns,
        ocr=args.ocr,
    )


def _run_one(path: str, args: argparse.Namespace, options: Options, names: set[str]) -> int:
    """Every page of one input; a page that fails is reported and the next one goes on.
    Returns the worst exit code of its pages."""
    status = 0
    for page in read_pages(path, options):
        try:
            _run_page(page, path, args, options, names)
        except RelayoutError as exc:
            if isinstance(exc, OutputError) and exc.source == STDOUT:
                raise  # every later output would be lost too: the batch stops
            _report(exc, args.debug)
            status = max(status, exc.exit_code)
    return status


def _run_page(
    page: PageInput, path: str, args: argparse.Namespace, options: Options, names: set[str]
) -> None:
    """Process one page, write its output, then its overlay (a bad overlay path must
    not cost the main output)."""
    result = process_page(page, options)
    if options.explain:
        sys.stderr.write(explain(result))
        sys.stderr.writelines(f"  note: {note}\n" for note in result.notes)
    several = len(args.inputs) > 1 or page.selected > 1  # JSON Lines, headers
    if options.format == "json" and several and args.output_dir is None:
        output = json.dumps(to_dict(result, options.explain), ensure_ascii=False) + "\n"
    else:
        output = render(result, options.format, options.explain)
    if args.output_dir is not None:
        target = output_path(args.output_dir, path, options.format, names, result.page)
        _write_with_companion(result, target, options.format, output, args.output_dir)
    else:
        if several and options.format != "json":
            where = "" if result.page is None else f" page {result.page}"
            output = f"==> {result.source}{where} <==\n{output}"
        write_stdout(output)
    if options.overlay is not None:
        from .pageimage import draw_result_overlay

        image_format(options.overlay)  # a bad name is refused before the drawing work
        draw_result_overlay(result, path, options)


def _write_with_companion(
    result: PageResult, target: Path, fmt: str, output: str, folder: Path
) -> None:
    """Write ``output`` to ``target``; a format with a companion (METS) is rendered again
    naming it, and the companion (its ALTO) is written first: the METS file never points
    at a file that is not there."""
    companion = companion_path(target, fmt)
    if companion is not None:
        output = render(result, fmt, companion=companion.name)
        write_atomic(companion, render(result, FORMATS[fmt].companion or ""), inside=folder)
    write_atomic(target, output, inside=folder)


def _report(exc: Exception, debug: bool, source: str | None = None) -> None:
    if debug:
        traceback.print_exception(exc)
    if isinstance(exc, RelayoutError):
        print(f"relayout: {exc}", file=sys.stderr)
    else:
        print(f"relayout: {source}: internal error: {exc!r} (use --debug)", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
