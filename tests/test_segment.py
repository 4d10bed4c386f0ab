"""segment on small hand-made block sequences: where headlines that hold a comma are
recognised, and which heading stacks between paragraphs are subheads."""

from __future__ import annotations

from layout.conventions import CHINESE
from layout.model import Block, Line, Role
from layout.segment import recover_comma_headlines, segment

COLUMN = 14.0  # a 14-character column


def block(role: Role, *lines: str, continues: bool = False) -> Block:
    made = Block(role, [Line(n, t) for n, t in enumerate(lines, 1)], "".join(lines))
    made.continues = continues
    made.column = COLUMN if role is Role.BODY else 0.0
    return made


def body(*lines: str, continues: bool = False) -> Block:
    return block(Role.BODY, *lines, continues=continues)


FINISHED = body("  小镇今年新修了三条道路，村", "民出行方便多了。")
OPENING = body("  本报讯 今年以来，全县新建", "学校十二所，在校学生明显增加。")
RUNNING = body("全县今年新建学校十二所，", "在校学生明显增加。")  # first line indented


def roles(blocks: list[Block]) -> list[Role]:
    return [b.role for b in blocks]


def test_comma_headline_before_a_byline_becomes_headline_lines() -> None:
    head = body("山区道路修通了，", "致富路越走越宽", continues=True)
    out = recover_comma_headlines([FINISHED, head, block(Role.BYLINE, "▶王一")], CHINESE)
    assert roles(out) == [Role.BODY, Role.HEADLINE, Role.HEADLINE, Role.BYLINE]
    assert [b.text for b in out[1:3]] == ["山区道路修通了，", "致富路越走越宽"]
    assert [b.order for b in out] == [0, 1, 2, 3]


def test_comma_headline_at_the_page_end_becomes_a_headline() -> None:
    head = body("山区道路修通了，致富路越走越宽", continues=True)
    assert roles(recover_comma_headlines([FINISHED, head], CHINESE))[-1] is Role.HEADLINE


def test_the_rest_of_a_sentence_cut_by_a_column_break_stays_body() -> None:
    cut = body("  小镇今年新修了三条道路，村", "民出行方便了许多外地游客也", continues=True)
    rest = body("常来，大家都说好", continues=True)
    out = recover_comma_headlines([cut, rest, block(Role.BYLINE, "▶王一")], CHINESE)
    assert roles(out) == [Role.BODY, Role.BODY, Role.BYLINE]


def test_a_block_holding_a_sentence_end_stays_body() -> None:
    text = body("道路修通了。致富路越走越宽", continues=True)
    out = recover_comma_headlines([FINISHED, text, block(Role.BYLINE, "▶王一")], CHINESE)
    assert out[1].role is Role.BODY


def test_a_block_ending_with_a_comma_stays_body() -> None:
    text = body("道路修通了，致富路越走越宽，", continues=True)
    out = recover_comma_headlines([FINISHED, text, block(Role.BYLINE, "▶王一")], CHINESE)
    assert out[1].role is Role.BODY


def test_before_running_text_only_a_short_last_line_makes_a_headline() -> None:
    short = body("山区道路修通了，", "致富路宽", continues=True)  # last line 4 of 14
    full = body("山区道路修通了，大家出行都方", "便了许多就连外地游客也常来", continues=True)
    assert recover_comma_headlines([FINISHED, short, RUNNING], CHINESE)[1].role is Role.HEADLINE
    assert recover_comma_headlines([FINISHED, full, RUNNING], CHINESE)[1].role is Role.BODY


def test_before_an_opening_a_full_last_line_is_still_a_headline() -> None:
    full = body("山区道路修通了，致富路越走越", "宽农民增收有了好门路啦", continues=True)
    out = recover_comma_headlines([FINISHED, full, OPENING], CHINESE)
    assert roles(out)[1:3] == [Role.HEADLINE, Role.HEADLINE]


def test_a_heading_with_a_dash_subtitle_between_paragraphs_is_a_headline() -> None:
    """The headline of the article before, written right after its end, with its
    subtitle: it closes that article instead of becoming its subhead."""
    blocks = [
        FINISHED,
        block(Role.HEADLINE, "山区新路"),
        block(Role.HEADLINE, "——王一李二"),
        RUNNING,
    ]
    seg = segment(blocks, CHINESE)
    assert len(seg.drafts) == 2
    assert [o.role for o in seg.orphans] == [Role.HEADLINE]
    assert [b.text for b in seg.orphans[0].blocks] == ["山区新路", "——王一李二"]


def test_a_short_heading_between_paragraphs_is_a_subhead() -> None:
    blocks = [FINISHED, block(Role.HEADLINE, "学校多了"), RUNNING]
    seg = segment(blocks, CHINESE)
    assert len(seg.drafts) == 1
    assert roles(seg.drafts[0].blocks) == [Role.BODY, Role.SUBHEAD, Role.BODY]


def test_a_block_of_blank_text_is_left_as_it_is() -> None:
    """Regression: an empty paragraph text must not be read at its last character."""
    blank = body(" ", continues=True)
    out = recover_comma_headlines([FINISHED, blank, block(Role.BYLINE, "▶王一")], CHINESE)
    assert roles(out) == [Role.BODY, Role.BODY, Role.BYLINE]


def test_a_sentence_resumed_after_a_credit_stays_body() -> None:
    """Regression: a paragraph cut by a photo credit set between its two halves (the
    rest not indented) is no headline, though a credit follows it."""
    cut = body("道路修通了，农民", continues=True)
    rest = body("卖菜方便多了，大家都说好，这", "条路修得真是太好了。")
    credit = block(Role.CREDIT, "图片来源：某某")
    out = recover_comma_headlines([FINISHED, cut, credit, rest], CHINESE)
    assert roles(out) == [Role.BODY, Role.BODY, Role.CREDIT, Role.BODY]
