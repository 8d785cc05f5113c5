"""The meeting cycle: ``approve`` (``vaststellen``) the minutes of a meeting in a later one.

No ``from __future__ import annotations``: see :mod:`samennw.cli.app`.
"""

from functools import partial
from typing import Annotated

import typer

from samennw.cli.app import CommitOption, DataOption, SamennwCommand, _report, app
from samennw.cli.importing import DryRunOption, _show_preview

_HELP = (
    "Stel de notulen van een vergadering vast in een latere vergadering van hetzelfde "
    "team: zet de status, datum en vergadering en neem het besluit op in die latere "
    "vergadering."
)


@app.command("approve", cls=SamennwCommand, help=_HELP)
@app.command("vaststellen", cls=SamennwCommand, help="Stel notulen vast (zelfde als 'approve').")
def approve_cmd(
    meeting: Annotated[
        str,
        typer.Argument(
            metavar="VERGADERING", help="Vergadering waarvan de notulen vastgesteld worden."
        ),
    ],
    in_meeting: Annotated[
        str,
        typer.Option(
            "--in",
            metavar="VERGADERING",
            help="De latere vergadering waarin ze zijn vastgesteld.",
            show_default=False,
        ),
    ],
    datum: Annotated[
        str | None,
        typer.Option(
            "--datum",
            help="Datum van vaststellen (standaard die van de vergadering van --in).",
            show_default=False,
        ),
    ] = None,
    dry_run: DryRunOption = False,
    commit: CommitOption = False,
    data: DataOption = None,
) -> None:
    from samennw.clock import date_arg
    from samennw.ops.approve import approve_minutes
    from samennw.ops.perform import perform, preview

    on = date_arg(datum) if datum is not None else None  # None: the later meeting's date
    plan = partial(approve_minutes, meeting_id=meeting, in_meeting_id=in_meeting, on=on)
    if dry_run:
        _show_preview(preview(data, plan))
    else:
        _report(perform(data, plan, commit=commit))
