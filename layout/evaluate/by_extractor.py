"""``relayout eval`` on pages that carry several extractors' texts (fixtures.realistic).

A realistic page folder holds ``NAME.txt`` for every extractor beside ``page.txt``.
``--extractor NAME`` scores the systems on NAME.txt; ``--by extractor`` gives one table per
extractor. Both work on a view of the pages: a temporary folder per page in which
page.txt is the chosen extractor's text and the other files are links, so every system
and metric reads page.txt as usual.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from layout.evaluate.report import Report
from layout.evaluate.views import extractor_view, extractors_in


def evaluate_extractors(
    pages_dir: Path,
    extractors: Sequence[str],
    systems: Sequence[str] | None,
    run: Callable[..., Report],
    **kwargs: object,
) -> dict[str, Report]:
    """``run`` is ``layout.evaluate.evaluate`` (with relayout's options), given by the caller."""
    out: dict[str, Report] = {}
    for name in extractors:
        with extractor_view(pages_dir, name) as view:
            out[name] = run(view, systems, **kwargs)
    return out


def main_extractors(
    args: argparse.Namespace, systems: Sequence[str] | None, run: Callable[..., Report]
) -> int:
    """The --extractor / --by extractor / --report branch of ``relayout eval``; ``run`` is
    ``layout.evaluate.evaluate`` with relayout's options."""
    pages: Path = args.pages_dir
    if args.by == "extractor":
        names = extractors_in(pages)
        if not names:
            print(f"relayout eval: {pages}: no extractor texts (NAME.txt) found", file=sys.stderr)
            return 2
    else:
        names = [args.extractor] if args.extractor else []
        have = [*extractors_in(pages), "page"]
        if args.extractor and args.extractor not in have:
            print(
                f"relayout eval: {pages}: no {args.extractor}.txt in the page folders "
                f"(have: {', '.join(have)})",
                file=sys.stderr,
            )
            return 2
    by = None if args.by == "extractor" else args.by
    kwargs = {"images": args.images, "scan": args.scan, "by": by}
    if names:
        reports = evaluate_extractors(pages, names, systems, run, **kwargs)
    else:
        reports = {"page.txt": run(pages, systems, **kwargs)}
    if args.json:
        print(
            json.dumps({n: r.to_json() for n, r in reports.items()}, ensure_ascii=False, indent=1)
        )
    else:
        print("\n\n".join(f"extractor: {n}\n{r.table()}" for n, r in reports.items()))
    if args.report:
        from layout.evaluate.html_report import write_report

        write_report(pages, args.report, names[0] if names else None)
        print(f"report: {args.report}")
    return 0
