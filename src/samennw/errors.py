"""Error hierarchy and exit codes, in one place.

Every error a user can cause is a :class:`SamennwError` with a Dutch message and,
where known, the file and line it is about. The CLI maps them to exit codes.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    """Documented exit codes (see README)."""

    OK = 0
    INVALID = 1  # invalid data, unknown id/name, refused operation
    USAGE = 2  # wrong command-line usage (Typer/Click)
    LOCKED = 3  # another samennw command holds the write lock
    GIT_STATE = 4  # the git repository is in a state samennw will not touch
    CRASH = 70  # an internal error (a bug): short message, no locals


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a data file: 1-based line and column."""

    path: Path | str | None  # as shown to users (a str from a bulk load)
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.path is None:
            return ""
        text = str(self.path)
        if self.line is not None:
            text += f":{self.line}"
            if self.column is not None:
                text += f":{self.column}"
        return text


class SamennwError(Exception):
    """Base class: a Dutch message for the user, optionally with a location."""

    exit_code: ExitCode = ExitCode.INVALID

    def __init__(self, message: str, location: Location | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        if self.location is not None and self.location.path is not None:
            return f"{self.location}: {self.message}"
        return self.message


class DataFileError(SamennwError):
    """A data file cannot be read or parsed (broken YAML, not UTF-8, too large, …)."""


class NotFoundError(SamennwError):
    """An id or name does not exist (with suggestions in the message)."""


class InvalidDataError(SamennwError):
    """The data repository is invalid; carries the problems found."""

    def __init__(self, message: str, problems: Sequence[object]) -> None:
        super().__init__(message)
        self.problems = problems


def raise_if_errors(problems: Sequence[Problem]) -> None:
    """Refuse to go on with data that has errors (warnings are fine)."""
    errors = [p for p in problems if p.error]
    if errors:
        raise InvalidDataError(
            f"de gegevens bevatten {len(errors)} fout(en); draai 'samennw validate' voor details",
            errors,
        )


class OperationError(SamennwError):
    """An operation is refused (closing a closed action, overwriting a meeting, …)."""


class ConflictError(SamennwError):
    """A file changed on disk between reading and writing."""


class LockedError(SamennwError):
    exit_code = ExitCode.LOCKED


class GitStateError(SamennwError):
    exit_code = ExitCode.GIT_STATE


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding of loading or validation."""

    message: str
    location: Location
    error: bool = True  # False: a warning (exit code stays 0)
    code: str = "fout"

    def __str__(self) -> str:
        kind = "fout" if self.error else "waarschuwing"
        where = str(self.location)
        return f"{where}: {kind}: {self.message}" if where else f"{kind}: {self.message}"


# Dutch "het"-words take "onbekend", "de"-words "onbekende".
_HET_WORDS = frozenset({"domein", "team", "agendapunt", "besluit"})


def unknown_phrase(what: str) -> str:
    """'onbekend domein', 'onbekende persoon' — the adjective agrees with the noun."""
    first = what.split()[0]
    return f"onbekend {what}" if first in _HET_WORDS else f"onbekende {what}"


def _distance(a: str, b: str) -> int:
    """Edits (insert, delete, replace, swap two neighbours) that turn ``a`` into ``b``."""
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, before, row = before, row, [i]
        for j, cb in enumerate(b, 1):
            cost = min(before[j] + 1, row[j - 1] + 1, before[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, prev[j - 2] + 1)
            row.append(cost)
    return row[-1]


def close_matches(value: str, words: Collection[str], n: int = 3) -> list[str]:
    """The words of a fixed vocabulary (keys) that ``value`` is a plausible typo of.

    difflib alone finds 'domeinen' for 'mensen' and 'openbaar' for 'eigenaar' (letters
    in common, in order); a key is only suggested when a few edits turn one into the
    other (at most 2, or a quarter of the letters of a long key: 'persoonen' ->
    'personen', 'organizations' -> 'organisaties') or when most of the shorter word is
    their common start ('afgerond' -> 'afgerond_op', 'rol' -> 'rollen').
    """
    import difflib

    def close(w: str) -> bool:
        start = next((i for i, (a, b) in enumerate(zip(value, w, strict=False)) if a != b), None)
        if start is None:  # one is the start of the other
            start = min(len(value), len(w))
        return _distance(value, w) <= max(2, len(w) // 4) or (
            start >= 3 and start >= 0.6 * min(len(value), len(w))
        )

    return [w for w in difflib.get_close_matches(value, list(words), n=n, cutoff=0.6) if close(w)]


def did_you_mean(value: str, pool: Collection[str], cutoff: float = 0.6) -> str:
    """'; bedoelde u 'x' of 'y'?' for the closest names in ``pool`` (or '')."""
    import difflib

    close = difflib.get_close_matches(value, list(pool), n=3, cutoff=cutoff)
    return f"; bedoelde u {' of '.join(repr(c) for c in close)}?" if close else ""


def unknown(what: str, value: str, pool: Collection[str], cutoff: float = 0.5) -> str:
    """ "onbekende actie 'X'; bedoelde u 'Y'?" """
    return f"{unknown_phrase(what)} '{value}'{did_you_mean(value, pool, cutoff)}"


class ImportSourceError(SamennwError):
    """A document to import cannot be read (not a Word file, encrypted, no text, …)."""
