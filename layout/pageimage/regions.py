"""Article regions on a page image and the reading order they give (geometry with Shapely).

An article is a headline and the blocks below it within the columns the headline spans,
down to the next horizontal rule or the next headline over those columns. Blocks above
every headline of their columns form regions without a headline. A caption goes to the
region that holds or touches its photo. Inside a region the reading order follows its
columns, top to bottom, left to right: headline, body, captions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from shapely.geometry import Polygon, box

from layout.model import BBox
from layout.pageimage.page import BlockKind, LayoutBlock, PageLayout


@dataclass(slots=True)
class Region:
    """One article's area: its headline (if any), its blocks and captions."""

    frame: BBox  # the area claimed by the headline: its columns, down to a rule
    headline: list[LayoutBlock] = field(default_factory=list)
    blocks: list[LayoutBlock] = field(default_factory=list)
    captions: list[LayoutBlock] = field(default_factory=list)

    def ordered(self) -> list[LayoutBlock]:
        body = sorted(self.blocks, key=lambda b: (b.box.x0 // max(1, _col_width(self)), b.box.y0))
        return [*self.headline, *body, *self.captions]


def _col_width(region: Region) -> int:
    widths = [b.box.width for b in region.blocks if b.kind is BlockKind.BODY]
    return min(widths) if widths else max(1, region.frame.width)


def _poly(b: BBox) -> Polygon:
    return box(b.x0, b.y0, b.x1, b.y1)


def build_regions(layout: PageLayout) -> list[Region]:
    """Regions in reading order: by the top of their frame, then left to right."""
    heads = _headline_groups([b for b in layout.blocks if b.kind is BlockKind.HEADLINE])
    regions = [Region(_frame(group, layout), headline=group) for group in heads]
    loose: list[LayoutBlock] = []
    for block in layout.blocks:
        if block.kind is BlockKind.HEADLINE:
            continue
        target = _region_for(block, regions, layout)
        if target is None:
            loose.append(block)
        elif block.kind is BlockKind.CAPTION:
            target.captions.append(block)
        else:
            target.blocks.append(block)
    regions += _regions_without_headline(loose, layout)
    regions.sort(key=lambda r: (r.frame.y0, r.frame.x0))
    return regions


def _headline_groups(heads: list[LayoutBlock]) -> list[list[LayoutBlock]]:
    """Headline blocks stacked one above the other over the same columns are one headline
    (kicker, main title, subtitle)."""
    groups: list[list[LayoutBlock]] = []
    for head in sorted(heads, key=lambda b: (b.box.y0, b.box.x0)):
        for group in groups:
            last = group[-1].box
            gap = head.box.y0 - last.y1
            overlap = min(head.box.x1, last.x1) - max(head.box.x0, last.x0)
            if 0 <= gap <= last.height and overlap > 0.3 * min(head.box.width, last.width):
                group.append(head)
                break
        else:
            groups.append([head])
    return groups


def _frame(group: list[LayoutBlock], layout: PageLayout) -> BBox:
    """The headline's columns, from its top down to the next horizontal rule or page end."""
    top = min(b.box.y0 for b in group)
    head = BBox.enclosing([b.box for b in group]) or group[0].box
    columns = [c for c in layout.columns if min(head.x1, c.x1) - max(head.x0, c.x0) > 0]
    x0 = min([c.x0 for c in columns] + [head.x0])
    x1 = max([c.x1 for c in columns] + [head.x1])
    bottom = layout.size[1]
    for rule in layout.rules:
        r = rule.box
        spans = min(r.x1, x1) - max(r.x0, x0) > 0.5 * (x1 - x0)
        if not rule.vertical and spans and r.y0 > head.y1:
            bottom = min(bottom, r.y0)
    return BBox(x0, top, x1, max(top + 1, bottom))


def _region_for(block: LayoutBlock, regions: list[Region], layout: PageLayout) -> Region | None:
    """The region whose frame holds the block's centre (the lowest headline above it wins);
    a caption follows its photo."""
    probe = block.box
    if block.kind is BlockKind.CAPTION:
        photo = _photo_above(block, layout)
        if photo is not None:
            probe = photo
    cx, cy = probe.center
    best: Region | None = None
    for region in regions:
        f = region.frame
        inside = f.x0 <= cx <= f.x1 and f.y0 <= cy <= f.y1
        if inside and (best is None or f.y0 > best.frame.y0):
            best = region
    return best


def _photo_above(block: LayoutBlock, layout: PageLayout) -> BBox | None:
    candidates = [
        p
        for p in layout.photos
        if p.y1 <= block.box.y0 + 2 and min(p.x1, block.box.x1) - max(p.x0, block.box.x0) > 0
    ]
    return max(candidates, key=lambda p: p.y1) if candidates else None


def _regions_without_headline(loose: list[LayoutBlock], layout: PageLayout) -> list[Region]:
    """Blocks no headline claims: one region per run of touching blocks (by their frames)."""
    regions: list[Region] = []
    for block in sorted(loose, key=lambda b: (b.box.y0, b.box.x0)):
        for region in regions:
            if _poly(region.frame).buffer(layout.body_size).intersects(_poly(block.box)):
                region.frame = region.frame.union(block.box)
                (region.captions if block.kind is BlockKind.CAPTION else region.blocks).append(
                    block
                )
                break
        else:
            region = Region(block.box)
            (region.captions if block.kind is BlockKind.CAPTION else region.blocks).append(block)
            regions.append(region)
    return regions
