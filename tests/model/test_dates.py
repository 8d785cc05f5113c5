"""Tests for samennw.model.dates: parsing of the free-text "wanneer" and Dutch date helpers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samennw.model.dates import (
    MONTHS_NL,
    WEEKDAYS_NL,
    Due,
    DueKind,
    format_date,
    format_date_long,
    parse_date_arg,
    parse_due,
)

REF = date(2025, 11, 25)
D = date
P, DT, NM = DueKind.PERIOD, DueKind.DATE, DueKind.NEXT_MEETING

# Real texts from the action lists: (text, reference, kind, start, end).
REAL_EXAMPLES = [
    ("November 2025", REF, P, D(2025, 11, 1), D(2025, 11, 30)),
    ("December 2025", REF, P, D(2025, 12, 1), D(2025, 12, 31)),
    ("Oktober 2025", REF, P, D(2025, 10, 1), D(2025, 10, 31)),
    ("Okt", REF, P, D(2025, 10, 1), D(2025, 10, 31)),
    ("Okt/nov", REF, P, D(2025, 10, 1), D(2025, 11, 30)),
    ("Okt 2024", REF, P, D(2024, 10, 1), D(2024, 10, 31)),
    ("Begin 2025", REF, P, D(2025, 1, 1), D(2025, 4, 30)),
    ("2025", REF, P, D(2025, 1, 1), D(2025, 12, 31)),
    ("31 maart", REF, DT, D(2026, 3, 31), D(2026, 3, 31)),  # > 3 months back: next year
    ("4 nov", REF, DT, D(2025, 11, 4), D(2025, 11, 4)),
    ("16 juli 2024", REF, DT, D(2024, 7, 16), D(2024, 7, 16)),
    ("Juli 2024", REF, P, D(2024, 7, 1), D(2024, 7, 31)),
    ("Sept 2024", REF, P, D(2024, 9, 1), D(2024, 9, 30)),
    ("September 2025", REF, P, D(2025, 9, 1), D(2025, 9, 30)),
    ("OT 19 juni 2024", REF, DT, D(2024, 6, 19), D(2024, 6, 19)),
    ("OT 22 mei 2024", REF, DT, D(2024, 5, 22), D(2024, 5, 22)),
    ("Volgend OT in sept", D(2024, 6, 19), NM, D(2024, 9, 1), D(2024, 9, 30)),
    ("Volgend OT in sept", REF, NM, D(2026, 9, 1), D(2026, 9, 30)),  # a next meeting is ahead
    ("Loopt", REF, DueKind.ONGOING, None, None),
    ("Loopt ", REF, DueKind.ONGOING, None, None),
    ("Deadline verstreken, z.s.m. aan Tom sturen", REF, DueKind.ASAP, REF, REF),
    ("", REF, DueKind.NONE, None, None),
]

# Other supported forms, all with reference 2025-11-25.
MORE_FORMS = [
    ("jan", P, D(2026, 1, 1), D(2026, 1, 31)),
    ("Feb.", P, D(2026, 2, 1), D(2026, 2, 28)),
    ("mrt 2025", P, D(2025, 3, 1), D(2025, 3, 31)),
    ("APR 2025", P, D(2025, 4, 1), D(2025, 4, 30)),
    ("mei 2025", P, D(2025, 5, 1), D(2025, 5, 31)),
    ("jun. 2025", P, D(2025, 6, 1), D(2025, 6, 30)),
    ("jul 2025", P, D(2025, 7, 1), D(2025, 7, 31)),
    ("aug 2025", P, D(2025, 8, 1), D(2025, 8, 31)),
    ("sep 2025", P, D(2025, 9, 1), D(2025, 9, 30)),
    ("dec", P, D(2025, 12, 1), D(2025, 12, 31)),
    ("okt '24", P, D(2024, 10, 1), D(2024, 10, 31)),
    ("dec/jan", P, D(2025, 12, 1), D(2026, 1, 31)),
    ("dec 2024/jan 2025", P, D(2024, 12, 1), D(2025, 1, 31)),
    ("okt t/m dec 2025", P, D(2025, 10, 1), D(2025, 12, 31)),
    ("begin december", P, D(2025, 12, 1), D(2025, 12, 10)),
    ("midden december", P, D(2025, 12, 11), D(2025, 12, 20)),
    ("eind augustus", P, D(2025, 8, 21), D(2025, 8, 31)),
    ("eind februari 2024", P, D(2024, 2, 21), D(2024, 2, 29)),
    ("medio 2025", P, D(2025, 5, 1), D(2025, 8, 31)),
    ("eind 2025", P, D(2025, 9, 1), D(2025, 12, 31)),
    ("eind van het jaar", P, D(2025, 9, 1), D(2025, 12, 31)),
    ("Q1 2025", P, D(2025, 1, 1), D(2025, 3, 31)),
    ("Q1 en Q2 2025", P, D(2025, 1, 1), D(2025, 6, 30)),
    ("q4", P, D(2025, 10, 1), D(2025, 12, 31)),
    ("eerste kwartaal 2025", P, D(2025, 1, 1), D(2025, 3, 31)),
    ("2e kwartaal 2026", P, D(2026, 4, 1), D(2026, 6, 30)),
    ("week 48", P, D(2025, 11, 24), D(2025, 11, 30)),
    ("2025-11-25", DT, REF, REF),
    ("4-7-2024", DT, D(2024, 7, 4), D(2024, 7, 4)),
    ("04-07-24", DT, D(2024, 7, 4), D(2024, 7, 4)),
    ("25/11", DT, REF, REF),
    ("uiterlijk 1 dec.", DT, D(2025, 12, 1), D(2025, 12, 1)),
    ("donderdag 28 september 2023", DT, D(2023, 9, 28), D(2023, 9, 28)),
    ("voor de zomer", P, D(2026, 1, 1), D(2026, 6, 30)),
    ("voor de zomer 2025", P, D(2025, 1, 1), D(2025, 6, 30)),
    ("na de zomer", P, D(2025, 9, 1), D(2025, 9, 30)),
    ("na de zomervakantie 2026", P, D(2026, 9, 1), D(2026, 9, 30)),
    ("okt (als het lukt)", P, D(2025, 10, 1), D(2025, 10, 31)),
    ("zsm", DueKind.ASAP, REF, REF),
    ("ASAP", DueKind.ASAP, REF, REF),
    ("Z.S.M.", DueKind.ASAP, REF, REF),
    ("doorlopend", DueKind.ONGOING, None, None),
    ("Continu", DueKind.ONGOING, None, None),
    ("volgende vergadering", NM, None, None),
    ("volgend AB", NM, None, None),
    ("   ", DueKind.NONE, None, None),
    ("31 februari 2025", DueKind.UNKNOWN, None, None),
    ("2025-02-31", DueKind.UNKNOWN, None, None),
    ("30-13-2025", DueKind.UNKNOWN, None, None),
    ("Q2/Q1 2025", DueKind.UNKNOWN, None, None),
    ("Bespreken met Jan", DueKind.UNKNOWN, None, None),
    ("na overleg", DueKind.UNKNOWN, None, None),
]


@pytest.mark.parametrize(("text", "ref", "kind", "start", "end"), REAL_EXAMPLES)
def test_real_examples(
    text: str, ref: date, kind: DueKind, start: date | None, end: date | None
) -> None:
    assert parse_due(text, ref) == Due(text, kind, start, end)


@pytest.mark.parametrize(("text", "kind", "start", "end"), MORE_FORMS)
def test_more_forms(text: str, kind: DueKind, start: date | None, end: date | None) -> None:
    assert parse_due(text, REF) == Due(text, kind, start, end)


@pytest.mark.parametrize(
    ("text", "kind"),
    [("Okt", P), ("4 nov", DT), ("Okt/nov", P), ("Q1", P), ("29 februari", DT)],
)
def test_no_reference_no_year_gives_no_dates(text: str, kind: DueKind) -> None:
    assert parse_due(text) == Due(text, kind, None, None)


def test_impossible_date_without_year_is_unknown() -> None:
    assert parse_due("31 februari").kind is DueKind.UNKNOWN
    assert parse_due("31 april", REF).kind is DueKind.UNKNOWN


def test_year_inference_window() -> None:
    # Up to three months back stays in the reference year; further back means next year.
    assert parse_due("aug", REF).end == D(2025, 8, 31)
    assert parse_due("25 aug", REF).end == D(2025, 8, 25)
    assert parse_due("24 aug", REF).end == D(2026, 8, 24)
    assert parse_due("Volgend OT in sept", None) == Due("Volgend OT in sept", NM, None, None)
    assert parse_due("zsm") == Due("zsm", DueKind.ASAP, None, None)


def test_datetime_reference_is_accepted() -> None:
    assert parse_due("4 nov", datetime(2025, 11, 25, 15, 30, tzinfo=UTC)).end == D(2025, 11, 4)


def test_describe() -> None:
    assert parse_due("November 2025").describe() == "uiterlijk 30 november 2025"
    assert parse_due("OT 19 juni 2024").describe() == "uiterlijk 19 juni 2024"
    assert parse_due("Loopt").describe() == "doorlopend"
    assert parse_due("zsm", REF).describe() == "z.s.m."
    assert parse_due("").describe() == "geen"
    assert parse_due("wie weet").describe() == "onbekend"
    assert parse_due("Volgend OT in sept", D(2025, 6, 1)).describe() == (
        "volgende vergadering (september 2025)"
    )
    assert parse_due("volgend OT").describe() == "volgende vergadering"
    assert parse_due("Okt ").describe() == "Okt (jaar onbekend)"


def test_is_overdue() -> None:
    nov = parse_due("November 2025")
    assert not nov.is_overdue(D(2025, 11, 30))
    assert nov.is_overdue(D(2025, 12, 1))
    asap = parse_due("zsm", REF)
    assert not asap.is_overdue(REF)
    assert asap.is_overdue(D(2025, 11, 26))
    assert not parse_due("zsm").is_overdue(REF)
    for text in ("Loopt", "", "onzin", "okt", "volgend OT"):
        assert not parse_due(text).is_overdue(D(9999, 12, 31))


def test_formatting() -> None:
    assert len(MONTHS_NL) == 12 and MONTHS_NL[0] == "januari" and MONTHS_NL[-1] == "december"
    assert WEEKDAYS_NL == (
        "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
    )  # fmt: skip
    assert format_date(D(2025, 11, 25)) == "25 november 2025"
    assert format_date_long(D(2023, 9, 28)) == "donderdag 28 september 2023"


@pytest.mark.parametrize(
    "text",
    ["2025-11-25", "25-11-2025", "25-11-25", "25 november 2025", " 25 Nov 2025 ", "25/11/2025"],
)
def test_parse_date_arg(text: str) -> None:
    assert parse_date_arg(text) == REF


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31-02-2025", "ongeldige datum: '31-02-2025' (februari 2025 heeft 28 dagen)"),
        ("2024-02-30", "ongeldige datum: '2024-02-30' (februari 2024 heeft 29 dagen)"),
        ("2025-13-01", "ongeldige datum: '2025-13-01' (maand 13 bestaat niet)"),
        ("01-01-0000", "ongeldige datum: '01-01-0000' (jaar 0 valt buiten het bereik)"),
        ("25 nov", "ongeldige datum: '25 nov' (jaar ontbreekt)"),
        ("vandaag", "ongeldige datum: 'vandaag' (verwacht bijv."),
    ],
)
def test_parse_date_arg_errors(text: str, message: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_date_arg(text)
    assert str(info.value).startswith(message)


# --------------------------------------------------------------------------- properties

DATE_WORDS = [
    *MONTHS_NL, "okt", "sept", "mrt", "begin", "midden", "eind", "medio", "q1", "q3",
    "kwartaal", "eerste", "en", "/", "-", "t/m", "van", "het", "jaar", "voor", "na", "de",
    "zomer", "week", "53", "volgend", "ot", "in", "zsm", "loopt", "29", "31", "0", "2024",
    "9999", "0000", "'24", "12-13", "2025-02-29", "29-02-2024", "1", "13", "uiterlijk",
]  # fmt: skip
date_like_text = st.lists(st.sampled_from(DATE_WORDS), max_size=6).map(" ".join)


@given(st.one_of(st.text(), date_like_text), st.none() | st.dates())
def test_parse_due_never_raises_and_keeps_original(text: str, ref: date | None) -> None:
    due = parse_due(text, ref)
    assert due.original == text
    assert isinstance(due.kind, DueKind)
    if due.start is not None and due.end is not None:
        assert due.start <= due.end
    due.describe()
    due.is_overdue(D(2025, 1, 1))


@given(st.dates(min_value=D(1000, 1, 1)), st.none() | st.dates())
def test_format_date_round_trips(d: date, ref: date | None) -> None:
    for text in (format_date(d), format_date_long(d), d.isoformat()):
        assert parse_due(text, ref) == Due(text, DueKind.DATE, d, d)


@given(st.dates())
def test_iso_round_trips(d: date) -> None:
    assert parse_due(d.isoformat()) == Due(d.isoformat(), DueKind.DATE, d, d)


MONTH_WORDS = [(name, i) for i, name in enumerate(MONTHS_NL, 1)] + [
    ("jan", 1), ("feb", 2), ("mrt", 3), ("maart", 3), ("apr", 4), ("mei", 5), ("jun", 6),
    ("jul", 7), ("aug", 8), ("sep", 9), ("sept", 9), ("okt", 10), ("nov", 11), ("dec", 12),
]  # fmt: skip


@given(
    st.sampled_from(MONTH_WORDS),
    st.integers(1000, 9999),
    st.sampled_from([str.lower, str.upper, str.title]),
    st.booleans(),
    st.none() | st.dates(),
)
def test_month_with_year(
    word: tuple[str, int], year: int, case: Callable[[str], str], dot: bool, ref: date | None
) -> None:
    name, month = word
    text = f"{case(name)}{'.' if dot else ''} {year}"
    due = parse_due(text, ref)
    assert due.kind is DueKind.PERIOD
    assert due.start is not None and due.end is not None
    assert due.start <= due.end
    assert (due.start.year, due.start.month, due.start.day) == (year, month, 1)
    assert (due.end.year, due.end.month) == (year, month)


@given(st.sampled_from(MONTH_WORDS), st.dates(max_value=D(9998, 12, 31)))
def test_month_without_year_is_near_reference(word: tuple[str, int], ref: date) -> None:
    due = parse_due(word[0], ref)
    assert due.kind is DueKind.PERIOD and due.start is not None and due.end is not None
    assert due.start.month == word[1] == due.end.month
    assert due.start.year in (ref.year, ref.year + 1)
    assert (ref - due.end).days <= 92


@given(st.dates(min_value=D(1000, 1, 1)))
def test_parse_date_arg_round_trips(d: date) -> None:
    assert parse_date_arg(format_date(d)) == d
    assert parse_date_arg(d.isoformat()) == d
    assert parse_date_arg(d.strftime("%d-%m-") + str(d.year)) == d


# --------------------------------------------------------------------------- edges
# Forms and boundaries that mutants of dates.py survived (issue #9), reference REF.

EDGE_FORMS = [
    ("week 12 2026", P, D(2026, 3, 16), D(2026, 3, 22)),
    ("wk. 1 '26", P, D(2025, 12, 29), D(2026, 1, 4)),  # ISO week 1 starts in December
    ("week 53", P, D(2026, 12, 28), D(2027, 1, 3)),  # 2025 has no week 53
    ("eerste en tweede kwartaal 2026", P, D(2026, 1, 1), D(2026, 6, 30)),
    ("3e tot 4e kwartaal", P, D(2025, 7, 1), D(2025, 12, 31)),
    ("kw3 2026", P, D(2026, 7, 1), D(2026, 9, 30)),
    ("Q3-Q4 2026", P, D(2026, 7, 1), D(2026, 12, 31)),
    ("derde kwartaal van 2024", P, D(2024, 7, 1), D(2024, 9, 30)),
    ("4de kwartaal", P, D(2025, 10, 1), D(2025, 12, 31)),
    ("tweede/eerste kwartaal 2025", DueKind.UNKNOWN, None, None),
    ("nov 2025 - feb 2026", P, D(2025, 11, 1), D(2026, 2, 28)),
    ("nov - feb 2026", P, D(2025, 11, 1), D(2026, 2, 28)),  # the first year follows
    ("okt 2026 of nov", P, D(2026, 10, 1), D(2026, 11, 30)),
    ("feb 2026 - nov 2026", P, D(2026, 2, 1), D(2026, 11, 30)),
    ("nov 2025 - jan 2027", P, D(2025, 11, 1), D(2027, 1, 31)),
    ("dec 2025 - dec 2025", P, D(2025, 12, 1), D(2025, 12, 31)),
    ("nov 2026 - feb 2026", DueKind.UNKNOWN, None, None),  # ends before it begins
    ("juni 2026 tot mei 2026", DueKind.UNKNOWN, None, None),
    ("mei en juni", P, D(2026, 5, 1), D(2026, 6, 30)),
    ("midden 2026", P, D(2026, 5, 1), D(2026, 8, 31)),
    ("begin van 2026", P, D(2026, 1, 1), D(2026, 4, 30)),
    ("dit jaar", P, D(2025, 1, 1), D(2025, 12, 31)),
    ("half maart 2026", P, D(2026, 3, 11), D(2026, 3, 20)),
    ("eind februari 2025", P, D(2025, 2, 21), D(2025, 2, 28)),
    ("voor de zomer van 2026", P, D(2026, 1, 1), D(2026, 6, 30)),
    ("zomer 2026", P, D(2026, 7, 1), D(2026, 8, 31)),
    ("de zomerperiode", P, D(2025, 7, 1), D(2025, 8, 31)),  # ended less than 3 months ago
    ("1-3", DT, D(2026, 3, 1), D(2026, 3, 1)),
    ("nov/nov", P, D(2025, 11, 1), D(2025, 11, 30)),  # one month, not a year and a month
    ("nov - feb 2030", P, D(2029, 11, 1), D(2030, 2, 28)),  # not the reference's year
    ("week 12 2030", P, D(2030, 3, 18), D(2030, 3, 24)),
    ("-", DueKind.NONE, None, None),  # punctuation only: nothing written
    ("- .", DueKind.NONE, None, None),
    ("deadline: - 1 dec", DT, D(2025, 12, 1), D(2025, 12, 1)),  # trimmed after the prefix
    ("- uiterlijk 1 dec", DT, D(2025, 12, 1), D(2025, 12, 1)),  # and before it
]


@pytest.mark.parametrize(("text", "kind", "start", "end"), EDGE_FORMS)
def test_edge_forms(text: str, kind: DueKind, start: date | None, end: date | None) -> None:
    assert parse_due(text, REF) == Due(text, kind, start, end)


def test_the_three_months_window_at_its_edges() -> None:
    # three months before 31 May is 28 February (the day is clamped to the month)
    assert parse_due("feb", D(2025, 5, 31)) == Due("feb", P, D(2025, 2, 1), D(2025, 2, 28))
    assert parse_due("28 feb", D(2025, 5, 31)).end == D(2025, 2, 28)  # on the edge: kept
    assert parse_due("27 feb", D(2025, 5, 31)).end == D(2026, 2, 27)  # past it: next year
    # in the first months of the calendar nothing lies three months back
    assert parse_due("feb", D(1, 6, 15)) == Due("feb", P, D(2, 2, 1), D(2, 2, 28))
    assert parse_due("dec", D(1, 2, 1)) == Due("dec", P, D(1, 12, 1), D(1, 12, 31))
    assert parse_due("1 jan", D(1, 2, 1)) == Due("1 jan", DT, D(1, 1, 1), D(1, 1, 1))
    # a next meeting is never in the past: the reference day itself is the edge
    assert parse_due("volgend OT 1 dec", D(2025, 12, 1)).end == D(2025, 12, 1)
    assert parse_due("volgend OT 30 nov", D(2025, 12, 1)).end == D(2026, 11, 30)


@pytest.mark.parametrize(
    ("start", "end", "label"),
    [
        (D(2025, 12, 9), D(2025, 12, 9), "9 december 2025"),
        (D(2025, 9, 1), D(2025, 9, 30), "september 2025"),
        (D(2026, 1, 1), D(2026, 12, 31), "2026"),
        (D(2025, 1, 1), D(2026, 12, 31), "1 januari 2025 t/m 31 december 2026"),
        (D(2025, 9, 2), D(2025, 9, 30), "2 september 2025 t/m 30 september 2025"),
        (D(2025, 9, 1), D(2025, 10, 31), "1 september 2025 t/m 31 oktober 2025"),
        (D(2025, 2, 1), D(2025, 12, 31), "1 februari 2025 t/m 31 december 2025"),
        (D(2025, 1, 2), D(2025, 12, 31), "2 januari 2025 t/m 31 december 2025"),
        (D(2025, 1, 1), D(2025, 11, 30), "1 januari 2025 t/m 30 november 2025"),
        (D(2025, 1, 1), D(2025, 12, 30), "1 januari 2025 t/m 30 december 2025"),
    ],
)
def test_describe_a_next_meeting_span(start: date, end: date, label: str) -> None:
    assert Due("volgend OT", NM, start, end).describe() == f"volgende vergadering ({label})"


def test_describe_without_year_keeps_the_words() -> None:
    assert Due("eind   okt\n", P, None, None).describe() == "eind okt (jaar onbekend)"
    assert Due("volgend OT", NM, D(2025, 12, 9), None).describe() == "volgende vergadering"
    assert Due("x", DueKind.ASAP, None, None).is_overdue(REF) is False
