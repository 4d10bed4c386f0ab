"""Word joins, de-hyphenation and language choice of Latin-script pages (layout/words.py,
layout/language.py), on hand-made lines in English, French and German: each expected
text was written by reading the lines as a person would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from layout.conventions import CHINESE, LANGUAGES, Words
from layout.language import detect_language, ocr_languages, resolve_language, text_language
from layout.options import Options
from layout.pipeline import process_text
from layout.text import join_lines
from layout.words import LatinJoins, Vocabulary, hyphen_decision

FR, DE, EN = LANGUAGES["fr"], LANGUAGES["de"], LANGUAGES["en"]


def _join(lang_code: str, lines: list[str]) -> tuple[str, list[str]]:
    lang = LANGUAGES[lang_code]
    return join_lines(lines, LatinJoins(lang, Vocabulary.of(lines), CHINESE.words.min_word_part))


# --- one space between words, whatever the letters -----------------------------------


@pytest.mark.parametrize(
    ("lang", "lines", "expected"),
    [
        ("fr", ["Bob Finance, basée", "à Zurich."], "Bob Finance, basée à Zurich."),
        ("fr", ["Une", "étude récente"], "Une étude récente"),
        ("fr", ["il a parlé de", "«foutaises»."], "il a parlé de «foutaises»."),
        ("fr", ["«Tu ne paies qu’un franc…»", "dit Bob."], "«Tu ne paies qu’un franc…» dit Bob."),
        ("fr", ["des « petits", "crédits » pour"], "des « petits crédits » pour"),
        ("fr", ["ce qu’il dit", "« prêts »"], "ce qu’il dit « prêts »"),
        ("fr", ["les paquets incluaient", ": le noyau"], "les paquets incluaient : le noyau"),
        ("fr", ["C’est trop cool", "! Et après"], "C’est trop cool ! Et après"),
        ("de", ["Der Ausschuß tagte in", "Zürich, über"], "Der Ausschuß tagte in Zürich, über"),
        ("de", ["er sagte »Ja«", "und ging"], "er sagte »Ja« und ging"),
        ("de", ["er sagte", "»Ja« und"], "er sagte »Ja« und"),
        ("de", ["„Nein“", "sagte sie"], "„Nein“ sagte sie"),
        (
            "en",
            ["the committee", "(which met", "today) said"],
            "the committee (which met today) said",
        ),
        ("en", ["he said “no", "way” and left"], "he said “no way” and left"),
        ("en", ["online", "- due to the"], "online - due to the"),
        ("en", ["online -", "due to the"], "online - due to the"),
        ("en", ["from 1914–", "1918 and"], "from 1914–1918 and"),
        ("en", ["see https://", "example.org now"], "see https://example.org now"),
        ("en", ["maintained by 1", "010 developers"], "maintained by 1 010 developers"),
        ("en", ["Ωmega and", "Ärger"], "Ωmega and Ärger"),
    ],
)
def test_joins_keep_one_space_between_words(lang: str, lines: list[str], expected: str) -> None:
    assert _join(lang, lines) == (expected, [])


def test_chinese_joins_are_unchanged() -> None:
    """Nothing between CJK characters, numbers split over two lines join (Chinese rules)."""
    assert join_lines(["我们在", "北京见面，共6", "500人"]) == ("我们在北京见面，共6500人", [])


# --- de-hyphenation ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "lines", "expected", "dropped"),
    [
        ("fr", ["la loi sur le cré-", "dit à la"], "la loi sur le crédit à la", ["-"]),
        ("fr", ["c’est incompré-", "hensible"], "c’est incompréhensible", ["-"]),
        ("fr", ["l’en-", "treprise Coop"], "l’entreprise Coop", ["-"]),
        ("fr", ["Jean-", "Luc Wenger"], "Jean-Luc Wenger", []),
        ("fr", ["une plate-", "forme web"], "une plate-forme web", []),
        ("de", ["Mansur er-", "folgte ihm"], "Mansur erfolgte ihm", ["-"]),
        ("de", ["der UNO-", "Generalsekretär"], "der UNO-Generalsekretär", []),
        ("de", ["das LZMA-", "komprimierte Format"], "das LZMA-komprimierte Format", []),
        ("de", ["die Ein-", "und Ausgabe"], "die Ein- und Ausgabe", []),
        ("de", ["die Bundes-", "regierung tagt"], "die Bundesregierung tagt", ["-"]),
        ("en", ["a long-", "awaited release"], "a long-awaited release", []),
        ("en", ["ready-", "to-use packages"], "ready-to-use packages", []),
        ("en", ["the infor-", "mation age"], "the information age", ["-"]),
        ("en", ["COVID-", "19 spread"], "COVID-19 spread", []),
        ("en", ["pre- and", "post-war"], "pre- and post-war", []),
        ("en", ["the soft\u00ad", "ware"], "the software", ["\u00ad"]),
    ],
)
def test_line_end_hyphens_go_only_inside_a_word(
    lang: str, lines: list[str], expected: str, dropped: list[str]
) -> None:
    assert _join(lang, lines) == (expected, dropped)


def test_the_page_vocabulary_decides_before_the_dictionaries() -> None:
    """A word the page writes whole elsewhere is joined, one it writes hyphenated keeps
    its hyphen, whatever the word lists say."""
    whole = Vocabulary.of(["the foobarware runs", "on foo-", "barware"])
    assert hyphen_decision("on foo-", "barware", EN, whole, CHINESE.words.min_word_part).drop
    hyphenated = Vocabulary.of(["this infor-mation desk", "the infor-", "mation desk"])
    assert not hyphen_decision(
        "the infor-", "mation desk", EN, hyphenated, CHINESE.words.min_word_part
    ).drop


def test_line_end_fragments_are_not_page_vocabulary() -> None:
    vocab = Vocabulary.of(["le cré-", "dit est là"])
    assert "cré" not in vocab.whole and "dit" not in vocab.whole
    assert {"est", "là", "le"} <= vocab.whole


def test_every_removed_hyphen_is_reported_by_the_pipeline() -> None:
    text = (
        "Le projet de loi sur le petit cré-\n"
        "dit a été présenté par la commission et il est incompré-\n"
        "hensible pour les clients de la banque qui ont été surpris.\n"
    )
    result = process_text(text)
    body = result.articles[0].paragraphs[0].text
    assert "crédit" in body and "incompréhensible" in body
    assert result.dropped == ["-", "-"]


# --- language choice -----------------------------------------------------------------

_FR = "Le chat est sur la table et il dort dans une maison de la ville pour les enfants."
_DE = "Der Hund ist nicht im Haus und die Katze sitzt auf dem Dach mit einer Maus."
_EN = "The dog is in the house and the cat was on the roof with a mouse of his."


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (_FR, "fr"),
        (_DE, "de"),
        (_EN, "en"),
        ("我们在北京见面，讨论了 Debian 和 Linux 的发展。" * 3, "zh"),
        ("Debian Linux Release Notes", "und"),
        ("", "zh"),
    ],
)
def test_the_language_is_recognised_from_the_text(text: str, code: str) -> None:
    assert detect_language([text], Words()) == code


def test_forced_language_is_kept() -> None:
    forced = CHINESE.for_language("de")
    assert resolve_language(forced, [_FR]).words.language == "de"
    assert resolve_language(CHINESE, [_FR]).words.language == "fr"


def test_min_common_words_decides_a_short_text() -> None:
    text = ["Le chat et la souris du voisin."]  # four French common words: le et la du
    assert detect_language(text, Words(min_common_words=4)) == "fr"
    assert detect_language(text, Words(min_common_words=5)) == "und"


def test_min_margin_keeps_a_mixed_text_undecided() -> None:
    mixed = [_FR, _EN]
    assert detect_language(mixed, Words(min_margin=1.0)) in ("fr", "en")
    assert detect_language(mixed, Words(min_margin=1.5)) == "und"


def test_cjk_share_decides_a_mixed_page() -> None:
    text = ["北京上海 " + _EN]
    assert detect_language(text, Words(cjk_share=0.05)) == "zh"
    assert detect_language(text, Words(cjk_share=0.3)) == "en"


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match=r"words\.language 'xx'"):
        CHINESE.override({"words.language": "xx"})


def test_the_page_language_reaches_the_joins() -> None:
    """The same lines join as French (« spaced ») or as German (»…« closing the quote)."""
    text = "Il a dit à tous ceux qui étaient là »\nnon« et il est parti de la maison.\n"
    french = process_text(text, options=Options(conventions=CHINESE.for_language("fr")))
    german = process_text(text, options=Options(conventions=CHINESE.for_language("de")))
    assert "là » non« et" in french.articles[0].paragraphs[0].text
    assert "là »non« et" in german.articles[0].paragraphs[0].text


@pytest.mark.parametrize(
    ("spec", "text", "ocr"),
    [
        (None, "auto", "chi_sim+eng"),
        ("fr", "fr", "fra"),
        ("deu+eng", "de", "deu+eng"),
        ("chi_sim+eng", "zh", "chi_sim+eng"),
        ("ita", "auto", "ita"),
    ],
)
def test_lang_option_sets_the_text_rules_and_the_ocr(spec: str | None, text: str, ocr: str) -> None:
    assert (text_language(spec), ocr_languages(spec)) == (text, ocr)


def test_lang_option_forces_the_language_on_the_command_line(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("Il a dit à tous ceux qui étaient là »\nnon« et il est parti.\n", "utf-8")
    french = subprocess.run(
        [sys.executable, "-m", "layout", str(page), "--lang", "fr"], capture_output=True, text=True
    )
    german = subprocess.run(
        [sys.executable, "-m", "layout", str(page), "--lang", "deu"], capture_output=True, text=True
    )
    assert "là » non«" in french.stdout and "là »non«" in german.stdout
