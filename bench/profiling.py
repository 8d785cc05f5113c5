"""Where does the time go? Import times and cProfile of samennw commands at a given scale.

    python bench/profiling.py [--scale programma] [--out-dir DIR] [--seed N] [--top N]

For `open-actions --owner Tjalling` and `validate` (each after one warm-up run, so any
cache samennw keeps is warm) this writes to bench/out/:

- ``importtime-<scale>-<command>.txt``: ``python -X importtime``, top-level packages
  sorted by cumulative import time;
- ``profile-<scale>-<command>.txt``: cProfile, the top functions by cumulative and by own
  time (``.prof`` next to it for snakeviz/pstats).

(Named profiling.py, not profile.py: cProfile imports the standard library's ``profile``.)
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import run  # noqa: E402  (bench/ is not a package)

_IMPORT_LINE = re.compile(r"^import time:\s+(\d+)\s+\|\s+(\d+)\s+\|(\s*)(\S+)")


def child(argv: list[str], prof: str) -> None:
    """Run samennw's main(argv) under cProfile (in this fresh process).

    ``validate`` forks workers on a large repository; cProfile would see only the
    parent's share, so here every chunk runs in this process (the same code).
    """
    from samennw.cli.app import main
    from samennw.storage import parallel

    parallel.can_fork = lambda: False

    profiler = cProfile.Profile()
    profiler.enable()
    try:
        main(argv)
    except SystemExit:
        pass
    finally:
        profiler.disable()
        profiler.dump_stats(prof)


def import_times(argv: list[str], env: dict[str, str]) -> str:
    code = f"import sys; from samennw.cli.app import main; main({argv!r})"
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    rows = []
    total = 0
    for line in proc.stderr.splitlines():
        m = _IMPORT_LINE.match(line)
        if not m:
            continue
        self_us, cum_us, indent, name = int(m[1]), int(m[2]), len(m[3]), m[4]
        if indent <= 1:  # top level: imported by the program itself
            rows.append((cum_us, self_us, name))
            total += cum_us
    rows.sort(reverse=True)
    out = [f"top-level imports, cumulative {total / 1000:.1f} ms", "cum ms   self ms  module"]
    out += [f"{c / 1000:7.1f}  {s / 1000:7.1f}  {n}" for c, s, n in rows[:25]]
    packages: dict[str, int] = {}
    for line in proc.stderr.splitlines():
        m = _IMPORT_LINE.match(line)
        if m:
            top = m[4].split(".")[0]
            packages[top] = packages.get(top, 0) + int(m[1])
    out += ["", "own import time per package (sum of 'self')", "self ms  package"]
    ranked = sorted(packages.items(), key=lambda kv: -kv[1])
    out += [f"{us / 1000:7.1f}  {name}" for name, us in ranked[:20]]
    return "\n".join(out) + "\n"


def profile_command(name: str, argv: list[str], env: dict[str, str], top: int, out: Path) -> str:
    prof = out.with_suffix(".prof")
    script = [sys.executable, str(Path(__file__)), "--child", str(prof), "--", *argv]
    for _ in range(2):  # warm-up, then the profiled run (overwrites the .prof)
        subprocess.run(script, env=env, stdout=subprocess.DEVNULL, check=False)
    buf = io.StringIO()
    stats = pstats.Stats(str(prof), stream=buf)
    stats.strip_dirs()
    buf.write(f"# {name}: samennw {' '.join(argv)}\n\n## by cumulative time\n")
    stats.sort_stats("cumulative").print_stats(top)
    buf.write("\n## by own time (tottime)\n")
    stats.sort_stats("tottime").print_stats(top)
    text = buf.getvalue()
    out.write_text(text, encoding="utf-8")
    return text


def main(argv: list[str] | None = None) -> int:
    args_in = sys.argv[1:] if argv is None else argv
    if args_in[:1] == ["--child"]:
        child(args_in[3:], args_in[1])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=sorted(run.generate.SCALES), default="programma")
    parser.add_argument("--out-dir", type=Path, default=Path("/tmp/samennw-bench"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--no-git", action="store_true")
    args = parser.parse_args(args_in)
    root, manifest, _ = run.ensure_data(
        args.out_dir.resolve(), args.scale, args.seed, not args.no_git
    )
    env = {**os.environ, "SAMENNW_DATUM": manifest["today"]}
    env.pop("SAMENNW_DATA", None)
    run.RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    commands = {
        "open-actions": ["open-actions", "--owner", "Tjalling", "--data", str(root)],
        "validate": ["validate", "--data", str(root)],
        "help": ["--help"],
    }
    for name, cmd in commands.items():
        imports = import_times(cmd, env)
        path = run.RESULTS_DIR / f"importtime-{args.scale}-{name}.txt"
        path.write_text(imports, encoding="utf-8")
        print(f"== {path}\n{imports}")
        if name == "help":
            continue
        out = run.RESULTS_DIR / f"profile-{args.scale}-{name}.txt"
        text = profile_command(name, cmd, env, args.top, out)
        print(f"== {out}\n{text[:6000]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
