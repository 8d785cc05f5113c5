"""Run a writing operation safely: lock, load, plan, check, apply, stage, commit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from samennw.errors import GitStateError, OperationError
from samennw.storage import gitops, paths, recovery
from samennw.storage.changeset import ChangeSet
from samennw.storage.index import RepositoryIndex
from samennw.storage.locking import write_lock
from samennw.storage.paths import PACKAGE_DIR, data_dir_of, find_root, relative, uses_embedded
from samennw.storage.repository import Repository, indexed_repository


@dataclass(frozen=True, slots=True)
class Outcome:
    message: str  # Dutch summary, also the commit message
    touched: list[Path]
    commit: str | None
    notices: list[str] = field(default_factory=list)  # repairs first, the plan's warnings (Dutch)


Plan = Callable[[Repository], tuple[ChangeSet, str]]


def perform(data: Path | None, plan: Plan, *, commit: bool = False) -> Outcome:
    """Apply the change planned by ``plan`` all-or-nothing, optionally committing it.

    Under the write lock: first an interrupted earlier command is finished or undone
    (:mod:`samennw.storage.recovery`), then the git state is checked (git's own locks waited
    for), then the change is planned on the current files and carried out.
    """
    root = writable_root(data)
    with write_lock(root):
        notices = recovery.repair(root)
        notices += gitops.check_state(root, committing=commit)
        index = RepositoryIndex(root)
        repo = indexed_repository(index)  # the files the change reads, and only those
        repo.raise_if_invalid()
        changes, message = plan(repo)
        if commit:
            _refuse_unrecorded_references(root, changes)
        sha = recovery.carry_out(root, changes, message, commit=commit)
        index.save()
    notices += changes.notices
    if commit and sha is None:
        notices.append("niets vastgelegd: in git staan deze bestanden al zo")
    return Outcome(message, [repo.rel(p) for p in changes.touched], sha, notices)


def writable_root(data: Path | None) -> Path:
    """The repository a writing command may change; the embedded data set is refused."""
    root = find_root(data)
    # the embedded data set, also from inside samennw's own source checkout (its data/ is
    # the converted seeds, never edited by hand)
    embedded = root.resolve() in (PACKAGE_DIR, paths.embedded_root().resolve())
    if (embedded or paths.is_source_checkout(root)) and not uses_embedded(data):
        raise OperationError(
            f"'{root / 'data'}' is de meegeleverde voorbeeldgegevensset van samennw "
            "(alleen-lezen). Werk in een eigen gegevensrepository of in een kopie "
            "(cp -r data /tmp/proef). Er is niets gewijzigd."
        )
    if root == PACKAGE_DIR or uses_embedded(data):
        raise OperationError(
            "er is geen gegevensmap gekozen: dit zijn de meegeleverde voorbeeldgegevens "
            "(alleen-lezen). Ga naar een map met data/ of gebruik --data MAP"
        )
    return root


@dataclass(frozen=True, slots=True)
class Preview:
    """What a writing command would do (``--dry-run``): nothing is written."""

    message: str
    writes: list[Path]  # new or changed files, relative to the repository root
    removes: list[Path]


def preview(data: Path | None, plan: Plan) -> Preview:
    """Plan the change on the current files, as :func:`perform` would, and report it
    without writing anything (no lock held beyond the read lock, no recovery, no git)."""
    from samennw.storage.repository import reading

    with reading(data) as repo:
        changes, message = plan(repo)
    return Preview(
        message,
        [repo.rel(p) for p in sorted(changes.writes)],
        [repo.rel(p) for p in sorted(changes.removes)],
    )


def _refuse_unrecorded_references(root: Path, changes: ChangeSet) -> None:
    """--commit: refuse when a written record refers to one that git does not hold yet.

    Committing a meeting whose ``vorige_vergadering`` exists only in the working tree
    would give a commit that fails ``validate`` on a fresh clone. Nothing is changed.
    """
    from pydantic import ValidationError

    from samennw.errors import DataFileError
    from samennw.model.records import Action, Meeting, References, references
    from samennw.storage.frontmatter import parse
    from samennw.storage.repository import FOLDERS

    data_dir = data_dir_of(root)
    models = dict(FOLDERS)
    found: list[References] = []
    for path, text in changes.writes.items():
        try:
            model = models.get(path.relative_to(data_dir).parts[0])
        except (ValueError, IndexError):
            continue
        if model is not Meeting and model is not Action:
            continue
        try:
            doc = parse(text.removeprefix("\ufeff"), path)
            record = model.model_validate({**doc.data, "body": doc.body})
        except (DataFileError, ValidationError):
            continue  # the writer's own read-back refuses it, with the reason
        assert isinstance(record, Meeting | Action)
        found.append(references(record))
    wanted = References(
        meetings=frozenset().union(*(r.meetings for r in found)),
        action_lines=frozenset().union(*(r.action_lines for r in found)),
        partners=frozenset().union(*(r.partners for r in found)),
    )
    missing = gitops.unrecorded(root, data_dir, wanted)
    if missing:
        written = sorted(changes.writes)
        files = ", ".join(str(relative(p, root)) for p in written)
        verb = "verwijst" if len(written) == 1 else "verwijzen"
        raise GitStateError(
            f"--commit: {files} {verb} naar {', '.join(missing)}, nog niet vastgelegd in "
            "git; een commit zonder dat is ongeldig op een verse kopie. Leg het eerst vast "
            "(git add … && git commit) of werk zonder --commit. Er is niets gewijzigd."
        )
