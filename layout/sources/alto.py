"""ALTO (v1 to v4, and the older CCS namespace): lines with boxes, sizes, hyphenation.

Lines are read in document order (TextBlocks as the file gives them, their first lines
after a blank line). A line's words are its ``String`` CONTENT; a trailing ``HYP``
element, or a last String with ``SUBS_TYPE="HypPart1"``, marks the line's word break:
the re-flow joins the word with the first String of the next line and reports the HYP
content as dropped. The type size is the
TextStyle FONTSIZE the line, its strings or its block refer to, when every line has one,
and the line HEIGHT otherwise. Coordinates are in the file's MeasurementUnit.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from layout.errors import InputError
from layout.model import BBox

from .page import PageInput, box_of
from .wordlines import WordLine, soft_hyphen, to_lines
from .xmlsafe import local, parse_xml

_HYPHEN_CHARS = "-‐¬⸗\u00ad"
# Two Strings at most this many line heights apart touch: the OCR split a word from its
# punctuation, no space was printed between them (word spaces are 0.2 em and more).
TOUCH_GAP = 0.1
Styles = dict[str, tuple[float | None, bool]]
_FIGURES = ("Illustration", "GraphicalElement")


def read_alto(data: bytes, name: str) -> Iterator[PageInput]:
    """One PageInput per <Page> (an ALTO file normally holds one)."""
    root = parse_xml(data, name)
    if local(root.tag) != "alto":
        raise InputError(name, "not ALTO (no <alto> root element)")
    unit = _unit(root)
    styles = _styles(root)
    pages = [el for el in root.iter() if local(el.tag) == "Page"]
    if not pages:
        raise InputError(name, "ALTO without a <Page> element")
    for number, page in enumerate(pages, start=1):
        yield _page(page, name, unit, styles, number if len(pages) > 1 else None)


def _page(
    page: Any,
    name: str,
    unit: str,
    styles: dict[str, tuple[float | None, bool]],
    number: int | None,
) -> PageInput:
    spaced = any(local(el.tag) == "SP" for el in page.iter())
    word_lines: list[WordLine] = []
    for block in (el for el in page.iter() if local(el.tag) == "TextBlock"):
        lines = [el for el in block if local(el.tag) == "TextLine"]
        for i, line in enumerate(lines):
            word_lines.append(_line(line, block, styles, spaced, block_start=i == 0))
    _unlink_broken_pairs(word_lines)
    if word_lines and not all(wl.size for wl in word_lines):
        for wl in word_lines:  # not every line has a font size: compare line heights
            wl.size = float(wl.box.height) if wl.box else None
    joined = to_lines(word_lines)
    width, height = _float(page, "WIDTH"), _float(page, "HEIGHT")
    size = (round(width), round(height)) if width and height else None
    figures = tuple(
        b for b in (_box(el) for el in page.iter() if local(el.tag) in _FIGURES) if b is not None
    )
    return PageInput(
        name,
        "alto",
        joined.lines,
        size,
        unit,
        None,
        number,
        figures,
        bold=joined.bold,
    )


def _line(line: Any, block: Any, styles: Styles, spaced: bool, block_start: bool) -> WordLine:
    """The line's words. Without SP elements in the file, Strings that touch (a full
    stop, a bracket) belong to one word."""
    words: list[str] = []
    hyphen: str | None = None
    last: Any = None  # the String just before, if no SP came since
    last_string: Any = None
    for el in line:
        tag = local(el.tag)
        if tag == "String":
            content = el.get("CONTENT", "")
            if words and not spaced and last is not None and _touch(last, el):
                words[-1] += content
            else:
                words.append(content)
            last = last_string = el
            hyphen = None
        elif tag == "SP":
            last = None
        elif tag == "HYP" and words:
            hyphen = el.get("CONTENT", "")
            words[-1] += hyphen
    part1 = last_string is not None and last_string.get("SUBS_TYPE") == "HypPart1"
    if hyphen is None and part1:
        hyphen = _hyphen_in_word(words[-1], last_string.get("SUBS_CONTENT", ""))
    if hyphen is None:
        hyphen = soft_hyphen(words)
    fontsize, bold = _style(line, block, styles)
    out = WordLine(words, _box(line), fontsize, block_start, hyphen, bold)
    out.part1 = part1
    first = next((el for el in line if local(el.tag) == "String"), None)
    out.part2 = first is not None and first.get("SUBS_TYPE") == "HypPart2"
    return out


def _unlink_broken_pairs(lines: list[WordLine]) -> None:
    """A HypPart1 whose HypPart2 does not open the next line in reading order (the
    word goes on in another column, after a caption): no mark, the hyphen stays text."""
    for line, nxt in zip(lines, [*lines[1:], None], strict=True):
        if line.hyphen is not None and line.part1 and (nxt is None or not nxt.part2):
            line.hyphen = None


def _touch(a: Any, b: Any) -> bool:
    """b starts where a ends (within rounding): no space between them."""
    end, start = _float(a, "HPOS"), _float(b, "HPOS")
    width, height = _float(a, "WIDTH"), _float(b, "HEIGHT") or _float(a, "HEIGHT")
    if end is None or start is None or width is None or height is None:
        return False
    return start - (end + width) <= TOUCH_GAP * height


def _hyphen_in_word(word: str, subs: str) -> str:
    """A HypPart1 String may carry its hyphen in CONTENT ("Aus-"): it is the
    hyphenation's when the full word (SUBS_CONTENT) does not have it there."""
    if len(word) > 1 and word[-1] in _HYPHEN_CHARS and not subs.startswith(word):
        return word[-1]
    return ""


def _style(
    line: Any, block: Any, styles: dict[str, tuple[float | None, bool]]
) -> tuple[float | None, bool]:
    """The FONTSIZE and boldness the line's strings, the line or its block refer to."""
    refs = [el.get("STYLEREFS", "") for el in line if local(el.tag) == "String"]
    refs += [line.get("STYLEREFS", ""), block.get("STYLEREFS", "")]
    sizes: list[float] = []
    bold_votes = 0
    for ref in refs:
        for key in ref.split():
            size, bold = styles.get(key, (None, False))
            if size:
                sizes.append(size)
                bold_votes += bold
                break
    if not sizes:
        return None, False
    sizes.sort()
    return sizes[len(sizes) // 2], bold_votes * 2 > len(sizes)


def _styles(root: Any) -> dict[str, tuple[float | None, bool]]:
    out: dict[str, tuple[float | None, bool]] = {}
    for el in root.iter():
        if local(el.tag) == "TextStyle" and el.get("ID"):
            out[el.get("ID")] = (_float(el, "FONTSIZE"), "bold" in el.get("FONTSTYLE", ""))
    return out


def _unit(root: Any) -> str:
    for el in root.iter():
        if local(el.tag) == "MeasurementUnit" and el.text:
            unit = el.text.strip()
            return "px" if unit == "pixel" else unit
    return "px"


def _box(el: Any) -> BBox | None:
    x, y = _float(el, "HPOS"), _float(el, "VPOS")
    w, h = _float(el, "WIDTH"), _float(el, "HEIGHT")
    if x is None or y is None or w is None or h is None:
        return None
    return box_of(x, y, x + w, y + h)


def _float(el: Any, attr: str) -> float | None:
    try:
        return float(el.get(attr))
    except (TypeError, ValueError):
        return None
