"""Git integration (GitPython, imported lazily). The only module that imports git.

User text never reaches git as an option or a ref: messages go after ``-m`` as one
argument, paths after ``--``.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samennw.errors import GitStateError, SamennwError
from samennw.model.dates import format_date

if TYPE_CHECKING:
    from samennw.model.records import References
from samennw.storage.paths import relative


class CommitRefused(GitStateError):
    """git refused the commit (a hook, or a tree that would hold an id twice).

    ``reason`` is the refusal without the closing "Er is niets gewijzigd." (recovery,
    which puts the files back itself, reports the reason only).
    """

    def __init__(self, reason: str) -> None:
        super().__init__(_nothing_changed(reason))
        self.reason = reason


def _nothing_changed(reason: str) -> str:
    """``reason`` and "Er is niets gewijzigd.", on a line of its own after several lines."""
    sep = "\n" if "\n" in reason else " "
    return f"{reason}{sep}Er is niets gewijzigd."


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


# --- git's own locks ------------------------------------------------------------------


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _lock_in_use(lock: Path, top: Path, git_dir: Path) -> bool | None:
    """Is a process using git's ``lock``? True, False, or None when it cannot be known.

    On Linux: some process has it open, or a git process (other than samennw's own
    ``git cat-file`` helpers) works in this repository — git keeps ``index.lock`` while
    a commit hook runs, with the file closed. Elsewhere: None.
    """
    if not Path("/proc/self/fd").is_dir():
        return None
    target = os.path.realpath(lock)
    places = (os.path.realpath(top), os.path.realpath(git_dir))
    me = str(os.getpid())
    unknown = False
    try:
        pids = [e.name for e in os.scandir("/proc") if e.name.isdigit() and e.name != me]
    except OSError:
        return None
    for pid in pids:
        base = f"/proc/{pid}"
        try:
            for fd in os.scandir(f"{base}/fd"):
                with contextlib.suppress(OSError):
                    if str(Path(fd.path).readlink()) in (target, f"{target} (deleted)"):
                        return True
        except OSError:
            pass  # gone, or another user's process: judged by what it runs below
        try:
            with open(f"{base}/comm", "rb") as fh:
                comm = fh.read().strip()
            with open(f"{base}/cmdline", "rb") as fh:
                args = fh.read().split(b"\0")
            with open(f"{base}/stat", "rb") as fh:
                state, ppid = fh.read().rsplit(b")", 1)[1].split()[:2]
        except (OSError, IndexError, ValueError):
            continue
        if comm != b"git" and not comm.startswith(b"git-"):
            continue
        if state in (b"Z", b"X"):
            continue  # killed, not yet reaped: it holds nothing any more
        if ppid.decode() == me or any(a in (b"cat-file", b"fsmonitor--daemon") for a in args):
            continue  # our own helpers, or daemons that never take these locks
        try:
            cwd = str(Path(f"{base}/cwd").readlink())
        except OSError:
            unknown = True
            continue
        named = [os.fsdecode(a) for a in args]
        if any(_inside(cwd, p) for p in places) or any(
            any(_inside(a, p) for p in places) for a in named
        ):
            return True
    return None if unknown else False


def _remove_command(lock: Path) -> str:
    quoted = str(lock).replace("'", "'\\''")
    return f"rm '{quoted}'"


def _left_behind(lock: Path) -> GitStateError:
    return GitStateError(
        f"git is eerder afgebroken en heeft '{lock}' laten staan; geen proces "
        f"gebruikt het nog. Verwijder het met: {_remove_command(lock)} — en voer de "
        "opdracht opnieuw uit. Er is niets gewijzigd."
    )


def _busy(lock: Path, waited: str) -> GitStateError:
    return GitStateError(
        f"git is bezig ('{lock}' bestaat nog{waited}); probeer het opnieuw als git klaar "
        "is. Loopt er geen git-opdracht meer, verwijder het dan met: "
        f"{_remove_command(lock)}. Er is niets gewijzigd."
    )


def _unused(lock: Path, top: Path, git_dir: Path) -> bool:
    """Is ``lock`` there and used by no process (it did not change while we looked)?"""
    try:
        before = os.lstat(lock)
        in_use = _lock_in_use(lock, top, git_dir)
        after = os.lstat(lock)
    except FileNotFoundError:
        return False
    same = (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)
    return same and in_use is False


def _git_locks(repo: Any) -> list[Path]:
    git_dir = Path(repo.git_dir)
    locks = [git_dir / "index.lock", git_dir / "HEAD.lock"]
    with contextlib.suppress(Exception):
        if not repo.head.is_detached:
            locks.append(Path(repo.common_dir) / f"{repo.head.ref.path}.lock")
    return locks


STALE_AGE_S = 600  # without /proc: a lock this old is taken as left behind
# File times come from the kernel's coarse clock, which runs up to a tick behind
# time.time_ns(): a lock made a few milliseconds after the journal can look older.
CLOCK_SLACK_NS = 100_000_000


def wait_for_git(
    root: Path,
    *,
    ours_since_ns: int | None = None,
    also: Sequence[Path] = (),
    held: Sequence[Path] = (),
) -> list[str]:
    """Wait (at most SAMENNW_LOCK_TIMEOUT) while git holds its index or HEAD lock, or
    one of the locks ``also`` (one that git named when it refused to run). The locks
    ``held`` are this process's own (the index lock of a commit): not waited for.

    A lock that no process uses was left by a git that was killed: GitStateError with
    the exact command that removes it. Only a lock made after ``ours_since_ns`` — by
    samennw's own git, killed with the samennw command whose journal is being recovered
    (samennw held its write lock all that time) — is removed here; the notice says so.
    """
    from samennw.storage.locking import lock_timeout

    repo = _repo(root)
    if repo is None:
        return []
    top, git_dir = Path(repo.working_tree_dir), Path(repo.git_dir)
    timeout = lock_timeout()
    deadline = time.monotonic() + timeout
    next_look = 0.0
    announced = False
    notices: list[str] = []
    mine = {Path(lock).absolute() for lock in held}
    while True:
        present = [
            lock
            for lock in [*_git_locks(repo), *also]
            if os.path.lexists(lock) and Path(lock).absolute() not in mine
        ]
        if not present:
            return notices
        lock = present[0]
        shown = relative(lock, Path(root))
        if time.monotonic() >= next_look:  # looking through /proc costs: 4 times a second
            next_look = time.monotonic() + 0.25
            try:
                before = os.lstat(lock)
                in_use = _lock_in_use(lock, top, git_dir)
                after = os.lstat(lock)
            except FileNotFoundError:
                continue
            same = (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)
            old = time.time() - after.st_mtime > STALE_AGE_S
            if same and (in_use is False or (in_use is None and old)):
                if (
                    ours_since_ns is not None
                    and in_use is False
                    and max(after.st_mtime_ns, after.st_ctime_ns) >= ours_since_ns - CLOCK_SLACK_NS
                ):
                    lock.unlink(missing_ok=True)
                    notices.append(
                        f"hersteld: '{shown}' van de afgebroken samennw-opdracht verwijderd"
                    )
                    continue
                raise _left_behind(lock)
        if time.monotonic() >= deadline:
            raise _busy(lock, f" na {timeout:g} s wachten")
        if not announced and time.monotonic() > deadline - timeout + 1:  # waited a second
            from samennw.console import err

            err(f"wacht tot git klaar is ('{shown}' bestaat) …")
            announced = True
        time.sleep(0.05)


# samennw's own temporary indexes of a commit (see :class:`_CommitIndexes`), named after
# its pid like git's next-index-<pid>.lock and removed by the same cleanup: the index the
# commit is made from (<pid>.lock, as git's), the real index's next version (<pid>.new),
# and git's locks on them.
OWN_INDEX = "next-index-samennw-"
_OWN_INDEX_NAME = re.compile(rf"{OWN_INDEX}(\d+)(\.lock|\.new)(\.lock)?")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _left_temp_indexes(repo: Any) -> list[Path]:
    """samennw's temporary index files (and git's locks on them) of processes that are
    gone and that no process uses."""
    top, git_dir = Path(repo.working_tree_dir), Path(repo.git_dir)
    left = []
    for path in sorted(git_dir.glob(f"{OWN_INDEX}*")):
        name = _OWN_INDEX_NAME.fullmatch(path.name)
        if name and not _alive(int(name.group(1))) and _unused(path, top, git_dir):
            left.append(path)
    return left


def remove_left_next_index(root: Path) -> list[str]:
    """Remove the ``next-index-<pid>.lock`` files that a killed ``git commit --only`` left
    and no process uses (a later git with that pid could not commit), and the temporary
    indexes of a killed samennw commit (``next-index-samennw-<pid>…``); the notices.

    Only where a process's use can be known (/proc): elsewhere nothing is removed.
    """
    repo = _repo(root)
    if repo is None:
        return []
    top, git_dir = Path(repo.working_tree_dir), Path(repo.git_dir)
    notices = []
    for lock in sorted(git_dir.glob("next-index-*.lock")):
        if lock.name[len("next-index-") : -len(".lock")].isdigit() and _unused(lock, top, git_dir):
            lock.unlink(missing_ok=True)
            notices.append(
                f"hersteld: '{relative(lock, Path(root))}' van de afgebroken git verwijderd"
            )
    for path in _left_temp_indexes(repo):
        path.unlink(missing_ok=True)
        notices.append(f"hersteld: '{relative(path, Path(root))}' van de afgebroken git verwijderd")
    return notices


def check_state(root: Path, *, committing: bool) -> list[str]:
    """Refuse to touch a repository in the middle of a merge/rebase (or detached, to commit).

    Called under samennw's write lock: git's own locks are waited for (see
    :func:`wait_for_git`); returns its notices.
    """
    repo = _repo(root)
    if repo is None:
        if committing:
            raise GitStateError("--commit: deze gegevens staan niet in een git-repository")
        return []
    git_dir = Path(repo.git_dir)
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
    return wait_for_git(root)


def _rel_to_top(repo: Any, path: Path) -> str:
    top = Path(repo.working_tree_dir).resolve()
    return str((path.parent.resolve() / path.name).relative_to(top))


def _output(exc: Any, stream: str) -> str:
    """What a failed git wrote to ``stream``, without GitPython's ``stderr: '…'`` wrapper."""
    text = str(getattr(exc, stream, "") or "")
    wrapped = re.fullmatch(rf"\s*{stream}: '(.*)'\s*", text, re.DOTALL)
    return wrapped.group(1) if wrapped else text


def _lines(exc: Any) -> list[str]:
    """git's (or its hook's) own lines, trimmed, blank ones left out: stderr, else stdout.

    git sends a hook's stdout to stderr as well.
    """
    for stream in ("stderr", "stdout"):
        lines = [line.strip() for line in _output(exc, stream).splitlines() if line.strip()]
        if lines:
            return lines
    return []


def _quoted(head: str, lines: list[str]) -> str:
    """``head: line.`` for one line; more lines each on a line of their own, indented."""
    if len(lines) == 1:
        end = "" if lines[0].endswith((".", "!", "?")) else "."
        return f"{head}: {lines[0]}{end}"
    return f"{head}:\n" + "\n".join(f"  {line}" for line in lines)


def _exit_code(exc: Any) -> str:
    status = getattr(exc, "status", None)
    return f" (afsluitcode {status})" if isinstance(status, int) else ""


_LOCK_EXISTS = re.compile(r"Unable to create '(.+?\.lock)': File exists")


def _named_lock(repo: Any, exc: Any) -> Path | None:
    """The lock git could not take (git speaks English to GitPython: LC_ALL=C)."""
    found = _LOCK_EXISTS.search(_output(exc, "stderr"))
    if found is None:
        return None
    return Path(repo.working_tree_dir) / found.group(1)  # (git names it in full)


def _lock_error(repo: Any, lock: Path) -> GitStateError:
    """git could not take ``lock``: left behind (the ``rm`` command), or a git at work."""
    if _unused(lock, Path(repo.working_tree_dir), Path(repo.git_dir)):
        return _left_behind(lock)
    if os.path.lexists(lock):
        return _busy(lock, "")
    return GitStateError(
        f"git was bezig ('{lock}' bestond); probeer het opnieuw. Er is niets gewijzigd."
    )


COMMIT_HOOKS = ("pre-commit", "prepare-commit-msg", "commit-msg")  # those that can refuse


def _commit_hooks(repo: Any) -> list[str]:
    """The commit hooks git would run (in ``core.hooksPath`` or .git/hooks), as shown."""
    import git

    top = Path(repo.working_tree_dir)
    try:  # git's own answer: core.hooksPath (relative to the top, ~ expanded) or hooks/
        folder = top / repo.git.rev_parse("--git-path", "hooks")
    except git.GitCommandError:
        folder = Path(repo.common_dir) / "hooks"
    found = []
    for name in COMMIT_HOOKS:
        path = Path(os.path.normpath(folder / name))
        if path.is_file() and os.access(path, os.X_OK):  # git skips the others
            found.append(str(relative(path, top)))
    return found


def _refusal(repo: Any, exc: Any) -> str:
    """Why git refused a commit, in Dutch, with git's (or the hook's) own lines."""
    lines = _lines(exc)
    if lines:
        return _quoted("git weigerde de commit (een hook of git zelf)", lines)
    silent = f"git weigerde de commit zonder een reden te geven{_exit_code(exc)}"
    hooks = [f"'{hook}'" for hook in _commit_hooks(repo)]
    if not hooks:
        return f"{silent}; er is geen commit-hook ({', '.join(COMMIT_HOOKS)})."
    if len(hooks) == 1:
        return f"{silent}, waarschijnlijk door de hook {hooks[0]}."
    named = ", ".join(hooks[:-1]) + f" en {hooks[-1]}"
    return f"{silent}, waarschijnlijk door een van de hooks {named}."


def _git_error(
    repo: Any, exc: Any, what: str, kind: type[GitStateError] = GitStateError
) -> GitStateError:
    """A failed git command in Dutch, never GitPython's text: a lock git found taken, a
    refused commit, or ``what`` with git's own lines. A lock is no refusal: GitStateError.
    """
    lock = _named_lock(repo, exc)
    if lock is not None:
        return _lock_error(repo, lock)
    if kind is CommitRefused and list(getattr(exc, "command", None) or [])[1:2] == ["commit"]:
        return CommitRefused(_refusal(repo, exc))
    lines = _lines(exc)
    reason = _quoted(what, lines) if lines else f"{what}: git gaf geen reden{_exit_code(exc)}."
    return CommitRefused(reason) if kind is CommitRefused else kind(_nothing_changed(reason))


def _run(
    root: Path, repo: Any, command: str, *args: str, held: Sequence[Path] = (), **kwargs: Any
) -> str:
    """``git <command> args``; when git finds one of its locks taken: wait while a git
    uses it (then try again), refuse with the ``rm`` command when none does. ``held``:
    git's locks this process holds itself; ``kwargs``: GitPython's (``env``, ``istream``).
    """
    import git

    for attempt in range(5):
        try:
            return str(getattr(repo.git, command)(*args, **kwargs))
        except git.GitCommandError as exc:
            lock = _named_lock(repo, exc)
            if attempt == 4 or lock is None:
                raise
            wait_for_git(root, also=[lock], held=held)
    raise AssertionError("unreachable")  # pragma: no cover


def snapshot(root: Path, paths: list[Path]) -> tuple[str | None, dict[Path, str | None]]:
    """HEAD and the index entries ('mode sha stage') of ``paths``, to put them back later."""
    repo = _repo(root)
    if repo is None:
        return None, {}
    head = str(repo.head.commit.hexsha) if repo.head.is_valid() else None
    rels = {_rel_to_top(repo, p): p for p in paths}
    entries: dict[Path, str | None] = dict.fromkeys(paths)
    out = repo.git.ls_files("-s", "-z", "--", *rels) if rels else ""
    for record in out.split("\0"):
        meta, _, rel = record.partition("\t")
        if rel in rels and meta.endswith(" 0"):
            entries[rels[rel]] = meta
    return head, entries


def restore_index(root: Path, entries: dict[Path, str | None]) -> None:
    """Put the index entries of a :func:`snapshot` back (best effort, after a refusal)."""
    import subprocess

    repo = _repo(root)
    if repo is None or not entries:
        return
    head = repo.head.commit.hexsha if repo.head.is_valid() else "0" * 40
    records = []
    for path, entry in entries.items():
        rel = _rel_to_top(repo, path)
        records.append(f"{entry}\t{rel}" if entry else f"0 {'0' * len(head)}\t{rel}")
    with contextlib.suppress(OSError):
        subprocess.run(
            ["git", "update-index", "-z", "--index-info"],
            cwd=repo.working_tree_dir,
            input="\0".join(records).encode() + b"\0",
            capture_output=True,
            check=False,
        )


def stage_moves(root: Path, moves: list[tuple[Path, Path]]) -> None:
    """Record moves in the index (``git mv`` semantics) for files git tracks (idempotent)."""
    import git

    repo = _repo(root)
    if repo is None:
        return
    top = Path(repo.working_tree_dir)
    try:
        for old, new in moves:
            old_rel, new_rel = _rel_to_top(repo, old), _rel_to_top(repo, new)
            if repo.git.ls_files("--", old_rel, new_rel):
                _run(root, repo, "rm", "--cached", "--quiet", "--ignore-unmatch", "--", old_rel)
                if (top / new_rel).exists():
                    _run(root, repo, "add", "--", new_rel)
    except git.GitCommandError as exc:
        raise _git_error(repo, exc, "git kon de verplaatsing niet vastleggen in de index") from None


def _tree_counts(repo: Any, groups: list[list[str]]) -> list[int]:
    rels = [r for g in groups for r in g]
    listed = set(repo.git.ls_tree("-r", "--name-only", "HEAD", "--", *rels).splitlines())
    return [sum(r in listed for r in g) for g in groups]


def index_to_head(root: Path, paths: list[Path]) -> None:
    """Index entries of ``paths`` as HEAD has them (after a commit whose git was killed
    before it wrote the index)."""
    repo = _repo(root)
    if repo is None or not repo.head.is_valid():
        return
    rels = {_rel_to_top(repo, p): p for p in paths}
    entries: dict[Path, str | None] = dict.fromkeys(paths)
    for record in repo.git.ls_tree("-z", "HEAD", "--", *rels).split("\0"):
        meta, _, rel = record.partition("\t")
        if rel in rels:
            mode, _kind, sha = meta.split()
            entries[rels[rel]] = f"{mode} {sha} 0"
    restore_index(root, entries)


def committed(root: Path, head: str | None, message: str) -> str | None:
    """The commit made on top of ``head`` with ``message``, if HEAD is that commit."""
    repo = _repo(root)
    if repo is None or head is None or not repo.head.is_valid():
        return None
    current = str(repo.head.commit.hexsha)
    if current == head:
        return None
    parents, _, subject = repo.git.log("-1", "--format=%P%x00%s", "HEAD").partition("\0")
    if parents.split()[:1] == [head] and subject == message:
        return current[:10]
    return None


def _index_file(repo: Any) -> Path:
    """The index git uses: GIT_INDEX_FILE (relative to the top, where samennw runs git),
    else the repository's own."""
    env = os.environ.get("GIT_INDEX_FILE")
    if env:
        return Path(repo.working_tree_dir) / env
    return Path(repo.git_dir) / "index"


def _signature(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return st.st_ino, st.st_mtime_ns, st.st_size


# git commit ends with 'git maintenance run --auto' (older git: 'git gc --auto'); with a
# temporary index that would prune as if the real index did not exist: run it afterwards
_NO_AUTO_MAINTENANCE = "'maintenance.auto=false' 'gc.auto=0'"


class _CommitIndexes:
    """What ``git commit --only -- PATHS`` does, without its cost: git builds a new index
    from all of HEAD's tree for it, seconds at 100,000 files.

    As git does, samennw holds the lock of the real index from start to end (no other git
    changes the index meanwhile) and makes the commit from a temporary index, in the git
    directory, named after the pid (:data:`OWN_INDEX`):

    - ``next`` (``<pid>.new``): a copy of the real index with the command's paths as
      the working tree has them — what the real index becomes after the commit;
    - ``commit`` (``<pid>.lock``): a copy of ``next`` in which every other difference from
      HEAD (the user's own staged changes) is taken back — HEAD plus the command's paths.
      ``git commit`` commits it as it is, hooks and all (they see it as GIT_INDEX_FILE,
      as they see git's own temporary index of a ``--only`` commit).

    Then ``next`` takes the real index's place through the lock, as git's own writes do.
    Copies keep git's cached trees and file stats: git reads, compares and writes only
    what changed. A killed run leaves these files and the lock: the next command removes
    them (:func:`remove_left_next_index`, and :func:`wait_for_git` the lock).
    """

    def __init__(self, root: Path, repo: Any) -> None:
        self.root, self.repo = root, repo
        self.real = _index_file(repo)
        self.lock = Path(f"{self.real}.lock")
        own = Path(repo.git_dir) / f"{OWN_INDEX}{os.getpid()}"
        self.commit = own.with_name(f"{own.name}.lock")
        self.next = own.with_name(f"{own.name}.new")
        self._fd: int | None = None
        self._copied: tuple[int, int, int] | None = None

    def __enter__(self) -> _CommitIndexes:
        for path in (self.commit, self.next):  # this pid's own: left by a killed run
            path.unlink(missing_ok=True)
            Path(f"{path}.lock").unlink(missing_ok=True)
        for path in _left_temp_indexes(self.repo):  # (with a journal, recovery names them)
            path.unlink(missing_ok=True)
        self._take_lock()
        try:
            self._copy(self.real, self.next, link=True)
        except BaseException:
            self.__exit__(None, None, None)
            raise
        self._copied = _signature(self.next)
        return self

    @staticmethod
    def _copy(source: Path, target: Path, *, link: bool = False) -> None:
        """A copy of an index with its time (git trusts the file stats it cached only
        when older than the index), or a second name for it: git replaces an index, it
        never writes one in place. (``commit``, that hooks see, is always a copy.)"""
        with contextlib.suppress(FileNotFoundError):  # no index yet: git starts from none
            if link:
                try:
                    os.link(source, target)
                    return
                except FileNotFoundError:
                    raise
                except OSError:
                    pass  # no hard links here
            shutil.copy2(source, target)

    def __exit__(self, *exc: object) -> None:
        for path in (self.commit, self.next):
            path.unlink(missing_ok=True)
        if self._fd is None:
            return
        with contextlib.suppress(OSError):  # still ours (not put in place): let go
            if os.path.samestat(os.fstat(self._fd), os.lstat(self.lock)):
                self.lock.unlink()
        os.close(self._fd)
        self._fd = None

    def _take_lock(self) -> None:
        """The real index's lock, as git takes it; waits while a git holds it."""
        for attempt in range(5):
            try:
                self._fd = os.open(self.lock, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o666)
                return
            except FileExistsError:
                if attempt == 4:
                    raise _lock_error(self.repo, self.lock) from None
                wait_for_git(self.root, also=[self.lock])

    def _git(self, index: Path, command: str, *args: str, **kwargs: Any) -> str:
        env = {"GIT_INDEX_FILE": str(index), **kwargs.pop("env", {})}
        return _run(self.root, self.repo, command, *args, held=[self.lock], env=env, **kwargs)

    def stage(self, existing: list[str], gone: list[str]) -> list[bytes] | None:
        """``next``: the paths as the working tree has them. Returns how ``next`` differs
        from HEAD elsewhere, as index records of HEAD's entries; None when it does not
        differ in the paths (nothing to commit)."""
        if existing:
            ignored = self.repo.git.check_ignore(
                "--no-index", "-q", "--", *existing,
                with_extended_output=True, with_exceptions=False,
            )[0]  # fmt: skip
            if ignored == 1:  # none is: git add's work, without its look through folders
                self._git(self.next, "update-index", "--add", "--", *existing)
            else:  # (or unknown) git add refuses a new file that .gitignore names
                self._git(self.next, "add", "--", *existing)
        out = self._git(
            self.next, "diff-index", "--cached", "-z", "--no-renames",
            "--ignore-submodules=none", "HEAD",
        )  # fmt: skip
        fields = out.split("\0")
        head: dict[str, str] = {}  # path: HEAD's mode and object ('000000 000…': none)
        staged: set[str] = set()  # paths the index has (all but those git shows deleted)
        for meta, rel in zip(fields[0::2], fields[1::2], strict=False):
            if meta.startswith(":"):
                mode, _, sha, _, status = meta[1:].split()
                head[rel] = f"{mode} {sha}"
                if status != "D":
                    staged.add(rel)
        # a gone path without a difference is in HEAD and the index alike (removed by
        # hand), or in neither (commonly: the other folder of an action)
        unclear = [r for r in gone if r not in head]
        in_head = set()
        if unclear:
            listed = self._git(self.next, "ls-tree", "-z", "--name-only", "HEAD", "--", *unclear)
            in_head = set(listed.split("\0"))
        if left := [r for r in gone if r in staged or r in in_head]:
            self._git(self.next, "update-index", "--force-remove", "--", *left)
        changed = any(r in head for r in existing) or any(
            r in in_head or (r in head and not head[r].startswith("000000 ")) for r in gone
        )
        if not changed:
            return None
        ours = {*existing, *gone}
        return [
            f"{entry} 0\t{rel}".encode("utf-8", "surrogateescape")
            for rel, entry in head.items()
            if rel not in ours
        ]

    def make_commit(self, others: list[bytes], message: str) -> None:
        """``commit``: ``next`` with ``others`` as HEAD has them; git commits it."""
        self._copy(self.next, self.commit)
        if others:
            with tempfile.TemporaryFile() as records:
                records.write(b"\0".join(others) + b"\0")
                records.seek(0)
                self._git(self.commit, "update-index", "-z", "--index-info", istream=records)
        configured = os.environ.get("GIT_CONFIG_PARAMETERS")
        params = f"{configured} {_NO_AUTO_MAINTENANCE}" if configured else _NO_AUTO_MAINTENANCE
        env = {"GIT_CONFIG_PARAMETERS": params}
        self._git(self.commit, "commit", "-q", "-m", message, env=env)

    def install(self) -> None:
        """``next`` in the real index's place (when it differs from the real index)."""
        if self._fd is None or _signature(self.next) == self._copied:
            return  # (git did not write it: the real index has the paths like this)
        self.next.replace(self.lock)
        try:
            self.lock.replace(self.real)
        except OSError:
            self.lock.unlink(missing_ok=True)
            raise


def _auto_maintenance(repo: Any) -> None:
    """What git commit does last: ``git maintenance run --auto``, unless maintenance.auto
    is false (best effort, as in git)."""
    import git

    try:
        enabled = repo.git.config("--bool", "--get", "maintenance.auto") != "false"
    except git.GitCommandError:
        enabled = True  # not set
    if enabled:
        with contextlib.suppress(git.GitCommandError):
            repo.git.maintenance("run", "--auto", "--quiet")


def commit(root: Path, places: list[list[Path]], message: str) -> str | None:
    """Commit every place of each object touched, as the working tree has it; nothing else.

    ``places`` holds, per object, every path where it can live (an action: open/ and
    afgerond/). Committing all of them together means a move is always committed whole,
    whatever was staged before; the user's other changes, staged or not, stay as they
    are (see :class:`_CommitIndexes`). The resulting HEAD must hold each object exactly
    once; otherwise the commit is taken back and GitStateError raised. None: the working
    tree already matches HEAD for these files (no commit; their index entries match HEAD).
    """
    import git

    repo = _repo(root)
    if repo is None:
        raise GitStateError("--commit: deze gegevens staan niet in een git-repository")
    top = Path(repo.working_tree_dir).resolve()
    groups = [[_rel_to_top(repo, p) for p in group] for group in places]
    for group in groups:
        present = [r for r in group if os.path.lexists(top / r)]
        if len(present) != 1:
            name = Path(group[0]).stem
            raise GitStateError(
                f"--commit: '{name}' staat {len(present)} keer in de gegevens "
                f"({', '.join(present) or 'nergens'}); er is niets vastgelegd of gewijzigd"
            )
    rels = [r for g in groups for r in g]
    existing = [r for r in rels if os.path.lexists(top / r)]
    gone = [r for r in rels if r not in existing]
    try:
        before = str(repo.head.commit.hexsha)
        with _CommitIndexes(root, repo) as indexes:
            others = indexes.stage(existing, gone)
            if others is None:
                indexes.install()
                return None  # git has these files like this already: nothing to commit
            indexes.make_commit(others, message)
            after = str(repo.head.commit.hexsha)
            counts = _tree_counts(repo, groups)
            if any(c != 1 for c in counts):
                with contextlib.suppress(git.GitCommandError):
                    repo.git.update_ref("-m", "samennw: onvolledige commit", "HEAD", before, after)
                bad = Path(groups[next(i for i, c in enumerate(counts) if c != 1)][0]).stem
                raise CommitRefused(
                    f"git commit mislukt: de commit zou '{bad}' niet precies één keer bevatten; "
                    "de commit is teruggenomen."
                )
            indexes.install()
        _auto_maintenance(repo)
    except git.GitCommandError as exc:
        raise _git_error(repo, exc, "git commit mislukt", CommitRefused) from None
    except OSError as exc:  # samennw's own part of the commit: the lock, the copies
        raise CommitRefused(f"git commit mislukt: {exc}.") from None
    return after[:10]


def unrecorded(root: Path, data_dir: Path, refs: References) -> list[str]:
    """The records in ``refs`` that HEAD does not hold, in Dutch ("vergadering 'X'").

    A commit of a file that refers to a meeting, action line or person that exists only
    in the working tree would not validate on a fresh clone.
    """
    repo = _repo(root)
    if repo is None or not repo.head.is_valid():
        return []
    missing: list[str] = []
    for folder, wanted, what in (
        ("meetings", refs.meetings, "vergadering"),
        ("actielijnen", refs.action_lines, "actielijn"),
    ):
        if not wanted:
            continue
        rel = _rel_to_top(repo, data_dir / folder)
        names = repo.git.ls_tree("-r", "--name-only", "HEAD", "--", rel).splitlines()
        known = {Path(n).stem for n in names if n.endswith(".md")}
        missing += [f"{what} '{ref}'" for ref in sorted(wanted - known)]
    if refs.partners:
        known = _head_partner_ids(repo, _rel_to_top(repo, data_dir / "partners.yaml"))
        missing += [f"'{ref}' in partners.yaml" for ref in sorted(refs.partners - known)]
    return missing


def _head_partner_ids(repo: Any, rel: str) -> set[str]:
    """Every id in HEAD's partners.yaml (people, organisations, teams, domains)."""
    import git

    from samennw.errors import DataFileError
    from samennw.storage.yamlreader import load_yaml

    try:
        text = repo.git.show(f"HEAD:{rel}")
        data, _ = load_yaml(text)
    except (git.GitCommandError, DataFileError):
        return set()
    if not isinstance(data, dict):
        return set()
    return {
        str(entry["id"])
        for entries in data.values()
        if isinstance(entries, list)
        for entry in entries
        if isinstance(entry, dict) and entry.get("id")
    }


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
