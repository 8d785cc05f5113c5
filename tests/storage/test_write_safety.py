"""Writers under stress (issue #9): --commit after a half-staged move, concurrent writers
and git's locks, recovery after kill -9, and files the reader would refuse."""

from __future__ import annotations

import json
import os
import shlex
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import (
    ACTION,
    build_file_tree,
    git,
    make_git_repo,
    run,
    small_repo_files,
    snapshot,
)

SECOND = (
    ACTION.replace("KVDJ-001", "KVDJ-002")
    .replace("Presentatie 4 actielijnen Jonge Kind", "Flyer maken")
    .replace("werkgroep: ot-kvdj-wg1\n", "")
)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    files = small_repo_files()
    files["data/acties/open/KVDJ-002.md"] = SECOND
    return make_git_repo(build_file_tree(tmp_path / "repo", files))


def cli(runner: CliRunner, repo: Path, *args: str) -> tuple[int, str, str]:
    return run(runner, *args, "--data", str(repo))


def samennw(*args: str) -> list[str]:
    return [sys.executable, "-m", "samennw", *args]


def places_in_head(repo: Path, action_id: str) -> list[str]:
    names = git(repo, "ls-tree", "-r", "--name-only", "HEAD").splitlines()
    return [n for n in names if n.endswith(f"/{action_id}.md")]


# --- 2. --commit commits a move whole -------------------------------------------------


def test_commit_after_an_uncommitted_close_commits_the_whole_move(
    runner: CliRunner, repo: Path, tmp_path: Path
) -> None:
    assert cli(runner, repo, "close", "KVDJ-001")[0] == 0  # the move is only staged
    code, _, err = cli(runner, repo, "update", "KVDJ-001", "--tekst", "x", "--commit")
    assert code == 0, err
    assert places_in_head(repo, "KVDJ-001") == ["data/acties/afgerond/KVDJ-001.md"]
    assert git(repo, "status", "--porcelain") == ""
    clone = tmp_path / "kloon"
    subprocess.run(["git", "clone", "-q", str(repo), str(clone)], check=True)
    code, _, err = run(runner, "validate", "--data", str(clone))
    assert code == 0, err


def test_every_commit_holds_each_action_once(runner: CliRunner, repo: Path) -> None:
    steps = [
        ["close", "KVDJ-001"],
        ["heropen", "KVDJ-001", "--commit"],
        ["close", "KVDJ-002"],
        ["update", "KVDJ-002", "--tekst", "na het afronden", "--commit"],
        ["close", "KVDJ-001", "--commit"],
    ]
    errs = []
    for step in steps:
        code, _, err = cli(runner, repo, *step)
        assert code == 0, (step, err)
        errs.append(err)
    # closed and reopened before any commit: git has it like this already
    assert "niets vastgelegd" in errs[1] and "R  " not in git(repo, "status", "--porcelain")
    commits = git(repo, "rev-list", "HEAD").split()
    assert len(commits) == 3
    for sha in commits:
        names = git(repo, "ls-tree", "-r", "--name-only", sha).splitlines()
        for action_id in ("KVDJ-001", "KVDJ-002"):
            assert sum(n.endswith(f"/{action_id}.md") for n in names) == 1, (sha, names)


def test_commit_refuses_an_id_that_is_in_the_working_tree_twice(repo: Path) -> None:
    from samennw.errors import GitStateError
    from samennw.storage import gitops

    open_path = repo / "data/acties/open/KVDJ-001.md"
    closed = repo / "data/acties/afgerond/KVDJ-001.md"
    closed.parent.mkdir(parents=True)
    closed.write_text(ACTION.replace("status: open", "status: afgerond"))
    head = git(repo, "rev-parse", "HEAD")
    with pytest.raises(GitStateError, match="2 keer"):
        gitops.commit(repo, [[open_path, closed]], "Actie KVDJ-001 afgerond")
    assert git(repo, "rev-parse", "HEAD") == head


# --- 3. concurrent writers and git's locks --------------------------------------------


def test_git_state_is_checked_inside_the_write_lock(
    runner: CliRunner, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A writer waiting for another samennw must not judge git's state before its turn:
    the index.lock it sees then belongs to the samennw that holds the lock."""
    import samennw.storage.locking as locking

    waiting = threading.Event()
    main = threading.current_thread()
    real_acquire = locking._acquire

    def acquire(fd: int, mode: int, timeout: float | None, path: Path) -> None:
        if path.name == "samennw.lock" and threading.current_thread() is not main:
            waiting.set()  # the writer waits for its turn
        real_acquire(fd, mode, timeout, path)

    monkeypatch.setattr(locking, "_acquire", acquire)
    monkeypatch.setenv("SAMENNW_LOCK_TIMEOUT", "120")
    index_lock = repo / ".git/index.lock"
    result: list[tuple[int, str, str]] = []
    with locking.write_lock(repo, timeout=0):  # the other samennw, committing
        index_lock.write_text("")
        worker = threading.Thread(
            target=lambda: result.append(cli(runner, repo, "update", "KVDJ-001", "--tekst", "x"))
        )
        worker.start()
        while not waiting.wait(0.05) and worker.is_alive():
            pass
        index_lock.unlink()  # its commit is done
    worker.join()
    code, _, err = result[0]
    assert code == 0, err
    assert "tekst: x" in (repo / "data/acties/open/KVDJ-001.md").read_text()


HOLDER = """\
import os, sys
fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_EXCL)
print("vast", flush=True)
sys.stdin.readline()
os.unlink(sys.argv[1])
os.close(fd)
"""


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc (Linux)")
def test_an_index_lock_of_a_live_git_is_waited_for(repo: Path, tmp_path: Path) -> None:
    index_lock = repo / ".git/index.lock"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(index_lock)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdin is not None
    assert holder.stdout.readline().strip() == "vast"
    env = {**os.environ, "SAMENNW_LOCK_TIMEOUT": "120"}
    writer = subprocess.Popen(
        samennw("close", "KVDJ-001", "--commit", "--data", str(repo)),
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert writer.stderr is not None
    first = writer.stderr.readline()
    holder.stdin.write("\n")  # git is done
    holder.stdin.flush()
    holder.wait()
    rest = writer.stderr.read()
    assert writer.wait() == 0, first + rest
    assert "wacht tot git klaar is" in first and "index.lock" in first
    assert places_in_head(repo, "KVDJ-001") == ["data/acties/afgerond/KVDJ-001.md"]


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc (Linux)")
def test_an_index_lock_left_by_a_dead_git_is_explained_with_the_command(
    runner: CliRunner, repo: Path
) -> None:
    index_lock = repo / ".git/index.lock"
    index_lock.write_text("")
    before = snapshot(repo)
    code, _, err = cli(runner, repo, "close", "KVDJ-001", "--commit")
    assert code == 4
    assert f"rm '{index_lock}'" in " ".join(err.split())
    assert snapshot(repo) == before
    assert index_lock.exists()  # not samennw's: the user decides


def test_concurrent_writers_with_commit_never_fail(repo: Path) -> None:
    env = {**os.environ, "SAMENNW_LOCK_TIMEOUT": "300"}
    rounds = [
        [["update", action_id, "--tekst", f"ronde {i}", "--commit"] for i in range(2)]
        for action_id in ("KVDJ-001", "KVDJ-002")
    ]
    rounds.append([["add-action", "ot-kvdj", "--wat", f"Nieuw {i}", "--commit"] for i in range(2)])
    procs = []
    for commands in rounds:  # each worker runs its commands one after the other
        chain = " && ".join(shlex.join(samennw(*c, "--data", str(repo))) for c in commands)
        procs.append(subprocess.Popen(["sh", "-c", chain], stderr=subprocess.PIPE, env=env))
    results = [(p.wait(), p.communicate()[1].decode()) for p in procs]
    assert all(code == 0 for code, _ in results), results
    assert len(git(repo, "rev-list", "HEAD").split()) == 1 + 6
    assert git(repo, "status", "--porcelain") == ""
    assert run(CliRunner(), "validate", "--data", str(repo))[0] == 0


# --- 4. recovery after kill -9 --------------------------------------------------------

KILLER = """\
import os, signal, sys
from pathlib import Path

point = sys.argv[1]


def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)


import samennw.storage.gitops as gitops
import samennw.storage.changeset as writing

if point == "before-remove":  # the new file is in place, the old one not yet removed
    real_unlink = Path.unlink

    def unlink(self, *args, **kwargs):
        if self.parent.name == "open" and self.suffix == ".md":
            die()
        return real_unlink(self, *args, **kwargs)

    Path.unlink = unlink
elif point == "before-rename":  # the temp file is written, nothing in place yet
    writing.put_in_place = die
elif point == "in-commit":  # the files are in place, git is about to commit
    gitops.commit = die
elif point == "in-git":  # samennw's git killed too, holding git's index lock
    def commit(root, *args, **kwargs):
        (Path(root) / ".git" / "index.lock").write_text("")
        die()

    gitops.commit = commit

from samennw.cli.app import main

main(sys.argv[2:])
"""


def killed(tmp_path: Path, point: str, *args: str) -> None:
    script = tmp_path / "killer.py"
    script.write_text(KILLER)
    done = subprocess.run(
        [sys.executable, str(script), point, *args], capture_output=True, text=True
    )
    assert done.returncode == -signal.SIGKILL, done.stderr


def journal(repo: Path) -> Path:
    return repo / ".git/samennw-journal.json"


def test_a_killed_close_is_finished_by_the_next_query(
    runner: CliRunner, repo: Path, tmp_path: Path
) -> None:
    killed(tmp_path, "before-remove", "close", "KVDJ-001", "--data", str(repo))
    assert (repo / "data/acties/open/KVDJ-001.md").exists()  # the duplicate a crash leaves
    assert (repo / "data/acties/afgerond/KVDJ-001.md").exists()
    code, out, err = cli(runner, repo, "open-actions", "--format", "json")
    assert code == 0, err
    assert "hersteld: onderbroken 'Actie KVDJ-001 afgerond' afgemaakt" in err
    assert [a["id"] for a in json.loads(out)["acties"]] == ["KVDJ-002"]
    assert not (repo / "data/acties/open/KVDJ-001.md").exists()
    assert not journal(repo).exists()
    assert "R  data/acties/open/KVDJ-001.md -> data/acties/afgerond/KVDJ-001.md" in git(
        repo, "status", "--porcelain"
    )
    assert cli(runner, repo, "validate")[0] == 0


def test_a_killed_update_is_undone_and_its_temp_file_removed(
    runner: CliRunner, repo: Path, tmp_path: Path
) -> None:
    before = snapshot(repo)
    killed(tmp_path, "before-rename", "update", "KVDJ-001", "--tekst", "x", "--data", str(repo))
    assert list((repo / "data/acties/open").glob(".KVDJ-001.md.*.tmp"))
    code, _, err = cli(runner, repo, "validate")
    assert code == 0, err
    assert "hersteld: onderbroken 'Update bij actie KVDJ-001' teruggedraaid" in err
    assert "tijdelijk" in err
    assert snapshot(repo) == before
    assert not list((repo / "data").rglob("*.tmp"))
    assert not journal(repo).exists()


def test_a_killed_commit_is_made_by_the_next_writer(
    runner: CliRunner, repo: Path, tmp_path: Path
) -> None:
    killed(tmp_path, "in-commit", "close", "KVDJ-001", "--commit", "--data", str(repo))
    code, _, err = cli(runner, repo, "update", "KVDJ-002", "--tekst", "verder")
    assert code == 0, err
    assert "hersteld: onderbroken 'Actie KVDJ-001 afgerond' afgemaakt en vastgelegd" in err
    assert git(repo, "log", "-1", "--format=%s").strip() == "Actie KVDJ-001 afgerond"
    assert places_in_head(repo, "KVDJ-001") == ["data/acties/afgerond/KVDJ-001.md"]
    assert git(repo, "status", "--porcelain").split() == ["M", "data/acties/open/KVDJ-002.md"]


def test_a_killed_commit_that_a_hook_then_refuses_is_undone_in_the_hooks_words(
    runner: CliRunner, repo: Path, tmp_path: Path
) -> None:
    before = snapshot(repo)
    killed(tmp_path, "in-commit", "close", "KVDJ-001", "--commit", "--data", str(repo))
    hook = repo / ".git/hooks/pre-commit"
    hook.write_text("#!/bin/sh\necho 'hook: geweigerd door beleid' >&2\nexit 1\n")
    hook.chmod(0o755)
    code, _, err = cli(runner, repo, "meetings")
    assert code == 0, err
    assert err == (
        "let op: git weigerde de commit (een hook of git zelf): hook: geweigerd door beleid.\n"
        "hersteld: onderbroken 'Actie KVDJ-001 afgerond' teruggedraaid; de bestanden zijn "
        "weer zoals ervoor\n"
    )
    assert snapshot(repo) == before
    assert git(repo, "status", "--porcelain") == ""


def test_the_index_lock_of_samennws_killed_git_is_removed(
    runner: CliRunner, repo: Path, tmp_path: Path
) -> None:
    assert cli(runner, repo, "close", "KVDJ-001", "--commit")[0] == 0
    killed(tmp_path, "in-git", "heropen", "KVDJ-001", "--commit", "--data", str(repo))
    assert (repo / ".git/index.lock").exists()
    code, _, err = cli(runner, repo, "meetings")
    assert code == 0, err
    assert "index.lock' van de afgebroken samennw-opdracht verwijderd" in err
    assert "hersteld: onderbroken 'Actie KVDJ-001 heropend' afgemaakt en vastgelegd" in err
    assert not (repo / ".git/index.lock").exists()
    assert places_in_head(repo, "KVDJ-001") == ["data/acties/open/KVDJ-001.md"]
    assert git(repo, "status", "--porcelain") == ""


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc (Linux)")
def test_the_next_index_lock_of_samennws_killed_git_is_removed(
    runner: CliRunner, repo: Path
) -> None:
    """samennw and its git killed together (the process group) during a commit: the
    index lock and samennw's temporary index (next-index-samennw-<pid>…) are left; the
    next command removes them and says so."""
    hook = repo / ".git/hooks/pre-commit"
    hook.write_text("#!/bin/sh\n[ -e .git/gedood ] && exit 0\n: > .git/gedood\nkill -KILL 0\n")
    hook.chmod(0o755)
    done = subprocess.run(
        samennw("close", "KVDJ-001", "--commit", "--data", str(repo)),
        capture_output=True,
        text=True,
        start_new_session=True,  # its own process group, as the kill -9 of a terminal
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    left = list((repo / ".git").glob("next-index-*.lock"))
    assert len(left) == 1 and (repo / ".git/index.lock").exists()
    code, _, err = cli(runner, repo, "meetings")
    assert code == 0, err
    assert f"hersteld: '.git/{left[0].name}' van de afgebroken git verwijderd" in err
    assert "hersteld: onderbroken 'Actie KVDJ-001 afgerond' afgemaakt en vastgelegd" in err
    assert not list((repo / ".git").glob("next-index-*.lock"))
    assert not (repo / ".git/index.lock").exists()
    assert places_in_head(repo, "KVDJ-001") == ["data/acties/afgerond/KVDJ-001.md"]
    assert git(repo, "status", "--porcelain") == ""


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc (Linux)")
def test_a_next_index_lock_a_git_holds_is_left_alone(runner: CliRunner, repo: Path) -> None:
    """Only locks no process uses are removed: not the one of a git at work."""
    lock = repo / ".git/next-index-999999.lock"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(lock)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdin is not None
    assert holder.stdout.readline().strip() == "vast"
    try:
        journal(repo).write_text(
            json.dumps(
                {
                    "format": "samennw-journal-1",
                    "pid": 1,
                    "started_ns": 0,
                    "message": "x",
                    "commit": False,
                    "head": git(repo, "rev-parse", "HEAD").strip(),
                    "index": {},
                    "git_paths": [],
                    "files": [],
                }
            )
        )
        code, _, err = cli(runner, repo, "meetings")
        assert code == 0, err
        assert "next-index" not in err
        assert lock.exists()
    finally:
        holder.stdin.write("\n")
        holder.stdin.flush()
        holder.wait()


def test_a_writer_at_work_is_left_alone_by_its_own_hook(repo: Path) -> None:
    """The pre-commit hook runs 'samennw validate' while the writer's journal exists."""
    hook = repo / ".git/hooks/pre-commit"
    hook.write_text(f"#!/bin/sh\nexec '{sys.executable}' -m samennw validate --data '{repo}'\n")
    hook.chmod(0o755)
    done = subprocess.run(
        samennw("close", "KVDJ-001", "--commit", "--data", str(repo)),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "hersteld" not in done.stderr
    assert places_in_head(repo, "KVDJ-001") == ["data/acties/afgerond/KVDJ-001.md"]


def test_a_journal_naming_files_outside_the_data_is_set_aside(
    runner: CliRunner, repo: Path
) -> None:
    victim = repo / "README.txt"
    victim.write_text("van de gebruiker\n")
    planted = {
        "format": "samennw-journal-1",
        "pid": 1,
        "started_ns": 0,
        "message": "x",
        "commit": False,
        "head": None,
        "index": None,
        "git_paths": [],
        "files": [{"path": "README.txt", "before": None, "after": "dmFuIGRlIGdlYnJ1aWtlcgo="}],
    }
    journal(repo).write_text(json.dumps(planted))
    code, _, err = cli(runner, repo, "validate")
    assert code == 0, err
    assert "geen herstelbestand" in err
    assert victim.read_text() == "van de gebruiker\n"
    assert not journal(repo).exists()


def test_a_users_tmp_files_are_never_removed(runner: CliRunner, repo: Path) -> None:
    folder = repo / "data/acties/afgerond"
    folder.mkdir()
    mine = [folder / ".notities.tmp", folder / ".KVDJ-001.md.tmp", folder / ".x.md.12.tmp.bak"]
    for path in mine:
        path.write_text("van de gebruiker")
    assert cli(runner, repo, "close", "KVDJ-001")[0] == 0
    assert all(path.read_text() == "van de gebruiker" for path in mine)


# --- 5. never write what the reader refuses -------------------------------------------


def test_updates_never_grow_a_file_past_the_read_limit(runner: CliRunner, repo: Path) -> None:
    refused = None
    for _ in range(12):
        before = snapshot(repo)
        code, _, err = cli(runner, repo, "update", "KVDJ-001", "--tekst", "y" * 100_000)
        if code != 0:
            refused = err
            assert snapshot(repo) == before
            break
    assert refused is not None and "te groot" in refused and "niets gewijzigd" in refused
    assert (repo / "data/acties/open/KVDJ-001.md").stat().st_size <= 1_000_000
    assert cli(runner, repo, "open-actions")[0] == 0
    assert cli(runner, repo, "validate")[0] == 0
    assert cli(runner, repo, "update", "KVDJ-001", "--tekst", "kort")[0] == 0


@pytest.mark.parametrize(
    "args",
    [
        ["add-action", "ot-kvdj", "--wat", "Nieuw", "--toelichting", "a\x00b"],
        ["add-action", "ot-kvdj", "--wat", "Nieuw\udcff"],
        ["new-meeting", "ot-kvdj", "--datum", "2026-03-01", "--punt", "Punt\udcff"],
        ["update", "KVDJ-001", "--tekst", "a\udcffb"],
        ["new-meeting", "ot-kvdj", "--datum", "2026-03-01", "--punt", "p" * 1_000_001],
    ],
)
def test_writers_refuse_what_the_reader_would_refuse(
    runner: CliRunner, repo: Path, args: list[str]
) -> None:
    before = snapshot(repo)
    code, _, err = cli(runner, repo, *args)
    assert code == 1, err
    assert "niets gewijzigd" in err
    assert snapshot(repo) == before
    assert cli(runner, repo, "validate")[0] == 0


# --- 6. git's refusals, in the user's language -----------------------------------------


def hook(repo: Path, name: str, body: str, folder: str = ".git/hooks") -> None:
    path = repo / folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\n{body}")
    path.chmod(0o755)


@pytest.mark.parametrize(
    ("body", "shown"),
    [
        (
            "echo 'hook: geweigerd door beleid' >&2\nexit 1\n",
            ": hook: geweigerd door beleid. Er is niets gewijzigd.\n",
        ),
        (  # every line, trimmed; stdout too (git sends a hook's stdout to stderr)
            "echo '  KVDJ-001: wie ontbreekt  '\necho\necho 'gebruik --no-verify niet' >&2\n"
            "exit 3\n",
            ":\n  KVDJ-001: wie ontbreekt\n  gebruik --no-verify niet\nEr is niets gewijzigd.\n",
        ),
    ],
    ids=["een-regel", "regels"],
)
def test_a_hooks_refusal_is_shown_in_its_own_words(
    runner: CliRunner, repo: Path, body: str, shown: str
) -> None:
    hook(repo, "pre-commit", body)
    before, head = snapshot(repo), git(repo, "rev-parse", "HEAD")
    code, _, err = cli(runner, repo, "close", "KVDJ-001", "--commit")
    assert code == 4
    assert err == "fout: git weigerde de commit (een hook of git zelf)" + shown
    assert snapshot(repo) == before
    assert git(repo, "rev-parse", "HEAD") == head
    assert git(repo, "status", "--porcelain") == ""


@pytest.mark.parametrize(
    ("hooks", "config", "shown"),
    [
        ({".git/hooks/pre-commit": "exit 1\n"}, [], "de hook '.git/hooks/pre-commit'"),
        (
            {".git/hooks/pre-commit": "exit 0\n", ".git/hooks/commit-msg": "exit 1\n"},
            [],
            "een van de hooks '.git/hooks/pre-commit' en '.git/hooks/commit-msg'",
        ),
        (  # core.hooksPath: git runs these, not the ones in .git/hooks
            {"githooks/pre-commit": "exit 1\n", ".git/hooks/commit-msg": "exit 0\n"},
            ["core.hooksPath", "githooks"],
            "de hook 'githooks/pre-commit'",
        ),
    ],
    ids=["pre-commit", "twee-hooks", "hooksPath"],
)
def test_a_silent_refusal_names_the_hook_that_can_refuse(
    runner: CliRunner, repo: Path, hooks: dict[str, str], config: list[str], shown: str
) -> None:
    for rel, body in hooks.items():
        hook(repo, Path(rel).name, body, str(Path(rel).parent))
    if config:
        git(repo, "config", *config)
    before, head = snapshot(repo), git(repo, "rev-parse", "HEAD")
    code, _, err = cli(runner, repo, "close", "KVDJ-001", "--commit")
    assert code == 4
    assert err == (
        "fout: git weigerde de commit zonder een reden te geven (afsluitcode 1), "
        f"waarschijnlijk door {shown}. Er is niets gewijzigd.\n"
    )
    assert snapshot(repo) == before
    assert git(repo, "rev-parse", "HEAD") == head
