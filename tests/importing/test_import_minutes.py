"""import-minutes and extract, end to end through the CLI on temporary git repositories.

The fidelity tests import seed 001 (the AB minutes of 21 April, 24 May and 4 July 2023)
into a copy of the embedded data set without those meetings and their actions, and
compare the result with the embedded data set: the faithful conversion of the same
document.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from samennw.cli.app import app
from tests.conftest import needs_tool
from tests.importing.make_fixtures import build_docx, build_pdf

HERE = Path(__file__).parent
SEED = HERE / "data" / "ab-notulen-2023.txt"
EMBEDDED = Path(__file__).resolve().parents[2] / "data"
AB_MEETINGS = ("ab-2023-04-21", "ab-2023-05-24", "ab-2023-07-04")
OFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout + result.stderr


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted((root / "data").rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The embedded data without the AB meetings and actions, in its own git repo."""
    root = tmp_path / "repo"
    shutil.copytree(EMBEDDED, root / "data")
    for meeting in AB_MEETINGS:
        (root / "data" / "meetings" / "2023" / f"{meeting}.md").unlink()
    for action in (root / "data" / "acties").rglob("AB-*.md"):
        action.unlink()
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@x", "commit", "-qm", "init"],
        cwd=root,
        check=True,
    )
    return root


def embedded_actions() -> list[dict]:
    return [front_matter(p) for p in sorted((EMBEDDED / "acties").rglob("AB-*.md"))]


def fold(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def check_fidelity(root: Path, output: str) -> None:
    """Every agenda item, decision and action of the embedded AB minutes is there."""
    meetings = root / "data" / "meetings" / "2023"
    imported_markers: list[tuple[str, str]] = []  # (meeting, who) of every action marker
    for meeting in AB_MEETINGS:
        got = front_matter(meetings / f"{meeting}.md")
        want = front_matter(EMBEDDED / "meetings" / "2023" / f"{meeting}.md")
        assert [(a["nr"], a["titel"]) for a in got["agenda"]] == [
            (a["nr"], a["titel"]) for a in want["agenda"]
        ]
        assert sorted(d["agendapunt"] for d in got["besluiten"]) == sorted(
            d["agendapunt"] for d in want["besluiten"]
        )
        present = {a if isinstance(a, str) else a["persoon"] for a in got["aanwezig"]}
        wanted = {a if isinstance(a, str) else a["persoon"] for a in want["aanwezig"]}
        assert len(present & wanted) >= len(wanted) - 1  # one curated addition (04-07)
        body = (meetings / f"{meeting}.md").read_text(encoding="utf-8")
        for m in re.finditer(r"\*\*\s*[Aa]ctie(?:\s+[A-Z]+-\d{3})?\s*[–:-]?\s*([^*]*)\*\*", body):
            imported_markers.append((meeting, fold(m.group(1).split(";")[0])))
    for action in embedded_actions():
        who = fold(action["wie"])
        assert any(
            meeting == action["vergadering"] and (who in w or w in who)
            for meeting, w in imported_markers
        ), action["id"]
    assert len(imported_markers) == len(embedded_actions())
    carried = re.search(r"tekst overgenomen: (\d+)%", output)
    assert carried is not None and int(carried.group(1)) >= 90


def test_seed_minutes_as_text_become_the_embedded_meetings(repo: Path) -> None:
    code, out = run("import-minutes", str(SEED), "--team", "ab", "--data", str(repo))
    assert code == 0, out
    assert "3 vergaderingen geïmporteerd" in out
    check_fidelity(repo, out)
    actions = sorted((repo / "data" / "acties" / "open").glob("AB-*.md"))
    assert len(actions) == 32  # three markers name nobody partners.yaml knows: reported
    first = front_matter(actions[0])
    assert first["wat"] == "De contactgegevens worden gedeeld"
    assert first["betrokkenen"] == ["programmateam"]
    assert (first["vergadering"], first["agendapunt"]) == ("ab-2023-04-21", 2)
    assert out.count("niet verwerkt") >= 3
    # the markers left are what validate reports, with the line: CI catches them
    code, out = run("validate", "--data", str(repo))
    assert code == 1
    assert "ab-2023-07-04.md:" in out and "nog niet verwerkt" in out


@pytest.fixture(scope="module")
def seed_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docx") / "ab-notulen-2023.docx"
    build_docx(SEED.read_text(encoding="utf-8").split("\n"), out)
    return out


def test_seed_minutes_as_word_become_the_embedded_meetings(repo: Path, seed_docx: Path) -> None:
    code, out = run("importeer-notulen", str(seed_docx), "--team", "ab", "--data", str(repo))
    assert code == 0, out
    check_fidelity(repo, out)


@needs_tool(OFFICE, "LibreOffice (soffice)")
def test_seed_minutes_as_pdf_become_the_embedded_meetings(
    repo: Path, seed_docx: Path, tmp_path: Path
) -> None:
    pdf = tmp_path / "ab-notulen-2023.pdf"
    build_pdf(seed_docx, pdf)
    code, out = run("import-minutes", str(pdf), "--team", "ab", "--data", str(repo))
    assert code == 0, out
    for meeting in AB_MEETINGS:
        got = front_matter(repo / "data" / "meetings" / "2023" / f"{meeting}.md")
        want = front_matter(EMBEDDED / "meetings" / "2023" / f"{meeting}.md")
        assert [a["titel"] for a in got["agenda"]] == [a["titel"] for a in want["agenda"]]
        assert len(got["besluiten"]) == len(want["besluiten"])
    # the PDF's line wrapping is undone: a long paragraph is one line again
    body = (repo / "data" / "meetings" / "2023" / "ab-2023-04-21.md").read_text()
    assert any(
        line.startswith("Samir licht het stuk toe.") and line.endswith("indien noodzakelijk.")
        for line in body.split("\n")
    )


def test_rendered_word_minutes_import_back_to_the_same_meeting(repo: Path, tmp_path: Path) -> None:
    assert run("import-minutes", str(SEED), "--team", "ab", "--data", str(repo))[0] == 0
    meeting = repo / "data" / "meetings" / "2023" / "ab-2023-05-24.md"
    word = tmp_path / "notulen.docx"
    code, out = run("render", "notulen", "ab-2023-05-24", "-o", str(word), "--data", str(repo))
    assert code == 0, out
    before = meeting.read_bytes()
    meeting.unlink()
    code, out = run("import-minutes", str(word), "--team", "ab", "--data", str(repo))
    assert code == 0, out
    assert meeting.read_bytes() == before


def test_an_existing_meeting_is_never_overwritten(repo: Path) -> None:
    assert run("import-minutes", str(SEED), "--team", "ab", "--data", str(repo))[0] == 0
    before = snapshot(repo)
    code, out = run("import-minutes", str(SEED), "--team", "ab", "--data", str(repo))
    assert code == 1
    assert "vergadering ab-2023-04-21 bestaat al; er is niets geschreven" in out
    assert snapshot(repo) == before


def test_unknown_people_get_a_partners_block_and_nothing_is_written(
    repo: Path, tmp_path: Path
) -> None:
    text = SEED.read_text(encoding="utf-8").replace(
        "Anne Wilbers , Bestuurder", "Jan Jansen , Bestuurder", 1
    )
    source = tmp_path / "notulen.txt"
    source.write_text(text, encoding="utf-8")
    before = snapshot(repo)
    code, out = run("import-minutes", str(source), "--team", "ab", "--data", str(repo))
    assert code == 1
    assert "niet in partners.yaml" in out and "er is niets geschreven" in out
    assert "  - id: jan-jansen\n    naam: Jan Jansen\n    functie: Bestuurder Stadgenoot" in out
    assert "openbaar: false" in out
    assert f"{source}:7" in out  # where the document names him
    assert snapshot(repo) == before


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("leeg.txt", b"", "bestand is leeg"),
        ("notulen.rtf", b"{\\rtf1}", "onbekend soort bestand '.rtf'"),
        ("kapot.docx", b"dit is geen zip", "is geen Word-document"),
        ("kapot.pdf", b"%PDF-1.4 rommel", "is geen (leesbare) PDF"),
        ("nul.txt", b"1. Opening\x00", "NUL"),
        ("geen-notulen.txt", b"Een brief zonder agendapunten.\n", "geen genummerde agendapunten"),
        ("zonder-datum.txt", b"Notulen\n\n1. Opening\n\nTekst.\n", "geen datum gevonden"),
    ],
)
def test_bad_documents_are_refused_in_dutch(
    repo: Path, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    before = snapshot(repo)
    code, out = run("import-minutes", str(source), "--team", "ab", "--data", str(repo))
    assert code == 1, out
    assert message in out
    assert snapshot(repo) == before


def test_without_a_date_the_datum_option_gives_it(repo: Path, tmp_path: Path) -> None:
    source = tmp_path / "zonder-datum.txt"
    source.write_text("Notulen\n\n1. Opening\n\nDe voorzitter opent.\n", encoding="utf-8")
    code, out = run(
        "import-minutes",
        str(source),
        "--team",
        "ab",
        "--datum",
        "2024-02-29",
        "--data",
        str(repo),
    )
    assert code == 0, out
    meeting = front_matter(repo / "data" / "meetings" / "2024" / "ab-2024-02-29.md")
    assert meeting["agenda"] == [{"nr": 1, "titel": "Opening"}]


def test_an_unknown_team_is_refused(repo: Path) -> None:
    code, out = run("import-minutes", str(SEED), "--team", "ab-x", "--data", str(repo))
    assert code == 1
    assert "onbekend team 'ab-x'" in out


def pdf_fixture(tmp_path: Path, *, encrypt: bool) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if encrypt:
        writer.encrypt("geheim")
    out = tmp_path / ("versleuteld.pdf" if encrypt else "scan.pdf")
    with out.open("wb") as handle:
        writer.write(handle)
    return out


@pytest.mark.parametrize(
    ("encrypt", "message"),
    [(True, "PDF is versleuteld"), (False, "geen tekstlaag (een scan?); OCR nodig")],
)
def test_encrypted_and_scanned_pdfs_are_refused(
    repo: Path, tmp_path: Path, encrypt: bool, message: str
) -> None:
    source = pdf_fixture(tmp_path, encrypt=encrypt)
    code, out = run("import-minutes", str(source), "--team", "ab", "--data", str(repo))
    assert code == 1
    assert message in out


def test_a_file_over_the_limit_is_refused_unread(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from samennw.importing import readers

    monkeypatch.setattr(readers, "MAX_IMPORT_BYTES", 10)
    code, out = run("import-minutes", str(SEED), "--team", "ab", "--data", str(repo))
    assert code == 1
    assert "bestand is te groot" in out


# --- extract ----------------------------------------------------------------------------


@pytest.fixture
def minutes(repo: Path) -> Path:
    """An imported meeting, with one new action and one new decision marker added."""
    assert run("import-minutes", str(SEED), "--team", "ab", "--data", str(repo))[0] == 0
    path = repo / "data" / "meetings" / "2023" / "ab-2023-04-21.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "## 4. Voorstellen uit de opgaveteams\n",
        "## 4. Voorstellen uit de opgaveteams\n\n"
        "Het programmateam zet de planning rond (**Actie Sjoukje Alta; juni 2023**).\n\n"
        "**Besluit:** Het AB stemt in met de planning.\n",
    )
    path.write_text(text, encoding="utf-8")
    return path


def test_extract_turns_markers_into_records_and_writes_the_ids_back(
    repo: Path, minutes: Path
) -> None:
    code, out = run("verwerk", "ab-2023-04-21", "--data", str(repo))
    assert code == 0, out
    assert "Verwerkt in ab-2023-04-21: 1 actie (AB-033) en 1 besluit (ab-2023-04-21-b4)" in out
    text = minutes.read_text(encoding="utf-8")
    assert "(**Actie AB-033 – Sjoukje Alta; juni 2023**)" in text
    assert "**Besluit ab-2023-04-21-b4:** Het AB stemt in met de planning." in text
    decisions = front_matter(minutes)["besluiten"]
    assert decisions[-1] == {
        "id": "ab-2023-04-21-b4",
        "tekst": "Het AB stemt in met de planning.",
        "agendapunt": 4,
    }
    action = front_matter(repo / "data" / "acties" / "open" / "AB-033.md")
    assert action["wat"] == "Het programmateam zet de planning rond"
    assert (action["wie"], action["betrokkenen"]) == ("Sjoukje Alta", ["sjoukje-alta"])
    assert (action["wanneer"], action["agendapunt"]) == ("juni 2023", 4)
    assert action["vergadering"] == "ab-2023-04-21"
    before = snapshot(repo)
    code, out = run("extract", "ab-2023-04-21", "--data", str(repo))
    assert code == 0
    assert "Niets te verwerken in ab-2023-04-21" in out
    assert snapshot(repo) == before


def test_extract_dry_run_writes_nothing(repo: Path, minutes: Path) -> None:
    before = snapshot(repo)
    code, out = run("extract", "ab-2023-04-21", "--dry-run", "--data", str(repo))
    assert code == 0, out
    assert "zou schrijven: data/acties/open/AB-033.md" in out
    assert "er is niets geschreven" in out
    assert snapshot(repo) == before


@pytest.mark.parametrize(
    ("marker", "message"),
    [
        ("**Actie Kees; juni 2023**", "onbekende naam 'Kees'"),
        ("**Actie Sjoukje Alta; ooit eens**", "onduidelijke datum 'ooit eens'"),
        ("**Actie Wie Dan Ook**", "onbekende naam 'Wie Dan Ook'"),
    ],
)
def test_a_bad_marker_refuses_the_run_with_file_and_line(
    repo: Path, minutes: Path, marker: str, message: str
) -> None:
    text = minutes.read_text(encoding="utf-8").replace("**Actie Sjoukje Alta; juni 2023**", marker)
    minutes.write_text(text, encoding="utf-8")
    line = next(n for n, t in enumerate(text.split("\n"), 1) if marker in t)
    before = snapshot(repo)
    code, out = run("extract", "ab-2023-04-21", "--data", str(repo))
    assert code == 1
    assert f"data/meetings/2023/ab-2023-04-21.md:{line}: fout: {message}" in out
    assert "er is niets geschreven" in out
    assert snapshot(repo) == before


def test_validate_reports_a_marker_not_yet_extracted(repo: Path, minutes: Path) -> None:
    text = minutes.read_text(encoding="utf-8")
    line = next(n for n, t in enumerate(text.split("\n"), 1) if "**Besluit:** Het AB" in t)
    code, out = run("validate", "--data", str(repo))
    assert code == 1
    assert (
        f"ab-2023-04-21.md:{line}: fout: markering van een besluit is nog niet verwerkt: "
        "draai 'samennw verwerk ab-2023-04-21'"
    ) in out


MARKDOWN_MINUTES = """\
# Verslag Alliantiebestuur 12 maart 2024

Aanwezig: Femke Halsema, Burgemeester; Samir Bashara, Programmadirecteur
Afwezig met bericht: Emre Ünver
Van: Burgemeester
Datum: dinsdag 12 maart 2024, 16:00 - 17:30
Locatie: Stopera

## 1. Opening

De voorzitter opent de vergadering.

## 2. Planning

Het programmateam stuurt de planning rond (Actie Samir Bashara).

Genomen besluiten:

- Het AB stelt de planning 2024 vast.
"""


def test_markdown_minutes_with_plain_action_lines(repo: Path, tmp_path: Path) -> None:
    source = tmp_path / "verslag.md"
    source.write_text(MARKDOWN_MINUTES, encoding="utf-8")
    code, out = run("import-minutes", str(source), "--team", "ab", "--data", str(repo))
    assert code == 0, out
    path = repo / "data" / "meetings" / "2024" / "ab-2024-03-12.md"
    meeting = front_matter(path)
    assert meeting["titel"] == "Verslag Alliantiebestuur 12 maart 2024"
    assert (meeting["begin"], meeting["eind"], meeting["locatie"]) == ("16:00", "17:30", "Stopera")
    assert (meeting["voorzitter"], meeting["aanwezig"]) == (
        "femke-halsema",
        ["femke-halsema", "samir-bashara"],
    )
    assert meeting["afwezig_met_bericht"] == ["emre-unver"]
    assert meeting["besluiten"] == [
        {"id": "ab-2024-03-12-b1", "tekst": "Het AB stelt de planning 2024 vast.", "agendapunt": 2}
    ]
    body = path.read_text(encoding="utf-8")
    assert "(**Actie AB-001 – Samir Bashara**)" in body
    assert "- **Besluit ab-2024-03-12-b1:** Het AB stelt de planning 2024 vast." in body
    action = front_matter(repo / "data" / "acties" / "open" / "AB-001.md")
    assert (action["wat"], action["betrokkenen"]) == (
        "Het programmateam stuurt de planning rond",
        ["samir-bashara"],
    )
    code, out = run("validate", "--data", str(repo))
    assert code == 0, out


def test_a_samennw_meeting_file_is_not_imported(repo: Path, tmp_path: Path) -> None:
    source = tmp_path / "ab-2023-04-21.md"
    shutil.copy(EMBEDDED / "meetings" / "2023" / "ab-2023-04-21.md", source)
    code, out = run("import-minutes", str(source), "--team", "ab", "--data", str(repo))
    assert code == 1
    assert "dit is al een vergaderbestand van samennw" in out


def test_import_dry_run_writes_nothing(repo: Path) -> None:
    before = snapshot(repo)
    code, out = run("import-minutes", str(SEED), "--team", "ab", "--dry-run", "--data", str(repo))
    assert code == 0, out
    assert "zou schrijven: data/meetings/2023/ab-2023-07-04.md" in out
    assert "zou schrijven: data/acties/open/AB-032.md" in out
    assert "proefdraai (--dry-run): er is niets geschreven" in out
    assert "tekst overgenomen:" in out
    assert snapshot(repo) == before


PLAIN_MINUTES = """\
Verslag OT Kansen voor de Jeugd

Datum: 12 februari 2026
Aanwezig: Tjalling, Sofie en Maartje
Notulist: Raymond Pinas

1. Opening

Actie: Raymond past de actielijst aan, uiterlijk 1 maart 2026.

Actie Sofie: jongeren uitnodigen voor het panel.

- Actie rondom de stadsdeelcommissie: heeft de aandacht van Tjalling.

Besluit: Het OT stemt in met het plan.

Maartje neemt contact op met het OKT (Actie Maartje).

Vooraf: **Actie Tjalling** zaal reserveren.
"""


def test_plain_action_and_decision_lines_of_a_text_document(repo: Path, tmp_path: Path) -> None:
    source = tmp_path / "verslag.txt"
    source.write_text(PLAIN_MINUTES, encoding="utf-8")
    code, out = run("import-minutes", str(source), "--team", "ot-kvdj", "--data", str(repo))
    assert code == 0, out
    path = repo / "data" / "meetings" / "2026" / "ot-kvdj-2026-02-12.md"
    meeting = front_matter(path)
    assert (meeting["secretaris"], meeting["aanwezig"]) == (
        "raymond-pinas",
        ["tjalling", "sofie", "maartje"],
    )
    body = path.read_text(encoding="utf-8")
    assert "**Actie KVDJ-044 – Raymond; 1 maart 2026:** Raymond past de actielijst aan." in body
    assert "**Actie KVDJ-045 – Sofie:** jongeren uitnodigen voor het panel." in body
    # an update of an older action ("Actie rondom …: …") is no new action
    assert "- Actie rondom de stadsdeelcommissie: heeft de aandacht van Tjalling." in body
    assert "**Besluit ot-kvdj-2026-02-12-b1:** Het OT stemt in met het plan." in body
    assert "(**Actie KVDJ-046 – Maartje**)" in body
    action = front_matter(repo / "data" / "acties" / "open" / "KVDJ-044.md")
    assert (action["wie"], action["wanneer"]) == ("Raymond", "1 maart 2026")
    maartje = (repo / "data" / "acties" / "open" / "KVDJ-046.md").read_text(encoding="utf-8")
    assert maartje.endswith("---\n")  # the paragraph says no more than 'wat': no toelichting
    # the marker in mid-sentence is left, reported at the line validate gives
    line = next(n for n, t in enumerate(body.split("\n"), 1) if "Vooraf:" in t)
    where = f"data/meetings/2026/ot-kvdj-2026-02-12.md:{line}"
    assert f"{where}: fout: actie '**Actie Tjalling**' staat midden in een zin" in out
    code, out = run("validate", "--data", str(repo))
    assert code == 1
    assert f"{where}: fout: markering van een actie is nog niet verwerkt" in out


def test_a_decision_marker_without_its_entry_is_named_and_extract_puts_it_back(
    repo: Path, minutes: Path
) -> None:
    text = minutes.read_text(encoding="utf-8").replace(
        "**Besluit:** Het AB stemt in met de planning.",
        "**Besluit ab-2023-04-21-b9:** Het AB stemt in met de planning.",
    )
    minutes.write_text(text, encoding="utf-8")
    line = next(n for n, t in enumerate(text.split("\n"), 1) if "-b9:**" in t)
    code, out = run("validate", "--data", str(repo))
    assert code == 1
    assert (
        f"ab-2023-04-21.md:{line}: fout: markering noemt besluit 'ab-2023-04-21-b9', maar dat "
        "staat niet onder 'besluiten' van deze vergadering"
    ) in out
    assert run("verwerk", "ab-2023-04-21", "--data", str(repo))[0] == 0
    restored = front_matter(minutes)["besluiten"][-1]
    assert restored == {
        "id": "ab-2023-04-21-b9",
        "tekst": "Het AB stemt in met de planning.",
        "agendapunt": 4,
    }
    assert "markering noemt besluit" not in run("validate", "--data", str(repo))[1]
