"""Word: the fast builder writes exactly the XML python-docx's object model would (#10).

``render_docx`` writes WordprocessingML as text; tests/render/docx_reference.py is the
same builder on python-docx's ``add_paragraph``/``add_run``/``add_table`` calls. Every
part of the package must come out byte for byte the same, for every outline element,
the Markdown that reaches Word, and a base document with and without the styles.
"""

from __future__ import annotations

import io
import random
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path
from xml.sax.saxutils import escape

import docx
import pytest

from samennw.render.document import RenderRequest, build_context
from samennw.render.docx import _plain_paragraphs, render_docx
from samennw.render.templating import markdown_parser, render_template
from samennw.storage.repository import load_repository
from tests.conftest import GOLDEN_REPO, REPO_ROOT
from tests.render.docx_reference import reference_docx

BASIS = REPO_ROOT / "templates" / "basis.docx"
STAMP = datetime(2025, 12, 10, 9, 30, tzinfo=UTC)

MARKDOWN = [
    "plain text",
    "",
    "   ",
    "two lines\nof plain text\n\nand a second paragraph",
    "18 maart 2042: Loopt nog.\n\n· Verbinding met het Jonge Kind\n· O&S & partners",
    "**bold** and *it* and ~~strike~~ and `code` and ***both*** text",
    "line one\nline two  \nhard break\\\nafter",
    "- a\n- b\n  - nested\n    - deeper\n      - deepest\n- c\n\n  continued para in item",
    "1. one\n2. two\n   1. sub\n\n3. three\n\n   more",
    "5. five\n6. six",
    "# H1\n## H2\n### H3\n#### H4 *em*\n\ntext",
    "> quoted **b**\n> more\n\nafter quote\n\n> - list in quote",
    "```\ncode line 1\n  indented\n\nafter blank\n```\n\n    indented code\n    block",
    "| a | b |\n|---|---|\n| 1 *x* | 2 |\n| 3 | `4` |",
    "| only header |\n|---|",
    "[link](http://example.org), [http://x.nl](http://x.nl), [mail](mailto:a@b.nl), "
    "<http://auto.nl> and [empty]()",
    "tab\there and  multiple   spaces  ",
    "text with & < > \" ' chars, &amp; &copy; &#x41; &#0;",
    "- item **bold `code`**\n- [lnk](https://a.b)",
    "***\n\n---\n\nafter hr",
    "Setext\n===\n\nSetext2\n---",
    "![img](http://x/y.png) image off, <b>raw html</b> stays text",
    "- [ ] task\n- [x] done\n\n1) paren\n2) list\n\n* star\n+ plus",
    "x\u00a0nbsp, zero\u200bwidth, line\u2028separator",
]


def _md(text: str) -> str:
    return f"<md>{escape(text)}</md>"


def _stress_outline() -> str:
    rows = "".join(
        f"<tr><td>{n}</td><td>{_md(text)}</td><td>{_md(text)}{_md('second block')}</td>"
        f'<td class="verlopen">text <md>- mixed</md> tail</td></tr>'
        for n, text in enumerate(MARKDOWN)
    )
    header = "<tr><th{}>n</th><th{}>md</th><th{}>two</th><th>mix</th></tr>"
    widths = header.format(' width="10"', ' width="45"', ' width="25"')
    no_widths = header.format("", "", "")
    parts = [
        '<document title="T &amp; t" subject="S" keywords="k" category="C" status="St">',
        "<title>Title <b>bold</b> <i>it</i></title><h1>H1</h1>",
        '<h2>H2 <span class="verlopen">v</span></h2><h3>H3<br/>x</h3>',
        '<p class="concept">concept <i>it</i></p><p></p><p><br/></p>',
        "<p>  lead  <b> bold </b>  <i>it <b>bi</b></i> tail <br/> after br <br/><br/> two </p>",
        '<p><span>plain</span><span class="other">x</span><span class="verlopen">late</span></p>',
        '<field label="Datum">1 jan</field><field>no label</field><field label="L"></field>',
        '<field label="X &amp; Y">a<br/>b</field>',
        "<ul><li>one</li><li><b>two</b> x</li><li></li></ul><ul></ul><table></table>",
        "<table><tr><th>no width</th><th>b</th></tr><tr><td>1</td><td>2</td><td>3</td></tr>"
        "</table>",
        '<table><tr><th width="50">a</th><th>b</th><th width="0">c</th></tr><tr><td>1</td></tr>'
        '<tr><td class="verlopen">x</td><td><i>i</i></td><td><md></md></td></tr></table>',
        "<table><tr></tr><tr/></table>",
        *(_md(text) for text in MARKDOWN),
        f"<table>{widths}{rows}</table>",
        f"<table>{no_widths}{rows}</table>",
        "</document>",
    ]
    return "\n".join(parts)


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def _bare_base(tmp_path: Path) -> Path:
    """basis.docx without any style but Normal: headings, lists and tables fall back."""
    document = docx.Document(str(BASIS))
    styles = document.styles.element
    for style in list(styles):
        if style.tag.endswith("}style") and style.get(docx.oxml.ns.qn("w:styleId")) != "Normal":
            styles.remove(style)
    path = tmp_path / "kaal.docx"
    document.save(str(path))
    return path


def _assert_same_package(outline: str, base: Path) -> None:
    fast = _members(render_docx(outline, base, STAMP, "test.docx.j2"))
    slow = _members(reference_docx(outline, base, STAMP))
    assert list(fast) == list(slow)
    for name in slow:
        assert fast[name] == slow[name], f"{name} verschilt"


@pytest.mark.parametrize("bare", [False, True], ids=["basis", "zonder-stijlen"])
def test_every_element_as_python_docx_writes_it(tmp_path: Path, bare: bool) -> None:
    base = _bare_base(tmp_path) if bare else BASIS
    _assert_same_package(_stress_outline(), base)


@pytest.mark.parametrize(
    ("kind", "target", "public"),
    [
        ("actielijst", "ot-kvdj", False),
        ("actielijst", "ot-kvdj", True),
        ("notulen", "ab-2023-07-04", False),
        ("notulen", "ot-kvdj-2025-11-25", True),
        ("agenda", "ot-kvdj-2025-11-25", False),
        ("besluitenlijst", None, False),
    ],
)
def test_the_documents_as_python_docx_writes_them(
    kind: str, target: str | None, public: bool
) -> None:
    repo = load_repository(GOLDEN_REPO)
    req = RenderRequest(
        kind=kind, target=target, fmt="docx", public=public, today=date(2025, 12, 10)
    )
    outline = render_template(f"{kind}.docx.j2", build_context(repo, req), repo.root)
    _assert_same_package(outline, BASIS)


def test_a_negative_column_width_is_refused_as_before() -> None:
    outline = (
        '<document><table><tr><th width="-10">a</th><th width="50">b</th></tr></table></document>'
    )
    with pytest.raises(ValueError):
        reference_docx(outline, BASIS, STAMP)
    with pytest.raises(ValueError):
        render_docx(outline, BASIS, STAMP, "test.docx.j2")


# --- plain text skips markdown-it ------------------------------------------------------


def _markdown_it_paragraphs(text: str) -> list[list[str]] | None:
    """Paragraphs of plain lines as markdown-it reads ``text``; None if anything else."""
    tokens = markdown_parser().parse(text)
    paragraphs = []
    for n in range(0, len(tokens), 3):
        opening, inline, closing = tokens[n : n + 3]
        if (opening.type, inline.type, closing.type) != (
            "paragraph_open",
            "inline",
            "paragraph_close",
        ):
            return None
        lines = [""]
        for child in inline.children or []:
            if child.type == "text":
                lines[-1] += child.content
            elif child.type == "softbreak":
                lines.append("")
            else:
                return None
        paragraphs.append(lines)
    return paragraphs


PIECES = [
    *"abXZ09 .,;:!?()'\"@$%^{}/·é",
    *["\n", "\n\n", "  ", "    ", "\t", "\xa0", "\u2028", "\u3000", "\x85"],
    *["&", "&amp;", "&x", "&#65;", ";", "#", "-", "+", "=", ">", "*", "_", "`", "~"],
    *["[", "]", "<", "|", "\\", "1.", "2)", "---", "===", "word", "18 maart"],
]


def test_plain_text_reads_as_markdown_it_reads_it() -> None:
    rng = random.Random(10)
    texts = [
        "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 14))).strip() for _ in range(20000)
    ]
    texts += [text.strip() for text in MARKDOWN]
    plain = 0
    for text in texts:
        paragraphs = _plain_paragraphs(text)
        if paragraphs is not None:
            plain += 1
            assert paragraphs == _markdown_it_paragraphs(text), repr(text)
    assert plain > 2000  # the fast path is taken, and checked, often


@pytest.mark.parametrize(
    "text",
    [
        "- item",
        "a\n- item",
        "1. item",
        "a\n10) item",
        "# kop",
        "> citaat",
        "kop\n===",
        "kop\n---",
        "+ item",
        ":--",
        "a  \nb",
        "a\n    b",
        "a\n\n    code",
        "*nadruk*",
        "_nadruk_",
        "`code`",
        "~~weg~~",
        "[link](x)",
        "<http://x.nl>",
        "a | b",
        "a\\b",
        "&amp;",
        "&#65;",
        "tab\there",
        "a\r\nb",
    ],
)
def test_text_that_may_hold_markup_goes_to_markdown_it(text: str) -> None:
    assert _plain_paragraphs(text) is None


def test_plain_text_paragraphs() -> None:
    assert _plain_paragraphs("") == []
    assert _plain_paragraphs("O&S: 18 maart\nvolgende regel\n\n\nnieuw") == [
        ["O&S: 18 maart", "volgende regel"],
        ["nieuw"],
    ]
