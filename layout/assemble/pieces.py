"""From a page's lines to its pieces: printed rows grouped into blocks of one kind.

A *row* is one printed line (the reader may have cut a loosely justified line at its
wide word spaces: the fragments are joined again). A *piece* is a run of rows that
follow each other in the source's order, in one column, of one kind:

- ``head``: set larger than the body (kicker, main title, subtitle stacked together);
- ``body``: the body's size (paragraphs, section heads, a closing signature);
- ``small``: smaller than the body (bylines, captions and credits, jump lines);
- ``furniture``: above the page's top rule or in its bottom margin (running head,
  folio), or small rows under the page's column rules (a running foot); ``panel``:
  inside a drawn box (an advert);
- ``noise``: what an OCR engine read on a photo's grain or a rule, rows hardly made of
  words (Assembly.noise_word_share), whatever their size; and on a source whose OCR
  read the whole page (hOCR, ALTO, PAGE XML), rows printed inside a photo (the
  picture's own lettering, or its grain read as words).

Furniture, panels and noise belong to no article (``LEFT_OUT``): they are reported
with the page's unassigned blocks. An XML source's typed regions are hints: its running
heads, footers and page numbers are furniture, a block it labels as of no article
(relayout's own unassigned blocks, ``other``) a panel.

Display type only a little larger than the body that reads as running text (a lead
paragraph, a run-in lead-in) is body.

Sizes are compared with the page's own body size, so the unit never matters.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import median

from layout.assembly_rules import Assembly
from layout.model import BBox, Line, Role
from layout.sources.page import PageInput, body_size
from layout.text import is_terminal

from .noise import mostly_unworded

# Kinds of piece that belong to no article: the page's unassigned blocks.
LEFT_OUT = ("furniture", "panel", "noise")


@dataclass(slots=True)
class Row:
    lines: list[Line]
    box: BBox
    size: float
    fragment_gap: float  # Assembly.fragment_gap: closer fragments are one word

    @property
    def text(self) -> str:
        """The fragments joined: a space where the source left a gap between them."""
        out = self.lines[0].text.strip()
        for before, line in zip(self.lines, self.lines[1:], strict=False):
            assert before.box is not None and line.box is not None
            gap = line.box.x0 - before.box.x1
            spaced = gap >= self.fragment_gap * max(self.size, 1e-6)
            out += (" " if spaced else "") + line.text.strip()
        return out

    @property
    def numbers(self) -> list[int]:
        return [ln.number for ln in self.lines]


@dataclass(slots=True)
class Piece:
    kind: str  # head, body, small, furniture, panel, figure
    rows: list[Row] = field(default_factory=list)
    figure: BBox | None = None  # for kind "figure": the drawing's box

    @property
    def box(self) -> BBox:
        if self.figure is not None:
            return self.figure
        found = BBox.enclosing([r.box for r in self.rows])
        assert found is not None  # a text piece always has a row
        return found


def rows_of(lines: Sequence[Line], assembly: Assembly, noise: float = 0.0) -> list[Row]:
    """Printed rows in the source's order; fragments of one justified line joined
    (``noise``: the share by which measured sizes stray, PageInput.size_noise)."""
    boxed = [ln for ln in lines if ln.box is not None]
    rows: list[Row] = []
    for i, line in enumerate(boxed):
        assert line.box is not None
        prev = rows[-1] if rows else None
        if prev is not None and _continues_row(
            prev, line, _neighbour(boxed, i, prev, assembly), noise, assembly
        ):
            prev.lines.append(line)
            prev.box = prev.box.union(line.box)
        else:
            rows.append(Row([line], line.box, line.size or 0.0, assembly.fragment_gap))
    return rows


def _neighbour(lines: Sequence[Line], i: int, row: Row, assembly: Assembly) -> BBox | None:
    """The widest line printed close by on another baseline, in the row's column (source
    order, Assembly.neighbour_reach lines either side): the column's measure."""
    size = max(row.size, 1e-6)
    best: BBox | None = None
    for j in range(
        max(0, i - assembly.neighbour_reach), min(len(lines), i + assembly.neighbour_reach)
    ):
        box = lines[j].box
        if box is None or abs(box.y0 - row.box.y0) <= assembly.row_top_tolerance * size:
            continue
        beside = min(box.x1, row.box.x1) > max(box.x0, row.box.x0)
        if beside and abs(box.y0 - row.box.y0) <= assembly.measure_reach * size:
            best = box if best is None or box.width > best.width else best
    return best


def _continues_row(
    row: Row, line: Line, near: BBox | None, noise: float, assembly: Assembly
) -> bool:
    assert line.box is not None
    size = max(row.size, line.size or 0.0, 1e-6)
    if abs((line.size or 0.0) - row.size) > (assembly.row_size_tolerance + 2 * noise) * size:
        return False
    if abs(line.box.y0 - row.box.y0) > assembly.row_top_tolerance * size:
        return False
    if line.box.x0 < row.box.x1:  # overprinted on the row: the same printed line
        return line.box.x1 > row.box.x0
    if near is None:
        return False
    width = max(line.box.x1, row.box.x1) - row.box.x0
    return width <= near.width + assembly.row_wider_max * size


def kind_of(row: Row, body: float, assembly: Assembly, noise: float = 0.0) -> str:
    """Display, body or small type by the row's size; with sizes measured to within
    ``noise`` (a share), small type must be that much smaller again."""
    if row.size >= assembly.display_ratio * body:
        return "head"
    if row.size <= (assembly.small_ratio - noise) * body:
        return "small"
    return "body"


def _smoothed(
    rows: list[Row], kinds: list[str], body: float, noise: float, assembly: Assembly
) -> list[str]:
    """Measured sizes wobble: a lone row set between two rows of another kind, in one
    block with them, is of their kind (one line does not change the type in the middle
    of a paragraph or caption), if its size is that close to theirs."""
    out = list(kinds)
    text = ("body", "small")
    for i in range(1, len(rows)):
        before, here = out[i - 1], kinds[i]
        after = kinds[i + 1] if i + 1 < len(rows) else None
        if here == "head" and rows[i].size < (assembly.display_ratio + 2 * noise) * body:
            here = "body?"  # hardly larger than the body: a body line if set among them
            opens = after == "body" and _in_measure(rows[i], rows[i + 1], body, assembly)
            prior = before == "body" and _in_measure(rows[i], rows[i - 1], body, assembly)
            if opens or prior:
                out[i] = "body"
                continue
        if here not in (*text, "body?") or before not in text or before == here:
            continue
        if not _follows(rows[i - 1], rows[i], body, assembly):
            continue
        if after == before and _follows(rows[i], rows[i + 1], body, assembly):
            out[i] = before
        elif _last_line_of(rows[i - 1], rows[i], body):
            out[i] = before  # a paragraph's or a caption's short last line: a few glyphs
    return out


def _in_measure(row: Row, other: Row, body: float, assembly: Assembly) -> bool:
    """A row hardly larger than the body, set in the measure of the body row right under
    (or over) it: the first (last) line of the column's text, often indented (short),
    not a subtitle, which is centred or spans more than one column."""
    inside = row.box.x0 >= other.box.x0 - body and row.box.x1 <= other.box.x1 + body
    above, below = (row, other) if row.box.y0 < other.box.y0 else (other, row)
    return inside and _follows(above, below, body, assembly)


def _last_line_of(above: Row, row: Row, body: float) -> bool:
    """A short row under a body row, flush with its left edge: the paragraph's last
    line (a closing byline stands right-aligned, NEWSPAPER-CONVENTIONS.md)."""
    return abs(row.box.x0 - above.box.x0) <= 0.5 * body and row.box.x1 < above.box.x1


def pieces_of(page: PageInput, assembly: Assembly) -> tuple[list[Piece], float]:
    """The page's text pieces and figures, and its body size."""
    rows = rows_of(page.lines, assembly, page.size_noise)
    body = body_size(page.lines) or 1.0
    top, bottom = _furniture_limits(page, assembly)
    noise = page.size_noise
    declared = _declared_kinds(page)
    kinds = [
        declared.get(row.lines[0].number)
        or _place_kind(row, page, top, bottom)
        or _noise_kind(row, assembly)
        or _in_photo_kind(row, page)
        or _caption_kind(row)
        or kind_of(row, body, assembly, noise)
        for row in rows
    ]
    if noise:
        kinds = _smoothed(rows, kinds, body, noise, assembly)
    pieces: list[Piece] = []
    unread: list[Piece] = []  # noise: kept out of the flow, so that it parts no block
    for row, kind in zip(rows, kinds, strict=True):
        if kind == "noise":
            unread.append(Piece(kind, [row]))
            continue
        open_ = pieces if not page.ordered else pieces[-1:]
        last = next(
            (
                p
                for p in reversed(open_)
                if p.kind == kind and _follows(p.rows[-1], row, body, assembly)
            ),
            None,
        )
        if last is not None:
            last.rows.append(row)
        else:
            pieces.append(Piece(kind, [row]))
    pieces = _rejoin_small(pieces, body, assembly)
    if not page.ordered:  # an OCR reader's line finder cuts wide-set display lines
        pieces = _display_fragments_joined(pieces, page.rules, assembly)
    pieces = _kickers_joined(pieces, body, assembly)
    _hinted_body_is_body(pieces, body, assembly)
    for figure in page.figures:
        pieces = _caption_gathered(pieces, figure, body, assembly)
    _captions_at_body_size(pieces, page.figures, body, assembly)
    pieces = _prose_set_large(pieces, body, assembly)
    frame_bottom = _frame_bottom(page, assembly)
    for piece in pieces:
        under_frame = piece.kind == "small" and piece.box.y0 >= frame_bottom
        if under_frame or (piece.kind != "furniture" and _in_foot(piece, pieces, bottom, body)):
            piece.kind = "furniture"
    pieces += unread
    pieces += [Piece("figure", figure=f) for f in page.figures]
    return pieces, body


def _noise_kind(row: Row, assembly: Assembly) -> str | None:
    """``noise`` for a row whose characters are mostly not in words (see
    Assembly.noise_word_share and noise.py), else None."""
    return "noise" if mostly_unworded(row.text, assembly.noise_word_share) else None


# Sources whose OCR read the whole page, photos too (the image path reads around them).
_READ_WHOLE_PAGE = ("hocr", "alto", "page")


def _in_photo_kind(row: Row, page: PageInput) -> str | None:
    """``noise`` for a row set inside one of the page's figures, on a source whose OCR
    read the pictures too: what it read there is the picture's, not an article's."""
    if page.kind not in _READ_WHOLE_PAGE:
        return None
    box = row.box
    inside = any(
        f.x0 <= box.x0 and box.x1 <= f.x1 and f.y0 <= box.y0 and box.y1 <= f.y1
        for f in page.figures
    )
    return "noise" if inside else None


def _prose_set_large(pieces: list[Piece], body: float, assembly: Assembly) -> list[Piece]:
    """Body text set a little larger, alone or under the headline it follows, becomes a
    body piece: it then joins the article above it in the column flow (see
    Assembly.body_display_max)."""
    bodies = [p for p in pieces if p.kind == "body"]
    out: list[Piece] = []
    for piece in pieces:
        out.append(piece)
        if piece.kind != "head":
            continue
        rows = piece.rows
        start = len(rows)
        while start > 0 and rows[start - 1].size <= assembly.body_display_max * body:
            start -= 1
        tail = rows[start:]
        lead = len(tail) >= assembly.lead_rows and is_terminal(tail[-1].text)
        run_in = len(rows) == 1 == len(tail) and any(
            _runs_on(rows[0], b.rows[0], body, assembly) for b in bodies
        )
        if run_in or (lead and start == 0):
            piece.kind = "body"
        elif lead:  # the headline's own rows stay its; the lead under them is body
            piece.rows = rows[:start]
            out.append(Piece("body", tail))
    return out


def _runs_on(row: Row, below: Row, body: float, assembly: Assembly) -> bool:
    """``below`` is the next row of ``row``'s sentence: right under it, and the word or
    sentence goes on (a hyphen at the end, a lower-case letter at the start)."""
    if not _follows(row, below, body, assembly) or is_terminal(row.text):
        return False
    return row.text.endswith("-") or below.text[:1].islower()


def _frame_bottom(page: PageInput, assembly: Assembly) -> float:
    """Where the page's column rules end, if that is in its foot; else beyond the page."""
    vertical = [r.y1 for r in page.rules if r.height > r.width]
    if page.size is None or not vertical:
        return float("inf")
    lowest = max(vertical)
    return lowest if lowest >= (1 - assembly.foot_share) * page.size[1] else float("inf")


def _rejoin_small(pieces: list[Piece], body: float, assembly: Assembly) -> list[Piece]:
    """Small pieces that continue one another on the page, though the source wrote them
    apart (a caption whose credit was written in between): one piece again."""
    out: list[Piece] = []
    for piece in pieces:
        before = next(
            (
                p
                for p in out
                if piece.kind == p.kind == "small"
                and _follows(p.rows[-1], piece.rows[0], body, assembly)
            ),
            None,
        )
        if before is None:
            out.append(piece)
        else:
            before.rows += piece.rows
    return out


def _display_fragments_joined(
    pieces: list[Piece], rules: Sequence[BBox], assembly: Assembly
) -> list[Piece]:
    """Head pieces that are fragments of the same display rows joined into one piece,
    and what the reader found printed inside a headline's letters (noise) with them."""
    out = list(pieces)
    merged = True
    while merged:
        merged = False
        for a in out:
            mate = next(
                (b for b in out if b is not a and _fragments_of_one(a, b, rules, assembly)), None
            )
            if mate is not None:
                joined = Piece("head", _rows_by_line(a.rows + mate.rows))
                out = [joined if p is a else p for p in out if p is not mate]
                merged = True
                break
    return out


def _fragments_of_one(a: Piece, b: Piece, rules: Sequence[BBox], assembly: Assembly) -> bool:
    if a.kind != "head" or b.kind not in ("head", "small", "body"):
        return False
    box, other = a.box, b.box
    if b.kind != "head":  # text inside a headline's box is noise read on its letters
        cx, cy = other.center
        return len(b.rows) == 1 and box.x0 <= cx <= box.x1 and box.y0 <= cy <= box.y1
    level = min(box.y1, other.y1) - max(box.y0, other.y0) >= 0.5 * min(box.height, other.height)
    size = max(r.size for r in a.rows + b.rows)
    if not _same_size_where_level(a.rows, b.rows, assembly.display_fragment_sizes):
        return False  # headlines of two sizes side by side: two articles
    gap = max(other.x0 - box.x1, box.x0 - other.x1)
    if not level or gap > assembly.display_fragment_gap * size:
        return False
    left, right = (box.x1, other.x0) if box.x1 <= other.x0 else (other.x1, box.x0)
    top, bottom = max(box.y0, other.y0), min(box.y1, other.y1)
    return not any(
        r.height > r.width and left <= r.center[0] <= right and r.y0 <= bottom and r.y1 >= top
        for r in rules
    )


def _same_size_where_level(rows: list[Row], others: list[Row], share: float) -> bool:
    """Rows of two pieces that stand level are set alike (their sizes within ``share``
    of the larger); a lone character, which measures low, and marks without a letter
    (``| =``: what an OCR engine reads on a headline's strokes) are left out."""
    pairs = [
        (r.size, o.size)
        for r in rows
        for o in others
        if min(r.box.y1, o.box.y1) > max(r.box.y0, o.box.y0)
        and min(_letters(r.text), _letters(o.text)) > 1
    ]
    return all(min(x, y) >= (1 - share) * max(x, y) for x, y in pairs)


def _letters(text: str) -> int:
    """Letters, digits and ideographs in a text."""
    return sum(1 for c in text if c.isalnum())


def _kickers_joined(pieces: list[Piece], body: float, assembly: Assembly) -> list[Piece]:
    """A line or two of body-size type centred right over a headline is its kicker (set
    little larger than the body, it may measure as body on an image): part of the
    headline block. Body text over a headline ends a column, flush left."""
    out = list(pieces)
    for head in [p for p in pieces if p.kind == "head"]:
        kicker = next((p for p in out if _kicker_of(p, head, body, assembly)), None)
        if kicker is not None:
            head.rows = kicker.rows + head.rows
            out = [p for p in out if p is not kicker]
    return out


def _kicker_of(piece: Piece, head: Piece, body: float, assembly: Assembly) -> bool:
    if piece.kind != "body" or len(piece.rows) > 2:
        return False
    box, top = piece.box, head.box
    gap = top.y0 - box.y1
    leading = assembly.leading_max * max(r.size for r in piece.rows)
    return centred_on(box, top, body) and -assembly.row_overlap_max * body <= gap <= leading


def centred_on(box: BBox, head: BBox, em: float) -> bool:
    """Narrower than the headline and centred on it within an em: a kicker over it, a
    subtitle under it."""
    return abs(box.center[0] - head.center[0]) <= em and box.width < head.width


def _rows_by_line(rows: list[Row]) -> list[Row]:
    """Rows formed again from their lines: a line whose middle lies within a row's
    height is on that row; each row read left to right."""
    lines = sorted((ln for r in rows for ln in r.lines), key=_line_top)
    out: list[Row] = []
    for line in lines:
        assert line.box is not None
        at = next((r for r in out if r.box.y0 <= line.box.center[1] <= r.box.y1), None)
        if at is None:
            out.append(Row([line], line.box, line.size or 0.0, rows[0].fragment_gap))
        else:
            at.lines.append(line)
            at.box = at.box.union(line.box)
            at.size = max(at.size, line.size or 0.0)
    for row in out:
        row.lines.sort(key=lambda ln: ln.box.x0 if ln.box else 0)
    return sorted(out, key=lambda r: r.box.y0)


def _caption_gathered(
    pieces: list[Piece], figure: BBox, body: float, assembly: Assembly
) -> list[Piece]:
    """The small pieces set in a band right under a figure and within its width, as one
    piece whose rows are the band's printed lines read left to right (and so for a band
    right over it): a reader may cut a wide caption's lines at their word spaces into
    pieces that it reads apart (a credit at the end of the last line among them). A
    piece of the band that measured at the body's size but hardly reaches it
    (Assembly.caption_size_max) is small type too."""
    for below in (True, False):
        band = _caption_band(pieces, figure, body, below, assembly)
        for piece in band:
            piece.kind = "small"
        if len(band) < 2:
            continue
        rows = _rows_by_line([r for p in band for r in p.rows])
        first = next(i for i, p in enumerate(pieces) if p is band[0])
        kept = [p for p in pieces if not any(p is q for q in band)]
        kept.insert(min(first, len(kept)), Piece("small", rows))
        pieces = kept
    return pieces


def measures_small(piece: Piece, body: float, assembly: Assembly) -> bool:
    """Body text by its size, but hardly: its rows' median size at most
    Assembly.caption_size_max of the body (a caption by a photo measured up)."""
    return median(r.size for r in piece.rows) <= assembly.caption_size_max * body


def _hinted_body_is_body(pieces: list[Piece], body: float, assembly: Assembly) -> None:
    """A piece the source marks as a caption (small text against a photo, by the
    image's analysis) whose rows measure the body's size (more than
    Assembly.caption_size_max of it) is running text set under the photo: body."""
    for piece in pieces:
        hinted = all(ln.hint is Role.CAPTION for r in piece.rows for ln in r.lines)
        if piece.kind == "small" and hinted and not measures_small(piece, body, assembly):
            piece.kind = "body"


def _captions_at_body_size(
    pieces: list[Piece], figures: Sequence[BBox], body: float, assembly: Assembly
) -> None:
    """A short body-size block right under a photo that spans two columns or more, across
    most of the photo's width, is its caption (small): see Assembly.body_caption_rows."""
    widths = sorted(
        p.box.width for p in pieces if p.kind == "body" and len(p.rows) >= assembly.lead_rows
    )
    if not widths:
        return
    measure = widths[len(widths) // 2]
    for piece in pieces:
        if piece.kind != "body" or len(piece.rows) > assembly.body_caption_rows:
            continue
        box = piece.box
        if box.width >= assembly.body_caption_wider * measure and any(
            _spans_under(box, f, body, assembly) for f in figures
        ):
            piece.kind = "small"


def _spans_under(box: BBox, figure: BBox, body: float, assembly: Assembly) -> bool:
    """Right under the figure, within its width and across most of it."""
    under = 0 <= box.y0 - figure.y1 <= assembly.caption_gap * body
    inside = box.x0 >= figure.x0 - body and box.x1 <= figure.x1 + body
    return under and inside and box.width >= assembly.body_caption_span * figure.width


def _caption_band(
    pieces: list[Piece], figure: BBox, body: float, below: bool, assembly: Assembly
) -> list[Piece]:
    """Small pieces within the figure's width, each starting under the figure (ending
    over it) at most a line's leading from the band's edge; and a piece of one row
    standing level with a row of the band, whatever its measured size: a fragment of
    that row (the reader cut it at a gutter or a wide word space)."""
    inside = [
        p
        for p in pieces
        if p.kind in ("small", "body")
        and p.box.x0 >= figure.x0 - body
        and p.box.x1 <= figure.x1 + body
    ]
    band: list[Piece] = []
    edge = figure.y1 if below else figure.y0
    leading = assembly.leading_max * body
    grown = True
    while grown:
        grown = False
        for p in inside:
            if any(p is q for q in band):
                continue
            if below:  # starts under the figure, at most a leading under the band
                near = figure.y1 - 0.5 * body <= p.box.y0 <= edge + leading
            else:
                near = edge - leading <= p.box.y1 <= figure.y0 + 0.5 * body
            small = p.kind == "small" or measures_small(p, body, assembly)
            if (near and small) or _level_with(p, band, assembly):
                band.append(p)
                edge = max(edge, p.box.y1) if below else min(edge, p.box.y0)
                grown = True
    return band


def _level_with(piece: Piece, band: list[Piece], assembly: Assembly) -> bool:
    """A piece of one row whose top is level with a row of the band's pieces."""
    if len(piece.rows) != 1:
        return False
    row = piece.rows[0]
    return any(
        abs(other.box.y0 - row.box.y0) <= assembly.row_top_tolerance * max(row.size, other.size)
        for p in band
        for other in p.rows
    )


def _line_top(line: Line) -> float:
    return line.box.y0 if line.box is not None else 0.0


def _in_foot(piece: Piece, pieces: list[Piece], bottom: float, body: float) -> bool:
    """Set in the page's foot, apart from any text above it (a folio, not a caption's
    last row)."""
    box = piece.box
    if box.y0 < bottom:
        return False
    return not any(
        other is not piece
        and other.box.y1 <= box.y0 + 1
        and box.y0 - other.box.y1 < body
        and min(other.box.x1, box.x1) > max(other.box.x0, box.x0)
        for other in pieces
    )


def _declared_kinds(page: PageInput) -> dict[int, str]:
    """Line number → the kind the source's typed region says: furniture for a running
    head, footer or page number; panel for a block labelled as of no article (said by
    name, as relayout's ``other`` is: the generic PAGE ``other`` may be a footnote)."""
    out: dict[int, str] = {}
    for region in page.regions:
        if region.furniture:
            out.update(dict.fromkeys(region.lines, "furniture"))
        elif region.exact and region.role is Role.OTHER:
            out.update(dict.fromkeys(region.lines, "panel"))
    return out


def _caption_kind(row: Row) -> str | None:
    """Small type where the source marks a caption (an image's analysis: small text set
    against a photo), whatever its measured size says."""
    return "small" if any(ln.hint is Role.CAPTION for ln in row.lines) else None


def _place_kind(row: Row, page: PageInput, top: float, bottom: float) -> str | None:
    """Furniture or panel by where the row stands, else None."""
    y = row.box.center[1]
    if y < top:
        return "furniture"
    cx = row.box.center[0]
    if any(p.x0 <= cx <= p.x1 and p.y0 <= y <= p.y1 for p in page.panels):
        return "panel"
    return None


def _furniture_limits(page: PageInput, assembly: Assembly) -> tuple[float, float]:
    """Rows above the first y or below the second are the page's furniture."""
    if page.size is None:
        return float("-inf"), float("inf")
    width, height = page.size
    wide = [
        r
        for r in page.rules
        if r.width >= assembly.wide_rule_share * width and r.y1 <= assembly.furniture_top * height
    ]
    top = max((r.y0 for r in wide), default=float("-inf"))
    return top, (1 - assembly.furniture_bottom) * height


def _follows(above: Row, row: Row, body: float, assembly: Assembly) -> bool:
    """``row`` is the next line of ``above``'s block: just below it, overlapping."""
    size = max(above.size, row.size, body)
    gap = row.box.y0 - above.box.y1
    overlap = min(row.box.x1, above.box.x1) - max(row.box.x0, above.box.x0)
    return -assembly.row_overlap_max * size <= gap <= assembly.leading_max * size and overlap > 0
