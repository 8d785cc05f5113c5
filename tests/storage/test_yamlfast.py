"""The fast front-matter reader agrees with the full libyaml reader, or steps aside."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samennw.errors import DataFileError
from samennw.storage.frontmatter import split, yaml_scalar
from samennw.storage.yamlreader import MAX_DEPTH, load_yaml_events, load_yaml_fast
from tests.conftest import EMBEDDED


def front_matter(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return split(text)[0] if path.suffix == ".md" else text


def embedded_files() -> list[Path]:
    return sorted(
        p for p in EMBEDDED.rglob("*") if p.suffix in (".md", ".yaml") and p.name != "README.md"
    )


def test_fast_path_reads_every_embedded_file_like_libyaml() -> None:
    files = embedded_files()
    assert len(files) > 100
    for path in files:
        text = front_matter(path)
        fast = load_yaml_fast(text, 1)
        assert fast is not None, path  # the fast path is really used
        assert fast == load_yaml_events(text, None, 1), path


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\n",
        "a: *x\n",
        "a: !!str 1\n",
        "a: |\n  tekst\n",
        "a: >\n  tekst\n",
        "a: {b: 1}\n",
        "a: b: c\n",
        "a:\n\t- b\n",
        "a: 1\na: 2\n",
        "? a\n: b\n",
        "a: tekst\n  die doorloopt\n",
        "a:\n  - - b\n",
        "a: [b, [c]]\n",
        "---\na: 1\n",
        "a: 'open\n",
        'a: "open\n',
        "a: x\n b: y\n",
        "- a\nb: c\n",
        # flow items the full reader reads as keys, block entries or errors
        "a: [?x]\n",
        "a: [x, ? y]\n",
        "a: [:x]\n",
        "a: [- x]\n",
        "a: [?]\n",
        "a: [x:y]\n",
        "a: [~:?]\n",
        # characters outside YAML's printable set, and YAML's other line breaks
        "a: x\x0b\n",
        "a: x\x01\n",
        "a: x\x7f\n",
        "a: x\x80\n",
        "a: x\x85\n",
        "a: x\u2028\n",
        "a: x\u2029\n",
        "a: x\ufffe\n",
        "a: x\ufeff\n",
        "a: x\r\n",
        # keys the full reader reads as null ("een sleutel moet tekst zijn")
        "null: x\n",
        "Null:\n",
        "NULL: 1\n",
        "~: x\n",
        "- null: 1\n",
        "a:\n  b: 1\n  null: 2\n",
        # longer than libyaml's 1024-character limit for a key
        "k" * 1100 + ": 1\n",
    ],
)
def test_steps_aside_for_anything_else(text: str) -> None:
    assert load_yaml_fast(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "a: [Tjalling\u00a0]\n",  # U+00A0 is not YAML white space: it stays
        "a: [\u3000x\u3000, y]\n",
        "a: Tjalling\u00a0\n",
        "a: [-x, -5]\n",
        "a: -\u00a0\n",
        "a: 'x'#c\n",
        "a: [x]#c\n",
        "k" * 1000 + ": 1\n",
    ],
)
def test_fast_path_keeps_what_libyaml_keeps(text: str) -> None:
    fast = load_yaml_fast(text)
    assert fast is not None
    assert fast == load_yaml_events(text)


@pytest.mark.parametrize("loader", ["CSafeLoader", "SafeLoader"])
def test_deep_nesting_steps_aside_instead_of_recursing(loader: str) -> None:
    """Past the nesting limit the fast reader steps aside (no recursion) and the full
    reader gives one Dutch answer with the place, with libyaml's parser (whose 0.2.5
    refuses 1,000 levels itself) and with the pure-Python one (which has no limit)."""
    yaml = pytest.importorskip("yaml")
    text = "".join(" " * i + f"k{i}:\n" for i in range(1500))
    assert load_yaml_fast(text) is None
    with pytest.raises(DataFileError) as info:
        load_yaml_events(text, Path("f.md"), 1, loader=getattr(yaml, loader))
    assert info.value.message == f"te diep genest (meer dan {MAX_DEPTH} niveaus)"
    assert str(info.value) == f"f.md:{MAX_DEPTH + 2}:{MAX_DEPTH + 1}: {info.value.message}"

    at_limit = "".join(" " * i + f"k{i}:\n" for i in range(MAX_DEPTH))
    data, _ = load_yaml_events(at_limit, loader=getattr(yaml, loader))
    for i in range(MAX_DEPTH - 1):
        data = data[f"k{i}"]
    assert data == {f"k{MAX_DEPTH - 1}": None}


scalars = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=20),
    st.sampled_from(
        [
            "",
            "~",
            "null",
            "NO",
            "14:30",
            "012",
            "a: b",
            "# x",
            "- x",
            "[x]",
            "Okt/nov",
            "Ünver",
            "x #y",
            "'q'",
            '"q"',
            " x",
            "x ",
            "-",
            "-5",
        ]
    ),
)
keys = st.from_regex(r"[a-z_][a-z0-9_]{0,8}", fullmatch=True)


def render(value: object, indent: int = 0) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    assert isinstance(value, dict)
    for k, v in value.items():
        if isinstance(v, list):
            if not v or (all(isinstance(x, str) for x in v) and len(v) % 2):
                lines.append(f"{pad}{k}: [{', '.join(yaml_scalar(x) for x in v)}]")
                continue
            lines.append(f"{pad}{k}:")
            for item in v:
                if isinstance(item, dict) and item:
                    sub = render(item, indent + 4)
                    sub[0] = f"{pad}  - " + sub[0].lstrip(" ")
                    lines.extend(sub)
                else:
                    lines.append(f"{pad}  - {yaml_scalar(item)}")
        elif isinstance(v, dict) and v:
            lines.append(f"{pad}{k}:")
            lines.extend(render(v, indent + 2))
        else:
            lines.append(
                f"{pad}{k}: {yaml_scalar(v)}" + ("  # opmerking" if len(k) % 3 == 0 else "")
            )
    return lines


documents = st.dictionaries(
    keys,
    st.one_of(
        scalars,
        st.lists(scalars, max_size=4),
        st.lists(st.dictionaries(keys, scalars, min_size=1, max_size=3), max_size=3),
        st.dictionaries(keys, scalars, min_size=1, max_size=3),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=300)
@given(documents)
def test_fast_path_agrees_with_libyaml(doc: dict[str, object]) -> None:
    text = "\n".join(render(doc)) + "\n"
    fast = load_yaml_fast(text, 1)
    try:
        full = load_yaml_events(text, None, 1)
    except DataFileError:
        assert fast is None
        return
    if fast is not None:
        assert fast == full, text


def test_generated_documents_mostly_take_the_fast_path() -> None:
    from hypothesis import find

    example = find(
        documents,
        lambda d: (
            len(d) >= 4
            and any(isinstance(v, list) and v and isinstance(v[0], dict) for v in d.values())
        ),
    )
    text = "\n".join(render(example)) + "\n"
    assert load_yaml_fast(text, 1) == load_yaml_events(text, None, 1)


# Character-level differential testing: the fast reader must agree with the full one
# or step aside, also on text no generator of valid documents would write.
EDGES = "?:-[],#'\" \xa0\u3000\u2028\x85\x0b\x7f\ufeff\r\n\tab~&*!|>{}%@`\\/"
FRAGMENTS = [
    "a:",
    "b: ",
    "null",
    "Null: ",
    "~",
    "- ",
    "-",
    "? ",
    ": ",
    "[",
    "]",
    ", ",
    "'",
    '"',
    "''",
    "\\n",
    "\\/",
    "\\u00e9",
    " #",
    "#c",
    "\n",
    "\n  ",
    "\n- ",
    "\n  - ",
    "---",
    "...",
    "&a ",
    "*a",
    "!t ",
    "Ü",
    "e\u0301",
]
edge_text = st.text(alphabet=EDGES, max_size=12)
edge_chunks = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.sampled_from(EDGES)), max_size=8
).map("".join)
TEMPLATES = [
    "{0}",
    "a: {0}\n",
    "a: [{0}]\n",
    "a: [{0}, {1}]\n",
    "a: '{0}'\n",
    'a: "{0}"\n',
    "- {0}\n- {1}\n",
    "a: {0}\nb: {1}\n",
    "a:\n  - {0}\n  - x: {1}\n",
    "{0}: x\n",
    "- {0}: 1\n",
    "a:\n  {0}: {1}\n",
    "{0}\n{1}",
    "x:\n- {0}\n{1}",
]


def assert_agrees(text: str) -> None:
    fast = load_yaml_fast(text, 1)
    bare = load_yaml_fast(text, 1, with_lines=False)  # the same data, no line map
    assert bare == (None if fast is None else (fast[0], {})), text
    try:
        full = load_yaml_events(text, None, 1)
    except DataFileError:
        assert fast is None, text
        return
    if fast is not None:
        assert fast == full, text


NFD = unicodedata.normalize("NFD", "Ünver")


@pytest.mark.parametrize(
    "text",
    [
        # the shapes read with one match, and their neighbours that are not
        "a: woord\nb: 2026-01-07\n",
        "a:   drie losse woorden\n",
        "a: null\nb: Null\nc: NULL\nd: nul\n",
        'a: "16:30"\nb: ""\n',
        f'a: "{NFD}"\nb: {NFD}\nc: [{NFD}]\n',
        "a: [x, y-z, w.v, x_1]\nb: [x, null]\n",
        "a: [x,y]\nb: [x,  y]\nc: [ x]\nd: [x ]\n",
        'a:\n  - x\n  - "y"\n  - [p, q]\n  - null\n  -   z\n',
        "- a\n- [b, c]\n- 'd'\n",
        "a:\n- x: [p, q]\n  y: 'z'\n  z: w\n",
        "a: x \nb: y  # c\nc: 'q' \n",
        "a: x, y [z] {w}\n",
        "k" * 1000 + ": x\n",
        "[a, b]\n",
    ],
)
def test_simple_shapes_agree_with_libyaml(text: str) -> None:
    assert load_yaml_fast(text, 1) is not None, text
    assert_agrees(text)


@settings(max_examples=500)
@given(
    st.sampled_from(TEMPLATES),
    st.one_of(edge_text, edge_chunks),
    st.one_of(edge_text, edge_chunks),
)
def test_fast_path_agrees_on_edge_characters_in_values(
    template: str, first: str, second: str
) -> None:
    assert_agrees(template.format(first, second))


@settings(max_examples=500)
@given(
    st.lists(
        st.tuples(st.sampled_from([0, 0, 1, 2, 2, 4]), st.one_of(edge_text, edge_chunks)),
        min_size=1,
        max_size=6,
    ),
    st.sampled_from(["", "\n", " "]),
)
def test_fast_path_agrees_on_edge_character_documents(
    rows: list[tuple[int, str]], end: str
) -> None:
    assert_agrees("\n".join(" " * indent + content for indent, content in rows) + end)
