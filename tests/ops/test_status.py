"""Status beyond open and afgerond (issue #13 part 3): in-uitvoering/start, blokkeer/block,
annuleer/cancel and heropen from any status, through the CLI on a real git repository.

Each test asserts what a user sees: the exit code, the Dutch message, the exact file
text (a status change is a minimal edit), where the file is, and that a refusal leaves
every file as it was.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import ACTION, build_file_tree, git, make_git_repo, run, snapshot

OPEN = "data/acties/open/KVDJ-001.md"
ARCHIVED = "data/acties/afgerond/KVDJ-001.md"
MEETING = "ot-kvdj-2025-11-25"


@pytest.fixture
def repo(small_repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SAMENNW_DATUM", "2025-12-01")
    return make_git_repo(small_repo)


def cli(runner: CliRunner, repo: Path, *args: str) -> tuple[int, str, str]:
    return run(runner, *args, "--data", str(repo))


def text(repo: Path, rel: str) -> str:
    return (repo / rel).read_text(encoding="utf-8")


def valid(runner: CliRunner, repo: Path) -> None:
    code, out, err = cli(runner, repo, "validate")
    assert code == 0, out + err


# --- blokkeer / block -----------------------------------------------------------------


def test_blokkeer_sets_status_and_reason_and_keeps_the_file_open(
    runner: CliRunner, repo: Path
) -> None:
    code, _, err = cli(runner, repo, "blokkeer", "KVDJ-001", "--reden", "wacht op budget")
    assert code == 0, err
    assert err.splitlines() == ["Actie KVDJ-001 geblokkeerd", f"  {OPEN}"]
    assert text(repo, OPEN) == ACTION.replace(
        "status: open\n", "status: geblokkeerd\nreden: wacht op budget\n"
    )
    assert not (repo / ARCHIVED).exists()
    valid(runner, repo)


def test_block_alias_with_a_note_in_a_meeting_takes_the_meeting_date(
    runner: CliRunner, repo: Path
) -> None:
    code, _, err = cli(
        runner, repo, "block", "kvdj-001", "--reden", "wacht", "--toelichting", "besproken",
        "--vergadering", MEETING,
    )  # fmt: skip
    assert code == 0, err
    assert text(repo, OPEN) == ACTION.replace(
        "status: open\n", "status: geblokkeerd\nreden: wacht\n"
    ).replace(
        f"vergadering: {MEETING}\n",
        f"vergadering: {MEETING}\nupdates:\n  - datum: 2025-11-25\n    tekst: besproken\n"
        f"    vergadering: {MEETING}\n",
    )


# --- in-uitvoering / start ----------------------------------------------------------------


def test_in_uitvoering_sets_the_status_only(runner: CliRunner, repo: Path) -> None:
    code, _, err = cli(runner, repo, "in-uitvoering", "KVDJ-001")
    assert code == 0, err
    assert err.splitlines() == ["Actie KVDJ-001 in uitvoering", f"  {OPEN}"]
    assert text(repo, OPEN) == ACTION.replace("status: open\n", "status: in uitvoering\n")
    valid(runner, repo)


def test_starting_a_blocked_action_removes_its_reason(runner: CliRunner, repo: Path) -> None:
    assert cli(runner, repo, "blokkeer", "KVDJ-001", "--reden", "wacht")[0] == 0
    code, _, err = cli(runner, repo, "start", "KVDJ-001", "--datum", "2025-11-30")
    assert code == 0, err
    assert text(repo, OPEN) == ACTION.replace("status: open\n", "status: in uitvoering\n")


# --- annuleer / cancel ----------------------------------------------------------------


def test_annuleer_archives_with_date_meeting_and_reason(runner: CliRunner, repo: Path) -> None:
    code, _, err = cli(
        runner, repo, "annuleer", "KVDJ-001", "--reden", "niet meer nodig",
        "--vergadering", MEETING,
    )  # fmt: skip
    assert code == 0, err
    assert err.splitlines() == ["Actie KVDJ-001 geannuleerd", f"  {ARCHIVED}", f"  {OPEN}"]
    assert not (repo / OPEN).exists()
    assert text(repo, ARCHIVED) == ACTION.replace(
        "status: open\n", "status: geannuleerd\nreden: niet meer nodig\n"
    ).replace(
        f"vergadering: {MEETING}\n",
        f"vergadering: {MEETING}\ngeannuleerd_op: 2025-11-25\ngeannuleerd_in: {MEETING}\n",
    )
    valid(runner, repo)


def test_cancel_of_a_blocked_action_replaces_its_reason(runner: CliRunner, repo: Path) -> None:
    assert cli(runner, repo, "blokkeer", "KVDJ-001", "--reden", "wacht")[0] == 0
    code, _, err = cli(runner, repo, "cancel", "KVDJ-001", "--reden", "vervallen")
    assert code == 0, err
    assert text(repo, ARCHIVED) == ACTION.replace(
        "status: open\n", "status: geannuleerd\nreden: vervallen\n"
    ).replace(f"vergadering: {MEETING}\n", f"vergadering: {MEETING}\ngeannuleerd_op: 2025-12-01\n")


def test_cancel_with_commit_records_the_move(runner: CliRunner, repo: Path) -> None:
    code, _, err = cli(runner, repo, "annuleer", "KVDJ-001", "--reden", "weg", "--commit")
    assert code == 0, err
    assert "vastgelegd in git:" in err
    assert git(repo, "status", "--porcelain") == ""
    assert git(repo, "log", "-1", "--format=%s") == "Actie KVDJ-001 geannuleerd\n"


def test_cancel_in_a_meeting_on_another_day_is_said(runner: CliRunner, repo: Path) -> None:
    code, _, err = cli(
        runner, repo, "annuleer", "KVDJ-001", "--reden", "weg", "--vergadering", MEETING,
        "--datum", "2025-11-27",
    )  # fmt: skip
    assert code == 0, err
    assert err.splitlines()[-1] == (
        "let op: annuleerdatum 27 november 2025 is niet de datum van vergadering "
        f"{MEETING} (25 november 2025); klopt dat?"
    )
    assert "geannuleerd_op: 2025-11-27\n" in text(repo, ARCHIVED)


# --- heropen --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "first",
    [
        ["annuleer", "KVDJ-001", "--reden", "weg", "--vergadering", MEETING],
        ["blokkeer", "KVDJ-001", "--reden", "wacht"],
        ["in-uitvoering", "KVDJ-001"],
        ["close", "KVDJ-001", "--vergadering", MEETING],
    ],
    ids=["geannuleerd", "geblokkeerd", "in-uitvoering", "afgerond"],
)
def test_heropen_restores_the_original_file(
    runner: CliRunner, repo: Path, first: list[str]
) -> None:
    before = snapshot(repo)
    assert cli(runner, repo, *first)[0] == 0
    code, _, err = cli(runner, repo, "heropen", "KVDJ-001")
    assert code == 0, err
    assert err.splitlines()[0] == "Actie KVDJ-001 heropend"
    assert snapshot(repo) == before  # byte for byte, back in acties/open


def test_reopen_alias_of_a_cancelled_action_with_a_note(runner: CliRunner, repo: Path) -> None:
    assert cli(runner, repo, "cancel", "KVDJ-001", "--reden", "weg")[0] == 0
    code, _, err = cli(runner, repo, "reopen", "KVDJ-001", "--toelichting", "toch nodig")
    assert code == 0, err
    assert err.splitlines() == ["Actie KVDJ-001 heropend", f"  {ARCHIVED}", f"  {OPEN}"]
    assert text(repo, OPEN) == ACTION.replace(
        f"vergadering: {MEETING}\n",
        f"vergadering: {MEETING}\nupdates:\n  - datum: 2025-12-01\n    tekst: toch nodig\n",
    )


# --- refusals: nothing changed --------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "args", "message"),
    [
        (
            ["blokkeer", "KVDJ-001", "--reden", "wacht"],
            ["blokkeer", "KVDJ-001", "--reden", "nog steeds"],
            "fout: actie KVDJ-001 is al geblokkeerd (reden: wacht); een andere reden: "
            "heropen haar eerst of pas 'reden' met de hand aan",
        ),
        (
            ["start", "KVDJ-001"],
            ["in-uitvoering", "KVDJ-001"],
            "fout: actie KVDJ-001 is al in uitvoering",
        ),
        (
            ["annuleer", "KVDJ-001", "--reden", "weg"],
            ["annuleer", "KVDJ-001", "--reden", "weg"],
            "fout: actie KVDJ-001 is al geannuleerd (op 1 december 2025)",
        ),
        (
            ["annuleer", "KVDJ-001", "--reden", "weg"],
            ["close", "KVDJ-001"],
            "fout: actie KVDJ-001 is geannuleerd (op 1 december 2025); heropen haar eerst "
            "(samennw heropen KVDJ-001) om haar af te ronden",
        ),
        (
            ["annuleer", "KVDJ-001", "--reden", "weg"],
            ["blokkeer", "KVDJ-001", "--reden", "wacht"],
            "fout: actie KVDJ-001 is geannuleerd (op 1 december 2025); heropen haar eerst "
            "(samennw heropen KVDJ-001) om haar te blokkeren",
        ),
        (
            ["close", "KVDJ-001", "--datum", "2025-11-30"],
            ["annuleer", "KVDJ-001", "--reden", "weg"],
            "fout: actie KVDJ-001 is afgerond (op 30 november 2025); heropen haar eerst "
            "(samennw heropen KVDJ-001) om haar te annuleren",
        ),
        (
            ["close", "KVDJ-001", "--datum", "2025-11-30"],
            ["start", "KVDJ-001"],
            "fout: actie KVDJ-001 is afgerond (op 30 november 2025); heropen haar eerst "
            "(samennw heropen KVDJ-001) om haar te starten",
        ),
        (
            [],
            ["blokkeer", "KVDJ-001", "--reden", "   "],
            "fout: de reden is leeg (--reden); er is niets gewijzigd",
        ),
        (
            [],
            ["annuleer", "KVDJ-001", "--reden", ""],
            "fout: de reden is leeg (--reden); er is niets gewijzigd",
        ),
        (
            [],
            ["annuleer", "KVDJ-001", "--reden", "weg", "--datum", "2025-11-24"],
            "fout: annuleerdatum 24 november 2025 ligt vóór de vergadering van "
            "25 november 2025 waarin de actie ontstond",
        ),
        (
            [],
            ["start", "KVDJ-001", "--datum", "2025-11-01"],
            "fout: datum 1 november 2025 ligt vóór de vergadering van 25 november 2025 "
            "waarin de actie ontstond",
        ),
        (
            [],
            ["heropen", "KVDJ-001"],
            "fout: actie KVDJ-001 is niet afgerond, geannuleerd, geblokkeerd of in "
            "uitvoering: zij is al open",
        ),
        (
            [],
            ["blokkeer", "KVDJ-001", "--reden", "x", "--vergadering", "ot-kvdj-2099-01-01"],
            "fout: onbekende vergadering 'ot-kvdj-2099-01-01'",
        ),
    ],
    ids=[
        "blokkeer-twee-keer", "start-twee-keer", "annuleer-twee-keer", "afronden-geannuleerd",
        "blokkeer-geannuleerd", "annuleer-afgerond", "start-afgerond", "lege-reden-blokkeer",
        "lege-reden-annuleer", "annuleer-voor-ontstaan", "start-voor-ontstaan", "heropen-open",
        "onbekende-vergadering",
    ],
)  # fmt: skip
def test_refusals_change_nothing(
    runner: CliRunner, repo: Path, before: list[str], args: list[str], message: str
) -> None:
    if before:
        assert cli(runner, repo, *before)[0] == 0
    files = snapshot(repo)
    code, out, err = cli(runner, repo, *args)
    assert (code, out) == (1, "")
    assert err.splitlines()[0].startswith(message), err
    assert snapshot(repo) == files


@pytest.mark.parametrize("command", ["blokkeer", "annuleer", "block", "cancel"])
def test_reden_is_required(runner: CliRunner, repo: Path, command: str) -> None:
    files = snapshot(repo)
    code, _, err = cli(runner, repo, command, "KVDJ-001")
    assert code == 2
    assert "--reden" in err
    assert snapshot(repo) == files


# --- backfilling: the meeting's date ------------------------------------------------------


def test_update_in_a_meeting_takes_its_date(runner: CliRunner, repo: Path) -> None:
    code, _, err = cli(
        runner, repo, "update", "KVDJ-001", "--tekst", "loopt", "--vergadering", MEETING
    )
    assert code == 0, err
    assert (
        f"updates:\n  - datum: 2025-11-25\n    tekst: loopt\n    vergadering: {MEETING}\n"
        in text(repo, OPEN)
    )
    code, _, err = cli(runner, repo, "update", "KVDJ-001", "--tekst", "verder")
    assert code == 0, err
    assert "  - datum: 2025-12-01\n    tekst: verder\n" in text(repo, OPEN)  # else today


def test_close_in_a_meeting_takes_its_date_without_warning(runner: CliRunner, repo: Path) -> None:
    code, _, err = cli(runner, repo, "close", "KVDJ-001", "--vergadering", MEETING)
    assert code == 0, err
    assert err.splitlines() == ["Actie KVDJ-001 afgerond", f"  {ARCHIVED}", f"  {OPEN}"]
    assert f"afgerond_op: 2025-11-25\nafgerond_in: {MEETING}\n" in text(repo, ARCHIVED)


def test_close_in_a_meeting_on_another_day_is_said(runner: CliRunner, repo: Path) -> None:
    code, _, err = cli(
        runner, repo, "afronden", "KVDJ-001", "--vergadering", MEETING, "--datum", "2025-11-26"
    )
    assert code == 0, err
    assert err.splitlines()[-1] == (
        "let op: afronddatum 26 november 2025 is niet de datum van vergadering "
        f"{MEETING} (25 november 2025); klopt dat?"
    )
    assert "afgerond_op: 2025-11-26\n" in text(repo, ARCHIVED)


def test_closing_a_blocked_action_removes_its_reason(runner: CliRunner, repo: Path) -> None:
    assert cli(runner, repo, "blokkeer", "KVDJ-001", "--reden", "wacht")[0] == 0
    assert cli(runner, repo, "close", "KVDJ-001", "--datum", "2025-11-30")[0] == 0
    assert text(repo, ARCHIVED) == ACTION.replace("status: open\n", "status: afgerond\n").replace(
        f"vergadering: {MEETING}\n", f"vergadering: {MEETING}\nafgerond_op: 2025-11-30\n"
    )


# --- open-actions -----------------------------------------------------------------------


SECOND = ACTION.replace("KVDJ-001", "KVDJ-002").replace("Presentatie", "Flyer")
THIRD = ACTION.replace("KVDJ-001", "KVDJ-003").replace("Presentatie", "Poster")


@pytest.fixture
def three(repo: Path, runner: CliRunner) -> Path:
    """KVDJ-001 geblokkeerd, KVDJ-002 in uitvoering, KVDJ-003 open."""
    build_file_tree(repo, {"data/acties/open/KVDJ-002.md": SECOND})
    build_file_tree(repo, {"data/acties/open/KVDJ-003.md": THIRD})
    assert cli(runner, repo, "blokkeer", "KVDJ-001", "--reden", "wacht op budget")[0] == 0
    assert cli(runner, repo, "start", "KVDJ-002")[0] == 0
    return repo


def test_open_actions_shows_the_status(runner: CliRunner, three: Path) -> None:
    code, out, err = cli(runner, three, "open-actions")
    assert code == 0, err
    rows = {line.split()[0]: line for line in out.splitlines()[1:]}
    assert "[geblokkeerd: wacht op budget] Toelichting." in rows["KVDJ-001"]
    assert "[in uitvoering] Toelichting." in rows["KVDJ-002"]
    assert "[" not in rows["KVDJ-003"]
    assert err.strip() == (
        "3 open actie(s), waarvan 3 verlopen, 1 in uitvoering en 1 geblokkeerd "
        "(peildatum 1 december 2025)."
    )


def test_open_actions_json_csv_markdown_say_the_status(runner: CliRunner, three: Path) -> None:
    data = json.loads(cli(runner, three, "open-actions", "--format", "json")[1])
    got = {a["id"]: (a["status"], a["reden"]) for a in data["acties"]}
    assert got == {
        "KVDJ-001": ("geblokkeerd", "wacht op budget"),
        "KVDJ-002": ("in uitvoering", None),
        "KVDJ-003": ("open", None),
    }
    csv_text = cli(runner, three, "open-actions", "--format", "csv")[1]
    assert ";[geblokkeerd: wacht op budget] Toelichting.;ja" in csv_text
    md = cli(runner, three, "open-actions", "--format", "markdown")[1]
    assert "| \\[in uitvoering\\] Toelichting. |" in md  # brackets escaped in Markdown


@pytest.mark.parametrize(
    ("status", "ids"),
    [("geblokkeerd", ["KVDJ-001"]), ("in-uitvoering", ["KVDJ-002"]), ("Open", ["KVDJ-003"])],
)
def test_open_actions_status_filter(
    runner: CliRunner, three: Path, status: str, ids: list[str]
) -> None:
    code, out, err = cli(runner, three, "open-actions", "--status", status, "--format", "json")
    assert code == 0, err
    assert [a["id"] for a in json.loads(out)["acties"]] == ids


def test_open_actions_refuses_an_archived_status(runner: CliRunner, three: Path) -> None:
    code, _, err = cli(runner, three, "open-actions", "--status", "geannuleerd")
    assert code == 1
    assert err.startswith("fout: status 'geannuleerd': open-actions toont alleen acties die nog")
    code, _, err = cli(runner, three, "open-actions", "--status", "klaar")
    assert (code, err) == (
        1,
        "fout: onbekende status 'klaar'; kies open, in-uitvoering of geblokkeerd\n",
    )


def test_a_cancelled_action_is_not_open(runner: CliRunner, repo: Path) -> None:
    assert cli(runner, repo, "annuleer", "KVDJ-001", "--reden", "weg")[0] == 0
    code, out, err = cli(runner, repo, "open-actions")
    assert (code, out) == (0, "")
    assert err.startswith("Geen open acties gevonden")


# --- actielijst -----------------------------------------------------------------------


def render_list(runner: CliRunner, repo: Path, *extra: str) -> str:
    code, out, err = cli(runner, repo, "render", "actielijst", "ot-kvdj", "--format", "md", *extra)
    assert code == 0, err
    return out


def test_actielijst_shows_status_in_its_section_and_cancelled_apart(
    runner: CliRunner, three: Path
) -> None:
    assert cli(runner, three, "annuleer", "KVDJ-003", "--reden", "dubbel met KVDJ-002")[0] == 0
    md = render_list(runner, three)
    section = md.split("## Werkgroep 1")[1].split("\n## ")[0]
    assert "| **Geblokkeerd:** wacht op budget<br>Toelichting. |" in section
    assert "| **In uitvoering**<br>Toelichting. |" in section
    assert "Poster" not in section
    cancelled = md.split("## Geannuleerde acties\n")[1].split("\n## ")[0]
    assert "| Poster 4 actielijnen Jonge Kind | Tjalling | November 2025 | " in cancelled
    assert "**Geannuleerd op 1 december 2025:** dubbel met KVDJ-002<br>Toelichting." in cancelled
    afgerond = md.split("## Afgeronde acties en besluiten")[1].split("## Geannuleerde")[0]
    assert "Poster" not in afgerond
    assert md.index("## Geannuleerde acties") < md.index("## Belangrijke data")


def test_actielijst_without_cancelled_actions_has_no_such_section(
    runner: CliRunner, three: Path
) -> None:
    assert "Geannuleerde acties" not in render_list(runner, three)


def test_actielijst_op_a_day_before_the_cancelling_shows_it_open(
    runner: CliRunner, repo: Path
) -> None:
    assert cli(runner, repo, "annuleer", "KVDJ-001", "--reden", "weg")[0] == 0
    md = render_list(runner, repo, "--op", "2025-11-30")
    assert "Geannuleerde acties" not in md
    section = md.split("## Werkgroep 1")[1].split("\n## ")[0]
    assert "| Presentatie 4 actielijnen Jonge Kind | Tjalling | November 2025" in section
    assert "weg" not in md


@pytest.mark.parametrize("fmt", ["html", "docx"])
def test_actielijst_html_and_docx_have_the_cancelled_section(
    runner: CliRunner, repo: Path, tmp_path: Path, fmt: str
) -> None:
    assert cli(runner, repo, "annuleer", "KVDJ-001", "--reden", "vervallen")[0] == 0
    target = tmp_path / f"lijst.{fmt}"
    code, _, err = cli(
        runner, repo, "render", "actielijst", "ot-kvdj", "--format", fmt, "-o", str(target)
    )
    assert code == 0, err
    if fmt == "html":
        html = target.read_text(encoding="utf-8")
        assert '<section id="geannuleerd">\n<h2>Geannuleerde acties</h2>' in html
        assert "<strong>Geannuleerd op 1 december 2025:</strong> vervallen" in html
    else:
        import zipfile

        xml = zipfile.ZipFile(target).read("word/document.xml").decode("utf-8")
        assert "Geannuleerde acties" in xml and "vervallen" in xml


def test_a_name_in_a_reason_is_redacted_in_the_public_list(runner: CliRunner, repo: Path) -> None:
    code, _, err = cli(runner, repo, "annuleer", "KVDJ-001", "--reden", "Tjalling is vertrokken")
    assert code == 0, err
    public = render_list(runner, repo, "--openbaar")
    assert "Tjalling" not in public
    assert "**Geannuleerd op 1 december 2025:** 5.1.2.e is vertrokken" in public


# --- diff -------------------------------------------------------------------------------


def test_diff_reports_each_status_change(runner: CliRunner, three: Path) -> None:
    git(three, "add", "-A")
    git(three, "commit", "-q", "-m", "statussen")
    assert cli(runner, three, "heropen", "KVDJ-001")[0] == 0
    assert cli(runner, three, "blokkeer", "KVDJ-002", "--reden", "ziek")[0] == 0
    assert cli(runner, three, "annuleer", "KVDJ-003", "--reden", "dubbel")[0] == 0
    code, out, err = cli(runner, three, "diff", "HEAD")
    assert code == 0, err
    assert "Acties geannuleerd (1)\n  KVDJ-003  Poster 4 actielijnen Jonge Kind — " in out
    assert "geannuleerd_op: 2025-12-01; reden: dubbel" in out
    assert "Acties geblokkeerd (1)\n  KVDJ-002  Flyer 4 actielijnen Jonge Kind — reden: ziek" in out
    assert "Acties heropend (1)\n  KVDJ-001  Presentatie 4 actielijnen Jonge Kind" in out
    git(three, "add", "-A")
    git(three, "commit", "-q", "-m", "meer")
    assert cli(runner, three, "start", "KVDJ-002")[0] == 0
    out = cli(runner, three, "diff", "HEAD")[1]
    assert "Acties gestart (1)\n  KVDJ-002  Flyer 4 actielijnen Jonge Kind" in out
    assert "gewijzigd" not in out  # the reason that went is part of the status change


def test_validate_counts_every_status(runner: CliRunner, repo: Path) -> None:
    code, _, err = cli(runner, repo, "validate")
    assert code == 0, err
    assert "1 acties (1 open, 0 afgerond)," in err  # the statuses nobody uses are not named
    cli(runner, repo, "blokkeer", "KVDJ-001", "--reden", "wacht op budget")
    code, out, err = cli(runner, repo, "validate")
    assert code == 0, out + err
    assert "1 acties (0 open, 1 geblokkeerd, 0 afgerond)," in err
    cli(runner, repo, "annuleer", "KVDJ-001", "--reden", "vervalt")
    code, out, _ = cli(runner, repo, "validate", "--format", "json")
    counts = json.loads(out)["aantallen"]
    assert (counts["open"], counts["geblokkeerd"], counts["geannuleerd"]) == (0, 0, 1)


def test_an_update_is_not_dated_before_the_action_arose_and_a_future_date_is_said(
    runner: CliRunner, repo: Path
) -> None:
    before = text(repo, OPEN)
    code, _, err = cli(runner, repo, "update", "KVDJ-001", "--tekst", "x", "--datum", "2025-11-24")
    assert code == 1
    assert err.splitlines()[0] == (
        "fout: datum van de update 24 november 2025 ligt vóór de vergadering van "
        "25 november 2025 waarin de actie ontstond"
    )
    assert text(repo, OPEN) == before
    code, _, err = cli(runner, repo, "update", "KVDJ-001", "--tekst", "x", "--datum", "2026-01-05")
    assert code == 0, err
    assert err.splitlines()[-1] == (
        "let op: datum van de update 5 januari 2026 ligt na vandaag (1 december 2025); "
        "klopt de datum?"
    )
