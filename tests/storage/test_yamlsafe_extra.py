"""The full YAML reader: where it reports problems, and that it does not recurse."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from samennw.errors import DataFileError, Location
from samennw.storage.yamlreader import MAX_DEPTH, load_yaml, load_yaml_events

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


DEEP = 3000  # past libyaml 0.2.5's own limit of 1,000 levels, and Python's recursion limit


@pytest.mark.parametrize("loader", ["CSafeLoader", "SafeLoader"])
@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        # a block mapping per level: level MAX_DEPTH + 1 starts on that line
        ("".join(" " * i + f"k{i}:\n" for i in range(DEEP)), MAX_DEPTH + 1, MAX_DEPTH + 1),
        # a flow list per level: libyaml's scanner refuses before any event is seen
        ("a: " + "[" * DEEP + "]" * DEEP + "\n", 1, 3 + MAX_DEPTH),
        (
            "a:\n" + "".join("  " * i + "-\n" for i in range(1, DEEP)),
            MAX_DEPTH + 1,
            2 * MAX_DEPTH + 1,
        ),
    ],
    ids=["block", "flow", "list"],
)
def test_deeply_nested_documents_do_not_recurse(
    text: str, line: int, column: int, loader: str
) -> None:
    """One Dutch answer, with file and line, whatever the YAML library does with depth."""
    yaml = pytest.importorskip("yaml")
    with pytest.raises(DataFileError) as info:
        load_yaml_events(text, Path("partners.yaml"), loader=getattr(yaml, loader))
    assert info.value.message == f"te diep genest (meer dan {MAX_DEPTH} niveaus)"
    assert info.value.location == Location(Path("partners.yaml"), line, column)


def test_deep_nesting_is_refused_through_every_entry_point(tmp_path: Path) -> None:
    text = "".join(" " * i + f"k{i}:\n" for i in range(DEEP))
    with pytest.raises(DataFileError) as info:
        load_yaml(text, Path("partners.yaml"))  # the fast reader steps aside, no recursion
    assert info.value.message == f"te diep genest (meer dan {MAX_DEPTH} niveaus)"
    assert not re.search(r"[a-z]+ (maximum|depth|exceeded)", info.value.message)


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
