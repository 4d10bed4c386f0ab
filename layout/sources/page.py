"""The neutral page input every reader gives: lines in reading order, with geometry.

Units: ``box`` and ``size`` are in the unit of the source, named in ``unit``:
``"px"`` pixels of the page image (images, hOCR, ALTO and PAGE XML in pixels),
``"pt"`` PDF points (1/72 inch) with the origin at the page's top-left corner, or the
ALTO measurement unit (``"mm10"``, ``"inch1200"``). Only ratios between sizes of one
page are used, so the unit never needs converting.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from layout.errors import InputError
from layout.model import BBox, Line, Role
from layout.options import page_ranges


@dataclass(frozen=True, slots=True)
class SourceRegion:
    """One block as the source typed and grouped it (PAGE TextRegion, ALTO TextBlock,
    hOCR ocr_par / ocr_carea…), in the source's reading order.

    ``role``: what the source says the block is (None: it does not say); ``exact``:
    said by name (Transkribus' ``structure {type:byline;}``, hOCR ``x_role``, an ALTO
    tag labelled ``byline``) rather than by a generic type whose meaning depends on the
    place (PAGE ``heading`` is a headline above the text, a subhead inside it).
    ``furniture``: a running head, footer or page number. ``article``: the article the
    source puts it in (PAGE group ``type="article"``, hOCR ``ocr_linear``, an ALTO
    article tag), None for none. ``text``: the region's own text where the source gives
    one (PAGE region TextEquiv). ``continues``: the field of the region before goes on
    here (a paragraph continued in the next column: PAGE ``continuation``).
    """

    lines: tuple[int, ...] = ()
    role: Role | None = None
    exact: bool = False
    furniture: bool = False
    article: str | None = None
    text: str | None = None
    continues: bool = False


@dataclass(frozen=True, slots=True)
class PageInput:
    """One page as a reader found it, before any text stage.

    ``lines``: numbered from 1 in reading order, ``blank_before`` 1 where a block of
    the source starts, ``size`` the type size (font size, or line height), ``hint``
    Role.HEADLINE for lines set clearly larger than the body.
    ``image``: a page image to OCR instead (image input, a PDF page without text).
    ``dropped``: characters the reader left out (PDF text outside the page's
    visible area), reported in the result.
    ``notes``: what a user may want to know about the reading (one line each).
    ``regions``: the blocks as the source typed and grouped them (XML inputs).
    """

    source: str
    kind: str  # "text", "image", "pdf", "hocr", "alto", "page"
    lines: list[Line] = field(default_factory=list)
    size: tuple[int, int] | None = None  # (width, height) of the page in ``unit``
    unit: str = "px"
    image: str | None = None
    page: int | None = None  # 1-based page number in a paged document (PDF, hOCR)
    figures: tuple[BBox, ...] = ()  # photos and drawings the source marks
    dropped: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    bold: frozenset[int] = frozenset()  # numbers of lines set mostly in bold type
    selected: int = 1  # how many pages of its document are being read (--pages)
    rules: tuple[BBox, ...] = ()  # drawn lines (column and article rules): PDF, hOCR, PAGE
    panels: tuple[BBox, ...] = ()  # drawn boxes with text inside (adverts, rubrics), PDF only
    # How far a line's ``size`` may stray from its type's true size, as a share of it:
    # 0 for the font sizes a PDF names, a few per cent for sizes measured on an image.
    size_noise: float = 0.0
    # False when the lines' order is relayout's own guess (OCR of a page image, block by
    # block): a line then continues whichever block it stands under, not only the last.
    ordered: bool = True
    regions: tuple[SourceRegion, ...] = ()  # the source's typed blocks (XML inputs)

    @property
    def declares_articles(self) -> bool:
        """The source groups its blocks into articles: its structure leads (declared.py)."""
        return any(r.article is not None for r in self.regions)

    @property
    def name(self) -> str:
        """The source, with the page for paged documents: ``paper.pdf#p3``."""
        return self.source if self.page is None else f"{self.source}#p{self.page}"


def body_size(lines: Sequence[Line]) -> float | None:
    """The page's body type size: the size that half of the printed characters reach
    (a median weighted by line length), as the image path measures it."""
    sized = sorted((ln.size, len(ln.text.strip())) for ln in lines if ln.size)
    total = sum(n for _, n in sized)
    if total == 0:
        return None
    seen = 0
    for size, n in sized:
        seen += n
        if seen * 2 >= total:
            return size
    return sized[-1][0]


def mark_headlines(lines: Sequence[Line], ratio: float) -> None:
    """Hint HEADLINE on lines set ``ratio`` times the page's body text or larger (the
    image path's ``image.headline_size_ratio``)."""
    body = body_size(lines)
    if body is None or body <= 0:
        return
    for line in lines:
        if line.size and line.size >= ratio * body and line.hint is None:
            line.hint = Role.HEADLINE


def number_lines(lines: Sequence[Line]) -> list[Line]:
    """Renumber lines 1, 2, … in the given (reading) order; drop empty ones."""
    kept = [ln for ln in lines if ln.text.strip()]
    for n, line in enumerate(kept, start=1):
        line.number = n
    return kept


def box_of(x0: float, y0: float, x1: float, y1: float) -> BBox | None:
    """A BBox from float corners (rounded outwards); None when inverted or empty."""
    if not (x1 >= x0 and y1 >= y0):
        return None
    return BBox(int(x0), int(y0), int(-(-x1 // 1)), int(-(-y1 // 1)))


def select_pages(spec: str | None, count: int, path: str) -> list[int]:
    """The 1-based page numbers a ``--pages`` spec selects, in order, each once."""
    if spec is None:
        return list(range(1, count + 1))
    numbers: list[int] = []
    for lo, hi in page_ranges(spec):
        if lo > count:
            raise InputError(path, f"--pages {spec}: page {lo} does not exist ({count} pages)")
        numbers.extend(n for n in range(lo, min(hi or count, count) + 1) if n not in numbers)
    return numbers
