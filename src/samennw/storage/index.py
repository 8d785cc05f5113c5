"""The index of a data repository: what commands need to know of each file, kept in one cache.

Commands ask the index instead of reading every file: which actions belong to a team,
to a meeting or to a person, which meetings a team has, which files are broken. For
every data file the index keeps a small *record* in one signed, stat-keyed cache
(:mod:`samennw.storage.cachefile`), split in shards, one file per part of the data in
``<repository>/.samennw-cache/``, so a command loads and checks only what its answer
depends on:

- ``partners``: ``partners.yaml`` as plain data (what the name resolver reads);
- ``meeting-names``: per meeting folder, its file names, keyed by the folder's own stat
  key (a meeting's id is ``<team>-<JJJJ-MM-DD>``, which ``validate`` checks);
- ``acties-open``, ``acties-afgerond``: per action its id, status, team, werkgroep,
  action line, meeting, closing meeting and owners (``betrokkenen``); for an action in
  ``acties/open`` (open, in uitvoering, geblokkeerd) also what ``open-actions`` shows,
  with the ``reden`` of a blocked one;
- ``actielijnen``: per action line, its id and domain.

An entry is reused only while its stat key is unchanged (and was not racily clean, see
:mod:`samennw.storage.cachefile`); adding, removing or renaming a file changes its
folder's key. So every edit, rename or deletion is seen by the very next command. Only
files without problems are kept: a broken file is read, and reported, by every command
that needs it until it is mended.

The secondary indexes (actions by team, by meeting, by owner; meetings by team) are
built in memory from the records. On the query's warm path nothing heavier than the
standard library is imported: the pydantic models and the YAML reader are loaded only
to read a file that changed.
"""

from __future__ import annotations

import gc
import os
import re
import stat
import time
from collections.abc import Callable, Collection
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, cast

from samennw import __version__
from samennw.errors import Location, Problem, raise_if_errors
from samennw.model.facts import ActionFacts, Catalog, parsed_due
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
    SYMLINK,
    NamedFile,
    check_no_symlinks,
    data_dir_of,
    prefix_length,
    register,
    unreadable_folder,
    walk,
)

if TYPE_CHECKING:
    from samennw.model.records import Partners

VERSION = f"samennw-index-8/{__version__}/{code_stamp()}"
MEETING_ID = re.compile(r"^(?P<team>.+)-(?P<date>\d{4}-\d{2}-\d{2})$")
MEETING_DATE = 11  # a meeting id ends in '-JJJJ-MM-DD'
_ACTIVE = frozenset(("open", "in uitvoering", "geblokkeerd"))  # statuses of acties/open


# the record of an action: what the index knows of every action, then, for one in
# acties/open, what open-actions shows (ActionFacts' other fields)
_KEYS = (
    "id", "status", "team", "werkgroep", "actielijn", "vergadering", "afgerond_in",
    "betrokkenen",
)  # fmt: skip
_SHOWN = (
    "wanneer", "volgorde", "herkomst", "wat", "wie", "body", "parsed_due", "reden",
    "vertrouwelijk",
)  # fmt: skip

# what reading a file gives: (record, or None when it did not load; its problems)
_Read = tuple[Any, list[Problem]]
# a file to read: (file as shown, absolute name, file name without .md)
_File = tuple[str, str, str]


class _Shards:
    """The cache files of one repository, each read on first use, written back when changed."""

    def __init__(self, root: Path, usable: bool) -> None:
        self.folder, self.key = cache_key(root, usable)
        self.started = time.time_ns()  # before the first stat: see cachefile.write
        self.old: dict[str, dict[str, Entry]] = {}
        self.new: dict[str, dict[str, Entry]] = {}

    def open(self, name: str) -> tuple[dict[str, Entry], dict[str, Entry]]:
        """(the entries as cached, the entries seen now) of shard ``name``."""
        if name not in self.old:
            key = self.key
            self.old[name] = read(self.folder / f"{name}.json", key, VERSION) if key else {}
            self.new[name] = {}
        return self.old[name], self.new[name]

    def save(self) -> None:
        if self.key is None:
            return
        for name, new in self.new.items():
            old = self.old[name]
            if old.keys() != new.keys() or any(new[k] is not old.get(k) for k in new):
                write(self.folder / f"{name}.json", self.key, VERSION, new, self.started)


class RepositoryIndex:
    """The index of the repository at ``root``; each part is built on first use.

    ``cache``: keep the records in ``.samennw-cache/`` (not for the embedded data set,
    which belongs to the installation). Problems of the parts used so far collect in
    :attr:`problems`; :meth:`save` writes the shards that changed.
    """

    def __init__(self, root: Path, *, cache: bool = True) -> None:
        self.root = root
        self.data_dir = data_dir_of(root)
        check_no_symlinks(self.data_dir)
        self.problems: list[Problem] = []
        self._shards = _Shards(root, cache)
        self._prefix = prefix_length(root)
        self._partners: dict[str, Any] | None = None
        self._meeting_files: dict[str, str] | None = None
        self._meeting_dates: dict[str, date] | None = None
        self._actions: dict[str, tuple[list[Any], str]] | None = None
        self._open: list[ActionFacts] | None = None
        self._lines: dict[str, list[Any]] | None = None
        self._by: dict[str, dict[str, list[str]]] = {}
        self._scanned: dict[str, list[tuple[Any, str]]] = {}

    def save(self) -> None:
        self._shards.save()

    def raise_if_invalid(self) -> None:
        raise_if_errors(self.problems)

    # partners ---------------------------------------------------------------------
    def partners(self) -> Partners:
        """partners.yaml as objects with the attributes of the partner models (all fields,
        plus ``Person.label``). Building the pydantic models would cost more than the rest
        of a warm query together; :class:`~samennw.model.people.Directory` only reads."""
        if self._partners is None:
            self._partners = self._partners_dump()
        return _partners_view(self._partners)

    def _partners_dump(self) -> dict[str, Any]:
        problems = self.problems

        def load() -> tuple[dict[str, Any], bool]:
            from samennw.storage.repository import load_partners

            before = len(problems)
            model = load_partners(self.data_dir, self.root, problems)  # also reports missing
            dump = model.model_dump(mode="json")
            for person, loaded in zip(dump["personen"], model.personen, strict=True):
                person["label"] = loaded.label  # a property of the model, not a field
            return dump, len(problems) == before

        path = self.data_dir / "partners.yaml"
        old, new = self._shards.open("partners")
        return cast("dict[str, Any]", reuse_or_read(path, self._shown(path), old, new, load))

    # meetings ---------------------------------------------------------------------
    def meeting_files(self) -> dict[str, str]:
        """Meeting id -> its file as shown, from the names of the files (not read)."""
        if self._meeting_files is None:
            old, new = self._shards.open("meeting-names")
            found: dict[str, str] = {}
            self._names(self.data_dir / "meetings", old, new, found)
            self._meeting_files = found
        return self._meeting_files

    def meeting_dates(self) -> dict[str, date]:
        """Meeting id -> date, from the file names (validate checks they match the contents)."""
        if self._meeting_dates is None:
            dates: dict[str, date] = {}
            for meeting_id in self.meeting_files():
                day = _date_in(meeting_id)
                if day is not None:
                    dates[meeting_id] = day
            self._meeting_dates = dates
        return self._meeting_dates

    def meetings_of(
        self, teams: Collection[str] | None, start: date | None = None, end: date | None = None
    ) -> list[str]:
        """The ids of the meetings of ``teams`` (None: all) from ``start`` to ``end``
        (inclusive; None: open), sorted. A name without a readable date is kept: the
        caller reads that file and judges it by its contents."""
        found = []
        for m in self.meeting_files():
            if teams is not None and m[:-MEETING_DATE] not in teams:
                continue
            day = self.meeting_dates().get(m)
            if day is not None and ((start and day < start) or (end and day > end)):
                continue
            found.append(m)
        return sorted(found)

    def _names(
        self, folder: Path, old: dict[str, Entry], new: dict[str, Entry], found: dict[str, str]
    ) -> None:
        """The meeting files below ``folder`` by id, cached per folder.

        Adding, removing or renaming a file changes its folder's stat key, so a folder
        whose key is unchanged still holds the names the cache lists. Symbolic links are
        reported (as :func:`samennw.storage.paths.walk` does) and not followed.
        """
        shown = self._shown(folder)
        try:
            st = folder.stat(follow_symlinks=False)
        except FileNotFoundError:
            return
        except OSError as exc:
            self.problems.append(unreadable_folder(folder, self.root, exc))
            return
        cached = old.get(shown + "/")
        if fresh(cached, st):
            assert cached is not None
            files, folders, links = cached[5]
            new[shown + "/"] = cached
        else:
            files, folders, links = [], [], []
            if stat.S_ISLNK(st.st_mode):
                links.append("")
            else:
                try:
                    with os.scandir(folder) as it:
                        for entry in it:
                            name = entry.name
                            if entry.is_symlink():
                                links.append(name)
                            elif name.startswith("."):
                                continue
                            elif entry.is_dir(follow_symlinks=False):
                                folders.append(name)
                            elif name.endswith(".md") and name.lower() != "readme.md":
                                files.append(name[:-3])
                except OSError as exc:
                    self.problems.append(unreadable_folder(folder, self.root, exc))
                    return
            new[shown + "/"] = [*stat_key(st), False, [files, folders, links]]
        for name in links:
            self.problems.append(Problem(SYMLINK, Location(Path(shown, name))))
        for name in files:
            found.setdefault(name, f"{shown}/{name}.md")
        for name in folders:
            self._names(folder / name, old, new, found)

    # actions ----------------------------------------------------------------------
    def action_files(self) -> dict[str, str]:
        """Every action (open and closed): id -> its file as shown."""
        return {action_id: shown for action_id, (_, shown) in self._all_actions().items()}

    def _all_actions(self) -> dict[str, tuple[list[Any], str]]:
        """id -> (record, file as shown) of every action, open and closed."""
        if self._actions is None:
            actions: dict[str, tuple[list[Any], str]] = {}
            seen: dict[str, Any] = {}  # one id space for both folders
            for folder in ("open", "afgerond"):
                for record, shown in self._action_files(folder):
                    if record[0] in seen:
                        named = NamedFile(record[0], shown)
                        register(named, record[0], seen, self.problems)  # type: ignore[arg-type]
                        continue
                    seen[record[0]] = shown
                    actions[record[0]] = (record, shown)
            self._actions = actions
        return self._actions

    def open_actions(self) -> list[ActionFacts]:
        """What ``open-actions`` shows and filters on, of every action in ``acties/open``.

        Reads only that folder (and the closed folder's names, to refuse an action that is
        both open and closed): closed actions are reported by ``validate``, not by a
        query about open work. An action in acties/open whose status is not active (open,
        in uitvoering, geblokkeerd) stops the query.
        """
        if self._open is None:
            seen: dict[str, str] = {}
            facts: list[ActionFacts] = []
            for record, shown in self._action_files("open"):
                if record[1] not in _ACTIVE:
                    self._misplaced(shown)
                    continue
                seen[record[0]] = shown
                facts.append(_facts(record, shown))
            closed = self.data_dir / "acties" / "afgerond"
            for action_id in list(seen):  # an action both open and closed is one action twice
                twin = closed / f"{action_id}.md"
                if os.path.lexists(twin):
                    register(
                        NamedFile(action_id, self._shown(twin)),  # type: ignore[arg-type]
                        action_id,
                        seen,
                        self.problems,
                    )
            self._open = facts
        return self._open

    def _action_files(self, folder: str) -> list[tuple[Any, str]]:
        """(record, file as shown) of the actions in ``acties/<folder>``, scanned once."""
        found = self._scanned.get(folder)
        if found is None:
            reader = self._action_reader(folder)
            found = self._scan_with_paths((f"acties/{folder}",), f"acties-{folder}", reader)
            self._scanned[folder] = found
        return found

    def _misplaced(self, shown: str) -> None:
        """The problem of an action whose status does not match its folder, at its line."""
        from samennw.model.records import Action
        from samennw.storage.paths import folder_mismatch
        from samennw.storage.reader import load_document

        path = self.root / shown
        action = load_document(path, Action, Path(shown), self.problems, keep_lines=False)
        if action is not None:
            mismatch = folder_mismatch(action.status, path.parent.name)
            if mismatch:
                self.problems.append(Problem(mismatch, action.locate("status")))

    def actions_of(self, teams: Collection[str]) -> list[str]:
        """The ids of the actions whose ``team`` is one of ``teams``, sorted."""
        by = self._index("team")
        return sorted({a for team in teams for a in by.get(team, ())})

    def actions_from(self, meeting_id: str) -> list[str]:
        """The ids of the actions that arose in meeting ``meeting_id``, sorted."""
        return sorted(self._index("vergadering").get(meeting_id, []))

    def actions_for(self, ref: str) -> list[str]:
        """The ids of the actions that name ``ref`` (a person, organisation or team) among
        their ``betrokkenen``, sorted."""
        return sorted(self._index("betrokkenen").get(ref, []))

    def _index(self, key: str) -> dict[str, list[str]]:
        """Action ids by the value of ``key`` in their records (each value of a list)."""
        by = self._by.get(key)
        if by is None:
            by = {}
            at = _KEYS.index(key)
            for action_id, (record, _) in self._all_actions().items():
                values = record[at]
                for value in values if isinstance(values, list) else (values,):
                    if value is not None:
                        by.setdefault(value, []).append(action_id)
            self._by[key] = by
        return by

    def _action_reader(self, folder: str) -> Callable[[str, str, str], _Read]:
        dates = self.meeting_dates() if folder == "open" else None
        return lambda shown, name, stem: _action_record(dates, shown, name, stem)

    # action lines -----------------------------------------------------------------
    def action_lines(self) -> dict[str, str | None]:
        """Action line id -> its domain."""
        return {line_id: record[1] for line_id, record in self._action_lines().items()}

    def _action_lines(self) -> dict[str, list[Any]]:
        if self._lines is None:
            self._lines = {
                record[0]: record
                for record in self._scan(("actielijnen",), "actielijnen", _line_record)
            }
        return self._lines

    # scanning ---------------------------------------------------------------------
    def _shown(self, path: Path) -> str:
        return str(path)[self._prefix :] if str(path).startswith(str(self.root)) else str(path)

    def _scan(
        self, folders: tuple[str, ...], shard: str, reader: Callable[[str, str, str], _Read]
    ) -> list[Any]:
        return [record for record, _ in self._scan_with_paths(folders, shard, reader)]

    def _scan_with_paths(
        self,
        folders: tuple[str, ...],
        shard: str,
        reader: Callable[[str, str, str], _Read],
        seen: dict[str, Any] | None = None,
    ) -> list[tuple[Any, str]]:
        """(record, file as shown) of every file below ``folders``: reused while its stat
        key is unchanged, else read (over every CPU when there are many, as after an
        upgrade or on a fresh clone). Ids must be unique and match the file names."""
        old, new = self._shards.open(shard)
        problems = self.problems
        prefix = self._prefix
        gc_was_enabled = gc.isenabled()
        gc.disable()  # many short-lived objects, no cycles: the collector only costs time
        try:
            # (file as shown, its cache entry while fresh, else [absolute name, stem, stat])
            files: list[tuple[str, Entry | None, Any]] = []
            misses: list[_File] = []
            for folder in folders:
                place = self.data_dir / folder
                if folder == "acties/afgerond" and place.is_file() and not place.is_symlink():
                    continue  # closed actions are not read by a query: validate reports it
                for entry in walk(place, problems, self.root):
                    try:
                        st = entry.stat(follow_symlinks=False)
                    except FileNotFoundError:  # removed since it was listed (git checkout)
                        continue
                    shown = entry.path[prefix:]
                    cached = old.get(shown)
                    if fresh(cached, st):
                        files.append((shown, cached, None))
                    else:
                        files.append((shown, None, st))
                        misses.append((shown, entry.path, entry.name[:-3]))
            reads = iter(_read_files(reader, misses))
            seen = {} if seen is None else seen  # id -> file: ids must be unique
            result: list[tuple[Any, str]] = []
            for shown, cached, st in files:
                if cached is not None:  # unchanged since the index saw it without problems
                    record = cached[5]
                else:
                    record, file_problems = next(reads)
                    problems.extend(file_problems)
                    if record is None:
                        continue
                    if not file_problems:  # only a file without problems is kept
                        cached = [*stat_key(st), False, record]
                record_id = record[0]
                if record_id in seen:  # the file name was checked when it was read
                    register(NamedFile(record_id, shown), record_id, seen, problems)  # type: ignore[arg-type]
                    continue
                if cached is not None:
                    new[shown] = cached
                seen[record_id] = shown  # the file name, not the model (memory)
                result.append((record, shown))
            return result
        finally:
            if gc_was_enabled:
                gc.enable()

    # a repository on top ----------------------------------------------------------
    def catalog(self) -> Catalog:
        """What ``open-actions`` works on."""
        partners = self.partners()
        dates = self.meeting_dates()
        actions = self.open_actions()
        return Catalog(self.root, partners, actions, dates, self.action_lines(), self.problems)


def _read_files(reader: Callable[[str, str, str], _Read], files: list[_File]) -> list[_Read]:
    """``reader`` of each of ``files`` in order, in chunks over
    :func:`samennw.storage.parallel.processes_for` processes."""
    if not files:
        return []
    processes = processes_for(len(files))
    size = chunk_size(len(files), processes)
    if processes > 1:
        from samennw.storage.repository import FOLDERS

        for _, model in FOLDERS:
            model.model_rebuild()  # build the validators once, before forking

    def chunk(c: int) -> list[_Read]:
        return [reader(*f) for f in files[c * size : (c + 1) * size]]

    chunks = map_chunks(chunk, -(-len(files) // size), processes)
    return [read for reads in chunks for read in reads]


def _load(model_name: str, shown: str, name: str, stem: str) -> tuple[Any, list[Problem]]:
    """The object in file ``name`` (shown as ``shown``), its name checked; problems."""
    from samennw.model import records
    from samennw.storage.paths import check_name
    from samennw.storage.reader import load_quick, with_path

    problems: list[Problem] = []
    obj = load_quick(Path(name), getattr(records, model_name), shown, problems, name=name)
    if obj is not None:
        check_name(obj, stem, problems)
    return obj, [with_path(p) for p in problems]


def _line_record(shown: str, name: str, stem: str) -> _Read:
    line, problems = _load("ActionLine", shown, name, stem)
    if line is None:
        return None, problems
    return [line.id, line.domein], problems


def _action_record(
    meeting_dates: dict[str, date] | None, shown: str, name: str, stem: str
) -> _Read:
    """The record of one action: the keys, and for one in ``acties/open`` (``meeting_dates``
    given) also what the query shows."""
    action, problems = _load("Action", shown, name, stem)
    if action is None:
        return None, problems
    record: list[Any] = [
        action.id,
        action.status.value,
        action.team,
        action.werkgroep,
        action.actielijn,
        action.vergadering,
        action.afgerond_in,
        list(action.betrokkenen),
    ]
    if meeting_dates is not None:
        due = parsed_due(action.wanneer, meeting_dates.get(action.vergadering or ""))
        record += [action.wanneer, action.volgorde, action.herkomst, action.wat, action.wie]
        record += [action.body, list(due), action.reden, action.vertrouwelijk]
    return record, problems


def _facts(record: list[Any], shown: str) -> ActionFacts:
    """ActionFacts from the record of an active action (JSON has lists for tuples)."""
    keys = dict(zip(_KEYS, record, strict=False))
    shown_part = dict(zip(_SHOWN, record[len(_KEYS) :], strict=True))
    due = shown_part["parsed_due"]
    return ActionFacts(
        id=keys["id"],
        status=keys["status"],
        team=keys["team"],
        werkgroep=keys["werkgroep"],
        actielijn=keys["actielijn"],
        vergadering=keys["vergadering"],
        betrokkenen=tuple(keys["betrokkenen"]),
        wanneer=shown_part["wanneer"],
        volgorde=shown_part["volgorde"],
        herkomst=shown_part["herkomst"],
        wat=shown_part["wat"],
        wie=shown_part["wie"],
        body=shown_part["body"],
        path=shown,
        parsed_due=tuple(due) if due is not None else None,
        reden=shown_part["reden"],
        vertrouwelijk=shown_part["vertrouwelijk"],
    )


def _date_in(meeting_id: str) -> date | None:
    m = MEETING_ID.match(meeting_id)
    if m is None:
        return None
    try:
        return date.fromisoformat(m["date"])
    except ValueError:
        return None  # an impossible date in a name: validate reports the file


def _partners_view(dump: dict[str, Any]) -> Partners:
    view = SimpleNamespace(
        **{
            name: [SimpleNamespace(**item) for item in items] if isinstance(items, list) else items
            for name, items in dump.items()
        }
    )
    return cast("Partners", view)


def load_query_catalog(data: Path | None) -> Catalog:
    """The partners, open actions, meeting dates and action-line domains of the repository
    chosen with ``--data`` (no cache for the embedded data set)."""
    from samennw.storage.locking import read_lock
    from samennw.storage.paths import find_root, uses_embedded

    root = find_root(data)
    index = RepositoryIndex(root, cache=not uses_embedded(data))
    with read_lock(root):  # a writer moving a file is never seen halfway
        catalog = index.catalog()
    index.save()
    return catalog
