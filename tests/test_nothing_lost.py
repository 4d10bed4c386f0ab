"""Every non-whitespace input character appears exactly once in every output format,
unless relayout reports it as dropped (soft hyphens).

Two checks, each on its own: the page result holds the input's characters (its text
fields plus ``dropped``: ``check_nothing_lost``), and each renderer writes exactly the
result's text fields, in order (read back field by field, strictly, from markup that
cannot be mistaken for text). Generated pages: tests/test_fuzz.py.
"""

from __future__ import annotations

import json

import pytest

from layout import process_text, render
from layout.export import MarkupError, read_fields, strip_markup
from layout.model import (
    Article,
    CharactersLost,
    PageResult,
    Paragraph,
    Role,
    Unassigned,
    check_nothing_lost,
)

from .conftest import SEEDS, chars

FORMATS = ("text", "markdown", "json")


def visible(fields: list[str]) -> list[str]:
    """The fields without whitespace, empty ones left out (they leave no line)."""
    return [v for v in ("".join(f.split()) for f in fields) if v]


def assert_renders_its_fields(result: PageResult, output: str, fmt: str) -> None:
    """The output carries exactly the result's text fields, in order (and, in JSON, its
    ``dropped``)."""
    assert visible(read_fields(output, fmt)) == visible(result.text_fields()), fmt
    if fmt == "json":
        assert json.loads(output)["dropped"] == result.dropped


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_seed_results_hold_every_input_character_once(path) -> None:  # type: ignore[no-untyped-def]
    text = path.read_text(encoding="utf-8")
    check_nothing_lost(process_text(text, path.name), text)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
@pytest.mark.parametrize("fmt", FORMATS)
def test_seed_outputs_carry_exactly_the_result_fields(path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    result = process_text(path.read_text(encoding="utf-8"), path.name)
    assert_renders_its_fields(result, render(result, fmt), fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_seed_outputs_lose_and_add_nothing(fmt: str) -> None:
    """End to end on one seed: the characters of an output, markup removed, plus the
    dropped ones, are the input's."""
    text = SEEDS[0].read_text(encoding="utf-8")
    result = process_text(text)
    dropped = [] if fmt == "json" else result.dropped  # JSON lists them itself
    assert chars(strip_markup(render(result, fmt), fmt) + "".join(dropped)) == chars(text)


# --- joins: a soft hyphen removed anywhere is reported ----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "企业项目，o-\n e，市场发展。\n",  # the next line indented: a new block, rejoined
        "建设?n-\nPhoto: x\nb？发展。\n",  # a photo credit between the two halves
        "企业项目，城市服务，其中news-\n图片来源：某某\npaper项目发展。\n",  # a credit between
        "企业项目，城市服务，经济技术ab-\n▶ 某某\ncd工作建设。\n",  # a ▶ byline between
    ],
    ids=["indent", "credit", "credit-cjk", "byline"],
)
def test_hyphen_removed_at_a_join_across_blocks_is_reported(text: str) -> None:
    result = process_text(text)
    check_nothing_lost(result, text)
    assert result.dropped == ["-"]


def test_the_check_names_a_lost_character() -> None:
    text = "企业项目发展。\n"
    result = process_text(text)
    result.articles[0].paragraphs[0].text = "企业项目发展"  # a bug losing the full stop
    with pytest.raises(CharactersLost, match=r"missing.*'。'"):
        check_nothing_lost(result, text)


# --- the renderers, read back ------------------------------------------------------------


def _one_article(**fields: list[str]) -> PageResult:
    article = Article("a1", headline=fields.get("headline", []), bylines=fields.get("bylines", []))
    article.paragraphs = [Paragraph(Role.BODY, t, [1]) for t in fields.get("paragraphs", [])]
    return PageResult("t", articles=[article])


def test_markdown_byline_ending_in_a_backslash_reads_back() -> None:
    """``*▶\\\\*``: the escaped backslash must not escape the closing emphasis."""
    result = _one_article(bylines=["▶\\"], paragraphs=["*x*", "-", "# h", "<!-- a1 -->"])
    output = render(result, "markdown")
    assert "*▶\\\\*" in output
    assert read_fields(output, "markdown") == ["▶\\", "*x*", "-", "# h", "<!-- a1 -->"]


def test_text_labels_are_told_from_text_that_looks_like_them() -> None:
    result = _one_article(headline=["=== a1 ==="], paragraphs=["(byline) x", "(caption)"])
    result.unassigned = [Unassigned(Role.OTHER, "=== unassigned ===", [2])]
    fields = ["=== a1 ===", "(byline) x", "(caption)", "=== unassigned ==="]
    assert read_fields(render(result, "text"), "text") == fields


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_reading_back_refuses_what_no_renderer_writes(fmt: str) -> None:
    bad = {"text": "a\tb\n", "markdown": "a*b\n"}[fmt]
    with pytest.raises(MarkupError):
        read_fields(bad, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_renderer_losing_a_character_is_caught(fmt: str) -> None:
    result = process_text(SEEDS[0].read_text(encoding="utf-8"))
    output = render(result, fmt)
    broken = output.replace("。", "", 1)  # one full stop lost on the way out
    with pytest.raises(AssertionError):
        assert_renders_its_fields(result, broken, fmt)
