"""validate's checks: every check of one file against the ids the repository knows,
and of partners.yaml. Running them over a repository is :mod:`samennw.ops.validate`'s job."""

from __future__ import annotations

import os
from collections.abc import Collection, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import TypeVar

from samennw.errors import DataFileError, Location, Problem, did_you_mean, unknown_phrase
from samennw.model.dates import DueKind, format_date, parse_due
from samennw.model.people import Directory
from samennw.model.records import (
    Action,
    ActionLine,
    ActionStatus,
    Meeting,
    MinutesStatus,
    Sourced,
)
from samennw.safetext import first_unsafe
from samennw.storage.reader import read_text
from samennw.storage.repository import LazyFolder, Repository
from samennw.storage.yamlreader import character_name

M = TypeVar("M", bound=Sourced)


class Checker:
    """Checks one object at a time against the ids the repository knows.

    Objects come from :meth:`each`: with a lazily loaded repository they are read one by
    one and dropped after their checks, so validating 100,000 files does not hold
    100,000 models in memory. Ids are file names, known before any file is read.
    """

    def __init__(self, repo: Repository, today: date) -> None:
        self.repo = repo
        self.today = today
        self.dir = Directory(repo.partners)
        # the ids a reference may name; without a usable partners.yaml every reference to
        # a person, organisation, team or domain counts as known: that one file is the
        # problem, not the hundreds of references that follow from it. When one section
        # of it cannot be used (a misspelt section key), the references it would answer
        # are counted and summed up in one line (not_found), not reported one by one
        usable = repo.partners_usable
        self.counts: dict[str, int] = {"besluiten": 0, "open": 0, "afgerond": 0}

        def pool(ids: Collection[str], *sections: str) -> Collection[str]:
            if not usable:
                return _ANYTHING
            lost = tuple(s for s in sections if s in repo.unusable_sections)
            if not lost:
                return ids
            blind = _Blind(ids, lost)
            self.counts[blind.key] = 0
            return blind

        self.refs = pool(set(self.dir.all_refs()), "personen", "organisaties", "teams")
        self.persons = pool(self.dir.persons, "personen")
        self.organisations = pool(self.dir.organisations, "organisaties")
        self.teams = pool(self.dir.teams, "teams")
        self.domains = pool(self.dir.domains, "domeinen")
        self.problems: list[Problem] = []
        self.decision_ids: dict[str, object] = {}  # id -> meeting file

    def each(self, objects: Mapping[str, M]) -> Iterator[M]:
        if isinstance(objects, LazyFolder):
            yield from objects.stream(self.problems)
        else:
            yield from objects.values()

    def meeting_date(self, meeting_id: str | None) -> date | None:
        """The date of a known meeting, from its id ('<team>-<JJJJ-MM-DD>', checked below)."""
        if not meeting_id or meeting_id not in self.repo.meetings:
            return None
        try:
            return date.fromisoformat(meeting_id[-10:])
        except ValueError:
            return None

    def err(
        self, obj: Sourced, key: tuple[str | int, ...], msg: str, *, error: bool = True
    ) -> None:
        self.problems.append(Problem(msg, obj.locate(*key), error=error))

    def ref(
        self,
        obj: Sourced,
        key: tuple[str | int, ...],
        value: str | None,
        pool: Collection[str],
        what: str,
    ) -> None:
        """Report ``value`` unless it is in ``pool`` (a dict or set: O(1) membership)."""
        if value is not None and self.missing(value, pool):
            self.err(obj, key, f"{unknown_phrase(what)} '{value}'{did_you_mean(value, pool)}")

    def missing(self, value: str, pool: Collection[str]) -> bool:
        """Whether ``value`` is an unknown id to report: not in ``pool``, not an invalid
        entry of partners.yaml (reported there), and not in a section of partners.yaml that
        could not be used (counted for the summary, see :func:`not_found`)."""
        if value in pool or value in self.repo.broken_ids:
            return False
        if isinstance(pool, _Blind):
            self.counts[pool.key] += 1
            return False
        return True

    # --- partners ---------------------------------------------------------------------
    def partners(self) -> None:
        p = self.repo.partners
        seen: dict[str, Sourced] = {}
        for kind in (p.personen, p.organisaties, p.teams):
            for item in kind:
                if item.id in seen:
                    self.err(
                        item,
                        ("id",),
                        f"dubbele code '{item.id}' (ook in {seen[item.id].locate('id')})",
                    )
                seen[item.id] = item
        for person in p.personen:
            self.ref(
                person, ("organisatie",), person.organisatie, self.organisations, "organisatie"
            )
            if not person.naam and not person.functie:
                self.err(person, ("id",), "persoon zonder naam heeft een functie nodig")
        for team in p.teams:
            self.ref(team, ("domein",), team.domein, self.domains, "domein")
            self.ref(team, ("ouder",), team.ouder, self.teams, "team")
            self.ref(team, ("voorzitter",), team.voorzitter, self.persons, "persoon")
            self.ref(team, ("secretaris",), team.secretaris, self.persons, "persoon")
            for i, member in enumerate(team.leden):
                self.ref(team, ("leden", i), member, self.refs, "persoon of organisatie")

    def body_characters(self, obj: Meeting | Action | ActionLine) -> None:
        """A warning for a terminal control character in the Markdown body (the YAML above
        it may hold none: an error of the reader). samennw leaves it out of everything it
        shows, but ``cat`` and ``git diff`` send it to the terminal."""
        at = first_unsafe(obj.body)
        if at < 0:
            return
        body = obj.body
        private = obj.__pydantic_private__
        assert private is not None
        try:  # the body is the end of the file: count its lines from there
            lines = read_text(private["_origin"]).count("\n")
        except (DataFileError, OSError, TypeError):
            return
        line = lines - body.count("\n") + body.count("\n", 0, at) + 1
        column = at - body.rfind("\n", 0, at)
        self.problems.append(
            Problem(
                f"{character_name(body[at])} in de tekst: samennw laat het weg in alles wat "
                "het toont, maar 'cat' en 'git diff' sturen het naar de terminal (verwijder het)",
                Location(obj.source_path, line, column),
                error=False,
            )
        )

    # --- meetings ---------------------------------------------------------------------
    def meetings(self) -> None:
        for m in self.each(self.repo.meetings):
            self.meeting(m)

    def meeting(self, m: Meeting) -> None:
        self.counts["besluiten"] += len(m.besluiten)
        self.body_characters(m)
        self.ref(m, ("team",), m.team, self.teams, "team")
        expected = f"{m.team}-{m.datum.isoformat()}"
        if m.id != expected:
            self.err(
                m, ("id",), f"code '{m.id}' past niet bij team en datum (verwacht '{expected}')"
            )
        path = m.source_path
        if path is not None and (folder := _parent_name(path)) != str(m.datum.year):
            self.err(m, ("datum",), f"vergadering van {m.datum.year} staat in map '{folder}'")
        for key in ("voorzitter", "secretaris"):
            self.ref(m, (key,), getattr(m, key), self.persons, "persoon")
        for key in ("aanwezig", "afwezig_met_bericht"):
            for i, a in enumerate(getattr(m, key)):
                self.ref(m, (key, i), a.persoon, self.persons, "persoon")
        if m.begin and m.eind and m.eind <= m.begin:
            self.err(m, ("eind",), f"eindtijd {m.eind} ligt niet na begintijd {m.begin}")
        if m.notulen_status is MinutesStatus.VASTGESTELD and m.vastgesteld_op is None:
            self.err(
                m, ("notulen_status",), "vastgestelde notulen hebben een 'vastgesteld_op' nodig"
            )
        if m.vastgesteld_op is not None and m.vastgesteld_op < m.datum:
            self.err(
                m,
                ("vastgesteld_op",),
                f"notulen vastgesteld op {m.vastgesteld_op} vóór de vergadering van {m.datum}",
            )
        for key in ("vastgesteld_in", "vorige_vergadering"):
            self.ref(m, (key,), getattr(m, key), self.repo.meetings, "vergadering")
        nrs: set[int] = set()
        for i, item in enumerate(m.agenda):
            if item.nr in nrs:
                self.err(m, ("agenda", i, "nr"), f"agendapunt {item.nr} komt twee keer voor")
            nrs.add(item.nr)
        for i, d in enumerate(m.besluiten):
            self.decision_id(m, i, d.id)
            if d.agendapunt is not None and m.agenda and d.agendapunt not in nrs:
                self.err(
                    m, ("besluiten", i, "agendapunt"), f"agendapunt {d.agendapunt} bestaat niet"
                )
            self.ref(m, ("besluiten", i, "domein"), d.domein, self.domains, "domein")
            self.ref(m, ("besluiten", i, "werkgroep"), d.werkgroep, self.teams, "werkgroep")
            self.ref(
                m,
                ("besluiten", i, "actielijn"),
                d.actielijn,
                self.repo.action_lines,
                "actielijn",
            )

    def decision_id(self, m: Meeting, i: int, decision_id: str) -> None:
        """Decision ids are unique over all meetings (the one check across meeting files)."""
        if decision_id in self.decision_ids:
            self.err(
                m,
                ("besluiten", i, "id"),
                f"dubbele besluitcode '{decision_id}' (ook in {self.decision_ids[decision_id]})",
            )
        self.decision_ids[decision_id] = m.source_path

    # --- actions ----------------------------------------------------------------------
    def actions(self) -> None:
        for a in self.each(self.repo.actions):
            self.action(a)

    def action(self, a: Action) -> None:
        self.counts[a.status.value] += 1
        self.body_characters(a)
        path = a.source_path
        folder = _parent_name(path) if path is not None else None
        if folder is not None and folder != a.status.value:
            self.err(
                a,
                ("status",),
                f"actie met status '{a.status.value}' staat in map '{folder}' "
                f"(hoort in 'acties/{a.status.value}')",
            )
        if a.status is ActionStatus.AFGEROND and a.afgerond_op is None:
            self.err(a, ("status",), "afgeronde actie heeft een 'afgerond_op' nodig")
        if a.status is ActionStatus.OPEN and a.afgerond_op is not None:
            self.err(
                a,
                ("afgerond_op",),
                "open actie heeft een 'afgerond_op'; zet status op afgerond of verwijder de datum",
            )
        self.ref(a, ("team",), a.team, self.teams, "team")
        self.ref(a, ("werkgroep",), a.werkgroep, self.teams, "werkgroep")
        if a.werkgroep in self.dir.teams and self.dir.teams[a.werkgroep].ouder not in (
            None,
            a.team,
        ):
            self.err(a, ("werkgroep",), f"werkgroep '{a.werkgroep}' hoort niet bij team '{a.team}'")
        self.ref(a, ("actielijn",), a.actielijn, self.repo.action_lines, "actielijn")
        self.ref(a, ("vergadering",), a.vergadering, self.repo.meetings, "vergadering")
        self.ref(a, ("afgerond_in",), a.afgerond_in, self.repo.meetings, "vergadering")
        for i, ref in enumerate(a.betrokkenen):
            if self.missing(ref, self.refs):
                hint = did_you_mean(ref, self.refs)
                self.err(
                    a, ("betrokkenen", i), f"onbekende persoon, organisatie of team '{ref}'{hint}"
                )
        self.wie_and_refs(a)
        origin = self.meeting_date(a.vergadering)
        if a.afgerond_op and a.afgerond_op > self.today:
            self.err(
                a,
                ("afgerond_op",),
                f"afgerond op {format_date(a.afgerond_op)}, na vandaag "
                f"({format_date(self.today)}); klopt de datum?",
                error=False,
            )
        if origin and a.afgerond_op and a.afgerond_op < origin:
            self.err(
                a,
                ("afgerond_op",),
                f"afgerond op {a.afgerond_op}, vóór de vergadering van {origin} "
                "waarin de actie ontstond",
            )
        for i, u in enumerate(a.updates):
            self.ref(
                a, ("updates", i, "vergadering"), u.vergadering, self.repo.meetings, "vergadering"
            )
        due = parse_due(a.wanneer, origin)
        if due.kind is DueKind.UNKNOWN:
            self.err(
                a, ("wanneer",), f"'{a.wanneer}' is niet als datum of periode te lezen", error=False
            )
        elif (
            due.kind in (DueKind.DATE, DueKind.PERIOD)
            and due.end is None
            and a.status is ActionStatus.OPEN
        ):
            self.err(
                a,
                ("wanneer",),
                f"'{a.wanneer}' noemt geen jaar en de actie heeft geen vergadering waaruit het "
                "jaar volgt, dus ze raakt nooit verlopen; schrijf het jaar erbij",
                error=False,
            )

    def wie_and_refs(self, a: Action) -> None:
        """'wie' (the text) and 'betrokkenen' (the ids --owner searches) must agree: a hand
        edit of one alone makes the owner query answer from stale ids. An unknown id in
        'betrokkenen' is an error of its own, and the cause of any mismatch: no warning."""
        if not all(self.dir.known(ref) for ref in a.betrokkenen):
            return
        not_in_refs, not_in_text = self.dir.wie_mismatch(a.wie, a.betrokkenen)
        if not not_in_refs and not not_in_text:
            return
        label = self.dir.label
        parts = [f"{label(p)} ({p}) staat niet in 'betrokkenen'" for p in not_in_refs]
        parts += [f"{label(p)} ({p}) wordt niet genoemd in 'wie'" for p in not_in_text]
        self.err(
            a,
            ("wie",),
            f"'wie' past niet bij 'betrokkenen': {'; '.join(parts)}; werk ze samen bij "
            "(--owner zoekt op 'betrokkenen')",
            error=False,
        )

    # --- action lines and important dates ---------------------------------------------
    def action_lines(self) -> None:
        for line in self.each(self.repo.action_lines):
            self.action_line(line)

    def action_line(self, line: ActionLine) -> None:
        self.body_characters(line)
        self.ref(line, ("domein",), line.domein, self.domains, "domein")
        self.ref(line, ("team",), line.team, self.teams, "team")
        self.ref(line, ("werkgroep",), line.werkgroep, self.teams, "werkgroep")
        for i, t in enumerate(line.trekkers):
            self.ref(line, ("trekkers", i), t, self.refs, "trekker")
        for i, org in enumerate(line.partners):
            self.ref(line, ("partners", i), org, self.refs, "partner")

    def important_dates(self) -> None:
        for d in self.repo.important_dates:
            self.ref(d, ("team",), d.team, self.teams, "team")


class _Anything(Collection[str]):
    """A pool that holds every id (see Checker.__init__)."""

    def __contains__(self, item: object) -> bool:
        return True

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


_ANYTHING = _Anything()


class _Blind(Collection[str]):
    """A pool of ids of which a part is unknowable: the ids of ``sections`` of
    partners.yaml, which could not be used. Holds (and suggests from) the ids that are
    known; :meth:`Checker.missing` counts the others under ``key`` instead of reporting
    each one."""

    def __init__(self, known: Collection[str], sections: tuple[str, ...]) -> None:
        self.known, self.sections = known, sections
        self.key = "niet gevonden:" + ",".join(sections)

    def __contains__(self, item: object) -> bool:
        return item in self.known

    def __iter__(self) -> Iterator[str]:
        return iter(self.known)

    def __len__(self) -> int:
        return len(self.known)


_SECTIONS = ("personen", "organisaties", "teams", "domeinen")  # the order of the summary


def not_found(repo: Repository, counts: Mapping[str, int]) -> list[Problem]:
    """One line for the references not reported because a section of partners.yaml could
    not be used, at the place of the first cause (after the cause itself)."""
    total = 0
    sections: set[str] = set()
    for key, n in counts.items():
        if key.startswith("niet gevonden:") and n:
            total += n
            sections.update(key.partition(":")[2].split(","))
    if not total:
        return []
    names = [s for s in _SECTIONS if s in sections]
    where = min(
        (repo.unusable_sections[s] for s in names),
        key=lambda loc: (loc.line or 0, loc.column or 0),
    )
    what = " of ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
    verb, noun = ("wordt", "verwijzing") if total == 1 else ("worden", "verwijzingen")
    return [
        Problem(
            f"hierdoor {verb} {total} {noun} naar {what} niet gevonden (niet apart gemeld)", where
        )
    ]


def _parent_name(path: object) -> str:
    """``Path(path).parent.name``. The bulk path keeps a file's shown name as the string
    of a Path (normalised), whose parent folder is found without building a Path."""
    if isinstance(path, str):
        head, sep, _ = path.rpartition(os.sep)
        return head.rpartition(os.sep)[2] if sep else ""
    return Path(path).parent.name  # type: ignore[arg-type]
