"""The evidence's speed-ups find what a plain search finds: the terms' articles (narrowed
by their shorter parts, pairs through the pair index), the halves of an article at each
cut (from each term's first and last place), texts normalised piece by piece, look-alikes
folded by one regular expression, CJK characters counted on an array."""

from __future__ import annotations

import random
import re
import unicodedata

import numpy as np
import pytest

import layout.evidence
from layout.conventions import CHINESE
from layout.evidence import (
    ArticleIndex,
    PairIndex,
    TermCache,
    WeightRows,
    normalise,
    normalised_pieces,
    split_indexes,
    terms,
)
from layout.language import han_count
from layout.segment import word_terms
from layout.text import _FOLD, HAN_CLASS, fold

SIZES = CHINESE.assign.ngram_sizes
# A small alphabet, so that n-grams recur across articles: CJK, a look-alike (⽇ folds to
# 日), full-width digits, Latin, spaces and punctuation.
ALPHABET = "日月山水田木火土⽇８９12ab ，。%"


def random_text(rng: random.Random, length: int) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(length))


@pytest.mark.parametrize("articles", [1, 5, 12])
def test_a_terms_articles_are_those_a_plain_search_finds(articles: int) -> None:
    rng = random.Random(articles)
    texts = [random_text(rng, 300) for _ in range(articles)]
    index = ArticleIndex(texts, SIZES)
    orphans = [random_text(rng, 12) for _ in range(40)] + [t[50:70] for t in texts]
    for orphan in orphans:
        index.scores(orphan)
    looked_up = {t for orphan in orphans for t in terms(orphan, SIZES)}
    for term in looked_up:
        plain = tuple(i for i, text in enumerate(index.texts) if term in text)
        assert index.hits(term) == plain, term


def test_scores_are_the_same_with_a_cache_shared_by_indexes() -> None:
    rng = random.Random(3)
    texts = [random_text(rng, 200) for _ in range(6)]
    orphans = [random_text(rng, 15) for _ in range(30)]
    shared = TermCache()
    ArticleIndex(texts[:3], SIZES, shared).scores(orphans[0])  # another index fills it first
    with_cache = ArticleIndex(texts, SIZES, shared)
    fresh = [ArticleIndex(texts, SIZES).scores(o) for o in orphans]
    assert all((with_cache.scores(o) == f).all() for o, f in zip(orphans, fresh, strict=True))


def test_pieces_in_comparison_form_join_as_the_whole() -> None:
    rng = random.Random(5)
    # Look-alikes, "\n" and spaces at a piece's edge or before a "\n": the rules at a joint.
    edges = ["", "\n", "⑴", "x \n", " ", "\u3000"]
    for trial in range(30):
        pieces = [rng.choice(edges) + random_text(rng, 8) + rng.choice(edges) for _ in range(6)]
        normalised = normalised_pieces(pieces)
        if normalised is None:  # a space at an edge: the caller normalises each half whole
            assert any(p[:1] in (" ", "\u3000") or p[-1:] in (" ", "\u3000") for p in pieces)
            continue
        for k in range(1, len(pieces)):
            whole = ArticleIndex(["".join(pieces[:k]), "".join(pieces[k:])], SIZES)
            joined = ["".join(normalised[:k]), "".join(normalised[k:])]
            assert ArticleIndex(joined, SIZES, normalised=True).texts == whole.texts, trial


def test_fold_changes_what_the_translation_table_changes() -> None:
    every = "".join(chr(cp) for cp in range(0x2000, 0x10000) if not 0xD800 <= cp < 0xE000)
    assert fold(every) == every.translate(_FOLD)
    assert fold("⽇报８４．７％") == "日报84.7%"
    assert normalise("⽇ 报") == "日报"


def test_han_count_counts_what_the_han_class_matches() -> None:
    text = "".join(chr(cp) for cp in range(0x20, 0x10000, 7) if not 0xD800 <= cp < 0xE000)
    text += "新闻 news ｎｅｗｓ \U00020000" + unicodedata.normalize("NFD", "é")
    assert han_count(text) == len(re.findall(HAN_CLASS, text))
    assert han_count("") == 0


def test_the_halves_at_each_cut_hold_the_terms_a_plain_search_finds() -> None:
    rng = random.Random(7)
    for trial in range(20):
        pieces = [normalise(random_text(rng, rng.randint(0, 40))) for _ in range(8)]
        scored = [random_text(rng, 10) for _ in range(3)] + ["".join(pieces[2:4])[3:12]]
        cuts = list(range(1, len(pieces)))
        shared = TermCache()
        for k, halves in zip(cuts, split_indexes(pieces, cuts, scored, SIZES, shared), strict=True):
            texts = ["".join(pieces[:k]), "".join(pieces[k:])]
            assert halves.texts == texts
            plain = ArticleIndex(texts, SIZES, normalised=True)
            for text in scored:
                assert (halves.scores(text) == plain.scores(text)).all(), (trial, k, text)
                for term in terms(text, SIZES):
                    assert halves.hits(term) == plain.hits(term), (trial, k, term)


def test_the_pair_index_holds_the_same_with_keys_too_long_for_one_integer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = random.Random(11)
    texts = [random_text(rng, 100) for _ in range(9)] + ["", "日"]
    fast = PairIndex(texts)
    monkeypatch.setattr(layout.evidence, "_PAIR_BITS", 63)  # the way for huge pages
    slow = PairIndex(texts)
    assert fast.codes.tolist() == slow.codes.tolist()
    assert fast.texts.tolist() == slow.texts.tolist()
    pairs = sorted({a + b for a in ALPHABET for b in ALPHABET})
    plain = [tuple(i for i, t in enumerate(texts) if p in t) for p in pairs]
    assert fast.holders(pairs) == slow.holders(pairs) == plain


def test_weights_looked_up_are_the_formulas_to_the_last_bit() -> None:
    rng = random.Random(13)
    for articles in (1, 2, 7, 30, 250):
        rows = WeightRows(articles)
        df = np.array([rng.randint(0, articles) for _ in range(300)])
        lengths = np.array([rng.choice([2, 3, 4, 5, 9]) for _ in range(300)], dtype=float)
        formula = np.log1p(articles / np.maximum(df, 1)) - np.log(2.0) + 0.05 * lengths
        formula = np.maximum(formula, 0.0)
        looked_up = np.array([rows[int(n)][d] for n, d in zip(lengths, df, strict=True)])
        assert looked_up.tobytes() == formula.tobytes(), articles


def plain_scores(texts: list[str], text: str) -> np.ndarray:
    """The scores as first written: every term searched for in every article, weights
    and product by NumPy over the whole terms × articles matrix."""
    n = len(texts)
    found = sorted(terms(text, SIZES))
    if not n or not found:
        return np.zeros(n)
    held = np.array([[term in t for t in texts] for term in found], dtype=bool)
    df = held.sum(axis=1)
    lengths = np.array([len(t) for t in found], dtype=float)
    weights = np.log1p(n / np.maximum(df, 1)) - np.log(2.0) + 0.05 * lengths
    weights = np.maximum(weights, 0.0)
    total = float(weights.sum())
    if total <= 0 or not df.any():
        return np.zeros(n)
    return np.asarray((weights @ held) / total, dtype=float)


@pytest.mark.parametrize("articles", [1, 3, 12])
def test_scores_are_the_plain_computations_to_the_last_bit(articles: int) -> None:
    rng = random.Random(17 + articles)
    texts = [random_text(rng, 250) for _ in range(articles)]
    index = ArticleIndex(texts, SIZES)
    orphans = [random_text(rng, rng.randint(1, 30)) for _ in range(40)]
    orphans += [t[40:60] for t in texts] + ["", "。，"]
    for orphan in orphans:
        assert index.scores(orphan).tobytes() == plain_scores(index.texts, orphan).tobytes()


# --- words as the terms of Latin-script pages (WordTerms) --------------------------------

ENGLISH_WORDS = word_terms(CHINESE.for_language("en"))
LATIN_WORDS = ["ferries", "ferry", "harbour", "May", "berries", "backed", "back", "the", "in"]


def test_a_latin_headline_finds_its_article_by_its_words_not_by_letters() -> None:
    """ "Ferries back in May": the first article holds "ferries" and "May"; the second
    only pieces of them ("berries", "backed", "mayors"), which character n-grams count."""
    articles = [
        "The ferries will sail again from the harbour in May, the office said.",
        "The berries are backed by mayors in their series of fairs, the growers said.",
    ]
    headline = "Ferries back in May"
    by_words = ArticleIndex(articles, SIZES, TermCache(ENGLISH_WORDS)).scores(headline)
    assert int(by_words.argmax()) == 0 and by_words[1] == 0.0
    by_letters = ArticleIndex(articles, SIZES).scores(headline)
    assert int(by_letters.argmax()) == 1


def test_a_word_term_is_found_at_a_words_start_only() -> None:
    """ "port" is no term of "support" or "report"; "release" finds "releases"."""
    texts = ["We support the report.", "Two releases."]
    index = ArticleIndex(texts, SIZES, TermCache(ENGLISH_WORDS))
    assert index.scores("port").tolist() == [0.0, 0.0]
    assert index.scores("release").tolist() == [0.0, 1.0]


def test_word_halves_at_each_cut_hold_the_terms_a_plain_search_finds() -> None:
    rng = random.Random(11)
    cache = TermCache(ENGLISH_WORDS)
    for trial in range(20):
        texts = [" ".join(rng.choices(LATIN_WORDS, k=rng.randint(0, 8))) for _ in range(6)]
        pieces = cache.pieces(texts)
        assert pieces is not None
        scored = [" ".join(rng.choices(LATIN_WORDS, k=3)) for _ in range(3)]
        cuts = list(range(1, len(pieces)))
        for k, halves in zip(cuts, split_indexes(pieces, cuts, scored, SIZES, cache), strict=True):
            plain = ArticleIndex(["\n".join(texts[:k]), "\n".join(texts[k:])], SIZES, cache)
            for text in scored:
                assert (halves.scores(text) == plain.scores(text)).all(), (trial, k, text)
