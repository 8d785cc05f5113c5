#!/usr/bin/env python3
"""Crash harness: SIGKILL samennw's writing commands and check that nothing tears or is lost.

    python scripts/stress_crash.py [--kills 200] [--seed 1] [--code REV] [--keep]

In a temporary git repository holding a copy of the embedded data, two scripted
sequences run first (see SCENARIOS), then each round runs a random writing command
(close/afronden, heropen, update, add-action/nieuwe-actie, new-meeting/nieuwe-vergadering,
render -o), with or without --commit, and SIGKILLs it (the process alone, or its whole
process group with the git children) at a random moment: a random time within the
command's measured runtime, or just after it starts writing files, touches the git
index, or moves the branch. Then the next writing command runs normally (the tool must
repair what the kill left, without help), and the harness checks:

- every action id exactly once in the working tree and in every commit made; no action
  lost (samennw never deletes one); no torn data file (in the tree or in any commit);
- no ``*.tmp`` in data/, no git lock (index.lock, HEAD.lock, the branch's), no samennw
  journal; ``samennw validate`` exits 0, also on each commit that adds a meeting;
- the next command did what it said (its change is on disk, and in HEAD with --commit),
  or refused with one of the refusals that are right answers;
- at the end: ``validate`` on a fresh clone, and on a sample of the commits.

A round in which any of these fails counts as a hand repair: the harness repairs (and
says what), so the run can go on. Now and then a round starts with a commit by hand of
everything samennw left uncommitted, as people do. Exit status 1 on any violation.
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import stresslib as sl

TRIGGERS = ("time", "files", "git", "ref")
# share of rounds that start with the secretary committing everything by hand (git add -A
# data; git commit), as people do; otherwise, once every team has a meeting made without
# --commit, every new-meeting --commit is refused before it writes anything
MANUAL_COMMIT = 0.08
# scripted sequences, no kill, run before the random rounds (deterministic, so a short
# run fails for certain while these are broken)
SCENARIOS = {
    "half-move-commit": "close X without --commit, then update X --commit: "
    "the commit must not hold X in open/ and afgerond/",
    "uncommitted-meeting": "new-meeting without --commit, then the team's next meeting "
    "with --commit, which names the first as 'vorige': it must make a commit that "
    "validates on its own, or refuse and change nothing",
}
# after the trigger fires, kill within this many seconds
TRIGGER_JITTER = {"files": 0.012, "git": 0.030, "ref": 0.004}


@dataclass
class Op:
    kind: str  # close, heropen, update, add-action, new-meeting, render
    args: list[str]
    commit: bool = False
    action_id: str | None = None
    token: str | None = None
    meeting: str | None = None
    out: Path | None = None

    @property
    def label(self) -> str:
        return f"{self.kind}{' --commit' if self.commit else ''}"

    @property
    def command_name(self) -> str:
        return self.args[0]

    def watch_dirs(self, repo: Path) -> list[Path]:
        data = repo / "data"
        if self.kind in ("close", "heropen", "add-action"):
            return [data / "acties" / "open", data / "acties" / "afgerond"]
        if self.kind == "update":
            return [data / "acties" / "open", data / "acties" / "afgerond"]
        if self.kind == "new-meeting":
            assert self.meeting is not None
            return [data / "meetings", data / "meetings" / self.meeting[-10:-6]]
        assert self.out is not None
        return [self.out.parent]

    def triggers(self) -> tuple[str, ...]:
        if self.kind == "render":
            return ("time", "files")
        if self.commit:
            return TRIGGERS
        if self.kind in ("close", "heropen"):  # the move is staged in the index
            return ("time", "files", "git")
        return ("time", "files")


class OpMaker:
    """Random writing commands that make sense for the current state."""

    def __init__(self, rng: random.Random, outdir: Path, commit_ratio: float = 0.5) -> None:
        self.rng = rng
        self.outdir = outdir
        self.commit_ratio = commit_ratio
        self.counter = 0
        self.meeting_day = date(2026, 2, 1)

    def token(self) -> str:
        self.counter += 1
        return f"stress-{self.counter:05d}-{self.rng.randrange(16**6):06x}"

    def make(
        self,
        state: sl.TreeState,
        *,
        kind: str | None = None,
        commit: bool | None = None,
        prefer: str | None = None,
        render: bool = True,
    ) -> Op:
        rng = self.rng
        if kind is None:
            kinds = ["close", "heropen", "update", "add-action", "new-meeting"]
            weights = [26, 22, 24, 14, 8]
            if render:
                kinds.append("render")
                weights.append(6)
            kind = rng.choices(kinds, weights)[0]
        if kind == "close" and not state.open:
            kind = "heropen"
        if kind == "heropen" and not state.closed:
            kind = "close"
        if commit is None:
            commit = rng.random() < self.commit_ratio
        token = self.token()

        def pick(candidates: Sequence[str]) -> str:
            if prefer in candidates and rng.random() < 0.6:
                return prefer  # type: ignore[return-value]
            return rng.choice(list(candidates))

        op: Op
        if kind == "close":
            action_id = pick(state.open)
            args = ["afronden" if rng.random() < 0.2 else "close", action_id]
            if rng.random() < 0.4:
                args += ["--toelichting", f"Afgerond in de stresstest ({token})"]
            op = Op(kind, args, commit, action_id=action_id, token=token)
        elif kind == "heropen":
            action_id = pick(state.closed)
            args = ["heropen", action_id]
            if rng.random() < 0.2:
                args += ["--toelichting", f"Heropend in de stresstest ({token})"]
            op = Op(kind, args, commit, action_id=action_id, token=token)
        elif kind == "update":
            action_id = pick(sorted(state.ids))
            op = Op(
                kind,
                ["update", action_id, "--tekst", f"Stand van zaken {token}"],
                commit,
                action_id=action_id,
                token=token,
            )
        elif kind == "add-action":
            team = rng.choice(sorted(sl.ACTION_TEAMS))
            name = "nieuwe-actie" if rng.random() < 0.2 else "add-action"
            wie = rng.choice(sl.ACTION_TEAMS[team])
            args = [name, team, "--wat", f"Stresstest {token}", "--wie", wie]
            if rng.random() < 0.3:
                args += ["--wanneer", "Maart 2026"]
            op = Op(kind, args, commit, token=token)
        elif kind == "new-meeting":
            team = rng.choice(sl.MEETING_TEAMS)
            self.meeting_day += timedelta(days=1)
            day = self.meeting_day.isoformat()
            args = ["nieuwe-vergadering" if rng.random() < 0.2 else "new-meeting", team]
            if rng.random() < 0.5:
                args += ["--tijd", "16:30-18:00"]
            if rng.random() < 0.3:
                args += ["--punt", f"Stresstest {token}"]
            args += ["--datum", day]
            op = Op(kind, args, commit, meeting=f"{team}-{day}", token=token)
        else:
            fmt = rng.choice(["md", "html"])
            out = self.outdir / f"actielijst.{fmt}"
            op = Op("render", ["render", "actielijst", "ot-kvdj", "-o", str(out)], out=out)
        if op.commit:
            op.args.append("--commit")
        return op


# --- killing ----------------------------------------------------------------------------


class Watcher:
    """Notices, by polling stat(), when a command starts writing files or touches git."""

    def __init__(self, box: sl.Sandbox, dirs: list[Path]) -> None:
        git = box.repo / ".git"
        self.dirs = dirs
        self.index, self.lock, self.ref = git / "index", git / "index.lock", box.branch_ref
        self.base = self._snap()
        self.seen: dict[str, float] = {}

    @staticmethod
    def _stat(path: Path) -> tuple[int, int, int] | None:
        try:
            st = path.stat()
        except (FileNotFoundError, NotADirectoryError):
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def _snap(self) -> tuple[list[tuple[int, int, int] | None], object, object]:
        return ([self._stat(d) for d in self.dirs], self._stat(self.index), self._stat(self.ref))

    def poll(self, now: float) -> dict[str, float]:
        dirs, index, ref = self._snap()
        if "files" not in self.seen and dirs != self.base[0]:
            self.seen["files"] = now
        if "git" not in self.seen and (index != self.base[1] or self.lock.exists()):
            self.seen["git"] = now
        if "ref" not in self.seen and ref != self.base[2]:
            self.seen["ref"] = now
        return self.seen


@dataclass
class Kill:
    trigger: str
    mode: str  # "process" (samennw alone; git children run on) or "group"
    landed: bool = False
    at: float = 0.0  # seconds after start
    rc: int | None = None
    drained: bool = True


def run_and_kill(box: sl.Sandbox, op: Op, trigger: str, delay: float, mode: str) -> Kill:
    """Start ``op`` and SIGKILL it ``delay`` seconds after ``trigger`` fired."""
    watcher = Watcher(box, op.watch_dirs(box.repo))
    kill = Kill(trigger, mode)
    start = time.monotonic()
    proc = subprocess.Popen(
        box.command(op.args),
        cwd=box.repo,
        env=box.env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the git children can go with it
    )
    fire_at = delay if trigger == "time" else None
    while proc.poll() is None:
        now = time.monotonic() - start
        if fire_at is None and trigger in watcher.poll(now):
            fire_at = watcher.seen[trigger] + delay
        if (fire_at is not None and now >= fire_at) or now > 120:
            if mode == "group":
                sl.kill_group(proc.pid)
            else:
                proc.send_signal(signal.SIGKILL)
            kill.at = now
            break
        time.sleep(0.0002)
    kill.rc = proc.wait()
    kill.landed = kill.rc == -signal.SIGKILL
    kill.drained = sl.wait_group(proc.pid)  # git children of a lone kill finish first
    return kill


KINDS = ("close", "heropen", "update", "add-action", "new-meeting", "render")


def calibrate(
    box: sl.Sandbox, maker: OpMaker, kinds: tuple[str, ...] = KINDS
) -> dict[str, dict[str, float]]:
    """Run each kind of command once, unkilled, noting when it writes, stages, commits."""
    timings: dict[str, dict[str, float]] = {}
    for kind in kinds:
        for commit in (True, False) if kind != "render" else (False,):
            op = maker.make(sl.worktree_state(box.repo), kind=kind, commit=commit)
            watcher = Watcher(box, op.watch_dirs(box.repo))
            start = time.monotonic()
            proc = subprocess.Popen(
                box.command(op.args),
                cwd=box.repo,
                env=box.env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            while proc.poll() is None:
                watcher.poll(time.monotonic() - start)
                time.sleep(0.0005)
            seen = {**watcher.seen, "end": time.monotonic() - start}
            err = proc.stderr.read().decode() if proc.stderr else ""
            if proc.returncode != 0:
                raise SystemExit(f"calibration: samennw {' '.join(op.args)} failed: {err}")
            timings[op.label] = seen
    return timings


# --- checks -----------------------------------------------------------------------------


@dataclass
class Figures:
    attempts: int = 0
    landed: int = 0
    landed_by: Counter[str] = field(default_factory=Counter)
    trigger: Counter[str] = field(default_factory=Counter)
    mode: Counter[str] = field(default_factory=Counter)
    effect: Counter[str] = field(default_factory=Counter)  # what the kill left behind
    after_kill: Counter[str] = field(default_factory=Counter)  # before the next command
    next_cmd: Counter[str] = field(default_factory=Counter)
    recovery_notes: int = 0
    commits: int = 0
    commits_with_duplicates: int = 0
    violations: Counter[str] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)
    hand_repairs: int = 0
    repairs: Counter[str] = field(default_factory=Counter)
    render_temp_left: int = 0
    manual_commits: int = 0
    sampled_commits: int = 0
    sampled_failed: int = 0
    clone_validate: str = ""
    seconds: float = 0.0
    calibration: dict[str, dict[str, float]] = field(default_factory=dict)
    scenarios: dict[str, str] = field(default_factory=dict)
    scenario_steps: Counter[str] = field(default_factory=Counter)

    def violate(self, kind: str, detail: str) -> None:
        self.violations[kind] += 1
        if len(self.examples) < 40:
            self.examples.append(f"{kind}: {detail}")

    @property
    def ok(self) -> bool:
        return not self.violations and self.landed > 0


def check_effect(box: sl.Sandbox, op: Op, res: sl.Result) -> list[str]:
    """What a command that exited 0 said it did, and did not do (lost writes)."""
    state = sl.worktree_state(box.repo)
    problems = []
    if op.kind in ("close", "heropen"):
        want = "afgerond" if op.kind == "close" else "open"
        if state.where.get(op.action_id or "") != [want]:
            problems.append(f"{op.action_id} not (only) in {want}/ after '{res.message}'")
    elif op.kind == "update":
        folders = state.where.get(op.action_id or "", [])
        texts = [
            (box.repo / f"data/acties/{f}/{op.action_id}.md").read_text("utf-8") for f in folders
        ]
        if not any(op.token and op.token in t for t in texts):
            problems.append(f"update {op.token} of {op.action_id} missing after '{res.message}'")
    elif op.kind == "add-action":
        new_id = res.message.split()[1] if res.message.startswith("Actie ") else ""
        if state.where.get(new_id) != ["open"]:
            problems.append(f"new action {new_id or '?'} not in open/ ('{res.message}')")
    elif op.kind == "new-meeting" and op.meeting not in state.meetings:
        problems.append(f"meeting {op.meeting} missing after '{res.message}'")
    if op.commit and res.commit is None and "niets vastgelegd" in res.err:
        for path, blob in sl.blobs(box, "HEAD", res.touched).items():  # git has it all
            disk = box.repo / path
            if blob != (disk.read_bytes() if disk.exists() else None):
                problems.append(f"'{res.message}': nothing committed, but {path} differs")
    elif op.commit:
        head = box.head()
        subject = box.git("log", "-1", "--format=%s").strip()
        if not res.commit or not head.startswith(res.commit) or subject != res.message:
            problems.append(f"'{res.message}': HEAD is {head[:10]} '{subject}', not its commit")
        else:
            touched = res.touched
            for path, blob in sl.blobs(box, "HEAD", touched).items():
                disk = box.repo / path
                now = disk.read_bytes() if disk.exists() else None
                if blob != now:
                    problems.append(f"'{res.message}': {path} in HEAD differs from the tree")
    return problems


def post_checks(
    box: sl.Sandbox, figures: Figures, history: sl.HistoryCheck, expected: set[str]
) -> list[tuple[str, str]]:
    """The invariants after the next command: (kind, detail) per violation."""
    found: list[tuple[str, str]] = []
    state = sl.worktree_state(box.repo)
    for action_id, folders in state.duplicates.items():
        found.append(("duplicate in tree", f"{action_id} in {'+'.join(folders)}"))
    for action_id in sorted(expected - state.ids):
        found.append(("lost action", action_id))
    for rel, reason in sl.torn_worktree(box.repo).items():
        found.append(("torn file", f"{rel}: {reason}"))
    for rel in sl.temp_files(box.repo / "data"):
        found.append(("temp file left", rel))
    for lock in ("index.lock", "HEAD.lock", "refs/heads/main.lock"):
        if (box.repo / ".git" / lock).exists():
            found.append(("git lock left", f".git/{lock}"))
    for journal in sl.journals(box.repo):
        found.append(("journal left", journal))
    new_shas = len(history.shas)
    for problem in history.check_new(box):
        kind = (
            "duplicate in commit"
            if " in open+afgerond" in problem
            else "lost in commit"
            if problem.endswith(" lost")
            else "torn in commit"
            if " torn (" in problem
            else "history rewritten"
        )
        found.append((kind, problem))
    for sha in history.shas[new_shas:]:  # a new meeting names the previous one: is it there?
        added = box.git(
            "diff-tree",
            "-r",
            "--root",
            "--no-commit-id",
            "--name-only",
            "--diff-filter=A",
            sha,
            "--",
            "data/meetings",
        )
        if added.strip():
            result = sl.validate_at(box, sha)
            if result.rc != 0:
                kind = "validate failed on a commit"
                if sl.dangling_only(box, sha, result):
                    kind += " (refers to an uncommitted file)"
                found.append((kind, f"{sha[:10]}: {sl.error_lines(result)}"))
    head_ids = sl.tree_state(box, "HEAD").ids
    for action_id in sorted(head_ids - state.ids):
        found.append(("lost action", f"{action_id} in HEAD, not in the tree"))
    result = box.run(["validate"])
    if result.rc != 0:
        found.append(("validate failed", f"exit {result.rc}: {sl.error_lines(result)}"))
    figures.commits = history.commits
    figures.commits_with_duplicates = history.commits_with_duplicates
    return found


def hand_repair(box: sl.Sandbox) -> list[str]:
    """What a person would do so the next command can work; returns what was done."""
    done = []
    repo = box.repo
    for name in ("index.lock", "HEAD.lock", "refs/heads/main.lock"):
        lock = repo / ".git" / name
        if lock.exists():
            lock.unlink()
            done.append(f"removed .git/{name}")
    for rel in sl.temp_files(repo / "data"):
        (repo / "data" / rel).unlink(missing_ok=True)
        done.append("removed temp file")
    for rel in sl.journals(repo):
        (repo / rel).unlink(missing_ok=True)
        done.append("removed samennw journal")
    for rel in sl.torn_worktree(repo):
        blob = sl.blobs(box, "HEAD", [rel])[rel]
        if blob is None:
            (repo / rel).unlink()
        else:
            (repo / rel).write_bytes(blob)
        done.append("restored torn file")
    for action_id, _ in sl.worktree_state(repo).duplicates.items():
        paths = [repo / f"data/acties/{f}/{action_id}.md" for f in ("open", "afgerond")]

        def right(path: Path) -> tuple[bool, int]:
            text = path.read_text("utf-8")
            status = "afgerond" if "\nstatus: afgerond" in text else "open"
            return (path.parent.name == status, path.stat().st_mtime_ns)

        paths.sort(key=right)
        paths[0].unlink()
        done.append("removed duplicate action file")
    result = sl.validate_at(box, "HEAD")
    if result.rc != 0 and sl.dangling_only(box, "HEAD", result):
        names = set(sl.dangling_names(result))
        paths = [rel for rel in sl.worktree_files(repo) if Path(rel).stem in names]
        box.git("add", "--", *paths)
        box.git("commit", "-q", "-m", "Handmatig herstel: verwezen bestanden", "--", *paths)
        done.append("committed files a commit referred to")
    for action_id, folders in sl.tree_state(box, "HEAD").duplicates.items():
        for folder in folders:
            rel = f"data/acties/{folder}/{action_id}.md"
            if not (repo / rel).exists():
                box.git("rm", "-q", "--cached", "--ignore-unmatch", "--", rel)
                box.git("commit", "-q", "-m", f"Handmatig herstel: {rel}", "--", rel)
                done.append("committed removal of duplicate in HEAD")
    return done


# --- the run ----------------------------------------------------------------------------


@dataclass
class CrashConfig:
    kills: int = 200
    seed: int = 1
    commit_ratio: float = 0.5
    group_ratio: float = 0.6  # kill the whole process group (with git) this often
    commit_sample: int = 25  # commits validated at the end (-1: all)
    code: str | None = None
    keep: bool = False
    verbose: bool = False
    scenarios: tuple[str, ...] = tuple(SCENARIOS)
    calibrate: bool = True  # False: time one update and use it for every command
    source: Path = sl.SOURCE_DATA
    log: object = None  # a callable taking a line of progress, or None

    def say(self, text: str) -> None:
        if callable(self.log):
            self.log(text)


def run(config: CrashConfig) -> Figures:
    figures = Figures()
    rng = random.Random(config.seed)
    start = time.monotonic()
    with sl.Sandbox(
        "samennw-crash-", source=config.source, keep=config.keep, code=config.code
    ) as box:
        config.say(f"sandbox {box.tmp}" + (f" (code {box.code[:10]})" if box.code else ""))
        outdir = box.scratch("render")
        maker = OpMaker(rng, outdir, config.commit_ratio)
        history = sl.HistoryCheck()
        figures.calibration = calibrate(box, maker, KINDS if config.calibrate else ("update",))
        durations = {label: t["end"] for label, t in figures.calibration.items()}
        slowest = max(durations.values())
        durations = {
            f"{k}{c}": durations.get(f"{k}{c}", slowest) for k in KINDS for c in ("", " --commit")
        }
        found = post_checks(box, figures, history, sl.worktree_state(box.repo).ids)
        for kind, detail in found:
            figures.violate(kind, f"{detail} [calibration]")
        if found:
            figures.hand_repairs += 1
            for what in hand_repair(box):
                figures.repairs[what] += 1
        expected = sl.worktree_state(box.repo).ids
        for name in config.scenarios:
            _scenario(box, maker, history, figures, name, expected)
            expected = sl.worktree_state(box.repo).ids | expected
        while figures.landed < config.kills and figures.attempts < config.kills * 3:
            figures.attempts += 1
            _round(box, config, rng, maker, durations, history, figures, expected)
            expected = sl.worktree_state(box.repo).ids | expected
            if figures.attempts % 10 == 0:
                config.say(
                    f"{figures.attempts} rounds, {figures.landed} kills landed, "
                    f"{sum(figures.violations.values())} violations"
                )
        # the end: a fresh clone, and a sample of the commits, through validate
        clone = sl.fresh_clone_check(box)
        figures.clone_validate = f"exit {clone.validate.rc}"
        if clone.validate.rc != 0:
            kind = "validate failed on fresh clone"
            if sl.dangling_only(box, "HEAD", clone.validate):
                kind += " (refers to an uncommitted file)"
            figures.violate(kind, sl.error_lines(clone.validate))
        for action_id, folders in clone.duplicates.items():
            figures.violate("duplicate in fresh clone", f"{action_id} in {'+'.join(folders)}")
        for rel, reason in clone.torn.items():
            figures.violate("torn in fresh clone", f"{rel}: {reason}")
        for sha in sl.sample(history.shas, config.commit_sample):
            figures.sampled_commits += 1
            result = sl.validate_at(box, sha)
            if result.rc != 0:
                figures.sampled_failed += 1
                kind = "validate failed on a commit"
                if sl.dangling_only(box, sha, result):
                    kind += " (refers to an uncommitted file)"
                figures.violate(kind, f"{sha[:10]}: {sl.error_lines(result)}")
        figures.commits = history.commits
    figures.commits_with_duplicates = history.commits_with_duplicates
    figures.seconds = time.monotonic() - start
    return figures


def _scenario(
    box: sl.Sandbox,
    maker: OpMaker,
    history: sl.HistoryCheck,
    figures: Figures,
    name: str,
    expected: set[str],
) -> None:
    state = sl.worktree_state(box.repo)
    if name == "half-move-commit":
        action_id = state.open[0]
        note = "Scenario half-move-commit"
        steps = [["close", action_id], ["update", action_id, "--tekst", note, "--commit"]]
    elif name == "uncommitted-meeting":
        days = []
        for _ in range(2):
            maker.meeting_day += timedelta(days=1)
            days.append(maker.meeting_day.isoformat())
        steps = [
            ["new-meeting", "ot-kvdj-wg2", "--datum", days[0]],
            ["new-meeting", "ot-kvdj-wg2", "--datum", days[1], "--commit"],
        ]
    else:
        raise SystemExit(f"unknown scenario {name!r}; known: {', '.join(SCENARIOS)}")
    found: list[tuple[str, str]] = []
    for args in steps:
        head, before = box.head(), sl.stamps(box.repo)
        res = box.run(args)
        outcome = sl.classify_failure(res)
        figures.scenario_steps[outcome] += 1
        if not sl.acceptable(outcome):
            found.append(("next command failed", f"{' '.join(args)}: {sl.error_lines(res)}"))
        elif outcome != "ok" and (box.head() != head or sl.stamps(box.repo) != before):
            found.append(("refusal changed something", f"{' '.join(args)}: {res.message}"))
    found += post_checks(box, figures, history, expected)
    for kind, detail in found:
        figures.violate(kind, f"{detail} [scenario {name}]")
    figures.scenarios[name] = (
        "FAIL (" + ", ".join(sorted({k for k, _ in found})) + ")" if found else "ok"
    )
    if found:
        figures.hand_repairs += 1
        for what in hand_repair(box):
            figures.repairs[what] += 1


def _round(
    box: sl.Sandbox,
    config: CrashConfig,
    rng: random.Random,
    maker: OpMaker,
    durations: dict[str, float],
    history: sl.HistoryCheck,
    figures: Figures,
    expected: set[str],
) -> None:
    if rng.random() < MANUAL_COMMIT:  # what samennw left uncommitted, committed by hand
        box.git("add", "-A", "--", "data")
        if box.git("diff", "--cached", "--name-only").strip():
            box.git("commit", "-q", "-m", "Handmatig vastgelegd")
            figures.manual_commits += 1
    before = sl.worktree_state(box.repo)
    stamps = sl.stamps(box.repo)
    head_before = box.head()
    op = maker.make(before)
    trigger = rng.choice(op.triggers())
    if trigger == "time":
        delay = rng.uniform(0.0, 1.1 * durations.get(op.label, 0.5))
    else:
        delay = rng.uniform(0.0, TRIGGER_JITTER[trigger])
    mode = "group" if rng.random() < config.group_ratio else "process"
    previous_output = op.out.read_bytes() if op.out and op.out.exists() else None
    kill = run_and_kill(box, op, trigger, delay, mode)
    if not kill.drained:
        figures.violate("git child still running 30 s after the kill", op.label)
    if not kill.landed:
        return  # the command finished first; not a kill (the next round tries again)
    figures.landed += 1
    figures.landed_by[op.label] += 1
    figures.trigger[trigger] += 1
    figures.mode[mode] += 1
    after = sl.worktree_state(box.repo)
    moved = box.head() != head_before
    changed = sl.stamps(box.repo) != stamps
    figures.effect["commit made" if moved else "files changed" if changed else "nothing yet"] += 1
    # what the kill left, before any other command ran
    if after.duplicates:
        figures.after_kill["duplicate action"] += 1
    if sl.temp_files(box.repo / "data"):
        figures.after_kill["temp file"] += 1
    if (box.repo / ".git" / "index.lock").exists():
        figures.after_kill["index.lock"] += 1
    if sl.journals(box.repo):
        figures.after_kill["journal"] += 1
    for rel, reason in sl.torn_worktree(box.repo).items():
        figures.violate("torn file right after kill", f"{rel}: {reason} ({op.label})")
    if op.out is not None:  # render -o: the old document or the new one, never a mix
        reference = box.scratch("reference") / op.out.name
        box.run([*op.args[:-2], "-o", str(reference)])
        now = op.out.read_bytes() if op.out.exists() else None
        if now is not None and now not in (previous_output, reference.read_bytes()):
            figures.violate("torn render output", f"{op.out.name} after kill")
        if sl.temp_files(op.out.parent):
            figures.render_temp_left += 1
            for rel in sl.temp_files(op.out.parent):
                (op.out.parent / rel).unlink()
    # the next command, run normally: it must cope with what the kill left
    nxt = maker.make(after, prefer=op.action_id, render=False)
    res = box.run(nxt.args)
    figures.recovery_notes += res.recovered
    outcome = sl.classify_failure(res)
    figures.next_cmd[outcome] += 1
    found: list[tuple[str, str]] = []
    if not sl.acceptable(outcome):
        notes = f" (after {res.err.count('hersteld')} 'hersteld' notes)" if res.recovered else ""
        found.append(("next command failed", f"{' '.join(nxt.args)}: {sl.error_lines(res)}{notes}"))
    if res.rc == 0:
        found += [("lost write", p) for p in check_effect(box, nxt, res)]
    found += post_checks(box, figures, history, expected)
    for kind, detail in found:
        figures.violate(
            kind,
            f"{detail} [after kill of '{' '.join(op.args)}' "
            f"({trigger}+{delay * 1000:.0f} ms, {mode})]",
        )
    if config.verbose:
        flag = f" !{len(found)}" if found else ""
        config.say(
            f"kill {op.label:22} {trigger:5}+{delay * 1000:5.0f}ms {mode:7} -> "
            f"{nxt.label:22} {outcome}{flag}"
        )
    if found:
        figures.hand_repairs += 1
        for what in hand_repair(box):
            figures.repairs[what] += 1
        again = [f for f in post_checks(box, figures, history, expected) if "commit" not in f[0]]
        if again:
            raise SystemExit(f"hand repair did not help: {again[:5]}")


def summary(figures: Figures, config: CrashConfig) -> str:
    f = figures
    cal = "; ".join(
        f"{label} {t['end']:.2f}s"
        + (f" (files {t['files']:.2f}" if "files" in t else " (")
        + (f", git {t['git']:.2f}" if "git" in t else "")
        + (f", ref {t['ref']:.2f}" if "ref" in t else "")
        + ")"
        for label, t in f.calibration.items()
    )
    rows: list[tuple[str, object]] = [
        ("seed / code", f"{config.seed} / {config.code or 'installed samennw'}"),
        ("calibration (s after start)", cal),
        ("scenarios", "; ".join(f"{k}: {v}" for k, v in f.scenarios.items()) or "-"),
        ("scenario commands", sl.counter_text(f.scenario_steps)),
        ("kills landed / rounds", f"{f.landed} / {f.attempts}"),
        ("kills by command", sl.counter_text(f.landed_by)),
        ("kills by trigger", sl.counter_text(f.trigger)),
        ("kills by mode", sl.counter_text(f.mode)),
        ("what the kill left", sl.counter_text(f.effect)),
        ("right after kill (before recovery)", sl.counter_text(f.after_kill)),
        ("next command", sl.counter_text(f.next_cmd)),
        ("'hersteld' notes", f.recovery_notes),
        ("commits made (checked)", f"{f.commits} (by hand: {f.manual_commits})"),
        ("commits holding a duplicate", f.commits_with_duplicates),
        ("torn files", sum(v for k, v in f.violations.items() if "torn" in k)),
        ("lost actions", sum(v for k, v in f.violations.items() if k.startswith("lost"))),
        ("duplicates", sum(v for k, v in f.violations.items() if k.startswith("duplicate"))),
        ("hand repairs needed", f.hand_repairs),
        ("hand repairs done", sl.counter_text(f.repairs)),
        ("render temp files left (info)", f.render_temp_left),
        ("validate on fresh clone", f.clone_validate),
        ("commits validated (failed)", f"{f.sampled_commits} ({f.sampled_failed})"),
        ("violations", sl.counter_text(f.violations)),
        ("duration", f"{f.seconds:.0f} s"),
        ("result", "PASS" if f.ok else "FAIL"),
    ]
    text = sl.table(rows, "samennw crash harness")
    if f.examples:
        text += "\n\nfirst violations:\n" + "\n".join(f"  {e}" for e in f.examples[:20])
    return text


def main(argv: list[str] | None = None) -> int:
    sl.exit_on_sigterm()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=200, help="SIGKILLs that must land")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--commit-ratio", type=float, default=0.5)
    parser.add_argument(
        "--group-ratio",
        type=float,
        default=0.6,
        help="share of kills that take the git children too",
    )
    parser.add_argument(
        "--commit-sample", type=int, default=25, help="commits validated at the end (-1: all)"
    )
    parser.add_argument(
        "--scenarios",
        default=",".join(SCENARIOS),
        help="scripted sequences run first, comma-separated, or 'none' "
        f"(default: all: {', '.join(SCENARIOS)})",
    )
    parser.add_argument("--code", help="test this git revision of samennw (default: installed)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    config = CrashConfig(
        kills=args.kills,
        seed=args.seed,
        commit_ratio=args.commit_ratio,
        group_ratio=args.group_ratio,
        commit_sample=args.commit_sample,
        code=args.code,
        keep=args.keep,
        verbose=args.verbose,
        scenarios=tuple(n for n in args.scenarios.split(",") if n and n != "none"),
        log=lambda line: print(line, file=sys.stderr, flush=True),
    )
    figures = run(config)
    print(summary(figures, config))
    if args.json:
        data = {k: v for k, v in vars(figures).items() if k != "examples"}
        data["examples"] = figures.examples
        args.json.write_text(json.dumps(data, indent=2, default=str), encoding="utf-8")
    return 0 if figures.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
