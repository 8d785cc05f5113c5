"""Carry out a writing command with an intent journal; finish or undo one that was killed.

:func:`carry_out` is how every writer changes files: journal, temp files checked by the
reader, files in place, git (moves staged, ``--commit``), journal removed. If the
process dies on the way (``kill -9``, a power cut), the journal stays behind and the next
samennw command — reader or writer — calls :func:`repair` under the write lock:

- the commit was already made: only the journal is cleaned up;
- every new file is in place: the command is finished (old files removed, moves staged,
  the commit made if one was asked for; a commit git refuses undoes it all);
- otherwise: every file is put back as it was, and the index entries too.

Each case is reported in Dutch ("hersteld: …"), and samennw's temp files of that command
are removed. A file that was changed by hand after the crash is left alone (and named).

Heavy modules are imported inside the functions: :func:`repair_interrupted` runs before
every command, and costs one ``stat`` when there is nothing to repair.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from samennw.errors import LockedError, SamennwError
from samennw.storage.locking import journal_path, moving, write_lock
from samennw.storage.paths import find_root, relative, uses_embedded

if TYPE_CHECKING:
    from samennw.storage.changeset import ChangeSet
    from samennw.storage.journal import Journal


def finish_git(root: Path, journal: Journal) -> str | None:
    """What a writer does once its files are in place: stage moves, commit if asked."""
    from samennw.storage import gitops

    if journal.index is None:  # not in a git repository
        return None
    gitops.stage_moves(root, journal.moves)
    if journal.commit:
        return gitops.commit(root, journal.git_paths, journal.message)
    return None


def carry_out(root: Path, changes: ChangeSet, message: str, *, commit: bool) -> str | None:
    """Apply ``changes`` all-or-nothing under a journal; stage and commit. Returns the commit."""
    from samennw.storage import gitops
    from samennw.storage.changeset import RollbackFailed
    from samennw.storage.journal import Journal

    places = changes.places
    head, index = None, None
    if gitops.is_git(root):
        head, index = gitops.snapshot(root, [p for group in places for p in group])
    journal = Journal(root, message, commit=commit, head=head, index=index, git_paths=places)
    changes.prepare(journal)  # journal saved, temp files written and read back
    try:
        with moving(root):  # queries wait these milliseconds, not for the commit
            changes.apply()
    except RollbackFailed:
        raise
    except BaseException:
        changes.abandon()
        journal.discard()
        raise
    try:
        sha = finish_git(root, journal)
    except BaseException:
        with moving(root):
            changes.rollback()  # git refused: leave the files as they were
        if index is not None:
            gitops.restore_index(root, index)
        journal.discard()
        raise
    journal.discard()
    return sha


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return None


def _put_back(journal: Journal) -> list[str]:
    """Every file as it was before the command; files changed since are left (and named)."""
    from samennw.storage.repository import atomic_write, fsync_folder

    notices = []
    for change in reversed(journal.files):
        current = _read(change.path)
        if current == change.before:
            continue
        shown = relative(change.path, journal.root)
        if current != change.after:
            notices.append(
                f"let op: '{shown}' is na de onderbreking nog gewijzigd en is niet teruggezet"
            )
            continue
        if change.before is None:
            change.path.unlink()
            fsync_folder(change.path.parent)
        else:
            change.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(change.path, change.before)
    return notices


def _complete_files(journal: Journal) -> bool:
    """Every new file in place (old ones removed or not yet): the command can be finished."""
    for change in journal.files:
        current = _read(change.path)
        if change.after is not None and current != change.after:
            return False
        if change.after is None and current not in (None, change.before):
            return False
    return True


def repair(root: Path) -> list[str]:
    """Finish or undo the command a journal describes (the caller holds the write lock)."""
    from samennw.storage import gitops
    from samennw.storage.changeset import clean_stale_temp_files
    from samennw.storage.journal import Journal, JournalError
    from samennw.storage.repository import fsync_folder

    notices: list[str] = []
    path = journal_path(root)
    for tmp in path.parent.glob(f".{path.name}.*.tmp"):  # a journal never put in place
        if tmp.name[len(path.name) + 2 : -4].isdigit():
            tmp.unlink(missing_ok=True)
    try:
        journal = Journal.load(root)
    except JournalError as exc:
        aside = path.with_name(f"{path.name}.ongeldig-{time.time_ns()}")
        path.rename(aside)
        return [f"let op: {exc.message}; het is opzijgezet als '{aside}'"]
    if journal is None:
        return notices
    what = f"onderbroken '{journal.message}'"
    removed = []
    for folder in sorted({f.path.parent for f in journal.files}):
        removed += clean_stale_temp_files(folder)
    git = journal.index is not None and gitops.is_git(root)
    forward = _complete_files(journal)  # every new file in place: finish, else undo
    with moving(root):
        if forward:
            for change in journal.files:
                if change.after is None and _read(change.path) == change.before:
                    change.path.unlink()
                    fsync_folder(change.path.parent)
        else:
            notices += _put_back(journal)
    done = None
    if git:  # files first (queries work again), then git: its locks may have to be waited for
        notices += gitops.remove_left_next_index(root)  # git's, killed in a commit
        notices += gitops.wait_for_git(root, ours_since_ns=journal.started_ns)
        if not forward:
            gitops.restore_index(root, journal.index or {})
        elif journal.commit and (done := gitops.committed(root, journal.head, journal.message)):
            gitops.index_to_head(root, [p for group in journal.git_paths for p in group])
        else:
            try:
                if journal.commit:
                    gitops.check_state(root, committing=True)
                done = finish_git(root, journal)
            except gitops.CommitRefused as exc:  # (busy, mid-merge: raised, the journal stays)
                with moving(root):  # git refused the commit: undo it all, as the command would
                    notices += _put_back(journal)
                gitops.restore_index(root, journal.index or {})
                forward = False
                notices.append(f"let op: {exc.reason}")
    if forward:
        notices.append(
            f"hersteld: {what} afgemaakt" + (f" en vastgelegd in git ({done})" if done else "")
        )
    else:
        notices.append(f"hersteld: {what} teruggedraaid; de bestanden zijn weer zoals ervoor")
    journal.discard()
    if removed:
        notices.append(
            f"hersteld: {len(removed)} tijdelijk(e) bestand(en) van de afgebroken opdracht "
            "opgeruimd"
        )
    return notices


def _owner_alive(path: Path) -> bool:
    """Does the process that wrote this journal still run (then it is at work)?"""
    try:
        pid = int(json.loads(path.read_bytes())["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def repair_interrupted(data: Path | None) -> list[str]:
    """Before any command: repair what a killed writer left (see :func:`repair`).

    Costs one ``stat`` when there is no journal. A journal whose writer is still at work
    (the lock is taken and its process runs, e.g. a pre-commit hook running ``samennw
    validate``) is left to that writer. Problems are returned as notices, not raised: a
    query still answers.
    """
    if uses_embedded(data):
        return []
    try:
        root = find_root(data)
    except SamennwError:
        return []
    path = journal_path(root)
    if not os.path.lexists(path):
        return []
    try:
        try:
            with write_lock(root, timeout=0):
                return repair(root)
        except LockedError:
            if _owner_alive(path):
                return []
            with write_lock(root):
                return repair(root) if os.path.lexists(path) else []
    except LockedError:
        return []
    except (SamennwError, OSError) as exc:
        reason = exc.message if isinstance(exc, SamennwError) else str(exc)
        return [f"let op: een onderbroken samennw-opdracht kon nog niet worden hersteld: {reason}"]
