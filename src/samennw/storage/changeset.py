"""Safe writing: all-or-nothing file changes (under :func:`samennw.storage.locking.write_lock`).

:meth:`ChangeSet.prepare` checks that every file the command read is unchanged on disk,
writes the intent journal (:mod:`samennw.storage.journal`), writes every new text to a temporary
file in its folder (fsync) and reads each one back with the reader itself: a file the
reader would refuse (too large, a forbidden character, YAML it cannot read) is never put
in place. :meth:`ChangeSet.apply` then renames the temporary files into place and only
then removes old files, so a crash can leave a duplicate but never a loss, and the
journal lets the next command finish or undo the change (:mod:`samennw.storage.recovery`).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from samennw.errors import ConflictError, OperationError, Problem, SamennwError
from samennw.safetext import first_unsafe, printable
from samennw.storage.journal import FileChange, Journal
from samennw.storage.paths import relative
from samennw.storage.repository import (
    atomic_write,
    fsync_folder,
    is_temp_name,
    put_in_place,
    reader_problems,
    write_temp,
)
from samennw.storage.yamlreader import character_name, nfc


class RollbackFailed(SamennwError):
    """Putting the files back failed too: the journal stays, the next command repairs."""


def as_written(text: str) -> str:
    """Text copied from the data as samennw writes it into a data file: Unicode NFC, and
    without terminal control characters (a value may hold them through YAML's ``"\\e"``
    escapes), so ``cat`` and ``git diff`` of the file are safe."""
    return printable(nfc(text))


def from_command_line(text: str, option: str) -> str:
    """Text given with ``option`` as samennw writes it into a data file: Unicode NFC (a
    Mac types 'Ünver' decomposed). A terminal control character (ESC, BEL, NUL, …) is
    refused rather than dropped: the user sees what was not written."""
    at = first_unsafe(text)
    if at >= 0:
        raise OperationError(
            f"{option} bevat een {character_name(text[at])}, en een gegevensbestand mag geen "
            "stuurtekens bevatten; er is niets gewijzigd"
        )
    return nfc(text)


def encoded(text: str, shown: Path | str) -> bytes:
    """``text`` as UTF-8, or a Dutch refusal for a character UTF-8 cannot hold (a lone
    surrogate, as a command-line argument with invalid bytes becomes)."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = ord(text[exc.start])
        raise OperationError(
            f"'{shown}' zou een teken bevatten dat geen geldige UTF-8 is (U+{bad:04X}); "
            "er is niets gewijzigd"
        ) from None


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def clean_stale_temp_files(folder: Path) -> list[Path]:
    """Remove samennw's temp files left by a killed writer (we hold the write lock).

    Only names of the form samennw gives them (``.<name>.<pid>.tmp``) are removed; a
    user's ``.notities.tmp`` stays. Returns what was removed.
    """
    removed: list[Path] = []
    try:
        with os.scandir(folder) as it:  # names only: 100,000 Paths would cost seconds
            names = [e.name for e in it if e.name.startswith(".") and e.name.endswith(".tmp")]
    except OSError:
        return removed
    for name in names:
        tmp = folder / name
        if is_temp_name(name) and tmp.is_file() and not tmp.is_symlink():
            tmp.unlink(missing_ok=True)
            removed.append(tmp)
    return removed


def places_of(path: Path) -> list[Path]:
    """Every path where the object of the data file ``path`` can live.

    An action lives in ``acties/open/`` or ``acties/afgerond/``; anything else in one place.
    """
    if path.parent.name in ("open", "afgerond") and path.parent.parent.name == "acties":
        base = path.parent.parent
        return [base / "open" / path.name, base / "afgerond" / path.name]
    return [path]


@dataclass
class ChangeSet:
    """Planned file changes, checked and applied all together."""

    root: Path
    writes: dict[Path, str] = field(default_factory=dict)
    removes: list[Path] = field(default_factory=list)
    expected: dict[Path, str | None] = field(default_factory=dict)  # None: must not exist
    # warnings of the plan for the user (Dutch), e.g. a long gap since the last meeting:
    # the change is still made; perform() passes them on in Outcome.notices
    notices: list[str] = field(default_factory=list)
    _undo: list[tuple[Path, bytes | None]] = field(default_factory=list, repr=False)
    _before: dict[Path, bytes | None] = field(default_factory=dict, repr=False)
    _temps: dict[Path, Path] = field(default_factory=dict, repr=False)
    _prepared: bool = field(default=False, repr=False)

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

    @property
    def moves(self) -> list[tuple[Path, Path]]:
        return [(old, new) for old in self.removes for new in self.writes if new.name == old.name]

    @property
    def places(self) -> list[list[Path]]:
        """Per object touched: every path where it can live (what ``--commit`` commits)."""
        groups: dict[tuple[Path, ...], None] = {}
        for path in self.touched:
            groups[tuple(places_of(path))] = None
        return [list(g) for g in groups]

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

    def _encoded(self) -> dict[Path, bytes]:
        return {p: encoded(text, relative(p, self.root)) for p, text in self.writes.items()}

    def _failed(self, exc: BaseException) -> BaseException:
        if isinstance(exc, OSError):
            return SamennwError(
                f"kan '{relative(Path(exc.filename or ''), self.root)}' niet schrijven of "
                f"verwijderen ({exc.strerror}); er is niets gewijzigd"
            )
        return exc

    def prepare(self, journal: Journal | None = None) -> None:
        """Check, journal, write every new text to a temp file and read it back as a reader.

        Nothing is visible yet; on any refusal the temp files (and journal) are removed.
        """
        self._check()
        data = self._encoded()
        self._before = {}
        for path in [*self.writes, *self.removes]:
            try:
                self._before[path] = path.read_bytes()
            except (FileNotFoundError, NotADirectoryError):
                self._before[path] = None
        for folder in {p.parent for p in self.writes}:
            clean_stale_temp_files(folder)
        if journal is not None:
            journal.files = [
                *(FileChange(p, self._before[p], data[p]) for p in self.writes),
                *(FileChange(p, self._before[p], None) for p in self.removes),
            ]
            journal.save()
        self._temps = {}
        try:
            for path, blob in data.items():
                if self._before[path] == blob:
                    continue  # unchanged: nothing to write
                path.parent.mkdir(parents=True, exist_ok=True)
                self._temps[path] = write_temp(path, blob)
            for path, tmp in self._temps.items():
                problems = reader_problems(path, tmp, self.root)
                if problems:
                    raise self._unreadable(path, problems)
        except BaseException as exc:
            self._drop_temps()
            if journal is not None:
                journal.discard()
            failure = self._failed(exc)
            if failure is exc:
                raise
            raise failure from None
        self._prepared = True

    def _unreadable(self, path: Path, problems: list[Problem]) -> OperationError:
        """The refusal of a new text the reader would refuse for ``problems``.

        When the file as it is now (for a move: the file it is moved from) already has
        those problems — an action placed in the wrong folder by hand — the edit did not
        cause them: say so, with the place of the first one, rather than that the edit
        would make the file unreadable.
        """
        shown = relative(path, self.root)
        source = path if self._before.get(path) is not None else None
        for old, new in self.moves:
            if new == path and source is None:
                source = old
        if source is not None:
            existing = {p.message: p for p in reader_problems(source, source, self.root)}
            if all(p.message in existing for p in problems):
                first = existing[problems[0].message]
                return OperationError(
                    f"'{relative(source, self.root)}' had dit probleem al vóór deze opdracht: "
                    f"{first.location}: {first.message}. Herstel dat eerst (zie 'samennw "
                    "validate'); er is niets gewijzigd"
                )
            problems = [p for p in problems if p.message not in existing]
        return OperationError(
            f"'{shown}' zou een bestand worden dat samennw niet meer kan lezen "
            f"({problems[0].message}); er is niets gewijzigd"
        )

    def abandon(self) -> None:
        """Forget a prepared change: its temp files are removed, nothing else was written."""
        self._drop_temps()
        self._prepared = False

    def _drop_temps(self) -> None:
        for tmp in self._temps.values():
            tmp.unlink(missing_ok=True)
        self._temps = {}

    def apply(self) -> list[Path]:
        """Put the prepared files in place, then remove the old ones; roll back on error.

        Any failure — a full disk, a read-only folder, Ctrl-C — restores every file.
        """
        if not self._prepared:
            self.prepare()
        self._undo = []
        try:
            for path, tmp in list(self._temps.items()):
                put_in_place(tmp, path)
                del self._temps[path]
                self._undo.append((path, self._before[path]))
            for path in self.removes:
                path.unlink()
                self._undo.append((path, self._before[path]))
            for folder in {p.parent for p in self.removes}:
                fsync_folder(folder)
        except BaseException as exc:
            self._drop_temps()
            try:
                self.rollback()
            except BaseException:
                raise RollbackFailed(
                    "de bestanden konden niet allemaal worden teruggezet; de volgende "
                    "samennw-opdracht maakt dit af of draait het terug"
                ) from None
            failure = self._failed(exc)
            if failure is exc:
                raise
            raise failure from None
        finally:
            self._prepared = False
        return self.touched

    def rollback(self) -> None:
        """Put every file back as it was before :meth:`apply`."""
        for path, before in reversed(self._undo):
            if before is None:
                path.unlink(missing_ok=True)
            else:
                atomic_write(path, before)
        self._undo = []
