"""The input size limit (Options.max_bytes, --max-bytes), and time that grows linearly."""

from __future__ import annotations

import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from layout import Options, process_path, process_text
from layout.errors import InputError
from layout.read import read_source

from .conftest import seed

LINE = "本报讯 这是一段用来填满页面的正文文字。\n"


def test_input_at_the_limit_is_read_one_byte_more_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    data = (LINE * 10).encode()
    path.write_bytes(data)
    assert read_source(str(path), max_bytes=len(data)) == (str(path), data)
    message = rf"page\.txt: larger than the input limit of {len(data) - 1} bytes"
    with pytest.raises(InputError, match=message):
        read_source(str(path), max_bytes=len(data) - 1)
    with pytest.raises(InputError, match=message):
        process_path(str(path), Options(max_bytes=len(data) - 1))


def test_dev_zero_is_refused_with_one_line() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "layout", "--max-bytes", "100000", "/dev/zero"],
        capture_output=True,
        timeout=60,
    )
    assert proc.returncode == 1 and proc.stdout == b""
    (line,) = proc.stderr.decode().splitlines()
    assert "/dev/zero" in line and "limit of 100000 bytes" in line


def test_endless_pipe_on_stdin_stops_at_the_limit() -> None:
    source = subprocess.Popen(["yes", LINE.strip()], stdout=subprocess.PIPE)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "layout", "--max-bytes", "50000", "-"],
            stdin=source.stdout,
            capture_output=True,
            timeout=60,
        )
    finally:
        source.kill()
        source.wait()
    assert proc.returncode == 1
    (line,) = proc.stderr.decode().splitlines()
    assert "<stdin>" in line and "limit of 50000 bytes" in line


def test_max_bytes_raises_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(LINE * 100, encoding="utf-8")
    small = subprocess.run(
        [sys.executable, "-m", "layout", "--max-bytes", "1000", str(path)], capture_output=True
    )
    large = subprocess.run(
        [sys.executable, "-m", "layout", "--max-bytes", "100000", str(path)], capture_output=True
    )
    assert small.returncode == 1 and large.returncode == 0
    assert "这是一段" in large.stdout.decode()


@pytest.mark.parametrize("value", ["0", "-5", "many"])
def test_bad_max_bytes_is_bad_usage(value: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "layout", "--max-bytes", value, "x.txt"], capture_output=True
    )
    assert proc.returncode == 2 and proc.stderr.decode().count("\n") == 1


# A page of 16 copies of a seed against one of 4 copies: linear work takes 4 times as
# long, quadratic 16. The bound leaves room for a loaded machine (measured: 2.6-3x).
GROWTH_BOUND = 8.0


def cpu_seconds(text: str) -> float:
    """Best of three CPU times: the tests running beside this one must not decide it."""
    times = []
    for _ in range(3):
        start = time.process_time()
        process_text(text, "scaled")
        times.append(time.process_time() - start)
    return min(times)


def peak_bytes(text: str) -> int:
    tracemalloc.start()
    try:
        process_text(text, "scaled")
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_time_and_memory_grow_linearly_with_page_length() -> None:
    page = seed("003").read_text(encoding="utf-8")
    small, large = "\n".join([page] * 4), "\n".join([page] * 16)
    process_text(small)  # warm-up: imports, compiled expressions
    time_ratio = cpu_seconds(large) / cpu_seconds(small)
    memory_ratio = peak_bytes(large) / peak_bytes(small)
    assert time_ratio < GROWTH_BOUND, f"16x the page took {time_ratio:.1f}x the time of 4x"
    assert memory_ratio < GROWTH_BOUND, f"16x the page took {memory_ratio:.1f}x the memory"
