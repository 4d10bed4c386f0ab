"""The library API: run the stages in order and build the page result.

    read → reflow → segment → assign → (build) → export

``process_text`` and ``process_lines`` are pure: input in, result out.
"""

from __future__ import annotations

from pathlib import Path

from . import rules
from .assign import Assignment, Placement, assign, hidden_boundaries
from .errors import InputError
from .model import (
    Article,
    BBox,
    Block,
    Caption,
    Line,
    Move,
    PageResult,
    Paragraph,
    Role,
    Unassigned,
)
from .options import Options
from .read import decode, read_source, split_lines
from .reflow import reflow
from .segment import Draft, Orphan, Segmentation, segment, split_drafts
from .text import remove_justification_spaces
from .topics import weakest_breaks

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp"}


def process_text(text: str, source: str = "<text>", options: Options | None = None) -> PageResult:
    """Re-flow and structure the text of one page."""
    return process_lines(split_lines(text), source, options)


def process_lines(lines: list[Line], source: str, options: Options | None = None) -> PageResult:
    """The text stages on lines from any origin (a text file, OCR, aligned text)."""
    flowed = reflow(lines)
    seg = segment(flowed.blocks)
    placed = find_hidden_articles(seg, assign(seg))
    result = build_result(source, seg.drafts, placed)
    result.dropped = flowed.dropped + seg.dropped
    return result


def find_hidden_articles(seg: Segmentation, placed: Assignment) -> Assignment:
    """Headlines left without an article are signs of articles hidden in others: split
    where a headline's words part from the article's own, and for the rest where the
    words change most; then assign again (at most HIDDEN_SPLIT_ROUNDS times)."""
    for _ in range(rules.HIDDEN_SPLIT_ROUNDS):
        if not placed.homeless:
            break
        cuts = hidden_boundaries(seg, placed)
        wanted = min(len(placed.homeless), rules.HIDDEN_SPLITS_MAX) - len(cuts)
        cuts |= set(weakest_breaks(seg.drafts, wanted, cuts))
        if not cuts:
            break
        split_drafts(seg, cuts)
        placed = assign(seg)
    return placed


def process_path(path: str, options: Options | None = None) -> PageResult:
    """Read a text file (or ``-``) or a page image and process it."""
    options = options or Options()
    if path != "-" and Path(path).suffix.lower() in IMAGE_SUFFIXES:
        from .pageimage import process_image  # imported here: the text path needs no OpenCV

        return process_image(Path(path), options)
    source, data = read_source(path)
    text = decode(data, source)
    if options.image is not None:
        from .pageimage import process_text_with_image

        return process_text_with_image(split_lines(text), source, options)
    return process_text(text, source, options)


def build_result(source: str, drafts: list[Draft], placed: Assignment) -> PageResult:
    articles = [_article(i, d, placed) for i, d in enumerate(drafts)]
    result = PageResult(source=source)
    photo_items: list[tuple[int, Article]] = []
    for p in placed.placements:
        if p.article is not None:
            _attach(articles[p.article], p)
            if _moved(p, drafts[p.article]):
                result.moves.append(_move(p, p.article))
        elif p.orphan.role in (Role.CAPTION, Role.CREDIT):
            photo_items.append((p.orphan.order, _photo_item(p.orphan)))
        else:
            result.unassigned.extend(_unassigned(p.orphan))
    ordered = [(d.first, a) for d, a in zip(drafts, articles, strict=True)] + photo_items
    ordered.sort(key=lambda pair: pair[0])
    result.articles = [a for _, a in ordered]
    ids = {id(a): f"a{n}" for n, a in enumerate(result.articles, start=1)}
    for article in result.articles:
        article.id = ids[id(article)]
    for move in result.moves:
        move.to_article = ids[id(articles[int(move.to_article)])]
    for article in result.articles:
        article.captions.sort(key=lambda c: c.lines[0] if c.lines else 0)
    return result


def _article(i: int, draft: Draft, placed: Assignment) -> Article:
    article = Article(id=str(i))
    for block in draft.blocks:
        if block.role is Role.SUBHEAD:
            # A heading's phrase spaces are typography; inside the text they go.
            text = remove_justification_spaces(block.text)
            article.paragraphs.append(Paragraph(Role.SUBHEAD, text, block.numbers, block.box))
        else:
            article.paragraphs.append(Paragraph(Role.BODY, block.text, block.numbers, block.box))
    for sig in draft.signatures:
        article.bylines.append(sig.text)
        article.byline_lines.extend(sig.numbers)
    heads = placed.headlines.get(i, [])
    if heads:
        article.headline_confidence = min(p.confidence for p in heads)
    return article


def _attach(article: Article, p: Placement) -> None:
    for block in p.orphan.blocks:
        if p.orphan.role is Role.HEADLINE:
            article.headline.append(block.text)
            article.headline_lines.extend(block.numbers)
            if block.box is not None:
                article.headline_box = (
                    block.box
                    if article.headline_box is None
                    else article.headline_box.union(block.box)
                )
        elif p.orphan.role is Role.BYLINE:
            article.bylines.insert(0, block.text)
            article.byline_lines.extend(block.numbers)
        elif block.role is Role.CREDIT:
            article.captions.append(Caption(Role.CREDIT, block.text, block.numbers, block.box))
        else:
            article.captions.append(Caption(Role.CAPTION, block.text, block.numbers, block.box))


def _moved(p: Placement, draft: Draft) -> bool:
    """In place means right before the article's first paragraph (bylines between)."""
    return not (
        p.orphan.role in (Role.HEADLINE, Role.BYLINE)
        and p.orphan.before is not None
        and draft.first - p.orphan.blocks[-1].order <= 2
        and draft.first > p.orphan.order
    )


def _move(p: Placement, article: int) -> Move:
    lines = [n for b in p.orphan.blocks for n in b.numbers]
    return Move(
        role=p.orphan.role,
        text=p.orphan.text,
        lines=lines,
        from_position=p.orphan.order,
        to_article=str(article),
        confidence=p.confidence,
        evidence=p.evidence,
        box=BBox.enclosing([b.box for b in p.orphan.blocks if b.box is not None]),
    )


def _photo_item(orphan: Orphan) -> Article:
    item = Article(id="")
    for block in orphan.blocks:
        role = Role.CREDIT if block.role is Role.CREDIT else Role.CAPTION
        item.captions.append(Caption(role, block.text, block.numbers, block.box))
    return item


def _unassigned(orphan: Orphan) -> list[Unassigned]:
    return [_unassigned_block(b, orphan.role) for b in orphan.blocks]


def _unassigned_block(block: Block, role: Role) -> Unassigned:
    return Unassigned(role if role is not Role.OTHER else block.role, block.text, block.numbers)


__all__ = ["InputError", "process_lines", "process_path", "process_text"]
