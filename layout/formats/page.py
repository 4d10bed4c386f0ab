"""PAGE XML 2019 (PRImA's PcGts, as read by OCR-D, Transkribus, eScriptorium).

One TextRegion per region of the plan (layout/formats/plan.py), typed by its role, with
its TextLines (Coords, TextEquiv) and its own TextEquiv; the ReadingOrder holds one
``OrderedGroupIndexed type="article"`` per article (headline, bylines, paragraphs,
captions in order), then the unassigned regions; a paragraph continued in another
column is two regions and a ``Relation type="join"``. Mapping: docs/formats.md.
"""

from __future__ import annotations

import itertools

from lxml import etree

from layout.model import BBox, PageResult, Role

from .plan import PagePlan, Region, plan_page
from .xmlout import XSI, creator, json_list, now, serialize

NS = "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"
SCHEMA = f"{NS} {NS}/pagecontent.xsd"
# PAGE's TextRegion types for relayout's roles. PAGE has no byline, subhead or jump: a
# byline is a "credit" (the attribution of the text), a subhead a "heading"; the role
# itself is kept in ``custom`` the way Transkribus writes structure types.
REGION_TYPES = {
    Role.HEADLINE: "heading",
    Role.SUBHEAD: "heading",
    Role.BYLINE: "credit",
    Role.BODY: "paragraph",
    Role.CAPTION: "caption",
    Role.CREDIT: "credit",
    Role.JUMP: "other",
    Role.OTHER: "other",
}
# ``custom`` of a TextLine whose last word goes on at the start of the next line (in the
# next region too, where a paragraph goes on in the next column): the word is joined,
# its printed hyphen, if any, is not in the text but among the dropped characters.
WORD_BREAK_CUSTOM = "wordBreak {joined:true;}"
DROPPED_ITEM = "relayout-dropped"  # MetadataItem name: JSON list of the dropped characters


def _e(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{NS}}}{tag}", attrs)


def render(result: PageResult) -> str:
    plan = plan_page(result)
    root = etree.Element(f"{{{NS}}}PcGts", nsmap={None: NS, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA)
    _metadata(root, plan)
    width, height = plan.geometry.size
    page = _e(
        root,
        "Page",
        imageFilename=plan.source,
        imageWidth=str(max(1, width)),
        imageHeight=str(max(1, height)),
    )
    _reading_order(page, plan)
    continued = _relations(page, plan)
    for article in plan.articles:
        for region in article.regions:
            _region(page, region, article.id, region.id in continued)
    for region in plan.unassigned:
        _region(page, region, None, region.id in continued)
    return serialize(root)


def _metadata(root: etree._Element, plan: PagePlan) -> None:
    meta = _e(root, "Metadata")
    _e(meta, "Creator").text = creator()
    stamp = now()
    _e(meta, "Created").text = stamp
    _e(meta, "LastChange").text = stamp
    comments = [plan.geometry.note, *plan.notes]
    if plan.page is not None:
        comments.insert(0, f"page {plan.page} of {plan.source}")
    _e(meta, "Comments").text = "\n".join(comments)
    _e(
        meta,
        "MetadataItem",
        type="other",
        name=DROPPED_ITEM,
        value=json_list(plan.dropped),
    )


def _reading_order(page: etree._Element, plan: PagePlan) -> None:
    if not plan.regions:
        return  # an OrderedGroup must hold something
    order = _e(page, "ReadingOrder")
    group = _e(order, "OrderedGroup", id="ro", caption="articles, then unassigned blocks")
    index = 0
    for article in plan.articles:
        if not article.regions:
            continue
        sub = _e(
            group,
            "OrderedGroupIndexed",
            id=f"ro_{article.id}",
            index=str(index),
            caption=article.id,
            type="article",
        )
        for k, region in enumerate(article.regions):
            _e(sub, "RegionRefIndexed", index=str(k), regionRef=region.id)
        index += 1
    for region in plan.unassigned:
        _e(group, "RegionRefIndexed", index=str(index), regionRef=region.id)
        index += 1


def _relations(page: etree._Element, plan: PagePlan) -> set[str]:
    """A ``join`` from each region to the next part of its field; returns the ids of
    the regions that continue another."""
    regions = plan.regions
    joins = [(a, b) for a, b in itertools.pairwise(regions) if a.continues]
    if not joins:
        return set()
    relations = _e(page, "Relations")
    for a, b in joins:
        rel = _e(relations, "Relation", id=f"join_{a.id}_{b.id}", type="join")
        _e(rel, "SourceRegionRef", regionRef=a.id)
        _e(rel, "TargetRegionRef", regionRef=b.id)
    return {b.id for _, b in joins}


def _region(page: etree._Element, region: Region, article: str | None, continued: bool) -> None:
    custom = f"structure {{type:{region.role.value};}}"
    if article is not None:
        custom += f" article {{id:{article};}}"
    node = _e(page, "TextRegion", id=region.id, type=REGION_TYPES[region.role], custom=custom)
    if continued:  # the second part of a paragraph (PAGE's own example)
        node.set("continuation", "true")
    _coords(node, region.box)
    for line in region.lines:
        line_node = _e(node, "TextLine", id=line.id)
        if line.hyphen is not None:  # the word goes on at the next line: joined there
            line_node.set("custom", WORD_BREAK_CUSTOM)
        _coords(line_node, line.box)
        _text(line_node, line.text.strip())
    _text(node, region.text.strip())


def _coords(parent: etree._Element, box: BBox) -> None:
    x0, y0, x1, y1 = box.x0, box.y0, max(box.x1, box.x0 + 1), max(box.y1, box.y0 + 1)
    _e(parent, "Coords", points=f"{x0},{y0} {x1},{y0} {x1},{y1} {x0},{y1}")


def _text(parent: etree._Element, text: str) -> None:
    _e(_e(parent, "TextEquiv"), "Unicode").text = text
