"""The evaluation report: totals per system, printed as a table or as JSON."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from layout.evaluate.tally import Scores, Tally


@dataclass(slots=True)
class Report:
    pages: int = 0
    systems: dict[str, Scores] = field(default_factory=dict)
    failed: dict[str, int] = field(default_factory=dict)  # pages on which a system raised
    unavailable: dict[str, str] = field(default_factory=dict)  # systems that could not run
    by: str | None = None  # the gt.json "defects" key the groups below are split by
    groups: dict[str, dict[str, Scores]] = field(default_factory=dict)  # value → system → scores
    unreadable: list[str] = field(default_factory=list)  # "path: problem", pages not scored

    def table(self) -> str:
        skipped = f" ({len(self.unreadable)} more could not be read)" if self.unreadable else ""
        out = [f"{self.pages} pages{skipped}", format_table(self.systems, self.failed)]
        for value, systems in sorted(self.groups.items()):
            out += ["", f"pages with {self.by} = {value}", format_table(systems, {})]
        out += [f"{name}: not run ({why})" for name, why in self.unavailable.items()]
        return "\n".join(out)

    def to_json(self) -> dict[str, Any]:
        systems = {
            name: scores_json(scores) | {"failed_pages": self.failed.get(name, 0)}
            for name, scores in self.systems.items()
        }
        out: dict[str, Any] = {"pages": self.pages, "systems": systems}
        if self.by:
            out["by"] = self.by
            out["groups"] = {
                value: {name: scores_json(sc) for name, sc in group.items()}
                for value, group in self.groups.items()
            }
        out["unavailable"] = self.unavailable
        out["unreadable"] = self.unreadable
        return out


def scores_json(scores: Scores) -> dict[str, Any]:
    return {
        m: {"hit": t.hit, "total": t.total, "value": t.ratio} for m, t in sorted(scores.items())
    }


def pct(t: Tally | None) -> str:
    return "n/a" if t is None or t.ratio is None else f"{100 * t.ratio:.1f}%"


def per_mille(t: Tally | None) -> str:
    return "n/a" if t is None or t.ratio is None else f"{1000 * t.ratio:.2f}"


def f1(scores: Scores) -> str:
    p, r = scores.get("boundary_precision"), scores.get("boundary_recall")
    if p is None or r is None or p.ratio is None or r.ratio is None or p.ratio + r.ratio == 0:
        return "n/a"
    return f"{100 * 2 * p.ratio * r.ratio / (p.ratio + r.ratio):.1f}%"


def seconds(t: Tally | None) -> str:
    """A mean: ``hit`` seconds over ``total`` pages."""
    return "n/a" if t is None or t.ratio is None else f"{t.ratio:.1f}"


def count(t: Tally | None) -> str:
    return "n/a" if t is None or not t.total else f"{t.hit:.0f} / {t.total:.0f}"


def pair(a: str, b: str, scores: Scores, fmt: Callable[[Tally | None], str]) -> str:
    return f"{fmt(scores.get(a))} / {fmt(scores.get(b))}"


ROWS: list[tuple[str, Callable[[Scores], str]]] = [
    ("articles recovered (>=90% of body)", lambda s: pct(s.get("articles"))),
    ("headline lines assigned", lambda s: pct(s.get("headline"))),
    ("bylines assigned", lambda s: pct(s.get("byline"))),
    ("captions assigned", lambda s: pct(s.get("caption"))),
    ("credits assigned", lambda s: pct(s.get("credit"))),
    ("photo items alone with their captions", lambda s: pct(s.get("photo_items"))),
    (
        "paragraph boundaries P / R / F1",
        lambda s: pair("boundary_precision", "boundary_recall", s, pct) + f" / {f1(s)}",
    ),
    ("subheads found", lambda s: pct(s.get("subhead"))),
    ("chars lost / added per 1000", lambda s: pair("chars_lost", "chars_added", s, per_mille)),
    ("spurious spaces per 1000 body chars", lambda s: per_mille(s.get("spurious_spaces"))),
    ("wrong word joins (count / joins)", lambda s: count(s.get("wrong_joins"))),
    ("columns found (IoU > 0.9)", lambda s: pct(s.get("columns"))),
    (
        "headline blocks P / R (IoU > 0.5)",
        lambda s: pair("headline_block_precision", "headline_block_recall", s, pct),
    ),
    ("character error rate", lambda s: pct(s.get("cer"))),
    ("character error rate, order left out", lambda s: pct(s.get("unordered_cer"))),
    ("headline lines read exactly", lambda s: pct(s.get("headlines_read"))),
    ("seconds per page (wall clock)", lambda s: seconds(s.get("seconds"))),
]


def has_value(cell: str) -> bool:
    return bool(cell.replace("n/a", "").replace("/", "").strip())


def format_table(systems: dict[str, Scores], failed: dict[str, int]) -> str:
    """Rows of metrics, one column per system; rows no system has are left out."""
    names = list(systems)
    cells = [[label, *(fmt(systems[n]) for n in names)] for label, fmt in ROWS]
    cells = [row for row in cells if any(has_value(c) for c in row[1:])]
    cells.append(["pages failed", *(str(failed.get(n, 0)) for n in names)])
    header = ["metric", *names]
    widths = [max(len(row[i]) for row in [header, *cells]) for i in range(len(header))]
    lines = [" | ".join(c.ljust(w) for c, w in zip(header, widths, strict=True))]
    lines.append("-|-".join("-" * w for w in widths))
    lines += [" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    return "\n".join(lines)
