"""`samennw log DECISION`: the commits in which that decision's entry changed."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import build_file_tree, git, make_git_repo, run
from tests.ops.test_decisions import EARLY, LATE, files


def commit(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def messages(runner: CliRunner, root: Path, item: str) -> list[str]:
    code, out, err = run(runner, "log", item, "--data", str(root))
    assert code == 0, err
    return [line for line in ("eerste", "tweede", "derde", "vierde", "begin") if line in out]


def test_log_of_a_decision_lists_only_the_commits_that_changed_it(
    runner: CliRunner, tmp_path: Path
) -> None:
    root = make_git_repo(build_file_tree(tmp_path / "r", files()))
    # 'eerste': the minutes text only; 'tweede': the other decision of the meeting;
    # 'derde': this decision's outcome; 'vierde': a later meeting's link to it
    edit(root / EARLY, "## 1. Opening", "## 1. Opening\n\nWelkom.")
    commit(root, "eerste")
    edit(root / EARLY, "Vrijgave van het budget.", "Vrijgave van het werkbudget.")
    commit(root, "tweede")
    edit(root / EARLY, "Het OT stelt de werkagenda vast.", "Het OT stelt de werkagenda vast.\n"
         "    uitslag: aangehouden")  # fmt: skip
    commit(root, "derde")
    edit(root / LATE, "wijzigt: ot-kvdj-2025-09-25-b1", "vervangt: ot-kvdj-2025-09-25-b1")
    commit(root, "vierde")
    assert messages(runner, root, "ot-kvdj-2025-09-25-b1") == ["derde", "begin"]
    assert messages(runner, root, "ot-kvdj-2025-09-25-b2") == ["tweede", "begin"]
    assert messages(runner, root, "ot-kvdj-2025-11-25-b1") == ["vierde", "begin"]
    # the meeting itself: every commit of its file
    assert messages(runner, root, "ot-kvdj-2025-09-25") == ["eerste", "tweede", "derde", "begin"]
    _, out, _ = run(runner, "log", "ot-kvdj-2025-09-25-b1", "--data", str(root))
    assert "data/meetings/2025/ot-kvdj-2025-09-25.md" in out


def test_log_of_an_unknown_decision_suggests_one(runner: CliRunner, tmp_path: Path) -> None:
    root = make_git_repo(build_file_tree(tmp_path / "r", files()))
    code, out, err = run(runner, "log", "ot-kvdj-2025-09-25-b4", "--data", str(root))
    assert code == 1 and out == ""
    assert "fout: onbekende actie, vergadering of besluit 'ot-kvdj-2025-09-25-b4'" in err
    assert "bedoelde u 'ot-kvdj-2025-09-25-b2'" in err
