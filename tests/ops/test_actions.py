"""samennw.ops.actions through the CLI: what close, heropen, update and add-action write or refuse.

Each test asserts what a user sees (exit code, the Dutch message, the files on disk);
they were written against mutants that survived the lifecycle tests (issue #9).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import ACTION, PARTNERS, build_file_tree, run, snapshot

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
        " 25/11 ",
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
    import samennw.ops.actions as actions

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
    import samennw.ops.actions as actions

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


# --- the exact text written -----------------------------------------------------------------

UPDATES = (
    "updates:\n"
    "  - datum: 2025-12-03\n    tekst: Gebeld\n    vergadering: ot-kvdj-2025-11-25\n"
    "  - datum: 2025-12-04\n    tekst: Klaar\n    vergadering: ot-kvdj-2025-11-25\n"
)


def test_update_close_and_heropen_with_a_meeting(runner: CliRunner, small_repo: Path) -> None:
    code, _, err = cli(
        runner, small_repo, "update", "KVDJ-001", "--tekst", "  Gebeld  ", "--datum",
        "2025-12-03", "--vergadering", "ot-kvdj-2025-11-25",
    )  # fmt: skip
    assert (code, err) == (0, "Update bij actie KVDJ-001\n  data/acties/open/KVDJ-001.md\n")
    code, _, err = cli(
        runner, small_repo, "close", "kvdj-001", "--datum", "2025-12-04", "--toelichting",
        "Klaar", "--vergadering", "ot-kvdj-2025-11-25",
    )  # fmt: skip
    assert code == 0, err
    closed_text = (small_repo / "data/acties/afgerond/KVDJ-001.md").read_text(encoding="utf-8")
    assert closed_text == ACTION.replace("status: open", "status: afgerond").replace(
        "vergadering: ot-kvdj-2025-11-25\n",
        "vergadering: ot-kvdj-2025-11-25\nafgerond_op: 2025-12-04\n"
        f"afgerond_in: ot-kvdj-2025-11-25\n{UPDATES}",
    )
    code, _, err = cli(runner, small_repo, "close", "KVDJ-001")
    assert (code, err) == (1, "fout: actie KVDJ-001 is al afgerond (op 4 december 2025)\n")
    code, _, err = cli(
        runner, small_repo, "heropen", "KVDJ-001", "--datum", "2025-12-05", "--toelichting",
        "Toch niet", "--vergadering", "ot-kvdj-2025-11-25",
    )  # fmt: skip
    assert code == 0 and err.startswith("Actie KVDJ-001 heropend\n"), err
    assert (small_repo / OPEN).read_text(encoding="utf-8") == ACTION.replace(
        "vergadering: ot-kvdj-2025-11-25\n",
        f"vergadering: ot-kvdj-2025-11-25\n{UPDATES}"
        "  - datum: 2025-12-05\n    tekst: Toch niet\n    vergadering: ot-kvdj-2025-11-25\n",
    )
    assert not (small_repo / "data/acties/afgerond/KVDJ-001.md").exists()


def test_closing_keys_follow_the_last_reference_the_file_has(
    runner: CliRunner, small_repo: Path
) -> None:
    """No 'vergadering': afgerond_op after 'werkgroep'; the note's list after it."""
    text = ACTION.replace("vergadering: ot-kvdj-2025-11-25\n", "volgorde: 3\n")
    build_file_tree(small_repo, {OPEN: text})
    code, _, err = cli(
        runner, small_repo, "close", "KVDJ-001", "--datum", "2025-12-04", "--toelichting", "Klaar"
    )
    assert code == 0, err
    assert (small_repo / "data/acties/afgerond/KVDJ-001.md").read_text(encoding="utf-8") == (
        text.replace("status: open", "status: afgerond").replace(
            "werkgroep: ot-kvdj-wg1\n",
            "werkgroep: ot-kvdj-wg1\nafgerond_op: 2025-12-04\n"
            "updates:\n  - datum: 2025-12-04\n    tekst: Klaar\n",
        )
    )


def test_with_a_meeting_the_note_follows_afgerond_in(runner: CliRunner, small_repo: Path) -> None:
    text = ACTION.replace(
        "vergadering: ot-kvdj-2025-11-25\n", "vergadering: ot-kvdj-2025-11-25\nvolgorde: 3\n"
    )
    build_file_tree(small_repo, {OPEN: text})
    code, _, err = cli(
        runner, small_repo, "close", "KVDJ-001", "--datum", "2025-12-04", "--toelichting",
        "Klaar", "--vergadering", "ot-kvdj-2025-11-25",
    )  # fmt: skip
    assert code == 0, err
    assert (small_repo / "data/acties/afgerond/KVDJ-001.md").read_text(encoding="utf-8") == (
        text.replace("status: open", "status: afgerond").replace(
            "vergadering: ot-kvdj-2025-11-25\n",
            "vergadering: ot-kvdj-2025-11-25\nafgerond_op: 2025-12-04\n"
            "afgerond_in: ot-kvdj-2025-11-25\nupdates:\n  - datum: 2025-12-04\n"
            "    tekst: Klaar\n    vergadering: ot-kvdj-2025-11-25\n",
        )
    )


def test_a_new_action_on_an_action_line(runner: CliRunner, small_repo: Path) -> None:
    line = "---\nid: loopbaanroute\ntitel: Loopbaanroute\nstatus: in ontwikkeling\n---\n"
    build_file_tree(small_repo, {"data/actielijnen/loopbaanroute.md": line})
    code, _, err = cli(
        runner, small_repo, "add-action", "ot-kvdj", "--wat", "x", "--actielijn", "loopbaanroute"
    )
    assert code == 0, err
    assert (small_repo / "data/acties/open/KVDJ-002.md").read_text(encoding="utf-8") == (
        '---\nid: KVDJ-002\nwat: x\nwie: ""\nwanneer: ""\nstatus: open\nteam: ot-kvdj\n'
        "actielijn: loopbaanroute\n---\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["add-action", "ot-kvdj", "--wat", "x", "--wie", "Tjallling/Xyzzy, Emre"],
            "fout: onbekende naam in 'wie': 'Tjallling' (bedoelde u tjalling?), 'Xyzzy'; "
            "geef de codes met --betrokkenen (bijv. --betrokkenen tjalling,ot-kvdj)",
        ),
        (["add-action", "ot-kvdj", "--wat", "  "], "fout: 'wat' is leeg"),
        (
            ["add-action", "ot-kvdj", "--wat", "x", "--actielijn", "lopbaan"],
            "fout: onbekende actielijn 'lopbaan'",
        ),
        (
            ["add-action", "ot-kvdj", "--wat", "x", "--betrokkenen", "tjalling,tjallling"],
            "fout: onbekende persoon, organisatie of team 'tjallling'; bedoelde u 'tjalling'?",
        ),
        (
            ["add-action", "ot-kvdj", "--wat", "x", "--vergadering", "ot-kvdj-2025-11-26"],
            "fout: onbekende vergadering 'ot-kvdj-2025-11-26'; bedoelde u 'ot-kvdj-2025-11-25'?",
        ),
        (["update", "KVDJ-001", "--tekst", "   "], "fout: de tekst van de update is leeg"),
        (["close", "KVDJ/001"], "fout: 'KVDJ/001' is geen geldige actiecode"),
        (["close", "kvdj"], "fout: 'kvdj' is geen geldige actiecode"),
        (
            ["update", "KVDJ-001", "--tekst", "x", "--vergadering", "../x"],
            "fout: '../x' is geen geldige code",
        ),
    ],
)
def test_refusals_say_why_and_write_nothing(
    runner: CliRunner, small_repo: Path, args: list[str], message: str
) -> None:
    before = data_files(small_repo)
    code, _, err = cli(runner, small_repo, *args)
    assert (code, err.strip()) == (1, message)
    assert data_files(small_repo) == before


def test_an_ambiguous_name_in_wie_lists_the_candidates(runner: CliRunner, small_repo: Path) -> None:
    jans = (
        "personen:\n  - id: jan-a\n    naam: Jan Aalbers\n  - id: jan-b\n    naam: Jan Bakker\n"
        "    aliassen: [Jan]\n"
    )
    build_file_tree(small_repo, {"data/partners.yaml": PARTNERS.replace("personen:\n", jans)})
    code, _, err = cli(runner, small_repo, "add-action", "ot-kvdj", "--wat", "x", "--wie", "Jan")
    assert (code, err.strip()) == (
        1,
        "fout: niet eenduidige naam in 'wie': 'Jan' kan zijn: jan-a (Jan Aalbers; in geen team), "
        "jan-b (Jan Bakker; in geen team); geef de codes met --betrokkenen "
        "(bijv. --betrokkenen jan-a)",
    )


def test_werkgroep_and_leden_in_wie(runner: CliRunner, small_repo: Path) -> None:
    code, _, err = cli(
        runner, small_repo, "add-action", "ot-kvdj", "--wat", "x", "--wie",
        "werkgroep en leden / Tjalling", "--werkgroep", "ot-kvdj-wg1",
    )  # fmt: skip
    assert code == 0, err
    text = (small_repo / "data/acties/open/KVDJ-002.md").read_text(encoding="utf-8")
    assert "betrokkenen: [ot-kvdj-wg1, ot-kvdj, tjalling]\n" in text


def test_an_edit_that_would_not_load_again_is_refused(runner: CliRunner, small_repo: Path) -> None:
    """The update list is inline: it cannot grow without rewriting it."""
    text = ACTION.replace(
        "status: open\n", "status: open\nupdates: [{datum: 2025-01-01, tekst: a}]\n"
    )
    build_file_tree(small_repo, {OPEN: text})
    code, _, err = cli(runner, small_repo, "update", "KVDJ-001", "--tekst", "b")
    assert (code, err.strip()) == (
        1,
        "fout: 'KVDJ-001.md' kan niet veilig worden bewerkt ('updates' is geen lijst in "
        "blokvorm); pas het met de hand aan. Er is niets gewijzigd.",
    )
    assert (small_repo / OPEN).read_text(encoding="utf-8") == text


def test_an_edit_whose_result_would_not_load_is_refused(
    runner: CliRunner, small_repo: Path
) -> None:
    """A quoted key is not recognised by the line editor: the result has 'status' twice."""
    text = ACTION.replace("status: open", '"status": open')
    build_file_tree(small_repo, {OPEN: text})
    code, _, err = cli(runner, small_repo, "close", "KVDJ-001", "--datum", "2025-12-01")
    assert (code, err.strip()) == (
        1,
        "fout: 'KVDJ-001.md' kan niet veilig worden bewerkt (de vorm van het bestand is "
        "ongebruikelijk); pas het met de hand aan. Er is niets gewijzigd.",
    )
    assert (small_repo / OPEN).read_text(encoding="utf-8") == text


# --- a file that is already wrong ------------------------------------------------------


def test_update_of_a_misplaced_action_says_the_file_already_has_the_problem(
    runner: CliRunner, small_repo: Path
) -> None:
    """An afgerond action put in acties/open/ by hand: the update is not what makes the
    file unreadable, so the refusal names the existing problem with its line."""
    build_file_tree(small_repo, {OPEN: closed("KVDJ-001")})
    before = data_files(small_repo)
    code, _, err = cli(runner, small_repo, "update", "KVDJ-001", "--tekst", "Gebeld")
    assert (code, err.strip()) == (
        1,
        "fout: 'data/acties/open/KVDJ-001.md' had dit probleem al vóór deze opdracht: "
        "data/acties/open/KVDJ-001.md:7:1: actie met status 'afgerond' staat in map 'open' "
        "(hoort in 'acties/afgerond'). Herstel dat eerst (zie 'samennw validate'); er is "
        "niets gewijzigd",
    )
    assert data_files(small_repo) == before
    code, out, _ = cli(runner, small_repo, "validate")
    assert code == 1 and out.startswith("data/acties/open/KVDJ-001.md:7:1: fout: actie met")


def test_a_new_problem_on_top_of_an_old_one_is_the_one_named(
    runner: CliRunner, small_repo: Path
) -> None:
    """The same misplaced file, but the update would also make it too large: that is what
    this command would cause, and what the refusal says."""
    build_file_tree(small_repo, {OPEN: closed("KVDJ-001")})
    before = data_files(small_repo)
    code, _, err = cli(runner, small_repo, "update", "KVDJ-001", "--tekst", "x" * 1_000_001)
    assert code == 1
    assert err.startswith(
        "fout: 'data/acties/open/KVDJ-001.md' zou een bestand worden dat samennw niet meer "
        "kan lezen (bestand is te groot ("
    ), err
    assert err.rstrip().endswith("maximaal 1000000)); er is niets gewijzigd"), err
    assert data_files(small_repo) == before


# --- what a user is told when a name or a character cannot be used ----------------------


def test_every_ambiguous_name_in_wie_is_listed(runner: CliRunner, small_repo: Path) -> None:
    twins = (
        "personen:\n  - id: jan-a\n    naam: Jan Aalbers\n  - id: jan-b\n    naam: Jan Bakker\n"
        "    aliassen: [Jan]\n  - id: piet-a\n    naam: Piet Aalbers\n  - id: piet-b\n"
        "    naam: Piet Bakker\n    aliassen: [Piet]\n"
    )
    build_file_tree(small_repo, {"data/partners.yaml": PARTNERS.replace("personen:\n", twins)})
    before = data_files(small_repo)
    code, _, err = cli(
        runner, small_repo, "add-action", "ot-kvdj", "--wat", "x", "--wie", "Jan/Piet"
    )
    assert (code, err.strip()) == (
        1,
        "fout: niet eenduidige naam in 'wie': 'Jan' kan zijn: jan-a (Jan Aalbers; in geen "
        "team), jan-b (Jan Bakker; in geen team); 'Piet' kan zijn: piet-a (Piet Aalbers; in "
        "geen team), piet-b (Piet Bakker; in geen team); geef de codes met --betrokkenen "
        "(bijv. --betrokkenen jan-a)",
    )
    assert data_files(small_repo) == before


def test_an_unknown_name_in_wie_gets_every_close_suggestion(
    runner: CliRunner, small_repo: Path
) -> None:
    people = "personen:\n  - id: marit\n    naam: Marit\n  - id: marijt\n    naam: Marijt\n"
    build_file_tree(small_repo, {"data/partners.yaml": PARTNERS.replace("personen:\n", people)})
    code, _, err = cli(runner, small_repo, "add-action", "ot-kvdj", "--wat", "x", "--wie", "Marijn")
    assert code == 1
    assert err.strip() == (
        "fout: onbekende naam in 'wie': 'Marijn' (bedoelde u marijt of marit?); geef de codes "
        "met --betrokkenen (bijv. --betrokkenen tjalling,ot-kvdj)"
    )


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["update", "KVDJ-001", "--tekst", "a\udcffb"], "KVDJ-001.md"),
        (["close", "KVDJ-001", "--toelichting", "a\udcffb"], "KVDJ-001.md"),
        (["add-action", "ot-kvdj", "--wat", "a\udcffb"], "KVDJ-002.md"),
    ],
    ids=["update", "close", "add-action"],
)
def test_a_character_utf8_cannot_hold_is_refused_with_the_file(
    runner: CliRunner, small_repo: Path, args: list[str], shown: str
) -> None:
    """A command-line argument with invalid bytes holds a lone surrogate (U+DCFF)."""
    before = data_files(small_repo)
    code, _, err = cli(runner, small_repo, *args)
    assert (code, err.strip()) == (
        1,
        f"fout: '{shown}' zou een teken bevatten dat geen geldige UTF-8 is (U+DCFF); er is "
        "niets gewijzigd",
    )
    assert data_files(small_repo) == before


# --- several new actions planned in one command (extract, import) ------------------------


def test_actions_planned_in_one_command_get_consecutive_numbers(small_repo: Path) -> None:
    from samennw.ops.actions import NewAction, plan_new_action
    from samennw.storage.changeset import ChangeSet
    from samennw.storage.repository import load_repository

    repo = load_repository(small_repo)
    changes = ChangeSet(repo.root)
    first = plan_new_action(repo, NewAction(team="ot-kvdj", wat="Een"), changes)
    second = plan_new_action(repo, NewAction(team="ot-kvdj", wat="Twee"), changes, taken=[first])
    third = plan_new_action(
        repo, NewAction(team="ot-kvdj", wat="Drie"), changes, taken=[first, second]
    )
    assert (first, second, third) == ("KVDJ-002", "KVDJ-003", "KVDJ-004")
    assert sorted(p.name for p in changes.writes) == ["KVDJ-002.md", "KVDJ-003.md", "KVDJ-004.md"]


def test_an_action_of_a_meeting_planned_in_the_same_command(small_repo: Path) -> None:
    """The meeting is written by the same command (import): not yet on disk, but known."""
    from samennw.errors import NotFoundError
    from samennw.ops.actions import NewAction, plan_new_action
    from samennw.storage.changeset import ChangeSet
    from samennw.storage.repository import load_repository

    repo = load_repository(small_repo)
    new = NewAction(
        team="ot-kvdj", wat="Uitnodigen", wie="Tjalling", vergadering="ot-kvdj-2026-01-13",
        agendapunt=3,
    )  # fmt: skip
    with pytest.raises(NotFoundError, match="onbekende vergadering 'ot-kvdj-2026-01-13'"):
        plan_new_action(repo, new, ChangeSet(repo.root))
    changes = ChangeSet(repo.root)
    planned = ["ot-kvdj-2026-01-13"]
    action_id = plan_new_action(repo, new, changes, planned_meetings=planned)
    assert action_id == "KVDJ-002"
    assert list(changes.writes.values()) == [
        "---\nid: KVDJ-002\nwat: Uitnodigen\nwie: Tjalling\nbetrokkenen: [tjalling]\n"
        'wanneer: ""\nstatus: open\nteam: ot-kvdj\nvergadering: ot-kvdj-2026-01-13\n'
        "agendapunt: 3\n---\n"
    ]


def test_the_agenda_item_of_a_new_action_is_written(small_repo: Path) -> None:
    from samennw.ops.actions import NewAction, plan_new_action
    from samennw.storage.changeset import ChangeSet
    from samennw.storage.repository import load_repository

    repo = load_repository(small_repo)
    changes = ChangeSet(repo.root)
    new = NewAction(team="ot-kvdj", wat="x", vergadering="ot-kvdj-2025-11-25", agendapunt=1)
    plan_new_action(repo, new, changes)
    (text,) = changes.writes.values()
    assert text.endswith("vergadering: ot-kvdj-2025-11-25\nagendapunt: 1\n---\n")
