"""The ``samennw render`` commands (documents and the calendar).

No ``from __future__ import annotations``: see :mod:`samennw.cli.app`.
"""

from pathlib import Path
from typing import Annotated, Any

import typer

from samennw.cli.app import DataOption, SamennwCommand, SamennwGroup, app

render_app = typer.Typer(
    cls=SamennwGroup,
    help="Maak documenten: agenda, notulen, actielijst en besluitenlijst (md, html, docx of pdf) "
    "en een agenda-bestand (ics).",
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(render_app, name="render")

RenderFormat = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help="Formaat: md, html, docx (Word) of pdf. Standaard: volgens de extensie van -o "
        "(.md, .html, .docx, .pdf), anders md.",
        show_default=False,
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Schrijf naar dit bestand; de extensie (.md, .html, .docx, .pdf) bepaalt het "
        "formaat als -f ontbreekt (zonder -o: naar het scherm; docx en pdf vereisen -o).",
        show_default=False,
    ),
]
CalendarOutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Schrijf naar dit bestand (bijv. vergaderingen.ics); zonder -o: naar het scherm.",
        show_default=False,
    ),
]
PublicOption = Annotated[
    bool,
    typer.Option(
        "--openbaar",
        help="Openbare versie (Woo): namen van niet-openbare personen en "
        "vertrouwelijke passages worden weggelakt.",
    ),
]
MeetingArgument = Annotated[
    str, typer.Argument(metavar="VERGADERING", help="Code van de vergadering (ab-2023-07-04).")
]
TeamArgument = Annotated[
    str | None,
    typer.Argument(
        metavar="TEAM", help="Team: code, naam of alias (ot-kvdj, 'OT KvdJ').", show_default=False
    ),
]
PeriodOption = Annotated[
    str | None, typer.Option(help="Datum, bijv. 2025-11-25.", show_default=False)
]


def _render(
    data: Path | None,
    output: Path | None,
    op: str | None = None,
    van: str | None = None,
    tot: str | None = None,
    **fields: Any,
) -> None:
    from samennw.clock import creation_stamp, date_arg
    from samennw.console import err, out
    from samennw.render.document import RenderRequest, output_format, render_command

    fields["fmt"] = output_format(fields["kind"], fields.get("fmt"), output)
    today = date_arg(op)
    stamp = creation_stamp(today)
    request = RenderRequest(
        **fields,
        today=today,
        op=today if op else None,
        van=date_arg(van) if van else None,
        tot=date_arg(tot) if tot else None,
        stamp=stamp,
    )
    result = render_command(data, request, output)
    if result is None:
        err(f"geschreven: {output}")
    else:
        out(result.decode("utf-8"))


@render_app.command("agenda", cls=SamennwCommand, help="De agenda van een vergadering.")
def render_agenda_cmd(
    meeting: MeetingArgument,
    fmt: RenderFormat = None,
    output: OutputOption = None,
    openbaar: PublicOption = False,
    data: DataOption = None,
) -> None:
    _render(data, output, kind="agenda", target=meeting, fmt=fmt, public=openbaar)


@render_app.command(
    "notulen", cls=SamennwCommand, help="De notulen van een vergadering, met besluiten en acties."
)
def render_minutes_cmd(
    meeting: MeetingArgument,
    fmt: RenderFormat = None,
    output: OutputOption = None,
    openbaar: PublicOption = False,
    data: DataOption = None,
) -> None:
    _render(data, output, kind="notulen", target=meeting, fmt=fmt, public=openbaar)


@render_app.command("actielijst", cls=SamennwCommand, help="De lopende actielijst van een team.")
def render_action_list_cmd(
    team: Annotated[str, typer.Argument(metavar="TEAM", help="Team: code, naam of alias.")],
    op: Annotated[
        str | None,
        typer.Option(
            "--op",
            help="De lijst zoals die op deze datum was; ook peildatum voor 'verlopen'.",
            show_default=False,
        ),
    ] = None,
    fmt: RenderFormat = None,
    output: OutputOption = None,
    openbaar: PublicOption = False,
    data: DataOption = None,
) -> None:
    _render(data, output, op=op, kind="actielijst", target=team, fmt=fmt, public=openbaar)


@render_app.command(
    "besluitenlijst",
    cls=SamennwCommand,
    help="De besluiten van alle (of één team z'n) vergaderingen.",
)
def render_decisions_cmd(
    team: TeamArgument = None,
    van: PeriodOption = None,
    tot: PeriodOption = None,
    fmt: RenderFormat = None,
    output: OutputOption = None,
    openbaar: PublicOption = False,
    data: DataOption = None,
) -> None:
    _render(
        data, output, van=van, tot=tot, kind="besluitenlijst", target=team, fmt=fmt, public=openbaar
    )


@render_app.command(
    "ics",
    cls=SamennwCommand,
    help="Vergaderingen en belangrijke data als agenda-bestand (iCalendar).",
)
def render_calendar_cmd(
    team: TeamArgument = None,
    output: CalendarOutputOption = None,
    openbaar: PublicOption = False,
    data: DataOption = None,
) -> None:
    _render(data, output, kind="ics", target=team, fmt="ics", public=openbaar)
