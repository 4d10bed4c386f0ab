"""The ``--explain`` report, from what the page result carries (no stage runs again).

1. Each moved block: where it came from, where it went, and the shared words why.
2. Each input line: the re-flow rule that joined it to the next line or broke the
   block after it (``reflow.BREAK_RULES``), the piece of the result it ended in, and,
   on the first line of a headline, byline, caption or other block that is no running
   text, the rule that gave it that role (``reflow.ROLE_RULES``, ``segment.ROLE_RULES``).
3. The rules named above, each with its reason.
"""

from __future__ import annotations

from .model import LineBreak, PageResult, Paragraph, RoleReason
from .reflow import BREAK_RULES
from .reflow import ROLE_RULES as REFLOW_ROLE_RULES
from .segment import ROLE_RULES as SEGMENT_ROLE_RULES

BREAK_WHY = {rule.name: rule.why for rule in BREAK_RULES}
ROLE_WHY = {**REFLOW_ROLE_RULES, **SEGMENT_ROLE_RULES}
JOINS, SPLITS = "↓", "¶"  # the next line goes on in the block / a new block starts
TEXT_SHOWN = 24  # characters of each line's text in the report: enough to find it


def explain(result: PageResult) -> str:
    report = _moves(result)
    if result.breaks or result.reasons:
        report += _lines(result) + _legend(result)
    else:
        # Geometry-first input keeps its source's blocks; a library caller may also
        # have processed the page without Options(explain=True), which records them.
        report += "  (no line decisions recorded: no re-flow ran, or explain was off)\n"
    return report


def _moves(result: PageResult) -> str:
    lines = [f"{result.source}: {len(result.moves)} block(s) moved"]
    titles = {
        a.id: (a.headline[-1] if a.headline else _opening(a.paragraphs)) for a in result.articles
    }
    for move in result.moves:
        where = (
            f"line {move.lines[0]}"
            if len(move.lines) == 1
            else f"lines {move.lines[0]}-{move.lines[-1]}"
        )
        shared = ", ".join(move.evidence) if move.evidence else "(no shared terms)"
        lines.append(
            f"  {move.role.value:<8} {where:<13} {_short(move.text)!r}\n"
            f"           → {move.to_article} {_short(titles.get(move.to_article, ''))!r}"
            f"  confidence {move.confidence:.2f}; shared: {shared}"
        )
    for item in result.unassigned:
        lines.append(
            f"  {item.role.value:<8} lines {item.lines} {_short(item.text)!r} → unassigned"
        )
    return "\n".join(lines) + "\n"


def _lines(result: PageResult) -> str:
    """One row per line the re-flow read, in its order (a line it cut in two, a credit
    glued on, gives two rows): the line's number, the piece of the result holding it,
    the rule of the break after it, its text, and its block's role rule."""
    texts = {line.number: line.text.strip() for line in reversed(result.lines)}
    pieces = pieces_of_lines(result)
    rows = [f"{len(texts) or len(pieces)} input line(s): number, piece, break after it, text"]
    seen: dict[int, int] = {}  # rows shown so far for each line
    for n, line_break, reason in _reflow_rows(result):
        k = seen[n] = seen.get(n, -1) + 1
        rule = "" if line_break is None else _break(line_break)
        text = "(a piece cut off)" if k else _short(texts.get(n, ""), TEXT_SHOWN)
        rows.append(f"  {n:>5} {_piece(pieces, n, k):<7} {rule:<28} {text}{_role(reason)}")
    for n in sorted(set(texts) - set(seen)):  # page furniture, taken out before the re-flow
        rows.append(f"  {n:>5} {_piece(pieces, n, 0):<7} {'(not re-flowed)':<28} {texts[n]}")
    return "\n".join(rows) + "\n"


def _reflow_rows(result: PageResult) -> list[tuple[int, LineBreak | None, RoleReason | None]]:
    """The re-flow's lines in order, each with the break after it (None: the last) and
    the reason of the block it starts. A line cut in two holds the piece glued on last
    (split_glued), so a reason goes on the last row of its first line."""
    breaks: list[LineBreak | None] = [*result.breaks, None]
    numbers = [b.line for b in result.breaks]
    numbers.append(result.breaks[-1].next if result.breaks else _first_line(result))
    last_row = {n: i for i, n in enumerate(numbers)}
    reasons = {last_row.get(r.lines[0], -1): r for r in result.reasons if r.lines}
    return [(n, breaks[i], reasons.get(i)) for i, n in enumerate(numbers)]


def _piece(pieces: dict[int, list[str]], n: int, k: int) -> str:
    """The piece holding the ``k``-th part of line ``n`` (its last one past the end)."""
    ids = pieces.get(n, [])
    return ids[min(k, len(ids) - 1)] if ids else "-"


def _first_line(result: PageResult) -> int:
    numbers = [line.number for line in result.lines] or [r.lines[0] for r in result.reasons]
    return min(numbers, default=0)


def _break(line_break: LineBreak) -> str:
    return f"{SPLITS if line_break.splits else JOINS} {line_break.rule}"


def _role(reason: RoleReason | None) -> str:
    return "" if reason is None else f"  [{reason.role.value}: {reason.rule}]"


def _legend(result: PageResult) -> str:
    used_breaks = sorted({b.rule for b in result.breaks})
    used_roles = sorted({r.rule for r in result.reasons})
    rows = ["rules:"]
    rows += [f"  {name}: {BREAK_WHY.get(name, '(unknown rule)')}" for name in used_breaks]
    rows += [f"  {name}: {ROLE_WHY.get(name, '(unknown rule)')}" for name in used_roles]
    return "\n".join(rows) + "\n"


def pieces_of_lines(result: PageResult) -> dict[int, list[str]]:
    """The ids of the pieces each input line ended in: several where the re-flow cut a
    line in two, the piece that started on an earlier line first (it ends there)."""
    found: dict[int, list[tuple[bool, str]]] = {}

    def claim(piece: str, lines: list[int]) -> None:
        for n in lines:
            found.setdefault(n, []).append((n == lines[0], piece))

    for a in result.articles:
        for piece in [*a.headline_pieces, *a.byline_pieces]:
            claim(piece.id, piece.lines)
        for p in a.paragraphs:
            claim(p.id, p.lines)
        for c in a.captions:
            claim(c.id, c.lines)
    for u in result.unassigned:
        claim(u.id, u.lines)
    return {n: [piece for _, piece in sorted(ids, key=lambda x: x[0])] for n, ids in found.items()}


def rules_table() -> str:
    """The rules ``--explain`` names, as the Markdown table in docs/pipeline.md (a test
    keeps the two equal)."""
    rows = ["| rule | decides | what it says |", "| --- | --- | --- |"]
    for rule in BREAK_RULES:
        decides = "new block" if rule.splits else "line goes on"
        rows.append(f"| `{rule.name}` | {decides} | {_cell(rule.why)} |")
    for stage, rules in (("re-flow", REFLOW_ROLE_RULES), ("segment", SEGMENT_ROLE_RULES)):
        rows += [f"| `{name}` | role ({stage}) | {_cell(why)} |" for name, why in rules.items()]
    return "\n".join(rows) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _opening(paragraphs: list[Paragraph]) -> str:
    return paragraphs[0].text if paragraphs else "(photo item)"


def _short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
