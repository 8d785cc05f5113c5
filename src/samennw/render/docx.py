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
            builder.block(element, document)
    except _UnknownElement as exc:
        raise RenderError(
            f"onbekend element <{exc.tag}> in sjabloon '{template}' (toegestaan: "
            "title, h1-h3, p, field, ul/li, md, table/tr/th/td, b, i, br, span)"
        ) from None
    _properties(document, root, stamp)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


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


class _Builder:
    def __init__(self, document: Any) -> None:
        self.document = document
        self.style_names = {s.name for s in document.styles}
        section = document.sections[-1]
        self.text_width = section.page_width - section.left_margin - section.right_margin

    def style(self, name: str) -> str | None:
        return name if name in self.style_names else None

    # blocks ---------------------------------------------------------------------------
    def block(self, el: Any, container: Any) -> None:
        tag = el.tag
        if tag in ("title", "h1", "h2", "h3"):
            level = 0 if tag == "title" else int(tag[1])
            self.heading(container, _inline(el), level)
        elif tag == "p":
            par = container.add_paragraph()
            marks = {"b", "concept"} if el.get("class") == "concept" else set()
            self.runs(par, _inline(el), frozenset(marks))
        elif tag == "field":
            from docx.shared import Cm

            par = container.add_paragraph()
            par.paragraph_format.tab_stops.add_tab_stop(Cm(4.5))
            self.runs(par, [(f"{el.get('label', '')}:", frozenset({"b"})), ("\t", frozenset())])
            self.runs(par, _inline(el))
        elif tag == "ul":
            for li in el:
                par = container.add_paragraph(style=self.style("List Bullet"))
                self.runs(par, _inline(li))
        elif tag == "md":
            self.markdown(container, el.text or "", body=True)
        elif tag == "table":
            self.table(container, el)
        else:
            raise _UnknownElement(tag)

    def heading(self, container: Any, runs: list[Run], level: int) -> None:
        name = "Title" if level == 0 else f"Heading {min(level, 9)}"
        if container is self.document and self.style(name):
            par = container.add_paragraph(style=name)
            self.runs(par, runs)
        else:  # inside a table cell, or a base document without heading styles
            par = container.add_paragraph()
            self.runs(par, runs, frozenset({"b"}))

    def table(self, container: Any, el: Any) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        rows = [r for r in el if r.tag == "tr"]
        if not rows:
            return
        cols = max(len(r) for r in rows)
        table = container.add_table(rows=0, cols=cols)
        table.style = self.style("Table Grid")
        percents = [int(c.get("width") or 0) for c in rows[0]]
        widths: list[int | None] = [None] * cols
        if container is self.document and sum(percents) > 0:
            table.autofit = False
            for i, pct in enumerate(percents[:cols]):
                widths[i] = int(self.text_width * pct / 100) if pct else None
                if widths[i]:
                    table.columns[i].width = widths[i]  # the grid: what LibreOffice reads
        for r_index, row_el in enumerate(rows):
            row = table.add_row()
            if r_index == 0:  # a real header row: repeats on every page, read as header
                tr_pr = row._tr.get_or_add_trPr()
                header = OxmlElement("w:tblHeader")
                header.set(qn("w:val"), "true")
                tr_pr.append(header)
            for c_index, cell_el in enumerate(row_el):
                cell = row.cells[c_index]
                if widths[c_index]:
                    cell.width = widths[c_index]  # the cells: what Word reads
                self.cell(cell, cell_el)
        if container is self.document:  # Word glues adjacent tables together
            self.document.add_paragraph()

    def cell(self, cell: Any, el: Any) -> None:
        first = cell.paragraphs[0]
        marks = frozenset({"b"}) if el.tag == "th" else frozenset()
        if el.get("class") == "verlopen":
            marks = marks | {"verlopen"}
        blocks = [c for c in el if c.tag == "md"]
        if not blocks:
            self.runs(first, _inline(el), marks)
            return
        for md in blocks:
            self.markdown(cell, md.text or "", body=False)
        if not first.text and len(cell.paragraphs) > 1:
            first._p.getparent().remove(first._p)

    # inline ---------------------------------------------------------------------------
    def runs(self, par: Any, runs: list[Run], extra: frozenset[str] = frozenset()) -> None:
        from docx.enum.text import WD_BREAK
        from docx.shared import RGBColor

        for text, marks in runs:
            marks = marks | extra
            if "br" in marks:
                par.add_run().add_break(WD_BREAK.LINE)
                continue
            run = par.add_run(text)
            run.bold = True if marks & {"b", "verlopen", "concept"} else None
            run.italic = True if "i" in marks else None
            if "s" in marks:
                run.font.strike = True
            if "code" in marks:
                run.font.name = "Courier New"
            if marks & {"verlopen", "concept"}:
                run.font.color.rgb = RGBColor(0xB0, 0x00, 0x20)

    # markdown -------------------------------------------------------------------------
    def markdown(self, container: Any, text: str, body: bool) -> None:
        """Markdown blocks (via markdown-it, raw HTML off) as Word paragraphs."""
        tokens = markdown_parser().parse(text.strip())
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
                    self.runs(container.add_paragraph(), runs, frozenset({"b"}))
                i += 2
            elif kind == "paragraph_open":
                par, prefix = self.list_paragraph(container, lists, pending_item, tok)
                pending_item = False
                self.runs(par, [(prefix, frozenset())] if prefix else [])
                self.runs(
                    par,
                    _md_inline(tokens[i + 1]),
                    frozenset({"i"}) if _in_quote(tokens, i) else frozenset(),
                )
                i += 1
            elif kind in ("fence", "code_block"):
                par = container.add_paragraph()
                code: list[Run] = []
                for n, line in enumerate(tok.content.rstrip("\n").split("\n")):
                    if n:
                        code.append(("", frozenset({"br"})))
                    code.append((line, frozenset({"code"})))
                self.runs(par, code)
            elif kind == "table_open":
                i = self.markdown_table(container, tokens, i)
            i += 1

    def list_paragraph(
        self, container: Any, lists: list[list[int]], first: bool, tok: Any
    ) -> tuple[Any, str]:
        if not lists:
            return container.add_paragraph(), ""
        ordered, counter = lists[-1]
        depth = len(lists)
        if ordered:
            style = self.style("List Paragraph")
            prefix = f"{counter}. " if first else ""
        else:
            name = "List Bullet" if depth == 1 else f"List Bullet {min(depth, 3)}"
            style = self.style(name) if first else self.style("List Continue")
            prefix = ""
        return container.add_paragraph(style=style), prefix

    def markdown_table(self, container: Any, tokens: list[Any], start: int) -> int:
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


def _in_quote(tokens: list[Any], index: int) -> bool:
    depth = 0
    for tok in tokens[:index]:
        depth += tok.type == "blockquote_open"
        depth -= tok.type == "blockquote_close"
    return depth > 0


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
