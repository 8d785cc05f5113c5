"""The member's query: open actions by owner, team, werkgroep, action line, domain, status.

"Open" here is every action still to do: status open, in uitvoering or geblokkeerd (the
files in ``acties/open``). It works on a :class:`~samennw.model.facts.Catalog`: the
partners, the facts of every such action (what a query filters on and shows), the dates
of the meetings and the domains of the action lines. :mod:`samennw.storage.index`
builds one from the files, reading again only what changed since the last query.
Nothing here needs the pydantic models.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from samennw.errors import NotFoundError, unknown
from samennw.model.dates import Due, DueKind, parse_due
from samennw.model.facts import ActionFacts, Catalog, parsed_due

if TYPE_CHECKING:
    from samennw.model.people import Directory

__all__ = [
    "ACTIVE_STATUSES",
    "ActionFacts",
    "ActionQuery",
    "ActionRow",
    "Catalog",
    "active_status",
    "find_actions",
    "parsed_due",
]


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
    status: str | None = None  # one of ACTIVE_STATUSES ('in-uitvoering' is accepted too)


# the statuses of an action still to do, as written in the files
ACTIVE_STATUSES = ("open", "in uitvoering", "geblokkeerd")


def active_status(text: str) -> str:
    """The status ``text`` names ('in-uitvoering', 'Geblokkeerd'), or a Dutch error."""
    key = " ".join(text.strip().lower().replace("-", " ").replace("_", " ").split())
    if key in ACTIVE_STATUSES:
        return key
    if key in ("afgerond", "geannuleerd"):
        raise NotFoundError(
            f"status '{text}': open-actions toont alleen acties die nog lopen "
            "(kies open, in-uitvoering of geblokkeerd); afgeronde en geannuleerde acties staan "
            "in de actielijst (samennw render actielijst)"
        )
    raise NotFoundError(f"onbekende status '{text}'; kies open, in-uitvoering of geblokkeerd")


def find_actions(catalog: Catalog, query: ActionQuery, today: date) -> list[ActionRow]:
    """Actions still to do matching ``query``, sorted by due date (undated last)."""
    directory = catalog.directory
    status = active_status(query.status) if query.status is not None else None
    person_id: str | None = None
    teams: set[str] = set()
    organisation: str | None = None
    if query.owner is not None:
        # a person, or a team or organisation by any of its names ("Gemeente"): then the
        # actions that name it
        person_id = directory.resolve_owner(query.owner)
        person = directory.persons.get(person_id)
        if person is not None and not query.personal_only:
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
        if status is not None and facts.status != status:
            continue
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
