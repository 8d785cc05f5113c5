"""Run a writing operation safely: lock, load, plan, check, apply, stage, commit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import gitops
from .errors import OperationError
from .locking import moving, write_lock
from .paths import PACKAGE_DIR, find_root, uses_embedded
from .store import Repository, lazy_repository
from .writing import ChangeSet


@dataclass(frozen=True, slots=True)
class Outcome:
    message: str  # Dutch summary, also the commit message
    touched: list[Path]
    commit: str | None


Plan = Callable[[Repository], tuple[ChangeSet, str]]


def perform(data: Path | None, plan: Plan, *, commit: bool = False) -> Outcome:
    """Apply the change planned by ``plan`` all-or-nothing, optionally committing it."""
    root = find_root(data)
    if root == PACKAGE_DIR or uses_embedded(data):
        raise OperationError(
            "er is geen gegevensmap gekozen: dit zijn de meegeleverde voorbeeldgegevens "
            "(alleen-lezen). Ga naar een map met data/ of gebruik --data MAP"
        )
    gitops.check_state(root, committing=commit)
    with write_lock(root):
        from .index import load_inventory

        load_inventory(data).raise_if_invalid()  # every file readable (fast: the index)
        repo = lazy_repository(root)
        repo.raise_if_invalid()
        changes, message = plan(repo)
        with moving(root):  # queries wait these milliseconds, not for the commit
            touched = changes.apply()
        try:
            moves = [
                (old, new)
                for old in changes.removes
                for new in changes.writes
                if new.name == old.name
            ]
            if moves and gitops.is_git(root):
                gitops.stage_moves(root, moves)
            sha = gitops.commit(root, touched, message) if commit else None
        except BaseException:
            with moving(root):
                changes.rollback()  # git refused: leave the files as they were
            gitops.restore_index(root, touched)
            raise
    return Outcome(message, [repo.rel(p) for p in touched], sha)
