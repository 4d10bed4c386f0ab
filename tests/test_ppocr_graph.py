"""The PP-OCR recognition graph rewritten at load (layout/pageimage/ppocr_graph.py).

The shipped model is the real one (rapidocr-onnxruntime's wheel); the lines are typeset
with the Noto CJK fonts the page generator uses.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import onnx
import onnxruntime
import pytest
from PIL import Image, ImageDraw

from fixtures.typeset import font
from layout.pageimage import ppocr, ppocr_graph

LINES = [
    "新华社北京十二月一日电",
    "记者从有关部门获悉，今年全国粮食总产量再创新高。",
    "图为农民在田间收割水稻",
]


def shipped_model() -> Path:
    import rapidocr_onnxruntime

    return Path(rapidocr_onnxruntime.__file__).parent / "models" / "ch_PP-OCRv4_rec_infer.onnx"


def session(model: bytes | str) -> onnxruntime.InferenceSession:
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.log_severity_level = 3
    return onnxruntime.InferenceSession(
        model, sess_options=options, providers=["CPUExecutionProvider"]
    )


def line_crop(text: str, size: int = 40) -> np.ndarray[Any, Any]:
    """One printed line on white, as the 3-channel crop the recogniser takes."""
    face = font("serif", size)
    image = Image.new("L", (int(face.getlength(text)) + size, int(size * 1.5)), 255)
    ImageDraw.Draw(image).text((size // 2, size // 4), text, font=face, fill=0)
    return np.repeat(np.asarray(image)[:, :, None], 3, axis=2)


def line_tensor(text: str) -> np.ndarray[Any, Any]:
    """One printed line, as the recogniser's input (scaled to its height, normalised)."""
    crop = line_crop(text)
    model = ppocr.recognizer()
    _, height, min_width = model.rec_image_shape
    ratio = max(crop.shape[1] / crop.shape[0], min_width / height)
    tensor: np.ndarray[Any, Any] = model.resize_norm_img(crop, ratio)[np.newaxis, :]
    return tensor.astype(np.float32)


@pytest.fixture(scope="module")
def simplified() -> bytes:
    return ppocr_graph.simplified(shipped_model().read_bytes())


def test_rewrite_removes_the_affine_and_hard_swish_nodes(simplified: bytes) -> None:
    before = Counter(node.op_type for node in onnx.load(shipped_model()).graph.node)
    after = Counter(node.op_type for node in onnx.load_from_string(simplified).graph.node)
    assert before["Clip"] > 0 and after["Clip"] == 0  # every hard-swish rewritten
    assert after["HardSigmoid"] == before["HardSigmoid"] + before["Clip"]
    assert after["Conv"] == before["Conv"]
    assert after["Mul"] < before["Mul"] and after["Add"] < before["Add"]


def test_simplified_model_reads_every_line_as_the_shipped_one(simplified: bytes) -> None:
    shipped, faster = session(str(shipped_model())), session(simplified)
    name = shipped.get_inputs()[0].name
    for text in LINES:
        x = line_tensor(text)
        a, b = shipped.run(None, {name: x})[0], faster.run(None, {name: x})[0]
        assert np.abs(a - b).max() < 1e-3
        assert (a.argmax(-1) == b.argmax(-1)).all()


def test_recogniser_reads_lines_with_the_simplified_graph() -> None:
    model = ppocr.recognizer()
    # A session made from the package's file keeps its path; ours is made from bytes.
    assert model.session.session._model_bytes is not None
    for text in LINES:
        got, score = ppocr._read_line(model, line_crop(text))
        assert got == text and score > 0.9


def test_cache_is_written_once_and_read_back(tmp_path: Path) -> None:
    first = ppocr_graph.simplified_cached(shipped_model(), tmp_path)
    (cached,) = tmp_path.glob("*.onnx")
    assert cached.read_bytes() == first
    stamp = cached.stat().st_mtime_ns
    assert ppocr_graph.simplified_cached(shipped_model(), tmp_path) == first
    assert cached.stat().st_mtime_ns == stamp


def test_unwritable_cache_still_gives_the_model(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be")
    model = ppocr_graph.simplified_cached(shipped_model(), blocker)
    assert onnx.load_from_string(model).graph.node
