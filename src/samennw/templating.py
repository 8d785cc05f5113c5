"""Jinja templates: sandboxed, StrictUndefined, overridable by the data repository.

Lookup order for a template name: ``<data repository>/templates/`` first, then the
templates shipped with samennw. Errors name the template and line, in Dutch.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import SamennwError
from .store import PACKAGE_DIR


def packaged_templates() -> Path:
    packaged = PACKAGE_DIR / "_templates"
    return packaged if packaged.is_dir() else PACKAGE_DIR.parents[1] / "templates"


def template_dirs(root: Path | None) -> list[Path]:
    dirs = []
    if root is not None and (root / "templates").is_dir():
        dirs.append(root / "templates")
    dirs.append(packaged_templates())
    return dirs


def environment(root: Path | None, *, html: bool = False) -> Any:
    """A sandboxed Jinja environment with StrictUndefined (autoescape for HTML)."""
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    from .dates import format_date, format_date_long
    from .frontmatter import yaml_scalar

    env = SandboxedEnvironment(
        loader=FileSystemLoader([str(d) for d in template_dirs(root)]),
        undefined=StrictUndefined,
        autoescape=html,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["datum"] = format_date
    env.filters["datum_lang"] = format_date_long
    env.filters["yaml"] = yaml_scalar
    return env


def render_template(
    root: Path | None, name: str, context: dict[str, Any], *, html: bool = False
) -> str:
    """Render ``name``; template errors become Dutch errors naming template and line."""
    import jinja2
    from jinja2.exceptions import SecurityError

    env = environment(root, html=html)
    try:
        template = env.get_template(name)
        return str(template.render(**context))
    except jinja2.TemplateNotFound:
        raise SamennwError(f"sjabloon '{name}' niet gevonden") from None
    except jinja2.TemplateSyntaxError as exc:
        raise SamennwError(
            f"sjabloon '{exc.filename or name}', regel {exc.lineno}: syntaxfout ({exc.message})"
        ) from None
    except jinja2.UndefinedError as exc:
        raise SamennwError(f"{_where(exc, name)}: onbekende variabele ({exc.message})") from None
    except SecurityError as exc:
        raise SamennwError(f"sjabloon '{name}': niet toegestaan ({exc})") from None


def _where(exc: BaseException, name: str) -> str:
    """'file, regel N' from the traceback frame that ran the template."""
    import traceback

    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith((".j2", ".jinja", ".html", ".md", ".xml")):
            return f"sjabloon '{Path(frame.filename).name}', regel {frame.lineno}"
    return f"sjabloon '{name}'"
