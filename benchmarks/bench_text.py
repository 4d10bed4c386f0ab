"""Speed and memory of the text pipeline over the seed pages (not a test).

    .venv/bin/python -m benchmarks.bench_text [--repeats 15] [--against TREE]

Reports pages per second (median of repeated runs, one process, one core) for
the re-flow alone and for the whole text pipeline, the whole pipeline's time as a
multiple of reading and decoding the same page, the time per page for pages
made by concatenating the seeds' lines 1x, 4x and 16x (to show linear growth),
peak memory, and the time for pages of 25 to 200 articles whose headlines all sit at
the page end (the assignment's hardest order). Figures and the command go to
docs/performance.md.

``--against TREE`` (another checkout, e.g. ``git worktree add --detach /tmp/before
COMMIT``) measures this checkout and TREE side by side instead: two worker processes
on the same core, one per checkout, taking turns pass by pass, so that a busy machine
slows both alike; each counts its CPU time (the time spent waiting for the shared core
is not counted); the ratio between them is the figure to trust.
"""

from __future__ import annotations

import argparse
import inspect
import os
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from fixtures.headlines_at_end import build_page, headlined_articles
from layout.conventions import CHINESE
from layout.pipeline import process_path, process_text
from layout.read import decode, read_source, split_lines
from layout.reflow import reflow

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
# Reading and decoding a page is short: done this many times per pass, for a stable time.
READS_PER_PASS = 20


def read_and_decode(path: str) -> str:
    """What any run does before the text pipeline: read the file, decode and check it."""
    name, data = read_source(path)
    return decode(data, name)


def read_utf8(path: str) -> str:
    """Just reading and decoding: the bytes of the file as UTF-8, no checks."""
    return Path(path).read_bytes().decode("utf-8")


def read_seconds_per_page(
    paths: list[str], reader: Callable[[str], str], clock: Callable[[], float] = time.perf_counter
) -> float:
    start = clock()
    for _ in range(READS_PER_PASS):
        for path in paths:
            reader(path)
    return (clock() - start) / (READS_PER_PASS * len(paths))


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


# One side of --against: a process importing the checkout it runs in (its folder first on
# sys.path), timing one pass over the seeds per line read from stdin. It brings its own
# read_and_decode and read_seconds_per_page: the other checkout's benchmark may lack them.
_WORKER = f"""
import glob, os, sys, time
from pathlib import Path
from collections.abc import Callable
from layout.pipeline import process_text
from layout.read import decode, read_source
import layout
READS_PER_PASS = {READS_PER_PASS}
{inspect.getsource(read_and_decode)}
{inspect.getsource(read_utf8)}
{inspect.getsource(read_seconds_per_page)}
assert Path(layout.__file__).resolve().is_relative_to(Path.cwd().resolve()), layout.__file__
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {{int(sys.argv[1])}})
paths = sorted(glob.glob(sys.argv[2]))
texts = [read_and_decode(p) for p in paths]
for text in texts:
    process_text(text)
for _ in sys.stdin:
    read = read_seconds_per_page(paths, read_and_decode, time.process_time)
    raw = read_seconds_per_page(paths, read_utf8, time.process_time)
    start = time.process_time()
    for text in texts:
        process_text(text)
    print(read, raw, (time.process_time() - start) / len(texts), flush=True)
"""


def side_by_side(trees: dict[str, Path], repeats: int, pages: str) -> None:
    """Pages/s and the multiple of reading+decoding for each checkout, passes alternating."""
    core = str(sorted(os.sched_getaffinity(0))[0]) if hasattr(os, "sched_getaffinity") else "0"
    workers = {
        name: subprocess.Popen(
            [sys.executable, "-c", _WORKER, core, pages],
            cwd=tree,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for name, tree in trees.items()
    }
    times: dict[str, list[tuple[float, float, float]]] = {name: [] for name in trees}
    for _ in range(repeats):
        for name, worker in workers.items():
            assert worker.stdin is not None and worker.stdout is not None
            worker.stdin.write("pass\n")
            worker.stdin.flush()
            read, raw, whole = (float(x) for x in worker.stdout.readline().split())
            times[name].append((read, raw, whole))
    for worker in workers.values():
        assert worker.stdin is not None
        worker.stdin.close()
        worker.wait()
    print(f"pages: {pages}; load average at the end: {os.getloadavg()[0]:.1f}")
    rates = {}
    for name, passes in times.items():
        whole = statistics.median(w for _, _, w in passes)
        rates[name] = 1 / whole
        print(f"{name}: {trees[name]} (median of {repeats} passes)")
        print(f"  whole text pipeline {1 / whole:6.1f} pages/s ({whole * 1e3:.1f} ms a page)")
        for label, k in (("read+decode+check", 0), ("read+UTF-8 decode", 1)):
            read = statistics.median(p[k] for p in passes)
            ratio = statistics.median(p[2] / p[k] for p in passes)
            print(f"  {label} {read * 1e6:6.0f} µs a page; the pipeline {ratio:4.0f}x that")
    this, other = rates.values()
    print(f"this checkout: {this / other:.2f}x the pages/s of the other")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--against", type=Path, help="another checkout, measured side by side")
    parser.add_argument(
        "--pages",
        default="seeds/*.txt",
        help="with --against: the text pages to time, a glob (relative: in each checkout)",
    )
    args = parser.parse_args()
    if args.against is not None:
        side_by_side({"this": ROOT, "against": args.against.resolve()}, args.repeats, args.pages)
        return
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    pages = [p.read_text(encoding="utf-8") for p in SEEDS]
    for page in pages:  # warm-up: imports, regex compilation
        process_text(page)
    reflow_rate = pages_per_second(lambda t: reflow(split_lines(t), CHINESE), pages, args.repeats)
    whole_rate = pages_per_second(process_text, pages, args.repeats)
    paths = [str(p) for p in SEEDS]
    read = statistics.median(
        read_seconds_per_page(paths, read_and_decode) for _ in range(args.repeats)
    )
    raw = statistics.median(read_seconds_per_page(paths, read_utf8) for _ in range(args.repeats))
    print(f"seed pages: {len(pages)}, {sum(len(p) for p in pages) / len(pages):.0f} chars each")
    print(f"re-flow alone:       {reflow_rate:8.0f} pages/s (median of {args.repeats})")
    print(f"whole text pipeline: {whole_rate:8.0f} pages/s (median of {args.repeats})")
    for label, seconds in (("read+decode+check", read), ("read+UTF-8 decode", raw)):
        ratio = 1 / whole_rate / seconds
        print(f"{label}: {seconds * 1e6:8.0f} µs a page (whole pipeline: {ratio:.0f}x)")
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
