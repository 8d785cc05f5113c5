"""The developer tool that builds templates/basis.docx builds what the renderer relies on."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import docx
from docx.shared import Cm, Pt

from samennw.render.docxbase import build_base
from tests.conftest import REPO_ROOT


def test_base_document_has_the_styles_and_page_the_renderer_uses(tmp_path: Path) -> None:
    target = tmp_path / "basis.docx"
    build_base(target)
    document = docx.Document(str(target))
    section = document.sections[0]
    # A4 (Word stores twips: within a millimetre)
    assert abs(section.page_width - Cm(21.0)) < Cm(0.1)
    assert abs(section.page_height - Cm(29.7)) < Cm(0.1)
    assert abs(section.left_margin - Cm(2.0)) < Cm(0.1)
    assert "pagina" in section.footer.paragraphs[0].text
    styles = document.styles
    assert (styles["Normal"].font.name, styles["Normal"].font.size) == ("Arial", Pt(10))
    for name, size in (("Title", 18), ("Heading 1", 15), ("Heading 2", 13), ("Heading 3", 11)):
        assert styles[name].font.size == Pt(size) and styles[name].font.bold
    for name in ("List Bullet", "Table Grid"):
        assert styles[name] is not None
    assert document.core_properties.language == "nl-NL"
    assert document.core_properties.title == "Basisdocument samennw"


def test_the_shipped_base_document_is_what_the_tool_builds(tmp_path: Path) -> None:
    """templates/basis.docx is regenerated with the tool: same styles, same page set-up."""
    target = tmp_path / "basis.docx"
    subprocess.run(
        [sys.executable, "-m", "samennw.render.docxbase", str(target)], check=True, timeout=120
    )

    def part(path: Path, name: str) -> bytes:
        with zipfile.ZipFile(path) as z:
            return z.read(name)

    shipped = REPO_ROOT / "templates" / "basis.docx"
    for name in ("word/styles.xml", "word/document.xml", "docProps/core.xml"):
        assert part(target, name) == part(shipped, name), name
