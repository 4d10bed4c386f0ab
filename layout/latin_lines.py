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

``latin_breaks`` names the rule deciding each line break past the marks the re-flow
tests first (openings, bylines, credits, jump lines, brackets, wider lines: they are the
same for every script); ``closing_names`` says which lines are an author's name alone
after an article's last sentence. The re-flow (layout/reflow.py) applies both to pages
whose language is Latin-script.
"""

from __future__ import annotations

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
        "word-did-not-fit",
        False,
        "the next line's first word would not have fitted on this one: running text goes on "
        "(Latin type)",
    ),
    (
        "line-unfinished",
        False,
        "this line ends with a comma or inside a word (hyphen): the sentence goes on (Latin type)",
    ),
)


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


def column_measures(widths: np.ndarray, rules: LatinLines) -> np.ndarray:
    """The measure of the column each line is set in: the ``measure_rank``-widest line
    among the ``window`` lines on each side, leaving out lines much wider than the
    window's median (set across columns)."""
    n = len(widths)
    out = np.zeros(n)
    k = rules.window
    for i in range(n):
        window = widths[max(0, i - k) : i + k + 1]
        kept = np.sort(window[window <= rules.outlier * float(np.median(window))])[::-1]
        out[i] = kept[min(rules.measure_rank, len(kept) - 1)] if len(kept) else widths[i]
    return out


def ends_early(texts: list[str], conv: Conventions) -> np.ndarray:
    """For each line but the last: would the next line's first word have fitted on it?"""
    rules = conv.latin
    stripped = [t.strip() for t in texts]
    widths = np.array([em_width(t, rules) for t in stripped])
    measures = column_measures(widths, rules)
    first_words = [em_width(" " + (t.split() or [""])[0], rules) for t in stripped[1:]]
    room = measures[:-1] * (1 + rules.fit_slack)
    return np.asarray(widths[:-1] + np.array(first_words) <= room, dtype=bool)


def latin_breaks(texts: list[str], conv: Conventions) -> list[str]:
    """The Latin rule (a name of LATIN_BREAK_RULES) deciding each line break."""
    if len(texts) < 2:
        return []
    rules = conv.latin
    stripped = [t.strip() for t in texts]
    early = ends_early(stripped, conv).tolist()
    ends = [rules.terminal.search(t) is not None for t in stripped]
    unfinished = [bool(t) and t[-1] in rules.unfinished for t in stripped]
    # A line that ends early with no sentence end and is followed by another line: no
    # running text (the page's last line has no next word to test).
    early_open = [e and not f and not u for e, f, u in zip(early, ends, unfinished, strict=False)]
    out = []
    for i in range(len(texts) - 1):
        if unfinished[i]:
            out.append("line-unfinished")
        elif early[i]:
            out.append("next-word-fits" if ends[i] else "ends-early")
        elif ends[i] and i + 1 < len(early_open) and early_open[i + 1]:
            out.append("heading-follows")
        else:
            out.append("word-did-not-fit")
    return out


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
