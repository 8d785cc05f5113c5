"""Signed, stat-keyed cache files in ``<repository>/.samennw-cache/`` (git-ignored).

A cache file keeps, per data file (or folder), its stat key (size, mtime_ns, ctime_ns,
inode) and what a command needs of it. An entry is reused only when the key is unchanged
*and* the file had not changed in the seconds before the command that wrote the entry
started (the "racily clean" case git knows: a change within one timestamp tick would be
invisible to the key). Anything else is read again, so an edit, rename or deletion is
seen by the very next command.

Cache files are JSON, never pickle, and carry a keyed BLAKE2 MAC made with a key from
the user's cache folder: a cache committed to a repository (or written by anyone else)
fails the check and is rebuilt, so it can never make CI trust data it did not read. A
corrupt cache, or one from another samennw version, is thrown away and rebuilt. Writes
are atomic renames, so concurrent commands never see half a file.

Only the standard library is imported: the query path must start fast.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from samennw.storage.paths import is_source_checkout

# CPython's keyed BLAKE2 and constant-time compare, without loading OpenSSL (hashlib,
# hmac and secrets all do: ~7 ms of a query's start-up)
try:
    from _blake2 import blake2b
    from _operator import _compare_digest as compare_digest
except ImportError:  # pragma: no cover - other Pythons
    from hashlib import blake2b
    from hmac import compare_digest  # type: ignore[no-redef]

CACHE_DIR = ".samennw-cache"
RACY_NS = 3_000_000_000  # files modified this close to writing the cache are read again

Entry = list[Any]  # [size, mtime_ns, ctime_ns, inode, racy, record]


def code_stamp(package: Path = Path(__file__).parents[1]) -> str:
    """A fingerprint of the installed samennw code (path, size, mtime of every module).

    Part of every cache's version: records written by other code (another branch of an
    editable install, a changed parser) are never read, even with the same version number.
    """
    parts = []
    folders = [package]
    while folders:
        folder = folders.pop()
        with os.scandir(folder) as it:
            for entry in it:
                if entry.name.endswith(".py"):
                    st = entry.stat()
                    name = os.path.relpath(entry.path, package)
                    parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
                elif entry.is_dir(follow_symlinks=False) and not entry.name.startswith(("_", ".")):
                    folders.append(Path(entry.path))
    return blake2b("|".join(sorted(parts)).encode(), digest_size=8).hexdigest()


def _key_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "samennw" / "index-key"


def secret() -> bytes | None:
    """The per-user key that signs cache files; None when it cannot be kept."""
    path = _key_file()
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(os.urandom(32))
        tmp.replace(path)  # a concurrent creator may win: read whatever is there now
        return path.read_bytes()
    except OSError:
        return None


def _mac(key: bytes, body: bytes) -> bytes:
    return blake2b(body, key=key[:64], digest_size=32).hexdigest().encode()


def read(path: Path, key: bytes, version: str) -> dict[str, Entry]:
    """The entries of a cache file; empty when it is missing, corrupt, foreign or old."""
    try:
        raw = path.read_bytes()
    except OSError:
        return {}
    mac, _, body = raw.partition(b"\n")
    if not compare_digest(mac, _mac(key, body)):
        return {}
    try:
        data = json.loads(body)
    except ValueError:
        return {}
    if not isinstance(data, dict) or data.get("version") != version:
        return {}
    files = data.get("files")
    return files if isinstance(files, dict) else {}


def write(path: Path, key: bytes, version: str, files: dict[str, Entry], started: int) -> None:
    """Write a cache file atomically; a failure only costs speed, never correctness.

    ``started`` is ``time.time_ns()`` taken before the first file was looked at. An entry
    whose inode changed (ctime: set by the kernel's clock on every change, unlike mtime,
    which tools set freely) less than :data:`RACY_NS` before that moment is marked racy:
    a change in the same clock tick would not show in its stat key, so it is read again.
    """
    folder = path.parent
    try:
        folder.mkdir(exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.exists() and not ignore.is_symlink():
            fd = os.open(ignore, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write("# samennw cache: never commit\n*\n")
        limit = started - RACY_NS
        for entry in files.values():
            entry[4] = entry[2] >= limit  # racy: do not trust next time
        body = json.dumps(
            {"version": version, "files": files}, ensure_ascii=False, separators=(",", ":")
        ).encode("utf-8")
        tmp = folder / f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
        with os.fdopen(fd, "wb") as fh:
            fh.write(_mac(key, body) + b"\n" + body)
        tmp.replace(path)
    except OSError:
        pass


def stat_key(st: os.stat_result) -> list[int]:
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def fresh(cached: Entry | None, st: os.stat_result) -> bool:
    """True when ``cached`` may be reused for a file with stat ``st``."""
    return (
        cached is not None
        and cached[1] == st.st_mtime_ns
        and cached[2] == st.st_ctime_ns
        and cached[0] == st.st_size
        and cached[3] == st.st_ino
        and not cached[4]
    )


def reuse_or_read(
    path: Path | str,
    shown: str,
    old: dict[str, Entry],
    new: dict[str, Entry],
    read: Callable[[], tuple[Any, bool]],
) -> Any:
    """The record of one file: from ``old`` when its stat key is unchanged, else
    ``read()`` -> (record, clean). Only the record of a clean file (no problems) that is
    not a symbolic link is kept in ``new``."""
    try:
        st = os.stat(path, follow_symlinks=False)  # noqa: PTH116 (a str: no Path to make)
    except OSError:
        st = None
    cached = old.get(shown)
    if st is not None and fresh(cached, st):
        assert cached is not None
        new[shown] = cached
        return cached[5]
    record, clean = read()
    if st is not None and clean and not stat.S_ISLNK(st.st_mode):
        new[shown] = [*stat_key(st), False, record]
    return record


def cache_key(root: Path, usable: bool) -> tuple[Path, bytes | None]:
    """The cache folder of ``root`` and the signing key (None: do not use a cache).

    No cache in a checkout of samennw's own source (its data/ is the embedded set): the
    source tree is never written, also not by samennw's tests run inside it."""
    folder = root / CACHE_DIR
    if not usable or folder.is_symlink() or is_source_checkout(root):
        return folder, None
    return folder, secret()
