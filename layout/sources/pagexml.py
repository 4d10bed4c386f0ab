"""PAGE XML (2009 to 2019 schemas; Transkribus, OCR-D, eScriptorium): lines and regions.

Text regions are read in the file's ReadingOrder (regions it does not name follow in
document order), their TextLines in document order, each region's first line after a
blank line. A line's text is its own TextEquiv (the first, or the lowest index), else
its Words' joined. The type size is TextStyle fontSize where every line has one, else
the height of the line's Coords. A soft hyphen (or ¬) ending a line marks a word break for the
re-flow to join; so does relayout's ``custom="wordBreak {joined:true;}"`` on a TextLine.

The regions' types (``heading``, ``paragraph``, ``caption``, ``credit``, ``header``,
``footer``, ``page-number``…, or Transkribus' ``custom="structure {type:…;}"``), the
articles of the ReadingOrder (a group of ``type="article"``), a region's own TextEquiv
and ``continuation`` are kept as the page's regions (``PageInput.regions``); its
SeparatorRegions are the page's rules, its image and graphic regions its figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from layout.errors import InputError
from layout.model import BBox

from .page import PageInput, SourceRegion, box_of
from .roles import first_named, structure_type
from .wordlines import WordLine, placed_regions, soft_hyphen, to_lines
from .xmlsafe import local, parse_xml

# The ReadingOrder's group elements, and the group type PAGE 2019 gives an article.
_GROUPS = ("OrderedGroup", "UnorderedGroup", "OrderedGroupIndexed", "UnorderedGroupIndexed")
ARTICLE_GROUP = "article"
# relayout's TextLine ``custom`` for a word joined with the next line's first word.
_WORD_BREAK_RE = re.compile(r"\bwordBreak\s*\{[^}]*\bjoined\s*:\s*true")

_FIGURES = ("ImageRegion", "GraphicRegion", "ChartRegion", "MathsRegion")
_RULES = "SeparatorRegion"  # the page's drawn lines (column and article rules)


def read_page_xml(data: bytes, name: str, measured_noise: float = 0.0) -> Iterator[PageInput]:
    """The page (``measured_noise``: PageInput.size_noise when the sizes are the heights
    of the lines' Coords, measured rather than named)."""
    root = parse_xml(data, name)
    if local(root.tag) != "PcGts":
        raise InputError(name, "not PAGE XML (no <PcGts> root element)")
    page = next((el for el in root if local(el.tag) == "Page"), None)
    if page is None:
        raise InputError(name, "PAGE XML without a <Page> element")
    regions = _ordered_regions(page)
    word_lines: list[WordLine] = []
    specs: list[SourceRegion] = []
    joined_to = _join_targets(page)
    for k, (region, article) in enumerate(regions):
        for wl in _region_lines(region):
            wl.region = k
            word_lines.append(wl)
        specs.append(_spec(region, article, region.get("id") in joined_to))
    by_height = bool(word_lines) and not all(wl.size for wl in word_lines)
    if by_height:
        for wl in word_lines:
            wl.size = float(wl.box.height) if wl.box else None
    joined = to_lines(word_lines)
    width, height = _int(page, "imageWidth"), _int(page, "imageHeight")
    size = (width, height) if width and height else None
    figures = tuple(
        b for b in (_coords(el) for el in page.iter() if local(el.tag) in _FIGURES) if b
    )
    rules = tuple(b for b in (_coords(el) for el in page.iter() if local(el.tag) == _RULES) if b)
    yield PageInput(
        name,
        "page",
        joined.lines,
        size,
        "px",
        None,
        None,
        figures,
        bold=joined.bold,
        regions=placed_regions(specs, joined),
        rules=rules,
        size_noise=measured_noise if by_height else 0.0,
    )


def _ordered_regions(page: Any) -> list[tuple[Any, str | None]]:
    """Text regions in reading order, each with the article group holding it (if any).
    A region named twice in the ReadingOrder counts where it is named first."""
    regions = [el for el in page.iter() if local(el.tag) == "TextRegion"]
    by_id = {el.get("id"): el for el in regions}
    order: list[tuple[Any, str | None]] = []
    named: set[int] = set()
    for ref, article in _reading_order(page):
        el = by_id.get(ref)
        if el is not None and id(el) not in named:
            named.add(id(el))
            order.append((el, article))
    return order + [(el, None) for el in regions if id(el) not in named]


def _reading_order(page: Any) -> list[tuple[str, str | None]]:
    """Region ids in the ReadingOrder with their article group, groups flattened,
    indexed ones by their index."""
    ro = next((el for el in page if local(el.tag) == "ReadingOrder"), None)
    return [] if ro is None else _flatten(ro, None)


def _flatten(group: Any, article: str | None) -> list[tuple[str, str | None]]:
    if local(group.tag) in _GROUPS and group.get("type") == ARTICLE_GROUP:
        article = group.get("id") or group.getroottree().getpath(group)
    children = [el for el in group if local(el.tag).startswith(("Ordered", "Unordered", "Region"))]
    children.sort(key=lambda el: _index(el.get("index")))
    out: list[tuple[str, str | None]] = []
    for el in children:
        if el.get("regionRef"):
            out.append((el.get("regionRef"), article))
        out.extend(_flatten(el, article))
    return out


def _index(value: str | None) -> int:
    try:
        return int(value or "0")
    except ValueError:
        return 0


def _join_targets(page: Any) -> set[str]:
    """Ids of the regions a ``Relation type="join"`` continues another in."""
    out: set[str] = set()
    for rel in (el for el in page.iter() if local(el.tag) == "Relation"):
        if rel.get("type") == "join":
            out.update(
                ref.get("regionRef", "") for ref in rel if local(ref.tag) == "TargetRegionRef"
            )
    return out


def _spec(region: Any, article: str | None, joined: bool) -> SourceRegion:
    """What the region's type, its structure type and its place say about it."""
    said = first_named(structure_type(region.get("custom")), region.get("type"))
    return SourceRegion(
        role=said.role if said else None,
        exact=said.exact if said else False,
        furniture=said.furniture if said else False,
        article=article,
        text=_equiv(region),
        continues=joined or region.get("continuation") == "true",
    )


def _region_lines(region: Any) -> list[WordLine]:
    lines = [el for el in region if local(el.tag) == "TextLine"]
    region_size, region_bold = _text_style(region)
    out: list[WordLine] = []
    for i, line in enumerate(lines):
        words = _line_text(line).split()
        hyphen = soft_hyphen(words)
        if hyphen is None and _WORD_BREAK_RE.search(line.get("custom") or ""):
            hyphen = ""  # the word goes on at the next line; no hyphen printed in the text
        size, bold = _text_style(line)
        out.append(
            WordLine(words, _coords(line), size or region_size, i == 0, hyphen, bold or region_bold)
        )
    if not lines:  # a region with text but no lines: its lines without their own boxes
        text = _equiv(region) or ""
        box = _coords(region)
        for i, raw in enumerate(text.splitlines()):
            words = raw.split()
            out.append(WordLine(words, box, region_size, i == 0, soft_hyphen(words)))
    return out


def _line_text(line: Any) -> str:
    text = _equiv(line)
    if text is not None:
        return text
    words = [_equiv(w) or "" for w in line if local(w.tag) == "Word"]
    return " ".join(w for w in words if w)


def _equiv(el: Any) -> str | None:
    """The element's own TextEquiv/Unicode: the first, or the one with the lowest index."""
    equivs = [e for e in el if local(e.tag) == "TextEquiv"]
    if not equivs:
        return None
    equivs.sort(key=lambda e: int(e.get("index", "0")) if e.get("index", "0").isdigit() else 0)
    unicode = next((u for u in equivs[0] if local(u.tag) == "Unicode"), None)
    return unicode.text or "" if unicode is not None else None


def _text_style(el: Any) -> tuple[float | None, bool]:
    style = next((s for s in el if local(s.tag) == "TextStyle"), None)
    if style is None:
        return None, False
    try:
        size = float(style.get("fontSize"))
    except (TypeError, ValueError):
        size = None
    return size, style.get("bold") == "true"


def _coords(el: Any) -> BBox | None:
    """The bounding box of the element's Coords (points="x,y x,y…", or Point children)."""
    coords = next((c for c in el if local(c.tag) == "Coords"), None)
    if coords is None:
        return None
    points: list[tuple[float, float]] = []
    try:
        if coords.get("points"):
            for pair in coords.get("points").split():
                x, y = pair.split(",")
                points.append((float(x), float(y)))
        else:
            points = [
                (float(p.get("x")), float(p.get("y"))) for p in coords if local(p.tag) == "Point"
            ]
    except (TypeError, ValueError):
        return None
    if not points:
        return None
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return box_of(min(xs), min(ys), max(xs), max(ys))


def _int(el: Any, attr: str) -> int | None:
    try:
        return int(float(el.get(attr)))
    except (TypeError, ValueError):
        return None
