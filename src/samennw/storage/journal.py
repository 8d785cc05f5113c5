"""The intent journal of a writing command, so an interrupted command can be finished or undone.

Before a writer changes any file it writes (atomically, fsynced) a small JSON file next
to its lock (``.git/samennw-journal.json``, or ``data/.samennw-journal.json`` without
git): every file it will write with its content before and after, every file it will
remove, its temporary files, whether it will commit, the HEAD and index entries before.
The journal is removed when the command has finished or has put everything back. A
journal that is still there when the write lock is free belongs to a command that was
killed; :mod:`samennw.storage.recovery` then finishes or undoes that command.

Only the standard library is imported (and :mod:`samennw.storage.repository` for the atomic write).
"""

from __future__ import annotations

import base64
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from samennw.errors import SamennwError
from samennw.storage.locking import journal_path
from samennw.storage.repository import atomic_write, fsync_folder, temp_path

FORMAT = "samennw-journal-1"


class JournalError(SamennwError):
    """A journal that samennw cannot have written (unreadable, or naming odd files)."""


@dataclass(slots=True)
class FileChange:
    path: Path  # absolute
    before: bytes | None  # None: did not exist
    after: bytes | None  # None: removed


@dataclass
class Journal:
    root: Path
    message: str
    commit: bool = False
    head: str | None = None  # HEAD before the command (git only)
    index: dict[Path, str | None] | None = None  # git_paths' index entries before
    git_paths: list[list[Path]] = field(default_factory=list)  # every place of each id
    files: list[FileChange] = field(default_factory=list)
    pid: int = field(default_factory=os.getpid)
    started_ns: int = field(default_factory=time.time_ns)

    @property
    def path(self) -> Path:
        return journal_path(self.root)

    @property
    def temp_files(self) -> list[Path]:
        """The temporary files this command's writes (and undo) would have used."""
        return [temp_path(f.path, self.pid) for f in self.files]

    @property
    def moves(self) -> list[tuple[Path, Path]]:
        """(old, new) for every file removed in one folder and written in another."""
        written = {f.path.name: f.path for f in self.files if f.after is not None}
        return [
            (f.path, written[f.path.name])
            for f in self.files
            if f.after is None and f.path.name in written
        ]

    def save(self) -> None:
        def rel(path: Path) -> str:
            return path.relative_to(self.root).as_posix()

        record: dict[str, Any] = {
            "format": FORMAT,
            "pid": self.pid,
            "started_ns": self.started_ns,
            "message": self.message,
            "commit": self.commit,
            "head": self.head,
            "index": None
            if self.index is None
            else {rel(p): entry for p, entry in self.index.items()},
            "git_paths": [[rel(p) for p in group] for group in self.git_paths],
            "files": [
                {"path": rel(f.path), "before": _b64(f.before), "after": _b64(f.after)}
                for f in self.files
            ],
        }
        atomic_write(self.path, json.dumps(record, ensure_ascii=False, indent=1) + "\n")

    def discard(self) -> None:
        try:
            self.path.unlink()
        except FileNotFoundError:
            return
        fsync_folder(self.path.parent)

    @classmethod
    def load(cls, root: Path) -> Journal | None:
        """The journal of ``root``; None without one; JournalError when it is not samennw's."""
        path = journal_path(root)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise JournalError(f"kan '{path}' niet lezen ({exc.strerror})") from None
        try:
            record = json.loads(raw)
            if record.get("format") != FORMAT:
                raise ValueError("format")
            data_dir = root / "data"
            index = record["index"]
            return cls(
                root=root,
                message=str(record["message"]),
                commit=bool(record["commit"]),
                head=None if record["head"] is None else str(record["head"]),
                index=None
                if index is None
                else {_inside(root, data_dir, p): _entry(e) for p, e in index.items()},
                git_paths=[[_inside(root, data_dir, p) for p in g] for g in record["git_paths"]],
                files=[
                    FileChange(
                        _inside(root, data_dir, f["path"]),
                        _unb64(f["before"]),
                        _unb64(f["after"]),
                    )
                    for f in record["files"]
                ],
                pid=int(record["pid"]),
                started_ns=int(record["started_ns"]),
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            raise JournalError(f"'{path}' is geen herstelbestand van deze samennw") from None


def _b64(data: bytes | None) -> str | None:
    return None if data is None else base64.b64encode(data).decode("ascii")


def _unb64(text: object) -> bytes | None:
    if text is None:
        return None
    if not isinstance(text, str):
        raise ValueError("content")
    return base64.b64decode(text, validate=True)


def _entry(entry: object) -> str | None:
    if entry is not None and not isinstance(entry, str):
        raise ValueError("index entry")
    return entry


def _inside(root: Path, data_dir: Path, rel: object) -> Path:
    """A file named in a journal: only a data file below ``data/``, never a way out."""
    if not isinstance(rel, str) or "\\" in rel or "\x00" in rel:
        raise ValueError("path")
    parts = rel.split("/")
    if parts[0] != "data" or any(p in ("", ".", "..") or p.startswith(".") for p in parts):
        raise ValueError("path")
    if not rel.endswith(".md"):
        raise ValueError("path")
    path = root.joinpath(*parts)
    current = data_dir
    for part in parts[1:-1]:
        current = current / part
        if current.is_symlink():
            raise ValueError("path")
    return path
