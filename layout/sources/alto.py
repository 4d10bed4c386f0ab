"""ALTO (v1 to v4, and the older CCS namespace): lines with boxes, sizes, hyphenation.

Lines are read in document order (TextBlocks as the file gives them, their first lines
after a blank line). A line's words are its ``String`` CONTENT; a trailing ``HYP``
element, or a last String with ``SUBS_TYPE="HypPart1"``, marks the line's word break:
the re-flow joins the word with the first String of the next line and reports the HYP
content as dropped. The type size is the
TextStyle FONTSIZE the line, its strings or its block refer to, when every line has one,
and the line HEIGHT otherwise. Coordinates are in the file's MeasurementUnit.

Blocks follow the ALTO 4.2+ ``ReadingOrder`` where it names them (the others after, in
document order). The tags a block names in ``TAGREFS`` are kept as the page's regions
(``PageInput.regions``): a tag whose LABEL is a role (``headline``, ``byline``,
``caption``, ``header``…) types the block, one of TYPE ``article`` (named by the block
or by its ReadingOrder group) puts it in that article, one of TYPE ``continuation``
says that the field of the block before goes on in it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from layout.assembly_rules import Geometry
from layout.errors import InputError
from layout.model import BBox

from .page import PageInput, SourceRegion, box_of
from .roles import named
from .wordlines import WordLine, placed_regions, soft_hyphen, to_lines
from .xmlsafe import local, parse_xml

_HYPHEN_CHARS = "-‐¬⸗\u00ad"
Styles = dict[str, tuple[float | None, bool]]
_FIGURES = ("Illustration", "GraphicalElement")
# Tag TYPEs (case aside) that group blocks into articles and that mark a continued field.
ARTICLE_TAG_TYPE = "article"
CONTINUATION_TAG_TYPE = "continuation"
_TAG_KINDS = ("StructureTag", "LayoutTag", "OtherTag", "NamedEntityTag", "RoleTag")
_RO_GROUPS = ("OrderedGroup", "UnorderedGroup")


@dataclass(frozen=True, slots=True)
class _Tag:
    type: str  # lowercased
    label: str


def read_alto(
    data: bytes, name: str, geometry: Geometry, measured_noise: float = 0.0
) -> Iterator[PageInput]:
    """One PageInput per <Page> (an ALTO file normally holds one); ``geometry`` says when
    two Strings touch. ``measured_noise``: how far a size read off a line's HEIGHT may
    stray from its type's (PageInput.size_noise), for a page without font sizes."""
    root = parse_xml(data, name)
    if local(root.tag) != "alto":
        raise InputError(name, "not ALTO (no <alto> root element)")
    unit = _unit(root)
    styles = _styles(root)
    pages = [el for el in root.iter() if local(el.tag) == "Page"]
    if not pages:
        raise InputError(name, "ALTO without a <Page> element")
    tags = _tags(root)
    structure = _Structure(tags, _reading_order(root, tags), measured_noise)
    for number, page in enumerate(pages, start=1):
        page_number = number if len(pages) > 1 else None
        yield _page(page, name, unit, styles, page_number, structure, geometry)


@dataclass(frozen=True, slots=True)
class _Structure:
    tags: dict[str, _Tag]
    order: list[tuple[str, str | None]]  # ReadingOrder: block ids, their article tag
    measured_noise: float  # PageInput.size_noise when the sizes are line heights


def _page(
    page: Any,
    name: str,
    unit: str,
    styles: dict[str, tuple[float | None, bool]],
    number: int | None,
    structure: _Structure,
    geometry: Geometry,
) -> PageInput:
    spaced = any(local(el.tag) == "SP" for el in page.iter())
    word_lines: list[WordLine] = []
    specs: list[SourceRegion] = []
    for block, group_article in _ordered_blocks(page, structure.order):
        lines = [el for el in block if local(el.tag) == "TextLine"]
        for i, line in enumerate(lines):
            wl = _line(line, block, styles, spaced, i == 0, geometry.touch_gap)
            wl.region = len(specs)
            word_lines.append(wl)
        specs.append(_spec(block, structure.tags, group_article))
    _unlink_broken_pairs(word_lines)
    by_height = bool(word_lines) and not all(wl.size for wl in word_lines)
    if by_height:  # not every line has a font size: compare line heights, as measured
        for wl in word_lines:
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
        regions=placed_regions(specs, joined),
        size_noise=structure.measured_noise if by_height else 0.0,
    )


def _ordered_blocks(page: Any, order: list[tuple[str, str | None]]) -> list[tuple[Any, str | None]]:
    """The page's TextBlocks in the ReadingOrder, with the article of the group naming
    them; blocks it does not name follow in document order."""
    blocks = [el for el in page.iter() if local(el.tag) == "TextBlock"]
    by_id = {el.get("ID"): el for el in blocks}
    out: list[tuple[Any, str | None]] = []
    named_ids: set[int] = set()
    for ref, article in order:
        block = by_id.get(ref)
        if block is not None and id(block) not in named_ids:
            named_ids.add(id(block))
            out.append((block, article))
    return out + [(b, None) for b in blocks if id(b) not in named_ids]


def _spec(block: Any, tags: dict[str, _Tag], group_article: str | None) -> SourceRegion:
    """The role, article and continuation the block's tags say."""
    refs = [ref for ref in block.get("TAGREFS", "").split() if ref in tags]
    labels = (named(tags[ref].label, label=True) for ref in refs)
    said = next((found for found in labels if found is not None), None)
    articles = [ref for ref in refs if tags[ref].type == ARTICLE_TAG_TYPE]
    return SourceRegion(
        role=said.role if said else None,
        exact=said.exact if said else False,
        furniture=said.furniture if said else False,
        article=articles[0] if articles else group_article,
        continues=any(tags[r].type == CONTINUATION_TAG_TYPE for r in refs),
    )


def _tags(root: Any) -> dict[str, _Tag]:
    return {
        el.get("ID"): _Tag(el.get("TYPE", "").strip().lower(), el.get("LABEL", ""))
        for el in root.iter()
        if local(el.tag) in _TAG_KINDS and el.get("ID")
    }


def _reading_order(root: Any, tags: dict[str, _Tag]) -> list[tuple[str, str | None]]:
    """Block ids in the ALTO ReadingOrder, each with the article tag of its group."""
    ro = next((el for el in root if local(el.tag) == "ReadingOrder"), None)
    return [] if ro is None else _flatten(ro, None, tags)


def _flatten(
    group: Any, article: str | None, tags: dict[str, _Tag]
) -> list[tuple[str, str | None]]:
    refs = group.get("TAGREFS", "").split()
    article = next((r for r in refs if r in tags and tags[r].type == ARTICLE_TAG_TYPE), article)
    out: list[tuple[str, str | None]] = []
    for el in group:
        tag = local(el.tag)
        if tag == "ElementRef" and el.get("REF"):
            out.append((el.get("REF"), article))
        elif tag in _RO_GROUPS:
            out.extend(_flatten(el, article, tags))
    return out


def _line(
    line: Any, block: Any, styles: Styles, spaced: bool, block_start: bool, touch_gap: float
) -> WordLine:
    """The line's words. Without SP elements in the file, Strings that touch (a full
    stop, a bracket; Geometry.touch_gap) belong to one word."""
    words: list[str] = []
    hyphen: str | None = None
    last: Any = None  # the String just before, if no SP came since
    last_string: Any = None
    for el in line:
        tag = local(el.tag)
        if tag == "String":
            content = el.get("CONTENT", "")
            if words and not spaced and last is not None and _touch(last, el, touch_gap):
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


def _touch(a: Any, b: Any, touch_gap: float) -> bool:
    """b starts where a ends (within rounding): no space between them."""
    end, start = _float(a, "HPOS"), _float(b, "HPOS")
    width, height = _float(a, "WIDTH"), _float(b, "HEIGHT") or _float(a, "HEIGHT")
    if end is None or start is None or width is None or height is None:
        return False
    return start - (end + width) <= touch_gap * height


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
