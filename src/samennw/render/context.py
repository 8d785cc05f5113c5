"""Plain-dict contexts for the rendered documents, built from a loaded repository.

Every value a template sees is a str, bool, int, list or dict: the contexts can be
redacted (Woo) and cleaned by walking them, and a sandboxed template cannot reach
into the models. Dates arrive pre-formatted in Dutch; ``*_iso`` keys hold ISO dates.
"""

from __future__ import annotations

import difflib
import re
from datetime import date
from typing import Any

from samennw.errors import NotFoundError
from samennw.model.dates import format_date, format_date_long, parse_due
from samennw.model.people import Directory
from samennw.model.records import (
    Action,
    ActionStatus,
    Attachment,
    Attendee,
    Decision,
    ListPlacement,
    Meeting,
    MinutesStatus,
    Team,
)
from samennw.render.redact import PRIVACY_GROUND
from samennw.storage.reader import WORKING_TREE
from samennw.storage.repository import Repository

PROGRAMME = "Nationaal Programma Samen Nieuw-West"
NO_LINE = "Geen actielijn"
Context = dict[str, Any]
_NUMBERED = re.compile(r"^(\d+)\s*[.)]?\s*(.*)$")


# --- lookups --------------------------------------------------------------------------


def find_meeting(repo: Repository, ref: str) -> Meeting:
    """The meeting with id ``ref``, or a Dutch error with the closest ids."""
    if ref in repo.meetings:
        return repo.meetings[ref]
    close = difflib.get_close_matches(ref, list(repo.meetings), n=3, cutoff=0.6)
    hint = f"; bedoelde u {' of '.join(close)}?" if close else ""
    raise NotFoundError(f"onbekende vergadering '{ref}'{hint}")


def find_team(directory: Directory, ref: str) -> Team:
    """A team by id, name or alias (``ot-kvdj``, ``OT KvdJ``), or a Dutch error."""
    if ref in directory.teams:
        return directory.teams[ref]
    return directory.resolve_team(ref)


def werkgroepen(directory: Directory, team: Team) -> list[Team]:
    """The werkgroepen of ``team`` in section order (by ``nummer``, then name)."""
    groups = [t for t in directory.teams.values() if t.ouder == team.id]
    return sorted(groups, key=lambda t: (t.nummer is None, t.nummer or 0, t.naam))


# --- small formatters -----------------------------------------------------------------


def time_span(begin: str | None, end: str | None) -> str:
    if begin and end:
        return f"{begin} – {end}"
    return begin or ""


def person_name(directory: Directory, ref: str | None, functie: str | None = None) -> str:
    """``Raymond Pinas (SPM)``: the name with the function in parentheses, if known.

    ``functie``: the function as stated in that meeting, instead of partners.yaml's.
    """
    if not ref:
        return ""
    person = directory.persons.get(ref)
    if person is None:
        return directory.label(ref)
    function = functie or person.functie
    if person.naam and function:
        short = re.search(r"\(([^()]+)\)\s*$", function)  # 'Strategisch … (SPM)'
        return f"{person.naam} ({short.group(1) if short else function})"
    return attendee_label(directory, ref, functie=functie)


def attendee_label(
    directory: Directory,
    ref: str,
    note: str | None = None,
    functie: str | None = None,
    rol: str | None = None,
) -> str:
    """An attendee as in the seed minutes: ``Naam, functie`` (``5.1.2.e functie``).

    ``functie``: the function as stated in that meeting (it replaces partners.yaml's);
    ``rol`` (a guest's) and ``note`` follow in parentheses. A code that names nobody in
    partners.yaml (a validate error) is a confidential span: a public version shows the
    Woo ground, never the code, which is often the name itself ('jan-de-vries').
    """
    person = directory.persons.get(ref)
    if person is None:
        known = ref in directory.organisations or ref in directory.teams
        text = directory.label(ref) if known else f"[[{PRIVACY_GROUND}|{ref}]]"
        text = f"{text}, {functie}" if functie else text
    elif person.naam:
        function = functie or person.functie
        text = f"{person.naam}, {function}" if function else person.naam
    else:
        ground = f"{person.lakgrond} " if person.lakgrond else ""
        text = f"{ground}{functie or person.functie or person.id}"
    extra = "; ".join(part for part in (rol, note) if part)
    return f"{text} ({extra})" if extra else text


def with_origin(prefix: str | None, text: str) -> str:
    """``25/11 Hulpvraag …``: the origin prefix as the secretary writes it, once."""
    text = text.strip()
    if prefix and not text.startswith(prefix):
        return f"{prefix} {text}"
    return text


def _date_fields(key: str, d: date | None) -> Context:
    if d is None:
        return {key: "", f"{key}_lang": "", f"{key}_iso": ""}
    return {key: format_date(d), f"{key}_lang": format_date_long(d), f"{key}_iso": d.isoformat()}


# --- meetings: agenda and minutes -----------------------------------------------------


def stated_functions(meeting: Meeting) -> dict[str, str]:
    """The functions as stated in ``meeting`` (``Attendee.functie``), by person."""
    attendees = [*meeting.aanwezig, *meeting.afwezig_met_bericht, *meeting.verwacht]
    return {a.persoon: a.functie for a in [*attendees, *meeting.gasten] if a.functie}


def meeting_header(repo: Repository, directory: Directory, meeting: Meeting) -> Context:
    team = directory.teams.get(meeting.team)
    stated = stated_functions(meeting)
    chair = meeting.voorzitter or (team.voorzitter if team else None)
    return {
        "id": meeting.id,
        "team": team.naam if team else meeting.team,
        "team_id": meeting.team,
        "programma": PROGRAMME,
        **_date_fields("datum", meeting.datum),
        "tijd": time_span(meeting.begin, meeting.eind),
        "locatie": meeting.locatie or (team.locatie if team and team.locatie else ""),
        "voorzitter": person_name(directory, chair, stated.get(chair or "")),
        "secretaris": person_name(
            directory, meeting.secretaris, stated.get(meeting.secretaris or "")
        ),
        "bijlagen": [attachment(b) for b in meeting.bijlagen],
    }


def attachment(item: Attachment, *, prefix: bool = False) -> Context:
    """An attachment, made a line by the redaction (render/redact.py attachment_line);
    ``prefix``: an agenda item's attachment reads 'Bijlage: …' unless it says so."""
    text = item.titel
    if prefix and not text.lower().startswith("bijlage"):
        text = f"Bijlage: {text}"
    return {
        "_bijlage": True,
        "tekst": text,
        "bestand": item.bestand or "",
        "openbaar": item.public,
        "vertrouwelijk": item.vertrouwelijk or "",
    }


def agenda_titles(meeting: Meeting) -> dict[int, str]:
    """The agenda items' titles by number; a confidential item's as a span of its
    ground (``[[5.1.2.i|titel]]``: the ground in a public version)."""
    return {
        i.nr: f"[[{i.vertrouwelijk}|{i.titel}]]" if i.vertrouwelijk else i.titel
        for i in meeting.agenda
    }


def agenda_items(meeting: Meeting, repo: Repository | None = None) -> list[Context]:
    """The agenda items; with ``repo``, each with its actions as on the meeting date."""
    return [
        {
            "nr": item.nr,
            "titel": item.titel,
            "duur": item.duur or "",
            "besluitpunt": item.besluitpunt or "",
            "bijlagen": [attachment(b, prefix=True) for b in item.bijlagen],
            "acties": [agenda_action(repo, ref, meeting.datum) for ref in item.acties]
            if repo is not None
            else [],
            "tekst": "",
            "vertrouwelijk": item.vertrouwelijk or "",
        }
        for item in sorted(meeting.agenda, key=lambda i: i.nr)
    ]


def _meeting_date(repo: Repository, meeting_id: str | None) -> date | None:
    if meeting_id is None or meeting_id not in repo.meetings:
        return None
    return repo.meetings[meeting_id].datum


def _ended_on(repo: Repository, action: Action) -> date | None:
    """The day ``action`` was closed or cancelled (its date, else its meeting's date)."""
    if action.status is ActionStatus.AFGEROND:
        return action.afgerond_op or _meeting_date(repo, action.afgerond_in)
    if action.status is ActionStatus.GEANNULEERD:
        return action.geannuleerd_op or _meeting_date(repo, action.geannuleerd_in)
    return None


def status_on(repo: Repository, action: Action, day: date) -> ActionStatus:
    """The status ``action`` had on ``day``: closed or cancelled after it means open then.

    An active status (in uitvoering, geblokkeerd) carries no date: it is taken as it is.
    """
    ended = _ended_on(repo, action)
    if ended is not None and ended > day:
        return ActionStatus.OPEN
    return action.status


def _state_text(repo: Repository, action: Action, status: ActionStatus) -> str:
    """``afgerond op 25 november 2025``, ``geannuleerd: reden``, ``geblokkeerd: reden``."""
    text = status.value
    ended = _ended_on(repo, action) if not status.active else None
    if ended is not None:
        text = f"{text} op {format_date(ended)}"
    if status in (ActionStatus.GEBLOKKEERD, ActionStatus.GEANNULEERD) and action.reden:
        text = f"{text}: {action.reden.strip()}"
    return text


def _is_overdue(repo: Repository, action: Action, status: ActionStatus, day: date) -> bool:
    """Was ``action`` overdue on ``day`` (only an active one can be)?"""
    if not status.active:
        return False
    origin = _meeting_date(repo, action.vergadering)
    reference = origin or (action.updates[0].datum if action.updates else None)
    return parse_due(action.wanneer, reference).is_overdue(day)


def agenda_action(repo: Repository, action_id: str, day: date) -> Context:
    """An action listed under an agenda item, as it stood on ``day`` (the meeting date).

    An unknown id (a validate error) is shown as such rather than refused.
    """
    if action_id not in repo.actions:
        return {
            "id": action_id,
            "bekend": False,
            "wat": "(onbekende actie)",
            "wie": "",
            "wanneer": "",
            "stand": "",
            "verlopen": False,
            "vertrouwelijk": "",
        }
    action = repo.actions[action_id]
    status = status_on(repo, action, day)
    return {
        "id": action.id,
        "bekend": True,
        "wat": with_origin(action.herkomst, action.wat),
        "wie": action.wie,
        "wanneer": action.wanneer,
        "stand": _state_text(repo, action, status),
        "verlopen": _is_overdue(repo, action, status, day),
        "vertrouwelijk": action_ground(repo, action),
    }


def _id_order(action_id: str) -> tuple[str, int, str]:
    prefix, _, number = action_id.rpartition("-")
    return (prefix, int(number), action_id) if number.isdigit() else (action_id, 0, action_id)


def _actions_naming(repo: Repository, teams: set[str], meeting_id: str) -> list[Action]:
    """The actions of ``teams`` whose file may name ``meeting_id``.

    With an index (a working tree), a byte search of each file comes before parsing it:
    an action closed, cancelled or updated in a meeting names that meeting's id, and
    reading a file costs a fraction of parsing it (at 10,000 actions, a team's 2,000
    parsed for nothing would double the time of ``render notulen``).
    """
    index = repo.index
    if index is None or repo.source is not WORKING_TREE:
        return repo.actions_of(teams)
    ids = index.actions_of(teams)
    index.raise_if_invalid()  # a broken action file might be one of them
    files = index.action_files()
    needle = meeting_id.encode("utf-8")
    found = []
    for action_id in ids:
        try:
            named = needle in (repo.root / files[action_id]).read_bytes()
        except (KeyError, OSError):
            named = True  # read as any other file is: a problem is reported there
        if named and action_id in repo.actions:
            found.append(repo.actions[action_id])
    return [a for a in found if a.team in teams]


def handled_actions(repo: Repository, directory: Directory, meeting: Meeting) -> list[Context]:
    """The actions closed, cancelled or updated in ``meeting``, with what happened.

    Closed first, then cancelled, then updated; by id within each. The notes given in
    the meeting (updates with ``vergadering``) follow what happened. The actions looked
    at are those on the lists of the meeting's team, its parent and its werkgroepen.
    """
    team = directory.teams.get(meeting.team)
    family = {meeting.team}
    if team is not None:
        family |= {g.id for g in werkgroepen(directory, team)}
        if team.ouder:
            family.add(team.ouder)
    candidates = _actions_naming(repo, family, meeting.id)
    rows: list[tuple[int, Context]] = []
    for action in sorted(candidates, key=lambda a: _id_order(a.id)):
        notes = [u.tekst.strip() for u in action.updates if u.vergadering == meeting.id]
        if action.afgerond_in == meeting.id:
            order, what = 0, "afgerond"
        elif action.geannuleerd_in == meeting.id:
            order, what = 1, "geannuleerd"
            if action.reden:
                notes.insert(0, action.reden.strip())
        elif notes:
            order, what = 2, "update"
        else:
            continue
        rows.append(
            (
                order,
                {
                    "id": action.id,
                    "wat": with_origin(action.herkomst, action.wat),
                    "wie": action.wie,
                    "wanneer": action.wanneer,
                    "afhandeling": what,
                    "toelichting": "\n\n".join(n for n in notes if n),
                    "tekst": f"{what}: {'; '.join(notes)}" if notes else what,
                    "vertrouwelijk": action_ground(repo, action),
                },
            )
        )
    return [row for _, row in sorted(rows, key=lambda r: r[0])]


def guest_labels(directory: Directory, meeting: Meeting) -> list[str]:
    """``Naam, functie (rol)`` of each guest or presenter."""
    return [attendee_label(directory, a.persoon, a.noot, a.functie, a.rol) for a in meeting.gasten]


def agenda_context(repo: Repository, meeting_ref: str) -> Context:
    directory = Directory(repo.partners)
    meeting = find_meeting(repo, meeting_ref)
    header = meeting_header(repo, directory, meeting)
    header["gasten"] = guest_labels(directory, meeting)
    return {
        "soort": "agenda",
        "titel": f"Agenda {header['team']} {header['datum']}",
        "vergadering": header,
        "agendapunten": agenda_items(meeting, repo),
    }


def split_minutes(body: str) -> tuple[str, list[tuple[int | None, str, str]]]:
    """Split minutes at their level-2 headings: (preamble, [(nr, title, text)]).

    The headings are found with markdown-it, so a ``##`` inside a code block is text.
    """
    from markdown_it import MarkdownIt

    lines = body.split("\n")
    tokens = MarkdownIt("commonmark").parse(body)
    starts: list[tuple[int, int, str]] = []
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open" and tok.tag == "h2" and tok.level == 0 and tok.map:
            starts.append((tok.map[0], tok.map[1], tokens[i + 1].content.strip()))
    preamble = "\n".join(lines[: starts[0][0]] if starts else lines).strip()
    sections: list[tuple[int | None, str, str]] = []
    for n, (_, after, title) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        text = "\n".join(lines[after:end]).strip()
        m = _NUMBERED.match(title)
        if m and m.group(2):
            sections.append((int(m.group(1)), m.group(2).strip(), text))
        else:
            sections.append((None, title, text))
    return preamble, sections


def minutes_items(meeting: Meeting, repo: Repository | None = None) -> tuple[str, list[Context]]:
    """Agenda items with their minutes text; body sections without an item follow."""
    preamble, sections = split_minutes(meeting.body)
    items = agenda_items(meeting, repo)
    by_nr = {item["nr"]: item for item in items}
    for nr, title, text in sections:
        item = by_nr.get(nr) if nr is not None else None
        if item is not None and not item["tekst"]:
            item["tekst"] = text
            continue
        extra: Context = {
            "nr": nr,
            "titel": title,
            "duur": "",
            "besluitpunt": "",
            "bijlagen": [],
            "acties": [],
            "tekst": text,
            "vertrouwelijk": "",
        }
        items.append(extra)
    return preamble, items


def action_row(
    repo: Repository, action: Action, status: ActionStatus, today: date, op: date | None = None
) -> Context:
    """One row of an action table; ``op``: only the updates given up to that day."""
    overdue = _is_overdue(repo, action, status, today)
    notes = [action.body.strip()] if action.body.strip() else []
    notes += [
        f"{format_date(u.datum)}: {u.tekst.strip()}"
        for u in action.updates
        if op is None or u.datum <= op
    ]  # a closing note is an update of its day
    closed_on = action.afgerond_op if status is ActionStatus.AFGEROND else None
    cancelled_on = action.geannuleerd_op if status is ActionStatus.GEANNULEERD else None
    return {
        "id": action.id,
        "wat": with_origin(action.herkomst, action.wat),
        "wie": action.wie,
        "wanneer": action.wanneer,
        "toelichting": "\n\n".join(notes),
        "status": status.value,
        "reden": (action.reden or "") if status in _STOPPED else "",
        "status_tekst": _status_text(action, status),
        "verlopen": overdue,
        "besluit": False,
        **_date_fields("afgerond_op", closed_on),
        **_date_fields("geannuleerd_op", cancelled_on),
        "vertrouwelijk": action_ground(repo, action),
    }


_STOPPED = (ActionStatus.GEBLOKKEERD, ActionStatus.GEANNULEERD)  # the statuses with a reden


def _status_head(action: Action, status: ActionStatus) -> str:
    """'In uitvoering', 'Geblokkeerd', 'Geannuleerd op 3 december 2025'; '' otherwise."""
    if status is ActionStatus.IN_UITVOERING:
        return "In uitvoering"
    if status is ActionStatus.GEBLOKKEERD:
        return "Geblokkeerd"
    if status is ActionStatus.GEANNULEERD:
        on = action.geannuleerd_op
        return "Geannuleerd" + (f" op {format_date(on)}" if on else "")
    return ""


def _status_text(action: Action, status: ActionStatus) -> str:
    """What a list says of a status other than open or afgerond: 'In uitvoering',
    'Geblokkeerd: <reden>', 'Geannuleerd op 3 december 2025: <reden>'."""
    head = _status_head(action, status)
    if head and status in _STOPPED and action.reden:
        return f"{head}: {action.reden.strip()}"
    return head


_SPAN_GROUND = re.compile(r"^\[\[([^|\]]+)\|")


def decision_ground(decision: Decision, agenda_titles: dict[int, str]) -> str:
    """The Woo ground a decision is withheld on: its own, else that of the confidential
    agenda item it was taken under (see :func:`agenda_titles`): a decision about a
    confidential item says what the item is about."""
    if decision.vertrouwelijk:
        return decision.vertrouwelijk
    found = _SPAN_GROUND.match(agenda_titles.get(decision.agendapunt or -1, ""))
    return found.group(1) if found else ""


def action_ground(repo: Repository, action: Action) -> str:
    """An action's Woo ground: its own, else that of the confidential agenda item of the
    meeting it arose in."""
    if action.vertrouwelijk:
        return action.vertrouwelijk
    origin = repo.meetings.get(action.vergadering or "")
    if origin is None or action.agendapunt is None:
        return ""
    item = next((i for i in origin.agenda if i.nr == action.agendapunt), None)
    return item.vertrouwelijk or "" if item is not None else ""


def decision_row(decision: Decision, agenda_titles: dict[int, str]) -> Context:
    text = decision.tekst.strip()
    if not re.match(r"(?i)besluit\b", text):
        text = f"besluit: {text}"
    return {
        "id": decision.id,
        "wat": with_origin(decision.herkomst, text),
        "tekst": decision.tekst.strip(),
        "agendapunt": decision.agendapunt if decision.agendapunt is not None else "",
        "agendapunt_titel": agenda_titles.get(decision.agendapunt or -1, ""),
        "wie": decision.wie or "",
        "wanneer": "",
        "toelichting": (decision.toelichting or "").strip(),
        "status": decision.actielijst.value if decision.actielijst else "",
        "verlopen": False,
        "besluit": True,
        "vertrouwelijk": decision_ground(decision, agenda_titles),
    }


def notulen_context(repo: Repository, meeting_ref: str, today: date) -> Context:
    """The minutes as they stood on the meeting date, whatever ``today`` is.

    Actions (those born in the meeting, those under an agenda item) carry their status
    of the meeting date and are overdue by that date, so a rendering is the same next
    year. ``today`` is kept for the signature the other documents share.
    """
    del today  # the minutes are judged on the meeting date
    directory = Directory(repo.partners)
    meeting = find_meeting(repo, meeting_ref)
    header = meeting_header(repo, directory, meeting)

    def labels(attendees: list[Attendee]) -> list[str]:
        return [attendee_label(directory, a.persoon, a.noot, a.functie) for a in attendees]

    header["aanwezig"] = labels(meeting.aanwezig)
    header["afwezig_met_bericht"] = labels(meeting.afwezig_met_bericht)
    header["verwacht"] = labels(meeting.verwacht)  # never shown as present
    header["gasten"] = guest_labels(directory, meeting)
    preamble, items = minutes_items(meeting, repo)
    titles = agenda_titles(meeting)
    actions = repo.actions_from(meeting.id)
    concept = meeting.notulen_status is MinutesStatus.CONCEPT
    approved_in = repo.meetings.get(meeting.vastgesteld_in or "")
    return {
        "soort": "notulen",
        "titel": meeting.titel or f"Notulen {header['team']} {header['datum']}",
        "concept": concept,
        **_date_fields("vastgesteld_op", meeting.vastgesteld_op),
        "vastgesteld_in": _meeting_title(directory, approved_in) if approved_in else "",
        "vergadering": header,
        "inleiding": preamble,
        "agendapunten": items,
        "besluiten": [decision_row(d, titles) for d in meeting.besluiten],
        "acties": [
            action_row(repo, a, status_on(repo, a, meeting.datum), meeting.datum, meeting.datum)
            for a in actions
        ],
        "afgehandeld": handled_actions(repo, directory, meeting),
    }


def _meeting_title(directory: Directory, meeting: Meeting) -> str:
    team = directory.teams.get(meeting.team)
    return f"{team.naam if team else meeting.team} van {format_date(meeting.datum)}"


# --- the running action list ----------------------------------------------------------


def _section_of(repo: Repository, groups: set[str], *refs: str | None) -> str | None:
    for ref in refs:
        if ref in groups:
            return ref
        line = repo.action_lines.get(ref or "")
        if line is not None and line.werkgroep in groups:
            return line.werkgroep
    return None


def _sort_key(row: Context) -> tuple[bool, int, str]:
    order = row.get("_volgorde")
    return (order is None, order or 0, row["id"])


def actielijst_context(
    repo: Repository, team_ref: str, today: date, op: date | None = None
) -> Context:
    """The running list of ``team`` as in seed 000; ``op``: the list as it stood that day.

    Actions in uitvoering and geblokkeerd stay in their section with their status first
    in the Toelichting; cancelled ones are archived apart (``geannuleerd``: one list, in
    the order of the sections), with the date and reason."""
    directory = Directory(repo.partners)
    team = find_team(directory, team_ref)
    groups = werkgroepen(directory, team)
    group_ids = {g.id for g in groups}
    meetings = repo.meetings_of({team.id, *group_ids})
    if op is not None:
        meetings = [m for m in meetings if m.datum <= op]
    last = max((m.datum for m in meetings), default=None)
    open_rows: dict[str | None, list[Context]] = {None: [], **{g: [] for g in group_ids}}
    done_rows: dict[str | None, list[Context]] = {None: [], **{g: [] for g in group_ids}}
    cancelled: list[tuple[int, Context]] = []  # (the section's place, row): shown apart
    order = {key: i for i, key in enumerate([None, *(g.id for g in groups)])}
    for action in repo.actions_of({team.id, *group_ids}):
        # ``op``: the list as it stood that day. An action born in a later meeting is
        # left out; one without a meeting has no date to judge by and is kept. Closed or
        # cancelled after the day means open then; updates (and closing notes) after it
        # are left out. In uitvoering and geblokkeerd carry no date: taken as they are.
        origin = repo.meetings.get(action.vergadering or "")
        if op is not None and origin is not None and origin.datum > op:
            continue
        status = action.status if op is None else status_on(repo, action, op)
        row = action_row(repo, action, status, today, op)
        head = _status_head(action, status)
        if head:  # in uitvoering, geblokkeerd, geannuleerd: said first, the reason plain
            said = f"**{head}:** {row['reden'].strip()}" if row["reden"] else f"**{head}**"
            row["toelichting"] = "\n\n".join(t for t in (said, row["toelichting"]) if t)
        row["_volgorde"] = action.volgorde
        section = _section_of(repo, group_ids, action.werkgroep, action.actielijn, action.team)
        if status is ActionStatus.GEANNULEERD:
            cancelled.append((order[section], row))
        else:
            (done_rows if status is ActionStatus.AFGEROND else open_rows)[section].append(row)
    for meeting in meetings:
        titles = agenda_titles(meeting)
        for decision in meeting.besluiten:
            if decision.actielijst is None:
                continue
            row = decision_row(decision, titles)
            row["_volgorde"] = decision.volgorde
            section = _section_of(
                repo, group_ids, decision.werkgroep, decision.actielijn, meeting.team
            )
            target = done_rows if decision.actielijst is ListPlacement.AFGEROND else open_rows
            target[section].append(row)

    def sections(rows: dict[str | None, list[Context]], suffix: str) -> list[Context]:
        result = []
        for key, title in [(None, NO_LINE), *((g.id, g.naam) for g in groups)]:
            items = sorted(rows[key], key=_sort_key)
            for item in items:
                item.pop("_volgorde", None)
            result.append(
                {
                    "id": key or "geen-actielijn",
                    "titel": title + (suffix if key else ""),
                    "acties": items,
                }
            )
        return result

    domain = directory.domains.get(team.domein or "")
    header_date = op or last
    dates = [d for d in repo.important_dates if d.team in (team.id, *group_ids)]
    if header_date is not None:
        dates = [d for d in dates if d.datum >= header_date]
    return {
        "soort": "actielijst",
        "titel": f"Bijeenkomst {team.naam}, {PROGRAMME}",
        "team": team.naam,
        "team_id": team.id,
        "domein": domain.naam if domain else "",
        "secretaris": person_name(directory, team.secretaris),
        **_date_fields("datum", header_date),
        "locatie": team.locatie or "",
        "open": sections(open_rows, ""),
        "afgerond": sections(done_rows, " afgerond"),
        "geannuleerd": [
            {k: v for k, v in row.items() if k != "_volgorde"}
            for _, row in sorted(cancelled, key=lambda c: (c[0], _sort_key(c[1])))
        ],
        "belangrijke_data": [
            {
                **_date_fields("datum", d.datum),
                "wat": d.wat,
                "waar": d.waar or "",
                "toelichting": d.toelichting or "",
            }
            for d in sorted(dates, key=lambda d: (d.datum, d.wat))
        ],
    }


# --- decisions across meetings, calendar ----------------------------------------------


def _team_meetings(
    repo: Repository,
    directory: Directory,
    team_ref: str | None,
    van: date | None = None,
    tot: date | None = None,
) -> tuple[Team | None, list[Meeting]]:
    team = find_team(directory, team_ref) if team_ref else None
    ids = None if team is None else {team.id, *(g.id for g in werkgroepen(directory, team))}
    meetings = repo.meetings_of(ids, van, tot)
    return team, sorted(meetings, key=lambda m: (m.datum, m.begin or "", m.id))


def besluitenlijst_context(
    repo: Repository, team_ref: str | None, van: date | None = None, tot: date | None = None
) -> Context:
    from samennw.ops.show import DecisionIndex, process_label, status_parts

    directory = Directory(repo.partners)
    team, meetings = _team_meetings(repo, directory, team_ref, van, tot)
    # what became of a decision is said by later decisions, also of other teams and after
    # the period: the meetings of every team from the first one shown on
    start = min((m.datum for m in meetings if not van or m.datum >= van), default=None)
    index = DecisionIndex(repo.meetings_of(None, start) if start else [])

    def row(d: Decision, titles: dict[int, str]) -> Context:
        return {
            **decision_row(d, titles),
            "uitslag": d.uitslag.value,
            "besluitvorming": process_label(d),
            "levensloop": status_parts(index, d, outcome=False),
        }

    groups = []
    for m in meetings:
        if (van and m.datum < van) or (tot and m.datum > tot) or not m.besluiten:
            continue
        titles = agenda_titles(m)
        groups.append(
            {
                "vergadering": meeting_header(repo, directory, m),
                "titel": _meeting_title(directory, m),
                "besluiten": [row(d, titles) for d in m.besluiten],
            }
        )
    period = " t/m ".join(
        p for p in (format_date(van) if van else "", format_date(tot) if tot else "") if p
    )
    if van and not tot:
        period = f"vanaf {format_date(van)}"
    elif tot and not van:
        period = f"tot en met {format_date(tot)}"
    return {
        "soort": "besluitenlijst",
        "titel": f"Besluitenlijst {team.naam if team else PROGRAMME}",
        "team": team.naam if team else "",
        "periode": period,
        "vergaderingen": groups,
        "aantal": sum(len(g["besluiten"]) for g in groups),
    }


def calendar_context(repo: Repository, team_ref: str | None) -> Context:
    directory = Directory(repo.partners)
    team, meetings = _team_meetings(repo, directory, team_ref)
    team_ids = None
    if team is not None:
        team_ids = {team.id, *(g.id for g in werkgroepen(directory, team))}
    events = []
    for m in meetings:
        header = meeting_header(repo, directory, m)
        # one line per item ('3. Titel'), made by the redaction: a confidential item's
        # title never reaches a public calendar
        items = [{**i, "_regel": True} for i in agenda_items(m)]
        events.append({**header, "agenda": items, "begin": m.begin or "", "eind": m.eind or ""})
    important = [
        {
            **_date_fields("datum", d.datum),
            "wat": d.wat,
            "waar": d.waar or "",
            "toelichting": d.toelichting or "",
            "team_id": d.team or "",
        }
        for d in sorted(
            repo.important_dates,
            key=lambda d: (d.datum, d.wat, d.team or "", d.waar or "", d.toelichting or ""),
        )
        if team_ids is None or d.team in team_ids
    ]
    return {
        "soort": "agenda-kalender",
        "titel": f"Vergaderingen {team.naam if team else PROGRAMME}",
        "vergaderingen": events,
        "belangrijke_data": important,
    }
