"""Speed and memory of the text pipeline over the seed pages (not a test).

    .venv/bin/python -m benchmarks.bench_text [--repeats 15]

Reports pages per second (median of repeated runs, one process, one core) for
the re-flow alone and for the whole text pipeline, the time per page for pages
made by concatenating the seeds' lines 1x, 4x and 16x (to show linear growth),
peak memory, and the time for pages of 25 to 200 articles whose headlines all sit at
the page end (the assignment's hardest order). Figures and the command go to
docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from fixtures.headlines_at_end import build_page, headlined_articles
from layout.conventions import CHINESE
from layout.pipeline import process_path, process_text
from layout.read import split_lines
from layout.reflow import reflow

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


def pages_per_second(work: Callable[[str], object], pages: list[str], repeats: int) -> float:
    """Median over repeats of (pages / seconds) for one pass over all pages."""
    rates = []
    for _ in range(repeats):
        start = time.perf_counter()
        for page in pages:
            work(page)
        rates.append(len(pages) / (time.perf_counter() - start))
    return statistics.median(rates)


def seconds_per_page(page: str, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        process_text(page)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def headlines_at_end(repeats: int) -> None:
    """Pages of n articles with all n headlines at the page end (fixtures.headlines_at_end)."""
    articles = headlined_articles({p.name: process_path(str(p)) for p in SEEDS})
    base = 0.0
    for n in (25, 50, 100, 200):
        page, _ = build_page(articles, n)
        t = seconds_per_page(page, repeats)
        base = base or t
        print(f"{n:3} headlines at the end {t * 1000:8.1f} ms  ({t / base:5.1f}x the 25 time)")


def peak_memory_mib(page: str) -> float:
    tracemalloc.start()
    process_text(page)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    pages = [p.read_text(encoding="utf-8") for p in SEEDS]
    for page in pages:  # warm-up: imports, regex compilation
        process_text(page)
    reflow_rate = pages_per_second(lambda t: reflow(split_lines(t), CHINESE), pages, args.repeats)
    whole_rate = pages_per_second(process_text, pages, args.repeats)
    print(f"seed pages: {len(pages)}, {sum(len(p) for p in pages) / len(pages):.0f} chars each")
    print(f"re-flow alone:       {reflow_rate:8.0f} pages/s (median of {args.repeats})")
    print(f"whole text pipeline: {whole_rate:8.0f} pages/s (median of {args.repeats})")
    all_lines = "\n".join(pages)
    base = seconds_per_page(all_lines, 5)
    for factor in (1, 4, 16):
        t = seconds_per_page("\n".join([all_lines] * factor), 5 if factor < 16 else 3)
        print(f"seeds' lines x{factor:<3} {t * 1000:8.1f} ms  ({t / base:5.1f}x the 1x time)")
    headlines_at_end(5)
    print(f"peak Python memory, one seed page: {peak_memory_mib(pages[0]):.1f} MiB")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident set of this process: {rss:.0f} MiB")


if __name__ == "__main__":
    main()
