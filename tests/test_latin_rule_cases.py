"""Rules of Latin-script pages pinned on a line right at their edge: the running head's
word count and the letter-spaced rubric's letters (``furniture.*``, layout/furniture.py),
and the shortest half of a word split by a line-end hyphen (``words.min_word_part``,
layout/words.py). The default conventions decide one way, the rule moved the other."""

from __future__ import annotations

from layout.conventions import CHINESE, LANGUAGES, Conventions
from layout.furniture import FurnitureRules, is_furniture, is_letter_spaced
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
