"""The same batch on a Dask distributed cluster (``--scheduler tcp://host:port``).

Tasks carry paths (a few items each), and the workers read inputs and write outputs
on a folder every machine sees by the same path (docs/scale.md). Only a bounded window
of tasks is in flight, a few per worker thread, so that a batch of millions of pages
does not flood the scheduler with millions of tasks at once; a new task is submitted as
each one finishes.

A worker that dies: the scheduler hands its tasks to other workers (up to the cluster's
``distributed.scheduler.allowed-failures`` times); a task that still fails raises here and
its pages are reported as failed, not lost. ``retries`` covers an exception escaping a task
(run_item catches a page's own errors, so these are the worker's: a full disk, a lost
shared folder).
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any

from layout.errors import MissingDependencyError, RelayoutError

from .work import REASON_WORKER, Item, Outcome, Settings, run_chunk

# Tasks in flight per worker thread: enough that no worker waits for the client between
# tasks, few enough that the scheduler holds thousands of tasks, not millions.
WINDOW_PER_THREAD = 4
# Retries of a task whose function raised (see the module's docstring).
TASK_RETRIES = 2
# Seconds to wait for the scheduler to answer before giving up with one line.
CONNECT_TIMEOUT_SECONDS = 30


class SchedulerError(RelayoutError):
    """The scheduler cannot be reached."""


def run_dask(
    address: str,
    items: Iterable[Item],
    settings: Settings,
    pages_per_task: int,
    report: Callable[[Outcome], None],
) -> None:
    """Process every item on the cluster at ``address``, calling ``report`` for each outcome.
    A KeyboardInterrupt cancels the tasks in flight and propagates."""
    try:
        from distributed import Client
    except ImportError:
        raise MissingDependencyError(
            "--scheduler", "needs Dask: pip install 'relayout[dask]'"
        ) from None
    _probe(address)
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT_SECONDS, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise SchedulerError(address, f"cannot reach the Dask scheduler: {exc}") from None
    try:
        _run_window(client, _chunks(items, pages_per_task), settings, report)
    finally:
        client.close()


def _probe(address: str) -> None:
    """A refused TCP connection is known at once; Dask's client would retry it for the
    whole timeout before saying so."""
    scheme, _, location = address.rpartition("://")
    host, _, port = location.rpartition(":")
    if scheme not in ("", "tcp") or not host or not port.isdigit():
        return  # another transport or form: Dask parses it and reports
    try:
        socket.create_connection((host.strip("[]"), int(port)), CONNECT_TIMEOUT_SECONDS).close()
    except OSError as exc:
        raise SchedulerError(address, f"cannot reach the Dask scheduler: {exc}") from None


def _run_window(
    client: Any, chunks: Iterator[list[Item]], settings: Settings, report: Callable[[Outcome], None]
) -> None:
    from distributed import as_completed

    threads = sum(client.nthreads().values()) or 1
    in_flight: dict[Any, list[Item]] = {}
    finished = as_completed(loop=client.loop)

    def submit(chunk: list[Item]) -> None:
        future = client.submit(run_chunk, chunk, settings, retries=TASK_RETRIES, pure=False)
        in_flight[future] = chunk
        finished.add(future)

    try:
        for chunk in islice(chunks, WINDOW_PER_THREAD * threads):
            submit(chunk)
        for future in finished:
            for outcome in _outcomes(future, in_flight.pop(future)):
                report(outcome)
            following = next(chunks, None)
            if following is not None:
                submit(following)
    except BaseException:
        client.cancel(list(in_flight))  # tasks already running finish their page
        raise


def _outcomes(future: Any, chunk: list[Item]) -> list[Outcome]:
    try:
        outcomes: list[Outcome] = future.result()
    except Exception as exc:  # KilledWorker, or a task that failed after its retries
        problem = f"the task failed on the cluster: {type(exc).__name__}: {exc}"
        return [Outcome(i.shown, "failed", REASON_WORKER, f"{i.shown}: {problem}") for i in chunk]
    return outcomes


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, max(1, size))):
        yield chunk
