"""Counts that add up over pages: every metric is a ratio of two sums (micro-average)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Tally:
    hit: float = 0.0
    total: float = 0.0

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.hit + other.hit, self.total + other.total)

    @property
    def ratio(self) -> float | None:
        return self.hit / self.total if self.total else None


Scores = dict[str, Tally]


def add_into(acc: Scores, page: Scores) -> None:
    for name, tally in page.items():
        acc[name] = acc.get(name, Tally()) + tally
