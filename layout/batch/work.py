"""One batch item, wherever it runs (a local worker process or a Dask worker).

A task carries paths, never page data: the worker reads the input, runs the pipeline
(``process_pages``, so every input kind the project reads comes for free), writes the
output and its manifest, and sends back only a small ``Outcome``. Writing in the worker
keeps the parent (or the Dask client and scheduler) a light coordinator: on a cluster the
rendered pages never travel through the scheduler, only a status line per page.

Resume: an output counts as complete only when its manifest beside it matches the input
(size, time of change, else content hash), relayout's version and the output settings.
The output is written first, the manifest last, both atomically; a stop between the two
leaves an output without manifest, which the next run redoes.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import os
import signal
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from layout import __version__
from layout.conventions import CHINESE
from layout.errors import (
    ImageError,
    InputError,
    MissingDependencyError,
    OutputError,
    RelayoutError,
)
from layout.formats import FORMATS, render
from layout.language import ocr_languages, text_language
from layout.model import PageResult
from layout.options import Options
from layout.outputs import SUFFIXES, companion_path, write_atomic
from layout.pipeline import process_pages

MANIFEST_SUFFIX = ".manifest"  # beside each output: <output>.manifest (JSON)
_LEFTOVER_MARK = ".relayout."  # in every output's name, so in its temporary files' too
_HASH_BLOCK = 1 << 20  # read inputs in 1 MiB blocks to hash them

# The reasons a page can fail, as the summary and failures.jsonl name them.
REASON_INPUT = "unreadable input"
REASON_IMAGE = "bad image"
REASON_MISSING = "missing program"
REASON_OUTPUT = "cannot write output"
REASON_INTERNAL = "internal error"
REASON_WORKER = "worker died"
REASON_DUPLICATE = "output name taken"


class Item(NamedTuple):
    """One input: the path as the user gave it (shown in messages and outputs), the
    absolute path a worker reads (any working directory, any machine with the same
    shared folder), and the output's path relative to the output folder."""

    shown: str
    path: str
    output: str


class Settings(NamedTuple):
    """What every item of a batch shares. ``out_dir`` is absolute."""

    out_dir: str
    format: str
    lang: str
    ocr: str = "auto"  # the OCR engine for page images (Options.ocr)


class Outcome(NamedTuple):
    """What a worker sends back: status is done, skipped or failed."""

    shown: str
    status: str
    reason: str = ""
    error: str = ""
    detail: str = ""  # a traceback, for internal errors only


def run_chunk(items: list[Item], settings: Settings) -> list[Outcome]:
    """The task a Dask worker runs: a few items, one outcome each."""
    return [run_item(item, settings) for item in items]


def run_item(item: Item, settings: Settings) -> Outcome:
    """Skip the item if its output is current; otherwise process it and write the output
    and its manifest. Every failure becomes an Outcome; nothing is raised but BaseExceptions
    (a stop), which must end the worker."""
    target = Path(settings.out_dir) / item.output
    try:
        if is_current(item, target, settings):
            return Outcome(item.shown, "skipped")
        _process(item, target, settings)
    except OutputError as exc:  # named after the output, which the message already names
        return Outcome(item.shown, "failed", REASON_OUTPUT, f"{item.shown}: {exc}")
    except RelayoutError as exc:  # raised naming the absolute path: show the user's
        return Outcome(item.shown, "failed", _reason(exc), f"{item.shown}: {exc.problem}")
    except Exception as exc:  # a bug: reported with its traceback, and the batch goes on
        detail = "".join(traceback.format_exception(exc))
        error = f"{item.shown}: internal error: {exc!r}"
        return Outcome(item.shown, "failed", REASON_INTERNAL, error, detail)
    return Outcome(item.shown, "done")


def _process(item: Item, target: Path, settings: Settings) -> None:
    # jobs=1: the batch runs one page per core; a page's OCR must not start more processes.
    options = Options(
        format=settings.format,
        lang=ocr_languages(settings.lang),
        conventions=CHINESE.for_language(text_language(settings.lang)),
        jobs=1,
        ocr=settings.ocr,
    )
    before = _stat(item)
    outputs = _render_pages(item, target, options)
    digest = _sha256(item.path)
    after = _stat(item)
    if (before.st_size, before.st_mtime_ns) != (after.st_size, after.st_mtime_ns):
        raise InputError(item.shown, "changed while relayout read it; run the batch again")
    manifest = _manifest(item, after, digest, settings, outputs)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(str(target.parent), f"cannot create: {exc.strerror or exc}") from None
    root = Path(settings.out_dir)
    with _stop_signals_held():
        for path, text in outputs.items():  # a METS file's ALTO before the METS file
            write_atomic(path, text, inside=root)
        write_atomic(manifest_path(target), json.dumps(manifest) + "\n", inside=root)


def _render_pages(item: Item, target: Path, options: Options) -> dict[Path, str]:
    """Every output of the input, by path, in the order to write them: ``target`` itself
    for a one-page input, ``name.p0003.relayout.json`` beside it for each page of a longer
    document (as ``relayout -o`` names them); a format's companion (a METS file's ALTO)
    just before the file that names it."""
    pages = process_pages(item.path, options)  # lazily: one page's result at a time
    first, second = next(pages, None), next(pages, None)
    if first is None:
        raise InputError(item.shown, "no page to read")
    if second is None:
        return _render_one(first, target, item, options.format)
    outputs: dict[Path, str] = {}
    for n, result in enumerate(itertools.chain((first, second), pages), 1):
        path = page_output(target, result.page or n)
        outputs.update(_render_one(result, path, item, options.format))
    return outputs


def _render_one(result: PageResult, path: Path, item: Item, fmt: str) -> dict[Path, str]:
    result.source = item.shown  # the same output whatever machine or folder ran it
    companion = companion_path(path, fmt)
    if companion is None:
        return {path: render(result, fmt)}
    return {
        companion: render(result, FORMATS[fmt].companion or ""),
        path: render(result, fmt, companion=companion.name),
    }


def page_output(target: Path, page: int) -> Path:
    """The output of one page of a paged document: the page number before the suffix."""
    suffix = next((s for s in SUFFIXES.values() if target.name.endswith(s)), target.suffix)
    stem = target.name[: len(target.name) - len(suffix)]
    return target.with_name(f"{stem}.p{page:04d}{suffix}")


def _stat(item: Item) -> os.stat_result:
    try:
        return os.stat(item.path)
    except FileNotFoundError:
        raise InputError(item.shown, "no such file") from None
    except OSError as exc:
        raise InputError(item.shown, f"cannot read: {exc.strerror or exc}") from None


def is_current(item: Item, target: Path, settings: Settings) -> bool:
    """Whether ``target`` is a complete output of this very input under these settings.
    Size and time of change equal: current (as make and rsync judge). Same size but a new
    time: the content hash decides, and a match refreshes the manifest's time."""
    manifest = _read_manifest(manifest_path(target))
    if manifest is None or not _same_settings(manifest, settings):
        return False
    try:
        stat = os.stat(item.path)
    except OSError:
        return False
    if not _outputs_complete(target, manifest) or stat.st_size != manifest.get("size"):
        return False
    if stat.st_mtime_ns == manifest.get("mtime_ns"):
        return True
    try:
        if _sha256(item.path) != manifest.get("sha256"):
            return False
    except OSError:
        return False  # unreadable now: processing it names the problem
    manifest["mtime_ns"] = stat.st_mtime_ns
    with _stop_signals_held():
        write_atomic(manifest_path(target), json.dumps(manifest) + "\n")
    return True


def _outputs_complete(target: Path, manifest: dict[str, Any]) -> bool:
    """Whether every output the manifest lists is there with its size: ``target`` alone, or
    the pages of a paged document and companions (``outputs``: output name → size)."""
    sizes = manifest.get("outputs") or {target.name: manifest.get("output_size")}
    try:
        return all(target.with_name(name).stat().st_size == size for name, size in sizes.items())
    except OSError:
        return False


def manifest_path(output: Path) -> Path:
    return output.with_name(output.name + MANIFEST_SUFFIX)


def _manifest(
    item: Item, stat: os.stat_result, sha256: str, settings: Settings, outputs: dict[Path, str]
) -> dict[str, Any]:
    sizes = {path.name: len(text.encode("utf-8")) for path, text in outputs.items()}
    several = {"outputs": sizes} if len(sizes) > 1 else {}
    return {
        "input": item.shown,
        "size": stat.st_size,
        "mtime_ns": stat.st_mtime_ns,
        "sha256": sha256,
        "relayout": __version__,
        "format": settings.format,
        "lang": settings.lang,
        "ocr": settings.ocr,
        "output_size": sum(sizes.values()),
        **several,
    }


def _same_settings(manifest: dict[str, Any], settings: Settings) -> bool:
    return (
        manifest.get("relayout") == __version__
        and manifest.get("format") == settings.format
        and manifest.get("lang") == settings.lang
        and manifest.get("ocr") == settings.ocr
    )


def sweep_leftovers(out_dir: Path) -> int:
    """Remove the temporary files that killed writers left under ``out_dir``; returns how
    many. write_atomic removes its temporary file after any exception, but nothing runs
    after a SIGKILL (the memory killer, a lost cluster node). They are hidden files named
    as write_atomic names them, ``.<output name>.<random>.tmp``; only those of relayout's
    outputs and manifests are touched. Run when no writer is left: at the end of a batch."""
    removed = 0
    for folder, _, names in os.walk(out_dir):
        for name in names:
            if name.startswith(".") and name.endswith(".tmp") and _LEFTOVER_MARK in name:
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(folder, name))
                    removed += 1
    return removed


def _read_manifest(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # missing or damaged: the item is simply done again
    return data if isinstance(data, dict) else None


def _sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(_HASH_BLOCK):
            digest.update(block)
    return digest.hexdigest()


def _reason(exc: RelayoutError) -> str:
    if isinstance(exc, ImageError):
        return REASON_IMAGE
    if isinstance(exc, InputError):
        return REASON_INPUT
    if isinstance(exc, MissingDependencyError):
        return REASON_MISSING
    return REASON_INTERNAL


@contextlib.contextmanager
def _stop_signals_held() -> Iterator[None]:
    """Hold back SIGTERM and SIGINT while an output and its manifest are written, so that a
    stop lands before or after the pair, never between (a held signal arrives right after)."""
    stops = {signal.SIGTERM, signal.SIGINT}
    old = signal.pthread_sigmask(signal.SIG_BLOCK, stops)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
