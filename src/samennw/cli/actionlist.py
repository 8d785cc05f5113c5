"""``import-actions`` (``importeer-acties``): a team's running action list into the data.

No ``from __future__ import annotations``: see :mod:`samennw.cli.app`.
"""

from pathlib import Path
from typing import Annotated

import typer

from samennw.cli.app import CommitOption, DataOption, SamennwCommand, app
from samennw.cli.importing import DryRunOption, run_import

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
    from samennw.ops.import_actions import import_actions

    run_import(import_actions, file, team, datum, dry_run=dry_run, commit=commit, data=data)
