"""validate's checks of the meeting cycle: concept minutes after a later meeting, approval
cross-checks (vastgesteld_in / stelt_vast), attendance against membership on the meeting
date, membership periods, closing dates against the meeting named, expected attendance
in approved minutes, agenda items naming actions. Through `samennw validate`."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import build_file_tree, run

PARTNERS = """\
organisaties:
  - id: gemeente-amsterdam
    naam: Gemeente Amsterdam
personen:
  - id: tjalling
    naam: Tjalling
  - id: emre-unver
    naam: Emre Ünver
  - id: femke-halsema
    naam: Femke Halsema
  - id: raymond
    naam: Raymond
  - id: gemeente-ambtenaar
    naam: Gea Ambtenaar
    organisatie: gemeente-amsterdam
teams:
  - id: ot-kvdj
    naam: Opgaveteam Kansen voor de Jeugd
    soort: opgaveteam
    secretaris: raymond
    leden:
      - persoon: tjalling
        rol: lid
        van: 2025-01-01
      - persoon: emre-unver
        van: 2025-01-01
        tot: 2025-10-31
      - persoon: emre-unver
        rol: adviseur
        van: 2025-10-01
      - persoon: femke-halsema
        van: 2025-12-31
        tot: 2025-01-01
      - persoon: gemeente-amsterdam
        van: 2025-01-01
  - id: ot-kvdj-wg1
    naam: Werkgroep 1
    soort: werkgroep
    ouder: ot-kvdj
    leden: [tjalling]
"""
# without the two mistakes of the memberships
PARTNERS_OK = PARTNERS.replace(
    "      - persoon: emre-unver\n        rol: adviseur\n        van: 2025-10-01\n", ""
).replace("      - persoon: femke-halsema\n        van: 2025-12-31\n        tot: 2025-01-01\n", "")

JUNE = """\
---
id: ot-kvdj-2025-06-12
team: ot-kvdj
datum: 2025-06-12
aanwezig: [tjalling]
verwacht: [emre-unver]
notulen_status: vastgesteld
vastgesteld_op: 2025-09-25
vastgesteld_in: ot-kvdj-2025-09-25
---
"""

SEPTEMBER = """\
---
id: ot-kvdj-2025-09-25
team: ot-kvdj
datum: 2025-09-25
aanwezig: [tjalling, femke-halsema, gemeente-ambtenaar]
gasten:
  - persoon: femke-halsema
    rol: presentator agendapunt 2
notulen_status: concept
---
"""

NOVEMBER = """\
---
id: ot-kvdj-2025-11-25
team: ot-kvdj
datum: 2025-11-25
aanwezig: [tjalling, emre-unver, raymond]
afwezig_met_bericht: [femke-halsema]
notulen_status: concept
besluiten:
  - id: ot-kvdj-2025-11-25-b1
    tekst: De notulen van 12 juni zijn vastgesteld.
    stelt_vast: ot-kvdj-2025-06-12
  - id: ot-kvdj-2025-11-25-b2
    tekst: Iets.
    stelt_vast: ot-kvdj-2025-6-12
  - id: ot-kvdj-2025-11-25-b3
    tekst: Iets anders.
    stelt_vast: ot-kvdj-2025-12-09
---
"""

DECEMBER = """\
---
id: ot-kvdj-2025-12-09
team: ot-kvdj
datum: 2025-12-09
agenda:
  - nr: 1
    titel: Actielijst
    acties: [KVDJ-001, KVDJ-099]
besluiten:
  - id: ot-kvdj-2025-12-09-b1
    tekst: De notulen van 25 november zijn vastgesteld.
    agendapunt: 1
    stelt_vast: ot-kvdj-2025-11-25
---
"""

OPEN = """\
---
id: KVDJ-001
wat: Iets doen
wie: Tjalling
betrokkenen: [tjalling]
wanneer: december 2025
status: open
team: ot-kvdj
---
"""

CLOSED = """\
---
id: KVDJ-002
wat: Iets gedaan
wie: Tjalling
betrokkenen: [tjalling]
wanneer: november 2025
status: afgerond
team: ot-kvdj
afgerond_op: 2025-11-26
afgerond_in: ot-kvdj-2025-11-25
---
"""

CANCELLED = """\
---
id: KVDJ-003
wat: Iets niet gedaan
wie: Tjalling
betrokkenen: [tjalling]
wanneer: november 2025
status: geannuleerd
reden: Niet meer nodig.
team: ot-kvdj
geannuleerd_op: 2025-11-20
geannuleerd_in: ot-kvdj-2025-11-25
---
"""

CANCELLED_UNKNOWN = """\
---
id: KVDJ-004
wat: Nog iets niet gedaan
wie: Tjalling
betrokkenen: [tjalling]
wanneer: november 2025
status: geannuleerd
reden: Niet meer nodig.
team: ot-kvdj
geannuleerd_op: 2025-11-25
geannuleerd_in: ot-kvdj-2025-11-52
---
"""


def files() -> dict[str, str | bytes]:
    return {
        "data/partners.yaml": PARTNERS,
        "data/meetings/2025/ot-kvdj-2025-06-12.md": JUNE,
        "data/meetings/2025/ot-kvdj-2025-09-25.md": SEPTEMBER,
        "data/meetings/2025/ot-kvdj-2025-11-25.md": NOVEMBER,
        "data/meetings/2025/ot-kvdj-2025-12-09.md": DECEMBER,
        "data/acties/open/KVDJ-001.md": OPEN,
        "data/acties/afgerond/KVDJ-002.md": CLOSED,
        "data/acties/afgerond/KVDJ-003.md": CANCELLED,
        "data/acties/afgerond/KVDJ-004.md": CANCELLED_UNKNOWN,
    }


def validate(
    root: Path, today: str, monkeypatch: pytest.MonkeyPatch, jobs: str = "1"
) -> tuple[int, list[str], str]:
    monkeypatch.setenv("SAMENNW_DATUM", today)
    monkeypatch.setenv("SAMENNW_JOBS", jobs)
    code, out, err = run(CliRunner(), "validate", "--data", str(root))
    return code, out.splitlines(), err


M = "data/meetings/2025/"
LID = "zet hem/haar onder 'gasten' of pas de lidmaatschappen in partners.yaml aan"
EVERY_PROBLEM = [
    "data/partners.yaml:28:9: waarschuwing: 'emre-unver' staat twee keer als lid van ot-kvdj "
    "met perioden die overlappen (ook op regel 25)",
    "data/partners.yaml:32:9: fout: lidmaatschap van 'femke-halsema' in ot-kvdj begint op "
    "31 december 2025, na het einde (1 januari 2025)",
    "data/acties/afgerond/KVDJ-002.md:9:1: waarschuwing: afgerond op 26 november 2025, maar "
    "'afgerond_in' noemt de vergadering van 25 november 2025 (ot-kvdj-2025-11-25); klopt de "
    "datum?",
    "data/acties/afgerond/KVDJ-003.md:10:1: waarschuwing: geannuleerd op 20 november 2025, "
    "maar 'geannuleerd_in' noemt de vergadering van 25 november 2025 (ot-kvdj-2025-11-25); "
    "klopt de datum?",
    "data/acties/afgerond/KVDJ-004.md:11:1: fout: onbekende vergadering 'ot-kvdj-2025-11-52'; "
    "bedoelde u 'ot-kvdj-2025-11-25' of 'ot-kvdj-2025-12-09' of 'ot-kvdj-2025-09-25'?",
    f"{M}ot-kvdj-2025-06-12.md:6:1: waarschuwing: de notulen zijn vastgesteld, maar 'verwacht' "
    "noemt nog 1 persoon: verwachte aanwezigheid is nooit bevestigd; zet ieder onder "
    "'aanwezig' of 'afwezig_met_bericht'",
    f"{M}ot-kvdj-2025-06-12.md:9:1: waarschuwing: notulen vastgesteld in ot-kvdj-2025-09-25, "
    "maar die vergadering heeft geen besluit met 'stelt_vast: ot-kvdj-2025-06-12'; zet dat "
    "bij het besluit over deze notulen (of voeg er een toe onder haar 'besluiten'; 'samennw "
    "vaststellen' doet beide)",
    f"{M}ot-kvdj-2025-09-25.md:9:1: waarschuwing: notulen van ot-kvdj-2025-09-25 zijn nog "
    "concept, terwijl Opgaveteam Kansen voor de Jeugd op 25 november 2025 opnieuw "
    "vergaderde; stel ze vast met 'samennw vaststellen ot-kvdj-2025-09-25 --in "
    "ot-kvdj-2025-11-25'",
    f"{M}ot-kvdj-2025-11-25.md:6:23: waarschuwing: Femke Halsema (femke-halsema) was op "
    f"25 november 2025 geen lid van Opgaveteam Kansen voor de Jeugd; {LID}",
    f"{M}ot-kvdj-2025-11-25.md:11:5: fout: dit besluit stelt de notulen van "
    "ot-kvdj-2025-06-12 vast, maar ot-kvdj-2025-06-12 noemt 'vastgesteld_in: "
    "ot-kvdj-2025-09-25' in plaats van ot-kvdj-2025-11-25",
    f"{M}ot-kvdj-2025-11-25.md:14:5: fout: onbekende vergadering 'ot-kvdj-2025-6-12'; "
    "bedoelde u 'ot-kvdj-2025-06-12' of 'ot-kvdj-2025-12-09' of 'ot-kvdj-2025-11-25'?",
    f"{M}ot-kvdj-2025-11-25.md:17:5: fout: 'stelt_vast: ot-kvdj-2025-12-09' noemt een "
    "vergadering van 9 december 2025, niet eerder dan deze (25 november 2025)",
    f"{M}ot-kvdj-2025-12-09.md:8:24: fout: onbekende actie 'KVDJ-099'; bedoelde u "
    "'KVDJ-004' of 'KVDJ-003' of 'KVDJ-002'?",
    f"{M}ot-kvdj-2025-12-09.md:13:5: fout: dit besluit stelt de notulen van "
    "ot-kvdj-2025-11-25 vast, maar die staan daar nog op 'concept'; zet in "
    "ot-kvdj-2025-11-25 'notulen_status: vastgesteld', 'vastgesteld_op' en "
    "'vastgesteld_in: ot-kvdj-2025-12-09'",
]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_every_problem_of_the_cycle_at_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    root = build_file_tree(tmp_path / "repo", files())
    code, out, err = validate(root, "2025-12-01", monkeypatch, jobs)
    assert out == EVERY_PROBLEM
    assert code == 1
    assert err.splitlines()[-1] == "7 fout(en), 7 waarschuwing(en)."
    # a second (warm) run says the same
    assert validate(root, "2025-12-01", monkeypatch, jobs)[1] == EVERY_PROBLEM


CONCEPT = """\
---
id: {id}
team: {team}
datum: {datum}
---
"""


def cycle_repo(root: Path, *meetings: tuple[str, str]) -> Path:
    tree: dict[str, str | bytes] = {"data/partners.yaml": PARTNERS_OK}
    for team, day in meetings:
        meeting_id = f"{team}-{day}"
        tree[f"data/meetings/{day[:4]}/{meeting_id}.md"] = CONCEPT.format(
            id=meeting_id, team=team, datum=day
        )
    return build_file_tree(root, tree)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_concept_minutes_are_said_once_the_team_met_again_before_today(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    root = cycle_repo(
        tmp_path / "repo",
        ("ot-kvdj", "2025-09-25"),
        ("ot-kvdj-wg1", "2025-10-01"),  # a werkgroep's meeting is not the team's
        ("ot-kvdj", "2025-11-25"),
    )
    # the later meeting is today: not yet held (and a cache of this run is kept)
    assert validate(root, "2025-11-25", monkeypatch, jobs)[:2] == (0, [])
    assert validate(root, "2025-11-25", monkeypatch, jobs)[:2] == (0, [])
    # a day later the same files warn: a warm run judges concept minutes again
    code, out, _ = validate(root, "2025-11-26", monkeypatch, jobs)
    assert code == 0
    assert out == [
        f"{M}ot-kvdj-2025-09-25.md:2:1: waarschuwing: notulen van ot-kvdj-2025-09-25 zijn nog "
        "concept, terwijl Opgaveteam Kansen voor de Jeugd op 25 november 2025 opnieuw "
        "vergaderde; stel ze vast met 'samennw vaststellen ot-kvdj-2025-09-25 --in "
        "ot-kvdj-2025-11-25'"
    ]
    # approving them (the command validate names) ends it, with no cross-check warning
    code, _, err = run(
        CliRunner(),
        "vaststellen",
        "ot-kvdj-2025-09-25",
        "--in",
        "ot-kvdj-2025-11-25",
        "--data",
        str(root),
    )
    assert code == 0, err
    assert validate(root, "2025-11-26", monkeypatch, jobs)[:2] == (0, [])
    # the decision taken out by hand: the unchanged approved file warns again (warm run)
    path = root / M / "ot-kvdj-2025-11-25.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    stelt_vast: ot-kvdj-2025-09-25\n", ""), encoding="utf-8")
    assert validate(root, "2025-11-26", monkeypatch, jobs)[1] == [
        f"{M}ot-kvdj-2025-09-25.md:7:1: waarschuwing: notulen vastgesteld in ot-kvdj-2025-11-25, "
        "maar die vergadering heeft geen besluit met 'stelt_vast: ot-kvdj-2025-09-25'; zet dat "
        "bij het besluit over deze notulen (of voeg er een toe onder haar 'besluiten'; "
        "'samennw vaststellen' doet beide)"
    ]


def test_a_team_of_bare_member_ids_is_not_checked_for_attendance(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = build_file_tree(
        tmp_path / "repo",
        {
            "data/partners.yaml": PARTNERS_OK,
            "data/meetings/2025/ot-kvdj-wg1-2025-10-01.md": "---\nid: ot-kvdj-wg1-2025-10-01\n"
            "team: ot-kvdj-wg1\ndatum: 2025-10-01\naanwezig: [tjalling, femke-halsema]\n---\n",
        },
    )
    code, out, _ = validate(root, "2025-12-01", monkeypatch)
    assert (code, out) == (0, [])


def test_vastgesteld_in_an_earlier_meeting_and_a_decision_approving_its_own_minutes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = build_file_tree(
        tmp_path / "repo",
        {
            "data/partners.yaml": PARTNERS.split("teams:")[0] + "teams: []\n",
            "data/meetings/2025/ot-kvdj-2025-06-12.md": "---\nid: ot-kvdj-2025-06-12\n"
            "team: ot-kvdj\ndatum: 2025-06-12\nnotulen_status: vastgesteld\n"
            "vastgesteld_op: 2025-06-12\nvastgesteld_in: ot-kvdj-2025-06-12\nbesluiten:\n"
            "  - id: ot-kvdj-2025-06-12-b1\n    tekst: Notulen vastgesteld.\n"
            "    stelt_vast: ot-kvdj-2025-06-12\n---\n",
        },
    )
    code, out, _ = validate(root, "2025-12-01", monkeypatch)
    assert code == 1
    assert [line for line in out if "team" not in line] == [
        f"{M}ot-kvdj-2025-06-12.md:7:1: fout: notulen vastgesteld in ot-kvdj-2025-06-12 "
        "(12 juni 2025), niet later dan deze vergadering (12 juni 2025); notulen worden in een "
        "latere vergadering vastgesteld",
        f"{M}ot-kvdj-2025-06-12.md:11:5: fout: een vergadering kan haar eigen notulen niet "
        "vaststellen ('stelt_vast: ot-kvdj-2025-06-12'); dat gebeurt in een latere vergadering",
    ]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_expected_person_who_is_confirmed_too_is_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    root = cycle_repo(tmp_path / "repo", ("ot-kvdj", "2025-11-25"))
    (root / "data/meetings/2025/ot-kvdj-2025-11-25.md").write_text(
        "---\nid: ot-kvdj-2025-11-25\nteam: ot-kvdj\ndatum: 2025-11-25\n"
        "aanwezig: [tjalling]\nverwacht: [emre-unver, tjalling]\n---\n",
        encoding="utf-8",
    )
    code, out, _ = validate(root, "2025-11-26", monkeypatch, jobs)
    assert code == 0
    assert out == [
        f"{M}ot-kvdj-2025-11-25.md:6:24: waarschuwing: 'tjalling' staat onder 'verwacht' en is "
        "al bevestigd (aanwezig, afwezig met bericht of gast); haal de naam weg onder 'verwacht'"
    ]
