"""The status commands beyond close and heropen: in-uitvoering (start), blokkeer (block)
and annuleer (cancel). Each calls one operation of :mod:`samennw.ops.actions`.

No ``from __future__ import annotations``: see :mod:`samennw.cli.app`.
"""

from typing import Annotated

import typer

from samennw.cli.app import (
    ActionIdArgument,
    CommitOption,
    DataOption,
    DateOption,
    MeetingOption,
    NoteOption,
    SamennwCommand,
    _status_change,
    app,
)

ReasonOption = Annotated[
    str,
    typer.Option("--reden", help="Waarom (verplicht; komt in 'reden' van de actie)."),
]


@app.command(
    "in-uitvoering",
    cls=SamennwCommand,
    help="Zet een open of geblokkeerde actie op 'in uitvoering' (blijft op de lijst).",
)
@app.command(
    "start", cls=SamennwCommand, help="Zet een actie in uitvoering (zelfde als 'in-uitvoering')."
)
def start_cmd(
    action_id: ActionIdArgument,
    datum: DateOption = None,
    toelichting: NoteOption = None,
    vergadering: MeetingOption = None,
    commit: CommitOption = False,
    data: DataOption = None,
) -> None:
    _status_change("start_action", action_id, datum, toelichting, vergadering, commit, data)


@app.command(
    "blokkeer",
    cls=SamennwCommand,
    help="Zet een actie op 'geblokkeerd', met een reden (blijft op de lijst).",
)
@app.command("block", cls=SamennwCommand, help="Blokkeer een actie (zelfde als 'blokkeer').")
def block_cmd(
    action_id: ActionIdArgument,
    reden: ReasonOption,
    datum: DateOption = None,
    toelichting: NoteOption = None,
    vergadering: MeetingOption = None,
    commit: CommitOption = False,
    data: DataOption = None,
) -> None:
    _status_change(
        "block_action", action_id, datum, toelichting, vergadering, commit, data, reason=reden
    )


@app.command(
    "annuleer",
    cls=SamennwCommand,
    help="Annuleer een actie, met een reden, en verplaats haar naar 'afgerond'.",
)
@app.command("cancel", cls=SamennwCommand, help="Annuleer een actie (zelfde als 'annuleer').")
def cancel_cmd(
    action_id: ActionIdArgument,
    reden: ReasonOption,
    datum: DateOption = None,
    toelichting: NoteOption = None,
    vergadering: MeetingOption = None,
    commit: CommitOption = False,
    data: DataOption = None,
) -> None:
    _status_change(
        "cancel_action", action_id, datum, toelichting, vergadering, commit, data, reason=reden
    )
