"""HTML: standalone, Dutch, semantic, accessible tables, A4 print; checked in a browser."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from samennw.render.document import RenderRequest, render_document
from samennw.storage.repository import load_repository
from tests.conftest import GOLDEN_REPO, needs_tool

BROWSER = next(
    (
        p
        for p in (
            shutil.which("chromium"),
            shutil.which("chromium-browser"),
            shutil.which("google-chrome"),
        )
        if p
    ),
    None,
)


class Outline(HTMLParser):
    """Collects the tags, attributes and text of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def of(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for t, attrs in self.tags if t == tag]


def html_of(kind: str, target: str | None, *, public: bool = False) -> str:
    repo = load_repository(GOLDEN_REPO)
    req = RenderRequest(
        kind=kind, target=target, fmt="html", public=public, today=date(2025, 12, 10)
    )
    return render_document(repo, req).decode("utf-8")


def parse(html: str) -> Outline:
    outline = Outline()
    outline.feed(html)
    return outline


DOCUMENTS = [
    ("actielijst", "ot-kvdj"),
    ("notulen", "ab-2023-07-04"),
    ("agenda", "ot-kvdj-2025-11-25"),
    ("besluitenlijst", None),
]


@pytest.mark.parametrize(("kind", "target"), DOCUMENTS)
def test_standalone_dutch_semantic(kind: str, target: str | None) -> None:
    html = html_of(kind, target)
    page = parse(html)
    assert html.startswith("<!DOCTYPE html>")
    assert page.of("html") == [{"lang": "nl"}]
    assert len(page.of("h1")) == 1 and page.of("h2")
    assert page.of("style") and "@page { size: A4" in html and "@media print" in html
    # no external resources: nothing is loaded from anywhere
    for tag in ("script", "img", "link", "iframe", "object", "embed"):
        assert not page.of(tag), tag
    assert not re.search(r"url\(|@import|src=", html)
    assert "default-src 'none'" in html  # and the browser is told so
    for attrs in page.of("th"):
        assert attrs.get("scope") in ("col", "row"), attrs


def test_action_list_sections_and_overdue() -> None:
    html = html_of("actielijst", "ot-kvdj")
    page = parse(html)
    headings = re.findall(r"<h[23]>(.*?)</h[23]>", html)
    assert headings == [
        "Geen actielijn",
        "Werkgroep 1 – Het Jonge Kind",
        "Werkgroep 2 – Pedagogische Infrastructuur",
        "Werkgroep 3 – Perspectief van jongeren",
        "Afgeronde acties en besluiten",
        "Geen actielijn",
        "Werkgroep 1 – Het Jonge Kind afgerond",
        "Werkgroep 2 – Pedagogische Infrastructuur afgerond",
        "Werkgroep 3 – Perspectief van jongeren afgerond",
        "Belangrijke data",
    ]
    assert len([t for t in page.of("table") if t.get("class") == "acties"]) == 8
    assert '<td class="verlopen">November 2025 <span class="label">(verlopen)</span></td>' in html
    assert ".verlopen {" in html  # visually distinct


def test_text_is_escaped_and_markdown_has_no_raw_html() -> None:
    html = html_of("actielijst", "ot-kvdj")
    assert "Overleg W&amp;B &lt;-&gt; KvdJ | afstemming &lt;b&gt;vet&lt;/b&gt;" in html
    assert "<b>vet</b>" not in html
    minutes = html_of("notulen", "ab-2023-07-04")
    assert "<code>protocol &lt;v3&gt;</code> &amp; bijlage" in minutes
    assert "<ul>\n<li>Rutger Groot Wassink" in minutes  # real Markdown lists
    assert "<h3>Mededelingen</h3>" in minutes  # '###' sits under the item's h2


def test_public_minutes_in_html() -> None:
    html = html_of("notulen", "ab-2023-07-04", public=True)
    assert "Femke Halsema" in html and "Rutger Groot Wassink" in html
    assert "Raymond" not in html and "Tjalling" not in html
    assert "5.1.2.e" in html and "Het budget is 5.1.2.b." in html


@needs_tool(BROWSER, "een headless browser (chromium)")
def test_real_browser_renders_and_prints_a4(tmp_path: Path) -> None:
    page = tmp_path / "actielijst.html"
    page.write_text(html_of("actielijst", "ot-kvdj"), encoding="utf-8")
    flags = [
        str(BROWSER),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profiel'}",
    ]
    url = page.as_uri()
    dom = subprocess.run(
        [*flags, "--dump-dom", url], capture_output=True, text=True, timeout=120, check=True
    ).stdout
    assert '<html lang="nl">' in dom and dom.count('<table class="acties">') == 8
    shot = tmp_path / "scherm.png"
    subprocess.run(
        [*flags, "--window-size=1200,1600", f"--screenshot={shot}", url],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
    pdf = tmp_path / "afdruk.pdf"
    subprocess.run(
        [*flags, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", url],
        capture_output=True,
        timeout=120,
        check=True,
    )
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf.read_bytes())
    assert boxes, "geen pagina's in de PDF"
    for width, height in boxes:  # A4 is 595 x 842 points: the print stylesheet applies
        assert abs(float(width) - 595) < 2 and abs(float(height) - 842) < 2


CRAMPED = """\
---
id: KVDJ-012
wat: Overzicht https://www.amsterdam.nl/nieuw-west/samen-nieuw-west/actielijnen/jonge-kind maken
wie: Werkgroep/Raymond/Tjalling/Sofie/Maartje/Marouane/Theresa
betrokkenen: [tjalling]
wanneer: Oktober/november/december 2025
status: open
team: ot-kvdj
vergadering: ot-kvdj-2025-09-25
---
Zie Werkgroepvoorzitters/secretarissen/trekkers-overleg.
"""

OVERFLOW_PROBE = """<script>
var bad = [];
document.querySelectorAll("td, th").forEach(function (el) {
  if (el.scrollWidth > el.clientWidth + 1) { bad.push(el.textContent.trim().slice(0, 50)); }
});
document.body.setAttribute("data-overflow", JSON.stringify(bad));
</script>
"""


@needs_tool(BROWSER, "een headless browser (chromium)")
@pytest.mark.parametrize(
    ("medium", "width"), [("scherm", 1200), ("smal", 700), ("a4", 658)]
)  # A4 less the 1.8 cm margins
def test_long_names_wrap_inside_their_cells(tmp_path: Path, medium: str, width: int) -> None:
    import json
    import shutil as sh

    from tests.conftest import build_file_tree

    root = tmp_path / "repo"
    sh.copytree(GOLDEN_REPO, root)
    build_file_tree(root, {"data/acties/open/KVDJ-012.md": CRAMPED})
    repo = load_repository(root)
    req = RenderRequest(kind="actielijst", target="ot-kvdj", fmt="html", today=date(2025, 12, 10))
    html = render_document(repo, req).decode("utf-8")
    assert "Werkgroep/<wbr>Raymond/<wbr>Tjalling" in html  # may wrap at the slashes
    # the test page may run a script, and in 'a4' the print stylesheet applies on screen
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    if medium == "a4":
        html = html.replace("@media print {", "@media all {")
    html = html.replace("</body>", OVERFLOW_PROBE + "</body>")
    page = tmp_path / "pagina.html"
    page.write_text(html, encoding="utf-8")
    dom = subprocess.run(
        [
            str(BROWSER),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profiel'}",
            f"--window-size={width},1600",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    found = re.search(r'data-overflow="([^"]*)"', dom)
    assert found, "meting ontbreekt"
    overflowing = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    assert overflowing == [], f"tekst loopt buiten de cel ({medium}): {overflowing}"


def test_breakable_escapes_and_breaks_only_between_words() -> None:
    from samennw.render.templating import breakable

    assert str(breakable("Raymond/<b>Tjalling</b>")) == "Raymond/&lt;b&gt;Tjalling&lt;/<wbr>b&gt;"
    assert str(breakable("Okt/nov, 25/11")) == "Okt/<wbr>nov, 25/11"
