"""Benchmark samennw as users run it: whole processes, median of several runs, peak memory.

    python bench/run.py [--scale team|programma|nationaal] [--runs N] [--warmup N]
                        [--out-dir DIR] [--seed N] [--no-git] [--only NAME,NAME]

Generates the data repository with bench/generate.py into ``DIR/<scale>-s<seed>`` (default
DIR: /tmp/samennw-bench), or reuses it when its manifest matches the current generator.
By default the repository is made a git repository with one commit, as a real data
repository is, so `close`/`heropen` also pay for their git staging.

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

    def wanted(self, name: str) -> bool:
        return self.only is None or any(part in name for part in self.only)

    def drop_cache(self) -> None:
        shutil.rmtree(self.root / CACHE_DIR, ignore_errors=True)

    def has_command(self, *words: str) -> bool:
        cmd = [self.samennw, *words, "--help"]
        return subprocess.run(cmd, env=self.env, capture_output=True).returncode == 0

    def measure(
        self,
        name: str,
        cmd: list[str],
        *,
        kind: str = "samennw",
        floor: str | None = None,
        before: Callable[[], None] | None = None,
        ok_codes: tuple[int, ...] = (0,),
    ) -> Measurement:
        m = Measurement(name, cmd, kind, floor)
        self.results.append(m)
        if not self.wanted(name):
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
                m.note = f"exit {code}: {tail.strip().splitlines()[-1] if tail.strip() else ''}"
                print(f"    {m.note}", file=sys.stderr)
                break
            if i >= self.args.warmup:
                m.times.append(elapsed)
                m.cpu.append(cpu)
                m.rss_mb.append(rss)
        m.finish()
        return m

    def not_available(self, name: str, note: str, floor: str | None = None) -> None:
        self.results.append(Measurement(name, [], "samennw", floor, status="n.v.t.", note=note))

    # --- the benchmark ------------------------------------------------------------------
    def run(self) -> None:
        d = str(self.root)
        py, sam = self.python, self.samennw
        nationaal = self.args.scale == "nationaal"
        query_floor = "import+grep" if nationaal else "import"
        self.measure("floor: import typer", [py, "-c", "import typer"], kind="floor")
        self.measure(
            "floor: import typer, pydantic, yaml",
            [py, "-c", "import typer, pydantic, yaml"],
            kind="floor",
        )
        self.measure(
            "floor: typer command, open-actions' options",
            [py, str(BENCH / "typer_floor.py"), "--owner", "Tjalling", "--data", d],
            kind="floor",
        )
        self.measure(
            "floor: grep -rl Tjalling data", ["grep", "-rl", "Tjalling", f"{d}/data"], kind="floor"
        )
        self.measure(
            "floor: libyaml, all files, 1 process",
            [py, str(BENCH / "parse_all.py"), d],
            kind="floor",
        )
        self.measure("samennw --help", [sam, "--help"], floor="import typer")
        validate = [sam, "validate", "--data", d]
        self.measure("validate (cold)", validate, floor="libyaml", before=self.drop_cache)
        self.measure("validate (warm)", validate, floor="libyaml")
        owner = [sam, "open-actions", "--owner", "Tjalling", "--data", d]
        if self.has_command("open-actions"):
            self.measure("open-actions (cold)", owner, floor=query_floor, before=self.drop_cache)
            self.measure("open-actions (warm)", owner, floor=query_floor)
        else:
            for name in ("open-actions (cold)", "open-actions (warm)"):
                self.not_available(name, "commando bestaat (nog) niet", query_floor)
        self.close_reopen()
        team = self.manifest["render_team"]
        if self.has_command("render", "actielijst"):
            self.measure(
                f"render actielijst {team}",
                [sam, "render", "actielijst", team, "--data", d],
                floor="import",
            )
        else:
            self.not_available(f"render actielijst {team}", "commando bestaat (nog) niet", "import")
        shutil.rmtree(self.cwd, ignore_errors=True)

    def close_reopen(self) -> None:
        """Time `close ID` and `heropen ID` alternately; the action ends where it started."""
        names = ("close <ID>", "heropen <ID>")
        if not (self.has_command("close") and self.has_command("heropen")):
            for name in names:
                self.not_available(name, "commando bestaat (nog) niet", "import")
            return
        tj = self.manifest["tjalling"]
        action_id = (tj["open_personal"] or tj["open_via_team"])[0]
        open_path = self.root / "data" / "acties" / "open" / f"{action_id}.md"
        closed_path = self.root / "data" / "acties" / "afgerond" / f"{action_id}.md"
        original = open_path.read_bytes()
        d, sam = str(self.root), self.samennw
        date = self.manifest["close_date"]
        close = [sam, "close", action_id, "--datum", date, "--data", d]
        reopen = [sam, "heropen", action_id, "--datum", date, "--data", d]
        mc = Measurement(names[0], close, "samennw", "import")
        mr = Measurement(names[1], reopen, "samennw", "import")
        self.results += [mc, mr]
        if not self.wanted("close") and not self.wanted("heropen"):
            mc.status = mr.status = "n.v.t."
            mc.note = mr.note = "overgeslagen (--only)"
            return
        print(f"  close/heropen {action_id} …", file=sys.stderr, flush=True)
        try:
            for i in range(self.args.warmup + self.args.runs):
                for m in (mc, mr):
                    elapsed, cpu, rss, code, tail = run_once(m.cmd, self.cwd, self.env)
                    if code != 0:
                        m.status = "fout"
                        m.note = f"exit {code}: {tail.strip().splitlines()[-1:]}"
                        raise RuntimeError(m.note)
                    if i >= self.args.warmup:
                        m.times.append(elapsed)
                        m.cpu.append(cpu)
                        m.rss_mb.append(rss)
        except RuntimeError as exc:
            print(f"    {exc}", file=sys.stderr)
        finally:
            restored = open_path.exists() and open_path.read_bytes() == original
            if not restored or closed_path.exists():
                closed_path.unlink(missing_ok=True)
                open_path.write_bytes(original)
                mr.note = "bestand hersteld uit kopie (heropen gaf niet dezelfde bytes terug)"
            else:
                mr.note = "heropen geeft het bestand byte-voor-byte terug"
            if (self.root / ".git").exists():
                subprocess.run(["git", "reset", "-q"], cwd=self.root, check=False)
        mc.note = f"actie {action_id}, --datum {date}"
        mc.finish()
        mr.finish()

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

    def targets(self) -> list[dict[str, object]]:
        floors, cpu_floors = self.floors(), self.floors("cpu_median")
        get = {m.name: m for m in self.results}
        scale = self.args.scale
        rows: list[dict[str, object]] = []

        def verdict_of(value: float | None, limit: float | None) -> str:
            if value is None or limit is None:
                return "n.v.t."
            return "PASS" if value <= limit else "FAIL"

        def target(
            label: str, name: str, factor: float, floor: str, *, one_process: bool = True
        ) -> None:
            """``one_process=False``: the command may use every CPU, so its CPU seconds
            (summed over its processes) are shown but not judged against the floor's."""
            m = get.get(name)
            ok = m is not None and m.status == "ok"
            value = m.median if ok and m else None
            cpu = m.cpu_median if ok and m else None
            base, cpu_base = floors.get(floor), cpu_floors.get(floor)
            limit = factor * base if base is not None else None
            cpu_limit = factor * cpu_base if cpu_base is not None else None
            rows.append(
                {
                    "target": label,
                    "value": value,
                    "limit": limit,
                    "unit": "s",
                    "verdict": verdict_of(value, limit),
                    "cpu_value": cpu,
                    "cpu_limit": cpu_limit,
                    "cpu_verdict": verdict_of(cpu, cpu_limit) if one_process else "n.v.t.",
                }
            )

        if scale == "nationaal":
            target(
                "warm open-actions ≤ 2× (import floor + grep floor)",
                "open-actions (warm)",
                2,
                "import+grep",
            )
        else:
            target("warm open-actions ≤ 2× import floor", "open-actions (warm)", 2, "import")
        target("samennw --help ≤ 1.5× import typer", "samennw --help", 1.5, "import typer")
        target(
            "cold validate ≤ 0.5× libyaml floor",
            "validate (cold)",
            0.5,
            "libyaml",
            one_process=False,
        )
        peak = max(
            (m.peak_mb for m in self.results if m.kind == "samennw" and m.peak_mb is not None),
            default=None,
        )
        label = "peak memory (all samennw commands) ≤ 500 MB"
        if scale == "nationaal":
            verdict = "n.v.t." if peak is None else ("PASS" if peak <= 500 else "FAIL")
        else:
            verdict = "n.v.t."
            label += " (target applies at nationaal)"
        rows.append(
            {"target": label, "value": peak, "limit": 500.0, "unit": "MB", "verdict": verdict}
        )
        return rows

    def report(self, generation: dict[str, object]) -> dict[str, object]:
        floors = self.floors()
        for m in self.results:
            base = floors.get(m.floor) if m.floor else None
            if m.median is not None and base:
                m.ratio = m.median / base
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
            fmt = ".1f" if t["unit"] == "MB" else ".3f"
            value = "—" if t["value"] is None else f"{t['value']:{fmt}} {t['unit']}"
            limit = "—" if t["limit"] is None else f"{t['limit']:{fmt}} {t['unit']}"
            line = f"{t['target']:<{width}}  {value:>12} ≤ {limit:<12} {t['verdict']:<6}"
            if t.get("cpu_value") is not None and t.get("cpu_verdict") == "n.v.t.":
                line += f"  (cpu, alle processen samen: {t['cpu_value']:.3f})"
            elif t.get("cpu_value") is not None and t.get("cpu_limit") is not None:
                line += f"  (cpu: {t['cpu_value']:.3f} ≤ {t['cpu_limit']:.3f} {t['cpu_verdict']})"
            print(line.rstrip())
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
            "floors_s": floors,
            "results": [{**asdict(m), "peak_rss_mb": m.peak_mb} for m in self.results],
            "targets": targets,
            "environment": environment(),
        }


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


# --- data -----------------------------------------------------------------------------------


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = ["git", "-c", "user.name=samennw-bench", "-c", "user.email=bench@example.invalid"]
    return subprocess.run([*cmd, *args], cwd=root, capture_output=True, text=True, check=True)


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
    if git and _git(root, "status", "--porcelain", "--untracked-files=no").stdout.strip():
        return None  # an interrupted run left changes behind
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
