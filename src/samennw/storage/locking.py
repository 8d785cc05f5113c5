"""Advisory locks of a data repository (flock; only the standard library imported).

- :func:`write_lock` serialises writing commands: held from the first check to the
  commit (git hooks included).
- :func:`moving` is held, exclusively, only while a writer puts its files in place (a
  few milliseconds), and :func:`read_lock` takes it shared: a query never sees the
  moment in which a closed action exists both in ``acties/open/`` and
  ``acties/afgerond/``, and never waits for a slow commit hook.

A waiter gives up after ``SAMENNW_LOCK_TIMEOUT`` seconds in which the lock did not change
hands: each holder writes a token into the lock file, so a queue of writers that each
finish quickly never times out, while one command that holds the lock too long does.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from samennw.errors import LockedError, SamennwError

T = TypeVar("T")

LOCK_TIMEOUT_ENV = "SAMENNW_LOCK_TIMEOUT"


def lock_path(root: Path, name: str = "samennw") -> Path:
    git_dir = root / ".git"
    if git_dir.is_dir():
        return git_dir / f"{name}.lock"
    data = root / "data"
    return (data if data.is_dir() else root) / f".{name}.lock"


def journal_path(root: Path) -> Path:
    """Where a writer keeps its intent journal (:mod:`samennw.storage.journal`), beside its lock."""
    git_dir = root / ".git"
    if git_dir.is_dir():
        return git_dir / "samennw-journal.json"
    data = root / "data"
    return (data if data.is_dir() else root) / ".samennw-journal.json"


def lock_timeout() -> float:
    """SAMENNW_LOCK_TIMEOUT in seconds (default 5, at most an hour; nonsense: the default)."""
    try:
        value = float(os.environ.get(LOCK_TIMEOUT_ENV, "5"))
    except ValueError:
        return 5.0
    return min(max(value, 0.0), 3600.0) if value == value else 5.0  # NaN != NaN


_timeout = lock_timeout  # the name tests and older callers use


def _acquire(fd: int, mode: int, timeout: float | None, path: Path) -> None:
    if timeout is None:
        timeout = lock_timeout()
    deadline = time.monotonic() + timeout
    holder = _holder(fd)
    while True:
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
            return
        except OSError as exc:
            if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN):
                raise
            now = _holder(fd)
            if now != holder:  # another command got the lock and let it go: progress
                holder, deadline = now, time.monotonic() + timeout
            if time.monotonic() >= deadline:
                raise LockedError(
                    "een andere samennw-opdracht schrijft in deze gegevens; "
                    f"probeer het over een paar seconden opnieuw ({path})"
                ) from None
            time.sleep(0.02)


def _holder(fd: int) -> bytes:
    """The token the current (or last) holder wrote into the lock file."""
    try:
        return os.pread(fd, 64, 0)
    except OSError:
        return b""


def _stamp(fd: int) -> None:
    """Write this holder's token (process id and time) into the lock file."""
    with contextlib.suppress(OSError):  # read-only: waiters only lose the progress signal
        os.pwrite(fd, f"{os.getpid()} {time.time_ns()}\n".ljust(40).encode(), 0)


@contextmanager
def write_lock(root: Path, timeout: float | None = None) -> Iterator[None]:
    """Serialise writing commands on one data repository (exclusive flock)."""
    with _exclusive(lock_path(root), timeout):
        yield


@contextmanager
def moving(root: Path, timeout: float | None = None) -> Iterator[None]:
    """Held by a writer (under :func:`write_lock`) while it writes, moves or restores files."""
    with _exclusive(lock_path(root, "samennw-move"), timeout):
        yield


@contextmanager
def _exclusive(path: Path, timeout: float | None) -> Iterator[None]:
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise SamennwError(f"kan vergrendeling '{path}' niet maken ({exc.strerror})") from None
    try:
        _acquire(fd, fcntl.LOCK_EX, timeout, path)
        _stamp(fd)
        yield
    finally:
        os.close(fd)  # closing releases the lock


@contextmanager
def read_lock(root: Path, timeout: float | None = None) -> Iterator[None]:
    """Wait while a writer puts its files in place (shared flock on the move lock).

    Without a lock file no writer has run yet, and a read-only repository cannot be
    written by samennw at all: then there is nothing to wait for.
    """
    path = lock_path(root, "samennw-move")
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        _acquire(fd, fcntl.LOCK_SH, timeout, path)
        yield
    finally:
        os.close(fd)


def _move_token(path: Path) -> bytes | None:
    try:
        with path.open("rb") as fh:
            return fh.read(64)
    except OSError:
        return None


def read_consistently(root: Path, read: Callable[[], T]) -> T:
    """``read()`` as of one moment, without holding writers up for the whole read.

    ``validate`` reads every file, which takes seconds on a large repository: holding the
    move lock all that time would make writers wait. So it reads without it, and reads
    again under :func:`read_lock` only when a writer put files in place meanwhile (each
    holder of the move lock writes a new token into it), as a file that moved while it
    was read would be reported missing or twice.
    """
    path = lock_path(root, "samennw-move")
    with read_lock(root):  # no move half done as we start
        before = _move_token(path)
    result = read()
    if _move_token(path) == before:
        return result
    with read_lock(root):
        return read()
