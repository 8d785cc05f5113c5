"""import-actions (importeer-acties): a running action list into the data, end to end.

The fidelity test imports seed 000 (the OT KvdJ list of 25 November 2025) into a copy
of the embedded data set without the OT KvdJ actions and decisions, and compares the
result with the embedded data set, the faithful conversion of the same list. Other
tests use lists written here for other teams and dates, in the same text shape.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

import samennw.cli.actionlist  # noqa: F401  (registers import-actions)
from samennw.cli.app import app
from samennw.importing.actionlist import Part, TableKind, parse_action_list, split_wat
from samennw.storage.frontmatter import remove_keys
from tests.conftest import EMBEDDED

HERE = Path(__file__).parent
SEED = HERE / "data" / "actielijst-ot-kvdj-2025-11-25.txt"
MINUTES = HERE / "data" / "ab-notulen-2023.txt"
FIELDS = ("wat", "wie", "wanneer", "werkgroep", "status", "herkomst")
MORE = ("betrokkenen", "vergadering", "volgorde", "afgerond_op", "afgerond_in", "body")


def run(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout + result.stderr


def record(path: Path) -> dict[str, object]:
    _, fm, body = path.read_text(encoding="utf-8").split("---\n", 2)
    data = yaml.safe_load(fm)
    data["body"] = body.strip()
    return {k: str(v) if v is not None else None for k, v in data.items()}


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted((root / "data").rglob("*"))
        if p.is_file() and ".samennw-cache" not in p.parts
    }


def git(root: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@x", *args],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The embedded data without the OT KvdJ actions and decisions, in a git repo."""
    root = tmp_path / "repo"
    shutil.copytree(EMBEDDED, root / "data", ignore=shutil.ignore_patterns(".samennw-cache"))
    for action in (root / "data" / "acties").rglob("KVDJ-*.md"):
        action.unlink()
    for meeting in (root / "data" / "meetings").rglob("ot-kvdj-*.md"):
        meeting.write_text(remove_keys(meeting.read_text(encoding="utf-8"), ["besluiten"]))
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "zonder OT KvdJ")
    return root


# --- the parser -------------------------------------------------------------------------------


def test_seed_structure() -> None:
    parsed = parse_action_list(SEED.read_text(encoding="utf-8").splitlines())
    assert parsed.value("datum").value == "25-10-25"
    assert parsed.value("datum").line == 5
    assert parsed.value("secretaris").value == "Raymond Pinas (SPM)"
    assert parsed.title.value.startswith("Bijeenkomst Opgaveteam Kansen voor de Jeugd")
    shape = [(s.part.value, s.kind.value, s.number, s.no_werkgroep) for s in parsed.sections]
    assert shape == [
        ("open", "acties", None, True),
        ("open", "acties", 1, False),
        ("open", "acties", 2, False),
        ("open", "acties", 3, False),
        ("afgerond", "acties", None, True),
        ("afgerond", "acties", 1, False),
        ("afgerond", "acties", 2, False),
        ("afgerond", "acties", 3, False),
        ("open", "data", None, False),
    ]
    assert len(parsed.rows) == 45 and not parsed.dates and not parsed.unplaced
    decisions = [(r.herkomst, r.wat, r.part, r.position) for r in parsed.rows if r.decision]
    assert decisions == [
        ("25/11", "opleiden onder schooltijd", Part.OPEN, 2),
        ("25/9", "4 vergaderingen op donderdag ingepland gaan door op die dag.", Part.CLOSED, 3),
    ]
    first = parsed.rows[0]
    assert (first.line, first.herkomst, first.wie, first.wanneer) == (
        17, "25/11", "Alle aanwezigen", "November 2025",
    )  # fmt: skip
    material = parsed.rows[2]
    assert material.toelichting == (
        "Leger des Heils heeft nodig:\n- Materiaal\n- Spullen om weg te geven in het "
        "kerstpakket\n\nContact Kauthar (ONE Jongerenwerk)"
    )
    # the row whose cells start on the line after their TAB, with blank lines between
    marlies = next(r for r in parsed.rows if "Marlies" in r.wat)
    assert (marlies.herkomst, marlies.wie, marlies.wanneer) == (
        "25/9", "Jeroen, Marouane, Raymond en  Iwanna", "November 2025",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("25/11 Hulpvraag", ("Hulpvraag", "25/11", False)),
        ("25/11 besluit: opleiden", ("opleiden", "25/11", True)),
        ("25/9 Besluit: 4 vergaderingen", ("4 vergaderingen", "25/9", True)),
        ("Besluit: zonder datum", ("zonder datum", None, True)),
        ("4 Actielijnen in ontwikkeling", ("4 Actielijnen in ontwikkeling", None, False)),
        ("Besluit genomen om door te gaan", ("Besluit genomen om door te gaan", None, False)),
        ("31 maart overleg", ("31 maart overleg", None, False)),
        ("12/13 geen datum", ("12/13 geen datum", None, False)),
    ],
)
def test_split_wat(raw: str, expected: tuple[str, str | None, bool]) -> None:
    assert split_wat(raw) == expected


_TEXT = (
    st.text(
        alphabet=st.characters(
            codec="utf-8", categories=["L", "N", "Zs", "P"], exclude_characters="\t"
        ),
        min_size=1,
        max_size=30,
    )
    .map(lambda s: " ".join(s.split()))
    .filter(lambda s: s and not re.match(r"^\d", s))
)
_CELL = st.one_of(st.just(""), _TEXT)
_ROW = st.tuples(_TEXT, _CELL, _CELL, st.lists(_TEXT, max_size=3))


def _docx_shape(rows: list[tuple[str, str, str, list[str]]]) -> list[str]:
    """A list as the reader gives a Word table: a cell per line, a blank line per row."""
    lines = ["Actielijst", "", "Datum\t12-01-2026", "", "\tGeen actielijn", ""]
    lines += ["\tWat", "\tWie", "\tWanneer", "\tToelichting", ""]
    for wat, wie, wanneer, toelichting in rows:
        first, *rest = toelichting or [""]
        lines += [f"\t{wat}", f"\t{wie}", f"\t{wanneer}", f"\t{first}", *rest, ""]
    return lines


@given(st.lists(_ROW, min_size=1, max_size=6))
def test_rows_read_back(rows: list[tuple[str, str, str, list[str]]]) -> None:
    """Any table in the reader's shape reads back cell for cell (empty cells too)."""
    parsed = parse_action_list(_docx_shape(rows))
    got = [(r.wat, r.wie, r.wanneer, r.toelichting) for r in parsed.rows]
    assert got == [(w, wie, wan, "\n".join(t)) for w, wie, wan, t in rows]
    assert [r.position for r in parsed.rows] == list(range(1, len(rows) + 1))
    assert not parsed.unplaced


# --- the seed, imported -----------------------------------------------------------------------


def test_seed_import_matches_embedded_data(repo: Path) -> None:
    code, out = run("import-actions", SEED, "--team", "ot-kvdj", "--datum", "2025-11-25",
                    "--data", repo)  # fmt: skip
    assert code == 0, out
    assert "43 nieuwe acties (KVDJ-001 t/m KVDJ-043), 2 besluiten" in out
    assert "nieuw: 43 acties, 2 besluiten en 0 data" in out
    embedded = sorted((EMBEDDED / "acties").rglob("KVDJ-*.md"), key=lambda p: p.name)
    imported = {p.name: p for p in (repo / "data" / "acties").rglob("KVDJ-*.md")}
    assert sorted(imported) == [p.name for p in embedded]
    matched = total = 0
    for path in embedded:
        want, got = record(path), record(imported[path.name])
        assert imported[path.name].parent.name == path.parent.name  # open / afgerond
        for key in FIELDS:
            assert got.get(key) == want.get(key), (path.name, key)
        for key in (*FIELDS, *MORE):
            total += 1
            matched += got.get(key) == want.get(key)
    # every field but 'actielijn' (which the embedded data links by hand) is carried over
    assert matched == total, f"{matched}/{total}"
    print(f"velden gelijk aan de ingebedde gegevens: {matched}/{total}")
    for meeting in ("ot-kvdj-2025-11-25", "ot-kvdj-2025-09-25"):
        want_meeting = yaml.safe_load((EMBEDDED / "meetings" / "2025" / f"{meeting}.md")
                                      .read_text(encoding="utf-8").split("---")[1])  # fmt: skip
        got_meeting = yaml.safe_load((repo / "data" / "meetings" / "2025" / f"{meeting}.md")
                                     .read_text(encoding="utf-8").split("---")[1])  # fmt: skip
        for want_d, got_d in zip(want_meeting["besluiten"], got_meeting["besluiten"], strict=True):
            want_d.pop("actielijn", None)
            assert got_d == want_d
    code, out = run("validate", "--data", repo)
    assert code == 0, out


def test_closed_actions_carry_the_lists_date_and_say_so(repo: Path) -> None:
    run("import-actions", SEED, "--team", "ot-kvdj", "--datum", "2025-11-25", "--data", repo)
    text = (repo / "data" / "acties" / "afgerond" / "KVDJ-010.md").read_text(encoding="utf-8")
    assert (
        "# afgerond_op: datum van de actielijst; de bron noemt geen sluitdatum\n"
        "afgerond_op: 2025-11-25\nafgerond_in: ot-kvdj-2025-11-25\n"
    ) in text


def test_reimport_adds_nothing(repo: Path) -> None:
    args = ("import-actions", SEED, "--team", "ot-kvdj", "--datum", "2025-11-25", "--data", repo)
    assert run(*args)[0] == 0
    before = snapshot(repo)
    code, out = run(*args)
    assert code == 0, out
    assert "niets nieuw: 43 acties, 2 besluiten en 0 data stonden er al" in out
    assert snapshot(repo) == before


def test_meeting_edit_is_a_minimal_diff(repo: Path) -> None:
    code, out = run("importeer-acties", SEED, "--team", "OT KvdJ", "--datum", "25-11-2025",
                    "--data", repo)  # fmt: skip
    assert code == 0, out
    diff = git(repo, "diff", "-U0", "--", "data/meetings/2025/ot-kvdj-2025-11-25.md")
    changed = [ln for ln in diff.splitlines() if ln[:1] in "+-" and ln[:3] not in ("+++", "---")]
    assert changed == [
        "+besluiten:",
        "+  - id: ot-kvdj-2025-11-25-b1",
        "+    tekst: opleiden onder schooltijd",
        "+    herkomst: 25/11",
        "+    domein: kvdj",
        "+    wie: Alle aanwezigen",
        "+    toelichting: Ingestemd met financiële bijdrage voor projectleiding en onderzoek.",
        "+    actielijst: open",
        "+    volgorde: 20",
    ]


def test_header_date_typo_is_refused_with_the_likely_date(repo: Path) -> None:
    before = snapshot(repo)
    code, out = run("import-actions", SEED, "--team", "ot-kvdj", "--data", repo)
    assert code == 1
    assert "actielijst-ot-kvdj-2025-11-25.txt:5: de datum in de kop ('25-10-25'" in out
    assert "voorvoegsel '25/11' (regel 17)" in out
    assert "--datum 2025-11-25" in out
    assert snapshot(repo) == before


def test_dry_run_shows_ids_and_files_and_writes_nothing(repo: Path) -> None:
    before = snapshot(repo)
    code, out = run("import-actions", SEED, "--team", "ot-kvdj", "--datum", "2025-11-25",
                    "--dry-run", "--data", repo)  # fmt: skip
    assert code == 0, out
    assert "KVDJ-001" in out and "data/acties/open/KVDJ-001.md" in out
    assert "data/acties/afgerond/KVDJ-043.md" in out
    assert "ot-kvdj-2025-09-25-b1" in out
    assert "actielijst-ot-kvdj-2025-11-25.txt:17" in out
    assert "proefdraai (--dry-run): er is niets geschreven" in out
    assert snapshot(repo) == before


def test_missing_meetings_are_created_minimal_never_overwritten(repo: Path) -> None:
    for meeting in (repo / "data" / "meetings").rglob("ot-kvdj-*.md"):
        meeting.unlink()
    code, out = run("import-actions", SEED, "--team", "ot-kvdj", "--datum", "2025-11-25",
                    "--data", repo)  # fmt: skip
    assert code == 0, out
    assert "2 nieuwe vergaderingen" in out
    own = (repo / "data" / "meetings" / "2025" / "ot-kvdj-2025-11-25.md").read_text("utf-8")
    assert "secretaris: raymond-pinas\n" in own and "notulen_status: concept\n" in own
    assert yaml.safe_load(own.split("---")[1])["locatie"] == (
        "Bestuurskantoor STWT, Anderlechtlaan 175; 1066 HM Amsterdam"
    )
    earlier = (repo / "data" / "meetings" / "2025" / "ot-kvdj-2025-09-25.md").read_text("utf-8")
    assert "datum: 2025-09-25\nnotulen_status: concept\n" in earlier
    assert 'voorvoegsel "25/9"' in earlier and "ot-kvdj-2025-09-25-b1" in earlier
    assert run("validate", "--data", repo)[0] == 0


# --- bad input --------------------------------------------------------------------------------


def test_unknown_team(repo: Path) -> None:
    before = snapshot(repo)
    code, out = run("import-actions", SEED, "--team", "ot-kvj", "--datum", "2025-11-25",
                    "--data", repo)  # fmt: skip
    assert code == 1
    assert "fout: onbekend team 'ot-kvj'; bedoelde u 'ot-kvdj'" in out
    assert snapshot(repo) == before


def test_no_date(repo: Path, tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8").replace("Datum\t\t25-10-25\n", "")
    source = tmp_path / "lijst.txt"
    source.write_text(text, encoding="utf-8")
    before = snapshot(repo)
    code, out = run("import-actions", source, "--team", "ot-kvdj", "--data", repo)
    assert code == 1
    assert "lijst.txt: geen datum gevonden; geef --datum" in out
    assert snapshot(repo) == before


def test_unknown_and_ambiguous_names_write_nothing(repo: Path, tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    text = text.replace(
        "\tKorine/Raymond\n\tOktober 2025", "\tKorine/Priscilla Vos\n\tOktober 2025"
    )
    text = text.replace("\tTjalling\n\t2025\n", "\tTjalling/SPM\n\t2025\n")
    source = tmp_path / "lijst.txt"
    source.write_text(text, encoding="utf-8")
    before = snapshot(repo)
    code, out = run("import-actions", source, "--team", "ot-kvdj", "--datum", "2025-11-25",
                    "--data", repo)  # fmt: skip
    assert code == 1
    assert "2 namen in Wie niet te herleiden; er is niets geschreven" in out
    assert "lijst.txt:117: fout: onbekende naam 'Priscilla Vos'" in out
    assert "  - id: priscilla-vos\n    naam: Priscilla Vos\n    openbaar: false" in out
    assert "lijst.txt:87: fout: niet eenduidige naam 'SPM' in Wie 'Tjalling/SPM'" in out
    assert "raymond-pinas" in out and "tom-snelting" in out
    assert snapshot(repo) == before


def test_not_an_action_list(repo: Path) -> None:
    before = snapshot(repo)
    code, out = run("import-actions", MINUTES, "--team", "ab", "--datum", "2023-04-21",
                    "--data", repo)  # fmt: skip
    assert code == 1
    assert "ab-notulen-2023.txt is geen actielijst" in out
    assert snapshot(repo) == before


def test_embedded_data_is_refused(tmp_path: Path) -> None:
    code, out = run("import-actions", SEED, "--team", "ot-kvdj", "--datum", "2025-11-25")
    assert code == 1
    assert "er is geen gegevensmap gekozen" in out or "alleen-lezen" in out


# --- another team, another year ---------------------------------------------------------------

AB_LIST = """\
Actielijst Alliantiebestuur

Secretaris\tProcesmanager
Datum\t15 januari 2026

Algemeen

\tWat
\tWie
\tWanneer
\tToelichting

\t15/1 Kaders voor de jaarrapportage opstellen
\tFemke/Programmabureau
\tMaart 2026
\tDe kaders volgen het Jaarbeeld.
· eerst de domeinen
· dan de cijfers

\t11/12 besluit: Werkwijze AB vastgesteld
\tAlle aanwezigen
\t
\t

\tBesluit: zonder vergadering
\t
\t
\t

\t
\tHans
\tz.s.m.
\tEen rij zonder wat

Werkgroep 7 - Onbekende groep

\tWat
\tWie
\tWanneer

\t11/12 Verkenning buurtbudget
\tHans Krikke
\tQ1 2026

Afgeronde acties en besluiten

Algemeen

\tWat
\tWie
\tWanneer
\tToelichting

\t11/12 Uitnodiging versturen
\tSjoukje
\tDecember
\tVerstuurd.

Belangrijke data

\tDatum
\tWat
\tWaar
\tToelichting

\t12 februari 2026
\tVMBO On Stage
\tNieuw-West
\t

\t5-3-2026
\tWerkbezoek
\t
\tMet de minister
"""


@pytest.fixture
def ab_list(tmp_path: Path) -> Path:
    path = tmp_path / "actielijst-ab.txt"
    path.write_text(AB_LIST, encoding="utf-8")
    return path


def test_another_team_and_year(repo: Path, ab_list: Path) -> None:
    code, out = run("import-actions", ab_list, "--team", "ab", "--data", repo)
    assert code == 0, out
    assert "3 nieuwe acties (AB-036 t/m AB-038), 1 besluit, 2 belangrijke data" in out
    data = repo / "data"
    first = record(data / "acties" / "open" / "AB-036.md")
    assert first["vergadering"] == "ab-2026-01-15" and first["herkomst"] == "15/1"
    assert first["betrokkenen"] == "['femke-halsema', 'programmateam']"
    assert first["body"] == (
        "De kaders volgen het Jaarbeeld.\n- eerst de domeinen\n- dan de cijfers"
    )
    # "11/12" on a list of January 2026 is December 2025
    assert record(data / "acties" / "open" / "AB-037.md")["vergadering"] == "ab-2025-12-11"
    closed = record(data / "acties" / "afgerond" / "AB-038.md")
    assert (closed["status"], closed["afgerond_op"], closed["afgerond_in"]) == (
        "afgerond", "2026-01-15", "ab-2026-01-15",
    )  # fmt: skip
    december = (data / "meetings" / "2025" / "ab-2025-12-11.md").read_text(encoding="utf-8")
    assert "  - id: ab-2025-12-11-b1\n    tekst: Werkwijze AB vastgesteld\n" in december
    assert "actielijst-ab.txt:25: besluit zonder voorvoegsel" in out
    assert "actielijst-ab.txt:30: rij zonder 'wat'" in out
    assert "sectie 'Werkgroep 7 - Onbekende groep' is geen werkgroep van ab" in out
    dates = (data / "belangrijke-data.yaml").read_text(encoding="utf-8")
    assert dates.startswith("# Belangrijke data van het OT Kansen voor de Jeugd")
    assert "[]" not in dates
    assert dates.endswith(
        "- datum: 2026-02-12\n  wat: VMBO On Stage\n  waar: Nieuw-West\n  team: ab\n"
        "- datum: 2026-03-05\n  wat: Werkbezoek\n  toelichting: Met de minister\n  team: ab\n"
    )
    assert run("validate", "--data", repo)[0] == 0
    before = snapshot(repo)
    code, out = run("import-actions", ab_list, "--team", "ab", "--data", repo)
    assert code == 0, out
    assert "niets nieuw: 3 acties, 1 besluit en 2 data stonden er al" in out
    assert snapshot(repo) == before


def test_a_newer_list_closes_what_it_lists_as_done(repo: Path, ab_list: Path) -> None:
    assert run("import-actions", ab_list, "--team", "ab", "--data", repo)[0] == 0
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "lijst van januari")
    newer = AB_LIST.replace("15 januari 2026", "12 februari 2026")
    block = (
        "\t15/1 Kaders voor de jaarrapportage opstellen\n\tFemke/Programmabureau\n"
        "\tMaart 2026\n\tDe kaders volgen het Jaarbeeld.\n· eerst de domeinen\n"
        "· dan de cijfers\n\n"
    )
    assert block in newer
    newer = newer.replace(block, "").replace(
        "\t11/12 Uitnodiging versturen", block + "\t11/12 Uitnodiging versturen"
    )
    ab_list.write_text(newer, encoding="utf-8")
    code, out = run("import-actions", ab_list, "--team", "ab", "--data", repo)
    assert code == 0, out
    assert "1 actie afgerond" in out
    assert not (repo / "data" / "acties" / "open" / "AB-036.md").exists()
    git(repo, "add", "-A")
    diff = git(repo, "diff", "--cached", "-M", "-U0", "--", "data/acties")
    changed = [ln for ln in diff.splitlines() if ln[:1] in "+-" and ln[:3] not in ("+++", "---")]
    assert changed == [
        "-status: open",
        "+status: afgerond",
        "+# afgerond_op: datum van de actielijst; de bron noemt geen sluitdatum",
        "+afgerond_op: 2026-02-12",
        "+afgerond_in: ab-2026-02-12",
    ]
    assert run("validate", "--data", repo)[0] == 0


# --- Word -------------------------------------------------------------------------------------


def _reader_keeps_empty_cells(tmp_path: Path) -> bool:
    from samennw.importing.readers import read_source

    build_docx = pytest.importorskip("tests.importing.make_fixtures").build_docx

    probe = tmp_path / "probe.docx"
    build_docx(["\tWat", "\tWie", "\tWanneer", "", "\tx", "\t", "\ty", ""], probe)
    return "\t" in read_source(probe).lines


def _one_row_per_block(lines: list[str]) -> list[str]:
    """The list again, each table row one block of lines (what build_docx turns into one
    Word table row): Word's text export has blank lines inside some cells."""
    parsed = parse_action_list(lines)
    out = [parsed.title.value if parsed.title else "", ""]
    out += [f"{key.capitalize()}\t{v.value}" for key, v in parsed.header.items()]
    part = Part.OPEN
    for section in parsed.sections:
        if section.part is Part.CLOSED and part is Part.OPEN:
            out += ["", "Afgeronde acties en besluiten"]
            part = Part.CLOSED
        out += ["", f"\t{section.title}", ""]
        if section.kind is TableKind.DATES:
            out += ["\tDatum", "\tWat", "\tWaar", "\tToelichting", ""]
            continue
        out += ["\tWat - actie", "\tWie - Betrokkenen", "\tWanneer", "\tToelichting", ""]
        for row in (r for r in parsed.rows if r.section is section):
            first, *rest = [p for p in row.toelichting.split("\n") if p.strip()] or [""]
            out += [f"\t{row.raw_wat}", f"\t{row.wie}", f"\t{row.wanneer}", f"\t{first}"]
            out += [*rest, ""]
    return out


def test_docx_list(repo: Path, tmp_path: Path) -> None:
    if not _reader_keeps_empty_cells(tmp_path):
        pytest.xfail("readers.py trims an empty table cell ('\\t') away; see the report")
    from tests.importing.make_fixtures import build_docx

    source = tmp_path / "actielijst.docx"
    build_docx(_one_row_per_block(SEED.read_text(encoding="utf-8").splitlines()), source)
    code, out = run("import-actions", source, "--team", "ot-kvdj", "--datum", "2025-11-25",
                    "--data", repo)  # fmt: skip
    assert code == 0, out
    assert "43 nieuwe acties (KVDJ-001 t/m KVDJ-043), 2 besluiten" in out
    for path in sorted((EMBEDDED / "acties").rglob("KVDJ-*.md")):
        got = record(next((repo / "data" / "acties").rglob(path.name)))
        want = record(path)
        assert [got.get(k) for k in FIELDS] == [want.get(k) for k in FIELDS], path.name
    assert run("validate", "--data", repo)[0] == 0


def test_kinds_of_tables_are_told_apart() -> None:
    parsed = parse_action_list(AB_LIST.splitlines())
    kinds = [(s.title, s.kind, s.part) for s in parsed.sections]
    assert kinds == [
        ("Algemeen", TableKind.ACTIONS, Part.OPEN),
        ("Werkgroep 7 - Onbekende groep", TableKind.ACTIONS, Part.OPEN),
        ("Algemeen", TableKind.ACTIONS, Part.CLOSED),
        ("Belangrijke data", TableKind.DATES, Part.OPEN),
    ]
    assert [(d.datum, d.wat, d.waar) for d in parsed.dates] == [
        ("12 februari 2026", "VMBO On Stage", "Nieuw-West"),
        ("5-3-2026", "Werkbezoek", ""),
    ]
