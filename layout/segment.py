"""Stage 3, segment: blocks in input order → article bodies and orphans.

An article's body is a run of paragraphs (with its subheads). A new article
starts at a news opening (本报讯, an agency dateline), after the authors' names
that close the previous one, or after a heading that names a new subject.
Headlines, captions, credits and ▶ bylines are not placed here: they become
orphans that the assign stage gives to articles on the evidence of their text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .conventions import Conventions, Marks
from .evidence import TermCache, WordTerms, longest_shared_runs, normalise, split_terms_chunks
from .model import Block, Line, Role, RoleReason
from .text import CJK_JOINS, Joiner, join_lines, width
from .words import language_joiner

_LATIN_WORD_RE = re.compile(r"[^\W\d_]+")  # letters of any script, no digits

# The rules by which the segmentation gives a block its role, for ``--explain``
# (Block.role_rule; the re-flow's are reflow.ROLE_RULES).
ROLE_RULES: dict[str, str] = {
    "comma-headline": "a pile of short lines with no sentence end that nothing continues: "
    "headline lines, though they hold a comma",
    "glued-closing-name": "one name glued after the article's last sentence where it ends",
    "caption-before-credit": "a complete paragraph followed by a photo credit, set apart from "
    "the text before it: that photo's caption",
    "subhead": "one or two heading lines between two paragraphs of one article, the sentence "
    "not cut: a section heading",
    "names-new-subject": "a heading between two paragraphs that names a subject the text after "
    "it repeats and the text before never mentions: the headline of a new article",
    "names-article-before": "on a Latin-script page, a heading between two paragraphs holding a "
    "word the text before it uses and the text after it never does: the headline of the "
    "article before, set after it (a subhead's words are those of the section it opens)",
    "band-caption": "a short text read as running text inside a headline band (headlines "
    "given together after their articles' text, band.py), which holds only headlines, "
    "bylines and photo captions: a caption",
}
# The role rule of a short text inside a headline band (band.py) made a caption.
BAND_CAPTION_RULE = "band-caption"


@dataclass(slots=True)
class Draft:
    """An article's body while the pipeline builds it."""

    blocks: list[Block] = field(default_factory=list)  # BODY and SUBHEAD, reading order
    signatures: list[Block] = field(default_factory=list)  # closing authors' names
    closed: bool = False

    @property
    def first(self) -> int:
        return self.blocks[0].order if self.blocks else -1

    @property
    def last(self) -> int:
        orders = [b.order for b in self.blocks + self.signatures]
        return max(orders) if orders else -1

    def body_text(self) -> str:
        return "".join(b.text for b in self.blocks if b.role is Role.BODY)


@dataclass(slots=True)
class Orphan:
    """A block (or a stack of heading lines) not yet placed in an article."""

    role: Role  # HEADLINE, BYLINE, CAPTION, CREDIT, OTHER
    blocks: list[Block]
    after: int | None = None  # index of the draft that ended just before it
    before: int | None = None  # index of the draft that starts just after it
    # The article the page's order gives it (a headline band, band.py): placed there
    # without scoring. An index into the drafts as they are when it is set.
    fixed: int | None = None

    @property
    def order(self) -> int:
        return self.blocks[0].order

    @property
    def text(self) -> str:
        return " ".join(b.text for b in self.blocks)


@dataclass(slots=True)
class Segmentation:
    drafts: list[Draft]
    orphans: list[Orphan]
    dropped: list[str] = field(default_factory=list)  # removed at joins, reported to the user
    # The terms of the texts the assignment scores, kept for this page's later rounds.
    terms: TermCache = field(default_factory=TermCache, repr=False, compare=False)


def segment(blocks: list[Block], conv: Conventions) -> Segmentation:
    blocks = complete_marked_lines(blocks, conv)
    blocks = recover_comma_headlines(blocks, conv)
    blocks = split_closing_names(blocks, conv.marks)
    mark_captions(blocks, conv)
    drafts, orphans, maybe_subheads = _walk(blocks, conv)
    _settle_subheads(drafts, orphans, maybe_subheads, conv)
    dropped: list[str] = []
    for draft in drafts:
        draft.blocks = rejoin_cut_paragraphs(
            draft.blocks, conv.marks, dropped, language_joiner(conv)
        )
    link_neighbours(drafts, orphans)
    return Segmentation(drafts, orphans, dropped, TermCache(word_terms(conv)))


def word_terms(conv: Conventions) -> WordTerms | None:
    """How a Latin-script page's texts are compared: by words (None: a CJK page, by
    character n-grams)."""
    lang = conv.language
    if not lang.latin:
        return None
    stop = frozenset(lang.common_words.split())
    rules = conv.latin
    return WordTerms(rules.word_prefix, rules.word_min_chars, stop, rules.side_by_side_min_words)


def role_reasons(seg: Segmentation) -> list[RoleReason]:
    """Why each block of the segmentation that is no running text has its role, in input
    order (``--explain``): the rule named on the block by the stage that gave the role."""
    blocks = [b for d in seg.drafts for b in d.blocks + d.signatures]
    blocks += [b for orphan in seg.orphans for b in orphan.blocks]
    blocks.sort(key=lambda b: b.order)
    return [RoleReason(tuple(b.numbers), b.role, b.role_rule) for b in blocks if b.role_rule]


def split_drafts(seg: Segmentation, cuts: set[tuple[int, int]]) -> None:
    """Cut drafts before the given blocks {(draft, block index)}: each cut starts an article."""
    for d, k in sorted(cuts, reverse=True):  # from the end: earlier indices stay valid
        draft = seg.drafts[d]
        rest = Draft(blocks=draft.blocks[k:], signatures=draft.signatures, closed=draft.closed)
        draft.blocks, draft.signatures, draft.closed = draft.blocks[:k], [], True
        seg.drafts.insert(d + 1, rest)
    link_neighbours(seg.drafts, seg.orphans)


def recover_comma_headlines(blocks: list[Block], conv: Conventions) -> list[Block]:
    """Headline lines that hold a comma ("穷则思变，走…") and so read as a paragraph piece.

    A Chinese headline may carry commas but never ends a sentence; running text cut
    mid-sentence goes on in the next block. So a pile of short blocks of short lines
    with no sentence end anywhere (with the headlines the re-flow found among them),
    that no cut paragraph leads into and that nothing continues (a byline, a jump, an
    opening or the page end follows; or running text follows but the pile's last line
    stops short, which a line cut by a column break never does), is a stack of
    headline lines: one block a line, as the re-flow makes them.
    """
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and (
            blocks[j].role is Role.HEADLINE or _reads_as_heading(blocks[j], conv)
        ):
            if j > i and blocks[j].role is Role.BODY and not _ends_short(blocks[j - 1], conv):
                break  # running text cut by a column break goes on here
            j += 1
        prev = blocks[i - 1] if i > 0 else None
        if j == i or (blocks[i].role is Role.BODY and _cut(prev)):
            out.append(blocks[i])  # no pile, or the rest of a sentence cut by a column break
            i += 1
            continue
        pile = blocks[i:j]
        if _closes_a_pile(blocks, j, conv):
            out += [piece for b in pile for piece in _as_headline_lines(b)]
        else:
            out += pile
        i = j
    for i, block in enumerate(out):
        block.order = i
    return out


def complete_marked_lines(blocks: list[Block], conv: Conventions) -> list[Block]:
    """On a Latin-script page, a byline or photo credit whose rest went to the next line
    takes it back: a byline's second line naming the author's post ("Staff Writer"); the
    line after a credit that stops at its colon ("… Foto:" glued after a caption, the
    name on the next line), or a line after a credit that starts in lowercase (a name that
    went on: "Photo: Agency" / "photo"; no headline or paragraph starts so). The line
    leaves the block it was read into."""
    if not conv.language.latin:
        return blocks
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        rest = _rest_of_mark(prev, block, conv) if prev is not None else None
        if prev is None or rest is None:
            out.append(block)
            continue
        line, remainder = rest
        marked = Block(prev.role, [*prev.lines, line], f"{prev.text} {line.text.strip()}")
        marked.role_rule = prev.role_rule
        out[-1] = marked
        if remainder is not None:
            out.append(remainder)
    for i, block in enumerate(out):
        block.order = i
    return out


def _rest_of_mark(mark: Block, block: Block, conv: Conventions) -> tuple[Line, Block | None] | None:
    """The first line of ``block`` when it ends the byline or credit before it, and what
    is left of the block without it (None: nothing); None when it does not go on."""
    if block.role not in (Role.HEADLINE, Role.BODY):
        return None
    first = block.lines[0].text.strip()
    if not first or len(first.split()) > conv.latin.name_max_words:
        return None
    if mark.role is Role.CREDIT:
        goes_on = mark.text.endswith(":") or first[0].islower()
    else:
        goes_on = mark.role is Role.BYLINE and conv.latin.byline_title.match(first) is not None
    if not goes_on:
        return None
    if len(block.lines) == 1:
        return block.lines[0], None
    if not block.text.startswith(first + " "):
        return None  # the join after the line removed or changed characters: keep it whole
    remainder = Block(block.role, block.lines[1:], block.text[len(first) + 1 :])
    remainder.continues, remainder.column = block.continues, block.column
    return block.lines[0], remainder


def _cut(block: Block | None) -> bool:
    return block is not None and block.role is Role.BODY and block.continues


def _as_headline_lines(block: Block) -> list[Block]:
    if block.role is not Role.BODY:
        return [block]
    return [
        Block(Role.HEADLINE, [ln], " ".join(ln.text.split()), role_rule="comma-headline")
        for ln in block.lines
    ]


def _reads_as_heading(block: Block, conv: Conventions) -> bool:
    """A short block of short lines cut mid-sentence with no sentence end anywhere."""
    rules = conv.segment
    if block.role is not Role.BODY or not block.continues:
        return False
    if any(ln.size is not None for ln in block.lines):
        return False  # the page image measured its type: set at body size, it is text
    if len(block.lines) > rules.comma_headline_max_lines or _opens(block, conv.marks):
        return False
    text = block.text.rstrip()
    if not text or any(c in rules.sentence_stops for c in text):
        return False
    if text[-1] in conv.typesetting.non_final:
        return False
    if max(width(ln.text.strip()) for ln in block.lines) > conv.reflow.heading_max_width:
        return False
    return _lines_hold_the_text(block)


def _closes_a_pile(blocks: list[Block], j: int, conv: Conventions) -> bool:
    """Does what follows the pile ``blocks[:j]``'s end say that nothing continues it?"""
    last = blocks[j - 1]
    nxt = blocks[j] if j < len(blocks) else None
    if last.role is Role.HEADLINE:
        return True  # the re-flow's own headline ends it: its article follows
    if _resumed_later(blocks, j - 1, conv):
        return False
    if nxt is None or nxt.role is not Role.BODY or _opens(nxt, conv.marks):
        return True
    return _ends_short(last, conv)


def _ends_short(block: Block, conv: Conventions) -> bool:
    """Before running text, only a block whose last line stops well short of its column
    is a headline: a column break cuts a paragraph on a full line. (A headline the
    re-flow found is one whatever its width.)"""
    if block.role is Role.HEADLINE:
        return True
    short = block.column - width(block.lines[-1].text.strip())
    return bool(block.column) and short >= conv.reflow.heading_gap


def _lines_hold_the_text(block: Block) -> bool:
    """The block's lines hold its text, character for character (whitespace aside): the
    re-flow removed nothing at their joins (a soft hyphen, reported as dropped), so the
    lines can stand as blocks of their own without a character coming back twice."""
    return "".join("".join(ln.text.split()) for ln in block.lines) == "".join(block.text.split())


def _resumed_later(blocks: list[Block], i: int, conv: Conventions) -> bool:
    """Does the sentence cut at block ``i`` go on after a credit, caption or byline set
    between its two halves? It does when the next paragraph after them neither opens
    (本报讯) nor starts indented, as a paragraph's first line does."""
    for later in blocks[i + 1 :]:
        if later.role is Role.HEADLINE:
            return False
        if later.role is Role.BODY:
            if conv.language.latin:  # a Latin sentence resumes in lowercase; widths of
                return later.text[:1].islower()  # proportional type tell no indent
            return not _opens(later, conv.marks) and not _starts_indented(later, conv)
    return False


def _starts_indented(block: Block, conv: Conventions) -> bool:
    gap = block.column - width(block.lines[0].text.strip())
    return bool(block.column) and conv.reflow.indent_min <= gap <= conv.reflow.indent_max


def join_drafts(seg: Segmentation, seconds: set[int]) -> None:
    """Join each draft in ``seconds`` to the draft before it (one article cut in two)."""
    for d in sorted(seconds, reverse=True):  # from the end: earlier indices stay valid
        first, second = seg.drafts[d - 1], seg.drafts.pop(d)
        first.blocks += second.blocks
        first.signatures, first.closed = second.signatures, second.closed
    link_neighbours(seg.drafts, seg.orphans)


def split_closing_names(blocks: list[Block], marks: Marks) -> list[Block]:
    """Split one glued closing name off an article's last paragraph ("…中心。高欣")."""
    out: list[Block] = []
    for i, block in enumerate(blocks):
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        match = marks.glued_single_name.search(block.text) if block.role is Role.BODY else None
        article_ends = nxt is None or nxt.role is not Role.BODY or _opens(nxt, marks)
        if match and block.continues and article_ends:
            last = block.lines[-1]
            body = Block(Role.BODY, block.lines, block.text[: match.start()], block.order)
            name_line = Line(last.number, match.group(1), 0, last.box, last.size, last.hint)
            name = Block(Role.BYLINE, [name_line], match.group(1), block.order)
            name.role_rule = "glued-closing-name"
            out += [body, name]
        else:
            out.append(block)
    for i, block in enumerate(out):
        block.order = i
    return out


def mark_captions(blocks: list[Block], conv: Conventions) -> None:
    """A complete paragraph followed by a photo credit is that photo's caption.

    Unless it reads as the last paragraph of the article before it: set in the
    same column width (or, with no widths known, longer than captions run)."""
    for i, block in enumerate(blocks[:-1]):
        if block.role is not Role.BODY or blocks[i + 1].role is not Role.CREDIT:
            continue
        if not conv.typesetting.terminal.search(block.text):
            continue
        prev = blocks[i - 1] if i > 0 else None
        if prev is not None and prev.role is Role.BODY and _same_column(prev, block, conv):
            continue
        block.role = Role.CAPTION
        block.role_rule = "caption-before-credit"


def _same_column(a: Block, b: Block, conv: Conventions) -> bool:
    """``b`` reads as more of ``a``'s article: longer than captions run, and in the same
    column width as ``a`` when widths are known."""
    long = width(b.text) > conv.segment.caption_max_width
    if a.column and b.column:
        return long and abs(a.column - b.column) <= conv.reflow.run_change
    return long


def _walk(
    blocks: list[Block], conv: Conventions
) -> tuple[list[Draft], list[Orphan], list[tuple[int, int]]]:
    """One pass in input order; returns drafts, orphans and (draft, position) of maybe-subheads."""
    drafts: list[Draft] = []
    orphans: list[Orphan] = []
    maybe: list[tuple[int, int]] = []
    heads: list[Block] = []
    for block in blocks:
        if block.role is Role.HEADLINE:
            heads.append(block)
            continue
        cur = drafts[-1] if drafts else None
        if block.role is Role.BODY:
            if heads:
                as_subhead = cur is not None and _may_be_subhead(heads, cur, block, conv)
                if as_subhead and cur is not None:
                    maybe.append((len(drafts) - 1, len(cur.blocks)))
                    for head in heads:
                        head.role, head.role_rule = Role.SUBHEAD, "subhead"
                    cur.blocks.extend(heads)
                else:
                    orphans.append(Orphan(Role.HEADLINE, heads))
                    cut = cur is not None and cur.blocks and cur.blocks[-1].continues
                    if cur is not None and (not cut or any(_set_large(h) for h in heads)):
                        cur.closed = True  # a pile of headlines ends the article before it
                heads = []
            if cur is None or cur.closed or _opens(block, conv.marks):
                drafts.append(Draft())
            drafts[-1].blocks.append(block)
            continue
        if heads:
            orphans.append(Orphan(Role.HEADLINE, heads))
            heads = []
            if block.role is Role.BYLINE and cur is not None:
                cur.closed = True  # headline and byline: a new article follows
        _place_small_block(block, cur, orphans, conv)
    if heads:
        orphans.append(Orphan(Role.HEADLINE, heads))
    return drafts, orphans, maybe


def _place_small_block(
    block: Block, cur: Draft | None, orphans: list[Orphan], conv: Conventions
) -> None:
    """Bylines, captions, credits and jumps: closing names stay, the rest are orphans."""
    if block.role is Role.BYLINE and _closing_names(block, conv) and cur and not cur.closed:
        cur.signatures.append(block)
        cur.closed = True  # the authors' names close an article
    elif block.role is Role.JUMP and cur is not None:
        jump = Block(Role.BODY, block.lines, block.text, block.order)
        if conv.language.latin:  # named, so that no article is split off at it (topics)
            jump.role_rule = block.role_rule
        cur.blocks.append(jump)
        if _jumps_onward(block, conv):
            cur.closed = True
    elif (
        block.role is Role.CAPTION
        and orphans
        and orphans[-1].role is Role.CAPTION
        and (orphans[-1].blocks[-1].order == block.order - 1)
    ):
        orphans[-1].blocks.append(block)  # one caption the image set in two blocks
    elif block.role is Role.CREDIT and orphans and orphans[-1].role is Role.CAPTION:
        orphans[-1].blocks.append(block)  # the credit closing the caption before it
    else:
        orphans.append(Orphan(block.role, [block]))


def _jumps_onward(block: Block, conv: Conventions) -> bool:
    """On a Latin-script page, a jump line that sends the reader on to another page: the
    article's text on this page ends there."""
    return conv.language.latin and conv.latin.jump_onward.match(block.text) is not None


def _closing_names(block: Block, conv: Conventions) -> bool:
    """The authors' names that close an article: Chinese names, or on a Latin-script page
    a name alone on its line (the re-flow set it apart after the last sentence)."""
    if conv.marks.names.match(block.text):
        return True
    lang = conv.language
    return lang.latin and conv.latin.name.match(block.text) is not None


def _may_be_subhead(heads: list[Block], cur: Draft, nxt: Block, conv: Conventions) -> bool:
    """A short heading between two paragraphs of one article, with the sentence not cut."""
    return (
        not cur.closed
        and bool(cur.blocks)
        and not cur.blocks[-1].continues  # a subhead never interrupts a sentence
        and len(heads) <= conv.segment.subhead_max_lines
        and not _opens(nxt, conv.marks)
        and not any(_set_large(h) for h in heads)  # subheads are set at body size
        and not any(h.text[:1] in conv.segment.subtitle_dashes for h in heads)
    )


def _set_large(block: Block) -> bool:
    """The page image says the line is set large: a headline."""
    return any(line.hint is Role.HEADLINE for line in block.lines)


def _settle_subheads(
    drafts: list[Draft], orphans: list[Orphan], maybe: list[tuple[int, int]], conv: Conventions
) -> None:
    """A heading whose rare terms match the text after it, not the text before, is a headline.

    It then starts a new article there (an in-place headline, as some extractors
    keep them).
    """
    folded: dict[int, str] = {}  # each paragraph's comparison form, computed once

    def text_of(blocks: list[Block]) -> str:
        for b in blocks:
            if id(b) not in folded:
                folded[id(b)] = normalise(b.text) if b.role is Role.BODY else ""
        return "".join(folded[id(b)] for b in blocks)

    for d, pos in sorted(maybe, reverse=True):
        draft = drafts[d]
        heads = [b for b in draft.blocks[pos:] if b.role is Role.SUBHEAD]
        heads = heads[: _run_length(draft.blocks, pos)]
        after_blocks = draft.blocks[pos + len(heads) :]
        before, after = text_of(draft.blocks[:pos]), text_of(after_blocks)
        heading = " ".join(h.text for h in heads)
        rule_name = _headline_rule(heading, before, after, draft.blocks[:pos], after_blocks, conv)
        if rule_name:
            for head in heads:
                head.role, head.role_rule = Role.HEADLINE, rule_name
            draft.blocks = draft.blocks[:pos]
            drafts.insert(d + 1, Draft(blocks=after_blocks, signatures=draft.signatures))
            draft.signatures = []
            orphans.append(Orphan(Role.HEADLINE, heads))
    orphans.sort(key=lambda o: o.order)


def _headline_rule(
    heading: str,
    before_n: str,
    after_n: str,
    before: list[Block],
    after: list[Block],
    conv: Conventions,
) -> str | None:
    """The rule by which a heading between two paragraphs is a headline, not a subhead
    (None: a subhead). ``before_n`` and ``after_n``: the texts in comparison form."""
    if _names_new_subject(heading, before_n, after_n, conv):
        return "names-new-subject"
    if not conv.language.latin:
        return None
    words = _heading_words(heading, conv)
    before_words, after_words = _word_set(before), _word_set(after)
    if any(w in after_words and w not in before_words for w in words):
        return "names-new-subject"
    if any(w in before_words and w not in after_words for w in words):
        return "names-article-before"
    return None


def _names_new_subject(heading: str, before_n: str, after_n: str, conv: Conventions) -> bool:
    """Does the heading name something (a place, an organisation) that the text after it
    is about and the article before it never mentions? Then it heads a new article.
    (``before_n`` and ``after_n`` are in comparison form: evidence.normalise.)"""
    for chunk in split_terms_chunks(heading):
        for name in longest_shared_runs(chunk, after_n):
            if (
                len(name) >= conv.segment.subject_min_chars
                and name not in before_n
                and after_n.count(name) >= conv.segment.subject_min_mentions
            ):
                return True
    return False


def _heading_words(heading: str, conv: Conventions) -> set[str]:
    """The heading's words that can name a subject on a Latin-script page: long enough to
    be no article, preposition or auxiliary. (Latin text shares its common words and
    endings everywhere, so words, not character stretches, decide.)"""
    words = {w.lower() for w in _LATIN_WORD_RE.findall(heading)}
    return {w for w in words if len(w) >= conv.latin.subject_min_letters}


def _word_set(blocks: list[Block]) -> set[str]:
    texts = (b.text for b in blocks if b.role is Role.BODY)
    return {w.lower() for text in texts for w in _LATIN_WORD_RE.findall(text)}


def _run_length(blocks: list[Block], pos: int) -> int:
    n = 0
    while pos + n < len(blocks) and blocks[pos + n].role is Role.SUBHEAD:
        n += 1
    return n


def rejoin_cut_paragraphs(
    blocks: list[Block], marks: Marks, dropped: list[str], joiner: Joiner = CJK_JOINS
) -> list[Block]:
    """Join a paragraph cut mid-sentence (by a column or page break) to the next paragraph.

    The characters the join removes (a soft hyphen) are added to ``dropped``."""
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.role is Role.BODY
            and block.role is Role.BODY
            and prev.continues
            and not _opens(block, marks)
        ):
            text, removed = join_lines([prev.text, block.text], joiner)
            dropped.extend(removed)
            merged = Block(Role.BODY, prev.lines + block.lines, text, prev.order)
            merged.continues = block.continues
            out[-1] = merged
        else:
            out.append(block)
    return out


def link_neighbours(drafts: list[Draft], orphans: list[Orphan]) -> None:
    """Note, for each orphan, the article that ends just before it and the one starting after.

    Drafts are in reading order, so their first and last block orders are sorted:
    a binary search per orphan keeps this linear in the page length."""
    firsts = [d.first for d in drafts]
    lasts = [d.last for d in drafts]
    for orphan in orphans:
        k = bisect.bisect_left(lasts, orphan.order)
        orphan.after = k - 1 if k > 0 else None
        j = bisect.bisect_right(firsts, orphan.order)
        orphan.before = j if j < len(drafts) else None


def _opens(block: Block, marks: Marks) -> bool:
    return block.role is Role.BODY and marks.opener.match(block.lines[0].text) is not None
