"""The strict YAML reader and minimal-diff front matter edits."""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samennw.errors import DataFileError, Location
from samennw.model.records import Meeting
from samennw.storage.frontmatter import (
    append_to_list,
    parse,
    remove_keys,
    render_front_matter,
    set_keys,
    split,
    yaml_scalar,
)
from samennw.storage.yamlreader import load_yaml


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


# --- exact output of the editor (mutants of frontmatter.py survived round trips) ---------


@pytest.mark.parametrize(
    ("value", "block", "flow"),
    [
        (None, "null", "null"),
        (True, "true", "true"),
        (False, "false", "false"),
        (date(2025, 12, 1), "2025-12-01", "2025-12-01"),
        (
            datetime(2025, 12, 1, 10, 30, tzinfo=UTC),
            "2025-12-01T10:30:00+00:00",
            "2025-12-01T10:30:00+00:00",
        ),
        (5, "5", "5"),
        ("Flyer", "Flyer", "Flyer"),
        ("Okt/nov", "Okt/nov", "Okt/nov"),
        ("Ünver", "Ünver", "Ünver"),
        ("a,b", "a,b", '"a,b"'),
        ("NO", '"NO"', '"NO"'),
        ("14:30", '"14:30"', '"14:30"'),
        ("012", '"012"', '"012"'),
        ("-1", '"-1"', '"-1"'),
        ("~", '"~"', '"~"'),
        ("a: b", '"a: b"', '"a: b"'),
        ("a #b", '"a #b"', '"a #b"'),
        ("x ", '"x "', '"x "'),
        ("ab ", '"ab "', '"ab "'),
        ("", '""', '""'),
        ("ɐ", '"ɐ"', '"ɐ"'),
        ('a "b" \\', '"a \\"b\\" \\\\"', '"a \\"b\\" \\\\"'),
        ("tab\there\nnext\r", '"tab\\there\\nnext\\r"', '"tab\\there\\nnext\\r"'),
        ("\x01\x7f\x9f", '"\\x01\\x7f\\x9f"', '"\\x01\\x7f\\x9f"'),
        ("\x85\u2028\u2029", '"\\N\\L\\P"', '"\\N\\L\\P"'),
        ("\ufffe", '"\\ufffe"', '"\\ufffe"'),
    ],
)
def test_yaml_scalar_quotes_only_what_needs_it(value: object, block: str, flow: str) -> None:
    assert yaml_scalar(value) == block
    assert yaml_scalar(value, flow=True) == flow


UPDATES = """\
---
id: KVDJ-001
wie: Tjalling
updates:
  - datum: 2025-01-01
    tekst: a

# over de updates
  - datum: 2025-01-02
    tekst: b
# einde

status: open  # zo
team: ot-kvdj
---
Body
"""


def test_set_keys_replaces_in_place_and_inserts_after_the_anchor_in_order() -> None:
    new = set_keys(
        UPDATES,
        {"status": "afgerond", "afgerond_op": date(2025, 12, 1), "afgerond_in": "ot-kvdj-x"},
        after="wie",
    )
    assert new == UPDATES.replace(
        "wie: Tjalling\n", "wie: Tjalling\nafgerond_op: 2025-12-01\nafgerond_in: ot-kvdj-x\n"
    ).replace("status: open  # zo", "status: afgerond  # zo")


@pytest.mark.parametrize("after", [None, "bestaat-niet"])
def test_set_keys_without_anchor_appends_at_the_end(after: str | None) -> None:
    new = set_keys(UPDATES, {"nieuw": "x", "ook": "y"}, after=after)
    assert new == UPDATES.replace("team: ot-kvdj\n", 'team: ot-kvdj\nnieuw: x\nook: "y"\n')


def test_set_keys_replaces_a_whole_block() -> None:
    new = set_keys(UPDATES, {"updates": "geen"})
    assert new == (
        "---\nid: KVDJ-001\nwie: Tjalling\nupdates: geen\n# einde\n\nstatus: open  # zo\n"
        "team: ot-kvdj\n---\nBody\n"
    )


def test_set_keys_keeps_bom_and_crlf() -> None:
    text = "\ufeff---\r\nid: x\r\nstatus: open\r\n---\r\nb\r\n"
    assert set_keys(text, {"status": "afgerond", "op": date(2025, 1, 1)}) == (
        "\ufeff---\r\nid: x\r\nstatus: afgerond\r\nop: 2025-01-01\r\n---\r\nb\r\n"
    )


def test_remove_keys_takes_the_block_with_it_and_ignores_missing_keys() -> None:
    assert remove_keys(UPDATES, ["updates", "bestaat-niet", "team"]) == (
        "---\nid: KVDJ-001\nwie: Tjalling\n# einde\n\nstatus: open  # zo\n---\nBody\n"
    )


def test_append_to_list_after_the_last_item_of_the_block() -> None:
    new = append_to_list(
        UPDATES, "updates", {"datum": date(2025, 1, 3), "tekst": "c", "vergadering": "x"}
    )
    assert new == UPDATES.replace(
        "    tekst: b\n", "    tekst: b\n  - datum: 2025-01-03\n    tekst: c\n    vergadering: x\n"
    )


def test_append_to_list_creates_the_list_after_the_anchor_or_at_the_end() -> None:
    assert append_to_list(UPDATES, "betrokkenen", {"id": "x"}, after="id") == UPDATES.replace(
        "id: KVDJ-001\n", "id: KVDJ-001\nbetrokkenen:\n  - id: x\n"
    )
    assert append_to_list(UPDATES, "betrokkenen", {"id": "x"}, after="nope") == (
        UPDATES.replace("team: ot-kvdj\n", "team: ot-kvdj\nbetrokkenen:\n  - id: x\n")
    )


@pytest.mark.parametrize("head", ["updates:", "updates: []", "updates: []  # leeg"])
def test_append_to_an_empty_list(head: str) -> None:
    text = f"---\nid: x\n{head}\nteam: t\n---\n"
    new = append_to_list(text, "updates", {"tekst": "a"})
    assert new == "---\nid: x\nupdates:\n  - tekst: a\nteam: t\n---\n"


def test_append_to_a_list_that_holds_only_a_comment() -> None:
    text = "---\nid: x\nupdates:\n  # nog niets\nteam: t\n---\n"
    assert append_to_list(text, "updates", {"tekst": "a"}) == (
        "---\nid: x\nupdates:\n  # nog niets\n  - tekst: a\nteam: t\n---\n"
    )


def test_append_copies_the_indentation_of_its_own_list_not_the_one_above() -> None:
    text = "---\nbetrokkenen:\n    - a\nupdates:\n  - tekst: a\n---\n"
    assert append_to_list(text, "updates", {"tekst": "b"}) == (
        "---\nbetrokkenen:\n    - a\nupdates:\n  - tekst: a\n  - tekst: b\n---\n"
    )


def test_append_to_a_scalar_is_refused() -> None:
    with pytest.raises(ValueError, match=r"^'updates' is geen lijst in blokvorm$"):
        append_to_list("---\nid: x\nupdates: geen\n---\n", "updates", {"tekst": "a"})


def test_render_front_matter_leaves_out_empty_values_but_not_wie_and_wanneer() -> None:
    values: dict[str, object] = {
        "id": "A-001",
        "herkomst": None,
        "wat": "NO",
        "wie": "",
        "wanneer": None,
        "lijst": [],
        "leeg": "",
        "betrokkenen": ["a", "b,c"],
        "updates": [{"datum": date(2025, 1, 1), "tekst": "x"}],
    }
    assert render_front_matter(values, "body\n") == (
        '---\nid: A-001\nwat: "NO"\nwie: ""\nwanneer: ""\nbetrokkenen: [a, "b,c"]\n'
        "updates:\n  - datum: 2025-01-01\n    tekst: x\n---\nbody\n"
    )
    assert render_front_matter({"id": "A-001"}) == "---\nid: A-001\n---\n"


def test_split_returns_yaml_body_and_the_closing_line() -> None:
    assert split("---\na: 1\n---\nbody\n---\n") == ("a: 1\n", "body\n---\n", 2)
    assert split("--- \t\r\na: 1\r\n---\r\nb") == ("a: 1\r\n", "b", 2)
    assert split("---\n---\n") == ("\n", "", 1)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "bestand is leeg"),
        (" \n\t", "bestand is leeg"),
        ("a: 1\n---\n", "bestand moet beginnen met een regel '---' (front matter)"),
        ("--- x\na: 1\n---\n", "bestand moet beginnen met een regel '---' (front matter)"),
        ("---\na: 1\n", "de afsluitende regel '---' van de front matter ontbreekt"),
    ],
)
def test_split_refuses_with_file_and_line(text: str, message: str) -> None:
    with pytest.raises(DataFileError) as exc:
        split(text, Path("x.md"))
    assert (exc.value.message, exc.value.location) == (message, Location(Path("x.md"), 1))


def test_parse_errors_name_the_file() -> None:
    with pytest.raises(DataFileError) as exc:
        parse("a: 1\n", Path("x.md"))
    assert exc.value.location == Location(Path("x.md"), 1)
    with pytest.raises(DataFileError) as exc:
        parse("---\na: [\n---\n", Path("x.md"))
    assert exc.value.location == Location(Path("x.md"), 3, 1)


def test_parse_of_empty_and_non_mapping_front_matter() -> None:
    doc = parse("---\n# alleen commentaar\n---\nbody")
    assert (doc.data, doc.body, doc.fm_end) == ({}, "body", 2)
    with pytest.raises(DataFileError) as exc:
        parse("---\n- a\n---\n", Path("x.md"))
    assert exc.value.message == "de front matter moet sleutels met waarden bevatten"
    assert exc.value.location == Location(Path("x.md"), 2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # empty front matter, and a '---' rule in the body: the first fence closes
        ("---\n---\nTekst\n---\nMeer\n", ("\n", "Tekst\n---\nMeer\n", 1)),
        # a line that only starts with '---' is no fence
        ("---\na: 1\n----\n---\nb\n", ("a: 1\n----\n", "b\n", 3)),
        ("---\na: 1\n---x\n---\nb", ("a: 1\n---x\n", "b", 3)),
        # an opening fence with trailing spaces, closed at once
        ("---  \n---\nb\n", ("\n", "b\n", 1)),
    ],
    ids=["empty-then-rule", "four-dashes", "dashes-and-text", "spaces-then-close"],
)
def test_split_finds_the_first_line_that_is_exactly_a_fence(
    text: str, expected: tuple[str, str, int]
) -> None:
    assert split(text) == expected


def test_an_edit_keeps_mixed_line_endings_as_they_were() -> None:
    """The front matter decides (LF); a body line pasted with CRLF is left alone."""
    text = "---\nid: x\nstatus: open\n---\nverder\nuit een mail\r\n"
    assert set_keys(text, {"status": "afgerond"}) == text.replace("open", "afgerond")


def test_a_quoted_value_continued_on_a_line_starting_with_a_tab_is_one_block() -> None:
    """YAML allows a tab at the start of a quoted scalar's next line: replacing the key
    replaces both lines."""
    text = '---\nwat: "eerste\n\ttweede"\nstatus: open\n---\n'
    assert load_yaml('wat: "eerste\n\ttweede"\nstatus: open\n')[0]["wat"] == "eerste tweede"
    assert set_keys(text, {"wat": "nieuw"}) == "---\nwat: nieuw\nstatus: open\n---\n"
