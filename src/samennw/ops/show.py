"""``samennw show ID`` (``toon``): one decision, action or meeting with everything that
hangs on it. For a decision: "what became of it?" — its status, the decisions it changes,
replaces or continues and those that later changed, replaced or continued it, and the
actions that carry it out with their current status.

The links between decisions are kept on the later decision only (``wijzigt``,
``vervangt``, ``vervolg_op``); :class:`DecisionIndex` turns them around, for ``show`` and
for the besluitenlijst.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from samennw.errors import NotFoundError, did_you_mean
from samennw.model.dates import format_date, format_date_long
from samennw.model.people import Directory
from samennw.model.records import (
    Action,
    Decision,
    DecisionOutcome,
    DecisionProcess,
    Meeting,
)
from samennw.storage.repository import ACTION_ID, Repository

# the links of a decision: key -> (what it says forward, what the target says back)
LINKS = {
    "wijzigt": ("wijzigt", "gewijzigd door"),
    "vervangt": ("vervangt", "vervangen door"),
    "vervolg_op": ("vervolg op", "vervolgd door"),
}


@dataclass
class DecisionEntry:
    decision: Decision
    meeting: Meeting
    # key of LINKS -> the later decisions that link here with that key
    later: dict[str, list[DecisionEntry]] = field(default_factory=dict)


class DecisionIndex:
    """Every decision of ``meetings`` by id, with the links turned around."""

    def __init__(self, meetings: Iterable[Meeting]) -> None:
        self.entries: dict[str, DecisionEntry] = {}
        for m in sorted(meetings, key=lambda m: (m.datum, m.begin or "", m.id)):
            for d in m.besluiten:
                self.entries.setdefault(d.id, DecisionEntry(d, m))
        for entry in self.entries.values():
            for kind, target in entry.decision.links():
                found = self.entries.get(target)
                if found is not None:
                    found.later.setdefault(kind, []).append(entry)

    def get(self, decision_id: str) -> DecisionEntry | None:
        return self.entries.get(decision_id)


def process_label(d: Decision) -> str:
    """'bij consensus (hamerstuk)', 'unaniem', 'bij stemming (5 voor, 1 tegen, 0 onthoudingen)'."""
    if d.besluitvorming is None:
        return ""
    if d.besluitvorming is DecisionProcess.CONSENSUS:
        return "bij consensus (hamerstuk)"
    if d.besluitvorming is DecisionProcess.UNANIEM:
        return "unaniem"
    if d.stemmen is None:
        return "bij stemming"
    v = d.stemmen
    abstain = "onthouding" if v.onthouding == 1 else "onthoudingen"
    return f"bij stemming ({v.voor} voor, {v.tegen} tegen, {v.onthouding} {abstain})"


def ref_label(entry: DecisionEntry) -> str:
    """'ab-2023-07-04-b3 (4 juli 2023)'."""
    return f"{entry.decision.id} ({format_date(entry.meeting.datum)})"


def status_parts(index: DecisionIndex, d: Decision, *, outcome: bool = True) -> list[str]:
    """What became of ``d``, in words: its outcome (``outcome``) unless 'genomen' plain
    and simple, then 'vervangen door …', 'gewijzigd door …', 'vervolgd door …' (from later
    decisions) and 'vervolg op …' (its own link)."""
    parts = [] if d.uitslag is DecisionOutcome.GENOMEN or not outcome else [d.uitslag.value]
    entry = index.get(d.id)
    for kind in ("vervangt", "wijzigt", "vervolg_op"):
        later = entry.later.get(kind, []) if entry else []
        if later:
            parts.append(f"{LINKS[kind][1]} {', '.join(ref_label(e) for e in later)}")
    if d.vervolg_op:
        parts.append(f"vervolg op {', '.join(_target_labels(index, d.vervolg_op))}")
    return parts


def _target_labels(index: DecisionIndex, targets: list[str]) -> list[str]:
    labels = []
    for target in targets:
        entry = index.get(target)
        labels.append(ref_label(entry) if entry else target)
    return labels


# --- show ------------------------------------------------------------------------------


def show_item(data: Path | None, item_id: str) -> dict[str, Any]:
    """What ``samennw show`` shows, as plain data (see :func:`as_text`)."""
    from samennw.storage.repository import reading

    with reading(data) as repo:
        return describe(repo, item_id)


def describe(repo: Repository, item_id: str) -> dict[str, Any]:
    """A decision, action or meeting with what hangs on it; NotFoundError with a
    suggestion for an unknown id."""
    item_id = item_id.strip()
    directory = Directory(repo.partners)
    if ACTION_ID.match(item_id.upper()) and item_id.upper() in repo.actions:
        return _action(repo, directory, repo.actions[item_id.upper()])
    if item_id in repo.meetings:
        return _meeting(repo, directory, repo.meetings[item_id])
    index = DecisionIndex(repo.meetings_of(None))
    entry = index.get(item_id)
    if entry is None:
        pool = [*index.entries, *repo.meetings, *repo.actions]
        hint = did_you_mean(item_id, pool) or did_you_mean(item_id.upper(), pool)
        raise NotFoundError(f"onbekende code '{item_id}': geen besluit, actie of vergadering{hint}")
    return _decision(repo, directory, index, entry)


def _meeting_ref(directory: Directory, m: Meeting) -> dict[str, Any]:
    team = directory.teams.get(m.team)
    return {
        "id": m.id,
        "datum": m.datum.isoformat(),
        "datum_tekst": format_date_long(m.datum),
        "team": m.team,
        "team_naam": team.naam if team else m.team,
    }


def _decision_ref(index: DecisionIndex, decision_id: str) -> dict[str, Any]:
    entry = index.get(decision_id)
    if entry is None:
        return {"id": decision_id, "bekend": False}
    d = entry.decision
    return {
        "id": d.id,
        "bekend": True,
        "vergadering": entry.meeting.id,
        "datum": entry.meeting.datum.isoformat(),
        "datum_tekst": format_date(entry.meeting.datum),
        "tekst": d.tekst.strip(),
        "uitslag": d.uitslag.value,
    }


def _action_ref(repo: Repository, action_id: str) -> dict[str, Any]:
    action = repo.actions.get(action_id)
    if action is None:
        return {"id": action_id, "bekend": False}
    return {
        "id": action.id,
        "bekend": True,
        "wat": action.wat.strip(),
        "wie": action.wie,
        "wanneer": action.wanneer,
        "status": action.status.value,
        "reden": action.reden,
        "afgerond_op": action.afgerond_op.isoformat() if action.afgerond_op else None,
        "geannuleerd_op": action.geannuleerd_op.isoformat() if action.geannuleerd_op else None,
        "team": action.team,
    }


def _decision(
    repo: Repository, directory: Directory, index: DecisionIndex, entry: DecisionEntry
) -> dict[str, Any]:
    d, m = entry.decision, entry.meeting
    titles = {i.nr: i.titel for i in m.agenda}
    info: dict[str, Any] = {
        "soort": "besluit",
        "id": d.id,
        "tekst": d.tekst.strip(),
        "vergadering": _meeting_ref(directory, m),
        "agendapunt": d.agendapunt,
        "agendapunt_titel": titles.get(d.agendapunt) if d.agendapunt is not None else None,
        "uitslag": d.uitslag.value,
        "besluitvorming": d.besluitvorming.value if d.besluitvorming else None,
        "besluitvorming_tekst": process_label(d),
        "stemmen": d.stemmen.model_dump() if d.stemmen else None,
        "status": "; ".join(status_parts(index, d)) or d.uitslag.value,
        "toelichting": (d.toelichting or "").strip(),
        "stelt_vast": _approved(repo, directory, d.stelt_vast),
    }
    for kind, (_, back) in LINKS.items():
        info[kind] = [_decision_ref(index, t) for t in getattr(d, kind)]
        info[back.replace(" ", "_")] = [
            _decision_ref(index, e.decision.id) for e in entry.later.get(kind, [])
        ]
    info["acties"] = [_action_ref(repo, a) for a in d.acties]
    return info


def _approved(
    repo: Repository, directory: Directory, meeting_id: str | None
) -> dict[str, Any] | None:
    """The meeting whose minutes a decision approves (``stelt_vast``), if any."""
    if not meeting_id:
        return None
    meeting = repo.meetings.get(meeting_id)
    if meeting is None:
        return {"id": meeting_id, "bekend": False}
    return {**_meeting_ref(directory, meeting), "bekend": True}


def _naming(index: DecisionIndex, action_id: str) -> list[dict[str, Any]]:
    return [
        _decision_ref(index, e.decision.id)
        for e in index.entries.values()
        if action_id in e.decision.acties
    ]


def _action(repo: Repository, directory: Directory, a: Action) -> dict[str, Any]:
    index = DecisionIndex(repo.meetings_of(None))
    origin = repo.meetings.get(a.vergadering) if a.vergadering else None
    return {
        "soort": "actie",
        **_action_ref(repo, a.id),
        "werkgroep": a.werkgroep,
        "actielijn": a.actielijn,
        "vergadering": _meeting_ref(directory, origin) if origin else None,
        "agendapunt": a.agendapunt,
        "afgerond_in": a.afgerond_in,
        "geannuleerd_in": a.geannuleerd_in,
        "toelichting": a.body.strip(),
        "updates": [
            {"datum": u.datum.isoformat(), "tekst": u.tekst.strip(), "vergadering": u.vergadering}
            for u in a.updates
        ],
        "besluiten": _naming(index, a.id),
    }


def _meeting(repo: Repository, directory: Directory, m: Meeting) -> dict[str, Any]:
    index = DecisionIndex(repo.meetings_of(None))
    return {
        "soort": "vergadering",
        **_meeting_ref(directory, m),
        "titel": m.titel,
        "begin": m.begin,
        "eind": m.eind,
        "locatie": m.locatie,
        "notulen_status": m.notulen_status.value,
        "agenda": [{"nr": i.nr, "titel": i.titel} for i in m.agenda],
        "besluiten": [
            {**_decision_ref(index, d.id), "status": "; ".join(status_parts(index, d))}
            for d in m.besluiten
        ],
        "acties": [_action_ref(repo, a.id) for a in repo.actions_from(m.id)],
    }


# --- as text --------------------------------------------------------------------------


def _action_line(a: dict[str, Any]) -> str:
    if not a["bekend"]:
        return f"  {a['id']}  (onbekende actie)"
    status = a["status"]
    if a["afgerond_op"]:
        status += f" op {format_date(_iso(a['afgerond_op']))}"
    if a["geannuleerd_op"]:
        status += f" op {format_date(_iso(a['geannuleerd_op']))}"
    if a["reden"]:
        status += f" ({a['reden']})"
    when = f"; wanneer: {a['wanneer']}" if a["wanneer"] else ""
    who = f"; wie: {a['wie']}" if a["wie"] else ""
    return f"  {a['id']}  {status}{who}{when}\n      {a['wat']}"


def _decision_line(d: dict[str, Any]) -> str:
    if not d["bekend"]:
        return f"  {d['id']}  (onbekend besluit)"
    outcome = "" if d["uitslag"] == "genomen" else f" [{d['uitslag']}]"
    return f"  {d['id']} ({d['datum_tekst']}){outcome}: {d['tekst']}"


def _iso(text: str) -> Any:
    from datetime import date

    return date.fromisoformat(text)


def as_text(info: dict[str, Any]) -> str:
    """The Dutch plain-text form of :func:`describe`'s answer."""
    lines: list[str] = []

    def section(title: str, rows: list[str], empty: str | None = None) -> None:
        if rows or empty:
            lines.append("")
            lines.append(f"{title}:")
            lines.extend(rows or [f"  {empty}"])

    kind = info["soort"]
    if kind == "besluit":
        m = info["vergadering"]
        lines.append(f"Besluit {info['id']}")
        lines.append(f"Vergadering:    {m['id']} ({m['team_naam']}, {m['datum_tekst']})")
        if info["agendapunt"] is not None:
            title = f". {info['agendapunt_titel']}" if info["agendapunt_titel"] else ""
            lines.append(f"Agendapunt:     {info['agendapunt']}{title}")
        lines.append(f"Besluit:        {info['tekst']}")
        lines.append(f"Status:         {info['status']}")
        approved = info["stelt_vast"]
        if approved:
            where = (
                f" ({approved['team_naam']}, {approved['datum_tekst']})"
                if approved["bekend"]
                else " (onbekende vergadering)"
            )
            lines.append(f"Stelt vast:     de notulen van {approved['id']}{where}")
        if info["besluitvorming_tekst"]:
            lines.append(f"Besluitvorming: {info['besluitvorming_tekst']}")
        if info["toelichting"]:
            lines.append(f"Toelichting:    {info['toelichting']}")
        for key, (forward, back) in LINKS.items():
            section(forward.capitalize(), [_decision_line(d) for d in info[key]])
            section(back.capitalize(), [_decision_line(d) for d in info[back.replace(" ", "_")]])
        section("Acties", [_action_line(a) for a in info["acties"]], "geen acties genoemd")
    elif kind == "actie":
        lines.append(f"Actie {info['id']} ({info['status']})")
        lines.append(f"Wat:            {info['wat']}")
        lines.append(f"Wie:            {info['wie']}")
        if info["wanneer"]:
            lines.append(f"Wanneer:        {info['wanneer']}")
        if info["reden"]:
            lines.append(f"Reden:          {info['reden']}")
        for key, label in (("afgerond", "Afgerond"), ("geannuleerd", "Geannuleerd")):
            if info[f"{key}_op"]:
                where = f" (in {info[f'{key}_in']})" if info[f"{key}_in"] else ""
                day = format_date(_iso(info[f"{key}_op"]))
                lines.append(f"{label} op:{' ' * (15 - len(label) - 3)}{day}{where}")
        if info["vergadering"]:
            m = info["vergadering"]
            item = f", agendapunt {info['agendapunt']}" if info["agendapunt"] is not None else ""
            lines.append(f"Vergadering:    {m['id']} ({m['datum_tekst']}){item}")
        if info["toelichting"]:
            lines.append(f"Toelichting:    {info['toelichting']}")
        section(
            "Updates",
            [f"  {format_date(_iso(u['datum']))}: {u['tekst']}" for u in info["updates"]],
        )
        section("Besluiten die deze actie noemen", [_decision_line(d) for d in info["besluiten"]])
    else:
        lines.append(f"Vergadering {info['id']}")
        lines.append(f"Team:           {info['team_naam']}")
        when = info["datum_tekst"]
        if info["begin"]:
            when += f", {info['begin']}" + (f"-{info['eind']}" if info["eind"] else "")
        lines.append(f"Datum:          {when}")
        if info["locatie"]:
            lines.append(f"Locatie:        {info['locatie']}")
        lines.append(f"Notulen:        {info['notulen_status']}")
        section("Agenda", [f"  {i['nr']}. {i['titel']}" for i in info["agenda"]])
        decisions = []
        for d in info["besluiten"]:
            decisions.append(_decision_line(d))
            if d["status"]:
                decisions.append(f"      ({d['status']})")
        section("Besluiten", decisions, "geen besluiten")
        section("Acties", [_action_line(a) for a in info["acties"]], "geen acties")
    return "\n".join(lines)


__all__ = [
    "LINKS",
    "DecisionEntry",
    "DecisionIndex",
    "as_text",
    "describe",
    "process_label",
    "ref_label",
    "show_item",
    "status_parts",
]
