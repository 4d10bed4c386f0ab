"""Page analysis without OCR: deskew, binarize, rules, photos, text lines, columns, blocks.

Every step is an OpenCV or NumPy operation on the whole image (morphology, connected
components, projection profiles); no Python loop runs over pixels. The analysis runs on
a *work image* whose longer side is at most ``image_rules.work_max_side`` pixels; boxes are
scaled back to the full-resolution deskewed page at the end.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

from layout.image_rules import ImageRules
from layout.model import BBox, Column
from layout.pageimage.grid import completed_grid
from layout.pageimage.page import BlockKind, LayoutBlock, PageLayout, Rule, TextLine

Gray = NDArray[np.uint8]

# Threads the analysis runs its independent steps on: the machine relayout is made for
# has two cores, and no step has more than two others it does not wait for.
ANALYSIS_THREADS = 2
# Rows of nothing that end a band of a sparse mask labelled on its own (_components): a
# band per text line would cost more calls than the empty rows it skips.
BAND_MIN_GAP_ROWS = 32
# A mask whose bands cover more than this share of it is labelled whole: the bands would
# save too little to pay for finding them.
BAND_MAX_SHARE = 0.6


def analyze(gray: Gray, image_rules: ImageRules) -> tuple[PageLayout, Gray]:
    """Analyse a page; returns the layout and the deskewed full-resolution grey image.

    Steps that do not need each other's results run side by side on a pool of
    ``ANALYSIS_THREADS`` threads (OpenCV and NumPy release the GIL): the ink is labelled
    while the skew is measured, the full-resolution page turned while the work image is
    analysed, the photos found while the rule candidates are. The result is the same as
    one thread's: each step computes what it did, only at the same time as another.
    """
    scale = min(1.0, image_rules.work_max_side / max(gray.shape))
    work = _resize(gray, scale)
    ink, not_paper = binarize(work, image_rules=image_rules)
    with ThreadPoolExecutor(max_workers=ANALYSIS_THREADS) as pool:
        parts = pool.submit(label_ink, ink)  # wasted only when the page must be turned
        correction = estimate_skew(ink, image_rules=image_rules)
        if abs(correction) < image_rules.skew_min_correction_deg:
            correction = 0.0  # too small to be worth resampling (and within the estimate's error)
            turned = None
        else:
            turned = pool.submit(rotate, gray, correction)  # needed only for OCR
            work = rotate(work, correction)
            # again, on the turned page, thresholded on the page's own pixels
            ink, not_paper = binarize(
                work, image_rules=image_rules, page=_turned_page(work, correction)
            )
            parts = pool.submit(label_ink, ink)
        ink_parts = parts.result()
        body = glyph_height(ink, image_rules=image_rules, components=ink_parts.stats[1:])
        found_photos = pool.submit(find_photos, not_paper, body, image_rules)
        candidates = [
            pool.submit(rule_candidates, ink, body, image_rules, vertical)
            for vertical in (True, False)
        ]
        photos = found_photos.result()
        rules = find_rules(
            ink,
            body,
            image_rules=image_rules,
            photos=photos,
            candidates=[rule for c in candidates for rule in c.result()],
            ink_parts=ink_parts,
        )
        layout = _text_layout(ink, rules, photos, body, image_rules)
        gray = gray if turned is None else turned.result()
    return _scaled_up(layout, scale, (gray.shape[1], gray.shape[0]), -correction + 0.0), gray


def _text_layout(
    ink: NDArray[np.uint8],
    rules: list[Rule],
    photos: list[BBox],
    body: float,
    image_rules: ImageRules,
) -> PageLayout:
    """Lines, columns and blocks of the work image, whose rules and photos are known."""
    text = _text_mask(ink, rules, photos, body, image_rules=image_rules)
    lines = find_lines(text, body, rules, image_rules=image_rules)
    body = _body_size(lines, body)
    columns = find_columns(lines, body, ink.shape[1], image_rules=image_rules)
    columns = completed_grid(columns, _extent(lines, photos, body, image_rules), tol=body)
    lines = merge_in_columns(lines, columns, body, image_rules=image_rules)
    blocks = find_blocks(lines, photos, body, image_rules=image_rules)
    size = (ink.shape[1], ink.shape[0])
    return PageLayout(size, 0.0, body, columns, rules, photos, lines, blocks)


def _scaled_up(layout: PageLayout, scale: float, size: tuple[int, int], skew: float) -> PageLayout:
    """The work image's layout in pixels of the full-resolution page."""
    return PageLayout(
        size=size,
        skew=skew,
        body_size=layout.body_size / scale,
        columns=[Column(_up(c.x0, scale), _up(c.x1, scale)) for c in layout.columns],
        rules=[Rule(_box_up(r.box, scale), r.vertical) for r in layout.rules],
        photos=[_box_up(p, scale) for p in layout.photos],
        lines=[TextLine(_box_up(ln.box, scale), ln.size / scale) for ln in layout.lines],
        blocks=[_block_up(b, scale) for b in layout.blocks],
    )


def _extent(
    lines: list[TextLine], photos: list[BBox], body: float, image_rules: ImageRules
) -> list[BBox]:
    """What the page's columns hold: its body-size lines and its photos."""
    small = [ln.box for ln in lines if ln.size < image_rules.headline_size_ratio * body]
    return [*small, *photos]


# --- geometry helpers -----------------------------------------------------------------


def _resize(gray: Gray, scale: float) -> Gray:
    if scale >= 1.0:
        return gray
    size = (max(1, round(gray.shape[1] * scale)), max(1, round(gray.shape[0] * scale)))
    return np.asarray(cv2.resize(gray, size, interpolation=cv2.INTER_AREA), dtype=np.uint8)


def rotate(gray: Gray, degrees: float) -> Gray:
    """Rotate about the centre by ``degrees`` counter-clockwise.

    The corners the turn uncovers repeat the page's nearest edge (its margin paper),
    not white: white corners beside a greyer scanned paper raise ``binarize``'s local
    paper estimate there, and a band of plain paper along them read as "not paper", as a
    photo (one that swallowed the caption under a photo near the edge)."""
    h, w = gray.shape
    out = cv2.warpAffine(
        gray, _turn(w, h, degrees), (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )
    return np.asarray(out, dtype=np.uint8)


def _turned_page(work: Gray, degrees: float) -> NDArray[np.bool_]:
    """Where the page turned by ``degrees`` (as ``rotate`` turns it) has its own pixels,
    not the corners the turn uncovered."""
    h, w = work.shape
    ones = np.full((h, w), 255, np.uint8)
    inside = cv2.warpAffine(
        ones, _turn(w, h, degrees), (w, h), flags=cv2.INTER_NEAREST, borderValue=0
    )
    return np.asarray(inside > 0)


def _turn(width: int, height: int, degrees: float) -> NDArray[np.float64]:
    """The 2 x 3 matrix turning a width x height image about its centre by ``degrees``
    (counter-clockwise), the same for the page and the mask of its own pixels."""
    return np.asarray(
        cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0), dtype=np.float64
    )


def enclosing_box(
    box: Sequence[float], matrix: Sequence[Sequence[float]] | NDArray[np.float64]
) -> tuple[float, float, float, float]:
    """The upright box (x0, y0, x1, y1) enclosing a box's four corners after the 2 x 3
    affine map ``matrix`` (a rotation such as ``rotate`` applies, or its inverse)."""
    x0, y0, x1, y1 = box
    corners = np.array([[x0, y0, 1], [x1, y0, 1], [x0, y1, 1], [x1, y1, 1]], dtype=np.float64)
    points = corners @ np.asarray(matrix, dtype=np.float64).T
    xs, ys = points[:, 0], points[:, 1]
    return float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max())


def _up(v: float, scale: float) -> int:
    return round(v / scale)


def _box_up(box: BBox, scale: float) -> BBox:
    return BBox(_up(box.x0, scale), _up(box.y0, scale), _up(box.x1, scale), _up(box.y1, scale))


def _block_up(block: LayoutBlock, scale: float) -> LayoutBlock:
    lines = [TextLine(_box_up(ln.box, scale), ln.size / scale) for ln in block.lines]
    return LayoutBlock(_box_up(block.box, scale), block.kind, lines)


def _components(mask: NDArray[Any]) -> NDArray[np.int32]:
    """Bounding boxes (x, y, w, h, area) of the 8-connected components of a 0/255 mask,
    in the order OpenCV labels them (row by row, by the first 2 x 2 block each touches).

    Labelling costs about as much for an empty image as for a full one, and many masks
    mark little (rules, photos, headline rows): those are labelled band by band, each
    run of rows that holds something cut to the columns that do. No component crosses
    an empty row and a band's components come before the next band's in that order, so
    the boxes are the same as the whole mask's, in the same order. (A band starts on an
    even row and column, so that its 2 x 2 blocks are the whole mask's.)"""
    bands = _bands(mask)
    if bands is None:
        return _labelled_boxes(mask)
    out = [np.zeros((0, 5), dtype=np.int32)]
    for y0, y1 in bands:
        band = mask[y0:y1]
        used = np.flatnonzero(cv2.reduce(band, 0, cv2.REDUCE_MAX).ravel())
        x0 = int(used[0]) // 2 * 2
        boxes = _labelled_boxes(band[:, x0 : int(used[-1]) + 1])
        boxes[:, 0] += x0
        boxes[:, 1] += y0
        out.append(boxes)
    return np.concatenate(out)


def _labelled_boxes(mask: NDArray[Any]) -> NDArray[np.int32]:
    _, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    return np.asarray(stats[1:], dtype=np.int32)


def _bands(mask: NDArray[Any]) -> list[tuple[int, int]] | None:
    """The runs of rows of ``mask`` that hold something, apart by at least
    ``BAND_MIN_GAP_ROWS`` empty rows; None when they cover most of it."""
    if mask.ndim != 2 or mask.dtype != np.uint8 or not mask.size:
        return None
    rows = np.flatnonzero(cv2.reduce(mask, 1, cv2.REDUCE_MAX).ravel())
    if not len(rows):
        return []
    cuts = np.flatnonzero(np.diff(rows) > BAND_MIN_GAP_ROWS)
    starts = rows[np.concatenate(([0], cuts + 1))] // 2 * 2  # even: see _components
    ends = rows[np.concatenate((cuts, [len(rows) - 1]))] + 1
    if (ends - starts).sum() > BAND_MAX_SHARE * mask.shape[0]:
        return None
    return [(int(a), int(b)) for a, b in zip(starts, ends, strict=True)]


@dataclass(frozen=True, slots=True)
class InkParts:
    """The ink's 8-connected components: ``labels`` (one label per pixel, 0 the paper)
    and ``stats`` (x, y, w, h, area per label, row 0 the paper's)."""

    labels: NDArray[np.int32]
    stats: NDArray[np.int32]


def label_ink(ink: NDArray[np.uint8]) -> InkParts:
    """Label the ink once: the glyph height and the rules' stroke test both read it."""
    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    return InkParts(np.asarray(labels, dtype=np.int32), np.asarray(stats, dtype=np.int32))


# --- deskew ---------------------------------------------------------------------------


def estimate_skew(ink_mask: NDArray[np.uint8], image_rules: ImageRules) -> float:
    """Rotation (degrees, counter-clockwise) that makes the text lines horizontal.

    Text lines give the horizontal projection profile sharp peaks when level: the
    angle maximising the profile's variance, searched coarse then fine within
    ±MAX_SKEW_DEG, on a small copy of the ink mask (after the paper level is divided
    out, so shading does not count as ink).
    """
    fine_ink = _resize(ink_mask, 1.0 / image_rules.skew_downscale)
    coarse_ink = _resize(ink_mask, 1.0 / image_rules.skew_coarse_downscale)
    step = image_rules.skew_coarse_step_deg
    coarse = np.arange(-image_rules.max_skew_deg, image_rules.max_skew_deg + step / 2, step)
    best = _best_angle(coarse_ink, coarse, image_rules=image_rules)
    fine_step = image_rules.skew_fine_step_deg
    fine = np.arange(best - step / 2, best + step / 2 + fine_step / 2, fine_step)
    return round(float(_best_angle(fine_ink, fine, image_rules=image_rules)), 2)


def _best_angle(
    ink: NDArray[np.uint8], angles: NDArray[np.float64], image_rules: ImageRules
) -> float:
    h, w = ink.shape
    if h < 2:
        return 0.0  # one row of pixels has no profile to sharpen: nothing to deskew
    strips = np.array_split(np.arange(w), image_rules.skew_strips)
    scores = []
    for angle in angles:
        matrix = _turn(w, h, float(angle))
        # Nearest neighbour: an interpolating rotation blurs every angle but 0 and
        # would bias the search towards leaving the page as it is.
        turned = cv2.warpAffine(ink, matrix, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
        # Each vertical strip's profile on its own: columns out of phase do not blur.
        profiles = np.stack(
            [turned[:, s[0] : s[-1] + 1].sum(axis=1, dtype=np.int64) for s in strips if len(s)]
        ).astype(np.float64)
        scores.append(float(np.var(np.diff(profiles, axis=1), axis=1).sum()))
    return float(angles[int(np.argmax(scores))])


# --- binarization ---------------------------------------------------------------------


def binarize(
    work: Gray, image_rules: ImageRules, page: NDArray[np.bool_] | None = None
) -> tuple[NDArray[np.uint8], NDArray[np.uint8]]:
    """(ink, not_paper) masks, 255 where true.

    The paper level is estimated locally (the brightest value around each point, on a
    small copy) and divided out, so uneven lighting does not move the threshold; Otsu
    then separates ink from paper on the flattened image, over the pixels of ``page``
    when given: a page turned straight is thresholded on its own pixels, not on the
    corners the turn uncovered (which would move the threshold and, with it, faint rules).
    """
    small = _resize(work, 1.0 / image_rules.background_downscale)
    k = max(3, round(min(small.shape) * image_rules.background_window_fraction) | 1)
    paper_small = cv2.dilate(small, np.ones((k, k), np.uint8))
    paper = cv2.resize(paper_small, (work.shape[1], work.shape[0]), interpolation=cv2.INTER_LINEAR)
    flat = work.astype(np.float32)  # work / paper * 255, in place: no temporary copies
    flat /= np.maximum(paper, 1)
    flat *= 255.0
    flat = np.clip(flat, 0, 255, out=flat).astype(np.uint8)
    if page is None:
        threshold, ink = cv2.threshold(flat, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    else:  # Otsu's threshold over the page's own pixels, then applied to all
        threshold, _ = cv2.threshold(flat[page], 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
        _, ink = cv2.threshold(flat, threshold, 255, cv2.THRESH_BINARY_INV)
    # flat < 255 * ratio, for whole numbers: flat <= ceil(255 * ratio) - 1
    below = math.ceil(255 * image_rules.not_paper_ratio) - 1
    _, not_paper = cv2.threshold(flat, below, 255, cv2.THRESH_BINARY_INV)
    return np.asarray(ink, dtype=np.uint8), np.asarray(not_paper, dtype=np.uint8)


def glyph_height(
    ink: NDArray[np.uint8], image_rules: ImageRules, components: NDArray[np.int32] | None = None
) -> float:
    """A first estimate of the body glyph height from component heights (work pixels).
    ``components``: the ink's component boxes when they are known (label_ink)."""
    stats = _components(ink) if components is None else components
    stats = stats[stats[:, 4] >= image_rules.min_component_area]
    if not len(stats):
        return 10.0
    heights = stats[:, 3].astype(float)
    # The tallest 1% (photos, rules, boxes) say nothing about the type; unless every
    # blob has one height (a black page, a photo alone): then there is nothing to drop.
    typical = heights[heights < np.percentile(heights, 99)]
    heights = typical if len(typical) else heights
    return max(4.0, float(np.percentile(heights, image_rules.glyph_height_percentile)))


# --- rules and photos -------------------------------------------------------------------


def find_rules(
    ink: NDArray[np.uint8],
    body: float,
    image_rules: ImageRules,
    photos: Sequence[BBox] = (),
    candidates: Sequence[Rule] | None = None,
    ink_parts: InkParts | None = None,
) -> list[Rule]:
    """Long thin printed lines: opened out of the ink with long line-shaped kernels.
    ``photos``: the page's photos, whose ink is no glyph beside a rule. ``candidates``
    (rule_candidates, both directions) and ``ink_parts`` (label_ink) when they are known."""
    if candidates is None:
        candidates = [
            rule
            for vertical in (True, False)
            for rule in rule_candidates(ink, body, image_rules, vertical)
        ]
    parts = label_ink(ink) if ink_parts is None else ink_parts
    not_type = _in_photos(parts.stats, photos)  # a photo's ink is no glyph beside a stroke
    return [
        rule
        for rule in candidates
        if not _glyph_stroke(
            rule.box, rule.vertical, parts.labels, parts.stats, not_type, image_rules
        )
    ]


def rule_candidates(
    ink: NDArray[np.uint8], body: float, image_rules: ImageRules, vertical: bool
) -> list[Rule]:
    """Long thin marks in one direction, rules or strokes of large glyphs (find_rules
    tells them apart)."""
    length = max(10, round(image_rules.rule_min_length_glyphs * body))
    kernel = np.ones((length, 1) if vertical else (1, length), np.uint8)
    opened = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
    out = []
    for x, y, w, h, _ in _components(opened):
        thick = w if vertical else h
        if thick > max(2, image_rules.rule_max_thickness_glyphs * body):
            continue
        out.append(Rule(BBox(int(x), int(y), int(x + w), int(y + h)), vertical))
    return out


def _glyph_stroke(
    box: BBox,
    vertical: bool,
    labels: NDArray[np.int32],
    stats: NDArray[np.int32],
    not_type: NDArray[np.bool_],
    image_rules: ImageRules,
) -> bool:
    """A stroke of a large glyph (a headline's) rather than a rule: the ink it belongs to
    is about as wide as it is tall, not much longer than the stroke, and well filled —
    a rule stands alone or meets other rules in a thin, mostly empty frame."""
    patch = labels[box.y0 : box.y1, box.x0 : box.x1]
    ids = patch[patch > 0]
    if ids.size == 0:
        return False
    label = int(np.bincount(ids).argmax())
    cw, ch, area = (int(v) for v in stats[label, 2:5])
    along, across = (ch, cw) if vertical else (cw, ch)
    stroke = box.height if vertical else box.width
    ratio = image_rules.stroke_max_aspect
    compact = stroke / ratio <= across <= ratio * stroke and along <= ratio * stroke
    if compact and area >= image_rules.stroke_min_fill * cw * ch:
        return True
    return _in_glyph_row(box, stroke, label, stats, not_type, image_rules)


def _in_glyph_row(
    box: BBox,
    stroke: float,
    label: int,
    stats: NDArray[np.int32],
    not_type: NDArray[np.bool_],
    image_rules: ImageRules,
) -> bool:
    """A stroke with glyphs about as tall as it is long right beside it, on its row: a
    narrow part of a headline glyph (the hand radical, a half of 非) or a whole one (一, a
    dash). A rule is longer than the text beside it is tall: a column rule runs past many
    body lines, a rule between articles past their headlines too."""
    x, y, w, h, area = (stats[:, i] for i in range(5))
    reach = image_rules.stroke_row_reach * stroke
    low, high = image_rules.stroke_row_heights
    cy = (box.y0 + box.y1) / 2
    beside = (
        (y <= cy)
        & (y + h >= cy)
        & (x + w >= box.x0 - reach)
        & (x <= box.x1 + reach)
        & (h >= low * stroke)
        & (h <= high * stroke)
        & (w <= high * stroke)
        # glyph-like: not a thin rule running alongside, not an empty frame
        & (w >= image_rules.stroke_row_min_width * stroke)
        & (area >= image_rules.stroke_min_fill * w * h)
    )
    beside &= ~not_type
    beside[label] = False
    beside[0] = False  # the background
    return bool(beside.any())


def _in_photos(stats: NDArray[np.int32], photos: Sequence[BBox]) -> NDArray[np.bool_]:
    """Components whose box lies mostly inside one of the photos."""
    out = np.zeros(len(stats), dtype=bool)
    x0, y0 = stats[:, 0], stats[:, 1]
    x1, y1 = x0 + stats[:, 2], y0 + stats[:, 3]
    area = np.maximum(1, stats[:, 2] * stats[:, 3])
    for p in photos:
        w = np.clip(np.minimum(x1, p.x1) - np.maximum(x0, p.x0), 0, None)
        h = np.clip(np.minimum(y1, p.y1) - np.maximum(y0, p.y0), 0, None)
        out |= w * h > 0.5 * area
    return out


def find_photos(not_paper: NDArray[np.uint8], body: float, image_rules: ImageRules) -> list[BBox]:
    """Areas where nearly every pixel is darker than the paper (text leaves most white)."""
    k = max(3, round(image_rules.photo_density_window_glyphs * body))
    density = cv2.blur(not_paper.astype(np.float32) / 255.0, (k, k))
    dense = np.where(density >= image_rules.photo_min_density, 255, 0).astype(np.uint8)
    side = image_rules.photo_min_side_glyphs * body
    grow = k // 2  # the density window shrank the area by up to half its width a side
    limit_y, limit_x = not_paper.shape
    grown = [
        BBox(
            max(0, int(x) - grow),
            max(0, int(y) - grow),
            min(limit_x, int(x + w) + grow),
            min(limit_y, int(y + h) + grow),
        )
        for x, y, w, h, _ in _components(dense)
        if w >= side and h >= side
    ]
    return [_tighten(box, not_paper, grow, image_rules.photo_edge_min_fill) for box in grown]


def _tighten(box: BBox, not_paper: NDArray[np.uint8], grow: int, min_fill: float) -> BBox:
    """The box without the outer rows and columns of its grown margin that are mostly
    paper.

    Growing by half the density window overshoots a sharp edge by a quarter of it (a
    solid edge is already half dense there): the margin, a caption's first row or a
    column's gap would count as the photo's. Only the grown margin is cut: inside it, a
    real photo's light areas (a sky) are the photo's."""
    area = not_paper[box.y0 : box.y1, box.x0 : box.x1] > 0
    y0, y1 = _solid_span(area.mean(axis=1) >= min_fill, grow)
    x0, x1 = _solid_span(area.mean(axis=0) >= min_fill, grow)
    return BBox(box.x0 + x0, box.y0 + y0, box.x0 + x1, box.y0 + y1)


def _solid_span(solid: NDArray[np.bool_], margin: int) -> tuple[int, int]:
    """(start, end) of the run from the first to the last solid position, moved in by
    at most ``margin`` from either end."""
    found = np.flatnonzero(solid)
    if found.size == 0:
        return 0, solid.size
    return min(int(found[0]), margin), max(int(found[-1]) + 1, solid.size - margin)


def _text_mask(
    ink: NDArray[np.uint8],
    rules: list[Rule],
    photos: list[BBox],
    body: float,
    image_rules: ImageRules,
) -> NDArray[np.uint8]:
    mask = ink.copy()
    pad = max(2, round(body * image_rules.clear_around_glyphs))
    for rule in rules:
        b = rule.box
        mask[max(0, b.y0 - pad) : b.y1 + pad, max(0, b.x0 - pad) : b.x1 + pad] = 0
    for p in photos:
        mask[max(0, p.y0 - pad) : p.y1 + pad, max(0, p.x0 - pad) : p.x1 + pad] = 0
    return mask


# --- text lines -------------------------------------------------------------------------


def find_lines(
    text: NDArray[np.uint8], body: float, rules: list[Rule], image_rules: ImageRules
) -> list[TextLine]:
    """Text lines: glyphs smeared together horizontally, then connected components.

    Body lines are smeared across less than a gutter, so neighbouring columns set on
    the same baseline stay apart; lines set large (headlines) are smeared again across
    their own phrase spaces.
    """
    smear = max(2, round(image_rules.smear_width_glyphs * body))
    joined = cv2.morphologyEx(text, cv2.MORPH_CLOSE, np.ones((1, smear), np.uint8))
    found = _components(joined)
    min_h = image_rules.min_line_height_glyphs * body
    keep = (found[:, 3] >= min_h) & (found[:, 4] >= image_rules.min_component_area)
    keep &= found[:, 2] >= image_rules.min_line_width_glyphs * body  # no slivers
    stats = _split_stacked(found[keep], text, body, image_rules=image_rules)
    big = stats[:, 3] >= image_rules.headline_size_ratio * body
    if not big.any():
        return sorted((_line(row) for row in stats), key=lambda ln: (ln.box.y0, ln.box.x0))
    walls = [r.box for r in rules if r.vertical]
    small = stats[~big]
    marks = np.concatenate([small, found[~keep]])  # the small lines first, then the specks
    left = np.arange(len(marks))  # marks not yet taken into a large line
    rows = stats[big]
    # Twice: the dots of ： may sit beside 一, itself taken in on the first pass.
    for _ in range(2):
        hits, stretched = _inside_big_rows(marks[left], rows, walls, body, image_rules)
        rows = np.concatenate([rows, stretched])
        left = left[~hits]
    lines = [_line(row) for row in small[left[left < len(small)]]]
    lines += _join_big(rows, text.shape, walls, image_rules)
    return sorted(lines, key=lambda ln: (ln.box.y0, ln.box.x0))


def _inside_big_rows(
    marks: NDArray[np.int32],
    big: NDArray[np.int32],
    walls: list[BBox],
    body: float,
    image_rules: ImageRules,
) -> tuple[NDArray[np.bool_], NDArray[np.int32]]:
    """Marks that belong to a large line: within the height of a large fragment beside
    them (at most ``line_join_gap_large`` of its heights away, no rule between), no wider
    than a glyph of it, and either flat (一, a dash) or small and set between two large
    fragments (the dots of ：). Such glyphs are too short to make a line of their own and
    would cut the headline at the gap they leave. Returns which marks, and those marks
    stretched to the height of the fragment they sit beside, so that they join its row."""
    if not len(marks) or not len(big):
        return np.zeros(len(marks), dtype=bool), marks[:0]
    sx, sy, sw, sh = (marks[:, i, None] for i in range(4))
    bx, by, bw, bh = (big[None, :, i] for i in range(4))
    margin = image_rules.inside_row_margin * bh
    reach = image_rules.line_join_gap_large * bh
    row = (sy >= by - margin) & (sy + sh <= by + bh + margin)
    left = row & (sx - (bx + bw) >= -sw) & (sx - (bx + bw) <= reach)  # big on its left
    right = row & (bx - (sx + sw) >= -sw) & (bx - (sx + sw) <= reach)  # big on its right
    beside = (left | right) & (sw <= image_rules.inside_row_max_width * bh)
    for i, j in zip(*np.nonzero(beside), strict=True):
        if _wall_between(marks[i], big[j], walls):
            beside[i, j] = False
    flat = marks[:, 3] <= image_rules.inside_row_max_height * body
    small = marks[:, 3] <= body
    between = (beside & left).any(axis=1) & (beside & right).any(axis=1)
    hits = beside.any(axis=1) & (flat | (small & between))
    host = np.argmax(beside, axis=1)[hits]
    out = marks[hits].copy()
    out[:, 1] = big[host, 1]
    out[:, 3] = big[host, 3]
    return hits, out


def _wall_between(a: NDArray[np.int32], b: NDArray[np.int32], walls: list[BBox]) -> bool:
    """Whether a vertical rule stands between two fragments on one row."""
    left, right = min(a[0] + a[2], b[0] + b[2]), max(a[0], b[0])
    top, bottom = max(a[1], b[1]), min(a[1] + a[3], b[1] + b[3])
    return any(left <= w.x1 and w.x0 <= right and w.y0 <= bottom and top <= w.y1 for w in walls)


def _split_stacked(
    stats: NDArray[np.int32], text: NDArray[np.uint8], body: float, image_rules: ImageRules
) -> NDArray[np.int32]:
    """Split components that are lines stacked on top of each other (a blurred scan
    joins them, across gutters too): rows with almost no ink inside a tall component
    separate its lines, which are then found again in the cut-apart crop. A
    headline's glyphs leave no such row."""
    tall = stats[:, 3] >= image_rules.headline_size_ratio * body
    out = [stats[~tall]]
    edge = max(1, round(body * 0.3))  # a glyph's thin top or bottom is no gap
    smear = np.ones((1, max(2, round(image_rules.smear_width_glyphs * body))), np.uint8)
    for x, y, w, h, area in stats[tall]:
        crop = text[y : y + h, x : x + w].copy()
        profile = (crop > 0).sum(axis=1)
        gaps = profile <= image_rules.stacked_valley_share * profile.max()
        gaps[:edge] = False
        gaps[-edge:] = False
        if not gaps.any():
            out.append(np.array([[x, y, w, h, area]], dtype=np.int32))
            continue
        crop[gaps] = 0
        parts = _components(cv2.morphologyEx(crop, cv2.MORPH_CLOSE, smear))
        parts[:, 0] += x
        parts[:, 1] += y
        keep = parts[:, 3] >= image_rules.min_line_height_glyphs * body
        out.append(parts[keep].astype(np.int32))
    return np.concatenate(out) if out else stats


def _line(row: NDArray[np.int32]) -> TextLine:
    x, y, w, h = (int(v) for v in row[:4])
    return TextLine(BBox(x, y, x + w, y + h), float(h))


def _join_big(
    stats: NDArray[np.int32], shape: tuple[int, ...], walls: list[BBox], image_rules: ImageRules
) -> list[TextLine]:
    """Join large fragments on one row across gaps of up to LINE_JOIN_GAP_LARGE heights,
    never across a vertical rule (two headlines side by side are two articles)."""
    mask = np.zeros(shape[:2], np.uint8)
    for x, y, w, h, _ in stats:
        # Fill the middle half of each fragment's height: rows close in height join,
        # two lines stacked one above the other do not.
        mask[y + h // 4 : y + h - h // 4, x : x + w] = 255
    gap = max(3, round(image_rules.line_join_gap_large * float(np.median(stats[:, 3])))) | 1
    joined = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((1, gap), np.uint8))
    for wall in walls:
        joined[wall.y0 : wall.y1, max(0, wall.x0 - 1) : wall.x1 + 1] = 0
    out = []
    for x, y, w, h, _ in _components(joined):
        cx = stats[:, 0] + stats[:, 2] // 2  # fragments whose centre the joined row holds
        cy = stats[:, 1] + stats[:, 3] // 2
        inside = stats[(cx >= x) & (cx <= x + w) & (cy >= y) & (cy <= y + h)]
        if len(inside):
            y0 = int(inside[:, 1].min())
            y1 = int((inside[:, 1] + inside[:, 3]).max())
            out.append(TextLine(BBox(int(x), y0, int(x + w), y1), float(y1 - y0)))
    return out


def _body_size(lines: list[TextLine], first_guess: float) -> float:
    """The page's dominant line height: the median height weighted by line length."""
    if not lines:
        return first_guess
    heights = np.array([ln.size for ln in lines])
    widths = np.array([ln.box.width for ln in lines], dtype=float)
    order = np.argsort(heights)
    cumulative = np.cumsum(widths[order])
    return float(heights[order][np.searchsorted(cumulative, cumulative[-1] / 2)])


# --- columns and blocks ---------------------------------------------------------------------


def find_columns(
    lines: list[TextLine], body: float, width: int, image_rules: ImageRules
) -> list[Column]:
    """Columns: x ranges covered by body-size lines, split at gutters (little coverage)."""
    body_lines = [
        ln
        for ln in lines
        if ln.size < image_rules.headline_size_ratio * body
        and ln.box.width >= image_rules.column_line_min_width_glyphs * body  # no specks
    ]
    if not body_lines:
        return []
    # Body lines are one column wide; a "line" much wider than most joined neighbouring
    # columns across a gutter (a blurred scan) and would hide it.
    typical = float(np.median([ln.box.width for ln in body_lines]))
    body_lines = [
        ln for ln in body_lines if ln.box.width <= image_rules.column_line_max_width * typical
    ]
    coverage = np.zeros(width + 1, dtype=np.int32)
    for ln in body_lines:
        coverage[ln.box.x0] += 1
        coverage[ln.box.x1] -= 1
    coverage = np.cumsum(coverage)[:width]
    busy = coverage > image_rules.gutter_max_coverage * coverage.max()
    edges = np.flatnonzero(np.diff(np.concatenate(([0], busy.astype(np.int8), [0]))))
    runs = [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True)]
    min_width = image_rules.column_min_width_glyphs * body
    return [Column(a, b) for a, b in runs if b - a >= min_width]


def merge_in_columns(
    lines: list[TextLine], columns: list[Column], body: float, image_rules: ImageRules
) -> list[TextLine]:
    """Join the pieces of one body line that a wide space split, within its column."""

    def column_of(line: TextLine) -> int:
        cx = (line.box.x0 + line.box.x1) / 2
        for i, c in enumerate(columns):
            if c.x0 - body <= cx <= c.x1 + body:
                return i
        return -1

    keyed = sorted(lines, key=lambda ln: (column_of(ln), ln.box.y0 + ln.box.y1, ln.box.x0))
    out: list[TextLine] = []
    last_column = None
    for line in keyed:
        col = column_of(line)
        prev = out[-1] if out else None
        body_size = line.size < image_rules.headline_size_ratio * body
        if (
            prev is not None
            and col == last_column
            and col >= 0
            and body_size
            and _one_row(prev, line, image_rules=image_rules)
        ):
            box = prev.box.union(line.box)
            out[-1] = TextLine(box, float(box.height))
        else:
            out.append(line)
        last_column = col
    return sorted(out, key=lambda ln: (ln.box.y0, ln.box.x0))


def _one_row(a: TextLine, b: TextLine, image_rules: ImageRules) -> bool:
    overlap = min(a.box.y1, b.box.y1) - max(a.box.y0, b.box.y0)
    return overlap >= image_rules.same_row_overlap * min(a.box.height, b.box.height)


def find_blocks(
    lines: list[TextLine], photos: list[BBox], body: float, image_rules: ImageRules
) -> list[LayoutBlock]:
    """Lines of one size stacked closely in one column range form a block."""
    blocks: list[LayoutBlock] = []
    for line in sorted(lines, key=lambda ln: (ln.box.y0, ln.box.x0)):
        for block in reversed(blocks):
            if _continues_block(block, line, body, image_rules=image_rules):
                block.lines.append(line)
                block.box = block.box.union(line.box)
                break
        else:
            blocks.append(LayoutBlock(line.box, BlockKind.BODY, [line]))
    for block in blocks:
        block.kind = _kind(block, photos, body, image_rules=image_rules)
    return blocks


def _continues_block(
    block: LayoutBlock, line: TextLine, body: float, image_rules: ImageRules
) -> bool:
    last = block.lines[-1]
    gap = line.box.y0 - last.box.y1
    if gap < -0.3 * body or gap > image_rules.block_max_gap_glyphs * max(last.size, body):
        return False
    ratio = max(line.size, last.size) / max(1.0, min(line.size, last.size))
    if ratio > image_rules.block_max_size_ratio:
        return False
    overlap = min(line.box.x1, block.box.x1) - max(line.box.x0, block.box.x0)
    return overlap >= image_rules.block_min_x_overlap * min(line.box.width, block.box.width)


def _kind(
    block: LayoutBlock, photos: list[BBox], body: float, image_rules: ImageRules
) -> BlockKind:
    if block.size >= image_rules.headline_size_ratio * body:
        return BlockKind.HEADLINE
    if block.size <= image_rules.caption_max_size_ratio * body and _under_photo(
        block.box, photos, body, image_rules=image_rules
    ):
        return BlockKind.CAPTION
    return BlockKind.BODY


def _under_photo(box: BBox, photos: list[BBox], body: float, image_rules: ImageRules) -> bool:
    reach = image_rules.caption_max_gap_glyphs * body
    for p in photos:
        x_overlap = min(box.x1, p.x1) - max(box.x0, p.x0)
        if 0 <= box.y0 - p.y1 <= reach and x_overlap > 0.5 * box.width:
            return True
    return False
