"""Every tunable number of the image side, as one typed, frozen value (``Conventions.image``).

Sizes written ``*_glyphs`` are multiples of the page's dominant body glyph height, so the
same rules hold at 150, 200 or 600 dpi. Sizes in pixels refer to the *work image*, the
downscaled copy the analysis runs on. Each rule carries its reason (``why``).
"""

from __future__ import annotations

from dataclasses import dataclass

from .rule import rule


@dataclass(frozen=True, slots=True)
class ImageRules:
    """The image stages' rules: loading, deskew, binarization, photos, rules, lines,
    columns, blocks, OCR, alignment and overlays (layout/pageimage/)."""

    # --- work resolution
    work_max_side: int = rule(
        2400,
        "The analysis runs on a copy whose longer side is at most this many pixels. A 200 "
        "dpi broadsheet (about 3000 x 4500 px) becomes about 1600 x 2400: body glyphs "
        "stay ~13 px high and the gaps between lines 2-3 px, enough to keep lines apart, "
        "and every OpenCV pass costs a quarter of the full-size one.",
    )
    # --- deskew
    max_skew_deg: float = rule(
        5.0,
        "Newspapers are scanned or photographed nearly straight; more than 5 degrees "
        "means a photograph of a page, which is out of scope.",
    )
    skew_coarse_step_deg: float = rule(
        0.5,
        "Coarse search step, then a fine search around the best coarse angle. 0.05 "
        "degrees over 1000 px is under 1 px of drift: below what the projection can tell "
        "apart.",
    )
    skew_fine_step_deg: float = rule(
        0.05,
        "Coarse search step, then a fine search around the best coarse angle. 0.05 "
        "degrees over 1000 px is under 1 px of drift: below what the projection can tell "
        "apart.",
    )
    skew_downscale: int = rule(
        2,
        "The skew is measured on a copy this many times smaller than the work image; "
        "grey-level weights keep the sub-pixel information lost by the downscale.",
    )
    skew_coarse_downscale: int = rule(
        4,
        "The coarse search runs on a copy this many times smaller still (a 0.5 degree "
        "step needs no fine detail).",
    )
    skew_strips: int = rule(
        2,
        "Vertical strips scored separately, so columns whose lines are out of phase do "
        "not blur each other's projection profile.",
    )
    skew_min_correction_deg: float = rule(
        0.1,
        "Below this angle the page is not rotated: the resampling would cost more than it gains.",
    )
    # --- background and binarization
    background_downscale: int = rule(
        8, "The paper level is estimated on a copy this many times smaller than the work image..."
    )
    background_window_fraction: float = rule(
        0.06,
        "...as the brightest value in a window this fraction of the page's shorter side: "
        "larger than any headline glyph and any photo edge, smaller than the scale of "
        "uneven lighting.",
    )
    not_paper_ratio: float = rule(
        0.85,
        'A pixel is "not paper" when darker than this fraction of the local paper '
        "level; used to find photos (flat grey areas that an Otsu threshold on text would "
        "miss).",
    )
    # --- photos and other non-text regions
    photo_min_density: float = rule(
        0.75,
        "Photos are areas where nearly every pixel is darker than the paper; text, even "
        "bold headline text, leaves most pixels white.",
    )
    photo_density_window_glyphs: float = rule(
        1.5, "Density is averaged over a square this many body glyphs wide (at background scale)."
    )
    photo_edge_min_fill: float = rule(
        0.5,
        "A photo's outermost rows and columns are at least half not-paper: its own edge "
        "is solid, while the margin or the caption row beside it is mostly paper.",
    )
    photo_min_side_glyphs: float = rule(
        3.0,
        "A photo is at least this many body glyphs high and wide: smaller dense marks are "
        "bullets, logos or bold punctuation.",
    )
    # --- rules (printed lines separating columns and articles)
    rule_min_length_glyphs: float = rule(
        3.5,
        "A rule is at least this many body glyphs long: no body glyph stroke is that long "
        "(a headline glyph's strokes can be: see the stroke_* rules).",
    )
    rule_max_thickness_glyphs: float = rule(
        0.5, "...and at most this thick: thicker long marks are bars or photo edges."
    )
    stroke_max_aspect: float = rule(
        2.0,
        "A long straight mark is a stroke of a large glyph, not a rule, when its connected "
        "ink is at least 1/this and at most this many times the stroke's length across it "
        "and at most this many times along it (a glyph is about as wide as tall) ...",
    )
    stroke_row_reach: float = rule(
        0.5,
        "A long straight mark with other ink within this many of its lengths to its left or "
        "right, on its row, about as tall as the mark is long, is a stroke of a headline "
        "glyph (headline glyphs stand less than half an em apart) ...",
    )
    stroke_row_heights: tuple[float, float] = rule(
        (0.4, 1.6),
        "... that ink being this many of the mark's lengths tall (and at most the larger as "
        "wide): the hand radical's stroke beside the rest of its glyph (about 1), 一 beside "
        "its neighbours (about 1), a headline's two-em dash —— (0.5). A column rule runs "
        "past body lines a small share of its length tall.",
    )
    stroke_row_min_width: float = rule(
        0.2,
        "... and at least this many of the mark's lengths wide (half of 非 is about 0.35): "
        "a parallel rule beside a column rule is as tall as it is long but thin, and a frame "
        "beside it is mostly empty (stroke_min_fill).",
    )
    stroke_min_fill: float = rule(
        0.12,
        "... and ink fills at least this share of that ink's box: a frame of rules around a "
        "box is mostly empty inside (a 100 x 200 px frame of 2 px rules: 6%), a headline "
        "glyph's strokes fill a quarter or more of its square.",
    )
    # --- glyphs and text lines
    min_component_area: int = rule(
        4, "Connected components this small (in work pixels) are noise or dots."
    )
    glyph_height_percentile: int = rule(
        75,
        "The first glyph-height estimate is this percentile of component heights: CJK "
        "glyphs split into radicals, whose heights pull a median down.",
    )
    smear_width_glyphs: float = rule(
        0.6,
        "Horizontal smear joining the glyphs of one line: CJK glyph spacing is under 0.3 "
        "glyph, column gutters are at least ~0.8 glyph wide.",
    )
    line_join_gap_large: float = rule(
        1.2,
        "Line fragments on the same row are one line when the gap between them is below "
        "this many of their own heights (headline phrases are separated by about one "
        "space)...",
    )
    same_row_overlap: float = rule(
        0.6,
        "Two fragments are on the same row when their vertical overlap is this fraction "
        "of the smaller height.",
    )
    inside_row_margin: float = rule(
        0.15,
        "A small mark belongs to the large line beside it when it lies within that line's "
        "height, give or take this share of it (a comma hangs a little below the glyphs) ...",
    )
    inside_row_max_height: float = rule(
        0.6,
        "... is flat: at most this many body glyphs tall (一 at headline size is about half "
        "a body glyph; a piece of a body line in the next column is a whole one, and stays "
        "a line), or at most one body glyph tall and set between two large fragments (the "
        "dots of ：) ...",
    )
    inside_row_max_width: float = rule(
        2.2,
        "... and is at most this many of the line's heights wide: a glyph or a punctuation "
        "mark, the two-em dash —— included, never a line of body text in the next column "
        "(a column is ten or more body glyphs wide: four or more headline heights).",
    )
    min_line_height_glyphs: float = rule(
        0.35,
        "Blobs shorter than this fraction of the body glyph height are rule remains or "
        "dots, not text lines; blobs narrower than this fraction are slivers of rule or "
        "photo edges.",
    )
    min_line_width_glyphs: float = rule(
        0.5,
        "Blobs shorter than this fraction of the body glyph height are rule remains or "
        "dots, not text lines; blobs narrower than this fraction are slivers of rule or "
        "photo edges.",
    )
    clear_around_glyphs: float = rule(
        0.25,
        "Ink this close to a rule or a photo (in body glyph heights) is the rule's or the "
        "photo's anti-aliased edge, cleared with it: left, it would tie lines together.",
    )
    # --- columns
    gutter_max_coverage: float = rule(
        0.12,
        "An x position is a gutter when fewer body lines than this fraction of the "
        "busiest x position cover it.",
    )
    column_line_min_width_glyphs: float = rule(
        2.0,
        "Only lines at least this many body glyphs wide count towards column coverage: "
        "specks of scanner noise in a gutter are narrower.",
    )
    stacked_valley_share: float = rule(
        0.08,
        "Inside a tall component, a row with at most this share of the busiest row's ink "
        "is a gap between two stacked lines (a blurred scan joins them); headline glyphs "
        "have none.",
    )
    column_line_max_width: float = rule(
        1.6, "...and at most this many times the median body line's width."
    )
    column_min_width_glyphs: float = rule(
        3.0, "A column narrower than this is a stray (an indented line, a box edge): merged away."
    )
    # --- blocks
    block_max_gap_glyphs: float = rule(
        0.9, "Lines are one block when the gap between them is below this many glyph heights."
    )
    block_max_size_ratio: float = rule(
        1.25, "...their glyph heights differ by less than this ratio..."
    )
    block_min_x_overlap: float = rule(
        0.5, "...and they overlap horizontally by this fraction of the narrower line."
    )
    headline_size_ratio: float = rule(
        1.3,
        "A block is a headline when its glyphs are this many times the body glyph height "
        "(kicker and subtitle are smaller than the main title but still larger than "
        "body).",
    )
    caption_max_gap_glyphs: float = rule(
        1.5, "A caption starts within this many body glyph heights below (or beside) a photo."
    )
    caption_max_size_ratio: float = rule(
        1.1, "...and its glyphs are at most this many times the body height."
    )
    # --- OCR
    ocr_pad_glyphs: float = rule(
        0.5,
        "White margin added around a block crop, in body glyph heights: Tesseract reads "
        "glyphs touching the image edge badly.",
    )
    psm_block: int = rule(
        6, "Page segmentation modes: 6 = one uniform block of text, 7 = a single text line."
    )
    psm_line: int = rule(
        7, "Page segmentation modes: 6 = one uniform block of text, 7 = a single text line."
    )
    ocr_paper_percentile: int = rule(
        90,
        "A crop's paper level is this percentile of its grey values (text covers well "
        "under 10% of a block's pixels): the crop is stretched to make it white.",
    )
    psm_column: int = rule(
        4, "4 = a single column of text of variable sizes: a mosaic of block crops stacked up."
    )
    ocr_batches_per_worker: int = rule(
        2,
        "Batches of blocks per OCR worker (one Tesseract run each): more than one, so "
        "that a worker with small blocks left does not idle while another reads a large "
        "one.",
    )
    ppocr_pad_lines: float = rule(
        0.3,
        "Margin around a line crop given to PP-OCR, in the line's own glyph heights, above "
        "and below and at each end (PP-OCR's detector widens its boxes about as much): "
        "0.1 read 0.3% fewer characters of a scan and took 30% more time (wider crops "
        "after scaling to the model's 48 px height), 0.5 read 0.1% fewer.",
    )
    dash_min_ems: float = rule(
        1.4,
        "A flat stroke at least this many ems long (the em from the line's advance) is a "
        "two-em dash (——, the Chinese dash, which PP-OCR reads as one —): 1.6-2.0 ems in the "
        "fonts seen (an em dash is 0.8-1.0 em long, and they join); a one-em "
        "dash or 一 is at most about 1 ...",
    )
    dash_max_thickness: float = rule(
        0.2,
        "... and at most this share of the line's height thick (a dash is a thin stroke; "
        "two glyphs run together are not).",
    )
    dash_three_min_ems: float = rule(
        2.2,
        "A dash stroke at least this many ems long is three em dashes (———, which some "
        "texts set; PP-OCR reads one or two): with em dashes 0.8-1.0 em long, two run to "
        "at most 2.0 ems and three to at least 2.4.",
    )
    dash_lead_max_ems: float = rule(
        0.5,
        "A dash stroke starting within this many ems of its line's left edge opens the "
        "line: PP-OCR sometimes reads such a line without it (scans), and it is given back "
        "(an indent is 2 ems; the box is cut at the first ink).",
    )
    dash_max_ems: float = rule(
        3.4,
        "A flat stroke longer than this many ems is no dash run (three reach 3.0) but a "
        "rule or an underline in the line's crop.",
    )
    ppocr_min_score: float = rule(
        0.5,
        "Lines PP-OCR reads with a mean character score below this (0-1) are dropped: "
        "rapidocr's own default, what it gives for a crop of a photo or a rule.",
    )
    ocr_min_confidence: int = rule(
        0,
        "Words Tesseract reads with a confidence below this (0-100) are dropped. Raising "
        "it (15, 40) dropped real headline words on scans as often as noise: measured, "
        "kept at 0.",
    )
    # --- type sizes for the geometry-first assembly
    size_noise: float = rule(
        0.05,
        "Share by which a line's measured type size may stray from its type's: glyph "
        "heights at 200 dpi come in steps of the analysis' downscale (about 1.5 px at "
        "24 px). Small type (captions, bylines) must be this much smaller again than "
        "the PDF path asks, and a lone line of another size inside a block keeps the "
        "block's.",
    )
    advance_min_wide_share: float = rule(
        0.8,
        "A line whose characters are at least this share full-width (CJK) also measures "
        "its type size by advance: its width over its character count, exact to a "
        "pixel over a whole line where a glyph's height wobbles by several.",
    )
    fragment_reach: float = rule(
        0.3,
        "Fragments of one printed line (a wide-set headline the analysis cut into blocks "
        "read apart) have their tops at most this many glyph heights apart: they are "
        "read one after the other (the assembly's own row test decides in the end).",
    )
    fragment_gap_max: float = rule(
        1.0,
        "...and at most this many glyph heights apart side by side: the grid cuts a line "
        "that runs across a gutter (a caption under a photo two columns wide) where it "
        "crosses it, about a gutter apart.",
    )
    fragment_text_max_ratio: float = rule(
        1.1,
        "...when set no larger than this many times the page's median line: display type "
        "keeps fragment_reach, since neighbouring articles' headlines stand level, a "
        "gutter apart.",
    )
    panel_max_rows: int = rule(
        6,
        "A box drawn with four rules holding at most this many rows of text is an advert "
        "or a notice (a name, an offer, an address), left out of the articles; a boxed "
        "article or section runs on for many more rows.",
    )
    advance_max_disagreement: float = rule(
        0.15,
        "When the size by advance and the glyph height differ by more than this share, "
        "the advance is not used: the OCR read too few or too many characters (a body "
        "line read as half its characters measured 1.4 times the body by advance).",
    )
    # --- aligning a given text to OCR lines
    align_min_similarity: float = rule(
        0.6, "A text line takes an OCR line's geometry when their similarity reaches this..."
    )
    align_min_similarity_between: float = rule(
        0.3,
        "...or this lower value when it sits between two aligned neighbours (short lines "
        "such as a paragraph's last few characters have too little text to match on their "
        "own).",
    )
    align_candidates: int = rule(
        8, "Candidates per text line scored with the (slow) sequence matcher."
    )
    # --- overlay
    overlay_max_side: int = rule(
        1600, "The overlay image's longer side: readable on a screen, small as a PNG."
    )
    overlay_fill_alpha: int = rule(70, "Opacity (0-255) of the article colour over the page.")
    text_row_height: int = rule(
        22, "Text-only overlay: pixels per input line and rows per column of the drawing."
    )
    text_rows_per_column: int = rule(
        90, "Text-only overlay: pixels per input line and rows per column of the drawing."
    )
    text_column_width: int = rule(
        520, "Text-only overlay: pixels per input line and rows per column of the drawing."
    )
