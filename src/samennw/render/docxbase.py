"""Build ``templates/basis.docx``, the Word base document the renderer writes into.

Developers regenerate it with ``python -m samennw.render.docxbase templates/basis.docx``;
the secretariat restyles the result in Word (styles "Title", "Heading 1-3", "Normal",
"List Bullet", "Table Grid", margins, header and footer) and may keep its own copy in
the data repository's ``templates/`` folder. Only styles and page setup matter: the
renderer empties the body and overwrites all document properties.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

FONT = "Arial"
ACCENT = (0x00, 0x4B, 0x87)  # dark blue


def build_base(path: Path) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    document = docx.Document()
    for section in document.sections:  # A4, 2 cm margins
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2.0))
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        footer.add_run("Nationaal Programma Samen Nieuw-West · pagina ")
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "1"
        run.append(text)
        field.append(run)
        footer._p.append(field)
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.1
    for name, size in (("Title", 18), ("Heading 1", 15), ("Heading 2", 13), ("Heading 3", 11)):
        style = styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = RGBColor(*ACCENT)
        style.paragraph_format.space_before = Pt(14 if name != "Heading 3" else 10)
        style.paragraph_format.space_after = Pt(4)
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}") if defaults is not None else None
    if rpr is not None:
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), "nl-NL")
    props = document.core_properties
    props.author = props.last_modified_by = "Secretariaat Nationaal Programma Samen Nieuw-West"
    props.title = "Basisdocument samennw"
    props.comments = ""
    props.language = "nl-NL"
    props.created = props.modified = datetime(2025, 1, 1, tzinfo=UTC)
    document.save(str(path))


if __name__ == "__main__":  # pragma: no cover - a developer tool
    build_base(Path(sys.argv[1] if len(sys.argv) > 1 else "templates/basis.docx"))
