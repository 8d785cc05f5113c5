"""The Word builder as it was written with python-docx's object model (before #10).

``samennw.render.docx`` writes the WordprocessingML itself, as text, because one
python-docx object per paragraph, run and cell made a large action list take seconds.
This slow builder is kept as the reference: test_render_docx_xml.py checks that both
give the same ``word/document.xml``, byte for byte. It shares the outline parsing
(``_inline``, ``_md_inline``) and the document properties with the real module.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path
from typing import Any

import docx
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, RGBColor

from samennw.render.docx import Run, _inline, _md_inline, _properties
from samennw.render.templating import markdown_parser


def reference_docx(outline: str, base: Path, stamp: datetime) -> bytes:
    """``render_docx`` built through python-docx's API, paragraph by paragraph."""
    root = ET.fromstring(outline)
    document = docx.Document(str(base))
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
    builder = _ReferenceBuilder(document)
    for element in root:
        builder.block(element, document)
    _properties(document, root, stamp)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


class _ReferenceBuilder:
    def __init__(self, document: Any) -> None:
        self.document = document
        self.style_names = {s.name for s in document.styles}
        section = document.sections[-1]
        self.text_width = section.page_width - section.left_margin - section.right_margin

    def style(self, name: str) -> str | None:
        return name if name in self.style_names else None

    def block(self, el: Any, container: Any) -> None:
        tag = el.tag
        if tag in ("title", "h1", "h2", "h3"):
            self.heading(container, _inline(el), 0 if tag == "title" else int(tag[1]))
        elif tag == "p":
            par = container.add_paragraph()
            marks = {"b", "concept"} if el.get("class") == "concept" else set()
            self.runs(par, _inline(el), frozenset(marks))
        elif tag == "field":
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
            raise AssertionError(f"unknown element <{tag}>")

    def heading(self, container: Any, runs: list[Run], level: int) -> None:
        name = "Title" if level == 0 else f"Heading {min(level, 9)}"
        if container is self.document and self.style(name):
            self.runs(container.add_paragraph(style=name), runs)
        else:
            self.runs(container.add_paragraph(), runs, frozenset({"b"}))

    def table(self, container: Any, el: Any) -> None:
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
                    table.columns[i].width = widths[i]
        for r_index, row_el in enumerate(rows):
            row = table.add_row()
            if r_index == 0:
                header = OxmlElement("w:tblHeader")
                header.set(qn("w:val"), "true")
                row._tr.get_or_add_trPr().append(header)
            for c_index, cell_el in enumerate(row_el):
                cell = row.cells[c_index]
                if widths[c_index]:
                    cell.width = widths[c_index]
                self.cell(cell, cell_el)
        if container is self.document:
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

    def runs(self, par: Any, runs: list[Run], extra: frozenset[str] = frozenset()) -> None:
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

    def markdown(self, container: Any, text: str, body: bool) -> None:
        tokens = markdown_parser().parse(text.strip())
        lists: list[list[int]] = []
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
                level = max(int(tok.tag[1]) - 1, 2)
                runs = _md_inline(tokens[i + 1])
                if body:
                    self.heading(container, runs, level)
                else:
                    self.runs(container.add_paragraph(), runs, frozenset({"b"}))
                i += 2
            elif kind == "paragraph_open":
                par, prefix = self.list_paragraph(container, lists, pending_item)
                pending_item = False
                self.runs(par, [(prefix, frozenset())] if prefix else [])
                quoted = _in_quote(tokens, i)
                self.runs(par, _md_inline(tokens[i + 1]), frozenset({"i"} if quoted else ()))
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

    def list_paragraph(self, container: Any, lists: list[list[int]], first: bool) -> Any:
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
