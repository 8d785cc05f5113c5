"""The catalog a member's query works on, read from only the files its answer depends on.

``open-actions`` shows open actions, so it reads:

- ``partners.yaml`` (names, aliases, teams and their members, domains);
- every file in ``acties/open/`` (what is shown and filtered on);
- the action lines (their domains, for ``--domein``);
- the *names* of the meeting files: a meeting's id is ``<team>-<JJJJ-MM-DD>`` and
  ``validate`` checks that it matches its date, so the names give the dates that
  "volgend OT" and year-less "wanneer" texts need;
- whether ``acties/afgerond/`` holds a file of the same name, to refuse an action that is
  both open and closed.

Each of those files is stat-ed on every query and read again when its stat key changed
(:mod:`samennw.storage.cachefile`: ``.samennw-cache/query.json``); the meeting names are listed
again when their folder's stat key changed (adding, removing or renaming a file changes
it). So every edit, rename or deletion is seen by the very next query.

Closed actions and the contents of meetings are not read: a broken closed action is
reported by ``samennw validate`` (and by CI and the pre-commit hook), not by a query
about open work. A file the query does read and cannot use stops the query with the
file and line.

On the warm path nothing heavier than the standard library is imported: the pydantic
models, the YAML reader and rich are loaded only to read a changed file.
"""

from __future__ import annotations

import os
import re
import stat
import time
from collections.abc import Callable, Iterable
from dataclasses import fields
from datetime import date
from functools import partial
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, cast

from samennw import __version__
from samennw.errors import Location, Problem
from samennw.ops.query import ActionFacts, Catalog, parsed_due
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
from samennw.storage.locking import read_lock
from samennw.storage.paths import (
    SYMLINK,
    NamedFile,
    check_name,
    check_no_symlinks,
    data_dir_of,
    find_root,
    folder_mismatch,
    prefix_length,
    register,
    relative,
    unreadable_folder,
    uses_embedded,
    walk,
)

if TYPE_CHECKING:
    from samennw.model.records import Partners

VERSION = f"samennw-query-2/{__version__}/{code_stamp()}"
MEETING_ID = re.compile(r"^(?P<team>.+)-(?P<date>\d{4}-\d{2}-\d{2})$")
# the record of an open action: ActionFacts' fields in order, without the path
_FACTS = tuple(f.name for f in fields(ActionFacts) if f.name != "path")

Parse = Callable[[Path, str, list[Problem]], Any]  # (file, shown, problems) -> record | None


def load_query_catalog(data: Path | None) -> Catalog:
    """The partners, open actions, meeting dates and action-line domains of the repository."""
    root = find_root(data)
    data_dir = data_dir_of(root)
    check_no_symlinks(data_dir)
    folder, key = cache_key(root, not uses_embedded(data))
    path = folder / "query.json"
    started = time.time_ns()  # before the first stat: see cachefile.write
    old = read(path, key, VERSION) if key else {}
    new: dict[str, Entry] = {}
    problems: list[Problem] = []
    prefix = prefix_length(root)

    with read_lock(root):  # a writer moving a file is never seen halfway
        partners = _partners(data_dir, root, old, new, problems)
        meeting_ids: list[str] = []
        _names(data_dir / "meetings", root, old, new, meeting_ids, problems)
        meeting_dates = _meeting_dates(meeting_ids)
        open_dir = data_dir / "acties" / "open"
        actions: list[ActionFacts] = []
        seen: dict[str, str] = {}
        parse = partial(_open, meeting_dates)
        for shown, record in _cached(
            walk(open_dir, problems, root), prefix, old, new, problems, parse
        ):
            seen[record[0]] = shown
            actions.append(_facts(record, shown))
        closed = data_dir / "acties" / "afgerond"
        for action_id in list(seen):  # an action both open and closed is one action twice
            twin = closed / f"{action_id}.md"
            if os.path.lexists(twin):
                register(NamedFile(action_id, str(twin)[prefix:]), action_id, seen, problems)  # type: ignore[arg-type]
        lines = walk(data_dir / "actielijnen", problems, root)
        line_domains = {
            line_id: domain
            for _, (line_id, domain) in _cached(lines, prefix, old, new, problems, _action_line)
        }

    changed = old.keys() != new.keys() or any(new[k] is not old.get(k) for k in new)
    if key is not None and changed:
        write(path, key, VERSION, new, started)
    return Catalog(root, partners, actions, meeting_dates, line_domains, problems)


def _cached(
    entries: Iterable[os.DirEntry[str]],
    prefix: int,
    old: dict[str, Entry],
    new: dict[str, Entry],
    problems: list[Problem],
    parse: Parse,
) -> Iterable[tuple[str, Any]]:
    """(file, record) per entry: from the cache when its stat key is unchanged, else parsed.

    Only records of files without problems are kept, so a broken file is read (and
    reported) again by every query until it is mended.
    """
    for entry in entries:
        shown = entry.path[prefix:]
        try:
            st = entry.stat(follow_symlinks=False)
        except FileNotFoundError:  # removed since it was listed (e.g. by git checkout)
            continue
        cached = old.get(shown)
        if fresh(cached, st):
            assert cached is not None
            new[shown] = cached
            yield shown, cached[5]
            continue
        before = len(problems)
        record = parse(Path(entry.path), shown, problems)
        if record is None:
            continue
        if len(problems) == before:
            new[shown] = [*stat_key(st), False, record]
        yield shown, record


def _facts(record: list[Any], shown: str) -> ActionFacts:
    """ActionFacts from a record (JSON has lists where the facts keep tuples)."""
    values = dict(zip(_FACTS, record, strict=True))
    values["betrokkenen"] = tuple(values["betrokkenen"])
    if values["parsed_due"] is not None:
        values["parsed_due"] = tuple(values["parsed_due"])
    return ActionFacts(**values, path=shown)


def _open(
    meeting_dates: dict[str, date], path: Path, shown: str, problems: list[Problem]
) -> list[Any] | None:
    """The facts of one open action (pydantic-validated), or None with problems."""
    from samennw.model.records import Action
    from samennw.storage.repository import load_document

    action = load_document(path, Action, Path(shown), problems, keep_lines=False)
    if action is None:
        return None
    check_name(action, path.stem, problems)
    mismatch = folder_mismatch(action.status.value, path.parent.name)
    if mismatch:
        problems.append(Problem(mismatch, action.locate("status")))
        return None
    facts = ActionFacts.of(action)
    record = [getattr(facts, name) for name in _FACTS]
    record[_FACTS.index("parsed_due")] = parsed_due(
        action.wanneer, meeting_dates.get(action.vergadering or "")
    )
    return record


def _action_line(path: Path, shown: str, problems: list[Problem]) -> list[Any] | None:
    from samennw.model.records import ActionLine
    from samennw.storage.repository import load_document

    line = load_document(path, ActionLine, Path(shown), problems, keep_lines=False)
    if line is None:
        return None
    check_name(line, path.stem, problems)
    return [line.id, line.domein]


def _names(
    folder: Path,
    root: Path,
    old: dict[str, Entry],
    new: dict[str, Entry],
    found: list[str],
    problems: list[Problem],
) -> None:
    """The ids (file names without .md) below ``folder``, cached per folder.

    Adding, removing or renaming a file changes its folder's stat key, so a folder whose
    key is unchanged still holds the names the cache lists. Symbolic links are reported
    (as :func:`samennw.storage.paths.walk` does) and not followed.
    """
    shown = str(relative(folder, root))
    try:
        st = folder.stat(follow_symlinks=False)
    except FileNotFoundError:
        return
    except OSError as exc:
        problems.append(unreadable_folder(folder, root, exc))
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
                problems.append(unreadable_folder(folder, root, exc))
                return
        new[shown + "/"] = [*stat_key(st), False, [files, folders, links]]
    for name in links:
        problems.append(Problem(SYMLINK, Location(Path(shown, name))))
    found.extend(files)
    for name in folders:
        _names(folder / name, root, old, new, found, problems)


def _meeting_dates(ids: Iterable[str]) -> dict[str, date]:
    """Meeting id -> date, from the file names (validate checks they match the contents)."""
    dates: dict[str, date] = {}
    for meeting_id in ids:
        m = MEETING_ID.match(meeting_id)
        if m:
            try:
                dates[meeting_id] = date.fromisoformat(m["date"])
            except ValueError:
                continue  # an impossible date in a name: validate reports the file
    return dates


def _partners(
    data_dir: Path,
    root: Path,
    old: dict[str, Entry],
    new: dict[str, Entry],
    problems: list[Problem],
) -> Partners:
    """partners.yaml as plain objects with the models' attributes, via the cache."""

    def read() -> tuple[dict[str, Any], bool]:
        from samennw.storage.repository import load_partners

        before = len(problems)
        model = load_partners(data_dir, root, problems)  # also reports a missing file
        dump = model.model_dump(mode="json")
        for person, loaded in zip(dump["personen"], model.personen, strict=True):
            person["label"] = loaded.label  # a property of the model, not a field
        return dump, len(problems) == before

    path = data_dir / "partners.yaml"
    return _partners_view(reuse_or_read(path, str(path.relative_to(root)), old, new, read))


def _partners_view(dump: dict[str, Any]) -> Partners:
    """Objects with the attributes of the partner models (all fields, plus Person.label).

    The query only reads attributes (see :class:`samennw.model.people.Directory`); building the
    pydantic models would cost more than the rest of a warm query together.
    """
    view = SimpleNamespace(
        **{
            name: [SimpleNamespace(**item) for item in items] if isinstance(items, list) else items
            for name, items in dump.items()
        }
    )
    return cast("Partners", view)
