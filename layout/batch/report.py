"""What a batch tells its user: progress while it runs, a summary at the end, and
``DIR/failures.jsonl`` (one JSON object per failed input: input, reason, error).

Progress is a bar with pages per second and time left when stderr is a terminal;
otherwise (a log, a pipe, a job scheduler's output file) one plain line every
PROGRESS_LINE_SECONDS, so a long run shows it is alive without filling the log.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from layout.outputs import write_atomic

from .work import Outcome

FAILURES_FILE = "failures.jsonl"
PROGRESS_LINE_SECONDS = 30.0
ERRORS_SHOWN = 5  # failures also printed on stderr; the rest are in failures.jsonl


class PagesPerSecond(ProgressColumn):
    """Pages per second, over rich's recent window."""

    def render(self, task: Task) -> Text:
        speed = task.speed
        return Text("-- pages/s" if speed is None else f"{speed:,.1f} pages/s")


class BatchReport:
    """Counts outcomes, shows progress, and writes the summary and failures.jsonl."""

    def __init__(self, total: int, out_dir: Path, console: Console | None = None) -> None:
        self.total = total
        self.out_dir = out_dir
        self.console = console or Console(stderr=True, highlight=False)
        self.counts: Counter[str] = Counter()
        self.failures: list[Outcome] = []
        self.started = time.monotonic()
        self._last_line = self.started
        self._progress: Progress | None = None
        self._task = TaskID(0)

    def __enter__(self) -> BatchReport:
        if self.console.is_terminal:
            self._progress = Progress(
                TextColumn("relayout batch"),
                BarColumn(),
                MofNCompleteColumn(),
                PagesPerSecond(),
                TimeRemainingColumn(),
                console=self.console,
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task("pages", total=self.total)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.stop()

    def add(self, outcome: Outcome) -> None:
        self.counts[outcome.status] += 1
        if outcome.status == "failed":
            self.failures.append(outcome)
        if self._progress is not None:
            self._progress.advance(self._task)
        elif time.monotonic() - self._last_line >= PROGRESS_LINE_SECONDS:
            self._last_line = time.monotonic()
            print(f"relayout batch: {self._line()}", file=sys.stderr, flush=True)

    @property
    def seen(self) -> int:
        return sum(self.counts.values())

    def _line(self) -> str:
        elapsed = time.monotonic() - self.started
        rate = self.seen / elapsed if elapsed > 0 else 0.0
        left = (self.total - self.seen) / rate if rate > 0 else float("nan")
        return f"{self.seen:,}/{self.total:,} pages, {rate:,.1f} pages/s, {left:,.0f} s left"

    def write_failures(self) -> Path:
        """This run's failures, whole or not at all (an empty file when none failed)."""
        path = self.out_dir / FAILURES_FILE
        lines = [
            json.dumps(
                {"input": f.shown, "reason": f.reason, "error": f.error}
                | ({"traceback": f.detail} if f.detail else {}),
                ensure_ascii=False,
            )
            + "\n"
            for f in sorted(self.failures, key=lambda f: f.shown)  # the same file however run
        ]
        write_atomic(path, "".join(lines), inside=self.out_dir)
        return path

    def summary(self, interrupted: bool) -> None:
        """The closing table on stderr, and the first few failures."""
        for failure in self.failures[:ERRORS_SHOWN]:
            print(f"relayout: {failure.error}", file=sys.stderr)
        if len(self.failures) > ERRORS_SHOWN:
            more = len(self.failures) - ERRORS_SHOWN
            print(f"relayout: ... and {more} more failure(s)", file=sys.stderr)
        elapsed = time.monotonic() - self.started
        title = "relayout batch: interrupted" if interrupted else "relayout batch"
        table = Table(title=title, title_justify="left", show_header=False)
        table.add_column("what")
        table.add_column("pages", justify="right")
        table.add_row("done", f"{self.counts['done']:,}")
        table.add_row("skipped (output current)", f"{self.counts['skipped']:,}")
        for reason, n in sorted(Counter(f.reason for f in self.failures).items()):
            table.add_row(f"failed: {reason}", f"{n:,}")
        if interrupted:
            table.add_row("left for the next run", f"{self.total - self.seen:,}")
        rate = self.counts["done"] / elapsed if elapsed > 0 else 0.0
        table.add_row("time", f"{elapsed:,.1f} s ({rate:,.1f} pages/s done)")
        self.console.print(table)
        if self.failures:
            print(
                f"relayout batch: failures listed in {self.out_dir / FAILURES_FILE}",
                file=sys.stderr,
            )
