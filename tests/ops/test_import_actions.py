"""The rules of import-actions one by one: the list's date, prefixes, sections, names."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samennw.errors import OperationError
from samennw.importing.actionlist import Part, Section, TableKind, parse_action_list
from samennw.model.people import Directory
from samennw.ops.import_actions import (
    list_date,
    origin_date,
    resolve_wie,
    section_werkgroep,
)
from samennw.storage.repository import load_repository
from tests.conftest import EMBEDDED


@pytest.fixture(scope="module")
def directory() -> Directory:
    return Directory(load_repository(EMBEDDED.parent).partners)


@given(st.dates(min_value=date(2001, 1, 1), max_value=date(2099, 12, 31)),
       st.integers(1, 28), st.integers(1, 12))  # fmt: skip
def test_a_prefix_is_the_latest_such_day_up_to_the_lists_date(
    on: date, day: int, month: int
) -> None:
    found = origin_date(f"{day}/{month}", on)
    assert found is not None
    assert (found.day, found.month) == (day, month)
    assert found <= on < found + timedelta(days=366)


def test_prefixes() -> None:
    on = date(2025, 11, 25)
    assert origin_date("25/11", on) == on
    assert origin_date("25/9", on) == date(2025, 9, 25)
    assert origin_date("12/12", on) == date(2024, 12, 12)
    assert origin_date("31/2", on) is None
    assert origin_date("29/2", date(2025, 3, 1)) == date(2024, 2, 29)


def _list(*lines: str) -> list[str]:
    return [
        *lines,
        "",
        "Geen actielijn",
        "",
        "\tWat",
        "\tWie",
        "\tWanneer",
        "",
        "\t25/11 Iets",
        "\tTjalling",
        "\t",
        "",
    ]


def test_the_lists_date() -> None:
    parsed = parse_action_list(_list("Datum\t25-11-2025"))
    assert list_date(parsed, "x.txt", None) == date(2025, 11, 25)
    assert list_date(parsed, "x.txt", date(2025, 12, 1)) == date(2025, 12, 1)
    titled = parse_action_list(_list("Actielijst OT KvdJ 25 november 2025"))
    assert list_date(titled, "x.txt", None) == date(2025, 11, 25)
    with pytest.raises(OperationError, match=r"x\.txt: geen datum gevonden; geef --datum"):
        list_date(parse_action_list(_list("Actielijst")), "x.txt", None)
    with pytest.raises(OperationError, match=r"x\.txt:1: datum 'binnenkort' niet te lezen"):
        list_date(parse_action_list(_list("Datum\tbinnenkort")), "x.txt", None)


def test_a_header_date_just_before_a_prefix_is_a_typo() -> None:
    parsed = parse_action_list(_list("Datum\t25-10-25"))
    with pytest.raises(OperationError, match=r"--datum 2025-11-25"):
        list_date(parsed, "x.txt", None)
    # a prefix of the header's own day: the other prefixes are of the year before
    both = parse_action_list(
        [
            *_list("Datum\t15-01-2026")[:-1],
            "\t15/1 Nieuw",
            "\tTjalling",
            "\t",
            "",
            "\t20/3 Oud",
            "\tTjalling",
            "\t",
            "",
        ]
    )
    assert list_date(both, "x.txt", None) == date(2026, 1, 15)


def _section(title: str, number: int | None = None, name: str | None = None) -> Section:
    return Section(title, 1, Part.OPEN, TableKind.ACTIONS, number, name)


def test_sections_to_werkgroepen(directory: Directory) -> None:
    team = directory.teams["ot-kvdj"]
    cases = {
        _section("Werkgroep 2 – Pedagogische Infrastructuur", 2, "Pedagogische Infrastructuur"):
            "ot-kvdj-wg2",
        _section("Werkgroep 3", 3): "ot-kvdj-wg3",
        _section("Het Jonge Kind", None, "Het Jonge Kind"): "ot-kvdj-wg1",
        _section("Werkgroep – Perspectief van jongeren", None, "Perspectief van jongeren"):
            "ot-kvdj-wg3",
    }  # fmt: skip
    for section, expected in cases.items():
        assert section_werkgroep(directory, team, section) == (expected, None)
    conflict, why = section_werkgroep(
        directory,
        team,
        _section("Werkgroep 1 - Pedagogische Infrastructuur", 1, "Pedagogische Infrastructuur"),
    )
    assert conflict is None and why is not None and "ot-kvdj-wg1, ot-kvdj-wg2" in why
    unknown, why = section_werkgroep(directory, team, _section("Werkgroep 9 - X", 9, "X"))
    assert unknown is None and why is not None and "geen werkgroep van ot-kvdj" in why
    general = Section("Geen actielijn", 1, Part.OPEN, TableKind.ACTIONS, no_werkgroep=True)
    assert section_werkgroep(directory, team, general) == (None, None)


def test_names_in_wie(directory: Directory) -> None:
    team = directory.teams["ot-kvdj"]
    # two people are called Jeroen; the one on the OT KvdJ is meant
    assert resolve_wie(directory, "Jeroen, Tjalling", team, None).refs == ["jeroen", "tjalling"]
    found = resolve_wie(directory, "Tjalling met andere instanties", team, None)
    assert (found.refs, found.unknown) == (["tjalling"], [])
    assert resolve_wie(directory, "Werkgroep/Raymond", team, "ot-kvdj-wg2").refs == [
        "ot-kvdj-wg2", "raymond-pinas",
    ]  # fmt: skip
    assert resolve_wie(directory, "Alle aanwezigen", team, None).refs == ["ot-kvdj"]
    odd = resolve_wie(directory, "Tjalling/Priscilla/SPM", team, None)
    assert odd.unknown == ["Priscilla"]
    assert odd.ambiguous == [("SPM", {"raymond-pinas", "tom-snelting"})]
    # outside the team's circle the first name alone stays ambiguous
    ab = directory.teams["ab"]
    assert resolve_wie(directory, "Jeroen", ab, None).ambiguous == [
        ("Jeroen", {"jeroen", "jeroen-spanbroek"})
    ]
