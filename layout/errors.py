"""One exception hierarchy; each user-facing error is one line naming the file and the problem.

The CLI maps ``exit_code`` to the process exit status; ``--debug`` shows the traceback.
"""

from __future__ import annotations


class RelayoutError(Exception):
    """Base of every error relayout reports to a user."""

    exit_code = 1

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class InputError(RelayoutError):
    """The input cannot be read: missing, a directory, unreadable, binary, undecodable."""


class ImageError(InputError):
    """An image that cannot be decoded, or that is over the pixel limit."""


class OcrError(RelayoutError):
    """Tesseract ran but failed on an image: it crashed, reported an error, or ran out of time."""


class OcrTimeoutError(OcrError):
    """Tesseract did not finish within the time allowed for one call."""


class MissingDependencyError(RelayoutError):
    """A program relayout needs (Tesseract, its language data) is not installed."""

    exit_code = 3


class OutputError(RelayoutError):
    """An output cannot be written: the folder is missing or read-only, the disk is full,
    the target is a link or a directory. Named after the output, not the input."""

    exit_code = 4


class UsageError(RelayoutError):
    """The command line itself is wrong."""

    exit_code = 2
