"""``samennw import-actions FILE --team TEAM`` (``importeer-acties``).

A team's running action list (Word, PDF or text; see :mod:`samennw.importing.actionlist`)
becomes data: each open row an action in ``acties/open/``, each row under "Afgeronde
acties en besluiten" an action in ``acties/afgerond/`` (closed on the list's date, since
the list gives no closing date), each "besluit:" row a decision in the meeting its
prefix names ("25/11" → ``<team>-2025-11-25``), each "Belangrijke data" row an entry of
``belangrijke-data.yaml``.

Rules:

- The list's date: ``--datum``, else the header's ``Datum``, else a date in the title;
  none → refused. A header date that lies just before a prefix on the list (and is no
  prefix itself) is taken for a typo: refused with the likely date to give as --datum.
- A prefix "D/M" is the meeting of that day in the list's year, or in the year before
  when that day lies after the list's date.
- A meeting that a written record refers to and that has no file yet is created as a
  minimal file (team, date, ``notulen_status: concept``; for the list's own meeting also
  title, location and secretary from the header), with a comment saying where it came
  from. An existing file is only appended to (``besluiten``), with a minimal diff.
- Names in Wie are resolved as ``add-action`` does; a name that fits several people is
  the one who is a member of the team (or one of its werkgroepen), if exactly one is; a
  part in lower case that names nobody ("met andere instanties") is a description, not
  a name. An unknown or ambiguous name refuses the import (nothing written) with
  file:line and a block to paste into partners.yaml.
- Importing a list again adds nothing: an action is recognised by its team, its Wat
  (case, accents and spacing folded) and its prefix (its section breaks a tie), a decision by
  its meeting and text, a date by day and Wat. An action that is open in the data but
  listed as done is closed (``afgerond_op`` the list's date, ``afgerond_in`` its
  meeting): the newer list says so. One that is closed in the data but open on the list
  is left as it is and reported (reopening is a decision: ``samennw heropen``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from samennw.errors import (
    DataFileError,
    InvalidDataError,
    Location,
    OperationError,
    Problem,
)
from samennw.importing.actionlist import (
    ActionList,
    ActionRow,
    DateRow,
    Part,
    Section,
    TableKind,
    fold,
    parse_action_list,
)
from samennw.importing.names import NewPerson, partners_block
from samennw.model.dates import DueKind, format_date, parse_date_arg, parse_due
from samennw.model.people import Directory, split_wie
from samennw.model.records import Action, ActionStatus, ImportantDate, Meeting, Team
from samennw.ops.actions import next_action_id, owner_refs
from samennw.storage.changeset import ChangeSet, as_written, encoded
from samennw.storage.frontmatter import (
    append_to_list,
    parse,
    render_front_matter,
    set_keys,
    yaml_scalar,
)
from samennw.storage.reader import read_text
from samennw.storage.repository import Repository, check_id
from samennw.storage.yamlreader import load_yaml

if TYPE_CHECKING:
    from samennw.importing.readers import SourceText

# the comment the embedded data set writes above a closing date the source does not give
CLOSING_COMMENT = "# afgerond_op: datum van de actielijst; de bron noemt geen sluitdatum"
_TYPO_WINDOW = timedelta(days=92)  # a prefix this soon after the header date: a typo
_DATE_IN_TEXT = re.compile(
    r"\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b"
    r"|\b\d{1,2}\s+(?:januari|februari|maart|april|mei|juni|juli|augustus|september"
    r"|oktober|november|december)\s+\d{4}\b",
    re.IGNORECASE,
)
_PARENS = re.compile(r"\s*\([^()]*\)")


@dataclass(frozen=True, slots=True)
class Planned:
    """One record this import writes."""

    kind: str  # "actie" | "besluit" | "datum" | "vergadering" | "afgerond"
    ident: str  # action id, decision id, meeting id or the date
    path: Path  # relative to the repository root
    text: str  # what it is, short
    where: str  # file:line in the source ("" for a meeting)


@dataclass(slots=True)
class ImportReport:
    """What an import of an action list wrote, found present, and could not place."""

    source: str
    list_date: date | None = None
    planned: list[Planned] = field(default_factory=list)
    present: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    unplaced: list[str] = field(default_factory=list)  # "file:line: why"
    notes: list[str] = field(default_factory=list)  # "file:line: what to look at"

    def count(self, kind: str) -> int:
        return sum(1 for p in self.planned if p.kind == kind)

    def lines(self, *, verbose: bool = False) -> list[str]:
        out: list[str] = []
        if verbose:
            for p in self.planned:
                where = f"  ({p.where})" if p.where else ""
                out.append(f"  {p.kind:<11} {p.ident:<24} {p.path}{where}")
                out.append(f"  {'':<11} {_short(p.text, 70)}")
        new = _counts(self.count("actie"), self.count("besluit"), self.count("datum"))
        extra = []
        if self.count("vergadering"):
            extra.append(_n(self.count("vergadering"), "vergadering", "vergaderingen"))
        if self.count("afgerond"):
            extra.append(f"{_n(self.count('afgerond'), 'actie', 'acties')} afgerond")
        out.append("nieuw: " + new + "".join(f", {e}" for e in extra))
        present = _counts(self.present["actie"], self.present["besluit"], self.present["datum"])
        out.append(f"stonden er al (overgeslagen): {present}")
        for p in self.planned:
            if p.kind == "afgerond" and not verbose:
                out.append(f"afgerond volgens de lijst: {p.ident} ({p.where})")
        out += [f"niet geplaatst: {u}" for u in self.unplaced]
        out += [f"let op: {n}" for n in self.notes]
        return out


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _counts(actions: int, decisions: int, dates: int) -> str:
    return (
        f"{_n(actions, 'actie', 'acties')}, {_n(decisions, 'besluit', 'besluiten')} en "
        f"{_n(dates, 'datum', 'data')}"
    )


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _key(text: str) -> str:
    """A Wat or decision text for recognising it again: folded, no end punctuation."""
    return fold(text).rstrip(" .;:!")


# --- the list's date and its meetings ---------------------------------------------------------


def _date_of(text: str) -> date | None:
    try:
        return parse_date_arg(text.strip())
    except ValueError:
        pass
    for m in _DATE_IN_TEXT.finditer(text):
        try:
            return parse_date_arg(m.group(0))
        except ValueError:
            continue
    return None


def origin_date(herkomst: str, list_date: date) -> date | None:
    """'25/9' on a list of 25 November 2025 → 25 September 2025; a day after the list's
    date is in the year before. None for an impossible day."""
    day, month = (int(p) for p in herkomst.split("/"))
    for year in (list_date.year, list_date.year - 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= list_date:
            return candidate
    return None


def list_date(parsed: ActionList, name: str, on: date | None) -> date:
    """The list's date (see the module docstring); refused when unknown or a typo."""
    if on is not None:
        return on
    found = parsed.value("datum")
    if found is not None:
        header = _date_of(found.value)
        where = f"{name}:{found.line}"
        if header is None:
            raise OperationError(
                f"{where}: datum '{found.value}' niet te lezen; geen datum gevonden; geef "
                "--datum (bijv. --datum 2025-11-25). Er is niets geschreven"
            )
        _check_header_date(parsed, header, found.value, where)
        return header
    if parsed.title is not None:
        from_title = _date_of(parsed.title.value)
        if from_title is not None:
            return from_title
    raise OperationError(
        f"{name}: geen datum gevonden; geef --datum (bijv. --datum 2025-11-25). "
        "Er is niets geschreven"
    )


def _check_header_date(parsed: ActionList, header: date, written: str, where: str) -> None:
    prefixes = {r.herkomst for r in parsed.rows if r.herkomst}
    if f"{header.day}/{header.month}" in {_plain_prefix(p) for p in prefixes}:
        return
    later: list[tuple[date, ActionRow]] = []
    for row in parsed.rows:
        if not row.herkomst:
            continue
        day, month = (int(p) for p in row.herkomst.split("/"))
        try:
            same_year = date(header.year, month, day)
        except ValueError:
            continue
        if header < same_year <= header + _TYPO_WINDOW:
            later.append((same_year, row))
    if later:
        likely, row = max(later, key=lambda p: p[0])
        raise OperationError(
            f"{where}: de datum in de kop ('{written}': {format_date(header)}) ligt vóór "
            f"voorvoegsel '{row.herkomst}' (regel {row.line}); is de kop fout? Geef de "
            f"datum van de vergadering met --datum (bijv. --datum {likely.isoformat()}). "
            "Er is niets geschreven"
        )


def _plain_prefix(prefix: str) -> str:
    """'05/09' and '5/9' alike; any other text folded."""
    m = re.fullmatch(r"\s*(\d{1,2})\s*/\s*(\d{1,2})\s*", prefix)
    return f"{int(m.group(1))}/{int(m.group(2))}" if m else fold(prefix)


# --- sections and names -----------------------------------------------------------------------


def werkgroepen(directory: Directory, team: Team) -> list[Team]:
    return [t for t in directory.teams.values() if t.ouder == team.id]


def section_werkgroep(
    directory: Directory, team: Team, section: Section
) -> tuple[str | None, str | None]:
    """The werkgroep of a section, or None with why (a note) when it names none."""
    if section.no_werkgroep or section.kind is TableKind.DATES:
        return None, None
    groups = werkgroepen(directory, team)
    by_number = {g.id for g in groups if section.number is not None and g.nummer == section.number}
    by_name: set[str] = set()
    if section.name:
        ids = {g.id for g in groups}
        by_name = (directory.find_teams(section.name) | directory.find_teams(section.title)) & ids
        if not by_name:
            key = fold(section.name)
            by_name = {g.id for g in groups if key and key in fold(g.naam)}
    both = by_number & by_name
    for choice in (both, by_name if not by_number else set(), by_number if not by_name else set()):
        if len(choice) == 1:
            return next(iter(choice)), None
    if by_number and by_name:
        return None, (
            f"sectie '{section.title}': nummer en naam wijzen naar verschillende werkgroepen "
            f"({', '.join(sorted(by_number | by_name))}); de punten staan zonder werkgroep"
        )
    known = ", ".join(f"{g.id} ({g.naam})" for g in groups) or "geen"
    return None, (
        f"sectie '{section.title}' is geen werkgroep van {team.id} (werkgroepen: {known}); "
        "de punten staan zonder werkgroep"
    )


@dataclass(frozen=True, slots=True)
class Owners:
    refs: list[str]
    unknown: list[str]
    ambiguous: list[tuple[str, set[str]]]


def resolve_wie(directory: Directory, wie: str, team: Team, werkgroep: str | None) -> Owners:
    """The ids a Wie names (see the module docstring), in the order named."""
    circle = {team.id, *(g.id for g in werkgroepen(directory, team))}
    refs: list[str] = []
    unknown: list[str] = []
    ambiguous: list[tuple[str, set[str]]] = []
    for token in split_wie(wie):
        found = owner_refs(directory, token, team.id, werkgroep)
        ids = list(found.refs)
        for name, candidates in found.ambiguous:
            inside = {c for c in candidates if directory.member_of.get(c, set()) & circle}
            if len(inside) == 1:
                ids.append(inside.pop())
            else:
                ambiguous.append((name, candidates))
        for name in found.unknown:
            if name == name.lower():
                continue  # "andere instanties": a description, no one's name
            unknown.append(name)
        refs += [i for i in ids if i not in refs]
    return Owners(refs, unknown, ambiguous)


# --- the import -------------------------------------------------------------------------------


@dataclass(slots=True)
class _Context:
    repo: Repository
    directory: Directory
    team: Team
    name: str  # the source as shown
    parsed: ActionList
    on: date
    changes: ChangeSet
    report: ImportReport
    taken: list[str] = field(default_factory=list)
    meeting_texts: dict[str, tuple[Path, str, str | None]] = field(default_factory=dict)
    # ^ meeting id → (path, text now, text on disk or None for a new file)
    decision_numbers: dict[str, int] = field(default_factory=dict)

    def where(self, line: int) -> str:
        return f"{self.name}:{line}"

    @property
    def list_meeting(self) -> str:
        return f"{self.team.id}-{self.on.isoformat()}"


def import_actions(
    repo: Repository, source: SourceText, team_name: str, on: date | None = None
) -> tuple[ChangeSet, str, ImportReport]:
    """Plan the records of an action list (see the module docstring). Nothing is
    written here: the caller applies the change set (or shows it: --dry-run)."""
    directory = Directory(repo.partners)
    team = directory.resolve_team(team_name)
    parsed = parse_action_list(source.lines)
    if not any(s.kind is TableKind.ACTIONS for s in parsed.sections):
        raise OperationError(
            f"{source.name} is geen actielijst: er staat geen tabel in met de kolommen Wat, "
            "Wie en Wanneer (zoals 'Wat - actie', 'Wie - Betrokkenen', 'Wanneer - "
            "Tijdsplanning', 'Toelichting / update'). Er is niets geschreven"
        )
    day = list_date(parsed, source.name, on)
    report = ImportReport(source.name, day)
    ctx = _Context(repo, directory, team, source.name, parsed, day, ChangeSet(repo.root), report)
    report.unplaced += [f"{ctx.where(line)}: {why}" for line, why in parsed.unplaced]
    _check_domain(ctx)

    section_groups: dict[int, str | None] = {}
    for section in parsed.sections:
        werkgroep, note = section_werkgroep(directory, team, section)
        section_groups[id(section)] = werkgroep
        if note:
            report.unplaced.append(f"{ctx.where(section.line)}: {note}")

    todo_actions, todo_decisions = _sort_rows(ctx, section_groups)
    _refuse_unknown_names(ctx, todo_actions, section_groups)
    for row in todo_actions:
        _plan_action(ctx, row, section_groups[id(row.section)])
    for row, meeting_id in todo_decisions:
        _plan_decision(ctx, row, meeting_id, section_groups[id(row.section)])
    _plan_dates(ctx)
    _write_meetings(ctx)
    return ctx.changes, _message(ctx), report


def _check_domain(ctx: _Context) -> None:
    """A header 'Domein' that names another domain than the team's: said, not refused."""
    found = ctx.parsed.value("domein")
    if found is None or ctx.team.domein is None:
        return
    key = fold(found.value)
    for domain in ctx.directory.domains.values():
        names = {fold(domain.naam), fold(domain.id), fold(domain.afkorting or domain.id)}
        if key in names and domain.id != ctx.team.domein:
            ctx.report.notes.append(
                f"{ctx.where(found.line)}: de lijst noemt domein '{found.value}', team "
                f"{ctx.team.id} hoort bij domein '{ctx.team.domein}'; klopt --team?"
            )


def _sort_rows(
    ctx: _Context, groups: dict[int, str | None]
) -> tuple[list[ActionRow], list[tuple[ActionRow, str]]]:
    """The rows that are new (actions; decisions with their meeting); what is there
    already is counted, an open action the list calls done is planned closed."""
    existing: dict[tuple[str, str], list[Action]] = defaultdict(list)
    for action in ctx.repo.actions_of({ctx.team.id}):
        existing[(_key(action.wat), _plain_prefix(action.herkomst or "0/0"))].append(action)
    claimed: set[str] = set()
    actions: list[ActionRow] = []
    decisions: list[tuple[ActionRow, str]] = []
    seen_decisions: set[tuple[str, str]] = set()
    for row in ctx.parsed.rows:
        if not row.wat:
            if row.raw_wat.strip() or row.wie or row.toelichting:
                ctx.report.unplaced.append(
                    f"{ctx.where(row.line)}: rij zonder 'wat' (de eerste kolom is leeg)"
                )
            continue
        if row.decision:
            meeting_id = _origin_meeting(ctx, row)
            if meeting_id is None:
                continue
            key = (meeting_id, _key(row.wat))
            if key in seen_decisions or _decision_exists(ctx, meeting_id, row.wat):
                ctx.report.present["besluit"] += 1
            else:
                decisions.append((row, meeting_id))
            seen_decisions.add(key)
            continue
        candidates = [
            a
            for a in existing.get((_key(row.wat), _plain_prefix(row.herkomst or "0/0")), [])
            if a.id not in claimed
        ]
        werkgroep = groups[id(row.section)]
        match = next((a for a in candidates if a.werkgroep == werkgroep), None)
        if match is None and len(candidates) == 1:
            match = candidates[0]
        if match is None:
            actions.append(row)
            continue
        claimed.add(match.id)
        ctx.report.present["actie"] += 1
        if row.part is Part.CLOSED and match.status.active:  # open, in uitvoering, geblokkeerd
            _plan_closing(ctx, match, row)
        elif row.part is Part.OPEN and not match.status.active:  # afgerond or geannuleerd
            ctx.report.notes.append(
                f"{ctx.where(row.line)}: {match.id} is {match.status.value} in de gegevens maar "
                f"staat open op de lijst; niets gewijzigd (heropenen: samennw heropen {match.id})"
            )
    return actions, decisions


def _origin_meeting(ctx: _Context, row: ActionRow) -> str | None:
    """The meeting a row's prefix names; None (and said) when it has none."""
    if row.herkomst is None:
        ctx.report.unplaced.append(
            f"{ctx.where(row.line)}: besluit zonder voorvoegsel (zoals '25/11 besluit: …'): "
            f"onbekend in welke vergadering het viel: '{_short(row.wat)}'"
        )
        return None
    day = origin_date(row.herkomst, ctx.on)
    if day is None:
        ctx.report.unplaced.append(
            f"{ctx.where(row.line)}: voorvoegsel '{row.herkomst}' is geen datum: "
            f"'{_short(row.wat)}'"
        )
        return None
    return check_id(f"{ctx.team.id}-{day.isoformat()}")


def _decision_exists(ctx: _Context, meeting_id: str, text: str) -> bool:
    meeting = ctx.repo.meetings.get(meeting_id)
    if meeting is None:
        return False
    return any(_key(d.tekst) == _key(text) for d in meeting.besluiten)


def _refuse_unknown_names(
    ctx: _Context, rows: list[ActionRow], groups: dict[int, str | None]
) -> None:
    problems: list[Problem] = []
    people: list[NewPerson] = []
    seen: set[str] = set()
    for row in rows:
        found = resolve_wie(ctx.directory, row.wie, ctx.team, groups[id(row.section)])
        where = Location(ctx.name, row.line)
        for name in found.unknown:
            close = ctx.directory.suggest(name)
            hint = f" (bedoelde u {' of '.join(close)}?)" if close else ""
            problems.append(Problem(f"onbekende naam '{name}' in Wie '{row.wie}'{hint}", where))
            if fold(name) not in seen:
                seen.add(fold(name))
                people.append(NewPerson(name, None, None, str(where)))
        for name, ids in found.ambiguous:
            problems.append(
                Problem(
                    f"niet eenduidige naam '{name}' in Wie '{row.wie}': kan zijn "
                    f"{ctx.directory.describe(ids)}; schrijf de volledige naam",
                    where,
                )
            )
    if not problems:
        return
    message = (
        f"{ctx.name}: {_n(len(problems), 'naam', 'namen')} in Wie niet te herleiden; "
        "er is niets geschreven."
    )
    if people:
        block = partners_block(people, ctx.directory.all_refs())
        message += (
            " Voeg onbekende personen toe onder 'personen:' in data/partners.yaml "
            "(controleer naam, organisatie en openbaar) of schrijf de naam zoals daar, en "
            "importeer opnieuw:\n\n" + block
        )
    raise InvalidDataError(message, problems)


# --- planning the files -----------------------------------------------------------------------


def _meeting_of(ctx: _Context, herkomst: str | None) -> str | None:
    """The meeting of a prefix, when it exists or this import creates it."""
    if herkomst is None:
        return None
    day = origin_date(herkomst, ctx.on)
    if day is None:
        return None
    meeting_id = check_id(f"{ctx.team.id}-{day.isoformat()}")
    _ensure_meeting(ctx, meeting_id, day, herkomst)
    return meeting_id


def _ensure_meeting(ctx: _Context, meeting_id: str, day: date, herkomst: str | None) -> None:
    if meeting_id in ctx.meeting_texts:
        return
    meeting = ctx.repo.meetings.get(meeting_id)
    if meeting is not None:
        path = ctx.repo.meeting_path(meeting)
        text = read_text(path)
        ctx.meeting_texts[meeting_id] = (path, text, text)
        return
    path = ctx.repo.data_dir / "meetings" / str(day.year) / f"{meeting_id}.md"
    ctx.meeting_texts[meeting_id] = (path, _new_meeting_text(ctx, meeting_id, day, herkomst), None)
    what = (
        "nieuw: de vergadering van de lijst (kop: titel, locatie, secretaris)"
        if day == ctx.on
        else f"nieuw: alleen datum en team bekend (voorvoegsel {herkomst})"
    )
    ctx.report.planned.append(Planned("vergadering", meeting_id, ctx.repo.rel(path), what, ""))


def _new_meeting_text(ctx: _Context, meeting_id: str, day: date, herkomst: str | None) -> str:
    source = Path(ctx.name).name
    own = day == ctx.on
    fm = ["---", f"id: {meeting_id}", f"team: {ctx.team.id}"]
    header = ctx.parsed
    if own and header.title:
        fm.append(f"titel: {yaml_scalar(header.title.value)}")
    fm.append(f"# Aangemaakt door 'samennw import-actions' uit {source}")
    fm.append(f"datum: {day.isoformat()}")
    if own:
        location = header.value("locatie")
        if location:
            fm.append(f"locatie: {yaml_scalar(location.value)}")
        secretary = header.value("secretaris")
        if secretary:
            ids = ctx.directory.find_persons(_PARENS.sub("", secretary.value).strip())
            if len(ids) == 1:
                fm.append(f"secretaris: {ids.pop()}")
    fm += ["notulen_status: concept", "---"]
    if own:
        body = (
            f"De notulen van deze vergadering zitten niet in {source}; alleen de actielijst "
            "(acties en besluiten) is overgenomen."
        )
    else:
        body = (
            f'Van deze vergadering zijn alleen de acties en besluiten met voorvoegsel "{herkomst}" '
            f"op de actielijst van {format_date(ctx.on)} ({source}) bekend; de notulen "
            "ontbreken."
        )
    return as_written("\n".join(fm) + "\n" + body + "\n")


def _closing_values(ctx: _Context) -> dict[str, object]:
    _ensure_meeting(ctx, ctx.list_meeting, ctx.on, None)
    return {"afgerond_op": ctx.on, "afgerond_in": ctx.list_meeting}


def _with_closing_comment(text: str) -> str:
    """The embedded data's comment above a closing date taken from the list."""
    head, sep, rest = text.partition("\nafgerond_op:")
    if not sep or CLOSING_COMMENT in head:
        return text
    return f"{head}\n{CLOSING_COMMENT}{sep}{rest}"


def _checked_action(text: str, shown: str) -> None:
    encoded(text, shown)
    try:
        doc = parse(text)
        Action.model_validate({**doc.data, "body": doc.body})
    except (DataFileError, ValidationError) as exc:
        raise OperationError(
            f"'{shown}' zou ongeldig worden ({exc}); er is niets geschreven"
        ) from None


def _plan_action(ctx: _Context, row: ActionRow, werkgroep: str | None) -> None:
    team = ctx.team
    prefix = team.actie_prefix or team.id.upper().replace("-", "")[:8]
    action_id = next_action_id(ctx.repo, prefix, ctx.taken)
    ctx.taken.append(action_id)
    closed = row.part is Part.CLOSED
    owners = resolve_wie(ctx.directory, row.wie, team, werkgroep)
    values: dict[str, object] = {
        "id": action_id,
        "herkomst": row.herkomst,
        "wat": as_written(row.wat),
        "wie": as_written(row.wie),
        "betrokkenen": owners.refs,
        "wanneer": as_written(row.wanneer),
        "status": "afgerond" if closed else "open",
        "team": team.id,
        "werkgroep": werkgroep,
        "vergadering": _meeting_of(ctx, row.herkomst),
    }
    if closed:
        values.update(_closing_values(ctx))
    values["volgorde"] = row.position * 10
    body = as_written(row.toelichting)
    text = render_front_matter(values, body + "\n" if body else "")
    if closed:
        text = _with_closing_comment(text)
    status = ActionStatus.AFGEROND if closed else ActionStatus.OPEN
    path = ctx.repo.action_path(action_id, status)
    shown = str(ctx.repo.rel(path))
    _checked_action(text, shown)
    ctx.changes.expect(path, None)
    for other in ActionStatus:
        ctx.changes.expect(ctx.repo.action_path(action_id, other), None)
    ctx.changes.write(path, text)
    ctx.report.planned.append(
        Planned("actie", action_id, Path(shown), f"{status.value}: {row.wat}", ctx.where(row.line))
    )


def _plan_closing(ctx: _Context, action: Action, row: ActionRow) -> None:
    """Close an open action the (newer) list puts under 'Afgeronde acties'."""
    origin = ctx.repo.meetings.get(action.vergadering or "")
    if origin is not None and origin.datum > ctx.on:
        ctx.report.notes.append(
            f"{ctx.where(row.line)}: {action.id} staat afgerond op de lijst van "
            f"{format_date(ctx.on)}, maar ontstond later ({format_date(origin.datum)}); "
            "niets gewijzigd"
        )
        return
    old = ctx.repo.root / Path(str(action.source_path))
    text = read_text(old)
    present = action.model_fields_set
    after = next(k for k in ("vergadering", "actielijn", "werkgroep", "team", "status")
                 if k in present)  # fmt: skip
    values: dict[str, object] = {"status": "afgerond", **_closing_values(ctx)}
    try:
        new_text = _with_closing_comment(set_keys(text, values, after=after))
    except ValueError as exc:
        raise OperationError(
            f"'{ctx.repo.rel(old)}' kan niet veilig worden bewerkt ({exc}); er is niets geschreven"
        ) from None
    new = ctx.repo.action_path(action.id, ActionStatus.AFGEROND)
    _checked_action(new_text, str(ctx.repo.rel(new)))
    ctx.changes.expect(old, text.encode("utf-8"))
    ctx.changes.expect(new, None)
    ctx.changes.move(old, new, new_text)
    ctx.report.planned.append(
        Planned("afgerond", action.id, ctx.repo.rel(new), action.wat, ctx.where(row.line))
    )


def _plan_decision(ctx: _Context, row: ActionRow, meeting_id: str, werkgroep: str | None) -> None:
    assert row.herkomst is not None
    day = origin_date(row.herkomst, ctx.on)
    assert day is not None
    _ensure_meeting(ctx, meeting_id, day, row.herkomst)
    path, text, before = ctx.meeting_texts[meeting_id]
    if meeting_id not in ctx.decision_numbers:
        meeting = ctx.repo.meetings.get(meeting_id)
        ids = [d.id for d in meeting.besluiten] if meeting is not None else []
        numbers = [int(m.group(1)) for d in ids if (m := re.search(r"-b(\d+)$", d))]
        ctx.decision_numbers[meeting_id] = max(numbers, default=0)
    ctx.decision_numbers[meeting_id] += 1
    decision_id = f"{meeting_id}-b{ctx.decision_numbers[meeting_id]}"
    item: dict[str, object] = {
        "id": decision_id,
        "tekst": as_written(row.wat),
        "herkomst": row.herkomst,
        "domein": ctx.team.domein,
        "werkgroep": werkgroep,
        "wie": as_written(row.wie),
        "toelichting": as_written(row.toelichting),
        "actielijst": row.part.value,
        "volgorde": row.position * 10,
    }
    item = {k: v for k, v in item.items() if v not in (None, "")}
    try:
        text = append_to_list(text, "besluiten", item)
    except ValueError as exc:
        raise OperationError(
            f"'{ctx.repo.rel(path)}' kan niet veilig worden bewerkt ({exc}); pas het met de "
            "hand aan. Er is niets geschreven"
        ) from None
    ctx.meeting_texts[meeting_id] = (path, text, before)
    ctx.report.planned.append(
        Planned("besluit", decision_id, ctx.repo.rel(path), row.wat, ctx.where(row.line))
    )


def _write_meetings(ctx: _Context) -> None:
    for path, text, before in ctx.meeting_texts.values():
        if text == before:
            continue  # read for a decision that was there already
        shown = ctx.repo.rel(path)
        encoded(text, shown)
        try:
            doc = parse(text)
            Meeting.model_validate({**doc.data, "body": doc.body})
        except (DataFileError, ValidationError) as exc:
            raise OperationError(
                f"'{shown}' zou ongeldig worden ({exc}); er is niets geschreven"
            ) from None
        ctx.changes.expect(path, None if before is None else before.encode("utf-8"))
        ctx.changes.write(path, text)


# --- belangrijke data -------------------------------------------------------------------------


def _row_date(row: DateRow, on: date) -> date | None:
    try:
        return parse_date_arg(row.datum)
    except ValueError:
        pass
    due = parse_due(row.datum, on)
    if due.kind is DueKind.DATE and due.start is not None and due.start == due.end:
        return due.start
    return None


def _plan_dates(ctx: _Context) -> None:
    if not ctx.parsed.dates:
        return
    have = {(d.datum, _key(d.wat)) for d in ctx.repo.important_dates}
    entries: list[dict[str, object]] = []
    for row in ctx.parsed.dates:
        if not row.wat and not row.datum:
            continue
        day = _row_date(row, ctx.on)
        if day is None or not row.wat:
            what = "geen datum te lezen in" if day is None else "geen 'wat' bij"
            ctx.report.unplaced.append(
                f"{ctx.where(row.line)}: belangrijke data: {what} '{row.datum} {row.wat}'"
            )
            continue
        if (day, _key(row.wat)) in have:
            ctx.report.present["datum"] += 1
            continue
        have.add((day, _key(row.wat)))
        entry: dict[str, object] = {"datum": day, "wat": as_written(row.wat)}
        if row.waar:
            entry["waar"] = as_written(row.waar)
        if row.toelichting:
            entry["toelichting"] = as_written(row.toelichting)
        entry["team"] = ctx.team.id
        entries.append(entry)
        ctx.report.planned.append(
            Planned(
                "datum",
                day.isoformat(),
                ctx.repo.rel(ctx.repo.data_dir / "belangrijke-data.yaml"),
                row.wat,
                ctx.where(row.line),
            )
        )
    if entries:
        _append_dates(ctx, entries)


def _entry_lines(entry: dict[str, object]) -> list[str]:
    lines = []
    for k, (key, value) in enumerate(entry.items()):
        lines.append(f"{'- ' if k == 0 else '  '}{key}: {yaml_scalar(value)}")
    return lines


def _append_dates(ctx: _Context, entries: list[dict[str, object]]) -> None:
    """Append to belangrijke-data.yaml (created when missing), leaving its text as it is."""
    path = ctx.repo.data_dir / "belangrijke-data.yaml"
    shown = ctx.repo.rel(path)
    new_lines = [line for entry in entries for line in _entry_lines(entry)]
    before: str | None = read_text(path) if path.is_file() else None
    if before is None:
        text = (
            "# Belangrijke data per team (datum, wat, waar, toelichting).\n"
            + "\n".join(new_lines)
            + "\n"
        )
    else:
        lines = before.split("\n")
        empty = [k for k, line in enumerate(lines) if re.fullmatch(r"\[\s*\]\s*(#.*)?", line)]
        if empty:  # "[]": the list becomes a block list
            k = empty[0]
            lines[k : k + 1] = new_lines
            text = "\n".join(lines)
        elif any(re.match(r"^\s*\[", line) for line in lines):
            raise OperationError(
                f"'{shown}' is een lijst tussen [ ]; schrijf hem als lijst met '- ' per datum "
                "om er data aan toe te voegen. Er is niets geschreven"
            )
        else:
            text = before.rstrip("\n") + "\n" + "\n".join(new_lines) + "\n"
            text = text.lstrip("\n")
    try:
        raw, _ = load_yaml(text, shown)
        if not isinstance(raw, list):
            raise OperationError(f"'{shown}' is geen lijst van data; er is niets geschreven")
        for item in raw:
            ImportantDate.model_validate(item)
    except (DataFileError, ValidationError) as exc:
        raise OperationError(
            f"'{shown}' zou ongeldig worden ({exc}); er is niets geschreven"
        ) from None
    encoded(text, shown)
    ctx.changes.expect(path, None if before is None else before.encode("utf-8"))
    ctx.changes.write(path, text)


def _message(ctx: _Context) -> str:
    report = ctx.report
    if not ctx.changes.writes:
        present = _counts(report.present["actie"], report.present["besluit"],
                          report.present["datum"])  # fmt: skip
        return f"{ctx.name}: niets nieuw: {present} stonden er al"
    ids = [p.ident for p in report.planned if p.kind == "actie"]
    parts = [_n(len(ids), "nieuwe actie", "nieuwe acties")]
    if ids:
        parts[0] += f" ({ids[0]} t/m {ids[-1]})" if len(ids) > 1 else f" ({ids[0]})"
    parts.append(_n(report.count("besluit"), "besluit", "besluiten"))
    parts.append(_n(report.count("datum"), "belangrijke datum", "belangrijke data"))
    if report.count("afgerond"):
        parts.append(f"{_n(report.count('afgerond'), 'actie', 'acties')} afgerond")
    if report.count("vergadering"):
        parts.append(_n(report.count("vergadering"), "nieuwe vergadering", "nieuwe vergaderingen"))
    return (
        f"Import actielijst {Path(ctx.name).name} van {ctx.team.id} ({format_date(ctx.on)}): "
        + ", ".join(parts)
    )
