"""assign on small hand-made inputs: two headlines set side by side on one baseline,
which the extractor wrote as one line, come apart; one headline's phrases stay together."""

from __future__ import annotations

from layout.assign import split_side_by_side
from layout.conventions import CHINESE
from layout.evidence import ArticleIndex
from layout.model import Block, Line, Role

RULES = CHINESE.assign
ARTICLES = [
    "今年县里新建学校十二所，学校的老师也多了，学生上学不再走远路。",
    "山区新修公路三百公里，公路通到每个村子，农民卖菜方便了。",
]


def test_the_hand_made_headlines_decide_as_the_tests_assume() -> None:
    """Guards the tests below: each half names one article by its words alone."""
    index = ArticleIndex(ARTICLES, RULES.ngram_sizes)
    left, right = index.scores("新建学校十二所"), index.scores("新修公路三百公里")
    assert left[0] >= RULES.decisive_score and left[1] == 0
    assert right[1] >= RULES.decisive_score and right[0] == 0


def test_two_headlines_side_by_side_on_one_line_come_apart() -> None:
    index = ArticleIndex(ARTICLES, RULES.ngram_sizes)
    text = "新建学校十二所 新修公路三百公里"
    line = Block(Role.HEADLINE, [Line(7, text)], text)
    pieces = split_side_by_side(line, index, rules=RULES)
    assert [p.text for p in pieces] == ["新建学校十二所", "新修公路三百公里"]
    assert [p.numbers for p in pieces] == [[7], [7]]  # both trace back to the input line


def test_phrases_of_one_headline_stay_on_one_line() -> None:
    index = ArticleIndex(ARTICLES, RULES.ngram_sizes)
    text = "新建学校十二所 学生上学不走远路"
    line = Block(Role.HEADLINE, [Line(7, text)], text)
    assert [p.text for p in split_side_by_side(line, index, rules=RULES)] == [text]
