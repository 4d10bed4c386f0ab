"""Throughput of ``relayout batch`` (not a test).

    .venv/bin/python -m benchmarks.bench_batch [--pages 1000] [--repeats 3]
        [--no-dask] [--no-images]

- text pages per second on the local pool with 1 and 2 workers (the ratio is the
  scaling), from the first task to the last output (pool start included, interpreter
  start not), fresh output folder each run, median of the repeats;
- the same pages on a Dask LocalCluster (two single-threaded worker processes on
  127.0.0.1): pages per second, and the per-page overhead against the local pool with
  as many workers, at 1 page a task and at the default pages per task;
- CPU seconds a page in a worker and in the pool's parent (less sensitive to a busy
  machine than wall time);
- a rerun over those outputs, all current: pages skipped per second;
- image pages: three generated page scans (``fixtures.generate --pages 3 --seed 1``)
  on one worker, as seconds a page and pages an hour a core.

The load average is printed beside each figure: on a shared machine it says how much
of the two cores the run really had. Figures and commands go to docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from layout.batch import DASK_PAGES_PER_TASK
from layout.batch.inputs import collect
from layout.batch.local import run_local
from layout.batch.work import Item, Outcome, Settings, run_item

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
Reporter = Callable[[Outcome], None]
Runner = Callable[[list[Item], Settings, Reporter], None]


def make_text_pages(folder: Path, n: int) -> None:
    """n distinct pages: the seeds in turn, each copy with its own page number line."""
    seeds = [p.read_text(encoding="utf-8") for p in SEEDS]
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        text = f"{seeds[i % len(seeds)]}\n第{i}版\n"
        (folder / f"p{i:05d}.txt").write_text(text, encoding="utf-8")


def timed_run(run: Runner, pages: Path, out: Path, fmt: str = "json") -> tuple[float, int]:
    """Seconds for one batch into a fresh output folder, and the pages done."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    items = collect([str(pages)], out, fmt).items
    settings = Settings(str(out.resolve()), fmt, "chi_sim+eng")
    done: list[Outcome] = []
    start = time.perf_counter()
    run(items, settings, done.append)
    seconds = time.perf_counter() - start
    failed = [o for o in done if o.status != "done"]
    if failed:
        raise SystemExit(f"benchmark run had failures: {failed[:3]}")
    return seconds, len(done)


def measure(label: str, run: Runner, pages: Path, out: Path, repeats: int) -> float:
    """Median pages per second over ``repeats`` runs; prints each run with the load."""
    rates = []
    for _ in range(repeats):
        seconds, n = timed_run(run, pages, out)
        rates.append(n / seconds)
        load = os.getloadavg()[0]
        speed = f"{n / seconds:6.1f} pages/s"
        print(f"  {label}: {n} pages in {seconds:6.2f} s = {speed} (load {load:.1f})")
    rate = statistics.median(rates)
    print(f"{label}: median {rate:.1f} pages/s")
    return rate


def local(workers: int) -> Runner:
    return lambda items, settings, report: run_local(items, settings, workers, report)


def bench_text(work: Path, pages: int, repeats: int) -> dict[int, float]:
    folder = work / "text"
    make_text_pages(folder, pages)
    out = work / "out"
    rates = {n: measure(f"local, {n} worker(s)", local(n), folder, out, repeats) for n in (1, 2)}
    print(f"scaling, 2 workers against 1: {rates[2] / rates[1]:.2f}x")
    bench_cpu(folder, work / "out-cpu")
    bench_resume(folder, out)
    return rates


def bench_cpu(pages: Path, out: Path) -> None:
    """CPU seconds a page, which a busy machine changes much less than wall time: one page
    in a worker (pipeline, hash, output and manifest), and the parent's share of running
    the pool (handing out paths, reading outcomes). With the parent's share small against
    the worker's, two workers on two otherwise idle cores do close to twice the pages."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    items = collect([str(pages)], out, "json").items
    settings = Settings(str(out.resolve()), "json", "chi_sim+eng")
    start = time.process_time()
    for item in items:
        run_item(item, settings)
    worker = (time.process_time() - start) / len(items)
    shutil.rmtree(out)
    out.mkdir()
    start = time.process_time()
    run_local(items, settings, 2, lambda outcome: None)
    parent = (time.process_time() - start) / len(items)
    print(
        f"CPU a page: worker {worker * 1000:.2f} ms, pool parent {parent * 1000:.3f} ms "
        f"({parent / worker:.1%} of the worker's); two-core bound on the speed-up "
        f"{2 * worker / (worker + parent):.2f}x"
    )


def bench_resume(pages: Path, out: Path) -> None:
    """A rerun over outputs that are all current: what checking a manifest costs a page."""
    items = collect([str(pages)], out, "json").items
    settings = Settings(str(out.resolve()), "json", "chi_sim+eng")
    seen: list[Outcome] = []
    start = time.perf_counter()
    run_local(items, settings, 2, seen.append)
    seconds = time.perf_counter() - start
    skipped = sum(o.status == "skipped" for o in seen)
    print(
        f"rerun, all current, 2 workers: {skipped} skipped in {seconds:.2f} s = "
        f"{skipped / seconds:.0f} pages/s (load {os.getloadavg()[0]:.1f})"
    )


def bench_dask(work: Path, repeats: int, local_rate: float) -> None:
    from distributed import LocalCluster

    from layout.batch.cluster import run_dask

    folder = work / "text"
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        address = cluster.scheduler_address
        for per_task in (1, DASK_PAGES_PER_TASK):

            def run(items: list[Item], settings: Settings, report: Reporter) -> None:
                run_dask(address, items, settings, per_task, report)  # noqa: B023

            label = f"dask, 2 workers, {per_task} page(s)/task"
            rate = measure(label, run, folder, work / "out", repeats)
            overhead = (1 / rate - 1 / local_rate) * 1000
            print(f"  per-page overhead against the local pool: {overhead:.2f} ms")


def bench_images(work: Path) -> None:
    from fixtures.generate import main as generate

    pages = work / "images"
    generate(["--pages", "3", "--seed", "1", "--out", str(pages)])
    scans = work / "scans"
    scans.mkdir()
    for folder in sorted(pages.iterdir()):
        shutil.copy(folder / "scan.png", scans / f"{folder.name}.png")
    seconds, n = timed_run(local(1), scans, work / "out-images")
    per_page = seconds / n
    print(
        f"image pages, 1 worker: {n} scans in {seconds:.1f} s = {per_page:.1f} s a page, "
        f"{3600 / per_page:.0f} pages an hour a core (load {os.getloadavg()[0]:.1f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-dask", action="store_true")
    parser.add_argument("--no-images", action="store_true")
    parser.add_argument("--only-cpu", action="store_true", help="only the CPU figures")
    args = parser.parse_args()
    print(f"usable cores: {len(os.sched_getaffinity(0))}, load at start {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        work = Path(tmp)
        if args.only_cpu:
            make_text_pages(work / "text", args.pages)
            bench_cpu(work / "text", work / "out-cpu")
            return
        rates = bench_text(work, args.pages, args.repeats)
        if not args.no_dask:
            bench_dask(work, args.repeats, rates[2])
        if not args.no_images:
            bench_images(work)


if __name__ == "__main__":
    main()
