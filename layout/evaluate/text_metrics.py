"""Scores of one page's text output against its ground truth.

Every function returns :class:`Tally` counts so that pages add up; the definitions are
in docs/evaluation.md.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import Any

from layout.evaluate.match import (
    Json,
    articles_of_doc,
    body_text,
    match_articles,
    norm,
    part_role,
    part_text,
    recovered,
)
from layout.evaluate.tally import Scores, Tally

RECOVERED_ENOUGH = 0.9  # an article counts as recovered when 90% of its body is in one piece
CJK = r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef“”‘’]"
SPURIOUS_SPACE = re.compile(rf"(?<={CJK})[ \t\u3000]+(?={CJK})")
ITEM_FIELDS = {  # GT item kind → the predicted article's field it should land in
    "headline": "headline",
    "byline": "bylines",
    "caption": "captions",
    "credit": "captions",
}


def segmentation(gt: Sequence[Json], pred: Sequence[Json], pairs: dict[int, int]) -> Tally:
    """GT articles (with a body) whose body is ≥90% recovered in their matched article."""
    out = Tally()
    for i, art in enumerate(gt):
        body = body_text(art)
        if not body:
            continue
        out.total += 1
        if i in pairs and recovered(body, body_text(pred[pairs[i]])) >= RECOVERED_ENOUGH:
            out.hit += 1
    return out


def gt_items(article: Json) -> list[tuple[str, str]]:
    """(kind, normalised text) of every headline line, byline, caption and credit."""
    items = [("headline", norm(part_text(h))) for h in article.get("headline", [])]
    items += [("byline", norm(part_text(b))) for b in article.get("bylines", [])]
    items += [(part_role(c, "caption"), norm(part_text(c))) for c in article.get("captions", [])]
    return [(kind, text) for kind, text in items if text and kind in ITEM_FIELDS]


def field_text(article: Json, field: str) -> str:
    return "".join(norm(part_text(x)) for x in article.get(field, []))


def assignment(gt: Sequence[Json], pred: Sequence[Json], pairs: dict[int, int]) -> Scores:
    """Per kind: GT items found (as a substring) in the right field of the matched article."""
    out: Scores = {kind: Tally() for kind in ITEM_FIELDS}
    for i, art in enumerate(gt):
        for kind, text in gt_items(art):
            out[kind].total += 1
            if i in pairs and text in field_text(pred[pairs[i]], ITEM_FIELDS[kind]):
                out[kind].hit += 1
    return out


def photo_items(gt: Sequence[Json], pred: Sequence[Json], pairs: dict[int, int]) -> Tally:
    """Stand-alone photos (gt ``photo_item``) given back alone: the matched article has
    no body and holds every caption and credit of the item."""
    out = Tally()
    for i, art in enumerate(gt):
        if not art.get("photo_item"):
            continue
        out.total += 1
        if i not in pairs or body_text(pred[pairs[i]]):
            continue
        found = field_text(pred[pairs[i]], "captions")
        out.hit += all(norm(part_text(c)) in found for c in art.get("captions", []))
    return out


def paragraph_texts(article: Json) -> list[str]:
    texts = [norm(part_text(p)) for p in article.get("paragraphs", [])]
    return [t for t in texts if t]


def boundaries(texts: list[str]) -> set[int]:
    """Offsets between paragraphs in the joined text (not 0, not the end)."""
    out: set[int] = set()
    offset = 0
    for text in texts[:-1]:
        offset += len(text)
        out.add(offset)
    return out


def mapped_boundaries(pred_texts: list[str], gt_joined: str) -> tuple[set[int], int]:
    """Predicted boundaries moved into GT offsets via an alignment; and how many did not map."""
    pred_joined = "".join(pred_texts)
    to_gt: dict[int, int] = {}
    matcher = SequenceMatcher(None, pred_joined, gt_joined, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            to_gt[a + k] = b + k
    mapped: set[int] = set()
    unmapped = 0
    for k in boundaries(pred_texts):
        left, right = to_gt.get(k - 1), to_gt.get(k)
        if left is not None and right is not None and right == left + 1:
            mapped.add(right)
        else:
            unmapped += 1
    return mapped, unmapped


def paragraph_scores(gt: Sequence[Json], pred: Sequence[Json], pairs: dict[int, int]) -> Scores:
    """Boundary precision (hit/predicted) and recall (hit/true), over all articles."""
    tp = fp = fn = 0
    for i, art in enumerate(gt):
        truth = boundaries(paragraph_texts(art))
        if i not in pairs:
            fn += len(truth)
            continue
        mapped, unmapped = mapped_boundaries(
            paragraph_texts(pred[pairs[i]]), "".join(paragraph_texts(art))
        )
        tp += len(mapped & truth)
        fp += len(mapped - truth) + unmapped
        fn += len(truth - mapped)
    for j, art in enumerate(pred):
        if j not in pairs.values():
            fp += len(boundaries(paragraph_texts(art)))
    return {"boundary_precision": Tally(tp, tp + fp), "boundary_recall": Tally(tp, tp + fn)}


def subheads(gt: Sequence[Json], pred: Sequence[Json], pairs: dict[int, int]) -> Tally:
    """GT subheads that the matched article has among its subhead paragraphs."""
    out = Tally()
    for i, art in enumerate(gt):
        for p in art.get("paragraphs", []):
            if part_role(p, "body") != "subhead":
                continue
            out.total += 1
            if i in pairs:
                found = [norm(part_text(q)) for q in pred[pairs[i]].get("paragraphs", [])]
                roles = [part_role(q, "body") for q in pred[pairs[i]].get("paragraphs", [])]
                heads = "".join(t for t, r in zip(found, roles, strict=True) if r == "subhead")
                out.hit += norm(part_text(p)) in heads
    return out


def all_output_text(doc: Json) -> str:
    texts: list[str] = []
    for art in articles_of_doc(doc):
        texts += [part_text(h) for h in art.get("headline", [])]
        texts += [part_text(b) for b in art.get("bylines", [])]
        texts += [part_text(p) for p in art.get("paragraphs", [])]
        texts += [part_text(c) for c in art.get("captions", [])]
    texts += [part_text(u) for u in doc.get("unassigned", [])]
    return "".join(texts)


def char_counts(text: str) -> Counter[str]:
    folded = unicodedata.normalize("NFKC", text)
    return Counter(ch for ch in folded if not ch.isspace())


def characters(input_text: str, doc: Json) -> Scores:
    """Characters of the input missing from the output, and output characters not in it.
    What the output reports in ``dropped`` (a line-end hyphen removed when a word split
    over two lines is joined) is not lost: every character is in the text or there."""
    dropped = "".join(str(d) for d in doc.get("dropped", []))
    before, after = char_counts(input_text), char_counts(all_output_text(doc) + dropped)
    total = sum(before.values())
    lost = sum((before - after).values())
    added = sum((after - before).values())
    return {"chars_lost": Tally(lost, total), "chars_added": Tally(added, total)}


def spurious_spaces(doc: Json) -> Tally:
    """Spaces between two CJK characters in body paragraphs, per body character."""
    out = Tally()
    for art in articles_of_doc(doc):
        for p in art.get("paragraphs", []):
            if part_role(p, "body") == "body":
                text = part_text(p)
                out.hit += len(SPURIOUS_SPACE.findall(text))
                out.total += len(norm(text))
    return out


def _texts(doc: Json) -> list[str]:
    """Every text of a document's articles: headlines, bylines, paragraphs, captions, and
    the unassigned blocks."""
    texts: list[str] = []
    for art in articles_of_doc(doc):
        texts += [part_text(h) for h in art.get("headline", [])]
        texts += [part_text(b) for b in art.get("bylines", [])]
        texts += [part_text(p) for p in art.get("paragraphs", [])]
        texts += [part_text(c) for c in art.get("captions", [])]
    return texts + [part_text(u) for u in doc.get("unassigned", [])]


class _Words:
    """A document's words and the pairs of words that follow each other inside one text
    (the last word of a paragraph and the first of the next are no pair)."""

    def __init__(self, doc: Json) -> None:
        self.tokens: Counter[str] = Counter()
        self.pairs: set[tuple[str, str]] = set()
        for text in _texts(doc):
            words = text.split()
            self.tokens.update(words)
            self.pairs.update(itertools.pairwise(words))

    def join_form(self, first: str, second: str) -> str:
        """How the document writes the join of two line-end words: glued, glued without
        the line's hyphen, with a space, or "" when it has none of these."""
        if first + second in self.tokens:
            return "glued"
        if first[-1] == "-" and first[:-1].strip("-") and first[:-1] + second in self.tokens:
            return "dehyphenated"
        if (first, second) in self.pairs:
            return "spaced"
        return ""


def word_joins(input_text: str, gt: Json, pred: Json) -> Tally:
    """Line joins of the input written otherwise in the output than in the ground truth:
    a space lost ("baséeà") or added, a hyphen removed or kept wrongly. For every line
    break of the input, the last word of the line and the first of the next; joins whose
    words the ground truth or the output does not hold together are not counted."""
    truth, output = _Words(gt), _Words(pred)
    out = Tally()
    lines = [ln.split() for ln in input_text.splitlines()]
    for above, below in itertools.pairwise(lines):
        if not above or not below:
            continue
        expected = truth.join_form(above[-1], below[0])
        got = output.join_form(above[-1], below[0])
        if expected and got:
            out.total += 1
            out.hit += expected != got
    return out


def score_text(gt: Json, pred: Json, input_text: str) -> Scores:
    """Every text metric of one page."""
    g, p = articles_of_doc(gt), articles_of_doc(pred)
    pairs = match_articles(g, p)
    scores: Scores = {"articles": segmentation(g, p, pairs)}
    scores.update(assignment(g, p, pairs))
    scores["photo_items"] = photo_items(g, p, pairs)
    scores.update(paragraph_scores(g, p, pairs))
    scores["subhead"] = subheads(g, p, pairs)
    scores.update(characters(input_text, pred))
    scores["spurious_spaces"] = spurious_spaces(pred)
    if input_text:
        scores["wrong_joins"] = word_joins(input_text, gt, pred)
    return scores


def perfect_prediction(gt: Json) -> dict[str, Any]:
    """The prediction a flawless system would give for a page (used by tests and docs)."""
    arts = [
        {
            "id": a["id"],
            "headline": list(a.get("headline", [])),
            "bylines": list(a.get("bylines", [])),
            "paragraphs": [
                {"role": p["role"], "text": p["text"], "lines": []} for p in a["paragraphs"]
            ],
            "captions": [c["text"] for c in a.get("captions", [])],
        }
        for a in gt.get("articles", [])
    ]
    return {"source": gt.get("source", ""), "articles": arts, "unassigned": []}
