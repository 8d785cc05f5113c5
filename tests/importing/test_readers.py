"""samennw.importing.readers: every format as the normalized lines both parsers read."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfWriter

from samennw.errors import ImportSourceError
from samennw.importing import readers
from samennw.importing.readers import MAX_IMPORT_BYTES, SourceText, read_source
from tests.conftest import needs_tool
from tests.importing.make_fixtures import OFFICE, build_docx, build_pdf, flow, simple_pdf

DATA = Path(__file__).parent / "data"
MINUTES = DATA / "ab-notulen-2023.txt"
ACTIONS = DATA / "actielijst-ot-kvdj-2025-11-25.txt"
AGENDA_ITEM = re.compile(r"^\d{1,2}\. \S")
ACTION_MARKER = re.compile(r"\*\*Actie[^*]*\*\*")


def write(path: Path, data: bytes | str) -> Path:
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def refused(path: Path) -> str:
    with pytest.raises(ImportSourceError) as caught:
        read_source(path)
    message = str(caught.value)
    assert str(path) in message  # the message names the file
    return message


def words(lines: list[str]) -> Counter[str]:
    return Counter(re.findall(r"\w+", re.sub(r"[*^{}#]", " ", "\n".join(lines))))


def share(expected: list[str], got: list[str]) -> float:
    want = words(expected)
    return sum((want & words(got)).values()) / sum(want.values())


def clean_control(lines: list[str]) -> None:
    for line in lines:
        assert unicodedata.is_normalized("NFC", line)
        assert not re.search(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]", line), repr(line)


# --- text ----------------------------------------------------------------------------------


def test_text_lines_are_kept_with_crlf_trailing_space_and_nfc_normalised(tmp_path: Path) -> None:
    source = write(
        tmp_path / "notulen.txt",
        "Datum\t21 april 2023  \r\n\r\n1. Opening\r\nFinancie\u0308n\x07 \r\n\t\r\n\tWie\r\n",
    )
    result = read_source(source)
    assert result == SourceText(
        str(source), "txt", ["Datum\t21 april 2023", "", "1. Opening", "Financiën", "\t", "\tWie"]
    )


def test_markdown_is_kept_as_written(tmp_path: Path) -> None:
    text = "# AB 21 april 2023\n\n## 1. Opening\n\n- **Actie Samir**: agenderen\n"
    result = read_source(write(tmp_path / "notulen.md", text))
    assert (result.kind, result.lines) == ("md", text.rstrip("\n").split("\n"))


def test_utf8_with_bom_and_utf16_from_notepad(tmp_path: Path) -> None:
    bom = read_source(write(tmp_path / "a.txt", b"\xef\xbb\xbfFinanci\xc3\xabn"))
    assert (bom.lines, bom.notes) == (["Financiën"], ())
    utf16 = read_source(write(tmp_path / "b.txt", "Emre Ünver\r\nx".encode("utf-16")))
    assert utf16.lines == ["Emre Ünver", "x"]
    assert "UTF-16" in utf16.notes[0]


def test_windows_1252_from_word_is_read_and_reported(tmp_path: Path) -> None:
    source = write(tmp_path / "notulen.txt", "regel 1\n15:30 – 16:30 Financiën".encode("cp1252"))
    result = read_source(source)
    assert result.lines == ["regel 1", "15:30 – 16:30 Financiën"]
    assert result.notes == (f"{source}: geen UTF-8 (regel 2); gelezen als Windows-1252 "
                            "(zoals Word's 'Opslaan als tekst')",)  # fmt: skip


def test_bytes_that_are_not_even_windows_1252_are_read_as_latin1(tmp_path: Path) -> None:
    result = read_source(write(tmp_path / "x.txt", b"caf\xe9 \x81"))
    assert result.lines == ["café"]
    assert "Latin-1" in result.notes[0]


def test_nul_bytes_are_refused(tmp_path: Path) -> None:
    message = refused(write(tmp_path / "binair.txt", b"PK\x03\x04\x00\x00abc"))
    assert "NUL-tekens" in message


@given(st.lists(st.text(st.characters(exclude_categories=("Cs",)), max_size=30), max_size=8))
def test_any_text_reads_back_normalised_and_never_crashes(tmp_path_factory, parts) -> None:
    source = tmp_path_factory.mktemp("t") / "x.md"
    source.write_bytes("\n".join(parts).encode("utf-8"))
    try:
        result = read_source(source)
    except ImportSourceError as error:  # only an empty document, or NUL characters
        assert "leeg" in str(error) or "NUL" in str(error)
        return
    clean_control(result.lines)
    assert all(line == line.rstrip(" ") for line in result.lines)
    kept = re.sub(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u200b\u2060\ufeff]", "", " ".join(parts))
    expected = re.findall(r"\w+", unicodedata.normalize("NFC", kept))
    assert re.findall(r"\w+", " ".join(result.lines)) == expected


# --- what cannot be read -------------------------------------------------------------------


def test_missing_file_folder_and_unsupported_kinds(tmp_path: Path) -> None:
    assert "bestand niet gevonden" in refused(tmp_path / "weg.docx")
    folder = tmp_path / "map.txt"
    folder.mkdir()
    assert "is een map" in refused(folder)
    message = refused(write(tmp_path / "lijst.xlsx", b"x"))
    assert "ondersteund: .docx, .pdf, .txt, .md" in message
    assert "sla het op als .docx" in refused(write(tmp_path / "oud.doc", b"x"))
    assert "geen extensie" in refused(write(tmp_path / "README", b"x"))


@pytest.mark.parametrize("name", ["leeg.txt", "leeg.md", "leeg.docx", "leeg.pdf"])
def test_an_empty_file_is_refused(tmp_path: Path, name: str) -> None:
    assert "leeg" in refused(write(tmp_path / name, b""))


def test_a_text_without_text_is_empty(tmp_path: Path) -> None:
    assert "leeg" in refused(write(tmp_path / "spaties.txt", " \n\t\n\n"))


def test_a_file_over_the_limit_is_refused_before_reading(tmp_path: Path, monkeypatch) -> None:
    big = tmp_path / "groot.pdf"
    with big.open("wb") as handle:
        handle.truncate(MAX_IMPORT_BYTES + 1)  # sparse: nothing written
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read"))
    assert "te groot (25.0 MB; samennw leest tot 25 MB)" in refused(big)


def test_a_docx_that_is_not_a_zip(tmp_path: Path) -> None:
    message = refused(write(tmp_path / "notulen.docx", "Gewoon tekst met een .docx-naam"))
    assert "is geen Word-document" in message


def test_a_zip_that_is_not_a_word_document(tmp_path: Path) -> None:
    source = tmp_path / "notulen.docx"
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr("iets.txt", "geen Word")
    assert "geen (leesbaar) Word-document" in refused(source)


def test_an_encrypted_word_document(tmp_path: Path) -> None:
    # Word saves a password-protected .docx as an OLE compound file
    source = write(tmp_path / "geheim.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert "versleuteld Word-document" in refused(source)


def test_a_pdf_with_a_password_is_encrypted(tmp_path: Path) -> None:
    plain = tmp_path / "open.pdf"
    simple_pdf([flow(["Notulen van het AB."])], plain)
    writer = PdfWriter(clone_from=plain)
    writer.encrypt("geheim", algorithm="RC4-128")
    source = tmp_path / "versleuteld.pdf"
    with source.open("wb") as handle:
        writer.write(handle)
    assert "versleuteld" in refused(source)


def test_a_pdf_protected_only_against_editing_is_read(tmp_path: Path) -> None:
    plain = tmp_path / "open.pdf"
    simple_pdf([flow(["Notulen van het AB."])], plain)
    writer = PdfWriter(clone_from=plain)
    writer.encrypt(user_password="", owner_password="eigenaar", algorithm="RC4-128")
    source = tmp_path / "beveiligd.pdf"
    with source.open("wb") as handle:
        writer.write(handle)
    assert read_source(source).lines == ["Notulen van het AB."]


def test_a_damaged_pdf_and_a_file_that_is_no_pdf(tmp_path: Path) -> None:
    whole = tmp_path / "heel.pdf"
    simple_pdf([flow(["Notulen van het AB."])], whole)
    damaged = write(tmp_path / "kapot.pdf", whole.read_bytes()[:300])
    assert "is geen (leesbare) PDF: beschadigd" in refused(damaged)
    assert "geen PDF" in refused(write(tmp_path / "tekst.pdf", "Notulen"))


def test_a_scanned_pdf_without_a_text_layer_needs_ocr(tmp_path: Path) -> None:
    blank = PdfWriter()
    blank.add_blank_page(595, 842)
    blank.add_blank_page(595, 842)
    source = tmp_path / "scan.pdf"
    with source.open("wb") as handle:
        blank.write(handle)
    assert "geen tekstlaag (een scan?); OCR nodig" in refused(source)


def test_an_image_only_pdf_needs_ocr(tmp_path: Path) -> None:
    """A page that is one picture, as a scanner makes it."""
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        NameObject,
        NumberObject,
    )

    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    image = DecodedStreamObject()
    image.set_data(bytes([0, 255] * 32))
    image.update({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Image"),
        NameObject("/Width"): NumberObject(8),
        NameObject("/Height"): NumberObject(8),
        NameObject("/ColorSpace"): NameObject("/DeviceGray"),
        NameObject("/BitsPerComponent"): NumberObject(8),
    })  # fmt: skip
    content = DecodedStreamObject()
    content.set_data(b"q 500 0 0 700 40 70 cm /Im0 Do Q")
    page[NameObject("/Resources")] = DictionaryObject({
        NameObject("/XObject"): DictionaryObject({NameObject("/Im0"): writer._add_object(image)})
    })  # fmt: skip
    page[NameObject("/Contents")] = writer._add_object(content)
    page[NameObject("/MediaBox")] = ArrayObject([NumberObject(v) for v in (0, 0, 595, 842)])
    source = tmp_path / "gescand.pdf"
    with source.open("wb") as handle:
        writer.write(handle)
    assert "OCR nodig" in refused(source)


# --- Word ----------------------------------------------------------------------------------


def docx_lines(tmp_path: Path, lines: list[str], *, numbered: bool = False) -> list[str]:
    source = tmp_path / ("genummerd.docx" if numbered else "notulen.docx")
    build_docx(lines, source, numbered=numbered)
    result = read_source(source)
    assert result.kind == "docx"
    clean_control(result.lines)
    return result.lines


def test_word_headings_bullets_and_inline_markup(tmp_path: Path) -> None:
    lines = docx_lines(tmp_path, [
        "Notulen AB 24 mei 2023", "",
        "2. Verslag vorige vergadering", "",
        "Anne Wilbers: er is een zin **weggevallen** in de *notulen*.", "",
        "- Signal groep aanmaken (**Actie programmabureau**)",
        "- Voorstel ^{5.1.2,e} volgt",
        "",
        "**Besluit SDC in OT's**", "",
        "**Actie Burgemeester: advies agenderen**",
    ])  # fmt: skip
    assert lines == [
        "Notulen AB 24 mei 2023", "",
        "## 2. Verslag vorige vergadering", "",
        "Anne Wilbers: er is een zin **weggevallen** in de notulen.", "",
        "- Signal groep aanmaken (**Actie programmabureau**)",
        "- Voorstel ^{5.1.2,e} volgt",
        "",
        "Besluit SDC in OT's",  # a bold title stays plain
        "",
        "**Actie Burgemeester: advies agenderen**",  # a marker keeps its bold
    ]  # fmt: skip


def test_word_italic_is_not_marked_and_bold_inside_it_is(tmp_path: Path) -> None:
    text = "*Het AB wordt gevraagd in te stemmen. **Vastgesteld met de waarschuwingen.***"
    assert docx_lines(tmp_path, [text, "", "*Bijlage: notulen 21 april*"]) == [
        "Het AB wordt gevraagd in te stemmen. **Vastgesteld met de waarschuwingen.**",
        "",
        "Bijlage: notulen 21 april",
    ]


def test_word_numbering_reads_back_as_the_numbers_word_shows(tmp_path: Path) -> None:
    seed = ["1. Opening", "", "tekst", "", "2. Verslag", "", "3. Wvttk", "",
            "Notulen 24 mei", "", "1. Opening", "", "2. Verslag", "", "5. Rondvraag"]  # fmt: skip
    lines = docx_lines(tmp_path, seed, numbered=True)
    assert [line for line in lines if line] == [line for line in seed if line]


def numbered_document(tmp_path: Path, levels: str, paragraphs: list[tuple[int, int, str]]) -> Path:
    """A document with list ``levels`` (w:lvl XML) and paragraphs (numId, ilvl, text)."""
    document = Document()
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="7">{levels}</w:abstractNum>'
    ))  # fmt: skip
    for num_id, start in ((71, None), (72, 10)):
        override = (
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride>'
            if start
            else ""
        )
        numbering.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="7"/>'
            f"{override}</w:num>"
        ))  # fmt: skip
    for num_id, ilvl, text in paragraphs:
        paragraph = document.add_paragraph(text)
        paragraph.paragraph_format.element.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/>'
            "</w:numPr>"
        ))  # fmt: skip
    source = tmp_path / "lijst.docx"
    document.save(str(source))
    return source


def test_word_multilevel_letters_roman_bullets_and_a_restart(tmp_path: Path) -> None:
    levels = (
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
        '<w:lvlText w:val="%2)"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/>'
        '<w:lvlText w:val="%1.%3"/></w:lvl>'
        '<w:lvl w:ilvl="3"><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/></w:lvl>'
    )
    source = numbered_document(tmp_path, levels, [
        (71, 0, "Opening"), (71, 1, "welkom"), (71, 1, "mededelingen"),
        (71, 0, "Verslag"), (71, 1, "acties"), (71, 2, "eerste"), (71, 2, "tweede"),
        (71, 3, "los punt"), (72, 0, "Herstart"), (72, 0, "daarna"),
    ])  # fmt: skip
    assert [line for line in read_source(source).lines if line] == [
        "1. Opening", "a) welkom", "b) mededelingen", "2. Verslag", "a) acties",
        "2.I eerste", "2.II tweede", "- los punt", "10. Herstart", "11. daarna",
    ]  # fmt: skip


def test_word_tables_two_cells_as_key_tab_value_and_rows_cell_per_line(tmp_path: Path) -> None:
    lines = docx_lines(tmp_path, [
        "Datum\t24 mei 2023",
        "Locatie\tCasa Sofia",
        "\tSjoukje Alta, directeur",
        "",
        "\tWerkgroep 1 - Het Jonge Kind",
        "",
        "\tWat - actie", "\tWie", "\tWanneer", "\tToelichting",
        "",
        "\t25/11 materiaal nodig", "\tAlle aanwezigen", "\t", "\tLeger des Heils heeft nodig:",
        "· Materiaal", "· Spullen **voor** het kerstpakket", "Contact Kauthar",
    ])  # fmt: skip
    assert lines == [
        "Datum\t24 mei 2023",
        "Locatie\tCasa Sofia",
        "\tSjoukje Alta, directeur",
        "",
        "\tWerkgroep 1 - Het Jonge Kind",  # a merged row: written once
        "",
        "\tWat - actie", "\tWie", "\tWanneer", "\tToelichting",
        "",
        "\t25/11 materiaal nodig", "\tAlle aanwezigen", "\t", "\tLeger des Heils heeft nodig:",
        "- Materiaal", "- Spullen **voor** het kerstpakket", "Contact Kauthar",
    ]  # fmt: skip


def body_xml(tmp_path: Path, xml: str) -> list[str]:
    """Read a document whose body holds ``xml`` (WordprocessingML) before its sectPr."""
    document = Document()
    body = document.element.body
    for element in parse_xml(f"<w:body {nsdecls('w')}>{xml}</w:body>"):
        body.insert(len(body) - 1, element)
    source = tmp_path / "xml.docx"
    document.save(str(source))
    return read_source(source).lines


def test_word_vertical_merge_links_fields_deletions_hidden_text_and_breaks(tmp_path: Path) -> None:
    cell = "<w:tc><w:tcPr>{}</w:tcPr><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>"
    lines = body_xml(tmp_path, (
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
        "<w:tr>" + cell.format('<w:vMerge w:val="restart"/>', "Wonen")
        + cell.format("", "Anne") + cell.format("", "mei") + "</w:tr>"
        "<w:tr>" + cell.format("<w:vMerge/>", "Wonen")
        + cell.format("", "Samir") + cell.format("", "juni") + "</w:tr></w:tbl>"
        '<w:p><w:hyperlink r:id="x" xmlns:r="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships"><w:r><w:t>Zie site</w:t></w:r></w:hyperlink>'
        '<w:r><w:t xml:space="preserve"> en </w:t></w:r>'
        "<w:del><w:r><w:delText>weg</w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>erbij</w:t></w:r></w:ins>"
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>verborgen</w:t></w:r>"
        "<w:r><w:br/><w:t>tweede regel</w:t><w:tab/><w:t>na tab</w:t></w:r></w:p>"
        "<w:sdt><w:sdtContent><w:p><w:r><w:t>In een inhoudsbesturingselement</w:t></w:r>"
        "</w:p></w:sdtContent></w:sdt>"
        "<w:p><w:r><w:t>•\tGetypt opsommingsteken</w:t></w:r></w:p>"
    ))  # fmt: skip
    assert lines == [
        "\tWonen", "\tAnne", "\tmei", "",
        "\t", "\tSamir", "\tjuni", "",  # the merged cell once; its place stays
        "Zie site en erbij7",
        "tweede regel\tna tab",
        "",
        "In een inhoudsbesturingselement",
        "",
        "- Getypt opsommingsteken",
    ]  # fmt: skip


def test_word_one_column_table_is_read_as_paragraphs(tmp_path: Path) -> None:
    lines = body_xml(tmp_path, (
        "<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid>"
        "<w:tr><w:tc><w:p><w:r><w:t>Kader</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>met tekst</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    ))  # fmt: skip
    assert lines == ["Kader", "", "met tekst"]


def test_word_page_count_from_rendered_page_breaks(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("een")
    document.add_paragraph("twee").runs[0].element.append(
        parse_xml(f"<w:lastRenderedPageBreak {nsdecls('w')}/>")
    )
    source = tmp_path / "twee.docx"
    document.save(str(source))
    assert read_source(source).pages == 2
    build_docx(["alleen python-docx"], tmp_path / "zonder.docx")
    assert read_source(tmp_path / "zonder.docx").pages is None  # no count known


def test_seed_minutes_as_word_keep_every_heading_marker_and_word(tmp_path: Path) -> None:
    seed = read_source(MINUTES).lines
    for numbered in (False, True):
        lines = docx_lines(tmp_path, seed, numbered=numbered)
        headings = [line.lstrip("# ") for line in lines]
        for item in filter(AGENDA_ITEM.match, seed):
            assert item in headings
        if not numbered:
            assert sum(1 for line in lines if line.startswith("## ")) == 24
        text = "\n".join(lines)
        markers = ACTION_MARKER.findall("\n".join(seed))
        assert len(markers) == 34
        assert all(marker in text for marker in markers)
        assert share(seed, lines) >= 0.98


def rows(lines: list[str]) -> list[tuple[str, ...]]:
    """The 3+-cell rows of a text: each row's cells' first lines."""
    out: list[tuple[str, ...]] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if line.startswith("\t"):
            current.append(line[1:].strip())
        elif not line.strip() and current:
            out.append(tuple(current))
            current = []
    return [row for row in out if len(row) >= 3 or len(row) == 1]


def test_seed_action_list_as_word_gives_the_same_rows(tmp_path: Path) -> None:
    seed = read_source(ACTIONS).lines
    lines = docx_lines(tmp_path, seed)
    expected, got = rows(seed), rows(lines)
    assert got.count(("Wat - actie", "Wie - Betrokkenen", "Wanneer - Tijdsplanning",
                      "Toelichting / update")) == 7  # fmt: skip
    assert ("Werkgroep 2 – Pedagogische Infrastructuur",) in got
    assert ("Belangrijke data",) in got
    same = [row for row in expected if row in got]
    assert len(same) >= 0.9 * len(expected), set(expected) - set(got)
    assert "- Materiaal" in lines and share(seed, lines) >= 0.99


# --- PDF -----------------------------------------------------------------------------------


def pdf_lines(tmp_path: Path, pages: list[list]) -> list[str]:
    source = tmp_path / "notulen.pdf"
    simple_pdf(pages, source)
    result = read_source(source)
    assert (result.kind, result.pages) == ("pdf", len(pages))
    clean_control(result.lines)
    return result.lines


def test_pdf_wrapped_paragraphs_are_joined_and_hyphenation_undone(tmp_path: Path) -> None:
    long = ("Samir licht het stuk toe. Het Alliantiebestuur komt als dagelijks bestuur van de "
            "Alliantie maandelijks bijeen en kent vaste agendapunten.")  # fmt: skip
    items = flow([long, "Korte alinea."])
    items += [
        (72, 700, "Wij willen huizen verduur-", 10, False),
        (72, 688, "zamen in Noord - waar Nieuw-", 10, False),
        (72, 676, "West ook mede-", 10, False),
        (72, 664, "eigenaar is. Verduurzamen telt.", 10, False),
    ]
    assert pdf_lines(tmp_path, [items]) == [
        long, "", "Korte alinea.", "",
        "Wij willen huizen verduurzamen in Noord - waar Nieuw-West ook mede-eigenaar is. "
        "Verduurzamen telt.",
    ]  # fmt: skip


def test_pdf_bullets_numbers_header_keys_and_short_lines_start_paragraphs(tmp_path: Path) -> None:
    items = [
        (72, 770, "Datum: 24 mei 2023", 10, False),
        (72, 758, "Locatie: Casa Sofia", 10, False),
        (72, 734, "3. Planning uitvoeringsplan", 10, False),
        (72, 722, "Het plan komt eraan.", 10, False),
        (72, 710, "Dan volgt de rest van de tekst op deze regel, die heel", 10, False),
        (72, 698, "lang doorloopt.", 10, False),
        (72, 686, "\u2022", 10, False), (90, 686, "Eerste punt dat over twee regels", 10, False),
        (90, 674, "doorloopt", 10, False),
        (72, 662, "\u2013", 10, False), (90, 662, "Tweede punt", 10, False),
        (72, 650, "o", 10, False), (90, 650, "Derde punt", 10, False),
        (72, 638, "Na de lijst.", 10, False),
    ]  # fmt: skip
    assert pdf_lines(tmp_path, [items]) == [
        "Datum: 24 mei 2023", "", "Locatie: Casa Sofia", "",
        "3. Planning uitvoeringsplan", "",
        "Het plan komt eraan.", "",
        "Dan volgt de rest van de tekst op deze regel, die heel lang doorloopt.", "",
        "- Eerste punt dat over twee regels doorloopt",
        "- Tweede punt",
        "- Derde punt", "",
        "Na de lijst.",
    ]  # fmt: skip


def test_pdf_bold_markers_superscript_and_bold_titles(tmp_path: Path) -> None:
    items = [
        (72, 770, "Besluit SDC in OT's", 10, True),
        (72, 758, "Het AB omarmt het voorstel (", 10, False),
        (240, 758, "Actie programmabureau", 10, True), (366, 758, ").", 10, False),
        (72, 734, "Volgens", 10, False), (120, 738, "5.1.2,e", 6, False),
        (148, 734, "is het klaar.", 10, False),
    ]  # fmt: skip
    assert pdf_lines(tmp_path, [items]) == [
        "Besluit SDC in OT's", "",
        "Het AB omarmt het voorstel (**Actie programmabureau**).", "",
        "Volgens ^{5.1.2,e} is het klaar.",
    ]  # fmt: skip


def test_pdf_running_headers_footers_and_page_numbers_are_dropped(tmp_path: Path) -> None:
    def page(number: int, text: str) -> list:
        return [
            (72, 800, "Notulen AB 24 mei 2023 - concept", 8, False),
            (72, 770, text, 10, False),
            (72, 40, f"Pagina {number} van 3", 8, False),
        ]

    pages = [page(1, "Eerste pagina zonder punt"), page(2, "loopt door op de tweede.")]
    lines = pdf_lines(tmp_path, [*pages, page(3, "Derde.")])
    assert lines == ["Eerste pagina zonder punt loopt door op de tweede.", "", "Derde."]


def test_pdf_ruled_table_rows_become_cell_lines(tmp_path: Path) -> None:
    xs = (60, 200, 300, 400, 540)

    def grid(top: float, bottom: float, cols: tuple[float, ...] = xs) -> list:
        return [(cols[0], top, cols[-1], top), (cols[0], bottom, cols[-1], bottom)] + [
            (x, top, x, bottom) for x in cols
        ]

    items = [
        (72, 780, "Datum", 10, False), (212, 780, "25 november 2025", 10, False),
        *grid(792, 774, (60, 200, 540)),
        (72, 750, "Werkgroep 1 - Het Jonge Kind", 10, True), *grid(762, 744, (60, 540)),
        (72, 730, "4 Actielijnen in", 10, False), (72, 718, "ontwikkeling", 10, False),
        (212, 730, "Tjalling/Sofie", 10, False), (412, 730, "Voor elk team een", 10, False),
        (412, 718, "actielijn:", 10, False), (412, 706, "\u2022 Jonge Kind", 10, False),
        *grid(742, 700),
        (72, 680, "Na de tabel.", 10, False),
    ]  # fmt: skip
    assert pdf_lines(tmp_path, [items]) == [
        "Datum\t25 november 2025", "",
        "\tWerkgroep 1 - Het Jonge Kind", "",
        "\t4 Actielijnen in ontwikkeling", "\tTjalling/Sofie", "\t",
        "\tVoor elk team een actielijn:", "- Jonge Kind", "",
        "Na de tabel.",
    ]  # fmt: skip


def test_pdf_unruled_header_block_as_key_tab_value(tmp_path: Path) -> None:
    items = [
        (72, 770, "Aanwezig", 10, False), (200, 770, "Femke Halsema, Burgemeester,", 10, False),
        (200, 758, "voorzitter AB", 10, False),
        (72, 746, "Van", 10, False), (200, 746, "Burgemeester Femke Halsema", 10, False),
        (72, 720, "1. Opening", 10, False),
    ]  # fmt: skip
    assert pdf_lines(tmp_path, [items]) == [
        "Aanwezig\tFemke Halsema, Burgemeester, voorzitter AB",
        "Van\tBurgemeester Femke Halsema", "",
        "1. Opening",
    ]  # fmt: skip


@pytest.fixture(scope="module")
def seed_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pdf")
    made = {}
    for name, seed in (("notulen", MINUTES), ("acties", ACTIONS)):
        docx = folder / f"{name}.docx"
        build_docx(seed.read_text(encoding="utf-8").split("\n"), docx)
        build_pdf(docx, folder / f"{name}.pdf")
        made[name] = folder / f"{name}.pdf"
    return made


@needs_tool(OFFICE, "LibreOffice (soffice)")
def test_seed_minutes_as_pdf_come_back_as_paragraphs(seed_pdfs: dict[str, Path]) -> None:
    seed = read_source(MINUTES).lines
    result = read_source(seed_pdfs["notulen"])
    lines = result.lines
    clean_control(lines)
    assert result.pages is not None and result.pages >= 15
    assert share(seed, lines) >= 0.95
    for item in filter(AGENDA_ITEM.match, seed):
        assert item in lines
    long = next(line for line in seed if line.startswith("Samir licht het stuk toe."))
    assert long in lines  # wrapped over six lines in the PDF: one line again
    text = "\n".join(lines)
    assert all(marker in text for marker in ACTION_MARKER.findall("\n".join(seed)))
    assert "Datum\tWoensdag 24 mei 2023, 15:30 – 16:30" in lines  # a row across a page break
    assert "Van\tBurgemeester Femke Halsema" in lines


@needs_tool(OFFICE, "LibreOffice (soffice)")
def test_seed_action_list_as_pdf_gives_rows_of_cells(seed_pdfs: dict[str, Path]) -> None:
    seed = read_source(ACTIONS).lines
    lines = read_source(seed_pdfs["acties"]).lines
    got = rows(lines)
    assert got.count(("Wat - actie", "Wie - Betrokkenen", "Wanneer - Tijdsplanning",
                      "Toelichting / update")) == 7  # fmt: skip
    assert ("Afgeronde acties en besluiten",) in got
    assert ("Opleiden onder schooltijd", "Jeroen/Otto", "Okt",
            "Positief besluit genomen om te starten met Opleiden onder Schooltijd. Actielijn "
            "heeft raakvlakken met Buurtmavo van Caland, dit wordt in de actielijn opgenomen.",
            ) in got  # fmt: skip
    firsts = {row[0] for row in rows(seed)}
    found = {row[0] for row in got}
    assert len(firsts & found) >= 0.75 * len(firsts)
    assert share(seed, lines) >= 0.95


def test_the_module_documents_its_limit() -> None:
    assert readers.MAX_IMPORT_BYTES == 25 * 2**20
