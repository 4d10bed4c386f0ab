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
    """What the re-flow knows of one line."""

    width: float
    before: float  # column width of the run ending at this line
    after: float  # column width of the run starting at this line
    terminal: bool
    sentence: bool  # holds sentence punctuation
    opener: bool


def reflow(lines: list[Line]) -> Reflowed:
    """Group lines into blocks in input order; the roles are provisional until classify."""
    pieces = split_glued(lines)
    if not pieces:
        return Reflowed([], [])
    shapes = measure(pieces)
    per_line = is_paragraph_per_line(shapes)
    groups = group_paragraph_lines(pieces, shapes) if per_line else group_lines(pieces, shapes)
    blocks: list[Block] = []
    dropped: list[str] = []
    for group in groups:
        column = 0.0 if per_line else float(np.median([shapes[i].before for i in group]))
        for block in make_blocks([pieces[i] for i in group], dropped):
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
        match = rules.GLUED_CREDIT_RE.search(text) or rules.GLUED_NAMES_RE.search(text)
        if match and match.start() > 0 and text[: match.start()].strip():
            head, tail = text[: match.start()], text[match.end() :]
            out.append(Line(line.number, head, line.blank_before, line.box, line.size))
            out.append(Line(line.number, tail, 0, line.box, line.size))
        else:
            out.append(line)
    return out


def measure(lines: list[Line]) -> list[_Shape]:
    widths = np.array([line_width(ln.text) for ln in lines], dtype=float)
    before, after = run_widths(widths)
    return [
        _Shape(
            width=float(widths[i]),
            before=float(before[i]),
            after=float(after[i]),
            terminal=is_terminal(ln.text),
            sentence=has_sentence_punct(ln.text),
            opener=_is_opener(ln.text),
        )
        for i, ln in enumerate(lines)
    ]


def line_width(text: str) -> float:
    """Printed width of a line. Spaces are gaps the extractor saw (around digits and
    Latin) and count half, except in a letter-spaced line, where they only stretch
    the line to the column and would hide an indent."""
    collapsed = " ".join(text.split())
    if len(CJK_PAIR_SPACE_RE.findall(collapsed)) >= rules.LETTER_SPACED_MIN_GAPS:
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
    return float(np.median(sentence_widths)) > rules.PARAGRAPH_PER_LINE_WIDTH


def group_lines(lines: list[Line], shapes: list[_Shape]) -> list[list[int]]:
    """Column text: decide at each line break whether the next line continues."""
    groups: list[list[int]] = [[0]]
    for i in range(len(lines) - 1):
        # A line opening a block right after a byline, names or a credit (or the
        # page start) may be a headline that the extractor put there.
        first = len(groups[-1]) == 1
        after_special = first and (i == 0 or _is_special(lines[i - 1].text))
        if continues(lines[i].text, lines[i + 1].text, shapes[i], shapes[i + 1], first, after_special):
            groups[-1].append(i + 1)
        else:
            groups.append([i + 1])
    return groups


def group_paragraph_lines(lines: list[Line], shapes: list[_Shape]) -> list[list[int]]:
    """One paragraph per line: join only a line cut mid-sentence to the running text after it."""
    groups: list[list[int]] = [[0]]
    for i in range(len(lines) - 1):
        text, nxt = lines[i].text, lines[i + 1].text
        cut = not shapes[i].terminal and shapes[i].sentence and not _is_special(text)
        body_next = shapes[i + 1].sentence and not shapes[i + 1].opener and not _is_special(nxt)
        if cut and body_next:
            groups[-1].append(i + 1)
        else:
            groups.append([i + 1])
    return groups


def continues(
    text: str, next_text: str, here: _Shape, nxt: _Shape, first: bool, after_special: bool
) -> bool:
    """Does the next line continue this line's block? ``first``: this line opens its block."""
    lead = next_text.lstrip()[:1]
    if lead and lead in CLOSING and not rules.CREDIT_RE.match(next_text):
        return True  # closing punctuation never starts a line (避头尾)
    if text.rstrip()[-1:] in OPENING:
        return True  # opening punctuation never ends one
    if nxt.opener or _is_special(text) or _is_special(next_text):
        return False
    if next_text[:1].isspace() and not text[:1].isspace():
        return False  # an indent the extractor kept
    next_gap = nxt.after - nxt.width
    indented = rules.INDENT_MIN <= next_gap <= rules.INDENT_MAX
    if here.terminal or text.rstrip().endswith(("：", ":")):
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
    if NON_FINAL_RE.search(text.rstrip()):
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


def make_blocks(lines: list[Line], dropped: list[str]) -> list[Block]:
    """Turn one group of lines into blocks; a stack of heading lines becomes one block a line."""
    first = lines[0].text
    if len(lines) == 1 and _is_special(first):
        return [_special_block(lines[0])]
    if _is_heading_stack(lines):
        return [_heading(line) for line in lines]
    return [_paragraph(lines, dropped)]


def _is_heading_stack(lines: list[Line]) -> bool:
    """Lines with no sentence punctuation that end without a full stop are headings.

    A kicker may end with a colon ("某某高新区：" above the main title)."""
    last = lines[-1].text.rstrip()
    kicker = len(lines) == 1 and last.endswith(("：", ":")) and width(last) <= rules.KICKER_MAX_WIDTH
    ends_open = NON_FINAL_RE.search(last) is not None and not kicker
    return not is_terminal(last) and not ends_open and not any(
        has_sentence_punct(line.text) for line in lines
    ) and all(width(line.text.strip()) <= 40 for line in lines)


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


def _is_special(text: str) -> bool:
    """A line that is a block by itself: a byline, names, a credit, a jump."""
    stripped = text.strip()
    return bool(
        rules.BYLINE_RE.match(stripped)
        or rules.NAMES_RE.match(stripped)
        or rules.CREDIT_RE.match(stripped)
        or rules.JUMP_RE.match(stripped)
    )


def _is_opener(text: str) -> bool:
    return rules.OPENER_RE.match(text) is not None
