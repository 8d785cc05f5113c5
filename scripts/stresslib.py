"""Shared machinery of the stress harnesses (``stress_crash.py``, ``stress_concurrency.py``).

The harnesses are the oracle, so this module imports nothing from samennw: it judges the
data with its own small reader (PyYAML's ``BaseLoader``, no implicit typing), with git's
own plumbing, and with ``samennw validate`` run as a separate process. Every file it
creates lives below one temporary folder, which it removes at the end.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parents[1]
SOURCE_DATA = PROJECT / "data"
TODAY = "2026-01-15"  # SAMENNW_DATUM: after every meeting of the embedded data
ACTION_PATH = re.compile(r"^data/acties/(open|afgerond)/([A-Z][A-Z0-9]*-[0-9]{3,})\.md$")
# refusals that are correct answers when writers race on the same ids
LEGIT_REFUSALS = ("is al afgerond", "is niet afgerond")
# --commit of a record naming one git does not hold yet (exit 4, nothing changed)
UNCOMMITTED_REFERENCE = "nog niet vastgelegd"
RECOVERY_NOTE = re.compile(r"hersteld", re.IGNORECASE)

# teams of the embedded data that new-meeting accepts (a team without members fails:
# see the report of stress_crash.py) and 'wie' texts that resolve for add-action
MEETING_TEAMS = ("ot-kvdj", "ab", "programmateam", "ot-kvdj-wg1", "ot-kvdj-wg2")
ACTION_TEAMS = {
    "ot-kvdj": ("Tjalling", "Tjalling/Raymond", "Sofie en Maartje", "Alle aanwezigen"),
    "ab": ("Femke Halsema", "iedereen"),
    "programmateam": ("Samir Bashara", "iedereen"),
    "ot-eid": ("iedereen",),
    "ot-veiligheid": ("iedereen",),
}


# --- the sandbox: a temporary data repository ------------------------------------------


@dataclass
class Result:
    args: list[str]
    rc: int
    out: str
    err: str
    seconds: float

    @property
    def message(self) -> str:
        """The first line samennw writes to stderr (the commit message on success)."""
        return self.err.splitlines()[0].strip() if self.err.strip() else ""

    @property
    def touched(self) -> list[str]:
        return [line.strip() for line in self.err.splitlines() if line.startswith("  data/")]

    @property
    def commit(self) -> str | None:
        m = re.search(r"vastgelegd in git: ([0-9a-f]{7,40})", self.err)
        return m.group(1) if m else None

    @property
    def error(self) -> str:
        """samennw's error message ('fout: …' and what follows it), without the notes
        of a repair that came first."""
        lines = self.err.splitlines()
        start = next((i for i, line in enumerate(lines) if line.startswith("fout")), None)
        return "\n".join(lines[start:]).strip() if start is not None else ""

    @property
    def recovered(self) -> bool:
        return bool(RECOVERY_NOTE.search(self.err))


def _git_env(tmp: Path, lock_timeout: float) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SAMENNW_", "GIT_"))}
    gitconfig = tmp / "gitconfig"
    gitconfig.write_text(
        "[user]\n\tname = samennw stress\n\temail = stress@example.invalid\n"
        "[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n"
        "[gc]\n\tauto = 0\n",
        encoding="utf-8",
    )
    (tmp / "xdg-cache").mkdir()
    env.update(
        GIT_CONFIG_GLOBAL=str(gitconfig),
        GIT_CONFIG_NOSYSTEM="1",
        XDG_CACHE_HOME=str(tmp / "xdg-cache"),  # samennw's cache key stays in the sandbox
        SAMENNW_DATUM=TODAY,
        SAMENNW_LOCK_TIMEOUT=str(lock_timeout),
        NO_COLOR="1",
        COLUMNS="100",
        PYTHONDONTWRITEBYTECODE="1",
        LC_ALL="C.UTF-8",
    )
    return env


class Sandbox:
    """A fresh git repository holding a copy of the embedded data, in its own temp dir.

    ``code``: a git revision of this project whose ``src/`` and ``templates/`` are
    exported into the sandbox and put first on PYTHONPATH, so a run measures one commit
    and not whatever is half-edited in the working tree. None: the installed samennw.
    """

    def __init__(
        self,
        prefix: str,
        *,
        source: Path = SOURCE_DATA,
        lock_timeout: float = 60.0,
        keep: bool = False,
        code: str | None = None,
    ) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix=prefix))
        self.keep = keep
        try:
            self.env = _git_env(self.tmp, lock_timeout)
            self.code = None
            if code is not None:
                self.code = _export_code(code, self.tmp / "code")
                self.env["PYTHONPATH"] = str(self.tmp / "code" / "src")
            self.repo = self.tmp / "repo"
            self.repo.mkdir()
            shutil.copytree(source, self.repo / "data")
            self.git("init", "-q", "-b", "main")
            self.git("config", "user.name", "samennw stress")
            self.git("config", "user.email", "stress@example.invalid")
            self.git("add", "-A")
            self.git("commit", "-q", "-m", "Gegevens")
            self.base = self.git("rev-parse", "HEAD").strip()
            self.branch_ref = self.repo / ".git" / "refs" / "heads" / "main"
            self._scratch = 0
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if not self.keep:
            shutil.rmtree(self.tmp, ignore_errors=True)

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def scratch(self, name: str) -> Path:
        """A new empty folder in the sandbox."""
        self._scratch += 1
        path = self.tmp / f"{name}-{self._scratch}"
        path.mkdir()
        return path

    def git(self, *args: str, cwd: Path | None = None, check: bool = True) -> str:
        proc = subprocess.run(
            ["git", *args],
            cwd=cwd or self.repo,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        if check and proc.returncode != 0:
            raise RuntimeError(f"git {' '.join(args)}: {proc.stderr.strip()}")
        return proc.stdout

    def git_bytes(self, *args: str, stdin: bytes | None = None) -> bytes:
        proc = subprocess.run(
            ["git", *args],
            cwd=self.repo,
            env=self.env,
            input=stdin,
            capture_output=True,
            check=True,
        )
        return proc.stdout

    def command(self, args: Sequence[str]) -> list[str]:
        return [sys.executable, "-m", "samennw", *args]

    def run(self, args: Sequence[str], *, cwd: Path | None = None, timeout: float = 300) -> Result:
        """Run samennw to completion in the repository (or ``cwd``)."""
        start = time.monotonic()
        proc = subprocess.run(
            self.command(args),
            cwd=cwd or self.repo,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        seconds = time.monotonic() - start
        return Result(list(args), proc.returncode, proc.stdout, proc.stderr, seconds)

    def head(self) -> str:
        return self.git("rev-parse", "HEAD").strip()


def _export_code(rev: str, dest: Path) -> str:
    """Export src/ and templates/ of ``rev`` (a commit of this project) into ``dest``."""
    sha = subprocess.run(
        ["git", "rev-parse", "--verify", f"{rev}^{{commit}}"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    tar = subprocess.run(
        ["git", "archive", "--format=tar", sha, "src", "templates"],
        cwd=PROJECT,
        capture_output=True,
        check=True,
    ).stdout
    dest.mkdir()
    with tarfile.open(fileobj=io.BytesIO(tar)) as archive:
        archive.extractall(dest, filter="data")
    # bytecode once, here: every samennw process would compile the sources again
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(dest / "src")], check=True)
    return sha


# --- reading the data without samennw ---------------------------------------------------


def is_data_file(rel: str) -> bool:
    """A file samennw reads: data/*.yaml and data/<folder>/**/*.md (not data/README.md)."""
    parts = rel.split("/")
    if parts[0] != "data" or parts[-1].startswith("."):
        return False
    if len(parts) == 2:
        return rel.endswith(".yaml")
    return parts[1] in ("meetings", "actielijnen", "acties") and rel.endswith(".md")


def torn_reason(rel: str, data: bytes) -> str | None:
    """Why ``data`` is not a whole data file (None: it is whole).

    Front matter must be complete and parse as a YAML mapping whose id is the file name;
    a YAML file must parse. A torn write (cut short, empty, half old/half new) fails this.
    """
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return "not UTF-8"
    if not text.strip():
        return "empty"
    if not text.endswith("\n"):
        return "no newline at the end (cut short?)"
    try:
        if rel.endswith(".yaml"):
            yaml.load(text, Loader=yaml.BaseLoader)
            return None
        lines = text.split("\n")
        if lines[0].rstrip() != "---":
            return "no front matter"
        end = next((i for i in range(1, len(lines)) if lines[i].rstrip() == "---"), None)
        if end is None:
            return "front matter not closed"
        doc = yaml.load("\n".join(lines[1:end]), Loader=yaml.BaseLoader)
    except yaml.YAMLError as exc:
        return f"YAML: {str(exc).splitlines()[0]}"
    if not isinstance(doc, dict):
        return "front matter is not a mapping"
    if doc.get("id") != Path(rel).stem:
        return f"id {doc.get('id')!r} is not the file name"
    return None


@dataclass
class TreeState:
    """The action ids and meetings of a working tree or a commit."""

    where: dict[str, list[str]] = field(default_factory=dict)  # id -> its folders
    meetings: set[str] = field(default_factory=set)

    @property
    def ids(self) -> set[str]:
        return set(self.where)

    @property
    def duplicates(self) -> dict[str, list[str]]:
        return {i: f for i, f in self.where.items() if len(f) > 1}

    @property
    def open(self) -> list[str]:
        return sorted(i for i, f in self.where.items() if f == ["open"])

    @property
    def closed(self) -> list[str]:
        return sorted(i for i, f in self.where.items() if f == ["afgerond"])

    @classmethod
    def from_paths(cls, paths: Iterable[str]) -> TreeState:
        state = cls()
        for rel in paths:
            m = ACTION_PATH.match(rel)
            if m:
                state.where.setdefault(m.group(2), []).append(m.group(1))
            elif rel.startswith("data/meetings/") and rel.endswith(".md"):
                state.meetings.add(Path(rel).stem)
        for folders in state.where.values():
            folders.sort(key=("open", "afgerond").index)
        return state


def worktree_files(repo: Path) -> list[str]:
    """Every file below data/, relative to the repository, as git spells paths."""
    data = repo / "data"
    return sorted(p.relative_to(repo).as_posix() for p in data.rglob("*") if p.is_file())


def worktree_state(repo: Path) -> TreeState:
    return TreeState.from_paths(worktree_files(repo))


def stamps(repo: Path) -> dict[str, tuple[int, int, int]]:
    """(inode, size, mtime) of every file below data/: what changed, without reading it."""
    result = {}
    for rel in worktree_files(repo):
        with contextlib.suppress(FileNotFoundError):
            st = (repo / rel).stat()
            result[rel] = (st.st_ino, st.st_size, st.st_mtime_ns)
    return result


def temp_files(folder: Path) -> list[str]:
    """Leftover temporary files (``*.tmp``, samennw's are ``.<name>.<pid>.tmp``) below
    ``folder``."""
    if not folder.is_dir():
        return []
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.tmp"))


def torn_worktree(repo: Path) -> dict[str, str]:
    torn = {}
    for rel in worktree_files(repo):
        if is_data_file(rel):
            with contextlib.suppress(FileNotFoundError):
                reason = torn_reason(rel, (repo / rel).read_bytes())
                if reason:
                    torn[rel] = reason
    return torn


def tree_state(box: Sandbox, rev: str) -> TreeState:
    out = box.git("ls-tree", "-r", "--name-only", rev, "--", "data")
    return TreeState.from_paths(out.splitlines())


def blobs(box: Sandbox, rev: str, paths: Sequence[str]) -> dict[str, bytes | None]:
    """The contents of ``paths`` at ``rev`` (None: not in that tree), in one git call."""
    if not paths:
        return {}
    stdin = "".join(f"{rev}:{p}\n" for p in paths).encode()
    out = box.git_bytes("cat-file", "--batch", stdin=stdin)
    result: dict[str, bytes | None] = {}
    pos = 0
    for path in paths:
        end = out.index(b"\n", pos)
        header = out[pos:end].decode()
        pos = end + 1
        if header.endswith(" missing"):
            result[path] = None
            continue
        size = int(header.split()[2])
        result[path] = out[pos : pos + size]
        pos += size + 1
    return result


# --- history ----------------------------------------------------------------------------


@dataclass
class HistoryCheck:
    """Each commit checked once: ids exactly once, none lost against the parent, every
    data file the commit added or changed whole. A duplicate is reported in the commit
    that brought it in; later commits that still hold it are only counted."""

    commits: int = 0
    duplicates: list[str] = field(default_factory=list)  # "sha: ID in open+afgerond"
    lost: list[str] = field(default_factory=list)
    torn: list[str] = field(default_factory=list)
    rewritten: list[str] = field(default_factory=list)
    checked_upto: str = ""
    shas: list[str] = field(default_factory=list)
    commits_with_duplicates: int = 0
    _ids: dict[str, set[str]] = field(default_factory=dict, repr=False)
    _dups: dict[str, set[str]] = field(default_factory=dict, repr=False)

    def check_new(self, box: Sandbox) -> list[str]:
        """Check the commits made since the last call; their problems, as text."""
        head = box.head()
        start = self.checked_upto or box.base
        if not self._ids:
            self._ids[box.base] = tree_state(box, box.base).ids
        problems: list[str] = []
        ancestor = subprocess.run(
            ["git", "merge-base", "--is-ancestor", start, head],
            cwd=box.repo,
            env=box.env,
            check=False,
        )
        if ancestor.returncode != 0:
            problems.append(f"history rewritten: {start[:10]} is no longer in HEAD's history")
            self.rewritten.append(problems[-1])
            start = box.base
        revs = box.git("rev-list", "--reverse", "--parents", f"{start}..{head}").split("\n")
        for line in filter(None, revs):
            sha, *parents = line.split()
            if sha in self.shas:
                continue
            self.commits += 1
            self.shas.append(sha)
            state = tree_state(box, sha)
            self._ids[sha] = state.ids
            short = sha[:10]
            subject = box.git("log", "-1", "--format=%s", sha).strip()
            dups = set(state.duplicates)
            self._dups[sha] = dups
            if dups:
                self.commits_with_duplicates += 1
            inherited = self._dups.get(parents[0], set()) if parents else set()
            for action_id in sorted(dups - inherited):  # reported where it came in
                folders = "+".join(state.duplicates[action_id])
                problems.append(f"commit {short} ({subject}): {action_id} in {folders}")
                self.duplicates.append(problems[-1])
            if parents:
                before = self._ids.get(parents[0])
                if before is None:
                    before = self._ids[parents[0]] = tree_state(box, parents[0]).ids
                for action_id in sorted(before - state.ids):
                    problems.append(f"commit {short} ({subject}): {action_id} lost")
                    self.lost.append(problems[-1])
            changed = box.git(
                "diff-tree",
                "-r",
                "--root",
                "--no-commit-id",
                "--name-only",
                "--diff-filter=ACMRT",
                sha,
            ).split()
            changed = [p for p in changed if is_data_file(p)]
            for path, data in blobs(box, sha, changed).items():
                reason = torn_reason(path, data or b"")
                if reason:
                    problems.append(f"commit {short} ({subject}): {path} torn ({reason})")
                    self.torn.append(problems[-1])
        self.checked_upto = head
        return problems


def validate_at(box: Sandbox, rev: str) -> Result:
    """``samennw validate`` on the tree of ``rev`` (exported with git archive)."""
    dest = box.scratch("archive")
    tar = box.git_bytes("archive", "--format=tar", rev, "data")
    with tarfile.open(fileobj=io.BytesIO(tar)) as archive:
        archive.extractall(dest, filter="data")
    try:
        return box.run(["validate"], cwd=dest)
    finally:
        shutil.rmtree(dest, ignore_errors=True)


_UNKNOWN_REF = re.compile(r"fout: onbekende [a-z ,]+ '([^']+)'")


def dangling_only(box: Sandbox, rev: str, result: Result) -> bool:
    """Whether every error of a failed validate of ``rev`` is a reference to a file that
    exists in the working tree but not in that commit (e.g. a meeting made without
    --commit, named as 'vorige' by a meeting made with --commit)."""
    errors = [line for line in (result.out + result.err).splitlines() if ": fout: " in line]
    if not errors:
        return False
    in_tree = {Path(p).stem for p in worktree_files(box.repo)}
    in_rev = {Path(p).stem for p in box.git("ls-tree", "-r", "--name-only", rev).split()}
    for line in errors:
        m = _UNKNOWN_REF.search(line)
        if not m or m.group(1) not in in_tree or m.group(1) in in_rev:
            return False
    return True


def dangling_names(result: Result) -> list[str]:
    return _UNKNOWN_REF.findall(result.out + result.err)


def journals(repo: Path) -> list[str]:
    """Journals of samennw's writers (they exist only while a writer runs, or was killed)."""
    found = [*(repo / ".git").glob("samennw-journal*"), *(repo / "data").glob(".samennw-journal*")]
    return sorted(p.relative_to(repo).as_posix() for p in found)


def error_lines(result: Result, n: int = 2) -> str:
    """validate's first ``n`` errors, or a command's error message, on one line."""
    lines = [line for line in (result.out + result.err).splitlines() if ": fout: " in line]
    text = " | ".join(lines[:n]) or result.error or (result.err or result.out).strip()
    return " | ".join(text.splitlines())[:400]


@dataclass
class CloneCheck:
    validate: Result
    duplicates: dict[str, list[str]]
    torn: dict[str, str]
    ids: set[str]

    @property
    def ok(self) -> bool:
        return self.validate.rc == 0 and not self.duplicates and not self.torn


def fresh_clone_check(box: Sandbox) -> CloneCheck:
    """Clone the repository afresh and check HEAD there: validate, ids once, no torn file."""
    dest = box.scratch("clone")
    box.git("clone", "-q", "--no-hardlinks", str(box.repo), str(dest / "repo"), cwd=dest)
    clone = dest / "repo"
    try:
        state = worktree_state(clone)
        return CloneCheck(
            box.run(["validate"], cwd=clone), state.duplicates, torn_worktree(clone), state.ids
        )
    finally:
        shutil.rmtree(dest, ignore_errors=True)


def sample(items: Sequence[str], n: int) -> list[str]:
    """``n`` items spread evenly (the last always among them); all when n < 0."""
    if n < 0 or n >= len(items):
        return list(items)
    if n == 0:
        return []
    step = len(items) / n
    picked = {items[min(len(items) - 1, round((k + 1) * step) - 1)] for k in range(n)}
    return [i for i in items if i in picked]


# --- processes --------------------------------------------------------------------------


def exit_on_sigterm() -> None:
    """SIGTERM (kill PID, a CI timeout) ends the run like Ctrl-C: the sandbox is removed."""

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)


def group_alive(pgid: int) -> bool:
    """Whether any process of group ``pgid`` is still running (zombies do not count)."""
    proc = Path("/proc")
    if not proc.is_dir():
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return False
        return True
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[2]) == pgid and fields[0] not in ("Z", "X"):
            return True
    return False


def wait_group(pgid: int, timeout: float = 30.0) -> bool:
    """Wait for orphaned children (git) of a killed process; False on timeout."""
    deadline = time.monotonic() + timeout
    while group_alive(pgid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def kill_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


# --- reporting --------------------------------------------------------------------------


def acceptable(outcome: str) -> bool:
    """Success, or a refusal that is the right answer (nothing changed)."""
    return outcome == "ok" or outcome.startswith("refused (legit)")


def classify_failure(result: Result) -> str:
    """A short name for how a samennw command ended."""
    rc = result.rc
    text = result.error or result.err
    if rc == 0:
        return "ok"
    if rc == 1 and any(r in text for r in LEGIT_REFUSALS):
        return "refused (legit)"
    if rc == 4 and UNCOMMITTED_REFERENCE in text:
        return "refused (legit): uncommitted reference"
    if rc == 1:
        for needle, name in (
            ("dubbele code", "exit 1: duplicate id"),
            ("intussen", "exit 1: conflict"),
            ("bestaat al", "exit 1: already exists"),
            ("index.lock", "exit 1: index.lock"),
        ):
            if needle in text:
                return name
        return "exit 1: other"
    if rc == 3:
        return "exit 3: lock"
    if rc == 4:
        return "exit 4: index.lock" if "index.lock" in text else "exit 4: git"
    if rc == 70:
        return "exit 70: internal error"
    if rc < 0:
        return f"signal {-rc}"
    return f"exit {rc}"


def table(rows: Sequence[tuple[str, object]], title: str) -> str:
    width = max((len(k) for k, _ in rows), default=0)
    lines = [title, "-" * len(title)]
    lines += [f"{k.ljust(width)}  {v}" for k, v in rows]
    return "\n".join(lines)


def counter_text(counter: Counter[str]) -> str:
    return ", ".join(f"{k}: {v}" for k, v in counter.most_common()) or "-"


@contextlib.contextmanager
def stopwatch() -> Iterator[list[float]]:
    box = [0.0]
    start = time.monotonic()
    try:
        yield box
    finally:
        box[0] = time.monotonic() - start
