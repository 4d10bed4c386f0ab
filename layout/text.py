"""Character classes and small text measures shared by the stages.

Everything here works on whole strings with compiled regular expressions and
``str`` methods (C speed); the re-flow runs over every line of every page.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Protocol

# CJK ideographs (with extension A, compatibility ideographs and the Kangxi and
# supplementary radicals that extractors emit as look-alikes), kana and hangul.
HAN_RANGES = (
    (0x2E80, 0x2FDF),
    (0x3040, 0x30FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xAC00, 0xD7AF),
    (0xF900, 0xFAFF),
)
_HAN = "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in HAN_RANGES)
# CJK symbols and punctuation and full-width forms. (Curly quotes, dashes and
# ellipses are shared with Latin text: a space next to one is justification only
# when a CJK character is on its other side, which the rules below see anyway.)
_CJK_PUNCT = "\u3000-\u303f\uff00-\uffef"
CJK_CLASS = f"[{_HAN}{_CJK_PUNCT}]"
HAN_CLASS = f"[{_HAN}]"

# Closing punctuation never starts a printed line (避头尾): a line that starts
# with one always continues the previous line.
CLOSING = "，。、；：？！）》」』】〕〉”’,.;:?!)%％·…"
# Opening punctuation never ends a printed line.
OPENING = "（《「『【〔〈“‘("
# Sentence-final punctuation, optionally followed by closing quotes/brackets.
TERMINAL_RE = re.compile(r"[。！？!?…]+[”’」』）)》]*$|[.][”’\"')]*$")

_SPACE_NEAR_CJK_RE = re.compile(rf"(?<={CJK_CLASS})[ \t\u3000]+|[ \t\u3000]+(?={CJK_CLASS})")
_SPACE_RUN_RE = re.compile(r"[ \t\u3000]+")
CJK_PAIR_SPACE_RE = re.compile(rf"{CJK_CLASS}[ \t\u3000]+{CJK_CLASS}")


def width(text: str) -> float:
    """Printed width in full-width units: CJK counts 1, ASCII and spaces 0.5.

    UTF-8 puts CJK and full-width forms in three bytes and ASCII in one, so the
    byte length gives the split without a Python loop over characters.
    """
    n = len(text)
    wide = (len(text.encode("utf-8")) - n) // 2
    # Curly quotes are three bytes in UTF-8 but set at half width in the seeds'
    # columns (lines holding them are otherwise a character too wide).
    quotes = text.count("“") + text.count("”") + text.count("‘") + text.count("’")
    return wide + (n - wide) * 0.5 - quotes * 0.5


def remove_justification_spaces(text: str) -> str:
    """Drop spaces next to CJK characters; keep one space between Latin words or numbers.

    The result holds no tab: the text format's labels end with one."""
    if " " not in text and "\t" not in text and "\u3000" not in text:
        return text  # the usual CJK paragraph: nothing to do
    text = _SPACE_NEAR_CJK_RE.sub("", text)
    return _SPACE_RUN_RE.sub(" ", text)


def _fold_table() -> dict[int, str]:
    """NFKC of the blocks where look-alikes live: Kangxi and supplementary radicals,
    CJK compatibility ideographs, full-width ASCII forms (８４．７％), enclosed and
    squared forms. One translation table, built once, so folding is one C call."""
    table: dict[int, str] = {}
    for lo, hi in (
        (0x2460, 0x24FF),
        (0x2E80, 0x2FDF),
        (0x3200, 0x33FF),
        (0xF900, 0xFAFF),
        (0xFE30, 0xFE4F),
        (0xFF01, 0xFFEF),
    ):
        for cp in range(lo, hi + 1):
            folded = unicodedata.normalize("NFKC", chr(cp))
            if folded != chr(cp):
                table[cp] = folded
    return table


_FOLD = _fold_table()


def _class_of(code_points: list[int]) -> str:
    """A regular-expression character class of the code points, as runs (a-b)."""
    runs: list[list[int]] = []
    for cp in sorted(code_points):
        if runs and cp == runs[-1][1] + 1:
            runs[-1][1] = cp
        else:
            runs.append([cp, cp])
    return "".join(
        re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}"
        for lo, hi in runs
    )


# ``str.translate`` looks every character up in the table (a dict look-up per code
# point, about ten times slower than a regular expression's scan): replace only the
# characters the table changes, found by one compiled character class.
_FOLD_RE = re.compile(f"[{_class_of(list(_FOLD))}]")
_FOLDED = {chr(cp): folded for cp, folded in _FOLD.items()}


def _folded(match: re.Match[str]) -> str:
    return _FOLDED[match.group()]


def fold(text: str) -> str:
    """Fold look-alike code points (⽇ → 日, ８ → 8) for comparison only, never output.
    The same as ``text.translate(_FOLD)``, faster."""
    return _FOLD_RE.sub(_folded, text)


def is_terminal(text: str) -> bool:
    return TERMINAL_RE.search(text) is not None


def _latin(ch: str) -> bool:
    """A character of an alphabetic script set with spaces between words: ASCII, and
    letters below the CJK blocks (Latin with diacritics, Greek, Cyrillic)."""
    return ch.isascii() or (ch.isalpha() and ord(ch) < 0x2E80)


def join_separator(left: str, right: str) -> str:
    """What goes between two pieces of one paragraph that a line break separated.

    Nothing between CJK characters, between CJK and Latin or digits, or inside a
    number split over two lines; one space between two Latin words (or a word
    and a number: "Industry 4.0").
    """
    if not left or not right:
        return ""
    a, b = left[-1], right[0]
    if _latin(a) and _latin(b):
        if b.isdigit() and (a.isdigit() or (a in ".," and left[-2:-1].isdigit())):
            return ""  # a number split over two lines (6500, 4300.54, 1,000)
        if (a.isalnum() or a in ",.;:!?)%\"'") and (b.isalnum() or b in "(\"'"):
            return " "
    return ""


class Joiner(Protocol):
    """How the lines of one paragraph join: what goes between two pieces, and whether a
    line-end hyphen is a soft one (removed) or part of the word (kept). ``CJK_JOINS`` is
    the joiner of Chinese text; layout/words.py makes one per Latin-script page."""

    def separator(self, left: str, right: str) -> str: ...

    def drops_hyphen(self, left: str, right: str) -> bool: ...


class _CjkJoins:
    """Chinese text: nothing between CJK characters, one space between Latin words."""

    def separator(self, left: str, right: str) -> str:
        return join_separator(left, right)

    def drops_hyphen(self, left: str, right: str) -> bool:
        return _latin(left[-1]) and _latin(right[0]) and _soft_hyphen(left, right)


CJK_JOINS: Joiner = _CjkJoins()


def join_lines(pieces: list[str], joiner: Joiner = CJK_JOINS) -> tuple[str, list[str]]:
    """Join pieces of one paragraph that a line, column or block break separated,
    de-hyphenating words split at a line end.

    Every join of output text goes through here, so that nothing is lost unseen:
    returns the text and the characters removed at the joins (soft hyphens), which
    the caller reports in the page result's ``dropped``. ``joiner`` decides each join
    (the page language's rules).
    """
    parts = [p for p in pieces if p]
    if len(parts) < 2:
        return (parts[0] if parts else ""), []
    out = [parts[0]]
    dropped: list[str] = []
    for piece in parts[1:]:
        left = out[-1]
        if joiner.drops_hyphen(left, piece):
            out[-1] = left[:-1]  # soft hyphen of a word broken at the line end
            out.append(piece)
            dropped.append(left[-1])
        else:
            out.append(joiner.separator(left, piece) + piece)
    return "".join(out), dropped


def _soft_hyphen(left: str, right: str) -> bool:
    """A lowercase word broken with a hyphen before a lowercase continuation."""
    return (
        len(left) >= 2
        and left[-1] == "-"
        and _latin(left[-2])
        and left[-2].islower()
        and right[0].islower()
    )


def join_marked(
    pieces: list[str], breaks: list[str | None], joiner: Joiner = CJK_JOINS
) -> tuple[str, list[str]]:
    """Join a paragraph's lines where the source's markup says a word is split
    (``Line.word_break``): the two parts go together, the hyphen is dropped; the other
    line ends as ``join_lines`` decides. Returns the text and the characters dropped."""
    merged: list[str] = []
    dropped: list[str] = []
    glue = False
    for piece, mark in zip(pieces, breaks, strict=True):
        if glue and merged and piece:
            merged[-1] += piece
        else:
            merged.append(piece)
        glue = mark is not None
        if glue and mark and merged[-1].endswith(mark):
            merged[-1] = merged[-1][: -len(mark)]
            dropped.append(mark)
    text, guessed = join_lines(merged, joiner)
    return text, dropped + guessed
