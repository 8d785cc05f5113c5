"""new-meeting in the meeting cycle (issue #13): expected attendance by membership on the
date, every unapproved earlier minutes on the agenda, a warning after a long gap, and the
actions due by the meeting as references on the agenda (also for a past date)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samennw.ops.meetings import elapsed, for_next_meeting
from tests.conftest import ACTION, MEETING, build_file_tree, run, small_repo_files

PARTNERS = """\
organisaties:
  - id: gemeente-amsterdam
    naam: Gemeente Amsterdam
personen:
  - id: tjalling
    naam: Tjalling
  - id: emre-unver
    naam: Emre Ünver
  - id: sofie
    naam: Sofie
  - id: oud-lid
    naam: Oud Lid
  - id: nieuw-lid
    naam: Nieuw Lid
teams:
  - id: ot-kvdj
    naam: Opgaveteam Kansen voor de Jeugd
    soort: opgaveteam
    voorzitter: emre-unver
    secretaris: sofie
    leden:
      - tjalling
      - persoon: oud-lid
        rol: lid
        tot: 2025-12-31
      - persoon: nieuw-lid
        van: 2026-02-01
      - gemeente-amsterdam
      - persoon: emre-unver
        rol: voorzitter
      - sofie
    actie_prefix: KVDJ
  - id: ot-kvdj-wg1
    naam: Werkgroep 1
    soort: werkgroep
    ouder: ot-kvdj
    nummer: 1
    leden: [tjalling]
"""


def meeting(day: str, status: str = "notulen_status: concept") -> str:
    return f"---\nid: ot-kvdj-{day}\nteam: ot-kvdj\ndatum: {day}\n{status}\n---\n## 1. Opening\n"


def action(
    number: int,
    wanneer: str,
    origin: str | None = "2025-11-25",
    status: str = "open",
    extra: str = "",
) -> str:
    return (
        f"---\nid: KVDJ-{number:03d}\nwat: Actie {number} met eigen tekst\nwie: Tjalling\n"
        f"wanneer: {wanneer}\nstatus: {status}\nteam: ot-kvdj\n"
        + (f"vergadering: ot-kvdj-{origin}\n" if origin else "")
        + extra
        + "---\n"
    )


CLOSED = "afgerond"
FILES: dict[str, str | bytes] = {
    "data/partners.yaml": PARTNERS,
    "data/meetings/2025/ot-kvdj-2025-07-01.md": meeting("2025-07-01"),
    "data/meetings/2025/ot-kvdj-2025-09-25.md": meeting(
        "2025-09-25",
        "notulen_status: vastgesteld\nvastgesteld_op: 2025-11-25\n"
        "vastgesteld_in: ot-kvdj-2025-11-25",
    ),
    "data/meetings/2025/ot-kvdj-2025-11-25.md": meeting("2025-11-25"),
    # due before 15 January 2026 (November 2025), of werkgroep 1
    "data/acties/open/KVDJ-001.md": ACTION,
    # due after it
    "data/acties/open/KVDJ-002.md": action(2, "Maart 2026"),
    # for the next meeting
    "data/acties/open/KVDJ-003.md": action(3, "volgende vergadering"),
    # closed on 1 December 2025, before 15 January 2026
    "data/acties/afgerond/KVDJ-004.md": action(
        4, "November 2025", status=CLOSED, extra="afgerond_op: 2025-12-01\n"
    ),
    # born 1 July 2025, due in September, closed 25 November 2025: on 15 October 2025 open
    "data/acties/afgerond/KVDJ-005.md": action(
        5, "September 2025", "2025-07-01", CLOSED, "afgerond_op: 2025-11-25\n"
    ),
    # cancelled on 1 October 2025
    "data/acties/afgerond/KVDJ-006.md": action(
        6,
        "September 2025",
        "2025-07-01",
        "geannuleerd",
        "geannuleerd_op: 2025-10-01\nreden: Niet meer nodig\n",
    ),
    # no meeting: born with its first update, 10 December 2025; as soon as possible
    "data/acties/open/KVDJ-007.md": action(
        7,
        "z.s.m.",
        None,
        extra="updates:\n  - datum: 2025-12-10\n    tekst: Aangemaakt\n",
    ),
    # in progress, due end of October 2025
    "data/acties/open/KVDJ-009.md": action(9, "Oktober 2025", "2025-07-01", "in uitvoering"),
    # ongoing: never due
    "data/acties/open/KVDJ-010.md": action(10, "Loopt", "2025-07-01"),
    # for the next meeting after 1 July 2025, still open
    "data/acties/open/KVDJ-011.md": action(11, "Eerstvolgende OT", "2025-07-01"),
}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return build_file_tree(tmp_path / "repo", dict(FILES))


def cli(runner: CliRunner, repo: Path, *args: str) -> tuple[int, str, str]:
    return run(runner, *args, "--data", str(repo))


def new_meeting(runner: CliRunner, repo: Path, day: str) -> tuple[str, str]:
    """Create the meeting of ``day``; its file and the messages. It must validate."""
    code, _, err = cli(runner, repo, "new-meeting", "ot-kvdj", "--datum", day)
    assert code == 0, err
    text = (repo / f"data/meetings/{day[:4]}/ot-kvdj-{day}.md").read_text("utf-8")
    code, out, _ = cli(runner, repo, "validate")
    assert code == 0, out
    return text, err


def front(text: str) -> str:
    return text.split("\n---\n", 1)[0]


def body(text: str) -> str:
    return text.split("\n---\n", 1)[1]


def test_members_of_the_date_are_expected_not_present(runner: CliRunner, repo: Path) -> None:
    text, _ = new_meeting(runner, repo, "2026-01-15")
    # the chair and the secretary first; the old member (until 31 December 2025) and the
    # new one (from 1 February 2026) are not members on 15 January 2026; no organisation
    assert "verwacht:\n  - emre-unver\n  - sofie\n  - tjalling\naanwezig: []\n" in text
    assert "afwezig_met_bericht: []\n" in text
    assert "# verwacht: de leden op 15 januari 2026, nog niet bevestigd; verplaats ieder" in text
    assert "# aanwezig of afwezig_met_bericht\n" in text
    assert "oud-lid" not in text and "nieuw-lid" not in text and "gemeente" not in text


def test_members_of_a_past_and_a_later_date(runner: CliRunner, repo: Path) -> None:
    text, _ = new_meeting(runner, repo, "2025-10-15")
    assert "verwacht:\n  - emre-unver\n  - sofie\n  - tjalling\n  - oud-lid\naanwezig: []" in text
    text, _ = new_meeting(runner, repo, "2026-02-01")  # 'van' is inclusive
    assert "  - tjalling\n  - nieuw-lid\naanwezig: []" in text and "oud-lid" not in text


def test_a_team_without_members_expects_nobody(runner: CliRunner, small_repo: Path) -> None:
    partners = small_repo / "data/partners.yaml"
    partners.write_text(
        partners.read_text("utf-8").replace("leden: [tjalling, emre-unver]", "leden: []"),
        encoding="utf-8",
    )
    text, _ = new_meeting(runner, small_repo, "2026-01-15")
    assert "verwacht" not in text and "\naanwezig: []\nafwezig_met_bericht: []\n" in text


def test_every_unapproved_earlier_minutes_is_on_the_agenda(runner: CliRunner, repo: Path) -> None:
    text, _ = new_meeting(runner, repo, "2026-01-15")
    assert (
        "    titel: Verslag vorige vergadering en actielijst\n"
        "    besluitpunt: Vaststellen notulen van 1 juli 2025 en 25 november 2025\n"
    ) in text
    assert "vorige_vergadering: ot-kvdj-2025-11-25\n" in text  # still the previous one
    assert (
        "Ter vaststelling: notulen van 1 juli 2025 (ot-kvdj-2025-07-01) en "
        "25 november 2025 (ot-kvdj-2025-11-25).\n"
    ) in body(text)
    assert "25 september 2025" not in text  # approved on 25 November 2025


def test_minutes_approved_after_a_past_date_were_unapproved_then(
    runner: CliRunner, repo: Path
) -> None:
    text, _ = new_meeting(runner, repo, "2025-10-15")
    assert "besluitpunt: Vaststellen notulen van 1 juli 2025 en 25 september 2025\n" in text
    assert "vorige_vergadering: ot-kvdj-2025-09-25\n" in text


def test_no_approval_when_every_earlier_minutes_is_approved(
    runner: CliRunner, small_repo: Path
) -> None:
    path = small_repo / "data/meetings/2025/ot-kvdj-2025-11-25.md"
    path.write_text(
        MEETING.replace(
            "notulen_status: concept",
            "notulen_status: vastgesteld\nvastgesteld_op: 2025-12-01",
        ),
        encoding="utf-8",
    )
    text, _ = new_meeting(runner, small_repo, "2026-01-15")
    assert "besluitpunt" not in text and "Vaststellen" not in text
    assert "Ter vaststelling" not in text
    assert "vorige_vergadering: ot-kvdj-2025-11-25\n" in text


def test_a_first_meeting_has_no_approval_and_no_previous(
    runner: CliRunner, small_repo: Path
) -> None:
    (small_repo / "data/meetings/2025/ot-kvdj-2025-11-25.md").unlink()
    (small_repo / "data/acties/open/KVDJ-001.md").write_text(
        ACTION.replace("vergadering: ot-kvdj-2025-11-25\n", ""), encoding="utf-8"
    )
    text, err = new_meeting(runner, small_repo, "2026-01-15")
    assert "besluitpunt" not in text and "vorige_vergadering" not in text
    assert "let op" not in err


def test_actions_due_by_the_meeting_are_references_on_the_agenda(
    runner: CliRunner, repo: Path
) -> None:
    text, _ = new_meeting(runner, repo, "2026-01-15")
    # KVDJ-001 (November 2025), KVDJ-003 (volgende vergadering), KVDJ-007 (z.s.m.),
    # KVDJ-009 (Oktober 2025, in uitvoering), KVDJ-011 (Eerstvolgende OT, still open);
    # not KVDJ-002 (March 2026), KVDJ-004/005/006 (closed or cancelled before the
    # date), KVDJ-010 (ongoing). The werkgroep's action last, as on the action list.
    assert (
        "    acties:\n      - KVDJ-003\n      - KVDJ-007\n      - KVDJ-009\n"
        "      - KVDJ-011\n      - KVDJ-001\n  - nr: 3\n"
    ) in front(text)
    assert front(text).count("KVDJ-") == 5
    assert (
        "Acties op de agenda (zie de actielijst): KVDJ-003, KVDJ-007, KVDJ-009, KVDJ-011, "
        "KVDJ-001.\nVerder staan er 2 andere acties open, met een latere of geen termijn.\n"
    ) in body(text)


def test_the_body_holds_no_frozen_action_list(runner: CliRunner, repo: Path) -> None:
    text, _ = new_meeting(runner, repo, "2026-01-15")
    assert "Open acties van de actielijst" not in text
    assert "met eigen tekst" not in text and "Presentatie 4 actielijnen" not in text
    assert "Tjalling" not in text and "November 2025" not in text


def test_a_past_date_lists_the_actions_of_that_date(runner: CliRunner, repo: Path) -> None:
    text, _ = new_meeting(runner, repo, "2025-10-15")
    # KVDJ-005: closed on 25 November 2025, after the date; KVDJ-011: next meeting.
    # Not KVDJ-006 (cancelled 1 October 2025), KVDJ-009 (due end of October), KVDJ-001,
    # -002, -003, -004 (born 25 November 2025), KVDJ-007 (first update 10 December 2025)
    assert "    acties:\n      - KVDJ-005\n      - KVDJ-011\n  - nr: 3\n" in front(text)
    assert front(text).count("KVDJ-") == 2
    assert "Verder staan er 2 andere acties open" in body(text)  # KVDJ-009 and KVDJ-010


def test_no_action_due(runner: CliRunner, small_repo: Path) -> None:
    text, _ = new_meeting(runner, small_repo, "2025-11-26")  # KVDJ-001 is due 30 November
    assert "acties:" not in text
    assert (
        "Geen acties die vóór deze vergadering af moesten.\n"
        "Verder staat er 1 andere actie open, met een latere of geen termijn.\n"
    ) in body(text)


def test_a_long_gap_is_a_warning_and_the_meeting_is_made(
    runner: CliRunner, small_repo: Path
) -> None:
    code, _, err = cli(runner, small_repo, "new-meeting", "ot-kvdj", "--datum", "2026-05-28")
    assert code == 0, err
    assert (small_repo / "data/meetings/2026/ot-kvdj-2026-05-28.md").is_file()
    assert err.splitlines() == [
        "Vergadering ot-kvdj-2026-05-28 aangemaakt",
        "  data/meetings/2026/ot-kvdj-2026-05-28.md",
        "let op: de vorige vergadering van Opgaveteam Kansen voor de Jeugd was op "
        "25 november 2025, 6 maanden geleden; klopt de datum?",
    ]


def test_no_warning_up_to_183_days(runner: CliRunner, small_repo: Path) -> None:
    code, _, err = cli(runner, small_repo, "new-meeting", "ot-kvdj", "--datum", "2026-05-27")
    assert code == 0, err
    assert "let op" not in err


def test_the_warning_names_the_years(runner: CliRunner, small_repo: Path) -> None:
    code, _, err = cli(runner, small_repo, "new-meeting", "ot-kvdj", "--datum", "2027-11-01")
    assert code == 0, err
    assert "was op 25 november 2025, bijna 2 jaar geleden; klopt de datum?" in err


def test_a_refused_meeting_gives_no_warning(runner: CliRunner, small_repo: Path) -> None:
    code, _, err = cli(
        runner, small_repo, "new-meeting", "ot-kvdj", "--datum", "2027-11-01", "--tijd", "25:00"
    )
    assert code == 1 and "ongeldige tijd" in err and "let op" not in err
    assert not (small_repo / "data/meetings/2027").exists()


@pytest.mark.parametrize(
    ("earlier", "later", "words"),
    [
        ("2025-11-25", "2025-12-25", "1 maand"),
        ("2025-11-25", "2026-05-24", "5 maanden"),
        ("2023-07-04", "2024-07-04", "1 jaar"),
        ("2023-07-04", "2024-12-31", "ruim 1 jaar"),
        ("2023-07-04", "2025-06-30", "bijna 2 jaar"),
        ("2023-07-04", "2025-03-04", "ruim 1 jaar"),  # 1 year 8 months: not 'bijna 2'
        ("2023-07-04", "2025-04-04", "bijna 2 jaar"),  # 1 year 9 months
        ("2023-07-04", "2026-07-04", "3 jaar"),
    ],
)
def test_elapsed(earlier: str, later: str, words: str) -> None:
    assert elapsed(date.fromisoformat(earlier), date.fromisoformat(later)) == words


@pytest.mark.parametrize(
    "wanneer",
    [
        "volgende vergadering",
        "Volgend OT",
        "vóór de volgende bijeenkomst",
        "Voor het volgende overleg",
        "eerstvolgende",
        "Eerstvolgende keer",
        "eerstkomend AB",
        "In de volgende teamvergadering",
        "volgende OT-vergadering (januari)",
        "komende vergadering",
    ],
)
def test_phrases_for_the_next_meeting(wanneer: str) -> None:
    assert for_next_meeting(wanneer)


@pytest.mark.parametrize(
    "wanneer",
    ["", "November 2025", "volgende week", "eerstvolgende maand", "Loopt", "z.s.m.", "Q1 2026"],
)
def test_other_phrases_are_not_for_the_next_meeting(wanneer: str) -> None:
    assert not for_next_meeting(wanneer)


def test_the_small_repository_of_other_tests_still_works(runner: CliRunner, tmp_path: Path) -> None:
    root = build_file_tree(tmp_path / "klein", small_repo_files())
    text, _ = new_meeting(runner, root, "2026-01-15")
    assert "besluitpunt: Vaststellen notulen van 25 november 2025\n" in text
    assert "    acties:\n      - KVDJ-001\n" in text


def test_an_action_cancelled_on_the_date_itself_is_not_listed(
    runner: CliRunner, repo: Path
) -> None:
    text, _ = new_meeting(runner, repo, "2025-10-01")  # KVDJ-006 was cancelled that day
    assert "    acties:\n      - KVDJ-005\n      - KVDJ-011\n  - nr: 3\n" in front(text)
    assert "KVDJ-006" not in text
