"""``relayout eval --report DIR/index.html``: per page, the truth beside relayout's decision.

Left: the page image with every ground-truth block outlined in its article's colour.
Right: the same blocks coloured by the article relayout put their text in (the GT article
matched to that predicted article); a block relayout gave to another article is filled
red, one it left unassigned or lost is grey. Plain HTML with inline SVG, no scripts.
"""

from __future__ import annotations

import html
import json
import os
from pathlib import Path
from typing import Any

from layout.evaluate.match import Json, match_articles, norm, part_text

PALETTE = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#7f7f7f",
    "#d62728",
    "#393b79",
    "#637939",
    "#8c6d31",
    "#843c39",
)
WRONG, MISSED = "#e41a1c", "#999999"
PROBE_CHARS = 24  # a block's text is looked up by its first characters (blocks may be cut)
SHOWN_WIDTH = 560  # px of each page picture in the report


def article_texts(article: Json) -> str:
    parts = [*article.get("headline", []), *article.get("bylines", [])]
    parts += [part_text(p) for p in article.get("paragraphs", [])]
    parts += [part_text(c) for c in article.get("captions", [])]
    return "".join(norm(part_text(p)) for p in parts)


def decided(gt: Json, pred: Json) -> dict[int, str | None]:
    """Block index → GT article id relayout put its text with (None: nowhere found)."""
    gts, preds = list(gt.get("articles", [])), list(pred.get("articles", []))
    pairs = match_articles(gts, preds)
    owner = {j: gts[i]["id"] for i, j in pairs.items()}
    texts = [article_texts(a) for a in preds]
    out: dict[int, str | None] = {}
    for k, block in enumerate(gt.get("blocks", [])):
        probe = norm(block.get("text", ""))[:PROBE_CHARS]
        if not probe or not block.get("article"):
            continue
        hit = next((j for j, t in enumerate(texts) if probe in t), None)
        out[k] = owner.get(hit, "?") if hit is not None else None
    return out


def svg(gt: Json, image: str | None, colour_of: dict[int, str]) -> str:
    w, h = gt.get("size", [1000, 1400])
    scale = SHOWN_WIDTH / w
    out = [f'<svg width="{SHOWN_WIDTH}" height="{h * scale:.0f}" viewBox="0 0 {w} {h}">']
    if image:
        out.append(f'<image href="{html.escape(image)}" width="{w}" height="{h}"/>')
    for k, block in enumerate(gt.get("blocks", [])):
        if k not in colour_of:
            continue
        x0, y0, x1, y1 = block["box"]
        out.append(
            f'<rect x="{x0}" y="{y0}" width="{x1 - x0}" height="{y1 - y0}" fill="{colour_of[k]}"'
            f' fill-opacity="0.25" stroke="{colour_of[k]}" stroke-width="4"/>'
        )
    return "".join(out) + "</svg>"


def page_section(folder: Path, pred: Json, report_dir: Path) -> str:
    gt = json.loads((folder / "gt.json").read_text(encoding="utf-8"))
    colours = {a["id"]: PALETTE[i % len(PALETTE)] for i, a in enumerate(gt.get("articles", []))}
    truth = {
        k: colours.get(b.get("article"), MISSED)
        for k, b in enumerate(gt.get("blocks", []))
        if b.get("article") and b.get("role") != "photo"
    }
    choice = decided(gt, pred)
    result = {}
    for k in truth:
        got = choice.get(k)
        block_article = gt["blocks"][k]["article"]
        result[k] = (
            MISSED if got is None else colours[block_article] if got == block_article else WRONG
        )
    png = folder / "page.png"
    image = os.path.relpath(png.resolve(), report_dir.resolve()) if png.exists() else None
    wrong = sum(c == WRONG for c in result.values())
    missed = sum(c == MISSED for c in result.values())
    return (
        f"<h2>{html.escape(folder.name)}</h2><p>{len(result)} blocks, {wrong} given to another "
        f"article, {missed} not found</p><div class=pair><figure>{svg(gt, image, truth)}"
        f"<figcaption>truth</figcaption></figure><figure>{svg(gt, image, result)}"
        f"<figcaption>relayout</figcaption></figure></div>"
    )


def write_report(pages_dir: Path, out: Path, extractor: str | None) -> None:
    """Write the report for every page folder of ``pages_dir`` (relayout on NAME.txt)."""
    from layout.evaluate.systems import relayout_text
    from layout.evaluate.views import extractor_view

    out.parent.mkdir(parents=True, exist_ok=True)
    sections: list[str] = []
    folders = sorted(p.parent for p in pages_dir.glob("*/gt.json"))
    preds: dict[str, Any] = {}
    if extractor:
        with extractor_view(pages_dir, extractor) as view:
            preds = {f.name: _safe(relayout_text, view / f.name) for f in folders}
    else:
        preds = {f.name: _safe(relayout_text, f) for f in folders}
    for folder in folders:
        sections.append(page_section(folder, preds[folder.name], out.parent))
    title = f"relayout on {html.escape(str(pages_dir))} ({html.escape(extractor or 'page.txt')})"
    style = ".pair{display:flex;gap:16px}figure{margin:0}svg{border:1px solid #ccc}"
    legend = (
        "<p>Left: ground-truth blocks in their article's colour. Right: coloured by the article "
        f'relayout put their text in; <b style="color:{WRONG}">red</b>: another article, '
        f'<b style="color:{MISSED}">grey</b>: not found in any article.</p>'
    )
    body = "".join(sections)
    out.write_text(
        f"<!DOCTYPE html><meta charset=utf-8><title>{title}</title><style>{style}</style>"
        f"<h1>{title}</h1>{legend}{body}\n",
        encoding="utf-8",
    )


def _safe(predict: Any, folder: Path) -> Json:
    try:
        result: Json = predict(folder)
        return result
    except Exception:  # a page relayout fails on shows as all grey, not as a broken report
        return {"articles": [], "unassigned": []}


def overlay_png(folder: Path, pred: Json, out: Path, width: int = 1400) -> None:
    """The truth and relayout's decision side by side as one PNG (for docs/img)."""
    import cv2
    import numpy as np

    gt = json.loads((folder / "gt.json").read_text(encoding="utf-8"))
    page = cv2.imread(str(folder / "page.png"), cv2.IMREAD_COLOR)
    if page is None:
        raise FileNotFoundError(f"{folder / 'page.png'}: no page image")
    colours = {a["id"]: PALETTE[i % len(PALETTE)] for i, a in enumerate(gt.get("articles", []))}
    choice = decided(gt, pred)
    truth, result = page.copy(), page.copy()
    for k, block in enumerate(gt.get("blocks", [])):
        art = block.get("article")
        if not art or block.get("role") == "photo":
            continue
        got = choice.get(k)
        _box(truth, block["box"], colours[art])
        _box(result, block["box"], MISSED if got is None else colours[art] if got == art else WRONG)
    pair = np.hstack([truth, np.full((page.shape[0], 40, 3), 255, np.uint8), result])
    scale = width / pair.shape[1]
    small = cv2.resize(pair, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    cv2.imwrite(str(out), small, [cv2.IMWRITE_PNG_COMPRESSION, 9])


def _box(img: Any, box: list[float], colour: str) -> None:
    import cv2

    bgr = tuple(int(colour[i : i + 2], 16) for i in (5, 3, 1))
    x0, y0, x1, y1 = (int(v) for v in box)
    tint = img[y0:y1, x0:x1].astype("float32") * 0.7 + [c * 0.3 for c in bgr]
    img[y0:y1, x0:x1] = tint.astype("uint8")
    cv2.rectangle(img, (x0, y0), (x1, y1), bgr, 5)
