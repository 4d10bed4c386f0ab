"""``--explain``: the rule of every line break and of every block's role, carried by the
page result (layout/explain.py, reflow.BREAK_RULES, reflow/segment ROLE_RULES)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from layout import Options, process_path
from layout.cli import main
from layout.conventions import CHINESE
from layout.explain import explain, rules_table
from layout.export import to_dict
from layout.language import resolve_language
from layout.model import PageResult
from layout.read import split_lines
from layout.reflow import BREAK_RULES, reflow
from layout.reflow import ROLE_RULES as REFLOW_ROLE_RULES
from layout.segment import ROLE_RULES as SEGMENT_ROLE_RULES

from .conftest import SEEDS
from .test_schema import assert_json_round_trip

# A hand-set page: a two-line headline, a paragraph whose first line ends with a comma,
# an indented second paragraph, a ▶ byline and a photo credit.
PAGE = [
    "项目建设提速增效",
    "重点项目开工九十个",
    "本报讯某某市今年以来持续推进项目建设，",
    "全市共有重点项目一百二十个已开工九十个",
    "多个项目进展顺利。",
    "  新项目陆续落地，带动就业岗位三千多个",
    "全市经济稳中有进。",
    "▶ 张三",
    "图片来源：某某市",
]


def _rows(report: str) -> dict[int, str]:
    """The per-line rows of a report, by input line number (the first row of each)."""
    rows: dict[int, str] = {}
    for row in report.splitlines():
        head = row.split()
        if row.startswith("  ") and head and head[0].isdigit():
            rows.setdefault(int(head[0]), row)
    return rows


def test_explain_names_the_rule_of_every_line_of_a_hand_set_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "page.txt"
    path.write_text("\n".join(PAGE) + "\n", encoding="utf-8")
    assert main([str(path), "--explain"]) == 0
    rows = _rows(capsys.readouterr().err)
    assert sorted(rows) == list(range(1, len(PAGE) + 1))
    expected = {
        1: ("a1.h1", "¶ heading-candidate", "[headline: heading-stack]"),
        2: ("a1.h2", "¶ opening-mark", "[headline: heading-stack]"),
        3: ("a1.p1", "↓ comma-continues", ""),
        4: ("a1.p1", "↓ running-text", ""),
        5: ("a1.p1", "¶ indent-kept", ""),
        7: ("a1.p2", "¶ opening-mark", ""),
        8: ("a1.b1", "¶ opening-mark", "[byline: byline-mark]"),
        9: ("a1.c1", "", "[credit: credit-mark]"),
    }
    for n, (piece, rule, role) in expected.items():
        assert piece in rows[n] and rule in rows[n] and role in rows[n], rows[n]
    assert "[" not in rows[4]  # running text has no role rule


def test_a_stack_of_heading_lines_joined_by_a_rule_is_cut_one_line_a_block() -> None:
    """Heading lines the break rules would join (running text: seed 001's pile of
    headlines at the page end) are still one block a line: the break says so
    (heading-lines-apart), not the rule that lost."""
    lines = split_lines(SEEDS[1].read_text(encoding="utf-8"))
    flowed = reflow(lines, resolve_language(CHINESE, (ln.text for ln in lines)))
    role = {ln.number: b.role.value for b in flowed.blocks for ln in b.lines}
    apart = [b for b in flowed.line_breaks() if b.rule == "heading-lines-apart"]
    assert apart and all(b.splits for b in apart)
    assert all(role[b.line] == role[b.next] == "headline" for b in apart)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_breaks_split_exactly_where_reflow_blocks_start(seed: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    lines = split_lines(text)
    conv = resolve_language(CHINESE, (ln.text for ln in lines))
    flowed = reflow(lines, conv)
    starts, at = set(), 0
    for block in flowed.blocks:
        starts.add(at)
        at += len(block.lines)
    breaks = flowed.line_breaks()
    assert len(breaks) == at - 1  # one decision between each two pieces
    assert [b.splits for b in breaks] == [i + 1 in starts for i in range(at - 1)]
    numbers = [ln.number for b in flowed.blocks for ln in b.lines]
    assert [b.line for b in breaks] == numbers[:-1]
    assert [b.next for b in breaks] == numbers[1:]
    splits = {rule.name: rule.splits for rule in BREAK_RULES}
    assert all(splits[b.rule] == b.splits for b in breaks)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_result_carries_a_rule_for_every_line_and_role_of_a_seed(seed: Path) -> None:
    assert not process_path(str(seed)).breaks  # recorded only when asked: no cost otherwise
    result = process_path(str(seed), Options(explain=True))
    numbers = {b.line for b in result.breaks} | {b.next for b in result.breaks}
    assert numbers == {line.number for line in result.lines}
    role_rules = REFLOW_ROLE_RULES | SEGMENT_ROLE_RULES
    assert result.reasons and all(r.rule in role_rules for r in result.reasons)
    # Every headline line of the result got its role from a named rule.
    reasoned = {n for r in result.reasons if r.role.value == "headline" for n in r.lines}
    assert {n for a in result.articles for n in a.headline_lines} <= reasoned
    report = explain(result)
    assert set(_rows(report)) == numbers
    data = to_dict(result, explain=True)
    assert len(data["breaks"]) == len(result.breaks)
    assert_json_round_trip(result, seed.read_text(encoding="utf-8"))


def test_explain_says_when_the_result_holds_no_line_decisions() -> None:
    """Geometry-first input (PDF, hOCR, ALTO, PAGE with boxes) keeps its source's blocks,
    and a page processed without Options(explain=True) records none."""
    assert "no line decisions recorded" in explain(PageResult("page.xml"))
    report = explain(process_path(str(SEEDS[0])))
    assert "no line decisions recorded" in report and "input line(s)" not in report


def test_docs_list_every_rule_explain_names() -> None:
    """docs/pipeline.md holds the table of the break and role rules as the code has it."""
    docs = (Path(__file__).resolve().parent.parent / "docs" / "pipeline.md").read_text("utf-8")
    found = re.search(r"<!-- explain-rules:start -->\n(.*)<!-- explain-rules:end -->", docs, re.S)
    assert found is not None
    assert found.group(1) == rules_table(), "copy layout.explain.rules_table() into the docs"
