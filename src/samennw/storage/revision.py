"""A repository as it stood at a git revision: its files come from a tree object.

``revision_repository(root, "HEAD~3")`` gives the same :class:`Repository` as the
working tree does, but every file is read from the commit's tree (GitPython's object
database, through one ``git cat-file`` process), so uncommitted changes are not seen and
nothing on disk is touched. Files are read on first use, with the same checks as files
on disk (size, UTF-8, characters, YAML, the models); a broken file is reported with its
file and line. This is what "the action list as it stood at a commit" and "what a pull
request changes" are built on.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any

from samennw.errors import Location, Problem, SamennwError
from samennw.storage.paths import SYMLINK, data_dir_of, ignored, unread_file
from samennw.storage.reader import Source, decode_text
from samennw.storage.repository import FOLDERS, FileNames, Repository, open_repository

LINK_MODE = 0o120000


class GitRevision(Source):
    """The files of ``root``'s data folder in the tree of ``revision``."""

    def __init__(self, root: Path, revision: str) -> None:
        import git

        try:
            repo = git.Repo(root, search_parent_directories=True)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            raise SamennwError(f"'{root}' staat niet in een git-repository") from None
        try:
            commit = repo.commit(revision)
        except (git.BadName, ValueError):
            raise SamennwError(f"onbekende git-revisie '{revision}'") from None
        self.revision = commit.hexsha
        self.root = root
        top = Path(repo.working_tree_dir or root).resolve()
        base = PurePosixPath(*root.resolve().relative_to(top).parts)
        self._base = base  # the repository root inside the git tree
        self._blobs: dict[str, Any] = {}  # path relative to root (posix) -> blob
        try:
            tree = commit.tree / str(base / "data") if base.parts else commit.tree / "data"
        except KeyError:
            return  # no data folder at that revision: partners.yaml is reported missing
        item: Any
        for item in tree.traverse():
            if item.type == "blob":
                self._blobs[str(PurePosixPath(item.path).relative_to(base))] = item

    def _key(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix() if path.is_absolute() else path.as_posix()

    def is_file(self, path: Path) -> bool:
        blob = self._blobs.get(self._key(path))
        return blob is not None and blob.mode != LINK_MODE

    def is_symlink(self, path: Path) -> bool:
        blob = self._blobs.get(self._key(path))
        return blob is not None and blob.mode == LINK_MODE

    def read_text(self, path: Path) -> str:
        blob = self._blobs[self._key(path)]
        return decode_text(blob.data_stream.read(), path)

    def files(self, folder: str) -> tuple[dict[str, str], list[Problem]]:
        """The data files below ``data/<folder>`` by id (absolute names, as on disk), with
        the problems :func:`samennw.storage.paths.walk` would report there."""
        prefix = f"data/{folder}/"
        found: dict[str, str] = {}
        problems: list[Problem] = []
        for name in sorted(k for k in self._blobs if k.startswith(prefix)):
            path = PurePosixPath(name)
            if any(part.startswith(".") for part in path.parts[2:-1]):
                continue  # a hidden folder is passed over, as on disk
            shown = Path(name)
            if self._blobs[name].mode == LINK_MODE:
                problems.append(Problem(SYMLINK, Location(shown)))
            elif (
                path.suffix == ".md"
                and not path.name.startswith(".")
                and (path.name.lower() != "readme.md")
            ):
                stem = path.stem
                if stem in found:
                    other = Path(found[stem]).relative_to(self.root)
                    problems.append(
                        Problem(f"dubbele code '{stem}' (ook in {other})", Location(shown, 2))
                    )
                    continue
                found[stem] = str(self.root / name)
            elif not ignored(path.name):
                problems.append(unread_file(self.root / name, self.root))
        return found, problems


def revision_repository(root: Path, revision: str) -> Repository:
    """The repository at ``root`` as it stood at git revision ``revision`` (a commit, a
    branch, a tag, ``HEAD~2``); a Dutch error for an unknown revision."""
    source = GitRevision(root, revision)
    problems: list[Problem] = []
    folders: dict[str, FileNames] = {}
    for folder, _ in FOLDERS:
        names, found = source.files(folder)
        folders[folder] = FileNames(names)
        problems.extend(found)
    repo = open_repository(root, folders, source=source, problems=problems)
    repo.data_dir = data_dir_of(root)
    repo.file_count = 1 + sum(len(f) for f in folders.values())
    return repo
