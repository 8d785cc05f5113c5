"""Reading a document to import: .docx, .pdf, .txt or .md, as normalized text lines.

Every format comes out in the shape of a Word document saved as text (the seed exports
in ``tests/importing/data``), so that one parser reads them all. The contract:

- one paragraph per line, a blank line between paragraphs (consecutive list items have
  none); a line break inside a Word paragraph starts a new line;
- list items as ``- text`` (Word bullets; ``•``, ``·``, ``▪``, ``◦``, ``o``, ``–`` bullets
  in a PDF or typed by hand); Word's own numbered paragraphs as ``N. text`` (the label
  as Word shows it: ``numbering.xml``'s format, counted per list as Word does, restarts
  included);
- Word headings (Heading 1–9, or an outline level) as Markdown: ``## 2. Verslag``;
- inline bold as ``**…**`` (not when the whole paragraph is bold: a bold title stays
  plain, except a paragraph starting with "Actie" or "Besluit:", which keeps its
  marker), superscript as ``^{…}`` (the Woo redaction codes of published minutes);
  italic is not marked; in a PDF bold comes from the font's name, superscript from a
  smaller raised font;
- a table row of two cells: one line ``key<TAB>value`` (a cell's paragraphs joined by a
  space); a row of three or more cells (or one cell spanning a table that has three or
  more columns): each cell on a line starting with a TAB (an empty cell is a TAB alone),
  the cell's further paragraphs on the lines after it without a TAB and without blank
  lines, and one blank line after the row; a cell merged across columns or rows is
  written once; a one-column table is read as paragraphs;
- PDF: line wrapping undone (see :func:`_paragraphs`), running headers and footers and
  bare page numbers dropped, table rows recovered from the x positions where the text
  shows them (best effort: rows are told apart by the table's ruling lines, otherwise by
  the vertical gaps);
- .txt lines as they are (trailing white space stripped, CRLF normalised), .md as is;
- every line is Unicode NFC and holds no control character but TAB.
"""

from __future__ import annotations

import io
import itertools
import math
import re
import statistics
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from samennw.errors import ImportSourceError

MAX_IMPORT_BYTES = 25 * 1024 * 1024  # checked with stat before the file is read
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a .docx's parts together, unpacked
SUPPORTED = (".docx", ".pdf", ".txt", ".md")
_KINDS = {".docx": "docx", ".pdf": "pdf", ".txt": "txt", ".md": "md"}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted .docx, or an old .doc

# Control characters (TAB aside) go; line and page breaks of plain text become new lines.
_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n", "\u2028": "\n", "\u2029": "\n"})
_DROP = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u00ad\u200b\u2060\ufeff]")
_TRAILING = re.compile(r"[^\S\t]+$")  # white space at the end of a line, TABs excepted


@dataclass(frozen=True, slots=True)
class SourceText:
    """A document as normalized lines (module docstring), ready for the parsers."""

    name: str  # the file as shown to users (as given)
    kind: str  # "txt" | "md" | "docx" | "pdf"
    lines: list[str]
    pages: int | None = None  # pdf/docx page count where known
    notes: tuple[str, ...] = ()  # Dutch remarks for the report (e.g. the encoding used)


def read_source(path: Path) -> SourceText:
    """The document at ``path`` as normalized lines.

    Raises :class:`ImportSourceError` (Dutch, naming the file) when it is missing, a
    folder, of an unsupported kind, empty, over :data:`MAX_IMPORT_BYTES`, not a Word
    document, an encrypted or damaged PDF, or a PDF without a text layer.
    """
    shown = str(path)
    suffix = path.suffix.lower()
    if suffix not in _KINDS:
        hint = "; sla het op als .docx" if suffix in (".doc", ".rtf", ".odt") else ""
        raise ImportSourceError(
            f"{shown}: onbekend soort bestand '{path.suffix or '(geen extensie)'}'; "
            f"ondersteund: {', '.join(SUPPORTED)}{hint}"
        )
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ImportSourceError(f"{shown}: bestand niet gevonden") from None
    except OSError as exc:
        raise ImportSourceError(f"{shown}: kan het bestand niet lezen ({exc.strerror})") from None
    if path.is_dir():
        raise ImportSourceError(f"{shown}: is een map, geen bestand")
    if info.st_size > MAX_IMPORT_BYTES:
        raise ImportSourceError(
            f"{shown}: bestand is te groot ({info.st_size / 2**20:.1f} MB; "
            f"samennw leest tot {MAX_IMPORT_BYTES // 2**20} MB)"
        )
    if info.st_size == 0:
        raise ImportSourceError(f"{shown}: bestand is leeg (0 bytes)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportSourceError(f"{shown}: kan het bestand niet lezen ({exc.strerror})") from None
    kind = _KINDS[suffix]
    pages: int | None = None
    notes: tuple[str, ...] = ()
    if kind == "docx":
        lines, pages = _docx_lines(data, shown)
    elif kind == "pdf":
        lines, pages = _pdf_lines(data, shown)
    else:
        text, notes = _decode(data, shown)
        lines = text.split("\n")
    lines = _normalize(lines, keep_start=kind in ("txt", "md"))
    if not any(line.strip() for line in lines):
        raise ImportSourceError(f"{shown}: bestand is leeg (er staat geen tekst in)")
    return SourceText(shown, kind, lines, pages, notes)


def _normalize(lines: Iterable[str], *, keep_start: bool = False) -> list[str]:
    """NFC, no control characters but TAB, no trailing spaces; no blank lines at the end,
    nor at the start unless ``keep_start`` (a text file's line numbers stay those of the
    file, for messages with file:line)."""
    out: list[str] = []
    for raw in lines:
        for line in raw.translate(_BREAKS).split("\n"):
            line = _DROP.sub("", line.replace("\u00a0", " "))
            out.append(_TRAILING.sub("", unicodedata.normalize("NFC", line)))
    while out and not out[-1].strip(" "):
        out.pop()
    start = 0
    while not keep_start and start < len(out) and not out[start].strip(" "):
        start += 1
    return out[start:]


# --- text ----------------------------------------------------------------------------------


def _decode(data: bytes, shown: str) -> tuple[str, tuple[str, ...]]:
    """Text bytes as str: UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportSourceError(f"{shown}: is geen leesbare UTF-16-tekst") from None
        notes: tuple[str, ...] = (f"{shown}: gelezen als UTF-16",)
    elif b"\x00" in data:
        raise ImportSourceError(
            f"{shown}: bevat NUL-tekens; dit is geen tekstbestand (sla het op als tekst, UTF-8)"
        )
    else:
        try:
            text, notes = data.decode("utf-8-sig"), ()
        except UnicodeDecodeError as exc:
            where = data[: exc.start].count(b"\n") + 1
            try:
                text = data.decode("cp1252")
                used = "Windows-1252 (zoals Word's 'Opslaan als tekst')"
            except UnicodeDecodeError:
                text = data.decode("latin-1")
                used = "Latin-1"
            notes = (f"{shown}: geen UTF-8 (regel {where}); gelezen als {used}",)
    if "\x00" in text:
        raise ImportSourceError(f"{shown}: bevat NUL-tekens; dit is geen tekstbestand")
    return text.replace("\r\n", "\n").replace("\r", "\n"), notes


# --- shared: inline markup and bullets -----------------------------------------------------


@dataclass(slots=True)
class _Piece:
    """A stretch of text with one formatting."""

    text: str
    bold: bool = False
    sup: bool = False


_MARKER_START = re.compile(r"(?:actie\b|besluit\s*:)", re.IGNORECASE)
_TYPED_BULLET = re.compile(r"^(?:[•·▪◦●■‣⁃\uf0b7\uf0a7\uf0d8\uf076\uf0fc➢►✓-]|o(?=\t))\s*")


def _markup(pieces: Sequence[_Piece]) -> str:
    """``pieces`` as one string with ``**bold**`` and ``^{superscript}`` (italic is not
    written: it carries nothing the parsers read, and a rendered minutes' italic
    attachment line must read back as the plain text it was)."""
    merged: list[_Piece] = []
    for piece in pieces:
        if not piece.text:
            continue
        if merged and (merged[-1].bold, merged[-1].sup) == (piece.bold, piece.sup):
            merged[-1].text += piece.text
        else:
            merged.append(_Piece(piece.text, piece.bold, piece.sup))
    visible = [p for p in merged if p.text.strip() and not p.sup]
    if visible and all(p.bold for p in visible):
        plain = "".join(p.text for p in merged).strip()
        if not _MARKER_START.match(plain):  # a bold title: no markers
            merged = [_Piece(p.text, False, p.sup) for p in merged]
    out: list[str] = []
    index = 0
    while index < len(merged):
        bold = merged[index].bold
        end = index
        while end < len(merged) and merged[end].bold == bold:
            end += 1
        text = "".join(_wrap(p.text, "^{", "}") if p.sup else p.text for p in merged[index:end])
        out.append(_wrap(text, "**") if bold else text)
        index = end
    return "".join(out)


def _wrap(text: str, mark: str, close: str | None = None) -> str:
    """``mark`` (and ``close``, else ``mark`` again) around ``text``, white space at its
    ends kept outside."""
    core = text.strip()
    if not core:
        return text
    start = text.index(core[0])
    end = mark if close is None else close
    return f"{text[:start]}{mark}{core}{end}{text[start + len(core) :]}"


def _as_bullet(text: str) -> str | None:
    """``- rest`` when ``text`` starts with a typed bullet, else None."""
    match = _TYPED_BULLET.match(text)
    if match is None or match.end() == len(text):
        return None
    if text.startswith("-") and not text[1:2].isspace():
        return None  # "-5 graden", "--"
    return "- " + text[match.end() :].lstrip()


# --- Word ----------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = f"{_W}val"
_OFF = ("0", "false", "off", "none")


def _docx_lines(data: bytes, shown: str) -> tuple[list[str], int | None]:
    if data.startswith(_OLE):
        raise ImportSourceError(
            f"{shown}: is een versleuteld Word-document of een oud .doc-bestand; sla het "
            "op als .docx zonder wachtwoord"
        )
    stream = io.BytesIO(data)
    try:
        with zipfile.ZipFile(stream) as archive:
            unpacked = sum(item.file_size for item in archive.infolist())
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise ImportSourceError(
            f"{shown}: is geen Word-document (een .docx is een zip-archief; dit niet)"
        ) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportSourceError(
            f"{shown}: Word-document is uitgepakt te groot ({unpacked // 2**20} MB)"
        )
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(stream)
        reader = _WordReader(document)
        lines = reader.read()
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, SyntaxError):
        raise ImportSourceError(
            f"{shown}: is geen (leesbaar) Word-document; open het in Word en sla het "
            "opnieuw op als .docx"
        ) from None
    return lines, reader.pages()


@dataclass(slots=True)
class _Style:
    name: str = ""
    based_on: str | None = None
    outline: int | None = None  # 0-based outline level
    num: tuple[str, int] | None = None  # (numId, ilvl)
    bold: bool | None = None
    sup: bool | None = None


@dataclass(slots=True)
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass(slots=True)
class _Num:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)  # ilvl -> startOverride
    levels: dict[int, _Level] = field(default_factory=dict)  # lvlOverride's own w:lvl


def _on(element: Any) -> bool | None:
    """A w:b/w:i toggle: None when absent."""
    if element is None:
        return None
    return element.get(_VAL, "1").lower() not in _OFF


class _WordReader:
    """A python-docx document's body as normalized lines (the module's contract)."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.styles = self._styles()
        self.abstracts, self.nums = self._numbering()
        self.counters: dict[str, list[int | None]] = {}
        self.used_nums: set[tuple[str, int]] = set()
        self.style_lists: dict[str, int] = {}
        self.out: list[str] = []
        self.previous: str | None = None  # "list", "row" or "block" for the spacing

    # styles and numbering ------------------------------------------------------------

    def _styles(self) -> dict[str, _Style]:
        styles: dict[str, _Style] = {}
        root = self.document.styles.element
        for node in root.iterchildren(f"{_W}style"):
            style = _Style()
            name = node.find(f"{_W}name")
            style.name = (name.get(_VAL, "") if name is not None else "").lower()
            based = node.find(f"{_W}basedOn")
            style.based_on = based.get(_VAL) if based is not None else None
            ppr = node.find(f"{_W}pPr")
            if ppr is not None:
                style.outline = _int(ppr.find(f"{_W}outlineLvl"))
                style.num = _num_pr(ppr)
            rpr = node.find(f"{_W}rPr")
            if rpr is not None:
                style.bold = _on(rpr.find(f"{_W}b"))
                align = rpr.find(f"{_W}vertAlign")
                if align is not None:
                    style.sup = align.get(_VAL) == "superscript"
            styles[node.get(f"{_W}styleId", "")] = style
        return styles

    def _style_chain(self, style_id: str | None) -> Iterator[_Style]:
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style
            style_id = style.based_on

    def _inherited(self, style_id: str | None, attribute: str) -> Any:
        for style in self._style_chain(style_id):
            value = getattr(style, attribute)
            if value is not None:
                return value
        return None

    def _numbering(self) -> tuple[dict[str, dict[int, _Level]], dict[str, _Num]]:
        abstracts: dict[str, dict[int, _Level]] = {}
        nums: dict[str, _Num] = {}
        part = self.document.part
        if not any(rel.reltype.endswith("/numbering") for rel in part.rels.values()):
            return abstracts, nums
        root = part.numbering_part.element
        links: dict[str, str] = {}
        for node in root.iterchildren(f"{_W}abstractNum"):
            key = node.get(f"{_W}abstractNumId", "")
            abstracts[key] = {
                int(lvl.get(f"{_W}ilvl", "0")): _level(lvl) for lvl in node.iterchildren(f"{_W}lvl")
            }
            link = node.find(f"{_W}numStyleLink")
            if link is not None:
                links[key] = link.get(_VAL, "")
        for node in root.iterchildren(f"{_W}num"):
            ref = node.find(f"{_W}abstractNumId")
            num = _Num(ref.get(_VAL, "") if ref is not None else "")
            for override in node.iterchildren(f"{_W}lvlOverride"):
                ilvl = int(override.get(f"{_W}ilvl", "0"))
                start = _int(override.find(f"{_W}startOverride"))
                if start is not None:
                    num.starts[ilvl] = start
                lvl = override.find(f"{_W}lvl")
                if lvl is not None:
                    num.levels[ilvl] = _level(lvl)
            nums[node.get(f"{_W}numId", "")] = num
        for key, style_id in links.items():  # a list style: its numbering lives elsewhere
            style_num = self._inherited(style_id, "num")
            target = nums.get(style_num[0]) if style_num else None
            if target is not None and target.abstract in abstracts:
                abstracts[key] = abstracts[target.abstract]
        return abstracts, nums

    def _label(self, num_id: str, ilvl: int) -> str | None:
        """The label Word shows for the next paragraph of list ``num_id`` at ``ilvl``."""
        num = self.nums.get(num_id)
        if num is None or num.abstract not in self.abstracts:
            return None
        levels = {**self.abstracts[num.abstract], **num.levels}
        level = levels.get(ilvl, _Level())
        if level.fmt == "bullet":
            return "-"
        counters = self.counters.setdefault(num.abstract, [None] * 10)
        ilvl = min(max(ilvl, 0), 9)
        first_use = (num_id, ilvl) not in self.used_nums
        self.used_nums.add((num_id, ilvl))
        current = counters[ilvl]
        if first_use and ilvl in num.starts:
            current = num.starts[ilvl] - 1  # Word's "restart numbering"
        elif current is None:
            current = level.start - 1
        counters[ilvl] = current + 1
        for deeper in range(ilvl + 1, 10):
            counters[deeper] = None
        if level.fmt == "none":
            return ""

        def value(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            lvl = levels.get(k, _Level())
            count = counters[k] if counters[k] is not None else lvl.start
            return _format_number(count or 0, lvl.fmt)

        return re.sub(r"%([1-9])", value, level.text).strip()

    # body --------------------------------------------------------------------------------

    def read(self) -> list[str]:
        for child in _block_children(self.document.element.body):
            if child.tag == f"{_W}p":
                self._paragraph(child)
            elif child.tag == f"{_W}tbl":
                self._table(child)
        return self.out

    def pages(self) -> int | None:
        """Word's page count: rendered page breaks, else docProps/app.xml when it counted."""
        body = self.document.element.body
        breaks = len(body.findall(f".//{_W}lastRenderedPageBreak"))
        if breaks:
            return breaks + 1
        for part in self.document.part.package.iter_parts():
            if str(part.partname) == "/docProps/app.xml":
                from docx.oxml import parse_xml

                ns = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
                try:
                    root = parse_xml(part.blob)
                except (SyntaxError, ValueError):
                    return None
                pages, words = root.find(f"{ns}Pages"), root.find(f"{ns}Words")
                if pages is not None and words is not None and (words.text or "0") != "0":
                    return int(pages.text or "0") or None
        return None

    def _emit(self, lines: list[str], kind: str) -> None:
        if not lines:
            return
        together = kind == "list" and self.previous == "list"
        if self.out and not together and self.out[-1] != "":
            self.out.append("")
        self.out += lines
        self.previous = kind

    def _paragraph(self, p: Any) -> None:
        text, kind = self._paragraph_text(p)
        if text.strip():
            self._emit(text.split("\n"), kind)

    def _paragraph_text(self, p: Any, *, in_table: bool = False) -> tuple[str, str]:
        """A paragraph as its line(s) and its kind ('list' or 'block')."""
        ppr = p.find(f"{_W}pPr")
        style_id = None
        num = None
        outline = None
        if ppr is not None:
            pstyle = ppr.find(f"{_W}pStyle")
            style_id = pstyle.get(_VAL) if pstyle is not None else None
            num = _num_pr(ppr)
            outline = _int(ppr.find(f"{_W}outlineLvl"))
        style_bold = bool(self._inherited(style_id, "bold"))
        pieces = list(self._runs(p, style_bold))
        text = _markup(pieces)
        lines = [line.strip() for line in text.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            return "", "block"
        if num is None:
            num = self._inherited(style_id, "num")
        if outline is None:
            outline = self._inherited(style_id, "outline")
        name = next((s.name for s in self._style_chain(style_id) if s.name), "")
        heading = re.fullmatch(r"heading ([1-9])", name)
        level = int(heading.group(1)) if heading else None
        if level is None and outline is not None and 0 <= outline < 9:
            level = outline + 1
        label: str | None = None
        if num is not None and num[0] != "0":
            label = self._label(*num)
        elif name.startswith("list bullet"):
            label = "-"
        elif name.startswith("list number"):
            count = self.style_lists.get(name, 0) + 1
            self.style_lists[name] = count
            label = f"{count}."
        if level is not None and not in_table:
            plain = re.sub(r"\*\*|(?<!\*)\*(?!\*)", "", lines[0])
            prefix = f"{label} " if label and label != "-" else ""
            return "\n".join([f"{'#' * level} {prefix}{plain}", *lines[1:]]), "block"
        if label == "-":
            return "\n".join([f"- {lines[0]}", *lines[1:]]), "list"
        if label:
            return "\n".join([f"{label} {lines[0]}", *lines[1:]]), "list"
        bullet = _as_bullet(lines[0])
        if bullet is not None:
            return "\n".join([bullet, *lines[1:]]), "list"
        return "\n".join(lines), "block"

    def _runs(self, p: Any, style_bold: bool) -> Iterator[_Piece]:
        field_depth: list[bool] = []  # per open complex field: showing its result yet?
        for run in _paragraph_runs(p):
            rpr = run.find(f"{_W}rPr")
            bold = sup = None
            if rpr is not None:
                if _on(rpr.find(f"{_W}vanish")):
                    continue
                bold = _on(rpr.find(f"{_W}b"))
                align = rpr.find(f"{_W}vertAlign")
                if align is not None:
                    sup = align.get(_VAL) == "superscript"
                rstyle = rpr.find(f"{_W}rStyle")
                if rstyle is not None:
                    char_style = rstyle.get(_VAL)
                    bold = bold if bold is not None else self._inherited(char_style, "bold")
                    sup = sup if sup is not None else self._inherited(char_style, "sup")
            parts: list[str] = []
            for node in run.iterchildren():
                tag = node.tag
                if tag == f"{_W}fldChar":
                    kind = node.get(f"{_W}fldCharType")
                    if kind == "begin":
                        field_depth.append(False)
                    elif kind == "separate" and field_depth:
                        field_depth[-1] = True
                    elif kind == "end" and field_depth:
                        field_depth.pop()
                    continue
                if field_depth and not field_depth[-1]:
                    continue  # a field's instruction
                if tag == f"{_W}t":
                    parts.append(node.text or "")
                elif tag in (f"{_W}tab", f"{_W}ptab"):
                    parts.append("\t")
                elif tag == f"{_W}br":
                    parts.append(" " if node.get(f"{_W}type") in ("page", "column") else "\n")
                elif tag == f"{_W}cr":
                    parts.append("\n")
                elif tag == f"{_W}noBreakHyphen":
                    parts.append("-")
            text = "".join(parts)
            if text:
                yield _Piece(text, bool(bold) and not style_bold, bool(sup))

    def _table(self, tbl: Any) -> None:
        rows = [list(_row_cells(tr)) for tr in tbl.iterchildren(f"{_W}tr")]
        widest = max((len(cells) for cells in rows), default=0)
        grid = tbl.find(f"{_W}tblGrid")
        columns = max(widest, len(grid.findall(f"{_W}gridCol")) if grid is not None else 0)
        table_lines: list[str] = []
        for cells in rows:
            contents = [self._cell(tc, continued) for tc, continued in cells]
            if len(cells) == 2:
                key, value = (" ".join(line for line, _ in c) for c in contents)
                table_lines.append(f"{key}\t{value}")
            elif len(cells) >= 3 or (len(cells) == 1 and columns >= 3):
                if table_lines and table_lines[-1] != "":
                    table_lines.append("")  # a 2-cell row before: end it
                for content in contents:
                    first, *rest = content or [("", "block")]
                    table_lines.append("\t" + first[0])
                    table_lines += [line for line, _ in rest]
                table_lines.append("")
            else:  # a one-column table: its cells are paragraphs
                for content in contents:
                    for line, _kind in content:
                        if table_lines and table_lines[-1] != "":
                            table_lines.append("")
                        table_lines.append(line)
                if table_lines and table_lines[-1] != "":
                    table_lines.append("")
        while table_lines and table_lines[-1] == "":
            table_lines.pop()
        self._emit(table_lines, "row")

    def _cell(self, tc: Any, continued: bool) -> list[tuple[str, str]]:
        """A cell's paragraphs as (line, kind); a cell merged from above is empty."""
        if continued:
            return []
        out: list[tuple[str, str]] = []
        for child in _block_children(tc):
            if child.tag == f"{_W}p":
                text, kind = self._paragraph_text(child, in_table=True)
                out += [(line, kind) for line in text.split("\n") if line.strip()]
            elif child.tag == f"{_W}tbl":  # a table in a cell: its text, cell by cell
                for tr in child.iterchildren(f"{_W}tr"):
                    for inner, inner_continued in _row_cells(tr):
                        out += self._cell(inner, inner_continued)
        return out


def _block_children(parent: Any) -> Iterator[Any]:
    """w:p and w:tbl children in document order, through content controls."""
    for child in parent.iterchildren():
        tag = child.tag
        if tag in (f"{_W}p", f"{_W}tbl"):
            yield child
        elif tag in (f"{_W}sdt", f"{_W}customXml"):
            content = child.find(f"{_W}sdtContent") if tag == f"{_W}sdt" else child
            if content is not None:
                yield from _block_children(content)


_RUN_CONTAINERS = frozenset(
    f"{_W}{tag}"
    for tag in ("hyperlink", "ins", "moveTo", "smartTag", "fldSimple", "customXml", "dir", "bdo")
)


def _paragraph_runs(parent: Any) -> Iterator[Any]:
    """A paragraph's w:r in order: inside links, insertions, fields and content controls;
    not deleted text nor the paragraphs of text boxes."""
    for child in parent.iterchildren():
        tag = child.tag
        if tag == f"{_W}r":
            yield child
        elif tag in _RUN_CONTAINERS:
            yield from _paragraph_runs(child)
        elif tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _paragraph_runs(content)


def _row_cells(tr: Any) -> Iterator[tuple[Any, bool]]:
    """A row's cells once each (a horizontal merge is one w:tc), with 'merged from above'."""
    for child in tr.iterchildren():
        if child.tag == f"{_W}tc":
            tcpr = child.find(f"{_W}tcPr")
            merge = tcpr.find(f"{_W}vMerge") if tcpr is not None else None
            yield child, merge is not None and merge.get(_VAL, "continue") == "continue"
        elif child.tag in (f"{_W}sdt", f"{_W}customXml"):
            content = child.find(f"{_W}sdtContent") if child.tag == f"{_W}sdt" else child
            if content is not None:
                yield from _row_cells(content)


def _int(element: Any) -> int | None:
    if element is None:
        return None
    try:
        return int(element.get(_VAL, ""))
    except ValueError:
        return None


def _num_pr(ppr: Any) -> tuple[str, int] | None:
    numpr = ppr.find(f"{_W}numPr")
    if numpr is None:
        return None
    num_id = numpr.find(f"{_W}numId")
    if num_id is None:
        return None
    return num_id.get(_VAL, "0"), _int(numpr.find(f"{_W}ilvl")) or 0


def _level(lvl: Any) -> _Level:
    fmt = lvl.find(f"{_W}numFmt")
    text = lvl.find(f"{_W}lvlText")
    start = _int(lvl.find(f"{_W}start"))
    return _Level(
        fmt.get(_VAL, "decimal") if fmt is not None else "decimal",
        text.get(_VAL, "") if text is not None else "",
        1 if start is None else start,
    )


_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def _format_number(number: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter") and number > 0:
        letters = ""
        n = number
        while n > 0:
            n, rest = divmod(n - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman") and 0 < number < 4000:
        roman = ""
        n = number
        for value, digits in _ROMAN:
            while n >= value:
                roman += digits
                n -= value
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{number:02d}"
    return str(number)


# --- PDF -----------------------------------------------------------------------------------

_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_PDF_BULLET = re.compile(r"^(?:[•·▪◦●■‣⁃\uf0b7\uf0a7\uf0d8\uf076\uf0fc➢►✓]|[-–—o](?=\s))\s*")
_LIST_LABEL = re.compile(
    r"^(?:\d{1,3}[.)]|[a-z][.)]|[•·▪◦●■‣⁃\uf0b7\uf0a7\uf0d8\uf076\uf0fc➢►✓o–-])$"
)
_NUMBERED = re.compile(r"^\d{1,3}[.)]\s+\S")
_HEADER_KEY = re.compile(
    r"^(?:Aanwezig|Afwezig(?: met bericht)?|Afgemeld|Datum|Locatie|Plaats|Tijd|Van|Voorzitter"
    r"|Notulist|Secretaris|Bijlagen?|Kenmerk|Onderwerp|Aan|Cc)(?:\s*:|\t|\s{2,}|$)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?:;]\**\)?[\"'”’]?$")
_PAGE_NUMBER = re.compile(
    r"^(?:(?:pagina|page|blz\.?)\s*)?[-–]?\s*\d{1,4}\s*[-–]?(?:\s*(?:/|van|of)\s*\d{1,4})?$",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Chunk:
    """A run of text on one baseline, as pypdf reports it, with its extent."""

    x0: float
    x1: float
    y: float
    size: float
    bold: bool
    text: str


@dataclass(slots=True)
class _Line:
    y: float
    size: float
    chunks: list[_Chunk]
    page: int
    cells: list[tuple[float, list[_Piece]]] = field(default_factory=list)

    @property
    def x0(self) -> float:
        return self.cells[0][0] if self.cells else self.chunks[0].x0

    @property
    def x1(self) -> float:
        return max(c.x1 for c in self.chunks)

    def text(self) -> str:
        return "\t".join("".join(p.text for p in pieces) for _, pieces in self.cells).strip()


def _pdf_lines(data: bytes, shown: str) -> tuple[list[str], int]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError, PyPdfError

    broken = (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, IndexError,
              AttributeError, OSError, RecursionError, ZeroDivisionError)  # fmt: skip
    if b"%PDF" not in data[:1024]:
        raise ImportSourceError(f"{shown}: is geen PDF (het bestand begint niet met %PDF)")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            opened: int
            try:
                opened = reader.decrypt("")
            except (NotImplementedError, *broken):
                opened = 0
            if not opened:
                raise ImportSourceError(
                    f"{shown}: PDF is versleuteld (met een wachtwoord beveiligd); sla een "
                    "onbeveiligde versie op en importeer die"
                )
        pages = [_page_chunks(page) for page in reader.pages]
    except ImportSourceError:
        raise
    except broken as exc:
        raise ImportSourceError(
            f"{shown}: is geen (leesbare) PDF: beschadigd ({type(exc).__name__})"
        ) from None
    if not any(chunk.text.strip() for page in pages for chunk in page.chunks):
        raise ImportSourceError(
            f"{shown}: PDF heeft geen tekstlaag (een scan?); OCR nodig voordat samennw het "
            "kan lezen"
        )
    return _pdf_text(pages), len(pages)


class _Fonts:
    """Glyph widths of a page's fonts (1/1000 text space), for the extent of a text run."""

    def __init__(self, page: Any) -> None:
        try:
            resources = page["/Resources"].get_object()
            self.fonts = resources["/Font"].get_object()
        except (KeyError, AttributeError, TypeError):
            self.fonts = {}
        self.cache: dict[str, tuple[dict[int, float], float, int]] = {}
        self.tables: dict[str, list[float]] = {}

    def table(self, name: Any) -> list[float]:
        """The widths of a one-byte font's 256 codes, as a list (fast to index)."""
        key = str(name)
        if key not in self.tables:
            widths, default, _ = self.widths(name)
            self.tables[key] = [widths.get(code, default) for code in range(256)]
        return self.tables[key]

    def widths(self, name: Any) -> tuple[dict[int, float], float, int]:
        """(code -> width, default width, bytes per code) of font resource ``name``."""
        key = str(name)
        if key in self.cache:
            return self.cache[key]
        result: tuple[dict[int, float], float, int] = ({}, 500.0, 1)
        try:
            font = self.fonts[key].get_object()
            if font.get("/Subtype") == "/Type0":
                descendant = font["/DescendantFonts"][0].get_object()
                result = (_cid_widths(descendant.get("/W")), float(descendant.get("/DW", 1000)), 2)
            elif "/Widths" in font:
                first = int(font.get("/FirstChar", 0))
                table = {first + i: float(w) for i, w in enumerate(font["/Widths"].get_object())}
                missing = 0.0
                descriptor = font.get("/FontDescriptor")
                if descriptor is not None:
                    missing = float(descriptor.get_object().get("/MissingWidth", 0))
                result = (table, missing or 500.0, 1)
        except (KeyError, AttributeError, TypeError, ValueError, IndexError):
            pass
        self.cache[key] = result
        return result


def _cid_widths(array: Any) -> dict[int, float]:
    widths: dict[int, float] = {}
    if array is None:
        return widths
    items = list(array.get_object())
    index = 0
    while index + 1 < len(items):
        first = int(items[index])
        second = (
            items[index + 1].get_object()
            if hasattr(items[index + 1], "get_object")
            else items[index + 1]
        )
        if isinstance(second, list):
            for offset, width in enumerate(second):
                widths[first + offset] = float(width)
            index += 2
        elif index + 2 < len(items):
            for code in range(first, min(int(second), first + 65536) + 1):
                widths[code] = float(items[index + 2])
            index += 3
        else:
            break
    return widths


def _matrix(
    tm: Sequence[float], cm: Sequence[float]
) -> tuple[float, float, float, float, float, float]:
    a, b, c, d, e, f = (float(v) for v in tm)
    a2, b2, c2, d2, e2, f2 = (float(v) for v in cm)
    return (
        a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
        e * a2 + f * c2 + e2, e * b2 + f * d2 + f2,
    )  # fmt: skip


@dataclass(slots=True)
class _Page:
    chunks: list[_Chunk]
    rules: list[tuple[float, float, float, float]]  # painted line segments (x0, y0, x1, y1)
    width: float
    height: float


def _page_chunks(page: Any) -> _Page:
    """The text runs of a page with position, extent, size and boldness, and its lines.

    pypdf decodes the text and reports each run (``visitor_text``) with the matrix where
    it starts; the end of a run comes from the glyph widths of the show operators
    pypdf passes to ``visitor_operand_before`` on the same baseline. The painted straight
    segments (a table's borders) come from the path operators.
    """
    fonts = _Fonts(page)
    state: dict[str, Any] = {"font": None, "size": 0.0, "tc": 0.0, "tw": 0.0, "tz": 1.0}
    shows: list[tuple[float, float, float]] = []  # (x start, x end, y) of show operators
    last: dict[str, Any] = {"tm": None, "end": 0.0}
    chunks: list[_Chunk] = []
    rules: list[tuple[float, float, float, float]] = []
    path: list[tuple[float, float, float, float]] = []
    point: list[tuple[float, float]] = []  # [current point, subpath start]

    def at(x: Any, y: Any, cm: list[float]) -> tuple[float, float]:
        x, y = float(x), float(y)
        return x * cm[0] + y * cm[2] + cm[4], x * cm[1] + y * cm[3] + cm[5]

    def before(operator: bytes, operands: list[Any], cm: list[float], tm: list[float]) -> None:
        try:
            if operator in _PATH_OPERATORS:
                _path(operator, operands, cm, path, point, rules, at)
            elif operator == b"Tf" and len(operands) >= 2:
                state["font"], state["size"] = operands[0], float(operands[1])
            elif operator == b"Tc" and operands:
                state["tc"] = float(operands[0])
            elif operator == b"Tw" and operands:
                state["tw"] = float(operands[0])
            elif operator == b"Tz" and operands:
                state["tz"] = float(operands[0]) / 100
            elif operator in (b"Tj", b"TJ", b"'", b'"') and operands:
                m = _matrix(tm, cm)
                key = (tuple(tm), tuple(cm))
                start = last["end"] if last["tm"] == key else m[4]
                items = operands[0] if operator == b"TJ" else [operands[-1]]
                end = start + _advance(items, fonts, state) * math.hypot(m[0], m[1])
                last["tm"], last["end"] = key, end
                shows.append((start, end, m[5]))
            elif operator in (b"BT", b"Td", b"TD", b"Tm", b"T*"):
                last["tm"] = None
        except (TypeError, ValueError, ZeroDivisionError, OverflowError):
            pass

    def text(value: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if not value or not value.strip():
            return
        m = _matrix(tm, cm)
        if abs(m[1]) > abs(m[0]) or m[0] <= 0:  # rotated or mirrored text: not the body
            return
        x0, y = m[4], m[5]
        height = (size or 0) * math.hypot(m[2], m[3]) or 1.0
        mine = [s for s in shows if abs(s[2] - y) < 0.3 * height and s[1] >= x0 - 1]
        stripped = value.replace("\n", "")
        x1 = max((s[1] for s in mine), default=x0 + 0.5 * height * len(stripped))
        keep = [s for s in shows if s not in mine]
        shows.clear()
        shows.extend(keep[-50:])
        name = ""
        if font is not None:
            try:
                name = str(font.get_object().get("/BaseFont", ""))
            except (AttributeError, TypeError):
                name = ""
        chunks.append(_Chunk(x0, max(x1, x0), y, height, bool(_BOLD_FONT.search(name)), stripped))

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    try:
        box = page.mediabox
        width, height = float(box.width), float(box.height)
    except (AttributeError, TypeError, ValueError, KeyError):
        width, height = 612.0, 792.0
    return _Page(chunks, rules, width, height)


_PAINT = frozenset((b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"))
_PATH_OPERATORS = frozenset((b"m", b"l", b"re", b"h", b"n", *_PAINT))


def _path(
    operator: bytes,
    operands: list[Any],
    cm: list[float],
    path: list[tuple[float, float, float, float]],
    point: list[tuple[float, float]],
    rules: list[tuple[float, float, float, float]],
    at: Callable[[Any, Any, list[float]], tuple[float, float]],
) -> None:
    """Follow a path's straight segments; keep them when the path is painted."""
    if operator == b"m" and len(operands) >= 2:
        point[:] = [at(operands[0], operands[1], cm)] * 2
    elif operator == b"l" and len(operands) >= 2 and point:
        end = at(operands[0], operands[1], cm)
        path.append((*point[0], *end))
        point[0] = end
    elif operator == b"re" and len(operands) >= 4:
        x, y, w, h = (float(v) for v in operands[:4])
        corners = [at(x, y, cm), at(x + w, y, cm), at(x + w, y + h, cm), at(x, y + h, cm)]
        for a, b in zip(corners, corners[1:] + corners[:1], strict=True):
            path.append((*a, *b))
        point[:] = [corners[0]] * 2
    elif operator == b"h" and len(point) == 2:
        path.append((*point[0], *point[1]))
        point[0] = point[1]
    elif operator in _PAINT:
        rules.extend(path)
        path.clear()
    elif operator == b"n":
        path.clear()


def _advance(items: Iterable[Any], fonts: _Fonts, state: dict[str, Any]) -> float:
    """The width in text space of a show operator's strings (TJ numbers included)."""
    size, tc, tw, tz = state["size"], state["tc"], state["tw"], state["tz"]
    widths, default, per_code = fonts.widths(state["font"])
    total = 0.0
    for item in items:
        if isinstance(item, (int, float)):
            total -= float(item) / 1000 * size * tz
            continue
        raw = item.original_bytes if hasattr(item, "original_bytes") else item
        if isinstance(raw, str):
            raw = raw.encode("latin-1", errors="replace")
        if per_code == 2:
            codes = [int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw) - 1, 2)]
            glyphs = sum(widths.get(code, default) for code in codes)
            count, spaces = len(codes), 0
        else:
            glyphs = sum(map(fonts.table(state["font"]).__getitem__, raw))
            count, spaces = len(raw), raw.count(32)
        total += (glyphs / 1000 * size + tc * count + tw * spaces) * tz
    return total


def _page_lines(chunks: list[_Chunk], page: int) -> list[_Line]:
    """Chunks grouped on baselines (superscripts joined to their line), top to bottom."""
    if not chunks:
        return []
    sizes: Counter[float] = Counter()
    for chunk in chunks:
        sizes[round(chunk.size, 1)] += len(chunk.text)
    body = sizes.most_common(1)[0][0]
    lines: list[_Line] = []
    for chunk in sorted(chunks, key=lambda c: (-c.size >= -0.85 * body, -c.y, c.x0)):
        small = chunk.size < 0.85 * body
        target = None
        for line in lines:
            tolerance = (0.6 if small else 0.3) * line.size
            if (
                -0.2 * line.size <= chunk.y - line.y <= tolerance
                if small
                else abs(chunk.y - line.y) <= tolerance
            ):
                target = line
                break
        if target is None:
            lines.append(_Line(chunk.y, chunk.size, [chunk], page))
        else:
            target.chunks.append(chunk)
            target.size = max(target.size, chunk.size)
    for line in lines:
        line.chunks.sort(key=lambda c: c.x0)
        line.cells = _cells(line)
    lines.sort(key=lambda line: -line.y)
    return lines


def _cells(line: _Line) -> list[tuple[float, list[_Piece]]]:
    """A line's chunks as cells (split where the gap is wider than a tab) of pieces."""
    cells: list[tuple[float, list[_Piece]]] = []
    previous: _Chunk | None = None
    for chunk in line.chunks:
        sup = chunk.size < 0.85 * line.size and chunk.y > line.y + 0.12 * line.size
        piece = _Piece(chunk.text, chunk.bold, sup)
        if previous is None:
            cells.append((chunk.x0, [piece]))
        else:
            gap = chunk.x0 - previous.x1
            label = "".join(p.text for p in cells[-1][1]).strip()
            if gap > 1.2 * line.size and not (len(cells[-1][1]) and _LIST_LABEL.match(label)):
                cells.append((chunk.x0, [piece]))
            else:
                pieces = cells[-1][1]
                spaced = pieces[-1].text.endswith((" ", "\t")) or chunk.text.startswith(" ")
                if gap > 0.15 * line.size and not spaced:
                    pieces.append(_Piece(" ", previous.bold and chunk.bold))
                pieces.append(piece)
        previous = chunk
    return cells


def _running(lines_by_page: list[list[_Line]]) -> set[str]:
    """Texts of running headers and footers: at a page's top or bottom on most pages."""
    if len(lines_by_page) < 2:
        return set()
    seen: Counter[str] = Counter()
    for lines in lines_by_page:
        edge = lines[:2] + lines[2:][-2:]
        seen.update({re.sub(r"\d+", "#", line.text()) for line in edge})
    need = max(2, math.ceil(0.5 * len(lines_by_page)))
    return {text for text, n in seen.items() if n >= need and text}


@dataclass(slots=True)
class _Band:
    """A table row found from its ruling lines: the cell boundaries between two rules."""

    top: float
    bottom: float
    xs: list[float]  # the vertical rules, left to right
    page: int
    cells: list[list[_Line]] = field(default_factory=list)  # per cell, its text lines
    columns: int = 0  # the widest row of the table it belongs to

    @property
    def y(self) -> float:
        return self.top


def _levels(values: list[tuple[float, float, float]]) -> list[tuple[float, list[list[float]]]]:
    """Segments (position, start, end) on a common position (±2): merged extents."""
    levels: list[tuple[float, list[list[float]]]] = []
    for position, start, end in sorted(values):
        if levels and position - levels[-1][0] <= 2:
            levels[-1][1].append([start, end])
        else:
            levels.append((position, [[start, end]]))
    return levels


def _bands(page: _Page, number: int) -> list[_Band]:
    """Table rows on a page: between two horizontal rules, two or more vertical rules."""
    horizontal: list[tuple[float, float, float]] = []
    vertical: list[tuple[float, float, float]] = []
    for x0, y0, x1, y1 in page.rules:
        if abs(y1 - y0) < 0.8 and 3 <= abs(x1 - x0) < 0.95 * page.width:
            horizontal.append((y0, min(x0, x1), max(x0, x1)))
        elif abs(x1 - x0) < 0.8 and 3 <= abs(y1 - y0) < 0.95 * page.height:
            vertical.append((x0, min(y0, y1), max(y0, y1)))
    if not horizontal or len(vertical) < 2:
        return []
    ys = [y for y, _ in _levels(horizontal)]
    xs = [(x, spans) for x, spans in _levels(vertical)]
    bands: list[_Band] = []
    for bottom, top in itertools.pairwise(ys):
        if top - bottom < 4:
            continue
        crossing = [x for x, spans in xs if any(a <= bottom + 2 and b >= top - 2 for a, b in spans)]
        if len(crossing) >= 2:
            bands.append(_Band(top, bottom, crossing, number, [[] for _ in crossing[1:]]))
    for band in bands:  # a merged row (one cell) takes the columns of its table
        same = [
            b for b in bands if abs(b.xs[0] - band.xs[0]) <= 3 and abs(b.xs[-1] - band.xs[-1]) <= 3
        ]
        band.columns = max(len(b.xs) - 1 for b in same)
    return sorted(bands, key=lambda b: -b.top)


def _pdf_text(pages: list[_Page]) -> list[str]:
    lines_by_page = [_page_lines(page.chunks, n) for n, page in enumerate(pages)]
    running = _running(lines_by_page)
    items: list[_Line | _Band] = []
    for number, (page, page_lines) in enumerate(zip(pages, lines_by_page, strict=True)):
        bands = _bands(page, number)
        page_items: list[_Line | _Band] = []
        for index, line in enumerate(page_lines):
            text = line.text()
            at_edge = index < 2 or index >= len(page_lines) - 2
            if at_edge and (re.sub(r"\d+", "#", text) in running or _PAGE_NUMBER.match(text)):
                continue
            free = _into_bands(line, bands) if bands else line.chunks
            if free is line.chunks:
                page_items.append(line)
            elif free:
                rest = _Line(line.y, line.size, free, line.page)
                rest.cells = _cells(rest)
                page_items.append(rest)
        page_items += [band for band in bands if any(band.cells)]
        page_items.sort(key=lambda item: -item.y)
        items += page_items
    return _paragraphs(items)


def _into_bands(line: _Line, bands: list[_Band]) -> list[_Chunk]:
    """Put the chunks of ``line`` that lie in a ruled table cell there; the others back."""
    free: list[_Chunk] = []
    placed: dict[tuple[int, int], list[_Chunk]] = {}
    for chunk in line.chunks:
        for b, band in enumerate(bands):
            if band.bottom < line.y < band.top and band.xs[0] - 2 <= chunk.x0 <= band.xs[-1] + 2:
                cell = (
                    max(i for i, x in enumerate(band.xs[:-1]) if x <= chunk.x0 + 2)
                    if any(x <= chunk.x0 + 2 for x in band.xs[:-1])
                    else 0
                )
                placed.setdefault((b, cell), []).append(chunk)
                break
        else:
            free.append(chunk)
    if not placed:
        return line.chunks
    for (b, cell), chunks in placed.items():
        part = _Line(line.y, line.size, chunks, line.page)
        part.cells = [(chunks[0].x0, [p for _, pieces in _cells(part) for p in _spaced(pieces)])]
        bands[b].cells[cell].append(part)
    return free


def _spaced(pieces: list[_Piece]) -> list[_Piece]:
    return [*pieces, _Piece(" ")]


def _pitch(lines: Sequence[_Line]) -> float:
    """The usual distance between the baselines of two lines of one paragraph."""
    gaps = [
        a.y - b.y
        for a, b in itertools.pairwise(lines)
        if a.page == b.page
        and abs(a.size - b.size) < 0.5
        and 0.8 * a.size < a.y - b.y < 2.5 * a.size
    ]
    if not gaps:
        return max((line.size for line in lines), default=10.0) * 1.2
    return statistics.median(gaps)


@dataclass(slots=True)
class _Paragraph:
    pieces: list[_Piece]
    first: _Line
    last: _Line
    text_x: float  # where the text (after a bullet or number) starts
    kind: str  # "text" | "list" | "numbered" | "row"
    cells: list[list[list[_Piece]]] = field(default_factory=list)  # a row's cells' paragraphs
    columns: int = 0  # for a row: the columns of its table
    band: _Band | None = None  # for a ruled row: its rules


def _paragraphs(items: list[_Line | _Band]) -> list[str]:
    """PDF lines as paragraphs: wrapping undone, bullets as '- ', table rows as the contract.

    A new paragraph starts at a vertical gap clearly larger than the line pitch, a change
    of font size or of boldness (a title), a bullet, a numbered line ('3. Titel'), a
    header key ('Aanwezig', 'Datum', …), a line that starts left of the running text of a
    list item, or after a line that ends a sentence well before the right margin. A line
    with cells (text at x positions separated by more than a tab) is a table row; the
    lines under it whose text starts at its columns belong to it. A row with ruling lines
    (a :class:`_Band`) holds the text inside its cells.
    """
    lines = [item for item in items if isinstance(item, _Line)]
    if not lines:
        bands = [b for b in items if isinstance(b, _Band)]
        return _render([_ruled_row(b, None, set(), 12.0) for b in bands])
    pitch = _pitch(lines)
    right = sorted(line.x1 for line in lines)[int(0.9 * (len(lines) - 1))]
    left = Counter(round(line.x0) for line in lines).most_common(1)[0][0]
    vocabulary = _vocabulary(lines)
    out: list[_Paragraph] = []
    current: _Paragraph | None = None
    for line in items:
        if isinstance(line, _Band):
            merged = _ruled_row(line, current, vocabulary, pitch)
            if merged is not current:
                out.append(merged)
            current = merged
            continue
        row = current is not None and current.kind == "row" and current.band is None
        if len(line.cells) >= 2 and not _is_label(line.cells[0][1]):
            if row and current is not None and _continues_row(current, line, pitch):
                _add_to_row(current, line, vocabulary)
                continue
            current = _Paragraph([], line, line, line.x0, "row", [])
            _add_to_row(current, line, vocabulary)
            out.append(current)
            continue
        if row and current is not None and _continues_row(current, line, pitch):
            _add_to_row(current, line, vocabulary)
            continue
        text = line.text()
        pieces = [p for cell in line.cells for p in cell[1]]
        bullet = _PDF_BULLET.match(text)
        if bullet and text[0] in "-–—o" and current is not None and current.kind != "row":
            # a dash starts a list item only as a label of its own or after a paragraph's
            # end; otherwise it is a dash wrapped to the line start ("Noord - waar")
            own_label = _LIST_LABEL.match(line.chunks[0].text.strip()) is not None
            last = current.last
            close = last.page == line.page and last.y - line.y <= 1.3 * pitch
            ended = _SENTENCE_END.search(_plain(current.pieces)) is not None
            if not own_label and close and not ended and last.x1 >= right - 0.12 * (right - left):
                bullet = None
        numbered = _NUMBERED.match(text)
        starts = bool(bullet or numbered or _HEADER_KEY.match(text))
        if current is not None and current.kind != "row" and not starts:
            previous = current.last
            gap = previous.y - line.y if previous.page == line.page else None
            visible = [p for p in pieces if p.text.strip()]
            before = [p for c in previous.cells for p in c[1] if p.text.strip()]
            bold_now = all(p.bold for p in visible)
            bold_before = all(p.bold for p in before)
            if visible and before and visible[0].bold and before[-1].bold:
                bold_now = bold_before  # a bold span wrapped onto this line
            ended = _SENTENCE_END.search(_plain(current.pieces)) is not None
            short = previous.x1 < right - 0.12 * (right - left)
            joined = ((gap is None and not ended) or (gap is not None and gap <= 1.3 * pitch)) and (
                abs(line.size - previous.size) < 0.6
                and not (bold_now != bold_before and (short or gap is None))
                and not (ended and short)
                and (current.kind == "text" or line.x0 >= current.text_x - 3)
                and not (
                    line.x0 > current.text_x + 1.5 * line.size
                    and current.kind == "text"
                    and current.first is not previous
                )
                and not (current.kind == "numbered" and line.x0 < current.text_x - 3)
            )
            if joined:
                _join(current.pieces, pieces, vocabulary)
                current.last = line
                continue
        kind = "text"
        text_x = line.x0
        if bullet:
            kind = "list"
            pieces = _strip_label(pieces, bullet.end())
            text_x = _text_x(line)
        elif numbered:
            kind = "numbered"
            text_x = _text_x(line)
        current = _Paragraph(pieces, line, line, text_x, kind)
        out.append(current)
    return _render(out)


def _ruled_row(
    band: _Band, previous: _Paragraph | None, vocabulary: set[str], pitch: float
) -> _Paragraph:
    """A ruled row as a row paragraph; the rest of a row the page break cut joins it."""
    cells = [_cell_paragraphs(lines, pitch, vocabulary) for lines in band.cells]
    first_line = next(line for lines in band.cells for line in lines)
    if previous is not None and previous.band is not None:
        before = previous.band
        same = len(before.xs) == len(band.xs) and all(
            abs(a - b) <= 2 for a, b in zip(before.xs, band.xs, strict=True)
        )
        head = next((_plain(p[0]) for p in cells if p), "")
        if (
            same
            and before.page < band.page
            and previous.last.page < band.page
            and (not cells[0] or head[:1].islower())
        ):
            for old, new in zip(previous.cells, cells, strict=True):
                if old and new and not _PDF_BULLET.match(_plain(new[0])):
                    _join(old[-1], new[0], vocabulary)
                    new = new[1:]
                old += new
            previous.band = band
            previous.last = band.cells[-1][-1] if band.cells[-1] else first_line
            return previous
    last_line = next(line for lines in reversed(band.cells) for line in reversed(lines))
    paragraph = _Paragraph([], first_line, last_line, band.xs[0], "row", cells)
    paragraph.columns, paragraph.band = band.columns, band
    return paragraph


def _cell_paragraphs(lines: list[_Line], pitch: float, vocabulary: set[str]) -> list[list[_Piece]]:
    """A cell's lines as paragraphs: wrapping undone, bullets as '- '; a paragraph ends at
    a vertical gap larger than the line pitch or before a bullet or a number."""
    paragraphs: list[list[_Piece]] = []
    previous: _Line | None = None
    for line in lines:
        pieces = line.cells[0][1]
        text = _plain(pieces)
        bullet = _PDF_BULLET.match(text)
        apart = previous is not None and (
            previous.page != line.page or previous.y - line.y > 1.3 * pitch
        )
        if paragraphs and not bullet and not _NUMBERED.match(text) and not apart:
            _join(paragraphs[-1], pieces, vocabulary)
        else:
            paragraphs.append(_strip_label(pieces, bullet.end(), "- ") if bullet else list(pieces))
        previous = line
    return paragraphs


def _is_label(pieces: Sequence[_Piece]) -> bool:
    return _LIST_LABEL.match("".join(p.text for p in pieces).strip()) is not None


def _text_x(line: _Line) -> float:
    """Where a list item's text starts (after its bullet or number)."""
    if len(line.chunks) > 1 and _LIST_LABEL.match(line.chunks[0].text.strip()):
        return line.chunks[1].x0
    return line.x0 + 1.5 * line.size


def _continues_row(row: _Paragraph, line: _Line, pitch: float) -> bool:
    """Whether ``line`` continues the cells of ``row`` (wrapped text in its columns)."""
    last = row.last
    if last.page == line.page and last.y - line.y > 1.3 * pitch:
        return False
    columns = [x for x, _ in row.first.cells]
    starts = [x for x, _ in line.cells]
    if line.x0 < columns[0] - 3 or (len(starts) >= 2 and abs(starts[0] - columns[0]) <= 3):
        return False  # left of the table, or a new row
    text = line.text()
    if _HEADER_KEY.match(text) or _NUMBERED.match(text):
        return False
    if len(columns) == 2 and len(starts) == 1:
        return True  # a header block: the value flows on ("Aanwezig<TAB>…")
    return all(any(abs(x - c) <= 3 or (c < x < c + 2 * line.size) for c in columns) for x in starts)


def _add_to_row(row: _Paragraph, line: _Line, vocabulary: set[str]) -> None:
    """Put the text of ``line`` in the row's cells by x; text that runs on across the
    columns (a paragraph with a TAB after its key, wrapped), and in a key/value row every
    further line, goes to the last cell."""
    columns = [x for x, _ in row.first.cells]
    if not row.cells:
        row.cells = [[] for _ in columns]
    for x, pieces in line.cells:
        index = max((i for i, c in enumerate(columns) if c <= x + 3), default=0)
        if len(line.cells) == 1 and (len(columns) == 2 or line.x1 > columns[-1] + 3 * line.size):
            index = len(columns) - 1
        cell = row.cells[index]
        text = _plain(pieces)
        if cell and not _PDF_BULLET.match(text):
            _join(cell[-1], pieces, vocabulary)
        else:
            bullet = _PDF_BULLET.match(text)
            cell.append(_strip_label(pieces, bullet.end(), "- ") if bullet else list(pieces))
    row.last = line


def _strip_label(pieces: list[_Piece], length: int, prefix: str = "") -> list[_Piece]:
    """``pieces`` without their first ``length`` characters (a bullet), ``prefix`` first."""
    out: list[_Piece] = [_Piece(prefix)] if prefix else []
    text = "".join(p.text for p in pieces)
    skip = length + len(text) - len(text.lstrip())
    for piece in pieces:
        if skip >= len(piece.text):
            skip -= len(piece.text)
            continue
        out.append(_Piece(piece.text[skip:], piece.bold, piece.sup))
        skip = 0
    if out and not prefix:
        out[0].text = out[0].text.lstrip()
    return out


def _plain(pieces: Sequence[_Piece]) -> str:
    return "".join(p.text for p in pieces).strip()


def _vocabulary(lines: Sequence[_Line]) -> set[str]:
    """The document's words (lower case) away from line ends, to tell a compound's hyphen
    ('mede-initiatiefnemer', 'Directeur-bestuurder') from a hyphenation ('verduur-zamen')."""
    words: set[str] = set()
    for line in lines:
        found = re.findall(r"[^\W\d_][\w-]*[^\W\d_]-?", line.text().lower())
        inner = found[1:-1] if found and found[-1].endswith("-") else found[1:]
        for word in inner:
            words.add(word)
            words.update(part for part in word.split("-") if len(part) >= 4)
    return words


_VOWELS = frozenset("aeiouyáéíóúàèëïöüâêîôû")


def _join(pieces: list[_Piece], more: list[_Piece], vocabulary: set[str]) -> None:
    """Append the next line's ``more`` to ``pieces``: a space, or a word broken at a hyphen
    rejoined. The hyphen stays before a capital ('Nieuw-West'), between two vowels
    ('mede-eigenaar'), when the document writes the word with a hyphen elsewhere or either
    part is a word of its own ('domein-overstijgend'); it goes when the document writes
    the word whole elsewhere or otherwise ('verduur-zamen' → 'verduurzamen')."""
    while pieces and not pieces[-1].text.strip():
        pieces.pop()
    if not more:
        return
    tail = pieces[-1].text.rstrip() if pieces else ""
    head = more[0].text.lstrip()
    match = re.search(r"([^\W\d_]+)-$", tail)
    if pieces and match and head[:1].isalpha():
        before = match.group(1).lower()
        after = re.match(r"[^\W\d_]+", head)
        after_word = after.group(0).lower() if after else ""
        if head[:1].isupper() or f"{before}-{after_word}" in vocabulary:
            keep = True
        elif f"{before}{after_word}" in vocabulary:
            keep = False
        else:
            keep = (before[-1:] in _VOWELS and after_word[:1] in _VOWELS) or any(
                len(part) >= 4 and part in vocabulary for part in (before, after_word)
            )
        pieces[-1].text = tail if keep else tail[:-1]
    elif pieces:
        pieces[-1].text = tail + " "
    pieces.extend([_Piece(head, more[0].bold, more[0].sup), *more[1:]])


def _render(paragraphs: list[_Paragraph]) -> list[str]:
    out = _render_paragraphs(paragraphs)
    return [re.sub(r"(?<=\S) {2,}(?=\S)", " ", line) for line in out]


def _render_paragraphs(paragraphs: list[_Paragraph]) -> list[str]:
    out: list[str] = []
    previous = ""
    for paragraph in paragraphs:
        if paragraph.kind == "row":
            cells = paragraph.cells
            if len(cells) == 1 and paragraph.columns < 3:  # a box: its paragraphs
                for lines in cells[0]:
                    if out and out[-1] != "":
                        out.append("")
                    out.append(_markup(lines).strip())
                previous = "text"
                continue
            if len(cells) == 2:
                key, value = (" ".join(_markup(line) for line in cell) for cell in cells)
                if out and previous != "pair":
                    out.append("")
                out.append(f"{key.strip()}\t{value.strip()}")
                previous = "pair"
                continue
            if out and out[-1] != "":
                out.append("")
            for cell in cells:
                rendered = [_markup(line).strip() for line in cell] or [""]
                out.append("\t" + rendered[0])
                out += [line for line in rendered[1:] if line]
            out.append("")
            previous = "row"
            continue
        text = _markup(paragraph.pieces).strip()
        if not text:
            continue
        if paragraph.kind == "list" and not _NUMBERED.match(text):
            text = "- " + text
        if out and not (paragraph.kind == "list" and previous == "list") and out[-1] != "":
            out.append("")
        out.append(text)
        previous = paragraph.kind
    return out
