"""One article from its pieces: headline lines, bylines, paragraphs, captions and credits.

Everything is measured in the page's own units against its body size (``em``):
paragraphs start at an indented row; a section head is a short run of rows with extra
space around it, its last row centred; a closing signature is a short row set flush
right at the end of a block. The text evidence of the text path decides what geometry
leaves open: whether a small row under a photo is the credit (图片来源：…, X 摄,
PHOTO: …), and whether a small block is a jump line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import median

from layout.assembly_rules import Assembly
from layout.conventions import Conventions, Marks, Typesetting
from layout.model import Article, BBox, Caption, Paragraph, Role, Unassigned
from layout.text import Joiner, join_lines, join_marked, remove_justification_spaces

from .pieces import Piece, Row, centred_on, measures_small


@dataclass(slots=True)
class Page:
    """What every article's build needs to know about its page."""

    em: float  # the body size
    pitch: float  # the body's usual distance from one row's top to the next
    columns: list[tuple[int, int]]  # (left, right) of the body's columns
    joiner: Joiner
    marks: Marks
    typesetting: Typesetting
    assembly: Assembly
    dropped: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Para:
    role: Role
    rows: list[Row]


def is_jump(text: str, marks: Marks) -> bool:
    return bool(marks.jump.match(text) or marks.latin_jump.match(text))


def is_credit(text: str, marks: Marks) -> bool:
    return bool(marks.credit.match(text) or marks.latin_credit.match(text))


def is_byline(text: str, marks: Marks) -> bool:
    return bool(marks.byline.match(text) or marks.latin_byline.match(text))


def page_measures(pieces: Sequence[Piece], em: float, joiner: Joiner, conv: Conventions) -> Page:
    bodies = [p for p in pieces if p.kind == "body"]
    steps = [b.box.y0 - a.box.y0 for p in bodies for a, b in zip(p.rows, p.rows[1:], strict=False)]
    columns = sorted({(p.box.x0, p.box.x1) for p in bodies if len(p.rows) >= 2}, key=lambda c: c[0])
    pitch = median(steps) if steps else 1.2 * em
    return Page(em, pitch, columns, joiner, conv.marks, conv.typesetting, conv.assembly)


def build_article(pieces: Sequence[Piece], page: Page) -> tuple[Article, list[Unassigned]]:
    """The article of these pieces (its opener first), and the blocks it leaves out."""
    article = Article(id="")
    left: list[Unassigned] = []
    figures = [p.box for p in pieces if p.kind == "figure"]
    pieces = _top_bylines_apart(_subtitles_joined(pieces, page), page)
    credits = [
        p
        for p in pieces
        if _credit_set_as_body(p, figures, page) or _credited_caption_set_as_body(p, page)
    ]
    for piece in pieces:
        if piece.kind == "head":
            for row in piece.rows:
                article.headline.append(" ".join(row.text.split()))
                article.headline_lines.extend(row.numbers)
            article.headline_box = piece.box
        elif piece.kind == "small" or any(piece is c for c in credits):
            left += _small(piece, _may_caption(piece, figures, pieces, page), article, page)
    body = [p for p in pieces if p.kind == "body" and not any(p is c for c in credits)]
    body = _in_column_order(body, page.em)
    left += _paragraphs(body, article, page)
    boxes = [p.box for p in pieces]
    article.box = BBox.enclosing(boxes)
    return article, left


def _subtitles_joined(pieces: Sequence[Piece], page: Page) -> list[Piece]:
    """A row centred right under the headline, narrower than it and standing in from the
    body's measure on both sides, is its subtitle (or the author's line under a
    commentary's title) even where it measured at the body's size: body text under a
    headline fills its column's measure, or starts at its left edge. A row worded as a
    byline, jump or credit stays what it is."""
    heads = [p for p in pieces if p.kind == "head"]
    if len(heads) != 1:
        return list(pieces)
    head = heads[0]
    out: list[Piece] = []
    for piece in pieces:
        if piece.kind == "body" and _subtitle_of(piece, head, page):
            head = Piece("head", [*head.rows, piece.rows[0]])
            if len(piece.rows) > 1:
                out.append(Piece("body", piece.rows[1:]))
        else:
            out.append(piece)
    return [head if p.kind == "head" else p for p in out]


def _subtitle_of(piece: Piece, head: Piece, page: Page) -> bool:
    row, top, em = piece.rows[0], head.box, page.em
    gap = row.box.y0 - top.y1
    if not -page.assembly.row_overlap_max * em <= gap <= page.assembly.leading_max * row.size:
        return False
    centred = centred_on(row.box, top, em)
    if len(piece.rows) > 1:
        below = piece.rows[1].box
        centred = centred and row.box.x0 >= below.x0 + em and row.box.x1 <= below.x1 - em
    text = row.text
    worded = is_byline(text, page.marks) or is_jump(text, page.marks) or is_credit(text, page.marks)
    return centred and not worded


def _top_bylines_apart(pieces: list[Piece], page: Page) -> list[Piece]:
    """The first row of a body block right under the headline is the article's byline
    (small) when worded as one, or when it measures hardly the body's size, stands flush
    left where a paragraph's first row is indented, and ends short of the measure
    without ending a sentence (names run together, their ▶ lost or never printed)."""
    heads = [p for p in pieces if p.kind == "head"]
    if len(heads) != 1:
        return pieces
    out: list[Piece] = []
    for piece in pieces:
        if piece.kind == "body" and len(piece.rows) >= 2 and _top_byline(piece, heads[0], page):
            out += [Piece("small", piece.rows[:1]), Piece("body", piece.rows[1:])]
        else:
            out.append(piece)
    return out


def _top_byline(piece: Piece, head: Piece, page: Page) -> bool:
    row, em, assembly = piece.rows[0], page.em, page.assembly
    gap = row.box.y0 - head.box.y1
    touching = -assembly.row_overlap_max * em <= gap <= assembly.leading_max * em
    under = touching and row.box.x0 >= head.box.x0 - em
    if not under:
        return False
    if is_byline(row.text, page.marks):
        return True
    left, right = piece.box.x0, piece.box.x1
    flush_left = row.box.x0 - left < assembly.indent_min * em
    short = right - row.box.x1 >= assembly.short_row_min * em
    small = row.size <= assembly.caption_size_max * em
    return flush_left and short and small and not _ends_sentence(row.text, page)


def _credit_set_as_body(piece: Piece, figures: list[BBox], page: Page) -> bool:
    """A row worded as a photo credit that measured the body's size (on a scan, small
    type may measure larger), in an article with a photo: the photo's credit."""
    if piece.kind != "body" or len(piece.rows) != 1 or not figures:
        return False
    return is_credit(piece.rows[0].text, page.marks)


def _credited_caption_set_as_body(piece: Piece, page: Page) -> bool:
    """Rows that hardly measure the body's size (Assembly.caption_size_max) closing with
    a photo credit: a caption measured up on a scan, whether or not its photo was found."""
    if piece.kind != "body" or not measures_small(piece, page.em, page.assembly):
        return False
    return _credited(piece.rows, None, page)


def _in_column_order(body: list[Piece], em: float) -> list[Piece]:
    """Column by column from the left, each from the top: left edges within one em of
    each other are one column."""
    body = sorted(body, key=lambda p: p.box.x0)
    column = 0
    start = body[0].box.x0 if body else 0
    keyed: list[tuple[int, int, Piece]] = []
    for piece in body:
        if piece.box.x0 - start > em:
            column, start = column + 1, piece.box.x0
        keyed.append((column, piece.box.y0, piece))
    return [p for _, _, p in sorted(keyed, key=lambda k: (k[0], k[1]))]


def _may_caption(
    piece: Piece, figures: list[BBox], pieces: Sequence[Piece], page: Page
) -> list[BBox]:
    """The photos a small piece may be the caption of: a photo with a small block right
    under it has its caption there, and a short block right over it is the article's
    byline (set under the headline, over the photo), not a second caption."""
    em = page.em
    out: list[BBox] = []
    for figure in figures:
        over = piece.box.y1 <= figure.y0 + 0.5 * em
        captioned_under = any(
            other is not piece
            and other.kind == "small"
            and other.box.y0 >= figure.y1 - 0.5 * em
            and _by_photo(other.box, figure, page)
            for other in pieces
        )
        if not (over and captioned_under):
            out.append(figure)
    return out


def _small(piece: Piece, figures: list[BBox], article: Article, page: Page) -> list[Unassigned]:
    """Bylines, captions and credits, jump lines: a row worded as a byline or a jump is
    a block of its own even where the reader ran it on with the next small rows, and so
    is a short first row over rows that fill the block's measure (a byline set right
    over the caption: a caption's rows are justified, only its last is short)."""
    left: list[Unassigned] = []
    rows = piece.rows
    if _short_over_measure(rows, page):
        left += _small_block(Piece("small", rows[:1]), [], article, page)
        rows = rows[1:]
    groups = _split_at_marks(rows, page.marks)
    for k, group in enumerate(groups):
        credited = _credited(group, groups[k + 1] if k + 1 < len(groups) else None, page)
        left += _small_block(Piece("small", group), figures, article, page, credited)
    return left


def _credited(rows: list[Row], after: list[Row] | None, page: Page) -> bool:
    """Small rows that close with a photo credit, glued to their last sentence or on a
    row of its own (in them or right after them): a caption, whether or not the image's
    analysis found the photo (a flat or faint picture is missed on a scan)."""
    marks = page.marks
    if after is not None and is_credit(" ".join(r.text for r in after), marks):
        return True
    if len(rows) >= 2 and is_credit(rows[-1].text, marks):
        return True
    spaced = _joined(rows, page, clean=False)
    return bool(marks.glued_credit.search(spaced) or marks.latin_glued_credit.search(spaced))


def _short_over_measure(rows: list[Row], page: Page) -> bool:
    """The first of these rows flush left with the second and ending
    Assembly.short_row_min em or more before it, the second filling the block's measure;
    not worded as a jump or a credit (which _small_block knows)."""
    if len(rows) < 2:
        return False
    first, second = rows[0].box, rows[1].box
    em, assembly = page.em, page.assembly
    right = max(r.box.x1 for r in rows)
    flush_left = abs(first.x0 - second.x0) <= assembly.flush * em
    fills = right - second.x1 <= assembly.flush * em
    short = second.x1 - first.x1 >= assembly.short_row_min * em
    text = rows[0].text
    worded = is_jump(text, page.marks) or is_credit(text, page.marks)
    return flush_left and fills and short and not worded


def _split_at_marks(rows: list[Row], marks: Marks) -> list[list[Row]]:
    groups: list[list[Row]] = []
    for row in rows:
        alone = is_jump(row.text, marks) or is_byline(row.text, marks)
        if alone or not groups or _alone(groups[-1], marks):
            groups.append([row])
        else:
            groups[-1].append(row)
    return groups


def _alone(group: list[Row], marks: Marks) -> bool:
    return is_jump(group[0].text, marks) or is_byline(group[0].text, marks)


def _small_block(
    piece: Piece, figures: list[BBox], article: Article, page: Page, credited: bool = False
) -> list[Unassigned]:
    text = " ".join(r.text for r in piece.rows)
    numbers = [n for r in piece.rows for n in r.numbers]
    if is_jump(text, page.marks):
        return [Unassigned(Role.JUMP, text, numbers, piece.box)]
    if is_credit(text, page.marks):  # a credit row the reader set apart from its caption
        article.captions.append(Caption(Role.CREDIT, _joined(piece.rows, page), numbers, piece.box))
    elif not _byline_worded(text, page.marks) and (
        credited or any(_by_photo(piece.box, f, page) for f in figures)
    ):
        article.captions += _caption(piece, page)
    else:
        article.bylines.append(" ".join(text.split()))
        article.byline_lines.extend(numbers)
    return []


def _byline_worded(text: str, marks: Marks) -> bool:
    """Worded as a byline, or names alone (a caption says what the photo shows)."""
    return is_byline(text, marks) or marks.names.match(" ".join(text.split())) is not None


def _by_photo(box: BBox, photo: BBox, page: Page) -> bool:
    overlap = min(box.x1, photo.x1) - max(box.x0, photo.x0)
    if overlap <= 0.5 * min(box.width, photo.width):
        return False
    gap = max(box.y0 - photo.y1, photo.y0 - box.y1)
    return gap <= page.assembly.caption_gap * page.em


def _caption(piece: Piece, page: Page) -> list[Caption]:
    """A caption and its credit: the credit from its own row (flush right, or worded as
    a credit), or cut off the caption's last row."""
    rows = piece.rows
    cut = next(
        (k for k in range(1, len(rows)) if is_credit(rows[k].text, page.marks)),
        None,
    )
    if cut is None and len(rows) >= 2 and _flush_right(rows[-1], piece.box, page):
        cut = len(rows) - 1
    if cut is not None:
        return [
            _caption_of(Role.CAPTION, rows[:cut], page),
            _caption_of(Role.CREDIT, rows[cut:], page),
        ]
    whole = _caption_of(Role.CAPTION, rows, page)
    if is_credit(whole.text, page.marks):
        return [Caption(Role.CREDIT, whole.text, whole.lines, whole.box)]
    spaced = _joined(rows, page, clean=False)  # the space before a glued credit kept
    marks = page.marks
    match = marks.glued_credit.search(spaced) or marks.latin_glued_credit.search(spaced)
    if match is None:
        return [whole]
    caption = remove_justification_spaces(spaced[: match.start()].rstrip())
    credit = " ".join(spaced[match.end() :].split())
    last = rows[-1].numbers
    return [
        Caption(Role.CAPTION, caption, whole.lines, whole.box),
        Caption(Role.CREDIT, credit, last, rows[-1].box),
    ]


def _flush_right(row: Row, box: BBox, page: Page) -> bool:
    assembly, em = page.assembly, page.em
    flush = box.x1 - row.box.x1 <= assembly.flush * em
    return flush and row.box.x0 - box.x0 >= assembly.signature_indent * em


def _caption_of(role: Role, rows: list[Row], page: Page) -> Caption:
    text = _joined(rows, page)
    numbers = [n for r in rows for n in r.numbers]
    return Caption(role, text, numbers, BBox.enclosing([r.box for r in rows]))


def _joined(rows: list[Row], page: Page, clean: bool = True) -> str:
    """The rows' text as one, words split at a row's end joined again: as the source's
    hyphenation markup says (ALTO HYP, soft hyphens), else as the page's words do;
    justification spaces removed unless ``clean`` is False."""
    breaks = [r.lines[-1].word_break for r in rows[:-1]] + [None]
    if any(b is not None for b in breaks):
        text, removed = join_marked([r.text for r in rows], breaks, page.joiner)
    else:
        text, removed = join_lines([r.text for r in rows], page.joiner)
    if clean:
        page.dropped.extend(removed)  # reported once, from the text given back
    return remove_justification_spaces(text) if clean else text


def _column_of(piece: Piece, page: Page) -> tuple[int, int]:
    """The (left, right) edges of the column a body piece is set in."""
    box = piece.box
    if len(piece.rows) >= 2:
        return (box.x0, box.x1)
    holding = [c for c in page.columns if c[0] - page.em <= box.x0 and box.x1 <= c[1] + page.em]
    return min(holding, key=lambda c: c[1] - c[0]) if holding else (box.x0, box.x1)


def _paragraphs(body: list[Piece], article: Article, page: Page) -> list[Unassigned]:
    """The body pieces' paragraphs and section heads into the article; a block's last row
    worded as a jump line ("continued on page 16", set at the body's size) is left out
    as a jump, whether or not it stands flush right like a closing signature."""
    paras: list[_Para] = []
    jumps: list[Unassigned] = []
    for piece in body:
        left, right = _column_of(piece, page)
        heads = _subhead_rows(piece, left, right, page)
        for k, row in enumerate(piece.rows):
            if k in heads:
                wrapped = k - 1 in heads and not _extra_space(piece.rows[k - 1], row, page)
                if paras and paras[-1].role is Role.SUBHEAD and wrapped:
                    paras[-1].rows.append(row)
                else:
                    paras.append(_Para(Role.SUBHEAD, [row]))
            elif k == len(piece.rows) - 1 and is_jump(row.text, page.marks):
                jumps.append(Unassigned(Role.JUMP, row.text, list(row.numbers), row.box))
            elif k == len(piece.rows) - 1 and _signature(row, left, right, page):
                article.bylines.append(" ".join(row.text.split()))
                article.byline_lines.extend(row.numbers)
            elif _starts_paragraph(row, paras, left, page):
                paras.append(_Para(Role.BODY, [row]))
            else:
                paras[-1].rows.append(row)
    for para in paras:
        text = _joined(para.rows, page)
        if para.role is Role.SUBHEAD:
            text = " ".join(" ".join(r.text.split()) for r in para.rows)
            text = remove_justification_spaces(text) if _cjk(text) else text
        numbers = [n for r in para.rows for n in r.numbers]
        box = BBox.enclosing([r.box for r in para.rows])
        article.paragraphs.append(Paragraph(para.role, text, numbers, box))
    return jumps


def _opens_paragraph(row: Row, before: Row | None, left: int, page: Page) -> bool:
    """Indented, and not starting with closing punctuation, which always continues a
    line (避头尾). A row starting with a dash or opening punctuation, whose glyphs'
    ink stands away from the column's edge, opens one only after a finished sentence."""
    indented = row.box.x0 - left >= page.assembly.indent_min * page.em
    if not indented or row.text.startswith(tuple(page.typesetting.closing)):
        return False
    inked = page.typesetting.opening + page.assembly.inked_off_edge
    if row.text.startswith(tuple(inked)) and before is not None:
        return _ends_sentence(before.text, page) or before.text.endswith(
            tuple(page.typesetting.colons)
        )
    return True


def _starts_paragraph(row: Row, paras: list[_Para], left: int, page: Page) -> bool:
    if not paras or paras[-1].role is Role.SUBHEAD:
        return True
    before = paras[-1].rows[-1]
    return _size_changes(row, before, page) or _opens_paragraph(row, before, left, page)


def _size_changes(row: Row, before: Row, page: Page) -> bool:
    """A paragraph opens, indented or not, at the first of a run of rows set larger than
    the body (a lead, a run-in lead-in), and at the first body row after such a run
    that ended a sentence (the lead's end)."""
    large = page.assembly.display_ratio * page.em
    if row.size >= large > before.size:
        return True
    return before.size >= large > row.size and _ends_sentence(before.text, page)


def _ends_sentence(text: str, page: Page) -> bool:
    return page.typesetting.terminal.search(text) is not None


def _cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


def _signature(row: Row, left: int, right: int, page: Page) -> bool:
    """A short row flush right, set in further than a paragraph's indent (or worded as
    authors' names): the closing signature."""
    if right - row.box.x1 > page.assembly.flush * page.em or _ends_sentence(row.text, page):
        return False
    indent = row.box.x0 - left
    names = page.marks.names.match(" ".join(row.text.split())) is not None
    assembly, em = page.assembly, page.em
    return indent >= assembly.signature_indent * em or (
        names and indent >= assembly.indent_min * em
    )


def _subhead_rows(piece: Piece, left: int, right: int, page: Page) -> set[int]:
    """Rows of section heads: a short run with extra space around it, its last row
    centred, no row ending a sentence."""
    rows = piece.rows
    if rows[0].size >= page.assembly.display_ratio * page.em:
        return set()  # body text set larger (a lead): its rows are spaced by their size
    spaced = [k == 0 or _extra_space(rows[k - 1], rows[k], page) for k in range(len(rows))]
    spaced.append(True)  # below the last row: the piece's end
    out: set[int] = set()
    for start in range(len(rows)):
        if not spaced[start]:
            continue
        for end in range(start, min(start + page.assembly.subhead_rows, len(rows))):
            if _ends_sentence(rows[end].text, page):
                break
            if not spaced[end + 1]:
                continue
            if start == 0 and end == len(rows) - 1:
                break  # a whole piece alone: nothing shows it apart from running text
            if _centred(rows[end], left, right, page):
                out.update(range(start, end + 1))
            break
    return out


def _extra_space(above: Row, row: Row, page: Page) -> bool:
    return row.box.y0 - above.box.y0 >= page.pitch + page.assembly.subhead_space * page.em


def _centred(row: Row, left: int, right: int, page: Page) -> bool:
    margin_left, margin_right = row.box.x0 - left, right - row.box.x1
    return abs(margin_left - margin_right) <= page.assembly.centred * page.em
