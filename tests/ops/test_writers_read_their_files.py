"""A writing command reads the files its change depends on, and only those: a broken
file elsewhere is validate's business; a duplicate of the action it changes is refused."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import ACTION, build_file_tree, run, snapshot


def data_files(repo: Path) -> dict[str, bytes]:
    """The Markdown and YAML files with their bytes (not the lock file of a write)."""
    return {k: v for k, v in snapshot(repo).items() if k.endswith((".md", ".yaml"))}


OPEN = "data/acties/open/KVDJ-001.md"


def test_a_broken_file_elsewhere_does_not_stop_a_close(runner: CliRunner, small_repo: Path) -> None:
    build_file_tree(small_repo, {"data/acties/afgerond/KVDJ-050.md": "geen front matter\n"})
    code, out, err = run(runner, "close", "KVDJ-001", "--data", str(small_repo))
    assert code == 0, err
    assert (small_repo / "data/acties/afgerond/KVDJ-001.md").is_file()
    assert not (small_repo / OPEN).exists()
    # validate still reports it, with file and line
    code, out, _ = run(runner, "validate", "--data", str(small_repo))
    assert code == 1 and "data/acties/afgerond/KVDJ-050.md:1" in out


def test_the_action_it_changes_being_broken_stops_it(runner: CliRunner, small_repo: Path) -> None:
    build_file_tree(small_repo, {OPEN: ACTION.replace("status: open", "status: misschien")})
    before = data_files(small_repo)
    code, _, err = run(runner, "close", "KVDJ-001", "--data", str(small_repo))
    assert code == 1 and "data/acties/open/KVDJ-001.md:" in err and "misschien" in err
    assert data_files(small_repo) == before


def test_an_action_both_open_and_closed_is_refused(runner: CliRunner, small_repo: Path) -> None:
    closed = ACTION.replace("status: open", "status: afgerond\nafgerond_op: 2025-12-01")
    build_file_tree(small_repo, {"data/acties/afgerond/KVDJ-001.md": closed})
    before = data_files(small_repo)
    for args in (
        ["close", "KVDJ-001"],
        ["update", "KVDJ-001", "--tekst", "x"],
        ["heropen", "KVDJ-001"],
    ):
        code, _, err = run(runner, *args, "--data", str(small_repo))
        assert code == 1, (args, err)
        assert "dubbele code 'KVDJ-001'" in err, (args, err)
        assert data_files(small_repo) == before


def test_add_action_numbers_after_every_action_in_both_folders(
    runner: CliRunner, small_repo: Path
) -> None:
    closed = ACTION.replace("KVDJ-001", "KVDJ-041").replace(
        "status: open", "status: afgerond\nafgerond_op: 2025-12-01"
    )
    build_file_tree(small_repo, {"data/acties/afgerond/KVDJ-041.md": closed})
    code, _, err = run(
        runner, "add-action", "ot-kvdj", "--wat", "Nieuw", "--wie", "Tjalling",
        "--data", str(small_repo),
    )  # fmt: skip
    assert code == 0, err
    assert (small_repo / "data/acties/open/KVDJ-042.md").is_file()
