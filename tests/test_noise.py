"""What an OCR engine read on a picture is noise; words, names and CJK text with symbols
are not (layout/assemble/noise.py). The rows are of the kinds seen on a library's ALTO
(noise on a photo's grain) and on the realistic PDF pages (names run together, CJK text
with ``+``, ``×``, ``●``, full-width digits), which an earlier form of the rule took for
noise."""

from __future__ import annotations

import pytest

from layout.assemble.noise import case_shaped, mostly_unworded

SHARE = 0.5  # Assembly.noise_word_share


@pytest.mark.parametrize(
    "row",
    ["****** W?* -y^P-", "ifiiilÜ", "Ad&ÄiL T", "WBW, .MB&i&mWBk", "StA**", "| =", "¦"],
)
def test_what_an_engine_reads_on_a_picture_is_noise(row: str) -> None:
    assert mostly_unworded(row, SHARE)


@pytest.mark.parametrize(
    "row",
    [
        "DebCamp and the DebianDay.",  # names run together
        "PowerPC and ARM",
        "CD-ROMs.",
        "XFree86, etc.)",
        "«UNO-Generalsekretär», V.l.n.r.:",
        "的“1+3+1”现代产业体系，大力招",  # CJK with symbols between digits
        "以‘5G×X’为中长期发",
        "特点：●产销",
        "∶２．７５。三是在连续两年",
        "件及WeB浏览器软件，但首先",
        "▶ 丰淑秀 鞠慧亮 夏树刚",
        "— 16 —",
    ],
)
def test_words_names_and_cjk_text_with_symbols_are_not_noise(row: str) -> None:
    assert not mostly_unworded(row, SHARE)


def test_a_row_of_punctuation_alone_is_not_noise() -> None:
    """Nothing to judge: a rule of dashes or a row of dots stays where it stands."""
    assert not mostly_unworded("——— …", SHARE)


@pytest.mark.parametrize(
    ("part", "shaped"),
    [
        ("word", True),
        ("WORD", True),
        ("Word", True),
        ("McDonald", True),
        ("ROMs", True),
        ("wOrd", False),
        ("StA", False),
        ("mWBk", False),
    ],
)
def test_a_part_is_cased_as_words_are(part: str, shaped: bool) -> None:
    assert case_shaped(part) is shaped
