"""The local default: one worker process per usable core, no server.

Each worker is a process of its own, fed items over a pipe, a few at a time, and
sending back one Outcome per item. A small pool of our own rather than
``multiprocessing.Pool`` or ``ProcessPoolExecutor`` because the batch needs three things
they do not give together: a worker that dies (killed for memory, a crash in a native
library) costs only the page it was on, not a hung pool or a broken one; the page that
killed it is known, retried once on a fresh worker and then reported; and a stop ends
the workers at once, in a way that lets them remove their temporary files.

Workers are started by the ``forkserver`` method: the parent runs a progress thread,
and forking a process that has threads can copy a held lock.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from types import FrameType

from .work import REASON_WORKER, Item, Outcome, Settings, run_item

# Items queued on each worker: with two, a worker finds its next page waiting when it
# finishes one, and no more than two pages need redoing when it dies.
PREFETCH = 2
# A page that kills its worker is tried once more on a fresh one (the first death may
# have been the machine's doing, such as the memory killer choosing a big process).
TRIES_PER_ITEM = 2
# Seconds a stopped worker gets to remove its temporary files before it is killed.
STOP_GRACE_SECONDS = 5.0

_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(["layout.batch.work"])  # workers start with it imported


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    pending: deque[Item] = field(default_factory=deque)


def run_local(
    items: Iterable[Item], settings: Settings, workers: int, report: Callable[[Outcome], None]
) -> None:
    """Process every item on ``workers`` processes, calling ``report`` in the parent for
    each outcome as it arrives. A KeyboardInterrupt stops the workers and propagates."""
    todo: deque[Item] = deque(items)
    if not todo:
        return
    deaths: dict[str, int] = {}
    pool = [_start(settings) for _ in range(max(1, workers))]
    try:
        while todo or any(w.pending for w in pool):
            for worker in pool:
                _feed(worker, todo)
            ready = set(wait([w.conn for w in pool] + [w.process.sentinel for w in pool]))
            for index, worker in enumerate(pool):
                if worker.conn in ready:
                    _drain(worker, report)
                if not worker.process.is_alive() and worker.process.sentinel in ready:
                    _drain(worker, report)  # what it sent before it died
                    _requeue(worker, todo, deaths, report)
                    pool[index] = _start(settings)
        _finish(pool)
    finally:
        _stop(pool)


def _start(settings: Settings) -> _Worker:
    parent_end, child_end = _CONTEXT.Pipe()
    process = _CONTEXT.Process(target=_worker_main, args=(child_end, settings), daemon=True)
    process.start()
    child_end.close()
    return _Worker(process, parent_end)


def _feed(worker: _Worker, todo: deque[Item]) -> None:
    while todo and len(worker.pending) < PREFETCH and worker.process.is_alive():
        item = todo.popleft()
        worker.pending.append(item)
        try:
            worker.conn.send(item)
        except OSError:  # it died: the item stays pending and is handed on below
            return


def _drain(worker: _Worker, report: Callable[[Outcome], None]) -> None:
    try:
        while worker.pending and worker.conn.poll():
            outcome: Outcome = worker.conn.recv()
            worker.pending.popleft()
            report(outcome)
    except (EOFError, OSError):
        pass  # the worker is gone; its pending items are handed on by the caller


def _requeue(
    worker: _Worker,
    todo: deque[Item],
    deaths: dict[str, int],
    report: Callable[[Outcome], None],
) -> None:
    """The first pending item was in hand when the worker died: try it again or report it;
    the items queued behind it go back to the front of the queue."""
    if not worker.pending:
        return
    culprit = worker.pending.popleft()
    todo.extendleft(reversed(worker.pending))
    deaths[culprit.path] = deaths.get(culprit.path, 0) + 1
    if deaths[culprit.path] < TRIES_PER_ITEM:
        todo.appendleft(culprit)
        return
    code = worker.process.exitcode
    how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
    times = deaths[culprit.path]
    error = f"{culprit.shown}: the worker process died on this page ({how}), {times} times"
    report(Outcome(culprit.shown, "failed", REASON_WORKER, error))


def _finish(pool: list[_Worker]) -> None:
    """All work done: ask each worker to leave."""
    for worker in pool:
        with contextlib.suppress(OSError):
            worker.conn.send(None)
    for worker in pool:
        worker.process.join(STOP_GRACE_SECONDS)


def _stop(pool: list[_Worker]) -> None:
    """End every worker still running: SIGTERM (it removes its temporary file and exits),
    then SIGKILL for one that does not within the grace time."""
    for worker in pool:
        if worker.process.is_alive():
            worker.process.terminate()
    for worker in pool:
        worker.process.join(STOP_GRACE_SECONDS)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.conn.close()


def _worker_main(conn: Connection, settings: Settings) -> None:
    # Ctrl-C in a terminal reaches every process of the group: the parent alone decides
    # what a stop means, and ends the workers with SIGTERM.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_quietly)
    while True:
        try:
            item: Item | None = conn.recv()
        except EOFError:  # the parent is gone
            return
        if item is None:
            return
        conn.send(run_item(item, settings))


def _exit_quietly(signum: int, frame: FrameType | None) -> None:
    """SystemExit unwinds the page in hand (write_atomic removes its temporary file) and
    ends the process without a traceback."""
    raise SystemExit(128 + signum)
