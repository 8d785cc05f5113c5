"""Spread read-only work over processes with ``fork``: chunks from a shared queue.

``map_chunks(work, n, processes)`` returns ``[work(0), …, work(n - 1)]``. With more than
one process (and on Linux, without other threads) it forks ``processes - 1`` workers;
the parent takes chunks too. The queue is a pipe holding every chunk number: each
process reads the next number when it is free, so a slow chunk does not hold the
others back. A worker sends its results back pickled over its own pipe.

Workers only compute: their standard output and error point to ``/dev/null``, they
write no files and leave with ``os._exit`` (no buffers flushed, no exit handlers run).
Ctrl-C ends them at once (SIGINT's default action, unless the parent ignores SIGINT);
a worker whose parent is gone stops at the next chunk. Whatever a worker does not
deliver (fork refused, worker killed or crashed) the parent computes itself, so the
result never depends on the workers.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")

MAX_CHUNKS = 1024  # 4 bytes each: the queue fits in a pipe of one page (a user over
# fs.pipe-user-pages-soft gets such small pipes), so writing it can never block
_NUMBER = 4


def available_cpus() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


JOBS_ENV = "SAMENNW_JOBS"
MAX_PROCESSES = 8
FORK_FROM = 1000  # files to read; below this forking costs more than it saves


def requested_jobs() -> int | None:
    """``SAMENNW_JOBS`` (number of processes) when set; a Dutch error when it is not a
    whole number of 1 or more."""
    env = os.environ.get(JOBS_ENV, "").strip()
    if not env:
        return None
    if not (env.isascii() and env.isdecimal()) or int(env) < 1:
        from samennw.errors import SamennwError

        raise SamennwError(f"{JOBS_ENV} moet een geheel getal van 1 of meer zijn")
    return min(int(env), max(MAX_PROCESSES, 4 * available_cpus()))


def processes_for(files: int) -> int:
    """How many processes read ``files`` files: ``SAMENNW_JOBS``, else every CPU (at most
    :data:`MAX_PROCESSES`) from :data:`FORK_FROM` files on."""
    jobs = requested_jobs()
    if jobs is not None:
        return jobs
    return min(available_cpus(), MAX_PROCESSES) if files >= FORK_FROM else 1


def chunk_size(tasks: int, processes: int, smallest: int = 16) -> int:
    """Tasks per chunk: about 16 chunks per process (so all finish at nearly the same
    time), at most :data:`MAX_CHUNKS` chunks."""
    return max(smallest, -(-tasks // (processes * 16)), -(-tasks // MAX_CHUNKS))


def can_fork() -> bool:
    """Forking is safe here: Linux, and no other threads whose locks a child could inherit."""
    return (
        sys.platform.startswith("linux")
        and threading.active_count() == 1
        # with SIGCHLD ignored (inherited through exec) children are reaped by the kernel
        # and waitpid fails: compute everything here
        and signal.getsignal(signal.SIGCHLD) is not signal.SIG_IGN
    )


def map_chunks(work: Callable[[int], T], n_chunks: int, processes: int) -> list[T]:
    """``[work(i) for i in range(n_chunks)]``, computed by up to ``processes`` processes."""
    if n_chunks > MAX_CHUNKS:
        raise ValueError(f"at most {MAX_CHUNKS} chunks")
    processes = min(processes, n_chunks)
    if processes <= 1 or not can_fork():
        return [work(i) for i in range(n_chunks)]
    done: dict[int, T] = {}
    try:
        null = os.open(os.devnull, os.O_WRONLY)  # the workers' stdout and stderr
    except OSError:
        return [work(i) for i in range(n_chunks)]
    try:
        queue_r, queue_w = os.pipe()
    except OSError:  # out of file descriptors: do it here
        os.close(null)
        return [work(i) for i in range(n_chunks)]
    parent = os.getpid()
    workers: dict[int, int] = {}  # pid -> read end of its result pipe
    try:
        try:
            numbers = b"".join(i.to_bytes(_NUMBER, "little") for i in range(n_chunks))
            os.write(queue_w, numbers)  # at most a page: see MAX_CHUNKS
        finally:
            os.close(queue_w)  # the queue ends (EOF) when every number has been taken
        for _ in range(processes - 1):
            if not _fork(work, queue_r, parent, null, workers):
                break  # fork refused (e.g. too many processes): do with fewer
        for i in _take(queue_r):
            done[i] = work(i)
        for pid, result_r in list(workers.items()):
            data = _read_all(result_r)
            _, status = os.waitpid(pid, 0)
            del workers[pid]
            os.close(result_r)
            done.update(_unpack(data, status))
    finally:
        os.close(queue_r)
        os.close(null)
        for pid, result_r in workers.items():  # only after an exception (Ctrl-C)
            _stop(pid, result_r)
    # chunks a worker took but did not deliver
    return [done[i] if i in done else work(i) for i in range(n_chunks)]


def _fork(
    work: Callable[[int], Any], queue_r: int, parent: int, null: int, workers: dict[int, int]
) -> bool:
    """Start a worker and record it in ``workers`` (pid -> read end of its result pipe);
    False if that failed.

    SIGINT is blocked around fork and the worker is recorded before it is unblocked, so
    Ctrl-C can hit neither the child before it is set up, nor the parent before it knows
    the child (which it then stops and reaps).
    """
    try:
        result_r, result_w = os.pipe()
    except OSError:
        return False
    inherited = list(workers.values())
    old_mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        try:
            pid = os.fork()
        except OSError:
            os.close(result_r)
            os.close(result_w)
            return False
        if pid == 0:  # pragma: no cover - the child; never returns
            try:
                if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
                    signal.signal(signal.SIGINT, signal.SIG_DFL)  # end at once, quietly
                signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)
                for fd in (*inherited, result_r):
                    os.close(fd)
                _worker(work, queue_r, result_w, parent, null)
            finally:
                os._exit(1)
        workers[pid] = result_r
        os.close(result_w)
        return True
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)


def _take(queue_r: int) -> Iterator[int]:
    """The next chunk numbers from the queue; reads of 4 bytes from a pipe are atomic."""
    while True:
        data = os.read(queue_r, _NUMBER)
        if len(data) != _NUMBER:
            return
        yield int.from_bytes(data, "little")


def _worker(
    work: Callable[[int], Any], queue_r: int, result_w: int, parent: int, null: int
) -> None:  # pragma: no cover - runs in a forked child
    status = 1
    try:
        os.dup2(null, 1)
        os.dup2(null, 2)
        results: dict[int, Any] = {}
        for i in _take(queue_r):
            if os.getppid() != parent:
                break  # orphaned: nobody will read the results
            results[i] = work(i)
        else:
            data = memoryview(pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL))
            while data:
                data = data[os.write(result_w, data) :]
            status = 0
    except BaseException:
        pass  # a worker never reports: the parent computes what it did not deliver
    finally:
        os._exit(status)


def _read_all(fd: int) -> bytes:
    chunks = []
    while data := os.read(fd, 1 << 20):
        chunks.append(data)
    return b"".join(chunks)


def _unpack(data: bytes, status: int) -> dict[int, Any]:
    """A worker's results, or nothing when it did not finish cleanly."""
    if status != 0:
        return {}
    try:
        results: dict[int, Any] = pickle.loads(data)
    except Exception:
        return {}
    return results


def _stop(pid: int, result_r: int) -> None:
    """End a worker that is still running and wait for it (no orphans, no zombies)."""
    os.close(result_r)
    with contextlib.suppress(ProcessLookupError, ChildProcessError):
        os.kill(pid, signal.SIGKILL)  # not reaped yet, so the pid is still this worker's
        os.waitpid(pid, 0)
