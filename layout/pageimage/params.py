"""Every tunable number of the image side, named, with the reason it has its value.

Sizes written ``*_GLYPHS`` are multiples of the page's dominant body glyph height, so the
same rules hold at 150, 200 or 600 dpi. Sizes in pixels refer to the *work image*, the
downscaled copy the analysis runs on.
"""

from __future__ import annotations

# --- loading --------------------------------------------------------------------------
# 16-bit samples are mapped to 8 bits by this divisor (65535 / 257 = 255): a fixed mapping
# keeps paper white and ink black instead of stretching whatever range a scan used.
SIXTEEN_BIT_DIVISOR = 257

# --- work resolution ------------------------------------------------------------------
# The analysis runs on a copy whose longer side is at most this many pixels. A 200 dpi
# broadsheet (about 3000 x 4500 px) becomes about 1600 x 2400: body glyphs stay ~13 px
# high and the gaps between lines 2-3 px, enough to keep lines apart, and every OpenCV
# pass costs a quarter of the full-size one.
WORK_MAX_SIDE = 2400

# --- deskew ---------------------------------------------------------------------------
# Newspapers are scanned or photographed nearly straight; more than 5 degrees means a
# photograph of a page, which is out of scope.
MAX_SKEW_DEG = 5.0
# Coarse search step, then a fine search around the best coarse angle. 0.05 degrees over
# 1000 px is under 1 px of drift: below what the projection can tell apart.
SKEW_COARSE_STEP_DEG = 0.5
SKEW_FINE_STEP_DEG = 0.05
# The skew is measured on a copy this many times smaller than the work image; grey-level
# weights keep the sub-pixel information lost by the downscale.
SKEW_DOWNSCALE = 2
# The coarse search runs on a copy this many times smaller still (a 0.5 degree step
# needs no fine detail).
SKEW_COARSE_DOWNSCALE = 4
# Vertical strips scored separately, so columns whose lines are out of phase do not
# blur each other's projection profile.
SKEW_STRIPS = 2
# Below this angle the page is not rotated: the resampling would cost more than it gains.
SKEW_MIN_CORRECTION_DEG = 0.1

# --- background and binarization ------------------------------------------------------
# The paper level is estimated on a copy this many times smaller than the work image...
BACKGROUND_DOWNSCALE = 8
# ...as the brightest value in a window this fraction of the page's shorter side: larger
# than any headline glyph and any photo edge, smaller than the scale of uneven lighting.
BACKGROUND_WINDOW_FRACTION = 0.06
# A pixel is "not paper" when darker than this fraction of the local paper level; used to
# find photos (flat grey areas that an Otsu threshold on text would miss).
NOT_PAPER_RATIO = 0.85

# --- photos and other non-text regions ------------------------------------------------
# Photos are areas where nearly every pixel is darker than the paper; text, even bold
# headline text, leaves most pixels white.
PHOTO_MIN_DENSITY = 0.75
# Density is averaged over a square this many body glyphs wide (at background scale).
PHOTO_DENSITY_WINDOW_GLYPHS = 1.5
# A photo is at least this many body glyphs high and wide: smaller dense marks are
# bullets, logos or bold punctuation.
PHOTO_MIN_SIDE_GLYPHS = 3.0

# --- rules (printed lines separating columns and articles) ----------------------------
# A rule is at least this many body glyphs long: no body glyph stroke is, and the
# (headlines rarely exceed 5 body heights), is that long.
RULE_MIN_LENGTH_GLYPHS = 3.5
# ...and at most this thick: thicker long marks are bars or photo edges.
RULE_MAX_THICKNESS_GLYPHS = 0.5

# --- glyphs and text lines ------------------------------------------------------------
# Connected components this small (in work pixels) are noise or dots.
MIN_COMPONENT_AREA = 4
# The first glyph-height estimate is this percentile of component heights: CJK glyphs
# split into radicals, whose heights pull a median down.
GLYPH_HEIGHT_PERCENTILE = 75
# Horizontal smear joining the glyphs of one line: CJK glyph spacing is under 0.3 glyph,
# column gutters are at least ~0.8 glyph wide.
SMEAR_WIDTH_GLYPHS = 0.6
# Line fragments on the same row are one line when the gap between them is below this
# many of their own heights (headline phrases are separated by about one space)...
LINE_JOIN_GAP_LARGE = 1.2
# Two fragments are on the same row when their vertical overlap is this fraction of the
# smaller height.
SAME_ROW_OVERLAP = 0.6
# Blobs shorter than this fraction of the body glyph height are rule remains or dots,
# not text lines; blobs narrower than this fraction are slivers of rule or photo edges.
MIN_LINE_HEIGHT_GLYPHS = 0.35
MIN_LINE_WIDTH_GLYPHS = 0.5
# Ink this close to a rule or a photo (in body glyph heights) is the rule's or the
# photo's anti-aliased edge, cleared with it: left, it would tie lines together.
CLEAR_AROUND_GLYPHS = 0.25

# --- columns --------------------------------------------------------------------------
# An x position is a gutter when fewer body lines than this fraction of the busiest x
# position cover it.
GUTTER_MAX_COVERAGE = 0.12
# Only lines at least this many body glyphs wide count towards column coverage: specks
# of scanner noise in a gutter are narrower.
COLUMN_LINE_MIN_WIDTH_GLYPHS = 2.0
# Inside a tall component, a row with at most this share of the busiest row's ink is a
# gap between two stacked lines (a blurred scan joins them); headline glyphs have none.
STACKED_VALLEY_SHARE = 0.08
# ...and at most this many times the median body line's width.
COLUMN_LINE_MAX_WIDTH = 1.6
# A column narrower than this is a stray (an indented line, a box edge): merged away.
COLUMN_MIN_WIDTH_GLYPHS = 3.0

# --- blocks ---------------------------------------------------------------------------
# Lines are one block when the gap between them is below this many glyph heights.
BLOCK_MAX_GAP_GLYPHS = 0.9
# ...their glyph heights differ by less than this ratio...
BLOCK_MAX_SIZE_RATIO = 1.25
# ...and they overlap horizontally by this fraction of the narrower line.
BLOCK_MIN_X_OVERLAP = 0.5
# A block is a headline when its glyphs are this many times the body glyph height
# (kicker and subtitle are smaller than the main title but still larger than body).
HEADLINE_SIZE_RATIO = 1.3
# A caption starts within this many body glyph heights below (or beside) a photo.
CAPTION_MAX_GAP_GLYPHS = 1.5
# ...and its glyphs are at most this many times the body height.
CAPTION_MAX_SIZE_RATIO = 1.1

# --- OCR ------------------------------------------------------------------------------
# White margin added around a block crop, in body glyph heights: Tesseract reads glyphs
# touching the image edge badly.
OCR_PAD_GLYPHS = 0.5
# Page segmentation modes: 6 = one uniform block of text, 7 = a single text line.
PSM_BLOCK = 6
PSM_LINE = 7
# A crop's paper level is this percentile of its grey values (text covers well under
# 10% of a block's pixels): the crop is stretched to make it white.
OCR_PAPER_PERCENTILE = 90
# 4 = a single column of text of variable sizes: a mosaic of block crops stacked up.
PSM_COLUMN = 4
# Batches of blocks per OCR worker (one Tesseract run each): more than one, so that a
# worker with small blocks left does not idle while another reads a large one.
OCR_BATCHES_PER_WORKER = 2
# Words Tesseract reads with a confidence below this (0-100) are dropped. Raising it (15,
# 40) dropped real headline words on scans as often as noise: measured, kept at 0.
OCR_MIN_CONFIDENCE = 0

# --- aligning a given text to OCR lines -----------------------------------------------
# A text line takes an OCR line's geometry when their similarity reaches this...
ALIGN_MIN_SIMILARITY = 0.6
# ...or this lower value when it sits between two aligned neighbours (short lines such as
# a paragraph's last few characters have too little text to match on their own).
ALIGN_MIN_SIMILARITY_BETWEEN = 0.3
# Candidates per text line scored with the (slow) sequence matcher.
ALIGN_CANDIDATES = 8

# --- overlay --------------------------------------------------------------------------
# The overlay image's longer side: readable on a screen, small as a PNG.
OVERLAY_MAX_SIDE = 1600
# Opacity (0-255) of the article colour over the page.
OVERLAY_FILL_ALPHA = 70
# Text-only overlay: pixels per input line and rows per column of the drawing.
TEXT_ROW_HEIGHT = 22
TEXT_ROWS_PER_COLUMN = 90
TEXT_COLUMN_WIDTH = 520
