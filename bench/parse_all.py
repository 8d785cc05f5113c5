"""Reference floor for `samennw validate`: parse every YAML document with libyaml, in ONE process.

    python bench/parse_all.py REPO_ROOT

Walks ``data/``, reads every file, splits the front matter of each ``.md`` file and loads
it with ``yaml.load(..., Loader=yaml.CSafeLoader)``; ``partners.yaml`` and
``belangrijke-data.yaml`` are loaded whole. No models, no checks: this is what "just
reading the repository with the fastest stock YAML loader" costs. The target for a cold
``samennw validate`` is to be at least twice as fast as this.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import yaml


def front_matter(text: str) -> str | None:
    if not text.startswith("---"):
        return None
    start = text.find("\n") + 1
    end = text.find("\n---", start - 1)
    while end != -1:
        line_end = text.find("\n", end + 1)
        line = text[end + 1 : line_end if line_end != -1 else len(text)]
        if line.rstrip() == "---":
            return text[start : end + 1]
        end = text.find("\n---", end + 1)
    return None


def parse_all(root: Path) -> tuple[int, int]:
    data = root / "data" if (root / "data").is_dir() else root
    files = keys = 0
    for dirpath, dirnames, filenames in os.walk(data):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.endswith(".md"):
                with open(f"{dirpath}/{name}", encoding="utf-8") as fh:
                    fm = front_matter(fh.read())
                if fm is None:
                    continue
            elif name.endswith((".yaml", ".yml")):
                with open(f"{dirpath}/{name}", encoding="utf-8") as fh:
                    fm = fh.read()
            else:
                continue
            doc = yaml.load(fm, Loader=yaml.CSafeLoader)
            files += 1
            keys += len(doc) if isinstance(doc, dict | list) else 0
    return files, keys


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    files, keys = parse_all(Path(sys.argv[1]))
    print(f"{files} documenten, {keys} sleutels/items op het hoogste niveau", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
