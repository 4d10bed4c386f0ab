"""The library API: run the stages in order and build the page result.

    read → reflow → segment → assign → (build) → export

``process_text`` and ``process_lines`` are pure: input in, result out.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .assemble import assemble, has_geometry
from .assign import Assignment, Placement, assign, headless_joins, hidden_boundaries
from .band import align_headline_band
from .columns_text import rethread
from .conventions import Conventions
from .errors import InputError, RelayoutError
from .furniture import split_furniture
from .language import resolve_language
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
    assign_ids,
)
from .options import Options
from .read import split_lines
from .reflow import reflow
from .segment import (
    Draft,
    Orphan,
    Segmentation,
    join_drafts,
    role_reasons,
    segment,
    split_drafts,
)
from .sources import PageInput, read_pages
from .sources.declared import from_declared
from .text import remove_justification_spaces
from .topics import weakest_breaks

if TYPE_CHECKING:
    from .pageimage import PageLayout


def process_text(text: str, source: str = "<text>", options: Options | None = None) -> PageResult:
    """Re-flow and structure the text of one page."""
    return process_lines(split_lines(text), source, options)


def process_lines(lines: list[Line], source: str, options: Options | None = None) -> PageResult:
    """The text stages on lines from any origin (a text file, OCR, aligned text)."""
    options = options or Options()
    conv = resolve_language(options.conventions, (ln.text for ln in lines))
    every_line = list(lines)  # as the input has them: the XML formats cut fields by line
    notes: list[str] = []
    if options.columns == "auto":
        lines, columns = rethread(lines, conv)
        if columns.found:  # said in the JSON's notes; --explain lists the runs
            notes.append(columns.note())
            if options.explain:
                notes.extend(columns.describe())
    lines, furniture = split_furniture(lines, conv)
    flowed = reflow(lines, conv)
    seg = segment(flowed.blocks, conv)
    placed = find_hidden_articles(seg, assign(seg, conv), conv)
    placed = align_headline_band(seg, placed, conv)  # headlines given after their articles
    result = build_result(source, seg.drafts, placed)
    result.dropped = flowed.dropped + seg.dropped
    result.lines = every_line
    result.notes = notes
    if options.explain:  # why each line break and role: the --explain report and JSON
        result.breaks, result.reasons = flowed.line_breaks(), role_reasons(seg)
    # Running heads, folios, rubrics: the page's, no article's (reported, not dropped).
    result.unassigned += [Unassigned(Role.OTHER, ln.text.strip(), [ln.number]) for ln in furniture]
    assign_ids(result)  # the furniture's unassigned blocks get theirs (the rest keep theirs)
    return result


def find_hidden_articles(seg: Segmentation, placed: Assignment, conv: Conventions) -> Assignment:
    """Headlines left without an article are signs of articles hidden in others: split
    where a headline's words part from the article's own, and for the rest where the
    words change most; then assign again (at most ``hidden_split_rounds`` times).
    Then join articles left without a headline to the neighbour whose headline names
    them too (assign.headless_joins)."""
    rules = conv.assign
    for _ in range(rules.hidden_split_rounds):
        if not placed.homeless:
            break
        cuts = hidden_boundaries(seg, placed, rules)
        wanted = min(len(placed.homeless), rules.hidden_splits_max) - len(cuts)
        most = conv.latin.topic_max_cohesion  # on a Latin-script page (compared by words)
        cuts |= set(weakest_breaks(seg.drafts, wanted, cuts, conv.topics, seg.terms, most))
        if not cuts:
            break
        split_drafts(seg, cuts)
        placed = assign(seg, conv)
    # The other way round: an article without a headline may be the rest of its neighbour.
    joins = headless_joins(seg, placed, rules)
    if joins:
        join_drafts(seg, joins)
        placed = assign(seg, conv)
    return placed


def process_path(path: str, options: Options | None = None) -> PageResult:
    """Read one page (a text file or ``-``, a page image, a one-page PDF, hOCR, ALTO or
    PAGE XML; the kind told by content) and process it. A document with several pages
    selected is an InputError: use ``process_pages``."""
    options = options or Options()
    pages = read_pages(path, options)
    first = next(pages, None)
    if first is None:
        raise InputError(path, "no page to read")
    result = process_page(first, options)  # before the next page: it may remove temp files
    if next(pages, None) is not None:
        raise InputError(path, "several pages: use process_pages() or Options(pages=...)")
    return result


def process_pages(path: str, options: Options | None = None) -> Iterator[PageResult]:
    """Every page of an input, one result each (lazily: a long PDF is read page by page)."""
    options = options or Options()
    for page in read_pages(path, options):
        yield process_page(page, options)


# Sources whose lines carry boxes and type sizes: the geometry-first assembly reads them.
GEOMETRY_KINDS = ("pdf", "hocr", "alto", "page")


def process_page(page: PageInput, options: Options | None = None) -> PageResult:
    """One page input from any reader through the text stages (or the image path)."""
    options = options or Options()
    if page.image is not None:
        from .pageimage import read_image  # the text path needs no OpenCV

        try:
            lines, layout = read_image(Path(page.image), options)
            result = image_result(lines, layout, str(page.image), options)
        except RelayoutError as exc:  # name the page, not the rendering's temporary file
            if page.kind == "image":
                raise
            raise type(exc)(page.name, exc.problem) from None
        result.source = page.source
    elif page.kind == "text" and options.image is not None:
        from .pageimage import add_geometry, place_on_image

        placed = place_on_image(page.lines, page.source, options)
        result = process_lines(page.lines if placed is None else placed[0], page.source, options)
        if placed is not None:
            result = add_geometry(result, placed[1])
    elif page.declares_articles:  # the source's own articles lead (sources/declared.py)
        conv = resolve_language(options.conventions, (ln.text for ln in page.lines))
        result = from_declared(page, conv)
    elif page.kind == "hocr" and has_geometry(page, options.conventions.assembly):
        result = hocr_result(page, options)
    elif page.kind in GEOMETRY_KINDS and has_geometry(page, options.conventions.assembly):
        conv = resolve_language(options.conventions, (ln.text for ln in page.lines))
        result = assemble(_with_photos(page, options), conv)
    else:
        result = process_lines(page.lines, page.source, options)
        if page.kind != "text":
            result.size = page.size
            result.unit = page.unit
            result.dropped = [*page.dropped, *result.dropped]
            for article in result.articles:
                article.box = BBox.enclosing(
                    [p.box for p in article.paragraphs if p.box is not None]
                    + [c.box for c in article.captions if c.box is not None]
                )
    result.page = page.page
    result.notes = list(page.notes) + result.notes
    return result


def image_result(
    lines: list[Line], layout: PageLayout, source: str, options: Options
) -> PageResult:
    """A page image's OCR'd lines: assembled from their geometry (boxes, glyph sizes, the
    photos and rules the analysis found) when some line is set as a headline, else
    through the text stages; the page's geometry added either way."""
    from .pageimage import add_geometry, as_page_input

    page = as_page_input(lines, layout, source, options.conventions.image)
    if has_geometry(page, options.conventions.assembly):
        conv = resolve_language(options.conventions, (ln.text for ln in lines))
        return add_geometry(assemble(page, conv), layout)
    return add_geometry(process_lines(lines, source, options), layout)


def hocr_result(page: PageInput, options: Options) -> PageResult:
    """An OCR engine's hOCR as the image path reads a page image: the same assembly, the
    columns from the line boxes and the photos of ``--image`` (pageimage/ocrsource.py)."""
    from .pageimage import add_geometry
    from .pageimage.ocrsource import ocr_layout

    page, layout = ocr_layout(page, options)
    conv = resolve_language(options.conventions, (ln.text for ln in page.lines))
    return add_geometry(assemble(page, conv), layout)


def _with_photos(page: PageInput, options: Options) -> PageInput:
    """ALTO or PAGE XML with ``--image``: the image's photos added (pageimage/ocrsource.py)."""
    if options.image is None or page.kind not in ("alto", "page"):
        return page
    from .pageimage.ocrsource import with_image_photos

    return with_image_photos(page, options)


def build_result(source: str, drafts: list[Draft], placed: Assignment) -> PageResult:
    articles = [_article(i, d, placed) for i, d in enumerate(drafts)]
    result = PageResult(source=source)
    photo_items: list[tuple[int, Article]] = []
    moved: list[tuple[Move, int, list[_Slot]]] = []  # a move, its article, the pieces it gave
    for p in placed.placements:
        if p.article is not None:
            slots = _attach(articles[p.article], p)
            if _moved(p, drafts[p.article]):
                moved.append((_move(p), p.article, slots))
        elif p.orphan.role in (Role.CAPTION, Role.CREDIT):
            photo_items.append((p.orphan.order, _photo_item(p.orphan)))
        else:
            result.unassigned.extend(_unassigned(p.orphan))
    ordered = [(d.first, a) for d, a in zip(drafts, articles, strict=True)] + photo_items
    ordered.sort(key=lambda pair: pair[0])
    result.articles = [a for _, a in ordered]
    caption_places = [_sort_captions(a) for a in articles]
    for _, item in photo_items:
        _sort_captions(item)
    result.moves = [move for move, _, _ in moved]
    assign_ids(result)
    for move, i, slots in moved:
        move.to_article = articles[i].id
        move.pieces = [_piece_id(articles[i], slot, caption_places[i]) for slot in slots]
    return result


# Where _attach put a piece: ("h", index in headline), ("b", length of bylines just
# before the piece went in at their front) or ("c", index in captions before sorting).
_Slot = tuple[str, int]


def _sort_captions(article: Article) -> list[int]:
    """Sort the captions by their first input line; return where each one went."""
    order = sorted(
        range(len(article.captions)),
        key=lambda k: article.captions[k].lines[0] if article.captions[k].lines else 0,
    )
    article.captions = [article.captions[k] for k in order]
    places = [0] * len(order)
    for new, old in enumerate(order):
        places[old] = new
    return places


def _piece_id(article: Article, slot: _Slot, caption_places: list[int]) -> str:
    kind, k = slot
    if kind == "h":
        return article.headline_ids[k]
    if kind == "b":  # each later insert at the front pushed it one place on
        return article.byline_ids[len(article.bylines) - 1 - k]
    return article.captions[caption_places[k]].id


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


def _attach(article: Article, p: Placement) -> list[_Slot]:
    slots: list[_Slot] = []
    for block in p.orphan.blocks:
        if p.orphan.role is Role.HEADLINE:
            slots.append(("h", len(article.headline)))
            article.headline.append(block.text)
            article.headline_lines.extend(block.numbers)
            if block.box is not None:
                article.headline_box = (
                    block.box
                    if article.headline_box is None
                    else article.headline_box.union(block.box)
                )
        elif p.orphan.role is Role.BYLINE:
            slots.append(("b", len(article.bylines)))
            article.bylines.insert(0, block.text)
            article.byline_lines[:0] = block.numbers  # in the bylines' order (Article)
        else:
            slots.append(("c", len(article.captions)))
            role = Role.CREDIT if block.role is Role.CREDIT else Role.CAPTION
            article.captions.append(Caption(role, block.text, block.numbers, block.box))
    return slots


def _moved(p: Placement, draft: Draft) -> bool:
    """In place means right before the article's first paragraph (bylines between)."""
    return not (
        p.orphan.role in (Role.HEADLINE, Role.BYLINE)
        and p.orphan.before is not None
        and draft.first - p.orphan.blocks[-1].order <= 2
        and draft.first > p.orphan.order
    )


def _move(p: Placement) -> Move:
    lines = [n for b in p.orphan.blocks for n in b.numbers]
    return Move(
        role=p.orphan.role,
        text=p.orphan.text,
        lines=lines,
        from_position=p.orphan.order,
        to_article="",  # the article's id, given once the articles are in reading order
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
    role = role if role is not Role.OTHER else block.role
    return Unassigned(role, block.text, block.numbers, block.box)


__all__ = [
    "InputError",
    "process_lines",
    "process_page",
    "process_pages",
    "process_path",
    "process_text",
]
