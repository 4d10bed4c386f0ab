"""Inputs by content: sniffing, PDF text layers, hOCR, ALTO, PAGE XML, and bad input.

Every PDF, hOCR, ALTO and PAGE file here is made by the test itself (tests/pdfs.py, or
Tesseract's own hOCR output); nothing is mocked.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image as PILImage
from PIL import ImageDraw

from layout import Options, Role, process_path
from layout.cli import main
from layout.errors import InputError
from layout.export import json_text_fields, to_dict
from layout.pipeline import process_pages
from layout.sources import Kind, PageInput, read_pages
from layout.sources.detect import detect

from .conftest import chars
from .pdfs import Image, Page, Text, column, make_pdf

BODY = [
    "The council met on Monday to discuss the new bridge over",
    "the river. The mayor said the work would start in the",
    "spring and end before the winter of next year.",
]
SECOND = [
    "Farmers in the valley expect a good harvest after a wet",
    "summer, the cooperative said in its report on Friday.",
]


def latin_page(title: str = "Council backs new bridge") -> Page:
    return Page(
        texts=[
            Text(50, 60, 24, title, "F2"),
            *column(50, 100, 10, BODY),
            Text(50, 160, 20, "Good harvest expected", "F2"),
            *column(50, 190, 10, SECOND),
        ]
    )


def write(tmp_path: Path, name: str, data: bytes | str) -> str:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return str(path)


def output_chars(result_dict: dict[str, object]) -> object:
    return chars("".join(json_text_fields(result_dict) + list(result_dict["dropped"])))  # type: ignore[call-overload]


# --- sniffing ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "suffix", "kind"),
    [
        (b"%PDF-1.7\n...", ".bin", Kind.PDF),
        (b"\x89PNG\r\n\x1a\n....", ".txt", Kind.IMAGE),
        (b"\xff\xd8\xff\xe0....", "", Kind.IMAGE),
        (b"II*\x00....", ".dat", Kind.IMAGE),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "", Kind.IMAGE),
        (
            b'<?xml version="1.0"?>\n<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#">',
            "",
            Kind.ALTO,
        ),
        (
            b"<alto xmlns='http://www.loc.gov/standards/alto/ns-v2#'><Layout/></alto>",
            ".txt",
            Kind.ALTO,
        ),
        (
            b'<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15">',
            "",
            Kind.PAGE,
        ),
        (b"<!DOCTYPE html>\n<html><body><div class='ocr_page'>", ".html", Kind.HOCR),
        (b"BMW and Audi reported higher sales this year.", ".txt", Kind.TEXT),
        ("本报讯 近日".encode(), "", Kind.TEXT),
    ],
)
def test_kind_is_told_by_content(head: bytes, suffix: str, kind: Kind) -> None:
    assert detect(head, "x", suffix) is kind


@pytest.mark.parametrize(
    ("head", "named"),
    [
        (b"GIF89a\x01\x00\x01\x00", "a GIF image"),
        (b"PK\x03\x04\x14\x00\x06\x00....[Content_Types].xml word/document.xml", "DOCX"),
        (b"PK\x03\x04\x14\x00\x00\x00", "a ZIP archive"),
        (b"\x1f\x8b\x08\x00", "a gzip archive"),
        (b"<?xml version='1.0'?><rss version='2.0'>", "root element <rss>"),
        (b"<html><body><p>hello</p></body></html>", "HTML page without hOCR"),
    ],
)
def test_known_formats_are_named_as_not_supported(head: bytes, named: str) -> None:
    with pytest.raises(InputError, match="not supported") as caught:
        detect(head, "x", ".xml" if b"rss" in head else "")
    assert named in str(caught.value)


def test_gif_gets_not_supported_not_binary_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gif = write(tmp_path, "photo.gif", b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00;")
    assert main([gif]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "a GIF image: not supported" in err and "binary" not in err


# --- PDF ---------------------------------------------------------------------------------


def test_pdf_text_layer_gives_lines_with_boxes_sizes_and_headline_hints(tmp_path: Path) -> None:
    pdf = write(tmp_path, "page.pdf", make_pdf([latin_page()]))
    (page,) = read_pages(pdf, Options())
    assert page.kind == "pdf" and page.unit == "pt" and page.size == (595, 842)
    texts = [ln.text for ln in page.lines]
    assert texts == ["Council backs new bridge", *BODY, "Good harvest expected", *SECOND]
    assert [ln.number for ln in page.lines] == list(range(1, 8))
    first = page.lines[0]
    assert first.hint is Role.HEADLINE and first.size == pytest.approx(24, abs=0.1)
    assert all(ln.hint is None and ln.size == pytest.approx(10, abs=0.1) for ln in page.lines[1:4])
    assert first.box is not None and 45 <= first.box.x0 <= 51 and 55 <= first.box.y0 <= 66
    assert page.bold == frozenset({1, 5})  # the Helvetica-Bold lines


def test_pdf_page_becomes_articles_with_nothing_lost(tmp_path: Path) -> None:
    pdf = write(tmp_path, "page.pdf", make_pdf([latin_page()]))
    result = process_path(pdf)
    assert [a.headline for a in result.articles] == [
        ["Council backs new bridge"],
        ["Good harvest expected"],
    ]
    assert result.articles[0].paragraphs[0].text == " ".join(BODY)
    data = to_dict(result)
    assert data["page"] == 1 and data["size"] == [595, 842]
    source = "".join(["Council backs new bridge", *BODY, "Good harvest expected", *SECOND])
    assert output_chars(data) == chars(source)


def test_pdf_keeps_kangxi_radicals_and_names_them_folds_only_when_asked(tmp_path: Path) -> None:
    line = "本报讯 近⽇，某高新区签约⼗个项⽬。"
    pdf = write(tmp_path, "cjk.pdf", make_pdf([Page(texts=[Text(50, 80, 12, line, "F3")])]))
    kept = process_path(pdf)
    text = kept.articles[0].paragraphs[0].text
    assert "⽇" in text and "⽬" in text and "日" not in text
    (note,) = kept.notes
    assert "U+2F47 ⽇→日" in note and "kept as in the source" in note
    folded = process_path(pdf, Options(fold_compat=True))
    assert folded.articles[0].paragraphs[0].text == "本报讯近日，某高新区签约十个项目。"
    assert "folded" in folded.notes[0]


def test_pdf_pages_option_gives_json_lines_and_one_file_per_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pages = [latin_page(f"Page {n} news") for n in (1, 2, 3)]
    pdf = write(tmp_path, "paper.pdf", make_pdf(pages))
    assert main(["-f", "json", "--pages", "2-3", pdf]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(x)["page"] for x in lines] == [2, 3]
    headline = json.loads(lines[0])["articles"][0]["headline"]
    assert [h["text"] for h in headline] == ["Page 2 news"]
    out = tmp_path / "out"
    assert main(["-f", "json", "-o", str(out), "--pages", "1,3", pdf]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "paper.pdf.p0001.relayout.json",
        "paper.pdf.p0003.relayout.json",
    ]


def test_library_process_path_refuses_several_pages(tmp_path: Path) -> None:
    pdf = write(tmp_path, "two.pdf", make_pdf([latin_page(), latin_page()]))
    with pytest.raises(InputError, match="several pages"):
        process_path(pdf)
    assert [r.page for r in process_pages(pdf)] == [1, 2]
    assert process_path(pdf, Options(pages="2")).page == 2


def _scanned_page() -> Page:
    """A page whose only content is an image of printed text (no text layer)."""
    from layout.pageimage.fonts import cjk_font

    scale = 4  # pixels per point: 288 dpi
    img = PILImage.new("L", (400 * scale, 120 * scale), 255)
    draw = ImageDraw.Draw(img)
    draw.text((10 * scale, 10 * scale), "Harbour reopens", font=cjk_font(22 * scale), fill=0)
    draw.text(
        (10 * scale, 60 * scale),
        "The harbour opened again on Monday.",
        font=cjk_font(11 * scale),
        fill=0,
    )
    w, h = img.size
    return Page(images=[Image(50, 50, 400, 120, img.tobytes(), w, h)])


@pytest.mark.slow
def test_pdf_page_without_text_layer_is_rendered_and_read_by_ocr(tmp_path: Path) -> None:
    pdf = write(tmp_path, "scan.pdf", make_pdf([_scanned_page()]))
    result = process_path(pdf, Options(lang="eng", jobs=1))
    words = " ".join(json_text_fields(to_dict(result)))
    assert "harbour" in words.lower() and "Monday" in words
    assert any("no text layer" in n for n in result.notes)
    assert result.source == pdf and result.page == 1


def test_pdf_page_without_text_and_without_tesseract_is_one_line_and_batch_goes_on(
    tmp_path: Path,
) -> None:
    scan = write(tmp_path, "scan.pdf", make_pdf([_scanned_page(), latin_page()]))
    text = write(tmp_path, "page.txt", "本报讯 近日，某高新区签约十个项目。\n")
    bare = tmp_path / "bin"  # a PATH with Python but without Tesseract
    bare.mkdir()
    env = {**os.environ, "PATH": str(bare)}
    run = subprocess.run(
        [sys.executable, "-m", "layout", "--ocr", "tesseract", scan, text],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert run.returncode == 3
    err = run.stderr.strip().splitlines()
    assert len(err) == 1 and f"{scan}#p1" in err[0] and "tesseract" in err[0].lower()
    assert "Council backs new bridge" in run.stdout  # page 2 of the same PDF
    assert "某高新区" in run.stdout  # the next input


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("locked.pdf", make_pdf([latin_page()], encrypted=True), "encrypted PDF"),
        ("cut.pdf", make_pdf([latin_page()])[:700], "damaged PDF"),
        ("empty.pdf", b"", "empty file (0 bytes), not a PDF"),
        ("junk.pdf", b"%PDF-1.4\nnothing else here\n", "damaged PDF"),
        ("fake.pdf", b"just some words\n", "not a PDF"),
    ],
)
def test_bad_pdfs_get_one_line_and_the_batch_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, problem: str
) -> None:
    bad = write(tmp_path, name, data)
    good = write(tmp_path, "good.pdf", make_pdf([latin_page()]))
    assert main([bad, good]) == 1
    captured = capsys.readouterr()
    assert captured.err == f"relayout: {bad}: {problem}" + captured.err.split(problem, 1)[1]
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err
    assert "Council backs new bridge" in captured.out


def test_pages_beyond_the_document_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = write(tmp_path, "one.pdf", make_pdf([latin_page()]))
    assert main(["--pages", "4", pdf]) == 1
    assert "page 4 does not exist (1 pages)" in capsys.readouterr().err
    assert main(["--pages", "3-1", pdf]) == 2


def test_text_outside_the_crop_box_is_reported_in_dropped(tmp_path: Path) -> None:
    page = latin_page()
    page.texts.append(Text(700, 100, 10, "Facing page text"))  # beyond the 595 pt width
    result = process_path(write(tmp_path, "spread.pdf", make_pdf([page])))
    assert result.dropped == ["Facing page text"]
    assert "outside the page's visible area" in result.notes[0]
    assert "Facing" not in " ".join(json_text_fields(to_dict(result)))


# --- ALTO --------------------------------------------------------------------------------

ALTO_NS = {
    "v2": "http://www.loc.gov/standards/alto/ns-v2#",
    "v3": "http://www.loc.gov/standards/alto/ns-v3#",
    "v4": "http://www.loc.gov/standards/alto/ns-v4#",
}


ALTO_BODY = [
    "The council met on Monday, and its members discussed the",
    "plans for a new bridge over the river near the old Haupt",
    "straße, which has been closed to all traffic since the",
    "flood of last year. Work will start in the spring.",
]


def _alto_line(y: int, words: list[str], h: int = 40, tail: str = "", first: str = "") -> str:
    strings = []
    for i, w in enumerate(words):
        subs = tail if i == len(words) - 1 and tail else (first if i == 0 and first else "")
        strings.append(
            f'<String HPOS="{100 + 150 * i}" VPOS="{y}" WIDTH="140" HEIGHT="{h}" CONTENT="{w}"'
            f"{subs}/><SP/>"
        )
    hyp = '<HYP CONTENT="-"/>' if tail else ""
    box = f'HPOS="100" VPOS="{y}" WIDTH="1500" HEIGHT="{h}"'
    return f"<TextLine {box}>{''.join(strings)}{hyp}</TextLine>"


def _alto(ns: str) -> str:
    head = _alto_line(100, ["Bridge", "opens", "in", "spring"], h=90)
    head = head.replace("<TextLine ", '<TextLine STYLEREFS="big" ')
    part = ' SUBS_TYPE="HypPart{}" SUBS_CONTENT="Hauptstraße"'
    body = "".join(
        _alto_line(
            220 + 50 * n,
            text.split(),
            tail=part.format(1) if n == 1 else "",
            first=part.format(2) if n == 2 else "",
        )
        for n, text in enumerate(ALTO_BODY)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<alto xmlns="{ns}">'
        "<Description><MeasurementUnit>pixel</MeasurementUnit></Description>"
        '<Styles><TextStyle ID="big" FONTSIZE="24"/><TextStyle ID="body" FONTSIZE="9"/></Styles>'
        '<Layout><Page WIDTH="2000" HEIGHT="3000"><PrintSpace>'
        f'<TextBlock ID="b1">{head}</TextBlock>'
        f'<TextBlock ID="b2" STYLEREFS="body">{body}</TextBlock>'
        '<Illustration HPOS="1100" VPOS="100" WIDTH="500" HEIGHT="400"/>'
        "</PrintSpace></Page></Layout></alto>"
    )


@pytest.mark.parametrize("version", sorted(ALTO_NS))
def test_alto_lines_sizes_blocks_and_marked_hyphenation(tmp_path: Path, version: str) -> None:
    alto = write(tmp_path, "page.xml", _alto(ALTO_NS[version]))
    (page,) = read_pages(alto, Options())
    assert page.kind == "alto" and page.size == (2000, 3000) and len(page.figures) == 1
    head, *body = page.lines
    assert head.hint is Role.HEADLINE and head.size == 24 and body[0].size == 9
    assert body[0].blank_before == 1  # a new TextBlock
    assert body[1].text == ALTO_BODY[1] + "-" and body[1].word_break == "-"
    result = process_path(alto)
    (article,) = result.articles
    assert article.headline == ["Bridge opens in spring"]
    joined = " ".join(ALTO_BODY).replace("Haupt straße", "Hauptstraße")
    assert article.paragraphs[0].text == joined
    assert result.dropped == ["-"]  # the HYP, joined by the markup and not by a guess
    source = "Bridge opens in spring" + "".join(ALTO_BODY) + "-"
    assert output_chars(to_dict(result)) == chars(source)


def test_alto_strings_that_touch_are_one_word(tmp_path: Path) -> None:
    alto = (
        '<alto xmlns="http://www.loc.gov/standards/alto/ns-v3#">'
        '<Layout><Page WIDTH="900" HEIGHT="900">'
        '<TextBlock><TextLine HPOS="0" VPOS="0" WIDTH="500" HEIGHT="40">'
        '<String HPOS="0" VPOS="0" WIDTH="12" HEIGHT="40" CONTENT="("/>'
        '<String HPOS="12" VPOS="0" WIDTH="80" HEIGHT="40" CONTENT="AFP"/>'
        '<String HPOS="93" VPOS="0" WIDTH="12" HEIGHT="40" CONTENT=")"/>'
        '<String HPOS="140" VPOS="0" WIDTH="90" HEIGHT="40" CONTENT="Talks"/>'
        '<String HPOS="232" VPOS="0" WIDTH="8" HEIGHT="40" CONTENT="."/>'
        "</TextLine></TextBlock></Page></Layout></alto>"
    )
    (page,) = read_pages(write(tmp_path, "a.xml", alto), Options())
    assert page.lines[0].text == "(AFP) Talks."


# --- PAGE XML ----------------------------------------------------------------------------


def _page_xml(year: str) -> str:
    def region(rid: str, lines: list[str], y: int) -> str:
        out = [f'<TextRegion id="{rid}"><Coords points="0,{y} 900,{y} 900,{y + 200} 0,{y + 200}"/>']
        for i, text in enumerate(lines):
            top = y + 50 * i
            out.append(
                f'<TextLine id="{rid}l{i}">'
                f'<Coords points="10,{top} 800,{top} 800,{top + 40} 10,{top + 40}"/>'
                f"<TextEquiv><Unicode>{text}</Unicode></TextEquiv></TextLine>"
            )
        return "".join(out) + "</TextRegion>"

    return (
        f'<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/{year}">'
        '<Page imageFilename="p.png" imageWidth="1000" imageHeight="1400">'
        '<ReadingOrder><OrderedGroup id="g">'
        '<RegionRefIndexed index="1" regionRef="r1"/><RegionRefIndexed index="0" regionRef="r2"/>'
        "</OrderedGroup></ReadingOrder>"
        + region("r1", ["the second region, with a hyphen\u00ad", "ated word."], 600)
        + region("r2", ["The first region in reading order."], 100)
        + '<ImageRegion id="i1"><Coords points="0,900 500,900 500,1300 0,1300"/></ImageRegion>'
        "</Page></PcGts>"
    )


@pytest.mark.parametrize("year", ["2013-07-15", "2019-07-15"])
def test_page_xml_reading_order_and_soft_hyphens(tmp_path: Path, year: str) -> None:
    path = write(tmp_path, "page.xml", _page_xml(year))
    (page,) = read_pages(path, Options())
    assert page.lines[0].text == "The first region in reading order."
    assert page.lines[1].blank_before == 1 and page.lines[1].word_break == "\u00ad"
    assert page.figures and page.size == (1000, 1400)
    result = process_path(path)
    texts = json_text_fields(to_dict(result))
    assert any("hyphenated word." in t for t in texts)
    assert result.dropped == ["\u00ad"]


# --- hOCR --------------------------------------------------------------------------------

HOCR = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
    "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head><title></title>
<meta name='ocr-capabilities' content='ocr_page ocr_carea ocr_par ocr_line ocrx_word'/></head>
<body><div class='ocr_page' title='bbox 0 0 1000 1400'>
<div class='ocr_carea'><p class='ocr_par'>
<span class='ocr_line' title='bbox 50 50 900 130; x_size 80'>
<span class='ocrx_word'>Storm</span> <span class='ocrx_word'>warning</span></span>
</p></div><div class='ocr_carea'><p class='ocr_par'>
<span class='ocr_line' title='bbox 50 200 900 230; x_size 30'>
<span class='ocrx_word'>Heavy</span> <span class='ocrx_word'>rain</span>
<span class='ocrx_word'>is</span> <span class='ocrx_word'>expected</span>
<span class='ocrx_word'>along</span> <span class='ocrx_word'>the</span>
<span class='ocrx_word'>coast\u00ad</span></span>
<span class='ocr_line' title='bbox 50 240 900 270; x_size 30'>
<span class='ocrx_word'>line</span> <span class='ocrx_word'>tonight.</span></span>
</p></div><div class='ocr_photo' title='bbox 500 500 900 900'></div></div></body></html>
"""


def test_hocr_lines_sizes_blocks_and_soft_hyphen(tmp_path: Path) -> None:
    path = write(tmp_path, "page.hocr", HOCR)
    (page,) = read_pages(path, Options())
    assert page.kind == "hocr" and page.size == (1000, 1400) and len(page.figures) == 1
    assert [ln.text for ln in page.lines] == [
        "Storm warning",
        "Heavy rain is expected along the coast\u00ad",
        "line tonight.",
    ]
    assert page.lines[0].hint is Role.HEADLINE and page.lines[1].blank_before == 1
    result = process_path(path)
    assert result.articles[0].headline == ["Storm warning"]
    assert result.articles[0].paragraphs[0].text == (
        "Heavy rain is expected along the coastline tonight."
    )
    assert result.dropped == ["\u00ad"]


@pytest.mark.slow
def test_tesseracts_own_hocr_is_read_with_nothing_lost(tmp_path: Path) -> None:
    from lxml import etree

    from layout.pageimage.fonts import cjk_font

    img = PILImage.new("L", (1400, 500), 255)
    draw = ImageDraw.Draw(img)
    draw.text((40, 30), "Harbour reopens", font=cjk_font(90), fill=0)
    for i, text in enumerate(["Ships returned to the harbour on", "Monday after the repairs."]):
        draw.text((40, 200 + 60 * i), text, font=cjk_font(40), fill=0)
    img.save(tmp_path / "scan.png")
    subprocess.run(
        ["tesseract", str(tmp_path / "scan.png"), str(tmp_path / "scan"), "-l", "eng", "hocr"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    hocr = tmp_path / "scan.hocr"
    words = [
        "".join(w.itertext())
        for w in etree.parse(str(hocr)).iter()
        if isinstance(w.tag, str) and w.get("class") == "ocrx_word"
    ]
    result = process_path(str(hocr))
    assert output_chars(to_dict(result)) == chars("".join(words))
    assert result.articles[0].headline and "Harbour" in result.articles[0].headline[0]


# --- bad XML -----------------------------------------------------------------------------

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE alto [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Layout><Page><TextBlock><TextLine>
<String CONTENT="&c;"/></TextLine></TextBlock></Page></Layout></alto>"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE PcGts [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<PcGts xmlns="http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15"><Page>
<TextRegion id="r"><TextLine id="l"><TextEquiv><Unicode>&secret;</Unicode></TextEquiv>
</TextLine></TextRegion></Page></PcGts>"""


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("laughs.xml", LAUGHS, "declares entities"),
        ("external.xml", EXTERNAL, "declares entities"),
        (
            "external16.xml",
            EXTERNAL.replace('"1.0"?>', '"1.0" encoding="UTF-16"?>').encode("utf-16"),
            "declares entities",
        ),
        ("feed.xml", "<?xml version='1.0'?><rss><channel/></rss>", "not hOCR, ALTO or PAGE XML"),
        (
            "broken.xml",
            '<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Layout>',
            "not well-formed",
        ),
        (
            "nopage.xml",
            "<PcGts xmlns='http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15'/>",
            "without a <Page>",
        ),
    ],
)
def test_bad_xml_gets_one_line_and_the_batch_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: str | bytes, problem: str
) -> None:
    bad = write(tmp_path, name, data)
    good = write(tmp_path, "good.hocr", HOCR)
    assert main([bad, good]) == 1
    captured = capsys.readouterr()
    assert captured.err.startswith(f"relayout: {bad}: ") and problem in captured.err
    assert captured.err.count("\n") == 1
    assert "root:" not in captured.out and "lol" not in captured.out
    assert "Storm warning" in captured.out


def test_xml_over_the_size_limit_is_refused_before_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import layout.sources

    monkeypatch.setattr(layout.sources, "MAX_XML_BYTES", 2**20)  # 1 MiB instead of 256
    path = write(tmp_path, "huge.xml", _alto(ALTO_NS["v4"]) + " " * 2**20)
    assert main([path]) == 1
    assert "1 MiB of XML: over the 1 MiB limit" in capsys.readouterr().err


def test_overlay_of_a_pdf_without_image_draws_its_lines(tmp_path: Path) -> None:
    pdf = write(tmp_path, "page.pdf", make_pdf([latin_page()]))
    out = tmp_path / "overlay.png"
    assert main([pdf, "--overlay", str(out)]) == 0
    assert PILImage.open(out).size[0] > 100


def test_text_input_still_goes_through_unchanged(tmp_path: Path) -> None:
    path = write(tmp_path, "page.txt", "本报讯 近⽇，某高新区签约十个项目。\n")
    (page,) = read_pages(path, Options())
    assert isinstance(page, PageInput) and page.kind == "text" and not page.notes
    assert process_path(path).articles[0].paragraphs[0].text == "本报讯近⽇，某高新区签约十个项目。"


def test_tesseract_is_present_for_the_slow_tests() -> None:
    assert shutil.which("tesseract") is not None


def test_alto_split_word_whose_second_part_is_elsewhere_keeps_its_hyphen(tmp_path: Path) -> None:
    part = ' SUBS_TYPE="HypPart{}" SUBS_CONTENT="Hauptstraße"'
    alto = (
        f'<alto xmlns="{ALTO_NS["v3"]}"><Layout><Page WIDTH="2000" HEIGHT="3000">'
        f"<TextBlock>{_alto_line(100, ALTO_BODY[1].split(), tail=part.format(1))}</TextBlock>"
        f"<TextBlock>{_alto_line(400, ['Photo:', 'the', 'old', 'bridge.'])}</TextBlock>"
        f"<TextBlock>{_alto_line(700, ALTO_BODY[2].split(), first=part.format(2))}</TextBlock>"
        "</Page></Layout></alto>"
    )
    (page,) = read_pages(write(tmp_path, "a.xml", alto), Options())
    assert page.lines[0].text.endswith("Haupt-") and page.lines[0].word_break is None
    result = process_path(write(tmp_path, "b.xml", alto))
    assert "Haupt-" in " ".join(json_text_fields(to_dict(result)))


def test_hyphen_removed_where_a_cut_paragraph_rejoins_is_reported(tmp_path: Path) -> None:
    """A word broken across two blocks of the source (no markup): the re-flow keeps the
    blocks apart, the segmentation rejoins the cut paragraph and must report the hyphen."""
    first = ["The council met on Monday, and its members discussed the plans of the news-"]
    second = ["paper for the coming year, which has been difficult for all of them."]
    alto = (
        f'<alto xmlns="{ALTO_NS["v4"]}"><Layout><Page WIDTH="2000" HEIGHT="3000">'
        f"<TextBlock>{_alto_line(100, first[0].split())}</TextBlock>"
        f"<TextBlock>{_alto_line(200, second[0].split())}</TextBlock>"
        "</Page></Layout></alto>"
    )
    result = process_path(write(tmp_path, "a.xml", alto))
    texts = json_text_fields(to_dict(result))
    assert any("newspaper for" in t for t in texts)
    assert result.dropped == ["-"]
    assert output_chars(to_dict(result)) == chars(first[0] + second[0])


def test_hocr_that_is_html_not_xhtml_is_read(tmp_path: Path) -> None:
    html = (
        "<html><head><meta charset=utf-8></head><body>"
        "<div class='ocr_page' title='bbox 0 0 800 600'><p class='ocr_par'>"
        "<span class='ocr_line' title='bbox 10 10 700 40; x_size 30'>"
        "<span class='ocrx_word'>Caf&eacute;</span> <span class='ocrx_word'>opens&nbsp;</span>"
        "</span></div></body></html>"
    )
    (page,) = read_pages(write(tmp_path, "page.html", html), Options())
    assert page.kind == "hocr" and page.lines[0].text == "Café opens"


@pytest.mark.slow
def test_overlay_draws_alto_boxes_scaled_to_a_smaller_page_image(tmp_path: Path) -> None:
    """ALTO coordinates of a 2000x3000 scan drawn on a 1000x1500 image of the page."""
    from layout.pageimage.fonts import cjk_font

    alto = write(tmp_path, "page.xml", _alto(ALTO_NS["v4"]))
    image = PILImage.new("L", (1000, 1500), 255)
    draw = ImageDraw.Draw(image)
    draw.text((50, 50), "Bridge opens in spring", font=cjk_font(40), fill=0)
    for n, text in enumerate(ALTO_BODY):
        draw.text((50, 110 + 25 * n), text, font=cjk_font(18), fill=0)
    image.save(tmp_path / "page.png")
    out = tmp_path / "overlay.png"
    args = [alto, "--image", str(tmp_path / "page.png"), "--overlay", str(out), "--lang", "eng"]
    assert main(args) == 0
    drawn = PILImage.open(out).convert("RGB")
    scale = drawn.width / 2000  # from ALTO units to overlay pixels
    # Inside the body box (ALTO y 220-420); unscaled, this point would fall between the
    # headline and body boxes.
    r, g, b = drawn.getpixel((int(1000 * scale), int(400 * scale)))
    assert max(r, g, b) - min(r, g, b) > 20  # tinted by the article's colour
    # Below every box; unscaled, the body box would cover it.
    r, g, b = drawn.getpixel((int(1000 * scale), int(800 * scale)))
    assert max(r, g, b) - min(r, g, b) < 5
