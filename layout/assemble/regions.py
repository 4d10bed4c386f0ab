"""Which article each piece belongs to: headlines open articles, the column flow fills them.

An article is its headline's span of columns below it, down to the next headline or a
rule. Pieces are taken from the top of the page down; each joins the article of what
is printed right above it in its column (the headline, or a piece already placed),
unless a rule lies between them or a headline stands in the gap. A piece with nothing
above it in its band (the outer column of an article under a centred, narrower
headline) joins the nearest headline of its band that stands above it with no rule
between; a figure with neither joins a headline level with it, with no rule between
(a drawing set beside its article's headline); else it opens an article of its own (a
photo with its caption alone, an article whose headline is on another page).
"""

from __future__ import annotations

from collections.abc import Sequence

from layout.assembly_rules import Assembly
from layout.model import BBox

from .pieces import LEFT_OUT, Piece


def assign_articles(
    pieces: Sequence[Piece], rules: Sequence[BBox], body: float, assembly: Assembly
) -> dict[int, int]:
    """Piece index → article number (the index of the piece that opened it)."""
    order = sorted(
        (i for i, p in enumerate(pieces) if p.kind not in LEFT_OUT),
        key=lambda i: (pieces[i].box.y0, pieces[i].box.x0),
    )
    owner: dict[int, int] = {}
    placed: list[int] = []
    for i in order:
        piece = pieces[i]
        if piece.kind == "head":
            owner[i] = i
        else:
            owner[i] = _owner_of(i, pieces, placed, owner, rules, body, assembly)
        placed.append(i)
    return owner


def _owner_of(
    i: int,
    pieces: Sequence[Piece],
    placed: list[int],
    owner: dict[int, int],
    rules: Sequence[BBox],
    body: float,
    assembly: Assembly,
) -> int:
    box = pieces[i].box
    above = _right_above(box, [pieces[j].box for j in placed], body, assembly)
    heads = [j for j in placed if pieces[j].kind == "head"]
    if above is not None:
        j = placed[above]
        upper = pieces[j].box
        if not _rule_between(upper, box, rules, body, assembly):
            between = [h for h in heads if _in_gap(pieces[h].box, upper, box, body, assembly)]
            if not between:
                return owner[j]
            return min(between, key=lambda h: _side_gap(pieces[h].box, box))
    near = [
        h
        for h in heads
        if pieces[h].box.y1 <= box.y0 + assembly.touch * body
        and box.y0 - pieces[h].box.y1 <= assembly.head_reach * body
        and not _rule_between(pieces[h].box, box, rules, body, assembly)
        and not _rule_beside(pieces[h].box, box, rules)
    ]
    if near:
        return min(near, key=lambda h: (_side_gap(pieces[h].box, box), box.y0 - pieces[h].box.y1))
    if pieces[i].kind == "figure":
        every_head = [h for h, p in enumerate(pieces) if p.kind == "head"]  # placed or not
        beside = [h for h in every_head if _beside(pieces[h].box, box, rules)]
        if beside:
            return min(beside, key=lambda h: _side_gap(pieces[h].box, box))
    return i


def _beside(head: BBox, box: BBox, rules: Sequence[BBox]) -> bool:
    """A headline level with a figure, with no rule between them: a photo or drawing set
    beside its article's headline (a photo item stands in a slot of its own, ruled off)."""
    level = min(head.y1, box.y1) > max(head.y0, box.y0)
    return level and not _rule_beside(head, box, rules)


def _right_above(box: BBox, others: list[BBox], body: float, assembly: Assembly) -> int | None:
    """Index of the box printed nearest above ``box`` in its column."""
    best: int | None = None
    for k, other in enumerate(others):
        if other.y1 > box.y0 + assembly.touch * body or not _shares_column(other, box, assembly):
            continue
        if best is None or other.y1 > others[best].y1:
            best = k
    return best


def _shares_column(a: BBox, b: BBox, assembly: Assembly) -> bool:
    overlap = min(a.x1, b.x1) - max(a.x0, b.x0)
    return overlap > 0 and overlap >= assembly.overlap_min * min(a.width, b.width)


def _in_gap(head: BBox, upper: BBox, lower: BBox, body: float, assembly: Assembly) -> bool:
    """A headline standing between two boxes' rows (in another column: it is narrower)."""
    touch = assembly.touch * body
    return head.y0 >= upper.y1 - touch and head.y1 <= lower.y0 + touch


def _side_gap(a: BBox, b: BBox) -> float:
    return max(0.0, a.x0 - b.x1, b.x0 - a.x1)


def _rule_between(
    upper: BBox, lower: BBox, rules: Sequence[BBox], body: float, assembly: Assembly
) -> bool:
    """A horizontal rule under ``upper`` and over ``lower``, across both."""
    x0, x1 = max(upper.x0, lower.x0), min(upper.x1, lower.x1)
    if x1 <= x0:  # side by side: the rule must reach over both
        x0, x1 = min(upper.x1, lower.x1), max(upper.x0, lower.x0)
    return any(
        r.width > r.height
        and upper.y1 - assembly.touch * body <= r.center[1] <= lower.y0 + assembly.touch * body
        and r.x0 <= x0 + body
        and r.x1 >= x1 - body
        for r in rules
    )


def _rule_beside(head: BBox, box: BBox, rules: Sequence[BBox]) -> bool:
    """A vertical rule between a headline and a box beside it, from the headline's
    height down to the box (rules between one article's columns start below its head)."""
    left, right = (head.x1, box.x0) if head.x1 <= box.x0 else (box.x1, head.x0)
    if left > right:
        return False
    return any(
        r.height > r.width and left <= r.center[0] <= right and r.y0 <= head.y1 and r.y1 >= box.y0
        for r in rules
    )
