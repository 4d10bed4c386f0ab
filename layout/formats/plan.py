"""The page as the XML formats see it: articles of typed regions, regions of lines.

A ``PageResult`` keeps each text field (a headline, a byline, a paragraph, a caption)
with the numbers of the input lines it came from; the lines themselves (text and box)
are in ``PageResult.lines``. ``plan_page`` puts the two together, once, for every XML
writer (PAGE, ALTO, METS, hOCR):

- each field's text is cut into the parts that lie on each of its input lines, so that
  the parts, in order, are exactly the field's text (nothing lost, nothing added): a
  line's characters are matched in order against the field's, skipping the line's
  characters the field does not hold (a hyphen re-flow dropped, a piece of a line that
  went to another field);
- a field whose lines go on in another column (a line wholly above the line before it)
  becomes one region per column, each continued in the next (PAGE ``join``);
- ids come from the reading order: regions ``r1, r2, …`` through the page, lines
  ``r3l1, r3l2, …`` in their region, articles keep theirs (``a1, a2, …``);
- characters XML 1.0 cannot hold (most control characters) are left out and added to
  ``dropped``, so every format still accounts for every input character.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from layout.model import BBox, Line, PageResult, Role

from .geometry import Geometry, page_geometry
from .xmlout import NOT_XML_RE

# Characters a line may end with that mark a word broken across lines: the hyphens, and
# the soft hyphen. When re-flow dropped one there and the text goes on without a space,
# the word was joined (ALTO HYP / HypPart1-2).
HYPHENS = frozenset("-\u2010\u2011\u00ad")
# Scripts below this code point set words apart with spaces; from here on (CJK
# radicals, kana, ideographs, Hangul…) text runs on across line ends.
SPACED_SCRIPTS_END = "\u2e80"
# A line accepted for the part of a field at once, without trying the field's other
# lines, when at most this many of its characters are left unmatched (a dropped hyphen).
_GOOD_ENOUGH_UNMATCHED = 1


@dataclass(frozen=True, slots=True)
class LinePart:
    """The part of a region's text that lies on one input line."""

    id: str
    text: str
    box: BBox
    hyphen: str | None = None  # the last word goes on at the next line: the printed hyphen


@dataclass(frozen=True, slots=True)
class Region:
    """One typed block of text in one column: a headline, a byline, a paragraph (or the
    part of it in one column), a caption, a credit, an unassigned block."""

    id: str
    role: Role
    text: str
    lines: tuple[LinePart, ...]
    box: BBox
    continues: bool = False  # the next region is the rest of this field (another column)


@dataclass(frozen=True, slots=True)
class ArticlePlan:
    id: str
    regions: tuple[Region, ...]


@dataclass(frozen=True, slots=True)
class PagePlan:
    source: str
    page: int | None
    geometry: Geometry
    articles: tuple[ArticlePlan, ...]
    unassigned: tuple[Region, ...]
    dropped: tuple[str, ...]
    notes: tuple[str, ...] = ()

    @property
    def regions(self) -> list[Region]:
        """Every region in reading order: the articles', then the unassigned ones."""
        return [r for a in self.articles for r in a.regions] + list(self.unassigned)


@dataclass(slots=True)
class _Builder:
    geometry: Geometry
    lines: dict[int, Line]
    dropped: list[str] = field(default_factory=list)
    count: int = 0

    def regions(self, role: Role, text: str, numbers: list[int], used: set[int]) -> list[Region]:
        """The regions of one field: its parts on its lines, split where a column ends."""
        text = self._xml_safe(text)
        parts = self._parts(text, numbers, used)
        out: list[Region] = []
        for chunk in _columns(parts):
            self.count += 1
            rid = f"r{self.count}"
            # A line the source gave no box (an unaligned line of text + image) is put
            # in its region's box.
            box = BBox.enclosing([b for _, b, _ in chunk if b is not None]) or _NOWHERE
            lines = tuple(
                LinePart(f"{rid}l{k}", t, b or box, hyphen)
                for k, (t, b, hyphen) in enumerate(chunk, start=1)
            )
            out.append(Region(rid, role, "".join(ln.text for ln in lines), lines, box, True))
        if out:
            last = out[-1]
            out[-1] = Region(last.id, last.role, last.text, last.lines, last.box, False)
        return out

    def _xml_safe(self, text: str) -> str:
        bad = NOT_XML_RE.findall(text)
        if bad:
            self.dropped.extend(bad)
            text = NOT_XML_RE.sub("", text)
        return text

    def _parts(
        self, text: str, numbers: list[int], used: set[int]
    ) -> list[tuple[str, BBox | None, str | None]]:
        """(text, box, hyphen) per line; the texts, joined, are ``text`` exactly."""
        candidates = [n for n in dict.fromkeys(numbers) if n in self.lines and n not in used]
        at = [i for i, c in enumerate(text) if not c.isspace()]  # the visible characters
        visible = "".join(text[i] for i in at)
        parts: list[tuple[str, BBox | None, str | None]] = []
        pos = k = 0  # in the text, in its visible characters
        while k < len(visible) and candidates:
            pick = _best_line(visible, k, candidates, self.lines)
            if pick is None:
                break
            line, k, last_matched = pick
            end = at[k - 1] + 1
            used.add(line.number)
            candidates.remove(line.number)
            hyphen = _hyphen(line, text, end, last_matched)
            parts.append((text[pos:end], self._box(line.number), hyphen))
            pos = end
        if pos < len(text) or not parts:
            if parts:
                last_text, box, _ = parts[-1]
                parts[-1] = (last_text + text[pos:], box, None)
            else:  # no input line known for it: the field as one line where its lines are
                boxes = [self.geometry.boxes[n] for n in numbers if n in self.geometry.boxes]
                parts.append((text, BBox.enclosing(boxes), None))
        return parts

    def _box(self, number: int) -> BBox | None:
        return self.geometry.boxes.get(number)


# A field none of whose lines has a box (it cannot happen with relayout's own results:
# every line gets one, measured or synthetic) sits at the page's corner, one pixel large.
_NOWHERE = BBox(0, 0, 1, 1)


def _best_line(
    visible: str, k: int, candidates: list[int], lines: dict[int, Line]
) -> tuple[Line, int, bool] | None:
    """The line whose characters continue the field's ``visible`` characters at ``k``
    furthest: the first one in order that matches all but _GOOD_ENOUGH_UNMATCHED of its
    characters, or else the one that matches most. Returns it, where its part ends (in
    ``visible``), and whether its last character was matched."""
    best: tuple[int, Line, int, bool] | None = None
    for number in candidates:
        line = lines[number]
        own = "".join(line.text.split())
        end, matched, last_matched = _take(own, visible, k)
        if matched == 0:
            continue
        if best is None or matched > best[0]:
            best = (matched, line, end, last_matched)
        if len(own) - matched <= _GOOD_ENOUGH_UNMATCHED:
            break
    if best is None:
        return None
    _, line, end, last_matched = best
    return line, end, last_matched


def _take(own: str, visible: str, k: int) -> tuple[int, int, bool]:
    """Match a line's visible characters ``own`` in order against ``visible`` from ``k``
    (a line character that does not match is skipped). Returns where the match ends in
    ``visible``, how many characters matched, and whether the last one was one of them."""
    if visible.startswith(own, k):  # the usual case, at C speed
        return k + len(own), len(own), True
    j, matched, last = k, 0, False
    for c in own:
        last = j < len(visible) and visible[j] == c
        if last:
            j += 1
            matched += 1
    return j, matched, last


def _hyphen(line: Line, text: str, end: int, last_matched: bool) -> str | None:
    """How a word goes on from the end of ``line`` at the start of the next one, when the
    text goes on there without a space: the source's hyphenation mark, or a hyphen the
    line ends with that the text left out; "" for text joined with nothing left out
    (a word a reader cut, "d" + "'installation"). None: the line ends a word."""
    if end == 0 or end >= len(text) or text[end].isspace():
        return None
    if text[end - 1].isalnum():
        if line.word_break is not None:
            return line.word_break
        tail = line.text.rstrip()
        if tail and tail[-1] in HYPHENS and not last_matched:
            return tail[-1]
    if _spaced(text[end - 1]) and _spaced(text[end]):
        return ""
    return None


def _spaced(ch: str) -> bool:
    """A character of a script that sets words apart with spaces (Latin, Greek,
    Cyrillic… and their punctuation): a line end with no space inside such text must be
    said, a reader would put one there. (CJK text runs on across line ends.)"""
    return ch < SPACED_SCRIPTS_END and not ch.isspace()


def _columns(
    parts: list[tuple[str, BBox | None, str | None]],
) -> list[list[tuple[str, BBox | None, str | None]]]:
    """Cut a field's lines where a line lies wholly above the one before it: the text
    goes on at the top of the next column."""
    chunks: list[list[tuple[str, BBox | None, str | None]]] = []
    above: BBox | None = None  # the last line with a box
    for part in parts:
        box = part[1]
        if not chunks or (box is not None and above is not None and box.y1 <= above.y0):
            chunks.append([part])
        else:
            chunks[-1].append(part)
        above = box or above
    return chunks


def plan_page(result: PageResult) -> PagePlan:
    """The page's regions and lines in reading order, with pixel geometry."""
    geometry = page_geometry(result)
    builder = _Builder(geometry, {ln.number: ln for ln in result.lines})
    articles: list[ArticlePlan] = []
    for article in result.articles:
        regions: list[Region] = []
        heads: set[int] = set()
        for text in article.headline:
            regions += builder.regions(Role.HEADLINE, text, article.headline_lines, heads)
        bylines: set[int] = set()
        for text in article.bylines:
            regions += builder.regions(Role.BYLINE, text, article.byline_lines, bylines)
        for p in article.paragraphs:
            regions += builder.regions(p.role, p.text, p.lines, set())
        for c in article.captions:
            regions += builder.regions(c.role, c.text, c.lines, set())
        articles.append(ArticlePlan(article.id, tuple(regions)))
    unassigned: list[Region] = []
    for u in result.unassigned:
        unassigned += builder.regions(u.role, u.text, u.lines, set())
    return PagePlan(
        source=result.source,
        page=result.page,
        geometry=geometry,
        articles=tuple(articles),
        unassigned=tuple(unassigned),
        dropped=(*result.dropped, *builder.dropped),
        notes=tuple(result.notes),
    )
