"""Stage 3, segment: blocks in input order → article bodies and orphans.

An article's body is a run of paragraphs (with its subheads). A new article
starts at a news opening (本报讯, an agency dateline), after the authors' names
that close the previous one, or after a heading that names a new subject.
Headlines, captions, credits and ▶ bylines are not placed here: they become
orphans that the assign stage gives to articles on the evidence of their text.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from .conventions import Conventions, Marks
from .evidence import longest_shared_runs, normalise, split_terms_chunks
from .model import Block, Line, Role
from .text import CJK_JOINS, Joiner, join_lines, width
from .words import language_joiner


@dataclass(slots=True)
class Draft:
    """An article's body while the pipeline builds it."""

    blocks: list[Block] = field(default_factory=list)  # BODY and SUBHEAD, reading order
    signatures: list[Block] = field(default_factory=list)  # closing authors' names
    closed: bool = False

    @property
    def first(self) -> int:
        return self.blocks[0].order if self.blocks else -1

    @property
    def last(self) -> int:
        orders = [b.order for b in self.blocks + self.signatures]
        return max(orders) if orders else -1

    def body_text(self) -> str:
        return "".join(b.text for b in self.blocks if b.role is Role.BODY)


@dataclass(slots=True)
class Orphan:
    """A block (or a stack of heading lines) not yet placed in an article."""

    role: Role  # HEADLINE, BYLINE, CAPTION, CREDIT, OTHER
    blocks: list[Block]
    after: int | None = None  # index of the draft that ended just before it
    before: int | None = None  # index of the draft that starts just after it

    @property
    def order(self) -> int:
        return self.blocks[0].order

    @property
    def text(self) -> str:
        return " ".join(b.text for b in self.blocks)


@dataclass(slots=True)
class Segmentation:
    drafts: list[Draft]
    orphans: list[Orphan]
    dropped: list[str] = field(default_factory=list)  # removed at joins, reported to the user


def segment(blocks: list[Block], conv: Conventions) -> Segmentation:
    blocks = split_closing_names(blocks, conv.marks)
    mark_captions(blocks, conv)
    drafts, orphans, maybe_subheads = _walk(blocks, conv)
    _settle_subheads(drafts, orphans, maybe_subheads, conv)
    dropped: list[str] = []
    for draft in drafts:
        draft.blocks = rejoin_cut_paragraphs(
            draft.blocks, conv.marks, dropped, language_joiner(conv)
        )
    _link_neighbours(drafts, orphans)
    return Segmentation(drafts, orphans, dropped)


def split_drafts(seg: Segmentation, cuts: set[tuple[int, int]]) -> None:
    """Cut drafts before the given blocks {(draft, block index)}: each cut starts an article."""
    for d, k in sorted(cuts, reverse=True):  # from the end: earlier indices stay valid
        draft = seg.drafts[d]
        rest = Draft(blocks=draft.blocks[k:], signatures=draft.signatures, closed=draft.closed)
        draft.blocks, draft.signatures, draft.closed = draft.blocks[:k], [], True
        seg.drafts.insert(d + 1, rest)
    _link_neighbours(seg.drafts, seg.orphans)


def split_closing_names(blocks: list[Block], marks: Marks) -> list[Block]:
    """Split one glued closing name off an article's last paragraph ("…中心。高欣")."""
    out: list[Block] = []
    for i, block in enumerate(blocks):
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        match = marks.glued_single_name.search(block.text) if block.role is Role.BODY else None
        article_ends = nxt is None or nxt.role is not Role.BODY or _opens(nxt, marks)
        if match and block.continues and article_ends:
            last = block.lines[-1]
            body = Block(Role.BODY, block.lines, block.text[: match.start()], block.order)
            name_line = Line(last.number, match.group(1), 0, last.box, last.size, last.hint)
            out += [body, Block(Role.BYLINE, [name_line], match.group(1), block.order)]
        else:
            out.append(block)
    for i, block in enumerate(out):
        block.order = i
    return out


def mark_captions(blocks: list[Block], conv: Conventions) -> None:
    """A complete paragraph followed by a photo credit is that photo's caption.

    Unless it reads as the last paragraph of the article before it: set in the
    same column width (or, with no widths known, longer than captions run)."""
    for i, block in enumerate(blocks[:-1]):
        if block.role is not Role.BODY or blocks[i + 1].role is not Role.CREDIT:
            continue
        if not conv.typesetting.terminal.search(block.text):
            continue
        prev = blocks[i - 1] if i > 0 else None
        if prev is not None and prev.role is Role.BODY and _same_column(prev, block, conv):
            continue
        block.role = Role.CAPTION


def _same_column(a: Block, b: Block, conv: Conventions) -> bool:
    """``b`` reads as more of ``a``'s article: longer than captions run, and in the same
    column width as ``a`` when widths are known."""
    long = width(b.text) > conv.segment.caption_max_width
    if a.column and b.column:
        return long and abs(a.column - b.column) <= conv.reflow.run_change
    return long


def _walk(
    blocks: list[Block], conv: Conventions
) -> tuple[list[Draft], list[Orphan], list[tuple[int, int]]]:
    """One pass in input order; returns drafts, orphans and (draft, position) of maybe-subheads."""
    drafts: list[Draft] = []
    orphans: list[Orphan] = []
    maybe: list[tuple[int, int]] = []
    heads: list[Block] = []
    for block in blocks:
        if block.role is Role.HEADLINE:
            heads.append(block)
            continue
        cur = drafts[-1] if drafts else None
        if block.role is Role.BODY:
            if heads:
                as_subhead = cur is not None and _may_be_subhead(heads, cur, block, conv)
                if as_subhead and cur is not None:
                    maybe.append((len(drafts) - 1, len(cur.blocks)))
                    for head in heads:
                        head.role = Role.SUBHEAD
                    cur.blocks.extend(heads)
                else:
                    orphans.append(Orphan(Role.HEADLINE, heads))
                    cut = cur is not None and cur.blocks and cur.blocks[-1].continues
                    if cur is not None and (not cut or any(_set_large(h) for h in heads)):
                        cur.closed = True  # a pile of headlines ends the article before it
                heads = []
            if cur is None or cur.closed or _opens(block, conv.marks):
                drafts.append(Draft())
            drafts[-1].blocks.append(block)
            continue
        if heads:
            orphans.append(Orphan(Role.HEADLINE, heads))
            heads = []
            if block.role is Role.BYLINE and cur is not None:
                cur.closed = True  # headline and byline: a new article follows
        _place_small_block(block, cur, orphans, conv.marks)
    if heads:
        orphans.append(Orphan(Role.HEADLINE, heads))
    return drafts, orphans, maybe


def _place_small_block(
    block: Block, cur: Draft | None, orphans: list[Orphan], marks: Marks
) -> None:
    """Bylines, captions, credits and jumps: closing names stay, the rest are orphans."""
    if block.role is Role.BYLINE and marks.names.match(block.text) and cur and not cur.closed:
        cur.signatures.append(block)
        cur.closed = True  # the authors' names close an article
    elif block.role is Role.JUMP and cur is not None:
        cur.blocks.append(Block(Role.BODY, block.lines, block.text, block.order))
    elif (
        block.role is Role.CAPTION
        and orphans
        and orphans[-1].role is Role.CAPTION
        and (orphans[-1].blocks[-1].order == block.order - 1)
    ):
        orphans[-1].blocks.append(block)  # one caption the image set in two blocks
    elif block.role is Role.CREDIT and orphans and orphans[-1].role is Role.CAPTION:
        orphans[-1].blocks.append(block)  # the credit closing the caption before it
    else:
        orphans.append(Orphan(block.role, [block]))


def _may_be_subhead(heads: list[Block], cur: Draft, nxt: Block, conv: Conventions) -> bool:
    """A short heading between two paragraphs of one article, with the sentence not cut."""
    return (
        not cur.closed
        and bool(cur.blocks)
        and not cur.blocks[-1].continues  # a subhead never interrupts a sentence
        and len(heads) <= conv.segment.subhead_max_lines
        and not _opens(nxt, conv.marks)
        and not any(_set_large(h) for h in heads)  # subheads are set at body size
    )


def _set_large(block: Block) -> bool:
    """The page image says the line is set large: a headline."""
    return any(line.hint is Role.HEADLINE for line in block.lines)


def _settle_subheads(
    drafts: list[Draft], orphans: list[Orphan], maybe: list[tuple[int, int]], conv: Conventions
) -> None:
    """A heading whose rare terms match the text after it, not the text before, is a headline.

    It then starts a new article there (an in-place headline, as some extractors
    keep them).
    """
    folded: dict[int, str] = {}  # each paragraph's comparison form, computed once

    def text_of(blocks: list[Block]) -> str:
        for b in blocks:
            if id(b) not in folded:
                folded[id(b)] = normalise(b.text) if b.role is Role.BODY else ""
        return "".join(folded[id(b)] for b in blocks)

    for d, pos in sorted(maybe, reverse=True):
        draft = drafts[d]
        heads = [b for b in draft.blocks[pos:] if b.role is Role.SUBHEAD]
        heads = heads[: _run_length(draft.blocks, pos)]
        after_blocks = draft.blocks[pos + len(heads) :]
        before, after = text_of(draft.blocks[:pos]), text_of(after_blocks)
        if _names_new_subject(" ".join(h.text for h in heads), before, after, conv):
            for head in heads:
                head.role = Role.HEADLINE
            draft.blocks = draft.blocks[:pos]
            drafts.insert(d + 1, Draft(blocks=after_blocks, signatures=draft.signatures))
            draft.signatures = []
            orphans.append(Orphan(Role.HEADLINE, heads))
    orphans.sort(key=lambda o: o.order)


def _names_new_subject(heading: str, before_n: str, after_n: str, conv: Conventions) -> bool:
    """Does the heading name something (a place, an organisation) that the text after it
    is about and the article before it never mentions? Then it heads a new article.
    (``before_n`` and ``after_n`` are in comparison form: evidence.normalise.)"""
    for chunk in split_terms_chunks(heading):
        for name in longest_shared_runs(chunk, after_n):
            if (
                len(name) >= conv.segment.subject_min_chars
                and name not in before_n
                and after_n.count(name) >= conv.segment.subject_min_mentions
            ):
                return True
    return False


def _run_length(blocks: list[Block], pos: int) -> int:
    n = 0
    while pos + n < len(blocks) and blocks[pos + n].role is Role.SUBHEAD:
        n += 1
    return n


def rejoin_cut_paragraphs(
    blocks: list[Block], marks: Marks, dropped: list[str], joiner: Joiner = CJK_JOINS
) -> list[Block]:
    """Join a paragraph cut mid-sentence (by a column or page break) to the next paragraph.

    The characters the join removes (a soft hyphen) are added to ``dropped``."""
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.role is Role.BODY
            and block.role is Role.BODY
            and prev.continues
            and not _opens(block, marks)
        ):
            text, removed = join_lines([prev.text, block.text], joiner)
            dropped.extend(removed)
            merged = Block(Role.BODY, prev.lines + block.lines, text, prev.order)
            merged.continues = block.continues
            out[-1] = merged
        else:
            out.append(block)
    return out


def _link_neighbours(drafts: list[Draft], orphans: list[Orphan]) -> None:
    """Note, for each orphan, the article that ends just before it and the one starting after.

    Drafts are in reading order, so their first and last block orders are sorted:
    a binary search per orphan keeps this linear in the page length."""
    firsts = [d.first for d in drafts]
    lasts = [d.last for d in drafts]
    for orphan in orphans:
        k = bisect.bisect_left(lasts, orphan.order)
        orphan.after = k - 1 if k > 0 else None
        j = bisect.bisect_right(firsts, orphan.order)
        orphan.before = j if j < len(drafts) else None


def _opens(block: Block, marks: Marks) -> bool:
    return block.role is Role.BODY and marks.opener.match(block.lines[0].text) is not None
