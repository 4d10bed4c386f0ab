"""Synthetic newspaper pages with known geometry, for tests and benchmarks.

A page is a grid of equal columns cut into horizontal bands by full-width rules; each
band holds articles side by side, separated by vertical rules. An article has a
headline across its columns, body paragraphs flowing down its columns in turn, and
optionally a grey photo with a caption at the top of its last column. The text is drawn
from a pool of common characters, so it means nothing and belongs to no real article.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageDraw

from layout.image.fonts import cjk_font
from layout.model import BBox

# Common characters; random draws from them give OCR-able, meaningless text.
CHAR_POOL = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动"
    "同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二"
    "理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社"
    "义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没"
    "结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活"
    "设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放"
)
PUNCT = "，。"
LINE_PITCH = 1.45  # line pitch in glyph heights: newspaper body is set tight
PARA_LINES = (3, 9)  # paragraph length range, in lines


@dataclass(frozen=True, slots=True)
class ArticleSpec:
    span: int  # number of grid columns
    photo: bool = False
    headline_chars: int = 8


@dataclass(slots=True)
class TruthLine:
    box: BBox
    text: str
    size: int
    kind: str  # "headline", "body" or "caption"
    article: int


@dataclass(slots=True)
class SynthPage:
    """The rendered page and what was drawn where (pixels, origin top-left)."""

    image: Image.Image
    body_px: int
    columns: list[tuple[int, int]] = field(default_factory=list)
    vertical_rules: list[BBox] = field(default_factory=list)
    horizontal_rules: list[BBox] = field(default_factory=list)
    photos: list[BBox] = field(default_factory=list)
    lines: list[TruthLine] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[TruthLine]:
        return [line for line in self.lines if line.kind == kind]


@dataclass(frozen=True, slots=True)
class PageSpec:
    width: int = 1000
    height: int = 1400
    columns: int = 3
    body_px: int = 22
    margin: int = 40
    bands: tuple[tuple[ArticleSpec, ...], ...] = (
        (ArticleSpec(2, headline_chars=9), ArticleSpec(1, photo=True, headline_chars=5)),
        (ArticleSpec(3, headline_chars=12),),
    )
    band_weights: tuple[float, ...] = (0.6, 0.4)
    seed: int = 0


def small_page_spec(seed: int = 0) -> PageSpec:
    """A 3-column page of about 1000 x 1400 px."""
    return PageSpec(seed=seed)


def broadsheet_spec(seed: int = 0, scale: float = 1.0) -> PageSpec:
    """An 8-column page the size of a 200 dpi broadsheet (x ``scale``)."""
    bands = (
        (ArticleSpec(5, headline_chars=14), ArticleSpec(3, photo=True, headline_chars=9)),
        (ArticleSpec(3, photo=True), ArticleSpec(2), ArticleSpec(3, headline_chars=10)),
        (ArticleSpec(8, photo=True, headline_chars=18),),
        (ArticleSpec(2), ArticleSpec(4, photo=True, headline_chars=12), ArticleSpec(2)),
    )
    return PageSpec(
        width=round(3000 * scale),
        height=round(4500 * scale),
        columns=8,
        body_px=round(25 * scale),
        margin=round(90 * scale),
        bands=bands,
        band_weights=(0.3, 0.25, 0.2, 0.25),
        seed=seed,
    )


def render_page(spec: PageSpec) -> SynthPage:
    """Draw the page described by ``spec``."""
    image = Image.new("L", (spec.width, spec.height), 255)
    page = SynthPage(image=image, body_px=spec.body_px, columns=_grid(spec))
    draw = ImageDraw.Draw(image)
    rng = random.Random(spec.seed)
    gutter = spec.body_px
    y = spec.margin
    usable = spec.height - 2 * spec.margin
    article = 0
    for band, weight in zip(spec.bands, spec.band_weights, strict=True):
        y_end = y + round(usable * weight)
        first = 0
        for art in band:
            cols = page.columns[first : first + art.span]
            _draw_article(draw, page, art, cols, (y, y_end - gutter), rng, article)
            if first + art.span < spec.columns:
                x = cols[-1][1] + gutter // 2
                _rule(draw, page.vertical_rules, BBox(x, y, x + 2, y_end - gutter))
            first += art.span
            article += 1
        if y_end < spec.height - spec.margin - gutter:
            hy = y_end - gutter // 2
            _rule(
                draw, page.horizontal_rules, BBox(spec.margin, hy, spec.width - spec.margin, hy + 2)
            )
        y = y_end
    return page


def _grid(spec: PageSpec) -> list[tuple[int, int]]:
    gutter = spec.body_px
    col_w = (spec.width - 2 * spec.margin - (spec.columns - 1) * gutter) // spec.columns
    col_w -= col_w % spec.body_px  # whole characters per line
    return [
        (spec.margin + i * (col_w + gutter), spec.margin + i * (col_w + gutter) + col_w)
        for i in range(spec.columns)
    ]


def _rule(draw: ImageDraw.ImageDraw, out: list[BBox], box: BBox) -> None:
    draw.rectangle((box.x0, box.y0, box.x1 - 1, box.y1 - 1), fill=0)
    out.append(box)


def _draw_article(
    draw: ImageDraw.ImageDraw,
    page: SynthPage,
    art: ArticleSpec,
    cols: list[tuple[int, int]],
    band: tuple[int, int],
    rng: random.Random,
    article: int,
) -> None:
    body = page.body_px
    head_px = round(body * (2.0 if art.span > 1 else 1.5))
    text = _chars(rng, art.headline_chars)
    x0, x1 = cols[0][0], cols[-1][1]
    width = min(x1 - x0, head_px * len(text))
    text = text[: width // head_px]
    y = band[0]
    page.lines.append(_text(draw, (x0, y), text, head_px, True, "headline", article))
    top = y + round(head_px * 1.6)
    tops = [top] * len(cols)
    if art.photo:
        tops[-1] = _draw_photo(draw, page, cols[-1], top, rng, article)
    for (cx0, cx1), col_top in zip(cols, tops, strict=True):
        _fill_column(draw, page, (cx0, cx1), (col_top, band[1]), rng, article)


def _draw_photo(
    draw: ImageDraw.ImageDraw,
    page: SynthPage,
    col: tuple[int, int],
    top: int,
    rng: random.Random,
    article: int,
) -> int:
    body = page.body_px
    x0, x1 = col
    height = round((x1 - x0) * 0.75)
    box = BBox(x0, top, x1, top + height)
    shade = rng.randint(110, 170)
    draw.rectangle((x0, top, x1 - 1, top + height - 1), fill=shade)
    for _ in range(6):  # some texture: darker and lighter patches
        px, py = rng.randint(x0, x1 - 20), rng.randint(top, top + height - 20)
        size = rng.randint(10, max(11, height // 3))
        fill = max(0, min(255, shade + rng.randint(-80, 60)))
        draw.ellipse((px, py, min(x1 - 1, px + size), min(box.y1 - 1, py + size)), fill=fill)
    page.photos.append(box)
    cap_px = round(body * 0.8)
    y = box.y1 + round(body * 0.4)
    per_line = (x1 - x0) // cap_px
    for _ in range(2):
        line = _chars(rng, per_line - rng.randint(0, 3))
        page.lines.append(_text(draw, (x0, y), line, cap_px, False, "caption", article))
        y += round(cap_px * LINE_PITCH)
    return y + body


def _fill_column(
    draw: ImageDraw.ImageDraw,
    page: SynthPage,
    col: tuple[int, int],
    span: tuple[int, int],
    rng: random.Random,
    article: int,
) -> None:
    body = page.body_px
    per_line = (col[1] - col[0]) // body
    pitch = round(body * LINE_PITCH)
    y = span[0]
    left = 0
    while y + body <= span[1]:
        if left == 0:
            left = rng.randint(*PARA_LINES)
            indent, count = 2, per_line - 2
        else:
            indent, count = 0, per_line
        left -= 1
        if left == 0:
            count = rng.randint(3, count)
        text = _sentence(rng, count)
        xy = (col[0] + indent * body, y)
        page.lines.append(_text(draw, xy, text, body, False, "body", article))
        y += pitch


def _text(
    draw: ImageDraw.ImageDraw,
    xy: tuple[int, int],
    text: str,
    px: int,
    bold: bool,
    kind: str,
    article: int,
) -> TruthLine:
    font = cjk_font(px, bold)
    draw.text(xy, text, font=font, fill=0)
    x0, y0, x1, y1 = draw.textbbox(xy, text, font=font)
    return TruthLine(BBox(int(x0), int(y0), int(x1), int(y1)), text, px, kind, article)


def _chars(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(CHAR_POOL) for _ in range(max(1, n)))


def _sentence(rng: random.Random, n: int) -> str:
    chars = [rng.choice(CHAR_POOL) for _ in range(max(1, n))]
    for i in range(4, len(chars) - 1, rng.randint(6, 12)):
        chars[i] = rng.choice(PUNCT)
    return "".join(chars)


def scan_like(
    image: Image.Image, angle: float = 0.0, gradient: float = 0.0, noise: float = 0.0, seed: int = 0
) -> NDArray[np.uint8]:
    """A scanned look: rotated by ``angle`` degrees (counter-clockwise), darkened towards
    the right by up to ``gradient`` (0..1), with Gaussian noise of ``noise`` grey levels."""
    gray = np.asarray(image, dtype=np.uint8)
    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    out = cv2.warpAffine(gray, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
    shade = 1.0 - gradient * np.linspace(0.0, 1.0, w, dtype=np.float32)[None, :]
    shaded = out.astype(np.float32) * shade
    if noise:
        shaded += np.random.default_rng(seed).normal(0.0, noise, shaded.shape).astype(np.float32)
    return np.clip(shaded, 0, 255).astype(np.uint8)
