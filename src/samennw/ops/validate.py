"""Checks over a loaded repository: referential integrity, dates, file placement."""

from __future__ import annotations

import functools
import gc
import os
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

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
    _lines_of,
)
from samennw.safetext import first_unsafe
from samennw.storage.bulkload import load_quick, with_path
from samennw.storage.parallel import (
    FORK_FROM,
    MAX_PROCESSES,
    available_cpus,
    chunk_size,
    map_chunks,
    requested_jobs,
)
from samennw.storage.paths import check_name, relative
from samennw.storage.repository import LazyFolder, Repository
from samennw.storage.yamlreader import character_name, read_text

M = TypeVar("M", bound=Sourced)


@dataclass
class Report:
    problems: list[Problem]
    counts: dict[str, int]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.error]


class _Checker:
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
        # are counted and summed up in one line (_not_found), not reported one by one
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
        could not be used (counted for the summary, see :func:`_not_found`)."""
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
    """A pool that holds every id (see _Checker.__init__)."""

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
    known; :meth:`_Checker.missing` counts the others under ``key`` instead of reporting
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


def _not_found(repo: Repository, counts: Mapping[str, int]) -> list[Problem]:
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


def validate(repo: Repository, *, jobs: int | None = None, today: date | None = None) -> Report:
    """Run every check; load problems come first.

    ``today`` (default: :func:`samennw.clock.today`) is when a closing date lies in the
    future (a warning).

    ``jobs`` (default: ``$SAMENNW_JOBS``, else automatic): 1 checks file by file in this
    process; more reads and checks the files in that many processes (see
    :func:`_check_in_bulk`). Automatic: in bulk, one process per CPU, from
    ``BULK_FROM`` files on. The report is the same either way.
    """
    if today is None:
        from samennw.clock import today as clock_today

        today = clock_today()
    checker = _Checker(repo, today)
    if not any(
        p.location.path and str(p.location.path).endswith("partners.yaml") and p.error
        for p in repo.problems
    ):
        checker.partners()
    processes = _bulk_processes(repo, jobs)
    if processes:
        _check_in_bulk(checker, processes)
    else:
        checker.meetings()
        checker.actions()
        checker.action_lines()
    checker.important_dates()
    counts = {
        "bestanden": repo.file_count,
        "vergaderingen": len(repo.meetings),
        "besluiten": checker.counts["besluiten"],
        "acties": len(repo.actions),
        "open": checker.counts["open"],
        "afgerond": checker.counts["afgerond"],
        "actielijnen": len(repo.action_lines),
        "personen": len(repo.partners.personen),
        "organisaties": len(repo.partners.organisaties),
        "teams": len(repo.partners.teams),
    }
    # partners.yaml comes first: the other files refer to it, so its problems are often
    # the root cause of theirs
    partners_file = str(repo.rel(repo.data_dir / "partners.yaml"))
    problems = sorted(
        [*repo.problems, *_not_found(repo, checker.counts), *checker.problems],
        key=lambda p: (
            str(p.location.path) != partners_file,
            str(p.location.path or ""),
            p.location.line or 0,
            p.location.column or 0,
        ),
    )
    return Report(problems=problems, counts=counts)


# --- in bulk, over processes ----------------------------------------------------------
#
# Each process (the parent and forked workers, see samennw.storage.parallel) takes chunks of
# files, reads, parses and validates each file (bulkload.load_quick) and runs every
# check of that one file. It returns per file only its problems, in order, and what
# the checks across files need: the id in the file when it is not the file name, and
# the decision ids with their place among the problems. The parent walks the files in
# the serial order, finds duplicate ids and decision ids, and so builds exactly the
# problem list of the file-by-file path. Clean files return None.

BULK_FROM = FORK_FROM  # files; below this forking costs more than it saves
_MIN_CHUNK = 16  # files
_MODELS: tuple[type[Sourced], ...] = (Meeting, Action, ActionLine)  # order of the checks

# (id in the file, or None if the file did not load; its problems; its decision ids as
# (index into those problems, index of the decision, decision id))
FileRecord = tuple[str | None, list[Problem], list[tuple[int, int, str]]] | None
Task = tuple[int, str, Path]  # (index into _MODELS, file name without .md, path)


def _bulk_processes(repo: Repository, jobs: int | None) -> int:
    """How many processes check the files in bulk; 0: file by file (the reference)."""
    if jobs is None:
        jobs = requested_jobs()
    folders = (repo.meetings, repo.actions, repo.action_lines)
    # LazyFolder's own files; objects loaded before validate are checked file by file
    if not all(isinstance(f, LazyFolder) and not f._loaded for f in folders):
        return 0
    if jobs is not None:
        return jobs if jobs > 1 else 0
    if repo.file_count < BULK_FROM:
        return 0
    return min(available_cpus(), MAX_PROCESSES)


def _check_in_bulk(checker: _Checker, processes: int) -> None:
    repo = checker.repo
    folders = (repo.meetings, repo.actions, repo.action_lines)
    tasks: list[Task] = [
        (kind, key, path)
        for kind, folder in enumerate(folders)
        for key, path in folder._files.items()  # type: ignore[attr-defined]
    ]
    size = chunk_size(len(tasks), processes, _MIN_CHUNK)
    n_chunks = -(-len(tasks) // size)
    files = _FileChecker(repo, checker.today, tasks, size)
    for model in _MODELS:
        model.model_rebuild()  # build the validators once, before forking
    gc_was_enabled = gc.isenabled()
    gc.disable()  # many short-lived objects, no cycles: the collector only costs time here
    try:
        results = map_chunks(files.chunk, n_chunks, processes)
    finally:
        if gc_was_enabled:
            gc.enable()
    for _records, counts in results:
        for name, n in counts.items():
            checker.counts[name] += n
    records = (record for chunk_records, _ in results for record in chunk_records)
    _merge(checker, tasks, records)


class _FileChecker(_Checker):
    """The checks of single files, chunk by chunk (in a worker or in the parent)."""

    def __init__(self, repo: Repository, today: date, tasks: list[Task], size: int) -> None:
        super().__init__(repo, today)
        self.tasks, self.size = tasks, size
        self.later: list[tuple[int, int, str]] = []
        self.prefix = str(repo.root).rstrip(os.sep) + os.sep

    def decision_id(self, m: Meeting, i: int, decision_id: str) -> None:
        self.later.append((len(self.problems), i, decision_id))  # decided in _merge

    def chunk(self, c: int) -> tuple[list[FileRecord], dict[str, int]]:
        self.counts = dict.fromkeys(self.counts, 0)
        records = [self.file(*task) for task in self.tasks[c * self.size : (c + 1) * self.size]]
        return records, self.counts

    def file(self, kind: int, key: str, path: Path) -> FileRecord:
        problems: list[Problem] = []
        self.problems, self.later = problems, []
        name = str(path)
        # The shown name (relative to the root) as a string, by slicing: building Paths
        # costs more than anything else in the checks. Problems get a Path below.
        if name.startswith(self.prefix):
            shown = name[len(self.prefix) :]
        else:
            shown = str(relative(path, self.repo.root))
        obj = load_quick(path, _MODELS[kind], shown, problems, name=name)
        if obj is None:
            return None, problems, []
        obj_id: str = obj.id  # type: ignore[attr-defined]
        check_name(obj, key, problems)  # as store.register
        if isinstance(obj, Meeting):
            self.meeting(obj)
        elif isinstance(obj, Action):
            self.action(obj)
        elif isinstance(obj, ActionLine):
            self.action_line(obj)
        if obj_id == key and not problems and not self.later:
            return None
        return obj_id, [with_path(p) for p in problems], self.later


def _merge(checker: _Checker, tasks: list[Task], records: Iterator[FileRecord]) -> None:
    """Append the files' problems to ``checker.problems`` as the file-by-file path would,
    deciding the checks across files: duplicate ids (per folder) and decision ids."""
    _line_map.cache_clear()  # files may have changed since an earlier run in this process
    root = checker.repo.root
    out = checker.problems
    seen: list[dict[str, Path]] = [{} for _ in _MODELS]  # id -> first file with it
    decisions: dict[str, Path] = {}  # decision id -> last meeting file with it
    for (kind, key, path), record in zip(tasks, records, strict=True):
        obj_id, problems, later = (key, [], []) if record is None else record
        if obj_id is None:  # did not load
            out.extend(problems)
            continue
        start = 0 if obj_id == key else 1  # after the file-name problem
        out.extend(problems[:start])
        if obj_id in seen[kind]:  # as LazyFolder.stream / store.register
            other = relative(seen[kind][obj_id], root)
            out.append(
                Problem(f"dubbele code '{obj_id}' (ook in {other})", _locate(path, root, ("id",)))
            )
        else:
            seen[kind][obj_id] = path
        for at, i, decision_id in later:  # as _Checker.decision_id
            out.extend(problems[start:at])
            start = at
            if decision_id in decisions:
                other = relative(decisions[decision_id], root)
                out.append(
                    Problem(
                        f"dubbele besluitcode '{decision_id}' (ook in {other})",
                        _locate(path, root, ("besluiten", i, "id")),
                    )
                )
            decisions[decision_id] = path
        out.extend(problems[start:])


@functools.lru_cache(maxsize=64)
def _line_map(path: Path) -> Any:
    """A file's line map, read once however many duplicate ids it holds."""
    return _lines_of(path)


def _locate(path: Path, root: Path, key: tuple[str | int, ...]) -> Location:
    """What ``obj.locate(*key)`` gives for the bulk-loaded object of ``path``."""
    lines = _line_map(path)
    while key and key not in lines:
        key = key[:-1]
    pos = lines.get(key) if key else None
    shown = relative(path, root)
    return Location(shown, 1) if pos is None else Location(shown, pos[0], pos[1])


def focus(report: Report, paths: list[Path], root: Path) -> Report:
    """Show the problems of ``paths`` (the pre-commit hook's changed files) first.

    Errors elsewhere still make the repository invalid: they are summed up in one line,
    so a commit that breaks a reference from another file is refused too. A named file
    that does not exist is an error.
    """
    wanted: dict[str, Path] = {}
    for p in paths:
        try:
            wanted[str(p.resolve().relative_to(root.resolve()))] = p
        except ValueError:
            wanted[str(p)] = p
    mine = [pr for pr in report.problems if str(pr.location.path) in wanted]
    missing = [Problem("bestand bestaat niet", Location(p)) for p in paths if not p.exists()]
    elsewhere = [pr for pr in report.errors if str(pr.location.path) not in wanted]
    if elsewhere:
        first = elsewhere[0]
        mine.append(
            Problem(
                f"{len(elsewhere)} fout(en) in andere bestanden, de eerste: {first}",
                Location(None),
            )
        )
    return Report(problems=[*missing, *mine], counts=report.counts)


def summary(report: Report) -> str:
    c = report.counts
    text = (
        f"Gecontroleerd: {c['bestanden']} bestanden — {c['vergaderingen']} vergaderingen, "
        f"{c['besluiten']} besluiten, {c['acties']} acties ({c['open']} open, "
        f"{c['afgerond']} afgerond), {c['actielijnen']} actielijnen, {c['personen']} personen, "
        f"{c['organisaties']} organisaties, {c['teams']} teams."
    )
    n_err, n_warn = len(report.errors), len(report.warnings)
    if n_err:
        text += f"\n{n_err} fout(en), {n_warn} waarschuwing(en)."
    elif n_warn:
        text += f"\nGeen fouten; {n_warn} waarschuwing(en)."
    else:
        text += "\nGeen fouten gevonden."
    return text


def _gh_escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def format_github(problem: Problem) -> str:
    loc: Location = problem.location
    kind = "error" if problem.error else "warning"
    props = []
    if loc.path:
        props.append("file=" + _gh_escape(str(loc.path)).replace(",", "%2C").replace(":", "%3A"))
    if loc.line:
        props.append(f"line={loc.line}")
    if loc.column:
        props.append(f"col={loc.column}")
    head = f"::{kind} {','.join(props)}" if props else f"::{kind}"
    return f"{head}::{_gh_escape(problem.message)}"


def as_json(report: Report) -> dict[str, object]:
    return {
        "geldig": not report.errors,
        "aantallen": report.counts,
        "problemen": [
            {
                "soort": "fout" if p.error else "waarschuwing",
                "bestand": str(p.location.path) if p.location.path else None,
                "regel": p.location.line,
                "kolom": p.location.column,
                "melding": p.message,
            }
            for p in report.problems
        ],
    }
