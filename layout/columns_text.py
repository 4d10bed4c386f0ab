"""Column geometry from the text itself: lines that run across several columns.

``pdftotext -layout`` (and OCR engines' plain text, text copied from PDF viewers) writes
one page row per line: the lines of neighbouring columns side by side, separated by runs
of spaces, at character positions that follow the printed x positions. The text stages
assume one column's line per input line, so this stage, run before re-flow, takes such
text apart and threads it again in reading order:

1. **Pieces.** Every line is cut into its words (runs of non-space characters) with
   their display position in cells (``unicodedata.east_asian_width``: a CJK character is
   two cells, an ASCII one). A word starts a new piece when a wide gap comes before it,
   or when it starts where words of several nearby lines start too (a column's left
   edge: gutters are often a single space wide).
2. **Detection.** The page holds several columns when enough of its lines are cut into
   two pieces or more; otherwise the lines go on unchanged (content-order text).
3. **Printed places.** Layout text writes a piece at its printed x unless the piece
   before it on the line reaches there: then one space after it (a CJK character is
   wider than its cells allow). Such a pushed piece is put back one column pitch after
   the piece before it (``unpush``). A piece wider than any column nearby, or alone on
   its line at no column's edge, with no sentence punctuation, is a heading over
   several columns: a run of its own.
4. **Column runs.** A piece continues the run of the piece just above it (the previous
   input line, no blank line between) that starts at nearly the same cell; a run ends
   where another piece takes the space under it.
5. **Reading order** of the runs, as boxes (rows x cells), by the rules of Breuel's
   reading order: a run above another that overlaps it horizontally comes first; a run
   entirely to the left of another comes first unless something between them vertically
   (a headline spanning both, an empty row across the page) separates them. A
   topological sort, the top-most run first among those ready, gives the order.

Every piece keeps its input line number and its position (``Piece``): nothing is lost
or added, each non-space character is in exactly one piece.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace

from .conventions import Conventions, TextColumns
from .model import Line


@dataclass(frozen=True, slots=True)
class Piece:
    """One column's part of an input line: ``line.text[start:end]`` at cells ``x0..x1``."""

    line: Line
    start: int  # character offset in the input line
    end: int
    x0: int  # display cells from the line's start (a CJK character is two)
    x1: int
    spans: bool = False  # wider than any column nearby: a headline over several columns

    @property
    def text(self) -> str:
        return self.line.text[self.start : self.end]


@dataclass(slots=True)
class ColumnRun:
    """Consecutive input lines' pieces that lie in one column (a box of rows x cells)."""

    pieces: list[Piece] = field(default_factory=list)

    @property
    def first_row(self) -> int:
        return self.pieces[0].line.number

    @property
    def last_row(self) -> int:
        return self.pieces[-1].line.number

    @property
    def x0(self) -> float:
        return statistics.median(p.x0 for p in self.pieces)

    @property
    def x1(self) -> float:
        return statistics.median(p.x1 for p in self.pieces)


@dataclass(slots=True)
class TextLayout:
    """What the stage found: the runs in reading order (empty: one column per line)."""

    runs: list[ColumnRun]
    multi_lines: int  # input lines that held two pieces or more (too few: that could)
    lines: int  # non-blank input lines

    @property
    def found(self) -> bool:
        return bool(self.runs)

    def note(self) -> str:
        if not self.found:
            return f"text columns: none ({self.multi_lines} of {self.lines} lines cut)"
        return (
            f"text columns: {self.multi_lines} of {self.lines} lines held several columns;"
            f" re-threaded as {len(self.runs)} column runs"
        )

    def describe(self) -> list[str]:
        """One line per run, in reading order, for ``--explain``."""
        return [
            f"  column run {n}: lines {r.first_row}-{r.last_row}, cells "
            f"{r.x0:g}-{r.x1:g}, {len(r.pieces)} piece(s) {_short(r.pieces[0].text)!r}"
            for n, r in enumerate(self.runs, start=1)
        ]


@dataclass(frozen=True, slots=True)
class _Word:
    start: int
    end: int
    x0: int
    x1: int


def cell_width(ch: str) -> int:
    """Display cells of a character: wide and full-width forms two, others one."""
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def words(text: str) -> list[_Word]:
    """The runs of non-space characters of a line with their display cells."""
    out: list[_Word] = []
    x = 0
    start = -1
    x_start = 0
    for i, ch in enumerate(text):
        if ch.isspace():
            if start >= 0:
                out.append(_Word(start, i, x_start, x))
                start = -1
        elif start < 0:
            start, x_start = i, x
        x += cell_width(ch) if ch != "\t" else 8 - x % 8
    if start >= 0:
        out.append(_Word(start, len(text), x_start, x))
    return out


def cut_pieces(
    lines: list[Line],
    rules: TextColumns,
    page_widths: bool = False,
    sentence: str = "",
) -> list[list[Piece]]:
    """Every line cut into its columns' pieces (one piece: a line of one column) at the
    cells the text puts them; a piece over several columns is marked (``spans``).

    Two passes: the first cuts at wide gaps and at column edges (words of nearby lines
    start there too); the widths of the pieces so found give the columns' widths, and
    the second pass also cuts where a line's text so far is as wide as a column (a
    gutter of one space that the extractor shifted away from the edge). Columns' widths
    are those of nearby lines, and with ``page_widths`` those of the whole page too (text
    without positions, whose edges show only in lines starting with the first column)."""
    line_words = [words(line.text) for line in lines]
    starts = [sorted(w.x0 for w in ws) for ws in line_words]
    ends = [sorted(w.x1 for w in ws) for ws in line_words]
    first_pass = [
        _cut(line.text, ws, _near(starts, i, rules), [], rules)
        for i, (line, ws) in enumerate(zip(lines, line_words, strict=True))
    ]
    spans = [
        [(ws[a].x0, ws[b - 1].x1) for a, b in cuts]
        for ws, cuts in zip(line_words, first_pass, strict=True)
    ]
    widths = [sorted(x1 - x0 for x0, x1 in row) if len(row) > 1 else [] for row in spans]
    page = _frequent(widths, rules) if page_widths else []
    out: list[list[Piece]] = []
    for i, (line, ws) in enumerate(zip(lines, line_words, strict=True)):
        full = sorted({*page, *_frequent(_near(widths, i, rules), rules)})
        near_starts = _near(starts, i, rules)
        near_ends = _near(ends, i, rules)
        cuts = _cut(line.text, ws, near_starts, full, rules)
        widest = full[-1] + rules.align_tolerance if full else None
        pieces = [Piece(line, ws[a].start, ws[b - 1].end, ws[a].x0, ws[b - 1].x1) for a, b in cuts]
        out.append(
            [
                replace(
                    p, spans=_apart(p, len(pieces), widest, near_starts, near_ends, sentence, rules)
                )
                for p in pieces
            ]
        )
    return out


def _apart(
    piece: Piece,
    pieces: int,
    widest: int | None,
    near_starts: list[list[int]],
    near_ends: list[list[int]],
    sentence: str,
    rules: TextColumns,
) -> bool:
    """Is a piece no column's line but a heading over several columns? Wider than any
    column nearby, or alone on its line at no column's edge (a headline centred over its
    columns), and holding no sentence punctuation (a paragraph's lines hold some)."""
    if sentence and any(ch in sentence for ch in piece.text):
        return False
    if widest is not None and piece.x1 - piece.x0 > widest:
        return True
    return (
        bool(sentence)
        and pieces == 1
        and not _aligned(piece.x0, near_starts, rules)
        and not _aligned(piece.x1, near_ends, rules)  # names set flush right end a column
    )


def _near(per_line: list[list[int]], i: int, rules: TextColumns) -> list[list[int]]:
    lo, hi = max(0, i - rules.window), min(len(per_line), i + rules.window + 1)
    return [per_line[j] for j in range(lo, hi) if j != i]


def _cut(
    text: str, ws: list[_Word], near: list[list[int]], full: list[int], rules: TextColumns
) -> list[tuple[int, int]]:
    """Word index ranges of a line's pieces."""
    cuts: list[tuple[int, int]] = []
    first = 0
    for k in range(1, len(ws)):
        gap = ws[k].x0 - ws[k - 1].x1
        so_far = ws[k - 1].x1 - ws[first].x0
        if gap >= rules.gap_min or (
            so_far >= rules.column_min
            and _wide_side(ws[k - 1], ws[k], text)
            and (_aligned(ws[k].x0, near, rules) or _matches(so_far, full, rules))
        ):
            cuts.append((first, k))
            first = k
    if ws:
        cuts.append((first, len(ws)))
    return cuts


def _wide_side(left: _Word, right: _Word, text: str) -> bool:
    """Is a CJK (wide) character next to the space? Between two Latin characters a single
    space is a word space: Latin prose has a word starting at nearly every cell."""
    return cell_width(text[left.end - 1]) == 2 or cell_width(text[right.start]) == 2


def _frequent(near: list[list[int]], rules: TextColumns) -> list[int]:
    """Piece widths found in at least ``align_support`` of the lines: column widths."""
    values = sorted(w for ws in near for w in ws if w >= rules.column_min)
    out: list[int] = []
    for w in values:
        lo = bisect.bisect_left(values, w - rules.align_tolerance)
        hi = bisect.bisect_right(values, w + rules.align_tolerance)
        centre = values[(lo + hi) // 2]  # the widths around a column's width centre on it
        if hi - lo >= rules.align_support and w == centre and (not out or w != out[-1]):
            out.append(w)
    return out


def _matches(width: int, full: list[int], rules: TextColumns) -> bool:
    return any(abs(width - w) <= rules.align_tolerance for w in full)


def _aligned(x: int, near: list[list[int]], rules: TextColumns) -> bool:
    """Do words of at least ``align_support`` nearby lines start at ``x`` (± tolerance)?"""
    support = 0
    for xs in near:
        k = bisect.bisect_left(xs, x - rules.align_tolerance)
        if k < len(xs) and xs[k] <= x + rules.align_tolerance:
            support += 1
            if support >= rules.align_support:
                return True
    return False


def thread_runs(
    rows: list[list[Piece]], rules: TextColumns, sentence: str, slots: bool = False
) -> list[ColumnRun]:
    """Pieces into column runs. Each line's pieces are aligned in order with the runs
    still open (the cheapest monotone matching: a pair costs how far apart they start,
    a piece or run left alone costs ``skip_cost``), so that a band of columns the
    extractor shifted sideways still goes on; a run stays open over ``run_gap_lines``
    lines without a piece of it (a line holding only another column's piece), never over
    a blank line; a heading line over a column's text starts a run apart. Pieces placed
    in column slots (``slots``) only go on a run of their own slot."""
    limit = 0.0 if slots else 2 * rules.skip_cost
    runs: list[ColumnRun] = []
    open_runs: list[ColumnRun] = []
    for pieces in rows:
        if not pieces:
            continue
        number = pieces[0].line.number
        if pieces[0].line.blank_before:
            open_runs = []
        open_runs = [r for r in open_runs if number - r.last_row <= 1 + rules.run_gap_lines]
        open_runs.sort(key=lambda r: r.pieces[-1].x0)
        uppers = [r.pieces[-1] for r in open_runs]
        pairs = _align(uppers, pieces, rules.skip_cost, limit) if open_runs else {}
        for k, piece in enumerate(pieces):
            j = pairs.get(k)
            if j is not None and not _heading_over(open_runs[j].pieces[-1], piece, sentence, rules):
                run = open_runs[j]
            else:
                run = ColumnRun()
                runs.append(run)
                open_runs.append(run)
            run.pieces.append(piece)
        open_runs = [r for r in open_runs if _still_open(r, pieces, rules)]
    return runs


def _still_open(run: ColumnRun, row: list[Piece], rules: TextColumns) -> bool:
    """Does a run go on after this row? Not after a line over several columns (no column's
    text goes on it), and not when the row put another piece under it (the column's
    space below is taken: a name over a column does not take the column's next line)."""
    last = run.pieces[-1]
    if last.spans:
        return False
    if any(p is last for p in row):
        return True
    return all(_overlap(last.x0, last.x1, p.x0, p.x1) < rules.overlap_min for p in row)


def _align(upper: list[Piece], lower: list[Piece], skip: float, limit: float) -> dict[int, int]:
    """Monotone matching of two lines' pieces (pairs at most ``limit`` cells apart):
    lower index → upper index."""
    m, n = len(upper), len(lower)
    cost = [[0.0] * (n + 1) for _ in range(m + 1)]
    for i in range(m + 1):
        for j in range(n + 1):
            if i == 0 or j == 0:
                cost[i][j] = skip * (i + j)
                continue
            best = min(cost[i - 1][j], cost[i][j - 1]) + skip
            shift = abs(upper[i - 1].x0 - lower[j - 1].x0)
            if shift <= limit:
                best = min(best, cost[i - 1][j - 1] + shift)
            cost[i][j] = best
    pairs: dict[int, int] = {}
    i, j = m, n
    while i > 0 and j > 0:
        shift = abs(upper[i - 1].x0 - lower[j - 1].x0)
        if shift <= limit and cost[i][j] == cost[i - 1][j - 1] + shift:
            pairs[j - 1] = i - 1
            i, j = i - 1, j - 1
        elif cost[i][j] == cost[i - 1][j] + skip:
            i -= 1
        else:
            j -= 1
    return pairs


def _heading_over(upper: Piece, lower: Piece, sentence: str, rules: TextColumns) -> bool:
    """A line with no sentence punctuation, clearly narrower than the column line under
    it, is a heading set over the column (not a paragraph's last line: those end a
    sentence)."""
    narrower = (lower.x1 - lower.x0) - (upper.x1 - upper.x0) > rules.heading_narrower
    return narrower and not any(ch in sentence for ch in upper.text)


def reading_order(runs: list[ColumnRun], blank_rows: list[int], rules: TextColumns) -> list[int]:
    """The runs' indices in reading order (Breuel's two rules, then a topological sort
    that takes the top-most, then left-most, run among those ready)."""
    boxes = [(r.first_row, r.last_row, r.x0, r.x1) for r in runs]
    n = len(boxes)
    after: list[list[int]] = [[] for _ in range(n)]
    waiting = [0] * n
    for a in range(n):
        for b in range(n):
            if a != b and _before(a, b, boxes, blank_rows, rules):
                after[a].append(b)
                waiting[b] += 1
    ready = [(boxes[i][0], boxes[i][2], i) for i in range(n) if waiting[i] == 0]
    heapq.heapify(ready)
    order: list[int] = []
    done = [False] * n
    while len(order) < n:
        if not ready:  # a cycle (jittered columns): take the top-most run left
            i = min((k for k in range(n) if not done[k]), key=lambda k: boxes[k][:3:2])
            ready.append((boxes[i][0], boxes[i][2], i))
        _, _, i = heapq.heappop(ready)
        if done[i]:
            continue
        done[i] = True
        order.append(i)
        for b in after[i]:
            waiting[b] -= 1
            if waiting[b] == 0 and not done[b]:
                heapq.heappush(ready, (boxes[b][0], boxes[b][2], b))
    return order


Box = tuple[int, int, float, float]  # first row, last row, x0, x1


def _before(a: int, b: int, boxes: list[Box], blank_rows: list[int], rules: TextColumns) -> bool:
    ra0, ra1, xa0, xa1 = boxes[a]
    rb0, rb1, xb0, xb1 = boxes[b]
    if _overlap(xa0, xa1, xb0, xb1) >= rules.overlap_min:
        return ra1 < rb0  # one above the other
    if xa1 > xb0 + rules.align_tolerance:
        return False  # a is not entirely to the left of b
    if ra0 > rb1:
        return False  # a lies wholly below b: a later band's, unless rows say otherwise
    top, bottom = (ra1, rb0) if ra1 < rb0 else (rb1, ra0)
    if top >= bottom:
        return True  # side by side
    k = bisect.bisect_right(blank_rows, top)
    if k < len(blank_rows) and blank_rows[k] < bottom:
        return False  # an empty row across the page between them
    for c, (rc0, rc1, xc0, xc1) in enumerate(boxes):
        if (
            c not in (a, b)
            and rc1 > top
            and rc0 < bottom
            and _overlap(xa0, xa1, xc0, xc1) >= rules.overlap_min
            and _overlap(xb0, xb1, xc0, xc1) >= rules.overlap_min
        ):
            return False  # something spanning both lies between them
    return True


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return min(a1, b1) - max(a0, b0)


def find_columns(lines: list[Line], rules: TextColumns, sentence: str) -> TextLayout:
    """Cut the lines into pieces; when enough lines held several columns, the column
    runs in reading order."""
    could = sum(1 for line in lines if may_cut(line.text, rules))
    if _too_few(could, len(lines), rules):  # most text: no need to cut a line
        return TextLayout([], could, len(lines))
    slots = not positions_kept(lines, rules)
    rows = cut_pieces(lines, rules, page_widths=slots, sentence="" if slots else sentence)
    multi = sum(1 for pieces in rows if len(pieces) > 1)
    if _too_few(multi, len(lines), rules):
        return TextLayout([], multi, len(lines))
    rows = place_in_slots(rows, rules, sentence) if slots else unpush(rows, rules)
    runs = thread_runs(rows, rules, sentence, slots)
    blank_rows = sorted(line.number - 1 for line in lines if line.blank_before)
    order = reading_order(runs, blank_rows, rules)
    return TextLayout([runs[i] for i in order], multi, len(lines))


def unpush(rows: list[list[Piece]], rules: TextColumns) -> list[list[Piece]]:
    """Printed positions for pieces layout text pushed right. pdftotext -layout writes a
    piece at its printed x (in cells) unless the piece before it on the line ends
    there or later: then one space after it. A pushed piece is the next column's
    (an empty column would leave a wide gap), at the previous piece's column plus the
    page's column pitch, and never right of where it was written."""
    pitch = _pitch(rows, rules)
    out: list[list[Piece]] = []
    for row in rows:
        placed: list[Piece] = []
        for k, piece in enumerate(row):
            x0 = piece.x0
            if k and pitch and piece.x0 - row[k - 1].x1 <= 1:
                x0 = min(piece.x0, placed[-1].x0 + pitch)
            placed.append(replace(piece, x0=x0, x1=x0 + piece.x1 - piece.x0))
        out.append(placed)
    return out


def _pitch(rows: list[list[Piece]], rules: TextColumns) -> int:
    """The page's column pitch in cells: the most frequent distance (give or take
    ``align_tolerance``) between the starts of two neighbouring column-wide pieces both
    written at their printed place (the second one after a gap of two cells or more)."""
    steps: Counter[int] = Counter()
    for row in rows:
        for a, b in itertools.pairwise(row):
            wide = min(a.x1 - a.x0, b.x1 - b.x0) >= rules.column_min
            if wide and b.x0 - a.x1 >= 2 and not a.spans and not b.spans:
                steps[b.x0 - a.x0] += 1
    tol = rules.align_tolerance

    def support(step: int) -> int:
        return sum(steps[step + d] for d in range(-tol, tol + 1))

    return max(steps, key=lambda s: (support(s), -s), default=0)


def _too_few(cut: int, lines: int, rules: TextColumns) -> bool:
    return cut < rules.min_lines or cut < rules.min_share * lines


_SPACE_BETWEEN = re.compile(r"(\S)(\s+)(?=(\S))")


def may_cut(text: str, rules: TextColumns) -> bool:
    """Could ``_cut`` cut this line? Only at a gap of ``gap_min`` cells or more, or at a
    narrower one beside a wide character: a quick test that spares cutting the lines of
    text that holds no columns (content-order text, where few lines hold either)."""
    for m in _SPACE_BETWEEN.finditer(text):
        gap = m.group(2)
        if len(gap) >= rules.gap_min or "\t" in gap:
            return True
        if cell_width(m.group(1)) == 2 or cell_width(m.group(3)) == 2:
            return True
    return False


def positions_kept(lines: list[Line], rules: TextColumns) -> bool:
    """Does the text keep printed positions (``pdftotext -layout``: indents, wide gaps)?
    Otherwise (``pdftotext``'s default mode) a row's columns are joined by one space and
    every line starts at its first character, whatever its column."""
    spaced = re.compile(rf"^ {{2}}|\S {{{rules.gap_min},}}\S")
    kept = sum(1 for line in lines if spaced.search(line.text))
    return kept >= rules.positioned_share * len(lines)


def place_in_slots(rows: list[list[Piece]], rules: TextColumns, sentence: str) -> list[list[Piece]]:
    """Positions for text that kept none: each line's pieces take the next free column
    slots of the current row, where a band has as many slots as its nearby lines hold
    pieces at most; a line that does not fit starts the next row, and so does a blank
    line. pdftotext's default mode writes a row left to right, breaking it into several
    lines where a short piece leaves a wide gap. A lone piece that is no column's line
    (no sentence punctuation, not a column's width: a heading) takes no slot."""
    counts = [len(r) for r in rows]
    widths = sorted(p.x1 - p.x0 for r in rows if len(r) > 1 for p in r)
    pitch = widths[int(len(widths) * 0.9)] + rules.gap_min if widths else 1
    out: list[list[Piece]] = []
    slot = 0
    slots_before = 1
    for i, pieces in enumerate(rows):
        lo, hi = max(0, i - rules.window), min(len(rows), i + rules.window + 1)
        # Rows whose nearby lines each hold one piece (a row split over two lines) keep
        # the slots of the rows before: one slot would put every piece in one column.
        most = max(counts[lo:hi])
        slots = most if most > 1 else slots_before
        slots_before = slots
        if not pieces:
            out.append(pieces)
            continue
        if pieces[0].line.blank_before or slot + len(pieces) > slots:
            slot = 0
        width = pieces[0].x1 - pieces[0].x0
        heading = (
            len(pieces) == 1
            and not any(ch in sentence for ch in pieces[0].text)
            and abs(width - (pitch - rules.gap_min)) > rules.align_tolerance
        )
        placed = []
        for j, piece in enumerate(pieces):
            x0 = (slot + j) * pitch
            placed.append(replace(piece, x0=x0, x1=x0 + piece.x1 - piece.x0))
        out.append(placed)
        if not heading:
            slot = (slot + len(pieces)) % slots
    return out


def rethread(lines: list[Line], conv: Conventions) -> tuple[list[Line], TextLayout]:
    """The lines one column's line each, in reading order (each piece keeps its input
    line number), and what was found. Lines with boxes (PDF, OCR) are left as they are:
    their source has the geometry."""
    if any(line.box is not None for line in lines):
        return lines, TextLayout([], 0, len(lines))
    layout = find_columns(lines, conv.columns, conv.typesetting.sentence)
    if not layout.found:
        return lines, layout
    out: list[Line] = []
    for run in layout.runs:
        for k, piece in enumerate(run.pieces):
            blank = piece.line.blank_before if k == 0 else 0
            out.append(Line(piece.line.number, piece.text, blank, hint=piece.line.hint))
    return out, layout


def _short(text: str, limit: int = 16) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
