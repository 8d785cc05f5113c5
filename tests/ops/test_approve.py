"""`samennw approve` / `vaststellen`: the minutes of a meeting are vastgesteld in a later one."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import PARTNERS, build_file_tree, git, make_git_repo, run, snapshot

EARLIER = """\
---
id: ot-kvdj-2025-09-25
team: ot-kvdj
datum: 2025-09-25
aanwezig: [tjalling]
# status van de notulen
notulen_status: concept
vorige_vergadering: ot-kvdj-2025-06-12
besluiten:
  - id: ot-kvdj-2025-09-25-b1
    tekst: De notulen van de vergadering van 12 juni 2025 zijn vastgesteld.
    stelt_vast: ot-kvdj-2025-06-12
---
## 1. Opening

Tekst die blijft staan.
"""

PREVIOUS = """\
---
id: ot-kvdj-2025-06-12
team: ot-kvdj
datum: 2025-06-12
notulen_status: vastgesteld
vastgesteld_op: 2025-09-25
vastgesteld_in: ot-kvdj-2025-09-25
---
"""

LATER = """\
---
id: ot-kvdj-2025-11-25
team: ot-kvdj
datum: 2025-11-25
aanwezig: [tjalling, emre-unver]
agenda:
  - nr: 1
    titel: Opening
  - nr: 2
    titel: Verslag vorige vergadering
notulen_status: concept
besluiten:
  - id: ot-kvdj-2025-11-25-b1
    tekst: Aanpak vastgesteld.
    agendapunt: 1
---
## 1. Opening
"""

WERKGROEP = """\
---
id: ot-kvdj-wg1-2025-10-01
team: ot-kvdj-wg1
datum: 2025-10-01
---
"""

OTHER_TEAM_PARTNERS = (
    PARTNERS
    + """\
  - id: ot-wonen
    naam: Opgaveteam Wonen
    soort: opgaveteam
"""
)

WONEN = """\
---
id: ot-wonen-2025-12-01
team: ot-wonen
datum: 2025-12-01
---
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return build_file_tree(
        tmp_path / "repo",
        {
            "data/partners.yaml": OTHER_TEAM_PARTNERS,
            "data/meetings/2025/ot-kvdj-2025-06-12.md": PREVIOUS,
            "data/meetings/2025/ot-kvdj-2025-09-25.md": EARLIER,
            "data/meetings/2025/ot-kvdj-2025-11-25.md": LATER,
            "data/meetings/2025/ot-kvdj-wg1-2025-10-01.md": WERKGROEP,
            "data/meetings/2025/ot-wonen-2025-12-01.md": WONEN,
        },
    )


def meeting(root: Path, meeting_id: str) -> str:
    return (root / "data" / "meetings" / meeting_id[-10:-6] / f"{meeting_id}.md").read_text(
        encoding="utf-8"
    )


def data_files(root: Path) -> dict[str, bytes]:
    """The data files with their bytes (not samennw's lock files)."""
    return {k: v for k, v in snapshot(root).items() if ".samennw" not in k}


def approve(root: Path, *args: str) -> tuple[int, str, str]:
    return run(CliRunner(), "vaststellen", *args, "--data", str(root))


def test_approve_sets_three_keys_and_records_the_decision_in_the_later_meeting(
    repo: Path,
) -> None:
    code, _, err = approve(repo, "ot-kvdj-2025-09-25", "--in", "ot-kvdj-2025-11-25")
    assert code == 0, err
    assert err.splitlines()[0] == (
        "Notulen van ot-kvdj-2025-09-25 vastgesteld in ot-kvdj-2025-11-25 "
        "(besluit ot-kvdj-2025-11-25-b2)"
    )
    # only the status line changed, the two keys follow it; comment and body as they were
    assert meeting(repo, "ot-kvdj-2025-09-25") == EARLIER.replace(
        "notulen_status: concept\n",
        "notulen_status: vastgesteld\nvastgesteld_op: 2025-11-25\n"
        "vastgesteld_in: ot-kvdj-2025-11-25\n",
    )
    # the decision: next free number, the agenda item about the minutes, stelt_vast
    assert meeting(repo, "ot-kvdj-2025-11-25") == LATER.replace(
        "    agendapunt: 1\n---",
        "    agendapunt: 1\n"
        "  - id: ot-kvdj-2025-11-25-b2\n"
        "    tekst: De notulen van de vergadering van 25 september 2025 zijn vastgesteld.\n"
        "    agendapunt: 2\n"
        "    stelt_vast: ot-kvdj-2025-09-25\n---",
    )


def test_approve_then_validate_has_no_cross_check_warning(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SAMENNW_DATUM", "2025-12-15")
    code, out, _ = run(CliRunner(), "validate", "--data", str(repo))
    assert "ot-kvdj-2025-09-25 zijn nog concept" in out  # before: a warning
    assert approve(repo, "ot-kvdj-2025-09-25", "--in", "ot-kvdj-2025-11-25")[0] == 0
    code, out, err = run(CliRunner(), "validate", "--data", str(repo))
    assert code == 0, out
    assert "ot-kvdj-2025-09-25" not in out
    assert "stelt_vast" not in out
    assert "Geen fouten" in err


def test_the_english_name_and_a_date_given(repo: Path) -> None:
    code, _, err = run(
        CliRunner(),
        "approve",
        "ot-kvdj-2025-09-25",
        "--in",
        "ot-kvdj-2025-11-25",
        "--datum",
        "2025-11-27",
        "--data",
        str(repo),
    )
    assert code == 0, err
    assert "vastgesteld_op: 2025-11-27\n" in meeting(repo, "ot-kvdj-2025-09-25")


def test_without_a_status_key_it_goes_after_the_agenda_and_besluiten_is_made(
    tmp_path: Path,
) -> None:
    root = build_file_tree(
        tmp_path / "r",
        {
            "data/partners.yaml": PARTNERS,
            "data/meetings/2025/ot-kvdj-2025-09-25.md": "---\nid: ot-kvdj-2025-09-25\n"
            "team: ot-kvdj\ndatum: 2025-09-25\nagenda:\n  - nr: 1\n    titel: Opening\n"
            "vorige_vergadering: null\n---\n",
            "data/meetings/2025/ot-kvdj-2025-11-25.md": "---\nid: ot-kvdj-2025-11-25\n"
            "team: ot-kvdj\ndatum: 2025-11-25\n---\nTekst.\n",
        },
    )
    assert approve(root, "ot-kvdj-2025-09-25", "--in", "ot-kvdj-2025-11-25")[0] == 0
    assert meeting(root, "ot-kvdj-2025-09-25") == (
        "---\nid: ot-kvdj-2025-09-25\nteam: ot-kvdj\ndatum: 2025-09-25\nagenda:\n"
        "  - nr: 1\n    titel: Opening\nnotulen_status: vastgesteld\n"
        "vastgesteld_op: 2025-11-25\nvastgesteld_in: ot-kvdj-2025-11-25\n"
        "vorige_vergadering: null\n---\n"
    )
    # no agenda item about minutes: no agendapunt
    assert meeting(root, "ot-kvdj-2025-11-25") == (
        "---\nid: ot-kvdj-2025-11-25\nteam: ot-kvdj\ndatum: 2025-11-25\nbesluiten:\n"
        "  - id: ot-kvdj-2025-11-25-b1\n"
        "    tekst: De notulen van de vergadering van 25 september 2025 zijn vastgesteld.\n"
        "    stelt_vast: ot-kvdj-2025-09-25\n---\nTekst.\n"
    )


def test_a_werkgroep_s_minutes_are_approved_by_its_parent_team(repo: Path) -> None:
    code, _, err = approve(repo, "ot-kvdj-wg1-2025-10-01", "--in", "ot-kvdj-2025-11-25")
    assert code == 0, err
    assert (
        '    tekst: "De notulen van de vergadering van Werkgroep 1 – Het Jonge Kind van '
        '1 oktober 2025 zijn vastgesteld."\n' in meeting(repo, "ot-kvdj-2025-11-25")
    )


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (
            ["ot-kvdj-2025-09-52", "--in", "ot-kvdj-2025-11-25"],
            "fout: onbekende vergadering 'ot-kvdj-2025-09-52'; bedoelde u 'ot-kvdj-2025-09-25'",
        ),
        (
            ["ot-kvdj-2025-09-25", "--in", "ot-kvdj-2025-11-52"],
            "fout: onbekende vergadering 'ot-kvdj-2025-11-52'; bedoelde u 'ot-kvdj-2025-11-25'",
        ),
        (
            ["ot-kvdj-2025-09-25", "--in", "ot-kvdj-2025-09-25"],
            "fout: notulen van ot-kvdj-2025-09-25 kunnen niet in dezelfde vergadering worden "
            "vastgesteld; noem met --in een latere vergadering",
        ),
        (
            ["ot-kvdj-2025-11-25", "--in", "ot-kvdj-2025-09-25"],
            "fout: de vergadering ot-kvdj-2025-09-25 (25 september 2025) is vóór de "
            "vergadering ot-kvdj-2025-11-25 (25 november 2025); notulen worden in een latere "
            "vergadering vastgesteld",
        ),
        (
            ["ot-kvdj-2025-11-25", "--in", "ot-wonen-2025-12-01"],
            "fout: ot-wonen-2025-12-01 is een vergadering van 'ot-wonen', ot-kvdj-2025-11-25 "
            "van 'ot-kvdj'; notulen worden vastgesteld door hetzelfde team (of, voor een "
            "werkgroep, door het opgaveteam erboven)",
        ),
        (
            ["ot-kvdj-2025-06-12", "--in", "ot-kvdj-2025-11-25"],
            "fout: de notulen van ot-kvdj-2025-06-12 zijn al vastgesteld op 25 september 2025 "
            "in ot-kvdj-2025-09-25",
        ),
        (
            ["ot-kvdj-2025-09-25", "--in", "ot-kvdj-2025-11-25", "--datum", "2025-11-24"],
            "fout: --datum 24 november 2025 ligt vóór de vergadering van 25 november 2025 "
            "(ot-kvdj-2025-11-25) waarin de notulen worden vastgesteld; er is niets gewijzigd",
        ),
    ],
)
def test_refusals_are_dutch_and_change_nothing(repo: Path, args: list[str], says: str) -> None:
    before = data_files(repo)
    code, _, err = approve(repo, *args)
    assert code == 1
    assert err.splitlines()[0].startswith(says), err
    assert data_files(repo) == before


def test_a_later_meeting_that_already_approves_them_is_refused(repo: Path) -> None:
    path = repo / "data" / "meetings" / "2025" / "ot-kvdj-2025-11-25.md"
    path.write_text(
        LATER.replace(
            "    agendapunt: 1\n---",
            "    agendapunt: 1\n    stelt_vast: ot-kvdj-2025-09-25\n---",
        ),
        encoding="utf-8",
    )
    before = data_files(repo)
    code, _, err = approve(repo, "ot-kvdj-2025-09-25", "--in", "ot-kvdj-2025-11-25")
    assert code == 1
    assert err.splitlines()[0] == (
        "fout: ot-kvdj-2025-11-25 heeft al een besluit dat de notulen van ot-kvdj-2025-09-25 "
        "vaststelt (ot-kvdj-2025-11-25-b1), maar de notulen staan nog op concept; zet in "
        "data/meetings/2025/ot-kvdj-2025-09-25.md 'notulen_status: vastgesteld', "
        "'vastgesteld_op' en 'vastgesteld_in' met de hand"
    )
    assert data_files(repo) == before


def test_an_inline_besluiten_list_is_refused_and_neither_file_changes(repo: Path) -> None:
    path = repo / "data" / "meetings" / "2025" / "ot-kvdj-2025-11-25.md"
    path.write_text(
        "---\nid: ot-kvdj-2025-11-25\nteam: ot-kvdj\ndatum: 2025-11-25\n"
        "besluiten: [{id: x-b1, tekst: Iets.}]\n---\n",
        encoding="utf-8",
    )
    before = data_files(repo)
    code, _, err = approve(repo, "ot-kvdj-2025-09-25", "--in", "ot-kvdj-2025-11-25")
    assert code == 1
    assert "'ot-kvdj-2025-11-25.md' kan niet veilig worden bewerkt" in err
    assert "Er is niets gewijzigd." in err
    assert data_files(repo) == before  # the first file, planned already, is not written either


def test_dry_run_writes_nothing(repo: Path) -> None:
    before = data_files(repo)
    code, _, err = approve(repo, "ot-kvdj-2025-09-25", "--in", "ot-kvdj-2025-11-25", "--dry-run")
    assert code == 0
    assert err == (
        "proefdraai: Notulen van ot-kvdj-2025-09-25 vastgesteld in ot-kvdj-2025-11-25 "
        "(besluit ot-kvdj-2025-11-25-b2)\n"
        "  zou schrijven: data/meetings/2025/ot-kvdj-2025-09-25.md\n"
        "  zou schrijven: data/meetings/2025/ot-kvdj-2025-11-25.md\n"
        "proefdraai (--dry-run): er is niets geschreven\n"
    )
    assert data_files(repo) == before


def test_commit_records_both_files_in_one_commit(repo: Path) -> None:
    make_git_repo(repo)
    code, _, err = approve(repo, "ot-kvdj-2025-09-25", "--in", "ot-kvdj-2025-11-25", "--commit")
    assert code == 0, err
    assert git(repo, "log", "-1", "--format=%s") == (
        "Notulen van ot-kvdj-2025-09-25 vastgesteld in ot-kvdj-2025-11-25 "
        "(besluit ot-kvdj-2025-11-25-b2)\n"
    )
    assert git(repo, "show", "--name-only", "--format=", "HEAD").split() == [
        "data/meetings/2025/ot-kvdj-2025-09-25.md",
        "data/meetings/2025/ot-kvdj-2025-11-25.md",
    ]
    assert git(repo, "status", "--porcelain", "--", "data") == ""


def test_the_decision_gets_the_number_after_the_highest(repo: Path) -> None:
    path = repo / "data" / "meetings" / "2025" / "ot-kvdj-2025-11-25.md"
    path.write_text(
        LATER.replace("-b1\n", "-b7\n").replace(
            "    agendapunt: 1\n---",
            "    agendapunt: 1\n  - id: besluit-zonder-nummer\n    tekst: Iets.\n---",
        ),
        encoding="utf-8",
    )
    code, _, err = approve(repo, "ot-kvdj-2025-09-25", "--in", "ot-kvdj-2025-11-25")
    assert code == 0, err
    assert "(besluit ot-kvdj-2025-11-25-b8)" in err.splitlines()[0]
    path.write_text(LATER.split("besluiten:")[0] + "---\n", encoding="utf-8")  # none yet
    approve(repo, "ot-kvdj-2025-09-25", "--in", "ot-kvdj-2025-11-25")  # refused: vastgesteld
    (repo / "data/meetings/2025/ot-kvdj-2025-09-25.md").write_text(EARLIER, encoding="utf-8")
    code, _, err = approve(repo, "ot-kvdj-2025-09-25", "--in", "ot-kvdj-2025-11-25")
    assert code == 0, err
    assert "(besluit ot-kvdj-2025-11-25-b1)" in err.splitlines()[0]
    assert "besluiten:\n  - id: ot-kvdj-2025-11-25-b1\n" in meeting(repo, "ot-kvdj-2025-11-25")


def test_a_werkgroep_meeting_is_not_approved_on_the_same_day(repo: Path) -> None:
    build_file_tree(
        repo, {"data/meetings/2025/ot-kvdj-2025-10-01.md": WERKGROEP.replace(
            "ot-kvdj-wg1-2025-10-01", "ot-kvdj-2025-10-01").replace(
                "team: ot-kvdj-wg1", "team: ot-kvdj")},
    )  # fmt: skip
    before = data_files(repo)
    code, _, err = approve(repo, "ot-kvdj-wg1-2025-10-01", "--in", "ot-kvdj-2025-10-01")
    assert code == 1
    assert err.splitlines()[0] == (
        "fout: de vergadering ot-kvdj-2025-10-01 (1 oktober 2025) is op dezelfde dag als de "
        "vergadering ot-kvdj-wg1-2025-10-01 (1 oktober 2025); notulen worden in een latere "
        "vergadering vastgesteld"
    )
    assert data_files(repo) == before


def test_minutes_vastgesteld_without_date_or_meeting_are_refused_as_they_are(
    repo: Path,
) -> None:
    path = repo / "data" / "meetings" / "2025" / "ot-kvdj-2025-09-25.md"
    path.write_text(EARLIER.replace("concept", "vastgesteld"), encoding="utf-8")
    code, _, err = approve(repo, "ot-kvdj-2025-09-25", "--in", "ot-kvdj-2025-11-25")
    assert code == 1
    assert err.splitlines()[0] == "fout: de notulen van ot-kvdj-2025-09-25 zijn al vastgesteld"


def test_a_file_with_a_byte_order_mark_and_windows_line_ends(repo: Path) -> None:
    path = repo / "data" / "meetings" / "2025" / "ot-kvdj-2025-09-25.md"
    no_status = EARLIER.replace("# status van de notulen\nnotulen_status: concept\n", "")
    path.write_bytes(("\ufeff" + no_status).replace("\n", "\r\n").encode("utf-8"))
    code, _, err = approve(repo, "ot-kvdj-2025-09-25", "--in", "ot-kvdj-2025-11-25")
    assert code == 0, err
    text = path.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff---\r\n")
    # the status goes after the last key of docs/format.md's order the file has (aanwezig)
    assert "aanwezig: [tjalling]\r\nnotulen_status: vastgesteld\r\n" in text
    assert "vastgesteld_op: 2025-11-25\r\nvastgesteld_in: ot-kvdj-2025-11-25\r\n" in text


@pytest.mark.parametrize(
    ("today", "extra", "when"),
    [
        ("2025-11-24", [], "25 november 2025"),  # the later meeting is still to come
        ("2025-11-26", ["--datum", "2025-11-27"], "27 november 2025"),  # a date to come
    ],
)
def test_minutes_are_not_approved_in_the_future(
    repo: Path, monkeypatch: pytest.MonkeyPatch, today: str, extra: list[str], when: str
) -> None:
    monkeypatch.setenv("SAMENNW_DATUM", today)
    before = data_files(repo)
    code, _, err = approve(repo, "ot-kvdj-2025-09-25", "--in", "ot-kvdj-2025-11-25", *extra)
    assert code == 1
    assert err.splitlines()[0].startswith(
        f"fout: de notulen van ot-kvdj-2025-09-25 kunnen niet worden vastgesteld op {when} "
        "in ot-kvdj-2025-11-25 (25 november 2025): dat is na vandaag"
    )
    assert data_files(repo) == before


def test_validate_warns_about_minutes_approved_in_a_meeting_to_come(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert approve(repo, "ot-kvdj-2025-09-25", "--in", "ot-kvdj-2025-11-25")[0] == 0
    monkeypatch.setenv("SAMENNW_DATUM", "2025-11-20")  # as if written ahead by hand
    _, out, _ = run(CliRunner(), "validate", "--data", str(repo))
    assert (
        "data/meetings/2025/ot-kvdj-2025-09-25.md:9:1: waarschuwing: notulen vastgesteld in "
        "ot-kvdj-2025-11-25 (25 november 2025), een vergadering die nog moet komen"
    ) in out
    monkeypatch.setenv("SAMENNW_DATUM", "2025-11-25")
    _, out, _ = run(CliRunner(), "validate", "--data", str(repo))
    assert "nog moet komen" not in out
