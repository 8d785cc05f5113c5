"""`samennw show ID` / `toon`: what became of a decision; an action; a meeting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import samennw.cli.show  # noqa: F401  (registers show and toon)
from tests.conftest import ACTION, build_file_tree, run
from tests.ops.test_decisions import LATE, files

CLOSED = ACTION.replace("KVDJ-001", "KVDJ-002").replace(
    "status: open",
    "status: afgerond\nafgerond_op: 2025-11-28\nupdates:\n"
    "  - datum: 2025-11-26\n    tekst: Zaal geregeld.\n",
)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    tree = files()
    tree[LATE] = tree[LATE].replace("acties: [KVDJ-001]", "acties: [KVDJ-001, KVDJ-002]")
    tree["data/acties/afgerond/KVDJ-002.md"] = CLOSED
    return build_file_tree(tmp_path / "repo", tree)


def test_what_became_of_a_decision(runner: CliRunner, repo: Path) -> None:
    code, out, err = run(runner, "show", "ot-kvdj-2025-09-25-b1", "--data", str(repo))
    assert code == 0, err
    assert out.splitlines() == [
        "Besluit ot-kvdj-2025-09-25-b1",
        "Vergadering:    ot-kvdj-2025-09-25 (Opgaveteam Kansen voor de Jeugd, "
        "donderdag 25 september 2025)",
        "Besluit:        Het OT stelt de werkagenda vast.",
        "Status:         gewijzigd door ot-kvdj-2025-11-25-b1 (25 november 2025)",
        "",
        "Gewijzigd door:",
        "  ot-kvdj-2025-11-25-b1 (25 november 2025): De werkagenda wordt aangepast.",
        "",
        "Acties:",
        "  geen acties genoemd",
    ]


def test_a_later_decision_with_its_vote_links_and_actions(runner: CliRunner, repo: Path) -> None:
    code, out, err = run(runner, "toon", "ot-kvdj-2025-11-25-b1", "--data", str(repo))
    assert code == 0, err
    assert out.splitlines() == [
        "Besluit ot-kvdj-2025-11-25-b1",
        "Vergadering:    ot-kvdj-2025-11-25 (Opgaveteam Kansen voor de Jeugd, "
        "dinsdag 25 november 2025)",
        "Besluit:        De werkagenda wordt aangepast.",
        "Status:         vervolg op ot-kvdj-2025-09-25-b2 (25 september 2025)",
        "Besluitvorming: bij stemming (5 voor, 1 tegen, 0 onthoudingen)",
        "",
        "Wijzigt:",
        "  ot-kvdj-2025-09-25-b1 (25 september 2025): Het OT stelt de werkagenda vast.",
        "",
        "Vervolg op:",
        "  ot-kvdj-2025-09-25-b2 (25 september 2025) [aangehouden]: Vrijgave van het budget.",
        "",
        "Acties:",
        "  KVDJ-001  open; wie: Tjalling; wanneer: November 2025",
        "      Presentatie 4 actielijnen Jonge Kind",
        "  KVDJ-002  afgerond op 28 november 2025; wie: Tjalling; wanneer: November 2025",
        "      Presentatie 4 actielijnen Jonge Kind",
    ]


def test_a_decision_as_json(runner: CliRunner, repo: Path) -> None:
    code, out, _ = run(
        runner, "show", "ot-kvdj-2025-09-25-b2", "--format", "json", "--data", str(repo)
    )
    assert code == 0
    info = json.loads(out)
    assert info["soort"] == "besluit" and info["uitslag"] == "aangehouden"
    assert info["status"] == "aangehouden; vervolgd door ot-kvdj-2025-11-25-b1 (25 november 2025)"
    assert [d["id"] for d in info["vervolgd_door"]] == ["ot-kvdj-2025-11-25-b1"]
    assert info["vervangen_door"] == [] and info["acties"] == []


def test_an_action_with_its_updates_and_the_decision_naming_it(
    runner: CliRunner, repo: Path
) -> None:
    code, out, err = run(runner, "show", "kvdj-002", "--data", str(repo))
    assert code == 0, err
    assert out.splitlines() == [
        "Actie KVDJ-002 (afgerond)",
        "Wat:            Presentatie 4 actielijnen Jonge Kind",
        "Wie:            Tjalling",
        "Wanneer:        November 2025",
        "Afgerond op:    28 november 2025",
        "Vergadering:    ot-kvdj-2025-11-25 (dinsdag 25 november 2025)",
        "Toelichting:    Toelichting.",
        "",
        "Updates:",
        "  26 november 2025: Zaal geregeld.",
        "",
        "Besluiten die deze actie noemen:",
        "  ot-kvdj-2025-11-25-b1 (25 november 2025): De werkagenda wordt aangepast.",
    ]


def test_a_meeting_with_its_decisions_and_actions(runner: CliRunner, repo: Path) -> None:
    code, out, err = run(runner, "show", "ot-kvdj-2025-09-25", "--data", str(repo))
    assert code == 0, err
    assert out.splitlines() == [
        "Vergadering ot-kvdj-2025-09-25",
        "Team:           Opgaveteam Kansen voor de Jeugd",
        "Datum:          donderdag 25 september 2025, 16:30-18:00",
        "Notulen:        concept",
        "",
        "Besluiten:",
        "  ot-kvdj-2025-09-25-b1 (25 september 2025): Het OT stelt de werkagenda vast.",
        "      (gewijzigd door ot-kvdj-2025-11-25-b1 (25 november 2025))",
        "  ot-kvdj-2025-09-25-b2 (25 september 2025) [aangehouden]: Vrijgave van het budget.",
        "      (aangehouden; vervolgd door ot-kvdj-2025-11-25-b1 (25 november 2025))",
        "",
        "Acties:",
        "  geen acties",
    ]
    code, out, _ = run(runner, "show", "ot-kvdj-2025-11-25", "--data", str(repo))
    assert "Acties:\n  KVDJ-001  open; wie: Tjalling; wanneer: November 2025" in out


def test_the_embedded_decision_and_its_meeting(runner: CliRunner) -> None:
    code, out, _ = run(runner, "show", "ab-2023-07-04-b3")
    assert code == 0
    assert "Agendapunt:     7. Voorstellen vanuit opgaveteams" in out
    assert "Status:         genomen" in out


def test_an_unknown_id_is_refused_with_a_suggestion(runner: CliRunner, repo: Path) -> None:
    code, out, err = run(runner, "show", "ot-kvdj-2025-09-25-b7", "--data", str(repo))
    assert code == 1 and out == ""
    assert err.startswith(
        "fout: onbekende code 'ot-kvdj-2025-09-25-b7': geen besluit, actie of vergadering; "
        "bedoelde u 'ot-kvdj-2025-09-25-b2'"
    )
    code, _, err = run(runner, "toon", "KVDJ-009", "--data", str(repo))
    assert code == 1 and "bedoelde u 'KVDJ-002' of 'KVDJ-001'?" in err


def test_an_unknown_format_is_a_usage_error(runner: CliRunner, repo: Path) -> None:
    code, _, err = run(runner, "show", "KVDJ-001", "--format", "csv", "--data", str(repo))
    assert code == 2 and "onbekend formaat 'csv'; kies text of json" in err


def test_a_cancelled_action_shows_when_where_and_why(runner: CliRunner, repo: Path) -> None:
    cancelled = CLOSED.replace(
        "status: afgerond\nafgerond_op: 2025-11-28\n",
        "status: geannuleerd\nreden: vervalt door het nieuwe beleid\n"
        "geannuleerd_op: 2025-11-25\ngeannuleerd_in: ot-kvdj-2025-11-25\n",
    )
    (repo / "data/acties/afgerond/KVDJ-002.md").write_text(cancelled, encoding="utf-8")
    code, out, err = run(runner, "show", "KVDJ-002", "--data", str(repo))
    assert code == 0, err
    assert out.splitlines()[:6] == [
        "Actie KVDJ-002 (geannuleerd)",
        "Wat:            Presentatie 4 actielijnen Jonge Kind",
        "Wie:            Tjalling",
        "Wanneer:        November 2025",
        "Reden:          vervalt door het nieuwe beleid",
        "Geannuleerd op: 25 november 2025 (in ot-kvdj-2025-11-25)",
    ]
    code, out, _ = run(runner, "show", "ot-kvdj-2025-11-25-b1", "--data", str(repo))
    assert "  KVDJ-002  geannuleerd op 25 november 2025 (vervalt door het nieuwe beleid)" in out
    code, out, _ = run(runner, "show", "KVDJ-002", "--format", "json", "--data", str(repo))
    info = json.loads(out)
    assert (info["reden"], info["geannuleerd_op"], info["geannuleerd_in"]) == (
        "vervalt door het nieuwe beleid",
        "2025-11-25",
        "ot-kvdj-2025-11-25",
    )


def test_a_decision_that_approves_minutes_says_which(runner: CliRunner) -> None:
    code, out, err = run(runner, "show", "ab-2023-07-04-b1")  # the embedded data
    assert code == 0, err
    assert out.splitlines()[4:6] == [
        "Status:         genomen",
        "Stelt vast:     de notulen van ab-2023-05-24 (Alliantiebestuur, woensdag 24 mei 2023)",
    ]
    code, out, _ = run(runner, "show", "ab-2023-07-04-b1", "--format", "json")
    assert json.loads(out)["stelt_vast"]["id"] == "ab-2023-05-24"
