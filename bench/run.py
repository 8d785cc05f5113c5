"""Benchmark samennw as users run it: whole processes, median of several runs, peak memory.

    python bench/run.py [--scale team|programma|nationaal] [--runs N] [--warmup N]
                        [--out-dir DIR] [--seed N] [--no-git] [--only NAME,NAME]

Generates the data repository with bench/generate.py into ``DIR/<scale>-s<seed>`` (default
DIR: /tmp/samennw-bench), or reuses it when its manifest matches the current generator
(and, as a git repository, is clean and still at its one commit).
By default the repository is made a git repository with one commit, as a real data
repository is, so the writing commands also pay for their git staging, and `--commit`
can be timed.

Measured and judged (issue #10): `--help`, `validate` (cold, warm, warm after one changed
file), `open-actions`, `render` notulen/agenda (the render team's last meeting),
besluitenlijst (that team, that year), ics, actielijst (md and docx), and the writing
commands `close`, `heropen`, `update`, `add-action`, each also with `--commit`. Every
writing command's changes are undone after each cycle (files from a copy, a new action
deleted, a commit taken back with ``git reset --soft`` in this repository only, then the
index reset); at the end the script checks that the data and HEAD are as they were.

Each command is a fresh process started with ``subprocess.Popen`` and reaped with
``os.wait4``: wall time is ``time.perf_counter`` around start and reap, peak memory is the
``ru_maxrss`` of that one child (what ``/usr/bin/time -v`` reports). ``getrusage(
RUSAGE_CHILDREN)`` would give the maximum over *all* children so far, not per command.

"cold" means samennw's own cache folder ``<D>/.samennw-cache`` is removed before every
timed run; the operating system's page cache stays warm in both cases (every command
runs once as a warm-up first).

Results: a plain-text table on stdout and ``bench/out/results-<scale>.json``.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
RESULTS_DIR = BENCH / "out"
CACHE_DIR = ".samennw-cache"
_SPEC = importlib.util.find_spec("samennw")
PACKAGE = Path(_SPEC.origin).parent if _SPEC and _SPEC.origin else BENCH.parent / "src/samennw"
DEFAULT_RUNS = {"team": 7, "programma": 5, "nationaal": 3}
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402  (bench/ is not a package)


@dataclass
class Measurement:
    name: str
    cmd: list[str]
    kind: str  # floor | samennw
    floor: str | None = None  # name of the floor it is compared with
    times: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    status: str = "ok"  # ok | n.v.t. | fout
    note: str = ""
    median: float | None = None
    cpu_median: float | None = None
    ratio: float | None = None

    def record(self, elapsed: float, cpu: float, rss: float) -> None:
        self.times.append(elapsed)
        self.cpu.append(cpu)
        self.rss_mb.append(rss)

    def finish(self) -> None:
        if self.times:
            self.median = statistics.median(self.times)
            self.cpu_median = statistics.median(self.cpu)

    @property
    def peak_mb(self) -> float | None:
        return max(self.rss_mb) if self.rss_mb else None


GNU_TIME = "/usr/bin/time" if Path("/usr/bin/time").is_file() else None


def run_once(
    cmd: list[str], cwd: Path, env: dict[str, str]
) -> tuple[float, float, float, int, str]:
    """Run ``cmd`` once: (wall seconds, CPU seconds, peak RSS in MB, exit code, output tail).

    CPU seconds (user + system) are far less disturbed than wall time when other work
    shares the machine; the targets use wall time.

    Peak RSS comes from GNU time's ``%M`` (its child's ``ru_maxrss``). Measuring the child
    of this Python process directly would not work: Linux carries the RSS high-water mark
    of the forked copy of *this* process across ``exec``, so every child would report at
    least this process's own RSS (~25 MB). Without /usr/bin/time that is what we get, and
    the number is then only an upper bound for small commands.
    """
    with tempfile.TemporaryFile() as out, tempfile.NamedTemporaryFile("r") as rss_file:
        full = [GNU_TIME, "-f", "%M", "-o", rss_file.name, *cmd] if GNU_TIME else cmd
        start = time.perf_counter()
        proc = subprocess.Popen(full, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        tail = out.read()[-2000:].decode("utf-8", "replace")
        last = (rss_file.read().strip().splitlines() or [""])[-1]
    kb = int(last) if GNU_TIME and last.isdigit() else usage.ru_maxrss
    # wait4's times include the reaped grandchild (the command under GNU time), in µs
    cpu = usage.ru_utime + usage.ru_stime
    return elapsed, cpu, kb / 1024, proc.returncode, tail


class BenchError(Exception):
    """A command under test failed; its measurement says how."""


@dataclass
class Writer:
    """Writing commands timed as one cycle, then the data is put back exactly.

    ``steps`` run in this order per cycle (close, then heropen); ``guard`` holds the bytes
    every touched file must have afterwards (``None``: must not exist); a command that
    creates one new file does so in ``creates_in``.
    """

    steps: list[tuple[str, list[str]]]
    guard: dict[Path, bytes | None]
    creates_in: Path | None = None
    note: str = ""
    restored: int = 0  # cycles after which a file had to be put back from its copy
    created: list[str] = field(default_factory=list)  # files the command made (relative)


class Bench:
    def __init__(self, args: argparse.Namespace, root: Path, manifest: dict) -> None:
        self.args, self.root, self.manifest = args, root, manifest
        self.python = sys.executable
        exe = Path(sys.executable).with_name("samennw")
        self.samennw = str(exe) if exe.exists() else shutil.which("samennw") or "samennw"
        # an installed package has its bytecode; a source checkout run with
        # PYTHONDONTWRITEBYTECODE would compile every module on every run instead
        if not compileall.compile_dir(str(PACKAGE), quiet=1):
            sys.exit(f"kan de bytecode van {PACKAGE} niet maken")
        self.env = dict(os.environ)
        self.env["SAMENNW_DATUM"] = manifest["today"]  # reproducible 'today' for the data
        self.env.pop("SAMENNW_DATA", None)
        self.cwd = Path(tempfile.mkdtemp(prefix="samennw-bench-cwd-"))
        self.results: list[Measurement] = []
        self.only = set(args.only.split(",")) if args.only else None
        # the data repository is the bench's own git repository (not one around it): only
        # then are the commits of `--commit` taken back
        self.git = is_own_git_repository(root)
        self.start_head = _git(root, "rev-parse", "HEAD").stdout.strip() if self.git else None
        self.roles: dict[str, str] = {}  # role in the targets → measurement name
        self.writer_pairs: list[tuple[str, str]] = []  # (without, with --commit)
        # every file the benchmark changes, as it was, and the folders it adds files to
        self.guards: dict[Path, bytes | None] = {}
        self.listings: dict[Path, set[str]] = {}
        self.data_check = ""  # the data after the benchmark, as it was before?
        self.data_ok = True

    def wanted(self, name: str) -> bool:
        return self.only is None or any(part in name for part in self.only)

    def drop_cache(self) -> None:
        shutil.rmtree(self.root / CACHE_DIR, ignore_errors=True)

    def has_command(self, *words: str) -> bool:
        cmd = [self.samennw, *words, "--help"]
        return subprocess.run(cmd, env=self.env, cwd=self.cwd, capture_output=True).returncode == 0

    def measure(
        self,
        name: str,
        cmd: list[str],
        *,
        kind: str = "samennw",
        floor: str | None = None,
        before: Callable[[], None] | None = None,
        ok_codes: tuple[int, ...] = (0,),
        force: bool = False,
    ) -> Measurement:
        """Time ``cmd``; ``force``: also when --only leaves it out (another target needs it)."""
        m = Measurement(name, cmd, kind, floor)
        self.results.append(m)
        if not (force or self.wanted(name)):
            m.status, m.note = "n.v.t.", "overgeslagen (--only)"
            return m
        print(f"  {name} …", file=sys.stderr, flush=True)
        runs = self.args.runs
        if kind == "floor" or name == "samennw --help":  # cheap and noisy: more runs
            runs = max(runs, self.args.floor_runs)
        for i in range(self.args.warmup + runs):
            if before is not None:
                before()
            elapsed, cpu, rss, code, tail = run_once(cmd, self.cwd, self.env)
            if code not in ok_codes:
                m.status = "fout"
                m.note = f"exit {code}: {last_line(tail)}"
                print(f"    {m.note}", file=sys.stderr)
                break
            if i >= self.args.warmup:
                m.record(elapsed, cpu, rss)
        m.finish()
        return m

    def not_available(self, name: str, note: str, floor: str | None = None) -> None:
        self.results.append(Measurement(name, [], "samennw", floor, status="n.v.t.", note=note))

    # --- the benchmark ------------------------------------------------------------------
    def run(self) -> None:
        d = str(self.root)
        py, sam = self.python, self.samennw
        nationaal = self.args.scale == "nationaal"
        query_floor = "grep" if nationaal else "import"
        # the import floors are cheap and nearly every target needs one: always measured
        self.measure("floor: import typer", [py, "-c", "import typer"], kind="floor", force=True)
        self.measure(
            "floor: import typer, pydantic, yaml",
            [py, "-c", "import typer, pydantic, yaml"],
            kind="floor",
            force=True,
        )
        self.measure(
            "floor: typer command, open-actions' options",
            [py, str(BENCH / "typer_floor.py"), "--owner", "Tjalling", "--data", d],
            kind="floor",
        )
        self.measure(
            "floor: grep -rl Tjalling data",
            ["grep", "-rl", "Tjalling", f"{d}/data"],
            kind="floor",
            force=nationaal and self.wanted("open-actions"),
        )
        self.measure(
            "floor: libyaml, all files, 1 process",
            [py, str(BENCH / "parse_all.py"), d],
            kind="floor",
            force=self.wanted("validate (cold)"),
        )
        self.measure("samennw --help", [sam, "--help"], floor="import typer")
        validate = [sam, "validate", "--data", d]
        self.measure("validate (cold)", validate, floor="libyaml", before=self.drop_cache)
        self.measure("validate (warm)", validate, floor="libyaml")
        self.validate_after_change()
        owner = [sam, "open-actions", "--owner", "Tjalling", "--data", d]
        if self.has_command("open-actions"):
            self.measure("open-actions (cold)", owner, floor=query_floor, before=self.drop_cache)
            self.measure("open-actions (warm)", owner, floor=query_floor)
        else:
            for name in ("open-actions (cold)", "open-actions (warm)"):
                self.not_available(name, "commando bestaat (nog) niet", query_floor)
        self.renders()
        self.writers()
        self.check_data()
        shutil.rmtree(self.cwd, ignore_errors=True)

    def action_ids(self) -> list[str]:
        """Tjalling's open actions: [0] close/heropen, [1] update, [2] validate's change."""
        tj = self.manifest["tjalling"]
        return [*tj["open_personal"], *tj["open_via_team"]]

    def open_action(self, index: int) -> Path:
        return self.root / "data" / "acties" / "open" / f"{self.action_ids()[index]}.md"

    def validate_after_change(self) -> None:
        """Warm `validate` after one action file changed (as after an edit or a pull).

        Before every run the file gets one of two versions (its body plus one line, A or
        B), so its content really differs from what the previous run saw; afterwards it
        gets its own bytes back.
        """
        name = "validate (warm, 1 bestand gewijzigd)"
        self.roles["validate changed"] = name
        path = self.open_action(2)
        original = path.read_bytes()
        self.guards.setdefault(path, original)
        versions = [
            original + b"\nBench: wijziging A.\n",
            original + b"\nBench: wijziging BB, een tweede versie.\n",
        ]
        turn = [0]

        def change() -> None:
            path.write_bytes(versions[turn[0] % 2])
            turn[0] += 1

        cmd = [self.samennw, "validate", "--data", str(self.root)]
        try:
            m = self.measure(name, cmd, floor="libyaml", before=change)
        finally:
            if turn[0]:
                path.write_bytes(original)
        if m.status == "ok":
            m.note = f"{relative_to(path, self.root)}: voor elke run 1 regel erbij (A/B)"

    def renders(self) -> None:
        """The documents of issue #10: one meeting, one team's year, its calendar, its list."""
        d, sam = str(self.root), self.samennw
        team = self.manifest["render_team"]
        meeting = last_meeting(self.root, team)
        md_name = f"render actielijst {team}"
        docx_name = f"render actielijst {team} -f docx"
        self.roles["actielijst md"], self.roles["actielijst docx"] = md_name, docx_name
        documents: list[tuple[str, str, list[str]]] = []  # (role, name, command words)
        if meeting is None:
            for role in ("notulen", "agenda", "besluitenlijst"):
                self.roles[role] = f"render {role}"
                self.not_available(f"render {role}", f"geen vergadering van {team}", "import")
        else:
            year = meeting.removeprefix(f"{team}-")[:4]
            van_tot = ["--van", f"{year}-01-01", "--tot", f"{year}-12-31"]
            documents += [
                ("notulen", f"render notulen {meeting}", ["notulen", meeting]),
                ("agenda", f"render agenda {meeting}", ["agenda", meeting]),
                (
                    "besluitenlijst",
                    f"render besluitenlijst {team} {year}",
                    ["besluitenlijst", team, *van_tot],
                ),
            ]
        documents.append(("ics", f"render ics {team}", ["ics", team]))
        for role, name, words in documents:
            self.roles[role] = name
            if self.has_command("render", words[0]):
                self.measure(name, [sam, "render", *words, "--data", d], floor="import")
            else:
                self.not_available(name, "commando bestaat (nog) niet", "import")
        if not self.has_command("render", "actielijst"):
            self.not_available(md_name, "commando bestaat (nog) niet", "import")
            self.not_available(docx_name, "commando bestaat (nog) niet", "actielijst md")
            return
        self.measure(
            md_name,
            [sam, "render", "actielijst", team, "--data", d],
            floor="import",
            force=self.wanted(docx_name),  # the docx target compares with it
        )
        out_dir = Path(tempfile.mkdtemp(prefix="samennw-bench-docx-"))
        try:
            out = out_dir / f"actielijst-{team}.docx"
            cmd = [sam, "render", "actielijst", team, "-f", "docx", "-o", str(out), "--data", d]
            m = self.measure(docx_name, cmd, floor="actielijst md")
            if m.status == "ok":
                size = out.stat().st_size if out.is_file() else 0
                m.note = f"naar een tijdelijke map ({size / 1024:.0f} kB)"
                if not size:
                    m.status, m.note = "fout", "geen docx geschreven"
        finally:
            shutil.rmtree(out_dir, ignore_errors=True)

    # --- writing commands ---------------------------------------------------------------
    def writers(self) -> None:
        """close/heropen, update and add-action, each without and with ``--commit``."""
        d, sam = str(self.root), self.samennw
        acties = self.root / "data" / "acties"
        close_id, update_id = self.action_ids()[:2]
        date = self.manifest["close_date"]
        team = self.manifest["render_team"]
        close_open = acties / "open" / f"{close_id}.md"
        update_path = self.open_action(1)
        new_action = ["--wat", "Bench: nieuwe actie", "--wie", "Tjalling"]
        cycles = [
            Writer(
                steps=[
                    ("close <ID>", [sam, "close", close_id, "--datum", date, "--data", d]),
                    ("heropen <ID>", [sam, "heropen", close_id, "--datum", date, "--data", d]),
                ],
                guard={
                    close_open: close_open.read_bytes(),
                    acties / "afgerond" / f"{close_id}.md": None,
                },
                note=f"actie {close_id}, --datum {date}",
            ),
            Writer(
                steps=[
                    (
                        "update <ID> --tekst",
                        [sam, "update", update_id, "--tekst", "Bench: voortgang.", "--data", d],
                    )
                ],
                guard={update_path: update_path.read_bytes()},
                note=f"actie {update_id}",
            ),
            Writer(
                steps=[
                    (
                        f"add-action {team}",
                        [sam, "add-action", team, *new_action, "--data", d],
                    )
                ],
                guard={},
                creates_in=acties / "open",
            ),
        ]
        for writer in cycles:
            for path, content in writer.guard.items():
                self.guards.setdefault(path, content)
            if writer.creates_in is not None:
                self.listings.setdefault(writer.creates_in, names_in(writer.creates_in))
            commands = [cmd[1] for _, cmd in writer.steps]
            if not all(self.has_command(c) for c in commands):
                for name, _ in writer.steps:
                    self.not_available(name, "commando bestaat (nog) niet", "import")
                    self.not_available(f"{name} --commit", "commando bestaat (nog) niet")
                    self.writer_pairs.append((name, f"{name} --commit"))
                continue
            self.write_cycle(writer)

    def write_cycle(self, w: Writer) -> None:
        """Time ``w``'s steps, alternately without and with ``--commit`` (the difference is
        a target), putting the data back after every cycle."""
        plain = [Measurement(name, cmd, "samennw", "import") for name, cmd in w.steps]
        committed = [
            Measurement(f"{name} --commit", [*cmd, "--commit"], "samennw", "import")
            for name, cmd in w.steps
        ]
        self.results += plain + committed
        self.writer_pairs += [(a.name, b.name) for a, b in zip(plain, committed, strict=True)]
        if not any(self.wanted(m.name) for m in plain + committed):
            for m in plain + committed:
                m.status, m.note = "n.v.t.", "overgeslagen (--only)"
            return
        variants = [plain]
        if self.git:
            variants.append(committed)
        else:
            for m in committed:
                m.status, m.note = "n.v.t.", "geen git-repository (--no-git)"
        also = " (ook --commit)" if self.git else ""
        print(f"  {' / '.join(m.name for m in plain)}{also} …", file=sys.stderr, flush=True)
        listing = names_in(w.creates_in) if w.creates_in else set()
        try:
            for i in range(self.args.warmup + self.args.runs):
                for variant in variants:
                    head = self.head() if variant is committed else None
                    try:
                        self.run_steps(variant, w, listing, i >= self.args.warmup, head)
                    finally:
                        self.put_back(w, head, listing)
        except BenchError as exc:
            print(f"    {exc}", file=sys.stderr)
            for m in plain + committed:
                if m.status == "ok":
                    m.status, m.note = "n.v.t.", "niet (volledig) gemeten: een stap faalde"
        for m in plain + committed:
            m.finish()
        if w.creates_in is not None:
            restore = f"nieuw bestand na elke run verwijderd ({', '.join(sorted(set(w.created)))})"
        elif len(plain) > 1:  # close/heropen: heropen should give the bytes back itself
            restore = (
                f"{w.restored}× hersteld uit kopie (heropen gaf niet dezelfde bytes terug)"
                if w.restored
                else "heropen geeft het bestand byte-voor-byte terug"
            )
        else:
            restore = "bestand na elke run hersteld uit kopie"
        notes = [w.note, restore] if len(plain) == 1 else [w.note]
        if len(plain) > 1 and plain[-1].status == "ok":
            plain[-1].note = restore
        if plain[0].status == "ok":
            plain[0].note = "; ".join(n for n in notes if n)

    def run_steps(
        self, steps: list[Measurement], w: Writer, listing: set[str], timed: bool, head: str | None
    ) -> None:
        """One cycle of ``w``; ``head`` given: with --commit, so each step must commit."""
        for m in steps:
            elapsed, cpu, rss, code, tail = run_once(m.cmd, self.cwd, self.env)
            if code != 0:
                m.status, m.note = "fout", f"exit {code}: {last_line(tail)}"
                raise BenchError(m.note)
            if head is not None:
                new_head = self.head()
                if new_head == head:
                    m.status, m.note = "fout", f"--commit maakte geen commit: {last_line(tail)}"
                    raise BenchError(m.note)
                head = new_head
            if timed:
                m.record(elapsed, cpu, rss)
            if w.creates_in is not None:
                self.check_created(m, w, listing, tail)

    def check_created(self, m: Measurement, w: Writer, listing: set[str], output: str) -> None:
        """The one new file is the one the command named (put_back deletes it)."""
        assert w.creates_in is not None
        new = sorted(names_in(w.creates_in) - listing)
        named = [
            line.strip()
            for line in output.splitlines()
            if line.strip().endswith(".md") and Path(line.strip()).parent.name == w.creates_in.name
        ]
        expected = [relative_to(w.creates_in / n, self.root) for n in new]
        if len(new) != 1 or named != expected:
            m.status, m.note = "fout", f"nieuwe bestanden {expected}, gemeld: {named}"
            raise BenchError(m.note)
        w.created.append(expected[0])

    def head(self) -> str:
        return _git(self.root, "rev-parse", "HEAD").stdout.strip()

    def put_back(self, w: Writer, head: str | None, listing: set[str]) -> None:
        """The data as before the cycle: commits taken back, files restored, index reset.

        With ``--commit`` (``head`` given) HEAD is moved back with ``git reset --soft``
        (only in the bench's own repository, only when ``head`` is an ancestor: the commits
        the cycle made), the files are restored, then the index follows HEAD again
        (``git reset -q``). Nothing else in the working tree is touched.
        """
        if head is not None and self.git:
            current = self.head()
            if current != head:
                ancestor = subprocess.run(
                    ["git", "merge-base", "--is-ancestor", head, current], cwd=self.root
                )
                if ancestor.returncode != 0:
                    raise RuntimeError(f"HEAD {current} stamt niet af van {head}; niets teruggezet")
                _git(self.root, "reset", "-q", "--soft", head)
        if w.creates_in is not None:
            for name in sorted(names_in(w.creates_in) - listing):
                (w.creates_in / name).unlink()  # made by this cycle's command
        restored = False
        for path, content in w.guard.items():
            current_bytes = path.read_bytes() if path.exists() else None
            if current_bytes == content:
                continue
            restored = True
            if content is None:
                path.unlink()
            else:
                path.write_bytes(content)
        w.restored += restored
        if self.git:
            _git(self.root, "reset", "-q")

    def check_data(self) -> None:
        """After the benchmark: every file it changed as it was, no file added, and (git)
        ``git status`` empty with HEAD where it was."""
        problems = [
            relative_to(path, self.root)
            for path, content in self.guards.items()
            if (path.read_bytes() if path.exists() else None) != content
        ]
        for folder, names in self.listings.items():
            problems += [relative_to(folder / n, self.root) for n in names_in(folder) - names]
        head = self.head() if self.git else None
        status = _git(self.root, "status", "--porcelain").stdout.strip() if self.git else ""
        if head != self.start_head:
            problems.append(f"HEAD {head} (start {self.start_head})")
        if status:
            problems.append(f"git status: {status[:300]!r}")
        self.data_ok = not problems
        if problems:
            self.data_check = f"FOUT: gegevens na afloop gewijzigd: {'; '.join(problems)}"
        elif self.git:
            self.data_check = (
                f"gegevens na afloop ongewijzigd: {len(self.guards)} bestanden byte-voor-byte, "
                f"git status leeg, HEAD {(head or '')[:10]} zoals bij de start"
            )
        else:
            self.data_check = (
                f"gegevens na afloop ongewijzigd: {len(self.guards)} bestanden byte-voor-byte, "
                "geen nieuwe bestanden (geen git-repository)"
            )

    # --- results ------------------------------------------------------------------------
    def floors(self, attr: str = "median") -> dict[str, float | None]:
        """Floor values by short name: wall-time medians, or ``attr="cpu_median"``."""
        by_name = {m.name: getattr(m, attr) for m in self.results if m.kind == "floor"}
        imp = by_name.get("floor: import typer, pydantic, yaml")
        grep = by_name.get("floor: grep -rl Tjalling data")
        return {
            "import typer": by_name.get("floor: import typer"),
            "import": imp,
            "grep": grep,
            "import+grep": imp + grep if imp is not None and grep is not None else None,
            "libyaml": by_name.get("floor: libyaml, all files, 1 process"),
        }

    def baselines(self, attr: str = "median") -> dict[str, float | None]:
        """The floors plus the measurements other commands are compared with."""
        base = self.floors(attr)
        md = self.get(self.roles.get("actielijst md", ""))
        base["actielijst md"] = getattr(md, attr) if md and md.status == "ok" else None
        return base

    def get(self, name: str) -> Measurement | None:
        return next((m for m in self.results if m.name == name), None)

    def targets(self) -> list[dict[str, object]]:
        """Every target of issue #10, judged on wall time; CPU seconds next to it."""
        floors, cpu_floors = self.baselines(), self.baselines("cpu_median")
        scale = self.args.scale
        nationaal = scale == "nationaal"
        rows: list[dict[str, object]] = []

        def verdict_of(value: float | None, limit: float | None) -> str:
            if value is None or limit is None:
                return "n.v.t."
            return "PASS" if value <= limit else "FAIL"

        def ok(name: str) -> Measurement | None:
            m = self.get(name)
            return m if m is not None and m.status == "ok" and m.median is not None else None

        def minus(b: float | None, a: float | None) -> float | None:
            return b - a if a is not None and b is not None else None

        def add(
            label: str,
            value: float | None,
            limit: float | None,
            cpu: float | None,
            cpu_limit: float | None,
            *,
            scales: tuple[str, ...] | None = None,
            one_process: bool = True,
            delta: bool = False,
        ) -> None:
            """``scales``: judged only there (elsewhere the numbers with verdict n.v.t.).
            ``one_process=False``: the command may use every CPU, so its CPU seconds
            (summed over its processes) are shown but not judged against the floor's."""
            judged = scales is None or scale in scales
            if not judged:
                label += f" (target applies at {', '.join(scales or ())})"
            row: dict[str, object] = {
                "target": label,
                "value": value,
                "limit": limit,
                "unit": "s",
                "verdict": verdict_of(value, limit) if judged else "n.v.t.",
                "cpu_value": cpu,
                "cpu_limit": cpu_limit,
                "cpu_verdict": verdict_of(cpu, cpu_limit) if judged and one_process else "n.v.t.",
            }
            if not one_process:
                row["cpu_all_processes"] = True
            if delta:
                row["delta"] = True
            rows.append(row)

        def relative(
            label: str,
            name: str,
            factor: float,
            floor: str,
            *,
            scales: tuple[str, ...] | None = None,
            one_process: bool = True,
        ) -> None:
            m = ok(name)
            base, cpu_base = floors.get(floor), cpu_floors.get(floor)
            add(
                label,
                m.median if m else None,
                factor * base if base is not None else None,
                m.cpu_median if m else None,
                factor * cpu_base if cpu_base is not None else None,
                scales=scales,
                one_process=one_process,
            )

        def absolute(
            label: str,
            name: str,
            seconds: float,
            *,
            scales: tuple[str, ...] | None = None,
            one_process: bool = True,
        ) -> None:
            m = ok(name)
            value, cpu = (m.median, m.cpu_median) if m else (None, None)
            add(label, value, seconds, cpu, seconds, scales=scales, one_process=one_process)

        if nationaal:
            relative("warm open-actions ≤ 0.7× grep -rl floor", "open-actions (warm)", 0.7, "grep")
        else:
            relative("warm open-actions ≤ 2× import floor", "open-actions (warm)", 2, "import")
        relative("samennw --help ≤ 1.3× import typer", "samennw --help", 1.3, "import typer")
        relative(
            "cold validate ≤ 0.5× libyaml floor",
            "validate (cold)",
            0.5,
            "libyaml",
            scales=("programma", "nationaal"),
            one_process=False,
        )
        absolute(
            "warm validate after 1 changed file ≤ 1.5 s",
            self.roles.get("validate changed", ""),
            1.5,
            scales=("nationaal",),
            one_process=False,
        )
        factor = 4 if nationaal else 3
        for role in ("notulen", "agenda", "besluitenlijst", "ics"):
            relative(
                f"warm render {role} ≤ {factor}× import floor",
                self.roles.get(role, ""),
                factor,
                "import",
            )
        relative(
            "render actielijst -f docx ≤ 2× md",
            self.roles.get("actielijst docx", ""),
            2,
            "actielijst md",
        )
        for plain, _ in self.writer_pairs:
            absolute(f"warm {plain} ≤ 1.0 s", plain, 1.0, scales=("nationaal",))
        for plain, committed in self.writer_pairs:
            label = f"{plain}: --commit adds ≤ 0.3 s"
            if not self.git:
                label += " (needs the git repository)"
            a, b = ok(plain), ok(committed)
            wall = minus(b.median, a.median) if a and b else None
            cpu = minus(b.cpu_median, a.cpu_median) if a and b else None
            add(label, wall, 0.3, cpu, 0.3, delta=True)
        peak = max(
            (m.peak_mb for m in self.results if m.kind == "samennw" and m.peak_mb is not None),
            default=None,
        )
        label = "peak memory (all samennw commands) ≤ 300 MB"
        if nationaal:
            verdict = "n.v.t." if peak is None else ("PASS" if peak <= 300 else "FAIL")
        else:
            verdict = "n.v.t."
            label += " (target applies at nationaal)"
        rows.append(
            {"target": label, "value": peak, "limit": 300.0, "unit": "MB", "verdict": verdict}
        )
        return rows

    def report(self, generation: dict[str, object]) -> dict[str, object]:
        baselines = self.baselines()
        for m in self.results:
            base = baselines.get(m.floor) if m.floor else None
            if m.median is not None and base:
                m.ratio = m.median / base
        for plain, committed in self.writer_pairs:
            a, b = self.get(plain), self.get(committed)
            if a and b and a.median is not None and b.median is not None and not b.note:
                b.note = f"{b.median - a.median:+.3f} s t.o.v. zonder --commit"
        targets = self.targets()
        c = self.manifest["counts"]
        floor_runs = max(self.args.runs, self.args.floor_runs)
        title = (
            f"samennw bench — schaal {self.args.scale} (seed {self.args.seed}): "
            f"{c['bestanden']:,} bestanden, {c['vergaderingen']:,} vergaderingen, "
            f"{c['acties']:,} acties ({c['open']:,} open); "
            f"{self.args.runs} runs (vloeren en --help: {floor_runs}) "
            f"na {self.args.warmup} warm-up; mediaan"
        )
        print()
        print(title)
        print(format_table(self.results))
        print()
        width = max(len(str(t["target"])) for t in targets)
        for t in targets:
            print(format_target(t, width))
        print()
        print(self.data_check)
        return {
            "scale": self.args.scale,
            "seed": self.args.seed,
            "runs": self.args.runs,
            "floor_runs": floor_runs,
            "warmup": self.args.warmup,
            "bytecode": f"precompiled ({PACKAGE})",
            "data": str(self.root),
            "git": (self.root / ".git").exists(),
            "counts": c,
            "generation": generation,
            "floors_s": self.floors(),
            "results": [{**asdict(m), "peak_rss_mb": m.peak_mb} for m in self.results],
            "targets": targets,
            "data_check": {"ok": self.data_ok, "text": self.data_check},
            "environment": environment(),
        }


def format_target(t: dict[str, object], width: int) -> str:
    """One target: value ≤ limit, verdict, and the CPU seconds next to it."""
    fmt = ".1f" if t["unit"] == "MB" else "+.3f" if t.get("delta") else ".3f"
    value = "—" if t["value"] is None else f"{t['value']:{fmt}} {t['unit']}"
    limit = "—" if t["limit"] is None else f"{t['limit']:{fmt.lstrip('+')}} {t['unit']}"
    line = f"{t['target']:<{width}}  {value:>12} ≤ {limit:<12} {t['verdict']:<6}"
    cpu, cpu_limit = t.get("cpu_value"), t.get("cpu_limit")
    if cpu is not None and t.get("cpu_all_processes"):
        line += f"  (cpu, alle processen samen: {cpu:.3f})"
    elif cpu is not None and cpu_limit is not None:
        line += f"  (cpu: {cpu:{fmt}} ≤ {cpu_limit:.3f} {t['cpu_verdict']})"
    return line.rstrip()


def format_table(results: list[Measurement]) -> str:
    header = ["commando", "mediaan s", "min s", "max s", "cpu s", "× vloer", "vloer", "piek RSS MB"]
    header.append("noot")
    rows = []
    for m in results:
        if m.status != "ok" or m.median is None:
            note = m.note if len(m.note) <= 90 else m.note[:89] + "…"
            rows.append([m.name, m.status, "", "", "", "", m.floor or "", "", note])
            continue
        rows.append(
            [
                m.name,
                f"{m.median:.3f}",
                f"{min(m.times):.3f}",
                f"{max(m.times):.3f}",
                f"{m.cpu_median:.3f}" if m.cpu_median is not None else "",
                f"{m.ratio:.2f}" if m.ratio is not None else "",
                m.floor or "",
                f"{m.peak_mb:.1f}" if m.peak_mb is not None else "",
                m.note,
            ]
        )
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    right = {1, 2, 3, 4, 5, 7}

    def line(cells: list[str]) -> str:
        parts = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(
            zip(cells, widths, strict=True))]  # fmt: skip
        return "  ".join(parts).rstrip()

    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])


def environment() -> dict[str, object]:
    head = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=BENCH, capture_output=True, text=True
    ).stdout.strip()
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "samennw_commit": head,
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }


def last_line(output: str) -> str:
    lines = output.strip().splitlines()
    return lines[-1] if lines else ""


def relative_to(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def names_in(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def last_meeting(root: Path, team: str) -> str | None:
    """The last meeting of ``team`` itself (ids ``<team>-JJJJ-MM-DD``; not its werkgroepen')."""
    pattern = re.compile(rf"{re.escape(team)}-(\d{{4}}-\d{{2}}-\d{{2}})")
    found = [
        (match.group(1), path.stem)
        for path in (root / "data" / "meetings").glob("*/*.md")
        if (match := pattern.fullmatch(path.stem))
    ]
    return max(found)[1] if found else None


# --- data -----------------------------------------------------------------------------------


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = ["git", "-c", "user.name=samennw-bench", "-c", "user.email=bench@example.invalid"]
    return subprocess.run([*cmd, *args], cwd=root, capture_output=True, text=True, check=True)


def is_own_git_repository(root: Path) -> bool:
    """``root`` is the top of its own git repository (made by :func:`ensure_data`)."""
    if not (root / ".git").is_dir():
        return False
    top = subprocess.run(
        ["git", "rev-parse", "--show-toplevel"], cwd=root, capture_output=True, text=True
    )
    return top.returncode == 0 and Path(top.stdout.strip()).resolve() == root.resolve()


def reusable(root: Path, scale: str, seed: int, git: bool) -> dict | None:
    path = root / "bench-manifest.json"
    if not path.is_file():
        return None
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if (manifest.get("scale"), manifest.get("seed")) != (scale, seed):
        return None
    if manifest.get("generator") != generate.generator_digest():
        return None
    if git != (root / ".git").is_dir():
        return None
    if git and not is_own_git_repository(root):
        return None
    if git and _git(root, "status", "--porcelain").stdout.strip():
        return None  # an interrupted run left changes behind
    if git and _git(root, "rev-list", "--count", "HEAD").stdout.strip() != "1":
        return None  # ... or a commit of `--commit` (generated data has exactly one)
    return manifest


def ensure_data(out_dir: Path, scale: str, seed: int, git: bool) -> tuple[Path, dict, dict]:
    """The repository root, its manifest, and how long generation took (or 'hergebruikt')."""
    root = out_dir / f"{scale}-s{seed}"
    manifest = reusable(root, scale, seed, git)
    if manifest is not None:
        print(f"gegevens hergebruikt: {root}", file=sys.stderr)
        return root, manifest, {"reused": True}
    print(f"gegevens genereren: {root} …", file=sys.stderr, flush=True)
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    start = time.perf_counter()
    manifest = generate.generate(scale, root, seed, jobs=os.cpu_count() or 1)
    info: dict[str, object] = {"reused": False, "generate_s": time.perf_counter() - start}
    if git:
        start = time.perf_counter()
        (root / ".gitignore").write_text(f"{CACHE_DIR}/\n", encoding="utf-8")
        _git(root, "init", "-q")
        _git(root, "add", "-A")
        _git(root, "commit", "-q", "-m", "Gegenereerde gegevens (bench/generate.py)")
        info["git_commit_s"] = time.perf_counter() - start
    print(f"  klaar: {info}", file=sys.stderr)
    return root, manifest, info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=sorted(generate.SCALES), default="programma")
    parser.add_argument("--runs", type=int, help="timed runs per command (default per scale)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs first (default 1)")
    parser.add_argument(
        "--floor-runs", type=int, default=15, help="at least this many runs for floors and --help"
    )
    parser.add_argument("--out-dir", type=Path, default=Path("/tmp/samennw-bench"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-git", action="store_true", help="no git repository for the data")
    parser.add_argument("--only", help="comma-separated parts of command names to run")
    args = parser.parse_args(argv)
    if args.runs is None:
        args.runs = DEFAULT_RUNS[args.scale]
    root, manifest, generation = ensure_data(
        args.out_dir.resolve(), args.scale, args.seed, not args.no_git
    )
    bench = Bench(args, root, manifest)
    bench.run()
    result = bench.report(generation)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    out = RESULTS_DIR / f"results-{args.scale}.json"
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\nresultaten: {out}", file=sys.stderr)
    if not bench.data_ok:
        print(bench.data_check, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
