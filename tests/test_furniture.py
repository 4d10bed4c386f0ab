"""Page furniture of Latin-script pages (layout/furniture.py): running heads, folios and
letter-spaced rubrics leave the articles and are reported as unassigned blocks."""

from __future__ import annotations

import pytest

from layout.conventions import CHINESE, LANGUAGES
from layout.furniture import FurnitureRules, is_furniture, is_letter_spaced
from layout.pipeline import process_text

_RULES = {
    code: FurnitureRules.of(LANGUAGES[code], CHINESE.furniture) for code in ("en", "fr", "de")
}


@pytest.mark.parametrize(
    ("code", "line", "furniture"),
    [
        ("fr", "Le Journal du Soir vendredi 23 janvier 1998 Page 2 Culture", True),
        ("fr", "Hebdo satirique vendredi 18 décembre 2015", True),
        ("de", "Abendblatt Montag 26. Januar 1998 Seite 10 Kultur", True),
        ("de", "Seite 3", True),
        ("en", "The Evening Post Monday, March 2, 1998", True),
        ("en", "The Evening Post Monday 2 March 1998 Page 4", True),
        ("en", "14", True),
        ("fr", "F A I T S D I V E R S", True),
        ("fr", "C O N S O & C O N S O R T S", True),
        # Not furniture: jump lines, body lines holding a date, a sentence.
        ("fr", "Suite page 4", False),
        ("de", "Fortsetzung Seite 16", False),
        ("en", "Page 2 news", False),  # a headline that starts with the page word
        ("fr", "le 14 février 2009 avec une", False),
        ("en", "He left on Friday 18 December 2015.", False),
        ("en", "Debian 5.0 was released", False),
        ("en", "a b c", False),
    ],
)
def test_running_heads_folios_and_rubrics_are_furniture(
    code: str, line: str, furniture: bool
) -> None:
    rules = _RULES[code]
    assert rules is not None
    assert is_furniture(line, rules) is furniture


def test_letter_spacing_needs_mostly_single_letters() -> None:
    assert is_letter_spaced("F A I T S D I V E R S", CHINESE.furniture)
    assert not is_letter_spaced("A la une de la presse", CHINESE.furniture)


def test_furniture_is_reported_out_of_the_articles() -> None:
    text = (
        "Le Journal du Soir vendredi 23 janvier 1998 Page 2 Culture\n"
        "F A I T S D I V E R S\n"
        "Le conseil municipal a voté le budget de la ville pour les deux années à venir.\n"
        "Il a été adopté par une large majorité des élus présents dans la salle.\n"
        "2\n"
    )
    result = process_text(text)
    in_articles = " ".join(p.text for a in result.articles for p in a.paragraphs)
    assert "Journal" not in in_articles and "F A I T S" not in in_articles
    assert [(u.role.value, u.lines) for u in result.unassigned] == [
        ("other", [1]),
        ("other", [2]),
        ("other", [5]),
    ]


def test_chinese_pages_keep_their_lines() -> None:
    """No furniture rules for Chinese yet: a lone number stays where it was."""
    result = process_text("本报讯 今天上午举行会议。\n2\n")
    assert not result.unassigned
    assert CHINESE.language.code == "zh"
