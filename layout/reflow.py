"""Stage 1, re-flow: printed lines → blocks (paragraphs, heading candidates, bylines, credits).

Decides, for each pair of neighbouring lines, whether the second continues the
first. The evidence, used together: the column width of the run of lines
(estimated on each side of every line, so one page can mix widths), how short a
line is, end punctuation, the line-start/line-end rules of CJK typesetting, and
lines that always open a block (本报讯, ▶, 图片来源). See docs/pipeline.md.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from . import rules
from .measure import LineShapes, measure
from .model import Block, Line, Role
from .text import CJK_PAIR_SPACE_RE, join_lines, remove_justification_spaces


@dataclass(slots=True)
class Reflowed:
    blocks: list[Block]
    dropped: list[str]  # characters removed (soft hyphens), reported to the user


def reflow(lines: list[Line]) -> Reflowed:
    """Group lines into blocks in input order; the roles are provisional until segment."""
    pieces = split_glued(lines)
    if not pieces:
        return Reflowed([], [])
    shapes = measure([piece.text for piece in pieces])
    per_line = is_paragraph_per_line(shapes)
    breaks = paragraph_line_breaks(shapes) if per_line else column_breaks(shapes)
    breaks = _follow_image_hints(pieces, breaks)
    before = shapes.before.tolist()
    flags = _Flags.of(shapes)
    blocks: list[Block] = []
    dropped: list[str] = []
    for group in _groups(breaks):
        column = 0.0 if per_line else _median([before[i] for i in group])
        for block in make_blocks([pieces[i] for i in group], group, flags, dropped):
            block.order = len(blocks)
            block.column = column
            blocks.append(block)
    return Reflowed(blocks, dropped)


def split_glued(lines: list[Line]) -> list[Line]:
    """Split credits and authors' names glued onto a line into lines of their own.

    The pieces keep the input line number, so the output still traces back.
    """
    out: list[Line] = []
    for line in lines:
        text = line.text
        match = None
        if ("图" in text or "摄" in text) and text[-1] not in "。，、；":
            match = rules.GLUED_CREDIT_RE.search(text)
        spaced = " " in text or "\u3000" in text  # names are glued with a space between
        if match is None and spaced and _ends_after_sentence(text):
            match = rules.GLUED_NAMES_RE.search(text)
        if match and match.start() > 0 and text[: match.start()].strip():
            head, tail = text[: match.start()].rstrip(), text[match.end() :]
            out.append(Line(line.number, head, line.blank_before, line.box, line.size, line.hint))
            out.append(Line(line.number, tail, 0, line.box, line.size, line.hint))
        else:
            out.append(line)
    return out


def _ends_after_sentence(text: str) -> bool:
    """Something short follows the line's last sentence end: perhaps authors' names."""
    end = max(text.rfind("。"), text.rfind("！"), text.rfind("？"), text.rfind("”"))
    return 0 < end < len(text) - 2 and len(text) - end <= rules.NAMES_MAX_LINE


def is_paragraph_per_line(shapes: LineShapes) -> bool:
    sentence_widths = shapes.width[shapes.sentence]
    if not len(sentence_widths):
        return False
    return float(np.median(sentence_widths)) > rules.PARAGRAPH_PER_LINE_WIDTH


def paragraph_line_breaks(s: LineShapes) -> np.ndarray:
    """One paragraph per line: only a line cut mid-sentence joins the running text after it.

    Returns, for each line break, whether a new block starts after it."""
    here, nxt = slice(0, -1), slice(1, None)
    cut = ~s.terminal[here] & s.sentence[here] & ~s.special[here]
    body_next = s.sentence[nxt] & ~s.opener[nxt] & ~s.special[nxt]
    return np.asarray(~(cut & body_next))


def column_breaks(s: LineShapes) -> np.ndarray:
    """Column text: at each line break, does a new block start? (see docs/pipeline.md)

    The rules are evaluated for all line breaks at once, twice: once for a line
    that opens its block and once for a line inside one, since two rules depend on
    it; a last pass walks the lines and picks, knowing where blocks start.
    """
    if len(s) < 2:
        return np.zeros(0, dtype=bool)
    h, n = slice(0, -1), slice(1, None)
    width, before, after = s.width[h], s.before[h], s.after[h]
    next_gap = s.after[n] - s.width[n]
    indented = (next_gap >= rules.INDENT_MIN) & (next_gap <= rules.INDENT_MAX)
    # 1. 避头尾: closing punctuation never starts a line, opening never ends one.
    glued = s.lead_closing[n] | s.trail_opening[h]
    # 2. Lines that open a block, lines that are a block, an indent the extractor kept.
    #    An opening word (新华社, （记者…）) at the start of a line that carries on a
    #    full line cut mid-sentence is only the sentence going on.
    running = s.sentence[h] | s.opener[h]  # running text, or a dateline opening it
    mid_sentence = ~s.terminal[h] & ~s.colon[h] & running & (before - width < rules.FULL_TOLERANCE)
    cut = (s.opener[n] & ~(mid_sentence & ~s.special[n])) | s.special[h] | s.special[n]
    cut |= s.indent[n] & ~s.indent[h]
    # A line wider than this column is set across other columns: a caption, a headline.
    # (Wider than the run behind this line and than this line itself, when the run
    # ahead is already the wider one.)
    wider = s.width[n] > np.maximum(before, after) + rules.RUN_CHANGE
    wider |= (s.width[n] > before + rules.RUN_CHANGE) & (s.width[n] > width + rules.RUN_CHANGE)
    cut |= wider
    # 3. After a sentence's end (or a colon): a short line, an indent next, something
    #    shorter than an indent next (unless it ends the sentence too), another column.
    ends = s.terminal[h] | s.colon[h]
    gap = before - width
    short = gap >= rules.FULL_TOLERANCE
    indented_here = (gap >= rules.INDENT_MIN) & (gap <= rules.INDENT_MAX)
    # ... but an indented first line ending a sentence, the next line full, goes on.
    short_first = short & ~(indented_here & (next_gap < rules.INDENT_MIN))
    new_run = (s.width[n] > before + rules.FULL_TOLERANCE) | (
        (np.abs(before - s.after[n]) > rules.RUN_CHANGE) & (next_gap <= rules.INDENT_MAX)
    )
    starts = indented | ((next_gap > rules.INDENT_MAX) & ~s.terminal[n])
    end_break_inside = short | starts | new_run
    end_break_first = short_first | starts | new_run
    # 4. A comma never ends a sentence.  5. A short line with no punctuation at all,
    #    with a paragraph start or another short line next, is a heading candidate.
    short_both = np.minimum(before, after) - width >= rules.HEADING_GAP
    next_heading_like = ~s.sentence[n] & (
        np.minimum(s.before[n], s.after[n]) - s.width[n] >= rules.HEADING_GAP
    )
    heading = short_both & ~s.sentence[h] & ~((next_gap < rules.INDENT_MIN) & ~next_heading_like)
    # A line with no punctuation opening a block above a paragraph start is a
    # heading: right after a byline, names or a credit (or at the page start)
    # whatever its width; elsewhere when it is not indented itself (a paragraph's
    # first line is), such as a subhead filling its column.
    after_special = np.concatenate(([True], s.special[:-2]))
    not_indented = before - width < rules.INDENT_MIN
    placed_heading = ~s.sentence[h] & indented & (after_special | (not_indented & ~s.colon[h]))
    rest_inside = ~s.non_final[h] & heading
    rest_first = ~s.non_final[h] & (heading | placed_heading)
    inside = np.where(
        glued, False, np.where(cut, True, np.where(ends, end_break_inside, rest_inside))
    )
    first = np.where(glued, False, np.where(cut, True, np.where(ends, end_break_first, rest_first)))
    return _pick(first.tolist(), inside.tolist())


def _follow_image_hints(lines: list[Line], breaks: np.ndarray) -> np.ndarray:
    """Where the page image said what a line is, blocks change where the hint changes,
    and every headline line is a block of its own (a heading candidate)."""
    hints = [line.hint for line in lines]
    if all(h is None for h in hints):
        return breaks
    out = breaks.copy()
    for i in range(len(hints) - 1):
        if hints[i] != hints[i + 1] or hints[i] is Role.HEADLINE:
            out[i] = True
    return out


def _pick(when_first: list[bool], when_inside: list[bool]) -> np.ndarray:
    """Walk the line breaks: a line opens its block when a break came just before it."""
    out = []
    opens = True
    for a, b in zip(when_first, when_inside, strict=True):
        brk = a if opens else b
        out.append(brk)
        opens = brk
    return np.array(out, dtype=bool)


def _groups(breaks: np.ndarray) -> list[list[int]]:
    """Line indices of each block, from the breaks between consecutive lines."""
    bounds = [0, *(np.flatnonzero(breaks) + 1).tolist(), len(breaks) + 1]
    return [list(range(a, b)) for a, b in itertools.pairwise(bounds)]


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


@dataclass(slots=True)
class _Flags:
    """The measurements make_blocks reads, as plain lists (cheap to index one by one)."""

    width: list[float]
    terminal: list[bool]
    sentence: list[bool]
    opener: list[bool]
    special: list[bool]
    colon: list[bool]
    non_final: list[bool]

    @staticmethod
    def of(s: LineShapes) -> _Flags:
        return _Flags(
            s.width.tolist(),
            s.terminal.tolist(),
            s.sentence.tolist(),
            s.opener.tolist(),
            s.special.tolist(),
            s.colon.tolist(),
            s.non_final.tolist(),
        )


def make_blocks(
    lines: list[Line], group: list[int], flags: _Flags, dropped: list[str]
) -> list[Block]:
    """Turn one group of lines into blocks; a stack of heading lines becomes one block a line."""
    if lines[0].hint is Role.HEADLINE:
        return [_heading(line) for line in lines]
    if len(lines) == 1 and flags.special[group[0]]:
        return [_special_block(lines[0])]
    if _is_heading_stack(group, flags):
        return [_heading(line) for line in lines]
    block = _paragraph(lines, flags.terminal[group[-1]], dropped)
    if lines[0].hint is Role.CAPTION:
        block.role = Role.CAPTION  # small text right under a photo
    return [block]


def _is_heading_stack(group: list[int], s: _Flags) -> bool:
    """Lines with no sentence punctuation that end without a full stop are headings.

    A kicker may end with a colon ("某某高新区：" above the main title)."""
    last = group[-1]
    if s.terminal[last] or any(s.sentence[i] or s.width[i] > 40 for i in group):
        return False
    if s.opener[group[0]]:
        return False  # a dateline (本报北京1月4日讯) opens running text, it is no heading
    kicker = len(group) == 1 and s.colon[last] and s.width[last] <= rules.KICKER_MAX_WIDTH
    return bool(kicker or not s.non_final[last])


def _paragraph(lines: list[Line], terminal: bool, dropped: list[str]) -> Block:
    """``terminal``: the last line ends a sentence."""
    text, removed = join_lines([line.text.strip() for line in lines])
    dropped.extend(removed)
    text = remove_justification_spaces(text)
    # Cut mid-sentence: no end punctuation, and no colon introducing what follows.
    cut = not terminal and not text.endswith(("：", ":"))
    return Block(Role.BODY, lines, text, continues=cut)


def _heading(line: Line) -> Block:
    """A heading keeps the single spaces between its phrases, unless it is letter-spaced
    (OCR puts a space between every CJK character): then they all go."""
    text = " ".join(line.text.split())
    if len(CJK_PAIR_SPACE_RE.findall(text)) >= rules.LETTER_SPACED_MIN_GAPS:
        text = remove_justification_spaces(text)
    return Block(Role.HEADLINE, [line], text)


def _special_block(line: Line) -> Block:
    text = " ".join(line.text.split())
    if rules.CREDIT_RE.match(text):
        return Block(Role.CREDIT, [line], text)
    if rules.JUMP_RE.match(text):
        return Block(Role.JUMP, [line], text)
    return Block(Role.BYLINE, [line], text)
