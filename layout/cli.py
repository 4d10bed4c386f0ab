"""The ``relayout`` command: arguments → Options → library calls → exit code.

Exit codes: 0 all inputs processed; 1 some input could not be read (the others
still were); 2 bad usage; 3 a program relayout needs is missing.
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from pathlib import Path
from typing import NoReturn

from .errors import RelayoutError, UsageError
from .explain import explain
from .export import render, to_dict
from .options import FORMATS, Options
from .pipeline import process_path

_SUFFIX = {"text": ".relayout.txt", "markdown": ".relayout.md", "json": ".relayout.json"}


class OneLineParser(argparse.ArgumentParser):
    """Bad usage is one line on stderr and exit code 2, like every other error."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    p = OneLineParser(
        prog="relayout",
        description="Give back the articles of a newspaper page from its text or image.",
        epilog="Evaluation: relayout eval DIR [--json]. Many pages: relayout batch INPUT... -o DIR."
        " Docs: README.md and docs/.",
    )
    p.add_argument("inputs", nargs="+", metavar="PATH", help="text file, page image, or - (stdin)")
    p.add_argument("-f", "--format", choices=FORMATS, default="text", help="output format")
    p.add_argument("-o", "--output-dir", type=Path, help="write one output file per input here")
    p.add_argument("--explain", action="store_true", help="report each moved block on stderr")
    p.add_argument("--image", type=Path, help="page image that goes with a text input")
    p.add_argument("--overlay", type=Path, help="write a debug overlay PNG (one input only)")
    p.add_argument("--lang", default="chi_sim+eng", help="Tesseract languages for images")
    p.add_argument("--jobs", type=int, default=0, help="OCR processes (0: one per core)")
    p.add_argument("--debug", action="store_true", help="show tracebacks")
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
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
    status = 0
    names: set[str] = set()
    for path in args.inputs:
        try:
            _run_one(path, args, options, names)
        except RelayoutError as exc:
            _report(exc, args.debug)
            status = max(status, exc.exit_code)
        except Exception as exc:  # a bug: still one clear line, and the batch goes on
            _report(exc, args.debug, source=path)
            status = max(status, 1)
    return status


def _options(args: argparse.Namespace) -> Options:
    if args.overlay is not None and len(args.inputs) != 1:
        raise UsageError("relayout", "--overlay takes exactly one input")
    if args.image is not None and len(args.inputs) != 1:
        raise UsageError("relayout", "--image takes exactly one text input")
    return Options(
        format=args.format,
        explain=args.explain,
        image=args.image,
        overlay=args.overlay,
        lang=args.lang,
        jobs=args.jobs,
    )


def _run_one(path: str, args: argparse.Namespace, options: Options, names: set[str]) -> None:
    result = process_path(path, options)
    if options.explain:
        sys.stderr.write(explain(result))
    if options.overlay is not None:
        from .pageimage import draw_result_overlay

        draw_result_overlay(result, path, options)
    if options.format == "json" and len(args.inputs) > 1 and args.output_dir is None:
        output = json.dumps(to_dict(result, options.explain), ensure_ascii=False) + "\n"
    else:
        output = render(result, options.format, options.explain)
    if args.output_dir is not None:
        target = _output_path(args.output_dir, path, options.format, names)
        target.write_text(output, encoding="utf-8")
    else:
        if len(args.inputs) > 1 and options.format != "json":
            output = f"==> {result.source} <==\n{output}"
        sys.stdout.write(output)


def _output_path(directory: Path, path: str, fmt: str, taken: set[str]) -> Path:
    """DIR/<input name>.relayout.<ext>, never outside DIR, never the same name twice."""
    directory.mkdir(parents=True, exist_ok=True)
    stem = "stdin" if path == "-" else (Path(path).name or "input")
    name = stem + _SUFFIX[fmt]
    n = 2
    while name in taken:
        name = f"{stem}-{n}{_SUFFIX[fmt]}"
        n += 1
    taken.add(name)
    return directory / name


def _report(exc: Exception, debug: bool, source: str | None = None) -> None:
    if debug:
        traceback.print_exception(exc)
    if isinstance(exc, RelayoutError):
        print(f"relayout: {exc}", file=sys.stderr)
    else:
        print(f"relayout: {source}: internal error: {exc!r} (use --debug)", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
