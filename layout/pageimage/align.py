"""Text and image together: give the lines of a given text the geometry of the OCR lines.

The given text keeps every character; OCR only says where each line sits. For each
text line, the OCR lines sharing the most character pairs with it are candidates;
the most similar one (difflib's ratio on the texts without spaces) gives its box, size
and role hint when similar enough. A short line (a paragraph's last characters) takes
a lower threshold when the lines around it aligned to neighbours of its candidate.
"""

from __future__ import annotations

import difflib
import operator
from collections import Counter, defaultdict

from layout.evidence import normalise
from layout.image_rules import ImageRules
from layout.model import Line


def _pairs(text: str) -> set[str]:
    return set(map(operator.add, text, text[1:]))


def align_lines(
    text_lines: list[Line], ocr_lines: list[Line], rules: ImageRules
) -> list[int | None]:
    """For each text line, the index of its OCR line, or None."""
    ocr_texts = [normalise(o.text) for o in ocr_lines]
    index: dict[str, list[int]] = defaultdict(list)
    for j, t in enumerate(ocr_texts):
        for pair in _pairs(t):
            index[pair].append(j)
    matches: list[tuple[int | None, float]] = []
    for line in text_lines:
        text = normalise(line.text)
        votes = Counter(j for pair in _pairs(text) for j in index.get(pair, ()))
        best: tuple[int | None, float] = (None, 0.0)
        for j, _ in votes.most_common(rules.align_candidates):
            ratio = difflib.SequenceMatcher(None, text, ocr_texts[j], autojunk=False).ratio()
            if ratio > best[1]:
                best = (j, ratio)
        matches.append(best)
    return _accept(matches, rules=rules)


def _accept(matches: list[tuple[int | None, float]], rules: ImageRules) -> list[int | None]:
    out: list[int | None] = []
    for i, (j, ratio) in enumerate(matches):
        if j is not None and ratio >= rules.align_min_similarity:
            out.append(j)
            continue
        prev = matches[i - 1][0] if i > 0 else None
        nxt = matches[i + 1][0] if i + 1 < len(matches) else None
        between = j is not None and any(n is not None and abs(n - j) <= 1 for n in (prev, nxt))
        out.append(j if between and ratio >= rules.align_min_similarity_between else None)
    return out


def with_geometry(text_lines: list[Line], ocr_lines: list[Line], rules: ImageRules) -> list[Line]:
    """The text lines with their OCR line's box, size and hint, in the image's reading
    order (the OCR lines come in it). A line without a match stays right after the text
    line before it."""
    found = align_lines(text_lines, ocr_lines, rules=rules)
    out: list[tuple[tuple[float, int], Line]] = []
    key = (-1.0, 0)
    for i, (line, j) in enumerate(zip(text_lines, found, strict=True)):
        if j is not None:
            o = ocr_lines[j]
            line = Line(line.number, line.text, line.blank_before, o.box, o.size, o.hint)
            key = (float(j), i)
        else:
            key = (key[0], i)
        out.append((key, line))
    out.sort(key=operator.itemgetter(0))
    return [line for _, line in out]
