"""The inventory of a whole repository: is every file readable, and which team owns each action.

Writing commands refuse to work on a repository with a broken file, and ``render
actielijst`` needs the team of every action to read only one team's files. Parsing
100,000 files for that on every command would take many seconds, so the answer per
file is kept in ``<repository>/.samennw-cache/index.json`` (see :mod:`samennw.storage.cachefile`
for the keying, signing and atomic writes): these commands stat every file and read
again only what changed. (``open-actions`` uses its own, smaller catalog:
:mod:`samennw.storage.catalog`.) Only files without problems are kept, so a broken file is
reported again by every command until it is mended.
"""

from __future__ import annotations

import gc
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from samennw import __version__
from samennw.errors import Problem, raise_if_errors
from samennw.storage.bulkload import load_quick, with_path
from samennw.storage.cachefile import (
    Entry,
    cache_key,
    code_stamp,
    fresh,
    read,
    reuse_or_read,
    stat_key,
    write,
)
from samennw.storage.parallel import chunk_size, map_chunks, processes_for
from samennw.storage.paths import (
    NamedFile,
    check_name,
    check_no_symlinks,
    data_dir_of,
    find_root,
    prefix_length,
    register,
    uses_embedded,
    walk,
)
from samennw.storage.repository import FOLDERS, load_partners

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


# a data file: (index into FOLDERS, file name without .md, file as shown, its stat)
_File = tuple[int, str, str, os.stat_result]
# what reading a file gives: ([id, team], or None when it did not load; its problems)
_Read = tuple[list[Any] | None, list[Problem]]


def _scan(
    data_dir: Path, root: Path, old: dict[str, Entry], new: dict[str, Entry], inv: Inventory
) -> None:
    """Walk the data folders: reuse entries whose stat key is unchanged, read the rest
    (over every CPU when there are many, as after an upgrade or on a fresh clone)."""
    prefix = prefix_length(root)
    problems = inv.problems
    files: list[_File] = []
    for k, (folder, _) in enumerate(FOLDERS):
        for entry in walk(data_dir / folder, problems, root):
            try:
                st = entry.stat(follow_symlinks=False)
            except FileNotFoundError:  # removed since it was listed (e.g. by git checkout)
                continue
            files.append((k, entry.name[:-3], entry.path[prefix:], st))
    misses = [i for i, f in enumerate(files) if not fresh(old.get(f[2]), f[3])]
    reads = dict(zip(misses, _read_files(root, [files[i] for i in misses]), strict=True))
    seen: list[dict[str, Any]] = [{} for _ in FOLDERS]
    for i, (k, _, shown, st) in enumerate(files):
        got = reads.get(i)
        if got is None:  # unchanged since the index saw it without problems
            record = old[shown][5]
        else:
            record, file_problems = got
            problems.extend(file_problems)
            if record is None:
                continue
        # the file name was checked when the file was read
        if not register(NamedFile(record[0], shown), record[0], seen[k], problems):  # type: ignore[arg-type]
            continue
        if got is None:
            new[shown] = old[shown]
        elif not got[1]:  # only a file without problems is kept
            new[shown] = [*stat_key(st), False, record]
        seen[k][record[0]] = shown  # keep the file name, not the model (memory)
        if FOLDERS[k][0] == "acties":
            inv.action_teams[record[0]] = record[1]


def _read_files(root: Path, files: list[_File]) -> list[_Read]:
    """Read ``files`` in order, in chunks over :func:`samennw.storage.parallel.processes_for`."""
    if not files:
        return []
    processes = processes_for(len(files))
    size = chunk_size(len(files), processes)
    base = str(root).rstrip(os.sep) + os.sep
    if processes > 1:
        for _, model in FOLDERS:
            model.model_rebuild()  # build the validators once, before forking

    def chunk(c: int) -> list[_Read]:
        return [_read_file(base, f) for f in files[c * size : (c + 1) * size]]

    chunks = map_chunks(chunk, -(-len(files) // size), processes)
    return [read for reads in chunks for read in reads]


def _read_file(base: str, file: _File) -> _Read:
    k, stem, shown, _ = file
    problems: list[Problem] = []
    name = base + shown
    obj = load_quick(Path(name), FOLDERS[k][1], shown, problems, name=name)
    if obj is None:
        return None, [with_path(p) for p in problems]
    check_name(obj, stem, problems)
    obj_id: str = obj.id  # type: ignore[attr-defined]
    return [obj_id, getattr(obj, "team", None)], [with_path(p) for p in problems]


def _partners(
    data_dir: Path,
    root: Path,
    old: dict[str, Entry],
    new: dict[str, Entry],
    problems: list[Problem],
) -> None:
    """Check partners.yaml, unless the index saw this very file without problems."""

    def read() -> tuple[None, bool]:
        before = len(problems)
        load_partners(data_dir, root, problems)  # also reports a missing file
        return None, len(problems) == before

    path = data_dir / "partners.yaml"
    reuse_or_read(path, str(path.relative_to(root)), old, new, read)
