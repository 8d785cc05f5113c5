"""Confidential agenda items, decisions, actions and attachments (issue #14, point 2).

A public version shows a confidential item's number (or id) and Woo ground, never its
title or text; an internal version shows everything with a visible marker. A non-public
attachment is neither named nor linked in public output.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from tests.conftest import ACTION, PARTNERS, build_file_tree, run

MEETING_ID = "ot-kvdj-2025-11-25"
SECRET_TITLE = "grondaankoop aan de veldweg"
SECRET_TEXT = "de koopsom blijft onder het plafond"
SECRET_DECISION = "bieding op perceel zeventien goedgekeurd"
SECRET_ACTION = "taxatie perceel zeventien laten doen"
SECRET_ATTACHMENT = "taxatierapport perceel zeventien"
SECRET_FILE = "stukken/taxatie-17.pdf"
OPEN_ATTACHMENT = "Jaarplan jeugd"

MEETING = f"""\
---
id: {MEETING_ID}
team: ot-kvdj
datum: 2025-11-25
aanwezig: [tjalling]
bijlagen:
  - Notulen vorige vergadering
  - titel: {SECRET_ATTACHMENT}
    bestand: {SECRET_FILE}
    openbaar: false
agenda:
  - nr: 1
    titel: Opening
    bijlagen:
      - titel: {OPEN_ATTACHMENT}
        bestand: stukken/jaarplan.pdf
  - nr: 2
    titel: {SECRET_TITLE}
    vertrouwelijk: 5.1.2 sub i
    besluitpunt: instemmen met de bieding
notulen_status: concept
besluiten:
  - id: {MEETING_ID}-b1
    tekst: {SECRET_DECISION}
    agendapunt: 2
    vertrouwelijk: 5.1.2.b
  - id: {MEETING_ID}-b2
    tekst: Werkagenda vastgesteld.
    agendapunt: 1
---
## 1. Opening

Welkom.

## 2. {SECRET_TITLE}

Besproken: {SECRET_TEXT}.
"""

SECRET_ACTION_FILE = f"""\
---
id: KVDJ-002
wat: {SECRET_ACTION}
wie: Tjalling
betrokkenen: [tjalling]
wanneer: December 2025
status: open
team: ot-kvdj
vergadering: {MEETING_ID}
agendapunt: 2
vertrouwelijk: 5.1.2.b
---
toelichting over {SECRET_TEXT}
"""

SECRETS = (
    SECRET_TITLE,
    SECRET_TEXT,
    SECRET_DECISION,
    SECRET_ACTION,
    SECRET_ATTACHMENT,
    SECRET_FILE,
    "instemmen met de bieding",
)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return build_file_tree(
        tmp_path / "repo",
        {
            "data/partners.yaml": PARTNERS,
            f"data/meetings/2025/{MEETING_ID}.md": MEETING,
            "data/acties/open/KVDJ-001.md": ACTION,
            "data/acties/open/KVDJ-002.md": SECRET_ACTION_FILE,
        },
    )


def render(repo: Path, tmp_path: Path, kind: str, target: str, fmt: str, *extra: str) -> str:
    """The rendered document as text (docx: its XML; pdf: read back with pypdf)."""
    out = tmp_path / f"{kind}-{fmt}-{len(extra)}.{fmt}"
    code, stdout, err = run(
        CliRunner(), "render", kind, target, "-f", fmt, "-o", str(out), "--data", str(repo),
        *extra,
    )  # fmt: skip
    assert code == 0, stdout + err
    data = out.read_bytes()
    if fmt == "docx":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    if fmt == "pdf":
        reader = PdfReader(io.BytesIO(data))
        text = "".join(page.extract_text() for page in reader.pages)
        return " ".join(text.split()) + str(reader.metadata)
    return data.decode("utf-8").replace("\\[", "[").replace("\\]", "]")  # md escapes


DOCUMENTS = [
    ("notulen", MEETING_ID),
    ("agenda", MEETING_ID),
    ("actielijst", "ot-kvdj"),
    ("besluitenlijst", "ot-kvdj"),
]


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
@pytest.mark.parametrize(("kind", "target"), DOCUMENTS)
def test_public_versions_hide_confidential_items(
    repo: Path, tmp_path: Path, kind: str, target: str, fmt: str
) -> None:
    text = render(repo, tmp_path, kind, target, fmt, "--openbaar")
    for secret in SECRETS:
        assert secret not in text, f"{secret!r} in de openbare {kind} ({fmt})"
    if kind in ("notulen", "agenda"):
        assert "[vertrouwelijk, 5.1.2.i]" in text  # the item's number and ground
        assert "Bijlage (niet openbaar)" in text
        assert "Opening" in text
    if kind in ("notulen", "besluitenlijst"):
        assert "[vertrouwelijk, 5.1.2.b]" in text  # the decision
        assert "Werkagenda vastgesteld." in text
    if kind == "actielijst":
        assert "KVDJ-002 [vertrouwelijk, 5.1.2.b]" in text  # the action's number and ground
        assert "Presentatie 4 actielijnen Jonge Kind" in text


def test_public_minutes_show_number_and_ground_of_the_item(repo: Path, tmp_path: Path) -> None:
    text = render(repo, tmp_path, "notulen", MEETING_ID, "md", "--openbaar")
    assert "## 2. [vertrouwelijk, 5.1.2.i]" in text
    assert "Besproken" not in text


def test_the_public_pdf_hides_confidential_items(repo: Path, tmp_path: Path) -> None:
    text = render(repo, tmp_path, "notulen", MEETING_ID, "pdf", "--openbaar")
    for secret in SECRETS:
        assert secret not in text
    assert "[vertrouwelijk, 5.1.2.i]" in text
    assert "Opening" in text


def test_the_public_calendar_hides_a_confidential_item(repo: Path) -> None:
    code, stdout, err = run(CliRunner(), "render", "ics", "--openbaar", "--data", str(repo))
    assert code == 0, err
    unfolded = stdout.replace("\r\n ", "").replace("\n ", "").replace("\n ", "")
    assert SECRET_TITLE not in unfolded
    assert "2. [vertrouwelijk\\, 5.1.2.i]" in unfolded
    code, stdout, err = run(CliRunner(), "render", "ics", "--data", str(repo))
    assert f"2. {SECRET_TITLE} — vertrouwelijk (5.1.2.i)" in stdout.replace("\r\n ", "").replace(
        "\n ", ""
    )


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_internal_minutes_show_everything_with_a_marker(
    repo: Path, tmp_path: Path, fmt: str
) -> None:
    text = render(repo, tmp_path, "notulen", MEETING_ID, fmt)
    for secret in (SECRET_TITLE, SECRET_TEXT, SECRET_DECISION, SECRET_ACTION, SECRET_ATTACHMENT):
        assert secret in text
    assert f"{SECRET_TITLE} — vertrouwelijk (5.1.2.i)" in text
    assert f"{SECRET_DECISION} — vertrouwelijk (5.1.2.b)" in text
    assert f"(bestand: {SECRET_FILE}) — niet openbaar" in text


def test_internal_action_list_marks_the_confidential_action(repo: Path, tmp_path: Path) -> None:
    text = render(repo, tmp_path, "actielijst", "ot-kvdj", "md")
    assert f"{SECRET_ACTION} — vertrouwelijk (5.1.2.b)" in text
    assert SECRET_TEXT in text


def test_plain_string_attachments_still_load_and_render(repo: Path, tmp_path: Path) -> None:
    public = render(repo, tmp_path, "agenda", MEETING_ID, "md", "--openbaar")
    assert "Notulen vorige vergadering" in public
    assert f"Bijlage: {OPEN_ATTACHMENT}" in public
    code, stdout, err = run(CliRunner(), "validate", "--data", str(repo))
    assert code == 0, stdout + err


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("/etc/passwd", "absoluut pad"),
        ("../geheim.pdf", "buiten de repository"),
        ("stukken/../../x.pdf", "buiten de repository"),
        ("C:\\\\stukken\\\\x.pdf", "absoluut pad"),
    ],
)
def test_an_attachment_file_outside_the_repository_is_an_error(
    tmp_path: Path, value: str, message: str
) -> None:
    meeting = MEETING.replace(SECRET_FILE, f'"{value}"')
    root = build_file_tree(
        tmp_path / "bad",
        {"data/partners.yaml": PARTNERS, f"data/meetings/2025/{MEETING_ID}.md": meeting},
    )
    code, stdout, err = run(CliRunner(), "validate", "--data", str(root))
    assert code == 1
    assert f"{MEETING_ID}.md:9:" in stdout + err
    assert message in stdout + err


# --- residual identifiability (issue #14, point 3) ---------------------------------------

REDACTED_PERSON = """\
  - id: ab-directeur
    naam: null
    functie: Directeur jeugdzorg; voorzitter werkgroep 1
    lakgrond: 5.1.2.e
"""


def note_repo(tmp_path: Path, *notes: str) -> Path:
    partners = PARTNERS.replace("teams:\n", REDACTED_PERSON + "teams:\n")
    attendees = "".join(f"  - persoon: ab-directeur\n    noot: {n}\n" for n in notes)
    meeting = (
        f"---\nid: {MEETING_ID}\nteam: ot-kvdj\ndatum: 2025-11-25\naanwezig:\n{attendees}"
        "  - persoon: ab-directeur\n    functie: Directeur jeugdzorg\n"
        "notulen_status: concept\n---\n## 1. Opening\n"
    )
    return build_file_tree(
        tmp_path / "notes",
        {"data/partners.yaml": partners, f"data/meetings/2025/{MEETING_ID}.md": meeting},
    )


def test_a_name_in_a_note_beside_a_redaction_is_a_warning(tmp_path: Path) -> None:
    root = note_repo(tmp_path, "vervanger Tjalling", "vervanger Femke Halsema", "namens het OT")
    code, stdout, err = run(CliRunner(), "validate", "--data", str(root))
    out = stdout + err
    assert code == 0, out
    assert (
        f"{MEETING_ID}.md:7:5: waarschuwing: naam naast een weglakking maakt de persoon "
        "herkenbaar: 'Tjalling' in de noot bij Directeur jeugdzorg; voorzitter werkgroep 1 "
        "(ab-directeur)" in out
    )
    assert out.count("naam naast een weglakking") == 1  # a public name, no name: no warning


def test_an_unknown_name_in_a_note_beside_a_redaction_is_a_warning(tmp_path: Path) -> None:
    root = note_repo(tmp_path, "vervanger Gerrit Zwanenburg")
    code, stdout, err = run(CliRunner(), "validate", "--data", str(root))
    assert code == 0  # a warning
    assert (
        "naam naast een weglakking maakt de persoon herkenbaar: 'Gerrit Zwanenburg'" in stdout + err
    )


def test_the_public_header_shows_the_function_as_the_minutes_state_it(tmp_path: Path) -> None:
    root = note_repo(tmp_path)
    text = render(root, tmp_path, "notulen", MEETING_ID, "md", "--openbaar")
    assert "5.1.2.e Directeur jeugdzorg" in text
    assert "voorzitter werkgroep 1" not in text


def test_the_embedded_ab_minutes_state_one_function_of_the_ot_chair(tmp_path: Path) -> None:
    from tests.conftest import REPO_ROOT

    def public(meeting: str) -> str:
        code, stdout, err = run(
            CliRunner(), "render", "notulen", meeting, "--openbaar", "--data", str(REPO_ROOT)
        )
        assert code == 0, err
        return stdout

    may, july = public("ab-2023-05-24"), public("ab-2023-07-04")
    assert "5.1.2.b Voorzitter openbaar onderwijs Westelijke Tuinsteden" in may
    assert "Voorzitter OT Kansen voor de Jeugd" not in may.split("## 1.")[0]
    assert "5.1.2.b Voorzitter OT Kansen voor de Jeugd" in july
    assert "Westelijke Tuinsteden; Voorzitter OT" not in may + july


def test_the_public_site_and_its_open_data_hide_confidential_items(
    repo: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    code, _, err = run(CliRunner(), "site", "-o", str(out), "--data", str(repo))
    assert code == 0, err
    texts = {
        path.relative_to(out).as_posix(): path.read_text(encoding="utf-8")
        for path in out.rglob("*")
        if path.is_file() and path.suffix in (".html", ".json", ".csv")
    }
    everything = "\n".join(texts.values())
    assert "Werkagenda vastgesteld." in texts["besluitenlijst.html"]  # the public decision
    assert "Werkagenda vastgesteld." in texts["data/besluiten.json"]
    for secret in (SECRET_TITLE, SECRET_TEXT, SECRET_DECISION, SECRET_ACTION, SECRET_FILE):
        assert secret not in everything, [name for name, t in texts.items() if secret in t]
    assert "[vertrouwelijk, 5.1.2.b]" in texts["data/besluiten.json"]
    assert "KVDJ-002 [vertrouwelijk, 5.1.2.b]" in texts["data/acties.csv"]
    acties = json.loads(texts["data/acties.json"])["acties"]
    hidden = next(a for a in acties if a["id"] == "KVDJ-002")
    assert (hidden["team"], hidden["vergadering"]) == ("ot-kvdj", MEETING_ID)
    oparl = texts["data/oparl-vergaderingen.json"]
    assert '"name": "[vertrouwelijk, 5.1.2.i]"' in oparl.replace('":"', '": "')
    assert '"public": false' in oparl.replace('":false', '": false')


INHERITED_DECISION = "tweede bieding op het perceel ingediend"
INHERITED_ACTION = "notaris voor perceel zeventien bellen"


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize(("kind", "target"), [d for d in DOCUMENTS if d[0] != "agenda"])
def test_a_decision_or_action_under_a_confidential_item_is_confidential_too(
    repo: Path, tmp_path: Path, kind: str, target: str, fmt: str
) -> None:
    meeting = repo / f"data/meetings/2025/{MEETING_ID}.md"
    meeting.write_text(
        MEETING.replace(
            "  - id: " + MEETING_ID + "-b2\n",
            f"  - id: {MEETING_ID}-b3\n    tekst: {INHERITED_DECISION}\n    agendapunt: 2\n"
            "    actielijst: open\n  - id: " + MEETING_ID + "-b2\n",
        ),
        encoding="utf-8",
    )
    action = ACTION.replace("KVDJ-001", "KVDJ-003").replace(
        "status: open\n", "status: open\nagendapunt: 2\n"
    )
    action = re_wat(action, INHERITED_ACTION)
    (repo / "data/acties/open/KVDJ-003.md").write_text(action, encoding="utf-8")
    internal = render(repo, tmp_path, kind, target, fmt)
    public = render(repo, tmp_path, kind, target, fmt, "--openbaar")
    if kind == "notulen" and fmt == "md":  # and the public site with its open data
        out = tmp_path / "site"
        code, _, err = run(CliRunner(), "site", "-o", str(out), "--data", str(repo))
        assert code == 0, err
        for path in out.rglob("*"):
            if path.is_file() and path.suffix in (".html", ".json", ".csv"):
                text = path.read_text(encoding="utf-8")
                assert INHERITED_DECISION not in text and INHERITED_ACTION not in text, path
        assert "KVDJ-003 [vertrouwelijk, 5.1.2.i]" in (out / "data/acties.csv").read_text()
    shown = [s for s in (INHERITED_DECISION, INHERITED_ACTION) if s in internal]
    assert shown, "the internal version shows neither: the check below would be empty"
    assert [s for s in shown if s in public] == []
    assert "[vertrouwelijk, 5.1.2.i]" in public  # the item's ground


def re_wat(text: str, wat: str) -> str:
    lines = [f"wat: {wat}" if line.startswith("wat:") else line for line in text.split("\n")]
    return "\n".join(lines)


def test_internal_lists_and_the_digest_mark_a_confidential_action(repo: Path) -> None:
    code, out, err = run(
        CliRunner(), "open-actions", "--owner", "Tjalling", "--format", "markdown",
        "--op", "2025-12-01", "--data", str(repo),
    )  # fmt: skip
    assert code == 0, err
    assert f"{SECRET_ACTION} — vertrouwelijk (5.1.2.b)" in out
    code, out, _ = run(
        CliRunner(), "open-actions", "--owner", "Tjalling", "--format", "json",
        "--op", "2025-12-01", "--data", str(repo),
    )  # fmt: skip
    marked = {a["id"]: a["vertrouwelijk"] for a in json.loads(out)["acties"]}
    assert marked == {"KVDJ-001": None, "KVDJ-002": "5.1.2.b"}
    code, out, err = run(
        CliRunner(), "digest", "--owner", "Tjalling", "--op", "2025-12-01", "--data", str(repo)
    )
    assert code == 0, err
    assert f"{SECRET_ACTION} — vertrouwelijk (5.1.2.b)" in out
