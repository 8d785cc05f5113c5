"""Markers in the minutes: decisions and actions written inline, the way secretaries do.

An **action** is a bold span that starts with the word *Actie*, naming who and, after a
semicolon, when::

    Hans Krikke pakt dit punt verder op (**Actie Hans Krikke**).
    Advies Bureau Integriteit agenderen een volgend AB **Actie – Burgemeester**
    Het programmateam stuurt de planning rond (**Actie Programmateam; 1 juni 2023**).
    **Actie Sjoukje Alta; vóór AB 29 februari:** protocol steviger formuleren.

What is to be done (*wat*) is the sentence the marker closes (or the list item it ends),
or, when the bold part ends with a colon, the text after it. Who (*wie*) is resolved
like ``--wie`` (names, first names, roles, teams, organisations; "Alle aanwezigen").

A **decision** is a bold ``Besluit:`` at the start of a paragraph or list item, or each
item of a list introduced by a line ``Besluiten:`` / ``Genomen besluiten:``::

    **Besluit:** Het AB stemt in met het voorstel vrijwilligersvergoeding.

    Genomen besluiten:
    - Het AB stelt de planning van het uitvoeringsprogramma vast.

``samennw extract`` (``verwerk``) turns each marker into an action file or an entry in
the meeting's ``besluiten`` and writes the new id into the marker —
``**Actie AB-036 – Hans Krikke**``, ``**Besluit ab-2023-04-21-b4:** …`` — so that a
second run finds nothing left to do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

ACTION_ID = r"[A-Z][A-Z0-9]*-\d{3,}"
DECISION_ID = r"[a-z0-9][a-z0-9-]*-b\d+"

# **Actie [ID] [–|:|-] wie [; wanneer][:]** — the bold span of an action marker
_ACTION = re.compile(
    r"\*\*\s*[Aa]ctie(?![\w-])(?P<inner>[^*]*)\*\*"
    r"(?P<colon>:)?"
)
_ACTION_INNER = re.compile(rf"^\s*(?P<id>{ACTION_ID})?\s*(?:[–—:-]\s*)?(?P<who>.*?)\s*$", re.DOTALL)
# **Besluit[ ID]:** at the start of a paragraph or list item (after "- ")
_DECISION = re.compile(
    rf"^(?P<lead>\s*(?:[-*+]\s+|\d+[.)]\s+)?)\*\*\s*Besluit(?:\s+(?P<id>{DECISION_ID}))?"
    r"\s*(?::\s*\*\*|\*\*\s*:)\s*(?P<text>.*)$"
)
# **Besluit[ ID]:** anywhere in a line
_DECISION_ANY = re.compile(
    rf"\*\*\s*Besluit(?:\s+(?P<id>{DECISION_ID}))?\s*(?::\s*\*\*|\*\*\s*:)\s*"
)
# a line that introduces a list of decisions
_DECISION_LIST = re.compile(
    r"^\s*(?:\*\*)?\s*(?:genomen\s+besluiten|besluiten|besluitenlijst)\s*:?\s*(?:\*\*)?\s*:?\s*$",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(r"^(?P<lead>\s*[-*+]\s+)(?P<text>.*)$")
_HEADING = re.compile(r"^##\s+(?P<nr>\d+)\.\s")
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[\"'(\[A-Z0-9À-Ý*])")


class MarkerKind(StrEnum):
    ACTION = "actie"
    DECISION = "besluit"


@dataclass(frozen=True, slots=True)
class Marker:
    kind: MarkerKind
    line: int  # 0-based line in the body
    start: int  # the marker's span in that line (for writing the id back)
    end: int
    id: str | None  # set once extracted
    text: str  # action: wat; decision: tekst
    wie: str = ""
    wanneer: str = ""
    agendapunt: int | None = None
    misplaced: str = ""  # why the marker's place gives no clear 'wat' (Dutch), or ""

    @property
    def extracted(self) -> bool:
        return self.id is not None


def _plain(text: str) -> str:
    """Text without Markdown emphasis and surrounding punctuation clutter."""
    text = re.sub(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)", "", text)
    return " ".join(text.split()).strip()


def _wat_before(line: str, start: int) -> str:
    """The sentence (or list item) a marker at ``start`` closes."""
    before = line[:start]
    item = _LIST_ITEM.match(before)
    if item:
        before = item.group("text")
    before = before.rstrip()
    before = re.sub(r"[(\[:–—-]+$", "", before).rstrip()
    sentences = [s for s in _SENTENCE_END.split(before) if s.strip()]
    wat = _plain(sentences[-1]) if sentences else ""
    if item and len(sentences) > 1:
        wat = _plain(before)  # a list item: the whole item is what is to be done
    return wat.strip(" \"'“”")


def _wat_after(line: str, end: int) -> str:
    after = line[end:]
    sentences = [s for s in _SENTENCE_END.split(after) if s.strip()]
    return _plain(sentences[0]) if sentences else ""


def split_who(inner: str) -> tuple[str, str]:
    """'Hans Krikke; 1 juni 2023' → ('Hans Krikke', '1 juni 2023')."""
    who, _, when = inner.partition(";")
    return _plain(who).rstrip(".:,").strip(), _plain(when).rstrip(".:,").strip()


_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
# what may follow an action marker in its sentence: closing punctuation, or the rest of
# the owners ("**Actie – NPLV** ([5.1.2.e]) & programmateam")
_AFTER_MARKER = re.compile(r"^\s*[).;:,!?]*\s*$")
_MORE_OWNERS = re.compile(
    r"^\s*(?P<more>(?:\([^()]*\)\s*)?(?:&|en\b)\s*[^.;:()]{1,60}?)\s*[.)]?\s*$"
)


def _masked(line: str) -> str:
    """The line with inline code spans blanked out (markers there are examples)."""
    return _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)


def find_markers(body: str) -> list[Marker]:
    """Every action and decision marker in a minutes body, in order (not in code)."""
    found: list[Marker] = []
    agendapunt: int | None = None
    in_decision_list = False
    in_fence = False
    for number, original in enumerate(body.split("\n")):
        if original.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        line = _masked(original)
        heading = _HEADING.match(line)
        if heading:
            agendapunt = int(heading.group("nr"))
            in_decision_list = False
            continue
        if not line.strip():
            continue
        decisions = list(_DECISION_ANY.finditer(line))
        item = _LIST_ITEM.match(line)
        for decision in decisions:
            text = _plain(line[decision.end() :])
            whole_item = item is not None and decision.start() == item.end("lead")
            if not whole_item:  # in a paragraph: the sentence after the marker
                text = next((s for s in _SENTENCE_END.split(text) if s.strip()), "")
            found.append(
                Marker(
                    MarkerKind.DECISION,
                    number,
                    decision.start(),
                    decision.end(),
                    decision.group("id"),
                    text,
                    agendapunt=agendapunt,
                )
            )
        if not decisions and in_decision_list and item:
            found.append(
                Marker(
                    MarkerKind.DECISION,
                    number,
                    item.end("lead"),
                    item.end("lead"),
                    None,
                    _plain(item.group("text")),
                    agendapunt=agendapunt,
                )
            )
        if _DECISION_LIST.match(line):
            in_decision_list = True
            continue
        if not item:
            in_decision_list = False
        for match in _ACTION.finditer(line):
            inner = _ACTION_INNER.match(match.group("inner"))
            assert inner is not None  # the pattern matches any text
            raw = inner.group("who")
            colon = bool(match.group("colon")) or raw.rstrip().endswith(":")
            rest = line[match.end() :]
            misplaced = ""
            more = _MORE_OWNERS.match(rest) if not colon else None
            if more and not line[: match.start()].rstrip().endswith("("):
                raw = f"{raw} {more.group('more')}"  # the owners run on after the bold
            elif line.lstrip().startswith("|"):
                misplaced = "in een tabel"
            elif not colon and not _AFTER_MARKER.match(re.split(r"(?<=[.?!])\s", rest)[0]):
                misplaced = "midden in een zin"
            wie, wanneer = split_who(raw)
            wat = _wat_after(line, match.end()) if colon else _wat_before(line, match.start())
            found.append(
                Marker(
                    MarkerKind.ACTION,
                    number,
                    match.start(),
                    match.end(),
                    inner.group("id"),
                    wat,
                    wie=wie,
                    wanneer=wanneer,
                    agendapunt=agendapunt,
                    misplaced=misplaced,
                )
            )
    return found


def with_id(line: str, marker: Marker, new_id: str) -> str:
    """The line with ``new_id`` written into ``marker`` (which has none yet)."""
    if marker.kind is MarkerKind.ACTION:
        span = line[marker.start : marker.end]
        inner = re.match(r"\*\*\s*[Aa]ctie", span)
        assert inner is not None
        rest = span[inner.end() :].lstrip()
        if rest.startswith(":"):
            new_span = f"{span[: inner.end()]} {new_id}{rest}"
        elif rest[:1] in ("–", "—", "-"):
            new_span = f"{span[: inner.end()]} {new_id} {rest}"
        else:
            new_span = f"{span[: inner.end()]} {new_id} – {rest}"
        return line[: marker.start] + new_span + line[marker.end :]
    if marker.start == marker.end:  # an item of a "Besluiten:" list
        return f"{line[: marker.start]}**Besluit {new_id}:** {line[marker.start :]}"
    return f"{line[: marker.start]}**Besluit {new_id}:** {line[marker.end :]}"
