"""Evidence that a piece of text (a headline, a caption) belongs to an article.

Terms are character n-grams of the CJK text and number-with-unit tokens
(40.7%, 166亿元, 14个). Each term is weighted by how rare it is across the
page's articles (inverse document frequency): "高新区" on every article of a
page proves nothing, a place or company name found in one article proves a lot.
"""

from __future__ import annotations

import re

import numpy as np

from . import rules
from .text import fold, remove_justification_spaces

_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?(?:[%％]|[\u4e00-\u9fff]{1,2})?")
_PUNCT_SPLIT_RE = re.compile(r"[^\w%％.]+", re.UNICODE)
# Longer terms are first looked up by their prefix of this length (cached: the headline
# stacks ask about the same n-grams again and again).
_PREFIX_LEN = 2


def normalise(text: str) -> str:
    """The comparison form of a text: look-alike code points folded, no whitespace but
    one space between Latin words (so terms and shared runs stay inside words)."""
    return remove_justification_spaces(fold(text)).replace("\n", "")


def terms(text: str) -> set[str]:
    """The n-grams (inside runs of letters and digits) and number tokens of a text."""
    out: set[str] = set()
    folded = normalise(text)
    for chunk in _PUNCT_SPLIT_RE.split(folded):
        for n in rules.NGRAM_SIZES:
            out.update(chunk[i : i + n] for i in range(len(chunk) - n + 1))
    out.update(m.group(0) for m in _NUMBER_RE.finditer(folded) if len(m.group(0)) > 1)
    return out


class ArticleIndex:
    """The articles of one page, ready to be compared with orphan texts.

    Which articles hold a term is looked up once per term and cached: the
    headline stacks ask about the same terms line by line and block by block.
    """

    def __init__(self, texts: list[str]) -> None:
        self.texts = [normalise(t) for t in texts]
        self._hits: dict[str, tuple[bool, ...]] = {}
        self._scores: dict[str, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self.texts)

    def hits(self, term: str) -> tuple[bool, ...]:
        """Which articles contain the term.

        Only articles holding the term's first ``_PREFIX_LEN`` characters can hold the
        term, so longer terms are searched for in those alone. One level, no recursion:
        a shared run of any length (a caption repeating a whole paragraph) costs one
        search per article.
        """
        found = self._hits.get(term)
        if found is None:
            if len(term) > _PREFIX_LEN:
                prefix = self.hits(term[:_PREFIX_LEN])
                found = tuple(p and term in t for p, t in zip(prefix, self.texts, strict=True))
            else:
                found = tuple(term in t for t in self.texts)
            self._hits[term] = found
        return found

    def _doc_freq(self, term: str) -> int:
        return sum(self.hits(term))

    def scores(self, text: str) -> np.ndarray:
        """Score of the text against every article (0..1 each).

        The share of the text's term weight found in the article. A term's weight
        grows as fewer articles hold it: log(1 + N/df) - log 2, so a term in every
        article weighs (almost) nothing. Terms found in no article weigh as much
        as the rarest: a caption about a place no article mentions scores low
        everywhere instead of matching on its commonplace words.
        """
        cached = self._scores.get(text)
        if cached is None:
            cached = self._scores[text] = self._score(text)
        return cached

    def _score(self, text: str) -> np.ndarray:
        n = len(self.texts)
        found_terms = sorted(terms(text))
        if not n or not found_terms:
            return np.zeros(n)
        hits = np.array([self.hits(t) for t in found_terms], dtype=bool)  # terms × articles
        df = hits.sum(axis=1)
        lengths = np.array([len(t) for t in found_terms], dtype=float)
        weights = np.log1p(n / np.maximum(df, 1)) - np.log(2.0) + 0.05 * lengths
        weights = np.maximum(weights, 0.0)
        total = float(weights.sum())
        if total <= 0 or not df.any():
            return np.zeros(n)
        return np.asarray((weights @ hits) / total, dtype=float)

    def shared(self, text: str, article: int, limit: int = 4) -> list[str]:
        """The longest stretches of the text that also occur in the article."""
        target = self.texts[article]
        spans: list[str] = []
        for chunk in split_terms_chunks(text):
            spans.extend(longest_shared_runs(chunk, target))
        spans = [s for s in spans if self._doc_freq(s) < len(self.texts) or len(s) >= 4]
        spans = list(dict.fromkeys(spans))
        spans.sort(key=lambda s: (-len(s), s))
        return spans[:limit]


def split_terms_chunks(text: str) -> list[str]:
    """The runs of letters and digits of a text, in comparison form."""
    return _PUNCT_SPLIT_RE.split(normalise(text))


def longest_shared_runs(chunk: str, target: str) -> list[str]:
    """Greedy left-to-right maximal substrings of ``chunk`` found in ``target`` (≥ 2 chars)."""
    out: list[str] = []
    i = 0
    while i < len(chunk) - 1:
        j = i + 2
        if chunk[i:j] not in target:
            i += 1
            continue
        while j < len(chunk) and chunk[i : j + 1] in target:
            j += 1
        out.append(chunk[i:j])
        i = j
    return out
