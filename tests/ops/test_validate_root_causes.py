"""validate names the real problem, in Dutch, with file and line (issue #9, section 6)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from tests.conftest import (
    ACTION,
    EMBEDDED_WARNINGS,
    MEETING,
    build_file_tree,
    run,
    small_repo_files,
    snapshot,
)

OPEN = "data/acties/open/KVDJ-001.md"
ENGLISH = ("control characters", "special characters", "not allowed", "unacceptable")


@pytest.mark.parametrize("jobs", ["1", "2"])  # file by file, and in bulk over processes
@pytest.mark.parametrize(
    ("old", "new", "where", "what"),
    [
        ("Toelichting.", "Toe\x00lichting.", "12:4", "NUL-teken (U+0000)"),  # in the body
        ("wie: Tjalling", "wie: Tjal\x00ling", "4:10", "NUL-teken (U+0000)"),
        ("wie: Tjalling", "wie: Tjal\x1bling", "4:10", "ESC-teken (U+001B)"),
        ("wie: Tjalling", 'wie: "Tjal\x07ling"', "4:11", "BEL-teken (U+0007)"),
    ],
    ids=["nul-body", "nul-front-matter", "esc", "bel-quoted"],
)
def test_a_control_character_in_a_file_is_named_with_its_line(
    tmp_path, monkeypatch: pytest.MonkeyPatch, jobs: str, old: str, new: str, where: str, what: str
) -> None:
    files = small_repo_files()
    files["data/acties/open/KVDJ-001.md"] = ACTION.replace(old, new)
    root = build_file_tree(tmp_path / "repo", files)
    monkeypatch.setenv("SAMENNW_JOBS", jobs)
    before = snapshot(root)
    code, out, _err = run(CliRunner(), "validate", "--data", str(root))
    assert code == 1
    assert out.startswith(f"data/acties/open/KVDJ-001.md:{where}: fout: ongeldig {what}"), out
    assert not any(phrase in out for phrase in ENGLISH), out
    assert snapshot(root) == before


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_missing_partners_file_is_the_one_error(
    embedded_copy, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    """Not error 403 of 403: every reference failing follows from the missing file."""
    (embedded_copy / "data" / "partners.yaml").unlink()
    monkeypatch.setenv("SAMENNW_JOBS", jobs)
    code, out, err = run(CliRunner(), "validate", "--data", str(embedded_copy))
    assert code == 1
    assert out.splitlines() == [
        "data/partners.yaml: fout: partners.yaml ontbreekt; zonder personen, organisaties en "
        "teams zijn de verwijzingen in de andere bestanden niet te controleren",
        # the warnings that do not need partners.yaml stay (a team named by its id)
        *(w.replace("Opgaveteam Kansen voor de Jeugd", "ot-kvdj") for w in EMBEDDED_WARNINGS),
    ]
    assert f"1 fout(en), {len(EMBEDDED_WARNINGS)} waarschuwing(en)." in err


def test_an_unreadable_partners_file_comes_first_before_independent_errors(
    small_repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    (small_repo / "data" / "partners.yaml").write_text("personen: [\n", encoding="utf-8")
    action = small_repo / "data" / "acties" / "open" / "KVDJ-001.md"
    action.write_text(ACTION.replace("status: open", "status: klaar"), encoding="utf-8")
    code, out, _ = run(CliRunner(), "validate", "--data", str(small_repo))
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 2, out
    assert lines[0] == (
        "data/partners.yaml:2:1: fout: ongeldige YAML: waarde verwacht (is een lijst [...] of "
        "{...} niet afgemaakt?)"
    )
    assert lines[1].startswith("data/acties/open/KVDJ-001.md:7:1: fout: 'klaar'"), out


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("inside", [None, "KVDJ-098.md"])
def test_a_folder_named_like_a_data_file_is_reported(
    small_repo, monkeypatch: pytest.MonkeyPatch, jobs: str, inside: str | None
) -> None:
    folder = small_repo / "data" / "acties" / "open" / "KVDJ-098.md"
    folder.mkdir()
    if inside:
        (folder / inside).write_text(ACTION.replace("KVDJ-001", "KVDJ-098"), encoding="utf-8")
    monkeypatch.setenv("SAMENNW_JOBS", jobs)
    code, out, _ = run(CliRunner(), "validate", "--data", str(small_repo))
    assert code == 1
    assert out.splitlines() == [
        "data/acties/open/KVDJ-098.md: fout: een map met de naam van een gegevensbestand: "
        "hier hoort een bestand (de map wordt niet gelezen)"
    ]
    code, _, err = run(CliRunner(), "open-actions", "--data", str(small_repo))
    assert code == 1 and "KVDJ-098.md" in err  # a query does not answer without it either


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize(
    ("key", "hint"),
    [("persoonen", "; bedoelde u 'personen'?"), ("mensen", "")],
    ids=["misspelt", "other-word"],
)
def test_a_misspelt_section_of_partners_is_the_root_cause_not_error_182_of_184(
    embedded_copy, monkeypatch: pytest.MonkeyPatch, jobs: str, key: str, hint: str
) -> None:
    """The 181 references to persons that fail because 'personen:' is misspelt are one
    line after the cause; 'mensen' is not close to any section: no suggestion (difflib
    alone offered 'domeinen')."""
    partners = embedded_copy / "data" / "partners.yaml"
    text = partners.read_text(encoding="utf-8")
    line = text.splitlines().index("personen:") + 1
    partners.write_text(text.replace("\npersonen:\n", f"\n{key}:\n"), encoding="utf-8")
    monkeypatch.setenv("SAMENNW_JOBS", jobs)
    before = snapshot(embedded_copy)
    code, out, err = run(CliRunner(), "validate", "--data", str(embedded_copy))
    assert code == 1
    assert out.splitlines() == [
        f"data/partners.yaml:{line}:1: fout: onbekende sleutel '{key}'{hint}",
        f"data/partners.yaml:{line}:1: fout: hierdoor worden 181 verwijzingen naar personen "
        "niet gevonden (niet apart gemeld)",
        *EMBEDDED_WARNINGS,
    ]
    assert err.splitlines()[-1] == f"2 fout(en), {len(EMBEDDED_WARNINGS)} waarschuwing(en)."
    assert snapshot(embedded_copy) == before


def test_a_misspelt_section_comes_before_independent_errors_which_are_still_reported(
    small_repo,
) -> None:
    partners = small_repo / "data" / "partners.yaml"
    partners.write_text(
        partners.read_text(encoding="utf-8").replace("personen:", "persoonen:"), encoding="utf-8"
    )
    action = small_repo / "data" / "acties" / "open" / "KVDJ-001.md"
    action.write_text(ACTION.replace("status: open", "status: klaar"), encoding="utf-8")
    code, out, _ = run(CliRunner(), "validate", "--data", str(small_repo))
    assert code == 1
    assert out.splitlines() == [
        "data/partners.yaml:8:1: fout: onbekende sleutel 'persoonen'; bedoelde u 'personen'?",
        "data/partners.yaml:8:1: fout: hierdoor wordt 1 verwijzing naar personen niet "
        "gevonden (niet apart gemeld)",
        "data/acties/open/KVDJ-001.md:7:1: fout: 'klaar' is geen geldige waarde voor 'status'; "
        "kies uit 'open', 'in uitvoering', 'geblokkeerd', 'afgerond' of 'geannuleerd'",
    ]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_section_that_is_not_a_list_sums_up_its_references_and_others_stay_checked(
    small_repo, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    """'teams: ot-kvdj' makes every team unknowable; a misspelt person is still named."""
    files = small_repo_files()
    partners = str(files["data/partners.yaml"])
    partners = partners[: partners.index("teams:")] + "teams: ot-kvdj\n"
    line = partners.count("\n")
    meeting = MEETING.replace("aanwezig: [tjalling]", "aanwezig: [tjaling]")
    build_file_tree(
        small_repo,
        {"data/partners.yaml": partners, "data/meetings/2025/ot-kvdj-2025-11-25.md": meeting},
    )
    monkeypatch.setenv("SAMENNW_JOBS", jobs)
    code, out, _ = run(CliRunner(), "validate", "--data", str(small_repo))
    assert code == 1
    assert out.splitlines() == [
        f"data/partners.yaml:{line}:1: fout: een lijst verwacht bij 'teams'",
        f"data/partners.yaml:{line}:1: fout: hierdoor worden 3 verwijzingen naar teams niet "
        "gevonden (niet apart gemeld)",
        "data/meetings/2025/ot-kvdj-2025-11-25.md:7:12: fout: onbekende persoon 'tjaling'; "
        "bedoelde u 'tjalling'?",
    ]


@pytest.mark.parametrize(
    ("key", "hint"),
    [
        ("organisatie", "; bedoelde u 'organisaties'?"),
        ("team", "; bedoelde u 'teams'?"),
        ("domains", ""),
        ("gremia", ""),
    ],
)
def test_a_section_key_is_suggested_only_when_it_is_close(small_repo, key: str, hint: str) -> None:
    partners = small_repo / "data" / "partners.yaml"
    text = partners.read_text(encoding="utf-8") + f"{key}: []\n"
    partners.write_text(text, encoding="utf-8")
    code, out, _ = run(CliRunner(), "validate", "--data", str(small_repo))
    assert code == 1
    line = text.count("\n")
    assert out.splitlines() == [
        f"data/partners.yaml:{line}:1: fout: onbekende sleutel '{key}'{hint}"
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("owner: Tjalling", "onbekende sleutel 'owner' (waarde: 'Tjalling')"),  # not 'wanneer'
        ("tekst: Flyer", "onbekende sleutel 'tekst' (waarde: 'Flyer')"),  # not 'herkomst'
        (
            "afgerond: 2025-12-01",
            "onbekende sleutel 'afgerond'; bedoelde u 'afgerond_op' of 'afgerond_in'? "
            "(waarde: '2025-12-01')",
        ),
        ("betrokkene: [tjalling]", "onbekende sleutel 'betrokkene'; bedoelde u 'betrokkenen'?"),
    ],
    ids=["owner", "tekst", "afgerond", "betrokkene"],
)
def test_an_unknown_key_of_an_action_is_suggested_only_when_it_is_close(
    small_repo, line: str, message: str
) -> None:
    """difflib alone suggested keys that only share a few letters ('owner': 'wanneer')."""
    action = small_repo / "data" / "acties" / "open" / "KVDJ-001.md"
    action.write_text(ACTION.replace("---\nToe", f"{line}\n---\nToe"), encoding="utf-8")
    code, out, _ = run(CliRunner(), "validate", "--data", str(small_repo))
    assert code == 1
    assert out.splitlines() == [f"data/acties/open/KVDJ-001.md:11:1: fout: {message}"]


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "99999999999999999999999999",
            "'99999999999999999999999999' is een te groot getal (maximaal 999999)",
        ),
        ("1000000", "'1000000' is een te groot getal (maximaal 999999)"),
        ("-3", "'-3' is negatief; gebruik een getal van 0 tot en met 999999"),
        ("3.5", "'3.5' is geen geheel getal"),
        ("drie", "'drie' is geen geheel getal"),
    ],
    ids=["huge", "seven-digits", "negative", "fraction", "word"],
)
def test_a_number_that_is_too_big_is_called_too_big_not_not_a_whole_number(
    small_repo, monkeypatch: pytest.MonkeyPatch, jobs: str, value: str, message: str
) -> None:
    action = small_repo / "data" / "acties" / "open" / "KVDJ-001.md"
    action.write_text(ACTION.replace("---\nToe", f"volgorde: {value}\n---\nToe"), encoding="utf-8")
    monkeypatch.setenv("SAMENNW_JOBS", jobs)
    code, out, _ = run(CliRunner(), "validate", "--data", str(small_repo))
    assert code == 1
    assert out.splitlines() == [f"data/acties/open/KVDJ-001.md:11:1: fout: {message}"]


@pytest.mark.parametrize("value", ["999999", "0000012", "+5"])
def test_whole_numbers_up_to_six_digits_are_read(small_repo, value: str) -> None:
    action = small_repo / "data" / "acties" / "open" / "KVDJ-001.md"
    action.write_text(ACTION.replace("---\nToe", f"volgorde: {value}\n---\nToe"), encoding="utf-8")
    code, out, err = run(CliRunner(), "validate", "--data", str(small_repo))
    assert (code, out) == (0, ""), out
    assert err.splitlines()[-1] == "Geen fouten gevonden."


UNREAD = (
    "bestand wordt niet gelezen: in deze map leest samennw alleen .md-bestanden (een README "
    "of een naam die met een punt begint, zoals .gitkeep, mag er ook staan)"
)


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("name", ["KVDJ-097.MD", "KVDJ-097.Md"])
def test_a_data_file_with_a_capital_extension_is_an_error_not_skipped(
    small_repo, monkeypatch: pytest.MonkeyPatch, jobs: str, name: str
) -> None:
    (small_repo / "data" / "acties" / "open" / name).write_text(
        ACTION.replace("KVDJ-001", "KVDJ-097"), encoding="utf-8"
    )
    monkeypatch.setenv("SAMENNW_JOBS", jobs)
    before = snapshot(small_repo)
    code, out, _ = run(CliRunner(), "validate", "--data", str(small_repo))
    assert code == 1
    assert out.splitlines() == [
        f"data/acties/open/{name}: fout: bestand wordt niet gelezen: de naam eindigt op "
        f"'{name[-3:]}' en samennw leest alleen '.md' (kleine letters); hernoem het naar "
        "'KVDJ-097.md'"
    ]
    code, _, err = run(CliRunner(), "open-actions", "--data", str(small_repo))
    assert code == 1 and name in err  # a query does not answer without the action either
    assert {k: v for k, v in snapshot(small_repo).items() if "samennw" not in k} == {
        k: v for k, v in before.items() if "samennw" not in k
    }


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_other_files_in_a_data_folder_are_a_warning_readme_and_hidden_ones_pass(
    small_repo, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    build_file_tree(
        small_repo,
        {
            "data/acties/open/notities.txt": "bellen",
            "data/acties/open/KVDJ-002.yml": "id: KVDJ-002\n",
            "data/acties/open/KVDJ-001.md~": ACTION,  # an editor's backup
            "data/meetings/2025/agenda.pdf": b"%PDF-1.4",
            "data/actielijnen/ideeen": "geen extensie",
            # these pass without a word
            "data/acties/open/.gitkeep": "",
            "data/acties/open/.KVDJ-001.md.swp": b"\x00",
            "data/acties/README.md": "# Acties\n",
            "data/meetings/readme.txt": "Vergaderingen per jaar.\n",
            "data/README.md": "# Gegevens\n",
        },
    )
    monkeypatch.setenv("SAMENNW_JOBS", jobs)
    code, out, err = run(CliRunner(), "validate", "--data", str(small_repo))
    assert code == 0, out
    assert out.splitlines() == [
        f"data/actielijnen/ideeen: waarschuwing: {UNREAD}",
        f"data/acties/open/KVDJ-001.md~: waarschuwing: {UNREAD}",
        f"data/acties/open/KVDJ-002.yml: waarschuwing: {UNREAD}",
        f"data/acties/open/notities.txt: waarschuwing: {UNREAD}",
        f"data/meetings/2025/agenda.pdf: waarschuwing: {UNREAD}",
    ]
    assert err.splitlines()[-1] == "Geen fouten; 5 waarschuwing(en)."
    code, out, _ = run(CliRunner(), "open-actions", "--data", str(small_repo))
    assert code == 0 and "KVDJ-001" in out  # a warning does not stop the commands


@pytest.mark.parametrize(
    ("name", "folder", "line"),
    [
        (
            "belangrijke-data.yml",
            False,
            "fout: bestand wordt niet gelezen; bedoelde u 'belangrijke-data.yaml'?",
        ),
        (
            "Belangrijke-Data.yaml",
            False,
            "fout: bestand wordt niet gelezen; bedoelde u 'belangrijke-data.yaml'?",
        ),
        ("actie", True, "fout: map wordt niet gelezen; bedoelde u 'acties'?"),
        (
            "notities.txt",
            False,
            "waarschuwing: bestand wordt niet gelezen: in data/ leest samennw alleen "
            "partners.yaml, belangrijke-data.yaml, geen-personen.yaml en de mappen meetings, "
            "actielijnen en acties",
        ),
        (
            "bijlagen",
            True,
            "waarschuwing: map wordt niet gelezen: in data/ leest samennw alleen "
            "partners.yaml, belangrijke-data.yaml, geen-personen.yaml en de mappen meetings, "
            "actielijnen en acties",
        ),
    ],
)
def test_what_lies_in_the_data_folder_and_is_not_read_is_reported(
    small_repo, name: str, folder: bool, line: str
) -> None:
    """belangrijke-data.yml was skipped without a word: every important date gone."""
    path = small_repo / "data" / name
    if folder:
        path.mkdir()
        (path / "KVDJ-002.md").write_text(ACTION.replace("KVDJ-001", "KVDJ-002"), encoding="utf-8")
    else:
        path.write_text("- datum: 2026-02-12\n  wat: VMBO On Stage\n", encoding="utf-8")
    code, out, _ = run(CliRunner(), "validate", "--data", str(small_repo))
    assert code == (1 if line.startswith("fout") else 0), out
    assert out.splitlines() == [f"data/{name}: {line}"]


def test_a_name_found_only_because_the_file_system_ignores_case_is_an_error(
    small_repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On macOS 'data/Acties' is read as 'data/acties'; a clone on Linux (CI) misses it."""
    from pathlib import Path

    acties = small_repo / "data" / "acties"
    acties.rename(small_repo / "data" / "Acties")
    real = Path.samefile
    monkeypatch.setattr(
        Path, "samefile", lambda self, other: self.name == "acties" or real(self, other)
    )
    code, out, _ = run(CliRunner(), "validate", "--data", str(small_repo))
    assert code == 1
    assert out.splitlines() == [
        "data/Acties: fout: map heet 'Acties', maar samennw leest 'acties' (kleine letters): "
        "alleen een bestandssysteem dat hoofdletters niet onderscheidt vindt deze map, een "
        "clone op Linux (CI) niet; hernoem de map"
    ]


def _unusable(partners: str, *sections: str) -> str:
    """partners.yaml with each of ``sections`` a single word instead of a list."""
    lines = partners.splitlines(keepends=True)
    out: list[str] = []
    skipping = False
    for line in lines:
        key = line.split(":", 1)[0]
        if not line.startswith(" ") and key in sections:
            out.append(f"{key}: geen-lijst\n")
            skipping = True
        elif not line.startswith(" "):
            out.append(line)
            skipping = False
        elif not skipping:
            out.append(line)
    return "".join(out)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_references_to_several_unusable_sections_are_one_line_at_the_first_cause(
    small_repo, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    """Three sections cannot be used: one line after the first of them, in the order of
    the sections, counting the references to each (not 3 + 2 + 2 lines)."""
    files = small_repo_files()
    partners = _unusable(str(files["data/partners.yaml"]), "domeinen", "organisaties", "teams")
    build_file_tree(
        small_repo,
        {
            "data/partners.yaml": partners,
            "data/acties/open/KVDJ-002.md": ACTION.replace("KVDJ-001", "KVDJ-002").replace(
                "betrokkenen: [tjalling]", "betrokkenen: [gemeente-amsterdam]"
            ),
            "data/actielijnen/loopbaanroute.md": (
                "---\nid: loopbaanroute\ntitel: Loopbaanroute\ndomein: kvdj\nstatus: idee\n---\n"
            ),
        },
    )
    monkeypatch.setenv("SAMENNW_JOBS", jobs)
    code, out, err = run(CliRunner(), "validate", "--data", str(small_repo))
    assert code == 1
    teams = partners.count("\n")  # the last line
    assert out.splitlines() == [
        "data/partners.yaml:1:1: fout: een lijst verwacht bij 'domeinen'",
        # 5 team references (the meeting's team, two actions' team and werkgroep), the
        # organisation in KVDJ-002's betrokkenen, the action line's domain
        "data/partners.yaml:1:1: fout: hierdoor worden 7 verwijzingen naar organisaties, "
        "teams of domeinen niet gevonden (niet apart gemeld)",
        "data/partners.yaml:2:1: fout: een lijst verwacht bij 'organisaties'",
        f"data/partners.yaml:{teams}:1: fout: een lijst verwacht bij 'teams'",
    ]
    assert err.splitlines()[-1] == "4 fout(en), 0 waarschuwing(en)."


@pytest.mark.parametrize(
    ("section", "ref", "summary"),
    [
        ("organisaties", "gemeente-amsterdam", "wordt 1 verwijzing naar organisaties"),
        ("teams", "ot-kvdj", "worden 4 verwijzingen naar teams"),
        ("personen", "emre-unver", "worden 3 verwijzingen naar personen"),
    ],
)
def test_a_betrokkene_of_an_unusable_section_is_counted_not_reported(
    small_repo, section: str, ref: str, summary: str
) -> None:
    """'betrokkenen' may name a person, an organisation or a team: a name of the section
    that cannot be used is counted in the summary line, not reported as unknown."""
    files = small_repo_files()
    partners = _unusable(str(files["data/partners.yaml"]), section)
    line = partners.splitlines().index(f"{section}: geen-lijst") + 1
    action = ACTION.replace("betrokkenen: [tjalling]", f"betrokkenen: [tjalling, {ref}]")
    build_file_tree(small_repo, {"data/partners.yaml": partners, OPEN: action})
    code, out, _ = run(CliRunner(), "validate", "--data", str(small_repo))
    assert code == 1
    assert out.splitlines() == [
        f"data/partners.yaml:{line}:1: fout: een lijst verwacht bij '{section}'",
        f"data/partners.yaml:{line}:1: fout: hierdoor {summary} niet gevonden (niet apart gemeld)",
    ]


def test_the_summary_stands_at_the_first_cause_also_on_one_line(small_repo) -> None:
    """partners.yaml as one flow mapping: the sections share a line, the column decides."""
    action = ACTION.replace("betrokkenen: [tjalling]", "betrokkenen: []")
    meeting = MEETING.replace("aanwezig: [tjalling]", "aanwezig: []")
    build_file_tree(
        small_repo,
        {
            "data/partners.yaml": "{domeinen: kvdj, personen: [], teams: ot-kvdj}\n",
            OPEN: action,
            "data/meetings/2025/ot-kvdj-2025-11-25.md": meeting,
            "data/actielijnen/loopbaanroute.md": (
                "---\nid: loopbaanroute\ntitel: Loopbaanroute\ndomein: kvdj\nstatus: idee\n---\n"
            ),
        },
    )
    code, out, _ = run(CliRunner(), "validate", "--data", str(small_repo))
    assert code == 1
    assert out.splitlines() == [
        "data/partners.yaml:1:2: fout: een lijst verwacht bij 'domeinen'",
        "data/partners.yaml:1:2: fout: hierdoor worden 4 verwijzingen naar teams of domeinen "
        "niet gevonden (niet apart gemeld)",
        "data/partners.yaml:1:32: fout: een lijst verwacht bij 'teams'",
    ]
