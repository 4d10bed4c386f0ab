"""Where the topic changes inside a run of paragraphs: article boundaries the text does not mark.

Two articles set one after the other with no opening (本报讯), no closing names and
their headlines moved elsewhere leave one sign only: the words change. Paragraphs of
one article share names (the place, the company, the people) that the next article
does not use. The cohesion across a paragraph break is the weighted share of
character trigrams found on both sides (each side: paragraphs up to
``Topics.window_chars``), a trigram weighing more the fewer paragraphs of the
page hold it (on a Latin-script page: the share of words, ``evidence.WordTerms``,
as every paragraph of Latin text shares its trigrams). The pipeline only asks for such
a boundary while headlines are left without an article: each of them is a sign that an
article is hiding in another.
"""

from __future__ import annotations

import itertools
import math
import operator
from collections import Counter
from collections.abc import Iterable

from .conventions import Topics
from .evidence import TermCache, WordTerms, normalise
from .model import Block, Role
from .segment import Draft


def trigrams(text: str) -> set[str]:
    return set(map(operator.add, map(operator.add, text, text[1:]), text[2:]))


def weakest_breaks(
    drafts: list[Draft],
    wanted: int,
    taken: set[tuple[int, int]],
    rules: Topics,
    terms: TermCache | None = None,
    words_max_cohesion: float | None = None,
) -> list[tuple[int, int]]:
    """Up to ``wanted`` paragraph breaks with the least cohesion on the page, as
    (draft, block index), leaving out those in ``taken`` and any that hold together
    better than ``rules.max_cohesion`` (``words_max_cohesion``, when given, on a page
    whose words are compared). ``terms``: the page's (its words on a Latin-script page;
    character trigrams otherwise)."""
    if wanted <= 0:
        return []
    paragraphs = [b for d in drafts for b in d.blocks if b.role is Role.BODY]
    grams = {id(b): _grams(b.text, terms) for b in paragraphs}
    weight = _weights(list(grams.values()), rules.common_share)
    by_words = terms is not None and terms.words is not None
    most = rules.max_cohesion
    if by_words and words_max_cohesion is not None:
        most = words_max_cohesion
    found: list[tuple[float, int, int]] = []
    for d, draft in enumerate(drafts):
        for k in candidate_breaks(draft.blocks):
            if (d, k) in taken:
                continue
            cohesion = _cohesion_across(draft.blocks, k, grams, weight, rules.window_chars)
            if cohesion < most:
                found.append((cohesion, d, k))
    found.sort()
    return [(d, k) for _, d, k in found[:wanted]]


def break_cohesions(
    blocks: list[Block], breaks: list[int], words: WordTerms, rules: Topics
) -> list[float]:
    """The cohesion of a run of paragraphs across each of the given breaks (block
    indices), compared by words (a Latin-script page): 0 when the two sides share no
    word that counts, 1 when they hold the same ones."""
    paragraphs = [b for b in blocks if b.role is Role.BODY]
    grams = {id(b): words.terms(b.text) for b in paragraphs}
    weight = _weights(list(grams.values()), rules.common_share)
    return [_cohesion_across(blocks, k, grams, weight, rules.window_chars) for k in breaks]


def _cohesion_across(
    blocks: list[Block], k: int, grams: dict[int, set[str]], weight: dict[str, float], window: int
) -> float:
    """The cohesion of the paragraphs within ``window`` characters on each side of the
    break before ``blocks[k]``."""
    before = _side(reversed(blocks[:k]), grams, window)
    after = _side(blocks[k:], grams, window)
    return _cohesion(before, after, weight)


def _grams(text: str, terms: TermCache | None) -> set[str]:
    if terms is None or terms.words is None:
        return trigrams(normalise(text))
    return terms.words.terms(text)


# The role rule of a jump line kept in its article's text (segment.py, Latin pages): the
# break before it never starts an article (its words, page numbers, share nothing).
JUMP_RULE = "jump-mark"


def candidate_breaks(blocks: list[Block], openers: tuple[Role, ...] = (Role.BODY,)) -> list[int]:
    """Breaks after a complete paragraph before a block of one of the ``openers`` roles
    (a paragraph; and a heading where an article's first line may have been read as a
    subhead) that is no jump line."""
    return [
        k
        for k in range(1, len(blocks))
        if blocks[k].role in openers
        and blocks[k - 1].role is Role.BODY
        and not blocks[k - 1].continues
        and blocks[k].role_rule != JUMP_RULE
    ]


def _weights(sets: list[set[str]], common_share: float) -> dict[str, float]:
    """log(n / df) for trigrams in at least two paragraphs (others cannot be shared)
    and in at most half of them (the page's common words say nothing)."""
    n = len(sets)
    df: Counter[str] = Counter()
    for s in sets:
        df.update(s)
    top = max(2, n * common_share)
    return {t: math.log(n / c) for t, c in df.items() if 2 <= c <= top}


def _side(blocks: Iterable[Block], grams: dict[int, set[str]], window: int) -> set[str]:
    out: set[str] = set()
    size = 0
    for block in blocks:
        if block.role is not Role.BODY:
            continue
        out |= grams[id(block)]
        size += len(block.text)
        if size >= window:
            break
    return out


def _cohesion(before: set[str], after: set[str], weight: dict[str, float]) -> float:
    wb = _weight_of(before, weight)
    wa = _weight_of(after, weight)
    if wb <= 0 or wa <= 0:
        return 1.0  # nothing to compare: no evidence of a change
    shared = _weight_of(before & after, weight)
    return shared / math.sqrt(wb * wa)


def _weight_of(grams: set[str], weight: dict[str, float]) -> float:
    """The summed weight of the trigrams, in the set's order (a map, not a generator:
    this sum runs over every trigram at every paragraph break tried)."""
    return sum(map(weight.get, grams, itertools.repeat(0.0)))
