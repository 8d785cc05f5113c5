"""What the site needs of every data file, kept per file in a signed cache.

A *record* is computed from a parsed file once and reused while the file's stat key is
unchanged (:mod:`samennw.storage.cachefile`: JSON with a MAC, never pickle). It holds the
file's SHA-256 (the input of the page hashes), the references the pages depend on and
the public, redacted fields of the open data. Redacted text depends on partners.yaml,
so the cache's version includes partners.yaml's hash: a new partners.yaml redoes all.

:class:`SiteRepository` is the loaded repository with the questions a page asks
(``actions_of``, ``actions_from``, ``meetings_of``) answered from these records, so a
page reads only the files it shows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from samennw.model.records import Action, Meeting, Partners
from samennw.render.redact import Redactor, confidential
from samennw.storage.repository import LazyFolder, Repository

Record = dict[str, Any]


class MemoRedactor(Redactor):
    """The public redaction (:class:`samennw.render.redact.Redactor`), remembering each
    string's result: a site repeats the same names, titles and labels thousands of times.
    ``text`` is a pure function of the string (and partners.yaml), so this changes
    nothing but speed."""

    def __init__(self, partners: Partners) -> None:
        super().__init__(partners, public=True)
        self._memo: dict[str, str] = {}

    def text(self, value: str) -> str:
        found = self._memo.get(value)
        if found is None:
            found = super().text(value)
            if len(self._memo) < 500_000:
                self._memo[value] = found
        return found


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_map(folder: Any) -> dict[str, str]:
    """id -> file (a str: 12,000 Paths cost a rebuild a quarter second) of a lazily
    loaded data folder: the repository's own listing."""
    files = LazyFolder.of(folder)._files
    names = getattr(files, "names", None)
    if isinstance(names, dict):
        return {key: str(value) for key, value in names.items()}
    return {key: str(files[key]) for key in files}


def meeting_record(meeting: Meeting, data: bytes, redactor: MemoRedactor) -> Record:
    """What the index, the year pages, the besluitenlijst and the open data need."""
    from samennw.ops.show import process_label
    from samennw.render import context as rc

    titles = rc.agenda_titles(meeting)  # a confidential item's title: its ground only
    decisions = []
    for d in meeting.besluiten:
        row = rc.decision_row(d, titles)
        decision = {
            "id": d.id,
            "agendapunt": row["agendapunt"],
            "agendapunt_titel": redactor.text(row["agendapunt_titel"]),
            "tekst": redactor.text(row["tekst"]),
            "uitslag": d.uitslag.value,
            "besluitvorming": process_label(d),
            "wie": redactor.text(row["wie"]),
            "toelichting": redactor.text(row["toelichting"]),
            "stelt_vast": d.stelt_vast or "",
        }
        decisions.append(hidden(decision, row["vertrouwelijk"] or None))
    return {
        "sha": sha256(data),
        "id": meeting.id,
        "team": meeting.team,
        "datum": meeting.datum.isoformat(),
        "begin": meeting.begin or "",
        "eind": meeting.eind or "",
        "titel": redactor.text(meeting.titel or ""),
        "locatie": redactor.text(meeting.locatie or ""),
        "notulen_status": meeting.notulen_status.value,
        "vastgesteld_op": meeting.vastgesteld_op.isoformat() if meeting.vastgesteld_op else "",
        "vastgesteld_in": meeting.vastgesteld_in or "",
        "agenda": [
            hidden(
                {
                    "nr": item.nr,
                    "titel": redactor.text(item.titel),
                    "besluitpunt": redactor.text(item.besluitpunt or ""),
                    "openbaar": item.vertrouwelijk is None,
                },
                item.vertrouwelijk,
            )
            for item in sorted(meeting.agenda, key=lambda i: i.nr)
        ],
        "agenda_acties": sorted({a for item in meeting.agenda for a in item.acties}),
        # the grounds of confidential items by number: what arose under one is confidential
        "vertrouwelijke_punten": {
            str(item.nr): item.vertrouwelijk for item in meeting.agenda if item.vertrouwelijk
        },
        "besluiten": decisions,
        # the decisions as data, for what became of each (samennw.ops.show.DecisionIndex)
        "besluit_data": [d.model_dump(mode="json") for d in meeting.besluiten],
    }


def action_record(action: Action, data: bytes, redactor: MemoRedactor) -> Record:
    """An action's public fields (redacted) and the meetings it refers to."""
    from samennw.render import context as rc

    refs = {action.vergadering, action.afgerond_in, action.geannuleerd_in}
    refs |= {u.vergadering for u in action.updates}
    stopped = action.status.value in ("geblokkeerd", "geannuleerd")
    return {
        "sha": sha256(data),
        "id": action.id,
        "team": action.team,
        "refs": sorted(r for r in refs if r),
        # where it arose (a confidential agenda item makes it confidential: see
        # samennw.site.opendata.files); None when it is confidential itself already
        "punt": None
        if action.vertrouwelijk or action.agendapunt is None
        else [action.vergadering, action.agendapunt],
        "public": hidden(
            {
                "id": action.id,
                "team": action.team,
                "wat": redactor.text(rc.with_origin(action.herkomst, action.wat)),
                "wie": redactor.text(action.wie),
                "wanneer": redactor.text(action.wanneer),
                "status": action.status.value,
                "reden": redactor.text(action.reden or "") if stopped else "",
                "vergadering": action.vergadering or "",
                "afgerond_op": action.afgerond_op.isoformat() if action.afgerond_op else "",
                "geannuleerd_op": action.geannuleerd_op.isoformat()
                if action.geannuleerd_op
                else "",
            },
            action.vertrouwelijk,
        ),
    }


def hidden(record: Record, ground: str | None) -> Record:
    """A confidential item's public record: its number (id), dates and status, and
    ``[vertrouwelijk, <grond>]`` for its title or text (samennw.render.redact.confidential,
    as every public document shows it), and its team and meeting (not confidential: the
    action list is per team); the record as it is otherwise."""
    if ground is None:
        return record
    shown = confidential({**record, "vertrouwelijk": ground}, public=True)
    shown.pop("vertrouwelijk")
    return shown | {k: record[k] for k in ("team", "vergadering") if k in record}


@dataclass
class SiteRepository(Repository):
    """A repository whose lookups by team and meeting come from the site's records.

    The answers are those of :class:`Repository` (the same objects, the same filter);
    only the candidates come from the records instead of reading every file. With
    ``focus`` set (while the minutes of that meeting are built), ``actions_of`` offers
    only the actions whose file refers to that meeting: the minutes look at no other
    (``handled_actions`` keeps those closed, cancelled or updated in the meeting).
    """

    action_teams: dict[str, str] = field(default_factory=dict)  # action id -> team
    action_refs: dict[str, list[str]] = field(default_factory=dict)  # meeting -> actions
    meeting_keys: dict[str, tuple[str, date]] = field(default_factory=dict)  # id -> team, date
    focus: str | None = None

    @classmethod
    def around(cls, repo: Repository, **extra: Any) -> SiteRepository:
        values = {f.name: getattr(repo, f.name) for f in fields(repo)}
        return cls(**values, **extra)

    def actions_of(self, teams: Collection[str]) -> list[Action]:
        if self.focus is not None:
            ids = [i for i in self.action_refs.get(self.focus, []) if self.action_teams[i] in teams]
        else:
            ids = [i for i, team in self.action_teams.items() if team in teams]
        return [a for a in (self.actions[i] for i in ids) if a.team in teams]

    def actions_from(self, meeting_id: str) -> list[Action]:
        ids = sorted(self.action_refs.get(meeting_id, []))
        return [a for a in (self.actions[i] for i in ids) if a.vergadering == meeting_id]

    def meetings_of(
        self, teams: Collection[str] | None, start: date | None = None, end: date | None = None
    ) -> list[Meeting]:
        ids = [
            m
            for m, (team, day) in self.meeting_keys.items()
            if (teams is None or team in teams)
            and not (start and day < start)
            and not (end and day > end)
        ]
        return [self.meetings[m] for m in ids]
