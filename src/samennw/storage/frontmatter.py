"""Markdown files with YAML front matter: split, parse (with line numbers), edit minimally.

A document is ``---`` on the first line, YAML, a closing ``---`` line, then the body.
Edits work on the *text*, line by line, so untouched keys, comments, key order and
the body stay byte-for-byte as they were.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from samennw.errors import DataFileError, Location
from samennw.storage.yamlreader import LineMap, load_yaml, nfc

_FENCE = re.compile(r"^---[ \t]*\r?$")


@dataclass(slots=True)
class Document:
    """A parsed front-matter document."""

    data: dict[str, Any]
    lines: LineMap
    body: str
    fm_end: int  # 0-based index of the closing '---' line in the text's lines


def split(text: str, path: Path | None = None) -> tuple[str, str, int]:
    """Return (front matter YAML, body, index of closing fence line)."""
    if text.startswith("---\n"):  # the usual file: is the first '---' line exactly that?
        end = text.find("\n---", 3)
        after = end + 4
        if end >= 0 and (after == len(text) or text[after] == "\n"):
            return text[4:end] + "\n", text[after + 1 :], text.count("\n", 0, end + 1)
    if not text.strip():
        raise DataFileError("bestand is leeg", Location(path, 1))
    all_lines = text.split("\n")
    if not _FENCE.match(all_lines[0]):
        raise DataFileError(
            "bestand moet beginnen met een regel '---' (front matter)", Location(path, 1)
        )
    for i in range(1, len(all_lines)):
        if _FENCE.match(all_lines[i]):
            yaml_text = "\n".join(all_lines[1:i]) + "\n"
            body = "\n".join(all_lines[i + 1 :])
            return yaml_text, body, i
    raise DataFileError(
        "de afsluitende regel '---' van de front matter ontbreekt", Location(path, 1)
    )


def parse(text: str, path: Path | None = None) -> Document:
    yaml_text, body, end = split(text, path)
    data, lines = load_yaml(yaml_text, path, line_offset=1)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise DataFileError("de front matter moet sleutels met waarden bevatten", Location(path, 2))
    return Document(data=data, lines=lines, body=body, fm_end=end)


# --- minimal-diff editing ------------------------------------------------------------
#
# Edits work on the lines of the front matter. A file's byte-order mark and its line
# endings (LF or CRLF) are kept: the text is edited with LF and converted back.

_TOP_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*):(?:[ \t]|$)")
_PLAIN_SAFE = re.compile(r"^[A-Za-z0-9À-ɏ][A-Za-z0-9À-ɏ .,/()'&+-]*$")
_YAML11_TRAPS = re.compile(
    r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
    r"|null|Null|NULL|~|[-+]?[0-9][0-9_:.eE+-]*)$"
)
_ESCAPE = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t",
           "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}  # fmt: skip
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]')
_SCALAR_LINE = re.compile(
    r"""^(?P<head>[A-Za-z_][A-Za-z0-9_]*:[ \t]*)"""
    r"""(?P<value>"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^#]*?)(?P<comment>[ \t]+#.*)?$"""
)


def _escape(match: re.Match[str]) -> str:
    ch = match.group(0)
    return _ESCAPE.get(ch) or (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")


def yaml_scalar(value: object, *, flow: bool = False) -> str:
    """Render a scalar for inline YAML, quoting whenever YAML 1.1 could mistype it.

    Control characters and line breaks are escaped in double quotes, so what is read
    back is exactly what was written. Text is written in Unicode NFC (a decomposed
    'Ünver' typed on a Mac is written composed). ``flow``: the scalar stands in a
    ``[a, b]`` list.
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    if hasattr(value, "isoformat") or isinstance(value, int):
        return text
    text = nfc(text)
    plain = _PLAIN_SAFE.match(text) and not _YAML11_TRAPS.match(text) and text[-1:] != " "
    if plain and not (flow and "," in text):
        return text
    return '"' + _NEEDS_ESCAPE.sub(_escape, text) + '"'


def _edit(text: str, change: Callable[[list[str]], list[str]]) -> str:
    """Apply ``change`` to the front-matter lines (LF, no BOM); keep BOM and line endings."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    text = text[len(bom) :]
    crlf = text.split("\n", 1)[0].endswith("\r")
    if crlf:
        text = text.replace("\r\n", "\n")
    _yaml, _body, end = split(text)
    lines = text.split("\n")
    result = "\n".join([lines[0], *change(lines[1:end]), *lines[end:]])
    return bom + (result.replace("\n", "\r\n") if crlf else result)


def _top_level_spans(fm_lines: list[str]) -> dict[str, tuple[int, int]]:
    """Map each top-level key to (first line, end line exclusive) within fm_lines.

    A key's block runs over its indented lines and list items; a column-0 comment or
    blank line belongs to it when more of the block follows. Trailing blank and comment
    lines are not part of it.
    """
    spans: dict[str, tuple[int, int]] = {}
    n = len(fm_lines)
    starts = [(i, m.group(1)) for i, line in enumerate(fm_lines) if (m := _TOP_KEY.match(line))]
    for i, key in starts:
        end = last = i + 1
        while end < n:
            line = fm_lines[end]
            if line[:1] in (" ", "\t", "-"):
                last = end + 1
            elif line.strip() and not line.startswith("#"):
                break  # the next key
            end += 1
        spans[key] = (i, last)
    return spans


def set_keys(text: str, values: dict[str, object], after: str | None = None) -> str:
    """Set top-level scalar keys in the front matter of ``text``, touching nothing else.

    An existing key keeps its place and its trailing comment; a missing key is inserted
    after the key ``after`` (or at the end of the front matter).
    """

    def change(fm: list[str]) -> list[str]:
        anchor = after
        for key, value in values.items():
            spans = _top_level_spans(fm)
            new_line = f"{key}: {yaml_scalar(value)}"
            if key in spans:
                s, e = spans[key]
                m = _SCALAR_LINE.match(fm[s])
                if e - s == 1 and m and m.group("comment"):
                    new_line += m.group("comment")
                fm[s:e] = [new_line]
            else:
                pos = spans[anchor][1] if anchor is not None and anchor in spans else len(fm)
                fm.insert(pos, new_line)
                anchor = key
        return fm

    return _edit(text, change)


def append_to_list(text: str, key: str, item: dict[str, object], after: str | None = None) -> str:
    """Append a mapping item to the top-level block list ``key`` (creating it if needed).

    New items copy the indentation of the items already there. A non-empty inline list
    (``key: [...]``) cannot be extended without rewriting it: ValueError.
    """

    def change(fm: list[str]) -> list[str]:
        spans = _top_level_spans(fm)
        entries = list(item.items())
        if key not in spans:
            pos = spans[after][1] if after is not None and after in spans else len(fm)
            fm[pos:pos] = [f"{key}:", *_item_lines(entries, 2)]
            return fm
        s, e = spans[key]
        head = fm[s]
        if re.match(rf"^{re.escape(key)}:\s*(\[\s*\])?\s*(#.*)?$", head) is None:
            raise ValueError(f"'{key}' is geen lijst in blokvorm")
        if e - s == 1:  # "key:" or "key: []" without items
            fm[s : s + 1] = [f"{key}:", *_item_lines(entries, 2)]
            return fm
        dash = next((ln for ln in fm[s + 1 : e] if ln.lstrip().startswith("-")), None)
        indent = len(dash) - len(dash.lstrip()) if dash is not None else 2
        fm[e:e] = _item_lines(entries, indent)
        return fm

    return _edit(text, change)


def _item_lines(entries: list[tuple[str, object]], indent: int) -> list[str]:
    pad = " " * indent
    (first_k, first_v), rest = entries[0], entries[1:]
    return [
        f"{pad}- {first_k}: {yaml_scalar(first_v)}",
        *(f"{pad}  {k}: {yaml_scalar(v)}" for k, v in rest),
    ]


def remove_keys(text: str, keys: list[str]) -> str:
    """Remove top-level keys (with their nested blocks) from the front matter."""

    def change(fm: list[str]) -> list[str]:
        for key in keys:
            spans = _top_level_spans(fm)
            if key in spans:
                s, e = spans[key]
                del fm[s:e]
        return fm

    return _edit(text, change)


def render_front_matter(values: dict[str, object], body: str = "") -> str:
    """A new document: keys in the given order, lists as block lists, then the body
    (all text in Unicode NFC, see :func:`yaml_scalar`)."""
    out = ["---"]
    for key, value in values.items():
        if value is None or value == [] or value == "":
            if key in ("wie", "wanneer"):
                out.append(f'{key}: ""')
            continue
        if isinstance(value, list):
            if all(not isinstance(v, dict) for v in value):
                out.append(f"{key}: [{', '.join(yaml_scalar(v, flow=True) for v in value)}]")
                continue
            out.append(f"{key}:")
            for item in value:
                assert isinstance(item, dict)
                out.extend(_item_lines(list(item.items()), 2))
        else:
            out.append(f"{key}: {yaml_scalar(value)}")
    out.append("---")
    return "\n".join(out) + "\n" + nfc(body)
