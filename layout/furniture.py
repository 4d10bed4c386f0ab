"""Page furniture of Latin-script pages: running heads and footers (the paper's name, the
date, the page), folios and letter-spaced section rubrics. They belong to the page, not to
an article: the pipeline takes their lines out before the re-flow and reports them as
unassigned blocks (role ``other``), so nothing is lost and no article holds them.

A line is furniture when it is
- a date with its weekday, or a page number alone ("Page 2", "Seite 10"; "Suite page 4"
  is a jump and "Page 2 news" a headline, no furniture), on a line of at most
  ``furniture.max_head_words`` words that ends no sentence (a running head: "Le Journal du Soir
  vendredi 23 janvier 1998 Page 2 Culture");
- a number of one to three digits alone (a folio);
- letters set apart by spaces ("F A I T S D I V E R S"): a section rubric.
The weekday, month and page words are the language's (conventions.LANGUAGES).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .conventions import Conventions, Furniture, Language
from .model import Line

_FOLIO_RE = re.compile(r"^\d{1,3}$")
# Single characters (letters, &) set apart by spaces (how many: Conventions.furniture).
_LETTER_SPACED_RE = re.compile(r"^(?:\S )+\S$")
_SENTENCE_END = ".!?:;,"


@dataclass(frozen=True, slots=True)
class FurnitureRules:
    """The language's running-head expressions, compiled once per page, and the
    conventions' counts."""

    dated: re.Pattern[str]
    paged: re.Pattern[str]
    counts: Furniture

    @staticmethod
    def of(lang: Language, counts: Furniture) -> FurnitureRules | None:
        if not (lang.weekdays and lang.months and lang.page_words):
            return None
        days, months = _alternatives(lang.weekdays), _alternatives(lang.months)
        # "vendredi 23 janvier 1998", "Montag 26. Januar 1998", "Monday, March 2, 1998"
        day_month = rf"\d{{1,2}}\.?\s+(?:{months})|(?:{months})\s+\d{{1,2}},?"
        date = rf"\b(?:{days}),?\s+(?:{day_month})\s+\d{{4}}\b"
        page = rf"^(?:{_alternatives(lang.page_words)})\s+\d{{1,3}}$"
        return FurnitureRules(re.compile(date, re.I), re.compile(page, re.I), counts)


def _alternatives(words: str) -> str:
    return "|".join(re.escape(w) for w in words.split())


def split_furniture(lines: list[Line], conv: Conventions) -> tuple[list[Line], list[Line]]:
    """(the lines of the articles, the furniture lines) of a Latin-script page; a Chinese
    page or a language without rules keeps every line."""
    lang = conv.language
    rules = FurnitureRules.of(lang, conv.furniture) if lang.latin else None
    if rules is None:
        return lines, []
    kept: list[Line] = []
    furniture: list[Line] = []
    for line in lines:
        (furniture if is_furniture(line.text, rules) else kept).append(line)
    return kept, furniture


def is_furniture(text: str, rules: FurnitureRules) -> bool:
    line = text.strip()
    if not line:
        return False
    if _FOLIO_RE.match(line) or is_letter_spaced(line, rules.counts):
        return True
    words = line.split()
    if len(words) > rules.counts.max_head_words or line[-1] in _SENTENCE_END:
        return False
    return bool(rules.dated.search(line) or rules.paged.search(line))


def is_letter_spaced(line: str, counts: Furniture) -> bool:
    """Letters set apart by spaces: "C O N S O & C O N S O R T S" (every token is one
    character: the expression allows nothing else)."""
    if not _LETTER_SPACED_RE.match(line):
        return False
    return len(line.split(" ")) >= counts.letter_spaced_min
