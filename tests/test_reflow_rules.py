"""Each re-flow rule on a small hand-written input."""

from __future__ import annotations

from layout import process_text
from layout.conventions import CHINESE
from layout.model import Role
from layout.read import split_lines
from layout.reflow import reflow
from layout.text import join_lines, remove_justification_spaces, width

# A 12-character column: two paragraphs, indented first lines, short last lines.
COLUMN = """\
本报讯　近日，某市高新区举行
了项目签约仪式，共签约项目十
二个，总投资八十亿元。
　　会上，多家企业代表发言，
表示将加快项目建设进度，争取
早日投产见效。
"""


def paragraphs(text: str) -> list[str]:
    return [b.text for b in reflow(split_lines(text), CHINESE).blocks if b.role is Role.BODY]


def test_width_counts_cjk_as_one_and_ascii_as_half() -> None:
    assert width("高新区") == 3
    assert width("5G") == 1
    assert width("“新基建”") == 4  # curly quotes set at half width


def test_lines_of_a_paragraph_join_without_separator() -> None:
    paras = paragraphs(COLUMN)
    assert (
        paras[0] == "本报讯近日，某市高新区举行了项目签约仪式，共签约项目十二个，总投资八十亿元。"
    )
    assert paras[1].startswith("会上，多家企业代表发言，表示")
    assert len(paras) == 2


def test_short_last_line_with_full_stop_ends_paragraph_and_indent_starts_one() -> None:
    text = (
        "甲乙丙丁戊己庚辛壬癸子丑\n寅卯辰巳午未申酉戌亥天地\n玄黄宇宙。\n"
        "甲乙丙丁戊己庚辛壬癸\n子丑寅卯辰巳午未申酉戌亥\n洪荒日月。\n"
    )
    assert [p[:2] for p in paragraphs(text)] == ["甲乙", "甲乙"]


def test_full_line_ending_a_sentence_does_not_end_the_paragraph() -> None:
    text = (
        "甲乙丙丁戊己庚辛壬癸子丑\n寅卯辰巳午未申酉戌亥天。\n地玄黄宇宙洪荒日月盈昃辰\n宿列张。\n"
    )
    assert len(paragraphs(text)) == 1


def test_line_starting_with_closing_punctuation_continues() -> None:
    text = (
        "甲乙丙丁戊己庚辛壬癸子丑\n寅卯辰巳午未申酉戌亥天\n，地玄黄宇宙洪荒日月盈昃\n辰宿列张。\n"
    )
    assert paragraphs(text) == [
        "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天，地玄黄宇宙洪荒日月盈昃辰宿列张。"
    ]


def test_short_line_without_end_punctuation_between_paragraphs_is_a_heading() -> None:
    text = (
        "甲乙丙丁戊己庚辛壬癸子丑\n寅卯辰巳午未申酉戌亥天地\n玄黄。\n"
        "经济运行稳中有进\n"
        "甲乙丙丁戊己庚辛壬癸\n子丑寅卯辰巳午未申酉戌亥\n洪荒日月。\n"
    )
    blocks = reflow(split_lines(text), CHINESE).blocks
    assert [b.role for b in blocks] == [Role.BODY, Role.HEADLINE, Role.BODY]
    assert blocks[1].text == "经济运行稳中有进"


def test_justification_spaces_between_cjk_are_removed() -> None:
    assert remove_justification_spaces("上 招 聘 ，积 极 组 织") == "上招聘，积极组织"
    assert remove_justification_spaces("2019 年 4 月") == "2019年4月"
    assert remove_justification_spaces("山推 5G 智能工厂") == "山推5G智能工厂"


def test_one_space_kept_between_latin_words_and_numbers() -> None:
    assert remove_justification_spaces("Industry  4.0 园区") == "Industry 4.0园区"
    assert join_lines(["the Industry", "4.0 plan"])[0] == "the Industry 4.0 plan"


def test_number_split_over_two_lines_is_joined() -> None:
    assert join_lines(["所有项目于2月 20", "日全部开工"])[0] == "所有项目于2月 20日全部开工"
    assert remove_justification_spaces("所有项目于2月 20日") == "所有项目于2月20日"
    assert join_lines(["打造6500", "多平方米"])[0] == "打造6500多平方米"
    assert join_lines(["共4300.", "54万元"])[0] == "共4300.54万元"


def test_soft_hyphen_removed_only_between_lowercase_letters() -> None:
    assert join_lines(["the newspa-", "per industry"]) == ("the newspaper industry", ["-"])
    assert join_lines(["COVID-", "19 cases"]) == ("COVID-19 cases", [])
    assert join_lines(["in 1-", "5月"]) == ("in 1-5月", [])
    assert join_lines(["a well-", "Known case"]) == ("a well-Known case", [])


def test_dehyphenation_is_reported_as_dropped() -> None:
    text = "The regional newspaper industry is in a long and diffi-\ncult transition to digital.\n"
    result = process_text(text)
    assert result.articles[0].paragraphs[0].text.endswith("difficult transition to digital.")
    assert result.dropped == ["-"]


def test_glued_authors_names_are_split_off() -> None:
    text = "甲乙丙丁戊己庚辛壬癸子丑\n寅卯辰巳午未申酉戌亥天地\n玄黄。 张三 李四\n"
    blocks = reflow(split_lines(text), CHINESE).blocks
    assert [(b.role, b.text) for b in blocks][-1] == (Role.BYLINE, "张三 李四")
    assert blocks[0].numbers == [1, 2, 3] and blocks[1].numbers == [3]


def test_glued_photo_credit_is_split_off() -> None:
    blocks = reflow(split_lines("工人在车间里忙碌。 图片来源：某某高新区\n"), CHINESE).blocks
    assert [b.role for b in blocks] == [Role.BODY, Role.CREDIT]
    blocks = reflow(split_lines("工人在车间里忙碌。 本报记者 张三 摄\n"), CHINESE).blocks
    assert [(b.role, b.text) for b in blocks] == [
        (Role.BODY, "工人在车间里忙碌。"),
        (Role.CREDIT, "本报记者 张三 摄"),
    ]


def test_paragraph_per_line_input_rejoins_a_cut_paragraph() -> None:
    long_a = "今年以来," + "某高新区坚持线上线下相结合,加大与人力资源公司合作," * 3 + "并在市级媒体"
    long_b = "平台滚动播放招聘信息,稳就业保就业保持良好态势。" + "园区企业全部复工。" * 3
    other = "据了解," + "园区将持续优化营商环境,为企业发展提供保障。" * 3
    text = f"{long_a}\n\n{long_b}\n\n{other}\n"
    paras = paragraphs(text)
    assert paras[0] == long_a + long_b
    assert paras[1] == other


def test_title_mark_cut_by_the_extractor_keeps_the_paragraph_together() -> None:
    """Extractors cut a printed line at a title mark: 《玄黄宇 / 宙》 looks like a short line
    with no punctuation (a heading) but the title is still open."""
    text = (
        "甲乙丙丁戊己庚辛壬癸子丑\n寅卯辰巳午未申酉戌亥天地\n《玄黄宇\n宙》\n"
        "洪荒日月盈昃辰宿列张寒来\n暑往秋收冬藏闰余成岁。\n"
    )
    assert len(paragraphs(text)) == 1
    without_pairs = CHINESE.override({"reflow.bracket_pairs": ""})
    blocks = reflow(split_lines(text), without_pairs).blocks
    assert len(blocks) > 1  # the rule, not another one, holds the lines together


def test_line_closing_a_quote_it_never_opened_continues() -> None:
    text = (
        "甲乙丙丁戊己庚辛壬癸子丑\n寅卯辰巳午未申酉“戌亥天\n地玄黄宇宙\n洪荒”日月\n"
        "盈昃辰宿列张寒来暑往秋收\n冬藏。\n"
    )
    assert len(paragraphs(text)) == 1


def test_line_barely_short_ending_a_sentence_before_a_full_line_continues() -> None:
    """Short of the column by less than an indent, and the next line is full (not
    indented): a loose line, no paragraph end."""
    text = (
        "甲乙丙丁戊己庚辛壬癸子丑\n寅卯辰巳午未申酉5天。\n地玄黄宇宙洪荒日月盈昃辰\n"
        "宿列张寒来暑往秋收冬藏闰\n余成岁。\n"
    )
    assert len(paragraphs(text)) == 1


def test_short_line_ending_a_sentence_before_an_indented_line_still_ends_the_paragraph() -> None:
    text = (
        "甲乙丙丁戊己庚辛壬癸子丑\n寅卯辰巳午未申酉5天。\n地玄黄宇宙洪荒日月盈\n"
        "昃辰宿列张寒来暑往秋收冬\n藏闰余成岁。\n"
    )
    assert len(paragraphs(text)) == 2
