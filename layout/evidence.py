"""Evidence that a piece of text (a headline, a caption) belongs to an article.

Terms are character n-grams of the CJK text and number-with-unit tokens
(40.7%, 166亿元, 14个). Each term is weighted by how rare it is across the
page's articles (inverse document frequency): "高新区" on every article of a
page proves nothing, a place or company name found in one article proves a lot.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from . import rules
from .text import fold, squash

_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?(?:[%％]|[\u4e00-\u9fff]{1,2})?")
_PUNCT_SPLIT_RE = re.compile(r"[^\w%％.]+", re.UNICODE)


def normalise(text: str) -> str:
    """The comparison form of a text: look-alike code points folded, no whitespace."""
    return squash(fold(text))


def terms(text: str) -> set[str]:
    """The n-grams (inside runs of letters and digits) and number tokens of a text."""
    out: set[str] = set()
    for chunk in _PUNCT_SPLIT_RE.split(normalise(text)):
        for n in rules.NGRAM_SIZES:
            for i in range(len(chunk) - n + 1):
                out.add(chunk[i : i + n])
    out.update(m.group(0) for m in _NUMBER_RE.finditer(normalise(text)) if len(m.group(0)) > 1)
    return out


@dataclass(slots=True)
class Match:
    score: float  # 0..1, share of the text's informative weight found in the article
    shared: list[str]  # the longest shared stretches, most informative first


class ArticleIndex:
    """The articles of one page, ready to be compared with orphan texts."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = [normalise(t) for t in texts]
        self._df: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self.texts)

    def _doc_freq(self, term: str) -> int:
        df = self._df.get(term)
        if df is None:
            df = sum(1 for t in self.texts if term in t)
            self._df[term] = df
        return df

    def _weight(self, term: str) -> float:
        df = self._doc_freq(term)
        if df == 0:
            return 0.0
        # Rarer terms weigh more; a term in every article weighs almost nothing.
        return math.log(1.0 + len(self.texts) / df) - math.log(2.0) + 0.05 * len(term)

    def scores(self, text: str) -> np.ndarray:
        """Score of the text against every article (0..1 each).

        The share of the text's term weight found in the article. Terms found in
        no article weigh as much as the rarest: a caption about a place no
        article mentions scores low everywhere instead of matching on its
        commonplace words.
        """
        all_terms = terms(text)
        found = [t for t in all_terms if self._doc_freq(t) > 0]
        out = np.zeros(len(self.texts))
        if not found:
            return out
        weights = np.array([max(self._weight(t), 0.0) for t in found])
        unseen = sum(self._rare_weight(t) for t in all_terms if self._doc_freq(t) == 0)
        total = float(weights.sum()) + unseen
        if total <= 0:
            return out
        for j, article in enumerate(self.texts):
            hit = np.fromiter((t in article for t in found), dtype=bool, count=len(found))
            out[j] = float(weights[hit].sum()) / total
        return out

    def _rare_weight(self, term: str) -> float:
        return math.log(1.0 + len(self.texts)) - math.log(2.0) + 0.05 * len(term)

    def match(self, text: str, article: int) -> Match:
        return Match(float(self.scores(text)[article]), self.shared(text, article))

    def shared(self, text: str, article: int, limit: int = 4) -> list[str]:
        """The longest stretches of the text that also occur in the article."""
        target = self.texts[article]
        spans: list[str] = []
        for chunk in _PUNCT_SPLIT_RE.split(normalise(text)):
            spans.extend(_longest_shared_runs(chunk, target))
        spans = [s for s in spans if self._doc_freq(s) < len(self.texts) or len(s) >= 4]
        spans.sort(key=lambda s: (-len(s), s))
        return spans[:limit]


def _longest_shared_runs(chunk: str, target: str) -> list[str]:
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
