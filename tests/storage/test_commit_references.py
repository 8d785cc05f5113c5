"""--commit never makes a commit that refers to a record git does not hold (issue #9 §2).

A commit of a meeting whose ``vorige_vergadering`` exists only in the working tree would
fail ``validate`` on a fresh clone; samennw refuses it in Dutch and changes nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import git, run, snapshot


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAMENNW_DATUM", "2026-03-01")


def cli(runner: CliRunner, repo: Path, *args: str) -> tuple[int, str, str]:
    return run(runner, *args, "--data", str(repo))


def fresh_clone_validates(repo: Path, tmp_path: Path, runner: CliRunner) -> int:
    clone = tmp_path / "kloon"
    git(tmp_path, "clone", "-q", str(repo), str(clone))
    return run(runner, "validate", "--data", str(clone))[0]


def test_a_meeting_that_follows_an_uncommitted_meeting_is_not_committed(
    runner: CliRunner, git_repo: Path, tmp_path: Path
) -> None:
    code, _, err = cli(runner, git_repo, "new-meeting", "ot-kvdj", "--datum", "2026-01-15")
    assert code == 0, err
    head = git(git_repo, "rev-parse", "HEAD")
    before = snapshot(git_repo)
    code, _, err = run(
        runner, "new-meeting", "ot-kvdj", "--datum", "2026-02-15", "--commit",
        "--data", str(git_repo),
    )  # fmt: skip
    assert code == 4
    assert "vergadering 'ot-kvdj-2026-01-15'" in err and "nog niet vastgelegd" in err
    assert "Er is niets gewijzigd" in err
    assert snapshot(git_repo) == before and git(git_repo, "rev-parse", "HEAD") == head
    assert fresh_clone_validates(git_repo, tmp_path, runner) == 0


def test_once_the_earlier_meeting_is_committed_the_next_one_commits(
    runner: CliRunner, git_repo: Path, tmp_path: Path
) -> None:
    code, _, err = cli(runner, git_repo, "new-meeting", "ot-kvdj", "--datum", "2026-01-15")
    assert code == 0, err
    git(git_repo, "add", "-A")
    git(git_repo, "commit", "-q", "-m", "vergadering")
    code, _, err = run(
        runner, "new-meeting", "ot-kvdj", "--datum", "2026-02-15", "--commit",
        "--data", str(git_repo),
    )  # fmt: skip
    assert code == 0, err
    assert "vorige_vergadering: ot-kvdj-2026-01-15" in git(
        git_repo, "show", "HEAD:data/meetings/2026/ot-kvdj-2026-02-15.md"
    )
    assert fresh_clone_validates(git_repo, tmp_path, runner) == 0


def test_an_update_in_an_uncommitted_meeting_is_not_committed(
    runner: CliRunner, git_repo: Path
) -> None:
    code, _, err = cli(runner, git_repo, "new-meeting", "ot-kvdj", "--datum", "2026-01-15")
    assert code == 0, err
    before = snapshot(git_repo)
    code, _, err = cli(
        runner, git_repo, "update", "KVDJ-002", "--tekst", "Besproken",
        "--vergadering", "ot-kvdj-2026-01-15", "--commit",
    )  # fmt: skip
    assert code == 4 and "vergadering 'ot-kvdj-2026-01-15'" in err
    assert "--commit: data/acties/open/KVDJ-002.md verwijst naar vergadering" in err
    assert snapshot(git_repo) == before
    code, _, err = cli(  # without --commit it is an ordinary change of the working tree
        runner, git_repo, "update", "KVDJ-002", "--tekst", "Besproken",
        "--vergadering", "ot-kvdj-2026-01-15",
    )  # fmt: skip
    assert code == 0, err


def test_an_action_for_a_person_only_in_the_working_trees_partners_is_not_committed(
    runner: CliRunner, git_repo: Path
) -> None:
    partners = git_repo / "data" / "partners.yaml"
    text = partners.read_text(encoding="utf-8")
    assert "\npersonen:\n" in text
    partners.write_text(
        text.replace(
            "\npersonen:\n",
            "\npersonen:\n  - id: nieuwe-collega\n    naam: Nieuwe Collega\n",
            1,
        ),
        encoding="utf-8",
    )
    before = snapshot(git_repo)
    code, _, err = cli(
        runner, git_repo, "add-action", "ot-kvdj", "--wat", "Kennismaken",
        "--wie", "Nieuwe Collega", "--commit",
    )  # fmt: skip
    assert code == 4 and "'nieuwe-collega' in partners.yaml" in err, err
    assert snapshot(git_repo) == before


def test_the_embedded_data_in_the_source_checkout_is_never_written(
    runner: CliRunner, git_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run inside samennw's own checkout, whose data/ is the embedded set, a writing
    command refuses (a copy stands in for the checkout here)."""
    from samennw.storage import paths

    monkeypatch.setattr(paths, "embedded_root", lambda: git_repo)
    monkeypatch.chdir(git_repo)
    before = snapshot(git_repo)
    head = git(git_repo, "rev-parse", "HEAD")
    for args in (["close", "KVDJ-004", "--commit"], ["update", "KVDJ-004", "--tekst", "x"]):
        code, _, err = run(runner, *args)
        assert code == 1 and "meegeleverde voorbeeldgegevensset" in err, err
        assert "Er is niets gewijzigd" in err
    assert snapshot(git_repo) == before and git(git_repo, "rev-parse", "HEAD") == head
    code, _, err = run(runner, "open-actions")  # reading it is fine
    assert code == 0, err
