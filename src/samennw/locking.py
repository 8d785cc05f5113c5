"""One advisory lock per data repository: writers exclusive, queries shared.

Writing commands hold the lock exclusively while they check, write and move files; a
query takes it shared, so it never sees the moment in which a closed action exists
both in ``acties/open/`` and ``acties/afgerond/``. Only the standard library is
imported (the query path must start fast).
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


def lock_path(root: Path) -> Path:
    git_dir = root / ".git"
    if git_dir.is_dir():
        return git_dir / "samennw.lock"
    data = root / "data"
    return (data if data.is_dir() else root) / ".samennw.lock"


def _acquire(fd: int, mode: int, timeout: float | None, path: Path) -> None:
    if timeout is None:
        timeout = float(os.environ.get(LOCK_TIMEOUT_ENV, "5"))
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
    path = lock_path(root)
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
    """Wait for a running writer to finish (shared flock).

    Without a lock file no writer has run yet, and a read-only repository cannot be
    written by samennw at all: then there is nothing to wait for.
    """
    path = lock_path(root)
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
