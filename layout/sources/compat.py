"""Compatibility code points: look-alikes some PDFs and OCR engines emit.

A PDF's text layer may hold the Kangxi radical ⽇ (U+2F47) where the page shows 日
(U+65E5), or the ligature ﬁ for "fi". relayout keeps the source's characters (nothing
changes behind the user's back), lists them in the result's notes, and folds them to
their normal form (NFKC) only when asked (``--fold-compat``).
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence

from layout.model import Line

# The blocks where look-alikes live: CJK radicals supplement and Kangxi radicals, CJK
# compatibility ideographs (and their supplement), alphabetic presentation forms
# (ligatures), enclosed and squared CJK forms.
COMPAT_BLOCKS = (
    (0x2E80, 0x2FDF),
    (0x3200, 0x33FF),
    (0xF900, 0xFAFF),
    (0xFB00, 0xFB4F),
    (0x2F800, 0x2FA1F),
)
# How many distinct code points a note names (the count covers all of them).
NOTE_EXAMPLES = 8


def is_compat(char: str) -> bool:
    cp = ord(char)
    return any(lo <= cp <= hi for lo, hi in COMPAT_BLOCKS) and _folded(char) != char


def _folded(char: str) -> str:
    return unicodedata.normalize("NFKC", char)


def compat_note(lines: Sequence[Line], where: str, folded: bool) -> str | None:
    """One line naming the compatibility code points of the lines, or None."""
    found = Counter(ch for line in lines for ch in line.text if ord(ch) > 0x2E7F and is_compat(ch))
    if not found:
        return None
    named = ", ".join(
        f"U+{ord(ch):04X} {ch}→{_folded(ch)} ×{n}" for ch, n in found.most_common(NOTE_EXAMPLES)
    )
    more = "" if len(found) <= NOTE_EXAMPLES else f" and {len(found) - NOTE_EXAMPLES} more"
    action = (
        "folded to their normal form"
        if folded
        else "kept as in the source (--fold-compat folds them)"
    )
    total = sum(found.values())
    return f"{where}: {total} compatibility characters {action}: {named}{more}"


def fold_lines(lines: Sequence[Line]) -> None:
    """Fold compatibility code points in place (NFKC of those characters only)."""
    for line in lines:
        if any(is_compat(ch) for ch in line.text):
            line.text = "".join(_folded(ch) if is_compat(ch) else ch for ch in line.text)
