"""Geometry-first article assembly for every source whose lines have boxes and sizes.

    lines → rows and pieces (pieces.py) → articles by column flow (regions.py)
    → headline lines, bylines, paragraphs, captions (build.py) → PageResult

PDF text layers, hOCR, ALTO and PAGE XML know where each line is and how large its
type is: headlines are found by size, articles by where their pieces stand, paragraphs
by indentation. The text path (reflow, segment, assign) reads the same lines when the
geometry leaves the page open: no boxes, or no line set larger than the body.
Every threshold of the assembly is a rule of ``Conventions.assembly``
(layout/assembly_rules.py), handed down from ``assemble``.
"""

from __future__ import annotations

from layout.assembly_rules import Assembly
from layout.conventions import Conventions
from layout.model import Article, PageResult, Role, Unassigned, assign_ids
from layout.sources.page import PageInput
from layout.words import page_joiner

from .build import build_article, page_measures
from .pieces import LEFT_OUT, Piece, pieces_of
from .regions import assign_articles

__all__ = ["assemble", "has_geometry"]


def has_geometry(page: PageInput, assembly: Assembly) -> bool:
    """Boxes and type sizes on (nearly) every line, and some line set as a headline."""
    lines = page.lines
    boxed = sum(1 for ln in lines if ln.box is not None and ln.size)
    if not lines or boxed < assembly.boxed_share * len(lines):
        return False
    return any(ln.hint is Role.HEADLINE for ln in lines)


def assemble(page: PageInput, conv: Conventions) -> PageResult:
    """The page's articles from its geometry (see has_geometry for when it applies)."""
    pieces, em = pieces_of(page, conv.assembly)
    joiner = page_joiner(conv, (ln.text for ln in page.lines))
    measures = page_measures(pieces, em, joiner, conv)
    owner = assign_articles(pieces, page.rules, em, conv.assembly)
    groups: dict[int, list[Piece]] = {}
    for i in sorted(owner, key=lambda i: (pieces[i].box.y0, pieces[i].box.x0)):
        groups.setdefault(owner[i], []).append(pieces[i])
    result = PageResult(source=page.source)
    articles: list[Article] = []
    for members in groups.values():
        article, left = build_article(members, measures)
        result.unassigned += left
        if article.headline or article.paragraphs or article.captions or article.bylines:
            articles.append(article)
    result.articles = sorted(articles, key=_reading_key)
    result.unassigned += [_left_out(p) for p in pieces if p.kind in LEFT_OUT]
    _keep_every_line(result, page, owner, pieces)
    result.dropped = [*page.dropped, *measures.dropped]
    result.lines = list(page.lines)
    result.size = page.size
    result.unit = page.unit
    assign_ids(result)
    return result


def _reading_key(article: Article) -> tuple[int, int]:
    box = article.box
    return (0, 0) if box is None else (box.y0, box.x0)


def _left_out(piece: Piece) -> Unassigned:
    text = " ".join(r.text for r in piece.rows)
    return Unassigned(Role.OTHER, text, [n for r in piece.rows for n in r.numbers], piece.box)


def _keep_every_line(
    result: PageResult, page: PageInput, owner: dict[int, int], pieces: list[Piece]
) -> None:
    """Lines without a box are in no piece: they go to the unassigned blocks, so that
    every character is still there once."""
    for line in page.lines:
        if line.box is None and line.text.strip():
            result.unassigned.append(Unassigned(Role.OTHER, line.text.strip(), [line.number]))
