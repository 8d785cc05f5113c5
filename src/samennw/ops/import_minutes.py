"""``samennw import-minutes FILE --team TEAM`` (``importeer-notulen``).

Every meeting in the document becomes a meeting file: title, date, times, location,
chair, attendance resolved to persons, attachments, the numbered agenda items with their
text, and markers for the decisions and actions the text records, which are then
extracted as ``samennw extract`` does. The import never overwrites: it refuses when a
meeting exists, and it refuses (writing nothing) while the document names people that
``partners.yaml`` does not know, printing a block to paste there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from samennw.errors import InvalidDataError, Location, OperationError, Problem
from samennw.importing.attendance import Attendee, find_person_in, resolve, split_entries
from samennw.importing.minutes import MinutesDraft, meeting_times, parse_minutes
from samennw.importing.names import NewPerson, partners_block

if TYPE_CHECKING:
    from samennw.importing.readers import SourceText
from samennw.model.dates import DueKind, format_date, parse_due
from samennw.model.people import Directory
from samennw.model.records import Meeting
from samennw.ops.actions import owner_refs
from samennw.ops.extract import Extraction, plan_extraction
from samennw.storage.changeset import ChangeSet, as_written, encoded
from samennw.storage.frontmatter import parse, yaml_scalar
from samennw.storage.repository import Repository, check_id

_BESLUITPUNT = re.compile(r"^\**\s*Besluitpunt\s*:\s*(?P<text>.*)$", re.IGNORECASE)
_OUTCOME = re.compile(
    r"(?:^|\s|\*)(?P<outcome>(?:is\s+)?(?:vastgesteld|akkoord|aangenomen|ingestemd|goedgekeurd|"
    r"afgewezen|aangehouden|niet\s+vastgesteld)\b.*?)\**\s*$",
    re.IGNORECASE,
)
_DECISION_HEADING = re.compile(r"^\**Besluit\s+(?P<what>[^.:]{2,80})\**$")
_DECIDING = re.compile(
    r"\b(?:besluit|besluiten|stemt\s+in\s+met|stemmen\s+in\s+met|gaat\s+akkoord\s+met|"
    r"gaan\s+akkoord\s+met|omarmt|stelt\s+(?:\S+\s+){0,6}vast)\b",
)
_DECIDER = re.compile(
    r"\b(?:het|de)\s+(?:AB|alliantiebestuur|OT|opgaveteam|werkgroep|vergadering|bestuur|"
    r"stuurgroep|aanwezigen|leden)\b",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"(?<=[.?!])\s+(?=[\"'(\[A-ZÀ-Ý*])")
# an action written without bold (PDF, plain text): "… (Actie Hans Krikke)", "… Actie – AB"
_PLAIN_ACTION = re.compile(
    r"(?P<lead>\s)\(?(?<!\*)Actie(?:\s*[–:-]\s*|\s+)(?P<who>[^()*\n]{2,80}?)\)?(?P<end>[.]?)\s*$"
)
_APPROVAL_ITEM = re.compile(r"\b(verslag|notulen|besluitenlijst)\b", re.IGNORECASE)
_PREVIOUS = re.compile(r"\bvorige\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+")


@dataclass(slots=True)
class ImportReport:
    """What an import wrote and what it could not place (Dutch, for the terminal)."""

    meetings: list[str] = field(default_factory=list)
    extracted: list[Extraction] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)  # file:line: text
    open_markers: list[Problem] = field(default_factory=list)  # left for `extract`
    carried: float = 1.0  # share of the document's words in the written files

    def lines(self, *, verbose: bool = False) -> list[str]:
        """The report; ``verbose`` (a dry run): also each record the import plans."""
        out = [f"  {line}" for e in self.extracted for line in e.details()] if verbose else []
        out.append(f"tekst overgenomen: {self.carried:.0%} van de woorden van het document")
        for problem in self.open_markers:
            out.append(f"niet verwerkt (los op en draai 'samennw verwerk'): {problem}")
        for text in self.unplaced:
            out.append(f"niet geplaatst: {text}")
        return out


def _plain_actions_to_markers(text: str) -> str:
    """'… gaat hiervoor zorgen (Actie Programmateam).' → '… (**Actie Programmateam**).'"""
    if "Actie" not in text or "**Actie" in text:
        return text
    m = _PLAIN_ACTION.search(text)
    if not m or not text[: m.start()].strip(" -•"):  # it must close a sentence
        return text
    who = m.group("who").strip().rstrip(".")
    return f"{text[: m.start()]}{m.group('lead')}(**Actie {who}**){m.group('end')}"


_LINE_ACTION = re.compile(r"^(?P<lead>- )?Actie\b\s*(?P<who>[^:*]{0,60}?)\s*:\s*(?P<wat>\S.*)$")
_LINE_DECISION = re.compile(r"^(?P<lead>- )?Besluit\s*:\s*(?P<rest>\S.*)$")
_DUE_AT_END = re.compile(
    r"(?:,\s*|\s+)(?:uiterlijk|vóór|deadline|per|voor)\s+(?P<when>[^,;]+?)\s*\.?$",
    re.IGNORECASE,
)


def _line_markers(text: str, directory: Directory, team: str) -> str:
    """'Actie Korine: jongeren uitnodigen.' / 'Actie: Raymond past … aan, uiterlijk 1 maart
    2026.' / 'Besluit: …' at the start of a line: the markers of samennw. 'Actie X:'
    where X names no one ('Actie rondom de commissie: …', an update) stays text."""
    if "**" in text:
        return text
    decision = _LINE_DECISION.match(text)
    if decision:
        return f"{decision.group('lead') or ''}**Besluit:** {decision.group('rest')}"
    action = _LINE_ACTION.match(text)
    if not action:
        return text
    who = action.group("who").strip(" –-")
    wat = action.group("wat").strip()
    if who:
        found = owner_refs(directory, who, team)
        if found.unknown or found.ambiguous or not found.refs:
            return text
    else:  # "Actie: Raymond past de actielijst aan": the subject is the owner
        words = wat.split()
        for n in (3, 2, 1):
            found = owner_refs(directory, " ".join(words[:n]), team)
            if len(found.refs) == 1 and not found.unknown and not found.ambiguous:
                who = " ".join(words[:n])
                break
    when = ""
    due = _DUE_AT_END.search(wat)
    if due and parse_due(due.group("when")).kind is not DueKind.UNKNOWN:
        when = due.group("when").strip()
        wat = wat[: due.start()].rstrip(" ,") + "."
    inner = f"{who}; {when}" if when else who
    return f"{action.group('lead') or ''}**Actie {inner}:** {wat}"


def _mark_decision_sentences(text: str) -> str:
    """Put '**Besluit:**' before a sentence in which a body decides."""
    if "**Besluit" in text or text.startswith("- "):
        return text
    sentences = _SENTENCE.split(text)
    marked = [
        f"**Besluit:** {s}" if _DECIDING.search(s) and _DECIDER.search(s) else s for s in sentences
    ]
    return " ".join(marked) if marked != sentences else text


def _outcome_text(titel: str, outcome: str) -> str:
    outcome = re.sub(r"^is\s+", "", outcome.strip(" *_"), flags=re.IGNORECASE)
    outcome = outcome[:1].lower() + outcome[1:]
    return f"{titel}: {outcome.rstrip('.')}."


@dataclass(slots=True)
class _Item:
    nr: int
    titel: str
    besluitpunt: str | None = None
    bijlagen: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)


def build_items(draft: MinutesDraft, directory: Directory, team: str) -> list[_Item]:
    """The agenda items with their text as Markdown, markers added where the text
    records a decision or an action."""
    items = []
    for source in draft.items:
        item = _Item(source.nr, source.titel)
        paragraphs = [
            p
            for k, (_, p) in enumerate(source.paragraphs)
            if k == 0 or p != source.paragraphs[k - 1][1]  # a rendered attachment line twice
        ]
        k = 0
        while k < len(paragraphs):
            text = _plain_actions_to_markers(_line_markers(paragraphs[k], directory, team))
            item.paragraphs.append(text)
            plain = text.replace("*", "").strip()
            if re.match(r"^Bijlage\b", plain, re.IGNORECASE) and plain not in item.bijlagen:
                item.bijlagen.append(plain)
            point = _BESLUITPUNT.match(text)
            heading = _DECISION_HEADING.match(plain)
            if point:
                question = point.group("text").strip()
                following = ""
                if not question and k + 1 < len(paragraphs):
                    k += 1
                    following = paragraphs[k]
                    item.paragraphs.append(following)
                    question = following
                outcome = _OUTCOME.search(question.replace("*", " "))
                asked = question.replace("*", "")
                if outcome:
                    asked = asked[: outcome.start("outcome")]
                item.besluitpunt = " ".join(asked.split()) or None
                if outcome:
                    decision = _outcome_text(item.titel, outcome.group("outcome"))
                    item.paragraphs.append(f"**Besluit:** {decision}")
            elif heading and k + 1 < len(paragraphs) and not paragraphs[k + 1].startswith("- "):
                k += 1
                item.paragraphs.append(f"**Besluit:** {paragraphs[k]}")
            else:
                item.paragraphs[-1] = _mark_decision_sentences(text)
            k += 1
        items.append(item)
    return items


def _attendance_yaml(key: str, people: list[Attendee]) -> list[str]:
    if not people:
        return []
    lines = [f"{key}:"]
    for a in people:
        assert a.person is not None
        if a.note:
            lines += [f"  - persoon: {a.person}", f"    noot: {yaml_scalar(a.note)}"]
        else:
            lines.append(f"  - {a.person}")
    return lines


def meeting_text(
    meeting_id: str,
    team: str,
    draft: MinutesDraft,
    on: date,
    chair: str | None,
    secretary: str | None,
    present: list[Attendee],
    absent: list[Attendee],
    items: list[_Item],
    previous: str | None,
) -> str:
    """The meeting file: front matter in the documented key order, then the minutes."""
    begin, end = meeting_times(draft.value("tijd") or draft.value("datum"))
    fm = ["---", f"id: {meeting_id}", f"team: {team}"]
    if draft.titel:
        fm.append(f"titel: {yaml_scalar(draft.titel)}")
    fm.append(f"datum: {on.isoformat()}")
    if begin:
        fm.append(f'begin: "{begin}"')
    if end:
        fm.append(f'eind: "{end}"')
    if draft.value("locatie"):
        fm.append(f"locatie: {yaml_scalar(draft.value('locatie'))}")
    if chair:
        fm.append(f"voorzitter: {chair}")
    if secretary:
        fm.append(f"secretaris: {secretary}")
    fm += _attendance_yaml("aanwezig", present)
    fm += _attendance_yaml("afwezig_met_bericht", absent)
    bijlagen = [text for _, text in draft.header.get("bijlagen", [])]
    if bijlagen:
        fm.append("bijlagen:")
        fm += [f"  - {yaml_scalar(b)}" for b in bijlagen]
    fm.append("agenda:")
    for item in items:
        fm += [f"  - nr: {item.nr}", f"    titel: {yaml_scalar(item.titel)}"]
        if item.besluitpunt:
            fm.append(f"    besluitpunt: {yaml_scalar(item.besluitpunt)}")
        if item.bijlagen:
            fm.append("    bijlagen:")
            fm += [f"      - {yaml_scalar(b)}" for b in item.bijlagen]
    fm.append("notulen_status: concept")
    if previous:
        fm.append(f"vorige_vergadering: {previous}")
    fm.append("---")
    body: list[str] = []
    for item in items:
        body += [f"## {item.nr}. {item.titel}", ""]
        for paragraph in item.paragraphs:
            if paragraph.startswith("- ") and len(body) > 1 and body[-2].startswith("- "):
                body.pop()  # the items of one list stand together
            body += [paragraph, ""]
    return as_written("\n".join(fm) + "\n" + "\n".join(body).rstrip("\n") + "\n")


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def _carried(source: list[str], written: list[str]) -> float:
    """Share of the document's words (each occurrence) found in the written files."""
    from collections import Counter

    wanted = Counter(_words(" ".join(source)))
    have = Counter(_words(" ".join(written)))
    total = sum(wanted.values())
    return sum(min(n, have[w]) for w, n in wanted.items()) / total if total else 1.0


def import_minutes(
    repo: Repository, source: SourceText, team_name: str, on: date | None = None
) -> tuple[ChangeSet, str, ImportReport]:
    """Plan the meeting files of a minutes document (see the module docstring)."""
    directory = Directory(repo.partners)
    team = directory.resolve_team(team_name)
    if source.lines and source.lines[0].strip() == "---":
        raise OperationError(
            f"{source.name} begint met front matter ('---'): dit is al een vergaderbestand "
            "van samennw; zet het in data/meetings/<jaar>/ in plaats van het te importeren. "
            "Er is niets geschreven"
        )
    drafts = [d for d in parse_minutes(source.lines) if d.items or d.titel]
    if not drafts or not any(d.items for d in drafts):
        raise OperationError(
            f"{source.name}: geen genummerde agendapunten gevonden (zoals '1. Opening'); "
            "is dit een verslag of notulen? Er is niets geschreven"
        )
    if on is not None and len(drafts) > 1:
        raise OperationError(
            f"{source.name} bevat {len(drafts)} vergaderingen; --datum geldt voor één "
            "vergadering. Er is niets geschreven"
        )
    report = ImportReport()
    changes = ChangeSet(repo.root)
    new_people: list[NewPerson] = []
    planned: list[tuple[str, MinutesDraft, str, Path]] = []
    previous_id: str | None = None
    ids: list[str] = []
    for draft in drafts:
        datum = on or draft.datum
        if datum is None:
            raise OperationError(
                f"{source.name}:{draft.line}: geen datum gevonden voor deze vergadering "
                "(in de titel of bij 'Datum'); geef de datum met --datum. "
                "Er is niets geschreven"
            )
        meeting_id = check_id(f"{team.id}-{datum.isoformat()}")
        if meeting_id in repo.meetings or meeting_id in ids:
            raise OperationError(
                f"vergadering {meeting_id} bestaat al; er is niets geschreven "
                "(verwijder of hernoem het bestaande bestand eerst als dit een nieuwe "
                "versie is)"
            )
        ids.append(meeting_id)
        used: set[str] = set()
        present = resolve(
            split_entries(draft.header.get("aanwezig", []), directory), directory, used
        )
        absent = resolve(split_entries(draft.header.get("afwezig", []), directory), directory, used)
        chair_text = draft.value("voorzitter")
        chair = find_person_in(chair_text, directory) if chair_text else None
        if chair_text and chair is None:
            new_people.append(NewPerson(chair_text, None, None, f"{source.name}"))
        secretary_text = draft.value("secretaris")
        secretary = find_person_in(secretary_text, directory) if secretary_text else None
        if secretary_text and secretary is None:
            new_people.append(NewPerson(secretary_text, None, None, f"{source.name}"))
        for a in (*present, *absent):
            if a.new is not None:
                new_people.append(
                    NewPerson(a.new.naam, a.new.functie, a.new.lakgrond, f"{source.name}:{a.line}")
                )
        if chair and chair not in {a.person for a in (*present, *absent)}:
            present.insert(0, Attendee(chair, None, None, chair_text, draft.line))
        items = build_items(draft, directory, team.id)
        earlier = [m for m in repo.meetings_of({team.id}, end=datum) if m.datum < datum]
        latest = max(earlier, key=lambda m: m.datum, default=None)
        before = previous_id or (latest.id if latest else None)
        approval = next(
            (i for i in items if _APPROVAL_ITEM.search(i.titel) and _PREVIOUS.search(i.titel)),
            None,
        )
        previous = before if approval is not None else None
        decided = approval is not None and any("**Besluit" in t for t in approval.paragraphs)
        if approval is not None and before is not None and not decided:
            prev_date = date.fromisoformat(before[len(team.id) + 1 :])
            approval.paragraphs.append(
                f"**Besluit:** Notulen van de vergadering van {format_date(prev_date)} vastgesteld."
            )
        text = meeting_text(
            meeting_id,
            team.id,
            draft,
            datum,
            chair,
            secretary,
            [a for a in present if a.person],
            [a for a in absent if a.person],
            items,
            previous,
        )
        path = repo.data_dir / "meetings" / str(datum.year) / f"{meeting_id}.md"
        planned.append((meeting_id, draft, text, path))
        report.unplaced += [f"{source.name}:{n}: {t}" for n, t in draft.unplaced]
        previous_id = meeting_id
    if new_people:
        raise _unknown_people(source, new_people, directory)
    taken: list[str] = []
    written: list[str] = []
    for meeting_id, _draft, text, path in planned:
        shown = repo.rel(path)
        encoded(text, shown)
        doc = parse(text, path)
        meeting = Meeting.model_validate({**doc.data, "body": doc.body})
        new_text, extraction = plan_extraction(
            repo,
            meeting,
            text,
            shown,
            changes,
            taken=taken,
            planned_meetings=ids,
            partial=True,
        )
        taken += [i for i, _ in extraction.actions]
        report.open_markers += extraction.problems
        report.extracted.append(extraction)
        changes.expect(path, None)
        changes.write(path, new_text)
        written.append(new_text)
        report.meetings.append(meeting_id)
    report.carried = _carried(source.lines, written)
    n_actions = sum(len(e.actions) for e in report.extracted)
    n_decisions = sum(len(e.decisions) for e in report.extracted)
    message = (
        f"{len(planned)} vergadering{'en' if len(planned) != 1 else ''} geïmporteerd uit "
        f"{source.name} ({', '.join(report.meetings)}): "
        f"{n_actions} actie{'s' if n_actions != 1 else ''}, "
        f"{n_decisions} besluit{'en' if n_decisions != 1 else ''}"
    )
    return changes, message, report


def _unknown_people(
    source: SourceText, people: list[NewPerson], directory: Directory
) -> InvalidDataError:
    unique: list[NewPerson] = []
    seen: set[tuple[str | None, str | None]] = set()
    for person in people:
        key = (person.naam, person.functie if not person.naam else None)
        if key not in seen:
            seen.add(key)
            unique.append(person)
    problems = [
        Problem(
            f"onbekende persoon '{p.label}'"
            + (
                f" (bedoelde u {' of '.join(close)}?)"
                if (close := directory.suggest(p.naam))
                else ""
            )
            if p.naam
            else f"onbekende persoon '{p.label}'",
            Location(p.where or source.name),
        )
        for p in unique
    ]
    block = partners_block(unique, directory.all_refs())
    error = InvalidDataError(
        f"{source.name} noemt {len(unique)} "
        f"perso{'on' if len(unique) == 1 else 'nen'} die niet in partners.yaml "
        "staa" + ("t" if len(unique) == 1 else "n") + "; er is niets geschreven. Voeg ze toe "
        "onder 'personen:' in data/partners.yaml (controleer naam, functie en openbaar) "
        "en importeer opnieuw:\n\n" + block,
        problems,
    )
    return error
