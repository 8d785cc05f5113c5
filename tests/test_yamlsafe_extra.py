"""The full YAML reader: where it reports problems, and that it does not recurse."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from samennw.errors import DataFileError
from samennw.yamlsafe import load_yaml, load_yaml_events

UNCLOSED = "aanhalingsteken niet gesloten (geopend op deze regel)"


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("titel: 'open\nb: 2\nc: 3\n", 2, 8),
        ('titel: "open\nb: 2\n\n\n', 2, 8),
        ("a: x\ndeelnemers: [tjalling, 'ünver]\nb: 2\n", 3, 24),
        ("a: 'x\n\n---\nb: 2\n", 2, 4),  # runs into a document marker instead of the end
    ],
)
def test_unclosed_quote_is_reported_where_it_was_opened(text: str, line: int, column: int) -> None:
    with pytest.raises(DataFileError) as info:
        load_yaml(text, Path("vergadering.md"), 1)
    assert info.value.message == UNCLOSED
    assert info.value.location is not None
    assert (info.value.location.line, info.value.location.column) == (line, column)


def test_other_quoted_scalar_problems_keep_their_own_place() -> None:
    with pytest.raises(DataFileError) as info:
        load_yaml('a: "x\\q"\n', Path("f.yaml"))
    assert "escape" in info.value.message
    assert info.value.location is not None
    assert (info.value.location.line, info.value.location.column) == (1, 6)  # the backslash


def test_deeply_nested_documents_do_not_recurse() -> None:
    depth = 3000
    mapping = "".join(" " * i + f"k{i}:\n" for i in range(depth))
    data, lines = load_yaml(mapping)
    for i in range(depth - 1):
        data = data[f"k{i}"]
    assert data == {f"k{depth - 1}": None}
    assert len(lines) == depth

    sequence = "a: " + "[" * depth + "]" * depth + "\n"
    data, _ = load_yaml_events(sequence)
    nested = data["a"]
    for _ in range(depth - 1):
        (nested,) = nested
    assert nested == []


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nwie: Alle: aanwezigen\n",  # a colon in a plain value
        "id: x\n  status: open\n",  # a key indented too far
        'a: "x\\q"\n',
        "a: [1, 2\n",
        "- a\nb: 1\n",
    ],
)
def test_common_yaml_mistakes_are_explained_in_dutch(text: str) -> None:
    with pytest.raises(DataFileError) as info:
        load_yaml(text, Path("f.yaml"))
    message = info.value.message
    assert message.startswith("ongeldige YAML: "), message
    assert not re.search(r"\b(not|allowed|found|expected|context)\b", message), message
