"""assign on small hand-made inputs: a headline the matching left over goes where its
words clearly are, and nowhere when they do not decide."""

from __future__ import annotations

import numpy as np

from layout.assign import decided_by_words, split_side_by_side
from layout.conventions import CHINESE
from layout.evidence import ArticleIndex
from layout.model import Block, Line, Role
from layout.segment import Orphan

RULES = CHINESE.assign
ARTICLES = [
    "今年县里新建学校十二所，学校的老师也多了，学生上学不再走远路。",
    "山区新修公路三百公里，公路通到每个村子，农民卖菜方便了。",
]


def leftover(text: str, role: Role = Role.OTHER) -> Orphan:
    return Orphan(role, [Block(Role.HEADLINE, [Line(1, text)], text)])


def test_a_left_over_headline_joins_the_article_its_words_name() -> None:
    index = ArticleIndex(ARTICLES, RULES.ngram_sizes)
    orphan = leftover("新建学校十二所")
    placement = decided_by_words(orphan, index, rules=RULES)
    assert placement is not None
    assert placement.article == 0
    assert placement.orphan.role is Role.HEADLINE  # placed as a headline, not a caption


def test_a_left_over_headline_whose_words_do_not_decide_stays_unplaced() -> None:
    index = ArticleIndex(ARTICLES, RULES.ngram_sizes)
    both = leftover("学校和公路")  # one word from each article
    assert decided_by_words(both, index, rules=RULES) is None
    assert both.role is Role.OTHER
    nothing = leftover("天气晴朗")
    assert decided_by_words(nothing, index, rules=RULES) is None


def test_no_article_no_placement() -> None:
    assert decided_by_words(leftover("新建学校"), ArticleIndex([], (2, 3)), rules=RULES) is None


def test_scores_of_the_hand_made_articles_are_what_the_tests_assume() -> None:
    """Guards the two tests above: the first headline decides, the second does not."""
    index = ArticleIndex(ARTICLES, RULES.ngram_sizes)
    decided = index.scores("新建学校十二所")
    assert decided[0] >= RULES.decisive_score and decided[1] == 0
    mixed = index.scores("学校和公路")
    assert not np.isclose(mixed[0], 0) and not np.isclose(mixed[1], 0)


def test_two_headlines_side_by_side_on_one_line_come_apart() -> None:
    index = ArticleIndex(ARTICLES, RULES.ngram_sizes)
    line = Block(
        Role.HEADLINE,
        [Line(7, "新建学校十二所 新修公路三百公里")],
        "新建学校十二所 新修公路三百公里",
    )
    pieces = split_side_by_side(line, index, rules=RULES)
    assert [p.text for p in pieces] == ["新建学校十二所", "新修公路三百公里"]
    assert [p.numbers for p in pieces] == [[7], [7]]  # both trace back to the input line


def test_phrases_of_one_headline_stay_on_one_line() -> None:
    index = ArticleIndex(ARTICLES, RULES.ngram_sizes)
    text = "新建学校十二所 学生上学不走远路"
    line = Block(Role.HEADLINE, [Line(7, text)], text)
    assert [p.text for p in split_side_by_side(line, index, rules=RULES)] == [text]
