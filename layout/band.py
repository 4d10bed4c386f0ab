"""Stage 4c, the headline band: headlines given together after the text of their articles.

Some content streams hold a page's headings after all of its text (the layout program
wrote the text frames first): the extractor then gives the articles' bodies one after
the other with no headline between them, and after them a band of headlines, each with
its byline and photo caption, in the order of the articles. Nothing in the run of
bodies marks where one article ends but the change of words; the band says how many
articles there are, and which headline comes first.

On a Latin-script page with such a band (``latin.band_min_headlines`` headlines or more
with no article text between them), the articles before it that have no headline of
their own are cut anew into as many articles as the band has headlines: a dynamic
programme over their paragraph breaks chooses the cuts where the words change most
(topics.break_cohesions) and where each headline, with its captions, finds its own
words on its side of the cut. The band's headlines, bylines and captions then go to
those articles in order (Orphan.fixed), and the assignment places the rest as before.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from dataclasses import dataclass

import numpy as np

from .assign import Assignment, assign
from .conventions import Conventions
from .evidence import WordTerms
from .model import Block, Role
from .segment import BAND_CAPTION_RULE, Draft, Orphan, Segmentation, link_neighbours
from .topics import JUMP_RULE, break_cohesions, candidate_breaks


@dataclass(slots=True)
class Unit:
    """One block of the run of articles the band heads, and the draft it came from."""

    draft: int
    block: Block


def align_headline_band(seg: Segmentation, placed: Assignment, conv: Conventions) -> Assignment:
    """Cut the articles a headline band heads and give them the band's pieces in order;
    the assignment as it was when the page has no such band (or is no Latin page)."""
    words = seg.terms.words
    if words is None:
        return placed  # no Latin-script page: no word terms (segment.word_terms)
    rules = conv.latin
    pieces = [p.orphan for p in placed.placements]
    short = [d for d in seg.drafts if _text_size(d) <= rules.band_text_max_chars]
    band = find_band(pieces, seg.drafts, short, rules.band_min_headlines)
    if not band:
        return placed
    first = band[0].order
    inside = [d for d in short if d.first > first]  # short texts after the band's start
    last = max([band[-1].blocks[-1].order, *(d.last for d in inside)])
    band = sorted(band + [o for d in inside for o in _as_band_pieces(d)], key=lambda o: o.order)
    groups = _groups(band)
    in_band = {id(o) for o in band}
    headed = {
        p.article
        for p in placed.placements
        if p.orphan.role is Role.HEADLINE and p.article is not None and id(p.orphan) not in in_band
    }
    kept = [d for d in seg.drafts if not any(d is x for x in inside)]
    headed_kept = _renumber(headed, seg.drafts, kept)
    targets = [d for d, draft in enumerate(kept) if d not in headed_kept and draft.first < first]
    if len(targets) > len(groups):
        return placed  # more articles than headlines: no band of theirs (a short last article)
    units = [Unit(d, b) for d in targets for b in kept[d].blocks]
    cuts = best_cuts(units, groups, kept, words, conv)
    if cuts is None:
        return placed
    seg.drafts = kept
    for block in (b for d in inside for b in d.blocks):
        block.role, block.role_rule = Role.CAPTION, BAND_CAPTION_RULE
    segments = _recut(seg, targets, units, cuts)
    seg.orphans = sorted(
        [o for o in seg.orphans if o.order < first or o.order > last] + band,
        key=lambda o: o.order,
    )
    for draft, group in zip(segments, groups, strict=True):
        article = seg.drafts.index(draft)
        for orphan in group:
            orphan.fixed = article
            if _is_headline(orphan):
                orphan.role = Role.HEADLINE  # no caption, whatever the first round made it
    link_neighbours(seg.drafts, seg.orphans)
    return assign(seg, conv)


def _renumber(indices: set[int], before: list[Draft], after: list[Draft]) -> set[int]:
    """Draft indices into ``before`` as indices into ``after`` (a sub-list of it)."""
    wanted = [before[i] for i in indices]
    return {j for j, d in enumerate(after) if any(d is w for w in wanted)}


def _text_size(draft: Draft) -> int:
    return sum(len(b.text) for b in draft.blocks)


def _as_band_pieces(draft: Draft) -> list[Orphan]:
    """A short text inside a headline band is a caption read as running text (the band
    holds only headlines, bylines and photo captions); its closing names, bylines."""
    pieces = [Orphan(Role.CAPTION, list(draft.blocks))]
    return pieces + [Orphan(Role.BYLINE, [b]) for b in draft.signatures]


def find_band(
    pieces: list[Orphan], drafts: list[Draft], short: list[Draft], min_headlines: int
) -> list[Orphan]:
    """The page's headline band: the placed pieces after the page's last article text,
    from the first headline on, when they hold at least ``min_headlines`` headlines ([]
    otherwise). Neither a jump line nor the text of a short draft (``short``) counts as
    article text: the first goes with its headline, the second is a caption read as
    text."""
    short_ids = {id(d) for d in short}
    last_text = max(
        (
            b.order
            for d in drafts
            if id(d) not in short_ids
            for b in d.blocks
            if b.role_rule != JUMP_RULE
        ),
        default=-1,
    )
    band = sorted((o for o in pieces if o.order > last_text), key=lambda o: o.order)
    while band and not _is_headline(band[0]):
        band = band[1:]  # pieces before the first headline are no part of its group
    return band if _headline_count(band) >= min_headlines else []


def _groups(band: list[Orphan]) -> list[list[Orphan]]:
    """The band cut into one group per headline: the headline and the bylines, captions
    and credits after it up to the next headline."""
    groups: list[list[Orphan]] = []
    for orphan in band:
        if _is_headline(orphan) or not groups:
            groups.append([orphan])
        else:
            groups[-1].append(orphan)
    return groups


def _headline_count(run: list[Orphan]) -> int:
    return sum(1 for o in run if _is_headline(o))


def _is_headline(orphan: Orphan) -> bool:
    """A headline block of the band, or heading lines the assignment found no article
    for and made a caption (set as a headline, placed by the band's order now)."""
    return orphan.role is Role.HEADLINE or orphan.blocks[0].role is Role.HEADLINE


def best_cuts(
    units: list[Unit],
    groups: list[list[Orphan]],
    drafts: list[Draft],
    words: WordTerms,
    conv: Conventions,
) -> list[int] | None:
    """Where to cut the run of units into one article per group, in order: the unit
    indices where articles 2, 3, … start; None when it cannot be cut so.

    Cuts may fall where the text allows a new article (between drafts, or at a break
    after a complete paragraph: topics.candidate_breaks); two drafts with a headed
    article between them are always cut apart. Each cut costs its cohesion (words
    shared across it) times ``latin.band_cohesion_weight``, nothing between two drafts;
    each group gains the share of its words (headline, captions) found in its article."""
    n, g = len(units), len(groups)
    if g < 2 or n < g:
        return None
    allowed, must = _cut_places(units, drafts)
    if len(allowed) < g - 1 or len(must) > g - 1:
        return None
    places = [0, *allowed, n]
    cost = {k: 0.0 for k in allowed}
    inside = [k for k in allowed if units[k].draft == units[k - 1].draft]
    for k, value in zip(
        inside, break_cohesions([u.block for u in units], inside, words, conv.topics), strict=True
    ):
        cost[k] = value * conv.latin.band_cohesion_weight
    gains = [_gain_table(units, places, group, words) for group in groups]
    return _programme(places, must, cost, gains, g)


def _cut_places(units: list[Unit], drafts: list[Draft]) -> tuple[list[int], set[int]]:
    """The unit indices where an article may start, and those where one must."""
    allowed: list[int] = []
    must: set[int] = set()
    start = 0
    for k in range(1, len(units) + 1):
        if k < len(units) and units[k].draft == units[start].draft:
            continue
        blocks = [u.block for u in units[start:k]]
        allowed += [start + i for i in _breaks(blocks)]
        if k < len(units):
            allowed.append(k)
            if units[k].draft != units[k - 1].draft + 1:
                must.add(k)  # a headed article lies between them
        start = k
    return sorted(set(allowed)), must


def _breaks(blocks: list[Block]) -> list[int]:
    """Where an article may start inside a draft: after a complete paragraph, before a
    paragraph or a heading (an article's first line may have been read as a subhead),
    never before a jump line."""
    return candidate_breaks(blocks, openers=(Role.BODY, Role.SUBHEAD))


def _gain_table(
    units: list[Unit], places: list[int], group: list[Orphan], words: WordTerms
) -> np.ndarray:
    """gain[i, j]: the share of the group's words (weighed by rarity among the units)
    found in units[places[i]:places[j]]."""
    unit_terms = [words.terms(u.block.text) if u.block.role is Role.BODY else set() for u in units]
    df: Counter[str] = Counter(t for ts in unit_terms for t in ts)
    text = " ".join(o.text for o in group if o.role in _TELLING or _is_headline(o))
    own = sorted(t for t in words.terms(text) if df[t])
    size = len(places)
    if not own:
        return np.zeros((size, size))
    n = len(units)
    weight = np.array([max(0.0, math.log1p(n / df[t]) - math.log(2.0)) for t in own])
    if weight.sum() <= 0:
        return np.zeros((size, size))
    held = np.array([[t in ts for ts in unit_terms] for t in own], dtype=np.int64)
    prefix = np.concatenate([np.zeros((len(own), 1), np.int64), held.cumsum(axis=1)], axis=1)
    at = prefix[:, places]  # terms × places
    present = (at[:, None, :] - at[:, :, None]) > 0  # terms × start × end
    gain: np.ndarray = np.tensordot(weight, present, axes=1) / weight.sum()
    return gain


# The pieces of a band group whose words are its article's: headlines and captions (a
# byline's name and a photo credit's agency are in no article's text).
_TELLING = (Role.HEADLINE, Role.CAPTION)


def _programme(
    places: list[int], must: set[int], cost: dict[int, float], gains: list[np.ndarray], g: int
) -> list[int] | None:
    """The best cut of places[0]..places[-1] into g pieces in order (see best_cuts)."""
    size = len(places)
    best = np.full((g + 1, size), -np.inf)
    back = np.zeros((g + 1, size), dtype=np.int64)
    best[0, 0] = 0.0
    must_at = [i for i, k in enumerate(places) if k in must]
    # A piece ending at place j starts at the last place an article must start before
    # j, or later.
    lowest = [max([m for m in must_at if m < j], default=0) for j in range(size)]
    for i in range(1, g + 1):
        for j in range(1, size):
            for a in range(lowest[j], j):
                if best[i - 1, a] == -np.inf:
                    continue
                value = best[i - 1, a] + gains[i - 1][a, j] - (cost[places[a]] if a else 0.0)
                if value > best[i, j]:
                    best[i, j], back[i, j] = value, a
    if best[g, size - 1] == -np.inf:
        return None
    cuts: list[int] = []
    j = size - 1
    for i in range(g, 0, -1):
        j = int(back[i, j])
        cuts.append(places[j])
    return sorted(cuts[:-1])


def _recut(
    seg: Segmentation, targets: list[int], units: list[Unit], cuts: list[int]
) -> list[Draft]:
    """Replace the target drafts by the pieces of the cut run; the new drafts in order."""
    bounds = [0, *cuts, len(units)]
    last_unit = {units[k].draft: k for k in range(len(units))}
    segments: list[Draft] = []
    for a, b in itertools.pairwise(bounds):
        draft = Draft(blocks=[u.block for u in units[a:b]], closed=True)
        for d in targets:
            if a <= last_unit[d] < b:
                draft.signatures += seg.drafts[d].signatures
        segments.append(draft)
    kept = [d for i, d in enumerate(seg.drafts) if i not in set(targets)]
    seg.drafts = sorted(kept + segments, key=lambda d: d.first)
    return segments
