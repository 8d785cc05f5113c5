"""Every text samennw writes is Unicode NFC, whatever the terminal typed (issue #9).

A Mac's terminal may pass 'Ünver' decomposed (U+0055 U+0308): stored like that, the file
differs byte for byte from the composed name, and grep or a diff no longer match.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import run


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def assert_nfc_only(path: Path, *expected: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert "\u0308" not in text and "\u0301" not in text, "decomposed text written"
    assert text == unicodedata.normalize("NFC", text)
    for fragment in expected:
        assert fragment in text, fragment


@pytest.fixture
def repo(git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SAMENNW_DATUM", "2025-12-01")
    return git_repo


def test_add_action_writes_nfc(repo: Path) -> None:
    code, _, err = run(
        CliRunner(),
        "add-action", "ot-kvdj",
        "--wat", nfd("Café-overleg plannen"),
        "--wie", nfd("Emre Ünver"),
        "--wanneer", nfd("Begin februari (na café)"),
        "--herkomst", nfd("1/12 é"),
        "--toelichting", nfd("Met de coöperatie."),
        "--data", str(repo),
    )  # fmt: skip
    assert code == 0, err
    path = repo / err.splitlines()[1].strip()
    assert_nfc_only(
        path,
        "wie: Emre Ünver",
        "betrokkenen: [emre-unver]",
        "Café-overleg plannen",
        "(na café)",
        "1/12 é",
        "Met de coöperatie.",
    )


def test_update_and_close_notes_are_written_nfc(repo: Path) -> None:
    runner = CliRunner()
    code, _, err = run(
        runner, "update", "KVDJ-008", "--tekst", nfd("Gesprek met Ünver"), "--data", str(repo)
    )
    assert code == 0, err
    code, _, err = run(
        runner, "close", "KVDJ-008", "--toelichting", nfd("Afgerond, zie café"), "--data", str(repo)
    )
    assert code == 0, err
    assert_nfc_only(
        repo / "data" / "acties" / "afgerond" / "KVDJ-008.md",
        "Gesprek met Ünver",
        "Afgerond, zie café",
    )


def test_new_meeting_writes_nfc(repo: Path) -> None:
    code, _, err = run(
        CliRunner(),
        "new-meeting", "ot-kvdj", "--datum", "2026-01-15",
        "--locatie", nfd("Café Ünver"),
        "--punt", nfd("Coöperatie"),
        "--data", str(repo),
    )  # fmt: skip
    assert code == 0, err
    path = repo / "data" / "meetings" / "2026" / "ot-kvdj-2026-01-15.md"
    assert_nfc_only(path, "Café Ünver", "Coöperatie")
