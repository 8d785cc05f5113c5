"""Find, load and save a data repository.

Loading collects problems instead of stopping at the first one (validate reports them
all); the commands that change data refuse to work on a repository with errors.
Saving writes a temporary file in the same folder, fsyncs and renames.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import ValidationError

from samennw.errors import (
    DataFileError,
    InvalidDataError,
    Location,
    Problem,
    SamennwError,
    close_matches,
    raise_if_errors,
)
from samennw.model.records import (
    Action,
    ActionLine,
    ActionStatus,
    Domain,
    ImportantDate,
    Meeting,
    Organisation,
    Partners,
    Person,
    Sourced,
    Team,
)
from samennw.model.schema_errors import problems_from
from samennw.storage.paths import (
    check_name,
    check_no_symlinks,
    data_dir_of,
    find_root,
    folder_mismatch,
    ignored,
    register,
    relative,
    walk,
)
from samennw.storage.reader import (
    WORKING_TREE,
    Source,
    load_document,
    read_text,
    shown_in,
)
from samennw.storage.yamlreader import load_yaml

if TYPE_CHECKING:
    from samennw.storage.index import RepositoryIndex

ACTION_ID = re.compile(r"^[A-Z][A-Z0-9]*-[0-9]{3,}$")
SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*$")
M = TypeVar("M", bound=Sourced)


def check_id(value: str, *, action: bool = False) -> str:
    """Refuse ids that could escape a folder or are malformed, before any path is built."""
    pattern = ACTION_ID if action else SAFE_ID
    if "/" in value or "\\" in value or ".." in value or not pattern.match(value):
        kind = "actiecode" if action else "code"
        raise SamennwError(f"'{value}' is geen geldige {kind}")
    return value


@dataclass
class Repository:
    """The data of one repository. Meetings, actions and action lines are mappings by id
    whose objects are read on first use (:class:`LazyFolder`); ask for what you need with
    :meth:`meetings_of`, :meth:`actions_of` and :meth:`actions_from`, which use the
    repository's index (when it has one) to read only those files."""

    root: Path
    data_dir: Path
    partners: Partners
    meetings: Mapping[str, Meeting] = field(default_factory=dict)
    actions: Mapping[str, Action] = field(default_factory=dict)
    action_lines: Mapping[str, ActionLine] = field(default_factory=dict)
    important_dates: list[ImportantDate] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    file_count: int = 0
    broken_ids: set[str] = field(default_factory=set)  # invalid partners entries (reported)
    # sections of partners.yaml that could not be used (a misspelt section key, a value
    # that is not a list), each with the place of its cause (see load_partners)
    unusable_sections: dict[str, Location] = field(default_factory=dict)
    source: Source = WORKING_TREE
    index: RepositoryIndex | None = None

    # what domain code asks ---------------------------------------------------------
    def meetings_of(
        self, teams: Collection[str] | None, start: date | None = None, end: date | None = None
    ) -> list[Meeting]:
        """The meetings of ``teams`` (None: every team) from ``start`` to ``end``
        (inclusive; None: no bound)."""
        if self.index is not None:
            found = [self.meetings[m] for m in self.index.meetings_of(teams, start, end)]
        else:
            found = list(self.meetings.values())
        return [
            m
            for m in found
            if (teams is None or m.team in teams)
            and not (start and m.datum < start)
            and not (end and m.datum > end)
        ]

    def actions_of(self, teams: Collection[str]) -> list[Action]:
        """The actions whose ``team`` is one of ``teams``."""
        if self.index is None:
            return [a for a in self.actions.values() if a.team in teams]
        ids = self.index.actions_of(teams)
        self.index.raise_if_invalid()  # a broken action file might be one of them
        return [a for a in (self.actions[i] for i in ids) if a.team in teams]

    def actions_from(self, meeting_id: str) -> list[Action]:
        """The actions that arose in meeting ``meeting_id``, by id."""
        if self.index is None:
            found = [a for a in self.actions.values() if a.vergadering == meeting_id]
            return sorted(found, key=lambda a: a.id)
        ids = self.index.actions_from(meeting_id)
        self.index.raise_if_invalid()  # a broken action file might be one of them
        return [a for a in (self.actions[i] for i in ids) if a.vergadering == meeting_id]

    @property
    def partners_usable(self) -> bool:
        """False when partners.yaml is missing or unreadable as a whole (see load_partners):
        every reference to a person, organisation, team or domain is then unknowable."""
        return self.partners.source_path is not None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.error]

    def raise_if_invalid(self) -> None:
        raise_if_errors(self.problems)

    # paths ---------------------------------------------------------------------------
    def action_path(self, action_id: str, status: ActionStatus) -> Path:
        check_id(action_id, action=True)
        return self.data_dir / "acties" / status.folder / f"{action_id}.md"

    def meeting_path(self, meeting: Meeting) -> Path:
        check_id(meeting.id)
        return self.data_dir / "meetings" / str(meeting.datum.year) / f"{meeting.id}.md"

    def rel(self, path: Path) -> Path:
        return relative(path, self.root)


# what a duplicate action id after a merge of two branches needs (see ops/renumber.py)
RENUMBER_HINT = "; na een samenvoeging van twee takken: draai 'samennw hernummer'"

# the folders below data/ with one object per file
FOLDERS: tuple[tuple[str, type[Sourced]], ...] = (
    ("meetings", Meeting),
    ("actielijnen", ActionLine),
    ("acties", Action),
)


DATA_FILES = ("partners.yaml", "belangrijke-data.yaml", "geen-personen.yaml")  # in data/


def check_top_level(data_dir: Path, root: Path, problems: list[Problem]) -> None:
    """Report what lies directly in ``data/`` and is not read (``partners.yml``).

    Hidden names and a README pass (see :func:`samennw.storage.paths.ignored`). A name that is a
    plausible typo of a data file or folder (another case, ``.yml``) is an error: its
    data would be missed without a word; anything else a warning.
    """
    try:
        with os.scandir(data_dir) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        return  # reported where the data folder is read
    folders = [name for name, _ in FOLDERS]
    for entry in entries:
        name = entry.name
        if ignored(name) or name in DATA_FILES or name in folders:
            continue
        is_dir = entry.is_dir(follow_symlinks=False)
        known = folders if is_dir else DATA_FILES
        what = "map" if is_dir else "bestand"
        shown = Location(relative(Path(entry.path), root))
        meant = [w for w in known if w == name.lower()] or close_matches(name.lower(), known, 1)
        if meant and _same_entry(entry.path, data_dir / meant[0]):
            # a file system that ignores case (macOS, Windows) finds it; git and CI do not
            problems.append(
                Problem(
                    f"{what} heet '{name}', maar samennw leest '{meant[0]}' (kleine letters): "
                    "alleen een bestandssysteem dat hoofdletters niet onderscheidt vindt "
                    f"deze {what}, een clone op Linux (CI) niet; hernoem de {what}",
                    shown,
                )
            )
        elif meant:
            problems.append(Problem(f"{what} wordt niet gelezen; bedoelde u '{meant[0]}'?", shown))
        else:
            problems.append(
                Problem(
                    f"{what} wordt niet gelezen: in {data_dir.name}/ leest samennw alleen "
                    f"{', '.join(DATA_FILES)} en de mappen {', '.join(folders[:-1])} en "
                    f"{folders[-1]}",
                    shown,
                    error=False,
                )
            )


def _same_entry(path: str, other: Path) -> bool:
    """Whether ``other`` names the entry ``path`` (a file system that ignores case)."""
    try:
        return other.samefile(path)
    except OSError:
        return False


def load_partners(
    data_dir: Path,
    root: Path,
    problems: list[Problem],
    broken: set[str] | None = None,
    unusable: dict[str, Location] | None = None,
    source: Source = WORKING_TREE,
) -> Partners:
    """partners.yaml, entry by entry; problems are appended, not raised.

    A file that cannot be used as a whole (missing, a link, unreadable, not a mapping)
    gives empty partners without a ``source_path``: ``Repository.partners_usable``.
    A section that cannot be used goes into ``unusable`` (section -> where the cause is):
    one whose value is not a list, and, when the file has an unknown top-level key, each
    section that is missing or empty (the unknown key is most likely that section,
    misspelt: ``persoonen:``). References to its ids then cannot be checked.
    """
    path = data_dir / "partners.yaml"
    shown = relative(path, root)
    if source.is_symlink(path):
        problems.append(Problem("symbolische koppeling is niet toegestaan", Location(shown)))
        return Partners()
    if not source.is_file(path):
        problems.append(
            Problem(
                "partners.yaml ontbreekt; zonder personen, organisaties en teams zijn de "
                "verwijzingen in de andere bestanden niet te controleren",
                Location(shown),
            )
        )
        return Partners()
    try:
        raw, lines = load_yaml(source.read_text(path), shown)
    except DataFileError as exc:
        problems.append(Problem(exc.message, shown_in(shown, exc.location)))
        return Partners()
    if raw is None:
        problems.append(Problem("bestand is leeg", Location(shown, 1)))
        return Partners()
    if not isinstance(raw, dict):
        problems.append(Problem("sleutels met lijsten verwacht", Location(shown, 1)))
        return Partners()
    sections: dict[str, type[Sourced]] = {
        "domeinen": Domain,
        "organisaties": Organisation,
        "personen": Person,
        "teams": Team,
    }
    strangers: dict[str, Location] = {}  # unknown top-level keys
    for key in raw:
        if key not in sections:
            close = close_matches(str(key), sections, n=1)
            hint = f"; bedoelde u '{close[0]}'?" if close else ""
            where = Location(shown, *lines.get((key,), (None, None)))
            strangers[str(key)] = where
            problems.append(Problem(f"onbekende sleutel '{key}'{hint}", where))
    lost: dict[str, Location] = {}
    if strangers:
        for key in sections:
            if not raw.get(key):  # missing or empty: the stranger closest to it is the cause
                cause = max(strangers, key=lambda s: difflib.SequenceMatcher(None, s, key).ratio())
                lost[key] = strangers[cause]
    kept: dict[str, list[Sourced]] = {}
    for key, model in sections.items():
        items = raw.get(key) or []
        if not isinstance(items, list):
            where = Location(shown, *lines.get((key,), (None, None)))
            problems.append(Problem(f"een lijst verwacht bij '{key}'", where))
            lost[key] = where
            continue
        kept[key] = []
        for i, item in enumerate(items):  # item by item: one typo costs one item, not all
            try:
                obj = model.model_validate(item)
            except ValidationError as exc:
                problems.extend(problems_from(exc, model, shown, lines, (key, i)))
                if (
                    broken is not None
                    and isinstance(item, dict)
                    and isinstance(item.get("id"), str)
                ):
                    broken.add(item["id"])  # reported once here, not at every reference
                continue
            obj.attach(shown, lines, (key, i))
            kept[key].append(obj)
    partners = Partners.model_construct(**kept)  # type: ignore[arg-type]
    partners.attach(shown, lines)
    if unusable is not None:
        unusable.update(lost)
    return partners


def load_important_dates(
    data_dir: Path, root: Path, problems: list[Problem], source: Source = WORKING_TREE
) -> list[ImportantDate]:
    path = data_dir / "belangrijke-data.yaml"
    if not source.is_file(path):
        return []
    shown = relative(path, root)
    try:
        raw, lines = load_yaml(source.read_text(path), shown)
    except DataFileError as exc:
        problems.append(Problem(exc.message, shown_in(shown, exc.location)))
        return []
    if raw is None:
        return []
    if not isinstance(raw, list):
        problems.append(Problem("een lijst van data verwacht", Location(shown, 1)))
        return []
    result = []
    for i, item in enumerate(raw):
        try:
            obj = ImportantDate.model_validate(item)
        except ValidationError as exc:
            problems.extend(problems_from(exc, ImportantDate, shown, lines, (i,)))
            continue
        obj.attach(shown, lines, (i,))
        result.append(obj)
    return result


def load_repository(path: Path | None = None) -> Repository:
    """Load everything below the repository root; problems are collected, not raised."""
    repo = lazy_repository(find_root(path))
    problems = repo.problems
    repo.meetings = {m.id: m for m in LazyFolder.of(repo.meetings).stream(problems)}
    repo.action_lines = {a.id: a for a in LazyFolder.of(repo.action_lines).stream(problems)}
    repo.actions = {a.id: a for a in LazyFolder.of(repo.actions).stream(problems)}
    return repo


class FileNames(Mapping[str, Path]):
    """File names by id, as Paths made on access: building 100,000 Paths up front costs
    more than a writing command's whole work. ``names`` may be a function that gives
    them, called on first use (an index is consulted only when the folder is used)."""

    def __init__(self, names: dict[str, str] | Callable[[], dict[str, str]]) -> None:
        self._names = names if isinstance(names, dict) else None
        self._make = None if isinstance(names, dict) else names

    @property
    def names(self) -> dict[str, str]:
        if self._names is None:
            assert self._make is not None
            self._names = self._make()
        return self._names

    def __getitem__(self, key: str) -> Path:
        return Path(self.names[key])

    def __contains__(self, key: object) -> bool:
        return key in self.names

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


class LazyFolder(Mapping[str, M]):
    """The objects of one data folder by id (= file name), each parsed on first use."""

    def __init__(
        self, files: Mapping[str, Path], model: type[M], root: Path, source: Source = WORKING_TREE
    ) -> None:
        self._files, self._model, self._root, self._source = files, model, root, source
        self._loaded: dict[str, M] = {}

    @staticmethod
    def of(folder: Mapping[str, Any]) -> LazyFolder[Any]:
        assert isinstance(folder, LazyFolder)
        return folder

    def file_names(self) -> list[str]:
        """The folder's files as strings, without parsing them or making Paths."""
        if isinstance(self._files, FileNames):
            return list(self._files.names.values())
        return [str(path) for path in self._files.values()]

    def _load(self, path: Path, problems: list[Problem], keep_lines: bool) -> M | None:
        shown = relative(path, self._root)
        return load_document(
            path, self._model, shown, problems, keep_lines=keep_lines, source=self._source
        )

    def __getitem__(self, key: str) -> M:
        obj = self._loaded.get(key)
        if obj is None:
            path = self._files[key]  # KeyError: not there
            problems: list[Problem] = []
            obj = self._load(path, problems, True)
            if obj is None:
                raise InvalidDataError(f"'{relative(path, self._root)}' is ongeldig", problems)
            self._loaded[key] = obj
        return obj

    def stream(self, problems: list[Problem]) -> Iterator[M]:
        """Every object once, read now and not kept (problems are collected)."""
        seen: dict[str, Any] = {}  # id -> its file (for duplicate ids inside the files)
        for key, path in self._files.items():
            obj = self._loaded.get(key) or self._load(path, problems, False)
            if obj is None:
                continue
            if register(obj, key, seen, problems):
                seen[obj.id] = str(obj.source_path)  # type: ignore[attr-defined]
            yield obj

    def __contains__(self, key: object) -> bool:
        return key in self._files  # Mapping's default would read the file

    def __iter__(self) -> Iterator[str]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)


def open_repository(
    root: Path,
    folders: Mapping[str, Mapping[str, Path]],
    *,
    source: Source = WORKING_TREE,
    index: RepositoryIndex | None = None,
    problems: list[Problem] | None = None,
) -> Repository:
    """The repository at ``root`` whose data files are ``folders`` (folder name -> id ->
    file), each read from ``source`` on first use; partners and important dates now.

    The one constructor behind :func:`lazy_repository` (the names from the working
    tree), :func:`indexed_repository` (the names from the index) and
    :func:`samennw.storage.revision.revision_repository` (a git revision).
    """
    data_dir = data_dir_of(root)
    problems = [] if problems is None else problems
    broken: set[str] = set()
    unusable: dict[str, Location] = {}
    repo = Repository(
        root=root,
        data_dir=data_dir,
        partners=load_partners(data_dir, root, problems, broken, unusable, source=source),
        problems=problems,
        broken_ids=broken,
        unusable_sections=unusable,
        file_count=1,
        source=source,
        index=index,
    )
    repo.important_dates = load_important_dates(data_dir, root, problems, source=source)
    repo.meetings = LazyFolder(folders["meetings"], Meeting, root, source)
    repo.action_lines = LazyFolder(folders["actielijnen"], ActionLine, root, source)
    repo.actions = LazyFolder(folders["acties"], Action, root, source)
    return repo


def lazy_repository(root: Path) -> Repository:
    """The working tree's repository, every file name listed now, each file read on use.

    ``validate`` streams every file through its checks (LazyFolder.stream), so it stays
    fast and small on a repository of 100,000 files.
    """
    data_dir = data_dir_of(root)
    check_no_symlinks(data_dir)
    problems: list[Problem] = []
    check_top_level(data_dir, root, problems)
    folders: dict[str, Mapping[str, Path]] = {}
    count = 1
    for folder, _ in FOLDERS:
        names: dict[str, str] = {}  # id -> file name; a Path only when a file is used
        for entry in walk(data_dir / folder, problems, root):
            stem = entry.name[:-3]
            if stem in names:  # e.g. the same action in open/ and afgerond/
                other = relative(Path(names[stem]), root)
                problems.append(
                    Problem(
                        f"dubbele code '{stem}' (ook in {other})"
                        + (RENUMBER_HINT if folder == "acties" else ""),
                        Location(relative(Path(entry.path), root), 2),
                    )
                )
                continue
            names[stem] = entry.path
        folders[folder] = FileNames(names)
        count += len(names)
    repo = open_repository(root, folders, problems=problems)
    repo.file_count = count
    return repo


def indexed_repository(index: RepositoryIndex) -> Repository:
    """The working tree's repository with ``index``: meetings and actions are found
    through it (:meth:`Repository.meetings_of` and the like), so a command reads only the
    files its answer depends on. The index's problems are raised by those methods; a
    file read directly that turns out broken raises as it is read."""
    root = index.root
    data_dir = index.data_dir
    problems: list[Problem] = []
    check_top_level(data_dir, root, problems)
    base = str(root).rstrip(os.sep) + os.sep
    lines: dict[str, str] = {}
    for entry in walk(data_dir / "actielijnen", problems, root):  # a handful of files
        lines.setdefault(entry.name[:-3], entry.path)

    def listed() -> dict[str, str]:  # names only: no file is stat-ed or read
        found: dict[str, str] = {}
        for entry in walk(data_dir / "acties", [], root, ordered=False):
            found.setdefault(entry.name[:-3], entry.path)
        return found

    folders: dict[str, Mapping[str, Path]] = {
        "meetings": FileNames(
            lambda: {key: base + shown for key, shown in index.meeting_files().items()}
        ),
        "actielijnen": FileNames(lines),
        "acties": ActionFiles(data_dir, root, listed),
    }
    return open_repository(root, folders, index=index, problems=problems)


class ActionFiles(FileNames):
    """Action files by id. One id is looked up where it must be, ``acties/open/<id>.md``
    or ``acties/afgerond/<id>.md`` (a command about one action reads nothing else); an
    id in both places is refused as the duplicate it is. The whole list (the next free
    number) comes from the folders' names; a file in a subfolder is found through it."""

    def __init__(self, data_dir: Path, root: Path, names: Callable[[], dict[str, str]]) -> None:
        super().__init__(names)
        self._data_dir, self._root = data_dir, root

    def _probe(self, key: str) -> Path | None:
        if not ACTION_ID.match(key):
            return None  # never a path from a malformed id
        found = [
            path
            for path in (self._data_dir / "acties" / s.value / f"{key}.md" for s in ActionStatus)
            if path.is_file() and not path.is_symlink()
        ]
        if len(found) > 1:
            first, second = (relative(p, self._root) for p in found)
            problem = Problem(
                f"dubbele code '{key}' (ook in {first}){RENUMBER_HINT}", Location(second, 2)
            )
            raise InvalidDataError(f"'{second}' is ongeldig", [problem])
        return found[0] if found else None

    def __getitem__(self, key: str) -> Path:
        found = self._probe(key)
        return found if found is not None else super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str) and self._probe(key) is not None:
            return True
        return super().__contains__(key)


@contextmanager
def reading(data: Path | None) -> Iterator[Repository]:
    """The repository a reading command works on (``--data``, else found from here).

    Indexed, so the command reads only the files its answer depends on; under the read
    lock, so a writer's move is never seen halfway; invalid partners or top-level data
    stop it (a broken data file stops it when the command reads that file). What the
    index learned is kept in its cache afterwards (not for the embedded data set).
    """
    from samennw.storage.index import RepositoryIndex
    from samennw.storage.locking import read_lock
    from samennw.storage.paths import uses_embedded

    root = find_root(data)
    index = RepositoryIndex(root, cache=not uses_embedded(data))
    try:
        with read_lock(root):
            repo = indexed_repository(index)
            repo.raise_if_invalid()
            yield repo
    finally:
        index.save()


# The temporary file of a write: ``.<name>.<pid>.tmp`` next to the file. Only names of
# this exact form (a data file's name and a process id) are ever cleaned up as samennw's.
_TEMP_NAME = re.compile(r"^\.(?P<name>[^./][^/\\]*\.(?:md|yaml|json))\.(?P<pid>[0-9]+)\.tmp$")


def temp_path(path: Path, pid: int | None = None) -> Path:
    """The temporary file :func:`atomic_write` uses for ``path`` (in process ``pid``)."""
    return path.with_name(f".{path.name}.{os.getpid() if pid is None else pid}.tmp")


def is_temp_name(name: str) -> bool:
    """True for a name :func:`temp_path` makes, and for no other name."""
    return _TEMP_NAME.match(name) is not None


def fsync_folder(folder: Path) -> None:
    dir_fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def write_temp(path: Path, data: bytes) -> Path:
    """Write ``data`` to the temporary file of ``path`` (created anew, fsynced).

    OSError on failure (its ``filename`` is ``path``); no temporary file is left.
    """
    tmp = temp_path(path)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    try:
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException as exc:
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OSError(exc.errno, exc.strerror, str(path)) from None
        raise
    return tmp


def put_in_place(tmp: Path, path: Path) -> None:
    """Rename a temporary file over ``path`` and make the rename durable (OSError)."""
    try:
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    fsync_folder(path.parent)


def atomic_write(path: Path, content: str | bytes) -> bool:
    """Write ``content`` to ``path`` via temp file + fsync + rename. False if unchanged."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    try:
        put_in_place(write_temp(path, data), path)
    except OSError as exc:
        raise SamennwError(f"kan '{path}' niet schrijven ({exc.strerror})") from None
    return True


def reader_problems(path: Path, written: Path, root: Path) -> list[Problem]:
    """The errors a reader of ``path`` would report if it held the bytes of ``written``.

    Runs the reader itself (:func:`load_document`: size limit, UTF-8, characters, YAML,
    the model) plus the file-name checks, so a writer never puts down a file that
    ``open-actions``, ``validate`` or the next write would refuse.
    """
    shown = relative(path, root)
    data_dir = data_dir_of(root)
    problems: list[Problem] = []
    try:
        folder = path.relative_to(data_dir).parts[0]
    except (ValueError, IndexError):
        folder = ""
    model = next((m for name, m in FOLDERS if name == folder), None)
    if model is None or path.suffix != ".md":
        try:
            text = read_text(written)
            if path.suffix in (".yaml", ".yml"):
                load_yaml(text, shown)
        except DataFileError as exc:
            problems.append(Problem(exc.message, shown_in(shown, exc.location)))
        return problems
    obj = load_document(written, model, shown, problems)
    if obj is not None:
        check_name(obj, path.stem, problems)
        status = getattr(obj, "status", None)
        if isinstance(obj, Action) and status is not None:
            mismatch = folder_mismatch(status, path.parent.name)
            if mismatch:
                problems.append(Problem(mismatch, obj.locate("status")))
    return [p for p in problems if p.error]
