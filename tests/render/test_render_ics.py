"""iCalendar: parses back, Europe/Amsterdam with VTIMEZONE, stable UIDs, all-day events."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from typer.testing import CliRunner

from samennw.errors import SamennwError
from samennw.render.document import RenderRequest, render_document
from samennw.storage.repository import load_repository
from tests.conftest import GOLDEN_REPO, build_file_tree, run

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def calendar(
    root: Path = GOLDEN_REPO, team: str | None = None, stamp: datetime | None = None
) -> icalendar.Calendar:
    repo = load_repository(root)
    data = render_document(repo, RenderRequest(kind="ics", target=team, stamp=stamp))
    return icalendar.Calendar.from_ical(data)


def events(cal: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_meetings_and_important_dates() -> None:
    cal = calendar()
    found = events(cal)
    assert sorted(found) == [
        "ab-2023-07-04@repo.samennw",
        "ab-2023-09-28@repo.samennw",
        "belangrijk-2025-01-15-ot-kvdj-nieuwjaarsbijeenkomst@repo.samennw",
        "belangrijk-2026-02-12-ot-kvdj-vmbo-on-stage@repo.samennw",
        "ot-kvdj-2025-09-25@repo.samennw",
        "ot-kvdj-2025-11-25@repo.samennw",
    ]
    meeting = found["ot-kvdj-2025-11-25@repo.samennw"]
    start = meeting.decoded("DTSTART")
    assert start == datetime(2025, 11, 25, 16, 30, tzinfo=AMSTERDAM)
    assert meeting["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert meeting.decoded("DTEND") == datetime(2025, 11, 25, 18, 0, tzinfo=AMSTERDAM)
    assert str(meeting["SUMMARY"]) == "Opgaveteam Kansen voor de Jeugd"
    assert "2. Presentatie het Jonge Kind" in str(meeting["DESCRIPTION"])
    assert str(meeting["LOCATION"]).startswith("Bestuurskantoor STWT")
    summer = found["ab-2023-07-04@repo.samennw"].decoded("DTSTART")
    assert summer.utcoffset().total_seconds() == 2 * 3600  # CEST
    important = found["belangrijk-2026-02-12-ot-kvdj-vmbo-on-stage@repo.samennw"]
    assert important.decoded("DTSTART") == date(2026, 2, 12)  # all day


def test_timezone_is_embedded() -> None:
    cal = calendar()
    zones = list(cal.walk("VTIMEZONE"))
    assert [str(z["TZID"]) for z in zones] == ["Europe/Amsterdam"]
    assert {c.name for c in zones[0].subcomponents} == {"STANDARD", "DAYLIGHT"}
    assert str(cal["VERSION"]) == "2.0" and "samennw" in str(cal["PRODID"])


def test_uids_are_stable_so_a_reimport_updates() -> None:
    first = events(calendar(stamp=datetime(2025, 1, 1, tzinfo=UTC)))
    second = events(calendar(stamp=datetime(2025, 6, 1, tzinfo=UTC)))
    assert sorted(first) == sorted(second)
    assert first["ab-2023-07-04@repo.samennw"].decoded("DTSTAMP") != second[
        "ab-2023-07-04@repo.samennw"
    ].decoded("DTSTAMP")


def test_team_filter_and_meeting_without_time(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(GOLDEN_REPO, repo)
    build_file_tree(
        repo,
        {
            "data/meetings/2026/ot-kvdj-2026-01-15.md": (
                "---\nid: ot-kvdj-2026-01-15\nteam: ot-kvdj\ndatum: 2026-01-15\n---\n"
            )
        },
    )
    found = events(calendar(repo, "ot-kvdj"))
    assert not any(uid.startswith("ab-") for uid in found)
    new = found["ot-kvdj-2026-01-15@repo.samennw"]
    assert new.decoded("DTSTART") == date(2026, 1, 15)
    assert new.decoded("DTEND") == date(2026, 1, 16)


def test_cli_writes_the_file(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SAMENNW_DATUM", "2025-12-10")
    target = tmp_path / "vergaderingen.ics"
    code, _, err = run(runner, "render", "ics", "-o", str(target), "--data", str(GOLDEN_REPO))
    assert code == 0, err
    cal = icalendar.Calendar.from_ical(target.read_bytes())
    assert len(list(cal.walk("VEVENT"))) == 6
    assert target.read_bytes().count(b"\r\n") > 10  # RFC 5545 line endings


def test_calendar_texts_are_dutch() -> None:
    cal = calendar()
    zone = next(iter(cal.walk("VTIMEZONE")))
    comment = str(zone["COMMENT"])
    assert comment.startswith("Deze tijdzone geldt van ") and "This" not in comment
    for event in cal.walk("VEVENT"):
        assert event.decoded("LAST-MODIFIED") == event.decoded("DTSTAMP")


def test_uid_domain_is_the_data_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "Gegevens Samen NW"
    shutil.copytree(GOLDEN_REPO, repo)
    found = events(calendar(repo))
    assert "ab-2023-07-04@gegevens-samen-nw.samennw" in found
    assert all(uid.endswith("@gegevens-samen-nw.samennw") for uid in found)
    monkeypatch.setenv("SAMENNW_KALENDER_DOMEIN", "secretariaat.samennieuwwest.nl")
    assert "ab-2023-07-04@secretariaat.samennieuwwest.nl" in events(calendar(repo))
    monkeypatch.setenv("SAMENNW_KALENDER_DOMEIN", "niet goed/@")
    with pytest.raises(SamennwError, match="SAMENNW_KALENDER_DOMEIN"):
        calendar(repo)


IMPORTANT = """\
- datum: 2026-02-12
  wat: VMBO On Stage
  waar: Nieuw-West
  team: ot-kvdj
- datum: 2026-02-12
  wat: VMBO On Stage
  waar: Osdorp
  team: ot-kvdj
- datum: 2026-02-12
  wat: VMBO On Stage
  team: ab
"""


def _important_uids(root: Path) -> dict[str, str]:
    """UID of each important date, by its location."""
    return {
        str(e.get("LOCATION", "")): str(e["UID"])
        for e in calendar(root).walk("VEVENT")
        if str(e["UID"]).startswith("belangrijk-")
    }


def test_important_date_uids_are_stable_and_distinct(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(GOLDEN_REPO, repo)
    build_file_tree(repo, {"data/belangrijke-data.yaml": IMPORTANT})
    first = _important_uids(repo)
    assert len(first) == 3 and len(set(first.values())) == 3  # equal entries do not collide
    assert first["Nieuw-West"] == "belangrijk-2026-02-12-ot-kvdj-vmbo-on-stage@repo.samennw"
    assert first[""] == "belangrijk-2026-02-12-ab-vmbo-on-stage@repo.samennw"  # per team
    # the order of the file, the case and punctuation of 'wat', and the other fields
    # (toelichting) do not change a UID: a re-import updates the event
    entries = IMPORTANT.split("- datum")[1:]
    reordered = "".join("- datum" + e for e in reversed(entries))
    reordered = reordered.replace("wat: VMBO On Stage", 'wat: "VMBO on stage!"')
    reordered = reordered.replace("waar: Osdorp", "waar: Osdorp\n  toelichting: Nieuw")
    build_file_tree(repo, {"data/belangrijke-data.yaml": reordered})
    assert _important_uids(repo) == first
