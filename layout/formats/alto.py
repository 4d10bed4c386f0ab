"""ALTO 4.3 (Library of Congress; the page format of newspaper portals, with METS).

One TextBlock per region of the plan (layout/formats/plan.py), in reading order, with
its TextLines and their Strings (words: the line's text split at whitespace, ``SP``
between). A word joined across two lines is ``HypPart1``/``HypPart2`` with the whole
word in ``SUBS_CONTENT``, and the printed hyphen as ``HYP``. Roles and articles are
StructureTags that the blocks name in ``TAGREFS``; the ReadingOrder has one
OrderedGroup per article, and ``IDNEXT`` chains an article's blocks. Coordinates in
pixels (``MeasurementUnit``), see geometry.py. Mapping: docs/formats.md.
"""

from __future__ import annotations

import itertools

from lxml import etree

from layout.model import BBox, PageResult, Role

from .plan import LinePart, PagePlan, Region, plan_page
from .xmlout import XLINK, XSI, creator, json_list, serialize

NS = "http://www.loc.gov/standards/alto/ns-v4#"
VERSION = "4.3"
SCHEMA = f"{NS} http://www.loc.gov/standards/alto/v4/alto-4-3.xsd"
DROPPED_PREFIX = "dropped: "  # processingStepSettings: JSON list of the dropped characters
ROLE_TAG = "role_"  # StructureTag ids: role_headline, role_body, …
ARTICLE_TAG = "article_"  # article_a1, …
# A block that goes on with the field of the block before it (a paragraph continued in
# the next column) names this tag: ALTO has no attribute for it (PAGE's continuation).
CONTINUATION_TAG = "continuation"


def _e(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{NS}}}{tag}", attrs)


def render(result: PageResult) -> str:
    plan = plan_page(result)
    root = etree.Element(f"{{{NS}}}alto", nsmap={None: NS, "xlink": XLINK, "xsi": XSI})
    root.set("SCHEMAVERSION", VERSION)
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA)
    _description(root, plan)
    _tags(root, plan)
    _reading_order(root, plan)
    width, height = plan.geometry.size
    layout = _e(root, "Layout")
    page = _e(
        layout,
        "Page",
        ID="page1",
        PHYSICAL_IMG_NR=str(plan.page or 1),
        WIDTH=str(width),
        HEIGHT=str(height),
    )
    space = _e(page, "PrintSpace", HPOS="0", VPOS="0", WIDTH=str(width), HEIGHT=str(height))
    _blocks(space, plan)
    return serialize(root)


def _description(root: etree._Element, plan: PagePlan) -> None:
    desc = _e(root, "Description")
    _e(desc, "MeasurementUnit").text = "pixel"
    _e(_e(desc, "sourceImageInformation"), "fileName").text = plan.source
    step = _e(desc, "Processing", ID="relayout")
    _e(step, "processingCategory").text = "contentGeneration"
    for text in (plan.geometry.note, *plan.notes):
        _e(step, "processingStepDescription").text = text
    settings = DROPPED_PREFIX + json_list(plan.dropped)
    _e(step, "processingStepSettings").text = settings
    software = _e(step, "processingSoftware")
    name, _, version = creator().partition(" ")
    _e(software, "softwareName").text = name
    _e(software, "softwareVersion").text = version


def _tags(root: etree._Element, plan: PagePlan) -> None:
    roles = sorted({r.role for r in plan.regions}, key=list(Role).index)
    articles = [a for a in plan.articles if a.regions]
    if not roles and not articles:
        return
    tags = _e(root, "Tags")
    for role in roles:
        _e(tags, "StructureTag", ID=ROLE_TAG + role.value, TYPE="role", LABEL=role.value)
    for article in articles:
        _e(tags, "StructureTag", ID=ARTICLE_TAG + article.id, TYPE="article", LABEL=article.id)
    if any(r.continues for r in plan.regions):
        label = "the field of the block before goes on in this block"
        _e(tags, "StructureTag", ID=CONTINUATION_TAG, TYPE=CONTINUATION_TAG, LABEL=label)


def _reading_order(root: etree._Element, plan: PagePlan) -> None:
    if not plan.regions:
        return
    group = _e(_e(root, "ReadingOrder"), "OrderedGroup", ID="ro")
    for article in plan.articles:
        if not article.regions:
            continue
        sub = _e(group, "OrderedGroup", ID=f"ro_{article.id}", TAGREFS=ARTICLE_TAG + article.id)
        for k, region in enumerate(article.regions, start=1):
            _e(sub, "ElementRef", ID=f"ro_{article.id}_{k}", REF=region.id)
    for region in plan.unassigned:
        _e(group, "ElementRef", ID=f"ro_{region.id}", REF=region.id)


def _blocks(space: etree._Element, plan: PagePlan) -> None:
    joined: str | None = None  # the word a line ended inside, for the next line
    regions = plan.regions
    continued = {b.id for a, b in itertools.pairwise(regions) if a.continues}
    # The line after each region's last one, where the field goes on in the next region
    # (a word cut at the foot of a column is joined with the top of the next).
    going_on = {a.id: b.lines[0] for a, b in itertools.pairwise(regions) if a.continues and b.lines}
    for article in plan.articles:
        members = article.regions
        for region, after in zip(members, [*members[1:], None], strict=True):
            block = _block(space, region, [ARTICLE_TAG + article.id], region.id in continued)
            if after is not None:
                block.set("IDNEXT", after.id)
            joined = _lines(block, region, joined, going_on.get(region.id))
    for region in plan.unassigned:
        block = _block(space, region, [], region.id in continued)
        joined = _lines(block, region, joined, going_on.get(region.id))


def _block(
    space: etree._Element, region: Region, tags: list[str], continued: bool
) -> etree._Element:
    if continued:
        tags = [*tags, CONTINUATION_TAG]
    refs = " ".join([ROLE_TAG + region.role.value, *tags])
    return _e(space, "TextBlock", ID=region.id, TAGREFS=refs, **_box(region.box))


def _lines(
    block: etree._Element, region: Region, joined: str | None, going_on: LinePart | None
) -> str | None:
    lines = region.lines
    for line, after in zip(lines, [*lines[1:], going_on], strict=True):
        node = _e(block, "TextLine", ID=line.id, **_box(line.box))
        words = line.text.split() or [""]
        nxt = after.text.split() if after is not None else []
        for k, word in enumerate(words):
            if k:
                _e(node, "SP")
            string = _e(node, "String", CONTENT=word)
            if k == 0 and joined is not None:
                string.set("SUBS_TYPE", "HypPart2")
                string.set("SUBS_CONTENT", joined)
        joined = _hyphenate(node, line, words[-1], nxt[0] if nxt else None)
    return joined


def _hyphenate(
    node: etree._Element, line: LinePart, last: str, first_next: str | None
) -> str | None:
    """Mark the line's last word as the first part of a word joined with the next line's
    first word; returns the whole word (None when the line ends a word)."""
    if line.hyphen is None or not last or first_next is None:
        return None
    whole = last + first_next
    strings = node.findall(f"{{{NS}}}String")
    if strings[-1].get("SUBS_TYPE") == "HypPart2":
        return None  # a word on three lines: a String has one SUBS_TYPE, ALTO cannot say it
    strings[-1].set("SUBS_TYPE", "HypPart1")
    strings[-1].set("SUBS_CONTENT", whole)
    if line.hyphen:
        _e(node, "HYP", CONTENT=line.hyphen)
    return whole


def _box(box: BBox) -> dict[str, str]:
    return {
        "HPOS": str(box.x0),
        "VPOS": str(box.y0),
        "WIDTH": str(box.width),
        "HEIGHT": str(box.height),
    }
