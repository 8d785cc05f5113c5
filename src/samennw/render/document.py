"""Rendering documents: template lookup, the sandboxed Jinja environment, output.

``render_document`` builds a plain context (:mod:`samennw.render.context`), redacts it
once for every format (:mod:`samennw.render.redact`) and renders it with a Jinja
template: ``templates/<soort>.<md|html|docx>.j2``. A data repository overrides any
template (or the Word base ``basis.docx``) with a file of the same name in its own
``templates/`` folder. Templates arrive through pull requests, so they run in Jinja's
sandbox, with StrictUndefined (a typo is an error naming the template and line) and
autoescaping for HTML and for the XML that becomes the Word document.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samennw.render.templating import RenderError, find_template_file, render_template
from samennw.storage.repository import Repository, atomic_write

if TYPE_CHECKING:
    pass

KINDS = ("agenda", "notulen", "actielijst", "besluitenlijst", "ics")
FORMATS = ("md", "html", "docx", "pdf")
FORMAT_CHOICES = "md, html, docx of pdf"


@dataclass(frozen=True, slots=True)
class RenderRequest:
    """What to render. ``today`` judges overdue actions; ``stamp`` dates the file."""

    kind: str
    target: str | None = None  # meeting id (agenda, notulen) or team (the others)
    fmt: str = "md"
    public: bool = False
    today: date | None = None
    op: date | None = None  # actielijst: the list as it stood on this day
    van: date | None = None  # besluitenlijst: from
    tot: date | None = None  # besluitenlijst: up to and including
    stamp: datetime | None = None  # creation time written into docx/ics (reproducible)


# --- rendering ------------------------------------------------------------------------


def build_context(repo: Repository, req: RenderRequest) -> dict[str, Any]:
    """The redacted, cleaned context of the requested document."""
    from samennw.render import context as rc
    from samennw.render.redact import prepare

    today = req.today or req.op or date(1970, 1, 1)
    if req.kind in ("agenda", "notulen") and not req.target:
        raise RenderError(f"geef de vergadering op: samennw render {req.kind} VERGADERING")
    if req.kind == "agenda":
        context = rc.agenda_context(repo, req.target or "")
    elif req.kind == "notulen":
        context = rc.notulen_context(repo, req.target or "", today)
    elif req.kind == "actielijst":
        if not req.target:
            raise RenderError("geef het team op: samennw render actielijst TEAM")
        context = rc.actielijst_context(repo, req.target, today, req.op)
    elif req.kind == "besluitenlijst":
        if req.van and req.tot and req.van > req.tot:
            raise RenderError("--van ligt na --tot")
        context = rc.besluitenlijst_context(repo, req.target, req.van, req.tot)
    elif req.kind == "ics":
        context = rc.calendar_context(repo, req.target)
    else:
        raise RenderError(f"onbekende documentsoort '{req.kind}'; kies uit {', '.join(KINDS)}")
    if req.public:
        guard_public(repo, req)
    return prepare(context, repo.partners, public=req.public)


def guard_public(repo: Repository, req: RenderRequest) -> None:
    """Refuse a public version while its files hold names of people the data does not
    know (:mod:`samennw.woo.guard`), checking the files the document is made of: a
    meeting's agenda and minutes, the meeting and its team's actions; a team's action
    list, the meetings and actions of the team and its werkgroepen; the besluitenlijst
    and the calendar, the meetings (of the team, if one is given)."""
    from samennw.model.people import Directory
    from samennw.render.context import find_team, werkgroepen
    from samennw.woo.guard import files_of, refuse_unknown_names

    paths = None
    meeting = repo.meetings.get(req.target or "") if req.kind in ("agenda", "notulen") else None
    if meeting is not None:
        paths = files_of([meeting, *repo.actions_of({meeting.team})])
    elif req.kind in ("actielijst", "besluitenlijst", "ics"):
        teams = None
        if req.target:
            directory = Directory(repo.partners)
            team = find_team(directory, req.target)
            teams = {team.id, *(g.id for g in werkgroepen(directory, team))}
        objects: list[object] = list(repo.meetings_of(teams))
        if req.kind == "actielijst" and teams is not None:
            objects += repo.actions_of(teams)
        paths = files_of(objects)
    refuse_unknown_names(repo, paths)


def render_document(repo: Repository, req: RenderRequest) -> bytes:
    """Render one document to bytes (UTF-8 text for md/html/ics, a zip for docx, PDF)."""
    if req.kind != "ics" and req.fmt not in FORMATS:
        raise RenderError(f"onbekend formaat '{req.fmt}'; kies {FORMAT_CHOICES}")
    context = build_context(repo, req)
    stamp = req.stamp or datetime(2000, 1, 1, tzinfo=UTC)
    if req.kind == "ics":
        from samennw.render.ics import render_ics, uid_domain

        return render_ics(context, stamp, uid_domain(repo.root))
    if req.fmt == "pdf":  # the HTML document, printed (render/pdf.py)
        from samennw.render.pdf import html_to_pdf

        return html_to_pdf(render_template(f"{req.kind}.html.j2", context, repo.root), stamp)
    text = render_template(f"{req.kind}.{req.fmt}.j2", context, repo.root)
    if req.fmt == "docx":
        from samennw.render.docx import render_docx

        base = find_template_file("basis.docx", repo.root)
        return render_docx(text, base, stamp, f"{req.kind}.docx.j2")
    return text.encode("utf-8")


SUFFIXES = {
    ".md": "md",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".pdf": "pdf",
    ".ics": "ics",
}


def output_format(kind: str, fmt: str | None, output: Path | None) -> str:
    """The format to render: ``-f`` if given, else the one the ``-o`` suffix names.

    Without ``-f`` and ``-o`` (or with a suffix-less ``-o``): Markdown (the calendar:
    ics). A known suffix that contradicts ``-f`` (``-f md -o x.docx``) and an unknown
    suffix (``x.odt``) are refused before anything is rendered or written.
    """
    default = "ics" if kind == "ics" else "md"
    if fmt is not None and kind != "ics" and fmt not in FORMATS:
        raise RenderError(f"onbekend formaat '{fmt}'; kies {FORMAT_CHOICES}")
    if output is None or not output.suffix:
        return fmt or default
    suffix, name = output.suffix.lower(), output.name
    implied = SUFFIXES.get(suffix)
    if kind == "ics":
        if implied != "ics":
            raise RenderError(
                f"een agenda-bestand heeft de extensie .ics, niet '{name}' (niets geschreven)"
            )
        return "ics"
    if implied == "ics":
        raise RenderError(
            f"de extensie .ics ('{name}') is voor het agenda-bestand (samennw render ics); "
            "kies .md, .html, .docx of .pdf (niets geschreven)"
        )
    if implied is None:
        raise RenderError(
            f"onbekende bestandsextensie '{suffix}' in '{name}'; kies .md, .html, .docx of "
            ".pdf, "
            "of laat -o weg (niets geschreven)"
        )
    if fmt is not None and fmt != implied:
        raise RenderError(
            f"-f {fmt} past niet bij de bestandsnaam '{name}' (.{implied}); laat -f weg of "
            f"gebruik de extensie .{fmt} (niets geschreven)"
        )
    return implied


def check_output_path(path: Path) -> None:
    """Refuse an output path before anything is rendered (nothing is written then)."""
    if path.is_dir():
        raise RenderError(f"'{path}' is een map; geef een bestandsnaam op")
    if not path.parent.is_dir():
        raise RenderError(
            f"map '{path.parent}' bestaat niet; maak die eerst aan (niets geschreven)"
        )


def write_output(path: Path, data: bytes) -> None:
    """Write ``data`` atomically (temporary file in the same folder, fsync, rename)."""
    check_output_path(path)
    atomic_write(path, data)


def render_command(data: Path | None, req: RenderRequest, output: Path | None) -> bytes | None:
    """What ``samennw render`` does: load, render, write; returns bytes for stdout."""
    from samennw.storage.repository import reading

    if output is not None:
        output_format(req.kind, req.fmt, output)  # -f and the suffix of -o agree
        check_output_path(output)
    elif req.fmt in ("docx", "pdf") and req.kind != "ics":
        what = "een Word-bestand" if req.fmt == "docx" else "een PDF"
        raise RenderError(f"{what} kan niet naar het scherm; geef -o BESTAND.{req.fmt} op")
    with reading(data) as repo:  # files are read while rendering
        result = render_document(repo, req)
    if output is None:
        return result
    write_output(output, result)
    return None
