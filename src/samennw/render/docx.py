"""Word documents: a Jinja template's XML outline, built with python-docx on a base .docx.

The ``*.docx.j2`` templates render (autoescaped, sandboxed) a small XML outline of the
document; this module turns it into Word headings, paragraphs and tables on top of
``basis.docx``, whose styles (fonts, colours, heading and table styles, margins,
header/footer) the secretariat restyles in Word itself. Outline elements:

``<document title subject keywords category status>`` root;
``<title>``, ``<h1>``–``<h3>`` headings; ``<p class="concept">`` paragraphs;
``<field label="Datum">`` a header line; ``<ul><li>`` bullets; ``<md>`` Markdown;
``<table><tr><th width="30">``/``<td>`` tables (the first row is the header row).
Inline: text, ``<b>``, ``<i>``, ``<br/>``, ``<span class="verlopen">``.

python-docx opens the base document, fills in the properties and saves; the body is
written here as WordprocessingML text and parsed once. It is the XML python-docx's
``add_paragraph``/``add_run``/``add_table`` calls would build (pinned against those
calls by tests/render/test_render_docx_xml.py), without an object per paragraph, run
and cell: a programme's action list has thousands of rows (issue #10). Markdown that
is plain text (most of the Toelichting column) skips markdown-it.
"""

from __future__ import annotations

import io
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from samennw.render.templating import RenderError, markdown_parser

AUTHOR = "Secretariaat Nationaal Programma Samen Nieuw-West"
LANGUAGE = "nl-NL"
_WS = re.compile(r"\s+")
_APP_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'extended-properties"><Application>samennw</Application><DocSecurity>0</DocSecurity>'
    b"</Properties>"
)
_CUSTOM_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'custom-properties"/>'
)
_W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_W15 = b'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"'
_PRIVATE_PARTS = {
    "/word/comments.xml": b"<w:comments " + _W + b"/>",
    "/word/commentsExtended.xml": b"<w15:commentsEx " + _W15 + b"/>",
    "/word/people.xml": b"<w15:people " + _W15 + b"/>",
}
Run = tuple[str, frozenset[str]]  # text and its marks: b, i, s, code, verlopen, br


def render_docx(outline: str, base: Path, stamp: datetime, template: str) -> bytes:
    """Build the Word document described by ``outline`` on top of ``base``."""
    import xml.etree.ElementTree as ET

    import docx

    try:  # expat: no external entities, limits on entity expansion
        root = ET.fromstring(outline)
    except ET.ParseError as exc:
        line = exc.position[0]
        raise RenderError(
            f"sjabloon '{template}' geeft geen geldige XML (regel {line} van de uitvoer): {exc}"
        ) from None
    try:
        document = docx.Document(str(base))
    except Exception as exc:  # python-docx raises several kinds for a broken file
        raise RenderError(f"'{base}' is geen bruikbaar Word-bestand ({exc})") from None
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
    builder = _Builder(document)
    try:
        for element in root:
            builder.block(element, builder.body)
    except _UnknownElement as exc:
        raise RenderError(
            f"onbekend element <{exc.tag}> in sjabloon '{template}' (toegestaan: "
            "title, h1-h3, p, field, ul/li, md, table/tr/th/td, b, i, br, span)"
        ) from None
    _insert(body, builder.xml())
    _properties(document, root, stamp)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _insert(body: Any, xml: str) -> None:
    """Parse the built blocks once and put them before the body's section properties."""
    from importlib import import_module

    from docx.oxml.ns import qn
    from docx.oxml.parser import element_class_lookup

    etree = import_module("lxml.etree")  # python-docx's XML library (no type stubs)

    parser = etree.XMLParser(resolve_entities=False, huge_tree=True)
    parser.set_element_class_lookup(element_class_lookup)
    blocks = etree.fromstring(f"<w:body {_W_NS}>{xml}</w:body>", parser)
    sect_pr = body.find(qn("w:sectPr"))
    for block in list(blocks):
        if sect_pr is None:
            body.append(block)
        else:
            sect_pr.addprevious(block)


def _properties(document: Any, root: Any, stamp: datetime) -> None:
    """Dutch document properties; nothing of the base document's author survives."""
    from docx.oxml.ns import qn

    props = document.core_properties
    props.title = root.get("title", "")
    props.subject = root.get("subject", "")
    props.keywords = root.get("keywords", "")
    props.category = root.get("category", "")
    props.content_status = root.get("status", "")
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.comments = ""
    props.identifier = ""
    props.version = ""
    props.language = LANGUAGE
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp
    props.revision = 1
    # the language of the text itself (spelling check), in the document defaults
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            lang = rpr.find(qn("w:lang"))
            if lang is None:
                lang = rpr.makeelement(qn("w:lang"), {})
                rpr.append(lang)
            lang.set(qn("w:val"), LANGUAGE)
    for part in document.part.package.iter_parts():
        name = str(part.partname)
        if name == "/docProps/app.xml":
            part._blob = _APP_XML  # company, manager etc. of the base document
        elif name == "/docProps/custom.xml":
            part._blob = _CUSTOM_XML
        elif name in _PRIVATE_PARTS:  # comments (and their authors) of the base document
            element = getattr(part, "_element", None)
            if element is not None:
                for child in list(element):
                    element.remove(child)
            else:
                part._blob = _PRIVATE_PARTS[name]


class _UnknownElement(Exception):
    def __init__(self, tag: str) -> None:
        super().__init__(tag)
        self.tag = tag


class _Container:
    """Where blocks go: the document body or one table cell, as WordprocessingML text.

    ``cell_width`` is the cell's width in twips (``None``: the body). ``paragraphs``
    counts the ``<w:p>`` children added, as python-docx's ``cell.paragraphs`` would.
    ``ns`` goes into the tag of every block: the body's blocks declare their namespace
    themselves, so lxml moves them into the document without fixing every element.
    """

    __slots__ = ("cell_width", "ns", "paragraphs", "parts")

    def __init__(self, cell_width: int | None = None, ns: str = "") -> None:
        self.cell_width = cell_width
        self.ns = ns
        self.parts: list[str] = []
        self.paragraphs = 0

    def add_paragraph(self, ppr: str, runs: str) -> None:
        self.parts.append(f"<w:p{self.ns}>{ppr}{runs}</w:p>")
        self.paragraphs += 1


class _Builder:
    """The outline as WordprocessingML, written as text and parsed once.

    The XML is exactly what python-docx's ``add_paragraph``/``add_run``/``add_table``/
    ``add_row`` calls would build (element and attribute order included), without the
    cost of an object per paragraph, run and cell: an action list has thousands of rows.
    """

    def __init__(self, document: Any) -> None:
        self.document = document
        self.style_names = {s.name for s in document.styles}
        section = document.sections[-1]
        self.text_width = section.page_width - section.left_margin - section.right_margin
        self.block_width = document._block_width  # what document.add_table divides
        self.body = _Container(ns=f" {_W_NS}")
        self._style_ids: dict[tuple[str, int], str | None] = {}
        self._md: Any = None

    def style(self, name: str) -> str | None:
        return name if name in self.style_names else None

    def style_id(self, name: str, table: bool = False) -> str | None:
        """The id python-docx writes for style ``name`` (None: the default style)."""
        from docx.enum.style import WD_STYLE_TYPE

        kind = WD_STYLE_TYPE.TABLE if table else WD_STYLE_TYPE.PARAGRAPH
        key = (name, int(kind))
        if key not in self._style_ids:
            self._style_ids[key] = self.document.part.get_style_id(name, kind)
        return self._style_ids[key]

    def ppr(self, style: str | None) -> str:
        """``<w:pPr>`` of ``add_paragraph(style=style)``."""
        if style is None:
            return ""
        style_id = self.style_id(style)
        return (
            "<w:pPr/>"
            if style_id is None
            else f'<w:pPr><w:pStyle w:val="{_attr(style_id)}"/></w:pPr>'
        )

    def xml(self) -> str:
        return "".join(self.body.parts)

    # blocks ---------------------------------------------------------------------------
    def block(self, el: Any, container: _Container) -> None:
        tag = el.tag
        if tag in ("title", "h1", "h2", "h3"):
            level = 0 if tag == "title" else int(tag[1])
            self.heading(container, _inline(el), level)
        elif tag == "p":
            marks = {"b", "concept"} if el.get("class") == "concept" else set()
            container.add_paragraph("", _runs(_inline(el), frozenset(marks)))
        elif tag == "field":
            label = _runs([(f"{el.get('label', '')}:", frozenset({"b"})), ("\t", frozenset())])
            container.add_paragraph(_FIELD_PPR, label + _runs(_inline(el)))
        elif tag == "ul":
            for li in el:
                container.add_paragraph(self.ppr(self.style("List Bullet")), _runs(_inline(li)))
        elif tag == "md":
            self.markdown(container, el.text or "", body=True)
        elif tag == "table":
            self.table(container, el)
        else:
            raise _UnknownElement(tag)

    def heading(self, container: _Container, runs: list[Run], level: int) -> None:
        name = "Title" if level == 0 else f"Heading {min(level, 9)}"
        if container is self.body and self.style(name):
            container.add_paragraph(self.ppr(name), _runs(runs))
        else:  # inside a table cell, or a base document without heading styles
            container.add_paragraph("", _runs(runs, frozenset({"b"})))

    def table(self, container: _Container, el: Any) -> None:
        from docx.oxml.simpletypes import ST_TwipsMeasure
        from docx.shared import Emu, Inches

        rows = [r for r in el if r.tag == "tr"]
        if not rows:
            return
        cols = max(len(r) for r in rows)
        in_body = container is self.body
        if in_body:  # document.add_table: the text width, evenly divided
            width = self.block_width
        else:  # cell.add_table: the cell's width
            cell_width = container.cell_width
            width = Inches(1) if cell_width is None else Emu(cell_width * _EMU_PER_TWIP)
        even = Emu(width // cols).twips if cols > 0 else 0
        grid = [even] * cols
        style = self.style("Table Grid")
        style_id = self.style_id(style, table=True) if style is not None else None
        fixed = False
        percents = [int(c.get("width") or 0) for c in rows[0]]
        if in_body and sum(percents) > 0:
            fixed = True  # table.autofit = False
            for i, pct in enumerate(percents[:cols]):
                column = int(self.text_width * pct / 100) if pct else None
                if column:
                    ST_TwipsMeasure.validate(column)  # a negative width: python-docx's error
                    grid[i] = _twips(column)  # the grid: what LibreOffice reads
        parts = container.parts
        parts.append(f"<w:tbl{container.ns}><w:tblPr>")
        if style_id is not None:
            parts.append(f'<w:tblStyle w:val="{_attr(style_id)}"/>')
        parts.append('<w:tblW w:type="auto" w:w="0"/>')
        if fixed:
            parts.append('<w:tblLayout w:type="fixed"/>')
        parts.append(_TBL_LOOK)
        parts.append("</w:tblPr><w:tblGrid>")
        parts.extend(f'<w:gridCol w:w="{w}"/>' for w in grid)
        parts.append("</w:tblGrid>" if grid else "\n  </w:tblGrid>")  # python-docx's, verbatim
        # the cells: what Word reads; every cell has its column's width
        tc_open = [f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{w}"/></w:tcPr>' for w in grid]
        for r_index, row_el in enumerate(rows):
            # a real header row: repeats on every page, read as header
            parts.append(_HEADER_TR if r_index == 0 else "<w:tr>")
            cells = list(row_el)
            for c_index in range(cols):
                parts.append(tc_open[c_index])
                if c_index < len(cells):
                    self.cell(parts, grid[c_index], cells[c_index])
                else:
                    parts.append("<w:p/>")
                parts.append("</w:tc>")
            parts.append("</w:tr>")
        parts.append("</w:tbl>")
        # in the body: Word glues adjacent tables together; in a cell: Word wants a
        # paragraph last (python-docx's cell.add_table adds it)
        container.add_paragraph("", "")

    def cell(self, parts: list[str], width: int, el: Any) -> None:
        marks = frozenset({"b"}) if el.tag == "th" else frozenset()
        if el.get("class") == "verlopen":
            marks = marks | {"verlopen"}
        blocks = [c for c in el if c.tag == "md"]
        if not blocks:
            parts.append(f"<w:p>{_runs(_inline(el), marks)}</w:p>")
            return
        cell = _Container(width)
        for md in blocks:
            self.markdown(cell, md.text or "", body=False)
        if not cell.paragraphs:  # the cell's own empty paragraph stays
            parts.append("<w:p/>")
        parts.extend(cell.parts)

    # markdown -------------------------------------------------------------------------
    def markdown(self, container: _Container, text: str, body: bool) -> None:
        """Markdown blocks (via markdown-it, raw HTML off) as Word paragraphs."""
        text = text.strip()
        plain = _plain_paragraphs(text)
        if plain is not None:  # what markdown-it makes of it, without asking it
            for lines in plain:
                runs: list[Run] = []
                for line in lines:
                    if runs:
                        runs.append((" ", frozenset()))  # a soft line break
                    runs.append((line, frozenset()))
                container.add_paragraph("", _runs(runs))
            return
        if self._md is None:
            self._md = markdown_parser()
        tokens = self._md.parse(text)
        quoted = _quoted(tokens)
        lists: list[list[int]] = []  # stack of [ordered?, counter]
        pending_item = False
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            kind = tok.type
            if kind in ("bullet_list_open", "ordered_list_open"):
                lists.append([kind == "ordered_list_open", int(tok.attrGet("start") or 1) - 1])
            elif kind in ("bullet_list_close", "ordered_list_close"):
                lists.pop()
            elif kind == "list_item_open":
                lists[-1][1] += 1
                pending_item = True
            elif kind == "heading_open":
                # minutes: '## n.' is the agenda item (Heading 1), so '###' is Heading 2
                level = max(int(tok.tag[1]) - 1, 2)
                runs = _md_inline(tokens[i + 1])
                if body:
                    self.heading(container, runs, level)
                else:
                    container.add_paragraph("", _runs(runs, frozenset({"b"})))
                i += 2
            elif kind == "paragraph_open":
                ppr, prefix = self.list_paragraph(lists, pending_item)
                pending_item = False
                extra = frozenset({"i"}) if quoted[i] else frozenset()
                text_runs = _runs([(prefix, frozenset())]) if prefix else ""
                container.add_paragraph(ppr, text_runs + _runs(_md_inline(tokens[i + 1]), extra))
                i += 1
            elif kind in ("fence", "code_block"):
                code: list[Run] = []
                for n, line in enumerate(tok.content.rstrip("\n").split("\n")):
                    if n:
                        code.append(("", frozenset({"br"})))
                    code.append((line, frozenset({"code"})))
                container.add_paragraph("", _runs(code))
            elif kind == "table_open":
                i = self.markdown_table(container, tokens, i)
            i += 1

    def list_paragraph(self, lists: list[list[int]], first: bool) -> tuple[str, str]:
        """The paragraph properties and number prefix of a paragraph in a list."""
        if not lists:
            return "", ""
        ordered, counter = lists[-1]
        depth = len(lists)
        if ordered:
            style = self.style("List Paragraph")
            prefix = f"{counter}. " if first else ""
        else:
            name = "List Bullet" if depth == 1 else f"List Bullet {min(depth, 3)}"
            style = self.style(name) if first else self.style("List Continue")
            prefix = ""
        return self.ppr(style), prefix

    def markdown_table(self, container: _Container, tokens: list[Any], start: int) -> int:
        import xml.etree.ElementTree as ET

        table = ET.Element("table")
        row: Any = None
        i = start + 1
        while i < len(tokens) and tokens[i].type != "table_close":
            tok = tokens[i]
            if tok.type == "tr_open":
                row = ET.SubElement(table, "tr")
            elif tok.type in ("th_open", "td_open") and row is not None:
                cell = ET.SubElement(row, tok.type[:2])
                cell.text = "".join(t for t, _ in _md_inline(tokens[i + 1]))
            i += 1
        self.table(container, table)
        return i


_EMU_PER_TWIP = 635
_W_NS = _W.decode()
_FIELD_PPR = '<w:pPr><w:tabs><w:tab w:pos="2551" w:val="left"/></w:tabs></w:pPr>'  # 4.5 cm
_HEADER_TR = '<w:tr><w:trPr><w:tblHeader w:val="true"/></w:trPr>'
_TBL_LOOK = (
    '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" '
    'w:noHBand="0" w:noVBand="1" w:val="04A0"/>'
)
_RUN_CONTROL = re.compile(r"([\t\r\n])")


def _twips(emu: int) -> int:
    """EMU as python-docx writes them in twips (``Length.twips``)."""
    return round(emu / float(_EMU_PER_TWIP))


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(value: str) -> str:
    return (
        _text(value)
        .replace('"', "&quot;")
        .replace("\t", "&#9;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
    )


_RPR_CACHE: dict[frozenset[str], str] = {}


def _rpr(marks: frozenset[str]) -> str:
    """``<w:rPr>`` as python-docx's bold/italic/strike/font/colour setters leave it."""
    rpr = _RPR_CACHE.get(marks)
    if rpr is None:
        props = []
        if "code" in marks:
            props.append('<w:rFonts w:ascii="Courier New" w:hAnsi="Courier New"/>')
        if marks & {"b", "verlopen", "concept"}:
            props.append("<w:b/>")
        if "i" in marks:
            props.append("<w:i/>")
        if "s" in marks:
            props.append("<w:strike/>")
        if marks & {"verlopen", "concept"}:
            props.append('<w:color w:val="B00020"/>')
        rpr = f"<w:rPr>{''.join(props)}</w:rPr>" if props else "<w:rPr/>"
        _RPR_CACHE[marks] = rpr
    return rpr


def _t(text: str) -> str:
    if len(text.strip()) < len(text):
        return f'<w:t xml:space="preserve">{_text(text)}</w:t>'
    return f"<w:t>{_text(text)}</w:t>"


def _run_content(text: str) -> str:
    """``run.text = text``: a tab becomes ``<w:tab/>``, a line end ``<w:br/>``."""
    if "\t" not in text and "\n" not in text and "\r" not in text:
        return _t(text) if text else ""
    out = []
    for piece in _RUN_CONTROL.split(text):
        if piece == "\t":
            out.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            out.append("<w:br/>")
        elif piece:
            out.append(_t(piece))
    return "".join(out)


def _runs(runs: list[Run], extra: frozenset[str] = frozenset()) -> str:
    """The runs of a paragraph, each with its marks plus ``extra``."""
    out = []
    for text, marks in runs:
        marks = marks | extra
        if "br" in marks:
            out.append("<w:r><w:br/></w:r>")
        else:
            out.append(f"<w:r>{_rpr(marks)}{_run_content(text)}</w:r>")
    return "".join(out)


# Plain text to Markdown: no character that starts inline markup anywhere (an `&` only
# when it cannot start an entity), and no line that could start a block or underline a
# heading: lists, quotes, headings, rules, tables, code (indented or fenced).
_MD_INLINE = re.compile(r"[\\`*_~\[\]<|\t\r]|&#?[0-9A-Za-z]+;")
_MD_BLOCK_START = re.compile(r"[#>+=:\-]|[0-9]+[.)]")


def _plain_paragraphs(text: str) -> list[list[str]] | None:
    """The paragraphs (lists of lines) of stripped Markdown ``text`` without markup.

    None when the text may hold markup: then markdown-it reads it. A blank line ends a
    paragraph; a line with whitespace at either end (a hard break, indented code) or
    starting like a block (``- ``, ``1.``, ``#``, ``>``, ``===``) is left to markdown-it.
    """
    if _MD_INLINE.search(text):
        return None
    paragraphs: list[list[str]] = []
    lines: list[str] = []
    for line in text.split("\n"):
        if not line:
            if lines:
                paragraphs.append(lines)
                lines = []
        elif line != line.strip() or _MD_BLOCK_START.match(line):
            return None
        else:
            lines.append(line)
    if lines:
        paragraphs.append(lines)
    return paragraphs


def _quoted(tokens: list[Any]) -> list[bool]:
    """For every token: does it sit inside a block quote."""
    quoted = []
    depth = 0
    for tok in tokens:
        quoted.append(depth > 0)
        depth += tok.type == "blockquote_open"
        depth -= tok.type == "blockquote_close"
    return quoted


def _md_inline(token: Any) -> list[Run]:
    runs: list[Run] = []
    marks: set[str] = set()
    links: list[str] = []
    link_text: list[str] = []
    toggles = {"strong": "b", "em": "i", "s": "s"}
    for child in token.children or []:
        kind = child.type
        base = kind.rsplit("_", 1)[0]
        if base in toggles and kind.endswith("_open"):
            marks.add(toggles[base])
        elif base in toggles and kind.endswith("_close"):
            marks.discard(toggles[base])
        elif kind == "text":
            runs.append((child.content, frozenset(marks)))
            if links:
                link_text.append(child.content)
        elif kind == "code_inline":
            runs.append((child.content, frozenset(marks | {"code"})))
        elif kind == "softbreak":
            runs.append((" ", frozenset(marks)))
        elif kind == "hardbreak":
            runs.append(("", frozenset({"br"})))
        elif kind == "link_open":
            links.append(str(child.attrGet("href") or ""))
            link_text = []
        elif kind == "link_close" and links:
            href = links.pop()
            if href and href != "".join(link_text) and not href.startswith("mailto:"):
                runs.append((f" ({href})", frozenset(marks)))
    return runs


def _inline(el: Any) -> list[Run]:
    """Inline content of an outline element, whitespace collapsed as in HTML."""
    runs: list[Run] = []

    def walk(node: Any, marks: frozenset[str]) -> None:
        if node.text:
            runs.append((node.text, marks))
        for child in node:
            if child.tag == "br":
                runs.append(("", frozenset({"br"})))
            elif child.tag in ("b", "i"):
                walk(child, marks | {child.tag})
            elif child.tag == "span":
                walk(child, marks | ({"verlopen"} if child.get("class") == "verlopen" else set()))
            else:
                raise _UnknownElement(child.tag)
            if child.tail:
                runs.append((child.tail, marks))

    walk(el, frozenset())
    result: list[Run] = []
    for text, marks in runs:
        if "br" in marks:
            if result and "br" not in result[-1][1]:
                result[-1] = (result[-1][0].rstrip(), result[-1][1])
            result.append((text, marks))
            continue
        text = _WS.sub(" ", text)
        if not result or "br" in result[-1][1] or result[-1][0].endswith(" "):
            text = text.lstrip()
        if text:
            result.append((text, marks))
    if result and "br" not in result[-1][1]:
        result[-1] = (result[-1][0].rstrip(), result[-1][1])
    return [r for r in result if r[0] or "br" in r[1]]
