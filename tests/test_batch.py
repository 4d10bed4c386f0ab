"""``relayout batch``: resume after Ctrl-C, the same outputs on a Dask cluster, failures listed.

Every batch runs as a real process on 300 small pages (the seeds, each copy made distinct
by a page number line); the Dask test starts a real scheduler and two workers on
127.0.0.1 and ends them afterwards.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from layout.cli import main

from .conftest import SEEDS
from .pdfs import make_pdf
from .test_sources import latin_page

PAGES = 300
KILL_PAGES = 100
BATCH_TIMEOUT = 300  # seconds: far above a run's time, only a guard against a hang
DASK = Path(sys.executable).with_name("dask")


def relayout_batch(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "layout", "batch", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=BATCH_TIMEOUT,
    )


def batch_here(
    *args: str, cwd: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str]:
    """The batch run in this process (quicker than a new interpreter): status, stderr."""
    monkeypatch.chdir(cwd)
    try:
        status = main(["batch", *args])
    except SystemExit as stop:  # argparse's own errors leave through exit()
        status = stop.code  # type: ignore[assignment]
    return status, capsys.readouterr().err


def start_batch(*args: str, cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "layout", "batch", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # Ctrl-C acts as at a terminal even when the test runner was started in the
        # background, where shells set SIGINT to "ignore" and children inherit it.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def make_pages(folder: Path, n: int) -> None:
    """n pages under folder/pages, in two sub-folders (to see the tree mirrored)."""
    seeds = [p.read_text(encoding="utf-8") for p in SEEDS]
    for i in range(n):
        page = folder / "pages" / f"part{i % 2}" / f"p{i:03d}.txt"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"{seeds[i % len(seeds)]}\n第{i}版\n", encoding="utf-8")


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def outputs(folder: Path) -> set[Path]:
    return set(folder.rglob("*.relayout.json"))


def manifests(folder: Path) -> set[Path]:
    return set(folder.rglob("*.relayout.json.manifest"))


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("batch")
    make_pages(folder, PAGES)
    return folder


@pytest.fixture(scope="module")
def reference(work: Path) -> dict[str, bytes]:
    """One uninterrupted local run: the outputs every other run must match byte for byte."""
    proc = relayout_batch("pages", "-o", "ref", "-f", "json", "--workers", "2", cwd=work)
    assert proc.returncode == 0, proc.stderr
    assert len(outputs(work / "ref")) == PAGES
    return files(work / "ref")


def test_reference_run_mirrors_the_tree_and_writes_a_manifest_per_output(
    work: Path, reference: dict[str, bytes]
) -> None:
    assert "part1/p001.txt.relayout.json" in reference
    data = json.loads(reference["part1/p001.txt.relayout.json"])
    assert data["source"] == "pages/part1/p001.txt"  # the path as given, not the absolute one
    manifest = json.loads(reference["part1/p001.txt.relayout.json.manifest"])
    page = work / "pages/part1/p001.txt"
    assert manifest["size"] == page.stat().st_size
    assert manifest["mtime_ns"] == page.stat().st_mtime_ns
    assert manifest["format"] == "json"
    assert manifest["output_size"] == len(reference["part1/p001.txt.relayout.json"])
    assert reference["failures.jsonl"] == b""


def test_ctrl_c_leaves_only_complete_outputs_and_a_rerun_finishes(
    work: Path, reference: dict[str, bytes]
) -> None:
    out = work / "interrupted"
    proc = start_batch("pages", "-o", "interrupted", "-f", "json", "--workers", "2", cwd=work)
    wait_for(lambda: len(manifests(out)) >= 10, "the first outputs")
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=BATCH_TIMEOUT)
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    assert "interrupted" in err
    finished = outputs(out)
    assert 10 <= len(finished) < PAGES
    # No partial output: no temporary file left, each output with its manifest, and each
    # byte for byte what the uninterrupted run wrote.
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    assert {Path(f"{p}.manifest") for p in finished} == manifests(out)
    for path in finished:
        assert path.read_bytes() == reference[str(path.relative_to(out))]

    rerun = relayout_batch("pages", "-o", "interrupted", "-f", "json", cwd=work)
    assert rerun.returncode == 0, rerun.stderr
    assert _count(rerun.stderr, "skipped") == len(finished)
    assert _count(rerun.stderr, "done") == PAGES - len(finished)
    assert files(out) == reference


def test_rerun_redoes_a_changed_input_and_skips_a_touched_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    make_pages(tmp_path, 4)
    here = {"cwd": tmp_path, "capsys": capsys, "monkeypatch": monkeypatch}
    assert batch_here("pages", "-o", "out", **here)[0] == 0  # type: ignore[arg-type]
    changed = tmp_path / "pages/part0/p000.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "补\n", encoding="utf-8")
    touched = tmp_path / "pages/part1/p001.txt"
    os.utime(touched, ns=(time.time_ns(), time.time_ns() + 10**9))  # same bytes, new time
    status, err = batch_here("pages", "-o", "out", **here)  # type: ignore[arg-type]
    assert status == 0, err
    assert (_count(err, "done"), _count(err, "skipped")) == (1, 3)
    assert "补" in (tmp_path / "out/part0/p000.txt.relayout.txt").read_text(encoding="utf-8")
    # A new format is a new output, not a skip.
    _, err = batch_here("pages", "-o", "out", "-f", "markdown", **here)  # type: ignore[arg-type]
    assert _count(err, "done") == 4
    # Another OCR engine may read an image otherwise: its pages are done again.
    _, err = batch_here("pages", "-o", "out", "--ocr", "tesseract", **here)  # type: ignore[arg-type]
    assert _count(err, "done") == 4
    manifest = json.loads(
        (tmp_path / "out/part0/p000.txt.relayout.txt.manifest").read_text("utf-8")
    )
    assert manifest["ocr"] == "tesseract"


def test_a_paged_pdf_gives_one_output_per_page_and_resumes_as_a_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pdfs").mkdir()
    titles = ["Council backs new bridge", "Harbour reopens", "Library extends hours"]
    pdf = make_pdf([latin_page(t) for t in titles])
    (tmp_path / "pdfs/paper.pdf").write_bytes(pdf)
    (tmp_path / "pdfs/one.pdf").write_bytes(make_pdf([latin_page()]))
    here = {"cwd": tmp_path, "capsys": capsys, "monkeypatch": monkeypatch}
    status, err = batch_here("pdfs", "-o", "out", **here)  # type: ignore[arg-type]
    assert status == 0, err
    pages = sorted(p.name for p in (tmp_path / "out").glob("paper.pdf*.relayout.txt"))
    assert pages == [f"paper.pdf.p000{n}.relayout.txt" for n in (1, 2, 3)]
    for name, title in zip(pages, titles, strict=True):
        assert title in (tmp_path / "out" / name).read_text(encoding="utf-8")
    assert (tmp_path / "out/one.pdf.relayout.txt").exists()  # one page: no page number
    manifest = json.loads((tmp_path / "out/paper.pdf.relayout.txt.manifest").read_text("utf-8"))
    assert sorted(manifest["outputs"]) == pages
    # Complete: skipped. One page output lost: the document is done again.
    assert _count(batch_here("pdfs", "-o", "out", **here)[1], "skipped") == 2  # type: ignore[arg-type]
    (tmp_path / "out" / pages[1]).unlink()
    status, err = batch_here("pdfs", "-o", "out", **here)  # type: ignore[arg-type]
    assert (status, _count(err, "done"), _count(err, "skipped")) == (0, 1, 1)
    assert (tmp_path / "out" / pages[1]).exists()


def test_lang_sets_the_text_rules_as_relayout_lang_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Too few words to recognise French: only --lang fr puts the space before "!".
    (tmp_path / "in").mkdir()
    (tmp_path / "in/note.txt").write_text("C’est trop cool\n! Et après\n", encoding="utf-8")
    here = {"cwd": tmp_path, "capsys": capsys, "monkeypatch": monkeypatch}
    assert batch_here("in", "-o", "auto", **here)[0] == 0  # type: ignore[arg-type]
    assert batch_here("in", "-o", "fr", "--lang", "fr", **here)[0] == 0  # type: ignore[arg-type]
    read = lambda d: (tmp_path / d / "note.txt.relayout.txt").read_text(encoding="utf-8")  # noqa: E731
    assert "cool! Et" in read("auto")
    assert "cool ! Et" in read("fr")


def test_a_bad_file_is_listed_in_failures_and_the_others_go_through(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    make_pages(tmp_path, 6)
    (tmp_path / "pages/part0/scan.txt").write_bytes(b"\x00\x01\x02 binary")
    (tmp_path / "list.txt").write_text("# a list\npages/part1\n\nmissing.txt\n", encoding="utf-8")
    args = ("pages/part0", "@list.txt", "-o", "out")
    status, err = batch_here(*args, cwd=tmp_path, capsys=capsys, monkeypatch=monkeypatch)
    assert status == 1
    assert "Traceback" not in err
    failures = [
        json.loads(line)
        for line in (tmp_path / "out/failures.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert [(f["input"], f["reason"]) for f in failures] == [
        ("missing.txt", "unreadable input"),
        ("pages/part0/scan.txt", "unreadable input"),
    ]
    assert failures[1]["error"] == "pages/part0/scan.txt: binary file (NUL bytes), not text"
    assert len(list((tmp_path / "out").glob("p*.relayout.txt"))) == 6
    assert not (tmp_path / "out/scan.txt.relayout.txt").exists()
    assert _count(err, "failed: unreadable input") == 2


def test_two_inputs_with_one_output_name_fail_the_second(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    make_pages(tmp_path, 2)
    twin = tmp_path / "other/p000.txt"
    twin.parent.mkdir()
    twin.write_bytes((tmp_path / "pages/part0/p000.txt").read_bytes())
    args = ("pages/part0", "other", "pages/part0/p000.txt", "-o", "out")
    status, err = batch_here(*args, cwd=tmp_path, capsys=capsys, monkeypatch=monkeypatch)
    assert status == 1
    assert "other/p000.txt: its output p000.txt.relayout.txt is already that of" in err
    assert _count(err, "done") == 1  # the same file named twice is taken once


def test_bad_usage_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for args in (["pages"], ["pages", "-o", "out", "--workers", "0"], ["-", "-o", "out"]):
        status, err = batch_here(*args, cwd=tmp_path, capsys=capsys, monkeypatch=monkeypatch)
        assert status == 2, args
        assert err.count("\n") == 1, (args, err)


def test_a_killed_worker_costs_nothing(tmp_path: Path) -> None:
    """SIGKILL one worker mid-run (as the memory killer would): its pages are redone on a
    fresh worker, its temporary file is removed, and the batch ends complete, exit 0."""
    make_pages(tmp_path, KILL_PAGES)
    out = tmp_path / "out"
    proc = start_batch("pages", "-o", "out", "--workers", "2", cwd=tmp_path)
    wait_for(lambda: len(list(out.rglob("*.manifest"))) >= 3, "the first outputs")
    workers = _grandchildren(proc.pid)
    assert workers, "no worker process found"
    os.kill(workers[0], signal.SIGKILL)
    _, err = proc.communicate(timeout=BATCH_TIMEOUT)
    assert proc.returncode == 0, err
    assert len(list(out.rglob("*.relayout.txt"))) == KILL_PAGES
    assert len(list(out.rglob("*.relayout.txt.manifest"))) == KILL_PAGES
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


@pytest.fixture(scope="module")
def dask_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[int]]]:
    """A Dask scheduler and two single-threaded workers, as processes on 127.0.0.1:
    the scheduler's address and the process ids of the two `dask worker` commands."""
    folder = tmp_path_factory.mktemp("dask")
    address_file = folder / "scheduler.json"
    where = ["--host", "127.0.0.1", "--no-dashboard", "--scheduler-file", str(address_file)]
    procs = [
        subprocess.Popen(
            [str(DASK), "scheduler", *where, "--port", "0"],
            cwd=folder,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    ]
    try:
        wait_for(address_file.exists, "the scheduler")
        for _ in range(2):
            procs.append(
                subprocess.Popen(
                    [str(DASK), "worker", *where, "--nworkers", "1", "--nthreads", "1"],
                    cwd=folder,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
        address = json.loads(address_file.read_text(encoding="utf-8"))["address"]
        from distributed import Client

        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
        yield str(address), [p.pid for p in procs[1:]]
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def test_dask_run_on_two_workers_matches_the_local_run_though_a_worker_dies(
    work: Path, reference: dict[str, bytes], dask_cluster: tuple[str, list[int]]
) -> None:
    """Two workers on loopback, one SIGKILLed mid-run: the scheduler hands its tasks on, the
    batch ends complete, and every output and manifest is byte for byte the local run's."""
    address, worker_commands = dask_cluster
    assert address.startswith("tcp://127.0.0.1:")
    out = work / "dask"
    args = ("pages", "-o", "dask", "-f", "json", "--scheduler", address)
    proc = start_batch(*args, cwd=work)
    wait_for(lambda: len(manifests(out)) >= 10, "the first outputs")
    # `dask worker` is a nanny; the worker proper is its child started by spawn.
    (worker,) = [p for p in _children(worker_commands[0]) if b"spawn_main" in _cmdline(p)]
    os.kill(worker, signal.SIGKILL)
    _, err = proc.communicate(timeout=BATCH_TIMEOUT)
    assert proc.returncode == 0, err
    assert files(out) == reference
    rerun = relayout_batch(*args, cwd=work)
    assert rerun.returncode == 0, rerun.stderr
    assert _count(rerun.stderr, "skipped") == PAGES


def test_an_unreachable_scheduler_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    make_pages(tmp_path, 1)
    # Port 9 (discard) on loopback: nothing listens there; the refusal comes at once.
    args = ("pages", "-o", "out", "--scheduler", "tcp://127.0.0.1:9")
    status, err = batch_here(*args, cwd=tmp_path, capsys=capsys, monkeypatch=monkeypatch)
    assert status == 1
    assert err.count("\n") == 1, err
    assert "cannot reach the Dask scheduler" in err


def _count(summary: str, label: str) -> int:
    """The number on the summary table's row that starts with ``label``."""
    for line in summary.splitlines():
        cells = [c.strip() for c in line.strip("│|┃ ").split("│")]
        if len(cells) == 2 and cells[0].startswith(label):
            return int(cells[1].replace(",", ""))
    raise AssertionError(f"no {label!r} row in:\n{summary}")


def _parents() -> dict[int, int]:
    """Every process's parent, from /proc."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    return parents


def _children(pid: int) -> list[int]:
    return sorted(p for p, parent in _parents().items() if parent == pid)


def _grandchildren(pid: int) -> list[int]:
    """Processes whose parent is a child of ``pid`` (the workers, forked by the fork server)."""
    parents = _parents()
    children = {p for p, parent in parents.items() if parent == pid}
    return sorted(p for p, parent in parents.items() if parent in children)


def _cmdline(pid: int) -> bytes:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes()
    except OSError:
        return b""
