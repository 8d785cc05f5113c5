"""The Woo guard's two uses: validate's warnings and the refusal of a public version.

``validate`` warns at file:line for each name of a person the data does not know. Every
public output (``render --openbaar``, the public site) calls :func:`refuse_unknown_names`
first: it raises :class:`UnknownNamesError` (exit 1, nothing written) while such names
remain in the files the output is made of, unless ``data/geen-personen.yaml`` accepts
them. Known persons are fine: the redaction replaces them by their Woo ground.
"""

from __future__ import annotations

import functools
import hashlib
import os
import time
from collections.abc import Callable, Collection, Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from samennw import __version__
from samennw.errors import Location, Problem, SamennwError
from samennw.storage import cachefile
from samennw.storage.reader import WORKING_TREE
from samennw.storage.repository import LazyFolder, Repository
from samennw.woo.allowlist import FILE_NAME, load_allowlist
from samennw.woo.names import Detector, Finding, scan_file

CODE = "onbekende-naam"
_SHOWN = 20  # findings listed in a refusal


_BEFORE, _AFTER = "onbekende naam '", "': voeg toe aan partners.yaml of markeer als geen persoon"


def message(name: str) -> str:
    return f"{_BEFORE}{name}{_AFTER}"


def name_of(problem: Problem) -> str:
    """The name a warning of :func:`message` is about (a name may hold an apostrophe:
    'O'Brien')."""
    return problem.message.removeprefix(_BEFORE).removesuffix(_AFTER)


class UnknownNamesError(SamennwError):
    """A public version would show names of people that the data does not know."""

    def __init__(self, message: str, problems: list[Problem]) -> None:
        super().__init__(message)
        self.findings = problems


def detector_for(repo: Repository) -> tuple[Callable[[], Detector], list[Problem]]:
    """The detector for ``repo``'s partners and allowlist (built when first asked for: a
    warm run whose files are all in the cache needs none), and the allowlist's problems."""
    entries, problems = load_allowlist(repo.data_dir, repo.root)
    built: list[Detector] = []

    def detector() -> Detector:
        if not built:
            built.append(Detector.for_partners(repo.partners, [e.naam for e in entries]))
        return built[0]

    return detector, problems


def _origin(obj: object) -> Path | None:
    private = getattr(obj, "__pydantic_private__", None) or {}
    origin = private.get("_origin")
    return Path(origin) if origin else None


def data_files(repo: Repository) -> list[str]:
    """Every meeting, action and action-line file of ``repo``, in a fixed order."""
    paths: list[str] = []
    for folder in (repo.meetings, repo.actions, repo.action_lines):
        if isinstance(folder, LazyFolder):
            paths += folder.file_names()
        else:
            paths += [str(p) for p in map(_origin, folder.values()) if p is not None]
    return sorted(set(paths))


def files_of(objects: Iterable[object]) -> list[Path]:
    return sorted({p for p in map(_origin, objects) if p is not None})


def check_files(
    repo: Repository,
    paths: Iterable[Path | str],
    detector: Callable[[], Detector] | None = None,
) -> list[Problem]:
    """Warnings, one per unknown name, at its file, line and column.

    On the working tree the findings of each file are kept in the repository's cache
    (``.samennw-cache/namen.json``, see :mod:`samennw.storage.cachefile`): a file whose
    stat key is unchanged is not read again, as long as partners.yaml, the allowlist,
    the word lists and the code are the same.
    """
    if detector is None:
        detector, _ = detector_for(repo)
    cache = _FindingsCache.open(repo)
    problems: list[Problem] = []
    root = str(repo.root) + os.sep
    for path in paths:
        name = str(path)  # strings: 100,000 Paths cost more than the cached check
        shown = name.removeprefix(root)

        def scan(name: str = name) -> tuple[list[list[Any]] | None, bool]:
            try:
                text = repo.source.read_text(Path(name))
            except (OSError, SamennwError):
                return None, False  # a file that cannot be read is reported by the loader
            assert detector is not None
            return [[f.name, f.line, f.column] for f in scan_file(detector(), text)], True

        found = cache.findings(name, shown, scan) if cache else scan()[0]
        for word, line, column in found or []:
            problems.append(_problem(Finding(word, line, column), Path(shown)))
    if cache:
        cache.save()
    return problems


class _FindingsCache:
    """The guard's findings per data file, stat-keyed and signed (see check_files)."""

    def __init__(self, path: Path, key: bytes, version: str) -> None:
        self.path, self.key, self.version = path, key, version
        self.started = time.time_ns()
        self.old = cachefile.read(path, key, version)
        self.new: dict[str, cachefile.Entry] = {}

    @classmethod
    def open(cls, repo: Repository) -> _FindingsCache | None:
        if repo.source is not WORKING_TREE:  # a git revision: read from git, no cache
            return None
        folder, key = cachefile.cache_key(repo.root, True)
        if key is None:
            return None
        return cls(folder / "namen.json", key, _version(repo))

    def findings(
        self, path: str, shown: str, scan: Callable[[], tuple[Any, bool]]
    ) -> list[list[Any]] | None:
        found: list[list[Any]] | None = cachefile.reuse_or_read(
            path, shown, self.old, self.new, scan
        )
        return found

    def save(self) -> None:
        if self.new != self.old:
            cachefile.write(self.path, self.key, self.version, self.new, self.started)


def _version(repo: Repository) -> str:
    """What the findings depend on besides the file itself: the code, the word lists,
    partners.yaml and the allowlist (their bytes)."""
    digest = hashlib.blake2b(digest_size=16)
    for path in (repo.data_dir / "partners.yaml", repo.data_dir / FILE_NAME):
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"-")
        digest.update(b"\0")
    digest.update(_word_lists_digest())
    return f"samennw-namen-1/{__version__}/{cachefile.code_stamp()}/{digest.hexdigest()}"


@functools.cache
def _word_lists_digest() -> bytes:
    """The packaged word lists' hash: they do not change while samennw runs (1.1 MB, read
    once per process, not once per check)."""
    digest = hashlib.blake2b(digest_size=16)
    lists = resources.files("samennw.woo") / "data"
    for item in sorted(lists.iterdir(), key=lambda i: i.name):
        digest.update(item.name.encode() + b"\0" + item.read_bytes())
    return digest.digest()


def _problem(f: Finding, shown: Path) -> Problem:
    return Problem(message(f.name), Location(shown, f.line, f.column), error=False, code=CODE)


def validate_names(repo: Repository, broken: Collection[str] = ()) -> list[Problem]:
    """validate's part: the allowlist's problems and a warning per unknown name, except
    in the files of ``broken`` (shown paths with an error: a control character or a
    broken front matter is that file's problem, not the word it cuts in two)."""
    detector, problems = detector_for(repo)
    root = str(repo.root) + os.sep
    paths = [p for p in data_files(repo) if p.removeprefix(root) not in broken]
    return problems + check_files(repo, paths, detector)


def refuse_unknown_names(repo: Repository, paths: Iterable[Path] | None = None) -> None:
    """Raise :class:`UnknownNamesError` when ``paths`` (default: every data file) hold
    names of people that are not known or accepted; do nothing otherwise."""
    detector, allow_problems = detector_for(repo)
    if allow_problems:
        first = allow_problems[0]
        raise UnknownNamesError(
            f"{first.location}: {first.message}; geen openbare versie zolang {FILE_NAME} "
            "niet klopt",
            allow_problems,
        )
    found = check_files(repo, data_files(repo) if paths is None else paths, detector)
    if not found:
        return
    names = sorted({name_of(p) for p in found})
    lines = [f"  {p.location}: {p.message.split(':')[0]}" for p in found[:_SHOWN]]
    if len(found) > _SHOWN:
        lines.append(f"  … en nog {len(found) - _SHOWN}; zie 'samennw validate'")
    allow = repo.rel(repo.data_dir / FILE_NAME)
    raise UnknownNamesError(
        f"geen openbare versie: {len(found)} keer een naam die samennw niet kent "
        f"({len(names)} verschillende). Een onbekende naam kan een persoon zijn die "
        "gelakt moet worden (Woo 5.1.2.e):\n"
        + "\n".join(lines)
        + "\nVoeg een persoon toe aan partners.yaml (openbaar: false lakt de naam), of zet "
        f"een woord dat geen persoon is met een reden in {allow}:\n"
        f"  - naam: {names[0]}\n    reden: …",
        found,
    )
