"""Group text lines into blocks and tell headlines, body text and captions apart."""

from __future__ import annotations

from dataclasses import dataclass, field

from layout.image.page import BlockKind
from layout.image.params import (
    BLOCK_MAX_GAP_GLYPHS,
    BLOCK_MAX_SIZE_RATIO,
    BLOCK_MIN_X_OVERLAP,
    CAPTION_MAX_GAP_GLYPHS,
    CAPTION_MAX_SIZE_RATIO,
    HEADLINE_SIZE_RATIO,
)

Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in work pixels


@dataclass(slots=True)
class RawBlock:
    lines: list[Box] = field(default_factory=list)

    @property
    def box(self) -> Box:
        xs0, ys0, xs1, ys1 = zip(*self.lines, strict=True)
        return (min(xs0), min(ys0), max(xs1), max(ys1))

    @property
    def size(self) -> float:
        heights = sorted(b[3] - b[1] for b in self.lines)
        return float(heights[len(heights) // 2])


def group_lines(lines: list[Box], h_rules: list[Box]) -> list[RawBlock]:
    """Lines, top to bottom, joined to the block right above them when they continue it."""
    blocks: list[RawBlock] = []
    open_blocks: list[RawBlock] = []
    for line in sorted(lines, key=lambda b: (b[1], b[0])):
        open_blocks = [b for b in open_blocks if _still_open(b.lines[-1], line)]
        target = next((b for b in open_blocks if _continues(b.lines[-1], line, h_rules)), None)
        if target is None:
            target = RawBlock()
            blocks.append(target)
            open_blocks.append(target)
        target.lines.append(line)
    return blocks


def classify(block: RawBlock, body: float, photos: list[Box]) -> BlockKind:
    """Headline by glyph size; caption when small and right below or beside a photo."""
    if block.size >= HEADLINE_SIZE_RATIO * body:
        return BlockKind.HEADLINE
    if block.size <= CAPTION_MAX_SIZE_RATIO * body and any(
        _next_to_photo(block.box, photo, body) for photo in photos
    ):
        return BlockKind.CAPTION
    return BlockKind.BODY


def split_captions(blocks: list[RawBlock], body: float, photos: list[Box]) -> list[RawBlock]:
    """Cut a caption off the body text it runs into: lines of caption size below a photo
    end where the glyph size changes."""
    out: list[RawBlock] = []
    for block in blocks:
        out.extend(_split_at_size_change(block) if _below_any(block, photos, body) else [block])
    return out


def _split_at_size_change(block: RawBlock) -> list[RawBlock]:
    parts = [RawBlock([block.lines[0]])]
    for line in block.lines[1:]:
        prev = parts[-1].lines[-1]
        if abs((line[3] - line[1]) - (prev[3] - prev[1])) > 0.12 * (prev[3] - prev[1]):
            parts.append(RawBlock())
        parts[-1].lines.append(line)
    return parts


def _below_any(block: RawBlock, photos: list[Box], body: float) -> bool:
    return any(_next_to_photo(block.box, p, body) for p in photos)


def _still_open(last: Box, line: Box) -> bool:
    h = max(last[3] - last[1], line[3] - line[1])
    return line[1] - last[3] <= BLOCK_MAX_GAP_GLYPHS * h


def _continues(last: Box, line: Box, h_rules: list[Box]) -> bool:
    h_last, h_line = last[3] - last[1], line[3] - line[1]
    if max(h_last, h_line) > BLOCK_MAX_SIZE_RATIO * min(h_last, h_line):
        return False
    overlap = min(last[2], line[2]) - max(last[0], line[0])
    if overlap < BLOCK_MIN_X_OVERLAP * min(last[2] - last[0], line[2] - line[0]):
        return False
    if line[1] - last[3] > BLOCK_MAX_GAP_GLYPHS * max(h_last, h_line):
        return False
    return not any(
        r[1] >= last[3] - 1 and r[3] <= line[1] + 1 and r[0] < line[2] and line[0] < r[2]
        for r in h_rules
    )


def _next_to_photo(box: Box, photo: Box, body: float) -> bool:
    gap = CAPTION_MAX_GAP_GLYPHS * body
    x_overlap = min(box[2], photo[2]) - max(box[0], photo[0])
    y_overlap = min(box[3], photo[3]) - max(box[1], photo[1])
    below = 0 <= box[1] - photo[3] <= gap and x_overlap > 0.5 * (box[2] - box[0])
    beside = y_overlap > 0 and (0 <= box[0] - photo[2] <= gap or 0 <= photo[0] - box[2] <= gap)
    return below or beside
