"""Reading files in their encodings, and the command line: formats, -o, stdin, errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from layout.cli import main
from layout.errors import InputError
from layout.read import decode, split_lines

from .conftest import SEEDS

PAGE = "本报讯 近日，某高新区签约十个项目。\n\n发力新基建\n"


@pytest.mark.parametrize(
    "data",
    [
        PAGE.encode("utf-8"),
        b"\xef\xbb\xbf" + PAGE.encode("utf-8"),
        PAGE.encode("utf-16"),  # with BOM
        PAGE.encode("utf-16-be").join([b"\xfe\xff", b""]),
        (PAGE * 20).encode("gb18030"),
        (PAGE * 20).encode("gbk"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "gb18030", "gbk"],
)
def test_encodings_are_detected(data: bytes) -> None:
    assert decode(data, "x").startswith("本报讯 近日")


def test_crlf_and_cr_line_ends() -> None:
    lines = split_lines(decode("甲\r\n\r\n乙\r丙\n".encode(), "x"))
    assert [(ln.number, ln.text, ln.blank_before) for ln in lines] == [
        (1, "甲", 0),
        (3, "乙", 1),
        (4, "丙", 0),
    ]


def test_binary_input_is_refused() -> None:
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "x.png")


def run(args: list[str], stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "layout", *args], input=stdin, capture_output=True, timeout=60
    )


def test_cli_text_output_on_a_seed() -> None:
    proc = run([str(SEEDS[0])])
    assert proc.returncode == 0
    out = proc.stdout.decode()
    assert out.startswith("=== a1 ===\t\n上半年经济逆势增长 新旧动能转换再提速\n")


def test_cli_reads_stdin_and_writes_json() -> None:
    proc = run(["-f", "json", "-"], stdin=PAGE.encode("gbk") * 5)
    assert proc.returncode == 0
    data = json.loads(proc.stdout)
    assert data["source"] == "<stdin>"
    assert data["articles"][0]["paragraphs"][0]["text"].startswith("本报讯近日")


def test_empty_file_gives_an_empty_result(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    proc = run(["-f", "json", str(empty)])
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["articles"] == []


def test_bad_inputs_get_one_line_each_and_the_batch_goes_on(tmp_path: Path) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x00\x01\x02 binary")
    unreadable = tmp_path / "secret.txt"
    unreadable.write_text("甲")
    unreadable.chmod(0)
    out_dir = tmp_path / "out"
    args = [
        str(tmp_path / "missing.txt"),
        str(tmp_path),
        str(binary),
        str(SEEDS[1]),
        "-o",
        str(out_dir),
    ]
    if os.geteuid() != 0:  # root reads any file: the permission case needs a normal user
        args.insert(0, str(unreadable))
    proc = run(args)
    err = proc.stderr.decode().strip().splitlines()
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr.decode()
    assert any("missing.txt: no such file" in line for line in err)
    assert any("is a directory" in line for line in err)
    assert any("photo.txt: binary file" in line for line in err)
    assert len(err) == len(args) - 3  # one line per bad input
    assert (out_dir / (SEEDS[1].name + ".relayout.txt")).exists()


def test_bad_usage_exits_2() -> None:
    proc = run(["--format", "pdf", str(SEEDS[0])])
    assert proc.returncode == 2
    assert proc.stderr.decode().count("\n") == 1
    assert "invalid choice: 'pdf'" in proc.stderr.decode()


def test_output_dir_names_stay_inside_it(tmp_path: Path) -> None:
    sub = tmp_path / "a"
    sub.mkdir()
    (sub / "page.txt").write_text(PAGE, encoding="utf-8")
    other = tmp_path / "b"
    other.mkdir()
    (other / "page.txt").write_text(PAGE, encoding="utf-8")
    out = tmp_path / "out"
    assert (
        main([str(sub / "page.txt"), str(other / "page.txt"), "-f", "markdown", "-o", str(out)])
        == 0
    )
    assert sorted(p.name for p in out.iterdir()) == [
        "page.txt-2.relayout.md",
        "page.txt.relayout.md",
    ]


def test_explain_reports_moves_on_stderr() -> None:
    proc = run(["--explain", str(SEEDS[1])])
    err = proc.stderr.decode()
    assert proc.returncode == 0
    assert "block(s) moved" in err
    assert "郴州高新区务实举措稳就业" in err and "confidence" in err and "shared:" in err
