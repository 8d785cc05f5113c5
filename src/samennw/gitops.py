"""Git integration (GitPython, imported lazily). The only module that imports git.

User text never reaches git as an option or a ref: messages go after ``-m`` as one
argument, paths after ``--``.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .dates import format_date
from .errors import GitStateError, SamennwError


def _repo(root: Path) -> Any | None:
    try:
        import git
    except ImportError:  # pragma: no cover - gitpython is a dependency
        return None
    try:
        return git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return None


def is_git(root: Path) -> bool:
    return _repo(root) is not None


def check_state(root: Path, *, committing: bool) -> None:
    """Refuse to touch a repository in the middle of a merge/rebase (or detached, to commit)."""
    repo = _repo(root)
    if repo is None:
        if committing:
            raise GitStateError("--commit: deze gegevens staan niet in een git-repository")
        return
    git_dir = Path(repo.git_dir)
    if (git_dir / "index.lock").exists():
        raise GitStateError(
            "git is bezig (.git/index.lock bestaat); wacht tot git klaar is, of verwijder het "
            "bestand als er geen git-opdracht meer loopt. Er is niets gewijzigd."
        )
    for marker, what in (
        ("MERGE_HEAD", "een merge"),
        ("rebase-merge", "een rebase"),
        ("rebase-apply", "een rebase"),
        ("CHERRY_PICK_HEAD", "een cherry-pick"),
        ("REVERT_HEAD", "een revert"),
    ):
        if (git_dir / marker).exists():
            raise GitStateError(
                f"de git-repository is midden in {what}; rond die eerst af. Er is niets gewijzigd."
            )
    if committing and repo.head.is_detached:
        raise GitStateError(
            "--commit: HEAD is losgekoppeld (detached); ga eerst naar een branch. "
            "Er is niets gewijzigd."
        )
    if committing and not repo.head.is_valid():
        raise GitStateError(
            "--commit: deze git-repository heeft nog geen commit; leg de gegevens eerst vast "
            "(git add -A && git commit -m 'Gegevens'). Er is niets gewijzigd."
        )


def _rel_to_top(repo: Any, path: Path) -> str:
    top = Path(repo.working_tree_dir).resolve()
    return str((path.parent.resolve() / path.name).relative_to(top))


def _git_error(exc: Exception, what: str) -> GitStateError:
    detail = (getattr(exc, "stderr", "") or "").strip().splitlines()
    reason = detail[-1].strip() if detail else type(exc).__name__
    return GitStateError(f"{what}: {reason}. Er is niets gewijzigd.")


def stage_moves(root: Path, moves: list[tuple[Path, Path]]) -> None:
    """Record moves in the index (``git mv`` semantics) for files git tracks."""
    import git

    repo = _repo(root)
    if repo is None:
        return
    try:
        for old, new in moves:
            old_rel, new_rel = _rel_to_top(repo, old), _rel_to_top(repo, new)
            if repo.git.ls_files("--", old_rel):
                repo.git.rm("--cached", "--quiet", "--", old_rel)
                repo.git.add("--", new_rel)
    except git.GitCommandError as exc:
        raise _git_error(exc, "git kon de verplaatsing niet vastleggen in de index") from None


def restore_index(root: Path, paths: list[Path]) -> None:
    """After a refused change: index entries of ``paths`` back to HEAD (best effort)."""
    import git

    repo = _repo(root)
    if repo is None:
        return
    rels = [_rel_to_top(repo, p) for p in paths]
    with contextlib.suppress(git.GitCommandError):
        repo.git.reset("-q", "--", *rels)


def commit(root: Path, paths: list[Path], message: str) -> str:
    """Commit exactly ``paths`` (added, changed or deleted), ignoring other staged changes."""
    import git

    repo = _repo(root)
    if repo is None:
        raise GitStateError("--commit: deze gegevens staan niet in een git-repository")
    top = Path(repo.working_tree_dir).resolve()
    rels = [_rel_to_top(repo, p if p.is_absolute() else root / p) for p in paths]
    existing = [r for r in rels if (top / r).exists()]
    gone = [r for r in rels if r not in existing]
    try:
        if gone:  # a removal git never knew (never committed) needs no commit
            known = set(repo.git.ls_tree("-r", "--name-only", "HEAD", "--", *gone).splitlines())
            gone = [r for r in gone if r in known]
        if existing:
            repo.git.add("--", *existing)
        repo.git.commit("--only", "-q", "-m", message, "--", *existing, *gone)
    except git.GitCommandError as exc:
        raise _git_error(exc, "git commit mislukt") from None
    return str(repo.head.commit.hexsha[:10])


@dataclass(frozen=True, slots=True)
class LogEntry:
    commit: str
    date: str
    author: str
    message: str
    path: str


def history(root: Path, paths: list[Path]) -> list[LogEntry]:
    """The commits that touched any of ``paths`` (an action's file in open/ and afgerond/).

    Giving every place the file can live is exact where ``--follow`` guesses renames
    and follows a single path only.
    """
    repo = _repo(root)
    if repo is None:
        raise SamennwError("geen git-repository: er is geen geschiedenis")
    rels = [_rel_to_top(repo, p) for p in paths]
    sep = "\x1f"
    out = repo.git.log(
        "--name-status",
        f"--format=%x1e%h{sep}%ad{sep}%an{sep}%s",
        "--date=short",
        "--",
        *rels,
    )
    entries = []
    for chunk in out.split("\x1e"):
        if not chunk.strip():
            continue
        header, *rest = chunk.strip("\n").split("\n")
        h, d, a, s = header.split(sep, 3)
        changes = [line.split("\t") for line in rest if "\t" in line]
        # a move is a deletion plus an addition: report where the file is after the commit
        kept = [c[-1] for c in changes if not c[0].startswith("D")]
        file_path = (kept or [c[-1] for c in changes] or rels)[-1]
        entries.append(LogEntry(h, format_date(date.fromisoformat(d)), a, s, file_path))
    return entries
