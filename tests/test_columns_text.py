"""Text whose lines run across several columns (layout/columns_text.py): the columns found
from the text itself and their lines threaded again in reading order, nothing lost."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

from hypothesis import assume, given
from hypothesis import strategies as st

from layout import process_text
from layout.columns_text import cell_width, may_cut, rethread, words
from layout.conventions import CHINESE
from layout.model import check_nothing_lost
from layout.options import Options
from layout.read import split_lines

# Two columns, six characters (twelve cells) wide, gutter one space: positions kept
# (pdftotext -layout). Row 4 ends a paragraph in column 1 (a wide gap follows it), row 5
# opens the next one with a two-character (four-cell) indent.
LAYOUT_TWO_COLUMNS = """\
一二三四五六 七八九十百千
天地玄黄宇宙 洪荒日月盈昃
辰宿列张寒来 暑往秋收冬藏
闰余成岁。   律吕调阳云腾
    致雨露结 霜金生丽水。
"""

# The same kind of page in pdftotext's default mode: a row's columns joined by one
# space, a row split into two lines where a short piece leaves a wide gap (row 3).
DEFAULT_TWO_COLUMNS = """\
一二三四五六 七八九十百千
天地玄黄宇宙 洪荒日月盈昃
闰余成岁。
律吕调阳云腾
致雨露结为霜 金生丽水。
辰宿列张寒来 暑往秋收冬藏
玉出昆冈剑号 巨阙珠称夜光
"""

# One column's line per input line (content order): nothing to take apart.
CONTENT_ORDER = """\
本报讯 记者张三报道：今年以来，
全区新签约项目十二个，总投资
三十亿元。
  项目建设进展顺利，其中 5 个
已经开工。
"""


def threaded(text: str) -> list[tuple[int, str]]:
    lines, _ = rethread(split_lines(text), CHINESE)
    return [(line.number, line.text) for line in lines]


def test_cjk_characters_take_two_cells_and_words_keep_their_offsets() -> None:
    found = [(w.start, w.end, w.x0, w.x1) for w in words("  一二 ab 三")]
    assert found == [(2, 4, 2, 6), (5, 7, 7, 9), (8, 9, 10, 12)]


def test_layout_text_is_read_column_by_column() -> None:
    assert threaded(LAYOUT_TWO_COLUMNS) == [
        (1, "一二三四五六"),
        (2, "天地玄黄宇宙"),
        (3, "辰宿列张寒来"),
        (4, "闰余成岁。"),
        (5, "致雨露结"),
        (1, "七八九十百千"),
        (2, "洪荒日月盈昃"),
        (3, "暑往秋收冬藏"),
        (4, "律吕调阳云腾"),
        (5, "霜金生丽水。"),
    ]


def test_a_headline_spanning_both_columns_is_read_before_them() -> None:
    text = "   两栏之上的一行大标题\n" + LAYOUT_TWO_COLUMNS
    numbers = [number for number, _ in threaded(text)]
    assert numbers == [1, 2, 3, 4, 5, 6, 2, 3, 4, 5, 6]


def test_default_mode_rows_split_over_two_lines_go_back_to_their_columns() -> None:
    assert [n for n, _ in threaded(DEFAULT_TWO_COLUMNS)] == [1, 2, 3, 5, 6, 7, 1, 2, 4, 5, 6, 7]


def test_content_order_text_is_left_as_it_is() -> None:
    lines = split_lines(CONTENT_ORDER)
    out, layout = rethread(lines, CHINESE)
    assert out is lines
    assert not layout.found


def test_columns_found_are_noted_in_the_result_and_the_paragraphs_rejoined() -> None:
    result = process_text(LAYOUT_TWO_COLUMNS)
    assert any(note.startswith("text columns: 5 of 5 lines") for note in result.notes)
    texts = [p.text for a in result.articles for p in a.paragraphs]
    assert "一二三四五六天地玄黄宇宙辰宿列张寒来闰余成岁。" in texts
    check_nothing_lost(result, LAYOUT_TWO_COLUMNS)


def test_columns_none_takes_every_line_as_one_columns_line() -> None:
    result = process_text(LAYOUT_TWO_COLUMNS, options=Options(columns="none"))
    assert not result.notes
    texts = "".join(p.text for a in result.articles for p in a.paragraphs)
    assert texts.startswith("一二三四五六七八九十百千")


def test_cli_columns_option_and_explain_list_the_runs(tmp_path: object) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "layout", "--explain", "--columns", "auto", "-"],
        input=LAYOUT_TWO_COLUMNS,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0
    assert "column run 1: lines 1-5, cells 0-12" in run.stderr
    assert "column run 2: lines 1-5, cells 13-25" in run.stderr
    bad = subprocess.run(
        [sys.executable, "-m", "layout", "--columns", "sideways", "-"],
        input="x\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2
    assert "--columns" in bad.stderr


# --- generated pages ---------------------------------------------------------------

HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"  # noqa: E501
FULL_STOP = "。"


@st.composite
def column_grid(draw: st.DrawFn) -> tuple[list[list[str]], int]:
    """Rows x columns of cell texts: a column's full width, and in about a quarter of the
    rows one paragraph's last line (shorter, ending a sentence): paragraphs of several
    lines, as in a newspaper (rows all of short lines are one column's lines to anyone)."""
    columns = draw(st.integers(2, 4))
    width = draw(st.integers(6, 12))
    rows = draw(st.integers(6, 14))
    grid: list[list[str]] = []
    for _ in range(rows):
        short = draw(st.integers(-3 * columns, columns - 1))  # which cell ends a paragraph
        row = []
        for k in range(columns):
            size = draw(st.integers(2, width - 2)) if k == short else width
            body = "".join(draw(st.lists(st.sampled_from(HAN), min_size=size, max_size=size)))
            row.append(body[:-1] + FULL_STOP if k == short else body)
        grid.append(row)
    return grid, width


def layout_text(grid: list[list[str]], width: int, gutter: int) -> str:
    """As pdftotext -layout writes it: every cell at its column's cell offset."""
    lines = []
    for row in grid:
        line = ""
        for k, cell in enumerate(row):
            cells = sum(cell_width(ch) for ch in line)
            line += " " * (k * (2 * width + gutter) - cells) + cell
        lines.append(line)
    return "\n".join(lines) + "\n"


def default_text(grid: list[list[str]], width: int) -> str:
    """As pdftotext's default mode writes it: one space between a row's cells, a new line
    after a short cell (the wide gap it leaves)."""
    lines = []
    for row in grid:
        line = ""
        for cell in row:
            line = f"{line} {cell}" if line else cell
            if len(cell) < width:
                lines.append(line)
                line = ""
        if line:
            lines.append(line)
    return "\n".join(lines) + "\n"


def column_order(grid: list[list[str]]) -> list[str]:
    return [row[k] for k in range(len(grid[0])) for row in grid]


@given(column_grid(), st.integers(1, 4))
def test_generated_layout_columns_are_read_column_by_column(
    case: tuple[list[list[str]], int], gutter: int
) -> None:
    grid, width = case
    out, layout = rethread(split_lines(layout_text(grid, width, gutter)), CHINESE)
    assert layout.found
    assert [line.text for line in out] == column_order(grid)


@given(column_grid())
def test_generated_default_mode_columns_are_read_column_by_column(
    case: tuple[list[list[str]], int],
) -> None:
    grid, width = case
    # Without positions, columns show only in lines that hold several: most rows must
    # be one line (a page of rows all broken at a short piece reads as one column).
    full_rows = sum(all(len(cell) == width for cell in row) for row in grid)
    assume(full_rows >= max(5, len(grid) // 2))
    out, layout = rethread(split_lines(default_text(grid, width)), CHINESE)
    assert layout.found
    # Every cell comes back once, as its own line. The order is column by column on most
    # grids, not all: a row whose first column ends in a short line ('的。') can shift the
    # next rows' pieces one slot (docs/evaluation.md, issue 12, what is left), so only
    # the cells are checked here; the hand-made texts above check the order.
    assert sorted(line.text for line in out) == sorted(column_order(grid))


@given(st.lists(st.text(alphabet=HAN[:40] + " 。，ab1\u3000", max_size=40), max_size=30))
def test_rethreading_keeps_every_character_once_with_its_line_number(lines: list[str]) -> None:
    text = "\n".join(lines)
    source = split_lines(text)
    out, _ = rethread(source, CHINESE)
    assert Counter("".join(ln.text for ln in out).replace(" ", "").replace("\u3000", "")) == (
        Counter("".join(ln.text for ln in source).replace(" ", "").replace("\u3000", ""))
    )
    texts = {ln.number: ln.text for ln in source}
    assert all(ln.text in texts[ln.number] for ln in out)
    check_nothing_lost(process_text(text), text)


def test_only_lines_with_a_wide_gap_or_a_space_beside_a_cjk_character_may_be_cut() -> None:
    """The quick test that spares cutting content-order text must let through every line
    ``_cut`` could cut: a wide gap, a tab, a single space beside a wide character."""
    rules = CHINESE.columns
    assert not may_cut("本报讯记者从有关部门获悉，今年以来", rules)
    assert not may_cut("The minister said on Monday that the", rules)
    assert may_cut("持续多年的对外开放 资。", rules)
    assert may_cut("said on Monday    the council", rules)
    assert may_cut("said on Monday\tthe council", rules)
