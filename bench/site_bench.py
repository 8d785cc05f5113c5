"""Benchmark ``samennw site`` as users run it: a full build, a rebuild with nothing
changed, a rebuild after one meeting changed.

    python bench/site_bench.py [--scale programma] [--seed 1] [--dir /tmp/samennw-bench-site]
                               [--runs 3]

Generates the data with bench/generate.py into ``DIR/<scale>-s<seed>`` when it is not
there (its own folder: run.py's repositories are left alone). The generated names that
the data does not know would stop ``site`` (the Woo guard): they are accepted once in
``data/geen-personen.yaml`` of that copy, as a secretary would after reviewing them.

Each run is a fresh process (``samennw site -o OUT --data D``), timed with
``time.perf_counter`` around it: "full" removes OUT and samennw's site cache
(``D/.samennw-cache/site.json``) first; "unchanged" runs again; "one meeting" appends a
sentence to the last meeting file of the render team (two versions, alternately) and
runs again. The CPU seconds (user + system of the process and its forked workers) are
shown next to the wall time: on a shared machine they move far less. Targets (issue #14
point 5): full <= 30 s, one meeting <= 3 s, at programma scale. Results: a table on
stdout and ``bench/out/site-<scale>.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMENNW = [sys.executable, "-m", "samennw"]
TARGETS = {"full": 30.0, "one meeting": 3.0}


def ensure_data(scale: str, seed: int, base: Path) -> Path:
    root = base / f"{scale}-s{seed}"
    if not (root / "bench-manifest.json").is_file():
        base.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                sys.executable,
                str(HERE / "generate.py"),
                "--scale",
                scale,
                "--seed",
                str(seed),
                "--out",
                str(root),
            ],
            check=True,
        )
    allow = root / "data" / "geen-personen.yaml"
    from samennw.storage.repository import lazy_repository
    from samennw.woo.guard import validate_names

    for _ in range(5):  # an accepted full name can leave a part of it to accept
        found = validate_names(lazy_repository(root))
        names = sorted({p.message.split("'")[1] for p in found if p.code == "onbekende-naam"})
        if not names:
            break
        with allow.open("a", encoding="utf-8") as fh:
            for name in names:
                fh.write(f"- naam: {json.dumps(name, ensure_ascii=False)}\n")
                fh.write("  reden: gegenereerde benchmarkgegevens\n")
        print(f"{len(names)} gegenereerde namen geaccepteerd in {allow}")
    return root


CPU: dict[str, list[float]] = {}


def timed(cmd: list[str], env: dict[str, str], name: str = "") -> tuple[float, str]:
    """Wall seconds of one run; its CPU seconds (with its forked workers) go to CPU[name]."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    CPU.setdefault(name, []).append(cpu)
    if proc.returncode != 0:
        raise SystemExit(f"mislukt ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr}")
    return seconds, proc.stderr.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="programma")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/samennw-bench-site"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    root = ensure_data(args.scale, args.seed, args.dir)
    manifest = json.loads((root / "bench-manifest.json").read_text(encoding="utf-8"))
    out = args.dir / f"site-{args.scale}"
    env = {
        **os.environ,
        "SAMENNW_DATUM": manifest.get("close_date", "2046-06-30"),
        "PYTHONDONTWRITEBYTECODE": "",
    }
    cmd = [*SAMENNW, "site", "-o", str(out), "--data", str(root)]
    team = manifest["render_team"]
    meetings = sorted((root / "data" / "meetings").rglob(f"{team}-*.md"))
    meeting = meetings[-1]
    original = meeting.read_bytes()
    results: dict[str, list[float]] = {"full": [], "unchanged": [], "one meeting": []}
    messages: dict[str, str] = {}
    try:
        for run in range(args.runs):
            shutil.rmtree(out, ignore_errors=True)
            (root / ".samennw-cache" / "site.json").unlink(missing_ok=True)
            seconds, messages["full"] = timed(cmd, env, "full")
            results["full"].append(seconds)
            seconds, messages["unchanged"] = timed(cmd, env, "unchanged")
            results["unchanged"].append(seconds)
            for version in ("A", "B"):
                meeting.write_bytes(original + f"\nBenchmarkregel {version}{run}.\n".encode())
                seconds, messages["one meeting"] = timed(cmd, env, "one meeting")
                results["one meeting"].append(seconds)
    finally:
        meeting.write_bytes(original)
    print(
        f"samennw site, {args.scale} (seed {args.seed}): {manifest['counts']['vergaderingen']} "
        f"vergaderingen, {manifest['counts']['acties']} acties; {os.cpu_count()} CPU's"
    )
    print(f"{'meting':<14}{'mediaan':>9}{'min':>8}{'max':>8}{'CPU':>8}  doel")
    table = {}
    for name, values in results.items():
        median = statistics.median(values)
        target = TARGETS.get(name)
        verdict = (
            ""
            if target is None
            else (f"<= {target:.0f} s: {'PASS' if median <= target else 'FAIL'}")
        )
        cpu = statistics.median(CPU.get(name, [0.0]))
        print(
            f"{name:<14}{median:>8.2f}s{min(values):>7.2f}s{max(values):>7.2f}s{cpu:>7.2f}s"
            f"  {verdict}"
        )
        table[name] = {"median": median, "runs": values, "cpu_median": cpu, "target": target}
    for name, text in messages.items():
        print(f"  {name}: {text.splitlines()[-1] if text else ''}")
    out_dir = HERE / "out"
    out_dir.mkdir(exist_ok=True)
    (out_dir / f"site-{args.scale}.json").write_text(
        json.dumps(
            {
                "scale": args.scale,
                "seed": args.seed,
                "python": platform.python_version(),
                "cpus": os.cpu_count(),
                "results": table,
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
