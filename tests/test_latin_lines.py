"""Line breaks and article structure of Latin-script pages (layout/latin_lines.py and the
Latin rules of layout/segment.py), on hand-made columns of English type read as a person
would: where a paragraph ends, which lines are headlines, names and credits. Each rule is
also switched off (its convention moved out of reach) to show the test then fails."""

from __future__ import annotations

import pytest

from layout.conventions import CHINESE, Conventions
from layout.latin_lines import em_width, latin_breaks
from layout.model import Block, Line, PageResult, Role
from layout.options import Options
from layout.pipeline import process_text
from layout.read import split_lines
from layout.reflow import reflow
from layout.segment import Segmentation, segment
from layout.topics import JUMP_RULE, candidate_breaks

# A column of about sixteen and a half ems. Its fourth line ends a sentence on a full line
# (the paragraph goes on); "residents." ends early (the paragraph ends); "a good" ends a
# first line, indented, where "one" would only have fitted without the indent; a name alone
# signs the article; a headline in place opens the next one, about ferries.
COLUMN = """\
The city council met on Monday night to
discuss the new budget for the coming
year, and the members agreed on most
of the points that were raised at first.
Work on the bridge begins in the spring
and should be finished within two years.
The mayor thanked the residents.
Her deputy said the plan was a good
one and would be started at once.
Anna Berg
Ferries back in May
The ferries will sail again from May, the
harbour office said on Tuesday. Three
ferries were repaired over the winter and
the old pier was rebuilt with new wood.
Tickets go on sale next week.
"""

ENGLISH = CHINESE.for_language("en")


def run(text: str, conv: Conventions = ENGLISH) -> PageResult:
    return process_text(text, "column.txt", Options(conventions=conv))


def changed(name: str, value: str) -> Conventions:
    return ENGLISH.override({name: value})


def paragraphs(result: PageResult) -> list[list[str]]:
    return [[p.text for p in a.paragraphs] for a in result.articles]


def test_widths_follow_the_letters_not_their_count() -> None:
    """Proportional type: ten m are far wider than ten i."""
    rules = CHINESE.latin
    assert em_width("mmmmmmmmmm", rules) > 2.5 * em_width("iiiiiiiiii", rules)


def test_the_column_reads_as_a_person_reads_it() -> None:
    result = run(COLUMN)
    assert paragraphs(result) == [
        [
            "The city council met on Monday night to discuss the new budget for the coming "
            "year, and the members agreed on most of the points that were raised at first. "
            "Work on the bridge begins in the spring and should be finished within two "
            "years. The mayor thanked the residents.",
            "Her deputy said the plan was a good one and would be started at once.",
        ],
        [
            "The ferries will sail again from May, the harbour office said on Tuesday. Three "
            "ferries were repaired over the winter and the old pier was rebuilt with new "
            "wood. Tickets go on sale next week."
        ],
    ]
    assert [a.bylines for a in result.articles] == [["Anna Berg"], []]
    assert [a.headline for a in result.articles] == [[], ["Ferries back in May"]]


def test_a_paragraph_ends_only_where_the_next_word_would_have_fitted() -> None:
    """With no room for any word (fit_slack far below zero), "residents." goes on."""
    first = paragraphs(run(COLUMN, changed("latin.fit_slack", "-0.5")))[0]
    assert "residents. Her deputy said" in first[0]


def test_a_first_line_has_an_indent_less_room() -> None:
    """Without the indent, "one" would have fitted after "a good": a false paragraph end
    (once the lowercase "one", which alone also keeps the line going, is not read)."""
    off = ENGLISH.override({"latin.indent": "0", "latin.lowercase_goes_on": "2"})
    first = paragraphs(run(COLUMN, off))[0]
    assert "Her deputy said the plan was a good" in first
    assert "one and would be started at once." in first


def test_a_name_alone_after_the_last_sentence_signs_the_article() -> None:
    """Two words is a name; with names of one word at most, "Anna Berg" is no byline."""
    result = run(COLUMN, changed("latin.name_max_words", "1"))
    assert "Anna Berg" not in [b for a in result.articles for b in a.bylines]


def test_the_measure_is_the_widest_line_near_it() -> None:
    """Taking the thirteenth-widest line as the measure (a short one), no word fits
    anywhere: "residents." no longer ends its paragraph."""
    result = run(COLUMN, changed("latin.measure_rank", "12"))
    assert paragraphs(result) != paragraphs(run(COLUMN))


def test_lines_set_across_columns_do_not_widen_the_measure() -> None:
    """A caption line twice as wide as the column: left out of the measure, it leaves
    the column's full lines full; counted (outlier 10), every line reads as short."""
    wide = "Residents walked over the old bridge for the last time on Sunday. Photo: Anna Berg"
    text = COLUMN.replace("Anna Berg\n", f"Anna Berg\n{wide}\n")
    kept = run(text)
    assert kept.articles[0].paragraphs[0].text.endswith("residents.")
    spoilt = run(text, changed("latin.outlier", "10"))
    assert paragraphs(spoilt) != paragraphs(kept)


def test_a_heading_after_a_full_line_ending_a_sentence_stands_apart() -> None:
    lines = [
        "discuss the new budget for the coming",
        "of the points that were raised at first.",
        "Ferries back in May",
        "The ferries will sail again from May, the",
        "harbour office said on Tuesday. Three",
    ]
    rules = latin_breaks(lines, ENGLISH, [None] * 4)
    assert rules[1:3] == ["heading-follows", "ends-early"]


def test_a_line_ending_with_a_comma_or_hyphen_goes_on_however_short() -> None:
    lines = ["The ferries, the", "harbour office said, will sail", "again from May,", "and so on."]
    assert latin_breaks(lines, ENGLISH, [None] * 3)[2] == "line-unfinished"


def test_the_marks_before_the_fit_test_keep_their_decision() -> None:
    lines = ["The mayor thanked the residents.", "By Anna Berg", "Work begins soon."]
    assert latin_breaks(lines, ENGLISH, [True, True]) == [None, None]


NEW_SUBJECT = """\
The city council met on Monday night to
discuss the new budget for the coming
year, and the members agreed on most
of the points that were raised at first.
The mayor thanked the residents.
Ferries back in May
The ferries will sail again from May, the
harbour office said on Tuesday. Three
ferries were repaired over the winter and
the old pier was rebuilt with new wood.
Tickets go on sale next week.
"""


def test_a_heading_naming_what_follows_heads_a_new_article() -> None:
    """ "Ferries" is in the text after the heading, never before: a new article. With
    only words of twenty letters counted, the heading is the first article's subhead."""
    assert len(run(NEW_SUBJECT).articles) == 2
    one = run(NEW_SUBJECT, changed("latin.subject_min_letters", "20"))
    assert len(one.articles) == 1


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("Par Jean Dupont", "byline"),
        ("Von Hans Meier und Eva Roth", "byline"),
        ("Foto: Archiv", "credit"),
        ("Bild: Keystone", "credit"),
        ("© AFP", "credit"),
        ("Suite de la page 2", "jump"),
        ("Fortsetzung auf Seite 12", "jump"),
    ],
)
def test_latin_bylines_credits_and_jumps_are_marked_in_the_text(line: str, role: str) -> None:
    marks = CHINESE.marks
    pattern = {"byline": marks.byline, "credit": marks.credit, "jump": marks.jump}[role]
    assert pattern.match(line)
    assert marks.opener.match(line) or role == "jump"


def test_a_sentence_opening_with_von_is_no_byline() -> None:
    assert not CHINESE.marks.byline.match("Von Anfang an war das Projekt offen")


def test_a_latin_credit_glued_to_its_caption_comes_apart() -> None:
    caption = "Residents on the old bridge on Sunday. Photo: Anna Berg"
    text = COLUMN.replace("Anna Berg\n", f"Anna Berg\n{caption}\n")
    article = run(text).articles[0]
    assert article.captions[-1].text == "Photo: Anna Berg"


# A two-line headline ending no sentence, over a caption set across two columns, and the
# article's first paragraph opening with a capital: the headline's lines are no sentence
# cut by the caption (a Latin sentence resumes in lowercase).
HEADLINE_OVER_CAPTION = COLUMN.replace(
    "Anna Berg\n",
    """Anna Berg
New bridge over the wide river will open
in the spring
Residents walked over the old bridge for the last time on Sunday.
Photo: Anna Berg
The bridge will carry four lanes and a
path for people on foot and on bicycles.
""",
)


def test_headline_lines_over_a_caption_are_no_sentence_cut_by_it() -> None:
    headlines = [line for a in run(HEADLINE_OVER_CAPTION).articles for line in a.headline]
    assert "New bridge over the wide river will open" in headlines
    assert "in the spring" in headlines


# Full lines of running text with no comma, cut mid-sentence by a credit and resumed in
# lowercase after it: one paragraph, no heading lines.
CUT_BY_A_CREDIT = """\
The city council met on Monday night to
discuss the new budget for the coming
year, and the members agreed on most
of the points that were raised at first.
The mayor thanked the residents.
Work on the bridge begins in the spring
and should be finished within two years
Photo: Anna Berg
after the old one was closed in the winter
because the pier was found to be unsafe.
"""


def test_a_sentence_cut_by_a_credit_goes_on_after_it() -> None:
    article = run(CUT_BY_A_CREDIT).articles[0]
    assert article.headline == []
    assert article.paragraphs[-1].text == (
        "Work on the bridge begins in the spring and should be finished within two years "
        "after the old one was closed in the winter because the pier was found to be unsafe."
    )


def test_letters_not_listed_take_the_default_widths() -> None:
    """n and o are half an em (other_width), N seven tenths (capital_width)."""
    assert em_width("no", ENGLISH.latin) == pytest.approx(1.0)
    assert em_width("no", changed("latin.other_width", "0.6").latin) == pytest.approx(1.2)
    assert em_width("N", ENGLISH.latin) == pytest.approx(0.7)
    assert em_width("N", changed("latin.capital_width", "0.8").latin) == pytest.approx(0.8)


def test_the_measure_is_taken_over_a_window_of_lines() -> None:
    """With one line on each side, a short line's neighbours set the measure: the
    column's paragraphs come out otherwise."""
    assert paragraphs(run(COLUMN, changed("latin.window", "1"))) != paragraphs(run(COLUMN))


# --- articles told apart on Latin-script pages (issue 17) ------------------------------

# The headline of the first article is set after it (as extractors give some pages): a
# heading between two paragraphs whose word "ferries" the text before uses and the text
# after never does.
HEADLINE_AFTER = """\
The ferries will sail again from May, the
harbour office said on Tuesday. Three
ferries were repaired over the winter and
the old pier was rebuilt with new wood.
Tickets go on sale next week.
Ferries back in May
The city council met on Monday night to
discuss the new budget for the coming
year, and the members agreed on most
of the points that were raised at first.
Work on the bridge begins in the spring
and should be finished within two years.
"""


def test_a_heading_naming_the_text_before_it_is_that_articles_headline() -> None:
    """With only words of twenty letters counted, the heading is a subhead of one
    article."""
    result = run(HEADLINE_AFTER)
    assert [a.headline for a in result.articles] == [["Ferries back in May"], []]
    assert result.articles[0].paragraphs[0].text.startswith("The ferries will sail")
    assert result.articles[1].paragraphs[0].text.startswith("The city council met")
    one = run(HEADLINE_AFTER, changed("latin.subject_min_letters", "20"))
    assert len(one.articles) == 1


# An article's text on this page ends at a jump line sending the reader on; the next
# article starts right after it, with no headline between.
JUMP_ONWARD = """\
The ferries will sail again from May, the
harbour office said on Tuesday. Three
ferries were repaired over the winter and
the old pier was rebuilt with new wood.
Continued on page 4
The city council met on Monday night to
discuss the new budget for the coming
year, and the members agreed on most
of the points that were raised at first.
"""


@pytest.mark.parametrize(
    ("jump", "language"),
    [("Continued on page 4", "en"), ("Suite page 4", "fr"), ("Fortsetzung auf Seite 4", "de")],
)
def test_a_jump_line_sending_the_reader_on_ends_the_article(jump: str, language: str) -> None:
    conv = CHINESE.for_language(language)
    text = JUMP_ONWARD.replace("Continued on page 4", jump)
    assert len(run(text, conv).articles) == 2
    never = conv.override({"latin.jump_onward": "^$never"})
    assert len(run(text, never).articles) == 1


# A caption whose credit was glued after its last sentence with the photographer's name
# on the next line ("Photo:" ends the line).
CREDIT_CUT = COLUMN.replace(
    "Anna Berg\n",
    """Anna Berg
Residents on the old bridge on Sunday. Photo:
Staff photographer
""",
)


def test_a_credit_cut_after_its_colon_takes_the_next_line() -> None:
    captions = [c.text for a in run(CREDIT_CUT).articles for c in a.captions]
    assert "Photo: Staff photographer" in captions


# Two articles with no headline between them, the second opening with an agency's
# dateline on a line of its own (a dash ends it).
DATELINE = """\
The ferries will sail again from May, the
harbour office said on Tuesday. Three
ferries were repaired over the winter and
the old pier was rebuilt with new wood.
BERLIN (dpa) –
The city council met on Monday night to
discuss the new budget for the coming
year, and the members agreed on most
of the points that were raised at first.
"""


@pytest.mark.parametrize(
    "dateline",
    ["BERLIN (dpa) –", "PARIS, 3 mars (AFP) –", "WASHINGTON —", "Berlin, 3. März (dpa) –"],
)
def test_a_dateline_opens_the_next_articles_text(dateline: str) -> None:
    """The dateline is no headline: it opens the second article's first paragraph."""
    result = run(DATELINE.replace("BERLIN (dpa) –", dateline))
    assert [a.headline for a in result.articles] == [[], []]
    assert result.articles[1].paragraphs[0].text.startswith(f"{dateline} The city council")


@pytest.mark.parametrize("post", ["Staff Writer", "Berlin Correspondent", "Korrespondentin"])
def test_a_bylines_second_line_naming_the_post_stays_with_it(post: str) -> None:
    text = f"Ferries back in May\nBy Anna Berg\n{post}\n" + NEW_SUBJECT.split("\n", 6)[6]
    result = run(text)
    assert result.articles[-1].bylines == [f"By Anna Berg {post}"]
    never = changed("latin.byline_title", "^$never")
    assert f"By Anna Berg {post}" not in [b for a in run(text, never).articles for b in a.bylines]


def test_no_article_is_split_off_at_a_jump_line() -> None:
    """On a Latin-script page the jump line kept in an article's text is named so: the
    break before it is no place for a hidden article's start (topics.candidate_breaks)."""
    text = JUMP_ONWARD.replace("Continued on page 4", "Continued from page 4")
    jumps = [
        b for a in segment_of(text).drafts for b in a.blocks if b.text == "Continued from page 4"
    ]
    assert [b.role_rule for b in jumps] == [JUMP_RULE]
    first, second = body_block("One sentence."), body_block("Another one.")
    assert candidate_breaks([first, jumps[0], second]) == [2]


def segment_of(text: str) -> Segmentation:
    lines = split_lines(text)
    return segment(reflow(lines, ENGLISH).blocks, ENGLISH)


def body_block(text: str) -> Block:
    return Block(Role.BODY, [Line(1, text)], text)


# A paragraph with a loose justified line: "council then voted on all of the" reads short
# (the next line's "new" would fit by the estimates), yet the sentence goes on in lowercase.
LOOSE_LINE = [
    "The city council met on Monday night to",
    "discuss the new budget for the coming",
    "year, and the members agreed on most",
    "of the points that were raised at the",
    "meeting in the old town hall before the",
    "council then voted on all of the",
    "new rules for the harbour and the ferries",
    "and the old pier rebuilt with new wood.",
]


def test_a_loose_line_before_a_lowercase_line_goes_on() -> None:
    """Switched off (no line fills twice its measure), the loose line ends early: a false
    paragraph end."""
    assert latin_breaks(LOOSE_LINE, ENGLISH, [None] * 7)[5] == "lowercase-goes-on"
    off = changed("latin.lowercase_goes_on", "2")
    assert latin_breaks(LOOSE_LINE, off, [None] * 7)[5] == "ends-early"


def test_a_short_heading_line_before_a_lowercase_line_stands_apart() -> None:
    """A headline's first line, short, with its second line in lowercase: still apart
    (with every line said to fill enough of its column, it would run on)."""
    lines = [
        "of the points that were raised at first.",
        "Ferries back",
        "in May",
        "The ferries will sail again from May, the",
        "harbour office said on Tuesday. Three",
    ]
    assert latin_breaks(lines, ENGLISH, [None] * 4)[1] == "ends-early"
    assert latin_breaks(lines, changed("latin.lowercase_goes_on", "0"), [None] * 4)[1] == (
        "lowercase-goes-on"
    )


# A headline in larger type set across two columns, in place above its article's first
# line: in the text, a line wider than the column's others, ending no sentence.
HEADLINE_ACROSS = """\
The city council met on Monday night to
discuss the new budget for the coming
year, and the members agreed on most
of the points that were raised at first.
The mayor thanked them.
Harbour office plans two new ferries for the summer
The ferries will sail again from May, the
harbour office said on Tuesday. Three
ferries were repaired over the winter and
the old pier was rebuilt with new wood.
Tickets go on sale next week.
"""


def test_a_headline_wider_than_its_column_stands_apart_from_the_text_under_it() -> None:
    """Switched off (no line is ever wider than its column), the headline runs on into
    its article's first paragraph."""
    headline = "Harbour office plans two new ferries for the summer"
    result = run(HEADLINE_ACROSS)
    assert [a.headline for a in result.articles] == [[], [headline]]
    assert result.articles[1].paragraphs[0].text.startswith("The ferries will sail")
    off = run(HEADLINE_ACROSS, changed("latin.wider_margin", "100"))
    assert all(a.headline == [] for a in off.articles)
    assert any(p.text.startswith(headline) for a in off.articles for p in a.paragraphs)


def test_a_caption_across_columns_ending_in_a_short_line_stays_whole() -> None:
    """A wide caption line whose last line is short (no full line of the column under
    it) is no headline set across: its break is left to the fit test."""
    lines = [
        "The city council met on Monday night to",
        "discuss the new budget for the coming",
        "year, and the members agreed on most",
        "of the points that were raised at first.",
        "The mayor thanked them.",
        "Residents walked over the old bridge for the last time on Sunday before",
        "Works begin.",
        "The ferries will sail again from May, the",
        "harbour office said on Tuesday. Three",
    ]
    assert latin_breaks(lines, ENGLISH, [None] * 8)[5] == "word-did-not-fit"
