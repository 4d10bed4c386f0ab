"""Scores that need the page image: columns, headline blocks, OCR character errors and
headlines read."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from layout.evaluate.match import Json, articles_of_doc, match_articles, norm, part_text
from layout.evaluate.tally import Scores, Tally

COLUMN_IOU = 0.9  # a column is found when a predicted one overlaps it this well (1-D IoU)
BLOCK_IOU = 0.5  # a headline block is found at this box IoU


def iou_1d(a: Sequence[float], b: Sequence[float]) -> float:
    inter = max(0.0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union > 0 else 0.0


def iou_box(a: Sequence[float], b: Sequence[float]) -> float:
    w = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    h = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = w * h
    area = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / area if area > 0 else 0.0


def columns(gt: Json, pred: Json) -> Tally:
    """GT columns matched by some predicted column with 1-D IoU above 0.9."""
    found = pred.get("columns", [])
    truth = gt.get("columns", [])
    hits = sum(any(iou_1d(c, p) > COLUMN_IOU for p in found) for c in truth)
    return Tally(hits, len(truth))


def one_to_one(truth: list[list[float]], found: list[list[float]], threshold: float) -> int:
    """How many pairs a greedy best-IoU-first one-to-one matching makes above ``threshold``."""
    pairs = sorted(
        ((iou_box(t, f), i, j) for i, t in enumerate(truth) for j, f in enumerate(found)),
        reverse=True,
    )
    used_t: set[int] = set()
    used_f: set[int] = set()
    for score, i, j in pairs:
        if score <= threshold:
            break
        if i not in used_t and j not in used_f:
            used_t.add(i)
            used_f.add(j)
    return len(used_t)


def headline_blocks(gt: Json, pred: Json) -> Scores:
    truth = [b["box"] for b in gt.get("blocks", []) if b.get("role") == "headline"]
    found = [b["box"] for b in pred.get("blocks", []) if b.get("role") == "headline"]
    hits = one_to_one(truth, found, BLOCK_IOU)
    return {
        "headline_block_precision": Tally(hits, len(found)),
        "headline_block_recall": Tally(hits, len(truth)),
    }


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance, one NumPy row at a time (insertions via a running minimum)."""
    if not a or not b:
        return max(len(a), len(b))
    codes_b = np.frombuffer(b.encode("utf-32-le"), dtype=np.uint32)
    steps = np.arange(len(b) + 1)
    row = steps.copy()
    for i, ch in enumerate(a, start=1):
        cost = (codes_b != ord(ch)).astype(np.int64)
        best = np.empty_like(row)
        best[0] = i
        best[1:] = np.minimum(row[1:] + 1, row[:-1] + cost)
        row = np.minimum.accumulate(best - steps) + steps
    return int(row[-1])


def full_text(article: Json) -> str:
    texts = [part_text(h) for h in article.get("headline", [])]
    texts += [part_text(b) for b in article.get("bylines", [])]
    texts += [part_text(p) for p in article.get("paragraphs", [])]
    texts += [part_text(c) for c in article.get("captions", [])]
    return "".join(norm(t) for t in texts)


def cer(gt: Json, pred: Json) -> Tally:
    """Edit distance between the page's GT text and the predicted page text, per GT char.

    GT text: the articles in GT order. Predicted text: the matched articles in the same
    order, then unmatched articles and unassigned blocks, so a system is not charged for
    listing articles in another order, but is for the reading order inside an article.
    """
    g, p = articles_of_doc(gt), articles_of_doc(pred)
    pairs = match_articles(g, p)
    order = [pairs[i] for i in range(len(g)) if i in pairs]
    order += [j for j in range(len(p)) if j not in order]
    truth = "".join(full_text(a) for a in g)
    found = "".join(full_text(p[j]) for j in order)
    found += "".join(norm(part_text(u)) for u in pred.get("unassigned", []))
    return Tally(edit_distance(truth, found), len(truth))


def unordered_cer(gt: Json, pred: Json) -> Tally:
    """Character errors with the order left out, per GT character: the larger of the GT
    characters missing from the page's text and the characters it has beyond the GT's
    (counted as multisets). A lower bound of ``cer``: what the OCR engine misread, missed
    or added, without what the reading order and the articles cost."""
    truth = Counter("".join(full_text(a) for a in articles_of_doc(gt)))
    found = Counter(page_text(pred))
    missing, extra = (truth - found).total(), (found - truth).total()
    return Tally(max(missing, extra), truth.total())


def page_text(doc: Json) -> str:
    """Every text of a prediction, normalised, in its order: articles, then unassigned."""
    found = "".join(full_text(a) for a in articles_of_doc(doc))
    return found + "".join(norm(part_text(u)) for u in doc.get("unassigned", []))


def headlines_read(gt: Json, pred: Json) -> Tally:
    """GT headline lines whose text the prediction holds exactly (wherever it put them):
    what OCR gets right of the largest type, whichever article it lands in."""
    found = page_text(pred)
    lines = [norm(part_text(h)) for a in articles_of_doc(gt) for h in a.get("headline", [])]
    lines = [line for line in lines if line]
    return Tally(sum(line in found for line in lines), len(lines))


def score_image(gt: Json, pred: Json) -> Scores:
    scores: Scores = {"columns": columns(gt, pred)}
    scores.update(headline_blocks(gt, pred))
    scores["cer"] = cer(gt, pred)
    scores["unordered_cer"] = unordered_cer(gt, pred)
    scores["headlines_read"] = headlines_read(gt, pred)
    return scores
