"""The conventions of a newspaper's typesetting, as one typed, frozen value.

Every rule, weight, regular expression and character class the text stages decide by
lives here, grouped by stage, each with the reason for its value (``why``). A stage
takes the value as a parameter and reads nothing else: ``Options().conventions`` is what
the pipeline runs with, ``CHINESE`` the conventions of Chinese (horizontal, simplified)
newspapers, and ``Conventions.override({"reflow.indent_min": "2.0"})`` a variant for a
sweep (``relayout eval --set reflow.indent_min=2.0``). docs/pipeline.md lists every rule
from ``describe()``; a test keeps the two equal.

Widths are in full-width character units (a CJK character is 1, an ASCII character 0.5).
Scores are unitless (content evidence is 0..1); docs/pipeline.md says how they combine.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .assembly_rules import Assembly, Geometry
from .image_rules import ImageRules
from .rule import rule
from .text import HAN_CLASS

# --- typesetting: punctuation classes -------------------------------------------------


@dataclass(frozen=True, slots=True)
class Typesetting:
    """Punctuation classes of the script's typesetting (line-start/line-end rules)."""

    closing: str = rule(
        "，。、；：？！）》」』】〕〉”’,.;:?!)%％·…",
        "Closing punctuation never starts a printed line (避头尾): a line starting with one "
        "always continues the line before.",
    )
    opening: str = rule("（《「『【〔〈“‘(", "Opening punctuation never ends a printed line.")
    terminal: re.Pattern[str] = rule(
        re.compile(r"[。！？!?…]+[”’」』）)》]*$|[.][”’\"')]*$"),
        "Sentence-final punctuation, optionally followed by closing quotes or brackets.",
    )
    sentence: str = rule(
        "，。；！？,;!?",
        "Punctuation found only in running text: a line holding one is no heading.",
    )
    ends: str = rule("。！？!?…", "Characters that end a sentence when they end a line.")
    closers: str = rule(
        "”’」』）)》\"'.",
        "Characters after which the terminal pattern decides (a quote after a full stop).",
    )
    colons: str = rule("：:", "A line ending with a colon introduces what follows.")
    non_final: str = rule(
        "，、；：,;:（《“‘(",
        "A line ending with one of these stops mid-sentence: no paragraph ends there.",
    )
    half_width_quotes: str = rule(
        "“”‘’",
        "Curly quotes are three bytes in UTF-8 but set at half width in Chinese columns.",
    )


# --- marks: lines that open or are a block ---------------------------------------------

_NAME = rf"{HAN_CLASS}{{2,4}}"
_CREDIT_WORDS = r"(?:PHOTOS?|Photos?|Photograph|FOTOS?|Fotos?|Bild)"
# A Latin byline: By / Par / Von and capitalised names (with particles and "and"), to the
# line's end, so that a sentence opening with "Von Anfang an" is no byline.
_LATIN_BYLINE = (
    r"(?:By|BY|Par|PAR|Von|VON)\s+[A-ZÀ-Þ][\w.'’-]*"
    r"(?:,?\s+(?:[A-ZÀ-Þ][\w.'’-]*|de|van|von|der|du|la|le|and|und|et|&))*\s*$"
)

# A Latin dateline opening an article's text: a place in capitals (four letters at least
# with no agency after it: "USA – " is no dateline), or a capitalised place with its
# agency; a date may follow the place; then a dash, at the line's end or before a space.
_DATE = r"(?:,\s*(?:\d{1,2}\.?\s+[^\W\d_]+\.?|[^\W\d_]+\.?\s+\d{1,2})(?:,?\s+\d{4})?)?"
_AGENCY = r"\s*\([A-Za-z]+(?:/[A-Za-z]+)*\)"
_DASH = r"(?:\s*[—–]|\s+-)(?:\s|$)"  # a hyphen as a dash has a space before it
_LATIN_DATELINE = (
    rf"[A-ZÀ-Þ]{{2,}}(?:[ '-][A-ZÀ-Þ]{{2,}})*{_DATE}{_AGENCY}{_DASH}"
    rf"|[A-ZÀ-Þ]{{4,}}(?:[ '-][A-ZÀ-Þ]{{2,}})*{_DATE}{_DASH}"
    rf"|[A-ZÀ-Þ][a-zà-ÿ]+(?:[ -][A-ZÀ-Þ][a-zà-ÿ]+)*{_DATE}{_AGENCY}{_DASH}"
)


@dataclass(frozen=True, slots=True)
class Marks:
    """Regular expressions for the lines newspapers mark: openings, bylines, names,
    credits, jumps. ``special_first`` lists the first characters their matches can start
    with, so that only those lines are handed to the expressions (a test checks it)."""

    opener: re.Pattern[str] = rule(
        re.compile(
            r"^\s*(?:本报讯|本报[^\s，。]{0,12}[讯电]|新华社|中新社|据新华社|[（(]记者|▶|►|■|●|"
            r"图片来源|图片由|图片提供|摄影|[（(]?上接第|By\s+[A-Z]|PHOTO:|Photo:"
            rf"|{_LATIN_DATELINE}|{_LATIN_BYLINE}|{_CREDIT_WORDS}\s*:|©)"
        ),
        "News openings (本报讯, agency datelines: WASHINGTON —, PARIS, 3 mars (AFP) –, Berlin "
        "(dpa) –), bylines, credits and jumps always open a new block.",
    )
    byline: re.Pattern[str] = rule(
        re.compile(
            r"^\s*(?:[▶►■]\s*\S.{0,40}|(?:本报记者|特约记者|通讯员|本报特约通讯员)\s*\S.{0,30}"
            r"|By\s+[A-Z].{0,60})$"
            rf"|^\s*{_LATIN_BYLINE}"
        ),
        "A byline: ▶ / ► and names, or 本报记者 / 通讯员 and names, or By NAME; in French "
        "and German Par / Von and capitalised names to the line's end.",
    )
    names: re.Pattern[str] = rule(
        re.compile(
            rf"^(?:{HAN_CLASS}{{2,3}}|{_NAME}(?:[ \u3000]+{_NAME}){{1,5}}"
            rf"|[（(]{HAN_CLASS}{{2,12}}(?:[ \u3000、]+{_NAME}){{0,5}}[）)])$"
        ),
        "Authors' names closing an article: one to six names of two to four characters (one "
        "name alone: two or three, so a four-character heading is no name), or （names）.",
    )
    names_max_line: int = rule(40, "Lines longer than this are never a line of names alone.")
    glued_names: re.Pattern[str] = rule(
        re.compile(
            rf"(?<=[。！？”])(?:[ \u3000]+(?={_NAME}(?:[ \u3000]+{_NAME}){{0,5}}$)"
            rf"|(?={_NAME}(?:[ \u3000]+{_NAME}){{1,5}}$))"
        ),
        "Names glued after the article's last sentence: '…样板。 张三 李四' (with a space), or "
        "several space-separated names with none.",
    )
    glued_single_name: re.Pattern[str] = rule(
        re.compile(rf"(?<=[。！？”])({HAN_CLASS}{{2,3}})$"),
        "One name glued with no space after the last sentence of a paragraph-per-line "
        "article: only taken for a name when the article ends there.",
    )
    credit: re.Pattern[str] = rule(
        re.compile(
            r"^\s*(?:图片来源|图片由|图片提供|图片|摄影|图|PHOTO|Photo)\s*[:：/]|^\s*图片由|"
            r"^\s*(?:本报记者|记者|通讯员)?\s*\S{2,12}\s*摄\s*$"
            rf"|^\s*{_CREDIT_WORDS}\s*:|^\s*©"
        ),
        "A photo credit: 图片来源：…, 图片由…提供, 摄影：…, 'name 摄', PHOTO: … (Foto: and "
        "Bild: in German), © holder.",
    )
    credit_hints: str = rule(
        "图摄:",
        "A line holding none of these characters cannot carry a glued credit (a cheap test "
        "before the expression).",
    )
    photographer_mark: str = rule(
        "摄",
        "Ends a photographer's credit ('name 摄') wherever the line starts: such lines are "
        "handed to the credit expression whatever their first character.",
    )
    glued_credit: re.Pattern[str] = rule(
        re.compile(
            r"(?<=[。！？”）)])\s*(?=(?:图片来源|图片由|图片提供|摄影)\s*[:：])"
            rf"|(?<=[。！？”）)])\s+(?=(?:本报记者|新华社记者|记者|通讯员)?\s*{_NAME}"
            rf"(?:[ \u3000、]+{_NAME}){{0,3}}\s*摄\s*$)"
            rf"|(?<=[.!?”\"')»])\s+(?={_CREDIT_WORDS}\s*:)"
        ),
        "A credit glued after a caption's last sentence: '…在车间。 图片来源：…', or a "
        "photographer's '… 本报记者 张三 摄', or '… on Monday. Photo: NAME'.",
    )
    jump: re.Pattern[str] = rule(
        re.compile(
            r"^\s*[（(]\s*(?:下转|上接|转第|接第)[^）)]{0,12}[）)]\s*$|^\s*Continued (?:on|from) "
            r"|^\s*(?:Suite|Fortsetzung)\b.{0,40}\d+\W{0,3}$"
        ),
        "Jump lines of continued articles: （下转第X版）, （上接第X版）, Continued on page X, "
        "Suite (de la) page X, Fortsetzung (von / auf) Seite X.",
    )
    latin_byline: re.Pattern[str] = rule(
        re.compile(r"^\s*(?:By|BY|Par|PAR|Von|VON)\s+[A-ZÀ-Ý]"),
        "Bylines of English, French and German papers (By / Par / Von NAME), which the "
        "geometry-first assembly tests beside the byline expression.",
    )
    latin_credit: re.Pattern[str] = rule(
        re.compile(rf"^\s*{_CREDIT_WORDS}\s*:"),
        "Photo credits of Latin-script papers: Photo: / Foto: / Bild: NAME (assembly).",
    )
    latin_glued_credit: re.Pattern[str] = rule(
        re.compile(rf"(?<=[.!?”\"')])\s+(?={_CREDIT_WORDS}\s*:)"),
        "A Latin credit glued after a caption's last sentence ('... on Monday. PHOTO: "
        "NAME'; assembly).",
    )
    latin_jump: re.Pattern[str] = rule(
        re.compile(r"^\s*(?:Continued|Suite|Fortsetzung)\b.{0,40}\d+\W{0,3}$"),
        "Jump lines of Latin-script papers: Continued on / Suite / Fortsetzung … page N "
        "(assembly).",
    )
    special_first: str = rule(
        "本新中据（(记▶►■●图摄上BPCDEFGHIJKLMNOQRSTUVWXYZA特通©",
        "First characters of the lines the opener, byline, credit and jump expressions can "
        "match (names are tested apart).",
    )


# --- re-flow ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reflow:
    """How printed lines join into paragraphs (layout/reflow.py, layout/measure.py)."""

    width_window: int = rule(
        7,
        "Lines looked at on each side to estimate a run's column width: at least one "
        "paragraph's worth of full lines, and few enough that a width change between "
        "articles shows within a couple of lines.",
    )
    width_percentile: float = rule(
        90,
        "The run's width is this percentile of the window: first lines are indented and "
        "last lines short, so the median sits too low in short paragraphs.",
    )
    full_tolerance: float = rule(
        1.25,
        "A full line is within this much of the run's width: justified lines differ by "
        "half-width digits and by how the extractor wrote justification gaps.",
    )
    heading_gap: float = rule(
        3.0,
        "A line this much narrower than the column on both sides (more than the two-"
        "character indent) with no sentence punctuation is a heading candidate.",
    )
    indent_min: float = rule(
        1.75,
        "A paragraph's first line is indented by two characters: shorter than the column by "
        "at least this (half-width digits and quotes blur it by half a unit)...",
    )
    indent_max: float = rule(3.5, "... and by at most this.")
    kicker_max_width: float = rule(
        16, "A line ending with a colon and no wider than this can be a headline kicker."
    )
    heading_max_width: float = rule(
        40, "No heading line is wider than this: wider lines are running text."
    )
    letter_spaced_min_gaps: int = rule(
        3,
        "A line with this many spaces between CJK characters is letter-spaced by "
        "justification; its width is measured without them.",
    )
    run_change: float = rule(
        2.0, "Two runs differ in column width when their estimates differ by more than this."
    )
    bracket_pairs: str = rule(
        "（）《》「」『』【】〔〕〈〉“”",
        "Opening and closing marks, in pairs. A title or a quotation cut by a line break goes "
        "on: a line that leaves one open without ending a sentence, or a line that closes one "
        "it never opened, is no block end (extractors cut a printed line at a title mark).",
    )
    paragraph_per_line_width: float = rule(
        40.0,
        "Pages whose sentence-bearing lines are this wide hold one paragraph per line (some "
        "extractors write whole paragraphs as lines): no column is that wide.",
    )

    def __post_init__(self) -> None:
        if self.width_window < 1:
            raise ValueError("reflow.width_window must be at least 1")
        if not 0 <= self.width_percentile <= 100:
            raise ValueError("reflow.width_percentile must be between 0 and 100")
        if not 0 < self.indent_min <= self.indent_max:
            raise ValueError("reflow.indent_min must be positive and at most indent_max")
        if len(self.bracket_pairs) % 2:
            raise ValueError("reflow.bracket_pairs must hold pairs: an opening and a closing mark")


# --- segmentation -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Segment:
    """Where one article's body ends and the next begins (layout/segment.py)."""

    subhead_max_lines: int = rule(
        2,
        "A heading stack between two paragraphs of one article with at most this many "
        "lines is a subhead (小标题 are one or two lines).",
    )
    subject_min_chars: int = rule(
        4,
        "A heading between paragraphs heads a new article when it shares with the text "
        "after it a stretch this long (a name) that the article before never mentions...",
    )
    subject_min_mentions: int = rule(
        3,
        "... and that the text after names this often (what it is about), not once in "
        "passing as a subhead's words are.",
    )
    comma_headline_max_lines: int = rule(
        4,
        "A block cut mid-sentence with no sentence end in it and at most this many lines, "
        "set between a finished block and a byline, headline or page end, is a headline "
        "that carries a comma (kicker, two-line title, subtitle); running text runs longer.",
    )
    sentence_stops: str = rule(
        "。！？；!?;",
        "Punctuation that ends a sentence or a clause: a headline never holds one, though "
        "it may hold a comma.",
    )
    subtitle_dashes: str = rule(
        "—―",
        "A heading line opening with a dash (——) is a headline's subtitle (副题): a subhead "
        "has none.",
    )
    caption_max_width: float = rule(
        150,
        "Captions run one to three sentences: with no column widths to go by, a paragraph "
        "longer than this before a credit is the article's, not a caption.",
    )


# --- assignment ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Assign:
    """How headlines, bylines, captions and credits find their articles (layout/assign.py,
    layout/evidence.py)."""

    ngram_sizes: tuple[int, ...] = rule(
        (2, 3, 4), "Character n-gram lengths compared between an orphan and an article."
    )
    min_headline_score: float = rule(
        0.12,
        "Content evidence below this is no evidence: a headline this weak against every "
        "article is left without one rather than forced on a stranger.",
    )
    min_caption_score: float = rule(
        0.12, "The same for captions: below it a caption is a stand-alone photo item."
    )
    adjacent_bonus: float = rule(
        0.08,
        "Position evidence of an orphan right after an article's end or right before its "
        "start: small beside content, which decides when headlines pile up.",
    )
    decisive_score: float = rule(
        0.3,
        "A headline whose best score is at least this (and well ahead of the runner-up, "
        "below) decides by its words; such headlines show the page's habit.",
    )
    decisive_ratio: float = rule(
        2.0,
        "... and at least this many times the runner-up's: then its words alone name its "
        "article (for the page's habit, and for two headlines side by side on one line).",
    )
    habit_share: float = rule(
        0.6,
        "When this share of the deciding headlines (at least two) sits right after (or "
        "before) its article, that position is the page's habit...",
    )
    habit_bonus: float = rule(
        0.3,
        "... and weighs this much for every headline of the page; as much as a headline "
        "followed by a ▶ byline and the article's first paragraph.",
    )
    hidden_min_chars: int = rule(
        6,
        "A left-over headline this long whose words decide for an article that has a "
        "headline may head an article hidden in it...",
    )
    hidden_split_gain: float = rule(
        0.8,
        "... split where the two headlines' words part ways if that gains this much (sum "
        "of the two headlines' score differences between the halves).",
    )
    hidden_splits_max: int = rule(8, "At most this many hidden-article splits per round...")
    hidden_split_rounds: int = rule(
        2,
        "... and this many rounds of splitting and assigning again (each costs a whole "
        "assignment).",
    )
    join_min_share: float = rule(
        0.5,
        "An article left without a headline is the rest of its neighbour (an article cut "
        "in two at a second dateline, 据新华社…电) when the neighbour's headline scores on "
        "it at least this share of its score on the neighbour itself (and at least "
        "min_headline_score), and nothing marks the boundary between them.",
    )
    byline_already_signed_penalty: float = rule(
        0.4, "An article that already closes with its authors' names rarely has a ▶ byline too."
    )
    weak_line_score: float = rule(
        0.2,
        "Heading lines join one headline when their best articles agree; a line whose best "
        "score is below this (a kicker, a subtitle) joins its neighbour.",
    )
    max_headline_lines: int = rule(
        4, "A headline block has at most this many lines (kicker, two-line title, subtitle)."
    )
    headline_block_cost: float = rule(
        0.15,
        "Cutting a stack of heading lines: each headline block must earn this much evidence, "
        "so lines that agree (or a kicker with none) stay together.",
    )
    same_block_bonus: float = rule(
        0.2,
        "Layout cues that two lines are one headline (a kicker's colon, a subtitle's dash; "
        "half of it: no blank line where the extractor puts them everywhere else).",
    )

    def __post_init__(self) -> None:
        if not self.ngram_sizes or min(self.ngram_sizes) < 1:
            raise ValueError("assign.ngram_sizes must be positive lengths")
        if self.max_headline_lines < 1:
            raise ValueError("assign.max_headline_lines must be at least 1")


# --- topics -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Topics:
    """Article boundaries the text does not mark (layout/topics.py)."""

    max_cohesion: float = rule(
        0.08,
        "Without a headline cut, the paragraph break where the words change most is split "
        "if its cohesion is below this (0: no trigram shared, 1: the same words).",
    )
    window_chars: int = rule(300, "Each side of a break: paragraphs up to this many characters.")
    common_share: float = rule(
        0.5, "Trigrams in more than this share of the page's paragraphs are common words."
    )

    def __post_init__(self) -> None:
        if not 0 <= self.common_share <= 1:
            raise ValueError("topics.common_share must be between 0 and 1")


# --- words: language, word joins and de-hyphenation -----------------------------------


@dataclass(frozen=True, slots=True)
class Language:
    """How one language sets words apart: which quotes open and close, where French-style
    spaces go, which dictionaries decide a line-end hyphen, and its commonest words (by
    which the page's language is recognised). ``LANGUAGES`` holds them by code."""

    code: str
    common_words: str  # space-separated; short function words that are frequent in any text
    opening: str = ""  # quotes and brackets after which no space follows
    closing: str = ""  # quotes and brackets before which no space goes
    spaced_quotes: str = ""  # quotes set with a space inside (French « »)
    space_before: str = ""  # punctuation set after a space (French ; : ! ?)
    suspended: str = ""  # words after a suspended hyphen ("Ein- und Ausgabe"), space-separated
    closed_compounds: bool = False  # compounds are written as one word (German): a word
    # missing from the word list may still be one, split where the patterns allow
    hyphenation: str = ""  # pyphen dictionary that says where a word may be hyphenated
    word_list: str = ""  # pyspellchecker word list that says which words exist
    join_split_numbers: bool = False  # digits either side of a line break are one number
    latin: bool = True  # words are set apart by spaces (False: CJK, no spaces)
    weekdays: str = ""  # space-separated, lowercase: running heads date the page
    months: str = ""
    page_words: str = ""  # "Page 2", "Seite 10": a running head's page number


LANGUAGES: dict[str, Language] = {
    # Chinese: no space between words; extractors break numbers anywhere in a line.
    "zh": Language("zh", "", join_split_numbers=True, latin=False),
    # A Latin-script page whose language is not recognised: quotes by Unicode category.
    "und": Language("und", ""),
    "en": Language(
        "en",
        "the of and to in is was for that with on as by at from his her it are were "
        "be has have had which this an not but said they their its who will been",
        opening="“‘([",
        closing="”’)]",
        suspended="and or",
        hyphenation="en_US",
        word_list="en",
        weekdays="monday tuesday wednesday thursday friday saturday sunday",
        months="january february march april may june july august september october "
        "november december",
        page_words="page",
    ),
    "fr": Language(
        "fr",
        "le la les des du de et est une un dans pour que qui sur au aux par pas plus "
        "ce il elle ont sont été avec se sa son ses mais ou leur cette",
        opening="«“(",
        closing="»”)",
        spaced_quotes="«»",
        space_before=";:!?",
        suspended="et ou",
        hyphenation="fr",
        word_list="fr",
        weekdays="lundi mardi mercredi jeudi vendredi samedi dimanche",
        months="janvier février mars avril mai juin juillet août septembre octobre "
        "novembre décembre",
        page_words="page",
    ),
    "de": Language(
        "de",
        "der die das und den dem des ist nicht ein eine einer einem mit von zu im "
        "auf für sich auch wurde wird als bei aus nach sie er es wie über noch",
        # German quotes open with „ ‚ or » and close with “ ‘ or «.
        opening="„‚»(",
        closing="“‘«)",
        suspended="und oder bzw sowie",
        hyphenation="de_DE",
        word_list="de",
        closed_compounds=True,
        weekdays="montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag",
        months="januar februar märz april mai juni juli august september oktober november dezember",
        page_words="seite",
    ),
}


@dataclass(frozen=True, slots=True)
class Words:
    """The page's language and how its lines join into words (layout/language.py,
    layout/hyphenation.py, layout/text.py)."""

    language: str = rule(
        "auto",
        "The page's language: auto (recognised from the text), or one of "
        + ", ".join(LANGUAGES)
        + " (relayout --lang forces it).",
    )
    cjk_share: float = rule(
        0.3,
        "A page whose letters are this share CJK or more is Chinese: Chinese pages quote "
        "English names, Latin pages no Chinese.",
    )
    min_common_words: int = rule(
        5,
        "A Latin-script language is recognised when at least this many of the page's words "
        "are its common words (a headline alone says too little)...",
    )
    min_margin: float = rule(
        1.5,
        "... and this many times as many as any other language's (English and French share "
        "few, German and English some).",
    )
    min_word_part: int = rule(
        3,
        "A line-end hyphen joins two words (a compound) only when both halves are at least "
        "this long (shorter ones are syllables as often as words: ab-, -te, -ou); a word of "
        "the word list followed by glued text decides only when more than this many "
        "letters of the next line follow it (prep must not decide pre-production).",
    )

    def __post_init__(self) -> None:
        if self.language != "auto" and self.language not in LANGUAGES:
            known = ", ".join(["auto", *LANGUAGES])
            raise ValueError(f"words.language {self.language!r}: expected one of {known}")


# --- page furniture (Latin-script pages) -----------------------------------------------


@dataclass(frozen=True, slots=True)
class Furniture:
    """Running heads, folios and rubrics of Latin-script pages (layout/furniture.py)."""

    max_head_words: int = rule(
        12,
        "A running head holds the paper's name, the date, the page and the section: at "
        "most this many words. Body lines of a column hold 4-10 words too, so a date alone "
        "never makes a running head: its weekday or a page word must be there, and the "
        "line must end no sentence.",
    )
    letter_spaced_min: int = rule(
        4,
        "Single characters (letters, &) set apart by spaces make a section rubric when "
        "there are at least this many.",
    )


# --- line breaks of Latin-script pages ------------------------------------------------


@dataclass(frozen=True, slots=True)
class LatinLines:
    """Where a Latin-script paragraph ends and which lines are no running text
    (layout/latin_lines.py). Widths are in ems, estimated from each character's class:
    Latin type is proportional, so a count of characters says little of a line's width."""

    widths: tuple[tuple[str, float], ...] = rule(
        (
            (".,:;ijlt'’‘ ", 0.27),
            ('frI()[]-!"/|', 0.33),
            ("aceszJ?", 0.43),
            ("FPSELTZ", 0.59),
            ("w", 0.72),
            ("mMW@%&—", 0.86),
        ),
        "Character classes and their widths in ems, as a common serif text face sets them "
        "(Times' proportions): narrow i, l, t and punctuation, round a, c, e, s, wide m and "
        "W ...",
    )
    capital_width: float = rule(0.7, "... and capitals not listed seven tenths of one.")
    other_width: float = rule(
        0.5, "Width of lowercase letters and digits not listed (n, o, 0-9), in ems."
    )
    window: int = rule(
        8,
        "Lines looked at on each side to estimate the column's measure: a paragraph or two "
        "of full lines, few enough that a narrower column shows within a few lines.",
    )
    outlier: float = rule(
        1.3,
        "Lines wider than this times the window's median are set across columns (a "
        "caption, a headline): they tell nothing of this column's measure.",
    )
    measure_rank: int = rule(
        0,
        "The column's measure is the window's widest line (rank 0) once lines set across "
        "columns are left out: a narrow justified column has few lines as wide as its "
        "measure in characters.",
    )
    indent: float = rule(
        1.2,
        "A paragraph's first line is indented by about an em (newspapers use 1 to 2): it "
        "has that much less room for the next word.",
    )
    fit_slack: float = rule(
        0.0,
        "The next line's first word fits on a line when the two together are at most this "
        "share wider than the measure (the window's widest estimate, which already holds the "
        "estimates' error of a few percent).",
    )
    lowercase_goes_on: float = rule(
        0.6,
        "A line ending no sentence whose next line starts in lowercase is running text that "
        "goes on (a justified line looser than its estimate) when it fills at least this "
        "share of the measure: a sentence's words go on in lowercase, an article's first "
        "line after its headline seldom does; shorter lines are still headings (a stack of "
        "headline lines, the second in lowercase). On the tune pages' ground-truth lines, 96 "
        "of the 107 lines the fit test ended early with a lowercase line after them were "
        "running text.",
    )
    wider_margin: float = rule(
        0.1,
        "A line opening a block, ending no sentence, is a headline set across columns when "
        "its estimate exceeds every other line's near it by this share (estimates of full "
        "lines differ by a few percent) and a full line of the column, not in lowercase, "
        "follows (the article's first line; a caption across columns goes on as wide or "
        "ends in a short line).",
    )
    terminal: re.Pattern[str] = rule(
        re.compile(r"[.!?…:;][\"'”’»«“)\]]*$"),
        "A Latin paragraph ends with a full stop, question or exclamation mark, ellipsis, "
        "colon (a quote follows) or semicolon (a list item), perhaps before a closing quote.",
    )
    unfinished: str = rule(
        ",-\u2010\u00ad/",
        "A line ending with one of these stops inside a sentence or a word: running text "
        "goes on, however short the line.",
    )
    name: re.Pattern[str] = rule(
        re.compile(
            r"^(?:[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’]+|[A-ZÀ-ÖØ-Þ]\.)(?:[ -](?:[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’]+"
            r"|[A-ZÀ-ÖØ-Þ]\.|(?:de|van|von|der|du|da|di|le|la)))*?[ -][A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’]+$"
        ),
        "An author's name alone on a line: two to four capitalised words (initials and "
        "particles such as de, van, von between), closing an article after its last "
        "sentence.",
    )
    name_max_words: int = rule(
        4, "A name alone holds at most this many words: a longer capitalised line is a title."
    )

    subject_min_letters: int = rule(
        5,
        "On a Latin-script page a heading between paragraphs heads a new article when it "
        "holds a word this long (no article, preposition or auxiliary) that the text after "
        "it uses and the article before it never does: a subhead's words are its article's.",
    )

    byline_title: re.Pattern[str] = rule(
        re.compile(
            r"^(?:[\w'’.-]+\s+){0,3}(?:Staff Writer|Writer|Correspondent|Reporter|Editor"
            r"|Korrespondent(?:in)?|Redakteur(?:in)?|Mitarbeiter(?:in)?|correspondante?"
            r"|envoyée? spéciale?|journaliste|rédacteur|rédactrice)s?\b[\w ,.'’-]{0,30}$",
            re.IGNORECASE,
        ),
        "A byline's second line: the author's post (Staff Writer, Berlin Correspondent, "
        "Korrespondentin, envoyé spécial), in a few words; it stays with the byline.",
    )
    jump_onward: re.Pattern[str] = rule(
        re.compile(
            r"^\s*(?:Continued on\b|Suite (?:en |à la )?(?:page|p\.)"
            r"|Fortsetzung (?:auf )?(?:Seite|S\.))"
        ),
        "A jump line sending the reader on to another page (Continued on page X, Suite "
        "(en) page X, Fortsetzung (auf) Seite X) ends the article's text on this page: "
        "what follows is another article's.",
    )
    word_prefix: int = rule(
        5,
        "Headlines, captions and articles are compared by their words on a Latin-script "
        "page (every article shares the character n-grams of Latin text); a word counts by "
        "its first this many letters, a light stemming (release, released, releases; "
        "Regierung, Regierungen)...",
    )
    word_min_chars: int = rule(
        3,
        "... words shorter than this (and the language's common words) are left out: "
        "articles, prepositions and numbers below 100 say nothing of an article. The "
        "others weigh by how few of the page's articles hold them.",
    )
    side_by_side_min_words: int = rule(
        3,
        "A headline line is cut in two (two headlines side by side) only where each side "
        "holds at least this many words that count (see word_min_chars): one or two words "
        "of a headline are found in several articles.",
    )

    band_min_headlines: int = rule(
        2,
        "A run of at least this many headlines with no article text between them (each "
        "with its byline and captions) is a headline band: the extractor gave the "
        "headlines after their articles' text, in the articles' order (layout/band.py); "
        "one headline alone is set next to its own article.",
    )
    band_text_max_chars: int = rule(
        250,
        "A text of at most this many characters set between the headlines of a headline "
        "band is a photo caption read as running text (a band holds headlines, bylines and "
        "captions only; an article's text is longer).",
    )
    band_cohesion_weight: float = rule(
        1.0,
        "Cutting the articles a headline band heads: a cut inside one article's text costs "
        "its cohesion (the words shared across it, 0..1) times this, against the share of "
        "each headline's and caption's words its article holds (0..1).",
    )

    topic_max_cohesion: float = rule(
        0.0,
        "An article is split where the words change (topics.py) only below this cohesion "
        "on a Latin-script page: none by the words' change alone (0; topics.max_cohesion on "
        "Chinese pages). Paragraphs of one Latin article often share no rare word within "
        "the window: on the Latin tune pages 83 of 109 such splits fell inside an article. "
        "The splits where a left-over headline's words part from the article's own stay.",
    )

    def __post_init__(self) -> None:
        if self.word_prefix < 1 or self.word_min_chars < 1:
            raise ValueError("latin.word_prefix and latin.word_min_chars must be at least 1")
        if self.window < 1:
            raise ValueError("latin.window must be at least 1")
        if self.measure_rank < 0:
            raise ValueError("latin.measure_rank must not be negative")


# --- text columns ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TextColumns:
    """How lines that run across several columns are taken apart (layout/columns_text.py).
    Positions are display cells: a CJK character is two, an ASCII character one."""

    gap_min: int = rule(
        3,
        "A gap of this many cells between two words cuts a line: inside a column words are "
        "one space apart (Latin words, justification), a paragraph's indent after the "
        "gutter makes five.",
    )
    window: int = rule(
        8,
        "Lines looked at on each side for column edges: a column's edge shows in a few "
        "lines of it, and a band of articles is rarely shorter.",
    )
    align_tolerance: int = rule(
        3,
        "Layout text puts a column's lines at cells that wander by up to three cells "
        "(half-width digits, rounding of x positions, a piece pushed by the one before "
        "it): edges this close are one edge.",
    )
    align_support: int = rule(
        3,
        "A word after a single space starts a new column when words of this many nearby "
        "lines start at the same cell: a gutter can be one space wide, and chance "
        "alignments inside a column (Latin words, letter-spaced lines) are rarely three.",
    )
    column_min: int = rule(
        8,
        "No column is narrower than six characters, nor its indented first line than four "
        "(eight cells): narrower pieces (a last line, a name, a ▶ mark) tell no column "
        "width and are cut off only by a wide gap.",
    )
    skip_cost: float = rule(
        10,
        "Threading two lines' pieces: leaving a piece without the one above it costs as "
        "much as a shift of this many cells; layout text shifts a band of columns by up "
        "to about twenty.",
    )
    heading_narrower: int = rule(
        6,
        "A line with no sentence punctuation narrower by more than this than the column "
        "line under it is a heading over the column (a paragraph's first line is only "
        "indented by two characters, four cells).",
    )
    run_gap_lines: int = rule(
        2,
        "A column run goes on over this many lines without a piece of it: layout text "
        "puts a row's lone short piece (a caption's last word) on a line of its own.",
    )
    positioned_share: float = rule(
        0.1,
        "Text keeps printed positions (layout text) when this share of its lines is "
        "indented or holds a wide gap; pdftotext's default mode writes neither.",
    )
    min_share: float = rule(
        0.2,
        "The page holds several columns side by side when this share of its lines is cut "
        "into two pieces or more; content-order text is almost never cut...",
    )
    min_lines: int = rule(5, "... and when at least this many lines are.")
    overlap_min: int = rule(
        3,
        "Two runs overlap horizontally (one is read before the other from top to bottom) "
        "when they share this many cells; neighbouring columns' jitter shares one or two.",
    )


# --- the whole ----------------------------------------------------------------------

_GROUPS = (
    "typesetting",
    "marks",
    "reflow",
    "segment",
    "assign",
    "topics",
    "image",
    "words",
    "furniture",
    "latin",
    "columns",
    "assembly",
    "geometry",
)


@dataclass(frozen=True)
class Conventions:
    """All the rules of one kind of newspaper, grouped by stage."""

    name: str = "zh"
    typesetting: Typesetting = field(default_factory=Typesetting)
    marks: Marks = field(default_factory=Marks)
    reflow: Reflow = field(default_factory=Reflow)
    segment: Segment = field(default_factory=Segment)
    assign: Assign = field(default_factory=Assign)
    topics: Topics = field(default_factory=Topics)
    image: ImageRules = field(default_factory=ImageRules)
    words: Words = field(default_factory=Words)
    furniture: Furniture = field(default_factory=Furniture)
    latin: LatinLines = field(default_factory=LatinLines)
    columns: TextColumns = field(default_factory=TextColumns)
    assembly: Assembly = field(default_factory=Assembly)
    geometry: Geometry = field(default_factory=Geometry)

    @property
    def language(self) -> Language:
        """The rules of the page's language. The pipeline resolves "auto" from the page's
        text before the stages run; a stage called directly with "auto" gets Chinese rules,
        what these conventions were made for."""
        return LANGUAGES.get(self.words.language, LANGUAGES["zh"])

    def for_language(self, code: str) -> Conventions:
        """A copy whose page language is ``code`` (one of LANGUAGES)."""
        return dataclasses.replace(self, words=dataclasses.replace(self.words, language=code))

    def override(self, settings: Mapping[str, str]) -> Conventions:
        """A copy with rules changed by name: {"reflow.indent_min": "2.0"} (values as text,
        converted to the rule's type). Raises ValueError naming an unknown rule."""
        groups: dict[str, Any] = {g: getattr(self, g) for g in _GROUPS}
        for name, text in settings.items():
            group, _, attr = name.partition(".")
            if group not in groups or attr not in _field_names(groups[group]):
                raise ValueError(f"no rule named {name!r} (relayout eval --rules lists them)")
            current = getattr(groups[group], attr)
            groups[group] = dataclasses.replace(groups[group], **{attr: _convert(current, text)})
        return dataclasses.replace(self, **groups)

    def describe(self) -> Iterator[tuple[str, Any, str]]:
        """(name, value, why) of every rule, group by group."""
        for group in _GROUPS:
            value = getattr(self, group)
            for f in dataclasses.fields(value):
                shown = getattr(value, f.name)
                if isinstance(shown, re.Pattern):
                    shown = shown.pattern
                yield f"{group}.{f.name}", shown, f.metadata.get("why", "")


def markdown_table(conv: Conventions) -> str:
    """Every rule as a Markdown table (docs/pipeline.md holds this table; a test checks it)."""
    rows = ["| rule | value | why |", "| --- | --- | --- |"]
    for name, value, why in conv.describe():
        shown = str(value).replace("|", "\\|")
        rows.append(f"| `{name}` | `{shown}` | {why.replace('|', '/')} |")
    return "\n".join(rows) + "\n"


def _field_names(group: Any) -> set[str]:
    return {f.name for f in dataclasses.fields(group)}


def _convert(current: Any, text: str) -> Any:
    """``text`` as a value of the same type as ``current``."""
    if isinstance(current, bool):
        return text.lower() in ("1", "true", "yes")
    if isinstance(current, int):
        return int(text)
    if isinstance(current, float):
        return float(text)
    if isinstance(current, tuple):
        # Parts typed like the rule's own first part (int n-gram sizes, float ranges).
        return tuple(_convert(current[0] if current else 0, part) for part in text.split(","))
    if isinstance(current, re.Pattern):
        return re.compile(text)
    return text


CHINESE = Conventions()
