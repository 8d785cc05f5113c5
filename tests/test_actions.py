"""samennw.actions through the CLI: what close, heropen, update and add-action write or refuse.

Each test asserts what a user sees (exit code, the Dutch message, the files on disk);
they were written against mutants that survived the lifecycle tests (issue #9).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from .conftest import ACTION, PARTNERS, build_file_tree, run, snapshot

OPEN = "data/acties/open/KVDJ-001.md"
OTHER_TEAM = """\
  - id: ot-wonen-en-werk
    naam: Opgaveteam Wonen en Werk
    soort: opgaveteam
    leden: [tjalling]
  - id: ot-wonen-wg1
    naam: Werkgroep Wonen 1
    soort: werkgroep
    ouder: ot-wonen-en-werk
    nummer: 1
"""


def cli(runner: CliRunner, repo: Path, *args: str) -> tuple[int, str, str]:
    return run(runner, *args, "--data", str(repo))


def data_files(repo: Path) -> dict[str, bytes]:
    """The Markdown and YAML files with their bytes (not the lock file of a write)."""
    return {k: v for k, v in snapshot(repo).items() if k.endswith((".md", ".yaml"))}


def closed(action_id: str, on: str = "2025-12-01") -> str:
    return ACTION.replace("KVDJ-001", action_id).replace(
        "status: open", f"status: afgerond\nafgerond_op: {on}"
    )


# --- add-action ---------------------------------------------------------------------------


def test_a_new_action_takes_the_number_after_the_highest(
    runner: CliRunner, small_repo: Path
) -> None:
    """Numbers are never reused: after KVDJ-001 and a closed KVDJ-007 comes KVDJ-008."""
    build_file_tree(small_repo, {"data/acties/afgerond/KVDJ-007.md": closed("KVDJ-007")})
    code, _, err = cli(runner, small_repo, "add-action", "ot-kvdj", "--wat", "Flyer")
    assert code == 0, err
    assert err.splitlines() == ["Actie KVDJ-008 toegevoegd", "  data/acties/open/KVDJ-008.md"]
    assert (small_repo / "data/acties/open/KVDJ-008.md").read_text(encoding="utf-8") == (
        '---\nid: KVDJ-008\nwat: Flyer\nwie: ""\nwanneer: ""\nstatus: open\nteam: ot-kvdj\n---\n'
    )


def test_the_first_action_of_a_team_without_prefix(runner: CliRunner, small_repo: Path) -> None:
    """No actie_prefix: the team's id in capitals without dashes, at most 8 letters."""
    build_file_tree(small_repo, {"data/partners.yaml": PARTNERS + OTHER_TEAM})
    code, _, err = cli(
        runner,
        small_repo,
        "add-action",
        "Opgaveteam Wonen en Werk",
        "--wat",
        "  Woningen tellen ",
        "--wie",
        " Tjalling ",
        "--wanneer",
        " Q1 2026 ",
        "--herkomst",
        "25/11",
        "--toelichting",
        "  Zie de notulen. ",
    )
    assert code == 0, err
    assert err.startswith("Actie OTWONENE-001 toegevoegd\n")
    assert (small_repo / "data/acties/open/OTWONENE-001.md").read_text(encoding="utf-8") == (
        "---\nid: OTWONENE-001\nherkomst: 25/11\nwat: Woningen tellen\nwie: Tjalling\n"
        "betrokkenen: [tjalling]\nwanneer: Q1 2026\nstatus: open\nteam: ot-wonen-en-werk\n"
        "---\nZie de notulen.\n"
    )


def test_a_werkgroep_of_another_team_is_refused(runner: CliRunner, small_repo: Path) -> None:
    build_file_tree(small_repo, {"data/partners.yaml": PARTNERS + OTHER_TEAM})
    before = data_files(small_repo)
    code, _, err = cli(
        runner, small_repo, "add-action", "ot-kvdj", "--wat", "x", "--werkgroep", "ot-wonen-wg1"
    )
    assert code == 1
    assert err.strip() == "fout: werkgroep 'ot-wonen-wg1' hoort niet bij team 'ot-kvdj'"
    assert data_files(small_repo) == before


def test_a_werkgroep_of_the_team_is_written(runner: CliRunner, small_repo: Path) -> None:
    code, _, err = cli(
        runner,
        small_repo,
        "add-action",
        "ot-kvdj",
        "--wat",
        "x",
        "--werkgroep",
        "Werkgroep 1 – Het Jonge Kind",
        "--betrokkenen",
        "tjalling, ot-kvdj",
        "--vergadering",
        "ot-kvdj-2025-11-25",
    )
    assert code == 0, err
    assert (small_repo / "data/acties/open/KVDJ-002.md").read_text(encoding="utf-8") == (
        '---\nid: KVDJ-002\nwat: x\nwie: ""\nbetrokkenen: [tjalling, ot-kvdj]\nwanneer: ""\n'
        "status: open\nteam: ot-kvdj\nwerkgroep: ot-kvdj-wg1\nvergadering: ot-kvdj-2025-11-25\n"
        "---\n"
    )


# --- close / heropen / update -------------------------------------------------------------


def test_closing_on_the_day_of_the_meeting_is_allowed(runner: CliRunner, small_repo: Path) -> None:
    code, _, err = cli(runner, small_repo, "close", "KVDJ-001", "--datum", "2025-11-25")
    assert code == 0, err
    text = (small_repo / "data/acties/afgerond/KVDJ-001.md").read_text(encoding="utf-8")
    assert "status: afgerond\n" in text and "afgerond_op: 2025-11-25\n" in text
    code, _, err = cli(runner, small_repo, "heropen", "KVDJ-001")
    assert code == 0, err
    code, _, err = cli(runner, small_repo, "close", "KVDJ-001", "--datum", "2025-11-24")
    assert code == 1
    assert err.strip() == (
        "fout: afronddatum 24 november 2025 ligt vóór de vergadering van 25 november 2025 "
        "waarin de actie ontstond"
    )


@pytest.mark.parametrize(
    "args",
    [
        ["close", "KVDJ-001"],
        ["afronden", "KVDJ-001", "--toelichting", "klaar"],
        ["update", "KVDJ-001", "--tekst", "Gebeld"],
    ],
)
def test_a_file_changed_after_it_was_read_is_not_overwritten(
    runner: CliRunner, small_repo: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    """A colleague saves the action between samennw reading it and editing it."""
    import samennw.actions as actions

    path = small_repo / OPEN
    real = actions.get_action

    def then_a_colleague_saves(*a: object, **kw: object) -> object:
        action = real(*a, **kw)  # type: ignore[arg-type]
        path.write_text(path.read_text(encoding="utf-8") + "Aanvulling.\n", encoding="utf-8")
        return action

    monkeypatch.setattr(actions, "get_action", then_a_colleague_saves)
    code, _, err = cli(runner, small_repo, *args)
    assert code == 1
    assert err.strip() == f"fout: '{OPEN}' is intussen gewijzigd; er is niets gewijzigd"
    assert path.read_text(encoding="utf-8") == ACTION + "Aanvulling.\n"
    assert not (small_repo / "data/acties/afgerond").exists()


def test_heropen_of_a_file_changed_after_it_was_read(
    runner: CliRunner, small_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import samennw.actions as actions

    assert cli(runner, small_repo, "close", "KVDJ-001", "--datum", "2025-12-01")[0] == 0
    path = small_repo / "data/acties/afgerond/KVDJ-001.md"
    before = path.read_text(encoding="utf-8")
    real = actions.get_action

    def then_a_colleague_saves(*a: object, **kw: object) -> object:
        action = real(*a, **kw)  # type: ignore[arg-type]
        path.write_text(before + "Aanvulling.\n", encoding="utf-8")
        return action

    monkeypatch.setattr(actions, "get_action", then_a_colleague_saves)
    code, _, err = cli(runner, small_repo, "heropen", "KVDJ-001")
    assert code == 1 and "is intussen gewijzigd; er is niets gewijzigd" in err
    assert path.read_text(encoding="utf-8") == before + "Aanvulling.\n"
    assert not (small_repo / OPEN).exists()
