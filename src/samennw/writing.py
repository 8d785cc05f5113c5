"""Safe writing: all-or-nothing file changes (under :func:`samennw.locking.write_lock`).

Every write goes to a temporary file in the same folder (flush, fsync, rename). A move
writes the new file before removing the old one, so a crash can leave a duplicate
(which validate reports) but never a loss. Before anything is written, every file the
command read is checked to be unchanged on disk.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConflictError, SamennwError
from .paths import relative
from .store import atomic_write


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def clean_stale_temp_files(folder: Path) -> None:
    """Remove temp files left by a crashed writer (safe: we hold the write lock)."""
    if not folder.is_dir():
        return
    for tmp in folder.glob(".*.tmp"):
        tmp.unlink(missing_ok=True)


@dataclass
class ChangeSet:
    """Planned file changes, checked and applied all together."""

    root: Path
    writes: dict[Path, str] = field(default_factory=dict)
    removes: list[Path] = field(default_factory=list)
    expected: dict[Path, str | None] = field(default_factory=dict)  # None: must not exist
    _undo: list[tuple[Path, bytes | None]] = field(default_factory=list, repr=False)

    def expect(self, path: Path, data: bytes | None) -> None:
        self.expected[path] = None if data is None else digest(data)

    def write(self, path: Path, text: str) -> None:
        self.writes[path] = text

    def move(self, old: Path, new: Path, text: str) -> None:
        self.writes[new] = text
        self.removes.append(old)

    @property
    def touched(self) -> list[Path]:
        return sorted({*self.writes, *self.removes})

    def _check(self) -> None:
        for path, expected in self.expected.items():
            try:
                current: str | None = digest(path.read_bytes())
            except (FileNotFoundError, NotADirectoryError):
                current = None
            if current != expected:
                if expected is None:
                    raise ConflictError(
                        f"'{relative(path, self.root)}' bestaat al; er is niets gewijzigd"
                    )
                raise ConflictError(
                    f"'{relative(path, self.root)}' is intussen op schijf gewijzigd; er is niets "
                    "overschreven. Voer de opdracht opnieuw uit."
                )

    def apply(self) -> list[Path]:
        """Check, then write every new file, then remove the old ones; roll back on error.

        Any failure — a full disk, a read-only folder, Ctrl-C — restores every file.
        """
        self._check()
        for folder in {p.parent for p in self.writes}:
            clean_stale_temp_files(folder)
        self._undo = []
        try:
            for path, text in self.writes.items():
                path.parent.mkdir(parents=True, exist_ok=True)
                before = path.read_bytes() if path.exists() else None
                if atomic_write(path, text):
                    self._undo.append((path, before))
            for path in self.removes:
                before = path.read_bytes()
                path.unlink()
                self._undo.append((path, before))
        except BaseException as exc:
            self.rollback()
            if isinstance(exc, OSError):
                raise SamennwError(
                    f"kan '{relative(Path(exc.filename or ''), self.root)}' niet schrijven of "
                    "verwijderen "
                    f"({exc.strerror}); er is niets gewijzigd"
                ) from None
            raise
        return self.touched

    def rollback(self) -> None:
        """Put every file back as it was before :meth:`apply`."""
        for path, before in reversed(self._undo):
            if before is None:
                path.unlink(missing_ok=True)
            else:
                atomic_write(path, before)
        self._undo = []
