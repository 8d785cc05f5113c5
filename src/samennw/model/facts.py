"""Facts: what a query needs to know of the data, in plain, cacheable form.

:class:`ActionFacts` is one action as the member's query filters on it and shows it;
:class:`Catalog` is what ``open-actions`` works on. :mod:`samennw.storage.catalog` builds
both from the files (and keeps them in its cache); nothing here needs the pydantic models.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from samennw.errors import Problem, raise_if_errors
from samennw.model.dates import parse_due
from samennw.model.people import Directory

if TYPE_CHECKING:
    from pathlib import Path

    from samennw.model.records import Action, Partners


@dataclass(frozen=True, slots=True)
class ActionFacts:
    """What a query needs to know of, and show of, one action (cheap to cache)."""

    id: str
    status: str
    team: str
    werkgroep: str | None
    actielijn: str | None
    vergadering: str | None
    betrokkenen: tuple[str, ...]
    wanneer: str
    volgorde: int | None
    herkomst: str | None
    wat: str
    wie: str
    body: str
    path: str  # relative to the repository root
    # parse_due(wanneer, reference) as (reference, kind, start, end) in ISO form, computed
    # when the file was read: a warm query then compiles no date patterns
    parsed_due: tuple[str | None, str, str | None, str | None] | None = None
    reden: str | None = None  # why it is blocked (status 'geblokkeerd')
    vertrouwelijk: str | None = None  # its Woo ground, when it is confidential

    @classmethod
    def of(cls, a: Action) -> ActionFacts:
        return cls(
            a.id,
            a.status.value,
            a.team,
            a.werkgroep,
            a.actielijn,
            a.vergadering,
            tuple(a.betrokkenen),
            a.wanneer,
            a.volgorde,
            a.herkomst,
            a.wat,
            a.wie,
            a.body,
            str(a.source_path),
            reden=a.reden,
            vertrouwelijk=a.vertrouwelijk,
        )


@dataclass
class Catalog:
    root: Path
    partners: Partners
    actions: Sequence[ActionFacts]  # the active actions (open, in uitvoering, geblokkeerd)
    meeting_dates: dict[str, date]
    line_domains: dict[str, str | None]
    problems: list[Problem] = field(default_factory=list)
    _by_team: dict[str, list[date]] | None = field(default=None, repr=False)

    @cached_property
    def directory(self) -> Directory:
        """The partners by every name a user may type."""
        return Directory(self.partners)

    def team_meetings(self, team: str) -> list[date]:
        """Sorted meeting dates of ``team`` (meeting ids are '<team>-<JJJJ-MM-DD>')."""
        if self._by_team is None:
            by_team: dict[str, list[date]] = {}
            for meeting_id, day in self.meeting_dates.items():
                by_team.setdefault(meeting_id[:-11], []).append(day)
            self._by_team = {t: sorted(days) for t, days in by_team.items()}
        return self._by_team.get(team, [])

    def raise_if_invalid(self) -> None:
        raise_if_errors(self.problems)


def parsed_due(
    wanneer: str, reference: date | None
) -> tuple[str | None, str, str | None, str | None]:
    """:func:`parse_due` in a form that keeps in a cache (see ``ActionFacts.parsed_due``)."""
    due = parse_due(wanneer, reference)
    return (
        reference.isoformat() if reference else None,
        due.kind.value,
        due.start.isoformat() if due.start else None,
        due.end.isoformat() if due.end else None,
    )
