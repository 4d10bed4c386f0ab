"""Inputs by content: each reader turns one kind of file into neutral page inputs.

    detect (first bytes; suffix as tie-breaker) → text | image | pdf | hocr | alto | page
    → PageInput (lines in reading order with boxes, sizes and hints; see page.py)

``read_pages`` yields one PageInput per page (several for a PDF or a multi-page hOCR
file, lazily); the text stages take it from there (``layout.pipeline.process_page``).
Readers of heavy formats are imported only when a file of their kind comes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from layout.errors import InputError
from layout.options import Options
from layout.read import decode, read_at_most, read_source, split_lines

from .compat import compat_note, fold_lines
from .detect import HEAD_BYTES, Kind, detect
from .page import PageInput, mark_headlines
from .xmlsafe import MAX_XML_BYTES

__all__ = ["Kind", "PageInput", "detect", "read_pages", "sniff"]


def sniff(path: str) -> Kind:
    """The kind of a file (not of standard input) from its first bytes."""
    return detect(_head(path), path, Path(path).suffix.lower())


def read_pages(path: str, options: Options) -> Iterator[PageInput]:
    """The pages of one input (``-`` is standard input), in order."""
    if path == "-":
        name, data = read_source(path, options.max_bytes)
        kind = detect(data[:HEAD_BYTES], name, "")
        yield from _from_bytes(kind, data, name, options)
        return
    kind = detect(_head(path), path, Path(path).suffix.lower())
    if kind is Kind.PDF:
        from .pdf import read_pdf  # pypdfium2 is loaded only for PDFs

        yield from (_finish(page, options) for page in read_pdf(path, options))
    elif kind is Kind.IMAGE:
        yield PageInput(path, "image", image=path)
    else:
        limit = options.max_bytes if kind is Kind.TEXT else MAX_XML_BYTES
        if kind is not Kind.TEXT:
            _check_size(path, MAX_XML_BYTES)
        _, data = read_source(path, limit)
        yield from _from_bytes(kind, data, path, options)


def _from_bytes(kind: Kind, data: bytes, name: str, options: Options) -> Iterator[PageInput]:
    if kind is Kind.TEXT:
        yield PageInput(name, "text", split_lines(decode(data, name)))
    elif kind is Kind.HOCR:
        from .hocr import read_hocr

        pages = read_hocr(data, name, options.pages, options.conventions)
        yield from (_finish(p, options) for p in pages)
    elif kind is Kind.ALTO:
        from .alto import read_alto

        conv = options.conventions
        pages = read_alto(data, name, conv.geometry, conv.image.size_noise)
        yield from (_finish(p, options) for p in pages)
    elif kind is Kind.PAGE:
        from .pagexml import read_page_xml

        noise = options.conventions.image.size_noise  # sizes measured as line heights
        yield from (_finish(p, options) for p in read_page_xml(data, name, noise))
    else:  # a PDF or an image on standard input
        raise InputError(name, f"{kind.value} input on standard input: give its path instead")


def _finish(page: PageInput, options: Options) -> PageInput:
    """Hint the lines set clearly larger than the body as headlines; report (and, if
    asked, fold) compatibility code points."""
    mark_headlines(page.lines, options.conventions.image.headline_size_ratio)
    note = compat_note(page.lines, page.name, options.fold_compat)
    if note is None:
        return page
    if options.fold_compat:
        fold_lines(page.lines)
    return _with_note(page, note)


def _with_note(page: PageInput, note: str) -> PageInput:
    return replace(page, notes=(*page.notes, note))


def _head(path: str) -> bytes:
    return read_at_most(path, HEAD_BYTES)


def _check_size(path: str, limit: int) -> None:
    size = Path(path).stat().st_size
    if size > limit:
        raise InputError(path, f"{size // 2**20} MiB of XML: over the {limit // 2**20} MiB limit")
