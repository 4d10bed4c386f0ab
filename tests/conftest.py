"""Shared helpers: the seed pages and a multiset comparison of non-whitespace characters."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))

# Hypothesis profiles, chosen by HYPOTHESIS_PROFILE (default ``ci``).
# ``ci`` (`make test`): derandomized and without an example database, so every run
# tries the same examples and the suite never goes red at random on an unrelated
# change; a failure found by fuzzing is kept as an ``@example``.
settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
# ``fuzz`` (`make fuzz`): random examples, FUZZ_EXAMPLES in all (default 102,000), each
# fuzz test taking its share (tests/test_fuzz.py: cheap tests take more); a failure
# prints the seed and a blob to reproduce it. Whole pages are slow to generate by
# design, hence the health checks off.
FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "102000"))
settings.register_profile(
    "fuzz",
    derandomize=False,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


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
