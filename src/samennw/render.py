"""Rendering documents: template lookup, the sandboxed Jinja environment, output.

``render_document`` builds a plain context (:mod:`samennw.render_context`), redacts it
once for every format (:mod:`samennw.render_redact`) and renders it with a Jinja
template: ``templates/<soort>.<md|html|docx>.j2``. A data repository overrides any
template (or the Word base ``basis.docx``) with a file of the same name in its own
``templates/`` folder. Templates arrive through pull requests, so they run in Jinja's
sandbox, with StrictUndefined (a typo is an error naming the template and line) and
autoescaping for HTML and for the XML that becomes the Word document.
"""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import SamennwError
from .store import PACKAGE_DIR, Repository

if TYPE_CHECKING:
    from jinja2 import BaseLoader
    from jinja2.sandbox import SandboxedEnvironment
    from markupsafe import Markup

KINDS = ("agenda", "notulen", "actielijst", "besluitenlijst", "ics")
FORMATS = ("md", "html", "docx")


class RenderError(SamennwError):
    """A template is missing or broken, or an output cannot be written."""


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


# --- templates ------------------------------------------------------------------------


def packaged_templates() -> Path:
    """The templates shipped with samennw (wheel: ``_templates``; checkout: ``templates``)."""
    packaged = PACKAGE_DIR / "_templates"
    return packaged if packaged.is_dir() else PACKAGE_DIR.parents[1] / "templates"


def template_dirs(repo_root: Path | None) -> list[Path]:
    """Where templates are looked up, first match wins: the repository's, then ours."""
    dirs = []
    if repo_root is not None and (repo_root / "templates").is_dir():
        dirs.append(repo_root / "templates")
    if packaged_templates() not in dirs:
        dirs.append(packaged_templates())
    return dirs


def find_template_file(name: str, repo_root: Path | None) -> Path:
    """A non-Jinja template file (the Word base document) by name, override first."""
    for folder in template_dirs(repo_root):
        path = folder / name
        if path.is_symlink():
            raise RenderError(f"sjabloon '{path}' is een symbolische koppeling; niet toegestaan")
        if path.is_file():
            return path
    raise RenderError(f"sjabloon '{name}' niet gevonden (gezocht in {_shown(repo_root)})")


def _shown(repo_root: Path | None) -> str:
    return ", ".join(str(d) for d in template_dirs(repo_root))


def _loader(dirs: list[Path]) -> BaseLoader:
    from jinja2 import FileSystemLoader, TemplateNotFound

    class NoSymlinkLoader(FileSystemLoader):
        """FileSystemLoader that refuses symlinks: a template must not read /etc/…"""

        def get_source(self, environment: Any, template: str) -> Any:
            for folder in self.searchpath:
                candidate = Path(folder, *template.split("/"))
                if candidate.is_symlink():
                    raise TemplateNotFound(f"{template} (symbolische koppeling)")
            return super().get_source(environment, template)

    return NoSymlinkLoader([str(d) for d in dirs], encoding="utf-8")


def _autoescape(name: str | None) -> bool:
    return bool(name) and str(name).endswith((".html.j2", ".docx.j2", ".html", ".xml.j2"))


def make_environment(repo_root: Path | None) -> SandboxedEnvironment:
    """The one Jinja environment: sandboxed, strict, autoescaping HTML and XML."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(
        loader=_loader(template_dirs(repo_root)),
        undefined=StrictUndefined,
        autoescape=_autoescape,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["markdown"] = markdown_html
    env.filters["md_cel"] = md_cell
    env.filters["md_tekst"] = md_text
    env.filters["datum"] = _date_filter(long=False)
    env.filters["datum_lang"] = _date_filter(long=True)
    return env


def _date_filter(*, long: bool) -> Any:
    from .dates import format_date, format_date_long

    def fmt(value: date | str) -> str:
        if isinstance(value, str):
            if not value:
                return ""
            value = date.fromisoformat(value)
        return format_date_long(value) if long else format_date(value)

    return fmt


def render_template(name: str, context: dict[str, Any], repo_root: Path | None) -> str:
    """Render ``name`` with ``context``; template problems become a Dutch RenderError."""
    env = make_environment(repo_root)
    try:
        return env.get_template(name).render(context)
    except SamennwError:
        raise
    except Exception as exc:  # any failure inside a (repository-supplied) template
        raise template_error(exc, name, repo_root) from None


_UNDEFINED = re.compile(r"^'(.+)' is undefined$")
_NO_ATTRIBUTE = re.compile(r"has no attribute '(.+)'$")


def template_error(exc: Exception, name: str, repo_root: Path | None) -> RenderError:
    """Name the template file and line of a Jinja error, in Dutch."""
    from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    from .errors import Location

    if isinstance(exc, TemplateNotFound):
        return RenderError(f"sjabloon '{exc.name}' niet gevonden (gezocht in {_shown(repo_root)})")
    path: str | None = None
    line: int | None = None
    if isinstance(exc, TemplateSyntaxError):
        path, line = exc.filename, exc.lineno
        reason = f"syntaxfout: {exc.message}"
    else:
        tb = exc.__traceback__
        while tb is not None:  # Jinja rewrites frames to point into the template file
            filename = tb.tb_frame.f_code.co_filename
            if filename.endswith(".j2"):
                path, line = filename, tb.tb_lineno
            tb = tb.tb_next
        message = str(exc)
        if isinstance(exc, UndefinedError):
            m = _UNDEFINED.match(message) or _NO_ATTRIBUTE.search(message)
            reason = f"'{m.group(1)}' bestaat niet" if m else f"onbekende waarde ({message})"
        elif isinstance(exc, SecurityError):
            reason = f"niet toegestaan in een sjabloon ({message})"
        else:
            reason = message
    shown = Path(path) if path else None
    if shown is not None and repo_root is not None:
        with contextlib.suppress(ValueError):
            shown = shown.relative_to(repo_root)
    template = shown.name if shown is not None else name
    where = f"sjabloon '{template}'" + (f", regel {line}" if line else "")
    return RenderError(f"fout in {where}: {reason}", Location(shown, line))


# --- filters --------------------------------------------------------------------------


def markdown_parser() -> Any:
    """CommonMark with tables and strikethrough; raw HTML and images are off."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.disable("image")  # a standalone document loads no external resources
    return md


def markdown_html(text: str) -> Markup:
    """Minutes/toelichting Markdown as safe HTML (raw HTML in the source is escaped)."""
    from markupsafe import Markup

    if not text:
        return Markup("")
    md = markdown_parser()
    tokens = md.parse(text)
    for tok in tokens:  # a heading in the text sits below the document's h1 and h2
        if tok.type in ("heading_open", "heading_close"):
            tok.tag = f"h{max(int(tok.tag[1]), 3)}"
    # markdown-it escapes all text and raw HTML is disabled: the result is safe
    return Markup(md.renderer.render(tokens, md.options, {}))


def md_cell(text: str) -> str:
    """A Markdown table cell: one line, pipes escaped, line breaks as <br>."""
    text = str(text).replace("\\", "\\\\").replace("|", "\\|")
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return "<br>".join(line for line in lines if line) if lines else ""


def md_text(text: str) -> str:
    """Plain text in a Markdown paragraph: emphasis, code and HTML characters escaped."""
    text = re.sub(r"([\\`*_<>])", r"\\\1", str(text))
    return re.sub(r"^([#+-]|\d+[.)])(?=\s)", r"\\\1", text)  # not a heading or list


# --- rendering ------------------------------------------------------------------------


def build_context(repo: Repository, req: RenderRequest) -> dict[str, Any]:
    """The redacted, cleaned context of the requested document."""
    from . import render_context as rc
    from .render_redact import prepare

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
    return prepare(context, repo.partners, public=req.public)


def render_document(repo: Repository, req: RenderRequest) -> bytes:
    """Render one document to bytes (UTF-8 text for md/html/ics, a zip for docx)."""
    if req.kind != "ics" and req.fmt not in FORMATS:
        raise RenderError(f"onbekend formaat '{req.fmt}'; kies md, html of docx")
    context = build_context(repo, req)
    stamp = req.stamp or datetime(2000, 1, 1, tzinfo=UTC)
    if req.kind == "ics":
        from .render_ics import render_ics

        return render_ics(context, stamp)
    text = render_template(f"{req.kind}.{req.fmt}.j2", context, repo.root)
    if req.fmt == "docx":
        from .render_docx import render_docx

        base = find_template_file("basis.docx", repo.root)
        return render_docx(text, base, stamp, f"{req.kind}.docx.j2")
    return text.encode("utf-8")


def check_output_path(path: Path) -> None:
    """Refuse an output path before anything is rendered (nothing is written then)."""
    if path.is_dir():
        raise RenderError(f"'{path}' is een map; geef een bestandsnaam op")
    if not path.parent.is_dir():
        raise RenderError(
            f"map '{path.parent}' bestaat niet; maak die eerst aan (niets geschreven)"
        )


def write_output(path: Path, data: bytes) -> None:
    """Write ``data`` atomically: a temporary file in the same folder, fsync, rename."""
    check_output_path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        tmp.replace(path)
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)  # the rename itself survives a crash
        finally:
            os.close(folder)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise RenderError(f"kan '{path}' niet schrijven ({exc.strerror})") from None


def render_command(data: Path | None, req: RenderRequest, output: Path | None) -> bytes | None:
    """What ``samennw render`` does: load, render, write; returns bytes for stdout."""
    from .store import load_repository

    if output is not None:
        check_output_path(output)
    elif req.fmt == "docx" and req.kind != "ics":
        raise RenderError("een Word-bestand kan niet naar het scherm; geef -o BESTAND.docx op")
    repo = load_repository(data)
    repo.raise_if_invalid()
    result = render_document(repo, req)
    if output is None:
        return result
    write_output(output, result)
    return None
