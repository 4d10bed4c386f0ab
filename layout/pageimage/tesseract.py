"""The one wrapper around the ``tesseract`` program: every call relayout makes goes here.

- ``probe`` says whether Tesseract is installed, its version and its languages (cached
  per command); ``require`` turns a missing program or language into
  MissingDependencyError naming the Debian package. Probing never runs OCR.
- ``read_words`` runs one OCR call: an argument list (no shell), the image on standard
  input as PNG, the TSV on standard output, its own environment (``OMP_THREAD_LIMIT=1``
  for that process only: relayout runs several Tesseracts side by side, one per core),
  a timeout. A failure becomes a one-line OcrError (OcrTimeoutError when it ran out of
  time, MissingDependencyError for missing language data); what Tesseract says on
  stderr is sorted into known chatter (logged at DEBUG) and the rest (INFO).
- ``group_lines`` turns the TSV words into Tesseract's lines.

Nothing global is changed: not ``os.environ``, not a module setting of another library.
The ``layout.pageimage.tesseract`` logger records each call's arguments and time.
"""

from __future__ import annotations

import io
import logging
import os
import re
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from PIL import Image

from layout.errors import MissingDependencyError, OcrError, OcrTimeoutError
from layout.options import DEFAULT_OCR_TIMEOUT_S

log = logging.getLogger(__name__)

DEFAULT_COMMAND = "tesseract"
DEFAULT_TIMEOUT_S = DEFAULT_OCR_TIMEOUT_S  # see layout.options
# --version and --list-langs answer at once; a probe that hangs is a broken install.
PROBE_TIMEOUT_S = 30.0
# Tesseract's OpenMP threads per process: relayout runs one process per worker itself.
OMP_THREADS = "1"

LANG_PACKAGES = {"chi_sim": "tesseract-ocr-chi-sim", "chi_tra": "tesseract-ocr-chi-tra"}
INSTALL_TESSERACT = "apt-get install tesseract-ocr"

# What Tesseract writes on stderr on a good run: not worth a user's attention.
_CHATTER = re.compile(
    r"^(Estimating resolution as \d+|Warning:? Invalid resolution .*|Detected \d+ diacritics"
    r"|Empty page!*|Too few characters\. Skipping this page|Image too small to scale!*"
    r"|Line cannot be recognized!*|Tesseract Open Source OCR Engine .*)$"
)
_MISSING_LANGUAGE = re.compile(r"Failed loading language '([^']+)'")
_NO_DATA_FILE = "Error opening data file"


@dataclass(frozen=True, slots=True)
class TesseractInfo:
    """What a probe found: the command's path, its version line, its languages."""

    path: str
    version: str
    languages: frozenset[str]


@dataclass(frozen=True, slots=True)
class Word:
    """One row of Tesseract's TSV: a word (or an empty layout row) with its box."""

    text: str
    conf: int  # truncated to an integer, -1 for layout rows
    block: int
    par: int
    line: int
    left: int
    top: int
    width: int
    height: int

    @property
    def line_key(self) -> tuple[int, int, int]:
        return (self.block, self.par, self.line)


# --- probe ------------------------------------------------------------------------------


@lru_cache(maxsize=8)
def probe(command: str = DEFAULT_COMMAND) -> TesseractInfo | None:
    """Tesseract's version and languages, or None when the command is not there."""
    path = shutil.which(command)
    if path is None:
        return None
    version = _probe_output([path, "--version"]).splitlines()
    languages = _probe_output([path, "--list-langs"]).splitlines()[1:]  # after a title line
    info = TesseractInfo(
        path=path,
        version=version[0].strip() if version else "",
        languages=frozenset(code.strip() for code in languages if code.strip()),
    )
    log.debug("probed %s: %s, languages %s", path, info.version, sorted(info.languages))
    return info


def _probe_output(args: list[str]) -> str:
    try:
        done = subprocess.run(
            args, capture_output=True, timeout=PROBE_TIMEOUT_S, check=False, env=_environment()
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.info("tesseract probe %s failed: %s", args, exc)
        return ""
    # Older versions print --version on stderr.
    return (done.stdout or done.stderr).decode("utf-8", "replace")


def require(lang: str, source: str, command: str = DEFAULT_COMMAND) -> TesseractInfo:
    """The probe's answer; MissingDependencyError (naming the package) if OCR cannot run."""
    info = probe(command)
    if info is None:
        raise MissingDependencyError(
            source, f"Tesseract not found ({command}): {INSTALL_TESSERACT}"
        )
    for code in lang.split("+"):
        if code not in info.languages:
            raise MissingDependencyError(source, _missing_language(code))
    return info


def _missing_language(code: str) -> str:
    package = LANG_PACKAGES.get(code, f"tesseract-ocr-{code.replace('_', '-')}")
    return f"Tesseract language data {code} missing: apt-get install {package}"


# --- one OCR call -------------------------------------------------------------------------


def read_words(
    image: NDArray[np.uint8] | Path,
    lang: str,
    psm: int,
    source: str,
    timeout: float = DEFAULT_TIMEOUT_S,
    command: str = DEFAULT_COMMAND,
) -> list[Word]:
    """OCR one image (a grey array, or an image file) with page segmentation mode ``psm``."""
    if isinstance(image, Path):
        target, data = str(image), b""
    else:
        target, data = "stdin", _png(image)
    # The same arguments pytesseract's image_to_data gave, so the same words come out.
    args = [command, target, "stdout", "-l", lang, "-c", "tessedit_create_tsv=1"]
    args += ["--psm", str(psm)]
    return parse_tsv(run(args, data, source, timeout))


def _png(image: NDArray[np.uint8]) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(image).save(buffer, format="PNG")
    return buffer.getvalue()


def run(args: list[str], stdin: bytes, source: str, timeout: float) -> str:
    """Run Tesseract once; its standard output, or a typed error with one line."""
    start = time.perf_counter()
    try:
        done = subprocess.run(
            args, input=stdin, capture_output=True, timeout=timeout, check=False, env=_environment()
        )
    except FileNotFoundError:
        raise MissingDependencyError(
            source, f"Tesseract not found ({args[0]}): {INSTALL_TESSERACT}"
        ) from None
    except subprocess.TimeoutExpired:
        raise OcrTimeoutError(
            source, f"Tesseract did not finish within {timeout:g} s and was stopped"
        ) from None
    except OSError as exc:
        raise OcrError(source, f"Tesseract could not be started: {exc.strerror or exc}") from None
    stderr = done.stderr.decode("utf-8", "replace")
    log.debug("%s: %.2f s, exit %d", " ".join(args), time.perf_counter() - start, done.returncode)
    if done.returncode != 0:
        raise _failure(source, done.returncode, stderr)
    _log_stderr(stderr)
    return done.stdout.decode("utf-8", "replace")


def _environment() -> dict[str, str]:
    """This process's environment with Tesseract held to OMP_THREADS, for one call."""
    return {**os.environ, "OMP_THREAD_LIMIT": OMP_THREADS}


def _failure(source: str, code: int, stderr: str) -> Exception:
    language = _MISSING_LANGUAGE.search(stderr)
    if language is not None:
        return MissingDependencyError(source, _missing_language(language.group(1)))
    if _NO_DATA_FILE in stderr:
        return MissingDependencyError(source, "Tesseract language data missing")
    if code < 0:
        return OcrError(source, f"Tesseract was killed by {_signal_name(-code)}")
    lines = [ln.strip() for ln in stderr.splitlines() if ln.strip() and not _CHATTER.match(ln)]
    detail = f": {lines[0]}" if lines else ""
    return OcrError(source, f"Tesseract failed (exit status {code}){detail}")


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def _log_stderr(stderr: str) -> None:
    for line in stderr.splitlines():
        if not line.strip():
            continue
        log.log(
            logging.DEBUG if _CHATTER.match(line.strip()) else logging.INFO, "tesseract: %s", line
        )


# --- the TSV ------------------------------------------------------------------------------

_COLUMNS = ("block_num", "par_num", "line_num", "left", "top", "width", "height", "conf", "text")


def parse_tsv(tsv: str) -> list[Word]:
    """Tesseract's TSV rows as Words (the header names the columns)."""
    rows = [row.split("\t") for row in tsv.strip("\n").split("\n") if row]
    if len(rows) < 2:
        return []
    header = rows[0]
    at = {name: header.index(name) for name in _COLUMNS}
    words = []
    for row in rows[1:]:
        if len(row) < len(header):
            row = row + [""] * (len(header) - len(row))  # an empty last text cell
        words.append(
            Word(
                text=row[at["text"]],
                conf=int(float(row[at["conf"]])),
                block=int(row[at["block_num"]]),
                par=int(row[at["par_num"]]),
                line=int(row[at["line_num"]]),
                left=int(row[at["left"]]),
                top=int(row[at["top"]]),
                width=int(row[at["width"]]),
                height=int(row[at["height"]]),
            )
        )
    return words


@dataclass(frozen=True, slots=True)
class WordLine:
    """One of Tesseract's lines: its words' texts joined by spaces, and their box."""

    key: tuple[int, int, int]  # (block, paragraph, line)
    text: str
    box: tuple[int, int, int, int]  # x0, y0, x1, y1


def group_lines(words: list[Word], min_conf: int | None = None) -> list[WordLine]:
    """Words with text (and, with ``min_conf``, that confidence or more) grouped into
    Tesseract's lines, in Tesseract's order."""
    rows: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        if not word.text.strip() or (min_conf is not None and word.conf < min_conf):
            continue
        rows.setdefault(word.line_key, []).append(word)
    return [
        WordLine(
            key,
            " ".join(w.text for w in row),
            (
                min(w.left for w in row),
                min(w.top for w in row),
                max(w.left + w.width for w in row),
                max(w.top + w.height for w in row),
            ),
        )
        for key, row in rows.items()
    ]
