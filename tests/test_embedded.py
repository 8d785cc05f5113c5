"""Acceptance on the embedded data set: what a new user sees after installing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from .conftest import EMBEDDED, git, run, snapshot

pytestmark = pytest.mark.skipif(
    not (EMBEDDED / "partners.yaml").exists(), reason="embedded data not present"
)

TJALLING_OPEN = {
    "Delen van inhoud vergadering OT KvdJ",
    "4 Actielijnen in ontwikkeling",
    "Presentatie 4 actielijnen Jonge Kind",
    "Actielijn pedagogische infrastructuur",
    "Loopbaanroute Nieuw-West",
}


def test_embedded_data_is_valid(runner: CliRunner) -> None:
    code, out, err = run(runner, "validate", "--data", str(EMBEDDED.parent))
    assert code == 0, out + err
    assert "Geen fouten" in err


def tjalling_rows(runner: CliRunner, root: Path, *extra: str) -> list[dict[str, object]]:
    code, out, err = run(
        runner,
        "open-actions",
        "--owner",
        "Tjalling",
        "--format",
        "json",
        "--op",
        "2025-11-26",
        "--data",
        str(root),
        *extra,
    )
    assert code == 0, err
    rows: list[dict[str, object]] = json.loads(out)["acties"]
    return rows


def test_tjalling_open_actions(runner: CliRunner) -> None:
    rows = tjalling_rows(runner, EMBEDDED.parent)
    personal = {r["wat"] for r in rows if r["via_team"] is None}
    assert personal == TJALLING_OPEN
    team_rows = [r for r in rows if r["via_team"] is not None]
    assert team_rows, "the 'Alle aanwezigen' actions of OT KvdJ are Tjalling's team actions"
    assert all(r["status"] == "open" for r in rows)
    assert all(str(r["id"]).startswith("KVDJ-") for r in rows if r["via_team"] is None)
    # an AB action addressed to OT KvdJ is one of Tjalling's team actions too
    assert {r["via_team"] for r in team_rows} == {"ot-kvdj"}
    code, out, _ = run(
        runner,
        "open-actions",
        "--owner",
        "Tjalling",
        "--data",
        str(EMBEDDED.parent),
        "--op",
        "2025-11-26",
    )
    assert code == 0
    flat = " ".join(out.split())
    for row in rows:
        assert str(row["id"]) in flat


def test_close_and_reopen_loopbaanroute_in_a_clone(runner: CliRunner, git_repo: Path) -> None:
    rows = tjalling_rows(runner, git_repo)
    action_id = next(str(r["id"]) for r in rows if r["wat"] == "Loopbaanroute Nieuw-West")
    before = snapshot(git_repo)
    code, _, err = run(runner, "close", action_id, "--datum", "2025-12-01", "--data", str(git_repo))
    assert code == 0, err
    stat = git(git_repo, "diff", "--cached", "-M", "--numstat")
    (line,) = stat.strip().splitlines()
    added, removed, path = line.split("\t", 2)
    assert "=>" in path and int(added) + int(removed) <= 5, line
    assert run(runner, "validate", "--data", str(git_repo))[0] == 0
    assert action_id not in {str(r["id"]) for r in tjalling_rows(runner, git_repo)}
    assert run(runner, "heropen", action_id, "--data", str(git_repo))[0] == 0
    assert snapshot(git_repo) == before


def test_new_meeting_for_ot_kvdj(runner: CliRunner, embedded_copy: Path) -> None:
    code, _, err = run(
        runner,
        "new-meeting",
        "OT KvdJ",
        "--datum",
        "2026-01-15",
        "--tijd",
        "16:30-18:00",
        "--data",
        str(embedded_copy),
    )
    assert code == 0, err
    text = (embedded_copy / "data/meetings/2026/ot-kvdj-2026-01-15.md").read_text()
    # issue #13: the actions due by 15 January 2026 as references on the agenda (KVDJ-008,
    # "Loopbaanroute Nieuw-West", due "2025"), not copied into the body; both concept
    # minutes offered for approval
    assert (
        "    acties:\n      - KVDJ-001\n      - KVDJ-002\n      - KVDJ-003\n      - KVDJ-008\n"
        in text
    )
    assert "Loopbaanroute Nieuw-West" not in text
    assert "besluitpunt: Vaststellen notulen van 25 september 2025 en 25 november 2025\n" in text
    assert "vorige_vergadering: ot-kvdj-2025-11-25" in text
    assert run(runner, "validate", "--data", str(embedded_copy))[0] == 0
