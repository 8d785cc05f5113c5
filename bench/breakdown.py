"""Stage-by-stage cost of loading a data repository, in one process (no cProfile overhead).

    python bench/breakdown.py REPO_ROOT [--repeat N]

Times, over every ``.md`` file of ``data/``: reading, splitting the front matter, parsing
it (samennw's reader, libyaml events, PyYAML's CSafeLoader), pydantic validation, the
reference checks of ``validate``, and what a cache would cost instead (stat of every
file; loading the parsed front matter back with marshal / json / pickle). Also the
memory of the loaded repository. The numbers feed the recommendations in the benchmark
report; they use samennw internals and may need adjusting when those change.
"""

from __future__ import annotations

import argparse
import gc
import json
import marshal
import os
import pickle
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml


def timed(
    label: str, fn: Callable[[], Any], n_files: int, repeat: int, *, with_gc: bool = False
) -> Any:
    """Best of ``repeat``; the cyclic GC is off unless ``with_gc`` (this process holds far
    more than samennw would, so its collections would distort the stage costs)."""
    best, result = float("inf"), None
    for _ in range(repeat):
        result = None
        gc.collect()
        if not with_gc:
            gc.disable()
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
        gc.enable()
    per = best / n_files * 1e6 if n_files else 0.0
    print(f"{label:<58} {best:8.3f} s  {per:7.1f} µs/bestand")
    return result


def bulk_stages(root: Path, paths: list[Path], kinds: list[type], n: int, r: int) -> None:
    """The loader and the split over processes of ``validate`` on a large repository."""
    from samennw.ops import validate as validate_mod
    from samennw.storage import repository as store
    from samennw.storage.parallel import available_cpus
    from samennw.storage.reader import load_quick

    shown = [str(p.relative_to(root)) for p in paths]
    timed(
        "reader.load_quick (lezen t/m pydantic, geen regelkaart)",
        lambda: [load_quick(p, k, s, []) for p, k, s in zip(paths, kinds, shown, strict=True)],
        n,
        r,
    )
    # The date parser's cache is warm after the first round (also in forked workers):
    # these two show the split over processes, not a cold command (see bench/run.py).
    timed(
        "validate file by file (SAMENNW_JOBS=1), lazy repository",
        lambda: validate_mod.validate(store.lazy_repository(root), jobs=1),
        n,
        r,
    )
    jobs = max(2, available_cpus())
    timed(
        f"validate in bulk, {jobs} processes, lazy repository",
        lambda: validate_mod.validate(store.lazy_repository(root), jobs=jobs),
        n,
        r,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    root: Path = args.root.resolve()
    data = root / "data"

    from samennw.model import records as models
    from samennw.ops import validate as validate_mod
    from samennw.storage import frontmatter
    from samennw.storage import repository as store
    from samennw.storage import yamlreader as yamlsafe

    fast: Callable[..., Any] | None = yamlsafe.load_yaml_fast
    events = getattr(yamlsafe, "load_yaml_events", None) or yamlsafe.load_yaml

    paths: list[Path] = []
    kinds: list[type] = []
    for folder, model in (
        ("meetings", models.Meeting),
        ("actielijnen", models.ActionLine),
        ("acties", models.Action),
    ):
        for dirpath, dirnames, filenames in os.walk(data / folder):
            dirnames.sort()
            for name in sorted(filenames):
                if name.endswith(".md"):
                    paths.append(Path(dirpath) / name)
                    kinds.append(model)
    n = len(paths)
    r = args.repeat
    print(f"{root}: {n} .md-bestanden; beste van {r}\n")

    def stat_all() -> int:
        count, stack = 0, [str(data)]
        while stack:
            with os.scandir(stack.pop()) as it:
                for entry in it:
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(entry.path)
                    else:
                        st = entry.stat(follow_symlinks=False)
                        count += st.st_size + st.st_mtime_ns + st.st_ino > 0
        return count

    timed("stat van elk bestand (sleutel van een cache)", stat_all, n, r)
    texts = timed(
        "lezen + utf-8 (read_bytes().decode)",
        lambda: [p.read_bytes().decode("utf-8") for p in paths],
        n,
        r,
    )
    splits = timed("front matter afsplitsen", lambda: [frontmatter.split(t) for t in texts], n, r)
    yamls = [s[0] for s in splits]
    if fast is not None:
        parsed = timed(
            "parse: samennw.storage.yamlreader.load_yaml_fast (pure Python)",
            lambda: [fast(y, 1) for y in yamls],
            n,
            r,
        )
        misses = sum(1 for p in parsed if p is None)
        print(f"{'  (yamlfast gaf op bij)':<58} {misses} bestanden")
    parsed_events = timed(
        "parse: libyaml-events → data + regelkaart",
        lambda: [events(y, None, 1) for y in yamls],
        n,
        r,
    )
    timed(
        "parse: yaml.load(CSafeLoader) (referentie)",
        lambda: [yaml.load(y, Loader=yaml.CSafeLoader) for y in yamls],
        n,
        r,
    )
    docs = [d for d, _lines in parsed_events]
    for d, (_y, body, _end) in zip(docs, splits, strict=True):
        d["body"] = body

    def validate_models() -> list[Any]:
        return [k.model_validate(d) for k, d in zip(kinds, docs, strict=True)]

    timed("pydantic model_validate", validate_models, n, r)
    timed(
        "store.load_repository, cyclische GC aan (zoals nu)",
        lambda: store.load_repository(root),
        n,
        r,
        with_gc=True,
    )
    repo = timed("store.load_repository, GC uit", lambda: store.load_repository(root), n, r)
    timed("validate.validate (verwijzingscontroles)", lambda: validate_mod.validate(repo), n, r)
    bulk_stages(root, paths, kinds, n, r)

    blob_marshal = marshal.dumps(docs)
    blob_json = json.dumps(docs, ensure_ascii=False)
    blob_pickle = pickle.dumps(docs, protocol=pickle.HIGHEST_PROTOCOL)
    print(
        f"\ncache van de geparste front matter: marshal {len(blob_marshal) / 1e6:.1f} MB, "
        f"json {len(blob_json) / 1e6:.1f} MB, pickle {len(blob_pickle) / 1e6:.1f} MB"
    )
    timed("cache laden: marshal.loads", lambda: marshal.loads(blob_marshal), n, r)
    timed("cache laden: json.loads", lambda: json.loads(blob_json), n, r)
    timed("cache laden: pickle.loads", lambda: pickle.loads(blob_pickle), n, r)
    models_list = validate_models()
    timed(
        "model_construct (zonder validatie) uit cache",
        lambda: [k.model_construct(**d) for k, d in zip(kinds, docs, strict=True)],
        n,
        r,
    )
    del models_list, repo
    gc.collect()
    tracemalloc.start()
    repo = store.load_repository(root)
    current, _peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    lines = sum(len(getattr(o, "_lines", {}) or {}) for o in repo.actions.values())
    print(
        f"\ngeheugen van de geladen repository (tracemalloc): {current / 1e6:.0f} MB "
        f"= {current / max(n, 1) / 1e3:.1f} kB per bestand; regelkaart-items in acties: {lines}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
