"""--commit without ``git commit --only`` (issue #10): the same guarantees, from a
temporary index.

samennw commits from a copy of the index (``.git/next-index-samennw-<pid>…``) that holds
HEAD plus the command's own paths, and holds git's index lock meanwhile, as git does
for ``--only``. What the user sees must not change: only the command's files are
committed, a move whole; the user's other changes stay exactly as they were (staged
stays staged, unstaged stays unstaged, a conflict stays a conflict); hooks see only the
command's files and can refuse; nothing is left behind, also not after a kill -9.
"""

from __future__ import annotations

import hashlib
import os
import shlex
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import ACTION, build_file_tree, git, make_git_repo, run, small_repo_files
from tests.conftest import snapshot as data_snapshot

SECOND = (
    ACTION.replace("KVDJ-001", "KVDJ-002")
    .replace("Presentatie 4 actielijnen Jonge Kind", "Flyer maken")
    .replace("werkgroep: ot-kvdj-wg1\n", "")
)
OPEN = "data/acties/open/KVDJ-001.md"
CLOSED = "data/acties/afgerond/KVDJ-001.md"
OTHER = "data/acties/open/KVDJ-002.md"  # in the same folder as the command's file
USER_PATHS = ["notities.txt", "todo.txt", "nieuw.txt", "weg.txt", OTHER]


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAMENNW_DATUM", "2026-03-01")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    files = small_repo_files()
    files[OTHER] = SECOND
    files["notities.txt"] = "versie 1\n"
    files["todo.txt"] = "boodschappen\n"
    files["weg.txt"] = "mag weg\n"
    return make_git_repo(build_file_tree(tmp_path / "repo", files))


def cli(runner: CliRunner, repo: Path, *args: str) -> tuple[int, str, str]:
    return run(runner, *args, "--data", str(repo))


def git_in(repo: Path, *args: str, stdin: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], input=stdin, check=True, capture_output=True, text=True
    ).stdout.strip()


def samennw(*args: str) -> list[str]:
    return [sys.executable, "-m", "samennw", *args]


def users_work(repo: Path) -> None:
    """Changes of the user's own, of every kind, none committed."""
    (repo / "notities.txt").write_text("versie 2\n")
    git(repo, "add", "notities.txt")
    (repo / "notities.txt").write_text("versie 3\n")  # staged 2, unstaged 3: 'MM'
    (repo / "todo.txt").write_text("boodschappen\nbellen\n")  # unstaged only
    (repo / "nieuw.txt").write_text("nieuw bestand\n")
    git(repo, "add", "nieuw.txt")  # a new file, staged
    git(repo, "rm", "-q", "weg.txt")  # a removal, staged
    (repo / "los.txt").write_text("niet bij git\n")  # untracked
    other = repo / OTHER
    other.write_text(other.read_text().replace("Flyer maken", "Flyer ontwerpen"))
    git(repo, "add", OTHER)  # another action, staged


def users_state(repo: Path) -> dict[str, object]:
    """Everything the user sees of their own changes: status, what is staged (index
    entries and the staged diff), the unstaged diff, and the files themselves."""
    paths = [*USER_PATHS, "los.txt"]
    status = [
        line
        for line in git(repo, "status", "--porcelain", "--untracked-files=all").splitlines()
        if line[3:] in paths
    ]
    files = {p: (repo / p).read_bytes() if (repo / p).exists() else None for p in paths}
    return {
        "status": status,
        "index": git(repo, "ls-files", "-s", "--", *USER_PATHS),
        "staged": git(repo, "diff", "--cached", "--", *USER_PATHS),
        "unstaged": git(repo, "diff", "--", *USER_PATHS),
        "files": files,
    }


def committed_paths(repo: Path) -> list[str]:
    return git(repo, "show", "--name-status", "--no-renames", "--format=", "HEAD").split()


def places_in_head(repo: Path, action_id: str) -> list[str]:
    names = git(repo, "ls-tree", "-r", "--name-only", "HEAD").splitlines()
    return [n for n in names if n.endswith(f"/{action_id}.md")]


def leftovers(repo: Path) -> list[str]:
    git_dir = repo / ".git"
    found = [*git_dir.glob("next-index-*"), git_dir / "index.lock"]
    return sorted(p.name for p in found if p.exists())


# --- only the command's files, the user's other changes as they were --------------------


@pytest.mark.parametrize(
    ("before", "args", "committed"),
    [
        ([], ["close", "KVDJ-001"], ["A", CLOSED, "D", OPEN]),
        ([["close", "KVDJ-001", "--commit"]], ["heropen", "KVDJ-001"], ["D", CLOSED, "A", OPEN]),
        ([], ["update", "KVDJ-001", "--tekst", "Besproken"], ["M", OPEN]),
        (
            [["close", "KVDJ-001"]],
            ["update", "KVDJ-001", "--tekst", "Na"],
            ["A", CLOSED, "D", OPEN],
        ),
        ([], ["add-action", "ot-kvdj", "--wat", "Nieuw"], ["A", "data/acties/open/KVDJ-003.md"]),
        (
            [],
            ["new-meeting", "ot-kvdj", "--datum", "2026-02-15"],
            ["A", "data/meetings/2026/ot-kvdj-2026-02-15.md"],
        ),
    ],
    ids=["close", "heropen", "update", "update-na-close-zonder-commit", "nieuw", "vergadering"],
)
def test_a_commit_leaves_every_other_change_of_the_user_as_it_was(
    runner: CliRunner, repo: Path, before: list[list[str]], args: list[str], committed: list[str]
) -> None:
    for step in before:
        assert cli(runner, repo, *step)[0] == 0
    users_work(repo)
    mine = users_state(repo)
    head = git(repo, "rev-parse", "HEAD").strip()
    code, _, err = cli(runner, repo, *args, "--commit")
    assert code == 0, err
    assert git(repo, "rev-parse", "HEAD~1").strip() == head
    assert committed_paths(repo) == committed  # a move whole, nothing of the user's
    assert users_state(repo) == mine
    ours = [OPEN, CLOSED, *committed[1::2]]
    assert git(repo, "status", "--porcelain", "--", *ours) == ""  # index = HEAD = files
    assert leftovers(repo) == []


def test_nothing_to_commit_leaves_the_users_staged_changes_staged(
    runner: CliRunner, repo: Path
) -> None:
    assert cli(runner, repo, "close", "KVDJ-001")[0] == 0
    users_work(repo)
    mine = users_state(repo)
    head = git(repo, "rev-parse", "HEAD")
    code, _, err = cli(runner, repo, "heropen", "KVDJ-001", "--commit")
    assert code == 0, err
    assert "niets vastgelegd" in err
    assert git(repo, "rev-parse", "HEAD") == head
    assert users_state(repo) == mine
    assert git(repo, "status", "--porcelain", "--", OPEN, CLOSED) == ""
    assert leftovers(repo) == []


def test_a_conflict_of_the_user_stays_a_conflict(runner: CliRunner, repo: Path) -> None:
    """An unmerged file (e.g. after 'git stash pop'), not samennw's: stays unmerged."""
    base = git(repo, "rev-parse", "HEAD:notities.txt").strip()
    ours = git_in(repo, "hash-object", "-w", "--stdin", stdin="van ons\n")
    theirs = git_in(repo, "hash-object", "-w", "--stdin", stdin="van hen\n")
    records = (
        f"0 {'0' * len(base)}\tnotities.txt\n"
        f"100644 {base} 1\tnotities.txt\n"
        f"100644 {ours} 2\tnotities.txt\n"
        f"100644 {theirs} 3\tnotities.txt\n"
    )
    git_in(repo, "update-index", "--index-info", stdin=records)
    unmerged = git(repo, "ls-files", "-s", "notities.txt")
    code, _, err = cli(runner, repo, "close", "KVDJ-001", "--commit")
    assert code == 0, err
    assert committed_paths(repo) == ["A", CLOSED, "D", OPEN]
    assert git(repo, "ls-files", "-s", "notities.txt") == unmerged
    assert "UU notities.txt" in git(repo, "status", "--porcelain")


def test_an_action_moved_by_hand_is_committed_whole(runner: CliRunner, repo: Path) -> None:
    """Closed without --commit, then everything unstaged ('git reset'): the index and
    HEAD still hold open/, the working tree afgerond/. The commit holds the move."""
    assert cli(runner, repo, "close", "KVDJ-001")[0] == 0
    git(repo, "reset", "-q")
    code, _, err = cli(runner, repo, "update", "KVDJ-001", "--tekst", "x", "--commit")
    assert code == 0, err
    assert places_in_head(repo, "KVDJ-001") == [CLOSED]
    assert git(repo, "status", "--porcelain") == ""


def test_a_new_file_gitignore_names_is_refused_as_git_add_refuses_it(
    runner: CliRunner, repo: Path
) -> None:
    (repo / ".gitignore").write_text("data/acties/open/*\n")  # (tracked files stay)
    before, head = data_snapshot(repo), git(repo, "rev-parse", "HEAD")
    code, _, err = cli(runner, repo, "add-action", "ot-kvdj", "--wat", "Nieuw", "--commit")
    assert code == 4, err
    assert "git commit mislukt" in err and "ignored by one of your .gitignore files" in err
    assert "Er is niets gewijzigd." in err
    assert data_snapshot(repo) == before
    assert git(repo, "rev-parse", "HEAD") == head
    assert leftovers(repo) == []


# --- hooks ------------------------------------------------------------------------------


def hook(repo: Path, name: str, body: str) -> None:
    path = repo / ".git/hooks" / name
    path.write_text(f"#!/bin/sh\n{body}")
    path.chmod(0o755)


def test_the_hooks_see_only_the_commands_files_while_git_holds_the_index_lock(
    runner: CliRunner, repo: Path
) -> None:
    """As with 'git commit --only': the hook's index (GIT_INDEX_FILE) is HEAD plus the
    command's files, and no other git can change the index meanwhile."""
    hook(
        repo,
        "pre-commit",
        "git diff --cached --name-status --no-renames > .git/hook-zag\n"
        "[ -e .git/index.lock ] && echo vast >> .git/hook-zag\nexit 0\n",
    )
    hook(repo, "commit-msg", 'cp "$1" .git/hook-bericht\n')
    users_work(repo)
    code, _, err = cli(runner, repo, "close", "KVDJ-001", "--commit")
    assert code == 0, err
    assert (repo / ".git/hook-zag").read_text().split() == ["A", CLOSED, "D", OPEN, "vast"]
    assert (repo / ".git/hook-bericht").read_text().strip() == "Actie KVDJ-001 afgerond"


def test_a_refusing_hook_leaves_the_users_changes_and_nothing_of_samennws(
    runner: CliRunner, repo: Path
) -> None:
    hook(repo, "pre-commit", "echo 'hook: geweigerd door beleid' >&2\nexit 1\n")
    users_work(repo)
    mine, files = users_state(repo), data_snapshot(repo)
    head = git(repo, "rev-parse", "HEAD")
    code, _, err = cli(runner, repo, "close", "KVDJ-001", "--commit")
    assert code == 4
    assert err == (
        "fout: git weigerde de commit (een hook of git zelf): hook: geweigerd door beleid. "
        "Er is niets gewijzigd.\n"
    )
    assert git(repo, "rev-parse", "HEAD") == head
    assert users_state(repo) == mine and data_snapshot(repo) == files
    assert git(repo, "status", "--porcelain", "--", OPEN, CLOSED) == ""
    assert leftovers(repo) == []


# --- git's locks and a kill -9 ----------------------------------------------------------


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc (Linux)")
def test_a_killed_commit_leaves_files_the_next_command_removes(
    runner: CliRunner, repo: Path
) -> None:
    """samennw and its git killed together during the commit's hook: the temporary
    indexes and the index lock stay; the next command removes them and commits."""
    hook(repo, "pre-commit", "[ -e .git/gedood ] && exit 0\n: > .git/gedood\nkill -KILL 0\n")
    users_work(repo)
    mine = users_state(repo)
    done = subprocess.run(
        samennw("close", "KVDJ-001", "--commit", "--data", str(repo)),
        capture_output=True,
        text=True,
        start_new_session=True,  # its own process group, as the kill -9 of a terminal
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    left = leftovers(repo)
    temporary = [name for name in left if name.startswith("next-index-samennw-")]
    assert len(temporary) == 2 and "index.lock" in left, left
    code, _, err = cli(runner, repo, "meetings")
    assert code == 0, err
    for name in temporary:
        assert f"hersteld: '.git/{name}' van de afgebroken git verwijderd" in err
    assert "hersteld: '.git/index.lock' van de afgebroken samennw-opdracht verwijderd" in err
    assert "hersteld: onderbroken 'Actie KVDJ-001 afgerond' afgemaakt en vastgelegd" in err
    assert leftovers(repo) == []
    assert committed_paths(repo) == ["A", CLOSED, "D", OPEN]
    assert users_state(repo) == mine


def test_temporary_indexes_of_a_dead_samennw_go_those_of_a_running_one_stay(
    runner: CliRunner, repo: Path
) -> None:
    """Found by a later --commit too (without a journal to repair): only those of a
    process that is gone (its pid: in the name)."""
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        names = {
            pid: [f"next-index-samennw-{pid}.lock", f"next-index-samennw-{pid}.new"]
            for pid in (int(dead.stdout), alive.pid)
        }
        for name in [n for group in names.values() for n in group]:
            shutil.copyfile(repo / ".git/index", repo / ".git" / name)
        code, _, err = cli(runner, repo, "close", "KVDJ-001", "--commit")
        assert code == 0, err
        assert leftovers(repo) == sorted(names[alive.pid])
    finally:
        alive.kill()
        alive.wait()


REF_LOCK_GIT = """\
#!/bin/sh
# git, when a git killed before left the branch's lock: the commit finds it taken.
for arg in "$@"; do
  if [ "$arg" = commit ]; then
    : > "$({real} rev-parse --git-dir)/refs/heads/main.lock"
    break
  fi
done
exec {real} "$@"
"""


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc (Linux)")
def test_a_lock_git_trips_over_in_the_commit_is_explained_not_samennws_own(
    repo: Path, tmp_path: Path
) -> None:
    """The branch's lock, left by a git no process runs any more: the message names it
    with the rm command — not the index lock samennw itself holds — and lets go."""
    real = shutil.which("git")
    assert real is not None
    wrapper = tmp_path / "bin/git"
    wrapper.parent.mkdir()
    wrapper.write_text(REF_LOCK_GIT.format(real=shlex.quote(real)))
    wrapper.chmod(0o755)
    env = {**os.environ, "PATH": f"{wrapper.parent}{os.pathsep}{os.environ['PATH']}"}
    before, head = data_snapshot(repo), git(repo, "rev-parse", "HEAD")
    done = subprocess.run(
        samennw("close", "KVDJ-001", "--commit", "--data", str(repo)),
        capture_output=True,
        text=True,
        env=env,
    )
    lock = repo / ".git/refs/heads/main.lock"
    assert done.returncode == 4, done.stderr
    assert done.stderr == (
        f"fout: git is eerder afgebroken en heeft '{lock}' laten staan; geen proces "
        f"gebruikt het nog. Verwijder het met: rm '{lock}' — en voer de opdracht "
        "opnieuw uit. Er is niets gewijzigd.\n"
    )
    assert data_snapshot(repo) == before
    assert git(repo, "rev-parse", "HEAD") == head
    assert leftovers(repo) == []
    assert git(repo, "status", "--porcelain") == ""


def loose_objects_in_17(repo: Path, count: int) -> None:
    """``count`` new loose objects whose names start with 17: git's estimate of loose
    objects (it counts .git/objects/17) then passes gc.auto=1."""
    found, n = [], 0
    while len(found) < count:
        content = f"opvulling {n}\n".encode()
        n += 1
        header = f"blob {len(content)}\0".encode()
        if hashlib.sha1(header + content).hexdigest().startswith("17"):
            found.append(content)
    for content in found:
        git_in(repo, "hash-object", "-w", "--stdin", stdin=content.decode())


def test_git_maintenance_after_the_commit_keeps_what_only_the_index_holds(
    runner: CliRunner, repo: Path
) -> None:
    """git commit ends with 'git maintenance run --auto' (gc: repack, prune). It must
    count the objects of the real index as used: a file staged weeks ago and never
    committed exists only there (pruning from the temporary index would lose it)."""
    (repo / "nieuw.txt").write_text("weken geleden klaargezet\n")
    git(repo, "add", "nieuw.txt")
    blob = git(repo, "rev-parse", ":nieuw.txt").strip()
    loose = repo / ".git/objects" / blob[:2] / blob[2:]
    month_ago = loose.stat().st_mtime - 30 * 24 * 3600
    os.utime(loose, (month_ago, month_ago))
    loose_objects_in_17(repo, 3)
    assert not list((repo / ".git/objects/pack").glob("*.pack"))
    git(repo, "config", "gc.auto", "1")
    git(repo, "config", "gc.autoDetach", "false")  # (so the test sees it done)
    code, _, err = cli(runner, repo, "close", "KVDJ-001", "--commit")
    assert code == 0, err
    assert list((repo / ".git/objects/pack").glob("*.pack"))  # the gc ran
    assert git(repo, "cat-file", "-p", blob) == "weken geleden klaargezet\n"
    assert git(repo, "status", "--porcelain", "--", "nieuw.txt") == "A  nieuw.txt\n"
