"""`samennw validate`: valid data, every bad input, output formats, exit codes."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import ACTION, MEETING, OTHER_TEAM, PARTNERS, build_file_tree, run, snapshot


def validate(runner: CliRunner, repo: Path, *extra: str) -> tuple[int, str, str]:
    return run(runner, "validate", "--data", str(repo), *extra)


def test_small_repo_is_valid(runner: CliRunner, small_repo: Path) -> None:
    code, out, err = validate(runner, small_repo)
    assert code == 0, out + err
    assert "Gecontroleerd: 3 bestanden" in err
    assert "1 acties (1 open, 0 afgerond)" in err
    assert "Geen fouten gevonden." in err


def test_data_folder_itself_is_accepted(runner: CliRunner, small_repo: Path) -> None:
    code, _, err = validate(runner, small_repo / "data")
    assert code == 0, err


ACTION_FILE = "data/acties/open/KVDJ-001.md"


def broken(small_repo: Path, rel: str, content: str | bytes) -> Path:
    build_file_tree(small_repo, {rel: content})
    return small_repo


BAD_INPUTS: list[tuple[str, str, str | bytes, str, int | None]] = [
    # (case, file, content, expected message fragment, expected line)
    (
        "broken-yaml",
        ACTION_FILE,
        ACTION.replace("wie: Tjalling", "wie: [Tjalling"),
        "ongeldige YAML",
        None,
    ),
    ("tab", ACTION_FILE, ACTION.replace("wie: Tjalling", "wie:\n\t- Tjalling"), "tab", 5),
    (
        "missing-closing-fence",
        ACTION_FILE,
        ACTION.replace("---\nToelichting", "Toelichting"),
        "afsluitende regel '---'",
        1,
    ),
    (
        "not-utf8",
        ACTION_FILE,
        ACTION.replace("Jonge", "J\u00f6nge").encode("latin-1"),
        "geen geldige UTF-8",
        3,
    ),
    (
        "unknown-key",
        ACTION_FILE,
        ACTION.replace("wanneer:", "wanneeer:"),
        "onbekende sleutel 'wanneeer'; bedoelde u 'wanneer'?",
        6,
    ),
    (
        "unknown-person",
        ACTION_FILE,
        ACTION.replace("[tjalling]", "[tjallling]"),
        "onbekende persoon, organisatie of team 'tjallling'; bedoelde u 'tjalling'?",
        5,
    ),
    (
        "impossible-date",
        ACTION_FILE,
        ACTION.replace("status: open", "status: open\nafgerond_op: 2025-02-31"),
        "'2025-02-31' bestaat niet: februari 2025 heeft geen dag 31",
        8,
    ),
    ("empty-file", ACTION_FILE, "", "bestand is leeg", 1),
    (
        "python-tag",
        ACTION_FILE,
        ACTION.replace("wie: Tjalling", "wie: !!python/object:os.system Tjalling"),
        "YAML-tags",
        4,
    ),
    (
        "id-with-slash",
        "data/acties/open/x.md",
        ACTION.replace("KVDJ-001", "../KVDJ-001"),
        "geen geldige code",
        2,
    ),
    (
        "alias-bomb",
        ACTION_FILE,
        "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
        "---\n",
        "YAML-ankers",
        2,
    ),
    ("duplicate-id", "data/acties/open/KVDJ-002.md", ACTION, "dubbele code 'KVDJ-001'", 2),
    ("status-folder", "data/acties/afgerond/KVDJ-001.md", ACTION, "hoort in 'acties/open'", 7),
    (
        "afgerond-without-date",
        ACTION_FILE,
        ACTION.replace("status: open", "status: afgerond"),
        "heeft een 'afgerond_op' nodig",
        7,
    ),
    (
        "vastgesteld-before-meeting",
        "data/meetings/2025/ot-kvdj-2025-11-25.md",
        MEETING.replace(
            "notulen_status: concept", "notulen_status: vastgesteld\nvastgesteld_op: 2025-11-01"
        ),
        "vóór de vergadering",
        9,
    ),
    (
        "unknown-team-in-partners",
        "data/partners.yaml",
        PARTNERS.replace("ouder: ot-kvdj", "ouder: ot-kvjd"),
        "onbekend team 'ot-kvjd'",
        None,
    ),
    ("broken-partners", "data/partners.yaml", PARTNERS + "  - : :\n", "partners.yaml", None),
]


@pytest.mark.parametrize(
    ("case", "rel", "content", "fragment", "line"), BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS]
)
def test_bad_input_is_rejected_with_file_and_line(
    runner: CliRunner,
    small_repo: Path,
    case: str,
    rel: str,
    content: str | bytes,
    fragment: str,
    line: int | None,
) -> None:
    if case == "status-folder":
        (small_repo / ACTION_FILE).unlink()
    repo = broken(small_repo, rel, content)
    before = snapshot(repo)
    code, out, err = validate(runner, repo)
    assert code == 1, out + err
    assert fragment in out, out
    if line is not None:
        assert f"{rel}:{line}:" in out, out
    else:
        assert rel in out
    assert snapshot(repo) == before  # validate never changes a file


def test_alias_bomb_is_refused_quickly(runner: CliRunner, small_repo: Path) -> None:
    # 10 levels of 9 aliases would expand to 9**10 strings; refused at the first anchor.
    levels = ["a0: &a0 [" + ", ".join(["lol"] * 9) + "]"]
    for i in range(1, 10):
        levels.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    bomb = "---\n" + "\n".join(levels) + "\n---\n"
    broken(small_repo, ACTION_FILE, bomb)
    code, out, _ = validate(runner, small_repo)
    assert code == 1
    assert "YAML-ankers (&a0) zijn niet toegestaan" in out


def test_file_size_is_capped(runner: CliRunner, small_repo: Path) -> None:
    broken(small_repo, ACTION_FILE, ACTION + "x" * 1_100_000)
    code, out, _ = validate(runner, small_repo)
    assert code == 1
    assert "te groot" in out


def test_symlink_in_data_folder_is_reported(runner: CliRunner, small_repo: Path) -> None:
    target = small_repo / ACTION_FILE
    (small_repo / "data/acties/open/KVDJ-009.md").symlink_to(target)
    code, out, _ = validate(runner, small_repo)
    assert code == 1
    assert "data/acties/open/KVDJ-009.md" in out
    assert "symbolische koppeling" in out


def test_nfd_name_matches_nfc(runner: CliRunner, small_repo: Path) -> None:
    nfd = unicodedata.normalize("NFD", "Ünver")
    assert nfd != "Ünver"
    partners = PARTNERS.replace("naam: Emre Ünver", f"naam: Emre {nfd}")
    broken(small_repo, "data/partners.yaml", partners)
    code, out, err = validate(runner, small_repo)
    assert code == 0, out + err
    from samennw.model.people import Directory
    from samennw.storage.repository import load_repository

    directory = Directory(load_repository(small_repo).partners)
    assert directory.resolve_person("Ünver").id == "emre-unver"
    assert directory.resolve_person("unver").id == "emre-unver"
    assert directory.persons["emre-unver"].naam == "Emre Ünver"  # stored as NFC


def test_unparseable_wanneer_is_a_warning(runner: CliRunner, small_repo: Path) -> None:
    broken(small_repo, ACTION_FILE, ACTION.replace("November 2025", "als de maan blauw is"))
    code, out, err = validate(runner, small_repo)
    assert code == 0, out + err
    assert "waarschuwing" in out
    assert "als de maan blauw is" in out


@pytest.mark.parametrize(
    ("wanneer", "vergadering", "warned"),
    [
        ("December", None, True),  # no year, nothing to take it from
        ("December", "ot-kvdj-2025-11-25", False),  # the meeting's year
        ("December 2025", None, False),
        ("z.s.m.", None, False),
    ],
)
def test_year_less_wanneer_without_meeting_is_a_warning(
    runner: CliRunner, small_repo: Path, wanneer: str, vergadering: str | None, warned: bool
) -> None:
    text = ACTION.replace("wanneer: November 2025", f"wanneer: {wanneer}")
    text = text.replace(
        "vergadering: ot-kvdj-2025-11-25\n", f"vergadering: {vergadering}\n" if vergadering else ""
    )
    (small_repo / "data/acties/open/KVDJ-001.md").write_text(text, encoding="utf-8")
    code, out, _ = run(runner, "validate", "--data", str(small_repo))
    assert code == 0  # a warning, not an error
    assert ("noemt geen jaar" in out) is warned, out


def test_github_format(runner: CliRunner, small_repo: Path) -> None:
    broken(small_repo, ACTION_FILE, ACTION.replace("[tjalling]", "[tjallling]"))
    code, out, _ = validate(runner, small_repo, "--format", "github")
    assert code == 1
    assert out.startswith("::error file=data/acties/open/KVDJ-001.md,line=5,col=")


def test_json_format(runner: CliRunner, small_repo: Path) -> None:
    code, out, _ = validate(runner, small_repo, "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert report["geldig"] is True
    assert report["aantallen"]["acties"] == 1


def test_usage_error_exits_2(runner: CliRunner, small_repo: Path) -> None:
    code, _, _ = validate(runner, small_repo, "--format", "xml")
    assert code == 2
    code, _, _ = run(runner, "validate", "--onbekend")
    assert code == 2


def test_missing_data_folder(runner: CliRunner, tmp_path: Path) -> None:
    code, _, err = validate(runner, tmp_path / "bestaat-niet")
    assert code == 1
    assert "bestaat niet" in err


def test_crash_prints_no_locals(
    runner: CliRunner, small_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import samennw.ops.validate as v

    def boom(repo: object) -> object:
        secret = "geheime notulen"  # noqa: F841
        raise RuntimeError("kapot")

    monkeypatch.setattr(v, "validate", boom)
    code, out, err = validate(runner, small_repo)
    assert code == 70
    assert "interne fout (RuntimeError)" in err
    assert "geheime" not in out + err
    assert "Traceback" not in out + err


def test_listed_files_first_but_errors_elsewhere_still_count(
    runner: CliRunner, small_repo: Path
) -> None:
    broken(small_repo, ACTION_FILE, ACTION.replace("[tjalling]", "[tjallling]"))
    code, out, _ = validate(runner, small_repo, str(small_repo / "data/partners.yaml"))
    assert code == 1  # deleting or changing one file can break a reference in another
    assert out.startswith("fout: 1 fout(en) in andere bestanden, de eerste: data/acties/open/")
    code, out, _ = validate(runner, small_repo, str(small_repo / ACTION_FILE))
    assert code == 1 and out.startswith(f"{ACTION_FILE}:5:")


def test_listed_file_that_does_not_exist(runner: CliRunner, small_repo: Path) -> None:
    code, out, _ = validate(runner, small_repo, str(small_repo / "data/acties/open/nope.md"))
    assert code == 1 and "nope.md: fout: bestand bestaat niet" in out


def test_one_typo_in_partners_is_one_error(runner: CliRunner, small_repo: Path) -> None:
    broken(
        small_repo,
        "data/partners.yaml",
        PARTNERS.replace("    naam: Tjalling\n", "    naam: Tjalling\n    emial: t@x.nl\n"),
    )
    code, out, _ = validate(runner, small_repo)
    assert code == 1
    assert out.splitlines() == [
        "data/partners.yaml:11:5: fout: onbekende sleutel 'emial'; bedoelde u 'email'? "
        "(waarde: 't@x.nl')"
    ]


def test_a_wrong_email_address_is_an_error_that_does_not_repeat_it(
    runner: CliRunner, small_repo: Path
) -> None:
    broken(
        small_repo,
        "data/partners.yaml",
        PARTNERS.replace("    naam: Tjalling\n", "    naam: Tjalling\n    email: t@voorbeeld\n"),
    )
    code, out, _ = validate(runner, small_repo)
    assert code == 1
    assert out.splitlines() == [
        "data/partners.yaml:11:5: fout: geen geldig e-mailadres (vorm: naam@domein.nl)"
    ]


def test_validate_streams_files(
    runner: CliRunner, small_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Membership tests never read a file; validate reads each file once, keeps none."""
    import samennw.storage.repository as store

    reads: list[str] = []
    real = store.load_document

    def counting(path: Path, *args: object, **kwargs: object) -> object:
        reads.append(path.name)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "load_document", counting)
    repo = store.lazy_repository(small_repo)
    assert "ot-kvdj-2025-11-25" in repo.meetings and "KVDJ-001" in repo.actions
    assert reads == []
    code, _, err = validate(runner, small_repo)
    assert code == 0, err
    assert sorted(reads) == ["KVDJ-001.md", "ot-kvdj-2025-11-25.md"]


def test_unreadable_bytes_are_reported_with_the_shown_path(
    runner: CliRunner, small_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (small_repo / "data/acties/open/KVDJ-001.md").write_bytes(
        b"---\nid: KVDJ-001\nwat: \xff\n---\n"
    )
    for jobs in ("1", "2"):  # file by file, and in bulk
        monkeypatch.setenv("SAMENNW_JOBS", jobs)
        code, out, _ = run(runner, "validate", "--data", str(small_repo))
        assert code == 1
        assert "data/acties/open/KVDJ-001.md:3" in out and str(small_repo) not in out, out


# --- checks whose outcome was not asserted (issue #9: mutants survived) -------------------

MEETING_FILE = "data/meetings/2025/ot-kvdj-2025-11-25.md"
CLOSED_FILE = "data/acties/afgerond/KVDJ-001.md"


def only_problems(runner: CliRunner, repo: Path) -> tuple[int, list[str]]:
    code, out, _ = validate(runner, repo)
    return code, out.splitlines()


@pytest.mark.parametrize(
    ("begin", "eind", "message"),
    [
        ('"16:30"', '"18:00"', None),
        ('"16:30"', "null", None),
        ("null", '"18:00"', None),
        ('"16:30"', '"16:30"', "eindtijd 16:30 ligt niet na begintijd 16:30"),
        ('"18:00"', '"16:30"', "eindtijd 16:30 ligt niet na begintijd 18:00"),
        ('"16:30"', '"16:29"', "eindtijd 16:29 ligt niet na begintijd 16:30"),
    ],
)
def test_a_meeting_ends_after_it_begins(
    runner: CliRunner, small_repo: Path, begin: str, eind: str, message: str | None
) -> None:
    text = MEETING.replace('begin: "16:30"', f"begin: {begin}").replace(
        'eind: "18:00"', f"eind: {eind}"
    )
    broken(small_repo, MEETING_FILE, text)
    code, lines = only_problems(runner, small_repo)
    if message is None:
        assert (code, lines) == (0, [])
    else:
        assert (code, lines) == (1, [f"{MEETING_FILE}:6:1: fout: {message}"])


def test_an_open_action_has_no_closing_date(runner: CliRunner, small_repo: Path) -> None:
    broken(
        small_repo,
        ACTION_FILE,
        ACTION.replace("status: open", "status: open\nafgerond_op: 2025-12-01"),
    )
    code, lines = only_problems(runner, small_repo)
    assert code == 1
    assert lines == [
        f"{ACTION_FILE}:8:1: fout: open actie heeft een 'afgerond_op'; zet status op afgerond "
        "of verwijder de datum"
    ]


@pytest.mark.parametrize(
    ("folder", "keys", "expected"),
    [
        (
            "open",
            "status: geblokkeerd\nreden: wacht\nafgerond_op: 2025-12-01",
            "9:1: fout: actie (geblokkeerd) heeft een 'afgerond_op'; zet status op afgerond of "
            "verwijder de datum",
        ),
        (
            "open",
            "status: in uitvoering\ngeannuleerd_op: 2025-12-01",
            "8:1: fout: actie (in uitvoering) heeft een 'geannuleerd_op'; zet status op "
            "geannuleerd of verwijder de datum",
        ),
        (
            "afgerond",
            "status: geannuleerd\nreden: vervalt",
            "7:1: fout: geannuleerde actie heeft een 'geannuleerd_op' nodig",
        ),
        (
            "afgerond",
            "status: afgerond\nafgerond_op: 2025-12-01\ngeannuleerd_op: 2025-12-01",
            "9:1: fout: actie (afgerond) heeft een 'geannuleerd_op'; zet status op geannuleerd "
            "of verwijder de datum",
        ),
    ],
)
def test_a_date_of_another_status_is_an_error(
    runner: CliRunner, small_repo: Path, folder: str, keys: str, expected: str
) -> None:
    (small_repo / ACTION_FILE).unlink()
    rel = f"data/acties/{folder}/KVDJ-001.md"
    broken(small_repo, rel, ACTION.replace("status: open", keys))
    code, lines = only_problems(runner, small_repo)
    assert code == 1
    assert lines == [f"{rel}:{expected}"]


@pytest.mark.parametrize(
    ("afgerond_op", "valid"), [("2025-11-24", False), ("2025-11-25", True), ("2025-11-26", True)]
)
def test_an_action_is_not_closed_before_the_meeting_it_came_from(
    runner: CliRunner, small_repo: Path, afgerond_op: str, valid: bool
) -> None:
    (small_repo / ACTION_FILE).unlink()
    closed = ACTION.replace("status: open", f"status: afgerond\nafgerond_op: {afgerond_op}")
    broken(small_repo, CLOSED_FILE, closed)
    code, lines = only_problems(runner, small_repo)
    if valid:
        assert (code, lines) == (0, [])
    else:
        assert (code, lines) == (
            1,
            [
                f"{CLOSED_FILE}:8:1: fout: afgerond op 2025-11-24, vóór de vergadering van "
                "2025-11-25 waarin de actie ontstond"
            ],
        )


@pytest.mark.parametrize(
    ("werkgroep", "message"),
    [
        ("ot-kvdj-wg1", None),  # a werkgroep of the action's team
        ("ot-wonen", None),  # a team without 'ouder' may be used as a section anywhere
        ("ot-wonen-wg1", "werkgroep 'ot-wonen-wg1' hoort niet bij team 'ot-kvdj'"),
        (
            "ot-wonen-wg9",
            "onbekende werkgroep 'ot-wonen-wg9'; bedoelde u 'ot-wonen-wg1' of 'ot-wonen'?",
        ),
    ],
)
def test_the_werkgroep_of_an_action_belongs_to_its_team(
    runner: CliRunner, small_repo: Path, werkgroep: str, message: str | None
) -> None:
    broken(small_repo, "data/partners.yaml", PARTNERS + OTHER_TEAM)
    broken(small_repo, ACTION_FILE, ACTION.replace("ot-kvdj-wg1", werkgroep))
    code, lines = only_problems(runner, small_repo)
    if message is None:
        assert (code, lines) == (0, [])
    else:
        assert (code, lines) == (1, [f"{ACTION_FILE}:9:1: fout: {message}"])


def test_the_summary_counts_a_status_beyond_open_and_closed_only_when_present(
    runner: CliRunner, small_repo: Path
) -> None:
    broken(small_repo, ACTION_FILE, ACTION.replace("status: open", "status: in uitvoering"))
    code, out, err = validate(runner, small_repo)
    assert code == 0, out + err
    assert "1 acties (0 open, 1 in uitvoering, 0 afgerond)" in err
    assert "geblokkeerd" not in err and "geannuleerd" not in err
