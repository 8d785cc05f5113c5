"""Where the data lives: the repository root, its data folder and its files.

Only the standard library is imported here, so the query path (``open-actions``) can
find and list files without loading the models.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samennw.errors import Location, Problem, SamennwError

if TYPE_CHECKING:
    from samennw.model.records import ActionStatus, Sourced

PACKAGE_DIR = Path(__file__).resolve().parents[1]  # the samennw package


def embedded_root() -> Path:
    """The embedded data set: packaged in the wheel, or the source checkout's data/."""
    packaged = PACKAGE_DIR / "_data"
    if packaged.is_dir():
        return PACKAGE_DIR
    return PACKAGE_DIR.parents[1]


def data_dir_of(root: Path) -> Path:
    return root / "_data" if (root / "_data").is_dir() else root / "data"


def discovered_root() -> Path | None:
    """The data repository the working folder is in, as git finds its repository.

    The working folder itself when it has a ``data/`` folder; else the nearest folder
    above it whose ``data/`` holds a ``partners.yaml`` (so ``samennw validate`` in
    ``data/acties/open/`` checks the user's data, not the embedded set). None: none.
    """
    cwd = Path.cwd()
    if (cwd / "data").is_dir():
        return cwd
    for folder in cwd.parents:
        if (folder / "data" / "partners.yaml").is_file():
            return folder
    return None


def uses_embedded(path: Path | None) -> bool:
    """True when no data repository was chosen and the embedded data set is used."""
    return path is None and not os.environ.get("SAMENNW_DATA") and discovered_root() is None


def is_source_checkout(root: Path) -> bool:
    """``root`` is a checkout of samennw's own source, whose ``data/`` is the embedded set
    (converted from the seeds by scripts/convert_seeds.py, never edited by a command)."""
    return (root / "src" / "samennw" / "__init__.py").is_file() and (
        root / "pyproject.toml"
    ).is_file()


def find_root(path: Path | None) -> Path:
    """The repository root for ``--data PATH`` (root or its data/ folder) or the cwd."""
    if path is None:
        env = os.environ.get("SAMENNW_DATA")
        if env:
            path = Path(env)
    if path is None:
        return discovered_root() or embedded_root()
    if not path.exists():
        raise SamennwError(f"map '{path}' bestaat niet")
    path = path.absolute()  # file names shown relative to the root must not depend on cwd
    if (path / "data").is_dir():
        return path
    if (path / "partners.yaml").is_file() or path.name == "data":
        return path.parent
    raise SamennwError(
        f"'{path}' is geen samennw-gegevensmap (verwacht een map 'data/' met partners.yaml)"
    )


def check_no_symlinks(data_dir: Path) -> None:
    """The data folder and its top-level folders/files may not be symbolic links."""
    for path in (
        data_dir,
        *(
            data_dir / name
            for name in (
                "meetings",
                "actielijnen",
                "acties",
                "partners.yaml",
                "belangrijke-data.yaml",
            )
        ),
    ):
        if path.is_symlink():
            raise SamennwError(f"'{path}' is een symbolische koppeling; dat is niet toegestaan")
        if path.suffix == ".yaml" and path.exists() and not path.is_file():
            raise SamennwError(f"'{path}' is geen gewoon bestand; dat is niet toegestaan")


def walk(
    folder: Path, problems: list[Problem], root: Path, *, ordered: bool = True
) -> list[os.DirEntry[str]]:
    """All .md files below ``folder`` (sorted unless not ``ordered``), never following
    symlinks, ``folder`` itself included (reported, as are folders that cannot be read)."""
    found: list[os.DirEntry[str]] = []
    if folder.is_symlink():
        problems.append(Problem(SYMLINK, Location(relative(folder, root))))
        return found
    if not folder.exists():
        return found
    stack = [folder]
    while stack:
        current = stack.pop()
        try:
            with os.scandir(current) as it:
                for entry in it:
                    name = entry.name
                    if entry.is_symlink():
                        problems.append(
                            Problem(SYMLINK, Location(relative(Path(entry.path), root)))
                        )
                    elif entry.is_dir(follow_symlinks=False):
                        if name.startswith("."):
                            continue
                        if name.endswith(".md") and name.lower() != "readme.md":
                            problems.append(  # e.g. acties/open/KVDJ-098.md/: not skipped
                                Problem(FOLDER_NAMED_MD, Location(relative(Path(entry.path), root)))
                            )
                        else:
                            stack.append(Path(entry.path))
                    elif (
                        name.endswith(".md")
                        and not name.startswith(".")
                        and (name.lower() != "readme.md")
                    ):
                        if entry.is_file(follow_symlinks=False):
                            found.append(entry)
                        else:  # a FIFO or device would block or never end when read
                            problems.append(
                                Problem(NOT_A_FILE, Location(relative(Path(entry.path), root)))
                            )
                    elif not ignored(name):  # never silently skipped (KVDJ-097.MD)
                        problems.append(unread_file(Path(entry.path), root))
        except OSError as exc:
            problems.append(unreadable_folder(current, root, exc))
    if ordered:
        found.sort(key=lambda e: e.path)
    return found


SYMLINK = "symbolische koppeling in de gegevensmap is niet toegestaan"
FOLDER_NAMED_MD = (
    "een map met de naam van een gegevensbestand: hier hoort een bestand (de map wordt "
    "niet gelezen)"
)
NOT_A_FILE = "geen gewoon bestand (bijvoorbeeld een named pipe); dat is niet toegestaan"


def ignored(name: str) -> bool:
    """A name in the data folder that samennw passes over without a word: hidden
    (``.gitkeep``, ``.DS_Store``, an editor's swap file) or a README (any case, any
    extension)."""
    return name.startswith(".") or name.lower().partition(".")[0] == "readme"


def unread_file(path: Path, root: Path) -> Problem:
    """A file in a folder of data files that samennw does not read.

    A name ending in ``.md`` in other letters (``KVDJ-097.MD``) is a data file that every
    command would pass over (also where the file system ignores case): an error. Anything
    else (notes, a ``.txt``, an editor's backup ``KVDJ-001.md~``) is a warning.
    """
    shown = relative(path, root)
    name = path.name
    if name.lower().endswith(".md"):
        return Problem(
            f"bestand wordt niet gelezen: de naam eindigt op '{name[-3:]}' en samennw leest "
            f"alleen '.md' (kleine letters); hernoem het naar '{name[:-3]}.md'",
            Location(shown),
        )
    return Problem(UNREAD_FILE, Location(shown), error=False)


UNREAD_FILE = (
    "bestand wordt niet gelezen: in deze map leest samennw alleen .md-bestanden (een "
    "README of een naam die met een punt begint, zoals .gitkeep, mag er ook staan)"
)


def unreadable_folder(folder: Path, root: Path, exc: OSError) -> Problem:
    """A Dutch problem for a folder that cannot be listed."""
    if isinstance(exc, NotADirectoryError):
        reason = "dit is een bestand, geen map"
    elif isinstance(exc, PermissionError):
        reason = "geen leesrechten"
    else:
        reason = f"kan de map niet lezen ({exc.strerror or exc})"
    return Problem(reason, Location(relative(folder, root)))


def prefix_length(root: Path) -> int:
    """How much of an absolute file name to cut to get it relative to ``root``."""
    return len(str(root).rstrip(os.sep)) + 1  # the root folder '/' ends in its separator


def folder_mismatch(status: ActionStatus, folder: str) -> str | None:
    """Why an action with ``status`` may not be in ``acties/<folder>``; None when it may."""
    if folder == status.folder:
        return None
    return (
        f"actie met status '{status.value}' staat in map '{folder}' "
        f"(hoort in 'acties/{status.folder}')"
    )


def relative(path: Path, root: Path) -> Path:
    """``path`` relative to ``root`` when it lies inside, else unchanged (for messages)."""
    try:
        return path.relative_to(root)
    except ValueError:
        return path


class NamedFile:
    """A file known by its id and name only, for :func:`register`'s duplicate check."""

    def __init__(self, obj_id: str, shown: str) -> None:
        self.id = obj_id
        self._shown = shown

    def locate(self, *key: str | int) -> Location:
        return Location(Path(self._shown))


def check_name(obj: Sourced, stem: str, problems: list[Problem]) -> None:
    """The file name (``stem``.md) must be the object's id."""
    obj_id = obj.id  # type: ignore[attr-defined]
    if stem != obj_id:
        problems.append(
            Problem(
                f"bestandsnaam '{stem}.md' hoort bij code '{obj_id}' te passen ('{obj_id}.md')",
                obj.locate("id"),
            )
        )


def register(obj: Sourced, stem: str, target: dict[str, Any], problems: list[Problem]) -> bool:
    """File name must match the id, ids must be unique; add ``obj`` to ``target``."""
    check_name(obj, stem, problems)
    obj_id = obj.id  # type: ignore[attr-defined]
    if obj_id in target:
        holder = target[obj_id]  # a loaded object, or (from the index) its file
        other = holder.locate("id") if hasattr(holder, "locate") else Location(Path(holder))
        problems.append(Problem(f"dubbele code '{obj_id}' (ook in {other})", obj.locate("id")))
        return False
    target[obj_id] = obj
    return True
