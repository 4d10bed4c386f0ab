"""hOCR 1.2 (XHTML; what Tesseract writes and OCRmyPDF and search layers read).

The page (``ocr_page``) holds one ``ocr_linear`` per article: hOCR's own word for one
of the several linear texts of a newspaper page, the article's content flow. In it,
one ``ocr_carea`` per region of the plan, in reading order, holding the region as
``ocr_title`` (headline), ``ocr_author`` (byline), ``ocr_caption`` (caption, credit) or
``ocr_par`` (paragraph, subhead, other), made of ``ocr_line`` spans with their
``bbox``. Unassigned blocks follow the articles, outside any ``ocr_linear``. Roles hOCR
has no class for are kept in the engine-specific property ``x_role``; a region that goes
on with the field of the region before (a paragraph continued in the next column) says
so in ``x_continuation 1``, a line whose last word goes on at the next line (a word
joined across lines) in ``x_word_break 1``.
"""

from __future__ import annotations

import itertools

from lxml import etree

from layout.model import BBox, PageResult, Role

from .plan import PagePlan, Region, plan_page
from .xmlout import creator, json_list, serialize

NS = "http://www.w3.org/1999/xhtml"
CAPABILITIES = "ocr_page ocr_linear ocr_carea ocr_title ocr_author ocr_caption ocr_par ocr_line"
# Element and class per role; the roles sharing a class keep their name in x_role.
ELEMENTS = {
    Role.HEADLINE: ("h1", "ocr_title"),
    Role.BYLINE: ("p", "ocr_author"),
    Role.BODY: ("p", "ocr_par"),
    Role.SUBHEAD: ("p", "ocr_par"),
    Role.CAPTION: ("p", "ocr_caption"),
    Role.CREDIT: ("p", "ocr_caption"),
    Role.JUMP: ("p", "ocr_par"),
    Role.OTHER: ("p", "ocr_par"),
}
CONTINUATION_PROPERTY = "x_continuation"  # this region goes on with the one before
# On a line: its last word goes on at the start of the next line (joined there; the
# printed hyphen, if any, is not in the text but among the dropped characters).
WORD_BREAK_PROPERTY = "x_word_break"
GEOMETRY_META = "relayout-geometry"
DROPPED_META = "relayout-dropped"  # JSON list of the dropped characters


def _e(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{NS}}}{tag}", attrs)


def render(result: PageResult) -> str:
    plan = plan_page(result)
    html = etree.Element(f"{{{NS}}}html", nsmap={None: NS})
    _head(html, plan)
    body = _e(html, "body")
    width, height = plan.geometry.size
    title = f'image "{_quoted(plan.source)}"; bbox 0 0 {width} {height}'
    if plan.page is not None:
        title += f"; ppageno {plan.page - 1}"  # hOCR counts physical pages from 0
    page = _e(body, "div", id="page_1", title=title)
    page.set("class", "ocr_page")
    continued = {b.id for a, b in itertools.pairwise(plan.regions) if a.continues}
    for article in plan.articles:
        flow = _e(page, "div", id=f"linear_{article.id}", title=f"x_article {article.id}")
        flow.set("class", "ocr_linear")
        for region in article.regions:
            _carea(flow, region, region.id in continued)
    for region in plan.unassigned:
        _carea(page, region, region.id in continued)
    return serialize(html, doctype="<!DOCTYPE html>")


def _head(html: etree._Element, plan: PagePlan) -> None:
    head = _e(html, "head")
    _e(head, "title").text = plan.source
    _e(head, "meta", content="text/html; charset=utf-8").set("http-equiv", "Content-Type")
    _e(head, "meta", name="ocr-system", content=creator())
    _e(head, "meta", name="ocr-capabilities", content=CAPABILITIES)
    _e(head, "meta", name="ocr-number-of-pages", content="1")
    _e(head, "meta", name=GEOMETRY_META, content=plan.geometry.note)
    dropped = json_list(plan.dropped)
    _e(head, "meta", name=DROPPED_META, content=dropped)


def _carea(parent: etree._Element, region: Region, continued: bool) -> None:
    area = _e(parent, "div", id=f"block_{region.id}", title=_bbox(region.box))
    area.set("class", "ocr_carea")
    tag, cls = ELEMENTS[region.role]
    title = f"{_bbox(region.box)}; x_role {region.role.value}"
    if continued:
        title += f"; {CONTINUATION_PROPERTY} 1"
    node = _e(area, tag, id=region.id, title=title)
    node.set("class", cls)
    for line in region.lines:
        title = _bbox(line.box)
        if line.hyphen is not None:  # the line's last word goes on at the next line
            title += f"; {WORD_BREAK_PROPERTY} 1"
        span = _e(node, "span", id=line.id, title=title)
        span.set("class", "ocr_line")
        span.text = line.text.strip()


def _bbox(box: BBox) -> str:
    return f"bbox {box.x0} {box.y0} {box.x1} {box.y1}"


def _quoted(name: str) -> str:
    """A file name inside hOCR's double-quoted ``image`` property."""
    return name.replace("\\", "\\\\").replace('"', '\\"')
