"""Measurements of every line of a page at once, for the re-flow decisions.

The page's lines are joined and turned into one array of code points; widths and
punctuation classes are then computed for all characters and summed per line with
NumPy, so the cost per page is a handful of array operations instead of a Python
loop over characters. Only the few lines whose first or last character makes them a
candidate are handed to the regular expressions of the conventions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .conventions import Conventions, Marks, Typesetting


def _cps(chars: str) -> np.ndarray:
    """A lookup table over the Basic Multilingual Plane: True for the given characters.

    Indexing a table is much cheaper than ``np.isin`` on every call."""
    table = np.zeros(0x10000, dtype=bool)
    table[[ord(c) for c in chars]] = True
    return table


def _is(table: np.ndarray, cps: np.ndarray) -> np.ndarray:
    """Which code points are in the table (``cps`` clipped to the BMP: ``_bmp``)."""
    return np.asarray(table[cps])


def _bmp(cps: np.ndarray) -> np.ndarray:
    """Code points beyond the BMP become 0, which no table holds."""
    return np.where(cps < 0x10000, cps, 0)


# Whitespace is Unicode's, not a convention.
_SPACE = _cps(" \t\u3000\u00a0")


@dataclass(frozen=True, slots=True)
class _Tables:
    """Lookup tables of one conventions value's character classes."""

    half_quotes: np.ndarray
    sentence: np.ndarray
    end: np.ndarray
    closers: np.ndarray
    colon: np.ndarray
    non_final: np.ndarray
    closing: np.ndarray
    opening: np.ndarray
    special_first: np.ndarray


@lru_cache(maxsize=8)
def _tables(t: Typesetting, marks: Marks) -> _Tables:
    return _Tables(
        half_quotes=_cps(t.half_width_quotes),
        sentence=_cps(t.sentence),
        end=_cps(t.ends),
        closers=_cps(t.closers),
        colon=_cps(t.colons),
        non_final=_cps(t.non_final),
        closing=_cps(t.closing),
        opening=_cps(t.opening),
        special_first=_cps(marks.special_first),
    )


_WIDE_FROM = 0x1100  # Hangul jamo onwards: CJK, kana, full-width forms, CJK punctuation
_CJK_FROM = 0x2E80


@dataclass(slots=True)
class LineShapes:
    """Per-line measurements (arrays of length n, one entry per line)."""

    width: np.ndarray  # printed width in full-width units
    before: np.ndarray  # column width of the run ending at the line
    after: np.ndarray  # column width of the run starting at the line
    terminal: np.ndarray  # ends a sentence
    sentence: np.ndarray  # holds sentence punctuation
    opener: np.ndarray  # always opens a block (本报讯, ▶, 图片来源…)
    special: np.ndarray  # a block by itself: byline, names, credit, jump
    colon: np.ndarray  # ends with a colon
    non_final: np.ndarray  # ends with a comma, colon or opening bracket
    lead_closing: np.ndarray  # starts with closing punctuation
    trail_opening: np.ndarray  # ends with opening punctuation
    indent: np.ndarray  # starts with whitespace the extractor kept
    wide: np.ndarray  # set mostly in full-width characters (CJK): its width counts cells
    leaves_open: np.ndarray  # opens a title mark, bracket or quote it does not close
    closes_unopened: np.ndarray  # closes a title mark, bracket or quote opened before it

    def __len__(self) -> int:
        return len(self.width)


def measure(texts: list[str], conv: Conventions) -> LineShapes:
    """Measure non-empty lines (no line breaks inside, trailing whitespace removed)."""
    tables = _tables(conv.typesetting, conv.marks)
    raw = np.frombuffer("\n".join(texts).encode("utf-32-le"), dtype=np.uint32)
    cps = _bmp(raw)
    ends = np.flatnonzero(cps == 10)
    starts = np.concatenate(([0], ends + 1))
    lasts = np.concatenate((ends, [len(cps)])) - 1
    width = line_widths(raw, cps, starts, conv)
    # Full-width characters are set one to a cell, so a two-cell indent shows in the
    # width; in proportional (Latin) text the count of characters only approximates it.
    wide = _per_line_count(raw >= _WIDE_FROM, starts) > width / 2
    before, after = run_widths(width, conv)
    sentence = _per_line_any(_is(tables.sentence, cps), starts)
    first_cp, last_cp = cps[starts], cps[lasts]
    lead_cp = _first_visible(texts, first_cp)
    terminal = _terminal(texts, last_cp, tables, conv.typesetting.terminal)
    special = _special(texts, lead_cp, sentence, terminal, conv.marks, tables)
    leaves_open, closes_unopened = _unbalanced(cps, starts, conv.reflow.bracket_pairs)
    return LineShapes(
        width=width,
        before=before,
        after=after,
        terminal=terminal,
        sentence=sentence,
        opener=_matches(conv.marks.opener, texts, _is(tables.special_first, lead_cp)),
        special=special,
        colon=_is(tables.colon, last_cp),
        non_final=_is(tables.non_final, last_cp),
        # A credit such as "）摄" aside, closing punctuation never starts a line.
        lead_closing=_is(tables.closing, lead_cp) & ~special,
        trail_opening=_is(tables.opening, last_cp),
        indent=_is(_SPACE, first_cp),
        wide=np.asarray(wide),
        leaves_open=leaves_open,
        closes_unopened=closes_unopened,
    )


@lru_cache(maxsize=8)
def _pair_weights(pairs: str) -> np.ndarray:
    """+1 for an opening mark, -1 for a closing one, 0 for anything else (BMP table)."""
    table = np.zeros(0x10000, dtype=np.int32)
    table[[ord(c) for c in pairs[0::2]]] = 1
    table[[ord(c) for c in pairs[1::2]]] = -1
    return table


def _unbalanced(cps: np.ndarray, starts: np.ndarray, pairs: str) -> tuple[np.ndarray, np.ndarray]:
    """Per line: marks left open at its end, and a closing mark before any opening one.

    The nesting depth is a running sum of +1/-1 over the whole page, taken relative to
    each line's start; a dip below zero is a mark closed that the line never opened."""
    steps = _pair_weights(pairs)[cps]
    depth = np.cumsum(steps)
    base = np.concatenate(([0], depth[starts[1:] - 1]))  # depth before each line
    ends = np.concatenate((starts[1:] - 1, [len(cps)])) - 1
    end_depth = depth[np.maximum(ends, 0)] - base if len(cps) else np.zeros(0, dtype=np.int32)
    lowest = np.minimum(np.minimum.reduceat(depth, starts) - base, 0)
    return np.asarray(end_depth > lowest), np.asarray(lowest < 0)


def line_widths(
    raw: np.ndarray, cps: np.ndarray, starts: np.ndarray, conv: Conventions
) -> np.ndarray:
    """Printed width of each line (``raw`` code points, ``cps`` the same clipped to the BMP).

    A CJK character counts 1, anything narrower 0.5, curly quotes 0.5. A run of
    spaces counts as one half-width gap (the extractor saw a gap: around digits
    and Latin), except leading spaces and the spaces of a letter-spaced line
    (three or more single spaces between CJK characters), which only stretch
    the line to its column and would hide an indent.
    """
    space = _is(_SPACE, cps)
    weight = np.where(raw >= _WIDE_FROM, 1.0, 0.5)  # raw: ideographs beyond the BMP too
    weight[_is(_tables(conv.typesetting, conv.marks).half_quotes, cps)] = 0.5
    weight[cps == 10] = 0.0
    prev_space = np.concatenate(([True], space[:-1] | (cps[:-1] == 10)))
    gap_start = space & ~prev_space  # first space of a run not at a line start
    weight[space] = 0.0
    weight[gap_start] = 0.5
    cjk = raw >= _CJK_FROM
    next_cjk = np.concatenate((cjk[1:], [False]))
    prev_cjk = np.concatenate(([False], cjk[:-1]))
    cjk_gaps = _per_line_count(gap_start & prev_cjk & next_cjk, starts)
    gaps = _per_line_count(gap_start, starts)
    widths = np.add.reduceat(weight, starts)
    letter_spaced = cjk_gaps >= conv.reflow.letter_spaced_min_gaps
    widths[letter_spaced] -= 0.5 * gaps[letter_spaced]
    return np.asarray(widths, dtype=float)


def run_widths(widths: np.ndarray, conv: Conventions) -> tuple[np.ndarray, np.ndarray]:
    """Column width of the run ending at each line and of the run starting at it.

    A high percentile of the line widths in a window behind and a window ahead:
    each line is judged against the run it belongs to, even where the page
    changes from one column width to another.
    """
    k = conv.reflow.width_window
    n = len(widths)
    if n == 0:
        return widths, widths
    padded = np.pad(widths, (k - 1, k - 1), mode="symmetric" if n > 1 else "edge")
    windows = np.lib.stride_tricks.sliding_window_view(padded, k)
    pct = np.percentile(windows, conv.reflow.width_percentile, axis=1)
    return pct[:n], pct[k - 1 : k - 1 + n]


def _per_line_count(flags: np.ndarray, starts: np.ndarray) -> np.ndarray:
    return np.add.reduceat(flags.astype(np.int32), starts)


def _per_line_any(flags: np.ndarray, starts: np.ndarray) -> np.ndarray:
    return np.asarray(_per_line_count(flags, starts) > 0)


def _first_visible(texts: list[str], first_cp: np.ndarray) -> np.ndarray:
    """First non-space code point of each line (lines are never all spaces)."""
    lead = first_cp.copy()
    for i in np.flatnonzero(_is(_SPACE, first_cp)):
        code = ord(texts[i].lstrip()[:1] or " ")
        lead[i] = code if code < 0x10000 else 0  # clipped to the BMP, as the tables are
    return lead


def _terminal(
    texts: list[str], last_cp: np.ndarray, tables: _Tables, terminal: re.Pattern[str]
) -> np.ndarray:
    """Ends a sentence: 。！？… , possibly followed by closing quotes or brackets."""
    out = _is(tables.end, last_cp)
    for i in np.flatnonzero(_is(tables.closers, last_cp)):
        out[i] = terminal.search(texts[i]) is not None
    return out


def _special(
    texts: list[str],
    lead_cp: np.ndarray,
    sentence: np.ndarray,
    terminal: np.ndarray,
    marks: Marks,
    tables: _Tables,
) -> np.ndarray:
    """Lines that are a block by themselves: a byline, authors' names, a credit, a jump.

    One name alone (no space) counts only after a sentence's end: after a line that
    stops mid-phrase it is the tail of a wrapped heading ("…推动企业 / 新发展")."""
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    names = _matches(marks.names, texts, (lengths <= marks.names_max_line) & ~sentence)
    spaced = np.fromiter((" " in t.strip() for t in texts), dtype=bool, count=len(texts))
    after_sentence = np.concatenate(([True], terminal[:-1]))
    names &= spaced | after_sentence
    mark = marks.photographer_mark
    marked = _is(tables.special_first, lead_cp) | np.fromiter(
        (mark in t for t in texts), dtype=bool, count=len(texts)
    )
    byline = _matches(marks.byline, texts, marked)
    credit = _matches(marks.credit, texts, marked)
    jump = _matches(marks.jump, texts, marked)
    return np.asarray(names | byline | credit | jump)


def _matches(pattern: re.Pattern[str], texts: list[str], candidates: np.ndarray) -> np.ndarray:
    """Run ``pattern.match`` on the candidate lines only."""
    out = np.zeros(len(texts), dtype=bool)
    for i in np.flatnonzero(candidates):
        out[i] = pattern.match(texts[i].strip()) is not None
    return out
