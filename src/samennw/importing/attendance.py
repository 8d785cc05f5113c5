"""Attendance lists as minutes write them, resolved to the persons of partners.yaml.

The lists come in many layouts: one long line of "Name , Function" pairs and redacted
entries ("5.1.2.e Strategisch programmamanager NP Samen Nieuw-West"), sentences ending
in a full stop, or one person per line or bullet with wrapped continuation lines.
An entry starts at a redaction code, at a known person's name, at a bullet, or at a
"Name Surname ," that follows a full stop or stands alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from samennw.importing.names import NewPerson
from samennw.importing.redaction import REDACTION, normalize_redactions
from samennw.model.people import Directory, normalize
from samennw.model.records import Person

# a first name and a surname, with its particles ("Sylvia den Hollander")
_NAME = r"[A-ZÀ-Ý][\w'’-]+(?:\s+(?:van|de|der|den|ter|te|el|al|von|le|la|du|da|'t)){0,3}\s+[A-ZÀ-Ý][\w'’-]+"  # noqa: E501
_NAME_THEN_COMMA = re.compile(rf"(?P<name>{_NAME})\s+,")  # "Emre Ünver , Voorzitter"
_NAME_AT_START = re.compile(rf"^(?P<name>{_NAME})\s*,")
_CODE = re.compile(r"\[5\.(?:1\.1\.[a-e]|1\.2\.[a-i]|2)\]")
_REPLACES = re.compile(r"(?:i\.p\.v\.|in plaats van|vervanger|namens)\s*$", re.IGNORECASE)
_NOTE = re.compile(r"^(?P<rest>.*?)\s*\((?P<note>[^()]*(?:\([^()]*\)[^()]*)*)\)\s*$")
_INSTEAD_OF = re.compile(r"^(?P<rest>.*?)\s+(?P<note>i\.p\.v\.\s.*)$")


@dataclass(frozen=True, slots=True)
class Entry:
    """One attendee as the minutes write them."""

    line: int
    text: str


@dataclass(frozen=True, slots=True)
class Attendee:
    person: str | None  # the id, when known
    note: str | None
    new: NewPerson | None  # when unknown: the person to add to partners.yaml
    text: str
    line: int


def _fold(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", normalize(text)))


def split_entries(lines: list[tuple[int, str]], directory: Directory) -> list[Entry]:
    """The attendees of the header lines of one key (Aanwezig, Afwezig …)."""
    names = sorted({p.naam for p in directory.persons.values() if p.naam}, key=len, reverse=True)
    groups: list[tuple[int, str]] = []
    for line, raw in lines:
        text = normalize_redactions(raw.strip())
        bullet = re.match(r"^[-•·▪]\s+", text)
        if bullet:
            text = text[bullet.end() :]
        open_note = bool(groups) and groups[-1][1].count("(") > groups[-1][1].count(")")
        starts_entry = bool(bullet) or not groups or bool(_CODE.match(text))
        starts_entry = starts_entry or (not open_note and any(text.startswith(n) for n in names))
        if starts_entry:
            groups.append((line, text))
        else:  # a wrapped line continues the entry above
            groups[-1] = (groups[-1][0], f"{groups[-1][1]} {text}")
    entries: list[Entry] = []
    for line, text in groups:
        entries += [Entry(line, name) for part in _split(text, names) for name in _name_list(part)]
    return entries


# words that make a part of an entry a function ("Bestuurder Stadgenoot"), not a name
_FUNCTION = re.compile(
    r"directeur|wethouder|bestuurder|voorzitter|burgemeester|manager|secretaris|\blid\b|"
    r"adviseur|hoofd|coördinator|coordinator|medewerker|leider|lector|hoogleraar|officier|"
    r"commissaris|minister|raadslid|kwartiermaker|namens|vertegenwoordiger|ambtenaar|"
    r"notulist|gast|spreker|strategisch|senior|beleid",
    re.IGNORECASE,
)
_PARTICLES = frozenset(
    {"van", "de", "der", "den", "ter", "te", "'t", "el", "al", "von", "le", "la", "du", "da"}
)


def _name_list(part: str) -> list[str]:
    """'Karel Appel, Tjalling, Sofie en Leila' → four names; an entry with a function
    ('Anne Wilbers, Bestuurder Stadgenoot') stays whole."""
    names = [n.strip() for n in re.split(r"\s*,\s*|\s+en\s+", part) if n.strip()]
    if len(names) < 2:
        return [part]
    for name in names:
        core = re.sub(r"\s*\([^()]*\)\s*$", "", name)
        words = core.split()
        if (
            not 1 <= len(words) <= 4
            or _FUNCTION.search(core)
            or any(not w[:1].isupper() and w not in _PARTICLES for w in words)
        ):
            return [part]
    return names


def _split(text: str, names: list[str]) -> list[str]:
    text = " ".join(text.split())
    starts = {0}
    depth = 0
    inside_name = 0  # characters left of a known name found earlier
    for i, ch in enumerate(text):
        inside_name = max(0, inside_name - 1)
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        if depth or inside_name or i == 0 or text[i - 1] != " ":
            continue
        before = text[:i]
        known = next(
            (
                n
                for n in names
                if text.startswith(n, i) and not text[i + len(n) : i + len(n) + 1].isalnum()
            ),
            None,
        )
        if _CODE.match(text, i) and not _REPLACES.search(before):
            starts.add(i)
        elif known is not None:
            inside_name = len(known)
            if not _REPLACES.search(before):
                starts.add(i)
        elif (
            before.rstrip().endswith((".", ";")) and _NAME_AT_START.match(text[i:])
        ) or _NAME_THEN_COMMA.match(text, i):
            starts.add(i)
    cuts = sorted(starts)
    parts = [text[a:b] for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True)]
    cleaned = (re.sub(r"\s+en$", "", part.strip().strip(".,;").strip()) for part in parts)
    return [p for p in cleaned if p]


def _note(function: str) -> tuple[str, str | None]:
    """'OT Eigenaarschap (vervanger Hans Krikke)' → ('OT Eigenaarschap', 'vervanger …')."""
    m = _NOTE.match(function)
    if m and m.group("rest"):
        return m.group("rest").rstrip(" ,"), m.group("note").strip()
    m = _INSTEAD_OF.match(function)
    if m:
        return m.group("rest").rstrip(" ,"), m.group("note").strip()
    return function, None


def _function_matches(person: Person, function: str) -> int:
    """How well a function-only person's stored function matches the text (0: not)."""
    if not person.functie:
        return 0
    text = _fold(function)
    stored = _fold(person.functie)
    parts = [_fold(p) for p in re.split(r";", person.functie)] + [_fold(r) for r in person.rollen]
    if text == stored:
        return 4
    if text in parts:
        return 3
    if stored and (text.startswith(stored) or stored.startswith(text)) and len(text) > 5:
        return 2
    if any(p and len(p) > 5 and (text.startswith(p) or p.startswith(text)) for p in parts):
        return 1
    if len(text) > 15 and text in stored:  # the function without its first words
        return 1
    return 0


def resolve(entries: list[Entry], directory: Directory, used: set[str]) -> list[Attendee]:
    """Each entry as a known person (id) or a new one; ``used``: ids already placed in
    this meeting (several persons may share one function: the first unplaced is taken)."""
    names = sorted(
        ((p.naam, p.id) for p in directory.persons.values() if p.naam),
        key=lambda x: -len(x[0]),
    )
    result = []
    for entry in entries:
        text = entry.text
        code = REDACTION.match(text)
        if code:
            function, note = _note(text[code.end() :].strip(" ,.;"))
            scored = [
                (score, p.id)
                for p in directory.persons.values()
                if not p.naam and (score := _function_matches(p, function))
            ]
            best = max((s for s, _ in scored), default=0)
            candidates = [pid for s, pid in scored if s == best and pid not in used]
            if candidates:
                used.add(candidates[0])
                result.append(Attendee(candidates[0], note, None, text, entry.line))
            else:
                ground = code.group(0).strip("[]")
                new = NewPerson(None, function or None, ground, "")
                result.append(Attendee(None, note, new, text, entry.line))
            continue
        known = next(
            (
                (name, pid)
                for name, pid in names
                if text.startswith(name) and not text[len(name) : len(name) + 1].isalnum()
            ),
            None,
        )
        if known is None:  # a first name, alias or role ("Burgemeester")
            head = re.split(r"\s*,\s*", text, maxsplit=1)[0]
            ids = directory.find_persons(head)
            if len(ids) == 1:
                known = (head, next(iter(ids)))
        if known is not None:
            rest = text[len(known[0]) :].strip(" ,.;")
            _, note = _note(rest)
            used.add(known[1])
            result.append(Attendee(known[1], note, None, text, entry.line))
            continue
        m = re.match(r"^(?P<name>[^,]+?)\s*,\s*(?P<function>.*)$", text)
        name, function = (m.group("name"), m.group("function")) if m else (text, "")
        function, note = _note(function.strip(" ,.;"))
        result.append(
            Attendee(None, note, NewPerson(name.strip(), function or None), text, entry.line)
        )
    return result


def find_person_in(text: str, directory: Directory) -> str | None:
    """The one known person a short text names ('Burgemeester Femke Halsema')."""
    for p in sorted(directory.persons.values(), key=lambda p: -len(p.naam or "")):
        if p.naam and normalize(p.naam) in normalize(text):
            return p.id
    words = text.split()
    for i in range(len(words)):
        ids = directory.find_persons(" ".join(words[i:]))
        if len(ids) == 1:
            return next(iter(ids))
    return None
