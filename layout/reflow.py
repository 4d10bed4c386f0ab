"""Stage 1, re-flow: printed lines → blocks (paragraphs, heading candidates, bylines, credits).

Decides, for each pair of neighbouring lines, whether the second continues the
first. The evidence, used together: the column width of the run of lines
(estimated on each side of every line, so one page can mix widths), how short a
line is, end punctuation, the line-start/line-end rules of CJK typesetting, and
lines that always open a block (本报讯, ▶, 图片来源). See docs/pipeline.md.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np

from .conventions import Conventions, Marks
from .latin_lines import LATIN_BREAK_RULES, closing_names, latin_breaks
from .measure import LineShapes, measure
from .model import Block, Line, LineBreak, Role
from .text import (
    CJK_PAIR_SPACE_RE,
    Joiner,
    join_lines,
    join_marked,
    remove_justification_spaces,
)
from .words import page_joiner

# The width of one full-width character (the unit of LineShapes.width): a line no wider
# holds a single mark.
ONE_CELL = 1.0


@dataclass(slots=True)
class Reflowed:
    blocks: list[Block]
    dropped: list[str]  # characters removed (soft hyphens), reported to the user
    # The lines as the re-flow read them (credits and names glued on cut off), and the
    # rule (index into BREAK_RULES) that decided each break between two of them.
    pieces: list[Line] = field(default_factory=list)
    rules: list[int] = field(default_factory=list)

    def line_breaks(self) -> list[LineBreak]:
        """The decision at each line break, by input line numbers and rule name
        (``--explain``; built on demand: most runs never look)."""
        numbers = [piece.number for piece in self.pieces]
        return [
            LineBreak(numbers[i], numbers[i + 1], _NAMES[rule], _SPLIT_LIST[rule])
            for i, rule in enumerate(self.rules)
        ]


def reflow(lines: list[Line], conv: Conventions) -> Reflowed:
    """Group lines into blocks in input order; the roles are provisional until segment."""
    pieces = split_glued(lines, conv.marks)
    if not pieces:
        return Reflowed([], [])
    shapes, decided, per_line = decide_breaks(pieces, conv)
    breaks = _SPLITS[decided]
    before = shapes.before.tolist()
    flags = _Flags.of(shapes)
    joiner = page_joiner(conv, (piece.text for piece in pieces))
    blocks: list[Block] = []
    dropped: list[str] = []
    stacked: list[int] = []  # breaks inside a group that became one block a line
    for group in _groups(breaks):
        column = 0.0 if per_line else _median([before[i] for i in group])
        group_lines = [pieces[i] for i in group]
        made = make_blocks(group_lines, group, flags, dropped, conv, joiner)
        if len(made) > 1:
            stacked += group[:-1]
        for block in made:
            block.order = len(blocks)
            block.column = column
            blocks.append(block)
    rules = decided.tolist()
    for i in stacked:  # inside a stack of heading lines the stack's cut decides
        rules[i] = _RULE["heading-lines-apart"]
    return Reflowed(blocks, dropped, pieces, rules)


def decide_breaks(pieces: list[Line], conv: Conventions) -> tuple[LineShapes, np.ndarray, bool]:
    """The measurements of the lines, the rule (index into BREAK_RULES) deciding each
    line break, and whether the page holds one paragraph per line."""
    shapes = measure([piece.text for piece in pieces], conv)
    per_line = is_paragraph_per_line(shapes, conv)
    latin = conv.language.latin and not per_line
    if latin:  # an author's name alone after the last sentence is a block by itself
        shapes.special |= closing_names([piece.text for piece in pieces], conv)
    decided = paragraph_line_breaks(shapes) if per_line else column_breaks(shapes, conv)
    if latin:
        decided = latin_line_breaks(decided, pieces, conv)
    return shapes, _follow_image_hints(pieces, decided), per_line


def latin_line_breaks(decided: np.ndarray, pieces: list[Line], conv: Conventions) -> np.ndarray:
    """Latin-script pages: the marks, brackets and wider lines decide as on any page; the
    rest (where a paragraph ends, which lines are headings) by the fit test of
    layout/latin_lines.py, Latin type being proportional."""
    marked = decided <= _RULE["wider-line"]  # the rules before the Chinese width rules
    fixed = [bool(_SPLITS[r]) if m else None for r, m in zip(decided, marked, strict=True)]
    names = latin_breaks([piece.text for piece in pieces], conv, fixed)
    latin = [r if name is None else _RULE[name] for r, name in zip(decided, names, strict=True)]
    return np.array(latin, dtype=np.int64)


def split_glued(lines: list[Line], marks: Marks) -> list[Line]:
    """Split credits and authors' names glued onto a line into lines of their own.

    The pieces keep the input line number, so the output still traces back.
    """
    out: list[Line] = []
    for line in lines:
        text = line.text
        match = None
        if any(map(text.__contains__, marks.credit_hints)) and text[-1] not in "。，、；":
            match = marks.glued_credit.search(text)
        spaced = " " in text or "\u3000" in text  # names are glued with a space between
        if match is None and spaced and _ends_after_sentence(text, marks.names_max_line):
            match = marks.glued_names.search(text)
        if match and match.start() > 0 and text[: match.start()].strip():
            head, tail = text[: match.start()].rstrip(), text[match.end() :]
            out.append(Line(line.number, head, line.blank_before, line.box, line.size, line.hint))
            out.append(Line(line.number, tail, 0, line.box, line.size, line.hint, line.word_break))
        else:
            out.append(line)
    return out


def _ends_after_sentence(text: str, names_max_line: int) -> bool:
    """Something short follows the line's last sentence end: perhaps authors' names."""
    end = max(text.rfind("。"), text.rfind("！"), text.rfind("？"), text.rfind("”"))
    return 0 < end < len(text) - 2 and len(text) - end <= names_max_line


def is_paragraph_per_line(shapes: LineShapes, conv: Conventions) -> bool:
    sentence_widths = shapes.width[shapes.sentence]
    if not len(sentence_widths):
        return False
    return float(np.median(sentence_widths)) > conv.reflow.paragraph_per_line_width


@dataclass(frozen=True, slots=True)
class BreakRule:
    """One named decision about a line break: does the next line start a new block?"""

    name: str
    splits: bool  # True: a new block starts after the line; False: the next line continues
    why: str


# The decisions of the re-flow, in priority order: the first rule whose condition holds at
# a line break decides it (``column_breaks``). ``--explain`` names the rule of every break.
BREAK_RULES: tuple[BreakRule, ...] = (
    BreakRule(
        "line-start-rule",
        False,
        "避头尾: closing punctuation starts the next line, or opening punctuation ends this one",
    ),
    BreakRule(
        "inside-brackets",
        False,
        "a title mark, bracket or quote is open across the break (this line leaves one open "
        "without ending a sentence, or the next closes one it never opened)",
    ),
    BreakRule("opening-mark", True, "the next line opens a block (本报讯, ▶, 图片来源, By …)"),
    BreakRule(
        "block-by-itself",
        True,
        "this or the next line is a block by itself (byline, names, credit, jump)",
    ),
    BreakRule("indent-kept", True, "the extractor kept the next line's indent"),
    BreakRule(
        "wider-line",
        True,
        "the next line is wider than this column: set across other columns (a caption, a headline)",
    ),
    BreakRule("short-line-ends-sentence", True, "this line ends a sentence and is short"),
    BreakRule(
        "next-starts-paragraph",
        True,
        "this line ends a sentence and the next is indented, or starts something short",
    ),
    BreakRule(
        "column-width-changes",
        True,
        "this line ends a sentence and the next belongs to a column of another width",
    ),
    BreakRule(
        "sentence-ends-full-line", False, "a sentence ends on a full line and the paragraph goes on"
    ),
    BreakRule(
        "comma-continues",
        False,
        "this line ends with a comma, colon or opening bracket: the sentence goes on",
    ),
    BreakRule(
        "heading-candidate",
        True,
        "a short line with no punctuation, before a paragraph start or another short line",
    ),
    BreakRule("running-text", False, "nothing ends the block here: running text goes on"),
    BreakRule(
        "paragraph-per-line",
        True,
        "one paragraph per line (the page's lines are wider than any column)",
    ),
    BreakRule(
        "cut-mid-sentence",
        False,
        "one paragraph per line, but this one stops mid-sentence and running text follows",
    ),
    BreakRule("image-hint", True, "the page image sets the lines apart (a headline, a caption)"),
    *(BreakRule(name, splits, why) for name, splits, why in LATIN_BREAK_RULES),
    # Not a condition of column_breaks: the re-flow's blocks cut a stack of heading lines
    # (make_blocks) one block a line, whatever rule joined them.
    BreakRule(
        "heading-lines-apart",
        True,
        "the lines are a stack of headings (no sentence punctuation): one block a line",
    ),
)
_RULE = {rule.name: i for i, rule in enumerate(BREAK_RULES)}
_SPLITS = np.array([rule.splits for rule in BREAK_RULES], dtype=bool)
_NAMES = [rule.name for rule in BREAK_RULES]
_SPLIT_LIST = [rule.splits for rule in BREAK_RULES]

# The rules by which the re-flow gives a block a role other than running text, for
# ``--explain`` (Block.role_rule). The segmentation has its own (segment.ROLE_RULES).
ROLE_RULES: dict[str, str] = {
    "image-headline": "the page image sets the line large: a headline line, one block a line",
    "image-caption": "the page image sets the lines right under a photo: a caption",
    "heading-stack": "lines with no sentence punctuation that end no sentence: heading lines",
    "credit-mark": "a line by itself worded as a photo credit (图片来源, 摄, PHOTO:)",
    "jump-mark": "a line by itself worded as a jump (下转第X版, Continued on)",
    "byline-mark": "a line by itself worded as a byline (▶ names, 本报记者, By …) or names",
}


def paragraph_line_breaks(s: LineShapes) -> np.ndarray:
    """One paragraph per line: only a line cut mid-sentence joins the running text after it.

    Returns, for each line break, the index in BREAK_RULES of the rule that decided it."""
    here, nxt = slice(0, -1), slice(1, None)
    cut = ~s.terminal[here] & s.sentence[here] & ~s.special[here]
    body_next = s.sentence[nxt] & ~s.opener[nxt] & ~s.special[nxt]
    return np.where(cut & body_next, _RULE["cut-mid-sentence"], _RULE["paragraph-per-line"])


def column_breaks(s: LineShapes, conv: Conventions) -> np.ndarray:
    """Column text: which rule decides each line break (index into BREAK_RULES)?

    The conditions are evaluated for all line breaks at once, twice: once for a line
    that opens its block and once for a line inside one, since two rules depend on
    it; a last pass walks the lines and picks, knowing where blocks start.
    """
    if len(s) < 2:
        return np.zeros(0, dtype=np.int64)
    first, inside = _conditions(s, conv)
    default = _RULE["running-text"]
    names = list(first)
    when_first = np.select([first[k] for k in names], [_RULE[k] for k in names], default)
    when_inside = np.select([inside[k] for k in names], [_RULE[k] for k in names], default)
    return _pick(when_first.tolist(), when_inside.tolist())


def _conditions(
    s: LineShapes, conv: Conventions
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Each rule's condition at every line break, in priority order: for a line that opens
    its block, and for a line inside one (see docs/pipeline.md)."""
    r = conv.reflow
    h, n = slice(0, -1), slice(1, None)
    width, before, after = s.width[h], s.before[h], s.after[h]
    next_gap = s.after[n] - s.width[n]
    indented = (next_gap >= r.indent_min) & (next_gap <= r.indent_max)
    # An opening word (新华社, （记者…）) at the start of a line that carries on a full
    # line cut mid-sentence is only the sentence going on.
    running = s.sentence[h] | s.opener[h]  # running text, or a dateline opening it
    mid_sentence = ~s.terminal[h] & ~s.colon[h] & running & (before - width < r.full_tolerance)
    # A line wider than this column is set across other columns: a caption, a headline.
    # (Wider than the run behind this line and than this line itself, when the run
    # ahead is already the wider one.)
    wider = s.width[n] > np.maximum(before, after) + r.run_change
    wider |= (s.width[n] > before + r.run_change) & (s.width[n] > width + r.run_change)
    ends = s.terminal[h] | s.colon[h]
    # A line starting with closing punctuation is the rest of the printed line above it
    # (避头尾: the extractor cut it): its printed line is short only if both pieces are.
    printed = width + np.where(s.lead_closing[h], np.concatenate(([0.0], s.width[:-2])), 0.0)
    gap = before - printed
    short = gap >= r.full_tolerance
    indented_here = (gap >= r.indent_min) & (gap <= r.indent_max)
    # ... but an indented first line ending a sentence, the next line full, goes on.
    short_first = short & ~(indented_here & (next_gap < r.indent_min))
    # A line barely short of its column (less than an indent), with a full line after it
    # that is not indented: no evidence of a paragraph start, only of a loose line.
    # (Full-width lines only: proportional lines differ by that much when full.)
    barely_short = (gap < r.indent_min) & (next_gap < r.full_tolerance) & s.wide[h] & s.wide[n]
    short_first &= ~barely_short
    new_run = (s.width[n] > before + r.full_tolerance) | (
        (np.abs(before - s.after[n]) > r.run_change) & (next_gap <= r.indent_max)
    )
    starts = indented | ((next_gap > r.indent_max) & ~s.terminal[n])
    short_both = np.minimum(before, after) - width >= r.heading_gap
    next_heading_like = ~s.sentence[n] & (
        np.minimum(s.before[n], s.after[n]) - s.width[n] >= r.heading_gap
    )
    heading = short_both & ~s.sentence[h] & ~((next_gap < r.indent_min) & ~next_heading_like)
    # A line with no punctuation opening a block above a paragraph start is a
    # heading: right after a byline, names or a credit (or at the page start)
    # whatever its width; elsewhere when it is not indented itself (a paragraph's
    # first line is), such as a subhead filling its column.
    after_special = np.concatenate(([True], s.special[:-2]))
    not_indented = before - width < r.indent_min
    placed_heading = ~s.sentence[h] & indented & (after_special | (not_indented & ~s.colon[h]))
    # A line opening its block with no sentence punctuation, short by an indent, above an
    # indented line that does not end its paragraph there: a subhead set in the column
    # (a paragraph's indented first line has a full line under it).
    # (Full-width lines only: in proportional text a width in characters is too rough.)
    indented_subhead = ~s.sentence[h] & ~s.non_final[h] & indented_here & indented & ~s.terminal[n]
    indented_subhead &= s.wide[h] & s.wide[n]
    shared = {
        "line-start-rule": s.lead_closing[n] | s.trail_opening[h],
        "inside-brackets": (s.leaves_open[h] & ~s.terminal[h]) | s.closes_unopened[n],
        "opening-mark": s.opener[n] & ~(mid_sentence & ~s.special[n]),
        "block-by-itself": s.special[h] | s.special[n],
        "indent-kept": s.indent[n] & ~s.indent[h],
        "wider-line": wider,
    }
    after_end = {
        "next-starts-paragraph": ends & starts,
        "column-width-changes": ends & new_run,
        "sentence-ends-full-line": ends,
        "comma-continues": s.non_final[h],
    }
    first = {**shared, "short-line-ends-sentence": ends & short_first, **after_end}
    inside = {**shared, "short-line-ends-sentence": ends & short & ~barely_short, **after_end}
    # A line starting with closing punctuation and going on past it is the rest of a
    # printed line the extractor cut (避头尾), no heading; a closing mark alone is a tail.
    cut_rest = s.lead_closing[h] & (width > ONE_CELL)
    first["heading-candidate"] = (heading | placed_heading | indented_subhead) & ~cut_rest
    inside["heading-candidate"] = heading & ~cut_rest
    return first, inside


def _follow_image_hints(lines: list[Line], rules: np.ndarray) -> np.ndarray:
    """Where the page image said what a line is, blocks change where the hint changes,
    and every headline line is a block of its own (a heading candidate); blocks of the
    source end where it says."""
    hints = [line.hint for line in lines]
    # A source with geometry (PDF, hOCR, ALTO, PAGE XML) marks where its blocks start
    # with a blank line: a block never runs on into the next one there, unless the
    # source's hyphenation markup says a word goes on into it.
    starts = [
        line.box is not None
        and line.blank_before > 0
        and (i == 0 or lines[i - 1].word_break is None)
        for i, line in enumerate(lines)
    ]
    if all(h is None for h in hints) and not any(starts):
        return rules
    out = rules.copy()
    for i in range(len(hints) - 1):
        if hints[i] != hints[i + 1] or hints[i] is Role.HEADLINE or starts[i + 1]:
            out[i] = _RULE["image-hint"]
    return out


def _pick(when_first: list[int], when_inside: list[int]) -> np.ndarray:
    """Walk the line breaks: a line opens its block when a break came just before it."""
    out = []
    opens = True
    for a, b in zip(when_first, when_inside, strict=True):
        rule = a if opens else b
        out.append(rule)
        opens = bool(_SPLITS[rule])
    return np.array(out, dtype=np.int64)


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
    lines: list[Line],
    group: list[int],
    flags: _Flags,
    dropped: list[str],
    conv: Conventions,
    joiner: Joiner,
) -> list[Block]:
    """Turn one group of lines into blocks; a stack of heading lines becomes one block a line."""
    if lines[0].hint is Role.HEADLINE:
        return [_heading(line, conv, "image-headline") for line in lines]
    if len(lines) == 1 and flags.special[group[0]]:
        return [_special_block(lines[0], conv.marks)]
    if _is_heading_stack(group, flags, conv):
        return [_heading(line, conv, "heading-stack") for line in lines]
    block = _paragraph(lines, flags.terminal[group[-1]], dropped, joiner)
    if lines[0].hint is Role.CAPTION:
        block.role = Role.CAPTION  # small text right under a photo
        block.role_rule = "image-caption"
    return [block]


def _is_heading_stack(group: list[int], s: _Flags, conv: Conventions) -> bool:
    """Lines with no sentence punctuation that end without a full stop are headings.

    A kicker may end with a colon ("某某高新区：" above the main title)."""
    last = group[-1]
    if conv.language.latin and len(group) > 1:
        return False  # the Latin rules set every heading line apart: these are full lines
    if s.terminal[last] or any(
        s.sentence[i] or s.width[i] > conv.reflow.heading_max_width for i in group
    ):
        return False
    if s.opener[group[0]]:
        return False  # a dateline (本报北京1月4日讯) opens running text, it is no heading
    kicker = len(group) == 1 and s.colon[last] and s.width[last] <= conv.reflow.kicker_max_width
    return bool(kicker or not s.non_final[last])


def _paragraph(lines: list[Line], terminal: bool, dropped: list[str], joiner: Joiner) -> Block:
    """``terminal``: the last line ends a sentence."""
    pieces = [line.text.strip() for line in lines]
    if any(line.word_break is not None for line in lines[:-1]):
        breaks = [ln.word_break for ln in lines[:-1]] + [None]
        text, marks = join_marked(pieces, breaks, joiner)
        dropped.extend(marks)
    else:
        text, removed = join_lines(pieces, joiner)
        dropped.extend(removed)
    text = remove_justification_spaces(text)
    # Cut mid-sentence: no end punctuation, and no colon introducing what follows.
    cut = not terminal and not text.endswith(("：", ":"))
    return Block(Role.BODY, lines, text, continues=cut)


def _heading(line: Line, conv: Conventions, rule: str) -> Block:
    """A heading keeps the single spaces between its phrases, unless it is letter-spaced
    (OCR puts a space between every CJK character): then they all go."""
    text = " ".join(line.text.split())
    if len(CJK_PAIR_SPACE_RE.findall(text)) >= conv.reflow.letter_spaced_min_gaps:
        text = remove_justification_spaces(text)
    return Block(Role.HEADLINE, [line], text, role_rule=rule)


def _special_block(line: Line, marks: Marks) -> Block:
    text = " ".join(line.text.split())
    if marks.credit.match(text):
        return Block(Role.CREDIT, [line], text, role_rule="credit-mark")
    if marks.jump.match(text):
        return Block(Role.JUMP, [line], text, role_rule="jump-mark")
    return Block(Role.BYLINE, [line], text, role_rule="byline-mark")
