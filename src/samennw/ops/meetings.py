"""Operations on meetings: create a new meeting from the template, list meetings."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from samennw.errors import OperationError
from samennw.model.dates import DueKind, format_date, parse_due
from samennw.model.people import Directory, normalize
from samennw.model.records import Action, ActionStatus, Meeting, MinutesStatus, Team
from samennw.ops.actions import origin_date
from samennw.storage.changeset import ChangeSet, as_written, encoded, from_command_line
from samennw.storage.frontmatter import parse
from samennw.storage.repository import Repository, check_id

MINUTES_ITEM = "Verslag vorige vergadering en actielijst"
STANDING_AGENDA: list[dict[str, Any]] = [
    {"titel": "Opening en mededelingen", "duur": None, "besluitpunt": None, "acties": []},
    {"titel": MINUTES_ITEM, "duur": None, "besluitpunt": None, "acties": []},
    {"titel": "Rondvraag / Wvttk", "duur": None, "besluitpunt": None, "acties": []},
]
# A team meets at least twice a year: a previous meeting more than half a year before the
# new date (183 days) is worth a question, as in a typo of the year (2025 for 2026)
GAP_WARNING_DAYS = 183
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


# "volgende vergadering", "volgend OT", "vóór de volgende bijeenkomst", "eerstvolgende
# (keer)", "eerstkomend overleg", "bij de volgende teamvergadering", but not "volgende week"
_MEETING_NOUN = r"[\w-]*(?:vergadering|overleg|bijeenkomst|sessie|meeting|keer)"
_MEETING_ABBREVIATION = r"(?:ot|ab|mt|dt|opgaveteam|alliantiebestuur|werkgroep|stuurgroep)"
_NEXT_MEETING = re.compile(
    r"(?<![\w-])(?:"
    rf"(?:eerst)?(?:volgend|komend)e?\s+(?:{_MEETING_NOUN}|{_MEETING_ABBREVIATION})(?![\w])"
    r"|eerst(?:volgend|komend)e?(?!\s+(?:week|maand|jaar|kwartaal|dag|periode))(?![\w])"
    r")"
)


def for_next_meeting(wanneer: str) -> bool:
    """Does an action's ``wanneer`` say "at the next meeting" (of whatever team)?"""
    if parse_due(wanneer).kind is DueKind.NEXT_MEETING:
        return True
    return _NEXT_MEETING.search(normalize(wanneer)) is not None


def _origin(repo: Repository, action: Action) -> date | None:
    """When an action arose: its meeting's date, else its first update's, else unknown."""
    origin = origin_date(repo, action)
    if origin is not None:
        return origin
    return min((u.datum for u in action.updates), default=None)


def _active_on(repo: Repository, action: Action, day: date, origin: date | None) -> bool:
    """Did the action exist on ``day`` and was it still to do (closed or cancelled later)?"""
    if origin is not None and origin > day:
        return False
    if action.status.active:
        return True
    if action.status is ActionStatus.AFGEROND:
        ended, ended_in = action.afgerond_op, action.afgerond_in
    else:
        ended, ended_in = action.geannuleerd_op, action.geannuleerd_in
    if ended is None and ended_in is not None and ended_in in repo.meetings:
        ended = repo.meetings[ended_in].datum
    return ended is not None and ended > day  # closed at an unknown date: not on the agenda


def _due_by(action: Action, origin: date | None, day: date) -> bool:
    """Is the action due at the meeting of ``day``: for the next meeting, as soon as
    possible, or with a due date (the end of its period) on or before ``day``?"""
    if for_next_meeting(action.wanneer):
        return True
    due = parse_due(action.wanneer, origin)
    if due.kind is DueKind.ASAP:
        return True
    return due.end is not None and due.end <= day


def actions_for_agenda(repo: Repository, team: Team, day: date) -> tuple[list[Action], int]:
    """The actions of ``team`` (and its werkgroepen) to discuss in its meeting of ``day``:
    active on that day (for a past date: existing then, not yet closed) and due by it;
    and how many other actions were active on that day."""
    teams = {team.id, *(t.id for t in repo.partners.teams if t.ouder == team.id)}
    due, others = [], 0
    for action in repo.actions_of(teams):
        origin = _origin(repo, action)
        if not _active_on(repo, action, day, origin):
            continue
        if _due_by(action, origin, day):
            due.append(action)
        else:
            others += 1
    return sorted(due, key=lambda a: (a.werkgroep or "", a.volgorde or 0, a.id)), others


def unapproved_minutes(repo: Repository, team_id: str, day: date, meeting_id: str) -> list[Meeting]:
    """The earlier meetings of the team whose minutes were not approved on ``day``: still
    concept, or (a past date) approved in this meeting or on a later day."""

    def unapproved(m: Meeting) -> bool:
        if m.notulen_status is MinutesStatus.CONCEPT or m.vastgesteld_in == meeting_id:
            return True
        return m.vastgesteld_op is not None and m.vastgesteld_op >= day

    earlier = [m for m in repo.meetings_of({team_id}) if m.datum < day]
    return sorted((m for m in earlier if unapproved(m)), key=lambda m: (m.datum, m.id))


def expected_attendance(directory: Directory, team: Team, day: date) -> list[str]:
    """The persons who are members on ``day``: the chair and the secretary first."""
    members = team.members_on(day)
    chairs = [p for p in (team.voorzitter, team.secretaris) if p in members]
    return [p for p in dict.fromkeys([*chairs, *members]) if p in directory.persons]


def dutch_list(words: list[str]) -> str:
    """'a', 'a en b', 'a, b en c'."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} en {words[-1]}"


def elapsed(earlier: date, later: date) -> str:
    """The time between two dates in words: '7 maanden', 'ruim 1 jaar' (up to 8 months
    more), 'bijna 2 jaar' (9 to 11 months more)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    months -= later.day < earlier.day
    if months < 12:
        return f"{months} {'maand' if months == 1 else 'maanden'}"
    years, rest = divmod(months, 12)
    if rest == 0:
        return f"{years} jaar"
    return f"ruim {years} jaar" if rest < 9 else f"bijna {years + 1} jaar"


def gap_warning(team: Team, previous: Meeting | None, day: date) -> str | None:
    """A question when the previous meeting is more than GAP_WARNING_DAYS before ``day``."""
    if previous is None or (day - previous.datum).days <= GAP_WARNING_DAYS:
        return None
    return (
        f"let op: de vorige vergadering van {team.naam} was op {format_date(previous.datum)}, "
        f"{elapsed(previous.datum, day)} geleden; klopt de datum?"
    )


def new_meeting(
    repo: Repository,
    team_name: str,
    on: date,
    times: str | None = None,
    location: str | None = None,
    items: list[str] | None = None,
) -> tuple[ChangeSet, str]:
    """Plan the file of a new meeting from the ``vergadering.md.j2`` template.

    Expected (not confirmed) attendance: the members on that date. On the agenda: every
    earlier minutes not yet approved, and the actions due by the meeting as references.
    """
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
    to_approve = unapproved_minutes(repo, team.id, on, meeting_id)
    actions, other_actions = actions_for_agenda(repo, team, on)
    minutes_item = {
        **STANDING_AGENDA[1],
        "besluitpunt": (
            "Vaststellen notulen van " + dutch_list([format_date(m.datum) for m in to_approve])
            if to_approve
            else None
        ),
        "acties": [a.id for a in actions],
    }
    agenda = [
        STANDING_AGENDA[0],
        minutes_item,
        *({"titel": t, "duur": None, "besluitpunt": None, "acties": []} for t in items),
        STANDING_AGENDA[2],
    ]
    expected = expected_attendance(directory, team, on)
    context = {
        "id": meeting_id,
        "team": team,
        "datum": on,
        "begin": begin,
        "eind": end,
        "locatie": location or team.locatie,
        "voorzitter": team.voorzitter,
        "secretaris": team.secretaris,
        "verwacht": expected,
        "leden": expected,  # the name before #13, for a template of one's own
        "vorige": previous,
        "vast_te_stellen": to_approve,
        "acties": actions,
        "open_acties": actions,  # the name before #13, for a template of one's own
        "andere_acties": other_actions,
        "agenda": agenda,
        "titel": f"Bijeenkomst {team.naam} {format_date(on)}",
    }
    # a new file, all of it as written: NFC, and no control character of the data (a
    # team's name from a YAML "\a" escape) raw in the file
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
    warning = gap_warning(team, previous, on)
    if warning is not None:
        changes.notices.append(warning)
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
