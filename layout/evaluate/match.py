"""Normalising text for comparison, and matching predicted articles to ground-truth ones.

Texts are compared after NFKC folding (full-width and ASCII punctuation compare equal),
with all whitespace and byline markers removed. Articles are matched one-to-one
(Hungarian assignment) by the character trigrams their body texts share.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

Json = Mapping[str, Any]
MARKERS = "▶►"
NGRAM = 3  # trigrams: long enough that common characters (的，) do not match by chance


def norm(text: str) -> str:
    """NFKC-folded text without whitespace or byline markers."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in folded if not ch.isspace() and ch not in MARKERS)


def part_text(part: object) -> str:
    """Text of a headline line, byline, paragraph or caption entry: a dict with "text"
    (relayout's JSON, the ground truth's paragraphs and captions) or a plain string (the
    ground truth's headline lines and bylines)."""
    if isinstance(part, Mapping):
        return str(part.get("text", ""))
    return str(part)


def part_role(part: object, default: str) -> str:
    return str(part.get("role", default)) if isinstance(part, Mapping) else default


def articles_of_doc(doc: Json) -> list[Json]:
    return list(doc.get("articles", []))


def body_text(article: Json) -> str:
    """The article's body paragraphs (not subheads), normalised and joined."""
    parts = article.get("paragraphs", [])
    return "".join(norm(part_text(p)) for p in parts if part_role(p, "body") == "body")


def side_text(article: Json) -> str:
    """Headline, bylines and captions: what identifies an article that has no body."""
    texts = [*article.get("headline", []), *article.get("bylines", [])]
    texts += article.get("captions", [])
    return "".join(norm(part_text(t)) for t in texts)


def grams(text: str) -> Counter[str]:
    return Counter(text[i : i + NGRAM] for i in range(max(0, len(text) - NGRAM + 1)))


def shared(a: Counter[str], b: Counter[str]) -> int:
    return sum((a & b).values())


def overlap_matrix(gts: Sequence[str], preds: Sequence[str]) -> np.ndarray:
    g = [grams(t) for t in gts]
    p = [grams(t) for t in preds]
    out = np.zeros((len(g), len(p)), dtype=np.float64)
    for i, gi in enumerate(g):
        for j, pj in enumerate(p):
            out[i, j] = shared(gi, pj)
    return out


def assign(scores: np.ndarray) -> list[tuple[int, int]]:
    """Pairs (row, col) of a maximum-score one-to-one assignment, positive scores only."""
    if scores.size == 0:
        return []
    rows, cols = linear_sum_assignment(-scores)
    return [(int(r), int(c)) for r, c in zip(rows, cols, strict=True) if scores[r, c] > 0]


def match_articles(gt: Sequence[Json], pred: Sequence[Json]) -> dict[int, int]:
    """GT article index → predicted article index.

    Articles with a body are matched on body trigrams first; the rest (photo items,
    articles cut to nothing) then on headline, byline and caption trigrams.
    """
    with_body = [i for i, a in enumerate(gt) if body_text(a)]
    out: dict[int, int] = {}
    scores = overlap_matrix([body_text(gt[i]) for i in with_body], [body_text(p) for p in pred])
    for r, c in assign(scores):
        out[with_body[r]] = c
    rest_gt = [i for i in range(len(gt)) if i not in out]
    rest_pred = [j for j in range(len(pred)) if j not in out.values()]
    side = overlap_matrix(
        [side_text(gt[i]) for i in rest_gt], [side_text(pred[j]) for j in rest_pred]
    )
    for r, c in assign(side):
        out[rest_gt[r]] = rest_pred[c]
    return out


def recovered(gt_body: str, pred_body: str) -> float:
    """Share of the GT body's trigrams found in the predicted body."""
    g = grams(gt_body)
    total = sum(g.values())
    if total == 0:
        return 1.0 if gt_body == pred_body else 0.0
    return shared(g, grams(pred_body)) / total
