"""The strict YAML reader and minimal-diff front matter edits."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samennw.errors import DataFileError
from samennw.frontmatter import append_to_list, parse, remove_keys, set_keys, yaml_scalar
from samennw.models import Meeting
from samennw.yamlsafe import load_yaml


def test_yaml11_traps_keep_what_was_typed() -> None:
    data, _ = load_yaml("tijd: 14:30\nantwoord: NO\nnummer: 012\naan: on\nleeg:\nvlak: ~\n")
    assert data == {
        "tijd": "14:30",
        "antwoord": "NO",
        "nummer": "012",
        "aan": "on",
        "leeg": None,
        "vlak": None,
    }


def test_time_field_is_not_sexagesimal() -> None:
    doc = parse("---\nid: ab-2025-01-01\nteam: ab\ndatum: 2025-01-01\nbegin: 14:30\n---\n")
    meeting = Meeting.model_validate({**doc.data, "body": doc.body})
    assert meeting.begin == "14:30"


def test_strict_date_fields() -> None:
    base = {"id": "ab-2025-01-01", "team": "ab", "body": ""}
    for bad in ("1700000000", "2025-1-1", "01-01-2025", "2025-02-31"):
        with pytest.raises(ValueError):
            Meeting.model_validate({**base, "datum": bad})
    assert Meeting.model_validate({**base, "datum": "2025-01-01"}).datum == date(2025, 1, 1)


def test_lines_are_recorded() -> None:
    _, lines = load_yaml("a: 1\nb:\n  - x\n  - c: 2\n", line_offset=1)
    assert lines[("a",)] == (2, 1)
    assert lines[("b", 1)] == (5, 5)
    assert lines[("b", 1, "c")] == (5, 5)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("a: &x 1\nb: *x\n", "YAML-ankers"),
        ("a: !!python/object:os.system x\n", "YAML-tags"),
        ("a: !!binary aGk=\n", "YAML-tags"),
        ("a: 1\na: 2\n", "twee keer"),
        ("a: 1\n---\nb: 2\n", "meer dan één YAML-document"),
        ("a:\n\t- b\n", "tab"),
    ],
)
def test_refused_yaml(text: str, fragment: str) -> None:
    with pytest.raises(DataFileError) as exc:
        load_yaml(text)
    assert fragment in exc.value.message


DOC = """---
id: KVDJ-001
# een opmerking van de secretaris
wat: Iets doen
wie: Tjalling
wanneer: "Okt/nov"   # staat zo in het verslag
status: open
team: ot-kvdj
---
Toelichting met --- erin.

- bullet
"""


def test_set_keys_touches_only_that_line() -> None:
    new = set_keys(DOC, {"status": "afgerond", "afgerond_op": date(2025, 12, 1)}, after="team")
    assert (
        new.replace("status: afgerond", "status: open").replace(
            "team: ot-kvdj\nafgerond_op: 2025-12-01\n", "team: ot-kvdj\n"
        )
        == DOC
    )


def test_remove_keys_reverses_insert() -> None:
    new = set_keys(DOC, {"afgerond_op": date(2025, 12, 1)}, after="status")
    assert remove_keys(new, ["afgerond_op"]) == DOC


def test_append_to_list_creates_then_extends() -> None:
    one = append_to_list(DOC, "updates", {"datum": date(2025, 1, 2), "tekst": "a: b"})
    two = append_to_list(one, "updates", {"datum": date(2025, 1, 3), "tekst": "NO"})
    assert two.endswith(
        'updates:\n  - datum: 2025-01-02\n    tekst: "a: b"\n'
        '  - datum: 2025-01-03\n    tekst: "NO"\n---\nToelichting met --- erin.\n\n- bullet\n'
    )
    assert parse(two).data["updates"][1]["tekst"] == "NO"


printable = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85"),
    max_size=40,
)


@given(printable)
def test_yaml_scalar_round_trips(value: str) -> None:
    data, _ = load_yaml(f"k: {yaml_scalar(value)}\n")
    # the reader stores text in Unicode NFC (so decomposed and composed names match)
    assert data["k"] == unicodedata.normalize("NFC", value)


@given(printable, printable)
def test_set_keys_round_trips(wat: str, body: str) -> None:
    body = body.replace("\r", "")
    text = f"---\nid: KVDJ-001\nwat: x\nstatus: open\n---\n{body}"
    new = set_keys(text, {"wat": wat})
    doc = parse(new)
    assert doc.data["wat"] == unicodedata.normalize("NFC", wat)
    assert doc.body == body
    assert set_keys(new, {"wat": "x"}) == text


def test_crlf_and_bom_are_kept() -> None:
    crlf = "\ufeff" + DOC.replace("\n", "\r\n")
    new = append_to_list(
        set_keys(crlf, {"status": "afgerond"}), "updates", {"datum": date(2025, 1, 2), "tekst": "x"}
    )
    assert new.startswith("\ufeff---\r\n")
    assert "\n" not in new.replace("\r\n", "")
    assert "status: afgerond\r\n" in new
    assert new.count("updates:") == 1
    assert (
        parse(new.removeprefix("\ufeff").replace("\r\n", "\n")).data["updates"][0]["tekst"] == "x"
    )


@pytest.mark.parametrize("indent", [0, 2, 4])
def test_append_copies_the_indentation_of_existing_items(indent: int) -> None:
    pad = " " * indent
    text = DOC.replace(
        "team: ot-kvdj\n", f"team: ot-kvdj\nupdates:\n{pad}- datum: 2025-01-01\n{pad}  tekst: a\n"
    )
    new = append_to_list(text, "updates", {"datum": date(2025, 1, 2), "tekst": "b"})
    assert [u["tekst"] for u in parse(new).data["updates"]] == ["a", "b"]
    assert f"\n{pad}- datum: 2025-01-02\n{pad}  tekst: b\n" in new


def test_inline_list_cannot_be_extended() -> None:
    text = DOC.replace(
        "team: ot-kvdj\n", "team: ot-kvdj\nupdates: [{datum: 2025-01-01, tekst: a}]\n"
    )
    with pytest.raises(ValueError):
        append_to_list(text, "updates", {"datum": date(2025, 1, 2), "tekst": "b"})


def test_comment_inside_a_list_keeps_items_in_order() -> None:
    text = DOC.replace(
        "team: ot-kvdj\n",
        "team: ot-kvdj\nupdates:\n  - datum: 2025-01-01\n"
        "    tekst: a\n# tussendoor\n  - datum: 2025-01-03\n    tekst: c\n",
    )
    new = append_to_list(text, "updates", {"datum": date(2025, 1, 4), "tekst": "d"})
    assert [u["tekst"] for u in parse(new).data["updates"]] == ["a", "c", "d"]


def test_set_keys_keeps_a_trailing_comment() -> None:
    text = DOC.replace("status: open", "status: open  # bijgewerkt in het OT")
    assert "status: afgerond  # bijgewerkt in het OT\n" in set_keys(text, {"status": "afgerond"})


@pytest.mark.parametrize(
    "value",
    ["regel1\rregel2", "a\vb", "x\x85y", "p\u2028q", "tab\there", 'aan "quotes" \\ en \x00'],
)
def test_control_characters_round_trip(value: str) -> None:
    data, _ = load_yaml(f"k: {yaml_scalar(value)}\n")
    assert data["k"] == value


def test_flow_scalar_with_comma_is_quoted() -> None:
    data, _ = load_yaml(f"k: [{yaml_scalar('a,b', flow=True)}, c]\n")
    assert data["k"] == ["a,b", "c"]


def test_unclosed_flow_list_is_explained_in_dutch() -> None:
    with pytest.raises(DataFileError) as exc:
        load_yaml("wat: [kapot\n")
    assert "niet gesloten" in exc.value.message and "did not" not in exc.value.message
