"""Markdown files with YAML front matter: split, parse (with line numbers), edit minimally.

A document is ``---`` on the first line, YAML, a closing ``---`` line, then the body.
Edits work on the *text*, line by line, so untouched keys, comments, key order and
the body stay byte-for-byte as they were.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import DataFileError, Location
from .yamlsafe import LineMap, load_yaml

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

_TOP_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*):(?:[ \t]|$)")
_PLAIN_SAFE = re.compile(r"^[A-Za-z0-9À-ɏ][A-Za-z0-9À-ɏ .,/()'&+-]*$")
_YAML11_TRAPS = re.compile(
    r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
    r"|null|Null|NULL|~|[-+]?[0-9][0-9_:.eE+-]*)$"
)


def yaml_scalar(value: object) -> str:
    """Render a scalar for inline YAML, quoting whenever YAML 1.1 could mistype it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    if hasattr(value, "isoformat") or isinstance(value, int):
        return text
    if _PLAIN_SAFE.match(text) and not _YAML11_TRAPS.match(text) and not text.endswith(" "):
        return text
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _top_level_spans(fm_lines: list[str]) -> dict[str, tuple[int, int]]:
    """Map each top-level key to (first line, end line exclusive) within fm_lines.

    A key's block runs until the next line that starts in column 0 (another key or a
    top-level comment); trailing blank lines are not part of it.
    """
    spans: dict[str, tuple[int, int]] = {}
    starts = [(i, m.group(1)) for i, line in enumerate(fm_lines) if (m := _TOP_KEY.match(line))]
    for i, key in starts:
        end = i + 1
        while end < len(fm_lines) and (fm_lines[end][:1] in (" ", "\t", "-", "")):
            end += 1
        while end > i + 1 and not fm_lines[end - 1].strip():
            end -= 1
        spans[key] = (i, end)
    return spans


def set_keys(text: str, values: dict[str, object], after: str | None = None) -> str:
    """Set top-level scalar keys in the front matter of ``text``, touching nothing else.

    An existing key keeps its place (its line is replaced); a missing key is inserted
    after the key ``after`` (or at the end of the front matter).
    """
    _yaml, _body, end = split(text)
    lines = text.split("\n")
    fm = lines[1:end]
    for key, value in values.items():
        spans = _top_level_spans(fm)
        new_line = f"{key}: {yaml_scalar(value)}"
        if key in spans:
            s, e = spans[key]
            fm[s:e] = [new_line]
        else:
            pos = spans[after][1] if after is not None and after in spans else len(fm)
            fm.insert(pos, new_line)
            after = key
    return "\n".join([lines[0], *fm, *lines[end:]])


def append_to_list(text: str, key: str, item: dict[str, object], after: str | None = None) -> str:
    """Append a mapping item to the top-level block list ``key`` (creating it if needed)."""
    _yaml, _body, end = split(text)
    lines = text.split("\n")
    fm = lines[1:end]
    spans = _top_level_spans(fm)
    entries = list(item.items())
    first_k, first_v = entries[0]
    block = [f"  - {first_k}: {yaml_scalar(first_v)}"]
    block += [f"    {k}: {yaml_scalar(v)}" for k, v in entries[1:]]
    if key in spans:
        s, e = spans[key]
        head = fm[s]
        if re.match(rf"^{re.escape(key)}:\s*(\[\s*\])?\s*(#.*)?$", head) and e - s == 1:
            fm[s : s + 1] = [f"{key}:", *block]
        else:
            fm[e:e] = block
    else:
        pos = spans[after][1] if after is not None and after in spans else len(fm)
        fm[pos:pos] = [f"{key}:", *block]
    return "\n".join([lines[0], *fm, *lines[end:]])


def remove_keys(text: str, keys: list[str]) -> str:
    """Remove top-level keys (with their nested blocks) from the front matter."""
    _yaml, _body, end = split(text)
    lines = text.split("\n")
    fm = lines[1:end]
    for key in keys:
        spans = _top_level_spans(fm)
        if key in spans:
            s, e = spans[key]
            del fm[s:e]
    return "\n".join([lines[0], *fm, *lines[end:]])


def render_front_matter(values: dict[str, object], body: str = "") -> str:
    """A new document: keys in the given order, lists as block lists, then the body."""
    out = ["---"]
    for key, value in values.items():
        if value is None or value == [] or value == "":
            if key in ("wie", "wanneer"):
                out.append(f'{key}: ""')
            continue
        if isinstance(value, list):
            if all(not isinstance(v, dict) for v in value):
                out.append(f"{key}: [{', '.join(yaml_scalar(v) for v in value)}]")
                continue
            out.append(f"{key}:")
            for item in value:
                assert isinstance(item, dict)
                first = True
                for k, v in item.items():
                    out.append(f"{'  - ' if first else '    '}{k}: {yaml_scalar(v)}")
                    first = False
        else:
            out.append(f"{key}: {yaml_scalar(value)}")
    out.append("---")
    return "\n".join(out) + "\n" + body
