"""Advisory locks of a data repository (flock; only the standard library imported).

- :func:`write_lock` serialises writing commands: held from the first check to the
  commit (git hooks included).
- :func:`moving` is held, exclusively, only while a writer puts its files in place (a
  few milliseconds), and :func:`read_lock` takes it shared: a query never sees the
  moment in which a closed action exists both in ``acties/open/`` and
  ``acties/afgerond/``, and never waits for a slow commit hook.
"""

from __future__ import annotations

import errno
import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import LockedError, SamennwError

LOCK_TIMEOUT_ENV = "SAMENNW_LOCK_TIMEOUT"


def lock_path(root: Path, name: str = "samennw") -> Path:
    git_dir = root / ".git"
    if git_dir.is_dir():
        return git_dir / f"{name}.lock"
    data = root / "data"
    return (data if data.is_dir() else root) / f".{name}.lock"


def _timeout() -> float:
    """SAMENNW_LOCK_TIMEOUT in seconds (default 5, at most an hour; nonsense: the default)."""
    try:
        value = float(os.environ.get(LOCK_TIMEOUT_ENV, "5"))
    except ValueError:
        return 5.0
    return min(max(value, 0.0), 3600.0) if value == value else 5.0  # NaN != NaN


def _acquire(fd: int, mode: int, timeout: float | None, path: Path) -> None:
    if timeout is None:
        timeout = _timeout()
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
            return
        except OSError as exc:
            if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN):
                raise
            if time.monotonic() >= deadline:
                raise LockedError(
                    "een andere samennw-opdracht schrijft in deze gegevens; "
                    f"probeer het over een paar seconden opnieuw ({path})"
                ) from None
            time.sleep(0.02)


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
