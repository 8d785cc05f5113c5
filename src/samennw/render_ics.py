"""Calendar (RFC 5545): meetings and belangrijke data as an iCalendar file.

Times are Europe/Amsterdam with a VTIMEZONE; a meeting's UID is derived from its id and
an important date's from its date and text, so importing a newer file updates the
events instead of duplicating them. The context is the redacted plain dict of
:func:`samennw.render_context.calendar_context`.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

TIMEZONE = "Europe/Amsterdam"
UID_DOMAIN = "samennw"
PRODID = "-//Nationaal Programma Samen Nieuw-West//samennw//NL"


def meeting_uid(meeting_id: str) -> str:
    return f"{meeting_id}@{UID_DOMAIN}"


def important_date_uid(iso: str, what: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", what.casefold()).strip("-")[:60] or "datum"
    return f"belangrijk-{iso}-{slug}@{UID_DOMAIN}"


def _local(day: date, hhmm: str) -> datetime:
    from zoneinfo import ZoneInfo

    hour, minute = (int(p) for p in hhmm.split(":"))
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(TIMEZONE))


def render_ics(context: dict[str, Any], stamp: datetime) -> bytes:
    from icalendar import Calendar, Event

    stamp = stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", context["titel"])
    cal.add("x-wr-timezone", TIMEZONE)
    days: list[date] = []
    for m in context["vergaderingen"]:
        day = date.fromisoformat(m["datum_iso"])
        days.append(day)
        event = Event()
        event.add("uid", meeting_uid(m["id"]))
        event.add("dtstamp", stamp)
        event.add("sequence", 0)
        event.add("summary", f"{m['team']}")
        if m["begin"]:
            event.add("dtstart", _local(day, m["begin"]))
            if m["eind"]:
                event.add("dtend", _local(day, m["eind"]))
        else:  # no time known: an all-day event
            event.add("dtstart", day)
            event.add("dtend", day + timedelta(days=1))
        if m["locatie"]:
            event.add("location", m["locatie"])
        lines = []
        if m["voorzitter"]:
            lines.append(f"Voorzitter: {m['voorzitter']}")
        if m["agenda"]:
            lines += ["Agenda:", *m["agenda"]]
        if lines:
            event.add("description", "\n".join(lines))
        event.add("status", "CONFIRMED")
        event.add("transp", "OPAQUE")
        cal.add_component(event)
    for d in context["belangrijke_data"]:
        day = date.fromisoformat(d["datum_iso"])
        days.append(day)
        event = Event()
        event.add("uid", important_date_uid(d["datum_iso"], d["wat"]))
        event.add("dtstamp", stamp)
        event.add("sequence", 0)
        event.add("summary", d["wat"])
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        if d["waar"]:
            event.add("location", d["waar"])
        if d["toelichting"]:
            event.add("description", d["toelichting"])
        event.add("categories", ["Belangrijke data"])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    if days:
        first, last = min(days), max(days)
        cal.add_missing_timezones(date(first.year - 1, 1, 1), date(last.year + 2, 1, 1))
    return bytes(cal.to_ical())
