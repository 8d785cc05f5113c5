"""Operations on actions: close, cancel, start, block, reopen, update, add."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from samennw.errors import (
    ConflictError,
    DataFileError,
    Location,
    NotFoundError,
    OperationError,
    Problem,
    SamennwError,
    unknown,
)
from samennw.model.dates import format_date
from samennw.model.people import Directory, normalize, split_wie
from samennw.model.records import Action, ActionStatus, Meeting
from samennw.storage.changeset import ChangeSet, encoded, from_command_line
from samennw.storage.frontmatter import append_to_list, parse, remove_keys, set_keys
from samennw.storage.repository import Repository, check_id


def origin_date(repo: Repository, action: Action) -> date | None:
    meeting = repo.meetings.get(action.vergadering or "")
    return meeting.datum if meeting else None


def get_action(repo: Repository, action_id: str) -> Action:
    """The action with this id; 'kvdj-005' finds KVDJ-005 (ids are written in capitals)."""
    try:
        action_id = check_id(action_id.upper(), action=True)
    except SamennwError:
        raise SamennwError(f"'{action_id}' is geen geldige actiecode") from None
    action = repo.actions.get(action_id)
    if action is None:
        raise NotFoundError(unknown("actie", action_id, list(repo.actions)))
    return action


def get_meeting(repo: Repository, meeting_id: str | None) -> Meeting | None:
    if meeting_id is None:
        return None
    check_id(meeting_id)
    meeting = repo.meetings.get(meeting_id)
    if meeting is None:
        raise NotFoundError(unknown("vergadering", meeting_id, list(repo.meetings)))
    return meeting


def _current_text(repo: Repository, action: Action) -> tuple[Path, str]:
    """The action's file and text, refusing if it changed since the repository was loaded."""
    path = repo.root / Path(str(action.source_path))
    text = path.read_bytes().decode("utf-8")
    if action._text_hash is not None and hash(text.removeprefix("\ufeff")) != action._text_hash:
        raise ConflictError(f"'{action.source_path}' is intussen gewijzigd; er is niets gewijzigd")
    return path, text


def _checked(path: Path, new_text: str) -> str:
    """Refuse to write an action file that would not load again (never write garbage)."""
    encoded(new_text, path.name)
    problems: list[Problem] = []
    try:
        doc = parse(new_text.removeprefix("\ufeff"), path)
        Action.model_validate({**doc.data, "body": doc.body})
    except (DataFileError, ValidationError) as exc:
        problems.append(Problem(str(exc), Location(path)))
    if problems:
        raise OperationError(
            f"'{path.name}' kan niet veilig worden bewerkt (de vorm van het bestand is "
            "ongebruikelijk); pas het met de hand aan. Er is niets gewijzigd."
        )
    return new_text


def _edited(path: Path, edit: Callable[[], str]) -> str:
    try:
        return _checked(path, edit())
    except ValueError as exc:  # e.g. an inline list that cannot grow
        raise OperationError(
            f"'{path.name}' kan niet veilig worden bewerkt ({exc}); pas het met de hand aan. "
            "Er is niets gewijzigd."
        ) from None


def _update_item(
    on: date, text: str, meeting: Meeting | None, option: str = "--toelichting"
) -> dict[str, object]:
    item: dict[str, object] = {"datum": on, "tekst": from_command_line(text, option)}
    if meeting is not None:
        item["vergadering"] = meeting.id
    return item


# closing keys go after the last of these that the file has (the order of docs/format.md)
_KEYS_BEFORE_CLOSING = ("vergadering", "actielijn", "werkgroep", "team")
# the keys of an archived or stopped status, removed when an action is reopened
_STATUS_KEYS = ("reden", "afgerond_op", "afgerond_in", "geannuleerd_op", "geannuleerd_in")
_STOPPED = (ActionStatus.GEBLOKKEERD, ActionStatus.GEANNULEERD)  # the statuses with a reden


def _date_of(on: date | None, meeting: Meeting | None) -> date:
    """The date of a change: as given, else the meeting's date (backfilling a past
    meeting), else today."""
    if on is not None:
        return on
    if meeting is not None:
        return meeting.datum
    from samennw.clock import today

    return today()


def _refuse_before_origin(repo: Repository, action: Action, on: date, word: str) -> None:
    origin = origin_date(repo, action)
    if origin is not None and on < origin:
        raise OperationError(
            f"{word} {format_date(on)} ligt vóór de vergadering van {format_date(origin)} "
            "waarin de actie ontstond"
        )


def _status_word(action: Action) -> str:
    """'afgerond (op 4 december 2025)': the status of an action, with its date if any."""
    day = {
        ActionStatus.AFGEROND: action.afgerond_op,
        ActionStatus.GEANNULEERD: action.geannuleerd_op,
    }
    on = day.get(action.status)
    return action.status.value + (f" (op {format_date(on)})" if on else "")


def _refuse_archived(action: Action, what: str) -> None:
    """An archived action is reopened before anything else is done with it."""
    if not action.status.active:
        raise OperationError(
            f"actie {action.id} is {_status_word(action)}; heropen haar eerst "
            f"(samennw heropen {action.id}) om haar {what}"
        )


def _reason(reason: str | None) -> str:
    text = from_command_line(reason or "", "--reden").strip()
    if not text:
        raise OperationError("de reden is leeg (--reden); er is niets gewijzigd")
    return text


@dataclass(frozen=True, slots=True)
class _StatusChange:
    """What a change to one status writes and checks."""

    to_do: str  # "af te ronden": for the refusal of an archived action
    date_word: str  # "afronddatum": for the refusals and warnings about its date
    dated: bool  # writes <status>_op and <status>_in, with the date warnings
    needs_reason: bool  # --reden is required


_CHANGES = {
    ActionStatus.AFGEROND: _StatusChange("af te ronden", "afronddatum", True, False),
    ActionStatus.GEANNULEERD: _StatusChange("te annuleren", "annuleerdatum", True, True),
    ActionStatus.IN_UITVOERING: _StatusChange("te starten", "datum", False, False),
    ActionStatus.GEBLOKKEERD: _StatusChange("te blokkeren", "datum", False, True),
}


def _change_status(
    repo: Repository,
    action_id: str,
    target: ActionStatus,
    on: date | None,
    note: str | None,
    meeting_id: str | None,
    reason: str | None = None,
) -> tuple[ChangeSet, str]:
    """Plan a change of an active action to ``target`` (see :data:`_CHANGES`).

    Without a date: the meeting's date (``meeting_id``), else today."""
    spec = _CHANGES[target]
    action = get_action(repo, action_id)
    if action.status is target and target is ActionStatus.GEBLOKKEERD:
        raise OperationError(
            f"actie {action_id} is al geblokkeerd (reden: {action.reden}); "
            "een andere reden: heropen haar eerst of pas 'reden' met de hand aan"
        )
    if action.status is target:
        raise OperationError(f"actie {action_id} is al {_status_word(action)}")
    _refuse_archived(action, spec.to_do)
    text_reason = _reason(reason) if spec.needs_reason else None
    meeting = get_meeting(repo, meeting_id)
    given, on = on, _date_of(on, meeting)
    _refuse_before_origin(repo, action, on, spec.date_word)
    values: dict[str, object] = {"status": target.value}
    if spec.dated:
        values[f"{target.value}_op"] = on
        if meeting is not None:
            values[f"{target.value}_in"] = meeting.id
    changes = _plan_status(repo, action, target, values, on, note, meeting, text_reason)
    if spec.dated:
        _date_warnings(changes.notices, target, given, on, meeting)
    return changes, f"Actie {action.id} {target.value}"


def close_action(
    repo: Repository,
    action_id: str,
    on: date | None,
    note: str | None = None,
    meeting_id: str | None = None,
) -> tuple[ChangeSet, str]:
    """Mark an action afgerond and move it to acties/afgerond (planned, not yet applied)."""
    return _change_status(repo, action_id, ActionStatus.AFGEROND, on, note, meeting_id)


def cancel_action(
    repo: Repository,
    action_id: str,
    on: date | None,
    note: str | None = None,
    meeting_id: str | None = None,
    reason: str | None = None,
) -> tuple[ChangeSet, str]:
    """Mark an action geannuleerd, with its reason, and archive it in acties/afgerond."""
    return _change_status(repo, action_id, ActionStatus.GEANNULEERD, on, note, meeting_id, reason)


def start_action(
    repo: Repository,
    action_id: str,
    on: date | None,
    note: str | None = None,
    meeting_id: str | None = None,
) -> tuple[ChangeSet, str]:
    """Mark an open (or blocked) action 'in uitvoering'; a blocked one loses its reden."""
    return _change_status(repo, action_id, ActionStatus.IN_UITVOERING, on, note, meeting_id)


def block_action(
    repo: Repository,
    action_id: str,
    on: date | None,
    note: str | None = None,
    meeting_id: str | None = None,
    reason: str | None = None,
) -> tuple[ChangeSet, str]:
    """Mark an open or in-progress action 'geblokkeerd' with its reason (it stays in
    acties/open: it is still to do)."""
    return _change_status(repo, action_id, ActionStatus.GEBLOKKEERD, on, note, meeting_id, reason)


def closing_date_warning(on: date, today: date, word: str = "afronddatum") -> str | None:
    """A closing date after today is allowed (the file is as the user asked) but said."""
    if on <= today:
        return None
    return (
        f"let op: {word} {format_date(on)} ligt na vandaag ({format_date(today)}); "
        "'samennw validate' blijft dit melden tot die dag"
    )


def meeting_date_warning(
    on: date, meeting: Meeting | None, word: str = "afronddatum"
) -> str | None:
    """Closed or cancelled 'in' a meeting on another day than the meeting's: said."""
    if meeting is None or meeting.datum == on:
        return None
    return (
        f"let op: {word} {format_date(on)} is niet de datum van vergadering {meeting.id} "
        f"({format_date(meeting.datum)}); klopt dat?"
    )


def _date_warnings(
    warnings: list[str],
    status: ActionStatus,
    given: date | None,
    on: date,
    meeting: Meeting | None,
) -> None:
    from samennw.clock import today

    word = _CHANGES[status].date_word
    found = [closing_date_warning(on, today(), word)]
    if given is not None:
        found.append(meeting_date_warning(given, meeting, word))
    warnings.extend(w for w in found if w)


def reopen_action(
    repo: Repository,
    action_id: str,
    on: date | None,
    note: str | None = None,
    meeting_id: str | None = None,
) -> tuple[ChangeSet, str]:
    """Back to open from any other status: the reverse of close, cancel, start and block.

    Status open, the keys of the old status (afgerond_op/_in, geannuleerd_op/_in and the
    reden of a blocked or cancelled action) removed, the file moved back to acties/open."""
    action = get_action(repo, action_id)
    if action.status is ActionStatus.OPEN:
        raise OperationError(
            f"actie {action_id} is niet afgerond, geannuleerd, geblokkeerd of in uitvoering: "
            "zij is al open"
        )
    meeting = get_meeting(repo, meeting_id)
    on = _date_of(on, meeting)
    _refuse_before_origin(repo, action, on, "datum")
    changes = _plan_status(repo, action, ActionStatus.OPEN, {"status": "open"}, on, note, meeting)
    return changes, f"Actie {action.id} heropend"


def _plan_status(
    repo: Repository,
    action: Action,
    target: ActionStatus,
    values: dict[str, object],
    on: date,
    note: str | None,
    meeting: Meeting | None,
    reason: str | None = None,
) -> ChangeSet:
    """The minimal edit of a status change: ``values`` set (new keys after the closing
    anchor), the ``reden`` right after ``status``, the keys of the old status that no
    longer hold removed, an update for ``note``; the file moved when its folder changes."""
    old, text = _current_text(repo, action)
    present = action.model_fields_set
    after = next(k for k in (*_KEYS_BEFORE_CLOSING, "status") if k in present)
    if target is ActionStatus.OPEN:
        stale = [k for k in _STATUS_KEYS if k != "reden" or action.status in _STOPPED]
    elif action.status is ActionStatus.GEBLOKKEERD and reason is None:
        stale = ["reden"]  # the block is over
    else:
        stale = []
    last = next((k for k in reversed(values) if k != "status"), None)

    def edit() -> str:
        new_text = set_keys(text, {"status": values["status"]})
        rest = {k: v for k, v in values.items() if k != "status"}
        if rest:
            new_text = set_keys(new_text, rest, after=after)
        if reason is not None:
            new_text = set_keys(new_text, {"reden": reason}, after="status")
        new_text = remove_keys(new_text, stale)
        if note:
            new_text = append_to_list(
                new_text, "updates", _update_item(on, note, meeting), after=last
            )
        return new_text

    new_text = _edited(old, edit)
    if target.folder == action.status.folder:
        changes = ChangeSet(repo.root)
        changes.expect(old, text.encode("utf-8"))
        changes.write(old, new_text)
        return changes
    return _planned_move(repo, action.id, old, text, new_text, target)


def _planned_move(
    repo: Repository, action_id: str, old: Path, text: str, new_text: str, status: ActionStatus
) -> ChangeSet:
    """Move the action file to the folder of ``status`` with its new text."""
    new = repo.action_path(action_id, status)
    changes = ChangeSet(repo.root)
    changes.expect(old, text.encode("utf-8"))
    changes.expect(new, None)
    changes.move(old, new, new_text)
    return changes


def add_update(
    repo: Repository, action_id: str, on: date | None, note: str, meeting_id: str | None = None
) -> tuple[ChangeSet, str]:
    """Append a dated update to an action; without a date, the meeting's date (an update
    given in a past meeting, backfilled) or else today."""
    if not note.strip():
        raise OperationError("de tekst van de update is leeg")
    action = get_action(repo, action_id)
    meeting = get_meeting(repo, meeting_id)
    on = _date_of(on, meeting)
    _refuse_before_origin(repo, action, on, "datum van de update")
    path, text = _current_text(repo, action)
    item = _update_item(on, note.strip(), meeting, "--tekst")
    new_text = _edited(path, lambda: append_to_list(text, "updates", item))
    changes = ChangeSet(repo.root)
    changes.expect(path, text.encode("utf-8"))
    changes.write(path, new_text)
    from samennw.clock import today

    if on > today():  # allowed (written as asked), but said
        changes.notices.append(
            f"let op: datum van de update {format_date(on)} ligt na vandaag "
            f"({format_date(today())}); klopt de datum?"
        )
    return changes, f"Update bij actie {action.id}"


def next_action_id(repo: Repository, prefix: str, taken: Iterable[str] = ()) -> str:
    """The team's highest number + 1, counting ids planned in this command (``taken``)."""
    numbers = [
        int(a.split("-", 1)[1]) for a in (*repo.actions, *taken) if a.split("-", 1)[0] == prefix
    ]
    return f"{prefix}-{max(numbers, default=0) + 1:03d}"


# words in a 'wie' text that mean the whole team (or the werkgroep) of the list
_WHOLE_TEAM = frozenset({"alle aanwezigen", "aanwezigen", "iedereen", "allen", "allemaal",
                         "alle leden", "leden", "team"})  # fmt: skip
_WORKGROUP = frozenset({"werkgroep", "de werkgroep"})


@dataclass(frozen=True, slots=True)
class OwnerRefs:
    """What the names of a 'wie' text resolve to."""

    refs: list[str]  # person / organisation / team ids, in the order named
    unknown: list[str]  # names that match nobody
    ambiguous: list[tuple[str, set[str]]]  # names that match more than one


def owner_refs(
    directory: Directory, wie: str, team: str | None = None, werkgroep: str | None = None
) -> OwnerRefs:
    """The ids the names in a 'wie' text ("Tjalling/Sofie en Maartje") stand for.

    "Alle aanwezigen", "iedereen", "leden" mean the team whose list it is; "werkgroep"
    the werkgroep given; a person, team or organisation by any of its names.
    """
    found = OwnerRefs([], [], [])
    for token in split_wie(wie):
        key = normalize(token)
        if key in _WHOLE_TEAM and team:
            ids = {team}
        elif key in _WORKGROUP and werkgroep:
            ids = {werkgroep}
        else:
            ids = directory.find_persons(token) | directory.find_teams(token)
            if not ids:
                ids = directory.find_organisations(token)
        if len(ids) == 1:
            ref = ids.pop()
            if ref not in found.refs:
                found.refs.append(ref)
        elif ids:
            found.ambiguous.append((token, ids))
        else:
            found.unknown.append(token)
    return found


def resolve_owners(
    directory: Directory, wie: str, team: str | None = None, werkgroep: str | None = None
) -> list[str]:
    """Resolve the names in a 'wie' text to ids (see :func:`owner_refs`); unknown or
    ambiguous names are an error with suggestions."""
    found = owner_refs(directory, wie, team, werkgroep)
    if found.ambiguous:
        token, ids = found.ambiguous[0]
        raise NotFoundError(
            "niet eenduidige naam in 'wie': "
            + "; ".join(f"'{t}' kan zijn: {directory.describe(i)}" for t, i in found.ambiguous)
            + f"; geef de codes met --betrokkenen (bijv. --betrokkenen {min(ids)})"
        )
    if found.unknown:
        hints = []
        for token in found.unknown:
            close = directory.suggest(token)
            hints.append(f"'{token}'" + (f" (bedoelde u {' of '.join(close)}?)" if close else ""))
        raise NotFoundError(
            "onbekende naam in 'wie': "
            + ", ".join(hints)
            + "; geef de codes met --betrokkenen (bijv. --betrokkenen tjalling,ot-kvdj)"
        )
    return found.refs


@dataclass(frozen=True, slots=True)
class NewAction:
    team: str
    wat: str
    wie: str = ""
    wanneer: str = ""
    werkgroep: str | None = None
    actielijn: str | None = None
    vergadering: str | None = None
    agendapunt: int | None = None
    betrokkenen: tuple[str, ...] | None = None
    herkomst: str | None = None
    toelichting: str = ""


def add_action(repo: Repository, new: NewAction) -> tuple[ChangeSet, str]:
    """Create an action with the next free id of its team's list, references checked."""
    changes = ChangeSet(repo.root)
    action_id = plan_new_action(repo, new, changes)
    return changes, f"Actie {action_id} toegevoegd"


def plan_new_action(
    repo: Repository,
    new: NewAction,
    changes: ChangeSet,
    taken: Iterable[str] = (),
    planned_meetings: Iterable[str] = (),
) -> str:
    """Add the file of a new action to ``changes``: the next free id of its team's list
    (after the ids in ``taken``, planned earlier in the same command), references
    checked (its meeting may be one of ``planned_meetings``, written by the same
    command), read back before it is planned. Returns the id."""
    new = replace(  # every text as written (NFC, no control characters), trimmed
        new,
        wat=from_command_line(new.wat, "--wat").strip(),
        wie=from_command_line(new.wie, "--wie").strip(),
        wanneer=from_command_line(new.wanneer, "--wanneer").strip(),
        herkomst=from_command_line(new.herkomst, "--herkomst").strip()
        if new.herkomst
        else new.herkomst,
        toelichting=from_command_line(new.toelichting, "--toelichting").strip(),
    )
    directory = Directory(repo.partners)
    team = directory.resolve_team(new.team)
    if not new.wat:
        raise OperationError("'wat' is leeg")
    werkgroep = directory.resolve_team(new.werkgroep).id if new.werkgroep else None
    if werkgroep and directory.teams[werkgroep].ouder != team.id:
        raise OperationError(f"werkgroep '{werkgroep}' hoort niet bij team '{team.id}'")
    if new.actielijn and new.actielijn not in repo.action_lines:
        raise NotFoundError(unknown("actielijn", new.actielijn, list(repo.action_lines)))
    planned = new.vergadering is not None and new.vergadering in set(planned_meetings)
    meeting = None if planned else get_meeting(repo, new.vergadering)
    if new.betrokkenen is not None:
        refs = list(new.betrokkenen)
        bad = [r for r in refs if not directory.known(r)]
        if bad:
            raise NotFoundError(
                unknown("persoon, organisatie of team", bad[0], directory.all_refs())
            )
    else:
        refs = resolve_owners(directory, new.wie, team.id, werkgroep)
    prefix = team.actie_prefix or team.id.upper().replace("-", "")[:8]
    action_id = next_action_id(repo, prefix, taken)
    values: dict[str, object] = {
        "id": action_id,
        "herkomst": new.herkomst,
        "wat": new.wat,
        "wie": new.wie,
        "betrokkenen": refs,
        "wanneer": new.wanneer,
        "status": "open",
        "team": team.id,
        "werkgroep": werkgroep,
        "actielijn": new.actielijn,
        "vergadering": meeting.id if meeting else new.vergadering,
        "agendapunt": new.agendapunt,
    }
    from samennw.storage.frontmatter import render_front_matter

    text = render_front_matter(values, new.toelichting + "\n" if new.toelichting else "")
    encoded(text, f"{action_id}.md")
    Action.model_validate({**parse(text).data, "body": ""})  # never write what we cannot read
    path = repo.action_path(action_id, ActionStatus.OPEN)
    changes.expect(path, None)
    changes.expect(repo.action_path(action_id, ActionStatus.AFGEROND), None)
    changes.write(path, text)
    return action_id
