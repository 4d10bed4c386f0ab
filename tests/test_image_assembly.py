"""The geometry-first assembly on lines OCR'd from a page image.

Sizes measured on an image wobble (glyph heights in steps of the analysis' downscale),
and OCR reads block by block in relayout's own order. These tests build such lines by
hand, with the wobble of a 200 dpi page (body glyphs 23-27 px, captions 21-23 px), and
check each rule that copes with it: the size by advance of full-width text, the
tolerance on small type, the lone line inside a block, the paragraph's last line, the
fragments of one printed line, and lines that continue a block read earlier.
"""

from __future__ import annotations

import itertools

from layout.assemble import assemble, has_geometry
from layout.assemble.pieces import pieces_of
from layout.conventions import CHINESE
from layout.model import BBox, Line, Role
from layout.pageimage.typesize import fragments_together, measured_sizes
from layout.sources.page import PageInput

RULES = CHINESE.image
BODY = "这是一个正文的句子内容在这里继续写下去"  # 20 full-width characters: one measure
WOBBLE = (23.0, 25.0, 27.0, 24.0, 26.0, 25.0)  # glyph heights of body lines, px


def _line(n: int, text: str, x0: int, y0: int, size: float, em: float = 25.0) -> Line:
    """A line of ``text`` set at ``em`` px a character, ``size`` its measured height."""
    return Line(n, text, box=BBox(x0, y0, x0 + round(em * len(text)), y0 + round(size)), size=size)


def _column(first: int, x0: int, y0: int, count: int, last: str = "") -> list[Line]:
    lines = [
        _line(first + i, BODY, x0, y0 + 40 * i, size)
        for i, size in zip(range(count), itertools.cycle(WOBBLE), strict=False)
    ]
    if last:
        lines.append(_line(first + count, last, x0, y0 + 40 * count, 22.0))
    return lines


def _page(lines: list[Line], noise: float = RULES.size_noise) -> PageInput:
    return PageInput(
        "p.png",
        "image",
        lines=measured_sizes(lines, RULES),
        size=(2000, 3000),
        size_noise=noise,
        ordered=False,
    )


def test_full_width_lines_take_their_size_from_their_advance() -> None:
    """20 characters over 500 px: 25 px a character, whatever the glyph height says; the
    size is the mean of the two measures, so a 23 px line comes nearer the body."""
    lines = [_line(1, BODY, 0, 0, 23.0), _line(2, BODY, 0, 40, 27.0), _line(3, BODY, 0, 80, 25.0)]
    sizes = [line.size for line in measured_sizes(lines, RULES)]
    assert sizes[0] is not None and sizes[1] is not None
    assert 23.0 < sizes[0] < 25.0 < sizes[1] < 27.0


def test_an_advance_that_disagrees_with_the_height_is_not_used() -> None:
    """OCR that read half a line's characters makes its advance twice the em: the
    glyph height alone is kept."""
    half = _line(4, BODY[:10], 0, 120, 25.0, em=50.0)
    lines = [_line(i, BODY, 0, 40 * i, 25.0) for i in range(1, 4)] + [half]
    assert measured_sizes(lines, RULES)[-1].size == 25.0


def test_latin_lines_keep_their_glyph_height() -> None:
    line = Line(1, "An English line of text", box=BBox(0, 0, 400, 20), size=20.0)
    assert measured_sizes([line], RULES)[0].size == 20.0


def test_body_lines_that_measure_small_stay_in_their_paragraph() -> None:
    """Body glyph heights 23-27 px: with the image's noise none of them is small type
    and the column is one body piece; with a PDF's exact sizes (noise 0) it breaks."""
    lines = _column(1, 100, 100, 12)
    pieces, _ = pieces_of(_page(lines), CHINESE.assembly)
    assert [p.kind for p in pieces] == ["body"]
    exact = [
        _line(ln.number, ln.text, 100, 100 + 40 * i, ln.size or 0, em=ln.size or 0)
        for i, ln in enumerate(lines)
    ]
    assert len(pieces_of(_page(exact, noise=0.0), CHINESE.assembly)[0]) > 1


def test_a_lone_line_of_another_size_inside_a_block_is_of_the_block() -> None:
    """One line measured at 0.8 of the body in the middle of a paragraph (its glyphs
    are low: digits, punctuation) is still the paragraph's."""
    lines = _column(1, 100, 100, 6)
    lines[3] = _line(4, BODY, 100, 220, 18.0, em=20.0)
    pieces, _ = pieces_of(_page(lines), CHINESE.assembly)
    assert [p.kind for p in pieces] == ["body"]


def test_a_short_last_line_flush_left_ends_the_paragraph() -> None:
    """The paragraph's last line (few characters, ending in a full stop whose ink is
    low) is body; a short line set flush right under it is the closing byline."""
    last = _column(1, 100, 100, 6, last="量明显提升。")
    assert [p.kind for p in pieces_of(_page(last), CHINESE.assembly)[0]] == ["body"]
    signed = _column(1, 100, 100, 6)
    signed.append(_line(7, "李某某", 100 + 500 - 66, 100 + 40 * 6, 20.0, em=22.0))
    assert [p.kind for p in pieces_of(_page(signed), CHINESE.assembly)[0]] == ["body", "small"]


def test_fragments_of_one_printed_line_are_read_together() -> None:
    """A headline line the analysis cut in two blocks, OCR'd apart: the right fragment
    comes right after the left one."""
    left = _line(1, "标题的左", 100, 50, 80.0, em=80.0)
    body = _line(2, BODY, 100, 200, 25.0)
    right = _line(3, "半和右半", 100 + 320 + 10, 52, 78.0, em=80.0)
    read = fragments_together([left, body, right], RULES.fragment_reach)
    assert [ln.number for ln in read] == [1, 3, 2]


def test_a_line_read_later_continues_the_block_it_stands_under() -> None:
    """OCR read a column's lower half after another column: the assembly still puts the
    two halves in one paragraph (the lines' order is relayout's own guess)."""
    upper = _column(1, 100, 300, 4)
    other = _column(5, 700, 300, 4)
    lower = _column(9, 100, 460, 4)
    head = [_line(20, "标题", 100, 100, 80.0, em=80.0)]
    head[0].hint = Role.HEADLINE
    page = _page(head + upper + other + lower)
    pieces, _ = pieces_of(page, CHINESE.assembly)
    left = [p for p in pieces if p.kind == "body" and p.box.x0 == 100]
    assert len(left) == 1 and len(left[0].rows) == 8
    assert has_geometry(page, CHINESE.assembly)
    result = assemble(page, CHINESE)
    assert sum(len(a.paragraphs) for a in result.articles) >= 1
