"""The rules of positioned text, as typed, frozen values: how readers group glyphs and
words into lines (``Conventions.geometry``), and how the geometry-first assembly builds
articles from those lines (``Conventions.assembly``).

Sizes are multiples of the page's body size (``em``) or of a row's own type size, and
shares are of the page's width or height, so the unit of the source (PDF points, image
pixels, ALTO's mm10) never matters. Each rule carries its reason (``why``).
"""

from __future__ import annotations

from dataclasses import dataclass

from .rule import rule


@dataclass(frozen=True, slots=True)
class Assembly:
    """How lines with boxes and sizes become rows, pieces and articles (layout/assemble/)."""

    # --- when the geometry leads (assemble/__init__.py)
    boxed_share: float = rule(
        0.9,
        "Share of a page's lines that must have a box and a size for the geometry to lead "
        "(else the text path reads the page).",
    )
    # --- rows and pieces (assemble/pieces.py)
    display_ratio: float = rule(
        1.1,
        "Lines at least this many times the body size are display type (headline blocks: "
        "a 14 px kicker over 12 px body is 1.17; a bold body-size section head is not "
        "display).",
    )
    small_ratio: float = rule(
        0.97,
        "Lines at most this many times the body size are small type (captions, bylines: "
        "11 px under an 11.5 px Latin body is 0.957; body lines vary by rounding only).",
    )
    row_size_tolerance: float = rule(
        0.05,
        "Fragments of one row differ in size by at most this share (rounding of font "
        "sizes), plus twice the source's measuring noise (each fragment measured on its "
        "own).",
    )
    row_top_tolerance: float = rule(
        0.3, "Two fragments are on one row when their tops differ by at most this many sizes."
    )
    row_wider_max: float = rule(
        2.0,
        "A row made of fragments is at most this many sizes wider than the line printed "
        "next to it (above or below) in the same block: wider, they are two columns' lines.",
    )
    neighbour_reach: int = rule(
        24,
        "How many lines before and after a fragment (in source order) are searched for its "
        "column's measure (a narrow caption column may have several loose lines in a row)...",
    )
    measure_reach: float = rule(
        8.0, "... and how many sizes above or below it the line giving the measure may stand."
    )
    fragment_gap: float = rule(
        0.25,
        "Fragments of one row closer than this many sizes are one word (overprinted or "
        "kerned glyphs the reader cut apart); farther apart, a space goes between them.",
    )
    display_fragment_gap: float = rule(
        1.5,
        "Display lines an OCR reader found in pieces (it cuts a wide-set headline at its "
        "letter spacing, or where it lost a glyph) are one row when level, at most this "
        "many of their type sizes apart and with no rule between them: two articles' "
        "headlines side by side stand a gutter apart (about half a headline's size), a "
        "rule in it.",
    )
    display_fragment_sizes: float = rule(
        0.25,
        "... and when their sizes differ by at most this share of the larger (pieces of "
        "two characters or more; a lone mark measures low): a reader's glyph heights wobble "
        "within a headline (77-81 px at 80 px), a rail's headline beside a banner is half "
        "its size.",
    )
    noise_word_share: float = rule(
        0.5,
        "A row whose characters (punctuation aside) are less than this share in "
        "word-shaped tokens (letters cased as words are: lower, UPPER, Capitalised, "
        "DebConf, PowerPC; digits; in CJK text every ideograph, letter and digit, not the "
        "symbols) is OCR noise: what an engine reads on a photo's grain or a rule "
        "(`****** W?* -y^P-`, `ifiiilU`, `| =`). It opens no article and joins none: it "
        "is reported with the page's unassigned blocks. Misread words in running text "
        "leave most of a row's characters in words.",
    )
    wide_rule_share: float = rule(
        0.6,
        "A rule spanning at least this share of the page's width, in the page's top "
        "furniture_top share, closes the running head: rows above it are furniture.",
    )
    furniture_top: float = rule(
        0.12, "The top share of the page where a wide rule closes the running head."
    )
    furniture_bottom: float = rule(
        0.035, "Rows in this bottom share of the page height are the folio line."
    )
    leading_max: float = rule(
        1.2,
        "A following row stays in a piece when its top is at most this many sizes below "
        "the piece's last row (leading) and the two overlap sideways.",
    )
    row_overlap_max: float = rule(
        0.3,
        "... or at most this many sizes above its bottom: line boxes of display type and "
        "of OCR readers overlap the row over them a little (ascenders, accents, a box "
        "drawn with a margin). The same reach ties a kicker, subtitle or byline to the "
        "headline it touches.",
    )
    body_display_max: float = rule(
        1.3,
        "Display type at most this many body sizes large that reads as running text is "
        "body text set larger (often bold), not a headline: a lead paragraph ending a "
        "sentence (headlines carry no end punctuation), or a run-in lead-in whose sentence "
        "goes on in the body row right under it. Main titles are set far larger (a French "
        "31.5 pt title over a 9.5 pt body, 20-40 px over a 12 px one).",
    )
    lead_rows: int = rule(
        3, "A lead paragraph set larger than the body has at least this many rows."
    )
    foot_share: float = rule(
        0.1,
        "Small rows under the lower end of the page's column rules, in its bottom share "
        "this large, are its running foot (paper and date), set below the columns' frame.",
    )
    body_caption_rows: int = rule(
        3,
        "A body-size block of at most this many rows set right under a photo (within "
        "caption_gap), across most of its width (body_caption_span) and wider than the "
        "page's columns (body_caption_wider) is the photo's caption, set at the body's "
        "size (older papers set captions in the body's size, another face): running text "
        "under a photo stands in one column, narrower than a photo across two or more.",
    )
    body_caption_span: float = rule(
        0.8, "... the share of the photo's width such a caption spans at least..."
    )
    body_caption_wider: float = rule(
        1.5,
        "... and how many times the page's column measure (the median width of its body "
        "blocks of lead_rows rows or more) it is at least as wide.",
    )
    # --- articles by column flow (assemble/regions.py)
    overlap_min: float = rule(
        0.3,
        "Two boxes share a column when they overlap sideways by at least this share of the "
        "narrower one (a caption under a photo, a frame under a headline).",
    )
    head_reach: float = rule(
        30.0,
        "A piece at the top of its band joins a headline of the band at most this many "
        "body sizes above it (a byline, a photo and its caption may stand between).",
    )
    touch: float = rule(
        0.5,
        "Boxes touching within this many body sizes are one above the other, not overlapping.",
    )
    # --- one article's blocks (assemble/build.py)
    indent_min: float = rule(
        0.9,
        "A row whose left edge is this many em or more inside its column opens a paragraph "
        "(first-line indents: 2 em in Chinese, about 1-1.5 em in Latin type).",
    )
    signature_indent: float = rule(
        3.0,
        "A closing signature starts at least this many em inside its column (or a "
        "paragraph's indent, when worded as names)...",
    )
    flush: float = rule(
        0.6,
        "... and ends within this many em of its right edge (a credit under a caption too).",
    )
    subhead_space: float = rule(
        0.2,
        "A section head has at least this many em of space above and below beyond the "
        "body's leading...",
    )
    subhead_rows: int = rule(3, "... at most this many rows...")
    centred: float = rule(
        1.0,
        "... and its last row centred within this many em (left and right margins differ "
        "by no more).",
    )
    inked_off_edge: str = rule(
        "—－…",
        "Rows starting with these characters (or with opening punctuation) look indented "
        "by their glyphs' ink alone: they open a paragraph only after a finished sentence "
        "or a colon.",
    )
    caption_gap: float = rule(
        2.0,
        "A small block counts as a photo's caption when it stands within this many em of "
        "the photo, above or below it.",
    )
    caption_size_max: float = rule(
        0.96,
        "A block right by a photo (within its width, in the band of small rows starting "
        "within a leading of its edge) whose rows measure at most this share of the body "
        "(their median) is small type, a caption, though it measured at the body's size; "
        "and a block the image's analysis marks as a caption measuring more is running "
        "text under the photo. On 200 dpi page images and scans 11 px captions under a "
        "12 px body measure 0.84-0.95 of it, body blocks 0.97-1.04; a PDF's exact sizes "
        "make such a caption small anyway.",
    )
    short_row_min: float = rule(
        2.0,
        "A small block's first row, flush left with the next and ending at least this many "
        "em before it while the next fills the block's measure, is a block of its own: a "
        "byline set right over a caption (a caption's rows are justified, only its last "
        "row is short; the reader joined the two, set in one size and one face).",
    )


@dataclass(frozen=True, slots=True)
class Geometry:
    """How the readers of positioned text group glyphs and words into printed lines and
    blocks, and sort drawings (layout/sources/pdf.py, alto.py, declared.py). Sizes are
    multiples of the type size, except the drawings' (PDF points)."""

    # --- PDF text layers (sources/pdf.py)
    baseline_tolerance: float = rule(
        0.5,
        "Two glyphs are on one line when their baselines differ by at most this many type "
        "sizes (superscripts and mixed sizes stay on their line)...",
    )
    line_gap_max: float = rule(
        1.5,
        "... and the gap between them is at most this many type sizes: wider justification "
        "spaces stay inside the line, a gutter between two columns (about 1.5 em and more, "
        "with the next column's text on the same baseline) does not.",
    )
    backward_max: float = rule(
        1.0,
        "Going backwards by more than this many type sizes starts a new line (the parts of "
        "a ligature and kerned pairs overlap a little; a new line goes back a column width).",
    )
    leading_max: float = rule(
        1.0,
        "A line starts a new block (a blank line before it) unless it sits below the "
        "previous line within this many type sizes of leading and overlaps it sideways.",
    )
    rule_max_thickness: float = rule(
        3.0,
        "A drawn path at most this thick (points) is a rule (hairlines of 0.25-2 pt part "
        "columns, articles and bands); a wider path with text inside is a panel (an "
        "advert's frame, a rubric's background).",
    )
    rule_min_length: float = rule(
        20.0, "A thin path shorter than this (points) is no rule: an underline, a dash."
    )
    figure_min: float = rule(
        20.0,
        "A wider path without text inside, at least this many points on each side, is a "
        "drawn figure (a photo placeholder, a chart).",
    )
    # --- ALTO (sources/alto.py)
    touch_gap: float = rule(
        0.1,
        "Two ALTO Strings at most this many line heights apart touch: the OCR split a word "
        "from its punctuation, no space was printed between them (word spaces are 0.2 em "
        "and more).",
    )
    # --- hOCR (sources/hocr.py)
    ocr_size_max_disagreement: float = rule(
        0.25,
        "An OCR engine's type size for a line (hOCR x_size, which Tesseract estimates per "
        "paragraph) further than this share from the size its own line box gives (the "
        "box's height times the page's own ratio of the two) is wrong, and the box's is "
        "taken (else the mean of the two): a body paragraph estimated at 1.5 times its "
        "size read as headline lines. "
        "On the realistic image pages 90% of the estimates are within 4% of the truth.",
    )
    # --- the source's own articles (sources/declared.py)
    row_top_tolerance: float = rule(
        0.3,
        "Two lines of a declared region are on one printed row when their tops differ by "
        "at most this many type sizes (and the second starts where the first ends or "
        "further right)...",
    )
    word_gap: float = rule(
        0.25,
        "... and set at least this many sizes apart on it, they are words apart (a word "
        "space is a quarter em and more; the glyphs of one word touch).",
    )
