"""The fast front-matter reader agrees with the full libyaml reader, or steps aside."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samennw.errors import DataFileError
from samennw.frontmatter import split, yaml_scalar
from samennw.yamlfast import load_yaml_fast
from samennw.yamlsafe import load_yaml_events

from .conftest import EMBEDDED


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
    ],
)
def test_steps_aside_for_anything_else(text: str) -> None:
    assert load_yaml_fast(text) is None


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
