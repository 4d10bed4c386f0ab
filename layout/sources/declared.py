"""The articles a source declares: its own grouping and typing of the page, kept.

PAGE XML (a ReadingOrder group of ``type="article"``), hOCR (one ``ocr_linear`` per
article) and ALTO (blocks tagged with an article) can say which blocks make up which
article, and what each block is. A person in Transkribus, a library's article
segmentation, or relayout itself (its ``-f page|alto|hocr``) made that decision with
the page in front of them; relayout keeps it rather than guessing again from the
geometry. Within an article, each region becomes one field in the source's order:

- a region named exactly (``structure {type:byline;}``, ``x_role``, an ALTO tag label
  that is one of relayout's roles) keeps that role;
- a generic ``heading`` is the headline above the article's text and a subhead once
  text came; a generic ``credit`` is a photo credit next to a caption, else a byline;
- paragraphs (and footnotes, jump lines and other text inside the article) are its
  paragraphs; a region marked as continuing the one before (a paragraph cut by a
  column) is joined to it.

Regions outside every article, and page furniture (running heads, footers, page
numbers), are the page's unassigned blocks; lines in no region too. A field's text is
the region's own text when the source gives one that holds exactly its lines'
characters and no line break (the text as the producer set it, joined words and all),
else its lines re-flowed: split words joined as the hyphenation markup says, the line
ends as the page's language does.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from layout.assembly_rules import Geometry
from layout.conventions import Conventions
from layout.model import (
    Article,
    BBox,
    Caption,
    Line,
    PageResult,
    Paragraph,
    Role,
    Unassigned,
    assign_ids,
)
from layout.text import Joiner, join_lines, join_marked, remove_justification_spaces
from layout.words import page_joiner

from .page import PageInput, SourceRegion

# Roles that open an article's text: a generic heading after one of them is a subhead.
_TEXT_ROLES = (Role.BODY, Role.SUBHEAD, Role.CAPTION, Role.CREDIT, Role.JUMP, Role.OTHER)
# Running text: a space beside a CJK character in it is justification (a reader cut the
# line at a wide gap), not a word space; in headlines, bylines, credits and page
# furniture spaces set phrases, names and fields apart and stay.
_RUNNING_TEXT = (Role.BODY, Role.SUBHEAD, Role.CAPTION, Role.JUMP, Role.OTHER)
# Roles kept among an article's captions.
_PHOTO_ROLES = (Role.CAPTION, Role.CREDIT)


@dataclass(slots=True)
class _Field:
    """One field of the result: a region, or a region and its continuations."""

    role: Role | None
    exact: bool
    furniture: bool
    article: str | None
    text: str
    lines: list[int]
    box: BBox | None
    reflowed: bool  # the text was joined from the lines here, not the source's own


@dataclass(slots=True)
class _Reader:
    lines: dict[int, Line]
    joiner: Joiner
    geometry: Geometry
    dropped: list[str] = field(default_factory=list)

    def text(self, region: SourceRegion) -> tuple[str, bool]:
        """The region's text, and whether it was re-flowed here from its lines."""
        own = region.text
        lines = [self.lines[n] for n in region.lines]
        printed = "".join("".join(ln.text.split()) for ln in lines)
        if own is not None and "\n" not in own.strip() and "".join(own.split()) == printed:
            return own.strip(), False
        return self.joined(lines), True

    def joined(self, lines: list[Line]) -> str:
        """The lines as one text (re-flowed); the hyphens taken out are reported."""
        rows = _rows(lines, self.geometry)
        texts = [_row_text(row, self.geometry) for row in rows]
        breaks = [row[-1].word_break for row in rows[:-1]] + [None]
        if any(b is not None for b in breaks):
            text, removed = join_marked(texts, breaks, self.joiner)
        else:
            text, removed = join_lines(texts, self.joiner)
        self.dropped.extend(removed)
        return text

    def field(self, region: SourceRegion) -> _Field:
        box = BBox.enclosing([b for n in region.lines if (b := self.lines[n].box) is not None])
        text, reflowed = self.text(region)
        return _Field(
            region.role,
            region.exact,
            region.furniture,
            region.article,
            text,
            list(region.lines),
            box,
            reflowed,
        )

    def go_on(self, before: _Field, region: SourceRegion) -> None:
        """Join a continuing region to the field it goes on with."""
        last = self.lines[before.lines[-1]] if before.lines else None
        text, reflowed = self.text(region)
        before.reflowed = before.reflowed or reflowed
        if last is not None and last.word_break is not None:
            joined, removed = join_marked([before.text, text], [last.word_break, None], self.joiner)
        else:
            joined, removed = join_lines([before.text, text], self.joiner)
        self.dropped.extend(removed)
        before.text = joined
        before.lines += region.lines
        if region.lines:
            box = BBox.enclosing([b for n in region.lines if (b := self.lines[n].box) is not None])
            before.box = BBox.enclosing([b for b in (before.box, box) if b is not None])


def from_declared(page: PageInput, conv: Conventions) -> PageResult:
    """The page's articles as its source declares them (``page.declares_articles``)."""
    joiner = page_joiner(conv, _texts(page))
    reader = _Reader({ln.number: ln for ln in page.lines}, joiner, conv.geometry)
    fields = _fields(page.regions, reader)
    result = PageResult(source=page.source)
    order: dict[str, Article] = {}
    for f in fields:
        if f.article is None or f.furniture:
            result.unassigned.append(Unassigned(f.role or Role.OTHER, f.text, f.lines, f.box))
        else:
            order.setdefault(f.article, Article(id=""))
    for key, article in order.items():
        _fill(article, [f for f in fields if f.article == key and not f.furniture])
    result.articles = [a for a in order.values() if a.lines]
    placed = {n for f in fields for n in f.lines}
    result.unassigned += [
        Unassigned(Role.OTHER, ln.text.strip(), [ln.number], ln.box)
        for ln in page.lines
        if ln.number not in placed
    ]
    result.dropped = [*page.dropped, *reader.dropped]
    result.notes = [
        f"{page.name}: {len(result.articles)} articles as the source groups its regions "
        "(its own article structure leads; the geometry is not asked)"
    ]
    result.lines = list(page.lines)
    result.size = page.size
    result.unit = page.unit
    assign_ids(result)
    return result


def _texts(page: PageInput) -> list[str]:
    return [ln.text for ln in page.lines]


def _fields(regions: tuple[SourceRegion, ...], reader: _Reader) -> list[_Field]:
    out: list[_Field] = []
    for region in regions:
        before = out[-1] if out else None
        if region.continues and before is not None and before.article == region.article:
            reader.go_on(before, region)
        else:
            out.append(reader.field(region))
    return out


def _fill(article: Article, fields: list[_Field]) -> None:
    """The article's headline, bylines, paragraphs and captions from its fields."""
    roles = _roles(fields)
    for f, role in zip(fields, roles, strict=True):
        if f.reflowed and role in _RUNNING_TEXT:
            f.text = remove_justification_spaces(f.text)
        if role is Role.HEADLINE:
            article.headline.append(f.text)
            article.headline_lines += f.lines
            article.headline_box = _union(article.headline_box, f.box)
        elif role is Role.BYLINE:
            article.bylines.append(f.text)
            article.byline_lines += f.lines
        elif role in _PHOTO_ROLES:
            article.captions.append(Caption(role, f.text, f.lines, f.box))
        else:  # body, subhead; jump lines and other text of the article: its paragraphs
            kept = role if role is Role.SUBHEAD else Role.BODY
            article.paragraphs.append(Paragraph(kept, f.text, f.lines, f.box))
    article.box = BBox.enclosing([f.box for f in fields if f.box is not None])


def _roles(fields: list[_Field]) -> list[Role]:
    """Each field's role: the exact ones as said, the generic ones by their place."""
    roles = [f.role or Role.BODY for f in fields]
    text_seen = False
    for k, f in enumerate(fields):
        if not f.exact and roles[k] is Role.HEADLINE and text_seen:
            roles[k] = Role.SUBHEAD
        text_seen = text_seen or roles[k] in _TEXT_ROLES
    for k, f in enumerate(fields):
        if not f.exact and roles[k] is Role.CREDIT:
            beside = [roles[j] for j in (k - 1, k + 1) if 0 <= j < len(roles)]
            if not any(r is Role.CAPTION for r in beside):
                roles[k] = Role.BYLINE
    return roles


def _rows(lines: list[Line], geometry: Geometry) -> list[list[Line]]:
    """The lines grouped by printed row: a line set beside the one before it on the same
    row is a fragment of that row (the fields of a running head, a line a reader cut
    at wide word spaces)."""
    rows: list[list[Line]] = []
    for line in lines:
        if rows and _same_row(rows[-1][-1], line, geometry):
            rows[-1].append(line)
        else:
            rows.append([line])
    return rows


def _size(line: Line) -> float:
    """The line's type size, else its height (never zero)."""
    if line.size:
        return line.size
    return max(float(line.box.height) if line.box is not None else 0.0, 1e-6)


def _same_row(left: Line, right: Line, geometry: Geometry) -> bool:
    if left.box is None or right.box is None:
        return False
    size = min(_size(left), _size(right))
    return (
        abs(right.box.y0 - left.box.y0) <= geometry.row_top_tolerance * size
        and right.box.x0 >= left.box.x1 - geometry.row_top_tolerance * size
    )


def _row_text(row: list[Line], geometry: Geometry) -> str:
    """A row's fragments joined: words apart where a gap stands between them, whatever
    the script; one word where they touch."""
    out = row[0].text.strip()
    for left, right in itertools.pairwise(row):
        assert left.box is not None and right.box is not None  # _same_row saw them
        gap = right.box.x0 - left.box.x1
        spaced = gap >= geometry.word_gap * min(_size(left), _size(right))
        out += (" " if spaced else "") + right.text.strip()
    return out


def _union(a: BBox | None, b: BBox | None) -> BBox | None:
    return BBox.enclosing([x for x in (a, b) if x is not None])
