"""Article boundaries by the words' change alone (layout/topics.py) on a Latin-script
page: none (``latin.topic_max_cohesion`` = 0), as paragraphs of one Latin article often
share no rare word (Chinese pages keep ``topics.max_cohesion``)."""

from __future__ import annotations

from layout.conventions import CHINESE
from layout.evidence import TermCache
from layout.model import Block, Line, Role
from layout.segment import Draft, word_terms
from layout.topics import weakest_breaks

# Two ferry paragraphs, then two storm paragraphs: no word of the first two is in the
# last two, so the words change completely at the middle break.
PARAGRAPHS = [
    "The harbour ferries sail again from May after the winter.",
    "Three harbour ferries were repaired and painted.",
    "A storm felled old oaks in the park on Sunday.",
    "Gardeners will plant young oaks where the storm struck.",
]

ENGLISH = CHINESE.for_language("en")


def one_draft() -> list[Draft]:
    blocks = [Block(Role.BODY, [Line(i, t)], t, i) for i, t in enumerate(PARAGRAPHS)]
    return [Draft(blocks=blocks)]


def test_no_latin_article_is_split_by_the_words_change_alone() -> None:
    terms = TermCache(word_terms(ENGLISH))
    most = ENGLISH.latin.topic_max_cohesion
    assert weakest_breaks(one_draft(), 1, set(), ENGLISH.topics, terms, most) == []
    before = ENGLISH.override({"latin.topic_max_cohesion": "0.08"}).latin.topic_max_cohesion
    assert weakest_breaks(one_draft(), 1, set(), ENGLISH.topics, terms, before) == [(0, 2)]
    # Without the Latin threshold, the Chinese pages' one (topics.max_cohesion) splits.
    assert weakest_breaks(one_draft(), 1, set(), ENGLISH.topics, terms) == [(0, 2)]
