"""PDF pages: the text layer with glyph boxes, type sizes and weights (pypdfium2).

Characters come in the order of the page's content stream (the order the layout program
wrote its text frames: usually story by story); a new line starts where the baseline
moves or the text jumps sideways. Boxes are in PDF points, origin at the top-left
corner of the page's crop box, y downwards. A page without a text layer is rendered
(RENDER_DPI) for the image path to OCR. Text set outside the crop box is not on the
page a reader sees: it is left out and reported in ``dropped``.
"""

from __future__ import annotations

import ctypes
import math
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from layout.assembly_rules import Geometry
from layout.errors import InputError
from layout.model import BBox, Line
from layout.options import Options

from .page import PageInput, box_of, number_lines, select_pages

# The grouping thresholds (baselines, gaps, leading, rules and figures) are
# rules of the conventions: Conventions.geometry (layout/assembly_rules.py). The constants
# below are none: they say how the file is read, not how a newspaper is set.

# Pages without a text layer are rendered at this resolution for OCR (Tesseract reads
# body text best at 300 dpi); large pages are rendered smaller to stay under the
# pixel limit.
RENDER_DPI = 300
# A glyph whose font weight is at least this (CSS and OpenType scale: 400 regular, 600
# semi-bold, the first bold weight, 700 bold) is bold; without a weight (the standard 14
# fonts), a font whose name says so. What the font says, not a newspaper convention: a
# fact of the source (PageInput.bold), which no stage decides by yet.
BOLD_WEIGHT = 600
BOLD_NAMES = (b"Bold", b"Black", b"Heavy", b"Semibold", b"Demi")
FONT_NAME_BYTES = 256  # the buffer pdfium writes a font's name into


@dataclass(slots=True)
class _Glyph:
    char: str
    box: tuple[float, float, float, float]  # x0, y0, x1, y1, page top-left origin
    baseline: float
    size: float
    bold: bool
    space: bool


@dataclass(slots=True)
class _Run:
    """Glyphs of one printed line, in content order."""

    glyphs: list[_Glyph] = field(default_factory=list)
    text: list[str] = field(default_factory=list)

    @property
    def size(self) -> float:
        sizes = sorted(g.size for g in self.glyphs if not g.space)
        return sizes[len(sizes) // 2] if sizes else 0.0

    @property
    def box(self) -> tuple[float, float, float, float]:
        inked = [g.box for g in self.glyphs if not g.space] or [g.box for g in self.glyphs]
        return (
            min(b[0] for b in inked),
            min(b[1] for b in inked),
            max(b[2] for b in inked),
            max(b[3] for b in inked),
        )


def read_pdf(path: str, options: Options) -> Iterator[PageInput]:
    """One PageInput per selected page, lazily; the document is closed at the end."""
    doc = open_pdf(path)
    try:
        numbers = select_pages(options.pages, len(doc), path)
        with tempfile.TemporaryDirectory(prefix="relayout-pdf-") as tmp:
            for number in numbers:
                page = read_page(doc, number, path, Path(tmp), options)
                yield replace(page, selected=len(numbers))
    finally:
        doc.close()


def open_pdf(path: str) -> Any:
    try:
        doc = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        raise InputError(path, _load_problem(exc)) from None
    if len(doc) == 0:
        doc.close()
        raise InputError(path, "PDF without pages")
    return doc


def _load_problem(exc: Any) -> str:
    code = getattr(exc, "err_code", None)
    if code == pdfium_c.FPDF_ERR_PASSWORD:
        return "encrypted PDF: it needs a password, which relayout does not take"
    if code == pdfium_c.FPDF_ERR_SECURITY:
        return "encrypted PDF with an unsupported security scheme"
    if code == pdfium_c.FPDF_ERR_FILE:
        return "cannot read the file"
    return "damaged PDF: it cannot be opened (truncated or not a PDF inside)"


def read_page(doc: Any, number: int, path: str, tmp: Path, options: Options) -> PageInput:
    """One page: its lines, or (no text layer) its rendering for OCR."""
    try:
        page = doc[number - 1]
    except pdfium.PdfiumError:
        raise InputError(f"{path}#p{number}", "damaged page: it cannot be loaded") from None
    try:
        frame = tuple(page.get_cropbox())
        geometry = options.conventions.geometry
        glyphs, off_page = _glyphs(page, frame)
        figures = tuple(f for f in (_figure(o, frame) for o in _images(page)) if f is not None)
        drawn = [f for f in (_figure(o, frame) for o in _paths(page)) if f is not None]
        size = (round(frame[2] - frame[0]), round(frame[3] - frame[1]))
        dropped = _off_page_text(off_page, geometry)
        if not any(not g.space for g in glyphs):
            note = f"page {number} has no text layer: rendered at {RENDER_DPI} dpi and read by OCR"
            image = str(_render(page, number, tmp, options))
            return PageInput(path, "pdf", [], size, "pt", image, number, figures, dropped, (note,))
        lines, bold = _lines(glyphs, geometry)
        notes = _notes(page, number, off_page)
        rules, panels, pictures = _sort_drawings(drawn, lines, geometry)
        return PageInput(
            path,
            "pdf",
            lines,
            size,
            "pt",
            None,
            number,
            figures + pictures,
            dropped,
            notes,
            bold,
            rules=rules,
            panels=panels,
        )
    finally:
        page.close()


def _lines(glyphs: list[_Glyph], geometry: Geometry) -> tuple[list[Line], frozenset[int]]:
    """Numbered lines, and the numbers of the bold ones."""
    runs = _runs(glyphs, geometry)
    lines = [_line(run, prev, geometry) for prev, run in zip([None, *runs[:-1]], runs, strict=True)]
    bold = frozenset(n for n, run in enumerate(runs, start=1) if _mostly_bold(run))
    lines = number_lines(lines)  # every run holds a glyph: none is dropped, numbers hold
    return lines, bold


def _glyphs(
    page: Any, frame: tuple[float, float, float, float]
) -> tuple[list[_Glyph], list[_Glyph]]:
    """The page's characters in content order: (on the page, outside its crop box)."""
    textpage = page.get_textpage()
    raw = textpage.raw
    matrix = pdfium_c.FS_MATRIX()
    name = ctypes.create_string_buffer(FONT_NAME_BYTES)
    ox, oy = ctypes.c_double(), ctypes.c_double()
    left, bottom, right, top = frame
    on: list[_Glyph] = []
    off: list[_Glyph] = []
    count = textpage.count_chars()
    inside = True
    i = 0
    while i < count:
        code = pdfium_c.FPDFText_GetUnicode(raw, i)
        generated = pdfium_c.FPDFText_IsGenerated(raw, i)
        step = 1
        if 0xD800 <= code < 0xDC00 and i + 1 < count:  # a surrogate pair: one character
            low = pdfium_c.FPDFText_GetUnicode(raw, i + 1)
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            step = 2
        if code < 0x20 and pdfium_c.FPDFText_IsHyphen(raw, i):
            code = 0x2D  # a hyphen at a line end, which pdfium reports with a control code
        if generated:
            code = 0x20  # pdfium's own word spaces and line breaks: a space at most
        elif code in (0, 0xFFFE, 0xFFFF):
            i += step
            continue  # glyphs with no character at all
        # x from the glyph's own box (ligature parts, kerning), y from the font's
        # ascent and descent: every line of one size gets the same height.
        x0, _, x1, _ = textpage.get_charbox(i)
        _, y0, _, y1 = textpage.get_charbox(i, loose=True)
        pdfium_c.FPDFText_GetMatrix(raw, i, ctypes.byref(matrix))
        pdfium_c.FPDFText_GetCharOrigin(raw, i, ctypes.byref(ox), ctypes.byref(oy))
        scale = math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c)) or 1.0
        char = chr(code)
        glyph = _Glyph(
            char=char,
            box=(x0 - left, top - y1, x1 - left, top - y0),
            baseline=top - oy.value,
            size=pdfium_c.FPDFText_GetFontSize(raw, i) * scale,
            bold=_is_bold(raw, i, name),
            space=generated or char.isspace(),
        )
        if not glyph.space:  # a space (boxes of no size) goes where the glyph before it went
            cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
            inside = left <= cx <= right and bottom <= cy <= top
        (on if inside else off).append(glyph)
        i += step
    textpage.close()
    return on, off


def _is_bold(raw: Any, i: int, name: Any) -> bool:
    """By the font's weight; where the PDF gives none (the standard 14 fonts), by the
    font's name."""
    weight = pdfium_c.FPDFText_GetFontWeight(raw, i)
    if weight > 0:
        return bool(weight >= BOLD_WEIGHT)
    flags = ctypes.c_int()
    pdfium_c.FPDFText_GetFontInfo(raw, i, name, FONT_NAME_BYTES, ctypes.byref(flags))
    return any(word in name.value for word in BOLD_NAMES)


def _runs(glyphs: list[_Glyph], geometry: Geometry) -> list[_Run]:
    """Group glyphs into printed lines (see Geometry.baseline_tolerance and after)."""
    runs: list[_Run] = []
    run = _Run()
    last: _Glyph | None = None
    for g in glyphs:
        if g.space:
            if run.text and run.text[-1] != " ":
                run.text.append(" ")
            continue
        if last is not None and not _same_line(last, g, geometry):
            runs.append(run)
            run = _Run()
        run.glyphs.append(g)
        run.text.append(g.char)
        last = g
    if run.glyphs:
        runs.append(run)
    return runs


def _same_line(a: _Glyph, b: _Glyph, geometry: Geometry) -> bool:
    size = max(a.size, b.size, 1e-6)
    if abs(a.baseline - b.baseline) > geometry.baseline_tolerance * size:
        return False
    gap = b.box[0] - a.box[2]
    return -geometry.backward_max * size <= gap <= geometry.line_gap_max * size


def _line(run: _Run, prev: _Run | None, geometry: Geometry) -> Line:
    box = box_of(*run.box)
    return Line(
        0, "".join(run.text).strip(), _block_start(run, prev, geometry), box, round(run.size, 2)
    )


def _block_start(run: _Run, prev: _Run | None, geometry: Geometry) -> int:
    """1 when the line does not follow the previous one in its column (a new block)."""
    if prev is None:
        return 0
    px0, _, px1, pbottom = prev.box
    x0, top, x1, _ = run.box
    size = max(run.size, prev.size, 1e-6)
    below = -0.2 * size <= top - pbottom <= geometry.leading_max * size
    overlaps = min(x1, px1) - max(x0, px0) > 0
    return 0 if below and overlaps else 1


def _mostly_bold(run: _Run) -> bool:
    inked = [g for g in run.glyphs if not g.space]
    return bool(inked) and sum(g.bold for g in inked) * 2 > len(inked)


def _images(page: Any) -> list[Any]:
    return list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]))


def _paths(page: Any) -> list[Any]:
    return list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH]))


def _sort_drawings(
    drawn: list[BBox], lines: list[Line], geometry: Geometry
) -> tuple[tuple[BBox, ...], tuple[BBox, ...], tuple[BBox, ...]]:
    """Drawn paths as (rules, panels, figures); see Geometry.rule_max_thickness."""
    rules: list[BBox] = []
    panels: list[BBox] = []
    figures: list[BBox] = []
    centres = [ln.box.center for ln in lines if ln.box is not None]
    for box in drawn:
        thin, long = sorted((box.width, box.height))
        if thin <= geometry.rule_max_thickness:
            if long >= geometry.rule_min_length:
                rules.append(box)
        elif any(box.x0 <= x <= box.x1 and box.y0 <= y <= box.y1 for x, y in centres):
            panels.append(box)
        elif thin >= geometry.figure_min:
            figures.append(box)
    return tuple(rules), tuple(panels), tuple(figures)


def _figure(obj: Any, frame: tuple[float, float, float, float]) -> BBox | None:
    left, bottom, right, top = frame
    x0, y0, x1, y1 = obj.get_bounds()
    x0, x1 = max(x0, left), min(x1, right)
    y0, y1 = max(y0, bottom), min(y1, top)
    return box_of(x0 - left, top - y1, x1 - left, top - y0)


def _off_page_text(off: list[_Glyph], geometry: Geometry) -> tuple[str, ...]:
    """Text outside the crop box, one entry per line, for ``dropped``."""
    return tuple(t for t in ("".join(run.text).strip() for run in _runs(off, geometry)) if t)


def _notes(page: Any, number: int, off: list[_Glyph]) -> tuple[str, ...]:
    notes = []
    if off:
        inked = sum(1 for g in off if not g.space)
        notes.append(
            f"page {number}: {inked} characters are set outside the page's visible area "
            "(crop box): left out, listed in dropped"
        )
    if page.get_rotation():
        notes.append(
            f"page {number} is rotated by {page.get_rotation()}°: boxes are in the unrotated page"
        )
    return tuple(notes)


def _render(page: Any, number: int, tmp: Path, options: Options) -> Path:
    width, height = page.get_size()
    scale = RENDER_DPI / 72
    if width * height * scale * scale > options.max_pixels:
        scale = math.sqrt(options.max_pixels / (width * height))
    bitmap = page.render(scale=scale, grayscale=True)
    out = tmp / f"page-{number:04d}.png"
    bitmap.to_pil().save(out)
    bitmap.close()
    return out
