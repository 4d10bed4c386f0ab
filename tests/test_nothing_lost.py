"""Every non-whitespace input character appears exactly once in every output format,
unless relayout reports it as dropped (soft hyphens)."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from layout import process_text, render
from layout.export import json_text_fields, strip_markup
from layout.model import PageResult

from .conftest import SEEDS, chars

FORMATS = ("text", "markdown", "json")


def output_chars(result: PageResult, fmt: str) -> Counter[str]:
    return chars(strip_markup(render(result, fmt), fmt)) + (
        Counter() if fmt == "json" else Counter(result.dropped)
    )


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
@pytest.mark.parametrize("fmt", FORMATS)
def test_seed_pages_lose_and_add_nothing(path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    text = path.read_text(encoding="utf-8")
    result = process_text(text, path.name)
    assert output_chars(result, fmt) == chars(text)


def test_regression_indented_line_starting_beyond_the_bmp() -> None:
    """Found by hypothesis: a line whose first visible character lies beyond the Basic
    Multilingual Plane (here U+10000) after an indent crashed the line measurements."""
    text = "\t\U00010000"
    assert output_chars(process_text(text), "json") == chars(text)


def test_json_text_fields_hold_every_character_once() -> None:
    text = SEEDS[0].read_text(encoding="utf-8")
    data = json.loads(render(process_text(text), "json"))
    assert chars("".join(json_text_fields(data) + data["dropped"])) == chars(text)


# Generated pages: CJK text, punctuation, digits, Latin words, the markers the
# pipeline reacts to (本报讯, ▶, 图片来源：, names), spaces and blank lines.
_PIECES = st.sampled_from(
    [
        "高新区",
        "企业",
        "项目",
        "发展",
        "，",
        "。",
        "、",
        "“",
        "”",
        "（",
        "）",
        "：",
        "！",
        "2020",
        "年",
        "40.7%",
        "5G",
        " ",
        "  ",
        "Industry",
        " 4.0",
        "news-",
        "paper",
        "-",
        "本报讯",
        "▶ ",
        "图片来源：",
        " 张三 李四",
        "——",
        "《",
        "》",
        "*",
        "#",
        "_",
        ">",
        "(caption) ",
        "=== a1 ===",
        "\t",
        "\u3000",
        "⽇",
    ]
)
_LINE = st.lists(_PIECES, min_size=0, max_size=14).map("".join)
_PAGE = st.lists(_LINE, min_size=0, max_size=40).map("\n".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_PAGE)
def test_generated_pages_lose_and_add_nothing(text: str) -> None:
    result = process_text(text)
    for fmt in FORMATS:
        assert output_chars(result, fmt) == chars(text), fmt


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_arbitrary_unicode_loses_and_adds_nothing(text: str) -> None:
    result = process_text(text)
    for fmt in FORMATS:
        assert output_chars(result, fmt) == chars(text), fmt
