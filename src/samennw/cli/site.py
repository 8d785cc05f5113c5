"""``samennw site`` / ``publiceer``: the public site with open data, in one folder.

No ``from __future__ import annotations``: see :mod:`samennw.cli.app`.
"""

from pathlib import Path
from typing import Annotated

import typer

from samennw.cli.app import DataOption, OpDate, SamennwCommand, app

_HELP = (
    "Maak een statische website van de openbare versies (Woo): overzicht, actielijst per "
    "team, agenda en vastgestelde notulen per vergadering, een doorzoekbare besluitenlijst "
    "en open data (JSON, CSV, OParl, JSON Schema). Werkt een eerder gemaakte site bij: "
    "alleen gewijzigde pagina's worden opnieuw gemaakt."
)


@app.command("site", cls=SamennwCommand, help=_HELP)
@app.command("publiceer", cls=SamennwCommand, help="Openbare website maken (zelfde als 'site').")
def site_cmd(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Map voor de site: nieuw, leeg, of een eerder door 'samennw site' gemaakte map.",
            show_default=False,
        ),
    ],
    op: OpDate = None,
    data: DataOption = None,
) -> None:
    from samennw.clock import date_arg
    from samennw.console import err
    from samennw.site.build import build_site

    for line in build_site(data, output, date_arg(op)).lines():
        err(line)
