"""``samennw extract`` (``verwerk``): the markers of a meeting's minutes become records.

Each action marker becomes an action file of the meeting's team, each decision marker an
entry in the meeting's ``besluiten``; both linked to the meeting and its agenda item. The
new ids are written into the markers, so a second run changes nothing. Every marker is
checked first (owner known and unambiguous, due date readable, something to do); one bad
marker refuses the whole run with file:line, and nothing is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from samennw.errors import InvalidDataError, Location, Problem
from samennw.importing.markers import Marker, MarkerKind, find_markers, with_id
from samennw.model.dates import DueKind, parse_due
from samennw.model.people import Directory
from samennw.model.records import Meeting
from samennw.ops.actions import NewAction, get_meeting, owner_refs, plan_new_action
from samennw.storage.changeset import ChangeSet
from samennw.storage.frontmatter import append_to_list, split
from samennw.storage.reader import read_text
from samennw.storage.repository import Repository


@dataclass(slots=True)
class Extraction:
    """What a run planned (ids with their markers) or found wrong."""

    actions: list[tuple[str, Marker]] = field(default_factory=list)
    decisions: list[tuple[str, Marker]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def summary(self, meeting_id: str) -> str:
        if not self.actions and not self.decisions:
            return f"Niets te verwerken in {meeting_id}: elke markering heeft al een code"
        parts = []
        if self.actions:
            ids = ", ".join(i for i, _ in self.actions)
            parts.append(f"{_count(len(self.actions), 'actie', 'acties')} ({ids})")
        if self.decisions:
            ids = ", ".join(i for i, _ in self.decisions)
            parts.append(f"{_count(len(self.decisions), 'besluit', 'besluiten')} ({ids})")
        return (
            f"Verwerkt in {meeting_id}: "
            + " en ".join(parts)
            + "".join(f"\n  {line}" for line in self.details())
        )

    def details(self) -> list[str]:
        """One line per planned record: id, owner, due date and what."""
        lines = []
        for action_id, m in self.actions:
            when = f" ({m.wanneer})" if m.wanneer else ""
            lines.append(f"{action_id}  {m.wie}{when}: {m.text}")
        lines += [f"{decision_id}  besluit: {m.text}" for decision_id, m in self.decisions]
        return lines


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


_MARKUP = re.compile(r"\s*\(\s*\*\*\s*[Aa]ctie\b[^*]*\*\*:?\s*\)|\s*\*\*\s*[Aa]ctie\b[^*]*\*\*:?")


def same_words(a: str, b: str) -> bool:
    """Whether two texts have the same words (case, punctuation and spacing aside)."""
    return re.sub(r"\W+", " ", a).strip().casefold() == re.sub(r"\W+", " ", b).strip().casefold()


def _context(line: str, wat: str) -> str:
    """The paragraph an action came from, without its markers (when it says more)."""
    text = _MARKUP.sub("", line).strip()
    text = re.sub(r"^[-*+]\s+", "", text)
    text = " ".join(text.split())
    text = re.sub(r"\s+([.,;:!?])", r"\1", text).strip()
    return "" if not text or same_words(text, wat) else text


def check_marker(
    directory: Directory, meeting: Meeting, marker: Marker, where: Location
) -> tuple[list[str], list[Problem]]:
    """The owner ids of an action marker, or what is wrong with it (Dutch, file:line)."""
    problems: list[Problem] = []

    def wrong(message: str) -> None:
        problems.append(Problem(message, where, code="markering"))

    if marker.kind is MarkerKind.DECISION:
        if not marker.text:
            wrong("besluit zonder tekst: schrijf het besluit na '**Besluit:**'")
        return [], problems
    shown = f"'**Actie {marker.wie}{'; ' + marker.wanneer if marker.wanneer else ''}**'"
    if marker.misplaced:
        wrong(
            f"actie {shown} staat {marker.misplaced}, dus is niet duidelijk wat er moet "
            f"gebeuren: zet de markering aan het eind van de zin ('… (**Actie "
            f"{marker.wie}**).') of schrijf '**Actie {marker.wie}:** wat er moet gebeuren'"
        )
        return [], problems
    if not marker.text:
        wrong(
            f"actie {shown} zonder omschrijving: schrijf wat er moet gebeuren in de zin "
            "vóór de markering, of na '**Actie wie:**'"
        )
    if not marker.wie:
        wrong(f"actie {shown} zonder eigenaar: schrijf wie, bijv. '**Actie Hans Krikke**'")
        return [], problems
    # a note in brackets names no one: "NPLV ([5.1.2.e]) & programmateam"
    found = owner_refs(directory, re.sub(r"\([^()]*\)", " ", marker.wie), meeting.team)
    for token in found.unknown:
        close = directory.suggest(token)
        hint = f" (bedoelde u {' of '.join(close)}?)" if close else ""
        wrong(
            f"onbekende naam '{token}' in {shown}{hint}; voeg de persoon toe aan "
            "partners.yaml of schrijf de naam zoals daar"
        )
    for token, ids in found.ambiguous:
        wrong(
            f"niet eenduidige naam '{token}' in {shown}: kan zijn {directory.describe(ids)}; "
            "schrijf de volledige naam"
        )
    if marker.wanneer:
        due = parse_due(marker.wanneer, meeting.datum)
        if due.kind is DueKind.UNKNOWN:
            impossible = re.search(r"\b\d{1,2}\s+[a-z]+\s*\d{0,4}\b", marker.wanneer)
            what = "onmogelijke of onduidelijke" if impossible else "onduidelijke"
            wrong(
                f"{what} datum '{marker.wanneer}' in {shown}; schrijf bijv. "
                "'1 juni 2023', 'juni 2023', 'Q3 2023' of 'volgende vergadering'"
            )
    return found.refs, problems


def plan_extraction(
    repo: Repository,
    meeting: Meeting,
    text: str,
    shown: Path | str,
    changes: ChangeSet,
    *,
    taken: Iterable[str] = (),
    planned_meetings: Iterable[str] = (),
    partial: bool = False,
) -> tuple[str, Extraction]:
    """Plan the records of the unprocessed markers in ``text`` (the meeting's file) and
    return the file's new text: ids written into the markers, decisions appended to
    ``besluiten`` (front matter edited with a minimal diff). Problems are returned, not
    raised; then nothing is planned, or (``partial``: an import) every marker without a
    problem is, and the others are left for ``samennw extract``."""
    _, body, fence = split(text)
    first_body_line = fence + 2  # 1-based line number of the body's first line
    directory = Directory(repo.partners)
    result = Extraction()
    todo: list[Marker] = []
    owners: dict[int, list[str]] = {}
    known = {d.id for d in meeting.besluiten}
    restored: list[dict[str, object]] = []  # decision markers whose entry is missing
    for marker in find_markers(body):
        if marker.kind is MarkerKind.DECISION and marker.extracted and marker.id not in known:
            restored.append(
                {"id": marker.id, "tekst": marker.text, "agendapunt": marker.agendapunt}
            )
            known.add(str(marker.id))
        if marker.extracted:
            continue
        refs, problems = check_marker(
            directory, meeting, marker, Location(shown, first_body_line + marker.line)
        )
        result.problems += problems
        if not problems:
            owners[len(todo)] = refs
            todo.append(marker)
    if result.problems and not partial:
        return text, result
    if not todo:
        for decision in restored:
            text = append_to_list(text, "besluiten", decision)
        return text, _moved(result, fence, text)

    planned_ids = list(taken)
    numbers = [int(m.group(1)) for d in known if (m := re.search(r"-b(\d+)$", d))]
    next_decision = max(numbers, default=0) + 1
    body_lines = body.split("\n")
    new_ids: list[tuple[Marker, str]] = []
    decisions: list[dict[str, object]] = []
    for k, marker in enumerate(todo):
        if marker.kind is MarkerKind.ACTION:
            new = NewAction(
                team=meeting.team,
                wat=marker.text,
                wie=marker.wie,
                wanneer=marker.wanneer,
                vergadering=meeting.id,
                agendapunt=marker.agendapunt,
                betrokkenen=tuple(owners[k]),
                toelichting=_context(body_lines[marker.line], marker.text),
            )
            action_id = plan_new_action(
                repo, new, changes, taken=planned_ids, planned_meetings=planned_meetings
            )
            planned_ids.append(action_id)
            result.actions.append((action_id, marker))
            new_ids.append((marker, action_id))
        else:
            decision_id = f"{meeting.id}-b{next_decision}"
            while decision_id in known:
                next_decision += 1
                decision_id = f"{meeting.id}-b{next_decision}"
            next_decision += 1
            decisions.append(
                {"id": decision_id, "tekst": marker.text, "agendapunt": marker.agendapunt}
            )
            result.decisions.append((decision_id, marker))
            new_ids.append((marker, decision_id))
    # ids into the markers, right to left within a line so earlier spans stay valid
    for marker, new_id in sorted(new_ids, key=lambda p: (p[0].line, -p[0].start)):
        body_lines[marker.line] = with_id(body_lines[marker.line], marker, new_id)
    lines = text.split("\n")
    new_text = "\n".join([*lines[: fence + 1], *body_lines])
    for decision in [*restored, *decisions]:
        new_text = append_to_list(new_text, "besluiten", decision)
    return new_text, _moved(result, fence, new_text)


def _moved(result: Extraction, fence: int, new_text: str) -> Extraction:
    """The problems at their lines in ``new_text`` (decisions added to the front matter
    move the body down)."""
    shift = split(new_text)[2] - fence
    if shift:
        result.problems = [
            Problem(
                p.message,
                Location(p.location.path, (p.location.line or 0) + shift),
                p.error,
                p.code,
            )
            for p in result.problems
        ]
    return result


def extract(repo: Repository, meeting_id: str) -> tuple[ChangeSet, str]:
    """Plan ``samennw extract MEETING``: refuses (nothing written) on any bad marker."""
    meeting = get_meeting(repo, meeting_id)
    assert meeting is not None
    path = repo.meeting_path(meeting)
    shown = repo.rel(path)
    text = read_text(path)
    changes = ChangeSet(repo.root)
    new_text, result = plan_extraction(repo, meeting, text, shown, changes)
    if result.problems:
        raise InvalidDataError(
            f"{_count(len(result.problems), 'markering', 'markeringen')} in {shown} "
            "niet te verwerken; er is niets geschreven",
            result.problems,
        )
    if new_text != text:
        changes.expect(path, text.encode("utf-8"))
        changes.write(path, new_text)
    return changes, result.summary(meeting.id)
