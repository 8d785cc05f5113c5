"""Operations on meetings: create a new meeting from the template, list meetings."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from samennw.errors import OperationError
from samennw.model.dates import format_date
from samennw.model.people import Directory
from samennw.model.records import ActionStatus, Meeting
from samennw.storage.changeset import ChangeSet, as_written, encoded, from_command_line
from samennw.storage.frontmatter import parse
from samennw.storage.repository import Repository, check_id

STANDING_AGENDA: list[dict[str, str | None]] = [
    {"titel": "Opening en mededelingen", "duur": None, "besluitpunt": None},
    {
        "titel": "Verslag vorige vergadering en actielijst",
        "duur": None,
        "besluitpunt": "Vaststellen notulen vorige vergadering",
    },
    {"titel": "Rondvraag / Wvttk", "duur": None, "besluitpunt": None},
]
_TIMES = re.compile(r"^\s*(\d{1,2}[:.]\d{2})\s*(?:[-–]\s*(\d{1,2}[:.]\d{2})\s*)?$")


def parse_times(text: str | None) -> tuple[str | None, str | None]:
    """'16:30-18:00' → ('16:30', '18:00')."""
    if not text:
        return None, None
    m = _TIMES.match(text)
    if not m:
        raise OperationError(f"ongeldige tijd '{text}'; gebruik bijvoorbeeld 16:30-18:00 of 16:30")
    begin, end = (t.replace(".", ":").zfill(5) if t else None for t in m.groups())
    for t in (begin, end):
        if t is not None and (int(t[:2]) > 23 or int(t[3:]) > 59):
            raise OperationError(f"ongeldige tijd '{t}'")
    if begin and end and end <= begin:
        raise OperationError(f"eindtijd {end} ligt niet na begintijd {begin}")
    return begin, end


def previous_meeting(repo: Repository, team_id: str, before: date) -> Meeting | None:
    earlier = [m for m in repo.meetings_of({team_id}) if m.datum < before]
    return max(earlier, key=lambda m: m.datum, default=None)


def new_meeting(
    repo: Repository,
    team_name: str,
    on: date,
    times: str | None = None,
    location: str | None = None,
    items: list[str] | None = None,
) -> tuple[ChangeSet, str]:
    """Plan the file of a new meeting from the ``vergadering.md.j2`` template."""
    from samennw.render.templating import render_template

    directory = Directory(repo.partners)
    team = directory.resolve_team(team_name)
    meeting_id = check_id(f"{team.id}-{on.isoformat()}")
    if meeting_id in repo.meetings:
        raise OperationError(
            f"vergadering {meeting_id} bestaat al ({repo.meetings[meeting_id].source_path}); "
            "er is niets overschreven"
        )
    begin, end = parse_times(times)
    location = from_command_line(location, "--locatie") if location else location
    items = [from_command_line(item, "--punt") for item in items or []]
    previous = previous_meeting(repo, team.id, on)
    open_actions = sorted(
        (a for a in repo.actions_of({team.id}) if a.status is ActionStatus.OPEN),
        key=lambda a: (a.werkgroep or "", a.volgorde or 0, a.id),
    )
    agenda = [
        STANDING_AGENDA[0],
        STANDING_AGENDA[1],
        *({"titel": t, "duur": None, "besluitpunt": None} for t in items),
        STANDING_AGENDA[2],
    ]
    members = [m for m in team.member_ids if m in directory.persons]
    context = {
        "id": meeting_id,
        "team": team,
        "datum": on,
        "begin": begin,
        "eind": end,
        "locatie": location or team.locatie,
        "voorzitter": team.voorzitter,
        "secretaris": team.secretaris,
        "leden": members,
        "vorige": previous,
        "open_acties": open_actions,
        "agenda": agenda,
        "titel": f"Bijeenkomst {team.naam} {format_date(on)}",
    }
    # a new file, all of it as written: NFC, and no control character of the data (an
    # action's 'wat' from a YAML "\e" escape) raw in the body
    text = as_written(render_template("vergadering.md.j2", context, repo.root))
    encoded(text, f"{meeting_id}.md")
    doc = parse(text)
    draft = Meeting.model_validate({**doc.data, "body": doc.body})  # never write unreadable
    if draft.id != meeting_id or draft.datum != on or draft.team != team.id:
        raise OperationError(
            f"het sjabloon vergadering.md.j2 maakte vergadering '{draft.id}' van "
            f"{draft.datum} (gevraagd: '{meeting_id}'); er is niets geschreven"
        )
    path = repo.meeting_path(draft)
    changes = ChangeSet(repo.root)
    changes.expect(path, None)
    changes.write(path, text)
    return changes, f"Vergadering {meeting_id} aangemaakt"


def meeting_overview(data: Path | None, team_name: str | None = None) -> list[list[str]]:
    """What ``samennw meetings`` shows: a row per meeting (of one team)."""
    from samennw.storage.repository import reading

    with reading(data) as repo:
        return meeting_rows(list_meetings(repo, team_name))


def list_meetings(repo: Repository, team_name: str | None = None) -> list[Meeting]:
    team_id = Directory(repo.partners).resolve_team(team_name).id if team_name else None
    meetings = repo.meetings_of(None if team_id is None else {team_id})
    return sorted(meetings, key=lambda m: (m.datum, m.id))


MEETING_COLUMNS = ["ID", "Team", "Datum", "Tijd", "Locatie", "Notulen", "Besluiten"]


def meeting_rows(meetings: list[Meeting]) -> list[list[str]]:
    """Table rows for ``samennw meetings``."""
    return [
        [
            m.id,
            m.team,
            format_date(m.datum),
            f"{m.begin}–{m.eind}" if m.begin and m.eind else (m.begin or ""),
            m.locatie or "",
            m.notulen_status.value,
            str(len(m.besluiten)),
        ]
        for m in meetings
    ]
