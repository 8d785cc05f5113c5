#!/usr/bin/env python3
"""Concurrency harness: many samennw writers and readers on one data repository at once.

    python scripts/stress_concurrency.py [--writers 8] [--ops 50] [--seed 1] [--code REV]

In a temporary git repository holding a copy of the embedded data, W writers each run M
mixed writing commands (close/afronden, heropen, update, add-action; mostly with
--commit) as separate processes, racing on a small set of "hot" ids, while two readers
run ``open-actions --format json`` and ``validate`` in a loop. SAMENNW_LOCK_TIMEOUT is
generous (60 s): waiting is not failing, the point is correctness.

It asserts:

- no writer failed because of another samennw command: exit 3 (lock), exit 4
  (index.lock), conflicts and crashes are failures; exit 1 is accepted only for the
  refusals racing writers must expect ("is al afgerond", "is niet afgerond");
- readers never saw an inconsistent state: every ``open-actions`` exits 0 with no
  duplicate id, every ``validate`` exits 0;
- the working tree and every commit hold each action id exactly once, lose none, and
  contain no torn file; every commit a writer reported is in the history and every
  commit in the history was reported by a writer that succeeded;
- nothing a successful writer did is lost (each update's text, each new action, each
  last close/heropen), in the tree and, with --commit, in HEAD;
- ``git status`` shows only changes of writers that ran without --commit, no
  ``index.lock`` and no temp files are left, and ``validate`` passes on a fresh clone.

Exit status 1 on any violation, 0 otherwise.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import stresslib as sl

# a close/heropen that finished this much earlier than the next one on the same id was
# certainly applied before it (the write lock is released before a process exits)
ORDER_MARGIN = 0.5
NOTHING_TO_COMMIT = "niets vastgelegd"  # --commit when git already holds these files


@dataclass
class Op:
    writer: int
    index: int
    kind: str
    args: list[str]
    commit: bool
    action_id: str | None = None
    token: str | None = None
    start: float = 0.0
    end: float = 0.0
    result: sl.Result | None = None
    outcome: str = ""


@dataclass
class ConcurrencyConfig:
    writers: int = 8
    ops: int = 50
    seed: int = 1
    commit_ratio: float = 0.85
    hot: int = 10  # ids the writers race on
    lock_timeout: float = 60.0
    commit_sample: int = 10
    slow_hook: bool = True  # the scripted commit-hook scenario first
    code: str | None = None
    keep: bool = False
    source: Path = sl.SOURCE_DATA
    log: object = None

    def say(self, text: str) -> None:
        if callable(self.log):
            self.log(text)


@dataclass
class Figures:
    ops: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    outcomes: Counter[str] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)
    reads: Counter[str] = field(default_factory=Counter)
    read_failures: Counter[str] = field(default_factory=Counter)
    commits: int = 0
    commits_with_duplicates: int = 0
    uncommitted_paths: int = 0
    violations: Counter[str] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)
    clone_validate: str = ""
    sampled_commits: int = 0
    sampled_failed: int = 0
    seconds: float = 0.0
    write_seconds: float = 0.0
    nothing_to_commit: int = 0
    hook_lock_seen: bool = False
    hook_writers: str = ""
    hook_reader: str = ""

    def violate(self, kind: str, detail: str) -> None:
        self.violations[kind] += 1
        if len(self.examples) < 40:
            self.examples.append(f"{kind}: {detail}")

    @property
    def ok(self) -> bool:
        return not self.violations and self.ops > 0


def _make_op(
    rng: random.Random,
    writer: int,
    index: int,
    hot: list[str],
    box: sl.Sandbox,
    commit_ratio: float,
) -> Op:
    state = sl.worktree_state(box.repo)  # racy on purpose: writers guess like people do
    kind = rng.choices(["close", "heropen", "update", "add-action"], [30, 25, 30, 15])[0]
    commit = rng.random() < commit_ratio
    token = f"w{writer}-{index:03d}-{rng.randrange(16**6):06x}"

    def pick(candidates: list[str]) -> str:
        hot_ones = [i for i in candidates if i in hot]
        if hot_ones and rng.random() < 0.8:
            return rng.choice(hot_ones)
        return rng.choice(candidates or hot)

    if kind == "close":
        action_id = pick(state.open)
        args = ["afronden" if rng.random() < 0.2 else "close", action_id]
        if rng.random() < 0.3:
            args += ["--toelichting", f"Afgerond ({token})"]
    elif kind == "heropen":
        action_id = pick(state.closed)
        args = ["heropen", action_id]
    elif kind == "update":
        action_id = pick(sorted(state.ids))
        args = ["update", action_id, "--tekst", f"Stand van zaken {token}"]
    else:
        action_id = None
        team = rng.choice(sorted(sl.ACTION_TEAMS))
        name = "nieuwe-actie" if rng.random() < 0.2 else "add-action"
        wie = rng.choice(sl.ACTION_TEAMS[team])
        args = [name, team, "--wat", f"Stresstest {token}", "--wie", wie]
    if commit:
        args.append("--commit")
    return Op(writer, index, kind, args, commit, action_id, token)


def _writer(
    box: sl.Sandbox,
    config: ConcurrencyConfig,
    writer: int,
    hot: list[str],
    t0: float,
    done: list[Op],
) -> None:
    rng = random.Random(config.seed * 1000 + writer)
    for index in range(config.ops):
        op = _make_op(rng, writer, index, hot, box, config.commit_ratio)
        op.start = time.monotonic() - t0
        op.result = box.run(op.args)
        op.end = time.monotonic() - t0
        op.outcome = sl.classify_failure(op.result)
        done.append(op)


def _reader(box: sl.Sandbox, args: list[str], stop: threading.Event, figures: Figures) -> None:
    name = args[0]
    while not stop.is_set():
        result = box.run(args)
        figures.reads[name] += 1
        if result.rc != 0:
            kind = f"{name}: {sl.classify_failure(result)}"
            figures.read_failures[kind] += 1
            figures.violate("reader refused", f"{' '.join(args)}: {sl.error_lines(result)}")
            continue
        if name == "open-actions":
            try:
                ids = [a["id"] for a in json.loads(result.out)["acties"]]
            except (ValueError, KeyError, TypeError) as exc:
                figures.violate("reader got unreadable output", f"open-actions: {exc}")
                continue
            dups = sorted(i for i, n in Counter(ids).items() if n > 1)
            if dups:
                figures.read_failures["open-actions: duplicate id"] += 1
                figures.violate("reader saw a duplicate", f"open-actions listed {dups} twice")


HOOK_SECONDS = 3.0


def _start(box: sl.Sandbox, args: list[str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        box.command(args),
        cwd=box.repo,
        env=box.env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _slow_hook(box: sl.Sandbox, figures: Figures, done: list[Op], t0: float) -> None:
    """Scripted first: a writer whose commit hook takes HOOK_SECONDS (git holds index.lock
    all that time), and a second writer and a reader starting meanwhile. The second writer
    must wait its turn, not fail; the reader must answer."""
    hook = box.repo / ".git" / "hooks" / "pre-commit"
    hook.write_text(f"#!/bin/sh\nsleep {HOOK_SECONDS}\n", encoding="utf-8")
    hook.chmod(0o755)
    state = sl.worktree_state(box.repo)
    ops = [
        Op(
            -1,
            k,
            "update",
            ["update", action_id, "--tekst", f"Trage hook {k}", "--commit"],
            True,
            action_id,
            f"Trage hook {k}",
        )
        for k, action_id in enumerate(state.open[-2:])
    ]
    try:
        ops[0].start = time.monotonic() - t0
        first = _start(box, ops[0].args)
        lock = box.repo / ".git" / "index.lock"
        deadline = time.monotonic() + 120
        while not lock.exists() and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        figures.hook_lock_seen = lock.exists()
        ops[1].start = time.monotonic() - t0
        second = _start(box, ops[1].args)
        reader = box.run(["open-actions", "--format", "json"])
        figures.hook_reader = f"exit {reader.rc} after {reader.seconds:.1f} s"
        if reader.rc != 0:
            figures.violate(
                "reader refused", f"open-actions during a commit hook: {sl.error_lines(reader)}"
            )
        for op, proc in zip(ops, (first, second), strict=True):
            out, err = proc.communicate(timeout=300)
            op.end = time.monotonic() - t0
            op.result = sl.Result(op.args, proc.returncode, out, err, op.end - op.start)
            op.outcome = sl.classify_failure(op.result)
            done.append(op)
    finally:
        hook.unlink(missing_ok=True)
    figures.hook_writers = ", ".join(op.outcome for op in ops)


def run(config: ConcurrencyConfig) -> Figures:
    figures = Figures()
    rng = random.Random(config.seed)
    start = time.monotonic()
    with sl.Sandbox(
        "samennw-concurrency-",
        source=config.source,
        keep=config.keep,
        lock_timeout=config.lock_timeout,
        code=config.code,
    ) as box:
        config.say(f"sandbox {box.tmp}" + (f" (code {box.code[:10]})" if box.code else ""))
        warm = box.run(["update", "KVDJ-002", "--tekst", "Voorbereiding stresstest", "--commit"])
        if warm.rc != 0:  # builds the caches once, as a first write after a clone does
            raise SystemExit(f"setup: {warm.err}")
        initial = sl.worktree_state(box.repo)
        n = config.hot // 2
        hot = rng.sample(initial.open, n) + rng.sample(initial.closed, config.hot - n)
        stop = threading.Event()
        done: list[Op] = []
        readers = [
            threading.Thread(target=_reader, args=(box, args, stop, figures), daemon=True)
            for args in (["open-actions", "--format", "json"], ["validate"])
        ]
        t0 = time.monotonic()
        if config.slow_hook:
            _slow_hook(box, figures, done, t0)
        writers = [
            threading.Thread(target=_writer, args=(box, config, w, hot, t0, done), daemon=True)
            for w in range(config.writers)
        ]
        for thread in (*readers, *writers):
            thread.start()
        while any(t.is_alive() for t in writers):
            time.sleep(1)
            config.say(
                f"{len(done)}/{config.writers * config.ops} writes, reads {dict(figures.reads)}"
            )
        figures.write_seconds = time.monotonic() - t0
        stop.set()
        for thread in readers:
            thread.join()
        _judge(box, config, figures, done, initial)
    figures.seconds = time.monotonic() - start
    return figures


def _judge(
    box: sl.Sandbox,
    config: ConcurrencyConfig,
    figures: Figures,
    done: list[Op],
    initial: sl.TreeState,
) -> None:
    figures.ops = len(done)
    ok = [op for op in done if op.outcome == "ok"]
    for op in done:
        figures.by_kind[op.kind + (" --commit" if op.commit else "")] += 1
        figures.outcomes[op.outcome] += 1
        if not sl.acceptable(op.outcome):
            figures.failures[op.outcome] += 1
            assert op.result is not None
            figures.violate(
                f"writer failed ({op.outcome})", f"{' '.join(op.args)}: {sl.error_lines(op.result)}"
            )
    state = sl.worktree_state(box.repo)
    for action_id, folders in state.duplicates.items():
        figures.violate("duplicate in tree", f"{action_id} in {'+'.join(folders)}")
    for action_id in sorted(initial.ids - state.ids):
        figures.violate("lost action", action_id)
    for rel, reason in sl.torn_worktree(box.repo).items():
        figures.violate("torn file", f"{rel}: {reason}")
    for rel in sl.temp_files(box.repo / "data"):
        figures.violate("temp file left", rel)
    if (box.repo / ".git" / "index.lock").exists():
        figures.violate("index.lock left", ".git/index.lock")
    history = sl.HistoryCheck()
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
        figures.violate(kind, problem)
    figures.commits = history.commits
    figures.commits_with_duplicates = history.commits_with_duplicates
    # every commit reported by a writer is in the history, and only those (plus the warm-up)
    reported = [op for op in ok if op.commit]
    shas = history.shas[1:]  # the first is the warm-up update
    for op in reported:
        assert op.result is not None
        sha = op.result.commit
        if not sha and NOTHING_TO_COMMIT in op.result.err:
            figures.nothing_to_commit += 1
            continue
        if not sha or not any(s.startswith(sha) for s in shas):
            figures.violate("lost commit", f"{' '.join(op.args)} reported {sha}")
    claimed = {op.result.commit for op in reported if op.result and op.result.commit}
    for sha in shas:
        if not any(sha.startswith(c) for c in claimed):
            subject = box.git("log", "-1", "--format=%s", sha).strip()
            figures.violate("commit nobody reported", f"{sha[:10]} {subject}")
    # nothing a successful writer did is lost
    head = sl.tree_state(box, "HEAD")
    for action_id in sorted(head.ids - state.ids):
        figures.violate("lost action", f"{action_id} in HEAD, not in the tree")
    texts = {i: _texts(box, "tree", i, state) for i in state.ids}
    head_texts = {i: _texts(box, "HEAD", i, head) for i in head.ids}
    for op in ok:
        assert op.result is not None
        if op.kind == "update":
            if not any(op.token and op.token in t for t in texts.get(op.action_id or "", [])):
                figures.violate("lost update", f"{op.token} ({op.action_id}) not in the tree")
            if op.commit and not any(
                op.token and op.token in t for t in head_texts.get(op.action_id or "", [])
            ):
                figures.violate("lost update", f"{op.token} ({op.action_id}) not in HEAD")
        elif op.kind == "add-action":
            new_id = op.result.message.split()[1] if op.result.message.startswith("Actie") else ""
            if new_id not in state.ids:
                figures.violate("lost action", f"new {new_id or '?'} ({op.token}) not in the tree")
            if op.commit and new_id not in head.ids:
                figures.violate("lost action", f"new {new_id or '?'} ({op.token}) not in HEAD")
    _check_last_moves(ok, state, figures)
    # git status: only what writers without --commit changed
    allowed = {p for op in ok if not op.commit and op.result for p in op.result.touched}
    dirty = _status_paths(box)
    figures.uncommitted_paths = len(dirty)
    for path in sorted(dirty - allowed):
        figures.violate("unexpected change in git status", path)
    clone = sl.fresh_clone_check(box)
    figures.clone_validate = f"exit {clone.validate.rc}"
    if clone.validate.rc != 0:
        kind = "validate failed on fresh clone"
        if sl.dangling_only(box, "HEAD", clone.validate):
            kind += " (refers to an uncommitted file)"
        figures.violate(kind, sl.error_lines(clone.validate))
    for action_id, folders in clone.duplicates.items():
        figures.violate("duplicate in fresh clone", f"{action_id} in {'+'.join(folders)}")
    for sha in sl.sample(history.shas, config.commit_sample):
        figures.sampled_commits += 1
        result = sl.validate_at(box, sha)
        if result.rc != 0:
            figures.sampled_failed += 1
            figures.violate("validate failed on a commit", f"{sha[:10]}: {sl.error_lines(result)}")


def _texts(box: sl.Sandbox, where: str, action_id: str, state: sl.TreeState) -> list[str]:
    paths = [f"data/acties/{f}/{action_id}.md" for f in state.where.get(action_id, [])]
    if where == "tree":
        return [(box.repo / p).read_text("utf-8") for p in paths]
    return [b.decode("utf-8") for b in sl.blobs(box, "HEAD", paths).values() if b is not None]


def _check_last_moves(ok: list[Op], state: sl.TreeState, figures: Figures) -> None:
    """The folder of each id agrees with the last successful close/heropen of it, when
    that one certainly came last (finished ORDER_MARGIN seconds after the one before)."""
    moves: dict[str, list[Op]] = {}
    for op in ok:
        if op.kind in ("close", "heropen") and op.action_id:
            moves.setdefault(op.action_id, []).append(op)
    for action_id, ops in moves.items():
        ops.sort(key=lambda o: o.end)
        last = ops[-1]
        if len(ops) > 1 and last.end - ops[-2].end < ORDER_MARGIN:
            continue  # too close to call
        want = "afgerond" if last.kind == "close" else "open"
        if state.where.get(action_id) != [want]:
            figures.violate(
                "lost close/heropen",
                f"{action_id}: last was {' '.join(last.args)}, "
                f"tree has {state.where.get(action_id)}",
            )


def _status_paths(box: sl.Sandbox) -> set[str]:
    out = box.git("status", "--porcelain=v1", "-z", "--untracked-files=all")
    paths: set[str] = set()
    entries = iter(out.split("\0"))
    for entry in entries:
        if not entry:
            continue
        code, path = entry[:2], entry[3:]
        paths.add(path)
        if "R" in code or "C" in code:
            paths.add(next(entries))  # the rename's source
    return paths


def summary(figures: Figures, config: ConcurrencyConfig) -> str:
    f = figures
    rate = f.ops / f.write_seconds if f.write_seconds else 0.0
    rows: list[tuple[str, object]] = [
        ("seed / code", f"{config.seed} / {config.code or 'installed samennw'}"),
        (
            "slow commit hook scenario",
            f"writers: {f.hook_writers or '-'}; reader: "
            f"{f.hook_reader or '-'}; index.lock seen: {f.hook_lock_seen}",
        ),
        ("writers x ops", f"{config.writers} x {config.ops} (hot ids: {config.hot})"),
        ("operations", f"{f.ops} ({sl.counter_text(f.by_kind)})"),
        ("outcomes", sl.counter_text(f.outcomes)),
        ("writer failures", sl.counter_text(f.failures)),
        ("reads", sl.counter_text(f.reads)),
        ("reader failures", sl.counter_text(f.read_failures)),
        ("commits (checked)", f.commits),
        ("--commit with nothing to commit", f.nothing_to_commit),
        ("commits holding a duplicate", f.commits_with_duplicates),
        ("uncommitted paths (no --commit)", f.uncommitted_paths),
        ("validate on fresh clone", f.clone_validate),
        ("commits validated (failed)", f"{f.sampled_commits} ({f.sampled_failed})"),
        ("violations", sl.counter_text(f.violations)),
        ("duration (writers) / total", f"{f.write_seconds:.0f} s / {f.seconds:.0f} s"),
        ("ops/s", f"{rate:.2f}"),
        ("result", "PASS" if f.ok else "FAIL"),
    ]
    text = sl.table(rows, "samennw concurrency harness")
    if f.examples:
        text += "\n\nfirst violations:\n" + "\n".join(f"  {e}" for e in f.examples[:20])
    return text


def main(argv: list[str] | None = None) -> int:
    sl.exit_on_sigterm()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--ops", type=int, default=50, help="operations per writer")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--commit-ratio", type=float, default=0.85)
    parser.add_argument("--hot", type=int, default=10, help="ids the writers race on")
    parser.add_argument("--lock-timeout", type=float, default=60.0)
    parser.add_argument(
        "--commit-sample", type=int, default=10, help="commits validated at the end (-1: all)"
    )
    parser.add_argument(
        "--no-slow-hook", action="store_true", help="skip the scripted slow-commit-hook scenario"
    )
    parser.add_argument("--code", help="test this git revision of samennw (default: installed)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("-q", "--quiet", action="store_true")
    args = parser.parse_args(argv)
    config = ConcurrencyConfig(
        writers=args.writers,
        ops=args.ops,
        seed=args.seed,
        commit_ratio=args.commit_ratio,
        hot=args.hot,
        lock_timeout=args.lock_timeout,
        commit_sample=args.commit_sample,
        code=args.code,
        keep=args.keep,
        slow_hook=not args.no_slow_hook,
        log=None if args.quiet else (lambda line: print(line, file=sys.stderr, flush=True)),
    )
    figures = run(config)
    print(summary(figures, config))
    if args.json:
        args.json.write_text(json.dumps(vars(figures), indent=2, default=str), encoding="utf-8")
    return 0 if figures.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
