"""Speed and memory of the image path (not a test).

    .venv/bin/python -m benchmarks.bench_image [--repeats 5] [--skip-ocr] [--page PNG]

1. Page analysis without OCR (load excluded) on a 200 dpi broadsheet-size generated
   page, one core (OpenCV held to one thread), median of repeats.
2. Peak memory (resident set, in a fresh process) of loading and analysing a 600 dpi
   broadsheet page (the 200 dpi page scaled 3x), and of reading it whole with each OCR
   engine (Tesseract's own processes counted apart: the largest of them).
3. Whole-page wall time with OCR, relayout with each engine (``--ocr``, two workers)
   next to ``OMP_THREAD_LIMIT=1 tesseract page.png - -l chi_sim`` on the same page in
   the same run, and the ratio of each to it. ``--page`` adds a page of your own (e.g.
   a realistic page, /work/sets/zh-test/zh_0000/page.png). ``--baseline DIR`` times
   another checkout of relayout (e.g. ``git archive`` of an older commit, unpacked) the
   same way, with the default engine, in the same rounds: before and after a change
   measured side by side. Both are then timed in a child process each (warm: the page
   read once first, as in-process), this checkout too.
Figures and the command go to docs/performance.md.
"""

from __future__ import annotations

import argparse
import functools
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from fixtures.generate import GenerateOptions, generate
from layout.conventions import CHINESE
from layout.options import OCR_ENGINES, Options
from layout.pageimage.analyze import analyze
from layout.pipeline import process_path

_PEAK = """
import resource, sys
from layout.options import Options
if len(sys.argv) > 2:
    from layout.pipeline import process_path
    process_path(sys.argv[1], Options(ocr=sys.argv[2], jobs=2))
else:
    from layout.pageimage import analyze_page
    analyze_page(sys.argv[1], Options())
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
      resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
"""


# A broadsheet (about 375 x 578 mm) is about 4550 px high at 200 dpi.
BROADSHEET_200DPI_HEIGHT = 4550


def make_pages(folder: Path) -> tuple[Path, Path]:
    """A generated page scaled to a 200 dpi broadsheet, and to 600 dpi."""
    (page,) = generate(GenerateOptions(pages=1, seed=7, out=folder, dpi=200))
    image = np.asarray(Image.open(page / "page.png").convert("L"))
    factor = BROADSHEET_200DPI_HEIGHT / image.shape[0]
    paths = []
    for name, f in (("page200.png", factor), ("page600.png", 3 * factor)):
        size = (round(image.shape[1] * f), round(image.shape[0] * f))
        Image.fromarray(cv2.resize(image, size, interpolation=cv2.INTER_CUBIC)).save(folder / name)
        paths.append(folder / name)
    return paths[0], paths[1]


def analysis_seconds(path: Path, repeats: int) -> tuple[float, tuple[int, int]]:
    cv2.setNumThreads(1)
    gray = np.asarray(Image.open(path).convert("L"))
    analyze(gray, CHINESE.image)  # warm-up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        analyze(gray, CHINESE.image)
        times.append(time.perf_counter() - start)
    cv2.setNumThreads(0)
    return statistics.median(times), (gray.shape[1], gray.shape[0])


def peak_mib(path: Path, ocr: str | None = None) -> tuple[int, int]:
    """Peak resident MiB of a fresh process analysing ``path`` (with ``ocr``: reading it
    whole with that engine), and of the largest process it started (Tesseract)."""
    command = [sys.executable, "-c", _PEAK, str(path), *([ocr] if ocr else [])]
    out = subprocess.run(command, capture_output=True, text=True, check=True)
    own, child = out.stdout.split()
    return int(own), int(child)


TESSERACT = "OMP_THREAD_LIMIT=1 tesseract page.png - -l chi_sim"

# One page read by the checkout in the current directory (sys.path[0]), warm: the
# first reading loads the model and imports; the second is timed, wall and CPU.
_WARM_RUN = """
import resource, sys, time
from layout.options import Options
from layout.pipeline import process_path
def cpu():
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime
options = Options(ocr=sys.argv[2], jobs=2)
process_path(sys.argv[1], options)
wall, start = time.perf_counter(), cpu()
process_path(sys.argv[1], options)
print(time.perf_counter() - wall, cpu() - start)
"""


def cpu_seconds() -> float:
    """CPU time (user + system) of this process and of its finished children."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(run: Callable[[], object]) -> tuple[float, float]:
    """(wall, CPU) seconds of one call."""
    wall, cpu = time.perf_counter(), cpu_seconds()
    run()
    return time.perf_counter() - wall, cpu_seconds() - cpu


def checkout_seconds(root: Path, page: Path, engine: str) -> tuple[float, float]:
    """(wall, CPU) seconds of the checkout at ``root`` reading ``page`` warm (_WARM_RUN)."""
    command = [sys.executable, "-c", _WARM_RUN, str(page.resolve()), engine]
    out = subprocess.run(command, capture_output=True, text=True, check=True, cwd=root)
    wall, cpu = out.stdout.split()
    return float(wall), float(cpu)


def ocr_seconds(path: Path, baseline: Path | None = None) -> dict[str, tuple[float, float]]:
    """(wall, CPU) seconds of relayout with each engine (two workers) and of Tesseract on
    the whole page held to one thread, back to back, twice over: the machine is shared,
    the faster of the two runs of each is kept. With ``baseline``: that checkout and
    this one with the default engine, each in a child process, instead."""
    runs: dict[str, list[tuple[float, float]]] = {}
    command = ["tesseract", str(path), "-", "-l", "chi_sim"]
    # Tesseract's OpenMP threads fight over two cores; held to one it runs faster here.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    here = Path(__file__).resolve().parent.parent
    for _ in range(2):
        if baseline is not None:
            for name, root in ((f"baseline {baseline}", baseline), ("this checkout", here)):
                runs.setdefault(f"relayout ({name}) --jobs 2", []).append(
                    checkout_seconds(root, path, "auto")
                )
        else:
            for engine in OCR_ENGINES:
                name = f"relayout --ocr {engine} --jobs 2"
                run = functools.partial(process_path, str(path), Options(ocr=engine, jobs=2))
                runs.setdefault(name, []).append(timed(run))
        tesseract = functools.partial(
            subprocess.run, command, capture_output=True, check=True, env=env
        )
        runs.setdefault(TESSERACT, []).append(timed(tesseract))
    return {name: min(times) for name, times in runs.items()}


def print_ocr_seconds(page: Path, baseline: Path | None = None) -> None:
    """Wall and CPU time of each run and their ratios to Tesseract's. On a busy machine
    two workers get no more CPU than one (docs/performance.md): CPU / 2 is then what the
    two cores of an idle machine would take for the parallel part."""
    times = ocr_seconds(page, baseline)
    print(f"{page.name}, load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores:")
    wall_t, cpu_t = times[TESSERACT]
    for name, (wall, cpu) in times.items():
        print(
            f"  {name}: wall {wall:.1f} s ({wall / wall_t:.2f}x Tesseract),"
            f" CPU {cpu:.1f} s ({cpu / cpu_t:.2f}x)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--skip-ocr", action="store_true")
    parser.add_argument("--page", type=Path, help="time OCR on this page image too")
    parser.add_argument("--ocr-only", action="store_true", help="only the OCR timings")
    parser.add_argument(
        "--baseline", type=Path, help="another checkout to time beside this one (OCR timings)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        page200, page600 = make_pages(Path(tmp))
        if args.ocr_only:
            for page in (page200, *([args.page] if args.page else [])):
                print_ocr_seconds(page, args.baseline)
            return
        seconds, size = analysis_seconds(page200, args.repeats)
        print(f"analysis without OCR, {size[0]}x{size[1]} (200 dpi broadsheet): {seconds:.3f} s")
        with warnings.catch_warnings():  # the 600 dpi page is over Pillow's default limit
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            big = Image.open(page600).size
        print(f"peak memory, 600 dpi page ({big[0]}x{big[1]}): {peak_mib(page600)[0]} MiB")
        if args.skip_ocr:
            return
        for engine in OCR_ENGINES:
            own, child = peak_mib(page600, engine)
            print(
                f"peak memory, 600 dpi page read whole with --ocr {engine}: {own} MiB"
                f" (largest Tesseract process: {child} MiB)"
            )
        for page in (page200, *([args.page] if args.page else [])):
            print_ocr_seconds(page, args.baseline)


if __name__ == "__main__":
    main()
