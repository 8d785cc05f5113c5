"""A closing date after today: said at close time, and a warning of validate (issue #9)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import EMBEDDED_WARNINGS, run


@pytest.fixture
def repo(git_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SAMENNW_DATUM", "2025-12-01")
    return git_repo


def test_closing_after_today_is_said_and_validate_keeps_warning(repo: Path) -> None:
    runner = CliRunner()
    code, _, err = run(runner, "close", "KVDJ-008", "--datum", "2099-01-01", "--data", str(repo))
    assert code == 0, err
    assert err.splitlines()[0] == "Actie KVDJ-008 afgerond"
    assert (
        "let op: afronddatum 1 januari 2099 ligt na vandaag (1 december 2025); "
        "'samennw validate' blijft dit melden tot die dag"
    ) in err.splitlines()
    closed = repo / "data" / "acties" / "afgerond" / "KVDJ-008.md"
    assert "afgerond_op: 2099-01-01" in closed.read_text(encoding="utf-8")

    code, out, err = run(runner, "validate", "--data", str(repo))
    assert code == 0, out + err  # a warning, not an error
    line = next(i for i, t in enumerate(closed.read_text().splitlines(), 1) if "afgerond_op" in t)
    assert out.splitlines() == [
        f"data/acties/afgerond/KVDJ-008.md:{line}:1: waarschuwing: afgerond op 1 januari 2099, "
        "na vandaag (1 december 2025); klopt de datum?",
        *EMBEDDED_WARNINGS,
    ]
    assert f"Geen fouten; {1 + len(EMBEDDED_WARNINGS)} waarschuwing(en)." in err


def test_closing_today_or_earlier_says_nothing_more(repo: Path) -> None:
    runner = CliRunner()
    code, _, err = run(runner, "close", "KVDJ-008", "--datum", "2025-12-01", "--data", str(repo))
    assert code == 0, err
    assert "let op" not in err
    code, out, _ = run(runner, "validate", "--data", str(repo))
    assert code == 0 and out.splitlines() == EMBEDDED_WARNINGS
