"""What ``samennw validate`` reports, and how: text, a summary line, GitHub workflow
annotations, JSON, and the problems of named files first (the pre-commit hook)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from samennw.errors import Location, Problem


@dataclass
class Report:
    problems: list[Problem]
    counts: dict[str, int]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.error]


def focus(report: Report, paths: list[Path], root: Path) -> Report:
    """Show the problems of ``paths`` (the pre-commit hook's changed files) first.

    Errors elsewhere still make the repository invalid: they are summed up in one line,
    so a commit that breaks a reference from another file is refused too. A named file
    that does not exist is an error.
    """
    wanted: dict[str, Path] = {}
    for p in paths:
        try:
            wanted[str(p.resolve().relative_to(root.resolve()))] = p
        except ValueError:
            wanted[str(p)] = p
    mine = [pr for pr in report.problems if str(pr.location.path) in wanted]
    missing = [Problem("bestand bestaat niet", Location(p)) for p in paths if not p.exists()]
    elsewhere = [pr for pr in report.errors if str(pr.location.path) not in wanted]
    if elsewhere:
        first = elsewhere[0]
        mine.append(
            Problem(
                f"{len(elsewhere)} fout(en) in andere bestanden, de eerste: {first}",
                Location(None),
            )
        )
    return Report(problems=[*missing, *mine], counts=report.counts)


_STATUS_COUNTS = (
    ("open", "open"),
    ("in_uitvoering", "in uitvoering"),
    ("geblokkeerd", "geblokkeerd"),
    ("afgerond", "afgerond"),
    ("geannuleerd", "geannuleerd"),
)


def summary(report: Report) -> str:
    c = report.counts
    # open and afgerond always; the other statuses when there are any
    statuses = [
        f"{c.get(key, 0)} {label}"
        for key, label in _STATUS_COUNTS
        if key in ("open", "afgerond") or c.get(key, 0)
    ]
    text = (
        f"Gecontroleerd: {c['bestanden']} bestanden — {c['vergaderingen']} vergaderingen, "
        f"{c['besluiten']} besluiten, {c['acties']} acties ({', '.join(statuses)}), "
        f"{c['actielijnen']} actielijnen, {c['personen']} personen, "
        f"{c['organisaties']} organisaties, {c['teams']} teams."
    )
    n_err, n_warn = len(report.errors), len(report.warnings)
    if n_err:
        text += f"\n{n_err} fout(en), {n_warn} waarschuwing(en)."
    elif n_warn:
        text += f"\nGeen fouten; {n_warn} waarschuwing(en)."
    else:
        text += "\nGeen fouten gevonden."
    return text


def _gh_escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def format_github(problem: Problem) -> str:
    loc: Location = problem.location
    kind = "error" if problem.error else "warning"
    props = []
    if loc.path:
        props.append("file=" + _gh_escape(str(loc.path)).replace(",", "%2C").replace(":", "%3A"))
    if loc.line:
        props.append(f"line={loc.line}")
    if loc.column:
        props.append(f"col={loc.column}")
    head = f"::{kind} {','.join(props)}" if props else f"::{kind}"
    return f"{head}::{_gh_escape(problem.message)}"


def as_json(report: Report) -> dict[str, object]:
    return {
        "geldig": not report.errors,
        "aantallen": report.counts,
        "problemen": [
            {
                "soort": "fout" if p.error else "waarschuwing",
                "bestand": str(p.location.path) if p.location.path else None,
                "regel": p.location.line,
                "kolom": p.location.column,
                "melding": p.message,
            }
            for p in report.problems
        ],
    }
