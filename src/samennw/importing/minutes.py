"""Reading minutes: the normalized lines of a document become meeting drafts.

Written for the *structure* of minutes, not for one document: a title with a Dutch date
("Notulen Alliantiebestuur NP Samen Nieuw-West 24 mei 2023"), a header block of keys
(Aanwezig, Afwezig met bericht, Van, Datum, Locatie, Bijlagen, … as ``Key<TAB>value``,
``Key: value`` or ``- Key value``), numbered agenda items (``3. Titel`` or
``## 3. Titel``) and the text under them. One document may hold several meetings: a new
one starts at the next title line with a date once the current one has agenda items.

The drafts still hold names as written; :mod:`samennw.ops.import_minutes` resolves them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from samennw.importing.redaction import normalize_redactions
from samennw.model.dates import MONTHS_NL

_MONTHS = "|".join(MONTHS_NL)
_ABBREVIATED = {m[:3]: i for i, m in enumerate(MONTHS_NL, 1)}
_DATE_WORDS = re.compile(
    rf"\b(?P<d>\d{{1,2}})\s+(?P<m>{_MONTHS}|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec)"
    r"\.?\s+(?P<y>\d{4})\b",
    re.IGNORECASE,
)
_DATE_NUMBERS = re.compile(r"\b(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4}|\d{2})\b")
_TIMES = re.compile(r"\b(\d{1,2}[:.]\d{2})\s*(?:uur\s*)?[–—-]\s*(\d{1,2}[:.]\d{2})\b")
_ONE_TIME = re.compile(r"\b(\d{1,2}[:.]\d{2})\s*uur\b|\b(?:om|vanaf)\s+(\d{1,2}[:.]\d{2})\b")
_MEETING_WORDS = re.compile(
    r"\b(notulen|verslag|bijeenkomst|vergadering|agenda|overleg|besluitenlijst|"
    r"actielijst|sessie)\b",
    re.IGNORECASE,
)
_LEAD_IN = re.compile(
    r"^(agenda|notulen|verslag|besluitenlijst|concept|notulen concept|concept notulen|"
    r"conceptverslag|concept verslag)$",
    re.IGNORECASE,
)
# header keys, as secretaries write them, and the field each fills
HEADER_KEYS = {
    "aanwezig": "aanwezig",
    "aanwezigen": "aanwezig",
    "afwezig met bericht": "afwezig",
    "afwezig m.b.": "afwezig",
    "afwezig": "afwezig",
    "afmeldingen": "afwezig",
    "van": "voorzitter",
    "voorzitter": "voorzitter",
    "datum": "datum",
    "tijd": "tijd",
    "locatie": "locatie",
    "plaats": "locatie",
    "bijlagen": "bijlagen",
    "bijlage": "bijlagen",
    "notulist": "secretaris",
    "secretaris": "secretaris",
    "domein": "domein",
}
_KEY_NAMES = sorted(HEADER_KEYS, key=len, reverse=True)
_HEADER_LINE = re.compile(
    r"^\s*(?:[-•·]\s*)?(?P<key>" + "|".join(re.escape(k) for k in _KEY_NAMES) + r")"
    r"(?:\s*:\s*|\t+\s*|\s+(?=\S)|\s*$)(?P<value>.*)$",
    re.IGNORECASE,
)
_AGENDA = re.compile(r"^\s*(?:#{1,6}\s*)?(?P<nr>\d{1,2})\s*[.)]\s+(?P<title>\S.*?)\s*$")
_BULLET = re.compile(r"^\s*(?:[-–•·▪◦●■□➢►✓*+]|o(?=\s)|[\uf000-\uf8ff])\s*(?=\S)")
_SENTENCE_END = re.compile(r"[.:;?!)\"'”*]$")
_CONCEPT = re.compile(r"^\s*concept\b\s*[–—:-]?\s*", re.IGNORECASE)
# sections samennw renders from the records after the minutes (not minutes text)
_DERIVED = re.compile(r"^#{1,6}\s+(besluiten|besluitenlijst|actielijst|acties)\s*$", re.IGNORECASE)


@dataclass(slots=True)
class AgendaDraft:
    nr: int
    titel: str
    line: int  # 1-based line of the heading in the source
    paragraphs: list[tuple[int, str]] = field(default_factory=list)  # (line, text)


@dataclass(slots=True)
class MinutesDraft:
    """One meeting as the document writes it."""

    line: int  # 1-based line where the meeting starts in the source
    titel: str | None = None
    datum: date | None = None
    concept: bool = False
    header: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # field → lines
    items: list[AgendaDraft] = field(default_factory=list)
    unplaced: list[tuple[int, str]] = field(default_factory=list)  # header lines not read

    def value(self, key: str) -> str:
        return " ".join(text for _, text in self.header.get(key, [])).strip()


def dutch_date(text: str) -> date | None:
    """The first date in ``text``: '24 mei 2023', 'Woensdag 24 mei 2023', '25-11-2025',
    '25-10-25'. None when there is none or it does not exist."""
    m = _DATE_WORDS.search(text)
    if m:
        word = m.group("m").lower()
        month = MONTHS_NL.index(word) + 1 if word in MONTHS_NL else _ABBREVIATED[word[:3]]
        day, year = int(m.group("d")), int(m.group("y"))
    else:
        m = _DATE_NUMBERS.search(text)
        if not m:
            return None
        day, month, year = int(m.group("d")), int(m.group("m")), int(m.group("y"))
        if year < 100:
            year += 2000
    try:
        return date(year, month, day)
    except ValueError:
        return None


def meeting_times(text: str) -> tuple[str | None, str | None]:
    """'Woensdag 24 mei 2023, 15:30 – 16:30' → ('15:30', '16:30')."""
    m = _TIMES.search(text)
    if m:
        return _hhmm(m.group(1)), _hhmm(m.group(2))
    m = _ONE_TIME.search(text)
    if m:
        return _hhmm(m.group(1) or m.group(2)), None
    return None, None


def _hhmm(text: str) -> str | None:
    hours, minutes = re.split(r"[:.]", text)
    if int(hours) > 23 or int(minutes) > 59:
        return None
    return f"{int(hours):02d}:{minutes}"


def is_title(line: str) -> bool:
    """A meeting's title line: a meeting word and a date, not a sentence of the text."""
    text = line.strip().lstrip("#").strip()
    return (
        len(text) <= 160
        and not text.rstrip("*").endswith((".", ";", ":"))  # a sentence of the minutes
        and not text.startswith(("- ", "**Besluit", "**Actie"))
        and bool(_MEETING_WORDS.search(text))
        and dutch_date(text) is not None
        and not _AGENDA.match(text)
        and _HEADER_LINE.match(text) is None
    )


def _clean(text: str) -> str:
    """A paragraph as Markdown: bullets as '- ', redaction codes normalised, single
    spaces (a TAB between columns becomes ' – ')."""
    text = normalize_redactions(text.rstrip())
    bullet = _BULLET.match(text)
    if bullet and not text.lstrip().startswith("**"):
        text = "- " + text[bullet.end() :]
    else:
        text = text.strip()
    return " ".join(part for part in re.sub(r"\t+", " – ", text).split(" ") if part)


def _joins(previous: str, following: str) -> bool:
    """True when ``following`` continues ``previous`` (a paragraph cut by a page break
    or a line wrap): it starts in lower case and ``previous`` ends mid-sentence."""
    if not previous or not following or following.startswith("- "):
        return False
    return following[:1].islower() and not _SENTENCE_END.search(previous)


def split_meetings(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) line ranges, 0-based, of the meetings in a document."""
    starts: list[int] = []
    has_items = False
    expected = 1
    for i, line in enumerate(lines):
        agenda = _AGENDA.match(line)
        if agenda and int(agenda.group("nr")) == expected:
            has_items, expected = True, expected + 1
            continue
        if is_title(line) and (not starts or has_items):
            start = i
            j = i - 1
            while j >= 0 and not lines[j].strip():
                j -= 1
            if j >= 0 and _LEAD_IN.match(lines[j].strip()):  # "Agenda", "Notulen Concept"
                start = j
            starts.append(start)
            has_items, expected = False, 1
    if not starts:
        return [(0, len(lines))]
    if any(line.strip() for line in lines[: starts[0]]) and starts[0] != 0:
        starts[0] = 0  # text before the first title is that meeting's front page
    return list(zip(starts, [*starts[1:], len(lines)], strict=True))


def parse_meeting(lines: list[str], offset: int) -> MinutesDraft:
    """One meeting's lines (``offset``: index of its first line in the document)."""
    draft = MinutesDraft(line=offset + 1)
    expected = 1
    current_key: str | None = None
    item: AgendaDraft | None = None
    derived = False
    for k, raw in enumerate(lines):
        number = offset + k + 1
        text = raw.strip()
        if not text:
            continue
        agenda = _AGENDA.match(raw)
        if _DERIVED.match(text):
            derived = True  # until the next agenda item
            continue
        if derived and not (agenda and int(agenda.group("nr")) == expected):
            continue
        derived = False
        if agenda and int(agenda.group("nr")) == expected and len(agenda.group("title")) <= 150:
            item = AgendaDraft(expected, _clean(agenda.group("title")).strip("*_ "), number)
            draft.items.append(item)
            expected += 1
            continue
        if item is not None:
            paragraph = _clean(raw)
            if item.paragraphs and _joins(item.paragraphs[-1][1], paragraph):
                line, before = item.paragraphs[-1]
                item.paragraphs[-1] = (line, f"{before} {paragraph}")
            else:
                item.paragraphs.append((number, paragraph))
            continue
        # the header: title, lead-in words and key lines
        raw = raw.replace("**", "")
        text = text.replace("**", "").strip()
        if _LEAD_IN.match(text) or (_CONCEPT.match(text) and not is_title(text)):
            draft.concept = True if "concept" in text.lower() else draft.concept
            continue
        if draft.titel is None and is_title(text):
            draft.concept = draft.concept or bool(_CONCEPT.match(text.lstrip("# ")))
            draft.titel = _CONCEPT.sub("", _clean(text).lstrip("#").strip())
            draft.datum = dutch_date(text)
            draft.concept = draft.concept or "concept" in text.lower()
            continue
        header = _HEADER_LINE.match(raw)
        if header:
            current_key = HEADER_KEYS[header.group("key").lower()]
            value = header.group("value").strip()
            draft.header.setdefault(current_key, [])
            if value:
                draft.header[current_key].append((number, value))
            continue
        if current_key in ("aanwezig", "afwezig", "bijlagen") and (
            raw.startswith(("\t", " ", "-", "•")) or current_key != "bijlagen"
        ):
            draft.header[current_key].append((number, text))
            continue
        if draft.titel is None and not draft.header and len(text) <= 160:
            draft.titel = _clean(text)
            continue
        draft.unplaced.append((number, text))
    if draft.datum is None:
        draft.datum = dutch_date(draft.value("datum"))
    return draft


def parse_minutes(lines: list[str]) -> list[MinutesDraft]:
    """Every meeting in the normalized lines of a document."""
    return [parse_meeting(lines[a:b], a) for a, b in split_meetings(lines)]
