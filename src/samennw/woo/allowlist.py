"""``data/geen-personen.yaml``: reviewed words and phrases that are not persons.

The Woo name guard (:mod:`samennw.woo.names`) flags a capitalised word it cannot place.
When a reviewer decides that it is no person (a brand, a building, a typo), the word goes
into this file with the reason, so that the decision is visible in the pull request::

    - naam: Heineken
      reden: merk (bier), geen persoon
    - naam: Casa Sofia
      reden: vergaderlocatie
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from samennw.errors import DataFileError, Location, Problem
from samennw.storage.paths import relative

FILE_NAME = "geen-personen.yaml"


class NonPersonEntry(BaseModel):
    """One entry of the file, for the JSON Schema editors use (``samennw schema``)."""

    model_config = ConfigDict(extra="forbid")
    naam: str = Field(
        min_length=1, description="Het woord of de naam zoals in de tekst; geen persoon."
    )
    reden: str = Field(min_length=1, description="Waarom dit geen persoon is (beoordeeld).")


@dataclass(frozen=True, slots=True)
class NonPerson:
    naam: str
    reden: str
    line: int


def load_allowlist(data_dir: Path, root: Path) -> tuple[list[NonPerson], list[Problem]]:
    """The entries of ``data_dir/geen-personen.yaml`` (none when it is absent) and the
    problems of the file (errors: an entry without ``naam`` or ``reden``)."""
    from samennw.storage.reader import read_text
    from samennw.storage.yamlreader import load_yaml

    path = data_dir / FILE_NAME
    if not path.is_file():
        return [], []
    shown = relative(path, root)
    try:
        raw, lines = load_yaml(read_text(path), shown)
    except DataFileError as exc:
        where = exc.location or Location(shown)
        return [], [Problem(exc.message, Location(shown, where.line, where.column))]
    if raw is None:
        return [], []
    if not isinstance(raw, list):
        return [], [Problem("een lijst verwacht van {naam, reden}", Location(shown, 1))]
    entries: list[NonPerson] = []
    problems: list[Problem] = []
    for i, item in enumerate(raw):
        line = lines.get((i,), (1, 1))[0]
        naam = item.get("naam") if isinstance(item, dict) else None
        reden = item.get("reden") if isinstance(item, dict) else None
        if not isinstance(naam, str) or not naam.strip():
            problems.append(Problem("item zonder 'naam'", Location(shown, line)))
            continue
        if not isinstance(reden, str) or not reden.strip():
            problems.append(
                Problem(
                    f"'{naam}' heeft geen 'reden': schrijf op waarom dit geen persoon is",
                    Location(shown, line),
                )
            )
            continue
        entries.append(NonPerson(naam.strip(), reden.strip(), line))
    return entries, problems
