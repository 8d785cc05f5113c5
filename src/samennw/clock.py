"""The injectable clock: ``SAMENNW_DATUM=2025-11-25`` makes every command reproducible."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from samennw.errors import SamennwError


def today() -> date:
    """Today, or the date in SAMENNW_DATUM (for tests, demos and reproducible output)."""
    env = os.environ.get("SAMENNW_DATUM")
    if env:
        from samennw.model.dates import parse_date_arg

        try:
            return parse_date_arg(env)
        except ValueError as exc:
            raise SamennwError(f"SAMENNW_DATUM: {exc}") from None
    # the programme's calendar day, also on a CI machine that runs in UTC
    try:
        return datetime.now(ZoneInfo("Europe/Amsterdam")).date()
    except ZoneInfoNotFoundError:  # no time zone database on this machine
        return date.today()  # noqa: DTZ011


def date_arg(text: str | None) -> date:
    """A date given on the command line (``--op``, ``--datum``), else today."""
    if text is None:
        return today()
    from samennw.model.dates import parse_date_arg

    try:
        return parse_date_arg(text)
    except ValueError as exc:
        raise SamennwError(str(exc)) from None


def creation_stamp(today: date) -> datetime:
    """When a document is made: now, or midnight of SAMENNW_DATUM (reproducible output)."""
    if os.environ.get("SAMENNW_DATUM"):
        return datetime(today.year, today.month, today.day, tzinfo=UTC)
    return datetime.now(UTC)
