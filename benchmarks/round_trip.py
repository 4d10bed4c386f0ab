"""How many pages come back the same from relayout's own PAGE, ALTO and hOCR (not a test).

    .venv/bin/python -m benchmarks.round_trip FILE... [--show 3]

Each input is read (any kind relayout reads), written as PAGE, ALTO and hOCR, and each
document read back. A round trip counts as the same when every article's headline
lines, bylines, paragraphs (with roles) and captions (with roles) are the first
result's, and the unassigned blocks are too (exactly from PAGE; from ALTO and hOCR,
which hold no text between lines, their characters without whitespace); characters
XML cannot hold are left out of the comparison (the documents report them dropped).
It also checks every character once: the second result's texts plus the characters
the document reports dropped are the first result's texts and ``dropped``. Figures go
to docs/formats.md ("Reading back").
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from layout import process_path
from layout.formats import render
from layout.formats.readback import read_back
from layout.formats.xmlout import NOT_XML_RE
from layout.model import PageResult, non_whitespace

SUFFIXES = {"page": ".page.xml", "alto": ".alto.xml", "hocr": ".hocr"}


def fields(result: PageResult, exact: bool) -> list[object]:
    """The result's articles and unassigned blocks as comparable values."""
    out: list[object] = []
    for a in result.articles:
        out.append(
            (
                [_xml(h) for h in a.headline],
                [_xml(b) for b in a.bylines],
                [(p.role, _xml(p.text)) for p in a.paragraphs],
                [(c.role, _xml(c.text)) for c in a.captions],
            )
        )
    for u in result.unassigned:
        out.append((u.role, _xml(u.text) if exact else "".join(_xml(u.text).split())))
    return out


def _xml(text: str) -> str:
    return NOT_XML_RE.sub("", text)


def same_after_round_trip(result: PageResult, fmt: str, folder: Path) -> tuple[bool, bool]:
    """(same articles and blocks, every character once) for one format."""
    document = render(result, fmt)
    path = folder / f"round{SUFFIXES[fmt]}"
    path.write_text(document, encoding="utf-8")
    again = process_path(str(path))
    exact = fmt == "page"
    same = fields(again, exact) == fields(result, exact)
    reported = read_back(document, fmt).dropped
    got = non_whitespace("".join(again.text_fields()) + "".join(reported))
    return same, got == result.characters()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--show", type=int, default=3, help="name this many that differ")
    args = parser.parse_args()
    same = {fmt: 0 for fmt in SUFFIXES}
    chars = {fmt: 0 for fmt in SUFFIXES}
    differ: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.files:
            result = process_path(name)
            for fmt in SUFFIXES:
                ok, once = same_after_round_trip(result, fmt, Path(tmp))
                same[fmt] += ok
                chars[fmt] += once
                if not ok:
                    differ.append(f"{name} ({fmt})")
    for fmt in SUFFIXES:
        print(
            f"{fmt}: {same[fmt]}/{len(args.files)} the same, "
            f"{chars[fmt]}/{len(args.files)} every character once"
        )
    for name in differ[: args.show]:
        print("differs:", name)


if __name__ == "__main__":
    main()
