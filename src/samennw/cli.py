"""The Typer command line: parse arguments, call one operation, print. Nothing else.

Heavy modules (pydantic, yaml, jinja2, git) are imported inside the commands so that
``samennw --help`` stays instant.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from typer.core import TyperGroup

from .errors import ExitCode, SamennwError


def report_error(exc: SamennwError) -> None:
    from .console import err

    err(f"fout: {exc}")
    problems = getattr(exc, "problems", None) or []
    for p in problems[:20]:
        err(f"  {p}")
    if len(problems) > 20:
        err(f"  … en nog {len(problems) - 20}")


class SamennwGroup(TyperGroup):
    """The one exception handler: library errors become Dutch messages and exit codes."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except SamennwError as exc:
            report_error(exc)
            raise typer.Exit(int(exc.exit_code)) from None
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except Exception as exc:  # a bug: never print locals (they hold meeting data)
            sys.stderr.write(
                f"interne fout ({type(exc).__name__}); meld dit aan de beheerders van "
                "samennw. Gegevensbestanden worden altijd in zijn geheel of niet geschreven.\n"
            )
            raise typer.Exit(int(ExitCode.CRASH)) from None


app = typer.Typer(
    cls=SamennwGroup,
    name="samennw",
    help="Het secretariaat van Samen Nieuw-West als code: vergaderingen, besluiten en acties.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help="Map met de gegevens (met een submap data/). Standaard: de huidige map, "
        "of de meegeleverde gegevens.",
        envvar="SAMENNW_DATA",
        show_default=False,
    ),
]


@app.command("validate", help="Controleer alle gegevensbestanden (schema en verwijzingen).")
def validate_cmd(
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="Alleen meldingen over deze bestanden tonen (pre-commit).",
                       show_default=False),
    ] = None,
    data: DataOption = None,
    fmt: Annotated[
        str, typer.Option("--format", help="Uitvoer: text, github of json.")
    ] = "text",
) -> None:
    from . import validate as v
    from .console import err, out
    from .store import load_repository

    if fmt not in ("text", "github", "json"):
        raise typer.BadParameter(f"onbekend formaat '{fmt}'; kies text, github of json",
                                 param_hint="--format")
    repo = load_repository(data)
    report = v.validate(repo)
    if files:
        report = v.filter_paths(report, files, repo.root)
    if fmt == "json":
        import json

        out(json.dumps(v.as_json(report), ensure_ascii=False, indent=2))
    else:
        for problem in report.problems:
            out(v.format_github(problem) if fmt == "github" else str(problem))
        err(v.summary(report))
    raise typer.Exit(ExitCode.INVALID if report.errors else ExitCode.OK)


@app.command("schema", help="Schrijf JSON Schema's van de bestandssoorten (voor editors).")
def schema_cmd(
    out_dir: Annotated[
        Path, typer.Option("--out", help="Map waarin de schema's komen.")
    ] = Path("schema"),
) -> None:
    from .console import err
    from .schema import write_schemas

    for path in write_schemas(out_dir):
        err(f"geschreven: {path}")


def main(argv: list[str] | None = None) -> Any:
    """Console-script entry point."""
    try:
        return app(args=argv)
    except SamennwError as exc:  # raised outside a command (e.g. in a callback)
        report_error(exc)
        sys.exit(int(exc.exit_code))
