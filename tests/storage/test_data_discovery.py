"""Which data repository a command uses without --data, and which it never writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import git, run, snapshot


def test_a_subfolder_of_a_data_repository_uses_that_repository(
    runner: CliRunner, embedded_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = embedded_copy / "data" / "acties" / "open" / "KVDJ-004.md"
    broken.write_text(broken.read_text(encoding="utf-8").replace("status: open", "status: ?"))
    monkeypatch.chdir(embedded_copy / "data" / "acties" / "open")
    code, out, _ = run(runner, "validate")
    assert code == 1 and "KVDJ-004.md" in out  # the user's data, not the embedded set


def test_a_write_from_a_subfolder_changes_that_repository(
    runner: CliRunner, git_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(git_repo / "data" / "meetings")
    code, _, err = run(runner, "close", "KVDJ-004", "--datum", "2026-01-05", "--commit")
    assert code == 0, err
    assert (git_repo / "data/acties/afgerond/KVDJ-004.md").is_file()
    assert "data/acties/afgerond/KVDJ-004.md" in git(git_repo, "ls-tree", "-r", "HEAD")


def test_a_data_folder_above_without_partners_is_not_a_repository(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "data").mkdir()  # some unrelated 'data' folder higher up
    below = tmp_path / "werk" / "notities"
    below.mkdir(parents=True)
    monkeypatch.chdir(below)
    code, out, err = run(runner, "validate")
    assert code == 0, err
    assert "Gecontroleerd: 122 bestanden" in out + err  # the embedded set
    code, _, err = run(runner, "close", "KVDJ-004")
    assert code == 1 and "meegeleverde voorbeeldgegevens" in err


def test_a_source_checkout_of_samennw_is_never_written(
    runner: CliRunner, git_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever install is used: a folder that is samennw's source has the embedded set."""
    (git_repo / "src" / "samennw").mkdir(parents=True)
    (git_repo / "src" / "samennw" / "__init__.py").write_text('"""samennw."""\n')
    (git_repo / "pyproject.toml").write_text('[project]\nname = "samennw"\n')
    git(git_repo, "add", "-A")
    git(git_repo, "commit", "-q", "-m", "bron")
    before, head = snapshot(git_repo), git(git_repo, "rev-parse", "HEAD")
    for where in (git_repo, git_repo / "src"):
        monkeypatch.chdir(where)
        code, _, err = run(runner, "close", "KVDJ-004", "--commit")
        assert code == 1 and "meegeleverde voorbeeldgegevensset" in err, err
    code, _, err = run(runner, "update", "KVDJ-004", "--tekst", "x", "--data", str(git_repo))
    assert code == 1 and "Er is niets gewijzigd" in err
    assert snapshot(git_repo) == before and git(git_repo, "rev-parse", "HEAD") == head


def test_a_meeting_of_a_team_without_members_is_made(
    runner: CliRunner, embedded_copy: Path
) -> None:
    """ot-eid has no members in partners.yaml: the meeting starts with nobody expected."""
    code, _, err = run(
        runner, "new-meeting", "ot-eid", "--datum", "2026-01-15", "--data", str(embedded_copy)
    )
    assert code == 0, err
    text = (embedded_copy / "data/meetings/2026/ot-eid-2026-01-15.md").read_text("utf-8")
    assert "\naanwezig: []\n" in text
    assert run(runner, "validate", "--data", str(embedded_copy))[0] == 0
