"""Writing outputs safely: whole or not at all, never through a link, errors named after
the output.

A reader of ``out/page.relayout.json`` sees either the old file or the new one, never half
of one: the bytes go to a temporary file in the same folder, are flushed to disk, and
the temporary file is renamed over the target (``os.replace`` is atomic on POSIX within
one file system). A kill or a full disk leaves the old file (or none) and no temporary
file behind.

Every failure becomes an ``OutputError`` naming the output (a file, the ``-o`` folder or
``<stdout>``), never the input being processed.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .errors import OutputError
from .formats import FORMATS

if TYPE_CHECKING:
    from PIL import Image

STDOUT = "<stdout>"
SUFFIXES = {name: f.suffix for name, f in FORMATS.items()}


def write_atomic(target: Path, data: str | bytes, *, inside: Path | None = None) -> None:
    """Write ``data`` (str as UTF-8) to ``target`` atomically.

    ``inside``: the output folder the user named; a target that is a symbolic link,
    or whose real path lies outside that folder, is refused rather than written through.
    Raises OutputError naming the target and the problem.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    _check_target(target, inside)
    folder = target.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(str(target), f"cannot write: {exc.strerror or exc}") from None
    try:
        os.fchmod(fd, _mode_for(target))
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(str(target), f"cannot write: {exc.strerror or exc}") from None
    except BaseException:  # KeyboardInterrupt included: leave no temporary file behind
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _mode_for(target: Path) -> int:
    """The permissions the output would have had if written in place: the old file's, or
    the usual ones under the user's umask (mkstemp's own 0600 would hide it from others)."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _check_target(target: Path, inside: Path | None) -> None:
    if target.is_symlink():
        raise OutputError(str(target), "is a symbolic link; relayout does not write through links")
    if target.is_dir():
        raise OutputError(str(target), "is a directory")
    if not target.parent.is_dir():
        raise OutputError(str(target), f"the folder {target.parent} does not exist")
    if inside is not None:
        root = inside.resolve()
        real = target.parent.resolve() / target.name
        if root != real.parent and root not in real.parents:
            raise OutputError(str(target), f"lies outside the output folder {inside}")


# --- the -o folder ----------------------------------------------------------------------


def prepare_output_dir(directory: Path) -> None:
    """Create the ``-o`` folder if needed and make sure a file can be created in it.

    Checked once, before any input is processed: when the folder cannot take files,
    every output would fail the same way, so the user hears it at once, in one line."""
    if directory.exists() and not directory.is_dir():
        raise OutputError(str(directory), "is a file, not a folder (-o needs a folder)")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".relayout-probe.", dir=directory)
    except OSError as exc:
        raise OutputError(str(directory), f"cannot write in this folder: {exc.strerror}") from None
    os.close(fd)
    os.unlink(probe)


def output_path(
    directory: Path, path: str, fmt: str, taken: set[str], page: int | None = None
) -> Path:
    """DIR/<input name>[.p0003].relayout.<ext>, never outside DIR, never the same name
    twice (``page``: the page of a multi-page PDF)."""
    stem = "stdin" if path == "-" else (Path(path).name or "input")
    if page is not None:
        stem += f".p{page:04d}"
    name = stem + SUFFIXES[fmt]
    n = 2
    while name in taken:
        name = f"{stem}-{n}{SUFFIXES[fmt]}"
        n += 1
    taken.add(name)
    return directory / name


def companion_path(target: Path, fmt: str) -> Path | None:
    """Where the companion of output ``target`` goes (a METS file's ALTO): beside it, the
    same name with the companion's suffix. None for a format without one."""
    companion = FORMATS[fmt].companion
    if companion is None:
        return None
    stem = target.name.removesuffix(FORMATS[fmt].suffix)
    return target.with_name(stem + FORMATS[companion].suffix)


# --- standard output --------------------------------------------------------------------


def write_stdout(text: str) -> None:
    """Write and flush to standard output; a failure is an OutputError naming <stdout>.

    After a failure standard output is pointed at /dev/null, so that Python's own flush at
    exit does not print a second, raw error about the same problem."""
    if sys.stdout is None:  # started with standard output closed (`relayout page.txt >&-`)
        raise OutputError(STDOUT, "standard output is closed; nothing was written")
    try:
        _write_utf8(sys.stdout, text)
    except OSError as exc:
        _silence_stdout()
        raise OutputError(STDOUT, _stdout_problem(exc)) from None


def _write_utf8(stream: TextIO, text: str) -> None:
    """UTF-8 whatever the locale says (as the -o files are): a page's characters must not
    depend on LANG, and an ASCII locale must not turn into an encoding error."""
    stream.flush()
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # a stream with no bytes underneath (an embedding program's)
        stream.write(text)
    else:
        buffer.write(text.encode("utf-8"))
        buffer.flush()


def _stdout_problem(exc: OSError) -> str:
    if exc.errno == errno.EPIPE:
        return "the reading program closed the pipe; output cut short"
    if exc.errno == errno.EBADF:
        return "standard output is closed; nothing was written"
    return f"cannot write: {exc.strerror or exc}"


def _silence_stdout() -> None:
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


# --- images (overlays) ------------------------------------------------------------------


def save_image(image: Image.Image, target: Path) -> None:
    """Encode ``image`` in the format its file extension names, then write it atomically.

    A name with no extension, or one Pillow cannot write, is refused with one line."""
    fmt = image_format(target)
    buffer = io.BytesIO()
    try:
        image.save(buffer, format=fmt)
    except (OSError, ValueError) as exc:  # e.g. a format that takes no colour image
        raise OutputError(str(target), f"cannot write as {fmt}: {exc}") from None
    write_atomic(target, buffer.getvalue())


def image_format(target: Path) -> str:
    """The Pillow format for ``target``'s extension; OutputError when there is none."""
    from PIL import Image

    if target.is_dir():
        raise OutputError(str(target), "is a directory; the overlay needs a file name (.png)")
    if not target.parent.is_dir():
        raise OutputError(str(target), f"the folder {target.parent} does not exist")
    suffix = target.suffix.lower()
    if not suffix:
        raise OutputError(str(target), "has no extension; name the overlay .png or .jpg")
    Image.init()
    fmt = Image.registered_extensions().get(suffix)
    if fmt is None or fmt not in Image.SAVE:
        raise OutputError(str(target), f"unknown image extension {suffix}; use .png or .jpg")
    return fmt
