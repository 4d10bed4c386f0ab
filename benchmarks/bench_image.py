"""Speed and memory of the image path (not a test).

    .venv/bin/python -m benchmarks.bench_image [--repeats 5] [--skip-ocr]

1. Page analysis without OCR (load excluded) on a 200 dpi broadsheet-size generated
   page, one core (OpenCV held to one thread), median of repeats.
2. Peak memory (resident set, in a fresh process) of loading and analysing a 600 dpi
   broadsheet page (the 200 dpi page scaled 3x).
3. Whole-page wall time with OCR, relayout (blocks read in parallel on all cores) next
   to ``tesseract page.png - -l chi_sim`` on the same page, in the same run.
Figures and the command go to docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from fixtures.generate import GenerateOptions, generate
from layout.conventions import CHINESE
from layout.options import Options
from layout.pageimage.analyze import analyze
from layout.pipeline import process_path

_PEAK = """
import resource, sys
from layout.pageimage import analyze_page
from layout.options import Options
layout, _ = analyze_page(sys.argv[1], Options())
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
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


def peak_mib(path: Path) -> int:
    out = subprocess.run(
        [sys.executable, "-c", _PEAK, str(path)], capture_output=True, text=True, check=True
    )
    return int(out.stdout.strip())


def ocr_seconds(path: Path) -> dict[str, float]:
    """Wall time of relayout (default languages, and chi_sim alone) and of plain Tesseract."""
    out = {}
    for lang in ("chi_sim+eng", "chi_sim"):
        start = time.perf_counter()
        process_path(str(path), Options(lang=lang))
        out[f"relayout --lang {lang}"] = time.perf_counter() - start
    command = ["tesseract", str(path), "-", "-l", "chi_sim"]
    start = time.perf_counter()
    subprocess.run(command, capture_output=True, check=True)
    out["tesseract page.png - -l chi_sim"] = time.perf_counter() - start
    # Tesseract's OpenMP threads fight over two cores; held to one it runs faster here.
    start = time.perf_counter()
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    subprocess.run(command, capture_output=True, check=True, env=env)
    out["OMP_THREAD_LIMIT=1 tesseract page.png - -l chi_sim"] = time.perf_counter() - start
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--skip-ocr", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        page200, page600 = make_pages(Path(tmp))
        seconds, size = analysis_seconds(page200, args.repeats)
        print(f"analysis without OCR, {size[0]}x{size[1]} (200 dpi broadsheet): {seconds:.3f} s")
        with warnings.catch_warnings():  # the 600 dpi page is over Pillow's default limit
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            big = Image.open(page600).size
        print(f"peak memory, 600 dpi page ({big[0]}x{big[1]}): {peak_mib(page600)} MiB")
        if not args.skip_ocr:
            for name, seconds in ocr_seconds(page200).items():
                print(f"whole page with OCR, {name}: {seconds:.1f} s")


if __name__ == "__main__":
    main()
