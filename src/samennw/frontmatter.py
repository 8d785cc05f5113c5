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
    """Map each top-level key to (first line, end line exclusive) within fm_lines."""
    spans: dict[str, tuple[int, int]] = {}
    current: str | None = None
    start = 0
    last_content = 0
    for i, line in enumerate(fm_lines):
        m = _TOP_KEY.match(line)
        if m:
            if current is not None:
                spans[current] = (start, last_content + 1)
            current, start = m.group(1), i
        if line.strip() and not line.lstrip().startswith("#"):
            last_content = i
        elif line.strip() and line.startswith((" ", "-")):
            last_content = i
    if current is not None:
        spans[current] = (start, last_content + 1)
    return spans


def set_keys(text: str, values: dict[str, object], after: str | None = None) -> str:
    """Set top-level scalar keys in the front matter of ``text``, touching nothing else.

    An existing key keeps its place (its line is replaced); a missing key is inserted
    after the key ``after`` (or at the end of the front matter).
    """
    yaml_text, _body, end = split(text)
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
