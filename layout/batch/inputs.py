"""The batch's inputs: files, folders (walked recursively) and ``@list.txt`` files.

Where each output goes, under the output folder DIR:
- a file named on the command line or in a list: ``DIR/<its name><suffix>``;
- a file found in a folder: its path inside that folder, mirrored under DIR
  (``pages/2024/p1.txt`` given as ``pages/`` → ``DIR/2024/p1.txt.relayout.json``).

Two inputs that would share an output are not both processed: the first (in the
order given, folders walked in name order) wins and the second fails with the reason
"output name taken", so a rerun decides the same way.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from layout.errors import UsageError
from layout.outputs import SUFFIXES
from layout.sources.detect import IMAGE_SUFFIXES

from .work import MANIFEST_SUFFIX, Item

# Files taken from a folder: the kinds process_path reads (a file named explicitly is
# always tried, whatever its name). Add a kind here when the pipeline learns to read it.
TEXT_SUFFIXES = frozenset({".txt"})
# Page geometry: PDF text layers, hOCR, ALTO and PAGE XML (layout/sources/).
GEOMETRY_SUFFIXES = frozenset({".pdf", ".xml", ".hocr", ".html"})
FOLDER_SUFFIXES = TEXT_SUFFIXES | GEOMETRY_SUFFIXES | frozenset(IMAGE_SUFFIXES)
LIST_COMMENT = "#"  # lines of a @list file starting with this are comments


class Inputs(NamedTuple):
    items: list[Item]
    duplicates: list[tuple[Item, str]]  # (item, the input that already has its output)


def collect(args: list[str], out_dir: Path, fmt: str) -> Inputs:
    """Every input the arguments name, in order, each with its output path.
    Raises UsageError for an unreadable list or folder (nothing has run yet)."""
    suffix = SUFFIXES[fmt]
    skip = {os.path.realpath(out_dir)}  # never walk into the outputs themselves
    items: list[Item] = []
    duplicates: list[tuple[Item, str]] = []
    owner: dict[str, Item] = {}
    for shown, output in _expand(args, skip):
        item = Item(shown, os.path.abspath(shown), output + suffix)
        first = owner.setdefault(item.output, item)
        if first is item:
            items.append(item)
        elif first.path != item.path:  # the same file named twice is simply taken once
            duplicates.append((item, first.shown))
    return Inputs(items, duplicates)


def _expand(args: list[str], skip: set[str]) -> Iterator[tuple[str, str]]:
    for arg in args:
        if arg.startswith("@"):
            for entry in _read_list(arg[1:]):
                yield from _expand_path(entry, skip)
        else:
            yield from _expand_path(arg, skip)


def _expand_path(path: str, skip: set[str]) -> Iterator[tuple[str, str]]:
    if path == "-":
        raise UsageError("-", "standard input cannot be a batch input; name files or folders")
    if os.path.isdir(path):
        yield from _walk(path, "", skip)
    else:  # a missing file fails on its own, as "no such file", and the batch goes on
        yield path, os.path.basename(path)


def _walk(folder: str, relative: str, skip: set[str]) -> Iterator[tuple[str, str]]:
    """Files of the kinds relayout reads, depth first in name order; hidden entries,
    outputs and manifests of earlier runs, and the output folder are left out."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        raise UsageError(folder, f"cannot list: {exc.strerror or exc}") from None
    for entry in entries:
        if entry.name.startswith(".") or _is_output(entry.name):
            continue
        inner = f"{relative}{entry.name}"
        if entry.is_dir():
            if os.path.realpath(entry.path) not in skip:
                yield from _walk(entry.path, inner + "/", skip)
        elif Path(entry.name).suffix.lower() in FOLDER_SUFFIXES:
            yield entry.path, inner


def _is_output(name: str) -> bool:
    return name.endswith(MANIFEST_SUFFIX) or any(name.endswith(s) for s in SUFFIXES.values())


def _read_list(path: str) -> list[str]:
    """One input per line (file or folder, relative to the current folder); blank lines
    and lines starting with # are skipped."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problem = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise UsageError(f"@{path}", f"cannot read the list: {problem or exc}") from None
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith(LIST_COMMENT)]
