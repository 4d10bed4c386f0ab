"""Evidence that a piece of text (a headline, a caption) belongs to an article.

Terms are character n-grams of the CJK text and number-with-unit tokens
(40.7%, 166亿元, 14个). Each term is weighted by how rare it is across the
page's articles (inverse document frequency): "高新区" on every article of a
page proves nothing, a place or company name found in one article proves a lot.

On a Latin-script page the terms are words instead (``WordTerms``): every article
of a page shares the character n-grams of Latin text (endings, common words), so
they would say nothing; a name or a noun of a headline is found in its own
article's text and seldom in the others'.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from .text import fold, remove_justification_spaces

_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?(?:[%％]|[\u4e00-\u9fff]{1,2})?")
_PUNCT_SPLIT_RE = re.compile(r"[^\w%％.]+", re.UNICODE)
_WORD_RE = re.compile(r"[^\W_]+")  # a run of letters and digits, of any script
# Weight of a character n-gram per character of it: a longer shared stretch says more.
_NGRAM_LENGTH_WEIGHT = 0.05


def normalise(text: str) -> str:
    """The comparison form of a text: look-alike code points folded, no whitespace but
    one space between Latin words (so terms and shared runs stay inside words)."""
    return normalise_folded(fold(text))


def normalise_folded(folded: str) -> str:
    """``normalise`` of a text already folded."""
    return remove_justification_spaces(folded).replace("\n", "")


_SPACES = (" ", "\t", "\u3000")  # what remove_justification_spaces removes or merges


def normalised_pieces(pieces: list[str]) -> list[str] | None:
    """Each piece in comparison form, such that pieces next to each other joined are the
    comparison form of the pieces joined; None when some piece starts or ends with a
    space (a run of spaces across a joint would be decided on both pieces together).

    Folding goes code point by code point, and the spaces' rules look at a run of spaces
    and its two neighbours only: with no run at a piece's edge, no rule crosses a joint.
    The halves of an article tried at each paragraph break are then joined, not folded
    and stripped of spaces again and again."""
    folded = [fold(p) for p in pieces]
    if any(f.startswith(_SPACES) or f.endswith(_SPACES) for f in folded):
        return None
    return [normalise_folded(f) for f in folded]


def terms(text: str, ngram_sizes: tuple[int, ...]) -> set[str]:
    """The n-grams (inside runs of letters and digits) and number tokens of a text."""
    out: set[str] = set()
    folded = normalise(text)
    for chunk in _PUNCT_SPLIT_RE.split(folded):
        for n in ngram_sizes:
            out.update(chunk[i : i + n] for i in range(len(chunk) - n + 1))
    out.update(m.group(0) for m in _NUMBER_RE.finditer(folded) if len(m.group(0)) > 1)
    return out


@dataclass(frozen=True, slots=True)
class WordTerms:
    """The terms of a Latin-script page: its words, case-folded, each cut to its first
    ``prefix`` letters (a light stemming: release, released, releases are one term),
    words shorter than ``min_chars`` and the language's ``stop`` words left out;
    ``min_to_decide``: how many terms a piece of a headline line needs to name an article
    by itself.

    A text's comparison form is its words between single spaces, with a space at each
    end: a term is a space and the word's start (a shorter word: a space, the word and
    a space), so finding it in the form is finding a word that starts so, never the
    middle of another word ("port" in "support")."""

    prefix: int
    min_chars: int
    stop: frozenset[str]
    min_to_decide: int = 1  # terms a headline piece needs to decide alone (assign.py)

    def words(self, text: str) -> list[str]:
        return _WORD_RE.findall(fold(text).casefold())

    def form(self, text: str) -> str:
        return " " + " ".join(self.words(text)) + " "

    def term(self, word: str) -> str:
        return f" {word[: self.prefix]}" if len(word) >= self.prefix else f" {word} "

    def terms(self, text: str) -> set[str]:
        return {self.term(w) for w in self.words(text) if self.says_something(w)}

    def says_something(self, word: str) -> bool:
        """Long enough and no common word of the language."""
        return len(word) >= self.min_chars and word not in self.stop


class TermCache:
    """The sorted terms of each text scored on one page, computed once per text, and how
    the page's texts are compared: character n-grams, or words (``words``: a
    Latin-script page).

    The same texts are scored again and again: against the page's articles in each
    assignment round, against the two halves of an article at each paragraph break
    tried as a hidden-article split. Lives as long as the page's segmentation (no
    module-level cache, nothing kept from one page to the next).
    """

    def __init__(self, words: WordTerms | None = None) -> None:
        self.words = words
        self._sorted: dict[tuple[str, tuple[int, ...]], list[str]] = {}

    def of(self, text: str, ngram_sizes: tuple[int, ...]) -> list[str]:
        """The text's terms, sorted (``ngram_sizes``: of character n-grams)."""
        key = (text, ngram_sizes)
        found = self._sorted.get(key)
        if found is None:
            found_set = terms(text, ngram_sizes) if self.words is None else self.words.terms(text)
            found = self._sorted[key] = sorted(found_set)
        return found

    def form(self, text: str) -> str:
        """The text's comparison form, in which its terms are searched for."""
        return normalise(text) if self.words is None else self.words.form(text)

    def pieces(self, pieces: list[str]) -> list[str] | None:
        """Each piece in comparison form, such that the forms joined hold the terms of the
        pieces joined where the joined text's form holds them (see ``normalised_pieces``)."""
        if self.words is None:
            return normalised_pieces(pieces)
        return [self.words.form(p) for p in pieces]

    def weight_rows(self, articles: int) -> WeightRows:
        """The term weights for this many articles: longer n-grams weigh a little more;
        a word weighs by its rarity alone."""
        return WeightRows(articles, _NGRAM_LENGTH_WEIGHT if self.words is None else 0.0)


class ArticleIndex:
    """The articles of one page, ready to be compared with orphan texts.

    An inverted index of character pairs says which articles can hold a term: only
    those holding every pair of it, so a term is searched for in the articles of its
    rarest pair alone. Time and memory grow with the page's length, not with the
    number of terms times the number of articles. Which articles hold a term is
    cached: the headline stacks ask about the same terms line by line and block by
    block. Scores are kept sparse (the articles a text shares terms with).
    """

    def __init__(
        self,
        texts: list[str],
        ngram_sizes: tuple[int, ...],
        terms: TermCache | None = None,
        normalised: bool = False,
        weights: WeightRows | None = None,
    ) -> None:
        """``terms``: the page's cache of terms; ``normalised``: the texts are in
        comparison form already (``normalised_pieces``); ``weights``: the term weights
        of another index of as many texts, shared."""
        self.terms = TermCache() if terms is None else terms
        self.texts = texts if normalised else [self.terms.form(t) for t in texts]
        self.ngram_sizes = ngram_sizes
        self._pairs: PairIndex | None = None  # built on the first look-up
        self._hits: dict[str, tuple[int, ...]] = {}
        self._scores: dict[str, tuple[list[int], list[float]]] = {}
        self._weight_rows = self.terms.weight_rows(len(self.texts)) if weights is None else weights
        if self._weight_rows.articles != len(self.texts):
            raise ValueError("the weights are those of another number of articles")

    def __len__(self) -> int:
        return len(self.texts)

    def hits(self, term: str) -> tuple[int, ...]:
        """The articles (indices, ascending) that contain the term."""
        found = self._hits.get(term)
        if found is None:
            found = self._hits[term] = self._find(term)
        return found

    def _find(self, term: str) -> tuple[int, ...]:
        narrowed = self._narrowed(term)
        if narrowed is not None:
            return tuple([i for i in narrowed if term in self.texts[i]])
        if len(term) < 2:
            return tuple([i for i, t in enumerate(self.texts) if term in t])
        rarest = self._pair_index().rarest(term)
        if len(term) == 2:
            return tuple(rarest)
        return tuple(i for i in rarest if term in self.texts[i])

    def _narrowed(self, term: str) -> tuple[int, ...] | None:
        """The texts that can hold the term, when its two parts one character shorter
        were looked up already: only a text holding both parts can hold the term. (The
        3- and 4-grams of a text come after its 2- and 3-grams, see ``_hits_of``: they
        are searched for in the few articles holding their parts, not in all.)"""
        if len(term) < 3:
            return None
        head, tail = self._hits.get(term[:-1]), self._hits.get(term[1:])
        if head is None or tail is None:
            return None
        if len(head) > len(tail):
            head, tail = tail, head
        if not head or head == tail:
            return head
        return tuple([i for i in head if i in tail])

    def _pair_index(self) -> PairIndex:
        if self._pairs is None:
            self._pairs = PairIndex(self.texts)
        return self._pairs

    def _doc_freq(self, term: str) -> int:
        return len(self.hits(term))

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
        out = [0.0] * len(self.texts)
        for article, value in zip(*cached, strict=True):
            out[article] = value
        return np.array(out)

    def _score(self, text: str) -> tuple[list[int], list[float]]:
        """The articles the text shares terms with, and its score for each (in plain
        Python past the product: each NumPy call costs several µs, a text's few
        articles far less)."""
        n = len(self.texts)
        found_terms = self.terms.of(text, self.ngram_sizes)
        none: tuple[list[int], list[float]] = ([], [])
        if not n or not found_terms:
            return none
        hits = self._hits_of(found_terms)
        rows = self._weight_rows
        weights = np.array([rows[len(t)][len(h)] for t, h in zip(found_terms, hits, strict=True)])
        total = float(weights.sum())
        if total <= 0 or not any(hits):
            return none
        # The terms × articles matrix lives for this one product: the same product, in
        # the same order, as always (a sum in another order moves near-ties).
        held = np.zeros(len(hits) * n, dtype=bool)
        held[[r * n + a for r, h in enumerate(hits) for a in h]] = True
        sums: list[float] = (weights @ held.reshape(len(hits), n)).tolist()
        found = [a for a, value in enumerate(sums) if value]
        return found, [sums[a] / total for a in found]

    def _hits_of(self, found_terms: list[str]) -> list[tuple[int, ...]]:
        """``[self.hits(t) for t in found_terms]``, without a call per cached term (the
        scores of a page look up hundreds of thousands of terms)."""
        known = self._hits
        missing = [t for t in found_terms if t not in known]
        if missing:
            self._look_up(missing)
        return [known[term] for term in found_terms]

    def _look_up(self, missing: list[str]) -> None:
        """Find the articles of terms not looked up yet: every pair of characters at once
        in the pair index (a search of every article text for each would cost about a
        microsecond per thousand characters), then the longer terms, shorter first, in
        the articles holding both their parts (``_narrowed``, written out here: this
        loop runs for hundreds of thousands of terms on a page)."""
        known, texts = self._hits, self.texts
        pairs = [t for t in missing if len(t) == 2]
        if pairs:
            known.update(zip(pairs, self._pair_index().holders(pairs), strict=True))
        for term in sorted((t for t in missing if len(t) != 2), key=len):
            head, tail = known.get(term[:-1]), known.get(term[1:])
            if head is None or tail is None or len(term) < 3:
                known[term] = self._find(term)
            elif not head or not tail:
                known[term] = ()
            else:
                if len(head) > len(tail):
                    head, tail = tail, head
                known[term] = tuple([i for i in head if i in tail and term in texts[i]])

    def shared(self, text: str, article: int, limit: int = 4) -> list[str]:
        """The longest stretches of the text that also occur in the article (on a
        Latin-script page: its longest words whose terms the article holds)."""
        target = self.texts[article]
        if self.terms.words is not None:
            return self._shared_words(text, target, self.terms.words, limit)
        spans: list[str] = []
        for chunk in split_terms_chunks(text):
            spans.extend(longest_shared_runs(chunk, target))
        spans = [s for s in spans if len(s) >= 4 or self._doc_freq(s) < len(self.texts)]
        spans = list(dict.fromkeys(spans))
        spans.sort(key=lambda s: (-len(s), s))
        return spans[:limit]

    def _shared_words(self, text: str, target: str, words: WordTerms, limit: int) -> list[str]:
        found = [
            w
            for w in dict.fromkeys(words.words(text))
            if words.says_something(w) and words.term(w) in target
        ]
        found.sort(key=lambda w: (-len(w), w))
        return found[:limit]


def split_indexes(
    pieces: list[str],
    cuts: list[int],
    scored: list[str],
    ngram_sizes: tuple[int, ...],
    terms: TermCache,
) -> Iterator[ArticleIndex]:
    """For each cut k (one at a time), the index of the two texts ``pieces[:k]`` and
    ``pieces[k:]`` joined (pieces in comparison form, see ``normalised_pieces``), ready
    to score the texts ``scored``.

    Which half holds a term follows from its first and last place in the whole text,
    searched once: the first half holds it when its first place ends before the cut,
    the second when its last place starts at the cut or after. (Searching both halves
    for every term at every cut cost the article's length times the cuts.)"""
    whole = "".join(pieces)
    names = list(dict.fromkeys(t for text in scored for t in terms.of(text, ngram_sizes)))
    # Where each term ends first (never: past the end) and starts last (never: -1).
    never = len(whole) + 1
    first_ends = np.array([_end(whole.find(t), len(t), never) for t in names])
    last_starts = np.array([whole.rfind(t) for t in names])
    weights = terms.weight_rows(2)  # shared: every index holds two texts
    ends = list(itertools.accumulate(len(p) for p in pieces))
    for k in cuts:
        cut = ends[k - 1]
        index = ArticleIndex(
            [whole[:cut], whole[cut:]], ngram_sizes, terms, normalised=True, weights=weights
        )
        held = ((first_ends <= cut) + 2 * (last_starts >= cut)).tolist()
        index._hits.update(zip(names, map(_HALVES_HOLDING.__getitem__, held), strict=True))
        yield index


def _end(start: int, length: int, never: int) -> int:
    return start + length if start >= 0 else never


# The halves holding a term, by 1 (held before the cut) + 2 (held from the cut on).
_HALVES_HOLDING: tuple[tuple[int, ...], ...] = ((), (0,), (1,), (0, 1))


class WeightRows(dict[int, list[float]]):
    """A term's weight by its length and its document frequency: ``rows[length][df]``.

    log(1 + N/df) - log 2 + ``length_weight`` × length, at least 0, for N articles (df
    0 weighs as df 1). Each row is computed once per index, on the array of every df
    from 0 to N, by the same NumPy operations that weighed each scored text's terms
    before: the same values to the last bit, looked up instead of computed again for
    every text."""

    def __init__(self, articles: int, length_weight: float = _NGRAM_LENGTH_WEIGHT) -> None:
        super().__init__()
        self.articles = articles
        self.length_weight = length_weight

    def __missing__(self, length: int) -> list[float]:
        n = self.articles
        df = np.arange(n + 1)
        weights = (
            np.log1p(n / np.maximum(df, 1))
            - np.log(2.0)
            + self.length_weight * np.full(n + 1, length)
        )
        row: list[float] = np.maximum(weights, 0.0).tolist()
        self[length] = row
        return row


class PairIndex:
    """Which texts hold each pair of adjacent characters, in NumPy arrays.

    Each pair is coded as one integer (two code points); ``codes`` holds every text's
    distinct pair codes sorted, ``texts`` the text of each, ascending within a code.
    Built in one sort over the page's characters, looked up by binary search.
    """

    def __init__(self, texts: list[str]) -> None:
        # One sort of (pair code, text) keys: each text's distinct pairs, texts
        # ascending within a pair. (np.unique per text and a stable argsort of them all
        # took three times as long.)
        bits = max(1, len(texts).bit_length())
        codes = [_pair_codes(t) for t in texts]
        if _PAIR_BITS + bits < 64:
            keys = np.concatenate([(c << bits) | i for i, c in enumerate(codes)] or [_NONE])
            keys = np.sort(keys)
            keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))] if len(keys) else keys
            self.codes, self.texts = keys >> bits, keys & ((1 << bits) - 1)
        else:  # more texts than a key holds (no page has them): the slower way
            distinct = [np.unique(c) for c in codes]
            owners = [np.full(len(c), i, dtype=np.int64) for i, c in enumerate(distinct)]
            all_codes = np.concatenate(distinct or [_NONE])
            order = np.argsort(all_codes, kind="stable")  # texts stay ascending in a code
            self.codes, self.texts = all_codes[order], np.concatenate(owners or [_NONE])[order]
        self._texts_list: list[int] = self.texts.tolist()  # sliced by holders, per pair

    def holders(self, pairs: list[str]) -> list[tuple[int, ...]]:
        """The texts holding each pair of characters (strings of two code points), each
        ascending: one binary search for all the pairs."""
        points = _code_points("".join(pairs)).reshape(-1, 2)
        wanted = (points[:, 0] << 21) | points[:, 1]
        starts = np.searchsorted(self.codes, wanted, side="left").tolist()
        ends = np.searchsorted(self.codes, wanted, side="right").tolist()
        owners = self._texts_list
        return [tuple(owners[s:e]) for s, e in zip(starts, ends, strict=True)]

    def rarest(self, term: str) -> list[int]:
        """The texts holding the term's rarest pair (every text holding the term holds
        all of its pairs), ascending."""
        wanted = _pair_codes(term)
        starts = np.searchsorted(self.codes, wanted, side="left")
        ends = np.searchsorted(self.codes, wanted, side="right")
        k = int(np.argmin(ends - starts))
        return [int(i) for i in self.texts[starts[k] : ends[k]]]


_PAIR_BITS = 42  # a pair code: two code points (below 2**21 each)
_NONE = np.zeros(0, np.int64)


def _code_points(text: str) -> NDArray[np.int64]:
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return points.astype(np.int64)


def _pair_codes(text: str) -> NDArray[np.int64]:
    """Each pair of adjacent characters as one integer (code points below 2**21)."""
    points = _code_points(text)
    return np.asarray((points[:-1] << 21) | points[1:], dtype=np.int64)


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
