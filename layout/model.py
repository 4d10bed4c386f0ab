"""The data model shared by every stage: lines, blocks, paragraphs, articles, pages.

Coordinates: every geometry type here is in **pixels of the page image**, origin at
the top-left corner, x to the right, y downwards, boxes half-open ``[x0, x1) x [y0, y1)``.
Text-only input has no geometry: its boxes are ``None``.

Line numbers are the 1-based numbers of the input file's lines, so every piece of
output text can be traced back to where it came from.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

# The version of relayout's JSON (``schema_version``; layout/schema/result.schema.json,
# docs/schema.md says what bumps it). Version 2 added the ids of every piece, version 3
# the page image's geometry (skew, photos, separators) and the re-flow's line breaks,
# version 4 made headline lines, bylines and captions objects like the paragraphs.
SCHEMA_VERSION = 4


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
    engine: str | None = None  # the OCR engine that read the line (image input)


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
    # The rule that gave the block its role (reflow.ROLE_RULES, segment.ROLE_RULES), for
    # ``--explain``; "" for running text.
    role_rule: str = ""

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
    id: str = ""  # "a3.p2": the article's id and the 1-based place (see assign_ids)


@dataclass(slots=True)
class Piece:
    """One headline line or byline of an article: its text, the input lines it came
    from, where it is on the page (the enclosing box of those lines, when they have
    boxes) and its id ("a3.h1", "a3.b2"; see assign_ids)."""

    text: str
    lines: list[int]
    box: BBox | None = None
    id: str = ""


@dataclass(slots=True)
class Caption:
    role: Role  # CAPTION or CREDIT
    text: str
    lines: list[int]
    box: BBox | None = None
    id: str = ""  # "a3.c1" (see assign_ids)


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
    id: str = ""  # "m1", "m2"… in the order of PageResult.moves
    # The ids of the pieces the move gave ``to_article`` (headline lines "a3.h1",
    # bylines "a3.b1", captions "a3.c2"): the move refers to ids, never to objects.
    pieces: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Article:
    """One article: its headline lines, bylines, paragraphs and captions.

    The stages fill ``headline`` and ``bylines`` (texts, in order) and with each entry
    append the numbers of the input lines it came from to ``headline_lines`` and
    ``byline_lines``, in the same order. ``assign_ids`` then makes ``headline_pieces``
    and ``byline_pieces`` from them: one ``Piece`` per entry, with its own lines, box
    and id. Readers of a finished result (the formats, --explain) use the pieces.
    """

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
    # One per entry of ``headline`` and ``bylines``, made by assign_ids (see above).
    headline_pieces: list[Piece] = field(default_factory=list)
    byline_pieces: list[Piece] = field(default_factory=list)

    @property
    def headline_ids(self) -> list[str]:
        return [piece.id for piece in self.headline_pieces]

    @property
    def byline_ids(self) -> list[str]:
        return [piece.id for piece in self.byline_pieces]

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
    id: str = ""  # "u1", "u2"… in the order of PageResult.unassigned


@dataclass(slots=True)
class Column:
    """A text column found on a page image (pixels)."""

    x0: int
    x1: int


@dataclass(frozen=True, slots=True)
class LineBreak:
    """The re-flow's decision between two neighbouring input lines (or two pieces of one
    line: split_glued cuts credits and names glued on): ``rule`` names the entry of
    ``reflow.BREAK_RULES`` that decided it, ``splits`` whether a new block starts there."""

    line: int  # input line number of the line before the break
    next: int  # input line number of the line after it
    rule: str
    splits: bool


@dataclass(frozen=True, slots=True)
class RoleReason:
    """Why the block made of ``lines`` has ``role`` (a headline, caption, byline…): the
    name of the rule that decided it (``reflow.ROLE_RULES``, ``segment.ROLE_RULES``)."""

    lines: tuple[int, ...]
    role: Role
    rule: str


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
    # What the image analysis found (image input): the angle the page image was turned by
    # to straighten it (degrees counter-clockwise; the boxes are those of the straightened
    # image), its photos and its printed rules. The overlay draws them from here.
    skew: float | None = None
    photos: list[BBox] = field(default_factory=list)
    separators: list[BBox] = field(default_factory=list)
    # Why each line break of the re-flow was decided, and why blocks have their role
    # (layout/explain.py). Recorded with ``Options(explain=True)`` (``--explain``) only;
    # empty when no re-flow ran (geometry-first input).
    breaks: list[LineBreak] = field(default_factory=list)
    reasons: list[RoleReason] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PageResult:
        """The page result that relayout's JSON (``export.to_dict``) describes.

        ``to_dict(from_dict(d)) == d`` for every ``d`` relayout writes. What the JSON
        does not carry stays empty: ``Article.headline_box``, the input lines
        (``lines``), and ``moves``, ``breaks`` and ``reasons`` without ``--explain``.
        Reads this schema version only (an older document: run relayout again).
        Raises ResultFormatError for another schema version or a document of another
        shape (validate against the JSON Schema to learn where)."""
        try:
            return _result_from_dict(data)
        except ResultFormatError:
            raise
        except KeyError as exc:
            raise ResultFormatError(f"not a relayout result: no field {exc}") from exc
        except (TypeError, ValueError, AttributeError, IndexError) as exc:
            raise ResultFormatError(f"not a relayout result: {exc}") from exc

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


class ResultFormatError(ValueError):
    """A JSON document that is not a page result of this schema version."""


def _result_from_dict(data: Mapping[str, Any]) -> PageResult:
    version = data["schema_version"]
    if version != SCHEMA_VERSION:
        raise ResultFormatError(f"schema_version {version!r}, this relayout reads {SCHEMA_VERSION}")
    size = data.get("size")
    result = PageResult(
        source=_str(data["source"]),
        articles=[_article_from_dict(a) for a in data["articles"]],
        unassigned=[
            Unassigned(Role(u["role"]), _str(u["text"]), _ints(u["lines"]), _box(u), _str(u["id"]))
            for u in data["unassigned"]
        ],
        dropped=[_str(d) for d in data["dropped"]],
        columns=[Column(int(x0), int(x1)) for x0, x1 in data.get("columns", [])],
        size=None if size is None else (int(size[0]), int(size[1])),
        page=None if data.get("page") is None else int(data["page"]),
        notes=[_str(n) for n in data.get("notes", [])],
        skew=None if data.get("skew") is None else float(data["skew"]),
        photos=[_box_of(b) for b in data.get("photos", [])],
        separators=[_box_of(b) for b in data.get("separators", [])],
        breaks=[
            LineBreak(int(b["line"]), int(b["next"]), _str(b["rule"]), bool(b["splits"]))
            for b in data.get("breaks", [])
        ],
        reasons=[
            RoleReason(tuple(_ints(r["lines"])), Role(r["role"]), _str(r["rule"]))
            for r in data.get("reasons", [])
        ],
    )
    pieces = _piece_texts(result)
    result.moves = [_move_from_dict(m, pieces) for m in data.get("moves", [])]
    return result


def _article_from_dict(a: Mapping[str, Any]) -> Article:
    heads = [_piece_from_dict(h) for h in a["headline"]]
    bylines = [_piece_from_dict(b) for b in a["bylines"]]
    return Article(
        id=_str(a["id"]),
        headline=[h.text for h in heads],
        headline_lines=[n for h in heads for n in h.lines],
        bylines=[b.text for b in bylines],
        byline_lines=[n for b in bylines for n in b.lines],
        paragraphs=[
            Paragraph(Role(p["role"]), _str(p["text"]), _ints(p["lines"]), _box(p), _str(p["id"]))
            for p in a["paragraphs"]
        ],
        captions=[_caption_from_dict(c) for c in a["captions"]],
        headline_confidence=_confidence(a["headline_confidence"]),
        box=_box(a),
        headline_pieces=heads,
        byline_pieces=bylines,
    )


def _piece_from_dict(p: Mapping[str, Any]) -> Piece:
    return Piece(_str(p["text"]), _ints(p["lines"]), _box(p), _str(p["id"]))


def _caption_from_dict(c: Mapping[str, Any]) -> Caption:
    role = Role(c["role"])
    if role not in (Role.CAPTION, Role.CREDIT):
        raise ResultFormatError(f"caption {c['id']!r} has the role {role.value!r}")
    return Caption(role, _str(c["text"]), _ints(c["lines"]), _box(c), _str(c["id"]))


def _piece_texts(result: PageResult) -> dict[str, str]:
    """The text of each piece a move can give an article, by id."""
    out: dict[str, str] = {}
    for a in result.articles:
        out.update((h.id, h.text) for h in a.headline_pieces)
        out.update((b.id, b.text) for b in a.byline_pieces)
        out.update((c.id, c.text) for c in a.captions)
    return out


def _move_from_dict(m: Mapping[str, Any], pieces: dict[str, str]) -> Move:
    ids = [_str(p) for p in m["pieces"]]
    missing = [p for p in ids if p not in pieces]
    if missing:
        raise ResultFormatError(f"move {m['id']} refers to unknown pieces {missing}")
    return Move(
        role=Role(m["role"]),
        text=" ".join(pieces[p] for p in ids),  # as the moved block read: its pieces joined
        lines=_ints(m["lines"]),
        from_position=int(m["from_position"]),
        to_article=_str(m["to_article"]),
        confidence=float(m["confidence"]),
        evidence=[_str(e) for e in m["evidence"]],
        box=_box(m),
        id=_str(m["id"]),
        pieces=ids,
    )


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise ResultFormatError(f"expected a string, got {value!r}")
    return value


def _ints(values: Any) -> list[int]:
    if not isinstance(values, list) or not all(type(v) is int for v in values):
        raise ResultFormatError(f"expected a list of line numbers, got {values!r}")
    return list(values)


def _confidence(value: Any) -> float | None:
    if value is not None and not isinstance(value, int | float):
        raise ResultFormatError(f"expected a confidence or null, got {value!r}")
    return value


def _box(item: Mapping[str, Any]) -> BBox | None:
    box = item.get("box")
    return None if box is None else _box_of(box)


def _box_of(box: Any) -> BBox:
    return BBox(*(int(v) for v in box))


def assign_ids(result: PageResult) -> None:
    """Give every piece of a result its stable id, from its place in reading order.

    Articles are ``a1``, ``a2``… in the order of ``articles``; inside article ``aN``
    the headline lines are ``aN.h1``…, the bylines ``aN.b1``…, the paragraphs
    ``aN.p1``… and the captions and credits ``aN.c1``…; unassigned blocks are ``u1``…
    and moves ``m1``…. The same page and options give the same ids, so a reader can
    keep them across runs; they change only when the result itself changes.

    It also makes each article's headline and byline pieces from its headline and
    bylines (see Article and group_lines). Call it once the result's lists are in their
    final order, and again after changing them. Moves keep the article and piece ids
    they were given: build them with the ids this function gives.
    """
    known = {line.number: line for line in result.lines}
    for n, article in enumerate(result.articles, start=1):
        article.id = f"a{n}"
        article.headline_pieces = _pieces(
            article.headline, article.headline_lines, article.headline_pieces, known
        )
        article.byline_pieces = _pieces(
            article.bylines, article.byline_lines, article.byline_pieces, known
        )
        _number(article.headline_pieces, f"a{n}.h")
        _number(article.byline_pieces, f"a{n}.b")
        _number(article.paragraphs, f"a{n}.p")
        _number(article.captions, f"a{n}.c")
    _number(result.unassigned, "u")
    _number(result.moves, "m")


class _Numbered(Protocol):
    id: str


def _number(items: Sequence[_Numbered], prefix: str) -> None:
    for k, item in enumerate(items, start=1):
        item.id = f"{prefix}{k}"


def _pieces(
    texts: list[str], numbers: list[int], made: list[Piece], known: Mapping[int, Line]
) -> list[Piece]:
    """The pieces of an article's headline or bylines. Pieces already made (read from
    JSON) are kept while they hold these texts and lines and no input line is known to
    group the lines anew."""
    same = [p.text for p in made] == texts and [n for p in made for n in p.lines] == numbers
    if same and not known:
        return made
    groups = group_lines(texts, numbers, known)
    return [
        Piece(text, group, BBox.enclosing([b for n in group if (b := _box_of_line(n, known))]))
        for text, group in zip(texts, groups, strict=True)
    ]


def _box_of_line(number: int, known: Mapping[int, Line]) -> BBox | None:
    line = known.get(number)
    return None if line is None else line.box


def group_lines(texts: list[str], numbers: list[int], known: Mapping[int, Line]) -> list[list[int]]:
    """Cut ``numbers`` (the input lines of entries ``texts``, entry by entry, in order)
    into each entry's lines.

    The stages add each headline line and byline with its input lines, in order, but
    keep the lines of all entries in one list; this finds where one entry's lines end.
    One line each when there are as many lines as entries (each entry has at least
    one; with fewer lines, as the model allows, the last entries get none). Otherwise
    each entry takes the next line, and more lines while the non-whitespace characters
    it has taken are fewer than its text holds (``known`` gives the lines' texts; a line
    of unknown text ends an entry), leaving one line for each entry after it; the last
    entry takes the rest. The text of a headline line or byline is its lines' texts
    joined, at most a dropped hyphen less, so the counts find the cut."""
    if len(numbers) <= len(texts):
        return [[n] for n in numbers] + [[] for _ in range(len(texts) - len(numbers))]
    groups: list[list[int]] = []
    at = 0
    for k, text in enumerate(texts):
        if k == len(texts) - 1:
            groups.append(numbers[at:])
            break
        last = len(numbers) - (len(texts) - 1 - k)  # lines left for the entries after it
        group, need = [numbers[at]], _visible(text) - _visible_of(numbers[at], known)
        at += 1
        while need > 0 and at < last:
            need -= _visible_of(numbers[at], known)
            group.append(numbers[at])
            at += 1
        groups.append(group)
    return groups


def _visible(text: str) -> int:
    return len("".join(text.split()))


def _visible_of(number: int, known: Mapping[int, Line]) -> int:
    """The non-whitespace characters of an input line; a line of unknown text counts as
    long enough to end any entry."""
    line = known.get(number)
    return _visible(line.text) if line is not None else sys.maxsize


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
