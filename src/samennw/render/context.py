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
    Decision,
    ListPlacement,
    Meeting,
    MinutesStatus,
    Team,
)
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


def person_name(directory: Directory, ref: str | None) -> str:
    """``Raymond Pinas (SPM)``: the name with the function in parentheses, if known."""
    if not ref:
        return ""
    person = directory.persons.get(ref)
    if person is None:
        return directory.label(ref)
    if person.naam and person.functie:
        short = re.search(r"\(([^()]+)\)\s*$", person.functie)  # 'Strategisch … (SPM)'
        return f"{person.naam} ({short.group(1) if short else person.functie})"
    return attendee_label(directory, ref)


def attendee_label(directory: Directory, ref: str, note: str | None = None) -> str:
    """An attendee as in the seed minutes: ``Naam, functie`` (``5.1.2.e functie``)."""
    person = directory.persons.get(ref)
    if person is None:
        text = directory.label(ref)
    elif person.naam:
        text = f"{person.naam}, {person.functie}" if person.functie else person.naam
    else:
        ground = f"{person.lakgrond} " if person.lakgrond else ""
        text = f"{ground}{person.functie or person.id}"
    return f"{text} ({note})" if note else text


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


def meeting_header(repo: Repository, directory: Directory, meeting: Meeting) -> Context:
    team = directory.teams.get(meeting.team)
    return {
        "id": meeting.id,
        "team": team.naam if team else meeting.team,
        "team_id": meeting.team,
        "programma": PROGRAMME,
        **_date_fields("datum", meeting.datum),
        "tijd": time_span(meeting.begin, meeting.eind),
        "locatie": meeting.locatie or (team.locatie if team and team.locatie else ""),
        "voorzitter": person_name(
            directory, meeting.voorzitter or (team.voorzitter if team else None)
        ),
        "secretaris": person_name(directory, meeting.secretaris),
        "bijlagen": list(meeting.bijlagen),
    }


def agenda_items(meeting: Meeting) -> list[Context]:
    return [
        {
            "nr": item.nr,
            "titel": item.titel,
            "duur": item.duur or "",
            "besluitpunt": item.besluitpunt or "",
            "bijlagen": [
                b if b.lower().startswith("bijlage") else f"Bijlage: {b}" for b in item.bijlagen
            ],
            "tekst": "",
        }
        for item in sorted(meeting.agenda, key=lambda i: i.nr)
    ]


def agenda_context(repo: Repository, meeting_ref: str) -> Context:
    directory = Directory(repo.partners)
    meeting = find_meeting(repo, meeting_ref)
    header = meeting_header(repo, directory, meeting)
    return {
        "soort": "agenda",
        "titel": f"Agenda {header['team']} {header['datum']}",
        "vergadering": header,
        "agendapunten": agenda_items(meeting),
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


def minutes_items(meeting: Meeting) -> tuple[str, list[Context]]:
    """Agenda items with their minutes text; body sections without an item follow."""
    preamble, sections = split_minutes(meeting.body)
    items = agenda_items(meeting)
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
            "tekst": text,
        }
        items.append(extra)
    return preamble, items


def action_row(
    repo: Repository, action: Action, status: ActionStatus, today: date, op: date | None = None
) -> Context:
    """One row of an action table; ``op``: only the updates given up to that day."""
    origin = repo.meetings.get(action.vergadering or "")
    reference = origin.datum if origin else (action.updates[0].datum if action.updates else None)
    overdue = status is ActionStatus.OPEN and parse_due(action.wanneer, reference).is_overdue(today)
    notes = [action.body.strip()] if action.body.strip() else []
    notes += [
        f"{format_date(u.datum)}: {u.tekst.strip()}"
        for u in action.updates
        if op is None or u.datum <= op
    ]  # a closing note is an update of its day
    closed_on = action.afgerond_op if status is ActionStatus.AFGEROND else None
    return {
        "id": action.id,
        "wat": with_origin(action.herkomst, action.wat),
        "wie": action.wie,
        "wanneer": action.wanneer,
        "toelichting": "\n\n".join(notes),
        "status": "afgerond" if status is ActionStatus.AFGEROND else "open",
        "verlopen": overdue,
        "besluit": False,
        **_date_fields("afgerond_op", closed_on),
    }


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
    }


def notulen_context(repo: Repository, meeting_ref: str, today: date) -> Context:
    directory = Directory(repo.partners)
    meeting = find_meeting(repo, meeting_ref)
    header = meeting_header(repo, directory, meeting)
    header["aanwezig"] = [attendee_label(directory, a.persoon, a.noot) for a in meeting.aanwezig]
    header["afwezig_met_bericht"] = [
        attendee_label(directory, a.persoon, a.noot) for a in meeting.afwezig_met_bericht
    ]
    preamble, items = minutes_items(meeting)
    titles = {i.nr: i.titel for i in meeting.agenda}
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
        "acties": [action_row(repo, a, a.status, today) for a in actions],
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
    """The running list of ``team`` as in seed 000; ``op``: the list as it stood that day."""
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
    for action in repo.actions_of({team.id, *group_ids}):
        # ``op``: the list as it stood that day. An action born in a later meeting is
        # left out; one without a meeting has no date to judge by and is kept. Closed
        # after the day means open then; updates (and closing notes) after it are left out.
        origin = repo.meetings.get(action.vergadering or "")
        if op is not None and origin is not None and origin.datum > op:
            continue
        status = action.status
        if op is not None and action.afgerond_op is not None and action.afgerond_op > op:
            status = ActionStatus.OPEN
        row = action_row(repo, action, status, today, op)
        row["_volgorde"] = action.volgorde
        section = _section_of(repo, group_ids, action.werkgroep, action.actielijn, action.team)
        (done_rows if status is ActionStatus.AFGEROND else open_rows)[section].append(row)
    for meeting in meetings:
        titles = {i.nr: i.titel for i in meeting.agenda}
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
        titles = {i.nr: i.titel for i in m.agenda}
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
        items = [f"{i['nr']}. {i['titel']}" for i in agenda_items(m)]
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
