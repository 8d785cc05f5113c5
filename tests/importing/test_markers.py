"""The marker grammar, the redaction notations and the attendance lists, as units."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samennw.importing.attendance import resolve, split_entries
from samennw.importing.markers import MarkerKind, find_markers, with_id
from samennw.importing.names import NewPerson, partners_block, slug
from samennw.importing.redaction import normalize_redactions
from samennw.model.people import Directory
from samennw.storage.repository import load_repository

EMBEDDED = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("line", "wat", "wie", "wanneer"),
    [
        ("De contactgegevens worden gedeeld (**Actie programmabureau**)",
         "De contactgegevens worden gedeeld", "programmabureau", ""),
        ("Eerst dit. Hij belt de voorzitters (**Actie Hans Krikke; 1 juni 2023**).",
         "Hij belt de voorzitters", "Hans Krikke", "1 juni 2023"),
        ("- Graag steviger formuleren **Actie – Sjoukje Alta**",
         "Graag steviger formuleren", "Sjoukje Alta", ""),
        ("**Actie Sjoukje Alta; vóór AB 29 februari:** protocol aanscherpen. Verder niets.",
         "protocol aanscherpen.", "Sjoukje Alta", "vóór AB 29 februari"),
        ("Wordt geregeld (**actie programmateam**).", "Wordt geregeld", "programmateam", ""),
    ],
)  # fmt: skip
def test_an_action_marker_names_what_who_and_when(
    line: str, wat: str, wie: str, wanneer: str
) -> None:
    (marker,) = find_markers(f"## 3. Punt\n\n{line}\n")
    assert marker.kind is MarkerKind.ACTION
    assert (marker.text, marker.wie, marker.wanneer) == (wat, wie, wanneer)
    assert (marker.agendapunt, marker.line, marker.id) == (3, 2, None)


def test_decision_markers_in_paragraphs_and_lists() -> None:
    body = (
        "## 5. Financiën\n\n"
        "**Besluit:** Het AB stemt in met het voorstel. Met dank.\n"
        "Vooraf. **Besluit:** Het AB stelt de planning vast. Daarna.\n\n"
        "Genomen besluiten:\n"
        "- Het AB stelt de begroting vast. Onder voorwaarden.\n"
        "\n- Het AB houdt het voorstel aan.\n\n"  # items of a list may stand apart
        "Verder.\n\n"
        "- gewone opsomming\n"
    )
    found = [(m.kind, m.text, m.agendapunt) for m in find_markers(body)]
    assert found == [
        (MarkerKind.DECISION, "Het AB stemt in met het voorstel.", 5),
        (MarkerKind.DECISION, "Het AB stelt de planning vast.", 5),
        (MarkerKind.DECISION, "Het AB stelt de begroting vast. Onder voorwaarden.", 5),
        (MarkerKind.DECISION, "Het AB houdt het voorstel aan.", 5),
    ]


def test_ids_written_back_make_the_markers_extracted() -> None:
    body = (
        "## 2. Punt\n\n"
        "Eerst (**Actie Hans Krikke**) en dan (**Actie: Programmateam**).\n"
        "**Besluit:** Het AB stemt in.\n"
        "Besluiten:\n"
        "- Tweede besluit.\n"
    )
    lines = body.split("\n")
    ids = iter(["AB-001", "AB-002", "ab-x-b1", "ab-x-b2"])
    for marker in sorted(find_markers(body), key=lambda m: (m.line, -m.start)):
        lines[marker.line] = with_id(lines[marker.line], marker, next(ids))
    text = "\n".join(lines)
    assert "(**Actie AB-002 – Hans Krikke**) en dan (**Actie AB-001: Programmateam**)" in text
    assert "**Besluit ab-x-b1:** Het AB stemt in." in text
    assert "- **Besluit ab-x-b2:** Tweede besluit." in text
    again = find_markers(text)
    assert all(m.extracted for m in again)
    assert [m.wie for m in again if m.kind is MarkerKind.ACTION] == ["Hans Krikke", "Programmateam"]


_words = (
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzéü ", min_size=1, max_size=20)
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)


@given(wat=_words, wie=_words, wanneer=st.one_of(st.just(""), _words), number=st.integers(1, 999))
def test_an_action_marker_keeps_its_meaning_when_its_id_is_written(
    wat: str, wie: str, wanneer: str, number: int
) -> None:
    inner = f"{wie}; {wanneer}" if wanneer else wie
    line = f"Zin een. {wat.capitalize()} (**Actie {inner}**)."
    (before,) = find_markers(line)
    (after,) = find_markers(with_id(line, before, f"AB-{number:03d}"))
    assert after.id == f"AB-{number:03d}"
    assert (after.text, after.wie, after.wanneer) == (before.text, before.wie, before.wanneer)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5.1.2,e", "[5.1.2.e]"),
        ("5.1.2e", "[5.1.2.e]"),
        ("^{5.1.2.e}", "[5.1.2.e]"),
        ("^{5.1,2,b} beschikbaar", "[5.1.2.b] beschikbaar"),
        ("5.1.2,e [redacted] Lector", "[5.1.2.e] Lector"),
        ("(namens 5.1.2,b", "(namens [5.1.2.b]"),
        ("[5.1.2.e]", "[5.1.2.e]"),
        ("5.1.1.c", "[5.1.1.c]"),
        ("^{5.2}", "[5.2]"),
        (
            "op 5.1.2024 en versie 5.1.2 en artikel 5.2",
            "op 5.1.2024 en versie 5.1.2 en artikel 5.2",
        ),
        ("5.1.2.j", "5.1.2.j"),  # no such ground
    ],
)
def test_every_redaction_notation_becomes_the_documented_one(text: str, expected: str) -> None:
    assert normalize_redactions(text) == expected


def test_unknown_people_become_a_partners_block() -> None:
    people = [
        NewPerson("Jan de Vries", "Wethouder"),
        NewPerson(None, "Strategisch programmamanager", "5.1.2.e"),
        NewPerson(None, "Strategisch programmamanager", "5.1.2.e"),
    ]
    assert partners_block(people, {"jan-de-vries"}) == (
        "  - id: jan-de-vries-2\n    naam: Jan de Vries\n    functie: Wethouder\n"
        "    openbaar: false\n"
        "  - id: strategisch-programmamanager\n    naam: null\n"
        '    functie: Strategisch programmamanager\n    lakgrond: "5.1.2.e"\n'
        "    openbaar: false\n"
        "  - id: strategisch-programmamanager-2\n    naam: null\n"
        '    functie: Strategisch programmamanager\n    lakgrond: "5.1.2.e"\n'
        "    openbaar: false\n"
    )
    assert slug("Emre Ünver") == "emre-unver"


@pytest.fixture(scope="module")
def directory() -> Directory:
    return Directory(load_repository(EMBEDDED).partners)


def test_a_long_attendance_line_splits_into_people(directory: Directory) -> None:
    line = (
        "Carry Goedhart , Directeur Participatie, Ministerie SZW 5.1.2.e Lector Aanpak "
        "Jeugdcriminaliteit, Hogeschool Leiden Hans Krikke , Directeur Samen Wonen "
        "Jan Jansen , Bestuurder Nieuw Bouwen 5.1.2.e Strategisch programmamanager NP Samen "
        "Nieuw-West 5.1.2.e Strategisch Programmamanager NP Samen Nieuw-West"
    )
    people = resolve(split_entries([(4, line)], directory), directory, set())
    assert [p.person for p in people] == [
        "carry-goedhart", "ab-lector-jeugdcriminaliteit", "hans-krikke", None,
        "ab-spm-1", "ab-spm-2",
    ]  # fmt: skip
    unknown = people[3].new
    assert unknown is not None
    assert (unknown.naam, unknown.functie) == ("Jan Jansen", "Bestuurder Nieuw Bouwen")


def test_a_list_of_one_person_per_line_with_notes(directory: Directory) -> None:
    lines = [
        (10, "- 5.1.2.e [redacted] OT Eigenaarschap, inclusie en democratie (vervanger"),
        (11, "Hans Krikke)"),
        (12, "Emre Ünver, Voorzitter Dagelijks Bestuur Nieuw-West"),
    ]
    people = resolve(split_entries(lines, directory), directory, set())
    assert [(p.person, p.note) for p in people] == [
        ("ab-ot-eid", "vervanger Hans Krikke"),
        ("emre-unver", None),
    ]


def test_a_comma_list_of_names_is_one_person_each(directory: Directory) -> None:
    lines = [(4, "Karel Appel, Tjalling, Sofie en Leila (Combiwel)")]
    entries = [e.text for e in split_entries(lines, directory)]
    assert entries == ["Karel Appel", "Tjalling", "Sofie", "Leila (Combiwel)"]
    # a name with its function stays one entry
    lines = [(5, "Anne Wilbers, Bestuurder Stadgenoot")]
    assert [e.text for e in split_entries(lines, directory)] == [
        "Anne Wilbers, Bestuurder Stadgenoot"
    ]


@pytest.mark.parametrize(
    ("line", "misplaced"),
    [
        ("| iets in een tabel | **Actie Maartje** |", "in een tabel"),
        ("Vooraf: **Actie Raymond** zaal reserveren.", "midden in een zin"),
    ],
)
def test_a_marker_without_a_clear_place_is_flagged(line: str, misplaced: str) -> None:
    (marker,) = find_markers(line)
    assert marker.misplaced == misplaced


def test_markers_in_code_are_examples_not_markers() -> None:
    body = (
        "`**Actie Tjalling**` is hoe je een actie schrijft.\n"
        "```\n**Besluit:** voorbeeld\n```\n"
        "Echt (**Actie Sofie**).\n"
    )
    assert [(m.wie, m.line) for m in find_markers(body)] == [("Sofie", 4)]


def test_owners_that_run_on_after_the_bold_part() -> None:
    (marker,) = find_markers(
        "Het programmateam bereidt een stuk voor. **Actie – NPLV** ([5.1.2.e]) & programmateam"
    )
    assert marker.wie == "NPLV ([5.1.2.e]) & programmateam"
    assert marker.misplaced == ""
