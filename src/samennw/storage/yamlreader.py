"""A strict, safe YAML reader that keeps what the secretary typed.

PyYAML follows YAML 1.1: ``14:30`` becomes 870, ``NO`` becomes False and ``012``
becomes 10. This reader builds plain Python data directly from the parser's events
(libyaml's C parser when available) and applies *no* implicit typing: every scalar is
a ``str``, except an unquoted empty value / ``~`` / ``null``, which is ``None``. The
models decide what a string means (date, time, number, boolean).

Anchors, aliases and explicit tags (``!!python/object``) are refused at the first
event, before anything is expanded, and every value remembers its line and column.
Nesting deeper than :data:`MAX_DEPTH` is refused by samennw itself, so a deep document
gets the same Dutch answer whatever the YAML library does with it (libyaml 0.2.5 as
bundled with PyYAML 6.0.4 refuses 1,000 levels with an English message; older libyaml
and the pure-Python parser accept any depth).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

from samennw.errors import DataFileError, Location

MAX_FILE_BYTES = 1_000_000
# Deepest nesting of mappings and lists (the root counts as one level). samennw's files
# need four; well below where any YAML library refuses or recurses.
MAX_DEPTH = 50
TOO_DEEP = f"te diep genest (meer dan {MAX_DEPTH} niveaus)"
NULLS = frozenset({"", "~", "null", "Null", "NULL"})

Key = tuple[str | int, ...]
LineMap = dict[Key, tuple[int, int]]


def _translate(problem: str | None) -> str:
    """Translate PyYAML's most common problems into Dutch."""
    if not problem:
        return "ongeldige YAML"
    table = {
        "found character '\\t' that cannot start any token": (
            "tab gevonden; gebruik spaties om in te springen"
        ),
        "mapping values are not allowed": (  # '... here' (Python) or '... in this context' (C)
            "dubbele punt op een onverwachte plek (zet de waarde tussen aanhalingstekens, "
            "of controleer het inspringen)"
        ),
        "could not find expected ':'": "dubbele punt (:) ontbreekt",
        "found unexpected end of stream": "bestand houdt onverwacht op",
        "found undefined alias": "onbekende alias",
        "did not find expected key": "sleutel verwacht (controleer het inspringen)",
        "did not find expected '-' indicator": (
            "lijstteken '-' verwacht (controleer het inspringen)"
        ),
        "found unexpected ':'": "onverwachte dubbele punt",
        "did not find expected node content": (
            "waarde verwacht (is een lijst [...] of {...} niet afgemaakt?)"
        ),
        "did not find expected ',' or ']'": (
            "',' of ']' verwacht (is een lijst [...] niet gesloten?)"
        ),
        "did not find expected ',' or '}'": "',' of '}' verwacht (is een {...} niet gesloten?)",
        "expected <block end>, but found '-'": (
            "onverwacht lijstteken '-' (controleer het inspringen)"
        ),
        "expected <block end>, but found": "onverwacht inspringen (controleer het inspringen)",
        "found a tab character": "tab gevonden; gebruik spaties om in te springen",
        "found unknown escape character": (
            "onbekende escape (\\-reeks) tussen dubbele aanhalingstekens; gebruik enkele "
            "aanhalingstekens"
        ),
        "found unexpected end of plain scalar": "tekst houdt onverwacht op",
        "could not find expected": "teken ontbreekt (is een aanhalingsteken niet gesloten?)",
    }
    for english, dutch in table.items():
        if problem.startswith(english):
            return f"ongeldige YAML: {dutch}"
    if "\\t" in problem or "tab" in problem:
        return "tab gevonden; gebruik spaties om in te springen"
    return f"ongeldige YAML (melding van de YAML-lezer: {problem})"


# Outside YAML's printable set: libyaml refuses these with an English message and, for
# the C parser, a byte offset instead of a line.
_UNPRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_CONTROL_NAMES = {
    0x00: "NUL", 0x07: "BEL", 0x08: "backspace", 0x0D: "CR", 0x1B: "ESC", 0x7F: "DEL"
}  # fmt: skip


def character_name(char: str) -> str:
    """'ESC-teken (U+001B)', 'stuurteken U+0085': a character one cannot see, named."""
    code = ord(char)
    name = _CONTROL_NAMES.get(code)
    return f"{name}-teken (U+{code:04X})" if name else f"stuurteken U+{code:04X}"


def character_problem(text: str, path: Path | None, line_offset: int = 0) -> DataFileError | None:
    """The first character YAML does not allow in ``text``, as a Dutch error (or None)."""
    m = _UNPRINTABLE.search(text)
    if m is None:
        return None
    what = character_name(m.group(0))
    line = text.count("\n", 0, m.start()) + 1
    column = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
    return DataFileError(
        f"ongeldig {what}; een gegevensbestand mag geen stuurtekens bevatten (verwijder het)",
        Location(path, line + line_offset, column),
    )


def nfc(text: str) -> str:
    """Unicode NFC, so that a decomposed 'Ünver' equals the composed one."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def load_yaml(text: str, path: Path | None = None, line_offset: int = 0) -> tuple[Any, LineMap]:
    """Parse one YAML document into plain data plus a map of key paths to (line, col).

    ``line_offset`` is added to every reported line (front matter starts on line 2).
    Raises :class:`DataFileError` with file and line on any problem. Simple documents
    take the fast path of :mod:`samennw.storage.yamlfast`; everything else libyaml's events.
    """
    from samennw.storage.yamlfast import load_yaml_fast

    fast = load_yaml_fast(text, line_offset)
    if fast is not None:
        return fast
    return load_yaml_events(text, path, line_offset)


def load_yaml_events(
    text: str, path: Path | None = None, line_offset: int = 0, *, loader: Any = None
) -> tuple[Any, LineMap]:
    """The full reader: builds from libyaml's parser events (see module docstring).

    ``loader``: the PyYAML loader class whose parser is used; default libyaml's
    (``CSafeLoader``) when PyYAML has it, else the pure-Python ``SafeLoader``.
    """
    import yaml  # here: ordinary files never need it (samennw.storage.yamlfast reads them)

    if loader is None:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's C parser
    lines: LineMap = {}
    stack: list[Any] = []  # containers under construction
    keys: list[Key] = []  # path of the container on the stack
    pending_key: list[str | None] = []  # for mappings: the key awaiting its value
    root: Any = None
    have_root = False

    def where(mark: Any) -> Location:
        return Location(path, mark.line + 1 + line_offset, mark.column + 1)

    def add(value: Any, mark: Any) -> Key | None:
        nonlocal root, have_root
        if not stack:
            root, have_root = value, True
            return ()
        top = stack[-1]
        base = keys[-1]
        if isinstance(top, list):
            k: Key = (*base, len(top))
            top.append(value)
            lines[k] = (mark.line + 1 + line_offset, mark.column + 1)
            return k
        key = pending_key[-1]
        if key is None:  # this value is a key
            if not isinstance(value, str):
                raise DataFileError("een sleutel moet tekst zijn", where(mark))
            if value in top:
                raise DataFileError(f"sleutel '{value}' komt twee keer voor", where(mark))
            pending_key[-1] = value
            lines[(*base, value)] = (mark.line + 1 + line_offset, mark.column + 1)
            return None
        top[key] = value
        pending_key[-1] = None
        return (*base, key)

    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.AliasEvent):
                raise DataFileError(
                    "YAML-aliassen (*naam) zijn niet toegestaan", where(event.start_mark)
                )
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                raise DataFileError(
                    f"YAML-ankers (&{anchor}) zijn niet toegestaan", where(event.start_mark)
                )
            tag = getattr(event, "tag", None)
            if tag is not None and tag != "!":
                raise DataFileError(
                    f"YAML-tags ({tag}) zijn niet toegestaan", where(event.start_mark)
                )
            if isinstance(event, yaml.ScalarEvent):
                plain = event.implicit[0] and not event.style  # libyaml: "", python: None
                scalar: str | None = None if plain and event.value in NULLS else nfc(event.value)
                add(scalar, event.start_mark)
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if len(stack) >= MAX_DEPTH:
                    raise DataFileError(TOO_DEEP, where(event.start_mark))
                container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
                k = add(container, event.start_mark)
                if k is None:
                    raise DataFileError("een sleutel moet tekst zijn", where(event.start_mark))
                stack.append(container)
                keys.append(k)
                pending_key.append(None)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
                keys.pop()
                pending_key.pop()
            elif isinstance(event, yaml.DocumentStartEvent) and have_root:
                raise DataFileError(
                    "meer dan één YAML-document in dit bestand", where(event.start_mark)
                )
    except yaml.reader.ReaderError:
        problem = character_problem(text, path, line_offset)
        raise problem or DataFileError("ongeldig teken in het bestand", Location(path)) from None
    except yaml.MarkedYAMLError as exc:
        if "maximum nesting depth" in str(exc.problem) and loader is not yaml.SafeLoader:
            # This libyaml refuses deep nesting itself, and for a flow list (``[[[…``)
            # before samennw has seen the levels; the pure-Python parser finds the place
            # where MAX_DEPTH is passed, as it would be with a libyaml without a limit.
            load_yaml_events(text, path, line_offset, loader=yaml.SafeLoader)
            mark = exc.problem_mark
            raise DataFileError(TOO_DEEP, where(mark) if mark else Location(path)) from None
        # An unclosed quote runs on to the end of the file (or the next '---'), where
        # libyaml reports the problem; the line where the quote was opened helps more.
        unclosed = exc.context_mark is not None and str(exc.context or "").startswith(
            "while scanning a quoted scalar"
        )
        mark = exc.context_mark if unclosed else exc.problem_mark or exc.context_mark
        loc = where(mark) if mark is not None else Location(path)
        message = _translate(exc.problem)
        if unclosed:
            message = "aanhalingsteken niet gesloten (geopend op deze regel)"
        elif mark is not None:
            source_lines = text.split("\n")
            line_text = source_lines[mark.line] if mark.line < len(source_lines) else ""
            indent = line_text[: len(line_text) - len(line_text.lstrip(" \t"))]
            if "\t" in indent:
                message = "tab gevonden in het inspringen; gebruik spaties"
        raise DataFileError(message, loc) from None
    except yaml.YAMLError as exc:  # pragma: no cover - reader errors without marks
        raise DataFileError(f"ongeldige YAML ({exc})", Location(path)) from None
    return root, lines


def read_text(path: Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a data file as UTF-8 with a size cap; Dutch errors for the usual problems."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataFileError(f"kan bestand niet lezen ({exc.strerror})", Location(path)) from None
    return decode_text(raw, path, max_bytes)


def decode_text(raw: bytes, path: Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    """The bytes of a data file (from disk or from git) as text, with :func:`read_text`'s
    checks: size cap, UTF-8, no NUL; a byte-order mark is dropped."""
    if len(raw) > max_bytes:
        raise DataFileError(
            f"bestand is te groot ({len(raw)} bytes; maximaal {max_bytes})", Location(path)
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataFileError(
            f"bestand is geen geldige UTF-8 (byte {raw[exc.start]:#04x})", Location(path, line)
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:  # anywhere, also in the Markdown body: git would call it binary
        at = text.index("\x00")
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        raise DataFileError(
            "ongeldig NUL-teken (U+0000): een gegevensbestand is tekst (is dit een binair "
            "bestand, of is het beschadigd?)",
            Location(path, line, column),
        )
    return text
