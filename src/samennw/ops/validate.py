"""Run validate's checks (:mod:`samennw.ops.checks`) over a repository: file by file, or
in bulk over processes. What comes out, and how it is shown: :mod:`samennw.ops.validate_report`."""

from __future__ import annotations

import functools
import gc
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from samennw.errors import Location, Problem
from samennw.model.records import Action, ActionLine, Meeting, Sourced, _lines_of
from samennw.ops.checks import Checker, not_found
from samennw.ops.validate_report import Report, as_json, focus, format_github, summary
from samennw.storage.parallel import (
    FORK_FROM,
    MAX_PROCESSES,
    available_cpus,
    chunk_size,
    map_chunks,
    requested_jobs,
)
from samennw.storage.paths import check_name, relative
from samennw.storage.reader import load_quick, with_path
from samennw.storage.repository import LazyFolder, Repository

# the command line's interface: validate, then show the report
__all__ = ["Report", "as_json", "focus", "format_github", "summary", "validate"]


def validate(repo: Repository, *, jobs: int | None = None, today: date | None = None) -> Report:
    """Run every check; load problems come first.

    ``today`` (default: :func:`samennw.clock.today`) is when a closing date lies in the
    future (a warning).

    ``jobs`` (default: ``$SAMENNW_JOBS``, else automatic): 1 checks file by file in this
    process; more reads and checks the files in that many processes (see
    :func:`_check_in_bulk`). Automatic: in bulk, one process per CPU, from
    ``BULK_FROM`` files on. The report is the same either way.
    """
    if today is None:
        from samennw.clock import today as clock_today

        today = clock_today()
    checker = Checker(repo, today)
    if not any(
        p.location.path and str(p.location.path).endswith("partners.yaml") and p.error
        for p in repo.problems
    ):
        checker.partners()
    processes = _bulk_processes(repo, jobs)
    if processes:
        _check_in_bulk(checker, processes)
    else:
        checker.meetings()
        checker.actions()
        checker.action_lines()
    checker.important_dates()
    counts = {
        "bestanden": repo.file_count,
        "vergaderingen": len(repo.meetings),
        "besluiten": checker.counts["besluiten"],
        "acties": len(repo.actions),
        "open": checker.counts["open"],
        "afgerond": checker.counts["afgerond"],
        "actielijnen": len(repo.action_lines),
        "personen": len(repo.partners.personen),
        "organisaties": len(repo.partners.organisaties),
        "teams": len(repo.partners.teams),
    }
    # partners.yaml comes first: the other files refer to it, so its problems are often
    # the root cause of theirs
    partners_file = str(repo.rel(repo.data_dir / "partners.yaml"))
    problems = sorted(
        [*repo.problems, *not_found(repo, checker.counts), *checker.problems],
        key=lambda p: (
            str(p.location.path) != partners_file,
            str(p.location.path or ""),
            p.location.line or 0,
            p.location.column or 0,
        ),
    )
    return Report(problems=problems, counts=counts)


# --- in bulk, over processes ----------------------------------------------------------
#
# Each process (the parent and forked workers, see samennw.storage.parallel) takes chunks of
# files, reads, parses and validates each file (bulkload.load_quick) and runs every
# check of that one file. It returns per file only its problems, in order, and what
# the checks across files need: the id in the file when it is not the file name, and
# the decision ids with their place among the problems. The parent walks the files in
# the serial order, finds duplicate ids and decision ids, and so builds exactly the
# problem list of the file-by-file path. Clean files return None.

BULK_FROM = FORK_FROM  # files; below this forking costs more than it saves
_MIN_CHUNK = 16  # files
_MODELS: tuple[type[Sourced], ...] = (Meeting, Action, ActionLine)  # order of the checks

# (id in the file, or None if the file did not load; its problems; its decision ids as
# (index into those problems, index of the decision, decision id))
FileRecord = tuple[str | None, list[Problem], list[tuple[int, int, str]]] | None
Task = tuple[int, str, Path]  # (index into _MODELS, file name without .md, path)


def _bulk_processes(repo: Repository, jobs: int | None) -> int:
    """How many processes check the files in bulk; 0: file by file (the reference)."""
    if jobs is None:
        jobs = requested_jobs()
    folders = (repo.meetings, repo.actions, repo.action_lines)
    # LazyFolder's own files; objects loaded before validate are checked file by file
    if not all(isinstance(f, LazyFolder) and not f._loaded for f in folders):
        return 0
    if jobs is not None:
        return jobs if jobs > 1 else 0
    if repo.file_count < BULK_FROM:
        return 0
    return min(available_cpus(), MAX_PROCESSES)


def _check_in_bulk(checker: Checker, processes: int) -> None:
    repo = checker.repo
    folders = (repo.meetings, repo.actions, repo.action_lines)
    tasks: list[Task] = [
        (kind, key, path)
        for kind, folder in enumerate(folders)
        for key, path in folder._files.items()  # type: ignore[attr-defined]
    ]
    size = chunk_size(len(tasks), processes, _MIN_CHUNK)
    n_chunks = -(-len(tasks) // size)
    files = _FileChecker(repo, checker.today, tasks, size)
    for model in _MODELS:
        model.model_rebuild()  # build the validators once, before forking
    gc_was_enabled = gc.isenabled()
    gc.disable()  # many short-lived objects, no cycles: the collector only costs time here
    try:
        results = map_chunks(files.chunk, n_chunks, processes)
    finally:
        if gc_was_enabled:
            gc.enable()
    for _records, counts in results:
        for name, n in counts.items():
            checker.counts[name] += n
    records = (record for chunk_records, _ in results for record in chunk_records)
    _merge(checker, tasks, records)


class _FileChecker(Checker):
    """The checks of single files, chunk by chunk (in a worker or in the parent)."""

    def __init__(self, repo: Repository, today: date, tasks: list[Task], size: int) -> None:
        super().__init__(repo, today)
        self.tasks, self.size = tasks, size
        self.later: list[tuple[int, int, str]] = []
        self.prefix = str(repo.root).rstrip(os.sep) + os.sep

    def decision_id(self, m: Meeting, i: int, decision_id: str) -> None:
        self.later.append((len(self.problems), i, decision_id))  # decided in _merge

    def chunk(self, c: int) -> tuple[list[FileRecord], dict[str, int]]:
        self.counts = dict.fromkeys(self.counts, 0)
        records = [self.file(*task) for task in self.tasks[c * self.size : (c + 1) * self.size]]
        return records, self.counts

    def file(self, kind: int, key: str, path: Path) -> FileRecord:
        problems: list[Problem] = []
        self.problems, self.later = problems, []
        name = str(path)
        # The shown name (relative to the root) as a string, by slicing: building Paths
        # costs more than anything else in the checks. Problems get a Path below.
        if name.startswith(self.prefix):
            shown = name[len(self.prefix) :]
        else:
            shown = str(relative(path, self.repo.root))
        obj = load_quick(path, _MODELS[kind], shown, problems, name=name)
        if obj is None:
            return None, problems, []
        obj_id: str = obj.id  # type: ignore[attr-defined]
        check_name(obj, key, problems)  # as store.register
        if isinstance(obj, Meeting):
            self.meeting(obj)
        elif isinstance(obj, Action):
            self.action(obj)
        elif isinstance(obj, ActionLine):
            self.action_line(obj)
        if obj_id == key and not problems and not self.later:
            return None
        return obj_id, [with_path(p) for p in problems], self.later


def _merge(checker: Checker, tasks: list[Task], records: Iterator[FileRecord]) -> None:
    """Append the files' problems to ``checker.problems`` as the file-by-file path would,
    deciding the checks across files: duplicate ids (per folder) and decision ids."""
    _line_map.cache_clear()  # files may have changed since an earlier run in this process
    root = checker.repo.root
    out = checker.problems
    seen: list[dict[str, Path]] = [{} for _ in _MODELS]  # id -> first file with it
    decisions: dict[str, Path] = {}  # decision id -> last meeting file with it
    for (kind, key, path), record in zip(tasks, records, strict=True):
        obj_id, problems, later = (key, [], []) if record is None else record
        if obj_id is None:  # did not load
            out.extend(problems)
            continue
        start = 0 if obj_id == key else 1  # after the file-name problem
        out.extend(problems[:start])
        if obj_id in seen[kind]:  # as LazyFolder.stream / store.register
            other = relative(seen[kind][obj_id], root)
            out.append(
                Problem(f"dubbele code '{obj_id}' (ook in {other})", _locate(path, root, ("id",)))
            )
        else:
            seen[kind][obj_id] = path
        for at, i, decision_id in later:  # as Checker.decision_id
            out.extend(problems[start:at])
            start = at
            if decision_id in decisions:
                other = relative(decisions[decision_id], root)
                out.append(
                    Problem(
                        f"dubbele besluitcode '{decision_id}' (ook in {other})",
                        _locate(path, root, ("besluiten", i, "id")),
                    )
                )
            decisions[decision_id] = path
        out.extend(problems[start:])


@functools.lru_cache(maxsize=64)
def _line_map(path: Path) -> Any:
    """A file's line map, read once however many duplicate ids it holds."""
    return _lines_of(path)


def _locate(path: Path, root: Path, key: tuple[str | int, ...]) -> Location:
    """What ``obj.locate(*key)`` gives for the bulk-loaded object of ``path``."""
    lines = _line_map(path)
    while key and key not in lines:
        key = key[:-1]
    pos = lines.get(key) if key else None
    shown = relative(path, root)
    return Location(shown, 1) if pos is None else Location(shown, pos[0], pos[1])
