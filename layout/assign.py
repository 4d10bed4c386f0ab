"""Stage 4, assign: give every orphan (headline, byline, caption, credit) to its article.

1. Heading lines that sit together are cut into headline blocks (kicker, main
   title, subtitle of one article stay together; neighbouring headlines of two
   articles come apart) by dynamic programming over the stack.
2. Headline blocks and articles are matched globally, at most one headline per
   article, with scipy's ``linear_sum_assignment``; "no headline on this page"
   is allowed for an article, and "no article" for a headline too weak for all.
3. ▶ bylines follow the headline they sit under, or the article they close.
4. Captions and credits go to the best-matching article, several per article;
   one that matches none is a stand-alone photo item.

Scores: content evidence (evidence.ArticleIndex, 0..1) plus small position
bonuses; weights in rules.py.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linear_sum_assignment

from .conventions import Assign, Conventions
from .evidence import ArticleIndex, TermCache, split_indexes
from .model import Block, Line, Role
from .segment import Draft, Orphan, Segmentation

# Why an orphan the page's order placed (Orphan.fixed, band.py) is where it is.
FIXED_EVIDENCE = "(in the page's headline band, in the articles' order)"


@dataclass(slots=True)
class Placement:
    """Where an orphan goes, how sure relayout is, and why."""

    orphan: Orphan
    article: int | None  # index into the drafts; None: unassigned / photo item
    confidence: float = 0.0
    evidence: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Assignment:
    headlines: dict[int, list[Placement]]  # article → its headline blocks, page order
    placements: list[Placement]  # every orphan, placed or not
    homeless: list[Orphan] = field(default_factory=list)  # headline blocks left over
    # The drafts' n-gram index the assignment scored with: later steps on the same
    # drafts (hidden_boundaries, headless_joins) reuse it instead of building it again.
    index: ArticleIndex | None = None


def assign(seg: Segmentation, conv: Conventions) -> Assignment:
    rules = conv.assign
    index = ArticleIndex([_article_text(d) for d in seg.drafts], rules.ngram_sizes, seg.terms)
    blank_lines_usual = _blank_lines_usual(seg)
    fixed = [o for o in seg.orphans if o.fixed is not None]
    free = [o for o in seg.orphans if o.fixed is None]
    stacks = [o for o in free if o.role is Role.HEADLINE]
    others = [o for o in free if o.role is not Role.HEADLINE]
    headline_blocks = [
        b for s in stacks for b in split_stack(s, index, blank_lines_usual, rules=rules)
    ]
    inside = _inside_lines(headline_blocks, index, seg.drafts)
    competing = [h for h in headline_blocks if h not in inside]
    byline_orders = {o.order for o in others if o.role is Role.BYLINE}
    placed_fixed = [Placement(o, o.fixed, 1.0, [FIXED_EVIDENCE]) for o in fixed]
    headed = {o.fixed for o in fixed if o.fixed is not None and o.role is Role.HEADLINE}
    placed_heads, leftovers = assign_headlines(
        competing, index, seg.drafts, byline_orders, rules=rules, taken=headed
    )
    placements = placed_fixed + placed_heads
    heads_at = PlacedHeads([p for p in placements if p.orphan.role is Role.HEADLINE])
    homeless = []
    for orphan in sorted(leftovers + inside, key=lambda o: o.order):
        placement = _place_leftover_heading(orphan, index, seg.drafts, heads_at, rules=rules)
        # A headline of two lines or more, or one line no article wants even as a
        # caption, is a headline without its article.
        if placement.orphan.role is not Role.HEADLINE and (
            placement.article is None or len(orphan.blocks) > 1
        ):
            homeless.append(orphan)
        placements.append(placement)
    above = {
        p.orphan.blocks[-1].order: p.article
        for p in placements
        if p.orphan.role is Role.HEADLINE and p.article is not None
    }
    for orphan in others:
        if orphan.role is Role.BYLINE:
            placements.append(place_byline(orphan, seg.drafts, above, rules=rules))
        else:
            placements.append(place_caption(orphan, index, rules=rules))
    headlines: dict[int, list[Placement]] = {}
    for p in placements:
        if p.article is not None and p.orphan.role is Role.HEADLINE:
            headlines.setdefault(p.article, []).append(p)
    for heads in headlines.values():
        heads.sort(key=lambda p: p.orphan.order)
    placements.sort(key=lambda p: p.orphan.order)
    return Assignment(headlines, placements, homeless, index)


# --- a headline with no article finds it inside another article's text --------------


def hidden_boundaries(seg: Segmentation, placed: Assignment, rules: Assign) -> set[tuple[int, int]]:
    """Where to split articles in two: {(draft, block index)}, one per left-over headline.

    A headline block left over although its words clearly belong to one article
    (that article got another headline) may be the headline of a second article
    that the text gave no sign of: no opening, no closing names. Look for the
    paragraph break of that article where the left-over headline matches the text
    on one side and the article's own headline the text on the other side.
    """
    cuts: set[tuple[int, int]] = set()
    if not seg.drafts:
        return cuts
    index = _index_of(seg, placed, rules)
    for orphan in placed.homeless:
        if len(orphan.text) < rules.hidden_min_chars:
            continue
        scores = index.scores(orphan.text)
        d = int(scores.argmax())
        owners = placed.headlines.get(d, [])
        if scores[d] < rules.decisive_score or not owners:
            continue
        owner = " ".join(p.orphan.text for p in owners)
        found = _best_cut(seg.drafts[d], orphan.text, owner, index.terms, rules=rules)
        if found:
            cuts.add((d, found[1]))
    return cuts


def headless_joins(seg: Segmentation, placed: Assignment, rules: Assign) -> set[int]:
    """Articles to join to the one before them: {index of the second draft}.

    An article left without a headline, next to one whose headline's words are in
    both, is that article's other half: the text cut it at a sign that usually opens
    an article (a second dateline) while its headline went to the other half. Joined
    only across a boundary nothing else marks: no closing names, no orphan between.
    """
    if len(seg.drafts) < 2:
        return set()
    index = _index_of(seg, placed, rules)
    joins: set[int] = set()
    for d in range(len(seg.drafts)):
        if d in placed.headlines:
            continue
        for n in (d - 1, d + 1):
            first, second = min(d, n), max(d, n)
            if n < 0 or n >= len(seg.drafts) or n not in placed.headlines:
                continue
            if not _soft_boundary(seg.drafts[first], seg.drafts[second]) or second in joins:
                continue
            scores = index.scores(" ".join(p.orphan.text for p in placed.headlines[n]))
            own, here = float(scores[n]), float(scores[d])
            if here >= rules.min_headline_score and here >= rules.join_min_share * own:
                joins.add(second)
                break
    return joins


def _soft_boundary(first: Draft, second: Draft) -> bool:
    """Nothing but the text marks the boundary: no closing names, no orphan between."""
    return not first.signatures and second.first - first.last == 1


def _best_cut(
    draft: Draft, head: str, owner: str, terms: TermCache, rules: Assign
) -> tuple[float, int] | None:
    """The paragraph break of the draft that best separates ``head``'s text from
    ``owner``'s: (gain, block index) if the gain is decisive."""
    blocks = draft.blocks
    pieces = terms.pieces([b.text for b in blocks])  # once, not once per break tried
    cuts = [
        k
        for k in range(1, len(blocks))
        if blocks[k].role is Role.BODY and not blocks[k - 1].continues
    ]
    if pieces is None:
        indexes: Iterable[ArticleIndex] = (_halves(blocks, k, terms, rules) for k in cuts)
    else:
        indexes = split_indexes(pieces, cuts, [head, owner], rules.ngram_sizes, terms)
    best: tuple[float, int] | None = None
    for k, halves in zip(cuts, indexes, strict=True):
        h, o = halves.scores(head), halves.scores(owner)
        gain = max((h[1] - h[0]) + (o[0] - o[1]), (h[0] - h[1]) + (o[1] - o[0]))
        if gain >= rules.hidden_split_gain and (best is None or gain > best[0]):
            best = (gain, k)
    return best


def _halves(blocks: list[Block], k: int, terms: TermCache, rules: Assign) -> ArticleIndex:
    """The index of the draft's blocks before k and from k on, each normalised whole."""
    return ArticleIndex([_text(blocks[:k]), _text(blocks[k:])], rules.ngram_sizes, terms)


def _text(blocks: list[Block]) -> str:
    return "".join(b.text for b in blocks)


def _index_of(seg: Segmentation, placed: Assignment, rules: Assign) -> ArticleIndex:
    if placed.index is not None:
        return placed.index
    return ArticleIndex([_article_text(d) for d in seg.drafts], rules.ngram_sizes, seg.terms)


def _article_text(draft: Draft) -> str:
    return _text(draft.blocks)


def _blank_lines_usual(seg: Segmentation) -> bool:
    """Does this extractor put a blank line between most lines? Then a missing one means
    two lines were set as one block (a two-line headline)."""
    lines = [ln for d in seg.drafts for b in d.blocks for ln in b.lines[1:]]
    if not lines:
        return False
    return sum(1 for ln in lines if ln.blank_before) > len(lines) / 2


# --- 1. headline stacks → headline blocks ------------------------------------------


def split_stack(
    stack: Orphan, index: ArticleIndex, blank_usual: bool, rules: Assign
) -> list[Orphan]:
    """Cut a stack of heading lines into headline blocks by dynamic programming."""
    lines = stack.blocks
    if len(index) == 0:
        return [Orphan(Role.HEADLINE, lines, stack.after, stack.before)]
    lines = [piece for b in lines for piece in split_side_by_side(b, index, rules=rules)]
    scores = np.array([index.scores(b.text) for b in lines])
    n = len(lines)
    best = [0.0] + [-np.inf] * n
    cut = [0] * (n + 1)
    for j in range(1, n + 1):
        for i in range(max(0, j - rules.max_headline_lines), j):
            value = best[i] + _group_value(lines[i:j], scores[i:j], blank_usual, rules=rules)
            if value > best[j]:
                best[j], cut[j] = value, i
    groups: list[list[Block]] = []
    j = n
    while j > 0:
        groups.append(lines[cut[j] : j])
        j = cut[j]
    return [Orphan(Role.HEADLINE, g, stack.after, stack.before) for g in reversed(groups)]


def split_side_by_side(line: Block, index: ArticleIndex, rules: Assign) -> list[Block]:
    """Two headlines that stood side by side on one baseline come out as one line, the
    two separated by a space ("某地新建学校 山区公路修通"). Cut the line at the space
    where the words on each side decide for a different article; a space between the
    phrases of one headline leaves both sides pointing to the same one (or to none)."""
    text = line.text
    for cut in (i for i, ch in enumerate(text) if ch == " "):
        left, right = text[:cut].strip(), text[cut + 1 :].strip()
        if not left or not right:
            continue
        if not _can_decide(left, index) or not _can_decide(right, index):
            continue
        ls = index.scores(left)
        a = int(ls.argmax())
        if not _decisive(ls, a, rules):
            continue  # the right side's score cannot change that: not scored
        rs = index.scores(right)
        b = int(rs.argmax())
        if a != b and _decisive(rs, b, rules):
            src = line.lines[0]
            # The right piece never continues the left one as a headline's next line
            # would: it gets a blank line before it, as separate blocks have.
            first = Line(src.number, left, src.blank_before, src.box, src.size, src.hint)
            second = Line(src.number, right, max(1, src.blank_before), src.box, src.size)
            return [
                Block(Role.HEADLINE, [first], left, line.order),
                Block(Role.HEADLINE, [second], right, line.order),
            ]
    return [line]


def _can_decide(text: str, index: ArticleIndex) -> bool:
    """Can the text's words alone name an article? On a Latin-script page a word or two
    cannot (a headline's word is found in several articles' text: "dies", "release");
    character n-grams always come several to a phrase."""
    words = index.terms.words
    if words is None:
        return True
    return len(index.terms.of(text, index.ngram_sizes)) >= words.min_to_decide


def _group_value(lines: list[Block], scores: np.ndarray, blank_usual: bool, rules: Assign) -> float:
    evidence = float(scores.sum(axis=0).max())
    cues = sum(
        _same_block_cue(a, b, blank_usual, rules=rules) for a, b in itertools.pairwise(lines)
    )
    return evidence + cues - rules.headline_block_cost


def _same_block_cue(upper: Block, lower: Block, blank_usual: bool, rules: Assign) -> float:
    if upper.text.endswith(("：", ":")) or lower.text.startswith(("——", "—", "--")):
        return rules.same_block_bonus  # a kicker ending in a colon, a subtitle with a dash
    if blank_usual and lower.lines[0].blank_before == 0:
        return rules.same_block_bonus / 2
    return 0.0


# --- 2. headline blocks ↔ articles -------------------------------------------------


def assign_headlines(
    heads: list[Orphan],
    index: ArticleIndex,
    drafts: list[Draft],
    byline_orders: set[int],
    rules: Assign,
    taken: set[int] | None = None,
) -> tuple[list[Placement], list[Orphan]]:
    """Global one-to-one matching; returns placements and the headlines left over.

    Leaving a headline without an article scores MIN_HEADLINE_SCORE (a dummy column per
    headline), so only pairs scoring at least that can be part of the best matching.
    Those pairs link headlines and articles into groups that do not compete with each
    other; each group is matched on its own (linear_sum_assignment on its small matrix):
    the same matching as one over the whole page, without a headlines × articles matrix
    whose size and solving time grow with the square and cube of the page's length.
    """
    if not heads or not drafts:
        return [], heads
    habit = _page_habit(heads, index, rules=rules)
    bonus = [position_bonus(h, habit, drafts, byline_orders, rules=rules) for h in heads]
    candidates = [
        [a for a in _candidates(index.scores(h.text), b, rules=rules) if a not in (taken or ())]
        for h, b in zip(heads, bonus, strict=True)
    ]
    chosen: dict[int, int] = {}
    for group, articles in _groups(candidates):
        chosen.update(_match(group, articles, heads, index, bonus, rules=rules))
    placements: list[Placement] = []
    leftovers: list[Orphan] = []
    for r, head in enumerate(heads):
        c = chosen.get(r)
        if c is None:
            leftovers.append(head)
            continue
        total = _total(index.scores(head.text), bonus[r])
        evidence = index.shared(head.text, c) + _position_words(
            head, c, bonus[r].get(c, 0.0), rules=rules
        )
        placements.append(Placement(head, c, _confidence(total, c), evidence))
    return placements, leftovers


def _total(content: np.ndarray, bonus: dict[int, float]) -> np.ndarray:
    total = content.copy()
    for article, value in bonus.items():
        total[article] += value
    return total


def _candidates(content: np.ndarray, bonus: dict[int, float], rules: Assign) -> list[int]:
    """The articles a headline could take rather than none (see assign_headlines)."""
    total = _total(content, bonus)
    return [int(a) for a in np.flatnonzero(total >= rules.min_headline_score)]


def _groups(candidates: list[list[int]]) -> list[tuple[list[int], list[int]]]:
    """Connected groups of (headlines, articles) linked by candidate pairs, each sorted;
    headlines without a candidate are left out (they take no article)."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def root(node: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]  # path halving
            node = parent[node]
        return node

    for r, articles in enumerate(candidates):
        for a in articles:
            parent[root(("a", a))] = root(("h", r))
    members: dict[tuple[str, int], tuple[list[int], list[int]]] = {}
    for r, articles in enumerate(candidates):
        if articles:
            members.setdefault(root(("h", r)), ([], []))[0].append(r)
    for kind, a in list(parent):
        if kind == "a":
            members[root(("a", a))][1].append(a)
    return [(sorted(h), sorted(a)) for h, a in members.values()]


def _match(
    group: list[int],
    articles: list[int],
    heads: list[Orphan],
    index: ArticleIndex,
    bonus: list[dict[int, float]],
    rules: Assign,
) -> dict[int, int]:
    """The best matching of one group: headline index → article index."""
    total = np.array([_total(index.scores(heads[r].text), bonus[r])[articles] for r in group])
    dummies = np.full((len(group), len(group)), rules.min_headline_score)
    rows, cols = linear_sum_assignment(-np.hstack([total, dummies]))
    return {group[r]: articles[c] for r, c in zip(rows, cols, strict=True) if c < len(articles)}


def position_bonus(
    head: Orphan,
    habit: tuple[bool, bool],
    drafts: list[Draft],
    byline_orders: set[int],
    rules: Assign,
) -> dict[int, float]:
    """Position bonus of a headline for the articles next to it (article → bonus).

    A headline right after an article's end or right before its start gets a small
    bonus; a large one when that is this page's habit (the extractor puts its
    headlines in one way throughout: seen on the headlines whose words already
    decide), or when a ▶ byline sits between it and the article's first paragraph.
    """
    after, before = habit
    out: dict[int, float] = {}
    if head.after is not None:
        out[head.after] = rules.habit_bonus if after else rules.adjacent_bonus
    if head.before is not None:
        b = head.before
        out[b] = out.get(b, 0.0) + (rules.habit_bonus if before else rules.adjacent_bonus)
        under = head.blocks[-1].order + 1
        if under in byline_orders and drafts[b].first == under + 1:
            out[b] += rules.habit_bonus  # headline, byline, first paragraph
    return out


def _page_habit(heads: list[Orphan], index: ArticleIndex, rules: Assign) -> tuple[bool, bool]:
    """Do this page's headlines sit right after their articles? right before them?"""
    after = before = decided = 0
    for head in heads:
        content = index.scores(head.text)
        if len(content) == 0:
            continue
        best = int(content.argmax())
        if not _decisive(content, best, rules):
            continue
        decided += 1
        after += head.after == best
        before += head.before == best and head.after != best
    share = rules.habit_share * decided
    return (after >= 2 and after >= share), (before >= 2 and before >= share)


def _adjacency(orphan: Orphan, article: int, rules: Assign) -> float:
    return rules.adjacent_bonus * ((orphan.after == article) + (orphan.before == article))


def _position_words(
    orphan: Orphan, article: int, bonus: float = 0.0, *, rules: Assign
) -> list[str]:
    words = []
    habit = " as on the rest of the page" if bonus >= rules.habit_bonus else ""
    if orphan.after == article:
        words.append(f"(right after the article{habit})")
    if orphan.before == article:
        words.append(f"(right before the article{habit})")
    return words


def _confidence(row: np.ndarray, chosen: int) -> float:
    """How clearly the chosen article beats the runner-up (0..1)."""
    others = np.delete(row, chosen)
    runner_up = float(others.max()) if len(others) else 0.0
    best = float(row[chosen])
    if best <= 0:
        return 0.0
    return round(max(0.0, min(1.0, best)) * best / (best + max(runner_up, 0.0) + 0.05), 3)


class PlacedHeads:
    """The placed headlines, looked up by position (no scan of all of them per orphan):
    the one ending right above an orphan, the one starting right below it, and the
    articles that have a headline."""

    def __init__(self, placed: list[Placement]) -> None:
        self._by_last = {p.orphan.blocks[-1].order: (i, p) for i, p in enumerate(placed)}
        self._by_first = {p.orphan.order: (i, p) for i, p in enumerate(placed)}
        self.articles = {p.article for p in placed if p.article is not None}

    def next_to(self, orphan: Orphan) -> list[Placement]:
        """The placed headlines right above and right below the orphan, in placing order."""
        above = self._by_last.get(orphan.order - 1)
        below = self._by_first.get(orphan.blocks[-1].order + 1)
        found = dict(pair for pair in (above, below) if pair is not None)
        return [found[i] for i in sorted(found)]


def _place_leftover_heading(
    orphan: Orphan, index: ArticleIndex, drafts: list[Draft], placed: PlacedHeads, rules: Assign
) -> Placement:
    """A heading block the matching left over.

    It joins a headline when it is that headline's other line: right next to it
    in the stack with evidence for the same article, or dropped by the extractor
    inside the article's own text. Otherwise a single line is a caption candidate.
    """
    scores = index.scores(orphan.text) if len(index) else np.zeros(0)
    for p in placed.next_to(orphan):
        a = p.article
        if a is None or scores[a] < rules.weak_line_score:
            continue
        if len(p.orphan.blocks) + len(orphan.blocks) <= rules.max_headline_lines:
            evidence = [*index.shared(orphan.text, a), "(next to its headline)"]
            return Placement(orphan, a, _confidence(scores, a), evidence)
    if len(scores):
        best = int(scores.argmax())
        inside = drafts[best].first < orphan.order < drafts[best].last
        has_head = best in placed.articles
        if inside and has_head and scores[best] >= rules.min_headline_score:
            evidence = [*index.shared(orphan.text, best), "(inside the article's text)"]
            return Placement(orphan, best, _confidence(scores, best), evidence)
    orphan.role = Role.CAPTION if len(orphan.blocks) == 1 else Role.OTHER
    if orphan.role is Role.CAPTION:
        return place_caption(orphan, index, rules=rules)
    return Placement(orphan, None)


def _decisive(scores: np.ndarray, best: int, rules: Assign) -> bool:
    """The best article's score is high and well ahead of the runner-up's."""
    top = float(scores[best])
    runner_up = float(np.partition(scores, -2)[-2]) if len(scores) > 1 else 0.0
    return top >= rules.decisive_score and top >= rules.decisive_ratio * runner_up


def _inside_lines(heads: list[Orphan], index: ArticleIndex, drafts: list[Draft]) -> list[Orphan]:
    """Single heading lines that sit inside their own article's text, cutting a sentence:
    the extractor dropped a headline's second line there. They join that headline
    after the matching instead of competing with it."""
    out = []
    for head in heads:
        if len(head.blocks) != 1 or not len(index):
            continue
        best = int(index.scores(head.text).argmax())
        if drafts[best].first < head.order < drafts[best].last:
            out.append(head)
    return out


# --- 3. bylines -------------------------------------------------------------------


def place_byline(
    orphan: Orphan, drafts: list[Draft], above: dict[int, int], rules: Assign
) -> Placement:
    """A ▶ byline under a headline belongs to its article; else to the article it follows.

    ``above``: the article of each placed headline, by the order of its last block."""
    under = above.get(orphan.order - 1)
    if under is not None:
        return Placement(orphan, under, 0.9, ["(right after its headline)"])
    # Only the articles next to it can score above zero (see _byline_score): the others
    # count as one zero, for the runner-up in the confidence.
    near = _neighbours(orphan)
    if not near:
        return Placement(orphan, None)
    scores = np.array([_byline_score(orphan, i, drafts[i], rules=rules) for i in near] + [0.0])
    if scores.max() <= 0:
        return Placement(orphan, None)
    best = int(scores[:-1].argmax())
    if len(drafts) == len(near):
        scores = scores[:-1]  # no other article: no zero to compare with
    article = near[best]
    return Placement(
        orphan, article, _confidence(scores, best), _position_words(orphan, article, rules=rules)
    )


def _neighbours(orphan: Orphan) -> list[int]:
    """The articles right before and right after an orphan, ascending, once each."""
    return sorted({a for a in (orphan.after, orphan.before) if a is not None})


def _byline_score(orphan: Orphan, i: int, draft: Draft, rules: Assign) -> float:
    score = 2 * _adjacency(orphan, i, rules=rules)
    if draft.signatures:
        score -= rules.byline_already_signed_penalty
    return score


# --- 4. captions and credits ------------------------------------------------------


def place_caption(orphan: Orphan, index: ArticleIndex, rules: Assign) -> Placement:
    if not len(index):
        return Placement(orphan, None)
    scores = index.scores(orphan.text)
    for a in _neighbours(orphan):
        scores[a] += _adjacency(orphan, a, rules=rules) / 2
    best = int(scores.argmax())
    if scores[best] < rules.min_caption_score:
        return Placement(orphan, None, 0.0, ["(matches no article: a photo item)"])
    return Placement(orphan, best, _confidence(scores, best), index.shared(orphan.text, best))
