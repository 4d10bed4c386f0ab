"""2c. Line breaks of Latin-script pages: where a paragraph ends, which lines stand apart.

The Chinese rules of the re-flow read a line's shortness in full-width cells and a
heading's lack of commas; neither says much of Latin type. Latin type is proportional (a
line of ``m`` is twice as wide as a line of ``i``), ragged or justified lines differ by a
word, and running text goes on for lines with no punctuation at all. What does hold:
a line of running text ends only where its next word would not fit. So a line ends a
paragraph (or is no running text: a headline, a name) exactly when the next line's first
word would have fitted on it, which the **fit test** asks with widths estimated from
each character's class (``Conventions.latin``) against the column's measure: the
second-widest line near it, lines set across columns left out.

Two more readings of the text: a line the estimate finds short but whose next line goes
on in lowercase is a loose justified line of running text (``lowercase-goes-on``), and a
line opening a block that is wider than the column's other lines, ending no sentence, with
a full line of the column under it is a headline set across columns (``set-across``).

``latin_breaks`` names the rule deciding each line break past the marks the re-flow
tests first (openings, bylines, credits, jump lines, brackets, wider lines: they are the
same for every script); ``closing_names`` says which lines are an author's name alone
after an article's last sentence. The re-flow (layout/reflow.py) applies both to pages
whose language is Latin-script.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .conventions import Conventions, LatinLines

# The decisions of the Latin break rules: (name, whether a new block starts, why). The
# re-flow adds them to its own rules (reflow.BREAK_RULES), so --explain names them.
LATIN_BREAK_RULES: tuple[tuple[str, bool, str], ...] = (
    (
        "next-word-fits",
        True,
        "this line ends a sentence and the next line's first word would have fitted on it: "
        "the paragraph ends (Latin type)",
    ),
    (
        "ends-early",
        True,
        "this line ends no sentence, yet the next line's first word would have fitted on "
        "it: no running text (a headline, a name; Latin type)",
    ),
    (
        "heading-follows",
        True,
        "this line ends a sentence and the next ends early without one: a headline or a "
        "name follows (Latin type)",
    ),
    (
        "set-across",
        True,
        "this line is wider than the column's other lines and ends no sentence, and the "
        "next, starting in capitals, is not: a headline set across columns, the article's "
        "first line under it (Latin type)",
    ),
    (
        "word-did-not-fit",
        False,
        "the next line's first word would not have fitted on this one: running text goes on "
        "(Latin type)",
    ),
    (
        "lowercase-goes-on",
        False,
        "this line ends no sentence and fills most of its column, and the next line starts "
        "in lowercase: the sentence goes on (a loose justified line; Latin type)",
    ),
    (
        "line-unfinished",
        False,
        "this line ends with a comma or inside a word (hyphen): the sentence goes on (Latin type)",
    ),
)

_SPLITS = {name: splits for name, splits, _ in LATIN_BREAK_RULES}


@lru_cache(maxsize=4)
def _width_table(rules: LatinLines) -> dict[int, float]:
    """Each listed character's width in ems (str.translate would not give floats)."""
    return {ord(c): em for chars, em in rules.widths for c in chars}


def em_width(text: str, rules: LatinLines) -> float:
    """The printed width of ``text`` in ems, from its characters' classes."""
    table = _width_table(rules)
    total = 0.0
    for ch in text:
        known = table.get(ord(ch))
        if known is not None:
            total += known
        elif ch.isupper():
            total += rules.capital_width
        else:
            total += rules.other_width
    return total


def column_measures(widths: np.ndarray, rules: LatinLines, own: bool = True) -> np.ndarray:
    """The measure of the column each line is set in: the ``measure_rank``-widest line
    among the ``window`` lines on each side, leaving out lines much wider than the
    window's median (set across columns); with ``own`` False, the line itself left out
    too (is the line wider than the others?)."""
    n = len(widths)
    out = np.zeros(n)
    k = rules.window
    for i in range(n):
        window = widths[max(0, i - k) : i + k + 1]
        if not own:
            window = np.delete(window, min(i, k))
        if not len(window):
            out[i] = widths[i]
            continue
        kept = np.sort(window[window <= rules.outlier * float(np.median(window))])[::-1]
        out[i] = kept[min(rules.measure_rank, len(kept) - 1)] if len(kept) else widths[i]
    return out


@dataclass(frozen=True, slots=True)
class _Fit:
    """What the fit test reads of each line: its width, the column's measure there and
    the width of the next line's first word (with the space before it), in ems."""

    width: list[float]
    measure: list[float]
    next_word: list[float]
    others: list[float]  # the measure the other lines near each line show

    @staticmethod
    def of(stripped: list[str], rules: LatinLines) -> _Fit:
        widths = np.array([em_width(t, rules) for t in stripped])
        measures = column_measures(widths, rules) * (1 + rules.fit_slack)
        words = [em_width(" " + (t.split() or [""])[0], rules) for t in stripped[1:]]
        others = column_measures(widths, rules, own=False)
        return _Fit(widths.tolist(), measures.tolist(), words, others.tolist())

    def wider(self, i: int, margin: float) -> bool:
        """Is line ``i`` wider than every other line of its column near it?"""
        return self.width[i] > self.others[i] * (1 + margin)

    def fits(self, i: int, room_lost: float) -> bool:
        """Would line ``i + 1``'s first word have fitted on line ``i``?"""
        return self.width[i] + self.next_word[i] <= self.measure[i] - room_lost


def latin_breaks(texts: list[str], conv: Conventions, fixed: list[bool | None]) -> list[str | None]:
    """The Latin rule (a name of LATIN_BREAK_RULES) deciding each line break; None where
    ``fixed`` already says whether a block starts there (the re-flow's marks)."""
    if len(texts) < 2:
        return []
    rules = conv.latin
    stripped = [t.strip() for t in texts]
    fit = _Fit.of(stripped, rules)
    ends = [rules.terminal.search(t) is not None for t in stripped]
    unfinished = [bool(t) and t[-1] in rules.unfinished for t in stripped]
    lowercase = [_starts_lowercase(t) for t in stripped]
    out: list[str | None] = []
    opens = True  # the line opens a block: if running text, its first line is indented
    for i in range(len(texts) - 1):
        name = None
        if fixed[i] is None:
            name = _decide(i, opens, fit, _Ends(ends, unfinished, lowercase), rules)
        out.append(name)
        opens = bool(fixed[i]) if name is None else _SPLITS[name]
    return out


@dataclass(frozen=True, slots=True)
class _Ends:
    """What the fit test reads of each line's text: does it end a sentence, stop inside
    one (comma, hyphen), start in lowercase?"""

    sentence: list[bool]
    unfinished: list[bool]
    lowercase: list[bool]


def _decide(i: int, opens: bool, fit: _Fit, ends: _Ends, rules: LatinLines) -> str:
    """The rule deciding the break after line ``i`` (``opens``: line ``i`` opens its block,
    so a paragraph's first line, indented, had less room)."""
    if ends.unfinished[i]:
        return "line-unfinished"
    if fit.fits(i, rules.indent if opens else 0.0):
        if ends.sentence[i]:
            return "next-word-fits"
        return "lowercase-goes-on" if _goes_on(i, fit, ends, rules) else "ends-early"
    nxt = i + 1
    if opens and _set_across(i, fit, ends, rules):
        return "set-across"
    # A sentence's end followed by a line with room left for its next word: a heading (or
    # the next paragraph's first line, whose indent the estimate does not know).
    next_early = nxt < len(fit.next_word) and fit.fits(nxt, 0.0)
    if ends.sentence[i] and next_early and not ends.sentence[nxt] and not ends.unfinished[nxt]:
        return "heading-follows"
    return "word-did-not-fit"


def _goes_on(i: int, fit: _Fit, ends: _Ends, rules: LatinLines) -> bool:
    """Line ``i``, ending no sentence, fills most of its column and the next line starts
    in lowercase: a sentence going on after a loose line, no heading."""
    return ends.lowercase[i + 1] and fit.width[i] >= rules.lowercase_goes_on * fit.measure[i]


def _set_across(i: int, fit: _Fit, ends: _Ends, rules: LatinLines) -> bool:
    """Line ``i`` is wider than its column and ends no sentence; the next line, in capitals,
    is a full line of the column (an article's first line): a headline set across columns.
    (A caption set across columns goes on in a line as wide, or ends in a short line.)"""
    nxt = i + 1
    return (
        fit.wider(i, rules.wider_margin)
        and not ends.sentence[i]
        and not ends.lowercase[nxt]
        and not fit.wider(nxt, rules.wider_margin)
        and nxt < len(fit.next_word)
        and not fit.fits(nxt, rules.indent)
    )


def _starts_lowercase(text: str) -> bool:
    """Does the line's first letter (past opening quotes and brackets) start in lowercase?"""
    for ch in text:
        if ch.isalnum():
            return ch.islower()
    return False


def closing_names(texts: list[str], conv: Conventions) -> np.ndarray:
    """Lines that are an author's name alone right after a sentence's end (an article
    signed at its end): capitalised words, no punctuation but initials' full stops."""
    rules = conv.latin
    out = np.zeros(len(texts), dtype=bool)
    for i, text in enumerate(texts):
        line = text.strip()
        if i == 0 or len(line.split()) > rules.name_max_words:
            continue
        if rules.name.match(line) and rules.terminal.search(texts[i - 1].strip()):
            out[i] = True
    return out
