"""Plan, render and write the site: only the pages whose inputs changed are rendered.

Pages and their inputs (hashed into the manifest next to each file):

* ``vergaderingen/<jaar>/<id>-agenda.html`` and ``-notulen.html`` (the minutes only once
  vastgesteld: concept minutes are not published): the meeting file, the action files
  that refer to the meeting or that its agenda lists;
* ``teams/<team>.html``: the action list of a team and its werkgroepen: their action and
  meeting files, the action lines, belangrijke-data.yaml and the day it is judged on;
* every page also: partners.yaml, the templates, samennw's version and code.

The whole-site pages (index, years, besluitenlijst, open data) are made every run from
the per-file records (:mod:`samennw.site.records`), which are cached, so a rebuild after
one changed meeting reads and renders little.

The documents are the public versions of ``samennw render … --openbaar``: the same
context functions, the same redaction, the same templates (``site/document.html.j2``
extends the document's own template and only puts the navigation above it).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

from samennw import __version__
from samennw.errors import SamennwError
from samennw.site.output import (
    FORMAT,
    MANIFEST,
    discard,
    fresh_folder,
    read_manifest,
    reuse_file,
    swap_in,
    write_file,
)
from samennw.site.records import (
    MemoRedactor,
    Record,
    SiteRepository,
    action_record,
    file_map,
    meeting_record,
    sha256,
)
from samennw.storage.repository import Repository, check_id

Nav = list[dict[str, str]]


@dataclass(frozen=True, slots=True)
class Page:
    path: str  # relative, POSIX
    kind: str  # agenda, notulen, actielijst
    target: str
    inputs: str  # hash of everything the page is made of
    root: str  # from the page back to the site's root: '', '../', '../../'
    nav: tuple[tuple[str, str], ...]


@dataclass
class SiteReport:
    out: Path
    rendered: int = 0
    reused: int = 0
    files: int = 0
    seconds: float = 0.0
    left: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        lines = [
            f"site geschreven: {self.out} ({self.files} bestanden; {self.rendered} pagina's "
            f"opnieuw gemaakt, {self.reused} ongewijzigd; {self.seconds:.1f} s)"
        ]
        if self.left:
            lines.append(f"let op: niet opgeruimd van de vorige site: {', '.join(self.left)}")
        return lines


# --- the Woo guard ----------------------------------------------------------------------


def woo_guard(repo: Repository, paths: list[Path]) -> None:
    """THE single call site of the Woo guard (:mod:`samennw.woo.guard`) for the site.

    The site and its open data are made of every data file. ``paths``: the meeting and
    action files not known to have passed the guard (a file passed in an earlier run
    under the same partners.yaml, geen-personen.yaml and samennw code need not be
    scanned again: its record in the site cache says so) and every action-line file.
    While one holds a name of a person the data does not know, nothing is rendered or
    written and the records are not cached (UnknownNamesError, in Dutch).
    """
    from samennw.woo.guard import refuse_unknown_names

    lines = [Path(p) for p in file_map(repo.action_lines).values()]
    refuse_unknown_names(repo, paths + lines)


# --- records and the site repository ------------------------------------------------------


def _cache_version(repo: Repository, partners_sha: str) -> str:
    """Records hold redacted text (partners.yaml) and passed the guard (its allowlist)."""
    from samennw.storage.cachefile import code_stamp
    from samennw.woo.allowlist import FILE_NAME

    allowed = sha256(_read_bytes(repo.data_dir / FILE_NAME))[:16]
    return f"site{FORMAT}:{__version__}:{code_stamp()}:{partners_sha}:{allowed}"


@dataclass
class Records:
    meetings: dict[str, Record]
    actions: dict[str, Record]
    others: dict[str, str]  # hashes of partners.yaml, belangrijke-data.yaml, actielijnen
    unchecked: list[Path]  # files read this run: not yet through the Woo guard
    save: Callable[[], None]  # keep the records (once the guard has passed)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def load_records(repo: Repository, redactor: MemoRedactor, cache: bool) -> Records:
    """The records of every meeting and action, cached per file."""
    from samennw.storage import cachefile

    root = repo.root
    partners_sha = sha256(_read_bytes(repo.data_dir / "partners.yaml"))
    folder, key = cachefile.cache_key(root, cache)
    path = folder / "site.json"
    version = _cache_version(repo, partners_sha)
    unchecked: list[Path] = []
    started = time.time_ns()
    old = cachefile.read(path, key, version) if key is not None else {}
    new: dict[str, cachefile.Entry] = {}

    def records(mapping: Any, make: Callable[[Any, bytes], Record]) -> dict[str, Record]:
        found: dict[str, Record] = {}
        prefix = str(root) + os.sep
        for ident, name in sorted(file_map(mapping).items()):
            shown = name.removeprefix(prefix)
            file = Path(name)

            def read(ident: str = ident, file: Path = file) -> tuple[Record, bool]:
                obj = mapping[ident]  # parsed (and kept) by the repository; errors raise
                unchecked.append(file)
                return make(obj, _read_bytes(file)), True

            found[ident] = cachefile.reuse_or_read(file, shown, old, new, read)
        return found

    meetings = records(repo.meetings, lambda m, b: meeting_record(m, b, redactor))
    actions = records(repo.actions, lambda a, b: action_record(a, b, redactor))
    others = {"partners": partners_sha}
    others["belangrijke-data"] = sha256(_read_bytes(repo.data_dir / "belangrijke-data.yaml"))
    lines = hashlib.sha256()
    for ident, file in sorted(file_map(repo.action_lines).items()):
        lines.update(ident.encode() + b"\0" + _read_bytes(Path(file)) + b"\0")
    others["actielijnen"] = lines.hexdigest()

    def save() -> None:
        if key is not None and (unchecked or len(new) != len(old)):  # else: as it is
            cachefile.write(path, key, version, new, started)

    return Records(meetings, actions, others, unchecked, save)


def site_repository(
    repo: Repository, meetings: dict[str, Record], actions: dict[str, Record]
) -> SiteRepository:
    refs: dict[str, list[str]] = {}
    for ident, rec in actions.items():
        for ref in rec["refs"]:
            refs.setdefault(ref, []).append(ident)
    return SiteRepository.around(
        repo,
        action_teams={i: r["team"] for i, r in actions.items()},
        action_refs=refs,
        meeting_keys={i: (r["team"], date.fromisoformat(r["datum"])) for i, r in meetings.items()},
    )


def templates_digest(root: Path) -> str:
    from samennw.render.templating import template_dirs

    digest = hashlib.sha256()
    for folder in template_dirs(root):
        for top, dirs, names in sorted(os.walk(folder)):
            dirs.sort()
            for name in sorted(names):
                path = Path(top) / name
                digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
                digest.update(_read_bytes(path) + b"\0")
    return digest.hexdigest()


# --- planning -----------------------------------------------------------------------------


def _hash(*parts: Any) -> str:
    return sha256(json.dumps(parts, sort_keys=True, separators=(",", ":")).encode())


def meeting_paths(rec: Record) -> tuple[str, str | None]:
    """(agenda page, minutes page or None) of a meeting, its id checked first."""
    ident = check_id(rec["id"])
    folder = f"vergaderingen/{rec['datum'][:4]}"
    notulen = f"{folder}/{ident}-notulen.html" if rec["notulen_status"] == "vastgesteld" else None
    return f"{folder}/{ident}-agenda.html", notulen


def list_key(rec: Record) -> str:
    """What an action list shows of a meeting beyond its date: the decisions put on the
    list, with the titles of their agenda items ('' for most meetings)."""
    listed = [d for d in rec["besluit_data"] if d.get("actielijst")]
    return _hash(listed, rec["agenda"]) if listed else ""


def top_teams(repo: Repository) -> list[Any]:
    """The teams with an action list of their own page (werkgroepen are sections of it)."""
    teams = [t for t in repo.partners.teams if not t.ouder]
    return sorted(teams, key=lambda t: t.naam.casefold())


def plan_pages(
    repo: SiteRepository,
    meetings: dict[str, Record],
    actions: dict[str, Record],
    others: dict[str, str],
    today: date,
) -> list[Page]:
    from samennw.model.people import Directory
    from samennw.render.context import werkgroepen
    from samennw.storage.cachefile import code_stamp

    base = _hash(
        FORMAT,
        __version__,
        code_stamp(),
        templates_digest(repo.root),
        others["partners"],
    )

    def sha_of(ident: str) -> str:
        rec = actions.get(ident)
        return rec["sha"] if rec else ""

    pages: list[Page] = []
    for ident, rec in sorted(meetings.items(), key=lambda kv: (kv[1]["datum"], kv[0])):
        agenda, notulen = meeting_paths(rec)
        year = rec["datum"][:4]
        nav: tuple[tuple[str, str], ...] = (
            ("index.html", "Overzicht"),
            (f"vergaderingen/{year}/index.html", f"Vergaderingen {year}"),
            ("besluitenlijst.html", "Besluitenlijst"),
        )
        listed = sorted(sha_of(a) for a in rec["agenda_acties"])
        inputs = _hash(base, "agenda", rec["sha"], listed)
        pages.append(Page(agenda, "agenda", ident, inputs, "../../", nav))
        if notulen:
            referring = sorted(sha_of(a) for a in repo.action_refs.get(ident, []))
            approving = repo.meeting_keys.get(rec["vastgesteld_in"])
            inputs = _hash(base, "notulen", rec["sha"], listed, referring, str(approving))
            pages.append(Page(notulen, "notulen", ident, inputs, "../../", nav))
    directory = Directory(repo.partners)
    for team in top_teams(repo):
        check_id(team.id)
        family = {team.id, *(g.id for g in werkgroepen(directory, team))}
        own_actions = sorted(r["sha"] for r in actions.values() if r["team"] in family)
        # of its meetings the list shows their dates and the decisions put on it
        # of its meetings the list shows their dates and the decisions put on it (with
        # the titles of their agenda items)
        own_meetings = sorted(
            (r["id"], r["datum"], list_key(r)) for r in meetings.values() if r["team"] in family
        )
        inputs = _hash(
            base,
            "actielijst",
            today.isoformat(),
            own_actions,
            own_meetings,
            others["actielijnen"],
            others["belangrijke-data"],
        )
        nav = (("index.html", "Overzicht"), ("besluitenlijst.html", "Besluitenlijst"))
        pages.append(Page(f"teams/{team.id}.html", "actielijst", team.id, inputs, "../", nav))
    return pages


# --- rendering ----------------------------------------------------------------------------


class Renderer:
    """One Jinja environment (templates compiled once) and one redactor for a whole run."""

    def __init__(self, repo: SiteRepository, redactor: MemoRedactor, today: date) -> None:
        from samennw.render.templating import make_environment

        self.repo, self.redactor, self.today = repo, redactor, today
        self.env = make_environment(repo.root)
        self.env.filters["markdown"] = markdown_filter()

    def render(self, name: str, context: dict[str, Any]) -> str:
        from samennw.render.templating import template_error

        try:
            return self.env.get_template(name).render(context)
        except SamennwError:
            raise
        except Exception as exc:  # a (repository-supplied) template failed
            raise template_error(exc, name, self.repo.root) from None

    def document_context(self, kind: str, target: str) -> dict[str, Any]:
        """What ``build_context`` gives for ``render KIND TARGET --openbaar``."""
        from samennw.render import context as rc

        repo = self.repo
        if kind == "agenda":
            context = rc.agenda_context(repo, target)
        elif kind == "notulen":
            repo.focus = target
            try:
                context = rc.notulen_context(repo, target, self.today)
            finally:
                repo.focus = None
        else:
            context = rc.actielijst_context(repo, target, self.today)
        result: dict[str, Any] = self.redactor.apply(context)
        result["openbaar"] = True  # as samennw.render.redact.prepare(public=True)
        return result

    def page(self, page: Page) -> bytes:
        context = self.document_context(page.kind, page.target)
        context["site"] = {
            "document": f"{page.kind}.html.j2",
            "root": page.root,
            "nav": [{"href": h, "tekst": t} for h, t in page.nav],
        }
        return self.render("site/document.html.j2", context).encode("utf-8")


def markdown_filter() -> Callable[[str], Any]:
    """The templates' ``markdown`` filter (samennw.render.templating.markdown_html) with
    one parser for the whole run: building a MarkdownIt parser costs more than using it,
    and a site renders some 40,000 texts. Same parser, same rules, same output."""
    from markupsafe import Markup

    from samennw.render.templating import markdown_parser

    md = markdown_parser()

    def markdown_html(text: str) -> Markup:
        if not text:
            return Markup("")
        tokens = md.parse(text)
        for tok in tokens:  # a heading in the text sits below the document's h1 and h2
            if tok.type in ("heading_open", "heading_close"):
                tok.tag = f"h{max(int(tok.tag[1]), 3)}"
        return Markup(md.renderer.render(tokens, md.options, {}))

    return markdown_html


PARALLEL_FROM = 200  # pages; below this forking costs more than it saves


def render_pages(renderer: Renderer, pages: list[Page], jobs: int) -> dict[str, bytes]:
    """Every page of ``pages``, spread over ``jobs`` processes when there are many."""
    from samennw.storage.parallel import MAX_CHUNKS, map_chunks

    if jobs <= 1 or len(pages) < PARALLEL_FROM:
        return {p.path: renderer.page(p) for p in pages}
    n = min(MAX_CHUNKS, max(jobs * 8, len(pages) // 50))

    def work(i: int) -> list[tuple[str, bytes]]:
        return [(p.path, renderer.page(p)) for p in pages[i::n]]

    return {path: data for chunk in map_chunks(work, n, jobs) for path, data in chunk}


# --- whole-site pages ------------------------------------------------------------------------


def script_csp(html: str, script: str) -> str:
    """``html`` (from _basis.html.j2) with its CSP allowing exactly ``script`` (by hash)."""
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    marker = "default-src 'none'; style-src 'unsafe-inline'\""
    if html.count(marker) != 1:
        from samennw.render.templating import RenderError

        raise RenderError(
            "sjabloon '_basis.html.j2': de Content-Security-Policy is niet de verwachte; "
            "de besluitenlijst van de site kan haar zoekscript niet toestaan"
        )
    return html.replace(
        marker, f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'\""
    )


def levensloop(meetings: list[Record]) -> dict[str, list[str]]:
    """What became of each decision (samennw.ops.show.status_parts, as the besluitenlijst)."""
    from samennw.model.records import Decision
    from samennw.ops.show import DecisionIndex, status_parts

    standins = []
    for rec in meetings:
        decisions = [Decision.model_validate(d) for d in rec["besluit_data"]]
        standins.append(
            SimpleNamespace(
                id=rec["id"],
                datum=date.fromisoformat(rec["datum"]),
                begin=rec["begin"] or None,
                besluiten=decisions,
            )
        )
    index = DecisionIndex(cast(Any, standins))
    return {d.id: status_parts(index, d, outcome=False) for m in standins for d in m.besluiten}


def whole_site(
    renderer: Renderer,
    meetings: dict[str, Record],
    actions: dict[str, Record],
    made: date,
) -> dict[str, bytes]:
    """The index, the year pages, the besluitenlijst and the open data."""
    from markupsafe import Markup

    from samennw.model.dates import format_date, format_date_long
    from samennw.model.records import DecisionOutcome
    from samennw.render.context import PROGRAMME
    from samennw.render.templating import find_template_file
    from samennw.site import opendata

    repo = renderer.repo
    red = renderer.redactor.text
    names = {t.id: red(t.naam) for t in repo.partners.teams}
    ordered = sorted(meetings.values(), key=lambda r: (r["datum"], r["begin"], r["id"]))
    out: dict[str, bytes] = {}
    paths = {r["id"]: meeting_paths(r) for r in ordered}

    years: dict[str, list[Record]] = {}
    for rec in ordered:
        years.setdefault(rec["datum"][:4], []).append(rec)
    for year, recs in years.items():
        rows = []
        for rec in recs:
            agenda, notulen = paths[rec["id"]]
            rows.append(
                {
                    "datum": format_date(date.fromisoformat(rec["datum"])),
                    "datum_iso": rec["datum"],
                    "team": names.get(rec["team"], rec["team"]),
                    "agenda": agenda.rsplit("/", 1)[1],
                    "notulen": notulen.rsplit("/", 1)[1] if notulen else "",
                    "notulen_tekst": "concept, nog niet vastgesteld",
                }
            )
        context: dict[str, Any] = {
            "titel": f"Vergaderingen {year}",
            "vergaderingen": rows,
            "site": {
                "root": "../../",
                "nav": [
                    {"href": "index.html", "tekst": "Overzicht"},
                    {"href": "besluitenlijst.html", "tekst": "Besluitenlijst"},
                ],
            },
        }
        out[f"vergaderingen/{year}/index.html"] = renderer.render(
            "site/jaar.html.j2", context
        ).encode()

    became = levensloop(ordered)
    decisions = []
    for rec in ordered:
        notulen = paths[rec["id"]][1]
        for d in rec["besluiten"]:
            decisions.append(
                {
                    **d,
                    "vergadering": rec["id"],
                    "team_id": rec["team"],
                    "team": names.get(rec["team"], rec["team"]),
                    "datum": format_date(date.fromisoformat(rec["datum"])),
                    "datum_iso": rec["datum"],
                    "jaar": rec["datum"][:4],
                    "levensloop": became.get(d["id"], []),
                    "notulen": notulen or "",
                }
            )
    script = find_template_file("site/besluitenlijst.js", repo.root).read_text(encoding="utf-8")
    if "</script" in script.lower():
        raise SamennwError("site/besluitenlijst.js mag '</script' niet bevatten")
    used_teams = sorted({d["team_id"] for d in decisions}, key=lambda t: names.get(t, t))
    context = {
        "titel": f"Besluitenlijst {PROGRAMME}",
        "openbaar": True,
        "besluiten": decisions,
        "aantal": len(decisions),
        "teams": [{"id": t, "naam": names.get(t, t)} for t in used_teams],
        "jaren": sorted({d["jaar"] for d in decisions}, reverse=True),
        "uitslagen": [o.value for o in DecisionOutcome],
        "script": Markup(script),
        "site": {"root": "", "nav": [{"href": "index.html", "tekst": "Overzicht"}]},
    }
    html = renderer.render("site/besluitenlijst.html.j2", context)
    out["besluitenlijst.html"] = script_csp(html, script).encode("utf-8")

    data_files, listing = opendata.files(ordered, decisions, actions, names, paths)
    out.update(data_files)
    context = {
        "titel": f"{PROGRAMME}: openbare stukken",
        "programma": PROGRAMME,
        "gemaakt_lang": format_date_long(made),
        "aantal_besluiten": len(decisions),
        "teams": [
            {"href": f"teams/{t.id}.html", "naam": names.get(t.id, t.id)} for t in top_teams(repo)
        ],
        "jaren": [
            {"jaar": y, "aantal": len(r), "href": f"vergaderingen/{y}/index.html"}
            for y, r in sorted(years.items(), reverse=True)
        ],
        "open_data": listing,
    }
    out["index.html"] = renderer.render("site/index.html.j2", context).encode("utf-8")
    return out


# --- the command -------------------------------------------------------------------------------


def default_jobs() -> int:
    from samennw.storage.parallel import available_cpus, requested_jobs

    return requested_jobs() or min(8, available_cpus())


def build_site(data: Path | None, out: Path, today: date, jobs: int | None = None) -> SiteReport:
    """``samennw site -o OUT``: write (or bring up to date) the public site in ``out``."""
    from samennw.storage.locking import read_lock
    from samennw.storage.paths import find_root, uses_embedded
    from samennw.storage.repository import lazy_repository

    started = time.perf_counter()
    out = Path(os.path.abspath(out))  # noqa: PTH100 (no symlinks resolved: refused)
    old_manifest = read_manifest(out)  # refuses a folder that is not ours, before anything
    old_files: dict[str, Any] = old_manifest["bestanden"] if old_manifest else {}
    root = find_root(data)
    report = SiteReport(out)
    with read_lock(root):
        repo = lazy_repository(root)
        repo.raise_if_invalid()
        redactor = MemoRedactor(repo.partners)
        records = load_records(repo, redactor, not uses_embedded(data))
        woo_guard(repo, records.unchecked)  # before anything is rendered
        records.save()
        meetings, actions, others = records.meetings, records.actions, records.others
        site_repo = site_repository(repo, meetings, actions)
        pages = plan_pages(site_repo, meetings, actions, others, today)
        renderer = Renderer(site_repo, redactor, today)
        reuse, todo = [], []
        for page in pages:
            entry = old_files.get(page.path)
            if entry and entry.get("invoer") == page.inputs and _unchanged(out / page.path, entry):
                reuse.append(page)
            else:
                todo.append(page)
        rendered = render_pages(renderer, todo, jobs or default_jobs())
        rendered.update(whole_site(renderer, meetings, actions, today))
    inputs = {p.path: p.inputs for p in pages}
    folder = fresh_folder(out)
    try:
        manifest: dict[str, Any] = {}
        for page in reuse:
            if reuse_file(out, folder, page.path):
                manifest[page.path] = old_files[page.path]
            else:  # pragma: no cover - the old file vanished meanwhile
                rendered[page.path] = Renderer.page(renderer, page)
        for rel, data_bytes in sorted(rendered.items()):
            write_file(folder, rel, data_bytes)
            st = (folder / rel).stat()
            manifest[rel] = {
                "sha256": sha256(data_bytes),
                "grootte": st.st_size,
                "mtime_ns": st.st_mtime_ns,
                "invoer": inputs.get(rel),
            }
        body = {
            "samennw": __version__,
            "formaat": FORMAT,
            "bestanden": dict(sorted(manifest.items())),
        }
        write_file(folder, MANIFEST, json.dumps(body, indent=1, ensure_ascii=False).encode())
        report.left = swap_in(folder, out, old_manifest)
    except BaseException:
        discard(folder)
        raise
    report.rendered = len(todo)
    report.reused = len(reuse)
    report.files = len(manifest) + 1
    report.seconds = time.perf_counter() - started
    return report


def _unchanged(path: Path, entry: dict[str, Any]) -> bool:
    """The earlier run's file is still as it wrote it (size and mtime; hard links keep them)."""
    try:
        st = path.stat(follow_symlinks=False)
    except OSError:
        return False
    return st.st_size == entry.get("grootte") and st.st_mtime_ns == entry.get("mtime_ns")
