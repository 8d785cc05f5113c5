"""Calendar (RFC 5545): meetings and belangrijke data as an iCalendar file.

Times are Europe/Amsterdam with a VTIMEZONE. UIDs are stable, so importing a newer file
updates the events instead of duplicating them:

* a meeting: ``<meeting id>@<domain>``;
* an important date (the entries have no id of their own): ``belangrijk-<date>-<team>-
  <normalised wat>@<domain>``. The list position is not part of it, nor are case,
  accents and punctuation of ``wat``, nor ``waar``/``toelichting``: those can be edited
  and the event is replaced. Changing the date, the team or the words of ``wat`` makes
  it a new event. Entries with an equal key get ``-2``, ``-3`` … in the order of
  (waar, toelichting), not of the file.

The domain is per data repository, so two repositories never share a UID:
``<slug of the repository folder>.samennw`` (the folder name is the repository name in
a clone and in CI), or ``SAMENNW_KALENDER_DOMEIN``. Every event has SEQUENCE 0 and
DTSTAMP = LAST-MODIFIED = the render time: with equal SEQUENCE the newer one wins
(RFC 5546 §2.1.5), so a re-import replaces. The context is the redacted plain dict of
:func:`samennw.render.context.calendar_context`.
"""

from __future__ import annotations

import os
import re
import unicodedata
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

TIMEZONE = "Europe/Amsterdam"
UID_DOMAIN = "samennw"  # the embedded data set; a data repository gets its own
DOMAIN_VARIABLE = "SAMENNW_KALENDER_DOMEIN"
PRODID = "-//Nationaal Programma Samen Nieuw-West//samennw//NL"
_DOMAIN = re.compile(r"^[a-z0-9](?:[a-z0-9.-]{0,198}[a-z0-9])?$")


def _slug(text: str, limit: int = 60) -> str:
    """Lower case ASCII words joined by '-': accents, case and punctuation dropped."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:limit].strip("-")


def uid_domain(root: Path) -> str:
    """The right-hand side of every UID: one per data repository (see the module)."""
    from samennw.errors import SamennwError
    from samennw.storage.paths import embedded_root

    configured = os.environ.get(DOMAIN_VARIABLE, "").strip().lower()
    if configured:
        if not _DOMAIN.match(configured):
            raise SamennwError(
                f"{DOMAIN_VARIABLE} '{configured}' is geen geldige domeinnaam "
                "(alleen a-z, 0-9, '.' en '-')"
            )
        return configured
    resolved = root.resolve()
    if resolved == embedded_root().resolve():
        return UID_DOMAIN
    return f"{_slug(resolved.name) or 'gegevens'}.{UID_DOMAIN}"


def meeting_uid(meeting_id: str, domain: str = UID_DOMAIN) -> str:
    return f"{meeting_id}@{domain}"


def important_date_uid(iso: str, team: str, what: str, domain: str = UID_DOMAIN) -> str:
    return f"belangrijk-{iso}-{team or 'algemeen'}-{_slug(what) or 'datum'}@{domain}"


def important_date_uids(entries: list[dict[str, Any]], domain: str) -> list[str]:
    """The UID of every entry, in order; equal keys numbered by (waar, toelichting)."""
    bases = [important_date_uid(d["datum_iso"], d["team_id"], d["wat"], domain) for d in entries]
    uids = list(bases)
    for base in set(bases):
        same = sorted(
            (i for i, b in enumerate(bases) if b == base),
            key=lambda i: (entries[i]["waar"], entries[i]["toelichting"], entries[i]["wat"]),
        )
        for n, i in enumerate(same[1:], start=2):
            local, _, host = base.partition("@")
            uids[i] = f"{local}-{n}@{host}"
    return uids


def _local(day: date, hhmm: str) -> datetime:
    from zoneinfo import ZoneInfo

    hour, minute = (int(p) for p in hhmm.split(":"))
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(TIMEZONE))


def render_ics(context: dict[str, Any], stamp: datetime, domain: str = UID_DOMAIN) -> bytes:
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
        event.add("uid", meeting_uid(m["id"], domain))
        event.add("dtstamp", stamp)
        event.add("last-modified", stamp)
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
    important = context["belangrijke_data"]
    for d, uid in zip(important, important_date_uids(important, domain), strict=True):
        day = date.fromisoformat(d["datum_iso"])
        days.append(day)
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", stamp)
        event.add("last-modified", stamp)
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
        start, end = date(first.year - 1, 1, 1), date(last.year + 2, 1, 1)
        cal.add_missing_timezones(start, end)
        # the time zone before the events that use it (icalendar 6 appends it, 7 inserts it)
        cal.subcomponents.sort(key=lambda c: c.name != "VTIMEZONE")
        for zone in cal.walk("VTIMEZONE"):  # icalendar writes an English COMMENT
            zone.pop("COMMENT", None)
            zone.add(
                "comment", f"Deze tijdzone geldt van {start.isoformat()} tot {end.isoformat()}."
            )
    return bytes(cal.to_ical())
