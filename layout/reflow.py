"""Stage 1, re-flow: printed lines → blocks (paragraphs, heading candidates, bylines, credits).

Decides, for each pair of neighbouring lines, whether the second continues the
first. The evidence, used together: the column width of the run of lines
(estimated on each side of every line, so one page can mix widths), how short a
line is, end punctuation, the line-start/line-end rules of CJK typesetting, and
lines that always open a block (本报讯, ▶, 图片来源). See docs/pipeline.md.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import rules
from .model import Block, Line, Role
from .text import (
    CJK_PAIR_SPACE_RE,
    CLOSING,
    NON_FINAL_RE,
    OPENING,
    has_sentence_punct,
    is_terminal,
    join_lines,
    remove_justification_spaces,
    width,
)


@dataclass(slots=True)
class Reflowed:
    blocks: list[Block]
    dropped: list[str]  # characters removed (soft hyphens), reported to the user


@dataclass(slots=True)
class _Shape:
    """What the re-flow knows of one line, computed once per line."""

    width: float
    before: float  # column width of the run ending at this line
    after: float  # column width of the run starting at this line
    terminal: bool  # ends a sentence
    sentence: bool  # holds sentence punctuation
    opener: bool  # always opens a block (本报讯, ▶, 图片来源…)
    special: bool  # a block by itself: byline, names, credit, jump
    colon: bool  # ends with a colon
    non_final: bool  # ends with a comma, colon or opening bracket
    lead_closing: bool  # starts with closing punctuation
    trail_opening: bool  # ends with opening punctuation
    indent: bool  # starts with whitespace the extractor kept


def reflow(lines: list[Line]) -> Reflowed:
    """Group lines into blocks in input order; the roles are provisional until segment."""
    pieces = split_glued(lines)
    if not pieces:
        return Reflowed([], [])
    shapes = measure(pieces)
    per_line = is_paragraph_per_line(shapes)
    groups = group_paragraph_lines(shapes) if per_line else group_lines(shapes)
    blocks: list[Block] = []
    dropped: list[str] = []
    for group in groups:
        column = 0.0 if per_line else _median([shapes[i].before for i in group])
        for block in make_blocks([pieces[i] for i in group], shapes[group[0]].special, dropped):
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
        if text[-1] != "。":  # a line ending a sentence has nothing glued after it
            match = rules.GLUED_CREDIT_RE.search(text) or rules.GLUED_NAMES_RE.search(text)
        if match and match.start() > 0 and text[: match.start()].strip():
            head, tail = text[: match.start()].rstrip(), text[match.end() :]
            out.append(Line(line.number, head, line.blank_before, line.box, line.size))
            out.append(Line(line.number, tail, 0, line.box, line.size))
        else:
            out.append(line)
    return out


def measure(lines: list[Line]) -> list[_Shape]:
    widths = [line_width(ln.text) for ln in lines]
    before, after = run_widths(np.array(widths, dtype=float))
    shapes = []
    for ln, w, b, a in zip(lines, widths, before.tolist(), after.tolist(), strict=True):
        text = ln.text
        last = text[-1]
        first = text.lstrip()[:1]
        special = is_special(text)
        shapes.append(
            _Shape(
                width=w,
                before=b,
                after=a,
                terminal=last in _TERMINAL_LAST and is_terminal(text),
                sentence=has_sentence_punct(text),
                opener=first in _OPENER_FIRST and rules.OPENER_RE.match(text) is not None,
                special=special,
                colon=last in "：:",
                non_final=NON_FINAL_RE.search(last) is not None,
                lead_closing=first in CLOSING and not (special and first != ")"),
                trail_opening=last in OPENING,
                indent=text[:1].isspace(),
            )
        )
    return shapes


# Cheap first-character tests in front of the regular expressions.
_TERMINAL_LAST = set("。！？!?…”’」』）)》.\"'")
_OPENER_FIRST = set("本新中据（(记▶►■●图摄上BPA") | set("CDEFGHIJKLMNOQRSTUVWXYZ")


def is_special(text: str) -> bool:
    """A line that is a block by itself: a byline, authors' names, a credit, a jump."""
    stripped = text.strip()
    if len(stripped) <= rules.NAMES_MAX_LINE and rules.NAMES_RE.match(stripped):
        return True
    first = stripped[:1]
    if first in _OPENER_FIRST or "摄" in stripped:
        return bool(
            rules.BYLINE_RE.match(stripped)
            or rules.CREDIT_RE.match(stripped)
            or rules.JUMP_RE.match(stripped)
        )
    return False


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def line_width(text: str) -> float:
    """Printed width of a line. Spaces are gaps the extractor saw (around digits and
    Latin) and count half, except in a letter-spaced line, where they only stretch
    the line to the column and would hide an indent."""
    collapsed = " ".join(text.split())
    gaps = rules.LETTER_SPACED_MIN_GAPS
    if collapsed.count(" ") >= gaps and len(CJK_PAIR_SPACE_RE.findall(collapsed)) >= gaps:
        return width(collapsed.replace(" ", ""))
    return width(collapsed)


def run_widths(widths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Column width of the run ending at each line and of the run starting at it.

    A high percentile of the line widths in a window behind and a window ahead:
    each line is judged against the run it belongs to, even where the page
    changes from one column width to another.
    """
    k = rules.WIDTH_WINDOW
    n = len(widths)
    if n == 0:
        return widths, widths
    padded = np.pad(widths, (k - 1, k - 1), mode="symmetric" if n > 1 else "edge")
    windows = np.lib.stride_tricks.sliding_window_view(padded, k)
    pct = np.percentile(windows, rules.WIDTH_PERCENTILE, axis=1)
    return pct[:n], pct[k - 1 : k - 1 + n]


def is_paragraph_per_line(shapes: list[_Shape]) -> bool:
    sentence_widths = [s.width for s in shapes if s.sentence]
    if not sentence_widths:
        return False
    return _median(sentence_widths) > rules.PARAGRAPH_PER_LINE_WIDTH


def group_lines(shapes: list[_Shape]) -> list[list[int]]:
    """Column text: decide at each line break whether the next line continues."""
    groups: list[list[int]] = [[0]]
    for i in range(len(shapes) - 1):
        first = len(groups[-1]) == 1
        # A line opening a block right after a byline, names or a credit (or the
        # page start) may be a headline that the extractor put there.
        after_special = first and (i == 0 or shapes[i - 1].special)
        if continues(shapes[i], shapes[i + 1], first, after_special):
            groups[-1].append(i + 1)
        else:
            groups.append([i + 1])
    return groups


def group_paragraph_lines(shapes: list[_Shape]) -> list[list[int]]:
    """One paragraph per line: join only a line cut mid-sentence to the running text after it."""
    groups: list[list[int]] = [[0]]
    for i in range(len(shapes) - 1):
        here, nxt = shapes[i], shapes[i + 1]
        cut = not here.terminal and here.sentence and not here.special
        if cut and nxt.sentence and not nxt.opener and not nxt.special:
            groups[-1].append(i + 1)
        else:
            groups.append([i + 1])
    return groups


def continues(here: _Shape, nxt: _Shape, first: bool, after_special: bool) -> bool:
    """Does the next line continue this line's block? ``first``: this line opens its block."""
    if nxt.lead_closing:
        return True  # closing punctuation never starts a line (避头尾)
    if here.trail_opening:
        return True  # opening punctuation never ends one
    if nxt.opener or here.special or nxt.special:
        return False
    if nxt.indent and not here.indent:
        return False  # an indent the extractor kept
    next_gap = nxt.after - nxt.width
    indented = rules.INDENT_MIN <= next_gap <= rules.INDENT_MAX
    if here.terminal or here.colon:
        # A colon ends a paragraph that introduces what follows ("…做好工作：")
        # exactly when a full stop would: at a short line or before an indent.
        gap = here.before - here.width
        short = gap >= rules.FULL_TOLERANCE
        if first and rules.INDENT_MIN <= gap <= rules.INDENT_MAX and next_gap < rules.INDENT_MIN:
            short = False  # an indented first line ending a sentence, the paragraph going on
        # The next line belongs to a column of another width: wider than this
        # one, or fitting (full or indented) a run of another width.
        new_run = nxt.width > here.before + rules.FULL_TOLERANCE or (
            abs(here.before - nxt.after) > rules.RUN_CHANGE and next_gap <= rules.INDENT_MAX
        )
        # A next line shorter than an indent starts something (a heading), unless
        # it is itself a sentence's end: the tail of this paragraph.
        starts = indented or (next_gap > rules.INDENT_MAX and not nxt.terminal)
        return not (short or starts or new_run)
    if here.non_final:
        return True  # a sentence cannot stop at a comma: the line goes on
    if after_special and indented and not here.sentence:
        return False  # a line with no punctuation above a paragraph start: a heading
    short_both = min(here.before, here.after) - here.width >= rules.HEADING_GAP
    if not short_both or here.sentence:
        return True
    # A short line with no punctuation at all ends its block only when the next
    # line starts something (an indent, or another short line): a full-width next
    # line carries on the word this one broke.
    next_full = nxt.after - nxt.width < rules.INDENT_MIN
    return next_full and not _is_short_heading_like(nxt)


def _is_short_heading_like(shape: _Shape) -> bool:
    return not shape.sentence and min(shape.before, shape.after) - shape.width >= rules.HEADING_GAP


def make_blocks(lines: list[Line], special: bool, dropped: list[str]) -> list[Block]:
    """Turn one group of lines into blocks; a stack of heading lines becomes one block a line."""
    if len(lines) == 1 and special:
        return [_special_block(lines[0])]
    if _is_heading_stack(lines):
        return [_heading(line) for line in lines]
    return [_paragraph(lines, dropped)]


def _is_heading_stack(lines: list[Line]) -> bool:
    """Lines with no sentence punctuation that end without a full stop are headings.

    A kicker may end with a colon ("某某高新区：" above the main title)."""
    last = lines[-1].text.rstrip()
    kicker = (
        len(lines) == 1 and last.endswith(("：", ":")) and width(last) <= rules.KICKER_MAX_WIDTH
    )
    ends_open = NON_FINAL_RE.search(last) is not None and not kicker
    return (
        not is_terminal(last)
        and not ends_open
        and not any(has_sentence_punct(line.text) for line in lines)
        and all(width(line.text.strip()) <= 40 for line in lines)
    )


def _paragraph(lines: list[Line], dropped: list[str]) -> Block:
    text, hyphens = join_lines([line.text.strip() for line in lines])
    dropped.extend("-" * hyphens)
    text = remove_justification_spaces(text)
    # Cut mid-sentence: no end punctuation, and no colon introducing what follows.
    cut = not is_terminal(text) and not text.endswith(("：", ":"))
    return Block(Role.BODY, lines, text, continues=cut)


def _heading(line: Line) -> Block:
    return Block(Role.HEADLINE, [line], " ".join(line.text.split()))


def _special_block(line: Line) -> Block:
    text = " ".join(line.text.split())
    if rules.CREDIT_RE.match(text):
        return Block(Role.CREDIT, [line], text)
    if rules.JUMP_RE.match(text):
        return Block(Role.JUMP, [line], text)
    return Block(Role.BYLINE, [line], text)
