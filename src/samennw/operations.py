"""Run a writing operation safely: lock, load, plan, check, apply, stage, commit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import gitops, recovery
from .errors import OperationError
from .locking import write_lock
from .paths import PACKAGE_DIR, find_root, uses_embedded
from .store import Repository, lazy_repository
from .writing import ChangeSet


@dataclass(frozen=True, slots=True)
class Outcome:
    message: str  # Dutch summary, also the commit message
    touched: list[Path]
    commit: str | None
    notices: list[str] = field(default_factory=list)  # what was repaired first (Dutch)


Plan = Callable[[Repository], tuple[ChangeSet, str]]


def perform(data: Path | None, plan: Plan, *, commit: bool = False) -> Outcome:
    """Apply the change planned by ``plan`` all-or-nothing, optionally committing it.

    Under the write lock: first an interrupted earlier command is finished or undone
    (:mod:`samennw.recovery`), then the git state is checked (git's own locks waited
    for), then the change is planned on the current files and carried out.
    """
    root = find_root(data)
    if root == PACKAGE_DIR or uses_embedded(data):
        raise OperationError(
            "er is geen gegevensmap gekozen: dit zijn de meegeleverde voorbeeldgegevens "
            "(alleen-lezen). Ga naar een map met data/ of gebruik --data MAP"
        )
    with write_lock(root):
        notices = recovery.repair(root)
        notices += gitops.check_state(root, committing=commit)
        from .index import load_inventory

        load_inventory(data).raise_if_invalid()  # every file readable (fast: the index)
        repo = lazy_repository(root)
        repo.raise_if_invalid()
        changes, message = plan(repo)
        sha = recovery.carry_out(root, changes, message, commit=commit)
    if commit and sha is None:
        notices.append("niets vastgelegd: in git staan deze bestanden al zo")
    return Outcome(message, [repo.rel(p) for p in changes.touched], sha, notices)
