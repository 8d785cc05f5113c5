"""samennw.ops.query on a hand-made catalog: filters, who sees what, order, due dates.

Written against mutants of query.py that the CLI tests left alive (issue #9): each test
asserts the rows (ids, due dates, 'via') a member would get.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from samennw.errors import NotFoundError
from samennw.model.dates import Due, DueKind
from samennw.model.records import Action, Partners
from samennw.ops.query import ActionFacts, ActionQuery, Catalog, find_actions, parsed_due
from samennw.storage.yamlreader import load_yaml
from tests.conftest import PARTNERS

MORE = """\
  - id: ot-wonen
    naam: Opgaveteam Wonen
    soort: opgaveteam
    domein: wonen
    leden: [gemeente-amsterdam]
  - id: ot-wonen-wg1
    naam: Werkgroep Wonen 1
    soort: werkgroep
    ouder: ot-wonen
    nummer: 1
  - id: losse-groep
    naam: Losse groep
    soort: werkgroep
"""


def partners() -> Partners:
    text = PARTNERS.replace("domeinen:\n", "domeinen:\n  - id: wonen\n    naam: Wonen\n").replace(
        "    soort: werkgroep\n    ouder: ot-kvdj", "    soort: werkgroep\n    ouder: ot-kvdj"
    )
    data, _ = load_yaml(text + MORE)
    return Partners.model_validate(data)


def facts(action_id: str, **kw: object) -> ActionFacts:
    values: dict[str, object] = {
        "id": action_id,
        "status": "open",
        "team": "ot-kvdj",
        "werkgroep": None,
        "actielijn": None,
        "vergadering": None,
        "betrokkenen": ("tjalling",),
        "wanneer": "",
        "volgorde": None,
        "herkomst": None,
        "wat": f"Actie {action_id}",
        "wie": "Tjalling",
        "body": "",
        "path": f"data/acties/open/{action_id}.md",
    }
    values.update(kw)
    return ActionFacts(**values)  # type: ignore[arg-type]


MEETINGS = {
    "ot-kvdj-2025-11-25": date(2025, 11, 25),
    "ot-kvdj-2025-12-09": date(2025, 12, 9),
    "ot-kvdj-2026-01-13": date(2026, 1, 13),
    "ot-wonen-2025-12-01": date(2025, 12, 1),
}


def catalog(*actions: ActionFacts) -> Catalog:
    return Catalog(
        root=Path("repo"),
        partners=partners(),
        actions=list(actions),
        meeting_dates=dict(MEETINGS),
        line_domains={"loopbaanroute": "kvdj", "zonder-domein": None},
    )


TODAY = date(2025, 12, 5)


def ids(cat: Catalog, today: date = TODAY, **query: object) -> list[str]:
    return [row.action.id for row in find_actions(cat, ActionQuery(**query), today)]  # type: ignore[arg-type]


def test_rows_are_sorted_by_due_date_then_team_order_and_id() -> None:
    cat = catalog(
        facts("KVDJ-005", wanneer="december 2025", volgorde=2),
        facts("KVDJ-004", wanneer="december 2025", volgorde=1),
        facts("KVDJ-003", wanneer="december 2025", volgorde=1),
        facts("WON-001", team="ot-wonen", wanneer="december 2025"),
        facts("KVDJ-002", wanneer="november 2025"),
        facts("KVDJ-001", wanneer="loopt"),
        facts("KVDJ-006", wanneer="december 2025"),
    )
    assert ids(cat) == [
        "KVDJ-002",  # 30 november
        "KVDJ-006",  # 31 december, no volgorde (0)
        "KVDJ-003",  # volgorde 1, then by id
        "KVDJ-004",
        "KVDJ-005",
        "WON-001",  # the same date, team ot-wonen after ot-kvdj
        "KVDJ-001",  # no due date: last
    ]
    rows = find_actions(cat, ActionQuery(overdue_only=True), TODAY)
    assert [(r.action.id, r.overdue, r.due.end) for r in rows] == [
        ("KVDJ-002", True, date(2025, 11, 30))
    ]


def test_owner_sees_own_team_and_organisation_actions_with_via() -> None:
    cat = catalog(
        facts("KVDJ-005", betrokkenen=("emre-unver",)),  # not Tjalling's: skipped, not the end
        facts("KVDJ-001"),
        facts("KVDJ-002", betrokkenen=("ot-kvdj",)),
        facts("KVDJ-003", betrokkenen=("emre-unver", "ot-kvdj-wg1")),
        facts("KVDJ-004", betrokkenen=("gemeente-amsterdam",)),
        facts("WON-001", team="ot-wonen", betrokkenen=("ot-wonen",)),
    )
    rows = find_actions(cat, ActionQuery(owner="Tjalling"), TODAY)
    assert [(r.action.id, r.via_team) for r in rows] == [
        ("KVDJ-001", None),
        ("KVDJ-002", "ot-kvdj"),
        ("KVDJ-003", "ot-kvdj-wg1"),
        ("KVDJ-004", "gemeente-amsterdam"),
    ]
    assert ids(cat, owner="tjalling", personal_only=True) == ["KVDJ-001"]
    assert ids(cat, owner="Emre") == ["KVDJ-002", "KVDJ-003", "KVDJ-005"]
    assert ids(cat, owner="Femke Halsema") == []


def test_team_werkgroep_actielijn_and_domain_filters() -> None:
    cat = catalog(
        facts("KVDJ-001", werkgroep="ot-kvdj-wg1"),
        facts("KVDJ-002", actielijn="loopbaanroute"),
        facts("KVDJ-003", actielijn="zonder-domein"),
        facts("WON-001", team="ot-wonen"),
        facts("WON-002", team="ot-wonen-wg1"),  # a werkgroep's list: the parent's domain
        facts("LOS-001", team="losse-groep"),  # no domain anywhere
        facts("WEG-001", team="opgeheven-team"),  # a team no longer in partners.yaml
    )
    assert ids(cat, team="OT KvdJ") == ["KVDJ-001", "KVDJ-002", "KVDJ-003"]
    assert ids(cat, team="ot-wonen") == ["WON-001"]  # found after other teams' actions
    assert ids(cat, werkgroep="ot-wonen-wg1") == []  # no action names it as werkgroep
    assert ids(cat, werkgroep="ot-kvdj-wg1") == ["KVDJ-001"]
    assert ids(cat, team="ot-kvdj", werkgroep="ot-kvdj-wg1") == ["KVDJ-001"]
    assert ids(cat, actielijn="loopbaanroute") == ["KVDJ-002"]
    assert ids(cat, domein="kvdj") == ["KVDJ-001", "KVDJ-002", "KVDJ-003"]
    assert ids(cat, domein="wonen") == ["WON-001", "WON-002"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            ActionQuery(actielijn="lopbaanroute"),
            "onbekende actielijn 'lopbaanroute'; bedoelde u 'loopbaanroute'?",
        ),
        (ActionQuery(domein="kvjd"), "onbekend domein 'kvjd'; bedoelde u 'kvdj'?"),
        (ActionQuery(team="ot-kvjd"), "onbekend team 'ot-kvjd'"),
        (ActionQuery(werkgroep="ot-kvjd-wg1"), "onbekend team 'ot-kvjd-wg1'"),
        (ActionQuery(owner="Tjallling"), "onbekende persoon 'Tjallling'; bedoelde u 'Tjalling'?"),
    ],
)
def test_unknown_filter_values_are_errors(query: ActionQuery, message: str) -> None:
    with pytest.raises(NotFoundError) as exc:
        find_actions(catalog(facts("KVDJ-001")), query, TODAY)
    assert str(exc.value).startswith(message)


def test_next_meeting_is_the_first_meeting_of_the_team_after_the_origin() -> None:
    cat = catalog(
        facts("KVDJ-001", wanneer="volgend OT", vergadering="ot-kvdj-2025-11-25"),
        facts("KVDJ-002", wanneer="volgend OT", vergadering="ot-kvdj-2026-01-13"),
        facts("KVDJ-003", wanneer="volgend OT"),
        facts("WON-001", team="ot-wonen", wanneer="volgend OT", vergadering="ot-wonen-2025-12-01"),
    )
    rows = {r.action.id: r for r in find_actions(cat, ActionQuery(), TODAY)}
    assert rows["KVDJ-001"].due == Due("volgend OT", DueKind.NEXT_MEETING, *[date(2025, 12, 9)] * 2)
    assert rows["KVDJ-001"].overdue is False
    assert ids(cat, today=date(2025, 12, 10), overdue_only=True) == ["KVDJ-001"]
    assert rows["KVDJ-002"].due == Due("volgend OT", DueKind.NEXT_MEETING, None, None)
    assert rows["KVDJ-003"].due == Due("volgend OT", DueKind.NEXT_MEETING, None, None)
    assert rows["WON-001"].due.end is None  # no later meeting of ot-wonen
    assert cat.team_meetings("ot-kvdj") == [
        date(2025, 11, 25),
        date(2025, 12, 9),
        date(2026, 1, 13),
    ]
    assert cat.team_meetings("ot-wonen") == [date(2025, 12, 1)]
    assert cat.team_meetings("losse-groep") == []


def test_a_cached_parse_is_used_only_for_the_same_reference() -> None:
    text = "december"
    # what the index stored when the origin meeting was on 25 November 2025
    stored = parsed_due(text, date(2025, 11, 25))
    assert stored == ("2025-11-25", "periode", "2025-12-01", "2025-12-31")
    assert parsed_due("loopt", None) == (None, "doorlopend", None, None)
    fake = ("2025-11-25", "periode", "2030-12-01", "2030-12-31")  # proves the cache is read
    same = facts("KVDJ-001", wanneer=text, vergadering="ot-kvdj-2025-11-25", parsed_due=fake)
    moved = facts("KVDJ-002", wanneer=text, vergadering="ot-kvdj-2026-01-13", parsed_due=fake)
    none = facts("KVDJ-003", wanneer="loopt", parsed_due=(None, "doorlopend", None, None))
    rows = {
        r.action.id: r.due for r in find_actions(catalog(same, moved, none), ActionQuery(), TODAY)
    }
    assert rows["KVDJ-001"] == Due(text, DueKind.PERIOD, date(2030, 12, 1), date(2030, 12, 31))
    assert rows["KVDJ-002"] == Due(text, DueKind.PERIOD, date(2026, 12, 1), date(2026, 12, 31))
    assert rows["KVDJ-003"] == Due("loopt", DueKind.ONGOING, None, None)


def test_facts_of_an_action() -> None:
    action = Action.model_validate(
        {
            "id": "KVDJ-001",
            "herkomst": "25/11",
            "wat": "Wat",
            "wie": "Wie",
            "betrokkenen": ["tjalling", "ot-kvdj"],
            "wanneer": "Okt",
            "status": "open",
            "team": "ot-kvdj",
            "werkgroep": "ot-kvdj-wg1",
            "actielijn": "loopbaanroute",
            "vergadering": "ot-kvdj-2025-11-25",
            "volgorde": 3,
            "body": "Toelichting\n",
        }
    )
    action._path = Path("data/acties/open/KVDJ-001.md")
    expected = facts(
        "KVDJ-001",
        werkgroep="ot-kvdj-wg1",
        actielijn="loopbaanroute",
        vergadering="ot-kvdj-2025-11-25",
        betrokkenen=("tjalling", "ot-kvdj"),
        wanneer="Okt",
        volgorde=3,
        herkomst="25/11",
        wat="Wat",
        wie="Wie",
        body="Toelichting\n",
    )
    got = ActionFacts.of(action)
    assert replace(got, path=expected.path) == expected
    assert got.path == str(action.source_path)
