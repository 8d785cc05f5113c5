"""Rendering the embedded data set: the seed layouts come back, in every format."""

from __future__ import annotations

import io
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import docx
import icalendar
import pytest
from typer.testing import CliRunner

from samennw.render.document import RenderRequest, render_document
from samennw.render.redact import person_names
from samennw.storage.repository import Repository, load_repository
from tests.conftest import EMBEDDED, run

ROOT = EMBEDDED.parent
SECTIONS = [
    "Geen actielijn",
    "Werkgroep 1 – Het Jonge Kind",
    "Werkgroep 2 – Pedagogische Infrastructuur",
    "Werkgroep 3 – Perspectief van jongeren",
]
# (section, first item, last item) of the seed action list 000, open and afgerond
OPEN = [
    ("Geen actielijn", "25/11 Hulpvraag vanuit GertJan", "25/11 Delen van inhoud vergadering"),
    ("Werkgroep 1", "4 Actielijnen in ontwikkeling", "Presentatie 4 actielijnen Jonge Kind"),
    ("Werkgroep 2", "Actielijn pedagogische infrastructuur", None),
    ("Werkgroep 3", "Loopbaanroute Nieuw-West", None),
]
DONE = [
    ("Geen actielijn", "25/9 Pilots jongeren bespreken", "Voortgangsrapportage coalitiemiddelen"),
    ("Werkgroep 1", "Werkconferentie Jonge Kind 27 juni", "Vaccinatiegraad actielijn"),
    ("Werkgroep 2", "Geen Kind de Buurt uit", "Actielijn Ben in de Buurt"),
    (
        "Werkgroep 3",
        "Actielijn peer-education in het burgerschapsonderwijs agenderen",
        "Actielijn peer-education burgerschapsonderwijs verbinden",
    ),
]


@pytest.fixture(scope="module")
def repo() -> Repository:
    loaded = load_repository(ROOT)
    loaded.raise_if_invalid()
    return loaded


@pytest.fixture(autouse=True)
def _clock(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SAMENNW_DATUM", "2025-12-10")
    # commands without --data read the embedded set: from a folder with no data repository
    # (run from the checkout they would read its data/ as a repository and cache beside it)
    monkeypatch.chdir(tmp_path)


def _check_rows(sections: list[list[str]], expected: list[tuple[str, str, str | None]]) -> None:
    assert len(sections) == len(expected)
    for rows, (title, first, last) in zip(sections, expected, strict=True):
        assert rows, title
        assert rows[0].startswith(first), (title, rows[0])
        assert rows[-1].startswith(last or first), (title, rows[-1])


def _md_sections(text: str) -> tuple[list[str], list[list[str]]]:
    titles = re.findall(r"^#{2,3} (.+)$", text, re.MULTILINE)
    rows = []
    for block in re.split(r"^#{2,3} .+$", text, flags=re.MULTILINE)[1:]:
        cells = [
            line.split(" | ")[0].lstrip("| ")
            for line in block.splitlines()
            if line.startswith("| ")
            and not line.startswith(("| Wat", "| Datum", "| ---", "| *Geen"))
        ]
        rows.append(cells)
    return titles, rows


def test_action_list_markdown_has_the_seed_layout(runner: CliRunner) -> None:
    code, out, err = run(runner, "render", "actielijst", "ot-kvdj")
    assert code == 0, err
    assert "**Domein:** Kansen voor de" in out and "**Secretaris:** Raymond Pinas (SPM)" in out
    assert "**Locatie:** Bestuurskantoor STWT, Anderlechtlaan 175; 1066 HM Amsterdam" in out
    titles, rows = _md_sections(out)
    assert titles == [
        *SECTIONS,
        "Afgeronde acties en besluiten",
        SECTIONS[0],
        *(f"{s} afgerond" for s in SECTIONS[1:]),
        "Belangrijke data",
    ]
    _check_rows(rows[:4], OPEN)
    _check_rows(rows[5:9], DONE)
    assert "| 25/11 besluit: opleiden onder schooltijd | Alle aanwezigen |" in out
    assert rows[0][1].startswith("25/11 besluit")  # the decision in its place


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.tables: list[list[str]] = []
        self._in: str | None = None
        self._cell = 0
        self._table = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h2", "h3"):
            self._in = tag
            self.headings.append("")
        elif tag == "table":
            self._table = ("class", "acties") in attrs
            if self._table:
                self.tables.append([])
        elif tag == "tr":
            self._cell = 0
        elif tag == "td":
            self._cell += 1
            if self._cell == 1 and self._table:
                self.tables[-1].append("")
                self._in = "td"

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h2", "h3", "td"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in in ("h2", "h3"):
            self.headings[-1] += data
        elif self._in == "td":
            self.tables[-1][-1] += data


def test_action_list_html_and_word_have_the_same_sections(repo: Repository) -> None:
    def render(fmt: str) -> bytes:
        return render_document(
            repo,
            RenderRequest(kind="actielijst", target="ot-kvdj", fmt=fmt, today=date(2025, 12, 10)),
        )

    page = _Tables()
    page.feed(render("html").decode("utf-8"))
    assert page.headings[:5] == [*SECTIONS, "Afgeronde acties en besluiten"]
    rows = [[r for r in t if r != "Geen acties."] for t in page.tables]
    _check_rows(rows[:4], OPEN)
    _check_rows(rows[4:], DONE)

    document = docx.Document(io.BytesIO(render("docx")))
    assert len(document.tables) == 9  # a table per section, plus belangrijke data
    rows = [[r.cells[0].text for r in t.rows[1:]] for t in document.tables[:8]]
    _check_rows(rows[:4], OPEN)
    _check_rows(rows[4:], DONE)
    assert all(t.rows[0].cells[0].text == "Wat - actie" for t in document.tables[:8])


def _documents(repo: Repository) -> list[tuple[str, str | None]]:
    return (
        [("agenda", m) for m in repo.meetings]
        + [("notulen", m) for m in repo.meetings]
        + [("actielijst", t.id) for t in repo.partners.teams]
        + [("besluitenlijst", None), ("besluitenlijst", "ab")]
    )


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_every_meeting_and_every_team_in_every_format(repo: Repository, fmt: str) -> None:
    for kind, target in _documents(repo):
        data = render_document(
            repo, RenderRequest(kind=kind, target=target, fmt=fmt, today=date(2025, 12, 10))
        )
        if fmt == "docx":
            document = docx.Document(io.BytesIO(data))
            assert document.paragraphs[0].style.name == "Title", (kind, target)
            if kind in ("notulen", "actielijst"):
                assert document.tables, (kind, target)
        elif fmt == "html":
            assert data.startswith(b"<!DOCTYPE html>") and data.rstrip().endswith(b"</html>")
        else:
            assert data.startswith(b"# "), (kind, target)


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_public_ab_minutes_keep_office_holders(runner: CliRunner, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"notulen.{fmt}"
    code, _, err = run(
        runner, "render", "notulen", "ab-2023-07-04", "--openbaar", "-f", fmt, "-o", str(target)
    )
    assert code == 0, err
    data = target.read_bytes()
    if fmt == "docx":
        document = docx.Document(io.BytesIO(data))
        text = "\n".join(p.text for p in document.paragraphs)
    else:
        text = data.decode("utf-8")
    assert "5.1.2.e" in text
    assert "Femke Halsema" in text and "Rutger Groot Wassink" in text  # mayor, alderman


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_public_action_list_has_no_private_first_name(repo: Repository, fmt: str) -> None:
    data = render_document(
        repo,
        RenderRequest(
            kind="actielijst", target="ot-kvdj", fmt=fmt, public=True, today=date(2025, 12, 10)
        ),
    )
    if fmt == "docx":
        document = docx.Document(io.BytesIO(data))
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        text = "\n".join([*(p.text for p in document.paragraphs), *cells])
    else:
        text = data.decode("utf-8")
    private = [p for p in repo.partners.personen if not p.openbaar and p.naam]
    for name in ("Tjalling", "Sofie", "Maartje", "Raymond", "Marouane", "Korine", "Jeroen"):
        assert any(name in person_names(p) for p in private), name
        assert not re.search(rf"(?<!\w){name}(?!\w)", text, re.IGNORECASE), (fmt, name)
    assert "5.1.2.e/5.1.2.e/5.1.2.e" in text  # "Tjalling/Sofie/Maartje"


def test_calendar_holds_the_embedded_meetings(runner: CliRunner, repo: Repository) -> None:
    code, out, err = run(runner, "render", "ics")
    assert code == 0, err
    cal = icalendar.Calendar.from_ical(out.encode("utf-8"))
    uids = {str(e["UID"]) for e in cal.walk("VEVENT")}
    assert {f"{m}@samennw" for m in repo.meetings} <= uids
