"""Commands that bring records in: ``extract`` (``verwerk``) and ``import-minutes``
(``importeer-notulen``).

No ``from __future__ import annotations``: see :mod:`samennw.cli.app`.
"""

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from samennw.cli.app import CommitOption, DataOption, SamennwCommand, _report, app

if TYPE_CHECKING:
    from samennw.ops.perform import Preview

DryRunOption = Annotated[
    bool,
    typer.Option("--dry-run", help="Toon wat er geschreven zou worden; schrijf niets."),
]


def _show_preview(preview: "Preview") -> None:
    from samennw.console import err

    err(f"proefdraai: {preview.message}")
    for path in preview.writes:
        err(f"  zou schrijven: {path}")
    for path in preview.removes:
        err(f"  zou verwijderen: {path}")
    err("proefdraai (--dry-run): er is niets geschreven")


def _extract_help() -> str:
    return (
        "Verwerk de markeringen in de notulen van een vergadering: '**Actie wie**' wordt "
        "een actie, '**Besluit:** …' een besluit; de nieuwe codes komen in de markeringen."
    )


@app.command("extract", cls=SamennwCommand, help=_extract_help())
@app.command("verwerk", cls=SamennwCommand, help="Verwerk de markeringen (zelfde als 'extract').")
def extract_cmd(
    meeting: Annotated[str, typer.Argument(metavar="VERGADERING", help="Code van de vergadering.")],
    dry_run: DryRunOption = False,
    commit: CommitOption = False,
    data: DataOption = None,
) -> None:
    from samennw.ops.extract import extract
    from samennw.ops.perform import perform, preview

    plan = partial(extract, meeting_id=meeting)
    if dry_run:
        _show_preview(preview(data, plan))
    else:
        _report(perform(data, plan, commit=commit))


@app.command(
    "import-minutes",
    cls=SamennwCommand,
    help="Importeer notulen (.docx, .pdf, .txt of .md): één vergaderbestand per vergadering "
    "in het document, met besluiten en acties.",
)
@app.command(
    "importeer-notulen",
    cls=SamennwCommand,
    help="Importeer notulen (zelfde als 'import-minutes').",
)
def import_minutes_cmd(
    file: Annotated[Path, typer.Argument(metavar="BESTAND", help="Het document.")],
    team: Annotated[str, typer.Option("--team", help="Het team dat vergaderde, bijv. ab.")],
    datum: Annotated[
        str | None,
        typer.Option("--datum", help="Datum, als het document er geen noemt.", show_default=False),
    ] = None,
    dry_run: DryRunOption = False,
    commit: CommitOption = False,
    data: DataOption = None,
) -> None:
    from samennw.ops.import_minutes import import_minutes

    run_import(import_minutes, file, team, datum, dry_run=dry_run, commit=commit, data=data)


def run_import(
    operation: Any,
    file: Path,
    team: str,
    datum: str | None,
    *,
    dry_run: bool,
    commit: bool,
    data: Path | None,
) -> None:
    """An import command: read the document, plan ``operation(repo, source, team, on)``
    (changes, message, report), carry it out or show it (``--dry-run``), then the report."""
    from samennw.clock import date_arg
    from samennw.console import err
    from samennw.importing.readers import read_source
    from samennw.ops.perform import perform, preview

    source = read_source(file)
    on = date_arg(datum) if datum else None
    reports: list[Any] = []

    def plan(repo: Any) -> Any:
        changes, message, report = operation(repo, source, team, on)
        reports.append(report)
        return changes, message

    if dry_run:
        _show_preview(preview(data, plan))
    else:
        _report(perform(data, plan, commit=commit))
    for line in (*source.notes, *reports[-1].lines(verbose=dry_run)):
        err(line)
