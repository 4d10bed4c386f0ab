"""Word joins of Latin-script pages: one space between words whatever their letters, the
quotes and spaces of the page's language, and line-end hyphens removed only inside a word.

A printed line of a Latin-script column breaks at a space or after a hyphen, so the join
puts back one space, except next to opening and closing quotes and brackets and before
closing punctuation (with French's spaced « », ; : ! ?). Letters are told by their Unicode
category, never by ASCII tests: ``basée`` + ``à`` is two words like ``based`` + ``at``.

A line-end hyphen followed by a lowercase letter is either a soft one (the typesetter
split ``cré-dit``: removed, reported in ``dropped``) or part of the word (``long-awaited``:
kept). The evidence, strongest first (``hyphen_decision``): the page's own words (the
word seen whole, or seen hyphenated, in the middle of a line), the language's word list
(pyspellchecker), both halves being words of their own (a compound), and last the
language's hyphenation patterns (pyphen: may the word be split there at all?). An
uppercase letter or a digit after the hyphen always keeps it (``Jean-Luc``,
``UNO-Generalsekretär``, ``COVID-19``).
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .conventions import Conventions, Language
from .text import CJK_CLASS, CJK_JOINS, Joiner, join_separator

_CJK_RE = re.compile(CJK_CLASS)
# Line-end marks of a word split over two lines: the hyphen, the Unicode hyphen, the soft
# hyphen, and the not sign and double oblique hyphen of Fraktur-era OCR.
HYPHENS = "-\u2010\u00ad\u00ac\u2e17"
_SOFT_ONLY = "\u00ad"  # a soft hyphen shown at a line end is never part of the word
_DASHES = "\u2013\u2014"  # en and em dash: set between spaces as punctuation
_GLUE_AFTER = "/"  # a URL or "and/or" broken after the slash goes on with no space
_NO_SPACE_BEFORE = ".,;:!?…%)]}"  # closing punctuation sits against the word before
_WORD_RE = re.compile(r"[^\W\d_]+(?:[-\u2010][^\W\d_]+)*")  # words, compounds whole
_TAIL_LETTERS_RE = re.compile(r"[^\W\d_]+$")
_HEAD_LETTERS_RE = re.compile(r"^[^\W\d_]+")
_HYPHEN_NEXT_RE = re.compile(r"^[^\W\d_]+[-\u2010]\w")  # ready- / to-use


def page_joiner(conv: Conventions, texts: Iterable[str]) -> Joiner:
    """The joiner of one page: Chinese rules, or its Latin-script language's with the
    page's own vocabulary (``texts``: its lines in input order)."""
    lang = conv.language
    if not lang.latin:
        return CJK_JOINS
    return LatinJoins(lang, Vocabulary.of(texts), conv.words.min_word_part)


def language_joiner(conv: Conventions) -> Joiner:
    """A joiner without the page's vocabulary (joins after the re-flow)."""
    lang = conv.language
    return LatinJoins(lang, Vocabulary(), conv.words.min_word_part) if lang.latin else CJK_JOINS


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Words seen whole on the page, lowercased: single words (``whole``) and hyphenated
    pairs (``hyphenated``, "long-awaited" → "long-awaited"). Fragments at line ends (the
    halves of a word split over two lines) are left out: they are what is being decided."""

    whole: frozenset[str] = field(default_factory=frozenset)
    hyphenated: frozenset[str] = field(default_factory=frozenset)

    @staticmethod
    def of(texts: Iterable[str]) -> Vocabulary:
        whole: set[str] = set()
        hyphenated: set[str] = set()
        follows_hyphen = False
        for text in texts:
            line = text.strip()
            tokens = _WORD_RE.findall(line)
            if follows_hyphen and tokens and line.startswith(tokens[0]):
                tokens = tokens[1:]  # the second half of a split word
            ends_split = bool(line) and line[-1] in HYPHENS
            if ends_split and tokens and line[:-1].endswith(tokens[-1]):
                tokens = tokens[:-1]  # the first half
            for token in tokens:
                parts = re.split("[-\u2010]", token.lower())
                whole.update(parts if len(parts) > 1 else [parts[0]])
                hyphenated.update(f"{a}-{b}" for a, b in itertools.pairwise(parts))
            follows_hyphen = ends_split
        return Vocabulary(frozenset(whole), frozenset(hyphenated))


@dataclass(frozen=True, slots=True)
class LatinJoins:
    """The Joiner of a Latin-script page (see the module's docstring)."""

    lang: Language
    vocabulary: Vocabulary
    min_part: int  # Words.min_word_part

    def separator(self, left: str, right: str) -> str:
        return latin_separator(left, right, self.lang)

    def drops_hyphen(self, left: str, right: str) -> bool:
        return hyphen_decision(left, right, self.lang, self.vocabulary, self.min_part).drop


def latin_separator(left: str, right: str, lang: Language) -> str:
    """What goes between two pieces of a Latin-script paragraph split by a line break."""
    if not left or not right:
        return ""
    a, b = left[-1], right[0]
    if _CJK_RE.match(a) or _CJK_RE.match(b):
        return join_separator(left, right)  # a CJK quotation: Chinese rules
    if _opens(a, lang):
        return " " if a in lang.spaced_quotes else ""
    if _closes(b, lang):
        return " " if b in lang.spaced_quotes else ""
    if b in lang.space_before:
        return " "
    if b in _NO_SPACE_BEFORE or a in _GLUE_AFTER:
        return ""
    if a in HYPHENS and left[-2:-1].strip() and not _suspends(right, lang):
        return ""  # a hyphen kept at the line end: the compound goes on
    if a in _DASHES and left[-2:-1].isalnum():
        return ""  # a range or a dash set close: 1914–1918
    if lang.join_split_numbers and a.isdigit() and b.isdigit():
        return ""
    return " "


def _suspends(right: str, lang: Language) -> bool:
    """``right`` starts with a conjunction after a suspended hyphen: "Ein- und Ausgabe"."""
    first = right.split(maxsplit=1)[0] if right.strip() else ""
    return first in lang.suspended.split()


def _opens(ch: str, lang: Language) -> bool:
    """An opening quote or bracket: the language's, or by Unicode category."""
    if lang.opening or lang.closing:
        return ch in lang.opening
    return unicodedata.category(ch) in ("Ps", "Pi")


def _closes(ch: str, lang: Language) -> bool:
    if lang.opening or lang.closing:
        return ch in lang.closing
    return unicodedata.category(ch) in ("Pe", "Pf")


@dataclass(frozen=True, slots=True)
class HyphenDecision:
    """Whether a line-end hyphen goes (``drop``) and which evidence said so."""

    drop: bool
    reason: str


def hyphen_decision(
    left: str, right: str, lang: Language, vocab: Vocabulary, min_part: int
) -> HyphenDecision:
    """Is the hyphen ending ``left`` a soft one, to remove before ``right``? (``min_part``:
    Words.min_word_part.)"""
    if len(left) < 2 or left[-1] not in HYPHENS:
        return HyphenDecision(False, "no hyphen")
    if left[-1] in _SOFT_ONLY:
        return HyphenDecision(True, "soft hyphen")
    head = _TAIL_LETTERS_RE.search(left[:-1])
    tail = _HEAD_LETTERS_RE.match(right)
    if head is None or tail is None or not right[0].islower():
        return HyphenDecision(False, "no lowercase letter after the hyphen, or no letter before")
    if _suspends(right, lang):
        return HyphenDecision(False, "a suspended hyphen before a conjunction")
    if head.group().isupper() and len(head.group()) > 1:
        return HyphenDecision(False, "an abbreviation before the hyphen: a compound")
    first, second = head.group().lower(), tail.group().lower()
    joined = first + second
    if joined in vocab.whole:
        return HyphenDecision(True, "the page has the word whole")
    if f"{first}-{second}" in vocab.hyphenated:
        return HyphenDecision(False, "the page has the word hyphenated")
    if _HYPHEN_NEXT_RE.match(right):
        return HyphenDecision(False, "the word after goes on with a hyphen: a compound")
    words = word_list(lang.word_list)
    if not words and not lang.hyphenation:
        return HyphenDecision(left[-2].islower(), "between lowercase letters")
    if f"{first}-{second}" in words:
        return HyphenDecision(False, "the language's word list has the word hyphenated")
    if joined in words:
        return HyphenDecision(True, "a word of the language's word list")
    if _starts_with_word(first, second, words, min_part):
        return HyphenDecision(True, "a word of the word list starts the join (text glued after)")
    if _compound(first, second, words, vocab, lang, min_part):
        return HyphenDecision(False, "a compound of two words")
    if words and not lang.closed_compounds:
        return HyphenDecision(False, "no word of the language's word list")
    if _may_split(joined, len(first), lang.hyphenation):
        return HyphenDecision(True, "the hyphenation patterns split the word there")
    return HyphenDecision(False, "the hyphenation patterns never split the word there")


def _starts_with_word(first: str, second: str, words: frozenset[str], min_part: int) -> bool:
    """A word of the list is ``first`` and the start of ``second``: the extractor glued
    the next words on (``spé-`` + ``cialisteavecla…``: spécialiste). At least
    ``min_part`` letters of ``second`` count: ``prep`` must not decide ``pre-production``."""
    if len(second) <= min_part:
        return False
    return any(first + second[:k] in words for k in range(len(second) - 1, min_part - 1, -1))


def _compound(
    first: str,
    second: str,
    words: frozenset[str],
    vocab: Vocabulary,
    lang: Language,
    min_part: int,
) -> bool:
    """Both halves are words (``long`` + ``awaited``): a hyphenated compound. A language
    that writes compounds closed (German: ``Finanz`` + ``probleme``) hyphenates only after
    a word the page writes alone too (a name: ``Debian``-``sanktionierten``)."""
    if len(first) < min_part or len(second) < min_part:
        return False  # short halves are syllables as often as words (ab-, -te, -ou)
    if lang.closed_compounds:
        return first in vocab.whole and (second in words or second in vocab.whole)
    return all(half in words or half in vocab.whole for half in (first, second))


def _may_split(word: str, at: int, dictionary: str) -> bool:
    if not dictionary:
        return False
    return at in hyphenation_points(dictionary, word)


@functools.lru_cache(maxsize=4096)
def hyphenation_points(dictionary: str, word: str) -> frozenset[int]:
    """Where pyphen's patterns for ``dictionary`` allow ``word`` to be hyphenated."""
    return frozenset(int(p) for p in _pyphen(dictionary).positions(word))


@functools.lru_cache(maxsize=8)
def _pyphen(dictionary: str) -> Any:
    import pyphen  # loaded for Latin-script pages only

    return pyphen.Pyphen(lang=dictionary)


@functools.lru_cache(maxsize=8)
def word_list(language: str) -> frozenset[str]:
    """The language's words, lowercased (pyspellchecker's frequency lists: loaded once,
    about a second each; none for an empty name)."""
    if not language:
        return frozenset()
    from spellchecker import SpellChecker  # loaded for Latin-script pages only

    checker = SpellChecker(language=language, distance=1)
    return frozenset(word.lower() for word in checker.word_frequency)
