"""relayout reads its own PAGE, ALTO and hOCR back and gets the same articles (issue 15).

Round trip: a result → ``-f page|alto|hocr`` → the document read as input → a second
result. It must hold the same articles (headline lines, bylines, paragraphs with their
roles, captions and credits, in order, the same texts) and the same unassigned blocks;
and every character once: the second result's texts plus the characters the document
reports dropped are the first result's. ALTO and hOCR hold no text between lines, so an
unassigned block (not running text: an advert, a running head) may come back with other
spaces between its lines; PAGE keeps each region's text and gives it back exactly.

The realistic PDF page and the Tesseract page go round the trip in test_formats_xml.py
(which makes them once for every check).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from layout import Options, process_path
from layout.formats import render
from layout.formats.readback import read_back
from layout.formats.xmlout import NOT_XML_RE
from layout.model import PageResult, Role, check_nothing_lost, non_whitespace
from layout.sources import read_pages
from layout.text import CJK_CLASS

from .conftest import SEEDS
from .pdfs import make_pdf
from .test_sources import latin_page, write

ROUND_TRIP_FORMATS = {"page": ".page.xml", "alto": ".alto.xml", "hocr": ".hocr"}


def articles_of(result: PageResult, fmt: str = "page") -> list[tuple[object, ...]]:
    """Every article's texts with their roles, in order; without the characters XML
    cannot hold (the documents report them dropped: pypdfium2's U+FFFE). From ALTO and
    hOCR, a space between two CJK words of one line does not come back (docs/formats.md)."""
    norm = _xml if fmt == "page" else _no_cjk_spaces
    return [
        (
            [norm(h) for h in a.headline],
            [norm(b) for b in a.bylines],
            [(p.role, norm(p.text)) for p in a.paragraphs],
            [(c.role, norm(c.text)) for c in a.captions],
        )
        for a in result.articles
    ]


_CJK_SPACE_RE = re.compile(rf"(?<={CJK_CLASS}) (?={CJK_CLASS})")


def _no_cjk_spaces(text: str) -> str:
    return _CJK_SPACE_RE.sub("", _xml(text))


def unassigned_of(result: PageResult, exact: bool) -> list[tuple[Role, str]]:
    return [
        (u.role, _xml(u.text) if exact else "".join(_xml(u.text).split()))
        for u in result.unassigned
    ]


def _xml(text: str) -> str:
    return NOT_XML_RE.sub("", text)


def assert_round_trip(result: PageResult, folder: Path) -> None:
    """Every format: read back, the same articles and blocks, every character once."""
    for fmt, suffix in ROUND_TRIP_FORMATS.items():
        document = render(result, fmt)
        path = folder / f"round{suffix}"
        path.write_text(document, encoding="utf-8")
        again = process_path(str(path))
        assert articles_of(again, fmt) == articles_of(result, fmt), fmt
        exact = fmt == "page"
        assert unassigned_of(again, exact) == unassigned_of(result, exact), fmt
        reported = read_back(document, fmt).dropped
        got = non_whitespace("".join(again.text_fields()) + "".join(reported))
        assert got == non_whitespace("".join(result.text_fields()) + "".join(result.dropped)), fmt
        check_nothing_lost(again, "".join(ln.text for ln in again.lines))


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_seed_pages_come_back_with_the_same_articles_from_page_alto_and_hocr(
    seed: Path, seed_results: dict[str, PageResult], tmp_path: Path
) -> None:
    assert_round_trip(seed_results[seed.name[:3]], tmp_path)


def test_a_generated_text_page_comes_back_through_its_synthetic_geometry(tmp_path: Path) -> None:
    from fixtures.generate import GenerateOptions, generate

    (folder,) = generate(GenerateOptions(pages=1, seed=7, out=tmp_path, images=False))
    result = process_path(str(folder / "page.txt"))
    assert all(ln.box is None for ln in result.lines) and len(result.articles) >= 2
    assert_round_trip(result, tmp_path)


def test_a_pdf_page_comes_back_with_the_same_articles(tmp_path: Path) -> None:
    pdf = write(tmp_path, "page.pdf", make_pdf([latin_page()]))
    result = process_path(pdf)
    assert len(result.articles) == 2 and result.unit == "pt"
    assert_round_trip(result, tmp_path)


# --- what the readers keep -------------------------------------------------------------


def test_relayouts_own_documents_declare_their_regions_and_articles(
    seed_results: dict[str, PageResult], tmp_path: Path
) -> None:
    result = seed_results["000"]
    for fmt, suffix in ROUND_TRIP_FORMATS.items():
        path = write(tmp_path, f"own{suffix}", render(result, fmt))
        (page,) = read_pages(path, Options())
        assert page.declares_articles, fmt
        articles = {r.article for r in page.regions if r.article is not None}
        assert len(articles) == len(result.articles), fmt
        first = page.regions[0]
        assert first.role is Role.HEADLINE and first.exact, fmt


def _transkribus_page(groups: bool) -> str:
    """A PAGE file as Transkribus or OCR-D write one: generic region types, region
    TextEquiv as the lines joined by line breaks, no relayout custom attributes."""

    def region(rid: str, kind: str, lines: list[str], y: int, height: int = 40) -> str:
        out = [
            f'<TextRegion id="{rid}" type="{kind}"><Coords points="0,{y} 900,{y} 900,{y + 90}"/>'
        ]
        for i, text in enumerate(lines):
            top = y + (height + 10) * i
            out.append(
                f'<TextLine id="{rid}l{i}"><Coords points="50,{top} 850,{top} 850,{top + height}"/>'
                f"<TextEquiv><Unicode>{text}</Unicode></TextEquiv></TextLine>"
            )
        own = "\n".join(lines)
        return "".join(out) + f"<TextEquiv><Unicode>{own}</Unicode></TextEquiv></TextRegion>"

    article = ["h", "b", "p1", "s", "p2"]
    photo = ["c", "k"]
    refs = "".join(
        f'<RegionRefIndexed index="{i}" regionRef="{r}"/>' for i, r in enumerate(article)
    )
    photo_refs = "".join(
        f'<RegionRefIndexed index="{i}" regionRef="{r}"/>' for i, r in enumerate(photo)
    )
    if groups:
        order = (
            f'<OrderedGroupIndexed id="g1" index="1" type="article">{refs}</OrderedGroupIndexed>'
            f'<OrderedGroupIndexed id="g2" index="2" type="article">{photo_refs}'
            "</OrderedGroupIndexed>"
        )
    else:
        order = f'<OrderedGroupIndexed id="g1" index="1">{refs}{photo_refs}</OrderedGroupIndexed>'
    return (
        '<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15">'
        '<Page imageFilename="p.png" imageWidth="1000" imageHeight="1400">'
        '<ReadingOrder><OrderedGroup id="ro">'
        '<RegionRefIndexed index="0" regionRef="top"/>'
        f"{order}</OrderedGroup></ReadingOrder>"
        + region("top", "header", ["Tuesday 3 March, The Valley Courier, Page 4"], 10, 20)
        + region("h", "heading", ["Storm closes the coast road"], 60, 60)
        + region("b", "credit", ["By Ann Reed"], 140)
        + region(
            "p1",
            "paragraph",
            [
                "The coast road was closed on Monday after a",
                "land\u00ad",
                "slide near the harbour.",
            ],
            200,
        )
        + region("s", "heading", ["Repairs"], 400)
        + region("p2", "paragraph", ["Crews expect to open one lane by Friday."], 460)
        + region("c", "caption", ["The slide seen from the harbour wall."], 900)
        + region("k", "credit", ["Photo: Tom Hale"], 950)
        + region("n", "page-number", ["4"], 1350, 20)
        + "</Page></PcGts>"
    )


def test_a_foreign_page_xml_with_article_groups_keeps_them_and_types_by_place(
    tmp_path: Path,
) -> None:
    """Generic types: the heading above the text is the headline, the one inside it a
    subhead; the credit beside the caption the photo's, the other the byline; the
    header and page number are the page's. Lines re-flowed (the soft hyphen joined)."""
    path = write(tmp_path, "transkribus.xml", _transkribus_page(groups=True))
    result = process_path(path)
    story, photo = result.articles
    assert story.headline == ["Storm closes the coast road"]
    assert story.bylines == ["By Ann Reed"]
    assert [(p.role, p.text) for p in story.paragraphs] == [
        (Role.BODY, "The coast road was closed on Monday after a landslide near the harbour."),
        (Role.SUBHEAD, "Repairs"),
        (Role.BODY, "Crews expect to open one lane by Friday."),
    ]
    assert [(c.role, c.text) for c in photo.captions] == [
        (Role.CAPTION, "The slide seen from the harbour wall."),
        (Role.CREDIT, "Photo: Tom Hale"),
    ]
    assert [u.text for u in result.unassigned] == [
        "Tuesday 3 March, The Valley Courier, Page 4",
        "4",
    ]
    assert result.dropped == ["\u00ad"]
    assert any("2 articles as the source groups its regions" in n for n in result.notes)


def test_a_page_xml_without_articles_leaves_them_to_the_geometry_with_role_hints(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "typed.xml", _transkribus_page(groups=False))
    (page,) = read_pages(path, Options())
    assert not page.declares_articles
    hints = {ln.text: ln.hint for ln in page.lines}
    assert hints["Storm closes the coast road"] is Role.HEADLINE
    assert hints["The slide seen from the harbour wall."] is Role.CAPTION
    assert [r.furniture for r in page.regions].count(True) == 2
    result = process_path(path)
    check_nothing_lost(result, "".join(ln.text for ln in page.lines))


def test_a_page_xml_join_relation_makes_one_paragraph_of_two_regions(tmp_path: Path) -> None:
    page = _transkribus_page(groups=True).replace(
        "</ReadingOrder>",
        '</ReadingOrder><Relations><Relation id="j" type="join">'
        '<SourceRegionRef regionRef="s"/><TargetRegionRef regionRef="p2"/>'
        "</Relation></Relations>",
    )
    result = process_path(write(tmp_path, "joined.xml", page))
    assert [p.text for p in result.articles[0].paragraphs][1:] == [
        "Repairs Crews expect to open one lane by Friday."
    ]


HOCR_ARTICLES = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title></title></head>
<body><div class='ocr_page' title='bbox 0 0 1000 1400'>
<div class='ocr_linear' id='story'>
<div class='ocr_carea' title='bbox 50 50 900 130'>
<h1 class='ocr_title' title='bbox 50 50 900 130'>
<span class='ocr_line' title='bbox 50 50 900 130'>Storm warning</span></h1></div>
<div class='ocr_carea' title='bbox 50 150 900 180'>
<p class='ocr_author' title='bbox 50 150 900 180'>
<span class='ocr_line' title='bbox 50 150 900 180'>By Ann Reed</span></p></div>
<div class='ocr_carea' title='bbox 50 200 900 270'>
<p class='ocr_par' title='bbox 50 200 900 270'>
<span class='ocr_line' title='bbox 50 200 900 230'>
Heavy rain is expected along the coast\u00ad</span>
<span class='ocr_line' title='bbox 50 240 900 270'>line tonight.</span></p></div>
<div class='ocr_carea' title='bbox 50 300 900 330'>
<p class='ocr_caption' title='bbox 50 300 900 330'>
<span class='ocr_line' title='bbox 50 300 900 330'>Waves at the pier.</span></p></div>
</div>
<div class='ocr_carea' title='bbox 50 1350 900 1380'>
<p class='ocr_pageno' title='bbox 50 1350 900 1380'>
<span class='ocr_line' title='bbox 50 1350 900 1380'>12</span></p></div>
</div></body></html>
"""


def test_hocr_articles_are_its_ocr_linear_and_typed_blocks_are_not_read_twice(
    tmp_path: Path,
) -> None:
    """A ``p.ocr_caption`` holding lines is a block, not a line of its own (read as
    both, its text came twice)."""
    result = process_path(write(tmp_path, "articles.hocr", HOCR_ARTICLES))
    (article,) = result.articles
    assert article.headline == ["Storm warning"] and article.bylines == ["By Ann Reed"]
    assert [p.text for p in article.paragraphs] == [
        "Heavy rain is expected along the coastline tonight."
    ]
    assert [(c.role, c.text) for c in article.captions] == [(Role.CAPTION, "Waves at the pier.")]
    assert [u.text for u in result.unassigned] == ["12"]
    check_nothing_lost(result, "".join(ln.text for ln in result.lines))


ALTO_ARTICLES = """<?xml version="1.0" encoding="UTF-8"?>
<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#">
<Description><MeasurementUnit>pixel</MeasurementUnit></Description>
<Tags><StructureTag ID="T1" TYPE="Article" LABEL="Storm"/>
<StructureTag ID="head" TYPE="role" LABEL="heading"/>
<StructureTag ID="run" TYPE="role" LABEL="header"/></Tags>
<ReadingOrder><OrderedGroup ID="ro"><ElementRef ID="e0" REF="b3"/>
<OrderedGroup ID="g1" TAGREFS="T1"><ElementRef ID="e1" REF="b1"/><ElementRef ID="e2" REF="b2"/>
</OrderedGroup></OrderedGroup></ReadingOrder>
<Layout><Page ID="p1" WIDTH="1000" HEIGHT="1400"><PrintSpace>
<TextBlock ID="b2" HPOS="50" VPOS="200" WIDTH="850" HEIGHT="70">
<TextLine HPOS="50" VPOS="200" WIDTH="850" HEIGHT="30"><String CONTENT="Heavy"/><SP/>
<String CONTENT="rain" SUBS_TYPE="HypPart1" SUBS_CONTENT="rainfall"/><HYP CONTENT="-"/></TextLine>
<TextLine HPOS="50" VPOS="240" WIDTH="850" HEIGHT="30">
<String CONTENT="fall" SUBS_TYPE="HypPart2" SUBS_CONTENT="rainfall"/><SP/>
<String CONTENT="tonight."/>
</TextLine></TextBlock>
<TextBlock ID="b1" HPOS="50" VPOS="50" WIDTH="850" HEIGHT="80" TAGREFS="head">
<TextLine HPOS="50" VPOS="50" WIDTH="850" HEIGHT="80"><String CONTENT="Storm"/></TextLine>
</TextBlock>
<TextBlock ID="b3" HPOS="50" VPOS="10" WIDTH="850" HEIGHT="20" TAGREFS="run">
<TextLine HPOS="50" VPOS="10" WIDTH="850" HEIGHT="20"><String CONTENT="Courier"/></TextLine>
</TextBlock>
</PrintSpace></Page></Layout></alto>
"""


def test_alto_articles_are_its_reading_order_groups_tagged_article(tmp_path: Path) -> None:
    result = process_path(write(tmp_path, "articles.alto.xml", ALTO_ARTICLES))
    (article,) = result.articles
    assert article.headline == ["Storm"]
    assert [p.text for p in article.paragraphs] == ["Heavy rainfall tonight."]
    assert [u.text for u in result.unassigned] == ["Courier"]
    assert result.dropped == ["-"]
