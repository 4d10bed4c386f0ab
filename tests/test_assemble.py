"""The geometry-first assembly (layout/assemble/) on small PDFs the tests write themselves.

One A4 page with two bands set on two columns, parted by rules: an article whose
headline spans both columns (byline, paragraphs running from one column into the next),
an article whose headline stands over its right column only, a photo with its caption
and credit and no article, a running head over the top rule and a folio at the foot.
"""

from __future__ import annotations

from pathlib import Path

from layout import Options, Role, process_path
from layout.assemble import has_geometry
from layout.conventions import CHINESE
from layout.export import to_dict
from layout.sources import read_pages

from .conftest import chars
from .pdfs import Page, Text, column, make_pdf

LEFT, RIGHT = 50, 305  # the two columns' left edges (each 240 pt wide)
INDENT = 12  # first-line indent of a paragraph: 1.2 em of the 10 pt body
FIRST = [
    "The council voted on Monday to build",
    "a new bridge over the river, at a",
    "cost of four million.",
]
SECOND = ["Work starts in spring and should end", "before the winter, the mayor said,"]
SECOND_ON = ["once the old piers are taken down", "and the banks are made safe."]
THIRD = ["Traffic will use the ferry until the", "new bridge opens to cars and buses."]
HARVEST_LEFT = ["Farmers in the valley expect the best", "harvest in ten years after a wet spring."]
HARVEST_RIGHT = ["Prices at the market have already", "fallen by a fifth since last week."]
CAPTION = "Crowds at the spring market on Saturday."
CREDIT = "PHOTO: JANE DOE"


def paragraph(x: float, top: float, lines: list[str], indented: bool = True) -> list[Text]:
    """A paragraph of 10 pt lines, its first line indented unless it goes on from the
    column before."""
    texts = column(x, top, 10, lines)
    if indented:
        texts[0].x += INDENT
    return texts


def two_band_page() -> Page:
    return Page(
        texts=[
            Text(LEFT, 28, 9, "The Valley Courier"),
            Text(150, 60, 22, "Council backs new bridge", "F2"),
            Text(LEFT, 88, 8, "By Anna Berg"),
            *paragraph(LEFT, 105, FIRST),
            *paragraph(LEFT, 141, SECOND),
            *paragraph(RIGHT, 105, SECOND_ON, indented=False),
            *paragraph(RIGHT, 129, THIRD),
            Text(340, 215, 18, "Harvest expected", "F2"),
            *paragraph(LEFT, 245, HARVEST_LEFT),
            *paragraph(RIGHT, 245, HARVEST_RIGHT, indented=False),
            Text(LEFT, 525, 8, CAPTION),
            Text(205, 536, 8, CREDIT),
            Text(295, 815, 9, "7"),
        ],
        drawings=[
            (LEFT, 45, 545, 46),  # the running head's rule
            (LEFT, 200, 545, 201),  # between the bands
            (LEFT, 390, 545, 391),
            (LEFT, 400, 290, 520),  # a photo placeholder
        ],
    )


def write_pdf(tmp_path: Path, page: Page) -> str:
    path = tmp_path / "page.pdf"
    path.write_bytes(make_pdf([page]))
    return str(path)


def test_articles_come_from_headlines_rules_and_column_flow(tmp_path: Path) -> None:
    result = process_path(write_pdf(tmp_path, two_band_page()))
    bridge, harvest, photo = result.articles
    assert bridge.headline == ["Council backs new bridge"]
    assert bridge.bylines == ["By Anna Berg"]
    assert [p.text for p in bridge.paragraphs] == [
        " ".join(FIRST),
        " ".join(SECOND + SECOND_ON),  # runs on from the left column into the right one
        " ".join(THIRD),
    ]
    # The headline stands over the right column only: the left column, with nothing
    # above it under the rule, is the same article's.
    assert harvest.headline == ["Harvest expected"]
    assert [p.text for p in harvest.paragraphs] == [" ".join(HARVEST_LEFT + HARVEST_RIGHT)]
    assert photo.headline == [] and photo.paragraphs == []
    assert [(c.role, c.text) for c in photo.captions] == [
        (Role.CAPTION, CAPTION),
        (Role.CREDIT, CREDIT),
    ]


def test_running_head_and_folio_are_the_pages_not_an_articles(tmp_path: Path) -> None:
    result = process_path(write_pdf(tmp_path, two_band_page()))
    assert [(u.role, u.text) for u in result.unassigned] == [
        (Role.OTHER, "The Valley Courier"),
        (Role.OTHER, "7"),
    ]


def test_every_character_once_and_every_block_with_its_box(tmp_path: Path) -> None:
    page = two_band_page()
    data = to_dict(process_path(write_pdf(tmp_path, page)))
    fields = [
        piece["text"]
        for a in data["articles"]
        for piece in [*a["headline"], *a["bylines"], *a["paragraphs"], *a["captions"]]
    ] + [u["text"] for u in data["unassigned"]]
    assert chars("".join(fields)) == chars("".join(t.text for t in page.texts))
    assert data["size"] == [595, 842]
    assert all(a["box"] is not None for a in data["articles"])
    assert all(p["box"] is not None for a in data["articles"] for p in a["paragraphs"])


def printed_extent(tmp_path: Path, texts: list[Text]) -> tuple[int, int]:
    """Left and right edge of these lines as the PDF reader sees them (the column's
    measure is the widest line's)."""
    (read,) = read_pages(write_pdf(tmp_path, Page(texts=texts)), Options())
    boxes = [ln.box for ln in read.lines if ln.box is not None]
    return min(b.x0 for b in boxes), max(b.x1 for b in boxes)


def test_a_section_head_between_paragraphs_is_a_subhead(tmp_path: Path) -> None:
    head = "New ferry times"
    _, right = printed_extent(tmp_path, paragraph(LEFT, 100, FIRST + THIRD))
    x0, x1 = printed_extent(tmp_path, [Text(0, 100, 10, head)])
    centred = (LEFT + right) / 2 - (x1 - x0) / 2
    page = Page(
        texts=[
            Text(150, 60, 22, "Council backs new bridge", "F2"),
            *paragraph(LEFT, 100, FIRST),
            # centred in the column, with extra space above and below it
            Text(centred - x0, 142, 10, head),
            *paragraph(LEFT, 160, THIRD),
        ]
    )
    (article,) = process_path(write_pdf(tmp_path, page)).articles
    assert [(p.role, p.text) for p in article.paragraphs] == [
        (Role.BODY, " ".join(FIRST)),
        (Role.SUBHEAD, head),
        (Role.BODY, " ".join(THIRD)),
    ]


def test_closing_signature_flush_right_is_a_byline(tmp_path: Path) -> None:
    _, right = printed_extent(tmp_path, paragraph(LEFT, 100, FIRST))
    _, x1 = printed_extent(tmp_path, [Text(0, 100, 10, "Tom Walsh")])
    page = Page(
        texts=[
            Text(150, 60, 22, "Council backs new bridge", "F2"),
            *paragraph(LEFT, 100, FIRST),
            Text(right - x1, 136, 10, "Tom Walsh"),  # flush right under the text
        ]
    )
    (article,) = process_path(write_pdf(tmp_path, page)).articles
    assert article.bylines == ["Tom Walsh"]
    assert [p.text for p in article.paragraphs] == [" ".join(FIRST)]


def test_a_page_without_larger_type_goes_to_the_text_path(tmp_path: Path) -> None:
    page = Page(texts=paragraph(LEFT, 100, FIRST))
    (read,) = read_pages(write_pdf(tmp_path, page), Options())
    assert not has_geometry(read, CHINESE.assembly)
    (article,) = process_path(write_pdf(tmp_path, page)).articles
    assert article.paragraphs[0].text == " ".join(FIRST)
