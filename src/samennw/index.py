"""The inventory of a whole repository: is every file readable, and which team owns each action.

Writing commands refuse to work on a repository with a broken file, and ``render
actielijst`` needs the team of every action to read only one team's files. Parsing
100,000 files for that on every command would take many seconds, so the answer per
file is kept in ``<repository>/.samennw-cache/index.json`` (see :mod:`samennw.cachefile`
for the keying, signing and atomic writes): these commands stat every file and read
again only what changed. (``open-actions`` uses its own, smaller catalog:
:mod:`samennw.queryindex`.) Only files without problems are kept, so a broken file is
reported again by every command until it is mended.
"""

from __future__ import annotations

import gc
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .cachefile import Entry, cache_key, code_stamp, fresh, read, stat_key, write
from .errors import Problem, raise_if_errors
from .paths import (
    NamedFile,
    check_no_symlinks,
    data_dir_of,
    find_root,
    prefix_length,
    register,
    uses_embedded,
    walk,
)
from .store import FOLDERS, load_document, load_partners

VERSION = f"samennw-index-5/{__version__}/{code_stamp()}"


@dataclass
class Inventory:
    root: Path
    problems: list[Problem] = field(default_factory=list)
    action_teams: dict[str, str] = field(default_factory=dict)  # every action id -> its team

    def raise_if_invalid(self) -> None:
        raise_if_errors(self.problems)


def load_inventory(data: Path | None) -> Inventory:
    """Problems and action teams of the chosen repository, via the index when possible.

    No index is written for the embedded data set (it belongs to the installation).
    """
    root = find_root(data)
    data_dir = data_dir_of(root)
    check_no_symlinks(data_dir)
    folder, key = cache_key(root, not uses_embedded(data))
    path = folder / "index.json"
    started = time.time_ns()  # before the first stat: see cachefile.write
    old = read(path, key, VERSION) if key else {}
    new: dict[str, Entry] = {}
    inventory = Inventory(root)
    _partners(data_dir, root, old, new, inventory.problems)
    gc_was_enabled = gc.isenabled()
    gc.disable()  # many short-lived objects, no cycles: the collector only costs time here
    try:
        _scan(data_dir, root, old, new, inventory)
    finally:
        if gc_was_enabled:
            gc.enable()
    changed = old.keys() != new.keys() or any(new[k] is not old.get(k) for k in new)
    if key is not None and changed:
        write(path, key, VERSION, new, started)
    return inventory


def _scan(
    data_dir: Path, root: Path, old: dict[str, Entry], new: dict[str, Entry], inv: Inventory
) -> None:
    """Walk the data folders: reuse entries whose stat key is unchanged, parse the rest."""
    prefix = prefix_length(root)
    problems = inv.problems
    for folder, model in FOLDERS:
        seen: dict[str, Any] = {}
        for entry in walk(data_dir / folder, problems, root):
            shown = entry.path[prefix:]
            st = entry.stat(follow_symlinks=False)
            cached = old.get(shown)
            if fresh(cached, st):
                assert cached is not None
                record = cached[5]
                if not register(NamedFile(record[0], shown), entry.name[:-3], seen, problems):  # type: ignore[arg-type]
                    continue
                new[shown] = cached
            else:
                before = len(problems)
                obj = load_document(
                    Path(entry.path), model, Path(shown), problems, keep_lines=False
                )
                if obj is None:
                    continue
                record = [obj.id, getattr(obj, "team", None)]  # type: ignore[attr-defined]
                if not register(obj, entry.name[:-3], seen, problems):
                    continue
                if len(problems) == before:  # only a file without problems is kept
                    new[shown] = [*stat_key(st), False, record]
            seen[record[0]] = shown  # keep the file name, not the model (memory)
            if folder == "acties":
                inv.action_teams[record[0]] = record[1]


def _partners(
    data_dir: Path,
    root: Path,
    old: dict[str, Entry],
    new: dict[str, Entry],
    problems: list[Problem],
) -> None:
    """Check partners.yaml, unless the index saw this very file without problems."""
    path = data_dir / "partners.yaml"
    shown = str(path.relative_to(root))
    try:
        st = path.stat(follow_symlinks=False)
    except OSError:
        load_partners(data_dir, root, problems)  # reports the missing file
        return
    cached = old.get(shown)
    if fresh(cached, st):
        new[shown] = cached  # type: ignore[assignment]
        return
    before = len(problems)
    load_partners(data_dir, root, problems)
    if len(problems) == before and not path.is_symlink():
        new[shown] = [*stat_key(st), False, None]
