"""Build .docx and .pdf test documents from plain text shaped like the seed exports.

No binary fixture is committed: the import tests build their Word and PDF documents
from the seed texts in ``tests/importing/data`` with this module, in a temporary folder.
It is also a script, to look at what the tests read::

    python tests/importing/make_fixtures.py SEED.txt OUT.docx [OUT.pdf] [--numbered]

The text shape (the one ``samennw.importing.readers`` produces, see its docstring):

- ``N. Titel`` alone between blank lines: an agenda heading, a Heading 2 paragraph with
  that text, or (``numbered=True``) a paragraph Word numbers itself (``numPr``; the text
  without its number, a new list instance with ``startOverride`` where the number does
  not follow on from the previous one, as Word's "Restart numbering" writes it);
- ``- x`` (and ``· x`` / ``• x``): a List Bullet paragraph;
- a block whose first line is ``Key<TAB>value``: a 2-column table (a line starting with a
  TAB in it is a row with an empty first cell);
- blocks whose first line starts with a TAB (seed 000's rows: one line per cell, a cell's
  further paragraphs on the lines after it): the rows of one table with as many columns
  as its widest row; a row of one cell spans the table (a merged row, as the section
  titles of an action list are);
- inline ``**x**`` bold, ``*x*`` italic, ``^{x}`` superscript; any other line a paragraph.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.table import Table
from docx.text.paragraph import Paragraph

OFFICE = shutil.which("soffice") or shutil.which("libreoffice")

AGENDA_ITEM = re.compile(r"^(\d{1,2})\.\s+(\S.*)$")
BULLET = re.compile(r"^\s*[-·•]\s+(.*)$")
INLINE = re.compile(r"(\*\*\*|\*\*|\*|\^\{[^}]*\})")
ABSTRACT_NUM_ID = 90  # the agenda numbering this builder adds to numbering.xml


@dataclass
class _Row:
    cells: list[list[str]] = field(default_factory=list)  # per cell its paragraphs


def _blocks(lines: Sequence[str]) -> Iterator[tuple[int, list[str]]]:
    """Runs of non-blank lines with the number of blank lines before each."""
    block: list[str] = []
    blanks = 0
    for line in lines:
        if line.strip() or line.startswith("\t"):  # a TAB alone: an empty table cell
            block.append(line.rstrip("\r\n "))
            continue
        if block:
            yield blanks, block
            block, blanks = [], 0
        blanks += 1
    if block:
        yield blanks, block


def _add_runs(paragraph: Paragraph, text: str) -> None:
    """Runs for ``text`` with its inline ``**bold**``, ``*italic*`` and ``^{superscript}``."""
    bold = italic = False
    for token in INLINE.split(text):
        if token == "***":
            bold, italic = not bold, not italic
        elif token == "**":
            bold = not bold
        elif token == "*":
            italic = not italic
        elif token.startswith("^{") and token.endswith("}"):
            run = paragraph.add_run(token[2:-1])
            run.font.superscript = True
            run.bold, run.italic = bold or None, italic or None
        elif token:
            run = paragraph.add_run(token)
            run.bold, run.italic = bold or None, italic or None


def _cell_rows(block: list[str]) -> _Row:
    row = _Row()
    for line in block:
        if line.startswith("\t"):
            row.cells.append([line[1:].strip()])
        else:
            row.cells[-1].append(line.strip())
    return row


class _Numbering:
    """Word's own numbering of agenda items: one abstract list, a list instance per run."""

    def __init__(self, document: DocumentObject) -> None:
        self.root = document.part.numbering_part.element
        self.next_num_id = 900
        self.current: int | None = None
        self.expected = 1
        self.root.insert(
            0,
            parse_xml(
                f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{ABSTRACT_NUM_ID}">'
                '<w:multiLevelType w:val="hybridMultilevel"/>'
                '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
                '<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>'
                '<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>'
                "</w:abstractNum>"
            ),
        )

    def num_id(self, number: int) -> int:
        """The list instance that gives the next paragraph ``number``."""
        if self.current is None or number != self.expected:
            self.current = self.next_num_id
            self.next_num_id += 1
            override = (
                f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{number}"/></w:lvlOverride>'
            )
            self.root.append(
                parse_xml(
                    f'<w:num {nsdecls("w")} w:numId="{self.current}">'
                    f'<w:abstractNumId w:val="{ABSTRACT_NUM_ID}"/>{override}</w:num>'
                )
            )
        self.expected = number + 1
        return self.current


def _number(paragraph: Paragraph, num_id: int) -> None:
    ppr = paragraph.paragraph_format.element.get_or_add_pPr()  # the w:p's w:pPr
    numpr = parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
    )
    after_style = 1 if len(ppr) and ppr[0].tag.endswith("}pStyle") else 0
    ppr.insert(after_style, numpr)


def _add_table(document: DocumentObject, rows: list[_Row], columns: int) -> Table:
    table = document.add_table(rows=0, cols=columns)
    table.style = "Table Grid"
    for row in rows:
        cells = table.add_row().cells
        if len(row.cells) == 1 and columns > 1:
            cells = (cells[0].merge(cells[-1]),)
        for cell, paragraphs in zip(cells, row.cells, strict=False):
            first, *rest = paragraphs
            _add_runs(cell.paragraphs[0], first)
            for text in rest:
                bullet = BULLET.match(text)
                if bullet:
                    _add_runs(cell.add_paragraph(style="List Bullet"), bullet.group(1))
                else:
                    _add_runs(cell.add_paragraph(), text)
    return table


def build_docx(lines: Sequence[str], out: Path, *, numbered: bool = False) -> None:
    """Write ``lines`` (seed-shaped text) as a Word document to ``out``."""
    document = Document()
    numbering = _Numbering(document) if numbered else None
    pending: list[_Row] = []

    def flush() -> None:
        if pending:
            _add_table(document, pending, max(len(r.cells) for r in pending))
            pending.clear()

    for blanks, block in _blocks(lines):
        if block[0].startswith("\t"):
            if blanks > 1:
                flush()
            pending.append(_cell_rows(block))
            continue
        flush()
        item = AGENDA_ITEM.match(block[0])
        if len(block) == 1 and item and len(block[0]) <= 100:
            if numbering is None:
                document.add_paragraph(block[0], style="Heading 2")
            else:
                paragraph = document.add_paragraph(item.group(2), style="List Paragraph")
                _number(paragraph, numbering.num_id(int(item.group(1))))
            continue
        if "\t" in block[0]:
            table = document.add_table(rows=0, cols=2)
            table.style = "Table Grid"
            for line in block:
                key, _, value = line.partition("\t")
                cells = table.add_row().cells
                _add_runs(cells[0].paragraphs[0], key.strip())
                _add_runs(cells[1].paragraphs[0], value.strip("\t "))
            continue
        for line in block:
            bullet = BULLET.match(line)
            if bullet:
                _add_runs(document.add_paragraph(style="List Bullet"), bullet.group(1))
            else:
                _add_runs(document.add_paragraph(), line.strip())
    flush()
    out.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(out))


def build_pdf(docx: Path, out: Path) -> None:
    """Convert ``docx`` to a PDF at ``out`` with LibreOffice (a private profile per call)."""
    if OFFICE is None:
        raise RuntimeError("LibreOffice (soffice) is niet geïnstalleerd")
    with tempfile.TemporaryDirectory(prefix="samennw-soffice-") as scratch:
        work = Path(scratch)
        source = work / "bron.docx"
        shutil.copyfile(docx, source)
        result = subprocess.run(
            [
                OFFICE,
                "--headless",
                "--norestore",
                f"-env:UserInstallation={(work / 'profiel').as_uri()}",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work),
                str(source),
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        made = work / "bron.pdf"
        if not made.exists():
            raise RuntimeError(f"soffice maakte geen PDF: {result.stdout}{result.stderr}")
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(made, out)


def main(argv: Sequence[str]) -> int:
    args = [a for a in argv if a != "--numbered"]
    if len(args) not in (2, 3):
        print(__doc__.split("\n\n")[2], file=sys.stderr)
        return 2
    seed, docx = Path(args[0]), Path(args[1])
    text = seed.read_text(encoding="utf-8")
    build_docx(text.splitlines(), docx, numbered="--numbered" in argv)
    if len(args) == 3:
        build_pdf(docx, Path(args[2]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))


# --- small PDFs written by hand (no LibreOffice needed) ------------------------------------

Text = tuple[float, float, str, float, bool]  # x, y (baseline), text, size, bold
Rule = tuple[float, float, float, float]  # a painted line from (x0, y0) to (x1, y1)


def _pdf_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return escaped.encode("cp1252").decode("latin-1")


def simple_pdf(pages: Sequence[Sequence[Text | Rule]], out: Path) -> None:
    """A PDF of A4 pages with text at given places (Courier, WinAnsi) and ruling lines.

    An item of 5 values is text ``(x, y, text, size, bold)``; of 4 values a line. The
    fonts carry their glyph widths (600/1000 em), as an office program's PDF does.
    """
    objects: list[str] = []

    def add(body: str) -> int:
        objects.append(body)
        return len(objects)

    widths = " ".join(["600"] * 224)
    regular = add(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding "
        f"/FirstChar 32 /LastChar 255 /Widths [{widths}] >>"
    )
    bold = add(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Courier-Bold /Encoding /WinAnsiEncoding "
        f"/FirstChar 32 /LastChar 255 /Widths [{widths}] >>"
    )
    pages_id = len(objects) + 1 + 2 * len(pages)
    kids = []
    for items in pages:
        ops = []
        for item in items:
            if len(item) == 5:
                x, y, text, size, heavy = item  # type: ignore[misc]
                font = "F2" if heavy else "F1"
                ops.append(f"BT /{font} {size} Tf {x} {y} Td ({_pdf_string(text)}) Tj ET")
            else:
                x0, y0, x1, y1 = item  # type: ignore[misc]
                ops.append(f"0.5 w {x0} {y0} m {x1} {y1} l S")
        stream = "\n".join(ops)
        content = add(f"<< /Length {len(stream.encode('latin-1'))} >>\nstream\n{stream}\nendstream")
        kids.append(
            add(
                f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 595 842] "
                f"/Resources << /Font << /F1 {regular} 0 R /F2 {bold} 0 R >> >> "
                f"/Contents {content} 0 R >>"
            )
        )
    add(f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>")
    catalog = add(f"<< /Type /Catalog /Pages {pages_id} 0 R >>")
    data = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(data))
        data += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(data)
    data += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    data += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    data += (
        f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    ).encode()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)


def flow(
    paragraphs: Sequence[str],
    *,
    width: int = 60,
    x: float = 72,
    top: float = 770,
    size: float = 10,
    leading: float = 12,
    gap: float = 8,
) -> list[Text]:
    """Paragraphs wrapped at ``width`` characters, as lines of text on one page (a helper
    for the tests: the PDF then has to be unwrapped again)."""
    import textwrap

    items: list[Text] = []
    y = top
    for paragraph in paragraphs:
        for line in textwrap.wrap(paragraph, width, break_on_hyphens=False) or [""]:
            items.append((x, y, line, size, False))
            y -= leading
        y -= gap
    return items
