"""A page of many articles whose headlines all sit at the page end, built from the seeds:
every headline finds its article, and the time grows linearly with the page. (The time
itself is a benchmark: benchmarks/bench_text.py, docs/performance.md.)"""

from __future__ import annotations

import time

from fixtures.headlines_at_end import build_page, headlined_articles, tag_of
from layout import process_text

# Four times the articles: about four times the time if the solver is linear, sixteen
# if quadratic. The bound sits half-way on a log scale (the square root of 4 x 16), far
# from both, so neither a busy machine nor a quadratic stage goes unnoticed.
SMALL, LARGE = 25, 100
MAX_GROWTH = 8.0


def cpu_seconds(text: str) -> float:
    """CPU time of this process for the text, best of three: tests running beside this
    one on the other core must not decide the figure."""
    times = []
    for _ in range(3):
        start = time.process_time()
        process_text(text)
        times.append(time.process_time() - start)
    return min(times)


def test_fifty_orphaned_headlines_find_their_articles(seed_results) -> None:  # type: ignore[no-untyped-def]
    text, truth = build_page(headlined_articles(seed_results), 50)
    result = process_text(text, "fifty")
    got = {tag_of(a): " ".join(a.headline) for a in result.articles}
    assert len(result.articles) == 50
    wrong = [(o, h, got.get(o)) for o, h in truth if got.get(o) != h]
    assert wrong == []


def test_time_grows_linearly_with_the_articles(seed_results) -> None:  # type: ignore[no-untyped-def]
    small, _ = build_page(headlined_articles(seed_results), SMALL)
    large, _ = build_page(headlined_articles(seed_results), LARGE)
    process_text(small)  # warm-up: imports and regex compilation are not the solver
    growth = cpu_seconds(large) / cpu_seconds(small)
    assert growth < MAX_GROWTH, f"{LARGE / SMALL:.0f}x the articles took {growth:.1f}x the time"
