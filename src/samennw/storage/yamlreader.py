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

Two roads, one answer. Front matter is simple: block mappings and sequences, plain or
quoted scalars, flow lists of scalars, comments. :func:`load_yaml_fast` handles exactly
that subset with a few regular expressions, several times faster than building from
libyaml's events, and returns the same data and the same line map; it gives up
(``None``) on anything outside the subset — anchors, tags, block scalars, flow mappings,
multi-line scalars, tabs, control characters, odd indentation, duplicate or null keys,
deep nesting — so that the event reader handles (and reports) those. Differential
tests, also character by character, keep the two in step. Reading files is
:mod:`samennw.storage.reader`'s job; this module turns text into data.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

from samennw.errors import DataFileError, Location

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
    take the fast path (:func:`load_yaml_fast`); everything else libyaml's events.
    """
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


# --- the fast path: the plain block YAML of samennw's files ---------------------------

_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?: +|$)")
_ITEM = re.compile(r"- +|-$")
_PLAIN_BAD_START = frozenset("&*!|>'\"%@`{[]},#?:-")
_DQ = re.compile(r'"((?:[^"\\]|\\["\\nt/])*)"')
_SQ = re.compile(r"'((?:[^']|'')*)'")
_ESCAPES = {'\\"': '"', "\\\\": "\\", "\\n": "\n", "\\t": "\t", "\\/": "/"}
_ESC_RX = re.compile(r"\\[\"\\nt/]")
# Literal spaces only: ``\s`` would also match U+00A0 and U+3000, which YAML keeps.
_FLOW_ITEM = re.compile(r" *([^,\[\]{}#&*!|>'\"%@`?: ][^,\[\]{}#]*?) *(,|\])")
# Any character the full reader treats specially: everything outside YAML's printable
# set (libyaml refuses those), tabs, carriage returns, the other YAML line breaks
# (U+0085, U+2028, U+2029) and the byte-order mark U+FEFF. One negated class (the
# printable set minus U+2028, U+2029, U+FEFF), so one fast scan of the text.
_GIVE_UP_CHARS = re.compile(
    r"[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)

# libyaml forgets a possible key 1024 characters after its start; a longer block key
# is an error there ("mapping values are not allowed in this context").
_MAX_KEY = 1000

# The shapes nearly every line has, read with one match (the step-by-step code below
# gives the same result for them): after "key: " or "- ", a double-quoted scalar
# without escapes; a plain scalar that starts with a letter or digit and holds no ':',
# '#' or tab and ends in no space (so no comment, no pair, nothing to strip); or a flow
# list of ASCII words separated by ', '. The key of _KEY_SIMPLE is not a null and at
# most _MAX_KEY long; anything else goes the long way (and may give up there).
_WORD = r"[A-Za-z0-9][A-Za-z0-9_.-]*"
_SIMPLE_VALUE = (
    r'(?:"([^"\\]*)"'  # "quoted"
    r"|([A-Za-z0-9][^:#\t]*(?<! ))"  # plain
    rf"|\[({_WORD}(?:, {_WORD})*)\])"  # [flow, list]
)
_KEY_SIMPLE = re.compile(
    rf"(?!(?:null|Null|NULL):)([A-Za-z_][A-Za-z0-9_]{{0,{_MAX_KEY - 1}}}): +"
    + _SIMPLE_VALUE
    + r"\Z"
)
_ITEM_SIMPLE = re.compile(r"- +" + _SIMPLE_VALUE + r"\Z")


class _GiveUp(Exception):
    pass


def _scalar(text: str) -> tuple[str | None, int]:
    """Parse a scalar at the start of ``text``; return (value, length consumed)."""
    first = text[:1]
    if first == '"':
        m = _DQ.match(text)
        if not m:
            raise _GiveUp
        return nfc(_ESC_RX.sub(lambda e: _ESCAPES[e.group(0)], m.group(1))), m.end()
    if first == "'":
        m = _SQ.match(text)
        if not m:
            raise _GiveUp
        return nfc(m.group(1).replace("''", "'")), m.end()
    cut = text.find(" #")
    value = (text if cut < 0 else text[:cut]).rstrip(" ")
    if value and (value[0] in _PLAIN_BAD_START and not _plain_dash(value)):
        raise _GiveUp
    if ": " in value or value.endswith(":") or "\t" in value or " #" in value:
        raise _GiveUp
    return (None if value in NULLS else nfc(value)), len(text) if cut < 0 else cut


def _plain_dash(value: str) -> bool:
    """A plain scalar may start with '-' when not followed by a space ('-5', '-x')."""
    return value[0] == "-" and len(value) > 1 and value[1] not in " \t"


def _rest_is_comment(text: str) -> bool:
    stripped = text.strip(" ")
    return not stripped or stripped.startswith("#")


def _inline(text: str) -> tuple[Any, list[int]]:
    """A value on the same line as its key or dash: scalar or flow list of scalars.

    Returns the value and, for a flow list, the column offsets of its items.
    """
    if text.startswith("["):
        inner = text[1:]
        if inner.lstrip(" ").startswith("]"):
            end = inner.index("]")
            if not _rest_is_comment(inner[end + 1 :]):
                raise _GiveUp
            return [], []
        items: list[Any] = []
        offsets: list[int] = []
        pos = 0
        while True:
            m = _FLOW_ITEM.match(inner, pos)
            if not m:
                raise _GiveUp
            raw = m.group(1)
            # A colon in a flow item may make a pair ("a: b") or an error ("a:?");
            # a dash alone or followed by a space is a block entry. Leave those.
            if ":" in raw or (raw[0] == "-" and raw[1:2] in ("", " ")):
                raise _GiveUp
            items.append(None if raw in NULLS else nfc(raw))
            offsets.append(1 + m.start(1))
            pos = m.end()
            if m.group(2) == "]":
                break
        if not _rest_is_comment(inner[pos:]):
            raise _GiveUp
        return items, offsets
    value, used = _scalar(text)
    if not _rest_is_comment(text[used:]):
        raise _GiveUp
    return value, []


def load_yaml_fast(
    text: str, line_offset: int = 0, *, with_lines: bool = True
) -> tuple[Any, LineMap] | None:
    """Parse ``text`` if it is in the simple subset; otherwise return None.

    ``with_lines=False`` leaves the line map empty (a quarter of the work): for bulk
    loads that read the lines again only for a file with a problem.
    """
    if _GIVE_UP_CHARS.search(text):
        return None
    rows: list[tuple[int, int, str]] = []  # (line number, indent, content)
    for n, line in enumerate(text.split("\n")):
        content = line.lstrip(" ")
        if not content or content.startswith("#"):
            continue
        if content.startswith(("---", "...", "%")):
            return None
        rows.append((n, len(line) - len(content), content))
    lines: LineMap = {}
    target = lines if with_lines else None
    try:
        if not rows:
            return None, lines
        n, indent, content = rows[0]
        if len(rows) == 1 and not _KEY.match(content) and not _ITEM.match(content):
            value, offsets = _inline(content)  # a document that is one value, e.g. "[]"
            for k, o in enumerate(offsets if with_lines else ()):
                lines[(k,)] = (n + 1 + line_offset, indent + o + 1)
            return value, lines
        value, end = _block(rows, 0, indent, (), target, line_offset)
    except _GiveUp:
        return None
    if end != len(rows):
        return None
    return value, lines


# Below, ``lines`` is None when no line map is wanted.
Rows = list[tuple[int, int, str]]


def _block(
    rows: Rows, i: int, indent: int, path: Key, lines: LineMap | None, off: int
) -> tuple[Any, int]:
    """Parse the block (mapping or sequence) whose rows start at ``i`` with ``indent``."""
    # This block, a mapping in its list items and a flow list in that mapping are three
    # levels below ``path``: near MAX_DEPTH the full reader decides (and reports), and the
    # recursion here stays shallow.
    if len(path) > MAX_DEPTH - 3:
        raise _GiveUp
    if _ITEM.match(rows[i][2]):
        return _sequence(rows, i, indent, path, lines, off)
    return _mapping(rows, i, indent, path, lines, off)


def _mapping(
    rows: Rows,
    i: int,
    indent: int,
    path: Key,
    lines: LineMap | None,
    off: int,
    first_content: str | None = None,
) -> tuple[dict[str, Any], int]:
    result: dict[str, Any] = {}
    n_rows, simple = len(rows), _KEY_SIMPLE.match
    while i < n_rows:
        n, ind, content = rows[i]
        if first_content is not None:
            content, first_content = first_content, None
        elif ind != indent:
            if ind > indent:
                raise _GiveUp
            break
        i += 1
        s = simple(content)
        if s is not None:  # the common case, in one match
            key, dq, plain, flow = s.groups()
            if key in result:
                raise _GiveUp
            if lines is not None:
                lines[(*path, key)] = (n + 1 + off, indent + 1)
            if dq is not None:
                result[key] = dq if dq.isascii() else nfc(dq)
            elif plain is not None:
                result[key] = None if plain in NULLS else plain if plain.isascii() else nfc(plain)
            else:
                col = indent + s.start(4)
                result[key] = _simple_flow(flow, (*path, key), lines, n + 1 + off, col)
            continue
        m = _KEY.match(content)
        if not m:
            raise _GiveUp
        key = m.group(1)
        if key in result or key in NULLS or len(key) > _MAX_KEY:
            raise _GiveUp  # the full reader reports duplicate, null and over-long keys
        if lines is not None:
            lines[(*path, key)] = (n + 1 + off, indent + 1)
        rest = content[m.end() :]
        if _rest_is_comment(rest):
            nxt = rows[i] if i < len(rows) else None
            if nxt is not None and (nxt[1] > indent or (nxt[1] == indent and _ITEM.match(nxt[2]))):
                if nxt[1] == indent and not _ITEM.match(nxt[2]):
                    raise _GiveUp
                value, i = _block(rows, i, nxt[1], (*path, key), lines, off)
            else:
                value = None
        else:
            value, offsets = _inline(rest)
            col = indent + m.end()
            if lines is not None:
                for k, o in enumerate(offsets):
                    lines[(*path, key, k)] = (n + 1 + off, col + o + 1)
        result[key] = value
    return result, i


def _sequence(
    rows: Rows, i: int, indent: int, path: Key, lines: LineMap | None, off: int
) -> tuple[list[Any], int]:
    result: list[Any] = []
    while i < len(rows):
        n, ind, content = rows[i]
        if ind != indent:
            if ind > indent:
                raise _GiveUp
            break
        k = len(result)
        s = _ITEM_SIMPLE.match(content)
        if s is not None:  # the common case, in one match
            dq, plain, flow = s.groups()
            row = n + 1 + off
            if dq is not None:
                if lines is not None:
                    lines[(*path, k)] = (row, indent + s.start(1))
                result.append(dq if dq.isascii() else nfc(dq))
            elif plain is not None:
                if lines is not None:
                    lines[(*path, k)] = (row, indent + s.start(2) + 1)
                result.append(None if plain in NULLS else plain if plain.isascii() else nfc(plain))
            else:
                if lines is not None:
                    lines[(*path, k)] = (row, indent + s.start(3))
                result.append(_simple_flow(flow, (*path, k), lines, row, indent + s.start(3)))
            i += 1
            continue
        m = _ITEM.match(content)
        if not m:
            break  # a mapping key at the same indent ends a sequence under that mapping
        rest = content[m.end() :]
        col = indent + m.end()
        if _rest_is_comment(rest):
            raise _GiveUp  # nested block under a bare dash: leave it to the full reader
        if _KEY.match(rest):
            if lines is not None:
                lines[(*path, k)] = (n + 1 + off, col + 1)
            value, i = _mapping(rows, i, col, (*path, k), lines, off, first_content=rest)
        elif _ITEM.match(rest):
            raise _GiveUp
        else:
            value, offsets = _inline(rest)
            if lines is not None:
                lines[(*path, k)] = (n + 1 + off, col + 1)
                for j, o in enumerate(offsets):
                    lines[(*path, k, j)] = (n + 1 + off, col + o + 1)
            i += 1
        result.append(value)
    return result, i


def _simple_flow(inner: str, path: Key, lines: LineMap | None, row: int, col: int) -> list[Any]:
    """The words of a flow list matched by _SIMPLE_VALUE (``col``: 0-based, of the first)."""
    items: list[Any] = inner.split(", ")
    for k, word in enumerate(items):
        if lines is not None:
            lines[(*path, k)] = (row, col + 1)
            col += len(word) + 2
        if word in NULLS:
            items[k] = None
    return items
