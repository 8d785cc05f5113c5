"""Reading a document to import: .docx, .pdf, .txt or .md, as normalized text lines.

Every format comes out in the shape of a Word document saved as text, so that one
parser reads them all: one paragraph per line; list items as ``- text``; Word's numbered
paragraphs as ``N. text``; headings as Markdown ``#`` lines; bold runs as ``**…**`` and
superscript as ``^{…}``; a table row of two cells as ``key<TAB>value``, a row of more
cells as one line per cell starting with a TAB and a blank line after the row. A PDF's
line wrapping is undone. Every line is NFC and holds no control character but TAB.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from samennw.errors import ImportSourceError

MAX_IMPORT_BYTES = 25 * 1024 * 1024  # a minutes document; larger ones are refused unread
SUPPORTED = (".docx", ".pdf", ".txt", ".md")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True, slots=True)
class SourceText:
    name: str  # the file as shown to users
    kind: str  # "txt" | "md" | "docx" | "pdf"
    lines: list[str]
    pages: int | None = None


def _clean(line: str) -> str:
    line = unicodedata.normalize("NFC", line.replace("\u00a0", " ").replace("\r", ""))
    return _CONTROL.sub("", line).rstrip()


def read_source(path: Path) -> SourceText:
    """The document at ``path`` as normalized lines; ImportSourceError (Dutch) when it
    cannot be read, is empty, too large, encrypted or has no text."""
    shown = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise ImportSourceError(
            f"{shown}: onbekend soort bestand '{path.suffix or '(geen extensie)'}'; "
            f"samennw leest {', '.join(SUPPORTED)}"
        )
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ImportSourceError(f"{shown}: bestand bestaat niet") from None
    except OSError as exc:
        raise ImportSourceError(f"{shown}: kan het bestand niet lezen ({exc.strerror})") from None
    if not path.is_file():
        raise ImportSourceError(f"{shown}: is geen bestand")
    if size > MAX_IMPORT_BYTES:
        raise ImportSourceError(
            f"{shown}: bestand is te groot ({size // (1024 * 1024)} MB; de grens is "
            f"{MAX_IMPORT_BYTES // (1024 * 1024)} MB)"
        )
    if size == 0:
        raise ImportSourceError(f"{shown}: bestand is leeg")
    kind = suffix[1:]
    pages: int | None = None
    if kind == "docx":
        lines = _docx_lines(path, shown)
    elif kind == "pdf":
        lines, pages = _pdf_lines(path, shown)
    else:
        lines = _text_lines(path.read_bytes(), shown)
    lines = [_clean(line) for line in lines]
    if not any(line.strip() for line in lines):
        raise ImportSourceError(f"{shown}: bestand bevat geen tekst")
    return SourceText(shown, kind, lines, pages)


def _text_lines(raw: bytes, shown: str) -> list[str]:
    if b"\x00" in raw:
        raise ImportSourceError(f"{shown}: bevat NUL-tekens; is dit wel een tekstbestand?")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # Word's "Opslaan als tekst"
    return text.replace("\r\n", "\n").split("\n")


# --- Word ------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_lines(path: Path, shown: str) -> list[str]:
    if not zipfile.is_zipfile(path):
        raise ImportSourceError(f"{shown}: is geen Word-document (.docx is een zip-bestand)")
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile):
        raise ImportSourceError(f"{shown}: is geen (leesbaar) Word-document") from None
    numbering = _numbering_formats(document)
    counters: dict[tuple[str, str], int] = {}
    out: list[str] = []
    for block in _blocks(document):
        if block.__class__.__name__ == "Table":
            out += _table_lines(block)
            continue
        text = _runs_text(block)
        if not text.strip():
            continue
        style = (block.style.name if block.style is not None else "") or ""
        level = re.match(r"Heading (\d)", style)
        num = _num_pr(block)
        if level:
            prefix = ""
            if num is not None:
                prefix = _number(num, numbering, counters)
            out += ["#" * int(level.group(1)) + " " + prefix + text.strip("* ").strip(), ""]
        elif num is not None:
            out += [_number(num, numbering, counters) + text.strip(), ""]
        elif style.startswith("List Bullet"):
            out += ["- " + text.strip(), ""]
        elif style.startswith("List Number"):
            key = ("style", style)
            counters[key] = counters.get(key, 0) + 1
            out += [f"{counters[key]}. {text.strip()}", ""]
        else:
            out += [text, ""]
    return out


def _blocks(document: Any) -> Iterator[Any]:
    """Paragraphs and tables of the body, in document order (public python-docx API)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in document.element.body.iterchildren():
        if child.tag == f"{_W}p":
            yield Paragraph(child, document)
        elif child.tag == f"{_W}tbl":
            yield Table(child, document)


def _runs_text(paragraph: Any) -> str:
    parts = []
    for run in paragraph.runs:
        text = run.text
        if not text:
            continue
        if run.font.superscript:
            parts.append("^{" + text.strip() + "}")
        elif run.bold and text.strip():
            lead = text[: len(text) - len(text.lstrip())]
            tail = text[len(text.rstrip()) :]
            parts.append(f"{lead}**{text.strip()}**{tail}")
        else:
            parts.append(text)
    return re.sub(r"\*\*\*\*", "", "".join(parts))


def _num_pr(paragraph: Any) -> tuple[str, str] | None:
    props = paragraph.paragraph_format.element.find(f"{_W}pPr")
    if props is None:
        return None
    num = props.find(f"{_W}numPr")
    if num is None:
        return None
    num_id = num.find(f"{_W}numId")
    level = num.find(f"{_W}ilvl")
    if num_id is None:
        return None
    return num_id.get(f"{_W}val", "0"), (level.get(f"{_W}val", "0") if level is not None else "0")


def _numbering_formats(document: Any) -> dict[tuple[str, str], str]:
    """(numId, level) → numFmt ('decimal', 'bullet', …) from numbering.xml."""
    formats: dict[tuple[str, str], str] = {}
    try:
        part = document.part.numbering_part
    except (NotImplementedError, KeyError, AttributeError):
        return formats
    root = part.element
    abstract: dict[str, dict[str, str]] = {}
    for node in root.findall(f"{_W}abstractNum"):
        levels = {}
        for lvl in node.findall(f"{_W}lvl"):
            fmt = lvl.find(f"{_W}numFmt")
            levels[lvl.get(f"{_W}ilvl", "0")] = (
                fmt.get(f"{_W}val", "decimal") if fmt is not None else "decimal"
            )
        abstract[node.get(f"{_W}abstractNumId", "")] = levels
    for num in root.findall(f"{_W}num"):
        ref = num.find(f"{_W}abstractNumId")
        if ref is None:
            continue
        for level, fmt in abstract.get(ref.get(f"{_W}val", ""), {}).items():
            formats[(num.get(f"{_W}numId", ""), level)] = fmt
    return formats


def _number(
    num: tuple[str, str], formats: dict[tuple[str, str], str], counters: dict[tuple[str, str], int]
) -> str:
    fmt = formats.get(num, "decimal")
    if fmt == "bullet":
        return "- "
    counters[num] = counters.get(num, 0) + 1
    for key in [k for k in counters if k[0] == num[0] and k[1] > num[1]]:
        del counters[key]  # a deeper level starts again under a new item
    return f"{counters[num]}. "


def _table_lines(table: Any) -> list[str]:
    out: list[str] = []
    for row in table.rows:
        cells = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell python-docx repeats
                continue
            seen.add(id(cell._tc))
            cells.append([_runs_text(p) for p in cell.paragraphs])
        if len(cells) == 2:
            out.append(
                " ".join(t.strip() for t in cells[0] if t.strip())
                + "\t"
                + " ".join(t.strip() for t in cells[1] if t.strip())
            )
            continue
        for paragraphs in cells:
            first, *rest = paragraphs or [""]
            out.append("\t" + first.strip())
            out += [p for p in rest if p.strip()]
        out.append("")
    out.append("")
    return out


# --- PDF -------------------------------------------------------------------------------


def _pdf_lines(path: Path, shown: str) -> tuple[list[str], int]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise ImportSourceError(
                f"{shown}: PDF is versleuteld (beveiligd met een wachtwoord); sla een "
                "onbeveiligde versie op en importeer die"
            )
        pages = [page.extract_text() or "" for page in reader.pages]
    except ImportSourceError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError):
        raise ImportSourceError(f"{shown}: is geen (leesbare) PDF") from None
    if not any(p.strip() for p in pages):
        raise ImportSourceError(
            f"{shown}: PDF heeft geen tekstlaag (een scan?); OCR nodig voordat samennw "
            "het kan lezen"
        )
    return unwrap(pages), len(pages)


_BULLET = re.compile(r"^\s*[•·▪◦●■\uf0b7\uf0a7-]\s*")
_STARTS_BLOCK = re.compile(
    r"^\s*(?:[•·▪◦●■\uf0b7\uf0a7]|-\s|\d{1,2}[.)]\s|#|"
    r"(?:Aanwezig|Afwezig|Van|Datum|Locatie|Bijlagen?|Besluitpunt|Notulen|Agenda)\b)",
    re.IGNORECASE,
)


def unwrap(pages: list[str]) -> list[str]:
    """The text of PDF pages as paragraphs: lines of one paragraph joined, hyphenated
    words rejoined, bullets as '- ', repeated headers/footers and page numbers dropped."""
    page_lines = [[line.rstrip() for line in page.split("\n")] for page in pages]
    repeated: set[str] = set()
    if len(page_lines) > 2:
        from collections import Counter

        edges = Counter(
            line.strip()
            for lines in page_lines
            for line in {*(lines[:2]), *(lines[-2:])}
            if line.strip()
        )
        repeated = {line for line, n in edges.items() if n >= len(page_lines) - 1}
    lines = [
        line
        for page in page_lines
        for line in page
        if line.strip() not in repeated and not re.fullmatch(r"\s*\d{1,3}\s*", line)
    ]
    width = max((len(line) for line in lines), default=0)
    out: list[str] = []
    current = ""
    previous_length = 0
    for line in lines:
        text = line.strip()
        if not text:
            if current:
                out += [current, ""]
                current = ""
            continue
        starts = bool(_STARTS_BLOCK.match(text))
        if _BULLET.match(text) and not text.startswith("- "):
            text = "- " + _BULLET.sub("", text, count=1)
        # a wrapped line fills the width; a paragraph's last line (or a title) does not
        full = previous_length >= 0.7 * width
        if current and not starts and full:
            if current.endswith("-") and not current.endswith(" -"):
                # "verduur-" + "zamen": one word; "Nieuw-" + "West": the hyphen stays
                current = current[:-1] + text if text[:1].islower() else current + text
            else:
                current = f"{current} {text}"
        else:
            if current:
                out += [current, ""]
            current = text
        previous_length = len(line)
    if current:
        out.append(current)
    return out
