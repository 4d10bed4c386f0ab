"""Which language a page is in, from its own text (``words.language`` = "auto").

Chinese when CJK characters make a good share of the letters; otherwise the Latin-script
language whose common words (articles, prepositions, auxiliaries) the page uses most.
Counting a few dozen function words is enough for a newspaper page of hundreds of words,
needs no model, and stays explainable: ``--explain`` shows the counts.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

import numpy as np

from .conventions import LANGUAGES, Conventions, Words
from .text import HAN_CLASS, HAN_RANGES

_LETTER = r"[^\W\d_]"
# Runs of letters, whatever the script, but for the runs that start with a CJK character:
# the first letter of a whole run (no letter before it) that is not CJK, then the run.
_WORD_RE = re.compile(rf"(?<!{_LETTER})(?!{HAN_CLASS}){_LETTER}+")


def resolve_language(conv: Conventions, texts: Iterable[str]) -> Conventions:
    """``conv`` with its page language decided: kept when forced, recognised when "auto"."""
    if conv.words.language != "auto":
        return conv
    return conv.for_language(detect_language(texts, conv.words))


def detect_language(texts: Iterable[str], rules: Words) -> str:
    """The code (a key of LANGUAGES) of the language the texts are written in."""
    text = "\n".join(texts)
    han = han_count(text)
    words = [w.lower() for w in _WORD_RE.findall(text)]
    letters = sum(len(w) for w in words)
    if han and han >= rules.cjk_share * (han + letters):
        return "zh"
    if not words:
        return "zh"  # no letters at all: nothing to join with spaces either
    counts = common_word_counts(words)
    ranked = counts.most_common()
    if not ranked or ranked[0][1] < rules.min_common_words:
        return "und"
    best, hits = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    return best if hits >= rules.min_margin * runner_up else "und"


def han_count(text: str) -> int:
    """How many characters of the text are CJK (``text.HAN_CLASS``), counted on the
    array of its code points: no Python object per character."""
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return sum(int(np.count_nonzero((points >= lo) & (points <= hi))) for lo, hi in HAN_RANGES)


def common_word_counts(words: Iterable[str]) -> Counter[str]:
    """How many of the words are common words of each Latin-script language."""
    vocab = {
        code: frozenset(lang.common_words.split())
        for code, lang in LANGUAGES.items()
        if lang.common_words
    }
    counts: Counter[str] = Counter()
    for word in words:
        for code, common in vocab.items():
            if word in common:
                counts[code] += 1
    return counts


# Tesseract's language codes of the page languages (``--lang`` takes either).
TESSERACT_CODES = {"zh": "chi_sim", "en": "eng", "fr": "fra", "de": "deu"}
_FROM_TESSERACT = {v: k for k, v in TESSERACT_CODES.items()} | {"chi_tra": "zh"}
DEFAULT_OCR_LANGUAGES = "chi_sim+eng"


def text_language(spec: str | None) -> str:
    """The page language a ``--lang`` value forces: the language of its first part ("fr",
    "fra", "fra+eng" → fr; "chi_sim+eng" → zh), or "auto" (recognised from the text) when
    none is given or the first part is a Tesseract language relayout has no rules for
    (ita): Tesseract still reads it, or names the package that brings it."""
    if not spec:
        return "auto"
    first = spec.split("+")[0]
    return first if first in LANGUAGES else _FROM_TESSERACT.get(first, "auto")


def ocr_languages(spec: str | None) -> str:
    """Tesseract's languages for a ``--lang`` value: short codes become Tesseract's
    (fr → fra); none given (or auto) reads Chinese and English, the default pages."""
    if not spec or spec == "auto":
        return DEFAULT_OCR_LANGUAGES
    return "+".join(TESSERACT_CODES.get(part, part) for part in spec.split("+"))
