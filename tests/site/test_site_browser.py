"""The site in headless Chromium (Debian's package), driven over the DevTools protocol.

Every page loads without console errors (a CSP violation, a missing file or a script
error is one); the besluitenlijst's search and filters work; a minutes page is printed
on A4 and captured; Chromium's own accessibility tree is checked (names of links and
form controls, one h1, the page language). Never skipped in CI (``needs_tool``).
"""

from __future__ import annotations

import json
import struct
from collections.abc import Iterator
from pathlib import Path

import pytest

from samennw.site.build import build_site
from tests.render.test_render_html import BROWSER
from tests.site.cdp import Browser
from tests.site.test_site import TODAY, accept_unknown_names, golden_copy

pytestmark = needs_browser = pytest.mark.needs_tool(
    path=BROWSER, what="een headless browser (chromium)"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("site")
    root = golden_copy(base)
    accept_unknown_names(root)
    out = base / "site"
    build_site(root, out, TODAY, jobs=1)
    return out


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    assert BROWSER is not None
    chromium = Browser(BROWSER, tmp_path_factory.mktemp("profiel"))
    yield chromium
    chromium.close()


def test_every_page_loads_without_console_errors(site: Path, browser: Browser) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) == 12
    for page in pages:
        browser.open(page.as_uri())
        assert browser.errors() == [], page.relative_to(site)
        assert browser.evaluate("document.documentElement.lang") == "nl"
    # the check itself works: a blocked inline script is a console error
    bad = site.parent / "fout.html"
    html = (site / "index.html").read_text(encoding="utf-8")
    bad.write_text(html.replace("</main>", "<script>1</script></main>"), encoding="utf-8")
    browser.open(bad.as_uri())
    assert any("Content Security Policy" in e for e in browser.errors())


def visible(browser: Browser) -> int:
    count = browser.evaluate(
        "document.querySelectorAll('#besluiten tbody tr:not([hidden])').length"
    )
    assert isinstance(count, int)
    return count


def set_field(browser: Browser, field: str, value: str) -> None:
    script = (
        f"var el = document.getElementById({json.dumps(field)}); el.value = {json.dumps(value)};"
        f" el.dispatchEvent(new Event({json.dumps('input' if field == 'zoek' else 'change')},"
        " {bubbles: true}));"
    )
    browser.evaluate(script)


def test_the_besluitenlijst_filters_in_the_page(site: Path, browser: Browser) -> None:
    decisions = json.loads((site / "data/besluiten.json").read_text(encoding="utf-8"))["besluiten"]
    assert len(decisions) >= 3
    browser.open((site / "besluitenlijst.html").as_uri())
    assert browser.errors() == []
    assert browser.evaluate("document.getElementById('filter').hidden") is False  # script ran
    total = len(decisions)
    assert visible(browser) == total
    # text search: every word, case-insensitive
    word = decisions[0]["tekst"].split()[-1].strip(".,").upper()
    set_field(browser, "zoek", word)
    expected = sum(
        1 for d in decisions if word.lower() in json.dumps(d, ensure_ascii=False).lower()
    )
    assert 0 < visible(browser) <= expected
    assert browser.evaluate("document.getElementById('aantal').textContent") == (
        f"{visible(browser)} van {total} besluiten"
    )
    set_field(browser, "zoek", "geen-besluit-heeft-deze-tekst")
    assert visible(browser) == 0
    set_field(browser, "zoek", "")
    # team, year, outcome
    for field, key in (("team", "team"), ("jaar", "datum"), ("uitslag", "uitslag")):
        value = decisions[-1][key][:4] if field == "jaar" else decisions[-1][key]
        set_field(browser, field, value)
        expected = sum(1 for d in decisions if (d[key][:4] if field == "jaar" else d[key]) == value)
        assert visible(browser) == expected > 0, field
        set_field(browser, field, "")
    assert visible(browser) == total
    set_field(browser, "team", "ab")
    set_field(browser, "jaar", "2025")
    assert visible(browser) == 0  # the AB met in 2023 in these data


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_minutes_print_on_a4_captured(site: Path, browser: Browser, tmp_path: Path) -> None:
    import base64

    page = site / "vergaderingen/2023/ab-2023-07-04-notulen.html"
    browser.open(page.as_uri())
    # A4 at 96 dpi, the print stylesheet: what the printed page looks like
    browser.send("Emulation.setEmulatedMedia", media="print")
    browser.send(
        "Emulation.setDeviceMetricsOverride",
        width=794,
        height=1123,
        deviceScaleFactor=1,
        mobile=False,
    )
    assert (
        browser.evaluate("getComputedStyle(document.querySelector('nav.site')).display") == "none"
    )
    shot = browser.screenshot()
    (tmp_path / "notulen-a4.png").write_bytes(shot)
    assert png_size(shot) == (794, 1123) and len(shot) > 20_000
    pdf = base64.b64decode(
        browser.send("Page.printToPDF", preferCSSPageSize=True, printBackground=True)["data"]
    )
    assert pdf.startswith(b"%PDF")
    browser.send("Emulation.clearDeviceMetricsOverride")
    browser.send("Emulation.setEmulatedMedia", media="")


def ax_nodes(browser: Browser) -> list[dict[str, object]]:
    nodes = browser.send("Accessibility.getFullAXTree")["nodes"]
    assert isinstance(nodes, list)
    return [n for n in nodes if not n.get("ignored")]


def value(node: dict[str, object], key: str) -> str:
    field = node.get(key)
    return str(field.get("value", "")) if isinstance(field, dict) else ""


@pytest.mark.parametrize(
    "page",
    [
        "index.html",
        "besluitenlijst.html",
        "teams/ot-kvdj.html",
        "vergaderingen/2023/index.html",
        "vergaderingen/2023/ab-2023-07-04-notulen.html",
        "vergaderingen/2025/ot-kvdj-2025-11-25-agenda.html",
    ],
)
def test_accessibility_tree(site: Path, browser: Browser, page: str) -> None:
    """Chromium's accessibility tree (what a screen reader gets): every link, field and
    table header has a name, there is one level-1 heading and a main landmark, and the
    navigation is a named landmark."""
    browser.open((site / page).as_uri())
    nodes = ax_nodes(browser)
    roles = [value(n, "role") for n in nodes]
    named = ("link", "textbox", "searchbox", "combobox", "columnheader", "rowheader", "navigation")
    for n in nodes:
        if value(n, "role") in named:
            assert value(n, "name").strip(), f"{page}: {value(n, 'role')} zonder naam"
    headings = [n for n in nodes if value(n, "role") == "heading"]
    levels = [
        p["value"]["value"]
        for n in headings
        for p in n.get("properties", [])  # type: ignore[attr-defined]
        if p["name"] == "level"
    ]
    assert levels.count(1) == 1, page
    assert "main" in roles
    if page != "index.html":
        assert "navigation" in roles
