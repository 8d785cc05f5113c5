"""validate warns when 'wie' (the text) and 'betrokkenen' (the ids) disagree (issue #9).

The owner query searches 'betrokkenen': after a hand edit of only 'wie' it would answer
from stale ids, so the mismatch is a warning with the file and line of 'wie'.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import EMBEDDED_WARNINGS, run

HINT = "; werk ze samen bij (--owner zoekt op 'betrokkenen')"


def edit(root: Path, old: str, new: str) -> None:
    path = root / "data" / "acties" / "open" / "KVDJ-008.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def validate(root: Path) -> tuple[int, list[str]]:
    code, out, _ = run(CliRunner(), "validate", "--data", str(root))
    return code, out.splitlines()


def test_the_embedded_data_agrees(embedded_copy: Path) -> None:
    assert validate(embedded_copy) == (0, EMBEDDED_WARNINGS)


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        (
            "wie: Tjalling",
            "wie: Sofie",
            "Sofie (sofie) staat niet in 'betrokkenen'; "
            "Tjalling (tjalling) wordt niet genoemd in 'wie'",
        ),
        ("wie: Tjalling", "wie: Tjalling/Sofie", "Sofie (sofie) staat niet in 'betrokkenen'"),
        (
            "betrokkenen: [tjalling]",
            "betrokkenen: [tjalling, sofie]",
            "Sofie (sofie) wordt niet genoemd in 'wie'",
        ),
    ],
    ids=["wie-replaced", "wie-extended", "betrokkenen-extended"],
)
def test_a_hand_edit_of_one_side_is_a_warning(
    embedded_copy: Path, monkeypatch: pytest.MonkeyPatch, jobs: str, old: str, new: str, says: str
) -> None:
    monkeypatch.setenv("SAMENNW_JOBS", jobs)
    edit(embedded_copy, old, new)
    assert validate(embedded_copy) == (
        0,
        [
            "data/acties/open/KVDJ-008.md:4:1: waarschuwing: 'wie' past niet bij "
            f"'betrokkenen': {says}{HINT}",
            *EMBEDDED_WARNINGS,
        ],
    )


@pytest.mark.parametrize(
    ("wie", "refs"),
    [
        ("Tjalling met andere instanties", "[tjalling]"),
        ("Alle aanwezigen", "[ot-kvdj]"),
        ('""', "[tjalling]"),  # no text: nothing to compare
        ("Gemeente", "[gemeente-amsterdam]"),  # organisations are named in words of their own
        ("tjalling/ SOFIE", "[sofie, tjalling]"),  # case, spacing and order do not matter
    ],
)
def test_texts_that_agree_are_quiet(embedded_copy: Path, wie: str, refs: str) -> None:
    edit(
        embedded_copy, "wie: Tjalling\nbetrokkenen: [tjalling]", f"wie: {wie}\nbetrokkenen: {refs}"
    )
    assert validate(embedded_copy) == (0, EMBEDDED_WARNINGS)


def test_an_unknown_id_is_the_error_not_also_a_mismatch(embedded_copy: Path) -> None:
    edit(embedded_copy, "betrokkenen: [tjalling]", "betrokkenen: [tjallling]")
    code, lines = validate(embedded_copy)
    assert code == 1
    assert lines == [
        "data/acties/open/KVDJ-008.md:5:15: fout: onbekende persoon, organisatie of team "
        "'tjallling'; bedoelde u 'tjalling'?",
        *EMBEDDED_WARNINGS,
    ]
