"""The geometry-first assembly on lines OCR'd from a page image.

Sizes measured on an image wobble (glyph heights in steps of the analysis' downscale),
and OCR reads block by block in relayout's own order. These tests build such lines by
hand, with the wobble of a 200 dpi page (body glyphs 23-27 px, captions 21-23 px), and
check each rule that copes with it: the size by advance of full-width text, the
tolerance on small type, the lone line inside a block, the paragraph's last line, the
fragments of one printed line, and lines that continue a block read earlier.
"""

from __future__ import annotations

import dataclasses
import itertools

import pytest

from layout.assemble import assemble, has_geometry
from layout.assemble.pieces import pieces_of
from layout.conventions import CHINESE
from layout.model import BBox, Line, Role
from layout.pageimage import as_page_input
from layout.pageimage.page import PageLayout, Rule
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
    read = fragments_together([left, body, right], RULES)
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


def _head(n: int, text: str, x0: int, y0: int) -> Line:
    line = _line(n, text, x0, y0, 80.0, em=80.0)
    line.hint = Role.HEADLINE
    return line


def _even_column(first: int, x0: int, y0: int, count: int) -> list[Line]:
    return [_line(first + i, BODY, x0, y0 + 40 * i, 25.0) for i in range(count)]


def test_a_first_line_barely_larger_under_a_headline_opens_the_column() -> None:
    """The column's first line, indented, measures 1.12 of the body (its box holds a
    comma's descent): set in the column's measure under the headline, it is body. A
    line as large spanning beyond the column is the headline's (a subtitle)."""
    head = _head(1, "标题在这里", 100, 100)
    first = Line(2, BODY[2:], box=BBox(150, 220, 600, 248), size=28.5)
    column = _even_column(3, 100, 260, 5)
    page = PageInput("p.png", "image", lines=[head, first, *column], size_noise=0.05)
    pieces, _ = pieces_of(dataclasses.replace(page, ordered=False), CHINESE.assembly)
    assert [(p.kind, len(p.rows)) for p in pieces] == [("head", 1), ("body", 6)]
    wide = dataclasses.replace(first, box=BBox(20, 220, 700, 248))
    pieces, _ = pieces_of(
        dataclasses.replace(page, lines=[head, wide, *column], ordered=False), CHINESE.assembly
    )
    assert [(p.kind, len(p.rows)) for p in pieces] == [("head", 2), ("body", 5)]


def test_a_caption_cut_into_pieces_under_its_photo_is_one_caption() -> None:
    """The reader cut a wide caption's rows at their word spaces and read the pieces
    apart: under the photo they are one caption again, read row by row, and its credit
    (the last row's end) is cut off as the credit."""
    photo = BBox(100, 100, 900, 600)
    caption = [
        _line(10, "这是图片说明的第一行文", 100, 610, 21.0, em=22.0),
        _line(11, "字继续说明", 100 + 242 + 20, 610, 21.0, em=22.0),
        _line(12, "第二行说明文字。", 100, 640, 21.0, em=22.0),
        _line(13, "本报记者 张三 摄", 100 + 176 + 20, 640, 21.0, em=22.0),
    ]
    lines = [*_even_column(1, 1000, 100, 8), caption[0], caption[2], caption[1], caption[3]]
    page = PageInput(
        "p.png", "image", lines=lines, figures=(photo,), size_noise=0.05, ordered=False
    )
    small = [p for p in pieces_of(page, CHINESE.assembly)[0] if p.kind == "small"]
    assert [[ln.number for ln in r.lines] for p in small for r in p.rows] == [[10, 11], [12, 13]]
    (item,) = [a for a in assemble(page, CHINESE).articles if a.captions]
    assert [(c.role, c.text) for c in item.captions] == [
        (Role.CAPTION, "这是图片说明的第一行文字继续说明第二行说明文字。"),
        (Role.CREDIT, "本报记者 张三 摄"),
    ]


def test_fragments_of_a_headline_row_are_one_headline_unless_ruled_apart() -> None:
    """A wide-set headline the reader cut in three (a glyph lost between two): one row
    of one headline. With a column rule between two fragments, they are two headlines
    side by side."""
    parts = [_head(1, "第一", 100, 100), _head(2, "提高产业", 100 + 160 + 100, 104)]
    parts.append(_head(3, "技术水平", 100 + 160 + 100 + 320 + 30, 100))
    lines = [parts[0], *_even_column(4, 100, 260, 4), *parts[1:]]  # OCR read them apart
    page = PageInput("p.png", "image", lines=lines, size_noise=0.05, ordered=False)
    heads = [p for p in pieces_of(page, CHINESE.assembly)[0] if p.kind == "head"]
    assert [[ln.number for ln in r.lines] for p in heads for r in p.rows] == [[1, 2, 3]]
    rule = BBox(100 + 160 + 40, 50, 100 + 160 + 44, 900)
    ruled = dataclasses.replace(page, rules=(rule,))
    heads = [p for p in pieces_of(ruled, CHINESE.assembly)[0] if p.kind == "head"]
    assert sorted([ln.number for r in p.rows for ln in r.lines] for p in heads) == [[1], [2, 3]]


def test_a_credit_measured_at_body_size_under_a_caption_is_the_credit() -> None:
    """On a scan the credit under a caption measured as large as the body: worded as a
    credit, in an article with a photo, it is the photo's credit, not a paragraph."""
    photo = BBox(100, 300, 600, 700)
    head = _head(1, "标题在这里", 100, 100)
    caption = _line(2, "图片说明的文字内容。", 100, 710, 21.0, em=22.0)
    credit = _line(3, "图片来源：某某单位", 300, 800, 25.0)
    lines = [head, caption, credit, *_even_column(4, 700, 300, 8)]
    page = PageInput(
        "p.png", "image", lines=lines, figures=(photo,), size_noise=0.05, ordered=False
    )
    captions = [c for a in assemble(page, CHINESE).articles for c in a.captions]
    assert [(c.role, c.text) for c in captions] == [
        (Role.CAPTION, "图片说明的文字内容。"),
        (Role.CREDIT, "图片来源：某某单位"),
    ]


def test_a_kicker_measured_at_body_size_centred_over_the_headline_is_the_headline_s() -> None:
    """A kicker set a little larger than the body measured as body on the image: centred
    right over the headline, it is the first line of the headline block. The last lines
    of a column standing right over a headline are flush left: they stay body."""
    head = _head(1, "主标题的文字内容很长", 300, 200)  # 800 px wide, centre 700
    kicker = _line(2, "引题的文字内容", 700 - 87, 150, 25.0)  # 7 x 25 px, centred
    below = _even_column(10, 300, 320, 6)
    page = PageInput("p.png", "image", lines=[kicker, head, *below], size_noise=0.05, ordered=False)
    (heads,) = [p for p in pieces_of(page, CHINESE.assembly)[0] if p.kind == "head"]
    assert [r.text for r in heads.rows] == ["引题的文字内容", "主标题的文字内容很长"]
    above = _even_column(3, 300, 115, 2)  # a column's last two lines, 20 px over the head
    flush = dataclasses.replace(page, lines=[*above, head, *below])
    (heads,) = [p for p in pieces_of(flush, CHINESE.assembly)[0] if p.kind == "head"]
    assert [r.text for r in heads.rows] == ["主标题的文字内容很长"]


def test_a_caption_line_cut_at_a_gutter_is_read_together_whatever_the_order() -> None:
    """A caption under a photo two columns wide: the grid cut its line where it crosses
    the gutter, and the right-hand fragment was read first. It is put right after its
    left fragment (a gutter apart: about one glyph height); display type that far apart
    (two articles' headlines, level) is not brought together."""
    left = _line(1, "民自发组织成立挖掘整理", 100, 700, 22.0, em=22.0)
    right = _line(2, "五部走村串户", 100 + 242 + 20, 700, 22.0, em=22.0)
    column = _column(3, 1000, 100, 5)
    read = fragments_together([right, *column, left], RULES)
    numbers = [ln.number for ln in read]
    assert numbers.index(2) == numbers.index(1) + 1
    head_a = _line(10, "左边标题", 100, 100, 80.0, em=80.0)
    head_b = _line(11, "右边标题", 100 + 320 + 30, 100, 80.0, em=80.0)
    read = fragments_together([head_b, *column, head_a], RULES)
    assert [ln.number for ln in read][-1] == 10


def test_a_centred_row_under_the_headline_is_its_subtitle_even_at_body_size() -> None:
    """The author's line of a commentary (or a subtitle) centred right under the title,
    measured at the body's size: the second line of the headline, not the first line of
    the text. The body's first line under a headline fills the column's measure: body."""
    head = _head(1, "主标题的文字", 350, 100)  # 480 px wide, centre 590
    author = _line(2, "——作者姓名", 590 - 75, 195, 25.0)  # 6 x 25 px, centred
    body = _even_column(3, 340, 240, 6)
    page = PageInput("p.png", "image", lines=[head, author, *body], size_noise=0.05, ordered=False)
    (article,) = assemble(page, CHINESE).articles
    assert article.headline == ["主标题的文字", "——作者姓名"]
    assert not any(p.text.startswith("——") for p in article.paragraphs)
    plain = dataclasses.replace(page, lines=[head, *body])
    (article,) = assemble(plain, CHINESE).articles
    assert article.headline == ["主标题的文字"]


def test_a_caption_s_short_last_row_measured_at_body_size_stays_in_the_caption() -> None:
    """A caption over its photo ends in a row of two glyphs that measured as large as
    the body (too few glyphs to measure); flush left under the caption's rows, it is the
    caption's last row, so the caption stays by its photo and is not a byline."""
    photo = BBox(1000, 370, 1300, 600)
    caption = [
        _line(1, "图片说明的第一行文字内容", 1000, 250, 21.0, em=22.0),
        _line(2, "第二行说明的文字内容", 1000, 280, 21.5, em=22.0),
        _line(3, "地。", 1000, 310, 23.5, em=22.0),
        _line(4, "图片来源：某某", 1300 - 7 * 22, 340, 21.0, em=22.0),
    ]
    head = _head(10, "标题在这里", 100, 100)
    lines = [head, *_even_column(11, 100, 250, 10), *caption]
    page = PageInput(
        "p.png", "image", lines=lines, figures=(photo,), size_noise=0.05, ordered=False
    )
    beside = [p for p in pieces_of(page, CHINESE.assembly)[0] if p.box.x0 >= 1000 and p.rows]
    assert {p.kind for p in beside} == {"small"}
    assert [r.text for p in beside for r in p.rows][2] == "地。"
    captions = [c for a in assemble(page, CHINESE).articles for c in a.captions]
    assert [c.role for c in captions] == [Role.CAPTION, Role.CREDIT]


def test_a_jump_line_flush_right_at_a_column_s_end_is_a_jump_not_a_signature() -> None:
    """ "Continued on page 4", set at the body's size and flush right under the column's
    last line, looks like a closing signature: worded as a jump, it is left out as one."""
    head = _head(1, "标题在这里", 100, 100)
    column = _even_column(2, 100, 220, 6)
    jump = _line(8, "（转第4版）", 100 + 500 - 6 * 25, 220 + 40 * 6, 25.0)
    page = PageInput("p.png", "image", lines=[head, *column, jump], size_noise=0.05, ordered=False)
    result = assemble(page, CHINESE)
    (article,) = result.articles
    assert article.bylines == []
    assert [(u.role, u.text) for u in result.unassigned] == [(Role.JUMP, "（转第4版）")]


def _frame(x0: int, y0: int, x1: int, y1: int) -> list[Rule]:
    return [
        Rule(BBox(x0, y0, x1, y0 + 4), False),
        Rule(BBox(x0, y1 - 4, x1, y1), False),
        Rule(BBox(x0, y0, x0 + 4, y1), True),
        Rule(BBox(x1 - 4, y0, x1, y1), True),
    ]


def test_a_ruled_box_of_a_few_rows_is_an_advert_left_out_a_boxed_article_is_not() -> None:
    """Four rules round three centred rows (a name set large, an offer, an address): an
    advert, whose large name is no headline. Round a headline and a column of text it is
    a boxed article, assembled as any other."""
    advert = [
        _line(1, "新春特惠", 300, 1040, 40.0, em=40.0),
        _line(2, "全场商品八折优惠", 250, 1100, 21.0, em=22.0),
        _line(3, "地址：某某路", 280, 1130, 21.0, em=22.0),
    ]
    article = [_head(10, "标题在这里", 100, 100), *_even_column(11, 100, 220, 12)]
    layout = PageLayout(
        size=(2000, 3000),
        skew=0.0,
        body_size=25.0,
        columns=[],
        rules=_frame(200, 1000, 600, 1200),
        photos=[],
        lines=[],
        blocks=[],
    )
    page = as_page_input([*article, *advert], layout, "p.png", RULES)
    result = assemble(page, CHINESE)
    assert [a.headline for a in result.articles] == [["标题在这里"]]
    assert [u.text for u in result.unassigned] == ["新春特惠 全场商品八折优惠 地址：某某路"]
    boxed = dataclasses.replace(layout, rules=_frame(80, 80, 640, 760))
    result = assemble(as_page_input(article, boxed, "p.png", RULES), CHINESE)
    assert [a.headline for a in result.articles] == [["标题在这里"]]
    assert len(result.articles[0].paragraphs) >= 1


def test_a_caption_row_s_fragment_measured_at_body_size_joins_its_row() -> None:
    """A caption under a photo two columns wide, cut by the grid at the gutter: the
    right-hand fragment of its first row measured as large as the body (25 px, its
    glyphs taller). Level with the caption's row, it is a fragment of it, read in its
    place, not a paragraph of its own."""
    photo = BBox(100, 300, 1000, 700)
    caption = [
        _line(10, "这是图片说明的第一行文", 100, 715, 21.0, em=22.0),
        _line(11, "字继续说明的内容", 100 + 242 + 40, 714, 25.0),
        _line(12, "第二行说明文字。", 100, 745, 21.0, em=22.0),
    ]
    head = _head(1, "标题在这里", 100, 100)
    lines = [head, *_even_column(2, 100, 800, 8), *caption]
    page = PageInput(
        "p.png", "image", lines=lines, figures=(photo,), size_noise=0.05, ordered=False
    )
    (article,) = assemble(page, CHINESE).articles
    assert [c.text for c in article.captions] == [
        "这是图片说明的第一行文字继续说明的内容第二行说明文字。"
    ]
    assert not any("继续说明" in p.text for p in article.paragraphs)


def _names_over_photo(names_text: str, captioned: bool = True) -> PageInput:
    """A headline, a line of names right over the article's photo, its caption under
    the photo (unless ``captioned`` is False), then the body."""
    photo = BBox(100, 300, 600, 700)
    head = _head(1, "标题在这里", 100, 100)
    names = _line(2, names_text, 100, 270, 21.0, em=22.0)
    caption = _line(3, "图片说明的文字内容。", 100, 710, 21.0, em=22.0)
    lines = [head, names, *([caption] if captioned else []), *_even_column(4, 100, 760, 8)]
    return PageInput(
        "p.png", "image", lines=lines, figures=(photo,), size_noise=0.05, ordered=False
    )


@pytest.mark.parametrize("names", ["胡某", "田某某韩某"])
def test_names_right_over_a_photo_captioned_under_it_are_the_byline(names: str) -> None:
    """The article's byline (a name alone, or two names run together, no mark) set
    right over its photo, whose caption stands under it: a caption says what the photo
    shows and a photo has one caption, so the names are the byline."""
    (article,) = assemble(_names_over_photo(names), CHINESE).articles
    assert article.bylines == [names]
    assert [c.text for c in article.captions] == ["图片说明的文字内容。"]


def test_two_names_over_an_uncaptioned_photo_are_its_caption() -> None:
    """Without a caption under the photo, the two names over it alone are its caption."""
    (article,) = assemble(_names_over_photo("田某某韩某", captioned=False), CHINESE).articles
    assert [c.text for c in article.captions] == ["田某某韩某"]


def test_small_rows_closing_with_a_credit_are_a_caption_where_no_photo_was_found() -> None:
    """On a scan the analysis missed a flat photo: the small rows under where it stands
    close with a credit (glued to the last sentence, or on a row of its own): a caption
    and its credit, not a byline."""
    head = _head(1, "标题在这里", 100, 100)
    glued = [
        _line(2, "图片说明的第一行文字内容", 700, 600, 21.0, em=22.0),
        _line(3, "说明完了。图片来源：某某", 700, 630, 21.0, em=22.0),
    ]
    lines = [head, *_even_column(10, 100, 220, 12), *glued]
    page = PageInput("p.png", "image", lines=lines, size_noise=0.05, ordered=False)
    (article,) = assemble(page, CHINESE).articles
    assert article.bylines == []
    assert [(c.role, c.text) for c in article.captions] == [
        (Role.CAPTION, "图片说明的第一行文字内容说明完了。"),
        (Role.CREDIT, "图片来源：某某"),
    ]
    own_row = [glued[0], _line(3, "本报记者某某摄", 700 + 5 * 22, 630, 21.0, em=22.0)]
    (article,) = assemble(
        dataclasses.replace(page, lines=[*lines[:-2], *own_row]), CHINESE
    ).articles
    assert article.bylines == []
    assert [c.role for c in article.captions] == [Role.CAPTION, Role.CREDIT]


def test_a_credited_caption_measured_at_body_size_is_a_caption() -> None:
    """The same caption measured at 23.5 px over a 25 px body (0.94: body type by the
    scan's noise), with no photo found by it: closing with a credit, it is a caption;
    body-size rows as large as the body's stay paragraphs."""
    head = _head(1, "标题在这里", 100, 100)
    caption = [
        _line(2, "图片说明的第一行文字内容", 700, 600, 23.5),
        _line(3, "说明完了。图片来源：某某", 700, 640, 23.5),
    ]
    lines = [head, *_even_column(10, 100, 220, 12), *caption]
    page = PageInput("p.png", "image", lines=lines, size_noise=0.05, ordered=False)
    (article,) = assemble(page, CHINESE).articles
    assert [c.role for c in article.captions] == [Role.CAPTION, Role.CREDIT]
    as_body = [dataclasses.replace(ln, size=25.0) for ln in caption]
    (article,) = assemble(
        dataclasses.replace(page, lines=[*lines[:-2], *as_body]), CHINESE
    ).articles
    assert article.captions == []


def test_names_flush_left_over_the_first_paragraph_under_the_headline_are_the_byline() -> None:
    """The byline's names (no ▶) measured at 23.5 px, nearly the body's 25, and read as the
    first row of the column under the headline: flush left where the paragraph's first
    row is indented, short, no sentence ended: the byline. Indented, it is the body's
    first row."""
    head = _head(1, "标题在这里", 100, 100)
    names = _line(2, "潘某某何某", 100, 200, 23.5)
    first = _line(3, BODY[2:], 150, 240, 25.0)
    column = [first, *_even_column(4, 100, 280, 6)]
    page = PageInput("p.png", "image", lines=[head, names, *column], size_noise=0.05, ordered=False)
    (article,) = assemble(page, CHINESE).articles
    assert article.bylines == ["潘某某何某"]
    assert article.paragraphs[0].text.startswith(BODY[2:])
    indented = dataclasses.replace(names, box=BBox(150, 200, 275, 223))
    (article,) = assemble(
        dataclasses.replace(page, lines=[head, indented, *column]), CHINESE
    ).articles
    assert article.bylines == []
