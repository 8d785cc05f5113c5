"""validate's checks: every check of one file against the ids the repository knows,
and of partners.yaml. Running them over a repository is :mod:`samennw.ops.validate`'s job."""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from samennw.errors import (
    DataFileError,
    InvalidDataError,
    Location,
    Problem,
    did_you_mean,
    unknown_phrase,
)
from samennw.model.dates import DueKind, format_date, parse_due
from samennw.model.people import Directory
from samennw.model.records import (
    Action,
    ActionLine,
    ActionStatus,
    Decision,
    Meeting,
    MinutesStatus,
    Sourced,
    Team,
)
from samennw.safetext import first_unsafe
from samennw.storage.frontmatter import split
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

    def __init__(self, repo: Repository, today: date, directory: Directory | None = None) -> None:
        self.repo = repo
        self.today = today
        # ``directory``: the one of repo.partners, when made already (it takes a while)
        self.dir = Directory(repo.partners) if directory is None else directory
        # the ids a reference may name; without a usable partners.yaml every reference to
        # a person, organisation, team or domain counts as known: that one file is the
        # problem, not the hundreds of references that follow from it. When one section
        # of it cannot be used (a misspelt section key), the references it would answer
        # are counted and summed up in one line (not_found), not reported one by one
        usable = repo.partners_usable
        # decisions, and actions per status (validate shows those of 'open' and 'afgerond')
        self.counts: dict[str, int] = {"besluiten": 0, **{s.value: 0 for s in ActionStatus}}
        self.blind = False  # some references cannot be judged (see _Blind)
        # the file being checked links to decisions or actions: its verdict is never kept
        # as clean (see partial)
        self.volatile = False
        # decision id -> (meeting id, meeting date, decision), filled as links are looked
        # up (see _decision); the meetings that could not be read for it
        self._decisions: dict[str, tuple[str, date, Decision]] = {}
        self._broken_meetings: set[str] = set()
        self._all_decisions = False  # every meeting is in _decisions

        def pool(ids: Collection[str], *sections: str) -> Collection[str]:
            if not usable:
                return _ANYTHING
            lost = tuple(s for s in sections if s in repo.unusable_sections)
            if not lost:
                return ids
            blind = _Blind(ids, lost)
            self.counts[blind.key] = 0
            self.blind = True
            return blind

        self.refs = pool(set(self.dir.all_refs()), "personen", "organisaties", "teams")
        self.persons = pool(self.dir.persons, "personen")
        self.organisations = pool(self.dir.organisations, "organisaties")
        self.teams = pool(self.dir.teams, "teams")
        self.domains = pool(self.dir.domains, "domeinen")
        self.problems: list[Problem] = []
        self.decision_ids: dict[str, object] = {}  # id -> meeting file
        # the meeting cycle (see cycle_links): per team its meetings' (date, id), sorted,
        # made from the ids on first use; what a quick read found in other meeting files
        self._team_meetings: dict[str, list[tuple[date, str]]] | None = None
        self._peeks: dict[str, _Peek | None] = {}
        # names beside a redaction (notes_beside_redactions), made on first use
        self._private_names: re.Pattern[str] | None = None
        self._detector: Any = None

    @property
    def partial(self) -> bool:
        """Whether the verdict of the file just checked may change while the cache's
        context holds: some references cannot be judged (a section of partners.yaml is
        unusable), or the file links to decisions or actions. The cache keeps such a
        file's facts and runs its checks across files again on every run (from the facts:
        the file itself is not read again), since the context it keeps does not hold the
        decisions inside other meeting files, nor the action ids."""
        return self.blind or self.volatile

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
                self.ref(team, ("leden", i), member.persoon, self.refs, "persoon of organisatie")
            self.memberships(team)

    def memberships(self, team: Team) -> None:
        """A period that ends before it begins (an error), and one person twice with
        periods that overlap (a warning: which role holds then?)."""
        earlier: dict[str, list[int]] = {}
        for i, member in enumerate(team.leden):
            van, tot = member.van, member.tot
            if van is not None and tot is not None and van > tot:
                self.err(
                    team,
                    ("leden", i, "van"),
                    f"lidmaatschap van '{member.persoon}' in {team.id} begint op "
                    f"{format_date(van)}, na het einde ({format_date(tot)})",
                )
                continue
            for j in earlier.get(member.persoon, []):
                other = team.leden[j]
                if (van is None or other.tot is None or van <= other.tot) and (
                    other.van is None or tot is None or other.van <= tot
                ):
                    self.err(
                        team,
                        ("leden", i),
                        f"'{member.persoon}' staat twee keer als lid van {team.id} met "
                        f"perioden die overlappen (ook op regel {team.locate('leden', j).line})",
                        error=False,
                    )
                    break
            earlier.setdefault(member.persoon, []).append(i)

    def body_characters(self, obj: Meeting | Action | ActionLine) -> None:
        """A warning for a terminal control character in the Markdown body (the YAML above
        it may hold none: an error of the reader). samennw leaves it out of everything it
        shows, but ``cat`` and ``git diff`` send it to the terminal."""
        at = first_unsafe(obj.body)
        if at < 0:
            return
        body = obj.body
        first = _body_start(obj)
        if first is None:
            return
        line = first + body.count("\n", 0, at)
        column = at - body.rfind("\n", 0, at)
        self.problems.append(
            Problem(
                f"{character_name(body[at])} in de tekst: samennw laat het weg in alles wat "
                "het toont, maar 'cat' en 'git diff' sturen het naar de terminal (verwijder het)",
                Location(obj.source_path, line, column),
                error=False,
            )
        )

    def ground_spans(self, obj: Meeting | Action | ActionLine) -> None:
        """An error for a confidential span ``[[5.1.2.x|…]]`` whose ground is not a ground
        of the Woo (or the Wob): its text would be shown or hidden on a typo's word."""
        if "[[" not in obj.body:
            return
        from samennw.render.redact import SPAN
        from samennw.woo.grounds import normalize_ground, valid_grounds_text

        body = obj.body
        first = _body_start(obj)
        for match in SPAN.finditer(body):
            if normalize_ground(match.group(1)) is not None:
                continue
            at = match.start()
            line = None if first is None else first + body.count("\n", 0, at)
            self.problems.append(
                Problem(
                    f"'{match.group(1)}' in [[{match.group(1)}|…]] is geen geldige "
                    f"Woo-lakgrond; geldig zijn {valid_grounds_text()}",
                    Location(obj.source_path, line, at - body.rfind("\n", 0, at)),
                )
            )

    def markers(self, m: Meeting) -> None:
        """Markers in the minutes that ``samennw extract`` has not processed yet (an error:
        CI catches a forgotten run), and decision markers whose id is not a decision of
        the meeting."""
        if "**" not in m.body:
            return
        from samennw.importing.markers import MarkerKind, find_markers

        decisions = {d.id for d in m.besluiten}
        wrong = [
            marker
            for marker in find_markers(m.body)
            if not marker.extracted
            or (marker.kind is MarkerKind.DECISION and marker.id not in decisions)
        ]
        if not wrong:
            return
        first = _body_start(m)  # the file is read again only for a problem's line
        for marker in wrong:
            where = Location(m.source_path, None if first is None else first + marker.line)
            kind = "actie" if marker.kind is MarkerKind.ACTION else "besluit"
            if not marker.extracted:
                self.problems.append(
                    Problem(
                        f"markering van een {kind} is nog niet verwerkt: draai "
                        f"'samennw verwerk {m.id}'",
                        where,
                        code="markering",
                    )
                )
            else:
                self.problems.append(
                    Problem(
                        f"markering noemt besluit '{marker.id}', maar dat staat niet onder "
                        "'besluiten' van deze vergadering",
                        where,
                        code="markering",
                    )
                )

    # --- meetings ---------------------------------------------------------------------
    #
    # Each kind of file has its own checks (on the object) and links: the checks that
    # depend on other files (the ids of partners.yaml, of the meetings and of the action
    # lines) or on today's date. The links take the file's facts, plain values (see
    # meeting_facts) that a cache can keep, so a file is checked against changed
    # surroundings without reading it again. They run after the file's own checks. The
    # report is sorted by place, so the order matters only for problems at one place: a
    # meeting's links report at other keys than its own checks, and an action's and an
    # action line's links always came after their own checks.
    def meetings(self) -> None:
        for m in self.each(self.repo.meetings):
            self.meeting(m)

    def meeting(self, m: Meeting) -> None:
        self.meeting_own(m)
        self.meeting_links(m, meeting_facts(m))

    def meeting_own(self, m: Meeting) -> None:
        self.counts["besluiten"] += len(m.besluiten)
        self.body_characters(m)
        self.ground_spans(m)
        self.markers(m)
        expected = f"{m.team}-{m.datum.isoformat()}"
        if m.id != expected:
            self.err(
                m, ("id",), f"code '{m.id}' past niet bij team en datum (verwacht '{expected}')"
            )
        path = m.source_path
        if path is not None and (folder := _parent_name(path)) != str(m.datum.year):
            self.err(m, ("datum",), f"vergadering van {m.datum.year} staat in map '{folder}'")
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
        if m.notulen_status is MinutesStatus.VASTGESTELD and m.verwacht:
            self.err(
                m,
                ("verwacht",),
                "de notulen zijn vastgesteld, maar 'verwacht' noemt nog "
                f"{_count(len(m.verwacht), 'persoon', 'personen')}: verwachte aanwezigheid is "
                "nooit bevestigd; zet ieder onder 'aanwezig' of 'afwezig_met_bericht'",
                error=False,
            )
        nrs: set[int] = set()
        for i, item in enumerate(m.agenda):
            if item.nr in nrs:
                self.err(m, ("agenda", i, "nr"), f"agendapunt {item.nr} komt twee keer voor")
            nrs.add(item.nr)
        for i, d in enumerate(m.besluiten):
            if d.agendapunt is not None and m.agenda and d.agendapunt not in nrs:
                self.err(
                    m, ("besluiten", i, "agendapunt"), f"agendapunt {d.agendapunt} bestaat niet"
                )
            if d.stelt_vast == m.id:
                self.err(
                    m,
                    ("besluiten", i, "stelt_vast"),
                    "een vergadering kan haar eigen notulen niet vaststellen "
                    f"('stelt_vast: {m.id}'); dat gebeurt in een latere vergadering",
                )

    def meeting_links(self, m: Sourced, facts: list[Any]) -> None:
        team, chair, secretary, present, absent, adopted_in, previous, decisions = facts[:8]
        meeting_id, meeting_day = facts[8], date.fromisoformat(facts[9])
        own = {d[0] for d in decisions}
        self.ref(m, ("team",), team, self.teams, "team")
        self.ref(m, ("voorzitter",), chair, self.persons, "persoon")
        self.ref(m, ("secretaris",), secretary, self.persons, "persoon")
        for key, people in (("aanwezig", present), ("afwezig_met_bericht", absent)):
            for i, person in enumerate(people):
                self.ref(m, (key, i), person, self.persons, "persoon")
        self.ref(m, ("vastgesteld_in",), adopted_in, self.repo.meetings, "vergadering")
        self.ref(m, ("vorige_vergadering",), previous, self.repo.meetings, "vergadering")
        for i, (decision_id, domain, group, line, links, actions) in enumerate(decisions):
            self.decision_id(m, i, decision_id)
            self.ref(m, ("besluiten", i, "domein"), domain, self.domains, "domein")
            self.ref(m, ("besluiten", i, "werkgroep"), group, self.teams, "werkgroep")
            self.ref(m, ("besluiten", i, "actielijn"), line, self.repo.action_lines, "actielijn")
            if links or actions:
                self.volatile = True
            for kind, j, target in links:
                where = ("besluiten", i, kind, j)
                self.decision_link(m, where, decision_id, kind, target, meeting_id, own)
                if target not in own and target != decision_id:
                    self.link_date(m, where, decision_id, kind, target, meeting_day)
            for j, action_id in enumerate(actions):
                self.ref(m, ("besluiten", i, "acties", j), action_id, self.repo.actions, "actie")
        self.cycle_links(m, facts)

    # --- the meeting cycle: attendance, approval of minutes, agenda actions -------------
    #
    # What another meeting file says is read quickly (see _peek: a few keys of its front
    # matter, not a full load), once per file per process; ids give the dates (per team,
    # sorted once), so each check is a lookup. A file whose verdict depends on another
    # file or on today (concept minutes, an approval, agenda actions) is volatile: a
    # verdict cache runs its checks across files again on every run.
    def cycle_links(self, m: Sourced, facts: list[Any]) -> None:
        team_id, present, absent = facts[0], facts[3], facts[4]
        adopted_in, meeting_id = facts[5], facts[8]
        day = date.fromisoformat(facts[9])
        status, guests, expected, approves, agenda_actions = facts[10:15]
        for key, people in (("verwacht", expected), ("gasten", guests)):
            for i, person in enumerate(people):
                self.ref(m, (key, i), person, self.persons, "persoon")
        confirmed = {*present, *absent, *guests}
        for i, person in enumerate(expected):
            if person in confirmed:  # the minutes would list them twice
                self.err(
                    m,
                    ("verwacht", i),
                    f"'{person}' staat onder 'verwacht' en is al bevestigd (aanwezig, afwezig "
                    "met bericht of gast); haal de naam weg onder 'verwacht'",
                    error=False,
                )
        self.attendance(m, team_id, day, present, absent, guests)
        if agenda_actions:
            self.volatile = True
        for i, j, action_id in agenda_actions:
            self.ref(m, ("agenda", i, "acties", j), action_id, self.repo.actions, "actie")
        if status == MinutesStatus.CONCEPT.value:
            self.volatile = True  # a later meeting, or a later today, changes the verdict
            held = self._next_meeting(team_id, day)
            if held is not None and held[0] < self.today:
                self.err(
                    m,
                    _first_key(m, ("notulen_status",), ("id",)),
                    f"notulen van {meeting_id} zijn nog concept, terwijl "
                    f"{self._team_name(team_id)} op {format_date(held[0])} opnieuw vergaderde; "
                    f"stel ze vast met 'samennw vaststellen {meeting_id} --in {held[1]}'",
                    error=False,
                )
        if adopted_in and adopted_in in self.repo.meetings:
            self.adopted_in(m, meeting_id, day, adopted_in)  # volatile: today passes its date
            held_on = self.meeting_date(adopted_in)
            if held_on is not None and held_on > self.today:
                self.err(
                    m,
                    ("vastgesteld_in",),
                    f"notulen vastgesteld in {adopted_in} ({format_date(held_on)}), een "
                    "vergadering die nog moet komen: een openbare site publiceert ze als "
                    "vastgesteld; zet ze terug op concept",
                    error=False,
                )
        for i, target in approves:
            self.approves(m, i, meeting_id, day, target)
        self.notes_beside_redactions(m, facts[15])

    def notes_beside_redactions(self, m: Sourced, notes: list[Any]) -> None:
        """A warning for a note next to a redacted attendee that names a person: the name
        of a known person who is not public (redacted too, but a pointer all the same), or
        a name the data does not know (the Woo name detector). 'vervanger Hans Krikke'
        next to '5.1.2.e Directeur …' makes the redacted person identifiable."""
        for key, i, person_id, note in notes:
            person = self.dir.persons.get(person_id)
            if person is None or person.openbaar:
                continue  # a public person's name is printed: no redaction to give away
            named = self._private_name_in(note) or self._unknown_name_in(note)
            if named:
                self.err(
                    m,
                    (key, i, "noot"),
                    f"naam naast een weglakking maakt de persoon herkenbaar: '{named}' in de "
                    f"noot bij {person.label} ({person_id}); laat de naam weg of beschrijf de "
                    "rol",
                    error=False,
                )

    def _private_name_in(self, text: str) -> str | None:
        """The first name of a known, non-public person in ``text``."""
        pattern = self._private_names
        if pattern is None:
            from samennw.render.redact import person_names

            names = sorted(
                {n for p in self.dir.persons.values() if not p.openbaar for n in person_names(p)},
                key=lambda n: (-len(n), n),
            )
            alternatives = "|".join(re.escape(n) for n in names) or r"(?!x)x"
            pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
            self._private_names = pattern
        found = pattern.search(text)
        return found.group(0) if found else None

    def _unknown_name_in(self, text: str) -> str | None:
        """The first name in ``text`` the Woo name detector does not know."""
        if not any(c.isupper() for c in text):
            return None  # the detector looks at capitalised words only
        from samennw.woo.guard import detector_for

        if self._detector is None:
            self._detector = detector_for(self.repo)[0]()
        findings = self._detector.find(text)
        return findings[0].name if findings else None

    def attendance(
        self,
        m: Sourced,
        team_id: str,
        day: date,
        present: list[str],
        absent: list[str],
        guests: list[str],
    ) -> None:
        """An attendee who was not a member of the team on the meeting's date (a warning;
        guests are exempt). Only a team whose memberships have periods is checked: a bare
        list of ids says who is a member now, and would call every former member of an
        older meeting a stranger."""
        team = self.dir.teams.get(team_id)
        if team is None or not any(m.van is not None or m.tot is not None for m in team.leden):
            return
        members = {*team.members_on(day), team.voorzitter, team.secretaris}
        for key, people in (("aanwezig", present), ("afwezig_met_bericht", absent)):
            for i, person_id in enumerate(people):
                person = self.dir.persons.get(person_id)
                if person is None or person_id in members or person_id in guests:
                    continue
                if person.organisatie is not None and person.organisatie in members:
                    continue  # on behalf of a member organisation
                self.err(
                    m,
                    (key, i),
                    f"{person.label} ({person_id}) was op {format_date(day)} geen lid van "
                    f"{team.naam}; zet hem/haar onder 'gasten' of pas de lidmaatschappen in "
                    "partners.yaml aan",
                    error=False,
                )

    def adopted_in(self, m: Sourced, meeting_id: str, day: date, adopted_in: str) -> None:
        """'vastgesteld_in X': X is later, and records the approval with a decision."""
        self.volatile = True
        adopted_day = self.meeting_date(adopted_in)
        if adopted_day is not None and adopted_day <= day:
            self.err(
                m,
                ("vastgesteld_in",),
                f"notulen vastgesteld in {adopted_in} ({format_date(adopted_day)}), niet later "
                f"dan deze vergadering ({format_date(day)}); notulen worden in een latere "
                "vergadering vastgesteld",
            )
            return
        peek = self._peek(adopted_in)
        if peek is not None and meeting_id not in peek.approves:
            self.err(
                m,
                ("vastgesteld_in",),
                f"notulen vastgesteld in {adopted_in}, maar die vergadering heeft geen besluit "
                f"met 'stelt_vast: {meeting_id}'; zet dat bij het besluit over deze notulen "
                "(of voeg er een toe onder haar 'besluiten'; 'samennw vaststellen' doet beide)",
                error=False,
            )

    def approves(self, m: Sourced, i: int, meeting_id: str, day: date, target: str) -> None:
        """A decision 'stelt_vast: T': T exists, is earlier, and says it was vastgesteld
        in this meeting."""
        where = ("besluiten", i, "stelt_vast")
        self.ref(m, where, target, self.repo.meetings, "vergadering")
        if target not in self.repo.meetings or target == meeting_id:
            return  # unknown (reported just now) or this meeting (see meeting_own)
        self.volatile = True
        target_day = self.meeting_date(target)
        if target_day is not None and target_day >= day:
            self.err(
                m,
                where,
                f"'stelt_vast: {target}' noemt een vergadering van {format_date(target_day)}, "
                f"niet eerder dan deze ({format_date(day)})",
            )
            return
        peek = self._peek(target)
        if peek is None:
            return  # that file cannot be read: it is reported itself
        if peek.status != MinutesStatus.VASTGESTELD.value:
            self.err(
                m,
                where,
                f"dit besluit stelt de notulen van {target} vast, maar die staan daar nog op "
                f"'{peek.status or MinutesStatus.CONCEPT.value}'; zet in {target} "
                f"'notulen_status: vastgesteld', 'vastgesteld_op' en 'vastgesteld_in: "
                f"{meeting_id}'",
            )
        elif peek.adopted_in != meeting_id:
            said = (
                f"'vastgesteld_in: {peek.adopted_in}'"
                if peek.adopted_in
                else "geen 'vastgesteld_in'"
            )
            self.err(
                m,
                where,
                f"dit besluit stelt de notulen van {target} vast, maar {target} noemt {said} "
                f"in plaats van {meeting_id}",
            )

    def _next_meeting(self, team_id: str, day: date) -> tuple[date, str] | None:
        """The team's first meeting after ``day`` (from the meeting ids)."""
        if self._team_meetings is None:
            per_team: dict[str, list[tuple[date, str]]] = {}
            for meeting_id in self.repo.meetings:
                match = _MEETING_ID.match(meeting_id)
                if match is None:
                    continue
                try:
                    on = date.fromisoformat(match["date"])
                except ValueError:
                    continue
                per_team.setdefault(match["team"], []).append((on, meeting_id))
            for dates in per_team.values():
                dates.sort()
            self._team_meetings = per_team
        dates = self._team_meetings.get(team_id, [])
        at = bisect.bisect_right(dates, (day, "\uffff"))
        return dates[at] if at < len(dates) else None

    def _team_name(self, team_id: str) -> str:
        team = self.dir.teams.get(team_id)
        return team.naam if team is not None else team_id

    def _peek(self, meeting_id: str) -> _Peek | None:
        """What the file of ``meeting_id`` says about its minutes and the minutes it
        approves; None when it cannot be read."""
        if meeting_id in self._peeks:
            return self._peeks[meeting_id]
        peek = _peek_meeting(self.repo.meetings, meeting_id)
        self._peeks[meeting_id] = peek
        return peek

    # --- links between decisions --------------------------------------------------------
    #
    # wijzigt / vervangt / vervolg_op name a decision of an EARLIER meeting: the target
    # exists, its meeting's date lies before this meeting's date. Since every link goes
    # back in time, links cannot form a cycle; a link that does not go back is reported,
    # and when following the links from its target leads back to it, the cycle is named.
    def decision_link(
        self,
        m: Sourced,
        where: tuple[str | int, ...],
        decision_id: str,
        kind: str,
        target: str,
        meeting_id: str,
        own: set[str],
    ) -> None:
        """Report a link to the decision itself, to one of the same meeting, or to none."""
        if target == decision_id:
            self.err(m, where, f"'{kind}' verwijst naar het besluit zelf ('{target}')")
        elif target in own:
            self.err(
                m,
                where,
                f"'{kind}: {target}' is een besluit van dezelfde vergadering ({meeting_id}); "
                "een besluit kan alleen naar een besluit van een eerdere vergadering verwijzen",
            )
        elif self._decision(target) is None and not self._broken(target):
            others = [d for d in self._every_decision() if d not in own]
            hint = did_you_mean(target, others)
            self.err(m, where, f"'{kind}': onbekend besluit '{target}'{hint}")

    def link_date(
        self,
        m: Sourced,
        where: tuple[str | int, ...],
        decision_id: str,
        kind: str,
        target: str,
        day: date,
    ) -> None:
        """Report a link to a decision of a meeting that is not earlier than ``day``."""
        found = self._decision(target)
        if found is None:
            return
        target_meeting, target_day, _ = found
        if target_day < day:
            return
        when = "dezelfde dag" if target_day == day else "later"
        cycle = self._cycle(target, decision_id)
        self.err(
            m,
            where,
            f"'{kind}: {target}' is een besluit van {format_date(target_day)} "
            f"({target_meeting}), {when} dan deze vergadering ({format_date(day)}); een "
            "besluit kan alleen naar een besluit van een eerdere vergadering verwijzen"
            + (f" (kringverwijzing: {' → '.join([decision_id, *cycle])})" if cycle else ""),
        )

    def _cycle(self, start: str, back_to: str) -> list[str]:
        """The path of links from ``start`` that leads back to ``back_to`` ([] if none)."""
        path: list[str] = []
        seen: set[str] = set()

        def walk(current: str) -> bool:
            if current in seen:
                return False
            seen.add(current)
            path.append(current)
            if current == back_to:
                return True
            found = self._decision(current)
            if found is not None and any(walk(t) for _, t in found[2].links()):
                return True
            path.pop()
            return False

        return path if walk(start) else []

    def _decision(self, decision_id: str) -> tuple[str, date, Decision] | None:
        """The decision ``decision_id`` with its meeting's id and date; None when it is
        unknown or its meeting cannot be read. Found in the meeting its id names (ids are
        '<vergadering>-b<n>'), else in any meeting."""
        if decision_id in self._decisions:
            return self._decisions[decision_id]
        match = _DECISION_OF.match(decision_id)
        if match and match["meeting"] in self.repo.meetings:
            self._load_decisions(match["meeting"])
        if decision_id not in self._decisions:
            self._every_decision()
        return self._decisions.get(decision_id)

    def _broken(self, decision_id: str) -> bool:
        """Whether ``decision_id`` may be in a meeting file that cannot be read (that file
        is reported itself): the meeting its id names, or, for an id of another form, any."""
        if not self._broken_meetings:
            return False
        match = _DECISION_OF.match(decision_id)
        return match is None or match["meeting"] in self._broken_meetings

    def _load_decisions(self, meeting_id: str) -> None:
        try:
            meeting = self.repo.meetings[meeting_id]
        except (InvalidDataError, DataFileError, KeyError, OSError):
            self._broken_meetings.add(meeting_id)
            return
        for d in meeting.besluiten:
            self._decisions.setdefault(d.id, (meeting.id, meeting.datum, d))

    def _every_decision(self) -> Collection[str]:
        """Every decision id (every meeting read once: only for a link that is wrong)."""
        if not self._all_decisions:
            self._all_decisions = True
            for meeting_id in list(self.repo.meetings):
                self._load_decisions(meeting_id)
        return self._decisions.keys()

    def decision_id(self, m: Sourced, i: int, decision_id: str) -> None:
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
        self.action_own(a)
        self.action_links(a, action_facts(a))

    def action_own(self, a: Action) -> None:
        self.counts[a.status.value] += 1
        self.body_characters(a)
        self.ground_spans(a)
        path = a.source_path
        folder = _parent_name(path) if path is not None else None
        if folder is not None and folder != a.status.folder:
            self.err(
                a,
                ("status",),
                f"actie met status '{a.status.value}' staat in map '{folder}' "
                f"(hoort in 'acties/{a.status.folder}')",
            )
        if a.status is ActionStatus.AFGEROND and a.afgerond_op is None:
            self.err(a, ("status",), "afgeronde actie heeft een 'afgerond_op' nodig")
        if a.status is ActionStatus.GEANNULEERD and a.geannuleerd_op is None:
            self.err(a, ("status",), "geannuleerde actie heeft een 'geannuleerd_op' nodig")
        # a closing or cancelling date belongs to that status only
        for key, status in (
            ("afgerond_op", ActionStatus.AFGEROND),
            ("geannuleerd_op", ActionStatus.GEANNULEERD),
        ):
            if getattr(a, key) is not None and a.status is not status:
                what = (
                    "open actie" if a.status is ActionStatus.OPEN else f"actie ({a.status.value})"
                )
                self.err(
                    a,
                    (key,),
                    f"{what} heeft een '{key}'; zet status op {status.value} of verwijder de datum",
                )

    def action_links(self, a: Sourced, facts: list[Any]) -> None:
        (team, group, line, meeting, closed_in, involved, wie, closed, updates, when, status) = (
            facts[:11]
        )
        cancelled_in, cancelled = facts[11:13]
        self.ref(a, ("team",), team, self.teams, "team")
        self.ref(a, ("werkgroep",), group, self.teams, "werkgroep")
        if group in self.dir.teams and self.dir.teams[group].ouder not in (None, team):
            self.err(a, ("werkgroep",), f"werkgroep '{group}' hoort niet bij team '{team}'")
        self.ref(a, ("actielijn",), line, self.repo.action_lines, "actielijn")
        self.ref(a, ("vergadering",), meeting, self.repo.meetings, "vergadering")
        self.ref(a, ("afgerond_in",), closed_in, self.repo.meetings, "vergadering")
        self.ref(a, ("geannuleerd_in",), cancelled_in, self.repo.meetings, "vergadering")
        for word, key, in_meeting, on in (
            ("afgerond", "afgerond", closed_in, closed),
            ("geannuleerd", "geannuleerd", cancelled_in, cancelled),
        ):
            self.date_of_meeting(a, word, key, in_meeting, on)
        for i, ref in enumerate(involved):
            if self.missing(ref, self.refs):
                hint = did_you_mean(ref, self.refs)
                self.err(
                    a, ("betrokkenen", i), f"onbekende persoon, organisatie of team '{ref}'{hint}"
                )
        self.wie_and_refs(a, wie, involved)
        origin = self.meeting_date(meeting)
        closed_on = date.fromisoformat(closed) if closed else None
        if closed_on and closed_on > self.today:
            self.err(
                a,
                ("afgerond_op",),
                f"afgerond op {format_date(closed_on)}, na vandaag "
                f"({format_date(self.today)}); klopt de datum?",
                error=False,
            )
        if origin and closed_on and closed_on < origin:
            self.err(
                a,
                ("afgerond_op",),
                f"afgerond op {closed_on}, vóór de vergadering van {origin} "
                "waarin de actie ontstond",
            )
        for i, update_meeting in enumerate(updates):
            self.ref(
                a, ("updates", i, "vergadering"), update_meeting, self.repo.meetings, "vergadering"
            )
        due = parse_due(when, origin)
        if due.kind is DueKind.UNKNOWN:
            self.err(
                a, ("wanneer",), f"'{when}' is niet als datum of periode te lezen", error=False
            )
        elif (
            due.kind in (DueKind.DATE, DueKind.PERIOD)
            and due.end is None
            and ActionStatus(status).active
        ):
            self.err(
                a,
                ("wanneer",),
                f"'{when}' noemt geen jaar en de actie heeft geen vergadering waaruit het "
                "jaar volgt, dus ze raakt nooit verlopen; schrijf het jaar erbij",
                error=False,
            )

    def date_of_meeting(
        self, a: Sourced, word: str, key: str, in_meeting: str | None, on: str | None
    ) -> None:
        """'<key>_in M' with a '<key>_op' other than M's date (a warning: backfilling a
        past meeting takes its date)."""
        meeting_day = self.meeting_date(in_meeting)
        if meeting_day is None or on is None or date.fromisoformat(on) == meeting_day:
            return
        self.err(
            a,
            (f"{key}_op",),
            f"{word} op {format_date(date.fromisoformat(on))}, maar '{key}_in' noemt de "
            f"vergadering van {format_date(meeting_day)} ({in_meeting}); klopt de datum?",
            error=False,
        )

    def wie_and_refs(self, a: Sourced, wie: str, involved: list[str]) -> None:
        """'wie' (the text) and 'betrokkenen' (the ids --owner searches) must agree: a hand
        edit of one alone makes the owner query answer from stale ids. An unknown id in
        'betrokkenen' is an error of its own, and the cause of any mismatch: no warning."""
        if not all(self.dir.known(ref) for ref in involved):
            return
        not_in_refs, not_in_text = self.dir.wie_mismatch(wie, involved)
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
        self.action_line_own(line)
        self.action_line_links(line, action_line_facts(line))

    def action_line_own(self, line: ActionLine) -> None:
        self.body_characters(line)

    def action_line_links(self, line: Sourced, facts: list[Any]) -> None:
        domain, team, group, leads, partners = facts
        self.ref(line, ("domein",), domain, self.domains, "domein")
        self.ref(line, ("team",), team, self.teams, "team")
        self.ref(line, ("werkgroep",), group, self.teams, "werkgroep")
        for i, t in enumerate(leads):
            self.ref(line, ("trekkers", i), t, self.refs, "trekker")
        for i, org in enumerate(partners):
            self.ref(line, ("partners", i), org, self.refs, "partner")

    # --- one file of any kind (validate in bulk) --------------------------------------
    def own(self, obj: Sourced) -> list[Any]:
        """The checks of ``obj`` of its own; gives its facts, for :meth:`links`."""
        if isinstance(obj, Meeting):
            self.meeting_own(obj)
            return meeting_facts(obj)
        if isinstance(obj, Action):
            self.action_own(obj)
            return action_facts(obj)
        assert isinstance(obj, ActionLine)
        self.action_line_own(obj)
        return action_line_facts(obj)

    def links(self, kind: int, where: Sourced, facts: list[Any]) -> None:
        """The checks across files of a file of ``MODELS[kind]`` from its facts;
        ``where`` places their problems (the object, or a stand-in: see :func:`stand_in`)."""
        (self.meeting_links, self.action_links, self.action_line_links)[kind](where, facts)

    def important_dates(self) -> None:
        for d in self.repo.important_dates:
            self.ref(d, ("team",), d.team, self.teams, "team")


MODELS: tuple[type[Sourced], ...] = (Meeting, Action, ActionLine)  # the kinds of data files


# The facts of a file: what its links check, as plain values (JSON: ids, texts, dates as
# ISO text), in a fixed order.
def _body_start(obj: Meeting | Action | ActionLine) -> int | None:
    """The 1-based line of the file where ``obj``'s Markdown body starts (None when the
    file cannot be read again): the body is the end of the file, counted from there."""
    private = obj.__pydantic_private__
    assert private is not None
    try:
        lines = read_text(private["_origin"]).count("\n")
    except (DataFileError, OSError, TypeError):
        return None
    return lines - obj.body.count("\n") + 1


def meeting_facts(m: Meeting) -> list[Any]:
    return [
        m.team,
        m.voorzitter,
        m.secretaris,
        [a.persoon for a in m.aanwezig],
        [a.persoon for a in m.afwezig_met_bericht],
        m.vastgesteld_in,
        m.vorige_vergadering,
        [
            [
                d.id,
                d.domein,
                d.werkgroep,
                d.actielijn,
                _link_facts(d),
                d.acties,
            ]
            for d in m.besluiten
        ],
        m.id,
        m.datum.isoformat(),
        # the meeting cycle (see Checker.cycle_links)
        m.notulen_status.value,
        [a.persoon for a in m.gasten],
        [a.persoon for a in m.verwacht],
        [[i, d.stelt_vast] for i, d in enumerate(m.besluiten) if d.stelt_vast],
        [[i, j, action] for i, item in enumerate(m.agenda) for j, action in enumerate(item.acties)],
        # notes printed next to an attendee (see Checker.notes_beside_redactions)
        [
            [key, i, a.persoon, a.noot]
            for key in ("aanwezig", "afwezig_met_bericht", "verwacht", "gasten")
            for i, a in enumerate(getattr(m, key))
            if a.noot
        ],
    ]


def _link_facts(d: Decision) -> list[Any]:
    """[kind, index in that key, decision id] of each link of ``d``."""
    return [
        [kind, j, target]
        for kind, targets in (
            ("wijzigt", d.wijzigt),
            ("vervangt", d.vervangt),
            ("vervolg_op", d.vervolg_op),
        )
        for j, target in enumerate(targets)
    ]


# a decision id as samennw makes them: the meeting's id, '-b', a number
_DECISION_OF = re.compile(r"^(?P<meeting>.+-\d{4}-\d{2}-\d{2})-b\d+$")


_MEETING_ID = re.compile(r"^(?P<team>.+)-(?P<date>\d{4}-\d{2}-\d{2})$")


@dataclass(frozen=True, slots=True)
class _Peek:
    """What a meeting file says about minutes: its status, where they were vastgesteld,
    the meetings whose minutes its decisions approve (stelt_vast)."""

    status: str | None
    adopted_in: str | None
    approves: frozenset[str]


_STATUS_KEY = re.compile(r"^notulen_status:[ \t]*[\"']?([a-z]+)", re.MULTILINE)
_ADOPTED_IN_KEY = re.compile(r"^vastgesteld_in:[ \t]*[\"']?([a-z0-9-]+)", re.MULTILINE)
_APPROVES_KEY = re.compile(r"(?:^|[\s{,])stelt_vast:[ \t]*[\"']?([a-z0-9-]+)", re.MULTILINE)


def _peek_meeting(meetings: Mapping[str, Meeting], meeting_id: str) -> _Peek | None:
    """A quick read of a meeting file's front matter (three keys found by pattern, not a
    full load: the checks of the meeting cycle read the other file of each approval).
    A meeting loaded already is asked directly."""
    loaded = meetings._loaded.get(meeting_id) if isinstance(meetings, LazyFolder) else None
    if loaded is None and not isinstance(meetings, LazyFolder):
        loaded = meetings.get(meeting_id)
    if loaded is not None:
        return _Peek(
            loaded.notulen_status.value,
            loaded.vastgesteld_in,
            frozenset(d.stelt_vast for d in loaded.besluiten if d.stelt_vast),
        )
    try:
        path = meetings._files[meeting_id]  # type: ignore[attr-defined]
        text = meetings._source.read_text(Path(path))  # type: ignore[attr-defined]
        front = split(text.removeprefix("\ufeff").replace("\r\n", "\n"))[0]
    except (DataFileError, OSError, KeyError):
        return None
    status = _STATUS_KEY.search(front)
    adopted_in = _ADOPTED_IN_KEY.search(front)
    return _Peek(
        status[1] if status else None,
        adopted_in[1] if adopted_in else None,
        frozenset(_APPROVES_KEY.findall(front)),
    )


def _first_key(obj: Sourced, *keys: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """The first of ``keys`` that the file of ``obj`` has (else the last)."""
    for key in keys[:-1]:
        if obj.locate(*key).column is not None:
            return key
    return keys[-1]


def _count(n: int, one: str, more: str) -> str:
    return f"{n} {one if n == 1 else more}"


def action_facts(a: Action) -> list[Any]:
    return [
        a.team,
        a.werkgroep,
        a.actielijn,
        a.vergadering,
        a.afgerond_in,
        a.betrokkenen,
        a.wie,
        a.afgerond_op.isoformat() if a.afgerond_op else None,
        [u.vergadering for u in a.updates],
        a.wanneer,
        a.status.value,
        a.geannuleerd_in,
        a.geannuleerd_op.isoformat() if a.geannuleerd_op else None,
    ]


def action_line_facts(line: ActionLine) -> list[Any]:
    return [line.domein, line.team, line.werkgroep, line.trekkers, line.partners]


def stand_in(shown: str, origin: Path) -> Sourced:
    """An object that places problems as the file ``origin``, shown as ``shown``, read in
    bulk would (its lines are read when a problem is reported): for the links of a file
    that is known from its facts."""
    where = Sourced.model_construct()
    private = where.__pydantic_private__
    assert private is not None
    private.update(_path=shown, _lines=None, _origin=origin, _prefix=())
    return where


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
