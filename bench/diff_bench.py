"""Benchmark ``samennw diff`` at programma scale (issue #12: ≤ 1 s with a few changed files).

    python bench/diff_bench.py [--runs N] [--scale programma] [--out-dir DIR]

Generates the data set (``bench/generate.py``, ~12,000 files), commits it in a fresh git
repository, then changes three files as a secretary would: closes an open action (a move
to ``acties/afgerond/``, staged as a rename), gives another a new due date, and changes
the text of a decision in a meeting file. Timed, each as a whole ``samennw`` process
(median wall time of ``--runs``):

- ``samennw diff HEAD~1 HEAD`` after committing the three changes (two trees);
- ``samennw diff HEAD`` with the same three changes uncommitted (the working tree).

Both must list the three changes; the script stops with an error otherwise.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# the command line with 'diff' registered, also before samennw.cli.app imports it
SAMENNW = [
    sys.executable,
    "-c",
    "import sys, samennw.cli.diff; from samennw.cli.app import main; sys.exit(main(sys.argv[1:]))",
]


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def change_three_files(repo: Path) -> list[str]:
    """Close one open action, move another's due date, edit one decision; their ids."""
    open_dir = repo / "data" / "acties" / "open"
    first, second = sorted(open_dir.glob("*.md"))[:2]
    text = first.read_text(encoding="utf-8")
    closed = text.replace("status: open\n", "status: afgerond\nafgerond_op: 2026-12-01\n", 1)
    target = repo / "data" / "acties" / "afgerond" / first.name
    git(repo, "mv", str(first.relative_to(repo)), str(target.relative_to(repo)))
    target.write_text(closed, encoding="utf-8")
    text = second.read_text(encoding="utf-8")
    second.write_text(re.sub(r"(?m)^wanneer: .*$", "wanneer: December 2040", text, count=1))
    meeting = next(
        m
        for m in sorted((repo / "data" / "meetings").rglob("*.md"))
        if "\n    tekst: " in m.read_text(encoding="utf-8")
    )
    text = meeting.read_text(encoding="utf-8")
    decision = re.search(r"(?m)^  - id: (\S+)\n    tekst: ", text)
    assert decision is not None
    meeting.write_text(text.replace("\n    tekst: ", "\n    tekst: Gewijzigd - ", 1))
    return [first.stem, second.stem, decision.group(1)]


def timed(repo: Path, args: list[str], runs: int, expect: list[str]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(
            [*SAMENNW, *args, "--data", str(repo)], capture_output=True, text=True, check=False
        )
        times.append(time.perf_counter() - start)
        if done.returncode != 0 or any(i not in done.stdout for i in expect):
            sys.exit(f"samennw {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--scale", default="programma")
    parser.add_argument("--out-dir", type=Path, default=None)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="samennw-diff-bench-", dir=args.out_dir))
    try:
        repo = work / "repo"
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / "generate.py"), "--scale", args.scale,
             "--out", str(repo)],
            check=True, capture_output=True,
        )  # fmt: skip
        files = sum(1 for p in (repo / "data").rglob("*") if p.is_file())
        git(repo, "init", "-q", "-b", "main")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "gegevens")
        ids = change_three_files(repo)
        worktree = timed(repo, ["diff", "HEAD"], args.runs, ids)
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "drie wijzigingen")
        commits = timed(repo, ["diff", "HEAD~1", "HEAD"], args.runs, ids)
        print(f"{args.scale}: {files} files, 3 changed ({', '.join(ids)})")
        print(f"  samennw diff HEAD~1 HEAD   {commits:.3f} s (median of {args.runs})")
        print(f"  samennw diff HEAD (werkmap) {worktree:.3f} s (median of {args.runs})")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
