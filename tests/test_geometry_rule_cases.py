"""The rules of positioned text that the reference pages of tests/test_geometry_rules.py
never reach, each pinned on a small hand-built input set right at the rule's edge: the
default conventions decide one way, the rule moved past the input's measure the other.

Rows from fragments (assembly.row_*), pieces parted by a rule drawn over a box's lower
edge (assembly.touch), columns by sideways overlap (assembly.overlap_min), PDF blocks and
drawn rules (geometry.leading_max, geometry.rule_min_length), ALTO words (geometry.
touch_gap) and the rows of a source's declared regions (geometry.row_top_tolerance,
geometry.word_gap); and a row indented by a dash's ink alone (assembly.inked_off_edge).
"""

from __future__ import annotations

from pathlib import Path

from layout import Options, process_path
from layout.assemble.pieces import Piece, Row, pieces_of, rows_of
from layout.assemble.regions import assign_articles
from layout.conventions import CHINESE, Conventions
from layout.model import BBox, Line, Role
from layout.sources import PageInput, read_pages
from layout.sources.declared import from_declared
from layout.sources.page import SourceRegion

from .pdfs import Page, Text, column, make_pdf

SIZE = 10.0  # the type size of every hand-built line here


def changed(name: str, value: str) -> Conventions:
    return CHINESE.override({name: value})


def line(n: int, text: str, x0: int, y0: int, x1: int) -> Line:
    return Line(n, text, box=BBox(x0, y0, x1, y0 + int(SIZE)), size=SIZE)


# --- rows from fragments (assembly) ---------------------------------------------------


def fragments(right_size: float, right_x0: int, right_x1: int) -> list[Line]:
    """Two fragments of one printed row over a full line of the column (its measure,
    200 wide)."""
    right = line(2, "cd", right_x0, 0, right_x1)
    right.size = right_size
    return [line(1, "ab", 0, 0, 100), right, line(3, "ef", 0, 14, 200)]


def test_fragments_of_sizes_within_the_rounding_are_one_row() -> None:
    """Sizes 10 and 10.4 differ by 4%: within row_size_tolerance (5%), not within 2%."""
    lines = fragments(10.4, 110, 200)
    assert len(rows_of(lines, CHINESE.assembly)) == 2
    assert len(rows_of(lines, changed("assembly.row_size_tolerance", "0.02").assembly)) == 3


def test_fragments_a_little_wider_than_the_column_are_one_row() -> None:
    """The two fragments span 215, 1.5 sizes wider than the column's measure: within
    row_wider_max (2 sizes), not within one."""
    lines = fragments(SIZE, 110, 215)
    assert len(rows_of(lines, CHINESE.assembly)) == 2
    assert len(rows_of(lines, changed("assembly.row_wider_max", "1.0").assembly)) == 3


def test_fragments_a_word_space_apart_are_two_words() -> None:
    """A gap of 0.3 sizes is a word space for fragment_gap 0.25, kerning for 0.5."""
    lines = fragments(SIZE, 103, 200)
    assert rows_of(lines, CHINESE.assembly)[0].text == "ab cd"
    assert rows_of(lines, changed("assembly.fragment_gap", "0.5").assembly)[0].text == "abcd"


# --- articles by column flow (assembly) --------------------------------------------------


def piece(kind: str, x0: int, y0: int, x1: int, y1: int) -> Piece:
    box = BBox(x0, y0, x1, y1)
    return Piece(kind, [Row([Line(1, "x", box=box, size=SIZE)], box, SIZE, 0.25)])


def test_a_piece_sharing_a_share_of_the_column_above_goes_on_with_it() -> None:
    """P2 overlaps the body piece above it (article A) by 0.4 of its width and headline
    B by 0.6: with overlap_min 0.3 it goes on under the body piece, with 0.5 it shares
    only B's column."""
    pieces = [
        piece("head", 0, 0, 100, 20),  # A
        piece("head", 200, 0, 300, 20),  # B
        piece("body", 0, 30, 100, 100),
        piece("body", 60, 110, 260, 200),  # P2
    ]
    assert assign_articles(pieces, [], SIZE, CHINESE.assembly)[3] == 0
    wider = changed("assembly.overlap_min", "0.5").assembly
    assert assign_articles(pieces, [], SIZE, wider)[3] == 1


def test_a_rule_drawn_over_a_boxs_lower_edge_still_parts_it_from_the_box_below() -> None:
    """The rule's centre is 3 units inside the upper piece's box: within touch (half a
    body size, 5 units) it lies between the two pieces, so the lower one opens an
    article of its own; with a quarter (2.5 units) it does not, and the lower piece goes
    on with the article above."""
    pieces = [
        piece("head", 0, 0, 100, 20),
        piece("body", 0, 30, 100, 100),
        piece("body", 0, 110, 100, 200),
    ]
    rules = [BBox(0, 96, 100, 98)]
    assert assign_articles(pieces, rules, SIZE, CHINESE.assembly)[2] == 2
    closer = changed("assembly.touch", "0.25").assembly
    assert assign_articles(pieces, rules, SIZE, closer)[2] == 0


# --- PDF text layers (geometry) ---------------------------------------------------------


def read_pdf(tmp_path: Path, page: Page, conv: Conventions) -> PageInput:
    path = tmp_path / "page.pdf"
    path.write_bytes(make_pdf([page]))
    (read,) = read_pages(str(path), Options(conventions=conv))
    return read


def test_a_line_set_with_loose_leading_still_goes_on_in_its_block(tmp_path: Path) -> None:
    """Lines 17 pt apart at 10 pt leave a gap of about 0.8 sizes between them: one block
    with leading_max 1.0, a new block (a blank line before) with 0.5."""
    page = Page(texts=[Text(50, 100, 10, "first line of text"), Text(50, 117, 10, "and more")])
    assert [ln.blank_before for ln in read_pdf(tmp_path, page, CHINESE).lines] == [0, 0]
    tight = changed("geometry.leading_max", "0.5")
    assert [ln.blank_before for ln in read_pdf(tmp_path, page, tight).lines] == [0, 1]


def test_a_thin_drawing_long_enough_is_a_rule(tmp_path: Path) -> None:
    """A 1 pt thick path 25 pt long: a rule for rule_min_length 20, none for 40."""
    page = Page(texts=[Text(50, 100, 10, "text")], drawings=[(50, 150, 75, 151)])
    assert len(read_pdf(tmp_path, page, CHINESE).rules) == 1
    longer = changed("geometry.rule_min_length", "40")
    assert read_pdf(tmp_path, page, longer).rules == ()


# --- ALTO (geometry) --------------------------------------------------------------------

ALTO = (
    '<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#">'
    '<Layout><Page WIDTH="900" HEIGHT="900">'
    '<TextBlock><TextLine HPOS="0" VPOS="0" WIDTH="500" HEIGHT="40">'
    '<String HPOS="0" VPOS="0" WIDTH="80" HEIGHT="40" CONTENT="Talks"/>'
    '<String HPOS="82" VPOS="0" WIDTH="8" HEIGHT="40" CONTENT="."/>'
    "</TextLine></TextBlock></Page></Layout></alto>"
)


def test_alto_strings_a_hair_apart_touch(tmp_path: Path) -> None:
    """Two Strings 2 units apart on a 40-unit line (0.05 line heights): one word with
    touch_gap 0.1, two with 0.025."""
    path = tmp_path / "page.xml"
    path.write_text(ALTO, encoding="utf-8")
    (page,) = read_pages(str(path), Options())
    assert page.lines[0].text == "Talks."
    apart = Options(conventions=changed("geometry.touch_gap", "0.025"))
    (page,) = read_pages(str(path), apart)
    assert page.lines[0].text == "Talks ."


# --- the source's own articles (geometry) --------------------------------------------------


def declared(left: str, right: str, right_top: int, right_x0: int) -> PageInput:
    """One declared article whose paragraph is one printed row cut in two fragments."""
    lines = [line(1, left, 0, 0, 70), line(2, right, right_x0, right_top, right_x0 + 40)]
    region = SourceRegion((1, 2), Role.BODY, article="a1")
    return PageInput("p.xml", "page", lines, regions=(region,))


def paragraph_text(page: PageInput, conv: Conventions) -> str:
    (article,) = from_declared(page, conv).articles
    (para,) = article.paragraphs
    return para.text


def test_declared_fragments_with_tops_a_little_apart_are_one_row() -> None:
    """A word cut in two touching fragments whose tops are 2 units apart (0.2 sizes):
    one row, one word, for row_top_tolerance 0.3; two rows for 0.1, joined as two lines
    of Latin words are, with a space."""
    page = declared("Harb", "our", 2, 71)
    assert paragraph_text(page, CHINESE) == "Harbour"
    assert paragraph_text(page, changed("geometry.row_top_tolerance", "0.1")) == "Harb our"


def test_declared_fragments_a_word_space_apart_are_two_words() -> None:
    """A gap of 3 units (0.3 sizes) is a word space for word_gap 0.25, not for 0.5."""
    page = declared("Harbour", "news", 0, 73)
    assert paragraph_text(page, CHINESE) == "Harbour news"
    assert paragraph_text(page, changed("geometry.word_gap", "0.5")) == "Harbournews"


def test_a_dash_row_after_an_unfinished_sentence_goes_on_in_its_paragraph(
    tmp_path: Path,
) -> None:
    """A row opening with a dash stands a little in by its ink: after a line that ends
    no sentence it goes on in the paragraph (assembly.inked_off_edge); without the dash
    among those characters it reads as an indent and opens a paragraph."""
    body = ["Passengers waited on the pier from early", "light and the crew waved as the boat"]
    page = Page(
        texts=[
            Text(50, 60, 26, "Ferry back in service", "F2"),
            *column(50, 100, 10, body),
            Text(60, 124, 10, "— the captain among them — left."),
        ]
    )
    path = tmp_path / "page.pdf"
    path.write_bytes(make_pdf([page]))

    def paragraphs(conv: Conventions) -> int:
        (article,) = process_path(str(path), Options(conventions=conv)).articles
        return len(article.paragraphs)

    assert paragraphs(CHINESE) == 1
    assert paragraphs(changed("assembly.inked_off_edge", "")) == 2


# --- display fragments an OCR reader cut apart (assembly.display_fragment_gap) ----------


def test_display_fragments_a_lost_glyph_apart_are_one_headline() -> None:
    """Two pieces of an 80 px headline row, 100 px apart (1.25 sizes: a glyph the OCR
    lost), read apart from each other: one headline row; with the gap rule below 1.25,
    two headlines."""
    from layout.assemble.pieces import pieces_of

    def head(n: int, text: str, x0: int) -> Line:
        return Line(n, text, box=BBox(x0, 100, x0 + 80 * len(text), 180), size=80.0)

    body = [
        Line(3 + i, "正文" * 10, box=BBox(100, 260 + 40 * i, 600, 285 + 40 * i), size=25.0)
        for i in range(4)
    ]
    lines = [head(1, "第一", 100), *body, head(2, "提高产业", 360)]
    page = PageInput("p.png", "image", lines=lines, size_noise=0.05, ordered=False)

    def heads(conv: Conventions) -> int:
        return sum(p.kind == "head" for p in pieces_of(page, conv.assembly)[0])

    assert heads(CHINESE) == 1
    assert heads(changed("assembly.display_fragment_gap", "1.2")) == 2


def test_headlines_of_two_sizes_level_stay_apart() -> None:
    """A rail's 40 px headline level with an 80 px banner, 60 px apart with no rule
    between (a rule the analysis missed): two headlines; with the size rule loosened
    past their ratio, one."""
    from layout.assemble.pieces import pieces_of

    rail = Line(1, "要闻短讯", box=BBox(100, 120, 260, 160), size=40.0)
    banner = Line(2, "标题很长", box=BBox(320, 100, 640, 180), size=80.0)
    body = [
        Line(3 + i, "正文" * 10, box=BBox(100, 260 + 40 * i, 600, 285 + 40 * i), size=25.0)
        for i in range(4)
    ]
    page = PageInput("p.png", "image", lines=[rail, *body, banner], size_noise=0.05, ordered=False)

    def heads(conv: Conventions) -> int:
        return sum(p.kind == "head" for p in pieces_of(page, conv.assembly)[0])

    assert heads(CHINESE) == 2
    assert heads(changed("assembly.display_fragment_sizes", "0.6")) == 1


# --- hOCR sizes (geometry.ocr_size_max_disagreement) ----------------------------------

HOCR_SIZES = """<html><body><div class='ocr_page' title='bbox 0 0 1000 1400'>
<p class='ocr_par'><span class='ocr_line' title='bbox 50 50 650 130; x_size 100'>Storm</span></p>
<p class='ocr_par'><span class='ocr_line' title='bbox 50 200 650 224; x_size 30'>Heavy rain</span>
<span class='ocr_line' title='bbox 50 236 650 260; x_size 30'>is expected</span></p>
<p class='ocr_par'><span class='ocr_line' title='bbox 50 300 650 324; x_size 42'>along the</span>
<span class='ocr_line' title='bbox 50 336 650 360; x_size 42'>coast tonight.</span></p>
</div></body></html>"""


def test_an_ocr_size_far_off_its_box_gives_way_to_the_box(tmp_path: Path) -> None:
    """x_size 42 on 24 px lines where the page's lines give 30 per 24 px (1.25): 12 px is
    29% of 42, so 30 (the box's) with the rule at 0.25; with it at 0.35 the two agree,
    and the size is their mean, 36."""
    path = tmp_path / "page.hocr"
    path.write_text(HOCR_SIZES, encoding="utf-8")
    (page,) = read_pages(str(path), Options())
    assert [ln.size for ln in page.lines] == [100.0, 30.0, 30.0, 30.0, 30.0]
    loose = Options(conventions=changed("geometry.ocr_size_max_disagreement", "0.35"))
    (page,) = read_pages(str(path), loose)
    assert [ln.size for ln in page.lines] == [100.0, 30.0, 30.0, 36.0, 36.0]


# --- OCR noise and captions set at the body's size (assembly) ---------------------------


def test_a_row_mostly_of_symbols_is_noise_not_a_headline() -> None:
    """A row read on a photo's grain, set large: one of its four characters is in a
    word (``W``), a share of 0.25: noise for noise_word_share 0.5, a headline for 0.2."""
    noise = line(1, "****** W?* -y^P-", 0, 0, 200)
    noise.size = 3 * SIZE
    lines = [noise, *[line(2 + k, "words of the body", 0, 40 + 14 * k, 200) for k in range(4)]]
    page = PageInput("page.xml", "alto", lines=lines, size=(400, 400))
    assert [p.kind for p in pieces_of(page, CHINESE.assembly)[0]] == ["body", "noise"]
    lenient = changed("assembly.noise_word_share", "0.2").assembly
    assert [p.kind for p in pieces_of(page, lenient)[0]] == ["head", "body"]


PHOTO = BBox(0, 0, 400, 200)  # a photo over two columns 190 wide


def captioned(caption_rows: int, caption_width: int) -> PageInput:
    """Body-size rows right under the photo (3 units below it), then two columns of body."""
    caption = [
        line(1 + k, "Our picture shows it", 0, 203 + 14 * k, caption_width)
        for k in range(caption_rows)
    ]
    top = 203 + 14 * caption_rows + 20
    columns = [
        line(10 + 10 * c + k, "words of the body text", x, top + 14 * k, x + 190)
        for c, x in enumerate((0, 210))
        for k in range(5)
    ]
    return PageInput(
        "page.xml", "alto", lines=[*caption, *columns], size=(400, 400), figures=(PHOTO,)
    )


def caption_kind(page: PageInput, conv: Conventions) -> str:
    (kind,) = {
        p.kind for p in pieces_of(page, conv.assembly)[0] if p.rows and p.rows[0].numbers[0] < 10
    }
    return kind


def test_two_body_size_rows_across_a_photo_are_its_caption() -> None:
    """Two rows across the photo: a caption for body_caption_rows 3, body for 1."""
    page = captioned(2, 380)
    assert caption_kind(page, CHINESE) == "small"
    assert caption_kind(page, changed("assembly.body_caption_rows", "1")) == "body"


def test_a_body_size_row_across_most_of_a_photo_is_its_caption() -> None:
    """A row across 0.875 of the photo's width: a caption for body_caption_span 0.8,
    body for 0.9."""
    page = captioned(1, 350)
    assert caption_kind(page, CHINESE) == "small"
    assert caption_kind(page, changed("assembly.body_caption_span", "0.9")) == "body"


def test_a_body_size_row_under_a_photo_wider_than_the_columns_is_its_caption() -> None:
    """A row 350 wide over columns 190 wide (1.84 times): a caption for
    body_caption_wider 1.5, body for 2."""
    page = captioned(1, 350)
    assert caption_kind(page, CHINESE) == "small"
    assert caption_kind(page, changed("assembly.body_caption_wider", "2")) == "body"


# --- captions by a photo on a page image (sizes measured with noise) -------------------

IMAGE_BODY = "这是一个正文的句子内容在这里继续写下去"  # 20 full-width characters, 25 px each


def image_line(n: int, text: str, x0: int, y0: int, size: float, em: float = 25.0) -> Line:
    """A line OCR'd from a page image: ``em`` px a character, ``size`` its measured height."""
    box = BBox(x0, y0, x0 + round(em * len(text)), y0 + round(size))
    return Line(n, text, box=box, size=size)


def image_page(lines: list[Line], figures: tuple[BBox, ...]) -> PageInput:
    """A headline over a column of body text (25 px type) and ``lines`` beside it."""
    head = Line(1, "标题在这里", box=BBox(100, 100, 500, 180), size=80.0, hint=Role.HEADLINE)
    column = [image_line(2 + k, IMAGE_BODY, 100, 220 + 40 * k, 25.0) for k in range(12)]
    return PageInput(
        "p.png",
        "image",
        lines=[head, *column, *lines],
        size=(2000, 3000),
        figures=figures,
        size_noise=0.05,
        ordered=False,
    )


def image_captions(page: PageInput, conv: Conventions) -> list[str]:
    from layout.assemble import assemble

    return [c.text for a in assemble(page, conv).articles for c in a.captions]


def test_a_block_over_a_photo_measuring_hardly_the_body_is_its_caption() -> None:
    """Two rows measured at 23.5 px over a 25 px body (0.94: body type by the image's
    noise) set right over a photo, across its width: its caption for caption_size_max
    0.96, two paragraph rows for 0.9."""
    photo = BBox(700, 300, 1000, 500)
    rows = [
        image_line(30, "图片说明的第一行文字内容", 700, 220, 23.5),
        image_line(31, "第二行说明文字内容完了。", 700, 250, 23.5),
    ]
    page = image_page(rows, (photo,))
    caption = "图片说明的第一行文字内容第二行说明文字内容完了。"
    assert image_captions(page, CHINESE) == [caption]
    assert image_captions(page, changed("assembly.caption_size_max", "0.9")) == []


def test_running_text_under_a_photo_marked_as_a_caption_is_body() -> None:
    """The image's analysis marked the column set under a photo as a caption (small text
    against a photo), but its rows measure the body's size (median 25 px): body text for
    caption_size_max 0.96; read as a caption when the rule lets it (1.1)."""
    photo = BBox(700, 200, 1200, 500)
    rows = [image_line(30 + k, IMAGE_BODY, 700, 530 + 40 * k, 25.0) for k in range(8)]
    for row in rows:
        row.hint = Role.CAPTION
    page = image_page(rows, (photo,))
    assert image_captions(page, CHINESE) == []
    assert len(image_captions(page, changed("assembly.caption_size_max", "1.1"))) == 1


def test_a_short_first_row_over_a_caption_s_justified_rows_is_a_byline() -> None:
    """Names (132 px) over a caption whose first row fills the photo's width (484 px),
    all small type: the names end 352 px (14 em) short of the caption's measure, a
    byline for short_row_min 2 em; the caption's first row for 20 em."""
    from layout.assemble import assemble

    photo = BBox(700, 400, 1200, 700)
    rows = [
        image_line(30, "丰某某李某某", 700, 300, 21.0, em=22.0),
        image_line(31, "这是图片说明的文字内容这是图片说明的文字内", 700, 330, 21.0, em=22.0),
        image_line(32, "容完了。", 700, 360, 21.0, em=22.0),
    ]
    page = image_page(rows, (photo,))
    (article,) = assemble(page, CHINESE).articles
    assert article.bylines == ["丰某某李某某"]
    assert [c.text for c in article.captions] == [
        "这是图片说明的文字内容这是图片说明的文字内容完了。"
    ]
    (article,) = assemble(page, changed("assembly.short_row_min", "20")).articles
    assert article.bylines == []


def test_small_rows_a_little_apart_from_a_photo_are_its_caption() -> None:
    """A small row (no credit) 1.5 em under a photo: its caption for caption_gap 2 em,
    the article's byline for 1 em."""
    from layout.assemble import assemble

    photo = BBox(700, 300, 1000, 500)
    page = image_page([image_line(30, "图片说明的文字内容。", 700, 537, 21.0, em=22.0)], (photo,))
    (article,) = assemble(page, CHINESE).articles
    assert [c.text for c in article.captions] == ["图片说明的文字内容。"]
    (article,) = assemble(page, changed("assembly.caption_gap", "1.0")).articles
    assert article.captions == [] and article.bylines == ["图片说明的文字内容。"]
