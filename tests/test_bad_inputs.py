"""Every case of the bad-input table (tests/bad_inputs.py) through the real command.

Each case runs ``relayout`` (the console script pip installed beside this Python) in a
folder of its own, under bash with ``pipefail``, and must give its exit code, exactly its
one line on stderr (no traceback, no warning), leave no temporary file, and still let
the good file of its batch through. The docs table is checked against the same cases.
"""

from __future__ import annotations

import os
import platform
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .bad_inputs import CASES, DOCS, Case, make_inputs, render_table, table_in_docs

BIN = Path(sys.executable).parent  # .venv/bin: the relayout command pip installed
BASH = shutil.which("bash") or "/bin/bash"
CASE_TIMEOUT = 300  # seconds; an image case runs Tesseract on a busy two-core machine
WAIT_TIMEOUT = 60  # seconds for relayout to start and block on its standard input


def params() -> Iterator[object]:
    for case in CASES:
        marks = [pytest.mark.xfail(strict=True, reason=case.pending)] if case.pending else []
        yield pytest.param(case, id=case.id, marks=marks)


@pytest.mark.parametrize("case", list(params()))
def test_bad_input_gets_its_exit_code_and_one_line(case: Case, tmp_path: Path) -> None:
    make_inputs(case, tmp_path)
    proc = interrupted(case, tmp_path) if case.interrupt else run(case, tmp_path)
    err = proc.stderr.decode("utf-8", "replace")
    assert err.splitlines() == ([case.message] if case.message else []), err
    assert proc.returncode == case.exit_code
    if case.stdout_has:
        assert case.stdout_has in proc.stdout.decode("utf-8", "replace")
    for name, piece in case.files_hold:
        assert piece in (tmp_path / name).read_text(encoding="utf-8")
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]


def test_docs_table_is_the_one_the_cases_give() -> None:
    """After changing a case: .venv/bin/python -m tests.bad_inputs rewrites the table."""
    assert table_in_docs(DOCS.read_text(encoding="utf-8")) == render_table()


def test_every_exit_code_of_the_docs_has_a_case() -> None:
    assert {case.exit_code for case in CASES} == {0, 1, 2, 3, 4, 130}


def environment(case: Case, base: Path) -> dict[str, str]:
    if case.hide_programs:  # a folder holding only the relayout command
        alone = base / ".bin"
        alone.mkdir()
        (alone / "relayout").symlink_to(BIN / "relayout")
        return {**os.environ, "PATH": str(alone)}
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}


def run(case: Case, base: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*without_root_powers(case), BASH, "-o", "pipefail", "-c", case.command],
        cwd=base,
        env=environment(case, base),
        capture_output=True,
        timeout=CASE_TIMEOUT,
    )


def without_root_powers(case: Case) -> list[str]:
    """Root reads and writes past permission bits (capabilities DAC_OVERRIDE and
    DAC_READ_SEARCH): the permission cases are honest only without them."""
    if not case.no_root_powers or os.geteuid() != 0:
        return []
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]


def interrupted(case: Case, base: Path) -> subprocess.CompletedProcess[bytes]:
    """Start relayout reading its standard input, wait until it blocks there (so the
    signal lands in relayout's own code, not in Python's start-up), then send SIGINT."""
    proc = subprocess.Popen(
        [BASH, "-c", f"exec {case.command}"],
        cwd=base,
        env=environment(case, base),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=default_sigint,
    )
    deadline = time.monotonic() + WAIT_TIMEOUT
    while not reading_stdin(proc.pid):
        assert time.monotonic() < deadline, "relayout never waited on its input"
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=CASE_TIMEOUT)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def default_sigint() -> None:
    """Ctrl-C acts as for a user at a terminal even when the test runner was started in the
    background, where shells set SIGINT to "ignore" and children inherit it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


# The number of read(2), for kernels that do not name the wait in /proc/PID/wchan.
READ_SYSCALL = {"x86_64": "0", "aarch64": "63"}.get(platform.machine(), "")


def reading_stdin(pid: int) -> bool:
    """The process waits in read() on file descriptor 0 (a pipe)."""
    if "pipe_read" in Path(f"/proc/{pid}/wchan").read_text():
        return True
    call = Path(f"/proc/{pid}/syscall").read_text().split()
    return call[:2] == [READ_SYSCALL, "0x0"]
