"""``diff`` (``verschil``): what changed in the records between two revisions.

No ``from __future__ import annotations``: see :mod:`samennw.cli.app`.
"""

from typing import Annotated

import typer

from samennw.cli.app import DataOption, SamennwCommand, app

_HELP = (
    "Toon wat er veranderde in de gegevens tussen revisies. Acties (toegevoegd, "
    "afgerond, heropend, andere termijn, eigenaar of tekst), besluiten, vergaderingen "
    "(vastgestelde notulen), personen en teams. Zonder argumenten: van het aftakpunt van "
    "main tot de werkmap; met één revisie: van die revisie tot de werkmap."
)


@app.command("diff", cls=SamennwCommand, help=_HELP)
@app.command("verschil", cls=SamennwCommand, help="Toon wat er veranderde (zelfde als 'diff').")
def diff_cmd(
    base: Annotated[
        str | None,
        typer.Argument(
            metavar="BASIS",
            help="Revisie om mee te vergelijken (standaard: het aftakpunt van main).",
            show_default=False,
        ),
    ] = None,
    head: Annotated[
        str | None,
        typer.Argument(
            metavar="DOEL", help="Revisie tot waar (standaard: de werkmap).", show_default=False
        ),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="Uitvoer: text, markdown of json.")] = "text",
    data: DataOption = None,
) -> None:
    from samennw.console import out
    from samennw.ops.diff import FORMATS, diff_revisions, render

    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise typer.BadParameter(
            f"onbekend formaat '{fmt}'; kies text, markdown of json", param_hint="--format"
        )
    out(render(diff_revisions(data, base, head), fmt))
