"""OCR noise: rows an engine read on a photo's grain, a rule or a speck, hardly made of words.

A row is noise when less than a share (Assembly.noise_word_share) of its characters,
punctuation aside, stand in word-shaped tokens: letters cased as words are, digits,
ideographs. Misread words in running text leave most of a row's characters in words;
what an engine reads on a picture mixes symbols and cases (``****** W?* -y^P-``,
``ifiiilÜ``, ``£kll``).
"""

from __future__ import annotations

import unicodedata


def mostly_unworded(text: str, share: float) -> bool:
    """Fewer than ``share`` of the text's characters (punctuation aside) are in words."""
    total = worded = 0
    for token in text.split():
        size, in_words = token_counts(token)
        total += size
        worded += in_words
    return total > 0 and worded < share * total


def token_counts(token: str) -> tuple[int, int]:
    """A token's characters (punctuation aside) and how many of them are in words. A
    token with ideographs is a whole run of CJK text (no spaces between its words):
    each letter, digit and ideograph counts, each symbol (``+``, ``●``) not. Any other
    token counts whole or not at all: its parts between punctuation
    (``«UNO-Generalsekretär»,`` gives ``UNO`` and ``Generalsekretär``) must each be
    letters and digits cased as words are."""
    if any(_ideograph(c) for c in token):
        kept = [c for c in token if not _punctuation(c)]
        return len(kept), sum(1 for c in kept if c.isalnum())
    parts = _word_parts(token)
    size = sum(len(p) for p in parts)
    return size, size if all(p.isalnum() and case_shaped(p) for p in parts) else 0


def case_shaped(part: str) -> bool:
    """Cased as words are: lower, UPPER, Capitalised, or Capitalised words and acronyms
    run together (``DebConf``, ``PowerPC``, ``ROMs``). An engine reading a picture
    gives a capital after a lower-case start (``ifiiilÜ``, ``mWBk``), or a lone capital
    ending a word (``StA``, ``ÄiL``)."""
    runs: list[tuple[bool, int]] = []  # (upper?, length) of the cased letters' runs
    for char in part:
        if char.isupper() or char.islower():
            if runs and runs[-1][0] == char.isupper():
                runs[-1] = (runs[-1][0], runs[-1][1] + 1)
            else:
                runs.append((char.isupper(), 1))
    if len(runs) <= 1:
        return True
    starts_upper = runs[0][0]
    last_upper, last_length = runs[-1]
    return starts_upper and (not last_upper or last_length >= 2)


def _word_parts(token: str) -> list[str]:
    """The token's parts between punctuation (quotes, brackets, stops, dashes, in any
    script); symbols (``^``, ``£``, ``|``) stay inside the parts."""
    parts: list[str] = []
    current = ""
    for char in token:
        if _punctuation(char):
            parts.append(current)
            current = ""
        else:
            current += char
    return [p for p in (*parts, current) if p]


def _punctuation(char: str) -> bool:
    return unicodedata.category(char).startswith("P")


def _ideograph(char: str) -> bool:
    """A letter of a script without case or word spaces (CJK ideographs, kana, hangul)."""
    return ord(char) >= 0x2E80 and char.isalpha() and not (char.isupper() or char.islower())
