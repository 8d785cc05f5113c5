"""Woo redaction: one pass over the context, so every format is covered at once."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samennw.model.records import Partners, Person
from samennw.render.document import RenderRequest, render_document
from samennw.render.redact import Redactor, person_names, prepare
from samennw.storage.repository import Repository, load_repository
from tests.conftest import EMBEDDED, GOLDEN_REPO


def partners(*people: dict[str, object]) -> Partners:
    return Partners.model_validate({"personen": list(people)})


PEOPLE = partners(
    {"id": "femke-halsema", "naam": "Femke Halsema", "aliassen": ["Femke"], "openbaar": "true"},
    {"id": "jeroen-spanbroek", "naam": "Jeroen Spanbroek", "openbaar": "true"},
    {"id": "jeroen", "naam": "Jeroen"},
    {"id": "tjalling", "naam": "Tjalling"},
    {"id": "sofie", "naam": "Sofie"},
    {"id": "maartje", "naam": "Maartje"},
    {"id": "emre", "naam": "Emre Ünver", "aliassen": ["Emre"]},
    {"id": "sylvia", "naam": "Sylvia den Hollander"},
    {"id": "jose", "naam": "José Ünal"},
    {"id": "anon", "functie": "Secretaris AB", "lakgrond": "5.1.2.e"},
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tjalling/Sofie/Maartje", "5.1.2.e/5.1.2.e/5.1.2.e"),
        ("tjalling en SOFIE", "5.1.2.e en 5.1.2.e"),
        ("Tjallings vraag", "5.1.2.e vraag"),
        ("Tjalling's vraag", "5.1.2.e vraag"),
        ("Emre Ünver, Emre, Unver en emre unver", "5.1.2.e, 5.1.2.e, 5.1.2.e en 5.1.2.e"),
        ("Jose Unal en José", "5.1.2.e en 5.1.2.e"),
        ("mevrouw den Hollander", "mevrouw 5.1.2.e"),
        ("Femke Halsema en Femke", "Femke Halsema en Femke"),
        ("Jeroen Spanbroek en Jeroen", "Jeroen Spanbroek en 5.1.2.e"),
        ("Tjallingstraat, Sofiestraat, Maartjes", "Tjallingstraat, Sofiestraat, 5.1.2.e"),
        ("de Burgemeester", "de Burgemeester"),
        ("budget [[5.1.2.b|€ 40.000]] per jaar", "budget 5.1.2.b per jaar"),
        ("[[5.1.2,e|Tjalling]] en [[5.1.2.b|x\ny]]", "5.1.2.e en 5.1.2.b"),
        ("al weggelakt: [5.1.2.e]", "al weggelakt: [5.1.2.e]"),
    ],
)
def test_public_text(text: str, expected: str) -> None:
    assert Redactor(PEOPLE, public=True).text(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mail tjalling.x@example.nl.", "mail 5.1.2.e."),
        ("<sofie+ot@mail.gemeente-a.amsterdam>", "<5.1.2.e>"),
        ("Femke: femke.halsema@amsterdam.nl", "Femke: 5.1.2.e"),  # a public person's too
        ("Ünver@x.nl, a.b-c@d.e.f", "5.1.2.e, 5.1.2.e"),
        ("a@b, @ot-kvdj, x@.nl en 3@", "a@b, @ot-kvdj, x@.nl en 3@"),  # no address
    ],
)
def test_public_text_has_no_email_address(text: str, expected: str) -> None:
    assert Redactor(PEOPLE, public=True).text(text) == expected


def test_internal_version_keeps_an_email_address_written_in_a_text() -> None:
    assert Redactor(PEOPLE, public=False).text("tjalling@x.nl") == "tjalling@x.nl"


def test_internal_version_keeps_names_and_unwraps_spans() -> None:
    redactor = Redactor(PEOPLE, public=False)
    assert redactor.text("Tjalling: [[5.1.2.b|€ 40.000]]") == "Tjalling: € 40.000"
    assert redactor.text("stuur\x0b naar\x00 Sofie") == "stuur naar Sofie"  # not XML


def test_names_of_a_person() -> None:
    person = Person.model_validate({"id": "s", "naam": "Sylvia den Hollander", "aliassen": ["Syl"]})
    assert person_names(person) == [
        "Syl",
        "Sylvia den Hollander",
        "Sylvia",
        "den Hollander",
        "Hollander",
    ]


def test_prepare_walks_the_whole_context() -> None:
    context = {
        "titel": "Lijst van Tjalling",
        "secties": [{"acties": [{"wie": "Sofie"}]}],
        "aantal": 3,
        "verlopen": True,
    }
    result = prepare(context, PEOPLE, public=True)
    assert result == {
        "titel": "Lijst van 5.1.2.e",
        "secties": [{"acties": [{"wie": "5.1.2.e"}]}],
        "aantal": 3,
        "verlopen": True,
        "openbaar": True,
    }
    assert context["titel"] == "Lijst van Tjalling"  # the input is not changed


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_no_private_name_survives(noise: str) -> None:
    text = f"{noise} Tjalling {noise}Sofie/Maartje, {noise} jeroen"
    result = Redactor(PEOPLE, public=True).text(text)
    for name in ("tjalling", "sofie", "maartje"):
        # a name can only survive glued to letters of the noise (then it is another word)
        for m in re.finditer(name, result, re.IGNORECASE):
            before = result[m.start() - 1] if m.start() else " "
            after = result[m.end()] if m.end() < len(result) else " "
            assert before.isalnum() or before == "_" or after.isalnum() or after == "_"


# --- every document and format of a repository ----------------------------------------


def _text_of(fmt: str, data: bytes) -> str:
    """All text in the file; for Word every XML part, so properties count too."""
    if fmt != "docx":
        return data.decode("utf-8")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = [
            archive.read(name).decode("utf-8", "replace")
            for name in archive.namelist()
            if name.endswith((".xml", ".rels"))
        ]
    return re.sub(r"<[^>]+>", " ", "\n".join(parts))


def _leaks(repo: Repository, text: str) -> list[str]:
    """Names of private persons in ``text``, after removing public persons' full names."""
    public = sorted(
        (p.naam for p in repo.partners.personen if p.openbaar and p.naam), key=len, reverse=True
    )
    for name in public:
        text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", " ", text, flags=re.IGNORECASE)
    found = []
    for person in repo.partners.personen:
        if person.openbaar:
            continue
        for name in person_names(person):
            if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE):
                found.append(name)
    return found


def _every_document(repo: Repository) -> list[RenderRequest]:
    jobs = [("agenda", m) for m in repo.meetings] + [("notulen", m) for m in repo.meetings]
    jobs += [("actielijst", t.id) for t in repo.partners.teams]
    jobs += [("besluitenlijst", None)]
    return [
        RenderRequest(kind=k, target=t, fmt=f, public=True, today=date(2025, 12, 10))
        for k, t in jobs
        for f in ("md", "html", "docx")
    ]


@pytest.mark.parametrize("root", [GOLDEN_REPO, EMBEDDED.parent], ids=["fixture", "embedded"])
def test_public_documents_hold_no_private_name(root: Path) -> None:
    repo = load_repository(root)
    repo.raise_if_invalid()
    private = [p for p in repo.partners.personen if not p.openbaar and p.naam]
    assert private, "the data set should have private persons"
    for req in [*_every_document(repo), RenderRequest(kind="ics", public=True)]:
        leaks = _leaks(repo, _text_of(req.fmt, render_document(repo, req)))
        assert not leaks, (req.kind, req.target, req.fmt, leaks)


def test_internal_documents_do_name_people() -> None:
    repo = load_repository(GOLDEN_REPO)
    req = RenderRequest(kind="actielijst", target="ot-kvdj", fmt="docx")
    assert "Tjalling" in _leaks(repo, _text_of("docx", render_document(repo, req)))


# --- names, grounds and clean-up in detail (mutants of render_redact.py, issue #9) -------

MORE_PEOPLE = partners(
    {"id": "a", "naam": "J. de Vries"},
    {"id": "b", "naam": "Karel van der Berg", "lakgrond": "5.1.2.i"},
    {"id": "c", "naam": "Ed"},
    {"id": "d", "naam": "Jan  Jansen", "aliassen": ["J", "JJ"]},
    {"id": "e", "naam": "Piet Publiek", "openbaar": "true", "aliassen": ["Jan"]},
    {"id": "f", "functie": "Notulist"},
)


def test_names_of_people_with_initials_particles_and_short_aliases() -> None:
    names = {p.id: person_names(p) for p in MORE_PEOPLE.personen}
    assert names == {
        "a": ["J. de Vries", "de Vries", "Vries"],  # an initial is no first name
        "b": ["Karel van der Berg", "Karel", "van der Berg", "der Berg", "Berg"],
        "c": ["Ed"],
        "d": ["JJ", "Jan  Jansen", "Jan", "Jansen"],  # 'J' is too short to look for
        "e": ["Jan", "Piet Publiek", "Piet", "Publiek"],
        "f": [],
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("J. de Vries en de Vries", "5.1.2.e en 5.1.2.e"),
        ("vries, VRIES, de Vries's", "5.1.2.e, 5.1.2.e, 5.1.2.e"),
        (
            "Karel van der Berg, Karel, van der Berg, der Berg, Berg",
            "5.1.2.i, 5.1.2.i, 5.1.2.i, 5.1.2.i, 5.1.2.i",  # the person's own ground
        ),
        ("Karels boek", "5.1.2.i boek"),
        ("Ed en Eduard", "5.1.2.e en Eduard"),
        ("Jan\n  Jansen en JJ", "5.1.2.e en 5.1.2.e"),  # any spacing between the words
        ("Piet Publiek en Jan", "Piet Publiek en 5.1.2.e"),  # 'Jan' is a private name too
        ("Jans voorstel", "5.1.2.e voorstel"),
        ("[[ 5.1.2.b |geheim]] en [[10,2|x]]", "5.1.2.b en 10.2"),
        ("cafe\u0301 Ed", "caf\u00e9 5.1.2.e"),  # NFC before matching
        ("\x0cx\ufffe\x1f", "x"),  # characters XML forbids are dropped
    ],
)
def test_public_text_of_more_people(text: str, expected: str) -> None:
    assert Redactor(MORE_PEOPLE, public=True).text(text) == expected


def test_internal_text_and_nothing_to_redact() -> None:
    assert Redactor(MORE_PEOPLE, public=False).text("[[ 5.1.2.b |geheim]] Jan\x00") == "geheim Jan"
    only_public = partners({"id": "p", "naam": "Piet", "openbaar": "true"})
    assert Redactor(only_public, public=True).text("Piet [[5.1.2.b|x]]") == "Piet 5.1.2.b"
    assert Redactor(partners(), public=True).text("Tjalling") == "Tjalling"


def test_prepare_copies_lists_and_tuples_and_keeps_other_values() -> None:
    context: dict[str, object] = {"t": ("Jan", "Ed"), "n": None, "x": 1.5, "d": date(2025, 1, 1)}
    assert prepare(context, MORE_PEOPLE, public=False) == {
        "t": ["Jan", "Ed"],
        "n": None,
        "x": 1.5,
        "d": date(2025, 1, 1),
        "openbaar": False,
    }
    assert prepare({"t": ("Jan", ["Ed"])}, MORE_PEOPLE, public=True) == {
        "t": ["5.1.2.e", ["5.1.2.e"]],
        "openbaar": True,
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jan Jansen", "5.1.2.e"),  # written with two spaces in partners.yaml
        ("Klaas en Klaas' fiets", "Klaas en Klaas' fiets"),  # a public name ending in s
        ("FEMKES plan", "FEMKES plan"),  # a public name's possessive, in capitals
        ("Jørgen en Jorgens", "5.1.2.e en 5.1.2.e"),  # ø has no accent to strip
    ],
)
def test_spacing_possessives_and_letters_without_accents(text: str, expected: str) -> None:
    people = partners(
        {"id": "d", "naam": "Jan  Jansen"},
        {"id": "k", "naam": "Klaas", "openbaar": "true"},
        {"id": "j", "naam": "Jorgen"},
        {"id": "f", "naam": "Femke", "openbaar": "true"},
    )
    assert Redactor(people, public=True).text(text) == expected


def test_only_private_people_are_redacted_too() -> None:
    assert Redactor(partners({"id": "t", "naam": "Tjalling"}), public=True).text("Tjalling") == (
        "5.1.2.e"
    )
