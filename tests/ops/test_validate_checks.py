"""Every check of samennw.ops.checks, with the exact lines a secretary reads.

One repository with one mistake of each kind: the whole output is asserted, file by file
and in bulk (the two must agree line for line), and in the github and json formats.
Written against mutants of validate.py that survived looser assertions (issue #9).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import (
    ACTION,
    MEETING,
    OTHER_TEAM,
    PARTNERS,
    build_file_tree,
    run,
    small_repo_files,
)

BAD_PARTNERS = """\
domeinen:
  - id: kvdj
    naam: Kansen voor de jeugd
organisaties:
  - id: gemeente-amsterdam
    naam: Gemeente Amsterdam
  - naam: Tjalling BV
    id: tjalling
personen:
  - naam: Tjalling
    id: tjalling
    organisatie: gemeente-amsterdm
  - id: emre-unver
    naam: Emre Ünver
  - rollen: [Notulist]
    id: zonder-naam
  - id: secretaris-ab
    functie: Secretaris AB
teams:
  - id: ot-kvdj
    naam: Opgaveteam Kansen voor de Jeugd
    soort: opgaveteam
    domein: kvjd
    voorzitter: emre-unvr
    secretaris: tjallin
    leden: [tjalling, emre-unver, gemeente-amsterdm]
    actie_prefix: KVDJ
  - id: ot-kvdj-wg1
    naam: Werkgroep 1
    soort: werkgroep
    ouder: ot-kvd
    nummer: 1
"""

MEETING_WITH_MISTAKES = """\
---
id: ot-kvdj-2025-12-09
team: ot-kvdj
datum: 2025-12-09
voorzitter: emre-unvr
secretaris: tjallin
aanwezig: [tjalling, emre]
afwezig_met_bericht:
  - persoon: femke-halsma
notulen_status: vastgesteld
vastgesteld_in: ot-kvdj-2025-12-32
vorige_vergadering: ot-kvdj-2025-11-26
agenda:
  - nr: 1
    titel: Opening
  - titel: Mededelingen
    nr: 1
besluiten:
  - id: kvdj-b1
    tekst: Eerste
    agendapunt: 3
    domein: kvjd
    werkgroep: ot-kvdj-wg2
    actielijn: lopbaanroute
  - id: kvdj-b1
    tekst: Tweede
    agendapunt: 1
---
"""

MEETING_OF_AN_UNKNOWN_TEAM = """\
---
id: ot-kvdj-2026-01-13
team: ot-kvjd
datum: 2026-01-13
notulen_status: vastgesteld
vastgesteld_op: 2026-01-12
besluiten:
  - tekst: Derde
    id: kvdj-b1
---
"""

MEETING_IN_THE_WRONG_YEAR = """\
---
id: ot-wonen-2024-02-01
team: ot-wonen
datum: 2024-02-01
---
"""

ACTION_LINE = """\
---
id: loopbaanroute
titel: Loopbaanroute
domein: kvjd
team: ot-kvjd
werkgroep: ot-kvdj-wg2
trekkers: [tjalling, tjallling]
status: in ontwikkeling
partners: [gemeente-amsterdm]
---
"""

ACTION_WITH_MISTAKES = """\
---
id: KVDJ-002
wat: Iets
wie: Tjalling
betrokkenen: [tjallling, ot-kvdj]
wanneer: als de maan blauw is
status: afgerond
team: ot-kvjd
werkgroep: ot-wonen-wg1
actielijn: lopbaanroute
vergadering: ot-kvdj-2025-11-25
afgerond_op: 2025-11-24
afgerond_in: ot-kvdj-2025-12-32
updates:
  - datum: 2025-11-26
    tekst: Gebeld
    vergadering: ot-kvdj-2025-11-27
---
"""

CLOSED_WITHOUT_DATE = """\
---
id: KVDJ-003
wat: Iets anders
wanneer: December
status: afgerond
team: ot-kvdj
werkgroep: ot-wonen-wg1
---
"""

IMPORTANT_DATES = """\
- datum: 2026-03-01
  wat: Startbijeenkomst
  team: ot-kvjd
- datum: 2026-04-01
  wat: Slotbijeenkomst
"""

M2 = "data/meetings/2025/ot-kvdj-2025-12-09.md"
M3 = "data/meetings/2026/ot-kvdj-2026-01-13.md"
LINE = "data/actielijnen/loopbaanroute.md"
A2 = "data/acties/open/KVDJ-002.md"
A3 = "data/acties/afgerond/KVDJ-003.md"
MEETINGS = "'ot-kvdj-2025-12-09' of 'ot-kvdj-2025-11-25' of 'ot-kvdj-2026-01-13'"
NEAR_11_25 = "'ot-kvdj-2025-11-25' of 'ot-kvdj-2025-12-09' of 'ot-kvdj-2026-01-13'"
TEAMS = "bedoelde u 'ot-kvdj' of 'ot-kvdj-wg1'?"

EVERY_MISTAKE = [
    f"{LINE}:4:1: fout: onbekend domein 'kvjd'; bedoelde u 'kvdj'?",
    f"{LINE}:5:1: fout: onbekend team 'ot-kvjd'; {TEAMS}",
    f"{LINE}:6:1: fout: onbekende werkgroep 'ot-kvdj-wg2'; bedoelde u 'ot-kvdj-wg1' of 'ot-kvdj'?",
    f"{LINE}:7:22: fout: onbekende trekker 'tjallling'; bedoelde u 'tjalling'?",
    f"{LINE}:9:12: fout: onbekende partner 'gemeente-amsterdm'; bedoelde u 'gemeente-amsterdam'?",
    f"{A3}:5:1: fout: afgeronde actie heeft een 'afgerond_op' nodig",
    f"{A3}:7:1: fout: werkgroep 'ot-wonen-wg1' hoort niet bij team 'ot-kvdj'",
    f"{A2}:5:15: fout: onbekende persoon, organisatie of team 'tjallling'; bedoelde u 'tjalling'?",
    f"{A2}:6:1: waarschuwing: 'als de maan blauw is' is niet als datum of periode te lezen",
    f"{A2}:7:1: fout: actie met status 'afgerond' staat in map 'open' (hoort in 'acties/afgerond')",
    f"{A2}:8:1: fout: onbekend team 'ot-kvjd'; {TEAMS}",
    f"{A2}:9:1: fout: werkgroep 'ot-wonen-wg1' hoort niet bij team 'ot-kvjd'",
    f"{A2}:10:1: fout: onbekende actielijn 'lopbaanroute'; bedoelde u 'loopbaanroute'?",
    f"{A2}:12:1: fout: afgerond op 2025-11-24, vóór de vergadering van 2025-11-25 "
    "waarin de actie ontstond",
    f"{A2}:13:1: fout: onbekende vergadering 'ot-kvdj-2025-12-32'; bedoelde u {MEETINGS}?",
    f"{A2}:17:5: fout: onbekende vergadering 'ot-kvdj-2025-11-27'; bedoelde u {NEAR_11_25}?",
    f"data/belangrijke-data.yaml:3:3: fout: onbekend team 'ot-kvjd'; {TEAMS}",
    # the small repository's meeting of 25 November is concept, and M2 was held after it
    "data/meetings/2025/ot-kvdj-2025-11-25.md:8:1: waarschuwing: notulen van "
    "ot-kvdj-2025-11-25 zijn nog concept, terwijl Opgaveteam Kansen voor de Jeugd op "
    "9 december 2025 opnieuw vergaderde; stel ze vast met 'samennw vaststellen "
    "ot-kvdj-2025-11-25 --in ot-kvdj-2025-12-09'",
    f"{M2}:5:1: fout: onbekende persoon 'emre-unvr'; bedoelde u 'emre-unver'?",
    f"{M2}:6:1: fout: onbekende persoon 'tjallin'; bedoelde u 'tjalling'?",
    f"{M2}:7:22: fout: onbekende persoon 'emre'",
    f"{M2}:9:5: fout: onbekende persoon 'femke-halsma'; bedoelde u 'femke-halsema'?",
    f"{M2}:10:1: fout: vastgestelde notulen hebben een 'vastgesteld_op' nodig",
    f"{M2}:11:1: fout: onbekende vergadering 'ot-kvdj-2025-12-32'; bedoelde u {MEETINGS}?",
    f"{M2}:12:1: fout: onbekende vergadering 'ot-kvdj-2025-11-26'; bedoelde u {NEAR_11_25}?",
    f"{M2}:17:5: fout: agendapunt 1 komt twee keer voor",
    f"{M2}:21:5: fout: agendapunt 3 bestaat niet",
    f"{M2}:22:5: fout: onbekend domein 'kvjd'; bedoelde u 'kvdj'?",
    f"{M2}:23:5: fout: onbekende werkgroep 'ot-kvdj-wg2'; bedoelde u 'ot-kvdj-wg1' of 'ot-kvdj'?",
    f"{M2}:24:5: fout: onbekende actielijn 'lopbaanroute'; bedoelde u 'loopbaanroute'?",
    f"{M2}:25:5: fout: dubbele besluitcode 'kvdj-b1' (ook in {M2})",
    "data/meetings/2025/ot-wonen-2024-02-01.md:4:1: fout: vergadering van 2024 staat in map '2025'",
    f"{M3}:2:1: fout: code 'ot-kvdj-2026-01-13' past niet bij team en datum "
    "(verwacht 'ot-kvjd-2026-01-13')",
    f"{M3}:3:1: fout: onbekend team 'ot-kvjd'; {TEAMS}",
    f"{M3}:6:1: fout: notulen vastgesteld op 2026-01-12 vóór de vergadering van 2026-01-13",
    f"{M3}:9:5: fout: dubbele besluitcode 'kvdj-b1' (ook in {M2})",
]


@pytest.fixture
def every_mistake(tmp_path: Path) -> Path:
    files = small_repo_files()
    files.update(
        {
            "data/partners.yaml": PARTNERS + OTHER_TEAM,
            M2: MEETING_WITH_MISTAKES,
            M3: MEETING_OF_AN_UNKNOWN_TEAM,
            "data/meetings/2025/ot-wonen-2024-02-01.md": MEETING_IN_THE_WRONG_YEAR,
            LINE: ACTION_LINE,
            A2: ACTION_WITH_MISTAKES,
            A3: CLOSED_WITHOUT_DATE,
            "data/belangrijke-data.yaml": IMPORTANT_DATES,
        }
    )
    return build_file_tree(tmp_path / "repo", files)


@pytest.mark.parametrize("jobs", ["1", "2"], ids=["file-by-file", "in-bulk"])
def test_every_mistake_is_reported_once_in_order(
    runner: CliRunner, every_mistake: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    monkeypatch.setenv("SAMENNW_JOBS", jobs)
    code, out, err = run(runner, "validate", "--data", str(every_mistake))
    assert code == 1
    assert out.splitlines() == EVERY_MISTAKE
    assert err.splitlines() == [
        "Gecontroleerd: 9 bestanden — 4 vergaderingen, 3 besluiten, 3 acties (1 open, "
        "2 afgerond), 1 actielijnen, 3 personen, 1 organisaties, 4 teams.",
        "34 fout(en), 2 waarschuwing(en).",
    ]


def test_every_mistake_as_json(runner: CliRunner, every_mistake: Path) -> None:
    code, out, _ = run(runner, "validate", "--data", str(every_mistake), "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert report["geldig"] is False
    assert report["aantallen"] == {
        "bestanden": 9,
        "vergaderingen": 4,
        "besluiten": 3,
        "acties": 3,
        "open": 1,
        "in_uitvoering": 0,
        "geblokkeerd": 0,
        "afgerond": 2,
        "geannuleerd": 0,
        "actielijnen": 1,
        "personen": 3,
        "organisaties": 1,
        "teams": 4,
    }
    shown = [
        f"{p['bestand']}:{p['regel']}:{p['kolom']}: {p['soort']}: {p['melding']}"
        for p in report["problemen"]
    ]
    assert shown == EVERY_MISTAKE


def test_every_mistake_in_partners(runner: CliRunner, small_repo: Path) -> None:
    build_file_tree(small_repo, {"data/partners.yaml": BAD_PARTNERS})
    code, out, err = run(runner, "validate", "--data", str(small_repo))
    assert code == 1
    p = "data/partners.yaml"
    assert out.splitlines() == [  # partners.yaml first: the others refer to it
        f"{p}:8:5: fout: dubbele code 'tjalling' (ook in {p}:11:5)",
        f"{p}:12:5: fout: onbekende organisatie 'gemeente-amsterdm'; "
        "bedoelde u 'gemeente-amsterdam'?",
        f"{p}:16:5: fout: persoon zonder naam heeft een functie nodig",
        f"{p}:23:5: fout: onbekend domein 'kvjd'; bedoelde u 'kvdj'?",
        f"{p}:24:5: fout: onbekende persoon 'emre-unvr'; bedoelde u 'emre-unver'?",
        f"{p}:25:5: fout: onbekende persoon 'tjallin'; bedoelde u 'tjalling'?",
        f"{p}:26:35: fout: onbekende persoon of organisatie 'gemeente-amsterdm'; "
        "bedoelde u 'gemeente-amsterdam'?",
        f"{p}:31:5: fout: onbekend team 'ot-kvd'; bedoelde u 'ot-kvdj' of 'ot-kvdj-wg1'?",
        "data/acties/open/KVDJ-001.md:9:1: fout: werkgroep 'ot-kvdj-wg1' hoort niet bij team "
        "'ot-kvdj'",
    ]
    assert err.splitlines()[-1] == "9 fout(en), 0 waarschuwing(en)."
    assert "4 personen, 2 organisaties, 2 teams." in err


def test_references_are_not_checked_against_a_broken_partners_file(
    runner: CliRunner, small_repo: Path
) -> None:
    """One error for partners.yaml itself, none for the references it can no longer prove."""
    build_file_tree(small_repo, {"data/partners.yaml": BAD_PARTNERS + "  - : :\n"})
    code, out, _ = run(runner, "validate", "--data", str(small_repo))
    assert code == 1
    assert [line.split(": fout: ")[0] for line in out.splitlines()] == ["data/partners.yaml:33:5"]


# --- output formats -------------------------------------------------------------------------


@pytest.fixture
def odd_names(small_repo: Path) -> Path:
    """A warning with '%', CR and LF in its text, an error in a folder named '2025,1:x'."""
    files = small_repo_files()
    build_file_tree(
        small_repo,
        {
            "data/acties/open/KVDJ-001.md": ACTION.replace(
                "wanneer: November 2025", 'wanneer: "50% klaar\\r\\nof niet"'
            ),
            "data/meetings/2025,1:x/ot-kvdj-2025-11-25.md": files[
                "data/meetings/2025/ot-kvdj-2025-11-25.md"
            ],
        },
    )
    (small_repo / "data/meetings/2025/ot-kvdj-2025-11-25.md").unlink()
    return small_repo


def test_github_annotations_escape_what_github_reads(runner: CliRunner, odd_names: Path) -> None:
    code, out, err = run(runner, "validate", "--data", str(odd_names), "--format", "github")
    assert code == 1
    assert out.splitlines() == [
        "::warning file=data/acties/open/KVDJ-001.md,line=6,col=1::'50%25 klaar%0D%0Aof niet' "
        "is niet als datum of periode te lezen",
        "::error file=data/meetings/2025%2C1%3Ax/ot-kvdj-2025-11-25.md,line=4,col=1::"
        "vergadering van 2025 staat in map '2025,1:x'",
    ]
    assert err.splitlines()[-1] == "1 fout(en), 1 waarschuwing(en)."


def test_github_annotations_for_listed_files(runner: CliRunner, odd_names: Path) -> None:
    missing = odd_names / "data/acties/open/KVDJ-009.md"
    code, out, _ = run(
        runner,
        "validate",
        "--data",
        str(odd_names),
        "--format",
        "github",
        str(odd_names / "data/acties/open/KVDJ-001.md"),
        str(missing),
    )
    assert code == 1
    assert out.splitlines() == [
        f"::error file={str(missing).replace(':', '%3A')}::bestand bestaat niet",
        "::warning file=data/acties/open/KVDJ-001.md,line=6,col=1::'50%25 klaar%0D%0Aof niet' "
        "is niet als datum of periode te lezen",
        "::error::1 fout(en) in andere bestanden, de eerste: "
        "data/meetings/2025,1:x/ot-kvdj-2025-11-25.md:4:1: fout: "
        "vergadering van 2025 staat in map '2025,1:x'",
    ]


def test_json_of_a_warning_and_an_error(runner: CliRunner, odd_names: Path) -> None:
    code, out, _ = run(runner, "validate", "--data", str(odd_names), "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert report["geldig"] is False
    assert report["problemen"] == [
        {
            "soort": "waarschuwing",
            "bestand": "data/acties/open/KVDJ-001.md",
            "regel": 6,
            "kolom": 1,
            "melding": "'50% klaar\r\nof niet' is niet als datum of periode te lezen",
        },
        {
            "soort": "fout",
            "bestand": "data/meetings/2025,1:x/ot-kvdj-2025-11-25.md",
            "regel": 4,
            "kolom": 1,
            "melding": "vergadering van 2025 staat in map '2025,1:x'",
        },
    ]


def test_only_warnings_is_valid(runner: CliRunner, small_repo: Path) -> None:
    build_file_tree(
        small_repo,
        {"data/acties/open/KVDJ-001.md": ACTION.replace("November 2025", "ooit")},
    )
    code, out, err = run(runner, "validate", "--data", str(small_repo))
    assert code == 0
    assert out.splitlines() == [
        "data/acties/open/KVDJ-001.md:6:1: waarschuwing: 'ooit' is niet als datum of periode "
        "te lezen"
    ]
    assert err.splitlines()[-1] == "Geen fouten; 1 waarschuwing(en)."
    code, out, _ = run(runner, "validate", "--data", str(small_repo), "--format", "json")
    report = json.loads(out)
    assert report["geldig"] is True and len(report["problemen"]) == 1


def test_an_unknown_meeting_gives_no_origin_date(runner: CliRunner, small_repo: Path) -> None:
    """The date in an unknown meeting's id is not taken as the action's origin."""
    text = ACTION.replace("ot-kvdj-2025-11-25", "ot-kvdj-2025-11-26").replace(
        "November 2025", "December"
    )
    build_file_tree(small_repo, {"data/acties/open/KVDJ-001.md": text})
    code, out, _ = run(runner, "validate", "--data", str(small_repo))
    assert code == 1
    assert out.splitlines() == [
        "data/acties/open/KVDJ-001.md:6:1: waarschuwing: 'December' noemt geen jaar en de actie "
        "heeft geen vergadering waaruit het jaar volgt, dus ze raakt nooit verlopen; "
        "schrijf het jaar erbij",
        "data/acties/open/KVDJ-001.md:10:1: fout: onbekende vergadering 'ot-kvdj-2025-11-26'; "
        "bedoelde u 'ot-kvdj-2025-11-25'?",
    ]


def test_bulk_validation_turns_the_garbage_collector_back_on(
    every_mistake: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from samennw.ops.validate import validate
    from samennw.storage.repository import lazy_repository

    monkeypatch.setenv("SAMENNW_JOBS", "2")
    assert gc.isenabled()
    report = validate(lazy_repository(every_mistake))
    assert len(report.errors) == 34
    assert gc.isenabled()


def test_partners_are_checked_even_when_another_file_does_not_load(
    runner: CliRunner, small_repo: Path
) -> None:
    build_file_tree(
        small_repo,
        {
            "data/partners.yaml": PARTNERS.replace("domein: kvdj", "domein: kvjd"),
            "data/acties/open/KVDJ-001.md": "---\nid: [kapot\n---\n",
        },
    )
    code, out, _ = run(runner, "validate", "--data", str(small_repo))
    assert code == 1
    assert out.splitlines() == [
        "data/partners.yaml:25:5: fout: onbekend domein 'kvjd'; bedoelde u 'kvdj'?",
        "data/acties/open/KVDJ-001.md:3:1: fout: ongeldige YAML: ',' of ']' verwacht "
        "(is een lijst [...] niet gesloten?)",
    ]


def test_the_summary_in_full(runner: CliRunner, small_repo: Path) -> None:
    counts = (
        "Gecontroleerd: 3 bestanden — 1 vergaderingen, 0 besluiten, 1 acties (1 open, "
        "0 afgerond), 0 actielijnen, 3 personen, 1 organisaties, 2 teams."
    )
    assert run(runner, "validate", "--data", str(small_repo))[2] == (
        f"{counts}\nGeen fouten gevonden.\n"
    )
    build_file_tree(
        small_repo, {"data/acties/open/KVDJ-001.md": ACTION.replace("November 2025", "ooit")}
    )
    assert run(runner, "validate", "--data", str(small_repo))[2] == (
        f"{counts}\nGeen fouten; 1 waarschuwing(en).\n"
    )


def test_a_listed_file_with_the_only_error_has_nothing_elsewhere(
    runner: CliRunner, small_repo: Path
) -> None:
    action = small_repo / "data/acties/open/KVDJ-001.md"
    build_file_tree(
        small_repo, {"data/acties/open/KVDJ-001.md": ACTION.replace("[tjalling]", "[x]")}
    )
    code, out, _ = run(runner, "validate", "--data", str(small_repo), str(action))
    assert (code, out.splitlines()) == (
        1,
        ["data/acties/open/KVDJ-001.md:5:15: fout: onbekende persoon, organisatie of team 'x'"],
    )
    meeting = small_repo / "data/meetings/2025/ot-kvdj-2025-11-25.md"
    code, out, _ = run(
        runner, "validate", "--data", str(small_repo), "--format", "json", str(meeting)
    )
    assert code == 1
    assert json.loads(out)["problemen"] == [
        {
            "soort": "fout",
            "bestand": None,
            "regel": None,
            "kolom": None,
            "melding": "1 fout(en) in andere bestanden, de eerste: data/acties/open/KVDJ-001.md:"
            "5:15: fout: onbekende persoon, organisatie of team 'x'",
        }
    ]


@pytest.mark.parametrize(("op", "valid"), [("2025-11-24", False), ("2025-11-25", True)])
def test_minutes_are_adopted_on_or_after_the_meeting(
    runner: CliRunner, small_repo: Path, op: str, valid: bool
) -> None:
    text = MEETING.replace(
        "notulen_status: concept", f"notulen_status: vastgesteld\nvastgesteld_op: {op}"
    )
    build_file_tree(small_repo, {"data/meetings/2025/ot-kvdj-2025-11-25.md": text})
    code, out, _ = run(runner, "validate", "--data", str(small_repo))
    assert (code == 0) is valid, out


def test_loaded_folders_are_checked_file_by_file_whatever_jobs_says(every_mistake: Path) -> None:
    from samennw.ops.validate import validate
    from samennw.storage.repository import lazy_repository, load_repository

    expected = [str(p) for p in validate(lazy_repository(every_mistake), jobs=1).problems]
    assert [str(p) for p in validate(load_repository(every_mistake), jobs=2).problems] == expected
    assert [str(p) for p in validate(lazy_repository(every_mistake), jobs=2).problems] == expected


def test_bulk_from_a_number_of_files_on(
    every_mistake: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from samennw.ops import validate as v
    from samennw.storage.parallel import MAX_PROCESSES, available_cpus
    from samennw.storage.repository import lazy_repository

    monkeypatch.delenv("SAMENNW_JOBS", raising=False)
    repo = lazy_repository(every_mistake)
    monkeypatch.setattr(v, "BULK_FROM", repo.file_count)
    assert v._bulk_processes(repo, None) == min(available_cpus(), MAX_PROCESSES)
    monkeypatch.setattr(v, "BULK_FROM", repo.file_count + 1)
    assert v._bulk_processes(repo, None) == 0
    assert v._bulk_processes(repo, 1) == 0
    assert v._bulk_processes(repo, 3) == 3


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_control_character_at_the_start_of_a_body_or_after_an_empty_line(
    small_repo: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    """The place of the character is counted from the start of the body, which may be the
    character itself, or an empty line."""
    build_file_tree(
        small_repo,
        {
            "data/acties/open/KVDJ-001.md": ACTION.replace("Toelichting.", "\x1b[1mToelichting."),
            "data/acties/open/KVDJ-002.md": ACTION.replace("KVDJ-001", "KVDJ-002").replace(
                "Toelichting.", "\nx\x07"
            ),
        },
    )
    monkeypatch.setenv("SAMENNW_JOBS", jobs)
    code, out, _ = run(CliRunner(), "validate", "--data", str(small_repo))
    assert code == 0, out
    tail = "in de tekst: samennw laat het weg in alles wat het toont, maar 'cat' en 'git diff' "
    tail += "sturen het naar de terminal (verwijder het)"
    assert out.splitlines() == [
        f"data/acties/open/KVDJ-001.md:12:1: waarschuwing: ESC-teken (U+001B) {tail}",
        f"data/acties/open/KVDJ-002.md:13:2: waarschuwing: BEL-teken (U+0007) {tail}",
    ]
