"""Writing output files safely: whole or not at all, never through a link out of the folder.

A reader of ``out/page.relayout.json`` sees either the old file or the new one, never half
of one: the bytes go to a temporary file in the same folder, are flushed to disk, and
the temporary file is renamed over the target (``os.replace`` is atomic on POSIX within
one file system). A kill or a full disk leaves the old file (or none) and no temporary
file behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .errors import OutputError


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


def _check_target(target: Path, inside: Path | None) -> None:
    if target.is_symlink():
        raise OutputError(str(target), "is a symbolic link; relayout does not write through links")
    if target.is_dir():
        raise OutputError(str(target), "is a directory")
    if inside is not None:
        root = inside.resolve()
        real = target.parent.resolve() / target.name
        if root != real.parent and root not in real.parents:
            raise OutputError(str(target), f"lies outside the output folder {inside}")
