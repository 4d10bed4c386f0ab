"""PP-OCRv4's recognition graph with its element-wise steps folded, rewritten at load.

The model as shipped (PPLCNetV3 exported from Paddle) follows most convolutions with a
"learnable affine block" — a multiply and an add by one scalar each — and writes every
hard-swish as four element-wise nodes, ``x · clip(x + 3, 0, 6) / 6``. ONNX Runtime fuses
neither: those 56 affine and 112 hard-swish nodes took about a third of the model's time
(profiled on a 200 dpi page's line crops, one thread). Two exact rewrites:

- a convolution followed by ``· s + b`` (scalars) becomes the convolution with weights
  ``s·W`` and bias ``s·c + b``;
- ``x · clip(x + 3, 0, 6) / 6`` becomes ``x · HardSigmoid(x)`` (alpha 1/6, beta 1/2), the
  same function in two nodes, which ONNX Runtime then fuses into the convolution before it.

The results are the same up to float rounding (the characters read on the benchmark page
are identical); reading takes about a fifth less CPU. A graph whose nodes do not match the
patterns is left as it is: each rewrite checks every constant it relies on.

Importing ``onnx`` takes over a second (its ml_dtypes extension), more than the rewrite
saves on one page: the rewritten model is kept in the user's cache folder
(``$XDG_CACHE_HOME/relayout``, else ``~/.cache/relayout``), named by the shipped model's
SHA-256 and the rewrite's version, written atomically, so later processes load it
straight into ONNX Runtime. Where no cache can be written it is rewritten in memory.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

log = logging.getLogger(__name__)

# Part of the cache file's name: raise it whenever the rewrite changes.
REWRITE_VERSION = 1

# The constants of hard-swish as the exporter writes it: x · clip(x + 3, 0, 6) / 6.
_HSWISH_SHIFT = 3.0
_HSWISH_CLIP = (0.0, 6.0)
_HSWISH_SCALE = 6.0


def simplified_cached(model_path: Path, cache_dir: Path | None = None) -> bytes:
    """The simplified model of the file at ``model_path``, from the cache when there."""
    original = model_path.read_bytes()
    digest = hashlib.sha256(original).hexdigest()[:16]
    folder = cache_dir if cache_dir is not None else default_cache_dir()
    cached = folder / f"{model_path.stem}-{digest}-v{REWRITE_VERSION}.onnx"
    if cached.is_file():
        return cached.read_bytes()
    model = simplified(original)
    try:
        _write_atomically(cached, model)
    except OSError as exc:  # a read-only home: rewrite again next time
        log.debug("PP-OCR model cache not written (%s): %s", cached, exc)
    return model


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/relayout``, else ``~/.cache/relayout``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "relayout"


def _write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def simplified(model_bytes: bytes) -> bytes:
    """The model with conv-affine pairs folded and hard-swish in two nodes, serialized."""
    import onnx

    model = onnx.load_from_string(model_bytes)
    fold_affine(model.graph)
    hard_swish_as_gate(model.graph)
    drop_unread_constants(model.graph)
    return bytes(model.SerializeToString())


def drop_unread_constants(graph: Any) -> int:
    """Remove Constant nodes no node reads any more (the folded scalars); how many."""
    read = {name for node in graph.node for name in node.input}
    read |= {output.name for output in graph.output}
    unread = [n for n in graph.node if n.op_type == "Constant" and n.output[0] not in read]
    for node in unread:
        graph.node.remove(node)
    return len(unread)


def fold_affine(graph: Any) -> int:
    """Fold every ``Conv → Mul(scalar) → Add(scalar)`` chain into the Conv; how many."""
    from onnx import numpy_helper

    consts, users = _constants(graph), _users(graph)
    dropped: list[Any] = []
    for conv in graph.node:
        chain = _affine_after(conv, consts, users)
        if chain is None:
            continue
        mul, add, scale, shift = chain
        weights = consts[conv.input[1]].astype(np.float64)
        bias = (
            consts[conv.input[2]].astype(np.float64)
            if len(conv.input) > 2
            else np.zeros(weights.shape[0])
        )
        names = (f"{conv.output[0]}/folded_w", f"{conv.output[0]}/folded_b")
        graph.initializer.extend(
            [
                numpy_helper.from_array((weights * scale).astype(np.float32), names[0]),
                numpy_helper.from_array((bias * scale + shift).astype(np.float32), names[1]),
            ]
        )
        source = conv.input[0]
        del conv.input[:]
        conv.input.extend([source, *names])
        conv.output[0] = add.output[0]
        dropped += [mul, add]
    for node in dropped:
        graph.node.remove(node)
    return len(dropped) // 2


def _affine_after(
    conv: Any, consts: dict[str, NDArray[Any]], users: dict[str, list[Any]]
) -> tuple[Any, Any, float, float] | None:
    """(mul, add, scale, shift) when the Conv's only reader multiplies by a scalar and
    that product's only reader adds a scalar; None otherwise."""
    if conv.op_type != "Conv" or conv.input[1] not in consts:
        return None
    if len(conv.input) > 2 and conv.input[2] not in consts:
        return None
    mul = _only_user(conv.output[0], users, "Mul")
    if mul is None:
        return None
    add = _only_user(mul.output[0], users, "Add")
    if add is None:
        return None
    scale = _scalar(_other_input(mul, conv.output[0]), consts)
    shift = _scalar(_other_input(add, mul.output[0]), consts)
    if scale is None or shift is None:
        return None
    return mul, add, scale, shift


def hard_swish_as_gate(graph: Any) -> int:
    """Rewrite every ``x · clip(x + 3, 0, 6) / 6`` as ``x · HardSigmoid(x)``; how many."""
    from onnx import helper

    consts, users = _constants(graph), _users(graph)  # the patterns share no node
    count = 0
    for add in list(graph.node):
        found = _hard_swish_at(add, consts, users)
        if found is None:
            continue
        source, nodes = found
        gate = f"{add.output[0]}/gate"
        at = list(graph.node).index(add)
        for node in nodes:
            graph.node.remove(node)
        graph.node.insert(at, helper.make_node("Mul", [source, gate], [nodes[-1].output[0]]))
        graph.node.insert(
            at, helper.make_node("HardSigmoid", [source], [gate], alpha=1 / 6, beta=0.5)
        )
        count += 1
    return count


def _hard_swish_at(
    add: Any, consts: dict[str, NDArray[Any]], users: dict[str, list[Any]]
) -> tuple[str, list[Any]] | None:
    """(x, [add, clip, mul, div]) when ``add`` opens ``x · clip(x + 3, 0, 6) / 6``."""
    if add.op_type != "Add":
        return None
    variables = [name for name in add.input if name not in consts]
    if len(variables) != 1 or _scalar(_other_input(add, variables[0]), consts) != _HSWISH_SHIFT:
        return None
    source = variables[0]
    clip = _only_user(add.output[0], users, "Clip")
    if clip is None or len(clip.input) != 3:
        return None
    if (_scalar(clip.input[1], consts), _scalar(clip.input[2], consts)) != _HSWISH_CLIP:
        return None
    mul = _only_user(clip.output[0], users, "Mul")
    if mul is None or _other_input(mul, clip.output[0]) != source:
        return None
    div = _only_user(mul.output[0], users, "Div")
    if div is None or _scalar(div.input[1], consts) != _HSWISH_SCALE:
        return None
    return source, [add, clip, mul, div]


def _constants(graph: Any) -> dict[str, NDArray[Any]]:
    """Every value the graph holds fixed: its initializers and Constant nodes."""
    from onnx import numpy_helper

    found = {init.name: numpy_helper.to_array(init) for init in graph.initializer}
    for node in graph.node:
        if node.op_type == "Constant" and node.attribute and node.attribute[0].name == "value":
            found[node.output[0]] = numpy_helper.to_array(node.attribute[0].t)
    return found


def _users(graph: Any) -> dict[str, list[Any]]:
    """The nodes reading each value."""
    readers: dict[str, list[Any]] = defaultdict(list)
    for node in graph.node:
        for name in node.input:
            readers[name].append(node)
    for output in graph.output:  # a graph output is read from outside: never folded away
        readers[output.name].append(output)
    return readers


def _only_user(name: str, users: dict[str, list[Any]], op_type: str) -> Any | None:
    """The one node reading ``name``, when there is one and it is an ``op_type``."""
    readers = users.get(name, [])
    if len(readers) != 1 or getattr(readers[0], "op_type", None) != op_type:
        return None
    return readers[0]


def _other_input(node: Any, name: str) -> str | None:
    """The input of a two-input node that is not ``name``."""
    rest = [item for item in node.input if item != name]
    return rest[0] if len(rest) == 1 else None


def _scalar(name: str | None, consts: dict[str, NDArray[Any]]) -> float | None:
    """The value of a one-element constant, or None."""
    value = consts.get(name) if name is not None else None
    return float(value.reshape(-1)[0]) if value is not None and value.size == 1 else None
