"""An XML page whose regions are typed but not grouped into articles (what a layout tool
gives: PAGE region types, hOCR classes and x_role, ALTO tags) goes to the geometry-first
assembly, with the types as hints: a running head, footer or page number stays
furniture, a block labelled as of no article (relayout's own unassigned blocks, ``other``)
stays out of the articles (layout/assemble/pieces.py).

A realistic page's PDF is read, written by relayout as PAGE, ALTO and hOCR, and read
back with the article groups taken off: the blocks the PDF's result leaves out of its
articles (running head, rubric, advert) stay out. The articles themselves may differ:
the documents carry no rules and no photos, which part the PDF's articles, and no font
sizes (line heights instead, taken as measured, so a subtitle little larger than the
body may come back as body). With its article groups a document gives the PDF's
articles back exactly (tests/test_round_trip.py, test_formats_xml.py).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from fixtures.realistic.generate import Options as PageOptions
from fixtures.realistic.generate import generate
from layout import Options, process_path
from layout.formats import render
from layout.model import PageResult
from layout.pipeline import process_page
from layout.sources import PageInput, read_pages

pytestmark = pytest.mark.slow

SUFFIXES = {"page": ".page.xml", "alto": ".alto.xml", "hocr": ".hocr"}


def squeezed(text: str) -> str:
    """Without spaces: ALTO and hOCR give no space back between two CJK words."""
    return "".join(text.split())


def unassigned(result: PageResult) -> list[str]:
    return sorted(squeezed(u.text) for u in result.unassigned)


@pytest.fixture(scope="module")
def pdf_result(tmp_path_factory: pytest.TempPathFactory) -> PageResult:
    out = tmp_path_factory.mktemp("hints")
    (folder,) = generate(PageOptions("zh", 1, 11, "tune", out, extractors=("pdftotext-raw",)))
    return process_path(str(folder / "page.pdf"))


def typed_regions_only(result: PageResult, fmt: str, tmp_path: Path) -> PageInput:
    """relayout's document of the result, read back with its article groups taken off."""
    path = tmp_path / f"page{SUFFIXES[fmt]}"
    path.write_text(render(result, fmt), encoding="utf-8")
    page = next(read_pages(str(path), Options()))
    assert page.declares_articles
    return replace(page, regions=tuple(replace(r, article=None) for r in page.regions))


@pytest.mark.parametrize("fmt", SUFFIXES)
def test_typed_regions_read_back_keep_the_blocks_of_no_article_out(
    fmt: str, pdf_result: PageResult, tmp_path: Path
) -> None:
    page = typed_regions_only(pdf_result, fmt, tmp_path)
    again = process_page(page, Options())
    assert unassigned(again) == unassigned(pdf_result)


def test_without_the_region_types_the_pages_blocks_of_no_article_open_articles(
    pdf_result: PageResult, tmp_path: Path
) -> None:
    """The same PAGE document with no region typed: the running head and the blocks
    relayout left out of the articles become articles of their own."""
    page = typed_regions_only(pdf_result, "page", tmp_path)
    again = process_page(replace(page, regions=()), Options())
    assert len(again.articles) > len(pdf_result.articles)
    assert len(again.unassigned) < len(pdf_result.unassigned)


def page_xml(header_type: str) -> str:
    """A PAGE file as a layout tool writes one: typed regions, no article groups; the
    paper's name set large at the top in a region of ``header_type``."""

    def region(rid: str, kind: str, lines: list[tuple[str, int, int]]) -> str:
        out = [f'<TextRegion id="{rid}" type="{kind}"><Coords points="0,0 10,0 10,10"/>']
        for k, (text, top, height) in enumerate(lines):
            points = f"60,{top} 900,{top} 900,{top + height} 60,{top + height}"
            out.append(
                f'<TextLine id="{rid}l{k}"><Coords points="{points}"/>'
                f"<TextEquiv><Unicode>{text}</Unicode></TextEquiv></TextLine>"
            )
        return "".join(out) + "</TextRegion>"

    body = [(f"Zeile {k} des Berichts über die Stadt", 200 + 36 * k, 24) for k in range(8)]
    return (
        '<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15">'
        '<Page imageWidth="1000" imageHeight="1000">'
        + region("r1", header_type, [("Abendzeitung", 20, 60)])
        + region("r2", "heading", [("Neue Brücke eröffnet", 110, 60)])
        + region("r3", "paragraph", body)
        + "</Page></PcGts>"
    )


def test_a_running_head_typed_header_stays_furniture_whatever_its_size(tmp_path: Path) -> None:
    """The paper's name, set as large as the headline, in a ``header`` region: furniture,
    no article's; typed as a paragraph it is read into the headline under it."""
    path = tmp_path / "page.xml"
    path.write_text(page_xml("header"), encoding="utf-8")
    result = process_path(str(path))
    assert [a.headline for a in result.articles] == [["Neue Brücke eröffnet"]]
    assert [u.text for u in result.unassigned] == ["Abendzeitung"]
    path.write_text(page_xml("paragraph"), encoding="utf-8")
    untyped = process_path(str(path))
    assert [a.headline for a in untyped.articles] == [["Abendzeitung", "Neue Brücke eröffnet"]]
    assert untyped.unassigned == []


def test_a_separator_region_is_a_rule_that_parts_two_articles(tmp_path: Path) -> None:
    """A PAGE SeparatorRegion under the first article's text is the page's rule: the
    text under it starts an article of its own, not the one above's."""
    separator = (
        '<SeparatorRegion id="s1"><Coords points="60,500 900,500 900,503 60,503"/>'
        "</SeparatorRegion>"
    )
    tops = [520 + 36 * k for k in range(3)]
    second = "".join(
        f'<TextRegion id="r{9 + k}" type="paragraph"><TextLine id="x{k}">'
        f'<Coords points="60,{y} 900,{y} 900,{y + 24} 60,{y + 24}"/>'
        f"<TextEquiv><Unicode>Zeile {k} eines anderen Berichts</Unicode></TextEquiv>"
        "</TextLine></TextRegion>"
        for k, y in enumerate(tops)
    )
    plain = page_xml("header").replace("</Page>", second + "</Page>")
    path = tmp_path / "page.xml"
    path.write_text(plain, encoding="utf-8")
    assert len(process_path(str(path)).articles) == 1
    path.write_text(plain.replace("</Page>", separator + "</Page>"), encoding="utf-8")
    (page,) = read_pages(str(path), Options())
    assert page.rules and page.rules[0].y0 == 500
    assert len(process_path(str(path)).articles) == 2
