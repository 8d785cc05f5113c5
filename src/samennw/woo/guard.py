"""The Woo guard's two uses: validate's warnings and the refusal of a public version.

``validate`` warns at file:line for each name of a person the data does not know. Every
public output (``render --openbaar``, the public site) calls :func:`refuse_unknown_names`
first: it raises :class:`UnknownNamesError` (exit 1, nothing written) while such names
remain in the files the output is made of, unless ``data/geen-personen.yaml`` accepts
them. Known persons are fine: the redaction replaces them by their Woo ground.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from samennw.errors import Location, Problem, SamennwError
from samennw.storage.repository import Repository
from samennw.woo.allowlist import FILE_NAME, load_allowlist
from samennw.woo.names import Detector, Finding, scan_file

CODE = "onbekende-naam"
_SHOWN = 20  # findings listed in a refusal


def message(name: str) -> str:
    return f"onbekende naam '{name}': voeg toe aan partners.yaml of markeer als geen persoon"


class UnknownNamesError(SamennwError):
    """A public version would show names of people that the data does not know."""

    def __init__(self, message: str, problems: list[Problem]) -> None:
        super().__init__(message)
        self.findings = problems


def detector_for(repo: Repository) -> tuple[Detector, list[Problem]]:
    """The detector for ``repo``'s partners and allowlist, and the allowlist's problems."""
    entries, problems = load_allowlist(repo.data_dir, repo.root)
    return Detector.for_partners(repo.partners, [e.naam for e in entries]), problems


def _origin(obj: object) -> Path | None:
    private = getattr(obj, "__pydantic_private__", None) or {}
    origin = private.get("_origin")
    return Path(origin) if origin else None


def data_files(repo: Repository) -> list[Path]:
    """Every meeting, action and action-line file of ``repo``, in a fixed order."""
    paths: list[Path] = []
    for folder in (repo.meetings, repo.actions, repo.action_lines):
        files = getattr(folder, "_files", None)
        if files is not None:
            paths += [Path(p) for p in files.values()]
        else:
            paths += [p for p in map(_origin, folder.values()) if p is not None]
    return sorted(set(paths), key=str)


def files_of(objects: Iterable[object]) -> list[Path]:
    return sorted({p for p in map(_origin, objects) if p is not None})


def check_files(
    repo: Repository, paths: Iterable[Path], detector: Detector | None = None
) -> list[Problem]:
    """Warnings, one per unknown name, at its file, line and column."""
    if detector is None:
        detector, _ = detector_for(repo)
    problems: list[Problem] = []
    for path in paths:
        try:
            text = repo.source.read_text(path)
        except (OSError, SamennwError):
            continue  # a file that cannot be read is reported by the loader
        shown = repo.rel(path)
        for f in scan_file(detector, text):
            problems.append(_problem(f, shown))
    return problems


def _problem(f: Finding, shown: Path) -> Problem:
    return Problem(message(f.name), Location(shown, f.line, f.column), error=False, code=CODE)


def validate_names(repo: Repository) -> list[Problem]:
    """validate's part: the allowlist's problems and a warning per unknown name."""
    detector, problems = detector_for(repo)
    return problems + check_files(repo, data_files(repo), detector)


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
    names = sorted({p.message.split("'")[1] for p in found})
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
