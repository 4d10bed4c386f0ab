"""Shared helpers: the seed pages and a multiset comparison of non-whitespace characters."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def chars(text: str) -> Counter[str]:
    """Multiset of the non-whitespace characters of a text."""
    return Counter(c for c in text if not c.isspace())


def seed(prefix: str) -> Path:
    (path,) = [p for p in SEEDS if p.name.startswith(prefix)]
    return path


@pytest.fixture(scope="session")
def seed_results():  # type: ignore[no-untyped-def]
    from layout import process_path

    return {p.name[:3]: process_path(str(p)) for p in SEEDS}
