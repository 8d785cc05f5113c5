"""Approving minutes (``samennw approve`` / ``vaststellen``): the minutes of a meeting are
vastgesteld in a later meeting of the same team (or of a werkgroep's parent team).

One change of two files: the meeting gets ``notulen_status: vastgesteld``,
``vastgesteld_op`` and ``vastgesteld_in``; the later meeting gets a decision with
``stelt_vast`` naming it. validate cross-checks the two (see :mod:`samennw.ops.checks`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from samennw.clock import today as clock_today
from samennw.errors import DataFileError, OperationError
from samennw.model.dates import format_date
from samennw.model.records import Meeting, MinutesStatus
from samennw.ops.actions import get_meeting
from samennw.storage.changeset import ChangeSet, encoded
from samennw.storage.frontmatter import append_to_list, parse, set_keys, split
from samennw.storage.reader import read_bytes, read_text
from samennw.storage.repository import Repository

# where notulen_status goes when the file has none: after the last of these it has
# (the order of docs/format.md)
_KEYS_BEFORE_STATUS = (
    "agenda", "bijlagen", "gasten", "verwacht", "afwezig_met_bericht", "aanwezig",
    "secretaris", "voorzitter", "locatie", "eind", "begin", "datum",
)  # fmt: skip
# an agenda item about the minutes of the previous meeting
_MINUTES_ITEM = re.compile(r"verslag|notulen", re.IGNORECASE)
_DECISION_NUMBER = re.compile(r"-b(\d+)$")


def approve_minutes(
    repo: Repository, meeting_id: str, in_meeting_id: str, on: date | None = None
) -> tuple[ChangeSet, str]:
    """Plan the approval of the minutes of ``meeting_id`` in ``in_meeting_id`` on ``on``
    (default: the date of that later meeting). Refuses, with nothing written, when the
    later meeting is not later, of another team, already approves them, or the minutes
    are vastgesteld already."""
    meeting = get_meeting(repo, meeting_id)
    later = get_meeting(repo, in_meeting_id)
    assert meeting is not None and later is not None
    _refuse(repo, meeting, later)
    on = later.datum if on is None else on
    today = clock_today()
    if later.datum > today or on > today:
        raise OperationError(
            f"de notulen van {meeting.id} kunnen niet worden vastgesteld op "
            f"{format_date(on)} in {later.id} ({format_date(later.datum)}): "
            f"dat is na vandaag ({format_date(today)}); stel ze vast als die vergadering "
            "is gehouden. Er is niets gewijzigd"
        )
    if on < later.datum:
        raise OperationError(
            f"--datum {format_date(on)} ligt vóór de vergadering van "
            f"{format_date(later.datum)} ({later.id}) waarin de notulen worden vastgesteld; "
            "er is niets gewijzigd"
        )
    changes = ChangeSet(repo.root)

    path = repo.meeting_path(meeting)
    text = _as_on_disk(path)
    after = next((k for k in _KEYS_BEFORE_STATUS if f"\n{k}:" in _front(text)), None)
    new_text = _edited(
        path,
        lambda: set_keys(
            set_keys(text, {"notulen_status": MinutesStatus.VASTGESTELD.value}, after=after),
            {"vastgesteld_op": on, "vastgesteld_in": later.id},
            after="notulen_status",
        ),
    )
    changes.expect(path, text.encode("utf-8"))
    changes.write(path, new_text)

    later_path = repo.meeting_path(later)
    later_text = _as_on_disk(later_path)
    decision = _decision(repo, meeting, later)
    new_later = _edited(later_path, lambda: append_to_list(later_text, "besluiten", decision))
    changes.expect(later_path, later_text.encode("utf-8"))
    changes.write(later_path, new_later)
    return changes, f"Notulen van {meeting.id} vastgesteld in {later.id} (besluit {decision['id']})"


def approving_team_ok(repo: Repository, meeting: Meeting, later: Meeting) -> bool:
    """Whether ``later``'s team may approve ``meeting``'s minutes: the same team, or the
    parent team (``ouder``) of the werkgroep that met."""
    if later.team == meeting.team:
        return True
    team = next((t for t in repo.partners.teams if t.id == meeting.team), None)
    return team is not None and team.ouder == later.team


def _refuse(repo: Repository, meeting: Meeting, later: Meeting) -> None:
    if later.id == meeting.id:
        raise OperationError(
            f"notulen van {meeting.id} kunnen niet in dezelfde vergadering worden vastgesteld; "
            "noem met --in een latere vergadering"
        )
    if later.datum <= meeting.datum:
        when = "op dezelfde dag als" if later.datum == meeting.datum else "vóór"
        raise OperationError(
            f"de vergadering {later.id} ({format_date(later.datum)}) is {when} de vergadering "
            f"{meeting.id} ({format_date(meeting.datum)}); notulen worden in een latere "
            "vergadering vastgesteld"
        )
    if not approving_team_ok(repo, meeting, later):
        raise OperationError(
            f"{later.id} is een vergadering van '{later.team}', {meeting.id} van "
            f"'{meeting.team}'; notulen worden vastgesteld door hetzelfde team (of, voor een "
            "werkgroep, door het opgaveteam erboven)"
        )
    if meeting.notulen_status is MinutesStatus.VASTGESTELD:
        when = f" op {format_date(meeting.vastgesteld_op)}" if meeting.vastgesteld_op else ""
        where = f" in {meeting.vastgesteld_in}" if meeting.vastgesteld_in else ""
        raise OperationError(f"de notulen van {meeting.id} zijn al vastgesteld{when}{where}")
    for decision in later.besluiten:
        if decision.stelt_vast == meeting.id:
            raise OperationError(
                f"{later.id} heeft al een besluit dat de notulen van {meeting.id} vaststelt "
                f"({decision.id}), maar de notulen staan nog op concept; zet in "
                f"{repo.rel(repo.meeting_path(meeting))} 'notulen_status: vastgesteld', "
                "'vastgesteld_op' en 'vastgesteld_in' met de hand"
            )


def _decision(repo: Repository, meeting: Meeting, later: Meeting) -> dict[str, object]:
    # the next number after the highest one (free: no decision has a higher one)
    numbers = [int(m.group(1)) for d in later.besluiten if (m := _DECISION_NUMBER.search(d.id))]
    n = max(numbers, default=0) + 1
    whose = ""
    if meeting.team != later.team:
        team = next((t for t in repo.partners.teams if t.id == meeting.team), None)
        whose = f"{team.naam if team is not None else meeting.team} van "
    decision: dict[str, object] = {
        "id": f"{later.id}-b{n}",
        "tekst": f"De notulen van de vergadering van {whose}{format_date(meeting.datum)} "
        "zijn vastgesteld.",
    }
    item = next(
        (
            a.nr
            for a in later.agenda
            if _MINUTES_ITEM.search(a.titel) or _MINUTES_ITEM.search(a.besluitpunt or "")
        ),
        None,
    )
    if item is not None:
        decision["agendapunt"] = item
    decision["stelt_vast"] = meeting.id
    return decision


def _as_on_disk(path: Path) -> str:
    """The file's text as it is on disk, a byte-order mark included (the edit keeps it,
    and the change set expects these bytes); read_text's checks first."""
    read_text(path)
    return read_bytes(path).decode("utf-8")


def _front(text: str) -> str:
    """The front matter of ``text`` with a leading newline (for a key's presence)."""
    return "\n" + split(text.removeprefix("\ufeff").replace("\r\n", "\n"))[0]


def _edited(path: Path, edit: Callable[[], str]) -> str:
    """The edited text, refused when the edit is impossible or would not load again."""
    try:
        new_text = edit()
    except ValueError as exc:  # e.g. 'besluiten: [...]' as an inline list
        raise OperationError(
            f"'{path.name}' kan niet veilig worden bewerkt ({exc}); pas het met de hand aan. "
            "Er is niets gewijzigd."
        ) from None
    encoded(new_text, path.name)
    try:
        doc = parse(new_text.removeprefix("\ufeff"), path)
        Meeting.model_validate({**doc.data, "body": doc.body})
    except (DataFileError, ValidationError):
        raise OperationError(
            f"'{path.name}' kan niet veilig worden bewerkt (de vorm van het bestand is "
            "ongebruikelijk); pas het met de hand aan. Er is niets gewijzigd."
        ) from None
    return new_text
