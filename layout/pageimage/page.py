"""What the image analysis finds on a page: the :class:`PageLayout` and its parts.

All geometry is in pixels of the **deskewed** page image at full resolution (origin
top-left, y down, half-open boxes, as in :mod:`layout.model`). The deskewed image has
the size of the original; it is the original rotated by ``-skew`` degrees about its
centre (see :func:`layout.pageimage.deskew.rotate`).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from enum import StrEnum

from layout.model import BBox, Column


class BlockKind(StrEnum):
    """What a text block looks like on the image (geometry only, no text)."""

    HEADLINE = "headline"  # glyphs clearly larger than the page's body text
    BODY = "body"
    CAPTION = "caption"  # small text right below or beside a photo


@dataclass(frozen=True, slots=True)
class Rule:
    """A printed line: vertical rules separate columns, horizontal ones articles."""

    box: BBox
    vertical: bool


@dataclass(frozen=True, slots=True)
class TextLine:
    """One printed line of text; ``size`` is its glyph height in pixels."""

    box: BBox
    size: float


@dataclass(slots=True)
class LayoutBlock:
    """Lines of one size that belong together."""

    box: BBox
    kind: BlockKind
    lines: list[TextLine]

    @property
    def size(self) -> float:
        """The block's glyph height: the median of its lines'."""
        sizes = sorted(line.size for line in self.lines)
        return sizes[len(sizes) // 2] if sizes else 0.0


@dataclass(slots=True)
class PageLayout:
    """Everything found on one page image, without reading any text."""

    size: tuple[int, int]  # (width, height) of the page image
    skew: float  # degrees the page was rotated counter-clockwise; the boxes are deskewed
    body_size: float  # dominant body glyph height, pixels
    columns: list[Column] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    photos: list[BBox] = field(default_factory=list)
    lines: list[TextLine] = field(default_factory=list)
    blocks: list[LayoutBlock] = field(default_factory=list)

    @property
    def gutters(self) -> list[tuple[int, int]]:
        """The x ranges between neighbouring columns."""
        cols = sorted(self.columns, key=lambda c: c.x0)
        return [(a.x1, b.x0) for a, b in itertools.pairwise(cols) if b.x0 > a.x1]
