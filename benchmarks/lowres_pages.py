"""Low-resolution copies of generated image pages, for ``relayout eval --images --scan``.

    .venv/bin/python -m benchmarks.lowres_pages SRC_DIR OUT_DIR [--scale 0.42] [--pages 10]

Each page folder of SRC_DIR (page.png and gt.json, as fixtures.realistic writes them)
gives OUT_DIR/NAME/scan.png: its page.png scaled down (area averaging, as a scanner at a
lower resolution sees it), and gt.json with ``scan_matrix`` set to that scaling, so that
the evaluation moves the ground truth's boxes and columns onto the small image as it does
for a scan. The default scale takes the 200 dpi pages' body glyphs (about 24 px) to about
10 px, the size of a real low-resolution page (issue 14). SRC_DIR is only read.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

# 24 px body glyphs (200 dpi generated pages) → 10 px.
DEFAULT_SCALE = 0.42


def make_lowres(src: Path, out: Path, scale: float) -> Path:
    """One low-resolution page folder; returns it."""
    gray = np.asarray(Image.open(src / "page.png").convert("L"))
    size = (round(gray.shape[1] * scale), round(gray.shape[0] * scale))
    small = cv2.resize(gray, size, interpolation=cv2.INTER_AREA)
    folder = out / src.name
    folder.mkdir(parents=True, exist_ok=True)
    Image.fromarray(small).save(folder / "scan.png")
    gt = json.loads((src / "gt.json").read_text(encoding="utf-8"))
    gt["scan_matrix"] = [[scale, 0.0, 0.0], [0.0, scale, 0.0]]
    (folder / "gt.json").write_text(json.dumps(gt, ensure_ascii=False), encoding="utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("src", type=Path, help="folder of page folders (page.png, gt.json)")
    parser.add_argument("out", type=Path, help="folder to write the copies into")
    parser.add_argument("--scale", type=float, default=DEFAULT_SCALE)
    parser.add_argument("--pages", type=int, default=10, help="the first N page folders")
    args = parser.parse_args()
    if args.out.resolve() == args.src.resolve():
        parser.error("OUT must differ from SRC")
    folders = sorted(p.parent for p in args.src.glob("*/page.png"))[: args.pages]
    for folder in folders:
        print(make_lowres(folder, args.out, args.scale))


if __name__ == "__main__":
    main()
