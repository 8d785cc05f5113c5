"""The ``diff`` / ``verschil`` command as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import samennw.cli.diff  # noqa: F401  (registers diff / verschil)
from tests.conftest import build_file_tree, git, run, small_repo_files

OPEN = "data/acties/open/KVDJ-001.md"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = build_file_tree(tmp_path / "repo", small_repo_files())
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "begin")
    return root


def change_due_date(repo: Path, new: str = "Januari 2026") -> None:
    path = repo / OPEN
    path.write_text(
        path.read_text(encoding="utf-8").replace("November 2025", new), encoding="utf-8"
    )


def test_two_revisions_as_text(runner: CliRunner, repo: Path) -> None:
    change_due_date(repo)
    git(repo, "commit", "-q", "-am", "termijn")
    code, out, err = run(runner, "diff", "HEAD~1", "HEAD", "--data", str(repo))
    assert code == 0, err
    assert out.splitlines()[2:4] == [
        "Acties met een andere termijn (1)",
        "  KVDJ-001  Presentatie 4 actielijnen Jonge Kind — wanneer: November 2025 → Januari 2026",
    ]


def test_verschil_without_arguments_compares_main_with_the_working_tree(
    runner: CliRunner, repo: Path
) -> None:
    git(repo, "checkout", "-q", "-b", "tak")
    change_due_date(repo, "Maart 2026")  # not committed
    code, out, _ = run(runner, "verschil", "--data", str(repo))
    assert code == 0
    assert out.startswith("Wijzigingen in de gegevens van het aftakpunt van main (")
    assert ") tot de werkmap:" in out.splitlines()[0]
    assert "wanneer: November 2025 → Maart 2026" in out


def test_one_revision_is_compared_with_the_working_tree(runner: CliRunner, repo: Path) -> None:
    change_due_date(repo)
    git(repo, "commit", "-q", "-am", "termijn")
    code, out, _ = run(runner, "diff", "HEAD", "--data", str(repo))
    assert (code, out.splitlines()[-1]) == (0, "Geen wijzigingen in de gegevens.")
    code, out, _ = run(runner, "diff", "HEAD~1", "--data", str(repo))
    assert "wanneer: November 2025 → Januari 2026" in out


def test_markdown_and_json(runner: CliRunner, repo: Path) -> None:
    code, out, _ = run(runner, "diff", "HEAD", "HEAD", "--format", "markdown", "--data", str(repo))
    assert (code, out) == (0, "Geen wijzigingen in de gegevens.\n")
    change_due_date(repo)
    code, out, _ = run(runner, "diff", "HEAD", "--format", "markdown", "--data", str(repo))
    assert code == 0
    assert out.startswith("### Wijzigingen in de gegevens\n\n1 wijziging(en) van `HEAD` (`")
    assert "#### Acties met een andere termijn (1)\n\n- `KVDJ-001` Presentatie" in out
    code, out, _ = run(runner, "diff", "HEAD", "--format", "JSON", "--data", str(repo))
    data = json.loads(out)
    assert data["doel"] == {"revisie": "werkmap", "commit": None, "aftakpunt_van": None}
    assert [e["id"] for e in data["acties"]["termijn"]] == ["KVDJ-001"]


def test_errors_are_dutch_with_exit_1(runner: CliRunner, repo: Path, tmp_path: Path) -> None:
    code, out, err = run(runner, "diff", "vorige-week", "--data", str(repo))
    assert (code, out) == (1, "")
    assert err.strip() == "fout: onbekende git-revisie 'vorige-week'"
    plain = build_file_tree(tmp_path / "los", small_repo_files())
    code, _, err = run(runner, "verschil", "--data", str(plain))
    assert code == 1
    assert err.strip() == f"fout: '{plain}' staat niet in een git-repository"
    code, _, err = run(runner, "diff", "--format", "html", "--data", str(repo))
    assert code == 2 and "onbekend formaat 'html'; kies text, markdown of json" in err


def test_help_names_both_forms(runner: CliRunner) -> None:
    code, out, _ = run(runner, "--help")
    assert code == 0 and "diff" in out and "verschil" in out
    code, out, _ = run(runner, "diff", "--help")
    assert code == 0 and "[BASIS] [DOEL]" in out and "text, markdown of json" in out


# --- the example workflow ----------------------------------------------------------------------

WORKFLOW = Path(__file__).resolve().parents[2] / "examples/data-repo/.github/workflows/samennw.yml"


def test_the_example_workflow_writes_the_summary_with_read_only_permissions(
    repo: Path, tmp_path: Path
) -> None:
    import os
    import subprocess
    import sys

    import yaml

    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert workflow["permissions"] == {"contents": "read"}
    job = workflow["jobs"]["wijzigingen"]
    assert "permissions" not in job  # the workflow's read-only token
    assert workflow["jobs"]["reactie"]["permissions"] == {"pull-requests": "write"}
    step = next(s for s in job["steps"] if s.get("name") == "Wijzigingen in de gegevens")
    assert step["env"] == {"BASE_REF": "${{ github.base_ref }}"}

    # a pull request: main as the runner's checkout has it (origin/main), a branch on top
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    git(repo, "checkout", "-q", "-b", "notulen")
    change_due_date(repo)
    git(repo, "commit", "-q", "-am", "termijn")
    # 'samennw' as installed, with diff registered (until samennw.cli.app imports it)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "samennw"
    shim.write_text(
        f"#!{sys.executable}\nimport sys\nimport samennw.cli.diff\n"
        "from samennw.cli.app import main\nsys.exit(main(sys.argv[1:]))\n"
    )
    shim.chmod(0o755)
    summary = tmp_path / "summary.md"
    summary.write_text("eerdere stap\n", encoding="utf-8")
    env = {
        **os.environ,
        "BASE_REF": "main",
        "GITHUB_STEP_SUMMARY": str(summary),
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    done = subprocess.run(
        ["bash", "-e", "-c", step["run"]],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("eerdere stap\n### Wijzigingen in de gegevens\n")
    assert "- `KVDJ-001` Presentatie 4 actielijnen Jonge Kind — wanneer: November 2025" in text
    assert (repo / "samennw-diff.md").read_text(encoding="utf-8") in text
