"""Parsing a running action list (actielijst) from normalized document lines.

The layout secretaries use (seed 000): a header block (``Domein``, ``Secretaris``,
``Datum``, ``Locatie`` as ``key<TAB>value``), then sections, each a title ("Geen
actielijn", "Werkgroep 1 - Het Jonge Kind") followed by a table with a header row
(Wat / Wie / Wanneer / Toelichting). A part titled "Afgeronde acties en besluiten"
repeats the sections for what is done; a "Belangrijke data" table (Datum / Wat / Waar /
Toelichting) holds the coming dates.

The lines are those of :func:`samennw.importing.readers.read_source`: a table row of
three or more cells is one line per cell starting with a TAB, a cell's further
paragraphs follow as lines without a TAB. Rows are read by counting cells (a row has
as many cells as its header row), not by blank lines: Word's text export puts blank
lines inside cells too. Nothing here knows the teams or the data; resolving sections to
werkgroepen and rows to records is :mod:`samennw.ops.import_actions`' job.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum

from samennw.importing.redaction import normalize_redactions


class Part(StrEnum):
    """The part of the list a row stands in."""

    OPEN = "open"
    CLOSED = "afgerond"


class TableKind(StrEnum):
    ACTIONS = "acties"
    DATES = "data"


@dataclass(frozen=True, slots=True)
class Section:
    """A titled table of the list."""

    title: str  # as written, without a trailing "afgerond"
    line: int  # 1-based line of the title (of the header row when untitled)
    part: Part
    kind: TableKind
    number: int | None = None  # "Werkgroep 2 – …" → 2
    name: str | None = None  # "Werkgroep 2 – Pedagogische Infrastructuur" → the name
    no_werkgroep: bool = False  # "Geen actielijn", "Algemeen", an untitled table


@dataclass(frozen=True, slots=True)
class ActionRow:
    """One row of an action table."""

    section: Section
    position: int  # 1-based position in its section (every row, decisions too)
    line: int  # 1-based line of the row's first cell
    wat: str  # without the origin prefix and without "besluit:"
    herkomst: str | None  # the prefix "D/M" naming the meeting it came from
    decision: bool  # "25/11 besluit: …"
    wie: str
    wanneer: str
    toelichting: str  # Markdown (bullets as "- ")
    raw_wat: str  # the Wat cell as written

    @property
    def part(self) -> Part:
        return self.section.part


@dataclass(frozen=True, slots=True)
class DateRow:
    """One row of the "Belangrijke data" table."""

    line: int
    datum: str
    wat: str
    waar: str
    toelichting: str


@dataclass(frozen=True, slots=True)
class HeaderValue:
    value: str
    line: int


@dataclass(slots=True)
class ActionList:
    """The parsed list: header, sections and rows, and what could not be placed."""

    title: HeaderValue | None = None
    header: dict[str, HeaderValue] = field(default_factory=dict)  # folded key → value
    sections: list[Section] = field(default_factory=list)
    rows: list[ActionRow] = field(default_factory=list)
    dates: list[DateRow] = field(default_factory=list)
    unplaced: list[tuple[int, str]] = field(default_factory=list)  # (line, why)

    def value(self, key: str) -> HeaderValue | None:
        return self.header.get(key)


# --- recognising the structure -------------------------------------------------------------

_BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")  # Word's text export of a bookmark
_HEADING = re.compile(r"^#{1,6}\s+")
_BULLET = re.compile(r"^\s*[·•▪◦●■\uf0b7\uf0a7–]\s+")
_ORIGIN = re.compile(r"^(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})(?![\d/])[\s:.,-]*(?P<rest>.*)$", re.S)
_DECISION = re.compile(
    r"^(?:besluit|besloten|genomen besluit)\s*[:–-]\s*(?P<text>.*)$", re.I | re.S
)
_CLOSED_PART = re.compile(
    r"^afgeronde?\s+(?:acties|actiepunten|punten|besluiten)\b|^afgerond$", re.I
)
_CLOSED_SUFFIX = re.compile(r"\s*[-–(]?\s*\bafgerond\)?\s*$", re.I)
_WERKGROEP = re.compile(r"^werkgroep\s*(?P<nr>\d+)?\s*(?:[-–—:.]\s*)?(?P<name>.*)$", re.I)
_NO_LINE = re.compile(r"^(?:geen\s+(?:actielijn|werkgroep)|algemeen|overig(?:e)?)\b", re.I)

# the first word of a header cell → the column it is
_ROLE_WORDS = {
    "wat": "wat", "actie": "wat", "acties": "wat", "actiepunt": "wat", "omschrijving": "wat",
    "onderwerp": "wat",
    "wie": "wie", "betrokkenen": "wie", "eigenaar": "wie", "trekker": "wie",
    "verantwoordelijke": "wie",
    "wanneer": "wanneer", "tijdsplanning": "wanneer", "deadline": "wanneer",
    "planning": "wanneer", "termijn": "wanneer",
    "toelichting": "toelichting", "update": "toelichting", "opmerking": "toelichting",
    "opmerkingen": "toelichting", "status": "toelichting", "stand": "toelichting",
    "datum": "datum", "waar": "waar", "locatie": "waar",
}  # fmt: skip
_STANDARD = {
    TableKind.ACTIONS: ("wat", "wie", "wanneer", "toelichting"),
    TableKind.DATES: ("datum", "wat", "waar", "toelichting"),
}
_HEADER_CELL_MAX = 40  # a header cell is a few words


def fold(text: str) -> str:
    """Case, accents and spaces folded: for comparing texts of the list and the data."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


def plain(line: str) -> str:
    """A line's text without Word's bookmarks, heading marks and bold around it."""
    text = _BOOKMARK.sub("", line).strip()
    text = _HEADING.sub("", text)
    if text.startswith("**") and text.endswith("**") and len(text) > 4:
        text = text[2:-2].strip()
    return text


def _is_cell(line: str) -> bool:
    return line.startswith("\t")


def _role(cell: str) -> str | None:
    words = re.findall(r"[^\W\d_]+", fold(plain(cell)))
    if not words or len(plain(cell)) > _HEADER_CELL_MAX:
        return None
    return _ROLE_WORDS.get(words[0])


@dataclass(frozen=True, slots=True)
class _Header:
    start: int  # index of the first header cell
    end: int  # index after the last
    kind: TableKind
    columns: tuple[str | None, ...]  # role per column (None: a column that is ignored)


def _header_at(lines: list[str], i: int) -> _Header | None:
    """A table header row starting at ``lines[i]``: three or more consecutive cells that
    name columns, the first of them Wat or Datum."""
    roles: list[str | None] = []
    j = i
    while j < len(lines) and _is_cell(lines[j]):
        role = _role(lines[j])
        if role is None:
            break
        roles.append(role)
        j += 1
    if len(roles) < 3 or roles[0] not in ("wat", "datum"):
        return None
    kind = TableKind.DATES if roles[0] == "datum" and "wie" not in roles else TableKind.ACTIONS
    standard = _STANDARD[kind]
    columns: list[str | None] = []
    for k, role in enumerate(roles):
        if role in columns:  # a header typo ("Wat - actie" twice): the usual layout
            role = standard[k] if len(roles) == len(standard) else None
        columns.append(role)
    if len(set(columns)) != len(columns) and len(roles) == len(standard):
        columns = list(standard)
    return _Header(i, j, kind, tuple(columns))


def _clean_cell(paragraphs: list[str]) -> str:
    """A cell's paragraphs as Markdown: bullets as '- ', a blank line after a list."""
    out: list[str] = []
    for raw in paragraphs:
        line = normalize_redactions(raw.rstrip())
        if not line.strip():
            line = ""
        elif _BULLET.match(line):
            line = "- " + _BULLET.sub("", line, count=1)
        is_item = line.startswith("- ")
        if out and out[-1].startswith("- ") and line and not is_item:
            out.append("")  # text after a list is a new paragraph
        out.append(line)
    text: list[str] = []
    for line in out:  # collapse runs of blank lines
        if not line and (not text or not text[-1]):
            continue
        text.append(line)
    return "\n".join(text).strip()


def _header_pair(line: str) -> tuple[str, str] | None:
    """'Datum<TAB><TAB>25-10-25' or 'Datum: 25-10-25' → ('datum', '25-10-25')."""
    text = _BOOKMARK.sub("", line).strip()
    parts = [p.strip() for p in text.split("\t") if p.strip()]
    if len(parts) == 2:
        return fold(parts[0]).rstrip(":"), parts[1]
    m = re.match(r"^([^\W\d_][\w ]{1,30}?)\s*:\s+(\S.*)$", text)
    if m:
        return fold(m.group(1)), m.group(2).strip()
    return None


def _section_of(title: str, line: int, part: Part, kind: TableKind) -> Section:
    closed = part
    text = title
    if _CLOSED_SUFFIX.search(text) and not _CLOSED_PART.match(text):
        text = _CLOSED_SUFFIX.sub("", text).strip()
        closed = Part.CLOSED
    if kind is TableKind.DATES:
        return Section(text, line, Part.OPEN, kind)
    if _CLOSED_PART.match(text):  # "Afgeronde acties en besluiten" titling a table
        return Section(text, line, Part.CLOSED, kind, no_werkgroep=True)
    m = _WERKGROEP.match(text)
    if m:
        number = int(m.group("nr")) if m.group("nr") else None
        name = m.group("name").strip() or None
        return Section(text, line, closed, kind, number, name)
    if not text or _NO_LINE.match(text):
        return Section(text, line, closed, kind, no_werkgroep=True)
    return Section(text, line, closed, kind, name=text)


def parse_action_list(lines: list[str]) -> ActionList:
    """The structure of an action list (see the module docstring); line numbers 1-based."""
    result = ActionList()
    headers: dict[int, _Header] = {}
    i = 0
    while i < len(lines):
        header = _header_at(lines, i) if _is_cell(lines[i]) else None
        if header:
            headers[header.start] = header
            i = header.end
        else:
            i += 1
    titles: dict[int, int] = {}  # title line index → header start
    for start in headers:
        t = start - 1
        while t >= 0 and not plain(lines[t]):
            t -= 1
        if t < 0 or t in headers or any(h.start <= t < h.end for h in headers.values()):
            continue
        text = plain(lines[t])
        if "\t" in _BOOKMARK.sub("", lines[t]).strip() or len(text) > 120:
            continue  # a header-block pair or a paragraph, not a title
        titles[t] = start
    first_table = min([*titles, *headers], default=len(lines))

    # the header block: pairs, and the first other line as the title
    for k in range(first_table):
        if not plain(lines[k]):
            continue
        pair = _header_pair(lines[k])
        if pair:
            result.header.setdefault(pair[0], HeaderValue(pair[1], k + 1))
        elif result.title is None:
            result.title = HeaderValue(plain(lines[k]), k + 1)
        elif _CLOSED_PART.match(plain(lines[k])) is None:
            result.unplaced.append((k + 1, f"tekst in de kop niet herkend: '{plain(lines[k])}'"))

    part = Part.OPEN
    section: Section | None = None
    header_now: _Header | None = None
    pending_title: tuple[str, int] | None = None
    cells: list[list[str]] = []
    row_line = 0
    positions: dict[int, int] = {}

    def finish_row() -> None:
        nonlocal cells
        if not cells or section is None or header_now is None:
            cells = []
            return
        n = len(header_now.columns)
        if len(cells) < n:
            result.unplaced.append(
                (row_line, f"rij met {len(cells)} van de {n} kolommen; aangevuld met lege cellen")
            )
            cells += [[] for _ in range(n - len(cells))]
        values: dict[str, str] = {}
        for role, cell in zip(header_now.columns, cells, strict=True):
            if role is not None:
                values[role] = _clean_cell(cell)
        cells = []
        if not any(values.values()):
            return  # an empty row of the table
        key = id(section)
        positions[key] = positions.get(key, 0) + 1
        if section.kind is TableKind.DATES:
            result.dates.append(
                DateRow(
                    row_line,
                    values.get("datum", ""),
                    values.get("wat", ""),
                    values.get("waar", ""),
                    values.get("toelichting", ""),
                )
            )
            return
        raw_wat = values.get("wat", "")
        wat, herkomst, decision = split_wat(raw_wat)
        result.rows.append(
            ActionRow(
                section=section,
                position=positions[key],
                line=row_line,
                wat=wat,
                herkomst=herkomst,
                decision=decision,
                wie=_one_line(values.get("wie", "")),
                wanneer=_one_line(values.get("wanneer", "")),
                toelichting=values.get("toelichting", ""),
                raw_wat=raw_wat,
            )
        )

    i = first_table
    while i < len(lines):
        line = lines[i]
        text = plain(line)
        if i in titles:
            finish_row()
            pending_title = (text, i + 1)
            if _CLOSED_PART.match(text):
                part = Part.CLOSED
            section, header_now = None, None
            i += 1
            continue
        if i in headers:
            finish_row()
            header_now = headers[i]
            title, at = pending_title or ("", i + 1)
            section = _section_of(title, at, part, header_now.kind)
            result.sections.append(section)
            pending_title = None
            i = header_now.end
            continue
        complete = header_now is not None and len(cells) == len(header_now.columns)
        if text and _CLOSED_PART.match(text) and (not cells or complete):
            finish_row()
            part = Part.CLOSED
            section, header_now = None, None
            i += 1
            continue
        if section is None or header_now is None:
            if text:
                result.unplaced.append((i + 1, f"tekst buiten een tabel: '{_short(text)}'"))
            i += 1
            continue
        if _is_cell(line):
            if complete:
                finish_row()
            if not cells:
                row_line = i + 1
            cells.append([line[1:]])
        elif cells:
            cells[-1].append(line)
        elif text:
            result.unplaced.append((i + 1, f"tekst buiten een rij: '{_short(text)}'"))
        i += 1
    finish_row()
    return result


def split_wat(raw: str) -> tuple[str, str | None, bool]:
    """'25/11 besluit: opleiden onder schooltijd' → ('opleiden onder schooltijd', '25/11',
    True): the origin prefix "D/M" and the decision word taken off."""
    text = raw.strip()
    herkomst = None
    m = _ORIGIN.match(text)
    if m and 1 <= int(m.group("d")) <= 31 and 1 <= int(m.group("m")) <= 12:
        herkomst = f"{m.group('d')}/{m.group('m')}"
        text = m.group("rest").strip()
    d = _DECISION.match(text)
    if d:
        return d.group("text").strip(), herkomst, True
    return text, herkomst, False


def _one_line(text: str) -> str:
    """A short cell as written, its paragraphs joined by a space (inner spaces kept)."""
    return " ".join(part.strip() for part in text.split("\n") if part.strip())


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
