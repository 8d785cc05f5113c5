"""Run validate's checks (:mod:`samennw.ops.checks`) over a repository: file by file, or
in bulk over processes. What comes out, and how it is shown: :mod:`samennw.ops.validate_report`."""

from __future__ import annotations

import functools
import gc
import json
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from samennw.errors import Location, Problem
from samennw.model.records import Sourced, _lines_of
from samennw.ops.checks import MODELS, Checker, not_found, stand_in
from samennw.ops.validate_cache import KEEP, Outcome, VerdictCache, open_cache, outcome
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
from samennw.storage.reader import WORKING_TREE, load_quick, with_path
from samennw.storage.repository import RENUMBER_HINT, LazyFolder, Repository

# the command line's interface: validate, then show the report
__all__ = ["Report", "as_json", "focus", "format_github", "summary", "validate"]


def validate(repo: Repository, *, jobs: int | None = None, today: date | None = None) -> Report:
    """Run every check; load problems come first.

    ``today`` (default: :func:`samennw.clock.today`) is when a closing date lies in the
    future (a warning).

    ``jobs`` (default: ``$SAMENNW_JOBS``, else automatic): 1 checks file by file in this
    process; more reads and checks the files in that many processes (see
    :func:`_check_in_bulk`), reading only the files that changed since the last run (see
    :mod:`samennw.ops.validate_cache`). Automatic: in bulk, one process per CPU, from
    ``BULK_FROM`` files on. The report is the same either way.
    """
    if today is None:
        from samennw.clock import today as clock_today

        today = clock_today()
    checker = Checker(repo, today)
    partners_sound = not _partners_errors(repo.problems)
    if partners_sound:
        checker.partners()
    processes = _bulk_processes(repo, jobs)
    if processes:
        _check_in_bulk(checker, processes)
    else:
        checker.meetings()
        checker.actions()
        checker.action_lines()
    checker.important_dates()
    # the Woo guard: names of people the data does not know. Not while partners.yaml has
    # an error: a person it could not read would make their name "unknown" everywhere
    if repo.partners_usable and partners_sound and not _partners_errors(checker.problems):
        from samennw.woo.guard import validate_names

        broken = {str(p.location.path) for p in (*repo.problems, *checker.problems) if p.error}
        checker.problems += validate_names(repo, broken)
    counts = {
        "bestanden": repo.file_count,
        "vergaderingen": len(repo.meetings),
        "besluiten": checker.counts["besluiten"],
        "acties": len(repo.actions),
        "open": checker.counts["open"],
        "in_uitvoering": checker.counts.get("in uitvoering", 0),
        "geblokkeerd": checker.counts.get("geblokkeerd", 0),
        "afgerond": checker.counts["afgerond"],
        "geannuleerd": checker.counts.get("geannuleerd", 0),
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
# files, reads, parses and validates each file (reader.load_quick) and runs every
# check of that one file. It returns per file only its problems, in order, and what
# the checks across files need: the id in the file when it is not the file name, and
# the decision ids with their place among the problems. The parent walks the files in
# the serial order, finds duplicate ids and decision ids, and so builds exactly the
# problem list of the file-by-file path. Clean files return None.
#
# With a verdict cache (samennw.ops.validate_cache) a process first stats each file: an
# unchanged file with a clean verdict that still holds is not read at all, an unchanged
# one with a verdict that may not hold has its checks across files run again from the
# facts the cache keeps, and only a new or changed file is read. The report is the same.

BULK_FROM = FORK_FROM  # files; below this forking costs more than it saves
_MIN_CHUNK = 16  # files

# (id in the file, or None if the file did not load; its problems; its decision ids as
# (index into those problems, index of the decision, decision id))
FileRecord = tuple[str | None, list[Problem], list[tuple[int, int, str]]] | None
# (index into MODELS, file name without .md, file name, file name relative to the root)
Task = tuple[int, str, str, str]
CacheOutcome = Outcome | bool | None  # what a file gives the cache (see validate_cache)


def _partners_errors(problems: list[Problem]) -> bool:
    return any(
        p.error and p.location.path and str(p.location.path).endswith("partners.yaml")
        for p in problems
    )


def _bulk_processes(repo: Repository, jobs: int | None) -> int:
    """How many processes check the files in bulk; 0: file by file (the reference)."""
    if jobs is None:
        jobs = requested_jobs()
    folders = (repo.meetings, repo.actions, repo.action_lines)
    # LazyFolder's own files; objects loaded before validate are checked file by file
    if not all(isinstance(f, LazyFolder) and not f._loaded for f in folders):
        return 0
    if repo.source is not WORKING_TREE:
        return 0  # a git revision: its files are read through its folders, not from disk
    if jobs is not None:
        return jobs if jobs > 1 else 0
    if repo.file_count < BULK_FROM:
        return 0
    return min(available_cpus(), MAX_PROCESSES)


def _tasks(repo: Repository) -> list[Task]:
    tasks: list[Task] = []
    root = repo.root
    prefix = str(root).rstrip(os.sep) + os.sep
    for kind, folder in enumerate((repo.meetings, repo.actions, repo.action_lines)):
        files = folder._files  # type: ignore[attr-defined]
        # the names as listed: a Path for each of 100,000 files costs more than a warm run
        names = getattr(files, "names", None) or getattr(files, "_names", None)
        if not isinstance(names, dict):
            names = {key: str(path) for key, path in files.items()}
        # the shown name (relative to the root) by slicing: building Paths costs more than
        # anything else in the checks. Problems get a Path (reader.with_path).
        tasks += [
            (kind, key, name, name[len(prefix) :])
            if name.startswith(prefix)
            else (kind, key, name, str(relative(Path(name), root)))
            for key, name in names.items()
        ]
    return tasks


def _check_in_bulk(checker: Checker, processes: int) -> None:
    repo = checker.repo
    tasks = _tasks(repo)
    size = chunk_size(len(tasks), processes, _MIN_CHUNK)
    n_chunks = -(-len(tasks) // size)
    for model in MODELS:
        model.model_rebuild()  # build the validators once, before forking
    gc_was_enabled = gc.isenabled()
    gc.disable()  # many short-lived objects, no cycles: the collector only costs time here
    try:
        cache = open_cache(checker)
        files = _FileChecker(checker, tasks, size, cache)
        results = map_chunks(files.chunk, n_chunks, processes)
        for _records, counts, _entries in results:
            for name, n in counts.items():
                checker.counts[name] += n
        records = (record for chunk_records, _, _ in results for record in chunk_records)
        _merge(checker, tasks, records)
        if cache is not None:
            shown = [task[3] for task in tasks]
            cache.save(shown, [result for _, _, chunk in results for result in chunk])
    finally:
        if gc_was_enabled:
            gc.enable()


class _FileChecker(Checker):
    """The checks of single files, chunk by chunk (in a worker or in the parent)."""

    def __init__(
        self, checker: Checker, tasks: list[Task], size: int, cache: VerdictCache | None = None
    ) -> None:
        super().__init__(checker.repo, checker.today, checker.dir)
        self.tasks, self.size, self.cache = tasks, size, cache
        self.later: list[tuple[int, int, str]] = []

    def decision_id(self, m: Sourced, i: int, decision_id: str) -> None:
        self.later.append((len(self.problems), i, decision_id))  # decided in _merge

    def chunk(self, c: int) -> tuple[list[FileRecord], dict[str, int], list[CacheOutcome]]:
        self.counts = counts = dict.fromkeys(self.counts, 0)
        records: list[FileRecord] = []
        outcomes: list[CacheOutcome] = []
        cache = self.cache
        for kind, key, name, shown in self.tasks[c * self.size : (c + 1) * self.size]:
            st: os.stat_result | None = None
            known = None
            if cache is not None:
                try:
                    st = os.lstat(name)  # before it is read: a later change shows next time
                except OSError:
                    st = None
                known = cache.known(shown, st)
            record: FileRecord
            result: CacheOutcome
            if known is None:
                record, result = self.read(kind, key, name, shown, st)
            else:  # unchanged since the cache saw it, without problems of its own
                clean, extra, text = known  # (inline: this is most files)
                if kind == 1:
                    counts[extra] += 1  # its status
                elif kind == 0:
                    counts["besluiten"] += len(extra)  # its decision ids
                if text is not None:
                    record, result = self.recheck(kind, key, name, shown, st, clean, text)
                elif kind == 0 and extra:  # clean: only its decision ids to merge
                    record = (key, [], [(0, i, decision) for i, decision in enumerate(extra)])
                    result = KEEP
                else:
                    record, result = None, KEEP
            records.append(record)
            outcomes.append(result)
        return records, counts, outcomes

    def read(
        self, kind: int, key: str, name: str, shown: str, st: os.stat_result | None
    ) -> tuple[FileRecord, CacheOutcome]:
        """Read and check a file; ``st``: its stat before it was read (with a cache)."""
        problems: list[Problem] = []
        self.problems, self.later = problems, []
        self.volatile = False  # of this file (see Checker.partial)
        obj = load_quick(Path(name), MODELS[kind], shown, problems, name=name)
        if obj is None:
            return (None, problems, []), None
        obj_id: str = obj.id  # type: ignore[attr-defined]
        check_name(obj, key, problems)  # as store.register
        facts = self.own(obj)
        own_problems = len(problems)
        self.links(kind, obj, facts)
        result = None
        if self.cache is not None and not own_problems:
            result = outcome(st, kind, not problems and not self.partial, facts)
        if obj_id == key and not problems and not self.later:
            return None, result
        return (obj_id, [with_path(p) for p in problems], self.later), result

    def recheck(
        self,
        kind: int,
        key: str,
        name: str,
        shown: str,
        st: os.stat_result | None,
        clean: bool,
        text: str,
    ) -> tuple[FileRecord, CacheOutcome]:
        """The checks across files of a file the cache knows, from its facts (``text``):
        it is unchanged and has no problems of its own."""
        assert self.cache is not None
        problems: list[Problem] = []
        self.problems, self.later = problems, []
        self.volatile = False  # of this file (see Checker.partial)
        facts = json.loads(text)
        self.links(kind, stand_in(shown, Path(name)), facts)
        now_clean = not problems and not self.partial
        if self.cache.holds and now_clean == clean:
            result: CacheOutcome = KEEP
        else:
            result = outcome(st, kind, now_clean, facts, text)
        if not problems and not self.later:
            return None, result
        return (key, [with_path(p) for p in problems], self.later), result


def _merge(checker: Checker, tasks: list[Task], records: Iterator[FileRecord]) -> None:
    """Append the files' problems to ``checker.problems`` as the file-by-file path would,
    deciding the checks across files: duplicate ids (per folder) and decision ids."""
    _line_map.cache_clear()  # files may have changed since an earlier run in this process
    root = checker.repo.root
    out = checker.problems
    seen: list[dict[str, str]] = [{} for _ in MODELS]  # id -> first file with it
    decisions: dict[str, str] = {}  # decision id -> last meeting file with it
    for (kind, key, name, _), record in zip(tasks, records, strict=True):
        if record is None:  # the common case: nothing to report, its id is its name
            if key in seen[kind]:
                out.append(_duplicate(key, seen[kind][key], name, root))
            else:
                seen[kind][key] = name
            continue
        obj_id, problems, later = record
        if obj_id is None:  # did not load
            out.extend(problems)
            continue
        start = 0 if obj_id == key else 1  # after the file-name problem
        out.extend(problems[:start])
        if obj_id in seen[kind]:  # as LazyFolder.stream / store.register
            out.append(_duplicate(obj_id, seen[kind][obj_id], name, root))
        else:
            seen[kind][obj_id] = name
        for at, i, decision_id in later:  # as Checker.decision_id
            out.extend(problems[start:at])
            start = at
            if decision_id in decisions:
                other = relative(Path(decisions[decision_id]), root)
                out.append(
                    Problem(
                        f"dubbele besluitcode '{decision_id}' (ook in {other})",
                        _locate(Path(name), root, ("besluiten", i, "id")),
                    )
                )
            decisions[decision_id] = name
        out.extend(problems[start:])


def _duplicate(obj_id: str, first: str, name: str, root: Path) -> Problem:
    other = relative(Path(first), root)
    same_file = Path(name).name == Path(first).name == f"{obj_id}.md"  # open/ and afgerond/
    hint = RENUMBER_HINT if same_file and Path(name).parent.parent.name == "acties" else ""
    return Problem(
        f"dubbele code '{obj_id}' (ook in {other}){hint}", _locate(Path(name), root, ("id",))
    )


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
