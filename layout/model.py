"""The data model shared by every stage: lines, blocks, paragraphs, articles, pages.

Coordinates: every geometry type here is in **pixels of the page image**, origin at
the top-left corner, x to the right, y downwards, boxes half-open ``[x0, x1) x [y0, y1)``.
Text-only input has no geometry: its boxes are ``None``.

Line numbers are the 1-based numbers of the input file's lines, so every piece of
output text can be traced back to where it came from.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    """What a block is on the page."""

    HEADLINE = "headline"  # kicker, main title and subtitle lines of one article's head
    SUBHEAD = "subhead"  # a section heading inside an article (小标题)
    BYLINE = "byline"  # ▶ names, 本报记者 name, or authors' names closing an article
    BODY = "body"  # running text; a 本报讯 dateline opening stays inside it
    CAPTION = "caption"  # describes a photo
    CREDIT = "credit"  # 图片来源：…, name 摄, PHOTO: …
    JUMP = "jump"  # （下转第X版） / Continued on Page A12
    OTHER = "other"  # anything relayout could not place with confidence


@dataclass(frozen=True, slots=True)
class BBox:
    """An axis-aligned box in page-image pixels (origin top-left, y down, half-open)."""

    x0: int
    y0: int
    x1: int
    y1: int

    def __post_init__(self) -> None:
        if self.x1 < self.x0 or self.y1 < self.y0:
            raise ValueError(f"inverted box {self}")

    @property
    def width(self) -> int:
        return self.x1 - self.x0

    @property
    def height(self) -> int:
        return self.y1 - self.y0

    @property
    def center(self) -> tuple[float, float]:
        return ((self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2)

    def union(self, other: BBox) -> BBox:
        return BBox(
            min(self.x0, other.x0),
            min(self.y0, other.y0),
            max(self.x1, other.x1),
            max(self.y1, other.y1),
        )

    def as_list(self) -> list[int]:
        return [self.x0, self.y0, self.x1, self.y1]

    @staticmethod
    def enclosing(boxes: list[BBox]) -> BBox | None:
        if not boxes:
            return None
        out = boxes[0]
        for box in boxes[1:]:
            out = out.union(box)
        return out


@dataclass(slots=True)
class Line:
    """One printed line as the extractor or OCR delivered it.

    ``number`` is the 1-based input line number (for OCR'd lines: the order in
    which OCR produced them). ``size`` is the glyph height in pixels when the
    line came from an image, and ``hint`` the role its block has on the image
    (a headline by glyph size, a caption under a photo): the text stages follow it.
    """

    number: int
    text: str
    blank_before: int = 0  # blank input lines just above this one
    box: BBox | None = None
    size: float | None = None
    hint: Role | None = None  # what the page image says the line is (headline, caption…)
    # Hyphenation markup of the source (ALTO HYP, a soft hyphen): the line's last word
    # goes on at the start of the next line. The value is the hyphen the line ends with
    # ("" when none is printed); joining the two lines drops it and reports it.
    word_break: str | None = None


@dataclass(slots=True)
class Block:
    """Consecutive lines that belong together: one paragraph, one headline, one caption…

    ``text`` is the re-flowed text of the lines. ``order`` is the block's position
    in the input (reading order as extracted), used by the position evidence.
    """

    role: Role
    lines: list[Line]
    text: str
    order: int = 0
    continues: bool = False  # the text ends mid-sentence: a column break cut it
    column: float = 0.0  # width of its column in character units (0: unknown)

    @property
    def numbers(self) -> list[int]:
        return [line.number for line in self.lines]

    @property
    def box(self) -> BBox | None:
        return BBox.enclosing([ln.box for ln in self.lines if ln.box is not None])


@dataclass(slots=True)
class Paragraph:
    role: Role  # BODY or SUBHEAD
    text: str
    lines: list[int]
    box: BBox | None = None


@dataclass(slots=True)
class Caption:
    role: Role  # CAPTION or CREDIT
    text: str
    lines: list[int]
    box: BBox | None = None


@dataclass(slots=True)
class Move:
    """A block relayout took from where the extractor put it and gave to an article."""

    role: Role
    text: str
    lines: list[int]
    from_position: int  # block index in the input order
    to_article: str
    confidence: float  # 0..1
    evidence: list[str] = field(default_factory=list)
    box: BBox | None = None  # where the block is on the page image


@dataclass(slots=True)
class Article:
    id: str
    headline: list[str] = field(default_factory=list)
    headline_lines: list[int] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    byline_lines: list[int] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    headline_confidence: float | None = None
    box: BBox | None = None
    headline_box: BBox | None = None

    @property
    def lines(self) -> list[int]:
        out = list(self.headline_lines) + list(self.byline_lines)
        for paragraph in self.paragraphs:
            out.extend(paragraph.lines)
        for caption in self.captions:
            out.extend(caption.lines)
        return sorted(out)


@dataclass(slots=True)
class Unassigned:
    role: Role
    text: str
    lines: list[int]
    box: BBox | None = None


@dataclass(slots=True)
class Column:
    """A text column found on a page image (pixels)."""

    x0: int
    x1: int


@dataclass(slots=True)
class PageResult:
    """Everything relayout returns for one input page."""

    source: str
    articles: list[Article] = field(default_factory=list)
    unassigned: list[Unassigned] = field(default_factory=list)
    moves: list[Move] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # characters relayout removed, said openly
    columns: list[Column] = field(default_factory=list)
    size: tuple[int, int] | None = None  # (width, height) of the page image
    page: int | None = None  # page number in a paged input (PDF, multi-page hOCR)
    notes: list[str] = field(default_factory=list)  # what the reader wants the user to know
    # The lines the text stages read (text, box, hyphenation), for the formats that write
    # line text and geometry (PAGE, ALTO, hOCR: layout/formats/). Not part of the JSON.
    lines: list[Line] = field(default_factory=list, compare=False, repr=False)
    unit: str = "px"  # unit of every box and of size: "px", "pt" (PDF), "mm10", "inch1200"

    def text_fields(self) -> list[str]:
        """Every text the result gives back, in reading order: per article its headline
        lines, bylines, paragraphs and captions, then the unassigned blocks. (Moves only
        point at texts that are already here.) Every output format renders these, in
        this order."""
        out: list[str] = []
        for a in self.articles:
            out += a.headline
            out += a.bylines
            out += [p.text for p in a.paragraphs]
            out += [c.text for c in a.captions]
        out += [u.text for u in self.unassigned]
        return out

    def characters(self) -> Counter[str]:
        """The multiset of non-whitespace characters the result holds: its text fields
        and ``dropped``. Nothing lost means: this equals the input's (see check_nothing_lost)."""
        return non_whitespace("".join(self.text_fields()) + "".join(self.dropped))


def non_whitespace(text: str) -> Counter[str]:
    """The multiset of a text's non-whitespace characters (whitespace as str.isspace)."""
    return Counter("".join(text.split()))


class CharactersLost(AssertionError):
    """A page result does not hold its input's characters exactly once: a bug in relayout."""


def check_nothing_lost(result: PageResult, text: str) -> None:
    """The invariant of every page result: its text fields plus ``dropped`` hold each
    non-whitespace character of the input text exactly once. Raises CharactersLost
    naming what is missing and what was added."""
    want = non_whitespace(text)
    got = result.characters()
    if got != want:
        missing, added = want - got, got - want
        raise CharactersLost(f"{result.source}: missing {dict(missing)!r}, added {dict(added)!r}")
