"""Word: real headings and tables, Dutch properties, safe escaping; opens in LibreOffice."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from samennw.render.document import RenderRequest, render_document
from samennw.storage.repository import load_repository
from tests.conftest import GOLDEN_REPO, build_file_tree, needs_tool

OFFICE = shutil.which("soffice") or shutil.which("libreoffice")
STAMP = datetime(2025, 12, 10, 9, 30, tzinfo=UTC)


def word(kind: str, target: str | None, root: Path = GOLDEN_REPO, *, public: bool = False) -> bytes:
    repo = load_repository(root)
    repo.raise_if_invalid()
    req = RenderRequest(
        kind=kind, target=target, fmt="docx", public=public, today=date(2025, 12, 10), stamp=STAMP
    )
    return render_document(repo, req)


def open_docx(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def test_action_list_has_a_table_per_section_with_a_header_row() -> None:
    document = open_docx(word("actielijst", "ot-kvdj"))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [
        "Geen actielijn",
        "Werkgroep 1 – Het Jonge Kind",
        "Werkgroep 2 – Pedagogische Infrastructuur",
        "Werkgroep 3 – Perspectief van jongeren",
        "Afgeronde acties en besluiten",
        "Geen actielijn",
        "Werkgroep 1 – Het Jonge Kind afgerond",
        "Werkgroep 2 – Pedagogische Infrastructuur afgerond",
        "Werkgroep 3 – Perspectief van jongeren afgerond",
        "Belangrijke data",
    ]
    assert document.paragraphs[0].style.name == "Title"
    tables = document.tables
    assert len(tables) == 9  # 4 open, 4 afgerond, belangrijke data
    for table in tables[:8]:
        header = table.rows[0]
        assert [c.text for c in header.cells] == [
            "Wat - actie",
            "Wie - Betrokkenen",
            "Wanneer - Tijdsplanning",
            "Toelichting / update",
        ]
        assert header._tr.trPr.find(qn("w:tblHeader")) is not None  # repeats, read as header
        assert all(run.bold for c in header.cells for run in c.paragraphs[0].runs)
        assert table.style.name == "Table Grid"
    first = tables[0].rows[1].cells
    assert first[0].text == "25/11 Hulpvraag vanuit GertJan tijdens presentatie het jonge Kind."
    assert first[2].text == "November 2025 (verlopen)"
    assert first[2].paragraphs[0].runs[0].font.color.rgb is not None  # marked in colour
    bullets = [p for p in tables[0].rows[3].cells[3].paragraphs if p.style.name == "List Bullet"]
    assert [p.text for p in bullets] == ["Materiaal", "Spullen om weg te geven in het kerstpakket"]


def test_dutch_document_properties() -> None:
    document = open_docx(word("notulen", "ot-kvdj-2025-11-25"))
    props = document.core_properties
    assert props.language == "nl-NL"
    assert props.title == "CONCEPT – Bijeenkomst Opgaveteam Kansen voor de Jeugd 25 november 2025"
    assert props.subject == "Notulen Opgaveteam Kansen voor de Jeugd 25 november 2025"
    assert props.category == "Notulen" and props.content_status == "Concept"
    assert props.author == "Secretariaat Nationaal Programma Samen Nieuw-West"
    assert props.created == STAMP.replace(tzinfo=None) or props.created == STAMP
    assert props.comments == "" and props.revision == 1
    lang = document.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}"
    )
    assert lang is not None and lang.get(qn("w:val")) == "nl-NL"  # spelling check: Dutch
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7


def test_minutes_markdown_becomes_word_structure() -> None:
    document = open_docx(word("notulen", "ot-kvdj-2025-11-25"))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Normal", "CONCEPT – deze notulen zijn nog niet vastgesteld.") in paragraphs
    assert ("Heading 1", "2. Presentatie het Jonge Kind") in paragraphs
    assert ("List Paragraph", "1. Groepshulpen") in paragraphs
    assert ("List Paragraph", "2. Opleiden onder schooltijd") in paragraphs
    assert any(text.startswith("Tjallings vraag") for _, text in paragraphs)
    # the actions under item 3, besluiten, acties (born in the meeting), afgehandeld
    assert [len(t.rows) for t in document.tables] == [4, 2, 4, 2]
    assert ("Normal", "Acties (stand op 25 november 2025)") in paragraphs
    assert [r.cells[0].text for r in document.tables[0].rows[1:]] == [
        "KVDJ-007",
        "KVDJ-009",
        "KVDJ-006",
    ]
    assert ("Heading 1", "Afgehandeld in deze vergadering") in paragraphs
    assert document.tables[2].rows[1].cells[0].text == "KVDJ-001"
    assert [c.text for c in document.tables[3].rows[1].cells] == [
        "KVDJ-007",
        "25/9 Pilots jongeren bespreken en daarna contact leggen met Korine.",
        "Marouane/Theresa",
        "afgerond",
    ]


def test_ampersand_and_angle_brackets_cannot_corrupt_the_document(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(GOLDEN_REPO, repo)
    meeting = repo / "data" / "meetings" / "2025" / "ot-kvdj-2025-11-25.md"
    text = meeting.read_text(encoding="utf-8").replace(
        "titel: Bijeenkomst Opgaveteam Kansen voor de Jeugd 25 november 2025",
        'titel: "W&B <overleg> ]]> &amp; \\"citaat\\" \\u000beinde"',
    )
    build_file_tree(repo, {meeting.relative_to(repo).as_posix(): text})
    data = word("notulen", "ot-kvdj-2025-11-25", repo)
    document = open_docx(data)
    expected = 'W&B <overleg> ]]> &amp; "citaat" einde'  # \x0b is not XML: dropped
    assert document.paragraphs[0].text == f"CONCEPT – {expected}"
    assert document.core_properties.title == f"CONCEPT – {expected}"


@needs_tool(OFFICE, "LibreOffice (soffice)")
@pytest.mark.parametrize(
    ("kind", "target"), [("actielijst", "ot-kvdj"), ("notulen", "ab-2023-07-04")]
)
def test_libreoffice_opens_the_document(tmp_path: Path, kind: str, target: str) -> None:
    source = tmp_path / f"{kind}.docx"
    source.write_bytes(word(kind, target, public=True))
    profile = (tmp_path / "profiel").as_uri()
    result = subprocess.run(
        [
            str(OFFICE),
            "--headless",
            "--norestore",
            f"-env:UserInstallation={profile}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    pdf = tmp_path / f"{kind}.pdf"
    assert pdf.exists(), result.stdout + result.stderr
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5_000
