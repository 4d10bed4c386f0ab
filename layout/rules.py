"""Every tunable rule and weight of the text pipeline, named, with the reason for its value.

Widths are in full-width character units (a CJK character is 1, an ASCII
character 0.5). Scores are unitless; see docs/pipeline.md for how they combine.
"""

from __future__ import annotations

import re

from .text import HAN_CLASS

# --- re-flow -------------------------------------------------------------------

# Lines looked at on each side to estimate the column width of a run. Seven
# lines hold at least one paragraph's worth of full lines in every seed column,
# and are few enough that a width change between articles shows up within a
# couple of lines.
WIDTH_WINDOW = 7
# A full line is within this much of the run's width: justified lines differ by
# half-width digits and by how the extractor wrote justification gaps.
FULL_TOLERANCE = 1.25
# The run's width is this percentile of the window: a paragraph's first line is
# indented and its last is short, so the median sits too low in short paragraphs.
WIDTH_PERCENTILE = 90
# A line this much narrower than the column on both sides (more than a
# paragraph's two-character indent) is short: with no
# end punctuation and no sentence punctuation it is a heading candidate.
HEADING_GAP = 3.0
# A paragraph's first line is indented by two characters: shorter than the
# column by this much (half-width digits and quotes blur it by half a unit).
INDENT_MIN = 1.75
INDENT_MAX = 3.5
# A line ending with a colon and no wider than this can be a headline kicker.
KICKER_MAX_WIDTH = 16
# A line with this many spaces between CJK characters is letter-spaced by
# justification; its width is measured without them.
LETTER_SPACED_MIN_GAPS = 3
# Two runs differ in width when their estimates differ by more than this.
RUN_CHANGE = 2.0
# Pages whose sentence-bearing lines are this wide are one paragraph per line
# (some extractors write whole paragraphs as lines): no column is that wide.
PARAGRAPH_PER_LINE_WIDTH = 40.0

# Lines that always open a new block: news openings, bylines, credits, jumps.
OPENER_RE = re.compile(
    r"^\s*(?:本报讯|本报[^\s，。]{0,12}[讯电]|新华社|中新社|据新华社|[（(]记者|▶|►|■|●|"
    r"图片来源|图片由|图片提供|摄影|[（(]?上接第|By\s+[A-Z]|PHOTO:|Photo:|[A-Z]{3,}[ ,A-Z]*\s+—)"
)
# A byline line: ▶ / ► followed by names, or 本报记者 / 通讯员 with names.
BYLINE_RE = re.compile(
    r"^\s*(?:[▶►■]\s*\S.{0,40}|(?:本报记者|特约记者|通讯员|本报特约通讯员)\s*\S.{0,30}|By\s+[A-Z].{0,60})$"
)
# Authors' names closing an article: one to six names of two to four characters
# (one name alone: two or three characters, so a four-character phrase such as a
# short heading is not taken for a name), or names in brackets: （张三 李四）.
NAMES_RE = re.compile(
    rf"^(?:{HAN_CLASS}{{2,3}}|{HAN_CLASS}{{2,4}}(?:[ \u3000]+{HAN_CLASS}{{2,4}}){{1,5}}"
    rf"|[（(]{HAN_CLASS}{{2,12}}(?:[ \u3000、]+{HAN_CLASS}{{2,4}}){{0,5}}[）)])$"
)
# Lines longer than this are never a line of names alone.
NAMES_MAX_LINE = 40
# Names glued after the article's last sentence: "…新样板。 张三 李四" (with a
# space), or several space-separated names with none ("…能力。张三 李四").
GLUED_NAMES_RE = re.compile(
    rf"(?<=[。！？”])(?:[ \u3000]+(?={HAN_CLASS}{{2,4}}(?:[ \u3000]+{HAN_CLASS}{{2,4}}){{0,5}}$)"
    rf"|(?={HAN_CLASS}{{2,4}}(?:[ \u3000]+{HAN_CLASS}{{2,4}}){{1,5}}$))"
)
# A photo credit: 图片来源：…, 图片由…提供, 摄影：…, "name 摄", PHOTO: … .
CREDIT_RE = re.compile(
    r"^\s*(?:图片来源|图片由|图片提供|图片|摄影|图|PHOTO|Photo)\s*[:：/]|^\s*图片由|"
    r"^\s*(?:本报记者|记者|通讯员)?\s*\S{2,12}\s*摄\s*$"
)
# A credit glued after a caption's last sentence: "…在车间。 图片来源：…".
# Or a photographer's credit: "…在一起。 本报记者 张三 摄".
GLUED_CREDIT_RE = re.compile(
    r"(?<=[。！？”）)])\s*(?=(?:图片来源|图片由|图片提供|摄影)\s*[:：])"
    rf"|(?<=[。！？”）)])\s+(?=(?:本报记者|新华社记者|记者|通讯员)?\s*{HAN_CLASS}{{2,4}}"
    rf"(?:[ \u3000、]+{HAN_CLASS}{{2,4}}){{0,3}}\s*摄\s*$)"
)
# Jump lines of continued articles.
JUMP_RE = re.compile(
    r"^\s*[（(]\s*(?:下转|上接|转第|接第)[^）)]{0,12}[）)]\s*$|^\s*Continued (?:on|from) "
)

# --- classification and segmentation -------------------------------------------

# A heading stack between two paragraphs of one article with at most this many
# lines is a subhead (小标题 are one or two lines).
SUBHEAD_MAX_LINES = 2
# A heading between paragraphs is the in-place headline of a new article when
# it shares with the text after it a stretch this long (a name: 某某高新区,
# Acme Corp) that the article before never mentions...
SUBJECT_MIN_CHARS = 4
# ... that the text after names again and again (it is what the article is
# about), not once in passing as a subhead's words are.
SUBJECT_MIN_MENTIONS = 3

# Captions run one to three sentences: with no column widths to go by, a
# paragraph longer than this before a credit is the article's, not a caption.
CAPTION_MAX_WIDTH = 150

# --- assignment -----------------------------------------------------------------

# Character n-gram lengths compared between an orphan and an article.
NGRAM_SIZES = (2, 3, 4)
# Content evidence below this (0..1) is no evidence: a headline this weak
# against every article is left without one rather than forced on a stranger.
MIN_HEADLINE_SCORE = 0.12
MIN_CAPTION_SCORE = 0.12
# Position evidence (0..1 added to content): an orphan right after an article's
# end or right before its start is likely its own. Small beside content, which
# decides when a pile of headlines sits after the wrong article.
ADJACENT_BONUS = 0.08
# ... unless the page shows a habit: when at least two headlines whose words
# decide (score at least DECISIVE_SCORE, twice the runner-up's), and at least
# HABIT_SHARE of those, sit right after (or right before) their article, the
# same position weighs HABIT_BONUS for every headline of the page. A headline
# followed by a ▶ byline and then the article's first paragraph weighs as much.
DECISIVE_SCORE = 0.3
HABIT_SHARE = 0.6
HABIT_BONUS = 0.3
# A left-over headline block this long, whose words decide for an article that
# already has a headline, splits that article where the two headlines' words part
# ways, if the split gains this much (sum of the two headlines' score differences
# between the two halves, each 0..1).
HIDDEN_MIN_CHARS = 6
HIDDEN_SPLIT_GAIN = 0.8
# At most this many such splits per round, and this many rounds of splitting and
# assigning again (each round costs a whole assignment).
HIDDEN_SPLITS_MAX = 8
HIDDEN_SPLIT_ROUNDS = 2
# Without such a headline cut, the paragraph break where the words change most
# (topics.py) is split, if its cohesion is below this (0: no trigram shared,
# 1: the same words on both sides). Each side: paragraphs up to this many
# characters. Trigrams in more than this share of the page's paragraphs are
# common words and do not count.
TOPIC_MAX_COHESION = 0.08
TOPIC_WINDOW_CHARS = 300
TOPIC_COMMON_SHARE = 0.5
# (A byline right after a headline belongs to that headline's article: a rule, not a
# weight; assign.place_byline.)
# An article that already closes with its authors' names rarely has a ▶ byline too.
BYLINE_ALREADY_SIGNED_PENALTY = 0.4
# Lines of a headline stack join one headline block when their best articles
# agree; a line whose best score is below this is a kicker or subtitle with no
# evidence of its own and joins its neighbour.
WEAK_LINE_SCORE = 0.2
# A headline block has at most this many lines (kicker, a main title on two lines,
# subtitle).
MAX_HEADLINE_LINES = 4
# Cutting a stack of heading lines: each headline block must earn this much
# evidence, so lines that agree (or a kicker with no evidence) stay together...
HEADLINE_BLOCK_COST = 0.15
# ... and layout cues that two lines are one headline add this: a kicker ending
# with a colon, a subtitle opening with a dash (half of it: no blank line
# between them where the extractor puts blank lines everywhere else).
SAME_BLOCK_BONUS = 0.2
