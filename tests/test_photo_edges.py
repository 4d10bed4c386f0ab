"""Photos on a scanned page: found whole, and nothing else found as a photo.

A page drawn with a real font (columns of text, a flat grey photo near the left edge
with its caption under it), degraded as a scanner does (fixtures/render.degrade: skew,
uneven light, blur, grain, JPEG), then analysed (issue 14).
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from fixtures.render import degrade
from layout.conventions import CHINESE
from layout.pageimage.analyze import analyze, find_photos
from layout.pageimage.fonts import cjk_font

LINE = "这是正文的一行文字内容继续写"  # 14 glyphs of 24 px: a column 336 px wide
PHOTO = (40, 1300, 760, 1750)  # x0, y0, x1, y1 on the clean page


def _page() -> np.ndarray:
    page = Image.new("L", (1600, 2200), 255)
    draw = ImageDraw.Draw(page)
    font = cjk_font(24)
    for column in range(4):
        for row in range(60):
            y = 40 + 34 * row
            if column < 2 and PHOTO[1] - 40 <= y <= PHOTO[3] + 90:
                continue  # the photo and its caption stand there
            draw.text((40 + 380 * column, y), LINE, font=font, fill=0)
    x0, y0, x1, y1 = PHOTO
    ramp = np.linspace(110, 190, x1 - x0, dtype=np.float32)[None, :].repeat(y1 - y0, axis=0)
    page.paste(Image.fromarray(ramp.astype(np.uint8)), (x0, y0))
    draw.text((x0, y1 + 12), "图片说明的文字写在照片下面一行" * 2, font=cjk_font(21), fill=0)
    return np.asarray(page)


def test_a_scanned_photo_by_the_page_edge_is_found_alone_and_whole() -> None:
    """Deskewing uncovers the page's corners; filled white beside the scan's greyer
    paper they made a band of paper read as "not paper" along the edges: false photos
    there, and the photo by the edge grown into its caption. Filled with the page's own
    edge (analyze.rotate), the photo alone is found, as tall as it is printed."""
    scan, _ = degrade(_page(), np.random.default_rng(3))
    layout, _ = analyze(scan, CHINESE.image)
    (photo,) = layout.photos
    assert abs(photo.height - (PHOTO[3] - PHOTO[1])) <= 20
    assert abs(photo.width - (PHOTO[2] - PHOTO[0])) <= 20


def test_a_photo_s_box_is_the_photo_not_its_surroundings() -> None:
    """The density window finds a photo shrunk by part of its width; grown back by half
    of it, the box overshot the photo by several pixels a side (a small photo's box was a
    quarter too large). Its mostly-paper outer rows and columns are cut off."""
    not_paper = np.zeros((600, 900), np.uint8)
    not_paper[200:280, 300:620] = 255  # a photo 320 x 80 px
    (box,) = find_photos(not_paper, 20.0, CHINESE.image)
    assert (box.x0, box.y0, box.x1, box.y1) == (300, 200, 620, 280)
    loose = CHINESE.override({"image.photo_edge_min_fill": "0"}).image
    (grown,) = find_photos(not_paper, 20.0, loose)
    assert grown.width > box.width + 10 and grown.height > box.height + 10
