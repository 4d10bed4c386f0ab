"""ALTO from a library's OCR read for the geometry-first assembly: sizes measured as line
heights, OCR noise kept out of the articles, and with ``--image`` the page image's photos
and rules (layout/sources/alto.py, layout/assemble/pieces.py, pageimage/ocrsource.py).
The ALTO files and page images are made here, shaped as a library's ALTO is (pixels, no
font sizes, no photos marked, noise read on a photo's grain)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from PIL import Image as PILImage
from PIL import ImageDraw

from layout import Options, process_path
from layout.assemble.pieces import pieces_of
from layout.conventions import Conventions
from layout.sources import read_pages

# (x0, y0, x1, y1; words) of one line; a block is a list of them
AltoLine = tuple[tuple[int, int, int, int], Sequence[str]]


def alto(blocks: Sequence[Sequence[AltoLine]], width: int, height: int, style: bool) -> bytes:
    """An ALTO v2 page in pixels: one TextBlock per block; with ``style`` every line
    refers to a TextStyle of 10 pt."""
    out = [
        '<alto xmlns="http://www.loc.gov/standards/alto/ns-v2#">',
        "<Description><MeasurementUnit>pixel</MeasurementUnit></Description>",
        '<Styles><TextStyle ID="S1" FONTSIZE="10"/></Styles>' if style else "",
        f'<Layout><Page ID="P1" WIDTH="{width}" HEIGHT="{height}"><PrintSpace>',
    ]
    for b, lines in enumerate(blocks):
        out.append(f'<TextBlock ID="B{b}">')
        for (x0, y0, x1, y1), words in lines:
            ref = ' STYLEREFS="S1"' if style else ""
            out.append(
                f'<TextLine HPOS="{x0}" VPOS="{y0}" WIDTH="{x1 - x0}" HEIGHT="{y1 - y0}"{ref}>'
            )
            step = (x1 - x0) // max(1, len(words))
            for k, word in enumerate(words):
                out.append(
                    f'<String HPOS="{x0 + k * step}" VPOS="{y0}" WIDTH="{step - 8}" '
                    f'HEIGHT="{y1 - y0}" CONTENT="{word}"/>'
                )
                if k + 1 < len(words):
                    out.append("<SP/>")
            out.append("</TextLine>")
        out.append("</TextBlock>")
    out.append("</PrintSpace></Page></Layout></alto>")
    return "\n".join(out).encode()


def column(x: int, top: int, count: int, width: int = 400, height: int = 24) -> list[AltoLine]:
    """Body lines ``height`` px tall on a 36 px pitch."""
    return [
        ((x, top + 36 * k, x + width, top + 36 * k + height), ["Worte", "des", "Textes", "hier"])
        for k in range(count)
    ]


HEAD: list[AltoLine] = [((60, 20, 900, 80), ["Neue", "Brücke", "eröffnet"])]


def test_alto_without_font_sizes_measures_sizes_as_the_image_path_does(tmp_path: Path) -> None:
    """Line heights are measured sizes: the page carries the image path's size noise;
    with font sizes named it carries none."""
    path = tmp_path / "page.xml"
    noise = Conventions().image.size_noise
    path.write_bytes(alto([HEAD, column(60, 100, 6)], 1000, 1000, style=False))
    assert next(read_pages(str(path), Options())).size_noise == noise > 0
    path.write_bytes(alto([HEAD, column(60, 100, 6)], 1000, 1000, style=True))
    assert next(read_pages(str(path), Options())).size_noise == 0


def test_a_body_line_a_little_lower_in_alto_without_font_sizes_stays_body(
    tmp_path: Path,
) -> None:
    """One body line 23 px tall among 24 px ones (0.96 of the body: small type for exact
    font sizes) is body when the sizes are line heights."""
    lines = column(60, 100, 7)
    (x0, y0, x1, _), words = lines[3]
    lines[3] = ((x0, y0, x1, y0 + 23), words)
    path = tmp_path / "page.xml"
    path.write_bytes(alto([HEAD, lines], 1000, 1000, style=False))
    page = next(read_pages(str(path), Options()))
    assert [p.kind for p in pieces_of(page, Conventions().assembly)[0]] == ["head", "body"]


def test_ocr_noise_set_large_opens_no_article_and_is_reported(tmp_path: Path) -> None:
    """What the OCR read on a photo's grain, measured as display type, opens no article
    of its own: it is an unassigned block, every character still there once."""
    noise: list[AltoLine] = [((100, 400, 400, 440), ["******", "W?*", "-y^P-"])]
    path = tmp_path / "page.xml"
    path.write_bytes(alto([HEAD, column(60, 100, 6), noise, column(60, 460, 6)], 1000, 1000, False))
    result = process_path(str(path))
    assert [a.headline for a in result.articles] == [["Neue Brücke eröffnet"]]
    assert [u.text for u in result.unassigned] == ["****** W?* -y^P-"]


def page_with_photo(tmp_path: Path) -> tuple[Path, Path]:
    """A headline over two columns of body, a rule under them, then a grey photo across
    both columns with noise read on it and a body-size caption under it; the ALTO marks
    neither photo nor rule, the page image shows both."""
    columns = [column(60, 100, 8), column(500, 100, 8)]
    noise: list[AltoLine] = [((300, 600, 420, 640), ["ifiiilÜ"])]
    caption: list[AltoLine] = [((60, 810, 880, 834), ["Unser", "Bild", "zeigt", "die", "Brücke."])]
    path = tmp_path / "page.xml"
    path.write_bytes(alto([HEAD, *columns, noise, caption], 1000, 1000, style=False))
    image = PILImage.new("L", (1000, 1000), 255)
    pen = ImageDraw.Draw(image)
    pen.rectangle((60, 440, 900, 800), fill=150)  # a flat grey photo
    pen.rectangle((60, 410, 900, 412), fill=0)  # the rule over it
    for (x0, y0, x1, y1), _ in [*HEAD, *columns[0], *columns[1], *caption]:
        pen.rectangle((x0, y0 + 4, x1, y1 - 4), fill=0)  # ink where the lines are
    image.save(tmp_path / "page.png")
    return path, tmp_path / "page.png"


def test_photo_and_rule_of_the_page_image_give_an_alto_caption_its_photo(tmp_path: Path) -> None:
    """With --image the photo is found: the noise on it is the photo's, the body-size
    row across it is its caption, and the rule over it parts it from the article
    above: a photo item of its own."""
    path, image = page_with_photo(tmp_path)
    result = process_path(str(path), Options(image=image))
    assert [a.headline for a in result.articles] == [["Neue Brücke eröffnet"], []]
    item = result.articles[1]
    assert [c.text for c in item.captions] == ["Unser Bild zeigt die Brücke."]
    assert not item.paragraphs and not result.articles[0].captions
    assert [u.text for u in result.unassigned] == ["ifiiilÜ"]


def test_without_the_image_the_caption_is_read_as_body(tmp_path: Path) -> None:
    """The same ALTO alone: no photo, no rule, the caption row is the article's body."""
    path, _ = page_with_photo(tmp_path)
    result = process_path(str(path))
    assert len(result.articles) == 1 and not result.articles[0].captions
    assert "Unser Bild zeigt die Brücke." in result.articles[0].paragraphs[-1].text


def test_an_image_that_cannot_be_read_costs_an_alto_page_its_photos_not_its_articles(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path, _ = page_with_photo(tmp_path)
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n not a picture")
    result = process_path(str(path), Options(image=broken))
    assert [a.headline for a in result.articles] == [["Neue Brücke eröffnet"]]
    (warning,) = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert str(path) in warning and "image not used" in warning and "broken.png" in warning
