"""Diagnose the re-flow's line-break decisions on realistic pages (issue 11).

For every line break the re-flow decides, the ground truth says whether the two lines
belong to one text (a continuation), to two paragraphs of one article (a paragraph
boundary) or to two different things (a heading, a byline, another article). The
script scores the re-flow alone on the paragraph boundaries, lists which rule decided
each false and missed boundary with the cues that were there, and scores the whole
pipeline once more with the re-flow replaced by the truth (``--oracle``): the
difference between that F1 and the real one is the re-flow's share of the gap, the
rest is segmentation's.

    python benchmarks/reflow_breaks.py /work/sets/zh-tune --extractor pdftotext-raw
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import numpy as np

from layout import reflow as reflow_module
from layout.columns_text import rethread
from layout.conventions import CHINESE, Conventions
from layout.evaluate.match import articles_of_doc, match_articles, norm, part_text
from layout.evaluate.pages import read_gt
from layout.evaluate.tally import Tally
from layout.evaluate.text_metrics import paragraph_scores
from layout.export import to_dict
from layout.furniture import split_furniture
from layout.language import resolve_language
from layout.measure import LineShapes
from layout.model import Line
from layout.pipeline import process_text
from layout.read import split_lines
from layout.reflow import _RULE, _SPLITS, BREAK_RULES, decide_breaks, split_glued

JOIN, PARAGRAPH, OTHER, UNKNOWN = "join", "paragraph", "other", "unknown"


@dataclass(frozen=True, slots=True)
class Truth:
    """The ground truth's texts, normalised: every element, and the paragraph pairs."""

    elements: list[str]
    paragraph_pairs: list[tuple[str, str]]  # consecutive body paragraphs of one article

    @staticmethod
    def of(gt: dict[str, Any]) -> Truth:
        elements: list[str] = []
        pairs: list[tuple[str, str]] = []
        for art in articles_of_doc(gt):
            elements += [norm(part_text(h)) for h in art.get("headline", [])]
            elements += [norm(part_text(b)) for b in art.get("bylines", [])]
            elements += [norm(part_text(c)) for c in art.get("captions", [])]
            paras = [norm(part_text(p)) for p in art.get("paragraphs", [])]
            elements += paras
            pairs += list(itertools.pairwise(paras))
        elements += [
            norm(str(f.get("text", f)) if isinstance(f, dict) else str(f))
            for f in gt.get("furniture", [])
        ]
        return Truth([e for e in elements if e], pairs)

    def label(self, above: str, below: str) -> str:
        a, b = norm(above), norm(below)
        if not a or not b:
            return UNKNOWN
        if any(a + b in e for e in self.elements):
            return JOIN
        if any(p.endswith(a) and q.startswith(b) for p, q in self.paragraph_pairs):
            return PARAGRAPH
        if any(e.endswith(a) for e in self.elements) and any(
            e.startswith(b) for e in self.elements
        ):
            return OTHER
        return UNKNOWN


def reflow_lines(text: str, conv: Conventions) -> list[Line]:
    """The lines as the re-flow receives them in the pipeline."""
    lines = split_lines(text)
    conv = resolve_language(conv, (ln.text for ln in lines))
    lines, _ = rethread(lines, conv)
    lines, _ = split_furniture(lines, conv)
    return split_glued(lines, conv.marks)


def cues(s: LineShapes, i: int) -> str:
    """What the two lines showed: widths against the run, sentence end, marks."""
    gap = s.before[i] - s.width[i]
    next_gap = s.after[i + 1] - s.width[i + 1]
    flags = [
        f"w={s.width[i]:.1f}/{s.before[i]:.1f}",
        f"next={s.width[i + 1]:.1f}/{s.after[i + 1]:.1f}",
        f"short={gap:.1f}",
        f"indent={next_gap:.1f}",
    ]
    flags += ["END"] if s.terminal[i] else []
    flags += ["colon"] if s.colon[i] else []
    return " ".join(flags)


def page_breaks(
    folder: Path, extractor: str, conv: Conventions
) -> Iterator[tuple[str, str, str, str, str]]:
    """(truth label, rule name, cues, line, next line) of every line break of a page."""
    truth = Truth.of(read_gt(folder / "gt.json"))
    pieces = reflow_lines((folder / f"{extractor}.txt").read_text(encoding="utf-8"), conv)
    if len(pieces) < 2:
        return
    shapes, rules, _ = decide_breaks(pieces, conv)
    for i, rule in enumerate(rules.tolist()):
        above, below = pieces[i].text, pieces[i + 1].text
        yield truth.label(above, below), BREAK_RULES[rule].name, cues(shapes, i), above, below


def oracle_scores(folder: Path, extractor: str, conv: Conventions) -> tuple[Tally, Tally]:
    """Boundary precision and recall of the pipeline when the re-flow splits exactly where
    the truth says (unknown breaks keep the re-flow's decision)."""
    gt = read_gt(folder / "gt.json")
    truth = Truth.of(gt)
    real = reflow_module.decide_breaks

    def oracle(pieces: list[Line], c: Conventions) -> tuple[LineShapes, np.ndarray, bool]:
        shapes, rules, per_line = real(pieces, c)
        out = rules.copy()
        for i in range(len(pieces) - 1):
            label = truth.label(pieces[i].text, pieces[i + 1].text)
            if label == JOIN and _SPLITS[rules[i]]:
                out[i] = _RULE["running-text"]
            elif label in (PARAGRAPH, OTHER) and not _SPLITS[rules[i]]:
                out[i] = _RULE["opening-mark"]
        return shapes, out, per_line

    text = (folder / f"{extractor}.txt").read_text(encoding="utf-8")
    with mock.patch.object(reflow_module, "decide_breaks", oracle):
        pred = to_dict(process_text(text, str(folder)))
    g, p = articles_of_doc(gt), articles_of_doc(pred)
    scores = paragraph_scores(g, p, match_articles(g, p))
    return scores["boundary_precision"], scores["boundary_recall"]


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", type=Path)
    parser.add_argument("--extractor", default="pdftotext-raw")
    parser.add_argument("--examples", type=int, default=3, help="examples per rule and error")
    parser.add_argument("--set", action="append", default=[], help="rule=value, as for eval")
    parser.add_argument("--oracle", action="store_true", help="also score with a perfect re-flow")
    args = parser.parse_args()
    folders = sorted(p.resolve() for p in args.pages.iterdir() if (p / "gt.json").exists())
    conv = CHINESE.override(dict(item.split("=", 1) for item in args.set))
    counts: Counter[tuple[str, str]] = Counter()
    examples: dict[tuple[str, str], list[str]] = {}
    tp = fp = fn = 0
    for folder in folders:
        for label, rule, cue, above, below in page_breaks(folder, args.extractor, conv):
            split = bool(_SPLITS[_RULE[rule]])
            if label == PARAGRAPH:
                tp, fn = tp + split, fn + (not split)
            elif label == JOIN:
                fp += split
            kind = _kind(label, split)
            counts[kind, rule] += 1
            if (
                kind in ("FALSE", "MISSED", "OTHER-JOINED")
                and len(examples.setdefault((kind, rule), [])) < args.examples
            ):
                examples[kind, rule].append(f"{folder.name}: {above!r} | {below!r}  [{cue}]")
    print(f"re-flow alone, paragraph boundaries: tp {tp} fp {fp} fn {fn}  F1 {f1(tp, fp, fn):.3f}")
    for (kind, rule), n in sorted(counts.items(), key=lambda kv: (kv[0][0], -kv[1])):
        print(f"  {kind:8} {rule:26} {n}")
        for line in examples.get((kind, rule), []):
            print(f"      {line}")
    if args.oracle:
        p_all, r_all = Tally(), Tally()
        for folder in folders:
            p, r = oracle_scores(folder, args.extractor, conv)
            p_all, r_all = p_all + p, r_all + r
        prec, rec = p_all.hit / max(p_all.total, 1), r_all.hit / max(r_all.total, 1)
        print(
            f"pipeline with a perfect re-flow: P {prec:.3f} R {rec:.3f} "
            f"F1 {2 * prec * rec / max(prec + rec, 1e-9):.3f}"
        )
    return 0


def _kind(label: str, split: bool) -> str:
    if label == UNKNOWN:
        return "unknown"
    if label == PARAGRAPH:
        return "hit" if split else "MISSED"
    if label == JOIN:
        return "FALSE" if split else "join-ok"
    return "other-split" if split else "OTHER-JOINED"


if __name__ == "__main__":
    sys.exit(main())
