"""Jinja templates: sandboxed, strict, overridable by the data repository.

Lookup order for a template name: ``<data repository>/templates/`` first, then the
templates shipped with samennw. Templates arrive through pull requests and are rendered
in CI, so they run in Jinja's sandbox, with StrictUndefined (a typo is a Dutch error
naming the template and line) and autoescaping for HTML and for the XML that becomes a
Word document. Symbolic links are refused anywhere below ``templates/`` (and
``templates/`` itself): a template reads only files inside the template folders.
"""

from __future__ import annotations

import contextlib
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samennw.errors import SamennwError
from samennw.storage.paths import PACKAGE_DIR

if TYPE_CHECKING:
    from jinja2 import BaseLoader
    from jinja2.sandbox import SandboxedEnvironment
    from markupsafe import Markup


class RenderError(SamennwError):
    """A template is missing or broken, or an output cannot be written."""


# --- lookup and environment ----------------------------------------------------------


def packaged_templates() -> Path:
    """The templates shipped with samennw (wheel: ``_templates``; checkout: ``templates``)."""
    packaged = PACKAGE_DIR / "_templates"
    return packaged if packaged.is_dir() else PACKAGE_DIR.parents[1] / "templates"


def template_dirs(repo_root: Path | None) -> list[Path]:
    """Where templates are looked up, first match wins: the repository's, then ours.

    A repository ``templates/`` folder that is a symbolic link is refused: it could
    point anywhere on the machine that renders (CI).
    """
    dirs = []
    if repo_root is not None:
        own = repo_root / "templates"
        if own.is_symlink():
            raise RenderError(
                f"map 'templates' is een symbolische koppeling ({own}); niet toegestaan "
                "(niets gelezen)"
            )
        if own.is_dir():
            dirs.append(own)
    if packaged_templates() not in dirs:
        dirs.append(packaged_templates())
    return dirs


def safe_candidate(folder: Path, name: str) -> Path:
    """``folder/name``, refused (RenderError) if it could lead outside ``folder``.

    Every path component below ``folder`` is checked: a symbolic link anywhere
    (``templates/sub -> /``) is refused, and the resolved path must lie inside the
    resolved folder. The file need not exist. Nothing is read.
    """
    parts = name.replace("\\", "/").split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise RenderError(f"sjabloon '{name}': ongeldige naam (niets gelezen)")
    path = folder
    for part in parts:
        path = path / part
        if path.is_symlink():
            shown = "/".join([folder.name, *path.relative_to(folder).parts])
            raise RenderError(
                f"sjabloon '{name}': '{shown}' is een symbolische koppeling; niet toegestaan "
                "(niets gelezen)"
            )
        if not path.exists():
            break
    base = folder.resolve()
    if not path.resolve().is_relative_to(base):
        raise RenderError(f"sjabloon '{name}' ligt buiten de map {folder} (niets gelezen)")
    return folder.joinpath(*parts)


def find_template_file(name: str, repo_root: Path | None) -> Path:
    """A non-Jinja template file (the Word base document) by name, override first."""
    for folder in template_dirs(repo_root):
        path = safe_candidate(folder, name)
        if path.is_file():
            return path
    raise RenderError(f"sjabloon '{name}' niet gevonden (gezocht in {_shown(repo_root)})")


def _shown(repo_root: Path | None) -> str:
    return ", ".join(str(d) for d in template_dirs(repo_root))


def _loader(dirs: list[Path]) -> BaseLoader:
    from jinja2 import BaseLoader, TemplateNotFound

    class ConfinedLoader(BaseLoader):
        """Loads templates from ``dirs`` only: no symbolic links, nothing outside them.

        A template must not read ``/etc/…`` or ``/proc/self/environ`` through a link or
        ``..``; see :func:`safe_candidate`.
        """

        def get_source(self, environment: Any, template: str) -> Any:
            for folder in dirs:
                path = safe_candidate(folder, template)
                if not path.is_file():
                    continue
                try:
                    source = path.read_text(encoding="utf-8")
                except UnicodeDecodeError:
                    raise RenderError(f"sjabloon '{template}' is geen UTF-8-tekst") from None
                mtime = path.stat().st_mtime

                def uptodate(path: Path = path, mtime: float = mtime) -> bool:
                    try:
                        return path.stat().st_mtime == mtime
                    except OSError:
                        return False

                return source, str(path), uptodate
            raise TemplateNotFound(template)

    return ConfinedLoader()


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
    env.filters["breekbaar"] = breakable
    env.filters["md_tekst"] = md_text
    env.filters["datum"] = _date_filter(long=False)
    env.filters["datum_lang"] = _date_filter(long=True)
    env.filters["yaml"] = _yaml_scalar
    return env


def _yaml_scalar(value: object) -> str:
    """A YAML value in a data file (vergadering.md.j2): without control characters, which
    yaml_scalar would otherwise keep as escapes."""
    from samennw.safetext import printable
    from samennw.storage.frontmatter import yaml_scalar

    return yaml_scalar(printable(value) if isinstance(value, str) else value)


def _date_filter(*, long: bool) -> Any:
    from samennw.model.dates import format_date, format_date_long

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

    if isinstance(exc, TemplateNotFound):
        return RenderError(f"sjabloon '{exc.name}' niet gevonden (gezocht in {_shown(repo_root)})")
    path: str | None = None
    line: int | None = None
    if isinstance(exc, TemplateSyntaxError):
        path, line = exc.filename, exc.lineno
        reason = f"syntaxfout in het sjabloon (Jinja: {exc.message or exc})"
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
        else:  # a Python error inside the template: Dutch, the original in parentheses
            reason = f"het sjabloon loopt vast ({type(exc).__name__}: {message})"
    shown = Path(path) if path else None
    if shown is not None and repo_root is not None:
        with contextlib.suppress(ValueError):
            shown = shown.relative_to(repo_root)
    where = f"sjabloon '{shown.name if shown is not None else name}'"
    if shown is not None and shown.name != str(shown):
        where += f" ({shown})"  # which one: the repository's override or ours
    return RenderError(where + (f", regel {line}" if line else "") + f": {reason}")


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


def breakable(text: object) -> Markup:
    """HTML text in which a line may break after a slash before a letter.

    ``Werkgroep/Raymond/Tjalling`` is one word to a browser; ``<wbr>`` lets it wrap at
    the slashes (``25/11`` stays whole). The text is escaped first, so this is safe.
    """
    from markupsafe import Markup, escape

    return Markup(_SLASH_BEFORE_LETTER.sub("/<wbr>", str(escape(text))))


_SLASH_BEFORE_LETTER = re.compile(r"/(?=[^\W\d_])")


def md_cell(text: object, markdown: bool = False) -> str:
    """A Markdown table cell: one line, pipes escaped, line breaks as ``<br>``.

    Plain text (the default: wat, wie, wanneer) reads back exactly as written: Markdown
    characters are backslash-escaped, ``<`` and ``>`` become entities and an ``&`` that
    would start an entity becomes ``&amp;``. With ``markdown=True`` (toelichting) the
    inline Markdown stays; only pipes and raw HTML are neutralised.
    """
    text = str(text)
    if markdown:
        text = text.replace("\\|", "|")  # the writer's own escape: escaped once below
    else:
        text = _MD_CELL_SPECIAL.sub(r"\\\g<0>", text)
        text = _ENTITY_START.sub("&amp;", text)
    text = text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
    lines = (line.strip() for line in text.strip().splitlines())
    return "<br>".join(line for line in lines if line)


_MD_CELL_SPECIAL = re.compile(r"[\\`*_\[\]~]")
_ENTITY_START = re.compile(r"&(?=#?[0-9A-Za-z]+;)")


def md_text(text: str) -> str:
    """Plain text in a Markdown paragraph: emphasis, code and HTML characters escaped."""
    text = re.sub(r"([\\`*_<>])", r"\\\1", str(text))
    return re.sub(r"^([#+-]|\d+[.)])(?=\s)", r"\\\1", text)  # not a heading or list
