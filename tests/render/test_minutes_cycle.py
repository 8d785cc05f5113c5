"""Agenda and minutes in the meeting cycle (issue #13): actions on the agenda as they
stood on the meeting date, the part 'Afgehandeld in deze vergadering', overdue judged
on the meeting date, expected attendance and guests, and the public (Woo) version.

The repository is the golden fixture with one more AB meeting (14 December 2023) that
lists actions under its agenda items and closes, cancels and updates some of them.
Its renderings are golden files too (``notulen-cyclus-*``, ``agenda-cyclus-*``).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import GOLDEN_REPO, build_file_tree, run
from tests.render.test_render_golden import check_golden, docx_dump

MEETING = "ab-2023-12-14"
EMAILS = ("rutger@example.nl", "jan.de.vries@example.org", "marouane@example.nl")

PEOPLE = """\
personen:
  - id: jan-de-vries
    naam: Jan de Vries
    functie: Adviseur jeugdbeleid
    email: jan.de.vries@example.org
  - id: kees-bakker
    naam: Kees Bakker
    functie: Beleidsmedewerker
"""

MEETING_FILE = """\
---
id: ab-2023-12-14
team: ab
datum: 2023-12-14
begin: "15:30"
eind: "17:00"
voorzitter: femke-halsema
aanwezig:
  - femke-halsema
  - persoon: samir-bashara
    functie: Directeur Samen Nieuw-West
verwacht:
  - rutger-groot-wassink
  - kees-bakker
gasten:
  - persoon: jan-de-vries
    functie: Kwartiermaker jeugd
    rol: presentator agendapunt 2
agenda:
  - nr: 1
    titel: Opening
  - nr: 2
    titel: Acties van 4 juli
    acties: [AB-001, AB-002, AB-003, AB-006, AB-008, AB-404]
  - nr: 3
    titel: Rondvraag
    acties: AB-005
notulen_status: concept
---
## 1. Opening

De voorzitter opent.

## 2. Acties van 4 juli

Jan de Vries licht de stand toe.

## 3. Rondvraag

Geen vragen.
"""

ACTIONS = {
    # born on 4 July; closed after the meeting: open (and overdue) on 14 December
    "data/acties/afgerond/AB-002.md": """\
---
id: AB-002
wat: Vertrouwensprotocol rondsturen
wie: Samir
wanneer: September 2023
status: afgerond
team: ab
vergadering: ab-2023-07-04
afgerond_op: 2024-03-01
---
""",
    # closed in the meeting, with a note given there and an update after it
    "data/acties/afgerond/AB-003.md": """\
---
id: AB-003
wat: Planning 2024 opstellen
wie: Marouane
wanneer: December 2023
status: afgerond
team: ab
vergadering: ab-2023-07-04
afgerond_op: 2023-12-14
afgerond_in: ab-2023-12-14
updates:
  - datum: 2023-12-14
    vergadering: ab-2023-12-14
    tekst: De planning is vastgesteld.
  - datum: 2024-02-01
    tekst: Later nagekomen opmerking.
---
""",
    # cancelled in the meeting, with a reason
    "data/acties/afgerond/AB-004.md": """\
---
id: AB-004
wat: Werkbezoek organiseren
wie: Rutger Groot Wassink
wanneer: November 2023
status: geannuleerd
reden: Het werkbezoek gaat niet door.
team: ab
vergadering: ab-2023-07-04
geannuleerd_op: 2023-12-14
geannuleerd_in: ab-2023-12-14
---
""",
    # updated in the meeting, still open
    "data/acties/open/AB-005.md": """\
---
id: AB-005
wat: Contact met de GGD
wie: Marouane
wanneer: Q1 2024
status: open
team: ab
vergadering: ab-2023-07-04
updates:
  - datum: 2023-12-14
    vergadering: ab-2023-12-14
    tekst: Marouane belt de GGD in januari.
---
""",
    # born in the meeting and cancelled in it
    "data/acties/afgerond/AB-007.md": """\
---
id: AB-007
wat: Extra bijeenkomst plannen
wie: Samir
wanneer: Januari 2024
status: geannuleerd
reden: Dubbel met AB-003.
team: ab
vergadering: ab-2023-12-14
geannuleerd_op: 2023-12-14
geannuleerd_in: ab-2023-12-14
---
""",
    # blocked (a status without a date: shown as it is)
    "data/acties/open/AB-008.md": """\
---
id: AB-008
wat: Locatie huren
wie: Samir
wanneer: Oktober 2023
status: geblokkeerd
reden: Wacht op budget.
team: ab
vergadering: ab-2023-07-04
---
""",
    # cancelled after the meeting: open on 14 December
    "data/acties/afgerond/AB-006.md": """\
---
id: AB-006
wat: Nieuwsbrief uitbrengen
wie: Samir
wanneer: Voorjaar 2024
status: geannuleerd
reden: Opgegaan in de communicatiestrategie.
team: ab
vergadering: ab-2023-07-04
geannuleerd_op: 2024-05-01
---
""",
}


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The golden fixture plus the December meeting; the clock in 2026."""
    monkeypatch.setenv("SAMENNW_DATUM", "2026-03-01")
    dest = tmp_path / "golden" / "repo"
    shutil.copytree(GOLDEN_REPO, dest)
    partners = dest / "data" / "partners.yaml"
    text = partners.read_text(encoding="utf-8")
    text = text.replace("personen:\n", PEOPLE, 1)
    text = text.replace(  # an address for a public and for a private person
        "    rollen: [Wethouder]\n", "    rollen: [Wethouder]\n    email: rutger@example.nl\n", 1
    )
    text = text.replace(
        "    aliassen: [Marouane]\n", "    aliassen: [Marouane]\n    email: marouane@example.nl\n"
    )
    files: dict[str, str | bytes] = {
        "data/partners.yaml": text,
        f"data/meetings/2023/{MEETING}.md": MEETING_FILE,
        **ACTIONS,
    }
    return build_file_tree(dest, files)


def render(runner: CliRunner, repo: Path, *args: str) -> str:
    code, out, err = run(runner, "render", *args, "--data", str(repo))
    assert code == 0, err
    return out


def part(text: str, heading: str) -> str:
    """The Markdown from ``heading`` up to the next level-2 heading."""
    rest = text.split(f"## {heading}\n", 1)[1]
    return rest.split("\n## ", 1)[0]


def row(text: str, action_id: str) -> str:
    """The table row of ``action_id`` in ``text``."""
    found = [line for line in text.splitlines() if line.startswith(f"| {action_id} |")]
    assert len(found) == 1, (action_id, found)
    return found[0]


# --- actions on the agenda, as they stood on the meeting date ---------------------------


def test_agenda_lists_the_actions_of_an_item_as_on_the_meeting_date(
    runner: CliRunner, repo: Path
) -> None:
    out = render(runner, repo, "agenda", MEETING)
    item = out.split("### 2. Acties van 4 juli", 1)[1].split("### 3.", 1)[0]
    assert "**Acties** (stand op 14 december 2023)" in item
    first = "| AB-001 | Agenda delen met het AB | Marouane | Volgende AB | open |"
    assert row(item, "AB-001") == first
    # closed on 1 March 2024: still open (and overdue) on 14 December 2023
    assert row(item, "AB-002").endswith("| September 2023 **(verlopen)** | open |")
    assert "afgerond op 14 december 2023" in row(item, "AB-003")
    assert row(item, "AB-003").count("(verlopen)") == 0  # closed: never overdue
    assert row(item, "AB-006").endswith("| open |")  # cancelled in May 2024
    assert "Opgegaan" not in out  # a later reason is not shown
    assert row(item, "AB-008").endswith(
        "| Oktober 2023 **(verlopen)** | geblokkeerd: Wacht op budget. |"
    )
    assert row(item, "AB-404") == "| AB-404 | *(onbekende actie)* |  |  |  |"
    rondvraag = out.split("### 3. Rondvraag", 1)[1]
    assert "| AB-005 | Contact met de GGD | Marouane | Q1 2024 | open |" in rondvraag


def test_minutes_show_the_same_actions_under_their_item(runner: CliRunner, repo: Path) -> None:
    out = render(runner, repo, "notulen", MEETING)
    item = part(out, "2. Acties van 4 juli")
    assert item.index("**Acties** (stand op 14 december 2023)") < item.index("Jan de Vries licht")
    assert row(item, "AB-002").endswith("| September 2023 **(verlopen)** | open |")
    assert row(item, "AB-404") == "| AB-404 | *(onbekende actie)* |  |  |  |"
    assert "Later nagekomen opmerking" not in out  # an update after the meeting


# --- Afgehandeld in deze vergadering ---------------------------------------------------


def test_minutes_name_what_was_closed_cancelled_and_updated(runner: CliRunner, repo: Path) -> None:
    out = render(runner, repo, "notulen", MEETING)
    handled = part(out, "Afgehandeld in deze vergadering")
    assert handled.splitlines()[:2] == [
        "",
        "| Actie | Wat - actie | Wie - Betrokkenen | Afhandeling |",
    ]
    ids = [line.split("|")[1].strip() for line in handled.splitlines()[3:] if line]
    assert ids == ["AB-003", "AB-004", "AB-007", "AB-005"]  # closed, cancelled, updated
    assert row(handled, "AB-003").endswith("| **afgerond**: De planning is vastgesteld. |")
    assert row(handled, "AB-004").endswith("| **geannuleerd**: Het werkbezoek gaat niet door. |")
    assert row(handled, "AB-005").endswith("| **update**: Marouane belt de GGD in januari. |")
    assert "AB-002" not in handled and "AB-006" not in handled  # closed elsewhere
    # born and cancelled in the meeting: in its Actielijst with the reason too
    born = part(out, "Actielijst")
    assert row(born, "AB-007").endswith(
        "| Januari 2024 | Geannuleerd op 14 december 2023: Dubbel met AB-003. |"
    )


def test_the_actielijst_of_the_minutes_shows_ids(runner: CliRunner, repo: Path) -> None:
    out = render(runner, repo, "notulen", "ab-2023-07-04")
    actions = part(out, "Actielijst")
    assert "| Actie | Wat - actie |" in actions
    # AB-002 was closed in 2024: the minutes of 4 July 2023 show it open, as it was then
    assert row(actions, "AB-002").endswith("| September 2023 | open |")
    assert row(actions, "AB-004").endswith("| November 2023 | open |")
    handled = part(out, "Afgehandeld in deze vergadering")
    assert "*Geen acties afgehandeld.*" in handled


# --- overdue on the meeting date --------------------------------------------------------


def test_old_minutes_are_not_overdue_by_the_clock(runner: CliRunner, repo: Path) -> None:
    """2023 minutes rendered in 2026 judge 'September 2023' on 4 July 2023."""
    for fmt in ("md", "html"):
        out = render(runner, repo, "notulen", "ab-2023-07-04", "-f", fmt)
        assert "September 2023" in out and "(verlopen)" not in out
    listing = render(runner, repo, "actielijst", "ab")  # the running list: on today
    assert "September 2023 **(verlopen)**" not in listing  # closed now
    assert "Q1 2024 **(verlopen)**" in listing  # AB-005: open, overdue in 2026


def test_agenda_and_minutes_do_not_change_with_the_clock(
    runner: CliRunner, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = render(runner, repo, "notulen", MEETING), render(runner, repo, "agenda", MEETING)
    monkeypatch.setenv("SAMENNW_DATUM", "2031-01-01")
    later = render(runner, repo, "notulen", MEETING), render(runner, repo, "agenda", MEETING)
    assert first == later


# --- attendance: expected, guests, the function stated in the meeting ------------------


def test_expected_attendance_is_never_shown_as_present(runner: CliRunner, repo: Path) -> None:
    out = render(runner, repo, "notulen", MEETING)
    head = out.split("**Datum:**", 1)[0]
    present = head.split("**Aanwezig**", 1)[1].split("**Afwezig met bericht**", 1)[0]
    assert "Femke Halsema" in present and "Samir Bashara" in present
    assert "Rutger" not in present and "Kees" not in present
    expected = head.split("**Verwacht (niet bevestigd)**", 1)[1].split("**Gasten**", 1)[0]
    assert "- Rutger Groot Wassink, Wethouder gemeente Amsterdam" in expected
    assert "- Kees Bakker, Beleidsmedewerker" in expected
    guests = head.split("**Gasten**", 1)[1]
    assert "- Jan de Vries, Kwartiermaker jeugd (presentator agendapunt 2)" in guests
    # the function stated in the meeting replaces the one of partners.yaml
    assert "Samir Bashara, Directeur Samen Nieuw-West" in present
    assert "Programmadirecteur" not in head and "Adviseur jeugdbeleid" not in out


def test_guests_are_on_the_agenda_too(runner: CliRunner, repo: Path) -> None:
    out = render(runner, repo, "agenda", MEETING)
    assert "**Gasten**\n\n- Jan de Vries, Kwartiermaker jeugd (presentator agendapunt 2)" in out
    assert "Kees" not in out  # the agenda names no expected attendance


def test_meeting_without_expected_or_guests_has_no_such_lists(
    runner: CliRunner, repo: Path
) -> None:
    out = render(runner, repo, "notulen", "ab-2023-07-04")
    assert "Verwacht" not in out and "Gasten" not in out


@pytest.mark.parametrize("fmt", ["html", "docx"])
def test_every_format_carries_attendance_and_the_handled_part(
    runner: CliRunner, repo: Path, tmp_path: Path, fmt: str
) -> None:
    target = tmp_path / f"notulen.{fmt}"
    render(runner, repo, "notulen", MEETING, "-o", str(target))
    text = docx_dump(target.read_bytes()) if fmt == "docx" else target.read_text("utf-8")
    for expected in (
        "Verwacht (niet bevestigd)",
        "Kees Bakker, Beleidsmedewerker",
        "Jan de Vries, Kwartiermaker jeugd (presentator agendapunt 2)",
        "Afgehandeld in deze vergadering",
        "AB-004",
        "Het werkbezoek gaat niet door.",
        "(onbekende actie)",
        "stand op 14 december 2023",
    ):
        assert expected in text, expected
    assert "Later nagekomen opmerking" not in text


# --- the public (Woo) version ------------------------------------------------------------


@pytest.mark.parametrize("kind", ["notulen", "agenda"])
@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_public_version_names_no_expected_person_or_guest_and_no_email(
    runner: CliRunner, repo: Path, tmp_path: Path, kind: str, fmt: str
) -> None:
    target = tmp_path / f"{kind}.{fmt}"
    render(runner, repo, kind, MEETING, "--openbaar", "-o", str(target))
    text = docx_dump(target.read_bytes()) if fmt == "docx" else target.read_text("utf-8")
    for name in ("Jan", "Vries", "Kees", "Bakker", "Marouane"):
        assert not re.search(rf"\b{name}\b", text), name
    for address in EMAILS:
        assert address not in text
    # the redacted guest keeps the function stated in the meeting, and the role
    assert "5.1.2.e, Kwartiermaker jeugd (presentator agendapunt 2)" in text
    if kind == "notulen":
        assert "5.1.2.e, Beleidsmedewerker" in text  # expected, private
        assert "Rutger Groot Wassink, Wethouder gemeente Amsterdam" in text  # public office


def test_no_rendered_document_shows_an_email_address(runner: CliRunner, repo: Path) -> None:
    """Person.email never reaches a document (the public actielijst and besluitenlijst
    are left to the Woo name guard's tests: the fixture's action files hold names it
    refuses)."""
    documents = [("notulen", MEETING), ("agenda", MEETING), ("notulen", "ab-2023-07-04")]
    outputs = [
        render(runner, repo, kind, target, *public)
        for kind, target in documents
        for public in ((), ("--openbaar",))
    ]
    outputs += [render(runner, repo, "actielijst", "ab"), render(runner, repo, "besluitenlijst")]
    for out in outputs:
        assert "@" not in out


def test_an_email_typed_in_the_minutes_is_redacted_in_the_public_version(
    runner: CliRunner, repo: Path
) -> None:
    meeting = repo / "data" / "meetings" / "2023" / f"{MEETING}.md"
    text = meeting.read_text("utf-8").replace(
        "Geen vragen.", "Vragen naar jan.de.vries@example.org of info@samen-nw.nl."
    )
    meeting.write_text(text, encoding="utf-8")
    internal = render(runner, repo, "notulen", MEETING)
    public = render(runner, repo, "notulen", MEETING, "--openbaar")
    assert "Vragen naar jan.de.vries@example.org of info@samen-nw.nl." in internal
    assert "Vragen naar 5.1.2.e of 5.1.2.e." in public


def test_an_unknown_attendee_code_is_not_shown_in_the_public_version(
    runner: CliRunner, repo: Path
) -> None:
    """A code missing from partners.yaml (a validate error) is often the name itself."""
    meeting = repo / "data" / "meetings" / "2023" / f"{MEETING}.md"
    text = meeting.read_text("utf-8").replace("  - kees-bakker\n", "  - piet-puk\n")
    meeting.write_text(text, encoding="utf-8")
    assert "- piet-puk" in render(runner, repo, "notulen", MEETING)
    public = render(runner, repo, "notulen", MEETING, "--openbaar")
    assert "piet" not in public.lower()
    assert "- 5.1.2.e\n" in public


# --- golden files ----------------------------------------------------------------------


CASES = [
    ("notulen-cyclus-ab-2023-12-14", ["notulen", MEETING]),
    ("notulen-cyclus-ab-2023-12-14-openbaar", ["notulen", MEETING, "--openbaar"]),
    ("agenda-cyclus-ab-2023-12-14", ["agenda", MEETING]),
]


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
@pytest.mark.parametrize(("name", "args"), CASES, ids=[c[0] for c in CASES])
def test_golden(
    runner: CliRunner,
    repo: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    args: list[str],
    fmt: str,
) -> None:
    monkeypatch.setenv("SAMENNW_DATUM", "2025-12-10")  # the creation date of the docx
    if fmt == "docx":
        target = tmp_path / "uit.docx"
        render(runner, repo, *args, "-o", str(target))
        check_golden(f"{name}.docx.txt", docx_dump(target.read_bytes()))
    else:
        check_golden(f"{name}.{fmt}", render(runner, repo, *args, "-f", fmt))


def test_a_werkgroep_meeting_handles_actions_of_its_parent_team_list(
    runner: CliRunner, repo: Path
) -> None:
    """KVDJ-004 is on the OT's list (section Werkgroep 1) and updated in a wg1 meeting."""
    action = repo / "data" / "acties" / "open" / "KVDJ-004.md"
    text = action.read_text("utf-8").replace(
        "volgorde: 10\n",
        "volgorde: 10\nupdates:\n  - datum: 2025-12-01\n    vergadering: ot-kvdj-wg1-2025-12-01\n"
        "    tekst: Eerste actielijn besproken.\n",
    )
    files: dict[str, str | bytes] = {
        "data/acties/open/KVDJ-004.md": text,
        "data/meetings/2025/ot-kvdj-wg1-2025-12-01.md": (
            "---\nid: ot-kvdj-wg1-2025-12-01\nteam: ot-kvdj-wg1\ndatum: 2025-12-01\n---\n"
        ),
    }
    build_file_tree(repo, files)
    out = render(runner, repo, "notulen", "ot-kvdj-wg1-2025-12-01")
    handled = part(out, "Afgehandeld in deze vergadering")
    assert row(handled, "KVDJ-004").endswith("| **update**: Eerste actielijn besproken. |")
    assert "KVDJ-007" not in handled  # closed in the OT's meeting of 25 November
