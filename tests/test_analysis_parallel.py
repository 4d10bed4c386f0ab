"""The page analysis's shortcuts give what the plain steps give.

The analysis runs independent steps side by side on threads, labels the ink once for
the glyph height and the rules, and labels sparse masks band by band
(layout/pageimage/analyze.py): none of that may change what it finds.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from fixtures.generate import GenerateOptions, generate
from layout.conventions import CHINESE
from layout.pageimage.analyze import (
    BAND_MIN_GAP_ROWS,
    analyze,
    binarize,
    find_rules,
    glyph_height,
    label_ink,
)

# The module (the package's ``analyze`` is the function of the same name).
analysis = importlib.import_module("layout.pageimage.analyze")


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    (folder,) = generate(GenerateOptions(pages=1, seed=5, out=tmp_path_factory.mktemp("par")))
    return folder


def _gray(path: Path) -> np.ndarray:
    return np.asarray(Image.open(path).convert("L"))


@pytest.mark.parametrize("name", ["page.png", "scan.png"])
def test_analysis_on_threads_equals_one_thread(
    page: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two threads find the same layout and give the same deskewed page as one thread
    running the steps one after the other (the scan is turned: that branch too)."""
    gray = _gray(page / name)
    layout, deskewed = analyze(gray, CHINESE.image)
    monkeypatch.setattr(analysis, "ANALYSIS_THREADS", 1)
    serial_layout, serial_deskewed = analyze(gray, CHINESE.image)
    assert layout.lines and layout.blocks and layout.columns
    assert layout == serial_layout
    assert np.array_equal(deskewed, serial_deskewed)
    if name == "scan.png":
        assert layout.skew != 0.0


def test_ink_labelled_once_gives_the_same_glyph_height_and_rules(page: Path) -> None:
    """The glyph height and the rules from the ink's labels computed once equal those
    computed from the ink alone."""
    ink, _ = binarize(_gray(page / "page.png"), CHINESE.image)
    parts = label_ink(ink)
    body = glyph_height(ink, CHINESE.image)
    assert glyph_height(ink, CHINESE.image, components=parts.stats[1:]) == body
    rules = find_rules(ink, body, CHINESE.image)
    assert rules
    assert find_rules(ink, body, CHINESE.image, ink_parts=parts) == rules


def _sparse_mask(seed: int) -> np.ndarray:
    """Blobs (rectangles, some touching, one ring) in rows far apart, as rules, photos
    and headline rows leave a mask."""
    rng = np.random.default_rng(seed)
    mask = np.zeros((1200, 900), np.uint8)
    for top in (40, 400, 410 + 2 * BAND_MIN_GAP_ROWS, 1100):
        for _ in range(6):
            x, y = int(rng.integers(0, 850)), top + int(rng.integers(0, 20))
            mask[y : y + int(rng.integers(1, 30)), x : x + int(rng.integers(1, 60))] = 255
    mask[700:760, 300:360] = 255
    mask[710:750, 310:350] = 0  # a ring: its hole holds another component
    mask[725:735, 325:335] = 255
    return mask


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_sparse_mask_labelled_in_bands_gives_the_whole_masks_boxes(seed: int) -> None:
    """Labelling band by band gives the boxes of labelling the whole mask, in its order."""
    mask = _sparse_mask(seed)
    bands = analysis._bands(mask)
    assert bands is not None and len(bands) >= 3  # the bands are taken, not the whole mask
    assert np.array_equal(analysis._components(mask), analysis._labelled_boxes(mask))
