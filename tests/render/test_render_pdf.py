"""`samennw render … -f pdf`: WeasyPrint's PDF read back with pypdf (issue #14, point 4).

The PDFs are real: rendered by WeasyPrint (with Debian's pango, which .ci/run installs)
and read back, text and metadata, with pypdf.
"""

from __future__ import annotations

import http.server
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from samennw.storage.repository import load_repository
from tests.conftest import REPO_ROOT, build_file_tree, run, snapshot

MEETING = "ab-2023-07-04"
MINUTES = "ot-kvdj-2025-11-25"  # names people who are not public


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("pdf") / "repo"
    shutil.copytree(REPO_ROOT / "data", dest / "data")
    return dest


def render_pdf(repo: Path, out: Path, *args: str) -> PdfReader:
    code, stdout, err = run(CliRunner(), "render", *args, "-o", str(out), "--data", str(repo))
    assert code == 0, err
    assert stdout == "" and err.strip() == f"geschreven: {out}"
    assert out.read_bytes().startswith(b"%PDF-")
    return PdfReader(out)


def squeezed(text: str) -> str:
    """Text without whitespace: a text extractor may space out letters ('F e m k e')."""
    return re.sub(r"\s+", "", text)


def all_text(reader: PdfReader) -> str:
    return squeezed("".join(page.extract_text() or "" for page in reader.pages))


def names(repo: Path, public: bool) -> list[str]:
    """The names of persons the public version may (``public``) or must not show."""
    partners = load_repository(repo).partners
    return [p.naam for p in partners.personen if p.naam and p.openbaar is public]


def without_public_names(text: str, repo: Path) -> str:
    """``text`` without the public names: 'Jeroen' may stand in 'Jeroen Spanbroek'."""
    for name in sorted(names(repo, public=True), key=len, reverse=True):
        text = text.replace(squeezed(name), "")
    return text


@pytest.fixture(scope="module")
def minutes(embedded: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, PdfReader]:
    out = tmp_path_factory.mktemp("uit")
    return {
        "intern": render_pdf(embedded, out / "intern.pdf", "notulen", MINUTES),
        "openbaar": render_pdf(embedded, out / "openbaar.pdf", "notulen", MINUTES, "--openbaar"),
    }


def test_the_minutes_pdf_holds_the_minutes(minutes: dict[str, PdfReader]) -> None:
    text = all_text(minutes["intern"])
    for expected in ("Besluitenlijst", "Actielijst", "25november2025", "Aanwezig"):
        assert squeezed(expected).lower() in text.lower()
    assert len(minutes["intern"].pages) >= 2


def test_the_pdf_is_tagged_dutch_titled_and_names_no_author(
    minutes: dict[str, PdfReader],
) -> None:
    for reader in minutes.values():
        root = reader.trailer["/Root"]
        assert root["/Lang"] == "nl"
        assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a PDF boolean)
        assert "/StructTreeRoot" in root
        info = reader.metadata
        assert info is not None
        assert info.title and "Kansen voor de Jeugd" in info.title
        assert "/Author" not in info and "/Keywords" not in info and "/Subject" not in info
        assert info["/Creator"] == "samennw"
        xmp = (
            root["/Metadata"].get_object().get_data().decode("utf-8") if "/Metadata" in root else ""
        )
        assert "dc:creator" not in xmp


def test_the_public_pdf_leaks_no_hidden_name(minutes: dict[str, PdfReader], embedded: Path) -> None:
    hidden = names(embedded, public=False)
    internal = without_public_names(all_text(minutes["intern"]), embedded)
    public = without_public_names(all_text(minutes["openbaar"]), embedded)
    shown = [n for n in hidden if squeezed(n) in internal]
    assert shown, "the internal minutes name nobody hidden: the check below would be empty"
    assert [n for n in hidden if squeezed(n) in public] == []
    meta = str(minutes["openbaar"].metadata) + str(minutes["openbaar"].xmp_metadata or "")
    assert [n for n in hidden if n in meta] == []
    assert "5.1.2.e" in public  # redacted, with its ground


@pytest.mark.parametrize(
    "kind", [["agenda", MEETING], ["actielijst", "ot-kvdj"], ["besluitenlijst"]]
)
def test_every_document_has_a_pdf(embedded: Path, tmp_path: Path, kind: list[str]) -> None:
    reader = render_pdf(embedded, tmp_path / "doc.pdf", *kind)
    assert reader.trailer["/Root"]["/Lang"] == "nl"
    assert all_text(reader)


def test_the_same_data_gives_the_same_pdf(
    embedded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SAMENNW_DATUM", "2025-12-10")  # the document's date, not the clock's
    first = render_pdf(embedded, tmp_path / "a.pdf", "agenda", MEETING)
    second = render_pdf(embedded, tmp_path / "b.pdf", "agenda", MEETING)
    assert first.metadata == second.metadata
    assert first.metadata is not None and first.metadata["/CreationDate"] == "D:20251210000000Z"
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_a_pdf_cannot_go_to_the_screen(embedded: Path) -> None:
    before = snapshot(embedded)
    code, out, err = run(
        CliRunner(), "render", "notulen", MEETING, "-f", "pdf", "--data", str(embedded)
    )
    assert (code, out) == (1, "")
    assert err.strip() == "fout: een PDF kan niet naar het scherm; geef -o BESTAND.pdf op"
    assert snapshot(embedded) == before


class _Counter(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    _Counter.hits = []
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


def test_a_template_cannot_make_the_pdf_fetch_anything_or_name_an_author(
    embedded: Path, tmp_path: Path, server: str
) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(embedded, repo)
    template = (REPO_ROOT / "templates" / "agenda.html.j2").read_text(encoding="utf-8")
    probe = (
        f'<img src="{server}/beeld.png" alt="">'
        f'<link rel="stylesheet" href="{server}/stijl.css">'
        '<img src="file:///etc/hostname" alt="">'
    )
    meta = (
        '<meta name="author" content="Jan Jansen">'
        '<meta name="keywords" content="geheim">'
        '<meta name="description" content="Opgesteld door Jan Jansen">'
    )
    base = (REPO_ROOT / "templates" / "_basis.html.j2").read_text(encoding="utf-8")
    files: dict[str, str | bytes] = {
        "templates/agenda.html.j2": template.replace("</h1>", "</h1>" + probe, 1),
        "templates/_basis.html.j2": base.replace("<head>", "<head>" + meta, 1),
    }
    build_file_tree(repo, files)
    reader = render_pdf(repo, tmp_path / "agenda.pdf", "agenda", MEETING)
    assert _Counter.hits == []
    assert reader.metadata is not None
    assert {"/Author", "/Keywords", "/Subject"}.isdisjoint(reader.metadata)
    assert "Jan Jansen" not in str(reader.xmp_metadata or "")
    assert squeezed(Path("/etc/hostname").read_text().strip()) not in all_text(reader)
