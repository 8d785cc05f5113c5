"""Whose actions are these: ambiguous names, organisations, cold and warm (issue #9)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import build_file_tree, run

PARTNERS = """\
domeinen:
  - id: kvdj
    naam: Kansen voor de jeugd
  - id: wb
    naam: Werk en bestaanszekerheid
organisaties:
  - id: gemeente
    naam: Gemeente Amsterdam
  - id: hva
    naam: Hogeschool van Amsterdam
    afkortingen: [HvA]
personen:
  - id: jan-de-vries
    naam: Jan de Vries
    organisatie: gemeente
  - id: jan-de-vries-2
    naam: Jan de Vries
    organisatie: hva
  - id: jan-smit
    naam: Jan Smit
  - id: tjalling
    naam: Tjalling Hoekstra
    aliassen: [Tjalling]
    organisatie: gemeente
teams:
  - id: ot-kvdj
    naam: Opgaveteam Kansen voor de Jeugd
    soort: opgaveteam
    domein: kvdj
    aliassen: [OT KvdJ]
    leden: [tjalling, jan-de-vries, jan-smit]
    actie_prefix: KVDJ
  - id: ot-kvdj-wg1
    naam: Werkgroep 1 – Het Jonge Kind
    soort: werkgroep
    ouder: ot-kvdj
    leden: [tjalling]
  - id: ot-wb
    naam: Opgaveteam Werk en Bestaanszekerheid
    soort: opgaveteam
    domein: wb
    leden: [jan-de-vries-2, jan-de-vries]
    actie_prefix: WB
  - id: ot-wb-wg2
    naam: Werkgroep 2 – Werk
    soort: werkgroep
    ouder: ot-wb
    leden: [tjalling]
"""


def action(action_id: str, team: str, refs: str, werkgroep: str | None = None) -> str:
    return (
        f"---\nid: {action_id}\nwat: Actie {action_id}\nwie: ''\nbetrokkenen: [{refs}]\n"
        f"wanneer: ''\nstatus: open\nteam: {team}\n"
        + (f"werkgroep: {werkgroep}\n" if werkgroep else "")
        + "---\n"
    )


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SAMENNW_DATUM", "2025-12-01")
    files: dict[str, str | bytes] = {
        "data/partners.yaml": PARTNERS,
        # the organisation's actions: Tjalling (of the gemeente) is in ot-kvdj only,
        # and in one werkgroep of ot-wb
        "data/acties/open/KVDJ-001.md": action("KVDJ-001", "ot-kvdj", "gemeente"),
        "data/acties/open/WB-001.md": action("WB-001", "ot-wb", "gemeente"),
        "data/acties/open/WB-002.md": action("WB-002", "ot-wb", "gemeente", "ot-wb-wg2"),
        "data/acties/open/KVDJ-002.md": action("KVDJ-002", "ot-kvdj", "tjalling"),
        "data/acties/open/WB-003.md": action("WB-003", "ot-wb", "tjalling"),  # his own
        "data/acties/open/WB-004.md": action("WB-004", "ot-wb", "ot-wb"),  # not his team
        "data/acties/open/KVDJ-003.md": action("KVDJ-003", "ot-kvdj", "ot-kvdj-wg1"),
    }
    return build_file_tree(tmp_path / "repo", files)


def owner_ids(repo: Path, *args: str) -> list[str]:
    code, out, err = run(
        CliRunner(), "open-actions", "--format", "json", "--data", str(repo), *args
    )
    assert code == 0, err
    return sorted(item["id"] for item in json.loads(out)["acties"])


def test_a_shared_full_name_lists_the_candidates_with_ids_and_teams(repo: Path) -> None:
    code, out, err = run(
        CliRunner(), "open-actions", "--owner", "Jan de Vries", "--data", str(repo)
    )
    assert code == 1 and out == ""
    assert err.splitlines()[0] == (
        "fout: 'Jan de Vries' is niet eenduidig: "
        "jan-de-vries (Jan de Vries, Gemeente Amsterdam; teams: ot-kvdj, ot-wb), "
        "jan-de-vries-2 (Jan de Vries, Hogeschool van Amsterdam; teams: ot-wb); "
        "geef de code (bijvoorbeeld 'jan-de-vries')"
    )
    assert "volledige naam" not in err  # the full name is what was given


def test_a_shared_first_name_may_be_made_unique_with_the_full_name(repo: Path) -> None:
    code, _, err = run(CliRunner(), "open-actions", "--owner", "Jan", "--data", str(repo))
    assert code == 1
    assert "jan-smit (Jan Smit; teams: ot-kvdj)" in err
    assert "; geef de code of de volledige naam (bijvoorbeeld 'jan-de-vries')" in err
    assert owner_ids(repo, "--owner", "jan-de-vries-2") == ["WB-004"]


def test_add_action_lists_the_candidates_of_an_ambiguous_wie(repo: Path) -> None:
    code, _, err = run(
        CliRunner(), "add-action", "ot-kvdj", "--wat", "X", "--wie", "Jan de Vries/Tjalling",
        "--data", str(repo),
    )  # fmt: skip
    assert code == 1
    assert err.splitlines()[0] == (
        "fout: niet eenduidige naam in 'wie': 'Jan de Vries' kan zijn: "
        "jan-de-vries (Jan de Vries, Gemeente Amsterdam; teams: ot-kvdj, ot-wb), "
        "jan-de-vries-2 (Jan de Vries, Hogeschool van Amsterdam; teams: ot-wb); "
        "geef de codes met --betrokkenen (bijv. --betrokkenen jan-de-vries)"
    )


def test_an_organisations_action_counts_only_on_the_persons_own_teams(repo: Path) -> None:
    assert owner_ids(repo, "--owner", "Tjalling") == [
        "KVDJ-001",  # gemeente, on ot-kvdj: his team
        "KVDJ-002",  # his own
        "KVDJ-003",  # his werkgroep
        "WB-002",  # gemeente, in ot-wb's werkgroep 2, which he is in
        "WB-003",  # his own, on a team he is not in
    ]  # not WB-001: gemeente, on ot-wb, which he is not in
    assert owner_ids(repo, "--owner", "Tjalling", "--persoonlijk") == ["KVDJ-002", "WB-003"]


def test_cold_and_warm_queries_give_the_same_answer(repo: Path, tmp_path: Path) -> None:
    def query() -> str:
        code, out, err = run(
            CliRunner(), "open-actions", "--owner", "Tjalling", "--format", "json",
            "--data", str(repo),
        )  # fmt: skip
        assert code == 0, err
        return out

    shutil.rmtree(repo / ".samennw-cache", ignore_errors=True)
    cold = query()
    assert (repo / ".samennw-cache").is_dir()  # the warm run below reads the cache
    warm = query()
    assert warm == cold
    assert [a["id"] for a in json.loads(cold)["acties"]].count("WB-001") == 0


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Gemeente Amsterdam", ["KVDJ-001", "WB-001", "WB-002"]),  # an organisation's name
        ("gemeente", ["KVDJ-001", "WB-001", "WB-002"]),  # its code
        ("HvA", []),  # an abbreviation: known, nothing names it
        ("Opgaveteam Werk en Bestaanszekerheid", ["WB-004"]),  # a team by name
        ("Werkgroep 1 – Het Jonge Kind", ["KVDJ-003"]),  # a werkgroep by name
    ],
)
def test_the_owner_may_be_an_organisation_or_a_team(
    repo: Path, name: str, expected: list[str]
) -> None:
    assert owner_ids(repo, "--owner", name) == expected


def test_a_team_alias_finds_the_actions_that_name_the_team(repo: Path) -> None:
    code, _, err = run(
        CliRunner(), "add-action", "ot-kvdj", "--wat", "Flyer", "--wie", "OT KvdJ/HvA",
        "--data", str(repo),
    )  # fmt: skip
    assert code == 0, err
    text = (repo / "data/acties/open/KVDJ-004.md").read_text(encoding="utf-8")
    assert "betrokkenen: [ot-kvdj, hva]\n" in text
    assert owner_ids(repo, "--owner", "OT KvdJ") == ["KVDJ-004"]
    assert owner_ids(repo, "--owner", "HvA") == ["KVDJ-004"]


def test_an_unknown_owner_gets_suggestions_of_every_kind(repo: Path) -> None:
    code, out, err = run(
        CliRunner(), "open-actions", "--owner", "Gemeente Amsterdm", "--data", str(repo)
    )
    assert (code, out) == (1, "")
    assert err.splitlines()[0] == (
        "fout: onbekende persoon 'Gemeente Amsterdm'; bedoelde u 'Gemeente Amsterdam'?"
    )
    code, _, err = run(CliRunner(), "open-actions", "--owner", "Xyzzy", "--data", str(repo))
    assert code == 1
    assert err.splitlines()[0] == (
        "fout: onbekende persoon 'Xyzzy' (ook geen team of organisatie met die naam)"
    )


def test_a_persons_code_is_that_person_even_when_it_is_anothers_first_name(
    tmp_path: Path,
) -> None:
    partners = (
        "personen:\n"
        "  - id: jeroen\n    naam: Jeroen\n"
        "  - id: jeroen-spanbroek\n    naam: Jeroen Spanbroek\n"
        "teams:\n  - id: ot\n    naam: OT\n    soort: opgaveteam\n"
    )
    repo = build_file_tree(
        tmp_path / "repo",
        {
            "data/partners.yaml": partners,
            "data/acties/open/OT-001.md": action("OT-001", "ot", "jeroen"),
            "data/acties/open/OT-002.md": action("OT-002", "ot", "jeroen-spanbroek"),
        },
    )
    code, _, err = run(CliRunner(), "open-actions", "--owner", "Jeroen", "--data", str(repo))
    assert code == 1
    assert "geef de code of de volledige naam (bijvoorbeeld 'jeroen')" in err
    assert owner_ids(repo, "--owner", "jeroen") == ["OT-001"]  # the way out it offers
    assert owner_ids(repo, "--owner", "Jeroen Spanbroek") == ["OT-002"]


def test_a_member_with_a_role_or_period_gets_the_teams_actions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a membership written as a mapping (persoon, rol, van) is read as a dict in the query
    # catalog; its person is a member as with a bare id, cold and warm
    monkeypatch.setenv("SAMENNW_DATUM", "2025-12-01")
    partners = PARTNERS.replace(
        "    leden: [tjalling, jan-de-vries, jan-smit]\n",
        "    leden:\n      - {persoon: jan-smit, rol: trekker, van: 2025-01-01}\n",
    )
    files: dict[str, str | bytes] = {
        "data/partners.yaml": partners,
        "data/acties/open/KVDJ-001.md": action("KVDJ-001", "ot-kvdj", "ot-kvdj"),
    }
    repo = build_file_tree(tmp_path / "repo", files)
    assert owner_ids(repo, "--owner", "jan-smit") == ["KVDJ-001"]  # cold
    assert owner_ids(repo, "--owner", "jan-smit") == ["KVDJ-001"]  # warm
