"""Dutch due dates: parse the free-text "wanneer" of an action, format dates in Dutch.

The secretary's text is kept as written; :func:`parse_due` derives a machine-readable
:class:`Due` from it.  Years that the text leaves out come from ``reference`` (the date
the text was written), never from the clock, so results are reproducible.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date, datetime, timedelta
from enum import StrEnum

__all__ = [
    "MONTHS_NL",
    "WEEKDAYS_NL",
    "Due",
    "DueKind",
    "format_date",
    "format_date_long",
    "parse_date_arg",
    "parse_due",
]

MONTHS_NL: tuple[str, ...] = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip
WEEKDAYS_NL: tuple[str, ...] = (
    "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
)  # fmt: skip


class DueKind(StrEnum):
    """What kind of due moment a text describes (values are Dutch: they appear in JSON)."""

    DATE = "datum"
    PERIOD = "periode"
    NEXT_MEETING = "volgende_vergadering"
    ASAP = "zsm"
    ONGOING = "doorlopend"
    NONE = "geen"
    UNKNOWN = "onbekend"


@dataclass(frozen=True, slots=True)
class Due:
    """A parsed due moment; ``end`` is the due date (last day of the period)."""

    original: str
    kind: DueKind
    start: date | None
    end: date | None

    def is_overdue(self, today: date) -> bool:
        """True when the due date lies before ``today`` (ASAP: when written before today)."""
        if self.kind is DueKind.ASAP:
            return self.start is not None and self.start < today
        return self.end is not None and self.end < today

    def describe(self) -> str:
        """A short Dutch description, e.g. ``"uiterlijk 30 november 2025"``."""
        if self.kind is DueKind.ASAP:
            return "z.s.m."
        if self.kind is DueKind.ONGOING:
            return "doorlopend"
        if self.kind is DueKind.NONE:
            return "geen"
        if self.kind is DueKind.UNKNOWN:
            return "onbekend"
        if self.kind is DueKind.NEXT_MEETING:
            if self.start is None or self.end is None:
                return "volgende vergadering"
            return f"volgende vergadering ({_span_label(self.start, self.end)})"
        if self.end is None:
            return f"{' '.join(self.original.split())} (jaar onbekend)"
        return f"uiterlijk {format_date(self.end)}"


# --------------------------------------------------------------------------- formatting


def format_date(d: date) -> str:
    """``25 november 2025``."""
    return f"{d.day} {MONTHS_NL[d.month - 1]} {d.year}"


def format_date_long(d: date) -> str:
    """``donderdag 28 september 2023``."""
    return f"{WEEKDAYS_NL[d.weekday()]} {format_date(d)}"


def _days_in(year: int, month: int) -> int:
    return 29 if month == 2 and calendar.isleap(year) else _MONTH_DAYS[month - 1]


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _make_date(year: int, month: int, day: int) -> date:
    """Like ``date()``, but the ValueError carries a Dutch reason."""
    if not 1 <= month <= 12:
        raise ValueError(f"maand {month} bestaat niet")
    if not MINYEAR <= year <= MAXYEAR:
        raise ValueError(f"jaar {year} valt buiten het bereik")
    last = _days_in(year, month)
    if not 1 <= day <= last:
        raise ValueError(f"{MONTHS_NL[month - 1]} {year} heeft {last} dagen")
    return date(year, month, day)


def _month_end(year: int, month: int) -> date:
    return _make_date(year, month, _days_in(year, month))


def _span_label(start: date, end: date) -> str:
    if start == end:
        return format_date(start)
    if start.day == 1 and end == _month_end(start.year, start.month):
        return f"{MONTHS_NL[start.month - 1]} {start.year}"
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(start.year)
    return f"{format_date(start)} t/m {format_date(end)}"


# --------------------------------------------------------------------------- vocabulary

_MONTH_WORDS: dict[str, int] = {name: i for i, name in enumerate(MONTHS_NL, 1)}
_MONTH_WORDS.update(
    jan=1, feb=2, febr=2, mrt=3, apr=4, jun=6, jul=7, aug=8,
    sep=9, sept=9, okt=10, oct=10, nov=11, dec=12,
)  # fmt: skip
_PART_WORDS = {"begin": 0, "start": 0, "midden": 1, "medio": 1, "half": 1, "eind": 2, "einde": 2}
# Thirds of a year for begin/midden/eind + year: Jan-Apr, May-Aug, Sep-Dec.
_YEAR_PARTS = ((1, 4), (5, 8), (9, 12))
_ORDINALS = {"eerste": 1, "1e": 1, "1ste": 1, "tweede": 2, "2e": 2, "2de": 2,
             "derde": 3, "3e": 3, "3de": 3, "vierde": 4, "4e": 4, "4de": 4}  # fmt: skip
_PROBE_YEAR = 2020  # leap year with 53 ISO weeks: validates year-less dates


def _alts(words: Iterable[str]) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


def _month_rx(name: str) -> str:
    return rf"(?P<{name}>{_alts(_MONTH_WORDS)})\.?(?![a-z])"


def _yr(name: str) -> str:
    return rf"(?:\s+|\s*,\s*)(?P<{name}>[0-9]{{4}}|['\u2019][0-9]{{2}})"


_WEEKDAY = rf"(?:(?:{_alts(WEEKDAYS_NL)}|ma|di|wo|do|vr|za|zo)\.?,?\s+)?"
_RANGE = r"(?:\s*(?:/|-|\u2013|\u2014|&|\+)\s*|\s+(?:t/m|tm|tot en met|tot|en|of)\s+)"
_PART = rf"(?P<part>{_alts(_PART_WORDS)})\s+(?:van\s+)?"
_ORD = _alts(_ORDINALS)

_RX_ISO = re.compile(r"(?P<y>[0-9]{4})[-/.](?P<mo>[0-9]{1,2})[-/.](?P<d>[0-9]{1,2})")
_RX_DMY = re.compile(r"(?P<d>[0-9]{1,2})[-/.](?P<mo>[0-9]{1,2})[-/.](?P<y>[0-9]{4}|[0-9]{2})")
_RX_DAY_MONTH = re.compile(
    rf"{_WEEKDAY}(?P<d>[0-9]{{1,2}})(?:e|ste|de)?\s*{_month_rx('mn')}(?:{_yr('y')})?"
)
_Span = tuple[date, date]
_Builder = Callable[[int], _Span]
_Parsed = tuple[DueKind, _Builder, int | None]


def _g(m: re.Match[str], name: str) -> str | None:
    """A named group's text; None when unmatched or absent from the pattern."""
    return m.groupdict().get(name)


def _year(text: str | None) -> int | None:
    if text is None:
        return None
    digits = text.lstrip("'\u2019")
    return 2000 + int(digits) if len(digits) == 2 else int(digits)


def _day_span(year: int, month: int, day: int) -> _Span:
    d = _make_date(year, month, day)
    return d, d


def _months_span(year: int, first: int, last: int, gap: int = 0) -> _Span:
    return _make_date(year, first, 1), _month_end(year + gap, last)


def _date_of(m: re.Match[str]) -> _Parsed:
    mn = _g(m, "mn")
    month = _MONTH_WORDS[mn] if mn is not None else int(m["mo"])
    day = int(m["d"])
    return DueKind.DATE, lambda y: _day_span(y, month, day), _year(_g(m, "y"))


def _month_range(m: re.Match[str]) -> _Parsed:
    first, last = _MONTH_WORDS[m["m1"]], _MONTH_WORDS[m["m2"]]
    y1, y2 = _year(m["y1"]), _year(m["y2"])
    gap = int(last < first)
    if y1 is None and y2 is not None:
        y1 = y2 - gap
    elif y1 is not None and y2 is not None:
        gap = y2 - y1
        if gap < 0 or (gap == 0 and last < first):
            raise ValueError("periode eindigt voor het begin")
    return DueKind.PERIOD, lambda y: _months_span(y, first, last, gap), y1


def _month(m: re.Match[str]) -> _Parsed:
    """A month, or its begin/midden/eind: days 1-10, 11-20, 21-end."""
    month, part = _MONTH_WORDS[m["mn"]], _PART_WORDS.get(m["part"] or "")

    def build(y: int) -> _Span:
        if part is None:
            return _months_span(y, month, month)
        last = _days_in(y, month) if part == 2 else 10 * (part + 1)
        return _make_date(y, month, 10 * part + 1), _make_date(y, month, last)

    return DueKind.PERIOD, build, _year(_g(m, "y"))


def _year_part(m: re.Match[str]) -> _Parsed:
    """A year, or its begin/midden/eind (see _YEAR_PARTS)."""
    part = _PART_WORDS.get(m["part"] or "")
    first, last = (1, 12) if part is None else _YEAR_PARTS[part]
    return DueKind.PERIOD, lambda y: _months_span(y, first, last), _year(_g(m, "y"))


def _quarters(m: re.Match[str]) -> _Parsed:
    q1, q2, o1, o2 = _g(m, "q1"), _g(m, "q2"), _g(m, "o1"), _g(m, "o2")
    first = int(q1) if q1 else _ORDINALS[o1 or ""]
    last = int(q2) if q2 else _ORDINALS[o2] if o2 else first
    if last < first:
        raise ValueError("kwartalen in omgekeerde volgorde")
    return DueKind.PERIOD, lambda y: _months_span(y, 3 * first - 2, 3 * last), _year(_g(m, "y"))


def _week(m: re.Match[str]) -> _Parsed:
    week = int(m["w"])

    def build(y: int) -> _Span:
        monday = date.fromisocalendar(y, week, 1)
        return monday, monday + timedelta(days=6)

    return DueKind.PERIOD, build, _year(_g(m, "y"))


def _fixed(first: int, last: int) -> Callable[[re.Match[str]], _Parsed]:
    def handler(m: re.Match[str]) -> _Parsed:
        return DueKind.PERIOD, lambda y: _months_span(y, first, last), _year(_g(m, "y"))

    return handler


_OPT_YEAR = rf"(?:{_yr('y')})?"
_THIS_YEAR = r"(?:het|dit)\s+jaar"
_SUMMER = r"(?:de\s+)?zomer(?:vakantie|periode|reces)?"


@functools.cache
def _core_patterns() -> tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], _Parsed]], ...]:
    """Each pattern must match the whole (normalised, prefix-stripped) text.

    Compiled on first use: a query answered from the cache parses no dates, and these
    patterns cost more to compile than the rest of the query start-up.
    """
    return tuple(
        (re.compile(rx), handler)
        for rx, handler in (
            (_RX_ISO.pattern, _date_of),
            (_RX_DMY.pattern, _date_of),
            (_RX_DAY_MONTH.pattern, _date_of),
            (r"(?P<d>[0-9]{1,2})[-/](?P<mo>[0-9]{1,2})", _date_of),
            (
                rf"{_month_rx('m1')}(?:{_yr('y1')})?{_RANGE}{_month_rx('m2')}(?:{_yr('y2')})?",
                _month_range,
            ),
            (rf"(?:{_PART})?{_month_rx('mn')}{_OPT_YEAR}", _month),
            (rf"(?:{_PART})?(?:(?P<y>[0-9]{{4}})|{_THIS_YEAR})", _year_part),
            (
                rf"(?:q|kw)\s?(?P<q1>[1-4])(?:{_RANGE}(?:q|kw)\s?(?P<q2>[1-4]))?"
                rf"{_OPT_YEAR}",
                _quarters,
            ),
            (
                rf"(?P<o1>{_ORD})(?:{_RANGE}(?P<o2>{_ORD}))?\s+kwartaal"
                rf"(?:\s+van)?{_OPT_YEAR}",
                _quarters,
            ),
            (rf"(?:week|wk)\.?\s*(?P<w>[0-9]{{1,2}}){_OPT_YEAR}", _week),
            (rf"voor\s+{_SUMMER}(?:\s+van)?{_OPT_YEAR}", _fixed(1, 6)),
            (rf"na\s+{_SUMMER}{_OPT_YEAR}", _fixed(9, 9)),
            (rf"{_SUMMER}{_OPT_YEAR}", _fixed(7, 8)),
        )
    )


_NOT_LETTER_BEFORE, _NOT_LETTER_AFTER = r"(?<![a-z0-9])", r"(?![a-z0-9])"
_RX_ASAP = re.compile(
    rf"{_NOT_LETTER_BEFORE}(?:z\.?\s?s\.?\s?m\.?|asap|a\.s\.a\.p\.?|per direct"
    rf"|zo (?:snel|spoedig) (?:als )?mogelijk){_NOT_LETTER_AFTER}"
)
_RX_ONGOING = re.compile(
    rf"{_NOT_LETTER_BEFORE}(?:loopt|lopend|doorlopend|continu|continue|permanent)"
    rf"{_NOT_LETTER_AFTER}"
)
_RX_NEXT = re.compile(
    rf"{_NOT_LETTER_BEFORE}(?:eerst)?volgende?\s+(?:ot|ab|mt|dt|vergadering|overleg"
    rf"|bijeenkomst|sessie|keer|meeting){_NOT_LETTER_AFTER}"
)
_RX_PREFIX = re.compile(
    r"^(?:(?:ot|ab|mt|dt|vergadering|overleg|uiterlijk|vóór|voor(?!\s+(?:de\s+)?zomer)|per"
    r"|in|op|rond|omstreeks|circa|ca\.?|deadline|streefdatum|gepland|planning)(?:\s*:\s*|\s+))+"
)
_RX_PARENS = re.compile(r"\([^()]*\)")
_TRIM = " \t.,;:!?-\u2013\u2014"


def _minus_months(d: date, months: int) -> date:
    y, m0 = divmod(d.year * 12 + d.month - 1 - months, 12)
    if y < MINYEAR:  # before the calendar starts: nothing can end earlier
        return date(MINYEAR, 1, 1)
    return _make_date(y, m0 + 1, min(d.day, _days_in(y, m0 + 1)))


def _resolve(build: _Builder, year: int | None, ref: date | None, future: bool) -> _Span | None:
    """Apply ``build`` to the given year, or infer the year from ``ref``.

    Inferred: the year of ``ref``, or the next one if the period would end more than three
    months before ``ref`` (or before ``ref`` at all when ``future``).  Returns None when
    there is neither a year nor a reference; raises ValueError for impossible dates.
    """
    if year is not None:
        return build(year)
    if ref is None:
        build(_PROBE_YEAR)  # only validates, e.g. "31 februari"
        return None
    limit = ref if future else _minus_months(ref, 3)
    for y in (ref.year, ref.year + 1):
        try:
            span = build(y)
        except ValueError:  # 29 februari outside a leap year
            continue
        if span[1] >= limit:
            return span
    raise ValueError("geen passend jaar")


def _core(s: str) -> _Parsed | None:
    s = _RX_PREFIX.sub("", s.strip(_TRIM)).strip(_TRIM)
    for rx, handler in _core_patterns():
        m = rx.fullmatch(s)
        if m is not None:
            return handler(m)
    return None


def _parse(text: str, ref: date | None) -> Due:
    s = " ".join(_RX_PARENS.sub(" ", text.lower()).split())
    if not s.strip(_TRIM):
        return Due(text, DueKind.NONE, None, None)
    if _RX_ASAP.search(s):
        return Due(text, DueKind.ASAP, ref, ref)
    if _RX_ONGOING.search(s):
        return Due(text, DueKind.ONGOING, None, None)
    kind: DueKind | None = None
    nxt = _RX_NEXT.search(s)
    if nxt is not None:
        kind, s = DueKind.NEXT_MEETING, f"{s[: nxt.start()]} {s[nxt.end() :]}"
    parsed = _core(s)
    if parsed is None:
        if kind is DueKind.NEXT_MEETING:
            return Due(text, kind, None, None)
        return Due(text, DueKind.UNKNOWN, None, None)
    span = _resolve(parsed[1], parsed[2], ref, future=kind is DueKind.NEXT_MEETING)
    start, end = span if span is not None else (None, None)
    return Due(text, kind or parsed[0], start, end)


@functools.lru_cache(maxsize=65536)
def _parse_cached(text: str, reference: date | None) -> Due:
    try:
        return _parse(text, reference)
    except (ValueError, OverflowError):  # impossible or out-of-range dates
        return Due(text, DueKind.UNKNOWN, None, None)


def parse_due(text: str, reference: date | None = None) -> Due:
    """Parse the free-text "wanneer" of an action.  Never raises.

    ``reference`` is the date the text was written; it supplies a missing year.  Without
    it, year-less texts yield kind DATE/PERIOD with ``start`` and ``end`` None.
    """
    if isinstance(reference, datetime):
        reference = reference.date()
    return _parse_cached(text, reference)


# --------------------------------------------------------------------------- CLI dates


def parse_date_arg(text: str) -> date:
    """Parse a CLI date: ``2025-11-25``, ``25-11-2025``, ``25-11-25`` or ``25 november 2025``.

    Raises ValueError with a Dutch message, e.g.
    ``ongeldige datum: '31-02-2025' (februari 2025 heeft 28 dagen)``.
    """
    s = " ".join(text.lower().split())
    for rx in (_RX_ISO, _RX_DMY, _RX_DAY_MONTH):
        m = rx.fullmatch(s)
        if m is None:
            continue
        _, build, year = _date_of(m)
        if year is None:
            raise ValueError(f"ongeldige datum: '{text}' (jaar ontbreekt)")
        try:
            return build(year)[0]
        except ValueError as exc:
            raise ValueError(f"ongeldige datum: '{text}' ({exc})") from None
    raise ValueError(
        f"ongeldige datum: '{text}' (verwacht bijv. 2025-11-25, 25-11-2025 of 25 november 2025)"
    )
