"""Lines as words, for the XML readers; hyphenation markup becomes ``Line.word_break``.

hOCR, ALTO and PAGE XML give each printed line its words. Where the markup says that
the last word of a line goes on at the start of the next one (ALTO ``HYP`` and
``SUBS_TYPE="HypPart1"``; a soft hyphen U+00AD or the transcribers' ¬ at the end of an
hOCR or PAGE line), the line keeps its printed text (the hyphen included) and says so in
``word_break``: the re-flow joins the two parts and reports the hyphen as dropped,
instead of guessing. A line's width stays the printed one, which the re-flow measures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from layout.model import BBox, Line, Role
from layout.text import CJK_CLASS

from .page import SourceRegion, number_lines

# Characters that mark a line-end hyphenation and are no part of the word: the soft
# hyphen, and the NOT SIGN that OCR ground-truth transcriptions use for it.
SOFT_HYPHENS = "\u00ad¬"
# The space between two words that are CJK where they meet (docs/formats.md: a space
# between two CJK words of one line is not kept).
_CJK_WORD_SPACE_RE = re.compile(rf"(?<={CJK_CLASS}) (?={CJK_CLASS})")


@dataclass(slots=True)
class WordLine:
    words: list[str]
    box: BBox | None = None
    size: float | None = None
    block_start: bool = False  # first line of a block of the source
    hyphen: str | None = None  # markup: the last word goes on; the hyphen it ends with
    bold: bool = False
    part1: bool = False  # ALTO: the last String is the first part of a split word
    part2: bool = False  # ALTO: the first String is the second part of a split word
    region: int | None = None  # index of the source region holding the line


@dataclass(slots=True)
class Joined:
    lines: list[Line]
    bold: frozenset[int] = field(default_factory=frozenset)
    regions: list[int | None] = field(default_factory=list)  # each line's region index


def soft_hyphen(words: list[str]) -> str | None:
    """The soft hyphen (or ¬) ending the last word, which marks a split word; or None."""
    if words and len(words[-1]) > 1 and words[-1][-1] in SOFT_HYPHENS:
        return words[-1][-1]
    return None


def join_words(words: list[str]) -> str:
    """A line's words joined by a space, but none between two CJK characters. Chinese and
    Japanese are set without word spaces, but OCR engines write every ideograph or run of
    them as a word of its own (Tesseract's hOCR with chi_sim: ``吴邦国 致 信``); a space
    between two is the engine's, not the page's. Beside Latin words and digits the space
    stays (``1998 年``): it may be printed."""
    return _CJK_WORD_SPACE_RE.sub("", " ".join(w for w in words if w))


def to_lines(word_lines: list[WordLine]) -> Joined:
    """Number the lines in order, a blank line before each block, headlines hinted.

    A word break on the last line with text has no continuation: the mark goes."""
    out: list[Line] = []
    regions: list[int | None] = []
    bold_ids: set[int] = set()
    pending_block = False
    for wl in word_lines:
        pending_block = pending_block or wl.block_start
        text = join_words(wl.words)
        if not text.strip():
            continue
        line = Line(0, text, 1 if pending_block and out else 0, wl.box, wl.size)
        line.word_break = wl.hyphen
        if wl.bold:
            bold_ids.add(id(line))
        out.append(line)
        regions.append(wl.region)
        pending_block = False
    if out:
        out[-1].word_break = None
    numbered = number_lines(out)  # every line has text: the numbers follow ``regions``
    bold = frozenset(line.number for line in numbered if id(line) in bold_ids)
    return Joined(numbered, bold, regions)


# Roles a typed region passes on to its lines as hints, for the stages that read hints
# when the source declares no articles (a headline's lines open an article in the text
# path; a caption's stay together).
HINTED_ROLES = (Role.HEADLINE, Role.CAPTION)


def placed_regions(specs: list[SourceRegion], joined: Joined) -> tuple[SourceRegion, ...]:
    """The source's regions with their lines' numbers (``specs`` indexed as
    ``WordLine.region``); regions left without a line are left out. The lines of a
    headline or caption region are hinted so."""
    numbers: dict[int, list[int]] = {}
    for line, k in zip(joined.lines, joined.regions, strict=True):
        if k is None:
            continue
        numbers.setdefault(k, []).append(line.number)
        role = specs[k].role
        if role in HINTED_ROLES and line.hint is None:
            line.hint = role
    return tuple(replace(specs[k], lines=tuple(found)) for k, found in sorted(numbers.items()))
