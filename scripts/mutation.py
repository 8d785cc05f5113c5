#!/usr/bin/env python3
"""Mutation testing of samennw's core modules with mutmut, in a temporary copy.

    python scripts/mutation.py                      # every module, 2 processes, 85 % needed
    python scripts/mutation.py --module dates --jobs 1 --threshold 0 --show-survivors

mutmut (``pip install -e '.[mutation]'``) changes the code of the modules below one small
change (a "mutant") at a time and runs the tests that reach the changed function; a
mutant is killed when a test fails. The score is (killed + timed out) / (mutants − known
equivalent mutants). The exit code is 1 when the total score is below ``--threshold``
(2 when mutmut itself failed).

Nothing is written into this checkout: the files of the working tree (tracked and
untracked, not ignored; or those of a commit, ``--rev``) are copied to a temporary
folder, mutmut runs there (its ``mutants/`` folder included) and the folder is removed
afterwards (``--keep DIR`` keeps a copy of it for ``mutmut show``/``mutmut browse``).

What keeps the run honest:

* Before every test the functools caches of samennw are emptied (a small pytest plugin
  that this script writes into the temporary folder). mutmut forks each mutant's test
  run from a process that has run the whole suite, so without it a cached result (e.g.
  of ``dates.parse_due``) would hide the mutated code from the tests.
* Hypothesis runs without deadlines and with fixed examples (the same plugin): a slow,
  loaded machine is not a kill, and every mutant meets the same examples.
* Subprocesses that tests start (``python -m samennw``) import the unmutated copy,
  never this checkout: a test only kills a mutant with code that runs in its process.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODULES = ("validate", "actions", "query", "render_redact", "frontmatter", "dates")

# Mutants that cannot change behaviour, with the reason. Keep this list short and true:
# a mutant that a test *could* kill does not belong here.
KNOWN_EQUIVALENT: dict[str, str] = {}

PLUGIN_NAME = "samennw_mutation_reset"
PLUGIN = '''\
"""pytest plugin of scripts/mutation.py: the same conditions for every mutant."""

import sys

try:  # no deadlines (a loaded machine is no kill), no example database, fixed examples
    from hypothesis import HealthCheck, settings

    settings.register_profile(
        "mutation",
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    settings.load_profile("mutation")
except ImportError:
    pass


def pytest_runtest_setup(item):
    # empty samennw's functools caches: a cached result must not hide the mutated code
    for name, module in list(sys.modules.items()):
        if module is None or not (name == "samennw" or name.startswith("samennw.")):
            continue
        for value in list(vars(module).values()):
            clear = getattr(value, "cache_clear", None)
            if callable(clear):
                clear()
'''

# The tests whose subject is each module; a run uses those of the modules it mutates.
# mutmut runs, for each mutant, only those of them that reach the mutated function.
MODULE_TESTS: dict[str, tuple[str, ...]] = {
    "validate": (
        "tests/test_validate.py",
        "tests/test_validate_checks.py",
        "tests/test_validate_parallel.py",
        "tests/test_validate_root_causes.py",
    ),
    "actions": (
        "tests/test_actions.py",
        "tests/test_lifecycle.py",
        "tests/test_wie_betrokkenen.py",
        "tests/test_future_closing_date.py",
    ),
    "query": (
        "tests/test_query.py",
        "tests/test_index.py",
        "tests/test_owner_query.py",
        "tests/test_lifecycle.py",
    ),
    "render_redact": ("tests/test_render_redact.py",),
    "frontmatter": (
        "tests/test_yaml_and_frontmatter.py",
        "tests/test_actions.py",
        "tests/test_lifecycle.py",
    ),
    "dates": ("tests/test_dates.py", "tests/test_validate.py", "tests/test_index.py"),
}

# Tests left out of every run, with the reason: they run samennw in subprocesses, which
# import the unmutated code, so they cannot kill a mutant, and they take a minute each.
DESELECT: dict[str, str] = {
    "tests/test_stress.py::test_crash_harness_short_run": "subprocesses, 40 s",
    "tests/test_stress.py::test_concurrency_harness_short_run": "subprocesses, 30 s",
}

KILLED = {"killed", "caught by type check"}
TIMEOUT = {"timeout"}
SURVIVED = {"survived"}
NO_TESTS = {"no tests"}


@dataclass
class Tally:
    mutants: int = 0
    killed: int = 0
    timeout: int = 0
    survived: int = 0
    no_tests: int = 0
    other: int = 0  # suspicious, segfault, skipped, not checked
    equivalent: int = 0

    def add(self, other: Tally) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def score(self) -> float:
        counted = self.mutants - self.equivalent
        return 100.0 * (self.killed + self.timeout) / counted if counted else 100.0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--threshold", type=float, default=85.0, help="lowest total score in %% (default 85)"
    )
    parser.add_argument(
        "--jobs", type=int, default=2, help="mutants tested at the same time (default 2)"
    )
    parser.add_argument(
        "--module",
        action="append",
        choices=MODULES,
        help="mutate only this module (repeatable; default: all of them)",
    )
    parser.add_argument(
        "--tests",
        action="append",
        help="test files or folders to use (repeatable; default: those of the modules, see "
        "MODULE_TESTS; 'tests' for the whole suite)",
    )
    parser.add_argument(
        "--deselect",
        action="append",
        default=[],
        metavar="NODEID",
        help="leave out a test (repeatable), e.g. one that fails for reasons of its own",
    )
    parser.add_argument("--rev", help="test this commit instead of the working tree (e.g. HEAD)")
    parser.add_argument(
        "--show-survivors", action="store_true", help="print the diff of every surviving mutant"
    )
    parser.add_argument("--json", type=Path, help="also write the counts to this JSON file")
    parser.add_argument(
        "--keep", type=Path, help="keep the mutmut folder here (for mutmut show/browse)"
    )
    args = parser.parse_args(argv)
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    return args


def source_files(root: Path) -> list[str]:
    """The working tree's files that git does not ignore (tracked and untracked)."""
    try:
        listing = ["ls-files", "-z", "--cached", "--others", "--exclude-standard"]
        out = subprocess.run(
            ["git", "-C", str(root), *listing],
            check=True,
            capture_output=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        skip = {".git", ".venv", "mutants", "__pycache__", ".samennw-cache", ".hypothesis"}
        return [
            str(p.relative_to(root))
            for p in root.rglob("*")
            if p.is_file() and not skip.intersection(p.relative_to(root).parts)
        ]
    return sorted({name for name in out.decode().split("\0") if name})


def copy_tree(root: Path, dest: Path, rev: str | None) -> None:
    if rev is not None:  # a commit, as git stores it
        dest.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "-C", str(root), "archive", "--format=tar", rev],
            check=True,
            capture_output=True,
        ).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(dest, filter="data")
        return
    for name in source_files(root):
        src = root / name
        if not src.is_file():  # deleted in the working tree, or a submodule
            continue
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, target)


def toml_list(values: list[str]) -> str:
    return "[" + ", ".join(json.dumps(v) for v in values) + "]"


def configure(work: Path, modules: list[str], tests: list[str], deselect: list[str]) -> None:
    """Append mutmut's settings to the copy's pyproject.toml."""
    also_copy = sorted(
        p.name for p in work.iterdir() if p.name not in {"src", "tests", "pyproject.toml"}
    )
    pytest_args = ["-p", "no:cacheprovider", "-p", PLUGIN_NAME]
    for nodeid in [*DESELECT, *deselect]:
        pytest_args += ["--deselect", nodeid]
    settings = {
        "source_paths": ["src"],
        "only_mutate": [f"src/samennw/{m}.py" for m in modules],
        "also_copy": also_copy,
        "pytest_add_cli_args": pytest_args,
        "pytest_add_cli_args_test_selection": tests,
    }
    lines = ["", "[tool.mutmut]"]
    lines += [f"{key} = {toml_list(value)}" for key, value in settings.items()]
    lines += ["use_git_change_detection = false", ""]
    pyproject = work / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    if "[tool.mutmut]" in text:
        raise SystemExit("pyproject.toml has its own [tool.mutmut]; this script sets it")
    pyproject.write_text(text + "\n".join(lines), encoding="utf-8")


_STATUS = re.compile(r"(\d+)/(\d+)\s+🎉 (\d+) 🫥 (\d+)\s+⏰ (\d+)\s+🤔 (\d+)\s+🙁 (\d+)")


def progress(log: Path) -> str | None:
    """mutmut's last status line ("done/total killed ... survived"), shortened."""
    try:
        with log.open("rb") as f:
            f.seek(max(0, log.stat().st_size - 4000))
            tail = f.read().decode("utf-8", "replace")
    except OSError:
        return None
    found = _STATUS.findall(tail)
    if not found:
        return None
    done, total, killed, no_tests, timeout, _suspicious, survived = found[-1]
    return (
        f"{done}/{total} mutants: {killed} killed, {survived} survived, "
        f"{timeout} timeout, {no_tests} without tests"
    )


def run_mutmut(work: Path, plugin_dir: Path, jobs: int, log: Path) -> int:
    env = dict(os.environ)
    # tests' subprocesses import the unmutated copy (mutmut puts mutants/src first in its
    # own sys.path and takes <copy>/src out of it); the plugin comes from plugin_dir
    env["PYTHONPATH"] = os.pathsep.join([str(work / "src"), str(plugin_dir)])
    env.pop("MUTANT_UNDER_TEST", None)
    cmd = [sys.executable, "-m", "mutmut", "run", "--max-children", str(jobs)]
    with log.open("wb") as out:
        proc = subprocess.Popen(
            cmd, cwd=work, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            last = time.monotonic()
            while proc.poll() is None:
                time.sleep(2)
                if time.monotonic() - last >= 60:
                    last = time.monotonic()
                    if line := progress(log):
                        print(f"  {line}", flush=True)
        except KeyboardInterrupt:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait()
            raise
        finally:
            if proc.poll() is None:  # pragma: no cover - only after an exception
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
    return proc.returncode


def tally(
    work: Path, modules: list[str], *, partial: bool = False
) -> tuple[dict[str, Tally], dict[str, list[str]]]:
    """Counts per module; ``partial``: leave out the mutants not tested yet."""
    from mutmut.stats import status_by_exit_code

    tallies: dict[str, Tally] = {}
    survivors: dict[str, list[str]] = {}
    for module in modules:
        meta = work / "mutants" / "src" / "samennw" / f"{module}.py.meta"
        codes: dict[str, int | None] = json.loads(meta.read_text(encoding="utf-8"))[
            "exit_code_by_key"
        ]
        t = Tally()
        survivors[module] = []
        for name, code in sorted(codes.items()):
            status = status_by_exit_code[code]
            if partial and status == "not checked":
                continue
            t.mutants += 1
            if status in KILLED:
                t.killed += 1
                if name in KNOWN_EQUIVALENT:
                    print(f"note: {name} is listed as equivalent but was killed; remove it")
            elif status in TIMEOUT:
                t.timeout += 1
            elif name in KNOWN_EQUIVALENT:
                t.equivalent += 1
            elif status in SURVIVED:
                t.survived += 1
                survivors[module].append(name)
            elif status in NO_TESTS:
                t.no_tests += 1
                survivors[module].append(name)
            else:
                t.other += 1
                survivors[module].append(name)
        tallies[module] = t
    return tallies, survivors


def report(tallies: dict[str, Tally]) -> Tally:
    head = ("module", "mutants", "killed", "timeout", "survived", "no tests", "other", "equiv.")
    print()
    print(f"{head[0]:<15}" + "".join(f"{h:>10}" for h in head[1:]) + f"{'score':>9}")
    total = Tally()
    for module, t in tallies.items():
        total.add(t)
        print(_row(module, t))
    print(_row("total", total))
    return total


def _row(name: str, t: Tally) -> str:
    counts = (t.mutants, t.killed, t.timeout, t.survived, t.no_tests, t.other, t.equivalent)
    return f"{name:<15}" + "".join(f"{n:>10}" for n in counts) + f"{t.score:>8.1f}%"


def show_survivors(work: Path, survivors: dict[str, list[str]]) -> None:
    for names in survivors.values():
        for name in names:
            shown = subprocess.run(
                [sys.executable, "-m", "mutmut", "show", name],
                cwd=work,
                capture_output=True,
                text=True,
            )
            print(shown.stdout.rstrip() or f"# {name}: (no diff: {shown.stderr.strip()})")
            print()


def _interrupted(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # so that mutmut is stopped and the temporary folder removed


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _interrupted)
    try:
        import mutmut
    except ImportError:
        print("mutmut is not installed: pip install -e '.[mutation]'", file=sys.stderr)
        return 2
    modules = list(dict.fromkeys(args.module or MODULES))
    tests = args.tests or list(dict.fromkeys(t for m in modules for t in MODULE_TESTS[m]))
    what = args.rev or "the working tree"
    start = time.monotonic()
    tmp = Path(tempfile.mkdtemp(prefix="samennw-mutation-"))
    try:
        work = tmp / "repo"
        copy_tree(ROOT, work, args.rev)
        tests = [t for t in tests if (work / t).exists()]
        print(f"mutmut {mutmut.__version__} on {what}: {', '.join(modules)}")
        print(f"tests: {' '.join(tests)}", flush=True)
        plugin_dir = tmp / "plugin"
        plugin_dir.mkdir()
        (plugin_dir / f"{PLUGIN_NAME}.py").write_text(PLUGIN, encoding="utf-8")
        configure(work, modules, tests, args.deselect)
        log = tmp / "mutmut.log"
        try:
            code = run_mutmut(work, plugin_dir, args.jobs, log)
        except KeyboardInterrupt:
            print("interrupted; the mutants tested so far:", file=sys.stderr)
            report(tally(work, modules, partial=True)[0])
            raise
        if code != 0:
            text = log.read_text(encoding="utf-8", errors="replace")
            print(text[-6000:], file=sys.stderr)
            print(f"mutmut stopped with exit code {code}", file=sys.stderr)
            return 2
        tallies, survivors = tally(work, modules)
        total = report(tallies)
        minutes = (time.monotonic() - start) / 60
        print(
            f"\nscore = (killed + timeout) / (mutants - equivalent); "
            f"{minutes:.1f} min with {args.jobs} process(es)"
        )
        if args.show_survivors:
            print()
            show_survivors(work, survivors)
        else:
            for names in survivors.values():
                for name in names:
                    print(f"  not killed: {name}")
        if args.json:
            data = {m: {**vars(t), "score": round(t.score, 1)} for m, t in tallies.items()}
            data["total"] = {**vars(total), "score": round(total.score, 1)}
            args.json.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        if args.keep:
            shutil.copytree(work, args.keep, symlinks=True, dirs_exist_ok=True)
            print(f"kept in {args.keep} (cd there; python -m mutmut show NAME)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if total.score < args.threshold:
        print(f"total score {total.score:.1f}% is below {args.threshold:g}%", file=sys.stderr)
        return 1
    print(f"total score {total.score:.1f}% (needed: {args.threshold:g}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
