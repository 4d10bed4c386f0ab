"""Views of realistic page folders as if one extractor's text were page.txt.

A realistic page folder holds ``NAME.txt`` for every extractor beside ``page.txt``; a view is
a temporary folder per page in which page.txt is the chosen extractor's text and the other
files are links, so every system and metric reads page.txt as usual.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

EXTRACTORS = ("pdftotext-raw", "pdftotext", "pdftotext-layout", "pdfminer", "pypdfium2")
LINKED = ("gt.json", "page.png", "scan.png", "page.pdf")


def extractors_in(pages_dir: Path) -> list[str]:
    """The extractor texts the first page folder has, in the usual order."""
    first = next(iter(sorted(pages_dir.glob("*/gt.json"))), None)
    if first is None:
        return []
    return [n for n in EXTRACTORS if (first.parent / f"{n}.txt").is_file()]


@contextmanager
def extractor_view(pages_dir: Path, extractor: str) -> Iterator[Path]:
    """A temporary copy of the page set whose page.txt is ``extractor``'s text."""
    tmp = Path(tempfile.mkdtemp(prefix=f"relayout-eval-{extractor}-"))
    try:
        for gt in sorted(pages_dir.glob("*/gt.json")):
            source = gt.parent
            text = source / f"{extractor}.txt"
            if not text.is_file():
                raise FileNotFoundError(f"{text}: no text of extractor {extractor!r}")
            target = tmp / source.name
            target.mkdir()
            shutil.copyfile(text, target / "page.txt")
            for name in LINKED:
                if (source / name).exists():
                    os.symlink((source / name).resolve(), target / name)
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
