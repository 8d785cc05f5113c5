"""``import-actions`` (``importeer-acties``): a team's running action list into the data.

No ``from __future__ import annotations``: see :mod:`samennw.cli.app`.
"""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from samennw.cli.app import CommitOption, DataOption, SamennwCommand, _report, app
from samennw.cli.importing import DryRunOption

if TYPE_CHECKING:
    from samennw.ops.import_actions import ImportReport


_HELP = (
    "Importeer de lopende actielijst van een team (.docx, .pdf, .txt of .md): open en "
    "afgeronde acties, besluiten en belangrijke data. Opnieuw importeren voegt niets dubbel toe."
)


@app.command("import-actions", cls=SamennwCommand, help=_HELP)
@app.command(
    "importeer-acties", cls=SamennwCommand, help="Importeer een actielijst (zelfde als "
    "'import-actions')."
)  # fmt: skip
def import_actions_cmd(
    file: Annotated[Path, typer.Argument(metavar="BESTAND", help="De actielijst.")],
    team: Annotated[
        str, typer.Option("--team", help="Het team van de lijst, bijv. ot-kvdj of 'OT KvdJ'.")
    ],
    datum: Annotated[
        str | None,
        typer.Option(
            "--datum",
            help="Datum van de lijst (de vergadering), als de kop geen of een verkeerde noemt.",
            show_default=False,
        ),
    ] = None,
    dry_run: DryRunOption = False,
    commit: CommitOption = False,
    data: DataOption = None,
) -> None:
    from samennw.clock import date_arg
    from samennw.console import err
    from samennw.importing.readers import read_source
    from samennw.ops.import_actions import import_actions

    source = read_source(file)
    on = date_arg(datum) if datum else None
    reports: list[ImportReport] = []

    def plan(repo: Any) -> Any:
        changes, message, report = import_actions(repo, source, team, on)
        reports.append(report)
        return changes, message

    if dry_run:
        from samennw.ops.perform import preview

        err(preview(data, plan).message)
        for line in reports[-1].lines(verbose=True):
            err(line)
        err("proefdraai (--dry-run): er is niets geschreven")
        return
    from samennw.ops.perform import perform

    _report(perform(data, plan, commit=commit))
    for line in reports[-1].lines():
        err(line)
