"""The ``--explain`` report: for each moved block, where it came from, where it went, and why."""

from __future__ import annotations

from .model import PageResult, Paragraph


def explain(result: PageResult) -> str:
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


def _opening(paragraphs: list[Paragraph]) -> str:
    return paragraphs[0].text if paragraphs else "(photo item)"


def _short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
