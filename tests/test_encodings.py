"""Stage 0: which bytes are text, and in which encoding."""

from __future__ import annotations

import contextlib
import random
import subprocess
import sys
from pathlib import Path

import pytest

from layout.errors import InputError
from layout.read import decode, split_lines

from .conftest import SEEDS

# Short Chinese lines that charset-normalizer alone takes for Korean (cp949).
SHORT_GB18030_LINES = ["本报讯 近日", "北京市召开会议", "经济日报", "今日天气晴"]


@pytest.mark.parametrize("line", SHORT_GB18030_LINES)
def test_short_gb18030_line_is_not_decoded_as_korean(line: str) -> None:
    assert decode(line.encode("gb18030"), "x") == line


def test_gbk_and_gb2312_bytes_decode_as_gb18030() -> None:
    line = "新华社北京电 记者王小明"
    assert decode(line.encode("gbk"), "x") == line
    assert decode(line.encode("gb2312"), "x") == line


def test_seed_pages_in_gb18030_decode_to_the_same_text() -> None:
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        assert decode(text.encode("gb18030"), path.name) == text


def test_random_short_byte_strings_are_refused() -> None:
    """20 random 16-byte strings: 9 used to be accepted as text (UTF-16 without a byte
    order mark, Shift-JIS, cp1250…)."""
    rng = random.Random(20)
    samples = [bytes(rng.randrange(256) for _ in range(16)) for _ in range(20)]
    accepted = []
    for data in samples:
        with contextlib.suppress(InputError):
            accepted.append((data, decode(data, "random")))
    assert accepted == []


@pytest.mark.parametrize("control", ["\v", "\f"])
def test_lone_vertical_tab_or_form_feed_is_not_binary(control: str) -> None:
    text = f"第一行{control}第二行\n"
    assert decode(text.encode("utf-8"), "x") == text
    assert decode(text.encode("gb18030"), "x") == text
    assert [ln.text for ln in split_lines(text)] == ["第一行", "第二行"]


def test_control_characters_in_a_text_are_binary() -> None:
    with pytest.raises(InputError, match="binary"):
        decode("正文\x1b\x02\x03\x04 结束".encode(), "x")


def test_private_use_characters_are_not_text() -> None:
    with pytest.raises(InputError, match="binary"):
        decode("".join(chr(0xE000 + i) for i in range(40)).encode(), "x")


def test_latin_text_in_a_legacy_code_page_is_read() -> None:
    line = "Die Straße wurde gestern für Fußgänger geöffnet."
    assert decode(line.encode("latin-1"), "x") == line


def test_random_bytes_file_gets_one_line_and_exit_1(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(random.Random(5).randrange(1, 256) for _ in range(64)))
    proc = subprocess.run(
        [sys.executable, "-m", "layout", str(path)], capture_output=True, timeout=60
    )
    assert proc.returncode == 1 and proc.stdout == b""
    (line,) = proc.stderr.decode().splitlines()
    assert "noise.txt" in line
