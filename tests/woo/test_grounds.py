"""Woo grounds: the valid ones, their notations, and validate's errors (issue #14, 2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from samennw.woo.grounds import GROUNDS, normalize_ground, require_ground
from tests.conftest import MEETING, PARTNERS, build_file_tree, run


def notations(ground: str) -> st.SearchStrategy[str]:
    """Ways a secretary or a published document writes ``ground``."""
    numbers, _, letter = ground.rpartition(".") if ground[-1].isalpha() else (ground, "", "")
    parts = numbers.split(".")
    between = st.sampled_from([".", ". ", ",", ", ", " "])
    before_letter = st.sampled_from([".", ",", "", " ", " sub ", " onder ", ", onder ", ".", ",  "])
    prefix = st.sampled_from(["", "art. ", "artikel ", "Art. ", "Woo ", "Wob art. ", "  "])
    suffix = st.sampled_from(["", " Woo", " Wob", " "])
    upper = st.booleans()

    @st.composite
    def build(draw: st.DrawFn) -> str:
        text = parts[0]
        for part in parts[1:]:
            text += draw(between) + part
        if letter:
            text += draw(before_letter) + (letter.upper() if draw(upper) else letter)
        return draw(prefix) + text + draw(suffix)

    return build()


@given(st.sampled_from(GROUNDS).flatmap(lambda g: st.tuples(st.just(g), notations(g))))
def test_every_notation_normalises_to_the_ground(case: tuple[str, str]) -> None:
    ground, written = case
    assert normalize_ground(written) == ground
    assert normalize_ground(ground) == ground  # the canonical form is a fixed point


@given(st.text(max_size=20))
def test_whatever_normalises_is_a_valid_canonical_ground(text: str) -> None:
    ground = normalize_ground(text)
    assert ground is None or (ground in GROUNDS and normalize_ground(ground) == ground)


@pytest.mark.parametrize(
    ("written", "ground"),
    [
        ("5.1.2e", "5.1.2.e"),
        ("5.1.2,e", "5.1.2.e"),
        ("5.1.2 sub e", "5.1.2.e"),
        ("art. 5.1, lid 2, onder e", "5.1.2.e"),
        ("5.2", "5.2"),
        ("5.1.5", "5.1.5"),
        ("10.2e", "10.2.e"),
        ("Wob 10, lid 2, sub g", "10.2.g"),
        ("11.1", "11.1"),
    ],
)
def test_examples(written: str, ground: str) -> None:
    assert normalize_ground(written) == ground


@pytest.mark.parametrize(
    "wrong", ["5.1.2.x", "5.1.3", "5.1.1.f", "5.1.2", "10.2.h", "5", "", "geheim", "5.1.2.ee"]
)
def test_invalid_grounds(wrong: str) -> None:
    assert normalize_ground(wrong) is None
    with pytest.raises(ValueError, match=r"geen geldige Woo-lakgrond; geldig zijn Woo 5\.1\.1"):
        require_ground(wrong)


def validate(root: Path) -> tuple[int, str]:
    code, stdout, err = run(CliRunner(), "validate", "--data", str(root))
    return code, stdout + err


def test_an_invalid_ground_in_a_span_is_an_error_at_its_line(tmp_path: Path) -> None:
    meeting = MEETING + "\nWelkom.\n\nDe [[5.1.2.x|koopsom]] en [[5.1.2,b|de bieding]].\n"
    root = build_file_tree(
        tmp_path / "r",
        {"data/partners.yaml": PARTNERS, "data/meetings/2025/ot-kvdj-2025-11-25.md": meeting},
    )
    code, out = validate(root)
    assert code == 1
    assert (
        "data/meetings/2025/ot-kvdj-2025-11-25.md:14:4: fout: '5.1.2.x' in [[5.1.2.x|…]] is "
        "geen geldige Woo-lakgrond; geldig zijn Woo 5.1.1.a–e, 5.1.2.a–i" in out
    )
    assert "5.1.2,b" not in out  # another notation of a valid ground is fine
    assert "1 fout(en)" in out


def test_a_span_in_an_action_body_is_checked_too(tmp_path: Path) -> None:
    from tests.conftest import ACTION

    root = build_file_tree(
        tmp_path / "r",
        {
            "data/partners.yaml": PARTNERS,
            "data/meetings/2025/ot-kvdj-2025-11-25.md": MEETING,
            "data/acties/open/KVDJ-001.md": ACTION + "En [[5.1.3|dit]].\n",
        },
    )
    code, out = validate(root)
    assert code == 1
    assert "KVDJ-001.md:13:4: fout: '5.1.3' in [[5.1.3|…]] is geen geldige" in out


def test_an_invalid_vertrouwelijk_is_an_error_at_its_line(tmp_path: Path) -> None:
    meeting = MEETING.replace(
        "notulen_status",
        "agenda:\n  - nr: 1\n    titel: Opening\n    vertrouwelijk: 5.1.2.x\nnotulen_status",
    )
    root = build_file_tree(
        tmp_path / "r",
        {"data/partners.yaml": PARTNERS, "data/meetings/2025/ot-kvdj-2025-11-25.md": meeting},
    )
    code, out = validate(root)
    assert code == 1
    assert "ot-kvdj-2025-11-25.md:11" in out
    assert "'5.1.2.x' is geen geldige Woo-lakgrond; geldig zijn" in out


def test_an_invalid_lakgrond_is_an_error_at_its_line(tmp_path: Path) -> None:
    partners = PARTNERS.replace(
        "    organisatie: gemeente-amsterdam\n  - id: emre-unver",
        "    organisatie: gemeente-amsterdam\n    lakgrond: 5.1.2 sub q\n  - id: emre-unver",
    )
    assert partners != PARTNERS
    root = build_file_tree(
        tmp_path / "r",
        {"data/partners.yaml": partners, "data/meetings/2025/ot-kvdj-2025-11-25.md": MEETING},
    )
    code, out = validate(root)
    assert code == 1
    line = partners.splitlines().index("    lakgrond: 5.1.2 sub q") + 1
    assert f"partners.yaml:{line}" in out
    assert "'5.1.2 sub q' is geen geldige Woo-lakgrond" in out


def test_a_lakgrond_in_another_notation_is_read_as_the_ground(tmp_path: Path) -> None:
    from samennw.model.records import Person

    assert Person(id="x", lakgrond="5.1.2 sub e").lakgrond == "5.1.2.e"
