"""Debug overlays: look at what relayout decided.

On a page image: each article's blocks in its own translucent colour with its number,
outlines by role (headline, byline, body, subhead, caption, credit, photo) with a legend,
the blocks left unassigned (outlined, not filled), the printed rules and the columns found,
and an arrow from every block relayout moved to its article. For text input: the input
lines drawn as a page (a real CJK font), coloured by article and marked by role, with the
same arrows.

Everything drawn comes from the page result (its boxes, photos, separators, columns,
skew and lines): nothing is analysed again. Only the page image's pixels are read, as
the background, and turned by the result's skew as the analysis turned them.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageDraw

from layout.formats.geometry import synthetic_boxes
from layout.image_rules import ImageRules
from layout.model import Article, BBox, Column, PageResult, Role
from layout.options import Options
from layout.outputs import save_image
from layout.pageimage.analyze import rotate
from layout.pageimage.fonts import cjk_font
from layout.pageimage.load import load_image

# Article fills: distinct hues that stay readable under dark text.
PALETTE = [
    (230, 25, 75), (60, 180, 75), (0, 130, 200), (245, 130, 48), (145, 30, 180),
    (70, 240, 240), (240, 50, 230), (210, 245, 60), (250, 190, 212), (0, 128, 128),
    (220, 190, 255), (170, 110, 40), (128, 0, 0), (170, 255, 195), (128, 128, 0),
    (0, 0, 128),
]  # fmt: skip
ROLE_COLOURS = {
    "headline": (200, 0, 0),
    "byline": (255, 140, 0),
    "body": (40, 40, 40),
    "subhead": (128, 0, 128),
    "caption": (0, 120, 255),
    "credit": (0, 170, 170),
    "photo": (0, 160, 0),
}
RULE_COLOUR = (90, 90, 90)
UNASSIGNED_COLOUR = (90, 90, 90)  # a role the legend has no colour for (other, jump)
UNASSIGNED_WIDTH = 4  # thicker than an article block's outline, which is filled besides
COLUMN_COLOUR = (0, 90, 255)
ARROW_COLOUR = (255, 0, 0)


def draw_overlay(result: PageResult, path: str, options: Options) -> None:
    """The overlay of one processed input (``options.overlay``): on its page image when
    there is one (``options.image``, or the input itself), else the text overlay."""
    assert options.overlay is not None
    rules = options.conventions.image
    image = options.image or (Path(path) if _is_image(path) else None)
    if image is not None:
        draw_image_overlay(result, page_pixels(image, result, options), options.overlay, rules)
    else:
        draw_text_overlay(result, options.overlay, rules)


def page_pixels(image: Path, result: PageResult, options: Options) -> NDArray[np.uint8]:
    """The page image the result's boxes lie on: its grey pixels, turned by the result's
    skew exactly as the analysis turned them (no skew: as the file holds them)."""
    gray = load_image(image, options.max_pixels).gray
    return rotate(gray, -result.skew) if result.skew else gray


def _is_image(path: str) -> bool:
    from layout.sources.detect import IMAGE_SUFFIXES

    return Path(path).suffix.lower() in IMAGE_SUFFIXES


def draw_image_overlay(
    result: PageResult, gray: NDArray[np.uint8], out: Path, rules: ImageRules
) -> None:
    """The result drawn on ``gray``, the (straightened) page image its boxes lie on."""
    shrink = min(1.0, rules.overlay_max_side / max(gray.shape))
    # The result's boxes may be in another unit than the image's pixels (ALTO or PAGE
    # coordinates of a larger scan, PDF points): its page size says by how much.
    width = result.size[0] if result.size else 0
    scale = shrink * (gray.shape[1] / width if width else 1.0)
    base = Image.fromarray(gray).convert("RGB")
    base = base.resize((round(base.width * shrink), round(base.height * shrink)))
    fill = Image.new("RGBA", base.size, (0, 0, 0, 0))
    ink = ImageDraw.Draw(fill)
    for n, article in enumerate(result.articles):
        colour = PALETTE[n % len(PALETTE)]
        for role, box in _article_boxes(article):
            ink.rectangle(_s(box, scale), fill=(*colour, rules.overlay_fill_alpha))
            ink.rectangle(_s(box, scale), outline=(*ROLE_COLOURS[role], 255), width=2)
    for item in result.unassigned:  # outlined in its role's colour, in no article's
        if item.box is not None:
            colour = ROLE_COLOURS.get(item.role.value, UNASSIGNED_COLOUR)
            ink.rectangle(_s(item.box, scale), outline=(*colour, 255), width=UNASSIGNED_WIDTH)
    for photo in result.photos:
        ink.rectangle(_s(photo, scale), outline=(*ROLE_COLOURS["photo"], 255), width=3)
    for separator in result.separators:
        ink.rectangle(_s(separator, scale), outline=(*RULE_COLOUR, 255), width=1)
    for x0, x1 in gutters(result.columns):  # as bands along the top and bottom
        for y0, y1 in ((0, 10), (base.height - 10, base.height)):
            ink.rectangle([x0 * scale, y0, x1 * scale, y1], fill=(*COLUMN_COLOUR, 200))
    page = Image.alpha_composite(base.convert("RGBA"), fill)
    draw = ImageDraw.Draw(page)
    label = cjk_font(max(12, round(22 * min(1.0, shrink * 2))), bold=True)
    for n, article in enumerate(result.articles):
        anchor = article.headline_box or article.box
        if anchor is not None:
            # The article's number just above its top-left corner, on a small white tab,
            # so it hides none of the headline.
            x = anchor.x0 * scale
            y = max(0.0, anchor.y0 * scale - label.size * 1.15)
            tab = draw.textbbox((x + 3, y), str(n + 1), font=label)
            draw.rectangle(
                [tab[0] - 3, tab[1] - 2, tab[2] + 3, tab[3] + 2], fill=(255, 255, 255, 235)
            )
            draw.text((x + 3, y), str(n + 1), fill=PALETTE[n % len(PALETTE)], font=label)
    _arrows_on_image(draw, result, scale)
    _legend(draw, page.size)
    save_image(page.convert("RGB"), out)


def gutters(columns: list[Column]) -> list[tuple[int, int]]:
    """The x ranges between neighbouring columns."""
    ordered = sorted(columns, key=lambda c: c.x0)
    return [(a.x1, b.x0) for a, b in itertools.pairwise(ordered) if b.x0 > a.x1]


def _article_boxes(article: Article) -> list[tuple[str, BBox]]:
    out: list[tuple[str, BBox]] = []
    if article.headline_box is not None:
        out.append(("headline", article.headline_box))
    for p in article.paragraphs:
        if p.box is not None:
            out.append((p.role.value, p.box))
    for c in article.captions:
        if c.box is not None:
            out.append((c.role.value, c.box))
    return out


def _s(box: BBox, scale: float) -> list[float]:
    return [box.x0 * scale, box.y0 * scale, box.x1 * scale, box.y1 * scale]


def _arrows_on_image(draw: ImageDraw.ImageDraw, result: PageResult, scale: float) -> None:
    targets = {a.id: a.box for a in result.articles}
    for move in result.moves:
        target = targets.get(move.to_article)
        if move.box is None or target is None:
            continue
        _arrow(draw, move.box.center, target.center, scale)


def _arrow(
    draw: ImageDraw.ImageDraw, start: tuple[float, float], end: tuple[float, float], scale: float
) -> None:
    (x0, y0), (x1, y1) = (start[0] * scale, start[1] * scale), (end[0] * scale, end[1] * scale)
    draw.line([(x0, y0), (x1, y1)], fill=ARROW_COLOUR, width=3)
    angle = np.arctan2(y1 - y0, x1 - x0)
    for side in (-0.45, 0.45):
        tip = (x1 - 14 * np.cos(angle + side), y1 - 14 * np.sin(angle + side))
        draw.line([(x1, y1), tip], fill=ARROW_COLOUR, width=3)
    draw.ellipse([x0 - 5, y0 - 5, x0 + 5, y0 + 5], fill=ARROW_COLOUR)


def _legend(draw: ImageDraw.ImageDraw, size: tuple[int, int]) -> None:
    font = cjk_font(16)
    entries = [*ROLE_COLOURS.items(), ("rule", RULE_COLOUR), ("moved →", ARROW_COLOUR)]
    x, y = size[0] - 150, 10
    draw.rectangle([x - 8, y - 6, size[0] - 4, y + 22 * len(entries)], fill=(255, 255, 255, 235))
    for name, colour in entries:
        draw.rectangle([x, y + 3, x + 14, y + 15], outline=colour, width=3)
        draw.text((x + 22, y), name, fill=(0, 0, 0), font=font)
        y += 22


# --- text input ---------------------------------------------------------------------------


def draw_text_overlay(result: PageResult, out: Path, rules: ImageRules) -> None:
    """The input's non-blank lines set in columns, each coloured by its article and role."""
    texts = _input_lines(result)
    numbers = sorted(texts)
    # The same page the XML formats give text-only input (layout/formats/geometry.py).
    where, size = synthetic_boxes(numbers, rules)
    row_h, col_w = rules.text_row_height, rules.text_column_width
    page = Image.new("RGBA", size, (255, 255, 255, 255))
    draw = ImageDraw.Draw(page)
    font = cjk_font(row_h - 6)
    owner, role_of = _line_owners(result)
    for n in numbers:
        box = where[n]
        x, y = box.x0, box.y0
        article = owner.get(n)
        if article is not None:
            draw.rectangle([x, y, box.x1, box.y1], fill=_pastel(article))
        role = role_of.get(n, "body")
        draw.rectangle([x, y, x + 5, box.y1], fill=ROLE_COLOURS.get(role, (0, 0, 0)))
        label = f"{n:>4} " + (f"a{article + 1} " if article is not None else "")
        draw.text((x + 8, y + 1), label + texts[n][:30], fill=(0, 0, 0), font=font)

    def centre(n: int) -> tuple[float, float]:
        return (where[n].x0 + col_w / 2, where[n].y0 + row_h / 2)

    firsts = {a.id: min(a.lines) for a in result.articles if a.lines}
    for move in result.moves:
        target = firsts.get(move.to_article)
        if move.lines and target is not None and move.lines[0] in where and target in where:
            _arrow(draw, centre(move.lines[0]), centre(target), 1.0)
    _legend(draw, page.size)
    save_image(page.convert("RGB"), out)


def _pastel(article: int) -> tuple[int, int, int]:
    """The article's colour mixed with white: dark text stays readable on it."""
    r, g, b = PALETTE[article % len(PALETTE)]
    return (191 + r // 4, 191 + g // 4, 191 + b // 4)


def _input_lines(result: PageResult) -> dict[int, str]:
    """Each input line's text: the lines the result was made from, or, for a result
    read back from JSON (which has no line texts), the text of the piece holding it."""
    texts: dict[int, str] = {}
    for line in result.lines:
        texts.setdefault(line.number, line.text.strip())
    if texts:
        return texts
    for text, numbers in _pieces(result):
        for n in numbers:
            texts.setdefault(n, text)
    return texts


def _pieces(result: PageResult) -> list[tuple[str, list[int]]]:
    """Every text of the result with the input lines it came from."""
    out: list[tuple[str, list[int]]] = []
    for a in result.articles:
        out += [(h.text, h.lines) for h in a.headline_pieces]
        out += [(b.text, b.lines) for b in a.byline_pieces]
        out += [(p.text, p.lines) for p in a.paragraphs]
        out += [(c.text, c.lines) for c in a.captions]
    out += [(u.text, u.lines) for u in result.unassigned]
    return out


def _line_owners(result: PageResult) -> tuple[dict[int, int], dict[int, str]]:
    owner: dict[int, int] = {}
    role: dict[int, str] = {}
    for i, article in enumerate(result.articles):
        for n in article.headline_lines:
            owner[n], role[n] = i, Role.HEADLINE.value
        for n in article.byline_lines:
            owner[n], role[n] = i, Role.BYLINE.value
        for p in article.paragraphs:
            for n in p.lines:
                owner[n], role[n] = i, p.role.value
        for c in article.captions:
            for n in c.lines:
                owner[n], role[n] = i, c.role.value
    for u in result.unassigned:
        for n in u.lines:
            role[n] = u.role.value
    return owner, role
