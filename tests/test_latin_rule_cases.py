"""Rules of Latin-script pages pinned on a line right at their edge: the running head's
word count and the letter-spaced rubric's letters (``furniture.*``, layout/furniture.py),
the shortest half of a word split by a line-end hyphen (``words.min_word_part``,
layout/words.py), and the Latin bylines, credits and jumps of the geometry-first assembly
(``marks.latin_*``). The default conventions decide one way, the rule moved the other."""

from __future__ import annotations

from layout.assemble.build import is_byline, is_credit, is_jump
from layout.assign import split_side_by_side
from layout.conventions import CHINESE, LANGUAGES, Conventions
from layout.evidence import ArticleIndex, TermCache
from layout.furniture import FurnitureRules, is_furniture, is_letter_spaced
from layout.model import Block, Line, Role
from layout.segment import word_terms
from layout.words import page_joiner

# 11 words, with its weekday and date: a running head.
RUNNING_HEAD = "Le Journal du Soir vendredi 23 janvier 1998 Page 2 Culture"


def changed(name: str, value: str) -> Conventions:
    return CHINESE.override({name: value})


def french(conv: Conventions) -> FurnitureRules:
    rules = FurnitureRules.of(LANGUAGES["fr"], conv.furniture)
    assert rules is not None
    return rules


def test_a_running_head_holds_at_most_max_head_words_words() -> None:
    assert is_furniture(RUNNING_HEAD, french(CHINESE))
    assert not is_furniture(RUNNING_HEAD, french(changed("furniture.max_head_words", "10")))


def test_a_rubric_has_at_least_letter_spaced_min_letters() -> None:
    assert is_letter_spaced("S P O R", CHINESE.furniture)
    assert not is_letter_spaced("S P O R", changed("furniture.letter_spaced_min", "5").furniture)


def drops(conv: Conventions, left: str, right: str) -> bool:
    """Whether an English page's joiner takes the hyphen ending ``left`` out."""
    return page_joiner(conv.for_language("en"), [left, right]).drops_hyphen(left, right)


def test_a_listed_word_glued_to_the_next_words_decides_by_min_word_part_letters() -> None:
    """ "pro-" + "fitandloss": "profit" takes four letters of the next line, so it decides
    (the hyphen goes) for min_word_part 3, not for 4. "pre-" + "production": "prep"
    takes one letter, which decides nothing for 3 but does for 1."""
    assert drops(CHINESE, "a pro-", "fitandloss")
    assert not drops(changed("words.min_word_part", "4"), "a pro-", "fitandloss")
    assert not drops(CHINESE, "a pre-", "production")
    assert drops(changed("words.min_word_part", "1"), "a pre-", "production")


# --- Latin marks of the geometry-first assembly (marks.latin_*) ----------------------------


def test_latin_bylines_credits_and_jumps_are_known_by_their_words() -> None:
    """By / Par / Von NAME, Photo: / Foto: / Bild: NAME, Continued on / Suite / Fortsetzung
    … page N: what the assembly takes apart from captions and paragraphs."""
    marks = CHINESE.marks
    for byline in ("By Anna Berg", "Par Jean Dupont", "VON HANS MEIER"):
        assert is_byline(byline, marks), byline
    assert not is_byline("Paris votes today", marks)
    for credit in ("PHOTO: JANE DOE", "Foto: Hans Meier", "Bild: dpa"):
        assert is_credit(credit, marks), credit
    for jump in ("Continued on page 4", "Suite page 12", "Fortsetzung auf Seite 3"):
        assert is_jump(jump, marks), jump
    assert not is_jump("Continued talks between the two sides", marks)
    glued = marks.latin_glued_credit.search("Crowds at the market on Saturday. PHOTO: JANE DOE")
    assert glued is not None and glued.group() == " "


def test_latin_marks_are_the_conventions_not_the_assemblys() -> None:
    """Changing the expressions changes what the assembly finds (the text stages' marks
    know the Latin forms too: both are changed)."""

    def both(text_rule: str, latin_rule: str, pattern: str) -> Conventions:
        return CHINESE.override({text_rule: pattern, latin_rule: pattern})

    plain = both("marks.byline", "marks.latin_byline", "^By ")
    assert not is_byline("Par Jean Dupont", plain.marks)
    credits = both("marks.credit", "marks.latin_credit", "^PHOTO:")
    assert not is_credit("Foto: Hans Meier", credits.marks)
    assert not is_jump("Suite page 12", both("marks.jump", "marks.latin_jump", "^Cont").marks)


# --- words as evidence on Latin-script pages (latin.word_*, layout/evidence.py) -----------

GERMAN = CHINESE.for_language("de")
REGIERUNG_AND_ZOO = ["Die Regierungen der Länder trafen sich am Montag.", "Der Zoo öffnet."]


def word_scores(conv: Conventions, texts: list[str], text: str) -> list[float]:
    index = ArticleIndex(texts, conv.assign.ngram_sizes, TermCache(word_terms(conv)))
    return [round(float(s), 3) for s in index.scores(text)]


def test_a_word_counts_by_its_first_word_prefix_letters() -> None:
    """ "Regierung" finds "Regierungen" by its first five letters; by ten it is a whole
    word of nine, which "Regierungen" is not."""
    assert word_scores(GERMAN, REGIERUNG_AND_ZOO, "Regierung und Zoo") == [0.5, 0.5]
    longer = GERMAN.override({"latin.word_prefix": "10"})
    assert word_scores(longer, REGIERUNG_AND_ZOO, "Regierung und Zoo") == [0.0, 0.5]


def test_words_shorter_than_word_min_chars_say_nothing() -> None:
    """ "Zoo" has three letters: a term for word_min_chars 3, none for 4."""
    assert word_scores(GERMAN, REGIERUNG_AND_ZOO, "Zoo") == [0.0, 1.0]
    shorter = GERMAN.override({"latin.word_min_chars": "4"})
    assert word_scores(shorter, REGIERUNG_AND_ZOO, "Zoo") == [0.0, 0.0]


def test_a_headline_line_is_cut_where_each_side_has_side_by_side_min_words() -> None:
    """Two headlines side by side on one line, three words that count on each side: cut
    for side_by_side_min_words 3, not for 4."""
    english = CHINESE.for_language("en")
    articles = ["The harbour ferries will sail again in May.", "The council agreed on the budget."]
    line = "Harbour ferries sail Council budget agreed"
    for conv, expected in [
        (english, ["Harbour ferries sail", "Council budget agreed"]),
        (english.override({"latin.side_by_side_min_words": "4"}), [line]),
    ]:
        index = ArticleIndex(articles, conv.assign.ngram_sizes, TermCache(word_terms(conv)))
        pieces = split_side_by_side(Block(Role.HEADLINE, [Line(1, line)], line), index, conv.assign)
        assert [b.text for b in pieces] == expected
