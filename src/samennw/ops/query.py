"""The member's query: open actions by owner, team, werkgroep, action line, domain.

It works on a :class:`Catalog`: the partners, the facts of every open action (what a
query filters on and shows), the dates of the meetings and the domains of the action
lines. :mod:`samennw.storage.catalog` builds one from the files, reading again only what
changed since the last query. Nothing here needs the pydantic models.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from samennw.errors import NotFoundError, Problem, raise_if_errors, unknown
from samennw.model.dates import Due, DueKind, parse_due
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
        )


@dataclass
class Catalog:
    root: Path
    partners: Partners
    actions: Sequence[ActionFacts]  # the open actions
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


@dataclass(frozen=True, slots=True)
class ActionRow:
    """One action in a query result."""

    action: ActionFacts
    due: Due
    overdue: bool
    via_team: str | None  # set when the owner matched through a team/organisation


@dataclass(frozen=True, slots=True)
class ActionQuery:
    owner: str | None = None
    personal_only: bool = False
    team: str | None = None
    werkgroep: str | None = None
    actielijn: str | None = None
    domein: str | None = None
    overdue_only: bool = False


def find_actions(catalog: Catalog, query: ActionQuery, today: date) -> list[ActionRow]:
    """Open actions matching ``query``, sorted by due date (undated last)."""
    directory = catalog.directory
    person_id: str | None = None
    teams: set[str] = set()
    organisation: str | None = None
    if query.owner is not None:
        person = directory.resolve_person(query.owner)
        person_id = person.id
        if not query.personal_only:
            teams = directory.teams_of(person.id)
            organisation = person.organisatie
    # an empty value ('--team ""', e.g. from an unset variable) is an error, not "all"
    team_id = directory.resolve_team(query.team).id if query.team is not None else None
    wg_id = directory.resolve_team(query.werkgroep).id if query.werkgroep is not None else None
    if query.actielijn is not None and query.actielijn not in catalog.line_domains:
        raise NotFoundError(unknown("actielijn", query.actielijn, list(catalog.line_domains)))
    if query.domein is not None and query.domein not in directory.domains:
        raise NotFoundError(unknown("domein", query.domein, list(directory.domains)))
    found: list[tuple[ActionFacts, Due, bool, str | None]] = []
    for facts in catalog.actions:
        if (team_id and facts.team != team_id) or (wg_id and facts.werkgroep != wg_id):
            continue
        if query.actielijn and facts.actielijn != query.actielijn:
            continue
        if query.domein and _domain_of(catalog, directory, facts) != query.domein:
            continue
        via: str | None = None
        if person_id is not None and person_id not in facts.betrokkenen:
            via = _via(facts, teams, organisation)
            if via is None:
                continue
        due = _due(catalog, facts)
        overdue = due.is_overdue(today)
        if query.overdue_only and not overdue:
            continue
        found.append((facts, due, overdue, via))
    found.sort(key=lambda r: (r[1].end or date.max, r[0].team, r[0].volgorde or 0, r[0].id))
    return [ActionRow(f, due, over, via) for f, due, over, via in found]


def _via(facts: ActionFacts, teams: set[str], organisation: str | None) -> str | None:
    """Through which of a person's groups an action is theirs (the first named), or None.

    A team counts wherever its action stands. The person's organisation counts only on
    the list (or werkgroep) of a team the person belongs to: an organisation of a
    hundred people has actions in teams of other domains and areas too.
    """
    on_own_team = facts.team in teams or facts.werkgroep in teams
    for ref in facts.betrokkenen:
        if ref in teams or (ref == organisation and on_own_team):
            return ref
    return None


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


def _parse(facts: ActionFacts, reference: date | None) -> Due:
    """The parsed "wanneer", from the cache when it was parsed with the same reference."""
    cached = facts.parsed_due
    if cached is None or cached[0] != (reference.isoformat() if reference else None):
        return parse_due(facts.wanneer, reference)
    start, end = cached[2], cached[3]
    return Due(
        facts.wanneer,
        DueKind(cached[1]),
        date.fromisoformat(start) if start else None,
        date.fromisoformat(end) if end else None,
    )


def _due(catalog: Catalog, facts: ActionFacts) -> Due:
    """The due moment; "volgend OT" is the team's first meeting after the reference date."""
    reference = catalog.meeting_dates.get(facts.vergadering or "")
    due = _parse(facts, reference)
    if due.kind is DueKind.NEXT_MEETING and reference is not None:
        later = [d for d in catalog.team_meetings(facts.team) if d > reference]
        if later:  # the meeting that took place (or is planned) is the deadline
            return Due(due.original, due.kind, later[0], later[0])
    return due


def _domain_of(catalog: Catalog, directory: Directory, facts: ActionFacts) -> str | None:
    domain = catalog.line_domains.get(facts.actielijn or "")
    if domain:
        return domain
    team = directory.teams.get(facts.team)
    while team is not None and team.domein is None and team.ouder:
        team = directory.teams.get(team.ouder)
    return team.domein if team else None
